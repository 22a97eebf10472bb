// End-to-end tests: the real rkn-index and rkn-search binaries on a temporary database built from
// corpus/ (the five seed articles).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/schema.h"
#include "common/shards.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

const std::string kCorpus = std::string(RKN_SOURCE_DIR) + "/corpus";

// Writes each (file name, text) into `dir`, created with its parents: a test's own small corpus.
void WriteCorpus(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
}

// The seed corpus indexed once for all read-only tests.
struct SeedDb {
  TempDir dir{"e2e"};
  std::string db = (dir.path() / "seeds.db").string();
  SeedDb() {
    auto r = RunProcess({kIndexBin, kCorpus, "--db", db});
    REQUIRE(r.status == 0);
  }
};

SeedDb& Seeds() {
  static SeedDb s;
  return s;
}

rkn::test::ProcessResult Search(std::vector<std::string> args) {
  std::vector<std::string> argv = {kSearchBin, "--db", Seeds().db};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv);
}

}  // namespace

TEST_CASE("perjanjian 1961 ranks the Kompas history article first") {
  auto r = Search({"--json", "perjanjian 1961"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["hits"].size() >= 1);
  CHECK(j["hits"][0]["path"] == "000_025ccb897db40613.txt");
}

TEST_CASE("boilerplate never reaches the index") {
  // Each query names text that only appears in site furniture of a seed.
  const char* queries[] = {
      "\"Eksekusi 4 Pejabat\"",     // a "Baca juga:" headline in 000
      "TikTok",                     // 003's related-article footer
      "\"Miss Universe\"",          // 003's related-article footer
      "\"Gabung Kompas.com+\"",     // an ad line
      "\"tanpa iklan\"",            // an ad line
      "\"rendering in\"",           // render debris in 001
      "WhatsApp",                   // 002 widget
      "JernihBerkomentar",          // 000 promotion
  };
  for (const std::string q : queries) {
    CAPTURE(q);
    auto r = Search({"--files", q});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
  }
}

TEST_CASE("JSON output carries every documented field") {
  auto r = Search({"--json", "Korea Utara", "-n", "3"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"schema_version", "query", "parsed_query", "total", "total_bounds", "suggestion", "notes", "facets", "hits"}) {
    CAPTURE(key);
    CHECK(j.contains(key));
  }
  CHECK(j["notes"] == nlohmann::json::array());
  CHECK(j["query"] == "Korea Utara");
  CHECK(j["hits"].size() == 3);
  for (auto& h : j["hits"]) {
    for (const char* key : {"rank", "docid", "path", "record", "title", "title_highlights", "source", "published", "author",
                            "category", "url", "score", "snippet", "highlights", "collapsed"}) {
      CAPTURE(key);
      CHECK(h.contains(key));
    }
    CHECK(h["record"].is_null());  // .txt articles: no record, but the key, as for every unknown value
    // A title that says "Korea Utara" has it marked, as one span per word.
    const std::string title = h["title"].get<std::string>();
    if (const size_t at = title.find("Korea Utara"); at != std::string::npos && title.substr(0, at).find_first_of("\x80\xff") == std::string::npos) {
      const nlohmann::json korea = nlohmann::json::array({at, at + 5});
      CHECK(std::find(h["title_highlights"].begin(), h["title_highlights"].end(), korea) != h["title_highlights"].end());
    }
    for (auto& span : h["title_highlights"]) CHECK(span[0].get<int>() < span[1].get<int>());
    CHECK_FALSE(fs::path(h["path"].get<std::string>()).is_absolute());
    // Every highlight span points at a matched word of the snippet.
    for (auto& span : h["highlights"]) CHECK(span[0].get<int>() < span[1].get<int>());
  }
  CHECK(j["hits"][0]["rank"] == 1);
}

TEST_CASE("an option given an empty value after '=' is an error, not the next word taken as its value") {
  // "--offset= 5 banjir" searched "banjir" from the fifth hit: a script's empty variable.
  struct Case {
    std::vector<std::string> argv;
    const char* err;
  };
  const Case cases[] = {
      {{kSearchBin, "--offset=", "5", "banjir"}, "rkn-search: error: --offset: empty value; give one, or leave the option out\n"},
      {{kSearchBin, "--source=", "banjir"}, "rkn-search: error: --source: empty value; give one, or leave the option out\n"},
      {{kIndexBin, "--db=", kCorpus}, "rkn-index: error: --db: empty value; give one, or leave the option out\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.argv[1]);
    auto r = RunProcess(c.argv);
    CHECK(r.status == 2);
    CHECK(r.err == c.err);
    CHECK(r.out.empty());
  }
}

TEST_CASE("a title: word is highlighted in the title it matched, and not in the body it did not") {
  auto j = nlohmann::json::parse(Search({"--json", "-n", "10", "title:putin"}).out);
  REQUIRE_FALSE(j["hits"].empty());
  for (auto& h : j["hits"]) {
    const std::string title = h["title"].get<std::string>();
    CAPTURE(title);
    const size_t at = title.find("Putin");
    REQUIRE(at != std::string::npos);
    REQUIRE(title.substr(0, at).find_first_of("\x80\xff") == std::string::npos);  // offsets are code points
    const nlohmann::json putin = nlohmann::json::array({at, at + 5});
    CHECK(std::find(h["title_highlights"].begin(), h["title_highlights"].end(), putin) != h["title_highlights"].end());
    CHECK(h["highlights"].empty());  // title: searched the titles only
  }
  // The human output marks it too.
  CHECK(Search({"-n", "1", "title:putin"}).out.find("Putin]") != std::string::npos);  // "[Vladimir Putin]": its alias too
}

TEST_CASE("exit codes follow grep: 0 hits, 1 none, 2 errors") {
  SUBCASE("hits") { CHECK(Search({"Putin"}).status == 0); }
  SUBCASE("no hits") { CHECK(Search({"zzzyyyxxx"}).status == 1); }
  SUBCASE("bad query") {
    auto r = Search({"(Putin"});
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-search: error: query: column 1: unbalanced parenthesis: '(' is never closed\n");
    CHECK(r.out.empty());
  }
  SUBCASE("unknown field") {
    auto r = Search({"auhtor:bar"});
    CHECK(r.status == 2);
    CHECK(r.err.find("unknown field 'auhtor:'") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(Search({"titel:Putin"}).err == "rkn-search: error: query: column 1: unknown field 'titel:'; did you mean 'title:'? "
                                         "(fields: title, author, source, category, year, month, date)\n");
  }
  SUBCASE("missing database") {
    auto r = RunProcess({kSearchBin, "--db", "/nonexistent/rkn.db", "Putin"});
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-search: error: /nonexistent/rkn.db: no such database (run rkn-index first, or pass --db)\n");
  }
  SUBCASE("the corpus folder given as the database") {
    auto r = RunProcess({kSearchBin, "--db", kCorpus, "Putin"});
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-search: error: " + kCorpus +
                       ": not a database (a folder without a Xapian database in it; rkn-index writes one with --db)\n");
    CHECK(r.out.empty());
  }
  SUBCASE("an article given as the database") {
    const std::string article = kCorpus + "/000_025ccb897db40613.txt";
    auto r = RunProcess({kSearchBin, "--db", article, "Putin"});
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-search: error: " + article + ": not a database nor a shard list file (" + article + ":1: Bad line)\n");
  }
  SUBCASE("a shard list that lists a shard which does not exist") {
    // It said "not a database nor a shard list file (Couldn't stat ...)" of a shard list.
    TempDir t("e2e-stub");
    const fs::path stub = t.path() / "shards.stub";
    std::ofstream(stub) << "auto " << Seeds().db << "\nauto gone.db\n";
    auto r = RunProcess({kSearchBin, "--db", stub.string(), "Putin"});
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-search: error: " + stub.string() + ": lists " + (t.path() / "gone.db").string() +
                       ", which does not exist (a shard list's paths are relative to its folder)\n");
  }
  SUBCASE("an empty file, or a shard list of comments only, given as the database") {
    // Xapian opens both as a database of no shard, which failed at the search with "uninitialised
    // Database" and no path, and gave --stats of nothing with exit 0.
    TempDir t("e2e-empty-db");
    const struct {
      const char* name;
      const char* text;
      const char* what;
    } rows[] = {
        {"empty.db", "", "not a database (an empty file, not a shard list)"},
        {"comments.db", "# no shard yet\n\n", "not a database (a shard list that lists no shard)"},
    };
    for (const auto& row : rows) {
      const std::string db = (t.path() / row.name).string();
      std::ofstream(db) << row.text;
      for (const std::string& arg : {std::string("Putin"), std::string("--stats")}) {
        CAPTURE(row.name);
        CAPTURE(arg);
        auto r = RunProcess({kSearchBin, "--db", db, arg});
        CHECK(r.status == 2);
        CHECK(r.err == "rkn-search: error: " + db + ": " + row.what + "\n");
        CHECK(r.out.empty());
      }
    }
  }
  SUBCASE("usage error") { CHECK(Search({"--no-such-option"}).status == 2); }
  SUBCASE("usage errors say what to do") {
    struct Row {
      std::vector<std::string> args;
      const char* err;
    };
    const std::vector<Row> rows = {
        {{"--stats", "korupsi"}, "rkn-search: error: give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE\n"},
        {{"--batch", "-", "--stats"}, "rkn-search: error: give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE\n"},
        {{"--batch", "-", "Putin"}, "rkn-search: error: give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE\n"},
        {{"--analyze", "memimpin", "--stats"}, "rkn-search: error: give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE\n"},
        {{"Putin", "-kompas"}, "rkn-search: error: '-kompas' is no option (a query that starts "
                               "with '-' goes after '--': rkn-search -- -word ...)\n"},
        {{"Putin", "-kompas", "-tempo"}, "rkn-search: error: '-kompas' and '-tempo' are no options (a query that starts "
                                         "with '-' goes after '--': rkn-search -- -word ...)\n"},
        // A long option mistyped is named, not taken for a query's word.
        {{"Putin", "--jsn"}, "rkn-search: error: '--jsn' is no option (did you mean --json?)\n"},
        {{"Putin", "--sourc", "kompas"}, "rkn-search: error: '--sourc' is no option (did you mean --source?)\n"},
        {{"Putin", "--xyzzy"}, "rkn-search: error: '--xyzzy' is no option (a query that starts with '-' goes after '--': "
                               "rkn-search -- -word ...)\n"},
        // A first word that starts like a bundle of short options: -h had printed the help and
        // exited 0, -n had complained about --limit, -l had quoted "-umpur".
        {{"-hamas", "palestina"}, "rkn-search: error: '-hamas' was read as options (a query that starts with '-' goes after "
                                  "'--': rkn-search -- -word ...)\n"},
        {{"-nasdem korupsi"}, "rkn-search: error: '-nasdem korupsi' was read as options (a query that starts with '-' goes "
                              "after '--': rkn-search -- -word ...)\n"},
        {{"-lumpur", "banjir"}, "rkn-search: error: '-lumpur' was read as options (a query that starts with '-' goes after "
                                "'--': rkn-search -- -word ...)\n"},
        {{"-0banjir"}, "rkn-search: error: '-0banjir' was read as options (a query that starts with '-' goes after '--': "
                       "rkn-search -- -word ...)\n"},
        // -j takes a number as -n does (--batch's threads): -jakarta is no thread count.
        {{"-jakarta", "banjir"}, "rkn-search: error: '-jakarta' was read as options (a query that starts with '-' goes after "
                                 "'--': rkn-search -- -word ...)\n"},
        // Given empty (an unset shell variable), a date is an error, not left out.
        {{"--from", "", "Putin"}, "rkn-search: error: --from: date must be YYYY, YYYY-MM or YYYY-MM-DD, got ''\n"},
        {{"--to", "", "Putin"}, "rkn-search: error: --to: date must be YYYY, YYYY-MM or YYYY-MM-DD, got ''\n"},
        {{"--from", "2019-10-01", "--to", "2019-09-01", "Putin"},
         "rkn-search: error: --from: '2019-10-01' is after the range's end, '2019-09-01'\n"},
    };
    for (const Row& r : rows) {
      CAPTURE(r.args);
      auto s = Search(r.args);
      CHECK(s.status == 2);
      CHECK(s.out.empty());
      CHECK(s.err == r.err);
    }
    CHECK(Search({"--", "-kompas", "Putin"}).status <= 1);  // after "--" it is the query
    CHECK(Search({"--", "-hamas", "Putin"}).status <= 1);
    // Bundles of short options are still options.
    CHECK(Search({"-n5", "Putin"}).status <= 1);
    CHECK(Search({"-ln5", "Putin"}).status <= 1);
    CHECK(Search({"-h"}).status == 0);
    CHECK(Search({"-h"}).out.find("Usage:") != std::string::npos);
    // A value that starts with '-' stays the option's value.
    CHECK(Search({"--analyze", "-hamas"}).status == 0);
  }
}

TEST_CASE("--version prints the tool and its version on stdout and exits 0") {
  for (const auto& item : {std::pair{kIndexBin, std::string("rkn-index ")}, std::pair{kSearchBin, std::string("rkn-search ")}}) {
    const auto& bin = std::get<0>(item);
    const auto& name = std::get<1>(item);
    CAPTURE(name);
    auto r = RunProcess({bin, "--version"});
    CHECK(r.status == 0);
    CHECK(r.out.rfind(name, 0) == 0);
    CHECK(r.out.back() == '\n');
    CHECK(r.err.empty());
  }
}

TEST_CASE("rkn-search --help lists its options under headings, each value named for what it takes") {
  auto r = RunProcess({kSearchBin, "--help"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  size_t at = 0;
  for (const char* part : {"Database:", "--db PATH", "Matching, filters, sorting, facets, snippets:", "--from DATE",
                           "Output:", "--color WHEN", "Instead of a query:", "--batch FILE", "--analyze TEXT"}) {
    CAPTURE(part);
    const size_t found = r.out.find(part, at);  // in this order
    REQUIRE(found != std::string::npos);
    at = found;
  }
}

TEST_CASE("rkn-index --help names each value for what it takes, and a missing value is named so") {
  // The help said "-j,--jobs INT:INT in [1 - 256]" and "--batch UINT:INT in [1 - 10000000]"
  // (CLI11's types), and a bare -j "--jobs: 1 required INT:INT in [1 - 256] missing".
  auto r = RunProcess({kIndexBin, "--help"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("INT") == std::string::npos);
  for (const char* part : {"PATH PATH ... REQUIRED", "--db DB ", "--rules FILE ...", "-j,--jobs N ", "threads, 1 to 256", "--batch N ",
                           "--field NAME=FIELD ...", "--max-article-mb N ", "--stemmer NAME "}) {
    CAPTURE(part);
    CHECK(r.out.find(part) != std::string::npos);
  }
  TempDir t("e2e");
  const auto bare = RunProcess({kIndexBin, t.path().string(), "-j"});
  CHECK(bare.status == 2);
  CHECK(bare.err == "rkn-index: error: --jobs: 1 required N missing\n");
}

TEST_CASE("rkn-index reports a missing path verbatim and exits 2") {
  TempDir t("e2e");
  auto r = RunProcess({kIndexBin, "/nonexistent/corpus", "--db", (t.path() / "x.db").string()});
  CHECK(r.status == 2);
  CHECK(r.err == "rkn-index: error: /nonexistent/corpus: no such file or directory\n");
}

TEST_CASE("rkn-index: a path or a glued bundle that the short options would take is an error that says so") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  const std::string article = R"({"id": "a1", "content": "Pertemuan Putin dan Kim di Vladivostok kemarin sore."})";
  WriteCorpus(corpus, {{"-jakarta.jsonl", article + "\n"}, {"x.jsonl", article + "\n"}});
  const std::string db = (t.path() / "x.db").string();
  const std::string file = (corpus / "x.jsonl").string();
  const auto as_path = [](const std::string& word) {
    return "rkn-index: error: '" + word + "' was read as options (a path that starts with '-' goes after '--': rkn-index -- " +
           word + ")\n";
  };
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  // Before: -h printed the help and exited 0, -j complained of a number the user never wrote,
  // -q4 indexed the path "-4", -qfoo and -verbose named "-foo" and "-erbose".
  const Case cases[] = {
      {{"-hasil.jsonl"}, as_path("-hasil.jsonl")},
      {{"-h4"}, as_path("-h4")},
      {{"-jakarta.jsonl"}, as_path("-jakarta.jsonl")},
      {{file, "-jakarta.jsonl"}, as_path("-jakarta.jsonl")},
      {{"-jX", file}, as_path("-jX")},
      {{"-j4q", file}, as_path("-j4q")},
      {{"-qX", file}, as_path("-qX")},
      {{"-qfoo", file}, as_path("-qfoo")},
      {{"-vX", file}, as_path("-vX")},
      {{"-q4", file}, as_path("-q4")},
      {{"-verbose", file}, "rkn-index: error: '-verbose' was read as options (long options take two dashes: --verbose)\n"},
      {{"-help"}, "rkn-index: error: '-help' was read as options (long options take two dashes: --help)\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.front());
    std::vector<std::string> argv = {kIndexBin, "--db", db};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = RunProcess(argv);
    CHECK(r.status == 2);
    CHECK(r.err == c.err);
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(db));
  }
  // Bundles of short options, an option's value that starts with '-' and a path after '--' are read as meant.
  CHECK(RunProcess({kIndexBin, "--db", db, "-qj1", file}).status == 0);
  CHECK(RunProcess({kIndexBin, "--db", db, "-j1", "-q", file}).status == 0);
  const auto help = RunProcess({kIndexBin, "-vh"});
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage:") != std::string::npos);
  rkn::test::RunOptions in_corpus;
  in_corpus.cwd = corpus.string();
  CHECK(RunProcess({kIndexBin, "-q", "--db", "-x.db", "x.jsonl"}, in_corpus).status == 0);
  CHECK(fs::exists(corpus / "-x.db"));
  const auto dashed = RunProcess({kIndexBin, "--db", db, "-j1", "--", "-jakarta.jsonl"}, in_corpus);
  CHECK(dashed.status == 0);
  CHECK(dashed.err.find("1 indexed") != std::string::npos);
}

TEST_CASE("indexing twice leaves the document count unchanged") {
  TempDir t("e2e");
  const std::string db = (t.path() / "twice.db").string();
  auto first = RunProcess({kIndexBin, kCorpus, "--db", db});
  REQUIRE(first.status == 0);
  CHECK(first.err.find("5 indexed") != std::string::npos);
  auto second = RunProcess({kIndexBin, kCorpus, "--db", db});
  REQUIRE(second.status == 0);
  CHECK(second.err.find("0 indexed") != std::string::npos);
  CHECK(second.err.find("5 unchanged") != std::string::npos);
  auto stats = RunProcess({kSearchBin, "--db", db, "--stats", "--json"});
  REQUIRE(stats.status == 0);
  CHECK(nlohmann::json::parse(stats.out)["documents"] == 5);
}

TEST_CASE("--stats --json gives the date span's from and to, null when no article has a date") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  WriteCorpus(corpus, {{"a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok.\n"}});
  const std::string db = (t.path() / "undated.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  SUBCASE("no article has a date: both members, null (the span was {})") {
    auto r = RunProcess({kSearchBin, "--db", db, "--stats", "--json"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["date_span"] == nlohmann::json{{"from", nullptr}, {"to", nullptr}});
    auto human = RunProcess({kSearchBin, "--db", db, "--stats"});
    CHECK(human.status == 0);
    CHECK(human.out.find("date span:") == std::string::npos);
  }
  SUBCASE("dated articles: the first and last day") {
    std::ofstream(corpus / "b.jsonl") << R"({"id": "b", "title": "Judul dua", "content": "Harga cabai naik di pasar Bekasi.", )"
                                         R"("date": "2019-09-17T10:00:00+07:00"})"
                                      << "\n";
    REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
    auto r = RunProcess({kSearchBin, "--db", db, "--stats", "--json"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["date_span"] == nlohmann::json{{"from", "2019-09-17"}, {"to", "2019-09-17"}});
    CHECK(RunProcess({kSearchBin, "--db", db, "--stats"}).out.find("date span:        2019-09-17 .. 2019-09-17\n") !=
          std::string::npos);
  }
}

TEST_CASE("a changed file is replaced and a removed file is removed") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  WriteCorpus(corpus, {{"a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok.\n"},
                       {"b.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi.\n"}});
  const std::string db = (t.path() / "inc.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  std::ofstream(corpus / "a.txt") << "Judul satu\n\nPertemuan Putin dan Kim di Pyongyang kemarin.\n";
  fs::remove(corpus / "b.txt");
  auto r = RunProcess({kIndexBin, corpus.string(), "--db", db});
  REQUIRE(r.status == 0);
  CHECK(r.err.find("1 replaced") != std::string::npos);
  CHECK(r.err.find("1 removed") != std::string::npos);
  CHECK(RunProcess({kSearchBin, "--db", db, "cabai"}).status == 1);
  CHECK(RunProcess({kSearchBin, "--db", db, "Pyongyang"}).status == 0);
}

TEST_CASE("a file cut to its title line keeps the article indexed from it, and a new one is indexed by its title, said") {
  // A copy cut short (an interrupted sync) replaced the article with an empty one, exit 0.
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  WriteCorpus(corpus, {{"a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok.\n"}});
  const std::string db = (t.path() / "cut.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  std::ofstream(corpus / "a.txt", std::ios::trunc) << "Judul satu\n";
  auto cut = RunProcess({kIndexBin, corpus.string(), "--db", db});
  CHECK(cut.status == 3);
  CHECK(cut.err.find("rkn-index: warning: " + (corpus / "a.txt").string() + ": no text after its title; skipped\n") != std::string::npos);
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "Vladivostok"}).out == "1\n");
  // A file of its title alone that nothing was indexed from is its title's article, and counted.
  std::ofstream(corpus / "b.txt") << "Harga cabai naik\n";
  auto added = RunProcess({kIndexBin, corpus.string(), "--db", db});
  CHECK(added.err.find("1 records without text indexed by their title") != std::string::npos);
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "cabai"}).out == "1\n");
}

