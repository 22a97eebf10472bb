// Status and Result: expected failures travel as values, never as exceptions leaking out of the
// library (LevelDB style). Xapian and std exceptions are caught at the unit boundary and turned
// into a Status carrying the offending path and a one-line message.
#pragma once

#include <exception>
#include <new>
#include <optional>
#include <string>
#include <utility>

namespace rkn {

// What went wrong, coarsely; the message says the rest.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad user input: an option, a query, a malformed record
  kNotFound,         // a file, database or data file does not exist
  kIOError,          // reading or writing failed (permissions, disk full, ...)
  kCorruption,       // the input or database is not what it claims to be
  kLocked,           // the database is being written by another process
  kInterrupted,      // SIGINT/SIGTERM arrived; work up to the last commit is kept
  kInternal,         // a bug: an invariant did not hold
};

// The outcome of an operation that can fail in an expected way. Cheap to copy when ok.
class Status {
 public:
  // An ok status.
  Status() = default;

  // A failed status; `where` is the file, database or option concerned (may be empty).
  Status(StatusCode code, std::string where, std::string message)
      : code_(code), where_(std::move(where)), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string where, std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(where), std::move(msg)};
  }
  static Status NotFound(std::string where, std::string msg) {
    return {StatusCode::kNotFound, std::move(where), std::move(msg)};
  }
  static Status IOError(std::string where, std::string msg) {
    return {StatusCode::kIOError, std::move(where), std::move(msg)};
  }
  static Status Corruption(std::string where, std::string msg) {
    return {StatusCode::kCorruption, std::move(where), std::move(msg)};
  }
  static Status Locked(std::string where, std::string msg) {
    return {StatusCode::kLocked, std::move(where), std::move(msg)};
  }
  static Status Interrupted(std::string msg) { return {StatusCode::kInterrupted, {}, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, {}, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& where() const { return where_; }
  const std::string& message() const { return message_; }

  // "<where>: <message>", or just "<message>" when there is no `where`; what follows
  // "rkn-index: error: " on stderr.
  std::string ToString() const { return where_.empty() ? message_ : where_ + ": " + message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string where_;
  std::string message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // Precondition: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

// The message for an exception caught where a Status is made of it: "out of memory" for
// std::bad_alloc (whose what() is "std::bad_alloc"), else its what(). Never fails.
inline std::string ExceptionMessage(const std::exception& e) {
  return dynamic_cast<const std::bad_alloc*>(&e) != nullptr ? "out of memory" : e.what();
}

}  // namespace rkn
