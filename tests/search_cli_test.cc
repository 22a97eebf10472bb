// MakeSearchCommand / RunSearchArgs: what rkn-search makes of its options after CLI11 parsed them.
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/search_cli.h"

namespace {

rkn::SearchArgs Words(std::vector<std::string> words) {
  rkn::SearchArgs a;
  a.words = std::move(words);
  return a;
}

}  // namespace

TEST_CASE("rkn-search options that do not fit together are refused with the message main prints") {
  struct Case {
    const char* name;
    rkn::SearchArgs args;
    std::string error;
  };
  rkn::SearchArgs nothing;
  rkn::SearchArgs query_and_stats = Words({"korupsi"});
  query_and_stats.stats = true;
  rkn::SearchArgs batch_and_query = Words({"Putin"});
  batch_and_query.batch = "-";
  rkn::SearchArgs batch_and_stats;
  batch_and_stats.batch = "-";
  batch_and_stats.stats = true;
  rkn::SearchArgs analyze_option;
  analyze_option.analyze = "--json";
  rkn::SearchArgs two_formats = Words({"korupsi"});
  two_formats.json = true;
  two_formats.csv = true;
  rkn::SearchArgs count_and_files = Words({"korupsi"});
  count_and_files.count = true;
  count_and_files.files = true;
  rkn::SearchArgs stats_jsonl;
  stats_jsonl.stats = true;
  stats_jsonl.jsonl = true;
  rkn::SearchArgs analyze_jsonl;
  analyze_jsonl.analyze = "korut";
  analyze_jsonl.jsonl = true;
  rkn::SearchArgs null_without_files = Words({"korupsi"});
  null_without_files.null = true;
  rkn::SearchArgs count_facets = Words({"korupsi"});  // printed the count, the facets silently not
  count_facets.count = true;
  count_facets.facets = "source";
  rkn::SearchArgs jobs_without_batch = Words({"korupsi"});  // -j 4 did nothing for one query
  jobs_without_batch.jobs = 4;
  jobs_without_batch.given = {"--jobs"};
  rkn::SearchArgs csv_facets = Words({"korupsi"});
  csv_facets.csv = true;
  csv_facets.facets = "source,year";
  rkn::SearchArgs facets_double_comma = Words({"korupsi"});  // showed source and year, month lost unsaid
  facets_double_comma.facets = "source,,year";
  rkn::SearchArgs facets_trailing_comma = Words({"korupsi"});
  facets_trailing_comma.facets = "source,";
  rkn::SearchArgs facets_empty = Words({"korupsi"});  // an empty $FACETS: was no --facets at all
  facets_empty.facets = "";
  rkn::SearchArgs facets_blank = Words({"korupsi"});
  facets_blank.facets = " ";
  rkn::SearchArgs show_and_stats;
  show_and_stats.show = "a.txt";
  show_and_stats.stats = true;
  rkn::SearchArgs show_empty;
  show_empty.show = " ";
  rkn::SearchArgs show_option;
  show_option.show = "--json";
  rkn::SearchArgs show_csv;
  show_csv.show = "a.txt";
  show_csv.csv = true;
  rkn::SearchArgs show_source = Words({"korut"});
  show_source.show = "a.txt";
  show_source.request.sources = {"kompas.com"};
  rkn::SearchArgs show_facets;
  show_facets.show = "a.txt";
  show_facets.facets = "year";
  rkn::SearchArgs text_human = Words({"korut"});
  text_human.request.text = true;
  rkn::SearchArgs text_count = Words({"korut"});
  text_count.request.text = true;
  text_count.count = true;
  rkn::SearchArgs text_show;
  text_show.show = "a.txt";
  text_show.json = true;
  text_show.request.text = true;
  // Options the mode has no use for were ignored: the whole count for "--count -n 5", the whole
  // database's figures for "--stats --source kompas".
  rkn::SearchArgs count_limit = Words({"korut"});
  count_limit.count = true;
  count_limit.given = {"--limit"};
  rkn::SearchArgs count_sort = Words({"korut"});
  count_sort.count = true;
  count_sort.given = {"--sort"};
  rkn::SearchArgs files_snippet = Words({"korut"});
  files_snippet.files = true;
  files_snippet.given = {"--snippet-chars"};
  rkn::SearchArgs show_offset = Words({"korut"});
  show_offset.show = "a.txt";
  show_offset.given = {"--offset"};
  rkn::SearchArgs stats_source;
  stats_source.stats = true;
  stats_source.request.sources = {"kompas.com"};
  stats_source.given = {"--source"};
  rkn::SearchArgs analyze_any;
  analyze_any.analyze = "korut";
  analyze_any.given = {"--any"};
  const std::string one_mode = "give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE";
  const std::string text_where = "--text: adds each hit's text to --json, --jsonl, --csv and --batch (one article: --show ARTICLE)";
  const std::string show_alone = "--show: shows one article: --source, --from, --to, --facets and --collapse do not apply";
  const std::vector<Case> cases = {
      {"no query", nothing, "no query given (try --help)"},
      {"--text in the human output", text_human, text_where},
      {"--text and --count", text_count, text_where},
      {"--text and --show", text_show,
       "--text: adds the text to search hits: --show prints its article's text, --stats and --analyze have none"},
      {"--show and --stats", show_and_stats, one_mode},
      {"--show with no article", show_empty, "--show: names no article (a hit's path#record, its id or its docid)"},
      {"--show followed by an option", show_option,
       "--show takes the article right after it, got '--json' (try: rkn-search --show ARTICLE --json)"},
      {"--show and --csv", show_csv, "--show: prints text or --json: --csv does not apply"},
      {"--show and --source", show_source, show_alone},
      {"--show and --facets", show_facets, show_alone},
      {"--show and --offset", show_offset, "--show: shows one article whole: --offset does not apply"},
      {"--count and -n", count_limit, "--count: prints the number of matches: -n/--limit does not apply"},
      {"--count and --sort", count_sort, "--count: prints the number of matches: --sort does not apply"},
      {"--files and --snippet-chars", files_snippet, "--files: prints the matching files' paths: --snippet-chars does not apply"},
      {"--stats and --source", stats_source, "--stats: describes the whole database: --source does not apply"},
      {"--analyze and --any", analyze_any, "--analyze: shows how its text is analysed: --any does not apply"},
      {"a query and --stats", query_and_stats, one_mode},
      {"--batch and a query", batch_and_query, one_mode},
      {"--batch and --stats", batch_and_stats, one_mode},
      {"--analyze followed by an option", analyze_option,
       "--analyze takes the text right after it, got '--json' (try: rkn-search --analyze TEXT --json)"},
      {"--json and --csv", two_formats, "choose one of --json, --jsonl, --csv, --count, --files"},
      {"--count and --files", count_and_files, "choose one of --json, --jsonl, --csv, --count, --files"},
      {"--stats and --jsonl", stats_jsonl, "--stats: prints text or --json: --jsonl does not apply"},
      {"--analyze and --jsonl", analyze_jsonl, "--analyze: prints text or --json: --jsonl does not apply"},
      {"--null without --files", null_without_files, "--null: applies to --files only"},
      {"--count and --facets", count_facets, "--facets: are shown by the human output and --json: --count has no place for them"},
      {"--jobs without --batch", jobs_without_batch, "--jobs: applies to --batch only"},
      {"--csv and --facets", csv_facets, "--facets: are shown by the human output and --json: --csv has no place for them"},
      {"--facets with two commas in a row", facets_double_comma,
       "--facets: 'source,,year' has an empty name: names are separated by single commas (source, year, month, author, category)"},
      {"--facets ending in a comma", facets_trailing_comma,
       "--facets: 'source,' has an empty name: names are separated by single commas (source, year, month, author, category)"},
      {"--facets ''", facets_empty, "--facets: empty value; give the names (source, year, month, author, category), or leave the option out"},
      {"--facets ' '", facets_blank, "--facets: empty value; give the names (source, year, month, author, category), or leave the option out"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      auto cmd = rkn::MakeSearchCommand(c.args, nullptr);
      REQUIRE_FALSE(cmd.ok());
      CHECK(cmd.status().ToString() == c.error);
      std::istringstream in;
      std::ostringstream out, err;
      CHECK(rkn::RunSearchArgs(c.args, in, out, err) == 2);
      CHECK(err.str() == "rkn-search: error: " + c.error + "\n");
      CHECK(out.str().empty());
    }
  }
}

