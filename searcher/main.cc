// rkn-search: thin wrapper over rkn::RunSearchCommand. Options in, one library call, exit code out.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "common/schema.h"
#include "common/search_cli.h"
#include "common/version.h"

int main(int argc, char** argv) {
  CLI::App app{"rkn-search: search an rkn database of Indonesian news"};
  rkn::SearchCommand cmd;
  rkn::SearchRequest& req = cmd.request;
  std::vector<std::string> words;
  std::string sort = "relevance", color = "auto", facets;
  bool any = false, json = false, jsonl = false, csv = false, count = false, files = false;
  app.add_option("QUERY", words, "the query (see README: query language)");
  app.add_option("--db", cmd.dbs, "database, shard list file or tcp:HOST:PORT (repeatable; default $RKN_DB or ./rkn.db)")->allow_extra_args(false);
  app.add_option("--data-dir", cmd.data_dir, "folder with stopwords and dictionary (default: installed)");
  app.add_option("-n,--limit", req.limit, "hits to show")->check(CLI::Range(size_t{0}, rkn::kMaxLimit));
  app.add_option("--offset", req.offset, "hits to skip")->check(CLI::Range(size_t{0}, rkn::kMaxOffset));
  app.add_flag("--any", any, "match any word instead of all words");
  app.add_option("--source", req.sources, "only this source domain (repeatable)")->allow_extra_args(false);
  app.add_option("--from", req.from, "published on or after YYYY[-MM[-DD]]");
  app.add_option("--to", req.to, "published on or before YYYY[-MM[-DD]]");
  app.add_option("--sort", sort, "relevance, newest or oldest")->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  app.add_option("--facets", facets, "comma-separated: source,year,month,author,category");
  app.add_option("--snippet-chars", req.snippet.max_chars, "snippet length in characters")->check(CLI::Range(rkn::kMinSnippetChars, rkn::kMaxSnippetChars));
  app.add_option("--fragments", req.snippet.fragments, "sentence fragments per snippet")->check(CLI::Range(rkn::kMinFragments, rkn::kMaxFragments));
  app.add_flag("--collapse", req.collapse, "fold near-duplicate copies of one story");
  app.add_flag("--json", json, "one JSON object");
  app.add_flag("--jsonl", jsonl, "one JSON object per hit");
  app.add_flag("--csv", csv, "CSV with a header row");
  app.add_flag("--count", count, "print the number of matches only");
  app.add_flag("-l,--files", files, "print matching paths only");
  app.add_option("--color", color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--batch", cmd.batch, "run one query per line of FILE (- for stdin); JSON lines out");
  app.add_option("--analyze", cmd.analyze, "show the tokens of TEXT (and of the words after it) and the terms they become");
  app.add_flag("--stats", cmd.stats, "show database statistics");
  app.set_version_flag("--version", std::string("rkn-search ") + rkn::Version());
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {  // the query takes every other word: this one looked like an option
    std::cerr << "rkn-search: error: " << e.what() << " (a query that starts with '-' goes after '--': rkn-search -- -word ...)\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    std::cerr << "rkn-search: error: " << e.what() << "\n";
    return 2;
  }
  // CLI11 takes the argument after --analyze as its text whatever it looks like.
  if (cmd.analyze.starts_with("--")) {
    std::cerr << "rkn-search: error: --analyze takes the text right after it, got '" << cmd.analyze
              << "' (try: rkn-search --analyze TEXT " << cmd.analyze << ")\n";
    return 2;
  }
  for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;
  if (!cmd.analyze.empty() && !req.query.empty()) {  // "--analyze menandatangani perjanjian": all the words
    cmd.analyze += " " + req.query;
    req.query.clear();
  }
  const int modes = !req.query.empty() + !cmd.batch.empty() + !cmd.analyze.empty() + cmd.stats;
  if (modes != 1) {
    std::cerr << (modes == 0 ? "rkn-search: error: no query given (try --help)\n"
                             : "rkn-search: error: give one of a query, --batch FILE, --analyze TEXT or --stats\n");
    return 2;
  }
  if (cmd.dbs.empty()) {
    const char* env = std::getenv(rkn::schema::kEnvDb);
    cmd.dbs.emplace_back(env && *env ? env : rkn::schema::kDefaultDb);
  }
  req.default_op = any ? rkn::DefaultOperator::kOr : rkn::DefaultOperator::kAnd;
  req.sort = sort == "newest" ? rkn::SortOrder::kNewest : sort == "oldest" ? rkn::SortOrder::kOldest : rkn::SortOrder::kRelevance;
  std::stringstream fs(facets);
  for (std::string f; std::getline(fs, f, ',');) {
    if (!f.empty()) req.facets.push_back(f);
  }
  if (json + jsonl + csv + count + files > 1) {
    std::cerr << "rkn-search: error: choose one of --json, --jsonl, --csv, --count, --files\n";
    return 2;
  }
  cmd.format = json ? rkn::OutputFormat::kJson : jsonl ? rkn::OutputFormat::kJsonl : csv ? rkn::OutputFormat::kCsv
               : count ? rkn::OutputFormat::kCount : files ? rkn::OutputFormat::kFiles : rkn::OutputFormat::kHuman;
  cmd.color = color == "always" ? rkn::ColorMode::kAlways : color == "never" ? rkn::ColorMode::kNever : rkn::ColorMode::kAuto;
  cmd.stdout_is_tty = isatty(STDOUT_FILENO);
  if (winsize ws{}; cmd.stdout_is_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) cmd.width = ws.ws_col;
  return rkn::RunSearchCommand(cmd, std::cin, std::cout, std::cerr);
}
