// Bad input never crashes, hangs or stops rkn-index (issue 8 item 1): each bad file is named in a
// message (a bad record with its line), everything else in the corpus is indexed, memory stays
// bounded, and the run exits 3 ("finished, some inputs skipped"). The large inputs are generated
// here at test time, never committed. SLOW (test suite "slow"): two 100 MB files, ~5-10 s.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "common/article.h"
#include "common/gzip.h"
#include "common/text.h"
#include "tests/reliability.h"

namespace fs = std::filesystem;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::ProcessResult;
using rkn::test::RunOptions;
using rkn::test::RunProcess;
using rkn::test::TempDir;
using rkn::test::WriteFile;

namespace {

// An article that decodes and indexes; `word` is found only in it.
std::string Article(const std::string& title, const std::string& word) {
  return title + "\n\nWarga desa di Jawa Tengah membicarakan " + word +
         " sejak pagi, kata kepala desa kepada wartawan pada Senin.\n";
}

// UTF-16LE with a byte order mark, from ASCII text.
std::string Utf16LeWithBom(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

// One line of `bytes` bytes of words (no newline inside).
std::string HugeLine(size_t bytes) {
  std::string s;
  s.reserve(bytes + 8);
  while (s.size() < bytes) s += "kata ";
  return s;
}

// Creates `depth` nested folders named `dir` under `root` (through file descriptors, so the
// chain may be longer than PATH_MAX) and writes `file` with `content` in the innermost one.
// Whether `s` holds a bidirectional formatting character (rkn::IsBidiControl) as raw UTF-8.
bool HoldsBidiControl(const std::string& s) {
  for (const char* c : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
                        "\u2069", "\u200E", "\u200F", "\u061C"}) {
    if (s.find(c) != std::string::npos) return true;
  }
  return false;
}

bool MakeDeepFile(const fs::path& root, const char* dir, int depth, const char* file, const std::string& content) {
  int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < depth && fd >= 0; ++i) {
    mkdirat(fd, dir, 0755);
    const int next = openat(fd, dir, O_RDONLY | O_DIRECTORY);
    close(fd);
    fd = next;
  }
  if (fd < 0) return false;
  const int out = openat(fd, file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  close(fd);
  if (out < 0) return false;
  const bool ok = write(out, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  close(out);
  return ok;
}

// Whether `haystack` has a line containing both `a` and `b`.
bool LineHas(const std::string& haystack, const std::string& a, const std::string& b) {
  size_t start = 0;
  while (start < haystack.size()) {
    size_t end = haystack.find('\n', start);
    if (end == std::string::npos) end = haystack.size();
    const std::string_view line(haystack.data() + start, end - start);
    if (line.find(a) != std::string_view::npos && line.find(b) != std::string_view::npos) return true;
    start = end + 1;
  }
  return false;
}

// An input that must be indexed: searching `word` finds it under `path`.
struct Indexed {
  std::string word;
  std::string path;  // corpus-relative, as rkn-search prints it (U+FFFD for bytes that are not UTF-8)
};

// An input that must be skipped: some stderr line contains both `name` and `message`.
struct Skipped {
  std::string name;
  std::string message;
};

// The bad-input corpus, indexed once per test process.
struct BadCorpus {
  TempDir dir{"bad-input"};
  fs::path corpus = dir.path() / "corpus";
  std::string db = (dir.path() / "bad.db").string();
  std::vector<Indexed> indexed;
  std::vector<Skipped> skipped;
  ProcessResult first, second;

  BadCorpus() {
    const fs::path& c = corpus;
    fs::create_directories(c);
    auto good = [&](const std::string& rel, const std::string& bytes, const std::string& word, std::string shown = {}) {
      REQUIRE(WriteFile(c / rel, bytes));
      indexed.push_back({word, shown.empty() ? rel : shown});
    };
    // Text in every encoding rkn claims to read.
    good("plain.txt", Article("Berita biasa", "qorvexa"), "qorvexa");
    good("invalid-utf8.txt", "Judul rusak\n\nBerita \xFF\xFE\xC3 dengan byte rusak tentang blimtara di desa.\n", "blimtara");
    good("utf16-bom.txt", Utf16LeWithBom(Article("Banjir besar", "zandrika")), "zandrika");
    good("latin1.txt", "Kafe baru\n\nKafe caf\xE9 di Bandung ramai dikunjungi, kata pemilik sprontela kepada wartawan.\n",
         "sprontela");
    // Awkward file names.
    good("with space.txt", Article("Nama berspasi", "quimbaro"), "quimbaro");
    good("new\nline.txt", Article("Nama baris baru", "drosnika"), "drosnika");
    good("bad\xFFname.txt", Article("Nama bukan UTF-8", "flormaxa"), "flormaxa", "bad\xEF\xBF\xBDname.txt");
    // A directory named like a text file is walked, not read.
    good("dir.txt/inner.txt", Article("Di dalam dir.txt", "kolverta"), "kolverta");
    // Deep, but within the key length the database allows (see the skipped test below).
    std::string deep;
    for (int i = 0; i < 40; ++i) deep += "d/";
    good(deep + "deep.txt", Article("Folder dalam", "trumvela"), "trumvela");
    // JSON Lines: broken and truncated lines around good records.
    REQUIRE(WriteFile(c / "records.jsonl",
                      "{\"title\":\"Satu\",\"content\":\"Isi berita pertama tentang sapiqora di desa.\"}\n"
                      "{\"title\":\"Dua\",\"content\":\n"
                      "{broken\n"
                      "{\"title\":\"Empat\",\"content\":\"Isi berita keempat tentang kambixela di desa.\"}\n"
                      "{\"title\":\"Lima\",\"content\":\"Isi berita kelima.\",\"views\":1e400}\n"
                      "{\"title\":\"Enam\",\"content\":\"Isi ter"));
    indexed.push_back({"sapiqora", "records.jsonl"});
    indexed.push_back({"kambixela", "records.jsonl"});
    skipped.push_back({"records.jsonl:2:", "broken JSON line"});
    skipped.push_back({"records.jsonl:3:", "broken JSON line"});
    // A number beyond a double's range: said in words, without nlohmann's exception name.
    skipped.push_back({"records.jsonl:5:", "broken JSON line skipped: number overflow parsing '1e400'"});
    skipped.push_back({"records.jsonl:6:", "broken JSON line"});
    // A 100 MB record between two good ones: skipped unread (bounded memory).
    REQUIRE(WriteFile(c / "big.jsonl",
                      "{\"title\":\"Satu\",\"content\":\"Rekaman pertama tentang pertamaxo di kota.\"}\n"
                      "{\"title\":\"Besar\",\"content\":\"" + HugeLine(100u << 20) + "\"}\n"
                      "{\"title\":\"Tiga\",\"content\":\"Rekaman ketiga tentang ketigaxo di kota.\"}\n"));
    indexed.push_back({"pertamaxo", "big.jsonl"});
    indexed.push_back({"ketigaxo", "big.jsonl"});
    skipped.push_back({"big.jsonl:2:", "record skipped"});
    // CSV: a row with the wrong number of fields, then an unterminated quote.
    REQUIRE(WriteFile(c / "records.csv",
                      "title,content\n"
                      "\"Baik\",\"Baris CSV yang baik tentang csvbagusa di kota.\"\n"
                      "\"Rusak\",\"satu\",\"dua\"\n"
                      "\"Terbuka\",\"kutipan yang tidak pernah ditutup\n"));
    indexed.push_back({"csvbagusa", "records.csv"});
    skipped.push_back({"records.csv:3:", "fields"});
    skipped.push_back({"records.csv:4:", "unterminated quoted field"});
    // HTML with unclosed tags, an unterminated attribute and megabyte attributes.
    {
      std::string html = "<html><head><title>Bebek di halaman</title><meta name=\"description\" content=\"" +
                         std::string(1u << 20, 'x') + "\"></head><body><article><h1>Bebek di halaman</h1>";
      for (int i = 0; i < 6; ++i) {
        html += "<p class=\"" + std::string(1u << 20, 'c') + "\">Paragraf " + std::to_string(i) +
                ": warga desa melihat bebekzora dan ayam berkeliaran di halaman rumah sejak pagi, kata kepala "
                "desa kepada wartawan. <div><span><b><i>";
      }
      html += "<div data-x=\"unterminated";
      good("broken.html", html, "bebekzora");
    }

    // Inputs that cannot be indexed.
    {
      std::mt19937 rng(8);  // fixed seed
      std::string bytes(20000, '\0');
      for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
      bytes[100] = '\0';
      REQUIRE(WriteFile(c / "binary.txt", bytes));
      skipped.push_back({"binary.txt", "binary data"});
    }
    REQUIRE(WriteFile(c / "empty.txt", ""));
    skipped.push_back({"empty.txt", "no text"});
    REQUIRE(WriteFile(c / "whitespace.txt", "  \n\n\t \r\n   \n"));
    skipped.push_back({"whitespace.txt", "no text"});
    // A UTF-16 byte-order mark and one odd byte decode to U+FFFD alone: no text either.
    REQUIRE(WriteFile(c / "bom-only.txt", std::string("\xFF\xFE\x00", 3)));
    skipped.push_back({"bom-only.txt", "no text"});
    // Dumps with no record: said, not passed over in silence.
    REQUIRE(WriteFile(c / "empty.jsonl", ""));
    skipped.push_back({"empty.jsonl", "no records (empty, or no JSON object in it); skipped"});
    REQUIRE(WriteFile(c / "blank.jsonl", "\n  \n"));
    skipped.push_back({"blank.jsonl", "no records"});
    REQUIRE(WriteFile(c / "header-only.csv", "title,content\n"));
    skipped.push_back({"header-only.csv", "no records (empty, or a header only); skipped"});
    REQUIRE(WriteFile(c / "punctuation.jsonl", "{\"content\":\"-,,,\"}\n"));  // with a title: indexed by it
    skipped.push_back({"punctuation.jsonl:1:", "record has no content"});
    REQUIRE(WriteFile(c / "huge-line.txt", HugeLine(100u << 20)));
    skipped.push_back({"huge-line.txt", "larger than the maximum article size (16 MiB, --max-article-mb); skipped"});
    REQUIRE(mkfifo((c / "fifo.txt").c_str(), 0644) == 0);  // reading it would block forever
    skipped.push_back({"fifo.txt", "not a regular file"});
    fs::create_symlink("loop.txt", c / "loop.txt");
    skipped.push_back({"loop.txt", "Too many levels of symbolic links"});
    fs::create_directory_symlink(".", c / "selfdir");
    skipped.push_back({"selfdir", "symlink to a directory (not followed)"});
    fs::create_symlink("/nonexistent/rkn/article.txt", c / "dangling.txt");
    skipped.push_back({"dangling.txt", "No such file or directory"});
    fs::create_directories(c / "too-deep");
    REQUIRE(MakeDeepFile(c / "too-deep", "abcdefghijklmnopqrstuvwxyz0123456789", 130, "deep.txt", Article("Dalam", "x")));
    skipped.push_back({"too-deep/abcdefghijklmnopqrstuvwxyz0123456789/", "File name too long"});
    REQUIRE(WriteFile(c / "notes.pdf", "%PDF-1.4"));
    skipped.push_back({"notes.pdf", "unknown type .pdf"});
    // An unreadable file: chmod 000 does not stop root, but reading /proc/self/mem at offset 0
    // fails with EIO for everyone.
    if (geteuid() != 0) {
      REQUIRE(WriteFile(c / "locked.txt", Article("Terkunci", "x")));
      fs::permissions(c / "locked.txt", fs::perms::none);
      skipped.push_back({"locked.txt", "ermission denied"});
    }
    if (fs::exists("/proc/self/mem")) {
      fs::create_symlink("/proc/self/mem", c / "mem.txt");
      skipped.push_back({"mem.txt", "Input/output error"});
    }

    RunOptions run;
    run.timeout_seconds = 180;  // a hang fails the test instead of blocking ctest
    first = RunProcess({kIndexBin, c.string(), "--db", db, "-v"}, run);
    second = RunProcess({kIndexBin, c.string(), "--db", db}, run);
  }
};

BadCorpus& Corpus() {
  static BadCorpus corpus;
  return corpus;
}

}  // namespace

TEST_CASE("rkn-index names every bad input, indexes the rest and exits 3" * doctest::test_suite("slow")) {
  BadCorpus& b = Corpus();
  const ProcessResult& r = b.first;
  REQUIRE_FALSE(r.timed_out);
  CHECK_MESSAGE(r.status == 3, r.err.substr(0, 4000));
  CHECK(r.out.empty());
  CHECK_MESSAGE(r.err.find("rkn-index: error:") == std::string::npos, r.err.substr(0, 4000));

  SUBCASE("every skipped file or record is named, records with their line") {
    for (const auto& s : b.skipped) {
      CAPTURE(s.name);
      CAPTURE(s.message);
      CHECK_MESSAGE(LineHas(r.err, s.name, s.message), r.err.substr(0, 4000));
    }
  }
  SUBCASE("the summary counts the skipped inputs") {
    const size_t last = r.err.rfind("rkn-index: ", r.err.size() - 2);
    REQUIRE(last != std::string::npos);
    const std::string summary = r.err.substr(last);
    CHECK(summary.find(" files seen, ") != std::string::npos);
    CHECK(summary.find(" skipped (") != std::string::npos);
  }
  SUBCASE("everything else is indexed and found under its corpus-relative path") {
    for (const auto& i : b.indexed) {
      CAPTURE(i.word);
      auto s = RunProcess({kSearchBin, "--db", b.db, "--json", i.word});
      REQUIRE(s.status == 0);
      auto j = nlohmann::json::parse(s.out);
      REQUIRE(j["hits"].size() == 1);
      CHECK(j["hits"][0]["path"] == i.path);
    }
  }
  SUBCASE("Latin-1 and UTF-16 text is decoded") {
    auto s = RunProcess({kSearchBin, "--db", b.db, "--json", "café"});
    REQUIRE(s.status == 0);
    CHECK(nlohmann::json::parse(s.out)["hits"][0]["path"] == "latin1.txt");
    CHECK(RunProcess({kSearchBin, "--db", b.db, "--count", "\"banjir besar\""}).out == "1\n");
  }
  SUBCASE("memory stays bounded: a 100 MB line is skipped, not read") {
    MESSAGE("peak RSS of rkn-index over the bad corpus: " << r.max_rss_kb / 1024 << " MiB");
#if RKN_SANITIZED
    // ASan keeps up to 256 MiB of freed memory in quarantine (quarantine_size_mb) on top.
    CHECK(r.max_rss_kb < (256 + 256) * 1024);
#else
    CHECK(r.max_rss_kb < 256 * 1024);
#endif
  }
  SUBCASE("a second run skips the same bad files again and changes nothing") {
    const ProcessResult& again = b.second;
    CAPTURE(again.err);
    REQUIRE_FALSE(again.timed_out);
    CHECK(again.status == 3);
    CHECK(again.err.find(" 0 indexed, 0 replaced, ") != std::string::npos);
    CHECK(LineHas(again.err, "binary.txt", "binary data"));
    CHECK(LineHas(again.err, "huge-line.txt", "larger than the maximum article size"));
    CHECK(rkn::test::DocumentCount(b.db) == static_cast<long>(b.indexed.size()));  // one document each
  }
}

TEST_CASE("--max-article-mb caps every input type with a message naming the file") {
  TempDir t("max-article");
  const fs::path c = t.path() / "corpus";
  const std::string db = (t.path() / "cap.db").string();
  const std::string big = HugeLine(3u << 19);  // 1.5 MiB of text
  REQUIRE(WriteFile(c / "small.txt", Article("Kecil", "kecilxo")));
  REQUIRE(WriteFile(c / "big.txt", "Besar\n\n" + big + "\n"));
  REQUIRE(WriteFile(c / "big.txt.gz", rkn::Gzip("Besar\n\n" + big + "\n")));
  REQUIRE(WriteFile(c / "big.html", "<html><head><title>Besar</title></head><body><article><h1>Besar</h1><p>" + big +
                                        "</p></article></body></html>"));
  REQUIRE(WriteFile(c / "big.jsonl", "{\"title\":\"Besar\",\"content\":\"" + big + "\"}\n"));
  REQUIRE(WriteFile(c / "big.csv", "title,content\nBesar,\"" + big + "\"\n"));
  RunOptions run;
  run.timeout_seconds = 120;
  auto r = RunProcess({kIndexBin, c.string(), "--db", db, "--max-article-mb", "1"}, run);
  CAPTURE(r.err);
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.status == 3);
  const std::vector<Skipped> expected = {
      {"big.txt:", "larger than the maximum article size (1 MiB, --max-article-mb)"},
      {"big.txt.gz:", "larger than the maximum article size (1 MiB, --max-article-mb)"},
      {"big.html:", "larger than the maximum article size (1 MiB, --max-article-mb)"},
      {"big.jsonl:1:", "larger than"},
      {"big.csv:2:", "larger than"},
  };
  for (const auto& e : expected) {
    CAPTURE(e.name);
    CHECK(LineHas(r.err, "rkn-index: warning: " + (c / e.name).string(), e.message));  // the path to open
  }
  CHECK(rkn::test::DocumentCount(db) == 1);
  CHECK(RunProcess({kSearchBin, "--db", db, "kecilxo"}).status == 0);
}

