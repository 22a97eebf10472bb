// The rule-driven line cleaner. Rules come from data/rules/*.rules (format documented at the top of
// data/rules/00-core.rules and in the README); the engine adds a few structural heuristics with
// fixed rule names: "title", "title-repeat", "duplicate", "caption-repeat", "related-run",
// "furniture", "credit", "teaser", "blank" and "content".
#include "common/cleaner.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <array>
#include <regex>

#include "common/file.h"
#include "common/furniture.h"
#include "common/metadata.h"
#include "common/stemmer.h"
#include "common/text.h"

namespace rkn {

namespace {

// Bumped whenever the engine's behaviour changes in a way that changes decisions.
// How long one regular expression match may run, in ICU's steps of the match engine (2000 are
// about 0.2 s on the benchmark machine): the shipped rules take microseconds on any line.
constexpr int32_t kRegexTimeLimit = 2000;

constexpr std::string_view kEngineVersion = "rkn-cleaner-engine-16";  // 16: a lead's dateline glued to the text after a brand and a place ("Bisnis.com, JAKARTA-PT", an em dash without spaces) or with the brand before its place without a comma ("TEMPO.CO Yogyakarta - ") loses its brand (dateline-brand) and names the source; 15: a capitals last line with an ellipsis ("RASANYA BARU KEMARIN..") or that starts with a Roman numeral ("II MMI") is no credit; 14: a cut after a sentence's end leaves a space, not the comma after the cut ("AFP. (Baca juga: ...),Kedua" is "AFP. Kedua"); a reporter's credit glued to the last sentence ("masjid.(Willy Widianto)") is cut and names the author; 13: an ordinal with its comma ("Kedua,") ends a cross-reference headline as a sentence opener; a line with no letter or digit is dropped (blank); a capitals credit line may end in commas or glue its "|", and on tempo.co be one word ("BISNIS"); a last sentence's closing credit of one lower-case word ("(tempo)", "(detik)"), in square brackets ("[vvn]"), or of slash parts with a hyphen ("(cr-2/pojoksumut)") is cut; 12: a dateline alone on its line ("Jakarta -") is joined to the lead after it (rule dateline-joined); 11: a wire's dateline between two dashes ("Kawasaki, Jepang --(ANTARA/Business Wire)-- ") loses its brand too; 10: the news brand of the lead's dateline cut, its place kept ("VALDIVOSTOK, KOMPAS.com - " keeps "VALDIVOSTOK - "; rule dateline-brand); 9: on ANTARA a cross-reference headline ending in a name ends before the ordinary capitalised word or the title after it ("... libur Nataru Jadwal dan ...", "... dini hari Kepala Suku ..."), unless a subject's words come first; a headline of capitalised words first is taken whole when a marker, paragraph or byline bounds it; an opening quote after the headline stays; 8: editors' initials capitalised or after commas ("(Adv)", ".,(knv/knv)", "(eth),") and slash credits ("(IKP Kominfo/HK)") at the end; 7: cross-reference headlines end at a sentence opener; editors' initials and capitals credits

// The largest rule file read (the shipped rules are a few kilobytes).
constexpr uint64_t kMaxRuleFileBytes = uint64_t{16} << 20;

enum class Kind { kDrop, kCut, kXref, kBlock, kSpan, kKeep };

struct Rule {
  Kind kind = Kind::kDrop;
  std::string name;
  std::string origin;  // "file:line", for messages
  std::unique_ptr<icu::RegexPattern> pattern;
  std::unique_ptr<icu::RegexPattern> end;  // span only
  std::string pattern_text;
  bool case_sensitive = false;
  size_t max_len = 400;  // line rules: longer lines (an article in one line) are never matched
  int max_lines = 8;     // span: how far the end may be
  std::vector<std::string> need;  // cut/xref: tried only when the lower-cased line contains one
};

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

bool IsFunctionWord(const icu::UnicodeString& w);

// Line rules look for their `need` strings in this many leading bytes of the line.
constexpr size_t kNeedWindow = 96;

// True when `r` has no `need` list or `lower` contains one of its strings.
bool NeedMet(const Rule& r, const std::string& lower) {
  if (r.need.empty()) return true;
  for (const auto& w : r.need) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

struct Cleaner::Impl {
  std::vector<Rule> rules;
  std::vector<size_t> line_rules;  // drop, block, span, keep: matched against the whole line
  std::vector<size_t> cut_rules;   // cut, xref: searched inside lines
  std::vector<size_t> xref_rules;
  std::unique_ptr<icu::RegexPattern> cut_union;   // the cut rules without `need`
  bool all_cuts_need = false;                     // every cut rule has a `need` list
  std::unique_ptr<icu::RegexPattern> xref_union;  // where the next cross-reference marker starts
  size_t max_line_len = 0;
  // Rules that gave up on a line in this run (kRegexTimeLimit): not tried again, so that one
  // bad rule costs one time-out, not one per article. Set once by any thread.
  std::unique_ptr<std::atomic<bool>[]> gave_up;
  mutable std::atomic<bool> cut_union_gave_up{false}, xref_union_gave_up{false};  // the same for the unions

  Status ParseFile(const std::filesystem::path& path, std::string_view text);
  Status Compile();
};

namespace {

// Splits off the first whitespace-delimited token of `s`.
std::string_view NextToken(std::string_view& s) {
  s = Trim(s);
  size_t i = 0;
  while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
  auto tok = s.substr(0, i);
  s = Trim(s.substr(i));
  return tok;
}

// The largest max-len and lines a rule may give (an article line is at most the article's 16 MiB
// by default, and an article at most 100,000 lines).
constexpr uint64_t kMaxRuleLineBytes = uint64_t{4096} << 20;
constexpr uint64_t kMaxRuleSpanLines = 100000;

std::unique_ptr<icu::RegexPattern> CompileRegex(const std::string& text, bool case_sensitive,
                                                std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  uint32_t flags = case_sensitive ? 0 : UREGEX_CASE_INSENSITIVE;
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(text), flags, pe, status));
  if (U_FAILURE(status)) {
    *error = std::string("bad regex (") + u_errorName(status) + " at offset " +
             std::to_string(pe.offset) + "): " + text;
    return nullptr;
  }
  return p;
}

}  // namespace

Status Cleaner::Impl::ParseFile(const std::filesystem::path& path, std::string_view text) {
  int lineno = 0;
  for (auto raw : SplitLines(text)) {
    ++lineno;
    auto line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = path.string() + ":" + std::to_string(lineno);
    auto rest = line;
    std::string action(NextToken(rest));
    std::string name(NextToken(rest));
    if (action == "off") {
      // Disables every earlier rule of that name (users silencing an installed rule).
      if (name.empty()) return Status::Corruption(where, "off needs a rule name");
      // A name that matches nothing is a typo that would silently leave the rule on.
      if (std::erase_if(rules, [&](const Rule& r) { return r.name == name; }) == 0) {
        return Status::Corruption(where, "off: no earlier rule is named '" + name + "'");
      }
      continue;
    }
    Rule r;
    r.name = name;
    r.origin = where;
    if (action == "drop") r.kind = Kind::kDrop;
    else if (action == "cut") r.kind = Kind::kCut;
    else if (action == "xref") r.kind = Kind::kXref;
    else if (action == "block") r.kind = Kind::kBlock;
    else if (action == "span") r.kind = Kind::kSpan;
    else if (action == "keep") r.kind = Kind::kKeep;
    else return Status::Corruption(where, "unknown action '" + action + "' (expected drop, cut, xref, block, span, keep or off)");
    if (name.empty() || rest.empty()) return Status::Corruption(where, "expected: ACTION NAME [OPTIONS] REGEX");
    // Options: key=value tokens before the regex.
    while (true) {
      auto save = rest;
      auto tok = NextToken(rest);
      auto eq = tok.find('=');
      std::string key(tok.substr(0, eq == std::string_view::npos ? 0 : eq));
      std::string value(eq == std::string_view::npos ? "" : tok.substr(eq + 1));
      if (key == "case" && (value == "sensitive" || value == "insensitive")) {
        r.case_sensitive = value == "sensitive";
      } else if (key == "need" && !value.empty()) {
        size_t start = 0;
        while (start <= value.size()) {
          auto bar = value.find('|', start);
          std::string w = value.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
          for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (!w.empty()) r.need.push_back(w);
          if (bar == std::string::npos) break;
          start = bar + 1;
        }
      } else if (key == "max-len" || key == "lines") {
        // std::stoul threw on a number past its type (the run died with "terminate called").
        const uint64_t max = key == "max-len" ? kMaxRuleLineBytes : kMaxRuleSpanLines;
        uint64_t n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < 1 || n > max) {
          return Status::Corruption(where, std::string(tok) + ": " + key + " takes a whole number from 1 to " +
                                               std::to_string(max));
        }
        if (key == "max-len") r.max_len = static_cast<size_t>(n);
        else r.max_lines = static_cast<int>(n);
      } else if (key == "case" || key == "need") {
        // Taken as the start of the regex, "case=Sensitive" or "need=" made a rule that never matched.
        return Status::Corruption(where, std::string(tok) + ": " +
                                             (key == "case" ? "case takes sensitive or insensitive"
                                                            : "need takes words separated by |"));
      } else {
        rest = save;
        break;
      }
    }
    if (rest.empty()) return Status::Corruption(where, "missing regex");
    std::string start_text(rest), end_text;
    if (r.kind == Kind::kSpan) {
      auto sep = rest.find(" => ");
      if (sep == std::string_view::npos) return Status::Corruption(where, "span needs 'START => END'");
      start_text = std::string(Trim(rest.substr(0, sep)));
      end_text = std::string(Trim(rest.substr(sep + 4)));
      if (start_text.empty() || end_text.empty()) return Status::Corruption(where, "span needs 'START => END'");
    }
    std::string error;
    r.pattern = CompileRegex(start_text, r.case_sensitive, &error);
    if (!r.pattern) return Status::Corruption(where, error);
    if (!end_text.empty()) {
      r.end = CompileRegex(end_text, r.case_sensitive, &error);
      if (!r.end) return Status::Corruption(where, error);
    }
    r.pattern_text = start_text;
    rules.push_back(std::move(r));
  }
  return Status::Ok();
}

