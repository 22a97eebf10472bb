// Finding the data folder (rules, stopwords, root dictionary, aliases) at run time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"

namespace rkn {

// Returns the data folder: `explicit_dir` when non-empty, else $RKN_DATA_DIR, else the first of
// DataDirCandidates holding stopwords-id.txt. Fails with NotFound naming the folders tried
// when none of them holds stopwords-id.txt.
Result<std::filesystem::path> FindDataDir(const std::string& explicit_dir);

// The folders FindDataDir tries, in order, when neither a folder nor $RKN_DATA_DIR is given, for
// the executable at `exe` (absolute; "" when unknown): for a build's own binaries (below the build
// folder) the source tree's data/ first, so that an older installed copy never stands in for the
// data they were built with; then <folder of exe>/../share/rkn, the install data dir and (if not
// first) the source tree's data/. Never fails.
std::vector<std::string> DataDirCandidates(const std::string& exe);

}  // namespace rkn