TEST_CASE("file names that are not UTF-8 come back byte for byte from --files, with U+FFFD in JSON") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus);
  // Two Latin-1 names that differ only in their non-UTF-8 byte: one U+FFFD would make them one.
  const std::string ff = "gajah\xff.txt", fe = "gajah\xfe.txt";
  std::ofstream(corpus / ff) << "Judul satu\n\nGajah sumatera dilindungi di Riau.\n";
  std::ofstream(corpus / fe) << "Judul dua\n\nHarimau sumatera dilindungi di Jambi.\n";
  const std::string db = (t.path() / "latin1.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);

  auto files = RunProcess({kSearchBin, "--db", db, "--files", "sumatera"});
  REQUIRE(files.status == 0);
  CHECK((files.out == fe + "\n" + ff + "\n" || files.out == ff + "\n" + fe + "\n"));
  auto gajah = RunProcess({kSearchBin, "--db", db, "--files", "gajah", "riau"});
  CHECK(gajah.out == ff + "\n");
  CHECK(fs::exists(corpus / gajah.out.substr(0, gajah.out.size() - 1)));  // a path that opens

  auto json = RunProcess({kSearchBin, "--db", db, "--json", "gajah", "riau"});
  REQUIRE(json.status == 0);
  const auto j = nlohmann::json::parse(json.out);  // valid UTF-8, or parse() throws
  CHECK(j["hits"][0]["path"] == "gajah\xef\xbf\xbd.txt");
  auto csv = RunProcess({kSearchBin, "--db", db, "--csv", "gajah", "riau"});
  CHECK(csv.out.find(",\"gajah\xef\xbf\xbd.txt\",") != std::string::npos);

  // The second run sees both files unchanged: the names stay apart.
  auto again = RunProcess({kIndexBin, corpus.string(), "--db", db});
  CHECK(again.err.find("2 unchanged") != std::string::npos);
}

