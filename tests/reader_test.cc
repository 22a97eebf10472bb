// ShownPath (common/reader.h): the path a message names a file by; RepeatedWarnings: how many
// warnings of one text about a file are shown.
#include <algorithm>
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

TEST_CASE("Past ten warnings of one text about a file the rest are counted, and one warning after the file says how many") {
  const std::string kNoContent = "record has no content; skipped";
  const std::string kTooLarge = "record larger than the maximum article size (100 bytes, --max-article-mb); skipped";
  struct Row {
    int no_content, too_large;          // warnings given, interleaved
    std::vector<std::string> counted;   // the warnings EndFile gives
  };
  const std::vector<Row> rows = {
      {0, 0, {}},
      {10, 3, {}},
      {11, 0, {"a.jsonl: 1 more record (the first 10 are named above): " + kNoContent}},
      {25, 12,
       {"a.jsonl: 15 more records (the first 10 are named above): " + kNoContent,
        "a.jsonl: 2 more records (the first 10 are named above): " + kTooLarge}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.no_content);
    CAPTURE(r.too_large);
    std::vector<std::string> shown;
    rkn::RepeatedWarnings warnings([&](const std::string& where, const std::string& what) { shown.push_back(where + ": " + what); });
    for (int k = 1; k <= std::max(r.no_content, r.too_large); ++k) {
      if (k <= r.no_content) warnings.Warn("a.jsonl:" + std::to_string(k), kNoContent);
      if (k <= r.too_large) warnings.Warn("a.jsonl:" + std::to_string(k), kTooLarge);
    }
    const size_t named = shown.size();
    CHECK(named == static_cast<size_t>(std::min(r.no_content, 10) + std::min(r.too_large, 10)));
    warnings.EndFile("a.jsonl");
    CHECK(std::vector<std::string>(shown.begin() + static_cast<long>(named), shown.end()) == r.counted);
    // The next file starts the count again.
    shown.clear();
    warnings.Warn("b.jsonl:1", kNoContent);
    warnings.EndFile("b.jsonl");
    CHECK(shown == std::vector<std::string>{"b.jsonl:1: " + kNoContent});
  }
}

TEST_CASE("Warnings of many different texts about one file are all shown: their counts take bounded memory") {
  size_t shown = 0;
  rkn::RepeatedWarnings warnings([&](const std::string&, const std::string&) { ++shown; });
  // Broken lines, each quoting its own excerpt, then one text repeated past the ten.
  for (int k = 0; k < 5000; ++k) warnings.Warn("a.jsonl:" + std::to_string(k), "broken JSON near '" + std::to_string(k) + "'");
  CHECK(shown == 5000);
  for (int k = 0; k < 20; ++k) warnings.Warn("a.jsonl", "record has no content; skipped");
  CHECK(shown == 5020);  // a text past the ones counted is not counted either
  warnings.EndFile("a.jsonl");
  CHECK(shown == 5020);
}
