#include "common/cli_number.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace rkn {
namespace {

TEST_CASE("An option given an empty value after '=' is found, up to the '--' that ends the options") {
  struct Case {
    std::vector<std::string> args;
    const char* found;
  };
  const Case cases[] = {
      {{"--offset=", "5", "banjir"}, "--offset="},
      {{"--json", "--source=", "banjir"}, "--source="},
      {{"--offset=5", "--source=kompas.com", "banjir"}, ""},
      {{"--", "--offset=", "banjir"}, ""},  // a query word after "--"
      {{"banjir=", "-n="}, ""},              // not a long option
      {{"--a=b=", "--="}, ""},               // a value that ends in '=', no name
      {{}, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.size());
    CHECK(FirstEmptyOptionValue(c.args) == c.found);
  }
}

TEST_CASE("A number on the command line is decimal whatever its leading zeros, and anything else is refused") {
  struct Case {
    const char* arg;
    const char* normal;  // "" when refused
  };
  const Case cases[] = {
      {"10", "10"},     {"010", "10"},  {"0", "0"},         {"000", "0"},  {"+3", "3"},  {"-1", "-1"},
      {"-007", "-7"},   {"-0", "0"},    {"09", "9"},        {"0x0A", ""},  {"1.5", ""},  {"1e3", ""},
      {"3 ", ""},       {" 3", ""},     {"", ""},           {"-", ""},     {"+", ""},    {"１０", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.arg));
    std::string arg = c.arg;
    const std::string error = NormalizeDecimalArg(arg);
    if (*c.normal != '\0') {
      CHECK(error.empty());
      CHECK(arg == c.normal);
    } else {
      CHECK(error == "must be a whole number, not '" + std::string(c.arg) + "'");
      CHECK(arg == c.arg);
    }
  }
}

}  // namespace
}  // namespace rkn
