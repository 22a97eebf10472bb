#include "common/aliases.h"

#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/query.h"
#include "tests/temp_dir.h"

namespace {

// A temporary alias file holding `text`, removed when the object goes away.
class TempAliasFile {
 public:
  TempAliasFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("rkn-aliases-test-" + name + ".txt")) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempAliasFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The texts of a group's forms, markers removed.
std::vector<std::string> Texts(const rkn::AliasGroup& g) {
  std::vector<std::string> out;
  for (const auto& f : g.forms) out.push_back(f.text);
  return out;
}

// The shipped analyzer and a scratch database whose synonym table holds its alias groups, written
// the way rkn-index writes them (every form a key, the other forms of its group its synonyms).
struct AliasDb {
  rkn::test::TempDir dir{"aliases-test"};
  std::shared_ptr<const rkn::Analyzer> analyzer;
  Xapian::Database db;
  AliasDb() {
    auto a = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
    REQUIRE_MESSAGE(a.ok(), a.status().ToString());
    analyzer = *a;
    const std::string path = (dir.path() / "synonyms.db").string();
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& group : analyzer->alias_groups()) {
      for (const auto& key : group) {
        for (const auto& other : group) {
          if (other != key) w.add_synonym(key, other);
        }
      }
    }
    w.commit();
    db = Xapian::Database(path);
  }
  // The parsed query's description, "" when it does not parse.
  std::string Parse(const std::string& q) const {
    auto p = rkn::ParseQuery(q, *analyzer, db, rkn::QueryOptions{});
    return p.ok() ? p->query.get_description() : "";
  }
};

bool Has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// A query and what its parsed description must and must not hold ("" for nothing).
struct ParseCase {
  std::string query;
  std::string must;
  std::string must_not;
};

void CheckParses(const AliasDb& a, const std::vector<ParseCase>& cases) {
  for (const ParseCase& c : cases) {
    CAPTURE(c.query);
    const std::string parsed = a.Parse(c.query);
    CAPTURE(parsed);
    REQUIRE_FALSE(parsed.empty());
    if (!c.must.empty()) CHECK(Has(parsed, c.must));
    if (!c.must_not.empty()) CHECK_FALSE(Has(parsed, c.must_not));
  }
}

}  // namespace

TEST_CASE("LoadAliases parses groups, comments and blank lines") {
  TempAliasFile file("good",
                     "# header comment\n"
                     "\n"
                     "Korut | Korea Utara | North Korea\n"
                     "  KPK|Komisi Pemberantasan Korupsi   # trailing comment\r\n"
                     "Usaha Mikro, Kecil, dan Menengah | UMKM");  // no final newline
  auto groups = rkn::LoadAliases(file.path());
  REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
  REQUIRE(groups->size() == 3);
  CHECK(Texts(groups->at(0)) == std::vector<std::string>{"Korut", "Korea Utara", "North Korea"});
  CHECK(groups->at(0).line == 3);
  CHECK(Texts(groups->at(1)) == std::vector<std::string>{"KPK", "Komisi Pemberantasan Korupsi"});
  CHECK(groups->at(1).line == 4);
  CHECK(groups->at(2).forms.front().text == "Usaha Mikro, Kecil, dan Menengah");
  for (const auto& g : *groups) {
    for (const auto& f : g.forms) CHECK_FALSE((f.case_sensitive || f.query_only));
  }
  CHECK(groups->at(2).line == 5);
}

