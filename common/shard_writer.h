// One shard's writer for the index pipeline (indexer.cc): a thread that cleans, analyses and
// writes the documents routed to its shard, removes those of files gone, commits in batches with
// the stamps of the files it completed, and keeps the shard's spelling data in step. The reading
// thread talks to it through a bounded queue of ShardMsg, in file order.
//
// Everything here is an internal of rkn-index (index_internal): RunIndex is the only caller.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/cleaner.h"
#include "common/document.h"
#include "common/furniture.h"
#include "common/status.h"
#include "common/string_table.h"

namespace rkn::index_internal {

// What cleaning and analysing a document needs, set up once per run and then only read (by every
// shard writer at once, and by the first pass that learns `furniture` before the writers start).
struct Pipeline {
  std::shared_ptr<const Analyzer> analyzer;
  Cleaner cleaner;
  std::string versions;  // rules + analyser, part of every signature
  FurnitureModel furniture;
};

// The key under which furniture is learned: the source hint, else the file's folder (a folder of
// .txt files scraped from one site). Never fails; "" for a file at a root's top with no source.
std::string FurnitureKey(const RawDocument& raw);

// The article of `raw` as the cleaner left it (`cleaned`): its metadata and the paragraphs it
// keeps, the title left out. Never fails; no paragraphs when every line was dropped.
Article MakeArticle(const RawDocument& raw, const CleanResult& cleaned);

// Why `a`, made from `raw` and `cleaned` by MakeArticle, is no article and is skipped, naming the
// rules that took its lines ("no text left after cleaning (rules that took its lines:
// title-repeat)"); "" when it is indexed. A record's title without text is no article either,
// nor a file of its title line alone ("no text after its title": a copy cut short had replaced
// the article indexed from the file with an empty one). Never fails.
std::string NoArticleTextReason(const Article& a, const RawDocument& raw, const CleanResult& cleaned);

// Whether `a` is a record of `raw`'s whose title field is all that is left (no text, or only
// boilerplate): CLICK-ID has 167 whose content the scrape or the cleaner lost ("KLHK Segel 42 Perusahaan Terkait
// Karhutla ..."), which a count of what was written must not miss. Such a record is indexed by its
// title when nothing is indexed under its id (NoArticleTextReason still names it: an article with
// text indexed under the id before is kept). A title the record's own text gave is not one. So
// too a file whose title is all that is left. Never fails.
bool TitleOnlyRecord(const Article& a, const RawDocument& raw);

// The metadata value recorded for a file in one shard (under schema::kMetaFilePrefix): its stamp
// `file_sig` ("<root key>\t<stamp>"), then how many of its documents that shard holds (so an
// unchanged file is counted without being read). Never fails.
std::string StampValue(const std::string& file_sig, size_t docs);

// The stamp and the document count of a StampValue. A value with fewer than two tabs (an empty
// one: the file was removed) gives itself and 0; never fails.
std::pair<std::string, size_t> ParseStampValue(const std::string& v);

// The root key a StampValue (or a file_sig) starts with: what comes before its first tab (all of
// a value with none). Never fails.
std::string StampRoot(const std::string& v);

// Whether `db` holds spelling lists (kMetaSpellingPending, kMetaSpellingRemovals) recorded in
// another database: kMetaSpellingDatabase names a UUID other than its own (a compacted copy,
// whose docids the pending list no longer names). Lists without it (an earlier rkn) are taken
// as this database's. Throws Xapian::Error when the metadata cannot be read.
bool SpellingRecordedElsewhere(const Xapian::Database& db);
// The same, given `recorded_in`, the value of kMetaSpellingDatabase already read from `db`.
// Throws Xapian::Error when the UUID cannot be read.
bool SpellingRecordedElsewhere(const Xapian::Database& db, const std::string& recorded_in);

// A bounded FIFO from the reading thread to one shard writer: Push blocks while full, PopAll
// blocks until something arrives and takes everything queued. Thread-safe; never fails (a
// consumer that stops popping blocks the producer for good).
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
// reading thread prints and counts under their reason. Thread-safe; never fails.
struct Counters {
  std::atomic<size_t> indexed{0}, replaced{0}, unchanged{0}, removed{0};

