// Snippet highlighting stems only the words that can stem to one of the query's stems
// (common/snippet.h, StemNeedle). These tests check the property that makes this exact on real
// text for both stemmers, and that the highlights are those of stemming every word.
#include "common/snippet.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include "common/analyzer.h"
#include "common/stemmer.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The texts of the labelled test articles (tests/data/labelled), sorted by path.
std::vector<std::string> LabelledTexts() {
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(RKN_TEST_DATADIR) / "labelled")) {
    if (e.is_regular_file() && e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& p : paths) texts.push_back(ReadFile(p));
  return texts;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Words as the indexer's TermGenerator finds them (and the snippet code): runs of letters, digits
// and '_', joined across an apostrophe or '&' followed by a word character ("ma'ruf") and across
// '.', ',' or ';' between two digits ("1.500"), except that "Rp" glued to an amount at a word's
// start is a word of its own ("Rp3,5": IndexText), and up to three '+' or '#' end a word when no
// word character follows them ("C++", "C#"), and an acronym of dotted capitals is one word ("B.J.",
// "U.S.A": Acronym), and a '%' after a number is a word ("persen": SpellPercent); each with its
// byte span. Code point by code point.
struct Span {
  size_t b, e;
};
std::vector<Span> WordSpans(const std::string& text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  std::vector<std::pair<int32_t, UChar32>> cps;  // (byte offset, code point); -1 when ill-formed
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    cps.emplace_back(at, c);
  }
  auto word = [&](size_t k) { return k < cps.size() && cps[k].second >= 0 && (u_isalnum(cps[k].second) || cps[k].second == '_'); };
  auto digit = [&](size_t k) { return k < cps.size() && cps[k].second >= '0' && cps[k].second <= '9'; };
  std::vector<Span> out;
  auto space = [&](size_t j) { return j < cps.size() && cps[j].second == ' '; };
  for (size_t k = 0; k < cps.size();) {
    if (!word(k)) {
      // A '%' right after a number, or after a number and one space, is a word ("persen").
      if (cps[k].second == '%' && k >= 1 && (digit(k - 1) || (k >= 2 && space(k - 1) && digit(k - 2)))) {
        out.push_back({static_cast<size_t>(cps[k].first), static_cast<size_t>(cps[k].first) + 1});
      }
      ++k;
      continue;
    }
    const size_t start = k;
    // An acronym: capitals each followed by '.', but the last one's '.' is optional; two at least,
    // no word character after ("B.J." as TermGenerator reads it: "bj").
    auto upper = [&](size_t j) { return j < cps.size() && cps[j].second >= 'A' && cps[j].second <= 'Z'; };
    auto dot = [&](size_t j) { return j < cps.size() && cps[j].second == '.'; };
    if (upper(k)) {
      size_t j = k, letters = 0;
      while (upper(j)) {
        ++letters;
        ++j;
        if (!dot(j)) break;
        ++j;
      }
      if (letters >= 2 && !word(j)) {
        out.push_back({static_cast<size_t>(cps[k].first), j < cps.size() ? static_cast<size_t>(cps[j].first) : text.size()});
        k = j;
        continue;
      }
    }
    auto is = [&](size_t j, char c) { return j < cps.size() && (cps[j].second == c || cps[j].second == c - 'a' + 'A'); };
    if (is(k, 'r') && is(k + 1, 'p') && digit(k + 2)) {
      out.push_back({static_cast<size_t>(cps[k].first), static_cast<size_t>(cps[k + 2].first)});
      k += 2;
      continue;
    }
    for (++k; k < cps.size(); ++k) {
      if (word(k)) continue;
      const UChar32 c = cps[k].second;
      if ((c == '\'' || c == '&') && word(k + 1)) continue;
      if ((c == '.' || c == ',' || c == ';') && digit(k - 1) && digit(k + 1)) continue;
      break;
    }
    size_t suffix = 0;  // up to three '+' or '#' not followed by a word character
    auto plus_or_hash = [&](size_t j) { return j < cps.size() && (cps[j].second == '+' || cps[j].second == '#'); };
    while (suffix <= 3 && plus_or_hash(k + suffix)) ++suffix;
    if (suffix >= 1 && suffix <= 3 && !word(k + suffix)) k += suffix;
    const size_t end = k < cps.size() ? static_cast<size_t>(cps[k].first) : text.size();
    out.push_back({static_cast<size_t>(cps[start].first), end});
  }
  return out;
}

// The word of `text` at `s` (a WordSpans span) as the index has it: lowercased, and "persen" for
// a '%' (SpellPercent).
std::string LowerWord(std::string_view text, const Span& s) {
  const std::string_view w = text.substr(s.b, s.e - s.b);
  return w == "%" ? std::string("persen") : rkn::ToLower(w);
}

// Lowercased words of the labelled articles and of the hand-checked word list.
std::set<std::string> TestWords() {
  std::set<std::string> words;
  for (const auto& text : LabelledTexts()) {
    for (const Span& s : WordSpans(text)) words.insert(LowerWord(text, s));
  }
  std::ifstream in(fs::path(RKN_TEST_DATADIR) / "word_root.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') words.insert(line.substr(0, line.find('\t')));
  }
  // The words roots-extra.txt names a root for ("pengawal>kawal"): a name must not break the needle.
  std::ifstream extra(fs::path(RKN_SOURCE_DIR) / "data" / "roots-extra.txt");
  while (std::getline(extra, line)) {
    line = line.substr(0, line.find('#'));
    if (const size_t gt = line.find('>'); gt != std::string::npos) {
      std::string w = line.substr(0, gt);
      w.erase(std::remove(w.begin(), w.end(), ' '), w.end());
      words.insert(rkn::ToLower(w));
    }
  }
  return words;
}

// "Z" + the stem of `word`, as indexed.
std::string ZTerm(const Xapian::Stem& stem, const std::string& word) {
  std::string z(1, 'Z');
  z += stem(word);
  return z;
}

// Calls fn(index, text, word spans) for each labelled text of at least 50 words; returns how many.
template <class F>
size_t ForEachLongText(F&& fn) {
  const auto texts = LabelledTexts();
  REQUIRE(texts.size() >= 10);
  size_t n = 0;
  for (size_t t = 0; t < texts.size(); ++t) {
    CAPTURE(t);
    const auto spans = WordSpans(texts[t]);
    if (spans.size() < 50) continue;
    fn(texts[t], spans);
    ++n;
  }
  return n;
}

Xapian::Stem DictionaryStem() {
  auto dict = rkn::RootDictionary::Load(fs::path(RKN_SOURCE_DIR) / "data");
  REQUIRE_MESSAGE(dict.ok(), dict.status().ToString());
  return rkn::MakeIndonesianStem(dict.value());
}

}  // namespace

