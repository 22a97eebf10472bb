#include "common/datadir.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "common/schema.h"

namespace fs = std::filesystem;

namespace rkn {

Result<fs::path> FindDataDir(const std::string& explicit_dir) {
  // Plain strings and stat(): std::filesystem's path parsing cost rkn-search more than the
  // lookups themselves (it runs once per process).
  std::vector<std::string> candidates;
  if (!explicit_dir.empty()) {
    candidates.push_back(explicit_dir);
  } else {
    if (const char* env = std::getenv(schema::kEnvDataDir); env != nullptr && *env != '\0') {
      candidates.emplace_back(env);
    } else {
      char exe[4096];
      const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
      if (n > 0) {
        std::string dir(exe, static_cast<size_t>(n));
        for (int up = 0; up < 2 && dir.find('/') != std::string::npos; ++up) dir.resize(dir.rfind('/'));
        candidates.push_back(dir + "/share/rkn");  // <prefix>/bin/rkn-search -> <prefix>/share/rkn
      }
      candidates.emplace_back(RKN_INSTALL_DATADIR);
      candidates.emplace_back(RKN_SOURCE_DATADIR);
    }
  }
  std::string tried;
  for (const auto& c : candidates) {
    struct stat st;
    if (stat((c + "/stopwords-id.txt").c_str(), &st) == 0) return fs::path(c);
    if (!tried.empty()) tried += ", ";
    tried += c;
  }
  return Status::NotFound(tried, "no rkn data folder (stopwords-id.txt missing); set RKN_DATA_DIR");
}

}  // namespace rkn
