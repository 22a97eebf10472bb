#include "common/indexer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
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
#include "common/metadata.h"
#include "common/schema.h"
#include "common/shards.h"
#include "common/stored_doc.h"
#include "common/string_table.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {
namespace {

std::atomic<bool> g_stop{false};

constexpr const char* kMetaFilePrefix = "rkn.file:";
constexpr const char* kMetaFurniturePrefix = "rkn.furniture:";

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

// A document's content signature: changes when its text or hints change, or when the rules or
// the analyser change.
std::string DocSignature(const RawDocument& d, const std::string& versions) {
  uint64_t h = Fnv1a(d.text);
  for (const std::string* s : {&d.title, &d.source, &d.date, &d.time, &d.author, &d.category, &d.url}) {
    h = Fnv1a(*s, h ^ 0x1f);
  }
  return Hex64(h) + ":" + versions;
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

struct Pipeline {
  std::shared_ptr<const Analyzer> analyzer;
  Cleaner cleaner;
  std::string versions;  // rules + analyser, part of every signature
  FurnitureModel furniture;
};

// The key under which furniture is learned: the source hint, else the file's folder (a folder of
// .txt files scraped from one site).
std::string FurnitureKey(const RawDocument& raw) {
  if (!raw.source.empty()) return ToLower(raw.source);
  const auto slash = raw.path.rfind('/');
  return slash == std::string::npos ? std::string() : raw.path.substr(0, slash);
}

// Cleans and extracts metadata: the Article for a RawDocument.
Article Prepare(const Pipeline& p, RawDocument& raw) {
  CleanContext ctx;
  const std::string key = FurnitureKey(raw);
  ctx.source = key;
  ctx.title = raw.title;
  ctx.furniture = &p.furniture;
  CleanResult cleaned = p.cleaner.Clean(raw.text, raw.first_line, ctx);
  Article a;
  a.meta = ExtractMetadata(raw, cleaned);
  a.id = raw.id;
  a.path = raw.path;
  a.record = raw.record;
  a.type = raw.type;
  for (const auto& d : cleaned.lines) {
    if (d.action != LineDecision::Action::kKeep || d.rule == "title") continue;
    auto t = Trim(d.kept);
    if (t.empty()) continue;
    a.paragraphs.emplace_back(t);
  }
  if (!a.paragraphs.empty() && a.paragraphs.front() == a.meta.title) a.paragraphs.erase(a.paragraphs.begin());
  return a;
}

// Whether `term` goes into the spelling data: unprefixed, unstemmed words (prefixed and stemmed
// terms start with A-Z) of 4 to 32 bytes without digits; shorter words, numbers and codes are
// never corrected (search.cc suggests for words of 4 bytes or more), and leaving them out makes
// the spelling table a fraction of the cost.
bool IsSpellingWord(const std::string& term) {
  if (term.size() < 4 || term.size() > 32 || (term[0] >= 'A' && term[0] <= 'Z')) return false;
  return std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A bounded FIFO from the reading thread to one shard writer: Push blocks while full, PopAll
// blocks until something arrives and takes everything queued.
template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  void Push(T&& item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  void PopAll(std::deque<T>& out) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    out.swap(items_);
    not_full_.notify_all();
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
};

// What the reading thread tells a shard writer, in file order.
struct ShardMsg {
  // kKeep: a record of the file skipped whole whose id is known (no content): what is indexed
  // under that id stays, and the file is read again by the next run.
  enum class Kind { kBeginFile, kDoc, kKeep, kEndFile, kRemoveFile, kFinish };
  Kind kind = Kind::kDoc;
  std::string rel;       // the file's FileKey (all kinds but kDoc, kKeep and kFinish)
  std::string file_sig;  // kBeginFile, kEndFile: the file's stamp ("<root key>\t<stamp>")
  // kEndFile: how the file was read. kSomeSkipped: some of its content was skipped without an id
  // to keep it by (a broken line, the file's only article); kFailed: it could not be read
  // through (unreadable, bad input, interrupted).
  enum class Read { kWhole, kSomeSkipped, kFailed };
  Read read = Read::kWhole;
  // kFinish: whether the run read every file it meant to (not stopped, no writer failed).
  enum class End { kComplete, kStopped };
  End end = End::kStopped;
  RawDocument raw;       // kDoc; kKeep: its id
};

// Counters shared by the writers and the progress line, and the warnings the writers raise
// for the documents they skip (no text left once cleaned, an id another file holds), which the
// reading thread prints and counts under their reason.
struct Counters {
  std::atomic<size_t> indexed{0}, replaced{0}, unchanged{0}, removed{0};

  struct Warning {
    std::string where, what;
    const char* reason;  // the summary's skip reason
  };
  void Warn(std::string where, std::string what, const char* reason) {
    std::lock_guard lock(warnings_mu);
    warnings.push_back({std::move(where), std::move(what), reason});
  }
  std::vector<Warning> TakeWarnings() {
    std::lock_guard lock(warnings_mu);
    return std::exchange(warnings, {});
  }

 private:
  std::mutex warnings_mu;
  std::vector<Warning> warnings;
};

// The stamp value of a file that was not read through (unreadable, broken records, no article
// text, interrupted): it keeps the root (so the file is still removed when it disappears) and
// matches no file, so the next run reads the file again.
std::string IncompleteStamp(const std::string& file_sig) { return file_sig.substr(0, file_sig.find('\t')) + "\tincomplete"; }

// The warning for a document whose every line the cleaner dropped; counted as "no article text",
// as a file with no text is.
constexpr const char* kBoilerplateOnly = "no text (only boilerplate lines such as \"Baca juga:\" and credits); skipped";

// The skip reason of a record whose id another file of the run has indexed.
constexpr const char* kIdElsewhere = "id indexed from another file";

// The metadata value recorded for a file in one shard: its stamp, then how many of its documents
// that shard holds (so an unchanged file is counted without being read).
std::string StampValue(const std::string& file_sig, size_t docs) { return file_sig + "\t" + std::to_string(docs); }
std::pair<std::string, size_t> ParseStampValue(const std::string& v) {
  const auto tab = v.rfind('\t');
  if (tab == std::string::npos || v.find('\t') == tab) return {v, 0};
  return {v.substr(0, tab), static_cast<size_t>(std::strtoull(v.c_str() + tab + 1, nullptr, 10))};
}

// Calls fn(rel, value) for each file stamp of `db`: the file's key and its metadata value.
template <class F>
void ForEachStamp(const Xapian::Database& db, F&& fn) {
  const std::string prefix = kMetaFilePrefix;
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
    const auto tab = value.find('\t');
    if (tab != std::string::npos && tab > 0) out.stored_roots.insert(value.substr(0, tab));
    auto [it, fresh] = root_index.try_emplace(value.substr(0, tab), static_cast<uint32_t>(out.roots.size()));
    if (fresh) out.roots.push_back(it->first);
    const auto [sig, n] = ParseStampValue(value);
    out.files.push_back({std::move(rel), it->second, sig.empty() ? 0 : Fnv1a(sig) | 1, n});
  });
  return out;
}

// A set of docids kept as ascending ranges (documents are mostly added with consecutive ids),
// written to the database as "a-b,c,d-e".
class DocidRanges {
 public:
  void Add(Xapian::docid id) {
    if (!ranges_.empty() && ranges_.back().second + 1 == id) {
      ranges_.back().second = id;
    } else {
      ranges_.emplace_back(id, id);
    }
  }
  void Clear() { ranges_.clear(); }
  bool Empty() const { return ranges_.empty(); }
  std::string Encode() const {
    std::string out;
    for (const auto& [a, b] : ranges_) {
      if (!out.empty()) out += ',';
      out += std::to_string(a);
      if (b != a) {
        out += '-';
        out += std::to_string(b);
      }
    }
    return out;
  }
  // Calls fn(id) for each id of Encode()'s output up to `last` (ids above it cannot exist), so a
  // damaged value costs at most one call per document of the database; malformed parts are
  // skipped.
  template <class F>
  static void ForEach(std::string_view text, Xapian::docid last, F&& fn) {
    while (!text.empty()) {
      const auto comma = text.find(',');
      const std::string_view part = text.substr(0, comma);
      text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
      const auto dash = part.find('-');
      const auto a = std::strtoull(std::string(part.substr(0, dash)).c_str(), nullptr, 10);
      const auto b = dash == std::string_view::npos ? a : std::strtoull(std::string(part.substr(dash + 1)).c_str(), nullptr, 10);
      for (auto id = std::max<unsigned long long>(a, 1); id <= std::min<unsigned long long>(b, last); ++id) {
        fn(static_cast<Xapian::docid>(id));
      }
    }
  }