TEST_CASE("The indexer (IndexText) and the snippets split text into the same words") {
  // The words IndexText gives `text` (IndexedWords), against WordSpans without their letters'
  // diacritics (FoldLatinMarks) and lowercased as TermGenerator lowercases (TermGenerator skips
  // words over 64 bytes), with the up to three '+' or '#' that both keep after a word ("c++", "c#").
  auto check = [](const std::string& text) {
    Xapian::TermGenerator tg;
    std::vector<std::string> indexed, spans;
    for (const std::string& term : rkn::IndexedWords(tg, text)) indexed.push_back(term);
    for (const Span& sp : WordSpans(text)) {
      std::string buf;
      const std::string folded(rkn::FoldLatinMarks(std::string_view(text).substr(sp.b, sp.e - sp.b), &buf));
      std::string w = Xapian::Unicode::tolower(folded);
      if (w.size() >= 3 && w[1] == '.' && w[0] >= 'a' && w[0] <= 'z') std::erase(w, '.');  // an acronym: "b.j." is "bj"
      if (w == "%") w = "persen";  // after a number (SpellPercent)
      if (folded.size() <= 64) spans.push_back(w);
    }
    size_t k = 0;
    while (k < indexed.size() && k < spans.size() && indexed[k] == spans[k]) ++k;
    CAPTURE(k);
    CAPTURE(k < indexed.size() ? indexed[k] : std::string("(end)"));
    CAPTURE(k < spans.size() ? spans[k] : std::string("(end)"));
    CHECK(indexed == spans);
  };
  SUBCASE("written cases") {
    for (const char* text : {"Dana Rp3,5 triliun, lalu RP100.000 dan Rp 2 juta (Rp.500).",
                             "\xE2\x80\x9CRp5 juta\xE2\x80\x9D kata Ma'ruf; 'Rp6 dan x'Rp7, AT&Rp8 &Rp9.",
                             "XRp3 RpRp5 \xC3\xA9Rp3 Rp rp3x Rp3,5juta 1.500,25 Rp",
                             "C++ dan C#, fish+chips, a++++ b#c x+#+ y#. \xC3\xA9++ Ma'ruf+ Rp3+ 5# z+\xC3\xA9 w++",
                             "B.J. Habibie, H.R. Rasuna Said, S.H., U.S.A dan P.T.O.x B.J.Habibie b.j. X.Y.z A.B# A.B.C++ A.B'c",
                             // A capital of another script after initials (Cyrillic Zhe). One with
                             // diacritics ("A.B.\xC3\x96") the indexer folds into the acronym "abo",
                             // while the snippets read three words: not highlighted. CLICK-ID 2019
                             // writes none.
                             "A.B&C (A.B.) A.B.1 xA.B. A.B.\xD0\x96 A.\xD0\x96. B..J. K.H. Ma'ruf A.B.C.D.E.F.G.H.I.J.K.L.M.N",
                             "Naik 3,5% dan 5 % lalu 10 persen; 50%-an, x% %5 % 5  % 100%. Rp5% 2%%"}) {
      CAPTURE(text);
      check(text);
    }
  }
  SUBCASE("the labelled news articles") {
    const auto texts = LabelledTexts();
    REQUIRE(texts.size() >= 10);
    for (const auto& text : texts) check(text);
  }
}

TEST_CASE("StemNeedle drops the first character of a stem") {
  struct Row {
    const char* stem;
    const char* needle;
  };
  for (const Row& r : std::vector<Row>{{"pukul", "ukul"}, {"a", ""}, {"", ""}, {"éra", "ra"}, {"ü", ""}}) {
    CAPTURE(r.stem);
    CHECK(rkn::StemNeedle(r.stem) == r.needle);
  }
}

TEST_CASE("Every word of real news text contains the needle of its stem, with either stemmer") {
  const std::set<std::string> words = TestWords();
  REQUIRE(words.size() > 4000);
  const std::vector<std::pair<std::string, Xapian::Stem>> stemmers = {{"dictionary", DictionaryStem()},
                                                                       {"snowball", Xapian::Stem("indonesian")}};
  for (const auto& item : stemmers) {
    const auto& name = std::get<0>(item);
    const auto& stem = std::get<1>(item);
    CAPTURE(name);
    size_t changed = 0;
    for (const std::string& w : words) {
      const std::string s = stem(w);
      if (s != w) ++changed;
      CAPTURE(w);
      CAPTURE(s);
      CHECK(w.find(rkn::StemNeedle(s)) != std::string::npos);
    }
    CHECK(changed > 1000);  // the property was tested on words the stemmer actually cut
  }
}

TEST_CASE("Snippets highlight exactly the words whose form or stem is a query term") {
  const Xapian::Stem stem = DictionaryStem();
  rkn::SnippetOptions whole;  // every sentence with a hit, whole: the check sees all of them
  whole.max_chars = 1000000;
  whole.fragments = 100000;
  size_t highlighted = 0;
  ForEachLongText([&](const std::string& text, const std::vector<Span>& spans) {
    // Query terms: the stems of a few words of the text, one unstemmed form, one short stem.
    rkn::HighlightSet what;
    for (size_t k = 7; k < spans.size(); k += spans.size() / 5) {
      what.terms.push_back(ZTerm(stem, LowerWord(text, spans[k])));
    }
    what.terms.push_back(LowerWord(text, spans[3]));
    what.terms.push_back("Zdi");
    const std::set<std::string> terms(what.terms.begin(), what.terms.end());
    Xapian::Stem s = stem;
    const rkn::Snippet snip = rkn::MakeSnippet(text, what, s, whole);
    // The reference: every word of the snippet text, stemmed, checked against the terms.
    std::vector<std::pair<size_t, size_t>> expected;
    const auto snip_spans = WordSpans(snip.text);
    for (const Span& w : snip_spans) {
      const std::string lower = LowerWord(snip.text, w);
      const bool digit = !lower.empty() && lower[0] >= '0' && lower[0] <= '9';
      if (terms.count(lower) || (!digit && terms.count(ZTerm(stem, lower)))) {
        const size_t cb = CodePointCount(std::string_view(snip.text).substr(0, w.b));
        expected.emplace_back(cb, cb + CodePointCount(std::string_view(snip.text).substr(w.b, w.e - w.b)));
      }
    }
    CHECK(snip.highlights == expected);
    highlighted += snip.highlights.size();
  });
  CHECK(highlighted > 100);
}

TEST_CASE("Snippets classify only sentences that may hold a hit, and choose as if they classified all") {
  const Xapian::Stem stem = DictionaryStem();
  size_t compared = 0;
  ForEachLongText([&](const std::string& text, const std::vector<Span>& spans) {
    bool has_q = false;
    for (const Span& s : spans) has_q = has_q || LowerWord(text, s) == "q";
    if (has_q) return;
    rkn::HighlightSet what;
    for (size_t k = 11; k < spans.size(); k += spans.size() / 4) {
      what.terms.push_back(ZTerm(stem, LowerWord(text, spans[k])));
    }
    what.prefixes.push_back("ber");
    // "Zq" has no needle (a one-letter stem), so with it every sentence and word is classified.
    rkn::HighlightSet all = what;
    all.terms.push_back("Zq");
    for (const size_t fragments : {1, 2, 3}) {
      rkn::SnippetOptions opt;
      opt.fragments = fragments;
      Xapian::Stem s1 = stem, s2 = stem;
      const rkn::Snippet lazy = rkn::MakeSnippet(text, what, s1, opt);
      const rkn::Snippet full = rkn::MakeSnippet(text, all, s2, opt);
      CHECK(lazy.text == full.text);
      CHECK(lazy.highlights == full.highlights);
      ++compared;
    }
  });
  CHECK(compared >= 30);
}

namespace {

// The snippet of `text` (dictionary stemmer) with each highlight in brackets.
std::string Bracketed(const std::string& text, const rkn::HighlightSet& what, size_t max_chars, size_t fragments) {
  static const Xapian::Stem stem = DictionaryStem();  // loaded once, not per row
  Xapian::Stem s = stem;
  rkn::SnippetOptions opt;
  opt.max_chars = max_chars;
  opt.fragments = fragments;
  return rkn::RenderSnippet(rkn::MakeSnippet(text, what, s, opt), "[", "]");
}

// A row of the highlighting tables: a text, what the query matches, and the text as rendered
// with its highlights in brackets.
struct HighlightRow {
  const char* name;
  const char* text;
  std::vector<std::string> terms;
  std::vector<std::vector<std::string>> phrases;
  std::vector<rkn::NearWords> nears;
  size_t fragments;  // of the snippet
  const char* rendered;
};

}  // namespace

