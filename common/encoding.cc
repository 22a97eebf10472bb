#include "common/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace rkn {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when malformed) and sets *cp.
size_t DecodeUtf8At(std::string_view s, size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t c = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, c = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}


// Bytes 0x80..0xFF of MacRoman (Apple's mapping, 0xDB as the euro sign).
constexpr std::array<char16_t, 128> kMacRoman = {
    0xc4,   0xc5,   0xc7,   0xc9,   0xd1,   0xd6,   0xdc,   0xe1,   0xe0,   0xe2,   0xe4,
    0xe3,   0xe5,   0xe7,   0xe9,   0xe8,   0xea,   0xeb,   0xed,   0xec,   0xee,   0xef,
    0xf1,   0xf3,   0xf2,   0xf4,   0xf6,   0xf5,   0xfa,   0xf9,   0xfb,   0xfc,   0x2020,
    0xb0,   0xa2,   0xa3,   0xa7,   0x2022, 0xb6,   0xdf,   0xae,   0xa9,   0x2122, 0xb4,
    0xa8,   0x2260, 0xc6,   0xd8,   0x221e, 0xb1,   0x2264, 0x2265, 0xa5,   0xb5,   0x2202,
    0x2211, 0x220f, 0x3c0,  0x222b, 0xaa,   0xba,   0x3a9,  0xe6,   0xf8,   0xbf,   0xa1,
    0xac,   0x221a, 0x192,  0x2248, 0x2206, 0xab,   0xbb,   0x2026, 0xa0,   0xc0,   0xc3,
    0xd5,   0x152,  0x153,  0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0xf7,   0x25ca,
    0xff,   0x178,  0x2044, 0x20ac, 0x2039, 0x203a, 0xfb01, 0xfb02, 0x2021, 0xb7,   0x201a,
    0x201e, 0x2030, 0xc2,   0xca,   0xc1,   0xcb,   0xc8,   0xcd,   0xce,   0xcf,   0xcc,
    0xd3,   0xd4,   0xf8ff, 0xd2,   0xda,   0xdb,   0xd9,   0x131,  0x2c6,  0x2dc,  0xaf,
    0x2d8,  0x2d9,  0x2da,  0xb8,   0x2dd,  0x2db,  0x2c7};

// Bytes 0x80..0x9F of Windows-1252; undefined bytes map to the C1 control of the same value
// (what Latin-1 decoders produce). 0xA0..0xFF are identical to Latin-1.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20ac, 0x81,   0x201a, 0x192,  0x201e, 0x2026, 0x2020, 0x2021, 0x2c6,  0x2030, 0x160,
    0x2039, 0x152,  0x8d,   0x17d,  0x8f,   0x90,   0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x2dc,  0x2122, 0x161,  0x203a, 0x153,  0x9d,   0x17e,  0x178};

using ReverseTable = std::unordered_map<char32_t, unsigned char>;

const ReverseTable& MacRomanReverse() {
  static const ReverseTable* table = [] {
    auto* t = new ReverseTable;
    for (size_t i = 0; i < kMacRoman.size(); ++i) (*t)[kMacRoman[i]] = static_cast<unsigned char>(0x80 + i);
    (*t)[0xA4] = 0xDB;  // the older mapping of 0xDB (currency sign)
    return t;
  }();
  return *table;
}

const ReverseTable& Cp1252Reverse() {
  static const ReverseTable* table = [] {
    auto* t = new ReverseTable;
    for (size_t i = 0; i < kCp1252High.size(); ++i) (*t)[kCp1252High[i]] = static_cast<unsigned char>(0x80 + i);
    for (char32_t c = 0x80; c <= 0x9F; ++c) t->emplace(c, static_cast<unsigned char>(c));  // Latin-1 C1
    for (char32_t c = 0xA0; c <= 0xFF; ++c) (*t)[c] = static_cast<unsigned char>(c);
    return t;
  }();
  return *table;
}

// Code points a repaired sequence may decode to: things that occur in news text.
bool PlausibleRepair(char32_t c) {
  return (c >= 0xA0 && c <= 0x17F) ||     // Latin-1 supplement, Latin extended A
         (c >= 0x300 && c <= 0x36F) ||    // combining accents
         (c >= 0x2000 && c <= 0x206F) ||  // general punctuation (quotes, dashes, spaces, ZW*)
         (c >= 0x20A0 && c <= 0x20CF) ||  // currency
         (c >= 0x2100 && c <= 0x215F) ||  // letterlike symbols, number forms
         (c >= 0x2190 && c <= 0x21FF) ||  // arrows
         (c >= 0x2600 && c <= 0x27BF) ||  // misc symbols, dingbats
         (c >= 0x1F300 && c <= 0x1FAFF) ||  // emoji
         (c >= 0xFDF0 && c <= 0xFDFF) ||  // Arabic ligatures of honorifics (ﷺ)
         c == 0xFEFF;
}