TEST_CASE("rkn-search refuses option values out of their bounds, naming the option") {
  struct Case {
    const char* name;
    void (*set)(rkn::SearchArgs&);
    std::string error;
  };
  const std::vector<Case> cases = {
      {"--limit above its maximum", [](rkn::SearchArgs& a) { a.request.limit = rkn::kMaxLimit + 1; },
       "--limit: must be from 0 to " + std::to_string(rkn::kMaxLimit)},
      {"--offset above its maximum", [](rkn::SearchArgs& a) { a.request.offset = rkn::kMaxOffset + 1; },
       "--offset: must be from 0 to " + std::to_string(rkn::kMaxOffset)},
      {"--snippet-chars below its minimum", [](rkn::SearchArgs& a) { a.request.snippet.max_chars = rkn::kMinSnippetChars - 1; },
       "--snippet-chars: must be from " + std::to_string(rkn::kMinSnippetChars) + " to " + std::to_string(rkn::kMaxSnippetChars)},
      {"--fragments of zero", [](rkn::SearchArgs& a) { a.request.snippet.fragments = 0; },
       "--fragments: must be from " + std::to_string(rkn::kMinFragments) + " to " + std::to_string(rkn::kMaxFragments)},
      {"--remote-timeout of zero (Xapian's: wait for ever)", [](rkn::SearchArgs& a) { a.remote_timeout = 0; },
       "--remote-timeout: must be from 1 to 3600"},
      {"--remote-timeout above its maximum", [](rkn::SearchArgs& a) { a.remote_timeout = 3601; },
       "--remote-timeout: must be from 1 to 3600"},
      {"--jobs of zero", [](rkn::SearchArgs& a) { a.jobs = 0; a.given = {"--jobs"}; },
       "--jobs: must be from 1 to " + std::to_string(rkn::kMaxJobs)},
      {"--jobs above its maximum", [](rkn::SearchArgs& a) { a.jobs = rkn::kMaxJobs + 1; a.given = {"--jobs"}; },
       "--jobs: must be from 1 to " + std::to_string(rkn::kMaxJobs)},
      {"--sort with an unknown order", [](rkn::SearchArgs& a) { a.sort = "terbaru"; },
       "--sort: must be relevance, newest or oldest, got 'terbaru'"},
      {"--color with an unknown mode", [](rkn::SearchArgs& a) { a.color = "yes"; },
       "--color: must be auto, always or never, got 'yes'"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      rkn::SearchArgs a = Words({"korupsi"});
      c.set(a);
      auto cmd = rkn::MakeSearchCommand(a, nullptr);
      REQUIRE_FALSE(cmd.ok());
      CHECK(cmd.status().ToString() == c.error);
      std::istringstream in;
      std::ostringstream out, err;
      CHECK(rkn::RunSearchArgs(a, in, out, err) == 2);
      CHECK(err.str() == "rkn-search: error: " + c.error + "\n");
    }
  }
  SUBCASE("the bounds themselves are accepted") {
    rkn::SearchArgs a = Words({"korupsi"});
    a.request.limit = rkn::kMaxLimit;
    a.request.snippet.max_chars = rkn::kMinSnippetChars;
    a.request.snippet.fragments = rkn::kMaxFragments;
    a.sort = "oldest";
    a.color = "never";
    CHECK(rkn::MakeSearchCommand(a, nullptr).ok());
  }
  SUBCASE("the help text shows the bounds") { CHECK(rkn::RangeHelp("hits to show", 0, 10) == "hits to show (0 to 10)"); }
}

