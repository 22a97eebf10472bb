// End-to-end test of case-sensitive aliases (data/aliases.txt "=AS", "=>UN"): the real rkn-index
// and rkn-search on a small corpus written by the test.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/small_corpus.h"

namespace {

// Eight articles: one says only "AS", one only "Amerika Serikat", one uses the English word "as",
// one says "PBB", one mentions Kim Jong-un, one says "Amerika Latin", one "Jum'at", and one has
// "Serikat" and "Amerika" apart.
struct AliasCorpus : rkn::test::SmallCorpus {
  AliasCorpus()
      : SmallCorpus("alias-case", {
                     {"as.txt",
                      "Tarif baja naik\n\nPemerintah AS menaikkan tarif impor baja dari Tiongkok mulai pekan depan, "
                      "kata juru bicara Gedung Putih.\n"},
                     {"amerika.txt",
                      "Kunjungan presiden\n\nPresiden Amerika Serikat bertemu perdana menteri Jepang di Tokyo untuk "
                      "membahas perdagangan.\n"},
                     {"english.txt",
                      "Lagu baru penyanyi muda\n\nPenyanyi itu merilis lagu berbahasa Inggris berjudul Same as "
                      "Before tentang kenangan masa kecilnya.\n"},
                     {"pbb.txt",
                      "Sidang umum\n\nSekretaris Jenderal PBB membuka sidang umum tahunan di New York dengan seruan "
                      "tentang perubahan iklim.\n"},
                     {"korut.txt",
                      "Uji coba rudal\n\nPemimpin Korea Utara Kim Jong-un menyaksikan uji coba rudal jarak pendek di "
                      "pantai timur.\n"},
                     {"latin.txt",
                      "Reli Dakar\n\nPara pembalap dari Amerika Latin mendominasi reli tahun ini di gurun pasir.\n"},
                     {"jumat.txt",
                      "Salat berjamaah\n\nSalat Jum'at digelar di masjid raya pekan ini dengan tertib dan lancar.\n"},
                     {"serikat.txt",
                      "Upah buruh\n\nSerikat pekerja perkebunan menuntut kenaikan upah, seperti buruh di Amerika "
                      "Latin tahun lalu.\n"},
                     }) {}
};

using Files = std::vector<std::string>;

}  // namespace

TEST_CASE("e2e: AS in capitals also finds Amerika Serikat, lowercase as does not") {
  AliasCorpus c;
  SUBCASE("AS expands to Amerika Serikat (and, since the index folds case, matches the word as)") {
    CHECK(c.Files("AS") == Files{"amerika.txt", "as.txt", "english.txt"});
  }
  SUBCASE("as and As are only the word") {
    CHECK(c.Files("as") == Files{"as.txt", "english.txt"});
    CHECK(c.Files("As") == Files{"as.txt", "english.txt"});
  }
  SUBCASE("Amerika Serikat still finds the article that only writes AS, and the one with its words apart") {
    CHECK(c.Files("Amerika Serikat") == Files{"amerika.txt", "as.txt", "english.txt", "serikat.txt"});
    CHECK(c.Files("\"Amerika Serikat\"") == Files{"amerika.txt"});  // the phrase: as written
  }
  SUBCASE("Amerika alone leads to the group, but Amerika Serikat does not search Amerika Latin") {
    CHECK(c.Files("amerika") == Files{"amerika.txt", "as.txt", "english.txt", "latin.txt", "serikat.txt"});
  }
  SUBCASE("a word written with and without an apostrophe") {
    CHECK(c.Files("jumat") == Files{"jumat.txt"});
    CHECK(c.Files("Jum'at") == Files{"jumat.txt"});
  }
  SUBCASE("excluding a form of the group leaves out its other forms but the word a case-sensitive one collides with") {
    // -amerika left out the English "as" too: the index keeps no case.
    CHECK(c.Files("baru -amerika") == Files{"english.txt"});
    CHECK(c.Files("penyanyi -\"amerika serikat\"") == Files{"english.txt"});
  }
  SUBCASE("UN leads to PBB; PBB does not search the un of Jong-un") {
    CHECK(c.Files("UN") == Files{"korut.txt", "pbb.txt"});
    CHECK(c.Files("PBB") == Files{"pbb.txt"});
    CHECK(c.Files("un") == Files{"korut.txt"});
  }
}
