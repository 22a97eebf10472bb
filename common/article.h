// The in-memory forms an article takes on its way through the index pipeline:
// RawDocument (read from a file or record) -> CleanResult (cleaner.h) -> Article (metadata
// extracted, ready to analyse and write).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rkn {

// The most lines an article's text may have; the readers skip a longer one with a warning. The
// cleaner keeps a decision for every line (a few hundred bytes each), so a 15 MB text of
// one-letter lines took 3.1 GB and 14 s; real articles have at most a few hundred lines.
inline constexpr size_t kMaxArticleLines = 100000;

// True when `text` has more than kMaxArticleLines lines ('\n'-separated; a last line without
// '\n' counts).
inline bool HasTooManyLines(std::string_view text) {
  const auto ends = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return ends + (!text.empty() && text.back() != '\n' ? 1 : 0) > kMaxArticleLines;
}

// One article as read from the corpus, before cleaning. Structured inputs (JSONL, CSV, HTML meta
// tags) fill the hint fields; plain text leaves them empty.
struct RawDocument {
  std::string id;      // unique within the database: corpus-relative path, "path#record" or url
  std::string path;    // corpus-relative path of the file it came from
  std::string record;  // record id inside a JSONL/CSV file ("" for whole-file documents)
  std::string type;    // "txt", "html", "jsonl", "csv"
  std::string text;    // UTF-8 text, NFC-normalised, lines separated by '\n'
  // Hints from structured inputs; empty when unknown.
  std::string title;
  std::string source;
  std::string date;     // as written by the source ("10 Mei 2019", "2019-09-01T10:00:00+07:00", ...)
  std::string time;     // "10:15" or "10:15 WIB", when separate from the date
  std::string author;
  std::string category;
  std::string url;
  // A page's byline element, as written (HtmlPage::byline): the author's name is read from it
  // only when no field and no line of the text names one.
  std::string byline;
  // Line number in the file of the first line of `text` (1-based), so cleaner decisions can be
  // reported as file lines.
  int first_line = 1;
};

// Metadata of an article; empty strings mean "unknown", never a guess.
struct ArticleMeta {
  std::string title;
  std::string source;     // lowercase domain: "kompas.com"
  std::string published;  // ISO 8601 with offset: "2024-06-20T16:15:00+07:00", or "2019-05-10"
  std::string author;
  std::string dateline;   // place in the dateline: "VALDIVOSTOK", "PYONGYANG"
  std::string category;
  std::string url;
  // Seconds since the epoch (UTC) of `published`, when known.
  std::optional<int64_t> published_epoch;
  // The input's date field (and time) when one was given and could not be read as a date;
  // `published` then comes from the text or the URL, or is empty.
  std::string unread_date;
  // Whether `published` is the day in the URL's path, for want of a date field or line.
  bool published_from_url = false;
};

// An article ready for analysis: metadata plus the cleaned body.
struct Article {
  std::string id;
  std::string path;
  std::string record;
  std::string type;
  ArticleMeta meta;
  std::vector<std::string> paragraphs;  // cleaned body, title excluded
};

}  // namespace rkn
