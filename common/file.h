// Whole-file reads with plain system calls: what rkn-search and the build-time image generator
// need at start-up (stopword list, root word lists) without a FILE*, a stream or a chunk buffer;
// and the check that the results written to stdout got there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rkn {

// Appends the bytes of the file at `path` to `out`, read with one read() of the size fstat gives;
// their number goes to `*len`. A file that shrinks while read gives the bytes that were there;
// bytes added after the fstat are not read, and `*grew` (when given) says whether there were
// any. Fails with IOError naming `path` — "cannot open WHAT", "cannot read WHAT" (fstat failed or
// not a regular file) or "read failed" — or InvalidArgument when the file holds more than
// `max_bytes`; `out` is then as it was.
Status AppendWholeFile(const std::filesystem::path& path, std::string_view what, uint64_t max_bytes,
                       std::string* out, size_t* len, bool* grew = nullptr);

// Flushes `out` (the program's stdout) and says whether everything written to it got there:
// Ok, or IOError "stdout: write failed[: REASON]" when a write failed (a full disk, a closed
// descriptor), the reason when errno still holds it.
Status FlushStdout(std::ostream& out);

}  // namespace rkn