TEST_CASE("LoadAliases reports bad groups with file and line") {
  struct Bad {
    std::string name;
    std::string text;
    int line;
    std::string reason;
  };
  const std::vector<Bad> cases = {
      {"empty-middle", "A | B\nKorut | | Korea Utara\n", 2, "empty alternative"},
      {"empty-end", "# c\n\nKorut | Korea Utara |\n", 3, "empty alternative"},
      {"single", "Pyongyang\n", 1, "only one form"},
      {"single-comment", "Pyongyang # | Pyong Yang\n", 1, "only one form"},
      {"repeated", "AS | Amerika Serikat | AS\n", 1, "repeated"},
      {"bad-utf8", "AS | Amerika \xff\n", 1, "UTF-8"},
      {"marked-phrase", "=Korea Utara | Korut\n", 1, "single words"},
      {"marked-hyphen", "PDIP | =PDI-P\n", 1, "single words"},
      {"case-without-capital", "=as | Amerika Serikat\n", 1, "no capital letter"},
      {"only-markers", "=> | Amerika Serikat\n", 1, "only markers"},
      {"repeated-marker", "==AS | Amerika Serikat\n", 1, "repeated"},
      {"repeated-marked-form", "AS | Amerika Serikat | =AS\n", 1, "repeated"},
      // A group's table grows with its size squared (4,000 forms wrote 89 MB), and a synonym key
      // holds 255 bytes (a longer form was Xapian's "Key too long", naming the database).
      {"too-many-forms", "A | B\n" + [] {
         std::string g = "kata0";
         for (int i = 1; i <= 100; ++i) g += " | kata" + std::to_string(i);
         return g + "\n";
       }(), 2, "has more than 100 forms"},
      {"too-long", std::string(201, 'x') + " | y\n", 1, "is longer than 200 bytes"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(bad.name);
    TempAliasFile file(bad.name, bad.text);
    auto groups = rkn::LoadAliases(file.path());
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.status().code() == rkn::StatusCode::kInvalidArgument);
    CHECK(groups.status().where() == file.path().string() + ":" + std::to_string(bad.line));
    CHECK(groups.status().message().find(bad.reason) != std::string::npos);
  }
}

TEST_CASE("LoadAliases and LoadAliasFiles handle missing files and concatenate") {
  SUBCASE("a folder, a device or a FIFO is refused, not read (a folder was an empty file, /dev/zero never ended)") {
    struct Row {
      std::filesystem::path path;
      const char* message;
    };
    const auto folder = std::filesystem::temp_directory_path();
    for (const Row& row : std::vector<Row>{{folder, "a folder, not an alias file"},
                                           {"/dev/zero", "not a regular file, as an alias file must be"}}) {
      CAPTURE(row.path.string());
      auto groups = rkn::LoadAliases(row.path);
      REQUIRE_FALSE(groups.ok());
      CHECK(groups.status().code() == rkn::StatusCode::kInvalidArgument);
      CHECK(groups.status().message() == row.message);
    }
  }
  SUBCASE("a missing file is NotFound naming it") {
    auto groups = rkn::LoadAliases("/nonexistent/rkn/aliases.txt");
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.status().code() == rkn::StatusCode::kNotFound);
    CHECK(groups.status().where() == "/nonexistent/rkn/aliases.txt");
  }
  SUBCASE("several files are read in order") {
    TempAliasFile a("multi-a", "A | B\n");
    TempAliasFile b("multi-b", "C | D\nE | F\n");
    auto groups = rkn::LoadAliasFiles({a.path(), b.path()});
    REQUIRE(groups.ok());
    REQUIRE(groups->size() == 3);
    CHECK(groups->at(0).forms.front().text == "A");
    CHECK(groups->at(2).forms.front().text == "E");
    CHECK(groups->at(2).line == 2);
  }
  SUBCASE("the first failing file stops the load") {
    TempAliasFile a("fail-a", "A | B\n");
    TempAliasFile b("fail-b", "C\n");
    auto groups = rkn::LoadAliasFiles({a.path(), b.path()});
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.status().where() == b.path().string() + ":1");
  }
  SUBCASE("no files give no groups") {
    auto groups = rkn::LoadAliasFiles({});
    REQUIRE(groups.ok());
    CHECK(groups->empty());
  }
}

TEST_CASE("The shipped data/aliases.txt loads with at least 80 groups") {
  auto groups = rkn::LoadAliases(std::filesystem::path(RKN_SOURCE_DIR) / "data" / "aliases.txt");
  REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
  CHECK(groups->size() >= 80);
  std::set<std::string> forms;
  for (const auto& g : groups.value()) {
    for (const auto& f : g.forms) forms.insert(f.text);
  }
  for (const char* must : {"Korut", "Korea Utara", "AS", "Amerika Serikat", "KPK", "Jokowi",
                           "Joko Widodo", "OJK", "IHSG", "Jabar", "Tiongkok", "Moskwa", "Suriah", "Capres"}) {
    CAPTURE(must);
    CHECK(forms.count(must) == 1);
  }
}

