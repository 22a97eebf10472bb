// Metadata extraction: title, source domain, publication date, author and dateline of a cleaned
// article, from structured hints (JSONL fields, HTML meta tags) first and the article text second.
// Unknown fields stay empty: never a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/cleaner.h"

namespace rkn {

// A date parsed from Indonesian or ISO text.
struct ParsedDate {
  std::string iso;  // "2024-06-20T16:15:00+07:00", or "2019-05-10" when there is no time
  int64_t epoch = 0;  // seconds since the epoch, UTC (midnight +07:00 when there is no time)
};

// Parses dates as Indonesian news writes them: "Kamis, 20 Juni 2024 - 16:15 WIB",
// "Kompas.com - 30/08/2022, 22:44 WIB", "10 Mei 2019", ISO 8601; `time` is an optional separate
// time ("16:15", "16:15 WIB"). WIB +07:00, WITA +08:00, WIT +09:00; no zone means WIB.
// Returns nullopt when nothing parses or the date is impossible.
std::optional<ParsedDate> ParseIndonesianDate(std::string_view date, std::string_view time = {});

// Extracts the metadata of `raw` after cleaning. Hints in `raw` win over what the text says.
ArticleMeta ExtractMetadata(const RawDocument& raw, const CleanResult& cleaned);

}  // namespace rkn
