#include "common/format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <set>
#include <string_view>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/schema.h"
#include "common/text.h"

namespace rkn {
namespace {

// `s` as a quoted CSV field, valid UTF-8 (a path that is not gets U+FFFD, as in JSON).
std::string CsvField(const std::string& raw) {
  std::string repaired;
  const std::string& s = IsValidUtf8(raw) ? raw : (repaired = RepairUtf8(raw));
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out += c;  // a line break too: quoted, it is part of the cell (a path may hold one)
  }
  return out + "\"";
}

// Greedy word wrap of `s` (which may contain zero-width ANSI codes) at `width` visible columns.
// Words are the runs between spaces outside escape codes; a code point takes TerminalColumns(c).
std::string Wrap(std::string_view s, size_t width, const std::string& indent) {
  std::string out;
  out.reserve(s.size() + s.size() / 16 + indent.size() + 1);
  out += indent;
  size_t col = indent.size();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const size_t begin = i;
    size_t wlen = 0;
    size_t last = 0;  // the columns of the last character
    bool in_esc = false;
    while (i < s.size()) {
      const char c = s[i];
      if (c == ' ' && !in_esc) break;
      if (c == '\x1b') {
        in_esc = true;
      } else if (in_esc) {
        in_esc = c != 'm';
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        auto k = static_cast<int32_t>(i);
        UChar32 cp;
        U8_NEXT(p, k, n, cp);
        // U+FE0F asks for the emoji picture of the character before it (❤️): two columns.
        const size_t cols = cp == 0xFE0F && last == 1 ? 1 : cp < 0 ? 1 : TerminalColumns(cp);
        wlen += cols;
        if (cols > 0 || cp == 0xFE0F) last = cp == 0xFE0F ? 2 : cols;
        i = static_cast<size_t>(k);
        continue;
      } else {
        ++wlen;
        last = 1;
      }
      ++i;
    }
    if (i == begin) continue;  // consecutive spaces
    if (col + wlen + 1 > width && col > indent.size()) {
      out += '\n';
      out += indent;
      col = indent.size();
    } else if (col > indent.size()) {
      out += ' ';
      ++col;
    }
    out.append(s, begin, i - begin);
    col += wlen;
  }
  return out;
}

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

