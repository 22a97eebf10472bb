// The data folder's files (root lists, stopwords, aliases, rules) are checked as text when they
// are read: a broken file fails naming itself and the line, instead of being used as it is.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/cleaner.h"
#include "common/stemmer.h"
#include "common/text.h"
#include "tests/process.h"
#include "tests/reliability.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;

namespace {

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// A copy of the source tree's data folder in `dir`.
void CopyData(const fs::path& dir) {
  fs::copy(fs::path(RKN_SOURCE_DIR) / "data", dir, fs::copy_options::recursive);
}

// `n` bytes that are no text, the same every run.
std::string RandomBytes(size_t n) {
  std::mt19937 gen(20240601);
  std::string out;
  for (size_t i = 0; i < n; ++i) out += static_cast<char>(gen() & 0xFF);
  return out;
}

// The status of loading what `dir` holds: the analyzer (stopwords, root lists, aliases) and the
// cleaner (rules); the first failure.
rkn::Status LoadDataFolder(const fs::path& dir) {
  rkn::AnalyzerOptions opt;
  opt.stemmer = rkn::StemmerKind::kDictionary;
  auto a = rkn::Analyzer::Load(dir, opt);
  if (!a.ok()) return a.status();
  auto c = rkn::Cleaner::Load(dir, {});
  return c.status();
}

}  // namespace

TEST_CASE("A data file that is not text fails loading, naming the file and the line") {
  struct Case {
    const char* name;
    const char* file;         // under the data folder
    int line;                 // the line of the file replaced by `bytes` (0: the whole file)
    std::string bytes;
    std::string where;        // what the error's where() ends with
    const char* message;      // what the error's message holds (random bytes: NUL, ESC, \xff...)
  };
  const std::vector<Case> cases = {
      {"random bytes as the root list", "kata-dasar.txt", 0, RandomBytes(300), "kata-dasar.txt:1", "text"},
      {"a NUL in the root list", "kata-dasar.txt", 17, std::string("aba\0di", 6), "kata-dasar.txt:17", "U+0000"},
      {"a DEL in the extra roots", "roots-extra.txt", 30, "pemilu\x7f", "roots-extra.txt:30", "U+007F"},
      {"random bytes as the stopword list", "stopwords-id.txt", 0, RandomBytes(300), "stopwords-id.txt:1", "text"},
      {"an invalid byte in the stopword list", "stopwords-id.txt", 5, "ada\xff", "stopwords-id.txt:5", "not UTF-8 text"},
      {"an ESC in the aliases", "aliases.txt", 3, "KPK | \x1b[31mKomisi", "aliases.txt:3", "U+001B"},
      {"a C1 control in a rule file", "rules/00-core.rules", 2, "# \xc2\x85", "00-core.rules:2", "U+0085"},
      {"a truncated UTF-8 sequence in a rule file", "rules/00-core.rules", 1, "# caf\xc3", "00-core.rules:1", "not UTF-8 text"},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    rkn::test::TempDir dir("data-files");
    const fs::path data = dir.path() / "data";
    CopyData(data);
    std::string bytes = c.bytes;
    if (c.line > 0) {
      const std::string old = ReadAll(data / c.file);
      std::vector<std::string> lines;
      std::istringstream in(old);
      for (std::string l; std::getline(in, l);) lines.push_back(l);
      REQUIRE(lines.size() >= static_cast<size_t>(c.line));
      lines[static_cast<size_t>(c.line - 1)] = c.bytes;
      bytes.clear();
      for (const auto& l : lines) bytes += l + "\n";
    }
    WriteAll(data / c.file, bytes);
    const rkn::Status st = LoadDataFolder(data);
    CAPTURE(st.ToString());
    CHECK(st.code() == rkn::StatusCode::kInvalidArgument);
    CHECK(st.where().ends_with(c.where));
    CHECK(st.message().find(c.message) != std::string::npos);
  }
}

TEST_CASE("A root list line that is not a word fails loading, naming the line") {
  struct Case {
    const char* base;
    const char* extra;  // null: no roots-extra.txt
    const char* where;  // "" when the lists load
  };
  const Case cases[] = {
      {"abadi\nkata dua\n", nullptr, "kata-dasar.txt:2"},
      {"abadi\noper \"v,\"\n", nullptr, "kata-dasar.txt:2"},
      {"abadi\n--\n", nullptr, "kata-dasar.txt:2"},
      {"abadi\nkawal>x\n", nullptr, "kata-dasar.txt:2"},
      {"abadi\nkata\vdua\n", nullptr, "kata-dasar.txt:2"},
      {"abadi\n", "# a comment\nbaru\nfoo bar # two words\n", "roots-extra.txt:3"},
      {"abadi\n", "baru;\n", "roots-extra.txt:1"},
      {"abadi\nkawal\n", "pengawal>kawal>x\n", "roots-extra.txt:1"},
      {"abadi\nkawal\n", "pengawal >\n", "roots-extra.txt:1"},
      // Words: trimmed, any case, hyphens, digits, letters beyond ASCII, the extras' markers.
      {"abadi\n  Kupu-kupu \r\nabad21\ncafé\n", nullptr, ""},
      {"abadi\nkawal\nberi\n", "  -alami   # a comment\nberi+kan\npengawal>kawal\nPengawal > kawal\n\n# only a comment\n", ""},
  };
  for (const Case& c : cases) {
    const std::string base = c.base, extra = c.extra ? c.extra : "(none)";
    CAPTURE(base);
    CAPTURE(extra);
    rkn::test::TempDir dir("root-words");
    WriteAll(dir.path() / "kata-dasar.txt", c.base);
    if (c.extra != nullptr) WriteAll(dir.path() / "roots-extra.txt", c.extra);
    auto loaded = rkn::RootDictionary::Load(dir.path());
    CAPTURE(loaded.status().ToString());
    if (std::string(c.where).empty()) {
      CHECK(loaded.ok());
    } else {
      CHECK(loaded.status().code() == rkn::StatusCode::kInvalidArgument);
      CHECK(loaded.status().where().ends_with(c.where));
      CHECK(loaded.status().message().find("is not a word") != std::string::npos);
    }
  }
}

