// End-to-end tests of rkn-search's options and batch mode through the real binaries, on a small
// JSONL dump: five articles from kompas.com, kompas.id, detik.com (one undated) and
// kompasiana.com, two of them dated in UTC near a month or year boundary in Indonesian time.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/process.h"
#include "tests/small_corpus.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

// The dump indexed once for all read-only tests.
struct OptionsDb {
  TempDir dir{"options"};
  std::string db = (dir.path() / "opt.db").string();
  OptionsDb() {
    const std::string body =
        "Pemerintah Korea Utara kembali menguji senjata nuklir di lepas pantai timur. Para pengamat menilai "
        "uji coba itu memperburuk ketegangan di kawasan. Dewan Keamanan akan bersidang pekan depan untuk "
        "membahas langkah berikutnya.";
    struct Rec {
      const char *id, *source, *date, *title;
    };
    const Rec recs[] = {
        {"a1", "kompas.com", "2019-09-30T23:30:00Z", "Uji nuklir satu"},         // 2019-10-01 06:30 WIB
        {"a2", "kompas.id", "2019-10-05T10:00:00+07:00", "Uji nuklir dua"},
        {"a3", "detik.com", "2019-09-15T08:00:00+07:00", "Uji nuklir tiga"},
        {"a4", "detik.com", "", "Uji nuklir empat"},                           // undated
        {"a5", "kompasiana.com", "2019-12-31T20:00:00Z", "Uji nuklir lima"},     // 2020-01-01 03:00 WIB
    };
    fs::create_directories(dir.path() / "c");
    std::ofstream f(dir.path() / "c" / "news.jsonl");
    for (const Rec& r : recs) {
      nlohmann::json j{{"id", r.id}, {"title", r.title}, {"source", r.source},
                       {"content", body + " Laporan " + r.title + "."}};
      if (*r.date) j["date"] = r.date;
      f << j.dump() << "\n";
    }
    f.close();
    auto r = RunProcess({kIndexBin, (dir.path() / "c").string(), "--db", db, "-q"});
    REQUIRE(r.status == 0);
  }
};

OptionsDb& Options() {
  static OptionsDb d;
  return d;
}

rkn::test::ProcessResult Search(std::vector<std::string> args, const std::string& input = "") {
  std::vector<std::string> argv = {kSearchBin, "--db", Options().db};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, input);
}

// The record ids ("a1", ...) of a --json response's hits, in rank order.
std::vector<std::string> Records(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& h : j["hits"]) out.push_back(h["record"].is_string() ? h["record"].get<std::string>() : "?");
  return out;
}

// The JSON objects of a batch run's output, one per line.
std::vector<nlohmann::json> Lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  while (start < out.size()) {
    const size_t nl = out.find('\n', start);
    lines.push_back(nlohmann::json::parse(out.substr(start, nl - start)));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("the fixture's records are named by their ids") {
  auto r = Search({"--json", "nuklir"});
  REQUIRE(r.status == 0);
  auto ids = Records(nlohmann::json::parse(r.out));
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"a1", "a2", "a3", "a4", "a5"});
}

TEST_CASE("-n 0 reports the matches it does not show and exits 0") {
  struct Row {
    std::vector<std::string> args;
    int total;   // -1: not JSON
    int status;
  };
  const Row rows[] = {
      // An alias's phrase ("korea utara") left Xapian nothing to estimate from without a check.
      {{"--json", "-n", "0", "korut nuklir"}, 5, 0},
      {{"--json", "-n", "0", "--offset", "2", "korut nuklir"}, 5, 0},
      {{"--json", "-n", "0", "--facets", "source", "korut nuklir"}, 5, 0},
      {{"--json", "-n", "0", "zzzyyyxxx"}, 0, 1},
      {{"-n", "0", "korut nuklir"}, -1, 0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.args.size());
    CAPTURE(row.args.back());
    auto r = Search(row.args);
    CHECK(r.status == row.status);
    if (row.total >= 0) {
      auto j = nlohmann::json::parse(r.out);
      CHECK(j["total"] == row.total);
      CHECK(j["hits"].empty());
    } else {
      CHECK(r.out.find("5 matching articles") != std::string::npos);
    }
  }
}

TEST_CASE("--source matches the sites the source: field matches") {
  struct Row {
    const char* source;
    std::set<std::string> records;
  };
  const Row rows[] = {
      {"kompas", {"a1", "a2"}},          // kompas.* only, not kompasiana.com
      {"kompas.com", {"a1"}},
      {"KOMPAS.com", {"a1"}},
      {"detik", {"a3", "a4"}},
      {"kompasiana", {"a5"}},
      {"tempo", {}},
      // A URL or a host means its site, a wildcard its expansions (kept when the checks on
      // --source values tightened).
      {"https://www.kompas.com/read/2019/x", {"a1"}},
      {"kompas.com/", {"a1"}},
      {"kompasi*", {"a5"}},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.source));
    auto option = Search({"--json", "--source", row.source, "nuklir"});
    auto field = Search({"--json", std::string("source:") + row.source + " nuklir"});
    CHECK(option.status == (row.records.empty() ? 1 : 0));
    CHECK(field.status == option.status);
    auto o = Records(nlohmann::json::parse(option.out));
    auto f = Records(nlohmann::json::parse(field.out));
    CHECK(std::set<std::string>(o.begin(), o.end()) == row.records);
    CHECK(std::set<std::string>(f.begin(), f.end()) == row.records);
  }
  SUBCASE("a source no article has is named in a note, with the nearest one") {
    // "--source kompass" matched nothing and said nothing.
    const std::pair<const char*, const char*> unknown[] = {
        {"kompass", "rkn-search: note: no article's source is 'kompass' (did you mean kompas.com?)\n"},
        {"kompas.co", "rkn-search: note: no article's source is 'kompas.co' (did you mean kompas.com?)\n"},
        {"tempo", "rkn-search: note: no article's source is 'tempo'\n"},
        // No name one edit away: the source with most articles whose name starts with it.
        {"kompasia", "rkn-search: note: no article's source is 'kompasia' (did you mean kompasiana.com?)\n"},
        {"kompas", ""},
    };
    for (const auto& item : unknown) {
      const std::string value = item.first, note = item.second;
      CAPTURE(value);
      CHECK(Search({"--count", "--source", value, "nuklir"}).err == note);
      CHECK(Search({"--count", "source:" + value + " nuklir"}).err == note);
    }
  }
  SUBCASE("repeated, the sources are OR'ed") {
    auto r = Search({"--json", "--source", "kompas", "--source", "kompasiana.com", "nuklir"});
    auto ids = Records(nlohmann::json::parse(r.out));
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == std::set<std::string>{"a1", "a2", "a5"});
  }
  SUBCASE("a value the field cannot take is an error naming the option") {
    auto r = Search({"--source", "kompas\"x", "nuklir"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "rkn-search: error: --source: 'kompas\"x' is not a source domain\n");
    // A list matched no site and said nothing; a sign or a field got the query parser's advice.
    const std::pair<const char*, const char*> refused[] = {
        {"kompas,tempo", "'kompas,tempo' is not a source domain: one site each (--source a --source b; in a batch line, a list)"},
        {"kompas;tempo", "'kompas;tempo' is not a source domain: one site each (--source a --source b; in a batch line, a list)"},
        {"-kompas", "'-kompas' is not a source domain"},
        {"title:x", "'title:x' is not a source domain"},
    };
    for (const auto& item : refused) {
      const auto& value = std::get<0>(item);
      const auto& what = std::get<1>(item);
      CAPTURE(value);
      auto e = Search({"--source", value, "nuklir"});
      CHECK(e.status == 2);
      CHECK(e.out.empty());
      CHECK(e.err == std::string("rkn-search: error: --source: ") + what + "\n");
    }
    auto field = Search({"nuklir source:kompas,tempo"});
    CHECK(field.status == 2);
    CHECK(field.err == "rkn-search: error: query: column 8: field 'source:' takes one site: write source:(a OR b) or source:a source:b, not 'kompas,tempo'\n");
  }
}

