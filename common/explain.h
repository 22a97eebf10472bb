// rkn-index --explain: shows, for every line of each file, whether the cleaner keeps or drops it
// and which rule decided, then the extracted metadata. Writes no database.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "common/reader.h"
#include "common/status.h"

namespace rkn {

struct ExplainOptions {
  std::vector<std::filesystem::path> files;
  std::string data_dir;
  std::vector<std::filesystem::path> rule_files;
  ReadOptions read;
  bool json = false;  // one JSON object per line instead of the human table
  // The database a run would write ("" for none): when it exists, the site furniture its runs
  // learned is dropped as a run would drop it, besides what recurs in `files` themselves.
  std::string db;
};

// Explains each file (directories are walked; in them, files of a type rkn does not read are
// passed over), with the site furniture (rule "furniture") that a run over the same files into
// `db` would learn and drop. Every problem is reported on `err` as "rkn-index: error: <where>: <what>" and
// returned: a per-file one after all files were tried (the last of them), among them a file
// named in `files` that is of an unknown type ("x.pdf: unknown type .pdf (rkn-index reads
// .txt, ...)") or cannot be examined; a missing root, rules file or data folder at once.
Status RunExplain(const ExplainOptions& options, std::ostream& out, std::ostream& err);

}  // namespace rkn
