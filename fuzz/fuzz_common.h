// Shared helpers of the libFuzzer targets: loading the installed data (rules, analyzer) once, and
// turning fuzz bytes into the text the pipeline stages expect.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/text.h"

namespace rkn::fuzz {

// The fuzz bytes as a string_view.
inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// What the reader hands the cleaner: valid UTF-8 (bad sequences become U+FFFD), NFC-normalised.
inline std::string ReaderText(std::string_view bytes) { return NormalizeText(RepairUtf8(bytes)); }

// Unwraps a Result loaded in a fuzzer's set-up; a failure there is a broken build, not a finding.
template <typename T>
T MustLoad(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "fuzz set-up: %s: %s\n", what, r.status().ToString().c_str());
    std::abort();
  }
  return std::move(r).value();
}

// Splits `s` at the first '\n': the first line goes to *head, the rest is returned.
inline std::string_view TakeLine(std::string_view s, std::string_view* head) {
  const size_t nl = s.find('\n');
  *head = s.substr(0, nl);
  return nl == std::string_view::npos ? std::string_view() : s.substr(nl + 1);
}

}  // namespace rkn::fuzz