TEST_CASE("month and year facets count in Indonesian time, as the date filters and fields do") {
  auto r = Search({"--json", "--facets", "month,year", "nuklir"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  struct Row {
    const char* facet;
    const char* value;
    int count;
  };
  const Row rows[] = {
      {"month", "2019-10", 2}, {"month", "2019-09", 1}, {"month", "2020-01", 1},
      {"year", "2019", 3},     {"year", "2020", 1},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.facet));
    CAPTURE(std::string(row.value));
    int count = 0;
    for (const auto& v : j["facets"][row.facet]) {
      if (v["value"] == row.value) count = v["count"].get<int>();
    }
    CHECK(count == row.count);
    // The filters for the same bucket (date:, and the field named as the facet) count the same articles.
    auto filtered = Search({"--count", std::string("date:") + row.value + " nuklir"});
    CHECK(filtered.out == std::to_string(row.count) + "\n");
    auto by_field = Search({"--count", std::string(row.facet) + ":" + row.value + " nuklir"});
    CHECK(by_field.out == std::to_string(row.count) + "\n");
  }
  CHECK(j["facets"]["month"].size() == 3);
  CHECK(j["facets"]["year"].size() == 2);
  SUBCASE("the most frequent value comes first") {
    CHECK(j["facets"]["month"][0]["value"] == "2019-10");
    CHECK(j["facets"]["year"][0]["value"] == "2019");
  }
}

TEST_CASE("published shows a time given in UTC in Indonesian time, the same instant") {
  auto r = Search({"--json", "-n", "10", "nuklir"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  const std::vector<std::pair<std::string, nlohmann::json>> rows = {
      {"a1", "2019-10-01T06:30:00+07:00"},  // 2019-09-30T23:30:00Z
      {"a2", "2019-10-05T10:00:00+07:00"},
      {"a3", "2019-09-15T08:00:00+07:00"},
      {"a4", nullptr},
      {"a5", "2020-01-01T03:00:00+07:00"},  // 2019-12-31T20:00:00Z
  };
  REQUIRE(j["hits"].size() == rows.size());
  for (const auto& item : rows) {
    const auto& record = std::get<0>(item);
    const auto& published = std::get<1>(item);
    CAPTURE(record);
    bool found = false;
    for (const auto& h : j["hits"]) {
      if (h["record"] != record) continue;
      found = true;
      CHECK(h["published"] == published);
    }
    CHECK(found);
  }
}

TEST_CASE("undated articles come last in both date orders") {
  struct Row {
    const char* sort;
    std::vector<std::string> records;
  };
  const Row rows[] = {
      {"newest", {"a5", "a2", "a1", "a3", "a4"}},
      {"oldest", {"a3", "a1", "a2", "a5", "a4"}},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.sort));
    auto r = Search({"--json", "--sort", row.sort, "nuklir"});
    REQUIRE(r.status == 0);
    CHECK(Records(nlohmann::json::parse(r.out)) == row.records);
    // The same order a page at a time.
    auto page = Search({"--json", "--sort", row.sort, "-n", "2", "--offset", "3", "nuklir"});
    CHECK(Records(nlohmann::json::parse(page.out)) == std::vector<std::string>{row.records[3], row.records[4]});
  }
}

TEST_CASE("$COLUMNS sets the width the human output wraps at") {
  const OptionsDb& d = Options();
  auto widest = [](const std::string& out) {
    size_t most = 0;
    for (size_t at = 0; at < out.size();) {
      const size_t nl = std::min(out.find('\n', at), out.size());
      const std::string line = out.substr(at, nl - at);
      // The path line (copied by readers) is not wrapped.
      const size_t columns = static_cast<size_t>(
          std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
      if (line.find("news.jsonl#") == std::string::npos) most = std::max(most, columns);  // no wide characters here
      at = nl + 1;
    }
    return most;
  };
  const auto wide = RunProcess({kSearchBin, "--db", d.db, "--snippet-chars", "400", "nuklir"});
  REQUIRE(wide.status == 0);
  CHECK(widest(wide.out) > 40);
  CHECK(widest(wide.out) <= 100);
  const auto narrow = RunProcess({kSearchBin, "--db", d.db, "--snippet-chars", "400", "nuklir"}, "", {"COLUMNS=40"});
  REQUIRE(narrow.status == 0);
  CHECK(widest(narrow.out) <= 40);
  CHECK(narrow.out.find("Laporan") != std::string::npos);  // the same snippet, wrapped
}

TEST_CASE("--batch on a directory is an error naming it") {
  TempDir t("options");
  auto r = Search({"--batch", t.path().string()});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "rkn-search: error: " + t.path().string() + ": is a directory\n");
}

