// rkn-search: thin wrapper over rkn::RunSearchArgs. Options in, one library call, exit code out.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "common/cli_number.h"
#include "common/file.h"
#include "common/search_cli.h"
#include "common/version.h"

namespace {
// Headings of --help, in the order they first appear.
constexpr const char* kDatabase = "Database";
constexpr const char* kHits = "Matching, filters, sorting, facets, snippets";
constexpr const char* kOutput = "Output";
constexpr const char* kModes = "Instead of a query";
// Whole numbers are decimal: CLI11 reads "010" as octal and "0x0A" as hexadecimal.
const CLI::Validator kDecimal(rkn::NormalizeDecimalArg, "", "DECIMAL");
// The short options below (and CLI11's -h): those that take no value, and -n and -j, which take a number.
constexpr std::string_view kShortFlags = "hl0";
constexpr std::string_view kShortNumbers = "nj";
}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write fails with EFBIG and is an error as on a full disk
  // ("stdout: write failed: File too large", exit 2), instead of SIGXFSZ killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  // Bounds and choices of the option values are checked by the library (MakeSearchCommand).
  CLI::App app{"rkn-search: search an rkn database of Indonesian news"};
  // An option given twice takes its last value (`rkn-search -n 20 "$@"` lets the caller override),
  // as most Unix tools do; repeatable options (--db, --source) keep every value.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  rkn::SearchArgs a;
  rkn::SearchRequest& req = a.request;
  app.add_option("QUERY", a.words, "the query (see README: query language)");
  app.add_option("--db", a.dbs, "database, shard list file or tcp:HOST:PORT (repeatable; default $RKN_DB or ./rkn.db)")
      ->allow_extra_args(false)
      ->type_name("PATH")
      ->group(kDatabase);
  app.add_option("--remote-timeout", a.remote_timeout,
                 rkn::RangeHelp(("seconds a tcp:HOST:PORT database may take to connect and to answer, default " +
                                 std::to_string(rkn::kDefaultRemoteTimeout)).c_str(),
                                rkn::kMinRemoteTimeout, rkn::kMaxRemoteTimeout))
      ->transform(kDecimal)
      ->type_name("SECONDS")
      ->group(kDatabase);
  app.add_option("--data-dir", a.data_dir, "folder with stopwords and dictionary (default: installed)")->type_name("DIR")->group(kDatabase);
  app.add_option("-n,--limit", req.limit, rkn::RangeHelp("hits to show", 0, rkn::kMaxLimit))->transform(kDecimal)->type_name("N")->group(kHits);
  app.add_option("--offset", req.offset, rkn::RangeHelp("hits to skip", 0, rkn::kMaxOffset))->transform(kDecimal)->type_name("N")->group(kHits);
  app.add_flag("--any", a.any, "match any word instead of all words")->group(kHits);
  app.add_option("--source", req.sources, "only this source domain (repeatable)")->allow_extra_args(false)->type_name("DOMAIN")->group(kHits);
  // Function options: "--from ''" is given, and an error, not left out.
  app.add_option_function<std::string>("--from", [&req](const std::string& d) { req.from = d; }, "published on or after YYYY[-MM[-DD]]")
      ->type_name("DATE")
      ->group(kHits);
  app.add_option_function<std::string>("--to", [&req](const std::string& d) { req.to = d; }, "published on or before YYYY[-MM[-DD]]")
      ->type_name("DATE")
      ->group(kHits);
  app.add_option("--sort", a.sort, "relevance, newest or oldest")->type_name("ORDER")->group(kHits);
  // A function option: "--facets ''" is given (and an error), not left out.
  app.add_option_function<std::string>("--facets", [&a](const std::string& f) { a.facets = f; }, "comma-separated: source,year,month,author,category")
      ->type_name("NAMES")
      ->group(kHits);
  app.add_option("--snippet-chars", req.snippet.max_chars, rkn::RangeHelp("snippet length in characters", rkn::kMinSnippetChars, rkn::kMaxSnippetChars))
      ->transform(kDecimal)
      ->type_name("N")
      ->group(kHits);
  app.add_option("--fragments", req.snippet.fragments, rkn::RangeHelp("sentence fragments per snippet", rkn::kMinFragments, rkn::kMaxFragments))
      ->transform(kDecimal)
      ->type_name("N")
      ->group(kHits);
  app.add_flag("--collapse", req.collapse, "fold near-duplicate copies of one story")->group(kHits);
  app.add_flag("--text", req.text, "with --json, --jsonl, --csv, --batch: each hit's whole cleaned text too")->group(kOutput);
  app.add_flag("--json", a.json, "one JSON object")->group(kOutput);
  app.add_flag("--jsonl", a.jsonl, "one JSON object per hit")->group(kOutput);
  app.add_flag("--csv", a.csv, "CSV with a header row")->group(kOutput);
  app.add_flag("--count", a.count, "print the number of matches only")->group(kOutput);
  app.add_flag("-l,--files", a.files, "print the path of each matching file once (all matches unless -n)")->group(kOutput);
  app.add_flag("-0,--null", a.null, "with --files: end each path with a NUL byte, for xargs -0")->group(kOutput);
  app.add_option("--color", a.color, "auto, always or never")->type_name("WHEN")->group(kOutput);
  app.add_option("--batch", a.batch, "run one query per line of FILE (- for stdin); JSON lines out")->type_name("FILE")->group(kModes);
  // A function option: "--analyze ''" is given with empty text (no words), not left out.
  app.add_option_function<std::string>(
         "--analyze", [&a](const std::string& text) { a.analyze = text; },
         "show the tokens of TEXT (and of the words after it), the terms they become and their aliases")
      ->type_name("TEXT")
      ->group(kModes);
  app.add_option("-j,--jobs", a.jobs, rkn::RangeHelp("--batch: queries searched at once, each thread with its own database handle; default: one per core",
                                                        rkn::kMinJobs, rkn::kMaxJobs))
          ->transform(kDecimal)
          ->type_name("N")
          ->group(kModes);
  app.add_flag("--stats", a.stats, "show database statistics")->group(kModes);
  // A function option: "--show ''" is given (and an error), not left out.
  app.add_option_function<std::string>(
         "--show", [&a](const std::string& article) { a.show = article; },
         "show one article whole, as indexed (a hit's path#record, its id or its docid), the query's words marked")
      ->type_name("ARTICLE")
      ->group(kModes);
  app.set_version_flag("--version", std::string("rkn-search ") + rkn::Version());
  // Results go through a buffer that keeps the reason a write failed ("No space left on device").
  rkn::FdOutputBuffer stdout_buffer(STDOUT_FILENO);
  std::ostream out(&stdout_buffer);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (const std::string error = rkn::EmptyOptionValueError(args); !error.empty()) {
    std::cerr << rkn::StderrLine(rkn::MessageKind::kError, error);
    return 2;
  }
  // A query's first word written with its '-' ("-hamas", "-nasdem") that CLI11 read as short
  // options is a usage error that says so, whatever CLI11 made of it (help, -n's value, ...).
  const auto taken_for_options = [&args](std::string_view parser_said) {
    return rkn::QueryTakenForOptionsError(args, kShortFlags, kShortNumbers, parser_said, "rkn-search");
  };
  // The options' names, for the query's checks (RunSearchArgs) and a mistyped option's hint.
  for (const CLI::Option* o : app.get_options()) {
    std::vector<std::string> names;
    for (const std::string& name : o->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : o->get_snames()) names.push_back("-" + name);
    a.option_names.insert(a.option_names.end(), names.begin(), names.end());
    if (o->get_type_size() == 0) a.flag_names.insert(a.flag_names.end(), names.begin(), names.end());
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    if (const std::string error = taken_for_options(""); !error.empty()) {
      std::cerr << rkn::StderrLine(rkn::MessageKind::kError, error);
      return 2;
    }
    return rkn::ExitAfterStdout(out, std::cerr, "rkn-search", app.exit(e, out));
  } catch (const CLI::CallForVersion& e) {
    return rkn::ExitAfterStdout(out, std::cerr, "rkn-search", app.exit(e, out));
  } catch (const CLI::ExtrasError& e) {  // the query takes every other word: this one looked like an option
    std::string what = taken_for_options(e.what());
    if (what.empty()) what = rkn::UnexpectedArgumentsError(args, e.what(), "rkn-search", a.option_names);
    std::cerr << rkn::StderrLine(rkn::MessageKind::kError, what);
    return 2;
  } catch (const CLI::ParseError& e) {
    std::string what = taken_for_options(e.what());
    if (what.empty()) what = e.what();  // quotes the argument
    std::cerr << rkn::StderrLine(rkn::MessageKind::kError, what);
    return 2;
  }
  for (const CLI::Option* o : app.get_options()) {
    if (o->count() > 0 && !o->get_lnames().empty()) a.given.push_back("--" + o->get_lnames().front());
  }
  a.stdout_is_tty = isatty(STDOUT_FILENO);
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  a.no_color_env = (no_color != nullptr && *no_color != '\0') || (term != nullptr && std::string_view(term) == "dumb");
  winsize ws{};
  const bool sized = a.stdout_is_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0;
  a.width = rkn::OutputColumns(std::getenv("COLUMNS"), a.stdout_is_tty, sized ? ws.ws_col : 0);
  return rkn::RunSearchArgs(a, std::cin, out, std::cerr);
}
