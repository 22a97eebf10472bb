#include "common/index_cli.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <map>
#include <ostream>
#include <string>
#include <utility>

#include "common/analyzer.h"
#include "common/explain.h"
#include "common/file.h"
#include "common/indexer.h"
#include "common/records.h"
#include "common/schema.h"
#include "common/text.h"

namespace rkn {
namespace {

volatile std::sig_atomic_t g_signals = 0;

// The first SIGINT/SIGTERM asks for a clean stop; the next quits at once, for a run stuck where
// no stop is looked at (a read that never returns, from a stale network mount or /proc/kmsg).
// Only async-signal-safe calls here: write(2) and _exit(2).
extern "C" void OnSignal(int) {
  const std::sig_atomic_t seen = g_signals;
  g_signals = seen + 1;
  if (seen == 0) {
    RequestStop();
    return;
  }
  static const char kQuit[] = "rkn-index: error: interrupted again: quitting now; the database keeps its last commit\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kQuit, sizeof kQuit - 1);
  ::_exit(130);
}

}  // namespace

void InstallIndexSignalHandlers() {
  g_signals = 0;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  // Past a file size limit (ulimit -f) a write then fails with EFBIG and is reported as an
  // error, like a full disk, instead of SIGXFSZ killing the process in the middle of a commit.
  std::signal(SIGXFSZ, SIG_IGN);
  // A reader that stops reading the warnings (`rkn-index DIR 2>&1 | head -1`) made SIGPIPE kill
  // the run before its commit (exit 141, nothing indexed): the writes to the pipe fail instead,
  // and the run indexes everything and exits as it would have.
  std::signal(SIGPIPE, SIG_IGN);
}

namespace {

// The exit code of a run that RunIndex stopped: 130 for a signal, 2 for anything else.
int ExitCodeFor(const Status& st) { return st.code() == StatusCode::kInterrupted ? 130 : 2; }

// Fills `read` from --max-article-mb and the --field values (ParseFieldOverrides, whose error is
// returned: printed after "rkn-index: error: ").
Status ParseReadOptions(const IndexArgs& args, ReadOptions& read) {
  if (args.max_article_mb < kMinArticleMb || args.max_article_mb > kMaxArticleMb) {
    return Status::InvalidArgument("--max-article-mb", "must be from " + std::to_string(kMinArticleMb) + " to " +
                                                           std::to_string(kMaxArticleMb));
  }
  read.max_article_bytes = args.max_article_mb << 20;
  if (args.verbose) read.same_warnings_named = UINT64_MAX;  // every record named, none only counted
  // Checked here, once, so a bad value is a usage error before anything is read, not a failure
  // of every record file.
  Result<std::map<std::string, std::string>> overrides = ParseFieldOverrides(args.fields);
  if (!overrides.ok()) return overrides.status();
  read.field_map = std::move(*overrides);
  if (Result<FieldMap> fields = FieldMap::Create(read.field_map); !fields.ok()) return fields.status();
  return Status::Ok();
}

// --explain: RunExplain on the roots (which reports every problem itself). 0 when every file was
// explained, else 2.
int Explain(const IndexArgs& args, const ReadOptions& read, std::ostream& out, std::ostream& err) {
  ExplainOptions e;
  for (const auto& r : args.roots) e.files.emplace_back(r);
  for (const auto& r : args.rules) e.rule_files.emplace_back(r);
  e.data_dir = args.data_dir;
  e.json = args.json;
  e.read = read;
  e.db = args.db.empty() ? schema::DefaultDb(std::getenv(schema::kEnvDb)) : args.db;
  const int code = RunExplain(e, out, err).ok() ? 0 : 2;
  // A report that did not reach stdout (a full disk) is an error.
  if (Status st = FlushStdout(out); !st.ok()) {
    err << "rkn-index: error: " << st.ToString() << "\n";
    return 2;
  }
  return code;
}

}  // namespace

int RunIndexCommand(const IndexArgs& args, std::ostream& out, std::ostream& err) {
  IndexOptions opt;
  if (Status st = ParseReadOptions(args, opt.read); !st.ok()) {
    err << "rkn-index: error: " << SafeForTerminal(st.ToString()) << "\n";
    return 2;
  }
  if (!args.stemmer.empty()) {
    auto kind = ParseStemmerName(args.stemmer);
    if (!kind.ok()) {
      err << "rkn-index: error: " << SafeForTerminal(kind.status().ToString()) << "\n";  // quotes --stemmer's value
      return 2;
    }
    opt.stemmer = *kind;
  }
  if (args.db_given && args.db.empty()) {  // --db "$UNSET" would write to ./rkn.db or $RKN_DB
    err << "rkn-index: error: --db: an empty path (leave --db out for $RKN_DB or ./rkn.db)\n";
    return 2;
  }
  if (args.json && !args.explain) {
    err << "rkn-index: error: --json: goes with --explain (rkn-index writes no JSON otherwise)\n";
    return 2;
  }
  if (args.quiet && args.verbose) {
    err << "rkn-index: error: -q/--quiet and -v/--verbose: give one of them (quiet prints only errors, verbose a line per file)\n";
    return 2;
  }
  if (args.explain) {
    // Past a file size limit (ulimit -f) the report's write fails with EFBIG and is an error, as
    // on a full disk ("stdout: write failed: File too large", exit 2), instead of SIGXFSZ killing
    // the process with nothing said (exit 153).
    if (args.install_signal_handlers) std::signal(SIGXFSZ, SIG_IGN);
    return Explain(args, opt.read, out, err);
  }

  opt.db = args.db;
  if (opt.db.empty()) {
    opt.db = schema::DefaultDb(std::getenv(schema::kEnvDb));
  }
  opt.data_dir = args.data_dir;
  for (const auto& r : args.roots) opt.roots.emplace_back(r);
  for (const auto& r : args.rules) opt.rule_files.emplace_back(r);
  for (const auto& a : args.aliases) opt.alias_files.emplace_back(a);
  opt.jobs = args.jobs;
  opt.batch_docs = args.batch;
  opt.spelling = !args.no_spelling;
  opt.allow_empty_root = args.allow_empty_root;
  opt.verbosity = args.quiet ? Verbosity::kQuiet : args.verbose ? Verbosity::kVerbose : Verbosity::kNormal;
  opt.progress = args.stderr_is_tty && !args.quiet;

  if (args.install_signal_handlers) InstallIndexSignalHandlers();
  auto result = RunIndex(opt, err);
  if (!result.ok()) {
    err << "rkn-index: error: " << SafeForTerminal(result.status().ToString()) << "\n";  // names input bytes
    return ExitCodeFor(result.status());
  }
  if (!args.quiet) err << FormatSummary(*result) << "\n";
  // 3: the run finished, but some inputs were skipped (counted by reason in the summary).
  return result->skipped > 0 ? 3 : 0;
}

}  // namespace rkn
