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

// Runs of letters, digits and '_' (as the snippet code splits words), each with its byte span.
struct Span {
  size_t b, e;
};
std::vector<Span> WordSpans(const std::string& text) {
  std::vector<Span> out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  size_t start = std::string::npos;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const bool word = c >= 0 && (u_isalnum(c) || c == '_');
    if (word && start == std::string::npos) start = static_cast<size_t>(at);
    if (!word && start != std::string::npos) {
      out.push_back({start, static_cast<size_t>(at)});
      start = std::string::npos;
    }
  }
  if (start != std::string::npos) out.push_back({start, text.size()});
  return out;
}

// Lowercased words of the labelled articles and of the hand-checked word list.
std::set<std::string> TestWords() {
  std::set<std::string> words;
  for (const auto& text : LabelledTexts()) {
    for (const Span& s : WordSpans(text)) words.insert(rkn::ToLower(std::string_view(text).substr(s.b, s.e - s.b)));
  }
  std::ifstream in(fs::path(RKN_TEST_DATADIR) / "word_root.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') words.insert(line.substr(0, line.find('\t')));
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
  for (const auto& [name, stem] : stemmers) {
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
      what.terms.push_back(ZTerm(stem, rkn::ToLower(std::string_view(text).substr(spans[k].b, spans[k].e - spans[k].b))));
    }
    what.terms.push_back(rkn::ToLower(std::string_view(text).substr(spans[3].b, spans[3].e - spans[3].b)));
    what.terms.push_back("Zdi");
    const std::set<std::string> terms(what.terms.begin(), what.terms.end());
    Xapian::Stem s = stem;
    const rkn::Snippet snip = rkn::MakeSnippet(text, what, s, whole);
    // The reference: every word of the snippet text, stemmed, checked against the terms.
    std::vector<std::pair<size_t, size_t>> expected;
    const auto snip_spans = WordSpans(snip.text);
    for (const Span& w : snip_spans) {
      const std::string lower = rkn::ToLower(std::string_view(snip.text).substr(w.b, w.e - w.b));
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
    for (const Span& s : spans) has_q = has_q || rkn::ToLower(std::string_view(text).substr(s.b, s.e - s.b)) == "q";
    if (has_q) return;
    rkn::HighlightSet what;
    for (size_t k = 11; k < spans.size(); k += spans.size() / 4) {
      what.terms.push_back(ZTerm(stem, rkn::ToLower(std::string_view(text).substr(spans[k].b, spans[k].e - spans[k].b))));
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
      {"stemmed upper-case word", "Dia MEMIMPIN rapat.", {"Zpimpin"}, {}, "Dia [MEMIMPIN] rapat."},
      {"non-ASCII capital", "\xC3\x89LAN baru tiba.", {"\xC3\xA9lan"}, {}, "[\xC3\x89LAN] baru tiba."},
      {"curly quotes", "Kata \xE2\x80\x9CJakarta\xE2\x80\x9D lagi.", {"Zjakarta"}, {}, "Kata \xE2\x80\x9C[Jakarta]\xE2\x80\x9D lagi."},
      {"wildcard prefix", "Program Nuklir Korea.", {}, {"nukl"}, "Program [Nuklir] Korea."},
      {"no hit: the lead", "Satu dua tiga. Empat lima.", {"zzz"}, {}, "Satu dua tiga."},
      {"hit in the second sentence", "Satu dua tiga. Jakarta banjir.", {"Zjakarta"}, {}, "… [Jakarta] banjir."},
  };
  const Xapian::Stem stem = DictionaryStem();
  for (const Row& r : rows) {
    CAPTURE(std::string(r.name));
    rkn::HighlightSet what{r.terms, r.prefixes};
    Xapian::Stem s = stem;
    rkn::SnippetOptions opt;
    opt.fragments = 1;
    CHECK(rkn::RenderSnippet(rkn::MakeSnippet(r.text, what, s, opt), "[", "]") == r.rendered);
  }
}