TEST_CASE("An article of more lines than kMaxArticleLines is skipped with a warning in every input format") {
  // 7.5 million one-letter lines (15 MB, under the size limit) took 3.1 GB and 14 s: the cleaner
  // keeps a decision per line.
  TempDir t("many-lines");
  const fs::path c = t.path() / "corpus";
  const std::string db = (t.path() / "lines.db").string();
  std::string lines;
  for (size_t k = 0; k < rkn::kMaxArticleLines - 1; ++k) lines += "a\n";  // and the title and a blank line
  std::string json_lines;
  for (size_t k = 0; k <= rkn::kMaxArticleLines; ++k) json_lines += "a\\n";
  REQUIRE(WriteFile(c / "small.txt", Article("Kecil", "kecilxo")));
  REQUIRE(WriteFile(c / "lines.txt", "Baris\n\n" + lines));
  std::string at_limit = "Batas\n\n";  // kMaxArticleLines lines: read
  for (size_t k = 2; k < rkn::kMaxArticleLines; ++k) at_limit += "Baris nomor " + std::to_string(k) + " dari batasxo.\n";
  REQUIRE(WriteFile(c / "limit.txt", at_limit));
  std::string breaks;  // in HTML, each <br> ends a line
  for (size_t k = 0; k <= rkn::kMaxArticleLines; ++k) breaks += "Banjir melanda Bekasi pada Senin pagi setelah hujan deras turun selama enam jam di sana.<br>";
  REQUIRE(WriteFile(c / "lines.html", "<html><head><title>Baris</title></head><body><article><h1>Baris</h1><p>" +
                                          breaks + "</p></article></body></html>"));
  REQUIRE(WriteFile(c / "lines.jsonl", "{\"title\":\"Baris\",\"content\":\"" + json_lines + "\"}\n"));
  auto r = RunProcess({kIndexBin, c.string(), "--db", db});
  CAPTURE(r.err);
  CHECK(r.status == 3);
  CHECK(LineHas(r.err, "rkn-index: warning: " + (c / "lines.txt").string(), "article of more than 100000 lines; skipped"));
  CHECK(LineHas(r.err, "rkn-index: warning: " + (c / "lines.html").string(), "article of more than 100000 lines; skipped"));
  CHECK(LineHas(r.err, "rkn-index: warning: " + (c / "lines.jsonl").string() + ":1", "record of more than 100000 lines; skipped"));
  CHECK(rkn::test::DocumentCount(db) == 2);
  CHECK(RunProcess({kSearchBin, "--db", db, "batasxo"}).status == 0);
}

