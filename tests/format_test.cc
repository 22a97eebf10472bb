#include "common/format.h"

#include <doctest/doctest.h>
#include <unicode/uchar.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

rkn::Hit MakeHit(const std::string& text, double score) {
  rkn::Hit h;
  h.rank = 3;
  h.docid = 4294967295u;
  h.score = score;
  h.path = "000/" + text + ".txt";
  h.title = text;
  h.source = text.empty() ? "" : "kompas.com";
  h.published = "2019-05-06T21:18:00+07:00";
  h.url = text;
  h.record = text;
  h.snippet.text = "… " + text + " …";
  h.snippet.highlights = {{2, 5}, {7, 9}};
  h.title_highlights = {{0, 1}, {3, 4}};
  h.collapsed = 2;
  return h;
}

// What WriteResponse writes of `r` in `format`.
std::string Written(const rkn::SearchResponse& r, rkn::OutputFormat format, const rkn::HumanStyle& style = {}) {
  std::ostringstream out;
  rkn::WriteResponse(r, format, style, out);
  return out.str();
}

}  // namespace

TEST_CASE("The batch JSON writer gives the bytes nlohmann::json's dump gives") {
  const std::vector<std::string> texts = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      "control \b\f\n\r\t \x01 \x1f \x7f",
      "unicode é ü 日本 “kutip” \xF0\x9F\x98\x80",
      "bad utf8 \xC3\x28 and \xFF end",  // replaced with U+FFFD, as dump does
      "overlong \xC0\xAF",
      "long ASCII run without anything special in it at all, more than eight bytes long",
  };
  const std::vector<double> scores = {0.0, -0.0, 1.0, 12.0, 3.21, 0.1 + 0.2, 1e-7, 123456789.125, 1e21, 1e300,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity()};
  for (const auto& text : texts) {
    for (double score : scores) {
      CAPTURE(text);
      CAPTURE(score);
      rkn::SearchResponse r;
      r.query = text;
      r.parsed_query = "Query(" + text + ")";
      r.total = 7;
      r.total_lower = 5;
      r.total_upper = 9;
      r.suggestion = text;
      if (score == 1.0) r.notes = {text, "'a*' stands for the 200 most frequent of its 31245 words"};
      r.facets["source"] = {{text, 3}, {"kompas.com", 1}};
      r.facets["year"] = {{"2019", 4}};
      r.hits = {MakeHit(text, score), MakeHit("second", score)};
      r.hits[1].record.clear();
      r.hits[0].category = text;

      std::string mine;
      rkn::AppendResponseJson(r, std::nullopt, &mine);
      CHECK(mine == rkn::ResponseJson(r).dump(-1, ' ', false, kReplace));

      std::string with_line;
      rkn::AppendResponseJson(r, 42, &with_line);
      auto j = rkn::ResponseJson(r);
      j["line"] = 42;
      CHECK(with_line == j.dump(-1, ' ', false, kReplace));

      std::string hit;
      rkn::AppendHitJson(r.hits[0], &hit);
      CHECK(hit == rkn::HitJson(r.hits[0]).dump(-1, ' ', false, kReplace));
    }
  }
  SUBCASE("an empty response") {
    rkn::SearchResponse r;
    std::string mine;
    rkn::AppendResponseJson(r, 1, &mine);
    auto j = rkn::ResponseJson(r);
    j["line"] = 1;
    CHECK(mine == j.dump(-1, ' ', false, kReplace));
  }
}

TEST_CASE("Human output lists facets in the order asked for, with (none) for a facet no match has") {
  rkn::SearchResponse r;
  r.total = 4;
  r.total_lower = r.total_upper = 4;
  r.facets["source"] = {{"kompas.com", 3}, {"tempo.co", 1}};
  r.facets["year"] = {{"2019", 4}};
  r.facets["author"] = {};
  r.facet_order = {"year", "source", "author"};
  const std::string out = Written(r, rkn::OutputFormat::kHuman);
  CHECK(out == "year:  2019 (4)\nsource:  kompas.com (3)  tempo.co (1)\nauthor:  (none)\n4 matching articles\n");
  SUBCASE("facets not in the order, by name after those that are") {
    r.facet_order = {"year"};
    const std::string o = Written(r, rkn::OutputFormat::kHuman);
    CHECK(o == "year:  2019 (4)\nauthor:  (none)\nsource:  kompas.com (3)  tempo.co (1)\n4 matching articles\n");
  }
}

