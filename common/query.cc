#include "common/query.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "common/aliases.h"
#include "common/encoding.h"
#include "common/inflect.h"
#include "common/metadata.h"
#include "common/read_latest.h"
#include "common/schema.h"
#include "common/text.h"

namespace rkn {
namespace {

// A word searched by its stem also adds the weight of its written form, scaled by this, where an
// article writes it (WordQuery), unless nearly every article of the stem writes it: "usaha" ranks
// the articles writing "usaha" above those writing only "pengusaha" or "perusahaan". Measured
// with `python3 bench/known_item.py` (bench/README.md): known-item MRR@10 +0.006 to +0.007 on four
// samples (for every word: +0.002 to +0.004; 0.15 to 0.35 alike, 1.0 costs 0.004), and +0.014 /
// +0.006 finding an article from 2 / 3 of its title's words.
constexpr double kWrittenFormWeight = 0.25;

// In an all-words query a stopword is not required, but where an article writes it next to the
// query's word beside it, as the query does, the pair adds its weight scaled by this (ParseAnd):
// "Aceh Besar" ranks the regency above Aceh's articles that say "besar" anywhere, "utang dalam
// negeri" domestic debt above foreign. Measured with `python3 bench/known_item.py --stop-window`
// (a title's stopword with the words beside it, all words; bench/README.md): MRR@10 +0.020 to
// +0.023 on three samples (0.25 and 1.0 a little less). Not in an --any query, where the same
// pairs of a whole title gained nothing (+0.003, -0.003, +0.001 at 0.12; 0.5 cost 0.020).
constexpr double kStopwordPairWeight = 0.5;

// Not for a stopword in more than this share of the articles ("di", "yang", "dan", "dari" in CLICK-ID;
// "dalam" is in 70%): each pair reads the positions of both words in every article the matcher
// weighs, and a stopword nearly every article writes tells little beside a word. With it, the
// --stop-window MRR@10 gain is +0.013 to +0.017 (all stopwords: +0.020 to +0.023) and its queries
// take 0.37 ms more each in one batch (all stopwords: 0.5 ms more; bench/README.md).
constexpr double kStopwordPairMaxShare = 0.75;

// The weight with --any of a multi-word alias group whose words the query writes ("bj habibie":
// its words rank, and the group, Bacharuddin Jusuf Habibie too, matches them again). At full
// weight a story's common name counted twice against the words that tell its articles apart:
// session 38's groups (BJ Habibie, Revisi UU KPK) took known-item MRR@10 from 0.768 / 0.771 /
// 0.754 (seeds 2019, 1, 2) to 0.765 / 0.767 / 0.751; a half gives 0.765 / 0.769 / 0.752, a
// quarter 0.767 / 0.771 / 0.753, none (the group only matching) 0.769 / 0.772 / 0.755, which
// would rank an article that writes only another form (Korut) by the other words alone.
constexpr double kAnyWrittenGroupWeight = 0.25;

// Adds one to a counter while it lives, when `on`: a parser's count of enclosing constructs.
class CountWhile {
 public:
  CountWhile(size_t& n, bool on) : n_(n), on_(on) { n_ += on_; }
  ~CountWhile() { n_ -= on_; }
  CountWhile(const CountWhile&) = delete;
  CountWhile& operator=(const CountWhile&) = delete;

 private:
  size_t& n_;
  bool on_;
};

struct Token {
  enum Kind { kWord, kPhrase, kLParen, kRParen, kAnd, kOr, kNot, kNear, kEnd } kind = kEnd;
  std::string text;   // word or phrase text (for fields: the value)
  std::string field;  // "title", "source", ... or ""
  char sign = 0;      // '+', '-' or 0
  bool exact = false;     // "=word"
  bool wildcard = false;  // "word*"
  int near = 10;
  bool proximity = false;  // a kLParen that opens a phrase's "~n" as words NEAR/n one another
  size_t pos = 0;         // byte offset in the query, for errors
  size_t end = 0;
  size_t text_pos = 0;  // a phrase's: where its text (after the opening '"') starts in the query
};

// Parse errors name the column of the problem in the query as typed: byte offsets into the
// normalised text the lexer and parser read become 1-based code point columns of the typed text
// (whose length may differ: NFC, "…" -> "...", zero-width characters dropped, "\r\n" -> "\n").
class ErrorColumns {
 public:
  // `typed` is valid UTF-8 (RepairUtf8'ed: an invalid sequence counts as one column); `clean`
  // is NormalizeText(typed). Both must outlive this.
  ErrorColumns(std::string_view typed, std::string_view clean) : typed_(typed), clean_(clean) {}

  // InvalidArgument "column N: what", N the column of the character at byte `pos` of the
  // normalised text (past its end: the column after the last character).
  Status Error(size_t pos, const std::string& what) const {
    return Status::InvalidArgument("query", "column " + std::to_string(Column(pos)) + ": " + what);
  }

 private:
  // One more than the most code points of the typed text whose normalisation takes at most
  // `pos` bytes: the typed character that became the byte at `pos`. A typed prefix normalises
  // to the clean text's prefix (up to composition at its end, which may shrink it a little, so
  // the scan goes a few bytes past `pos`). Quadratic, but only on the error path of a query of
  // at most QueryOptions::max_query_bytes.
  size_t Column(size_t pos) const {
    if (typed_ == clean_) return CodePoints(clean_.substr(0, std::min(pos, clean_.size()))) + 1;
    size_t best = 0, count = 0;
    for (size_t b = 0; b <= typed_.size();) {
      const size_t len = NormalizeText(typed_.substr(0, b)).size();
      if (len <= pos) best = count;
      if (len > pos + kSlack || b == typed_.size()) break;
      do ++b; while (b < typed_.size() && (static_cast<unsigned char>(typed_[b]) & 0xC0) == 0x80);
      ++count;
    }
    return best + 1;
  }
  static constexpr size_t kSlack = 16;  // bytes a composition at a prefix's end may take back

