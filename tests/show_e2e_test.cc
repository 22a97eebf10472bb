// End-to-end test of `rkn-search --show`: one article, whole, as indexed, named as the search
// output names it; the real rkn-index and rkn-search on a small corpus written by the test.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/small_corpus.h"

namespace {

// A .txt article with boilerplate, and a dump of three records: one with an id field, one with
// only a url, one with neither (named by its line).
struct ShowCorpus : rkn::test::SmallCorpus {
  ShowCorpus()
      : SmallCorpus("show", {
                     {"rudal.txt",
                      "Korut Uji Rudal Lagi\n\nSeoul - Korea Utara kembali menguji rudal balistik pada Senin pagi.\n\n"
                      "Baca juga: Harga Cabai Naik Lagi\n\nMiliter Korea Selatan menyebut rudal itu terbang 600 "
                      "kilometer.\n"},
                     {"dump.jsonl",
                      R"({"id":"r1","title":"Banjir di Bekasi","content":"Banjir merendam ratusan rumah di Bekasi.","date":"2019-09-01"})"
                      "\n"
                      R"({"url":"https://contoh.id/read/gempa-palu","title":"Gempa Palu","content":"Gempa mengguncang Palu lagi.","date":"2019-09-02"})"
                      "\n"
                      R"({"title":"Harga Beras","content":"Harga beras naik di pasar induk.","date":"2019-09-03"})"
                      "\n"},
                     }) {}
  // rkn-search --color never ARGS... (brackets mark the matches)
  rkn::test::ProcessResult Plain(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{"--color", "never"};
    argv.insert(argv.end(), args.begin(), args.end());
    return SmallCorpus::Search(argv);
  }
  // The one hit of `query` in --json.
  nlohmann::json Hit(const std::string& query) const {
    auto r = Plain({"--json", query});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["hits"].size() == 1);
    return j["hits"][0];
  }
};