// Regression: the per-file stamp key and file term once held the whole corpus-relative path, so
// a path over Xapian's 245-byte limit stopped the run ("Key too long"). Long paths are now hashed
// (FileKey in common/document.h); incremental runs must still see the file as unchanged.
TEST_CASE("a file whose corpus-relative path is longer than 255 bytes does not stop the run") {
  TempDir t("long-path");
  const fs::path c = t.path() / "corpus";
  std::string rel;
  for (int i = 0; i < 30; ++i) rel += "folder" + std::to_string(10 + i) + "/";
  REQUIRE(WriteFile(c / (rel + "deep.txt"), Article("Folder dalam", "dalamxo")));
  REQUIRE(WriteFile(c / "zz-after.txt", Article("Sesudahnya", "sesudahxo")));
  const std::string db = (t.path() / "long.db").string();
  auto r = RunProcess({kIndexBin, c.string(), "--db", db});
  CAPTURE(r.err);
  CHECK((r.status == 0 || r.status == 3));
  CHECK(RunProcess({kSearchBin, "--db", db, "sesudahxo"}).status == 0);
  CHECK(RunProcess({kSearchBin, "--db", db, "dalamxo"}).status == 0);
  auto again = RunProcess({kIndexBin, c.string(), "--db", db});
  CAPTURE(again.err);
  CHECK(again.err.find(" 0 indexed, 0 replaced, 2 unchanged, 0 removed") != std::string::npos);
  fs::remove(c / (rel + "deep.txt"));
  auto gone = RunProcess({kIndexBin, c.string(), "--db", db});
  CHECK(gone.err.find(" 1 removed") != std::string::npos);
  CHECK(RunProcess({kSearchBin, "--db", db, "dalamxo"}).status == 1);
}

