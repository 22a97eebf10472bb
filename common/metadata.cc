// Placeholder metadata extraction (foundation): title = first content line.
#include "common/metadata.h"

namespace rkn {

std::optional<ParsedDate> ParseIndonesianDate(std::string_view, std::string_view) { return std::nullopt; }

ArticleMeta ExtractMetadata(const RawDocument& raw, const CleanResult& cleaned) {
  ArticleMeta m;
  m.title = raw.title;
  m.source = raw.source;
  m.author = raw.author;
  m.category = raw.category;
  m.url = raw.url;
  if (m.title.empty()) {
    auto kept = cleaned.KeptLines();
    if (!kept.empty()) m.title = kept.front();
  }
  return m;
}

}  // namespace rkn
