// RunIndexCommand, the rkn-index command behind indexer/main.cc, called with string streams: the
// --field check, --explain, indexing into a temporary folder, the exit codes and where the
// database path comes from.
#include "common/index_cli.h"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "common/document.h"
#include "common/gzip.h"
#include "common/indexer.h"
#include "common/reader.h"
#include "common/schema.h"
#include "tests/reliability.h"
#include "tests/temp_dir.h"
#include "tests/varied.h"

namespace fs = std::filesystem;
using rkn::IndexArgs;
using rkn::RunIndexCommand;
using rkn::test::TempDir;

namespace {

const std::string kDataDir = std::string(RKN_SOURCE_DIR) + "/data";
const std::string kArticle = std::string(RKN_TEST_DATADIR) + "/labelled/tempo-00.txt";

// What one RunIndexCommand call returned and wrote.
struct Run {
  int code = -1;
  std::string out, err;
};

Run RunCommand(const IndexArgs& args) {
  std::ostringstream out, err;
  Run r;
  r.code = RunIndexCommand(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// Arguments that index `roots` into `db` with the source tree's data folder and one thread.
IndexArgs IndexInto(const std::vector<std::string>& roots, const std::string& db) {
  IndexArgs a;
  a.roots = roots;
  a.db = db;
  a.data_dir = kDataDir;
  a.jobs = 1;
  return a;
}

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Two plain-text articles in `dir`.
void WriteTinyCorpus(const fs::path& dir) {
  Write(dir / "a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(dir / "b.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi menjelang akhir pekan.\n");
}

// Sets an environment variable for the scope, then restores what it was (or unsets it).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value->c_str(), 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Makes `dir` the working directory for the scope, then goes back.
class ScopedCwd {
 public:
  explicit ScopedCwd(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() {
    std::error_code ec;
    fs::current_path(old_, ec);
  }
  ScopedCwd(const ScopedCwd&) = delete;
  ScopedCwd& operator=(const ScopedCwd&) = delete;

 private:
  fs::path old_;
};

// The ids of the documents in `db` (their unique "Q" terms, as IdTerm makes them), sorted.
std::vector<std::string> Ids(const std::string& db) {
  std::vector<std::string> ids;
  Xapian::Database d(db);
  const std::string prefix = rkn::IdTerm("");
  for (auto it = d.allterms_begin(prefix); it != d.allterms_end(prefix); ++it) ids.push_back((*it).substr(prefix.size()));
  return ids;
}

// The key rkn-index records a root under: its real path, '/'-separated.
std::string RootKeyForTest(const fs::path& root) { return fs::weakly_canonical(root).lexically_normal().generic_string(); }

// How many documents of `db` hold the word `term` as indexed (lowercase, unstemmed).
Xapian::doccount DocsWith(const std::string& db, const std::string& term) { return Xapian::Database(db).get_termfreq(term); }

// Makes permissions bind root too, for the scope: the thread's filesystem uid becomes nobody's
// (threads started in the scope inherit it), which drops root's power to read and write past
// them. Does nothing when the tests do not run as root. Files created in the scope belong to
// nobody, so the scope should create what it reads, writes and chmods.
class ScopedNobody {
 public:
  ScopedNobody() {
    if (geteuid() != 0) return;
    setfsuid(65534);
    active_ = setfsuid(static_cast<uid_t>(-1)) == 65534;
  }
  ~ScopedNobody() {
    if (active_) setfsuid(0);
  }
  ScopedNobody(const ScopedNobody&) = delete;
  ScopedNobody& operator=(const ScopedNobody&) = delete;
  // Whether permissions now stop this thread (false: root could not give up its privileges).
  bool ok() const { return geteuid() != 0 || active_; }

 private:
  bool active_ = false;
};

}  // namespace

TEST_CASE("An empty IndexArgs means what an rkn-index command line without options means") {
  const IndexArgs a;
  const rkn::IndexOptions o;
  CHECK(a.jobs == o.jobs);
  CHECK(a.batch == o.batch_docs);
  CHECK((a.max_article_mb << 20) == rkn::ReadOptions{}.max_article_bytes);
  CHECK(a.no_spelling == !o.spelling);
  CHECK(a.db.empty());
  CHECK(a.stemmer.empty());
  CHECK_FALSE(a.explain);
  CHECK_FALSE(a.install_signal_handlers);
}

TEST_CASE("A --field value that is not NAME=FIELD is an error naming it, exit code 2, before anything is read") {
  TempDir t("index-cli");
  const std::string db = (t.path() / "never.db").string();
  const std::string missing = (t.path() / "no-such-root").string();  // an error too, were it looked at
  struct Row {
    const char* value;
    const char* why;
  };
  const Row rows[] = {
      {"x", "no '='"},
      {"=x", "no NAME"},
      {"x=", "no FIELD"},
  };
  for (const bool explain : {false, true}) {
    for (const auto& row : rows) {
      CAPTURE(row.value);
      CAPTURE(row.why);
      CAPTURE(explain);
      IndexArgs a = IndexInto({missing}, db);
      a.fields = {"content=isi", row.value};  // a good value first: every value is checked
      a.explain = explain;
      const Run r = RunCommand(a);
      CHECK(r.code == 2);
      CHECK(r.err == std::string("rkn-index: error: --field ") + row.value + ": expected NAME=FIELD, e.g. content=isi\n");
      CHECK(r.out.empty());
      CHECK_FALSE(fs::exists(db));
    }
  }
}

TEST_CASE("An unknown --field NAME, a field given two keys or a key given to two fields is an error naming them, exit code 2, before anything is read") {
  TempDir t("index-cli");
  const std::string db = (t.path() / "never.db").string();
  const std::string missing = (t.path() / "no-such-root").string();  // an error too, were it looked at
  struct Row {
    std::vector<std::string> fields;
    const char* err;
  };
  const Row rows[] = {
      {{"foo=bar"},
       "rkn-index: error: --field foo=bar: unknown field 'foo' (known: id, title, content, url, date, time, source, "
       "category, author)\n"},
      {{"content=isi", "konten=x=y"},
       "rkn-index: error: --field konten=x=y: unknown field 'konten' (known: id, title, content, url, date, time, "
       "source, category, author)\n"},
      // Both values are named, in the order given.
      {{"content=isi", "content=naskah"},
       "rkn-index: error: --field content=naskah: field 'content' given twice (content=isi, content=naskah)\n"},
      {{"content=isi", "text=naskah"},
       "rkn-index: error: --field text=naskah: field 'content' given twice (content=isi, text=naskah)\n"},
      {{"text=naskah", "content=isi"},
       "rkn-index: error: --field content=isi: field 'content' given twice (text=naskah, content=isi)\n"},
      {{"title=isi", "id=kode", "title=judul"},
       "rkn-index: error: --field title=judul: field 'title' given twice (title=isi, title=judul)\n"},
      // One key for two fields: the content lost its only name, every record was skipped as
      // "without content in a 'isi' field", the key just given.
      {{"title=isi", "content=isi"},
       "rkn-index: error: --field content=isi: key 'isi' given to two fields (title=isi, content=isi)\n"},
      {{"content=Isi", "title=isi"},
       "rkn-index: error: --field title=isi: key 'isi' given to two fields (content=Isi, title=isi)\n"},
  };
  for (const bool explain : {false, true}) {
    for (const auto& row : rows) {
      CAPTURE(row.err);
      CAPTURE(explain);
      IndexArgs a = IndexInto({missing}, db);
      a.fields = row.fields;
      a.explain = explain;
      const Run r = RunCommand(a);
      CHECK(r.code == 2);
      CHECK(r.err == row.err);
      CHECK(r.out.empty());
      CHECK_FALSE(fs::exists(db));
    }
  }
}

TEST_CASE("A --field FIELD may contain '=': NAME ends at the first '='") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  Write(corpus / "a.jsonl", "{\"x=y\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n");
  IndexArgs a = IndexInto({corpus.string()}, (t.path() / "db").string());
  a.fields = {"content=x=y"};
  const Run r = RunCommand(a);
  CHECK(r.code == 0);
  CHECK(r.err.find("rkn-index: 1 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in ") !=
        std::string::npos);
}

TEST_CASE("The same --field given again is taken once, under either name of its field and whatever the key's case") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  Write(corpus / "a.jsonl", "{\"naskah\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n");
  IndexArgs a = IndexInto({corpus.string()}, (t.path() / "db").string());
  a.fields = {"content=naskah", "text=NASKAH", "content=naskah"};  // a wrapper's --field, and the user's
  const Run r = RunCommand(a);
  CHECK(r.code == 0);
  CHECK(r.err.find("rkn-index: 1 files seen, 1 indexed, ") != std::string::npos);
}

TEST_CASE("A repeated id in one dump keeps every article, and a second run finds them all unchanged") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "d";
  const std::string dump =
      "{\"id\":\"7\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n"
      "{\"id\":\"7\",\"content\":\"Bendungan baru diresmikan presiden di Jawa Tengah.\"}\n";
  const std::string db = (t.path() / "db").string();
  struct Step {
    const char* name;
    bool write;  // the file is written (again) before the run
    const char* summary_start;
    bool warned;
  };
  const Step steps[] = {
      {"first run: both indexed, the second keyed by its line; nothing skipped", true,
       "rkn-index: 1 files seen, 2 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in ", true},
      {"second run: the file is unchanged", false,
       "rkn-index: 1 files seen, 0 indexed, 0 replaced, 2 unchanged, 0 removed, 0 skipped in ", false},
      {"the same bytes written again: read again, the same keys, nothing replaced or removed", true,
       "rkn-index: 1 files seen, 0 indexed, 0 replaced, 2 unchanged, 0 removed, 0 skipped in ", true},
  };
  for (const Step& step : steps) {
    CAPTURE(step.name);
    if (step.write) {
      Write(corpus / "a.jsonl", dump);
      fs::last_write_time(corpus / "a.jsonl", fs::last_write_time(corpus / "a.jsonl") + std::chrono::seconds(1));
    }
    const Run r = RunCommand(IndexInto({corpus.string()}, db));
    CAPTURE(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find(step.summary_start) != std::string::npos);
    CHECK((r.err.find("rkn-index: warning: " + (corpus / "a.jsonl").string() + ":2: id '7' already used at line 1; indexed by its line instead\n") !=
           std::string::npos) == step.warned);
  }
}

TEST_CASE("A dump whose ids restart warns about its first 10 repeated ids and counts the rest in one line") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "d";
  // 13 rows with the id "[1, 0]" (the svmihar dumps'): 12 repeated, 10 named, 2 counted.
  std::string csv = "id,content\n";
  unsigned x = 3;
  for (int k = 1; k <= 13; ++k) {
    csv += "\"[1, 0]\",Pertemuan Putin dan Kim di Vladivostok kemarin sore" + rkn::test::VariedWords(&x, 8) + ".\n";
  }
  Write(corpus / "dump.csv", csv);
  const Run r = RunCommand(IndexInto({corpus.string()}, (t.path() / "db").string()));
  CAPTURE(r.err);
  CHECK(r.code == 0);
  const std::string shown = (corpus / "dump.csv").string();
  // The count comes after the last named record, as a warning about the file (no line).
  const std::string named_last =
      "rkn-index: warning: " + shown + ":12: id '[1, 0]' already used at line 2; indexed by its line instead\n";
  const std::string counted = "rkn-index: warning: " + shown +
                              ": 2 more records whose id was already used in this file were indexed by their line "
                              "instead (the first 10 are named above)\n";
  CHECK(r.err.find(named_last + counted) != std::string::npos);
  CHECK(r.err.find(":13: id '[1, 0]'") == std::string::npos);
  size_t named = 0;
  const std::string repeat = ": id '[1, 0]' already used at line 2; indexed by its line instead\n";
  for (size_t at = r.err.find(repeat); at != std::string::npos; at = r.err.find(repeat, at + 1)) ++named;
  CHECK(named == 10);
  // All 13 indexed, and the counted ones are notes, not skipped records.
  CHECK(r.err.find("rkn-index: 1 files seen, 13 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in ") !=
        std::string::npos);
  SUBCASE("--verbose names every one of them, and counts none") {
    IndexArgs v = IndexInto({corpus.string()}, (t.path() / "db-verbose").string());
    v.verbose = true;
    const Run rv = RunCommand(v);
    CAPTURE(rv.err);
    CHECK(rv.code == 0);
    size_t all = 0;
    for (size_t at = rv.err.find(repeat); at != std::string::npos; at = rv.err.find(repeat, at + 1)) ++all;
    CHECK(all == 12);
    CHECK(rv.err.find("rkn-index: warning: " + shown + ":13: id '[1, 0]' already used at line 2; indexed by its line instead\n") !=
          std::string::npos);
    CHECK(rv.err.find("more records") == std::string::npos);
  }
}

