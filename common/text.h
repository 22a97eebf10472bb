// Text utilities shared by every stage: UTF-8 validation, ICU normalisation and folding,
// line splitting.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace rkn {

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Returns `s` with invalid UTF-8 sequences replaced by U+FFFD.
std::string RepairUtf8(std::string_view s);

// Checks that `text`, the bytes of the data file `file` (a word list, the aliases, rules), is
// text as written by hand: well-formed UTF-8 holding no control character but tab, '\n', '\v',
// '\f' and '\r' (no NUL, ESC, DEL or C1 control). Fails with InvalidArgument whose where() is
// "<file>:<line>" (1-based) of the first fault, saying "not UTF-8 text" or "control character
// U+001B, not text". One table lookup a byte over ASCII.
Status CheckDataText(std::string_view text, const std::string& file);

// Whether code point `c` is a bidirectional formatting character: the embeddings, overrides and
// their pop (U+202A to U+202E), the isolates (U+2066 to U+2069), the marks U+200E, U+200F and
// U+061C. Printed raw, one of them reorders what a terminal shows after it (U+202E turns
// "txt.exe" around). Never fails.
constexpr bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

// How NormalizeText treats code point `c` when it is invisible: dropped (the zero-width
// joiners U+200C/U+200D, the word joiner U+2060, the byte order mark U+FEFF, the soft hyphen
// U+00AD, the bidirectional formatting characters of IsBidiControl), a space (the zero-width
// space U+200B, a word break), or kept (every other code point). Never fails.
enum class Invisible { kKept, kDropped, kSpace };
constexpr Invisible InvisibleOf(char32_t c) {
  if (c == 0x200B) return Invisible::kSpace;
  if (c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD || IsBidiControl(c)) return Invisible::kDropped;
  return Invisible::kKept;
}

// `text` with the invisible characters NormalizeText drops dropped (InvisibleOf), and those it
// makes a space (the zero-width space, the no-break space) spaces, nothing else changed: for a
// pass that runs before NormalizeText and must see what it will ("Wiranto.,\u200ESenada" is
// "Wiranto.,Senada" to the split of comma-joined records). Bytes that are no valid UTF-8 are kept
// as they are. Never fails.
std::string InvisibleAsNormalized(std::string_view text);

// `s` made safe to print on a terminal inside one line of a message: sequences that are not
// UTF-8 become U+FFFD, control characters (C0 but tab, DEL, C1) are written as "\xNN" (C1 as
// "\u0085"), bidirectional formatting characters (IsBidiControl) as "\u202e", and, when
// `max_chars` is not 0 and `s` has more code points than that, its middle is cut out and
// replaced by "…" (the first and last max_chars / 2). Never fails.
std::string SafeForTerminal(std::string_view s, size_t max_chars = 0);

// `message`, a parse error quoting part of a record as nlohmann::json words it ("...; last read:
// '<excerpt>'", "...; last read: '<excerpt>'; expected ':'", "number overflow parsing
// '<excerpt>'"), with the excerpt made SafeForTerminal and cut to `max_chars` code points: a
// broken line must not quote kilobytes of the record. Other messages are returned as they are.
// Never fails.
std::string CutRecordExcerpt(std::string_view message, size_t max_chars);

// NFC-normalises `s`, folds typographic quotes to ASCII quotes, dashes (en, em, minus, ...) to
// '-', non-breaking and other Unicode spaces, the zero-width space and control characters (but
// '\n') to ' ', removes the other zero-width characters, the soft hyphen, the BOM and the
// bidirectional formatting characters (IsBidiControl), folds ligatures, presentation forms,
// full-width and mathematical letters to what they write ("ﬁ" -> "fi", "ＫＰＫ" -> "KPK",
// "𝐊𝐏𝐊" -> "KPK"; NFKC's mapping, for those blocks only), and turns
// "\r\n" and '\r' into '\n'. Input must be valid UTF-8 (see RepairUtf8). Never fails.
std::string NormalizeText(std::string_view s);

// `s` with the HTML character references that scraped text carries decoded: numeric ones
// (&#8216; &#x2019;; 128 to 159 read as Windows-1252, as browsers do: &#146; is '’'; a control
// character or line separator, &#10;, is a space, so no line is added) and the
// named ones of text (&quot; &amp; &nbsp; &hellip; &rsquo; &eacute; ...), also when encoded twice
// (&amp;quot; -> '"', as double-escaped pages and dumps hold them). What is no reference (a lone
// '&', R&D, an unknown name, &#0;) stays as written. Never fails; invalid UTF-8 passes through.
std::string DecodeHtmlEntities(std::string_view s);

