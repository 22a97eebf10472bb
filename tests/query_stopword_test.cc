// How query-time stopwords are used: not required, weight only (ranking the articles that have
// them higher), in all-words and --any queries alike.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/query.h"
#include "tests/article_db.h"
#include "tests/temp_dir.h"

namespace {

// The parsed query's description, or "error: <message>".
std::string Parsed(const std::string& text, rkn::DefaultOperator op) {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().ToString());
  Xapian::Database empty;
  rkn::QueryOptions opt;
  opt.default_op = op;
  auto p = rkn::ParseQuery(text, **analyzer, empty, opt);
  return p.ok() ? p->query.get_description() : "error: " + p.status().message();
}

}  // namespace

TEST_CASE("Stopwords are not required but add weight, in all-words and any-word queries, unless nothing else is searched") {
  using rkn::DefaultOperator;
  struct Case {
    std::string query;
    DefaultOperator op;
    std::string want;  // the whole description, or the start of an error
  };
  const std::vector<Case> cases = {
      // All words: "yang" and "terlalu" are not required, and rank the articles that have them
      // higher ("ibu kota baru": the articles on kota that say ibu and baru).
      // Each also ranks the articles that write it beside the query's word next to it (two
      // stopwords together rank nothing).
      {"zodiak yang terlalu keras", DefaultOperator::kAnd,
       "Query((((Zzodiak AND Zkeras) AND_MAYBE (yang OR terlalu)) AND_MAYBE 0.5 * ((zodiak PHRASE 2 yang) OR (terlalu PHRASE 2 keras))))"},
      // Any word: they match nothing alone but rank documents that have them higher.
      {"zodiak yang terlalu keras", DefaultOperator::kOr, "Query(((Zzodiak OR Zkeras) AND_MAYBE (yang OR terlalu)))"},
      // A stopword written with + or - is searched as the operator says.
      {"zodiak -yang +terlalu keras", DefaultOperator::kOr, "Query(((terlalu AND_MAYBE (Zzodiak OR Zkeras)) AND_NOT Zyang))"},
      {"zodiak +yang", DefaultOperator::kAnd, "Query((Zzodiak AND Zyang))"},
      // A stopword alone is searched, and so are stopwords when every searched word is one.
      {"yang", DefaultOperator::kOr, "Query(Zyang)"},
      {"yang terlalu", DefaultOperator::kOr, "Query((Zyang OR terlalu))"},
      {"tidak akan", DefaultOperator::kAnd, "Query(((Ztidak AND Zakan) AND_MAYBE 0.5 * (tidak PHRASE 2 akan)))"},  // each two rank as a pair
      {"yang -zodiak", DefaultOperator::kAnd, "Query((Zyang AND_NOT Zzodiak))"},
      {"source:kompas.com yang", DefaultOperator::kAnd, "Query((Zyang FILTER Hkompas.com))"},
      // An alternative of OR, or a group, of stopwords only is searched: dropping it would change
      // what the query asks ("(tidak akan) OR batal" is not "batal").
      {"(yang terlalu) OR zodiak", DefaultOperator::kAnd, "Query((((Zyang AND terlalu) AND_MAYBE 0.5 * (yang PHRASE 2 terlalu)) OR Zzodiak))"},
      {"tidak akan OR zodiak", DefaultOperator::kAnd, "Query((((Ztidak AND Zakan) AND_MAYBE 0.5 * (tidak PHRASE 2 akan)) OR Zzodiak))"},
      {"zodiak (yang terlalu)", DefaultOperator::kAnd, "Query((Zzodiak AND ((Zyang AND terlalu) AND_MAYBE 0.5 * (yang PHRASE 2 terlalu))))"},
      // Beside searched words in one alternative, they are weight there.
      {"zodiak yang OR keras", DefaultOperator::kAnd, "Query((((Zzodiak AND_MAYBE yang) AND_MAYBE 0.5 * (zodiak PHRASE 2 yang)) OR Zkeras))"},
      // Operands of AND and NOT are searched as written, like +word and -word.
      {"zodiak NOT (yang terlalu)", DefaultOperator::kAnd, "Query((Zzodiak AND_NOT (Zyang AND terlalu)))"},
      {"zodiak NOT yang", DefaultOperator::kAnd, "Query((Zzodiak AND_NOT Zyang))"},
      {"zodiak AND yang", DefaultOperator::kOr, "Query((Zzodiak AND Zyang))"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CAPTURE(static_cast<int>(c.op));
    CHECK(Parsed(c.query, c.op) == c.want);
  }
}

TEST_CASE("A stopword list is read the same whether it is clean or needs trimming and lowercasing") {
  struct Case {
    const char* name;
    const char* text;
  };
  // The same three words, written the ways a data file may hold them.
  const Case cases[] = {
      {"clean", "yang\ndan\ndi\n"},
      {"no final newline", "yang\ndan\ndi"},
      {"capitals, spaces, CRLF, comments, blank lines", "# stopwords\n  Yang \r\nDAN\n\n\tdi\n"},
      {"form feed and vertical tab", "\fyang\ndan\v\ndi\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    rkn::test::TempDir dir("stopwords");
    const auto data = std::filesystem::path(RKN_SOURCE_DIR) / "data";
    std::filesystem::copy_file(data / "kata-dasar.txt", dir.path() / "kata-dasar.txt");
    std::ofstream(dir.path() / "stopwords-id.txt", std::ios::binary) << c.text;
    rkn::AnalyzerOptions opt;
    opt.load_aliases = false;
    auto a = rkn::Analyzer::Load(dir.path(), opt);
    REQUIRE_MESSAGE(a.ok(), a.status().ToString());
    for (const char* w : {"yang", "dan", "di"}) CHECK((*a)->IsStopword(w));
    for (const char* w : {"stopwords", "# stopwords", "", "Yang", "ke"}) CHECK_FALSE((*a)->IsStopword(w));
  }
}

TEST_CASE("In an all-words query a stopword ranks first the articles that write it beside the query's word next to it") {
  // "Aceh Besar" is a regency: Aceh's articles that say "besar" anywhere came first. The pair is
  // weight only: the same articles match.
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const std::vector<std::string> texts = {
      "Banjir besar melanda Aceh. Warga Aceh mengungsi di Aceh Timur, Aceh.",  // 1: besar apart
      "Banjir melanda Kabupaten Aceh Besar di hari Senin.",                    // 2: the regency
      "Banjir di Medan.",                                                      // 3
  };
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(*analyzer, texts);
  struct Case {
    const char* query;
    rkn::DefaultOperator op;
    std::vector<Xapian::docid> want;  // in rank order
  };
  const std::vector<Case> cases = {
      {"aceh besar", rkn::DefaultOperator::kAnd, {2, 1}},
      {"banjir aceh besar", rkn::DefaultOperator::kAnd, {2, 1}},
      // Not in an --any query, whose words are a whole headline (bench/README.md).
      {"aceh besar", rkn::DefaultOperator::kOr, {1, 2}},
      // Not beside a word with a field or a sign: the query does not write them as one name.
      {"+aceh besar", rkn::DefaultOperator::kAnd, {1, 2}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    rkn::QueryOptions opt;
    opt.default_op = c.op;
    auto parsed = rkn::ParseQuery(c.query, **analyzer, db, opt);
    REQUIRE(parsed.ok());
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed->query);
    std::vector<Xapian::docid> got;
    for (const Xapian::docid id : enquire.get_mset(0, 10)) got.push_back(id);
    CHECK(got == c.want);
  }
  SUBCASE("a query of stopwords only ranks each two of them written together first") {
    // "tahun baru" (New Year): both words are stopwords, searched as the query has nothing else.
    const Xapian::WritableDatabase year = rkn::test::ArticlesDb(*analyzer, {
        "Tahun ini harga naik. Harga baru tahun depan. Tahun lalu baru turun.",  // 1: apart, often
        "Perayaan tahun baru di Jakarta.",                                       // 2: together
        "Banjir di Medan.", "Hujan di Bogor.", "Gempa di Palu.",
    });
    auto parsed = rkn::ParseQuery("tahun baru", **analyzer, year, rkn::QueryOptions());
    REQUIRE(parsed.ok());
    Xapian::Enquire enquire(year);
    enquire.set_query(parsed->query);
    std::vector<Xapian::docid> got;
    for (const Xapian::docid id : enquire.get_mset(0, 10)) got.push_back(id);
    CHECK(got == std::vector<Xapian::docid>{2, 1});
  }
  SUBCASE("not a stopword in more than three quarters of the articles, which tells little beside a word") {
    auto parsed = rkn::ParseQuery("banjir di aceh", **analyzer, db, rkn::QueryOptions());
    REQUIRE(parsed.ok());
    CHECK(parsed->query.get_description().find("PHRASE") == std::string::npos);
    parsed = rkn::ParseQuery("banjir aceh besar", **analyzer, db, rkn::QueryOptions());
    REQUIRE(parsed.ok());
    CHECK(parsed->query.get_description().find("(aceh PHRASE 2 besar)") != std::string::npos);
  }
}

TEST_CASE("A word whose root is a stopword is searched as written, not by its root") {
  // pendapatan -> dapat, memukul -> pukul ("pukul 13.00"): the root's term matched most articles
  // (pendapatan counted 9,386 of CLICK-ID's 22,136 articles, and counts 338 since).
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const std::vector<std::string> texts = {
      "Pendapatan negara naik tahun ini.",                  // 1
      "Dia dapat pulang pukul 13.00 WIB.",                  // 2
      "Polisi memukul pelaku, pendapatannya hilang.",       // 3
      "Mereka mendapatkan pembagian sembako dari negara.",  // 4
      "Pemerintah memerintahkan warga mengungsi.",          // 5
  };
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(*analyzer, texts);
  struct Case {
    const char* query;
    std::vector<Xapian::docid> want;
  };
  const std::vector<Case> cases = {
      {"pendapatan", {1, 3}},
      {"pendapatannya", {1, 3}},  // the same word with a possessive, either way round
      {"memukul", {3}},
      {"pembagian", {4}},
      {"pendapatan NEAR/3 negara", {1}},
      {"pemerintah", {5}},  // a root that is no stopword still finds its other forms
      {"perintah", {5}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(rkn::test::Matches(c.query, **analyzer, db) == c.want);
  }
  SUBCASE("the snippets light the word's forms, not the root's") {
    auto parsed = rkn::ParseQuery("pendapatan", **analyzer, db, rkn::QueryOptions());
    REQUIRE(parsed.ok());
    CHECK(parsed->highlight == std::vector<std::string>{"pendapatan", "pendapatannya"});
  }
}

TEST_CASE("A stopword searched (alone or required) is searched as written, not by the root it was made from") {
  // seseorang -> orang, ternyata -> nyata: the root's term matched every article on people (8,074
  // of CLICK-ID's) and lit "pernyataan".
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  for (const char* w : {"seseorang", "ternyata"}) CHECK((*analyzer)->IsStopword(w));
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(*analyzer, {
      "Seseorang datang ke kantor polisi.",           // 1
      "Banyak orang datang ke kantor polisi.",        // 2
      "Ternyata harga naik lagi.",                    // 3
      "Pernyataan itu nyata, kata polisi.",           // 4
  });
  const std::vector<std::pair<const char*, std::vector<Xapian::docid>>> cases = {
      {"seseorang", {1}},
      {"+seseorang polisi", {1}},
      {"ternyata", {3}},
      {"orang", {1, 2}},  // the root still finds the word made from it
  };
  for (const auto& c : cases) {  // (clang does not capture a structured binding in CAPTURE)
    CAPTURE(c.first);
    CHECK(rkn::test::Matches(c.first, **analyzer, db) == c.second);
  }
  auto parsed = rkn::ParseQuery("ternyata", **analyzer, db, rkn::QueryOptions());
  REQUIRE(parsed.ok());
  CHECK(parsed->highlight == std::vector<std::string>{"ternyata"});
}

TEST_CASE("A stopword left out of the query is named in a note, one searched is not") {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  using rkn::DefaultOperator;
  struct Case {
    std::string query;
    DefaultOperator op;
    std::string note;  // "" for none about stopwords
  };
  const std::vector<Case> cases = {
      {"tidak hadir", DefaultOperator::kAnd,
       "'tidak' is a stopword, not required: it only ranks the articles (search a phrase in quotes, or write +tidak to require it)"},
      {"banjir di jakarta yang parah", DefaultOperator::kAnd,
       "'di' and 'yang' are stopwords, not required: they only rank the articles (search a phrase in quotes, or write +di to "
       "require a word)"},
      {"\"tidak hadir\"", DefaultOperator::kAnd, ""},  // a phrase keeps them
      {"+tidak hadir", DefaultOperator::kAnd, ""},
      {"tidak hadir", DefaultOperator::kOr, ""},  // --any: weight
      {"tidak akan", DefaultOperator::kAnd, ""},  // all stopwords: all searched
      {"pendapatan negara", DefaultOperator::kAnd, ""},  // a word whose root is a stopword is searched
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    Xapian::Database empty;
    rkn::QueryOptions opt;
    opt.default_op = c.op;
    auto p = rkn::ParseQuery(c.query, **analyzer, empty, opt);
    REQUIRE(p.ok());
    std::vector<std::string> about;
    for (const auto& n : p->notes) {
      if (n.find("stopword") != std::string::npos) about.push_back(n);
    }
    CHECK(about == (c.note.empty() ? std::vector<std::string>{} : std::vector<std::string>{c.note}));
  }
}
