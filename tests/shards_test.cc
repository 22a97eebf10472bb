// Parallel sharded indexing: `rkn-index -j N` writes N shards listed in a Xapian stub file, and
// searching them gives the same results as a database built by one thread.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/shards.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

const fs::path kLabelled = fs::path(RKN_TEST_DATADIR) / "labelled";


// A corpus of the labelled articles (text files only), copied so tests may change it.
fs::path CopyCorpus(const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(kLabelled)) {
    if (e.path().extension() == ".txt") fs::copy_file(e.path(), to / e.path().filename());
  }
  return to;
}

nlohmann::json SearchJson(const std::string& db, const std::string& query) {
  auto r = RunProcess({kSearchBin, "--db", db, "--json", "-n", "50", "--facets", "source,year", query});
  REQUIRE_MESSAGE((r.status == 0 || r.status == 1), r.err);
  return nlohmann::json::parse(r.out);
}

// The labelled corpus indexed with -j 2 into DIR/j2.db: the database and its two shards.
struct TwoShards {
  std::string db, shard0, shard1;
};
TwoShards IndexTwoShards(const fs::path& dir) {
  const fs::path corpus = CopyCorpus(dir / "corpus");
  const std::string db = (dir / "j2.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db, "-j", "2"}).status == 0);
  auto shards = rkn::ListShards(db);
  REQUIRE(shards.ok());
  REQUIRE(shards->size() == 2);
  return {db, (*shards)[0].string(), (*shards)[1].string()};
}

// rkn-search --count over `dbs` (each as --db) for the word "indonesia".
rkn::test::ProcessResult CountIndonesia(const std::vector<std::string>& dbs) {
  std::vector<std::string> argv = {kSearchBin, "--count"};
  for (const auto& d : dbs) argv.insert(argv.end(), {"--db", d});
  argv.push_back("indonesia");
  return RunProcess(argv);
}

long Count(const std::string& db) {
  auto r = RunProcess({kSearchBin, "--db", db, "--stats", "--json"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return nlohmann::json::parse(r.out)["documents"].get<long>();
}

}  // namespace

TEST_CASE("rkn-index -j 3 writes three shards listed in the stub file") {
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "corpus");
  const std::string db = (t.path() / "j3.db").string();
  auto r = RunProcess({kIndexBin, corpus.string(), "--db", db, "-j", "3"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto shards = rkn::ListShards(db);
  REQUIRE(shards.ok());
  REQUIRE(shards->size() == 3);
  for (const auto& s : *shards) CHECK(fs::exists(s / "iamglass"));

  SUBCASE("-j given twice takes the last, as every option of one value does") {
    const std::string twice = (t.path() / "twice.db").string();
    auto again = RunProcess({kIndexBin, corpus.string(), "--db", twice, "-j", "1", "-j", "3"});
    REQUIRE_MESSAGE(again.status == 0, again.err);
    CHECK(rkn::ListShards(twice)->size() == 3);
  }
  SUBCASE("a later run with another -j keeps the shard count") {
    auto again = RunProcess({kIndexBin, corpus.string(), "--db", db, "-j", "1"});
    REQUIRE_MESSAGE(again.status == 0, again.err);
    CHECK(again.err.find(" 0 indexed, 0 replaced") != std::string::npos);
    CHECK(rkn::ListShards(db)->size() == 3);
  }
}

TEST_CASE("a sharded build answers queries exactly like a single-threaded build") {
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "corpus");
  const std::string one = (t.path() / "one.db").string();
  const std::string four = (t.path() / "four.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", one, "-j", "1"}).status == 0);
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", four, "-j", "4"}).status == 0);
  REQUIRE(Count(one) == Count(four));

  // Wildcards too: they are expanded over all shards at once, so their scores do not depend on
  // the sharding ("pe*" has more than the 200 expansions kept).
  for (const std::string q : {"korea utara", "presiden", "\"perang dingin\"", "jakarta OR bandung", "pemilu -jakarta",
                              "pe*", "ekonom* OR pemerintah*", "presiden NEAR/10 in*", "source:antaranews"}) {
    CAPTURE(q);
    auto a = SearchJson(one, q);
    auto b = SearchJson(four, q);
    CHECK(a["total"] == b["total"]);
    CHECK(a["parsed_query"] == b["parsed_query"]);
    CHECK(a["facets"] == b["facets"]);
    CHECK(a["suggestion"] == b["suggestion"]);
    // Same documents with the same scores and snippets; ties may come in another order, so
    // compare by path.
    std::map<std::string, nlohmann::json> by_path;
    for (const auto& h : a["hits"]) by_path[h["path"].get<std::string>()] = h;
    REQUIRE(a["hits"].size() == b["hits"].size());
    for (const auto& h : b["hits"]) {
      const auto it = by_path.find(h["path"].get<std::string>());
      REQUIRE(it != by_path.end());
      CHECK(it->second["score"].get<double>() == doctest::Approx(h["score"].get<double>()).epsilon(1e-9));
      CHECK(it->second["snippet"] == h["snippet"]);
      CHECK(it->second["highlights"] == h["highlights"]);
    }
  }
}