  std::string_view typed_, clean_;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A byte of a word: an ASCII letter or digit, or a byte of a UTF-8 sequence (counted as letters).
bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

// The other writing of a whole number `word` (a term: digits, maybe with Indonesian thousands
// dots): "17000" -> "17.000", "1.500" -> "1500"; "" for a number of under four digits, a year
// from 1900 to 2099, one with a leading zero or over 15 digits, and anything else.
std::string OtherThousandsForm(std::string_view word) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto year = [](std::string_view n) { return n.size() == 4 && n >= "1900" && n <= "2099"; };
  if (!word.empty() && std::all_of(word.begin(), word.end(), digit)) {
    // A year ("2019") is no amount, and a leading zero ("0812", a phone prefix) none either.
    if (word.size() < 4 || word.size() > 15 || word[0] == '0' || year(word)) return "";
    std::string dotted;
    for (size_t i = 0; i < word.size(); ++i) {
      if (i > 0 && (word.size() - i) % 3 == 0) dotted += '.';
      dotted += word[i];
    }
    return dotted;
  }
  // 1 to 3 digits, then groups of a dot and 3 digits: "1.500", "17.000.000".
  const size_t first = word.find('.');
  if (first == std::string_view::npos || first == 0 || first > 3 || word[0] == '0') return "";
  std::string plain(word.substr(0, first));
  for (size_t i = first; i < word.size(); i += 4) {
    if (word[i] != '.' || i + 4 > word.size() || !std::all_of(word.begin() + i + 1, word.begin() + i + 4, digit)) return "";
    plain.append(word.substr(i + 1, 3));
  }
  if (!std::all_of(plain.begin(), plain.end(), digit)) return "";
  if (year(plain)) return "";  // "1.999" is no year
  return plain;
}

// The synonym-table key a query word's text spells as (part of) an alias form: folded as the
// table's forms are (FoldAliasForm: "Al-Quran" is "al quran"), without the punctuation that
// ends a sentence or follows a word ("Utara;", "Utara?").
std::string AliasKeyOf(std::string_view text) {
  std::string key = FoldAliasForm(text);
  size_t b = 0, e = key.size();
  while (b < e && !IsWordByte(key[b])) ++b;
  while (e > b && !IsWordByte(key[e - 1])) --e;
  return key.substr(b, e - b);
}

// The error for a '*' after a date field's value ("year:2019*", `field` as typed): the year,
// month or day is all the dates it starts already.
std::string RangeWildcardError(const std::string& field, const std::string& value) {
  return field + ":" + value + "* takes no '*': " + field + ":" + value + " is all of it already (a range: " + field + ":FROM..TO)";
}

// The length of the separator at s[i] that parts two words as a space does, or 0: a comma or
// semicolon typed without its space between two words ("korut,rusia", as a comma-joined record
// writes them and the indexer reads them: two words), not a decimal's comma between digits
// ("3,5"); and the CJK enumeration comma and full stop ("korut、rusia"). Each had made its words
// a phrase, which finds the articles that write them together only.
size_t WordSeparatorAt(const std::string& s, size_t i) {
  if (s.compare(i, 3, "\xE3\x80\x81") == 0 || s.compare(i, 3, "\xE3\x80\x82") == 0) return 3;
  if ((s[i] != ',' && s[i] != ';') || i == 0 || i + 1 >= s.size() || !IsWordByte(s[i - 1]) || !IsWordByte(s[i + 1])) return 0;
  const bool digits = std::isdigit(static_cast<unsigned char>(s[i - 1])) && std::isdigit(static_cast<unsigned char>(s[i + 1]));
  return digits ? 0 : 1;
}

// Where the word of the query that starts at s[i] ends: at a space, a parenthesis or a quote.
size_t WordEnd(const std::string& s, size_t i) {
  while (i < s.size() && !IsSpace(s[i]) && s[i] != '(' && s[i] != ')' && s[i] != '"') ++i;
  return i;
}

const std::map<std::string, std::string>& Fields() {
  static const std::map<std::string, std::string> f = {
      {"title", "free"}, {"judul", "free"}, {"author", "free"}, {"penulis", "free"},
      {"source", "bool"}, {"sumber", "bool"}, {"category", "bool"}, {"kategori", "bool"},
      {"year", "range"}, {"tahun", "range"}, {"month", "range"}, {"bulan", "range"}, {"date", "range"}, {"tanggal", "range"}};
  return f;
}

// Whether `field` filters (source:, category:, year:, month:, date: and their Indonesian names)
// rather than holds words (title:, author:). False for "" and for a name that is no field.
bool IsFilterField(const std::string& field) {
  const auto it = Fields().find(field);
  return it != Fields().end() && it->second != "free";
}

std::string CanonicalField(const std::string& f) {
  static const std::map<std::string, std::string> alias = {
      {"judul", "title"}, {"penulis", "author"}, {"sumber", "source"}, {"kategori", "category"},
      {"tahun", "year"}, {"bulan", "month"}, {"tanggal", "date"}};
  auto it = alias.find(f);
  return it == alias.end() ? f : it->second;
}

// "; did you mean 'title:'?" for a name one or two edits from exactly one field (titel, auther),
// else "".
std::string FieldHint(const std::string& name) {
  std::string best;
  size_t best_dist = 3, ties = 0;
  for (const auto& [field, kind] : Fields()) {
    const size_t d = EditDistance(ToLower(name), field);
    if (d < best_dist) {
      best = field, best_dist = d, ties = 0;
    } else if (d == best_dist && CanonicalField(field) != CanonicalField(best)) {
      ++ties;
    }
  }
  return best.empty() || ties > 0 ? "" : "; did you mean '" + best + ":'?";
}

// Why `name:` (no field) must be an error, or "" when it is text: a field misspelt ("titel:",
// one edit from a field, or two from one of five letters or more) or another search engine's
// operator ("site:", "intitle:") was meant as a field; any other name ("Wiranto:Ada", "HA:TFELT"
// in a pasted headline) is searched as words, as Xapian's QueryParser does.
std::string UnknownFieldError(const std::string& name, const std::string& value) {
  static const std::string kUrl = ": articles are not searched by URL (source:DOMAIN filters by site)";
  static const std::map<std::string, std::string> kOtherEngines = {
      {"site", "; write 'source:' (source:kompas.com)"}, {"intitle", "; write 'title:'"}, {"allintitle", "; write 'title:'"},
      {"inauthor", "; write 'author:'"}, {"url", kUrl}, {"inurl", kUrl}};
  static const std::set<std::string> kFrom = {"after", "since", "from"}, kTo = {"before", "until", "to"};
  const std::string what = "unknown field '" + name + ":'";
  const std::string fields = " (fields: title, author, source, category, year, month, date)";
  if (auto it = kOtherEngines.find(name); it != kOtherEngines.end()) return what + it->second + fields;
  if (const bool from = kFrom.count(name) > 0; from || kTo.count(name) > 0) {
    // The date the user gave ("after:2019-10-01", "before:2019"), when it is one, is the one the
    // hint writes, with a word that the range includes it, as "after" and "before" may not.
    const bool given = DateBounds(value).ok();
    std::string hint = from ? "; write date:" : "; write date:..";
    hint.append(given ? value : from ? "2019-09-01" : "2019-09-30").append(from ? ".. (or --from)" : " (or --to)");
    if (given) hint.append(", which includes ").append(value);
    return what + hint + fields;
  }
  size_t nearest = std::string::npos;
  for (const auto& [field, kind] : Fields()) nearest = std::min(nearest, EditDistance(name, field));
  if (nearest <= 1 || (nearest == 2 && name.size() >= 5)) return what + FieldHint(name) + fields;
  return "";
}

// The error for a Lucene boost ("korupsi^2", "\"gencatan senjata\"^3") at the '^' at s[at].
std::string BoostError(const std::string& s, size_t at) {
  size_t e = at + 1;
  while (e < s.size() && !IsSpace(s[e]) && s[e] != ')') ++e;
  return "term boosts ('" + s.substr(at, e - at) + "') are not query syntax: words are weighted by BM25";
}

// `phrase` ("a b c"~n) as the tokens of ("a" NEAR/n "b" NEAR/n "c"): the phrase's sign goes to
// the group, its field to each word; one word stays a word. Each word's position is the
// phrase's, for errors; its end is its own, for a spelling suggestion to replace the word alone.
void AppendNearGroup(const Token& phrase, int n, std::vector<Token>& out) {
  std::vector<std::string> words;
  std::vector<size_t> word_ends;  // in phrase.text
  for (size_t k = 0; k < phrase.text.size();) {
    while (k < phrase.text.size() && IsSpace(phrase.text[k])) ++k;
    size_t e = k;
    while (e < phrase.text.size() && !IsSpace(phrase.text[e])) ++e;
    if (e > k) {
      words.push_back(phrase.text.substr(k, e - k));
      word_ends.push_back(e);
    }
    k = e;
  }
  if (words.size() < 2) {
    out.push_back(phrase);
    return;
  }
  auto add = [&](Token::Kind kind) -> Token& {
    Token& t = out.emplace_back();
    t.kind = kind;
    t.pos = phrase.pos;
    t.end = phrase.end;
    return t;
  };
  Token& open = add(Token::kLParen);
  open.sign = phrase.sign;
  open.proximity = true;
  for (size_t w = 0; w < words.size(); ++w) {
    if (w > 0) add(Token::kNear).near = n;
    Token& word = add(Token::kWord);
    word.end = phrase.text_pos + word_ends[w];
    word.text = std::move(words[w]);
    word.field = phrase.field;
  }
  add(Token::kRParen);
}

// The tokens of `s`, and in `notes` what the user should know about how it was read. Fails
// with InvalidArgument naming the column of the problem.
Result<std::vector<Token>> Lex(const std::string& s, const ErrorColumns& columns, std::vector<std::string>& notes) {
  auto Error = [&columns](size_t pos, const std::string& what) { return columns.Error(pos, what); };
  std::vector<Token> out;
  // A field before a group ("title:(korupsi OR suap)") applies to each word and phrase in it
  // that names no field of its own, up to the group's ')' (at `depth`).
  struct GroupField {
    std::string field, typed;
    int depth = 0;
  };
  std::vector<GroupField> groups;
  int depth = 0;  // parentheses open
  size_t i = 0;
  while (i < s.size()) {
    if (IsSpace(s[i])) {
      ++i;
      continue;
    }
    if (const size_t separator = WordSeparatorAt(s, i); separator > 0) {  // a word ended at it (below)
      i += separator;
      continue;
    }
    Token t;
    t.pos = i;
    int slop = 0;  // a phrase's "~n" (Lucene's proximity): its words NEAR/n one another
    if (s[i] == '(' || ((s[i] == '+' || s[i] == '-') && i + 1 < s.size() && s[i + 1] == '(')) {
      if (s[i] != '(') t.sign = s[i++];  // "-(a OR b)": the group excluded, as a word would be
      t.kind = Token::kLParen;
      ++depth;
      ++i;
    } else if (s[i] == ')') {
      t.kind = Token::kRParen;
      if (!groups.empty() && groups.back().depth == depth) groups.pop_back();
      if (depth > 0) --depth;
      ++i;
    } else {
      if ((s[i] == '+' || s[i] == '-') && i + 1 < s.size() && !IsSpace(s[i + 1])) t.sign = s[i++];
      if (t.sign && (s[i] == '+' || s[i] == '-') && i + 1 < s.size() && !IsSpace(s[i + 1])) {
        // "+-korut" searched korut
        if (s[i] == t.sign) return Error(t.pos, std::string("'") + t.sign + t.sign + "': one '" + t.sign + "' is enough");
        return Error(t.pos, "'+' requires and '-' excludes: write one of them");
      }
      // field prefix?
      size_t j = i;
      while (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])))) ++j;
      std::string field_typed;  // the field's name as written, lowercased (for messages)
      if (j > i && j < s.size() && s[j] == ':') {
        std::string name = ToLower(s.substr(i, j - i));
        if (j + 1 < s.size() && !IsSpace(s[j + 1])) {
          if (!Fields().count(name) && (name == "http" || name == "https") && s.compare(j, 3, "://") == 0) {
            return Error(i, "a URL is not a query: articles are not searched by URL (source:" +
                                (RegistrableDomain(s.substr(i)).empty() ? std::string("DOMAIN") : RegistrableDomain(s.substr(i))) +
                                " filters by site; quote the URL to search its words)");
          }
          if (!Fields().count(name)) {
            if (std::string error = UnknownFieldError(name, s.substr(j + 1, WordEnd(s, j + 1) - j - 1)); !error.empty()) return Error(i, error);
            const std::string note = "'" + s.substr(i, j + 1 - i) + "' is no field: searched as words";
            if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
          } else {
            t.field = CanonicalField(name);
            field_typed = name;
            i = j + 1;
          }
        } else if (Fields().count(name)) {
          // "title:" at the end or before a space: a forgotten value, not a word to search.
          // Before a word ("62 Tahun: Kejar", pasted), say how to write either meaning.
          size_t w = j + 1;
          while (w < s.size() && IsSpace(s[w])) ++w;
          const size_t e = WordEnd(s, w);
          if (e == w) return Error(t.pos, "field '" + name + ":' has no value");
          const std::string as_typed = s.substr(i, j - i), next = s.substr(w, e - w);
          const std::string words = as_typed + " " + next + " searches the words";
          if (Fields().at(name) == "range" && !std::isdigit(static_cast<unsigned char>(next[0])) && next[0] != '.') {
            return Error(t.pos, "field '" + name + ":' has no value (" + words + ")");  // "62 Tahun: Kejar"
          }
          return Error(t.pos, "field '" + name + ":' has no value (" + as_typed + ":" + next + " searches the field, " + words + ")");
        }
      }
      if (!t.field.empty()) {
        // "title:title:korut", "title:source:kompas": a field's value is no field (it searched the
        // phrase "title korut").
        size_t k = i;
        while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
        if (k > i && k < s.size() && s[k] == ':' && Fields().count(ToLower(s.substr(i, k - i)))) {
          const std::string inner = ToLower(s.substr(i, k - i)), value = s.substr(k + 1, WordEnd(s, k + 1) - k - 1);
          if (CanonicalField(inner) == t.field) return Error(i, "field '" + field_typed + ":' is written twice: write " + field_typed + ":" + value);
          return Error(i, "field '" + field_typed + ":' holds another field, '" + inner + ":': write one of them (" + field_typed + ":" +
                              value + ", " + inner + ":" + value + ")");
        }
      }
      if (!t.field.empty() && i < s.size() && s[i] == '(') {  // its sign, if any, is the group's
        t.kind = Token::kLParen;
        groups.push_back({t.field, field_typed, ++depth});
        t.field.clear();
        t.end = ++i;
        out.push_back(std::move(t));
        continue;
      }
      if (!t.field.empty() && i < s.size() && (s[i] == '-' || s[i] == '+')) {
        if (i + 1 == s.size() || IsSpace(s[i + 1])) return Error(t.pos, "field '" + field_typed + ":' has no value");
        // "title:-perjanjian" read as title:perjanjian required what the user meant to exclude.
        size_t e = i;
        while (e < s.size() && !IsSpace(s[e])) ++e;
        return Error(i, "a sign goes before the field: write " + std::string(1, s[i]) + field_typed + ":" +
                            s.substr(i + 1, e - i - 1) + (s[i] == '-' ? " to exclude" : " to require"));
      }
      if (i < s.size() && s[i] == '"') {
        size_t close = s.find('"', i + 1);
        if (close == std::string::npos) return Error(i, "unterminated phrase: missing closing '\"'");
        t.kind = Token::kPhrase;
        t.text = s.substr(i + 1, close - i - 1);
        t.text_pos = i + 1;
        // "korut \"\" rusia" searched korut and rusia with no word about the phrase left out.
        if (t.text.find_first_not_of(" \t") == std::string::npos) {
          const std::string note = "an empty phrase (\"" + t.text + "\") searches nothing: left out";
          if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
        }
        // A phrase matches words at positions; "nukl*" there would be the word "nukl". A '*'
        // inside a word ("iz*one", a name) is no wildcard: it splits the word, as in the text.
        for (size_t star = t.text.find('*'); star != std::string::npos; star = t.text.find('*', star + 1)) {
          const bool inside = star > 0 && star + 1 < t.text.size() && !IsSpace(t.text[star - 1]) &&
                              !IsSpace(t.text[star + 1]) && t.text[star - 1] != '*' && t.text[star + 1] != '*';
          if (!inside) return Error(i + 1 + star, "wildcards are not supported inside phrases");
        }
        i = close + 1;
        if (i < s.size() && s[i] == '^') return Error(i, BoostError(s, i));
        if (i < s.size() && s[i] == '~') {
          // Lucene's proximity, "korea rusia"~5: the phrase's words NEAR/5 one another.
          size_t e = i + 1;
          while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
          if (e == i + 1 || e - i - 1 > 3 || (e < s.size() && !IsSpace(s[e]) && s[e] != ')')) {
            return Error(i, "'~' after a phrase takes a distance from 0 to 999: \"" + t.text + "\"~5 finds its words within 5 words of one another");
          }
          slop = std::stoi(s.substr(i + 1, e - i - 1));  // 0: the phrase itself
          i = e;
        }
      } else {
        if (i < s.size() && s[i] == '=') {
          // "=word", "title:=word": the word as written, not stemmed. Other fields' values are
          // never stemmed.
          if (!t.field.empty() && Fields().at(t.field) != "free") {
            return Error(i, "field '" + field_typed + ":' takes no '=' (its values are not stemmed)");
          }
          t.exact = true;
          ++i;
          // "==korut" searched =korut with no word said, as "++korut" is refused.
          if (i < s.size() && s[i] == '=') return Error(i - 1, "'==': one '=' is enough");
          // What follows '=' is one word. "=-korut" searched =korut, the articles it meant to
          // leave out; "=(a b)" and "=\"a b\"" were told "'=' must be followed by a word".
          const std::string before_eq = field_typed.empty() ? "" : field_typed + ":";
          if (i + 1 < s.size() && (s[i] == '-' || s[i] == '+') && !IsSpace(s[i + 1])) {
            return Error(i, "a sign goes before the '=': write " + std::string(1, s[i]) + before_eq + "=" +
                                s.substr(i + 1, WordEnd(s, i + 1) - i - 1));
          }
          if (i < s.size() && s[i] == '(') {
            return Error(t.pos, "'=' marks one word, not a group: put it before each word in the parentheses: " + before_eq + "(=a =b)");
          }
          if (i < s.size() && s[i] == '"') return Error(t.pos, "a phrase matches its words as written: drop the '='");
        }
        size_t b = i;
        i = WordEnd(s, i);
        // A word of the text ends at a separator (WordSeparatorAt); a filter's value does not
        // ("source:a,b" is refused below), nor an exact word, which '=' marks as one.
        const std::string& field = t.field.empty() && !groups.empty() ? groups.back().field : t.field;
        if (!t.exact && !IsFilterField(field)) {
          for (size_t k = b; k < i; ++k) {
            if (WordSeparatorAt(s, k) > 0) {
              i = k;
              break;
            }
          }
        }
        t.kind = Token::kWord;
        t.text = s.substr(b, i - b);
        if (const size_t caret = t.text.rfind('^'); caret != std::string::npos && caret + 1 < t.text.size() &&
                                                    t.text.find_first_not_of("0123456789.", caret + 1) == std::string::npos) {
          return Error(b + caret, BoostError(s, b + caret));
        }
        // Lucene's fuzzy word, "jokowi~" or "jokowi~2": the tokeniser would drop the '~' and
        // search "jokowi" (and "2").
        if (const size_t tilde = t.text.rfind('~'); tilde != std::string::npos && tilde > 0 &&
                                                    t.text.find_first_not_of("0123456789.", tilde + 1) == std::string::npos) {
          return Error(b + tilde, "'~' after a word is not query syntax (fuzzy matching is not supported: a misspelt word gets a \"did you mean\"; \"a b\"~5 finds words near each other)");
        }
        // "korut ~5", "\"korea rusia\" ~5": the '~' parted from what it was meant for would leave
        // the number 5 as a required word.
        if (t.text.size() > 1 && t.text[0] == '~' && t.text.find_first_not_of("0123456789", 1) == std::string::npos) {
          return Error(b, "'~' stands apart from the phrase it was meant for: write \"a b\"~5, without a space, to find words near each other");
        }
        // Other engines' boolean operators: "korut || rusia" searched korut AND rusia, "!korut"
        // korut, with no word said. (A lone '|', as pasted headlines write between a title and
        // its site, stays punctuation.)
        if (t.field.empty() && !t.exact && !t.sign) {
          if (t.text == "||") return Error(b, "'||' is not query syntax: write OR (korut OR rusia)");
          if (t.text == "&&") return Error(b, "'&&' is not query syntax: write AND, or nothing, as all words must match (korut rusia)");
          if (t.text.size() > 1 && t.text[0] == '!' && t.text[1] != '!') {
            const std::string word = t.text.substr(1);
            return Error(b, "'!' is not query syntax: write -" + word + " (or NOT " + word + ") to leave a word out");
          }
        }
        // "www.kompas.com" searched the words www, kompas and com (0 CLICK-ID articles), with no
        // word of the filter a host name is meant for.
        if (t.field.empty() && ToLower(t.text).starts_with("www.")) {
          if (const std::string site = RegistrableDomain(t.text); !site.empty() && !site.starts_with("www.")) {
            const std::string note = "'" + t.text + "' is searched as words (articles are not searched by URL; source:" + site + " filters by site)";
            if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
          }
        }
        // "=title:korupsi" would search the phrase "title korupsi".
        if (const size_t colon = t.text.find(':'); t.exact && t.field.empty() && colon != std::string::npos &&
                                                   Fields().count(ToLower(t.text.substr(0, colon)))) {
          return Error(t.pos, "'=' goes after the field: write " + ToLower(t.text.substr(0, colon)) + ":=" + t.text.substr(colon + 1));
        }
        if (t.text.empty()) {
          if (!t.field.empty()) return Error(t.pos, "field '" + field_typed + ":' has no value");
          if (t.exact) return Error(t.pos, "'=' must be followed by a word");
          return Error(t.pos, "'" + std::string(1, t.sign) + "' must be followed by a word");
        }
        if (t.field.empty() && !t.exact && !t.sign) {
          if (t.text == "AND") t.kind = Token::kAnd;
          else if (t.text == "OR") t.kind = Token::kOr;
          else if (t.text == "NOT") t.kind = Token::kNot;
          else if (t.text.starts_with("NEAR")) {
            const std::string rest = t.text.substr(4);
            constexpr const char* kDigits = "0123456789";
            if (rest.empty()) {
              t.kind = Token::kNear;
            } else if (rest[0] == '/' && rest.size() > 1 && rest.find_first_not_of(kDigits, 1) == std::string::npos && rest.size() <= 4) {
              t.kind = Token::kNear;
              t.near = std::stoi(rest.substr(1));
              if (t.near < 1) return Error(t.pos, "NEAR/n needs a whole number n from 1 to 999, got '" + t.text + "'");
            } else if (rest[0] == '/') {
              return Error(t.pos, "NEAR/n needs a whole number n from 1 to 999, got '" + t.text + "'");
            } else if (rest.find_first_not_of(kDigits) == std::string::npos) {
              // "korut NEAR3 rusia" searched the word near3 (no article has it): a NEAR meant.
              return Error(t.pos, "'" + t.text + "' is no operator: write NEAR/" + rest + " (or NEAR for 10 words)");
            }
          }
        }
        // "nukl*" is a wildcard; a '*' anywhere else in a word would be dropped by the
        // tokeniser ("*lir" searching "lir", "nu*kl" the phrase "nu kl"): an error at it.
        if (const size_t star = t.text.find('*'); t.kind == Token::kWord && star != std::string::npos) {
          // "year:2019*" searched the year 2019: a year, month or day already covers what it starts.
          if (!t.field.empty() && Fields().at(t.field) == "range" && star > 0) {
            return Error(t.pos, RangeWildcardError(field_typed, t.text.substr(0, t.text.find_last_not_of('*') + 1)));
          }
          if (t.text.find_first_not_of('*') == std::string::npos) return Error(t.pos, "'*' needs a prefix of at least one letter");
          // Punctuation after it ends the word, as after any word: "nukl*, rudal" (a pasted list).
          if (t.text.find_first_not_of(",.;:!?", star + 1) == std::string::npos) t.text.erase(star + 1);
          if (star + 1 != t.text.size()) {
            return Error(b + star, "'*' must end a word (nukl* finds the words starting with nukl; quote a name that holds one: \"iz*one\")");
          }
          // The prefix is matched against single terms: "e-k*" (split by the tokeniser) finds none.
          for (size_t k = 0; k < star; ++k) {
            const auto c = static_cast<unsigned char>(t.text[k]);
            if (c < 0x80 && !std::isalnum(c) && std::string_view("'&.,;_").find(static_cast<char>(c)) == std::string_view::npos) {
              return Error(b + k, "a wildcard takes the start of one word, and '" + std::string(1, static_cast<char>(c)) +
                                      "' splits '" + t.text + "'");
            }
          }
          t.wildcard = true;
          t.text.pop_back();
        }
      }
    }
    if ((t.kind == Token::kWord || t.kind == Token::kPhrase) && t.field.empty() && !groups.empty()) {
      t.field = groups.back().field;
      if (t.exact && Fields().at(t.field) != "free") {
        return Error(t.pos, "field '" + groups.back().typed + ":' takes no '=' (its values are not stemmed)");
      }
    }
    // "date:2019-09-01 .. 2019-09-30" read as a date and the phrase "2019 09 30" matched nothing.
    if (t.kind == Token::kWord && !t.field.empty() && Fields().at(t.field) == "range") {
      size_t w = i;
      while (w < s.size() && IsSpace(s[w])) ++w;
      const bool dots_follow = w > i && s.compare(w, 2, "..") == 0;
      const bool bound_follows = w > i && t.text.ends_with("..") && w < s.size() && std::isdigit(static_cast<unsigned char>(s[w]));
      if (dots_follow || bound_follows) {
        const char* example = t.field == "year" ? "2019..2020" : t.field == "month" ? "2019-09..2019-10" : "2019-09-01..2019-09-30";
        return Error(w, "a range is written without spaces: " + t.field + ":" + example);
      }
    }
    // "source:," would match no article and say nothing.
    if ((t.kind == Token::kWord || t.kind == Token::kPhrase) && !t.field.empty() && Fields().at(t.field) == "bool" &&
        std::none_of(t.text.begin(), t.text.end(), IsWordByte)) {
      return Error(t.pos, "field '" + t.field + ":' needs a " + (t.field == "source" ? "site" : "category") + ", got '" + t.text + "'");
    }
    // "source:kompas,tempo" matched no site and said nothing.
    if ((t.kind == Token::kWord || t.kind == Token::kPhrase) && t.field == "source" && t.text.find_first_of(",;|") != std::string::npos) {
      return Error(t.pos, "field 'source:' takes one site: write source:(a OR b) or source:a source:b, not '" + t.text + "'");
    }
    t.end = i;
    // "5 %" is "5%", the number and the word persen, as the indexer reads it (PercentWordAt: a
    // '%' after a digit and one space); the '%' alone was no word and was left out silently.
    if (t.kind == Token::kWord && t.text == "%" && !t.sign && !t.exact && !out.empty() && out.back().kind == Token::kWord &&
        !out.back().wildcard && out.back().field == t.field && out.back().end + 1 == t.pos &&
        PercentWordAt(reinterpret_cast<const uint8_t*>(s.data()), t.pos)) {
      out.back().text += '%';
      out.back().end = t.end;
      continue;
    }
    if (slop > 0) {
      AppendNearGroup(t, slop, out);
    } else {
      out.push_back(std::move(t));
    }
  }
  Token end;
  end.pos = s.size();
  out.push_back(end);
  return out;
}

