#include "common/snippet.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/string_table.h"
#include "common/text.h"

namespace rkn {
namespace {

// A sentence that may hold a hit, scored: distinct lowercase matches first, then matches.
// The fewest characters a fragment of a snippet of several gets (fewer fragments are shown
// when max_chars would give them less).
constexpr size_t kMinFragmentChars = 40;
// A fragment's window runs past its share of max_chars by at most its share divided by this, and
// only to show whole a multi-word match that would not fit otherwise (SnippetOptions).
constexpr size_t kMatchOverrunDivisor = 4;
// A long sentence's window is tried around each of its first this many hits (WindowHits).
constexpr size_t kMaxWindowAnchors = 64;

struct Scored {
  size_t b, e;    // byte offsets
  size_t hb, he;  // its hits: [hb, he) in the hit span list
  double score;
  // Set by WindowHits: the hits its window can show ([hb, he) but in a sentence longer than
  // the window), and the one the window is built around (hb unless another shows more).
  size_t cb = 0, ce = 0, anchor = 0;
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

inline bool IsAsciiDigit(uint8_t c) { return c >= '0' && c <= '9'; }

// Whether p[i], an ASCII byte that is no word character right after a word, joins that word with
// what follows, as Xapian's TermGenerator joins them: an apostrophe or '&' before a word
// character ("ma'ruf", "jum'at", "AT&T"), '.', ',' or ';' between two digits ("1.500").
inline bool JoinsWords(const uint8_t* p, int32_t i, int32_t end) {
  if (i + 1 >= end) return false;
  const uint8_t c = p[i], next = p[i + 1];
  if (c == '\'' || c == '&') {
    if (next < 0x80) return kAsciiWord[next];
    int32_t k = i + 1;
    UChar32 ch;
    U8_NEXT(p, k, end, ch);
    return IsWordChar(ch);
  }
  return (c == '.' || c == ',' || c == ';') && i > 0 && IsAsciiDigit(p[i - 1]) && IsAsciiDigit(next);
}

// The first '.' in p[from, to) right after an ASCII capital, where an acronym (AcronymAt) may
// hold it; `to` if none.
inline size_t NextCapitalDot(const uint8_t* p, size_t from, size_t to) {
  while (from < to) {
    const void* d = std::memchr(p + from, '.', to - from);
    if (d == nullptr) break;
    const auto k = static_cast<size_t>(static_cast<const uint8_t*>(d) - p);
    if (k > 0 && IsAsciiUpper(p[k - 1])) return k;
    from = k + 1;
  }
  return to;
}

// Whether an acronym of initials starts at p[b], a word's first byte, as Xapian's TermGenerator
// reads one: two or more ASCII capitals each but the last followed by a '.', the last one's '.'
// taken too, and no word character after it ("B.J. Habibie", "U.S.A", "S.H.,"; not "B.J.Habibie"
// or "P.T.O.x"). TermGenerator indexes it without its dots ("bj"). Sets *e past it.
inline bool AcronymAt(const uint8_t* p, int32_t b, int32_t end, int32_t* e) {
  if (!IsAsciiUpper(p[b])) return false;
  int32_t q = b;
  int letters = 0;
  for (;;) {
    ++letters;
    ++q;  // past a capital
    if (q >= end || p[q] != '.') break;
    ++q;  // past its '.'
    if (q >= end || !IsAsciiUpper(p[q])) break;
  }
  if (letters < 2) return false;
  if (int32_t k = q; k < end && TakeWordChar(p, &k, end)) return false;
  *e = q;
  return true;
}

// Whether the word [wb, we) that NextWord found is a glued "Rp" (GluedCurrencyAt): its amount
// follows it with nothing between, and a window that ended after it or started at the amount would
// show the two apart ("... sebesar Rp ...").
inline bool IsGluedCurrencyWord(const uint8_t* p, int32_t wb, int32_t we, int32_t end) {
  return we == wb + 2 && GluedCurrencyAt(p, static_cast<size_t>(wb), static_cast<size_t>(end));
}

// Whether the word [wb, we) that NextWord found is a '%' after a number (PercentWordAt): the
// number and its '%' are one amount, which no window shows apart ("... naik 3,5 …").
inline bool IsPercentWord(const uint8_t* p, int32_t wb, int32_t we) {
  return we == wb + 1 && PercentWordAt(p, static_cast<size_t>(wb));
}

// Whether a '%' word (IsPercentWord) follows the word that ends at p[we], glued or after a space.
inline bool PercentFollows(const uint8_t* p, int32_t we, int32_t end) {
  return (we < end && PercentWordAt(p, static_cast<size_t>(we))) ||
         (we + 1 < end && p[we] == ' ' && PercentWordAt(p, static_cast<size_t>(we) + 1));
}

// Whether a window that ends after the word [wb, we) would cut an amount in two: a glued "Rp"
// before its amount, or a number before its '%'.
inline bool CutsAmount(const uint8_t* p, int32_t wb, int32_t we, int32_t end) {
  return IsGluedCurrencyWord(p, wb, we, end) || PercentFollows(p, we, end);
}

// Where to start a scan at or before p[i] (not before `floor`, a word end or a sentence start) so
// that it finds the words a scan of the whole text finds from there: back over the bytes a word
// may hold (word characters, non-ASCII bytes, and the ASCII bytes JoinsWords may put inside a
// word) to just after an ASCII byte that is inside no word.
inline int32_t ScanStart(const uint8_t* p, int32_t i, int32_t floor) {
  auto wordish = [](uint8_t c) { return c >= 0x80 || kAsciiWord[c]; };
  while (i > floor) {
    const uint8_t c = p[i - 1];
    const bool may_join = i >= 2 && (((c == '\'' || c == '&') && wordish(p[i - 2]) && wordish(p[i])) ||
                                     ((c == '.' || c == ',' || c == ';') && IsAsciiDigit(p[i - 2]) && IsAsciiDigit(p[i])) ||
                                     (c == '.' && IsAsciiUpper(p[i - 2]) && IsAsciiUpper(p[i])));  // "B.J." (AcronymAt)
    if (!wordish(c) && !may_join) break;
    --i;
  }
  return i;
}

// The next word of p[*i, end): runs of letters, digits and '_' (as u_isalnum says), joined as
// JoinsWords says, except that "Rp" glued to an amount is a word of its own (GluedCurrencyAt, as
// the indexer splits it). Sets [*wb, *we), moves *i to its end and returns true; false (with *i at
// `end`) when there is none. A scan from ScanStart and one of the whole text find the same words
// from there on: U8_NEXT never takes an ASCII byte into a multi-byte sequence.
inline bool NextWord(const uint8_t* p, int32_t* i, int32_t end, int32_t* wb, int32_t* we) {
  while (*i < end) {
    // Skip ASCII non-word bytes in a tight loop, then take one character as the original
    // U8_NEXT loop did. A '%' after a number among them is a word (the indexer's "persen").
    const int32_t run = *i;
    *i = AsciiRunEnd(p, *i, end, /*word=*/false);
    if (*i > run) {
      for (const void* pct = std::memchr(p + run, '%', static_cast<size_t>(*i - run)); pct != nullptr;) {
        const auto k = static_cast<int32_t>(static_cast<const uint8_t*>(pct) - p);
        if (PercentWordAt(p, static_cast<size_t>(k))) {
          *wb = k;
          *we = *i = k + 1;
          return true;
        }
        pct = std::memchr(p + k + 1, '%', static_cast<size_t>(*i - k - 1));
      }
    }
    if (*i >= end) break;
    const int32_t b = *i;
    if (int32_t e = 0; AcronymAt(p, b, end, &e)) {
      *wb = b;
      *we = *i = e;
      return true;
    }
    if (!TakeWordChar(p, i, end)) {
      NextChar(p, *i, end);  // a non-ASCII non-word character (or an ill-formed sequence)
      continue;
    }
    if (GluedCurrencyAt(p, static_cast<size_t>(b), static_cast<size_t>(end))) {
      *wb = b;
      *we = *i = b + 2;
      return true;
    }
    for (;;) {
      *i = AsciiRunEnd(p, *i, end, /*word=*/true);
      if (*i >= end) break;
      if (p[*i] < 0x80) {
        if (!JoinsWords(p, *i, end)) break;
        ++*i;  // the joining byte; a word character follows
      } else if (!TakeWordChar(p, i, end)) {
        break;
      }
    }
    *wb = b;
    *we = *i;
    // Up to three '+' or '#' end the word when no word character follows them, as TermGenerator
    // keeps them ("C++", "C#"; not "fish+chips").
    int32_t k = *i;
    while (k < end && k - *i <= 3 && (p[k] == '+' || p[k] == '#')) ++k;
    if (k > *i && k - *i <= 3) {
      int32_t after = k;
      UChar32 ch = 0;
      if (after < end) U8_NEXT(p, after, end, ch);
      if (k >= end || !IsWordChar(ch)) *we = *i = k;
    }
    return true;
  }
  *i = end;
  return false;
}

inline bool IsBlank(char c) { return c == ' ' || c == '\n'; }

// Bytes that may end a sentence (text.h's kSentenceEndBytes): '\n', sentence-ending punctuation
// and closing quotes.
constexpr std::array<bool, 256> kSentenceByte = [] {
  std::array<bool, 256> t{};
  for (char c : kSentenceEndBytes) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

#ifdef __SSE2__
// Bit k set when byte k of v is one of kSentenceEndBytes.
inline unsigned SentenceBytes(__m128i v) {
  static_assert(kSentenceEndBytes.size() == 8, "SentenceBytes compares with each byte of kSentenceEndBytes");
  const auto eq = [&v](size_t k) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(kSentenceEndBytes[k])); };
  const __m128i any = _mm_or_si128(_mm_or_si128(_mm_or_si128(eq(0), eq(1)), _mm_or_si128(eq(2), eq(3))),
                                   _mm_or_si128(_mm_or_si128(eq(4), eq(5)), _mm_or_si128(eq(6), eq(7))));
  return static_cast<unsigned>(_mm_movemask_epi8(any));
}
#endif

// The sentence holding the non-blank byte t[p]: [*b, *e), without the spaces and line breaks
// around it. Sentences end as EndsSentence says; one ending with punctuation keeps it.
void SentenceAround(std::string_view t, size_t p, size_t* b, size_t* e) {
  const char* d = t.data();
  // Start: just after the last sentence end before p.
  size_t start = 0;
  size_t i = p;  // looking at [0, i)
  for (;;) {
#ifdef __SSE2__
    while (i >= 16) {
      const unsigned mask = SentenceBytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i - 16)));
      if (mask != 0) {
        i = i - 16 + static_cast<size_t>(31 - __builtin_clz(mask)) + 1;
        break;
      }
      i -= 16;
    }
#endif
    while (i > 0 && !kSentenceByte[static_cast<unsigned char>(d[i - 1])]) --i;
    if (i == 0) break;
    if (EndsSentence(t, i - 1)) {
      start = i;
      break;
    }
    --i;
  }
  // End: the first sentence end at or after p.
  size_t end = t.size();
  const size_t n = t.size();
  for (size_t j = p; j < n; ++j) {
#ifdef __SSE2__
    while (j + 16 <= n) {
      const unsigned mask = SentenceBytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(d + j)));
      if (mask != 0) {
        j += static_cast<size_t>(__builtin_ctz(mask));
        break;
      }
      j += 16;
    }
