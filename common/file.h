// Whole-file reads with plain system calls: what rkn-search and the build-time image generator
// need at start-up (stopword list, root word lists) without a FILE*, a stream or a chunk buffer;
// and the check that the results written to stdout got there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <streambuf>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rkn {

// Appends the bytes of the file at `path` to `out`, read with one read() of the size fstat gives;
// their number goes to `*len`. A file that shrinks while read gives the bytes that were there;
// bytes added after the fstat are not read, and `*grew` (when given) says whether there were
// any. Fails with IOError naming `path` — "cannot open WHAT", "cannot read WHAT" (fstat failed)
// or "read failed" — or InvalidArgument when it is a folder ("a folder, not an alias file"), no
// regular file (a device such as /dev/zero, a FIFO, which is not waited on: "not a regular file,
// as an alias file must be"), or holds more than `max_bytes`; `out` is then as it was.
Status AppendWholeFile(const std::filesystem::path& path, std::string_view what, uint64_t max_bytes,
                       std::string* out, size_t* len, bool* grew = nullptr);

// A buffered output stream buffer over a file descriptor (the program's stdout, under the
// std::ostream main hands the library) that keeps the errno of its first failed write, which
// later calls would otherwise overwrite before FlushStdout reports it: results of many
// kilobytes fail in the middle of the output, not at its final flush. On a terminal it writes
// each line as it ends, elsewhere 64 KiB at a time. After a failed write it writes nothing more
// and every output operation fails. Never throws.
class FdOutputBuffer : public std::streambuf {
 public:
  explicit FdOutputBuffer(int fd);
  ~FdOutputBuffer() override;  // flushes what is buffered
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  // The errno of the first write that failed; 0 when none did.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool WriteAll(const char* p, size_t n);  // false (and error_ set) when a write failed
  int fd_;
  bool line_buffered_;  // fd_ is a terminal
  int error_ = 0;
  char buf_[1 << 16];
};

// Flushes `out` (the program's stdout) and says whether everything written to it got there:
// Ok, or IOError "stdout: write failed[: REASON]" when a write failed (a full disk, a closed
// descriptor): the reason its FdOutputBuffer kept, else the one errno holds after the flush.
Status FlushStdout(std::ostream& out);

// `code`, once everything written to `out` (stdout) got there (FlushStdout); else 2, after the
// line "PROGRAM: error: stdout: write failed: REASON" on `err`. For the output a program writes
// before its library runs (--help, --version).
int ExitAfterStdout(std::ostream& out, std::ostream& err, std::string_view program, int code);

}  // namespace rkn
