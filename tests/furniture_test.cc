// Unit tests of the corpus-learned furniture model.
#include "common/furniture.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

namespace rkn {
namespace {

std::string Article(int i, const std::string& furniture) {
  return "Paragraf unik nomor " + std::to_string(i) + " tentang berita hari ini.\n" + furniture + "\n";
}

TEST_CASE("Lines recurring in many articles of one source are furniture") {
  FurnitureModel m(FurnitureOptions{.min_articles = 5, .min_fraction = 0.2, .max_line_bytes = 80});
  for (int i = 0; i < 20; ++i) m.ObserveText("contoh.com", Article(i, i % 2 ? "Ikuti Contoh di Google News" : ""));
  // Four occurrences: below min_articles.
  for (int i = 0; i < 4; ++i) m.ObserveText("contoh.com", "Langka sekali\n");
  // Recurring but long: syndicated text, not furniture.
  const std::string long_line(120, 'x');
  for (int i = 0; i < 10; ++i) m.ObserveText("contoh.com", long_line);
  m.Finalize();
  SUBCASE("recurring short lines") {
    CHECK(m.IsFurniture("contoh.com", "Ikuti Contoh di Google News"));
    CHECK(m.IsFurniture("contoh.com", "  Ikuti Contoh di Google News  "));  // trimmed
    CHECK(m.FurnitureCount("contoh.com") == 1);
  }
  SUBCASE("not furniture") {
    CHECK_FALSE(m.IsFurniture("contoh.com", "Langka sekali"));
    CHECK_FALSE(m.IsFurniture("contoh.com", long_line));
    CHECK_FALSE(m.IsFurniture("contoh.com", "Paragraf unik nomor 3 tentang berita hari ini."));
    CHECK_FALSE(m.IsFurniture("lain.com", "Ikuti Contoh di Google News"));  // per source
    CHECK_FALSE(m.IsFurniture("contoh.com", ""));
  }
  SUBCASE("dump") {
    auto d = m.Dump();
    REQUIRE(d.size() == 1);
    CHECK(d[0] == "contoh.com\tIkuti Contoh di Google News");
  }
}

TEST_CASE("A sentence a story series repeats is news text, not furniture, however often it recurs") {
  FurnitureModel m;
  const std::vector<std::string> lines = {
      "Gempa bermagnitudo 7,4 mengguncang Donggala dan Palu.",  // six words or more, a sentence: kept
      "Apakah warga sudah menerima bantuan dari pemerintah?",
      "Baca juga:",                                   // prompts and credits: furniture
      "Penulis: Annesa K. Ramadhany",
      "Simak berita lainnya di aplikasi kami...",     // a teaser's "..." is no full stop
      "Ikuti kami di Google News.",                   // five words
  };
  for (int i = 0; i < 20; ++i) {
    std::string text = Article(i, "");
    for (const auto& l : lines) text += l + "\n";
    m.ObserveText("contoh.com", text);
  }
  m.Finalize();
  CHECK_FALSE(m.IsFurniture("contoh.com", lines[0]));
  CHECK_FALSE(m.IsFurniture("contoh.com", lines[1]));
  for (size_t k = 2; k < lines.size(); ++k) {
    CAPTURE(lines[k]);
    CHECK(m.IsFurniture("contoh.com", lines[k]));
  }
}

TEST_CASE("A line counts once per article and the fraction threshold applies") {
  FurnitureModel m(FurnitureOptions{.min_articles = 2, .min_fraction = 0.5, .max_line_bytes = 80});
  m.ObserveText("a.com", "Oke\nOke\nOke\n");  // one article, three copies
  for (int i = 0; i < 9; ++i) m.ObserveText("a.com", "Teks " + std::to_string(i));
  m.ObserveText("a.com", "Oke\n");
  m.Finalize();
  CHECK_FALSE(m.IsFurniture("a.com", "Oke"));  // 2 of 11 articles < 50%
}

TEST_CASE("Observe is thread-safe and models merge") {
  FurnitureModel shared(FurnitureOptions{.min_articles = 10, .min_fraction = 0.0, .max_line_bytes = 80});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&shared, t] {
      for (int i = 0; i < 50; ++i) shared.ObserveText("x.com", Article(t * 100 + i, "Halaman Depan X"));
    });
  }
  for (auto& th : threads) th.join();
  FurnitureModel part(FurnitureOptions{.min_articles = 10, .min_fraction = 0.0, .max_line_bytes = 80});
  for (int i = 0; i < 12; ++i) part.ObserveText("y.com", "Menu Y\n");
  shared.Merge(part);
  shared.Finalize();
  CHECK(shared.IsFurniture("x.com", "Halaman Depan X"));
  CHECK(shared.IsFurniture("y.com", "Menu Y"));
  CHECK_FALSE(shared.IsFurniture("x.com", "Menu Y"));
}

TEST_CASE("Before Finalize nothing is furniture") {
  FurnitureModel m;
  for (int i = 0; i < 50; ++i) m.ObserveText("z.com", "Berulang\n");
  CHECK_FALSE(m.IsFurniture("z.com", "Berulang"));
}


TEST_CASE("The first pass stays bounded: rare lines are forgotten, furniture is not") {
  FurnitureModel m(FurnitureOptions{.min_articles = 5, .min_fraction = 0.02, .max_line_bytes = 80, .max_tracked_lines = 200});
  for (int i = 0; i < 5000; ++i) {
    m.ObserveText("contoh.com", "Baris unik " + std::to_string(i) + "\nIkuti Contoh di Google News\n");
    CHECK(m.tracked_lines() <= 200);
  }
  m.Finalize();
  CHECK(m.IsFurniture("contoh.com", "Ikuti Contoh di Google News"));
  CHECK_FALSE(m.IsFurniture("contoh.com", "Baris unik 4999"));
}

}  // namespace
}  // namespace rkn
