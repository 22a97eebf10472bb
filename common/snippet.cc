#include "common/snippet.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string.h>  // memmem

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/string_table.h"
#include "common/text.h"

namespace rkn {
namespace {

struct Word {
  size_t b, e;  // byte offsets in the text
  bool hit;
};

struct Sentence {
  size_t b, e;    // byte offsets
  size_t wb, we;  // its words: [wb, we) in the word list (once scanned)
  double score = 0;
  size_t index = 0;
  bool candidate = false;  // may hold a hit: its words are classified
  bool scanned = false;    // wb, we are set
};

// What u_isalnum says for ASCII (letters and digits), plus '_'.
constexpr std::array<bool, 128> kAsciiWord = [] {
  std::array<bool, 128> t{};
  for (int c = 0; c < 128; ++c) {
    t[static_cast<size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return t;
}();

bool IsWordChar(UChar32 c) {
  if (c >= 0 && c < 0x80) return kAsciiWord[static_cast<size_t>(c)];
  return u_isalnum(c) || c == '_';
}

// Whether the character at p[*i] (before `end`) is a word character; if so, moves *i past it.
// A character that is not is left where it is, except an ill-formed sequence, which U8_NEXT
// consumes as the original loop did.
inline bool TakeWordChar(const uint8_t* p, int32_t* i, int32_t end) {
  const uint8_t b = p[*i];
  if (b < 0x80) {
    if (!kAsciiWord[b]) return false;
    ++*i;
    return true;
  }
  int32_t k = *i;
  UChar32 c;
  U8_NEXT(p, k, end, c);
  if (!IsWordChar(c)) return false;
  *i = k;
  return true;
}

// The end of the run of ASCII bytes from p[i] (before `end`) that are word characters (when
// `word`) or non-word characters (when not): the first byte that is not such, 16 at a time.
inline int32_t AsciiRunEnd(const uint8_t* p, int32_t i, int32_t end, bool word) {
#ifdef __SSE2__
  while (i + 16 <= end) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Unsigned x < n as min(x, n - 1) == x.
    auto below = [](__m128i x, char n) { return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(static_cast<char>(n - 1))), x); };
    const __m128i letter = below(_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')), 26);
    const __m128i digit = below(_mm_sub_epi8(v, _mm_set1_epi8('0')), 10);
    const __m128i under = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    // Word bytes are ASCII by construction: a byte >= 0x80 is never in these ranges.
    const auto word_mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), under)));
    const auto non_ascii = static_cast<unsigned>(_mm_movemask_epi8(v));
    const unsigned stop = word ? (~word_mask & 0xFFFFu) : (word_mask | non_ascii);
    if (stop != 0) return i + __builtin_ctz(stop);
    i += 16;
  }
#endif
  while (i < end && p[i] < 0x80 && kAsciiWord[p[i]] == word) ++i;
  return i;
}

// The next code point of p[i, end) (U_SENTINEL for an ill-formed sequence); advances i.
inline UChar32 NextChar(const uint8_t* p, int32_t& i, int32_t end) {
  if (p[i] < 0x80) return p[i++];
  UChar32 c;
  U8_NEXT(p, i, end, c);
  return c;
}

// Bytes at which Sentences() must look: '\n' and sentence-ending punctuation.
constexpr std::array<bool, 256> kSentenceByte = [] {
  std::array<bool, 256> t{};
  t['\n'] = t['.'] = t['!'] = t['?'] = true;
  return t;
}();