TEST_CASE("--files lists the file of every match, not one page's, and --null ends each path with NUL for xargs -0") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus / "sub");
  // 14 files, more than a page of 10 hits; names with a space, a line break and a quote, which
  // line-by-line xargs would split or choke on.
  std::set<std::string> names;
  for (int i = 0; i < 11; ++i) names.insert("sub/berita " + std::to_string(i) + ".txt");
  names.insert("baris\nbaru.txt");
  names.insert("kutip \"x\".txt");
  names.insert("-rf.txt");
  // Each text its own (a line every file repeats is site furniture, and is dropped).
  int k = 0;
  for (const auto& n : names) {
    ++k;
    std::ofstream(corpus / n) << "Judul " << k << "\n\nBendungan nomor " << k << " diresmikan di Jawa Tengah pada hari Senin, "
                              << k * 7 << " hektare sawah.\n";
  }
  const std::string db = (t.path() / "files.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db, "-q"}).status == 0);

  auto null = RunProcess({kSearchBin, "--db", db, "--files", "--null", "bendungan"});
  REQUIRE(null.status == 0);
  CHECK(null.err.empty());
  std::vector<std::string> got;
  for (size_t start = 0, end; (end = null.out.find('\0', start)) != std::string::npos; start = end + 1) {
    got.push_back(null.out.substr(start, end - start));
  }
  CHECK(null.out.back() == '\0');
  CHECK(got.size() == names.size());  // each file once
  CHECK(std::set<std::string>(got.begin(), got.end()) == names);

  auto lines = RunProcess({kSearchBin, "--db", db, "-l", "bendungan"});
  REQUIRE(lines.status == 0);
  CHECK(std::count(lines.out.begin(), lines.out.end(), '\n') == static_cast<long>(names.size()) + 1);  // one name holds one
  auto page = RunProcess({kSearchBin, "--db", db, "-l", "-n", "3", "bendungan"});  // -n asks for a page
  CHECK(std::count(page.out.begin(), page.out.end(), '\n') <= 4);
  CHECK(page.out.size() < lines.out.size());

  auto usage = RunProcess({kSearchBin, "--db", db, "--json", "--null", "bendungan"});
  CHECK(usage.status == 2);
  CHECK(usage.err == "rkn-search: error: --null: applies to --files only\n");
}

TEST_CASE("the database path comes from --db, then RKN_DB, then ./rkn.db") {
  TempDir t("e2e");
  const std::string db = (t.path() / "env.db").string();
  auto r = RunProcess({kIndexBin, kCorpus}, "", {"RKN_DB=" + db});
  REQUIRE(r.status == 0);
  CHECK(fs::exists(db));
  CHECK(RunProcess({kSearchBin, "Putin"}, "", {"RKN_DB=" + db}).status == 0);
}

TEST_CASE("capitalised and inflected query words match") {
  SUBCASE("Perjanjian finds perjanjian") { CHECK(Search({"Perjanjian"}).status == 0); }
  SUBCASE("stemming: ditandatangani finds menandatangani") {
    auto r = Search({"--json", "ditandatangani"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["total"].get<int>() >= 2);
  }
  SUBCASE("=word matches unstemmed only") {
    auto stemmed = nlohmann::json::parse(Search({"--json", "pemimpin"}).out)["total"].get<int>();
    auto exact = nlohmann::json::parse(Search({"--json", "=pemimpin"}).out)["total"].get<int>();
    CHECK(exact <= stemmed);
    CHECK(exact >= 1);
  }
}

TEST_CASE("full-width, styled and ligature letters in an article or a query are the letters they write") {
  TempDir dir("e2e-fold");
  WriteCorpus(dir.path() / "in", {{"a.txt", "Penyidik \uFF2B\uFF30\uFF2B memeriksa saksi \uFB01nal.\n\n"
                                            "Ruang sidang penuh sejak pagi."}});
  const std::string db = (dir.path() / "db").string();
  REQUIRE(RunProcess({kIndexBin, (dir.path() / "in").string(), "--db", db, "-q"}).status == 0);
  for (const std::string q : {"KPK", "\uFF2B\uFF30\uFF2B", "\U0001D40A\U0001D40F\U0001D40A", "final"}) {
    CAPTURE(q);
    auto r = RunProcess({kSearchBin, "--db", db, "--json", q});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["total"] == 1);
    // The snippet shows the folded text the match was made on.
    CHECK(j["hits"][0]["snippet"].get<std::string>().find("KPK memeriksa saksi final") != std::string::npos);
  }
}

