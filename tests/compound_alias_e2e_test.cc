// End-to-end test of hyphenated compounds of alias forms ("AS-China", "Korut-Rusia"), and of the
// note a phrase or compound that no article has gets: the real rkn-index and rkn-search on a
// small corpus written by the test.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/small_corpus.h"

namespace {

// Five articles: "AS-China", "Amerika Serikat-Tiongkok", "China-AS" (the other order), "Korea
// Utara-Rusia", and one with Rusia and Korut apart.
struct CompoundCorpus : rkn::test::SmallCorpus {
  CompoundCorpus()
      : SmallCorpus("compound-alias", {
                     {"as_china.txt",
                      "Bursa menguat\n\nBursa saham menguat setelah perang dagang AS-China mereda pekan ini, kata "
                      "para analis.\n"},
                     {"amerika_tiongkok.txt",
                      "Harga kedelai\n\nHarga kedelai impor naik karena ketegangan dagang Amerika Serikat-Tiongkok "
                      "belum selesai.\n"},
                     {"china_as.txt",
                      "Pertemuan dagang\n\nDelegasi kedua negara menyiapkan pertemuan dagang China-AS di Washington "
                      "bulan depan.\n"},
                     {"korea_rusia.txt",
                      "Kerja sama militer\n\nKerja sama militer Korea Utara-Rusia makin erat setelah kunjungan "
                      "pejabat tinggi.\n"},
                     {"apart.txt",
                      "Latihan di perbatasan\n\nRusia menggelar latihan di perbatasan timur, sementara Korut menguji "
                      "rudal di pantai.\n"},
                     }) {}
};

using Files = std::vector<std::string>;

}  // namespace

TEST_CASE("a hyphenated compound of alias forms finds the compound written with their other forms, in its order") {
  const CompoundCorpus c;
  c.CheckFiles({
      {"AS-China", {"amerika_tiongkok.txt", "as_china.txt"}},
      {"AS-Tiongkok", {"amerika_tiongkok.txt", "as_china.txt"}},
      {"China-AS", {"china_as.txt"}},
      {"Korut-Rusia", {"korea_rusia.txt"}},
      {"Korea-Utara-Rusia", {"korea_rusia.txt"}},  // as written, in a part's other form too
      {"North-Korea-Russia", {"korea_rusia.txt"}},
      {"North Korea-Russia", {}},  // "North" and the compound Korea-Russia: no article has them
      {"=AS-China", {"as_china.txt"}},  // exact: as written
      {"AS-China NEAR/3 dagang", {"amerika_tiongkok.txt", "as_china.txt"}},  // as NEAR's operand too
      {"dagang NEAR/3 Korut-Rusia", {}},
      {"militer NEAR/3 Korut-Rusia", {"korea_rusia.txt"}},
      {"=AS-China NEAR/3 dagang", {"as_china.txt"}},
  });
  SUBCASE("the other forms are highlighted where they stand together") {
    auto r = c.Search({"-n", "5", "Korut-Rusia"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("[Korea Utara-Rusia]") != std::string::npos);
    CHECK(r.out.find("[Korut]") == std::string::npos);  // apart.txt is no hit
    auto near = c.Search({"-n", "5", "--color", "never", "dagang NEAR/3 AS-China"});
    REQUIRE(near.status == 0);
    CHECK(near.out.find("[dagang Amerika Serikat-Tiongkok]") != std::string::npos);
  }
  SUBCASE("--analyze names each part's group") {
    auto a = c.Search({"--analyze", "Korut-Rusia"});
    CHECK(a.out == "korut\tkorut\talso searches: korea utara | north korea\nrusia\trusia\talso searches: russia\n");
  }
}

TEST_CASE("a query that no article matches, though some have all its words, says what left none") {
  const CompoundCorpus c;
  const std::string note = "rkn-search: note: no article has the words together as the query writes them (a phrase, a "
                           "hyphenated word or NEAR); 2 have them all apart (search them without quotes, hyphens or NEAR)\n";
  // Apart: Rusia and Korut in apart.txt, Korea Utara-Rusia (the other order) in korea_rusia.txt.
  for (const char* query : {"Rusia-Korut", "\"rusia korut\""}) {
    CAPTURE(query);
    auto r = c.Search({query});
    CHECK(r.status == 1);
    CHECK(r.err == note);
  }
  auto near = c.Search({"latihan NEAR/2 rudal"});
  CHECK(near.status == 1);
  CHECK(near.err == "rkn-search: note: no article has the words together as the query writes them (a phrase, a hyphenated "
                    "word or NEAR); 1 has them all apart (search them without quotes, hyphens or NEAR)\n");
  SUBCASE("a word left out, a field or a range that emptied it is named as well") {
    struct Row {
      const char* query;
      const char* note;
    };
    const Row rows[] = {
        {"rusia korut -rudal -militer", "2 have all its words, none of them without the words it leaves out"},
        {"rusia korut year:2018", "2 have all its words, none of them within its fields or ranges"},
        {"\"rusia korut\" source:kompas.com", "2 have all its words, none of them as its phrases, hyphenated words or NEAR "
                                               "place them and within its fields or ranges"},
    };
    for (const Row& row : rows) {
      CAPTURE(row.query);
      auto r = c.Search({row.query});
      CHECK(r.status == 1);
      // The corpus has no source: the field's value gets its own note first.
      const std::string source_note = std::string(row.query).find("source:") != std::string::npos
                                          ? "rkn-search: note: no article's source is 'kompas.com'\n"
                                          : "";
      CHECK(r.err == source_note + "rkn-search: note: no article matches the whole query; " + row.note + "\n");
    }
    // A wildcard may have emptied it: no note.
    auto w = c.Search({"rusia korut xyz*"});
    CHECK(w.status == 1);
    CHECK(w.err.empty());
  }
}

TEST_CASE("a wildcard on a word with an alias group searches the group too, as the word does") {
  const CompoundCorpus c;
  // korut alone is apart.txt; its group (Korea Utara) adds korea_rusia.txt.
  const Files korut{"apart.txt", "korea_rusia.txt"};
  CHECK(c.Files("korut") == korut);
  CHECK(c.Files("korut*") == korut);  // it found apart.txt only
  CHECK(c.Files("Rusia -korut*").empty());
  CHECK(c.Files("korut* NEAR/3 rudal") == Files{"apart.txt"});  // NEAR's operand: the words it expands to
  // After '=' the words as written only, as =korut is the one form (it searched the group).
  CHECK(c.Files("=korut*") == Files{"apart.txt"});
  CHECK(c.Files("=korut") == Files{"apart.txt"});
}
