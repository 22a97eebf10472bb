// ShownPath (common/reader.h): the path a message names a file by.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/reader.h"

TEST_CASE("ShownPath puts a file's reachable path where a message names its root-relative path") {
  rkn::InputFile f;
  f.path = "corpus/2019/a.jsonl";
  f.rel_path = "2019/a.jsonl";
  struct Row {
    const char* where;
    const char* shown;
  };
  const std::vector<Row> rows = {
      {"2019/a.jsonl", "corpus/2019/a.jsonl"},
      {"2019/a.jsonl:12", "corpus/2019/a.jsonl:12"},
      {"2019/a.jsonl:#3", "corpus/2019/a.jsonl:#3"},
      {"2019/a.jsonlx", "2019/a.jsonlx"},  // another file whose name starts the same
      {"2019/b.jsonl:1", "2019/b.jsonl:1"},
      {"", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.where);
    CHECK(rkn::ShownPath(f, r.where) == r.shown);
  }
}