// Adds the seconds since the epoch for Y-M-D 00:00:00 +07:00.
int64_t EpochWib(int y, int m, int d) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return static_cast<int64_t>(timegm(&tm)) - 7 * 3600;
}

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

class Parser {
 public:
  // What happens to an unsigned stopword outside a phrase: dropped, or searched as any word.
  enum class Stopwords { kDrop, kKeep };

  Parser(const std::vector<Token>& toks, const ErrorColumns& columns, const Analyzer& an, const Xapian::Database& db,
         const QueryOptions& opt, ParsedQuery& out, Stopwords stopwords)
      : toks_(toks), columns_(columns), an_(an), db_(db), opt_(opt), out_(out), keep_stopwords_(stopwords == Stopwords::kKeep) {
    tg_.set_stemmer(an.MakeStem());
    tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    tg_.set_max_word_length(schema::kMaxWordBytes);
  }

  // Whether a stopword of the query was dropped (not searched).
  bool dropped_any_stopword() const { return dropped_any_stopword_; }

  // Whether anything is searched for (a word, phrase, alias or group that documents must or may
  // match), not only excluded words and field filters.
  bool searches_anything() const { return searched_ > 0; }

  Result<Xapian::Query> Parse() {
    auto q = ParseOr();
    if (!q.ok()) return q;
    if (Peek().kind == Token::kRParen) return Error(Peek().pos, "unbalanced parenthesis: ')' without '('");
    if (Peek().kind != Token::kEnd) return Error(Peek().pos, "unexpected '" + Peek().text + "'");
    return q;
  }

 private:
  Status Error(size_t pos, const std::string& what) const { return columns_.Error(pos, what); }

  // Counts one more term of the query (a word, phrase, group, field or NEAR chain that is
  // searched, required, excluded or filters; also an operand of AND and NOT): fails with "too
  // many terms" at `pos`, where the term starts, when it is one more than QueryOptions::max_clauses,
  // so the error points at the term that crosses the limit however the terms are joined.
  Status CountTerm(size_t pos) {
    if (++clauses_ <= opt_.max_clauses) return Status::Ok();
    return Error(pos, "too many terms (at most " + std::to_string(opt_.max_clauses) + ")");
  }
  const Token& Peek() const { return toks_[i_]; }
  const Token& Next() { return toks_[i_++]; }

  // ParseAnd; when every word it read was a stopword it dropped (an alternative of OR, or a
  // group: "(tidak akan) OR batal"), it reads them again, kept: an alternative the user wrote
  // never disappears from the query (which would leave "batal" alone).
  // Filters by field ("source" -> source:kompas, source:tempo): ORed within a field, ANDed across.
  using FilterMap = std::map<std::string, std::vector<Xapian::Query>>;

