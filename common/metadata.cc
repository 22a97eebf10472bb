// Metadata extraction: structured hints first, then what the cleaner found in the text (dropped
// date lines, bylines, footers, the dateline of the lead). Never a guess: a field nobody states
// stays empty.
#include "common/metadata.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>
#include <string>
#include <tuple>
#include <unordered_set>

#include "common/text.h"

namespace rkn {

namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Month number of an Indonesian or English month name or abbreviation; 0 when unknown.
int MonthNumber(std::string_view name) {
  std::string m = AsciiLower(name);
  while (!m.empty() && m.back() == '.') m.pop_back();
  static const std::array<std::pair<const char*, int>, 45> kMonths = {{
      {"januari", 1}, {"january", 1}, {"jan", 1},
      {"februari", 2}, {"pebruari", 2}, {"february", 2}, {"feb", 2}, {"peb", 2},
      {"maret", 3}, {"march", 3}, {"mar", 3},
      {"april", 4}, {"apr", 4},
      {"mei", 5}, {"may", 5},
      {"juni", 6}, {"june", 6}, {"jun", 6},
      {"juli", 7}, {"july", 7}, {"jul", 7},
      {"agustus", 8}, {"august", 8}, {"agu", 8}, {"agt", 8}, {"ags", 8}, {"aug", 8},
      {"september", 9}, {"sep", 9}, {"sept", 9},
      {"oktober", 10}, {"october", 10}, {"okt", 10}, {"oct", 10},
      {"november", 11}, {"nopember", 11}, {"nov", 11}, {"nop", 11},
      {"desember", 12}, {"december", 12}, {"des", 12}, {"dec", 12},
      {"mai", 5}, {"aout", 8}, {"dez", 12},
  }};
  for (const auto& [k, v] : kMonths) {
    if (m == k) return v;
  }
  return 0;
}

int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

// The civil date (year, month, day) of a day count since 1970-01-01: DaysFromCivil's inverse
// (Howard Hinnant's algorithm).
std::tuple<int, int, int> CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool ValidDate(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int dim = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= dim;
}

// Offset in minutes of a zone name or "+07:00" / "+0700" / "Z"; nullopt when unknown.
std::optional<int> ZoneOffset(std::string_view z) {
  std::string s = AsciiLower(Trim(z));
  if (s.empty() || s == "wib") return 7 * 60;
  if (s == "wita") return 8 * 60;
  if (s == "wit") return 9 * 60;
  if (s == "z" || s == "utc" || s == "gmt") return 0;
  static const std::regex kOff(R"(([+-])(\d{2}):?(\d{2}))");
  std::smatch m;
  if (std::regex_match(s, m, kOff)) {
    // The world's offsets run from -12:00 to +14:00, minutes below 60: "+99:99" had moved the
    // time by 100 hours and shown "+100:39".
    const int hours = std::stoi(m[2]), minutes = std::stoi(m[3]);
    if (minutes >= 60 || hours > 14 || (m[1] == "-" && hours > 12)) return std::nullopt;
    const int v = hours * 60 + minutes;
    return m[1] == "-" ? -v : v;
  }
  return std::nullopt;
}

struct Clock {
  int h = -1, mi = 0, s = 0;
  std::string zone;
};

std::optional<Clock> ParseClock(std::string_view t) {
  std::string s(Trim(t));
  if (s.empty() || s == "-") return std::nullopt;
  static const std::regex kTime(R"((?:pukul\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(WIB|WITA|WIT|Z|UTC|GMT|[+-]\d{2}:?\d{2})?)",
                                std::regex::icase);
  std::smatch m;
  if (!std::regex_match(s, m, kTime)) return std::nullopt;
  Clock c;
  c.h = std::stoi(m[1]);
  c.mi = std::stoi(m[2]);
  c.s = m[3].matched ? std::stoi(m[3]) : 0;
  c.zone = m[4].matched ? std::string(m[4]) : "";
  if (c.h > 23 || c.mi > 59 || c.s > 59) return std::nullopt;
  return c;
}

// Indonesian western time (WIB), in minutes east of UTC: the zone of a date with no zone, and the
// zone a time given in UTC is shown in.
constexpr int kWibMinutes = 7 * 60;

// The date and time of `epoch` (seconds since the epoch, UTC) in WIB, "2019-10-01T06:30:00+07:00".
ParsedDate WibFromEpoch(int64_t epoch) {
  const int64_t wib = epoch + static_cast<int64_t>(kWibMinutes) * 60;
  // Floor division: an epoch before 1970 still lands on the right day.
  const int64_t days = wib >= 0 ? wib / 86400 : -((-wib + 86399) / 86400);
  const int64_t rem = wib - days * 86400;
  const auto [y, mo, d] = CivilFromDays(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, mo, d, static_cast<int>(rem / 3600),
                static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60));
  ParsedDate out;
  out.iso = buf;
  out.epoch = epoch;
  return out;
}

// The date y-mo-d at `clock` (in its zone; no zone is WIB), or the date alone when there is no
// clock. A time given in UTC (offset 0: "Z", "+00:00") is shown in WIB, the same instant: UTC is a
// server's zone, not the newsroom's, and every other date here is in Indonesian time. Other
// offsets are kept as the source gave them. nullopt for an impossible date or an unknown zone.
std::optional<ParsedDate> Build(int y, int mo, int d, std::optional<Clock> clock) {
  if (!ValidDate(y, mo, d)) return std::nullopt;
  char buf[64];
  ParsedDate out;
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  if (!clock) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    out.iso = buf;
    out.epoch = days * 86400 - static_cast<int64_t>(kWibMinutes) * 60;
    return out;
  }
  auto off = ZoneOffset(clock->zone);
  if (!off) return std::nullopt;
  out.epoch = days * 86400 + clock->h * 3600 + clock->mi * 60 + clock->s - static_cast<int64_t>(*off) * 60;
  if (*off == 0) return WibFromEpoch(out.epoch);
  const int a = std::abs(*off);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, clock->h, clock->mi,
                clock->s, *off < 0 ? '-' : '+', a / 60, a % 60);
  out.iso = buf;
  return out;
}

}  // namespace

