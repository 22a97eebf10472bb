// Finding the data folder (rules, stopwords, root dictionary, aliases) at run time.
#pragma once

#include <filesystem>
#include <string>

#include "common/status.h"

namespace rkn {

// Returns the data folder: `explicit_dir` when non-empty, else $RKN_DATA_DIR, else
// <executable>/../share/rkn (an installed tree), else the configured install data dir, else the
// source tree's data/ (running from a build tree). Fails with NotFound naming the folders tried
// when none of them holds stopwords-id.txt.
Result<std::filesystem::path> FindDataDir(const std::string& explicit_dir);

}  // namespace rkn