TEST_CASE("rkn-index warnings about broken records quote no escape sequence, no byte that is not UTF-8 and no more than a short excerpt") {
  TempDir t("safe-warnings");
  const fs::path corpus = t.path() / "corpus";
  const std::string good = "{\"title\": \"Satu\", \"content\": \"Presiden meresmikan jembatan baru di Jakarta.\"}\n";
  struct Case {
    const char* name;
    std::string line;  // a broken JSON line
  };
  const std::vector<Case> cases = {
      {"ESC, BEL and bytes that are not UTF-8 before the break", "{\"title\": \"Dua\", \"content\": \"\xff\xfe " + std::string("\x1b]0;judul\x07\x1b[31m") + "\"\n"},
      {"DEL and a C1 control quoted", "{\"title\": \"Tiga\x7f\xc2\x9b\" \"content\": 1}\n"},
      {"a right-to-left override and an isolate quoted", "{\"title\": \"Enam\u202Etxt.exe\u2067\" \"content\": 1}\n"},
      {"a 3 KB string cut short", "{\"title\": \"Empat\", \"content\": \"" + std::string(3000, 'x') + "\xff\n"},
      {"a 3 KB number cut short", "{\"title\": \"Lima\", \"content\": " + std::string(3000, '1') + "}\n"},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    REQUIRE(WriteFile(corpus / "a.jsonl", good + c.line));
    auto r = RunProcess({kIndexBin, corpus.string(), "--db", (t.path() / "a.db").string()});
    CAPTURE(r.err);
    CHECK(r.status == 3);
    const size_t warning = r.err.find("rkn-index: warning: ");
    REQUIRE(warning != std::string::npos);
    const std::string line = r.err.substr(warning, r.err.find('\n', warning) - warning);
    CHECK(line.find("a.jsonl:2: broken JSON line skipped") != std::string::npos);
    CHECK(rkn::IsValidUtf8(line));
    bool control = false;
    for (size_t i = 0; i < line.size(); ++i) {
      const auto b = static_cast<unsigned char>(line[i]);
      control |= (b < 0x20 && b != '\t') || b == 0x7F || (b == 0xC2 && i + 1 < line.size() && (static_cast<unsigned char>(line[i + 1]) & 0xE0) == 0x80);
    }
    CHECK_FALSE(control);
    CHECK_FALSE(HoldsBidiControl(line));
    CHECK(rkn::CodePoints(line) < 400);
  }
}