#endif
    while (j < n && !kSentenceByte[static_cast<unsigned char>(d[j])]) ++j;
    if (j >= n) break;
    if (EndsSentence(t, j)) {
      end = d[j] == '\n' ? j : j + 1;
      break;
    }
  }
  while (start < end && IsBlank(d[start])) ++start;
  while (end > start && IsBlank(d[end - 1])) --end;
  *b = start;
  *e = end;
}

// Whether p[b, e) holds no byte >= 0x80, 8 bytes at a time.
bool AsciiOnly(const uint8_t* p, size_t b, size_t e) {
  uint64_t high = 0;
  for (; b + 8 <= e; b += 8) {
    uint64_t v;
    std::memcpy(&v, p + b, 8);
    high |= v;
  }
  for (; b < e; ++b) high |= p[b];
  return (high & 0x8080808080808080ULL) == 0;
}

// The first non-blank byte of t[from, ...), t.size() if none.
size_t NonBlank(std::string_view t, size_t from) {
  while (from < t.size() && IsBlank(t[from])) ++from;
  return from;
}

// The number of code points in s[from, to).
size_t CodePoints(std::string_view s, size_t from, size_t to) { return rkn::CodePoints(s.substr(from, to - from)); }

// WindowEnd (below) without its fallback for a glued "Rp" longer than the window with its amount.
size_t WholeWordsEnd(std::string_view text, size_t wb, size_t se, size_t per) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  size_t we = wb;
  // When the bytes up to the one `per` characters on are ASCII, it is the last byte there that
  // ends a run of word characters (a word ending later holds the byte `per` on, so it ends past
  // `per`).
  const size_t limit = std::min(se, wb + per + 1);
  // A capital before a '.' may be in an acronym, whose end is its last '.': NextWord's.
  if (AsciiOnly(p, wb, limit) && NextCapitalDot(p, wb + 1, limit) == limit) {
    for (size_t q = std::min(se, wb + per); q > wb; --q) {
      const bool word_end =
          kAsciiWord[p[q - 1]] && (q == se || (!kAsciiWord[p[q]] && !JoinsWords(p, static_cast<int32_t>(q), static_cast<int32_t>(se))));
      // A number's end is none when its '%' follows; the '%' word's end is one.
      if ((word_end && !PercentFollows(p, static_cast<int32_t>(q), static_cast<int32_t>(se))) || PercentWordAt(p, q - 1)) return q;
    }
    return we;
  }
  auto i = static_cast<int32_t>(wb);
  const auto end = static_cast<int32_t>(se);
  int32_t word_b = 0, word_e = 0;
  size_t pos = wb, cp = 0;  // cp: code points from wb to pos
  while (NextWord(p, &i, end, &word_b, &word_e)) {
    cp += CodePoints(text, pos, static_cast<size_t>(word_e));
    pos = static_cast<size_t>(word_e);
    if (cp > per) break;
    if (!CutsAmount(p, word_b, word_e, end)) we = pos;
  }
  return we;
}

// The first word start of the sentence [sb, se) at or before wb (a word start) from which the
// text to se is at most `per` characters; wb when none before it is. A word that a glued "Rp"
// ("Rp3,5") comes right before is no start: the amount keeps its "Rp"; nor is a '%' after a
// number (IsPercentWord): it keeps its number.
size_t EarliestStartFitting(std::string_view text, size_t sb, size_t wb, size_t se, size_t per) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  size_t cp = CodePoints(text, sb, se);  // characters from `pos` to se
  size_t pos = sb;
  auto i = ScanStart(p, static_cast<int32_t>(sb), static_cast<int32_t>(sb));
  int32_t word_b = 0, word_e = 0, prev_b = -1, prev_e = -1;
  while (NextWord(p, &i, static_cast<int32_t>(se), &word_b, &word_e) && static_cast<size_t>(word_b) < wb) {
    cp -= CodePoints(text, pos, static_cast<size_t>(word_b));
    pos = static_cast<size_t>(word_b);
    const bool after_rp = prev_e == word_b && IsGluedCurrencyWord(p, prev_b, prev_e, static_cast<int32_t>(se));
    if (cp <= per && !after_rp && !IsPercentWord(p, word_b, word_e)) return pos;
    prev_b = word_b;
    prev_e = word_e;
  }
  return wb;
}