// Whether p[i] starts "Rp" (any case) glued to an amount, as in "Rp3,5" or "Rp100.000", when a
// word starts there. Such a word is two words, "Rp" and the amount, for the indexer, the query
// parser (SplitGluedCurrency) and the snippets (snippet.cc) alike, so that "Rp3,5", "Rp 3,5" and
// "3,5" find each other. Reads p[i, i + 3) when they are before `end`.
inline bool GluedCurrencyAt(const uint8_t* p, size_t i, size_t end) {
  return i + 2 < end && (p[i] | 0x20) == 'r' && (p[i + 1] | 0x20) == 'p' && p[i + 2] >= '0' && p[i + 2] <= '9';
}

// `text` with a space after every "Rp" glued to an amount (GluedCurrencyAt) at the start of a
// word: after the text's start, or after a character that is no word character (letter, digit
// or '_') and does not join two words (an apostrophe or '&' after a word character, as in
// "ma'ruf"). Returns `text` itself when there is none (the usual case), else a view of `*buf`.
// `text` must be valid UTF-8. Never fails.
std::string_view SplitGluedCurrency(std::string_view text, std::string* buf);

// The word a '%' after a number is: "47,6%", "47,6 %" and "47,6 persen" are the same words for the
// indexer, the query parser (SpellPercent) and the snippets (snippet.cc), as Indonesian news
// writes percentages both ways (README: how many CLICK-ID 2019 records write each).
inline constexpr std::string_view kPercentWord = "persen";

// Whether p[i] is a '%' right after a digit, or after a digit and one space. Reads p[i - 2, i].
inline bool PercentWordAt(const uint8_t* p, size_t i) {
  auto digit = [](uint8_t c) { return c >= '0' && c <= '9'; };
  return p[i] == '%' && i >= 1 && (digit(p[i - 1]) || (i >= 2 && p[i - 1] == ' ' && digit(p[i - 2])));
}

// `text` with every '%' of PercentWordAt written as the word kPercentWord, a space on either side
// ("47,6%" -> "47,6 persen "). Returns `text` itself when there is none (the usual case), else a
// view of `*buf`. Never fails.
std::string_view SpellPercent(std::string_view text, std::string* buf);

// The letter without its marks a Latin letter with diacritics is folded to for terms ("é" -> 'e',
// "Ö" -> 'O', "ğ" -> 'g', "ı" -> 'i', "ø" -> 'o', "ł" -> 'l'): the indexer, the query parser and the
// snippets read "Mbappé" as "Mbappe", as news writes names both ways. `c` itself when it has
// none (ASCII, other scripts, "ß", "æ"). Never fails.
char32_t FoldLatinMark(char32_t c);

// `text` with every letter FoldLatinMark folds written as its ASCII letter. Returns `text` itself
// when there is none (the usual case), else a view of `*buf`. `text` must be valid UTF-8 (other
// bytes are kept as they are). Never fails.
std::string_view FoldLatinMarks(std::string_view text, std::string* buf);

// The edit distance of `a` and `b` over bytes, counting a deletion, an insertion, a substitution
// or a swap of two neighbouring bytes as one edit (optimal string alignment), as Xapian's spelling
// correction does: "indonesai" is one edit from "indonesia". For short words: it takes a.size() *
// b.size() steps. Never fails.
size_t EditDistance(std::string_view a, std::string_view b);

