// The rkn-index command as a library call: everything main() does after option parsing, so unit
// tests reach it with string streams instead of running the binary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace rkn {

// The bounds of --max-article-mb (CLI11 checks them in main; RunIndexCommand again).
inline constexpr uint64_t kMinArticleMb = 1, kMaxArticleMb = 4096;

// rkn-index's command line as typed, one field per option, filled by CLI11 in main() (which
// checks the ranges and the --stemmer name); RunIndexCommand does the rest. The defaults are
// those of an empty command line (IndexOptions' and ReadOptions' defaults, checked by
// tests/index_cli_test.cc).
struct IndexArgs {
  std::vector<std::string> roots;    // PATH...: files or directories to index (recursively)
  std::string db;                    // --db; "" = $RKN_DB, or ./rkn.db when that is unset or empty
  bool db_given = false;             // --db was given (an empty --db is an error, not the default)
  std::vector<std::string> rules;    // --rules FILE (repeatable): extra cleaner rules
  std::string data_dir;              // --data-dir; "" = find it (datadir.h)
  int jobs = 0;                      // -j/--jobs; 0 = all cores
  size_t batch = 1000;               // --batch: documents buffered before a commit
  std::vector<std::string> aliases;  // --aliases FILE (repeatable): extra alias groups
  std::vector<std::string> fields;   // --field NAME=FIELD (repeatable), unchecked: RunIndexCommand checks
  uint64_t max_article_mb = 16;      // --max-article-mb: larger articles are skipped
  std::string stemmer;               // --stemmer: "" (the database's), "dictionary" or "snowball"
  bool no_spelling = false;          // --no-spelling
  bool allow_empty_root = false;     // --allow-empty-root: a root left with no file removes its articles
  bool explain = false;              // --explain: explain the files, write no database
  bool json = false;                 // --json (with --explain)
  bool quiet = false;                // -q/--quiet: only errors; with --verbose a usage error
  bool verbose = false;              // -v/--verbose: one line per file, and every record warning (none only counted)

  // Not typed but filled by main() from the process:
  bool stderr_is_tty = false;  // isatty(STDERR_FILENO): show the live progress line unless --quiet
  // Before indexing (not for --explain), InstallIndexSignalHandlers(); for --explain, SIGXFSZ
  // ignored only, so that a report past a file size limit is an error as on a full disk. main()
  // sets it; tests leave it off so the test runner's own signal dispositions are not changed.
  bool install_signal_handlers = false;
};

// Installs process-wide signal handlers for an indexing run: the first SIGINT or SIGTERM requests
// a clean stop at the next commit (RequestStop; exit code 130), a second one writes "rkn-index:
// interrupted again: quitting now; the database keeps its last commit" to stderr and exits the
// process with 130 at once (as a kill would: the database keeps its last commit), for a run
// blocked where no stop is looked at, such as a read that never returns. SIGXFSZ is ignored so
// that a file size limit fails a write with EFBIG (reported, exit code 2) instead of killing the
// process in the middle of a commit. Resets the count of signals; the handlers stay installed.
void InstallIndexSignalHandlers();

// Runs rkn-index. Checks every --field value first (ParseFieldOverrides: NAME=FIELD, both sides
// non-empty, no field given two keys nor key given to two fields), then the --stemmer name. With
// --explain, writes each line's keep/drop decision and then the metadata of `args.roots` to `out`
// and writes no database. Otherwise indexes `args.roots` into `args.db`
// (when empty: $RKN_DB, or ./rkn.db when that is unset or empty); progress, per-file warnings
// ("rkn-index: warning: <file>: <what>"; of a file's records with one same problem, the first 10
// and then their count: RepeatedWarnings) and, unless --quiet, the summary line ("rkn-index: 5 files
// seen, ...") go to `err`. Nothing is thrown: a failure is written to `err` as
// "rkn-index: error: <what>" and turned into the exit code, which is returned: 0 all done; 2 an
// error (bad --field or --stemmer, --json without --explain, --quiet with --verbose, missing
// input, data folder or rules, locked or unwritable database, a failed --explain); 3 the index run finished but some inputs were skipped (counted by
// reason in the summary); 130 interrupted by SIGINT/SIGTERM (work up to the last commit is kept).
// With --explain, every problem (a file that cannot be read, a missing root, data folder or rules
// file) is reported the same way.
int RunIndexCommand(const IndexArgs& args, std::ostream& out, std::ostream& err);

}  // namespace rkn
