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

// The running executable's path, or "" when unknown. The name it was started by (AT_EXECFN; made
// absolute when relative) serves when that is no symbolic link; a linked executable
// (/usr/local/bin/rkn-search -> /opt/rkn/bin/rkn-search) is read through /proc/self/exe, the
// resolved path, which costs a search some 30 us more.
std::string ExecutablePath() {
  const auto* started = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
  struct stat st;
  if (started != nullptr && *started != '\0' && lstat(started, &st) == 0 && S_ISREG(st.st_mode)) {
    if (started[0] == '/') return started;
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) != nullptr) return std::string(cwd) + "/" + started;
  }
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  return n > 0 ? std::string(exe, static_cast<size_t>(n)) : std::string();
}

}  // namespace

std::vector<std::string> DataDirCandidates(const std::string& exe) {
  std::vector<std::string> candidates;
  const size_t slash = exe.rfind('/');
  if (slash != std::string::npos) {
    // Below the build folder ("./" and "//" aside): the sources' data first.
    const std::string build = std::string(RKN_BUILD_DIR) + "/";
    const bool plain = exe.find("/./") == std::string::npos && exe.find("//") == std::string::npos &&
                       exe.find("/../") == std::string::npos;  // the usual case: no path parsing
    if ((plain ? exe : fs::path(exe).lexically_normal().string()).starts_with(build)) {
      candidates.emplace_back(RKN_SOURCE_DATADIR);
    }
    // "<folder>/../share/rkn", resolved by the kernel as the folder was (so /bin/rkn-search on a
    // merged /usr reads /usr/share/rkn).
    candidates.push_back(exe.substr(0, slash) + "/../share/rkn");
  }
  candidates.emplace_back(RKN_INSTALL_DATADIR);
  if (candidates.front() != RKN_SOURCE_DATADIR) candidates.emplace_back(RKN_SOURCE_DATADIR);  // each once
  return candidates;
}

Result<fs::path> FindDataDir(const std::string& explicit_dir) {
  // Plain strings and stat(): std::filesystem's path parsing cost rkn-search more than the
  // lookups themselves (it runs once per process).
  std::vector<std::string> candidates;
  if (!explicit_dir.empty()) {
    candidates.push_back(explicit_dir);
  } else if (const char* env = std::getenv(schema::kEnvDataDir); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  } else {
    candidates = DataDirCandidates(ExecutablePath());
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
