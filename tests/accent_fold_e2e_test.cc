// End-to-end test of the folding of diacritics: a name news writes with and without them
// ("Mbappé", "Mbappe") is one word to the index and the query, in the text, the title and the
// author field, while the snippets show the text as written. The real rkn-index and rkn-search.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/small_corpus.h"

namespace {

struct AccentCorpus : rkn::test::SmallCorpus {
  AccentCorpus()
      : SmallCorpus("accent-fold", {
                     {"accented.txt", "Gol Mbapp\xC3\xA9\n\nKylian Mbapp\xC3\xA9 mencetak dua gol untuk PSG.\n"},
                     {"plain.txt", "PSG menang\n\nMbappe kembali mencetak gol di Paris.\n"},
                     {"cafe.txt", "Kafe baru\n\nSebuah caf\xC3\xA9 dibuka di Bandung pekan ini.\n"},
                     {"other.txt", "Cuaca\n\nHujan turun di Bandung sejak pagi.\n"},
                     }) {}
};

using Files = std::vector<std::string>;

}  // namespace

TEST_CASE("a word with diacritics and the word without them find each other, and snippets show the text as written") {
  const AccentCorpus c;
  c.CheckFiles({
      {"mbappe", {"accented.txt", "plain.txt"}},
      {"Mbapp\xC3\xA9", {"accented.txt", "plain.txt"}},
      {"MBAPP\xC3\x89", {"accented.txt", "plain.txt"}},
      {"title:mbappe", {"accented.txt"}},
      {"\"kylian mbappe\"", {"accented.txt"}},
      {"caf\xC3\xA9*", {"cafe.txt"}},  // a wildcard's prefix folds too
      {"cafe", {"cafe.txt"}},
  });
  SUBCASE("the snippet keeps the diacritics and highlights the word") {
    auto r = c.Search({"--json", "-n", "5", "Mbapp\xC3\xA9"});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["suggestion"].is_null());  // found: nothing to correct
    bool accented = false;
    for (const auto& hit : j["hits"]) {
      const std::string snippet = hit["snippet"];
      if (snippet.find("Mbapp\xC3\xA9") == std::string::npos) continue;
      accented = true;
      REQUIRE(hit["highlights"].size() == 1);
      // Offsets count characters: "Kylian " is 7, and the word 6 characters (8 bytes).
      CHECK(hit["highlights"][0] == nlohmann::json::array({7, 13}));
    }
    CHECK(accented);
  }
}