TEST_CASE("A date field that cannot be read indexes the article without it, warns about the first 10 and counts all") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "d";
  std::string jsonl;
  unsigned x = 5;
  for (int k = 1; k <= 12; ++k) {
    jsonl += "{\"id\": \"a" + std::to_string(k) + "\", \"date\": \"kemarin sore\", \"content\": \"Pertemuan Putin dan Kim di " +
             "Vladivostok kemarin sore" + rkn::test::VariedWords(&x, 8) + ".\"}\n";
  }
  Write(corpus / "dump.jsonl", jsonl);
  const Run r = RunCommand(IndexInto({corpus.string()}, (t.path() / "db").string()));
  CAPTURE(r.err);
  CHECK(r.code == 0);
  const std::string shown = (corpus / "dump.jsonl").string();
  CHECK(r.err.find("rkn-index: warning: " + shown + ":1: date \"kemarin sore\" not understood; indexed without a date\n") !=
        std::string::npos);
  size_t named = 0;
  for (size_t at = r.err.find("not understood; indexed"); at != std::string::npos; at = r.err.find("not understood; indexed", at + 1)) {
    ++named;
  }
  CHECK(named == 10);
  CHECK(r.err.find("rkn-index: warning: further dates not understood are not shown; the summary counts them\n") !=
        std::string::npos);
  // Indexed, not skipped: the exit code stays 0 and the summary counts the dates.
  CHECK(r.err.find("rkn-index: 1 files seen, 12 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped, "
                   "12 dates not understood in ") != std::string::npos);
  SUBCASE("--verbose names all 12") {
    IndexArgs v = IndexInto({corpus.string()}, (t.path() / "db-verbose").string());
    v.verbose = true;
    const Run rv = RunCommand(v);
    CAPTURE(rv.err);
    size_t all = 0;
    for (size_t at = rv.err.find("not understood; indexed"); at != std::string::npos; at = rv.err.find("not understood; indexed", at + 1)) {
      ++all;
    }
    CHECK(all == 12);
    CHECK(rv.err.find("are not shown") == std::string::npos);
  }
  SUBCASE("a record whose url has a date is indexed with its day, and the warning says so") {
    Write(corpus / "dump.jsonl", "{\"url\": \"https://news.okezone.com/read/2019/09/09/18/2100000/judul\", \"date\": "
                                 "\"kemarin sore\", \"content\": \"Pertemuan Putin dan Kim di Vladivostok.\"}\n");
    const Run u = RunCommand(IndexInto({corpus.string()}, (t.path() / "db").string()));
    CAPTURE(u.err);
    CHECK(u.err.find("rkn-index: warning: " + shown + ":1: date \"kemarin sore\" not understood; indexed with 2019-09-09 "
                      "from its URL\n") != std::string::npos);
  }
}

TEST_CASE("A date field holding a JSON object or a boolean is a date not understood, not a date left out") {
  const std::pair<const char*, const char*> rows[] = {{"{\"y\": 2019}", "{...}"}, {"true", "true"}, {"false", "false"}};
  for (const auto& item : rows) {
    const auto& value = std::get<0>(item);
    const auto& shown = std::get<1>(item);
    CAPTURE(value);
    TempDir t("index-cli");
    const fs::path corpus = t.path() / "d";
    Write(corpus / "dump.jsonl", std::string("{\"id\": \"a1\", \"date\": ") + value +
                                     ", \"content\": \"Pertemuan Putin dan Kim di Vladivostok.\"}\n");
    const Run r = RunCommand(IndexInto({corpus.string()}, (t.path() / "db").string()));
    CAPTURE(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("rkn-index: warning: " + (corpus / "dump.jsonl").string() + ":1: date \"" + shown +
                     "\" not understood; indexed without a date\n") != std::string::npos);
    CHECK(r.err.find("1 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped, 1 dates not understood in ") != std::string::npos);
  }
}

TEST_CASE("A number as a record's content is no article text: the record is skipped, as one without content") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "d";
  Write(corpus / "dump.jsonl", "{\"id\": \"a1\", \"title\": 2019, \"content\": 12345}\n"
                               "{\"id\": \"a2\", \"title\": 2019, \"content\": \"Pertemuan Putin dan Kim di Vladivostok.\"}\n");
  const Run r = RunCommand(IndexInto({corpus.string()}, (t.path() / "db").string()));
  CHECK(r.code == 3);
  CHECK(r.err.find("rkn-index: warning: " + (corpus / "dump.jsonl").string() + ":1: record has no content; skipped\n") !=
        std::string::npos);
  CHECK(Ids((t.path() / "db").string()) == std::vector<std::string>{"dump.jsonl#a2"});
}

TEST_CASE("A dump of many records without content names the first 10, counts the rest in one line, and skips them all") {
  // It printed a warning per record: thousands of lines for a dump whose scraper lost the text.
  const std::string article = "Pertemuan Putin dan Kim di Vladivostok kemarin sore.";
  // 25 records without content, then one article under `key`.
  const auto jsonl = [&](const std::string& key) {
    std::string text;
    for (int k = 1; k <= 25; ++k) text += "{\"id\": \"a" + std::to_string(k) + "\", \"title\": \"Judul\"}\n";
    return text + "{\"id\": \"z\", \"" + key + "\": \"" + article + "\"}\n";
  };
  std::string csv = "id,judul,isi\n";
  for (int k = 1; k <= 25; ++k) csv += "a" + std::to_string(k) + ",,\n";  // a title and an empty cell: indexed by the title
  csv += "z,Judul," + article + "\n";
  struct Row {
    const char* name;
    std::string text;
    std::vector<std::string> fields;
    int tenth_line;  // of the records named
    std::string what;
  };
  const Row rows[] = {
      {"dump.jsonl", jsonl("content"), {}, 10, "record has no content; skipped"},
      {"dump.csv", csv, {}, 11, "record has no content; skipped"},  // the header is line 1
      {"dump.jsonl", jsonl("naskah"), {"content=naskah"}, 10,
       "record has no content in a 'naskah' field (--field content=naskah); skipped"},
  };
  for (const Row& row : rows) {
    for (const bool explain : {false, true}) {
      CAPTURE(std::string(row.name));
      CAPTURE(row.what);
      CAPTURE(explain);
      TempDir t("index-cli");
      const fs::path corpus = t.path() / "d";
      Write(corpus / row.name, row.text);
      IndexArgs a = IndexInto({corpus.string()}, (t.path() / "db").string());
      a.fields = row.fields;
      a.explain = explain;
      const Run r = RunCommand(a);
      CAPTURE(r.err);
      const std::string shown = (corpus / row.name).string();
      const std::string one = ": " + row.what + "\n";
      size_t named = 0;
      for (int line = row.tenth_line - 9; line < row.tenth_line + 16; ++line) {
        named += r.err.find(shown + ":" + std::to_string(line) + one) != std::string::npos;
      }
      CHECK(named == 10);
      // The count comes after the last record named, as a warning about the file (no line).
      CHECK(r.err.find("rkn-index: warning: " + shown + ":" + std::to_string(row.tenth_line) + one + "rkn-index: warning: " +
                       shown + ": 15 more records (the first 10 are named above): " + row.what + "\n") != std::string::npos);
      if (explain) {
        CHECK(r.code == 0);
        CHECK(r.out.find(article) != std::string::npos);
      } else {
        // All 25 are skipped and counted, as before.
        CHECK(r.code == 3);
        CHECK(r.err.find("rkn-index: 1 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 25 skipped (bad record: 25) "
                         "in ") != std::string::npos);
        // --verbose names all 25, and counts none.
        a.verbose = true;
        a.db = (t.path() / "db-verbose").string();
        const Run v = RunCommand(a);
        CAPTURE(v.err);
        size_t all = 0;
        for (int line = row.tenth_line - 9; line < row.tenth_line + 16; ++line) {
          all += v.err.find(shown + ":" + std::to_string(line) + one) != std::string::npos;
        }
        CHECK(all == 25);
        CHECK(v.err.find("more records") == std::string::npos);
        CHECK(v.code == 3);
      }
    }
  }
}

TEST_CASE("An unknown --stemmer name is an error, exit code 2") {
  TempDir t("index-cli");
  IndexArgs a = IndexInto({(t.path() / "c").string()}, (t.path() / "never.db").string());
  a.stemmer = "porter";
  const Run r = RunCommand(a);
  CHECK(r.code == 2);
  CHECK(r.err == "rkn-index: error: --stemmer: unknown stemmer 'porter' (expected dictionary or snowball)\n");
  CHECK_FALSE(fs::exists(t.path() / "never.db"));
}

TEST_CASE("--explain writes every line's decision and the metadata to out, and no database") {
  TempDir t("index-cli");
  const std::string db = (t.path() / "never.db").string();
  IndexArgs a = IndexInto({kArticle}, db);
  a.explain = true;
  const ScopedCwd cwd(t.path());  // where ./rkn.db would go

  SUBCASE("as a table") {
    const Run r = RunCommand(a);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("== tempo-00.txt\n", 0) == 0);
    CHECK(r.out.find("\nkeep 1\t") != std::string::npos);
    CHECK(r.out.find("\n-- title: ") != std::string::npos);
  }
  SUBCASE("as JSON, one object per line") {
    a.json = true;
    const Run r = RunCommand(a);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    std::istringstream lines(r.out);
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
      CAPTURE(line);
      const auto j = nlohmann::json::parse(line, nullptr, false);
      REQUIRE(j.is_object());
    }
    CHECK(n > 1);
    CHECK(r.out.find("\"file\":\"tempo-00.txt\"") != std::string::npos);
    CHECK(r.out.find("\"skipped\":null") != std::string::npos);  // indexed
  }
  SUBCASE("an article indexing would skip says so, with the rules that took its lines") {
    // --explain showed a record as an article with a title, while indexing skipped it.
    const fs::path dump = t.path() / "xref.jsonl";
    Write(dump, R"({"content":"Baca juga: Harga emas turun","url":"https://a.id/x"})" "\n");
    IndexArgs e = IndexInto({dump.string()}, db);
    e.explain = true;
    const Run table = RunCommand(e);
    CHECK(table.code == 0);
    CHECK(table.out.find("\n-- skipped: no text left after cleaning (rules that took its lines: xref-baca-juga)\n") !=
          std::string::npos);
    e.json = true;
    const Run json = RunCommand(e);
    CHECK(json.out.find(R"x("skipped":"no text left after cleaning (rules that took its lines: xref-baca-juga)")x") !=
          std::string::npos);
  }
  SUBCASE("a record whose title field is all that is left is no skip: indexing takes it by its title") {
    const fs::path dump = t.path() / "three.jsonl";
    Write(dump, R"({"title":"Abc","content":"abc","url":"https://a.id/x"})" "\n");
    IndexArgs e = IndexInto({dump.string()}, db);
    e.explain = true;
    e.json = true;
    const Run json = RunCommand(e);
    CHECK(json.code == 0);
    CHECK(json.out.find(R"x("skipped":null)x") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(db));
  CHECK_FALSE(fs::exists(t.path() / rkn::schema::kDefaultDb));
}

TEST_CASE("--explain as a table shows escape sequences and bidirectional controls of a file name escaped, and JSON the exact name") {
  TempDir t("index-cli");
  const fs::path f = t.path() / "esc\x1b]0;x\u202etxt.txt";
  Write(f, "Judul \xe2\x80\xae berita\n\nPertemuan Putin dan Kim \x1b[2J di Vladivostok berlangsung kemarin sore.\n");
  IndexArgs a = IndexInto({f.string()}, (t.path() / "never.db").string());
  a.explain = true;
  const Run r = RunCommand(a);
  CHECK(r.code == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("\xe2\x80\xae") == std::string::npos);
  CHECK(r.out.rfind("== esc\\x1b]0;x\\u202etxt.txt\n", 0) == 0);
  // Text is normalised as it is read: control characters blanked, bidirectional ones dropped.
  CHECK(r.out.find("Kim  [2J di") != std::string::npos);
  CHECK(r.out.find("-- title: Judul  berita\n") != std::string::npos);
  a.json = true;
  const Run j = RunCommand(a);
  CHECK(j.code == 0);
  CHECK(j.out.find("\"file\":\"esc\\u001b]0;x\xe2\x80\xaetxt.txt\"") != std::string::npos);  // JSON's escape of the exact name
}

TEST_CASE("Indexing a tiny corpus exits 0 and ends with the summary line on err") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  WriteTinyCorpus(corpus);
  const std::string db = (t.path() / "tiny.db").string();

  const Run first = RunCommand(IndexInto({corpus.string()}, db));
  CHECK(first.code == 0);
  CHECK(first.out.empty());
  CHECK(first.err.rfind("rkn-index: ", 0) == 0);
  CHECK(first.err.find("rkn-index: 2 files seen, 2 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in ") == 0);
  CHECK(first.err.find('\n') == first.err.size() - 1);  // one line: no progress line when stderr is no terminal
  CHECK(fs::exists(db));

  SUBCASE("a second run finds both files unchanged") {
    const Run again = RunCommand(IndexInto({corpus.string()}, db));
    CHECK(again.code == 0);
    CHECK(again.err.find("rkn-index: 2 files seen, 0 indexed, 0 replaced, 2 unchanged, ") == 0);
  }
  SUBCASE("--quiet prints nothing") {
    IndexArgs a = IndexInto({corpus.string()}, db);
    a.quiet = true;  // (with --verbose it is a usage error: see "Options that contradict each other")
    const Run r = RunCommand(a);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.empty());
  }
}

TEST_CASE("The exit code says whether inputs were skipped, and --field reaches the record reader") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  // The content is under a key the reader does not know by default.
  Write(corpus / "a.jsonl", "{\"judul\":\"Judul satu\",\"naskah\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n");
  struct Row {
    std::vector<std::string> fields;
    int code;
    const char* summary_start;
  };
  const Row rows[] = {
      {{}, 3, "rkn-index: 1 files seen, 0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped (bad record: 1) in "},
      {{"content=naskah"}, 0, "rkn-index: 1 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in "},
  };
  int i = 0;
  for (const auto& row : rows) {
    CAPTURE(row.summary_start);
    IndexArgs a = IndexInto({corpus.string()}, (t.path() / ("db" + std::to_string(i++))).string());
    a.fields = row.fields;
    const Run r = RunCommand(a);
    CHECK(r.code == row.code);
    CHECK(r.err.find(row.summary_start) != std::string::npos);
    if (row.code == 3) {
      CHECK(r.err.rfind("rkn-index: warning: " + (corpus / "a.jsonl").string() + ":1: record has no content; skipped\n", 0) == 0);
    }
  }
}

