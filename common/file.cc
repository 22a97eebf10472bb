#include "common/file.h"

#include <cerrno>
#include <cstring>
#include <ostream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rkn {

Status AppendWholeFile(const std::filesystem::path& path, std::string_view what, uint64_t max_bytes,
                       std::string* out, size_t* len, bool* grew) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(path.string(), "cannot open " + std::string(what));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IOError(path.string(), "cannot read " + std::string(what));
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Status::InvalidArgument(path.string(), "larger than " + std::to_string(max_bytes) + " bytes");
  }
  const size_t start = out->size();
  const size_t want = static_cast<size_t>(st.st_size);
  out->resize(start + want);
  size_t got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, out->data() + start + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      out->resize(start);
      return Status::IOError(path.string(), "read failed");
    }
    if (n == 0) break;  // shrank while reading
    got += static_cast<size_t>(n);
  }
  if (grew != nullptr) {
    char extra;
    ssize_t n;
    while ((n = ::read(fd, &extra, 1)) < 0 && errno == EINTR) {
    }
    *grew = n != 0;
  }
  ::close(fd);
  out->resize(start + got);
  *len = got;
  return Status::Ok();
}

Status FlushStdout(std::ostream& out) {
  errno = 0;
  if (out.flush(); out) return Status::Ok();
  return Status::IOError("stdout", std::string("write failed") + (errno != 0 ? std::string(": ") + std::strerror(errno) : ""));
}

}  // namespace rkn
