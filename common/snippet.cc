#include "common/snippet.h"

#include <algorithm>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/text.h"

namespace rkn {
namespace {

struct Word {
  size_t b, e;  // byte offsets in the text
  bool hit;
};

struct Sentence {
  size_t b, e;  // byte offsets
  std::vector<Word> words;
  double score = 0;
  size_t index = 0;
};

bool IsWordChar(UChar32 c) { return u_isalnum(c) || c == '_' ; }

// Splits into sentences at '\n' and at '.', '!', '?' followed by a space.
std::vector<Sentence> Sentences(const std::string& t) {
  std::vector<Sentence> out;
  size_t start = 0;
  auto push = [&](size_t b, size_t e) {
    while (b < e && (t[b] == ' ' || t[b] == '\n')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n')) --e;
    if (e > b) out.push_back({b, e, {}, 0, out.size()});
  };
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '\n') {
      push(start, i);
      start = i + 1;
    } else if ((c == '.' || c == '!' || c == '?') && i + 1 < t.size() && t[i + 1] == ' ' &&
               !(i >= 1 && std::isdigit(static_cast<unsigned char>(t[i - 1])) && i + 2 < t.size() &&
                 std::isdigit(static_cast<unsigned char>(t[i + 2])))) {
      push(start, i + 1);
      start = i + 1;
    }
  }
  push(start, t.size());
  return out;
}

size_t CodePoints(const std::string& s, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace

Snippet MakeSnippet(const std::string& text, const HighlightSet& what, Xapian::Stem& stem, const SnippetOptions& opt) {
  Snippet out;
  if (text.empty()) return out;
  const std::set<std::string> terms(what.terms.begin(), what.terms.end());
  std::vector<Sentence> sents = Sentences(text);
  for (auto& s : sents) {
    std::set<std::string> distinct;
    int32_t i = static_cast<int32_t>(s.b);
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    while (i < static_cast<int32_t>(s.e)) {
      int32_t wb = i;
      UChar32 c;
      U8_NEXT(p, i, static_cast<int32_t>(s.e), c);
      if (!IsWordChar(c)) continue;
      int32_t we = i;
      while (i < static_cast<int32_t>(s.e)) {
        int32_t k = i;
        U8_NEXT(p, k, static_cast<int32_t>(s.e), c);
        if (!IsWordChar(c)) break;
        i = k;
        we = k;
      }
      std::string lower = ToLower(std::string_view(text).substr(static_cast<size_t>(wb), static_cast<size_t>(we - wb)));
      bool hit = terms.count(lower) > 0;
      if (!hit && !lower.empty() && !std::isdigit(static_cast<unsigned char>(lower[0]))) hit = terms.count("Z" + stem(lower)) > 0;
      if (!hit) {
        for (const auto& pre : what.prefixes) {
          if (lower.starts_with(pre)) {
            hit = true;
            break;
          }
        }
      }
      if (hit) distinct.insert(lower);
      s.words.push_back({static_cast<size_t>(wb), static_cast<size_t>(we), hit});
    }
    s.score = static_cast<double>(distinct.size()) * 10 + static_cast<double>(std::count_if(s.words.begin(), s.words.end(), [](const Word& w) { return w.hit; }));
  }
  // Best sentences by score, ties to the earlier; then shown in text order.
  std::vector<Sentence*> order;
  for (auto& s : sents) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const Sentence* a, const Sentence* b) { return a->score > b->score; });
  size_t n = std::max<size_t>(1, std::min(opt.fragments, order.size()));
  if (order[0]->score == 0) n = 1;  // nothing matched (a filter-only query): the lead
  std::vector<Sentence*> chosen(order.begin(), order.begin() + static_cast<long>(n));
  while (chosen.size() > 1 && chosen.back()->score == 0) chosen.pop_back();
  std::sort(chosen.begin(), chosen.end(), [](const Sentence* a, const Sentence* b) { return a->index < b->index; });
  const size_t per = std::max<size_t>(40, opt.max_chars / chosen.size());

  for (size_t k = 0; k < chosen.size(); ++k) {
    const Sentence& s = *chosen[k];
    // Window of at most `per` characters inside the sentence, starting a little before the first hit.
    size_t b = s.b, e = s.e;
    if (CodePoints(text, b, e) > per) {
      size_t first_hit = s.b;
      for (const auto& w : s.words) {
        if (w.hit) {
          first_hit = w.b;
          break;
        }
      }
      // Start at a word boundary up to ~per/4 characters before the first hit.
      b = s.b;
      for (const auto& w : s.words) {
        if (CodePoints(text, w.b, first_hit) <= per / 4) {
          b = w.b;
          break;
        }
      }
      e = b;
      for (const auto& w : s.words) {
        if (w.b < b) continue;
        if (CodePoints(text, b, w.e) > per) break;
        e = w.e;
      }
      if (e <= b) e = std::min(s.e, b + per);
    }
    if (k == 0) {
      if (s.index > 0 || b > s.b) out.text += "… ";
    } else {
      out.text += " … ";
    }
    const size_t base = CodePoints(out.text, 0, out.text.size());
    for (const auto& w : s.words) {
      if (w.hit && w.b >= b && w.e <= e) {
        out.highlights.emplace_back(base + CodePoints(text, b, w.b), base + CodePoints(text, b, w.e));
      }
    }
    out.text.append(text, b, e - b);
    if (e < s.e && k + 1 == chosen.size()) out.text += " …";
  }
  return out;
}

std::string RenderSnippet(const Snippet& s, const std::string& open, const std::string& close) {
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

}  // namespace rkn
