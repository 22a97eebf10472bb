// Multi-record corpus files: JSON Lines (one article object per line), JSON (one array of
// article objects, or objects written over several lines each) and CSV with a header row. Each
// record becomes one RawDocument; field names are recognised from common English and Indonesian
// spellings and those of common scrapers (NewsAPI's publishedAt; news-please's maintext,
// date_publish, authors and source_domain; newspaper3k's authors), or given explicitly.
//
// Field names recognised (case-insensitive, exact key match; first listed wins):
//   id        id, _id, article_id
//   title     title, judul, headline
//   content   content, text, isi, body, article, artikel, konten, berita, maintext
//   url       url, link, canonical_url, permalink
//   date      date, tanggal, published, published_at, datepublished, pubdate, publish_date, waktu,
//             publishedat, date_publish
//   time      time, jam
//   source    source, sumber, site, media, portal, source_domain
//   category  category, kategori, section, rubrik, kanal
//   author    author, penulis, reporter, wartawan, byline, authors
// Values that are strings are taken; numbers are taken as written; an array of strings is joined
// (with '\n' for content, ", " otherwise); objects and other nested values are skipped.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/article.h"
#include "common/gzip.h"
#include "common/reader.h"
#include "common/status.h"

namespace rkn {

// The logical fields of an article record.
enum class RecordField { kId, kTitle, kContent, kUrl, kDate, kTime, kSource, kCategory, kAuthor };
inline constexpr size_t kRecordFieldCount = 9;

// Which record keys (JSON member names, CSV column names) hold which logical field.
class FieldMap {
 public:
  // The default names listed at the top of this file.
  FieldMap();

  // Defaults plus overrides: logical name ("content", "title", "date", ... as in the list above;
  // "text" and "body" are accepted for "content") -> the key to use for it, e.g. {"content",
  // "isi"}. An overridden logical field uses only its given key, and that key means nothing
  // else. A key may hold any character, '=' included. Fails with kInvalidArgument naming an
  // unknown logical name (the message lists the known ones), a logical field given twice
  // ("text" and "content" are one field), one key given to two fields (keys match whatever
  // their case) or an empty key.
  static Result<FieldMap> Create(const std::map<std::string, std::string>& overrides);

  // The logical field `key` holds and its priority (0 = preferred), or nullopt.
  struct Match {
    RecordField field;
    int priority;
  };
  std::optional<Match> Lookup(std::string_view key) const;

  // The key an override gave `field`, as written ("Isi_Berita" for {"content", "Isi_Berita"}),
  // or "" when the field keeps its default names. Never fails.
  const std::string& GivenKey(RecordField field) const;

  // When an override gave another field a name the content goes by by default ("--field
  // title=isi"), a clause for the error that a record or CSV header has no content: "'isi', a
  // name of the content, is given to the title: --field title=isi"; else "". Never fails.
  std::string ContentNameGivenAway() const;

