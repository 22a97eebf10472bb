#include "common/string_table.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

TEST_CASE("StringTable maps strings to values through growth and clearing") {
  rkn::StringTable t;
  std::map<std::string, uint32_t> want;
  for (uint32_t i = 0; i < 5000; ++i) {
    const std::string key = "kata" + std::to_string(i * 7919 % 100003) + (i % 3 == 0 ? "-panjang-sekali" : "");
    const uint64_t h = rkn::StringTable::Hash(key);
    if (t.Find(key, h) == nullptr) {
      const uint32_t offset = t.Add(key, h, i);
      CHECK(t.At(offset, static_cast<uint32_t>(key.size())) == key);
      want[key] = i;
    }
  }
  CHECK(t.size() == want.size());
  SUBCASE("every key finds its value, and values can be updated in place") {
    for (const auto& [key, value] : want) {
      uint32_t* v = t.Find(key, rkn::StringTable::Hash(key));
      REQUIRE(v != nullptr);
      CHECK(*v == value);
      *v += 1;
    }
    for (const auto& [key, value] : want) CHECK(*t.Find(key, rkn::StringTable::Hash(key)) == value + 1);
    CHECK(t.Find("tidak-ada", rkn::StringTable::Hash("tidak-ada")) == nullptr);
  }
  SUBCASE("ForEach visits each entry once") {
    std::map<std::string, uint32_t> seen;
    t.ForEach([&](std::string_view k, uint32_t v) { seen[std::string(k)] = v; });
    CHECK(seen == want);
  }
  SUBCASE("Clear empties it") {
    t.Clear();
    CHECK(t.size() == 0);
    CHECK(t.bytes() == 0);
    CHECK(t.Find("kata0-panjang-sekali", rkn::StringTable::Hash("kata0-panjang-sekali")) == nullptr);
  }
}
