#include "common/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "common/encoding.h"

namespace rkn {

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    if (p[i] < 0x80) {
      out.push_back(static_cast<char>(p[i++]));
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

namespace {

// Whether the ASCII byte `c` is a control character that text written by hand does not hold:
// C0 but tab, '\n', '\v', '\f', '\r'; and DEL.
constexpr bool IsStrayControl(unsigned char c) { return (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F; }

// 1 for the bytes CheckDataText looks at more closely: stray controls and every non-ASCII byte.
constexpr std::array<uint8_t, 256> kCloserLook = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = IsStrayControl(static_cast<unsigned char>(c)) || c >= 0x80;
  return t;
}();

// "U+001B" for code point `c` below 0x10000.
std::string CodePointName(UChar32 c) {
  std::string name = "U+0000";
  for (size_t i = 5; c > 0; --i, c >>= 4) name[i] = kHexDigits[c & 0xF];
  for (size_t i = 2; i < 6; ++i) name[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
  return name;
}

// The code point at p[*i] (negative for a malformed sequence), moving *i past it.
UChar32 NextCodePoint(const uint8_t* p, int32_t* i, int32_t n) {
  UChar32 c = p[*i];
  if (c < 0x80) {
    ++*i;
  } else {
    U8_NEXT(p, *i, n, c);
  }
  return c;
}

}  // namespace

Status CheckDataText(std::string_view text, const std::string& file) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    if (kCloserLook[p[i]] == 0) {
      ++i;
      continue;
    }
    const int32_t start = i;
    const UChar32 c = NextCodePoint(p, &i, n);
    if (c >= 0 && c >= 0x20 && !(c >= 0x7F && c <= 0x9F)) continue;  // a well-formed character
    std::string where = file;
    where += ':';
    where += std::to_string(std::count(text.begin(), text.begin() + start, '\n') + 1);
    if (c < 0) return Status::InvalidArgument(std::move(where), "not UTF-8 text");
    std::string what = "control character ";
    what += CodePointName(c);
    what += ", not text";
    return Status::InvalidArgument(std::move(where), std::move(what));
  }
  return Status::Ok();
}

std::string SafeForTerminal(std::string_view s, size_t max_chars) {
  // The byte ranges kept: all of `s`, or its head and tail around the cut.
  std::string_view head = s, tail;
  if (max_chars != 0 && CodePoints(s) > max_chars) {
    size_t keep = std::max<size_t>(1, max_chars / 2), i = 0;
    for (size_t cp = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && cp++ == keep) break;
    }
    head = s.substr(0, i);
    size_t j = s.size();
    for (size_t cp = 0; j > 0;) {
      --j;
      if ((static_cast<unsigned char>(s[j]) & 0xC0) != 0x80 && ++cp == keep) break;
    }
    tail = s.substr(std::max(i, j));
  }
  std::string out;
  out.reserve(head.size() + tail.size() + 8);
  auto append = [&out](std::string_view part) {
    const auto* p = reinterpret_cast<const uint8_t*>(part.data());
    const auto n = static_cast<int32_t>(part.size());
    for (int32_t i = 0; i < n;) {
      const int32_t start = i;
      const UChar32 c = NextCodePoint(p, &i, n);
      if (c < 0) {
        out += "\xEF\xBF\xBD";
      } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
        out += "\\x";
        out += kHexDigits[c >> 4];
        out += kHexDigits[c & 0xF];
      } else if ((c >= 0x80 && c <= 0x9F) || IsBidiControl(static_cast<char32_t>(c))) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += kHexDigits[(c >> shift) & 0xF];
      } else {
        out.append(part.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
      }
    }
  };
  append(head);
  if (!tail.empty() || head.size() < s.size()) {
    out += "\xE2\x80\xA6";  // …
    append(tail);
  }
  return out;
}

std::string CutRecordExcerpt(std::string_view message, size_t max_chars) {
  size_t begin = std::string_view::npos;
  for (const std::string_view anchor : {"last read: '", "parsing '"}) {
    if (const size_t at = message.find(anchor); at != std::string_view::npos) {
      begin = at + anchor.size();
      break;
    }
  }
  if (begin == std::string_view::npos) return std::string(message);
  size_t end = message.rfind("'; expected ");
  if (end == std::string_view::npos || end < begin) end = message.size() - 1;
  if (end < begin || message[end] != '\'') return std::string(message);
  std::string out(message.substr(0, begin));
  out += SafeForTerminal(message.substr(begin, end - begin), max_chars);
  out += message.substr(end);
  return out;
}