TEST_CASE("batch input may start with a UTF-8 byte order mark") {
  struct Row {
    const char* input;
    const char* query;
  };
  const Row rows[] = {
      {"\xEF\xBB\xBF{\"query\":\"nuklir\",\"limit\":1}\n", "nuklir"},
      {"\xEF\xBB\xBFnuklir\n", "nuklir"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.input));
    auto r = Search({"--batch", "-"}, row.input);
    CHECK(r.status == 0);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["query"] == row.query);
    CHECK(lines[0]["total"] == 5);
    CHECK(lines[0]["parsed_query"].get<std::string>().find("query") == std::string::npos);
  }
  SUBCASE("only at the start of the input") {
    auto r = Search({"--batch", "-"}, "nuklir\n\xEF\xBB\xBFnuklir\n");
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1]["query"] == "\xEF\xBB\xBFnuklir");
  }
}

TEST_CASE("batch lines may end in LF, CR LF or a CR alone, and are numbered so") {
  // A CR-only file was one query, "nuklir\rkorea", searched as two words. A blank line, spaces
  // and tabs only too, gets no answer; the next answer's "line" still counts it.
  for (const char* input : {"nuklir\rkorea\r\rdua\r", "nuklir\r\nkorea\r\n\r\ndua", "nuklir\nkorea\r\rdua\n",
                            "nuklir\nkorea\n \t \ndua\n"}) {
    CAPTURE(std::string(input));
    auto r = Search({"--batch", "-"}, input);
    CHECK(r.status == 0);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["query"] == "nuklir");
    CHECK(lines[1]["query"] == "korea");
    CHECK(lines[2]["query"] == "dua");
    CHECK(lines[2]["line"] == 4);
  }
}

TEST_CASE("every batch error names its line and query, null when the line has none") {
  struct Row {
    const char* line;
    nlohmann::json query;  // expected "query" member
    const char* error;     // expected "error" member
  };
  const Row rows[] = {
      {"{\"query\":\"nuklir\",\"limit\":\"x\"}", "nuklir", "limit: must be a whole number from 0 to 100000"},
      {"{\"query\":\"nuklir\",\"limit\":-1}", "nuklir", "limit: must be a whole number from 0 to 100000"},
      {"{\"query\":\"nuklir\",\"limit\":2.5}", "nuklir", "limit: must be a whole number from 0 to 100000"},
      {"{\"query\":\"nuklir\",\"from\":\"\"}", "nuklir", "from: date must be YYYY, YYYY-MM or YYYY-MM-DD, got ''"},
      {"{\"query\":\"nuklir\",\"from\":\"2019-10\",\"to\":\"2019-09\"}", "nuklir", "from: '2019-10' is after the range's end, '2019-09'"},
      {"{\"query\":\"nuklir\",\"collapse\":1}", "nuklir", "collapse: must be true or false"},
      {"{\"query\":\"nuklir\",\"from\":\"2019-9\"}", "nuklir", "from: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2019-9'"},
      {"{\"query\":\"nuklir\",\"limt\":2}", "nuklir", "limt: unknown batch option (query, limit, offset, any, collapse, count, from, to, source, facets, sort, snippet_chars, fragments, text)"},
      {"{\"query\":\"nuklir\",\"source\":[\"kompas\",1]}", "nuklir", "source: must be a string or a list of strings"},
      {"{\"query\":\"nuklir\",\"snippet_chars\":5}", "nuklir", "snippet_chars: must be from 20 to 10000"},
      {"{\"query\":\"nuklir\",\"fragments\":0}", "nuklir", "fragments: must be from 1 to 20"},
      {"{\"query\":\"nuklir\",\"limit\":100001}", "nuklir", "limit: must be from 0 to 100000"},
      {"{\"query\":\"nuklir\",\"source\":\"kompas\\\"x\"}", "nuklir", "source: 'kompas\"x' is not a source domain"},
      {"{\"query\":7}", nullptr, "query: must be a string"},
      // A key twice was its last value, silently: a generating script's bug.
      {"{\"query\":\"korut\",\"query\":\"nuklir\"}", "nuklir", "query: given twice; give it once"},
      {"{\"query\":\"nuklir\",\"limit\":1,\"limit\":2}", "nuklir", "limit: given twice; give it once"},
      {"{\"limit\":2}", nullptr, "line 1: missing \"query\""},
      {"{bad json", nullptr, "line 1: not valid JSON at byte 2: invalid literal"},
      {"{\"query\":\"nuklir\xff\"}", nullptr, "line 1: not valid JSON at byte 17: invalid string: ill-formed UTF-8 byte"},
      {"{\"query\":\"nuklir\"", nullptr, "line 1: not valid JSON at byte 18: unexpected end of input; expected '}'"},
      {"{\"query\":\"nuklir\"}}", nullptr, "line 1: not valid JSON at byte 19: unexpected '}'; expected end of input"},
      // A number beyond a double's range is valid JSON that does not read: it aborted the run.
      {"{\"query\":\"nuklir\",\"limit\":1e400}", nullptr, "line 1: a number too large to read"},
      {"{\"query\":\"nuklir\",\"x\":-1e309}", nullptr, "line 1: a number too large to read"},
      {"(nuklir", "(nuklir", "query: column 1: unbalanced parenthesis: '(' is never closed"},
      {"[\"korut\", \"rusia\"]", nullptr, "line 1: a JSON array; give one JSON object per line"},
      {"[{\"query\": \"nuklir\"}]", nullptr, "line 1: a JSON array; give one JSON object per line"},
      {"[]", nullptr, "line 1: a JSON array; give one JSON object per line"},
      // A key that shapes hits in a count without hits was ignored, as --count --sort is not.
      {"{\"query\":\"nuklir\",\"count\":true,\"sort\":\"newest\"}", "nuklir",
       "sort: does not apply to a count (\"count\": true, or --count), which gives no hits (give \"limit\" too for hits)"},
      {"{\"query\":\"nuklir\",\"count\":true,\"text\":true}", "nuklir",
       "text: does not apply to a count (\"count\": true, or --count), which gives no hits (give \"limit\" too for hits)"},
      // A line that is not UTF-8 is echoed as it was read, Latin-1 (it was "caf\uFFFD").
      {"caf\xE9 (", "caf\xC3\xA9 (", "query: column 6: unbalanced parenthesis: '(' is never closed"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.line));
    auto r = Search({"--batch", "-"}, std::string(row.line) + "\n");
    CHECK(r.status == 2);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].size() == 3);
    CHECK(lines[0]["line"] == 1);
    CHECK(lines[0]["query"] == row.query);
    CHECK(lines[0]["error"] == row.error);
  }
}