TEST_CASE("HTML character references in a dump's records and a page escaped twice are decoded, not glued to words") {
  TempDir dir("e2e-entities");
  const std::string page =
      "<html><head><meta charset=\"utf-8\"><title>Kutipan &amp;#8216;Banjir&amp;#8217;</title></head><body><article>"
      "<h1>Kutipan &amp;#8216;Banjir&amp;#8217;</h1>"
      "<p>Warga menyebut petugas &amp;quot;tenang&amp;quot; saat air naik di kawasan Kampung Melayu sejak pagi.</p>"
      "<p>Posko pengungsian dibuka di lima wilayah kota karena hujan deras belum berhenti&amp;nbsp;hingga malam.</p>"
      "</article></body></html>";
  WriteCorpus(dir.path() / "in",
              {{"a.jsonl", "{\"id\": \"1\", \"title\": \"Banjir &amp; longsor\", \"content\": \"Gubernur menyebut warga "
                           "&quot;tangguh&quot; menghadapi banjir.&nbsp;Posko pengungsian dibuka di lima wilayah kota.\"}\n"},
               {"b.html", page}});
  const std::string db = (dir.path() / "db").string();
  REQUIRE(RunProcess({kIndexBin, (dir.path() / "in").string(), "--db", db, "-q"}).status == 0);
  struct Row {
    const char* query;
    const char* title;
    const char* in_snippet;
  };
  const Row rows[] = {
      {"tangguh", "Banjir & longsor", "warga \"tangguh\" menghadapi banjir."},
      // NormalizeText then folds what the references stood for: curly quotes, the no-break space.
      {"tenang", "Kutipan 'Banjir'", "petugas \"tenang\" saat"},
      {"berhenti", "Kutipan 'Banjir'", "berhenti hingga"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    auto r = RunProcess({kSearchBin, "--db", db, "--json", row.query});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["total"] == 1);
    CHECK(j["hits"][0]["title"] == row.title);
    CHECK(j["hits"][0]["snippet"].get<std::string>().find(row.in_snippet) != std::string::npos);
  }
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "quot OR nbsp OR amp"}).out == "0\n");
}

TEST_CASE("human output marks matches with brackets when not on a terminal") {
  auto r = Search({"perjanjian 1961"});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("[perjanjian 1961]") != std::string::npos);  // neighbouring matches as one
  CHECK(r.out.find("\x1b[") == std::string::npos);
  auto c = Search({"--color=always", "perjanjian 1961"});
  CHECK(c.out.find("\x1b[") != std::string::npos);
}

TEST_CASE("query language: phrases, OR, NOT, NEAR, wildcard, fields") {
  struct Case {
    std::string query;
    int status;
  };
  const Case cases[] = {
      {"\"gencatan senjata\"", 0},
      {"Gorbachev OR Yeltsin", 0},
      {"Putin NOT Putin", 1},
      {"Putin -Kim", 1},
      {"perjanjian NEAR/3 1961", 0},
      {"\"uni soviet\" NEAR/5 perjanjian", 0},
      {"\"uni soviet\" NEAR/1 vladivostok", 1},
      {"Khrush*", 0},
      {"title:Mengulik", 0},
      {"source:kompas.com Putin", 0},
      {"source:kompas Putin", 0},
      {"year:2024 Putin", 0},
      {"date:2022-08-01..2022-08-31", 0},
      {"date:2030..", 1},
      {"date:2024-02-30", 2},
      {"NEAR/x", 2},
      {"Putin AND", 2},
      {"\"unterminated", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(Search({c.query}).status == c.status);
  }
}

TEST_CASE("a word searched by its stem ranks the articles that write it above those with only its derivations") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  // "adil" (fair) is also the root of "pengadilan" (court), which a.txt writes three times.
  WriteCorpus(corpus, {{"a.txt", "Sidang\n\nPengadilan negeri memutus perkara itu. Pengadilan tinggi menguatkannya. "
                                 "Pengadilan agama menunda sidang lain.\n"},
                       {"b.txt", "Warga\n\nKeputusan itu dinilai tidak adil oleh warga desa yang menunggu lama.\n"}});
  const std::string db = (t.path() / "db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  auto r = RunProcess({kSearchBin, "--db", db, "--files", "adil"});
  CHECK(r.status == 0);
  CHECK(r.out == "b.txt\na.txt\n");  // both match, b first
  auto court = RunProcess({kSearchBin, "--db", db, "--files", "pengadilan"});
  CHECK(court.out == "a.txt\nb.txt\n");
}

TEST_CASE("spelling suggestions are offered, never applied") {
  struct Row {
    const char* query;
    const char* suggestion;  // nullptr: none
  };
  // A misspelt word is corrected wherever it stands: alone, in a phrase, as an operand of NEAR.
  const Row rows[] = {
      {"Khruschev", "Khrushchev"},  // in the case it was typed in
      {"KHRUSCHEV", "KHRUSHCHEV"},
      {"khruschev", "khrushchev"},
      {"\"perjanjian Khruschev\"", "\"perjanjian Khrushchev\""},
      {"putin NEAR/5 Khruschev", "putin NEAR/5 Khrushchev"},
      // Lucene's proximity: the word alone is replaced, the quotes and distance kept.
      {"\"perjanjian Khruschev\"~3", "\"perjanjian Khrushchev\"~3"},
      {"\"perjanjian Khruschev\"~0", "\"perjanjian Khrushchev\"~0"},
      {"putin -\"Khruschev perjanjian\"~5 kremlin", "putin -\"Khrushchev perjanjian\"~5 kremlin"},
      {"title:Mengulk", "title:Mengulik"},  // a field's word, corrected to a word of that field
      {"perjanjain", "perjanjian"},          // two letters swapped: one edit
      {"=Khruschev", "=Khrushchev"},         // an exact word too
      {"title:=Mengulk", "title:=Mengulik"},
      {"title:\"Mengulk\"", "title:\"Mengulik\""},  // a field's phrase too (it got none)
      {"Putin", nullptr},
      {"yagn", nullptr},  // one edit from the stopword yang, which the query would drop
      // With another word to search, the stopword it meant (dropped, as typed it would be), not a
      // rarer neighbour that would narrow the query.
      {"tidk perjanjian", "tidak perjanjian"},
      {"tidk -perjanjian", nullptr},  // an excluded word is nothing to search: "tidak -perjanjian" finds none
      // Two edits of a short word reach too many others: pjtan was offered "pesan" (covid: david).
      {"pjtan", nullptr},
      {"rusa", "rusia"},  // one edit still corrects a short word
      // A word with a digit is an amount or a code, no typo: Rp10.000 (rp, 10.000) was offered
      // "Rpjp.000" on CLICK-ID, its "rp10" one edit from "rpjp".
      {"perjanjia1", nullptr},
      // A hyphenated word's parts, as a phrase's words (it got none: 0 hits and no word said).
      {"perjanjain-Khruschev", "perjanjian-Khrushchev"},
      {"Putin-Khruschev", "Putin-Khrushchev"},
      {"title:Mengulk-Sejarah", "title:Mengulik-Sejarah"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    auto r = Search({"--json", row.query});
    auto j = nlohmann::json::parse(r.out);
    if (row.suggestion == nullptr) {
      CHECK(j["suggestion"].is_null());
    } else {
      CHECK(r.status == 1);  // offered, not applied: the query as typed found nothing
      CHECK(j["suggestion"] == row.suggestion);
    }
  }
}

namespace {

struct SuggestionRow {
  const char* query;
  const char* suggestion;  // nullptr: none
};

// Searches each query of `rows` in `db` and checks the "suggestion" of its JSON, each query
// exiting with `status`: 0, it finds articles (a suggestion is offered beside the hits), or 1.
void CheckSuggestions(const std::string& db, const std::vector<SuggestionRow>& rows, int status = 0) {
  for (const SuggestionRow& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    auto r = RunProcess({kSearchBin, "--db", db, "--json", row.query});
    REQUIRE(r.status == status);
    auto j = nlohmann::json::parse(r.out);
    if (row.suggestion == nullptr) {
      CHECK(j["suggestion"].is_null());
    } else {
      CHECK(j["suggestion"] == row.suggestion);
    }
  }
}

}  // namespace

TEST_CASE("a word of one article is corrected to a commoner neighbour only when the dictionary does not know it") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  // Each word of article a occurs there alone, and one edit from it a word occurs in b and c.
  WriteCorpus(corpus, {{"a.txt", "Judul satu\n\nWabah kolera melanda. Asap menyembul. Investari asing naik. Saham AT&T turun.\n"},
                       {"b.txt", "Judul dua\n\nKolega itu bicara. Air menyembur. Investasi asing naik. Ozil mencetak gol. Ratu Atut hadir.\n"},
                       {"c.txt", "Judul tiga\n\nKolega lain setuju. Lumpur menyembur. Investasi baru datang. Atut pulang.\n"}});
  const std::string db = (t.path() / "typo.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  CheckSuggestions(db, {
      {"investari", "investasi"},  // no Indonesian word: a typo in the corpus
      {"kolera", nullptr},         // a root of the dictionary, not a typo of kolega
      {"menyembul", nullptr},      // meN- + sembul, a root: not a typo of menyembur
      {"investasi", nullptr},      // in two articles: never corrected
      {"AT&T", nullptr},           // an abbreviation joined by '&', one edit from "atut": it was offered "ATUT"
  });
  // A word with diacritics is the word without them ("Özil" finds "Ozil"), and a suggestion keeps
  // the case the word was typed in, whatever its first letter.
  auto found = RunProcess({kSearchBin, "--db", db, "--json", "Özil"});
  CHECK(found.status == 0);
  CHECK(nlohmann::json::parse(found.out)["suggestion"].is_null());
  auto r = RunProcess({kSearchBin, "--db", db, "--json", "Özill"});
  CHECK(r.status == 1);
  CHECK(nlohmann::json::parse(r.out)["suggestion"] == "Ozil");
}