// The text of [begin, end) code points of `s`.
std::string CodePoints(const std::string& s, size_t begin, size_t end) {
  std::string out;
  size_t cp = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && i > 0) ++cp;
    if (cp >= begin && cp < end) out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("--show prints an article whole as indexed: title, where it came from, its paragraphs") {
  const ShowCorpus c;
  auto r = c.Plain({"--show", "rudal.txt"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "Korut Uji Rudal Lagi\n"
        "rudal.txt\n"
        "\n"
        "Seoul - Korea Utara kembali menguji rudal balistik pada Senin pagi.\n"
        "\n"
        "Militer Korea Selatan menyebut rudal itu terbang 600 kilometer.\n");
}

TEST_CASE("--show finds an article by each name the search output gives it") {
  const ShowCorpus c;
  struct Row {
    const char* query;  // finds the one article
    const char* title;
  };
  const Row rows[] = {{"bekasi", "Banjir di Bekasi"}, {"palu", "Gempa Palu"}, {"beras", "Harga Beras"}, {"seoul", "Korut Uji Rudal Lagi"}};
  for (const Row& row : rows) {
    CAPTURE(row.query);
    const auto hit = c.Hit(row.query);
    std::string printed = hit["path"].get<std::string>();  // as the human output prints it
    if (!hit["record"].is_null()) printed += "#" + hit["record"].get<std::string>();
    for (const std::string& name : {printed, std::to_string(hit["docid"].get<unsigned>())}) {
      CAPTURE(name);
      auto r = c.Plain({"--show", name, "--json"});
      REQUIRE_MESSAGE(r.status == 0, r.err);
      const auto j = nlohmann::json::parse(r.out);
      CHECK(j["title"] == row.title);
      CHECK(j["docid"] == hit["docid"]);
      CHECK(j["schema_version"] == 1);
      CHECK(j["query"].is_null());
      CHECK(j["matches"].is_null());
    }
  }
  SUBCASE("a path as the shell completes it, with './'") {
    CHECK(c.Plain({"--show", "./rudal.txt"}).out.starts_with("Korut Uji Rudal Lagi\n"));
    CHECK(c.Plain({"--show", "./dump.jsonl#r1"}).out.starts_with("Banjir di Bekasi\n"));
  }
  SUBCASE("a record by its id or url alone") {
    CHECK(c.Plain({"--show", "dump.jsonl#r1"}).out.starts_with("Banjir di Bekasi\n"));
    CHECK(c.Plain({"--show", "https://contoh.id/read/gempa-palu"}).out.starts_with("Gempa Palu\n"));
  }
}

TEST_CASE("--show marks the query's matches throughout the article, in the text and in JSON") {
  const ShowCorpus c;
  auto r = c.Plain({"--show", "rudal.txt", "korut"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out.find("[Korut] Uji Rudal Lagi\n") == 0);  // an alias: Korea Utara is Korut too
  CHECK(r.out.find("Seoul - [Korea Utara] kembali") != std::string::npos);
  CHECK(r.out.find("[Korea Selatan]") == std::string::npos);
  auto j = nlohmann::json::parse(c.Plain({"--show", "rudal.txt", "--json", "rudal"}).out);
  CHECK(j["query"] == "rudal");
  CHECK(j["matches"] == true);
  const std::string text = j["text"];
  REQUIRE(j["highlights"].size() == 2);
  for (const auto& span : j["highlights"]) CHECK(CodePoints(text, span[0], span[1]) == "rudal");
  REQUIRE(j["title_highlights"].size() == 1);
  SUBCASE("a query that does not match the article says so, and still shows it") {
    auto miss = c.Plain({"--show", "rudal.txt", "rudal AND banjir"});
    CHECK(miss.status == 0);
    CHECK(miss.err == "rkn-search: note: the query does not match this article; its words are marked where they occur\n");
    CHECK(miss.out.find("[rudal] balistik") != std::string::npos);
  }
}

TEST_CASE("--show with a name no article has is an error that names it, exit 2") {
  const ShowCorpus c;
  for (const char* name : {"hilang.txt", "dump.jsonl#r9", "999", "0"}) {
    CAPTURE(name);
    auto r = c.Plain({"--show", name});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "rkn-search: error: --show: no article has the id, path#record or docid '" + std::string(name) + "' in " + c.db() + "\n");
  }
  auto bad = c.Plain({"--show", "rudal.txt", "rudal AND ("});
  CHECK(bad.status == 2);
  CHECK(bad.err == "rkn-search: error: query: column 11: unbalanced parenthesis: '(' is never closed\n");
}

TEST_CASE("--text gives each hit's whole text to --json, --jsonl, --csv and --batch, and no text without it") {
  const ShowCorpus c;
  const std::string text =
      "Seoul - Korea Utara kembali menguji rudal balistik pada Senin pagi.\nMiliter Korea Selatan menyebut rudal itu "
      "terbang 600 kilometer.";
  auto json = c.Plain({"--json", "--text", "rudal"});
  REQUIRE_MESSAGE(json.status == 0, json.err);
  CHECK(nlohmann::json::parse(json.out)["hits"][0]["text"] == text);
  auto jsonl = c.Plain({"--jsonl", "--text", "rudal"});
  CHECK(nlohmann::json::parse(jsonl.out)["text"] == text);
  auto plain = c.Plain({"--jsonl", "rudal"});
  CHECK_FALSE(nlohmann::json::parse(plain.out).contains("text"));
  auto csv = c.Plain({"--csv", "--text", "rudal"});
  CHECK(csv.out.starts_with("rank,docid,score,path,title,source,published,author,snippet,record,url,collapsed,category,text\n"));
  CHECK(csv.out.find(",\"" + text + "\"\n") != std::string::npos);
  CHECK(c.Plain({"--csv", "rudal"}).out.starts_with("rank,docid,score,path,title,source,published,author,snippet,record,url,collapsed,category\n"));
  SUBCASE("in a batch, from the command line or per line") {
    rkn::test::RunOptions in;
    in.input = "{\"query\": \"rudal\", \"text\": true}\nrudal\n";
    auto batch = rkn::test::RunProcess({RKN_SEARCH_BIN, "--db", c.db(), "--batch", "-"}, in);
    REQUIRE_MESSAGE(batch.status == 0, batch.err);
    const auto nl = batch.out.find('\n');
    CHECK(nlohmann::json::parse(batch.out.substr(0, nl))["hits"][0]["text"] == text);
    CHECK_FALSE(nlohmann::json::parse(batch.out.substr(nl + 1))["hits"][0].contains("text"));
    in.input = "rudal\n";
    auto all = rkn::test::RunProcess({RKN_SEARCH_BIN, "--db", c.db(), "--batch", "-", "--text"}, in);
    CHECK(nlohmann::json::parse(all.out)["hits"][0]["text"] == text);
  }
  SUBCASE("the human output has no place for it: an error that says where it goes") {
    auto human = c.Plain({"--text", "rudal"});
    CHECK(human.status == 2);
    CHECK(human.err ==
          "rkn-search: error: --text: adds each hit's text to --json, --jsonl, --csv and --batch (one article: --show ARTICLE)\n");
  }
}
