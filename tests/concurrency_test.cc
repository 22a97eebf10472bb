// Concurrency (issue 8 item 4): while rkn-index writes, searches keep working on the last
// committed state (rkn-search reopens on DatabaseModifiedError), and a second rkn-index on the
// same database fails at once with a clear "locked" message. SLOW (test suite "slow"): ~20-30 s,
// each SUBCASE indexes ~1000 files again.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/reliability.h"

namespace fs = std::filesystem;
using rkn::test::BuildLabelledCorpus;
using rkn::test::DocumentCount;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunOptions;
using rkn::test::RunProcess;
using rkn::test::TempDir;

TEST_CASE("searches while rkn-index writes succeed, and a second writer is refused at once" *
          doctest::test_suite("slow")) {
  TempDir t("concurrency");
  const fs::path corpus = t.path() / "corpus";
  const std::string db = (t.path() / "busy.db").string();
  const std::string log = (t.path() / "index.log").string();
  const size_t files = BuildLabelledCorpus(corpus, 20);
  const pid_t writer = rkn::test::SpawnProcess({kIndexBin, corpus.string(), "--db", db, "--batch", "25"}, {}, log);
  REQUIRE(writer > 0);

  // Searching starts once the database exists (before that "no such database" is right).
  int status = -1;
  bool ended = false;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!(ended = rkn::test::ProcessEnded(writer, &status)) && DocumentCount(db) < 0 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE_FALSE(ended);  // the corpus is big enough to still be indexing

  SUBCASE("a second rkn-index on the same database fails at once saying it is locked") {
    RunOptions opt;
    opt.timeout_seconds = 10;  // watchdog: it fails before reading anything, it does not wait for the lock
    auto second = RunProcess({kIndexBin, corpus.string(), "--db", db}, opt);
    CHECK_FALSE(second.timed_out);
    CHECK(second.status == 2);
    CHECK(second.err.find("rkn-index: error: " + db + ": ") == 0);
    CHECK(second.err.find("locked") != std::string::npos);
  }

  SUBCASE("searches during indexing exit 0 or 1, never 2, and see the count grow") {
    const std::vector<std::vector<std::string>> modes = {
        {"--json", "indonesia"},
        {"--count", "jakarta OR presiden"},
        {"--jsonl", "--sort", "newest", "pemerintah"},
        {"--json", "--facets", "source,year,month", "--collapse", "indonesia"},
        {"--files", "\"kata dia\""},
    };
    long last_count = 0;
    int searches = 0, shrinks = 0;
    while (!(ended = rkn::test::ProcessEnded(writer, &status))) {
      std::vector<std::string> argv = {kSearchBin, "--db", db};
      const auto& mode = modes[static_cast<size_t>(searches) % modes.size()];
      argv.insert(argv.end(), mode.begin(), mode.end());
      auto r = RunProcess(argv);
      CAPTURE(mode.back());
      CHECK_MESSAGE((r.status == 0 || r.status == 1), r.err);
      std::string why;
      const long count = DocumentCount(db, &why);
      CHECK_MESSAGE(count >= 0, why);  // says why if it ever fails again (it did, rarely, under load)
      if (count < last_count) ++shrinks;
      last_count = count;
      ++searches;
    }
    MESSAGE(searches << " searches while indexing; last count seen " << last_count);
    CHECK(searches >= 5);
    CHECK(shrinks == 0);
  }

  SUBCASE("one batch process keeps answering across many commits") {
    std::string queries;
    const char* words[] = {"indonesia", "jakarta", "presiden", "pemerintah", "ekonomi", "polisi", "warga"};
    for (int i = 0; i < 3000; ++i) queries += std::string(words[i % 7]) + (i % 3 == 0 ? " OR kota\n" : "\n");
    auto r = RunProcess({kSearchBin, "--db", db, "--batch", "-", "-n", "3"}, queries);
    CHECK_MESSAGE(r.status == 0, r.err);
    std::istringstream lines(r.out);
    int answered = 0, errors = 0;
    for (std::string line; std::getline(lines, line); ++answered) {
      if (nlohmann::json::parse(line).contains("error")) ++errors;
    }
    CHECK(answered == 3000);
    CHECK(errors == 0);
  }

  if (!ended) status = rkn::test::WaitProcess(writer);
  CHECK(status == 0);
  CHECK(DocumentCount(db) == static_cast<long>(files));
}