// Arabic letters and marks: Qur'an verses quoted in religion pages, garbled as MacRoman
// ("ÿπŸÜ"). Not in PlausibleRepair: one such pair may be real text ("Ø" and a no-break space).
bool IsArabic(char32_t c) { return c >= 0x600 && c <= 0x6FF; }

// Tries to read a mojibake run at s[i] through `table`; on success appends the repaired
// character to *out and returns the number of input bytes consumed, else 0. `plausible` says
// which repaired code points to accept.
size_t TryRepairAt(std::string_view s, size_t i, const ReverseTable& table, std::string* out,
                   bool (*plausible)(char32_t) = PlausibleRepair) {
  std::array<unsigned char, 4> bytes{};
  size_t pos = i;
  size_t need = 0;
  for (size_t k = 0; k < 4 && (need == 0 || k < need); ++k) {
    if (pos >= s.size()) return 0;
    char32_t cp = 0;
    const size_t len = DecodeUtf8At(s, pos, &cp);
    if (len == 0) return 0;
    const auto it = table.find(cp);
    if (it == table.end()) return 0;
    const unsigned char b = it->second;
    if (k == 0) {
      if (b >= 0xC2 && b <= 0xDF) {
        need = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
      } else {
        return 0;
      }
    } else if ((b & 0xC0) != 0x80) {
      return 0;
    }
    bytes[k] = b;
    pos += len;
  }
  const std::string_view seq(reinterpret_cast<const char*>(bytes.data()), need);
  char32_t decoded = 0;
  if (DecodeUtf8At(seq, 0, &decoded) != need || !plausible(decoded)) return 0;
  AppendUtf8(decoded, out);
  return pos - i;
}

// Whether the last character of `out` but spaces and full stops is an Arabic one (two bytes, led
// by D8 to DB): "ص." before another abbreviated word.
bool EndsInArabic(std::string_view out) {
  const size_t last = out.find_last_not_of(" .");
  if (last == std::string_view::npos || last == 0) return false;
  const auto lead = static_cast<unsigned char>(out[last - 1]), tail = static_cast<unsigned char>(out[last]);
  return lead >= 0xD8 && lead <= 0xDB && (tail & 0xC0) == 0x80;
}

// Tries to read an Arabic letter's mojibake at s[i], through `win` then `mac`: taken only where
// Arabic goes on, after an Arabic word of `out` or before another such letter ("ÿπŸÜ"), so that
// a lone pair of real text ("Ø" before a no-break space) stays. Appends to *out and returns the
// bytes consumed, else 0.
size_t TryRepairArabicAt(std::string_view s, size_t i, const ReverseTable& win, const ReverseTable& mac, std::string* out) {
  for (const ReverseTable* table : {&win, &mac}) {
    std::string letter;
    const size_t used = TryRepairAt(s, i, *table, &letter, IsArabic);
    if (used == 0) continue;
    std::string next;
    if (!EndsInArabic(*out) && TryRepairAt(s, i + used, *table, &next, IsArabic) == 0) continue;
    out->append(letter);
    return used;
  }
  return 0;
}

// The first candidate lead character of a mojibake run needs a non-ASCII byte; this quick scan
// avoids any work for plain ASCII text.
bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
}

std::string ConvertWithIcu(std::string_view bytes, const char* charset) {
  const icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Recognises BOM-less UTF-16 by the position of its NUL bytes; returns "UTF-16LE", "UTF-16BE"
// or nullptr.
const char* SniffUtf16(std::string_view bytes) {
  const size_t n = std::min<size_t>(bytes.size(), kUtf16SniffBytes) & ~size_t{1};
  if (n < 4) return nullptr;
  size_t even_nul = 0;
  size_t odd_nul = 0;
  for (size_t i = 0; i < n; ++i) {
    if (bytes[i] == '\0') ++((i % 2 == 0) ? even_nul : odd_nul);
  }
  const size_t half = n / 2;
  if (odd_nul * 10 >= half * 6 && even_nul * 20 < half) return "UTF-16LE";
  if (even_nul * 10 >= half * 6 && odd_nul * 20 < half) return "UTF-16BE";
  return nullptr;
}

Status CheckNotBinary(std::string_view bytes) {
  size_t controls = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b == 0) {
      return Status::Corruption({}, "binary data: NUL byte at offset " + std::to_string(i));
    }
    if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) ++controls;
  }
  if (controls > 8 && controls * 100 > bytes.size()) {
    return Status::Corruption({}, "binary data: " + std::to_string(controls) + " control bytes");
  }
  return Status::Ok();
}

}  // namespace

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

