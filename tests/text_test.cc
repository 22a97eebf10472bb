// NormalizeText and SplitGluedCurrency (common/text.h): what index and query text become; and
// EditDistance, which spelling suggestions and field hints compare words with.
#include "common/text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_CASE("NormalizeText turns control characters and the zero-width space into spaces") {
  struct Case {
    const char* name;
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"plain ASCII stays", "Presiden Jokowi.\nBaris dua.", "Presiden Jokowi.\nBaris dua."},
      {"a terminal escape in a title", "Judul \x1b]0;HACKED\x07 unik", "Judul  ]0;HACKED  unik"},
      {"a NUL and DEL", std::string("a") + '\0' + "b\x7f" "c", "a b c"},
      {"tab, form feed, vertical tab", "a\tb\fc\vd", "a b c d"},
      {"carriage returns become line breaks", "a\r\nb\rc", "a\nb\nc"},
      {"a C1 control (U+0090) in UTF-8", "a\xC2\x90" "b", "a b"},
      {"NEL (U+0085) is a line break", "a\xC2\x85" "b", "a\nb"},
      {"the zero-width space breaks words", "Jakarta\xE2\x80\x8BUtara", "Jakarta Utara"},
      {"the zero-width joiner and soft hyphen are dropped", "ab\xE2\x80\x8D" "c de\xC2\xAD" "f", "abc def"},
      {"bidirectional controls are dropped", "kor\u202Dut \u202Bpemilu\u202C ab\u200Fc \u2066d\u2069 e\u061Cf", "korut pemilu abc d ef"},
      {"typographic quotes and dashes fold", "\xE2\x80\x9CKata\xE2\x80\x9D \xE2\x80\x93 ya", "\"Kata\" - ya"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(rkn::NormalizeText(c.in) == c.want);
  }
}

TEST_CASE("NormalizeText folds ligatures, full-width and styled letters to the letters they write") {
  struct Case {
    const char* name;
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"full-width letters and digits", "\uFF2B\uFF30\uFF2B \uFF12\uFF10\uFF11\uFF19", "KPK 2019"},
      {"full-width punctuation", "\uFF08a\uFF09\uFF0Cb\uFF01", "(a),b!"},
      {"ligatures", "\uFB01nal \uFB00ek \uFB06", "final ffek st"},
      {"mathematical bold and italic letters", "\U0001D40A\U0001D40F\U0001D40A \U0001D458\U0001D45C\U0001D45F\U0001D462\U0001D461", "KPK korut"},
      {"half-width katakana become the full-width ones", "\uFF76", "\u30AB"},
      {"a vertical em dash folds on to '-'", "a\uFE31b", "a-b"},
      {"an Arabic presentation form is its letter", "\uFEB3", "\u0633"},
      {"superscripts, fractions and the ideographic space keep their own rules", "km\u00B2 \u00BD\u3000x", "km\u00B2 \u00BD x"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(rkn::NormalizeText(c.in) == c.want);
  }
}

TEST_CASE("SplitGluedCurrency puts a space after an Rp that starts a word and is glued to an amount") {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"Rp3,5 triliun", "Rp 3,5 triliun"},
      {"dana rp100.000 dan RP.500 dan Rp 2 juta", "dana rp 100.000 dan RP.500 dan Rp 2 juta"},
      {"(Rp5) \"Rp6\" \xE2\x80\x9CRp7", "(Rp 5) \"Rp 6\" \xE2\x80\x9CRp 7"},
      {"XRp3 RpRp5 \xC3\xA9Rp3 ma'Rp4 x&Rp5", "XRp3 RpRp5 \xC3\xA9Rp3 ma'Rp4 x&Rp5"},  // not a word's start
      {"'Rp4 &Rp5", "'Rp 4 &Rp 5"},  // an apostrophe or '&' after no word joins nothing
      {"Rp Rpx Rp", "Rp Rpx Rp"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    std::string buf = "left over";
    const std::string_view got = rkn::SplitGluedCurrency(c.in, &buf);
    CHECK(got == c.want);
    // Unchanged text comes back as itself, without a copy.
    if (std::string_view(c.in) == c.want) CHECK(got.data() == c.in);
  }
}