TEST_CASE("Snippets highlight words in any case and next to typographic punctuation") {
  struct Row {
    const char* name;
    const char* text;
    std::vector<std::string> terms;
    std::vector<std::string> prefixes;
    const char* rendered;
  };
  const std::vector<Row> rows = {
      {"upper-case ASCII word", "Presiden JOKOWI datang.", {"jokowi"}, {}, "Presiden [JOKOWI] datang."},
      // Words joined as the indexer's TermGenerator joins them.
      {"apostrophe inside a word", "Wakil Presiden Ma'ruf Amin hadir.", {"ma'ruf"}, {}, "Wakil Presiden [Ma'ruf] Amin hadir."},
      {"apostrophe ending a word", "Rumah para petani' di desa.", {"petani"}, {}, "Rumah para [petani]' di desa."},
      {"digits with a separator", "Harga naik Rp 1.500 per kilo, 1,5 persen.", {"1.500", "1,5"}, {},
       "Harga naik Rp [1.500] per kilo, [1,5] persen."},
      {"Rp glued to an amount", "Dana Rp3,5 triliun, lalu RP100.000 dan Rp 2 juta.", {"3,5", "100.000", "rp"}, {},
       "Dana [Rp3,5] triliun, lalu [RP100.000] dan [Rp] 2 juta."},
      // A '%' after a number is the word "persen", as the indexer reads it (SpellPercent).
      {"a percent after a number", "Inflasi 3,5% dan 5 % serta 10 persen; 50%-an, x% dan %5 dan 5  % juga.", {"persen"}, {},
       "Inflasi 3,5[%] dan 5 [%] serta 10 [persen]; 50[%]-an, x% dan %5 dan 5  % juga."},
      {"a percent by a stem or a prefix", "Naik 2% dan 4 persen.", {"Zpersen"}, {}, "Naik 2[%] dan 4 [persen]."},
      {"a percent by a wildcard", "Naik 2% dan 4 persen.", {}, {"per"}, "Naik 2[%] dan 4 [persen]."},
      {"Rp inside a word stays in it", "Kode XRp3 dan ma'Rp4 serta RpRp5.", {"rp", "3", "4", "5"}, {},
       "Kode XRp3 dan ma'Rp4 serta RpRp5."},
      {"a word's part is not the word", "Kata Ma'ruf kemarin.", {"ruf"}, {}, "Kata Ma'ruf kemarin."},
      {"'+' and '#' ending a word", "Kursus C++ dan C# dibuka, fish+chips dan x++++ tidak.", {"c++", "c#", "fish", "x"}, {},
       "Kursus [C++] dan [C#] dibuka, [fish]+chips dan [x]++++ tidak."},
      {"a word without its '+'", "Kursus C++ dibuka.", {"c"}, {}, "Kursus C++ dibuka."},
      {"stemmed upper-case word", "Dia MEMIMPIN rapat.", {"Zpimpin"}, {}, "Dia [MEMIMPIN] rapat."},
      {"non-ASCII capital", "\xC3\x89LAN baru tiba.", {"elan"}, {}, "[\xC3\x89LAN] baru tiba."},
      {"curly quotes", "Kata \xE2\x80\x9CJakarta\xE2\x80\x9D lagi.", {"Zjakarta"}, {}, "Kata \xE2\x80\x9C[Jakarta]\xE2\x80\x9D lagi."},
      {"wildcard prefix", "Program Nuklir Korea.", {}, {"nukl"}, "Program [Nuklir] Korea."},
      {"no hit: the lead", "Satu dua tiga. Empat lima.", {"zzz"}, {}, "Satu dua tiga."},
      {"hit in the second sentence", "Satu dua tiga. Jakarta banjir.", {"Zjakarta"}, {}, "… [Jakarta] banjir."},
      // Dotted capitals are one word without their dots, as the indexer reads them (AcronymAt).
      {"an acronym with its dots", "Presiden B.J. Habibie dan H.R. Rasuna Said hadir.", {"bj", "Zhr"}, {},
       "Presiden [B.J.] Habibie dan [H.R.] Rasuna Said hadir."},
      {"an acronym without its last dot, before a comma", "Dari U.S.A, S.H., lalu.", {"usa", "sh"}, {}, "Dari [U.S.A], [S.H.], lalu."},
      {"dotted capitals glued to a word are letters", "Kata B.J.Habibie dan P.T.O.x lagi.", {"bj", "j", "habibie", "o"}, {},
       "Kata B.[J].[Habibie] dan P.T.[O].x lagi."},
      {"an acronym's letters are not its words", "Oleh B.J. Habibie.", {"b", "j"}, {}, "Oleh B.J. Habibie."},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, r.prefixes, {}, {}}, 240, 1) == r.rendered);
  }
}

TEST_CASE("A snippet's window lights an acronym wherever the window starts or ends around it") {
  // Windows start at any byte of a long sentence (ScanStart): one starting inside "B.J." must
  // still read it as one word.
  for (size_t pad = 0; pad < 40; ++pad) {
    for (const char* acronym : {"B.J.", "U.S.A", "A.B.C.D."}) {
      std::string text = "Awal " + std::string(pad, 'x') + " lalu kata " + acronym + " tentang hal itu dan lain " +
                         std::string(60, 'y') + " akhir.";
      std::string term(acronym);
      std::erase(term, '.');
      for (char& c : term) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      CAPTURE(text);
      for (size_t chars : {20, 30, 40, 80}) {
        CAPTURE(chars);
        const std::string out = Bracketed(text, {{term}, {}, {}, {}}, chars, 1);
        CHECK_MESSAGE(out.find("[" + std::string(acronym) + "]") != std::string::npos, out);
      }
    }
  }
}

TEST_CASE("Snippets lowercase every non-ASCII letter and digit as ToLower does, diacritics dropped as the indexer drops them") {
  // Words "a" + c for every code point c that is a word character, 64 to a text, each with its
  // ToLower form (of its FoldLatinMarks form) as a term: every word is highlighted when the
  // snippet lowercases and folds it the same way.
  Xapian::Stem stem("indonesian");
  rkn::SnippetOptions whole;
  whole.max_chars = 1000000;
  whole.fragments = 1;
  std::vector<UChar32> letters;
  for (UChar32 c = 0x80; c <= 0x10FFFF; ++c) {
    if (u_isalnum(c)) letters.push_back(c);
  }
  REQUIRE(letters.size() > 100000);
  // Contexts of their own: capital I with dot, and sigma at the end of a word and elsewhere.
  const std::vector<std::string> extra = {"\xC4\xB0", "a\xCE\xA3", "\xCE\xA3" "a", "\xCE\xA3\xCE\xA3", "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3",
                                          "\xC3\x89LAN", "Stra\xC3\x9F" "e", "\xE2\x84\xAA" "elvin"};
  size_t checked = 0;
  for (size_t from = 0; from < letters.size() + extra.size(); from += 64) {
    std::string text;
    rkn::HighlightSet what;
    size_t words = 0;
    for (size_t k = from; k < std::min(from + 64, letters.size() + extra.size()); ++k) {
      std::string w;
      if (k < letters.size()) {
        char buf[U8_MAX_LENGTH];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, letters[k]);
        w = "a";
        w.append(buf, static_cast<size_t>(len));
      } else {
        w = extra[k - letters.size()];
      }
      text += w + " ";
      std::string buf;
      what.terms.push_back(rkn::ToLower(rkn::FoldLatinMarks(w, &buf)));
      ++words;
    }
    Xapian::Stem s = stem;
    const rkn::Snippet snip = rkn::MakeSnippet(text, what, s, whole);
    CAPTURE(text);
    CHECK(snip.highlights.size() == words);
    checked += words;
  }
  CHECK(checked == letters.size() + extra.size());
}

