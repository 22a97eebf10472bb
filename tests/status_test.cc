// ExceptionMessage: what an error line says of an exception caught at a library boundary.
#include <new>
#include <stdexcept>
#include <string>

#include <doctest/doctest.h>

#include "common/status.h"

TEST_CASE("an exception caught for an error line says out of memory for bad_alloc and its own words otherwise") {
  CHECK(rkn::ExceptionMessage(std::bad_alloc()) == "out of memory");
  CHECK(rkn::ExceptionMessage(std::bad_array_new_length()) == "out of memory");  // a bad_alloc too
  CHECK(rkn::ExceptionMessage(std::runtime_error("disk on fire")) == "disk on fire");
  CHECK(rkn::ExceptionMessage(std::length_error("basic_string::_M_create")) == "basic_string::_M_create");
}