  // The reason of a warning about a document that is indexed all the same and counted under no
  // reason (a cleaning rule that gave up on one of its lines).
  static constexpr const char* kIndexedAnyway = "indexed anyway";
  // The skip reason of a record whose id another file of the run has indexed.
  static constexpr const char* kIdElsewhere = "id indexed from another file";
  // The reason of a note about a record indexed by its title alone (TitleOnlyRecord): counted in
  // the summary, named with --verbose.
  static constexpr const char* kTitleOnly = "by title alone";
  // Whether `reason` (a Warning's) is `kind` (one of the above), compared by text: a literal's
  // address differs between translation units where the linker does not merge strings (clang's
  // ASan builds), so comparing the pointers took every title-only note for a skip there.
  static bool IsReason(const char* reason, const char* kind) {
    return reason != nullptr && std::string_view(reason) == kind;
  }
  struct Warning {
    std::string where, what;
    // The summary's skip reason; nullptr: a date not understood (indexed); kIndexedAnyway; kTitleOnly.
    const char* reason;
  };
  // Records a warning about `where` (a file's rel_path, maybe with ":LINE"), counted under
  // `reason`, or with a null `reason` about a document indexed without its date field, or with
  // kIndexedAnyway about a document indexed all the same (counted under no reason).
  void Warn(std::string where, std::string what, const char* reason);
  // The warnings recorded since the last call, in the order recorded.
  std::vector<Warning> TakeWarnings();

 private:
  std::mutex warnings_mu;
  std::vector<Warning> warnings;
};

// A set of docids kept as ascending ranges (documents are mostly added with consecutive ids),
// written to the database as "a-b,c,d-e". Not thread-safe; never fails.
class DocidRanges {
 public:
  // Adds `id`, which is above every id added since the last Clear (else the ranges overlap).
  void Add(Xapian::docid id);
  // Empties the set.
  void Clear() { ranges_.clear(); }
  // Whether the set is empty.
  bool Empty() const { return ranges_.empty(); }
  // The set as "a-b,c,d-e" ("" when empty).
  std::string Encode() const;
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
//
// Threading: Run is the body of the writer's own thread; the reading thread only pushes to
// queue() and polls failed(). The errors of its database work never leave Run: it records the
// first (failed(), error()) and commits nothing after it.
class ShardWriter {
 public:
  // `gone`: Fnv1a(FileKey(rel)) of every file indexed before that this run knows to be gone
  // (not found where it walks), sorted; `read_order`: that of every file this run reads, with
  // its place in the reading order (the order of the kBeginFile messages), sorted. Both are read
  // while the writer runs. `p`, `counters`, `gone` and `read_order` must outlive the writer.
  ShardWriter(const Pipeline& p, Xapian::WritableDatabase db, const ShardWriterLimits& limits, Counters& counters,
              const std::vector<uint64_t>& gone, const std::vector<std::pair<uint64_t, size_t>>& read_order)
      : p_(p), db_(std::move(db)), builder_(p.analyzer), limits_(limits), counters_(counters), gone_(gone),
        read_order_(read_order), queue_(64) {}

  // The writer's input: every message in file order, ending with one kFinish. Thread-safe.
  BoundedQueue<ShardMsg>& queue() { return queue_; }
  // Whether the writer met an error (it then drains its queue and writes nothing more). Thread-safe.
  bool failed() const { return failed_.load(); }
  // Whether one of its commits has succeeded: what it wrote is then in the shard for good, for a
  // later run to go on from. Thread-safe.
  bool committed() const { return committed_.load(); }
  // The error it met (an IOError without a path); read only after Run has returned.
  const Status& error() const { return error_; }

  // The thread body: handles messages until kFinish, then commits and closes. On a Xapian error
  // it records it, keeps draining (so the reader never blocks) and commits nothing more.
  void Run();

 private:
  // Runs `f`, recording a Xapian::Error or std::exception it throws as error() and failed().
  template <class F>
  void Guard(F&& f);

  // Handles one message other than kFinish. Throws Xapian::Error (caught by Guard).
  void Handle(ShardMsg& m);

  // Writes the document `raw` (moved from when it is held) of the current file: added,
  // replaced when its signature changed, counted unchanged, or skipped with a warning (no article
  // text; an id another file of the run holds). Commits when a batch is full. Throws Xapian::Error.
  void WriteDoc(RawDocument& raw);