TEST_CASE("Snippets choose sentences and windows at the edges of the text as before") {
  // The expected snippets are those of the implementation that split and scanned whole texts.
  struct Row {
    const char* name;
    std::string text;
    std::vector<std::string> terms;
    std::vector<std::string> prefixes;
    size_t max_chars;
    size_t fragments;
    const char* rendered;
  };
  const std::string long_ascii = "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas tiga belas empat belas lima belas "
                                 "Jakarta banjir lagi hari ini dan warga mengungsi ke tempat yang lebih tinggi sejak pagi tadi.";
  const std::string long_utf8 = "Satu \xE2\x80\x9C" "dua\xE2\x80\x9D tiga \xC3\xA9mpat lima enam tujuh delapan sembilan sepuluh sebelas "
                                "Jakarta banjir l\xC3\xA4gi hari ini dan warga \xE2\x80\x94 mengungsi ke tempat yang lebih tinggi sejak pagi.";
  const std::vector<Row> rows = {
      {"blanks before the first sentence", "  \n  Jakarta banjir. Lain.", {"jakarta"}, {}, 240, 1, "[Jakarta] banjir."},
      {"hit after an empty line", "Satu dua.\n\nJakarta banjir.", {"jakarta"}, {}, 240, 1, "… [Jakarta] banjir."},
      {"no break between digits", "Naik 1. 5 persen di Jakarta. Lain.", {"jakarta"}, {}, 240, 1, "Naik 1. 5 persen di [Jakarta]."},
      {"question and exclamation marks", "Apa? Jakarta! Ya.", {"jakarta"}, {}, 240, 1, "… [Jakarta]!"},
      {"a closing quote ends the sentence with it", "\"Kami siap.\" Jakarta banjir. \u201cYa!\u201d Lain.", {"jakarta", "ya"}, {}, 240, 2,
       "… [Jakarta] banjir. … \u201c[Ya]!\u201d"},
      {"a sentence quoted to its end", "Satu. \"Di Jakarta.\" Lain.", {"jakarta"}, {}, 240, 1, "… \"Di [Jakarta].\""},
      {"mark without a space", "Apa?Jakarta!Ya.", {"jakarta"}, {}, 240, 1, "Apa?[Jakarta]!Ya."},
      {"only blanks", " \n \n ", {"jakarta"}, {}, 240, 1, ""},
      {"no hit, blanks first", "\n\n  Satu dua. Tiga.", {"zzz"}, {}, 240, 2, "Satu dua."},
      {"hit at the very end", "Satu dua. Di Jakarta", {"jakarta"}, {}, 240, 1, "… Di [Jakarta]"},
      {"two fragments in text order", "Jakarta. Satu. Jakarta Jakarta. Dua.", {"jakarta"}, {}, 240, 2, "[Jakarta]. … [Jakarta] [Jakarta]."},
      {"ties go to the earlier sentence", "Satu. Jakarta a. Dua. Jakarta b.", {"jakarta"}, {}, 240, 1, "… [Jakarta] a."},
      {"fragments 0 is one", "Jakarta a. Jakarta b.", {"jakarta"}, {}, 240, 0, "[Jakarta] a."},
      {"window in a long ASCII sentence", long_ascii, {"jakarta"}, {}, 40, 1, "… belas [Jakarta] banjir lagi hari ini dan …"},
      {"window in a long UTF-8 sentence", long_utf8, {"jakarta", "lagi"}, {}, 60, 1,
       "… sebelas [Jakarta] banjir [l\xC3\xA4gi] hari ini dan warga \xE2\x80\x94 mengungsi …"},
      {"window of the lead", long_ascii, {"zzz"}, {}, 40, 1, "Satu dua tiga empat lima enam tujuh …"},
      {"a sentence without words", std::string(100, '-'), {"zzz"}, {}, 40, 1, "---------------------------------------- …"},
      {"a word longer than the window", "Dua.\n" + std::string(60, 'x') + "jakarta dua.", {}, {"xxx"}, 40, 1,
       "… xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx …"},
      {"more literals than one vector pass holds",
       "Ali budi cici dedi euis fafa gigi hadi ika joko. Lain.",
       {"ali", "budi", "cici", "dedi", "euis", "fafa", "gigi", "hadi", "ika", "joko"}, {}, 240, 1,
       "[Ali] [budi] [cici] [dedi] [euis] [fafa] [gigi] [hadi] [ika] [joko]."},
      {"literal inside another literal", "Persija Jakarta menang. Jakarta lagi.", {"jakarta", "Zjakarta"}, {"jak"}, 240, 1,
       "Persija [Jakarta] menang."},
      {"capital with a dot and final sigma", "Di \xC4\xB0stanbul \xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3 lagi.",
       {"istanbul", rkn::ToLower("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3")}, {}, 240, 1,
       "Di [\xC4\xB0stanbul] [\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3] lagi."},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, r.prefixes, {}, {}}, r.max_chars, r.fragments) == r.rendered);
  }
}

TEST_CASE("A snippet without a match shows the first sentence that has a word") {
  // Scrapes that dropped a link's text leave lines of punctuation alone (clickid-2019's wowkeren
  // articles start with a line holding only '"'): such a line was the whole snippet of an article
  // found by its title or by a filter.
  SUBCASE("a line of punctuation alone is passed over") {
    CHECK(Bracketed("\"\n\" menghadirkan episode perdana. Lain.", {{"zzz"}, {}, {}, {}}, 240, 1) ==
          "… \" menghadirkan episode perdana.");
    CHECK(Bracketed(".\n- \u2026\nSatu dua. Tiga.", {{"zzz"}, {}, {}, {}}, 240, 2) == "… Satu dua.");
  }
  SUBCASE("a first sentence with a word is the lead, as before") {
    CHECK(Bracketed("Satu dua. Tiga.", {{"zzz"}, {}, {}, {}}, 240, 1) == "Satu dua.");
    CHECK(Bracketed("\"Satu\"\nDua.", {{"zzz"}, {}, {}, {}}, 240, 1) == "\"Satu\"");
  }
  SUBCASE("text with no word at all shows its first sentence") {
    CHECK(Bracketed("\"\n--- ...", {{"zzz"}, {}, {}, {}}, 240, 1) == "\"");
  }
  SUBCASE("a sentence with a match is chosen over the lead as before") {
    CHECK(Bracketed("\"\nSatu dua. Jakarta banjir.", {{"jakarta"}, {}, {}, {}}, 240, 1) == "… [Jakarta] banjir.");
  }
}

namespace {

// RenderSnippet as first written, one byte at a time: the reference for the faster one.
std::string RenderReference(const rkn::Snippet& s, const std::string& open, const std::string& close) {
  std::string out;
  size_t cp = 0, hi = 0;
  for (size_t i = 0; i < s.text.size(); ++i) {
    const bool lead = (static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80;
    if (lead) {
      if (hi < s.highlights.size() && s.highlights[hi].second == cp && cp > 0) {
        out += close;
        ++hi;
      }
      if (hi < s.highlights.size() && s.highlights[hi].first == cp) out += open;
      ++cp;
    }
    out += s.text[i];
  }
  if (hi < s.highlights.size() && s.highlights[hi].second == cp) out += close;
  return out;
}

}  // namespace

TEST_CASE("RenderSnippet wraps highlights as the byte-by-byte reference does") {
  using H = std::vector<std::pair<size_t, size_t>>;
  struct Row {
    const char* name;
    std::string text;
    H highlights;
  };
  const std::string mixed = "Kata \xE2\x80\x9CJakarta\xE2\x80\x9D \xC3\xA9lan lagi dan lagi sampai panjang sekali ya";
  std::vector<Row> rows = {
      {"none", mixed, {}},
      {"at the start", mixed, {{0, 4}}},
      {"after multi-byte characters", mixed, {{6, 13}, {15, 19}}},
      {"adjacent", "abcdefghijklmnopqrstuvwxyz", {{0, 3}, {3, 6}, {20, 26}}},
      {"empty at 0", "abc", {{0, 0}, {1, 2}}},
      {"empty inside", "abcdefghijklmnopqrstuvwxyz", {{12, 12}, {14, 20}}},
      {"ending at the end", "abc \xC3\xA9", {{4, 5}}},
      {"past the end", "abc", {{1, 9}}},
      {"out of order", "abcdefghijklmnopqrstuvwxyz", {{15, 18}, {2, 4}}},
      {"empty text", "", {{0, 0}}},
      {"ill-formed bytes", "a\x80\x80" "bc\xFF" "def", {{1, 3}, {4, 6}}},
  };
  // And arbitrary ones over a long text.
  uint64_t x = 88172645463325252ULL;
  auto next = [&x](size_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<size_t>(x % n);
  };
  for (int k = 0; k < 300; ++k) {
    Row r{"random", mixed + mixed, {}};
    const size_t n = next(6);
    for (size_t h = 0; h < n; ++h) {
      const size_t b = next(130);
      r.highlights.emplace_back(b, next(4) == 0 ? b : b + next(12));
    }
    if (next(2) == 0) std::sort(r.highlights.begin(), r.highlights.end());
    rows.push_back(r);
  }
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CAPTURE(r.text);
    const rkn::Snippet s{r.text, r.highlights};
    CHECK(rkn::RenderSnippet(s, "[", "]") == RenderReference(s, "[", "]"));
    CHECK(rkn::RenderSnippet(s, "\x1b[1;31m", "\x1b[0m") == RenderReference(s, "\x1b[1;31m", "\x1b[0m"));
  }
}

