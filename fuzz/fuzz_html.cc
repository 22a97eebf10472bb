// Fuzzes the HTML article extractor (common/html_extract.h): page bytes through charset sniffing,
// decoding and the gumbo-based extraction, as the reader does for .html files.
#include <cstdint>
#include <string>

#include "common/encoding.h"
#include "common/html_extract.h"
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 512 * 1024) return -1;
  const std::string_view bytes = rkn::fuzz::Bytes(data, size);
  (void)rkn::LooksLikeHtml(bytes.substr(0, 1024));
  (void)rkn::SniffHtmlCharset(bytes);
  auto page = rkn::ExtractHtmlBytes(bytes);
  if (!page.ok()) return 0;
  for (const std::string* f : {&page->text, &page->title, &page->url, &page->site_name, &page->published,
                               &page->author, &page->category, &page->description}) {
    if (!rkn::IsValidUtf8(*f)) __builtin_trap();
  }
  if (page->has_article == page->text.empty()) __builtin_trap();
  return 0;
}
