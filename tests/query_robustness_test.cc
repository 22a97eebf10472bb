// Any byte string as a query (issue 8 item 2): rkn-search never crashes or hangs; a query it
// cannot run is one line on stderr and exit 2; very long queries, deep nesting and wildcard
// explosions are bounded. Table-driven, plus seeded random bytes through argv and --batch. ~10 s.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/text.h"
#include "tests/reliability.h"

namespace fs = std::filesystem;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::ProcessResult;
using rkn::test::RunOptions;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

// The seed articles plus a vocabulary of ~60,000 words starting with 'a', so `a*` has far more
// expansions than the wildcard limit.
struct VocabularyDb {
  TempDir dir{"queries"};
  std::string db = (dir.path() / "vocab.db").string();
  VocabularyDb() {
    const fs::path corpus = dir.path() / "corpus";
    fs::create_directories(corpus);
    for (const auto& e : fs::directory_iterator(fs::path(RKN_SOURCE_DIR) / "corpus")) {
      if (e.is_regular_file()) fs::copy_file(e.path(), corpus / e.path().filename());
    }
    std::mt19937 rng(2);
    const std::string letters = "abdegiklmnoprstuy";
    std::string jsonl;
    for (int r = 0; r < 40; ++r) {
      std::string content;
      for (int w = 0; w < 1500; ++w) {
        std::string word = "a";
        const size_t len = 4 + rng() % 6;
        while (word.size() < len) word += letters[rng() % letters.size()];
        content += word + " ";
      }
      jsonl += nlohmann::json{{"title", "Kosakata " + std::to_string(r)}, {"content", content + "."}}.dump() + "\n";
    }
    REQUIRE(rkn::test::WriteFile(corpus / "vocabulary.jsonl", jsonl));
    auto r = RunProcess({kIndexBin, corpus.string(), "--db", db, "-q"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
  }
};

VocabularyDb& Vocabulary() {
  static VocabularyDb v;
  return v;
}

// Runs one query through argv (after "--", so a leading '-' is not an option).
ProcessResult Query(const std::string& q, const std::vector<std::string>& extra = {"--json"}) {
  std::vector<std::string> argv = {kSearchBin, "--db", Vocabulary().db};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("--");
  argv.push_back(q);
  RunOptions opt;
  opt.timeout_seconds = 30;
  return RunProcess(argv, opt);
}

// The contract for every query: no crash, no hang; 0/1 with a JSON object on stdout, or 2 with
// exactly one "rkn-search: error: " line on stderr and nothing on stdout.
void CheckContract(const ProcessResult& r) {
  REQUIRE_FALSE(r.timed_out);
  CHECK((r.status == 0 || r.status == 1 || r.status == 2));
  if (r.status == 2) {
    CHECK(r.out.empty());
    CHECK(r.err.rfind("rkn-search: error: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  } else if (r.status == 0 || r.status == 1) {
    CHECK_FALSE(nlohmann::json::parse(r.out, nullptr, false).is_discarded());
  }
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("nasty queries never crash or hang: results, or one error line and exit 2") {
  enum Expect { kAny, kResults, kError };
  struct Case {
    std::string name;
    std::string query;
    Expect expect;
    const char* error;  // part of the message when kError
  };
  const std::vector<Case> cases = {
      {"lone (", "(", kError, "unbalanced parenthesis"},
      {"lone )", ")", kError, "unbalanced parenthesis"},
      {"unbalanced parens", "(putin (kim)", kError, "unbalanced parenthesis"},
      {"unbalanced quote", "\"gencatan senjata", kError, "unterminated phrase"},
      {"empty phrase", "\"\"", kError, "no searchable terms"},
      {"star alone", "*", kError, "'*'"},
      {"stars", "***", kError, "'*'"},
      {"star inside a word", "pu*in", kError, "query: column 3: '*' must end a word"},
      {"leading star", "*tin", kError, "query: column 1: '*' must end a word"},
      {"prefix split by the tokeniser", "e-k*", kError, "query: column 2: a wildcard takes the start of one word, and '-' splits 'e-k*'"},
      {"prefix with an apostrophe", "ma'r*", kAny, ""},
      {"a* on a big vocabulary", "a*", kResults, ""},
      {"ten wildcards", "ab* ad* ae* ag* ai* ak* al* am* an* ao*", kAny, ""},
      {"ten a* OR'ed", Repeat("a* OR ", 9) + "a*", kResults, ""},
      {"eleven wildcards", "ab* ad* ae* ag* ai* ak* al* am* an* ao* ap*", kError, "too many wildcards (at most 10)"},
      {"a hundred a* OR'ed", Repeat("a* OR ", 100) + "a*", kError, "too many wildcards"},
      {"wildcard in a phrase", "\"a* b*\"", kError, "query: column 3: wildcards are not supported inside phrases"},
      // NEAR takes a wildcard's expansions as OP_OR (Xapian refuses OP_SYNONYM there).
      {"wildcard NEAR wildcard", "a* NEAR/5 ab*", kResults, ""},
      {"word NEAR wildcard", "putin NEAR/5 a*", kResults, ""},
      {"wildcard NEAR phrase", "a* NEAR \"putin kim\"", kAny, ""},
      {"phrase NEAR phrase NEAR word", "\"putin kim\" NEAR/3 \"jong un\" NEAR/5 pertemuan", kAny, ""},
      {"group NEAR word", "(putin OR kim) NEAR a*", kError, "query: column 1: NEAR takes words, phrases and wildcards (not groups or ranges)"},
      // A group after NEAR gets the same message, at the group (it said "NEAR must be followed by a word").
      {"word NEAR group", "korut NEAR/3 (rusia OR cina)", kError, "query: column 14: NEAR takes words, phrases and wildcards (not groups or ranges)"},
      {"word NEAR range", "putin NEAR year:2019..2020", kError, "query: column 12: NEAR takes words, phrases"},
      // A phrase's "~n" is a NEAR of its own (it was told it was a group).
      {"proximity NEAR word", "\"putin kim\"~2 NEAR/3 korut", kError,
       "query: column 1: a phrase with '~' is a NEAR of its own and cannot be NEAR's operand: chain the words (a NEAR/2 b NEAR/3 c)"},
      {"word NEAR proximity", "korut NEAR/3 \"putin kim\"~2", kError, "query: column 14: a phrase with '~' is a NEAR of its own"},
      {"exact phrase NEAR word", "\"putin kim\"~0 NEAR/3 korut", kAny, ""},
      {"exact wildcard", "=a*", kAny, ""},
      {"NEAR/999999", "putin NEAR/999999 kim", kError, "NEAR"},
      {"NEAR/0", "putin NEAR/0 kim", kError, "NEAR"},
      {"NEAR/-1", "putin NEAR/-1 kim", kError, "NEAR"},
      {"NEAR alone", "NEAR", kError, "NEAR"},
      {"trailing NEAR", "putin NEAR", kError, "NEAR"},
      {"operators only", "AND OR NOT", kError, ""},
      {"NOT NOT", "NOT NOT putin", kError, ""},
      {"signs only", "+-+-", kError, ""},
      {"minus groups", "-(-(-", kError, ""},
      {"empty title", "title:", kError, "rkn-search: error: query: column 1: field 'title:' has no value\n"},
      {"title then a space", "putin title: korut", kError, "query: column 7: field 'title:' has no value (title:korut searches the field, title korut searches the words)"},
      {"empty signed field", "putin -judul:\t", kError, "query: column 7: field 'judul:' has no value"},
      {"empty source", "source:", kError, "column 1: field 'source:' has no value"},
      {"pasted headline", "Unpad Rayakan 62 Tahun: Kejar", kError, "column 18: field 'tahun:' has no value (Tahun Kejar searches the words)"},
      {"empty year", "kim year: 2019", kError, "column 5: field 'year:' has no value (year:2019 searches the field, year 2019 searches the words)"},
      {"colon after a word", "catatan: putin", kAny, ""},
      {"empty field value then group", "title:(putin", kError, ""},
      {"empty date range", "date:..", kError, "range"},
      {"impossible date", "date:2019-13-45", kError, "date"},
      {"huge year", "year:99999999999999999999", kError, "year"},
      {"reversed range", "year:2020..2019", kError, "range"},
      {"month without its month", "month:2019 putin", kError, "query: column 1: month must be YYYY-MM or a range YYYY-MM..YYYY-MM, got '2019'"},
      {"month range with a day", "month:2019-09..2019-10-01", kError, "month must be YYYY-MM"},
      {"open month range", "putin month:2019-09..", kAny, ""},
      {"misspelt field", "titel:bar", kError, "unknown field"},
      {"a name before a colon", "foo:bar", kAny, ""},
      {"a source of punctuation", "source:,", kError, "needs a site"},
      {"colons", ":::", kAny, ""},
      {"equals alone", "=", kError, "'='"},
      {"tabs and newlines", "putin\t\n\r\vkim", kAny, ""},
      {"control characters", "\x01\x02\x1b[31mputin\x7f", kAny, ""},
      {"invalid UTF-8", "putin \xff\xfe\xc3 kim", kAny, ""},
      {"overlong UTF-8", "\xc0\xaf\xe0\x80\xaf", kAny, ""},
      {"lone surrogate", "\xed\xa0\x80putin", kAny, ""},
      {"combining marks", "pu\xcc\x81\xcc\x81\xcc\x81tin", kAny, ""},
      {"100 KB query", Repeat("putin ", 100 * 1024 / 6), kError, "too long"},
      {"4 KB of words", Repeat("kim ", 1000), kAny, ""},
      {"deeply nested parentheses", Repeat("(", 2000) + "putin" + Repeat(")", 2000), kAny, ""},
      {"deep nesting, never closed", Repeat("(", 4000) + "putin", kError, ""},
      {"nested NOTs", Repeat("NOT (", 500) + "putin", kError, ""},
      {"1000 ORs", Repeat("putin OR ", 1000) + "kim", kAny, ""},
      {"1000 phrases", Repeat("\"putin kim\" ", 300), kAny, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = Query(c.query);  // a hang is caught by Query's watchdog (CheckContract: not timed out)
    CAPTURE(r.err);
    CheckContract(r);
    if (c.expect == kResults) CHECK(r.status == 0);
    if (c.expect == kError) {
      CHECK(r.status == 2);
      CHECK(r.err.find(c.error) != std::string::npos);
    }
  }
}

TEST_CASE("a* on a big vocabulary is bounded to the wildcard limit") {
  auto r = Query("a*", {"--json", "--facets", "source,year"});
  CheckContract(r);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  // rkn-search expands the wildcard over all shards to its 200 most frequent terms (README):
  // one pass over the ~60,000 terms keeping a bounded heap.
  const std::string parsed = j["parsed_query"].get<std::string>();
  size_t terms = 1;
  for (size_t p = parsed.find(" SYNONYM "); p != std::string::npos; p = parsed.find(" SYNONYM ", p + 1)) ++terms;
  CHECK(j["total"].get<long>() >= 40);
  CHECK(terms == 200);
  // The cut is said on stderr, with how many words the wildcard has.
  CHECK(r.err.rfind("rkn-search: note: 'a*' stands for the 200 most frequent of its ", 0) == 0);
  CHECK(r.err.ends_with(" words\n"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  // And in the JSON, for scripts: the same note.
  REQUIRE(j["notes"].size() == 1);
  CHECK("rkn-search: note: " + j["notes"][0].get<std::string>() + "\n" == r.err);
  // Not cut, not said.
  auto few = Query("putin*");
  CheckContract(few);
  CHECK(few.err.empty());
}

TEST_CASE("A query that is not UTF-8 is read as Windows-1252, as a Latin-1 terminal types it, and a note says so") {
  // "P\xfatin" is "Pútin", folded to putin: the U+FFFD it was searched with parted it into "p"
  // and "tin" (a Latin-1 "café" searched "caf", "été" the letter t).
  auto r = Query("P\xfatin kim");
  CheckContract(r);
  CHECK(r.err == "rkn-search: note: the query is not UTF-8: read as Windows-1252 (Latin-1)\n");
  auto ok = Query("putin kim");
  CheckContract(ok);
  CHECK(ok.err.empty());
  CHECK(nlohmann::json::parse(r.out)["total"] == nlohmann::json::parse(ok.out)["total"]);
  CHECK(nlohmann::json::parse(r.out)["parsed_query"] == nlohmann::json::parse(ok.out)["parsed_query"]);
  // The query is echoed as it was read, so that a script re-running it searches the same (it
  // was "P\uFFFDtin kim", which searches "p" and "tin").
  CHECK(nlohmann::json::parse(r.out)["query"] == "P\xC3\xBAtin kim");
}

TEST_CASE("seeded random byte queries never crash rkn-search, through argv and --batch") {
  std::mt19937 rng(1961);  // fixed seed
  std::vector<std::string> queries;
  for (int i = 0; i < 2000; ++i) {
    std::string q;
    const size_t len = 1 + rng() % 80;
    while (q.size() < len) {
      const char c = static_cast<char>(1 + rng() % 255);  // NUL-free: argv cannot carry it
      if (c != '\n' && c != '\r') q += c;              // one query per --batch line
    }
    if (!rkn::Trim(q).empty()) queries.push_back(q);  // --batch skips blank lines
  }
  SUBCASE("through argv") {
    for (size_t i = 0; i < 150; ++i) {
      CAPTURE(queries[i]);
      CheckContract(Query(queries[i]));
    }
  }
  SUBCASE("through --batch: one JSON line per query, in order") {
    std::string input;
    for (const auto& q : queries) input += q + "\n";
    RunOptions opt;
    opt.input = input;
    opt.timeout_seconds = 120;
    auto r = RunProcess({kSearchBin, "--db", Vocabulary().db, "--batch", "-", "-n", "3"}, opt);
    REQUIRE_FALSE(r.timed_out);
    CHECK((r.status == 0 || r.status == 2));
    std::istringstream lines(r.out);
    size_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      REQUIRE_FALSE(j.is_discarded());
      CHECK(j.contains("line"));
      CHECK((j.contains("error") || j.contains("hits")));
    }
    CHECK(n == queries.size());
  }
}