TEST_CASE("A phrase's words are highlighted only where they stand together") {
  using Words = std::vector<std::string>;
  struct Row {
    const char* name;
    const char* text;
    Words terms;
    std::vector<Words> phrases;
    const char* rendered;
  };
  const std::vector<Row> rows = {
      {"the phrase, then one of its words alone", "Gencatan senjata disepakati, senjata baru tiba.", {},
       {{"gencatan", "senjata"}}, "[Gencatan] [senjata] disepakati, senjata baru tiba."},
      {"punctuation between the words", "Ada gencatan, senjata!", {}, {{"gencatan", "senjata"}},
       "Ada [gencatan], [senjata]!"},
      {"the words in the other order", "Senjata gencatan tidak ada. Lalu gencatan senjata.", {},
       {{"gencatan", "senjata"}}, "… Lalu [gencatan] [senjata]."},
      {"a word between them", "Gencatan dan senjata saja.", {}, {{"gencatan", "senjata"}}, "Gencatan dan senjata saja."},
      {"a word that is also a term on its own", "Gencatan senjata disepakati, senjata baru tiba.", {"senjata"},
       {{"gencatan", "senjata"}}, "[Gencatan] [senjata] disepakati, [senjata] baru tiba."},
      {"a word that is also a stem's form", "Gencatan senjata disepakati, bersenjata lagi.", {"Zsenjata"},
       {{"gencatan", "senjata"}}, "[Gencatan] [senjata] disepakati, [bersenjata] lagi."},
      {"a multi-word alias", "Korea Selatan dan Korea Utara bertemu.", {"korut"}, {{"korea", "utara"}},
       "Korea Selatan dan [Korea] [Utara] bertemu."},
      {"a three-word phrase", "Perjanjian yang ditandatangani itu, yang ditandatangani lagi.", {},
       {{"perjanjian", "yang", "ditandatangani"}}, "[Perjanjian] [yang] [ditandatangani] itu, yang ditandatangani lagi."},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, {}, r.phrases, {}}, 240, 1) == r.rendered);
  }
}

TEST_CASE("A snippet's fragments show first the sentences with query words the others do not show") {
  using Row = HighlightRow;
  const char* const text = "Di bawah pohon itu ramai. Presiden datang pagi. Di bawah meja ada tas. Presiden pulang.";
  const std::vector<Row> rows = {
      {"two fragments: the best sentence, then the one with the other word", text, {"presiden"}, {{"di", "bawah"}}, {}, 2,
       "[Di] [bawah] pohon itu ramai. … [Presiden] datang pagi."},
      {"three fragments: then the best of the rest", text, {"presiden"}, {{"di", "bawah"}}, {}, 3,
       "[Di] [bawah] pohon itu ramai. … [Presiden] datang pagi. … [Di] [bawah] meja ada tas."},
      {"one fragment: the best sentence", text, {"presiden"}, {{"di", "bawah"}}, {}, 1, "[Di] [bawah] pohon itu ramai."},
      // A stem's forms are one query word: another form of it is nothing new to show, so the
      // second fragment is the best of the rest ("Kementerian" beside "Menteri" had taken the
      // place of a sentence with "Prabowo").
      {"a sentence with every word first, then the best of the rest, not another form of a word shown",
       "Presiden datang. Di bawah pohon. Presidennya di bawah tenda. Presiden lagi.", {"Zpresiden"}, {{"di", "bawah"}}, {}, 2,
       "… [Di] [bawah] pohon. … [Presidennya] [di] [bawah] tenda."},
      {"a stem's other form gives way to a word not shown yet",
       "Kementerian itu besar. Menteri datang ke kantor kementerian. Prabowo bertemu rakyat.", {"Zmenteri", "menteri", "prabowo"}, {}, {}, 2,
       "… [Menteri] datang ke kantor [kementerian]. … [Prabowo] bertemu rakyat."},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, {}, r.phrases, r.nears}, 240, r.fragments) == r.rendered);
  }
}

TEST_CASE("A NEAR's words are highlighted only where the other operands stand near them") {
  using Row = HighlightRow;
  // "putin NEAR/2 kim": at most two words between them.
  const rkn::NearWords putin_kim{{{{"putin"}}, {{"kim"}}}, 2};
  const rkn::NearWords jokowi_prabowo{{{{"jokowi"}, {"joko", "widodo"}}, {{"prabowo"}, {"prabowo", "subianto"}}}, 3};
  const std::vector<Row> rows = {
      {"near, then one of them alone", "Putin bertemu dengan Kim. Kim lalu pulang.", {}, {}, {putin_kim}, 2,
       "[Putin] bertemu dengan [Kim]."},
      {"too far apart: nothing is highlighted, the lead is shown", "Putin bertemu lalu berbicara dengan Kim.", {}, {},
       {putin_kim}, 1, "Putin bertemu lalu berbicara dengan Kim."},
      {"near across a sentence end (word positions count over the text)", "Hadir Putin. Kim datang.", {}, {},
       {putin_kim}, 2, "Hadir [Putin]. … [Kim] datang."},
      // The indexer leaves a position free after a sentence end: two words between, and the end.
      {"too far apart by the sentence end's free position", "Putin bertemu. Lalu Kim.", {}, {}, {putin_kim}, 1,
       "Putin bertemu."},
      {"a closing quote's sentence end counts too", "Putin bertemu.\" Lalu Kim.", {}, {}, {putin_kim}, 1,
       "Putin bertemu.\""},
      {"near within the reach the free position leaves", "Putin hadir. Kim.", {}, {}, {putin_kim}, 2, "[Putin] hadir. … [Kim]."},
      {"each operand's forms",
       "Pasukannya tiba dekat Rusia. Sementara itu di tempat yang jauh, pasukan lain tidak bergerak dari pangkalan di Rusia.",
       {}, {}, {{{{{"pasukan"}, {"pasukannya"}}, {{"rusia"}}}, 3}}, 2, "[Pasukannya] tiba dekat [Rusia]."},
      {"a word that is also a term on its own", "Putin bertemu lalu berbicara dengan Kim.", {"kim"}, {}, {putin_kim}, 1,
       "Putin bertemu lalu berbicara dengan [Kim]."},
      {"a multi-word alias: its words where they stand together, and near the other operand",
       "Korea Utara dan Rusia. Beberapa bulan kemudian Rusia jauh dari Korea.", {}, {},
       {{{{{"korut"}, {"korea", "utara"}}, {{"rusia"}}}, 2}}, 2, "[Korea] [Utara] dan [Rusia]."},
      {"a NEAR's phrase: only where its words stand together near the other operand",
       "Korea Utara dan Rusia. Kemudian utara Korea, lalu Korea Utara lagi, jauh sekali dari tempat itu.", {}, {},
       {{{{{"korea", "utara"}}, {{"rusia"}}}, 2}}, 2, "[Korea] [Utara] dan [Rusia]."},
      {"a NEAR's phrase n words away is lit whole", "Rusia satu dua tiga Korea Utara.", {}, {},
       {{{{{"korea", "utara"}}, {{"rusia"}}}, 3}}, 1, "[Rusia] satu dua tiga [Korea] [Utara]."},
      {"a NEAR's phrase one word too far", "Rusia satu dua tiga Korea Utara.", {}, {}, {{{{{"korea", "utara"}}, {{"rusia"}}}, 2}},
       1, "Rusia satu dua tiga Korea Utara."},
      // Three operands: two may stand farther apart by the longest form of the third between them.
      {"three operands, the outer two n words plus the middle one's apart", "Putin, Xi dan Kim bertemu.", {}, {},
       {{{{{"putin"}}, {{"xi"}}, {{"kim"}}}, 1}}, 1, "[Putin], [Xi] dan [Kim] bertemu."},
      // "jokowi NEAR/3 prabowo", both with a two-word alias (joko widodo, prabowo subianto): three
      // words at most between an occurrence of one and an occurrence of the other.
      {"two multi-word aliases three words apart", "Joko Widodo meyakini pasangan rivalnya, Prabowo Subianto, menerima.", {},
       {}, {jokowi_prabowo}, 1, "[Joko] [Widodo] meyakini pasangan rivalnya, [Prabowo] [Subianto], menerima."},
      {"a lone word and a multi-word alias three words apart", "Prabowo Subianto dan Sandiaga, ucap Jokowi di Lanud.", {}, {},
       {jokowi_prabowo}, 1, "[Prabowo] [Subianto] dan Sandiaga, ucap [Jokowi] di Lanud."},
      {"a lone word and a multi-word alias five words apart: not near, though the aliases' reach is larger",
       "Bapak Prabowo Subianto dan Bapak Sandiaga Uno, ucap Jokowi di Lanud.", {}, {}, {jokowi_prabowo}, 1,
       "Bapak Prabowo Subianto dan Bapak Sandiaga Uno, ucap Jokowi di Lanud."},
      {"two lone words", "Jokowi bertemu Prabowo kemarin.", {}, {}, {jokowi_prabowo}, 1, "[Jokowi] bertemu [Prabowo] kemarin."},
      {"two lone words four words apart", "Jokowi lalu bertemu dengan Sandiaga dan Prabowo.", {}, {}, {jokowi_prabowo}, 1,
       "Jokowi lalu bertemu dengan Sandiaga dan Prabowo."},
      {"an alias whose first word is also a term on its own: the rest of it where it is near", "Prabowo Subianto dan Jokowi.",
       {"prabowo"}, {}, {jokowi_prabowo}, 1, "[Prabowo] [Subianto] dan [Jokowi]."},
      {"an alias whose first word is also a term on its own: that word alone where it is far",
       "Prabowo Subianto pulang. Lalu lama sekali kemudian Jokowi datang.", {"prabowo"}, {}, {jokowi_prabowo}, 2,
       "[Prabowo] Subianto pulang."},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, {}, r.phrases, r.nears}, 240, r.fragments) == r.rendered);
  }
}