TEST_CASE("rkn-search joins the query's words and gives --analyze the words after its text") {
  SUBCASE("a query of several words") {
    auto cmd = rkn::MakeSearchCommand(Words({"gencatan", "senjata", "NEAR/3", "korut"}), nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->request.query == "gencatan senjata NEAR/3 korut");
    CHECK_FALSE(cmd->analyze.has_value());
  }
  SUBCASE("an option after '--' is a word of the query: an error that says so") {
    // "rkn-search -- KPK --count" said "query: column 5: '--': one '-' is enough".
    // A short one too: "rkn-search -- korut -n 5" searched "korut AND 5 NOT n". The hint keeps the
    // value of an option that takes one.
    struct Row {
      std::vector<std::string> words;
      const char* name;
      const char* hint;
    };
    for (const Row& row : std::vector<Row>{
             {{"KPK", "--count"}, "--count", "--count"},
             {{"KPK", "--limit=5"}, "--limit", "--limit=5"},
             {{"KPK", "--sort", "newest"}, "--sort", "--sort newest"},
             {{"korut", "-n", "5"}, "-n", "-n 5"},
             {{"korut", "-n5"}, "-n", "-n5"},
             {{"korut", "-l"}, "-l", "-l"},
         }) {
      CAPTURE(row.hint);
      rkn::SearchArgs a = Words(row.words);
      a.option_names = {"--count", "--limit", "-n", "--json", "--sort", "--files", "-l"};
      a.flag_names = {"--count", "--json", "--files", "-l"};
      auto cmd = rkn::MakeSearchCommand(a, nullptr);
      REQUIRE_FALSE(cmd.ok());
      CHECK(cmd.status().message() == std::string("'") + row.name + "' comes after '--', which makes it a word of the query: give options before '--' (rkn-search " +
                                          row.hint + " -- QUERY)");
    }
    // No option: the query's, which says what is wrong with it, or a word left out.
    for (const char* word : {"--kpk", "-kpk", "-x", "-"}) {
      CAPTURE(word);
      rkn::SearchArgs a = Words({"korut", word});
      a.option_names = {"--count", "-n", "-l"};
      CHECK(rkn::MakeSearchCommand(a, nullptr).ok());
    }
  }
  SUBCASE("--analyze with more words after it") {
    rkn::SearchArgs a = Words({"perjanjian", "1961"});
    a.analyze = "menandatangani";
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->analyze == "menandatangani perjanjian 1961");
    CHECK(cmd->request.query.empty());
  }
  SUBCASE("--analyze with empty text is --analyze, not a missing query") {
    rkn::SearchArgs a;
    a.analyze = "";
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->analyze == "");
    a.stats = true;
    CHECK(rkn::MakeSearchCommand(a, nullptr).status().ToString() == "give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE");
  }
  SUBCASE("--analyze with empty text and words after it") {
    rkn::SearchArgs a = Words({"korut"});
    a.analyze = "";
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->analyze == "korut");
  }
  SUBCASE("--show with words after it: they are the query whose words it marks") {
    rkn::SearchArgs a = Words({"korea", "utara"});
    a.show = "dump.jsonl#r1";
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->show == "dump.jsonl#r1");
    CHECK(cmd->request.query == "korea utara");
  }
  SUBCASE("--stats alone") {
    rkn::SearchArgs a;
    a.stats = true;
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->stats);
    CHECK(cmd->request.query.empty());
  }
}