Status Cleaner::Impl::Compile() {
  line_rules.clear();
  cut_rules.clear();
  xref_rules.clear();
  std::string cut_alt, xref_alt;
  auto add = [](std::string& alt, const Rule& r) {
    if (!alt.empty()) alt += "|";
    alt += r.case_sensitive ? "(?-i:" : "(?i:";
    alt += r.pattern_text;
    alt += ")";
  };
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    if (r.kind == Kind::kCut || r.kind == Kind::kXref) {
      cut_rules.push_back(i);
      if (r.need.empty()) add(cut_alt, r);
      if (r.kind == Kind::kXref) {
        xref_rules.push_back(i);
        add(xref_alt, r);
      }
    } else {
      line_rules.push_back(i);
      max_line_len = std::max(max_line_len, r.max_len);
    }
  }
  // The unions are only an accelerator: when a rule's syntax does not survive being embedded
  // (back-references), each rule is tried on its own.
  std::string error;
  cut_union = cut_alt.empty() ? nullptr : CompileRegex(cut_alt, false, &error);
  all_cuts_need = cut_alt.empty();
  xref_union = xref_alt.empty() ? nullptr : CompileRegex(xref_alt, false, &error);
  return Status::Ok();
}

std::vector<std::string> CleanResult::KeptLines() const {
  std::vector<std::string> out;
  for (const auto& d : lines) {
    if (d.action != LineDecision::Action::kKeep) continue;
    auto t = Trim(d.kept);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

Result<Cleaner> Cleaner::Load(const std::filesystem::path& data_dir,
                              const std::vector<std::filesystem::path>& extra_rule_files) {
  auto impl = std::make_shared<Impl>();
  std::vector<std::filesystem::path> files;
  const auto dir = data_dir / "rules";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::NotFound(dir.string(), "rules directory not found");
  }
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".rules" && e.path().filename().string().front() != '.') {
      files.push_back(e.path());
    }
  }
  if (ec) return Status::IOError(dir.string(), ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) return Status::NotFound(dir.string(), "no *.rules files");
  for (const auto& f : extra_rule_files) files.push_back(f);

  uint64_t h = Fnv1a(kEngineVersion);
  h = Fnv1a(BuiltInRootImage().version, h);  // names are told from words by the dictionary
  for (const auto& f : files) {
    if (!std::filesystem::exists(f, ec)) return Status::NotFound(f.string(), "rule file not found");
    // A regular file of at most kMaxRuleFileBytes (AppendWholeFile refuses a folder, /dev/zero,
    // which was read until memory ran out, and a FIFO, which was waited on).
    std::string text;
    size_t len = 0;
    if (Status s = AppendWholeFile(f, "rule file", kMaxRuleFileBytes, &text, &len); !s.ok()) return s;
    if (Status s = CheckDataText(text, f.string()); !s.ok()) return s;
    text = NormalizeText(text);
    h = Fnv1a("\x1f", h);
    h = Fnv1a(text, h);
    auto st = impl->ParseFile(f, text);
    if (!st.ok()) return st;
  }
  auto st = impl->Compile();
  if (!st.ok()) return st;
  impl->gave_up = std::make_unique<std::atomic<bool>[]>(impl->rules.size());
  Cleaner c;
  c.impl_ = std::move(impl);
  c.version_ = std::string("rules-") + Hex64(h);
  return c;
}

// ------------------------------------------------------------------------------------------------
// Line shape helpers.

namespace {

struct Shape {
  int words = 0;
  int cap_words = 0;        // words starting with an upper-case letter or a digit
  int lower_content = 0;    // lower-case words that are not function words
  bool ends_sentence = false;  // ends with '.', not '...'
  bool multi_sentence = false;  // ". X" inside
  bool numbered = false;   // "1. ...", "2) ..."
  bool has_letter = false;
};

bool InList(const icu::UnicodeString& w, const std::vector<icu::UnicodeString>& list) {
  icu::UnicodeString l(w);
  while (l.length() > 0 && !u_isalnum(l.char32At(l.length() - 1))) l.truncate(l.length() - 1);
  if (l.length() == 0 || l.length() > 12) return false;
  l.toLower();
  return std::find(list.begin(), list.end(), l) != list.end();
}

std::vector<icu::UnicodeString> MakeList(std::initializer_list<const char16_t*> words) {
  std::vector<icu::UnicodeString> out;
  for (auto* w : words) out.emplace_back(w);
  return out;
}

bool IsFunctionWord(const icu::UnicodeString& w) {
  static const auto kWords = MakeList(
      {u"dan", u"di", u"ke", u"dari", u"yang", u"untuk", u"dengan", u"pada", u"atau", u"soal", u"hingga",
       u"dalam", u"oleh", u"akan", u"ini", u"itu", u"jadi", u"vs", u"usai", u"saat", u"karena", u"bagi",
       u"tak", u"tidak", u"jika", u"lewat", u"sejak", u"sebagai", u"atas", u"the", u"of", u"and", u"in",
       u"bisa"});
  return InList(w, kWords);
}

// Shape of a (trimmed) line.
Shape ShapeOf(const icu::UnicodeString& u) {
  Shape s;
  const int32_t n = u.length();
  int32_t i = 0;
  while (i < n) {
    while (i < n && u_isspace(u.char32At(i))) i = u.moveIndex32(i, 1);
    if (i >= n) break;
    int32_t start = i;
    while (i < n && !u_isspace(u.char32At(i))) i = u.moveIndex32(i, 1);
    ++s.words;
    // First letter or digit of the word (skipping quotes, brackets).
    int32_t j = start;
    while (j < i && !u_isalnum(u.char32At(j))) j = u.moveIndex32(j, 1);
    if (j >= i) continue;
    UChar32 c = u.char32At(j);
    s.has_letter = s.has_letter || u_isalpha(c);
    if (u_isupper(c) || u_istitle(c) || u_isdigit(c)) {
      ++s.cap_words;
    } else if (u_islower(c)) {
      icu::UnicodeString w = u.tempSubStringBetween(j, i);
      // Strip trailing punctuation for the function-word test.
      while (w.length() > 0 && !u_isalnum(w.char32At(w.length() - 1))) w.truncate(w.length() - 1);
      if (!IsFunctionWord(w)) ++s.lower_content;
    }
  }
  if (n > 0) {
    UChar last = u.charAt(n - 1);
    s.ends_sentence = last == '.' && !u.endsWith(icu::UnicodeString(u"..."));
  }
  for (int32_t k = 0; k + 2 < n; ++k) {
    UChar c = u.charAt(k);
    if ((c == '.' || c == '?' || c == '!') && u.charAt(k + 1) == ' ' && u_isupper(u.char32At(k + 2))) {
      // "Rp 1.5" or initials ("M. Hatta") do not count: require a lower-case letter before.
      if (k > 0 && u_islower(u.charAt(k - 1))) {
        s.multi_sentence = true;
        break;
      }
    }
  }
  if (n >= 2 && u_isdigit(u.charAt(0))) {
    int32_t k = 0;
    while (k < n && u_isdigit(u.charAt(k))) ++k;
    s.numbered = k < n && (u.charAt(k) == '.' || u.charAt(k) == ')') && k + 1 < n && u.charAt(k + 1) == ' ';
  }
  return s;
}

// Loosely headline-like: a line that could be a headline, a label or a name, not a paragraph.
bool LooseHeadline(const icu::UnicodeString& u, const Shape& s) {
  return s.has_letter && u.length() <= 220 && s.words <= 32 && !s.ends_sentence && !s.multi_sentence;
}

// Strictly headline-like: Title Case Words, no sentence punctuation, not a list item.
bool StrictHeadline(const icu::UnicodeString& u, const Shape& s) {
  if (!LooseHeadline(u, s) || s.numbered || s.words < 4 || u.length() < 20) return false;
  if (u.startsWith(icu::UnicodeString(u"- "))) return false;
  return s.lower_content * 4 <= s.words && s.cap_words * 2 >= s.words;
}

// A short section label inside a related-article block: "Global", "Internasional", "Bola".
bool SectionLabel(const icu::UnicodeString& u, const Shape& s) {
  return s.words >= 1 && s.words <= 2 && u.length() <= 25 && s.cap_words == s.words && !s.ends_sentence;
}

bool IsUpperC(UChar32 c) { return u_isupper(c) || u_istitle(c); }

// Case-insensitive, whitespace-collapsed comparison key.
icu::UnicodeString Key(const icu::UnicodeString& u) {
  icu::UnicodeString k;
  bool space = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i = u.moveIndex32(i, 1);
    if (u_isspace(c)) {
      space = true;
      continue;
    }
    if (space && k.length() > 0) k.append(static_cast<UChar>(' '));
    space = false;
    k.append(c);
  }
  k.foldCase();
  return k;
}

bool HasAlnum(const icu::UnicodeString& u) {
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    if (u_isalnum(u.char32At(i))) return true;
  }
  return false;
}