namespace {

// Whether `c` lies in a block whose characters are other glyphs of ordinary letters, digits and
// signs: ligatures and presentation forms (U+FB00-FDFF, U+FE70-FEFE: "ﬁ", Arabic letter
// shapes), small and vertical forms (U+FE10-FE6F), half- and full-width forms (U+FF00-FFEF:
// "ＫＰＫ", "２０１９") and mathematical alphanumerics (U+1D400-1D7FF: "𝐊𝐏𝐊", styled text
// copied from social media). NFKC's other foldings ("²", "½", "™", "ℓ") change what a reader
// sees, so they are left alone.
bool IsCompatibilityFormBlock(UChar32 c) {
  return (c >= 0xFB00 && c <= 0xFDFF) || (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFE70 && c <= 0xFEFE) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x1D400 && c <= 0x1D7FF);
}

bool Fold(UChar32 c, icu::UnicodeString& out);

// Appends the compatibility decomposition of `c` (NFKD's mapping), itself folded ("︱", a
// vertical em dash, becomes '-'), when `c` is in one of IsCompatibilityFormBlock's blocks and has
// one; returns false otherwise.
bool FoldCompatibility(UChar32 c, icu::UnicodeString& out) {
  if (!IsCompatibilityFormBlock(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* const nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString mapped;
  if (nfkc == nullptr || !nfkc->getDecomposition(c, mapped)) return false;
  for (int32_t i = 0; i < mapped.length();) {
    const UChar32 m = mapped.char32At(i);
    i += U16_LENGTH(m);
    // No decomposition of these blocks lands in them again, so this recursion is one level deep.
    if (!Fold(m, out)) out.append(m);
  }
  return true;
}

// Maps one code point to its folded replacement; returns false when it is kept as is.
bool Fold(UChar32 c, icu::UnicodeString& out) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060:
      out.append(static_cast<UChar>('\''));
      return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      out.append(static_cast<UChar>('"'));
      return true;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE58: case 0xFE63: case 0xFF0D:
      out.append(static_cast<UChar>('-'));
      return true;
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
    case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
    case 0x3000: case '\t': case '\f': case '\v':
      out.append(static_cast<UChar>(' '));
      return true;
    case 0x2026:
      out.append(icu::UnicodeString("..."));
      return true;
    case 0x2028: case 0x2029: case 0x0085:
      out.append(static_cast<UChar>('\n'));
      return true;
    default:
      // Other control characters (C0 but '\n', DEL, C1): scraped text carries terminal escapes
      // ("\x1b]0;...\x07") and NULs that must reach neither the index nor a terminal.
      if ((c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F)) {
        out.append(static_cast<UChar>(' '));
        return true;
      }
      // Invisible characters (InvisibleOf): copied text carries them inside words ("kor\u202dut",
      // "Jakarta\u200bUtara"); dropped, or a word break, so the word is the one a reader sees.
      if (c >= 0) {
        switch (InvisibleOf(static_cast<char32_t>(c))) {
          case Invisible::kDropped: return true;
          case Invisible::kSpace: out.append(static_cast<UChar>(' ')); return true;
          case Invisible::kKept: break;
        }
      }
      return FoldCompatibility(c, out);
  }
}

}  // namespace

namespace {

// A letter, digit or '_': what Xapian's TermGenerator and the snippets take into words.
bool IsWordCodePoint(UChar32 c) { return c == '_' || (c >= 0 && u_isalnum(c)); }

// The code point that ends just before p[*k] (*k > 0), moving *k to its start; negative when
// the bytes there are ill-formed.
UChar32 PrevCodePoint(const uint8_t* p, int32_t* k) {
  int32_t start = *k - 1;
  while (start > 0 && (p[start] & 0xC0) == 0x80 && *k - start < 4) --start;
  int32_t j = start;
  UChar32 c;
  U8_NEXT(p, j, *k, c);
  if (j != *k) c = -1;  // a sequence that does not end at *k
  *k = start;
  return c;
}

// Whether a word starts at p[i] (p[i] a word character): i is 0, or the character before is no
// word character and is not an apostrophe or '&' that joins p[i] to a word before it.
bool WordStartsAt(const uint8_t* p, int32_t i) {
  int32_t k = i;
  if (k == 0) return true;
  const UChar32 prev = PrevCodePoint(p, &k);
  if (IsWordCodePoint(prev)) return false;
  if ((prev != '\'' && prev != '&') || k == 0) return true;
  return !IsWordCodePoint(PrevCodePoint(p, &k));
}

}  // namespace

