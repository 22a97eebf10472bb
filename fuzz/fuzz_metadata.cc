// Fuzzes the metadata stage (common/metadata.h): ParseIndonesianDate, RegistrableDomain,
// BrandDomain, and ExtractMetadata over a cleaned article with structured hints.
// Input = "date\ntime\nurl\nsource\nauthor\ntitle\ntext..." (any line may be empty).
#include <cstdint>
#include <string>

#include "common/cleaner.h"
#include "common/metadata.h"
#include "fuzz/fuzz_common.h"

namespace {

const rkn::Cleaner& TheCleaner() {
  static const rkn::Cleaner c = rkn::fuzz::MustLoad(rkn::Cleaner::Load(RKN_FUZZ_DATADIR, {}), "rules");
  return c;
}

void CheckDate(const std::optional<rkn::ParsedDate>& d) {
  if (!d) return;
  // "YYYY-MM-DD" at least, always valid UTF-8 (ASCII in fact).
  if (d->iso.size() < 10 || !rkn::IsValidUtf8(d->iso)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return -1;
  const std::string text = rkn::fuzz::ReaderText(rkn::fuzz::Bytes(data, size));
  std::string_view date, time, url, source, author, title;
  std::string_view rest = rkn::fuzz::TakeLine(text, &date);
  rest = rkn::fuzz::TakeLine(rest, &time);
  rest = rkn::fuzz::TakeLine(rest, &url);
  rest = rkn::fuzz::TakeLine(rest, &source);
  rest = rkn::fuzz::TakeLine(rest, &author);
  rest = rkn::fuzz::TakeLine(rest, &title);

  CheckDate(rkn::ParseIndonesianDate(date));
  CheckDate(rkn::ParseIndonesianDate(date, time));
  (void)rkn::RegistrableDomain(url);
  (void)rkn::BrandDomain(source);

  // The hints as a JSONL/HTML input would give them, and the same text as plain .txt.
  rkn::RawDocument raw;
  raw.id = raw.path = "fuzz.txt";
  raw.type = "jsonl";
  raw.text = std::string(rest);
  raw.date = std::string(date);
  raw.time = std::string(time);
  raw.url = std::string(url);
  raw.source = std::string(source);
  raw.author = std::string(author);
  raw.title = std::string(title);
  rkn::CleanContext ctx;
  ctx.title = raw.title;
  const rkn::CleanResult cleaned = TheCleaner().Clean(raw.text, 7, ctx);
  const rkn::ArticleMeta hinted = rkn::ExtractMetadata(raw, cleaned);

  rkn::RawDocument plain;
  plain.id = plain.path = "fuzz.txt";
  plain.type = "txt";
  plain.text = text;
  const rkn::CleanResult cleaned_plain = TheCleaner().Clean(plain.text, 1, rkn::CleanContext{});
  const rkn::ArticleMeta meta = rkn::ExtractMetadata(plain, cleaned_plain);

  for (const rkn::ArticleMeta* m : {&hinted, &meta}) {
    for (const std::string* f : {&m->title, &m->source, &m->published, &m->author, &m->dateline, &m->url}) {
      if (!rkn::IsValidUtf8(*f)) __builtin_trap();
    }
    if (m->published.empty() != !m->published_epoch.has_value()) __builtin_trap();
  }
  return 0;
}
