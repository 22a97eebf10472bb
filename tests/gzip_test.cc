// ReadFileBytes (common/gzip.h): whole files, plain or gzip, with a size limit and errors that
// name the file. Uncompressed files take a one-read path of their own, so both paths are listed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/gzip.h"
#include "tests/temp_dir.h"

namespace {

void Write(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// `n` lines that compress little (each differs from the others), so a cut gzip stream still
// holds many of them.
std::string VariedLines(int n) {
  std::string out;
  unsigned x = 12345;
  for (int i = 0; i < n; ++i) {
    out += "baris ";
    out += std::to_string(i);
    out += ':';
    for (int k = 0; k < 12; ++k) {
      x = x * 1103515245u + 12345u;
      out += ' ';
      out += std::to_string(x >> 8);  // appended, not "a" + b: g++ 12 warns a false -Wrestrict there
    }
    out += "\n";
  }
  return out;
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

TEST_CASE("A truncated gzip stream gives the complete lines before the cut, then fails as corrupt") {
  const std::string text = VariedLines(400);
  const std::string gz = rkn::Gzip(text);
  struct Row {
    const char* name;
    size_t keep;  // compressed bytes kept
  };
  const Row rows[] = {{"cut at a quarter", gz.size() / 4}, {"cut at half", gz.size() / 2}, {"cut before the trailer", gz.size() - 4}};
  size_t lines_before = 0;
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const std::string cut = gz.substr(0, r.keep);
    auto in = rkn::MemoryStream(cut, rkn::Compression::kGzip);
    rkn::LineReader lines(in.get());
    std::string line, got;
    rkn::Result<bool> more = true;
    size_t n = 0;
    while ((more = lines.Next(&line)).ok() && *more) {
      got += line + "\n";
      ++n;
    }
    REQUIRE_FALSE(more.ok());
    CHECK(more.status().code() == rkn::StatusCode::kCorruption);
    CHECK(more.status().message() == "truncated gzip stream");
    CHECK(n > lines_before);  // a longer piece gives more lines
    CHECK(text.substr(0, got.size()) == got);  // each one whole and as written
    lines_before = n;
    // Read whole, the same stream is an error: nothing of it is returned.
    CHECK(rkn::Gunzip(cut).status().code() == rkn::StatusCode::kCorruption);
  }
}

TEST_CASE("After a gzip member, zero padding is nothing and other bytes are named as trailing garbage") {
  // Both were "gzip: incorrect header check", and a .txt.gz padded with zeros (as dd and tape
  // blocks pad) lost its article, which gzip -d reads in silence.
  const std::string text = VariedLines(20);
  const std::string gz = rkn::Gzip(text);
  struct Row {
    const char* name;
    std::string bytes;
    bool ok;
  };
  const Row rows[] = {
      {"zero padding", gz + std::string(512, '\0'), true},
      {"two members", gz + rkn::Gzip(text), true},
      {"two members, padded", gz + rkn::Gzip(text) + std::string(3, '\0'), true},
      {"garbage", gz + "junk", false},
      {"zeros, then garbage", gz + std::string(4, '\0') + "x", false},
      {"zeros, then a member", gz + std::string(4, '\0') + gz, false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const auto got = rkn::Gunzip(r.bytes);
    if (r.ok) {
      REQUIRE(got.ok());
      CHECK((*got == text || *got == text + text));
    } else {
      REQUIRE_FALSE(got.ok());
      CHECK(got.status().code() == rkn::StatusCode::kCorruption);
      CHECK(got.status().message() == "gzip: bytes that are not gzip data after the compressed data (trailing garbage)");
    }
  }
}
