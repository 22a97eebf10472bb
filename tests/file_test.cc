// AppendWholeFile (common/file.h): one read of a whole file, appended, or an error naming it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/file.h"
#include "tests/temp_dir.h"

TEST_CASE("A whole file is appended in one read, or the error names it and leaves the output alone") {
  rkn::test::TempDir dir("file");
  std::ofstream(dir.path() / "words.txt", std::ios::binary) << "ada\nyang\n";
  std::ofstream(dir.path() / "empty.txt", std::ios::binary) << "";
  std::filesystem::create_directory(dir.path() / "folder");
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
      {"a folder", "folder", 100, false, "x|", "cannot read word list"},
  };
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