char32_t Cp1252Char(unsigned char b) {
  return b >= 0x80 && b <= 0x9F ? kCp1252High[b - 0x80] : b;
}

bool IsWellFormedUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t w = 0;
      for (size_t k = 0; k < 8; ++k) w |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    char32_t cp = 0;
    const size_t len = DecodeUtf8At(s, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string CanonicalCharset(std::string_view charset) {
  if (charset.empty()) return {};
  const std::string name(charset);
  UErrorCode status = U_ZERO_ERROR;
  const char* canonical = ucnv_getCanonicalName(name.c_str(), "IANA", &status);
  if (U_FAILURE(status) || canonical == nullptr) {
    status = U_ZERO_ERROR;
    canonical = ucnv_getAlias(name.c_str(), 0, &status);
  }
  if (U_FAILURE(status) || canonical == nullptr) return {};
  std::string out(canonical);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view declared_charset) {
  const auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) {
    const std::string_view rest = bytes.substr(3);
    if (IsWellFormedUtf8(rest)) return std::string(rest);
    return ConvertWithIcu(rest, "UTF-8");  // replaces malformed sequences with U+FFFD
  }
  if (starts("\xFF\xFE\x00\x00"sv)) return ConvertWithIcu(bytes.substr(4), "UTF-32LE");
  if (starts("\x00\x00\xFE\xFF"sv)) return ConvertWithIcu(bytes.substr(4), "UTF-32BE");
  if (starts("\xFF\xFE"sv)) return ConvertWithIcu(bytes.substr(2), "UTF-16LE");
  if (starts("\xFE\xFF"sv)) return ConvertWithIcu(bytes.substr(2), "UTF-16BE");
  if (bytes.find('\0') != std::string_view::npos) {
    if (const char* utf16 = SniffUtf16(bytes)) return ConvertWithIcu(bytes, utf16);
  }
  if (Status s = CheckNotBinary(bytes); !s.ok()) return s;
  if (IsWellFormedUtf8(bytes)) return std::string(bytes);

  std::string charset = CanonicalCharset(declared_charset);
  if (charset == "utf-8" || charset == "us-ascii") charset.clear();  // the label was wrong
  if (charset == "iso-8859-1") charset = "windows-1252";
  if (charset.empty()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), ucsdet_close);
    if (U_SUCCESS(status)) {
      ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
      const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
      if (U_SUCCESS(status) && match != nullptr) {
        const char* name = ucsdet_getName(match, &status);
        if (U_SUCCESS(status) && name != nullptr) charset = CanonicalCharset(name);
      }
    }
    // Only single-byte Western charsets are trusted from the detector: multi-byte guesses on
    // short Latin text are usually wrong, and UTF-8 was already ruled out.
    if (charset != "windows-1250" && charset != "iso-8859-2" && charset != "iso-8859-15" &&
        charset != "windows-1251" && charset != "koi8-r") {
      charset = "windows-1252";
    }
  }
  return ConvertWithIcu(bytes, charset.c_str());
}

std::string RepairMojibake(std::string_view utf8) {
  if (!HasNonAscii(utf8)) return std::string(utf8);
  const ReverseTable& mac = MacRomanReverse();
  const ReverseTable& win = Cp1252Reverse();
  std::string out;
  out.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out.push_back(utf8[i++]);
      continue;
    }
    // Windows-1252 first: "Ã©" is far more common than MacRoman's "Ã" + combining mark.
    size_t used = TryRepairAt(utf8, i, win, &out);
    if (used == 0) used = TryRepairAt(utf8, i, mac, &out);
    if (used == 0) used = TryRepairArabicAt(utf8, i, win, mac, &out);
    if (used > 0) {
      i += used;
      continue;
    }
    char32_t cp = 0;
    const size_t len = DecodeUtf8At(utf8, i, &cp);
    const size_t take = len == 0 ? 1 : len;
    out.append(utf8.substr(i, take));
    i += take;
  }
  return out;
}

}  // namespace rkn
