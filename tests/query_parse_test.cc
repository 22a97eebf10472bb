// What the query parser makes of queries that an audit on the clickid-2019 database found read
// wrongly without a word: one TEST_CASE per finding, in memory (rkn-search only for --from/--to).
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/document.h"
#include "common/query.h"
#include "common/schema.h"
#include "tests/article_db.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

const rkn::Analyzer& TheAnalyzer() {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().ToString());
  return **analyzer;
}

// The parsed query, or its error.
rkn::Result<rkn::ParsedQuery> Parse(const std::string& text, rkn::DefaultOperator op) {
  Xapian::Database empty;
  rkn::QueryOptions opt;
  opt.default_op = op;
  return rkn::ParseQuery(text, TheAnalyzer(), empty, opt);
}

// The parsed query's description, or "error: <message>".
std::string Parsed(const std::string& text, rkn::DefaultOperator op = rkn::DefaultOperator::kAnd) {
  auto p = Parse(text, op);
  return p.ok() ? p->query.get_description() : "error: " + p.status().message();
}

// What the snippets highlight: the terms, then "|" and the phrases ("yang saut" for a phrase).
std::string Highlighted(const std::string& text, rkn::DefaultOperator op) {
  auto p = Parse(text, op);
  if (!p.ok()) return "error: " + p.status().message();
  std::string out;
  for (const auto& h : p->highlight) out += h + " ";
  out += "|";
  for (const auto& phrase : p->phrases) {
    out += " ";
    for (size_t k = 0; k < phrase.size(); ++k) out += (k ? " " : "\"") + phrase[k];
    out += "\"";
  }
  return out;
}

// A query and the description Parsed() must give (or "error: ..."), under `op`.
struct ParsedCase {
  std::string query;
  std::string want;
  rkn::DefaultOperator op = rkn::DefaultOperator::kAnd;
};

void CheckParsed(const std::vector<ParsedCase>& cases) {
  for (const ParsedCase& c : cases) {
    CAPTURE(c.query);
    CAPTURE(static_cast<int>(c.op));
    CHECK(Parsed(c.query, c.op) == c.want);
  }
}

// Each query, written one way and spelt out another, parses (no error) to the same query.
struct SameAs {
  const char* query;
  const char* spelt_out;
};

void CheckSameAs(const std::vector<SameAs>& pairs) {
  for (const SameAs& p : pairs) {
    CAPTURE(p.query);
    const std::string got = Parsed(p.query);
    CHECK(got.rfind("error", 0) != 0);
    CHECK(got == Parsed(p.spelt_out));
  }
}

}  // namespace

