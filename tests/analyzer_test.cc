// Analyzer::Load (common/analyzer.h): a search stems with the root dictionary its database was
// built with. When that is the compiled-in one, the data folder's root lists are not read (they
// may have changed since the index was built, or be missing).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/stemmer.h"
#include "tests/temp_dir.h"

TEST_CASE("The dictionary version is read out of an analyzer version string") {
  struct Row {
    const char* analyzer_version;
    const char* dictionary;
  };
  const Row rows[] = {
      {"dict:30183-b212343a8995f03d/alias:288035389/stop:749215297", "30183-b212343a8995f03d"},
      {"dict:123-abc", "123-abc"},
      {"dict:30183-b212343a8995f03d/rules:1/alias:288035389/stop:749215297", "30183-b212343a8995f03d"},
      {"snowball/alias:1/stop:2", ""},
      {"", ""},
      {"xdict:1/alias:2", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.analyzer_version);
    CHECK(rkn::DictionaryVersionOf(r.analyzer_version) == r.dictionary);
  }
}

TEST_CASE("A database built with the compiled-in dictionary is searched with it, whatever the data folder's lists say") {
  const auto data = std::filesystem::path(RKN_SOURCE_DIR) / "data";
  rkn::test::TempDir dir("analyzer");
  std::filesystem::copy_file(data / "stopwords-id.txt", dir.path() / "stopwords-id.txt");
  std::ofstream(dir.path() / "kata-dasar.txt") << "janji\n";  // a list that knows one root
  const std::string builtin(rkn::BuiltInRootImage().version);
  auto stem_of = [&](const rkn::AnalyzerOptions& opt, const std::string& word) {
    auto a = rkn::Analyzer::Load(dir.path(), opt);
    REQUIRE_MESSAGE(a.ok(), a.status().ToString());
    return (*a)->MakeStem()(word);
  };
  SUBCASE("the database names the compiled-in dictionary: the folder's list is not used") {
    rkn::AnalyzerOptions opt;
    opt.indexed_dictionary = builtin;
    CHECK(stem_of(opt, "menandatangani") == "tandatangan");
    std::filesystem::remove(dir.path() / "kata-dasar.txt");  // not even needed
    CHECK(stem_of(opt, "menandatangani") == "tandatangan");
  }
  SUBCASE("another or no dictionary named: the folder's lists are read") {
    for (const std::string& named : {std::string(), std::string("1-0000000000000000")}) {
      CAPTURE(named);
      rkn::AnalyzerOptions opt;
      opt.indexed_dictionary = named;
      CHECK(stem_of(opt, "menandatangani") == "menandatangani");  // unknown root: left as it is
      CHECK(stem_of(opt, "perjanjian") == "janji");
    }
  }
}

TEST_CASE("The stopword list compiled in is data/'s, and an edited list is read as it is") {
  const auto data = std::filesystem::path(RKN_SOURCE_DIR) / "data";
  std::ifstream in(data / "stopwords-id.txt", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const rkn::RootImage& image = rkn::BuiltInStopwordImage();
  REQUIRE(image.slot_count != 0);
  CHECK(image.base_file == bytes.str());
  rkn::test::TempDir dir("stopwords");
  std::filesystem::copy_file(data / "kata-dasar.txt", dir.path() / "kata-dasar.txt");
  struct Row {
    const char* name;
    std::string list;
    std::vector<std::pair<std::string, bool>> words;  // word, is a stopword
  };
  const Row rows[] = {
      {"the compiled-in list", bytes.str(), {{"yang", true}, {"dan", true}, {"di", true}, {"perjanjian", false}, {"zzyzx", false}}},
      {"one word more", bytes.str() + "\nzzyzx\n", {{"yang", true}, {"zzyzx", true}, {"perjanjian", false}}},
      {"a list to trim and lowercase", "# comment\n  YANG \r\nDan\n", {{"yang", true}, {"dan", true}, {"di", false}}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    std::ofstream(dir.path() / "stopwords-id.txt", std::ios::binary | std::ios::trunc) << r.list;
    auto a = rkn::Analyzer::Load(dir.path(), {});
    REQUIRE_MESSAGE(a.ok(), a.status().ToString());
    for (const auto& item : r.words) {
      const auto& word = std::get<0>(item);
      const auto& stop = std::get<1>(item);
      CAPTURE(word);
      CHECK((*a)->IsStopword(word) == stop);
    }
  }
}
