// Fuzzes the snippet maker (common/snippet.h) on arbitrary text and highlight sets, differentially:
// the snippet built by looking only near the needles must equal the one built by classifying every
// word (forced by adding a stem of one character, which has no needle and matches no word), and
// every highlight must lie inside the snippet text, in order, without overlap; and the same for the
// highlights of the whole text (SnippetMaker::Highlights, for titles).
// Input: byte 0 sets max_chars (20 + 8 * b), byte 1 the fragments (b % 5), then one line of
// space-separated highlights ("Zstem" stems, "*prefix" wildcard prefixes, '"a+b' phrases, "~a+b" a NEAR
// of one-word operands with at most (byte 1 / 5) % 8 words between them, "^a+b+c" the same NEAR with its first
// two words a phrase operand, anything else a lowercase unstemmed term), then the text (made valid
// UTF-8 and NFC, as the reader stores it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/snippet.h"
#include "common/text.h"
#include "fuzz/fuzz_common.h"

namespace {

// Characters of `s` (valid UTF-8): code points, as the highlight offsets count them.
size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void CheckHighlights(const rkn::Snippet& s) {
  const size_t chars = CodePointCount(s.text);
  size_t last_end = 0;
  for (const auto& [b, e] : s.highlights) {
    if (b >= e || e > chars || b < last_end) std::abort();
    last_end = e;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto analyzer = rkn::fuzz::MustLoad(rkn::Analyzer::Load(RKN_FUZZ_DATADIR, {}), "analyzer");
  static Xapian::Stem stem = analyzer->MakeStem();
  if (size < 2) return 0;
  rkn::SnippetOptions opt;
  opt.max_chars = 20 + 8 * static_cast<size_t>(data[0]);
  opt.fragments = data[1] % 5;
  std::string_view head;
  // What the reader stores: valid UTF-8, NFC.
  const std::string text = rkn::fuzz::ReaderText(rkn::fuzz::TakeLine(rkn::fuzz::Bytes(data + 2, size - 2), &head));
  rkn::HighlightSet what;
  for (size_t pos = 0; pos <= head.size();) {
    size_t sp = head.find(' ', pos);
    if (sp == std::string_view::npos) sp = head.size();
    const std::string_view item = head.substr(pos, sp - pos);
    pos = sp + 1;
    if (item.empty()) continue;
    if (item[0] == '*') {
      what.prefixes.emplace_back(item.substr(1));
    } else if (item[0] == '"' || item[0] == '~' || item[0] == '^') {  // "a+b+c: a phrase; ~a+b+c, ^a+b+c: a NEAR
      std::vector<std::string> words;
      for (size_t w = 1; w <= item.size();) {
        size_t plus = item.find('+', w);
        if (plus == std::string_view::npos) plus = item.size();
        if (plus > w) words.emplace_back(item.substr(w, plus - w));
        w = plus + 1;
      }
      if (words.size() < 2) continue;
      if (item[0] == '"') {
        what.phrases.push_back(std::move(words));
      } else {
        rkn::NearWords near;
        near.max_gap = (data[1] / 5) % 8;
        if (item[0] == '^' && words.size() >= 3) {  // "a b" NEAR c: a phrase operand, its one form
          near.operands.push_back({{words[0], words[1]}});
          words.erase(words.begin(), words.begin() + 2);
        }
        for (auto& w : words) near.operands.push_back({{std::move(w)}});
        what.nears.push_back(std::move(near));
      }
    } else {
      what.terms.emplace_back(item);
    }
  }
  if (what.terms.size() + what.prefixes.size() + what.phrases.size() + what.nears.size() > 32) return 0;

  Xapian::Stem s1 = stem, s2 = stem;
  const rkn::Snippet lazy = rkn::MakeSnippet(text, what, s1, opt);
  rkn::HighlightSet all = what;
  all.terms.emplace_back("Z\x01");  // no needle: every word is classified; no word stems to it
  const rkn::Snippet full = rkn::MakeSnippet(text, all, s2, opt);
  if (lazy.text != full.text || lazy.highlights != full.highlights) std::abort();
  CheckHighlights(lazy);
  (void)rkn::RenderSnippet(lazy, "[", "]");
  // A title's highlights (the whole text), the same way.
  rkn::SnippetWords w1(stem), w2(stem);
  rkn::SnippetMaker m1(what, w1), m2(all, w2);
  const rkn::Snippet whole{text, m1.Highlights(text)};
  if (whole.highlights != m2.Highlights(text)) std::abort();
  CheckHighlights(whole);
  (void)rkn::RenderSnippet(whole, "[", "]");
  return 0;
}