 private:
  std::vector<std::pair<Xapian::docid, Xapian::docid>> ranges_;
};

// Whether `db` holds spelling lists (kMetaSpellingPending, kMetaSpellingRemovals) recorded in
// another database: kMetaSpellingDatabase names a UUID other than its own (a compacted copy,
// whose docids the pending list no longer names). Lists without it (an earlier rkn) are taken
// as this database's. Throws Xapian::Error when the metadata cannot be read.
bool SpellingRecordedElsewhere(const Xapian::Database& db) {
  const std::string recorded_in = db.get_metadata(schema::kMetaSpellingDatabase);
  return !recorded_in.empty() && recorded_in != db.get_uuid();
}

// How a shard writer batches its work.
struct ShardWriterLimits {
  size_t batch_docs = 1000;        // documents per commit
  bool spelling = true;            // add spelling data
  size_t spelling_words = 250000;  // distinct words summed in memory before they are written
  size_t held_bytes = 64 << 20;    // records held for a takeover (ShardWriter::Hold), at most
  // Non-empty: the shard's place ("K/N", kMetaShard) to record with the last commit of a complete
  // run only. Set when the shard was found written by another layout: until every file has been
  // read again, the stamps it holds are partly that layout's, and a run stopped before the end
  // must leave the next one to read every file again too.
  std::string place_when_complete;
};

// One shard: its database, written by one thread that cleans, analyses and writes the documents
// routed to it, and commits every `batch_docs` of them. Each commit carries the stamps of the
// files whose documents in this shard are complete, so a shard's stamps never claim documents
// it does not hold, whatever moment the process dies at.
class ShardWriter {
 public:
  // `walked`: Fnv1a(FileKey(rel)) of every file this run walked, sorted; `read_order`: that of
  // every file this run reads, with its place in the reading order (the order of the kBeginFile
  // messages), sorted. Both are read while the writer runs.
  ShardWriter(const Pipeline& p, Xapian::WritableDatabase db, const ShardWriterLimits& limits, Counters& counters,
              const std::vector<uint64_t>& walked, const std::vector<std::pair<uint64_t, size_t>>& read_order)
      : p_(p), db_(std::move(db)), builder_(p.analyzer), limits_(limits), counters_(counters), walked_(walked),
        read_order_(read_order), queue_(64) {}

  BoundedQueue<ShardMsg>& queue() { return queue_; }
  bool failed() const { return failed_.load(); }
  const Status& error() const { return error_; }