  // Writes the article `a` with the signature `sig`: in place of the document `old_id`, or as a
  // new document when `old_id` is 0. Counts it (replaced or indexed) and its spelling words;
  // does not commit.
  void Store(const Article& a, const std::string& sig, Xapian::docid old_id);

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

  // Whether the file `owner` (a stored path; `owner_key` its key's hash), which has indexed an id
  // the current file also has, is gone: this run walked its place and did not find it (gone_),
  // or, outside the run, its root or the file under its root no longer exists (a renamed or
  // deleted root). Remembered per file. Throws Xapian::Error.
  bool OwnerGone(const std::string& owner, uint64_t owner_key);

  // Holds `raw` (moved from), skipped because the document `owner_doc` of the file `owner` (its
  // key's hash) has its id, with the warning `where`, `what` (moved from): when that file is read
  // after the current one in this run, no record is held for that document yet, and
  // limits_.held_bytes allows. False (nothing moved) when not held: the caller warns now.
  bool Hold(Xapian::docid owner_doc, uint64_t owner, RawDocument& raw, std::string& where, std::string& what);

  // The file that indexed the document `id` no longer holds its id, and `held` has it: the held
  // record's article replaces the document (now of the held record's file), or the document is
  // deleted when the record has no article text.
  void TakeOver(Xapian::docid id, HeldRecord& held);

  // Drops the records still held for documents of the file `owner` (its key's hash), which keeps
  // them: each gets the warning it was skipped with.
  void ReleaseHeld(uint64_t owner);

  // Drops every record still held (the run stopped before their owners' ends), in the order held,
  // each with its warning.
  void ReleaseAllHeld();

  // Spelling data: unprefixed, unstemmed words (prefixed and stemmed terms start with A-Z),
  // summed in memory and handed to Xapian once per word when the sums are flushed.
  void CountSpelling(const Xapian::Document& doc);

  // Deletes a document, and its words from the spelling data (so that "did you mean" never
  // offers a word only deleted articles had).
  void DeleteDoc(Xapian::docid id);

  // The spelling words of document `id`, about to be deleted or replaced (none when it was indexed
  // with --no-spelling: kTermNoSpelling): taken back from the
  // sums not yet written when its words are among them (it was added since the last flush, and
  // a run after a crash will not find it to add), else summed for removal at the next flush (and
  // recorded with each commit until then: kMetaSpellingRemovals).
  void UncountSpelling(Xapian::docid id);

  // The removal sums as kMetaSpellingRemovals records them: "word\tcount\n" lines.
  std::string EncodeRemovals() const;

  // Adds the sums of EncodeRemovals' output to the removal sums; malformed lines are skipped.
  void DecodeRemovals(std::string_view text);

  enum class SpellingFlush { kWhenFull, kNow };

  // Commits the documents written so far. The spelling sums are written only when they reach
  // limits_.spelling_words distinct words (or `flush` is kNow): every flush rewrites the spelling
  // table's fragment lists, so flushing per commit cost a fifth of the indexing time. Until then
  // each commit records which documents' words are still missing from the spelling table
  // (kMetaSpellingPending), and RecoverSpelling adds them after a crash.
  void Commit(SpellingFlush flush);

  // After a crash: adds the spelling data of the documents that a commit recorded as pending
  // (those still present) and takes out the words a commit recorded for removal, then commits.
  // When the lists were recorded in another database (SpellingRecordedElsewhere: this one is a
  // compacted copy, its documents renumbered), rebuilds the spelling data instead.
  void RecoverSpelling();

  // Sums what makes the spelling table match the documents, whatever it holds: every word's
  // frequency for removal, and the words of every document but those indexed with --no-spelling
  // to add (the next Commit adds, then removes). Written by one commit, so a run killed before it
  // leaves the lists, and the next run rebuilds again.
  void RebuildSpelling();

  const Pipeline& p_;
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  const ShardWriterLimits limits_;
  Counters& counters_;
  const std::vector<uint64_t>& gone_;
  std::unordered_map<uint64_t, bool> owner_gone_;  // OwnerGone's answers for files outside the run
  std::set<std::string> learned_;  // the joined words whose learned forms this run has added (AddLearnedForms)
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
  std::atomic<bool> committed_{false};
  Status error_;
};

}  // namespace rkn::index_internal