// Sentence openers that end a sentence-case cross-reference headline ("... bencana Sebelumnya, ...").
bool IsSentenceOpener(const icu::UnicodeString& w) {
  static const auto kWords = MakeList(
      {u"sebelumnya", u"selain", u"namun", u"menurut", u"dia", u"ia", u"mereka", u"sementara",
       u"kemudian", u"adapun", u"diketahui", u"sedangkan", u"saat", u"ketika", u"dengan", u"dalam",
       u"hal", u"selanjutnya", u"lebih", u"sehingga", u"bahkan", u"setelah", u"sebab", u"oleh",
       u"tak", u"tidak", u"pihaknya", u"berdasarkan", u"terkait", u"untuk", u"meski", u"walaupun",
       u"apalagi", u"padahal", u"lalu", u"kini", u"jika", u"kata", u"sebelum", u"karena", u"pada"});
  // An ordinal with its comma counts a point of the article: "... Warisan Dunia UNESCO Kedua,
  // studi tersebut ...". Without the comma it may end a headline ("Periode Kedua").
  static const auto kOrdinals = MakeList({u"pertama", u"kedua", u"ketiga", u"keempat", u"kelima", u"terakhir"});
  if (w.length() > 1 && w.charAt(w.length() - 1) == ',' && InList(w, kOrdinals)) return true;
  return InList(w, kWords);
}

// Words that make a parenthesised Title Case phrase something other than a person's name:
// organisations, places, news agencies and serial markers ("(Bank Indonesia)", "(Jawa Tengah)",
// "(Antara News)", "(Tim Redaksi)", "(Bersambung Besok)").
bool IsNonNameWord(const icu::UnicodeString& w) {
  static const auto kWords = MakeList(
      {u"bank", u"badan", u"kementerian", u"komisi", u"dinas", u"partai", u"pemerintah", u"pemkot",
       u"pemkab", u"pemprov", u"pemda", u"universitas", u"institut", u"sekolah", u"rumah", u"sakit",
       u"asosiasi", u"lembaga", u"dewan", u"majelis", u"mahkamah", u"pengadilan", u"kejaksaan",
       u"kepolisian", u"polda", u"polres", u"kantor", u"perusahaan", u"persero", u"group", u"grup",
       u"tbk", u"pt", u"yayasan", u"koperasi", u"fakultas", u"komite", u"satgas", u"direktorat",
       u"humas", u"indonesia", u"republik", u"jakarta", u"jawa", u"sumatera", u"kalimantan",
       u"sulawesi", u"papua", u"bali", u"nusa", u"tenggara", u"barat", u"timur", u"utara",
       u"selatan", u"tengah", u"kota", u"kabupaten", u"provinsi", u"antara", u"kompas", u"kontan",
       u"tribun", u"detik", u"tempo", u"reuters", u"news", u"media", u"foto", u"video", u"sumber",
       u"redaksi", u"tim", u"bersambung", u"tamat", u"selesai", u"habis", u"lanjutan", u"catatan",
       u"editor", u"penulis", u"reporter", u"pewarta", u"kontributor", u"ilustrasi", u"istimewa",
       u"dokumentasi", u"dok", u"baca", u"simak", u"lihat", u"presiden", u"menteri", u"gubernur",
       u"bupati", u"walikota", u"ketua", u"direktur", u"inc", u"ltd", u"corp", u"company"});
  return InList(w, kWords);
}

// A case-sensitive pattern of the engine's own, compiled once for a function-local static and
// kept for the process (nullptr if it does not compile).
const icu::RegexPattern* CompileStatic(const char* pattern) {
  std::string error;
  return CompileRegex(pattern, /*case_sensitive=*/true, &error).release();
}

// A matcher positioned on the first match of `pattern` in `u`, a line that ends with ')' (the
// credits' patterns end with a parenthesis at the line's end), spaces and commas after it
// allowed when `trailing_commas` (a comma-joined dump's "(eth),"); nullptr when there is none.
std::unique_ptr<icu::RegexMatcher> FindParenthesisAtEnd(const icu::RegexPattern* pattern, const icu::UnicodeString& u,
                                                        bool trailing_commas = false) {
  int32_t end = u.length();
  while (trailing_commas && end > 0 && (u.charAt(end - 1) == ',' || u_isspace(u.charAt(end - 1)))) --end;
  if (pattern == nullptr || end == 0 || (u.charAt(end - 1) != ')' && u.charAt(end - 1) != ']')) return nullptr;
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(u, st));
  if (U_FAILURE(st) || !m->find(st) || U_FAILURE(st)) return nullptr;
  return m;
}

