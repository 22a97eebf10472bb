#include "common/indexer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ostream>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <unistd.h>

#include <xapian.h>

#include "common/aliases.h"
#include "common/analyzer.h"
#include "common/cleaner.h"
#include "common/datadir.h"
#include "common/document.h"
#include "common/furniture.h"
#include "common/schema.h"
#include "common/shard_writer.h"
#include "common/shards.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {
namespace {

using index_internal::Counters;
using index_internal::FurnitureKey;
using index_internal::ParseStampValue;
using index_internal::Pipeline;
using index_internal::ShardMsg;
using index_internal::ShardWriter;
using index_internal::ShardWriterLimits;
using index_internal::SpellingRecordedElsewhere;
using index_internal::StampRoot;

std::atomic<bool> g_stop{false};

constexpr const char* kMetaFurniturePrefix = "rkn.furniture:";

// The warnings about date fields not understood printed in a run (all with --verbose); the
// summary counts the rest.
constexpr size_t kMaxDateWarnings = 10;

// The key identifying a root in the database: its absolute, normalised path. Never printed.
std::string RootKey(const fs::path& root) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(root, ec);
  if (ec) abs = fs::absolute(root, ec);
  return abs.lexically_normal().generic_string();
}

// Whether the walk of the folder whose real path is `outer` takes in the real path `inner`: it
// lies below it and no folder on the way, nor `inner` itself, is hidden (the walk skips those).
bool WalkReaches(const std::string& outer, const std::string& inner) {
  const std::string folder = outer.ends_with('/') ? outer : outer + "/";
  if (!inner.starts_with(folder) || inner.size() == folder.size()) return false;
  const std::string_view below = std::string_view(inner).substr(folder.size());
  for (size_t start = 0; start < below.size();) {
    if (below[start] == '.') return false;
    const auto slash = below.find('/', start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

// The roots to walk: `roots` without those another root already takes in, which would index the
// same files twice under two ids (rkn-index f7 f7/a: x.txt and a/x.txt). Each is named in a
// warning and counted as skipped; its files are indexed once, as part of the root that takes it
// in, with the ids a run over that root alone gives them. A root given twice is walked once.
// Roots that do not exist are kept, for WalkRoots to report.
std::vector<fs::path> DistinctRoots(const std::vector<fs::path>& roots, Verbosity verbosity, IndexSummary& sum,
                                    std::ostream& err) {
  if (roots.size() < 2) return roots;
  std::vector<std::string> real(roots.size());  // "" when the root does not exist
  for (size_t i = 0; i < roots.size(); ++i) {
    std::error_code ec;
    if (fs::exists(roots[i], ec)) real[i] = RootKey(roots[i]);
  }
  // Whether the walk of roots[i] takes in roots[j]; of two equal roots, the first takes in the other.
  auto takes_in = [&](size_t i, size_t j) {
    if (i == j || real[i].empty() || real[j].empty()) return false;
    return real[i] == real[j] ? i < j : WalkReaches(real[i], real[j]);
  };
  std::vector<bool> dropped(roots.size());
  for (size_t j = 0; j < roots.size(); ++j) {
    for (size_t i = 0; i < roots.size() && !dropped[j]; ++i) dropped[j] = takes_in(i, j);
  }
  std::vector<fs::path> out;
  for (size_t j = 0; j < roots.size(); ++j) {
    if (!dropped[j]) {
      out.push_back(roots[j]);
      continue;
    }
    // takes_in is transitive, so a root that is walked takes this one in.
    size_t i = 0;
    while (dropped[i] || !takes_in(i, j)) ++i;
    const bool twice = real[i] == real[j];
    ++sum.skipped;
    sum.skip_reasons[twice ? "root given twice" : "root inside another root"]++;
    if (verbosity != Verbosity::kQuiet) {
      err << "rkn-index: warning: " << SafeForTerminal(roots[j].string()) << ": "
          << (twice ? "the same as the root " : "inside the root ") << SafeForTerminal(roots[i].string()) << "; indexed once"
          << (twice ? "" : ", as part of it") << "\n";
    }
  }
  return out;
}

// Where a run root's files are recorded: `key` is the root they are indexed under, `below` the
// folder, relative to it, that they lie in ("" when the root is its own), and `walks` what of
// that root the run walks ("" all of it; a folder; the file of a single-file root).
struct RootPlacement {
  std::string key;
  std::string below;
  std::string walks;
};

// The folder (relative to the walk of `outer`) that the root whose real path is `inner` puts its
// files in: `inner` itself for a folder, its parent for a single-file root.
std::string FolderBelow(const std::string& outer, const std::string& inner, bool inner_is_file) {
  std::string folder = inner_is_file ? fs::path(inner).parent_path().generic_string() : inner;
  const size_t skip = outer.ends_with('/') ? outer.size() : outer.size() + 1;
  return folder.size() > skip ? folder.substr(skip) : "";
}

// A root inside a root an earlier run indexed into the same database (rkn-index corpus, later
// rkn-index corpus/2019) is placed under that one, the outermost: its files keep the ids a run
// over it gives them (2019/a.txt, not a.txt), so they replace their articles instead of adding
// second copies. Any other root is its own.
RootPlacement PlaceRoot(const fs::path& root, const std::set<std::string>& stored) {
  const std::string own = RootKey(root);
  if (stored.count(own)) return {own, "", ""};
  std::error_code ec;
  const bool file = fs::is_regular_file(root, ec);
  for (const std::string& s : stored) {  // sorted: an outer root before the roots inside it
    if (!WalkReaches(s, own)) continue;
    std::string below = FolderBelow(s, own, file), walks = below;
    if (file) walks = (below.empty() ? "" : below + "/") + fs::path(own).filename().string();
    return {s, std::move(below), std::move(walks)};
  }
  return {own, "", ""};
}

// What a file's metadata entry records besides its root: size, mtime, the rules/analyser
// versions and the reading options that are not the defaults (--field, --max-article-mb: they
// change which records a file gives). When it is unchanged the file is not read again.
std::string FileStamp(const InputFile& f, const std::string& versions, const ReadOptions& read) {
  std::string stamp = std::to_string(f.size) + ":" + std::to_string(f.mtime_ns) + ":" + versions;
  if (read.max_article_bytes != ReadOptions().max_article_bytes) stamp += ":max=" + std::to_string(read.max_article_bytes);
  for (const auto& [name, field] : read.field_map) stamp += ":field:" + name + "=" + field;
  return stamp;
}

// Calls fn(rel, value) for each file stamp of `db`: the file's key and its metadata value.
template <class F>
void ForEachStamp(const Xapian::Database& db, F&& fn) {
  const std::string prefix = schema::kMetaFilePrefix;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string key = *it;
    fn(key.substr(prefix.size()), db.get_metadata(key));
  }
}

// A file's stamp as read from a shard, compactly: its key, its root's key (an index into
// StampsRead::roots: the value up to its first tab), the hash of the stamp without the document
// count (0 for an empty value, that of a file removed) and that count.
struct StampRead {
  std::string rel;
  uint32_t root;
  uint64_t sig;
  size_t docs;
};

// The stamps of one shard, read once: the keys of the roots earlier runs indexed into the
// database (each file's stamp starts with its root's key, and every shard stamps every file, so
// one shard tells them all) are needed before the run places its roots, and the stamps after.
struct StampsRead {
  std::set<std::string> stored_roots;  // the roots' keys (non-empty, followed by a tab)
  std::vector<std::string> roots;      // every StampRead::root, once
  std::vector<StampRead> files;
};

// The stamps of `db`. Their memory is a few dozen bytes per file beyond its key.
StampsRead ReadStamps(const Xapian::Database& db) {
  StampsRead out;
  std::unordered_map<std::string, uint32_t> root_index;
  ForEachStamp(db, [&](std::string rel, const std::string& value) {
    std::string root = StampRoot(value);
    if (!root.empty() && root.size() < value.size()) out.stored_roots.insert(root);
    auto [it, fresh] = root_index.try_emplace(std::move(root), static_cast<uint32_t>(out.roots.size()));
    if (fresh) out.roots.push_back(it->first);
    const auto [sig, n] = ParseStampValue(value);
    out.files.push_back({std::move(rel), it->second, sig.empty() ? 0 : Fnv1a(sig) | 1, n});
  });
  return out;
}

// The metadata key under which the furniture of `source` is kept (hashed when too long).
std::string FurnitureMetaKey(const std::string& source) {
  std::string key = std::string(kMetaFurniturePrefix) + source;
  return key.size() <= 200 ? key : std::string(kMetaFurniturePrefix) + "#" + Hex64(Fnv1a(source));
}

// Adds the furniture lines kept in `db`'s metadata to `model`. Xapian errors propagate.
void AddFurnitureOf(const Xapian::Database& db, FurnitureModel& model) {
  const std::string prefix = kMetaFurniturePrefix;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string value = db.get_metadata(*it);  // "source\n" then one line per line
    const auto lines = SplitLines(value);             // (views into `value`)
    for (size_t i = 1; i < lines.size(); ++i) model.AddFurniture(lines[0], lines[i]);
  }
}

// Furniture persists across runs, so a daily run over a few new articles still drops the lines
// earlier runs learned: adds the lines kept in `db` (shard 0) to `model`, then writes the union
// back (committed with that shard's next commit). Each entry is "source\n" then one line per line.
void KeepFurniture(Xapian::WritableDatabase& db, FurnitureModel& model) {
  AddFurnitureOf(db, model);
  for (const auto& source : model.Sources()) {
    if (source.find('\n') != std::string::npos) continue;  // a folder name with a newline
    std::string value = source;
    for (const auto& line : model.Lines(source)) value += "\n" + line;
    const std::string key = FurnitureMetaKey(source);
    if (db.get_metadata(key) != value) db.set_metadata(key, value);
  }
}

}  // namespace

