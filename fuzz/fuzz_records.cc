// Fuzzes the multi-record readers (common/records.h): the same bytes as JSON Lines / JSON array
// and as CSV, through an in-memory stream (gzip data is gunzipped on the way, as for .gz files),
// plus SplitCommaJoinedParagraphs. Every document must carry valid UTF-8 and an id.
#include <cstdint>
#include <string>

#include "common/gzip.h"
#include "common/records.h"
#include "fuzz/fuzz_common.h"

namespace {

rkn::Status Check(const rkn::RawDocument& doc) {
  for (const std::string* f : {&doc.id, &doc.text, &doc.title, &doc.source, &doc.date, &doc.time, &doc.author,
                               &doc.category, &doc.url, &doc.record}) {
    if (!rkn::IsValidUtf8(*f)) __builtin_trap();
  }
  if (doc.id.empty() || doc.first_line < 1) __builtin_trap();
  return rkn::Status::Ok();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return -1;
  const std::string_view bytes = rkn::fuzz::Bytes(data, size);
  rkn::RecordOptions options;
  options.max_article_bytes = 16 * 1024;  // small, so the size limit is exercised too
  const rkn::DocumentSink sink = [](rkn::RawDocument&& doc) { return Check(doc); };
  const rkn::WarningSink warn = [](const std::string& where, const std::string& what) {
    if (where.empty() || what.empty()) __builtin_trap();
  };
  {
    auto in = rkn::MemoryStream(bytes);
    (void)rkn::ReadJsonRecords(*in, "fuzz.jsonl", options, sink, warn);
  }
  {
    auto in = rkn::MemoryStream(bytes);
    (void)rkn::ReadCsvRecords(*in, "fuzz.csv", options, sink, warn);
  }
  if (rkn::IsValidUtf8(bytes)) {
    const std::string split = rkn::SplitCommaJoinedParagraphs(bytes);
    if (!rkn::IsValidUtf8(split)) __builtin_trap();
  }
  return 0;
}
