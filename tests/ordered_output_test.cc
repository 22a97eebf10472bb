// OrderedOutput and WorkQueue: answers handed in by several threads, in any order, come out in
// the order of their numbers.
#include <atomic>
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "common/ordered_output.h"

namespace {

rkn::OrderedAnswer Answer(size_t i, bool failed = false) {
  rkn::OrderedAnswer a;
  a.out = "out " + std::to_string(i) + "\n";
  a.err = "err " + std::to_string(i) + "\n";
  a.failed = failed;
  return a;
}

// The text numbers 0..n-1 give when written in order: stdout's, and stderr's.
std::pair<std::string, std::string> InOrder(size_t n) {
  std::string out, err;
  for (size_t i = 0; i < n; ++i) {
    out += Answer(i).out;
    err += Answer(i).err;
  }
  return {out, err};
}

}  // namespace

TEST_CASE("OrderedOutput writes answers in the order of their numbers, whatever order they come in") {
  std::ostringstream out, err;
  rkn::OrderedOutput o(out, err, /*flush_each=*/false);
  SUBCASE("an answer waits for those before it") {
    o.Put(2, Answer(2));
    o.Put(1, Answer(1));
    CHECK(out.str().empty());
    o.Put(0, Answer(0));
    CHECK(out.str() == InOrder(3).first);
    CHECK(err.str() == InOrder(3).second);
    CHECK_FALSE(o.any_failed());
  }
  SUBCASE("a failed answer is written like the others and remembered") {
    o.Put(0, Answer(0, true));
    o.Put(1, Answer(1));
    CHECK(out.str() == InOrder(2).first);
    CHECK(o.any_failed());
  }
  SUBCASE("eight threads handing in 4,000 answers, each from a shared queue") {
    rkn::WorkQueue<size_t> queue;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        while (auto i = queue.Pop()) o.Put(*i, Answer(*i));
      });
    }
    for (size_t i = 0; i < 4000; ++i) {
      REQUIRE(o.WaitForRoom(i, 16));
      queue.Push(i);
    }
    queue.Close();
    for (auto& t : threads) t.join();
    CHECK(out.str() == InOrder(4000).first);
    CHECK(err.str() == InOrder(4000).second);
  }
}

TEST_CASE("OrderedOutput holds back a producer that runs ahead of the first unwritten answer") {
  std::ostringstream out, err;
  rkn::OrderedOutput o(out, err, /*flush_each=*/false);
  CHECK(o.WaitForRoom(3, 4));  // 0..2 unwritten: room for a fourth
  std::atomic<bool> returned = false;
  std::thread producer([&] {
    CHECK(o.WaitForRoom(4, 4));  // 0..3 unwritten: waits until answer 0 is written
    returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(returned);
  o.Put(1, Answer(1));  // not due: nothing written, still no room
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(returned);
  o.Put(0, Answer(0));
  producer.join();
  CHECK(returned);
  CHECK(out.str() == InOrder(2).first);
}

TEST_CASE("OrderedOutput stops writing when stdout fails, and says so to a waiting producer") {
  std::ostringstream out, err;
  rkn::OrderedOutput o(out, err, /*flush_each=*/true);
  o.Put(0, Answer(0));
  out.setstate(std::ios::badbit);  // as a full disk leaves the stream
  o.Put(1, Answer(1));
  CHECK_FALSE(o.stdout_ok());
  CHECK_FALSE(o.WaitForRoom(100, 1));  // returns at once instead of waiting for answers never written
  out.clear();
  o.Put(2, Answer(2));
  CHECK(out.str() == Answer(0).out);  // nothing after the failure
}

TEST_CASE("WorkQueue tells whether more items wait than threads wait for them") {
  rkn::WorkQueue<int> q;
  CHECK_FALSE(q.Backlogged());
  q.Push(1);
  CHECK(q.Backlogged());
  CHECK(q.Pop() == 1);
  q.Close();
  CHECK(q.Pop() == std::nullopt);
}
