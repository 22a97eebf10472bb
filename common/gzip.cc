#include "common/gzip.h"

#include "common/file.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace rkn {
namespace {

constexpr size_t kChunk = 256 * 1024;

bool HasGzipMagic(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
         static_cast<unsigned char>(head[1]) == 0x8B;
}

// Plain bytes from a FILE*, with a few already-read bytes served first.
class FileStream : public ByteStream {
 public:
  FileStream(std::FILE* f, std::string where) : f_(f), where_(std::move(where)) {}
  ~FileStream() override { std::fclose(f_); }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  // Reads the first bytes so the caller can sniff them; they are served again by Read().
  Result<std::string_view> Peek(size_t n) {
    head_.resize(n);
    const size_t got = std::fread(head_.data(), 1, n, f_);
    if (got < n && std::ferror(f_)) return Status::IOError(where_, std::strerror(errno));
    head_.resize(got);
    return std::string_view(head_);
  }

  Result<size_t> Read(char* buf, size_t n) override {
    if (head_pos_ < head_.size()) {
      const size_t take = std::min(n, head_.size() - head_pos_);
      std::memcpy(buf, head_.data() + head_pos_, take);
      head_pos_ += take;
      return take;
    }
    const size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) return Status::IOError(where_, std::strerror(errno));
    return got;
  }

 private:
  std::FILE* f_;
  std::string where_;
  std::string head_;
  size_t head_pos_ = 0;
};

class StringStream : public ByteStream {
 public:
  explicit StringStream(std::string_view bytes) : bytes_(bytes) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t take = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, take);
    pos_ += take;
    return take;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

// Inflates a gzip stream (one or more members) read from another stream.
class GunzipStream : public ByteStream {
 public:
  GunzipStream(std::unique_ptr<ByteStream> raw, std::string where)
      : raw_(std::move(raw)), where_(std::move(where)), in_(kChunk) {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GunzipStream() override {
    if (ok_) inflateEnd(&z_);
  }
  GunzipStream(const GunzipStream&) = delete;
  GunzipStream& operator=(const GunzipStream&) = delete;

  // The bytes inflated before a failure (a truncated or damaged stream, a read error) are
  // returned first; the failure comes with the next call, and every call after it.
  Result<size_t> Read(char* buf, size_t n) override {
    if (!ok_) return Status::Internal("zlib inflateInit2 failed");
    if (!error_.ok()) return error_;
    if (done_ || n == 0) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        Result<size_t> got = raw_->Read(reinterpret_cast<char*>(in_.data()), in_.size());
        if (!got.ok()) return Fail(got.status(), n);
        if (*got == 0) {
          if (member_started_) return Fail(Status::Corruption(where_, "truncated gzip stream"), n);
          done_ = true;
          break;
        }
        z_.next_in = in_.data();
        z_.avail_in = static_cast<uInt>(*got);
      }
      if (after_member_) {
        // What follows a member: another member, or zero bytes padding the file to a block (as
        // gzip itself accepts in silence). Anything else is not gzip data: named, not taken for a
        // damaged header.
        while (z_.avail_in > 0 && *z_.next_in == 0) {
          ++z_.next_in;
          --z_.avail_in;
          padding_ = true;
        }
        if (z_.avail_in == 0) continue;
        if (padding_ || *z_.next_in != 0x1f) {
          return Fail(Status::Corruption(where_, "gzip: bytes that are not gzip data after the compressed data "
                                                 "(trailing garbage)"),
                      n);
        }
        after_member_ = false;
      }
      member_started_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_started_ = false;
        after_member_ = true;
        inflateReset(&z_);  // another member may follow
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Fail(Status::Corruption(where_, std::string("gzip: ") + (z_.msg ? z_.msg : "inflate failed")), n);
      }
    }
    return n - z_.avail_out;
  }

 private:
  std::unique_ptr<ByteStream> raw_;
  std::string where_;
  std::vector<Bytef> in_;
  z_stream z_;
  bool ok_ = false;
  bool done_ = false;
  bool member_started_ = false;
  bool after_member_ = false;  // a member ended: the next byte starts another, or padding
  bool padding_ = false;       // zero bytes met after a member: only zeros may follow
  Status error_;  // the failure met, returned by every Read from the one after it was met

  // Keeps `st` for the next Read and returns the bytes this Read of `n` inflated, or `st` at once
  // when it inflated none.
  Result<size_t> Fail(Status st, size_t n) {
    error_ = std::move(st);
    const size_t produced = n - z_.avail_out;
    if (produced == 0) return error_;
    return produced;
  }
};

}  // namespace