TEST_CASE("CSV output has a header, one row per hit, quoted text fields and the record and url of dump articles") {
  rkn::SearchResponse r;
  r.total = 2;
  rkn::Hit a = MakeHit("plain", 12.5);
  a.title = "Kata \"dia\", lalu\nbaris";
  a.author = "";
  a.record = "https://example.id/a?x=1,2";
  a.url = "https://example.id/a?x=1,2";
  rkn::Hit b = MakeHit("second", 3.0);
  b.rank = 4;
  b.record = "";
  b.url = "";
  b.collapsed = 0;
  b.category = "politik";
  r.hits = {a, b};
  const std::string out = Written(r, rkn::OutputFormat::kCsv);
  CHECK(out ==
        "rank,docid,score,path,title,source,published,author,snippet,record,url,collapsed,category\n"
        "3,4294967295,12.5,\"000/plain.txt\",\"Kata \"\"dia\"\", lalu\nbaris\",\"kompas.com\","
        "\"2019-05-06T21:18:00+07:00\",\"\",\"… plain …\",\"https://example.id/a?x=1,2\",\"https://example.id/a?x=1,2\",2,\"\"\n"
        "4,4294967295,3.0,\"000/second.txt\",\"second\",\"kompas.com\",\"2019-05-06T21:18:00+07:00\",\"\","
        "\"… second …\",\"\",\"\",0,\"politik\"\n");
}

TEST_CASE("Human output shows no control character a scraped article carries") {
  // Databases indexed before NormalizeText turned them into spaces may still hold them.
  rkn::SearchResponse r;
  r.total = r.total_lower = r.total_upper = 1;
  rkn::Hit h = MakeHit("Judul \x1b]0;HACKED\x07 unik", 1.5);
  h.snippet.text = std::string("Isi \x1b[2J layar ") + '\0' + " nol.";
  h.snippet.highlights = {{0, 3}};
  h.author = "Budi\x7f";
  r.hits.push_back(h);
  r.facets["source"] = {{"evil\x1b[31m.com", 1}};
  for (const bool color : {false, true}) {
    CAPTURE(color);
    rkn::HumanStyle style;
    style.color = color;
    const std::string out = Written(r, rkn::OutputFormat::kHuman, style);
    std::string shown = out;
    // Colour adds its own "\x1b[...m" sequences: take them out, then nothing else may remain.
    const std::string codes[] = {"\x1b[1m", "\x1b[2m", "\x1b[0m", "\x1b[1;31m"};
    for (const std::string& code : codes) {
      for (size_t at; (at = shown.find(code)) != std::string::npos;) shown.erase(at, code.size());
    }
    for (const char c : shown) {
      const auto u = static_cast<unsigned char>(c);
      CHECK_FALSE(((u < 0x20 && u != '\n') || u == 0x7F));
    }
    CHECK(shown.find("HACKED") != std::string::npos);  // the text stays, as plain characters
    CHECK(shown.find("Isi") != std::string::npos);
  }
}

TEST_CASE("Human output shows a bidirectional character as a space and a one-line field's line break too, while JSON and CSV keep them") {
  // U+202E printed raw turns around what the terminal shows after it ("a\u202Etxt.exe" reads
  // "aexe.txt"); one space for each keeps the highlights, counted in code points, on their words.
  rkn::SearchResponse r;
  r.total = r.total_lower = r.total_upper = 1;
  rkn::Hit h;
  h.rank = 1;
  h.title = "Judul \u202Eabc kata";
  h.title_highlights = {{11, 15}};
  h.snippet.text = "Isi \u2066berita\u2069 penting \u200Eini\u200F.";
  h.snippet.highlights = {{5, 11}, {22, 25}};
  h.path = "000/a\u202Etxt.exe\nPALSU.txt";
  h.author = "\u061CBudi";
  r.hits.push_back(h);
  r.facets["source"] = {{"evil\u2067.com", 1}};
  r.suggestion = "kor\u202Dut";
  const std::string out = Written(r, rkn::OutputFormat::kHuman);
  CHECK(out ==
        "Did you mean: kor ut\n\n"
        "1. Judul abc [kata]\n"
        "   000/a txt.exe PALSU.txt   Budi\n"
        "   Isi [berita] penting [ini] .\n\n"
        "source:  evil .com (1)\n"
        "1 matching article\n");
  SUBCASE("JSON keeps the exact text") {
    std::string compact;
    rkn::AppendResponseJson(r, std::nullopt, &compact);
    CHECK(compact.find("\"title\":\"Judul \u202Eabc kata\"") != std::string::npos);
    CHECK(compact.find("\"path\":\"000/a\u202Etxt.exe\\nPALSU.txt\"") != std::string::npos);
    CHECK(rkn::ResponseJson(r)["hits"][0]["snippet"] == h.snippet.text);
  }
  SUBCASE("CSV keeps the exact text") {
    const std::string csv = Written(r, rkn::OutputFormat::kCsv);
    CHECK(csv.find("\"Judul \u202Eabc kata\"") != std::string::npos);
    // A line break in a path stays in its quoted cell: made a space, the path named no file.
    CHECK(csv.find("\"000/a\u202Etxt.exe\nPALSU.txt\"") != std::string::npos);
  }
}

