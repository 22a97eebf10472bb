// Reading a database that a writer may commit to meanwhile.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "common/status.h"

namespace rkn {

// How many times a read is tried before ReadLatest gives up: a writer commits at most every few
// hundred milliseconds, so ten discarded revisions in a row mean something is wrong.
inline constexpr int kReadAttempts = 10;

// Calls `read` (returning a Status or a Result) until it gets through without
// Xapian::DatabaseModifiedError, the error a reader gets when a writer's commits have discarded
// the revision it was reading. Before each new attempt calls `reopen` (returning a Status),
// which moves the handles to the latest commit; a failed reopen is returned as it is, while a
// reopen that throws Xapian::DatabaseModifiedError (the writer discarded the revision it was
// opening) is one more discarded revision: the next attempt reads and reopens again. After
// `attempts` tries returns IOError(`database`, "modified too often while <doing>; try again"),
// `database` naming what is read as the user gave it (the --db path). Every other exception
// passes through to the caller.
template <typename Read, typename Reopen>
auto ReadLatest(int attempts, std::string_view database, std::string_view doing, Read&& read, Reopen&& reopen)
    -> decltype(read()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= attempts) {
        return Status::IOError(std::string(database), "modified too often while " + std::string(doing) + "; try again");
      }
    }
    Status st;
    try {
      st = reopen();
    } catch (const Xapian::DatabaseModifiedError&) {
      continue;  // reopening reads the newest revision's tables, which a commit may discard too
    }
    if (!st.ok()) return st;
  }
}

}  // namespace rkn