// The end of the window of at most `per` characters starting at the word start wb of a sentence
// ending at se: the last word end at most `per` characters after wb, never the one between a
// glued "Rp" and its amount ("Rp3,5" ends as one word) nor between a number and its '%'
// ("3,5%", "5 %"); wb when the first word is longer (or
// wb + 2 when it is a glued "Rp" whose amount is: the "Rp" alone, rather than an amount cut
// inside).
size_t WindowEnd(std::string_view text, size_t wb, size_t se, size_t per) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t we = WholeWordsEnd(text, wb, se, per);
  if (we == wb && per >= 2 && IsGluedCurrencyWord(p, static_cast<int32_t>(wb), static_cast<int32_t>(wb + 2), static_cast<int32_t>(se))) {
    return wb + 2;
  }
  return we;
}

// Lowercases `s` into `out` as ToLower does, without allocating, and drops the diacritics of
// Latin letters as the indexer does (FoldLatinMarks). ToLower maps with ICU's full
// lowercasing for the root locale, which is the simple one (u_tolower) of each character but for
// U+0130 (to "i" U+0307) and U+03A3 (sigma, by its context): words with those, or ill-formed ones,
// go to ToLower itself.
void LowerInto(std::string_view s, std::string* out) {
  out->resize(s.size());
  char* o = out->data();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  for (; i < n && p[i] < 0x80; ++i) o[i] = static_cast<char>(p[i] | (static_cast<unsigned>(p[i] - 'A') < 26u ? 0x20 : 0));
  if (i == n) return;
  out->resize(static_cast<size_t>(i));
  while (i < n) {
    if (p[i] < 0x80) {
      *out += static_cast<char>(p[i] | (static_cast<unsigned>(p[i] - 'A') < 26u ? 0x20 : 0));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || c == 0x130 || c == 0x3A3) {
      *out = ToLowerFolded(s);
      return;
    }
    // Folded first, as the indexer folds the text before TermGenerator lowercases it.
    const UChar32 lower = u_tolower(static_cast<UChar32>(FoldLatinMark(static_cast<char32_t>(c))));
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, lower);
    out->append(buf, static_cast<size_t>(len));
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
  // What a hit is: a hit wherever it stands, or only as part of a phrase (ConfirmPhrases
  // decides) or only near the other operands of a NEAR (ConfirmNear decides).
  // kPhraseNear: a word of a NEAR's phrase, kept where the phrase stands (ConfirmPhrases) and
  // near the NEAR's other operands (ConfirmNear).
  enum HitKind : char { kAnywhere, kPhraseOnly, kNearOnly, kPhraseNear };

  // Whether a word as written is highlighted and, if so, the id of its lowercase form
  // (sentences score by distinct lowercase matches).
  struct Verdict {
    bool hit = false;
    uint32_t lower_id = 0;
    HitKind kind = kAnywhere;
    uint32_t word_id = 0;  // the query word it shows: its stem term's id when a term, else lower_id
  };

  // A NEAR of the HighlightSet: the ids of the words of each operand's forms, the number of
  // words of its longest form, and the NEAR's n.
  struct NearIds {
    std::vector<std::vector<uint32_t>> operands;
    std::vector<size_t> longest;
    size_t max_gap = 0;
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
    // A phrase's words are classified like unstemmed terms, marked phrase-only unless they are
    // terms themselves; a NEAR's one-word forms likewise, near-only unless they are terms or
    // phrase words; then the words of its forms of several words, near and in their phrase
    // unless they are one of those already ("prabowo" of "prabowo subianto" stands alone too).
    for (const auto& phrase : what.phrases) {
      if (phrase.size() >= 2) phrase_ids.push_back(RestrictedWords(phrase, phrase_only_ids));
    }
    for (const auto& near : what.nears) {
      if (near.operands.size() < 2) continue;
      for (const auto& op : near.operands) {
        for (const auto& form : op) {
          if (form.size() == 1) RestrictedWords(form, near_only_ids);
        }
      }
    }
    for (const auto& near : what.nears) {
      if (near.operands.size() < 2) continue;
      NearIds g;
      g.max_gap = near.max_gap;
      for (const auto& op : near.operands) {
        std::vector<uint32_t> ids;
        size_t longest = 1;
        for (const auto& form : op) {
          if (form.empty()) continue;
          std::vector<uint32_t> form_ids = RestrictedWords(form, phrase_near_ids);
          if (form.size() >= 2) phrase_ids.push_back(form_ids);
          ids.insert(ids.end(), form_ids.begin(), form_ids.end());
          longest = std::max(longest, form.size());
        }
        g.operands.push_back(std::move(ids));
        g.longest.push_back(longest);
      }
      near_ids.push_back(std::move(g));
    }
    // The word '%' is "persen" (Classify): a hit where a literal is inside that.
    if (std::any_of(literals.begin(), literals.end(),
                    [](const std::string& lit) { return !lit.empty() && kPercentWord.find(lit) != std::string_view::npos; })) {
      literals.emplace_back("%");
    }
    std::sort(literals.begin(), literals.end());
    literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
    // A word holding a literal holds every literal inside that one: keep only the innermost.
    std::vector<std::string> inner;
    for (const auto& lit : literals) {
      bool holds_other = lit.empty();
      for (const auto& other : literals) holds_other = holds_other || (other != lit && !other.empty() && lit.find(other) != std::string::npos);
      if (!holds_other) inner.push_back(lit);
    }
    literals = std::move(inner);
#ifdef __SSE2__
    for (const auto& lit : literals) probes.push_back(MakeProbe(lit));
    for (const auto& pr : probes) probe_reach = std::max(probe_reach, pr.off1);
#endif
  }

#ifdef __SSE2__
  // How FindRegions looks for a literal 16 positions at a time: two of its bytes (the rarest in
  // Indonesian text; the same one twice for a literal of one byte), each as (byte | fold) ==
  // want, fold being 0x20 for a lowercase letter (which then also matches its capital), else 0.
  struct Probe {
    size_t off0 = 0, off1 = 0;
    __m128i fold0, want0, fold1, want1;
  };

  static Probe MakeProbe(const std::string& lit) {
    // Letter frequencies, per mille of the letters of 2,000 articles of Indonesian news (rounded
    // up to 1); other bytes count as rare.
    static constexpr std::array<uint8_t, 26> kFreq = {187, 27, 6, 38, 80, 3, 36, 22, 81, 10, 48, 34, 44,
                                                      98, 22, 33, 1, 52, 46, 51, 48, 2, 5, 1, 15, 1};
    auto freq = [](char ch) {
      const auto c = static_cast<unsigned char>(ch);
      return c >= 'a' && c <= 'z' ? kFreq[c - 'a'] : 3;
    };
    Probe pr;
    // The rarest byte, then the rarest other one (ties to the earlier).
    for (size_t k = 1; k < lit.size(); ++k) {
      if (freq(lit[k]) < freq(lit[pr.off0])) pr.off0 = k;
    }
    size_t second = pr.off0;
    for (size_t k = 0; k < lit.size(); ++k) {
      if (k != pr.off0 && (second == pr.off0 || freq(lit[k]) < freq(lit[second]))) second = k;
    }
    pr.off1 = std::max(pr.off0, second);
    pr.off0 = std::min(pr.off0, second);
    auto spec = [&](size_t at, __m128i* fold, __m128i* want) {
      const auto c = static_cast<unsigned char>(lit[at]);
      *fold = _mm_set1_epi8(static_cast<char>(c >= 'a' && c <= 'z' ? 0x20 : 0));
      *want = _mm_set1_epi8(static_cast<char>(c));
    };
    spec(pr.off0, &pr.fold0, &pr.want0);
    spec(pr.off1, &pr.fold1, &pr.want1);
    return pr;
  }
#endif

  // The ids of `words`, each classified as an unstemmed term; those that are not one already
  // are added to `only_ids` (hits only where ConfirmPhrases or ConfirmNear says).
  std::vector<uint32_t> RestrictedWords(const std::vector<std::string>& words, std::vector<uint32_t>& only_ids) {
    std::vector<uint32_t> ids;
    for (const auto& word : words) {
      const uint32_t id = words_cache.Intern(word);
      ids.push_back(id);
      if (std::find(plain_terms.begin(), plain_terms.end(), word) != plain_terms.end()) continue;
      plain_terms.push_back(word);
      plain_ids.push_back(id);
      only_ids.push_back(id);
      if (!word.empty()) literals.push_back(word);
    }
    return ids;
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
    if (raw == "%") lower = kPercentWord;  // a word only after a number (NextWord): "persen"
    else LowerInto(raw, &lower);
    // An acronym (AcronymAt) is its letters, as the indexer's term: "B.J." is "bj".
    if (raw.size() >= 3 && raw[1] == '.' && IsAsciiUpper(static_cast<uint8_t>(raw[0]))) std::erase(lower, '.');
    const std::string_view low = lower;
    // A phrase's or a NEAR's word: still a hit anywhere if a stem or a prefix says so.
    Verdict restricted;
    for (size_t k = 0; k < plain_terms.size(); ++k) {
      if (plain_terms[k] != low) continue;
      const uint32_t id = plain_ids[k];
      if (Holds(phrase_only_ids, id)) {
        restricted = {true, id, kPhraseOnly};
      } else if (Holds(phrase_near_ids, id)) {
        restricted = {true, id, kPhraseNear};
      } else if (Holds(near_only_ids, id)) {
        restricted = {true, id, kNearOnly};
      } else {
        // A written form whose stem is searched too ("Menteri" beside "Kementerian") shows the
        // same query word as the stem's other forms.
        uint32_t word_id = id;
        if ((stem_every_word || !stem_needles.empty()) && MayStemToTerm(low)) {
          const uint32_t z = words_cache.ZTerm(low);
          if (z != SnippetWords::Impl::kNone && IsTerm(z)) word_id = z;
        }
        return {true, id, kAnywhere, word_id};
      }
      break;
    }
    if ((stem_every_word || !stem_needles.empty()) && MayStemToTerm(low)) {
      const uint32_t z = words_cache.ZTerm(low);
      if (z != SnippetWords::Impl::kNone && IsTerm(z)) return {true, words_cache.Intern(low), kAnywhere, z};
    }
    for (const auto& pre : what.prefixes) {
      if (low.starts_with(pre)) {
        const uint32_t id = words_cache.Intern(low);
        return {true, id, kAnywhere, id};
      }
    }
    if (restricted.hit) restricted.word_id = restricted.lower_id;
    return restricted;
  }

  static bool Holds(const std::vector<uint32_t>& ids, uint32_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  // Keeps, of the hits [hb, end) of one sentence, the phrase-only ones that are part of one of
  // the phrases: a run of hits with nothing but non-word bytes between them (spaces,
  // punctuation) whose words are the phrase's, in order. Drops the others; a NEAR's phrase words
  // kept here wait for ConfirmNear. Marks the words of each phrase found (those that are hits
  // on their own too) as one match in hit_joined.
  void ConfirmPhrases(std::string_view text, size_t hb) {
    const size_t n = hit_spans.size() - hb;
    confirmed.assign(n, 0);
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    auto adjacent = [&](size_t a, size_t c) {  // hits hb+a and hb+c = hb+a+1
      for (size_t i = hit_spans[hb + a].second; i < hit_spans[hb + c].first; ++i) {
        if (p[i] >= 0x80 || kAsciiWord[p[i]]) return false;
      }
      return true;
    };
    for (size_t run = 0; run < n;) {
      size_t run_end = run + 1;
      while (run_end < n && adjacent(run_end - 1, run_end)) ++run_end;
      for (const auto& ph : phrase_ids) {
        for (size_t s0 = run; s0 + ph.size() <= run_end; ++s0) {
          size_t k = 0;
          while (k < ph.size() && hit_ids[hb + s0 + k] == ph[k]) ++k;
          if (k < ph.size()) continue;
          std::fill(confirmed.begin() + static_cast<std::ptrdiff_t>(s0), confirmed.begin() + static_cast<std::ptrdiff_t>(s0 + k), 1);
          // Its words are hits hb+s0 ... hb+s0+k-1, all kept.
          std::fill(hit_joined.begin() + static_cast<std::ptrdiff_t>(hb + s0),
                    hit_joined.begin() + static_cast<std::ptrdiff_t>(hb + s0 + k - 1), 1);
        }
      }
      run = run_end;
    }
    size_t out = hb;
    for (size_t k = 0; k < n; ++k) {
      const HitKind kind = hit_kind[hb + k];
      if ((kind == kPhraseOnly || kind == kPhraseNear) && !confirmed[k]) continue;
      MoveHit(hb + k, out++);
    }
    ResizeHits(out);
  }

  // Keeps the near-only hits (and the words of a NEAR's forms of several words) that, for a NEAR
  // and an operand of it holding the word, stand in an occurrence of the operand (one word, or the
  // words of a form of several words where ConfirmPhrases found it whole: hit_joined) with an
  // occurrence of every other operand at most the NEAR's n words away (NearWords: plus, with
  // three operands or more, the longest form of each of the rest); word positions are counted
  // over the whole text, one more after each sentence end, as the indexer counts them (IndexText),
  // so a NEAR is lit where the index finds it. Every word of a kept occurrence is kept. Drops the
  // others and rescores the sentences.
  void ConfirmNear(std::string_view text) {
    const size_t n = hit_spans.size();
    auto restricted = [this](size_t h) { return hit_kind[h] == kNearOnly || hit_kind[h] == kPhraseNear; };
    bool any = false;
    for (size_t h = 0; h < n && !any; ++h) any = restricted(h);
    if (!any) return;
    // The position of each hit among the words of the text: the hits are words of a scan from
    // the start (NextWord), in text order; each sentence end between two words is one more.
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const auto end = static_cast<int32_t>(text.size());
    hit_word.assign(n, 0);
    int32_t i = 0, wb = 0, we = 0;
    size_t words = 0;  // read so far; the last one is [wb, we), at position `pos`
    size_t pos = 0;
    auto next = [&] {
      const int32_t after_last = words == 0 ? 0 : we;
      if (!NextWord(p, &i, end, &wb, &we)) return false;
      if (words > 0) ++pos;
      for (int32_t k = after_last; k < wb; ++k) {
        if (kSentenceByte[p[k]] && EndsSentence(text, static_cast<size_t>(k))) ++pos;
      }
      ++words;
      return true;
    };
    for (size_t h = 0; h < n; ++h) {
      bool more = true;
      while (more && (words == 0 || static_cast<size_t>(wb) < hit_spans[h].first)) more = next();
      hit_word[h] = pos;
    }
    confirmed.assign(n, 0);
    for (size_t h = 0; h < n; ++h) confirmed[h] = !restricted(h);
    for (const NearIds& g : near_ids) {
      const size_t ops = g.operands.size();
      // Per operand, each of its hits' occurrence: the first and last hit of the run holding it.
      std::vector<std::vector<std::pair<size_t, size_t>>> occ(ops, std::vector<std::pair<size_t, size_t>>(n, {n, n}));
      size_t widest = 1;  // the most words an occurrence spans
      for (size_t o = 0; o < ops; ++o) {
        for (size_t h = 0; h < n;) {
          if (!Holds(g.operands[o], hit_ids[h])) {
            ++h;
            continue;
          }
          size_t last = h;
          while (last + 1 < n && hit_joined[last] && Holds(g.operands[o], hit_ids[last + 1])) ++last;
          for (size_t k = h; k <= last; ++k) occ[o][k] = {h, last};
          widest = std::max(widest, hit_word[last] - hit_word[h] + 1);
          h = last + 1;
        }
      }
      size_t longest_sum = 0;
      for (const size_t l : g.longest) longest_sum += l;
      // Words that may stand between occurrences of operands a and b.
      auto allowed = [&](size_t a, size_t b) { return g.max_gap + longest_sum - g.longest[a] - g.longest[b]; };
      // Whether the occurrence of operand o holding hit h has one of operand `other` near it.
      auto near = [&](size_t h, size_t o, size_t other) {
        const auto [lo, hi] = occ[o][h];
        const size_t gap = allowed(o, other), reach = gap + 1 + widest;
        for (size_t k = lo; k-- > 0 && hit_word[lo] - hit_word[k] <= reach;) {
          if (occ[other][k].first == n) continue;
          const size_t k_end = hit_word[occ[other][k].second];
          if (k_end >= hit_word[lo] || hit_word[lo] - k_end - 1 <= gap) return true;
        }
        for (size_t k = hi + 1; k < n && hit_word[k] - hit_word[hi] <= reach; ++k) {
          if (occ[other][k].first == n) continue;
          const size_t k_begin = hit_word[occ[other][k].first];
          if (k_begin <= hit_word[hi] || k_begin - hit_word[hi] - 1 <= gap) return true;
        }
        for (size_t k = lo; k <= hi; ++k) {
          if (occ[other][k].first != n) return true;  // a word of both
        }
        return false;
      };
      // Each occurrence once, from its first hit, unless all its words are kept already (a word
      // that is also a term keeps the rest of its alias only if the alias is near).
      for (size_t o = 0; o < ops; ++o) {
        for (size_t h = 0; h < n; ++h) {
          if (occ[o][h].first != h) continue;
          const size_t last = occ[o][h].second;
          bool pending = false;
          for (size_t k = h; k <= last; ++k) pending = pending || !confirmed[k];
          if (!pending) continue;
          bool all = true;
          for (size_t other = 0; other < ops && all; ++other) all = other == o || near(h, o, other);
          if (all) std::fill(confirmed.begin() + static_cast<std::ptrdiff_t>(h), confirmed.begin() + static_cast<std::ptrdiff_t>(last + 1), 1);
        }
      }
    }
    size_t out = 0;
    for (Scored& s : scored) {
      const size_t hb = out;
      for (size_t k = s.hb; k < s.he; ++k) {
        if (!confirmed[k]) continue;
        MoveHit(k, out);
        hit_joined[out] = hit_joined[out] && k + 1 < n && confirmed[k + 1];  // its match's next word is kept
        ++out;
      }
      s.hb = hb;
      s.he = out;
      s.score = Score(hb, out);
    }
    ResizeHits(out);
  }

  void MoveHit(size_t from, size_t to) {
    hit_spans[to] = hit_spans[from];
    hit_ids[to] = hit_ids[from];
    hit_words[to] = hit_words[from];
    hit_kind[to] = hit_kind[from];
    hit_joined[to] = hit_joined[from];
  }

  void ResizeHits(size_t n) {
    hit_spans.resize(n);
    hit_ids.resize(n);
    hit_words.resize(n);
    hit_kind.resize(n);
    hit_joined.resize(n);
  }

  // Puts first in `order` (sentences by score, ties to the earlier) the `count` to show, chosen
  // one at a time: the sentence with the most query words (a stem's forms are one word:
  // "Kementerian" and "Menteri") that no sentence chosen before shows, of those the first in
  // `order`. The first is the best by score; a second sentence of the same words comes after one
  // that shows another of the query's words.
  void PickCovering(size_t count) {
    distinct.clear();  // the query words the chosen sentences show
    auto fresh = [this](uint32_t sentence) {
      size_t n = 0;
      const Scored& s = scored[sentence];
      for (size_t k = s.cb; k < s.ce; ++k) {
        bool seen = Holds(distinct, hit_words[k]);
        for (size_t j = s.cb; j < k && !seen; ++j) seen = hit_words[j] == hit_words[k];
        n += !seen;
      }
      return n;
    };
    for (size_t k = 0; k < count && k < order.size(); ++k) {
      size_t best = k, best_fresh = fresh(order[k]);
      for (size_t c = k + 1; c < order.size(); ++c) {
        const size_t f = fresh(order[c]);
        if (f > best_fresh) best = c, best_fresh = f;
      }
      std::rotate(order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(best),
                  order.begin() + static_cast<std::ptrdiff_t>(best + 1));
      const Scored& s = scored[order[k]];
      for (size_t h = s.cb; h < s.ce; ++h) {
        if (!Holds(distinct, hit_words[h])) distinct.push_back(hit_words[h]);
      }
    }
  }

  // The window [*wb, *we) of at most `per` characters (a little more for a multi-word match:
  // FitMatches) that Make shows of the sentence [sb, se), longer than that, with the hits
  // [hb, he), built around hit `anchor` (any byte offset when hb == he): from the first word
  // that starts at most per/4 characters before it, as many whole words as fit.
  void MakeWindow(std::string_view text, size_t sb, size_t se, size_t hb, size_t he, size_t anchor, size_t per, size_t* wb_out,
                  size_t* we_out) const {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    size_t wb = sb, we = se;
    // The window's first word starts at or after `from`, the character per/4 before the anchor
    // (the sentence start when the anchor is nearer, or when there is no hit).
    size_t from = sb;
    if (hb < he) {
      from = hit_spans[anchor].first;
      for (size_t back = per / 4; back > 0 && from > sb;) {
        --from;
        back -= (p[from] & 0xC0) != 0x80;
      }
    }
    // Words from ScanStart before it (NextWord: they are the sentence's words).
    auto i = ScanStart(p, static_cast<int32_t>(from), static_cast<int32_t>(sb));
    const auto end = static_cast<int32_t>(se);
    int32_t word_b = 0, word_e = 0, prev_b = -1, prev_e = -1;
    bool found = false;
    while (NextWord(p, &i, end, &word_b, &word_e)) {
      if (static_cast<size_t>(word_b) >= from) {
        found = true;
        // An amount whose glued "Rp" starts before `from` starts the window with its "Rp", a
        // '%' with its number.
        if (prev_e == word_b && IsGluedCurrencyWord(p, prev_b, prev_e, end)) word_b = prev_b;
        if (prev_b >= 0 && IsPercentWord(p, word_b, word_e)) word_b = prev_b;
        break;
      }
      prev_b = word_b;
      prev_e = word_e;
    }
    if (found) {
      wb = static_cast<size_t>(word_b);
      we = WindowEnd(text, wb, se, per);
      // A window that holds the sentence's last word, with characters to spare, takes the
      // punctuation after it and starts earlier, at the first word from which the rest of the
      // sentence fits: a hit near the end of a long sentence had shown per/4 characters
      // before it, the few after, and a false "…" before the sentence's closing ")." ("(ODOL …").
      int32_t rest = static_cast<int32_t>(we), rest_b = 0, rest_e = 0;
      if (!NextWord(p, &rest, end, &rest_b, &rest_e) && CodePoints(text, wb, se) <= per) {
        we = se;
        if (wb > sb) wb = EarliestStartFitting(text, sb, wb, se, per);
      }
    } else {
      wb = sb;  // no word at all
      we = wb;
    }
    if (we <= wb) {  // one word longer than `per`: cut at a character boundary
      we = std::min(se, wb + per);
      while (we < se && (p[we] & 0xC0) == 0x80) ++we;
    }
    // The matches from the first hit in the window on (the anchor's window may start after
    // some of the sentence's hits).
    size_t in_window = hb;
    while (in_window < he && hit_spans[in_window].first < wb) ++in_window;
    FitMatches(text, in_window, he, se, per, &wb, &we);
    *wb_out = wb;
    *we_out = we;
  }

  // In a sentence longer than `per` characters, which hits the window Make shows (MakeWindow)
  // holds: sets s.anchor, s.cb and s.ce to the window, of those built around each of the
  // sentence's first kMaxWindowAnchors matches, that shows the most distinct query words (the
  // first of equal ones), and the score to what it shows. The sentence's first hit had always
  // been the anchor: a sentence that names both query words far apart was chosen for them, and
  // its window showed one ("… Presiden Amerika Serikat (AS …" without the "Donald Trump" after it).
  void WindowHits(std::string_view text, Scored& s, size_t per) {
    s.anchor = s.cb = s.hb;
    s.ce = s.he;
    if (s.he - s.hb < 2 || s.e - s.b <= per || CodePoints(text, s.b, s.e) <= per) return;
    // A multi-word match counts once, by its first word, and only its first word anchors a window.
    auto continues = [&](size_t h) { return h > s.hb && hit_joined[h - 1]; };
    size_t best = 0, tried = 0;
    for (size_t a = s.hb; a < s.he && tried < kMaxWindowAnchors; ++a) {
      if (continues(a)) continue;
      ++tried;
      size_t wb = 0, we = 0;
      MakeWindow(text, s.b, s.e, s.hb, s.he, a, per, &wb, &we);
      size_t first = s.hb;
      while (first < s.he && hit_spans[first].first < wb) ++first;
      size_t last = first;
      distinct.clear();
      for (; last < s.he && hit_spans[last].second <= we; ++last) {
        if (!continues(last) && !Holds(distinct, hit_words[last])) distinct.push_back(hit_words[last]);
      }
      if (distinct.size() > best) best = distinct.size(), s.anchor = a, s.cb = first, s.ce = last;
      if (we >= s.e) break;  // the window ends with the sentence: a later anchor's is the same
    }
    s.score = Score(s.cb, s.ce);
  }

  // A sentence's score from its hits [hb, he): distinct lowercase forms first, then hits.
  double Score(size_t hb, size_t he) {
    distinct.clear();
    for (size_t k = hb; k < he; ++k) {
      if (!Holds(distinct, hit_ids[k])) distinct.push_back(hit_ids[k]);
    }
    return static_cast<double>(distinct.size()) * 10 + static_cast<double>(he - hb);
  }

  // Where hits may be: `regions`, byte ranges in text order. Every hit contains, in its
  // lowercase form, one of the literals (an unstemmed term, a stem's needle, a wildcard prefix);
  // for a word of ASCII letters that form is the ASCII lowercasing, so the literals are looked
  // for in the text as lowercased that way (without lowercasing it: bytes are compared folded).
  // A word with a non-ASCII character is a candidate too: the lead byte of each non-ASCII
  // character but general punctuation (U+2000-U+203F: dashes, quotes, ellipsis) is a region.
  // One pass over the text, 16 bytes at a time, looks for all of them.
  void FindRegions(std::string_view text) {
    regions.clear();
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
#ifdef __SSE2__
    const __m128i lead_floor = _mm_set1_epi8(static_cast<char>(0xBF));
    while (i + 16 + probe_reach <= n) {
      const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
      // Lead bytes of multi-byte characters (0xC0-0xFF: the negative bytes above (int8)0xBF),
      // but E2 80 (U+2000-U+203F).
      const __m128i lead = _mm_and_si128(v0, _mm_cmpgt_epi8(v0, lead_floor));
      const __m128i general_punct = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8(static_cast<char>(0xE2))),
                                                  _mm_cmpeq_epi8(v1, _mm_set1_epi8(static_cast<char>(0x80))));
      unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(general_punct, lead)));
      for (const Probe& pr : probes) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + pr.off0));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + pr.off1));
        const __m128i m0 = _mm_cmpeq_epi8(_mm_or_si128(a, pr.fold0), pr.want0);
        const __m128i m1 = _mm_cmpeq_epi8(_mm_or_si128(b, pr.fold1), pr.want1);
        mask |= static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(m0, m1)));
      }
      while (mask != 0) {
        RegionsAt(text, i + static_cast<size_t>(__builtin_ctz(mask)));
        mask &= mask - 1;
      }
      i += 16;
    }
