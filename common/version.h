// The rkn release, for --version and --stats.
#pragma once

namespace rkn {

// CMake's project version, e.g. "0.1.0". Never fails.
const char* Version();

}  // namespace rkn
