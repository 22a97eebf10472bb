// The data folder an installed rkn-search finds at run time: <prefix>/share/rkn beside
// <prefix>/bin, for the executable as started and for one reached through a symbolic link.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/datadir.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;

namespace {

// Installs a copy of rkn-search as <prefix>/bin/rkn-search, and the source tree's data folder as
// <prefix>/share/rkn with `marker` added to its stopwords, so a search shows which folder it read.
void InstallAt(const fs::path& prefix, const std::string& marker) {
  fs::create_directories(prefix / "bin");
  fs::copy_file(rkn::test::kSearchBin, prefix / "bin" / "rkn-search");
  fs::create_directories(prefix / "share");
  fs::copy(fs::path(RKN_SOURCE_DIR) / "data", prefix / "share" / "rkn", fs::copy_options::recursive);
  std::ofstream(prefix / "share" / "rkn" / "stopwords-id.txt", std::ios::app) << "\n" << marker << "\n";  // the list may not end its last line
}

// `rkn-search --analyze` of the two markers, run as `exe` from the folder `cwd` (no rkn.db there:
// the analyser needs no database), with no $RKN_DATA_DIR nor $RKN_DB: one line per token,
// "(stopword)" for the marker of the data folder it read.
rkn::test::ProcessResult AnalyzeMarkers(const std::string& exe, const fs::path& cwd) {
  rkn::test::RunOptions opt;
  opt.env = {"RKN_DATA_DIR=", "RKN_DB="};  // empty is unset for rkn-search
  opt.cwd = cwd.string();
  return rkn::test::RunProcess({exe, "--analyze", "zzpenanda zzlain"}, opt);
}

}  // namespace

TEST_CASE("rkn-search reads the data folder of the prefix it is installed in") {
  rkn::test::TempDir t("datadir");
  REQUIRE_FALSE(t.path().empty());
  const fs::path a = t.path() / "a", b = t.path() / "b";
  InstallAt(a, "zzpenanda");

  SUBCASE("started by its own path: <prefix>/share/rkn") {
    const auto r = AnalyzeMarkers((a / "bin" / "rkn-search").string(), t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out == "zzpenanda\t(stopword)\nzzlain\tzzlain\n");
  }
  SUBCASE("started through a symbolic link from another prefix: the linked executable's prefix") {
    InstallAt(b, "zzlain");
    fs::remove(b / "bin" / "rkn-search");
    fs::create_symlink(a / "bin" / "rkn-search", b / "bin" / "rkn-search");
    const auto r = AnalyzeMarkers((b / "bin" / "rkn-search").string(), t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out == "zzpenanda\t(stopword)\nzzlain\tzzlain\n");
  }
  SUBCASE("started from its own folder by a relative path: the same folder") {
    const auto r = AnalyzeMarkers("./rkn-search", a / "bin");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out == "zzpenanda\t(stopword)\nzzlain\tzzlain\n");
  }
  SUBCASE("started through a path with a linked folder in it: the folder as the kernel resolves it") {
    fs::create_directories(b);
    fs::create_directory_symlink(a / "bin", b / "bin");  // b/bin/.. is a, not b
    const auto r = AnalyzeMarkers((b / "bin" / "rkn-search").string(), t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out == "zzpenanda\t(stopword)\nzzlain\tzzlain\n");
  }
}

TEST_CASE("A build's own binaries read the source tree's data first, other executables the folder beside theirs") {
  const std::string source_data = std::string(RKN_SOURCE_DIR) + "/data";
  const fs::path built(rkn::test::kSearchBin);  // below the build folder
  SUBCASE("a binary of this build, however its path is written") {
    for (const std::string& exe : {built.string(), (built.parent_path() / "." / built.filename()).string(),
                                  (built.parent_path() / ".." / built.parent_path().filename() / built.filename()).string()}) {
      CAPTURE(exe);
      const auto c = rkn::DataDirCandidates(exe);
      REQUIRE(c.size() == 3);  // the source tree's data/ once
      CHECK(c[0] == source_data);
      CHECK(c[1] == fs::path(exe).parent_path().string() + "/../share/rkn");
    }
  }
  SUBCASE("an installed binary: its prefix, the install folder, the sources") {
    const auto c = rkn::DataDirCandidates("/opt/rkn/bin/rkn-search");
    REQUIRE(c.size() == 3);
    CHECK(c[0] == "/opt/rkn/bin/../share/rkn");
    CHECK(c[2] == source_data);
  }
  SUBCASE("an unknown executable: the install folder, the sources") {
    const auto c = rkn::DataDirCandidates("");
    REQUIRE(c.size() == 2);
    CHECK(c[1] == source_data);
  }
}