#endif
    for (; i < n; ++i) RegionsAt(text, i);
    // An acronym's literal has dots between its letters ("B.J." for "bj"): each capital, '.' and
    // capital is a region too, merged in text order.
    const size_t before = regions.size();
    for (size_t k = NextCapitalDot(p, 1, n); k < n; k = NextCapitalDot(p, k + 1, n)) {
      if (k + 1 < n && IsAsciiUpper(p[k + 1])) regions.emplace_back(k - 1, k + 2);
    }
    if (regions.size() > before) {
      std::inplace_merge(regions.begin(), regions.begin() + static_cast<std::ptrdiff_t>(before), regions.end());
    }
  }

  // The regions starting at text[i] (FindRegions).
  void RegionsAt(std::string_view text, size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xC0 && !(c == 0xE2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80)) {
      regions.emplace_back(i, i + 1);
    }
    for (const auto& lit : literals) {
      if (lit.size() > text.size() - i) continue;
      size_t k = 0;
      while (k < lit.size()) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if (static_cast<char>(b | (static_cast<unsigned>(b - 'A') < 26u ? 0x20 : 0)) != lit[k]) break;
        ++k;
      }
      if (k == lit.size()) regions.emplace_back(i, i + lit.size());
    }
  }

  // Whether the word [wb, we) holds a whole region of FindRegions; words must come in text order.
  bool CandidateWord(size_t wb, size_t we) {
    if (stem_every_word) return true;
    while (next_region < regions.size() && regions[next_region].first < wb) ++next_region;
    for (size_t k = next_region; k < regions.size() && regions[k].first < we; ++k) {
      if (regions[k].second <= we) return true;
    }
    return false;
  }

  // Classifies the word [wb, we) when it may be a hit, and counts it (ScoreSentence).
  void CountWord(std::string_view text, int32_t wb, int32_t we) {
    const auto b = static_cast<size_t>(wb), e = static_cast<size_t>(we);
    if (!CandidateWord(b, e)) return;
    const Verdict v = Classify(text.substr(b, e - b));
    if (!v.hit) return;
    hit_spans.emplace_back(b, e);
    hit_ids.push_back(v.lower_id);
    hit_words.push_back(v.word_id);
    hit_kind.push_back(v.kind);
    hit_joined.push_back(0);
  }

  // Scores the sentence [b, e) and adds it to `scored`; its hits go to `hit_spans`. Classifies
  // every word when stem_every_word, else only the words around the regions from `region` on
  // that start in it: the words from the last ASCII non-word byte (or word end) before a region
  // up to the one holding it or after it, which are the words a scan of the whole sentence finds
  // there (NextWord).
  // Appends the hits [hb, he) that lie inside [wb, we) to `spans` as code points, `cp` being the
  // offset of byte wb; a hit right after the one before (a glued "Rp" and its amount) extends it:
  // one span. A word of a multi-word match that is not a hit on its own is left out unless the
  // whole match lies inside (a lone "Amerika" of "Amerika Serikat" is no match).
  void AddSpans(std::string_view text, size_t hb, size_t he, size_t wb, size_t we, size_t cp,
                std::vector<std::pair<size_t, size_t>>* spans) const {
    size_t pos = wb;
    for (size_t h = hb; h < he; ++h) {
      const auto [hit_b, hit_e] = hit_spans[h];
      if (hit_b < wb || hit_e > we) continue;
      if (hit_kind[h] != kAnywhere && (hit_spans[MatchFirst(h, hb)].first < wb || hit_spans[MatchLast(h, he)].second > we)) continue;
      cp += CodePoints(text, pos, hit_b);
      const size_t cb = cp;
      cp += CodePoints(text, hit_b, hit_e);
      if (!spans->empty() && spans->back().second == cb) spans->back().second = cp;
      else spans->emplace_back(cb, cp);
      pos = hit_e;
    }
  }

  // The first and the last hit of the match holding hit h (h itself for a single word), among
  // the hits from hb on, and before he.
  size_t MatchFirst(size_t h, size_t hb) const {
    while (h > hb && hit_joined[h - 1]) --h;
    return h;
  }
  size_t MatchLast(size_t h, size_t he) const {
    while (h + 1 < he && hit_joined[h]) ++h;
    return h;
  }

  // Makes the window [*wb, *we) of at most `per` characters, cut from a sentence that ends at se
  // and holds the hits [hb, he) (from the window's first on: MakeWindow), split no multi-word
  // match (hit_joined): for each match that
  // starts inside and ends past it, in text order, the window
  //   - moves forward to the first word start from which the match's end is at most `per`
  //     characters on, if that is not past the sentence's first hit, and takes as many whole
  //     words as fit from there (the next match may now straddle its end: go on);
  //   - else, when the match starts at most per / kMatchOverrunDivisor characters too far, runs
  //     from the first hit to the match's end (past `per`);
  //   - else ends before the match, when a hit comes before it;
  //   - else (the match alone is longer than that) stays, and AddSpans leaves the match's words
  //     that are not hits on their own unhighlighted.
  // Whatever the window was, it still starts at a word start at or before the first hit.
  void FitMatches(std::string_view text, size_t hb, size_t he, size_t se, size_t per, size_t* wb, size_t* we) const {
    if (hb == he) return;
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const size_t first_hit = hit_spans[hb].first;
    for (size_t g0 = hb; g0 < he; g0 = MatchLast(g0, he) + 1) {
      const size_t g1 = MatchLast(g0, he);
      const size_t mb = hit_spans[g0].first, me = hit_spans[g1].second;
      if (mb >= *we) return;                  // this match and the later ones are past the window
      if (g0 == g1 || me <= *we) continue;    // a single word, or a match inside
      const size_t from_first = CodePoints(text, first_hit, me);
      if (from_first <= per) {
        // The first word start from *wb on that is at most `per` characters before me; first_hit
        // is one.
        size_t cp = CodePoints(text, *wb, me);  // characters from the word's start to me
        auto i = static_cast<int32_t>(*wb);
        int32_t word_b = 0, word_e = 0;
        size_t pos = *wb;
        while (cp > per && NextWord(p, &i, static_cast<int32_t>(se), &word_b, &word_e)) {
          cp -= CodePoints(text, pos, static_cast<size_t>(word_b));
          pos = static_cast<size_t>(word_b);
        }
        *wb = pos;
        *we = WindowEnd(text, *wb, se, per);
        continue;
      }
      if (from_first <= per + per / kMatchOverrunDivisor) {
        *wb = first_hit;
        *we = me;
        return;
      }
      if (g0 > hb) {
        // The last word end before mb, from the end of the hit before it.
        auto i = static_cast<int32_t>(hit_spans[g0 - 1].second);
        int32_t word_b = 0, word_e = 0;
        *we = hit_spans[g0 - 1].second;
        while (NextWord(p, &i, static_cast<int32_t>(mb), &word_b, &word_e)) {
          if (!CutsAmount(p, word_b, word_e, static_cast<int32_t>(se))) *we = static_cast<size_t>(word_e);
        }
      }
      return;
    }
  }

  // Forgets the hits and scores of the text before.
  void Reset() {
    scored.clear();
    hit_spans.clear();
    hit_ids.clear();
    hit_words.clear();
    hit_kind.clear();
    hit_joined.clear();
    next_region = 0;
  }

  void ScoreSentence(std::string_view text, size_t b, size_t e, size_t region) {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const auto end = static_cast<int32_t>(e);
    const size_t hb = hit_spans.size();
    int32_t wb = 0, we = 0;
    if (stem_every_word) {
      int32_t i = static_cast<int32_t>(b);
      while (NextWord(p, &i, end, &wb, &we)) CountWord(text, wb, we);
    } else {
      int32_t cursor = static_cast<int32_t>(b);  // words before it are counted
      for (size_t k = region; k < regions.size() && regions[k].first < e && cursor < end; ++k) {
        const auto rb = static_cast<int32_t>(regions[k].first);
        if (rb < cursor) continue;
        int32_t i = ScanStart(p, rb, cursor);
        while (NextWord(p, &i, end, &wb, &we)) {
          CountWord(text, wb, we);
          if (we > rb) break;
        }
        cursor = i;
      }
    }
    if (!phrase_only_ids.empty() || !phrase_near_ids.empty()) ConfirmPhrases(text, hb);
    scored.push_back({b, e, hb, hit_spans.size(), Score(hb, hit_spans.size())});
  }

  const HighlightSet& what;
  SnippetWords::Impl& words_cache;
  std::vector<uint32_t> term_ids;
  uint64_t term_bits = 0;  // bit (id % 64) set for each term id
  std::vector<std::string> stem_needles;  // StemNeedle of each stem term
  std::vector<std::string> plain_terms;   // the unstemmed terms, and their ids
  std::vector<uint32_t> plain_ids;
  std::vector<uint32_t> phrase_only_ids;  // phrase words that are not terms on their own
  std::vector<std::vector<uint32_t>> phrase_ids;  // each phrase's word ids
  std::vector<uint32_t> phrase_near_ids;  // words of a NEAR's phrases that are not terms or free phrase words
  std::vector<uint32_t> near_only_ids;    // NEAR words that are neither terms nor phrase words
  std::vector<NearIds> near_ids;          // each NEAR's operands' word ids
  std::vector<std::string> literals;      // what every hit contains (FindRegions)