TEST_CASE("A title's highlights are every match of the whole text, by the snippet's rules") {
  using Row = HighlightRow;  // fragments: unused
  const rkn::NearWords putin_kim{{{{"putin"}}, {{"kim"}}}, 2};
  const std::vector<Row> rows = {
      {"in the second sentence", "Korut Siaga. Jepang Luncurkan Rudal ke Laut", {"Zrudal"}, {}, {}, 0,
       "Korut Siaga. Jepang Luncurkan [Rudal] ke Laut"},
      {"a stem's other form", "Pasukan Rusia Menarik Diri", {"Zrusia", "Ztarik"}, {}, {}, 0, "Pasukan [Rusia] [Menarik] Diri"},
      {"a phrase only where its words stand together", "Utara Bergolak, Korea Utara Diam", {}, {{"korea", "utara"}}, {}, 0,
       "Utara Bergolak, [Korea] [Utara] Diam"},
      {"a NEAR only within its distance", "Putin Bertemu Kim di Vladivostok", {}, {}, {putin_kim}, 0,
       "[Putin] Bertemu [Kim] di Vladivostok"},
      {"a NEAR too far apart", "Putin Pulang, Lalu Sebulan Kemudian Kim Datang", {}, {}, {putin_kim}, 0,
       "Putin Pulang, Lalu Sebulan Kemudian Kim Datang"},
      {"a multi-word alias at the end of a title is lit whole (a title is never cut)",
       "Kunjungan Menteri Luar Negeri ke Amerika Serikat", {"as"}, {{"amerika", "serikat"}}, {}, 0,
       "Kunjungan Menteri Luar Negeri ke [Amerika] [Serikat]"},
      {"nothing matched", "Harga Cabai Turun", {"Zrudal"}, {}, {}, 0, "Harga Cabai Turun"},
      {"empty", "", {"Zrudal"}, {}, {}, 0, ""},
  };
  const Xapian::Stem stem = DictionaryStem();
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    rkn::SnippetWords words(stem);
    const rkn::HighlightSet what{r.terms, {}, r.phrases, r.nears};
    rkn::SnippetMaker maker(what, words);
    const rkn::Snippet title{r.text, maker.Highlights(r.text)};
    CHECK(rkn::RenderSnippet(title, "[", "]") == r.rendered);
  }
}

// Calls fn(snippet, max_chars, fragments) with the snippet of `text` for each pair of the two
// lists, each under CAPTURE.
template <class F>
void ForEachSnippetSize(const std::string& text, const rkn::HighlightSet& what, const Xapian::Stem& stem,
                        std::initializer_list<size_t> lengths, std::initializer_list<size_t> counts, F&& fn) {
  for (const size_t max_chars : lengths) {
    for (const size_t fragments : counts) {
      CAPTURE(max_chars);
      CAPTURE(fragments);
      rkn::SnippetOptions opt;
      opt.max_chars = max_chars;
      opt.fragments = fragments;
      Xapian::Stem s = stem;
      fn(rkn::MakeSnippet(text, what, s, opt), max_chars, fragments);
    }
  }
}

TEST_CASE("A snippet stays within its length whatever the number of fragments asked for") {
  const Xapian::Stem stem = DictionaryStem();
  size_t checked = 0;
  ForEachLongText([&](const std::string& text, const std::vector<Span>& spans) {
    rkn::HighlightSet what;  // words of many sentences: more matching sentences than fragments
    for (size_t k = 0; k < spans.size(); k += 9) {
      what.terms.push_back(LowerWord(text, spans[k]));
    }
    ForEachSnippetSize(text, what, stem, {20, 50, 100, 240}, {1, 3, 20},
                       [&](const rkn::Snippet& snip, size_t max_chars, size_t fragments) {
                         // Whole words up to max_chars, plus "… " before, " … " between and " …" after fragments.
                         const size_t shown = std::max<size_t>(1, std::min(fragments, max_chars / 40));
                         CHECK(CodePointCount(snip.text) <= max_chars + 3 * shown + 2);
                         ++checked;
                       });
  });
  CHECK(checked >= 100);
}

