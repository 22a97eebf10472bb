#include "common/datadir.h"

#include <cstdlib>
#include <system_error>
#include <vector>

#include "common/schema.h"

namespace fs = std::filesystem;

namespace rkn {

Result<fs::path> FindDataDir(const std::string& explicit_dir) {
  std::vector<fs::path> candidates;
  if (!explicit_dir.empty()) {
    candidates.emplace_back(explicit_dir);
  } else {
    if (const char* env = std::getenv(schema::kEnvDataDir); env != nullptr && *env != '\0') {
      candidates.emplace_back(env);
    } else {
      std::error_code ec;
      fs::path exe = fs::read_symlink("/proc/self/exe", ec);
      if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "rkn");
      candidates.emplace_back(RKN_INSTALL_DATADIR);
      candidates.emplace_back(RKN_SOURCE_DATADIR);
    }
  }
  std::string tried;
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::exists(c / "stopwords-id.txt", ec)) return c;
    if (!tried.empty()) tried += ", ";
    tried += c.string();
  }
  return Status::NotFound(tried, "no rkn data folder (stopwords-id.txt missing); set RKN_DATA_DIR");
}

}  // namespace rkn