// Splits into sentences at '\n' and at '.', '!', '?' followed by a space.
void Sentences(std::string_view t, std::vector<Sentence>* out) {
  out->clear();
  size_t start = 0;
  auto push = [&](size_t b, size_t e) {
    while (b < e && (t[b] == ' ' || t[b] == '\n')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n')) --e;
    if (e > b) out->push_back({b, e, 0, 0, 0, out->size()});
  };
  const size_t n = t.size();
  for (size_t i = 0; i < n; ++i) {
#ifdef __SSE2__
    // Skip 16 bytes at a time while none of them is '\n', '.', '!' or '?'.
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
      const __m128i any = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')), _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
      const int mask = _mm_movemask_epi8(any);
      if (mask != 0) {
        i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        break;
      }
      i += 16;
    }
#endif
    // Skip 8 bytes at a time while none of them is '\n', '.', '!' or '?'.
    while (i + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, t.data() + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      auto has = [&](char ch) {
        const uint64_t x = v ^ (kOnes * static_cast<unsigned char>(ch));
        return (x - kOnes) & ~x & kHigh;
      };
      if ((has('\n') | has('.') | has('!') | has('?')) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const char c = t[i];
    if (!kSentenceByte[static_cast<unsigned char>(c)]) continue;
    if (c == '\n') {
      push(start, i);
      start = i + 1;
    } else if (i + 1 < t.size() && t[i + 1] == ' ' &&
               !(i >= 1 && std::isdigit(static_cast<unsigned char>(t[i - 1])) && i + 2 < t.size() &&
                 std::isdigit(static_cast<unsigned char>(t[i + 2])))) {
      push(start, i + 1);
      start = i + 1;
    }
  }
  push(start, t.size());
}

// The number of code points in s[from, to): bytes that are not UTF-8 continuation bytes
// (10xxxxxx), counted 8 at a time.
size_t CodePoints(std::string_view s, size_t from, size_t to) {
  size_t n = 0, i = from;
  for (; i + 8 <= to; i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    const uint64_t continuation = v & ~(v << 1) & 0x8080808080808080ULL;  // bit 7 set, bit 6 clear
    // Count the set bits (one per byte) by multiplication: no popcount instruction needed.
    n += 8 - static_cast<size_t>(((continuation >> 7) * 0x0101010101010101ULL) >> 56);
  }
  for (; i < to; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

// Lowercases `s` into `out` as ToLower does, without allocating for ASCII words.
void LowerInto(std::string_view s, std::string* out) {
  bool ascii = true;
  for (const char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) {
    *out = ToLower(s);
    return;
  }
  out->assign(s);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

}  // namespace

std::string StemNeedle(std::string_view stem) {
  if (stem.empty()) return std::string();
  size_t first = 1;  // the first character's bytes
  while (first < stem.size() && (static_cast<unsigned char>(stem[first]) & 0xC0) == 0x80) ++first;
  return std::string(stem.substr(first));
}

struct SnippetWords::Impl {
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr size_t kMaxWords = size_t{1} << 20;

  explicit Impl(Xapian::Stem s) : stem(std::move(s)) {}

  uint32_t Intern(std::string_view s) {
    if (s.empty()) {  // the table cannot hold "": it gets an id of its own
      if (empty_id == kNone) empty_id = next_id++;
      return empty_id;
    }
    const uint64_t h = WordHash(s);
    if (const uint32_t* id = interned.Find(s, h)) return *id;
    interned.Add(s, h, next_id);
    return next_id++;
  }

  // The id of the stem term ("Z" + stem) of a lowercase word, kNone for a word starting with a
  // digit (not stemmed). Each distinct word is stemmed once; SnippetMaker asks only for words
  // that can stem to one of its terms, since stemming words seen for the first time was most of
  // a single query's snippet time.
  uint32_t ZTerm(std::string_view lower) {
    if (lower.empty() || std::isdigit(static_cast<unsigned char>(lower[0]))) return kNone;
    const uint64_t h = WordHash(lower);
    if (const uint32_t* z = stems.Find(lower, h)) return *z;
    word.assign(lower);
    zterm.assign(1, 'Z');
    zterm += stem(word);
    const uint32_t z = Intern(zterm);
    stems.Add(lower, h, z);
    return z;
  }

  // Called between queries only (ids must stay valid while a SnippetMaker holds them).
  void Bound() {
    if (stems.size() < kMaxWords && next_id < kMaxWords && stems.bytes() < UINT32_MAX / 2 &&
        interned.bytes() < UINT32_MAX / 2) {
      return;
    }
    stems.Clear();
    interned.Clear();
    next_id = 0;
    empty_id = kNone;
  }

  Xapian::Stem stem;
  StringTable stems;                                 // lowercase word -> id of its stem term
  StringTable interned;                              // lowercase forms and stem terms -> id
  uint32_t next_id = 0;                              // the id of the next string interned
  uint32_t empty_id = kNone;
  std::string word, zterm;                           // scratch
};

SnippetWords::SnippetWords(Xapian::Stem stem) : impl_(std::make_unique<Impl>(std::move(stem))) {}

SnippetWords::~SnippetWords() = default;

struct SnippetMaker::Impl {
  // Whether a word as written is highlighted and, if so, the id of its lowercase form
  // (sentences score by distinct lowercase matches).
  struct Verdict {
    bool hit = false;
    uint32_t lower_id = 0;
  };

  Impl(const HighlightSet& w, SnippetWords::Impl& ws) : what(w), words_cache(ws) {
    words_cache.Bound();
    for (const auto& t : what.terms) {
      term_ids.push_back(words_cache.Intern(t));
      term_bits |= uint64_t{1} << (term_ids.back() & 63);
      if (t.empty() || t[0] != 'Z') {
        plain_terms.push_back(t);
        plain_ids.push_back(term_ids.back());
        if (!t.empty()) literals.push_back(t);
        continue;
      }
      const std::string needle = StemNeedle(std::string_view(t).substr(1));
      if (needle.empty()) {
        stem_every_word = true;
      } else {
        stem_needles.push_back(needle);
        literals.push_back(needle);
      }
    }
    for (const auto& pre : what.prefixes) {
      if (pre.empty()) stem_every_word = true;  // every word starts with "": classify them all
      literals.push_back(pre);
    }
    std::sort(literals.begin(), literals.end());
    literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
  }

  // Whether `word` (lowercase) may stem to one of the query's stem terms. A stemmer (the dictionary one and
  // Snowball's alike) removes affixes and may change the first letter of what it keeps (meN-
  // recoding: "memukul" -> "pukul"), nothing else, so a word whose stem is R contains R without
  // its first character (tests/snippet_test.cc checks this on the stemmers).
  bool MayStemToTerm(std::string_view word) const {
    if (stem_every_word) return true;
    for (const auto& n : stem_needles) {
      if (word.find(n) != std::string_view::npos) return true;
    }
    return false;
  }

  bool IsTerm(uint32_t id) const {
    if ((term_bits >> (id & 63) & 1) == 0) return false;  // most words: one test
    return std::find(term_ids.begin(), term_ids.end(), id) != term_ids.end();
  }

  // Highlighted when its lowercase form or its stem term is one of the query's terms, or it
  // starts with one of the wildcard prefixes. Only hits are interned (for the distinct count).
  Verdict Classify(std::string_view raw) {
    LowerInto(raw, &lower);
    const std::string_view low = lower;
    for (size_t k = 0; k < plain_terms.size(); ++k) {
      if (plain_terms[k] == low) return {true, plain_ids[k]};
    }
    if ((stem_every_word || !stem_needles.empty()) && MayStemToTerm(low)) {
      const uint32_t z = words_cache.ZTerm(low);
      if (z != SnippetWords::Impl::kNone && IsTerm(z)) return {true, words_cache.Intern(low)};
    }
    for (const auto& pre : what.prefixes) {
      if (low.starts_with(pre)) return {true, words_cache.Intern(low)};
    }
    return {false, 0};
  }

  // Marks the sentences, and within them the words, that may be hits. Every hit contains, in
  // its lowercase form, one of the literals (an unstemmed term, a stem's needle, a wildcard
  // prefix); for a word of ASCII letters that form is the ASCII lowercasing, so the literals are
  // looked for in the text lowercased that way. A word with a non-ASCII character other than
  // general punctuation (U+2000-U+203F: dashes, quotes, ellipsis) is a candidate too, and every
  // word is when a stem is too short to have a needle.
  void MarkCandidates(std::string_view text, std::vector<Sentence>& ss) {
    regions.clear();
    next_region = 0;
    if (stem_every_word) {
      for (auto& s : ss) s.candidate = true;
      return;
    }
    lowered.resize(text.size());
    bool non_ascii = false;
    for (size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      lowered[i] = static_cast<char>(c | (static_cast<unsigned>(c - 'A') < 26u ? 0x20 : 0));
      non_ascii |= c >= 0x80;
    }
    for (const auto& lit : literals) {
      const char* base = lowered.data();
      const char* at = base;
      const char* end = base + lowered.size();
      while (at < end) {
        const void* hit = memmem(at, static_cast<size_t>(end - at), lit.data(), lit.size());
        if (hit == nullptr) break;
        const auto pos = static_cast<size_t>(static_cast<const char*>(hit) - base);
        regions.emplace_back(pos, pos + lit.size());
        at = base + pos + 1;
      }
    }
    if (non_ascii) {
      for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) continue;
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
          i += 2;  // U+2000-U+203F: never part of a word
          continue;
        }
        regions.emplace_back(i, i + 1);
      }
    }
    std::sort(regions.begin(), regions.end());
    for (const auto& [rb, re] : regions) {
      // The sentence holding the region: the last one starting at or before it.
      auto it = std::upper_bound(ss.begin(), ss.end(), rb, [](size_t x, const Sentence& s) { return x < s.b; });
      if (it != ss.begin() && rb < std::prev(it)->e) std::prev(it)->candidate = true;
    }
  }

  // Whether the word [wb, we) holds a whole region of MarkCandidates; words must come in text order.
  bool CandidateWord(size_t wb, size_t we) {
    if (stem_every_word) return true;
    while (next_region < regions.size() && regions[next_region].first < wb) ++next_region;
    for (size_t k = next_region; k < regions.size() && regions[k].first < we; ++k) {
      if (regions[k].second <= we) return true;
    }
    return false;
  }

  // Splits sentence `s` into words (appended to `words`), classifying them when `classify`
  // (else none is a hit), and sets its score: distinct lowercase matches first, then matches.
  void ScanWords(std::string_view text, Sentence& s, bool classify) {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    s.wb = words.size();
    distinct.clear();
    size_t hits = 0;
    int32_t i = static_cast<int32_t>(s.b);
    const auto end = static_cast<int32_t>(s.e);
    while (i < end) {
      // Skip ASCII non-word bytes in a tight loop, then take one character as the original
      // U8_NEXT loop did.
      i = AsciiRunEnd(p, i, end, /*word=*/false);
      if (i >= end) break;
      const int32_t wb = i;
      if (!TakeWordChar(p, &i, end)) {
        NextChar(p, i, end);  // a non-ASCII non-word character (or an ill-formed sequence)
        continue;
      }
      for (;;) {
        i = AsciiRunEnd(p, i, end, /*word=*/true);
        if (i >= end || p[i] < 0x80 || !TakeWordChar(p, &i, end)) break;
      }
      const int32_t we = i;
      Verdict v;
      if (classify && CandidateWord(static_cast<size_t>(wb), static_cast<size_t>(we))) {
        v = Classify(text.substr(static_cast<size_t>(wb), static_cast<size_t>(we - wb)));
      }
      if (v.hit) {
        ++hits;
        if (std::find(distinct.begin(), distinct.end(), v.lower_id) == distinct.end()) distinct.push_back(v.lower_id);
      }
      words.push_back({static_cast<size_t>(wb), static_cast<size_t>(we), v.hit});
    }
    s.we = words.size();
    s.scanned = true;
    s.score = static_cast<double>(distinct.size()) * 10 + static_cast<double>(hits);
  }

  const HighlightSet& what;
  SnippetWords::Impl& words_cache;
  std::vector<uint32_t> term_ids;
  uint64_t term_bits = 0;  // bit (id % 64) set for each term id
  std::vector<std::string> stem_needles;  // StemNeedle of each stem term
  std::vector<std::string> plain_terms;   // the unstemmed terms, and their ids
  std::vector<uint32_t> plain_ids;
  std::vector<std::string> literals;      // what every hit contains (MarkCandidates)
  std::string lower, lowered;             // scratch
  std::vector<std::pair<size_t, size_t>> regions;  // MarkCandidates: byte ranges, sorted
  size_t next_region = 0;                 // CandidateWord's position in regions
  bool stem_every_word = false;           // a literal too short to filter by: every word is classified
  // Scratch space reused from one text to the next.
  std::vector<Sentence> sents;
  std::vector<Word> words;
  std::vector<uint32_t> distinct;
  std::vector<size_t> cp_b, cp_e;  // code point offsets of a sentence's word starts and ends
};

SnippetMaker::SnippetMaker(const HighlightSet& what, SnippetWords& words)
    : impl_(std::make_unique<Impl>(what, *words.impl_)) {}

SnippetMaker::~SnippetMaker() = default;

Snippet SnippetMaker::Make(std::string_view text, const SnippetOptions& opt) {
  Snippet out;
  if (text.empty()) return out;
  Impl& m = *impl_;
  std::vector<Sentence>& sents = m.sents;
  std::vector<Word>& words = m.words;
  Sentences(text, &sents);
  if (sents.empty()) return out;  // only spaces and line breaks
  words.clear();
  m.MarkCandidates(text, sents);
  for (auto& s : sents) {
    if (s.candidate) m.ScanWords(text, s, /*classify=*/true);
  }
  // Best sentences by score, ties to the earlier; then shown in text order.
  std::vector<Sentence*> order;
  order.reserve(sents.size());
  for (auto& s : sents) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const Sentence* a, const Sentence* b) { return a->score > b->score; });
  size_t n = std::max<size_t>(1, std::min(opt.fragments, order.size()));
  if (order[0]->score == 0) n = 1;  // nothing matched (a filter-only query): the lead
  std::vector<Sentence*> chosen(order.begin(), order.begin() + static_cast<long>(n));
  while (chosen.size() > 1 && chosen.back()->score == 0) chosen.pop_back();
  std::sort(chosen.begin(), chosen.end(), [](const Sentence* a, const Sentence* b) { return a->index < b->index; });
  for (Sentence* s : chosen) {
    if (!s->scanned) m.ScanWords(text, *s, /*classify=*/false);  // no hit in it: words for the window only
  }
  const size_t per = std::max<size_t>(40, opt.max_chars / chosen.size());

  for (size_t k = 0; k < chosen.size(); ++k) {
    const Sentence& s = *chosen[k];
    const size_t nw = s.we - s.wb;
    const Word* sw = words.data() + s.wb;
    // Code point offsets (from the sentence start) of each word's start and end: byte offsets
    // when the sentence has no multi-byte character, else counted in one pass.
    m.cp_b.resize(nw);
    m.cp_e.resize(nw);
    const size_t sentence_cp = CodePoints(text, s.b, s.e);
    if (sentence_cp == s.e - s.b) {
      for (size_t w = 0; w < nw; ++w) {
        m.cp_b[w] = sw[w].b - s.b;
        m.cp_e[w] = sw[w].e - s.b;
      }
    } else {
      size_t pos = s.b, cp = 0;
      for (size_t w = 0; w < nw; ++w) {
        cp += CodePoints(text, pos, sw[w].b);
        m.cp_b[w] = cp;
        cp += CodePoints(text, sw[w].b, sw[w].e);
        m.cp_e[w] = cp;
        pos = sw[w].e;
      }
    }
    // Window of at most `per` characters inside the sentence, starting a little before the first hit.
    size_t b = s.b, e = s.e, cp_window = 0;  // cp_window: code points from s.b to b
    if (sentence_cp > per) {
      size_t first_hit_cp = 0;  // no hit: the sentence start
      for (size_t w = 0; w < nw; ++w) {
        if (sw[w].hit) {
          first_hit_cp = m.cp_b[w];
          break;
        }
      }
      // Start at a word boundary up to ~per/4 characters before the first hit.
      b = s.b;
      cp_window = 0;
      for (size_t w = 0; w < nw; ++w) {
        if (m.cp_b[w] + per / 4 >= first_hit_cp) {
          b = sw[w].b;
          cp_window = m.cp_b[w];
          break;
        }
      }
      e = b;
      for (size_t w = 0; w < nw; ++w) {
        if (sw[w].b < b) continue;
        if (m.cp_e[w] - cp_window > per) break;
        e = sw[w].e;
      }
      if (e <= b) e = std::min(s.e, b + per);
    }
    if (k == 0) {
      if (s.index > 0 || b > s.b) out.text += "… ";
    } else {
      out.text += " … ";
    }
    const size_t base = CodePoints(out.text, 0, out.text.size());
    for (size_t w = 0; w < nw; ++w) {
      if (sw[w].hit && sw[w].b >= b && sw[w].e <= e) {
        out.highlights.emplace_back(base + m.cp_b[w] - cp_window, base + m.cp_e[w] - cp_window);
      }
    }
    out.text.append(text.substr(b, e - b));
    if (e < s.e && k + 1 == chosen.size()) out.text += " …";
  }
  return out;
}

Snippet MakeSnippet(const std::string& text, const HighlightSet& what, Xapian::Stem& stem, const SnippetOptions& opt) {
  SnippetWords words(stem);
  return SnippetMaker(what, words).Make(text, opt);
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