TEST_CASE("LoadAliases reads the case-sensitive and query-only markers") {
  struct Case {
    std::string written;
    std::string text;
    bool case_sensitive, query_only;
  };
  const std::vector<Case> cases = {
      {"AS", "AS", false, false},     {"=AS", "AS", true, false},  {">un", "un", false, true},
      {"=>UN", "UN", true, true},     {">=UN", "UN", true, true},  {"= WHO", "WHO", true, false},
      {"=PPh", "PPh", true, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.written);
    auto groups = rkn::ParseAliases(c.written + " | Perserikatan Bangsa-Bangsa\n", "test");
    REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
    REQUIRE(groups->size() == 1);
    const rkn::AliasForm& f = groups->at(0).forms.at(0);
    CHECK(f.text == c.text);
    CHECK(f.case_sensitive == c.case_sensitive);
    CHECK(f.query_only == c.query_only);
    CHECK_FALSE(groups->at(0).forms.at(1).case_sensitive);
  }
}

TEST_CASE("The shipped aliases mark the acronyms that collide with ordinary words") {
  auto groups = rkn::LoadAliases(std::filesystem::path(RKN_SOURCE_DIR) / "data" / "aliases.txt");
  REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
  struct Want {
    std::string text;
    bool query_only;
  };
  for (const Want& w : std::vector<Want>{{"AS", false}, {"WHO", false}, {"PAN", false}, {"UN", true}, {"MA", true}}) {
    CAPTURE(w.text);
    bool found = false;
    for (const auto& g : *groups) {
      for (const auto& f : g.forms) {
        if (f.text != w.text) continue;
        found = true;
        CHECK(f.case_sensitive);
        CHECK(f.query_only == w.query_only);
      }
    }
    CHECK(found);
  }
}

TEST_CASE("The shipped aliases lead the presidents' names in the new spelling to the old, not back") {
  auto groups = rkn::LoadAliases(std::filesystem::path(RKN_SOURCE_DIR) / "data" / "aliases.txt");
  REQUIRE_MESSAGE(groups.ok(), groups.status().ToString());
  // Suharto and Sukarno are other people's names too: the query leads to the group, the group
  // does not search them.
  for (const auto& item : std::vector<std::pair<std::string, std::string>>{{"Soeharto", "Suharto"}, {"Soekarno", "Sukarno"}}) {
    const auto& old_spelling = std::get<0>(item);
    const auto& new_spelling = std::get<1>(item);
    CAPTURE(old_spelling);
    int in_group = 0;  // both forms, in the group that holds the old spelling
    for (const auto& g : *groups) {
      if (std::none_of(g.forms.begin(), g.forms.end(), [&](const auto& f) { return f.text == old_spelling; })) continue;
      for (const auto& f : g.forms) {
        if (f.text == old_spelling) {
          CHECK_FALSE(f.query_only);
          ++in_group;
        }
        if (f.text == new_spelling) {
          CHECK(f.query_only);
          CHECK_FALSE(f.case_sensitive);
          ++in_group;
        }
      }
    }
    CHECK(in_group == 2);
  }
}

TEST_CASE("Case-sensitive aliases expand only when the query writes them in capitals") {
  CheckParses(AliasDb(), {
      // "AS" is Amerika Serikat; "as" and "As" are just the word.
      {"AS", "amerika PHRASE 2 serikat", ""},
      {"AS,", "amerika PHRASE 2 serikat", ""},
      {"(AS)", "amerika PHRASE 2 serikat", ""},
      {"tarif AS", "amerika PHRASE 2 serikat", ""},
      // Dotted initials are the acronym (they found the word "as" alone).
      {"A.S.", "amerika PHRASE 2 serikat", ""},
      {"tarif A.S", "amerika PHRASE 2 serikat", ""},
      {"U.N.", "perserikatan", ""},
      {"as", "", "amerika"},
      {"As", "", "amerika"},
      {"harga as roda", "", "amerika"},
      // The other forms still search the case-folded word "as" (the index does not keep case).
      {"Amerika Serikat", "Zas", ""},
      {"USA", "Zas", ""},
      // UN is case-sensitive and query-only: it leads to PBB, PBB never searches "un".
      {"UN", "perserikatan", ""},
      {"un", "", "perserikatan"},
      {"PBB", "perserikatan", "Zun"},
      {"Perserikatan Bangsa-Bangsa", "Zpbb", "Zun"},
      // MA likewise; unmarked acronyms keep expanding in any case.
      {"MA", "mahkamah", ""},
      {"ma", "", "mahkamah"},
      {"Mahkamah Agung", "", "SYNONYM Zma"},  // (Zmahkamah is its own word)
      {"kpk", "korupsi", ""},
      {"KPK", "korupsi", ""},
      {"korut", "korea PHRASE 2 utara", ""},
  });
}