TEST_CASE("a batch error echoes a query too long to search cut at the longest searched, on a character's start") {
  // A 20 MiB line was echoed whole in its error object.
  const std::string line = std::string(4095, 'x') + "\xC3\xA9" + std::string(5000, 'y');
  auto r = Search({"--batch", "-"}, line + "\n");
  CHECK(r.status == 2);
  auto lines = Lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["error"] == "query: too long (9097 bytes; at most 4096)");
  CHECK(lines[0]["query"] == std::string(4095, 'x') + "\xE2\x80\xA6");  // the é would not fit whole
}

TEST_CASE("--count applies to every batch line, and a line's key that shapes hits is then an error") {
  auto r = Search({"--batch", "-", "--count"}, "{\"query\":\"nuklir\",\"sort\":\"newest\"}\n{\"query\":\"nuklir\",\"sort\":\"newest\",\"limit\":1}\n"
                                              "{\"query\":\"nuklir\",\"sort\":\"newest\",\"count\":false}\n");
  CHECK(r.status == 2);
  auto lines = Lines(r.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["error"] == "sort: does not apply to a count (\"count\": true, or --count), which gives no hits (give \"limit\" too for hits)");
  CHECK(lines[1]["hits"].size() == 1);  // a limit asks for hits: sorted
  CHECK_FALSE(lines[2].contains("error"));  // not counted
}

TEST_CASE("a batch line that only starts with a bracket and is no JSON is searched as text") {
  struct Row {
    const char* line;
    const char* same_as;  // the query whose total it has
  };
  const Row rows[] = {
      {"[Breaking] nuklir", "breaking nuklir"},
      {"[nuklir", "nuklir"},
      {"[\"nuklir\"", "nuklir"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.line));
    auto r = Search({"--batch", "-"}, std::string(row.line) + "\n" + row.same_as + "\n");
    CHECK(r.status == 0);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK_FALSE(lines[0].contains("error"));
    CHECK(lines[0]["query"] == row.line);
    CHECK(lines[0]["total"] == lines[1]["total"]);
  }
}

TEST_CASE("batch counts exactly with \"count\": true or --count, and refuses the formats it cannot print") {
  const auto counted = Search({"--count", "nuklir"});
  REQUIRE(counted.status == 0);
  const int want = std::stoi(counted.out);
  SUBCASE("a line's \"count\": the exact total and no hits, unless it gives a limit too") {
    auto r = Search({"--batch", "-"}, "{\"query\":\"nuklir\",\"count\":true}\n{\"query\":\"nuklir\",\"count\":true,\"limit\":2}\n");
    REQUIRE(r.status == 0);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["total"] == want);
    CHECK(lines[0]["total_bounds"]["lower"] == want);
    CHECK(lines[0]["total_bounds"]["upper"] == want);
    CHECK(lines[0]["hits"].empty());
    CHECK(lines[1]["total"] == want);
    CHECK(lines[1]["hits"].size() == 2);
  }
  SUBCASE("--count counts every line") {
    auto r = Search({"--batch", "-", "--count"}, "nuklir\n{\"query\":\"nuklir\",\"count\":false}\n");
    REQUIRE(r.status == 0);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["total"] == want);
    CHECK(lines[0]["hits"].empty());
    // "count": false turns --count off for its line, as "collapse": false does --collapse: an
    // ordinary search, hits included (it gave neither hits nor an exact total).
    CHECK(lines[1]["hits"].size() == std::min<size_t>(10, static_cast<size_t>(want)));
    auto limited = Lines(Search({"--batch", "-", "--count", "-n", "1"}, "{\"query\":\"nuklir\",\"count\":false}\n").out);
    REQUIRE(limited.size() == 1);
    CHECK(limited[0]["hits"].size() == 1);  // the command line's -n
  }
  SUBCASE("--csv, --jsonl and --files are errors, not ignored") {
    for (const char* format : {"--csv", "--jsonl", "--files"}) {
      CAPTURE(format);
      auto r = Search({"--batch", "-", format}, "nuklir\n");
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      CHECK(r.err == std::string("rkn-search: error: --batch: answers in JSON lines: ") + format +
                         " does not apply (--count does: exact totals, no hits)\n");
    }
  }
}

namespace {

// Each row's command line fails with exit 2, nothing on stdout and its error line on stderr.
template <size_t N>
void CheckRefused(const std::pair<std::vector<std::string>, const char*> (&rows)[N]) {
  for (const auto& item : rows) {  // no structured bindings: clang 15's CAPTURE cannot capture them
    const auto& args = std::get<0>(item);
    const auto& error = std::get<1>(item);
    CAPTURE(error);
    auto r = Search(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == std::string("rkn-search: error: ") + error + "\n");
  }
}

}  // namespace

TEST_CASE("an option the mode has no use for is an error naming both, not ignored") {
  const std::pair<std::vector<std::string>, const char*> rows[] = {
      {{"--count", "-n", "5", "nuklir"}, "--count: prints the number of matches: -n/--limit does not apply"},
      {{"--count", "--fragments", "2", "nuklir"}, "--count: prints the number of matches: --fragments does not apply"},
      {{"--files", "--snippet-chars", "100", "nuklir"}, "--files: prints the matching files' paths: --snippet-chars does not apply"},
      {{"--stats", "--source", "kompas.com"}, "--stats: describes the whole database: --source does not apply"},
      {{"--analyze", "nuklir", "--from", "2019"}, "--analyze: shows how its text is analysed: --from does not apply"},
  };
  CheckRefused(rows);
  // What each mode does use still works: --files with -n and --sort, --count with --source.
  CHECK(Search({"--files", "-n", "1", "--sort", "newest", "nuklir"}).status == 0);
  CHECK(Search({"--count", "--source", "kompas.com", "nuklir"}).status != 2);
}

TEST_CASE("--stats and --analyze refuse the output formats they cannot print") {
  const std::pair<std::vector<std::string>, const char*> rows[] = {
      {{"--stats", "--csv"}, "--stats: prints text or --json: --csv does not apply"},
      {{"--stats", "--count"}, "--stats: prints text or --json: --count does not apply"},
      {{"--analyze", "nuklir", "--files"}, "--analyze: prints text or --json: --files does not apply"},
  };
  CheckRefused(rows);
  CHECK(Search({"--stats", "--json"}).status == 0);
  CHECK(Search({"--analyze", "nuklir", "--json"}).status == 0);
}