TEST_CASE("incremental runs over a sharded database replace, keep and remove exactly") {
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "corpus");
  const std::string db = (t.path() / "inc.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", db, "-j", "2"}).status == 0);
  const long before = Count(db);
  REQUIRE(before > 10);

  // Change one article, delete another, add a new one.
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  { std::ofstream(files[0], std::ios::app) << "\nParagraf tambahan tentang kereta cepat Whoosh yang baru.\n"; }
  fs::remove(files[1]);
  { std::ofstream(corpus / "zz-baru.txt") << "Judul Baru Sekali\n\nIsi artikel baru tentang gunung berapi di Sulawesi.\n"; }

  auto r = RunProcess({kIndexBin, corpus.string(), "--db", db, "-j", "2"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find(" 1 indexed, 1 replaced, " + std::to_string(before - 2) + " unchanged, 1 removed") != std::string::npos);
  CHECK(Count(db) == before);
  CHECK(SearchJson(db, "whoosh")["total"] == 1);
}

TEST_CASE("two roots holding the same relative path do not overwrite each other") {
  TempDir t("shards");
  fs::create_directories(t.path() / "r1");
  fs::create_directories(t.path() / "r2");
  { std::ofstream(t.path() / "r1" / "x.txt") << "Judul Pertama\n\nIsi pertama tentang kapal selam.\n"; }
  { std::ofstream(t.path() / "r2" / "x.txt") << "Judul Kedua\n\nIsi kedua tentang pesawat terbang.\n"; }
  const std::string db = (t.path() / "two.db").string();
  for (int run = 0; run < 2; ++run) {
    CAPTURE(run);
    auto r = RunProcess({kIndexBin, (t.path() / "r1").string(), (t.path() / "r2").string(), "--db", db});
    CHECK(r.status == 3);
    CHECK(r.err.find("r2/x.txt: same corpus-relative path (x.txt) as ") != std::string::npos);
    CHECK(r.err.find(run == 0 ? " 1 indexed, 0 replaced" : " 0 indexed, 0 replaced, 1 unchanged") != std::string::npos);
  }
  CHECK(Count(db) == 1);
}

