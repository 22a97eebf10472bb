// Test helper: a few articles a test writes, indexed by the real rkn-index into a database of
// their own, and the real rkn-search run on it.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "tests/found_files.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace rkn::test {

class SmallCorpus {
 public:
  // Writes `files` (name below the corpus folder, content) into a new temporary folder named after
  // `name` and indexes them (rkn-index -q); a failed run fails the test.
  SmallCorpus(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) : dir_(name) {
    const std::filesystem::path c = dir_.path() / "c";
    std::filesystem::create_directories(c);
    for (const auto& [file, content] : files) std::ofstream(c / file) << content;
    auto r = RunProcess({RKN_INDEX_BIN, c.string(), "--db", db_, "-q"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
  }

  const std::string& db() const { return db_; }

  // rkn-search --db DB ARGS...
  ProcessResult Search(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{RKN_SEARCH_BIN, "--db", db_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv);
  }

  // The files `query` finds, sorted by name (FoundFiles).
  std::vector<std::string> Files(const std::string& query) const { return FoundFiles(db_, query); }

  // A query and the files it must find, sorted by name.
  struct Finds {
    std::string query;
    std::vector<std::string> files;
  };

  // Checks each row's query against its files (Files), the query captured for a failure.
  void CheckFiles(const std::vector<Finds>& rows) const {
    for (const Finds& r : rows) {
      CAPTURE(r.query);
      CHECK(Files(r.query) == r.files);
    }
  }

 private:
  TempDir dir_;
  std::string db_ = (dir_.path() / "db").string();
};

}  // namespace rkn::test
