// The on-disk layout of an rkn database. `rkn-index -j N` writes N shards in parallel; the
// database is then a directory holding a Xapian stub file `XAPIANDB` that lists the shard
// databases (`glass shard-0`, `glass shard-1`, ...), so Xapian::Database(path), xapian-delve,
// quest and xapian-compact open all shards as one database. A plain glass database (one made by
// `xapian-compact rkn.db merged.db`, say) is accepted as a database of one shard.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace rkn {

// The name of the stub file inside a sharded database directory (Xapian's convention).
inline constexpr const char* kStubFileName = "XAPIANDB";
// The temporary file a shard list is written to before it is renamed to kStubFileName.
inline constexpr const char* kStubTempName = "XAPIANDB.tmp";

// The shard databases of `db`, in shard order. When `db` does not exist (or is an empty
// directory) it is created as a directory for `new_shards` shards; so is a directory left by a
// run killed before it wrote the shard list (only shard-N folders in it). The shard databases
// are created by whoever opens them for writing, and the shard list afterwards
// (WriteShardList), so a reader never sees a list naming shards that do not exist yet. Fails
// naming `db` when it exists but is neither a sharded rkn database nor a Xapian database (a
// regular file that is no stub: "not a database (a file that is not a shard list)"), when the
// stub lists something other than local shard paths ("<stub>:<line>: rkn-index writes local
// shards only ..."), when a stub file lists an rkn database's folder rather than a shard ("<stub>:
// lists the database <folder>, not one of its shards ..."), when `db` is a remote database
// ("tcp:...", "unix:..."), one shard of a sharded database, or the shard list `XAPIANDB` of one
// ("<db>: the shard list of <folder>; index into <folder>").
Result<std::vector<std::filesystem::path>> OpenOrCreateShardLayout(const std::filesystem::path& db,
                                                                   size_t new_shards);

// Writes the stub file listing `shards` (folders inside `db`) atomically, unless `db` is a plain
// Xapian database, already has a list or is a stub file itself. IOError naming the file when it cannot be written.
Status WriteShardList(const std::filesystem::path& db, const std::vector<std::filesystem::path>& shards);

// The paths a run creates for a new database, noted before it creates them, so that a run stopped
// before it wrote anything can take them away again and the next run starts as on a fresh path.
// Only what was noted as missing is ever removed, and a folder only once it is empty.
class CreatedPaths {
 public:
  // What a noted path is, which decides what Remove takes out of it.
  enum class Kind {
    kFolder,  // a folder (the database's, or one of its parents): removed only when empty
    kShard,   // a shard's Xapian database folder: its Xapian files (flintlock, iamglass, *.glass,
              // *.baseA, *.baseB) are removed, then the folder when that leaves it empty
    kFile,    // a regular file (the shard list): removed when it is a regular file
  };
  // Notes `path` as created by this run when it does not exist now, and with kFolder also each
  // of its parents that does not exist now (create_directories makes them). Never fails: a path
  // whose existence cannot be told counts as existing, so it is never removed.
  void NoteIfMissing(const std::filesystem::path& path, Kind kind);

  // Removes what was noted, the last created first (shards and the shard list before the folder
  // holding them). Call it only after every database handle on the shards is closed. Best
  // effort, never fails: whatever cannot be removed (a folder holding a file this run did not
  // create, a permission) stays. Returns whether everything noted is gone.
  bool Remove() const;

  // Whether anything was noted.
  bool empty() const { return paths_.empty(); }
  // Whether one of the noted paths exists now: something the run did create. Never fails (a
  // path that cannot be looked at counts as missing).
  bool AnyExists() const;

 private:
  std::vector<std::pair<std::filesystem::path, Kind>> paths_;  // in the order they get created
};

// The shards of an existing database `db` (a stub directory, a stub file or a plain database);
// NotFound when it does not exist.
Result<std::vector<std::filesystem::path>> ListShards(const std::filesystem::path& db);

// The shards of an existing database `db` as rkn-search reads them: the local shard paths (as
// ListShards gives them) and how many are remote ("remote HOST:PORT" lines of a stub file; 1
// for a "tcp:"/"unix:" spec), with the addresses of those that have one. NotFound when it does
// not exist; a stub's errors as ListShards.
struct ShardsForReading {
  std::vector<std::filesystem::path> local;
  size_t remote = 0;
  // "HOST:PORT" of each remote shard reached over TCP, as written: a "tcp:" spec without its
  // "tcp:", the rest of a "remote HOST:PORT" line (a "remote :PROGRAM" line has none).
  std::vector<std::string> remote_addresses;
};
Result<ShardsForReading> ListShardsForReading(const std::filesystem::path& db);

// `description`, a Xapian error's get_description() that ends an indexing run, with "; the
// database keeps its last commit: run rkn-index again when there is space" after it when it is a
// plain DatabaseError that is not about reading (a write that failed: disk full, file too large),
// which Xapian leaves at the last commit and the next run completes. Never fails.
std::string WriteFailureMessage(const std::string& description);

// Whether `spec` names a remote database ("tcp:HOST:PORT", "unix:PATH"), not a path. Never fails.
bool IsRemoteSpec(std::string_view spec);

// Which of `shard_count` shards holds the document with unique term `id_term`. Stable across runs
// and machines (FNV-1a), so a document is always replaced in the shard that holds it.
size_t ShardOf(std::string_view id_term, size_t shard_count);

// A shard's place in a layout of `nshards` shards, as schema::kMetaShard records it: "K/N", K
// counted from 0. Never fails.
std::string ShardPlace(size_t k, size_t nshards);

// Reads a ShardPlace ("1/2"): {K, N} with K < N, or nullopt for anything else (empty: a database
// rkn-index did not write, or wrote before shards recorded their place). Never fails.
std::optional<std::pair<size_t, size_t>> ParseShardPlace(std::string_view place);

}  // namespace rkn