TEST_CASE("A write that failed says the database keeps its last commit, and other Xapian errors are left as they are") {
  const std::string kKept = "; the database keeps its last commit: run rkn-index again when there is space";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"DatabaseError: Error writing block 1875 (File too large)", "DatabaseError: Error writing block 1875 (File too large)" + kKept},
      {"DatabaseError: Can't commit new revision - failed to flush DB to disk (No space left on device)",
       "DatabaseError: Can't commit new revision - failed to flush DB to disk (No space left on device)" + kKept},
      {"DatabaseError: Error reading block 3: got end of file", "DatabaseError: Error reading block 3: got end of file"},
      {"DatabaseLockError: Unable to get write lock", "DatabaseLockError: Unable to get write lock"},
      {"DatabaseCorruptError: Db block overwritten", "DatabaseCorruptError: Db block overwritten"},
  };
  for (const auto& item : rows) {
    const auto& in = std::get<0>(item);
    const auto& out = std::get<1>(item);
    CAPTURE(in);
    CHECK(rkn::WriteFailureMessage(in) == out);
  }
}

TEST_CASE("a copy of one shard indexed into again reads every file and holds every article") {
  // What `xapian-compact db/shard-1 one.db` gives too: shard 1's documents and file stamps. Its
  // stamps count only that shard's articles, so they must not pass the files as unchanged.
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "corpus");
  const std::string db = (t.path() / "j3.db").string();
  auto r = RunProcess({kIndexBin, corpus.string(), "--db", db, "-j", "3"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const std::string one = (t.path() / "one.db").string();
  fs::copy(fs::path(db) / "shard-1", one, fs::copy_options::recursive);
  REQUIRE(Count(one) < Count(db));

  auto again = RunProcess({kIndexBin, corpus.string(), "--db", one});
  REQUIRE_MESSAGE(again.status == 0, again.err);
  CHECK(again.err.find("rkn-index: note: " + one + ": written as shard 1/3 of another layout") !=
        std::string::npos);
  CHECK(Count(one) == Count(db));
  CHECK(SearchJson(one, "indonesia")["total"] == SearchJson(db, "indonesia")["total"]);

  SUBCASE("the run after that finds every file unchanged, with no note") {
    auto third = RunProcess({kIndexBin, corpus.string(), "--db", one});
    REQUIRE_MESSAGE(third.status == 0, third.err);
    CHECK(third.err.find(" 0 indexed, 0 replaced, " + std::to_string(Count(db)) + " unchanged") != std::string::npos);
    CHECK(third.err.find("note:") == std::string::npos);
  }
}

TEST_CASE("a shard given twice, by itself or through its shard list, is an error rather than every article counted twice") {
  TempDir t("shards");
  const auto [db, shard0, shard1] = IndexTwoShards(t.path());
  const std::string copy = (t.path() / "copy.db").string();
  fs::copy(db, copy, fs::copy_options::recursive);
  struct Row {
    const char* name;
    std::vector<std::string> dbs;
    std::string error;  // "" when the search runs
  };
  const Row rows[] = {
      {"the same path twice", {db, db}, "rkn-search: error: " + db + ": given twice as --db; give it once\n"},
      {"the shard list and one of its shards", {db, shard1},
       "rkn-search: error: " + shard1 + ": holds a shard that --db " + db + " holds too (its articles would count twice)\n"},
      {"a shard and then the list", {shard0, db},
       "rkn-search: error: " + db + ": holds a shard that --db " + shard0 + " holds too (its articles would count twice)\n"},
      {"a copy of the database", {db, copy},
       "rkn-search: error: " + copy + ": holds a shard that --db " + db + " holds too (its articles would count twice)\n"},
      {"the two shards, each once", {shard0, shard1}, ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      const auto r = CountIndonesia(row.dbs);
      if (row.error.empty()) {
        CHECK_MESSAGE(r.status == 0, r.err);
        CHECK(std::stol(r.out) == std::stol(CountIndonesia({db}).out));
      } else {
        CHECK(r.status == 2);
        CHECK(r.err == row.error);
        CHECK(r.out.empty());
      }
    }
  }
}

TEST_CASE("one shard searched without the others says their articles are not searched") {
  // "--db rkn.db/shard-0" searched half of the articles as if they were all, and said nothing.
  TempDir t("shards");
  const auto [db, shard0, shard1] = IndexTwoShards(t.path());
  const std::string lone = (t.path() / "lone").string();  // a shard copied out of its database
  fs::copy(shard1, lone, fs::copy_options::recursive);
  const std::string not_searched = ": the articles of its other shards are not searched (";
  // The README's merge: xapian-compact writes one database of every article, which keeps shard
  // 0's place; it was said to be "shard 1 of 2" on every search.
  const std::string merged = (t.path() / "merged").string();
  const bool can_compact = std::string_view(RKN_XAPIAN_COMPACT) != "";
  if (can_compact) {
    const auto compacted = RunProcess({RKN_XAPIAN_COMPACT, db, merged});
    REQUIRE_MESSAGE(compacted.status == 0, compacted.err);
  } else {
    MESSAGE("skipped: xapian-compact is missing (apt-get install xapian-tools)");
  }
  struct Row {
    const char* name;
    std::vector<std::string> dbs;
    std::string warning;  // "" when none
  };
  const Row rows[] = {
      {"the first shard", {shard0}, "rkn-search: warning: " + shard0 + ": shard 1 of 2 of the database " + db + not_searched + "--db " + db + " searches them all)\n"},
      {"the second shard, written with a slash", {shard1 + "/"},
       "rkn-search: warning: " + shard1 + "/: shard 2 of 2 of the database " + db + not_searched + "--db " + db + " searches them all)\n"},
      {"a shard copied out of its database", {lone},
       "rkn-search: warning: " + lone + ": shard 2 of 2 of an rkn database" + not_searched + "--db that database's folder searches them all)\n"},
      {"both shards", {shard0, shard1}, ""},
      {"the database", {db}, ""},
      {"the shards merged by xapian-compact", {merged}, ""},
  };
  const long all = std::stol(CountIndonesia({db}).out);
  for (const Row& row : rows) {
    if (!can_compact && row.dbs.front() == merged) continue;
    SUBCASE(row.name) {
      const auto r = CountIndonesia(row.dbs);
      CHECK(r.status == 0);
      CHECK(r.err == row.warning);
      if (row.warning.empty()) CHECK(std::stol(r.out) == all);
      else CHECK(std::stol(r.out) < all);
    }
  }
}

TEST_CASE("a shard's place reads back as written, and anything else as none") {
  CHECK(rkn::ShardPlace(1, 3) == "1/3");
  CHECK(rkn::ParseShardPlace(rkn::ShardPlace(1, 3)) == std::make_pair(size_t{1}, size_t{3}));
  CHECK(rkn::ParseShardPlace("0/1") == std::make_pair(size_t{0}, size_t{1}));
  for (const char* bad : {"", "1", "/2", "1/", "2/2", "1/2x", "x/2", "-1/2", "1 /2"}) {
    CAPTURE(bad);
    CHECK_FALSE(rkn::ParseShardPlace(bad).has_value());
  }
}

TEST_CASE("rkn-search refuses another program's database, and databases built with different stemmers searched together") {
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "corpus");
  const std::string dict = (t.path() / "dict.db").string(), snow = (t.path() / "snow.db").string();
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", dict, "-q"}).status == 0);
  REQUIRE(RunProcess({kIndexBin, corpus.string(), "--db", snow, "--stemmer", "snowball", "-q"}).status == 0);
  // The query is stemmed with the first database's stemmer: the other's articles matched only
  // where the two stemmers agree, and nothing said so.
  auto mixed = RunProcess({kSearchBin, "--count", "--db", dict, "--db", snow, "indonesia"});
  CHECK(mixed.status == 2);
  CHECK(mixed.out.empty());
  CHECK(mixed.err == "rkn-search: error: " + snow + ": indexed with the snowball stemmer, --db " + dict +
                         " with the dictionary one: a query is stemmed one way; search them apart\n");
  CHECK(RunProcess({kSearchBin, "--count", "--db", snow, "indonesia"}).status == 0);
  // A stub file listing their shards: Xapian reads a combined database's metadata from its first
  // part only, so the stub's parts are checked one by one.
  const fs::path stub = t.path() / "both.stub";
  std::ofstream(stub) << "glass dict.db/shard-0\nglass snow.db/shard-0\n";
  auto listed = RunProcess({kSearchBin, "--count", "--db", stub.string(), "indonesia"});
  CHECK(listed.status == 2);
  CHECK(listed.err == "rkn-search: error: " + stub.string() + ": lists " + (t.path() / "snow.db/shard-0").string() +
                          ", indexed with the snowball stemmer, " + (t.path() / "dict.db/shard-0").string() +
                          " with the dictionary one: a query is stemmed one way; search them apart\n");
  // A Xapian database another program wrote showed "(untitled)" hits, exit 0.
  const std::string other = (t.path() / "other.db").string();
  {
    Xapian::WritableDatabase w(other, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("indonesia");
    w.add_document(doc);
    w.commit();
  }
  auto foreign = RunProcess({kSearchBin, "--db", other, "indonesia"});
  CHECK(foreign.status == 2);
  CHECK(foreign.out.empty());
  CHECK(foreign.err == "rkn-search: error: " + other +
                           ": not an rkn database (a Xapian database rkn-index did not write; rkn-search reads the databases "
                           "rkn-index writes)\n");
}

TEST_CASE("a second rkn-index that meets another's database being created says it is locked") {
  // The moment another run has created its first shard (and holds its lock) and is writing the
  // shard list to its temporary name: the folder is neither empty nor listed yet.
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "c");
  const fs::path db = t.path() / "db";
  fs::create_directories(db);
  Xapian::WritableDatabase holder((db / "shard-0").string(), Xapian::DB_CREATE);  // holds the lock
  std::ofstream(db / rkn::kStubTempName) << "glass shard-0\n";
  auto r = RunProcess({kIndexBin, corpus.string(), "--db", db.string()});
  CHECK(r.status == 2);
  CHECK(r.err == "rkn-index: error: " + db.string() + ": database is locked: another rkn-index is writing to it\n");
  CHECK(holder.get_doccount() == 0);  // nothing written into it
}