  // The thread body: handles messages until kFinish, then commits and closes. On a Xapian error
  // it records it, keeps draining (so the reader never blocks) and commits nothing more.
  void Run() {
    if (limits_.spelling) Guard([&] { RecoverSpelling(); });
    std::deque<ShardMsg> batch;
    for (;;) {
      queue_.PopAll(batch);
      for (auto& m : batch) {
        if (m.kind == ShardMsg::Kind::kFinish) {
          ReleaseAllHeld();  // their files were not read to the end (the run stopped)
          if (!failed_) {
            Guard([&] {
              if (m.end == ShardMsg::End::kComplete && !limits_.place_when_complete.empty()) {
                db_.set_metadata(schema::kMetaShard, limits_.place_when_complete);
              }
              Commit(SpellingFlush::kNow);
              db_.close();
            });
          }
          return;
        }
        if (!failed_) Guard([&] { Handle(m); });
      }
      batch.clear();
    }
  }

 private:
  template <class F>
  void Guard(F&& f) {
    try {
      f();
    } catch (const Xapian::Error& e) {
      error_ = Status::IOError("", e.get_description());
      failed_ = true;
    } catch (const std::exception& e) {
      error_ = Status::IOError("", e.what());
      failed_ = true;
    }
  }

  void Handle(ShardMsg& m) {
    switch (m.kind) {
      case ShardMsg::Kind::kBeginFile: {
        old_docs_.clear();
        file_docs_ = 0;
        kept_ = 0;
        read_again_ = false;
        ++files_begun_;
        const std::string term = FileTerm(m.rel);
        for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) old_docs_.insert(*it);
        // Stamped as being read before any of its documents is written: a commit that holds some
        // of them holds the stamp too, so if the process dies (SIGKILL, a full disk) and the file
        // is then deleted or renamed, the next run finds the stamp and removes them.
        db_.set_metadata(kMetaFilePrefix + m.rel, StampValue(IncompleteStamp(m.file_sig), 0));
        break;
      }
      case ShardMsg::Kind::kDoc:
        WriteDoc(m.raw);
        break;
      case ShardMsg::Kind::kKeep: {
        // The record is in the file but has no article this run: its article stays.
        const std::string id_term = IdTerm(m.raw.id);
        Xapian::PostingIterator pit = db_.postlist_begin(id_term);
        if (pit != db_.postlist_end(id_term) && old_docs_.erase(*pit) > 0) ++kept_;
        break;
      }
      case ShardMsg::Kind::kEndFile: {
        const std::string key = kMetaFilePrefix + m.rel;
        if (m.read == ShardMsg::Read::kFailed || (m.read == ShardMsg::Read::kSomeSkipped && !old_docs_.empty())) {
          // Not read through, or content skipped that cannot be told apart from a deletion (a
          // broken line may have been any record): the documents not read again are kept (never
          // taken as deleted), and the stamp makes the next run read the file again.
          db_.set_metadata(key, StampValue(IncompleteStamp(m.file_sig), file_docs_ + old_docs_.size() + kept_));
          old_docs_.clear();
          ReleaseHeld(Fnv1a(m.rel));
          break;
        }
        // Every record was read or skipped by its id: the documents not met again were deleted
        // from the file. Records skipped with an article indexed under them keep it, and the
        // stamp makes the next run read the file again; records skipped with nothing indexed
        // under them (a record that never had content) leave nothing to keep: the file is
        // recorded as read, so an unchanged file is not read again, nor its warnings repeated.
        // A document whose id a file read earlier in this run also has, and whose record was
        // held (Hold), is taken over by that record instead: the id moved to that file. That
        // file's stamp is incomplete (it skipped the record), so the next run reads it again and
        // finds the article its own.
        for (Xapian::docid id : old_docs_) {
          if (auto held = held_.find(id); held != held_.end()) {
            TakeOver(id, held->second);
            held_bytes_ -= held->second.bytes;
            held_.erase(held);
            continue;
          }
          DeleteDoc(id);
          ++counters_.removed;
        }
        old_docs_.clear();
        ReleaseHeld(Fnv1a(m.rel));
        db_.set_metadata(key, kept_ > 0 || read_again_ ? StampValue(IncompleteStamp(m.file_sig), file_docs_ + kept_)
                                                       : StampValue(m.file_sig, file_docs_));
        if (since_commit_ >= limits_.batch_docs) Commit(SpellingFlush::kWhenFull);
        break;
      }
      case ShardMsg::Kind::kRemoveFile: {
        const std::string term = FileTerm(m.rel);
        std::vector<Xapian::docid> ids;
        for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) ids.push_back(*it);
        for (auto id : ids) DeleteDoc(id);
        counters_.removed += ids.size();
        db_.set_metadata(kMetaFilePrefix + m.rel, "");
        break;
      }
      case ShardMsg::Kind::kFinish:
        break;
    }
  }

  void WriteDoc(RawDocument& raw) {
    ++file_docs_;
    const std::string sig = DocSignature(raw, p_.versions);
    const std::string id_term = IdTerm(raw.id);
    Xapian::PostingIterator pit = db_.postlist_begin(id_term);
    const bool exists = pit != db_.postlist_end(id_term);
    const Xapian::docid old_id = exists ? *pit : 0;
    const bool ours = exists && old_docs_.erase(old_id) > 0;  // indexed from this file before
    if (exists && !ours) {
      // The id is indexed from another file (a record in two dumps, or a dump renamed).
      const std::string owner = ReadStoredFields(db_.get_document(old_id).get_data()).path;
      const uint64_t owner_key = Fnv1a(FileKey(owner));
      if (std::binary_search(walked_.begin(), walked_.end(), owner_key)) {
        // That file is still in the run: its article stays, and this file is read again by the
        // next run, whose copy takes the article over once the other file is gone. When that
        // file is read later in this run, the record is held until its end, in case the id
        // moved from it to this file.
        --file_docs_;
        read_again_ = true;
        std::string where = raw.record.empty() ? raw.path : raw.path + ":" + std::to_string(raw.first_line);
        std::string what = "id '" + raw.id + "' is already indexed from " + owner + "; that article is kept";
        if (!Hold(old_id, owner_key, raw, where, what)) counters_.Warn(std::move(where), std::move(what), kIdElsewhere);
        return;
      }
      // That file is gone (renamed, moved, deleted): this one takes the article over, written
      // again under this file, so that removing the old file does not delete it.
    } else if (exists) {
      if (db_.get_document(old_id).get_value(schema::kSlotFileSig) == sig) {
        ++counters_.unchanged;
        return;
      }
    }
    Article a = Prepare(p_, raw);
    if (NoArticleText(a, raw)) {
      // Nothing but boilerplate (a record's title without its text is no article either): it is
      // skipped, like a file with no text, and what is indexed under its id is kept.
      --file_docs_;
      if (ours) ++kept_;
      counters_.Warn(raw.record.empty() ? raw.path : raw.path + ":" + std::to_string(raw.first_line), kBoilerplateOnly,
                     "no article text");
      return;
    }
    // The id term was looked up above: replace by docid, or add (no second lookup).
    Store(a, sig, old_id);
    if (since_commit_ >= limits_.batch_docs) Commit(SpellingFlush::kWhenFull);
  }

  // Whether the cleaned `a` of `raw` is no article: nothing but boilerplate (a record's title
  // without its text is none either).
  static bool NoArticleText(const Article& a, const RawDocument& raw) {
    return a.paragraphs.empty() && (a.meta.title.empty() || !raw.record.empty());
  }

  // Writes the article `a` with the signature `sig`: in place of the document `old_id`, or as a
  // new document when `old_id` is 0. Counts it (replaced or indexed) and its spelling words;
  // does not commit.
  void Store(const Article& a, const std::string& sig, Xapian::docid old_id) {
    Xapian::Document doc = builder_.Build(a, sig);
    if (limits_.spelling) {
      CountSpelling(doc);
    } else {
      doc.add_boolean_term(std::string(schema::kTermNoSpelling));
    }
    Xapian::docid id = old_id;
    if (old_id != 0) {
      if (limits_.spelling) UncountSpelling(old_id);
      db_.replace_document(old_id, doc);
    } else {
      id = db_.add_document(doc);
    }
    if (limits_.spelling) {
      spelling_docs_.Add(id);
      spelling_pending_ids_.insert(id);
    }
    ++(old_id != 0 ? counters_.replaced : counters_.indexed);
    ++since_commit_;
  }

  // A record skipped because its id is indexed from a file this run reads later (the owner),
  // held until the owner's end in case the id moved from it to the record's file; the warning
  // is given only if the owner keeps the article.
  struct HeldRecord {
    RawDocument raw;
    std::string where, what;  // the warning
    uint64_t owner = 0;       // Fnv1a of the owner's FileKey
    size_t seq = 0;           // order held in
    size_t bytes = 0;         // counted against limits_.held_bytes
  };

  // Holds `raw` (moved from), skipped because the document `owner_doc` of the file `owner` (its
  // key's hash) has its id, with the warning `where`, `what` (moved from): when that file is read
  // after the current one in this run, no record is held for that document yet, and
  // limits_.held_bytes allows. False (nothing moved) when not held: the caller warns now.
  bool Hold(Xapian::docid owner_doc, uint64_t owner, RawDocument& raw, std::string& where, std::string& what) {
    const auto it = std::lower_bound(read_order_.begin(), read_order_.end(), std::make_pair(owner, size_t{0}));
    // files_begun_ - 1 is the current file's place in the reading order.
    if (it == read_order_.end() || it->first != owner || it->second < files_begun_ || held_.count(owner_doc)) return false;
    size_t bytes = sizeof(HeldRecord) + where.size() + what.size();
    for (const std::string* f : {&raw.id, &raw.path, &raw.record, &raw.type, &raw.text, &raw.title, &raw.source,
                                 &raw.date, &raw.time, &raw.author, &raw.category, &raw.url}) {
      bytes += f->size();
    }
    if (held_bytes_ + bytes > limits_.held_bytes) return false;
    held_bytes_ += bytes;
    held_.emplace(owner_doc, HeldRecord{std::move(raw), std::move(where), std::move(what), owner, held_seq_++, bytes});
    held_by_owner_[owner].push_back(owner_doc);
    return true;
  }

  // The file that indexed the document `id` no longer holds its id, and `held` has it: the held
  // record's article replaces the document (now of the held record's file), or the document is
  // deleted when the record has no article text.
  void TakeOver(Xapian::docid id, HeldRecord& held) {
    const std::string sig = DocSignature(held.raw, p_.versions);
    Article a = Prepare(p_, held.raw);
    if (NoArticleText(a, held.raw)) {
      DeleteDoc(id);
      ++counters_.removed;
      counters_.Warn(std::move(held.where), kBoilerplateOnly, "no article text");
      return;
    }
    Store(a, sig, id);
  }

  // Drops the records still held for documents of the file `owner` (its key's hash), which keeps
  // them: each gets the warning it was skipped with.
  void ReleaseHeld(uint64_t owner) {
    const auto docs = held_by_owner_.find(owner);
    if (docs == held_by_owner_.end()) return;
    for (Xapian::docid id : docs->second) {
      const auto held = held_.find(id);
      if (held == held_.end()) continue;  // taken over
      counters_.Warn(std::move(held->second.where), std::move(held->second.what), kIdElsewhere);
      held_bytes_ -= held->second.bytes;
      held_.erase(held);
    }
    held_by_owner_.erase(docs);
  }

  // Drops every record still held (the run stopped before their owners' ends), in the order held,
  // each with its warning.
  void ReleaseAllHeld() {
    std::vector<HeldRecord*> left;
    for (auto& [id, held] : held_) left.push_back(&held);
    std::sort(left.begin(), left.end(), [](const HeldRecord* x, const HeldRecord* y) { return x->seq < y->seq; });
    for (HeldRecord* held : left) counters_.Warn(std::move(held->where), std::move(held->what), kIdElsewhere);
    held_.clear();
    held_by_owner_.clear();
    held_bytes_ = 0;
  }

  // Spelling data: unprefixed, unstemmed words (prefixed and stemmed terms start with A-Z),
  // summed in memory and handed to Xapian once per word when the sums are flushed.
  void CountSpelling(const Xapian::Document& doc) {
    ForEachSpellingWord(doc.termlist_begin(), doc.termlist_end(),
                        [&](const std::string& word, Xapian::termcount wdf) { AddToSum(spelling_counts_, word, wdf); });
  }

  // Deletes a document, and its words from the spelling data (so that "did you mean" never
  // offers a word only deleted articles had).
  void DeleteDoc(Xapian::docid id) {
    if (limits_.spelling) UncountSpelling(id);
    db_.delete_document(id);
  }

  // The spelling words of document `id`, about to be deleted or replaced (none when it was indexed
  // with --no-spelling: kTermNoSpelling): taken back from the
  // sums not yet written when its words are among them (it was added since the last flush, and
  // a run after a crash will not find it to add), else summed for removal at the next flush (and
  // recorded with each commit until then: kMetaSpellingRemovals).
  void UncountSpelling(Xapian::docid id) {
    const Xapian::Document doc = db_.get_document(id, Xapian::DOC_ASSUME_VALID);
    auto t = doc.termlist_begin();  // one pass over the term list: the marker, then the words
    if (SkipToSpellingWords(t, doc.termlist_end())) return;  // its words were never added
    if (spelling_pending_ids_.count(id) != 0) {
      ForEachSpellingWord(t, doc.termlist_end(), [&](const std::string& word, Xapian::termcount wdf) {
        if (uint32_t* sum = spelling_counts_.Find(word, StringTable::Hash(word))) *sum -= std::min<uint32_t>(*sum, wdf);
      });
    } else {
      ForEachSpellingWord(t, doc.termlist_end(),
                          [&](const std::string& word, Xapian::termcount wdf) { AddToSum(spelling_removed_, word, wdf); });
      spelling_removed_changed_ = true;
    }
  }

  // Moves `t`, at the start of a stored document's term list, past the kTermNoSpelling marker's
  // place. True when the document has the marker (indexed with --no-spelling: none of its words
  // are in the spelling data), false when its spelling words follow.
  static bool SkipToSpellingWords(Xapian::TermIterator& t, const Xapian::TermIterator& end) {
    t.skip_to(std::string(schema::kTermNoSpelling));
    return t != end && *t == schema::kTermNoSpelling;
  }

  // Adds `n` to the sum of `word` in `sums` (saturating).
  static void AddToSum(StringTable& sums, std::string_view word, uint32_t n) {
    const uint64_t h = StringTable::Hash(word);
    if (uint32_t* sum = sums.Find(word, h)) {
      *sum = *sum > UINT32_MAX - n ? UINT32_MAX : *sum + n;
    } else {
      sums.Add(word, h, n);
    }
  }

  // Calls fn(word, wdf) for each spelling word of a term list, from `t` (at or before its first
  // spelling word) to `end`.
  template <class F>
  static void ForEachSpellingWord(Xapian::TermIterator t, const Xapian::TermIterator& end, F&& fn) {
    // Terms are sorted: prefixed and stemmed terms (A-Z) and numbers come before "a".
    t.skip_to("a");
    for (; t != end; ++t) {
      const std::string& term = *t;
      if (IsSpellingWord(term)) fn(term, t.get_wdf());
    }
  }

  // The removal sums as kMetaSpellingRemovals records them: "word\tcount\n" lines.
  std::string EncodeRemovals() const {
    std::string out;
    spelling_removed_.ForEach([&](std::string_view word, uint32_t n) {
      out.append(word);
      out += '\t';
      out += std::to_string(n);
      out += '\n';
    });
    return out;
  }

  // Adds the sums of EncodeRemovals' output to the removal sums; malformed lines are skipped.
  void DecodeRemovals(std::string_view text) {
    while (!text.empty()) {
      const auto nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      const auto tab = line.find('\t');
      if (tab == 0 || tab == std::string_view::npos || !IsSpellingWord(std::string(line.substr(0, tab)))) continue;
      uint64_t n = 0;
      const std::string_view digits = line.substr(tab + 1);
      if (digits.empty() || digits.size() > 10 ||
          !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        continue;
      }
      for (char c : digits) n = n * 10 + static_cast<uint64_t>(c - '0');
      AddToSum(spelling_removed_, line.substr(0, tab), static_cast<uint32_t>(std::min<uint64_t>(n, UINT32_MAX)));
    }
  }

  enum class SpellingFlush { kWhenFull, kNow };

  // Commits the documents written so far. The spelling sums are written only when they reach
  // limits_.spelling_words distinct words (or `flush` is kNow): every flush rewrites the spelling
  // table's fragment lists, so flushing per commit cost a fifth of the indexing time. Until then
  // each commit records which documents' words are still missing from the spelling table
  // (kMetaSpellingPending), and RecoverSpelling adds them after a crash.
  void Commit(SpellingFlush flush) {
    if (limits_.spelling) {
      if (flush == SpellingFlush::kNow || spelling_counts_.size() + spelling_removed_.size() >= limits_.spelling_words ||
          spelling_counts_.bytes() >= UINT32_MAX / 2 || spelling_removed_.bytes() >= UINT32_MAX / 2) {
        // Additions first: a word added and removed in the same batch (a replaced article) nets out.
        spelling_counts_.ForEach([&](std::string_view word, uint32_t n) {
          if (n > 0) db_.add_spelling(std::string(word), n);
        });
        spelling_removed_.ForEach([&](std::string_view word, uint32_t n) { db_.remove_spelling(std::string(word), n); });
        spelling_counts_.Clear();
        spelling_removed_.Clear();
        spelling_docs_.Clear();
        spelling_pending_ids_.clear();
        if (spelling_pending_written_) db_.set_metadata(schema::kMetaSpellingPending, "");
        if (spelling_removals_written_) db_.set_metadata(schema::kMetaSpellingRemovals, "");
        if (spelling_database_written_) db_.set_metadata(schema::kMetaSpellingDatabase, "");
        spelling_pending_written_ = spelling_removals_written_ = spelling_removed_changed_ = false;
        spelling_database_written_ = false;
      } else {
        // The lists name this database's documents by docid: record which database that is, so
        // that a compacted copy (renumbered) is not recovered from them (RecoverSpelling).
        if (!spelling_database_written_ && (!spelling_docs_.Empty() || spelling_removed_changed_)) {
          db_.set_metadata(schema::kMetaSpellingDatabase, db_.get_uuid());
          spelling_database_written_ = true;
        }
        if (!spelling_docs_.Empty()) {
          db_.set_metadata(schema::kMetaSpellingPending, spelling_docs_.Encode());
          spelling_pending_written_ = true;
        }
        // The removals go into the same commit as the deletions they come from.
        if (spelling_removed_changed_) {
          db_.set_metadata(schema::kMetaSpellingRemovals, EncodeRemovals());
          spelling_removals_written_ = true;
          spelling_removed_changed_ = false;
        }
      }
    }
    db_.commit();
    since_commit_ = 0;
  }

  // After a crash: adds the spelling data of the documents that a commit recorded as pending
  // (those still present) and takes out the words a commit recorded for removal, then commits.
  // When the lists were recorded in another database (SpellingRecordedElsewhere: this one is a
  // compacted copy, its documents renumbered), rebuilds the spelling data instead.
  void RecoverSpelling() {
    const std::string pending = db_.get_metadata(schema::kMetaSpellingPending);
    const std::string removals = db_.get_metadata(schema::kMetaSpellingRemovals);
    const std::string recorded_in = db_.get_metadata(schema::kMetaSpellingDatabase);
    if (pending.empty() && removals.empty() && recorded_in.empty()) return;
    spelling_pending_written_ = !pending.empty();
    spelling_removals_written_ = !removals.empty();
    spelling_database_written_ = !recorded_in.empty();
    if (SpellingRecordedElsewhere(db_)) {
      RebuildSpelling();
    } else {
      DocidRanges::ForEach(pending, db_.get_lastdocid(), [&](Xapian::docid id) {
        try {
          CountSpelling(db_.get_document(id, Xapian::DOC_ASSUME_VALID));
        } catch (const Xapian::DocNotFoundError&) {
          // deleted since (its file changed or went away): nothing to add
        }
      });
      DecodeRemovals(removals);
    }
    Commit(SpellingFlush::kNow);
  }

  // Sums what makes the spelling table match the documents, whatever it holds: every word's
  // frequency for removal, and the words of every document but those indexed with --no-spelling
  // to add (the next Commit adds, then removes). Written by one commit, so a run killed before it
  // leaves the lists, and the next run rebuilds again.
  void RebuildSpelling() {
    for (auto w = db_.spellings_begin(); w != db_.spellings_end(); ++w) {
      AddToSum(spelling_removed_, *w, w.get_termfreq());
    }
    const auto end = db_.postlist_end("");
    for (auto d = db_.postlist_begin(""); d != end; ++d) {
      const Xapian::Document doc = db_.get_document(*d, Xapian::DOC_ASSUME_VALID);
      auto t = doc.termlist_begin();
      if (SkipToSpellingWords(t, doc.termlist_end())) continue;
      ForEachSpellingWord(t, doc.termlist_end(),
                          [&](const std::string& word, Xapian::termcount wdf) { AddToSum(spelling_counts_, word, wdf); });
    }
  }

  const Pipeline& p_;
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  const ShardWriterLimits limits_;
  Counters& counters_;
  const std::vector<uint64_t>& walked_;
  const std::vector<std::pair<uint64_t, size_t>>& read_order_;
  BoundedQueue<ShardMsg> queue_;
  std::unordered_set<Xapian::docid> old_docs_;
  size_t file_docs_ = 0;
  size_t kept_ = 0;            // documents of the current file kept for records skipped by id
  bool read_again_ = false;    // a record of the current file gave way to another file's article
  size_t files_begun_ = 0;     // kBeginFile messages handled
  std::unordered_map<Xapian::docid, HeldRecord> held_;  // by the document whose id the record has
  std::unordered_map<uint64_t, std::vector<Xapian::docid>> held_by_owner_;  // the same, by owner file
  size_t held_bytes_ = 0;
  size_t held_seq_ = 0;
  size_t since_commit_ = 0;
  StringTable spelling_counts_;             // word -> occurrences not yet in the spelling table
  StringTable spelling_removed_;            // word -> occurrences of deleted documents, to take out
  DocidRanges spelling_docs_;               // documents whose words are only in spelling_counts_
  std::unordered_set<Xapian::docid> spelling_pending_ids_;  // the same, to look up
  bool spelling_pending_written_ = false;   // kMetaSpellingPending is non-empty in the database
  bool spelling_removals_written_ = false;  // kMetaSpellingRemovals is non-empty in the database
  bool spelling_database_written_ = false;  // kMetaSpellingDatabase is non-empty in the database
  bool spelling_removed_changed_ = false;   // spelling_removed_ grew since it was last recorded
  std::atomic<bool> failed_{false};
  Status error_;
};

