// The small parts of shard_writer.h; the writer itself is exercised through RunIndex by the
// index, crash, stopped-run and concurrency tests.
#include "common/shard_writer.h"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ix = rkn::index_internal;

TEST_CASE("DocidRanges encodes ascending ids as ranges and reads them back up to the last docid") {
  ix::DocidRanges r;
  CHECK(r.Empty());
  CHECK(r.Encode().empty());
  for (Xapian::docid id : {1u, 2u, 3u, 5u, 7u, 8u}) r.Add(id);
  CHECK_FALSE(r.Empty());
  CHECK(r.Encode() == "1-3,5,7-8");
  std::vector<Xapian::docid> got;
  ix::DocidRanges::ForEach(r.Encode(), 7, [&](Xapian::docid id) { got.push_back(id); });
  CHECK(got == std::vector<Xapian::docid>{1, 2, 3, 5, 7});
  // Malformed parts are skipped; 0 is no docid.
  got.clear();
  ix::DocidRanges::ForEach("x,0-2,9-,,4", 10, [&](Xapian::docid id) { got.push_back(id); });
  CHECK(got == std::vector<Xapian::docid>{1, 2, 4});
  r.Clear();
  CHECK(r.Empty());
}

TEST_CASE("a file's stamp value gives back its stamp and document count") {
  const std::string sig = "/corpus\t120:1700000000:rules/analyzer/doc:7";
  CHECK(ix::ParseStampValue(ix::StampValue(sig, 3)) == std::pair<std::string, size_t>{sig, 3});
  CHECK(ix::ParseStampValue(ix::StampValue(sig, 0)) == std::pair<std::string, size_t>{sig, 0});
  // A removed file's empty value, and a value without a count.
  CHECK(ix::ParseStampValue("") == std::pair<std::string, size_t>{"", 0});
  CHECK(ix::ParseStampValue("/corpus\tincomplete") == std::pair<std::string, size_t>{"/corpus\tincomplete", 0});
}

TEST_CASE("BoundedQueue hands every item over in order across threads") {
  ix::BoundedQueue<int> q(4);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) q.Push(int{i});
  });
  std::vector<int> got;
  std::deque<int> batch;
  while (got.size() < 1000) {
    q.PopAll(batch);
    CHECK(batch.size() <= 4);
    got.insert(got.end(), batch.begin(), batch.end());
    batch.clear();
  }
  producer.join();
  for (int i = 0; i < 1000; ++i) REQUIRE(got[static_cast<size_t>(i)] == i);
}