TEST_CASE("A snippet's window never cuts a multi-word match in two") {
  using Words = std::vector<std::string>;
  struct Row {
    const char* name;
    const char* text;
    Words terms;
    std::vector<Words> phrases;
    std::vector<rkn::NearWords> nears;
    size_t max_chars;  // one fragment
    const char* rendered;
  };
  // The query "menteri AS": "AS" has the alias "Amerika Serikat" (a phrase of the highlight set).
  const char* const menteri_as = "Pada hari Senin, kata Menteri Luar Negeri Amerika Serikat di depan wartawan yang berkumpul.";
  const Words menteri_as_terms = {"Zmenteri", "as"};
  const std::vector<Words> amerika_serikat = {{"amerika", "serikat"}};
  // "sekretaris PBB": the alias "Perserikatan Bangsa-Bangsa" is three words.
  const char* const sekjen_pbb =
      "Dalam sidang umum kemarin, Sekretaris Jenderal Perserikatan Bangsa-Bangsa menyerukan gencatan senjata di Gaza.";
  const Words sekjen_terms = {"Zsekretaris", "pbb"};
  const std::vector<Words> pbb = {{"perserikatan", "bangsa", "bangsa"}};
  const char* const korut_as =
      "Rudal Korea Utara jatuh di laut dekat pantai timur Jepang pada Selasa pagi menurut militer Amerika Serikat yang memantau.";
  const std::vector<Words> korut_and_as = {{"korea", "utara"}, {"amerika", "serikat"}};
  const char* const pbb_alone = "Kemarin Perserikatan Bangsa-Bangsa bersidang lagi.";
  const std::vector<Row> rows = {
      // The window's end fell between "Amerika" and "Serikat" at 32 to 38 characters.
      {"the end inside a two-word alias, the window widened by 3", menteri_as, menteri_as_terms, amerika_serikat, {}, 32,
       "… [Menteri] Luar Negeri [Amerika] [Serikat] …"},
      {"the end inside a two-word alias, the window widened by 1", menteri_as, menteri_as_terms, amerika_serikat, {}, 34,
       "… [Menteri] Luar Negeri [Amerika] [Serikat] …"},
      {"the end inside a two-word alias, the window moved forward", menteri_as, menteri_as_terms, amerika_serikat, {}, 36,
       "… [Menteri] Luar Negeri [Amerika] [Serikat] …"},
      {"the end inside a two-word alias, the window moved and filled", menteri_as, menteri_as_terms, amerika_serikat, {}, 38,
       "… [Menteri] Luar Negeri [Amerika] [Serikat] di …"},
      {"a two-word alias past the end stays out", menteri_as, menteri_as_terms, amerika_serikat, {}, 30,
       "… kata [Menteri] Luar Negeri …"},
      {"a two-word alias inside stays as it was", menteri_as, menteri_as_terms, amerika_serikat, {}, 40,
       "… kata [Menteri] Luar Negeri [Amerika] [Serikat] …"},
      // The window's end fell after "Perserikatan" (32 to 46) and after the first "Bangsa" (48).
      {"the end after the first word of three, too far to widen: the window ends before them", sekjen_pbb, sekjen_terms, pbb,
       {}, 32, "… [Sekretaris] Jenderal …"},
      {"the end after the first word of three, the window widened", sekjen_pbb, sekjen_terms, pbb, {}, 42,
       "… [Sekretaris] Jenderal [Perserikatan] [Bangsa]-[Bangsa] …"},
      {"the end after the second word of three, the window moved", sekjen_pbb, sekjen_terms, pbb, {}, 48,
       "… [Sekretaris] Jenderal [Perserikatan] [Bangsa]-[Bangsa] …"},
      // Moving the start to take in the alias at the end must not cut the one at the start.
      {"a two-word match at the start stays whole when the window moves for one at the end", korut_as, {}, korut_and_as, {},
       100, "… [Korea] [Utara] jatuh di laut dekat pantai timur Jepang pada Selasa pagi menurut militer [Amerika] [Serikat] …"},
      {"a two-word match at the start stays whole when the window widens for one at the end", korut_as, {}, korut_and_as, {},
       98, "… [Korea] [Utara] jatuh di laut dekat pantai timur Jepang pada Selasa pagi menurut militer [Amerika] [Serikat] …"},
      {"a two-word match at the start, the one at the end out of reach", korut_as, {}, korut_and_as, {}, 90,
       "Rudal [Korea] [Utara] jatuh di laut dekat pantai timur Jepang pada Selasa pagi menurut militer …"},
      // A match longer than the window: whole when at most a quarter longer, else shown unlit.
      {"a three-word match a little longer than the window", pbb_alone, {}, pbb, {}, 22,
       "… [Perserikatan] [Bangsa]-[Bangsa] …"},
      {"a three-word match much longer than the window is not lit", pbb_alone, {}, pbb, {}, 20, "… Perserikatan Bangsa …"},
      {"a word of a cut match that is a term on its own stays lit", pbb_alone, {"perserikatan"}, pbb, {}, 20,
       "… [Perserikatan] Bangsa …"},
      // NEAR operands are separate matches: the window is not moved for them; a NEAR's phrase is
      // one match.
      {"a NEAR operand past the end leaves the window as it was",
       "Presiden Putin mengatakan bahwa ia akan bertemu Kim pada hari Rabu di Vladivostok.", {}, {},
       {{{{{"putin"}}, {{"kim"}}}, 7}}, 34, "… [Putin] mengatakan bahwa ia akan …"},
      {"the end inside a NEAR's phrase",
       "Latihan militer Rusia berlangsung bersama pasukan Korea Utara di perbatasan timur kemarin.", {}, {},
       {{{{{"korea", "utara"}}, {{"rusia"}}}, 4}}, 50,
       "… [Rusia] berlangsung bersama pasukan [Korea] [Utara] di …"},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CAPTURE(r.max_chars);
    CHECK(Bracketed(r.text, {r.terms, {}, r.phrases, r.nears}, r.max_chars, 1) == r.rendered);
  }
}

TEST_CASE("A snippet's window never shows a glued Rp apart from its amount") {
  struct Row {
    const char* name;
    const char* text;
    std::vector<std::string> terms;
    std::vector<std::vector<std::string>> phrases;
    size_t max_chars;  // one fragment
    const char* rendered;
  };
  // "Rp3,5" is two words, "Rp" and "3,5", for the index; a window must take both or neither.
  const char* const ascii = "Dalam rapat kerja kemarin, menteri menyebut anggaran turun dan dana itu Rp3,5 triliun untuk daerah.";
  const char* const utf8 =
      "Dalam rapat \xE2\x80\x9Ckerja\xE2\x80\x9D kemarin, menteri menyebut anggaran turun dan dana itu Rp3,5 triliun untuk daerah.";
  const std::vector<std::string> menteri_rp = {"Zmenteri", "rp", "3,5"};  // the query "menteri rp 3,5"
  const std::vector<Row> rows = {
      // The window's end fell between "Rp" and "3,5" (it ended "itu [Rp] …").
      {"the end after a lit glued Rp, ASCII sentence", ascii, {"Zmenteri", "rp"}, {}, 56,
       "… kemarin, [menteri] menyebut anggaran turun dan dana itu …"},
      // With the amount a query word too, the window that shows Rp and amount shows more.
      {"a window at the lit amount shows more query words than one at the first hit", ascii, menteri_rp, {}, 56,
       "… anggaran turun dan dana itu [Rp3,5] triliun untuk daerah."},
      {"the end after a lit glued Rp, UTF-8 sentence", utf8, {"Zmenteri", "rp"}, {}, 64,
       "… kerja\xE2\x80\x9D kemarin, [menteri] menyebut anggaran turun dan dana itu …"},
      {"room for the amount: Rp and amount one span", ascii, menteri_rp, {}, 66,
       "… kerja kemarin, [menteri] menyebut anggaran turun dan dana itu [Rp3,5] …"},
      // The query "menteri \"3,5 triliun\"": the window ends before the phrase, not after its "Rp".
      {"the end before a phrase starting at a glued amount", ascii, {"Zmenteri"}, {{"3,5", "triliun"}}, 56,
       "… kemarin, [menteri] menyebut anggaran turun dan dana itu …"},
      // The window's start, 10 characters before "banjir", fell inside "Rp3,5" (it began "… 3,5").
      {"the start inside a glued amount", "Kata demi kata dari warga dana Rp3,5 untuk banjir di kota itu kemarin sore dan seterusnya.",
       {"banjir"}, {}, 40, "… Rp3,5 untuk [banjir] di kota itu kemarin …"},
      // A glued amount longer than the whole window: the "Rp" alone, not the amount cut inside.
      {"a glued amount longer than the window", "Rp1.234.567.890.123.456,78 adalah angka yang sangat besar sekali untuk negara.",
       {"rp"}, {}, 20, "[Rp] …"},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CAPTURE(r.max_chars);
    CHECK(Bracketed(r.text, {r.terms, {}, r.phrases, {}}, r.max_chars, 1) == r.rendered);
  }
}

