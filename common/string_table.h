// StringTable: short strings mapped to 32-bit values in one byte arena (open addressing, linear
// probing), so an entry costs no allocation of its own. Used where a hash map of words is on a
// hot path: the snippet word cache, the stemmer's memo, the indexer's spelling counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"

namespace rkn {

class StringTable {
 public:
  // An empty table of 512 slots (16 bytes each); it doubles at three quarters full.
  StringTable() { Clear(); }

  // Removes every entry and frees the arena down to the initial size.
  void Clear();

  size_t size() const { return used_; }
  // Bytes of all keys: callers bound the table by it (offsets are 32-bit).
  size_t bytes() const { return bytes_.size(); }

  // The hash Find and Add expect for `s` (WordHash).
  static uint64_t Hash(std::string_view s) { return WordHash(s); }

  // The value of `s` (hashed with Hash), or nullptr. The pointer is valid until the next Add
  // or Clear.
  const uint32_t* Find(std::string_view s, uint64_t h) const {
    const Slot& slot = slots_[Probe(s, h)];
    return slot.len == 0 ? nullptr : &slot.value;
  }
  uint32_t* Find(std::string_view s, uint64_t h) {
    Slot& slot = slots_[Probe(s, h)];
    return slot.len == 0 ? nullptr : &slot.value;
  }

  // Adds `s` (not present; not empty: an empty key is never stored) with `value`; returns the
  // arena offset of its bytes (see At).
  uint32_t Add(std::string_view s, uint64_t h, uint32_t value);

  // The bytes of an entry added at `offset` with length `len`.
  std::string_view At(uint32_t offset, uint32_t len) const { return std::string_view(bytes_).substr(offset, len); }

  // Calls fn(key, value) for every entry, in no particular order.
  template <class F>
  void ForEach(F&& fn) const {
    for (const Slot& slot : slots_) {
      if (slot.len != 0) fn(At(slot.offset, slot.len), slot.value);
    }
  }

 private:
  struct Slot {
    uint32_t hash = 0;             // the low bits of the key's hash
    uint32_t offset = 0, len = 0;  // len 0 = empty
    uint32_t value = 0;
  };

  // a == b for short keys (one or two loads instead of a memcmp call).
  static bool SameBytes(const char* a, const char* b, size_t n) {
    if (n >= 4 && n <= 8) {
      uint32_t a0, a1, b0, b1;
      std::memcpy(&a0, a, 4);
      std::memcpy(&b0, b, 4);
      std::memcpy(&a1, a + n - 4, 4);
      std::memcpy(&b1, b + n - 4, 4);
      return a0 == b0 && a1 == b1;
    }
    if (n < 4) {
      for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
      }
      return true;
    }
    return std::memcmp(a, b, n) == 0;
  }

  size_t Probe(std::string_view s, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.len == 0) return i;
      if (slot.hash == static_cast<uint32_t>(h) && slot.len == s.size() && SameBytes(bytes_.data() + slot.offset, s.data(), s.size())) {
        return i;
      }
    }
  }

  void Grow();

  std::vector<Slot> slots_;
  size_t used_ = 0;
  std::string bytes_;
};

}  // namespace rkn