// The metadata key under which the furniture of `source` is kept (hashed when too long).
std::string FurnitureMetaKey(const std::string& source) {
  std::string key = std::string(kMetaFurniturePrefix) + source;
  return key.size() <= 200 ? key : std::string(kMetaFurniturePrefix) + "#" + Hex64(Fnv1a(source));
}

// Furniture persists across runs, so a daily run over a few new articles still drops the lines
// earlier runs learned: adds the lines kept in `db` (shard 0) to `model`, then writes the union
// back (committed with that shard's next commit). Each entry is "source\n" then one line per line.
void KeepFurniture(Xapian::WritableDatabase& db, FurnitureModel& model) {
  const std::string prefix = kMetaFurniturePrefix;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string value = db.get_metadata(*it);
    const auto lines = SplitLines(value);
    if (lines.empty()) continue;
    for (size_t i = 1; i < lines.size(); ++i) model.AddFurniture(lines[0], lines[i]);
  }
  for (const auto& source : model.Sources()) {
    if (source.find('\n') != std::string::npos) continue;  // a folder name with a newline
    std::string value = source;
    for (const auto& line : model.Lines(source)) value += "\n" + line;
    const std::string key = FurnitureMetaKey(source);
    if (db.get_metadata(key) != value) db.set_metadata(key, value);
  }
}

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
  if (!analyzer.ok()) return analyzer.status();
  auto cleaner = Cleaner::Load(*data_dir, opt.rule_files);
  if (!cleaner.ok()) return cleaner.status();
  Pipeline p{*analyzer, std::move(*cleaner), "", FurnitureModel{}};
  p.versions = p.cleaner.version() + "/" + p.analyzer->index_version() + "/doc:" + std::to_string(schema::kDocumentVersion);

  const std::vector<fs::path> roots = DistinctRoots(opt.roots, opt.verbosity, sum, err);
  auto walk = WalkRoots(roots);
  if (!walk.ok()) return walk.status();
  for (const auto& s : walk->skipped) {
    if (s.reason == "hidden") continue;
    ++sum.skipped;
    std::string why = s.reason.starts_with("unknown type") ? "unknown type" : s.reason;
    sum.skip_reasons[why]++;
    // Unknown types are only counted (an HTML dump's images); anything else is a problem worth a line.
    const bool worth_a_line = why != "unknown type" ? opt.verbosity != Verbosity::kQuiet : opt.verbosity == Verbosity::kVerbose;
    if (worth_a_line) {
      const fs::path& root = roots[std::min<size_t>(s.root, roots.size() - 1)];
      err << "rkn-index: " << (why != "unknown type" ? "warning: " : "skipped: ")
          << SafeForTerminal((s.rel_path.empty() ? root : root / s.rel_path).string()) << ": " << SafeForTerminal(s.reason) << "\n";
    }
  }

  auto layout = OpenOrCreateShardLayout(opt.db, jobs);
  if (!layout.ok()) return layout.status();
  const size_t nshards = layout->size();

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
  for (const auto& path : *layout) {
    try {
      dbs.emplace_back(path.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      // Xapian reports a lock file it could not create as a lock held: say why when it is that.
      if (Status st = CheckWritable(path); !st.ok()) return st;
      return Status::Locked(opt.db, "database is locked: another rkn-index is writing to it");
    } catch (const Xapian::Error& e) {
      return Status::IOError(opt.db, "cannot open database for writing: " + e.get_msg());
    }
  }
  // The shards exist now (and open as empty databases): list them for readers.
  if (Status st = WriteShardList(opt.db, *layout); !st.ok()) return st;

  Counters counters;
  // What the writers read while they run (ShardWriter's constructor): declared here, so that
  // they outlive the writers when an exception stops the run and the catch stops the writers.
  std::vector<uint64_t> walked;
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
        return Status::InvalidArgument(opt.db, "not an rkn database (a Xapian database rkn-index did not write: its "
                                               "documents would be mixed with rkn's); index into a new database");
      }
      if (!stored_schema.empty() && stored_schema != std::to_string(schema::kSchemaVersion)) {
        return Status::InvalidArgument(opt.db, "database has schema version " + stored_schema + ", this rkn writes " +
                                                   std::to_string(schema::kSchemaVersion) + "; index into a new database");
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
    {
      // Ids are corpus-relative paths, so two roots holding the same relative path would overwrite
      // each other's articles on every run: the first root wins, the others are skipped, named.
      // Only several roots can hold the same relative path; the set views the walk's own strings.
      if (roots.size() > 1) {
        std::unordered_map<std::string_view, size_t> first_of;
        std::vector<bool> drop(walk->files.size());
        for (size_t i = 0; i < walk->files.size(); ++i) {
          const InputFile& f = walk->files[i];
          auto [it, fresh] = first_of.try_emplace(f.rel_path, i);
          if (fresh) continue;
          drop[i] = true;
          ++sum.skipped;
          sum.skip_reasons["same path under another root"]++;
          if (opt.verbosity != Verbosity::kQuiet) {
            err << "rkn-index: warning: " << SafeForTerminal(f.path) << ": same corpus-relative path ("
                << SafeForTerminal(f.rel_path) << ") as " << SafeForTerminal(walk->files[it->second].path)
                << "; skipped (index such roots into separate databases, or their common parent)\n";
          }
        }
        first_of.clear();
        size_t out = 0;
        for (size_t i = 0; i < walk->files.size(); ++i) {
          if (drop[i]) continue;
          if (out != i) walk->files[out] = std::move(walk->files[i]);
          ++out;
        }
        walk->files.resize(out);
      }
    }
    sum.files_seen = walk->files.size() + sum.skipped;
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
    walked = key_hash;
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
    // Walked files whose articles were indexed from a root this run does not name: a moved
    // corpus, or another corpus with the same relative paths, whose articles these replace.
    std::unordered_set<uint64_t> from_other_root;  // their keys' hashes: a file's articles may be in any shard
    std::string other_root_example;
    // One stamp of shard k: the file `rel`, its root's key, the hash of its stamp without the
    // count (0: an empty value) and the count.
    auto take_stamp = [&](size_t k, const std::string& rel, const std::string& root_key, uint64_t sig, size_t n) {
      const uint64_t stored_key = Fnv1a(rel);
      if (!std::binary_search(walked.begin(), walked.end(), stored_key)) {
        if (sig != 0 && walked_place_of(root_key, rel)) gone.insert(rel);
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
    // leaves them as they were.
    auto place_of = [&](size_t k) { return std::to_string(k) + "/" + std::to_string(nshards); };
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
        take_stamp(k, rel, value.substr(0, value.find('\t')), sig.empty() ? 0 : Fnv1a(sig) | 1, n);
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
    shard_stamps = {};  // `walked` stays: the writers look up the files of ids indexed from elsewhere
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
      return Status::Interrupted("interrupted in the first pass (learning site furniture), before anything was written to the database");
    }

    for (size_t k = 0; k < nshards; ++k) {
      Xapian::WritableDatabase& db = dbs[k];
      // A shard of another layout keeps its old place until a run has read every file again.
      if (moved_shard.empty()) db.set_metadata(schema::kMetaShard, place_of(k));
      db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
      db.set_metadata(schema::kMetaRulesVersion, p.cleaner.version());
      db.set_metadata(schema::kMetaAnalyzerVersion, p.analyzer->version());
      db.set_metadata(schema::kMetaStemmer, StemmerName(p.analyzer->stemmer_kind()));
      db.set_metadata(schema::kMetaExtraAliases, extra_aliases);
      WriteSynonymTable(p.analyzer->alias_groups(), db);
      // Its writer rebuilds the spelling data (ShardWriter::RecoverSpelling): say why it takes long.
      if (opt.spelling && opt.verbosity != Verbosity::kQuiet && SpellingRecordedElsewhere(db)) {
        err << "rkn-index: note: " << SafeForTerminal((*layout)[k].string())
            << ": compacted since a run stopped before writing all its spelling data (its documents are renumbered); "
               "the spelling data is rebuilt from its documents\n";
      }
    }
    KeepFurniture(dbs.front(), p.furniture);

    for (size_t k = 0; k < nshards; ++k) {
      ShardWriterLimits limits;
      limits.batch_docs = std::max<size_t>(1, opt.batch_docs / nshards);
      limits.spelling = opt.spelling;
      limits.spelling_words = std::max<size_t>(1, opt.spelling_words / nshards);
      limits.held_bytes = opt.held_bytes / nshards;
      if (!moved_shard.empty()) limits.place_when_complete = place_of(k);
      writers.push_back(std::make_unique<ShardWriter>(p, std::move(dbs[k]), limits, counters, walked, read_order));
    }
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
    // Warnings the writers raised so far, counted and printed here.
    auto report_writer_warnings = [&] {
      for (const auto& w : counters.TakeWarnings()) {
        ++sum.skipped;
        sum.skip_reasons[w.reason]++;
        warn_line(w.where, w.what);
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
            // A warning about the whole file (no article text) or about one record in it.
            sum.skip_reasons[where == f.rel_path ? "no article text" : "bad record"]++;
            warn_line(where, what);
          });
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
        err << "rkn-index: " << f.path << ": " << file_docs << " document(s) read\n";
      }
      if (opt.after_indexing_file) opt.after_indexing_file();
    }

    if (!g_stop.load() && !any_failed()) {
      // Files that disappeared from the roots being indexed.
      for (const auto& rel : gone) {
        broadcast(ShardMsg::Kind::kRemoveFile, rel, "");
        if (opt.verbosity == Verbosity::kVerbose) err << "rkn-index: removed: " << rel << "\n";
      }
    }
    stop_writers(!g_stop.load() && !any_failed() ? ShardMsg::End::kComplete : ShardMsg::End::kStopped);
    report_writer_warnings();
    progress(true);
  } catch (const Xapian::Error& e) {
    stop_writers(ShardMsg::End::kStopped);
    return Status::IOError(opt.db, WriteFailureMessage(e.get_description()));
  } catch (const std::exception& e) {
    stop_writers(ShardMsg::End::kStopped);
    return Status::IOError(opt.db, e.what());
  }
  for (auto& w : writers) {
    if (w->failed()) return Status::IOError(opt.db, WriteFailureMessage(w->error().message()));
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