TEST_CASE("A multi-word alias form of any length leads to its group, the longest form the words spell") {
  CheckParses(AliasDb(), {
      // Forms of five words and more found nothing before: the parser tried two to four.
      {"Anggaran Pendapatan dan Belanja Negara", "Zapbn", ""},
      {"Badan Meteorologi, Klimatologi, dan Geofisika", "Zbmkg", ""},
      {"Persatuan Sepak Bola Seluruh Indonesia", "Zpssi", ""},
      {"Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan", "Zkemenkopolhukam", ""},
      {"gempa kata Badan Meteorologi Klimatologi dan Geofisika", "Zbmkg", ""},
      // The longest: the ministry, not only the human rights inside its name.
      {"Kementerian Hukum dan Hak Asasi Manusia", "Zkemenkumham", ""},
      // A form's first words alone are not the form.
      {"Badan Meteorologi", "", "Zbmkg"},
      {"Anggaran Pendapatan dan Belanja", "", "Zapbn"},
  });
}

TEST_CASE("An alias form written as one hyphenated word, or followed by punctuation, leads to its group") {
  CheckParses(AliasDb(), {
      {"Al-Quran", "Zalquran", ""},
      {"PDI-P", "Zpdip", ""},
      {"Undang-Undang", "Zuu", ""},
      {"Bandara Soekarno-Hatta", "Zsoetta", ""},
      {"Go-Jek", "Zgojek", ""},
      {"title:Al-Quran", "ZSalquran", ""},
      {"-Al-Quran", "Zalquran", ""},          // left out with its group, as "-alquran" is
      {"=Al-Quran", "", "Zalquran"},          // exact: the words only
      {"Korea Utara;", "Zkorut", ""},
      {"Korea Utara?", "Zkorut", ""},
      {"ke Korea Utara!", "Zkorut", ""},
      {"Timur-Laut", "", "SYNONYM"},          // a hyphenated word that is no form
      {"Korut & Rusia", "", "(rusia SYNONYM"},  // "&" and the next word are no two-word form
  });
}

TEST_CASE("A hyphenated compound of alias forms also searches the compound written with their other forms") {
  CheckParses(AliasDb(), {
      // "Korut-Rusia" also finds "Korea Utara-Rusia" and "North Korea-Russia", in that order only.
      {"Korut-Rusia", "korea PHRASE 3 utara PHRASE 3 rusia", ""},
      {"Korut-Rusia", "korut PHRASE 2 russia", ""},
      {"Korut-Rusia", "north PHRASE 3 korea PHRASE 3 russia", ""},
      {"Korut-Rusia", "", "rusia PHRASE 3 korea"},
      // A part's case-sensitive form only as its group writes it: "AS", not "as".
      {"AS-China", "amerika PHRASE 3 serikat PHRASE 3 tiongkok", ""},
      {"AS/China", "amerika PHRASE 3 serikat PHRASE 3 tiongkok", ""},  // a slash as headlines write it too (it got none)
      {"as-china", "as PHRASE 2 tiongkok", "amerika"},
      {"title:Korut-Rusia", "Skorea PHRASE 3 Sutara PHRASE 3 Srusia", ""},
      // One part a form is enough; exact, or no part a form: the compound as written only.
      {"Korut-Timur", "korea PHRASE 3 utara PHRASE 3 timur", ""},
      {"=Korut-Rusia", "", "utara"},
      {"Timur-Laut", "", "SYNONYM"},
      // A part written with hyphens between its words ("Korea-Utara") is the form it spells.
      {"Korea-Utara-Rusia", "korut PHRASE 2 rusia", ""},
      {"Korea-Utara-Rusia", "north PHRASE 3 korea PHRASE 3 russia", ""},
      {"Rusia-Korea-Utara", "russia PHRASE 2 korut", ""},
      {"Amerika-Serikat-Korea-Utara", "as PHRASE 2 korut", ""},
      {"Korea-Utara-Korea-Selatan", "korut PHRASE 2 korsel", ""},
      {"=Korea-Utara-Rusia", "", "korut"},
      // More than eight pieces: the compound as written only.
      {"Korut-Rusia-a-b-c-d-e-f-g", "", "SYNONYM"},
      // As an operand of NEAR: each other writing near the other operand, as a phrase too.
      {"AS-China NEAR/5 dagang", "amerika NEAR 9 serikat NEAR 9 tiongkok NEAR 9", ""},
      {"AS-China NEAR/5 dagang", "FILTER (amerika PHRASE 3 serikat PHRASE 3 tiongkok)", ""},
      {"dagang NEAR/5 Korut-Rusia", "north PHRASE 3 korea PHRASE 3 russia", ""},
      {"Al-Quran NEAR/3 baca", "alquran NEAR 5", ""},
      {"=AS-China NEAR/5 dagang", "", "amerika"},
      {"\"AS China\" NEAR/5 dagang", "", "amerika"},  // a quoted phrase is as written
  });
}