#ifdef __SSE2__
  std::vector<Probe> probes;  // one for each literal
  size_t probe_reach = 1;     // how far past a position FindRegions's loads reach, less 16
#endif
  std::string lower;                      // scratch
  std::vector<std::pair<size_t, size_t>> regions;  // FindRegions: byte ranges, sorted by start
  size_t next_region = 0;                 // CandidateWord's position in regions
  bool stem_every_word = false;           // a literal too short to filter by: every word is classified
  // Scratch space reused from one text to the next.
  std::vector<Scored> scored;                        // in text order
  std::vector<std::pair<size_t, size_t>> hit_spans;  // byte ranges of the hits of `scored`
  std::vector<uint32_t> hit_ids;                     // the lowercase form's id of each hit
  std::vector<uint32_t> hit_words;                   // the query word each hit shows (Verdict::word_id)
  std::vector<HitKind> hit_kind;                     // where each hit counts (HitKind)
  std::vector<char> hit_joined;                      // 1: the hit and the next are words of one multi-word match
  std::vector<char> confirmed;                       // ConfirmPhrases and ConfirmNear scratch
  std::vector<size_t> hit_word;                      // ConfirmNear: each hit's word position
  std::vector<uint32_t> order;                       // indices into `scored`
  std::vector<uint32_t> distinct;
};

