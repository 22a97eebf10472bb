// Regression tests for what the fuzz targets (fuzz/) found: each input is committed under
// tests/data/fuzz-regressions/<target>/ and fed here to the unit that failed on it, with the
// property that failed. fuzz/smoke.sh also replays them through the fuzz targets themselves.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/analyzer.h"
#include "common/query.h"
#include "common/records.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace rkn {
namespace {

const std::filesystem::path kRegressions = std::filesystem::path(RKN_TEST_DATADIR) / "fuzz-regressions";

std::string ReadRegression(const std::string& target, const std::string& name) {
  std::ifstream in(kRegressions / target / name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing regression input " << target << "/" << name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// fuzz_records (session 11): a comma first in the text met the rule for a comma between two
// letters, which read the letter before it from an empty output (undefined behaviour; UBSan
// stopped on it in the smoke run's seeds).
TEST_CASE("A comma at the very start of comma-joined text is kept, and nothing before it is read") {
  const std::string bytes = ReadRegression("records", "comma-first-in-content.csv");
  REQUIRE(bytes.starts_with(",id"));
  CHECK(SplitCommaJoinedParagraphs(bytes).starts_with(",id, title"));
  CHECK(SplitCommaJoinedParagraphs(",lalu pergi") == ",lalu pergi");
}

TEST_CASE("Query word ranges index the parsed text even when repair or normalisation changes its length") {
  auto analyzer = Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const Xapian::Database empty;
  struct Case {
    const char* name;
    std::string query;
    const char* word;  // a plain word of the query, as its range must show it
  };
  const Case cases[] = {
      // Found by fuzz_query: an invalid byte became U+FFFD (1 byte -> 3), so ranges measured in
      // the repaired text ran past the end of the text given. (The found query's byte, 0x84, is
      // now read as Windows-1252's low quote, an unterminated phrase: a byte read as a letter,
      // 1 byte -> 2, stands in for it.)
      {"invalid byte (fuzz_query)", "(putin OR kim) \xE9trump", "kim"},
      // Typographic quotes fold to '"' (3 bytes -> 1): ranges would point at the wrong bytes.
      {"folded quotes", "\xE2\x80\x9Cgencatan senjata\xE2\x80\x9D korut", "korut"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      auto parsed = ParseQuery(c.query, **analyzer, empty, QueryOptions{});
      REQUIRE(parsed.ok());
      REQUIRE_FALSE(parsed->words.empty());
      bool found = false;
      for (const auto& w : parsed->words) {
        REQUIRE(w.begin < w.end);
        REQUIRE(w.end <= parsed->text.size());
        found = found || parsed->text.substr(w.begin, w.end - w.begin) == c.word;
      }
      CHECK(found);
    }
  }
}

// Found under ASan (tests/query_robustness_test.cc, 2000 nested parentheses): the recursive
// descent parser overflowed the stack; nesting is now bounded by QueryOptions::max_nesting.
TEST_CASE("Deeply nested parentheses are a query error, not a stack overflow") {
  auto analyzer = Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const Xapian::Database empty;
  const QueryOptions options;
  struct Case {
    size_t depth;
    bool ok;
  };
  for (const Case c : {Case{1, true}, Case{options.max_nesting, true}, Case{options.max_nesting + 1, false},
                       Case{2000, false}}) {
    CAPTURE(c.depth);
    const std::string q = std::string(c.depth, '(') + "putin" + std::string(c.depth, ')');
    auto parsed = ParseQuery(q, **analyzer, empty, options);
    CHECK(parsed.ok() == c.ok);
    if (!c.ok) CHECK(parsed.status().message().find("nested too deeply") != std::string::npos);
  }
}

// What the wrong ranges did to users: the "Did you mean" query was spliced at byte offsets of the
// normalised text into the text as typed, garbling it.
TEST_CASE("A spelling suggestion keeps the rest of the query when typographic quotes are folded") {
  test::TempDir dir("fuzz-regression");
  const std::string db = (dir.path() / "seeds.db").string();
  REQUIRE(test::RunProcess({RKN_INDEX_BIN, std::string(RKN_SOURCE_DIR) + "/corpus", "--db", db, "-q"}).status == 0);
  const auto r = test::RunProcess({RKN_SEARCH_BIN, "--db", db, "--json", "\xE2\x80\x9Cperjanjian 1961\xE2\x80\x9D khruschev"});
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  CHECK(j["suggestion"] == "\"perjanjian 1961\" khrushchev");
}

}  // namespace
}  // namespace rkn
