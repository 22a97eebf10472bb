// Hygiene (issue 8 item 7): no output of rkn-search leaks the absolute paths of the machine that
// built the index (paths are corpus-relative), and no rkn source invokes a shell.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/reliability.h"

namespace fs = std::filesystem;
using rkn::test::BuildLabelledCorpus;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunProcess;
using rkn::test::TempDir;

TEST_CASE("no rkn-search output contains the absolute path the corpus was indexed from") {
  // The database lives elsewhere: only the corpus folder is secret (rkn-search may name the
  // database it was given).
  TempDir t("hygiene-corpus");
  TempDir d("hygiene-db");
  const fs::path corpus = fs::absolute(t.path()) / "corpus";
  const std::string db = (d.path() / "abs.db").string();
  BuildLabelledCorpus(corpus, 2);
  // Every reader: text, HTML pages, gzipped JSON Lines, UTF-16 CSV.
  const fs::path data = RKN_TEST_DATADIR;
  fs::create_directories(corpus / "pages");
  for (const char* page : {"kompas-singlepage.html", "detik-singlepage.html"}) {
    fs::copy_file(data / "html" / "anpandu" / page, corpus / "pages" / page);
  }
  fs::create_directories(corpus / "dumps");
  fs::copy_file(data / "records" / "sample.jsonl.gz", corpus / "dumps" / "sample.jsonl.gz");
  fs::copy_file(data / "records" / "utf16.csv", corpus / "dumps" / "utf16.csv");
  auto index = RunProcess({kIndexBin, corpus.string(), "--db", db});
  REQUIRE_MESSAGE((index.status == 0 || index.status == 3), index.err);

  // The corpus folder as the indexer saw it, and as the kernel resolves it.
  const std::vector<std::string> secrets = {fs::absolute(t.path()).string(), fs::canonical(t.path()).string()};
  const std::string query = "indonesia OR jakarta OR presiden OR berita";
  const std::vector<std::vector<std::string>> commands = {
      {"--json", "-n", "100", "--facets", "source,year,month,author,category", query},
      {"--jsonl", "-n", "100", query},
      {"--csv", "-n", "100", query},
      {"--files", "-n", "100", query},
      {"--color=never", "-n", "100", query},
      {"--json", "--collapse", "-n", "100", query},
      {"--stats", "--json"},
      {"--stats"},
      {"--analyze", "Presiden Jokowi di Jakarta", "--json"},
  };
  for (const auto& args : commands) {
    std::vector<std::string> argv = {kSearchBin, "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = RunProcess(argv);
    CAPTURE(args.front());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_FALSE(r.out.empty());
    for (const auto& secret : secrets) {
      CHECK(r.out.find(secret) == std::string::npos);
      CHECK(r.err.find(secret) == std::string::npos);
    }
  }
  auto batch = RunProcess({kSearchBin, "--db", db, "--batch", "-"},
                          query + "\n{\"query\": \"jakarta\", \"facets\": [\"source\", \"year\"], \"limit\": 50}\n(broken\n");
  CHECK(batch.status == 2);  // the broken line
  CHECK_FALSE(batch.out.empty());
  for (const auto& secret : secrets) CHECK(batch.out.find(secret) == std::string::npos);
}

TEST_CASE("no rkn source file invokes a shell") {
  // system(), popen() and the PATH-searching exec variants run a shell or resolve names the
  // user controls; rkn runs no other program at all.
  const std::regex shell_call(R"((^|[^A-Za-z0-9_:.])(std::)?(system|popen|execlp|execvp|execvpe|wordexp)\s*\()");
  int files = 0;
  std::string offending;
  for (const char* dir : {"common", "indexer", "searcher"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(RKN_SOURCE_DIR) / dir)) {
      const auto ext = e.path().extension();
      if (ext != ".cc" && ext != ".h") continue;
      ++files;
      std::ifstream in(e.path());
      int n = 0;
      for (std::string line; std::getline(in, line);) {
        ++n;
        if (std::regex_search(line, shell_call)) offending += e.path().string() + ":" + std::to_string(n) + ": " + line + "\n";
      }
    }
  }
  CHECK(files > 20);
  CHECK_MESSAGE(offending.empty(), offending);
  // The regular expression does find a call.
  CHECK(std::regex_search("  int rc = std::system(cmd.c_str());", shell_call));
  CHECK_FALSE(std::regex_search("  fs::filesystem_error e(x);", shell_call));
}
