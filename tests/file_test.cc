// AppendWholeFile (common/file.h): one read of a whole file, appended, or an error naming it.
#include <doctest/doctest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/file.h"
#include "tests/temp_dir.h"

TEST_CASE("A whole file is appended in one read, or the error names it and leaves the output alone") {
  rkn::test::TempDir dir("file");
  std::ofstream(dir.path() / "words.txt", std::ios::binary) << "ada\nyang\n";
  std::ofstream(dir.path() / "empty.txt", std::ios::binary) << "";
  std::filesystem::create_directory(dir.path() / "folder");
  REQUIRE(::mkfifo((dir.path() / "fifo").c_str(), 0600) == 0);
  struct Row {
    const char* name;
    const char* file;
    uint64_t max_bytes;
    bool ok;
    const char* out;      // the output afterwards (it starts as "x|")
    const char* message;  // when not ok
  };
  const Row rows[] = {
      {"a file", "words.txt", 100, true, "x|ada\nyang\n", ""},
      {"exactly the limit", "words.txt", 9, true, "x|ada\nyang\n", ""},
      {"an empty file", "empty.txt", 0, true, "x|", ""},
      {"over the limit", "words.txt", 8, false, "x|", "larger than 8 bytes"},
      {"missing", "missing.txt", 100, false, "x|", "cannot open word list"},
      {"a folder", "folder", 100, false, "x|", "a folder, not a word list"},
      // Not waited on (open blocked until a writer came, Ctrl-C could not stop it), and a device
      // never read (/dev/zero was read until memory ran out).
      {"a FIFO", "fifo", 100, false, "x|", "not a regular file, as a word list must be"},
  };
  std::string zero = "x|";
  size_t zero_len = 0;
  const rkn::Status z = rkn::AppendWholeFile("/dev/zero", "alias file", 100, &zero, &zero_len);
  CHECK(z.message() == "not a regular file, as an alias file must be");
  CHECK(zero == "x|");
  for (const Row& r : rows) {
    CAPTURE(r.name);
    std::string out = "x|";
    size_t len = 99;
    bool grew = true;
    const auto path = dir.path() / r.file;
    const rkn::Status s = rkn::AppendWholeFile(path, "word list", r.max_bytes, &out, &len, &grew);
    CHECK(s.ok() == r.ok);
    CHECK(out == r.out);
    if (r.ok) {
      CHECK(len == out.size() - 2);
      CHECK_FALSE(grew);
    } else {
      CHECK(s.where() == path.string());
      CHECK(s.message() == r.message);
    }
  }
}

TEST_CASE("FdOutputBuffer writes every byte in order and keeps the reason its first write failed") {
  rkn::test::TempDir t("file");
  const auto path = t.path() / "out";
  SUBCASE("a file gets small and large writes, in order, by the last flush") {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    std::string want;
    {
      rkn::FdOutputBuffer buf(fd);
      std::ostream out(&buf);
      for (size_t n : {1, 10, 70000, 3, 65536, 65535, 200000}) {
        const std::string piece(n, static_cast<char>('a' + n % 26));
        out << piece << '\n';
        want += piece + '\n';
      }
      CHECK(rkn::FlushStdout(out).ok());
      CHECK(buf.error() == 0);
    }
    ::close(fd);
    std::ifstream in(path, std::ios::binary);
    const std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(got == want);
  }
  SUBCASE("a full device: the write in the middle fails and the flush says why") {
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (fd < 0) return;  // not Linux
    rkn::FdOutputBuffer buf(fd);
    std::ostream out(&buf);
    out << std::string(200000, 'x');  // more than the buffer: written, and failed, at once
    CHECK_FALSE(out.good());
    CHECK(buf.error() == ENOSPC);
    errno = 0;  // later calls change errno; the buffer kept the reason
    const rkn::Status st = rkn::FlushStdout(out);
    CHECK(st.ToString() == "stdout: write failed: No space left on device");
    ::close(fd);
  }
}
