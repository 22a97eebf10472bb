// The rkn-search command as a library call: everything main() does after option parsing.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/format.h"
#include "common/search.h"
#include "common/status.h"

namespace rkn {

enum class ColorMode { kAuto, kAlways, kNever };

struct SearchCommand {
  std::vector<std::string> dbs;  // resolved: at least one
  bool default_db = false;       // dbs is ./rkn.db because neither --db nor $RKN_DB named one
  std::string data_dir;
  SearchRequest request;
  OutputFormat format = OutputFormat::kHuman;
  bool files_null = false;       // --null: --files ends each path with a NUL byte
  ColorMode color = ColorMode::kAuto;
  bool stdout_is_tty = false;
  size_t width = 100;
  std::string batch;    // --batch FILE ("-" = stdin): one query per line, or JSONL objects
  std::optional<std::string> analyze;  // --analyze TEXT, when given (its text may be empty)
  bool stats = false;                  // --stats
  std::optional<std::string> show;     // --show ARTICLE, when given (the query, if any, is highlighted)
  size_t remote_timeout_s = kDefaultRemoteTimeout;  // --remote-timeout: tcp: databases' wait
  size_t jobs = 1;  // --batch's search threads (-j; resolved for --batch: one per core when not given)
};

// Runs the command. Results go to `out`, errors as "rkn-search: error: <what>" to `err`.
// Returns the exit code: 0 hits (or batch/analyze/stats/show done), 1 no hits, 2 error (an
// article --show does not find too).
int RunSearchCommand(const SearchCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err);

// rkn-search's options as typed on the command line: what main() fills with CLI11 (which has
// already checked the numbers' ranges and the --sort and --color values).
struct SearchArgs {
  std::vector<std::string> words;  // QUERY: the query's words, joined with spaces
  // Filled by main(): the options' names, long and short ("--count", "-n"), so that one written
  // after "--", which makes it a query word, is an error that says so; and those of them that
  // take no value ("--count", "-l"), so that the error's hint keeps the value of one that does.
  std::vector<std::string> option_names;
  std::vector<std::string> flag_names;
  std::vector<std::string> dbs;    // --db (repeatable); none: $RKN_DB, else ./rkn.db
  std::string data_dir;            // --data-dir
  SearchRequest request;           // --limit, --offset, --source, --from, --to, --snippet-chars,
                                   // --fragments, --collapse (the query, operator, sort and
                                   // facets come from the fields below)
  bool any = false;                // --any
  std::string sort = "relevance";  // --sort: relevance, newest or oldest
  std::optional<std::string> facets;  // --facets: comma-separated, when given ("" is an error)
  bool json = false, jsonl = false, csv = false, count = false, files = false;  // output formats
  bool null = false;               // -0/--null: --files ends each path with a NUL byte (xargs -0)
  std::string color = "auto";      // --color: auto, always or never
  std::string batch;               // --batch FILE
  std::optional<std::string> analyze;  // --analyze TEXT, when given ("" is text without words)
  bool stats = false;              // --stats
  std::optional<std::string> show;  // --show ARTICLE, when given ("" names none: an error)
  size_t remote_timeout = kDefaultRemoteTimeout;  // --remote-timeout SECONDS
  size_t jobs = 0;                 // -j/--jobs N: --batch's search threads
  // Filled by main(): the long name of every option on the command line ("--limit" for -n), so
  // that --files without -n lists the files of every match, -j's bounds are checked only when
  // given, and an option the mode has no use for (--count -n 5) is an error, not ignored.
  std::vector<std::string> given;
  // Whether `long_name` ("--limit") is in `given`. Never fails.
  bool Given(std::string_view long_name) const;
  bool stdout_is_tty = false;      // filled by main(): colour and flushing follow it
  bool no_color_env = false;       // filled by main(): $NO_COLOR set and not empty, or $TERM=dumb
                                   // (no-color.org): --color=auto then means never
  size_t width = 0;                // the terminal's columns when stdout is one (0: not known)
};

// What a line rkn-search writes on stderr says: an error, a warning or a note.
enum class MessageKind { kError, kWarning, kNote };

// One line for stderr: "rkn-search: error: <what>\n" ("warning: ", "note: "), `what` made
// SafeForTerminal: a query, path or option value it quotes may hold escape sequences, control or
// bidirectional characters, which are written as "\x1b", "\u202e" instead of acting on the
// terminal. A parse error's "column N" stays the column in the query as typed. Never fails.
std::string StderrLine(MessageKind kind, std::string_view what);

// The fewest and most columns the human output wraps at (OutputColumns).
inline constexpr size_t kMinOutputColumns = 20;
inline constexpr size_t kMaxOutputColumns = 10000;

// The columns the human output wraps at, for SearchArgs::width: $COLUMNS (`columns_env`, may be
// null) when it is a whole number from 1 to kMaxOutputColumns, as ls and other tools honour it
// (a script or a terminal that does not report its size sets it), else the terminal's own
// `terminal_columns` when stdout is one and says (not 0), else 0 (not known: the default width).
// A narrower width than kMinOutputColumns is raised to it (a 10-column pane had been wrapped at
// the default 100). Never fails.
size_t OutputColumns(const char* columns_env, bool stdout_is_tty, size_t terminal_columns);

// An option's help text with its bounds: "hits to show (0 to 100000)". Never fails.
std::string RangeHelp(const char* what, size_t lo, size_t hi);

// Turns the options into the command to run: joins the query's words (after --analyze's text
// they belong to it), picks the database ($RKN_DB when `env_db` is set and not empty, else
// ./rkn.db when no --db), maps the operator, sort order, facets, format and colour (auto is
// never under no_color_env); --files without -n lists every match's file (limit kMaxLimit).
// Fails (InvalidArgument, no `where`: the message is the whole error) when not exactly one of a
// query, --batch, --analyze, --stats and --show is given (--show takes a query to highlight), when
// --show names no article or is given --source, --from, --to, --facets or --collapse, when
// --text is given without --json, --jsonl, --csv or --batch, or with --show, --stats or
// --analyze, when --analyze's text looks like an option, when
// two output formats are chosen, when --null is given without --files, when --jobs is given without --batch, when
// an option is given that the mode has no use for (--count with -n, --offset, --sort or the snippet's
// options; --files with the snippet's; --show with the page's and the snippet's; --stats and --analyze with any
// search option: "--count: prints the number of matches: -n/--limit does not apply"), or when a number is out of its option's bounds (--limit,
// --offset, --snippet-chars, --fragments, --remote-timeout, --jobs) or --sort or --color is not one of its words (then
// the status names the option: "--limit: must be from 0 to N").
Result<SearchCommand> MakeSearchCommand(const SearchArgs& args, const char* env_db);

// MakeSearchCommand, then RunSearchCommand; a bad combination of options is reported as
// "rkn-search: error: <what>" on `err` with exit code 2, and so is an exception out of the search
// ("rkn-search: error: out of memory" for std::bad_alloc) instead of an abort.
int RunSearchArgs(const SearchArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace rkn