std::string_view SplitGluedCurrency(std::string_view text, std::string* buf) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t copied = 0;  // text[0, copied) is in *buf (once the first split was found)
  bool split = false;
  for (size_t i = 0; i + 2 < n; ++i) {
    if (!GluedCurrencyAt(p, i, n) || !WordStartsAt(p, static_cast<int32_t>(i))) continue;
    if (!split) {
      buf->clear();
      split = true;
    }
    buf->append(text.substr(copied, i + 2 - copied));
    buf->push_back(' ');
    copied = i + 2;
  }
  if (!split) return text;
  buf->append(text.substr(copied));
  return *buf;
}

std::string_view SpellPercent(std::string_view text, std::string* buf) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  size_t copied = 0;  // text[0, copied) is in *buf (once the first '%' was found)
  bool spelled = false;
  for (size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i + 1)) {
    if (!PercentWordAt(p, i)) continue;
    if (!spelled) {
      buf->clear();
      spelled = true;
    }
    buf->append(text.substr(copied, i - copied));
    buf->push_back(' ');
    buf->append(kPercentWord);
    buf->push_back(' ');
    copied = i + 1;
  }
  if (!spelled) return text;
  buf->append(text.substr(copied));
  return *buf;
}

char32_t FoldLatinMark(char32_t c) {
  // Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional (Vietnamese).
  constexpr char32_t kLow = 0xC0, kLowEnd = 0x250, kHigh = 0x1E00, kHighEnd = 0x1F00;
  if (c < kLow || c >= kHighEnd || (c >= kLowEnd && c < kHigh)) return c;
  static const std::array<char, (kLowEnd - kLow) + (kHighEnd - kHigh)> kTable = [] {
    std::array<char, (kLowEnd - kLow) + (kHighEnd - kHigh)> t{};
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    auto fill = [&](char32_t from, char32_t to, size_t base) {
      for (char32_t u = from; u < to; ++u) {
        icu::UnicodeString d;
        if (U_FAILURE(status) || !nfd->getDecomposition(static_cast<UChar32>(u), d) || d.length() < 2) continue;
        const UChar32 first = d.char32At(0);
        bool marks = true;  // the rest are combining marks
        for (int32_t k = d.moveIndex32(0, 1); k < d.length() && marks; k = d.moveIndex32(k, 1)) {
          marks = (U_GET_GC_MASK(d.char32At(k)) & U_GC_M_MASK) != 0;
        }
        if (marks && first < 0x80 && std::isalpha(static_cast<int>(first))) t[base + static_cast<size_t>(u - from)] = static_cast<char>(first);
      }
    };
    fill(kLow, kLowEnd, 0);
    fill(kHigh, kHighEnd, kLowEnd - kLow);
    // Letters with a stroke or without a dot, which Unicode does not decompose.
    for (const auto& [u, a] : {std::pair<char32_t, char>{0xD8, 'O'}, {0xF8, 'o'}, {0x110, 'D'}, {0x111, 'd'}, {0x126, 'H'},
                               {0x127, 'h'}, {0x131, 'i'}, {0x141, 'L'}, {0x142, 'l'}}) {
      t[static_cast<size_t>(u - kLow)] = a;
    }
    return t;
  }();
  const size_t i = c < kLowEnd ? static_cast<size_t>(c - kLow) : static_cast<size_t>(c - kHigh) + (kLowEnd - kLow);
  return kTable[i] != 0 ? static_cast<char32_t>(kTable[i]) : c;
}