namespace {

// Reads exactly `n` digits of `s` at `*i` into `*out`; moves *i past them.
bool Digits(std::string_view s, size_t* i, size_t n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

// "HH:MM" or "HH:MM:SS" from s[*i] to the end; nullopt otherwise.
std::optional<Clock> PlainClock(std::string_view s, size_t i) {
  Clock c;
  if (!Digits(s, &i, 2, &c.h) || i >= s.size() || s[i++] != ':' || !Digits(s, &i, 2, &c.mi)) return std::nullopt;
  if (i < s.size() && (s[i++] != ':' || !Digits(s, &i, 2, &c.s) || i != s.size())) return std::nullopt;
  if (c.h > 23 || c.mi > 59 || c.s > 59) return std::nullopt;
  return c;
}

// The common shapes of dumps, without regular expressions: date "YYYY-MM-DD", optionally with
// " HH:MM[:SS]" or "THH:MM[:SS]", and time "" or "HH:MM[:SS]". `*handled` is false for any other
// shape (the general parser decides); when true, the result is what the general parser gives.
std::optional<ParsedDate> ParseIsoDate(std::string_view date, std::string_view time, bool* handled) {
  *handled = false;
  size_t i = 0;
  int y = 0, mo = 0, d = 0;
  if (!Digits(date, &i, 4, &y) || i >= date.size() || date[i++] != '-' || !Digits(date, &i, 2, &mo) ||
      i >= date.size() || date[i++] != '-' || !Digits(date, &i, 2, &d)) {
    return std::nullopt;
  }
  std::optional<Clock> clock;
  if (i < date.size()) {
    if (date[i] != ' ' && date[i] != 'T') return std::nullopt;
    clock = PlainClock(date, i + 1);
    if (!clock) return std::nullopt;
  }
  if (!time.empty()) {
    auto sep = PlainClock(time, 0);
    if (!sep) return std::nullopt;
    if (!clock || (clock->h == 0 && clock->mi == 0 && clock->s == 0)) clock = sep;
  }
  *handled = true;
  return Build(y, mo, d, clock);
}

}  // namespace

std::optional<ParsedDate> ParseIndonesianDate(std::string_view date, std::string_view time) {
  // Every form below has a year of two or four digits: most lines tried as dates have none, and
  // leave here without a regular expression.
  bool two_digits = false;
  for (size_t i = 1; i < date.size() && !two_digits; ++i) {
    two_digits = std::isdigit(static_cast<unsigned char>(date[i - 1])) && std::isdigit(static_cast<unsigned char>(date[i]));
  }
  if (!two_digits) return std::nullopt;
  // detik.com's meta pubdate, "2015-11-05 T10:08:58Z": a space before the T, and a Z it does not
  // mean (the page shows "10:08 WIB"). Read as "2015-11-05 10:08:58", which is WIB.
  std::string detik;
  if (const std::string_view t = Trim(date); t.size() > 12 && t[4] == '-' && t[7] == '-' && t[10] == ' ' && t[11] == 'T' &&
                                             std::isdigit(static_cast<unsigned char>(t[12]))) {
    detik = std::string(t.substr(0, 10)) + " " + std::string(t.substr(12));
    if (detik.back() == 'Z') detik.pop_back();
    date = detik;
  }
  bool handled = false;
  if (auto iso = ParseIsoDate(date, time, &handled); handled) return iso;
  // Collapse white space; drop a leading "Kompas.com -", "Diperbarui", "Published:" and weekday.
  // A '+' next to a letter is a URL-encoded space ("13+December+2018"); "+07:00" stays.
  std::string s;
  const std::string_view trimmed = Trim(date);
  for (size_t i = 0; i < trimmed.size(); ++i) {
    char c = trimmed[i];
    if (c == '+' && ((i > 0 && std::isalpha(static_cast<unsigned char>(trimmed[i - 1]))) ||
                     (i + 1 < trimmed.size() && std::isalpha(static_cast<unsigned char>(trimmed[i + 1]))))) {
      c = ' ';
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!s.empty() && s.back() != ' ') s.push_back(' ');
    } else {
      s.push_back(c);
    }
  }
  if (s.empty()) return std::nullopt;
  static const std::regex kPrefix(
      R"(^(?:(?:[A-Za-z][\w]*\.(?:com|co\.id|co|id)|detik\w*|antara)\s*-\s*|(?:diperbarui|diterbitkan|dipublikasikan|published|updated|update|tanggal)\s*:?\s*)+)",
      std::regex::icase);
  s = std::regex_replace(s, kPrefix, "");
  static const std::regex kWeekday(
      R"(^(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun)\s*,?\s*)",
      std::regex::icase);
  s = std::regex_replace(s, kWeekday, "");
  // A trailing time ("- 16:15 WIB", ", 22:44 WIB", "/ 20:44 WIB", "pukul 10.00 WIB", "16:15:00+07:00").
  static const std::regex kTail(
      R"(^(.*?\d)(?:\s*[-,|/]\s*|\s+|T)(?:pukul\s*)?(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?\s*(?:WIB|WITA|WIT|Z|UTC|GMT|[+-]\d{2}:?\d{2})?)$)",
      std::regex::icase);
  std::optional<Clock> clock;
  std::smatch m;
  std::string day_part = s;
  if (std::regex_match(s, m, kTail)) {
    std::string t = m[2];
    // Fractional seconds are dropped.
    static const std::regex kFrac(R"((\d{2}:\d{2}:\d{2})\.\d+)");
    t = std::regex_replace(t, kFrac, "$1");
    auto c = ParseClock(t);
    if (c) {
      clock = c;
      day_part = m[1];
    }
  }
  if (auto sep = ParseClock(time)) {
    // A separate time wins over a placeholder midnight in the date ("2019-09-10 00:00:00").
    if (!clock || (clock->h == 0 && clock->mi == 0 && clock->s == 0)) clock = sep;
  }
  static const std::regex kIso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const std::regex kDmy(R"((\d{1,2})\s*[-/ ]?\s*([A-Za-z]{3,9})\.?\s*[-/ ,]?\s*(\d{4}|\d{2}))");
  static const std::regex kMdy(R"(([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}))");
  static const std::regex kNum(R"((\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))");
  static const std::regex kYmd(R"((\d{4})[/.](\d{1,2})[/.](\d{1,2}))");
  int y = 0, mo = 0, d = 0;
  if (std::regex_match(day_part, m, kIso) || std::regex_match(day_part, m, kYmd)) {
    y = std::stoi(m[1]);
    mo = std::stoi(m[2]);
    d = std::stoi(m[3]);
  } else if (std::regex_match(day_part, m, kDmy)) {
    d = std::stoi(m[1]);
    mo = MonthNumber(std::string(m[2]));
    y = std::stoi(m[3]);
    if (m[3].length() == 2) y += 2000;
  } else if (std::regex_match(day_part, m, kMdy)) {
    mo = MonthNumber(std::string(m[1]));
    d = std::stoi(m[2]);
    y = std::stoi(m[3]);
  } else if (std::regex_match(day_part, m, kNum)) {
    d = std::stoi(m[1]);
    mo = std::stoi(m[2]);
    y = std::stoi(m[3]);
  } else {
    return std::nullopt;
  }
  return Build(y, mo, d, clock);
}