TEST_CASE("A file is read again when --field or --max-article-mb changes, and not when they stay") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  Write(corpus / "a.jsonl", "{\"judul\":\"Judul satu\",\"naskah\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n");
  const std::string db = (t.path() / "one.db").string();
  struct Step {
    const char* name;
    std::vector<std::string> fields;
    uint64_t max_article_mb;
    bool read;  // the file is read (--verbose says "a.jsonl: 1 document(s) read")
    int code;
    const char* summary_start;
  };
  // One database throughout: each run sees what the one before it left.
  const Step steps[] = {
      {"no mapping: the record has no content", {}, 16, false, 3,
       "rkn-index: 1 files seen, 0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped (bad record: 1) in "},
      {"the mapping added: read again, indexed", {"content=naskah"}, 16, true, 0,
       "rkn-index: 1 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in "},
      {"the same mapping: not read", {"content=naskah"}, 16, false, 0,
       "rkn-index: 1 files seen, 0 indexed, 0 replaced, 1 unchanged, 0 removed, 0 skipped in "},
      {"another size limit: read again, the article unchanged", {"content=naskah"}, 32, true, 0,
       "rkn-index: 1 files seen, 0 indexed, 0 replaced, 1 unchanged, 0 removed, 0 skipped in "},
  };
  for (const Step& step : steps) {
    CAPTURE(step.name);
    IndexArgs a = IndexInto({corpus.string()}, db);
    a.fields = step.fields;
    a.max_article_mb = step.max_article_mb;
    a.verbose = true;
    const Run r = RunCommand(a);
    CHECK(r.code == step.code);
    CHECK(r.err.find(step.summary_start) != std::string::npos);
    CHECK((r.err.find("a.jsonl: 1 document(s) read\n") != std::string::npos) == step.read);
  }
}

TEST_CASE("A run whose files have the paths of articles indexed from another root says so") {
  TempDir t("index-cli");
  Write(t.path() / "a" / "x.txt", "Artikel pertama tentang panen padi di Karawang.\n");
  Write(t.path() / "b" / "x.txt", "Artikel kedua tentang banjir di Bekasi.\n");
  const std::string db = (t.path() / "db").string();
  IndexArgs a = IndexInto({(t.path() / "a").string()}, db);
  REQUIRE(RunCommand(a).code == 0);
  CHECK(RunCommand(a).err.find("another root") == std::string::npos);  // the same root again
  const Run other = RunCommand(IndexInto({(t.path() / "b").string()}, db));
  CHECK(other.code == 0);
  CHECK(other.err.rfind("rkn-index: warning: 1 file(s) have the paths of articles indexed from another root, e.g. x.txt "
                        "(indexed from ", 0) == 0);
  CHECK(other.err.find("1 replaced") != std::string::npos);
}

TEST_CASE("The warning about articles indexed from another root counts each file once, whatever the shards") {
  for (const size_t jobs : {1, 2, 3, 8}) {
    CAPTURE(jobs);
    TempDir t("index-cli");
    for (int i = 0; i < 5; ++i) {
      const std::string n = std::to_string(i);
      Write(t.path() / "a" / (n + ".txt"), "Artikel nomor " + n + " tentang panen padi di Karawang.\n");
    }
    fs::copy(t.path() / "a", t.path() / "b");
    const std::string db = (t.path() / "db").string();
    IndexArgs a = IndexInto({(t.path() / "a").string()}, db);
    a.jobs = jobs;
    REQUIRE(RunCommand(a).code == 0);
    a.roots = {(t.path() / "b").string()};
    const Run other = RunCommand(a);
    CAPTURE(other.err);
    CHECK(other.code == 0);
    CHECK(other.err.rfind("rkn-index: warning: 5 file(s) have the paths of articles indexed from another root, e.g. ", 0) == 0);
    CHECK(other.err.find("; they take those articles over (fine for a moved corpus") != std::string::npos);
    CHECK(Ids(db).size() == 5);
  }
}

TEST_CASE("A renamed dump keeps its articles, and an id in two dumps stays indexed whichever of them goes") {
  const std::string dump =
      "{\"url\":\"https://example.id/1\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n"
      "{\"url\":\"https://example.id/2\",\"content\":\"Bendungan baru diresmikan presiden di Jawa Tengah.\"}\n";
  SUBCASE("renamed: the new name takes the articles over, nothing is removed") {
    TempDir t("index-cli");
    const fs::path d = t.path() / "d";
    Write(d / "a.jsonl", dump);
    const std::string db = (t.path() / "db").string();
    REQUIRE(RunCommand(IndexInto({d.string()}, db)).code == 0);
    fs::rename(d / "a.jsonl", d / "b.jsonl");
    const Run r = RunCommand(IndexInto({d.string()}, db));
    CAPTURE(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("0 indexed, 2 replaced, 0 unchanged, 0 removed") != std::string::npos);
    CHECK(Ids(db).size() == 2);
    CHECK(RunCommand(IndexInto({d.string()}, db)).err.find("2 unchanged, 0 removed") != std::string::npos);
    CHECK(Ids(db).size() == 2);
  }
  for (const char* gone : {"a.jsonl", "b.jsonl"}) {
    SUBCASE((std::string("in two dumps, then ") + gone + " deleted").c_str()) {
      TempDir t("index-cli");
      const fs::path d = t.path() / "d";
      Write(d / "a.jsonl", dump);
      Write(d / "b.jsonl", dump);
      const std::string db = (t.path() / "db").string();
      const Run first = RunCommand(IndexInto({d.string()}, db));
      CAPTURE(first.err);
      CHECK(first.code == 3);  // records skipped
      CHECK(first.err.find("rkn-index: warning: " + (d / "b.jsonl").string() +
                           ":1: id 'https://example.id/1' is already indexed from a.jsonl; that article is kept\n") !=
            std::string::npos);
      CHECK(first.err.find("2 indexed, 0 replaced, 0 unchanged, 0 removed, 2 skipped (id indexed from another file: 2)") !=
            std::string::npos);
      CHECK(Ids(db).size() == 2);
      fs::remove(d / gone);
      const Run after = RunCommand(IndexInto({d.string()}, db));
      CAPTURE(after.err);
      CHECK(after.code == 0);
      CHECK(Ids(db).size() == 2);
      CHECK(DocsWith(db, "bendungan") == 1);
      CHECK(RunCommand(IndexInto({d.string()}, db)).err.find("2 unchanged, 0 removed, 0 skipped") != std::string::npos);
      CHECK(Ids(db).size() == 2);
    }
  }
}

TEST_CASE("An id in dumps under two roots indexed by separate runs stays with the dump that has it until that dump is gone") {
  // The same two ids in a dump of root a and, with other text, in a dump of root b.
  const std::string dump_a =
      "{\"url\":\"https://example.id/1\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n"
      "{\"url\":\"https://example.id/2\",\"content\":\"Bendungan baru diresmikan presiden di Jawa Tengah.\"}\n";
  const std::string dump_b =
      "{\"url\":\"https://example.id/1\",\"content\":\"Pertemuan Putin dan Kim di Pyongyang kemarin malam.\"}\n"
      "{\"url\":\"https://example.id/2\",\"content\":\"Waduk baru diresmikan presiden di Jawa Timur.\"}\n";
  TempDir t("index-cli");
  const fs::path a = t.path() / "a", b = t.path() / "b";
  Write(a / "a.jsonl", dump_a);
  Write(b / "b.jsonl", dump_b);
  const std::string db = (t.path() / "db").string();
  REQUIRE(RunCommand(IndexInto({a.string()}, db)).code == 0);
  // Root a is not in b's run, so a.jsonl is not known to be gone: its articles stay, and b.jsonl
  // is read again by later runs.
  const Run over_b = RunCommand(IndexInto({b.string()}, db));
  CAPTURE(over_b.err);
  CHECK(over_b.code == 3);
  CHECK(over_b.err.find("rkn-index: warning: " + (b / "b.jsonl").string() +
                        ":1: id 'https://example.id/1' is already indexed from a.jsonl; that article is kept\n") != std::string::npos);
  CHECK(over_b.err.find("0 indexed, 0 replaced, 0 unchanged, 0 removed, 2 skipped (id indexed from another file: 2)") !=
        std::string::npos);
  CHECK(DocsWith(db, "vladivostok") == 1);
  CHECK(DocsWith(db, "pyongyang") == 0);
  CHECK(RunCommand(IndexInto({a.string()}, db)).err.find("0 indexed, 0 replaced, 2 unchanged, 0 removed") != std::string::npos);
  SUBCASE("b's dump deleted: a's articles stay") {
    fs::remove(b / "b.jsonl");
    RunCommand(IndexInto({b.string()}, db));
    CHECK(Ids(db).size() == 2);
    CHECK(DocsWith(db, "vladivostok") == 1);
    CHECK(RunCommand(IndexInto({a.string()}, db)).err.find("2 unchanged, 0 removed") != std::string::npos);
    CHECK(Ids(db).size() == 2);
  }
  SUBCASE("a's folder deleted: no run can walk it, and b's next run takes the articles over") {
    fs::remove_all(a);
    const Run again = RunCommand(IndexInto({b.string()}, db));
    CAPTURE(again.err);
    CHECK(again.code == 0);
    CHECK(again.err.find("0 indexed, 2 replaced, 0 unchanged, 0 removed, 0 skipped") != std::string::npos);
    CHECK(DocsWith(db, "pyongyang") == 1);
    CHECK(DocsWith(db, "vladivostok") == 0);
  }
  SUBCASE("a's dump deleted: its run removes the articles, and b's next run indexes its own") {
    fs::remove(a / "a.jsonl");
    // The root holds no file now: as an unmounted disk's, its articles are kept unless the run
    // says the folder was emptied on purpose.
    CHECK(RunCommand(IndexInto({a.string()}, db)).code == 3);
    IndexArgs emptied = IndexInto({a.string()}, db);
    emptied.allow_empty_root = true;
    CHECK(RunCommand(emptied).err.find("2 removed") != std::string::npos);
    const Run again = RunCommand(IndexInto({b.string()}, db));
    CAPTURE(again.err);
    CHECK(again.code == 0);
    CHECK(again.err.find("2 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped") != std::string::npos);
    CHECK(DocsWith(db, "pyongyang") == 1);
    CHECK(RunCommand(IndexInto({b.string()}, db)).err.find("2 unchanged") != std::string::npos);
  }
}

TEST_CASE("A dump given as its own root and renamed keeps its articles under the new name") {
  TempDir t("index-cli");
  const fs::path a = t.path() / "a.jsonl", b = t.path() / "b.jsonl";
  Write(a, "{\"url\":\"https://example.id/1\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n");
  const std::string db = (t.path() / "db").string();
  REQUIRE(RunCommand(IndexInto({a.string()}, db)).code == 0);
  fs::rename(a, b);  // the old root cannot be walked any more
  const Run r = RunCommand(IndexInto({b.string()}, db));
  CAPTURE(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.find("0 indexed, 1 replaced, 0 unchanged, 0 removed, 0 skipped") != std::string::npos);
  CHECK(RunCommand(IndexInto({b.string()}, db)).err.find("1 unchanged") != std::string::npos);
  CHECK(Ids(db).size() == 1);
}