Status AddKeptFurniture(const std::string& db, FurnitureModel& model) {
  try {
    AddFurnitureOf(Xapian::Database(db), model);
  } catch (const Xapian::Error& e) {
    return Status::IOError(db, e.get_description());
  }
  return Status::Ok();
}

namespace {

// Learns site furniture from the files to be (re)indexed, reading them on `threads` threads;
// `after_file` (if set) is called after each file, on the thread that read it. Stops early when
// g_stop is set (the model is then finalized from the files read so far).
void LearnFurniture(const std::vector<const InputFile*>& files, const ReadOptions& read, size_t threads,
                    const std::function<void()>& after_file, FurnitureModel& model) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size() && !g_stop.load(); i = next++) {
      (void)ReadInputFile(
          *files[i], read,
          [&](RawDocument&& raw) -> Status {
            model.ObserveText(FurnitureKey(raw), raw.text);  // internally locked
            return Status::Ok();
          },
          [](const std::string&, const std::string&) {});
      if (after_file) after_file();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  model.Finalize();
}

// Ids are corpus-relative paths, so two roots holding the same relative path would overwrite
// each other's articles on every run: drops from `files` (the walk's, in root order) every file
// whose rel_path an earlier one has, so the first root wins; the others are skipped, named in a
// warning (unless `verbosity` is kQuiet) and counted in `sum`. The set views the files' own strings.
void DropSamePaths(std::vector<InputFile>& files, Verbosity verbosity, IndexSummary& sum, std::ostream& err) {
  std::unordered_map<std::string_view, size_t> first_of;
  std::vector<bool> drop(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const InputFile& f = files[i];
    auto [it, fresh] = first_of.try_emplace(f.rel_path, i);
    if (fresh) continue;
    drop[i] = true;
    ++sum.skipped;
    sum.skip_reasons["same path under another root"]++;
    if (verbosity != Verbosity::kQuiet) {
      err << "rkn-index: warning: " << SafeForTerminal(f.path) << ": same corpus-relative path ("
          << SafeForTerminal(f.rel_path) << ") as " << SafeForTerminal(files[it->second].path)
          << "; skipped (index such roots into separate databases, or their common parent)\n";
    }
  }
  first_of.clear();
  size_t out = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) files[out] = std::move(files[i]);
    ++out;
  }
  files.resize(out);
}

