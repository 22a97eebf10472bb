// Runs of rkn-index stopped at a known place (RunIndex's test hooks in IndexOptions): a run killed
// with its last words not yet in the spelling table, whose database is then compacted (documents
// renumbered), and a run interrupted while learning site furniture (the first pass), into an
// existing database or a new one.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "common/indexer.h"
#include "common/schema.h"
#include "tests/reliability.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using rkn::test::TempDir;

namespace {

const std::string kDataDir = std::string(RKN_SOURCE_DIR) + "/data";

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Options indexing `root` into `db` on one thread (one shard), quietly.
rkn::IndexOptions IndexInto(const fs::path& root, const fs::path& db) {
  rkn::IndexOptions o;
  o.roots = {root};
  o.db = db.string();
  o.data_dir = kDataDir;
  o.jobs = 1;
  o.verbosity = rkn::Verbosity::kQuiet;
  return o;
}

// The spelling table of every part of `db`: word -> frequency.
std::map<std::string, Xapian::doccount> Spellings(const fs::path& db) {
  std::map<std::string, Xapian::doccount> words;
  for (const auto& part : rkn::test::DatabaseParts(db)) {
    const Xapian::Database d(part.string());
    for (auto w = d.spellings_begin(); w != d.spellings_end(); ++w) words[*w] += w.get_termfreq();
  }
  return words;
}

// The user metadata of every part of `db`: "part\tkey" -> value, for keys starting with `prefix`.
std::map<std::string, std::string> Metadata(const fs::path& db, const std::string& prefix) {
  std::map<std::string, std::string> meta;
  for (const auto& part : rkn::test::DatabaseParts(db)) {
    const Xapian::Database d(part.string());
    for (auto k = d.metadata_keys_begin(prefix); k != d.metadata_keys_end(prefix); ++k) {
      meta[fs::relative(part, db).string() + "\t" + *k] = d.get_metadata(*k);
    }
  }
  return meta;
}

// `db` copied file by file to `to` (a plain copy: the same Xapian UUID).
void CopyDatabase(const fs::path& db, const fs::path& to) {
  fs::copy(db, to, fs::copy_options::recursive);
}

// `db` copied to `to` with each of its parts compacted by Xapian (renumbering its documents).
void CompactDatabase(const fs::path& db, const fs::path& to) {
  CopyDatabase(db, to);
  for (const auto& part : rkn::test::DatabaseParts(to)) {
    const fs::path rel = fs::relative(part, to);
    const fs::path from = rel == "." ? db : db / rel;
    fs::remove_all(part);
    Xapian::Database(from.string()).compact(part.string());
  }
}

// A plain-text article `n` with words of its own ("kataunik" plus its number in letters).
std::string Article(int n) {
  std::string own = "kataunik";
  for (int m = n; m > 0; m /= 26) own += static_cast<char>('a' + m % 26);
  return "Berita nomor " + std::to_string(n) + "\n\nWarga melihat " + own + " di pasar kota pada pagi hari ke " +
         std::to_string(n) + " dan " + own + " lagi.\n";
}

// Runs `o` in a child process that ends at once (as if killed: nothing destroyed, nothing
// committed by destructors) when, after its `files`-th indexed file, `committed()` holds of what
// the shards committed (polled for 60 s at most; Xapian errors of a commit under way are
// retried). Returns the child's exit status: 42 killed as asked, 1 never saw `committed()`, 2
// ran to the end.
int RunKilledWhen(rkn::IndexOptions o, int files, const std::function<bool()>& committed) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int seen = 0;
    o.after_indexing_file = [&] {
      if (++seen < files) return;
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (std::chrono::steady_clock::now() < give_up) {
        try {
          if (committed()) _exit(42);
        } catch (const Xapian::Error&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      _exit(1);
    };
    std::ostringstream child_err;
    (void)rkn::RunIndex(o, child_err);
    _exit(2);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("A killed run's database compacted afterwards gets the spelling data a clean run gives") {
  TempDir t("stopped-run");
  const fs::path corpus = t.path() / "c";
  const fs::path db = t.path() / "killed";
  rkn::IndexOptions o = IndexInto(corpus, db);
  o.batch_docs = 1;  // a commit per article, each recording the articles whose words are pending
  std::ostringstream err;
  // Document 1 (a.txt) is deleted by the second run, so a compaction renumbers b.txt's 2 to 1.
  Write(corpus / "a.txt", Article(1));
  REQUIRE(rkn::RunIndex(o, err).ok());
  fs::remove(corpus / "a.txt");
  Write(corpus / "b.txt", Article(2));
  REQUIRE(rkn::RunIndex(o, err).ok());
  for (int n = 3; n <= 8; ++n) Write(corpus / (std::to_string(n) + ".txt"), Article(n));
  const fs::path shard = rkn::test::DatabaseParts(db).at(0);

  // The third run is killed (a child process ends at once, destroying nothing) once two new
  // articles are committed with their words still pending.
  REQUIRE(RunKilledWhen(o, 2, [&] {
            const Xapian::Database d(shard.string());
            return d.get_doccount() == 3 && !d.get_metadata(rkn::schema::kMetaSpellingPending).empty();
          }) == 42);
  {
    const Xapian::Database d(shard.string());
    REQUIRE(d.get_metadata(rkn::schema::kMetaSpellingPending) == "3-4");
    CHECK(d.get_metadata(rkn::schema::kMetaSpellingDatabase) == d.get_uuid());
    CHECK(*d.postlist_begin("") == 2);
  }

  const fs::path clean = t.path() / "clean";
  REQUIRE(rkn::RunIndex(IndexInto(corpus, clean), err).ok());
  const auto expected = Spellings(clean);
  REQUIRE(expected.count("kataunikc") == 1);  // 3.txt's own word

  SUBCASE("compacted: its documents renumbered, the spelling data is rebuilt") {
    const fs::path compacted = t.path() / "compacted";
    CompactDatabase(db, compacted);
    {
      const Xapian::Database d(rkn::test::DatabaseParts(compacted).at(0).string());
      REQUIRE(*d.postlist_begin("") == 1);  // renumbered: the pending list names other articles
      REQUIRE(d.get_metadata(rkn::schema::kMetaSpellingPending) == "3-4");
      REQUIRE(d.get_metadata(rkn::schema::kMetaSpellingDatabase) != d.get_uuid());
    }
    std::ostringstream run_err;
    rkn::IndexOptions again = IndexInto(corpus, compacted);
    again.verbosity = rkn::Verbosity::kNormal;
    REQUIRE(rkn::RunIndex(again, run_err).ok());
    CHECK(run_err.str().find("rkn-index: note: " + rkn::test::DatabaseParts(compacted).at(0).string() +
                             ": compacted since a run stopped before writing all its spelling data") != std::string::npos);
    CHECK(Spellings(compacted) == expected);
    CHECK(Metadata(compacted, "rkn.spelling.").empty());
  }
  SUBCASE("copied file by file: the recorded documents are recovered as they are") {
    const fs::path copy = t.path() / "copy";
    CopyDatabase(db, copy);
    std::ostringstream run_err;
    rkn::IndexOptions again = IndexInto(corpus, copy);
    again.verbosity = rkn::Verbosity::kNormal;
    REQUIRE(rkn::RunIndex(again, run_err).ok());
    CHECK(run_err.str().find("rkn-index: note:") == std::string::npos);
    CHECK(Spellings(copy) == expected);
    CHECK(Metadata(copy, "rkn.spelling.").empty());
  }
  SUBCASE("recorded by an earlier rkn, without the database's UUID: recovered as they are") {
    {
      Xapian::WritableDatabase w(shard.string());
      w.set_metadata(rkn::schema::kMetaSpellingDatabase, "");
      w.commit();
    }
    REQUIRE(rkn::RunIndex(IndexInto(corpus, db), err).ok());
    CHECK(Spellings(db) == expected);
    CHECK(Metadata(db, "rkn.spelling.").empty());
  }
}

TEST_CASE("A killed run's sharded database merged into one by compaction gets the spelling data a clean run gives") {
  // Two shards, each left by a killed run with spelling lists (pending words of new articles,
  // removals of a replaced one) naming its own docids; xapian-compact (Xapian's compact(), with
  // or without --multipass) merges them into one database, renumbering every document and
  // keeping one shard's value of each metadata key. The next run must rebuild, not recover.
  TempDir t("stopped-run");
  const fs::path corpus = t.path() / "c";
  const fs::path db = t.path() / "killed";
  rkn::IndexOptions o = IndexInto(corpus, db);
  o.jobs = 2;
  o.batch_docs = 2;  // a commit per article in each shard, recording the articles whose words are pending
  std::ostringstream err;
  // Document a.txt is deleted by the second run; b.txt is replaced by the killed third run.
  Write(corpus / "a.txt", Article(1));
  Write(corpus / "b.txt", Article(2));
  REQUIRE(rkn::RunIndex(o, err).ok());
  fs::remove(corpus / "a.txt");
  REQUIRE(rkn::RunIndex(o, err).ok());
  Write(corpus / "b.txt", Article(30));  // its old words (kataunikc) go, kataunikeb comes
  for (int n = 3; n <= 12; ++n) Write(corpus / (std::to_string(n) + ".txt"), Article(n));
  const std::vector<fs::path> shards = rkn::test::DatabaseParts(db);
  REQUIRE(shards.size() == 2);

  // The third run is killed (a child process ends at once, destroying nothing) once every file
  // it reads (11) is committed, with the words still pending in both shards and the replaced
  // words recorded for removal in b.txt's.
  REQUIRE(RunKilledWhen(o, 11, [&] {
            // b.txt's replacement commits its removals, and keeps the count at 11.
            Xapian::doccount docs = 0;
            size_t pending = 0, removals = 0;
            for (const auto& shard : shards) {
              const Xapian::Database d(shard.string());
              docs += d.get_doccount();
              pending += !d.get_metadata(rkn::schema::kMetaSpellingPending).empty();
              removals += !d.get_metadata(rkn::schema::kMetaSpellingRemovals).empty();
            }
            return docs == 11 && pending == shards.size() && removals == 1;
          }) == 42);
  REQUIRE(Metadata(db, rkn::schema::kMetaSpellingPending).size() == 2);
  REQUIRE(Metadata(db, rkn::schema::kMetaSpellingRemovals).size() == 1);  // b.txt's shard
  REQUIRE(Spellings(db).count("kataunikc") == 1);  // the replaced words are still in the table

  const fs::path clean = t.path() / "clean";
  REQUIRE(rkn::RunIndex(IndexInto(corpus, clean), err).ok());
  const auto expected = Spellings(clean);
  REQUIRE(expected.count("kataunikc") == 0);
  REQUIRE(expected.count("kataunikeb") == 1);
  REQUIRE(expected.count("kataunikm") == 1);  // 12.txt's own word

  struct Case {
    const char* name;
    unsigned flags;
  };
  for (const Case& c : {Case{"merged", 0}, Case{"merged with --multipass", Xapian::DBCOMPACT_MULTIPASS}}) {
    SUBCASE(c.name) {
      const fs::path merged = t.path() / "merged";
      Xapian::Database(db.string()).compact(merged.string(), c.flags);
      REQUIRE(rkn::test::DatabaseParts(merged) == std::vector<fs::path>{merged});  // one plain database
      {
        const Xapian::Database d(merged.string());
        REQUIRE(d.get_doccount() == 11);
        REQUIRE_FALSE(d.get_metadata(rkn::schema::kMetaSpellingPending).empty());
        REQUIRE(d.get_metadata(rkn::schema::kMetaSpellingDatabase) != d.get_uuid());
      }
      std::ostringstream run_err;
      rkn::IndexOptions again = IndexInto(corpus, merged);
      again.verbosity = rkn::Verbosity::kNormal;
      REQUIRE(rkn::RunIndex(again, run_err).ok());
      CHECK(run_err.str().find("rkn-index: note: " + merged.string() +
                               ": compacted since a run stopped before writing all its spelling data") != std::string::npos);
      CHECK(rkn::test::DocumentCount(merged.string()) == 11);
      CHECK(Spellings(merged) == expected);
      CHECK(Metadata(merged, "rkn.spelling.").empty());
    }
  }
}

TEST_CASE("A run interrupted while learning site furniture writes nothing, and the next run learns it whole") {
  TempDir t("stopped-run");
  const fs::path corpus = t.path() / "c";
  // Two sites, each with a line on every page: furniture once five articles of a site have it.
  auto write_site = [&](const std::string& site, int articles) {
    for (int n = 0; n < articles; ++n) {
      Write(corpus / site / (std::to_string(n) + ".txt"),
            "Judul Berita Nomor " + std::to_string(n) + " Tentang Banjir\n\nBanjir melanda kawasan nomor " +
                std::to_string(n) + " sejak pagi hari dan warga mengungsi ke tempat aman.\nIkuti " + site +
                " di saluran Zonkmedia\nPetugas mendata kerusakan rumah dan jalan yang terendam air setinggi satu meter.\n");
    }
  };
  write_site("wartakita", 8);
  const fs::path db = t.path() / "db";
  std::ostringstream err;
  REQUIRE(rkn::RunIndex(IndexInto(corpus, db), err).ok());
  const auto furniture_before = Metadata(db, "rkn.furniture:");
  const auto metadata_before = Metadata(db, "");
  const long docs_before = rkn::test::DocumentCount(db.string());
  REQUIRE(furniture_before.size() == 1);

  write_site("kabarkota", 12);
  rkn::IndexOptions stopped = IndexInto(corpus, db);
  int learned = 0;
  stopped.after_learning_file = [&] {
    if (++learned == 6) rkn::RequestStop();  // one thread (jobs 1): no file is read after it
  };
  const auto r = rkn::RunIndex(stopped, err);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == rkn::StatusCode::kInterrupted);
  CHECK(r.status().message().find("before anything was written") != std::string::npos);
  CHECK(learned == 6);
  CHECK(Metadata(db, "rkn.furniture:") == furniture_before);
  CHECK(Metadata(db, "") == metadata_before);
  CHECK(rkn::test::DocumentCount(db.string()) == docs_before);

  REQUIRE(rkn::RunIndex(IndexInto(corpus, db), err).ok());
  const fs::path clean = t.path() / "clean";
  REQUIRE(rkn::RunIndex(IndexInto(corpus, clean), err).ok());
  const auto furniture = Metadata(db, "rkn.furniture:");
  CHECK(furniture.size() == 2);
  CHECK(furniture == Metadata(clean, "rkn.furniture:"));
  CHECK(rkn::test::DocumentCount(db.string()) == 20);
}

// Every path below `dir`, relative to it, with "/" after folders: what a folder holds.
std::vector<std::string> Tree(const fs::path& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    paths.push_back(fs::relative(e.path(), dir).string() + (e.is_directory() ? "/" : ""));
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST_CASE("A run interrupted while learning site furniture removes the new database it created, and only that") {
  TempDir t("stopped-run");
  const fs::path corpus = t.path() / "c";
  for (int n = 1; n <= 4; ++n) Write(corpus / (std::to_string(n) + ".txt"), Article(n));
  const fs::path top = t.path() / "top";  // holds whatever each case makes before the run

  struct Case {
    const char* name;
    fs::path db;                        // relative to `top`
    std::vector<std::string> before;    // folders (ending in "/") made in `top` before the run
    fs::path stray;                     // a file another writer puts there while the run learns ("": none)
    std::vector<std::string> after;     // Tree(top) after the interrupted run
  };
  const std::vector<Case> cases = {
      {"a new database in a folder that exists", "db", {}, "", {}},
      {"a new database whose parent folders the run creates too", "new/er/db", {}, "", {}},
      {"a folder that exists, empty: it stays", "db", {"db/"}, "", {"db/"}},
      {"a parent folder that exists stays", "new/db", {"new/"}, "", {"new/"}},
      {"a file put in a shard the run created keeps that shard's folder and the folders above it",
       "new/db",
       {},
       "new/db/shard-1/notes.txt",
       {"new/", "new/db/", "new/db/shard-1/", "new/db/shard-1/notes.txt"}},
      {"a file put in a parent folder the run created keeps that folder", "new/db", {}, "new/notes.txt",
       {"new/", "new/notes.txt"}},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      fs::create_directories(top);
      for (const auto& folder : c.before) fs::create_directories(top / folder);
      const fs::path db = top / c.db;
      rkn::IndexOptions stopped = IndexInto(corpus, db);
      stopped.jobs = 2;  // two shards, two threads learning
      std::atomic<int> learned{0};
      stopped.after_learning_file = [&] {
        if (learned++ != 0) return;
        CHECK(fs::is_directory(db / "shard-1"));  // created before the first pass (CHECK: another thread may run this)
        if (!c.stray.empty()) std::ofstream(top / c.stray) << "not the run's\n";
        rkn::RequestStop();
      };
      std::ostringstream err;
      const auto r = rkn::RunIndex(stopped, err);
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().code() == rkn::StatusCode::kInterrupted);
      CHECK(r.status().message().find("before anything was written to the database; what this run had created of it is removed") !=
            std::string::npos);
      CHECK(Tree(top) == c.after);

      // The next run starts as on a fresh path (where nothing of another writer is left in the way).
      if (c.stray.empty()) {
        rkn::IndexOptions again = IndexInto(corpus, db);
        again.jobs = 2;
        REQUIRE(rkn::RunIndex(again, err).ok());
        CHECK(rkn::test::DatabaseParts(db).size() == 2);
        CHECK(rkn::test::DocumentCount(db.string()) == 4);
      }
    }
  }
}

TEST_CASE("A copied shard whose first run in its new place is interrupted is read whole by the next run") {
  // The copy holds shard 1 of 3's stamps, which count only that shard's articles. The interrupted
  // run commits the stamps of the files it read again; the others are still the old layout's, so
  // the shard must keep its old place (kMetaShard) until a run has read every file.
  TempDir t("stopped-run");
  const fs::path corpus = t.path() / "c";
  for (int n = 1; n <= 9; ++n) Write(corpus / (std::to_string(n) + ".txt"), Article(n));
  const fs::path db = t.path() / "j3";
  rkn::IndexOptions three = IndexInto(corpus, db);
  three.jobs = 3;
  std::ostringstream err;
  REQUIRE(rkn::RunIndex(three, err).ok());
  REQUIRE(rkn::test::DocumentCount(db.string()) == 9);
  const fs::path one = t.path() / "one";
  CopyDatabase(db / "shard-1", one);
  const long copied = rkn::test::DocumentCount(one.string());
  REQUIRE(copied < 9);

  rkn::IndexOptions stopped = IndexInto(corpus, one);
  int files = 0;
  stopped.after_indexing_file = [&] {
    if (++files == 2) rkn::RequestStop();
  };
  const auto r = rkn::RunIndex(stopped, err);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == rkn::StatusCode::kInterrupted);
  CHECK(Metadata(one, rkn::schema::kMetaShard) == std::map<std::string, std::string>{{std::string(".\t") + rkn::schema::kMetaShard, "1/3"}});

  std::ostringstream again_err;
  rkn::IndexOptions again = IndexInto(corpus, one);
  again.verbosity = rkn::Verbosity::kNormal;
  REQUIRE(rkn::RunIndex(again, again_err).ok());
  CHECK(again_err.str().find("written as shard 1/3 of another layout") != std::string::npos);
  CHECK(rkn::test::DocumentCount(one.string()) == 9);
  CHECK(Metadata(one, rkn::schema::kMetaShard) == std::map<std::string, std::string>{{std::string(".\t") + rkn::schema::kMetaShard, "0/1"}});
}