TEST_CASE("A root inside a root indexed before keeps the ids a run over that root gives, and the reverse leaves no copies") {
  TempDir t("index-cli");
  const fs::path c = t.path() / "corpus";
  const std::string db = (t.path() / "db").string();
  Write(c / "x.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(c / "sub" / "y.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi menjelang akhir pekan.\n");
  Write(c / "sub" / "z.txt", "Judul tiga\n\nBanjir melanda kampung di tepi sungai sejak pagi tadi.\n");
  const std::vector<std::string> all = {"sub/y.txt", "sub/z.txt", "x.txt"};
  SUBCASE("the whole corpus, then a folder of it: replaced and removed under the corpus's ids") {
    REQUIRE(RunCommand(IndexInto({c.string()}, db)).code == 0);
    Write(c / "sub" / "y.txt", "Judul dua\n\nHarga cabai turun di pasar Bekasi menjelang akhir pekan ini.\n");
    fs::remove(c / "sub" / "z.txt");
    const Run r = RunCommand(IndexInto({(c / "sub").string()}, db));
    CHECK(r.code == 0);
    CHECK(r.err.rfind("rkn-index: note: " + (c / "sub").string() + ": inside the root " + RootKeyForTest(c) +
                          " indexed into this database before; its files keep their ids under it (sub/...)\n",
                      0) == 0);
    CHECK(r.err.find("1 files seen, 0 indexed, 1 replaced, 0 unchanged, 1 removed") != std::string::npos);
    CHECK(Ids(db) == std::vector<std::string>{"sub/y.txt", "x.txt"});  // x.txt, outside the folder, is kept
    CHECK(DocsWith(db, "turun") == 1);
  }
  SUBCASE("the whole corpus, then one file of it: that file alone is looked at") {
    REQUIRE(RunCommand(IndexInto({c.string()}, db)).code == 0);
    const Run r = RunCommand(IndexInto({(c / "sub" / "z.txt").string()}, db));
    CHECK(r.code == 0);
    CHECK(r.err.find("1 files seen, 0 indexed, 0 replaced, 1 unchanged, 0 removed") != std::string::npos);
    CHECK(Ids(db) == all);
  }
  SUBCASE("a folder first, then the whole corpus: the folder's articles move to the corpus's ids") {
    REQUIRE(RunCommand(IndexInto({(c / "sub").string()}, db)).code == 0);
    CHECK(Ids(db) == std::vector<std::string>{"y.txt", "z.txt"});
    const Run r = RunCommand(IndexInto({c.string()}, db));
    CHECK(r.code == 0);
    CHECK(r.err.find("3 files seen, 3 indexed, 0 replaced, 0 unchanged, 2 removed") != std::string::npos);
    CHECK(Ids(db) == all);
    CHECK(DocsWith(db, "cabai") == 1);
  }
  SUBCASE("a run over the same folder again changes nothing") {
    REQUIRE(RunCommand(IndexInto({c.string()}, db)).code == 0);
    REQUIRE(RunCommand(IndexInto({(c / "sub").string()}, db)).code == 0);
    const Run r = RunCommand(IndexInto({(c / "sub").string()}, db));
    CHECK(r.err.find("2 files seen, 0 indexed, 0 replaced, 2 unchanged, 0 removed") != std::string::npos);
    CHECK(Ids(db) == all);
  }
}

TEST_CASE("Warnings name a file by the path it is reached by, so that files of two roots are told apart") {
  TempDir t("index-cli");
  const fs::path a = t.path() / "a", b = t.path() / "b";
  Write(a / "x.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(a / "sub" / "bad.txt", std::string("\0\1biner", 7));
  Write(b / "bad.jsonl", "{\"content\": \"Harga cabai naik di pasar Bekasi menjelang akhir pekan.\"}\nbukan json\n");
  Write(b / "foto.jpg", "x");
  IndexArgs args = IndexInto({a.string(), b.string()}, (t.path() / "db").string());
  args.verbose = true;
  const Run r = RunCommand(args);
  CHECK(r.code == 3);
  CHECK(r.err.find("rkn-index: warning: " + (a / "sub" / "bad.txt").string() + ": binary data") != std::string::npos);
  CHECK(r.err.find("rkn-index: warning: " + (b / "bad.jsonl").string() + ":2: broken JSON line skipped") != std::string::npos);
  CHECK(r.err.find("rkn-index: skipped: " + (b / "foto.jpg").string() + ": unknown type .jpg\n") != std::string::npos);
  CHECK(r.err.find("rkn-index: " + (b / "bad.jsonl").string() + ": 1 document(s) read\n") != std::string::npos);
}

TEST_CASE("Options that contradict each other are a usage error naming both, before anything is read") {
  TempDir t("index-cli");
  struct Row {
    const char* name;
    bool json, quiet, verbose, explain;
    std::string err;
  };
  const std::vector<Row> rows = {
      {"--json without --explain", true, false, false, false,
       "rkn-index: error: --json: goes with --explain (rkn-index writes no JSON otherwise)\n"},
      {"-q with -v", false, true, true, false,
       "rkn-index: error: -q/--quiet and -v/--verbose: give one of them (quiet prints only errors, verbose a line per file)\n"},
      {"-q with -v under --explain", false, true, true, true,
       "rkn-index: error: -q/--quiet and -v/--verbose: give one of them (quiet prints only errors, verbose a line per file)\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      IndexArgs a = IndexInto({kArticle}, (t.path() / "never.db").string());
      a.json = row.json;
      a.quiet = row.quiet;
      a.verbose = row.verbose;
      a.explain = row.explain;
      const Run r = RunCommand(a);
      CHECK(r.code == 2);
      CHECK(r.err == row.err);
      CHECK(r.out.empty());
      CHECK_FALSE(fs::exists(t.path() / "never.db"));
    }
  }
}

TEST_CASE("A file that cannot be indexed is counted in the summary under the reason that fits it") {
  TempDir t("index-cli");
  struct Row {
    const char* file;
    std::string content;
    const char* reason;  // as the summary line counts it
  };
  const std::vector<Row> rows = {
      {"no-content-column.csv", "judul,tanggal\nSatu,2019-05-10\n", "bad input"},
      {"binary.txt", std::string("Judul\0\0\0isi", 12), "bad input"},
      {"not-json.json", "[ bukan json", "bad input"},
      {"not-gzip.txt.gz", "Judul\n\nIsi berita yang tidak dikompresi sama sekali.\n", "bad input"},
      {"too-big.txt", "Besar\n\n" + std::string(3u << 19, 'x') + "\n", "too large or unsupported"},
      // A whole-file article cut short is not the article: nothing of it is indexed.
      {"cut.txt.gz", [] {
         const std::string gz = rkn::Gzip("Judul\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
         return gz.substr(0, gz.size() - 12);
       }(), "bad input"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.file) {
      const fs::path file = t.path() / "c" / row.file;
      Write(file, row.content);
      IndexArgs a = IndexInto({file.string()}, (t.path() / "reasons.db").string());
      a.max_article_mb = 1;
      const Run r = RunCommand(a);
      CHECK(r.code == 3);
      CHECK_MESSAGE(r.err.find(" 1 skipped (" + std::string(row.reason) + ": 1) in ") != std::string::npos, r.err);
    }
  }
}

TEST_CASE("A truncated .jsonl.gz indexes its records before the cut, keeps the rest and is read again") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string db = (t.path() / "trunc.db").string();
  std::string jsonl;
  unsigned x = 3;
  for (int i = 1; i <= 200; ++i) {
    const std::string words = rkn::test::VariedWords(&x, 10);
    jsonl += R"({"id": ")" + std::to_string(i) + R"(", "title": "Berita )" + std::to_string(i) +
             R"(", "content": "Pertemuan di Vladivostok)" + words + "\"}\n";
  }
  const std::string whole = rkn::Gzip(jsonl);
  const std::string cut = whole.substr(0, whole.size() / 2);
  const fs::path file = corpus / "dump.jsonl.gz";
  const std::string warning_head = "rkn-index: warning: " + file.string() + ":";
  const std::string warning_tail = ": truncated gzip stream; the records before this line are read\n";

  SUBCASE("the first run indexes the records before the cut and names the line it breaks in") {
    Write(file, cut);
    const Run r = RunCommand(IndexInto({corpus.string()}, db));
    CHECK(r.code == 3);
    const size_t at = r.err.find(warning_head);
    REQUIRE(at != std::string::npos);
    const size_t line_end = r.err.find(':', at + warning_head.size());
    const int line = std::stoi(r.err.substr(at + warning_head.size(), line_end - at - warning_head.size()));
    CHECK(r.err.substr(line_end, warning_tail.size()) == warning_tail);
    CHECK(line > 1);
    CHECK(line < 200);
    CHECK(Ids(db).size() == static_cast<size_t>(line - 1));
    CHECK(r.err.find("(bad input: 1)") != std::string::npos);
    // Not read whole: the next run reads it again, and says so again.
    const Run again = RunCommand(IndexInto({corpus.string()}, db));
    CHECK(again.code == 3);
    CHECK(again.err.find(warning_head + std::to_string(line) + warning_tail) != std::string::npos);
    CHECK(again.err.find(" 0 indexed, 0 replaced, " + std::to_string(line - 1) + " unchanged, 0 removed") != std::string::npos);
  }
  SUBCASE("after a whole copy, a truncated one keeps every article indexed from it") {
    Write(file, whole);
    REQUIRE(RunCommand(IndexInto({corpus.string()}, db)).code == 0);
    REQUIRE(Ids(db).size() == 200);
    Write(file, cut);
    const Run r = RunCommand(IndexInto({corpus.string()}, db));
    CHECK(r.code == 3);
    CHECK(r.err.find(" 0 removed, ") != std::string::npos);
    CHECK(Ids(db).size() == 200);
    Write(file, whole);  // the whole file again: read, nothing lost or doubled
    const Run healed = RunCommand(IndexInto({corpus.string()}, db));
    CHECK(healed.code == 0);
    CHECK(Ids(db).size() == 200);
  }
}

TEST_CASE("An unchanged dump whose bad records never had an article is not read again") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  Write(corpus / "a.jsonl", "{\"id\":\"1\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok.\"}\n{\"id\":\"2\",\"content\":\"\"}\n");
  IndexArgs a = IndexInto({corpus.string()}, (t.path() / "db").string());
  a.verbose = true;
  const Run first = RunCommand(a);
  CHECK(first.code == 3);
  CHECK(first.err.find("a.jsonl:2: record has no content; skipped") != std::string::npos);
  const Run second = RunCommand(a);
  CHECK(second.code == 0);
  CHECK(second.err.find("record has no content") == std::string::npos);  // not repeated
  CHECK(second.err.find("document(s) read") == std::string::npos);       // not read
  CHECK(second.err.find("1 files seen, 0 indexed, 0 replaced, 1 unchanged, 0 removed, 0 skipped") != std::string::npos);
}

TEST_CASE("The words of a deleted or replaced article leave the spelling data") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  WriteTinyCorpus(corpus);
  Write(corpus / "z.txt", "Judul tiga\n\nSeekor jerapahbelang terlihat di kebun binatang.\n");
  const std::string db = (t.path() / "db").string();
  IndexArgs a = IndexInto({corpus.string()}, db);
  a.quiet = true;
  auto spelled = [&](const std::string& word) { return rkn::test::SpellingFrequency(Xapian::Database(db), word); };
  REQUIRE(RunCommand(a).code == 0);
  // Frequencies count a word's weight in each article (lead words twice): compare, not count.
  const auto kebun = spelled("kebun"), vladivostok = spelled("vladivostok");
  CHECK(spelled("jerapahbelang") > 0);
  CHECK(kebun > 0);
  SUBCASE("deleted") {
    fs::remove(corpus / "z.txt");
    REQUIRE(RunCommand(a).code == 0);
    CHECK(spelled("jerapahbelang") == 0);
    CHECK(spelled("kebun") == 0);
    CHECK(spelled("vladivostok") == vladivostok);  // the other articles' words stay
  }
  SUBCASE("replaced") {
    Write(corpus / "z.txt", "Judul tiga\n\nSeekor zebra terlihat di kebun binatang kemarin.\n");
    REQUIRE(RunCommand(a).code == 0);
    CHECK(spelled("jerapahbelang") == 0);
    CHECK(spelled("zebra") > 0);
    CHECK(spelled("kebun") == kebun);  // in the old and the new text: not counted twice
  }
}

TEST_CASE("Deleting an article indexed with --no-spelling takes none of its words out of the spelling data") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string db = (t.path() / "db").string();
  Write(corpus / "a.txt", "Judul satu\n\nSeekor jerapahbelang terlihat di kebun binatang.\n");
  IndexArgs a = IndexInto({corpus.string()}, db);
  a.quiet = true;
  a.no_spelling = true;
  REQUIRE(RunCommand(a).code == 0);
  auto spelled = [&](const std::string& word) { return rkn::test::SpellingFrequency(Xapian::Database(db), word); };
  CHECK(spelled("jerapahbelang") == 0);
  // A second article with the same word, indexed with spelling data.
  Write(corpus / "b.txt", "Judul dua\n\nJerapahbelang itu makan daun di kebun binatang.\n");
  a.no_spelling = false;
  REQUIRE(RunCommand(a).code == 0);
  const auto before = spelled("jerapahbelang");
  CHECK(before > 0);
  fs::remove(corpus / "a.txt");
  REQUIRE(RunCommand(a).code == 0);
  CHECK(spelled("jerapahbelang") == before);  // b.txt's word stays
}

TEST_CASE("--max-article-mb out of bounds is refused, not shifted past 64 bits") {
  TempDir t("index-cli");
  for (const uint64_t mb : {uint64_t{0}, rkn::kMaxArticleMb + 1, uint64_t{1} << 50}) {
    CAPTURE(mb);
    IndexArgs a = IndexInto({kArticle}, (t.path() / "never.db").string());
    a.max_article_mb = mb;
    const Run r = RunCommand(a);
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: --max-article-mb: must be from 1 to 4096\n");
    CHECK_FALSE(fs::exists(t.path() / "never.db"));
  }
}