TEST_CASE("A word is highlighted if and only if the query that runs searches it") {
  using rkn::DefaultOperator;
  struct Case {
    std::string query;
    DefaultOperator op;
    std::string want;  // Highlighted()
  };
  const std::vector<Case> cases = {
      // "yang saut" runs as Query(Zsaut): every "yang" lit up in the snippets.
      {"yang saut", DefaultOperator::kAnd, "Zsaut saut |"},
      {"zodiak yang terlalu keras", DefaultOperator::kAnd, "Zkeras Zzodiak keras zodiak |"},
      // --any puts them back as weight: then they match, and are highlighted.
      {"zodiak yang terlalu keras", DefaultOperator::kOr, "Zkeras Zzodiak keras terlalu yang zodiak |"},
      // Stopwords written with + or - are searched; the excluded ones are never lit.
      {"zodiak -yang +terlalu keras", DefaultOperator::kOr, "Zkeras Zzodiak keras terlalu zodiak |"},
      // Nor is any excluded word, however deep: the hits an exclusion inside a group or an OR
      // lets through may have it ("putin -(trump kim)" lit Trump in the articles without Kim).
      {"putin -(trump kim)", DefaultOperator::kAnd, "Zputin putin |"},
      {"putin NOT (trump AND kim)", DefaultOperator::kAnd, "Zputin putin |"},
      {"saut OR (zodiak -keras)", DefaultOperator::kAnd, "Zsaut Zzodiak saut zodiak |"},
      {"saut OR (zodiak -\"terlalu keras\")", DefaultOperator::kAnd, "Zsaut Zzodiak saut zodiak |"},
      // Stopwords only: searched, so highlighted.
      {"tidak akan", DefaultOperator::kAnd, "Zakan Ztidak akan tidak |"},
      // An alternative of stopwords only is searched, as written: highlighted.
      {"(yang terlalu) OR saut", DefaultOperator::kOr, "Zsaut Zyang saut terlalu yang |"},
      // Kept stopwords stay highlighted: the whole query, in a phrase, written exact.
      {"yang", DefaultOperator::kAnd, "Zyang yang |"},
      {"\"yang saut\"", DefaultOperator::kAnd, "| \"yang saut\""},
      {"=yang saut", DefaultOperator::kAnd, "Zsaut saut yang |"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CAPTURE(static_cast<int>(c.op));
    CHECK(Highlighted(c.query, c.op) == c.want);
  }
}

TEST_CASE("A date is exactly YYYY, YYYY-MM or YYYY-MM-DD, never the digits that happen to parse") {
  struct Case {
    std::string text;
    std::string want;  // "ok" or the error message
  };
  const std::string kShape = "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '";
  const std::vector<Case> cases = {
      {"2019", "ok"},
      {"2019-09", "ok"},
      {"2019-09-01", "ok"},
      {"2020-02-29", "ok"},
      // Read as 2019 (or 2019-09) before: sscanf stopped at the first character it could not use.
      {"20190901", kShape + "20190901'"},
      {"201999", kShape + "201999'"},
      {"2019-", kShape + "2019-'"},
      {"2019-0901", kShape + "2019-0901'"},
      {"2019-09-", kShape + "2019-09-'"},
      {"2019-09-011", kShape + "2019-09-011'"},
      // One-digit months and days are refused, as before: the format is fixed width.
      {"2019-9", kShape + "2019-9'"},
      {"2019-9-1", kShape + "2019-9-1'"},
      {"2019-09-1", kShape + "2019-09-1'"},
      {"+201", kShape + "+201'"},
      {" 2019", kShape + " 2019'"},
      {"2019/09", kShape + "2019/09'"},
      {"", kShape + "'"},
      {"2019-13", "impossible date '2019-13'"},
      {"2019-02-29", "impossible date '2019-02-29'"},
      {"0999", "impossible date '0999'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto b = rkn::DateBounds(c.text);
    CHECK((b.ok() ? "ok" : b.status().message()) == c.want);
  }
  // The bounds themselves (WIB, +07:00).
  auto day = rkn::DateBounds("2019-09-01");
  REQUIRE(day.ok());
  CHECK(day->first == 1567270800);  // 2019-09-01T00:00:00+07:00
  CHECK(day->second == 1567270800 + 86399);
}

TEST_CASE("Malformed dates in date: and month: values are errors at the field") {
  struct Case {
    std::string query;
    std::string want;  // "ok" (a value range), or "error: " and the message
  };
  const std::vector<Case> cases = {
      {"date:20190901", "error: column 1: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '20190901'"},
      {"date:2019-", "error: column 1: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2019-'"},
      {"putin date:2019-0901", "error: column 7: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2019-0901'"},
      {"date:2019-09..20191031", "error: column 1: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '20191031'"},
      {"month:201909", "error: column 1: month must be YYYY-MM or a range YYYY-MM..YYYY-MM, got '201909'"},
      // A field inside a field's value searched the phrase "title korut".
      {"title:title:korut", "error: column 7: field 'title:' is written twice: write title:korut"},
      {"korut title:Source:kompas", "error: column 13: field 'title:' holds another field, 'source:': write one of them "
                                    "(title:kompas, source:kompas)"},
      // A '*' after a year was dropped: year:2019* searched year:2019.
      {"year:2019*", "error: column 1: year:2019* takes no '*': year:2019 is all of it already (a range: year:FROM..TO)"},
      {"putin date:2019*", "error: column 7: date:2019* takes no '*': date:2019 is all of it already (a range: date:FROM..TO)"},
      {"month:2019-09*", "error: column 1: month:2019-09* takes no '*': month:2019-09 is all of it already (a range: month:FROM..TO)"},
      {"tahun:2019*", "error: column 1: tahun:2019* takes no '*': tahun:2019 is all of it already (a range: tahun:FROM..TO)"},
      {"year:(2019*)", "error: column 7: year:2019* takes no '*': year:2019 is all of it already (a range: year:FROM..TO)"},
      {"title:judul:korut", "error: column 7: field 'title:' is written twice: write title:korut"},
      {"month:2019-13", "error: column 1: month: impossible date '2019-13'"},
      {"date:2019-9-1", "error: column 1: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2019-9-1'"},
      {"date:2019-09-01", "ok"},
      {"date:2019-09..2019-10-31", "ok"},
      {"month:2019-09", "ok"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const std::string got = Parsed(c.query);
    if (c.want == "ok") {
      CHECK(got.find("VALUE_RANGE") != std::string::npos);
    } else {
      CHECK(got == c.want);
    }
  }
}

TEST_CASE("--from and --to refuse malformed dates with the same message as date:") {
  rkn::test::TempDir dir("from-to");
  const std::string db = (dir.path() / "seeds.db").string();
  auto index = rkn::test::RunProcess({RKN_INDEX_BIN, std::string(RKN_SOURCE_DIR) + "/corpus", "--db", db, "-q"});
  REQUIRE_MESSAGE(index.status == 0, index.err);
  struct Case {
    std::string option, value;
    std::string want;  // stderr
  };
  const std::vector<Case> cases = {
      {"--to", "20190901", "rkn-search: error: --to: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '20190901'\n"},
      {"--from", "2019-", "rkn-search: error: --from: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2019-'\n"},
      {"--from", "2019-0901", "rkn-search: error: --from: date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2019-0901'\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.option);
    CAPTURE(c.value);
    auto r = rkn::test::RunProcess({RKN_SEARCH_BIN, "--db", db, c.option, c.value, "perjanjian"});
    CHECK(r.status == 2);
    CHECK(r.err == c.want);
  }
}

TEST_CASE("A field's value takes '=' for the exact word and no sign") {
  struct Case {
    std::string query;
    std::string want;  // Parsed()
  };
  const std::vector<Case> cases = {
      {"title:perjanjian", "Query(ZSjanji)"},
      // The unstemmed title term, which the indexer writes next to the stem (STEM_SOME).
      {"title:=perjanjian", "Query(Sperjanjian)"},
      {"judul:=Perjanjian", "Query(Sperjanjian)"},
      {"author:=tiara", "Query(Atiara)"},
      {"=perjanjian title:=korupsi", "Query((perjanjian AND Skorupsi))"},
      // "title:-perjanjian korupsi" required the word it meant to exclude.
      {"title:-perjanjian korupsi", "error: column 7: a sign goes before the field: write -title:perjanjian to exclude"},
      {"korupsi judul:+janji", "error: column 15: a sign goes before the field: write +judul:janji to require"},
      {"=title:korupsi", "error: column 1: '=' goes after the field: write title:=korupsi"},
      {"source:-kompas", "error: column 8: a sign goes before the field: write -source:kompas to exclude"},
      {"-title:perjanjian korupsi", "Query((Zkorupsi AND_NOT ZSjanji))"},
      // Other fields' values are never stemmed.
      {"source:=kompas", "error: column 8: field 'source:' takes no '=' (its values are not stemmed)"},
      {"year:=2019", "error: column 6: field 'year:' takes no '=' (its values are not stemmed)"},
      {"title:=", "error: column 1: field 'title:' has no value"},
      {"title:-", "error: column 1: field 'title:' has no value"},
      {"title:+ korupsi", "error: column 1: field 'title:' has no value"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(Parsed(c.query) == c.want);
  }
}

TEST_CASE("A '*' anywhere but at the end of a word outside phrases is an error at the '*'") {
  struct Case {
    std::string query;
    std::string want;  // Parsed()
  };
  const std::string kEnd = "'*' must end a word (nukl* finds the words starting with nukl; quote a name that holds one: \"iz*one\")";
  const std::vector<Case> cases = {
      {"nukl*", "Query(WILDCARD SYNONYM nukl)"},
      {"title:nukl*", "Query(WILDCARD SYNONYM Snukl)"},
      // Punctuation after the '*' ends the word, as after any word: a pasted list.
      {"nukl*,", "Query(WILDCARD SYNONYM nukl)"},
      {"nukl*.", "Query(WILDCARD SYNONYM nukl)"},
      {"nukl*,x", "error: column 5: " + kEnd},
      // Searched as the phrase "senjata nukl" (no hits), as "lir", as the phrase "nu kl".
      {"\"senjata nukl*\"", "error: column 14: wildcards are not supported inside phrases"},
      {"title:\"senjata nukl*\"", "error: column 20: wildcards are not supported inside phrases"},
      {"\"* senjata\"", "error: column 2: wildcards are not supported inside phrases"},
      {"\"senjata nu**kl\"", "error: column 12: wildcards are not supported inside phrases"},
      // Inside a word of a phrase, a '*' splits it as the text's tokeniser does: a name, IZ*ONE.
      {"\"iz*one\"", "Query((iz PHRASE 2 one))"},
      {"\"member iz*one\"", "Query((member PHRASE 3 iz PHRASE 3 one))"},
      {"*lir", "error: column 1: " + kEnd},
      {"senjata -*lir", "error: column 10: " + kEnd},
      {"nu*kl", "error: column 3: " + kEnd},
      {"nu*kl*", "error: column 3: " + kEnd},
      {"nukl**", "error: column 5: " + kEnd},
      {"title:*lir", "error: column 7: " + kEnd},
      {"=*lir", "error: column 2: " + kEnd},
      {"*", "error: column 1: '*' needs a prefix of at least one letter"},
      {"putin ***", "error: column 7: '*' needs a prefix of at least one letter"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(Parsed(c.query) == c.want);
  }
}

TEST_CASE("Error columns count characters of the query as typed, not bytes of the normalised query") {
  struct Case {
    std::string name;
    std::string query;
    std::string want;  // Parsed()
  };
  const std::string kOpen = "unbalanced parenthesis: '(' is never closed";
  const std::vector<Case> cases = {
      {"ASCII", "putin (korupsi", "error: column 7: " + kOpen},
      {"two-byte letter", "\xc3\xa9 (korupsi", "error: column 3: " + kOpen},
      {"five two-byte letters", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 site:bar",
       "error: column 7: unknown field 'site:'; write 'source:' (source:kompas.com) (fields: title, author, source, category, year, month, date)"},
      {"four-byte emoji", "\xf0\x9f\x98\x80 (korupsi", "error: column 3: " + kOpen},
      // NormalizeText changes the length: e + combining acute becomes one letter; the ellipsis
      // three dots; a zero-width space is dropped; a curly quote becomes '"'; \r\n becomes \n.
      {"decomposed letter", "e\xcc\x81 (korupsi", "error: column 4: " + kOpen},
      {"ellipsis", "\xe2\x80\xa6 (korupsi", "error: column 3: " + kOpen},
      {"zero-width space", "\xe2\x80\x8b(korupsi", "error: column 2: " + kOpen},
      {"curly quote", "putin \xe2\x80\x9cgencatan senjata", "error: column 7: unterminated phrase: missing closing '\"'"},
      {"CRLF", "putin\r\n(korupsi", "error: column 8: " + kOpen},
      {"tab and no-break space", "\t\xc2\xa0(korupsi", "error: column 3: " + kOpen},
      // An invalid byte counts as one character.
      {"invalid UTF-8", "\xff (korupsi", "error: column 3: " + kOpen},
      // At the end: the column after the last character.
      {"ends early", "\xc3\xa9 putin OR", "error: column 9: OR needs a term on both sides"},
      {"trailing NEAR", "\xc3\xa9\xc3\xa9 NEAR", "error: column 4: NEAR must be followed by a word"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(Parsed(c.query) == c.want);
  }
}

TEST_CASE("Too many terms is an error at the term that crosses the limit, however the terms are joined") {
  auto repeat = [](const std::string& s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
  };
  struct Case {
    std::string name;
    std::string query;
    rkn::DefaultOperator op;
    std::string want;  // Parsed()
  };
  const std::string kTooMany = "too many terms (at most 256)";
  // Term k (1-based) of "korut " * n starts at column 6 * (k - 1) + 1: the 257th at 1537.
  const std::vector<Case> cases = {
      {"a repeated word", repeat("korut ", 300), rkn::DefaultOperator::kAnd, "error: column 1537: " + kTooMany},
      {"a repeated word, --any", repeat("korut ", 300), rkn::DefaultOperator::kOr, "error: column 1537: " + kTooMany},
      {"a repeated OR", repeat("korut OR ", 300) + "korut", rkn::DefaultOperator::kAnd, "error: column 2305: " + kTooMany},
      {"a repeated AND", repeat("korut AND ", 300) + "korut", rkn::DefaultOperator::kAnd, "error: column 2561: " + kTooMany},
      {"a repeated AND, --any", repeat("korut AND ", 300) + "korut", rkn::DefaultOperator::kOr, "error: column 2561: " + kTooMany},
      {"a repeated NOT: at its operand", std::string("putin ").append(repeat("NOT korut ", 300)), rkn::DefaultOperator::kAnd,
       "error: column 2561: " + kTooMany},
      {"a repeated excluded word: at its sign", std::string("putin ").append(repeat("-korut ", 300)), rkn::DefaultOperator::kAnd,
       "error: column 1792: " + kTooMany},
      {"a word after 256 in a group", std::string("(").append(repeat("korut ", 256)).append("putin)"), rkn::DefaultOperator::kAnd,
       "error: column 1538: " + kTooMany},
      {"256 words are allowed", repeat("korut ", 256), rkn::DefaultOperator::kAnd, ""},
      {"256 OR'ed words are allowed", repeat("korut OR ", 255) + "korut", rkn::DefaultOperator::kAnd, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::string got = Parsed(c.query, c.op);
    if (c.want.empty()) {
      CHECK(got.find("error") == std::string::npos);
    } else {
      CHECK(got == c.want);
    }
  }
}

TEST_CASE("Spelling offsets stay byte offsets into the normalised query") {
  // "é" is two bytes: korupsi starts at byte 3 of ParsedQuery::text.
  auto p = Parse("\xc3\xa9 korupsi", rkn::DefaultOperator::kAnd);
  REQUIRE(p.ok());
  REQUIRE(p->words.size() == 2);
  CHECK(p->words[1].begin == 3);
  CHECK(p->words[1].end == 10);
  CHECK(p->text.substr(p->words[1].begin, p->words[1].end - p->words[1].begin) == "korupsi");
}

// A query and the documents it must match, in docid order.
struct MatchCase {
  const char* query;
  std::vector<Xapian::docid> want;
};

// Checks each case's query against `db` (rkn::test::Matches with TheAnalyzer()).
void CheckMatches(const Xapian::Database& db, const std::vector<MatchCase>& cases) {
  for (const MatchCase& c : cases) {
    CAPTURE(c.query);
    CHECK(rkn::test::Matches(c.query, TheAnalyzer(), db) == c.want);
  }
}

TEST_CASE("Rp glued to an amount and Rp before it find each other, and the amount alone finds both") {
  // Two articles as the indexer writes them, one of each spelling.
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(
      *analyzer, {"Dana Rp3,5 triliun cair kemarin.", "Dana Rp 3,5 triliun cair kemarin.", "Harga naik 3,5 persen."});
  CheckMatches(db, {
                      {"Rp3,5 triliun", {1, 2}},
                      {"\"Rp 3,5 triliun\"", {1, 2}},
                      {"rp3,5", {1, 2}},
                      {"\"3,5 triliun\"", {1, 2}},
                      {"3,5", {1, 2, 3}},
                  });
}

TEST_CASE("A '%' after a number is the word persen in the query, glued or after one space, as in the text") {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(
      *analyzer, {"Harga naik 5% pekan ini.", "Harga naik 5 % pekan ini.", "Harga naik 5 persen pekan ini.", "Ada 5 toko baru."});
  CheckMatches(db, {
                      {"5%", {1, 2, 3}},
                      {"5 %", {1, 2, 3}},  // the '%' alone was left out: every article with a 5
                      {"naik 5 %", {1, 2, 3}},
                      {"\"naik 5 %\"", {1, 2, 3}},
                      {"5 persen", {1, 2, 3}},
                      {"5", {1, 2, 3, 4}},
                  });
  CHECK(Parsed("5 %") == Parsed("5%"));
  CHECK(Parsed("inflasi 3,5 %") == Parsed("inflasi 3,5%"));
  CHECK(Parsed("naik %") == Parsed("naik"));  // no number before it: no word
}

TEST_CASE("A whole number finds it written with and without thousands dots, in a phrase or quoted alone too, but a year and an exact number only as written") {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(
      *analyzer, {"Sebanyak 17.000 penumpang naik MRT.", "Sebanyak 17000 penumpang naik MRT.", "Tahun 2019 ramai.",
                  "Harga 1.500.000 per gram.", "Nomor 0812 aktif."});
  CheckMatches(db, {
                      {"17000", {1, 2}},
                      {"17.000", {1, 2}},
                      {"17000 NEAR/2 penumpang", {1, 2}},
                      {"=17000", {2}},
                      {"\"17000 penumpang\"", {1, 2}},  // in a phrase too
                      {"\"17000\"", {1, 2}},            // and quoted alone
                      {"\"sebanyak 17.000 penumpang\"", {1, 2}},
                      {"\"17000 penumpang\" NEAR/3 naik", {2}},  // but as NEAR's operand, as written
                      {"1500000", {4}},
                      {"1.500.000", {4}},
                      {"2019", {3}},
                      {"0812", {5}},
                  });
  // No other writing: a year, a leading zero, fewer than four digits, a decimal.
  for (const char* q : {"2019", "1.999", "0812", "500", "1.5", "3,500"}) {
    CAPTURE(q);
    CHECK(Parsed(q).find("SYNONYM") == std::string::npos);
  }
  CHECK(Parsed("2020500") == "Query((2020500 SYNONYM 2.020.500))");
  CHECK(Highlighted("17000", rkn::DefaultOperator::kAnd) == "17.000 17000 |");
  CHECK(Highlighted("\"17000\"", rkn::DefaultOperator::kAnd) == "17.000 17000 |");
  CHECK(Highlighted("\"harga 17000\"", rkn::DefaultOperator::kAnd) == "| \"harga 17.000\" \"harga 17000\"");
  // At most three numbers in a phrase stand for their other writings; a fourth leaves it as written.
  CHECK(Parsed("\"5000 6000 7000 8000\"").find(" OR ") == std::string::npos);
  CHECK(Parsed("\"2000 3000 4000\"") == "Query((2000 PHRASE 3 (3000 OR 3.000) PHRASE 3 (4000 OR 4.000)))");  // 2000: a year
  // --analyze names the other writing as it names an alias.
  const auto tokens = rkn::AnalyzeText("17000 2019", TheAnalyzer(), Xapian::Database());
  REQUIRE(tokens.size() == 2);
  REQUIRE(tokens[0].aliases.size() == 1);
  CHECK(tokens[0].aliases[0].forms == std::vector<std::string>{"17.000"});
  CHECK(tokens[1].aliases.empty());
}

TEST_CASE("A phrase matches within a sentence, never across a sentence end, but across an abbreviation's period") {
  // "jakarta di" found "... di Jakarta. Di antara ..." (9 of its 52 hits on clickid-2019), a hit
  // whose snippet then showed no match.
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  // The lead (schema::kLeadWords words) is indexed apart from the rest: a sentence that ends at
  // its last word ends there too.
  std::string lead_end;
  for (size_t k = 1; k < rkn::schema::kLeadWords; ++k) lead_end += "kata" + std::to_string(k % 10) + " ";
  lead_end += "berakhir. Kemudian datang hujan.";
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(
      *analyzer, {"Banjir melanda Jakarta. Di antara korban ada anak-anak.",  // 1
                  "Kantor itu di Jl. Sudirman, dekat Dr. Ani Saraswati dan J. Smith.",  // 2
                  "Dia tinggal di Jakarta di rumah orang tuanya!",  // 3
                  "Harga Rp. 5.000 naik, dll. dan seterusnya. Berapa? Lima ribu.",  // 4
                  lead_end,  // 5
                  "\"Kami siap.\" Lalu dia pergi. \u201cTidak!\u201d Kata itu keras.",  // 6
                  "\"Apa?\" tanya dia lalu pergi."});  // 7
  struct Case {
    const char* query;
    std::vector<Xapian::docid> want;
  };
  const std::vector<Case> cases = {
      {"\"jakarta di\"", {3}},
      {"\"jl sudirman\"", {2}},
      {"\"dr ani\"", {2}},
      {"\"j smith\"", {2}},
      {"\"rp 5.000\"", {4}},
      {"\"dll dan\"", {4}},
      {"\"seterusnya berapa\"", {}},
      {"\"berapa lima\"", {}},
      {"jakarta NEAR/3 antara", {1}},  // NEAR counts the free position, and still finds it
      {"\"berakhir kemudian\"", {}},
      {"\"kemudian datang\"", {5}},
      // A closing quote after the punctuation ends the sentence too; not before a lowercase word.
      {"\"siap lalu\"", {}},
      {"\"lalu dia\"", {6}},
      {"\"tidak kata\"", {}},
      {"\"apa tanya\"", {7}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(rkn::test::Matches(c.query, TheAnalyzer(), db) == c.want);
  }
}

TEST_CASE("AND binds its two operands to each other, also in an any-word query") {
  constexpr auto kAny = rkn::DefaultOperator::kOr;
  CheckParsed({
      // --any: both sides of AND are required, the other words stay optional.
      {"zodiak AND keras", "Query((Zzodiak AND Zkeras))", kAny},
      {"saut zodiak AND keras", "Query((Zsaut OR (Zzodiak AND Zkeras)))", kAny},
      {"zodiak AND keras AND saut", "Query(((Zzodiak AND Zkeras) AND Zsaut))", kAny},
      {"+zodiak AND keras", "Query((Zzodiak AND Zkeras))", kAny},
      {"-zodiak AND keras", "Query((Zkeras AND_NOT Zzodiak))", kAny},
      // All words: AND changes nothing.
      {"saut zodiak AND keras", "Query((Zsaut AND Zzodiak AND Zkeras))"},
  });
}

TEST_CASE("A field before a group applies to each of its words and phrases that names no field") {
  CheckSameAs({
      {"title:(korupsi OR suap)", "title:korupsi OR title:suap"},
      {"title:(korupsi suap) kpk", "(title:korupsi title:suap) kpk"},
      {"title:(\"gencatan senjata\" rusia)", "(title:\"gencatan senjata\" title:rusia)"},
      {"title:(korupsi author:tim)", "(title:korupsi author:tim)"},
      {"source:(kompas.com OR detik.com) korupsi", "(source:kompas.com OR source:detik.com) korupsi"},
      {"year:(2019 OR 2020) banjir", "(year:2019 OR year:2020) banjir"},
      {"title:(korupsi (suap OR gratifikasi)) kpk", "(title:korupsi (title:suap OR title:gratifikasi)) kpk"},
      {"title:(korupsi) suap", "title:korupsi suap"},
      {"korupsi NOT title:(suap OR kpk)", "korupsi NOT (title:suap OR title:kpk)"},
      {"korupsi -title:(suap OR kpk)", "korupsi NOT (title:suap OR title:kpk)"},
      {"korupsi +title:(suap OR kpk)", "korupsi (title:suap OR title:kpk)"},
  });
  CheckParsed({
      {"source:(=kompas.com)", "error: column 9: field 'source:' takes no '=' (its values are not stemmed)"},
      {"title:(korupsi", "error: column 1: unbalanced parenthesis: '(' is never closed"},
      {"title:()", "error: column 1: empty parentheses"},
  });
}

TEST_CASE("AND NOT is NOT, a sign after AND keeps its meaning, and one after NOT is an error") {
  constexpr auto kAny = rkn::DefaultOperator::kOr;
  CheckParsed({
      {"korupsi AND NOT kpk", "Query((Zkorupsi AND_NOT Zkpk))"},
      {"korupsi AND NOT kpk", "Query((Zkorupsi AND_NOT Zkpk))", kAny},
      {"korupsi AND NOT (kpk OR polri) tersangka", "Query(((Zkorupsi AND Zsangka) AND_NOT (Zkpk OR Zpolri)))"},
      {"AND NOT kpk", "error: column 1: AND needs a term on both sides"},
      {"korupsi AND NOT", "error: column 13: NOT must be followed by a term"},
      // "korupsi AND -kpk" searched korupsi AND kpk, the opposite of what was asked.
      {"korupsi AND -kpk", "Query((Zkorupsi AND_NOT Zkpk))"},
      {"korupsi AND -kpk", "Query((Zkorupsi AND_NOT Zkpk))", kAny},
      {"korupsi AND +kpk", "Query((Zkorupsi AND Zkpk))"},
      {"korupsi NOT -kpk", "error: column 13: NOT and '-' both exclude: write one of them"},
      {"korupsi NOT +kpk", "error: column 13: '+' after NOT contradicts it: write NOT without '+'"},
  });
}

TEST_CASE("A sign before a group is the group's, as before a word") {
  constexpr auto kAny = rkn::DefaultOperator::kOr;
  for (const auto op : {rkn::DefaultOperator::kAnd, kAny}) {
    CAPTURE(static_cast<int>(op));
    CHECK(Parsed("korupsi -(suap OR kpk)", op) == Parsed("korupsi NOT (suap OR kpk)", op));
    CHECK(Parsed("korupsi AND -(suap OR kpk)", op) == Parsed("korupsi NOT (suap OR kpk)", op));
    CHECK(Parsed("-title:(suap OR kpk) korupsi", op) == Parsed("korupsi NOT (title:suap OR title:kpk)", op));
  }
  CHECK(Parsed("korupsi +(suap OR kpk)", kAny) == "Query(((Zsuap OR Zkpk) AND_MAYBE Zkorupsi))");  // required
  CHECK(Parsed("korupsi +(suap OR kpk)", kAny) != Parsed("korupsi (suap OR kpk)", kAny));
  CHECK(Parsed("korupsi NOT -(suap)") == "error: column 13: NOT and '-' both exclude: write one of them");
}

TEST_CASE("A source is matched the way the indexer files it: by site, from a host, URL or brand") {
  CheckParsed({
      {"source:kompas.com", "Query(0 * Hkompas.com)"},
      {"source:www.kompas.com", "Query(0 * Hkompas.com)"},
      {"source:news.detik.com", "Query(0 * Hdetik.com)"},
      {"source:tempo.co.id", "Query(0 * Htempo.co.id)"},
      // A bare name: any of its domains, and the domain the indexer gives the brand (as written
      // too when the database holds it: see wildcard_test).
      {"source:antara", "Query(0 * (WILDCARD OR Hantara. OR Hantaranews.com))"},
      {"source:kompas", "Query(0 * WILDCARD OR Hkompas.)"},
      {"source:warta", "Query(0 * WILDCARD OR Hwarta.)"},
  });
}

TEST_CASE("NEAR's distance and a pasted URL get errors that say what to write") {
  CheckParsed({
      {"korupsi NEAR/3 title:kpk", "error: column 16: NEAR's operands must be words of one field, not of the text and title:"},
      {"title:korupsi NEAR/3 kpk", "error: column 22: NEAR's operands must be words of one field, not of title: and the text"},
      {"korupsi NEAR/1000 kpk", "error: column 9: NEAR/n needs a whole number n from 1 to 999, got 'NEAR/1000'"},
      {"korupsi NEAR/x kpk", "error: column 9: NEAR/n needs a whole number n from 1 to 999, got 'NEAR/x'"},
      {"korupsi NEAR/0 kpk", "error: column 9: NEAR/n needs a whole number n from 1 to 999, got 'NEAR/0'"},
      // A NEAR of 240 alias words ran out of memory; a pasted paragraph as "..."~5 took 1.8 GB.
      {"a1 NEAR b2 NEAR c3 NEAR d4 NEAR e5 NEAR f6 NEAR g7 NEAR h8 NEAR i9 NEAR j10 NEAR k11 NEAR l12 NEAR m13 NEAR n14 NEAR o15 NEAR p16 NEAR q17",
       "error: column 136: NEAR joins at most 16 words (a \"phrase\"~n as well): split it, or search the words without NEAR"},
      {"\"a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11 l12 m13 n14 o15 p16 q17\"~5",
       "error: column 1: NEAR joins at most 16 words (a \"phrase\"~n as well): split it, or search the words without NEAR"},
      // '=' takes one word: "=-korut" searched =korut, the articles it meant to leave out.
      {"=-korut", "error: column 2: a sign goes before the '=': write -=korut"},
      {"=+korut rusia", "error: column 2: a sign goes before the '=': write +=korut"},
      {"title:=-korut", "error: column 8: a sign goes before the '=': write -title:=korut"},
      {"title:=(korut rusia)", "error: column 1: '=' marks one word, not a group: put it before each word in the parentheses: title:(=a =b)"},
      {"=(korut rusia)", "error: column 1: '=' marks one word, not a group: put it before each word in the parentheses: (=a =b)"},
      {"=\"korea utara\"", "error: column 1: a phrase matches its words as written: drop the '='"},
      {"-=korut rusia", "Query((Zrusia AND_NOT korut))"},
      // "NEAR3" was searched as a word no article has: nothing found, nothing said.
      {"korut NEAR3 rusia", "error: column 7: 'NEAR3' is no operator: write NEAR/3 (or NEAR for 10 words)"},
      {"korut NEARBY rusia", "Query((Zkorut AND Znearby AND Zrusia))"},  // a word that starts so
      // A sign on a word after NEAR was dropped: "korut NEAR/3 -rusia" searched rusia near korut.
      {"korut NEAR/3 -rusia", "error: column 14: a word after NEAR takes no '-': a sign goes before the whole NEAR "
                              "(-a NEAR/3 b, -(a NEAR/3 b)), or on a word of its own (a NEAR/3 b -c)"},
      {"korut NEAR/3 +\"korea selatan\"", "error: column 14: a word after NEAR takes no '+': a sign goes before the whole NEAR "
                                          "(-a NEAR/3 b, -(a NEAR/3 b)), or on a word of its own (a NEAR/3 b -c)"},
      {"title:korut NEAR/3 -title:rusia", "error: column 20: a word after NEAR takes no '-': a sign goes before the whole NEAR "
                                          "(-a NEAR/3 b, -(a NEAR/3 b)), or on a word of its own (a NEAR/3 b -c)"},
      {"https://www.kompas.com/read/2019/x", "error: column 1: a URL is not a query: articles are not searched by URL "
                                             "(source:kompas.com filters by site; quote the URL to search its words)"},
  });
}

TEST_CASE("Lucene's spellings: a phrase's ~n is NEAR/n, a boost or a fuzzy '~' is an error at it") {
  // "korupsi suap"~5 was the phrase AND the word 5, and korupsi^2 the phrase "korupsi 2": both
  // found nothing, silently.
  CheckSameAs({
      {"\"korupsi suap\"~5", "korupsi NEAR/5 suap"},
      {"\"korupsi suap kpk\"~3 polri", "(korupsi NEAR/3 suap NEAR/3 kpk) polri"},
      {"-\"korupsi suap\"~5 kpk", "kpk NOT (korupsi NEAR/5 suap)"},
      {"-korupsi NEAR/5 suap kpk", "kpk NOT (korupsi NEAR/5 suap)"},  // the first word's sign is the NEAR's
      {"title:\"korupsi suap\"~2", "title:korupsi NEAR/2 title:suap"},
      {"title:(\"korupsi suap\"~2 OR kpk)", "(title:korupsi NEAR/2 title:suap) OR title:kpk"},
      {"(\"korupsi suap\"~5)", "korupsi NEAR/5 suap"},
      {"\"korupsi suap\"~0", "\"korupsi suap\""},  // no slop: the phrase
      {"\"korupsi\"~4", "\"korupsi\""},           // one word: itself
  });
  CheckParsed({
      {"korupsi^2 suap", "error: column 8: term boosts ('^2') are not query syntax: words are weighted by BM25"},
      {"\"korupsi suap\"^1.5", "error: column 15: term boosts ('^1.5') are not query syntax: words are weighted by BM25"},
      {"korupsi~", "error: column 8: '~' after a word is not query syntax (fuzzy matching is not supported: "
                   "a misspelt word gets a \"did you mean\"; \"a b\"~5 finds words near each other)"},
      {"kpk korupsi~2", "error: column 12: '~' after a word is not query syntax (fuzzy matching is not supported: "
                        "a misspelt word gets a \"did you mean\"; \"a b\"~5 finds words near each other)"},
      {"\"korupsi suap\"~", "error: column 15: '~' after a phrase takes a distance from 0 to 999: \"korupsi suap\"~5 "
                           "finds its words within 5 words of one another"},
      {"\"korupsi suap\"~1000", "error: column 15: '~' after a phrase takes a distance from 0 to 999: \"korupsi suap\"~5 "
                               "finds its words within 5 words of one another"},
      {"\"korupsi suap\"~5x", "error: column 15: '~' after a phrase takes a distance from 0 to 999: \"korupsi suap\"~5 "
                             "finds its words within 5 words of one another"},
      // Parted from its word or phrase, the '~5' left the number 5 as a required word.
      {"korut ~5", "error: column 7: '~' stands apart from the phrase it was meant for: write \"a b\"~5, without a space, "
                   "to find words near each other"},
      {"\"korea rusia\" ~3", "error: column 15: '~' stands apart from the phrase it was meant for: write \"a b\"~5, "
                             "without a space, to find words near each other"},
      // Other engines' boolean operators: "korut || rusia" searched korut AND rusia, "!korut" korut.
      {"korut || rusia", "error: column 7: '||' is not query syntax: write OR (korut OR rusia)"},
      {"korut && rusia", "error: column 7: '&&' is not query syntax: write AND, or nothing, as all words must match (korut rusia)"},
      {"banjir !korut", "error: column 8: '!' is not query syntax: write -korut (or NOT korut) to leave a word out"},
  });
  // A lone '|' (a pasted headline's "Judul | Situs") and a '!' after a word stay punctuation.
  CheckSameAs({
      {"korut | rusia", "korut rusia"},
      {"Awas! korut", "awas korut"},
  });
}

TEST_CASE("A NEAR operand with no word in it (punctuation) is left out, and the other operands keep their meaning") {
  // 'korupsi NEAR/3 , NEAR/3 suap' had no searchable terms; 'korupsi NEAR/3 - suap' searched suap
  // alone, dropping korupsi without a word.
  CheckSameAs({
      {"korupsi NEAR/3 , NEAR/3 suap", "korupsi NEAR/3 suap"},
      {"korupsi NEAR/3 \u2019 NEAR/3 suap", "korupsi NEAR/3 suap"},
      {"\"korupsi - suap\"~3", "korupsi NEAR/3 suap"},
      {", NEAR/3 korupsi NEAR/3 suap", "korupsi NEAR/3 suap"},
  });
  const std::string lone = Parsed("korupsi NEAR/3 - suap");
  CHECK(lone.find("korupsi") != std::string::npos);
  CHECK(lone.find("suap") != std::string::npos);
  CHECK(Parsed("- NEAR/2 ,") == "error: the query has no searchable terms");
  // A wildcard that expands to no word stays an operand: nothing is near it.
  CHECK(Parsed("korupsi NEAR/3 zzzq*").find("NEAR") != std::string::npos);
}

TEST_CASE("An empty phrase is left out with a note, once") {
  // "korut \"\" rusia" searched korut and rusia and said nothing of the phrase.
  for (const char* query : {"korut \"\" rusia \"\"", "korut \"  \" rusia"}) {
    CAPTURE(query);
    auto p = Parse(query, rkn::DefaultOperator::kAnd);
    REQUIRE(p.ok());
    REQUIRE(p->notes.size() == 1);
    CHECK(p->notes[0].starts_with("an empty phrase (\""));
    CHECK(p->notes[0].ends_with("\") searches nothing: left out"));
  }
  CHECK(Parsed("korut \"\" rusia") == Parsed("korut rusia"));
}

TEST_CASE("A '-' standing apart leaves nothing out, and a note says how to leave the word out") {
  CheckSameAs({{"korupsi - kpk", "korupsi kpk"}, {"Jokowi - Prabowo bertemu", "Jokowi Prabowo bertemu"}});
  auto p = Parse("korupsi - kpk", rkn::DefaultOperator::kAnd);
  REQUIRE(p.ok());
  CHECK(p->notes == std::vector<std::string>{"the '-' before 'kpk' stands apart, so it leaves nothing out (write -kpk to leave out the articles with it)"});
  for (const char* q : {"korupsi -kpk", "korupsi - -kpk", "a - \"b c\""}) {
    CAPTURE(q);
    auto quiet = Parse(q, rkn::DefaultOperator::kAnd);
    REQUIRE(quiet.ok());
    CHECK(quiet->notes.empty());
  }
}

TEST_CASE("A sign with no word after it is dropped with a note, not silently") {
  const std::string minus = "the '-' at the end has no word after it, so it leaves nothing out (write -word to leave out the articles with it)";
  const std::string plus = "the '+' at the end has no word after it, so it requires nothing (write +word to require a word)";
  struct Row {
    const char* query;
    const char* same_as;
    std::string note;
  };
  const Row rows[] = {
      {"korupsi -", "korupsi", minus},
      {"korupsi kpk   - ", "korupsi kpk", minus},
      {"korupsi +", "korupsi", plus},
  };
  for (const Row& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    auto p = Parse(row.query, rkn::DefaultOperator::kAnd);
    REQUIRE(p.ok());
    CHECK(p->notes == std::vector<std::string>{row.note});
    CHECK(p->query.get_description() == Parsed(row.same_as));
  }
}

TEST_CASE("Words joined by a comma, a semicolon or CJK punctuation are two words, not a phrase") {
  // "korut,rusia" and "korut、rusia" searched the phrase "korut rusia": 0 of the 5 CLICK-ID
  // articles that have both words.
  CheckSameAs({
      {"korupsi,suap", "korupsi suap"},
      {"korupsi;suap", "korupsi suap"},
      {"korupsi\xE3\x80\x81suap", "korupsi suap"},  // U+3001, the ideographic comma
      {"korupsi\xE3\x80\x82suap", "korupsi suap"},  // U+3002, the ideographic full stop
      {"korupsi\xEF\xBC\x8Csuap", "korupsi suap"},  // U+FF0C, the full-width comma
      {"title:korupsi,suap", "title:korupsi suap"},
      {"-korupsi,suap", "-korupsi suap"},
      {"korupsi,sua*", "korupsi sua*"},
      {"covid-19,korupsi", "covid-19 korupsi"},
  });
  // A decimal's comma stays in its number; quotes, '=' and a filter's value keep theirs.
  CHECK(Parsed("3,5 persen") == "Query((3,5 AND Zpersen))");
  CHECK(Parsed("\"korupsi,suap\"") == "Query((korupsi PHRASE 2 suap))");
  CHECK(Parsed("=korupsi,suap") == "Query((korupsi PHRASE 2 suap))");
  CHECK(Parsed("source:kompas.com,tempo.co").starts_with("error: column 1: field 'source:' takes one site"));
  CHECK(Parsed("source:(kompas.com,tempo.co)").starts_with("error: column 9: field 'source:' takes one site"));
}

TEST_CASE("An en or em dash glued to a word's start is punctuation, not a minus, and a note says so") {
  // "korupsi \u2014kpk" left kpk out, silently: the dash was folded to '-'.
  CheckSameAs({{"korupsi \u2014kpk", "korupsi kpk"},
               {"korupsi \u2013kpk", "korupsi kpk"},
               {"(\u2014kpk)", "kpk"},
               {"korupsi \u2212kpk", "korupsi -kpk"},          // the minus sign is a minus
               {"Korea\u2014Rusia", "Korea-Rusia"}});          // between words, a hyphen as before
  auto p = Parse("korupsi \u2014kpk", rkn::DefaultOperator::kAnd);
  REQUIRE(p.ok());
  CHECK(p->notes == std::vector<std::string>{"the dash '\u2014' before 'kpk' is read as punctuation, not as a minus: write -kpk to leave it out"});
  // Errors still point at the typed column: the dash is one, as its space is.
  auto err = Parse("\u2014kpk (", rkn::DefaultOperator::kAnd);
  REQUIRE_FALSE(err.ok());
  CHECK(err.status().message().starts_with("column 6: "));
}

TEST_CASE("A name before a colon in pasted text is searched as words, a misspelt field or another engine's operator is an error") {
  // 7 of the 2,507 CLICK-ID titles with a colon failed as queries ("Wiranto:Ada Provokasi").
  CheckSameAs({
      {"Wiranto:Ada Provokasi", "\"Wiranto Ada\" Provokasi"},
      {"Sulli Bela HA:TFELT", "Sulli Bela \"HA TFELT\""},
      {"src:kompas", "\"src kompas\""},  // three edits from source: a word, not a field
  });
  SUBCASE("the note says so, once per name") {
    auto p = Parse("Wiranto:Ada Wiranto:3", rkn::DefaultOperator::kAnd);
    REQUIRE(p.ok());
    CHECK(p->notes == std::vector<std::string>{"'Wiranto:' is no field: searched as words"});
    auto plain = Parse("title:korupsi", rkn::DefaultOperator::kAnd);
    REQUIRE(plain.ok());
    CHECK(plain->notes.empty());
  }
  const std::string fields = " (fields: title, author, source, category, year, month, date)";
  CheckParsed({
      {"titel:putin", "error: column 1: unknown field 'titel:'; did you mean 'title:'?" + fields},
      {"yaer:2019", "error: column 1: unknown field 'yaer:'; did you mean 'year:'?" + fields},
      {"korupsi penuls:budi", "error: column 9: unknown field 'penuls:'; did you mean 'penulis:'?" + fields},
      {"site:kompas.com", "error: column 1: unknown field 'site:'; write 'source:' (source:kompas.com)" + fields},
      {"intitle:korupsi", "error: column 1: unknown field 'intitle:'; write 'title:'" + fields},
      {"inurl:korupsi", "error: column 1: unknown field 'inurl:': articles are not searched by URL (source:DOMAIN filters by site)" + fields},
      // The date the user gave is the one the hint writes (they were told 2019-09-01 and
      // 2019-09-30 whatever they wrote), with a word that the range includes it.
      {"korupsi after:2019-10-05", "error: column 9: unknown field 'after:'; write date:2019-10-05.. (or --from), which includes 2019-10-05" + fields},
      {"korupsi before:2019-10-05", "error: column 9: unknown field 'before:'; write date:..2019-10-05 (or --to), which includes 2019-10-05" + fields},
      {"since:2019-09", "error: column 1: unknown field 'since:'; write date:2019-09.. (or --from), which includes 2019-09" + fields},
      {"until:2020", "error: column 1: unknown field 'until:'; write date:..2020 (or --to), which includes 2020" + fields},
      // No date: an example.
      {"after:kemarin", "error: column 1: unknown field 'after:'; write date:2019-09-01.. (or --from)" + fields},
      {"before:2019-9-1", "error: column 1: unknown field 'before:'; write date:..2019-09-30 (or --to)" + fields},
  });
}

TEST_CASE("A host name in a query is searched as words, with a note naming the site filter") {
  // "www.kompas.com" searched the words www, kompas and com and said nothing of source:.
  struct Row {
    const char* query;
    const char* note;  // "" for none
  };
  const Row rows[] = {
      {"www.kompas.com", "'www.kompas.com' is searched as words (articles are not searched by URL; source:kompas.com filters by site)"},
      {"banjir WWW.Detik.com", "'WWW.Detik.com' is searched as words (articles are not searched by URL; source:detik.com filters by site)"},
      {"www.republika.co.id", "'www.republika.co.id' is searched as words (articles are not searched by URL; source:republika.co.id filters by site)"},
      {"kompas.com", ""},  // the articles write the brand so: a word of the text
      {"www.x", ""},       // no site
      {"\"www.kompas.com\"", ""},  // quoted: the words, as asked
  };
  for (const Row& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    auto p = Parse(query, rkn::DefaultOperator::kAnd);
    REQUIRE(p.ok());
    CHECK(p->notes == (*row.note ? std::vector<std::string>{row.note} : std::vector<std::string>{}));
  }
}

TEST_CASE("A source or category of punctuation only is an error, not a silent empty filter") {
  CheckParsed({
      {"source:,", "error: column 1: field 'source:' needs a site, got ','"},
      {"korupsi sumber:\"...\"", "error: column 9: field 'source:' needs a site, got '...'"},
      {"category:!", "error: column 1: field 'category:' needs a category, got '!'"},
      {"source:(, OR kompas)", "error: column 9: field 'source:' needs a site, got ','"},
  });
  CHECK(Parsed("source:kompas.com").rfind("error", 0) != 0);
  CHECK(Parsed("category:ekonomi").rfind("error", 0) != 0);
}

TEST_CASE("A date range written with spaces is an error at the spaces, not a date and a phrase") {
  // "date:2019-09-01 .. 2019-09-30" searched date:2019-09-01 and the phrase "2019 09 30": 0 hits.
  CheckParsed({
      {"banjir date:2019-09-01 .. 2019-09-30", "error: column 24: a range is written without spaces: date:2019-09-01..2019-09-30"},
      {"banjir date:2019-09-01.. 2019-09-30", "error: column 26: a range is written without spaces: date:2019-09-01..2019-09-30"},
      {"banjir tanggal:2019-09-01 ..2019-09-30", "error: column 27: a range is written without spaces: date:2019-09-01..2019-09-30"},
      {"year:2019 .. 2020", "error: column 11: a range is written without spaces: year:2019..2020"},
      {"month:2019-09 ..2019-10", "error: column 15: a range is written without spaces: month:2019-09..2019-10"},
  });
  // An open range before a word is an open range.
  CHECK(Parsed("date:2019-09-01.. korut").rfind("error", 0) != 0);
}

TEST_CASE("A word longer than the index keeps matches nothing, with a note, instead of vanishing from the query") {
  // "banjir xxx…x" (65 letters) searched banjir alone, and the phrase "banjir xxx…x" the word banjir.
  const std::string longest(rkn::schema::kMaxWordBytes, 'x'), too_long(rkn::schema::kMaxWordBytes + 1, 'x');
  CheckParsed({
      {"banjir " + too_long, "Query((Zbanjir AND " + too_long + "))"},
      {"\"banjir " + too_long + "\"", "Query(" + too_long + ")"},
      {"title:" + too_long, "Query(S" + too_long + ")"},
  });
  CHECK(Parsed("banjir " + longest) == "Query((Zbanjir AND Z" + longest + "))");  // the longest word kept is searched
  auto p = Parse("banjir " + too_long, rkn::DefaultOperator::kAnd);
  REQUIRE(p.ok());
  CHECK(p->notes == std::vector<std::string>{"'xxxxxxxxxxxxxxxxxxxx…' is longer than the 64 bytes a word of the index may have: no article has it"});
}

TEST_CASE("OR with nothing before it, and two signs before a word, are errors like AND's, not silently dropped") {
  CheckParsed({
      {"OR korut", "error: column 1: OR needs a term on both sides"},
      {"(OR korut)", "error: column 2: OR needs a term on both sides"},
      {"+-korut", "error: column 1: '+' requires and '-' excludes: write one of them"},
      {"kim -+korut", "error: column 5: '+' requires and '-' excludes: write one of them"},
      {"++korut", "error: column 1: '++': one '+' is enough"},
      // "==korut" searched =korut with no word said.
      {"==korut", "error: column 1: '==': one '=' is enough"},
      {"title:==korut", "error: column 7: '==': one '=' is enough"},
  });
  CHECK(Parsed("yang OR korut").rfind("error", 0) != 0);  // a stopword before OR is a term
  CHECK(Parsed("korupsi +- suap").rfind("error", 0) != 0);  // signs alone, apart from the words
}

TEST_CASE("The fields' Indonesian names are the same fields") {
  CheckSameAs({
      {"judul:korut", "title:korut"},
      {"penulis:tiara", "author:tiara"},
      {"sumber:kompas.com", "source:kompas.com"},
      {"kategori:politik", "category:politik"},
      {"tahun:2019", "year:2019"},
      {"bulan:2019-09", "month:2019-09"},  // bulan: was no field: 'bulan' and '2019-09' searched as words
      {"tanggal:2019-09-01..2019-09-30", "date:2019-09-01..2019-09-30"},
  });
}

TEST_CASE("A word's written form adds weight where its stem's other forms are common, never to an excluded word") {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE(analyzer.ok());
  // "adil" is in 1 of the 3 articles of its stem (pengadilan, keadilan); "jakarta" in all of its.
  const Xapian::WritableDatabase db = rkn::test::ArticlesDb(
      *analyzer, {"Pengadilan di Jakarta memutus.", "Keadilan bagi warga Jakarta.", "Putusan itu adil kata warga Jakarta."});
  auto parsed = [&](const std::string& q) {
    auto p = rkn::ParseQuery(q, **analyzer, db, rkn::QueryOptions());
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    return p->query.get_description();
  };
  CHECK(parsed("adil") == "Query((Zadil AND_MAYBE 0.25 * adil))");
  CHECK(parsed("jakarta") == "Query(Zjakarta)");
  // Excluded, a word's weight counts for nothing: no written form.
  CHECK(parsed("jakarta -adil") == "Query((Zjakarta AND_NOT Zadil))");
  CHECK(parsed("jakarta NOT adil") == "Query((Zjakarta AND_NOT Zadil))");
  CHECK(parsed("jakarta AND -(adil OR warga)") == "Query((Zjakarta AND_NOT (Zadil OR Zwarga)))");
  // The same articles match with and without it; the one that writes "adil" ranks first.
  CHECK(rkn::test::Matches("adil", **analyzer, db) == std::vector<Xapian::docid>{1, 2, 3});
  Xapian::Enquire enquire(db);
  enquire.set_query(rkn::ParseQuery("adil", **analyzer, db, rkn::QueryOptions())->query);
  CHECK(*enquire.get_mset(0, 1).begin() == 3);
}

TEST_CASE("A filter is a filter however it is written: in quotes or in a group of its field's values") {
  // source:"kompas" and source:(kompas OR tempo) were searched as words: two quoted sources
  // matched no article, and with --any an optional filter let every other article in.
  const SameAs same[] = {
      {"banjir source:\"kompas.com\"", "banjir source:kompas.com"},
      {"korupsi source:\"kompas.com\" source:\"tempo.co\"", "korupsi source:kompas.com source:tempo.co"},
      {"category:\"berita utama\" category:\"super skor\" banjir", "banjir category:(\"berita utama\" OR \"super skor\")"},
      {"banjir source:(kompas.com OR tempo.co)", "banjir source:kompas.com source:tempo.co"},
      {"banjir (source:kompas.com OR source:tempo.co)", "banjir source:kompas.com source:tempo.co"},
      {"banjir (date:2019-10..)", "banjir date:2019-10.."},
      {"tidak akan source:\"kompas.com\"", "tidak akan source:kompas.com"},  // the stopwords stay required
      {"yang category:(news OR bola)", "yang category:news category:bola"},
  };
  // A filter's weight does not count: "0 * H..." (a filter that stands alone) and "H..." are one.
  auto unweighted = [](const std::string& query, rkn::DefaultOperator op) {
    std::string d = Parsed(query, op);
    for (size_t at; (at = d.find("0 * ")) != std::string::npos;) d.erase(at, 4);
    return d;
  };
  for (const auto op : {rkn::DefaultOperator::kAnd, rkn::DefaultOperator::kOr}) {
    for (const SameAs& p : same) {
      CAPTURE(static_cast<int>(op));
      CAPTURE(p.query);
      const std::string got = unweighted(p.query, op);
      CHECK(got.rfind("error", 0) != 0);
      CHECK(got.find("FILTER") != std::string::npos);
      CHECK(got == unweighted(p.spelt_out, op));
    }
  }
  // A group that mixes a filter with words, or signs one, is a group of words, as before.
  CHECK(Parsed("banjir (source:kompas.com OR korupsi)").find("FILTER") == std::string::npos);
  CHECK(Parsed("banjir source:(kompas.com OR -(tempo.co))").find("FILTER") == std::string::npos);
  CHECK(Parsed("banjir source:\"kompas,tempo\"").rfind("error: column 8: field 'source:' takes one site", 0) == 0);
  CHECK(unweighted("banjir -(source:kompas.com OR source:tempo.co)", rkn::DefaultOperator::kAnd) ==
        unweighted("banjir -source:kompas.com -source:tempo.co", rkn::DefaultOperator::kAnd));
}

TEST_CASE("A filter written beside words in one alternative of an OR filters every alternative") {
  // "korupsi OR suap date:2019-10" had found suap's October articles and korupsi's of any date.
  struct Case {
    const char* query;
    const char* same_as;
  };
  const Case hoisted[] = {
      {"korupsi OR suap date:2019-10", "(korupsi OR suap) date:2019-10"},
      {"date:2019-10 korupsi OR suap", "(korupsi OR suap) date:2019-10"},
      {"korut OR rusia source:kompas.com", "(korut OR rusia) source:kompas.com"},
      {"banjir (korupsi OR suap year:2019)", "banjir ((korupsi OR suap) year:2019)"},  // a group's alternatives
  };
  // Kept where written: a field each alternative writes, an alternative of filters alone, and an
  // excluded filter.
  const Case kept[] = {
      {"korupsi source:kompas.com OR suap source:tempo.co", "(korupsi source:kompas.com) OR (suap source:tempo.co)"},
      {"korut OR rusia -source:kompas.com", "korut OR (rusia -source:kompas.com)"},
  };
  for (const auto op : {rkn::DefaultOperator::kAnd, rkn::DefaultOperator::kOr}) {
    for (const Case& c : hoisted) {
      CAPTURE(c.query);
      CHECK(Parsed(c.query, op) == Parsed(c.same_as, op));
      CHECK(Parsed(c.query, op).find(") FILTER ") != std::string::npos);
    }
    for (const Case& c : kept) {
      CAPTURE(c.query);
      CHECK(Parsed(c.query, op) == Parsed(c.same_as, op));
    }
  }
  CHECK(Parsed("korut OR source:kompas.com") == "Query((Zkorut OR 0 * Hkompas.com))");  // korut, and every kompas article
}

TEST_CASE("A group of stopwords with only exclusions or filters beside them searches the stopwords, as without the parentheses") {
  // "(tidak -hujan)" matched every article without hujan: 21,762 in CLICK-ID instead of 11,958.
  for (const auto op : {rkn::DefaultOperator::kAnd, rkn::DefaultOperator::kOr}) {
    CHECK(Parsed("(tidak -hujan)", op) == Parsed("tidak -hujan", op));
    CHECK(Parsed("(tidak -hujan)", op).find("<alldocuments>") == std::string::npos);
    CHECK(Parsed("saut OR (yang -korea)", op).find("<alldocuments>") == std::string::npos);
  }
}
