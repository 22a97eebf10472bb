// End-to-end test of the hyphenated words news also writes as one ("K-Pop" and "KPop", "U-16"
// and "U16"): the indexer learns both writings from the articles, and a query of either finds
// both, in this run and the next.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/small_corpus.h"

namespace {

struct LearnedCorpus : rkn::test::SmallCorpus {
  LearnedCorpus()
      : SmallCorpus("learned-forms", {
                     {"kpop_hyphen.txt", "Konser musik\n\nKonser K-Pop di Jakarta dipadati penggemar dari berbagai kota.\n"},
                     {"kpop_joined.txt", "Idola baru\n\nIdola KPop itu merilis album kedua pekan ini.\n"},
                     {"u16.txt", "Timnas muda\n\nTimnas U-16 menang tipis atas Malaysia di laga kedua.\n"},
                     {"pop.txt", "Musik lama\n\nMusik pop tahun delapan puluhan kembali digemari anak muda.\n"},
                     {"g20.txt", "Pertemuan puncak\n\nKTT G20 digelar di Osaka dengan agenda perdagangan.\n"},
                     }) {}
};

using Files = std::vector<std::string>;

}  // namespace

TEST_CASE("a hyphenated word news also writes as one is found in both writings, from either") {
  const LearnedCorpus c;
  c.CheckFiles({
      {"kpop", {"kpop_hyphen.txt", "kpop_joined.txt"}},
      {"K-Pop", {"kpop_hyphen.txt", "kpop_joined.txt"}},
      // A phrase finds the other writing too, as a number's ("gerakan anti-korupsi" missed
      // "gerakan antikorupsi"), either way round.
      {"\"k pop\"", {"kpop_hyphen.txt", "kpop_joined.txt"}},
      {"\"konser kpop\"", {"kpop_hyphen.txt"}},
      {"\"idola k-pop itu\"", {"kpop_joined.txt"}},
      {"\"musik pop\"", {"pop.txt"}},
      {"u16", {"u16.txt"}},
      {"U-16", {"u16.txt"}},
      {"=kpop", {"kpop_joined.txt"}},  // exact: the word as written only
      // Written joined only, so nothing learned: the query's hyphenated code finds the joined word
      // by the rule the indexer learns by (G-20 found nothing).
      {"G-20", {"g20.txt"}},
      {"=G-20", {}},  // exact: the phrase as written
  });
  SUBCASE("a code the articles write joined only is highlighted as they write it") {
    auto r = c.Search({"--color", "never", "-n", "5", "G-20"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("KTT [G20] digelar") != std::string::npos);
  }
  SUBCASE("a phrase's other writing is highlighted where it stands") {
    auto r = c.Search({"--color", "never", "-n", "5", "\"idola k-pop\""});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("[Idola KPop] itu") != std::string::npos);
  }
  SUBCASE("the other writing is highlighted, and --analyze names it") {
    auto r = c.Search({"--color", "never", "-n", "5", "kpop"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Konser [K-Pop] di Jakarta") != std::string::npos);
    CHECK(r.out.find("Idola [KPop] itu") != std::string::npos);
    CHECK(c.Search({"--analyze", "u16"}).out == "u16\tu16\talso searches: u 16\n");
  }
  SUBCASE("--stats counts them apart from the alias forms") {
    auto stats = nlohmann::json::parse(c.Search({"--stats", "--json"}).out);
    CHECK(stats["learned_forms"] == 2);  // kpop, u16
    CHECK(stats["alias_forms"].get<int>() > 500);
  }
  SUBCASE("a run that reads none of the articles again keeps what the last one learned") {
    auto again = rkn::test::RunProcess({RKN_INDEX_BIN, (std::filesystem::path(c.db()).parent_path() / "c").string(), "--db", c.db()});
    REQUIRE_MESSAGE(again.status == 0, again.err);
    CHECK(again.err.find("0 indexed, 0 replaced, 5 unchanged") != std::string::npos);
    CHECK(c.Files("kpop") == Files{"kpop_hyphen.txt", "kpop_joined.txt"});
    CHECK(c.Files("u16") == Files{"u16.txt"});
  }
}