TEST_CASE("A database rkn-index must not write into is refused, naming it, before anything is indexed") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  WriteTinyCorpus(corpus);
  SUBCASE("a Xapian database another program wrote") {
    const fs::path other = t.path() / "omega.db";
    {
      Xapian::WritableDatabase db(other.string(), Xapian::DB_CREATE);
      Xapian::Document doc;
      doc.add_term("Hello");
      db.add_document(doc);
      db.commit();
    }
    const Run r = RunCommand(IndexInto({corpus.string()}, other.string()));
    CHECK(r.code == 2);
    CHECK(r.err.rfind("rkn-index: error: " + other.string() + ": not an rkn database", 0) == 0);
    CHECK(Xapian::Database(other.string()).get_doccount() == 1);
  }
  SUBCASE("one shard of a sharded rkn database") {
    const std::string db = (t.path() / "two.db").string();
    IndexArgs a = IndexInto({corpus.string()}, db);
    a.jobs = 2;
    a.quiet = true;
    REQUIRE(RunCommand(a).code == 0);
    const std::string shard = (fs::path(db) / "shard-1").string();
    const Run r = RunCommand(IndexInto({corpus.string()}, shard));
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: " + shard + ": a shard of the database " + db + "; index into that\n");
    // Its shard list, which a reader may take for the database (xapian-delve opens it).
    const std::string list = (fs::path(db) / "XAPIANDB").string();
    const Run l = RunCommand(IndexInto({corpus.string()}, list));
    CHECK(l.code == 2);
    CHECK(l.err == "rkn-index: error: " + list + ": the shard list of " + db + "; index into " + db + "\n");
    CHECK(fs::is_regular_file(list));
    CHECK_FALSE(fs::exists(list + ".tmp"));
    // The same shard by another name: each wrote the shard's articles in a second time.
    const Xapian::doccount before = Xapian::Database(db).get_doccount();
    const fs::path link = t.path() / "shard-link";
    fs::create_directory_symlink(fs::path(db) / "shard-1", link);
    const fs::path one = t.path() / "one.stub", mixed = t.path() / "mixed.stub";
    std::ofstream(one) << "glass " << shard << "\n";
    const std::string other = (t.path() / "other.db").string();
    REQUIRE(RunCommand(IndexInto({corpus.string()}, other)).code == 0);
    std::ofstream(mixed) << "glass " << (fs::path(other) / "shard-0").string() << "\nglass " << shard << "\n";
    // A shard that is itself a symbolic link (moved to another disk) is the database's too.
    const fs::path moved = t.path() / "fast-disk-shard";
    fs::rename(fs::path(db) / "shard-0", moved);
    fs::create_directory_symlink(moved, fs::path(db) / "shard-0");
    const std::string shard0 = (fs::path(db) / "shard-0").string();
    const std::pair<std::string, std::string> rows[] = {
        {shard0, ": a shard of the database " + db + "; index into that\n"},
        {shard + "/", ": a shard of the database " + db + "; index into that\n"},
        {link.string(), ": a shard of the database " + db + "; index into that\n"},
        {one.string(), ": lists " + shard + ", a shard of the database " + db + "; index into that\n"},
        {mixed.string(), ": lists " + (fs::path(other) / "shard-0").string() + ", a shard of the database " + other + "; index into that\n"},
    };
    for (const auto& item : rows) {
      const auto& target = std::get<0>(item);
      const auto& what = std::get<1>(item);
      CAPTURE(target);
      const Run w = RunCommand(IndexInto({corpus.string()}, target));
      CHECK(w.code == 2);
      CHECK(w.err == "rkn-index: error: " + target + what);
    }
    CHECK(Xapian::Database(db).get_doccount() == before);
  }
  SUBCASE("a stub file listing one shard twice") {
    // It said "database is locked: another rkn-index is writing to it": its own first open.
    const std::string db = (t.path() / "single.db").string();
    REQUIRE(RunCommand(IndexInto({corpus.string()}, db)).code == 0);
    const std::string shard = (t.path() / "s0").string();  // a shard of its own, as a stub lists it
    fs::rename(fs::path(db) / "shard-0", shard);
    const fs::path stub = t.path() / "twice.stub";
    std::ofstream(stub) << "glass s0\nglass ./s0\n";
    const Run r = RunCommand(IndexInto({corpus.string()}, stub.string()));
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: " + stub.string() + ": lists " + (t.path() / "./s0").string() + " twice (as " + shard +
                       "); list each shard once\n");
    std::ofstream(stub) << "glass s0\n";
    CHECK(RunCommand(IndexInto({corpus.string()}, stub.string())).code == 0);
  }
  SUBCASE("a file that is not a database, or a stub listing remote shards") {
    struct Row {
      const char* file;
      std::string content;
      std::string what;  // after "rkn-index: error: <file>"
    };
    const std::vector<Row> rows = {
        {"notes.txt", "Catatan rapat redaksi\nbukan database\n", ": not a database (a file that is not a shard list)"},
        {"empty", "", ": not a database (an empty file, not a shard list)"},
        {"photo.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10), ": not a database (a file that is not a shard list)"},
        {"remote.stub", "# shards\nremote 10.0.0.5:33333\n", ":2: rkn-index writes local shards only (expected 'glass PATH')"},
    };
    for (const Row& row : rows) {
      CAPTURE(row.file);
      const fs::path file = t.path() / row.file;
      Write(file, row.content);
      const Run r = RunCommand(IndexInto({corpus.string()}, file.string()));
      CHECK(r.code == 2);
      CHECK(r.err == "rkn-index: error: " + file.string() + row.what + "\n");
      std::ifstream in(file, std::ios::binary);
      std::ostringstream left;  // through rdbuf: g++ 12 warns inside istreambuf_iterator (-Wnull-dereference)
      left << in.rdbuf();
      CHECK(left.str() == row.content);  // left as it was
    }
  }
  SUBCASE("a stub file listing two rkn databases, which rkn-search reads as one") {
    // Written as a shard list, each database would take the articles the id hash gives it and
    // lose the others: the parts of a corpus indexed apart would be mixed up for good.
    const fs::path part_a = t.path() / "a.db", part_b = t.path() / "b.db";
    for (const fs::path& d : {part_a, part_b}) {
      IndexArgs a = IndexInto({corpus.string()}, d.string());
      a.quiet = true;
      REQUIRE(RunCommand(a).code == 0);
    }
    const Xapian::doccount docs = Xapian::Database(part_a.string()).get_doccount();
    REQUIRE(docs > 1);
    const fs::path stub = t.path() / "parts.stub";
    Write(stub, "auto a.db\nauto b.db\n");
    const Run r = RunCommand(IndexInto({corpus.string()}, stub.string()));
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: " + stub.string() + ": lists the database " + part_a.string() +
                       ", not one of its shards (rkn-search reads such a list as one database; rkn-index "
                       "writes one: index into each database on its own)\n");
    CHECK(Xapian::Database(part_a.string()).get_doccount() == docs);
    CHECK(Xapian::Database(part_b.string()).get_doccount() == docs);
  }
  SUBCASE("a remote database") {
    const Run r = RunCommand(IndexInto({corpus.string()}, "tcp:127.0.0.1:9"));
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: tcp:127.0.0.1:9: rkn-index writes local databases only (index on the machine that serves it)\n");
    CHECK_FALSE(fs::exists("tcp:127.0.0.1:9"));
  }
  SUBCASE("another stemmer than the database was built with") {
    const std::string db = (t.path() / "snow.db").string();
    IndexArgs a = IndexInto({corpus.string()}, db);
    a.stemmer = "snowball";
    a.quiet = true;
    REQUIRE(RunCommand(a).code == 0);
    a.stemmer = "dictionary";
    const Run r = RunCommand(a);
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: " + db + ": database was built with the snowball stemmer; --stemmer dictionary needs a new database\n");
    a.stemmer = "snowball";  // naming the same one, or none, is fine
    CHECK(RunCommand(a).code == 0);
    a.stemmer.clear();
    CHECK(RunCommand(a).code == 0);
  }
}

TEST_CASE("A missing input is reported verbatim with exit code 2") {
  TempDir t("index-cli");
  const std::string missing = (t.path() / "no-such-corpus").string();
  const Run r = RunCommand(IndexInto({missing}, (t.path() / "x.db").string()));
  CHECK(r.code == 2);
  CHECK(r.err == "rkn-index: error: " + missing + ": no such file or directory\n");
  CHECK(r.out.empty());
  SUBCASE("an empty path, as an unset variable gives, is said to be one, in --explain too") {
    // It said "rkn-index: error: no such file or directory", naming nothing.
    for (const bool explain : {false, true}) {
      CAPTURE(explain);
      IndexArgs a = IndexInto({(t.path()).string(), ""}, (t.path() / "x.db").string());
      a.explain = explain;
      const Run e = RunCommand(a);
      CHECK(e.code == 2);
      CHECK(e.err == "rkn-index: error: an empty PATH (an unset variable?): name a file or folder\n");
      CHECK_FALSE(fs::exists(t.path() / "x.db"));
    }
  }
  SUBCASE("a symbolic link loop is said to be one, not a missing file") {
    fs::create_symlink("b.txt", t.path() / "a.txt");
    fs::create_symlink("a.txt", t.path() / "b.txt");
    const std::string loop = (t.path() / "a.txt").string();
    const Run e = RunCommand(IndexInto({loop}, (t.path() / "x.db").string()));
    CHECK(e.code == 2);
    CHECK(e.err == "rkn-index: error: " + loop + ": unreadable: Too many levels of symbolic links\n");
    CHECK_FALSE(fs::exists(t.path() / "x.db"));
  }
}

TEST_CASE("--explain reports a missing root, rules file or data folder by name with exit code 2") {
  TempDir t("index-cli");
  const std::string missing = (t.path() / "nothing-here").string();
  struct Row {
    const char* name;
    std::vector<std::string> roots, rules;
    std::string data_dir;
  };
  const std::vector<Row> rows = {
      {"a missing root", {missing}, {}, ""},
      {"a missing rules file", {kArticle}, {missing}, ""},
      {"a missing data folder", {kArticle}, {}, missing},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      IndexArgs a = IndexInto(row.roots, (t.path() / "never.db").string());
      a.explain = true;
      a.rules = row.rules;
      a.data_dir = row.data_dir;
      const Run r = RunCommand(a);
      CHECK(r.code == 2);
      CHECK(r.err.rfind("rkn-index: error: " + missing, 0) == 0);
      CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
      CHECK(r.out.empty());
    }
  }
}

TEST_CASE("--explain on a named file of a type rkn does not read is an error naming it, exit code 2") {
  TempDir t("index-cli");
  const fs::path c = t.path() / "c";
  Write(c / "x.pdf", "%PDF-1.4");
  Write(c / "README", "Catatan\n\nBukan berita.\n");
  Write(c / "a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  const std::string hint = std::string(" (rkn-index reads ") + rkn::kReadableTypes + ")\n";
  struct Row {
    const char* name;
    std::vector<std::string> roots;
    int code;
    std::string err;        // all of err
    bool explains_a;        // out explains a.txt
  };
  const std::vector<Row> rows = {
      {"an unknown extension", {(c / "x.pdf").string()}, 2,
       "rkn-index: error: " + (c / "x.pdf").string() + ": unknown type .pdf" + hint, false},
      {"no extension", {(c / "README").string()}, 2,
       "rkn-index: error: " + (c / "README").string() + ": unknown type (none)" + hint, false},
      {"next to a file it reads, which is explained", {(c / "x.pdf").string(), (c / "a.txt").string()}, 2,
       "rkn-index: error: " + (c / "x.pdf").string() + ": unknown type .pdf" + hint, true},
      {"inside a folder, where it is passed over as a run passes it over", {c.string()}, 0, "", true},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      IndexArgs a = IndexInto(row.roots, (t.path() / "never.db").string());
      a.explain = true;
      const Run r = RunCommand(a);
      CHECK(r.code == row.code);
      CHECK(r.err == row.err);
      CHECK((r.out.find("== a.txt\n") != std::string::npos) == row.explains_a);
      CHECK_FALSE(fs::exists(t.path() / "never.db"));
    }
  }
}