// A reporter's credit at the end of the article's last line: "(Rakhmat Nur Hakim)" alone on the
// line or after the last sentence ("... lanjut dia. (Rakhmat Nur Hakim)", glued too: "...
// masjid.(Willy Widianto)"). The name is 2-4 words,
// each capitalised with lower-case letters after (or an initial "M."), at least two of them full
// words, none an organisation/place word (IsNonNameWord). On a match sets `*start` (where the cut
// begins, spaces before the parenthesis included) and `*name`.
bool TrailingCredit(const icu::UnicodeString& u, int32_t* start, icu::UnicodeString* name) {
  static const icu::RegexPattern* kPattern = CompileStatic(
      R"((?:^|(?<=[.!?"'])\s*)\((\p{Lu}(?:[\p{Ll}'-]*\p{Ll}|\.)(?:\s+\p{Lu}(?:[\p{Ll}'-]*\p{Ll}|\.)){1,3})\)\s*$)");
  const std::unique_ptr<icu::RegexMatcher> m = FindParenthesisAtEnd(kPattern, u);
  if (m == nullptr) return false;
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString n = m->group(1, st);
  int full = 0;
  int32_t i = 0;
  while (i < n.length()) {
    while (i < n.length() && u_isspace(n.charAt(i))) ++i;
    int32_t s = i;
    while (i < n.length() && !u_isspace(n.charAt(i))) ++i;
    if (i == s) break;
    icu::UnicodeString w(n, s, i - s);
    if (IsNonNameWord(w)) return false;
    if (w.charAt(w.length() - 1) != '.') ++full;
  }
  if (full < 2) return false;
  *start = m->start(st);
  *name = n;
  return U_SUCCESS(st);
}

// Editors' initials at the end of the article's last line, alone or after its last sentence:
// "... ujarnya. (trb)", "... singkat.(dek/ris)", okezone's "(adv)" and "(Adv)", comma-joined
// dumps' "dia.,(knv/knv)", "dia.,,,(adv)" and "dia. (eth),", in square brackets too ("[vvn]");
// the source a site copied from, one lower-case word: "(tempo)", "(detik)", "(katadata)"
// (posmetro-medan's; "(bersambung)" goes too); and a credit of names or sources with a slash:
// "(Surya/Doni Prasetyo)", "(TribunJakarta.com/Dwi Putra Kesuma)", "(IKP Kominfo/HK)",
// "(cr-2/pojoksumut)", each part holding a letter ("(1/2 jam)" is none) and none a law or
// scripture ("(UU 11/2008)", "(HR Bukhari/Muslim)"). Sets `*start` (where the cut begins) on a match.
bool TrailingCodeCredit(const icu::UnicodeString& u, int32_t* start) {
  static const icu::RegexPattern* kPattern = CompileStatic(
      R"((?:^|(?<=[.!?"']))[\s,]*[(\[]\s*(?:[\p{Lu}\p{Ll}]\p{Ll}{1,3}(?:\s*/\s*\p{Ll}{2,4}){0,3}|\p{Ll}{5,12})"
      R"(|(?!(?:UU|PP|HR|QS|Perpres|Permen|Perda|Pasal)\b)(?=[^/)\]]*\p{L})[\p{L}\p{N}.][\p{L}\p{N}. -]{0,40})"
      R"((?:\s*/\s*(?=[^/)\]]*\p{L})[\p{L}\p{N}.][\p{L}\p{N}. -]{0,40}){1,3})\s*[)\]][\s,]*$)");
  const std::unique_ptr<icu::RegexMatcher> m = FindParenthesisAtEnd(kPattern, u, /*trailing_commas=*/true);
  if (m == nullptr) return false;
  UErrorCode st = U_ZERO_ERROR;
  *start = m->start(st);
  return U_SUCCESS(st);
}

// Whether `w` is a Roman numeral of one to four letters written in capitals ("II", "XIV"; not
// "DIDI" or "MIMI", which no numeral spells).
bool IsRomanNumeral(const icu::UnicodeString& w) {
  if (w.isEmpty() || w.length() > 4) return false;
  std::string a;
  for (int32_t j = 0; j < w.length(); ++j) {
    const UChar c = w.charAt(j);
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C' && c != 'D' && c != 'M') return false;
    a += static_cast<char>(c);
  }
  static const std::regex kNumeral("M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})");
  return std::regex_match(a, kNumeral);
}

// A last line that is reporters' names or sources in capitals, as Tempo ends its articles:
// "ANWAR SISWADI", "CAESAR AKBAR | VINDRY FLORENTIN", "MARCA | FOOTBALL ESPANA", "... | NASA|
// REUTERS", "FRANCISCA CHRISTY ROSANA,": 2 to 8 words of capital letters (and . ' -), "|"
// between names (glued or not), commas after; on tempo.co (`source`) one word too, the source
// it credits ("BISNIS", "MARCA", "PSSI"), where elsewhere such a word may be text ("SELESAI").
// No author is taken from it: names and sources ("THE SUN", "MALAY MAIL") look alike. Not a
// line with an ellipsis ("RASANYA BARU KEMARIN..", a poem's title) nor one that starts with a
// Roman numeral ("II MMI", the last item of a quake's intensities): text that other sites end with.
bool CapsCreditLine(const icu::UnicodeString& line, std::string_view source) {
  icu::UnicodeString u(line);
  if (u.indexOf(u"..") >= 0) return false;
  u.findAndReplace(u"|", u" | ");
  while (u.length() > 0 && (u.charAt(u.length() - 1) == ',' || u_isspace(u.charAt(u.length() - 1)))) u.truncate(u.length() - 1);
  size_t words = 0;
  int32_t i = 0;
  while (i < u.length()) {
    while (i < u.length() && u_isspace(u.charAt(i))) ++i;
    if (i >= u.length()) break;
    int32_t s = i;
    while (i < u.length() && !u_isspace(u.charAt(i))) ++i;
    const icu::UnicodeString w(u, s, i - s);
    if (w == u"|") continue;
    int letters = 0;
    for (int32_t j = 0; j < w.length(); j = w.moveIndex32(j, 1)) {
      const UChar32 c = w.char32At(j);
      if (u_isupper(c)) {
        ++letters;
      } else if (c != '.' && c != '\'' && c != '-') {
        return false;
      }
    }
    if (letters == 0) return false;
    if (words == 0 && w.length() >= 2 && IsRomanNumeral(w)) return false;  // a list's item ("II MMI"); "M YUSUF" is a name
    ++words;
  }
  return (words >= 2 || (words == 1 && source.find("tempo.co") != std::string_view::npos)) && words <= 8;
}

// ANTARA's pages open with a summary, mostly a quotation from further down, that scrapes glue
// before the dateline: "\"Seluruh personel telah ditempatkan di titik-titik strategis
// pengamanan,\" Pangkalpinang (ANTARA) - Kepolisian Daerah ...". When the lead `u` has such a
// dateline within its first kTeaserSearch characters and the text before it starts with at least
// kTeaserKey characters that the article repeats after the dateline (`u` itself or `later`, the
// kept lines after it), returns where the dateline's place begins (the teaser is u[0, that)),
// else -1. The place is the run of one to four capitalised words before "(ANTARA)" that the
// repeat does not cover ("... digitalisasi Penajam Paser Utara (ANTARA)": the repeat ends with
// "digitalisasi"); a teaser the repeat does not reach the place with is left alone.
constexpr int32_t kTeaserSearch = 1200;
constexpr int32_t kTeaserKey = 40;

int32_t TeaserEnd(const icu::UnicodeString& u, const std::vector<const icu::UnicodeString*>& later) {
  static const icu::UnicodeString kAgency(u"(ANTARA)");
  const int32_t paren = u.indexOf(kAgency, 0, std::min(u.length(), kTeaserSearch));
  if (paren <= 0) return -1;
  int32_t dash = paren + kAgency.length();
  while (dash < u.length() && u.charAt(dash) == ' ') ++dash;
  if (dash >= u.length() || u.charAt(dash) != '-') return -1;
  int32_t begin = 0;  // the teaser's text, opening quotation marks and spaces skipped
  while (begin < paren && (u.charAt(begin) == '"' || u.charAt(begin) == '\'' || u.charAt(begin) == ' ')) ++begin;
  int32_t end = paren;
  while (end > begin && u.charAt(end - 1) == ' ') --end;
  if (end - begin < kTeaserKey + 8) return -1;
  // Compared case-folded, one code unit for one ("Peran insinyur ..." repeated as "peran ...").
  auto folded = [](const icu::UnicodeString& s) {
    icu::UnicodeString f(s);
    for (int32_t i = 0; i < f.length(); ++i) {
      const UChar c = f.charAt(i);
      const UChar32 l = U16_IS_SURROGATE(c) ? c : u_foldCase(c, U_FOLD_CASE_DEFAULT);
      if (l <= 0xFFFF) f.setCharAt(i, static_cast<UChar>(l));
    }
    return f;
  };
  const icu::UnicodeString fu = folded(u);
  const icu::UnicodeString key(fu, begin, kTeaserKey);
  // The longest stretch of the teaser that a repeat after the dateline has in common with it.
  int32_t common = -1;
  auto match_in = [&](const icu::UnicodeString& text, int32_t from) {
    for (int32_t q = text.indexOf(key, from); q >= 0; q = text.indexOf(key, q + 1)) {
      int32_t len = 0;
      while (begin + len < end && q + len < text.length() && text.charAt(q + len) == fu.charAt(begin + len)) ++len;
      common = std::max(common, begin + len);
    }
  };
  match_in(fu, dash);
  for (const auto* l : later) match_in(folded(*l), 0);
  if (common < 0) return -1;
  // The place: capitalised words from the end of the teaser back, none of them inside the repeat.
  int32_t place = end;
  int words = 0;
  for (int32_t i = end; i > begin && words < 4;) {
    int32_t s = i;
    while (s > begin && u.charAt(s - 1) != ' ') --s;
    if (s < common || !IsUpperC(u.char32At(s))) break;
    for (int32_t j = s; j < i; j = u.moveIndex32(j, 1)) {
      const UChar32 c = u.char32At(j);
      if (!u_isalpha(c) && c != '.' && c != '/' && c != '-') return -1;
    }
    place = s;
    ++words;
    i = s;
    while (i > begin && u.charAt(i - 1) == ' ') --i;
  }
  if (words == 0) return -1;
  // Between the repeat and the place only separators may remain ("pengamanan,\" Pangkalpinang").
  for (int32_t j = common; j < place; ++j) {
    const UChar c = u.charAt(j);
    if (c != ' ' && c != ',' && c != '"' && c != '\'' && c != '.') return -1;
  }
  return place;
}

struct Word {
  int32_t start, end;  // [start, end) in the line
};

std::vector<Word> Words(const icu::UnicodeString& u, int32_t from, int32_t to) {
  std::vector<Word> out;
  int32_t i = from;
  while (i < to) {
    while (i < to && u.charAt(i) == ' ') ++i;
    if (i >= to) break;
    int32_t s = i;
    while (i < to && u.charAt(i) != ' ') ++i;
    out.push_back({s, i});
  }
  return out;
}

bool WordCap(const icu::UnicodeString& u, const Word& w) {
  for (int32_t j = w.start; j < w.end; j = u.moveIndex32(j, 1)) {
    UChar32 c = u.char32At(j);
    if (u_isalnum(c)) return IsUpperC(c) || u_isdigit(c);
  }
  return false;
}

bool WordLowerContent(const icu::UnicodeString& u, const Word& w) {
  for (int32_t j = w.start; j < w.end; j = u.moveIndex32(j, 1)) {
    UChar32 c = u.char32At(j);
    if (u_isalnum(c)) {
      return u_islower(c) && !IsFunctionWord(u.tempSubStringBetween(w.start, w.end));
    }
  }
  return false;
}

// Where the first capitalised sentence opener ("Hal", "Dia", "Adapun") from the third of `words`
// on starts, or -1. One right after a colon or inside quotation marks belongs to the headline
// ("Wapres Ma'ruf: Tak ada ...", "Tema HUT ke-130: “Satu Bank Untuk Semua”").
int32_t SentenceOpenerAt(const icu::UnicodeString& u, const std::vector<Word>& words) {
  bool quoted = false;
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    const bool was_quoted = quoted;
    for (int32_t j = w.start; j < w.end; ++j) {
      const UChar c = u.charAt(j);
      if (c == 0x201C) quoted = true;
      if (c == 0x201D) quoted = false;
      if (c == '"') quoted = !quoted;
    }
    if (k < 2 || was_quoted || (u.charAt(w.start) == '"' || u.charAt(w.start) == 0x201C)) continue;
    const UChar last = u.charAt(words[k - 1].end - 1);
    // Past a sentence's end ("... Waspada. Dia"), the other rules decide.
    if ((last == '.' || last == '!' || last == '?') && words[k - 1].end - words[k - 1].start > 3) return -1;
    if (!WordCap(u, w) || u_isdigit(u.charAt(w.start)) || !IsSentenceOpener(u.tempSubStringBetween(w.start, w.end))) {
      continue;
    }
    if (u.charAt(words[k - 1].end - 1) == ':') continue;
    return w.start;
  }
  return -1;
}

// The compiled-in root dictionary and a stemmer on it, for telling ordinary words from names.
// Compiled in rather than read from the data folder so that cleaning does not depend on where the
// program runs; Cleaner::version() covers the image's version. Thread-safe (read-only).
const std::shared_ptr<const RootDictionary>& BuiltInRoots() {
  static const std::shared_ptr<const RootDictionary> dict = RootDictionary::FromImage(BuiltInRootImage());
  return dict;
}
const IndonesianStemmer& BuiltInStemmer() {  // only StemUncached, which is const, is used
  static const IndonesianStemmer stemmer(BuiltInRoots());
  return stemmer;
}

// Whether `w` (a word as written, any case) is an ordinary Indonesian word: a root of the
// compiled-in dictionary, a word the stemmer reads down to one ("Pendataan", "Melihat",
// "Ketujuh"), a function word or a sentence opener; not a name, an acronym ("IKN", "AS"), a
// number, or a word with letters outside ASCII or an apostrophe ("Ma'ruf"), all taken as names.
bool IsOrdinaryWord(const icu::UnicodeString& w) {
  int32_t letters = 0, upper = 0;
  for (int32_t j = 0; j < w.length(); ++j) {
    const UChar c = w.charAt(j);
    if (c > 0x7F || !u_isalpha(c)) return false;
    ++letters;
    if (IsUpperC(c)) ++upper;
  }
  if (letters < 2 || upper == letters) return false;
  std::string lower;  // ASCII letters only, checked above
  for (int32_t j = 0; j < w.length(); ++j) lower.push_back(static_cast<char>(u_tolower(w.charAt(j))));
  if (IsSentenceOpener(w) || IsFunctionWord(w) || BuiltInRoots()->Contains(lower)) return true;
  const std::string root = BuiltInStemmer().StemUncached(lower);
  return root != lower && BuiltInRoots()->Contains(root);
}

// Whether `w` (lower case) is a verb with the prefix meN-, ber- or di- ("mengatakan", "berharap",
// "ditemui"): after a name it makes the name the subject of the article's sentence ("Menteri
// Agama Nasaruddin Umar mengajak"), where ANTARA's headlines mostly use the bare verb
// ("Menkopolkam ajak").
bool IsAffixedVerb(const icu::UnicodeString& w) {
  if (w.length() < 5) return false;
  const bool me = w.charAt(0) == 'm' && w.charAt(1) == 'e';
  const bool ber = w.charAt(0) == 'b' && w.charAt(1) == 'e' && w.charAt(2) == 'r';
  const bool di = w.charAt(0) == 'd' && w.charAt(1) == 'i';
  if (!me && !ber && !di) return false;
  std::string word;
  w.toUTF8String(word);
  return BuiltInStemmer().StemUncached(word) != word;
}

// The most words a sentence-case cross-reference headline is taken to have.
constexpr size_t kMaxSentenceCaseHeadlineWords = 16;

// On a sentence-case site, the headline's end when it ends in a name: the capitalised word at
// `k` follows a lower-case word but is a name or acronym ("... selama libur Nataru Jadwal dan
// daftar ...", "... dolar AS per barel Melihat sentimen ...", "... gantikan Agus Noorsanto
// Susunan direksi ..."). The index of the first ordinary capitalised word after it that a
// lower-case word or a comma follows, or of a title that a name follows ("Kepala Suku Dinas"),
// within a headline's length (counted from the marker), before `sentence_end` and
// before an affixed verb or a word that follows a subject (which make the name the sentence's
// subject: "Zulkifli Hasan bersama"); words.size() when there is
// none, or when the word at `k` is an ordinary word itself.
size_t SentenceStartAfterName(const icu::UnicodeString& u, const std::vector<Word>& words, size_t k,
                              int32_t sentence_end) {
  auto bare = [&](size_t i) {  // the word without the punctuation around it
    int32_t a = words[i].start, b = words[i].end;
    while (a < b && !u_isalnum(u.char32At(a))) a = u.moveIndex32(a, 1);
    while (b > a && !u_isalnum(u.char32At(u.moveIndex32(b, -1)))) b = u.moveIndex32(b, -1);
    return icu::UnicodeString(u, a, b - a);
  };
  // IsOrdinaryWord of each word, asked once (it may run the stemmer): -1 not yet asked.
  std::vector<int8_t> ordinary_seen(words.size(), -1);
  auto ordinary = [&](size_t i) {
    if (ordinary_seen[i] < 0) ordinary_seen[i] = IsOrdinaryWord(bare(i)) ? 1 : 0;
    return ordinary_seen[i] == 1;
  };
  // An ordinary word that a name follows is a name's first part ("Agus Noorsanto", "Kota Madiun").
  const bool name_next = k + 1 < words.size() && IsUpperC(u.char32At(words[k + 1].start)) &&
                         !ordinary(k + 1);
  if (ordinary(k) && !name_next) return words.size();
  // Directions and administrative words end a place's name ("Gubernur Jawa Barat, Dedi Mulyadi",
  // "Jakarta Pusat") and months a date ("22 Desember"): no sentence starts there.
  static const auto kNameParts = MakeList(
      {u"barat", u"timur", u"utara", u"selatan", u"tengah", u"tenggara", u"daya", u"raya", u"laut",
       u"darat", u"pusat", u"kota", u"kabupaten", u"provinsi", u"baru", u"hilir", u"hulu", u"januari",
       u"februari", u"maret", u"april", u"mei", u"juni", u"juli", u"agustus", u"september", u"oktober",
       u"november", u"desember"});
  // Words that follow a sentence's subject ("Erick Thohir saat ditemui", "PM Ishiba dalam
  // pertemuan", "Whisnu Hermawan di Medan, Senin"): past them the words are the article's, so the
  // scan stops and the headline ends before the name, as it did without this rule.
  static const auto kAfterSubject = MakeList(
      {u"di", u"saat", u"dalam", u"bersama", u"juga", u"pun", u"pada", u"ketika", u"usai", u"selaku",
       u"sebagai", u"yang", u"kepada", u"senin", u"selasa", u"rabu", u"kamis", u"jumat", u"sabtu",
       u"minggu"});
  // Titles and roles that stand before a person's name at a sentence's start.
  static const auto kTitles = MakeList(
      {u"presiden", u"wakil", u"menteri", u"menko", u"wamen", u"gubernur", u"bupati", u"wali", u"walikota",
       u"ketua", u"kepala", u"direktur", u"dirut", u"sekretaris", u"juru", u"kapolri", u"kapolda",
       u"kapolres", u"kapolsek", u"kajati", u"kajari", u"jaksa", u"hakim", u"uskup", u"kardinal", u"pastor",
       u"pendeta", u"ustadz", u"kiai", u"anggota", u"pengamat", u"rektor", u"dekan", u"komandan",
       u"panglima", u"camat", u"lurah", u"penjabat", u"pelatih", u"kapten", u"manajer"});
  for (size_t j = k + 1; j < words.size() && j < kMaxSentenceCaseHeadlineWords; ++j) {
    if (sentence_end >= 0 && words[j].start >= sentence_end) break;
    const UChar first = u.charAt(words[j].start);
    if (first == '"' || first == 0x201C || first == '(') break;
    if (u.charAt(words[j - 1].end - 1) == ':') break;
    if (InList(bare(j), kAfterSubject)) break;
    if (u_islower(first)) {
      if (IsAffixedVerb(bare(j))) break;
      continue;
    }
    if (!IsUpperC(first) || !ordinary(j) || InList(bare(j), kNameParts)) continue;
    // After another capitalised ordinary word it is a name's second part ("Jasa Marga", "Jawa Barat").
    if (IsUpperC(u.char32At(words[j - 1].start)) && ordinary(j - 1)) continue;
    const bool comma = u.charAt(words[j].end - 1) == ',';
    const bool lower_next = j + 1 < words.size() && u_islower(u.charAt(words[j + 1].start));
    const bool cap_next = j + 1 < words.size() && IsUpperC(u.char32At(words[j + 1].start));
    // A dictionary word after a name, before what follows a subject, is a surname ("Nusron Wahid
    // saat", "Zulkifli Hasan bersama"): the sentence started before the name.
    const bool after_name = IsUpperC(u.char32At(words[j - 1].start)) && !ordinary(j - 1);
    if (after_name && j + 1 < words.size() &&
        (InList(bare(j + 1), kAfterSubject) || (lower_next && IsAffixedVerb(bare(j + 1))))) {
      break;
    }
    if (comma || lower_next) return j;
    // A title before a name starts the sentence ("... dini hari Kepala Suku Dinas ... mengatakan").
    if (cap_next && InList(bare(j), kTitles)) return j;
  }
  return words.size();
}

// How a site writes its headlines, when the cleaner knows: ANTARA writes them in sentence case
// ("Misa Pontifikal Natal Katedral Jakarta dihadiri lebih 3.000 orang"), so five capitalised
// words at the start are a name, not a Title Case headline.
enum class HeadlineCase { kUnknown, kSentence };

// Where the headline after a cross-reference marker ends (the marker ends at `p`). `limit` is
// where the next marker starts (or the line end). See the README for the shapes handled.
int32_t XrefHeadlineEnd(const icu::UnicodeString& u, int32_t p, int32_t limit, HeadlineCase headline_case) {
  const int32_t n = limit;
  while (p < n && u.charAt(p) == ' ') ++p;
  if (p >= n) return n;
  if (u.charAt(p) == ',') return p;  // "Baca juga:,,Next paragraph": no headline left
  int32_t hard = n;
  bool hard_found = false;
  static const std::array<const char16_t*, 5> kStops = {u"Pewarta:", u"Pewarta :", u"Editor:",
                                                         u"Copyright", u"Penulis:"};
  for (int32_t i = p; i < n; ++i) {
    UChar c = u.charAt(i);
    if (c == ',' && (i + 1 >= n || u.charAt(i + 1) != ' ') &&
        !(i > p && u_isdigit(u.charAt(i - 1)) && i + 1 < n && u_isdigit(u.charAt(i + 1)))) {
      // Comma-joined paragraphs (not a decimal comma: "2,1 juta").
      hard = i;
      hard_found = true;
      break;
    }
    if (c == ' ' && i + 1 < n && u.charAt(i + 1) == ' ') {  // paragraphs joined by two spaces
      hard = i;
      hard_found = true;
      break;
    }
    if (i + 2 < n && (u_islower(c) || u_isdigit(c) || c == '?' || c == '!' || c == ')' || c == '"' ||
                      c == '\'' || c == '.') &&
        IsUpperC(u.charAt(i + 1)) && u_islower(u.charAt(i + 2))) {
      // Glued next sentence: "...FukushimaSelain itu". Camel-case names ("TikTok", "McDonald")
      // are told apart by what follows the glued word: a lower-case word or a comma.
      int32_t k = i + 1;
      while (k < n && u_isalpha(u.charAt(k))) ++k;
      bool next_lower = (k < n && u.charAt(k) == ',') ||
                        (k + 1 < n && u.charAt(k) == ' ' && u_islower(u.charAt(k + 1)));
      // A closing mark glued to the previous word ("Bicarakan?Selain"), not an opening quote.
      bool punct = !u_isalnum(c) && i > p && u_isalnum(u.charAt(i - 1));
      if (next_lower || punct) {
        // An opening quote after a space starts the next sentence with it ("... Natal "Capaian
        // ini ..."): the headline ends before the quote, not after it.
        const bool opening_quote = (c == '"' || c == '\'') && i > p && u.charAt(i - 1) == ' ';
        hard = opening_quote ? i : i + 1;
        hard_found = true;
        break;
      }
    }
    if (i > p && u.charAt(i - 1) == ' ') {
      for (auto* stop : kStops) {
        if (u.compare(i, static_cast<int32_t>(std::char_traits<char16_t>::length(stop)),
                      icu::UnicodeString(stop)) == 0) {
          hard = i;
          hard_found = true;
          break;
        }
      }
      if (hard_found) break;
      if (c == '"' && i - p > 10) {
        // An opening quote that starts a long quotation is the next sentence.
        int32_t close = u.indexOf(static_cast<UChar>('"'), i + 1);
        if (close < 0 || close > n) close = n;
        if (Words(u, i + 1, close).size() > 5) {
          hard = i;
          hard_found = true;
          break;
        }
      }
    }
  }
  auto words = Words(u, p, hard);
  if (words.empty()) return hard;
  bool sentence_break = false;
  for (size_t k = 1; k < words.size(); ++k) {
    UChar last = u.charAt(words[k - 1].end - 1);
    if ((last == '.' || last == '!' || last == '?') && WordCap(u, words[k]) &&
        words[k - 1].end - words[k - 1].start > 3) {
      sentence_break = true;
    }
  }
  // A list number ("1. Konsultan konten") after the headline starts the next paragraph.
  auto list_number = [&](size_t k) {
    const auto& w = words[k];
    if (w.end - w.start < 2 || u.charAt(w.end - 1) != '.') return false;
    for (int32_t j = w.start; j + 1 < w.end; ++j) {
      if (!u_isdigit(u.charAt(j))) return false;
    }
    return k + 1 < words.size() && WordCap(u, words[k + 1]);
  };
  // Title Case headline ("Rahasia Miniso Buka Ratusan Gerai ... Indonesia Dia menyebutkan"): no
  // lower-case content word among its first words. It ends before the capitalised word whose
  // next content word is lower-case ("... Tekfin Kondisi ini akan berbeda ...").
  bool title_case = words.size() >= 2;
  for (size_t k = 0; k < words.size() && k < 5; ++k) {
    if (WordLowerContent(u, words[k])) title_case = false;
  }
  // A Title Case headline has its openers capitalised ("Polisi Tangkap Pelaku Saat Beraksi"); on
  // a site that writes sentence case, five capitalised words first are a name and an opener.
  // (Only looked for where it is used: off ANTARA, a Title Case headline ends by its own rules.)
  const int32_t opens = title_case && headline_case != HeadlineCase::kSentence ? -1 : SentenceOpenerAt(u, words);
  if (title_case && headline_case == HeadlineCase::kSentence && opens >= 0) return opens;
  // On a sentence-case site capitalised words first are a name ("Perayaan Misa Malam Natal di Kota
  // Kupang berjalan khidmat"), where the Title Case rules would end the headline: a headline's
  // length up to the next marker, paragraph or byline, without a sentence's end, is taken whole.
  const bool bounded = hard_found || limit < u.length();  // by a paragraph, byline or next marker
  if (title_case && headline_case == HeadlineCase::kSentence && bounded && !sentence_break &&
      words.size() <= kMaxSentenceCaseHeadlineWords) {
    return hard;
  }
  if (title_case) {
    for (size_t k = 1; k < words.size(); ++k) {
      if (list_number(k)) return words[k].start;
      if (!WordCap(u, words[k])) continue;
      size_t j = k + 1;
      while (j < words.size() && IsFunctionWord(u.tempSubStringBetween(words[j].start, words[j].end))) ++j;
      if (j < words.size() && j > k && WordLowerContent(u, words[j])) return words[k].start;
    }
    if (hard_found || words.size() <= 22) return hard;
  } else if (opens >= 0) {
    // A sentence opener after the headline's first words starts the article's next sentence
    // ("... jadi Waspada Hal tersebut disampaikan ..."), even in a headline short enough to take
    // whole, and before a name inside the headline ("Gunung Talang") looks like its end.
    return opens;
  } else if ((hard_found && words.size() <= 30) || (!hard_found && !sentence_break && words.size() <= 22)) {
    // Short enough to be a headline on its own: take it all.
    for (size_t k = 1; k < words.size(); ++k) {
      if (list_number(k)) return words[k].start;
    }
    return hard;
  }
  int32_t sentence_end = -1;  // "... Headline. Next sentence"
  size_t sentence_words = 0;
  for (size_t k = 1; k < words.size(); ++k) {
    UChar last = u.charAt(words[k - 1].end - 1);
    if ((last == '.' || last == '!' || last == '?') && WordCap(u, words[k]) &&
        words[k - 1].end - words[k - 1].start > 3) {
      sentence_end = words[k].start;
      sentence_words = k;
      break;
    }
  }
  if (title_case) return sentence_end >= 0 ? sentence_end : hard;
  // Sentence-case headline (ANTARA: "Malam Natal, Menkopolkam ajak umat ... bencana Sebelumnya,
  // Menteri ..."): it ends before a sentence opener, or before a capitalised word that follows a
  // lower-case content word ("... jangka panjang Otorita IKN ..."), whichever comes first. That
  // capitalised word still belongs to the headline when up to two more of them lead straight to a
  // sentence opener: the headline ended in a name ("... dalam beribadah Natal Dalam memastikan").
  auto opener = [&](size_t k) {
    return WordCap(u, words[k]) && IsSentenceOpener(u.tempSubStringBetween(words[k].start, words[k].end));
  };
  auto plain_cap = [&](size_t k) {  // a capitalised word with nothing but letters
    if (!WordCap(u, words[k]) || u_isdigit(u.charAt(words[k].start))) return false;
    for (int32_t j = words[k].start; j < words[k].end; j = u.moveIndex32(j, 1)) {
      if (!u_isalpha(u.char32At(j))) return false;
    }
    return true;
  };
  for (size_t k = 2; k < words.size(); ++k) {
    if (sentence_end >= 0 && words[k].start >= sentence_end) break;
    if (list_number(k)) return words[k].start;
    if (!WordCap(u, words[k]) || u_isdigit(u.charAt(words[k].start))) continue;
    if (opener(k)) return words[k].start;
    if (k >= 4 && WordLowerContent(u, words[k - 1])) {
      for (size_t j = k; j < words.size() && j < k + 3 && plain_cap(j) && !opener(j); ++j) {
        if (j + 1 < words.size() && opener(j + 1) &&
            (sentence_end < 0 || words[j + 1].start < sentence_end)) {
          return words[j + 1].start;
        }
      }
      if (headline_case == HeadlineCase::kSentence) {
        const size_t later = SentenceStartAfterName(u, words, k, sentence_end);
        if (later < words.size()) return words[later].start;
      }
      return words[k].start;
    }
  }
  if (sentence_end >= 0 && sentence_words <= 20) return sentence_end;
  // Unsure where the headline ends: cut only the marker rather than article text.
  return p;
}

bool IsSep(UChar c) { return c == ' ' || c == ','; }

// Removes [a, b) from `u`, tidying the seam: comma runs collapse to one comma, and a space is put
// back when two words would otherwise be glued.
void Splice(icu::UnicodeString& u, int32_t a, int32_t b) {
  // Extend over the comma run / spaces after the cut when the text before already separates.
  while (a > 0 && u.charAt(a - 1) == ' ') --a;
  int32_t bb = b;
  while (bb < u.length() && IsSep(u.charAt(bb))) ++bb;
  bool before_comma = a > 0 && u.charAt(a - 1) == ',';
  bool after_had_comma = false;
  for (int32_t k = b; k < bb; ++k) after_had_comma = after_had_comma || u.charAt(k) == ',';
  // A sentence's end before the cut (a closing quote after it too) takes no comma: "oleh AFP.
  // (Baca juga: ...),Kedua korban" is "oleh AFP. Kedua korban", which phrases do not cross.
  auto sentence_end = [](UChar c) { return c == '.' || c == '!' || c == '?'; };
  const bool after_sentence = a > 0 && (sentence_end(u.charAt(a - 1)) ||
                                        ((u.charAt(a - 1) == '"' || u.charAt(a - 1) == '\'') && a > 1 && sentence_end(u.charAt(a - 2))));
  icu::UnicodeString glue;
  if (a == 0 || bb >= u.length()) {
    glue = "";
  } else if (before_comma) {
    glue = "";
  } else if (after_had_comma && after_sentence) {
    glue = " ";
  } else if (after_had_comma) {
    glue = ",";
  } else {
    glue = " ";
  }
  u.replace(a, bb - a, glue);
}

}  // namespace

