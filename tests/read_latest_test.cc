// ReadLatest: retrying a read that a writer's commits invalidated.
#include <doctest/doctest.h>

#include "common/read_latest.h"

namespace {

// A read that fails with DatabaseModifiedError `failures` times, then returns `value`.
struct FlakyRead {
  int failures;
  int calls = 0;
  rkn::Result<int> operator()() {
    if (++calls <= failures) throw Xapian::DatabaseModifiedError("revision discarded");
    return 42;
  }
};

}  // namespace

TEST_CASE("ReadLatest reopens and reads again while the revision is discarded, then gives up") {
  struct Case {
    const char* name;
    int failures;
    bool ok;
    int calls;
    int reopens;
  };
  const Case cases[] = {
      {"a read that succeeds at once", 0, true, 1, 0},
      {"one discarded revision", 1, true, 2, 1},
      {"the last attempt succeeds (two discarded)", 2, true, 3, 2},
      {"every attempt discarded", 100, false, 3, 2},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      FlakyRead read{c.failures};
      int reopens = 0;
      auto r = rkn::ReadLatest(3, "rkn.db", "testing", read, [&] {
        ++reopens;
        return rkn::Status::Ok();
      });
      CHECK(r.ok() == c.ok);
      if (r.ok()) CHECK(*r == 42);
      else CHECK(r.status().ToString() == "rkn.db: modified too often while testing; try again");
      CHECK(read.calls == c.calls);
      CHECK(reopens == c.reopens);
    }
  }
}

TEST_CASE("ReadLatest returns a failed reopen, retries a discarded one and lets other errors through") {
  SUBCASE("the reopen fails") {
    FlakyRead read{1};
    auto r = rkn::ReadLatest(5, "rkn.db", "testing", read, [] { return rkn::Status::NotFound("db", "gone"); });
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().ToString() == "db: gone");
    CHECK(read.calls == 1);
  }
  SUBCASE("a reopen whose revision is discarded too is one more attempt") {
    // `rkn-search --stats` while rkn-index committed failed with Xapian's "DatabaseModifiedError:
    // The revision being read has been discarded": the reopen after a discarded read threw it.
    FlakyRead read{1};
    int reopens = 0;
    auto r = rkn::ReadLatest(5, "rkn.db", "testing", read, [&]() -> rkn::Status {
      if (++reopens == 1) throw Xapian::DatabaseModifiedError("revision discarded while reopening");
      return rkn::Status::Ok();
    });
    REQUIRE(r.ok());
    CHECK(*r == 42);
    CHECK(read.calls == 2);
    CHECK(reopens == 1);
  }
  SUBCASE("reopens that are always discarded give up as reads do") {
    FlakyRead read{100};
    int reopens = 0;
    auto r = rkn::ReadLatest(3, "rkn.db", "testing", read, [&]() -> rkn::Status {
      ++reopens;
      throw Xapian::DatabaseModifiedError("revision discarded while reopening");
    });
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().ToString() == "rkn.db: modified too often while testing; try again");
    CHECK(read.calls == 3);
    CHECK(reopens == 2);
  }
  SUBCASE("another Xapian error is not retried") {
    int calls = 0;
    auto read = [&]() -> rkn::Status {
      ++calls;
      throw Xapian::DatabaseCorruptError("bad block");
    };
    CHECK_THROWS_AS(rkn::ReadLatest(5, "rkn.db", "testing", read, [] { return rkn::Status::Ok(); }), Xapian::DatabaseCorruptError);
    CHECK(calls == 1);
  }
}
