// ShardWriter and what it needs: see shard_writer.h.
#include "common/shard_writer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/aliases.h"
#include "common/metadata.h"
#include "common/schema.h"
#include "common/stored_doc.h"
#include "common/text.h"

namespace rkn::index_internal {

namespace fs = std::filesystem;

namespace {

// A document's content signature: changes when its text or hints change, or when the rules or
// the analyser change.
std::string DocSignature(const RawDocument& d, const std::string& versions) {
  uint64_t h = Fnv1a(d.text);
  for (const std::string* s : {&d.title, &d.source, &d.date, &d.time, &d.author, &d.category, &d.url}) {
    h = Fnv1a(*s, h ^ 0x1f);
  }
  return Hex64(h) + ":" + versions;
}

// A document cleaned: the article, and why it is skipped ("" when it is not).
struct Prepared {
  Article article;
  std::string no_text;  // NoArticleTextReason
  bool title_only = false;  // TitleOnlyRecord: indexed by its title where nothing is indexed under its id
  std::vector<std::string> warnings;  // the cleaner's (CleanResult::warnings)
};

// Cleans and extracts metadata: the Article for a RawDocument.
Prepared Prepare(const Pipeline& p, RawDocument& raw) {
  CleanContext ctx;
  const std::string key = FurnitureKey(raw);
  ctx.source = key;
  ctx.title = raw.title;
  ctx.furniture = &p.furniture;
  const CleanResult cleaned = p.cleaner.Clean(raw.text, raw.first_line, ctx);
  Prepared out{MakeArticle(raw, cleaned), {}, false, cleaned.warnings};
  out.no_text = NoArticleTextReason(out.article, raw, cleaned);
  out.title_only = TitleOnlyRecord(out.article, raw);
  return out;
}

// Whether `term` goes into the spelling data: unprefixed, unstemmed words (prefixed and stemmed
// terms start with A-Z) of 4 to 32 bytes without digits; shorter words, numbers and codes are
// never corrected (search.cc suggests for words of 4 bytes or more), and leaving them out makes
// the spelling table a fraction of the cost.
bool IsSpellingWord(const std::string& term) {
  if (term.size() < 4 || term.size() > 32 || (term[0] >= 'A' && term[0] <= 'Z')) return false;
  return std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The stamp value of a file that was not read through (unreadable, broken records, no article
// text, interrupted): it keeps the root (so the file is still removed when it disappears) and
// matches no file, so the next run reads the file again.
std::string IncompleteStamp(const std::string& file_sig) { return StampRoot(file_sig) + "\tincomplete"; }

constexpr const char* kIdElsewhere = Counters::kIdElsewhere;

// Moves `t`, at the start of a stored document's term list, past the kTermNoSpelling marker's
// place. True when the document has the marker (indexed with --no-spelling: none of its words
// are in the spelling data), false when its spelling words follow.
bool SkipToSpellingWords(Xapian::TermIterator& t, const Xapian::TermIterator& end) {
  t.skip_to(std::string(schema::kTermNoSpelling));
  return t != end && *t == schema::kTermNoSpelling;
}

// Adds `n` to the sum of `word` in `sums` (saturating).
void AddToSum(StringTable& sums, std::string_view word, uint32_t n) {
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
void ForEachSpellingWord(Xapian::TermIterator t, const Xapian::TermIterator& end, F&& fn) {
  // Terms are sorted: prefixed and stemmed terms (A-Z) and numbers come before "a".
  t.skip_to("a");
  for (; t != end; ++t) {
    const std::string& term = *t;
    if (IsSpellingWord(term)) fn(term, t.get_wdf());
  }
}

}  // namespace

std::string FurnitureKey(const RawDocument& raw) {
  if (!raw.source.empty()) return ToLower(raw.source);
  const auto slash = raw.path.rfind('/');
  return slash == std::string::npos ? std::string() : raw.path.substr(0, slash);
}

Article MakeArticle(const RawDocument& raw, const CleanResult& cleaned) {
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

std::string NoArticleTextReason(const Article& a, const RawDocument& raw, const CleanResult& cleaned) {
  if (!a.paragraphs.empty()) return {};
  // The rules that took the lines, in order of first use.
  std::vector<std::string_view> rules;
  for (const auto& d : cleaned.lines) {
    // A line kept (the title's own, which the article leaves out) took nothing.
    if (Trim(d.text).empty() || d.rule == "title" || d.action == LineDecision::Action::kKeep ||
        std::find(rules.begin(), rules.end(), d.rule) != rules.end()) {
      continue;
    }
    rules.push_back(d.rule);
  }
  // A record with a title field alone, or a file of its title line alone (TitleOnlyRecord).
  if (rules.empty()) return raw.record.empty() ? "no text after its title" : "record has no content";
  std::string list;
  for (size_t k = 0; k < rules.size() && k < 4; ++k) list += (k ? ", " : "") + std::string(rules[k]);
  if (rules.size() > 4) list += ", ...";
  return "no text left after cleaning (rules that took its lines: " + list + ")";
}

bool TitleOnlyRecord(const Article& a, const RawDocument& raw) {
  return a.paragraphs.empty() && !a.meta.title.empty() && (raw.record.empty() || !Trim(raw.title).empty());
}

std::string StampValue(const std::string& file_sig, size_t docs) { return file_sig + "\t" + std::to_string(docs); }

std::string StampRoot(const std::string& v) { return v.substr(0, v.find('\t')); }

std::pair<std::string, size_t> ParseStampValue(const std::string& v) {
  const auto tab = v.rfind('\t');
  if (tab == std::string::npos || v.find('\t') == tab) return {v, 0};
  return {v.substr(0, tab), static_cast<size_t>(std::strtoull(v.c_str() + tab + 1, nullptr, 10))};
}

void Counters::Warn(std::string where, std::string what, const char* reason) {
  std::lock_guard lock(warnings_mu);
  warnings.push_back({std::move(where), std::move(what), reason});
}

std::vector<Counters::Warning> Counters::TakeWarnings() {
  std::lock_guard lock(warnings_mu);
  return std::exchange(warnings, {});
}

void DocidRanges::Add(Xapian::docid id) {
  if (!ranges_.empty() && ranges_.back().second + 1 == id) {
    ranges_.back().second = id;
  } else {
    ranges_.emplace_back(id, id);
  }
}

std::string DocidRanges::Encode() const {
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

bool SpellingRecordedElsewhere(const Xapian::Database& db) {
  return SpellingRecordedElsewhere(db, db.get_metadata(schema::kMetaSpellingDatabase));
}

bool SpellingRecordedElsewhere(const Xapian::Database& db, const std::string& recorded_in) {
  return !recorded_in.empty() && recorded_in != db.get_uuid();
}

template <class F>
void ShardWriter::Guard(F&& f) {
  try {
    f();
  } catch (const Xapian::Error& e) {
    error_ = Status::IOError("", e.get_description());
    failed_ = true;
  } catch (const std::exception& e) {
    error_ = Status::IOError("", ExceptionMessage(e));
    failed_ = true;
  }
}

void ShardWriter::Run() {
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
              db_.set_metadata(schema::kMetaShardUuid, db_.get_uuid());
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

void ShardWriter::Handle(ShardMsg& m) {
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
      db_.set_metadata(schema::kMetaFilePrefix + m.rel, StampValue(IncompleteStamp(m.file_sig), 0));
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
      const std::string key = schema::kMetaFilePrefix + m.rel;
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
      db_.set_metadata(schema::kMetaFilePrefix + m.rel, "");
      break;
    }
    case ShardMsg::Kind::kFinish:
      break;
  }
}

void ShardWriter::WriteDoc(RawDocument& raw) {
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
    if (!OwnerGone(owner, owner_key)) {
      // That file is still there (in the run, or on disk under a root this run does not walk):
      // its article stays, and this file is read again by later runs, whose copy takes the
      // article over once the other file is gone. When that file is read later in this run,
      // the record is held until its end, in case the id moved from it to this file.
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
  Prepared prepared = Prepare(p_, raw);
  for (auto& w : prepared.warnings) {
    counters_.Warn(raw.record.empty() ? raw.path : raw.path + ":" + std::to_string(raw.first_line), w, Counters::kIndexedAnyway);
  }
  Article& a = prepared.article;
  if (!prepared.no_text.empty() && !(prepared.title_only && !exists)) {
    // Nothing but boilerplate: it is skipped, like a file with no text, and what is indexed under
    // its id is kept; a record's title field alone is indexed only where nothing is.
    --file_docs_;
    if (ours) ++kept_;
    counters_.Warn(raw.record.empty() ? raw.path : raw.path + ":" + std::to_string(raw.first_line),
                   prepared.no_text + "; skipped", "no article text");
    return;
  }
  if (!prepared.no_text.empty()) {
    counters_.Warn(raw.record.empty() ? raw.path : raw.path + ":" + std::to_string(raw.first_line),
                   prepared.no_text + "; indexed by its title alone", Counters::kTitleOnly);
  }
  if (!a.meta.unread_date.empty()) {
    counters_.Warn(raw.record.empty() ? raw.path : raw.path + ":" + std::to_string(raw.first_line),
                   "date \"" + a.meta.unread_date + "\" not understood; indexed " +
                       (a.meta.published.empty() ? "without a date"
                                                  : "with " + a.meta.published +
                                                        (a.meta.published_from_url ? " from its URL" : " from its text")),
                   nullptr);
  }
  // The id term was looked up above: replace by docid, or add (no second lookup).
  Store(a, sig, old_id);
  if (since_commit_ >= limits_.batch_docs) Commit(SpellingFlush::kWhenFull);
}

void ShardWriter::Store(const Article& a, const std::string& sig, Xapian::docid old_id) {
  Xapian::Document doc = builder_.Build(a, sig);
  // Hyphenated words news also writes as one ("K-Pop", "KPop"): each writing's query finds both.
  const auto is_word = [this](const std::string& w) { return p_.analyzer->IsRoot(w) || p_.analyzer->IsStopword(w); };
  AddLearnedForms(LearnedHyphenForms(a.meta.title, is_word), learned_, db_);
  for (const std::string& p : a.paragraphs) {
    if (p.find('-') != std::string::npos) AddLearnedForms(LearnedHyphenForms(p, is_word), learned_, db_);
  }
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

bool ShardWriter::OwnerGone(const std::string& owner, uint64_t owner_key) {
  if (std::binary_search(gone_.begin(), gone_.end(), owner_key)) return true;
  if (auto it = owner_gone_.find(owner_key); it != owner_gone_.end()) return it->second;
  // Under a root this run does not walk: gone when its root is (a renamed or deleted file or
  // folder given as a root), or the file in that folder is. Without a stamp, not known.
  bool gone = false;
  const std::string stamp = db_.get_metadata(schema::kMetaFilePrefix + FileKey(owner));
  if (const std::string root_key = StampRoot(stamp); !root_key.empty() && root_key.size() < stamp.size()) {
    const fs::path root(root_key);
    std::error_code ec;
    const bool root_exists = fs::exists(root, ec);
    if (!ec) gone = !root_exists || (fs::is_directory(root, ec) && !ec && !fs::exists(root / owner, ec) && !ec);
  }
  owner_gone_.emplace(owner_key, gone);
  return gone;
}

bool ShardWriter::Hold(Xapian::docid owner_doc, uint64_t owner, RawDocument& raw, std::string& where, std::string& what) {
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

void ShardWriter::TakeOver(Xapian::docid id, HeldRecord& held) {
  const std::string sig = DocSignature(held.raw, p_.versions);
  Prepared prepared = Prepare(p_, held.raw);
  for (auto& w : prepared.warnings) counters_.Warn(held.where, w, Counters::kIndexedAnyway);
  if (!prepared.no_text.empty() && !prepared.title_only) {
    DeleteDoc(id);
    ++counters_.removed;
    counters_.Warn(std::move(held.where), prepared.no_text + "; skipped", "no article text");
    return;
  }
  if (!prepared.no_text.empty()) counters_.Warn(held.where, prepared.no_text + "; indexed by its title alone", Counters::kTitleOnly);
  Store(prepared.article, sig, id);
}

void ShardWriter::ReleaseHeld(uint64_t owner) {
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

void ShardWriter::ReleaseAllHeld() {
  std::vector<HeldRecord*> left;
  for (auto& [id, held] : held_) left.push_back(&held);
  std::sort(left.begin(), left.end(), [](const HeldRecord* x, const HeldRecord* y) { return x->seq < y->seq; });
  for (HeldRecord* held : left) counters_.Warn(std::move(held->where), std::move(held->what), kIdElsewhere);
  held_.clear();
  held_by_owner_.clear();
  held_bytes_ = 0;
}

void ShardWriter::CountSpelling(const Xapian::Document& doc) {
  ForEachSpellingWord(doc.termlist_begin(), doc.termlist_end(),
                      [&](const std::string& word, Xapian::termcount wdf) { AddToSum(spelling_counts_, word, wdf); });
}

void ShardWriter::DeleteDoc(Xapian::docid id) {
  if (limits_.spelling) UncountSpelling(id);
  db_.delete_document(id);
}

void ShardWriter::UncountSpelling(Xapian::docid id) {
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

std::string ShardWriter::EncodeRemovals() const {
  std::string out;
  spelling_removed_.ForEach([&](std::string_view word, uint32_t n) {
    out.append(word);
    out += '\t';
    out += std::to_string(n);
    out += '\n';
  });
  return out;
}

void ShardWriter::DecodeRemovals(std::string_view text) {
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

void ShardWriter::Commit(SpellingFlush flush) {
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
  committed_.store(true);
  since_commit_ = 0;
}

void ShardWriter::RecoverSpelling() {
  const std::string pending = db_.get_metadata(schema::kMetaSpellingPending);
  const std::string removals = db_.get_metadata(schema::kMetaSpellingRemovals);
  const std::string recorded_in = db_.get_metadata(schema::kMetaSpellingDatabase);
  if (pending.empty() && removals.empty() && recorded_in.empty()) return;
  spelling_pending_written_ = !pending.empty();
  spelling_removals_written_ = !removals.empty();
  spelling_database_written_ = !recorded_in.empty();
  if (SpellingRecordedElsewhere(db_, recorded_in)) {
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

void ShardWriter::RebuildSpelling() {
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

}  // namespace rkn::index_internal