std::optional<ParsedDate> ParseDateField(std::string_view date, std::string_view time) {
  // A Unix time, as scrapers' dumps write it: 10 digits of seconds or 13 of milliseconds
  // (1446710203000), shown in WIB (years 2001 to 2100, as for every date here). Only in a date
  // field: a line of body text that is ten digits is no date.
  if (const std::string_view t = Trim(date);
      (t.size() == 10 || t.size() == 13) && t[0] != '0' &&
      std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int64_t wib = std::stoll(std::string(t.substr(0, 10))) + 7 * 3600;
    const int64_t days = wib / 86400;
    const int64_t rem = wib % 86400;
    const auto [y, mo, d] = CivilFromDays(days);
    Clock c;
    c.h = static_cast<int>(rem / 3600);
    c.mi = static_cast<int>(rem % 3600 / 60);
    c.s = static_cast<int>(rem % 60);
    c.zone = "WIB";
    return Build(y, mo, d, c);
  }
  return ParseIndonesianDate(date, time);
}

std::string RegistrableDomain(std::string_view url_or_host) {
  std::string s = AsciiLower(Trim(url_or_host));
  auto scheme = s.find("://");
  if (scheme != std::string::npos) s = s.substr(scheme + 3);
  auto end = s.find_first_of("/?#:");
  if (end != std::string::npos) s = s.substr(0, end);
  auto at = s.rfind('@');
  if (at != std::string::npos) s = s.substr(at + 1);
  while (!s.empty() && s.back() == '.') s.pop_back();
  if (s.find('.') == std::string::npos) return "";
  std::vector<std::string> labels;
  size_t start = 0;
  while (true) {
    auto dot = s.find('.', start);
    labels.push_back(s.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  for (const auto& l : labels) {
    if (l.empty()) return "";
  }
  // Second-level public suffixes in common use by Indonesian and international news sites.
  static const std::array<const char*, 14> kSecond = {"co", "ac", "or", "go", "web", "my", "sch",
                                                      "net", "com", "org", "mil", "biz", "desa", "ponpes"};
  size_t keep = 2;
  if (labels.size() >= 3) {
    const auto& sl = labels[labels.size() - 2];
    const auto& tld = labels.back();
    if (tld.size() == 2 && std::find(kSecond.begin(), kSecond.end(), sl) != kSecond.end()) keep = 3;
  }
  keep = std::min(keep, labels.size());
  std::string out;
  for (size_t i = labels.size() - keep; i < labels.size(); ++i) {
    if (!out.empty()) out += ".";
    out += labels[i];
  }
  return out;
}

std::string BrandDomain(std::string_view name) {
  std::string k;
  for (char c : Trim(name)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-') k.push_back(static_cast<char>(std::tolower(u)));
  }
  while (!k.empty() && (k.back() == '.' || k.back() == '-')) k.pop_back();
  if (k.empty()) return "";
  static const std::array<std::pair<const char*, const char*>, 52> kBrands = {{
      {"kompas", "kompas.com"}, {"kompascom", "kompas.com"}, {"kompas.com", "kompas.com"},
      {"kompas.id", "kompas.id"}, {"kompastv", "kompas.tv"},
      {"sindonews", "sindonews.com"}, {"sindonews.com", "sindonews.com"}, {"sindo", "sindonews.com"},
      {"tribun", "tribunnews.com"}, {"tribunnews", "tribunnews.com"}, {"tribunnews.com", "tribunnews.com"},
      {"jabarekspres", "jabarekspres.com"}, {"jabarekspres.com", "jabarekspres.com"},
      {"antara", "antaranews.com"}, {"antaranews", "antaranews.com"}, {"antaranews.com", "antaranews.com"},
      {"cnbcindonesia", "cnbcindonesia.com"}, {"cnbcindonesia.com", "cnbcindonesia.com"},
      {"cnnindonesia", "cnnindonesia.com"}, {"cnnindonesia.com", "cnnindonesia.com"},
      {"detik", "detik.com"}, {"detikcom", "detik.com"}, {"detik.com", "detik.com"},
      {"detiknews", "detik.com"}, {"detikfinance", "detik.com"}, {"detikinet", "detik.com"},
      {"detiksport", "detik.com"}, {"detikhealth", "detik.com"}, {"20detik", "detik.com"},
      {"okezone", "okezone.com"}, {"okezone.com", "okezone.com"},
      {"tempo", "tempo.co"}, {"tempo.co", "tempo.co"}, {"tempo.co.id", "tempo.co"},
      {"republika", "republika.co.id"}, {"republika.co.id", "republika.co.id"},
      {"liputan6", "liputan6.com"}, {"liputan6.com", "liputan6.com"},
      {"viva", "viva.co.id"}, {"viva.co.id", "viva.co.id"},
      {"kontan", "kontan.co.id"}, {"kontan.co.id", "kontan.co.id"},
      {"bisnis", "bisnis.com"}, {"bisnis.com", "bisnis.com"},
      {"kumparan", "kumparan.com"}, {"inews", "inews.id"}, {"inews.id", "inews.id"},
      {"kapanlagi", "kapanlagi.com"}, {"fimela", "fimela.com"}, {"wowkeren", "wowkeren.com"},
      {"tirto", "tirto.id"}, {"jpnn", "jpnn.com"},
  }};
  for (const auto& [b, d] : kBrands) {
    if (k == b) return d;
  }
  // A token that is a domain itself.
  static const std::regex kDomain(R"([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.id|co|id|net|org|tv))");
  if (std::regex_match(k, kDomain)) return RegistrableDomain(k);
  return "";
}

std::vector<std::string> NameWords(std::string_view name) {
  const std::string lower = AsciiLower(name);
  std::vector<std::string> words;
  for (size_t start = 0; start < lower.size();) {
    const size_t end = std::min(lower.find(' ', start), lower.size());
    std::string_view word = std::string_view(lower).substr(start, end - start);
    start = end + 1;
    while (!word.empty() && (word.back() == ',' || word.back() == ')')) word.remove_suffix(1);
    if (!word.empty()) words.emplace_back(word);
  }
  return words;
}

bool HasOrganisationWord(std::string_view name) {
  // Anywhere in the name: "PT Media Nusantara", "Tim Redaksi".
  static const std::unordered_set<std::string_view> kAnywhere = {"pt", "pt.", "cv", "cv.", "redaksi", "newsroom", "publisher"};
  // After its first word, or alone: "Kompas Cyber Media", "Global Network", "Newsroom Desk"; a
  // first name such as Media (Media Wahyudi Askar, an economist) is a person's.
  static const std::unordered_set<std::string_view> kAfterFirst = {
      "media", "cyber", "group", "grup", "network", "corp", "corporation", "inc", "inc.", "ltd", "ltd.",
      "tbk", "tbk.", "digital", "online", "desk"};
  const std::vector<std::string> words = NameWords(name);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (kAnywhere.count(w) > 0 || w.find(".com") != std::string_view::npos || w.find(".co.id") != std::string_view::npos) return true;
    if (kAfterFirst.count(w) > 0 && (i > 0 || words.size() == 1)) return true;
  }
  return false;
}

namespace {


// A place name: 1-4 words, each starting upper-case, letters and . ' - only.
bool LooksLikePlace(std::string_view p) {
  p = Trim(p);
  if (p.empty() || p.size() > 40) return false;
  // Words a scrape leaves before the lead's dash that name no place: tribunnews's "Berita,- ...".
  const std::string lower = AsciiLower(p);
  for (std::string_view word : {"berita", "video", "foto", "laporan", "update", "info", "breaking news", "baca"}) {
    if (lower == word) return false;
  }
  int words = 0;
  bool at_start = true;
  for (size_t i = 0; i < p.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == ' ') {
      at_start = true;
      continue;
    }
    if (std::isdigit(c) || c == ',' || c == ':' || c == '(' || c == ')') return false;
    if (at_start) {
      ++words;
      if (!IsAsciiUpper(c) && c < 0x80) return false;
      at_start = false;
    }
  }
  return words >= 1 && words <= 4;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// "VALDIVOSTOK, KOMPAS.com - ", "Jakarta (ANTARA) - ", "Jakarta, CNBC Indonesia -",
// "TEMPO.CO, Jakarta - ", "PYONGYANG - ", "JABAR EKSPRES- ".
namespace {

// The parts of a dateline's head, split at ',' and around parentheses, trimmed, none empty.
std::vector<std::string> DatelineParts(const std::string& head) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : head) {
    if (c == ',' || c == '(' || c == ')') {
      if (!Trim(cur).empty()) parts.emplace_back(Trim(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!Trim(cur).empty()) parts.emplace_back(Trim(cur));
  return parts;
}

// Adds the place `p` to `d`: to its places as written, and as its place when it is the first.
void AddPlace(Dateline* d, const std::string& p) {
  if (!d->written_place.empty()) d->written_place += ", ";
  d->written_place += p;
  if (d->place.empty()) d->place = AsciiUpper(p);
}

}  // namespace

std::optional<Dateline> ParseDateline(std::string_view line) {
  const std::string_view trimmed = Trim(line);
  const size_t lead = trimmed.empty() ? 0 : static_cast<size_t>(trimmed.data() - line.data());
  line = trimmed;
  // The dash has white space on at least one side ("Kim Jong-un" is no dateline), except right
  // after a brand ("CNBC Indonesia-Tentara").
  static const std::regex kHead(R"(^([A-Za-z][A-Za-z0-9 .,()'&+/]{1,60}?)(?:\s+-{1,2}\s*|\s*-{1,2}\s+)\S)");
  static const std::regex kGlued(R"(^([A-Za-z][A-Za-z0-9 .,()'&+]{1,60}?)-{1,2}\S)");
  // A wire's press release: the agency and the wire between two dashes, after the place
  // ("Kawasaki, Jepang --(ANTARA/Business Wire)-- Toshiba ...").
  static const std::regex kWire(R"(^([A-Za-z][A-Za-z0-9 .,'&]{1,60}?)\s*-{1,2}\s*\(([A-Za-z][A-Za-z0-9 .&/'-]{1,40})\)\s*-{1,2}\s*\S)");
  std::cmatch m;
  std::string head;
  if (std::regex_search(line.data(), line.data() + line.size(), m, kWire)) {
    Dateline d;
    const std::string wire = m[2];
    for (size_t b = 0; b <= wire.size() && d.source.empty();) {
      const size_t e = std::min(wire.find('/', b), wire.size());
      d.source = BrandDomain(Trim(std::string_view(wire).substr(b, e - b)));
      b = e + 1;
    }
    if (d.source.empty()) return std::nullopt;  // "Jakarta --(kata dia)-- ..." is no wire's
    for (const std::string& place : DatelineParts(m[1])) {
      if (!LooksLikePlace(place)) return std::nullopt;
      AddPlace(&d, place);
    }
    d.text_begin = lead + static_cast<size_t>(m.length(0)) - 1;
    return d;
  }
  if (std::regex_search(line.data(), line.data() + line.size(), m, kHead)) {
    head = m[1];
  } else if (std::regex_search(line.data(), line.data() + line.size(), m, kGlued)) {
    // Glued to the text only with a brand among its parts: "JABAR EKSPRES-Pemimpin",
    // "Bisnis.com, JAKARTA-PT Rekayasa" (an em dash without spaces); "Kim Jong-un" is none.
    head = m[1];
    const std::vector<std::string> glued = DatelineParts(head);
    if (std::none_of(glued.begin(), glued.end(), [](const std::string& p) { return !BrandDomain(p).empty(); })) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  std::vector<std::string> parts = DatelineParts(head);
  // A brand written before its place without a comma ("TEMPO.CO Yogyakarta -"): two parts. The
  // brand is a domain or in capitals, so that a sentence opening "Antara Bogor - Jakarta" is none.
  if (parts.size() == 1) {
    const size_t space = parts[0].find(' ');
    const std::string brand = parts[0].substr(0, std::min(space, parts[0].size()));
    const bool brand_written = brand.find('.') != std::string::npos || AsciiUpper(brand) == brand;
    if (space != std::string::npos && brand_written && !BrandDomain(brand).empty() &&
        BrandDomain(parts[0]).empty() && LooksLikePlace(Trim(std::string_view(parts[0]).substr(space + 1)))) {
      const std::string place(Trim(std::string_view(parts[0]).substr(space + 1)));
      parts = {parts[0].substr(0, space), place};
    }
  }
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  Dateline d;
  d.text_begin = lead + static_cast<size_t>(m.length(0)) - 1;  // the \S after the dash
  // A second place ("Bethlehem, Palestina") or places joined by '/' ("Palestina/Istanbul") only
  // next to a news brand, "(ANTARA)": without one such a line is more likely a sentence.
  bool needs_brand = false;
  for (const auto& p : parts) {
    auto b = BrandDomain(p);
    if (!b.empty()) {
      if (d.source.empty()) d.source = b;
    } else if (LooksLikePlace(p)) {
      needs_brand = needs_brand || !d.place.empty() || p.find('/') != std::string::npos;
      AddPlace(&d, p);
    } else {
      return std::nullopt;
    }
  }
  if (needs_brand && d.source.empty()) return std::nullopt;
  return d;
}

bool IsBareDateline(std::string_view line) {
  const std::string_view trimmed = Trim(line);
  if (trimmed.empty() || trimmed.back() != '-') return false;
  // A space before the dash: a word cut at its hyphen ("Kim Jong-") is none.
  const size_t dash = trimmed.find_last_not_of('-');
  if (dash == std::string_view::npos || (trimmed[dash] != ' ' && trimmed[dash] != '\t')) return false;
  // As the opening of a line with text after the dash: that text starts right after the line.
  const std::string probe = std::string(trimmed) + " x";
  const std::optional<Dateline> d = ParseDateline(probe);
  return d && d->text_begin == probe.size() - 1;
}

namespace {

std::string_view RuleBase(std::string_view rule) { return rule.substr(0, rule.find(',')); }

// Whether `name` is one of the comma-separated rule names of a decision ("xref-baca-juga,teaser").
bool HasRule(std::string_view rules, std::string_view name) {
  for (size_t b = 0; b <= rules.size();) {
    const size_t e = std::min(rules.find(',', b), rules.size());
    if (rules.substr(b, e - b) == name) return true;
    b = e + 1;
  }
  return false;
}

// Whether `name` names a news agency, a wire service, a newsroom, a publisher or a site rather
// than a person ("ANTARA", "Xinhua", "PR Wire", "Tim Redaksi", "Tempo.co", "Kompas Cyber Media"):
// bylines and author fields hold them.
bool IsAgencyName(std::string_view name) {
  const std::string lower = AsciiLower(Trim(name));
  if (HasOrganisationWord(lower)) return true;
  static const std::unordered_set<std::string> kNames = {
      "antara", "antaranews", "antara foto", "xinhua", "reuters", "afp", "ap", "pr wire", "prwire", "bernama",
      "kyodo", "yonhap", "anadolu", "sputnik", "tass", "dpa", "efe", "redaksi", "tim redaksi", "newsroom", "admin",
      "media indonesia"};
  if (kNames.count(lower) > 0) return true;
  if (lower.find('.') == std::string::npos) return false;  // the regex is dear; every article has an author
  static const std::regex kDomain(R"([a-z0-9]\.(?:com|co|id|net|org)\b)");
  return std::regex_search(lower, kDomain);
}

// A byline's label and the name after it: "Penulis: Ani", "Oleh Budi", "Laporan wartawan
// Tribunnews.com, Citra" (group 1: the name and what follows it).
const std::regex& BylineLabel() {
  static const std::regex kByline(R"(^\s*(?:penulis|reporter|oleh|pewarta|kontributor|laporan\s+wartawan[^:]{0,40})\s*:?\s*(.+)$)",
                                  std::regex::icase);
  return kByline;
}

// An author field of a record or page as a name: a label before it ("Pewarta: Budi"), a
// contributor's place ("Kontributor Semarang, Nazar Nurdin") and an editor after it ("Budi,
// Editor: Andi") removed; "" for an agency or a site (IsAgencyName). Case is kept as given.
std::string AuthorField(std::string_view raw) {
  static const std::regex kLabel(R"(^\s*(?:penulis|reporter|pewarta|oleh|wartawan|kontributor)\s*:\s*)", std::regex::icase);
  static const std::regex kPlace(R"(^kontributor\s+[^,]{1,40},\s*)", std::regex::icase);
  static const std::regex kEditor(R"(\s*[,;|/]?\s*(?:editor|penyunting|redaktur)\s*:.*$)", std::regex::icase);
  std::string s(Trim(raw));
  if (s.find_first_of(":,") != std::string::npos) {  // each regex needs one of them
    s = std::regex_replace(s, kLabel, "");
    s = std::regex_replace(s, kPlace, "");
    s = std::regex_replace(s, kEditor, "");
  }
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ' ')) s.pop_back();
  return IsAgencyName(s) ? std::string() : std::string(Trim(s));
}

// The person name at the start of `s` ("Tiara Shelavie", "Sean Filo Muhamad Editor: X" -> the
// part before "Editor"); "" when it does not look like a name, or names an agency.
std::string NameAt(std::string_view s) {
  s = Trim(s);
  static const std::regex kStop(R"(\s+(?:Editor|Penyunting|Redaktur|Pewarta|Copyright|Fotografer)\b.*$|\s*[|/].*$|\s+-\s+.*$)",
                                std::regex::icase);
  std::string name = std::regex_replace(std::string(s), kStop, "");
  while (!name.empty() && (name.back() == ',' || name.back() == '.' || name.back() == ' ')) name.pop_back();
  auto t = Trim(name);
  if (t.empty() || t.size() > 80) return "";
  // Each word starts with an upper-case letter (or is "dan"); at most 8 words.
  int words = 0;
  bool at_start = true;
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ') {
      at_start = true;
      continue;
    }
    if (std::isdigit(c)) return "";
    if (at_start) {
      ++words;
      at_start = false;
      if (c < 0x80 && !IsAsciiUpper(c) && t.substr(i, 4) != "dan ") return "";
    }
  }
  return words >= 1 && words <= 8 && !IsAgencyName(t) ? std::string(t) : "";
}

// The person a page's byline element names (RawDocument::byline), or "": its label goes
// (BylineLabel), and what follows the name (" - detikinet", " | 5 Nov 2015", ", Jakarta", a date in
// parentheses); a picture's credit ("KOMPAS.COM/MASRIADI"), a handle, an editor's line or the
// site of `source` ("okezone.com": "Okezone") names none.
std::string BylineAuthor(std::string_view byline, std::string_view source) {
  std::string text(Trim(byline));
  const std::string lower = AsciiLower(text);
  if (lower.starts_with("editor") || lower.starts_with("penyunting") || lower.starts_with("redaktur") ||
      lower.starts_with("foto") || text.find_first_of("/@") != std::string::npos) {
    return {};
  }
  std::smatch m;
  if (std::regex_match(text, m, BylineLabel())) text = m[1].str();
  // Kompas's contributors: "Kontributor Lhokseumawe, Masriadi" (the place, then the name).
  if (AsciiLower(text).starts_with("kontributor ")) {
    if (const size_t comma = text.find(','); comma != std::string::npos) text = std::string(Trim(std::string_view(text).substr(comma + 1)));
  }
  // A role after the name, as okezone prints it: "Dewi Kania Jurnalis".
  for (std::string_view role : {" Jurnalis", " Reporter", " Wartawan", " Kontributor", " Penulis"}) {
    if (text.size() > role.size() && text.ends_with(role)) text.resize(text.size() - role.size());
  }
  // (" - " and " | " NameAt cuts itself.)
  for (std::string_view end : {",", "(", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {  // and the dashes — –
    if (const size_t at = text.find(end); at != std::string::npos) text.resize(at);
  }
  std::string name = NameAt(text);
  if (name.empty()) return {};
  std::string brand = AsciiLower(name);
  std::erase(brand, ' ');
  if (!source.empty() && std::string(source).substr(0, source.find('.')) == brand) return {};
  return name;
}

bool AllUpper(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    letter = letter || IsAsciiUpper(c);
  }
  return letter;
}

// A title taken from the lead is at most this many bytes (a long headline's length), "…" included.
constexpr size_t kMaxLeadTitle = 160;

// First sentence of the lead, dateline removed; longer than kMaxLeadTitle, cut at a word boundary
// and ended with "…", so that a reader sees it goes on.
std::string LeadTitle(std::string_view lead) {
  std::string s(Trim(lead));
  static const std::regex kDash(R"(^[A-Za-z][A-Za-z0-9 .,()'&+]{1,60}?\s*-{1,2}\s*)");
  std::smatch m;
  if (std::regex_search(s, m, kDash) && ParseDateline(s)) s = m.suffix();
  // Leading separators left by scrapers (" - ", ", , -").
  size_t b = s.find_first_not_of(" ,-");
  s = b == std::string::npos ? "" : s.substr(b);
  // First sentence: up to ". " followed by an upper-case letter, or a comma-joined paragraph end.
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && (s[i + 1] == ' ' || s[i + 1] == ',') &&
        i > 0 && std::islower(static_cast<unsigned char>(s[i - 1]))) {
      s = s.substr(0, s[i] == '.' ? i : i + 1);
      break;
    }
  }
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.size() > kMaxLeadTitle) {
    constexpr std::string_view kEllipsis = "\u2026";
    const size_t room = kMaxLeadTitle - kEllipsis.size();
    size_t cut = s.rfind(' ', room);
    s = s.substr(0, cut == std::string::npos ? room : cut);
    while (!s.empty() && (s.back() == ',' || s.back() == ' ' || s.back() == ':')) s.pop_back();
    // Never end inside a UTF-8 sequence.
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    s = std::string(Trim(RepairUtf8(s)));
    s += kEllipsis;
  }
  return s;
}