// Appends `s` as a JSON string the way nlohmann::json's serializer does with ensure_ascii off:
// '"' '\\' and the control characters escaped (\b \f \n \r \t, others \u00xx), everything
// else copied. Ill-formed UTF-8 is left to nlohmann (it replaces it with U+FFFD).
void AppendJsonString(std::string_view s, std::string* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (int32_t i = 0; i < n;) {
    if (i + 8 <= n) {  // 8 ASCII bytes at a time
      uint64_t v;
      std::memcpy(&v, p + i, 8);
      if ((v & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      *out += nlohmann::json(std::string(s)).dump(-1, ' ', false, kReplace);
      return;
    }
  }
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    // Skip 8 bytes at a time while none needs escaping ('"', '\\', control characters).
    while (i + 8 <= s.size()) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      const uint64_t quote = v ^ (kOnes * '"'), slash = v ^ (kOnes * '\\');
      const uint64_t ascii_low = (v - kOnes * 0x20) & ~v & kHigh;  // a byte below 0x20
      if ((ascii_low | ((quote - kOnes) & ~quote & kHigh) | ((slash - kOnes) & ~slash & kHigh)) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
        *out += buf;
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendUnsigned(uint64_t v, std::string* out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

// `v` exactly as nlohmann::json's serializer writes a double (its dump_float: Grisu2 digits in
// its %g-like layout, "null" when not finite), without building a serializer per number.
void AppendDouble(double v, std::string* out) {
  if (!std::isfinite(v)) {
    *out += "null";
    return;
  }
  std::array<char, 64> buf{};
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  out->append(buf.data(), static_cast<size_t>(end - buf.data()));
}

// A string member, null when empty.
void AppendStringOrNull(std::string_view s, std::string* out) {
  if (s.empty()) {
    *out += "null";
  } else {
    AppendJsonString(s, out);
  }
}

// Whether `s` holds the UTF-8 bytes of a bidirectional control (IsBidiControl): U+061C (D8 9C),
// U+200E/U+200F and U+202A to U+202E (E2 80 8E/8F/AA-AE), U+2066 to U+2069 (E2 81 A6-A9).
bool HasBidiControl(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (const void* hit = std::memchr(p, 0xE2, n); hit != nullptr;) {
    const size_t i = static_cast<size_t>(static_cast<const unsigned char*>(hit) - p);
    if (i + 2 < n) {
      const unsigned char b1 = p[i + 1], b2 = p[i + 2];
      if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) return true;
      if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;
    }
    hit = i + 1 < n ? std::memchr(p + i + 1, 0xE2, n - i - 1) : nullptr;
  }
  for (const void* hit = std::memchr(p, 0xD8, n); hit != nullptr;) {
    const size_t i = static_cast<size_t>(static_cast<const unsigned char*>(hit) - p);
    if (i + 1 < n && p[i + 1] == 0x9C) return true;
    hit = i + 1 < n ? std::memchr(p + i + 1, 0xD8, n - i - 1) : nullptr;
  }
  return false;
}

// What ForTerminal makes of '\n': kept (a snippet's line break), or a space (a one-line field:
// the title, the path line, a facet value, where a line break would forge a line of output).
enum class LineBreak { kKeep, kSpace };

// `s` with every ASCII control character but '\n' (and DEL) as ' ', '\n' too under
// LineBreak::kSpace, and every bidirectional formatting character (IsBidiControl) as ' ', one
// character for one (so snippet offsets, in code points, hold): scraped text can carry terminal
// escapes ("\x1b]0;...\x07") and a database indexed before the indexer turned them into spaces
// still holds them; U+202E in a title or file name would turn around what the terminal shows
// after it. Bytes that are not UTF-8 are kept (a file name is shown byte for byte).
std::string ForTerminal(std::string_view s, LineBreak line_break) {
  std::string out(s);
  const bool keep_newline = line_break == LineBreak::kKeep;
  auto fix = [keep_newline](char& c) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && (u != '\n' || !keep_newline)) || u == 0x7F) c = ' ';
  };
  // Text is mostly clean: 8 bytes at a time, only a block holding a byte below 0x20 (a '\n'
  // too) or DEL is looked at byte by byte.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= out.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, out.data() + i, 8);
    const uint64_t del = v ^ (kOnes * 0x7F);
    if ((((v - kOnes * 0x20) & ~v) | ((del - kOnes) & ~del)) & kHigh) {
      for (size_t k = i; k < i + 8; ++k) fix(out[k]);
    }
  }
  for (; i < out.size(); ++i) fix(out[i]);
  // Bidirectional controls are U+061C (D8 9C) and U+200E to U+2069 (E2 80 xx, E2 81 xx): only
  // text holding one is decoded (not all text with an E2 byte: every snippet has its "…").
  if (!HasBidiControl(out)) return out;
  std::string kept;
  kept.reserve(out.size());
  const auto* p = reinterpret_cast<const uint8_t*>(out.data());
  const auto n = static_cast<int32_t>(out.size());
  for (int32_t k = 0; k < n;) {
    const int32_t start = k;
    UChar32 c = p[k];
    if (c < 0x80) {
      ++k;
    } else {
      U8_NEXT(p, k, n, c);
    }
    if (c >= 0 && IsBidiControl(static_cast<char32_t>(c))) {
      kept.push_back(' ');
    } else {
      kept.append(out, static_cast<size_t>(start), static_cast<size_t>(k - start));
    }
  }
  return kept;
}

