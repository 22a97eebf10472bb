// The order of hits of equal rank (equal score; in the date orders, equal time and score): by
// `path`, then `record`, so a database of any shard count gives the same list, page after page.
// Xapian's own order of such hits is its docid order, which interleaves across shards.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

// A hit as the tie order sees it: its path, its record, its score and its published time.
struct Listed {
  std::string path, record, published;
  double score = 0;
};

// The records of `hits` in order, "path:record " each: lists compare (and print) as these.
std::string Describe(const std::vector<Listed>& hits) {
  std::string out;
  for (const auto& h : hits) out += h.path + ":" + h.record + " ";
  return out;
}

std::vector<Listed> ListOf(const nlohmann::json& response) {
  std::vector<Listed> out;
  for (const auto& h : response["hits"]) {
    out.push_back({h["path"].get<std::string>(), h["record"].is_string() ? h["record"].get<std::string>() : "",
                   h["published"].is_string() ? h["published"].get<std::string>() : "", h["score"].get<double>()});
  }
  return out;
}

// Writes the corpus: copies of four stories (identical text and date under other record ids,
// written in shuffled order, some in a second file), one undated, one in 40 copies (longer than
// the first widening of a page), among articles that each score differently.
void WriteCorpus(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string bbm =
      "Pemerintah menaikkan harga bahan bakar minyak bersubsidi mulai pekan depan. Menteri Energi "
      "mengatakan kenaikan itu diperlukan untuk menjaga anggaran negara tetap sehat.";
  const std::string cabai = "Harga cabai di pasar induk turun tajam setelah panen raya di Jawa Tengah, kata pedagang.";
  const std::string emas = "Harga emas perhiasan naik lagi pekan ini mengikuti harga emas dunia yang terus menguat.";
  const std::string beras = "Pedagang beras mengeluhkan harga gabah yang tinggi menjelang musim kemarau panjang.";
  struct Rec {
    std::string file;
    nlohmann::json json;
  };
  std::vector<Rec> recs;
  auto add = [&](const std::string& file, const std::string& id, const std::string& title, const std::string& date,
                 const std::string& text) {
    nlohmann::json j{{"id", id}, {"title", title}, {"content", text}};
    if (!date.empty()) j["date"] = date;
    recs.push_back({file, j});
  };
  for (const char* id : {"bbm-g", "bbm-c", "bbm-a", "bbm-f", "bbm-b", "bbm-e", "bbm-d"}) add("d.jsonl", id, "Harga BBM naik", "2019-09-10", bbm);
  for (const char* id : {"bbm-c", "bbm-a", "bbm-b"}) add("e.jsonl", id, "Harga BBM naik", "2019-09-10", bbm);
  for (const char* id : {"cabai-e", "cabai-c", "cabai-a", "cabai-d", "cabai-b"}) add("d.jsonl", id, "Cabai murah", "2019-09-12", cabai);
  for (const char* id : {"emas-d", "emas-b", "emas-c", "emas-a"}) add("d.jsonl", id, "Emas naik", "", emas);
  for (int i = 39; i >= 0; --i) add(i % 2 ? "d.jsonl" : "e.jsonl", "beras-" + std::to_string(i), "Gabah mahal", "2019-08-01", beras);
  for (int k = 0; k < 10; ++k) {
    std::string text = beras + " Harga";
    for (int i = 0; i < k; ++i) text += " harga";
    add("d.jsonl", "lain-" + std::to_string(k), "Berita " + std::to_string(k), std::string("2019-09-") + (k < 9 ? "0" : "") + std::to_string(k + 1), text);
  }
  // A fixed shuffle: the copies reach the shards in no order of their ids.
  for (size_t i = 0; i < recs.size(); ++i) std::swap(recs[i], recs[(i * 7 + 3) % recs.size()]);
  std::ofstream d(dir / "d.jsonl"), e(dir / "e.jsonl");
  for (const auto& r : recs) (r.file == "d.jsonl" ? d : e) << r.json.dump() << "\n";
}

// The responses of `lines` (batch JSON lines) from `db`, one per line.
std::vector<nlohmann::json> Batch(const std::string& db, const std::vector<nlohmann::json>& lines) {
  std::string input;
  for (const auto& l : lines) input += l.dump() + "\n";
  auto r = RunProcess({kSearchBin, "--db", db, "--batch", "-"}, input);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  std::vector<nlohmann::json> out;
  size_t pos = 0;
  while (pos < r.out.size()) {
    const size_t nl = r.out.find('\n', pos);
    out.push_back(nlohmann::json::parse(r.out.substr(pos, nl - pos)));
    pos = nl == std::string::npos ? r.out.size() : nl + 1;
  }
  REQUIRE(out.size() == lines.size());
  return out;
}

constexpr size_t kAll = 1000;  // more than the corpus holds: the one big page

}  // namespace