SnippetMaker::SnippetMaker(const HighlightSet& what, SnippetWords& words)
    : impl_(std::make_unique<Impl>(what, *words.impl_)) {}

SnippetMaker::~SnippetMaker() = default;

Snippet SnippetMaker::Make(std::string_view text, const SnippetOptions& opt) {
  Snippet out;
  const size_t first = NonBlank(text, 0);
  if (first == text.size()) return out;  // empty, or only spaces and line breaks
  Impl& m = *impl_;
  m.Reset();
  size_t b = 0, e = 0;
  if (m.stem_every_word) {
    for (size_t at = first; at < text.size(); at = NonBlank(text, e)) {
      SentenceAround(text, at, &b, &e);
      m.ScoreSentence(text, b, e, 0);
    }
  } else {
    // Only the sentences holding a region may hold a hit: find and score those.
    m.FindRegions(text);
    for (size_t k = 0; k < m.regions.size();) {
      const size_t at = m.regions[k].first;
      if (IsBlank(text[at])) {
        ++k;
        continue;
      }
      SentenceAround(text, at, &b, &e);
      m.ScoreSentence(text, b, e, k);
      while (k < m.regions.size() && m.regions[k].first < e) ++k;
    }
  }
  if (!m.near_only_ids.empty() || !m.phrase_near_ids.empty()) m.ConfirmNear(text);
  // The sentences to show (PickCovering), then shown in text order. Nothing matched (a
  // filter-only query): the lead.
  std::vector<uint32_t>& order = m.order;
  order.clear();
  for (size_t k = 0; k < m.scored.size(); ++k) {
    if (m.scored[k].score > 0) order.push_back(static_cast<uint32_t>(k));
  }
  // At most as many fragments as give each kMinFragmentChars of max_chars (at least one).
  const size_t max_fragments = std::max<size_t>(1, std::min(opt.fragments, opt.max_chars / kMinFragmentChars));
  // Each long sentence is chosen, and shown, by what the window of its share of the length shows.
  const size_t share = std::max<size_t>(1, opt.max_chars / std::max<size_t>(1, std::min(order.size(), max_fragments)));
  for (const uint32_t k : order) m.WindowHits(text, m.scored[k], share);
  std::stable_sort(order.begin(), order.end(), [&m](uint32_t a, uint32_t c) { return m.scored[a].score > m.scored[c].score; });
  if (order.size() > max_fragments && max_fragments > 1) m.PickCovering(max_fragments);
  order.resize(std::min(order.size(), max_fragments));
  std::sort(order.begin(), order.end());
  // The lead when nothing matched: the first sentence with a word, so that a line the scraper
  // left without its words (a lone '"' where a name was a link) is not the whole snippet; the
  // first sentence when none has one.
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  size_t lead_b = 0, lead_e = 0;
  const size_t nchosen = std::max<size_t>(1, order.size());
  if (order.empty()) {
    bool found = false;
    for (size_t at = first; at < text.size() && !found; at = NonBlank(text, e)) {
      SentenceAround(text, at, &b, &e);
      int32_t i = static_cast<int32_t>(b), word_b = 0, word_e = 0;
      found = NextWord(p, &i, static_cast<int32_t>(e), &word_b, &word_e);
    }
    if (found) {
      lead_b = b;
      lead_e = e;
    } else {
      SentenceAround(text, first, &lead_b, &lead_e);
    }
  }
  const size_t per = share;  // max_chars / nchosen, as the windows were chosen
  size_t out_cp = 0;  // code points in out.text

  for (size_t k = 0; k < nchosen; ++k) {
    const Scored* s = order.empty() ? nullptr : &m.scored[order[k]];
    const size_t sb = s ? s->b : lead_b, se = s ? s->e : lead_e;
    const size_t hb = s ? s->hb : 0, he = s ? s->he : 0;  // its hits in m.hit_spans
    const size_t anchor = s ? s->anchor : 0;            // the hit its window is built around
    // Window of at most `per` characters inside the sentence: from the first word that starts at
    // most per/4 characters before the first hit (or the first word), as many whole words as fit.
    size_t wb = sb, we = se;
    if (se - sb > per && CodePoints(text, sb, se) > per) m.MakeWindow(text, sb, se, hb, he, anchor, per, &wb, &we);
    if (k == 0) {
      // Not the first sentence: something other than spaces and line breaks comes before it.
      if (sb > first || wb > sb) {
        out.text += "… ";
        out_cp += 2;
      }
    } else {
      out.text += " … ";
      out_cp += 3;
    }
    m.AddSpans(text, hb, he, wb, we, out_cp, &out.highlights);
    out.text.append(text.substr(wb, we - wb));
    out_cp += CodePoints(text, wb, we);
    if (we < se && k + 1 == nchosen) out.text += " …";
  }
  return out;
}