TEST_CASE("--analyze of empty text shows no tokens and exits 0, as for text without words") {
  struct Case {
    std::vector<std::string> args;
    std::string out;
  };
  const std::vector<Case> cases = {
      {{"--analyze", ""}, ""},
      {{"--analyze", "", "--json"}, "[]\n"},
      {{"--analyze", "..."}, ""},
      {{"--analyze", "...", "--json"}, "[]\n"},
      {{"--analyze", "", "Korut"}, "korut\tkorut\talso searches: korea utara | north korea\n"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args.size());
    CAPTURE(c.args[1]);
    auto r = Search(c.args);
    CHECK(r.status == 0);
    CHECK(r.out == c.out);
    CHECK(r.err.empty());
  }
}

TEST_CASE("rkn-search's error lines escape what they quote, and a parse error's column still names the character as typed") {
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string err;  // after "rkn-search: error: "
  };
  const std::vector<Case> cases = {
      // Query text is normalised before it is parsed: a bidirectional character is dropped there.
      {"a sign after a field", {"--", "title:-ab\u202Ecd"}, "query: column 7: a sign goes before the field: write -title:abcd to exclude"},
      // The column counts the query as typed (ESC, '[', '3', '1', 'm', then '('), not as shown.
      {"a column after an escape sequence", {"--", "\x1b[31m(korut"}, "query: column 6: unbalanced parenthesis: '(' is never closed"},
      {"a column after a bidirectional character", {"--", "\u202E\x1b (korut"}, "query: column 4: unbalanced parenthesis: '(' is never closed"},
      {"a number that is not one", {"--limit", "\x1b[2J", "korut"}, "--limit: must be a whole number, not '\\x1b[2J'"},
      {"an argument CLI11 did not expect", {"-\x1b[2J\u202E"},
       "'-\\x1b[2J\\u202e' is no option (a query that starts with '-' goes after '--': rkn-search -- -word ...)"},
      {"a batch file's path", {"--batch", "/nonexistent/\u202Eevil\x07.txt"}, "/nonexistent/\\u202eevil\\x07.txt: cannot open batch file: No such file or directory"},
      {"a --source value", {"--source", "a b\x1b", "korut"}, "--source: 'a b\\x1b' is not a source domain"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      auto r = Search(c.args);
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      CHECK(r.err == "rkn-search: error: " + c.err + "\n");
    }
  }
}

TEST_CASE("batch lines take what the command line takes") {
  struct Row {
    const char* line;
    std::set<std::string> records;
  };
  const Row rows[] = {
      {"{\"query\":\"nuklir\",\"source\":\"kompas\"}", {"a1", "a2"}},
      {"{\"query\":\"nuklir\",\"source\":[\"kompas\",\"kompasiana.com\"]}", {"a1", "a2", "a5"}},
      {"{\"query\":\"nuklir\",\"source\":[]}", {"a1", "a2", "a3", "a4", "a5"}},
      // A whole number written as a float, as some JSON writers print every number.
      {"{\"query\":\"nuklir\",\"limit\":2.0,\"offset\":0.0}", {"a1", "a2"}},
      // JSON's -0 is 0, as "-n -0" and "--offset -0" are on the command line.
      {"{\"query\":\"nuklir\",\"limit\":2,\"offset\":-0}", {"a1", "a2"}},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.line));
    auto r = Search({"--batch", "-"}, std::string(row.line) + "\n");
    CHECK(r.status == 0);
    auto lines = Lines(r.out);
    REQUIRE(lines.size() == 1);
    auto ids = Records(lines[0]);
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == row.records);
  }
  SUBCASE("snippet_chars and fragments shape the snippets as --snippet-chars and --fragments do") {
    auto cli = Search({"--json", "--snippet-chars", "40", "--fragments", "1", "nuklir"});
    auto batch = Search({"--batch", "-"}, "{\"query\":\"nuklir\",\"snippet_chars\":40,\"fragments\":1}\n");
    REQUIRE(cli.status == 0);
    REQUIRE(batch.status == 0);
    auto c = nlohmann::json::parse(cli.out);
    auto b = Lines(batch.out);
    REQUIRE(b.size() == 1);
    REQUIRE(c["hits"].size() == b[0]["hits"].size());
    for (size_t i = 0; i < c["hits"].size(); ++i) CHECK(c["hits"][i]["snippet"] == b[0]["hits"][i]["snippet"]);
    auto plain = Search({"--json", "nuklir"});
    CHECK(nlohmann::json::parse(plain.out)["hits"][0]["snippet"] != c["hits"][0]["snippet"]);
  }
}

