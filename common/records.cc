#include "common/records.h"
#include "common/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <cctype>
#include <utility>
#include <vector>

#include "common/encoding.h"

namespace rkn {
namespace {

struct FieldNames {
  RecordField field;
  const char* logical;
  std::vector<const char*> keys;
};

const std::vector<FieldNames>& DefaultFieldNames() {
  static const std::vector<FieldNames> names = {
      {RecordField::kId, "id", {"id", "_id", "article_id"}},
      {RecordField::kTitle, "title", {"title", "judul", "headline"}},
      {RecordField::kContent,
       "content",
       {"content", "text", "isi", "body", "article", "artikel", "konten", "berita", "maintext"}},
      {RecordField::kUrl, "url", {"url", "link", "canonical_url", "permalink"}},
      {RecordField::kDate,
       "date",
       {"date", "tanggal", "published", "published_at", "datepublished", "pubdate", "publish_date", "waktu",
        "publishedat", "date_publish"}},
      {RecordField::kTime, "time", {"time", "jam"}},
      {RecordField::kSource, "source", {"source", "sumber", "site", "media", "portal", "source_domain"}},
      {RecordField::kCategory, "category", {"category", "kategori", "section", "rubrik", "kanal"}},
      {RecordField::kAuthor, "author", {"author", "penulis", "reporter", "wartawan", "byline", "authors"}},
  };
  return names;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

size_t Index(RecordField f) { return static_cast<size_t>(f); }

bool IsAsciiLetter(char ch) { return IsAsciiUpper(static_cast<unsigned char>(ch)) || (ch >= 'a' && ch <= 'z'); }

// Opening quotes and uppercase letters that may start a paragraph.
bool StartsParagraph(std::string_view rest) {
  if (rest.empty()) return false;
  const auto c = static_cast<unsigned char>(rest[0]);
  if (IsAsciiUpper(c) || c == '"' || c == '\'') return true;
  // A picture's credit in parentheses (okezone: "Vanesha.,,,(Foto : @vaneshaass/Instagram),Berdasarkan"),
  // and any parenthesis that opens on a capital ("unboxing.,(Ini pertama kali").
  if (rest.starts_with("(Foto") || rest.starts_with("(FOTO") || rest.starts_with("(foto")) return true;
  if (rest.size() > 1 && c == '(' && IsAsciiUpper(static_cast<unsigned char>(rest[1]))) return true;
  // A hashtag line ("selalu.,#BJH80andstrong").
  if (rest.size() > 1 && c == '#' && std::isalnum(static_cast<unsigned char>(rest[1]))) return true;
  // A list's item: "(2) Susunan", "( 1) Penyadapan", "-Kantong plastik", "•".
  if (c == '(') {
    size_t k = 1;
    while (k < rest.size() && rest[k] == ' ') ++k;
    const size_t digits = k;
    while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
    if (k > digits && k < rest.size() && rest[k] == ')') return true;
  }
  if (rest.size() > 1 && c == '-' && IsAsciiUpper(static_cast<unsigned char>(rest[1]))) return true;
  if (rest.starts_with("\xE2\x80\xA2")) return true;
  // “ ‘, ” and ’ (typed as opening quotes too: "dibawakan.,”Jadi", 200 CLICK-ID paragraphs), and
  // © (a picture's credit, "© Mie Sedaap")
  const std::string_view three = rest.substr(0, 3);
  return three == "\xE2\x80\x9C" || three == "\xE2\x80\x98" || three == "\xE2\x80\x9D" || three == "\xE2\x80\x99" ||
         rest.substr(0, 2) == "\xC2\xA9";
}

// Whether `line` (the paragraph being written) is a picture's credit so far, short enough to
// be only that: "© ZALORA", "Foto: Peter Yeung - dok BBC", "FOTO: @akun", "(Foto : @akun)".
bool IsCreditSoFar(std::string_view line) {
  if (line.size() > 80) return false;
  if (line.starts_with("(") && line.ends_with(")")) line = line.substr(1, line.size() - 2);  // "(Foto : @akun)"
  if (line.starts_with("\xC2\xA9")) return true;
  if (line.size() < 5 || (line.substr(0, 4) != "Foto" && line.substr(0, 4) != "FOTO" && line.substr(0, 4) != "foto")) return false;
  const size_t colon = line.find_first_not_of(' ', 4);
  return colon != std::string_view::npos && line[colon] == ':';
}

// Whether `before` ends as a sentence or a quotation does: . ! ? : or a closing quote. (Not
// text.h's EndsSentence, which asks whether a byte inside a text ends a sentence there.)
bool EndsWithSentenceEnd(std::string_view before) {
  if (before.empty()) return false;
  const char c = before.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'') return true;
  return before.size() >= 3 &&
         (before.substr(before.size() - 3) == "\xE2\x80\x9D" || before.substr(before.size() - 3) == "\xE2\x80\x99");
}

// Makes a value valid UTF-8 and repairs mojibake.
std::string CleanValue(std::string value) {
  if (!IsWellFormedUtf8(value)) {
    Result<std::string> decoded = DecodeToUtf8(value, "windows-1252");
    value = decoded.ok() ? std::move(*decoded) : std::string();
  }
  return RepairMojibake(value);
}

std::string Trimmed(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// --- JSON --------------------------------------------------------------------------------------

using json = nlohmann::json;

// Whether a JSON record has its content field (a key read as the content with a string value,
// empty or not), or none.
enum class ContentField { kGiven, kAbsent };

// Collects the top-level members of objects at `record_depth` (1 for a JSON Lines object, 2 for
// the elements of an array) and hands each finished record to `emit`. A value at the record
// depth that is not an object (a string, number, null, array) sets not_object() and goes to
// `not_object` when given. Values are counted: element() is the 1-based number of the value
// at the record depth last begun (an array element's position).
class RecordSax : public nlohmann::json_sax<json> {
 public:
  using Emit = std::function<bool(RecordValues&&, ContentField)>;
  using NotObject = std::function<void()>;
  RecordSax(const FieldMap& fields, int record_depth, Emit emit, NotObject not_object = {})
      : fields_(fields), record_depth_(record_depth), emit_(std::move(emit)), on_not_object_(std::move(not_object)) {}

  bool null() override {
    // "content": null is a content field that lost its text, as "" is (ContentField::kGiven).
    if (depth_ == record_depth_ && target_ == static_cast<int>(Index(RecordField::kContent))) content_null_ = true;
    return Skip();
  }
  // A boolean as a date is one that cannot be read, reported as such ("date \"true\" not
  // understood") rather than a date left out, when no other date field gives a value; elsewhere
  // it is skipped.
  bool boolean(bool b) override {
    if (depth_ == record_depth_ && target_ == static_cast<int>(Index(RecordField::kDate))) unread_date_ = b ? "true" : "false";
    return Skip();
  }
  bool number_integer(number_integer_t v) override { return Number(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Number(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& s) override { return Number(s); }
  bool string(string_t& s) override {
    if (depth_ == record_depth_ - 1) {
      NotAnObject();
    } else if (depth_ == record_depth_ && target_ >= 0) {
      Assign(std::move(s));
    } else if (depth_ == record_depth_ + 1 && in_array_field_ && target_ >= 0) {
      std::string& v = values_[static_cast<size_t>(target_)];
      if (!v.empty()) v += target_ == static_cast<int>(Index(RecordField::kContent)) ? "\n" : ", ";
      v += s;
      priority_[static_cast<size_t>(target_)] = target_priority_;
    }
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    if (depth_ == record_depth_ - 1) ++element_;
    ++depth_;
    if (depth_ == record_depth_) {
      values_ = RecordValues();
      unread_date_.clear();
      priority_.fill(kUnset);
      content_null_ = false;
      in_record_ = true;
      target_ = -1;
    } else if (depth_ == record_depth_ + 1) {
      // A nested object as a field value is skipped; as a date it is one that cannot be read,
      // which the indexer reports ("date \"{...}\" not understood") when no other date field
      // gives a value, not a date left out.
      if (target_ == static_cast<int>(Index(RecordField::kDate))) unread_date_ = "{...}";
      target_ = -1;
    }
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ != record_depth_) return true;
    target_ = -1;
    if (auto m = fields_.Lookup(k)) {
      const size_t i = Index(m->field);
      if (m->priority < priority_[i]) {
        target_ = static_cast<int>(i);
        target_priority_ = m->priority;
      }
    }
    return true;
  }
  bool end_object() override {
    const bool done = depth_ == record_depth_ && in_record_;
    --depth_;
    if (done) {
      in_record_ = false;
      ++records_;
      std::string& date = values_[Index(RecordField::kDate)];
      if (date.empty()) date = std::move(unread_date_);
      // A content key with a string value, empty or not, or null (a number is no content: Number).
      const bool given = priority_[Index(RecordField::kContent)] != kUnset || content_null_;
      return emit_(std::move(values_), given ? ContentField::kGiven : ContentField::kAbsent);
    }
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == record_depth_ - 1) NotAnObject();
    ++depth_;
    if (depth_ == record_depth_ + 1 && target_ >= 0) {
      in_array_field_ = true;  // an array of strings as a field value: joined
      array_backup_ = std::move(values_[static_cast<size_t>(target_)]);
      values_[static_cast<size_t>(target_)].clear();
    }
    return true;
  }
  bool end_array() override {
    if (depth_ == record_depth_ + 1) {
      if (in_array_field_ && target_ >= 0 && values_[static_cast<size_t>(target_)].empty()) {
        values_[static_cast<size_t>(target_)] = std::move(array_backup_);  // no strings in it
      }
      in_array_field_ = false;
      target_ = -1;
    }
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error_ = ex.what();
    error_position_ = position;
    return false;
  }

  int records() const { return records_; }
  int element() const { return element_; }
  int depth() const { return depth_; }
  bool not_object() const { return not_object_; }
  const std::string& error() const { return error_; }
  std::size_t error_position() const { return error_position_; }

 private:
  bool Skip() {
    if (depth_ == record_depth_) target_ = -1;
    else if (depth_ == record_depth_ - 1) NotAnObject();
    return true;
  }
  // A number is text for a title or an id ("2019", 12345) and a Unix time for a date; as the
  // content it is no article text ("content": 12345): passed over, so that another content field
  // ("text") is read, and a record with none is skipped as one without content.
  bool Number(std::string s) {
    if (depth_ == record_depth_ && target_ == static_cast<int>(Index(RecordField::kContent))) return Skip();
    return Scalar(std::move(s));
  }
  bool Scalar(std::string s) {
    if (depth_ == record_depth_ && target_ >= 0) {
      Assign(std::move(s));
    } else if (depth_ == record_depth_ - 1) {
      NotAnObject();
    }
    return true;
  }
  void NotAnObject() {
    ++element_;
    not_object_ = true;
    if (on_not_object_) on_not_object_();
  }
  void Assign(std::string s) {
    values_[static_cast<size_t>(target_)] = std::move(s);
    priority_[static_cast<size_t>(target_)] = target_priority_;
    target_ = -1;
  }

  static constexpr int kUnset = 1 << 30;  // priority_ of a field no key of the record gave
  bool content_null_ = false;             // the record's content key has null
  const FieldMap& fields_;
  int record_depth_;
  Emit emit_;
  NotObject on_not_object_;
  int element_ = 0;
  std::string unread_date_;  // a date field the record gives as a boolean or an object, used when no other gives one
  int depth_ = 0;
  bool in_record_ = false;
  bool in_array_field_ = false;
  bool not_object_ = false;
  int target_ = -1;
  int target_priority_ = 0;
  std::string array_backup_;
  int records_ = 0;
  RecordValues values_;
  std::array<int, kRecordFieldCount> priority_{};
  std::string error_;
  std::size_t error_position_ = 0;
};

// A std::streambuf over a ByteStream, for streaming a JSON array through nlohmann.
class StreamBuf : public std::streambuf {
 public:
  // `lines_before`: the line ends of the file before `prefix` (its first byte's line, less one).
  StreamBuf(ByteStream& in, std::string prefix, int lines_before = 0) : in_(in), buf_(std::move(prefix)), lines_before_(lines_before) {
    setg(buf_.data(), buf_.data(), buf_.data() + buf_.size());
  }
  const Status& status() const { return status_; }
  // The 1-based line of the next byte to be read.
  int line() const { return lines_before_ + static_cast<int>(std::count(eback(), gptr(), '\n')) + 1; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    lines_before_ += static_cast<int>(std::count(eback(), egptr(), '\n'));
    buf_.resize(256 * 1024);
    setg(buf_.data(), buf_.data(), buf_.data());  // nothing left (and no pointer into a freed buffer)
    Result<size_t> got = in_.Read(buf_.data(), buf_.size());
    if (!got.ok()) {
      status_ = got.status();
      return traits_type::eof();
    }
    if (*got == 0) return traits_type::eof();
    setg(buf_.data(), buf_.data(), buf_.data() + *got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  ByteStream& in_;
  std::string buf_;
  Status status_;
  int lines_before_ = 0;  // line ends in the buffers read before the current one
};

// The members under which an API's response or an export wraps its records in one object:
// NewsAPI's {"status": "ok", "totalResults": 2, "articles": [...]}, and the names others use.
constexpr std::array<std::string_view, 7> kRecordArrayKeys = {"articles", "data", "results", "items", "records", "documents", "posts"};

// In `head` (a file's first bytes, from the '{' that opens its top-level object): the offset of
// the '[' that opens a member named in kRecordArrayKeys whose first element is an object, the
// records of a wrapper object; npos when `head` holds none before the top-level object ends, or
// when a member before it is a record's content as `fields` reads it (a record of its own that
// has, say, "items": [{...}]).
size_t WrappedRecordsStart(std::string_view head, const FieldMap& fields) {
  constexpr std::string_view kSpace = " \t\r\n";
  int depth = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (c == '"') {
      size_t close = i + 1;
      while (close < head.size() && head[close] != '"') close += head[close] == '\\' ? 2 : 1;
      if (close >= head.size()) return std::string_view::npos;
      const std::string_view name = head.substr(i + 1, close - i - 1);
      const size_t colon = head.find_first_not_of(kSpace, close + 1);
      const bool member = depth == 1 && colon != std::string_view::npos && head[colon] == ':';
      if (const auto field = member ? fields.Lookup(name) : std::nullopt; field && field->field == RecordField::kContent) {
        return std::string_view::npos;
      }
      if (member && std::find(kRecordArrayKeys.begin(), kRecordArrayKeys.end(), name) != kRecordArrayKeys.end()) {
        const size_t open = head.find_first_not_of(kSpace, colon + 1);
        if (open != std::string_view::npos && head[open] == '[') {
          const size_t first = head.find_first_not_of(kSpace, open + 1);
          if (first != std::string_view::npos && head[first] == '{') return open;
        }
      }
      i = close;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth <= 0) {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// nlohmann's parse error message without its "[json.exception.parse_error.101] parse error at
// line 1, column 5: " head, or its "[json.exception.out_of_range.406] " one ("number overflow
// parsing '1e400'").
std::string SyntaxError(std::string what) {
  if (what.rfind("[json.exception", 0) == 0) {
    const size_t colon = what.find(": syntax error");
    const size_t bracket = what.find("] ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    else if (bracket != std::string::npos) what = what.substr(bracket + 2);
  }
  return CutRecordExcerpt(what, 120);
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](unsigned char ch) { return std::isspace(ch); });
}

// The ids (id field values, else URLs) of one file's records seen so far. A record whose id an earlier record
// of the file already has would replace it in the index (ids are the documents' keys), so it is
// keyed like a record without an id instead ("<rel_path>:<line>", which reading the same file
// again gives again) and a warning names both records, for the first
// RecordOptions::repeated_ids_named such records of the file (10 by default); WarnUnnamed() tells
// how many more there were: a dump whose ids restart (exports joined end to end) would otherwise
// print a warning for each of thousands of records and bury the warnings that matter. Ids are kept hashed (64
// bits): a few bytes per record whatever their length.
class RecordIds {
 public:
  // Re-keys `doc` (a record's document, at `line` or, inside a JSON array, at `position` "#<n>")
  // when it is keyed by its id field or its URL and an earlier record had that id, warning as
  // "<rel_path>:<where>" to `options.note`, else to `warn`, unless options.repeated_ids_named
  // records of the file were warned about already: then the record is only counted.
  void Check(RawDocument& doc, std::string_view position, int line, const RecordOptions& options,
             const WarningSink& warn) {
    // Keyed by its id field ("<rel_path>#<id>") or by its URL (the id is the record's URL itself).
    const bool by_id_field = doc.id.size() == doc.path.size() + 1 + doc.record.size() && doc.id.starts_with(doc.path + "#");
    if (!by_id_field && doc.id != doc.record) return;
    const std::string here = line > 0 ? std::to_string(line) : std::string(position);
    const auto [it, added] = first_.try_emplace(std::hash<std::string>{}(doc.record), here);
    if (added) return;
    by_position_ = line <= 0;
    if (++repeated_ <= options.repeated_ids_named) {
      const std::string earlier = it->second.starts_with("#") ? "record " + it->second : "line " + it->second;
      const std::string what = "id '" + doc.record + "' already used at " + earlier + "; indexed by its " +
                               (by_position_ ? "position" : "line") + " instead";
      (options.note ? options.note : warn)(doc.path + ":" + here, what);
    }
    doc.record = here;
    doc.id = doc.path + ":" + here;
  }

  // To be called once the file `rel_path` has been read, to its end or not: when Check() re-keyed
  // more records than it warned about, one warning "<rel_path>" (no line: it is about the whole
  // file) to `options.note`, else to `warn`, says how many it did not name. Otherwise does nothing.
  void WarnUnnamed(const std::string& rel_path, const RecordOptions& options, const WarningSink& warn) const {
    if (repeated_ <= options.repeated_ids_named) return;
    const uint64_t more = repeated_ - options.repeated_ids_named;
    const char* by = by_position_ ? "position" : "line";
    const std::string what =
        std::to_string(more) +
        (more == 1 ? std::string(" more record whose id was already used in this file was indexed by its ")
                   : std::string(" more records whose id was already used in this file were indexed by their ")) +
        by + " instead (the first " + std::to_string(options.repeated_ids_named) + " are named above)";
    (options.note ? options.note : warn)(rel_path, what);
  }

 private:
  std::unordered_map<size_t, std::string> first_;  // hash of the id -> where it was first seen
  uint64_t repeated_ = 0;                            // records re-keyed
  bool by_position_ = false;                         // they are named "#<n>" (a JSON array's elements)
};

// Reads one file with `read`, given the file's RecordIds, then warns about the repeated ids it
// did not name (RecordIds::WarnUnnamed) on every way out, a failure too; returns what `read` did.
template <typename Read>
Status WithRecordIds(const std::string& rel_path, const RecordOptions& options, const WarningSink& warn, Read&& read) {
  RecordIds ids;
  Status status = read(ids);
  ids.WarnUnnamed(rel_path, options, warn);
  return status;
}

// The id of a record whose id field and url are `id_field` and `url` (cleaned and trimmed): its
// id field, else its url, else "<rel_path>:<line or position>"; the field or url also goes to
// *record. MakeRecordDocument's, and that of a record skipped whole (ReportSkipped).
std::string RecordIdOf(const std::string& id_field, const std::string& url, const std::string& rel_path,
                       std::string_view position, int line, std::string* record) {
  const std::string where = line > 0 ? std::to_string(line) : std::string(position);
  if (!id_field.empty()) {
    *record = id_field;
    return rel_path + "#" + id_field;
  }
  if (!url.empty()) {
    *record = url;
    return url;
  }
  *record = where;
  return rel_path + ":" + where;
}

// Tells options.skipped the id of the record of `values`, skipped whole.
void ReportSkipped(const RecordValues& values, const std::string& rel_path, std::string_view position, int line,
                   const RecordOptions& options) {
  if (!options.skipped) return;
  std::string record;
  options.skipped(RecordIdOf(Trimmed(CleanValue(values[Index(RecordField::kId)])),
                             Trimmed(CleanValue(values[Index(RecordField::kUrl)])), rel_path, position, line, &record));
}

// Whether a record's `content` holds no text: no letter or digit, also U+FFFD or dashes alone,
// and HTML references of spaces alone ("&nbsp;&nbsp;").
bool NoContent(const std::string& content) {
  return !HasLetterOrDigit(content) || (content.find('&') != std::string::npos && !HasLetterOrDigit(DecodeHtmlEntities(content)));
}

// Whether a record without content is still delivered, to be indexed by its title alone
// (TitleOnlyRecord): it has a title, and its content field is there, empty (the scrape lost the
// text). A record without the field at all has its text under a key rkn does not know, or not
// under the one --field content=KEY names (a typo): skipped, so that no such dump is indexed by
// its titles without a word.
bool TitleOnly(const RecordValues& values, ContentField content) {
  return content == ContentField::kGiven && HasLetterOrDigit(values[Index(RecordField::kTitle)]);
}

// Hands a finished record to the sink; false stops the reading (sink error in *status).
bool Deliver(RecordValues&& values, ContentField content_field, const std::string& rel_path, std::string_view position, int line,
             const RecordOptions& options, const DocumentSink& sink, const WarningSink& warn, RecordIds& ids,
             Status* status) {
  const std::string where = rel_path + ":" + (line > 0 ? std::to_string(line) : std::string(position));
  // Also U+FFFD or dashes alone, and HTML references of spaces alone ("&nbsp;&nbsp;").
  const std::string& content = values[Index(RecordField::kContent)];
  const std::string& given = options.fields.GivenKey(RecordField::kContent);
  const std::string away = options.fields.ContentNameGivenAway();
  if (NoContent(content) && !TitleOnly(values, content_field)) {
    ReportSkipped(values, rel_path, position, line, options);
    // With --field content=KEY, a KEY that no record has (a typo) is named.
    warn(where, !given.empty()  ? "record has no content in a '" + given + "' field (--field content=" + given + "); skipped"
                : away.empty() ? std::string("record has no content; skipped")
                               : "record has no content (" + away + "); skipped");
    return true;
  }
  if (values[Index(RecordField::kContent)].size() > options.max_article_bytes) {
    ReportSkipped(values, rel_path, position, line, options);
    warn(where, "record larger than " + MaxArticleSizeText(options.max_article_bytes) + "; skipped");
    return true;
  }
  if (HasTooManyLines(values[Index(RecordField::kContent)])) {
    ReportSkipped(values, rel_path, position, line, options);
    warn(where, "record of more than " + std::to_string(kMaxArticleLines) + " lines; skipped");
    return true;
  }
  RawDocument doc = MakeRecordDocument(std::move(values), rel_path, "jsonl", position, line, options);
  ids.Check(doc, position, line, options, warn);
  *status = sink(std::move(doc));
  return status->ok();
}

// Consumes white space; the next byte (not consumed), or EOF.
int SkipSpace(std::istream& stream) {
  int c = stream.peek();
  while (c != std::char_traits<char>::eof() && std::isspace(c)) {
    stream.get();
    c = stream.peek();
  }
  return c;
}

// Where ReadJsonArray's array stands in its file.
struct ArrayPlace {
  int lines_before = 0;  // line ends before the array's '['
  bool wrapped = false;  // a member of a wrapper object (WrappedRecordsStart): its other members follow
};

Status ReadJsonArray(ByteStream& in, std::string prefix, const std::string& rel_path, const RecordOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, RecordIds& ids, const ArrayPlace& place = {}) {
  StreamBuf buf(in, std::move(prefix), place.lines_before);
  std::istream stream(&buf);
  Status sink_status;
  const RecordSax* at = nullptr;  // the parser below, for the position of the element at hand
  auto position = [&] {
    std::string pos(1, '#');  // not "#" + std::to_string(): GCC 12 warns falsely there (-Wrestrict)
    return pos += std::to_string(at->element());
  };
  RecordSax sax(
      options.fields, 2,
      [&](RecordValues&& values, ContentField content) {
        return Deliver(std::move(values), content, rel_path, position(), 0, options, sink, warn, ids, &sink_status);
      },
      [&] { warn(rel_path + ":" + position(), "not a JSON object; skipped"); });
  at = &sax;
  json::sax_parse(stream, &sax, json::input_format_t::json, /*strict=*/false);
  if (!buf.status().ok()) return buf.status();
  if (!sink_status.ok()) return sink_status;
  if (!sax.error().empty()) {
    if (sax.records() == 0) return Status::Corruption(rel_path, "not JSON: " + sax.error());
    warn(rel_path + ":#" + std::to_string(sax.depth() > 1 ? sax.element() : sax.element() + 1),
         "JSON array breaks at byte " + std::to_string(sax.error_position()) + "; rest of the file skipped");
    return Status::Ok();
  }
  // The parser stops at the array's end: anything but white space after it (a second array, a
  // dump appended to the file) would be lost without a word.
  const int c = SkipSpace(stream);
  if (!buf.status().ok()) return buf.status();
  // In a wrapper object, its other members (a next page's address) and its '}' follow: no records.
  if (place.wrapped && (c == ',' || c == '}')) return Status::Ok();
  if (c != std::char_traits<char>::eof()) {
    warn(rel_path + ":" + std::to_string(buf.line()),
         "more after the JSON array, which ends the file's records; the rest of the file skipped");
  }
  return Status::Ok();
}

// Reads JSON objects written over several lines each ("{" alone on the first line, as
// json.dump(obj, indent=2) or jq write them), one after another, from `prefix` then `in`. Each
// object is one record, keyed and named by the line of its "{". A value that is not an object
// warns and is skipped; a syntax error warns and ends the file (where the next object starts is
// not known), keeping the records before it.
Status ReadJsonObjects(ByteStream& in, std::string prefix, const std::string& rel_path,
                       const RecordOptions& options, const DocumentSink& sink, const WarningSink& warn,
                       RecordIds& ids) {
  StreamBuf buf(in, std::move(prefix));
  std::istream stream(&buf);
  Status sink_status;
  for (;;) {
    // Up to the next value, counting lines.
    const int c = SkipSpace(stream);
    if (!buf.status().ok()) return buf.status();
    if (c == std::char_traits<char>::eof()) break;
    const int line = buf.line();
    const std::string where = rel_path + ":" + std::to_string(line);
    RecordSax sax(
        options.fields, 1,
        [&](RecordValues&& values, ContentField content) {
          return Deliver(std::move(values), content, rel_path, {}, line, options, sink, warn, ids, &sink_status);
        },
        [&] { warn(where, "not a JSON object; skipped"); });
    json::sax_parse(stream, &sax, json::input_format_t::json, /*strict=*/false);
    if (!buf.status().ok()) return buf.status();
    if (!sink_status.ok()) return sink_status;
    if (!sax.error().empty()) {
      warn(where, "broken JSON object: " + SyntaxError(sax.error()) + "; rest of the file skipped");
      break;
    }
  }
  return Status::Ok();
}

// --- CSV ---------------------------------------------------------------------------------------

// Reads RFC 4180 records from a ByteStream.
class CsvReader {
 public:
  // The byte between fields (',' until set).
  void set_separator(char separator) { sep_ = separator; }

  // The first record not read yet, up to its end of line outside quotes (or as much as the
  // 256 KiB buffer holds), without consuming it. Fails when the stream fails.
  Result<std::string_view> PeekRecord() {
    for (;;) {
      const std::string_view have(buf_.data() + pos_, len_ - pos_);
      bool quoted = false;
      for (size_t i = 0; i < have.size(); ++i) {
        if (have[i] == '"') quoted = !quoted;
        else if ((have[i] == '\n' || have[i] == '\r') && !quoted) return have.substr(0, i);
      }
      if (eof_ || have.size() == buf_.size()) return have;
      std::memmove(buf_.data(), buf_.data() + pos_, have.size());
      len_ = have.size();
      pos_ = 0;
      Result<size_t> got = in_.Read(buf_.data() + len_, buf_.size() - len_);
      if (!got.ok()) return got.status();
      if (*got == 0) eof_ = true;
      len_ += *got;
    }
  }

  // Fields longer than `max_field` bytes are cut there and oversized() is set (bounded memory).
  CsvReader(ByteStream& in, size_t max_field) : in_(in), max_field_(max_field) {}

  // Whether a field of the record last returned by Next() was cut at `max_field` bytes.
  bool oversized() const { return oversized_; }

  // The line of a stray quote in the record last returned by Next(), 0 if none: a quote that
  // closes a quoted field holding a line break and is followed by neither the separator nor the
  // end of the record (`"...pedagang.<LF>3,Tiga,"Kereta`). A quote left open took the next
  // records' lines into one field, which RFC 4180 allows, and the stray quote is where that shows.
  int stray_quote_line() const { return stray_quote_line_; }

  // The line the next record starts on (or, after the last, one past the input's last line).
  int line() const { return line_; }

  // Reads the next record into *fields; false at the end. *first_line is its first line,
  // *unterminated is set when the input ended inside a quoted field.
  Result<bool> Next(std::vector<std::string>* fields, int* first_line, bool* unterminated) {
    fields->clear();
    *unterminated = false;
    oversized_ = false;
    stray_quote_line_ = 0;
    // Skip empty lines between records.
    for (;;) {
      Result<int> c = Peek();
      if (!c.ok()) return c.status();
      if (*c == -1) return false;
      if (*c == '\n') {
        Get();
        ++line_;
        continue;
      }
      if (*c == '\r') {  // an empty line ended by CR LF or a CR alone
        Get();
        if (Status st = RestOfCrLineEnd(); !st.ok()) return st;
        ++line_;
        continue;
      }
      break;
    }
    *first_line = line_;
    std::string field;
    bool quoted = false;
    bool was_quoted = false;
    bool broke_line = false;  // the quoted field holds a line break
    for (;;) {
      Result<int> r = Get();
      if (!r.ok()) return r.status();
      const int c = *r;
      if (c == -1) {
        *unterminated = quoted;
        fields->push_back(std::move(field));
        return true;
      }
      if (quoted) {
        if (c == '"') {
          Result<int> next = Peek();
          if (!next.ok()) return next.status();
          if (*next == '"') {
            Get();
            Append(field, '"');
          } else {
            quoted = false;
            const bool ends_field = *next == -1 || *next == sep_ || *next == '\n' || *next == '\r';
            if (broke_line && !ends_field && stray_quote_line_ == 0) stray_quote_line_ = line_;
          }
        } else {
          if (c == '\n' || c == '\r') broke_line = true;
          if (c == '\n') ++line_;
          if (c == '\r') {  // a line break of a CR alone counts as one; of CR LF, at its LF
            Result<int> next = Peek();
            if (!next.ok()) return next.status();
            if (*next != '\n') ++line_;
          }
          Append(field, static_cast<char>(c));
        }
        continue;
      }
      if (c == '"' && !was_quoted && Trimmed(field).empty()) {
        field.clear();
        quoted = true;
        was_quoted = true;
        broke_line = false;
      } else if (c == sep_) {
        fields->push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        // LF, CR LF, or a CR alone (old Mac exports, Excel's "CSV (Macintosh)") ends the record.
        if (c == '\r') {
          if (Status st = RestOfCrLineEnd(); !st.ok()) return st;
        }
        ++line_;
        fields->push_back(std::move(field));
        return true;
      } else {
        Append(field, static_cast<char>(c));
      }
    }
  }

 private:
  // After a CR that ends a line outside quotes: reads the LF of CR LF, and the CR LF after it
  // of CR CR LF (what Python's csv module writes on Windows to a file opened without
  // newline=''), so that either is one line end, as editors show it. A second CR with no LF after
  // it ends an empty line of a file whose lines end in CR alone: read, and counted.
  Status RestOfCrLineEnd() {
    Result<int> next = Peek();
    if (!next.ok()) return next.status();
    if (*next == '\r') {
      Get();
      next = Peek();
      if (!next.ok()) return next.status();
      if (*next != '\n') ++line_;
    }
    if (*next == '\n') Get();
    return Status::Ok();
  }
  Result<int> Peek() {
    if (pos_ >= len_) {
      Result<bool> more = Fill();
      if (!more.ok()) return more.status();
      if (!*more) return -1;
    }
    return static_cast<unsigned char>(buf_[pos_]);
  }
  Result<int> Get() {
    Result<int> c = Peek();
    if (c.ok() && *c != -1) ++pos_;
    return c;
  }
  Result<bool> Fill() {
    if (eof_) return false;
    Result<size_t> got = in_.Read(buf_.data(), buf_.size());
    if (!got.ok()) return got.status();
    pos_ = 0;
    len_ = *got;
    if (len_ == 0) eof_ = true;
    return len_ > 0;
  }

  void Append(std::string& field, char c) {
    if (field.size() < max_field_) field.push_back(c);
    else oversized_ = true;
  }

  ByteStream& in_;
  char sep_ = ',';
  size_t max_field_;
  bool oversized_ = false;
  int stray_quote_line_ = 0;
  std::array<char, 256 * 1024> buf_{};
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  int line_ = 1;
};

}  // namespace

std::string MaxArticleSizeText(uint64_t bytes) {
  const std::string size = bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
  return "the maximum article size (" + size + ", --max-article-mb)";
}

char SniffCsvSeparator(std::string_view header_line, const FieldMap& fields) {
  if (header_line.substr(0, 3) == "\xEF\xBB\xBF") header_line.remove_prefix(3);
  char best = ',';
  std::array<size_t, 3> best_score{};  // (has a content column, recognised columns, columns)
  for (const char sep : {',', ';', '\t', '|'}) {
    std::vector<std::string> names(1);
    bool quoted = false;
    for (const char c : header_line) {
      if (c == '"') quoted = !quoted;
      else if (c == sep && !quoted) names.emplace_back();
      else if (c != '\r') names.back().push_back(c);
    }
    std::array<size_t, 3> score{0, 0, names.size()};
    for (const auto& name : names) {
      const auto m = fields.Lookup(Trimmed(name));
      if (!m) continue;
      ++score[1];
      if (m->field == RecordField::kContent) score[0] = 1;
    }
    if (score > best_score) {
      best_score = score;
      best = sep;
    }
  }
  return best;
}

FieldMap::FieldMap() {
  for (const FieldNames& names : DefaultFieldNames()) {
    int priority = 0;
    for (const char* key : names.keys) by_key_.emplace(key, Match{names.field, priority++});
  }
}

namespace {

// The names of the logical field `logical_raw` names ("content", "Title"; "text" and "body" are
// the content), or nullptr when it names none.
const FieldNames* NamedField(std::string_view logical_raw) {
  std::string logical = Lower(logical_raw);
  if (logical == "text" || logical == "body") logical = "content";
  const auto& names = DefaultFieldNames();
  const auto it = std::find_if(names.begin(), names.end(), [&](const FieldNames& n) { return logical == n.logical; });
  return it == names.end() ? nullptr : &*it;
}

// The names of `field` (every RecordField has an entry in DefaultFieldNames).
const FieldNames& NamesOf(RecordField field) {
  const auto& names = DefaultFieldNames();
  return *std::find_if(names.begin(), names.end(), [&](const FieldNames& n) { return n.field == field; });
}

Status UnknownField(const std::string& logical_raw, const std::string& key_raw) {
  std::string known;
  for (const FieldNames& n : DefaultFieldNames()) known += (known.empty() ? "" : ", ") + std::string(n.logical);
  return Status::InvalidArgument("--field " + logical_raw + "=" + key_raw,
                                 "unknown field '" + logical_raw + "' (known: " + known + ")");
}

}  // namespace

Result<std::map<std::string, std::string>> ParseFieldOverrides(const std::vector<std::string>& values) {
  std::map<std::string, std::string> overrides;
  // The value that gave each field, and each key (lowercased, as keys are matched), so that a
  // conflict names both values in the order given.
  std::array<std::string, kRecordFieldCount> value_of_field;
  std::map<std::string, std::string> value_of_key;
  for (const std::string& value : values) {
    const size_t eq = value.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == value.size()) {
      return Status::InvalidArgument("--field " + value, "expected NAME=FIELD, e.g. content=isi");
    }
    const std::string logical = value.substr(0, eq), key = value.substr(eq + 1);
    const FieldNames* field = NamedField(logical);
    if (field == nullptr) return UnknownField(logical, key);
    std::string& earlier = value_of_field[Index(field->field)];
    const auto [taken, added] = value_of_key.emplace(Lower(key), value);
    if (!earlier.empty()) {
      if (!added && taken->second == earlier) continue;  // the same again ("content=isi", "text=ISI"): once
      // Both are named: the error named the second only, so a --field content=isi that a wrapper
      // script gave before the user's content=naskah was left to guess.
      return Status::InvalidArgument("--field " + value, "field '" + std::string(field->logical) + "' given twice (" +
                                                             earlier + ", " + value + ")");
    }
    // One key read as two fields is refused: FieldMap reads a key as one field, so the other lost
    // every name (title=isi, content=isi left each record "without content in a 'isi' field",
    // the key just given), and were both read from it, the title would be the whole text, and
    // weigh its words as a title's.
    if (!added) {
      return Status::InvalidArgument("--field " + value, "key '" + key + "' given to two fields (" + taken->second + ", " +
                                                             value + ")");
    }
    earlier = value;
    overrides.emplace(logical, key);
  }
  return overrides;
}

Result<FieldMap> FieldMap::Create(const std::map<std::string, std::string>& overrides) {
  FieldMap map;
  std::array<bool, kRecordFieldCount> given{};
  for (const auto& [logical_raw, key_raw] : overrides) {
    const FieldNames* it = NamedField(logical_raw);
    if (it == nullptr) return UnknownField(logical_raw, key_raw);
    if (given[Index(it->field)]) {
      return Status::InvalidArgument("--field " + logical_raw + "=" + key_raw,
                                     "field '" + std::string(it->logical) + "' given twice");
    }
    given[Index(it->field)] = true;
    const std::string key = Lower(key_raw);
    if (key.empty()) return Status::InvalidArgument("--field " + logical_raw + "=", "empty field name");
    if (const auto other = map.by_key_.find(key); other != map.by_key_.end() && other->second.priority < 0) {
      const RecordField first = other->second.field;
      return Status::InvalidArgument("--field " + logical_raw + "=" + key_raw,
                                     "key '" + key_raw + "' given to two fields (" + NamesOf(first).logical + "=" +
                                         map.given_keys_[Index(first)] + ", " + logical_raw + "=" + key_raw + ")");
    }
    // The overridden field keeps only its given key.
    for (auto k = map.by_key_.begin(); k != map.by_key_.end();) {
      k = (k->second.field == it->field && k->second.priority >= 0) ? map.by_key_.erase(k) : std::next(k);
    }
    map.by_key_[key] = Match{it->field, -1};  // -1: explicit, never displaced by a default
    map.given_keys_[Index(it->field)] = key_raw;
  }
  return map;
}

const std::string& FieldMap::GivenKey(RecordField field) const { return given_keys_[Index(field)]; }

std::string FieldMap::ContentNameGivenAway() const {
  if (!GivenKey(RecordField::kContent).empty()) return "";  // the content has its own key
  const FieldNames& content = NamesOf(RecordField::kContent);
  for (const FieldNames& n : DefaultFieldNames()) {
    const std::string& key = GivenKey(n.field);
    if (key.empty() || n.field == RecordField::kContent) continue;
    const std::string lower = Lower(key);
    if (std::any_of(content.keys.begin(), content.keys.end(), [&](const char* k) { return lower == k; })) {
      return "'" + key + "', a name of the content, is given to the " + n.logical + ": --field " + n.logical + "=" + key;
    }
  }
  return "";
}

std::optional<FieldMap::Match> FieldMap::Lookup(std::string_view key) const {
  const std::string lower = Lower(key);
  const auto it = by_key_.find(lower);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::string SplitCommaJoinedParagraphs(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != ',') {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] == ',') ++j;
    // "kebakaran hutan dan lahan ( ,) di": a parenthesis whose linked text the scraper dropped
    // goes whole, with the spaces before it.
    if (const size_t open = out.find_last_not_of(' '); open != std::string::npos && out[open] == '(') {
      size_t close = j;
      while (close < text.size() && (text[close] == ' ' || text[close] == ',')) ++close;
      if (close < text.size() && text[close] == ')') {
        out.resize(open);
        while (!out.empty() && out.back() == ' ') out.pop_back();
        i = close + 1;
        // "lahan(,)di": the words on either side keep a space between them.
        if (!out.empty() && i < text.size() && IsAsciiLetter(out.back()) && IsAsciiLetter(text[i])) out.push_back(' ');
        continue;
      }
    }
    const std::string_view rest = text.substr(j);
    // "dari penyanyi,. Pria", "sahabatnya,,.", "datang dari ,.": a comma before the sentence's
    // end, where a name the scraper dropped stood, goes, with the spaces before it.
    if (const size_t word = out.find_last_not_of(' ');
        word != std::string::npos && IsAsciiLetter(out[word]) && !rest.empty() &&
        (rest.front() == '.' || rest.front() == '!' || rest.front() == '?')) {
      out.resize(word + 1);
      i = j;
      continue;
    }
    // (Blank checked without copying the rest: once per comma, a copy made this quadratic.)
    const bool rest_blank = std::all_of(rest.begin(), rest.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
    if (rest_blank && (j - i > 1 || EndsWithSentenceEnd(out) || out.empty())) {
      break;  // trailing commas (empty paragraphs at the end)
    }
    // After a full stop, ! or ?, spaces and more commas may follow the run (".,  , Menuju"),
    // and spaces may come before it (". ,Pemberian").
    size_t k = j;
    const size_t last_at = out.find_last_not_of(' ');
    const char last = last_at == std::string::npos ? '\0' : out[last_at];
    if (last == '.' || last == '!' || last == '?') {
      while (k < text.size() && (text[k] == ' ' || text[k] == ',')) ++k;
    }
    // ".,lebih lanjut", "ini.,,,,,dan", "misterius.,22 tahun": a paragraph whose first words, a
    // link's text, the scraper dropped starts in lowercase or with a number; after a full stop,
    // ! or ? it is a paragraph all the same.
    const bool lowercase_paragraph = (last == '.' || last == '!' || last == '?') && k < text.size() &&
                                     ((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= '0' && text[k] <= '9'));
    if (last_at != std::string::npos && EndsWithSentenceEnd(std::string_view(out).substr(0, last_at + 1)) &&
        (StartsParagraph(text.substr(k)) || lowercase_paragraph)) {
      out.resize(last_at + 1);
      out.push_back('\n');
      j = k;
    } else if (!out.empty() && out.back() == ' ' && j < text.size() && text[j] != ' ') {
      // "Ada ,,\"kata Kepala", "Artis ,Sungkar": after a space, the commas of a dropped link's
      // text go.
    } else if (!out.empty() && out.back() == ' ' && !rest.empty() && rest.front() == ' ') {
      // " , " where the scraper dropped a link's text: the commas and the spaces after them go.
      while (j < text.size() && text[j] == ' ') ++j;
    } else if (j - i == 1 && !rest.empty() && IsAsciiUpper(static_cast<unsigned char>(rest.front())) &&
               IsCreditSoFar(std::string_view(out).substr(out.rfind('\n') + 1))) {
      // ".,© Mie Sedaap,Menariknya", ".,,Foto: Peter Yeung - dok BBC,Namun": a credit the
      // scraper joined between two paragraphs ends at the comma with a capital right after it,
      // and stands on its own line, where the cleaner's credit rules find it.
      out.push_back('\n');
    } else if (j - i == 1 && !out.empty() && IsAsciiLetter(out.back()) && !rest.empty() && IsAsciiLetter(rest.front())) {
      // "membuat,khawatir": a line break inside a paragraph that the scraper made a comma, or a
      // comma typed without its space; either way the words get their space back.
      out.append(", ");
    } else if (j - i > 1 && !out.empty() && (IsAsciiLetter(out.back()) || out.back() == ')') && !rest.empty() &&
               (rest.front() == ' ' || IsAsciiLetter(rest.front()))) {
      // "(Timnas),, Bima Sakti", "dari,, tetapi": a run of commas inside a sentence, where the
      // scraper dropped a linked name, is one comma.
      out.append(rest.front() == ' ' ? "," : ", ");
    } else {
      out.append(text.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

RawDocument MakeRecordDocument(RecordValues values, const std::string& rel_path, std::string_view type,
                               std::string_view position, int line, const RecordOptions& options) {
  for (std::string& v : values) v = CleanValue(std::move(v));
  auto take = [&](RecordField f) { return Trimmed(values[Index(f)]); };
  RawDocument doc;
  doc.path = rel_path;
  doc.type = std::string(type);
  doc.title = take(RecordField::kTitle);
  doc.url = take(RecordField::kUrl);
  doc.date = take(RecordField::kDate);
  doc.time = take(RecordField::kTime);
  doc.source = take(RecordField::kSource);
  doc.category = take(RecordField::kCategory);
  doc.author = take(RecordField::kAuthor);
  std::string& content = values[Index(RecordField::kContent)];
  // Dumps lose the breaks between paragraphs: "pungkasnya.Sebagai" (SpaceGluedSentences).
  content = SpaceGluedSentences(content);
  if (options.comma_joined == CommaJoinedParagraphs::kSplitAtSentenceEnd) {
    // A no-break space is a space to the split, as to the cleaner (NormalizeText): ".\u00A0,Neymar",
    // the repaired mojibake of ".¬†,Neymar", is a paragraph break like ". ,Neymar" (1,892 CLICK-ID
    // records write "¬†,", mostly tempo's and kompas's). The invisible marks the cleaner drops are
    // dropped here too: ".,\u200ESenada" is a paragraph break (10 CLICK-ID records; its two
    // paragraphs were one sentence, which phrases matched across).
    doc.text = SplitCommaJoinedParagraphs(InvisibleAsNormalized(content));
  } else {
    doc.text = std::move(content);
  }
  doc.id = RecordIdOf(take(RecordField::kId), doc.url, rel_path, position, line, &doc.record);
  doc.first_line = line > 0 ? line : 1;
  return doc;
}

namespace {

// ReadJsonRecords, with the file's ids in `ids` (WarnUnnamed is left to the caller).
Status ReadJsonRecordsKeyed(ByteStream& in, const std::string& rel_path, const RecordOptions& options,
                            const DocumentSink& sink, const WarningSink& warn, RecordIds& ids) {
  LineReader lines(&in);
  {
    // One JSON array (often all on one line) is streamed from its first byte, never read as a line.
    std::string_view head = lines.Peek(64 * 1024);
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    const size_t start = head.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && head[start] == '[') {
      std::string prefix = lines.TakeBuffered();
      if (prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.erase(0, 3);
      return ReadJsonArray(in, std::move(prefix), rel_path, options, sink, warn, ids);
    }
    // One object wrapping the records, as an API answers ({"status": "ok", "articles": [...]},
    // NewsAPI): they were read as one record with no content. Its array is streamed as a file's.
    if (start != std::string_view::npos && head[start] == '{') {
      if (const size_t open = WrappedRecordsStart(head.substr(start), options.fields); open != std::string_view::npos) {
        std::string prefix = lines.TakeBuffered();
        const size_t at = (prefix.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) + start + open;
        const int lines_before = static_cast<int>(std::count(prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        prefix.erase(0, at);
        return ReadJsonArray(in, std::move(prefix), rel_path, options, sink, warn, ids, {lines_before, true});
      }
    }
    // "{" alone on the first line: objects written over many lines each, never JSON Lines.
    if (start != std::string_view::npos && head[start] == '{' &&
        Trimmed(head.substr(start + 1, head.find('\n', start) - start - 1)).empty() &&
        head.find('\n', start) != std::string_view::npos) {
      std::string prefix = lines.TakeBuffered();
      if (prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.erase(0, 3);
      return ReadJsonObjects(in, std::move(prefix), rel_path, options, sink, warn, ids);
    }
  }
  // A longer line cannot hold a record within max_article_bytes (JSON escapes at most triple
  // UTF-8 text): it is skipped without being held in memory.
  const size_t max_line = options.max_article_bytes * 3 + (1u << 20);
  std::string line;
  Status sink_status;
  int line_no = 0;
  RecordSax::Emit emit = [&](RecordValues&& values, ContentField content) {
    return Deliver(std::move(values), content, rel_path, {}, line_no, options, sink, warn, ids, &sink_status);
  };
  // A line that goes on after its record: two records with no line break between them (one
  // JSON value per line is the format), or garbage. The first record is read; the rest is named.
  const auto warn_rest = [&](const RecordSax& sax) {
    warn(rel_path + ":" + std::to_string(line_no),
         "more after the record on this line (" + SyntaxError(sax.error()) +
             "); the rest of the line skipped (JSON Lines holds one object per line)");
  };
  bool first = true;
  for (;;) {
    Result<bool> more = lines.Next(&line, max_line);
    if (!more.ok()) {
      if (more.status().code() == StatusCode::kCorruption) {
        // A truncated or damaged .gz: the records before the damage were passed to the sink; the
        // file fails (it was not read whole), naming the line it breaks in.
        return Status::Corruption(rel_path + ":" + std::to_string(lines.line_number() + 1),
                                  more.status().message() + "; the records before this line are read");
      }
      return more.status();
    }
    if (!*more) break;
    line_no = lines.line_number();
    if (lines.truncated()) {
      warn(rel_path + ":" + std::to_string(line_no),
           "line longer than " + std::to_string(max_line) + " bytes; record skipped");
      continue;
    }
    if (IsBlank(line)) continue;
    if (first) {
      first = false;
      if (line.substr(0, 3) == "\xEF\xBB\xBF") line.erase(0, 3);
    }
    RecordSax sax(options.fields, 1, emit);
    bool parsed = json::sax_parse(line, &sax, json::input_format_t::json, /*strict=*/true);
    if (!parsed && sax.records() == 0 && sink_status.ok() && !IsWellFormedUtf8(line)) {
      // Not UTF-8: read the line as Windows-1252 and try again.
      Result<std::string> decoded = DecodeToUtf8(line, "windows-1252");
      if (decoded.ok()) {
        RecordSax retry(options.fields, 1, emit);
        parsed = json::sax_parse(*decoded, &retry, json::input_format_t::json, /*strict=*/true);
        if (parsed || retry.records() > 0) {
          if (!sink_status.ok()) return sink_status;
          if (!parsed) warn_rest(retry);
          if (retry.not_object()) warn(rel_path + ":" + std::to_string(line_no), "not a JSON object; skipped");
          continue;
        }
      }
    }
    if (!sink_status.ok()) return sink_status;
    if (!parsed) {
      if (sax.records() == 0) {
        warn(rel_path + ":" + std::to_string(line_no), "broken JSON line skipped: " + SyntaxError(sax.error()));
      } else {
        warn_rest(sax);
      }
      continue;
    }
    if (sax.not_object() && sax.records() == 0) {
      warn(rel_path + ":" + std::to_string(line_no), "not a JSON object; skipped");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ReadJsonRecords(ByteStream& in, const std::string& rel_path, const RecordOptions& options,
                       const DocumentSink& sink, const WarningSink& warn) {
  return WithRecordIds(rel_path, options, warn,
                       [&](RecordIds& ids) { return ReadJsonRecordsKeyed(in, rel_path, options, sink, warn, ids); });
}

namespace {

// ReadCsvRecords, with the file's ids in `ids` (WarnUnnamed is left to the caller).
Status ReadCsvRecordsKeyed(ByteStream& in, const std::string& rel_path, const RecordOptions& options,
                           const DocumentSink& sink, const WarningSink& warn, RecordIds& ids) {
  CsvReader csv(in, options.max_article_bytes + 1);
  std::vector<std::string> fields;
  int line = 0;
  bool unterminated = false;
  Result<std::string_view> header = csv.PeekRecord();
  if (!header.ok()) return header.status();
  csv.set_separator(SniffCsvSeparator(*header, options.fields));
  Result<bool> more = csv.Next(&fields, &line, &unterminated);
  if (!more.ok()) return more.status();
  if (!*more) return Status::Ok();  // empty file
  // Header: which column holds which logical field.
  std::vector<int> column_field(fields.size(), -1);
  std::array<int, kRecordFieldCount> best{};
  best.fill(1 << 30);
  for (size_t c = 0; c < fields.size(); ++c) {
    std::string name = Trimmed(fields[c]);
    if (c == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name = Trimmed(name.substr(3));
    const auto m = options.fields.Lookup(name);
    if (!m) continue;
    const size_t i = Index(m->field);
    if (m->priority < best[i]) {
      for (int& f : column_field) {
        if (f == static_cast<int>(i)) f = -1;
      }
      best[i] = m->priority;
      column_field[c] = static_cast<int>(i);
    }
  }
  if (best[Index(RecordField::kContent)] == (1 << 30)) {
    // Bad input (kCorruption), like a JSON file that is not JSON: the file is not what its name says.
    // Its columns are named, so that a field override can be written (or a typo in one seen).
    std::string columns;
    for (size_t c = 0; c < fields.size(); ++c) {
      if (columns.size() > 200) {
        columns += ", ...";
        break;
      }
      std::string name = Trimmed(fields[c]);
      if (c == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name = Trimmed(name.substr(3));
      columns += (columns.empty() ? "" : ", ") + name;
    }
    const std::string& given = options.fields.GivenKey(RecordField::kContent);
    // It said "looked for content, text, isi, ..." also when --field content=KEY had it look for KEY alone.
    if (!given.empty()) {
      return Status::Corruption(rel_path, "CSV header has no column '" + given + "' (--field content=" + given +
                                              "); its columns: " + columns);
    }
    // "--field title=isi" alone took isi from the content, which the list below then named.
    if (const std::string away = options.fields.ContentNameGivenAway(); !away.empty()) {
      return Status::Corruption(rel_path, "CSV header has no content column (" + away +
                                              "; name the content's column with --field content=<column>); its columns: " + columns);
    }
    return Status::Corruption(rel_path, "CSV header has no content column (looked for content, text, isi, "
                                        "body, ...; use a field override such as content=<column>); its columns: " +
                                            columns);
  }
  const size_t columns = column_field.size();
  for (;;) {
    more = csv.Next(&fields, &line, &unterminated);
    if (!more.ok()) {
      if (more.status().code() == StatusCode::kCorruption) {
        // As in ReadJsonRecords: the records before the damage are read, and the file fails.
        return Status::Corruption(rel_path + ":" + std::to_string(line),
                                  more.status().message() + "; the records before this line are read");
      }
      return more.status();
    }
    if (!*more) break;
    const std::string where = rel_path + ":" + std::to_string(line);
    if (unterminated) {
      warn(where, "unterminated quoted field at the end of the file; record skipped");
      break;
    }
    if (csv.stray_quote_line() > 0) {
      const int last = csv.line() - 1;  // the record's last line
      warn(where, "quote left open (a quoted field runs on to line " + std::to_string(csv.stray_quote_line()) +
                      ", where a quote is followed by more text); record skipped, lines " + std::to_string(line) + "-" +
                      std::to_string(last));
      continue;
    }
    if (csv.oversized()) {
      warn(where, "record larger than " + MaxArticleSizeText(options.max_article_bytes) + "; skipped");
      continue;
    }
    if (fields.size() != columns) {
      warn(where, "record has " + std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(columns) + "; skipped");
      continue;
    }
    RecordValues values;
    for (size_t c = 0; c < columns; ++c) {
      if (column_field[c] >= 0) values[static_cast<size_t>(column_field[c])] = std::move(fields[c]);
    }
    // The header has the content column (else it is an error): an empty cell is lost text.
    if (NoContent(values[Index(RecordField::kContent)]) && !TitleOnly(values, ContentField::kGiven)) {
      ReportSkipped(values, rel_path, {}, line, options);
      warn(where, "record has no content; skipped");
      continue;
    }
    if (values[Index(RecordField::kContent)].size() > options.max_article_bytes) {
      ReportSkipped(values, rel_path, {}, line, options);
      warn(where, "record larger than " + MaxArticleSizeText(options.max_article_bytes) + "; skipped");
      continue;
    }
    RawDocument doc = MakeRecordDocument(std::move(values), rel_path, "csv", {}, line, options);
    ids.Check(doc, {}, line, options, warn);
    Status s = sink(std::move(doc));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status ReadCsvRecords(ByteStream& in, const std::string& rel_path, const RecordOptions& options,
                      const DocumentSink& sink, const WarningSink& warn) {
  return WithRecordIds(rel_path, options, warn,
                       [&](RecordIds& ids) { return ReadCsvRecordsKeyed(in, rel_path, options, sink, warn, ids); });
}

}  // namespace rkn