TEST_CASE("rkn-index with a broken root list in --data-dir names that file, not roots-extra.txt, and indexes nothing") {
  rkn::test::TempDir dir("data-dir-e2e");
  const fs::path data = dir.path() / "data";
  CopyData(data);
  WriteAll(data / "kata-dasar.txt", RandomBytes(300));
  const fs::path corpus = dir.path() / "corpus";
  fs::create_directories(corpus);
  WriteAll(corpus / "a.txt", "Presiden meresmikan jembatan baru di Jakarta.\n\nJembatan itu menghubungkan dua kota.\n");
  const std::string db = (dir.path() / "a.db").string();
  auto r = rkn::test::RunProcess({rkn::test::kIndexBin, corpus.string(), "--db", db, "--data-dir", data.string(), "-q"});
  CHECK(r.status == 2);
  CAPTURE(r.err);
  CHECK(r.err.starts_with("rkn-index: error: " + (data / "kata-dasar.txt").string() + ":1: "));
  CHECK(r.err.ends_with(", not text\n"));  // the bytes start with a control character
  CHECK(r.err.find("roots-extra.txt") == std::string::npos);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("CheckDataText takes text written by hand and names the line of the first fault") {
  struct Case {
    std::string text;
    std::string where;  // "" for text
    const char* message;
  };
  const std::vector<Case> cases = {
      {"", "", ""},
      {"kata\tdua\r\nf\fv\v\n", "", ""},
      {"Dépôt, Korea Utara — Jakarta 日本\n", "", ""},
      {"satu\ndua\xff\n", "f:2", "not UTF-8 text"},
      {"satu\ndua\ntiga\xc0\xaf\n", "f:3", "not UTF-8 text"},          // overlong '/'
      {"\xed\xa0\x80\n", "f:1", "not UTF-8 text"},                      // a surrogate
      {std::string("a\n\0", 3), "f:2", "control character U+0000, not text"},
      {"a\nb\nc\x1b[0m\n", "f:3", "control character U+001B, not text"},
      {"\x7f", "f:1", "control character U+007F, not text"},
      {"x\xc2\x9b", "f:1", "control character U+009B, not text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const rkn::Status st = rkn::CheckDataText(c.text, "f");
    CHECK(st.where() == c.where);
    CHECK(st.message() == c.message);
    CHECK(st.ok() == c.where.empty());
  }
}

TEST_CASE("SafeForTerminal replaces bytes that are not UTF-8, escapes controls and bidirectional characters and cuts long text in the middle") {
  struct Case {
    std::string in;
    size_t max_chars;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"biasa saja, tab\tkept", 0, "biasa saja, tab\tkept"},
      {"caf\xc3\xa9 \xff\xfe!", 0, "caf\xc3\xa9 \xEF\xBF\xBD\xEF\xBF\xBD!"},
      {"red \x1b[31m bell \x07 del \x7f nl \n", 0, "red \\x1b[31m bell \\x07 del \\x7f nl \\x0a"},
      {"c1 \xc2\x9b" "31m", 0, "c1 \\u009b31m"},
      // Bidirectional formatting characters reorder what follows them: escaped like C1 controls.
      {"invoice\u202Etxt.exe", 0, "invoice\\u202etxt.exe"},
      {"\u202A\u202B\u202C\u202D\u202E", 0, "\\u202a\\u202b\\u202c\\u202d\\u202e"},
      {"\u2066a\u2067b\u2068c\u2069", 0, "\\u2066a\\u2067b\\u2068c\\u2069"},
      {"marks \u200E \u200F \u061C", 0, "marks \\u200e \\u200f \\u061c"},
      {"kept: \u200D \u2065 \u206A \u202F \u061B", 0, "kept: \u200D \u2065 \u206A \u202F \u061B"},
      {"ab\u202Ecdefghij\u2067", 4, "ab\xE2\x80\xA6j\\u2067"},
      {"abcdefghij", 10, "abcdefghij"},
      {"abcdefghijk", 10, "abcde\xE2\x80\xA6ghijk"},
      {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2, "\xc3\xa9\xE2\x80\xA6\xc3\xa9"},
      {"ab\x1b" "cdefghij\xff", 4, "ab\xE2\x80\xA6j\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(rkn::SafeForTerminal(c.in, c.max_chars) == c.out);
  }
}