  // `q` filtered by `filters`; filters alone match their articles with no weight. Never fails.
  static Xapian::Query ApplyFilters(Xapian::Query q, const FilterMap& filters) {
    for (const auto& [name, alts] : filters) {
      Xapian::Query f(Xapian::Query::OP_OR, alts.begin(), alts.end());
      q = q.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, f, 0.0) : Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    }
    return q;
  }

  // The filter fields whose filters ParseOr applies to all its alternatives, from the current
  // token to the end of this level of parentheses: a field that one alternative writes beside
  // words and no other alternative writes ("korupsi OR suap date:2019-10"). A field written in
  // several alternatives filters each where it is written ("korupsi source:kompas OR suap
  // source:tempo"), and an alternative of filters alone is one ("korut OR source:kompas": korut,
  // and every kompas article). Empty when no OR follows.
  std::set<std::string> FieldsToHoist() const {
    struct Alternative {
      std::set<std::string> fields;
      bool words = false;
    };
    std::vector<Alternative> alts(1);
    int depth = 0;
    bool after_not = false;
    for (size_t k = i_; k < toks_.size(); ++k) {
      const Token& t = toks_[k];
      if (t.kind == Token::kEnd || (depth == 0 && t.kind == Token::kRParen)) break;
      const bool negated = after_not || t.sign == '-';
      after_not = depth == 0 && t.kind == Token::kNot;
      if (t.kind == Token::kRParen) --depth;
      if (t.kind == Token::kLParen && depth++ == 0) {
        const std::string f = FilterGroupFieldAt(k);
        if (!f.empty() && !t.sign && !negated) alts.back().fields.insert(f);
        else if (f.empty() && !negated) alts.back().words = true;
      }
      if (depth != 0) continue;
      if (t.kind == Token::kOr) alts.emplace_back();
      if (t.kind != Token::kWord && t.kind != Token::kPhrase) continue;
      if (IsFilterField(t.field)) {
        if (!t.sign && !negated) alts.back().fields.insert(t.field);
      } else if (!negated) {
        alts.back().words = true;
      }
    }
    if (alts.size() < 2) return {};
    std::map<std::string, int> written;
    for (const Alternative& a : alts) {
      for (const std::string& f : a.fields) ++written[f];
    }
    std::set<std::string> hoist;
    for (const Alternative& a : alts) {
      if (!a.words) continue;
      for (const std::string& f : a.fields) {
        if (written[f] == 1) hoist.insert(f);
      }
    }
    return hoist;
  }

  // One alternative of an OR; its filters of the `fields` go to `hoist` instead of applying to it.
  Result<Xapian::Query> ParseAlternative(const std::set<std::string>& fields, FilterMap* hoist) {
    const size_t start = i_, words = out_.words.size(), ranked = out_.ranked_stopwords.size(), clauses = clauses_,
                 aliases = out_.aliases.size();
    const FilterMap hoisted_before = *hoist;
    const bool dropped_before = dropped_any_stopword_;
    const size_t searched_before = searched_;
    dropped_any_stopword_ = false;
    auto q = ParseAnd(fields, hoist);
    const bool dropped = dropped_any_stopword_;
    dropped_any_stopword_ = dropped_before || dropped;
    // Read again, the stopwords kept, when it searches nothing else: not only when nothing is
    // left ("(yang terlalu)"), but when only exclusions or filters are ("(tidak -hujan)" had
    // matched every article without hujan, where "tidak -hujan" finds those that say tidak).
    if (!q.ok() || searched_ > searched_before || !dropped || keep_stopwords_) return q;
    i_ = start;
    out_.words.resize(words);  // the words read again are listed again
    out_.ranked_stopwords.resize(ranked);  // and searched, not weight only
    out_.aliases.resize(aliases);          // and their aliases found again
    clauses_ = clauses;        // and counted again
    *hoist = hoisted_before;   // and its filters read again
    keep_stopwords_ = true;
    auto kept = ParseAnd(fields, hoist);
    keep_stopwords_ = false;
    return kept;
  }

  // Alternatives joined by OR. A filter written beside words in one of them (source:,
  // category:, year:, month:, date:) filters them all when no other alternative writes
  // its field (FieldsToHoist), as Xapian's QueryParser filters the whole query: "korupsi OR suap
  // date:2019-10" is the October articles on either, not suap's in October and korupsi's of
  // any date; inside parentheses, the group's alternatives.
  Result<Xapian::Query> ParseOr() {
    std::vector<Xapian::Query> parts;
    const size_t start = i_;
    FilterMap hoisted;
    const std::set<std::string> fields = FieldsToHoist();
    auto first = ParseAlternative(fields, &hoisted);
    if (!first.ok()) return first;
    if (i_ == start && Peek().kind == Token::kOr) return Error(Peek().pos, "OR needs a term on both sides");  // "OR korut"
    parts.push_back(*first);
    while (Peek().kind == Token::kOr) {
      const Token& op = Next();
      if (Peek().kind == Token::kEnd || Peek().kind == Token::kRParen || Peek().kind == Token::kOr) {
        return Error(op.pos, "OR needs a term on both sides");
      }
      auto next = ParseAlternative(fields, &hoisted);
      if (!next.ok()) return next;
      parts.push_back(*next);
    }
    std::erase_if(parts, [](const Xapian::Query& p) { return p.empty(); });  // an alternative of filters only
    Xapian::Query q;
    if (parts.size() == 1) q = parts[0];
    if (parts.size() > 1) q = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    return ApplyFilters(q, hoisted);
  }

  // Words, phrases, groups and filters joined by AND or the default operator; the filters of the
  // `hoist_fields` go to `hoist` (ParseOr's, for all its alternatives) instead of applying here.
  Result<Xapian::Query> ParseAnd(const std::set<std::string>& hoist_fields, FilterMap* hoist) {
    // weight_only: stopwords the query does not search; they add weight to documents that match
    // the other words but match nothing on their own (a headline's "terlalu", "sendiri", "yakin"
    // count in an --any query; "ibu kota baru" ranks the articles on kota that say ibu and baru
    // first). Highlighted in an --any query, where every word is optional; in an all-words
    // query, where the note says they are not required, they are not ("yang" lit everywhere).
    std::vector<Xapian::Query> required, optional, excluded;
    std::vector<std::string> weight_only;
    FilterMap filters;
    bool any = false;
    // The plain words (no field, sign, wildcard or '=') the query writes one after the other,
    // and whether each is a stopword WordQuery dropped: pairs of a dropped stopword and a word
    // beside it (stopword_pairs) rank an all-words query's articles that write them together.
    std::vector<std::string> run;
    std::vector<bool> run_dropped;
    std::vector<Xapian::Query> stopword_pairs;
    auto common = [&](const std::string& word) {
      const Terms t = Analyse(word, "");
      return t.plain.empty() || db_.get_termfreq(t.plain[0]) > kStopwordPairMaxShare * db_.get_doccount();
    };
    auto end_run = [&] {
      std::vector<int> common_at(run.size(), -1);  // common(run[k]), read once: -1 not yet
      auto is_common = [&](size_t k) {
        if (common_at[k] < 0) common_at[k] = common(run[k]) ? 1 : 0;
        return common_at[k] == 1;
      };
      // A query of stopwords only (read again with them kept: "tahun baru", "ibu kota lama"):
      // each two neighbours also rank as a pair, as a stopword beside a word does, so New Year's
      // articles come before those that say "tahun" and "baru" apart.
      if (keep_stopwords_ && opt_.default_op == DefaultOperator::kAnd) {
        for (size_t k = 0; k + 1 < run.size(); ++k) {
          if (is_common(k) || is_common(k + 1)) continue;
          const Terms terms = Analyse(run[k] + " " + run[k + 1], "");
          if (terms.plain.size() >= 2) {
            stopword_pairs.emplace_back(Xapian::Query::OP_PHRASE, terms.plain.begin(), terms.plain.end(), terms.plain.size());
          }
        }
      }
      for (size_t k = 0; k < run.size(); ++k) {
        if (!run_dropped[k]) continue;
        if (is_common(k)) continue;
        for (size_t other : {k - 1, k + 1}) {
          if (other >= run.size() || run_dropped[other]) continue;  // two stopwords rank nothing
          const Terms terms = Analyse(other < k ? run[other] + " " + run[k] : run[k] + " " + run[other], "");
          if (terms.plain.size() >= 2) {
            stopword_pairs.emplace_back(Xapian::Query::OP_PHRASE, terms.plain.begin(), terms.plain.end(), terms.plain.size());
          }
        }
      }
      run.clear();
      run_dropped.clear();
    };
    // The list the last clause went to. AND binds its operands to each other: with --any,
    // "putin kim AND soviet" is putin OR (kim AND soviet), as in Xapian's QueryParser.
    std::vector<Xapian::Query>* last = nullptr;
    while (true) {
      const Token& t = Peek();
      if (t.kind == Token::kEnd || t.kind == Token::kRParen || t.kind == Token::kOr) break;
      const bool plain_word = t.kind == Token::kWord && t.field.empty() && !t.sign && !t.exact && !t.wildcard &&
                              !(i_ + 1 < toks_.size() && toks_[i_ + 1].kind == Token::kAnd);
      if (!plain_word) end_run();
      if (t.kind == Token::kAnd && any && i_ + 1 < toks_.size() && toks_[i_ + 1].kind == Token::kNot) {
        Next();  // "AND NOT" is NOT, as in Xapian's QueryParser and Lucene
        continue;
      }
      if (t.kind == Token::kAnd) {
        const Token& op = Next();
        if (!any || Peek().kind == Token::kEnd || Peek().kind == Token::kRParen || Peek().kind == Token::kOr) {
          return Error(op.pos, "AND needs a term on both sides");
        }
        const size_t term_pos = Peek().pos;
        const char sign = Peek().sign;  // "AND -rusia" excludes, as "-rusia" does; "AND +rusia" requires
        ++operand_;  // an operand of AND keeps its stopwords, like +word
        auto q = ParseUnary();
        --operand_;
        if (!q.ok()) return q;
        if (q->empty()) continue;
        if (Status st = CountTerm(term_pos); !st.ok()) return st;
        if (sign == '-') {
          excluded.push_back(*q);
          last = nullptr;
          continue;
        }
        ++searched_;
        if (last == &optional && !optional.empty()) {
          optional.back() = Xapian::Query(Xapian::Query::OP_AND, optional.back(), *q);
        } else {
          required.push_back(*q);
          last = &required;
        }
        continue;
      }
      if (t.kind == Token::kNot) {
        const Token& op = Next();
        if (Peek().kind == Token::kEnd || Peek().kind == Token::kRParen || Peek().kind == Token::kOr) {
          return Error(op.pos, "NOT must be followed by a term");
        }
        if (Peek().sign == '-') return Error(Peek().pos, "NOT and '-' both exclude: write one of them");
        if (Peek().sign == '+') return Error(Peek().pos, "'+' after NOT contradicts it: write NOT without '+'");
        const size_t term_pos = Peek().pos;
        ++operand_;  // an operand of NOT keeps its stopwords, like -word
        const CountWhile not_operand(excluding_, true);
        auto q = ParseUnary();
        --operand_;
        if (!q.ok()) return q;
        if (!q->empty()) {
          if (Status st = CountTerm(term_pos); !st.ok()) return st;
          excluded.push_back(*q);
        }
        any = true;
        last = nullptr;
        continue;
      }
      const size_t term_pos = t.pos;  // where the term starts (its sign, field or '=' included)
      const std::string text = t.text;
      if (auto alias = TryMultiWordAlias(); !alias.empty()) {
        end_run();
        if (Status st = CountTerm(term_pos); !st.ok()) return st;
        any = true;
        ++searched_;
        last = opt_.default_op == DefaultOperator::kAnd ? &required : &optional;
        last->push_back(alias);
        continue;
      }
      const char sign = t.sign;
      const std::string field = t.field;
      // A filter however written: source:kompas, source:"berita utama", source:(kompas OR tempo).
      const std::string filter_field = t.kind == Token::kLParen ? FilterGroupField() : field;
      const bool is_filter = (t.kind == Token::kWord || t.kind == Token::kPhrase || t.kind == Token::kLParen) &&
                             IsFilterField(filter_field);
      dropped_stopword_.clear();
      // The left operand of AND keeps its stopwords too ("yang AND korea").
      const bool before_and = i_ + 1 < toks_.size() && toks_[i_ + 1].kind == Token::kAnd;
      operand_ += before_and;
      auto q = ParseUnary();
      operand_ -= before_and;
      if (!q.ok()) return q;
      any = true;
      last = nullptr;
      if (q->empty() && !dropped_stopword_.empty() && !sign) {
        weight_only.emplace_back(dropped_stopword_);
        if (opt_.default_op == DefaultOperator::kAnd) out_.ranked_stopwords.push_back(dropped_stopword_);
      }
      if (plain_word) {
        run.push_back(text);
        run_dropped.push_back(q->empty() && !dropped_stopword_.empty());
      }
      if (q->empty()) continue;
      if (sign == '-') excluded.push_back(*q);
      else if (is_filter) filters[filter_field].push_back(*q);
      else {
        last = sign == '+' || opt_.default_op == DefaultOperator::kAnd ? &required : &optional;
        last->push_back(*q);
        ++searched_;
      }
      if (Status st = CountTerm(term_pos); !st.ok()) return st;
    }
    end_run();
    Xapian::Query q;
    if (!required.empty()) q = Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
    if (!optional.empty()) {
      Xapian::Query o(Xapian::Query::OP_OR, optional.begin(), optional.end());
      q = q.empty() ? o : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, o);
    }
    if (!q.empty() && !weight_only.empty()) {
      // The stopwords WordQuery dropped now take part.
      if (opt_.default_op == DefaultOperator::kOr) out_.highlight.insert(out_.highlight.end(), weight_only.begin(), weight_only.end());
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_OR, weight_only.begin(), weight_only.end()));
    }
    // Pairs come from dropped stopwords (weight_only) or from a query of stopwords kept.
    if (!q.empty() && opt_.default_op == DefaultOperator::kAnd && !stopword_pairs.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                      Xapian::Query(Xapian::Query::OP_OR, stopword_pairs.begin(), stopword_pairs.end()),
                                      kStopwordPairWeight));
    }
    for (auto it = filters.begin(); it != filters.end();) {
      if (!hoist_fields.contains(it->first)) {
        ++it;
        continue;
      }
      auto& to = (*hoist)[it->first];
      to.insert(to.end(), it->second.begin(), it->second.end());
      it = filters.erase(it);
    }
    q = ApplyFilters(q, filters);
    if (!excluded.empty()) {
      if (q.empty()) q = Xapian::Query::MatchAll;
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    return q;
  }

  // The field of a parenthesised group at the current token that holds filters of one field and
  // nothing else (source:(kompas OR tempo), (date:2019-10..)): words and phrases of that field,
  // OR, AND and nested parentheses, no sign, NOT or NEAR. Empty otherwise: a group of words.
  std::string FilterGroupField() const { return FilterGroupFieldAt(i_); }
  std::string FilterGroupFieldAt(size_t at) const {
    std::string field;
    int depth = 0;
    for (size_t k = at; k < toks_.size(); ++k) {
      const Token& t = toks_[k];
      if (t.sign && k > at) return {};  // "source:(kompas OR -(tempo))": a sign inside is no filter value
      switch (t.kind) {
        case Token::kLParen: ++depth; break;
        case Token::kRParen:
          if (--depth == 0) return field;
          break;
        case Token::kOr: case Token::kAnd: break;
        case Token::kWord: case Token::kPhrase:
          if (t.sign || !IsFilterField(t.field) || (!field.empty() && t.field != field)) return {};
          field = t.field;
          break;
        default: return {};
      }
    }
    return {};
  }

  // Plain unquoted words that together spell a multi-word alias ("korea utara", "Badan
  // Meteorologi, Klimatologi, dan Geofisika"): the phrase OR the other forms of its group, for the
  // longest form they spell. Consumes the words; returns an empty query when none match.
  Xapian::Query TryMultiWordAlias() {
    auto plain = [&](size_t k) {
      const Token& t = toks_[k];
      return t.kind == Token::kWord && t.field.empty() && !t.sign && !t.exact && !t.wildcard;
    };
    if (!plain(i_)) return {};
    const std::string first = AliasKeyOf(toks_[i_].text);
    if (first.empty()) return {};
    // The table's forms that start with the first word, whatever their length (one look-up, not
    // one per length): the longest that the words from here spell, not followed by NEAR.
    size_t n = 0;
    std::string key;
    const std::string starts = first + ' ';
    for (auto it = db_.synonym_keys_begin(starts); it != db_.synonym_keys_end(starts); ++it) {
      const std::string form = *it;
      std::string spelt = first;
      size_t k = i_ + 1;
      while (spelt.size() < form.size() && k < toks_.size() && plain(k)) {
        const std::string part = AliasKeyOf(toks_[k].text);
        if (part.empty()) break;  // "&" is no word of a form ("Korut & Rusia")
        spelt += ' ' + part;
        ++k;
        if (form.compare(0, spelt.size(), spelt) != 0) break;
      }
      if (spelt != form || k - i_ < 2 || k - i_ <= n) continue;
      if (k < toks_.size() && toks_[k].kind == Token::kNear) continue;
      n = k - i_;
      key = form;
    }
    if (n == 0) return {};
    Terms t = Analyse(key, "");
    if (t.plain.empty()) return {};
    std::vector<Xapian::Query> alts{AliasPhrase(t.plain, "")};
    AddAliases({key}, "", key, alts);
    Xapian::Query group(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    // The words also count as typed, combined as the query combines words: the aliases add
    // articles ("menkeu"), never take away those with the words apart ("menteri ... keuangan").
    // Not when all words must match and one of them is a stopword, which the words apart would
    // not require: "menteri luar negeri" apart is "menteri ... negeri", which Mendagri's articles
    // match as well (336 of the 802 found on CLICK-ID). With --any the words only rank, and stay.
    if (opt_.default_op == DefaultOperator::kAnd &&
        std::any_of(toks_.begin() + static_cast<std::ptrdiff_t>(i_), toks_.begin() + static_cast<std::ptrdiff_t>(i_ + n),
                    [&](const Token& w) { return an_.IsStopword(AliasKeyOf(w.text)); })) {
      i_ += n;
      return group;
    }
    std::vector<Xapian::Query> words;
    for (size_t k = 0; k < n; ++k) {
      auto w = ParsePrimary();
      if (w.ok() && !w->empty()) words.push_back(*w);
    }
    if (words.empty()) return group;
    const auto combine = opt_.default_op == DefaultOperator::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
    // With --any the written words rank the articles that have them, and the group, which
    // matches them again, weighs a quarter: it is there for the articles with another form only
    // (kAnyWrittenGroupWeight).
    if (opt_.default_op == DefaultOperator::kOr) group = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, group, kAnyWrittenGroupWeight);
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(combine, words.begin(), words.end()), group);
  }

  // An operand of NOT or '-', at any depth, adds nothing to light: its words stand in the hits an
  // exclusion inside an OR or a group lets through ("putin -(trump kim)" lit Trump in the
  // articles without Kim, and an excluded word steered which sentences the snippet showed).
  Result<Xapian::Query> ParseUnary() {
    const bool excluded = excluding_ > 0 || Peek().sign == '-';
    const size_t highlight = out_.highlight.size(), prefixes = out_.prefixes.size(), phrases = out_.phrases.size(),
                 nears = out_.nears.size();
    auto q = ParseSignedUnary();
    if (excluded) {
      out_.highlight.resize(std::min(highlight, out_.highlight.size()));
      out_.prefixes.resize(std::min(prefixes, out_.prefixes.size()));
      out_.phrases.resize(std::min(phrases, out_.phrases.size()));
      out_.nears.resize(std::min(nears, out_.nears.size()));
    }
    return q;
  }

  Result<Xapian::Query> ParseSignedUnary() {
    const CountWhile minus_operand(excluding_, Peek().sign == '-');  // "-word", "-(group)", "AND -word"
    const bool near_follows = i_ + 1 < toks_.size() && toks_[i_ + 1].kind == Token::kNear;
    const size_t first_pos = Peek().pos;
    const bool group = Peek().kind == Token::kLParen;
    const bool first_proximity = Peek().proximity;
    const std::string first_field = Peek().field;
    near_sequences_.clear();
    const size_t highlight0 = out_.highlight.size(), prefixes0 = out_.prefixes.size(), phrases0 = out_.phrases.size();
    const bool first_wildcard = Peek().wildcard;
    auto first = ParsePrimary(near_follows);
    if (!first.ok()) return first;
    if (Peek().kind != Token::kNear) return first;
    // A group was parsed as words to rank (stems, aliases), not positions: refused too.
    if (Status s = group ? Error(first_pos, NearGroupError(first_proximity)) : CheckNearOperand(*first, first_pos); !s.ok()) return s;
    std::vector<NearOperand> operands;
    std::vector<size_t> highlight_ends;  // where each operand's forms end in out_.highlight
    // A word with no terms (punctuation: "korupsi NEAR/3 - suap") is no operand; without this the
    // NEAR matched nothing, or its other words were dropped. A wildcard with no words stays one.
    auto add = [&](const Xapian::Query& q, bool wildcard) {
      if (q.empty() && !wildcard) return;
      operands.push_back(NearOperandOf(q));
      highlight_ends.push_back(out_.highlight.size());
    };
    add(*first, first_wildcard);
    int window = 0;
    while (Peek().kind == Token::kNear) {
      const Token& op = Next();
      window = std::max(window, op.near);
      if (Peek().kind == Token::kLParen) return Error(Peek().pos, NearGroupError(Peek().proximity));  // as for one before NEAR
      if (Peek().kind != Token::kWord && Peek().kind != Token::kPhrase) return Error(op.pos, "NEAR must be followed by a word");
      // "korut NEAR/3 -rusia" would have searched rusia near korut, the articles it meant to leave out.
      if (Peek().sign) {
        return Error(Peek().pos, std::string("a word after NEAR takes no '") + Peek().sign +
                                     "': a sign goes before the whole NEAR (-a NEAR/3 b, -(a NEAR/3 b)), or on a word of its own (a NEAR/3 b -c)");
      }
      const size_t pos = Peek().pos;
      const std::string field = Peek().field;
      const bool wildcard = Peek().wildcard;
      near_sequences_.clear();
      auto next = ParsePrimary(/*positional=*/true);
      if (!next.ok()) return next;
      if (Status s = CheckNearOperand(*next, pos); !s.ok()) return s;
      if (field != first_field) {  // a title's word and the text's never stand near each other
        auto where = [](const std::string& f) { return f.empty() ? std::string("the text") : f + ":"; };
        return Error(pos, "NEAR's operands must be words of one field, not of " + where(first_field) + " and " + where(field));
      }
      add(*next, wildcard);
      // 240 words of aliases (menlu NEAR/9 korut NEAR/9 AS ...) grew the query and the matcher's
      // position checks until memory ran out; a pasted paragraph as "..."~5 took 1.8 GB.
      if (operands.size() > kMaxNearOperands) {
        std::string what = "NEAR joins at most ";  // appends: "literal" + std::string trips GCC 12's -Wrestrict
        what += std::to_string(kMaxNearOperands);
        what += " words (a \"phrase\"~n as well): split it, or search the words without NEAR";
        return Error(pos, what);
      }
    }
    if (operands.empty()) return Xapian::Query();
    // One word left is that word, as it would be outside NEAR (its aliases included).
    if (operands.size() > 1 && out_.prefixes.size() == prefixes0) HighlightNear(operands, highlight0, highlight_ends, phrases0, window);
    if (operands.size() > 1) out_.together = true;
    return NearQuery(operands, window);
  }

  // One operand of NEAR: its single-word forms (a term or the OP_OR of terms) and the word
  // sequences of its multi-word aliases ("korea utara" for "korut"); a phrase ("gencatan
  // senjata", or a hyphenated word) has no forms, its sequence first, then those of a hyphenated
  // word's alias forms or compound variants ("alquran" for "Al-Quran", "amerika serikat tiongkok"
  // for "AS-China").
  struct NearOperand {
    Xapian::Query forms;
    std::vector<std::vector<std::string>> sequences;
    bool phrase = false;
  };

  // The NearOperand of `q`, an operand CheckNearOperand accepted, with near_sequences_ (the
  // sequences of its multi-word aliases). A phrase's words are in out_.phrases, as the sequences
  // of aliases are, until HighlightNear makes them the NEAR's.
  NearOperand NearOperandOf(const Xapian::Query& q) {
    if (q.get_type() != Xapian::Query::OP_PHRASE) return {q, near_sequences_};
    std::vector<std::string> words;
    for (size_t k = 0; k < q.get_num_subqueries(); ++k) words.push_back(*q.get_subquery(k).get_terms_begin());
    std::vector<std::vector<std::string>> sequences{std::move(words)};
    sequences.insert(sequences.end(), near_sequences_.begin(), near_sequences_.end());
    return {Xapian::Query(), std::move(sequences), true};
  }
  static constexpr size_t kMaxNearVariants = 16;
  static constexpr size_t kMaxNearOperands = 16;  // words of one NEAR chain or "..."~n

  // Xapian 1.4's NEAR takes no phrase, so each way of choosing, per operand, its forms or one of
  // its sequences (a phrase operand: its sequence) becomes a NEAR of its own: the sequence's
  // words as operands of the NEAR (the window grows by them) and, as a filter, the sequence as a
  // phrase. Approximate: the phrase may stand elsewhere in the document than the words near the
  // other operands. The variants are ORed; at most kMaxNearVariants of them (the first operands'
  // sequences first).
  static Xapian::Query NearQuery(const std::vector<NearOperand>& operands, int window) {
    std::vector<std::vector<size_t>> choices{{}};  // per variant: 0 = forms, k = sequence k-1
    for (const NearOperand& op : operands) {
      std::vector<std::vector<size_t>> next;
      for (const auto& c : choices) {
        for (size_t k = op.phrase ? 1 : 0; k <= op.sequences.size(); ++k) {
          if (k > (op.phrase ? 1u : 0u) && next.size() >= kMaxNearVariants) break;
          next.push_back(c);
          next.back().push_back(k);
        }
      }
      choices = std::move(next);
    }
    std::vector<Xapian::Query> variants;
    for (const auto& c : choices) {
      std::vector<Xapian::Query> parts, phrases;
      for (size_t o = 0; o < operands.size(); ++o) {
        if (c[o] == 0) {
          parts.push_back(operands[o].forms);
          continue;
        }
        const auto& seq = operands[o].sequences[c[o] - 1];
        for (const auto& w : seq) parts.emplace_back(w);
        phrases.emplace_back(Xapian::Query::OP_PHRASE, seq.begin(), seq.end());
      }
      Xapian::Query q(Xapian::Query::OP_NEAR, parts.begin(), parts.end(),
                      static_cast<Xapian::termcount>(window + static_cast<int>(parts.size())));
      if (!phrases.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, phrases.begin(), phrases.end()));
      variants.push_back(std::move(q));
    }
    if (variants.size() == 1) return variants[0];
    return Xapian::Query(Xapian::Query::OP_OR, variants.begin(), variants.end());
  }

  // Moves the words the operands of a NEAR added to out_.highlight (from `begin`; operand k's end
  // at ends[k]) and to out_.phrases (from `phrases_begin`: phrase operands, multi-word aliases)
  // to out_.nears, as each operand's forms: its one-word forms (the terms of its query) and its
  // sequences; `window` is the NEAR's n. Left as they are when an operand is a field's (prefixed
  // terms: not words of the text) or has no form.
  void HighlightNear(const std::vector<NearOperand>& operands, size_t begin, const std::vector<size_t>& ends,
                     size_t phrases_begin, int window) {
    NearWords near;
    for (size_t k = 0; k < operands.size(); ++k) {
      const auto first = out_.highlight.begin() + static_cast<std::ptrdiff_t>(k == 0 ? begin : ends[k - 1]);
      const auto last = out_.highlight.begin() + static_cast<std::ptrdiff_t>(ends[k]);
      for (auto w = first; w != last; ++w) {
        if (w->empty() || std::isupper(static_cast<unsigned char>((*w)[0]))) return;  // a field's term
      }
      std::vector<std::vector<std::string>> forms;
      if (!operands[k].phrase) {
        for (auto t = operands[k].forms.get_terms_begin(); t != operands[k].forms.get_terms_end(); ++t) forms.push_back({*t});
      }
      for (const auto& seq : operands[k].sequences) forms.push_back(seq);
      if (forms.empty()) return;
      near.operands.push_back(std::move(forms));
    }
    near.max_gap = static_cast<size_t>(window);
    out_.highlight.erase(out_.highlight.begin() + static_cast<std::ptrdiff_t>(begin), out_.highlight.end());
    out_.phrases.erase(out_.phrases.begin() + static_cast<std::ptrdiff_t>(phrases_begin), out_.phrases.end());
    out_.nears.push_back(std::move(near));
  }

  // Xapian 1.4's NEAR takes terms and ORs of terms (a wildcard's expansions) and nothing else
  // (it would throw "only currently support leaf subqueries"); a phrase of terms becomes words
  // of the NEAR (NearQuery). Anything else: our error, at the operand.
  Status CheckNearOperand(const Xapian::Query& q, size_t pos) const {
    bool ok = q.get_type() == Xapian::Query::LEAF_TERM || q.get_type() == Xapian::Query::LEAF_MATCH_NOTHING;
    if (q.get_type() == Xapian::Query::OP_OR || q.get_type() == Xapian::Query::OP_PHRASE) {
      ok = true;
      for (size_t k = 0; k < q.get_num_subqueries(); ++k) ok = ok && q.get_subquery(k).get_type() == Xapian::Query::LEAF_TERM;
    }
    return ok ? Status::Ok() : Error(pos, kNearOperands);
  }
  static constexpr const char* kNearOperands = "NEAR takes words, phrases and wildcards (not groups or ranges)";

  // The error for a group as NEAR's operand; a phrase's "~n" is one too, a NEAR of its own
  // ("\"a b\"~2 NEAR/3 c" was told it was a group).
  static std::string NearGroupError(bool proximity) {
    if (!proximity) return kNearOperands;
    return "a phrase with '~' is a NEAR of its own and cannot be NEAR's operand: chain the words (a NEAR/2 b NEAR/3 c)";
  }

  // The terms a piece of text produces, as the indexer would produce them.
  struct Terms {
    std::vector<std::string> plain;  // unstemmed, in position order
    std::vector<std::string> stems;  // "Z"-prefixed stems in position order ("" where none)
  };
  Terms Analyse(const std::string& text, const std::string& prefix) {
    Terms t;
    for (std::string& term : IndexedWords(tg_, text, prefix)) {
      t.plain.push_back(term);
      std::string word = term.substr(prefix.size());
      bool stemmable = !word.empty() && !std::isdigit(static_cast<unsigned char>(word[0]));
      t.stems.push_back(stemmable ? "Z" + prefix + stem_(word) : "");
    }
    return t;
  }

  // A word of `text` longer than the index keeps (schema::kMaxWordBytes), which the tokeniser
  // would drop without a word ("banjir xxx…x" searching banjir), or "". A note says that no
  // article has it; the caller searches it as a term, which matches nothing (an empty query
  // would be dropped, as a stopword is).
  std::string TooLongWord(const std::string& text) {
    for (size_t i = 0; i < text.size();) {
      size_t j = i;
      while (j < text.size() && IsWordByte(text[j])) ++j;
      if (j - i > schema::kMaxWordBytes) {
        std::string shown = text.substr(i, 20);
        while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();  // whole letters
        if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
        const std::string note = "'" + shown + "…' is longer than the " + std::to_string(schema::kMaxWordBytes) +
                                 " bytes a word of the index may have: no article has it";
        if (std::find(out_.notes.begin(), out_.notes.end(), note) == out_.notes.end()) out_.notes.push_back(note);
        return ToLowerFolded(text.substr(i, j - i));
      }
      i = std::max(j, i + 1);
    }
    return "";
  }

  Xapian::Query WordQuery(const Token& tok, const std::string& prefix, bool positional) {
    if (const std::string long_word = TooLongWord(tok.text); !long_word.empty()) return Xapian::Query(prefix + long_word);
    Terms t = Analyse(tok.text, prefix);
    if (t.plain.empty()) return {};
    if (const size_t dash = tok.text.rfind('-'); t.plain.size() == 2 && dash != std::string::npos && !tok.exact) {
      // "KPK-nya", "Instagram-nya": a clitic after a hyphen belongs to the word before it, as the
      // stemmer reads "anak-anak-nya"; the word is searched (as the phrase "kpk nya", KPK-nya
      // found 4 CLICK-ID articles against KPK's 1,785).
      const std::string clitic = ToLower(tok.text.substr(dash + 1));
      if (std::find(std::begin(kClitics), std::end(kClitics), clitic) != std::end(kClitics) && t.plain[1] == prefix + clitic) {
        Token word = tok;
        word.text = tok.text.substr(0, dash);
        word.end = tok.end - (tok.text.size() - dash);
        return WordQuery(word, prefix, positional);
      }
    }
    if (t.plain.size() > 1) {
      // "Jong-un", "e-KTP": the parts as a phrase, each part checked for spelling as a phrase's
      // words are ("Presdien-Jokwi": did you mean Presiden-Jokowi?).
      if (tok.end >= tok.text.size()) AddWordsAt(tok.end - tok.text.size(), tok.text, prefix);
      HighlightWords(t.plain, prefix);
      out_.together = true;
      std::vector<Xapian::Query> alts{Xapian::Query(Xapian::Query::OP_PHRASE, t.plain.begin(), t.plain.end())};
      // An alias form written as one hyphenated word ("Al-Quran", "PDI-P", "Undang-Undang"): its
      // group, as for the words written apart; else a compound of forms ("AS-China"). As NEAR's
      // operand, which takes words, their word sequences go to near_sequences_.
      if (tok.exact) return alts[0];
      const std::string key = AliasKeyOf(tok.text);
      if (positional) {
        std::vector<std::vector<std::string>> seqs;
        for (Terms& form : AliasForms({key}, prefix, key)) seqs.push_back(std::move(form.plain));
        if (seqs.empty()) seqs = CompoundVariants(tok.text, prefix, t.plain);
        for (auto& seq : seqs) {
          if (near_sequences_.size() >= kMaxNearVariants) break;
          HighlightWords(seq, prefix);
          near_sequences_.push_back(std::move(seq));
        }
        return alts[0];
      }
      AddAliases({key}, prefix, key, alts);  // nothing when the table has no such form
      // A code the articles write joined only ("G-20": they write G20; the index learns a pair
      // only from both writings): the joined word too, by the rule the indexer learns by.
      if (alts.size() == 1 && t.plain.size() == 2) {
        const auto is_word = [&](const std::string& w) { return an_.IsRoot(w) || an_.IsStopword(w); };
        const auto pairs = LearnedHyphenForms(tok.text, is_word);
        if (pairs.size() == 1 && pairs[0].second == t.plain[0].substr(prefix.size()) + " " + t.plain[1].substr(prefix.size())) {
          const std::string joined = prefix + pairs[0].first;
          HighlightWords({joined}, prefix);
          alts.emplace_back(joined);
          return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
        }
      }
      if (alts.size() == 1) {
        for (const auto& words : CompoundVariants(tok.text, prefix, t.plain)) {
          HighlightWords(words, prefix);
          alts.emplace_back(Xapian::Query::OP_PHRASE, words.begin(), words.end());
        }
      }
      return alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    }
    const std::string& plain = t.plain[0];
    const std::string lower = plain.substr(prefix.size());
    if (tok.exact || t.stems[0].empty()) {
      out_.highlight.push_back(plain);
      // An exact word is checked for spelling too (=jokowu: did you mean =jokowi?).
      if (tok.exact && tok.end >= tok.text.size() && out_.text.compare(tok.end - tok.text.size(), tok.text.size(), tok.text) == 0) {
        out_.words.push_back({tok.end - tok.text.size(), tok.end, lower, prefix, excluding_ > 0});
      }
      // A whole number with or without Indonesian thousands dots ("17000", "17.000") is both.
      if (const std::string other = OtherThousandsForm(lower); !tok.exact && !other.empty()) {
        out_.highlight.push_back(prefix + other);
        out_.aliases.push_back(AliasUse{lower, {other}, excluding_ > 0});  // --analyze names it
        return Xapian::Query(positional ? Xapian::Query::OP_OR : Xapian::Query::OP_SYNONYM, Xapian::Query(plain),
                             Xapian::Query(prefix + other));
      }
      return Xapian::Query(plain);
    }
    // For spelling: the word's bytes in the query (its text ends its token: a field's value, a
    // word of "a b"~n), else the token's.
    if (tok.end >= tok.text.size() && out_.text.compare(tok.end - tok.text.size(), tok.text.size(), tok.text) == 0) {
      out_.words.push_back({tok.end - tok.text.size(), tok.end, lower, prefix, excluding_ > 0});
    } else if (prefix.empty()) {
      out_.words.push_back({tok.pos + (tok.sign ? 1 : 0), tok.end, lower, "", excluding_ > 0});
    }
    if (positional) return PositionalForms(tok, prefix, plain, lower);
    std::vector<std::string> keys = AliasKeys(tok.text, lower);
    const bool case_sensitive_alias = keys.size() > 2;  // AliasKeys found "=WORD" or ">=WORD"
    // Stopwords are dropped outside phrases (kept when they are the whole query, when every
    // searched word is one (ParseQuery's second reading), when they are required or excluded with
    // +, -, AND or NOT, or when they are written as a case-sensitive alias). A dropped one is not
    // highlighted: it is not searched, unless ParseAnd puts it back as weight (--any), and then
    // ParseAnd highlights it.
    if (prefix.empty() && an_.IsStopword(lower) && toks_.size() > 2 && !case_sensitive_alias && !tok.sign &&
        !keep_stopwords_ && operand_ == 0) {
      dropped_stopword_ = plain;
      dropped_any_stopword_ = true;
      return {};
    }
    std::vector<Xapian::Query> alts;
    bool by_stem = false;
    const std::string stem = t.stems[0].substr(1 + prefix.size());
    const bool stopword_root = StopwordRoot(lower, stem);
    const StemAliases stem_aliases = stopword_root ? StemAliases::kNone : StemAliasesOf(lower, stem);
    if (stopword_root || stem_aliases == StemAliases::kName) {
      std::set<std::string> forms;
      if (stopword_root) {
        forms = AsWritten(lower, stem, prefix);
      } else {  // the verb's other forms, not the name
        forms.insert(plain);
        AddInflections(lower, prefix, forms);
        forms.erase(prefix + stem);
      }
      out_.highlight.insert(out_.highlight.end(), forms.begin(), forms.end());
      alts.emplace_back(forms.size() == 1 ? Xapian::Query(*forms.begin())
                                          : Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end()));
    } else {
      out_.highlight.push_back(plain);
      out_.highlight.push_back(t.stems[0]);
      alts.emplace_back(t.stems[0]);
      if (stem_aliases == StemAliases::kOneWord) keys.push_back(stem);
      by_stem = true;
    }
    AddAliases(keys, prefix, lower, alts);
    Xapian::Query q = alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    if (!by_stem || excluding_ > 0) return q;  // an excluded word's weight counts for nothing
    // The word as written adds some weight where an article writes it (kWrittenFormWeight): the
    // stem matches, the written form ranks. "adil" (fair) finds what "pengadilan" (court) finds,
    // but the articles that write "adil" come first. Not where nearly every article of the stem
    // writes the word ("jakarta"): there it would change little and cost the matcher a third more.
    const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
    if (vocabulary.get_termfreq(plain) * 10 >= vocabulary.get_termfreq(t.stems[0]) * 9) return q;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(plain), kWrittenFormWeight));
  }

  // A word as an operand of NEAR, which matches words at positions, so as written: the word, the
  // other forms of its stem that occur (InflectionCandidates the stemmer maps back to the stem:
  // "pasukannya" for "pasukan"), and its aliases' forms; the words of multi-word aliases go to
  // near_sequences_. A term, or the OP_OR of the terms.
  Xapian::Query PositionalForms(const Token& tok, const std::string& prefix, const std::string& plain, const std::string& lower) {
    std::set<std::string> forms{plain};
    std::vector<std::string> keys = AliasKeys(tok.text, lower);
    if (const std::string stem = stem_(lower); StopwordRoot(lower, stem)) {
      forms = AsWritten(lower, stem, prefix);
    } else {
      AddInflections(lower, prefix, forms);
      const StemAliases stem_aliases = StemAliasesOf(lower, stem);
      if (stem_aliases == StemAliases::kName) forms.erase(prefix + stem);
      if (stem_aliases == StemAliases::kOneWord) keys.push_back(stem);
    }
    for (Terms& t : AliasForms(keys, prefix, lower)) {
      if (t.plain.size() == 1) {
        forms.insert(t.plain[0]);
        if (!t.stems[0].empty()) AddInflections(t.plain[0].substr(prefix.size()), prefix, forms);
      } else if (near_sequences_.size() < kMaxNearVariants) {
        near_sequences_.push_back(std::move(t.plain));
      }
    }
    for (const auto& f : forms) out_.highlight.push_back(f);
    for (const auto& seq : near_sequences_) HighlightWords(seq, prefix);
    if (forms.size() == 1) return Xapian::Query(plain);
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }

  // Whether `word` (lowercase, not its own stem) has a stopword for a root: "pendapatan" (dapat),
  // "pembagian" (bagi), "memukul" (pukul, of "pukul 13.00"). Its stem's term would match most
  // articles, those with the stopword, so such a word is searched as written (AsWritten). So is
  // a stopword searched at all (alone, or +seseorang): its root is the common word it was made
  // from ("seseorang": orang, in 8,074 CLICK-ID articles; "ternyata": nyata, lighting up
  // "pernyataan"), not what was asked.
  bool StopwordRoot(const std::string& word, const std::string& stem) const {
    return stem != word && (an_.IsStopword(stem) || an_.IsStopword(word));
  }

  // What the synonym table holds for the stem of an inflected word (`word`, lowercase, not
  // `stem` itself), read once per word:
  // - kOneWord: an alias group whose forms are all one word, which the word meets as its stem's
  //   ("perizinan": izin | ijin; the caller adds `stem` to the word's alias keys), or any group
  //   of a stem the word only adds a particle or possessive to ("jokowinya": Jokowi | Joko Widodo);
  // - kName: a group with a form of several words, a name news also writes longer ("menjabarkan":
  //   jabar, Jabar | Jawa Barat; "disulut": Sulut | Sulawesi Utara). The word meets none of its
  //   forms, and its stem's term, which would match every article on the province (menjabarkan:
  //   187 of 225 CLICK-ID articles, ranked first), is left out: the word is searched by the other
  //   forms of its stem. A group whose multi-word forms are only the stem written apart ("kerja
  //   sama" for the stem kerjasama of "bekerjasama") names nothing: it is kOneWord;
  // - kNone: no group, or `word` is its own stem.
  enum class StemAliases { kNone, kOneWord, kName };
  StemAliases StemAliasesOf(const std::string& word, const std::string& stem) const {
    if (stem == word) return StemAliases::kNone;
    auto it = db_.synonyms_begin(stem);
    if (it == db_.synonyms_end(stem)) return StemAliases::kNone;
    // The name with a particle or possessive only ("Jokowinya", "Korutnya") is the name: it meets
    // its group as the name does (it found nothing, its stem left out as a verb's would be).
    if (std::any_of(std::begin(kClitics), std::end(kClitics),
                    [&](std::string_view c) { return word.size() == stem.size() + c.size() && word.starts_with(stem) && word.ends_with(c); })) {
      return StemAliases::kOneWord;
    }
    for (; it != db_.synonyms_end(stem); ++it) {
      const std::string form = *it;
      if (form.find(' ') == std::string::npos) continue;
      std::string joined = form;
      std::erase(joined, ' ');
      if (joined != stem) return StemAliases::kName;
    }
    return StemAliases::kOneWord;
  }

  // A word searched as written (StopwordRoot): its prefixed term, and those of the same word
  // with a particle or possessive (pendapatannya, pendapatanlah; from "pendapatannya", also
  // pendapatan) that the vocabulary holds and the stemmer maps to `stem`.
  std::set<std::string> AsWritten(const std::string& word, const std::string& stem, const std::string& prefix) {
    std::string base = word;
    for (std::string_view c : kClitics) {
      if (word.size() > c.size() + 2 && word.ends_with(c) && stem_(word.substr(0, word.size() - c.size())) == stem) {
        base = word.substr(0, word.size() - c.size());
        break;
      }
    }
    const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
    std::set<std::string> forms{prefix + word};
    for (std::string_view c : kClitics) {
      const std::string form = base + std::string(c);
      if (vocabulary.term_exists(prefix + form) && stem_(form) == stem) forms.insert(prefix + form);
    }
    if (base != word && vocabulary.term_exists(prefix + base)) forms.insert(prefix + base);
    return forms;
  }

  // Adds to `forms` (prefixed terms) the inflections of `word`'s stem that the vocabulary holds
  // and the stemmer maps back to that stem.
  void AddInflections(const std::string& word, const std::string& prefix, std::set<std::string>& forms) {
    const std::string stem = stem_(word);
    const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
    for (const std::string& c : InflectionCandidates(stem)) {
      const std::string term = prefix + c;
      if (forms.count(term) == 0 && vocabulary.term_exists(term) && stem_(c) == stem) forms.insert(term);
    }
  }

  // The synonym-table keys for a query word written `typed` whose term is `lower`: the plain and
  // the query-only form ("as", ">as"), and, when the word was typed with capitals and the table
  // has them, its case-sensitive forms ("=AS", ">=AS"), so "AS" expands and "as" does not.
  std::vector<std::string> AliasKeys(const std::string& typed, const std::string& lower) {
    std::vector<std::string> keys = AliasKeyCandidates(typed, lower);
    // The case-sensitive candidates (after the first two) only where the table has them.
    keys.erase(std::remove_if(keys.begin() + 2, keys.end(),
                              [&](const std::string& key) { return db_.synonyms_begin(key) == db_.synonyms_end(key); }),
               keys.end());
    return keys;
  }

  // The other forms of the alias groups of `keys` in the database's synonym table, analysed (in
  // table order, none empty): query-only forms (">un") are not searched, case-sensitive ones
  // ("=AS") by their words. The forms are recorded in ParsedQuery::aliases as what `words` (the
  // query's word or words that led to the keys) also searched.
  std::vector<Terms> AliasForms(const std::vector<std::string>& keys, const std::string& prefix, const std::string& words) {
    std::vector<Terms> out;
    AliasUse use{words, {}, excluding_ > 0};
    for (const std::string& key : keys) {
      for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
        std::string form = *it;
        if (form.starts_with(kAliasQueryOnlyMark)) continue;
        if (form.starts_with(kAliasLearnedMark)) form.erase(0, 1);  // the other writing of a hyphenated word
        if (form.starts_with(kAliasCaseSensitiveMark)) {
          // The index keeps no case: the form's term is also the word it collides with ("as"
          // for AS). Searched, that is a little noise; excluded ("-amerika"), it would leave out
          // every article that writes the word.
          if (excluding_ > 0) continue;
          form.erase(0, 1);
        }
        Terms t = Analyse(form, prefix);
        if (t.plain.empty()) continue;
        out.push_back(std::move(t));
        if (form != words && std::find(use.forms.begin(), use.forms.end(), form) == use.forms.end()) use.forms.push_back(form);
      }
    }
    if (!use.forms.empty()) out_.aliases.push_back(std::move(use));
    return out;
  }

  static constexpr size_t kMaxPhraseVariants = 8;

  // The writings of a quoted phrase's `words` (unprefixed terms) that the other writing of a
  // hyphenated word the articles write (learned forms, LearnedHyphenForms) makes: "gerakan anti
  // korupsi" (as "anti-korupsi" is analysed) also as "gerakan antikorupsi", "kpop" also as "k
  // pop". The phrase as written first; at most kMaxPhraseVariants; only it when there is none.
  std::vector<std::vector<std::string>> LearnedPhraseVariants(const std::vector<std::string>& words) {
    auto learned = [&](const std::string& key) {
      for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
        if ((*it).starts_with(kAliasLearnedMark)) return (*it).substr(1);
      }
      return std::string();
    };
    // Looked up once per word and pair: the word's other writing in words ("kpop": "k", "pop"),
    // and the pair's starting at it in one word ("anti korupsi": "antikorupsi").
    std::vector<std::vector<std::string>> spaced(words.size());
    std::vector<std::string> joined(words.size());
    bool any = false;
    for (size_t i = 0; i < words.size(); ++i) {
      if (const std::string form = learned(words[i]); form.find(' ') != std::string::npos) {
        for (size_t a = 0, b; a < form.size(); a = b + 1) {
          b = std::min(form.find(' ', a), form.size());
          if (b > a) spaced[i].push_back(form.substr(a, b - a));
        }
      }
      if (i + 1 < words.size()) {
        if (std::string form = learned(words[i] + " " + words[i + 1]); !form.empty() && form.find(' ') == std::string::npos) {
          joined[i] = std::move(form);
        }
      }
      any = any || !spaced[i].empty() || !joined[i].empty();
    }
    if (!any) return {words};
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> variant;
    // Writes the variants of words[i..] after `variant`, depth first, the phrase as written first.
    std::function<void(size_t)> extend = [&](size_t i) {
      if (out.size() >= kMaxPhraseVariants) return;
      if (i == words.size()) {
        out.push_back(variant);
        return;
      }
      const size_t mark = variant.size();
      variant.push_back(words[i]);
      extend(i + 1);
      variant.resize(mark);
      if (!spaced[i].empty()) {  // kpop: k pop
        variant.insert(variant.end(), spaced[i].begin(), spaced[i].end());
        extend(i + 1);
        variant.resize(mark);
      }
      if (!joined[i].empty()) {  // anti korupsi: antikorupsi
        variant.push_back(joined[i]);
        extend(i + 2);
        variant.resize(mark);
      }
    };
    extend(0);
    return out;
  }

  static constexpr size_t kMaxPhraseNumbers = 3;

  // The phrase of `words` (terms with `prefix`), where each whole number of up to
  // kMaxPhraseNumbers also stands for its other writing (OtherThousandsForm: "harga 17000" finds
  // "harga 17.000"), as Xapian 1.4's phrase takes an OR of terms; the phrases those writings make
  // are highlighted too. As written when it has no such number, or more.
  Xapian::Query PhraseWithNumbers(const std::vector<std::string>& words, const std::string& prefix) {
    std::vector<std::pair<size_t, std::string>> numbers;  // word, its other writing as a term
    for (size_t k = 0; k < words.size(); ++k) {
      if (const std::string other = OtherThousandsForm(std::string_view(words[k]).substr(prefix.size())); !other.empty()) {
        numbers.emplace_back(k, prefix + other);
      }
    }
    if (numbers.empty() || numbers.size() > kMaxPhraseNumbers) {
      return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
    }
    std::vector<Xapian::Query> parts(words.begin(), words.end());
    for (const auto& [k, other] : numbers) parts[k] = Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(words[k]), Xapian::Query(other));
    for (size_t mask = 1; mask < (size_t{1} << numbers.size()); ++mask) {
      std::vector<std::string> variant = words;
      for (size_t n = 0; n < numbers.size(); ++n) {
        if (mask & (size_t{1} << n)) variant[numbers[n].first] = numbers[n].second;
      }
      HighlightWords(variant, prefix);
    }
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end());
  }

  static constexpr size_t kMaxCompoundParts = 4;
  static constexpr size_t kMaxCompoundPieces = 8;
  static constexpr size_t kMaxCompoundVariants = 16;

  // The parts of a hyphenated compound (`typed`): its pieces between hyphens (or slashes, as
  // headlines also write a relation: "AS/China"), where two to four
  // pieces in a row that spell an alias form written with words ("Korea-Utara" in
  // "Korea-Utara-Rusia") make one part, written with spaces, the longest first. Empty when it has
  // more than kMaxCompoundPieces pieces.
  std::vector<std::string> CompoundParts(const std::string& typed) const {
    std::vector<std::string> pieces;
    for (size_t i = 0; i <= typed.size();) {
      const size_t dash = std::min(typed.find_first_of("-/", i), typed.size());
      if (dash > i) pieces.push_back(typed.substr(i, dash - i));
      i = dash + 1;
    }
    if (pieces.size() > kMaxCompoundPieces) return {};
    std::vector<std::string> parts;
    for (size_t i = 0; i < pieces.size();) {
      size_t n = 1;
      // Fewer than all the pieces: the whole compound as a form is the caller's (AddAliases).
      for (size_t len = std::min<size_t>(4, pieces.size() - i); len >= 2 && n == 1; --len) {
        if (len == pieces.size()) continue;
        std::string spelt = pieces[i];
        for (size_t k = i + 1; k < i + len; ++k) spelt += ' ' + pieces[k];
        const std::string key = AliasKeyOf(spelt);
        if (!key.empty() && db_.synonyms_begin(key) != db_.synonyms_end(key)) n = len;
      }
      std::string part = pieces[i];
      for (size_t k = i + 1; k < i + n; ++k) part += ' ' + pieces[k];
      parts.push_back(std::move(part));
      i += n;
    }
    return parts;
  }

  // A hyphenated compound of alias forms ("AS-China", "Korut-Rusia", "Korea-Utara-Rusia", as
  // headlines write a relation), `typed` as the query writes it, `whole` its terms: the word
  // sequences that write one or more of its parts (CompoundParts) as another form of the part's
  // group ("Amerika Serikat-Tiongkok", "Korea Utara-Rusia", "Korut-Rusia"), to search as phrases.
  // The parts keep their order; at most kMaxCompoundVariants sequences, those that change fewer
  // parts first. None when no part is an alias form, or the compound has more than
  // kMaxCompoundParts parts or a part of no word.
  std::vector<std::vector<std::string>> CompoundVariants(const std::string& typed, const std::string& prefix,
                                                         const std::vector<std::string>& whole) {
    const std::vector<std::string> parts = CompoundParts(typed);
    if (parts.size() < 2 || parts.size() > kMaxCompoundParts) return {};
    // Per part: its words (choice 0), then the word sequences of its group's other forms.
    std::vector<std::vector<std::vector<std::string>>> options;
    std::vector<std::string> own_words, keys;
    for (const std::string& part : parts) {
      Terms own = Analyse(part, prefix);
      if (own.plain.empty()) return {};
      own_words.insert(own_words.end(), own.plain.begin(), own.plain.end());
      keys.push_back(own.plain.size() == 1 ? own.plain[0].substr(prefix.size()) : AliasKeyOf(part));
      options.push_back({own.plain});
    }
    if (own_words != whole) return {};  // the tokeniser split it otherwise ("e-KTP" is e, ktp: the same)
    bool any = false;
    for (size_t k = 0; k < parts.size(); ++k) {
      const std::string& lower = keys[k];
      for (Terms& form : AliasForms(AliasKeys(parts[k], lower), prefix, lower)) {
        if (std::find(options[k].begin(), options[k].end(), form.plain) != options[k].end()) continue;
        options[k].push_back(std::move(form.plain));
        any = true;
      }
    }
    if (!any) return {};
    // Every choice of one option per part, those changing fewer parts first, the compound as
    // written (no part changed: already alts[0]) left out.
    std::vector<std::vector<size_t>> choices{{}};
    for (const auto& opts : options) {
      std::vector<std::vector<size_t>> next;
      for (const auto& c : choices) {
        for (size_t o = 0; o < opts.size() && next.size() < 4096; ++o) {
          next.push_back(c);
          next.back().push_back(o);
        }
      }
      choices = std::move(next);
    }
    auto changed = [](const std::vector<size_t>& c) { return std::count_if(c.begin(), c.end(), [](size_t o) { return o != 0; }); };
    std::stable_sort(choices.begin(), choices.end(), [&](const auto& a, const auto& b) { return changed(a) < changed(b); });
    std::vector<std::vector<std::string>> out;
    for (const auto& c : choices) {
      if (changed(c) == 0) continue;
      if (out.size() == kMaxCompoundVariants) break;
      std::vector<std::string> words;
      for (size_t k = 0; k < c.size(); ++k) words.insert(words.end(), options[k][c[k]].begin(), options[k][c[k]].end());
      out.push_back(std::move(words));
    }
    return out;
  }

  // Adds the alias forms of `keys` (AliasForms) as alternatives: a word by its stem (or as written
  // when it has none), several words as a phrase.
  void AddAliases(const std::vector<std::string>& keys, const std::string& prefix, const std::string& words,
                  std::vector<Xapian::Query>& alts) {
    for (const Terms& t : AliasForms(keys, prefix, words)) {
      if (t.plain.size() > 1) {
        alts.push_back(AliasPhrase(t.plain, prefix));
        continue;
      }
      HighlightWords(t.plain, prefix);
      if (!t.stems[0].empty()) {
        out_.highlight.push_back(t.stems[0]);
        alts.emplace_back(t.stems[0]);
      } else {
        alts.emplace_back(t.plain[0]);
      }
    }
  }

  // The phrase of a multi-word alias form (`words`, terms with `prefix`), where the first word
  // also stands for itself with ber- or ter- ("bekerja sama", "bertanggung jawab", "bertanda
  // tangan") and the last for itself with -nya ("tanda tangannya"), each where the vocabulary
  // holds that form and the stemmer maps it to the word's stem: Indonesian writes a compound
  // apart under a prefix or a suffix alone, and as one word only under both ("pertanggungjawaban",
  // which the one-word form's stem finds). Without them "kerja sama" (the group kerja sama |
  // kerjasama) missed the 368 CLICK-ID articles that write only "bekerja sama". Every writing is
  // highlighted.
  Xapian::Query AliasPhrase(const std::vector<std::string>& words, const std::string& prefix) {
    const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
    auto writings = [&](const std::string& term, bool first) {
      std::vector<std::string> out{term};
      const std::string word = term.substr(prefix.size());
      if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return out;
      const std::string stem = stem_(word);
      const std::vector<std::string> candidates =
          first ? std::vector<std::string>{"ber" + word, "be" + word, "ter" + word} : std::vector<std::string>{word + "nya"};
      for (const std::string& c : candidates) {
        if (vocabulary.term_exists(prefix + c) && stem_(c) == stem) out.push_back(prefix + c);
      }
      return out;
    };
    const std::vector<std::string> firsts = writings(words.front(), true), lasts = writings(words.back(), false);
    if (firsts.size() == 1 && lasts.size() == 1) {
      HighlightWords(words, prefix);
      return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
    }
    std::vector<Xapian::Query> parts(words.begin(), words.end());
    parts.front() = Xapian::Query(Xapian::Query::OP_OR, firsts.begin(), firsts.end());
    parts.back() = Xapian::Query(Xapian::Query::OP_OR, lasts.begin(), lasts.end());
    for (const std::string& first : firsts) {
      for (const std::string& last : lasts) {
        std::vector<std::string> variant = words;
        variant.front() = first;
        variant.back() = last;
        HighlightWords(variant, prefix);
      }
    }
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end());
  }

  Result<Xapian::Query> RangeQuery(const Token& tok) {
    out_.selects = true;
    const std::string& v = tok.text;
    if (tok.wildcard) return Error(tok.pos, RangeWildcardError(tok.field, v));  // year:(2019*), from its group
    std::string lo = v, hi = v;
    if (auto dots = v.find(".."); dots != std::string::npos) {
      lo = v.substr(0, dots);
      hi = v.substr(dots + 2);
      if (lo.empty() && hi.empty()) return Error(tok.pos, "empty range '..'");
    }
    if (tok.field == "year") {
      auto check = [&](const std::string& y) {
        return y.empty() || (y.size() == 4 && std::all_of(y.begin(), y.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
      };
      if (!check(lo) || !check(hi)) return Error(tok.pos, "year must be YYYY or a range YYYY..YYYY, got '" + v + "'");
    }
    if (tok.field == "month") {  // month:2019 would be a year: say so rather than guess
      auto check = [](const std::string& m) { return m.empty() || (m.size() == 7 && m[4] == '-'); };
      if (!check(lo) || !check(hi)) return Error(tok.pos, "month must be YYYY-MM or a range YYYY-MM..YYYY-MM, got '" + v + "'");
    }
    int64_t from = INT64_MIN, to = INT64_MAX;
    // DateBounds says "date must be ..."; other fields name themselves first ("month: date ...").
    auto bad = [&](const Status& st) { return Error(tok.pos, tok.field == "date" ? st.message() : tok.field + ": " + st.message()); };
    if (!lo.empty()) {
      auto b = DateBounds(lo);
      if (!b.ok()) return bad(b.status());
      from = b->first;
    }
    if (!hi.empty()) {
      auto b = DateBounds(hi);
      if (!b.ok()) return bad(b.status());
      to = b->second;
    }
    if (from > to) return Error(tok.pos, "range start is after its end: '" + v + "'");
    const auto slot = schema::kSlotPublished;
    if (from == INT64_MIN) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(static_cast<double>(to)));
    if (to == INT64_MAX) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(static_cast<double>(from)));
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(static_cast<double>(from)),
                         Xapian::sortable_serialise(static_cast<double>(to)));
  }

  Result<Xapian::Query> ParsePrimary(bool positional = false) {
    const Token& t = Next();
    switch (t.kind) {
      case Token::kLParen: {
        if (Peek().kind == Token::kRParen) return Error(t.pos, "empty parentheses");
        if (++depth_ > opt_.max_nesting) {
          return Error(t.pos, "parentheses nested too deeply (at most " + std::to_string(opt_.max_nesting) + ")");
        }
        auto q = ParseOr();
        if (!q.ok()) return q;
        if (Peek().kind != Token::kRParen) return Error(t.pos, "unbalanced parenthesis: '(' is never closed");
        Next();
        --depth_;
        return q;
      }
      case Token::kRParen:
        return Error(t.pos, "unbalanced parenthesis: ')' without '('");
      case Token::kEnd:
        return Error(t.pos, "the query ends where a term was expected");
      case Token::kAnd: case Token::kOr: case Token::kNot: case Token::kNear:
        return Error(t.pos, "operator '" + t.text + "' where a term was expected");
      case Token::kPhrase: {
        const std::string prefix = TextFieldPrefix(t.field);
        if (!t.field.empty() && prefix.empty()) {
          if (t.field == "source" || t.field == "category") return BoolQuery(t);
          return Error(t.pos, "field '" + t.field + ":' takes no phrase");
        }
        if (const std::string long_word = TooLongWord(t.text); !long_word.empty()) return Xapian::Query(prefix + long_word);
        Terms terms = Analyse(t.text, prefix);
        if (terms.plain.empty()) return Xapian::Query();
        HighlightWords(terms.plain, prefix);
        AddPhraseWords(t, prefix);  // title:"kecelekaan motor" is checked in its field too
        if (!positional && prefix.empty()) {
          if (const auto variants = LearnedPhraseVariants(terms.plain); variants.size() > 1) {
            std::vector<Xapian::Query> phrases;
            for (const auto& v : variants) {
              if (&v != &variants.front()) HighlightWords(v, prefix);
              if (v.size() > 1) out_.together = true;
              phrases.push_back(v.size() == 1 ? Xapian::Query(v[0]) : PhraseWithNumbers(v, prefix));
            }
            return Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end());
          }
        }
        if (terms.plain.size() == 1) {
          // A quoted number is the number in either writing, as in a longer phrase ("17000": 17.000).
          const std::string& word = terms.plain[0];
          if (const std::string other = OtherThousandsForm(std::string_view(word).substr(prefix.size())); !other.empty()) {
            HighlightWords({prefix + other}, prefix);
            return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(word), Xapian::Query(prefix + other));
          }
          return Xapian::Query(word);
        }
        out_.together = true;
        if (!positional) return PhraseWithNumbers(terms.plain, prefix);
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.plain.begin(), terms.plain.end());
      }
      case Token::kWord:
        break;
    }
    // Each wildcard scans the vocabulary for its most frequent expansions: bound the work.
    if (t.wildcard && ++wildcards_ > opt_.max_wildcards) {
      return Error(t.pos, "too many wildcards (at most " + std::to_string(opt_.max_wildcards) + ")");
    }
    if (t.field == "source" || t.field == "category") return BoolQuery(t);
    // Dates select on the published time in Indonesian time (+07:00), as --from/--to and the
    // year and month facets do; the index's Y/M/D terms hold the date as the source wrote it (in
    // WIB for a time given in UTC, in WITA for one given in WITA).
    if (t.field == "year" || t.field == "month" || t.field == "date") return RangeQuery(t);
    const std::string prefix = TextFieldPrefix(t.field);
    if (t.wildcard) {
      const std::string lower = ToLowerFolded(t.text);
      out_.prefixes.push_back(lower);
      Xapian::Query q = Wildcard(prefix + lower, opt_.wildcard_limit, positional ? WildcardUse::kNearOperand : WildcardUse::kWeighted);
      // A wildcard widens its word, never narrows it: a word with an alias group ("korut*")
      // searches the group too, as the word does (korut found 46 CLICK-ID articles, korut* 16).
      // Not as an operand of NEAR, whose operands are words, nor after '=' ("=korut*": the
      // words as written that start so, as "=korut" is the one form).
      if (positional || q.empty() || t.exact) return q;
      std::vector<Xapian::Query> alts{q};
      AddAliases(AliasKeys(t.text, lower), prefix, lower, alts);
      if (alts.size() == 1) return q;
      return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    }
    // A '-' standing apart ("korupsi - kpk") has no word to leave out: it matches nothing, and
    // the next word is required instead. Pasted headlines write it so; a note says what it did.
    if (t.text == "-" && !t.sign && Peek().kind == Token::kWord && !Peek().sign) {
      const std::string note = "the '" + t.text + "' before '" + Peek().text + "' stands apart, so it leaves nothing out (write -" +
                               Peek().text + " to leave out the articles with it)";
      if (std::find(out_.notes.begin(), out_.notes.end(), note) == out_.notes.end()) out_.notes.push_back(note);
    }
    // A sign with no word after it at the end ("korut -") was dropped with no word said. (Before
    // a ')' it is an error, as a sign before nothing is.)
    if ((t.text == "-" || t.text == "+") && !t.sign && Peek().kind == Token::kEnd) {
      const std::string note = t.text == "-" ? "the '-' at the end has no word after it, so it leaves nothing out (write -word to leave out the articles with it)"
                                             : "the '+' at the end has no word after it, so it requires nothing (write +word to require a word)";
      if (std::find(out_.notes.begin(), out_.notes.end(), note) == out_.notes.end()) out_.notes.push_back(note);
    }
    return WordQuery(t, prefix, positional);
  }

  // What the snippets highlight for `words` matched in sequence: one word as a term; several as a
  // phrase (its words only where they stand together), a field's (title:) apart, as they never
  // occur in the text.
  void HighlightWords(const std::vector<std::string>& words, const std::string& prefix) {
    if (words.size() > 1) {
      (prefix.empty() ? out_.phrases : out_.field_phrases).push_back(words);
    } else {
      out_.highlight.insert(out_.highlight.end(), words.begin(), words.end());
    }
  }

  // The words of a phrase token, for spelling suggestions: runs of letters and digits (bytes of
  // UTF-8 sequences count as letters) with their offsets in the query, where the phrase's text
  // starts at t.text_pos (a "~0" may follow its closing quote).
  void AddPhraseWords(const Token& t, const std::string& prefix) { AddWordsAt(t.text_pos, t.text, prefix); }

  // The words of `text`, which starts at out_.text[base], for spelling suggestions, as
  // AddPhraseWords takes a phrase's; nothing when out_.text does not hold `text` there.
  void AddWordsAt(size_t base, const std::string& text, const std::string& prefix) {
    if (base + text.size() > out_.text.size() || out_.text.compare(base, text.size(), text) != 0) return;
    for (size_t i = 0; i < text.size();) {
      if (!IsWordByte(text[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text.size() && IsWordByte(text[j])) ++j;
      out_.words.push_back({base + i, base + j, ToLowerFolded(text.substr(i, j - i)), prefix, excluding_ > 0});
      i = j;
    }
  }

  // The fields whose values are terms with a prefix, and the prefix: one table for the parser
  // (field -> prefix) and for messages that name a term's field (prefix -> field).
  static constexpr std::pair<std::string_view, std::string_view> kFieldPrefixes[] = {
      {"title", schema::kPrefixTitle}, {"author", schema::kPrefixAuthor},
      {"source", schema::kPrefixSource}, {"category", schema::kPrefixCategory}};
  // The prefix of a free-text field's words (title:, author:), "" for others and for none.
  static std::string TextFieldPrefix(const std::string& field) {
    if (field != "title" && field != "author") return "";
    for (const auto& [name, prefix] : kFieldPrefixes) {
      if (name == field) return std::string(prefix);
    }
    return "";
  }
  // "title:" for the prefix of title: terms, and so on; "" for an unprefixed term.
  static std::string FieldOfPrefix(std::string_view prefix) {
    for (const auto& [name, p] : kFieldPrefixes) {
      if (p == prefix) return std::string(name) + ":";
    }
    return "";
  }

  // The filter of a source: or category: value (FilterValueQuery), with a note when no article
  // has that value: "--source kompass" or "category:politk" matched nothing and said nothing.
  Xapian::Query BoolQuery(const Token& t) {
    Xapian::Query q = FilterValueQuery(t);
    NoteUnknownFilterValue(t, q);
    return q;
  }

  // Notes "no article's source is 'kompass' (did you mean kompas.com?)" when no term of `q`, the
  // filter of the value of `t`, is in the vocabulary (a database with articles); the suggestion
  // is the value of the field nearest to the one typed, one edit away (two for six letters or
  // more; of several as near, the one with most articles), a source compared by its name before
  // the first dot when typed without one; unless none is one edit away and a source's name
  // starts with it: the one with most articles of those ("cnn": cnnindonesia.com, "kompasia":
  // kompasiana.com, not kompas.com).
  void NoteUnknownFilterValue(const Token& t, const Xapian::Query& q) {
    const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
    if (vocabulary.get_doccount() == 0) return;
    for (auto it = q.get_terms_begin(); it != q.get_terms_end(); ++it) {
      if (vocabulary.term_exists(*it)) return;
    }
    const std::string prefix = t.field == "source" ? std::string(schema::kPrefixSource) : std::string(schema::kPrefixCategory);
    const std::string v = ToLower(t.text);
    std::string best, longer;
    size_t best_distance = v.size() >= 6 ? 3 : 2;  // more than this is no typo
    if (!t.wildcard) {
      Xapian::doccount longer_df = 0, best_df = 0;
      size_t seen = 0;
      const bool by_name = t.field == "source" && v.find('.') == std::string::npos;
      for (auto it = vocabulary.allterms_begin(prefix); it != vocabulary.allterms_end(prefix) && seen < kMaxFilterValuesCompared; ++it, ++seen) {
        const std::string value = (*it).substr(prefix.size());
        const std::string_view name = by_name ? std::string_view(value).substr(0, value.find('.')) : std::string_view(value);
        const size_t d = EditDistance(v, name);
        // Of values as near, the one with most articles ("selebrity": selebriti's 477, not celebrity's 178).
        if (d < best_distance || (d == best_distance && !best.empty() && it.get_termfreq() > best_df)) {
          best_distance = d, best = value, best_df = it.get_termfreq();
        }
        if (by_name && v.size() >= 2 && name.size() > v.size() && name.starts_with(v) && it.get_termfreq() > longer_df) {
          longer_df = it.get_termfreq(), longer = value;
        }
      }
    }
    if (!longer.empty() && (best.empty() || best_distance >= 2)) best = longer;  // kompasia: kompasiana.com, not kompas.com
    std::string note = "no article's " + t.field + " is '" + t.text + (t.wildcard ? "*'" : "'");
    if (!best.empty()) note += " (did you mean " + best + "?)";
    if (std::find(out_.notes.begin(), out_.notes.end(), note) == out_.notes.end()) out_.notes.push_back(note);
  }
  static constexpr size_t kMaxFilterValuesCompared = 5000;  // sources or categories read for a suggestion

  Xapian::Query FilterValueQuery(const Token& t) {
    out_.selects = true;
    const std::string prefix = t.field == "source" ? std::string(schema::kPrefixSource) : std::string(schema::kPrefixCategory);
    std::string v = ToLower(t.text);
    if (t.field == "source" && !t.wildcard && v.find('.') == std::string::npos) {
      // "source:kompas" means kompas.com, kompas.id, ...; a brand the indexer maps to its domain
      // means that domain too ("antara": antaranews.com), and a source stored as a bare name
      // (a dump's "source": "Harian X" with no url) is matched as written.
      const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
      std::vector<Xapian::Query> alts;
      if (vocabulary.term_exists(prefix + v)) alts.emplace_back(prefix + v);
      alts.push_back(Wildcard(prefix + v + ".", kFilterWildcardLimit, WildcardUse::kFilter));
      const std::string brand = BrandDomain(v);
      if (!brand.empty() && !brand.starts_with(v + ".")) alts.emplace_back(prefix + brand);  // else the wildcard has it
      return alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
    }
    if (t.field == "source" && !t.wildcard) {
      // A host or URL means its site, as the indexer files it: www.kompas.com and
      // https://news.detik.com/berita/... are kompas.com and detik.com.
      if (const std::string site = RegistrableDomain(v); !site.empty()) v = site;
    }
    if (t.wildcard) return Wildcard(prefix + v, kFilterWildcardLimit, WildcardUse::kFilter);
    return Xapian::Query(prefix + v);
  }

  // How a wildcard's expansions combine: weighted as one term (OP_SYNONYM, what OP_WILDCARD
  // does), as a boolean filter, or as an operand of NEAR (Xapian 1.4 takes OP_OR there, not
  // OP_SYNONYM).
  enum class WildcardUse { kWeighted, kFilter, kNearOperand };
  static constexpr Xapian::termcount kFilterWildcardLimit = 50;  // "source:kompas", "category:pol*"

  // The terms starting with `pattern`, expanded here over all shards at once (Xapian's
  // OP_WILDCARD would expand in each shard separately, so the terms and the weights would depend
  // on the sharding). Without any expansion, a query that matches nothing (but is not empty:
  // an empty query would be dropped like a stopword).
  Xapian::Query Wildcard(const std::string& pattern, Xapian::termcount limit, WildcardUse use) {
    const Xapian::Query::op combiner = use == WildcardUse::kWeighted ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR;
    const Xapian::Database& vocabulary = opt_.vocabulary ? *opt_.vocabulary : db_;
    const std::vector<std::string>* terms = nullptr;
    if (vocabulary.get_doccount() > 0) terms = &Expansions(vocabulary, pattern, limit);
    if (terms && limit != 0 && terms->size() == limit) {
      // Cut: say so, once per wildcard, with the word as typed (the field's prefix left out).
      const size_t total = expansion_totals_[{pattern, limit}];
      if (total > limit) {
        const size_t word = std::min(pattern.size(), pattern.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        const std::string typed = FieldOfPrefix(std::string_view(pattern).substr(0, word)) + pattern.substr(word);
        const std::string note = "'" + typed + "*' stands for the " + std::to_string(limit) + " most frequent of its " +
                                 std::to_string(total) + " words";
        if (std::find(out_.notes.begin(), out_.notes.end(), note) == out_.notes.end()) out_.notes.push_back(note);
        // The snippets light the words searched, not every word with the prefix.
        if (use == WildcardUse::kWeighted) {
          const auto at = std::find(out_.prefixes.rbegin(), out_.prefixes.rend(), pattern.substr(word));
          if (at != out_.prefixes.rend()) out_.prefixes.erase(std::next(at).base());
          out_.highlight.insert(out_.highlight.end(), terms->begin(), terms->end());
        }
      }
    }
    if (terms && !terms->empty()) {
      if (use == WildcardUse::kWeighted) return BalancedSynonym(*terms, 0, terms->size());
      return Xapian::Query(combiner, terms->begin(), terms->end());
    }
    // No expansion, or no vocabulary to expand from (then Xapian expands in each shard).
    if (use == WildcardUse::kNearOperand) return Xapian::Query(pattern);  // a term no document has
    return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, limit, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, combiner);
  }

  // The OP_SYNONYM of terms[begin, end) as a balanced tree of two-way synonyms. Xapian 1.4 weights
  // a synonym by an estimate of its frequency made pairwise, with rounding, in an order that
  // follows each shard's own term frequencies, so a flat synonym of many terms scores slightly
  // differently (1 in 5,000 on eko*) with another sharding; two subqueries leave no order to
  // choose. Only the outermost synonym weighs; the inner ones just gather postings.
  static Xapian::Query BalancedSynonym(const std::vector<std::string>& terms, size_t begin, size_t end) {
    if (end - begin == 1) return Xapian::Query(terms[begin]);
    const size_t mid = begin + (end - begin) / 2;
    return Xapian::Query(Xapian::Query::OP_SYNONYM, BalancedSynonym(terms, begin, mid), BalancedSynonym(terms, mid, end));
  }

  // The `limit` (0: all) most frequent terms of `vocabulary` starting with `pattern`, by their
  // frequency over all shards, ties to the smaller term; sorted. One pass over the terms with the
  // prefix keeping a bounded heap (the time is the scan's, the memory `limit` terms), remembered
  // for the rest of the query.
  const std::vector<std::string>& Expansions(const Xapian::Database& vocabulary, const std::string& pattern,
                                             Xapian::termcount limit) {
    auto [cached, fresh] = expansions_.try_emplace({pattern, limit});
    if (!fresh) return cached->second;
    using Entry = std::pair<Xapian::doccount, std::string>;
    // "a before b": a is the more frequent, or as frequent and the smaller term; the heap's
    // front is then the worst term kept.
    auto better = [](const Entry& a, const Entry& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
    std::vector<Entry> heap;
    size_t& total = expansion_totals_[{pattern, limit}];
    for (auto it = vocabulary.allterms_begin(pattern); it != vocabulary.allterms_end(pattern); ++it) {
      ++total;
      const Xapian::doccount freq = it.get_termfreq();
      if (limit == 0 || heap.size() < limit) {
        heap.emplace_back(freq, *it);
        std::push_heap(heap.begin(), heap.end(), better);
      } else if (freq > heap.front().first) {  // terms come in order: a tie loses to the kept one
        std::pop_heap(heap.begin(), heap.end(), better);
        heap.back() = Entry(freq, *it);
        std::push_heap(heap.begin(), heap.end(), better);
      }
    }
    std::vector<std::string>& terms = cached->second;
    terms.reserve(heap.size());
    for (auto& e : heap) terms.push_back(std::move(e.second));
    std::sort(terms.begin(), terms.end());
    return terms;
  }

  const std::vector<Token>& toks_;
  const ErrorColumns& columns_;
  const Analyzer& an_;
  const Xapian::Database& db_;
  const QueryOptions& opt_;
  ParsedQuery& out_;
  Xapian::TermGenerator tg_;
  Xapian::Stem stem_ = an_.MakeStem();
  size_t i_ = 0;
  bool keep_stopwords_;  // set for ParseQuery's second reading, and while ParseAlternative reads again
  size_t clauses_ = 0;
  size_t searched_ = 0;  // see searches_anything
  size_t operand_ = 0;   // AND and NOT operands being read around the current position
  size_t excluding_ = 0;  // operands of NOT and of '-' being read: no written-form weight (WordQuery)
  size_t depth_ = 0;  // parentheses open around the current position
  std::string dropped_stopword_;  // the term of the stopword WordQuery last dropped
  bool dropped_any_stopword_ = false;
  std::vector<std::vector<std::string>> near_sequences_;  // multi-word aliases of the NEAR operand being read
  size_t wildcards_ = 0;
  std::map<std::pair<std::string, Xapian::termcount>, std::vector<std::string>> expansions_;  // see Expansions
  std::map<std::pair<std::string, Xapian::termcount>, size_t> expansion_totals_;  // the terms each pattern has
};

// The note for the stopwords of `parsed` that its query does not search ("'yang' is a stopword,
// not searched (...)"), "" when none.
std::string DroppedStopwordsNote(const ParsedQuery& parsed, const Analyzer& analyzer) {
  // Made at the first stopword only: most queries have none, and this runs for each of a batch.
  std::optional<std::set<std::string>> searched;
  std::optional<Xapian::Stem> stem;
  std::vector<std::string> dropped;
  for (const QueryWord& w : parsed.words) {
    if (!w.prefix.empty() || !analyzer.IsStopword(w.lower)) continue;
    if (!searched) {
      searched.emplace(parsed.query.get_terms_begin(), parsed.query.get_terms_end());
      stem = analyzer.MakeStem();
    }
    const bool ranked = std::find(parsed.ranked_stopwords.begin(), parsed.ranked_stopwords.end(), w.lower) != parsed.ranked_stopwords.end();
    if (!ranked && (searched->count(w.lower) || searched->count("Z" + (*stem)(w.lower)))) continue;
    const std::string quoted = "'" + w.lower + "'";
    if (std::find(dropped.begin(), dropped.end(), quoted) == dropped.end()) dropped.push_back(quoted);
  }
  if (dropped.empty()) return {};
  std::string list;
  for (size_t i = 0; i < dropped.size(); ++i) list += (i == 0 ? "" : i + 1 == dropped.size() ? " and " : ", ") + dropped[i];
  const bool one = dropped.size() == 1;
  // In an all-words query they still rank (ranked_stopwords); elsewhere (an --any query's words
  // are weight too, so none is here) they are not searched at all.
  const char* what = parsed.ranked_stopwords.empty() ? (one ? " is a stopword, not searched" : " are stopwords, not searched")
                                                     : (one ? " is a stopword, not required: it only ranks the articles"
                                                            : " are stopwords, not required: they only rank the articles");
  return list + what + " (search a phrase in quotes, or write +" + dropped.front().substr(1, dropped.front().size() - 2) +
         " to require " + (one ? "it)" : "a word)");
}

}  // namespace

Result<std::pair<int64_t, int64_t>> DateBounds(const std::string& text) {
  // Exactly 4, 4-2 or 4-2-2 digits, nothing around them: "20190901", "2019-", "201999" are not
  // 2019 and "2019-0901" is not 2019-09 (what reading as far as the digits go made of them);
  // "2019-9-1" is refused too (write 2019-09-01).
  bool shape = text.size() == 4 || text.size() == 7 || text.size() == 10;
  for (size_t k = 0; shape && k < text.size(); ++k) {
    shape = k == 4 || k == 7 ? text[k] == '-' : std::isdigit(static_cast<unsigned char>(text[k])) != 0;
  }
  if (!shape) return Status::InvalidArgument(text, "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '" + text + "'");
  const int n = text.size() == 4 ? 1 : text.size() == 7 ? 2 : 3;  // fields given
  const int y = std::stoi(text.substr(0, 4));
  const int m = n >= 2 ? std::stoi(text.substr(5, 2)) : 0;
  const int d = n == 3 ? std::stoi(text.substr(8, 2)) : 0;
  if (y < 1000 || y > 9999 || (n >= 2 && (m < 1 || m > 12)) || (n == 3 && (d < 1 || d > DaysIn(y, m)))) {
    return Status::InvalidArgument(text, "impossible date '" + text + "'");
  }
  if (n == 1) return std::make_pair(EpochWib(y, 1, 1), EpochWib(y + 1, 1, 1) - 1);
  if (n == 2) return std::make_pair(EpochWib(y, m, 1), EpochWib(y, m, DaysIn(y, m)) + 86399);
  return std::make_pair(EpochWib(y, m, d), EpochWib(y, m, d) + 86399);
}

std::string QueryAsRead(const std::string& text, bool* latin1) {
  if (latin1) *latin1 = false;
  if (IsValidUtf8(text)) return text;
  // A query that is not UTF-8 was typed in Latin-1 (a terminal set so): read as Windows-1252,
  // its superset, "caf\xE9" is café. (Bytes the decoder refuses, control characters, become
  // U+FFFD, which splits the word: said in a note as well.)
  auto decoded = DecodeToUtf8(text, "windows-1252");
  if (decoded.ok() && IsValidUtf8(*decoded)) {
    if (latin1) *latin1 = true;
    return *decoded;
  }
  return RepairUtf8(text);
}

Result<ParsedQuery> ParseQuery(const std::string& text, const Analyzer& analyzer, const Xapian::Database& db,
                               const QueryOptions& options) {
  if (text.size() > options.max_query_bytes) {
    return Status::InvalidArgument("query", "too long (" + std::to_string(text.size()) + " bytes; at most " +
                                                std::to_string(options.max_query_bytes) + ")");
  }
  bool latin1 = false;
  std::string typed = QueryAsRead(text, &latin1);
  const bool repaired = typed != text;
  std::vector<std::string> lexer_notes;
  // An en or em dash glued to the start of a word ("korupsi —kpk") is typography, not the minus
  // that leaves a word out (it left kpk out, silently): read as a space, with a note. (A dash
  // between two words stays their hyphen; one column, as the space is, for errors.)
  for (size_t at = 0; (at = typed.find("\xE2\x80", at)) != std::string::npos; ++at) {
    if (at + 3 >= typed.size() || (typed[at + 2] != '\x93' && typed[at + 2] != '\x94' && typed[at + 2] != '\x95')) continue;
    if (at > 0 && !IsSpace(typed[at - 1]) && typed[at - 1] != '(') continue;
    if (IsSpace(typed[at + 3]) || typed[at + 3] == '-' || typed[at + 3] == '"' || typed[at + 3] == '(') continue;
    const std::string dash = typed.substr(at, 3);
    typed.replace(at, 3, 1, ' ');
    const std::string word = typed.substr(at + 1, WordEnd(typed, at + 1) - (at + 1));
    lexer_notes.push_back("the dash '" + dash + "' before '" + word + "' is read as punctuation, not as a minus: write -" + word +
                          " to leave it out");
  }
  const std::string clean = NormalizeText(typed);
  const ErrorColumns columns(typed, clean);
  auto toks = Lex(clean, columns, lexer_notes);
  if (!toks.ok()) return toks.status();
  ParsedQuery out;
  // The parser reads the synonym table and the vocabulary; a shard committing meanwhile may
  // discard the revision being read: reopen (the handles are shared with the caller's, which
  // then searches that newer revision) and read the query again.
  try {
    Status st = ReadLatest(
        kReadAttempts, options.database, "the query was read",
        [&]() -> Status {
          out = ParsedQuery();
          out.text = clean;
          Parser p(*toks, columns, analyzer, db, options, out, Parser::Stopwords::kDrop);
          auto q = p.Parse();
          if (!q.ok()) return q.status();
          if (p.dropped_any_stopword() && !p.searches_anything()) {
            // Every searched word is a stopword ("tidak akan", "yang -korea"): search them, as
            // Xapian's QueryParser does, rather than nothing (or everything but "korea").
            out = ParsedQuery();
            out.text = clean;
            Parser keep(*toks, columns, analyzer, db, options, out, Parser::Stopwords::kKeep);
            q = keep.Parse();
            if (!q.ok()) return q.status();
          }
          out.query = *q;
          if (!out.query.empty()) return Status::Ok();
          return Status::InvalidArgument("query", "the query has no searchable terms");
        },
        [&] {
          // With a vocabulary, `db` is its own handle (the searcher's: reopened with it) or the
          // alias table standing in for remote shards' synonyms, a throw-away database whose
          // files are already unlinked: it never changes, and reopening it fails.
          if (options.vocabulary) {
            Xapian::Database(*options.vocabulary).reopen();
          } else {
            Xapian::Database(db).reopen();
          }
          return Status::Ok();
        });
    if (!st.ok()) return st;
  } catch (const Xapian::DatabaseError& e) {
    return options.database_error ? options.database_error(e) : Status::IOError(options.database, e.get_description());
  } catch (const Xapian::NetworkError& e) {
    return options.database_error ? options.database_error(e) : Status::IOError(options.database, e.get_description());
  } catch (const Xapian::Error& e) {
    return Status::InvalidArgument("query", e.get_msg());
  }
  std::sort(out.highlight.begin(), out.highlight.end());
  out.highlight.erase(std::unique(out.highlight.begin(), out.highlight.end()), out.highlight.end());
  std::sort(out.phrases.begin(), out.phrases.end());
  out.phrases.erase(std::unique(out.phrases.begin(), out.phrases.end()), out.phrases.end());
  out.notes.insert(out.notes.begin(), lexer_notes.begin(), lexer_notes.end());
  // A stopword left out of the query is said: "tidak hadir" searches what "hadir" does.
  if (std::string note = DroppedStopwordsNote(out, analyzer); !note.empty()) out.notes.push_back(std::move(note));
  // Never silently changed: a query that is not UTF-8 is read as Windows-1252, or its bytes
  // that are not UTF-8 as U+FFFD, which parts the words they stand in.
  if (repaired) {
    out.notes.insert(out.notes.begin(), latin1 ? "the query is not UTF-8: read as Windows-1252 (Latin-1)"
                                               : "bytes of the query that are not UTF-8 are read as the replacement character U+FFFD, which parts the words they stand in");
  }
  return out;
}

std::vector<AnalyzedToken> AnalyzeText(const std::string& text, const Analyzer& analyzer, const Xapian::Database& synonyms,
                                       std::string* no_aliases) {
  std::vector<AnalyzedToken> tokens = AnalyzeTokens(analyzer, text);
  if (no_aliases != nullptr) no_aliases->clear();
  // "KPK-nya": the clitic is no term a query searches (WordQuery searches the word before it).
  const std::string norm = NormalizeText(text);
  const std::string lower = ToLower(norm);
  size_t from = 0;
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (std::find(std::begin(kClitics), std::end(kClitics), tokens[i].token) == std::end(kClitics)) continue;
    const std::string glued = tokens[i - 1].token + "-" + tokens[i].token;
    for (size_t at = lower.find(glued, from); at != std::string::npos; at = lower.find(glued, at + 1)) {
      const size_t end = at + glued.size();
      if ((at > 0 && IsWordByte(lower[at - 1])) || (end < lower.size() && (IsWordByte(lower[end]) || lower[end] == '-'))) continue;
      tokens[i].term.clear();
      tokens[i].clitic = true;
      from = end;
      break;
    }
  }
  QueryOptions options;
  options.max_query_bytes = std::max(options.max_query_bytes, text.size());
  options.max_clauses = std::max(options.max_clauses, tokens.size() * 2);
  auto parsed = ParseQuery(text, analyzer, synonyms, options);
  if (!parsed.ok()) {
    if (no_aliases != nullptr && !tokens.empty()) *no_aliases = parsed.status().message();
    return tokens;
  }
  // The query's operators (AND, OR, NOT, NEAR and a NEAR's distance, in capitals) and its fields'
  // names ("title:") are no terms it searches: term "" (they were shown as searched words).
  if (norm.size() == lower.size()) {
    auto word_at = [&](size_t at, size_t len) {
      return (at == 0 || !IsWordByte(lower[at - 1])) && (at + len >= lower.size() || !IsWordByte(lower[at + len]));
    };
    size_t at = 0;
    for (AnalyzedToken& t : tokens) {
      size_t found = lower.find(t.token, at);
      while (found != std::string::npos && !word_at(found, t.token.size())) found = lower.find(t.token, found + 1);
      if (found == std::string::npos) break;
      at = found + t.token.size();
      const std::string as_typed = norm.substr(found, t.token.size());
      const bool op = as_typed == "AND" || as_typed == "OR" || as_typed == "NOT" || as_typed == "NEAR";
      const bool distance = found >= 5 && norm.compare(found - 5, 5, "NEAR/") == 0;
      const bool field = at < norm.size() && norm[at] == ':' && Fields().count(t.token) > 0;
      if (op || distance || field) {
        t.term.clear();
        t.syntax = true;
      }
    }
  }
  // Both read the text in order: each group goes to the next tokens that spell its words.
  size_t next = 0;
  for (AliasUse& use : parsed->aliases) {
    std::vector<std::string> words;
    for (size_t a = 0; a < use.words.size();) {
      const size_t b = std::min(use.words.find(' ', a), use.words.size());
      words.push_back(use.words.substr(a, b - a));
      a = b + 1;
    }
    for (size_t i = next; i + words.size() <= tokens.size(); ++i) {
      size_t n = 0;
      while (n < words.size() && tokens[i + n].token == words[n]) ++n;
      // A word written twice has its groups twice: the second goes to the next time it is written.
      if (n < words.size() || std::find(tokens[i].aliases.begin(), tokens[i].aliases.end(), use) != tokens[i].aliases.end()) continue;
      tokens[i].aliases.push_back(std::move(use));
      next = i;
      break;
    }
  }
  return tokens;
}

}  // namespace rkn