TEST_CASE("a dictionary word no article writes is offered only a neighbour one edit away with its first letter") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  WriteCorpus(corpus, {{"a.txt", "Judul satu\n\nDaun kuning gugur di hutan. Warga menanam pohon.\n"},
                       {"b.txt", "Judul dua\n\nHutan lindung dijaga. Bendera kuning dipasang warga.\n"}});
  const std::string db = (t.path() / "dict.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  CheckSuggestions(db,
                   {
                       {"kloning", nullptr},  // a word of the dictionary two edits from kuning: it was offered "kuning"
                       {"nutan", nullptr},    // one edit from hutan, but its first letter changed: it was offered "hutan"
                       {"hutn", "hutan"},     // no word: a typo, corrected
                       {"kunign", "kuning"},  // no word: two letters swapped
                   },
                   1);  // no article writes them
}

TEST_CASE("a typo the corpus writes in several articles is corrected when its neighbour is fifty times as common") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  // 250 articles write the common words; the rarer forms stand in a few more (a large corpus
  // repeats its typos: a word in 2, or 4, articles is not thereby a word).
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 250; ++i) {
    const std::string n = std::to_string(i);  // lines differ, or the cleaner drops them as furniture
    std::string body = "Kecelakaan di jalan tol " + n + ". Mobil " + n + " menambah kecepatan. Hutan " + n +
                       " terbakar. Laga perdana ke-" + n + " dimulai. Perda nomor " + n + " terbit. Kelas bahasa " + n + " dibuka. Warga Surabaya " +
                       n + " dan Stadion Gemilang " + n + " hadir. Tim Indonesia " + n + " berkantor di Jakarta.";
    if (i % 2 == 0) body += " Laga " + n + " berakhir gemilang.";  // gemilang is a word too
    if (i < 10) body += " Pengungsi tiba di pos " + n + ".";
    body += i < 12 ? " Aki mobil " + n + " soak." : " Warga " + n + " mengakui kesalahan.";
    body += i < 4 ? " Tabrakn " + n + " terjadi." : " Tabrakan " + n + " terjadi.";
    body += " Sang juara " + n + " pulang.";
    if (i < 30) body += " Tersangka " + n + " ditahan.";
    files.emplace_back("c" + n + ".txt", "Judul " + n + "\n\n" + body + "\n");
  }
  for (const std::string n : {"1", "2"}) {
    files.emplace_back("r" + n + ".txt", "Jarang " + n + "\n\nKecelekaan beruntun di km " + n + ". Warga menambal jalan. Pengunsgi datang. "
                                                  "Raja Bhutan tiba. Perdanya belum terbit. Badai melanda Bahama lagi.\n");
  }
  // Names of a single article: a typo of a name 250 write, and a name one edit from a word.
  files.emplace_back("s1.txt", "Sekali\n\nRombongan tiba di Surabya kemarin. Pak Gumilang menyambut mereka. "
                               "Atlet Indonesai berlaga. Kantor di Jakarat tutup.\n");
  WriteCorpus(corpus, files);
  const std::string db = (t.path() / "typo.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  CheckSuggestions(db, {
      {"kecelekaan", "kecelakaan"},  // 2 articles against 250: a typo, though written twice
      {"Kecelekaan beruntun", "Kecelakaan beruntun"},
      {"tabrakn", "tabrakan"},  // 4 articles against 246: a typo the corpus repeats
      {"menambal", nullptr},   // meN- + tambal, a root: a real word, however common menambah is
      {"pengunsgi", nullptr},  // 2 articles against 10: not rare enough to be taken for a typo
      {"Bhutan", nullptr},     // hutan is in 250 articles, but a typo rarely changes the first letter
      {"perdanya", nullptr},   // perdana is in 250, but perdanya is perda's, which 250 write
      {"tabrakanku", nullptr},  // no article writes it, but 246 write its stem (Jokowinya was offered Jokinya)
      // No article writes it, and 12 its stem (aki), but 238 the word one edit away: a typo,
      // though searched by that stem (it got no suggestion).
      {"mengaki", "mengakui"},
      // No article writes it; read as ter-sang-kah it is sang's (250 articles), but it is the
      // word of 30 with an h more at its end, the common slip.
      {"tersangkah", "tersangka"},
      {"bahama", nullptr},     // bahasa is in 250, but the articles write Bahama capitalised: a name
      {"badai bahama", nullptr},
      {"kecelakaan", nullptr},
      // A name of one article one edit from a name in 50 times as many is its typo (Jakrta,
      // Indonesai were offered nothing), also when the dictionary has the name (indonesia) but
      // then only if the articles never write it in lower case; one edit from a word the
      // articles capitalise in names but also write as a word (Gemilang, a root) it is a name of
      // its own.
      {"Surabya", "Surabaya"},
      {"Indonesai", "Indonesia"},
      {"Gumilang", nullptr},
  });
  // No article writes it; one edit away is a word of one article (Jakarat), and one edit from
  // that a word of 250: the better guess (it was offered "Jakarat").
  CheckSuggestions(db, {{"Jakrat", "Jakarta"}}, 1);
}

TEST_CASE("a database whose aliases are not the data folder's says so until rkn-index runs again") {
  TempDir t("e2e");
  const fs::path data = t.path() / "data";
  fs::copy(fs::path(RKN_SOURCE_DIR) / "data", data, fs::copy_options::recursive);
  WriteCorpus(t.path() / "c", {{"a.txt", "Judul satu\n\nPresiden Soeharto lengser pada Mei 1998.\n"}});
  const std::string db = (t.path() / "db").string();
  auto index = [&] { return RunProcess({kIndexBin, (t.path() / "c").string(), "--db", db, "--data-dir", data.string(), "-q"}); };
  auto search = [&](const std::string& q) { return RunProcess({kSearchBin, "--db", db, "--data-dir", data.string(), "--files", q}); };
  REQUIRE(index().status == 0);
  auto same = search("suharto");  // query-only Suharto, searched as Soeharto: no "did you mean"
  CHECK(same.status == 0);
  CHECK(same.err.empty());
  std::ofstream(data / "aliases.txt", std::ios::app) << "Harto | Soeharto\n";
  auto changed = search("harto");
  CHECK(changed.status == 1);  // the database's synonym table does not have the new group yet
  CHECK(changed.err.rfind("rkn-search: warning: " + db + ": its aliases are not those of " + (data / "aliases.txt").string() +
                              " (changed since rkn-index last ran): they are searched once it runs again\n",
                          0) == 0);
  REQUIRE(index().status == 0);
  auto after = search("harto");
  CHECK(after.status == 0);
  CHECK(after.err.empty());
}

TEST_CASE("--jsonl, --csv, --count and --files say \"did you mean\" on stderr, stdout keeping results only") {
  for (const char* format : {"--jsonl", "--csv", "--count", "--files"}) {
    CAPTURE(format);
    auto r = Search({format, "Khruschev"});
    CHECK(r.status == 1);
    CHECK(r.err == "rkn-search: note: did you mean: Khrushchev\n");
    CHECK(r.out.find("Khrushchev") == std::string::npos);
    auto found = Search({format, "Khrushchev"});
    CHECK(found.status == 0);
    CHECK(found.err.empty());
  }
  auto human = Search({"Khruschev"});
  CHECK(human.out.find("Did you mean: Khrushchev") != std::string::npos);
  CHECK(human.err.empty());
}

TEST_CASE("batch mode answers one JSON line per query from one process") {
  std::vector<std::string> argv = {kSearchBin, "--db", Seeds().db, "--batch", "-"};
  auto r = RunProcess(argv, "perjanjian 1961\n{\"query\": \"Putin\", \"limit\": 2}\n(bad\n");
  CHECK(r.status == 2);  // one query had an error
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t nl = r.out.find('\n', start);
    lines.push_back(nlohmann::json::parse(r.out.substr(start, nl - start)));
    start = nl + 1;
  }
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["hits"][0]["path"] == "000_025ccb897db40613.txt");
  CHECK(lines[1]["hits"].size() == 2);
  CHECK(lines[2].contains("error"));
}

TEST_CASE("batch mode with several search threads answers as one thread does, in the lines' order") {
  // Queries that find much and little, stopwords (notes on stderr), filters, facets, counts,
  // errors before any search (bad JSON, an unknown key) and in it (a bad date), blank lines.
  std::string input;
  const std::vector<std::string> queries = {
      "perjanjian 1961", "Putin", "{\"query\": \"Korut\", \"limit\": 2, \"facets\": [\"source\"]}", "",
      "yang Rusia", "(bad", "{\"query\": \"nuklir\", \"nope\": 1}", "{\"query\": \"date:2019-13-01..\"}",
      "\"Korea Utara\"", "{\"query\": \"Rusia\", \"count\": true}", "   ", "tidak ada kata ini sama sekali",
      "nukl*", "{\"query\": \"Moskow OR Pyongyang\", \"sort\": \"newest\", \"limit\": 3}"};
  for (int round = 0; round < 12; ++round) {
    for (const auto& q : queries) input += q + "\n";
  }
  std::vector<std::string> base = {kSearchBin, "--db", Seeds().db, "--batch", "-"};
  auto with_jobs = [&](const char* jobs) {
    std::vector<std::string> argv = base;
    argv.insert(argv.end(), {"-j", jobs});
    return RunProcess(argv, input);
  };
  const auto one = with_jobs("1");
  REQUIRE(one.status == 2);  // three lines per round fail
  CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 12 * 12);
  CHECK(one.err.find("line 5: 'yang' is a stopword") != std::string::npos);
  for (const char* jobs : {"2", "4"}) {
    CAPTURE(jobs);
    const auto many = with_jobs(jobs);
    CHECK(many.status == one.status);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
  }
  SUBCASE("a file's lines too, and --count's") {
    TempDir t("batchj");
    const std::string file = (t.path() / "q.txt").string();
    std::ofstream(file) << input;
    std::vector<std::string> argv = {kSearchBin, "--db", Seeds().db, "--batch", file, "--count"};
    auto counted_one = RunProcess([&] { auto a = argv; a.insert(a.end(), {"-j", "1"}); return a; }());
    auto counted_many = RunProcess([&] { auto a = argv; a.insert(a.end(), {"-j", "3"}); return a; }());
    CHECK(counted_one.status == 2);
    CHECK(counted_many.out == counted_one.out);
    CHECK(counted_many.err == counted_one.err);
  }
}