// The number of code points of `s` (valid UTF-8): its bytes that are not continuation bytes
// (10xxxxxx), counted 8 at a time. Never fails.
inline size_t CodePoints(std::string_view s) {
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    const uint64_t continuation = v & ~(v << 1) & 0x8080808080808080ULL;  // bit 7 set, bit 6 clear
    // Count the set bits (one per byte) by multiplication: no popcount instruction needed.
    n += 8 - static_cast<size_t>(((continuation >> 7) * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

// Whether `c` is an ASCII capital, A to Z (a byte of a multi-byte character never is).
inline constexpr bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Whether byte t[i] ends a sentence (false for a byte not '\n', '.', '!', '?' or a closing quote): '\n'
// always; the others when a space follows, but for a '.' between two digits ("1. 5"), after an
// initial ("J. Smith") a dotted abbreviation of short parts ("S.H.", "M.Si.", not "Kompas.com.")
// or a common one ("Jl. Sudirman", "Dr. Ani", "Rp. 5", "PT. Yamaha"); and none of them before a
// lowercase letter ("dll. dan"). Right after . ! or ?, a closing quote ('"', '\'', and the last
// byte of '”' or '’') ends the sentence instead of the punctuation before it, by the same rules
// ("kata dia.\" Lalu", "siap!” Ia"; not "Apa?\" tanya"). The indexer ends phrases there (no phrase
// spans two sentences) and snippets are cut there: one definition for both.
// kSentenceEndBytes lists every byte for which it may return true.
bool EndsSentence(std::string_view t, size_t i);
inline constexpr std::string_view kSentenceEndBytes = ".!?\n\"'\x99\x9d";

// `text` with a space after each '.', '!' or '?' that a scrape glued to the next sentence, as
// dumps lose the breaks between paragraphs ("pungkasnya.Sebagai", "di bawah ini!Kebutuhan",
// "2022.Dalam"): the mark right after a lowercase letter, a digit or ')' and right before a
// capital and two lowercase letters or more; not in a web address or an e-mail ("Kompas.Com",
// "detik.Com", "www.Google", "a@b.Co"). Then EndsSentence sees the sentence end, so no phrase spans
// it and snippets cut there; an abbreviation ("Kab.Cianjur") gets the space it takes, and
// EndsSentence still reads it as one. Never fails.
std::string SpaceGluedSentences(std::string_view text);

// Splits on '\n'; a trailing newline does not produce an empty last line.
std::vector<std::string_view> SplitLines(std::string_view s);

// Trims ASCII and Unicode white space at both ends.
std::string_view Trim(std::string_view s);

// Whether `s` holds a letter or a digit (ICU's alphanumerics): text a search could find. False
// for white space, punctuation and U+FFFD alone ("\xFF\xFE\x00" decodes to that). Malformed
// UTF-8 bytes count as neither. Never fails.
bool HasLetterOrDigit(std::string_view s);

// Lowercases with ICU's root locale (full case mapping).
std::string ToLower(std::string_view s);

// `s` without the diacritics of its Latin letters (FoldLatinMarks), then lowercased (ToLower): a
// word as the index's terms write it. Never fails.
std::string ToLowerFolded(std::string_view s);

// A fast 64-bit hash for short words, 8 bytes at a time (hash tables of the root dictionary and
// the snippet word cache). The compiled-in root dictionary image is laid out with it: changing it
// changes the generated image, never its meaning. Not stable across versions; not cryptographic.
inline uint64_t WordHash(std::string_view w) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ w.size();
  const char* p = w.data();
  size_t n = w.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  uint64_t tail = 0;
  if (n >= 4) {  // two overlapping 4-byte loads cover 4..7 bytes
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    tail = (uint64_t{a} << 32) | b;
  } else if (n > 0) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    tail = (uint64_t{u[0]} << 16) | (uint64_t{u[n >> 1]} << 8) | u[n - 1];
  }
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

// 64-bit FNV-1a hash of `s`, continuing from `seed` (chain calls to hash several strings). Used
// for ids, fingerprints and version strings; not cryptographic.
inline constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
inline uint64_t Fnv1a(std::string_view s, uint64_t seed = kFnvOffset) {
  for (unsigned char c : s) {
    seed ^= c;
    seed *= 1099511628211ULL;
  }
  return seed;
}

// A 64-bit hash of `s` taken 8 bytes at a time: each 8-byte word (in the machine's byte order)
// goes in by FNV-1a's step followed by a shift that folds the high bits down (without it a change
// to a word's last byte reached only the top bits), then the last bytes by Fnv1a. A file's
// fingerprint at a fifth of Fnv1a's cost; its values are not Fnv1a's. Not cryptographic.
inline uint64_t HashWords64(std::string_view s, uint64_t seed = kFnvOffset) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    seed ^= w;
    seed *= 1099511628211ULL;
    seed ^= seed >> 29;
  }
  return Fnv1a(s.substr(i), seed);
}

inline constexpr char kHexDigits[] = "0123456789abcdef";

// `v` as 16 lower-case hex digits.
inline std::string Hex64(uint64_t v) {
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = kHexDigits[v & 0xF];
  return s;
}

// The bytes of `s` as lower-case hex, two digits a byte.
std::string HexBytes(std::string_view s);

// The bytes HexBytes wrote (either case of digit), or nullopt when `hex` is not hex of whole bytes.
std::optional<std::string> BytesFromHex(std::string_view hex);

}  // namespace rkn
