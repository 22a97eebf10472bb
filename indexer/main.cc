// rkn-index: thin wrapper over rkn::RunIndex. Options in, one library call, exit code out.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "common/explain.h"
#include "common/indexer.h"
#include "common/schema.h"
#include "common/version.h"

namespace {

extern "C" void OnSignal(int) { rkn::RequestStop(); }

int ExitCodeFor(const rkn::Status& st) {
  return st.code() == rkn::StatusCode::kInterrupted ? 130 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rkn-index: clean Indonesian news articles and index them into a Xapian database"};
  rkn::IndexOptions opt;
  std::vector<std::string> roots;
  std::vector<std::string> rules;
  std::vector<std::string> fields;
  std::vector<std::string> aliases;
  std::string db;
  std::string stemmer;
  bool quiet = false;
  bool verbose = false;
  bool no_spelling = false;
  bool explain = false;
  bool json = false;
  app.add_option("PATH", roots, "files or directories to index (recursively)")->required();
  app.add_option("--db", db, "database path (default: $RKN_DB or ./rkn.db)");
  app.add_option("--rules", rules, "extra cleaner rules file (repeatable)")->allow_extra_args(false);
  app.add_option("--data-dir", opt.data_dir, "folder with stopwords, rules, dictionary (default: installed)");
  app.add_option("-j,--jobs", opt.jobs, "threads (default: all cores); a new database gets this many shards")->check(CLI::Range(1, 256));
  app.add_option("--batch", opt.batch_docs, "documents buffered (over all shards) before a commit; bounds memory (default 1000)")->check(CLI::Range(1, 10000000));
  app.add_option("--aliases", aliases, "extra alias file, stored in the synonym table (repeatable)")->allow_extra_args(false);
  app.add_option("--field", fields, "JSONL/CSV field mapping NAME=FIELD, e.g. content=isi (repeatable)")->allow_extra_args(false);
  uint64_t max_mb = opt.read.max_article_bytes >> 20;
  app.add_option("--max-article-mb", max_mb, "skip articles larger than this many MiB (default 16)")->check(CLI::Range(1, 4096));
  app.add_option("--stemmer", stemmer, "dictionary (default) or snowball; kept by later runs")->check(CLI::IsMember({"dictionary", "snowball"}));
  app.add_flag("--no-spelling", no_spelling, "do not build spelling data");
  app.add_flag("--explain", explain, "show every line's keep/drop decision and rule, then the metadata; no database");
  app.add_flag("--json", json, "with --explain: one JSON object per line");
  app.add_flag("-q,--quiet", quiet, "print nothing but errors");
  app.add_flag("-v,--verbose", verbose, "one line per file with its outcome");
  app.set_version_flag("--version", std::string("rkn-index ") + rkn::Version());
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "rkn-index: error: " << e.what() << "\n";
    return 2;
  }
  opt.read.max_article_bytes = max_mb << 20;
  for (const auto& f : fields) {
    const auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == f.size()) {
      std::cerr << "rkn-index: error: --field " << f << ": expected NAME=FIELD, e.g. content=isi\n";
      return 2;
    }
    opt.read.field_map[f.substr(0, eq)] = f.substr(eq + 1);
  }
  if (explain) {
    rkn::ExplainOptions e;
    for (const auto& r : roots) e.files.emplace_back(r);
    for (const auto& r : rules) e.rule_files.emplace_back(r);
    e.data_dir = opt.data_dir;
    e.json = json;
    e.read = opt.read;
    rkn::Status st = rkn::RunExplain(e, std::cout, std::cerr);
    if (!st.ok() && st.where().empty()) std::cerr << "rkn-index: error: " << st.ToString() << "\n";
    return st.ok() ? 0 : 2;
  }
  if (db.empty()) {
    const char* env = std::getenv(rkn::schema::kEnvDb);
    db = env && *env ? env : rkn::schema::kDefaultDb;
  }
  opt.db = db;
  for (const auto& r : roots) opt.roots.emplace_back(r);
  for (const auto& r : rules) opt.rule_files.emplace_back(r);
  for (const auto& a : aliases) opt.alias_files.emplace_back(a);
  opt.spelling = !no_spelling;
  if (!stemmer.empty()) opt.stemmer = *rkn::ParseStemmerName(stemmer);
  opt.verbosity = quiet ? rkn::Verbosity::kQuiet : verbose ? rkn::Verbosity::kVerbose : rkn::Verbosity::kNormal;
  opt.progress = isatty(STDERR_FILENO) && !quiet;

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  // Past a file size limit (ulimit -f) a write then fails with EFBIG and is reported as an
  // error, like a full disk, instead of SIGXFSZ killing the process in the middle of a commit.
  std::signal(SIGXFSZ, SIG_IGN);
  auto result = rkn::RunIndex(opt, std::cerr);
  if (!result.ok()) {
    std::cerr << "rkn-index: error: " << result.status().ToString() << "\n";
    return ExitCodeFor(result.status());
  }
  if (!quiet) std::cerr << rkn::FormatSummary(*result) << "\n";
  // 3: the run finished, but some inputs were skipped (counted by reason in the summary).
  return result->skipped > 0 ? 3 : 0;
}