TEST_CASE("rkn-search takes the database from --db, then $RKN_DB, then ./rkn.db") {
  struct Case {
    const char* name;
    std::vector<std::string> dbs;
    const char* env;
    std::vector<std::string> want;
    bool want_default;  // neither --db nor $RKN_DB named the database
  };
  const std::vector<Case> cases = {
      {"--db wins over $RKN_DB", {"a.db", "tcp:host:1"}, "env.db", {"a.db", "tcp:host:1"}, false},
      {"$RKN_DB when no --db", {}, "env.db", {"env.db"}, false},
      {"an empty $RKN_DB counts as unset", {}, "", {"rkn.db"}, true},
      {"no $RKN_DB at all", {}, nullptr, {"rkn.db"}, true},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      rkn::SearchArgs a = Words({"korupsi"});
      a.dbs = c.dbs;
      auto cmd = rkn::MakeSearchCommand(a, c.env);
      REQUIRE(cmd.ok());
      CHECK(cmd->dbs == c.want);
      CHECK(cmd->default_db == c.want_default);
    }
  }
}

TEST_CASE("The human output wraps at $COLUMNS, else at the terminal's width, never narrower than 20") {
  struct Row {
    const char* name;
    const char* columns;  // $COLUMNS, or null
    bool tty;
    size_t terminal;      // the terminal's columns (0: not said)
    size_t want;          // 0: the default width
  };
  const Row rows[] = {
      {"a terminal's width", nullptr, true, 132, 132},
      {"not a terminal: the default", nullptr, false, 132, 0},
      {"a terminal that does not say", nullptr, true, 0, 0},
      {"$COLUMNS over the terminal's width", "72", true, 132, 72},
      {"$COLUMNS with stdout piped", "60", false, 0, 60},
      {"a narrow pane raised to 20, not the default 100", nullptr, true, 12, rkn::kMinOutputColumns},
      {"a narrow $COLUMNS raised to 20", "5", false, 0, rkn::kMinOutputColumns},
      {"$COLUMNS empty: the terminal's", "", true, 90, 90},
      {"$COLUMNS not a number: the terminal's", "wide", true, 90, 90},
      {"$COLUMNS 0: the terminal's", "0", true, 90, 90},
      {"$COLUMNS negative: the terminal's", "-80", true, 90, 90},
      {"$COLUMNS too large: the terminal's", "99999999", true, 90, 90},
      {"$COLUMNS at the most", "10000", false, 0, rkn::kMaxOutputColumns},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(rkn::OutputColumns(r.columns, r.tty, r.terminal) == r.want);
  }
}

