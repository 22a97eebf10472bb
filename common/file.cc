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
  // O_NONBLOCK: a FIFO given for a file opens at once (and is refused below) instead of waiting
  // for a writer, which Ctrl-C could not interrupt.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Status::IOError(path.string(), "cannot open " + std::string(what));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(path.string(), "cannot read " + std::string(what));
  }
  if (!S_ISREG(st.st_mode)) {  // a folder, a device (/dev/zero never ends), a FIFO, a socket
    ::close(fd);
    const std::string a_what = (std::string_view("aeiou").find(what.empty() ? 'x' : what[0]) != std::string_view::npos ? "an " : "a ") +
                               std::string(what);
    return Status::InvalidArgument(path.string(), S_ISDIR(st.st_mode) ? "a folder, not " + a_what
                                                                      : "not a regular file, as " + a_what + " must be");
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

FdOutputBuffer::FdOutputBuffer(int fd) : fd_(fd), line_buffered_(::isatty(fd) == 1) { setp(buf_, buf_ + sizeof buf_); }

FdOutputBuffer::~FdOutputBuffer() { sync(); }

bool FdOutputBuffer::WriteAll(const char* p, size_t n) {
  if (error_ != 0) return false;
  while (n > 0) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      error_ = w < 0 && errno != 0 ? errno : EIO;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

int FdOutputBuffer::sync() {
  const bool ok = WriteAll(pbase(), static_cast<size_t>(pptr() - pbase()));
  setp(buf_, buf_ + sizeof buf_);
  return ok ? 0 : -1;
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type ch) {
  if (sync() != 0) return traits_type::eof();
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  *pptr() = traits_type::to_char_type(ch);
  pbump(1);
  if (line_buffered_ && traits_type::to_char_type(ch) == '\n' && sync() != 0) return traits_type::eof();
  return ch;
}

std::streamsize FdOutputBuffer::xsputn(const char* s, std::streamsize n) {
  const auto room = epptr() - pptr();
  if (n <= room) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    // On a terminal each finished line shows at once (rkn-index --explain of many files).
    if (line_buffered_ && std::memchr(s, '\n', static_cast<size_t>(n)) != nullptr && sync() != 0) return 0;
    return n;
  }
  // Larger than the room left: what is buffered, then these bytes, each written whole.
  if (sync() != 0 || !WriteAll(s, static_cast<size_t>(n))) return 0;
  return n;
}

Status FlushStdout(std::ostream& out) {
  errno = 0;
  if (out.flush(); out) return Status::Ok();
  const auto* fd_buf = dynamic_cast<const FdOutputBuffer*>(out.rdbuf());
  const int why = fd_buf != nullptr && fd_buf->error() != 0 ? fd_buf->error() : errno;
  return Status::IOError("stdout", std::string("write failed") + (why != 0 ? std::string(": ") + std::strerror(why) : ""));
}

int ExitAfterStdout(std::ostream& out, std::ostream& err, std::string_view program, int code) {
  const Status st = FlushStdout(out);
  if (st.ok()) return code;
  err << program << ": error: " << st.ToString() << "\n";
  return 2;
}

}  // namespace rkn