TEST_CASE("Human output brackets neighbouring matched words as one, across spaces or one hyphen, and keeps the others apart") {
  struct Row {
    const char* name;
    std::string text;
    std::vector<std::pair<size_t, size_t>> highlights;  // code points
    const char* shown;
  };
  const std::vector<Row> rows = {
      {"a space between", "ada gencatan senjata kini", {{4, 12}, {13, 20}}, "ada [gencatan senjata] kini"},
      {"three in a row", "Revisi UU KPK itu", {{0, 6}, {7, 9}, {10, 13}}, "[Revisi UU KPK] itu"},
      {"one hyphen between", "konser K-Pop itu", {{7, 8}, {9, 12}}, "konser [K-Pop] itu"},
      {"a spaced dash between", "Korut - Rusia", {{0, 5}, {8, 13}}, "[Korut] - [Rusia]"},
      {"two hyphens between", "AS--China", {{0, 2}, {4, 9}}, "[AS]--[China]"},
      {"a comma between", "Putin, Kim bertemu", {{0, 5}, {7, 10}}, "[Putin], [Kim] bertemu"},
      {"a word between", "Putin dan Kim", {{0, 5}, {10, 13}}, "[Putin] dan [Kim]"},
      {"non-ASCII before", "\xC3\xA9 \xC3\x89lan Korea", {{2, 6}, {7, 12}}, "\xC3\xA9 [\xC3\x89lan Korea]"},
      {"touching", "Rp3,5", {{0, 2}, {2, 5}}, "[Rp][3,5]"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.name));
    rkn::SearchResponse r;
    r.total = r.total_lower = r.total_upper = 1;
    rkn::Hit h = MakeHit("judul", 1.0);
    h.snippet.text = row.text;
    h.snippet.highlights = row.highlights;
    r.hits.push_back(h);
    const std::string out = Written(r, rkn::OutputFormat::kHuman);
    CAPTURE(out);
    CHECK(out.find("   " + std::string(row.shown) + "\n") != std::string::npos);
  }
}

TEST_CASE("Human output marks the title's matched words as the snippet's, bold around them in colour") {
  rkn::SearchResponse r;
  r.total = r.total_lower = r.total_upper = 1;
  rkn::Hit h = MakeHit("judul", 1.0);
  h.title = "Korea Utara luncurkan rudal";
  h.title_highlights = {{0, 5}, {6, 11}, {22, 27}};
  r.hits.push_back(h);
  const std::string plain = Written(r, rkn::OutputFormat::kHuman);
  CHECK(plain.starts_with("3. [Korea Utara] luncurkan [rudal]\n"));
  rkn::HumanStyle colour;
  colour.color = true;
  const std::string coloured = Written(r, rkn::OutputFormat::kHuman, colour);
  CHECK(coloured.starts_with("\x1b[1m3. \x1b[1;31mKorea Utara\x1b[0m\x1b[1m luncurkan \x1b[1;31mrudal\x1b[0m\x1b[1m\x1b[0m\n"));
  // No title: a placeholder, nothing marked.
  r.hits[0].title.clear();
  r.hits[0].title_highlights.clear();
  const std::string untitled = Written(r, rkn::OutputFormat::kHuman);
  CHECK(untitled.starts_with("3. (untitled)\n"));
}

