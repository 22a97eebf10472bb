// Site furniture learned by one rkn-index run is kept in the database, so a later run over a few
// new articles still drops it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

// An article of the site "Warta Kita" whose page carries the widget line.
void WriteArticle(const fs::path& file, int n) {
  std::ofstream out(file);
  out << "Judul Berita Nomor " << n << " Tentang Banjir\n\n"
      << "Banjir melanda kawasan nomor " << n << " sejak pagi hari dan warga mengungsi ke tempat aman.\n"
      << "Ikuti Warta Kita di saluran Zonkmedia\n"
      << "Petugas mendata kerusakan rumah dan jalan yang terendam air setinggi satu meter.\n";
}

std::string Count(const std::string& db, const std::string& query) {
  auto r = RunProcess({RKN_SEARCH_BIN, "--db", db, "--count", query});
  return r.out;
}

}  // namespace

TEST_CASE("furniture learned by one run is dropped by the next run's few new articles") {
  TempDir t("furniture");
  const fs::path site = t.path() / "wartakita";
  fs::create_directories(site);
  for (int i = 0; i < 8; ++i) WriteArticle(site / (std::to_string(i) + ".txt"), i);
  const std::string db = (t.path() / "f.db").string();
  REQUIRE(RunProcess({RKN_INDEX_BIN, site.string(), "--db", db, "-q"}).status == 0);
  CHECK(Count(db, "zonkmedia") == "0\n");
  CHECK(Count(db, "banjir") == "8\n");

  // One new article: too few to learn the line from, but the database remembers it.
  WriteArticle(site / "baru.txt", 99);
  REQUIRE(RunProcess({RKN_INDEX_BIN, site.string(), "--db", db, "-q"}).status == 0);
  CHECK(Count(db, "banjir") == "9\n");
  CHECK(Count(db, "zonkmedia") == "0\n");
}
