// End-to-end test of the alias groups of compounds news writes as one word and as two ("wali kota"
// | "walikota", "kerja sama" | "kerjasama"): the two writings find each other, and the words apart
// are found under a prefix on the first word or -nya on the last ("bekerja sama", "tanggung
// jawabnya"), as Indonesian writes them. The real rkn-index and rkn-search on a small corpus.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/small_corpus.h"

namespace {

struct SpacingCorpus : rkn::test::SmallCorpus {
  SpacingCorpus()
      : SmallCorpus("compound-spacing", {
                     {"walikota.txt", "Taman baru\n\nWalikota Bogor meresmikan taman baru di pusat kota.\n"},
                     {"wali_kota.txt", "Jalan rusak\n\nWali Kota Bandung meninjau jalan yang rusak.\n"},
                     {"kerjasama.txt", "Dua kota\n\nKerjasama kedua kota berjalan baik selama ini.\n"},
                     {"kerja_sama.txt", "Nota energi\n\nKerja sama energi itu diteken pada Senin.\n"},
                     {"bekerja_sama.txt", "Dua negara\n\nKedua negara bekerja sama dalam bidang pangan.\n"},
                     // "pekerja" stems to kerja, and "sama" follows it: no compound.
                     {"pekerja.txt", "Upah pabrik\n\nPara pekerja sama sekali tidak menerima upah.\n"},
                     {"bertanggung_jawab.txt", "Kecelakaan\n\nDirektur bertanggung jawab atas kecelakaan itu.\n"},
                     {"jawabnya.txt", "Sekolah\n\nKeamanan murid adalah tanggung jawabnya sebagai kepala sekolah.\n"},
                     }) {}
};

using Files = std::vector<std::string>;

}  // namespace

TEST_CASE("a compound written as one word or as two finds both writings, the two words under a prefix or -nya too") {
  const SpacingCorpus c;
  const Files kerja_sama{"bekerja_sama.txt", "kerja_sama.txt", "kerjasama.txt"};
  c.CheckFiles({
      {"walikota", {"wali_kota.txt", "walikota.txt"}},
      {"wali kota", {"wali_kota.txt", "walikota.txt"}},
      {"=walikota", {"walikota.txt"}},  // the one form: no aliases
      {"kerjasama", kerja_sama},
      {"kerja sama", kerja_sama},  // "sama" is a stopword: the group only, so not pekerja.txt
      {"bekerjasama", kerja_sama},  // an inflection of the one-word form meets its group
      {"\"kerja sama\"", {"kerja_sama.txt"}},  // a quoted phrase is the words as written
      {"tanggung jawab", {"bertanggung_jawab.txt", "jawabnya.txt"}},
      {"tanggungjawab", {"bertanggung_jawab.txt", "jawabnya.txt"}},
  });
  SUBCASE("the writing each article has is highlighted, words apart as one") {
    auto r = c.Search({"--json", "-n", "10", "kerja sama"});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    std::vector<std::string> marked;
    for (const auto& hit : j["hits"]) {
      const std::string snippet = hit["snippet"];
      std::vector<std::string> spans;
      for (const auto& h : hit["highlights"]) {
        // Offsets count characters; these snippets are ASCII.
        spans.push_back(snippet.substr(h[0].get<size_t>(), h[1].get<size_t>() - h[0].get<size_t>()));
      }
      std::string joined;
      for (const auto& s : spans) joined += (joined.empty() ? "" : " ") + s;
      marked.push_back(joined);
    }
    std::sort(marked.begin(), marked.end());
    CHECK(marked == std::vector<std::string>{"Kerja sama", "Kerjasama", "bekerja sama"});
  }
}