// `highlights` ([begin, end) code points into `text`) with the ones that only spaces or one
// hyphen separate joined into one: the human output shows "[gencatan senjata]", not "[gencatan]
// [senjata]", and "[K-Pop]", not "[K]-[Pop]".
std::vector<std::pair<size_t, size_t>> JoinNeighbours(std::string_view text, const std::vector<std::pair<size_t, size_t>>& highlights) {
  if (highlights.size() < 2) return highlights;  // nothing to join
  // The byte where code point `target` starts (text.size() past the end), walking forward from
  // the last one asked for: the spans come in order.
  size_t cp = 0, byte = 0;
  auto byte_of = [&](size_t target) {
    if (target < cp) cp = byte = 0;
    while (cp < target && byte < text.size()) {
      ++byte;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
      ++cp;
    }
    return byte;
  };
  std::vector<std::pair<size_t, size_t>> out;
  for (const auto& h : highlights) {
    if (!out.empty() && out.back().second < h.first) {
      const size_t from = byte_of(out.back().second), to = byte_of(h.first);
      const std::string_view gap = text.substr(from, to - from);
      if (cp == h.first && (gap == "-" || gap.find_first_not_of(' ') == std::string_view::npos)) {
        out.back().second = h.second;
        continue;
      }
    }
    out.push_back(h);
  }
  return out;
}

// Appends `spans` as a JSON array of [begin, end] pairs.
void AppendSpans(const std::vector<std::pair<size_t, size_t>>& spans, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->push_back('[');
    AppendUnsigned(spans[i].first, out);
    out->push_back(',');
    AppendUnsigned(spans[i].second, out);
    out->push_back(']');
  }
  out->push_back(']');
}

// `spans` as a JSON array of [begin, end] pairs (AppendSpans's nlohmann twin).
nlohmann::json SpansJson(const std::vector<std::pair<size_t, size_t>>& spans) {
  nlohmann::json out = nlohmann::json::array();
  for (auto [b, e] : spans) out.push_back({b, e});
  return out;
}


// The marks of the human output: ANSI bold, dim and highlight colour, or [brackets] only.
struct HumanMarks {
  std::string bold, dim, reset, hl_open, hl_close;
  explicit HumanMarks(bool color)
      : bold(color ? "\x1b[1m" : ""),
        dim(color ? "\x1b[2m" : ""),
        reset(color ? "\x1b[0m" : ""),
        hl_open(color ? "\x1b[1;31m" : "["),
        hl_close(color ? "\x1b[0m" : "]") {}
};

// Writes the bold title line of `h` after `number` ("3. ", or "" for none), its matched words
// marked as a snippet's (in colour the rest stays bold), wrapped at `width` with its further
// lines under the title's first letter; "(untitled)" when it has none.
void WriteTitle(const Hit& h, const std::string& number, const HumanMarks& m, size_t width, std::ostream& out) {
  if (h.title.empty()) {
    out << m.bold << number << "(untitled)" << m.reset << "\n";
    return;
  }
  Snippet title{ForTerminal(h.title, LineBreak::kSpace), {}};
  title.highlights = JoinNeighbours(title.text, h.title_highlights);
  const std::string wrapped = Wrap(RenderSnippet(title, m.hl_open, m.hl_close + m.bold), width, std::string(number.size(), ' '));
  out << m.bold << number << std::string_view(wrapped).substr(number.size()) << m.reset << "\n";
}

// The text of `s` made safe for a terminal (its line breaks kept), its highlights marked with
// `m`, neighbours as one (JoinNeighbours).
std::string MarkedText(const Snippet& s, const HumanMarks& m) {
  Snippet safe{ForTerminal(s.text, LineBreak::kKeep), {}};
  safe.highlights = JoinNeighbours(safe.text, s.highlights);
  return RenderSnippet(safe, m.hl_open, m.hl_close);
}

