// The index pipeline: walk the roots -> read -> clean -> extract metadata -> analyse -> write,
// incrementally (unchanged files are skipped by size, mtime and content hash) and in committed
// batches, so an interrupted run leaves a consistent database that the next run completes.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/reader.h"
#include "common/status.h"

namespace rkn {

enum class Verbosity { kQuiet, kNormal, kVerbose };

struct IndexOptions {
  std::vector<std::filesystem::path> roots;
  std::string db;                                   // database path (already resolved)
  std::string data_dir;                             // "" = find it (datadir.h)
  std::vector<std::filesystem::path> rule_files;    // extra cleaner rules (--rules)
  std::vector<std::filesystem::path> alias_files;   // extra alias groups (--aliases)
  std::optional<StemmerKind> stemmer;               // unset: the database's, else the dictionary stemmer
  ReadOptions read;                                 // field map, maximum article size
  int jobs = 0;                                     // threads (-j); 0 = all cores. A new database
                                                    // gets this many shards, written in parallel
  size_t batch_docs = 1000;                         // documents buffered before a commit, over all shards
                                                    // (small batches are faster too: bench/README.md)
  bool spelling = true;                             // add spelling data
  // A root that holds no file now while articles were indexed from it (an unmounted disk's empty
  // mount point, or a folder emptied on purpose): false keeps its articles, with a warning counted
  // as a skip (exit 3); true removes them, with a warning.
  bool allow_empty_root = false;
  size_t spelling_words = 500000;                   // distinct words summed in memory (over all shards)
                                                    // before they go into the spelling tables
  size_t held_bytes = 64 << 20;                     // bytes of records held in memory (over all shards)
                                                    // while the file that indexed their id is still to
                                                    // be read: if it no longer holds the id, the held
                                                    // record takes the article over instead of it being
                                                    // deleted. Past this, such records are skipped for
                                                    // this run and their files read again by the next
  Verbosity verbosity = Verbosity::kNormal;
  bool progress = false;                            // live progress line (stderr is a terminal)
  // Test hooks (unset: none), for stopping a run at a known place. after_learning_file is called
  // after each file the first pass (learning site furniture) read, on the thread that read it (one
  // of `jobs`); after_indexing_file after each file the second pass read and handed to the shard
  // writers (not after unchanged files), on the thread that called RunIndex. Either may call
  // RequestStop(); they must not throw.
  std::function<void()> after_learning_file;
  std::function<void()> after_indexing_file;
};

// What a run did; printed as the final summary.
struct IndexSummary {
  size_t files_seen = 0;  // files found under the roots, read or skipped; not folders, nor roots dropped
  size_t indexed = 0;     // documents added for the first time
  size_t replaced = 0;    // documents whose content changed
  size_t unchanged = 0;   // documents (or whole files) skipped because nothing changed
  size_t removed = 0;     // documents whose file disappeared
  size_t skipped = 0;     // files or records not indexed (bad input, unknown type, ...)
  std::map<std::string, size_t> skip_reasons;
  size_t dates_unread = 0;  // documents indexed whose date field could not be read
  size_t title_only = 0;    // records indexed by their title alone: no text (TitleOnlyRecord)
  double seconds = 0;
  uint64_t bytes_read = 0;
};

// Runs the pipeline. Progress and per-file messages ("rkn-index: warning: <file>: <what>") go to
// `err`. Returns the summary, or a Status for errors that stop the run (database locked or
// unwritable, data folder missing, interrupted). Bad input files never stop the run. Interrupted
// (RequestStop) in the first pass, it writes nothing to the database and removes what it created
// of it (a new database's folder, its missing parent folders, shards and shard list; a folder
// only when nothing but that is in it); in the second, what the shards committed is kept.
Result<IndexSummary> RunIndex(const IndexOptions& options, std::ostream& err);

class FurnitureModel;

// Adds to `model` (finalized) the site furniture that the runs which built the database at `db`
// learned and kept, which the next run drops. Fails with IOError naming `db` when it cannot be
// read.
Status AddKeptFurniture(const std::string& db, FurnitureModel& model);

// One line: "rkn-index: 5 files seen, 5 indexed, 0 replaced, ... in 0.12 s".
std::string FormatSummary(const IndexSummary& summary);

// Requests a clean stop (called from a signal handler; async-signal-safe).
void RequestStop();

}  // namespace rkn
