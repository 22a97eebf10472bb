#include "common/string_table.h"

namespace rkn {

void StringTable::Clear() {
  slots_.assign(512, Slot());
  used_ = 0;
  bytes_.clear();
  bytes_.shrink_to_fit();
}

uint32_t StringTable::Add(std::string_view s, uint64_t h, uint32_t value) {
  Slot& slot = slots_[Probe(s, h)];
  slot.hash = static_cast<uint32_t>(h);
  slot.offset = static_cast<uint32_t>(bytes_.size());
  slot.len = static_cast<uint32_t>(s.size());
  slot.value = value;
  const uint32_t offset = slot.offset;
  bytes_.append(s);
  if (++used_ * 4 > slots_.size() * 3) Grow();
  return offset;
}

void StringTable::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.len == 0) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].len != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace rkn
