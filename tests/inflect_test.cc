// InflectionCandidates (common/inflect.h) and its use by the query parser: an operand of NEAR
// matches the forms of its stem that the database holds, and its aliases (issue "Research
// search": NEAR/n; issue "Indonesian analysis": a query finds the forms Indonesian writes).
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/aliases.h"
#include "common/analyzer.h"
#include "common/inflect.h"
#include "common/query.h"
#include "tests/temp_dir.h"

namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::binary_search(v.begin(), v.end(), s); }

const rkn::Analyzer& TheAnalyzer() {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().ToString());
  return **analyzer;
}

}  // namespace

TEST_CASE("Inflection candidates spell the affixed forms of a root, recodings included") {
  struct Row {
    const char* root;
    const char* form;
  };
  const Row rows[] = {
      {"janji", "perjanjian"},     {"janji", "berjanji"},         {"janji", "dijanjikan"},  {"janji", "menjanjikannya"},
      {"tandatangan", "menandatangani"}, {"tandatangan", "penandatanganan"}, {"pukul", "memukul"},  {"pukul", "pemukulan"},
      {"kirim", "mengirimkan"},    {"sita", "menyita"},           {"tulis", "menulis"},     {"bom", "mengebom"},
      {"baca", "membaca"},         {"pasukan", "pasukannya"},     {"ajar", "belajar"},      {"tahu", "ketahuan"},
      {"besar", "memperbesar"},    {"cinta", "kaucintai"},        {"rumah", "serumah"},     {"kata", "katakanlah"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.root);
    CAPTURE(r.form);
    const auto c = rkn::InflectionCandidates(r.root);
    CHECK(std::is_sorted(c.begin(), c.end()));
    CHECK(std::adjacent_find(c.begin(), c.end()) == c.end());
    CHECK(Has(c, r.root));
    CHECK(Has(c, r.form));
  }
}

TEST_CASE("Inflection candidates of anything but a lowercase word are the word alone") {
  for (const std::string w : {"", "1961", "covid-19", "Jokowi", "ma'ruf"}) {
    CAPTURE(w);
    CHECK(rkn::InflectionCandidates(w) == std::vector<std::string>{w});
  }
}

