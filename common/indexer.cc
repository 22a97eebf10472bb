#include "common/indexer.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <set>
#include <unordered_set>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/cleaner.h"
#include "common/datadir.h"
#include "common/document.h"
#include "common/furniture.h"
#include "common/metadata.h"
#include "common/schema.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {
namespace {

std::atomic<bool> g_stop{false};

constexpr const char* kMetaFilePrefix = "rkn.file:";

// The key identifying a root in the database: its absolute, normalised path. Never printed.
std::string RootKey(const fs::path& root) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(root, ec);
  if (ec) abs = fs::absolute(root, ec);
  return abs.lexically_normal().generic_string();
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

// What a file's metadata entry records besides its root: size, mtime and the rules/analyser
// versions. When it is unchanged the file is not read again.
std::string FileStamp(const InputFile& f, const std::string& versions) {
  return std::to_string(f.size) + ":" + std::to_string(f.mtime_ns) + ":" + versions;
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

// Replaces the database's synonym table with the analyzer's alias groups: every form of a group
// is a key whose synonyms are the other forms (lowercased, words separated by one space).
void WriteSynonyms(const Analyzer& analyzer, Xapian::WritableDatabase& db) {
  std::vector<std::string> keys;
  for (auto it = db.synonym_keys_begin(); it != db.synonym_keys_end(); ++it) keys.push_back(*it);
  for (const auto& k : keys) db.clear_synonyms(k);
  for (const auto& group : analyzer.alias_groups()) {
    for (const auto& key : group) {
      for (const auto& other : group) {
        if (other != key) db.add_synonym(key, other);
      }
    }
  }
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

  auto data_dir = FindDataDir(opt.data_dir);
  if (!data_dir.ok()) return data_dir.status();
  AnalyzerOptions aopt;
  aopt.extra_alias_files = opt.alias_files;
  if (opt.stemmer) {
    aopt.stemmer = *opt.stemmer;
  } else {
    // Keep the stemmer the database was built with.
    try {
      std::error_code ec;
      if (fs::exists(opt.db, ec)) {
        auto kind = ParseStemmerName(Xapian::Database(opt.db).get_metadata(schema::kMetaStemmer));
        if (kind.ok()) aopt.stemmer = *kind;
      }
    } catch (const Xapian::Error&) {
      // Unreadable here: the writable open below reports it.
    }
  }
  auto analyzer = Analyzer::Load(*data_dir, aopt);
  if (!analyzer.ok()) return analyzer.status();
  auto cleaner = Cleaner::Load(*data_dir, opt.rule_files);
  if (!cleaner.ok()) return cleaner.status();
  Pipeline p{*analyzer, std::move(*cleaner), "", FurnitureModel{}};
  p.versions = p.cleaner.version() + "/" + p.analyzer->version();

  auto walk = WalkRoots(opt.roots);
  if (!walk.ok()) return walk.status();
  for (const auto& s : walk->skipped) {
    if (s.reason == "hidden") continue;
    ++sum.skipped;
    std::string why = s.reason.starts_with("unknown type") ? "unknown type" : s.reason;
    sum.skip_reasons[why]++;
    if (opt.verbosity == Verbosity::kVerbose) err << "rkn-index: skipped: " << s.rel_path << ": " << s.reason << "\n";
  }
  sum.files_seen = walk->files.size() + sum.skipped;

  Xapian::WritableDatabase db;
  try {
    db = Xapian::WritableDatabase(opt.db, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    return Status::Locked(opt.db, "database is locked: another rkn-index is writing to it");
  } catch (const Xapian::Error& e) {
    return Status::IOError(opt.db, "cannot open database for writing: " + e.get_msg());
  }

  try {
    const std::string stored_schema = db.get_metadata(schema::kMetaSchemaVersion);
    if (!stored_schema.empty() && stored_schema != std::to_string(schema::kSchemaVersion)) {
      return Status::InvalidArgument(opt.db, "database has schema version " + stored_schema + ", this rkn writes " +
                                                 std::to_string(schema::kSchemaVersion) + "; index into a new database");
    }
    db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    db.set_metadata(schema::kMetaRulesVersion, p.cleaner.version());
    db.set_metadata(schema::kMetaAnalyzerVersion, p.analyzer->version());
    db.set_metadata(schema::kMetaStemmer, StemmerName(p.analyzer->stemmer_kind()));
    WriteSynonyms(*p.analyzer, db);

    // First pass: learn site furniture (short lines recurring across many articles of one source)
    // from the files this run (re)indexes.
    for (const auto& f : walk->files) {
      if (g_stop.load()) break;
      if (db.get_metadata(kMetaFilePrefix + f.rel_path).ends_with("\t" + FileStamp(f, p.versions))) continue;
      (void)ReadInputFile(
          f, opt.read,
          [&](RawDocument&& raw) -> Status {
            p.furniture.ObserveText(FurnitureKey(raw), raw.text);
            return Status::Ok();
          },
          [](const std::string&, const std::string&) {});
    }
    p.furniture.Finalize();

    DocumentBuilder builder(p.analyzer);
    if (opt.spelling) builder.EnableSpelling(db);

    std::set<std::string> root_keys;
    for (const auto& r : opt.roots) root_keys.insert(RootKey(r));
    std::unordered_set<std::string> seen_files;
    size_t pending = 0;
    auto maybe_commit = [&](size_t added) {
      pending += added;
      if (pending >= opt.batch_docs) {
        db.commit();
        pending = 0;
      }
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
      const size_t docs = sum.indexed + sum.replaced + sum.unchanged;
      const double mbps = static_cast<double>(done_bytes) / 1e6 / secs;
      const double eta = done_bytes > 0 ? secs * static_cast<double>(total_bytes - done_bytes) / static_cast<double>(done_bytes) : 0;
      char line[160];
      std::snprintf(line, sizeof line, "\r\x1b[Krkn-index: %zu/%zu files, %zu articles, %.0f articles/s, %.1f MB/s, ETA %.0f s",
                    files_done, walk->files.size(), docs, static_cast<double>(docs) / secs, mbps, eta);
      err << line << (final_line ? "\r\x1b[K" : "") << std::flush;
    };

    for (const auto& f : walk->files) {
      if (g_stop.load()) break;
      ++files_done;
      done_bytes += f.size;
      progress(false);
      std::string root_key;
      for (const auto& r : opt.roots) {
        std::error_code ec;
        auto rel = f.path.lexically_relative(r);
        if (fs::equivalent(r, f.path, ec) || (!rel.empty() && *rel.begin() != "..")) {
          root_key = RootKey(r);
          break;
        }
      }
      const std::string meta_key = kMetaFilePrefix + f.rel_path;
      seen_files.insert(f.rel_path);
      const std::string file_sig = root_key + "\t" + FileStamp(f, p.versions);
      const std::string old_sig = db.get_metadata(meta_key);
      if (old_sig == file_sig) {
        // Whole file unchanged: count its documents without reading it.
        Xapian::doccount n = db.get_termfreq(std::string(schema::kPrefixFile) + ToLower(f.rel_path));
        sum.unchanged += n > 0 ? n : 1;
        continue;
      }
      sum.bytes_read += f.size;
      std::set<Xapian::docid> old_docs;
      const std::string file_term = std::string(schema::kPrefixFile) + ToLower(f.rel_path);
      for (auto it = db.postlist_begin(file_term); it != db.postlist_end(file_term); ++it) old_docs.insert(*it);
      size_t file_docs = 0;
      Status st = ReadInputFile(
          f, opt.read,
          [&](RawDocument&& raw) -> Status {
            const std::string sig = DocSignature(raw, p.versions);
            const std::string id_term = IdTerm(raw.id);
            Xapian::PostingIterator pit = db.postlist_begin(id_term);
            const bool exists = pit != db.postlist_end(id_term);
            if (exists) {
              old_docs.erase(*pit);
              if (db.get_document(*pit).get_value(schema::kSlotFileSig) == sig) {
                ++sum.unchanged;
                return Status::Ok();
              }
            }
            Article a = Prepare(p, raw);
            Xapian::Document doc = builder.Build(a, sig);
            db.replace_document(id_term, doc);
            ++(exists ? sum.replaced : sum.indexed);
            ++file_docs;
            progress(false);
            maybe_commit(1);
            return Status::Ok();
          },
          [&](const std::string& where, const std::string& what) {
            ++sum.skipped;
            sum.skip_reasons["bad record"]++;
            if (opt.verbosity != Verbosity::kQuiet) err << (opt.progress ? "\r\x1b[K" : "") << "rkn-index: warning: " << where << ": " << what << "\n";
          });
      if (!st.ok()) {
        ++sum.skipped;
        sum.skip_reasons[st.code() == StatusCode::kCorruption ? "bad input" : st.code() == StatusCode::kInvalidArgument ? "too large or unsupported" : "unreadable"]++;
        if (opt.verbosity != Verbosity::kQuiet) err << (opt.progress ? "\r\x1b[K" : "") << "rkn-index: warning: " << st.ToString() << "\n";
        continue;  // keep what is indexed for this file; try again next run
      }
      for (Xapian::docid id : old_docs) {
        db.delete_document(id);
        ++sum.removed;
      }
      db.set_metadata(meta_key, file_sig);
      if (opt.verbosity == Verbosity::kVerbose) {
        err << "rkn-index: " << f.rel_path << ": " << file_docs << " document(s) written\n";
      }
    }

    if (!g_stop.load()) {
      // Files that disappeared from the roots being indexed.
      std::vector<std::string> gone;
      for (auto it = db.metadata_keys_begin(kMetaFilePrefix); it != db.metadata_keys_end(kMetaFilePrefix); ++it) {
        const std::string key = *it;
        const std::string rel = key.substr(std::char_traits<char>::length(kMetaFilePrefix));
        if (seen_files.count(rel)) continue;
        const std::string sig = db.get_metadata(key);
        const std::string rk = sig.substr(0, sig.find('\t'));
        if (root_keys.count(rk)) gone.push_back(rel);
      }
      for (const auto& rel : gone) {
        const std::string file_term = std::string(schema::kPrefixFile) + ToLower(rel);
        std::vector<Xapian::docid> ids;
        for (auto it = db.postlist_begin(file_term); it != db.postlist_end(file_term); ++it) ids.push_back(*it);
        for (auto id : ids) db.delete_document(id);
        sum.removed += ids.size();
        db.set_metadata(kMetaFilePrefix + rel, "");
        if (opt.verbosity == Verbosity::kVerbose) err << "rkn-index: removed: " << rel << "\n";
      }
    }
    progress(true);
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    return Status::IOError(opt.db, e.get_description());
  } catch (const std::exception& e) {
    return Status::IOError(opt.db, e.what());
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (g_stop.load()) return Status::Interrupted("interrupted; work up to the last commit is kept");
  return sum;
}

}  // namespace rkn
