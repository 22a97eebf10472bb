// The rkn-search command as a library call: everything main() does after option parsing.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "common/format.h"
#include "common/search.h"

namespace rkn {

enum class ColorMode { kAuto, kAlways, kNever };

struct SearchCommand {
  std::vector<std::string> dbs;  // resolved: at least one
  std::string data_dir;
  SearchRequest request;
  OutputFormat format = OutputFormat::kHuman;
  ColorMode color = ColorMode::kAuto;
  bool stdout_is_tty = false;
  size_t width = 100;
  std::string batch;    // --batch FILE ("-" = stdin): one query per line, or JSONL objects
  std::string analyze;  // --analyze TEXT
  bool stats = false;   // --stats
};

// Runs the command. Results go to `out`, errors as "rkn-search: error: <what>" to `err`.
// Returns the exit code: 0 hits (or batch/analyze/stats done), 1 no hits, 2 error.
int RunSearchCommand(const SearchCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace rkn