TEST_CASE("--collapse with a date range counts exactly in a database larger than the matches it checks") {
  // 10,100 articles, more than a date range checks past the page (10,000), so that the count
  // cannot come from having checked every document; 5,050 of them from 2019-09-16 on.
  TempDir dir("collapse-dates");
  fs::create_directories(dir.path() / "c");
  {
    std::ofstream f(dir.path() / "c" / "many.jsonl");
    for (int k = 0; k < 10100; ++k) {
      std::string id = "r", content = "Isi ";  // appended: g++ 12 -Wrestrict
      id.append(std::to_string(k));
      content.append(std::to_string(k)).append(" tentang banjir.");
      char date[16];
      std::snprintf(date, sizeof date, "2019-09-%02d", 1 + k % 30);
      f << nlohmann::json{{"id", id}, {"content", content}, {"date", date}}.dump() << "\n";
    }
  }
  const std::string db = (dir.path() / "many.db").string();
  REQUIRE(RunProcess({kIndexBin, (dir.path() / "c").string(), "--db", db, "-q", "--no-spelling"}).status == 0);
  const auto counted = RunProcess({kSearchBin, "--db", db, "--collapse", "--count", "--from", "2019-09-16", "banjir"});
  REQUIRE(counted.status == 0);
  const int folded = std::stoi(counted.out);  // a few of the short texts fold as copies
  CHECK(folded > 5000);
  CHECK(folded <= 5050);
  const auto r = RunProcess({kSearchBin, "--db", db, "--collapse", "--json", "-n", "1", "--from", "2019-09-16", "banjir"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["total"] == folded);  // was "about 6000, between 5045 and 10100"
  CHECK(j["total_bounds"]["lower"] == folded);
  CHECK(j["total_bounds"]["upper"] == folded);
}

TEST_CASE("--collapse gives no total above the same search's without it, but for the stories it saw") {
  // 600 stories of 1 to 3 copies each, half of them about "joko widodo presiden": words that go
  // together, whose matches Xapian estimates low. Folded, a run checks matches until 111 stories
  // are left, and its lower bound and estimate passed those of the unfolded run, which stopped
  // after 111 articles (-n 1: "about 300 stories, at least 248" against "about 200 articles, at
  // least 121").
  TempDir dir("collapse-total");
  fs::create_directories(dir.path() / "c");
  {
    const std::vector<std::string> words = {"pada", "hari", "itu", "warga", "setempat", "mengatakan", "bahwa",
                                            "kejadian", "banjir", "gempa", "harga", "pasar", "sekolah", "kereta",
                                            "petani", "nelayan", "hujan", "listrik", "dokter", "polisi"};
    std::ofstream f(dir.path() / "c" / "stories.jsonl");
    uint32_t x = 7;
    int id = 0;
    for (int story = 0; story < 600; ++story) {
      std::string content;
      for (int w = 0; w < 60; ++w) {
        x = x * 1664525u + 1013904223u;
        content.append(words[(x >> 16) % words.size()]).append(" ");
      }
      if (story % 2 == 0) content += "joko widodo presiden ";
      content.append("cerita").append(std::to_string(story)).append(".");
      for (int copy = 0; copy <= story % 3; ++copy) {
        std::string rid = "r";
        rid.append(std::to_string(++id));
        f << nlohmann::json{{"id", rid}, {"content", content}}.dump() << "\n";
      }
    }
  }
  const std::string db = (dir.path() / "stories.db").string();
  REQUIRE(RunProcess({kIndexBin, (dir.path() / "c").string(), "--db", db, "-q", "--no-spelling"}).status == 0);
  struct Totals {
    long total, lower, upper;
  };
  auto totals = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {kSearchBin, "--db", db, "--json"});
    const auto r = RunProcess(args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    return Totals{j["total"].get<long>(), j["total_bounds"]["lower"].get<long>(), j["total_bounds"]["upper"].get<long>()};
  };
  struct Row {
    const char* query;
    std::vector<std::string> options;
  };
  const Row rows[] = {
      {"joko widodo presiden", {"-n", "1"}},  // about 300 stories folded (248 seen), about 200 articles not
      {"joko widodo presiden", {"-n", "0"}},
      {"joko widodo presiden", {"-n", "20", "--offset", "30"}},
      {"joko widodo presiden", {"--sort", "newest"}},
      {"joko presiden", {}},
      {"warga banjir", {}},
      {"widodo -gempa", {}},
      {"banjir OR gempa", {}},
      {"presiden", {}},  // one word: counted exactly, folded or not
  };
  for (const Row& row : rows) {
    std::string command = row.query;  // for the failure message
    for (const auto& o : row.options) command += " " + o;
    CAPTURE(command);
    std::vector<std::string> plain_args = row.options, folded_args = row.options;
    plain_args.push_back(row.query);
    folded_args.push_back("--collapse");
    folded_args.push_back(row.query);
    const Totals plain = totals(plain_args), folded = totals(folded_args);
    // Above the plain estimate only where that is below the stories the folded run saw.
    CHECK((folded.total <= plain.total || folded.total == folded.lower));
    CHECK(folded.upper <= plain.upper);
    // Still true of the stories: the bounds hold their exact count.
    const auto counted = RunProcess({kSearchBin, "--db", db, "--count", "--collapse", row.query});
    REQUIRE(counted.status == 0);
    const long stories = std::stol(counted.out);
    CHECK(folded.lower <= stories);
    CHECK(stories <= folded.upper);
    CHECK(folded.lower <= folded.total);
    CHECK(folded.total <= folded.upper);
  }
}

TEST_CASE("numbers on the command line are decimal whatever their leading zeros, and hexadecimal or fractions are errors") {
  const auto all = Search({"--jsonl", "nuklir"});
  REQUIRE(all.status == 0);
  const auto padded = Search({"--jsonl", "-n", "02", "--offset", "001", "--snippet-chars", "0080", "--fragments", "01", "nuklir"});
  CAPTURE(padded.err);
  REQUIRE(padded.status == 0);
  std::vector<nlohmann::json> hits = Lines(padded.out);
  REQUIRE(hits.size() == 2);  // "010" used to be read as octal 8, "0x0A" as 10
  CHECK(hits[0]["rank"] == 2);
  CHECK(hits[0]["docid"] == Lines(all.out)[1]["docid"]);
  for (const auto& item : std::vector<std::pair<std::string, std::string>>{
           {"--limit", "0x0A"}, {"--offset", "1.5"}, {"--snippet-chars", "1e3"}, {"--fragments", "2 "}}) {
    const auto& option = std::get<0>(item);
    const auto& value = std::get<1>(item);
    CAPTURE(option);
    const auto r = Search({option, value, "nuklir"});
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-search: error: " + option + ": must be a whole number, not '" + value + "'\n");
  }
}

TEST_CASE("the total is exact when a query has at most 100 matches past the page") {
  // 300 articles: every one says "gajah", every second "sumatera", every third "dilindungi"; so
  // "gajah sumatera dilindungi" and "sumatera dilindungi" match 50 (every sixth).
  TempDir t("options");
  fs::create_directories(t.path() / "c");
  {
    std::ofstream f(t.path() / "c" / "many.jsonl");
    for (int i = 0; i < 300; ++i) {
      const std::string n = std::to_string(i);
      std::string text = "Laporan nomor ";
      text += n;
      text += " tentang gajah";
      if (i % 2 == 0) text += " sumatera";
      if (i % 3 == 0) text += " yang dilindungi";
      text += " di kawasan hutan.";
      std::string id = "r", title = "Berita ";
      id += n;
      title += n;
      f << nlohmann::json{{"id", id}, {"title", title}, {"content", text}}.dump() << "\n";
    }
  }
  const std::string db = (t.path() / "many.db").string();
  REQUIRE(RunProcess({kIndexBin, (t.path() / "c").string(), "--db", db, "-q"}).status == 0);
  struct Case {
    std::vector<std::string> args;
    int total;
  };
  const std::vector<Case> cases = {
      {{"-n", "2", "gajah sumatera dilindungi"}, 50},
      {{"-n", "0", "gajah sumatera dilindungi"}, 50},
      {{"-n", "10", "--offset", "20", "gajah sumatera dilindungi"}, 50},
      {{"-n", "10", "--offset", "40", "sumatera dilindungi"}, 50},
      // "gajah sumatera" matches 150: exactly 100 past a page that ends at 50.
      {{"-n", "50", "gajah sumatera"}, 150},
      {{"-n", "10", "--offset", "40", "gajah sumatera"}, 150},
  };
  for (const auto& c : cases) {
    std::vector<std::string> argv = {kSearchBin, "--db", db, "--json"};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    CAPTURE(c.args.back());
    auto r = RunProcess(argv);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["total"] == c.total);
    CHECK(j["total_bounds"]["lower"] == c.total);  // equal bounds: counted, not estimated
    CHECK(j["total_bounds"]["upper"] == c.total);
  }
  // The human output says so without "about".
  auto human = RunProcess({kSearchBin, "--db", db, "-n", "1", "gajah sumatera dilindungi"});
  CHECK(human.out.ends_with("\n50 matching articles\n"));
}