// "path#record  source  date  author", the parts a hit has (not yet made safe for a terminal).
std::string MetaLine(const Hit& h) {
  std::string meta = h.path;
  if (!h.record.empty()) meta += "#" + h.record;
  if (!h.source.empty()) meta += "  " + h.source;
  if (!h.published.empty()) meta += "  " + h.published.substr(0, 10);
  if (!h.author.empty()) meta += "  " + h.author;
  return meta;
}
}  // namespace

// Below U+231A (the first emoji shown as a picture) only Hangul's leading jamo are wide, so the
// punctuation news text is full of (curly quotes, dashes, "…") needs no look-up of width or emoji
// properties: that look-up loads ICU's emoji data, pages a single search would touch only for it.
size_t TerminalColumns(int32_t c) {
  if (c < 0x300) return 1;
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  if (c < 0x1100 || (c >= 0x1160 && c < 0x231A)) return 1;
  const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (width == U_EA_WIDE || width == U_EA_FULLWIDTH || u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
  return 1;
}

void AppendHitJson(const Hit& h, std::string* out) {
  // Members in nlohmann::json's (sorted) key order.
  *out += "{\"author\":";
  AppendStringOrNull(h.author, out);
  *out += ",\"category\":";
  AppendStringOrNull(h.category, out);
  *out += ",\"collapsed\":";
  AppendUnsigned(h.collapsed, out);
  *out += ",\"docid\":";
  AppendUnsigned(h.docid, out);
  *out += ",\"highlights\":";
  AppendSpans(h.snippet.highlights, out);
  *out += ",\"path\":";
  AppendJsonString(h.path, out);
  *out += ",\"published\":";
  AppendStringOrNull(h.published, out);
  *out += ",\"rank\":";
  AppendUnsigned(h.rank, out);
  *out += ",\"record\":";
  AppendStringOrNull(h.record, out);
  *out += ",\"score\":";
  AppendDouble(h.score, out);
  *out += ",\"snippet\":";
  AppendJsonString(h.snippet.text, out);
  *out += ",\"source\":";
  AppendStringOrNull(h.source, out);
  if (h.text) {
    *out += ",\"text\":";
    AppendJsonString(*h.text, out);
  }
  *out += ",\"title\":";
  AppendJsonString(h.title, out);
  *out += ",\"title_highlights\":";
  AppendSpans(h.title_highlights, out);
  *out += ",\"url\":";
  AppendStringOrNull(h.url, out);
  out->push_back('}');
}

void AppendResponseJson(const SearchResponse& r, std::optional<size_t> line, std::string* out) {
  // Members in nlohmann::json's (sorted) key order; r.facets is a std::map, sorted the same way.
  *out += "{\"facets\":{";
  bool first = true;
  for (const auto& [name, values] : r.facets) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(name, out);
    *out += ":[";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out->push_back(',');
      *out += "{\"count\":";
      AppendUnsigned(values[i].second, out);
      *out += ",\"value\":";
      AppendJsonString(values[i].first, out);
      out->push_back('}');
    }
    out->push_back(']');
  }
  *out += "},\"hits\":[";
  for (size_t i = 0; i < r.hits.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendHitJson(r.hits[i], out);
  }
  out->push_back(']');
  if (line) {
    *out += ",\"line\":";
    AppendUnsigned(*line, out);
  }
  *out += ",\"notes\":[";
  for (size_t i = 0; i < r.notes.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(r.notes[i], out);
  }
  *out += "],\"parsed_query\":";
  AppendJsonString(r.parsed_query, out);
  *out += ",\"query\":";
  AppendJsonString(r.query, out);
  *out += ",\"schema_version\":";
  AppendUnsigned(static_cast<uint64_t>(schema::kJsonSchemaVersion), out);
  *out += ",\"suggestion\":";
  AppendStringOrNull(r.suggestion, out);
  *out += ",\"total\":";
  AppendUnsigned(r.total, out);
  *out += ",\"total_bounds\":{\"lower\":";
  AppendUnsigned(r.total_lower, out);
  *out += ",\"upper\":";
  AppendUnsigned(r.total_upper, out);
  *out += "}}";
}

