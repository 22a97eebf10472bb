// Answers computed by several threads, written in the order their questions were asked: the
// plumbing of `rkn-search --batch -j N`.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <iosfwd>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace rkn {

// One answer: what goes to stdout and to stderr, and whether its question failed.
struct OrderedAnswer {
  std::string out;
  std::string err;
  bool failed = false;
};

// Writes answers numbered 0, 1, 2, ... in that order, whichever thread hands each in and when:
// an answer waits until all before it are written. Thread-safe. Writing stops for good when
// stdout fails (a full disk, a closed pipe): later answers are dropped.
class OrderedOutput {
 public:
  // `flush_each`: flush stdout after every answer (a caller on a pipe waits for each).
  OrderedOutput(std::ostream& out, std::ostream& err, bool flush_each);

  // Hands in answer number `seq` (each number once) and writes every answer now due. Never fails.
  void Put(size_t seq, OrderedAnswer answer);

  // Blocks until fewer than `window` answers before number `seq` are still unwritten, so a slow
  // answer does not let the others pile up without bound. False (at once) once stdout failed.
  bool WaitForRoom(size_t seq, size_t window);

  // Writes `line` to stderr now, between answers (a warning not tied to one answer).
  void Warn(const std::string& line);

  // Whether an answer so far failed; whether stdout still takes writes.
  bool any_failed() const;
  bool stdout_ok() const;

 private:
  std::ostream& out_;
  std::ostream& err_;
  const bool flush_each_;
  mutable std::mutex mu_;
  std::condition_variable written_;
  std::map<size_t, OrderedAnswer> waiting_;  // handed in, not yet due
  size_t next_ = 0;                          // the number written next
  bool any_failed_ = false;
  bool stdout_ok_ = true;
};

// A first-in first-out queue between threads, closed by the producer when it has no more.
// Thread-safe.
template <typename T>
class WorkQueue {
 public:
  // Adds `item`. Never fails (unbounded: the producer bounds it with OrderedOutput::WaitForRoom).
  void Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }
  // No more items: Pop returns nullopt once the queue is empty.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    ready_.notify_all();
  }
  // The next item, waiting for one; nullopt when the queue is closed and empty.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ++idle_;
    ready_.wait(lock, [this] { return !items_.empty() || closed_; });
    --idle_;
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  // Whether more items wait than threads wait in Pop for them (so another thread would help).
  bool Backlogged() const {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size() > idle_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable ready_;
  std::deque<T> items_;
  size_t idle_ = 0;  // threads waiting in Pop
  bool closed_ = false;
};

}  // namespace rkn