 private:
  std::unordered_map<std::string, Match> by_key_;  // lowercased key -> field
  std::array<std::string, kRecordFieldCount> given_keys_;  // by field: the override's key, or ""
};

// Reads --field values ("content=isi"), in the order given, into the overrides FieldMap::Create
// takes: NAME ends at the first '=' ("content=a=b" gives the key "a=b"). The same field given the
// same key again ("content=isi", then "text=ISI") is taken once. Fails with kInvalidArgument, its
// message naming the value, on the first value that is not NAME=FIELD with both sides non-empty,
// names an unknown field (the message lists the known ones), gives a field a second key ("--field
// title=judul: field 'title' given twice (title=isi, title=judul)") or gives a second field a
// key ("--field content=isi: key 'isi' given to two fields (title=isi, content=isi)").
Result<std::map<std::string, std::string>> ParseFieldOverrides(const std::vector<std::string>& values);

// What to do with content whose paragraphs a scraper joined with commas ("...keyakinan.,Hal
// itu..."; CLICK-ID does this).
enum class CommaJoinedParagraphs {
  // A run of commas directly after a sentence end (. ! ? : or a closing quote) and directly
  // followed (no space; after . ! or ?, also spaces and more commas) by an uppercase letter or an
  // opening quote, or after . ! or ? by a lowercase letter (a paragraph whose first words, a
  // link's text, the scraper dropped: "mereka.,lebih lanjut"), becomes a line break; a run of
  // commas at the very end is dropped. Normal prose never has ".,X" or "., X", so this is safe. A run of commas between two spaces, where the
  // scraper dropped the text of a link ("bahwa , kumpul kebo"; half of CLICK-ID's rows), is
  // dropped with the spaces after it. One comma between two letters ("membuat,khawatir", a line
  // break the scraper made a comma) gets a space after it.
  kSplitAtSentenceEnd,
  kKeep,  // leave the text as it is
};

// "the maximum article size (16 MiB, --max-article-mb)" for a limit of `bytes` (a whole number of
// MiB as such, else in bytes): what a skip for size says, naming the option that sets it. Never fails.
std::string MaxArticleSizeText(uint64_t bytes);

// How to read records.
struct RecordOptions {
  FieldMap fields;
  uint64_t max_article_bytes = 16u << 20;  // larger records are skipped with a warning
  CommaJoinedParagraphs comma_joined = CommaJoinedParagraphs::kSplitAtSentenceEnd;
  // Where the warnings about repeated ids go, the one that counts those not named too (the
  // records are read all the same); unset: `warn`.
  WarningSink note;
  // Told the id of a record skipped whole (no content, too large) just before its warning, so a
  // caller can keep what is indexed under that id; a broken line, whose id is unknown, is not.
  std::function<void(const std::string& id)> skipped;
  // How many records of one file whose id an earlier record already used are warned about one by
  // one; the rest are counted (see ReadJsonRecords).
  uint64_t repeated_ids_named = kSameWarningsShown;
};

// Reads JSON Lines from `in`, or, when the first non-blank byte is '[', one JSON array of
// objects, streamed; or, when the first non-blank line is "{" alone, objects written over several
// lines each, one after another (a pretty-printed .json file). `rel_path` names the file in ids
// and warnings; RawDocument::type is "jsonl" for all three. Each object becomes a RawDocument
// (see MakeRecordDocument). A broken or truncated line, a value that is not an object (a line, or
// an array element "#<n>"), or a record without content goes to `warn` as ("<rel_path>:<line>",
// what) and reading goes on. A record whose id field an earlier record of the file already has
// is keyed as if it had no id and no url ("<rel_path>:<line>" or "<rel_path>:#<n>"), with a
// warning naming the earlier one, so it does not replace that record; past the file's tenth such
// record (RecordOptions::repeated_ids_named) they are only counted, and one warning ("<rel_path>", what) at the end of the file, also
// when reading stops early, says how many more there were. Fails when the stream fails
// or the sink returns an error; a JSON array that breaks part way warns and keeps what was read,
// and fails with kCorruption only when nothing could be read; multi-line objects that break warn
// and keep the records before.
Status ReadJsonRecords(ByteStream& in, const std::string& rel_path, const RecordOptions& options,
                       const DocumentSink& sink, const WarningSink& warn);

// Reads CSV (RFC 4180: header row, "..." quoting with doubled quotes and embedded newlines,
// CRLF or LF) from `in`; the separator (',', ';', tab or '|') is sniffed from the header line
// (SniffCsvSeparator), so .tsv and semicolon CSV from spreadsheets read too. Columns with an empty or unknown name (a leading
// pandas index column, "label", ...) are ignored. A row whose field count differs from the
// header's, or an unterminated quote at the end, goes to `warn` with its first line number.
// A repeated id is keyed by its line as in ReadJsonRecords. Fails when the stream fails, the
// header has no content column (kCorruption: bad input), or the sink returns an error.
Status ReadCsvRecords(ByteStream& in, const std::string& rel_path, const RecordOptions& options,
                      const DocumentSink& sink, const WarningSink& warn);

// The field separator of a CSV file from its header line (`header_line`, without its line end):
// of ',', ';', '\t' and '|' counted outside double quotes, the one whose columns include a
// content column (per `fields`), then the most recognised field names, then the most columns;
// ties go to the earlier in that list, so ',' when none occurs. Never fails.
char SniffCsvSeparator(std::string_view header_line, const FieldMap& fields);

// Splits comma-joined paragraphs as described for kSplitAtSentenceEnd.
std::string SplitCommaJoinedParagraphs(std::string_view text);


// The values of one record, by logical field (empty = absent).
using RecordValues = std::array<std::string, kRecordFieldCount>;

// Builds the RawDocument of one record: every value is made valid UTF-8 (a value that is not is
// read as Windows-1252) and mojibake-repaired (RepairMojibake); content gets the comma rule.
// record = the id field, else the url, else the line number (or "#<n>" inside a JSON array);
// id = "<rel_path>#<id field>" when there is an id field, else the url, else
// "<rel_path>:<record>". first_line = `line` (the record's first line in the file).
RawDocument MakeRecordDocument(RecordValues values, const std::string& rel_path, std::string_view type,
                               std::string_view position, int line, const RecordOptions& options);

}  // namespace rkn