TEST_CASE("rkn-search maps the operator, sort order, facets, format and colour options") {
  SUBCASE("the defaults") {
    auto cmd = rkn::MakeSearchCommand(Words({"korupsi"}), nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->request.default_op == rkn::DefaultOperator::kAnd);
    CHECK(cmd->request.sort == rkn::SortOrder::kRelevance);
    CHECK(cmd->request.facets.empty());
    CHECK(cmd->format == rkn::OutputFormat::kHuman);
    CHECK(cmd->color == rkn::ColorMode::kAuto);
    CHECK(cmd->width == 100);  // not a terminal: the default width
  }
  SUBCASE("--batch searches with one thread per core unless -j says how many") {
    rkn::SearchArgs a;
    a.batch = "-";
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->jobs >= rkn::kMinJobs);
    CHECK(cmd->jobs <= rkn::kMaxJobs);
    a.jobs = 3;
    a.given = {"--jobs"};
    cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->jobs == 3);
  }
  SUBCASE("every option set") {
    rkn::SearchArgs a = Words({"korupsi"});
    a.any = true;
    a.sort = "oldest";
    a.facets = "source, year";  // a space after the comma is read as none
    a.json = true;
    a.color = "never";
    a.stdout_is_tty = true;
    a.width = 132;
    a.request.limit = 3;
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->request.default_op == rkn::DefaultOperator::kOr);
    CHECK(cmd->request.sort == rkn::SortOrder::kOldest);
    CHECK(cmd->request.facets == std::vector<std::string>{"source", "year"});
    CHECK(cmd->format == rkn::OutputFormat::kJson);
    CHECK(cmd->color == rkn::ColorMode::kNever);
    CHECK(cmd->stdout_is_tty);
    CHECK(cmd->width == 132);
    CHECK(cmd->request.limit == 3);
  }
  SUBCASE("each output format flag") {
    struct Case {
      bool rkn::SearchArgs::*flag;
      rkn::OutputFormat want;
    };
    for (const Case& c : {Case{&rkn::SearchArgs::json, rkn::OutputFormat::kJson},
                          Case{&rkn::SearchArgs::jsonl, rkn::OutputFormat::kJsonl},
                          Case{&rkn::SearchArgs::csv, rkn::OutputFormat::kCsv},
                          Case{&rkn::SearchArgs::count, rkn::OutputFormat::kCount},
                          Case{&rkn::SearchArgs::files, rkn::OutputFormat::kFiles}}) {
      rkn::SearchArgs a = Words({"korupsi"});
      a.*c.flag = true;
      auto cmd = rkn::MakeSearchCommand(a, nullptr);
      REQUIRE(cmd.ok());
      CHECK(cmd->format == c.want);
    }
  }
  SUBCASE("--files lists every match's file unless -n was given, as grep -l lists every file") {
    struct Case {
      const char* name;
      bool limit_given;
      size_t limit;  // what -n said (10 when not given)
      size_t want;
    };
    for (const Case& c : {Case{"no -n", false, 10, rkn::kMaxLimit}, Case{"-n 3", true, 3, 3}, Case{"-n 10", true, 10, 10}}) {
      CAPTURE(c.name);
      rkn::SearchArgs a = Words({"korupsi"});
      a.files = true;
      if (c.limit_given) a.given = {"--limit"};
      a.request.limit = c.limit;
      auto cmd = rkn::MakeSearchCommand(a, nullptr);
      REQUIRE(cmd.ok());
      CHECK(cmd->request.limit == c.want);
      CHECK_FALSE(cmd->files_null);
    }
    rkn::SearchArgs json = Words({"korupsi"});  // other formats keep their page of 10
    json.json = true;
    auto cmd = rkn::MakeSearchCommand(json, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->request.limit == 10);
  }
  SUBCASE("newest and always") {
    rkn::SearchArgs a = Words({"korupsi"});
    a.sort = "newest";
    a.color = "always";
    auto cmd = rkn::MakeSearchCommand(a, nullptr);
    REQUIRE(cmd.ok());
    CHECK(cmd->request.sort == rkn::SortOrder::kNewest);
    CHECK(cmd->color == rkn::ColorMode::kAlways);
  }
  SUBCASE("NO_COLOR or TERM=dumb turn auto off, not always") {
    struct Case {
      const char* color;
      rkn::ColorMode want;
    };
    for (const Case& c : {Case{"auto", rkn::ColorMode::kNever}, Case{"always", rkn::ColorMode::kAlways},
                          Case{"never", rkn::ColorMode::kNever}}) {
      CAPTURE(c.color);
      rkn::SearchArgs a = Words({"korupsi"});
      a.color = c.color;
      a.stdout_is_tty = true;
      a.no_color_env = true;
      auto cmd = rkn::MakeSearchCommand(a, nullptr);
      REQUIRE(cmd.ok());
      CHECK(cmd->color == c.want);
    }
  }
}