TEST_CASE("--analyze shows each token and its term") {
  auto r = Search({"--analyze", "Kepemimpinan yang memimpin", "--json"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 3);
  CHECK(j[0]["token"] == "kepemimpinan");
  CHECK(j[0]["term"] == "pimpin");
  CHECK(j[2]["term"] == "pimpin");
  SUBCASE("unquoted words after the text are analysed too") {
    auto w = Search({"--json", "--analyze", "Kepemimpinan", "yang", "memimpin"});
    REQUIRE(w.status == 0);
    CHECK(nlohmann::json::parse(w.out) == j);
  }
  SUBCASE("each token carries the alias groups a query of the text searches from it") {
    auto a = Search({"--json", "--analyze", "Korut dan Korea Utara"});
    REQUIRE(a.status == 0);
    auto t = nlohmann::json::parse(a.out);
    REQUIRE(t.size() == 4);
    CHECK(t[0]["aliases"] == nlohmann::json::parse(R"([{"words": "korut", "forms": ["korea utara", "north korea"], "excluded": false}])"));
    CHECK(t[1]["aliases"] == nlohmann::json::array());
    CHECK(t[2]["aliases"] ==
          nlohmann::json::parse(R"([{"words": "korea utara", "forms": ["korut", "north korea"], "excluded": false}])"));
    CHECK(t[3]["aliases"] == nlohmann::json::array());
    auto h = Search({"--analyze", "Korea Utara memperjuangkan"});
    CHECK(h.out ==
          "korea\tkorea\t'korea utara' also searches: korut | north korea\n"
          "utara\tutara\n"
          "memperjuangkan\tjuang\n");
    // Text that does not read as a query: the tokens, and a note on stderr saying why no aliases.
    auto u = Search({"--analyze", "\"korut"});
    CHECK(u.status == 0);
    CHECK(u.out == "korut\tkorut\n");
    CHECK(u.err == "rkn-search: note: no aliases shown: the text does not read as a query (column 1: unterminated phrase: "
                   "missing closing '\"')\n");
    // An excluded word's forms are left out with it.
    auto x = Search({"--analyze", "korupsi -AS"});
    CHECK(x.out == "korupsi\tkorupsi\nas\tas\talso leaves out: amerika serikat | usa\n");
  }
  SUBCASE("an operator, a NEAR's distance and a field's name are no terms") {
    // They were shown as searched words: "or or", "near near", "3 3", "title title".
    auto h = Search({"--analyze", "korupsi OR suap NEAR/3 pajak title:mahkamah"});
    const std::string syntax = "\t(query syntax: an operator or a field's name)\n";
    CHECK(h.out == "korupsi\tkorupsi\nor" + syntax + "suap\tsuap\nnear" + syntax + "3" + syntax + "pajak\tpajak\ntitle" + syntax +
                       "mahkamah\tmahkamah\n");
    auto ops = nlohmann::json::parse(Search({"--json", "--analyze", "korupsi OR suap or"}).out);
    REQUIRE(ops.size() == 4);
    CHECK(ops[1]["term"] == "");
    CHECK(ops[3]["term"] == "or");  // in lower case a word
  }
  SUBCASE("a clitic after a hyphen is no term: the query searches the word before it") {
    // It showed "nya nya" for KPK-nya, a term the query does not search.
    auto c = Search({"--analyze", "Instagram-nya nya"});
    CHECK(c.out == "instagram\tinstagram\nnya\t(a clitic: the query searches the word before it)\nnya\tnya\n");
    auto clitic = nlohmann::json::parse(Search({"--json", "--analyze", "Instagram-nya"}).out);
    REQUIRE(clitic.size() == 2);
    CHECK(clitic[1]["term"] == "");
  }
  SUBCASE("with no database, the data folder's aliases") {
    TempDir empty("analyze-nodb");
    rkn::test::RunOptions opt;
    opt.env = {"RKN_DB="};  // empty is unset for rkn-search
    opt.cwd = empty.path().string();
    auto n = RunProcess({kSearchBin, "--analyze", "AS"}, opt);
    CHECK(n.status == 0);
    CHECK(n.out == "as\tas\talso searches: amerika serikat | usa\n");
    CHECK(n.err.empty());
  }
  SUBCASE("an option where the text should be is an error, not text") {
    auto e = Search({"--analyze", "--json", "KPK"});
    CHECK(e.status == 2);
    CHECK(e.out.empty());
    CHECK(e.err == "rkn-search: error: --analyze takes the text right after it, got '--json' (try: rkn-search --analyze TEXT --json)\n");
  }
}

TEST_CASE("an all-words query that no article matches says what each word finds alone") {
  const std::string note =
      "no article has all the words; alone, Putin finds 5, kucing none (--any finds the articles with any of them)";
  auto r = Search({"Putin kucing"});
  CHECK(r.status == 1);
  CHECK(r.out == "0 matching articles\n");
  CHECK(r.err == "rkn-search: note: " + note + "\n");
  auto j = Search({"--json", "Putin kucing"});
  CHECK(j.status == 1);
  CHECK(nlohmann::json::parse(j.out)["notes"] == nlohmann::json::array({note}));
  SUBCASE("with the query's filters, given as options or in the query") {
    // "Putin kucing source:kompas.com" had counted Putin over every source.
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--source", "kompas.com", "Putin kucing"}, {"Putin kucing source:kompas.com"}, {"source:kompas.com Putin kucing"}}) {
      CAPTURE(args.back());
      auto f = Search(args);
      CHECK(f.err == "rkn-search: note: no article has all the words; alone, Putin finds 2, kucing none (--any finds the "
                     "articles with any of them)\n");
    }
  }
  SUBCASE("operators in capitals are not said to need them, and alternatives get no note") {
    for (const char* query : {"Putin AND kucing", "Putin NEAR/3 kucing"}) {
      CAPTURE(query);
      CHECK(Search({query}).err.find("operators are written in capitals") == std::string::npos);
    }
    CHECK(Search({"Putin kucing OR anjingx"}).err.find("no article has all the words") == std::string::npos);
  }
  SUBCASE("each word as the query searches it: a number, a hyphenated word; and operators in lower case said") {
    // "kucing 1961" got no note (a number was not counted); "Jong-un" was counted as "Jong" and "un".
    struct Row {
      const char* query;
      const char* counts;
    };
    for (const Row& row : std::vector<Row>{
             {"kucing 1961", "kucing finds none, 1961 1 (--any finds the articles with any of them)"},
             {"Jong-un kucing", "Jong-un finds 5, kucing none (--any finds the articles with any of them)"},
             {"putin or kucing", "putin finds 5, or none, kucing none (--any finds the articles with any of them); "
                                 "operators are written in capitals: OR"},
         }) {
      CAPTURE(row.query);
      auto n = Search({row.query});
      CHECK(n.status == 1);
      CHECK(n.err == std::string("rkn-search: note: no article has all the words; alone, ") + row.counts + "\n");
    }
  }
  SUBCASE("not for a query with hits, one word, --any, or words no article has") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"Putin Kim"}, {"kucing"}, {"--any", "kucing anjing"}, {"kucingx anjingx"}, {"title:Putin kucing"}}) {
      CAPTURE(args.back());
      CHECK(Search(args).err.find("no article has all the words") == std::string::npos);
    }
  }
}