TEST_CASE("An inflected word meets the one-word aliases of its stem, not names with a longer form, nor their term") {
  CheckParses(AliasDb(), {
      {"izin", "Zijin", ""},
      {"perizinan", "Zijin", ""},        // per-izin-an meets ijin
      {"diijinkan", "Zizin", ""},
      {"berkarir", "Zkarier", ""},
      {"mengimbau", "Zhimbau", ""},
      {"disopiri", "Zsupir", ""},
      {"menjabarkan", "", "jawa"},       // stem jabar, but Jabar | Jawa Barat is a name
      {"menjabarkan", "menjabarkan", "Zjabar"},  // nor the name's own term: the verb's forms only
      {"disulut", "", "sulawesi"},
      {"disulut", "disulut", "Zsulut"},
      {"pemerintahan", "", "SYNONYM"},   // no alias at all
      {"perizinan NEAR/3 sopir", "ijin", ""},       // a NEAR operand meets them too
      {"menjabarkan NEAR/3 sopir", "", "jawa"},
      // A name with only a particle or possessive is the name: its stem and its group.
      {"korutnya", "Zkorut", ""},
      {"korutnya", "korea PHRASE 2 utara", ""},
      {"Jokowinya", "joko PHRASE 2 widodo", ""},
      // ...also after a hyphen, where the clitic is no word of a phrase ("kpk nya").
      {"KPK-nya", "Zkpk", "nya"},
      {"KPK-nya", "komisi PHRASE 3 pemberantasan PHRASE 3 korupsi", ""},
      {"title:Instagram-nya", "ZSinstagram", "nya"},
  });
}

TEST_CASE("A multi-word alias with a stopword among its words is not also searched as its words apart") {
  // "menteri ... negeri" apart, without the stopword, is Mendagri's too.
  CheckParses(AliasDb(), {
      {"menteri luar negeri", "menteri PHRASE 3 luar PHRASE 3 negeri", "Znegeri"},
      {"Kementerian Dalam Negeri", "Zkemendagri", "Znegeri"},
      {"timur tengah", "timur PHRASE 2 tengah", "Ztimur"},
      // Without a stopword, the words apart stay: "menteri ... keuangan" is still the minister.
      {"menteri keuangan", "Zmenteri", ""},
  });
  const AliasDb a;
  rkn::QueryOptions any;
  any.default_op = rkn::DefaultOperator::kOr;
  auto p = rkn::ParseQuery("menteri luar negeri", *a.analyzer, a.db, any);
  REQUIRE(p.ok());
  CHECK(Has(p->query.get_description(), "Znegeri"));  // with --any the words only rank, and stay
}

TEST_CASE("With --any a multi-word alias the query writes ranks by its words, its group at a quarter weight") {
  // At full weight the group counted a story's common name twice ("bj habibie": the words, and
  // the group matching them again), which cost known-item MRR@10 0.003.
  const AliasDb a;
  rkn::QueryOptions any;
  any.default_op = rkn::DefaultOperator::kOr;
  auto p = rkn::ParseQuery("korea utara rudal", *a.analyzer, a.db, any);
  REQUIRE(p.ok());
  CHECK(Has(p->query.get_description(), "0.25 * ((korea PHRASE 2 utara) SYNONYM Zkorut"));
  // All words required: the group at its weight, as the articles with another form (Korut) need it.
  auto all = rkn::ParseQuery("korea utara rudal", *a.analyzer, a.db, rkn::QueryOptions{});
  REQUIRE(all.ok());
  CHECK_FALSE(Has(all->query.get_description(), "0.25 *"));
}