std::string_view FoldLatinMarks(std::string_view text, std::string* buf) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t copied = 0;  // text[0, copied) is in *buf (once the first folded letter was found)
  bool folded = false;
  for (int32_t i = 0; i < n;) {
    // Latin letters with marks start with the lead bytes 0xC3 to 0xC9 (U+00C0 to U+024F) or 0xE1
    // (U+1E00 to U+1EFF): every other byte is skipped without decoding.
    if (p[i] < 0xC3 || (p[i] > 0xC9 && p[i] != 0xE1)) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    const char32_t f = FoldLatinMark(static_cast<char32_t>(c));
    if (f == static_cast<char32_t>(c)) continue;
    if (!folded) {
      buf->clear();
      folded = true;
    }
    buf->append(text.substr(static_cast<size_t>(copied), static_cast<size_t>(start - copied)));
    buf->push_back(static_cast<char>(f));
    copied = i;
  }
  if (!folded) return text;
  buf->append(text.substr(static_cast<size_t>(copied)));
  return *buf;
}

namespace {

// The named references news text holds, sorted by name for a binary search.
struct NamedEntity {
  std::string_view name;
  UChar32 code;
};
constexpr std::array kNamedEntities = std::to_array<NamedEntity>({
    {"AMP", '&'},       {"Aacute", 0xC1},   {"Agrave", 0xC0},   {"Auml", 0xC4},     {"Ccedil", 0xC7},
    {"Eacute", 0xC9},   {"Egrave", 0xC8},   {"GT", '>'},        {"LT", '<'},        {"Ntilde", 0xD1},
    {"Oacute", 0xD3},   {"Ouml", 0xD6},     {"QUOT", '"'},      {"Uacute", 0xDA},   {"Uuml", 0xDC},
    {"aacute", 0xE1},   {"acirc", 0xE2},    {"agrave", 0xE0},   {"amp", '&'},       {"apos", '\''},
    {"aring", 0xE5},    {"atilde", 0xE3},   {"auml", 0xE4},     {"bdquo", 0x201E},  {"bull", 0x2022},
    {"ccedil", 0xE7},   {"cent", 0xA2},     {"copy", 0xA9},     {"deg", 0xB0},      {"divide", 0xF7},
    {"eacute", 0xE9},   {"ecirc", 0xEA},    {"egrave", 0xE8},   {"emsp", 0x2003},   {"ensp", 0x2002},
    {"euml", 0xEB},     {"euro", 0x20AC},   {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},
    {"gt", '>'},        {"hellip", 0x2026}, {"iacute", 0xED},   {"icirc", 0xEE},    {"igrave", 0xEC},
    {"iuml", 0xEF},     {"laquo", 0xAB},    {"ldquo", 0x201C},  {"lrm", 0x200E},    {"lsquo", 0x2018},
    {"lt", '<'},        {"mdash", 0x2014},  {"middot", 0xB7},   {"nbsp", 0xA0},     {"ndash", 0x2013},
    {"ntilde", 0xF1},   {"oacute", 0xF3},   {"ocirc", 0xF4},    {"ograve", 0xF2},   {"oslash", 0xF8},
    {"otilde", 0xF5},   {"ouml", 0xF6},     {"para", 0xB6},     {"plusmn", 0xB1},   {"pound", 0xA3},
    {"quot", '"'},      {"raquo", 0xBB},    {"rdquo", 0x201D},  {"reg", 0xAE},      {"rlm", 0x200F},
    {"rsquo", 0x2019},  {"sbquo", 0x201A},  {"sect", 0xA7},     {"shy", 0xAD},      {"sup2", 0xB2},
    {"sup3", 0xB3},     {"szlig", 0xDF},    {"thinsp", 0x2009}, {"times", 0xD7},    {"trade", 0x2122},
    {"uacute", 0xFA},   {"ucirc", 0xFB},    {"ugrave", 0xF9},   {"uuml", 0xFC},     {"yen", 0xA5},
    {"zwj", 0x200D},    {"zwnj", 0x200C},
});
static_assert(std::is_sorted(kNamedEntities.begin(), kNamedEntities.end(),
                             [](const NamedEntity& a, const NamedEntity& b) { return a.name < b.name; }));

// The character of the reference that starts at s[i] ('&'), with its length in *len; -1 when
// there is none.
UChar32 EntityAt(std::string_view s, size_t i, size_t* len) {
  // The ';' within the longest reference's reach: a search to the text's end from every '&'
  // made a text of many ("R&D R&D ...") quadratic.
  const size_t semi_at = s.substr(i + 1, 33).find(';');
  if (semi_at == std::string_view::npos) return -1;
  const size_t semi = i + 1 + semi_at;
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  *len = semi - i + 1;
  if (body.size() >= 2 && body[0] == '#') {
    const bool hex = body[1] == 'x' || body[1] == 'X';
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > (hex ? 6u : 7u)) return -1;
    UChar32 c = 0;
    for (char d : digits) {
      const int v = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(d)) ? std::tolower(static_cast<unsigned char>(d)) - 'a' + 10
                                                                            : -1;
      if (v < 0) return -1;
      c = c * (hex ? 16 : 10) + v;
    }
    if (c >= 0x80 && c <= 0x9F) {  // Windows-1252's characters, as browsers read them
      const char32_t w = Cp1252Char(static_cast<unsigned char>(c));
      c = w == static_cast<char32_t>(c) ? 0 : static_cast<UChar32>(w);  // one the code page lacks: no reference
    }
    if (c <= 0 || c > 0x10FFFF || U_IS_SURROGATE(c)) return -1;
    // A control character or a line separator is a space: a record's lines are counted (and
    // bounded) before its references are decoded, so "&#10;" must not make new ones.
    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) return ' ';
    return c;
  }
  const auto it = std::lower_bound(kNamedEntities.begin(), kNamedEntities.end(), body,
                                   [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  return it != kNamedEntities.end() && it->name == body ? it->code : -1;
}

}  // namespace