TEST_CASE("A file of a type rkn does not read, named on the command line, is warned about by name, and in a folder only counted") {
  TempDir t("index-cli");
  const fs::path c = t.path() / "c";
  Write(c / "notes.pdf", "%PDF-1.4");
  Write(c / "a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  const Run named = RunCommand(IndexInto({(c / "notes.pdf").string()}, (t.path() / "a.db").string()));
  CHECK(named.code == 3);
  CHECK(named.err.starts_with("rkn-index: warning: " + (c / "notes.pdf").string() + ": unknown type .pdf (rkn-index reads " +
                              rkn::kReadableTypes + ")\n"));
  const Run folder = RunCommand(IndexInto({c.string()}, (t.path() / "b.db").string()));
  CHECK(folder.code == 3);
  CHECK(folder.err.find("notes.pdf") == std::string::npos);
  CHECK(folder.err.find("(unknown type: 1)") != std::string::npos);
}

TEST_CASE("--explain on a folder warns about what an indexing run warns about there: a FIFO, a dangling link") {
  TempDir t("index-cli");
  const fs::path c = t.path() / "c";
  Write(c / "a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(c / "x.pdf", "%PDF-1.4");
  REQUIRE(mkfifo((c / "pipe.txt").c_str(), 0600) == 0);
  fs::create_symlink(c / "gone.txt", c / "dangling.txt");
  IndexArgs a = IndexInto({c.string()}, (t.path() / "never.db").string());
  a.explain = true;
  const Run explain = RunCommand(a);
  CHECK(explain.code == 0);
  CHECK(explain.out.find("== a.txt\n") != std::string::npos);
  // The same lines as the indexing run's, the summary aside; the .pdf passed over quietly by both.
  const std::string want = "rkn-index: warning: " + (c / "dangling.txt").string() + ": unreadable: No such file or directory\n" +
                           "rkn-index: warning: " + (c / "pipe.txt").string() + ": not a regular file\n";
  CHECK(explain.err == want);
  const Run run = RunCommand(IndexInto({c.string()}, (t.path() / "real.db").string()));
  CHECK(run.err.starts_with(want));
}

TEST_CASE("The files seen are files: a folder skipped is counted among the skipped, a file skipped among both") {
  TempDir t("index-cli");
  const fs::path c = t.path() / "c";
  Write(c / "a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(t.path() / "other" / "b.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi menjelang akhir pekan.\n");
  const std::string indexed = (t.path() / "indexed.db").string();
  REQUIRE(RunCommand(IndexInto({(t.path() / "other").string()}, indexed)).code == 0);
  struct Row {
    const char* name;
    std::function<void()> make;  // what to add to the corpus `c` beside a.txt
    std::vector<std::string> roots;
    const char* summary_start;
  };
  const Row rows[] = {
      {"a symlinked folder, not followed", [&] { fs::create_directory_symlink(t.path() / "other", c / "linked"); },
       {c.string()},
       "rkn-index: 1 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped "
       "(symlink to a directory (not followed): 1) in "},
      {"a search database named as a root", [] {}, {indexed},
       "rkn-index: 0 files seen, 0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped "
       "(a search database, not articles to index: 1) in "},
      {"a FIFO", [&] { REQUIRE(mkfifo((c / "pipe.txt").c_str(), 0600) == 0); }, {c.string()},
       "rkn-index: 2 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped (not a regular file: 1) in "},
      {"a dangling link", [&] { fs::create_symlink(c / "gone.txt", c / "dangling.txt"); }, {c.string()},
       "rkn-index: 2 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped "
       "(unreadable: No such file or directory: 1) in "},
      // Hidden files and folders, and a database in the corpus, are passed over: neither seen nor skipped.
      {"a hidden file, a hidden folder and a database", [&] {
         Write(c / ".notes.txt", "Judul tersembunyi\n\nCatatan.\n");
         Write(c / ".git" / "x.txt", "Judul tersembunyi\n\nCatatan.\n");
         fs::copy(indexed, c / "copy.db", fs::copy_options::recursive);
       },
       {c.string()}, "rkn-index: 1 files seen, 1 indexed, 0 replaced, 0 unchanged, 0 removed, 0 skipped in "},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      row.make();
      const Run r = RunCommand(IndexInto(row.roots, (t.path() / "new.db").string()));
      CHECK_MESSAGE(r.err.find(row.summary_start) != std::string::npos, r.err);
    }
  }
}

TEST_CASE("The database is --db, else $RKN_DB, else ./rkn.db") {
  struct Row {
    const char* name;
    std::optional<std::string> env;  // $RKN_DB: unset, empty or a file name in the temporary folder
    std::string db;                  // --db: "" or a file name in the temporary folder
    std::string expected;            // the one database that exists afterwards
  };
  const Row rows[] = {
      {"--db wins over $RKN_DB", "env.db", "flag.db", "flag.db"},
      {"an empty --db takes $RKN_DB", "env.db", "", "env.db"},
      {"an empty $RKN_DB means ./rkn.db", "", "", rkn::schema::kDefaultDb},
      {"no $RKN_DB means ./rkn.db", std::nullopt, "", rkn::schema::kDefaultDb},
  };
  for (const auto& row : rows) {
    SUBCASE(row.name) {
      TempDir t("index-cli");
      const fs::path dir = fs::absolute(t.path());
      WriteTinyCorpus(dir / "c");
      const ScopedCwd cwd(dir);  // where ./rkn.db goes
      const ScopedEnv env(rkn::schema::kEnvDb, row.env && !row.env->empty() ? (dir / *row.env).string() : row.env);
      const Run r = RunCommand(IndexInto({(dir / "c").string()}, row.db.empty() ? "" : (dir / row.db).string()));
      CHECK(r.code == 0);
      for (const std::string name : {"flag.db", "env.db", rkn::schema::kDefaultDb}) {
        CAPTURE(name);
        CHECK(fs::exists(dir / name) == (name == row.expected));
      }
    }
  }
}

TEST_CASE("A database inside the indexed folder (rkn-index . writes ./rkn.db) is not read as input by later runs") {
  TempDir t("index-cli");
  const fs::path dir = fs::absolute(t.path());
  WriteTinyCorpus(dir);
  const ScopedCwd cwd(dir);
  const ScopedEnv env(rkn::schema::kEnvDb, std::nullopt);
  const Run first = RunCommand(IndexInto({"."}, ""));
  REQUIRE(first.code == 0);
  REQUIRE(fs::exists(dir / rkn::schema::kDefaultDb));
  // A second database, another tool's: a plain Xapian shard.
  Xapian::WritableDatabase((dir / "other.db").string(), Xapian::DB_CREATE_OR_OPEN).commit();
  const Run second = RunCommand(IndexInto({"."}, ""));
  CHECK(second.code == 0);  // 3 when the shards' files were skipped as unknown types
  CHECK(second.err.find(" 0 skipped") != std::string::npos);
  CHECK(second.err.find("glass") == std::string::npos);
  IndexArgs verbose = IndexInto({"."}, "");
  verbose.verbose = true;
  CHECK(RunCommand(verbose).err.find("glass") == std::string::npos);
  // Named on the command line, a database is said to be one, not walked as files of unknown type.
  const std::string shown = (dir / rkn::schema::kDefaultDb).string();
  const Run named = RunCommand(IndexInto({shown}, (dir / "new.db").string()));
  CHECK(named.code == 3);
  CHECK(named.err.starts_with("rkn-index: warning: " + shown + ": a search database, not articles to index\n"));
  IndexArgs explain = IndexInto({shown}, "");
  explain.explain = true;
  CHECK(RunCommand(explain).err == "rkn-index: warning: " + shown + ": a search database, not articles to index\n");
}

TEST_CASE("A folder that cannot be read is named and skipped, and what is indexed under it is kept") {
  TempDir t("index-cli");
  fs::permissions(t.path(), fs::perms::all);  // nobody writes here too (ScopedNobody)
  // Nobody may not reach the source tree's data folder (a clone in a mktemp -d folder is 0700):
  // a copy in the temporary folder serves.
  const fs::path data = t.path() / "data";
  fs::copy(kDataDir, data, fs::copy_options::recursive);
  auto as_nobody = [&](IndexArgs a) {
    a.data_dir = data.string();
    return a;
  };
  const ScopedNobody nobody;
  REQUIRE(nobody.ok());
  const fs::path corpus = t.path() / "c";
  Write(corpus / "a.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(corpus / "sub" / "b.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi menjelang akhir pekan.\n");
  const std::string db = (t.path() / "perm.db").string();
  REQUIRE(RunCommand(as_nobody(IndexInto({corpus.string()}, db))).code == 0);
  REQUIRE(Ids(db) == std::vector<std::string>{"a.txt", "sub/b.txt"});
  struct Row {
    const char* name;
    fs::path locked;
    std::string warning;
    const char* summary_start;
  };
  const Row rows[] = {
      // The folder is skipped, not a file seen: the files seen are those read (a.txt), if any.
      {"a folder under the root", corpus / "sub", "rkn-index: warning: " + (corpus / "sub").string() + ": cannot read folder: Permission denied\n",
       "rkn-index: 1 files seen, 0 indexed, 0 replaced, 1 unchanged, 0 removed, 1 skipped "
       "(cannot read folder: Permission denied: 1) in "},
      {"the root itself", corpus, "rkn-index: warning: " + corpus.string() + ": cannot read folder: Permission denied\n",
       "rkn-index: 0 files seen, 0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped "
       "(cannot read folder: Permission denied: 1) in "},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      fs::permissions(row.locked, fs::perms::none);
      IndexArgs a = as_nobody(IndexInto({corpus.string()}, db));
      a.verbose = true;
      const Run r = RunCommand(a);
      fs::permissions(row.locked, fs::perms::owner_all);
      CHECK(r.code == 3);
      CHECK(r.err.find(row.warning) != std::string::npos);
      CHECK(r.err.find("removed:") == std::string::npos);
      CHECK_MESSAGE(r.err.find(row.summary_start) != std::string::npos, r.err);
      CHECK(Ids(db) == std::vector<std::string>{"a.txt", "sub/b.txt"});
      // Readable again: nothing changed, nothing to read.
      const Run again = RunCommand(as_nobody(IndexInto({corpus.string()}, db)));
      CHECK(again.code == 0);
      CHECK(again.err.find(" 0 indexed, 0 replaced, 2 unchanged, 0 removed, 0 skipped") != std::string::npos);
    }
  }
}

TEST_CASE("A file that reads with warnings keeps the documents it did not give again, and is read again next run") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string two_records = "{\"id\":\"e1\",\"content\":\"Isi pertama tentang unikesatu di desa.\"}\n"
                                  "{\"id\":\"e2\",\"content\":\"Isi kedua tentang unikedua di desa.\"}\n";
  std::string random_bytes(4000, '\0');
  for (size_t i = 0; i < random_bytes.size(); ++i) random_bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
  struct Row {
    const char* name;
    std::string file, before, after;
    std::vector<std::string> fields;  // --field, on the second run only
    int code;
    std::vector<std::string> ids;      // after the second run
    std::vector<std::string> present;  // words found after the second run
    std::vector<std::string> absent;   // words not found after the second run
  };
  const Row rows[] = {
      {"a record broken by an edit keeps its previous version, the other record is updated", "a.jsonl", two_records,
       "{\"id\":\"e1\",\"content\":\"Isi pertama diubah tentang unikebaru di desa.\"}\n"
       "{\"id\":\"e2\",\"content\":\"Isi kedua rusak tentang unikerusak\n",
       {}, 3, {"a.jsonl#e1", "a.jsonl#e2"}, {"unikebaru", "unikedua"}, {"unikesatu", "unikerusak"}},
      {"records overwritten with random bytes are all kept", "a.jsonl", two_records, random_bytes, {}, 3,
       {"a.jsonl#e1", "a.jsonl#e2"}, {"unikesatu", "unikedua"}, {}},
      {"records without content under a --field mapping are all kept", "a.jsonl", two_records, two_records,
       {"title=content"}, 3, {"a.jsonl#e1", "a.jsonl#e2"}, {"unikesatu", "unikedua"}, {}},
      {"a record deleted from a file that reads cleanly is removed", "a.jsonl", two_records,
       "{\"id\":\"e1\",\"content\":\"Isi pertama tentang unikesatu di desa.\"}\n", {}, 0, {"a.jsonl#e1"},
       {"unikesatu"}, {"unikedua"}},
      {"a dump emptied keeps its records, as an emptied .txt keeps its article", "a.jsonl", two_records, "", {}, 3,
       {"a.jsonl#e1", "a.jsonl#e2"}, {"unikesatu", "unikedua"}, {}},
      {"a CSV cut to its header keeps its records", "a.csv", "id,content\ne1,Isi pertama tentang unikesatu di desa.\n",
       "id,content\n", {}, 3, {"a.csv#e1"}, {"unikesatu"}, {}},
      {"a .txt emptied keeps its article, as one overwritten with binary does", "a.txt",
       "Judul\n\nIsi berita tentang uniketeks di desa.\n", " \n\n", {}, 3, {"a.txt"}, {"uniketeks"}, {}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      const std::string db = (t.path() / "warn.db").string();
      Write(corpus / row.file, row.before);
      REQUIRE(RunCommand(IndexInto({corpus.string()}, db)).code == 0);
      Write(corpus / row.file, row.after);
      IndexArgs a = IndexInto({corpus.string()}, db);
      a.fields = row.fields;
      const Run r = RunCommand(a);
      CHECK_MESSAGE(r.code == row.code, r.err);
      CHECK(Ids(db) == row.ids);
      for (const auto& word : row.present) CHECK_MESSAGE(DocsWith(db, word) == 1, word);
      for (const auto& word : row.absent) CHECK_MESSAGE(DocsWith(db, word) == 0, word);
      // Not recorded as done when it read with warnings: the next run reads it again and warns again.
      a.verbose = true;
      const Run again = RunCommand(a);
      CHECK(again.code == row.code);
      CHECK((again.err.find(row.file + ": ") != std::string::npos) == (row.code == 3));
      CHECK(Ids(db) == row.ids);
    }
  }
}

TEST_CASE("An article of boilerplate lines only is skipped with a warning, as an empty one is") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string boilerplate = "Baca juga: Presiden Resmikan Bendungan\nEditor: Budi\n";
  struct Row {
    const char* name;
    std::string file, text, warning;
  };
  const Row rows[] = {
      {"a .txt file", "a.txt", boilerplate,
       "rkn-index: warning: " + (corpus / "a.txt").string() + ": no text left after cleaning (rules that took its lines: xref-baca-juga, byline); skipped\n"},
      {"a record", "a.jsonl", nlohmann::json{{"id", "e1"}, {"content", boilerplate}}.dump() + "\n",
       "rkn-index: warning: " + (corpus / "a.jsonl").string() + ":1: no text left after cleaning (rules that took its lines: xref-baca-juga, byline); skipped\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      const std::string db = (t.path() / "boiler.db").string();
      Write(corpus / row.file, row.text);
      const Run r = RunCommand(IndexInto({corpus.string()}, db));
      CHECK(r.code == 3);
      CHECK(r.err.rfind(row.warning, 0) == 0);
      CHECK(r.err.find("rkn-index: 1 files seen, 0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped "
                       "(no article text: 1) in ") != std::string::npos);
      CHECK(Ids(db).empty());
    }
  }
}