TEST_CASE("A parsed query lists the alias groups it searched, in the order it read them") {
  const AliasDb a;
  // Each use as "words: form|form", in order.
  auto uses = [&](const std::string& q) {
    auto p = rkn::ParseQuery(q, *a.analyzer, a.db, rkn::QueryOptions{});
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    std::vector<std::string> out;
    for (const rkn::AliasUse& u : p->aliases) {
      std::string s = (u.excluded ? "-" : "") + u.words + ":";
      for (const std::string& f : u.forms) s += " " + f;
      out.push_back(s);
    }
    return out;
  };
  const struct {
    std::string query;
    std::vector<std::string> uses;
  } cases[] = {
      {"korut", {"korut: korea utara north korea"}},
      {"Korea Utara", {"korea utara: korut north korea"}},
      {"AS", {"as: amerika serikat usa"}},          // case-sensitive: the capitals lead to the group
      {"tarif as", {}},                             // and the word does not
      {"perizinan", {"perizinan: ijin"}},           // the stem's one-word aliases; izin is its stem
      {"pemerintahan", {}},
      {"korut NEAR/3 rudal", {"korut: korea utara north korea"}},
      {"rudal korut korsel", {"korut: korea utara north korea", "korsel: korea selatan south korea"}},
      {"rudal -korut", {"-korut: korea utara north korea"}},  // left out, forms and all
      {"rudal -AS", {"-as: amerika serikat usa"}},
      // Read twice (every word a stopword, then kept): listed once.
      {"as dan", {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(uses(c.query) == c.uses);
  }
}

TEST_CASE("--analyze gives each token the alias groups a query of the text searches from it") {
  const AliasDb a;
  // Each token as "token=term [words: forms]...".
  auto analyze = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const rkn::AnalyzedToken& t : rkn::AnalyzeText(text, *a.analyzer, a.db)) {
      std::string s = t.token + "=" + t.term;
      for (const rkn::AliasUse& u : t.aliases) {
        s += " [" + u.words + ":";
        for (const std::string& f : u.forms) s += " " + f;
        s += "]";
      }
      out.push_back(s);
    }
    return out;
  };
  SUBCASE("a word, a multi-word form on its first word, a word written twice") {
    CHECK(analyze("Korut dan Korea Utara; korut lagi") ==
          std::vector<std::string>{"korut=korut [korut: korea utara north korea]", "dan=",
                                   "korea=korea [korea utara: korut north korea]", "utara=utara",
                                   "korut=korut [korut: korea utara north korea]", "lagi="});
  }
  SUBCASE("case-sensitive forms as the text writes them") {
    CHECK(analyze("AS atau as") ==
          std::vector<std::string>{"as=as [as: amerika serikat usa]", "atau=", "as=as"});
  }
  SUBCASE("text that is no valid query keeps its tokens, without aliases, and says why") {
    CHECK(analyze("\"korut") == std::vector<std::string>{"korut=korut"});
    std::string why = "unset";
    CHECK(rkn::AnalyzeText("\"korut", *a.analyzer, a.db, &why).size() == 1);
    CHECK(why == "column 1: unterminated phrase: missing closing '\"'");
    rkn::AnalyzeText("korut", *a.analyzer, a.db, &why);
    CHECK(why.empty());
    rkn::AnalyzeText("...", *a.analyzer, a.db, &why);  // no tokens: nothing to say
    CHECK(why.empty());
  }
  SUBCASE("without a synonym table there are none") {
    const std::vector<rkn::AnalyzedToken> tokens = rkn::AnalyzeText("korut", *a.analyzer, Xapian::Database());
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].aliases.empty());
  }
}