TEST_CASE("SpellPercent writes a '%' after a number as the word persen") {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"naik 3,5% tahun ini", "naik 3,5 persen  tahun ini"},
      {"naik 5 % saja", "naik 5  persen  saja"},
      {"100%.", "100 persen ."},
      {"50%-an", "50 persen -an"},
      {"x% dan %5 dan % saja", "x% dan %5 dan % saja"},  // after no number: punctuation
      {"5  %", "5  %"},                                  // two spaces: no longer the number's
      {"%", "%"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    std::string buf = "left over";
    const std::string_view got = rkn::SpellPercent(c.in, &buf);
    CHECK(got == c.want);
    if (std::string_view(c.in) == c.want) CHECK(got.data() == c.in);
  }
}

TEST_CASE("FoldLatinMarks writes Latin letters with diacritics as their ASCII letters, and nothing else") {
  struct Case {
    const char* name;
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"ASCII stays", "Presiden Jokowi, 3,5%.", "Presiden Jokowi, 3,5%."},
      {"acute, grave, umlaut, tilde", "Mbapp\xC3\xA9 \xC3\xA0 \xC3\x96zil Pe\xC3\xB1" "a", "Mbappe a Ozil Pena"},
      {"capitals keep their case", "\xC3\x89LAN \xC3\x85SE", "ELAN ASE"},
      {"Latin Extended-A and B: breve, caron, comma below", "Erdo\xC4\x9F" "an \xC5\xA0koda \xC8\x98tefan", "Erdogan Skoda Stefan"},
      {"Vietnamese (Latin Extended Additional)", "Nguy\xE1\xBB\x85n", "Nguyen"},
      {"stroke and dotless letters", "\xC3\x98stergaard \xC5\x81\xC3\xB3" "d\xC5\xBA \xC4\xB1rmak \xC4\x90\xE1\xBB\x97", "Ostergaard Lodz irmak Do"},
      {"letters with no ASCII base stay", "Stra\xC3\x9F" "e \xC3\x86sir \xC3\xBE", "Stra\xC3\x9F" "e \xC3\x86sir \xC3\xBE"},
      {"other scripts and symbols stay", "\xD0\x96 \xCE\xA3 \xE2\x80\x9Cx\xE2\x80\x9D \xE2\x84\xAB", "\xD0\x96 \xCE\xA3 \xE2\x80\x9Cx\xE2\x80\x9D \xE2\x84\xAB"},
      {"ill-formed bytes stay", "a\xC3(b \xC3\xA9", "a\xC3(b e"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string buf;
    const std::string_view got = rkn::FoldLatinMarks(c.in, &buf);
    CHECK(std::string(got) == c.want);
    if (c.in == c.want) CHECK(got.data() == c.in.data());  // nothing to fold: the text itself
  }
  CHECK(rkn::FoldLatinMark(U'\u00E9') == U'e');
  CHECK(rkn::FoldLatinMark(U'\u00DF') == U'\u00DF');
  CHECK(rkn::FoldLatinMark(U'x') == U'x');
}

