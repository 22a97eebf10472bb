// A temporary directory for tests that run the real binaries, removed with everything in it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rkn::test {

// Removes the entry `name` of the directory open as `dir_fd`, and everything under it, through
// file descriptors only, so trees deeper than PATH_MAX go too (std::filesystem::remove_all
// fails on them). Restores permissions a test took away. Best effort: errors are ignored.
inline void RemoveTreeAt(int dir_fd, const char* name) {
  struct stat st{};
  if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    fchmodat(dir_fd, name, 0700, 0);
    const int fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd >= 0) {
      DIR* d = fdopendir(fd);
      std::vector<std::string> names;
      while (dirent* e = d ? readdir(d) : nullptr) {
        if (std::string_view(e->d_name) != "." && std::string_view(e->d_name) != "..") names.emplace_back(e->d_name);
      }
      for (const auto& n : names) RemoveTreeAt(fd, n.c_str());
      if (d) closedir(d);
      else close(fd);
    }
    unlinkat(dir_fd, name, AT_REMOVEDIR);
  } else {
    unlinkat(dir_fd, name, 0);
  }
}

// A fresh temporary directory, removed (with everything in it, however deep) by the destructor.
class TempDir {
 public:
  explicit TempDir(std::string_view tag) {
    std::string tmpl = (std::filesystem::temp_directory_path() / ("rkn-" + std::string(tag) + "-XXXXXX")).string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    if (!path_.empty()) RemoveTreeAt(AT_FDCWD, path_.c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace rkn::test