TEST_CASE("facets count the whole match set") {
  auto r = Search({"--json", "--facets", "source", "-n", "1", "Putin"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  int sum = 0;
  for (auto& f : j["facets"]["source"]) sum += f["count"].get<int>();
  CHECK(sum >= 4);
  CHECK(j["hits"].size() == 1);
}

TEST_CASE("aliases: Korut finds articles that only say Korea Utara, and back") {
  // 004 (Jabar Ekspres) writes only "Korea Utara", never "Korut".
  auto r = Search({"--files", "-n", "10", "Korut"});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("004_5b7c85fa194d9b2f.txt") != std::string::npos);
  auto back = Search({"--json", "Korea Utara"});
  REQUIRE(back.status == 0);
  CHECK(nlohmann::json::parse(back.out)["parsed_query"].get<std::string>().find("Zkorut") != std::string::npos);
}

TEST_CASE("a site's name in a lead's dateline is its source, not a word of the article") {
  // 000 and 003 open with "VALDIVOSTOK, KOMPAS.com - " and "KOMPAS.com - ", 004 with "JABAR EKSPRES- ".
  for (const char* q : {"kompas", "\"jabar ekspres\"", "ekspres"}) {
    CAPTURE(q);
    auto r = Search({"--count", q});
    CHECK(r.status == 1);
    CHECK(r.out == "0\n");
  }
  auto sources = Search({"--count", "source:kompas.com OR source:jabarekspres.com"});
  CHECK(sources.out == "3\n");
  auto place = Search({"--json", "-n", "1", "Valdivostok"});
  REQUIRE(place.status == 0);
  CHECK(nlohmann::json::parse(place.out)["hits"][0]["snippet"].get<std::string>().find("VALDIVOSTOK - Presiden") != std::string::npos);
}

TEST_CASE("--collapse folds a dated copy and an undated one of a story in every sort order") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus);
  const std::string story =
      "Pemerintah menaikkan harga bahan bakar minyak bersubsidi mulai pekan depan. Menteri Energi "
      "mengatakan kenaikan itu diperlukan untuk menjaga anggaran negara tetap sehat. Pengamat ekonomi "
      "memperkirakan inflasi akan naik sekitar satu persen dalam tiga bulan ke depan.";
  std::ofstream(corpus / "d.jsonl")
      << nlohmann::json{{"id", "dated"}, {"title", "Harga BBM naik"}, {"date", "2019-09-10"}, {"content", story}}.dump() << "\n"
      << nlohmann::json{{"id", "undated"}, {"title", "BBM naik pekan depan"}, {"content", story}}.dump() << "\n"
      << nlohmann::json{{"id", "other"}, {"title", "Cabai"}, {"date", "2019-09-20"},
                        {"content", "Harga cabai di pasar turun, kata pedagang BBM."}}.dump() << "\n";
  const std::string db = (t.path() / "dup.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  for (const char* sort : {"relevance", "newest", "oldest"}) {
    CAPTURE(sort);
    auto j = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--collapse", "--sort", sort, "bbm"}).out);
    REQUIRE(j["hits"].size() == 2);
    int copies = 0;
    for (auto& h : j["hits"]) copies += h["collapsed"].get<int>();
    CHECK(copies == 1);
  }
  auto oldest = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--sort", "oldest", "bbm"}).out);
  REQUIRE(oldest["hits"].size() == 3);
  CHECK(oldest["hits"][0]["published"] == "2019-09-10");
  CHECK(oldest["hits"][1]["published"] == "2019-09-20");
  CHECK(oldest["hits"][2]["published"].is_null());  // undated last
}

TEST_CASE("--collapse folds syndicated copies of one story") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus / "a");
  fs::create_directories(corpus / "b");
  const std::string story =
      "Pemerintah menaikkan harga bahan bakar minyak bersubsidi mulai pekan depan. Menteri Energi "
      "mengatakan kenaikan itu diperlukan untuk menjaga anggaran negara tetap sehat. Pengamat ekonomi "
      "memperkirakan inflasi akan naik sekitar satu persen dalam tiga bulan ke depan. Sejumlah "
      "organisasi buruh menyatakan akan menggelar unjuk rasa di depan gedung parlemen.";
  std::ofstream(corpus / "a" / "1.txt") << "Harga BBM naik\n\n" << story << "\n";
  std::ofstream(corpus / "b" / "1.txt") << "BBM naik pekan depan\n\n" << story << "\n";
  std::ofstream(corpus / "b" / "2.txt") << "Berita lain\n\nHarga cabai di pasar turun, kata pedagang BBM.\n";
  const std::string db = (t.path() / "dup.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  auto plain = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "bbm"}).out);
  CHECK(plain["hits"].size() == 3);
  auto folded = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--collapse", "bbm"}).out);
  REQUIRE(folded["hits"].size() == 2);
  int copies = 0;
  for (auto& h : folded["hits"]) copies += h["collapsed"].get<int>();
  CHECK(copies == 1);
  // The total is what is left after folding, counted (it fits the 100 past the page), and a page
  // further on shows the same hits as the longer page.
  CHECK(folded["total"] == 2);
  CHECK(folded["total_bounds"]["lower"] == 2);
  CHECK(folded["total_bounds"]["upper"] == 2);
  auto second = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--collapse", "--offset", "1", "bbm"}).out);
  REQUIRE(second["hits"].size() == 1);
  CHECK(second["hits"][0]["docid"] == folded["hits"][1]["docid"]);
  CHECK(second["hits"][0]["rank"] == 2);
  CHECK(second["total"] == 2);
  // --count counts what is left after folding, exactly (Xapian alone would estimate it).
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "bbm"}).out == "3\n");
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "--collapse", "bbm"}).out == "2\n");
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "--collapse", "--any", "bbm cabai"}).out == "2\n");
  // Counted exactly with hits asked for too (a batch line): the page is still the one asked for.
  auto counted = nlohmann::json::parse(
      RunProcess({kSearchBin, "--db", db, "--batch", "-"}, "{\"query\":\"bbm\",\"collapse\":true,\"count\":true,\"limit\":1,\"offset\":1}\n").out);
  CHECK(counted["total"] == 2);
  REQUIRE(counted["hits"].size() == 1);
  CHECK(counted["hits"][0]["docid"] == folded["hits"][1]["docid"]);
  CHECK(counted["hits"][0]["rank"] == 2);
}

TEST_CASE("--collapse does not fold two stories that share only a press statement's template") {
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus);
  // KPK's summons: the same sentences around each case (one MinHash folded such articles).
  const std::string templ =
      "Juru bicara KPK Febri Diansyah mengatakan pemeriksaan dilakukan di Gedung Merah Putih KPK, Jakarta. "
      "Saksi diperiksa untuk melengkapi berkas tersangka. KPK mengimbau para saksi kooperatif dan hadir "
      "memenuhi panggilan penyidik sesuai jadwal yang telah ditentukan.";
  const std::string bawang =
      "KPK memanggil Sekjen Kementerian Perdagangan terkait kasus suap impor bawang putih. Kasus ini "
      "bermula dari operasi tangkap tangan terhadap anggota DPR yang menerima uang dari pengusaha importir "
      "bawang putih untuk mengurus kuota impor.";
  const std::string percetakan =
      "KPK memeriksa mantan direktur utama Percetakan Negara dalam kasus pengadaan kartu tanda penduduk "
      "elektronik. Tersangka diduga ikut mengatur pemenang lelang proyek yang merugikan negara triliunan "
      "rupiah bersama sejumlah pejabat kementerian.";
  std::ofstream(corpus / "bawang.txt") << "Kasus suap bawang putih\n\n" << bawang << "\n\n" << templ << "\n";
  std::ofstream(corpus / "bawang-copy.txt") << "KPK panggil Sekjen Kemendag\n\n" << bawang << "\n\n" << templ << "\n";
  std::ofstream(corpus / "percetakan.txt") << "Eks dirut Percetakan Negara diperiksa\n\n" << percetakan << "\n\n" << templ << "\n";
  const std::string db = (t.path() / "tpl.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "kpk"}).out == "3\n");
  CHECK(RunProcess({kSearchBin, "--db", db, "--count", "--collapse", "kpk"}).out == "2\n");  // only the copy folds
  auto folded = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--collapse", "kpk"}).out);
  std::map<std::string, int> copies;
  for (auto& h : folded["hits"]) copies[h["path"].get<std::string>()] = h["collapsed"].get<int>();
  CHECK(copies.count("percetakan.txt") == 1);
  CHECK(copies["percetakan.txt"] == 0);
}

TEST_CASE("--collapse with facets counts what is left after folding exactly, as --count does, past the 100 it checks") {
  // 130 stories in two copies each: more than the page and the 100 past it that a search checks.
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus / "a");
  fs::create_directories(corpus / "b");
  std::mt19937 rng(130);  // fixed seed
  for (int i = 0; i < 130; ++i) {
    std::string story = "Harga BBM";
    for (int w = 0; w < 60; ++w) story += " kata" + std::to_string(rng() % 400);
    story += ".";
    const std::string name = std::to_string(i) + ".txt";
    std::ofstream(corpus / "a" / name) << "Berita " << i << "\n\n" << story << "\n";
    std::ofstream(corpus / "b" / name) << "Salinan " << i << "\n\n" << story << "\n";
  }
  const std::string db = (t.path() / "many.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db, "-q"}).status == 0);
  REQUIRE(RunProcess({kSearchBin, "--db", db, "--count", "bbm"}).out == "260\n");
  REQUIRE(RunProcess({kSearchBin, "--db", db, "--count", "--collapse", "bbm"}).out == "130\n");
  auto j = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--collapse", "--facets", "source", "-n", "1", "bbm"}).out);
  CHECK(j["total"] == 130);
  CHECK(j["total_bounds"]["lower"] == 130);
  CHECK(j["total_bounds"]["upper"] == 130);
}

TEST_CASE("an alias file of your own takes effect without re-indexing any article, and lasts until another replaces it") {
  TempDir t("e2e");
  const std::string db = (t.path() / "own.db").string();
  REQUIRE(RunProcess({kIndexBin, kCorpus, "--db", db, "-q"}).status == 0);
  const fs::path mine = t.path() / "mine.txt";
  std::ofstream(mine) << "# my groups\nVladivostok | Vlad\n";
  auto r = RunProcess({kIndexBin, kCorpus, "--db", db, "--aliases", mine.string()});
  REQUIRE(r.status == 0);
  CHECK(r.err.find(" 0 indexed, 0 replaced, 5 unchanged") != std::string::npos);
  auto q = RunProcess({kSearchBin, "--db", db, "--json", "-n", "0", "vlad"});
  CHECK(nlohmann::json::parse(q.out)["parsed_query"].get<std::string>().find("Zvladivostok") != std::string::npos);
  CHECK(q.status == 0);  // "vlad" alone is in no article: found through the alias
  // Later runs without --aliases keep the groups (a cron job need not repeat the option)...
  r = RunProcess({kIndexBin, kCorpus, "--db", db});
  CHECK(r.err.find(" 0 indexed, 0 replaced, 5 unchanged") != std::string::npos);
  CHECK(RunProcess({kSearchBin, "--db", db, "vlad"}).status == 0);
  // ... and an empty file drops them, again re-indexing nothing.
  const fs::path empty = t.path() / "none.txt";
  std::ofstream{empty};
  r = RunProcess({kIndexBin, kCorpus, "--db", db, "--aliases", empty.string()});
  CHECK(r.err.find(" 0 indexed, 0 replaced, 5 unchanged") != std::string::npos);
  CHECK(RunProcess({kSearchBin, "--db", db, "vlad"}).status == 1);
  r = RunProcess({kIndexBin, kCorpus, "--db", db});
  CHECK(RunProcess({kSearchBin, "--db", db, "vlad"}).status == 1);
}