std::string DecodeHtmlEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    UChar32 c = s[i] == '&' ? EntityAt(s, i, &len) : -1;
    if (c < 0) {
      out.push_back(s[i++]);
      continue;
    }
    i += len;
    // "&amp;" before a reference's name is that reference encoded twice: "&amp;quot;" is '"',
    // and so is "&amp;amp;quot;".
    for (int depth = 0; c == '&' && depth < 2 && i < s.size(); ++depth) {
      std::string probe(1, '&');  // appended, not "&" + ...: that trips GCC 12's -Wrestrict
      probe.append(s.substr(i, 34));
      size_t inner = 0;
      const UChar32 d = EntityAt(probe, 0, &inner);
      if (d < 0) break;
      c = d;
      i += inner - 1;
    }
    AppendUtf8(static_cast<char32_t>(c), &out);
  }
  return out;
}

std::string InvisibleAsNormalized(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c == 0xA0 || (c >= 0 && InvisibleOf(static_cast<char32_t>(c)) == Invisible::kSpace)) {
      out.push_back(' ');
    } else if (c < 0 || InvisibleOf(static_cast<char32_t>(c)) == Invisible::kKept) {
      out.append(text.substr(start, i - start));  // kept, an invalid sequence too
    }
  }
  return out;
}

std::string NormalizeText(std::string_view s) {
  // Fast path: printable ASCII and '\n' need no work.
  bool ascii = true;
  for (unsigned char ch : s) {
    if (ch >= 0x7F || (ch < 0x20 && ch != '\n')) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(s);

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString folded;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\r') {
      folded.append(static_cast<UChar>('\n'));
      if (i < in.length() && in.charAt(i) == '\n') ++i;
      continue;
    }
    if (!Fold(c, folded)) folded.append(c);
  }
  icu::UnicodeString normalized = U_SUCCESS(status) ? nfc->normalize(folded, status) : folded;
  if (U_FAILURE(status)) normalized = folded;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the table: i - 2 (for a swap), i - 1 and i.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(s.substr(start));
      break;
    }
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

namespace {
bool IsSpaceAt(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;
    return true;
  }
  return false;
}
}  // namespace

