// Reading corpus files as byte and line streams, gunzipping `.gz` files on the fly (zlib), so
// large JSONL/CSV dumps are never held in memory whole.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rkn {

// A source of bytes read front to back.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` bytes into `buf`; returns 0 at the end. Fails with kIOError on a read error
  // and kCorruption on a damaged or truncated gzip stream, after returning (by the calls before)
  // every byte inflated before the damage, so the complete lines before it can be read.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// How to treat the file's bytes.
enum class Compression {
  kAuto,  // gunzip when the bytes start with the gzip magic, else read as they are
  kNone,
  kGzip,  // must be gzip (a plain file is kCorruption)
};

// Opens `path` for streaming. Fails with kNotFound / kIOError naming the path.
Result<std::unique_ptr<ByteStream>> OpenFileStream(const std::filesystem::path& path,
                                                   Compression compression = Compression::kAuto);

// A stream over bytes held in memory (gunzipped on the fly when they are gzip data and
// `compression` allows). The bytes must outlive the stream.
std::unique_ptr<ByteStream> MemoryStream(std::string_view bytes, Compression compression = Compression::kAuto);

// Reads the whole stream, failing with kInvalidArgument when it exceeds `max_bytes`.
Result<std::string> ReadAll(ByteStream& in, uint64_t max_bytes);

// Reads the whole file (gunzipped when gzip), failing when it exceeds `max_bytes`.
Result<std::string> ReadFileBytes(const std::filesystem::path& path, uint64_t max_bytes,
                                  Compression compression = Compression::kAuto);

// Gunzips `bytes` in memory (concatenated members are joined). Fails with kCorruption.
Result<std::string> Gunzip(std::string_view bytes);

// Compresses `bytes` as one gzip member (used by tests and fixtures). Never fails.
std::string Gzip(std::string_view bytes);

// Splits a ByteStream into lines ('\n'; a "\r\n" ending loses its '\r').
class LineReader {
 public:
  explicit LineReader(ByteStream* in) : in_(in) {}
  // Reads the next line into *line (without its terminator: LF, CR LF, or a CR alone, as old Mac
  // files end lines; a CR inside a line is a line end too). Returns false at the end of the
  // stream; fails when the stream fails. A line longer than `max_bytes` is read to its end but
  // only its first `max_bytes` bytes are kept, and truncated() is then true (bounded memory).
  Result<bool> Next(std::string* line, size_t max_bytes = std::string::npos);
  // Whether the line last returned by Next() was cut at its `max_bytes`.
  bool truncated() const { return truncated_; }
  // Up to `n` of the next bytes, not consumed (fewer at the end of the stream). The view is valid
  // until the next call. Never fails: a read error is kept and returned by the Next() that
  // reaches it, after the lines read before it.
  std::string_view Peek(size_t n);
  // 1-based number of the line last returned by Next().
  int line_number() const { return line_number_; }
  // Hands over the bytes read ahead from the stream but not yet returned as lines, so a caller
  // can switch to reading the rest of the stream another way.
  std::string TakeBuffered();
  // Bytes consumed so far (for throughput figures).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  ByteStream* in_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool truncated_ = false;
  bool skip_lf_ = false;  // the last line ended in CR: a LF next is part of that line end
  Status error_;  // a read error met by Peek(), not yet returned
  int line_number_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace rkn
