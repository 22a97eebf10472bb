// RunIndexCommand, the rkn-index command behind indexer/main.cc, called with string streams: the
// --field check, --explain, indexing into a temporary folder, the exit codes and where the
// database path comes from.
#include "common/index_cli.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/indexer.h"
#include "common/reader.h"
#include "common/schema.h"
#include "tests/temp_dir.h"

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

TEST_CASE("An unknown --field NAME or a NAME given twice is an error naming the known names, exit code 2, before anything is read") {
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
      {{"content=isi", "content=naskah"}, "rkn-index: error: --field content=naskah: field 'content' given twice\n"},
      {{"content=isi", "text=naskah"}, "rkn-index: error: --field text=naskah: field 'content' given twice\n"},
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
    CHECK((r.err.find("rkn-index: warning: a.jsonl:2: id '7' already used at line 1; indexed by its line instead\n") !=
           std::string::npos) == step.warned);
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
  }
  CHECK_FALSE(fs::exists(db));
  CHECK_FALSE(fs::exists(t.path() / rkn::schema::kDefaultDb));
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
    a.quiet = true;
    a.verbose = true;  // --quiet wins
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
    if (row.code == 3) CHECK(r.err.rfind("rkn-index: warning: a.jsonl:1: record has no content; skipped\n", 0) == 0);
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

TEST_CASE("A missing input is reported verbatim with exit code 2") {
  TempDir t("index-cli");
  const std::string missing = (t.path() / "no-such-corpus").string();
  const Run r = RunCommand(IndexInto({missing}, (t.path() / "x.db").string()));
  CHECK(r.code == 2);
  CHECK(r.err == "rkn-index: error: " + missing + ": no such file or directory\n");
  CHECK(r.out.empty());
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