TEST_CASE("a search warns when the database was stemmed otherwise, and still answers") {
  CHECK(Search({"--count", "putin"}).err.empty());  // built by this rkn: no warning
  TempDir dir("e2e-stale");
  const fs::path copy = dir.path() / "old.db";
  fs::copy(Seeds().db, copy, fs::copy_options::recursive);
  auto shards = rkn::ListShards(copy);
  REQUIRE(shards.ok());
  for (const fs::path& shard : *shards) {
    Xapian::WritableDatabase w(shard.string(), Xapian::DB_OPEN);
    w.set_metadata(rkn::schema::kMetaAnalyzerVersion, "dict:1-0/rules:0/alias:1/stop:1");  // an older rkn's
    w.commit();
  }
  auto r = RunProcess({kSearchBin, "--db", copy.string(), "--count", "putin"});
  CHECK(r.status == 0);
  CHECK(r.out == Search({"--count", "putin"}).out);
  const std::string head = "rkn-search: warning: " + copy.string() + ": indexed with stemmer dict:1-0/rules:0, searched with dict:";
  CHECK(r.err.substr(0, head.size()) == head);
  CHECK(r.err.ends_with(": some words may miss their other forms until rkn-index runs again\n"));
}

TEST_CASE("results that cannot be written to stdout are an error, exit 2, not hits") {
  // rkn-search > out.jsonl on a full disk used to exit 0 with nothing said.
  if (!fs::exists("/dev/full")) return;  // Linux's always-full device
  auto to_full = [](const std::vector<std::string>& argv) {
    std::vector<std::string> shell = {"/bin/sh", "-c", "exec \"$0\" \"$@\" >/dev/full"};
    shell.insert(shell.end(), argv.begin(), argv.end());
    rkn::test::RunOptions opt;
    opt.input = "korea\nrusia\n";  // for --batch -
    return RunProcess(shell, opt);
  };
  const std::vector<std::vector<std::string>> commands = {
      {kSearchBin, "--db", Seeds().db, "korea"},
      {kSearchBin, "--db", Seeds().db, "--json", "korea"},
      {kSearchBin, "--db", Seeds().db, "--count", "korea"},
      {kSearchBin, "--db", Seeds().db, "--stats"},
      {kSearchBin, "--db", Seeds().db, "--batch", "-"},
      // Output larger than any buffer, which fails in the middle rather than at the last flush.
      {kSearchBin, "--db", Seeds().db, "--json", "--snippet-chars", "2000", "--fragments", "5", "-n", "1000", "--any", "korea", "rusia", "dan"},
      {kSearchBin, "--db", Seeds().db, "--analyze", std::string(100000, 'a') + " b"},
  };
  for (const auto& argv : commands) {
    CAPTURE(argv.back().substr(0, 20));
    auto r = to_full(argv);
    CHECK(r.status == 2);
    // The reason too, wherever the write failed.
    CHECK(r.err == "rkn-search: error: stdout: write failed: No space left on device\n");
  }
  auto explain = to_full({kIndexBin, "--explain", kCorpus});
  CHECK(explain.status == 2);
  CHECK(explain.err == "rkn-index: error: stdout: write failed: No space left on device\n");
  SUBCASE("rkn-index --explain past a file size limit (ulimit -f) says so too") {
    // SIGXFSZ killed it: exit 153, nothing said, and a cut report left in the file.
    TempDir t("e2e");
    const std::string report = (t.path() / "explain.txt").string();
    rkn::test::RunOptions limited;
    limited.env = {"REPORT=" + report};
    auto r = RunProcess({"/bin/sh", "-c", "ulimit -f 1 && exec \"$0\" \"$@\" >\"$REPORT\"", kIndexBin, "--explain", kCorpus},
                        limited);
    CHECK(r.status == 2);
    CHECK(r.err == "rkn-index: error: stdout: write failed: File too large\n");
  }
  SUBCASE("rkn-search past a file size limit says so too, in a batch as for one query") {
    TempDir t("e2e");
    rkn::test::RunOptions limited;
    limited.env = {"OUT=" + (t.path() / "hits.json").string()};
    limited.input = "korea\nrusia\nputin\nkorea\nrusia\nputin\n";  // for --batch -
    for (const std::vector<std::string>& argv :
         {std::vector<std::string>{kSearchBin, "--db", Seeds().db, "--json", "--snippet-chars", "2000", "-n", "100", "--any", "korea", "rusia"},
          std::vector<std::string>{kSearchBin, "--db", Seeds().db, "--batch", "-", "--snippet-chars", "2000", "-n", "100"}}) {
      std::vector<std::string> shell = {"/bin/sh", "-c", "ulimit -f 1 && exec \"$0\" \"$@\" >\"$OUT\""};
      shell.insert(shell.end(), argv.begin(), argv.end());
      auto r = RunProcess(shell, limited);
      CHECK(r.status == 2);  // SIGXFSZ killed it: 153
      CHECK(r.err == "rkn-search: error: stdout: write failed: File too large\n");
    }
  }
}

TEST_CASE("--collapse counts a hit's copies the same whatever the page size") {
  // Xapian counts the copies it folded among the matches it looked at, which the page size
  // bounds: a story's three copies counted 0 on a page of 10 and 3 on one of 10,000.
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  fs::create_directories(corpus);
  const std::string story =
      "Banjir bandang melanda desa di lereng gunung. Banjir merendam ratusan rumah dan banjir memutus "
      "jalan desa. Warga mengungsi ke balai desa sementara tim gabungan membersihkan lumpur banjir.";
  {
    std::ofstream out(corpus / "d.jsonl");
    for (int k = 0; k < 400; ++k) {
      // 400 other articles with the word, each its own story; the copies spread among them.
      std::ostringstream text;
      text << "Laporan nomor " << k << " tentang banjir di kecamatan " << k * 7919 % 1000 << " dan kerugian warga sebesar "
           << k * 104729 % 100000 << " rupiah.";
      const std::string n = std::to_string(k);  // (not "o" + n: GCC 12 warns -Wrestrict there)
      out << nlohmann::json{{"id", std::string("o").append(n)}, {"title", std::string("Kabar ").append(n)}, {"content", text.str()}}.dump() << "\n";
      if (k % 100 == 50) out << nlohmann::json{{"id", std::string("copy").append(n)}, {"title", "Banjir bandang"}, {"content", story}}.dump() << "\n";
    }
  }
  const std::string db = (t.path() / "dup.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db}).status == 0);
  std::map<int, int> seen;  // docid -> collapsed, over every page size
  for (const char* n : {"1", "3", "10", "50", "1000"}) {
    CAPTURE(n);
    auto j = nlohmann::json::parse(RunProcess({kSearchBin, "--db", db, "--json", "--collapse", "-n", n, "banjir"}).out);
    REQUIRE(!j["hits"].empty());
    CHECK(j["hits"][0]["title"] == "Banjir bandang");
    CHECK(j["hits"][0]["collapsed"] == 3);
    for (auto& h : j["hits"]) {
      auto [at, added] = seen.try_emplace(h["docid"].get<int>(), h["collapsed"].get<int>());
      CHECK(at->second == h["collapsed"].get<int>());
    }
  }
}

TEST_CASE("--source, --from and --to alone are a query of those filters") {
  // "rkn-search --source kompas --count" said "no query given".
  auto by_options = Search({"--source", "kompas", "--count"});
  CHECK(by_options.status == 0);
  CHECK(by_options.out == Search({"--count", "source:kompas"}).out);
  CHECK(by_options.out != "0\n");
  auto dated = Search({"--from", "2000-01-01", "--to", "2100-12-31", "--json"});
  CHECK(dated.status == 0);
  CHECK(nlohmann::json::parse(dated.out)["total"] == nlohmann::json::parse(Search({"--json", "date:2000-01-01..2100-12-31"}).out)["total"]);
  CHECK(Search({"--sort", "newest"}).err == "rkn-search: error: no query given (try --help)\n");  // no filter: no query
}

TEST_CASE("rkn-index whose warnings go to a reader that stops reading indexes everything all the same") {
  // `rkn-index DIR 2>&1 | head -c 1`: SIGPIPE killed the run before its commit (exit 141).
  TempDir t("e2e");
  const fs::path corpus = t.path() / "c";
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    files.emplace_back("a" + n + ".txt", "Judul " + n + "\n\nBanjir melanda desa " + n + " pada Senin pagi.\n");
    files.emplace_back("b" + n + ".bin", std::string("\0\1\2 biner ", 10) + n);  // each gets a warning
  }
  WriteCorpus(corpus, files);
  const std::string db = (t.path() / "db").string();
  const std::string status_file = (t.path() / "status").string();
  const std::string cmd = "('" + std::string(kIndexBin) + "' '" + corpus.string() + "' --db '" + db + "' -v; echo $? > '" + status_file +
                          "') 2>&1 | head -c 1 >/dev/null";
  REQUIRE(RunProcess({"/bin/sh", "-c", cmd}).status == 0);
  std::string status;
  std::getline(std::ifstream(status_file), status);
  CHECK(status == "3");  // rkn-index's own, 3 for the skipped .bin files; 141 when SIGPIPE killed it
  CHECK(Xapian::Database(db).get_doccount() == 40);
}