// Writes the run's metadata into every shard of `dbs` (their folders `layout`), uncommitted: the
// schema, rules and analyser versions, the stemmer, the extra aliases, the synonym table of `p`
// and `alias_file` (the AliasFileFingerprint of the data folder it was made from), and the
// shard's place unless `moved_shard` (the place another layout gave a shard) is
// set: a shard of another layout keeps its old place until a run has read every file again.
// Notes on `err` each shard whose spelling data its writer will rebuild. Throws Xapian::Error.
void WriteShardMetadata(std::vector<Xapian::WritableDatabase>& dbs, const std::vector<fs::path>& layout,
                        const std::string& moved_shard, const Pipeline& p, const std::string& extra_aliases,
                        const std::string& alias_file, const IndexOptions& opt, std::ostream& err) {
  for (size_t k = 0; k < dbs.size(); ++k) {
    Xapian::WritableDatabase& db = dbs[k];
    if (moved_shard.empty()) {
      db.set_metadata(schema::kMetaShard, ShardPlace(k, dbs.size()));
      db.set_metadata(schema::kMetaShardUuid, db.get_uuid());
    }
    db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    db.set_metadata(schema::kMetaRulesVersion, p.cleaner.version());
    db.set_metadata(schema::kMetaAnalyzerVersion, p.analyzer->version());
    db.set_metadata(schema::kMetaStemmer, StemmerName(p.analyzer->stemmer_kind()));
    db.set_metadata(schema::kMetaExtraAliases, extra_aliases);
    db.set_metadata(schema::kMetaAliasFile, alias_file);
    WriteSynonymTable(p.analyzer->alias_groups(), db);
    // Its writer rebuilds the spelling data (ShardWriter::RecoverSpelling): say why it takes long.
    if (opt.spelling && opt.verbosity != Verbosity::kQuiet && SpellingRecordedElsewhere(db)) {
      err << "rkn-index: note: " << SafeForTerminal(layout[k].string())
          << ": compacted since a run stopped before writing all its spelling data (its documents are renumbered); "
             "the spelling data is rebuilt from its documents\n";
    }
  }
}

