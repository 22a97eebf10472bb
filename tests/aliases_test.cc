#include "common/aliases.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

// A temporary alias file holding `text`, removed when the object goes away.
class TempAliasFile {
 public:
  TempAliasFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("rkn-aliases-test-" + name + ".txt")) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempAliasFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("LoadAliases parses groups, comments and blank lines") {
  TempAliasFile file("good",
                     "# header comment\n"
                     "\n"
                     "Korut | Korea Utara | North Korea\n"
                     "  KPK|Komisi Pemberantasan Korupsi   # trailing comment\r\n"
                     "Usaha Mikro, Kecil, dan Menengah | UMKM");  // no final newline
  auto groups = rkn::LoadAliases(file.path());
  REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
  REQUIRE(groups->size() == 3);
  CHECK(groups->at(0).forms == std::vector<std::string>{"Korut", "Korea Utara", "North Korea"});
  CHECK(groups->at(0).line == 3);
  CHECK(groups->at(1).forms == std::vector<std::string>{"KPK", "Komisi Pemberantasan Korupsi"});
  CHECK(groups->at(1).line == 4);
  CHECK(groups->at(2).forms.front() == "Usaha Mikro, Kecil, dan Menengah");
  CHECK(groups->at(2).line == 5);
}

TEST_CASE("LoadAliases reports bad groups with file and line") {
  struct Bad {
    std::string name;
    std::string text;
    int line;
    std::string reason;
  };
  const std::vector<Bad> cases = {
      {"empty-middle", "A | B\nKorut | | Korea Utara\n", 2, "empty alternative"},
      {"empty-end", "# c\n\nKorut | Korea Utara |\n", 3, "empty alternative"},
      {"single", "Pyongyang\n", 1, "only one form"},
      {"single-comment", "Pyongyang # | Pyong Yang\n", 1, "only one form"},
      {"repeated", "AS | Amerika Serikat | AS\n", 1, "repeated"},
      {"bad-utf8", "AS | Amerika \xff\n", 1, "UTF-8"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(bad.name);
    TempAliasFile file(bad.name, bad.text);
    auto groups = rkn::LoadAliases(file.path());
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.status().code() == rkn::StatusCode::kInvalidArgument);
    CHECK(groups.status().where() == file.path().string() + ":" + std::to_string(bad.line));
    CHECK(groups.status().message().find(bad.reason) != std::string::npos);
  }
}

TEST_CASE("LoadAliases and LoadAliasFiles handle missing files and concatenate") {
  SUBCASE("a missing file is NotFound naming it") {
    auto groups = rkn::LoadAliases("/nonexistent/rkn/aliases.txt");
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.status().code() == rkn::StatusCode::kNotFound);
    CHECK(groups.status().where() == "/nonexistent/rkn/aliases.txt");
  }
  SUBCASE("several files are read in order") {
    TempAliasFile a("multi-a", "A | B\n");
    TempAliasFile b("multi-b", "C | D\nE | F\n");
    auto groups = rkn::LoadAliasFiles({a.path(), b.path()});
    REQUIRE(groups.ok());
    REQUIRE(groups->size() == 3);
    CHECK(groups->at(0).forms.front() == "A");
    CHECK(groups->at(2).forms.front() == "E");
    CHECK(groups->at(2).line == 2);
  }
  SUBCASE("the first failing file stops the load") {
    TempAliasFile a("fail-a", "A | B\n");
    TempAliasFile b("fail-b", "C\n");
    auto groups = rkn::LoadAliasFiles({a.path(), b.path()});
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.status().where() == b.path().string() + ":1");
  }
  SUBCASE("no files give no groups") {
    auto groups = rkn::LoadAliasFiles({});
    REQUIRE(groups.ok());
    CHECK(groups->empty());
  }
}

TEST_CASE("The shipped data/aliases.txt loads with at least 80 groups") {
  auto groups = rkn::LoadAliases(std::filesystem::path(RKN_SOURCE_DIR) / "data" / "aliases.txt");
  REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
  CHECK(groups->size() >= 80);
  std::set<std::string> forms;
  for (const auto& g : groups.value()) forms.insert(g.forms.begin(), g.forms.end());
  for (const char* must : {"Korut", "Korea Utara", "AS", "Amerika Serikat", "KPK", "Jokowi",
                           "Joko Widodo", "OJK", "IHSG", "Jabar", "Tiongkok", "Moskwa"}) {
    CAPTURE(must);
    CHECK(forms.count(must) == 1);
  }
}
