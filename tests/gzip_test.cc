// ReadFileBytes (common/gzip.h): whole files, plain or gzip, with a size limit and errors that
// name the file. Uncompressed files take a one-read path of their own, so both paths are listed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/gzip.h"
#include "tests/temp_dir.h"

namespace {

void Write(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("Whole files are read as they are, gunzipped when asked, and refused when too large") {
  rkn::test::TempDir dir("gzip");
  const std::string text = "ada\nadalah\n" + std::string(70000, 'x') + "\nyang\n";
  Write(dir.path() / "plain.txt", text);
  Write(dir.path() / "empty.txt", "");
  Write(dir.path() / "text.gz", rkn::Gzip(text));
  std::filesystem::create_directory(dir.path() / "folder");
  struct Row {
    const char* name;
    const char* file;
    rkn::Compression compression;
    uint64_t max_bytes;
    bool ok;
    std::string bytes;  // when ok
    rkn::StatusCode code;  // when not
  };
  const std::string gz = rkn::Gzip(text);
  const Row rows[] = {
      {"plain, no decompression", "plain.txt", rkn::Compression::kNone, 1 << 20, true, text, {}},
      {"plain, auto", "plain.txt", rkn::Compression::kAuto, 1 << 20, true, text, {}},
      {"plain at exactly the limit", "plain.txt", rkn::Compression::kNone, text.size(), true, text, {}},
      {"empty", "empty.txt", rkn::Compression::kNone, 10, true, "", {}},
      {"gzip, auto", "text.gz", rkn::Compression::kAuto, 1 << 20, true, text, {}},
      {"gzip read raw", "text.gz", rkn::Compression::kNone, 1 << 20, true, gz, {}},
      {"plain over the limit", "plain.txt", rkn::Compression::kNone, text.size() - 1, false, "", rkn::StatusCode::kInvalidArgument},
      {"plain over the limit, auto", "plain.txt", rkn::Compression::kAuto, 100, false, "", rkn::StatusCode::kInvalidArgument},
      {"missing", "missing.txt", rkn::Compression::kNone, 10, false, "", rkn::StatusCode::kNotFound},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const auto path = dir.path() / r.file;
    auto got = rkn::ReadFileBytes(path, r.max_bytes, r.compression);
    REQUIRE(got.ok() == r.ok);
    if (r.ok) {
      CHECK(*got == r.bytes);
    } else {
      CHECK(got.status().code() == r.code);
      CHECK(got.status().where() == path.string());
    }
  }
  SUBCASE("a folder is an error, not an empty file") {
    CHECK_FALSE(rkn::ReadFileBytes(dir.path() / "folder", 10, rkn::Compression::kNone).ok());
  }
}
