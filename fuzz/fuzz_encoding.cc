// Fuzzes the byte layer (common/gzip.h, common/encoding.h): gunzipping in memory and as a stream
// split into lines, the Gzip/Gunzip round trip, charset decoding with and without a declared
// charset, and mojibake repair. Input = one byte choosing the declared charset, then the bytes.
#include <cstdint>
#include <string>

#include "common/encoding.h"
#include "common/gzip.h"
#include "fuzz/fuzz_common.h"

namespace {

constexpr const char* kCharsets[] = {"", "windows-1252", "iso-8859-1", "utf-8", "utf-16le", "utf-16be",
                                     "macintosh", "shift_jis", "no-such-charset", "gb18030", "koi8-r",
                                     "utf-32", "us-ascii", "latin2", "iso-2022-jp", "x-user-defined"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 256 * 1024) return -1;
  const char* charset = kCharsets[data[0] % (sizeof(kCharsets) / sizeof(kCharsets[0]))];
  const std::string_view bytes = rkn::fuzz::Bytes(data + 1, size - 1);

  // gzip: whole-buffer and streamed must agree.
  auto whole = rkn::Gunzip(bytes);
  {
    auto in = rkn::MemoryStream(bytes, rkn::Compression::kGzip);
    auto all = rkn::ReadAll(*in, 1u << 24);
    if (whole.ok() && all.ok() && *whole != *all) __builtin_trap();
  }
  {
    auto in = rkn::MemoryStream(bytes);
    rkn::LineReader lines(in.get());
    std::string line;
    for (int i = 0; i < 100000; ++i) {
      auto more = lines.Next(&line);
      if (!more.ok() || !*more) break;
    }
  }
  if (rkn::Gunzip(rkn::Gzip(bytes)).value() != bytes) __builtin_trap();

  // Charsets.
  for (const char* declared : {"", charset}) {
    auto utf8 = rkn::DecodeToUtf8(bytes, declared);
    if (!utf8.ok()) continue;
    if (!rkn::IsWellFormedUtf8(*utf8)) __builtin_trap();
    const std::string repaired = rkn::RepairMojibake(*utf8);
    if (!rkn::IsWellFormedUtf8(repaired)) __builtin_trap();
  }
  if (rkn::IsWellFormedUtf8(bytes) != rkn::IsValidUtf8(bytes)) __builtin_trap();
  (void)rkn::CanonicalCharset(charset);
  return 0;
}