// Whether the process may write the database folder `path` (or, before it exists, the folder
// that will hold it): IOError naming it with the reason (permission, read-only file system).
Status CheckWritable(const fs::path& path) {
  std::error_code ec;
  const fs::path dir = fs::exists(path, ec) ? path : path.parent_path();
  if (::access(dir.c_str(), W_OK) != 0) return Status::IOError(dir.string(), std::string("cannot write: ") + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

void RequestStop() { g_stop.store(true); }

std::string FormatSummary(const IndexSummary& s) {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", s.seconds);
  std::string out = "rkn-index: " + std::to_string(s.files_seen) + " files seen, " + std::to_string(s.indexed) +
                    " indexed, " + std::to_string(s.replaced) + " replaced, " + std::to_string(s.unchanged) +
                    " unchanged, " + std::to_string(s.removed) + " removed, " + std::to_string(s.skipped) +
                    " skipped";
  if (!s.skip_reasons.empty()) {
    out += " (";
    bool first = true;
    for (const auto& [why, n] : s.skip_reasons) {
      if (!first) out += ", ";
      first = false;
      out += why + ": " + std::to_string(n);
    }
    out += ")";
  }
  if (s.dates_unread > 0) out += ", " + std::to_string(s.dates_unread) + " dates not understood";
  if (s.title_only > 0) out += ", " + std::to_string(s.title_only) + " records without text indexed by their title";
  out += " in " + std::string(secs) + " s";
  return out;
}

Result<IndexSummary> RunIndex(const IndexOptions& opt, std::ostream& err) {
  const auto t0 = std::chrono::steady_clock::now();
  IndexSummary sum;
  g_stop.store(false);
  const size_t jobs = opt.jobs > 0 ? static_cast<size_t>(opt.jobs) : std::max(1u, std::thread::hardware_concurrency());

  auto data_dir = FindDataDir(opt.data_dir);
  if (!data_dir.ok()) return data_dir.status();
  AnalyzerOptions aopt;
  // kMetaExtraAliases after this run: this run's alias files, each read once, or what it held.
  std::string extra_aliases;
  for (const auto& f : opt.alias_files) {
    auto text = ReadAliasFile(f);
    if (!text.ok()) return text.status();
    extra_aliases += *text;
    if (!extra_aliases.empty() && extra_aliases.back() != '\n') extra_aliases += '\n';
    aopt.extra_aliases.push_back({f.string(), std::move(*text)});
  }
  // Keep the stemmer the database was built with: another one would leave its articles stemmed
  // two ways, and queries would find only one of them. Keep the alias groups an earlier run's
  // --aliases stored too, unless this run names alias files of its own.
  std::optional<StemmerKind> built_with;
  try {
    std::error_code ec;
    if (fs::exists(opt.db, ec)) {
      const Xapian::Database existing(opt.db);
      auto kind = ParseStemmerName(existing.get_metadata(schema::kMetaStemmer));
      if (kind.ok()) built_with = *kind;
      if (opt.alias_files.empty()) {
        extra_aliases = existing.get_metadata(schema::kMetaExtraAliases);
        aopt.extra_aliases.push_back({opt.db + " (the aliases an earlier --aliases stored)", extra_aliases});
      }
    }
  } catch (const Xapian::Error&) {
    // Unreadable here: the writable open below reports it.
  }
  if (opt.stemmer && built_with && *opt.stemmer != *built_with) {
    return Status::InvalidArgument(opt.db, std::string("database was built with the ") + StemmerName(*built_with) +
                                               " stemmer; --stemmer " + StemmerName(*opt.stemmer) +
                                               " needs a new database");
  }
  if (opt.stemmer) aopt.stemmer = *opt.stemmer;
  else if (built_with) aopt.stemmer = *built_with;
  auto analyzer = Analyzer::Load(*data_dir, aopt);
  const std::string alias_file = AliasFileFingerprint(*data_dir);  // the file the analyser just read
  if (!analyzer.ok()) return analyzer.status();
  auto cleaner = Cleaner::Load(*data_dir, opt.rule_files);
  if (!cleaner.ok()) return cleaner.status();
  Pipeline p{*analyzer, std::move(*cleaner), "", FurnitureModel{}};
  p.versions = p.cleaner.version() + "/" + p.analyzer->index_version() + "/doc:" + std::to_string(schema::kDocumentVersion);

  const std::vector<fs::path> roots = DistinctRoots(opt.roots, opt.verbosity, sum, err);
  auto walk = WalkRoots(roots);
  if (!walk.ok()) return walk.status();
  // The files seen are the files the walk found, read or skipped: not the roots DistinctRoots
  // dropped, nor the folders it skipped (one that cannot be listed, a symlinked one), which are
  // counted among the skipped all the same.
  sum.files_seen = walk->files.size();
  for (const auto& s : walk->skipped) {
    const fs::path& root = roots[std::min<size_t>(s.root, roots.size() - 1)];
    std::error_code ec;
    const bool in_folder = fs::is_directory(root, ec);
    const SkipTreatment treatment = TreatmentOf(s, in_folder);
    if (treatment == SkipTreatment::kQuiet) continue;
    ++sum.skipped;
    if (s.kind == SkippedPath::Kind::kFile) ++sum.files_seen;
    sum.skip_reasons[s.reason.starts_with("unknown type") ? "unknown type" : s.reason]++;
    const bool warned = treatment == SkipTreatment::kWarned;
    if (warned ? opt.verbosity != Verbosity::kQuiet : opt.verbosity == Verbosity::kVerbose) {
      err << "rkn-index: " << (warned ? "warning: " : "skipped: ")
          << SafeForTerminal((!in_folder || s.rel_path.empty() ? root : root / s.rel_path).string()) << ": "
          << SafeForTerminal(warned ? SkipReasonShown(s) : s.reason) << "\n";
    }
  }

  // What this run creates of the database (a new one: its folder, the folders above it that are
  // missing too, its shards and shard list), for a run stopped before it writes anything to take
  // away again.
  CreatedPaths created;
  created.NoteIfMissing(opt.db, CreatedPaths::Kind::kFolder);
  auto layout = OpenOrCreateShardLayout(opt.db, jobs);
  if (!layout.ok()) return layout.status();
  const size_t nshards = layout->size();
  for (const auto& path : *layout) created.NoteIfMissing(path, CreatedPaths::Kind::kShard);
  created.NoteIfMissing(fs::path(opt.db) / kStubFileName, CreatedPaths::Kind::kFile);

  // A shard folder gone from an existing database (deleted by hand) is created empty below; the
  // stamps of the other shards do not cover it, so its articles are indexed again. Say so.
  std::vector<fs::path> missing;
  for (const auto& path : *layout) {
    std::error_code ec;
    if (!fs::exists(path, ec)) missing.push_back(path);
  }
  if (!missing.empty() && missing.size() < layout->size() && opt.verbosity != Verbosity::kQuiet) {
    for (const auto& path : missing) {
      err << "rkn-index: warning: " << SafeForTerminal(path.string()) << ": shard missing: created empty, its articles are indexed again\n";
    }
  }
  std::vector<Xapian::WritableDatabase> dbs;
  // A run that fails before any of its commits (its writers' first: the metadata is written
  // uncommitted before them) takes away what it created of the database (a new one: a shard left half-created when the
  // second of four could not be, say, with too many open files), and the next run starts as on a
  // fresh path instead of adopting the shards it finds, and their count. What a commit wrote
  // stays, for the next run to go on from.
  std::vector<std::unique_ptr<ShardWriter>>* started_writers = nullptr;  // set once they exist
  // Takes it away, when it is to be, and returns what to add to the error message; nullopt when
  // the database stays.
  auto undo_creation = [&]() -> std::optional<std::string> {
    if (!created.AnyExists()) return std::nullopt;  // nothing created (a foreign database's missing list)
    if (started_writers != nullptr) {
      for (const auto& w : *started_writers) {
        if (w->committed()) return std::nullopt;
      }
      started_writers->clear();  // joined by now: their databases closed
    }
    dbs.clear();  // closed first: their locks and open tables
    return created.Remove() ? "; what this run had created of the database is removed"
                            : "; what this run had created of the database is removed but for folders holding other files";
  };
  // `st` with undo_creation's words added when it took the database away.
  auto fail = [&](const Status& st) -> Status {
    const auto undone = undo_creation();
    return undone ? Status(st.code(), st.where(), st.message() + *undone) : st;
  };
  // A write that failed with Xapian's `description`: the database taken away as above, or kept
  // at its last commit (WriteFailureMessage says so).
  // (`description` by value: a writer's error, which undo_creation destroys with the writer.)
  auto write_failed = [&](std::string description) -> Status {
    const auto undone = undo_creation();
    return Status::IOError(opt.db, undone ? description + *undone : WriteFailureMessage(description));
  };
  for (const auto& path : *layout) {
    try {
      dbs.emplace_back(path.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      // Xapian reports a lock file it could not create as a lock held: say why when it is that.
      // Not taken away: what is there may be another run's, which holds the lock (two runs
      // creating one database meet at shard 0, so one of them stops there).
      if (Status st = CheckWritable(path); !st.ok()) return st;
      return Status::Locked(opt.db, "database is locked: another rkn-index is writing to it");
    } catch (const Xapian::Error& e) {
      const char* why = e.get_error_string();  // "Too many open files", when Xapian had an errno
      return fail(Status::IOError(path.string(), "cannot open database for writing: " + e.get_msg() +
                                                     (why != nullptr && *why != '\0' ? std::string(" (") + why + ")" : "")));
    }
  }
  // The shards exist now (and open as empty databases): list them for readers.
  if (Status st = WriteShardList(opt.db, *layout); !st.ok()) return fail(st);

  Counters counters;
  // What the writers read while they run (ShardWriter's constructor): declared here, so that
  // they outlive the writers when an exception stops the run and the catch stops the writers.
  std::vector<uint64_t> gone_keys;  // the hashed keys of `gone` (below), sorted
  std::vector<std::pair<uint64_t, size_t>> read_order;
  std::vector<std::unique_ptr<ShardWriter>> writers;
  std::vector<std::thread> threads;
  auto stop_writers = [&](ShardMsg::End end) {
    for (auto& w : writers) {
      ShardMsg m;
      m.kind = ShardMsg::Kind::kFinish;
      m.end = end;
      w->queue().Push(std::move(m));
    }
    for (auto& t : threads) t.join();
    threads.clear();
  };
  try {
    for (auto& db : dbs) {
      const std::string stored_schema = db.get_metadata(schema::kMetaSchemaVersion);
      if (stored_schema.empty() && db.get_doccount() > 0) {
        return fail(Status::InvalidArgument(opt.db, "not an rkn database (a Xapian database rkn-index did not write: its "
                                                             "documents would be mixed with rkn's); index into a new database"));
      }
      if (!stored_schema.empty() && stored_schema != std::to_string(schema::kSchemaVersion)) {
        return fail(Status::InvalidArgument(opt.db, "database has schema version " + stored_schema + ", this rkn writes " +
                                                                 std::to_string(schema::kSchemaVersion) + "; index into a new database"));
      }
    }
    // Each root's key once (it canonicalises the path); the walk tells each file's root. A root
    // inside one an earlier run indexed is recorded under that one, its paths prefixed.
    // Shard 0's stamps are read here once, for the roots and the stamps below.
    StampsRead first_stamps = ReadStamps(dbs[0]);
    const std::set<std::string> stored_roots = std::move(first_stamps.stored_roots);
    std::vector<RootPlacement> place;
    for (const auto& r : roots) {
      place.push_back(PlaceRoot(r, stored_roots));
      const RootPlacement& pl = place.back();
      if (pl.key == RootKey(r) || opt.verbosity == Verbosity::kQuiet) continue;
      err << "rkn-index: note: " << SafeForTerminal(r.string()) << ": inside the root " << SafeForTerminal(pl.key)
          << " indexed into this database before; its files keep their ids under it"
          << (pl.below.empty() ? "" : " (" + SafeForTerminal(pl.below) + "/...)") << "\n";
    }
    auto under = [](const std::string& below, std::string& rel) {
      if (!below.empty()) rel = rel.empty() ? below : below + "/" + rel;
    };
    for (auto& f : walk->files) under(place[f.root].below, f.rel_path);
    for (auto& u : walk->unreadable) under(place[std::min<size_t>(u.root, roots.size() - 1)].below, u.rel_path);
    // Only several roots can hold the same relative path.
    if (roots.size() > 1) DropSamePaths(walk->files, opt.verbosity, sum, err);
    // Warnings name a file by its path as reachable from the working directory (the root as
    // given joined with the path below it), not by its id's path relative to the root, which
    // is ambiguous with several roots: `where` is a file's rel_path, maybe with ":LINE" after it.
    std::unordered_map<std::string_view, const InputFile*> file_of;  // built at the first warning
    auto shown = [&](const std::string& where) {
      if (file_of.empty()) {
        for (const auto& f : walk->files) file_of.emplace(f.rel_path, &f);
      }
      for (size_t end = where.size(); end != std::string::npos && end > 0; end = where.rfind(':', end - 1)) {
        if (auto it = file_of.find(std::string_view(where).substr(0, end)); it != file_of.end()) return ShownPath(*it->second, where);
      }
      return where;
    };
    auto warn_line = [&](const std::string& where, const std::string& what) {
      if (opt.verbosity == Verbosity::kQuiet) return;
      // Input bytes (paths, record excerpts) are made safe: no escape sequence reaches the terminal.
      err << (opt.progress ? "\r\x1b[K" : "") << "rkn-index: warning: " << SafeForTerminal(shown(where)) << ": "
          << SafeForTerminal(what) << "\n";
    };
    std::vector<std::string> root_key_of;
    for (const auto& pl : place) root_key_of.push_back(pl.key);
    root_key_of.emplace_back();  // index roots.size(): under no root (never expected)
    const std::set<std::string> root_keys(root_key_of.begin(), root_key_of.end() - 1);
    // Whether the file `key`, recorded under the root `root_key`, lies in something the walk
    // could not read: then it is not known to be gone, and what is indexed from it is kept.
    auto in_unreadable = [&](const std::string& root_key, const std::string& key) {
      return std::any_of(walk->unreadable.begin(), walk->unreadable.end(), [&](const UnreadablePath& u) {
        return root_key_of[std::min<size_t>(u.root, roots.size())] == root_key && FileKeyWithin(key, u.rel_path);
      });
    };
    // Whether the stored file `key`, recorded under the root `root_key`, is one this run walks the
    // place of, so that not finding it means it is gone: under a root of this run (within the
    // folder this run walks of it), or under an earlier run's root that a root of this run takes
    // in (rkn-index corpus/2019, later rkn-index corpus: its articles now have ids under corpus).
    auto walked_place_of = [&](const std::string& root_key, const std::string& key) {
      for (const RootPlacement& pl : place) {
        if (pl.key == root_key && (pl.walks.empty() || FileKeyWithin(key, pl.walks))) return !in_unreadable(root_key, key);
      }
      if (root_keys.count(root_key)) return false;
      for (const RootPlacement& pl : place) {
        if (!pl.below.empty() || !WalkReaches(pl.key, root_key)) continue;
        std::error_code ec;
        const bool file = !fs::is_directory(root_key, ec);
        if (file && !root_key.ends_with("/" + key)) return false;  // not a file root after all
        std::string rel = key;
        const std::string below = FolderBelow(pl.key, root_key, file);
        if (!below.empty()) rel = below + "/" + rel;
        return !in_unreadable(pl.key, rel);
      }
      return false;
    };
    auto file_sig_of = [&](size_t i) {
      const uint32_t r = std::min<uint32_t>(walk->files[i].root, static_cast<uint32_t>(roots.size()));
      return root_key_of[r] + "\t" + FileStamp(walk->files[i], p.versions, opt.read);
    };

    // The walked files' keys, hashed: memory per file stays a few bytes whatever the corpus
    // (a 64-bit collision would only keep a deleted file's articles one run longer).
    std::vector<uint64_t> key_hash;  // in walk order
    key_hash.reserve(walk->files.size());
    for (const auto& f : walk->files) key_hash.push_back(Fnv1a(FileKey(f.rel_path)));
    std::vector<uint64_t> walked = key_hash;
    std::sort(walked.begin(), walked.end());

    // Stamps of the files already indexed, compactly: per file key hash, the hash of the stamp
    // every shard agrees on (0 when they differ) and the document count. Files of this run's
    // roots that the walk no longer finds are collected for removal.
    struct ShardStamp {
      uint64_t key, sig;
      size_t docs;
      uint32_t shard;
    };
    std::vector<ShardStamp> shard_stamps;
    std::set<std::string> gone;
    std::map<std::string, size_t> gone_of_root;  // root key -> how many of `gone` were indexed from it
    std::multimap<std::string, std::string> gone_by_root;  // root key -> the files of `gone` indexed from it
    // Walked files whose articles were indexed from a root this run does not name: a moved
    // corpus, or another corpus with the same relative paths, whose articles these replace.
    std::unordered_set<uint64_t> from_other_root;  // their keys' hashes: a file's articles may be in any shard
    std::string other_root_example;
    // One stamp of shard k: the file `rel`, its root's key, the hash of its stamp without the
    // count (0: an empty value) and the count.
    auto take_stamp = [&](size_t k, const std::string& rel, const std::string& root_key, uint64_t sig, size_t n) {
      const uint64_t stored_key = Fnv1a(rel);
      if (!std::binary_search(walked.begin(), walked.end(), stored_key)) {
        if (sig != 0 && walked_place_of(root_key, rel) && gone.insert(rel).second) {
          ++gone_of_root[root_key];
          gone_by_root.emplace(root_key, rel);
        }
        return;
      }
      shard_stamps.push_back({stored_key, sig, n, static_cast<uint32_t>(k)});
      // Every shard stamps every file it was told of, with the articles it holds: a file counts
      // once, when some shard holds an article of it.
      if (n > 0 && sig != 0 && !root_keys.count(root_key) && from_other_root.insert(stored_key).second &&
          other_root_example.empty()) {
        other_root_example = rel + " (indexed from " + root_key + ")";
      }
    };
    // Nothing is written to the shards before the first pass ends (below): a run stopped in it
    // leaves them as they were (and removes what it created of them).
    auto place_of = [&](size_t k) { return ShardPlace(k, nshards); };
    std::string moved_shard;  // "K/N" of a shard that another layout wrote, if any
    for (size_t k = 0; k < nshards; ++k) {
      Xapian::WritableDatabase& db = dbs[k];
      if (const std::string placed = db.get_metadata(schema::kMetaShard); !placed.empty() && placed != place_of(k)) {
        moved_shard = placed;
      }
      if (k == 0) {
        for (const StampRead& s : first_stamps.files) take_stamp(k, s.rel, first_stamps.roots[s.root], s.sig, s.docs);
        first_stamps = {};
        continue;
      }
      ForEachStamp(db, [&](const std::string& rel, const std::string& value) {
        const auto [sig, n] = ParseStampValue(value);
        take_stamp(k, rel, StampRoot(value), sig.empty() ? 0 : Fnv1a(sig) | 1, n);
      });
    }
    // A shard's stamps count only the articles it holds: in another layout they would pass a
    // file as unchanged whose articles other shards held (a copy of shard 1 of 4 would keep a
    // quarter of the corpus for good). Every file is read again; unchanged articles stay.
    if (!moved_shard.empty()) {
      for (auto& s : shard_stamps) s.sig = 0;
      if (opt.verbosity != Verbosity::kQuiet) {
        err << "rkn-index: note: " << SafeForTerminal(opt.db) << ": written as shard " << SafeForTerminal(moved_shard)
            << " of another layout (a copied or compacted shard or database); every file is read again\n";
      }
    }
    if (!from_other_root.empty() && opt.verbosity != Verbosity::kQuiet) {
      err << "rkn-index: warning: " << from_other_root.size()
          << " file(s) have the paths of articles indexed from another root, e.g. " << SafeForTerminal(other_root_example)
          << "; they take those articles over (fine for a moved corpus; index another corpus into its own database)\n";
    }
    from_other_root = {};
    struct StoredStamp {
      uint64_t key, sig;  // sig 0: the shards disagree, or one has no stamp
      size_t docs;
    };
    std::vector<StoredStamp> stamps;
    std::sort(shard_stamps.begin(), shard_stamps.end(),
              [](const ShardStamp& x, const ShardStamp& y) { return x.key != y.key ? x.key < y.key : x.shard < y.shard; });
    for (size_t i = 0; i < shard_stamps.size();) {
      size_t j = i;
      StoredStamp st{shard_stamps[i].key, shard_stamps[i].sig, 0};
      for (; j < shard_stamps.size() && shard_stamps[j].key == st.key; ++j) {
        if (shard_stamps[j].sig != st.sig) st.sig = 0;
        st.docs += shard_stamps[j].docs;
      }
      if (j - i != nshards) st.sig = 0;  // a shard without the stamp
      stamps.push_back(st);
      i = j;
    }
    shard_stamps = {};
    walked = {};
    // A root that holds no file now while articles were indexed from it: an unmounted disk or
    // an emptied folder. Its files are not taken as gone (a cron job's -q run wiped the index
    // with exit 0) unless --allow-empty-root says the folder was emptied on purpose; either way
    // it is said, after the files (empty_roots).
    std::vector<size_t> files_in_root(roots.size() + 1);
    for (const auto& f : walk->files) ++files_in_root[std::min<size_t>(f.root, roots.size())];
    std::vector<std::pair<size_t, size_t>> empty_roots;  // (root, files indexed from it)
    for (size_t r = 0; r < roots.size(); ++r) {
      const auto it = gone_of_root.find(root_key_of[r]);
      if (files_in_root[r] != 0 || it == gone_of_root.end()) continue;
      empty_roots.emplace_back(r, it->second);
      if (opt.allow_empty_root) continue;
      const auto [b, e] = gone_by_root.equal_range(root_key_of[r]);
      for (auto g = b; g != e; ++g) gone.erase(g->second);
    }
    // The writers look up whether the file an id is indexed from is gone (ShardWriter::WriteDoc).
    for (const auto& rel : gone) gone_keys.push_back(Fnv1a(rel));
    std::sort(gone_keys.begin(), gone_keys.end());
    // Per file, once: the document count when every shard recorded this run's stamp for it
    // (the file is unchanged and not read), else kRead.
    constexpr size_t kRead = SIZE_MAX;
    std::vector<size_t> unchanged_docs(walk->files.size(), kRead);
    std::vector<const InputFile*> to_read;
    // read_order: the files to read, by key hash, with their place in the reading order (the walk's): a
    // writer holds a record whose id a file read later has indexed (ShardWriter::Hold).
    for (size_t i = 0; i < walk->files.size(); ++i) {
      const uint64_t h = key_hash[i];
      auto it = std::lower_bound(stamps.begin(), stamps.end(), h, [](const StoredStamp& x, uint64_t v) { return x.key < v; });
      if (it != stamps.end() && it->key == h && it->sig != 0 && it->sig == (Fnv1a(file_sig_of(i)) | 1)) {
        unchanged_docs[i] = it->docs;
      } else {
        read_order.emplace_back(h, to_read.size());
        to_read.push_back(&walk->files[i]);
      }
    }
    std::sort(read_order.begin(), read_order.end());
    stamps = {};
    key_hash = {};

    // First pass: learn site furniture (short lines recurring across many articles of one source)
    // from the files this run (re)reads. Stopped in it, the model is partial: lines recurring in
    // the files read so far are no furniture of the whole, and kept they would stay for good.
    LearnFurniture(to_read, opt.read, jobs, opt.after_learning_file, p.furniture);
    if (g_stop.load()) {
      std::string what = "interrupted in the first pass (learning site furniture), before anything was written to the database";
      // This run holds the write lock of every shard, so what it created is its own: closed
      // (nothing to commit), it is removed, and the next run starts as on a fresh path.
      dbs.clear();
      if (!created.empty()) {
        what += created.Remove() ? "; what this run had created of it is removed"
                                 : "; what this run had created of it is removed but for folders holding other files";
      }
      return Status::Interrupted(what);
    }

    WriteShardMetadata(dbs, *layout, moved_shard, p, extra_aliases, alias_file, opt, err);
    KeepFurniture(dbs.front(), p.furniture);

    for (size_t k = 0; k < nshards; ++k) {
      ShardWriterLimits limits;
      limits.batch_docs = std::max<size_t>(1, opt.batch_docs / nshards);
      limits.spelling = opt.spelling;
      limits.spelling_words = std::max<size_t>(1, opt.spelling_words / nshards);
      limits.held_bytes = opt.held_bytes / nshards;
      if (!moved_shard.empty()) limits.place_when_complete = place_of(k);
      writers.push_back(std::make_unique<ShardWriter>(p, std::move(dbs[k]), limits, counters, gone_keys, read_order));
    }
    started_writers = &writers;
    dbs.clear();
    for (auto& w : writers) threads.emplace_back([w = w.get()] { w->Run(); });
    auto broadcast = [&](ShardMsg::Kind kind, const std::string& rel, const std::string& sig,
                         ShardMsg::Read read = ShardMsg::Read::kWhole) {
      for (auto& w : writers) {
        ShardMsg m;
        m.kind = kind;
        m.rel = rel;
        m.file_sig = sig;
        m.read = read;
        w->queue().Push(std::move(m));
      }
    };
    // Records whose id another file holds, per file (the warning's place without its line): a dump
    // overlapping another printed a line per record (1,968 of them) on every run; the first
    // read.same_warnings_named are named, the rest counted after the run (id_elsewhere_more).
    std::map<std::string, uint64_t> id_elsewhere;
    // Warnings the writers raised so far, counted and printed here.
    auto report_writer_warnings = [&] {
      for (const auto& w : counters.TakeWarnings()) {
        if (Counters::IsReason(w.reason, Counters::kIndexedAnyway)) {
          warn_line(w.where, w.what);
          continue;
        }
        if (Counters::IsReason(w.reason, Counters::kTitleOnly)) {
          // A dump whose scraper lost every text would print a line per record: counted, named
          // with --verbose.
          ++sum.title_only;
          if (opt.verbosity == Verbosity::kVerbose) warn_line(w.where, w.what);
          continue;
        }
        if (w.reason == nullptr) {
          // A dump whose every date is in a form not understood would print a line per record
          // (--verbose asks for them all).
          const bool all = opt.verbosity == Verbosity::kVerbose;
          if (++sum.dates_unread <= kMaxDateWarnings || all) warn_line(w.where, w.what);
          if (sum.dates_unread == kMaxDateWarnings + 1 && opt.verbosity == Verbosity::kNormal) {
            err << (opt.progress ? "\r\x1b[K" : "")
                << "rkn-index: warning: further dates not understood are not shown; the summary counts them\n";
          }
          continue;
        }
        ++sum.skipped;
        sum.skip_reasons[w.reason]++;
        if (Counters::IsReason(w.reason, Counters::kIdElsewhere)) {
          const size_t colon = w.where.rfind(':');
          const std::string file = colon == std::string::npos ? w.where : w.where.substr(0, colon);
          if (++id_elsewhere[file] > opt.read.same_warnings_named) continue;
        }
        warn_line(w.where, w.what);
      }
    };
    // After the run: the records of each file whose warning was only counted.
    auto id_elsewhere_more = [&] {
      for (const auto& [file, n] : id_elsewhere) {
        if (n <= opt.read.same_warnings_named) continue;
        const uint64_t more = n - opt.read.same_warnings_named;
        warn_line(file, std::to_string(more) + (more == 1 ? " more record" : " more records") + " (the first " +
                            std::to_string(opt.read.same_warnings_named) +
                            " are named above): its id is already indexed from another file; that article is kept");
      }
    };
    auto any_failed = [&] {
      for (auto& w : writers) {
        if (w->failed()) return true;
      }
      return false;
    };

    // Live progress on a terminal: files done, articles/s, MB/s, ETA by bytes.
    uint64_t total_bytes = 0, done_bytes = 0;
    size_t files_done = 0;
    for (const auto& f : walk->files) total_bytes += f.size;
    auto last_progress = std::chrono::steady_clock::now();
    auto progress = [&](bool final_line) {
      if (!opt.progress) return;
      const auto now = std::chrono::steady_clock::now();
      if (!final_line && now - last_progress < std::chrono::milliseconds(250)) return;
      last_progress = now;
      const double secs = std::max(1e-3, std::chrono::duration<double>(now - t0).count());
      const size_t docs = counters.indexed + counters.replaced + counters.unchanged;
      const double mbps = static_cast<double>(done_bytes) / 1e6 / secs;
      const double eta = done_bytes > 0 ? secs * static_cast<double>(total_bytes - done_bytes) / static_cast<double>(done_bytes) : 0;
      char line[160];
      std::snprintf(line, sizeof line, "\r\x1b[Krkn-index: %zu/%zu files, %zu articles, %.0f articles/s, %.1f MB/s, ETA %.0f s",
                    files_done, walk->files.size(), docs, static_cast<double>(docs) / secs, mbps, eta);
      err << line << (final_line ? "\r\x1b[K" : "") << std::flush;
    };

    // A note is about a record that is indexed all the same: printed, not counted as skipped.
    ReadOptions read = opt.read;
    read.note = warn_line;
    // A record skipped whole whose id is known: its shard keeps what is indexed under that id,
    // and the warning that follows does not make the file one that was not read through.
    bool skipped_by_id = false;
    read.skipped = [&](const std::string& id) {
      skipped_by_id = true;
      ShardMsg m;
      m.kind = ShardMsg::Kind::kKeep;
      m.raw.id = id;
      writers[ShardOf(IdTerm(id), nshards)]->queue().Push(std::move(m));
    };
    // Every skipped record is counted, but of a dump's records with one same problem only the
    // first ten are named, and one line after the file counts the rest: thousands of "record has
    // no content; skipped" lines buried the other warnings.
    RepeatedWarnings record_warnings(warn_line, read.same_warnings_named);
    for (size_t i = 0; i < walk->files.size(); ++i) {
      if (g_stop.load() || any_failed()) break;
      const InputFile& f = walk->files[i];
      ++files_done;
      done_bytes += f.size;
      progress(false);
      if (unchanged_docs[i] != kRead) {
        counters.unchanged += unchanged_docs[i];  // whole file unchanged: counted without reading it
        continue;
      }
      const std::string file_key = FileKey(f.rel_path);
      const std::string file_sig = file_sig_of(i);
      sum.bytes_read += f.size;
      report_writer_warnings();
      broadcast(ShardMsg::Kind::kBeginFile, file_key, file_sig);
      size_t file_docs = 0;
      bool complete = true;  // no warning but for records skipped by their id: every record was read
      Status st = ReadInputFile(
          f, read,
          [&](RawDocument&& raw) -> Status {
            if (g_stop.load()) return Status::Interrupted("interrupted");
            ShardMsg m;
            m.kind = ShardMsg::Kind::kDoc;
            const size_t shard = ShardOf(IdTerm(raw.id), nshards);
            m.raw = std::move(raw);
            writers[shard]->queue().Push(std::move(m));
            ++file_docs;
            progress(false);
            return Status::Ok();
          },
          [&](const std::string& where, const std::string& what) {
            if (!std::exchange(skipped_by_id, false)) complete = false;
            ++sum.skipped;
            // A warning about the whole file (no article text, or a dump with no records) or
            // about one record in it.
            sum.skip_reasons[where != f.rel_path ? "bad record" : IsRecordDump(f) ? "no records" : "no article text"]++;
            record_warnings.Warn(where, what);
          });
      record_warnings.EndFile(f.rel_path);
      if (g_stop.load()) {
        broadcast(ShardMsg::Kind::kEndFile, file_key, file_sig, ShardMsg::Read::kFailed);
        break;
      }
      if (!st.ok()) {
        ++sum.skipped;
        sum.skip_reasons[st.code() == StatusCode::kCorruption ? "bad input" : st.code() == StatusCode::kInvalidArgument ? "too large or unsupported" : "unreadable"]++;
        warn_line(st.where().empty() ? f.rel_path : st.where(), st.message());
        broadcast(ShardMsg::Kind::kEndFile, file_key, file_sig, ShardMsg::Read::kFailed);  // keep what is indexed; try again next run
        if (opt.after_indexing_file) opt.after_indexing_file();
        continue;
      }
      // A file with a skipped record or no article text keeps what is indexed from it.
      broadcast(ShardMsg::Kind::kEndFile, file_key, file_sig, complete ? ShardMsg::Read::kWhole : ShardMsg::Read::kSomeSkipped);
      if (opt.verbosity == Verbosity::kVerbose) {
        err << "rkn-index: " << SafeForTerminal(f.path) << ": " << file_docs << " document(s) read\n";
      }
      if (opt.after_indexing_file) opt.after_indexing_file();
    }

    if (!g_stop.load() && !any_failed()) {
      for (const auto& [r, files] : empty_roots) {
        const std::string what = "no file to read in it now (an unmounted disk, an emptied folder?); the " + std::to_string(files) +
                                 " files indexed from it are ";
        if (opt.allow_empty_root) {
          warn_line(roots[r].string(), what + "removed (--allow-empty-root)");
        } else {
          ++sum.skipped;
          sum.skip_reasons["empty root"]++;
          warn_line(roots[r].string(), what + "kept (--allow-empty-root removes them)");
        }
      }
      // Files that disappeared from the roots being indexed.
      for (const auto& rel : gone) {
        broadcast(ShardMsg::Kind::kRemoveFile, rel, "");
        if (opt.verbosity == Verbosity::kVerbose) err << "rkn-index: removed: " << SafeForTerminal(rel) << "\n";
      }
    }
    stop_writers(!g_stop.load() && !any_failed() ? ShardMsg::End::kComplete : ShardMsg::End::kStopped);
    report_writer_warnings();
    id_elsewhere_more();
    progress(true);
  } catch (const Xapian::Error& e) {
    stop_writers(ShardMsg::End::kStopped);
    return write_failed(e.get_description());
  } catch (const std::exception& e) {
    stop_writers(ShardMsg::End::kStopped);
    return fail(Status::IOError(opt.db, ExceptionMessage(e)));
  }
  for (auto& w : writers) {
    if (w->failed()) return write_failed(w->error().message());
  }
  sum.indexed = counters.indexed;
  sum.replaced = counters.replaced;
  sum.unchanged = counters.unchanged;
  sum.removed = counters.removed;
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (g_stop.load()) return Status::Interrupted("interrupted; work up to the last commit is kept");
  return sum;
}

}  // namespace rkn