bool EndsSentence(std::string_view t, size_t end) {
  if (t[end] == '\n') return true;
  if (end + 1 >= t.size() || t[end + 1] != ' ') return false;
  // i: the punctuation, end: the last byte of the mark (the punctuation or a closing quote after it).
  size_t i = end;
  if (t[end] == '"' || t[end] == '\'') {
    if (end == 0) return false;
    i = end - 1;
  } else if ((t[end] == '\x9d' || t[end] == '\x99') && end >= 3 && t[end - 2] == '\xe2' && t[end - 1] == '\x80') {
    i = end - 3;  // "”" or "’": E2 80 9D, E2 80 99
  }
  const char c = t[i];
  if (c != '.' && c != '!' && c != '?') return false;
  const auto at = [&](size_t k) { return static_cast<unsigned char>(t[k]); };
  if (end + 2 < t.size() && std::islower(at(end + 2))) return false;  // "dll. dan", "LAPOR! yang"
  if (c != '.') return true;
  if (end + 2 < t.size() && i >= 1 && std::isdigit(at(i - 1)) && std::isdigit(at(end + 2))) return false;
  // The word before the '.': an initial, a dotted abbreviation, or a common one.
  size_t b = i;
  while (b > 0 && std::isalpha(at(b - 1))) --b;
  const size_t len = i - b;
  if (len == 0) return true;
  if (b > 0 && t[b - 1] == '.') {  // "S.H.", "M.Si." (short parts), not "Kompas.com."
    size_t a = b - 1;
    while (a > 0 && std::isalpha(at(a - 1))) --a;
    return b - 1 - a > 3 || len > 3;
  }
  if (len == 1 && std::isupper(at(b))) return false;       // "J. Smith", "H. Ahmad"
  if (len > 6) return true;
  std::string word(t.substr(b, len));
  for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static constexpr std::string_view kAbbreviations[] = {
      "jl", "jln", "gg", "no", "rt", "rw", "kec", "kel", "kab", "ds", "dr", "drs", "dra", "prof", "ir", "hj",
      "kh", "st", "mr", "mrs", "ms", "sdr", "sdri", "bpk", "ny", "tn", "pol", "kol", "rp", "vs", "tel", "hlm",
      // Found on clickid-2019 before a name or word ("PT. Yamaha", "Tbk. ASII", "Plt. Direktur",
      // "Pte. Ltd", "TA. 2019"), by how often they stand there; not swt or jr, which mostly end one.
      "pt", "tbk", "plt", "pte", "bid", "hr", "ta", "drg", "capt", "dit", "moch", "ing", "tk", "bj", "prov",
      "muh", "abd", "sp", "bros", "ltd", "inc", "co", "moh"};
  return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), word) == std::end(kAbbreviations);
}

std::string SpaceGluedSentences(std::string_view text) {
  std::string out;
  size_t copied = 0;
  const auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const auto lower = [](unsigned char c) { return c >= 'a' && c <= 'z'; };
  for (size_t i = text.find_first_of(".!?"); i != std::string_view::npos; i = text.find_first_of(".!?", i + 1)) {
    if (i == 0 || i + 3 >= text.size()) continue;
    const unsigned char before = at(i - 1);
    if (!(lower(before) || std::isdigit(before) || before == ')')) continue;
    if (!IsAsciiUpper(at(i + 1)) || !lower(at(i + 2)) || !lower(at(i + 3))) continue;
    // The word after: a top-level domain written with a capital is an address's.
    size_t e = i + 1;
    while (e < text.size() && std::isalpha(at(e))) ++e;
    static constexpr std::string_view kDomains[] = {"com", "org", "net", "gov", "edu", "info", "biz"};
    const std::string after = ToLower(text.substr(i + 1, e - i - 1));
    if (std::find(std::begin(kDomains), std::end(kDomains), after) != std::end(kDomains)) continue;
    // The word before: part of a web or e-mail address.
    size_t b = i;
    while (b > 0 && !std::isspace(at(b - 1))) --b;
    const std::string_view word = text.substr(b, i - b);
    if (word.find('@') != std::string_view::npos || word.find("://") != std::string_view::npos || word.starts_with("www")) continue;
    out.append(text, copied, i + 1 - copied);
    out.push_back(' ');
    copied = i + 1;
  }
  if (copied == 0) return std::string(text);
  out.append(text, copied, std::string_view::npos);
  return out;
}

bool HasLetterOrDigit(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      if (std::isalnum(p[i])) return true;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  size_t len = 0;
  size_t b = 0;
  while (b < s.size() && IsSpaceAt(s, b, len)) b += len;
  size_t e = s.size();
  while (e > b) {
    // Step back over one UTF-8 character.
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (IsSpaceAt(s, k, len) && k + len == e) {
      e = k;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

std::string ToLower(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) ascii = ascii && c < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string ToLowerFolded(std::string_view s) {
  std::string buf;
  return ToLower(FoldLatinMarks(s, &buf));
}

std::string HexBytes(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out += kHexDigits[u >> 4];
    out += kHexDigits[u & 15];
  }
  return out;
}

std::optional<std::string> BytesFromHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace rkn