nlohmann::json HitJson(const Hit& h) {
  nlohmann::json j;
  j["rank"] = h.rank;
  j["docid"] = h.docid;
  j["path"] = h.path;
  j["record"] = h.record.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.record);
  j["title"] = h.title;
  j["title_highlights"] = SpansJson(h.title_highlights);
  j["source"] = h.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.source);
  j["published"] = h.published.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.published);
  j["author"] = h.author.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.author);
  j["category"] = h.category.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.category);
  j["url"] = h.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.url);
  j["score"] = h.score;
  j["snippet"] = h.snippet.text;
  j["highlights"] = SpansJson(h.snippet.highlights);
  j["collapsed"] = h.collapsed;
  if (h.text) j["text"] = *h.text;
  return j;
}

nlohmann::json ResponseJson(const SearchResponse& r) {
  nlohmann::json j;
  j["schema_version"] = schema::kJsonSchemaVersion;
  j["query"] = r.query;
  j["parsed_query"] = r.parsed_query;
  j["total"] = r.total;
  j["total_bounds"] = {{"lower", r.total_lower}, {"upper", r.total_upper}};
  j["suggestion"] = r.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.suggestion);
  // What the query did that its words do not say (a wildcard cut to its most frequent words,
  // stopwords not searched, a colon that names no field): stderr's notes, for scripts too.
  j["notes"] = r.notes;
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : r.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [v, n] : values) list.push_back({{"value", v}, {"count", n}});
    facets[name] = list;
  }
  j["facets"] = facets;
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) hits.push_back(HitJson(h));
  j["hits"] = hits;
  return j;
}

nlohmann::json ArticleJson(const ShownArticle& a) {
  const Hit& h = a.hit;
  const auto or_null = [](const std::string& v) { return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v); };
  nlohmann::json j;
  j["schema_version"] = schema::kJsonSchemaVersion;
  j["query"] = or_null(a.query);
  j["matches"] = a.query.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.matches);
  j["notes"] = a.notes;
  j["docid"] = h.docid;
  j["path"] = h.path;
  j["record"] = or_null(h.record);
  j["title"] = h.title;
  j["title_highlights"] = SpansJson(h.title_highlights);
  j["source"] = or_null(h.source);
  j["published"] = or_null(h.published);
  j["author"] = or_null(h.author);
  j["category"] = or_null(h.category);
  j["url"] = or_null(h.url);
  j["text"] = h.snippet.text;
  j["highlights"] = SpansJson(h.snippet.highlights);
  return j;
}

void WriteArticle(const ShownArticle& a, bool json, const HumanStyle& style, std::ostream& out) {
  if (json) {
    out << ArticleJson(a).dump(2, ' ', false, kReplace) << "\n";
    return;
  }
  const Hit& h = a.hit;
  const HumanMarks m(style.color);
  WriteTitle(h, "", m, style.width, out);
  out << m.dim << ForTerminal(MetaLine(h), LineBreak::kSpace) << m.reset << "\n";
  if (!h.url.empty() && h.url != h.record) out << m.dim << ForTerminal(h.url, LineBreak::kSpace) << m.reset << "\n";
  // The paragraphs apart, each wrapped: the text marked whole, then cut at its line breaks.
  const std::string marked = MarkedText(h.snippet, m);
  for (size_t begin = 0; begin < marked.size();) {
    const size_t end = std::min(marked.find('\n', begin), marked.size());
    if (end > begin) out << "\n" << Wrap(std::string_view(marked).substr(begin, end - begin), style.width, "") << "\n";
    begin = end + 1;
  }
}

