// The files a query finds, as a test of the real rkn-search reads them.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/process.h"

namespace rkn::test {

// The file names (without folders) of the articles `query` finds in `db` (rkn-search -l, up to
// 20), sorted; empty when it finds none or fails.
inline std::vector<std::string> FoundFiles(const std::string& db, const std::string& query) {
  auto r = RunProcess({RKN_SEARCH_BIN, "--db", db, "-l", "-n", "20", query});
  std::vector<std::string> out;
  size_t b = 0;
  while (b < r.out.size()) {
    size_t e = r.out.find('\n', b);
    if (e == std::string::npos) e = r.out.size();
    std::string line = r.out.substr(b, e - b);
    if (!line.empty()) out.push_back(std::filesystem::path(line).filename().string());
    b = e + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace rkn::test
