#include "common/ordered_output.h"

#include <ostream>
#include <utility>

namespace rkn {

OrderedOutput::OrderedOutput(std::ostream& out, std::ostream& err, bool flush_each)
    : out_(out), err_(err), flush_each_(flush_each) {}

void OrderedOutput::Put(size_t seq, OrderedAnswer answer) {
  std::lock_guard<std::mutex> lock(mu_);
  any_failed_ = any_failed_ || answer.failed;
  waiting_.emplace(seq, std::move(answer));
  bool wrote = false;
  for (auto it = waiting_.find(next_); it != waiting_.end(); it = waiting_.find(next_)) {
    if (stdout_ok_) {
      err_ << it->second.err;
      out_.write(it->second.out.data(), static_cast<std::streamsize>(it->second.out.size()));
      if (flush_each_) out_.flush();
      stdout_ok_ = static_cast<bool>(out_);
    }
    waiting_.erase(it);
    ++next_;
    wrote = true;
  }
  if (wrote) written_.notify_all();
}

bool OrderedOutput::WaitForRoom(size_t seq, size_t window) {
  std::unique_lock<std::mutex> lock(mu_);
  written_.wait(lock, [&] { return !stdout_ok_ || seq < next_ + window; });
  return stdout_ok_;
}

void OrderedOutput::Warn(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  err_ << line;
}

bool OrderedOutput::any_failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return any_failed_;
}

bool OrderedOutput::stdout_ok() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stdout_ok_;
}

}  // namespace rkn