TEST_CASE("A snippet's window never shows a number apart from its percent") {
  // "3,5%" and "3,5 %" are two words, "3,5" and "persen", for the index; a window takes both or
  // neither (it used to end "itu 3,5 …", the '%' left out although it was the hit, and to start
  // "… % untuk").
  // The sentences go on past the window: a window built around the '%' shows no "menteri"
  // (WindowHits would choose it when it showed both).
  const char* const glued = "Dalam rapat kerja kemarin, menteri menyebut anggaran turun dan inflasi itu 3,5% untuk daerah "
                            "yang jauh dari ibu kota dan belum pernah mendapat bantuan.";
  const char* const spaced = "Dalam rapat kerja kemarin, menteri menyebut anggaran turun dan inflasi itu 3,5 % untuk daerah "
                             "yang jauh dari ibu kota dan belum pernah mendapat bantuan.";
  const std::vector<std::string> menteri_persen = {"Zmenteri", "persen"};
  struct Row {
    const char* text;
    std::vector<std::string> terms;
    size_t max_chars;  // one fragment
    const char* rendered;
  };
  const std::vector<Row> rows = {
      {glued, menteri_persen, 66, "… kerja kemarin, [menteri] menyebut anggaran turun dan inflasi itu …"},
      {glued, menteri_persen, 67, "… kerja kemarin, [menteri] menyebut anggaran turun dan inflasi itu 3,5[%] …"},
      {spaced, menteri_persen, 67, "… kerja kemarin, [menteri] menyebut anggaran turun dan inflasi itu …"},
      {spaced, menteri_persen, 68, "… kerja kemarin, [menteri] menyebut anggaran turun dan inflasi itu 3,5 [%] …"},
      {glued, {"untuk"}, 14, "… 3,5% [untuk] …"},
      {spaced, {"untuk"}, 18, "… 3,5 % [untuk] daerah …"},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.text));
    CAPTURE(r.max_chars);
    CHECK(Bracketed(r.text, {r.terms, {}, {}, {}}, r.max_chars, 1) == r.rendered);
  }
}

TEST_CASE("A window that holds the end of a long sentence uses its room before the hit and ends with the sentence") {
  struct Row {
    const char* name;
    const char* text;
    std::vector<std::string> terms;
    size_t max_chars;  // one fragment
    const char* rendered;
  };
  // It had taken a quarter of its room before the hit and ended before the closing ")." with a
  // false "…": "… Over Dimension and Over [Loading] (ODOL …".
  const char* const odol = "Sebelumnya, Kemenhub mengancam akan mengandangkan dump truck milik pengusaha yang melanggar "
                           "ketentuan Over Dimension and Over Loading (ODOL).";
  const std::vector<Row> rows = {
      {"a hit in the sentence's last words", odol, {"loading"}, 120,
       "… mengancam akan mengandangkan dump truck milik pengusaha yang melanggar ketentuan Over Dimension and Over [Loading] "
       "(ODOL)."},
      {"the sentence's last word is the hit", "Sejak pagi warga di sepanjang bantaran kali itu sibuk mengangkut barang ke tempat yang lebih tinggi karena banjir.",
       {"banjir"}, 60, "… mengangkut barang ke tempat yang lebih tinggi karena [banjir]."},
      {"a hit early in the sentence keeps its window", odol, {"kemenhub"}, 60,
       "Sebelumnya, [Kemenhub] mengancam akan mengandangkan dump truck …"},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, {}, {}, {}}, r.max_chars, 1) == r.rendered);
  }
}

TEST_CASE("A long sentence's window shows the most query words it can, not only those near its first hit") {
  struct Row {
    const char* name;
    const char* text;
    std::vector<std::string> terms;
    std::vector<std::vector<std::string>> phrases;
    size_t max_chars;
    size_t fragments;
    const char* rendered;
  };
  // The window had always been built around the sentence's first hit: "trump iran" showed
  // "… Presiden Amerika Serikat (AS …", the Trump after it cut off (CLICK-ID, sindonews).
  const char* const iran = "Juru bicara pemerintah Iran, Ali Rabiei, menyatakan Teheran menyambut baik keputusan Presiden "
                           "Amerika Serikat Donald Trump memecat John Bolton, pendukung perang terhadap Iran.";
  const char* const three = "Iran menolak tuduhan itu dan menyatakan bahwa serangan terhadap kilang minyak Saudi bukan ulah "
                            "mereka, kata juru bicara yang dikutip kantor berita resmi, sehari setelah Trump berbicara. Iran "
                            "juga membantah. Trump tidak menanggapi.";
  const std::vector<Row> rows = {
      {"the window moves to the hits that show both words", iran, {"iran", "trump"}, {}, 100, 1,
       "… keputusan Presiden Amerika Serikat Donald [Trump] memecat John Bolton, pendukung perang terhadap [Iran]."},
      {"one word: the first hit's window, as before", iran, {"iran"}, {}, 100, 1,
       "Juru bicara pemerintah [Iran], Ali Rabiei, menyatakan Teheran menyambut baik keputusan Presiden …"},
      {"both words near the first hit: its window, as before", iran, {"iran", "teheran"}, {}, 100, 1,
       "Juru bicara pemerintah [Iran], Ali Rabiei, menyatakan [Teheran] menyambut baik keputusan Presiden …"},
      // Two fragments of 60: the long sentence counts for the word its window shows (it had
      // counted for both, and the second fragment, chosen for neither, was "Iran juga membantah.").
      {"fragments are chosen by what their windows show", three, {"iran", "trump"}, {}, 120, 2,
       "[Iran] menolak tuduhan itu dan menyatakan bahwa serangan … [Trump] tidak menanggapi."},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(Bracketed(r.text, {r.terms, {}, r.phrases, {}}, r.max_chars, r.fragments) == r.rendered);
  }
}

TEST_CASE("On real news text, snippets light a phrase's words only whole, at any length") {
  const Xapian::Stem stem = DictionaryStem();
  size_t checked = 0, lit = 0;
  ForEachLongText([&](const std::string& text, const std::vector<Span>& spans) {
    // Phrases of two and three consecutive words of the text (lowercase), and no other terms: every
    // highlighted word must stand in a run of highlighted words spelling one of them.
    auto word = [&](size_t k) { return LowerWord(text, spans[k]); };
    rkn::HighlightSet what;
    for (size_t k = 5; k + 3 < spans.size() && what.phrases.size() < 10; k += spans.size() / 7 + 1) {
      what.phrases.push_back({word(k), word(k + 1)});
      what.phrases.push_back({word(k + 1), word(k + 2), word(k + 3)});
    }
    ForEachSnippetSize(text, what, stem, {20, 30, 40, 50, 60, 80, 100, 120, 240}, {1, 2, 3},
                       [&](const rkn::Snippet& snip, size_t max_chars, size_t fragments) {
                         CAPTURE(rkn::RenderSnippet(snip, "[", "]"));
                         // The snippet's words, each with its code point span and whether it is highlighted.
                         struct Word {
                           std::string lower;
                           size_t cb, ce;
                           bool lit;
                         };
                         std::vector<Word> words;
                         for (const Span& w : WordSpans(snip.text)) {
                           const size_t cb = CodePointCount(std::string_view(snip.text).substr(0, w.b));
                           const size_t ce = cb + CodePointCount(std::string_view(snip.text).substr(w.b, w.e - w.b));
                           bool in = false;
                           for (const auto& [hb, he] : snip.highlights) in = in || (hb <= cb && ce <= he);
                           words.push_back({LowerWord(snip.text, w), cb, ce, in});
                         }
                         for (size_t k = 0; k < words.size(); ++k) {
                           if (!words[k].lit) continue;
                           ++lit;
                           bool whole = false;  // some phrase spelled by lit words around word k, k among them
                           for (const auto& ph : what.phrases) {
                             for (size_t j = 0; j < ph.size() && !whole && j <= k; ++j) {
                               bool spelled = k - j + ph.size() <= words.size();
                               for (size_t i = 0; i < ph.size() && spelled; ++i) spelled = words[k - j + i].lit && words[k - j + i].lower == ph[i];
                               whole = spelled;
                             }
                           }
                           CAPTURE(words[k].lower);
                           CHECK(whole);
                         }
                         // Whole words up to max_chars, each fragment at most a quarter longer to show a match whole,
                         // plus "… " before, " … " between and " …" after fragments.
                         const size_t shown = std::max<size_t>(1, std::min(fragments, max_chars / 40));
                         CHECK(CodePointCount(snip.text) <= max_chars + max_chars / 4 + 3 * shown + 2);
                         ++checked;
                       });
  });
  CHECK(checked >= 200);
  CHECK(lit > 500);
}