TEST_CASE("Every form of the shipped alias file, written as a query, searches its group's other forms") {
  // A form of five words found none of its group until the parser looked past four; this reads
  // each query's alias groups (ParsedQuery::aliases), so a stem does not pass for a form.
  const AliasDb a;
  auto groups = rkn::LoadAliases(std::filesystem::path(RKN_SOURCE_DIR) / "data" / "aliases.txt");
  REQUIRE(groups.ok());
  // A form as the synonym table holds it: case kept for a case-sensitive one, else folded.
  auto held = [](const rkn::AliasForm& f) { return f.case_sensitive ? f.text : rkn::FoldAliasForm(f.text); };
  size_t checked = 0;
  for (const rkn::AliasGroup& g : groups.value()) {
    for (const rkn::AliasForm& typed : g.forms) {
      CAPTURE(typed.text);
      auto p = rkn::ParseQuery(typed.text, *a.analyzer, a.db, rkn::QueryOptions{});
      REQUIRE_MESSAGE(p.ok(), p.status().ToString());
      std::set<std::string> searched;
      for (const rkn::AliasUse& u : p->aliases) searched.insert(u.forms.begin(), u.forms.end());
      for (const rkn::AliasForm& other : g.forms) {
        if (other.query_only || held(other) == held(typed)) continue;
        CAPTURE(other.text);
        CHECK(searched.count(held(other)) == 1);
        ++checked;
      }
    }
  }
  CHECK(checked > 500);
}

TEST_CASE("LearnedHyphenForms finds the hyphenated words news also writes as one") {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  struct Case {
    const char* text;
    Pairs pairs;
  };
  for (const Case& c : std::vector<Case>{
           {"Konser K-Pop dan e-KTP palsu", {{"kpop", "k pop"}, {"ektp", "e ktp"}}},
           {"Timnas U-16 dan COVID-19, jet F-35.", {{"u16", "u 16"}, {"covid19", "covid 19"}, {"f35", "f 35"}}},
           {"(X-Men) sampai \"T-shirt\"", {{"xmen", "x men"}, {"tshirt", "t shirt"}}},
           // A bound prefix the standard spelling joins; not before a clitic or a short part.
           {"gerakan anti-korupsi, masa pasca-gempa, Non-Muslim, pra-peradilan",
            {{"antikorupsi", "anti korupsi"}, {"pascagempa", "pasca gempa"}, {"nonmuslim", "non muslim"},
             {"praperadilan", "pra peradilan"}}},
           {"anti-nya pro-AS", {}},
           // Not: an ordinal, two words, a chain, a part of UTF-8 letters, a lone part, a number first.
           {"ke-3 Jong-un anak-anak e-KTP-nya U-16-an é-KTP e- -KTP 19-U a-b", {}},
           {"six-letter-19 tahunan-2019 abcdef-12 U-12345", {}},
           {"", {}},
       }) {
    CAPTURE(std::string(c.text));
    CHECK(rkn::LearnedHyphenForms(c.text, [](const std::string&) { return false; }) == c.pairs);
  }
}

TEST_CASE("LearnedHyphenForms leaves out a joined word of its own, words before a number and clitics") {
  const std::set<std::string> words = {"economy", "juli", "hari"};
  const auto is_word = [&](const std::string& w) { return words.contains(w); };
  CHECK(rkn::LearnedHyphenForms("E-conomy, Juli-29, hari-24, X-nya, K-Pop, U-16", is_word) ==
        std::vector<std::pair<std::string, std::string>>{{"kpop", "k pop"}, {"u16", "u 16"}});
}

TEST_CASE("The synonym table keeps the learned forms when the alias groups are written again") {
  rkn::test::TempDir dir("learned-forms");
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  std::set<std::string> seen;
  rkn::AddLearnedForms({{"kpop", "k pop"}, {"kpop", "k pop"}, {"u16", "u 16"}}, seen, db);
  CHECK(seen == std::set<std::string>{"kpop", "u16"});
  auto forms = [&](const std::string& key) {
    std::vector<std::string> out;
    for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) out.push_back(*it);
    return out;
  };
  rkn::WriteSynonymTable({{"korut", "korea utara"}}, db);
  CHECK(forms("kpop") == std::vector<std::string>{"~k pop"});
  CHECK(forms("k pop") == std::vector<std::string>{"~kpop"});
  CHECK(forms("u16") == std::vector<std::string>{"~u 16"});
  CHECK(forms("korut") == std::vector<std::string>{"korea utara"});
  // A group written again replaces the old groups, not the learned forms.
  rkn::WriteSynonymTable({{"korsel", "korea selatan"}}, db);
  CHECK(forms("korut").empty());
  CHECK(forms("kpop") == std::vector<std::string>{"~k pop"});
}