TEST_CASE("a database folder holding only a shard list's temporary file is created as a new database") {
  // Left by a shard list that failed to be written, its shards deleted since.
  TempDir t("shards");
  const fs::path corpus = CopyCorpus(t.path() / "c");
  const fs::path db = t.path() / "db";
  fs::create_directories(db);
  std::ofstream(db / rkn::kStubTempName) << "glass shard-0\n";
  auto r = RunProcess({kIndexBin, corpus.string(), "--db", db.string(), "-q"});
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(Count(db.string()) > 0);
  CHECK_FALSE(fs::exists(db / rkn::kStubTempName));  // renamed to the list
}

TEST_CASE("the shards of a database as rkn-search reads them give each TCP remote shard's address as written") {
  TempDir t("shards");
  const fs::path stub = t.path() / "shards.stub";
  std::ofstream(stub) << "remote 10.0.0.5:33333\n# a comment\nremote  [::1]:0080 \nremote :xapian-progsrv /srv/a.db\nauto local.db\n";
  auto listed = rkn::ListShardsForReading(stub);
  REQUIRE(listed.ok());
  CHECK(listed->remote == 3);
  CHECK(listed->remote_addresses == std::vector<std::string>{"10.0.0.5:33333", "[::1]:0080"});  // a program has none
  CHECK(listed->local == std::vector<fs::path>{t.path() / "local.db"});
  auto tcp = rkn::ListShardsForReading("tcp:10.0.0.6:33333");
  REQUIRE(tcp.ok());
  CHECK(tcp->remote == 1);
  CHECK(tcp->remote_addresses == std::vector<std::string>{"10.0.0.6:33333"});
}