TEST_CASE("EditDistance counts a swap of neighbouring letters as one edit, as Xapian's spelling does") {
  struct Case {
    const char* a;
    const char* b;
    size_t want;
  };
  const std::vector<Case> cases = {
      {"", "", 0},           {"jokowi", "jokowi", 0}, {"", "abc", 3},
      {"indonesai", "indonesia", 1},  // a swap
      {"indoensia", "indonesia", 1},  // a swap inside the word
      {"indonesa", "indonesia", 1},   // a deletion
      {"jokowu", "jokowi", 1},        // a substitution
      {"titel", "title", 1},          // the field hint's typo
      {"ab", "ba", 1},         {"abc", "ca", 3},  // optimal string alignment: no edit of a swapped pair
      {"gorbachex", "gorbachev", 1}, {"khruschev", "khrushchev", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(rkn::EditDistance(c.a, c.b) == c.want);
    CHECK(rkn::EditDistance(c.b, c.a) == c.want);
  }
}

TEST_CASE("HasLetterOrDigit finds text a search could match, in any script") {
  struct Case {
    const char* name;
    std::string text;
    bool want;
  };
  const Case cases[] = {
      {"empty", "", false},
      {"white space", " \t\r\n\u00A0", false},
      {"commas and dashes, as scraped bodies", "-,,,", false},
      {"U+FFFD alone", "\uFFFD", false},
      {"malformed UTF-8", "\xFF\xFE", false},
      {"an ASCII letter", "...a", true},
      {"a digit", "- 7 -", true},
      {"a Latin letter with an accent", "\u00E9", true},
      {"an Arabic letter", "\u0627", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(rkn::HasLetterOrDigit(c.text) == c.want);
  }
}

TEST_CASE("EndsSentence ends sentences at line breaks and at . ! ? before a space, but not after abbreviations") {
  struct Row {
    const char* text;
    bool ends;
  };
  const Row rows[] = {
      {"Jakarta. Di", true},       {"Jakarta! Di", true},     {"Apa? Lima", true},    {"baris\nberikut", true},
      {"Jakarta.Di", false},       {"Jakarta.", false},       {"1. 5", false},        {"Jl. Sudirman", false},
      {"jln. Merdeka", false},     {"Dr. Ani", false},        {"J. Smith", false},    {"S.H. Dia", false},
      {"Rp. 5.000", false},        {"dll. dan", false},       {"Prof. Budi", false},  {"Pol. Argo", false},
      {"seterusnya. Berapa", true}, {"ibu. Dia", true},        {"2019. Pada", true},   {"a. Budi", true},
      {"LAPOR! yang", false},       {"Apa? kata", false},      {"PT. Yamaha", false},  {"Tbk. ASII", false},
      {"Kompas.com. Dia", true},    {"M.Si. Dia", false},      {"a.n. Budi", false},   {"S.Sos. Ia", false},
      // A closing quote after the punctuation ends the sentence in its place, by the same rules.
      {"dia.\" Lalu", true},        {"siap!\u201d Ia", true}, {"tidak.' Lalu", true}, {"tidak.\u2019 Ini", true},
      {"Apa?\" tanya", false},      {"Jl.\" Sudirman", false}, {"\" Lalu", false},    {"kata \"Dia\" Lalu", false},
      {"x\u201d Lalu", false},      {"\u2019 x", false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    const std::string_view t = r.text;
    // The byte before the space, else the first candidate ("Jakarta.Di", "baris\nberikut").
    const size_t space = t.rfind(' ');
    const bool before_space = space != std::string_view::npos && space > 0 && rkn::kSentenceEndBytes.find(t[space - 1]) != std::string_view::npos;
    CHECK(rkn::EndsSentence(t, before_space ? space - 1 : t.find_first_of(".!?\n")) == r.ends);
  }
  SUBCASE("the punctuation before a closing quote does not end the sentence: the quote does") {
    CHECK_FALSE(rkn::EndsSentence("dia.\" Lalu", 3));
    CHECK(rkn::EndsSentence("dia.\" Lalu", 4));
    CHECK_FALSE(rkn::EndsSentence("dia.\u201d Lalu", 3));
    CHECK(rkn::EndsSentence("dia.\u201d Lalu", 6));
  }
}

TEST_CASE("SpaceGluedSentences gives a sentence glued to the next its space, and leaves addresses and acronyms alone") {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const Case& c : std::vector<Case>{
           {"ujarnya.Sebagai contoh", "ujarnya. Sebagai contoh"},
           {"di bawah ini!Kebutuhan dan lagi?Tidak", "di bawah ini! Kebutuhan dan lagi? Tidak"},
           {"tahun 2022.Dalam laporan (BPS).Angka", "tahun 2022. Dalam laporan (BPS). Angka"},
           {"Kab.Cianjur", "Kab. Cianjur"},  // an abbreviation gets its space; EndsSentence knows it
           // Left alone: a capital and fewer than two lowercase letters, a domain, an address,
           // a capital or a mark before, the text's end.
           {"TEMPO.CO, Jakarta", "TEMPO.CO, Jakarta"},
           {"Tempo.Co, Jakarta", "Tempo.Co, Jakarta"},
           {"katanya.Ia pergi", "katanya.Ia pergi"},
           {"Kompas.Com dan detik.Org", "Kompas.Com dan detik.Org"},
           {"situs www.ef.co.id.English First", "situs www.ef.co.id.English First"},
           {"surel ani@contoh.id.Kami", "surel ani@contoh.id.Kami"},
           {"https://a.b/c.Html", "https://a.b/c.Html"},
           {"U.S.Army", "U.S.Army"},
           {"dia.Ab", "dia.Ab"},
           {"", ""},
       }) {
    CAPTURE(std::string(c.in));
    CHECK(rkn::SpaceGluedSentences(c.in) == c.out);
  }
  const std::string glued = "katanya.Sebagai";
  CHECK(rkn::EndsSentence(rkn::SpaceGluedSentences(glued), glued.find('.')));
}

TEST_CASE("HashWords64 hashes eight bytes a step, with values that stay the same from build to build") {
  // Databases store these values (the alias file's fingerprint): they must not drift.
  CHECK(rkn::HashWords64("") == rkn::kFnvOffset);
  CHECK(rkn::HashWords64("abc") == rkn::Fnv1a("abc"));  // under eight bytes: Fnv1a's steps
  CHECK(rkn::HashWords64("Korut | Korea Utara\n") == 0x715f7f9bbd09365aULL);
  // A change to the last byte of two words does not cancel out (without the shift it could).
  std::string a(64, 'a'), b = a;
  b[7] = 'o';
  b[15] = 'q';
  CHECK(rkn::HashWords64(a) != rkn::HashWords64(b));
  CHECK(rkn::HashWords64("Korut | Korea Utara\n") != rkn::HashWords64("Korut | Korea Utara \n"));
}

TEST_CASE("DecodeHtmlEntities decodes the references scraped text carries, once or encoded twice, and nothing else") {
  struct Case {
    const char* name;
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"named references of text", "warga &quot;tangguh&quot;&nbsp;dan R&amp;D", "warga \"tangguh\"\u00A0dan R&D"},
      {"numeric, decimal and hex", "&#8216;Banjir&#8217; &#x2019;a&#X201C;", "\u2018Banjir\u2019 \u2019a\u201C"},
      {"128 to 159 are Windows-1252's, as browsers read them", "&#147;Ya&#148; &#150; &#133;", "\u201CYa\u201D \u2013 \u2026"},
      {"encoded twice or three times", "yang&amp;nbsp;lain &amp;quot;x&amp;amp;quot; &amp;#8216;", "yang\u00A0lain \"x\" \u2018"},
      {"a lone ampersand, R&D, AT&T", "a & b, R&D; AT&T", "a & b, R&D; AT&T"},
      {"an unknown name or a bad number stays", "&foo; &#; &#xZZ; &#0; &#xD800; &#99999999; &amp", "&foo; &#; &#xZZ; &#0; &#xD800; &#99999999; &amp"},
      {"&amp; before no reference is an ampersand", "&amp; dia &amp;foo;", "& dia &foo;"},
      {"accented letters", "caf&eacute; Se&ntilde;or &Uuml;", "caf\u00E9 Se\u00F1or \u00DC"},
      {"no ampersand: unchanged", "Presiden Jokowi", "Presiden Jokowi"},
      {"a control character or line separator is a space: no new line", "a&#10;b&#13;c&#x2028;d&#9;e", "a b c d e"},
      {"a ';' out of a reference's reach", "&amp" + std::string(40, 'x') + ";", "&amp" + std::string(40, 'x') + ";"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(rkn::DecodeHtmlEntities(c.in) == c.want);
  }
  SUBCASE("many ampersands and no reference take linear time") {
    std::string many;
    for (int i = 0; i < 400000; ++i) many += "R&D ";  // quadratic, this took seconds
    CHECK(rkn::DecodeHtmlEntities(many + ";") == many + ";");
  }
}