// ------------------------------------------------------------------------------------------------

CleanResult Cleaner::Clean(std::string_view text, int first_line, const CleanContext& ctx) const {
  CleanResult result;
  const Impl& im = *impl_;
  auto lines = SplitLines(text);
  const size_t n = lines.size();
  result.lines.resize(n);

  enum class Cls { kBlank, kDrop, kContent };
  struct Info {
    Cls cls = Cls::kContent;
    int rule = -1;          // index of the line rule that matched
    std::string rule_name;  // decision rule name
    icu::UnicodeString u;   // trimmed line; after cuts, the kept text
    bool cut = false;
    bool block_head = false;
    bool keep_rule = false;
    bool title = false;
  };
  std::vector<Info> info(n);

  const HeadlineCase headline_case =
      ctx.source.find("antaranews") != std::string_view::npos || text.find("(ANTARA)") != std::string_view::npos
          ? HeadlineCase::kSentence
          : HeadlineCase::kUnknown;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> cut_any(im.cut_union ? im.cut_union->matcher(status) : nullptr);
  std::unique_ptr<icu::RegexMatcher> xref_any(im.xref_union ? im.xref_union->matcher(status) : nullptr);
  // A pattern that backtracks without end ("(a+)+b", a user's rule) would hang the run on one
  // line: each match gives up after kRegexTimeLimit, the rule is not applied there, and the
  // result says so once per rule and article.
  auto limited = [](icu::RegexMatcher* m) {
    UErrorCode st = U_ZERO_ERROR;
    if (m != nullptr) m->setTimeLimit(kRegexTimeLimit, st);
    return m;
  };
  limited(cut_any.get());
  limited(xref_any.get());
  auto note_time_out = [&](size_t ri, UErrorCode st, size_t line_index) {
    if (st != U_REGEX_TIME_OUT || im.gave_up[ri].exchange(true)) return;
    result.warnings.push_back("rule " + im.rules[ri].name + " (" + im.rules[ri].origin + ") gave up on line " +
                              std::to_string(line_index + 1) + " of the article: its pattern backtracks too long (a nested "
                              "repeat such as (a+)+); not applied there nor for the rest of the run");
  };
  auto given_up = [&](size_t ri) { return im.gave_up[ri].load(std::memory_order_relaxed); };
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers(im.rules.size());
  auto matcher = [&](size_t ri) -> icu::RegexMatcher& {
    if (!matchers[ri]) {
      UErrorCode st = U_ZERO_ERROR;
      matchers[ri].reset(limited(im.rules[ri].pattern->matcher(st)));
    }
    return *matchers[ri];
  };
  auto full_match = [&](size_t ri, const icu::UnicodeString& u, size_t line_index) {
    auto& m = matcher(ri);
    m.reset(u);
    UErrorCode st = U_ZERO_ERROR;
    const bool matched = static_cast<bool>(m.matches(st)) && U_SUCCESS(st);
    note_time_out(ri, st, line_index);
    return matched;
  };

  // Pass 1: line rules.
  std::vector<std::string> lower(n);  // ASCII-lower-cased trimmed lines, for `need` filters
  for (size_t i = 0; i < n; ++i) {
    auto& d = result.lines[i];
    d.line = first_line + static_cast<int>(i);
    d.text = std::string(lines[i]);
    auto t = Trim(lines[i]);
    auto& in = info[i];
    if (t.empty()) {
      in.cls = Cls::kBlank;
      continue;
    }
    in.u = icu::UnicodeString::fromUTF8(icu::StringPiece(t.data(), static_cast<int32_t>(t.size())));
    if (t.size() > im.max_line_len) continue;
    // Line rules look for their `need` strings near the start of the line, where a whole-line
    // boilerplate pattern has its keyword.
    lower[i] = AsciiLower(t.substr(0, std::min<size_t>(t.size(), kNeedWindow)));
    for (size_t ri : im.line_rules) {
      const auto& r = im.rules[ri];
      if (t.size() > r.max_len || !NeedMet(r, lower[i]) || given_up(ri) || !full_match(ri, in.u, i)) continue;
      in.rule = static_cast<int>(ri);
      in.rule_name = r.name;
      if (r.kind == Kind::kKeep) {
        in.keep_rule = true;
      } else {
        in.cls = Cls::kDrop;
        in.block_head = r.kind == Kind::kBlock;
      }
      break;
    }
  }

  // Pass 2: spans ("Kompas.com - 30/08/2022, 22:44 WIB" ... "Tim Redaksi").
  for (size_t i = 0; i < n; ++i) {
    if (info[i].rule < 0 || im.rules[static_cast<size_t>(info[i].rule)].kind != Kind::kSpan) continue;
    const auto& r = im.rules[static_cast<size_t>(info[i].rule)];
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> em(limited(r.end->matcher(st)));
    size_t seen = 0;
    for (size_t j = i + 1; j < n && seen < static_cast<size_t>(r.max_lines); ++j) {
      if (info[j].cls == Cls::kBlank) continue;
      ++seen;
      em->reset(info[j].u);
      st = U_ZERO_ERROR;
      const bool end_found = em->matches(st);
      note_time_out(static_cast<size_t>(info[i].rule), st, j);
      if (end_found) {
        for (size_t k = i + 1; k <= j; ++k) {
          if (info[k].cls == Cls::kBlank) continue;
          info[k].cls = Cls::kDrop;
          info[k].rule_name = r.name;
          info[k].keep_rule = false;
        }
        i = j;
        break;
      }
    }
  }

  // Pass 3: furniture and inline cuts on the remaining lines.
  std::vector<char> cut_ok(im.rules.size(), 0);
  for (size_t i = 0; i < n; ++i) {
    auto& in = info[i];
    if (in.cls != Cls::kContent) continue;
    if (ctx.furniture && !in.keep_rule && ctx.furniture->IsFurniture(ctx.source, Trim(lines[i]))) {
      in.cls = Cls::kDrop;
      in.rule_name = "furniture";
      continue;
    }
    // Which cut rules may apply: those whose `need` words occur in the line, and (after a quick
    // union test) those without `need`.
    lower[i] = AsciiLower(Trim(lines[i]));
    // Which `need`-filtered cut rules may apply (each tested once).
    bool any_needed = false;
    for (size_t ri : im.cut_rules) {
      const bool met = !im.rules[ri].need.empty() && NeedMet(im.rules[ri], lower[i]);
      cut_ok[ri] = met;
      any_needed = any_needed || met;
    }
    bool others = false;
    if (!im.all_cuts_need) {
      if (cut_any) {
        cut_any->reset(in.u);
        UErrorCode st0 = U_ZERO_ERROR;
        // A union that gave up (one of its rules backtracks without end): try each rule, so
        // that the one at fault says so and the others still apply.
        others = im.cut_union_gave_up.load(std::memory_order_relaxed) || cut_any->find(st0);
        if (st0 == U_REGEX_TIME_OUT) others = true, im.cut_union_gave_up.store(true);
      } else {
        others = true;
      }
    }
    if (!any_needed && !others) continue;
    UErrorCode st = U_ZERO_ERROR;
    std::string names;
    for (size_t ri : im.cut_rules) {
      const auto& r = im.rules[ri];
      if ((r.need.empty() ? !others : !cut_ok[ri]) || given_up(ri)) continue;
      auto& m = matcher(ri);
      int32_t from = 0;
      while (true) {
        m.reset(in.u);
        st = U_ZERO_ERROR;
        if (!m.find(from, st) || U_FAILURE(st)) {
          note_time_out(ri, st, i);
          break;
        }
        int32_t a = m.start(st), b = m.end(st);
        if (r.kind == Kind::kXref) {
          int32_t limit = in.u.length();
          if (xref_any && !im.xref_union_gave_up.load(std::memory_order_relaxed)) {
            xref_any->reset(in.u);
            UErrorCode st2 = U_ZERO_ERROR;
            if (xref_any->find(b, st2)) limit = xref_any->start(st2);
            if (st2 == U_REGEX_TIME_OUT) im.xref_union_gave_up.store(true);
          }
          b = XrefHeadlineEnd(in.u, b, limit, headline_case);
        }
        if (b <= a) {
          from = a + 1;
          if (from >= in.u.length()) break;
          continue;
        }
        Splice(in.u, a, b);
        if (names.find(r.name) == std::string::npos) {
          if (!names.empty()) names += ",";
          names += r.name;
        }
        from = std::min(a, in.u.length());
        if (from >= in.u.length()) break;
      }
    }
    if (names.empty()) continue;
    in.cut = true;
    in.rule_name = names;
    in.u.trim();
    // Leading/trailing separators left over by a cut at the edge.
    while (in.u.length() > 0 && (in.u.charAt(0) == ',' || in.u.charAt(0) == ' ')) in.u.remove(0, 1);
    if (!HasAlnum(in.u)) {
      in.cls = Cls::kDrop;
      in.rule_name = names.substr(0, names.find(','));
    }
  }

  // Comparison keys, computed on first use.
  std::vector<icu::UnicodeString> keys(n);
  std::vector<bool> have_key(n, false);
  auto key_of = [&](size_t i) -> const icu::UnicodeString& {
    if (!have_key[i]) {
      keys[i] = Key(info[i].u);
      have_key[i] = true;
    }
    return keys[i];
  };

  // Precomputed shapes of content lines.
  std::vector<Shape> shape(n);
  for (size_t i = 0; i < n; ++i) {
    // Long lines are paragraphs: every shape test rejects them on length alone.
    if (info[i].cls == Cls::kContent && info[i].u.length() <= 220) shape[i] = ShapeOf(info[i].u);
  }
  auto next_content = [&](size_t j) -> size_t {
    for (size_t k = j + 1; k < n; ++k) {
      if (info[k].cls == Cls::kContent) return k;
    }
    return n;
  };
  // A headline-like line followed by a paragraph is a section heading of the article.
  auto heads_paragraph = [&](size_t j) {
    size_t k = next_content(j);
    return k < n && !info[k].title && !LooseHeadline(info[k].u, shape[k]);
  };

  // Pass 4: the title. With a known title, repeats of it go; without one, the first content line
  // is the title when it looks like a headline (and not like a dateline lead, nor a dateline
  // alone: "JAKARTA, KOMPAS.com -").
  icu::UnicodeString title_key;
  if (!ctx.title.empty()) {
    auto t = Trim(ctx.title);
    title_key = Key(icu::UnicodeString::fromUTF8(icu::StringPiece(t.data(), static_cast<int32_t>(t.size()))));
  } else {
    size_t k = next_content(static_cast<size_t>(-1));
    if (k < n && !info[k].cut && LooseHeadline(info[k].u, shape[k]) && shape[k].words >= 3 &&
        info[k].u.indexOf(icu::UnicodeString(u" - ")) < 0 && !IsBareDateline(ToUtf8(info[k].u))) {
      info[k].title = true;
      info[k].rule_name = "title";
      title_key = key_of(k);
    }
  }
  if (!title_key.isEmpty()) {
    for (size_t i = 0; i < n; ++i) {
      if (info[i].cls == Cls::kContent && !info[i].title && info[i].u.length() == title_key.length() &&
          key_of(i) == title_key) {
        info[i].cls = Cls::kDrop;
        info[i].rule_name = "title-repeat";
      }
    }
  }

  // Pass 5: related-article blocks under a heading ("Terkini Lainnya", "BERITA REKOMENDASI"):
  // the headline-like lines after the heading, up to the first real paragraph. A headline-like
  // line that introduces a paragraph is a section heading of the article and ends the block.
  // After two headlines, one more of five words or more that heads a paragraph is the block's
  // last item, not a section heading (those are short: "Kronologi", "Respons Polisi"); a "- "
  // bullet, which the lead-residue cut took for a dateline's remains, is an item too.
  for (size_t i = 0; i < n; ++i) {
    if (!info[i].block_head) continue;
    const std::string& name = info[i].rule_name;
    size_t items = 0;
    for (size_t j = i + 1; j < n; ++j) {
      auto& in = info[j];
      if (in.cls == Cls::kBlank) continue;
      if (in.cls == Cls::kDrop) continue;  // other boilerplate inside the block
      const bool bullet = in.cut && in.rule_name == "lead-residue" && Trim(lines[j]).starts_with("- ");
      if (in.keep_rule || in.title || (in.cut && !bullet)) break;
      if (!LooseHeadline(in.u, shape[j])) break;
      if (heads_paragraph(j) && (items < 2 || shape[j].words < 5)) break;
      in.cls = Cls::kDrop;
      in.rule_name = name;
      ++items;
    }
  }

  // Pass 6: related-article runs without a heading: three or more Title Case headline lines
  // (section labels in between) with at least one printed twice in a row, as related-article
  // widgets do; lists inside the article (no repeats) stay.
  for (size_t i = 0; i < n;) {
    if (info[i].cls != Cls::kContent || info[i].title || info[i].keep_rule ||
        !StrictHeadline(info[i].u, shape[i])) {
      ++i;
      continue;
    }
    std::vector<size_t> members;
    int heads = 0;
    bool dup = false;
    icu::UnicodeString prev_key;
    size_t j = i;
    for (; j < n; ++j) {
      auto& in = info[j];
      if (in.cls == Cls::kBlank || in.cls == Cls::kDrop) continue;
      if (in.title || in.keep_rule || in.cut) break;
      if (StrictHeadline(in.u, shape[j])) {
        const auto& k = key_of(j);
        dup = dup || k == prev_key;
        prev_key = k;
        ++heads;
        members.push_back(j);
      } else if (SectionLabel(in.u, shape[j])) {
        members.push_back(j);
      } else {
        break;
      }
    }
    if (heads >= 3 && dup) {
      // The last headline may be a section heading introducing the paragraph after the run.
      if (!members.empty() && heads_paragraph(members.back()) && !SectionLabel(info[members.back()].u, shape[members.back()])) {
        members.pop_back();
      }
      for (size_t m : members) {
        info[m].cls = Cls::kDrop;
        info[m].rule_name = "related-run";
      }
    }
    i = std::max(j, i + 1);
  }

  // Pass 7: repetition: a line equal to one of the previous kept lines, and a caption repeated
  // with a credit glued before or after it.
  {
    std::vector<size_t> recent;
    for (size_t i = 0; i < n; ++i) {
      auto& in = info[i];
      if (in.cls != Cls::kContent) continue;
      bool dropped = false;
      for (size_t r : recent) {
        // Only lines of about the same length can be copies (a caption may gain a credit).
        const int32_t diff = in.u.length() - info[r].u.length();
        if (diff < -8 || diff > 70) continue;
        const auto& pk = key_of(r);
        const auto& key = key_of(i);
        if (pk == key && key.length() >= 12) {
          in.cls = Cls::kDrop;
          in.rule_name = "duplicate";
          dropped = true;
          break;
        }
        if (pk.length() >= 30 && key.length() > pk.length() && key.length() - pk.length() <= 60 &&
            (key.endsWith(pk) || key.startsWith(pk))) {
          in.cls = Cls::kDrop;
          in.rule_name = "caption-repeat";
          dropped = true;
          break;
        }
      }
      if (dropped) continue;
      recent.push_back(i);
      if (recent.size() > 3) recent.erase(recent.begin());
    }
  }

  // Pass 8: a reporter's credit in parentheses at the very end of the article (TrailingCredit)
  // is cut from the last kept line, or drops it when it is the whole line and text comes before.
  std::vector<std::string> credit(n);
  {
    size_t last = n;
    bool text_before = false;
    for (size_t i = n; i-- > 0;) {
      if (info[i].cls != Cls::kContent) continue;
      if (last == n) {
        last = i;
      } else {
        text_before = true;
        break;
      }
    }
    int32_t start = 0;
    icu::UnicodeString name;
    const bool candidate = last < n && !info[last].keep_rule && !info[last].title;
    if (candidate && (TrailingCredit(info[last].u, &start, &name) || TrailingCodeCredit(info[last].u, &start) ||
                      (text_before && CapsCreditLine(info[last].u, ctx.source)))) {
      auto& in = info[last];
      if (start == 0) {
        if (text_before) {
          in.cls = Cls::kDrop;
          in.rule_name = "credit";
          credit[last] = ToUtf8(name);
        }
      } else {
        in.u.truncate(start);
        in.u.trim();
        in.rule_name = in.cut ? in.rule_name + ",credit" : "credit";
        in.cut = true;
        credit[last] = ToUtf8(name);
      }
    }
  }

  // Pass 9a: a dateline alone on its line ("Jakarta -", "JAKARTA, KOMPAS.com -": a page that
  // sets the place in bold before the first paragraph), among the first three content lines, is
  // joined to the content line after it, the lead it opens ("Jakarta - Galaxy S6 Edge, ..."), so
  // that the lead reads as the site wrote it and its dateline is read as any other.
  for (size_t i = 0, looked = 0; i < n && looked < 3; ++i) {
    auto& in = info[i];
    if (in.cls != Cls::kContent || in.title || in.u.isEmpty()) continue;
    ++looked;
    if (!IsBareDateline(ToUtf8(in.u))) continue;
    size_t next = i + 1;
    while (next < n && (info[next].cls != Cls::kContent || info[next].u.isEmpty())) ++next;
    if (next == n || info[next].title) break;
    info[next].u = in.u + icu::UnicodeString(" ") + info[next].u;
    info[next].rule_name = info[next].cut ? info[next].rule_name + ",dateline-joined" : "dateline-joined";
    info[next].cut = true;
    in.cls = Cls::kDrop;
    in.rule_name = "dateline-joined";
    break;
  }

  // Pass 9: a summary the article repeats, glued before the agency dateline of the lead
  // (TeaserEnd), is cut: the lead starts at its dateline.
  for (size_t i = 0; i < n; ++i) {
    auto& in = info[i];
    if (in.cls != Cls::kContent || in.title) continue;
    if (in.keep_rule) break;
    std::vector<const icu::UnicodeString*> later;
    for (size_t j = i + 1; j < n; ++j) {
      if (info[j].cls == Cls::kContent) later.push_back(&info[j].u);
    }
    if (const int32_t place = TeaserEnd(in.u, later); place > 0) {
      in.u.remove(0, place);
      in.rule_name = in.cut ? in.rule_name + ",teaser" : "teaser";
      in.cut = true;
    }
    break;
  }

  // Pass 10: the news brand of the lead's dateline is cut, its place kept ("VALDIVOSTOK, KOMPAS.com
  // - Presiden ..." keeps "VALDIVOSTOK - Presiden ..."): it names the site, which the source field
  // holds, and in the text every article of a site matched the site's name (a search for "cnbc"
  // found 396 of 398 CNBC Indonesia articles, "kontan" every Kontan one). The dateline opens the
  // lead, maybe after a caption: the first three content lines are looked at, as ExtractMetadata
  // looks for it, which reads the brand from the line as read (or from dateline_source).
  std::vector<std::string> dateline_source(n);
  for (size_t i = 0, looked = 0; i < n && looked < 3; ++i) {
    auto& in = info[i];
    if (in.cls != Cls::kContent || in.title || in.u.isEmpty()) continue;
    ++looked;
    const std::string line = ToUtf8(in.u);
    const std::optional<Dateline> dl = ParseDateline(line);
    if (!dl) continue;
    if (!dl->source.empty() && dl->text_begin < line.size()) {
      const std::string rest = line.substr(dl->text_begin);
      in.u = icu::UnicodeString::fromUTF8(dl->written_place.empty() ? rest : dl->written_place + " - " + rest);
      in.rule_name = in.cut || in.keep_rule ? in.rule_name + ",dateline-brand" : "dateline-brand";
      in.cut = true;
      dateline_source[i] = dl->source;
    }
    break;
  }

  // Pass 10: a line that kept no letter or digit is no text: the quotation marks of a social
  // media embed the scrape emptied ("\"", "\"."; wowkeren), a separator ("***").
  for (auto& in : info) {
    if (in.cls == Cls::kContent && !in.title && !HasAlnum(in.u)) {
      in.cls = Cls::kDrop;
      in.rule_name = "blank";
    }
  }

  // Decisions.
  for (size_t i = 0; i < n; ++i) {
    auto& d = result.lines[i];
    d.credit = credit[i];
    d.dateline_source = dateline_source[i];
    auto& in = info[i];
    switch (in.cls) {
      case Cls::kBlank:
        d.action = LineDecision::Action::kKeep;
        d.rule = "blank";
        d.kept = d.text;
        break;
      case Cls::kDrop:
        d.action = LineDecision::Action::kDrop;
        d.rule = in.rule_name;
        d.kept.clear();
        break;
      case Cls::kContent:
        d.action = LineDecision::Action::kKeep;
        if (in.cut) {
          d.rule = in.rule_name;
          d.kept = ToUtf8(in.u);
        } else {
          d.rule = in.title ? "title" : (in.keep_rule ? in.rule_name : "content");
          d.kept = d.text;
        }
        break;
    }
  }
  return result;
}

}  // namespace rkn
