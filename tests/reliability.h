// Helpers shared by the reliability tests (bad_input_test, query_robustness_test, crash_test,
// concurrency_test, hygiene_test): temporary directories, corpora built at test time, and
// database checks through the real binaries and xapian-check.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace rkn::test {

inline const std::string kXapianCheckBin = RKN_XAPIAN_CHECK;  // "" when CMake did not find it

// Writes `bytes` to `path` (binary, truncating), creating parent folders. False on failure.
inline bool WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// The labelled articles' text files (tests/data/labelled/*.txt), sorted.
inline std::vector<std::filesystem::path> LabelledArticles() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(RKN_TEST_DATADIR) / "labelled")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Copies the labelled articles into `copies` folders r00, r01, ... under `to` (one folder per
// copy, so site furniture learned per folder never spans copies). Returns the number of files.
inline size_t BuildLabelledCorpus(const std::filesystem::path& to, int copies) {
  const auto articles = LabelledArticles();
  size_t n = 0;
  for (int c = 0; c < copies; ++c) {
    char folder[16];
    std::snprintf(folder, sizeof folder, "r%02d", c);
    std::filesystem::create_directories(to / folder);
    for (const auto& a : articles) {
      std::filesystem::copy_file(a, to / folder / a.filename(), std::filesystem::copy_options::overwrite_existing);
      ++n;
    }
  }
  return n;
}

// The number of documents in `db` from `rkn-search --stats --json`, or -1 when that fails; then
// `why` (when given) receives the exit status and what rkn-search wrote to stderr.
inline long DocumentCount(const std::string& db, std::string* why = nullptr) {
  const ProcessResult r = RunProcess({kSearchBin, "--db", db, "--stats", "--json"});
  if (why != nullptr) why->clear();
  if (r.status != 0) {
    if (why != nullptr) *why = "rkn-search --stats exited " + std::to_string(r.status) + ": " + r.err;
    return -1;
  }
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded() || !j.contains("documents") || !j["documents"].is_number()) return -1;
  return j["documents"].get<long>();
}

// How often `word` is in the spelling table of `db` (0 when it is not there).
inline Xapian::doccount SpellingFrequency(const Xapian::Database& db, const std::string& word) {
  auto it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

// The Xapian databases making up `db`: the shards listed in `<db>/XAPIANDB` (lines such as
// "glass shard-0", paths relative to `db`), else `db` itself.
inline std::vector<std::filesystem::path> DatabaseParts(const std::filesystem::path& db) {
  const std::filesystem::path stub = db / "XAPIANDB";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(stub, ec)) return {db};
  std::vector<std::filesystem::path> parts;
  std::ifstream in(stub);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string backend, where;
    if (!(words >> backend >> where) || backend[0] == '#') continue;
    const std::filesystem::path p(where);
    parts.push_back(p.is_absolute() ? p : db / p);
  }
  return parts;
}

// Runs xapian-check on every part of `db` (see DatabaseParts). Returns "" when all pass, else
// what failed with xapian-check's output.
inline std::string XapianCheckFailures(const std::filesystem::path& db) {
  if (kXapianCheckBin.empty()) return "xapian-check not found at configure time (install xapian-tools)";
  std::string failures;
  const auto parts = DatabaseParts(db);
  if (parts.empty()) return db.string() + ": XAPIANDB lists no shard";
  for (const auto& part : parts) {
    const ProcessResult r = RunProcess({kXapianCheckBin, part.string()});
    if (r.status != 0) failures += part.string() + ": exit " + std::to_string(r.status) + "\n" + r.out + r.err;
  }
  return failures;
}

}  // namespace rkn::test