TEST_CASE("a NEAR of words with multi-word aliases lights what is within its distance, and only that") {
  // "jokowi NEAR/3 prabowo": both have a two-word alias (joko widodo, prabowo subianto).
  TempDir dir("near-alias");
  fs::create_directories(dir.path() / "c");
  {
    std::ofstream f(dir.path() / "c" / "near.jsonl");
    f << nlohmann::json{{"id", "lone"}, {"title", "Pertemuan"},
                        {"content", "Presiden Jokowi bertemu Prabowo kemarin di Istana Merdeka. Keduanya membahas kabinet baru."}}
             .dump()
      << "\n"
      << nlohmann::json{{"id", "aliases"},
                        {"title", "Keputusan"},
                        {"content", "Calon presiden Joko Widodo meyakini pasangan rivalnya, Prabowo Subianto, menerima keputusan "
                                    "itu. \"Bapak Prabowo Subianto dan Bapak Sandiaga Uno,\" ucap Jokowi di Lanud."}}
             .dump()
      << "\n";
  }
  const std::string db = (dir.path() / "near.db").string();
  REQUIRE(RunProcess({kIndexBin, (dir.path() / "c").string(), "--db", db, "-q"}).status == 0);
  const auto r = RunProcess({kSearchBin, "--db", db, "--json", "--fragments", "3", "--snippet-chars", "600", "jokowi NEAR/3 prabowo"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  std::map<std::string, std::vector<std::string>> lit;  // by record: the highlighted words, in order
  for (const auto& h : j["hits"]) {
    const std::string snippet = h["snippet"].get<std::string>();  // ASCII: code points are bytes
    auto& words = lit[h["record"].get<std::string>()];
    for (const auto& span : h["highlights"]) {
      const auto b = span[0].get<size_t>(), e = span[1].get<size_t>();
      words.push_back(snippet.substr(b, e - b));
    }
  }
  CHECK(lit["lone"] == std::vector<std::string>{"Jokowi", "Prabowo"});
  // Not the second sentence's "Prabowo Subianto" and "Jokowi", five words apart.
  CHECK(lit["aliases"] == std::vector<std::string>{"Joko", "Widodo", "Prabowo", "Subianto"});
}

TEST_CASE("a query of filters only, or of words and a date range, counts its matches exactly") {
  // 400 articles, one dated in October for three in September, from two sites: the matches of a
  // range are counted, not estimated from its bounds ("about 200, between 161 and 400").
  TempDir dir("date-count");
  fs::create_directories(dir.path() / "c");
  {
    std::ofstream f(dir.path() / "c" / "dated.jsonl");
    for (int k = 0; k < 400; ++k) {
      char date[32];
      std::snprintf(date, sizeof date, k % 4 ? "2019-09-%02dT10:00:00+07:00" : "2019-10-%02dT10:00:00+07:00", 1 + k % (k % 4 ? 30 : 28));
      std::string id = "r", title = "Berita ", content = "Isi berita ";  // appended: g++ 12 -Wrestrict
      id.append(std::to_string(k));
      title.append(std::to_string(k));
      content.append(std::to_string(k)).append(" tentang banjir di kota.");  // no two alike (no furniture)
      f << nlohmann::json{{"id", id}, {"title", title}, {"content", content}, {"date", date}, {"source", k % 3 ? "kompas.com" : "detik.com"}}
               .dump()
        << "\n";
    }
  }
  const std::string db = (dir.path() / "dated.db").string();
  REQUIRE(RunProcess({kIndexBin, (dir.path() / "c").string(), "--db", db, "-q"}).status == 0);
  for (const std::string q : {"date:2019-09-05..2019-09-20", "date:2019-10-01..", "month:2019-09", "year:2019",
                              "source:kompas.com date:2019-09-05..2019-09-20", "source:(kompas OR detik) date:..2019-09-10",
                              "banjir date:2019-09-05..2019-09-20", "banjir month:2019-10"}) {
    CAPTURE(q);
    const auto counted = RunProcess({kSearchBin, "--db", db, "--count", q});
    REQUIRE_MESSAGE(counted.status == 0, counted.err);
    const auto r = RunProcess({kSearchBin, "--db", db, "--json", "-n", "1", q});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(std::to_string(j["total"].get<long>()) + "\n" == counted.out);
    CHECK(j["total_bounds"]["lower"] == j["total"]);
    CHECK(j["total_bounds"]["upper"] == j["total"]);
  }
  // The same through --from and --to, and folded by --collapse (161 stories of one article each:
  // more than --collapse's hits past the page, counted all the same).
  for (const std::string fold : {"--any", "--collapse"}) {
    CAPTURE(fold);
    const auto r = RunProcess({kSearchBin, "--db", db, "--json", "-n", "1", fold, "--from", "2019-09-05", "--to", "2019-09-20", "banjir"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["total"] == 161);
    CHECK(j["total_bounds"]["lower"] == 161);
    CHECK(j["total_bounds"]["upper"] == 161);
  }
  // parsed_query shows the ranges as dates (Xapian's description has their bounds' bytes).
  struct Row {
    std::vector<std::string> args;
    const char* shown;
  };
  for (const Row& row : std::vector<Row>{{{"--from", "2019-09-05", "--to", "2019-09-20", "banjir"}, "FILTER date 2019-09-05..2019-09-20"},
                                        {{"--from", "2019-09-05", "banjir"}, "FILTER date 2019-09-05.."},
                                        {{"banjir date:..2019-09-10"}, "FILTER date ..2019-09-10"},
                                        {{"banjir month:2019-10"}, "FILTER date 2019-10-01..2019-10-31"}}) {
    CAPTURE(row.shown);
    std::vector<std::string> args{kSearchBin, "--db", db, "--json", "-n", "0"};
    args.insert(args.end(), row.args.begin(), row.args.end());
    const auto r = RunProcess(args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const std::string parsed = nlohmann::json::parse(r.out)["parsed_query"];
    CHECK(parsed.find(row.shown) != std::string::npos);
    CHECK(parsed.find("VALUE_") == std::string::npos);
  }
}

TEST_CASE("an option given twice takes its last value (a repeatable one, --source, keeps each: above)") {
  const auto last = Search({"--jsonl", "-n", "5", "-n", "1", "--sort", "newest", "--sort", "oldest", "nuklir"});
  REQUIRE_MESSAGE(last.status == 0, last.err);
  const auto once = Search({"--jsonl", "-n", "1", "--sort", "oldest", "nuklir"});
  CHECK(last.out == once.out);
  CHECK(Lines(last.out).size() == 1);
}

TEST_CASE("a title: phrase lights its words in a title only where they stand together, for every hit") {
  // The title's highlight set was a local that its snippet maker outlived: rkn-search crashed
  // (SIGSEGV) on some title: queries, and a batch lost the lines before. The words of a title:
  // phrase were lit one by one: "Korea" of "Korea Selatan", "Utara" of "Sumatera Utara".
  TempDir t("title-phrase");
  fs::create_directories(t.path() / "c");
  const std::string body = "Kedua pihak bertemu di Jakarta pada Senin untuk membahas kerja sama ekonomi dan keamanan "
                           "kawasan yang lebih erat pada tahun depan.";
  {
    std::ofstream f(t.path() / "c" / "t.jsonl");
    f << nlohmann::json{{"id", "s"}, {"title", "Korea Selatan dan Sumatera Utara Teken Kerja Sama"}, {"content", body}}.dump()
      << "\n"
      << nlohmann::json{{"id", "n"}, {"title", "Korea Utara Kembali Menguji Rudal"}, {"content", body}}.dump() << "\n";
    for (int k = 0; k < 30; ++k) {
      std::string id(1, 'x'), title = "Kerja Sama Selatan ";  // appended: g++ 12 warns falsely on "x" + ...
      id += std::to_string(k);
      title += std::to_string(k);
      f << nlohmann::json{{"id", id}, {"title", title}, {"content", body}}.dump() << "\n";
    }
  }
  const std::string db = (t.path() / "db").string();
  REQUIRE(RunProcess({kIndexBin, (t.path() / "c").string(), "--db", db, "-q"}).status == 0);
  auto r = RunProcess({kSearchBin, "--db", db, "--json", "-n", "100", "title:\"korea utara\" OR title:selatan"});
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["hits"].size() == 32);
  std::map<std::string, nlohmann::json> lit;
  for (const auto& h : j["hits"]) lit[h["record"].get<std::string>()] = h["title_highlights"];
  CHECK(lit["s"] == nlohmann::json::parse("[[6, 13]]"));          // Selatan; not Korea, not Utara
  CHECK(lit["n"] == nlohmann::json::parse("[[0, 5], [6, 11]]"));  // Korea Utara
  CHECK(lit["x7"] == nlohmann::json::parse("[[11, 18]]"));
  // In every output that shows hits, and in a batch, whatever the query's place in it.
  for (const char* format : {"--jsonl", "--csv", "--color=never"}) {
    CAPTURE(format);
    CHECK(RunProcess({kSearchBin, "--db", db, format, "-n", "100", "title:selatan"}).status == 0);
  }
  auto batch = RunProcess({kSearchBin, "--db", db, "--batch", "-"}, "kerja\ntitle:selatan\ntitle:\"korea utara\"\nkerja\n");
  CHECK(batch.status == 0);
  CHECK(Lines(batch.out).size() == 4);
}

TEST_CASE("--source takes a source named in words, as source:\"...\" does") {
  // A record without a URL keeps its source field as written: "BBC Indonesia". The field took
  // it quoted while --source refused it as "no source domain".
  const rkn::test::SmallCorpus c("source-name", {{"r.jsonl",
      "{\"title\":\"Banjir di Jakarta\",\"content\":\"Banjir besar melanda Jakarta hari ini dan warga mengungsi.\",\"source\":\"BBC Indonesia\"}\n"
      "{\"title\":\"Banjir di Bogor\",\"content\":\"Banjir juga melanda Bogor hari ini dan warga mengungsi.\",\"source\":\"kompas.com\"}\n"}});
  for (const char* value : {"BBC Indonesia", "bbc indonesia", " BBC  Indonesia "}) {
    CAPTURE(value);
    auto r = c.Search({"--count", "--source", value, "banjir"});
    CHECK(r.status == 0);
    CHECK(r.out == "1\n");
    CHECK(r.err.empty());
  }
  CHECK(c.Search({"--count", "source:\"bbc indonesia\" banjir"}).out == "1\n");
  auto blank = c.Search({"--count", "--source", "  ", "banjir"});
  CHECK(blank.status == 2);
  CHECK(blank.err == "rkn-search: error: --source: '  ' is not a source domain\n");
}

TEST_CASE("a category no article has is offered the nearest one, and of two as near the one with more articles") {
  TempDir t("category");
  fs::create_directories(t.path() / "c");
  {
    std::ofstream f(t.path() / "c" / "news.jsonl");
    const std::pair<const char*, const char*> recs[] = {
        {"s1", "selebriti"}, {"s2", "selebriti"}, {"s3", "selebriti"}, {"c1", "celebrity"}, {"p1", "politik"}};
    for (const auto& [id, category] : recs) {
      f << nlohmann::json{{"id", id}, {"title", std::string("Judul ") + id}, {"category", category},
                          {"content", std::string("Artis itu tampil di panggung ") + id + " kemarin malam."}}
               .dump()
        << "\n";
    }
  }
  const std::string db = (t.path() / "cat.db").string();
  REQUIRE(RunProcess({kIndexBin, (t.path() / "c").string(), "--db", db, "-q"}).status == 0);
  const std::pair<const char*, const char*> rows[] = {
      // One edit from selebriti (3 articles) and from celebrity (1): it was offered celebrity.
      {"selebrity", "rkn-search: note: no article's category is 'selebrity' (did you mean selebriti?)\n"},
      {"celebrty", "rkn-search: note: no article's category is 'celebrty' (did you mean celebrity?)\n"},
      {"politk", "rkn-search: note: no article's category is 'politk' (did you mean politik?)\n"},
  };
  for (const auto& row : rows) {
    const std::string value = row.first, note = row.second;  // clang 15: no structured binding in CAPTURE
    CAPTURE(value);
    auto r = RunProcess({kSearchBin, "--db", db, "--count", "category:" + value + " artis"});
    CHECK(r.status == 1);
    CHECK(r.err == note);
  }
}