void WriteResponse(const SearchResponse& r, OutputFormat format, const HumanStyle& style, std::ostream& out) {
  switch (format) {
    case OutputFormat::kJson:
      out << ResponseJson(r).dump(2, ' ', false, kReplace) << "\n";
      return;
    case OutputFormat::kJsonl: {
      std::string buf;
      for (const auto& h : r.hits) {
        AppendHitJson(h, &buf);
        buf.push_back('\n');
      }
      out << buf;
      return;
    }
    case OutputFormat::kCsv:
      // record and url tell apart the articles of one dump (path is the dump's); new columns go
      // at the end, before the long `text`, so scripts that count columns keep working.
      out << "rank,docid,score,path,title,source,published,author,snippet,record,url,collapsed,category"
          << (r.text ? ",text" : "")
          << "\n";
      for (const auto& h : r.hits) {
        // The score as JSON writes it (the shortest text that reads back as the same double):
        // rounded, hits of different scores tied in a script that sorts the rows by it.
        std::string score;
        AppendDouble(h.score, &score);
        if (score == "null") score.clear();
        out << h.rank << "," << h.docid << "," << score << "," << CsvField(h.path) << "," << CsvField(h.title) << ","
            << CsvField(h.source) << "," << CsvField(h.published) << "," << CsvField(h.author) << ","
            << CsvField(h.snippet.text) << "," << CsvField(h.record) << "," << CsvField(h.url) << "," << h.collapsed << ","
            << CsvField(h.category);
        if (r.text) out << "," << CsvField(h.text.value_or(""));
        out << "\n";
      }
      return;
    case OutputFormat::kCount:
      out << r.total << "\n";
      return;
    case OutputFormat::kFiles: {
      std::set<std::string> seen;
      for (const auto& h : r.hits) {
        // A path may hold a line break or a space: --null ends it with NUL, for xargs -0.
        if (seen.insert(h.path).second) out << h.path << (style.files_null ? '\0' : '\n');
      }
      return;
    }
    case OutputFormat::kHuman:
      break;
  }
  const HumanMarks m(style.color);
  if (!r.suggestion.empty()) out << "Did you mean: " << m.bold << ForTerminal(r.suggestion, LineBreak::kSpace) << m.reset << "\n\n";
  for (const auto& h : r.hits) {
    WriteTitle(h, std::to_string(h.rank) + ". ", m, style.width, out);
    std::string meta = MetaLine(h);
    if (h.collapsed > 0) meta += "  (+" + std::to_string(h.collapsed) + " similar)";
    out << "   " << m.dim << ForTerminal(meta, LineBreak::kSpace) << m.reset << "\n";
    if (!h.snippet.text.empty()) {
      out << Wrap(MarkedText(h.snippet, m), style.width, "   ") << "\n";
    }
    out << "\n";
  }
  // Facets in the order asked for (--facets year,source: year first), then any others by name;
  // "(none)" when no match has a value (no author given).
  auto facet_line = [&](const std::string& name, const std::vector<std::pair<std::string, Xapian::doccount>>& values) {
    out << m.bold << name << m.reset << ":";
    for (const auto& [v, n] : values) out << "  " << ForTerminal(v, LineBreak::kSpace) << " (" << n << ")";
    if (values.empty()) out << "  " << m.dim << "(none)" << m.reset;
    out << "\n";
  };
  for (const std::string& name : r.facet_order) {
    if (const auto values = r.facets.find(name); values != r.facets.end()) facet_line(name, values->second);
  }
  for (const auto& [name, values] : r.facets) {
    if (std::find(r.facet_order.begin(), r.facet_order.end(), name) == r.facet_order.end()) facet_line(name, values);
  }
  // Xapian's estimate can be far off for words that go together ("revisi uu kpk": 200 of 939):
  // say how far, as quest does, and how to count exactly.
  out << m.dim << (r.total_lower == r.total_upper ? "" : "about ") << r.total << " matching article" << (r.total == 1 ? "" : "s");
  if (r.total_lower != r.total_upper) {
    out << " (between " << r.total_lower << " and " << r.total_upper << "; --count counts them exactly)";
  }
  out << m.reset << "\n";
}

}  // namespace rkn