std::vector<std::pair<size_t, size_t>> SnippetMaker::Highlights(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  const size_t first = NonBlank(text, 0);
  if (first == text.size()) return out;
  Impl& m = *impl_;
  m.Reset();
  if (!m.stem_every_word) m.FindRegions(text);
  m.ScoreSentence(text, first, text.size(), 0);  // the whole text as one sentence
  if (!m.near_only_ids.empty() || !m.phrase_near_ids.empty()) m.ConfirmNear(text);
  m.AddSpans(text, 0, m.hit_spans.size(), 0, text.size(), 0, &out);
  return out;
}

Snippet MakeSnippet(const std::string& text, const HighlightSet& what, Xapian::Stem& stem, const SnippetOptions& opt) {
  SnippetWords words(stem);
  return SnippetMaker(what, words).Make(text, opt);
}

std::string RenderSnippet(const Snippet& s, const std::string& open, const std::string& close) {
  // At the first byte of each character: close the highlight ending there (not at 0), then open
  // the one starting there. Only the characters where the current highlight starts or ends can
  // do either, so the text between them is copied whole.
  std::string out;
  out.reserve(s.text.size() + s.highlights.size() * (open.size() + close.size()));
  const auto* p = reinterpret_cast<const uint8_t*>(s.text.data());
  const size_t n = s.text.size(), nh = s.highlights.size();
  size_t cp = 0, hi = 0, i = 0;  // cp: the code point index of p[i] (when a lead byte)
  while (i < n) {
    // The next code point at which something may happen.
    size_t target = SIZE_MAX;
    if (hi < nh) {
      const auto [first, second] = s.highlights[hi];
      if (first >= cp) target = first;
      if (second >= cp && second < target) target = second;
    }
    size_t j = i;
    // 8 bytes hold at most 8 characters: skip them whole while none of them can be the target.
    while (j + 8 <= n && cp + 8 <= target) {
      uint64_t v;
      std::memcpy(&v, p + j, 8);
      const uint64_t continuation = v & ~(v << 1) & 0x8080808080808080ULL;
      cp += 8 - static_cast<size_t>(((continuation >> 7) * 0x0101010101010101ULL) >> 56);
      j += 8;
    }
    for (; j < n; ++j) {
      if ((p[j] & 0xC0) != 0x80) {
        if (cp == target) break;
        ++cp;
      }
    }
    out.append(s.text, i, j - i);
    i = j;
    if (i == n) break;
    // p[i] is the lead byte of code point `target`.
    if (hi < nh && s.highlights[hi].second == cp && cp > 0) {
      out += close;
      ++hi;
    }
    if (hi < nh && s.highlights[hi].first == cp) out += open;
    ++cp;
    out += s.text[i];
    ++i;
  }
  if (hi < nh && s.highlights[hi].second == cp) out += close;
  return out;
}

}  // namespace rkn
