#include "common/stored_doc.h"

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include "common/schema.h"
#include "common/text.h"

namespace rkn {
namespace {

// The field of `out` named `key`, or nullptr for a key rkn-search does not read.
std::string* FieldFor(std::string_view key, StoredFields* out) {
  namespace d = schema::data;
  if (key == d::kText) return &out->text;
  if (key == d::kTitle) return &out->title;
  if (key == d::kPath) return &out->path;
  if (key == d::kRecord) return &out->record;
  if (key == d::kSource) return &out->source;
  if (key == d::kPublished) return &out->published;
  if (key == d::kAuthor) return &out->author;
  if (key == d::kUrl) return &out->url;
  if (key == d::kCategory) return &out->category;
  if (key == d::kPathBytes) return &out->path_bytes;
  return nullptr;
}

// `path` from `path_bytes` when the indexer wrote them (a file name that is not UTF-8). Hex that
// does not decode leaves `path` as stored.
void ApplyPathBytes(StoredFields* out) {
  if (out->path_bytes.empty()) return;
  if (auto raw = BytesFromHex(out->path_bytes); raw && !raw->empty()) out->path = std::move(*raw);
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads the JSON string starting at s[*i] == '"' into `out` (when not null) and moves *i past
// it. False for what the fast path leaves to nlohmann: \u escapes, raw control characters,
// ill-formed UTF-8, an unterminated string.
bool ReadString(std::string_view s, size_t* i, std::string* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  auto k = static_cast<int32_t>(*i) + 1;
  if (out != nullptr) out->clear();
  int32_t run = k;  // start of the bytes not yet copied
  auto flush = [&](int32_t to) {
    if (out != nullptr && to > run) out->append(s.data() + run, static_cast<size_t>(to - run));
  };
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  while (k < n) {
    // Skip plain bytes 8 at a time: none is '"', '\\', a control character or non-ASCII.
    while (k + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, p + k, 8);
      const uint64_t quote = v ^ (kOnes * '"'), slash = v ^ (kOnes * '\\');
      const uint64_t special = (v & kHigh) | ((v - kOnes * 0x20) & ~v & kHigh) | ((quote - kOnes) & ~quote & kHigh) |
                               ((slash - kOnes) & ~slash & kHigh);
      if (special != 0) break;
      k += 8;
    }
    if (k >= n) break;
    const uint8_t c = p[k];
    if (c == '"') {
      flush(k);
      *i = static_cast<size_t>(k) + 1;
      return true;
    }
    if (c == '\\') {
      flush(k);
      if (k + 1 >= n) return false;
      char e = 0;
      switch (p[k + 1]) {
        case '"': e = '"'; break;
        case '\\': e = '\\'; break;
        case '/': e = '/'; break;
        case 'b': e = '\b'; break;
        case 'f': e = '\f'; break;
        case 'n': e = '\n'; break;
        case 'r': e = '\r'; break;
        case 't': e = '\t'; break;
        default: return false;  // \uXXXX (and anything invalid): nlohmann decides
      }
      if (out != nullptr) out->push_back(e);
      k += 2;
      run = k;
      continue;
    }
    if (c < 0x20) return false;
    if (c < 0x80) {
      ++k;
      continue;
    }
    UChar32 cp;
    U8_NEXT(p, k, n, cp);
    if (cp < 0) return false;
  }
  return false;
}

// The fast path: an object whose values are all strings. False when `data` is anything else.
bool ReadFlatObject(std::string_view s, StoredFields* out) {
  size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && IsJsonSpace(s[i])) ++i;
  };
  skip();
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  skip();
  if (i < s.size() && s[i] == '}') {
    ++i;
  } else {
    std::string key;
    for (;;) {
      if (i >= s.size() || s[i] != '"' || !ReadString(s, &i, &key)) return false;
      skip();
      if (i >= s.size() || s[i] != ':') return false;
      ++i;
      skip();
      if (i >= s.size() || s[i] != '"' || !ReadString(s, &i, FieldFor(key, out))) return false;
      skip();
      if (i < s.size() && s[i] == ',') {
        ++i;
        skip();
        continue;
      }
      if (i < s.size() && s[i] == '}') {
        ++i;
        break;
      }
      return false;
    }
  }
  skip();
  return i == s.size();
}

}  // namespace

void ReadStoredFields(std::string_view data, StoredFields* out) {
  for (std::string* f : {&out->path, &out->record, &out->title, &out->source, &out->published, &out->author, &out->url,
                         &out->category, &out->text, &out->path_bytes}) {
    f->clear();
  }
  if (ReadFlatObject(data, out)) return ApplyPathBytes(out);
  *out = StoredFields();
  const nlohmann::json j = nlohmann::json::parse(data.begin(), data.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  for (const auto& [key, value] : j.items()) {
    if (!value.is_string()) continue;
    if (std::string* field = FieldFor(key, out); field != nullptr) *field = value.get<std::string>();
  }
  ApplyPathBytes(out);
}

StoredFields ReadStoredFields(std::string_view data) {
  StoredFields out;
  ReadStoredFields(data, &out);
  return out;
}

}  // namespace rkn