// The most days a date field may be after the date in the article's URL and still be taken as
// its publication rather than an error (see ExtractMetadata).
constexpr int64_t kMaxPublishDelayDays = 7;

std::optional<ParsedDate> UrlDate(std::string_view url) {
  // "/2019/09/17/" (kompas, okezone, tribunnews) or bisnis.com's "/read/20190129/" (eight digits
  // elsewhere, "/foto/20120815/", may be any number).
  static const std::regex kUrlDate(R"(/(?:(20\d{2}|19\d{2})/(\d{2})/(\d{2})|read/(20\d{2}|19\d{2})(\d{2})(\d{2}))/)");
  std::cmatch m;
  if (!std::regex_search(url.data(), url.data() + url.size(), m, kUrlDate)) return std::nullopt;
  const int at = m[1].matched ? 1 : 4;
  return ParseIndonesianDate(std::string(m[at]) + "-" + std::string(m[at + 1]) + "-" + std::string(m[at + 2]));
}

}  // namespace

ArticleMeta ExtractMetadata(const RawDocument& raw, const CleanResult& cleaned) {
  ArticleMeta meta;
  meta.url = std::string(Trim(raw.url));
  meta.category = std::string(Trim(raw.category));
  const auto& lines = cleaned.lines;
  using Action = LineDecision::Action;

  // The first kept content line that is not the title: the lead.
  const LineDecision* lead = nullptr;
  const LineDecision* title_line = nullptr;
  for (const auto& d : lines) {
    if (d.action != Action::kKeep || Trim(d.kept).empty()) continue;
    if (d.rule == "title") {
      if (!title_line) title_line = &d;
      continue;
    }
    lead = &d;
    break;
  }

  // Dateline and the brand it names.
  // The dateline opens the lead, possibly after a photo caption: look at the first few kept lines.
  std::optional<Dateline> dl;
  {
    int looked = 0;
    for (const auto& d : lines) {
      if (d.action != Action::kKeep || Trim(d.kept).empty() || d.rule == "title") continue;
      if (++looked > 3) break;
      // The line as read; after a teaser cut before the dateline (the cleaner's "teaser"), or
      // with the dateline of the line before it joined ("dateline-joined"), what is kept of it.
      dl = ParseDateline(HasRule(d.rule, "teaser") || HasRule(d.rule, "dateline-joined") ? d.kept : d.text);
      // The brand the cleaner cut from it (the kept text of a teaser's line has none left).
      if (dl && dl->source.empty()) dl->source = d.dateline_source;
      if (dl) {
        lead = &d;
        break;
      }
    }
  }
  if (dl) meta.dateline = dl->place;

  // Title.
  meta.title = std::string(Trim(raw.title));
  if (meta.title.empty() && title_line) meta.title = std::string(Trim(title_line->kept));
  if (meta.title.empty() && lead) meta.title = LeadTitle(lead->kept);

  // Source.
  if (!meta.url.empty()) meta.source = RegistrableDomain(meta.url);
  if (const std::string_view given = Trim(raw.source); meta.source.empty() && HasLetterOrDigit(given)) {
    // A URL in the source field ("https://news.detik.com/berita", "news.detik.com/berita") is
    // filed under its site as an article's URL is; a name under its brand's domain.
    const bool url = given.find("://") != std::string_view::npos ||
                     (given.find_first_of(" \t,;") == std::string_view::npos && given.find('/') != std::string_view::npos &&
                      given.substr(0, given.find('/')).find('.') != std::string_view::npos);
    std::string s = url ? RegistrableDomain(given) : "";
    if (s.empty()) s = BrandDomain(given);
    meta.source = s.empty() ? AsciiLower(given) : s;
  }
  if (meta.source.empty() && dl) meta.source = dl->source;
  if (meta.source.empty()) {
    static const std::regex kCopy(R"((?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(\d{4})\s+([A-Za-z][\w.-]*)|([A-Za-z][\w.-]*)\s+\d{4}))",
                                  std::regex::icase);
    for (const auto& d : lines) {
      // Cheap prefilter: std::regex_search over every line of every article is slow.
      const std::string lower = AsciiLower(d.text);
      if (lower.find("copyright") == std::string::npos && lower.find("\xc2\xa9") == std::string::npos &&
          lower.find("(c)") == std::string::npos) {
        continue;
      }
      std::cmatch m;
      if (!std::regex_search(d.text.c_str(), m, kCopy)) continue;
      auto b = BrandDomain(m[2].matched ? std::string(m[2]) : std::string(m[3]));
      if (!b.empty()) {
        meta.source = b;
        break;
      }
    }
  }
  if (meta.source.empty()) {
    // Brand and promotion lines: "Tribunnews", "Gabung Kompas.com+", "... dari SINDOnews.com".
    static const std::regex kToken(R"([A-Za-z0-9][A-Za-z0-9.-]*)");
    for (const auto& d : lines) {
      if (d.action != Action::kDrop) continue;
      auto base = RuleBase(d.rule);
      if (base != "brand" && base != "ad" && base != "nav") continue;
      const std::string& t = d.text;
      for (auto it = std::sregex_iterator(t.begin(), t.end(), kToken); it != std::sregex_iterator(); ++it) {
        std::string tok = it->str();
        auto b = BrandDomain(tok);
        // Plain words that are also brands ("tempo", "bisnis", "viva") only count in brand lines.
        if (!b.empty() && (base == "brand" || tok.find('.') != std::string::npos ||
                           AsciiLower(tok).rfind("tribun", 0) == 0 || AsciiLower(tok) == "sindonews")) {
          meta.source = b;
          break;
        }
      }
      if (!meta.source.empty()) break;
    }
  }

  // Published.
  std::optional<ParsedDate> date;
  if (!Trim(raw.date).empty()) {
    date = ParseDateField(raw.date, raw.time);
    if (!date) {
      meta.unread_date = std::string(Trim(raw.date));
      if (!Trim(raw.time).empty()) meta.unread_date += " " + std::string(Trim(raw.time));
    }
    if (auto ud = UrlDate(meta.url); ud && date && date->iso.substr(0, 10) != ud->iso.substr(0, 10)) {
      // The URL path is written by the CMS when the article is created. A date field one to
      // seven days after it is the publication (okezone writes in the evening and publishes the
      // next morning; features wait a few days: the text's "Selasa (10/9/2019)" agrees with the
      // field). Any other disagreement is a field in error: day and month swapped (kompas's
      // year-day-month "2019-10-09" for 10 September, at least 27 days off either way), a wrong
      // month, or a date before the article existed. Then the URL's date, at the field's time.
      const auto field_day = ParseIndonesianDate(date->iso.substr(0, 10));
      const int64_t days_after = field_day ? (field_day->epoch - ud->epoch) / 86400 : 0;
      if (days_after < 1 || days_after > kMaxPublishDelayDays) {
        auto fixed = ParseIndonesianDate(ud->iso, date->iso.size() > 10 ? date->iso.substr(11) : std::string(raw.time));
        if (fixed) date = fixed;
      }
    }
  }
  if (!date) {
    // A dropped date line: the page's own (a byline's date, "Diperbarui: ..."). A bare date after
    // the article's second paragraph is one of its subheadings (a chronology's "28 September
    // 2018"), not the page's date; a labelled one (rule date-label: "Diperbarui", "Published")
    // counts anywhere.
    int paragraphs = 0;
    for (const auto& d : lines) {
      if (d.action == Action::kKeep && d.rule != "title" && !Trim(d.kept).empty()) ++paragraphs;
      auto base = RuleBase(d.rule);
      if (base != "date-line" && base != "date-label" && base != "kompas-byline") continue;
      if (paragraphs >= 2 && base == "date-line") continue;
      date = ParseIndonesianDate(d.text);
      if (date) break;
    }
  }
  if (!date) {
    // A line that is only a date, near the top: among the first 12 lines, before the article's
    // second paragraph (a chronology's dates come after its lead).
    int seen = 0, paragraphs = 0;
    for (const auto& d : lines) {
      if (Trim(d.text).empty()) continue;
      if (++seen > 12 || paragraphs >= 2) break;
      if (Trim(d.text).size() <= 60 && (date = ParseIndonesianDate(d.text))) break;
      if (d.action == Action::kKeep && d.rule != "title" && !Trim(d.kept).empty()) ++paragraphs;
    }
  }
  if (!date) {
    // Neither a date field that reads nor a date line: the day in the URL's path ("/2019/09/09/"),
    // which the CMS writes when the article is created (a dump of url and content alone, or a
    // date field not understood, was indexed without a date).
    date = UrlDate(meta.url);
    meta.published_from_url = date.has_value();
  }
  if (date) {
    meta.published = date->iso;
    meta.published_epoch = date->epoch;
  }

  // Author.
  meta.author = AuthorField(raw.author);
  if (meta.author.empty()) {
    for (const auto& d : lines) {
      auto base = RuleBase(d.rule);
      if (base != "byline" && base != "kompas-byline") continue;
      // A byline line dropped whole, or one cut from the end of a paragraph it was glued to
      // ("... dalam filmnya, Penulis: Valentya Chusni"): the label and name start at its last
      // "Penulis".
      std::string byline = d.text;
      if (d.action == Action::kKeep) {
        const size_t at = d.text.rfind("Penulis");
        if (d.kept == d.text || at == std::string::npos) continue;
        byline = d.text.substr(at);
        while (!byline.empty() && (byline.back() == ',' || byline.back() == ' ')) byline.pop_back();
      }
      std::smatch m;
      if (std::regex_match(byline, m, BylineLabel())) {
        meta.author = NameAt(m[1].str());
        if (!meta.author.empty()) break;
      }
    }
  }
  if (meta.author.empty()) {
    // Kompas: "Kompas.com - <date>" / "BBC INDONESIA," / "<Author Name>" / "Tim Redaksi".
    for (size_t i = 0; i < lines.size(); ++i) {
      if (RuleBase(lines[i].rule) != "kompas-byline") continue;
      auto t = Trim(lines[i].text);
      if (t.empty() || t.back() == ',' || AllUpper(t) || ParseIndonesianDate(t)) continue;
      if (AsciiLower(t) == "tim redaksi") continue;
      auto name = NameAt(t);
      if (!name.empty()) {
        meta.author = name;
        break;
      }
    }
  }
  if (meta.author.empty()) {
    // ANTARA's footer inside a one-line article: "... Pewarta: Name Editor: Name Copyright ...".
    static const std::regex kPewarta(R"((?:^|\s)Pewarta\s*:\s*([^:]{2,80}?)\s+Editor\s*:)");
    for (const auto& d : lines) {
      if (d.text.find("Pewarta") == std::string::npos) continue;  // cheap prefilter
      std::smatch m;
      if (std::regex_search(d.text, m, kPewarta)) {
        meta.author = NameAt(m[1].str());
        if (!meta.author.empty()) break;
      }
    }
  }
  if (meta.author.empty()) {
    // A reporter's credit in parentheses at the end of the article: "... lanjut dia. (Rakhmat Nur
    // Hakim)" (the cleaner's "credit" decision).
    for (const auto& d : lines) {
      if (d.credit.empty()) continue;
      meta.author = NameAt(d.credit);
      if (!meta.author.empty()) break;
    }
  }
  if (meta.author.empty() && !raw.byline.empty()) meta.author = BylineAuthor(raw.byline, meta.source);
  return meta;
}

}  // namespace rkn
