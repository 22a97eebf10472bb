// Reading the corpus: walking the roots given on the command line, deciding each file's type,
// and turning each file into one or more RawDocuments (one per .txt/.html file, one per JSONL or
// CSV record), decoded to NFC UTF-8.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/article.h"
#include "common/status.h"

namespace rkn {

// The file types rkn reads, by extension, for messages about a file of another type.
inline constexpr const char* kReadableTypes =
    ".txt, .text, .html, .htm, .xhtml, .jsonl, .ndjson, .json, .csv, .tsv, each also gzipped (.gz)";

// A file to read. Kept for every file of a run, so it is small: the path as a plain string (a
// std::filesystem::path also keeps its parsed components, ~3x the memory).
struct InputFile {
  std::string path;      // native path, as reachable from the working directory
  std::string rel_path;  // relative to its root, '/'-separated; used for ids and output
  std::string type;      // "txt", "html", "jsonl", "csv" (the ".gz" is not part of the type)
  bool gzip = false;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint32_t root = 0;     // index of its root in the list given to WalkRoots
};

// Why a path under a root was not taken as an input file.
struct SkippedPath {
  // What the path is: a folder (one that cannot be listed, a symlinked one not followed, a search
  // database) is not among the files a run has seen; anything else is, as a file (a FIFO, a
  // dangling link, an entry that cannot be examined).
  enum class Kind { kFile, kFolder };
  std::string rel_path;  // relative to its root, '/'-separated; "" for the root itself
  std::string reason;    // "hidden", kDatabaseSkipReason, "unknown type .pdf", "unreadable: Permission denied", ...
  uint32_t root = 0;     // index of its root in the list given to WalkRoots
  Kind kind = Kind::kFile;
};

// How an indexing run, and --explain alike, treats a path WalkRoots passed over:
//  - kQuiet: a hidden file or a search database (kDatabaseSkipReason): neither said nor counted;
//  - kCounted: a file of unknown type in a folder (an HTML dump's images): counted in the
//    summary, named only with --verbose (and passed over by --explain);
//  - kWarned: anything else (a FIFO, a dangling link, an unreadable file), and a file of unknown
//    type named on the command line (`root_is_folder` false): a warning naming it (for
//    --explain, a file named on the command line is an error).
enum class SkipTreatment { kQuiet, kCounted, kWarned };
SkipTreatment TreatmentOf(const SkippedPath& skipped, bool root_is_folder);

// The skipped path's reason as a warning says it: an unknown type with the types rkn reads
// ("unknown type .pdf (rkn-index reads .txt, ...)").
std::string SkipReasonShown(const SkippedPath& skipped);

// The reason of a folder under a root that is a search database (an rkn database, a Xapian
// shard: ./rkn.db in the corpus folder `rkn-index .` indexes): passed over quietly, as hidden
// files are.
inline constexpr std::string_view kDatabaseSkipReason = "a search database";

// A path under a root that exists but could not be read (a folder that cannot be listed, an
// entry that cannot be examined). What is indexed from it must be kept: it is not deleted.
struct UnreadablePath {
  uint32_t root = 0;     // index of its root in the list given to WalkRoots
  std::string rel_path;  // relative to the root, '/'-separated; "" for the root itself
};

// The outcome of walking the roots.
struct WalkResult {
  std::vector<InputFile> files;     // sorted by (root order, rel_path)
  std::vector<SkippedPath> skipped;
  std::vector<UnreadablePath> unreadable;  // each also in `skipped`, with the reason
  std::map<std::string, int> unknown_types;  // extension -> count
};

// Walks each root recursively (a root may also be a single file). Hidden files and directories
// are skipped; symlink loops, unreadable files and folders that cannot be listed (the root
// included: "cannot read folder: Permission denied") are reported in `skipped`, never fatal, and
// the unreadable ones also in `unreadable`. Fails only when a root itself does not exist
// (kNotFound) or is an empty path (kInvalidArgument).
Result<WalkResult> WalkRoots(const std::vector<std::filesystem::path>& roots);

// Receives each document read; returning a non-ok Status stops the reading.
using DocumentSink = std::function<Status(RawDocument&&)>;

// Per-record problems inside a file that do not stop the file (a broken JSONL line, ...).
using WarningSink = std::function<void(const std::string& where, const std::string& what)>;

// Options for reading files.
// How many warnings about one file that say the same thing ("record has no content; skipped")
// RepeatedWarnings shows one by one, unless told otherwise (ReadOptions::same_warnings_named).
inline constexpr uint64_t kSameWarningsShown = 10;

struct ReadOptions {
  // Field-name overrides for JSONL/CSV: logical name ("content", "title", ...) -> field name.
  std::map<std::string, std::string> field_map;
  // Articles larger than this are skipped with a message (bounded memory).
  uint64_t max_article_bytes = 16u << 20;
  // Problems of records that are read all the same (a repeated id, keyed by its line instead, and
  // the file's count of those not named one by one): here when set, else to the `warn` of
  // ReadInputFile, whose warnings are skipped records.
  WarningSink note;
  // RecordOptions::skipped: the id of a JSONL/CSV record skipped whole, before its warning.
  std::function<void(const std::string& id)> skipped;
  // How many records of one file with one same problem are named one by one (RepeatedWarnings,
  // RecordOptions::repeated_ids_named); one warning after the file counts the rest. rkn-index
  // --verbose names them all (UINT64_MAX).
  uint64_t same_warnings_named = kSameWarningsShown;
};

// `where`, the place a message of ReadInputFile names (the file's rel_path, maybe followed by
// ":LINE" or ":#N"), with the file's path as reached from the working directory in place of its
// rel_path, so that the files of two roots are told apart. Any other `where` comes back as it is.
std::string ShownPath(const InputFile& file, const std::string& where);

// Whether `file` is a dump of records (.jsonl or .csv, maybe gzipped) rather than one article.
bool IsRecordDump(const InputFile& file);

// Passes the warnings about one file's records on to a sink, the first `named` (default
// kSameWarningsShown) of each text one by one, and counts the rest of them, which one warning after the file counts
// (EndFile): a dump of thousands of records without content printed a line for each, burying the
// warnings that matter. The records are skipped all the same: only the lines are spared. Up to
// kTracked different texts are counted; warnings of further texts are all passed on, so that a
// file of many different warnings (broken lines, each quoting its own) takes bounded memory.
class RepeatedWarnings {
 public:
  explicit RepeatedWarnings(WarningSink show, uint64_t named = kSameWarningsShown) : show_(std::move(show)), named_(named) {}

  // Passes (where, what) on, unless `named` warnings said `what` since the last EndFile: then
  // counts it.
  void Warn(const std::string& where, const std::string& what);

  // To be called once a file has been read, to its end or not: for each text that was counted,
  // passes on one warning ("<rel_path>", "2345 more records (the first 10 are named above): <what>",
  // with `named` for 10),
  // in the order the texts first came; then starts over for the next file.
  void EndFile(const std::string& rel_path);

 private:
  static constexpr size_t kTracked = 1000;
  WarningSink show_;
  uint64_t named_;
  std::vector<std::pair<std::string, uint64_t>> texts_;  // each text warned about and how often, in order
  std::unordered_map<std::string, size_t> index_;       // text -> its place in texts_
};

// Reads `file` and passes its documents to `sink`. Fails (naming the file) when the file cannot
// be read or decoded at all; bad records inside a multi-record file go to `warn` instead.
Status ReadInputFile(const InputFile& file, const ReadOptions& options, const DocumentSink& sink,
                     const WarningSink& warn);

}  // namespace rkn
