// Output formats of rkn-search: human (terminal-aware), JSON (one object), JSONL (one hit per
// line), CSV, count and file list. The JSON layout is documented in README "JSON schema".
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/search.h"

namespace rkn {

enum class OutputFormat { kHuman, kJson, kJsonl, kCsv, kCount, kFiles };

struct HumanStyle {
  bool color = false;  // ANSI bold/colour highlights; otherwise [brackets]
  size_t width = 100;  // wrap titles and snippets at this many columns
  bool files_null = false;  // --files: end each path with '\0' (for xargs -0), not '\n'
};

// The JSON object for a response (schema_version, query, parsed_query, total, total_bounds,
// suggestion, facets, hits).
nlohmann::json ResponseJson(const SearchResponse& r);

// The JSON object for one hit.
nlohmann::json HitJson(const Hit& h);

// Appends ResponseJson(r), with a "line" member added when `line` is given (batch mode), as
// compact JSON: byte for byte what nlohmann::json's dump(-1, ' ', false, replace) writes, built
// without a JSON tree. Never fails; ill-formed UTF-8 is replaced with U+FFFD as dump does.
void AppendResponseJson(const SearchResponse& r, std::optional<size_t> line, std::string* out);

// Appends HitJson(h) as compact JSON, byte for byte as dump(-1, ' ', false, replace) writes it.
void AppendHitJson(const Hit& h, std::string* out);

// The terminal columns code point `c` takes: 2 for wide and fullwidth East Asian characters and
// emoji shown as pictures, 0 for combining marks and invisible format characters (the zero-width
// joiner, variation selectors: the human output counts U+FE0F after a one-column character as one
// more), else 1. Sequences that terminals draw as one picture (flags, families joined by U+200D)
// count as their parts. Never fails: a negative or out-of-range `c` takes 1.
size_t TerminalColumns(int32_t c);

// The JSON object --show --json writes for `a`: schema_version, query (null without one),
// matches (null without a query), notes, and the article's docid, path, record, title,
// title_highlights, source, published, author, category, url, text (paragraphs separated by
// '\n') and highlights ([begin, end) code points into text). Never fails.
nlohmann::json ArticleJson(const ShownArticle& a);

// Writes `a` as --show does: as ArticleJson (`json`), else for reading: the title, a line of
// path#record, source, date and author, the url when the record is not it, then the text's
// paragraphs wrapped at style.width, the matches marked as in snippets. Never fails.
void WriteArticle(const ShownArticle& a, bool json, const HumanStyle& style, std::ostream& out);

// Writes `r` in `format` to `out`.
void WriteResponse(const SearchResponse& r, OutputFormat format, const HumanStyle& style, std::ostream& out);

}  // namespace rkn