TEST_CASE("An operand of NEAR matches the forms of its stem in the database and its aliases") {
  rkn::test::TempDir dir("near");
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
    const std::vector<std::vector<std::string>> docs = {
        {"mereka", "menandatangani", "perjanjian", "itu"},
        {"perjanjian", "ditandatangani", "kemarin"},
        {"pasukannya", "dikirim", "ke", "rusia"},
        {"korea", "utara", "dan", "rusia"},
        {"utara", "korea", "rusia"},  // not the phrase "korea utara"
        {"berjanji", "tidak", "menandatangani"},
        {"pemandu", "menanda", "tangan"},  // not forms of tandatangan
    };
    for (const auto& terms : docs) {
      Xapian::Document d;
      Xapian::termpos pos = 0;
      for (const auto& t : terms) d.add_posting(t, ++pos);
      w.add_document(d);
    }
    rkn::WriteSynonymTable({{"korut", "korea utara"}, {"rusia", "russia"}}, w);
    w.commit();
  }
  Xapian::Database db(path);
  auto parse = [&](const std::string& q) {
    auto p = rkn::ParseQuery(q, TheAnalyzer(), db, {});
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    return *p;
  };
  auto matches = [&](const std::string& q) {
    Xapian::Enquire e(db);
    e.set_query(parse(q).query);
    return e.get_mset(0, 10).size();
  };
  SUBCASE("inflected forms that occur, and only those the stemmer maps back") {
    const auto p = parse("tandatangan NEAR/3 janji");
    const std::string d = p.query.get_description();
    CAPTURE(d);
    // Their forms are highlighted as the NEAR's words (only near each other), not anywhere.
    REQUIRE(p.nears.size() == 1);
    REQUIRE(p.nears[0].operands.size() == 2);
    CHECK(p.nears[0].max_gap == 3);  // NEAR/3: three words between them at most
    for (const char* form : {"menandatangani", "ditandatangani", "perjanjian", "berjanji"}) {
      CHECK(d.find(form) != std::string::npos);
      CHECK(std::find(p.highlight.begin(), p.highlight.end(), form) == p.highlight.end());
      const auto& op = p.nears[0].operands[form[0] == 'm' || form[0] == 'd' ? 0 : 1];
      CHECK(std::find(op.begin(), op.end(), std::vector<std::string>{form}) != op.end());  // a one-word form
    }
    CHECK(d.find("pemandu") == std::string::npos);
    CHECK(d.find("menanda ") == std::string::npos);
    CHECK(matches("tandatangan NEAR/3 janji") == 3);
    // Both operands are words a spelling suggestion may correct ("kpk NEAR/3 revsi").
    REQUIRE(p.words.size() == 2);
    CHECK(p.words[0].lower == "tandatangan");
    CHECK(p.words[1].lower == "janji");
  }
  SUBCASE("a NEAR with a wildcard or a field's operand keeps its words highlighted anywhere") {
    for (const std::string q : {"tandatangan NEAR/3 jan*", "title:tandatangan NEAR/3 title:janji"}) {
      CAPTURE(q);
      const auto p = parse(q);
      CHECK(p.nears.empty());
      CHECK(!p.highlight.empty());
    }
  }
  SUBCASE("an exact operand keeps its one form") {
    CHECK(parse("=menandatangani NEAR/3 =perjanjian").query.get_description() ==
          "Query((menandatangani NEAR 5 perjanjian))");
    CHECK(matches("=menandatangani NEAR/3 =perjanjian") == 1);
  }
  SUBCASE("single-word and multi-word aliases") {
    CHECK(matches("pasukan NEAR/5 russia") == 1);
    const auto p = parse("korut NEAR/2 rusia");
    CAPTURE(p.query.get_description());
    CHECK(p.query.get_description().find("PHRASE 2") != std::string::npos);
    CHECK(matches("korut NEAR/2 rusia") == 1);  // "korea utara dan rusia", not "utara korea rusia"
    // The alias: a form of two words of the first operand, beside its one-word forms.
    REQUIRE(p.nears.size() == 1);
    const auto& korut = p.nears[0].operands[0];
    CHECK(std::find(korut.begin(), korut.end(), std::vector<std::string>{"korut"}) != korut.end());
    CHECK(std::find(korut.begin(), korut.end(), std::vector<std::string>{"korea", "utara"}) != korut.end());
    CHECK(p.nears[0].max_gap == 2);
    CHECK(p.phrases.empty());
    CHECK(matches("korea NEAR/2 rusia") == 2);
  }
  SUBCASE("a phrase as an operand: its words near the others, the phrase required") {
    // "korea utara dan rusia" matches; "utara korea rusia" has the words near rusia but not the
    // phrase. Either order of the operands.
    for (const std::string q : {"\"korea utara\" NEAR/2 rusia", "rusia NEAR/2 \"korea utara\""}) {
      CAPTURE(q);
      const auto p = parse(q);
      CAPTURE(p.query.get_description());
      CHECK(p.query.get_description().find("PHRASE 2") != std::string::npos);
      CHECK(matches(q) == 1);
      // Highlighted as the NEAR's phrase: where its words stand together near the other operand.
      CHECK(p.phrases.empty());
      REQUIRE(p.nears.size() == 1);
      const auto& ops = p.nears[0].operands;
      REQUIRE(ops.size() == 2);
      CHECK(ops[q.starts_with("rusia") ? 1 : 0] == std::vector<std::vector<std::string>>{{"korea", "utara"}});  // its one form
      CHECK(p.nears[0].max_gap == 2);
    }
    CHECK(matches("\"korea utara\" NEAR/2 \"dan rusia\"") == 1);
    CHECK(matches("\"utara korea\" NEAR/2 rusia") == 1);
    CHECK(matches("\"korea utara\" NEAR/2 dikirim") == 0);
  }
}