TEST_CASE("Warnings about roots show control and bidirectional characters of their paths escaped") {
  TempDir t("index-cli");
  const fs::path dir = t.path() / "e\x1b[2Jx\u202e";
  Write(dir / "x.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  const std::string shown = (t.path() / "e\\x1b[2Jx\\u202e").string();
  const std::string db = (t.path() / "esc.db").string();
  const Run r = RunCommand(IndexInto({dir.string(), dir.string() + "/"}, db));
  CHECK_MESSAGE(r.code == 3, r.err);
  CHECK(r.err.rfind("rkn-index: warning: " + shown + "/: the same as the root " + shown + "; indexed once\n", 0) == 0);
  CHECK(r.err.find('\x1b') == std::string::npos);
}

TEST_CASE("A root inside another root is indexed once, as part of it, with a warning") {
  TempDir t("index-cli");
  const fs::path f7 = t.path() / "f7";
  Write(f7 / "x.txt", "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  Write(f7 / "a" / "y.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi menjelang akhir pekan.\n");
  Write(f7 / ".h" / "z.txt", "Judul tiga\n\nBanjir melanda kampung di tepi sungai sejak pagi tadi.\n");
  const std::string outer = f7.string(), inner = (f7 / "a").string();
  struct Row {
    const char* name;
    std::vector<std::string> roots;
    int code;
    std::string warning;  // "" for none
    std::vector<std::string> ids;
  };
  const Row rows[] = {
      {"the inner root after the outer", {outer, inner}, 3,
       "rkn-index: warning: " + inner + ": inside the root " + outer + "; indexed once, as part of it\n",
       {"a/y.txt", "x.txt"}},
      {"the inner root first", {inner, outer}, 3,
       "rkn-index: warning: " + inner + ": inside the root " + outer + "; indexed once, as part of it\n",
       {"a/y.txt", "x.txt"}},
      {"the inner root spelled another way", {outer, outer + "/./a/"}, 3,
       "rkn-index: warning: " + outer + "/./a/: inside the root " + outer + "; indexed once, as part of it\n",
       {"a/y.txt", "x.txt"}},
      {"one root given twice", {outer, outer + "/"}, 3,
       "rkn-index: warning: " + outer + "/: the same as the root " + outer + "; indexed once\n", {"a/y.txt", "x.txt"}},
      {"a file of the root given as a root too", {outer, (f7 / "x.txt").string()}, 3,
       "rkn-index: warning: " + (f7 / "x.txt").string() + ": inside the root " + outer + "; indexed once, as part of it\n",
       {"a/y.txt", "x.txt"}},
      {"a hidden folder the walk of the root skips is a root of its own", {outer, (f7 / ".h").string()}, 0, "",
       {"a/y.txt", "x.txt", "z.txt"}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      const std::string db = (t.path() / "overlap.db").string();
      const Run r = RunCommand(IndexInto(row.roots, db));
      CHECK_MESSAGE(r.code == row.code, r.err);
      if (!row.warning.empty()) {
        CHECK(r.err.rfind(row.warning, 0) == 0);
        CHECK(r.err.find(" 1 skipped (root ") != std::string::npos);
        // A root skipped is not a file: the files seen are the root's two, each once.
        CHECK_MESSAGE(r.err.find("rkn-index: 2 files seen, ") != std::string::npos, r.err);
      }
      CHECK(Ids(db) == row.ids);
    }
  }
}

TEST_CASE("A dump with a record skipped by its id still loses its deleted records, and keeps the skipped one's article") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string db = (t.path() / "db").string();
  const std::string gempa = R"({"url":"http://x.id/1","content":"Gempa besar mengguncang kota Palu pagi ini."})";
  const std::string empty = R"({"url":"http://x.id/2","content":""})";
  const std::string banjir = R"({"url":"http://x.id/3","content":"Banjir merendam ratusan rumah di Jakarta Timur."})";
  struct Step {
    const char* name;
    std::string dump;
    const char* summary;  // the counts of the summary line
    int code;
    Xapian::doccount gempa, banjir;
  };
  const Step steps[] = {
      {"first run: the empty record is skipped", gempa + "\n" + empty + "\n" + banjir + "\n",
       "2 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped", 3, 1, 1},
      {"a record deleted beside the skipped one is removed", gempa + "\n" + empty + "\n",
       "0 indexed, 0 replaced, 1 unchanged, 1 removed, 1 skipped", 3, 1, 0},
      {"a record whose content is gone keeps its article", R"({"url":"http://x.id/1","content":""})" "\n",
       "0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped", 3, 1, 0},
      {"given back, it is read again and unchanged", gempa + "\n",
       "0 indexed, 0 replaced, 1 unchanged, 0 removed, 0 skipped", 0, 1, 0},
  };
  int n = 0;
  for (const Step& step : steps) {
    CAPTURE(step.name);
    Write(corpus / "a.jsonl", step.dump);
    fs::last_write_time(corpus / "a.jsonl", fs::file_time_type::clock::now() + std::chrono::seconds(++n));
    const Run r = RunCommand(IndexInto({corpus.string()}, db));
    CAPTURE(r.err);
    CHECK(r.code == step.code);
    CHECK(r.err.find(step.summary) != std::string::npos);
    CHECK(DocsWith(db, "gempa") == step.gempa);
    CHECK(DocsWith(db, "banjir") == step.banjir);
  }
}

TEST_CASE("A record the rules leave without text keeps the article indexed before, like a file with no text") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string db = (t.path() / "db").string();
  Write(corpus / "a.jsonl", R"({"url":"http://x.id/1","title":"Gempa","content":"Gempa besar mengguncang kota Palu pagi ini."})" "\n");
  REQUIRE(RunCommand(IndexInto({corpus.string()}, db)).code == 0);
  const fs::path rules = t.path() / "all.rules";
  Write(rules, "drop everything .*\n");
  IndexArgs a = IndexInto({corpus.string()}, db);
  a.rules = {rules.string()};
  const Run r = RunCommand(a);
  CAPTURE(r.err);
  CHECK(r.code == 3);
  CHECK(r.err.find("a.jsonl:1: no text left after cleaning (rules that took its lines: everything); skipped") !=
        std::string::npos);
  CHECK(r.err.find("0 indexed, 0 replaced, 0 unchanged, 0 removed, 1 skipped") != std::string::npos);
  CHECK(DocsWith(db, "palu") == 1);  // the article indexed before, text and all
}

TEST_CASE("Records whose ids another file holds are named ten per file, the rest counted in one line") {
  // A dump overlapping another printed a line per record (1,968), again on every run.
  TempDir t("index-cli");
  std::string dump;
  for (int k = 1; k <= 25; ++k) {
    dump += "{\"url\":\"http://x.id/" + std::to_string(k) + "\",\"content\":\"Banjir melanda kota nomor " + std::to_string(k) + ".\"}\n";
  }
  Write(t.path() / "a" / "a.jsonl", dump);
  Write(t.path() / "b" / "b.jsonl", dump);
  const std::string db = (t.path() / "db").string();
  const Run r = RunCommand(IndexInto({(t.path() / "a").string(), (t.path() / "b").string()}, db));
  CAPTURE(r.err);
  CHECK(r.code == 3);
  size_t named = 0;
  for (size_t at = r.err.find("is already indexed from a.jsonl; that article is kept\n"); at != std::string::npos;
       at = r.err.find("is already indexed from a.jsonl; that article is kept\n", at + 1)) {
    ++named;
  }
  CHECK(named == 10);
  CHECK(r.err.find("b.jsonl: 15 more records (the first 10 are named above): its id is already indexed from another file; "
                   "that article is kept\n") != std::string::npos);
  CHECK(r.err.find("25 skipped (id indexed from another file: 25)") != std::string::npos);
  // --verbose names them all.
  IndexArgs all = IndexInto({(t.path() / "a").string(), (t.path() / "b").string()}, db);
  all.verbose = true;
  const Run v = RunCommand(all);
  CHECK(v.err.find("b.jsonl:25: id 'http://x.id/25' is already indexed from a.jsonl") != std::string::npos);
  CHECK(v.err.find("more records") == std::string::npos);
}

TEST_CASE("A record with a title and an empty content field is indexed by its title, unless an article is indexed under its id") {
  // CLICK-ID has 167 records whose content the scrape (or the cleaner) lost; a count of what was written must find them.
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  const std::string db = (t.path() / "db").string();
  Write(corpus / "a.jsonl", R"({"url":"http://x.id/1","title":"KLHK Segel 42 Perusahaan Terkait Karhutla","content":""})" "\n"
                            R"({"url":"http://x.id/2","title":"Gempa","content":"#NAME?"})" "\n"
                            R"({"url":"http://x.id/3","content":""})" "\n"
                            R"({"url":"http://x.id/5","title":"Longsor Garut","content":null})" "\n");
  IndexArgs verbose = IndexInto({corpus.string()}, db);
  verbose.verbose = true;
  Run r = RunCommand(verbose);
  CAPTURE(r.err);
  CHECK(r.code == 3);  // the record with neither is skipped
  CHECK(r.err.find("a.jsonl:1: record has no content; indexed by its title alone") != std::string::npos);
  CHECK(r.err.find("a.jsonl:2: no text left after cleaning (rules that took its lines: spreadsheet-error); indexed by its title alone") !=
        std::string::npos);
  CHECK(r.err.find("a.jsonl:3: record has no content; skipped") != std::string::npos);
  CHECK(r.err.find(", 3 records without text indexed by their title in ") != std::string::npos);
  CHECK(DocsWith(db, "karhutla") == 1);
  CHECK(DocsWith(db, "garut") == 1);  // "content": null lost its text too
  CHECK(DocsWith(db, "gempa") == 1);
  // Without --verbose they are counted only: a dump whose scraper lost every text is no flood.
  Write(corpus / "b.jsonl", R"({"url":"http://x.id/4","title":"Banjir Bekasi","content":""})" "\n");
  r = RunCommand(IndexInto({corpus.string()}, db));
  CAPTURE(r.err);
  CHECK(r.err.find("indexed by its title alone") == std::string::npos);
  CHECK(r.err.find(", 1 records without text indexed by their title in ") != std::string::npos);
  // An article with text under the id stays when a later scrape lost the text.
  fs::remove(corpus / "b.jsonl");
  Write(corpus / "a.jsonl", R"({"url":"http://x.id/1","title":"KLHK","content":"KLHK menyegel lahan di Riau."})" "\n");
  IndexArgs emptied = IndexInto({corpus.string()}, db);
  emptied.allow_empty_root = true;
  REQUIRE(RunCommand(emptied).code == 0);
  Write(corpus / "a.jsonl", R"({"url":"http://x.id/1","title":"KLHK","content":""})" "\n");
  r = RunCommand(IndexInto({corpus.string()}, db));
  CAPTURE(r.err);
  CHECK(r.code == 3);
  CHECK(r.err.find("a.jsonl:1: record has no content; skipped") != std::string::npos);
  CHECK(DocsWith(db, "riau") == 1);
  // No content field at all is no lost text but an unknown field (--field content=naskah
  // reads it): skipped, as is one named by --field that the record lacks.
  Write(corpus / "a.jsonl", R"({"url":"http://x.id/9","judul":"Judul","naskah":"Pertemuan Putin dan Kim."})" "\n");
  const std::string db2 = (t.path() / "db2").string();
  r = RunCommand(IndexInto({corpus.string()}, db2));
  CHECK(r.err.find("a.jsonl:1: record has no content; skipped") != std::string::npos);
  IndexArgs typo = IndexInto({corpus.string()}, (t.path() / "db3").string());
  typo.fields = {"content=isi"};
  r = RunCommand(typo);
  CAPTURE(r.err);
  CHECK(r.err.find("record has no content in a 'isi' field") != std::string::npos);
}

TEST_CASE("A shard folder deleted by hand is created again with a warning, and its articles indexed again") {
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  for (int i = 0; i < 6; ++i) Write(corpus / (std::to_string(i) + ".txt"), "Judul\n\nBerita banjir nomor " + std::to_string(i) + " di kota.\n");
  const std::string db = (t.path() / "db").string();
  IndexArgs a = IndexInto({corpus.string()}, db);
  a.jobs = 2;
  REQUIRE(RunCommand(a).code == 0);
  REQUIRE(fs::exists(fs::path(db) / "shard-1"));
  fs::remove_all(fs::path(db) / "shard-1");
  const Run r = RunCommand(a);
  CAPTURE(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.find("rkn-index: warning: " + (fs::path(db) / "shard-1").string() +
                   ": shard missing: created empty, its articles are indexed again\n") != std::string::npos);
  CHECK(DocsWith(db, "banjir") == 6);
}

TEST_CASE("A shard list naming a folder that is no shard of the database is refused, and nothing is written there") {
  // A list rkn did not write naming a user's folder (inside the database or out of it) had Xapian
  // tables written into that folder; a shard named twice was told "locked".
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  Write(corpus / "a.txt", "Judul\n\nBerita banjir di kota.\n");
  const fs::path victim = t.path() / "victim";
  Write(victim / "notes.txt", "catatan\n");
  struct Row {
    const char* name;
    std::string list;
    std::string error;  // after "rkn-index: error: DB: its shard list names "
  };
  const fs::path db = t.path() / "db";
  for (const Row& row : std::vector<Row>{
           {"a folder outside", "auto " + victim.string() + "\n",
            victim.string() + ", which is not inside the database's folder: not a database rkn-index wrote (index into a new database)"},
           {"a user's folder inside", "auto mydata\n",
            (db / "mydata").string() + ", which is not a Xapian database: not a database rkn-index wrote (index into a new database)"},
       }) {
    CAPTURE(row.name);
    fs::remove_all(db);
    Write(db / "mydata" / "notes.txt", "catatan\n");
    Write(db / "XAPIANDB", row.list);
    const Run r = RunCommand(IndexInto({corpus.string()}, db.string()));
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: " + db.string() + ": its shard list names " + row.error + "\n");
    CHECK(std::distance(fs::directory_iterator(victim), fs::directory_iterator()) == 1);
    CHECK(std::distance(fs::directory_iterator(db / "mydata"), fs::directory_iterator()) == 1);
  }
  SUBCASE("a shard named twice") {
    fs::remove_all(db);
    REQUIRE(RunCommand(IndexInto({corpus.string()}, db.string())).code == 0);
    Write(db / "XAPIANDB", "glass shard-0\nglass shard-0\n");
    const Run r = RunCommand(IndexInto({corpus.string()}, db.string()));
    CHECK(r.code == 2);
    CHECK(r.err == "rkn-index: error: " + db.string() + ": its shard list names " + (db / "shard-0").string() +
                       " twice; list each shard once\n");
  }
}

// A folder of dumps `files` (name, content) indexed once into a fresh database with -j `jobs`.
struct Dumps {
  Dumps(const std::vector<std::pair<std::string, std::string>>& files, int jobs)
      : tmp("index-cli"), dir(tmp.path() / "d"), db((tmp.path() / "db").string()), args(IndexInto({dir.string()}, db)) {
    for (const auto& [name, content] : files) Write(dir / name, content);
    args.jobs = jobs;
    REQUIRE(RunCommand(args).code == 0);
  }
  TempDir tmp;
  fs::path dir;
  std::string db;
  IndexArgs args;
};

TEST_CASE("A record moved from one dump into another that is read before it stays indexed, from its new dump") {
  // The walk reads a.jsonl before b.jsonl: the record moves from b.jsonl, which indexed it, into
  // a.jsonl, and both stay.
  const std::string x = "{\"url\":\"https://example.id/x\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n";
  const std::string y = "{\"url\":\"https://example.id/y\",\"content\":\"Bendungan baru diresmikan presiden di Jawa Tengah.\"}\n";
  const std::string z = "{\"url\":\"https://example.id/z\",\"content\":\"Harga cabai naik di pasar Bekasi menjelang akhir pekan.\"}\n";
  const std::vector<std::string> all = {"https://example.id/x", "https://example.id/y", "https://example.id/z"};
  for (const int jobs : {1, 2}) {
    CAPTURE(jobs);
    SUBCASE("into the dump read first: taken over at the end of the dump it left") {
      const Dumps dumps({{"a.jsonl", y}, {"b.jsonl", x + z}}, jobs);
      const fs::path& d = dumps.dir;
      const std::string& db = dumps.db;
      const IndexArgs& args = dumps.args;
      Write(d / "a.jsonl", y + x);
      Write(d / "b.jsonl", z);
      const Run r = RunCommand(args);
      CAPTURE(r.err);
      CHECK(r.code == 0);
      CHECK(r.err.find("already indexed from") == std::string::npos);
      CHECK(r.err.find("0 indexed, 1 replaced, 2 unchanged, 0 removed, 0 skipped") != std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("a.jsonl")) == 2);
      CHECK(DocsWith(db, rkn::FileTerm("b.jsonl")) == 1);
      CHECK(DocsWith(db, "vladivostok") == 1);
      // The next run reads a.jsonl again (its stamp was left for that) and finds it unchanged.
      const Run next = RunCommand(args);
      CAPTURE(next.err);
      CHECK(next.code == 0);
      CHECK(next.err.find("0 indexed, 0 replaced, 3 unchanged, 0 removed, 0 skipped") != std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("a.jsonl")) == 2);
      CHECK(RunCommand(args).err.find("3 unchanged, 0 removed, 0 skipped") != std::string::npos);
    }
    SUBCASE("into two dumps read before it: the first read takes it over, the other is skipped") {
      const Dumps dumps({{"a.jsonl", y}, {"c.jsonl", x + z}}, jobs);
      const fs::path& d = dumps.dir;
      const std::string& db = dumps.db;
      const IndexArgs& args = dumps.args;
      Write(d / "a.jsonl", y + x);
      Write(d / "b.jsonl", x);
      Write(d / "c.jsonl", z);
      const Run r = RunCommand(args);
      CAPTURE(r.err);
      CHECK(r.code == 3);
      CHECK(r.err.find("b.jsonl:1: id 'https://example.id/x' is already indexed from c.jsonl; that article is kept\n") !=
            std::string::npos);
      CHECK(r.err.find("a.jsonl:2: id") == std::string::npos);
      CHECK(r.err.find("0 indexed, 1 replaced, 2 unchanged, 0 removed, 1 skipped (id indexed from another file: 1)") !=
            std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("a.jsonl")) == 2);
      const Run next = RunCommand(args);
      CAPTURE(next.err);
      CHECK(next.err.find("b.jsonl:1: id 'https://example.id/x' is already indexed from a.jsonl; that article is kept\n") !=
            std::string::npos);
      CHECK(next.err.find("0 indexed, 0 replaced, 3 unchanged, 0 removed, 1 skipped") != std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("a.jsonl")) == 2);
    }
    SUBCASE("into the dump read after it: deleted, then added again") {
      const Dumps dumps({{"a.jsonl", x + y}, {"b.jsonl", z}}, jobs);
      const fs::path& d = dumps.dir;
      const std::string& db = dumps.db;
      const IndexArgs& args = dumps.args;
      Write(d / "a.jsonl", y);
      Write(d / "b.jsonl", z + x);
      const Run r = RunCommand(args);
      CAPTURE(r.err);
      CHECK(r.code == 0);
      CHECK(r.err.find("1 indexed, 0 replaced, 2 unchanged, 1 removed, 0 skipped") != std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("b.jsonl")) == 2);
      CHECK(RunCommand(args).err.find("3 unchanged, 0 removed, 0 skipped") != std::string::npos);
    }
    SUBCASE("into the dump read first, and still in the other: the other's article stays") {
      const Dumps dumps({{"a.jsonl", y}, {"b.jsonl", x + z}}, jobs);
      const fs::path& d = dumps.dir;
      const std::string& db = dumps.db;
      const IndexArgs& args = dumps.args;
      Write(d / "a.jsonl", y + x);
      const Run r = RunCommand(args);
      CAPTURE(r.err);
      CHECK(r.code == 3);
      CHECK(r.err.find("rkn-index: warning: " + (d / "a.jsonl").string() +
                       ":2: id 'https://example.id/x' is already indexed from b.jsonl; that article is kept\n") !=
            std::string::npos);
      CHECK(r.err.find("0 indexed, 0 replaced, 3 unchanged, 0 removed, 1 skipped (id indexed from another file: 1)") !=
            std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("b.jsonl")) == 2);
      // The same when the other dump is read after it in the same run (it changed too).
      Write(d / "b.jsonl", x + "{\"url\":\"https://example.id/z\",\"content\":\"Harga cabai turun di pasar Bekasi.\"}\n");
      const Run both = RunCommand(args);
      CAPTURE(both.err);
      CHECK(both.code == 3);
      CHECK(both.err.find("a.jsonl:2: id 'https://example.id/x' is already indexed from b.jsonl; that article is kept\n") !=
            std::string::npos);
      CHECK(both.err.find("0 indexed, 1 replaced, 2 unchanged, 0 removed, 1 skipped (id indexed from another file: 1)") !=
            std::string::npos);
      CHECK(Ids(db) == all);
      CHECK(DocsWith(db, rkn::FileTerm("b.jsonl")) == 2);
      CHECK(DocsWith(db, "turun") == 1);
    }
  }
}

TEST_CASE("A moved record past the memory for held records is skipped for one run and restored by the next") {
  const std::string x = "{\"url\":\"https://example.id/x\",\"content\":\"Pertemuan Putin dan Kim di Vladivostok kemarin sore.\"}\n";
  const std::string z = "{\"url\":\"https://example.id/z\",\"content\":\"Harga cabai naik di pasar Bekasi menjelang akhir pekan.\"}\n";
  TempDir t("index-cli");
  const fs::path d = t.path() / "d";
  Write(d / "b.jsonl", x + z);
  rkn::IndexOptions o;
  o.roots = {d};
  o.db = (t.path() / "db").string();
  o.data_dir = kDataDir;
  o.jobs = 1;
  o.held_bytes = 0;
  std::ostringstream err;
  REQUIRE(rkn::RunIndex(o, err).ok());
  Write(d / "a.jsonl", x);
  Write(d / "b.jsonl", z);
  auto moved = rkn::RunIndex(o, err);
  REQUIRE(moved.ok());
  CHECK(moved->skip_reasons["id indexed from another file"] == 1);
  CHECK(moved->removed == 1);
  CHECK(Ids(o.db) == std::vector<std::string>{"https://example.id/z"});
  auto next = rkn::RunIndex(o, err);
  REQUIRE(next.ok());
  CHECK(next->indexed == 1);
  CHECK(Ids(o.db) == std::vector<std::string>{"https://example.id/x", "https://example.id/z"});
  CHECK(DocsWith(o.db, rkn::FileTerm("a.jsonl")) == 1);
}

TEST_CASE("--explain drops site furniture as a run would: learned from the files explained and kept by the database") {
  // --explain never showed the furniture rule, so a line a run dropped that way looked kept.
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c";
  for (int i = 0; i < 6; ++i) {
    Write(corpus / ("u" + std::to_string(i) + ".txt"),
          "Kabar nomor " + std::to_string(i) + " dari lapangan\n\nJAKARTA, KOMPAS.com - Tim gabungan bekerja hari ke-" +
              std::to_string(i) + " di lokasi bencana.\nLiputan tim redaksi lapangan\n");
  }
  const std::string db = (t.path() / "f.db").string();
  IndexArgs a = IndexInto({corpus.string()}, db);
  a.explain = true;
  const std::string furniture_drop = "\tfurniture        Liputan tim redaksi lapangan\n";
  SUBCASE("from the files explained") {
    const Run r = RunCommand(a);
    CHECK(r.code == 0);
    CHECK(r.out.find("DROP 4" + furniture_drop) != std::string::npos);
  }
  SUBCASE("one file alone: from the database the earlier run wrote") {
    REQUIRE(RunCommand(IndexInto({corpus.string()}, db)).code == 0);
    a.roots = {(corpus / "u0.txt").string()};
    const Run alone = RunCommand(a);
    CHECK(alone.code == 0);
    CHECK(alone.out.find("DROP 4" + furniture_drop) != std::string::npos);
    a.db = (t.path() / "none.db").string();  // no database: nothing learned from one file
    CHECK(RunCommand(a).out.find("keep 4\tcontent          Liputan tim redaksi lapangan\n") != std::string::npos);
  }
}

TEST_CASE("-v names each file read and removed with control characters of its path escaped") {
  // The per-file lines of -v wrote a file name's escape sequence and line break raw.
  TempDir t("index-cli");
  const fs::path dir = t.path() / "c";
  const fs::path odd = dir / "ok\x1b[32mgreen.txt";
  Write(odd, "Judul satu\n\nPertemuan Putin dan Kim di Vladivostok berlangsung kemarin sore.\n");
  const std::string db = (t.path() / "v.db").string();
  IndexArgs a = IndexInto({dir.string()}, db);
  a.verbose = true;
  const Run first = RunCommand(a);
  CHECK(first.code == 0);
  CHECK(first.err.find("ok\\x1b[32mgreen.txt: 1 document(s) read\n") != std::string::npos);
  CHECK(first.err.find('\x1b') == std::string::npos);
  fs::remove(odd);
  Write(dir / "other.txt", "Judul dua\n\nHarga cabai naik di pasar Bekasi menjelang akhir pekan.\n");
  const Run second = RunCommand(a);
  CHECK(second.err.find("rkn-index: removed: ok\\x1b[32mgreen.txt\n") != std::string::npos);
  CHECK(second.err.find('\x1b') == std::string::npos);
}

TEST_CASE("rkn-index: an empty --db is an error, not the default database") {
  // --db "$UNSET" wrote to ./rkn.db (or $RKN_DB) and said nothing.
  TempDir t("index-cli");
  const ScopedCwd cwd(t.path());
  IndexArgs a = IndexInto({kArticle}, "");
  a.db_given = true;
  const Run r = RunCommand(a);
  CHECK(r.code == 2);
  CHECK(r.err == "rkn-index: error: --db: an empty path (leave --db out for $RKN_DB or ./rkn.db)\n");
  CHECK_FALSE(fs::exists(t.path() / rkn::schema::kDefaultDb));
}

TEST_CASE("A second SIGINT or SIGTERM quits an indexing run at once with exit code 130") {
  // A run blocked in a read that never returns (a stale network mount) looks at no stop request;
  // the second signal is the way out. Run in a child process: the handlers are process-wide.
  for (const int sig : {SIGINT, SIGTERM}) {
    CAPTURE(sig);
    int err[2];
    REQUIRE(pipe(err) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      dup2(err[1], STDERR_FILENO);
      rkn::InstallIndexSignalHandlers();
      raise(sig);  // the first: a stop request, the process goes on
      if (write(STDERR_FILENO, "going on\n", 9) != 9) _exit(3);
      raise(sig);  // the second: quits here
      _exit(4);
    }
    close(err[1]);
    std::string said;
    char buf[256];
    for (ssize_t n; (n = read(err[0], buf, sizeof buf)) > 0;) said.append(buf, static_cast<size_t>(n));
    close(err[0]);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(said == "going on\nrkn-index: error: interrupted again: quitting now; the database keeps its last commit\n");
  }
}

TEST_CASE("A root that holds no file now keeps its articles with a warning, and --allow-empty-root removes them") {
  // An unmounted disk (an empty mount point) removed its articles without a word, then with a
  // warning that -q hid and exit 0: a cron job's run wiped the index.
  TempDir t("index-cli");
  const fs::path corpus = t.path() / "c", other = t.path() / "d";
  const std::string db = (t.path() / "db").string();
  Write(corpus / "a.txt", "Banjir Bekasi\n\nBanjir melanda Bekasi pada Senin pagi setelah hujan deras turun selama enam jam.\n");
  Write(corpus / "b.txt", "Gempa Palu\n\nGempa mengguncang Palu pada Selasa malam dan warga berlari keluar rumah.\n");
  Write(other / "c.txt", "Kebakaran Riau\n\nKebakaran hutan di Riau meluas pada Rabu sore dan asap menutup kota.\n");
  REQUIRE(RunCommand(IndexInto({corpus.string(), other.string()}, db)).code == 0);
  fs::remove(corpus / "a.txt");
  fs::remove(corpus / "b.txt");
  for (const bool quiet : {false, true}) {
    CAPTURE(quiet);
    IndexArgs a = IndexInto({corpus.string(), other.string()}, db);
    a.quiet = quiet;
    const Run kept = RunCommand(a);
    CHECK(kept.code == 3);  // what -q leaves a script to see
    if (!quiet) {
      CHECK(kept.err.rfind("rkn-index: warning: " + corpus.string() +
                               ": no file to read in it now (an unmounted disk, an emptied folder?); the 2 files indexed from it are "
                               "kept (--allow-empty-root removes them)\n",
                           0) == 0);
      CHECK(kept.err.find(" 0 removed, 1 skipped (empty root: 1)") != std::string::npos);
    }
    CHECK(DocsWith(db, "bekasi") == 1);
    CHECK(DocsWith(db, "palu") == 1);
  }
  IndexArgs allow = IndexInto({corpus.string(), other.string()}, db);
  allow.allow_empty_root = true;
  const Run r = RunCommand(allow);
  CHECK(r.code == 0);
  CHECK(r.err.rfind("rkn-index: warning: " + corpus.string() +
                        ": no file to read in it now (an unmounted disk, an emptied folder?); the 2 files indexed from it are "
                        "removed (--allow-empty-root)\n",
                    0) == 0);
  CHECK(r.err.find(" 2 removed,") != std::string::npos);
  CHECK(DocsWith(db, "bekasi") == 0);
  CHECK(DocsWith(db, "riau") == 1);
  // Once said, the next run has nothing to remove and says nothing.
  const Run again = RunCommand(IndexInto({corpus.string(), other.string()}, db));
  CHECK(again.code == 0);
  CHECK(again.err.find("warning") == std::string::npos);
  // A root that only lost some of its files is no news.
  Write(corpus / "e.txt", "Banjir Bekasi\n\nBanjir melanda Bekasi pada Senin pagi setelah hujan deras turun selama enam jam.\n");
  Write(corpus / "f.txt", "Gempa Palu\n\nGempa mengguncang Palu pada Selasa malam dan warga berlari keluar rumah.\n");
  REQUIRE(RunCommand(IndexInto({corpus.string(), other.string()}, db)).code == 0);
  fs::remove(corpus / "e.txt");
  const Run some = RunCommand(IndexInto({corpus.string(), other.string()}, db));
  CHECK(some.err.find("warning") == std::string::npos);
  CHECK(some.err.find(" 1 removed,") != std::string::npos);
}