Result<std::unique_ptr<ByteStream>> OpenFileStream(const std::filesystem::path& path, Compression compression) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound(path.string(), "no such file");
    return Status::IOError(path.string(), std::strerror(err));
  }
  auto file = std::make_unique<FileStream>(f, path.string());
  bool gzip = compression == Compression::kGzip;
  if (compression != Compression::kNone) {
    Result<std::string_view> head = file->Peek(2);
    if (!head.ok()) return head.status();
    const bool magic = HasGzipMagic(*head);
    if (compression == Compression::kGzip && !magic) return Status::Corruption(path.string(), "not a gzip file");
    gzip = magic;
  }
  if (gzip) return std::unique_ptr<ByteStream>(std::make_unique<GunzipStream>(std::move(file), path.string()));
  return std::unique_ptr<ByteStream>(std::move(file));
}

std::unique_ptr<ByteStream> MemoryStream(std::string_view bytes, Compression compression) {
  auto raw = std::make_unique<StringStream>(bytes);
  if (compression == Compression::kGzip || (compression == Compression::kAuto && HasGzipMagic(bytes))) {
    return std::make_unique<GunzipStream>(std::move(raw), "<memory>");
  }
  return raw;
}

Result<std::string> ReadAll(ByteStream& in, uint64_t max_bytes) {
  std::string out;
  // Uninitialised: zeroing a chunk would cost more than reading a small file (stopword lists,
  // articles) and touch every page of it.
  std::unique_ptr<char[]> buf(new char[kChunk]);
  for (;;) {
    Result<size_t> got = in.Read(buf.get(), kChunk);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    if (out.size() + *got > max_bytes) {
      return Status::InvalidArgument({}, "larger than " + std::to_string(max_bytes) + " bytes");
    }
    out.append(buf.get(), *got);
  }
  return out;
}

Result<std::string> ReadFileBytes(const std::filesystem::path& path, uint64_t max_bytes, Compression compression) {
  // An uncompressed file in one read (rkn-search reads its stopword list at every start): no
  // FILE*, no 256 KiB chunk. Anything unusual (an error, a file growing meanwhile) goes the
  // streaming way, which reads to the end and names the error.
  if (compression == Compression::kNone) {
    std::string bytes;
    size_t len = 0;
    bool grew = false;
    if (AppendWholeFile(path, "file", max_bytes, &bytes, &len, &grew).ok() && !grew) return bytes;
  }
  Result<std::unique_ptr<ByteStream>> in = OpenFileStream(path, compression);
  if (!in.ok()) return in.status();
  Result<std::string> all = ReadAll(**in, max_bytes);
  if (!all.ok() && all.status().where().empty()) {
    return Status(all.status().code(), path.string(), all.status().message());
  }
  return all;
}

Result<std::string> Gunzip(std::string_view bytes) {
  auto in = MemoryStream(bytes, Compression::kGzip);
  return ReadAll(*in, UINT64_MAX);
}

std::string Gzip(std::string_view bytes) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string LineReader::TakeBuffered() {
  std::string rest = buf_.substr(pos_);
  buf_.clear();
  pos_ = 0;
  return rest;
}

std::string_view LineReader::Peek(size_t n) {
  while (buf_.size() - pos_ < n && !eof_ && error_.ok()) {
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t have = buf_.size();
    buf_.resize(have + kChunk);
    Result<size_t> got = in_->Read(buf_.data() + have, kChunk);
    buf_.resize(have + (got.ok() ? *got : 0));
    if (!got.ok()) error_ = got.status();
    else if (*got == 0) eof_ = true;
  }
  return std::string_view(buf_).substr(pos_, n);
}

Result<bool> LineReader::Next(std::string* line, size_t max_bytes) {
  line->clear();
  truncated_ = false;
  // Appends buf_[from, from + n) to the line, up to max_bytes in all.
  const auto keep = [&](size_t from, size_t n) {
    const size_t room = max_bytes - std::min(max_bytes, line->size());
    if (n > room) {
      truncated_ = true;
      n = room;
    }
    line->append(buf_, from, n);
  };
  for (;;) {
    if (skip_lf_ && pos_ < buf_.size()) {
      // The line before ended in CR: a LF right after it is the same line end.
      skip_lf_ = false;
      if (buf_[pos_] == '\n') {
        ++pos_;
        ++bytes_read_;
      }
    }
    const size_t end = buf_.find_first_of("\r\n", pos_);
    if (end != std::string::npos) {
      keep(pos_, end - pos_);
      bytes_read_ += end - pos_ + 1;
      pos_ = end + 1;
      skip_lf_ = buf_[end] == '\r';
      ++line_number_;
      return true;
    }
    // Keep the partial line, refill.
    keep(pos_, buf_.size() - pos_);
    bytes_read_ += buf_.size() - pos_;
    buf_.clear();
    pos_ = 0;
    if (eof_) {
      if (line->empty()) return false;
      ++line_number_;
      return true;
    }
    if (!error_.ok()) return error_;
    buf_.resize(kChunk);
    Result<size_t> got = in_->Read(buf_.data(), buf_.size());
    if (!got.ok()) return got.status();
    buf_.resize(*got);
    if (*got == 0) eof_ = true;
  }
}

}  // namespace rkn