TEST_CASE("hits of equal rank come in path then record order from a database of one shard or three") {
  TempDir t("ties");
  const fs::path corpus = t.path() / "corpus";
  WriteCorpus(corpus);
  const std::string one = (t.path() / "one.db").string(), three = (t.path() / "three.db").string();
  auto built = RunProcess({kIndexBin, corpus.string(), "--db", one, "-j", "1"});
  REQUIRE_MESSAGE(built.status == 0, built.err);
  built = RunProcess({kIndexBin, corpus.string(), "--db", three, "-j", "3"});
  REQUIRE_MESSAGE(built.status == 0, built.err);

  const std::vector<std::string> sorts = {"relevance", "newest", "oldest"};
  const std::vector<std::string> queries = {"harga", "harga OR pedagang"};
  const std::vector<size_t> limits = {1, 2, 3, 5, 8, 13, 50};

  SUBCASE("each run of equal hits ascends by path, then record") {
    for (const auto& sort : sorts) {
      for (const auto& query : queries) {
        CAPTURE(sort);
        CAPTURE(query);
        for (const auto& db : {one, three}) {
          const auto hits = ListOf(Batch(db, {{{"query", query}, {"sort", sort}, {"limit", kAll}}})[0]);
          REQUIRE(hits.size() == 69);
          size_t tied_pairs = 0;
          for (size_t i = 0; i + 1 < hits.size(); ++i) {
            const Listed &a = hits[i], &b = hits[i + 1];
            if (a.score != b.score || (sort != "relevance" && a.published != b.published)) continue;
            ++tied_pairs;
            CHECK_MESSAGE(std::make_pair(a.path, a.record) < std::make_pair(b.path, b.record), a.path, ":", a.record,
                          " before ", b.path, ":", b.record);
          }
          CHECK(tied_pairs >= 9 + 4 + 3 + 39);  // the copies of each story follow one another
        }
      }
    }
  }

  SUBCASE("every page is the same list from both databases, and the pages end to end are the big page") {
    for (const auto& sort : sorts) {
      for (const auto& query : queries) {
        CAPTURE(sort);
        CAPTURE(query);
        std::vector<nlohmann::json> lines = {{{"query", query}, {"sort", sort}, {"limit", kAll}}};
        for (size_t limit : limits) {
          for (size_t offset = 0; offset <= 70; offset += limit) lines.push_back({{"query", query}, {"sort", sort}, {"limit", limit}, {"offset", offset}});
        }
        for (size_t offset = 0; offset <= 70; ++offset) lines.push_back({{"query", query}, {"sort", sort}, {"limit", 4}, {"offset", offset}});
        const auto a = Batch(one, lines), b = Batch(three, lines);
        const auto all = ListOf(a[0]);
        CHECK(Describe(ListOf(b[0])) == Describe(all));
        for (size_t i = 1; i < lines.size(); ++i) {
          CAPTURE(lines[i].dump());
          const auto page = ListOf(a[i]);
          CHECK(Describe(ListOf(b[i])) == Describe(page));
          const size_t offset = lines[i]["offset"], limit = lines[i]["limit"];
          const auto from = all.begin() + static_cast<long>(std::min(offset, all.size()));
          const std::vector<Listed> cut(from, all.begin() + static_cast<long>(std::min(offset + limit, all.size())));
          CHECK(Describe(page) == Describe(cut));
        }
      }
    }
  }

  SUBCASE("--collapse keeps the first by path, then record, of the copies that rank equal") {
    for (const auto& sort : sorts) {
      CAPTURE(sort);
      std::vector<nlohmann::json> lines = {{{"query", "harga"}, {"sort", sort}, {"collapse", true}, {"limit", kAll}}};
      for (size_t offset = 0; offset < 10; ++offset) {
        lines.push_back({{"query", "harga"}, {"sort", sort}, {"collapse", true}, {"limit", 2}, {"offset", offset}});
      }
      const auto a = Batch(one, lines), b = Batch(three, lines);
      const auto all = ListOf(a[0]);
      CHECK(Describe(ListOf(b[0])) == Describe(all));
      std::string kept = " ";  // built with +=, which keeps g++ 12's -Wrestrict quiet
      kept += Describe(all);
      for (const char* first : {" d.jsonl:bbm-a ", " d.jsonl:cabai-a ", " d.jsonl:emas-a ", " d.jsonl:beras-1 "}) {
        CHECK_MESSAGE(kept.find(first) != std::string::npos, std::string(first), " missing from ", kept);
      }
      for (size_t i = 1; i < lines.size(); ++i) {
        CAPTURE(lines[i].dump());
        CHECK(Describe(ListOf(b[i])) == Describe(ListOf(a[i])));
        const size_t offset = lines[i]["offset"];
        const auto from = all.begin() + static_cast<long>(std::min(offset, all.size()));
        CHECK(Describe(ListOf(a[i])) == Describe(std::vector<Listed>(from, all.begin() + static_cast<long>(std::min(offset + 2, all.size())))));
      }
    }
  }

  SUBCASE("the command line's --offset and -n give the batch page") {
    for (const auto& sort : sorts) {
      CAPTURE(sort);
      const auto r = RunProcess({kSearchBin, "--db", three, "--json", "--sort", sort, "--offset", "11", "-n", "7", "harga"});
      REQUIRE_MESSAGE(r.status == 0, r.err);
      const auto all = ListOf(Batch(one, {{{"query", "harga"}, {"sort", sort}, {"limit", kAll}}})[0]);
      CHECK(Describe(ListOf(nlohmann::json::parse(r.out))) == Describe(std::vector<Listed>(all.begin() + 11, all.begin() + 18)));
    }
  }
}
