#include "common/datadir.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/schema.h"

namespace fs = std::filesystem;

namespace rkn {

namespace {

// <prefix>/share/rkn for the running executable <prefix>/bin/rkn-search, or "" when unknown. The
// name it was started by (AT_EXECFN) serves when that is no symbolic link: the kernel resolves
// "<its folder>/../share/rkn" as it resolved the folder (so /bin/rkn-search on a merged /usr
// gives /usr/share/rkn). A linked executable (/usr/local/bin/rkn-search -> /opt/rkn/bin/rkn-search)
// is read through /proc/self/exe, the resolved path, which costs a search some 30 µs more.
std::string BesideExecutable() {
  const auto* started = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
  struct stat st;
  if (started != nullptr && *started != '\0' && lstat(started, &st) == 0 && S_ISREG(st.st_mode)) {
    const std::string name(started);
    const size_t slash = name.rfind('/');
    if (slash == std::string::npos) return "../share/rkn";  // started from its own folder, by its name
    return name.substr(0, slash) + "/../share/rkn";  // "/rkn-search" gives "/../share/rkn", /share/rkn
  }
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return "";
  std::string dir(exe, static_cast<size_t>(n));
  for (int up = 0; up < 2 && dir.find('/') != std::string::npos; ++up) dir.resize(dir.rfind('/'));
  return dir + "/share/rkn";  // <prefix>/bin/rkn-search -> <prefix>/share/rkn
}

}  // namespace

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
      if (std::string beside = BesideExecutable(); !beside.empty()) candidates.push_back(std::move(beside));
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