TEST_CASE("rkn-index warnings show a bidirectional character of a file name escaped, not reordering the line") {
  TempDir t("bidi-name");
  const fs::path corpus = t.path() / "corpus";
  // Shown raw, U+202E would make the rest of the line read right to left: "...lnosj.a".
  REQUIRE(WriteFile(corpus / "berita\u202Eatad.jsonl", "{\"title\": \"Dua\", \"content\": \"\n"));
  auto r = RunProcess({kIndexBin, corpus.string(), "--db", (t.path() / "a.db").string()});
  CAPTURE(r.err);
  CHECK(r.status == 3);
  CHECK(r.err.find("rkn-index: warning: " + corpus.string() + "/berita\\u202eatad.jsonl:1: broken JSON line skipped") != std::string::npos);
  CHECK_FALSE(HoldsBidiControl(r.err));
  SUBCASE("--explain's error names the file escaped too") {
    REQUIRE(WriteFile(corpus / "laporan\u202Efdp.pdf", "%PDF"));
    auto e = RunProcess({kIndexBin, "--explain", (corpus / "laporan\u202Efdp.pdf").string()});
    CAPTURE(e.err);
    CHECK(e.status == 2);
    CHECK(e.err.starts_with("rkn-index: error: " + corpus.string() + "/laporan\\u202efdp.pdf: "));
    CHECK_FALSE(HoldsBidiControl(e.err));
  }
}