TEST_CASE("rkn-search with a database that does not exist says so and exits 2") {
  rkn::SearchArgs a = Words({"korupsi"});
  a.dbs = {"/nonexistent/rkn-search-cli-test.db"};
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(rkn::RunSearchArgs(a, in, out, err) == 2);
  CHECK(err.str().starts_with("rkn-search: error: /nonexistent/rkn-search-cli-test.db"));
  CHECK(out.str().empty());
}

TEST_CASE("--analyze needs no database: with none named and no ./rkn.db it shows the installed analyser's terms") {
  rkn::SearchCommand cmd;
  cmd.dbs = {"/nonexistent/rkn.db"};
  cmd.data_dir = std::string(RKN_SOURCE_DIR) + "/data";
  cmd.analyze = "Kepemimpinan yang memimpin";
  std::istringstream in;
  std::ostringstream out, err;
  SUBCASE("no database named: the default analyser") {
    cmd.default_db = true;
    CHECK(rkn::RunSearchCommand(cmd, in, out, err) == 0);
    CHECK(out.str() == "kepemimpinan\tpimpin\nyang\t(stopword)\nmemimpin\tpimpin\n");
    CHECK(err.str().empty());
  }
  SUBCASE("a database named with --db or $RKN_DB must exist") {
    cmd.default_db = false;
    CHECK(rkn::RunSearchCommand(cmd, in, out, err) == 2);
    CHECK(err.str().starts_with("rkn-search: error: /nonexistent/rkn.db: no such database"));
    CHECK(out.str().empty());
  }
  SUBCASE("a query still needs its database") {
    cmd.default_db = true;
    cmd.analyze.reset();
    cmd.request.query = "korupsi";
    CHECK(rkn::RunSearchCommand(cmd, in, out, err) == 2);
    CHECK(err.str().starts_with("rkn-search: error: /nonexistent/rkn.db: no such database"));
  }
}

TEST_CASE("rkn-search's error lines show the escape sequences and bidirectional characters they quote escaped") {
  struct Case {
    const char* name;
    rkn::SearchArgs args;
    std::string err;
  };
  rkn::SearchArgs sort = Words({"korut"});
  sort.sort = "\x1b[2J";
  rkn::SearchArgs analyze;
  analyze.analyze = "--\u202Ejson";
  const std::vector<Case> cases = {
      {"an option's value", sort, "rkn-search: error: --sort: must be relevance, newest or oldest, got '\\x1b[2J'\n"},
      {"--analyze's text", analyze,
       "rkn-search: error: --analyze takes the text right after it, got '--\\u202ejson' (try: rkn-search --analyze TEXT "
       "--\\u202ejson)\n"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      std::istringstream in;
      std::ostringstream out, err;
      CHECK(rkn::RunSearchArgs(c.args, in, out, err) == 2);
      CHECK(err.str() == c.err);
      CHECK(out.str().empty());
    }
  }
  SUBCASE("StderrLine") {
    CHECK(rkn::StderrLine(rkn::MessageKind::kError, "a\x1b[31m\u2066b") == "rkn-search: error: a\\x1b[31m\\u2066b\n");
    CHECK(rkn::StderrLine(rkn::MessageKind::kWarning, "w") == "rkn-search: warning: w\n");
    CHECK(rkn::StderrLine(rkn::MessageKind::kNote, "n\n") == "rkn-search: note: n\\x0a\n");
  }
}

TEST_CASE("rkn-search: an empty --db is an error, not the default database") {
  rkn::SearchArgs a = Words({"korupsi"});
  a.dbs = {""};
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(rkn::RunSearchArgs(a, in, out, err) == 2);
  CHECK(err.str() == "rkn-search: error: --db: an empty path (leave --db out for $RKN_DB or ./rkn.db)\n");
  CHECK(out.str().empty());
}