TEST_CASE("Human output wraps a long title to the width, its further lines under its first letter") {
  rkn::SearchResponse r;
  r.total = r.total_lower = r.total_upper = 1;
  rkn::Hit h = MakeHit("judul", 1.0);
  h.rank = 12;
  h.title = "Pemimpin Korea Utara akan segera mengadakan pertemuan dengan Presiden Rusia";
  h.title_highlights = {{9, 14}, {15, 20}};
  r.hits.push_back(h);
  rkn::HumanStyle narrow;
  narrow.width = 40;
  const std::string out = Written(r, rkn::OutputFormat::kHuman, narrow);
  CHECK(out.starts_with("12. Pemimpin [Korea Utara] akan segera\n"
                              "    mengadakan pertemuan dengan Presiden\n"
                              "    Rusia\n"));
}

TEST_CASE("Human output wraps by terminal columns: wide characters and emoji take two, combining marks none") {
  const std::string acute = "e\u0301";  // e and a combining acute accent: one column
  std::string accented;
  for (int i = 0; i < 6; ++i) accented += acute;
  struct Row {
    std::string name, title, want;  // want: the title's lines at width 20 ("1. " then 17 columns)
  };
  const std::vector<Row> rows = {
      // 中文中文 is 8 columns: two such words and a space make 17, and "banjir" goes below.
      {"CJK", "中文中文 中文中文 banjir", "1. 中文中文 中文中文\n   banjir\n"},
      {"CJK, one column too many", "中文中文 中文中文a banjir", "1. 中文中文\n   中文中文a banjir\n"},
      {"emoji", "😍😍😍 aaaaaaaaaa bb", "1. 😍😍😍 aaaaaaaaaa\n   bb\n"},
      // ❤ alone is one column; with U+FE0F, the picture, two.
      {"emoji by U+FE0F", "\u2764\uFE0F\u2764\uFE0F\u2764\uFE0F aaaaaaaaaa bb", "1. \u2764\uFE0F\u2764\uFE0F\u2764\uFE0F aaaaaaaaaa\n   bb\n"},
      {"combining", accented + " bbbbbbbbbb cc", "1. " + accented + " bbbbbbbbbb\n   cc\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    rkn::SearchResponse r;
    r.total = r.total_lower = r.total_upper = 1;
    rkn::Hit h = MakeHit("judul", 1.0);
    h.rank = 1;
    h.title = row.title;
    h.title_highlights.clear();
    r.hits.push_back(h);
    rkn::HumanStyle narrow;
    narrow.width = 20;
    const std::string out = Written(r, rkn::OutputFormat::kHuman, narrow);
    CAPTURE(out);
    CHECK(out.starts_with(row.want));
  }
}

TEST_CASE("Terminal columns skip ICU's width and emoji look-up only where it could not say two") {
  // The full rule, looked up for every code point: the short cut below U+231A must agree with it.
  const auto full = [](UChar32 c) -> size_t {
    if (c < 0x300) return 1;
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
    const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH || u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) ? 2 : 1;
  };
  size_t differ = 0;
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) differ += rkn::TerminalColumns(c) != full(c);
  CHECK(differ == 0);
  SUBCASE("the characters on either side of the short cut's edges") {
    struct Row {
      int32_t c;
      size_t columns;
    };
    for (const Row& row : std::vector<Row>{{'a', 1},        {0x2026, 1} /* … */, {0x201C, 1} /* “ */, {0x0301, 0},
                                           {0x1100, 2} /* ᄀ */, {0x1160, 1},  {0x2319, 1},            {0x231A, 2} /* ⌚ */,
                                           {0x4E2D, 2} /* 中 */, {-1, 1},      {0x110000, 1}}) {
      CAPTURE(row.c);
      CHECK(rkn::TerminalColumns(row.c) == row.columns);
    }
  }
}

TEST_CASE("Human output ends with the number of matches, and says when it is Xapian's estimate") {
  struct Row {
    const char* name;
    Xapian::doccount total, lower, upper;
    const char* line;
  };
  const std::vector<Row> rows = {
      {"exact", 939, 939, 939, "939 matching articles\n"},
      {"one", 1, 1, 1, "1 matching article\n"},
      {"estimated", 20, 15, 1357, "about 20 matching articles (between 15 and 1357; --count counts them exactly)\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.name));
    rkn::SearchResponse r;
    r.total = row.total;
    r.total_lower = row.lower;
    r.total_upper = row.upper;
    const std::string out = Written(r, rkn::OutputFormat::kHuman);
    CHECK(out == row.line);
  }
}
