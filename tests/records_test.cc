#include "common/records.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/gzip.h"
#include "common/text.h"
#include "tests/reliability.h"
#include "tests/temp_dir.h"
#include "tests/varied.h"

namespace rkn {
namespace {

struct Collected {
  std::vector<RawDocument> docs;
  std::vector<std::string> warnings;  // "where: what"
};

Status ReadString(const std::string& bytes, bool csv, Collected* out, RecordOptions options = {}) {
  auto in = MemoryStream(bytes);
  const DocumentSink sink = [&](RawDocument&& d) {
    out->docs.push_back(std::move(d));
    return Status::Ok();
  };
  const WarningSink warn = [&](const std::string& where, const std::string& what) {
    out->warnings.push_back(where + ": " + what);
  };
  return csv ? ReadCsvRecords(*in, "dump.csv", options, sink, warn)
             : ReadJsonRecords(*in, "dump.jsonl", options, sink, warn);
}

TEST_CASE("JSON Lines records map common field names") {
  const std::string jsonl =
      R"({"judul": "Banjir di Bekasi", "isi": "Air naik.", "tanggal": "10 Mei 2019", "jam": "10:15", "sumber": "kompas.com", "kategori": "Megapolitan", "penulis": "Ani", "link": "https://kompas.com/a"})"
      "\n"
      R"({"headline": "Gempa", "text": "Gempa terjadi.", "published_at": "2019-09-01T10:00:00+07:00", "reporter": ["Budi", "Citra"], "id": 42})"
      "\n";
  Collected c;
  REQUIRE(ReadString(jsonl, false, &c).ok());
  REQUIRE(c.docs.size() == 2);
  const RawDocument& a = c.docs[0];
  CHECK(a.title == "Banjir di Bekasi");
  CHECK(a.text == "Air naik.");
  CHECK(a.date == "10 Mei 2019");
  CHECK(a.time == "10:15");
  CHECK(a.source == "kompas.com");
  CHECK(a.category == "Megapolitan");
  CHECK(a.author == "Ani");
  CHECK(a.url == "https://kompas.com/a");
  CHECK(a.type == "jsonl");
  CHECK(a.path == "dump.jsonl");
  CHECK(a.first_line == 1);
  SUBCASE("ids: the id field, else the url, else file and line") {
    CHECK(a.id == "https://kompas.com/a");
    CHECK(c.docs[1].id == "dump.jsonl#42");
    CHECK(c.docs[1].record == "42");
    CHECK(c.docs[1].author == "Budi, Citra");
    CHECK(c.docs[1].date == "2019-09-01T10:00:00+07:00");
  }
  SUBCASE("the names of common scrapers' dumps: NewsAPI, news-please, newspaper3k") {
    // news-please's records were all skipped as without content, and NewsAPI's got no date.
    const std::string scraped =
        R"({"source": {"id": null, "name": "Detik"}, "author": "Andi", "title": "Gempa", "url": "https://news.detik.com/berita/d-1/gempa", "publishedAt": "2019-09-01T03:00:00Z", "content": "Gempa terjadi."})"
        "\n"
        R"({"authors": ["Budi", "Citra"], "date_publish": "2019-09-02 10:00:00", "maintext": "Banjir melanda.", "source_domain": "www.kompas.com", "title": "Banjir"})"
        "\n";
    Collected s;
    REQUIRE(ReadString(scraped, false, &s).ok());
    CHECK(s.warnings.empty());
    REQUIRE(s.docs.size() == 2);
    CHECK(s.docs[0].date == "2019-09-01T03:00:00Z");
    CHECK(s.docs[0].author == "Andi");
    CHECK(s.docs[1].text == "Banjir melanda.");
    CHECK(s.docs[1].date == "2019-09-02 10:00:00");
    CHECK(s.docs[1].author == "Budi, Citra");
    CHECK(s.docs[1].source == "www.kompas.com");
  }
}

TEST_CASE("A field of the wrong JSON type gives way to another name of the same field") {
  // A CMS export's "published": true beside "published_at", in either order; a number as
  // "content" beside "text".
  const std::string jsonl =
      R"({"id": 1, "content": "A.", "published": true, "published_at": "2019-09-01T10:00:00Z"})" "\n"
      R"({"id": 2, "content": "B.", "published_at": "2019-09-01T10:00:00Z", "published": true})" "\n"
      R"({"id": 3, "date": {"$date": 1}, "tanggal": "2019-09-02", "content": "C."})" "\n"
      R"({"id": 4, "text": "D.", "content": 12345})" "\n"
      R"({"id": 5, "content": 12345, "text": "E."})" "\n"
      R"({"id": 6, "published": true, "content": "F."})" "\n";
  Collected c;
  REQUIRE(ReadString(jsonl, false, &c).ok());
  REQUIRE(c.docs.size() == 6);
  CHECK(c.docs[0].date == "2019-09-01T10:00:00Z");
  CHECK(c.docs[1].date == "2019-09-01T10:00:00Z");
  CHECK(c.docs[2].date == "2019-09-02");
  CHECK(c.docs[3].text == "D.");
  CHECK(c.docs[4].text == "E.");
  CHECK(c.docs[5].date == "true");  // no other: a date not understood, which the indexer reports
  SUBCASE("content of HTML references to spaces alone is no content") {
    Collected d;
    REQUIRE(ReadString("{\"id\": 1, \"content\": \"&nbsp;&nbsp; &#160;\"}\n", false, &d).ok());
    CHECK(d.docs.empty());
    CHECK(d.warnings == std::vector<std::string>{"dump.jsonl:1: record has no content; skipped"});
  }
}

TEST_CASE("Broken JSON lines warn with file and line and the rest is read") {
  const std::string jsonl = "{\"title\": \"satu\", \"content\": \"Isi satu.\"}\n"
                            "{\"title\": \"dua\", \"content\": \"Isi dua\n"  // truncated
                            "[1, 2, 3]\n"
                            "\n"
                            "{\"title\": \"tiga\", \"content\": null}\n"
                            "{\"title\": \"empat\", \"content\": {\"nested\": \"x\"}, \"body\": \"Isi empat.\"}\n"
                            "{\"title\": \"lima\", \"content\": \"Isi lima.\"}";
  Collected c;
  REQUIRE(ReadString(jsonl, false, &c).ok());
  REQUIRE(c.docs.size() == 4);
  CHECK(c.docs[0].title == "satu");
  CHECK(c.docs[1].title == "tiga");  // a null content lost its text: read, to be indexed by its title
  CHECK(c.docs[1].text.empty());
  CHECK(c.docs[2].title == "empat");
  CHECK(c.docs[2].text == "Isi empat.");  // the nested object is skipped, body is taken
  CHECK(c.docs[3].title == "lima");
  CHECK(c.docs[3].id == "dump.jsonl:7");
  REQUIRE(c.warnings.size() == 2);
  CHECK(c.warnings[0].rfind("dump.jsonl:2: broken JSON line", 0) == 0);
  CHECK(c.warnings[1] == "dump.jsonl:3: not a JSON object; skipped");
}

TEST_CASE("Nothing after a line's record or a file's array is lost without a warning") {
  // Each of these kept its first record and dropped the rest in silence (exit 0).
  const std::string one = R"({"title": "satu", "content": "Isi satu.", "url": "https://a.id/1"})";
  const std::string two = R"({"title": "dua", "content": "Isi dua.", "url": "https://a.id/2"})";
  const std::string three = R"({"title": "tiga", "content": "Isi tiga.", "url": "https://a.id/3"})";
  SUBCASE("two records on one line: the first is read, the line named") {
    Collected c;
    REQUIRE(ReadString(one + " " + two + "\n" + three + "\n", false, &c).ok());
    REQUIRE(c.docs.size() == 2);
    CHECK(c.docs[0].title == "satu");
    CHECK(c.docs[1].title == "tiga");
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0] ==
          "dump.jsonl:1: more after the record on this line (syntax error while parsing value - unexpected '{'; "
          "expected end of input); the rest of the line skipped (JSON Lines holds one object per line)");
  }
  SUBCASE("garbage after a record, also on a line not in UTF-8") {
    Collected c;
    REQUIRE(ReadString(one + " ok\n" + three + " \xE9t\xE9\n", false, &c).ok());
    REQUIRE(c.docs.size() == 2);
    REQUIRE(c.warnings.size() == 2);
    CHECK(c.warnings[0].rfind("dump.jsonl:1: more after the record on this line (", 0) == 0);
    CHECK(c.warnings[1].rfind("dump.jsonl:2: more after the record on this line (", 0) == 0);
  }
  SUBCASE("lines ended by CR alone (old Mac files) or mixed ends are lines, numbered as such") {
    for (const char* end : {"\r", "\r\n", "\n"}) {
      CAPTURE(end);
      Collected c;
      REQUIRE(ReadString(one + end + two + "\r" + three + end, false, &c).ok());
      REQUIRE(c.docs.size() == 3);
      CHECK(c.docs[2].title == "tiga");
      CHECK(c.docs[2].first_line == 3);
      CHECK(c.warnings.empty());
    }
  }
  SUBCASE("a second array after a .json file's array") {
    Collected c;
    REQUIRE(ReadString("[" + one + ",\n" + two + "]\n\n[" + three + "]\n", false, &c).ok());
    REQUIRE(c.docs.size() == 2);
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0] ==
          "dump.jsonl:4: more after the JSON array, which ends the file's records; the rest of the file skipped");
  }
  SUBCASE("white space after the array is nothing") {
    Collected c;
    REQUIRE(ReadString("[" + one + "]\n \r\n\t\n", false, &c).ok());
    CHECK(c.docs.size() == 1);
    CHECK(c.warnings.empty());
  }
}

TEST_CASE("A .json file holding one array of objects is streamed") {
  const std::string json = "[\n {\"title\": \"a\", \"content\": \"Isi a.\"},\n {\"title\": \"b\", \"content\": [\"P1.\", \"P2.\"]}\n]\n";
  Collected c;
  const Status s = ReadString(json, false, &c);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(c.docs.size() == 2);
  CHECK(c.docs[0].id == "dump.jsonl:#1");
  CHECK(c.docs[1].text == "P1.\nP2.");
}

TEST_CASE("An object that wraps the records in an array, as an API answers, gives its records") {
  // NewsAPI's answer, saved as it came, was one record with no content: nothing indexed.
  const std::string a = R"({"title": "a", "url": "https://x.id/a", "content": "Isi a."})";
  const std::string b = R"({"title": "b", "content": "Isi b."})";
  struct Row {
    const char* name;
    std::string json;
  };
  const Row rows[] = {
      {"NewsAPI's answer, on one line", R"({"status": "ok", "totalResults": 2, "articles": [)" + a + ", " + b + "]}"},
      {"written over many lines", "{\n  \"status\": \"ok\",\n  \"articles\": [\n    " + a + ",\n    " + b + "\n  ]\n}\n"},
      {"members after the records", R"({"data": [)" + a + ", " + b + R"(], "next": "https://api.example/page/2"})"},
      {"an object before the records", R"({"meta": {"items": [1, 2]}, "results": [)" + a + ", " + b + "]}"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      Collected c;
      const Status st = ReadString(row.json, false, &c);
      INFO(st.ToString());
      REQUIRE(st.ok());
      REQUIRE(c.docs.size() == 2);
      CHECK(c.docs[0].title == "a");
      CHECK(c.docs[0].id == "https://x.id/a");  // a URL is its own id
      CHECK(c.docs[1].id == "dump.jsonl:#2");
      CHECK(c.docs[1].text == "Isi b.");
      CHECK(c.warnings.empty());
    }
  }
  SUBCASE("an element that is no object is named by its position") {
    Collected c;
    REQUIRE(ReadString(R"({"articles": [)" + a + R"(, "x"]})", false, &c).ok());
    CHECK(c.docs.size() == 1);
    CHECK(c.warnings == std::vector<std::string>{"dump.jsonl:#2: not a JSON object; skipped"});
  }
  SUBCASE("a record with content of its own and an array of objects is that record") {
    for (const std::string json : {R"({"content": "Isi.", "items": [{"n": 1}]})",
                                   "{\n  \"content\": \"Isi.\",\n  \"items\": [{\"n\": 1}]\n}\n"}) {
      CAPTURE(json);
      Collected c;
      REQUIRE(ReadString(json, false, &c).ok());
      REQUIRE(c.docs.size() == 1);
      CHECK(c.docs[0].text == "Isi.");
      CHECK(c.warnings.empty());
    }
  }
}

TEST_CASE("A value that is not an object is skipped with a warning, in JSON Lines and in an array") {
  SUBCASE("JSON Lines: a string, number, null or array on its own line") {
    const std::string jsonl = "\"Presiden meresmikan bendungan\"\n"
                              "{\"id\": \"x\", \"content\": \"A.\"}\n"
                              "42\n"
                              "null\n"
                              "[1, 2]\n"
                              "true\n";
    Collected c;
    REQUIRE(ReadString(jsonl, false, &c).ok());
    REQUIRE(c.docs.size() == 1);
    CHECK(c.docs[0].id == "dump.jsonl#x");
    CHECK(c.warnings == std::vector<std::string>{
                            "dump.jsonl:1: not a JSON object; skipped", "dump.jsonl:3: not a JSON object; skipped",
                            "dump.jsonl:4: not a JSON object; skipped", "dump.jsonl:5: not a JSON object; skipped",
                            "dump.jsonl:6: not a JSON object; skipped"});
  }
  SUBCASE("an array: each element that is not an object, named by its position") {
    const std::string json = "[\"Presiden meresmikan bendungan\", {\"content\": \"Isi a.\"}, 7, [1, {\"content\": "
                             "\"di dalam\"}], null, {\"content\": \"Isi b.\"}]";
    Collected c;
    REQUIRE(ReadString(json, false, &c).ok());
    REQUIRE(c.docs.size() == 2);
    CHECK(c.docs[0].id == "dump.jsonl:#2");  // positions count every element
    CHECK(c.docs[1].id == "dump.jsonl:#6");
    CHECK(c.warnings == std::vector<std::string>{
                            "dump.jsonl:#1: not a JSON object; skipped", "dump.jsonl:#3: not a JSON object; skipped",
                            "dump.jsonl:#4: not a JSON object; skipped", "dump.jsonl:#5: not a JSON object; skipped"});
  }
  SUBCASE("an array that breaks is named at the element it breaks in") {
    Collected c;
    REQUIRE(ReadString("[{\"content\": \"Isi a.\"}, \"x\", {\"content\": \"Isi", false, &c).ok());
    REQUIRE(c.docs.size() == 1);
    REQUIRE(c.warnings.size() == 2);
    CHECK(c.warnings[0] == "dump.jsonl:#2: not a JSON object; skipped");
    CHECK(c.warnings[1].rfind("dump.jsonl:#3: JSON array breaks at byte", 0) == 0);
  }
}

TEST_CASE("A .json file holding one object over many lines is one record") {
  // What json.dump(obj, indent=2) writes.
  const std::string one = "{\n  \"id\": \"a1\",\n  \"title\": \"Bendungan\",\n  \"content\": [\n    \"P1.\",\n"
                          "    \"P2.\"\n  ],\n  \"meta\": {\"x\": 1}\n}\n";
  SUBCASE("one object") {
    Collected c;
    REQUIRE(ReadString(one, false, &c).ok());
    REQUIRE(c.docs.size() == 1);
    CHECK(c.docs[0].id == "dump.jsonl#a1");
    CHECK(c.docs[0].title == "Bendungan");
    CHECK(c.docs[0].text == "P1.\nP2.");
    CHECK(c.docs[0].first_line == 1);
    CHECK(c.warnings.empty());
  }
  SUBCASE("several, one after another (jq's output), keyed by the line of their '{'") {
    const std::string many = "\xEF\xBB\xBF{\r\n  \"content\": \"Isi satu.\"\r\n}\r\n\r\n{\n  \"content\": \"Isi dua.\"\n}"
                             "\n\"bukan objek\"\n{\n  \"content\": \"Isi tiga.\"\n}\n";
    Collected c;
    REQUIRE(ReadString(many, false, &c).ok());
    REQUIRE(c.docs.size() == 3);
    CHECK(c.docs[0].id == "dump.jsonl:1");
    CHECK(c.docs[1].id == "dump.jsonl:5");
    CHECK(c.docs[1].first_line == 5);
    CHECK(c.docs[2].id == "dump.jsonl:9");
    CHECK(c.warnings == std::vector<std::string>{"dump.jsonl:8: not a JSON object; skipped"});
  }
  SUBCASE("a broken object warns once, keeps the records before it") {
    Collected c;
    REQUIRE(ReadString(one + "{\n  \"content\": \"Isi\n", false, &c).ok());
    REQUIRE(c.docs.size() == 1);
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0].rfind("dump.jsonl:10: broken JSON object: syntax error while parsing value", 0) == 0);
    CHECK(c.warnings[0].ends_with("; rest of the file skipped"));
  }
  SUBCASE("a first line that only starts an object is still JSON Lines otherwise") {
    Collected c;
    REQUIRE(ReadString("{\"content\": \n{\"content\": \"Isi.\"}\n", false, &c).ok());
    CHECK(c.docs.size() == 1);
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0].rfind("dump.jsonl:1: broken JSON line", 0) == 0);
  }
}

TEST_CASE("A repeated id in one file warns and keys the later record by its line, the same on every read") {
  struct Row {
    const char* name;
    bool csv;
    std::string bytes;
    std::vector<std::string> ids;
    std::vector<std::string> warnings;
  };
  const std::vector<Row> rows = {
      {"JSON Lines",
       false,
       "{\"id\": \"7\", \"content\": \"A unikx.\"}\n{\"id\": \"7\", \"content\": \"B.\"}\n"
       "{\"id\": 8, \"content\": \"C.\"}\n{\"id\": \"7\", \"content\": \"D.\"}\n",
       {"dump.jsonl#7", "dump.jsonl:2", "dump.jsonl#8", "dump.jsonl:4"},
       {"dump.jsonl:2: id '7' already used at line 1; indexed by its line instead",
        "dump.jsonl:4: id '7' already used at line 1; indexed by its line instead"}},
      {"a JSON array",
       false,
       "[{\"id\": \"[1, 0]\", \"content\": \"A.\"}, {\"id\": \"[1, 0]\", \"content\": \"B.\"}]",
       {"dump.jsonl#[1, 0]", "dump.jsonl:#2"},
       {"dump.jsonl:#2: id '[1, 0]' already used at record #1; indexed by its position instead"}},
      {"objects over many lines",
       false,
       "{\n \"id\": \"7\", \"content\": \"A.\"\n}\n{\n \"id\": \"7\", \"content\": \"B.\"\n}\n",
       {"dump.jsonl#7", "dump.jsonl:4"},
       {"dump.jsonl:4: id '7' already used at line 1; indexed by its line instead"}},
      {"CSV (the svmihar dumps' ids)",
       true,
       "id,content,url\n\"[1, 0]\",A.,https://a.id/1\n\"[1, 0]\",\"B\nb.\",https://b.id/2\n\"[1, 0]\",C.,\n",
       {"dump.csv#[1, 0]", "dump.csv:3", "dump.csv:5"},
       {"dump.csv:3: id '[1, 0]' already used at line 2; indexed by its line instead",
        "dump.csv:5: id '[1, 0]' already used at line 2; indexed by its line instead"}},
      {"a repeated URL, the id of records without an id field (clickid's dumps): not taken for another file's",
       false,
       "{\"url\": \"https://a.id/1\", \"content\": \"A.\"}\n{\"url\": \"https://a.id/1\", \"content\": \"B.\"}\n"
       "{\"url\": \"https://a.id/2\", \"content\": \"C.\"}\n",
       {"https://a.id/1", "dump.jsonl:2", "https://a.id/2"},
       {"dump.jsonl:2: id 'https://a.id/1' already used at line 1; indexed by its line instead"}},
      {"a record without content does not take the id",
       false,
       "{\"id\": \"7\", \"content\": \"\"}\n{\"id\": \"7\", \"content\": \"B.\"}\n",
       {"dump.jsonl#7"},
       {"dump.jsonl:1: record has no content; skipped"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    for (int read = 1; read <= 2; ++read) {
      CAPTURE(read);
      Collected c;
      REQUIRE(ReadString(row.bytes, row.csv, &c).ok());
      std::vector<std::string> ids;
      for (const auto& d : c.docs) ids.push_back(d.id);
      CHECK(ids == row.ids);
      CHECK(c.warnings == row.warnings);
    }
  }
}

TEST_CASE("The warning about a repeated id goes to the note sink when one is set: the record is read all the same") {
  std::vector<std::string> notes;
  RecordOptions options;
  options.note = [&](const std::string& where, const std::string& what) { notes.push_back(where + ": " + what); };
  Collected c;
  REQUIRE(ReadString("{\"id\": 7, \"content\": \"A.\"}\n{\"id\": 7, \"content\": \"B.\"}\n7\n", false, &c, options).ok());
  CHECK(c.docs.size() == 2);
  CHECK(notes == std::vector<std::string>{"dump.jsonl:2: id '7' already used at line 1; indexed by its line instead"});
  CHECK(c.warnings == std::vector<std::string>{"dump.jsonl:3: not a JSON object; skipped"});  // still a warning
}

// How records are laid out in a file, for the tests of repeated ids below.
enum class Shape { kJsonLines, kJsonArray, kJsonObjects, kCsv };

// `n` records that all have the id 7 (record k's content is "Isi k."), laid out as `shape` (a
// JSON array ends with its "]").
std::string SameIdRecords(Shape shape, int n) {
  std::string out = shape == Shape::kCsv ? "id,content\n" : shape == Shape::kJsonArray ? "[" : "";
  for (int k = 1; k <= n; ++k) {
    const std::string content = "Isi " + std::to_string(k) + ".";
    switch (shape) {
      case Shape::kJsonLines: out += R"({"id": "7", "content": ")" + content + "\"}\n"; break;
      case Shape::kJsonArray:
        out += (k > 1 ? ", " : "") + std::string(R"({"id": "7", "content": ")") + content + "\"}";
        break;
      case Shape::kJsonObjects: out += "{\n  \"id\": \"7\",\n  \"content\": \"" + content + "\"\n}\n"; break;
      case Shape::kCsv: out += "7," + content + "\n"; break;
    }
  }
  return shape == Shape::kJsonArray ? out + "]" : out;
}

// Where record k of SameIdRecords(shape, ...) is: its line, or "#k" in a JSON array.
std::string WhereSameId(Shape shape, int k) {
  switch (shape) {
    case Shape::kJsonLines: return std::to_string(k);
    case Shape::kJsonArray: {
      std::string where = "#";  // appended, not "#" + ...: g++ 12 warns falsely (-Wrestrict)
      where += std::to_string(k);
      return where;
    }
    case Shape::kJsonObjects: return std::to_string(4 * k - 3);
    case Shape::kCsv: return std::to_string(k + 1);
  }
  return "";
}

TEST_CASE("Past the tenth repeated id of a file the records are only counted, and one warning at the end says how many") {
  struct Row {
    const char* name;
    Shape shape;
    int repeats;          // records after the first, all with its id
    std::string summary;  // the last warning, about the file; empty: none
  };
  const std::vector<Row> rows = {
      {"JSON Lines, 13 repeats", Shape::kJsonLines, 13,
       "dump.jsonl: 3 more records whose id was already used in this file were indexed by their line instead (the "
       "first 10 are named above)"},
      {"JSON Lines, exactly 10: no summary", Shape::kJsonLines, 10, ""},
      {"JSON Lines, 11: one more, in the singular", Shape::kJsonLines, 11,
       "dump.jsonl: 1 more record whose id was already used in this file was indexed by its line instead (the first "
       "10 are named above)"},
      {"a JSON array names positions", Shape::kJsonArray, 13,
       "dump.jsonl: 3 more records whose id was already used in this file were indexed by their position instead (the "
       "first 10 are named above)"},
      {"objects over many lines", Shape::kJsonObjects, 12,
       "dump.jsonl: 2 more records whose id was already used in this file were indexed by their line instead (the "
       "first 10 are named above)"},
      {"CSV, 13 repeats", Shape::kCsv, 13,
       "dump.csv: 3 more records whose id was already used in this file were indexed by their line instead (the first "
       "10 are named above)"},
      {"CSV, 3 repeats: each named, no summary", Shape::kCsv, 3, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const bool csv = row.shape == Shape::kCsv;
    const std::string file = csv ? "dump.csv" : "dump.jsonl";
    const bool array = row.shape == Shape::kJsonArray;
    std::vector<std::string> expected;
    for (int k = 2; k <= std::min(row.repeats, 10) + 1; ++k) {
      expected.push_back(file + ":" + WhereSameId(row.shape, k) + ": id '7' already used at " +
                         (array ? "record " : "line ") + WhereSameId(row.shape, 1) + "; indexed by its " +
                         (array ? "position" : "line") + " instead");
    }
    if (!row.summary.empty()) expected.push_back(row.summary);
    Collected c;
    REQUIRE(ReadString(SameIdRecords(row.shape, row.repeats + 1), csv, &c).ok());
    CHECK(c.warnings == expected);
    // Counted or named, every record is indexed, each under its own key as before.
    REQUIRE(c.docs.size() == static_cast<size_t>(row.repeats + 1));
    CHECK(c.docs[0].id == file + "#7");
    for (int k = 2; k <= row.repeats + 1; ++k) {
      CHECK(c.docs[static_cast<size_t>(k - 1)].id == file + ":" + WhereSameId(row.shape, k));
      CHECK(c.docs[static_cast<size_t>(k - 1)].text == "Isi " + std::to_string(k) + ".");
    }
  }
  SUBCASE("the count goes to the note sink, as the warnings it stands for, not to the warnings of skipped records") {
    std::vector<std::string> notes;
    RecordOptions options;
    options.note = [&](const std::string& where, const std::string& what) { notes.push_back(where + ": " + what); };
    Collected c;
    REQUIRE(ReadString(SameIdRecords(Shape::kCsv, 12), true, &c, options).ok());
    CHECK(c.warnings.empty());
    REQUIRE(notes.size() == 11);
    CHECK(notes.back() ==
          "dump.csv: 1 more record whose id was already used in this file was indexed by its line instead (the first "
          "10 are named above)");
  }
  SUBCASE("the count is per file: a second file starts again at zero") {
    Collected first, second;
    REQUIRE(ReadString(SameIdRecords(Shape::kJsonLines, 12), false, &first).ok());
    REQUIRE(ReadString(SameIdRecords(Shape::kJsonLines, 5), false, &second).ok());
    CHECK(first.warnings.size() == 11);
    CHECK(second.warnings.size() == 4);
  }
}

TEST_CASE("The count of repeated ids not named is told also when reading stops early") {
  std::string jsonl_gz;
  {
    std::string jsonl;
    unsigned x = 7;
    for (int i = 1; i <= 300; ++i) jsonl += R"({"id": "7", "content": "Isi)" + rkn::test::VariedWords(&x, 10) + "\"}\n";
    const std::string whole = Gzip(jsonl);
    jsonl_gz = whole.substr(0, whole.size() / 2);
  }
  const std::string array = SameIdRecords(Shape::kJsonArray, 15);  // to be cut before its "]"
  struct Row {
    const char* name;
    bool csv;
    std::string bytes;
    size_t sink_fails_at;  // the sink fails on this document (1-based); 0: never
    StatusCode code;
    const char* by;  // "line" or "position"
  };
  const std::vector<Row> rows = {
      {"a truncated gzip stream", false, jsonl_gz, 0, StatusCode::kCorruption, "line"},
      {"a JSON array that breaks part way", false, array.substr(0, array.size() - 1) + ", {\"id\": ", 0,
       StatusCode::kOk, "position"},
      {"objects over many lines, one broken", false, SameIdRecords(Shape::kJsonObjects, 15) + "{\n  \"id\": 7,,\n}\n", 0,
       StatusCode::kOk, "line"},
      {"a broken last JSON line", false, SameIdRecords(Shape::kJsonLines, 15) + "{\"id\": \n", 0,
       StatusCode::kOk, "line"},
      {"a CSV quote left open at the end", true, SameIdRecords(Shape::kCsv, 15) + "7,\"Isi", 0, StatusCode::kOk,
       "line"},
      {"the sink failing, JSON Lines", false, SameIdRecords(Shape::kJsonLines, 30), 14, StatusCode::kInterrupted,
       "line"},
      {"the sink failing, a JSON array", false, SameIdRecords(Shape::kJsonArray, 30), 14, StatusCode::kInterrupted,
       "position"},
      {"the sink failing, objects over many lines", false, SameIdRecords(Shape::kJsonObjects, 30), 14,
       StatusCode::kInterrupted, "line"},
      {"the sink failing, CSV", true, SameIdRecords(Shape::kCsv, 30), 14, StatusCode::kInterrupted, "line"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    auto in = MemoryStream(row.bytes);
    std::vector<RawDocument> docs;
    std::vector<std::string> warnings;
    const DocumentSink sink = [&](RawDocument&& d) {
      if (docs.size() + 1 == row.sink_fails_at) return Status::Interrupted("interrupted");
      docs.push_back(std::move(d));
      return Status::Ok();
    };
    const WarningSink warn = [&](const std::string& where, const std::string& what) {
      warnings.push_back(where + ": " + what);
    };
    const std::string file = row.csv ? "dump.csv" : "dump.jsonl";
    const Status st = row.csv ? ReadCsvRecords(*in, file, {}, sink, warn) : ReadJsonRecords(*in, file, {}, sink, warn);
    CHECK(st.code() == row.code);
    // Records re-keyed: all but the first read, the one the sink refused included.
    const size_t rekeyed = docs.size() - 1 + (row.sink_fails_at > 0 ? 1 : 0);
    REQUIRE(rekeyed > 11);
    REQUIRE(!warnings.empty());
    CHECK(std::count_if(warnings.begin(), warnings.end(),
                        [](const std::string& w) { return w.find(": id '7' already used at ") != std::string::npos; }) ==
          10);
    CHECK(warnings.back() == file + ": " + std::to_string(rekeyed - 10) +
                                 " more records whose id was already used in this file were indexed by their " +
                                 row.by + " instead (the first 10 are named above)");
  }
}

TEST_CASE("Field overrides replace the default names") {
  Result<FieldMap> map = FieldMap::Create({{"content", "naskah"}, {"title", "content"}});
  REQUIRE(map.ok());
  RecordOptions options;
  options.fields = *map;
  Collected c;
  REQUIRE(ReadString(R"({"content": "Judul", "naskah": "Isi naskah.", "text": "bukan ini"})", false, &c, options).ok());
  REQUIRE(c.docs.size() == 1);
  CHECK(c.docs[0].title == "Judul");
  CHECK(c.docs[0].text == "Isi naskah.");
  SUBCASE("an unknown logical name fails, naming the known ones") {
    const Status s = FieldMap::Create({{"konten", "x"}}).status();
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.ToString() ==
          "--field konten=x: unknown field 'konten' (known: id, title, content, url, date, time, source, category, "
          "author)");
  }
  SUBCASE("a field given twice fails, under either of its names") {
    const Status s = FieldMap::Create({{"content", "a"}, {"text", "b"}}).status();
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.ToString() == "--field text=b: field 'content' given twice");
  }
  SUBCASE("one key given to two fields fails, naming both, whatever the key's case") {
    const Status s = FieldMap::Create({{"content", "isi"}, {"title", "ISI"}}).status();
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.ToString() == "--field title=ISI: key 'ISI' given to two fields (content=isi, title=ISI)");
  }
  SUBCASE("a content key that a CSV header lacks is named, with the header's columns, not the default names") {
    // It said "looked for content, text, isi, body, ...; use a field override", for a typo in the override.
    Result<FieldMap> typo = FieldMap::Create({{"content", "Isi_Berit"}});
    REQUIRE(typo.ok());
    options.fields = *typo;
    Collected d;
    const Status s = ReadString("\xEF\xBB\xBFid;judul;isi_berita\n1;Banjir;Air naik di Bekasi.\n", true, &d, options);
    CHECK(s.code() == StatusCode::kCorruption);
    CHECK(s.ToString() == "dump.csv: CSV header has no column 'Isi_Berit' (--field content=Isi_Berit); its columns: id, "
                          "judul, isi_berita");
    CHECK(d.docs.empty());
    SUBCASE("and a JSON record without it names the key") {
      Collected e;
      REQUIRE(ReadString(R"({"id": "1", "isi_berita": "Air naik di Bekasi."})", false, &e, options).ok());
      CHECK(e.docs.empty());
      CHECK(e.warnings == std::vector<std::string>{"dump.jsonl:1: record has no content in a 'Isi_Berit' field "
                                                   "(--field content=Isi_Berit); skipped"});
    }
    SUBCASE("without an override, the header's columns are named too") {
      Collected e;
      const Status plain = ReadString("text_berita,label\nAir naik.,1\n", true, &e, {});
      CHECK(plain.ToString() == "dump.csv: CSV header has no content column (looked for content, text, isi, body, ...; use "
                                "a field override such as content=<column>); its columns: text_berita, label");
    }
  }
  SUBCASE("a name of the content given to another field is named when no content is found") {
    // "--field title=isi" alone took isi from the content, and the error listed isi among the names
    // it looked for and among the header's columns.
    Result<FieldMap> away = FieldMap::Create({{"title", "ISI"}});
    REQUIRE(away.ok());
    CHECK(away->ContentNameGivenAway() == "'ISI', a name of the content, is given to the title: --field title=ISI");
    options.fields = *away;
    Collected d;
    const Status s = ReadString("judul,isi\nBanjir,Air naik di Bekasi.\n", true, &d, options);
    CHECK(s.ToString() == "dump.csv: CSV header has no content column ('ISI', a name of the content, is given to the title: "
                          "--field title=ISI; name the content's column with --field content=<column>); its columns: judul, isi");
    Collected e;
    REQUIRE(ReadString(R"({"id": "1", "isi": "Air naik di Bekasi."})", false, &e, options).ok());
    CHECK(e.warnings == std::vector<std::string>{"dump.jsonl:1: record has no content ('ISI', a name of the content, is given "
                                                 "to the title: --field title=ISI); skipped"});
    for (const std::map<std::string, std::string>& none :
         std::vector<std::map<std::string, std::string>>{{}, {{"title", "judul"}}, {{"content", "naskah"}, {"title", "isi"}}}) {
      Result<FieldMap> f = FieldMap::Create(none);
      REQUIRE(f.ok());
      CHECK(f->ContentNameGivenAway().empty());
    }
  }
  SUBCASE("a key may hold '='") {
    Result<FieldMap> eq = FieldMap::Create({{"content", "x=y"}});
    REQUIRE(eq.ok());
    options.fields = *eq;
    Collected e;
    REQUIRE(ReadString(R"({"x=y": "Isi.", "content": "bukan ini"})", false, &e, options).ok());
    REQUIRE(e.docs.size() == 1);
    CHECK(e.docs[0].text == "Isi.");
  }
}

TEST_CASE("--field values are read in the order given, and a conflict names both values") {
  using Overrides = std::map<std::string, std::string>;
  struct Case {
    std::vector<std::string> values;
    Overrides overrides;  // when read
    const char* error;    // else
  };
  const Case cases[] = {
      {{}, {}, ""},
      {{"content=isi", "title=judul"}, {{"content", "isi"}, {"title", "judul"}}, ""},
      {{"content=a=b"}, {{"content", "a=b"}}, ""},
      // The same again is taken once, under either name and in any case.
      {{"content=isi", "text=ISI", "Content=isi"}, {{"content", "isi"}}, ""},
      {{"x"}, {}, "--field x: expected NAME=FIELD, e.g. content=isi"},
      {{"content=isi", "=x"}, {}, "--field =x: expected NAME=FIELD, e.g. content=isi"},
      {{"content="}, {}, "--field content=: expected NAME=FIELD, e.g. content=isi"},
      {{"konten=x"},
       {},
       "--field konten=x: unknown field 'konten' (known: id, title, content, url, date, time, source, category, author)"},
      {{"title=isi", "title=judul"}, {}, "--field title=judul: field 'title' given twice (title=isi, title=judul)"},
      {{"body=isi", "content=naskah"}, {}, "--field content=naskah: field 'content' given twice (body=isi, content=naskah)"},
      {{"title=isi", "content=isi"}, {}, "--field content=isi: key 'isi' given to two fields (title=isi, content=isi)"},
      {{"author=Penulis", "source=penulis"},
       {},
       "--field source=penulis: key 'penulis' given to two fields (author=Penulis, source=penulis)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.error);
    Result<Overrides> read = ParseFieldOverrides(c.values);
    if (*c.error == '\0') {
      REQUIRE(read.ok());
      CHECK(*read == c.overrides);
      CHECK(FieldMap::Create(*read).ok());
    } else {
      CHECK(read.status().code() == StatusCode::kInvalidArgument);
      CHECK(read.status().ToString() == c.error);
    }
  }
}

TEST_CASE("CSV follows RFC 4180") {
  const std::string csv =
      ",judul,isi,tanggal,url\r\n"
      "0,\"Judul, dengan koma\",\"Baris satu.\nBaris \"\"dua\"\".\",10 Mei 2019,https://x.id/1\r\n"
      "1,Judul dua,Isi dua.,11 Mei 2019,https://x.id/2\n"
      "2,rusak,hanya tiga\n"
      "3,Judul empat,\"Isi empat.\",12 Mei 2019,\n";
  Collected c;
  REQUIRE(ReadString(csv, true, &c).ok());
  REQUIRE(c.docs.size() == 3);
  CHECK(c.docs[0].title == "Judul, dengan koma");
  CHECK(c.docs[0].text == "Baris satu.\nBaris \"dua\".");
  CHECK(c.docs[0].first_line == 2);
  CHECK(c.docs[0].type == "csv");
  CHECK(c.docs[1].first_line == 4);
  CHECK(c.docs[2].id == "dump.csv:6");
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0] == "dump.csv:5: record has 3 fields, the header has 5; skipped");
  SUBCASE("a header without a content column fails as bad input") {
    Collected d;
    CHECK(ReadString("a,b\n1,2\n", true, &d).code() == StatusCode::kCorruption);
  }
  SUBCASE("a CR alone ends a line too (old Mac exports); inside quotes it is the field's") {
    Collected d;
    REQUIRE(ReadString("id,title,content\r1,Banjir,\"Air naik\rdi Bekasi.\"\r\r2,Cabai,Harga naik.\r", true, &d).ok());
    REQUIRE(d.docs.size() == 2);
    CHECK(d.warnings.empty());
    CHECK(d.docs[0].title == "Banjir");
    CHECK(d.docs[0].first_line == 2);
    CHECK(d.docs[1].text == "Harga naik.");
    CHECK(d.docs[1].first_line == 5);
  }
  SUBCASE("CR CR LF, as Python's csv module writes on Windows, is one line end") {
    Collected d;
    REQUIRE(ReadString("title,content\r\r\nA,Satu.\r\r\nB,Dua.\r\r\n", true, &d).ok());
    REQUIRE(d.docs.size() == 2);
    CHECK(d.warnings.empty());
    CHECK(d.docs[0].first_line == 2);
    CHECK(d.docs[1].first_line == 3);
  }
  SUBCASE("an unterminated quote warns") {
    Collected d;
    REQUIRE(ReadString("title,content\nx,\"tidak selesai\n", true, &d).ok());
    CHECK(d.docs.empty());
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].find("unterminated") != std::string::npos);
  }
  SUBCASE("a quote left open that takes the next record's line warns and skips the record, never silently") {
    // Record 2's content never closes; its field runs on through record 3's line, whose opening
    // quote then closes it with text after it. Leniently read, record 3 was record 2's text.
    Collected d;
    REQUIRE(ReadString("id,title,content\n"
                       "1,Satu,\"Banjir di Bekasi.\"\n"
                       "2,Dua,\"Harga beras naik.\n"
                       "3,Tiga,\"Kereta api tambahan.\"\n"
                       "4,Empat,\"Polisi menangkap pelaku.\"\n",
                       true, &d)
                .ok());
    REQUIRE(d.docs.size() == 2);
    CHECK(d.docs[0].title == "Satu");
    CHECK(d.docs[1].title == "Empat");
    CHECK(d.docs[1].first_line == 5);
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0] ==
          "dump.csv:3: quote left open (a quoted field runs on to line 4, where a quote is followed by more text); record "
          "skipped, lines 3-4");
  }
  SUBCASE("a stray quote on one line, or a quoted line break closed right, reads as before") {
    Collected d;
    REQUIRE(ReadString("title,content\n"
                       "Kutip,\"Dia berkata \"ya\" kemarin.\"\n"
                       "Dua baris,\"Baris satu.\nBaris dua.\"\n",
                       true, &d)
                .ok());
    REQUIRE(d.docs.size() == 2);
    CHECK(d.warnings.empty());
    CHECK(d.docs[1].text == "Baris satu.\nBaris dua.");
  }
}

TEST_CASE("Gzipped records read like plain ones") {
  const std::string gz = Gzip("{\"title\": \"a\", \"content\": \"Isi.\"}\n");
  Collected c;
  REQUIRE(ReadString(gz, false, &c).ok());
  REQUIRE(c.docs.size() == 1);
  SUBCASE("a truncated gzip stream gives the records before the cut, then fails naming its line") {
    std::string jsonl;
    unsigned x = 7;
    for (int i = 1; i <= 300; ++i) {
      const std::string words = rkn::test::VariedWords(&x, 10);
      jsonl += R"({"id": ")" + std::to_string(i) + R"(", "content": "Isi)" + words + "\"}\n";
    }
    const std::string whole = Gzip(jsonl);
    Collected d;
    const Status st = ReadString(whole.substr(0, whole.size() / 2), false, &d);
    CHECK(st.code() == StatusCode::kCorruption);
    REQUIRE(!d.docs.empty());
    CHECK(d.docs.size() < 300);
    for (size_t i = 0; i < d.docs.size(); ++i) CHECK(d.docs[i].record == std::to_string(i + 1));
    CHECK(st.where() == "dump.jsonl:" + std::to_string(d.docs.size() + 1));
    CHECK(st.message() == "truncated gzip stream; the records before this line are read");
    CHECK(d.warnings.empty());
  }
}

TEST_CASE("Comma-joined paragraphs are split at sentence ends only") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"Sudah membaik.,Hal itu terungkap.", "Sudah membaik.\nHal itu terungkap."},
      {"bertengkar.,,,,,Belakangan mereka bertemu.,", "bertengkar.\nBelakangan mereka bertemu."},
      {"kata dia.\",\"Kami siap,\" ujarnya.", "kata dia.\"\n\"Kami siap,\" ujarnya."},
      {"Rp 1,5 juta, kata dia,lalu pergi.", "Rp 1,5 juta, kata dia, lalu pergi."},
      // One comma between two letters: a line break made a comma, or a comma without its space.
      {"sempat menghilang dan membuat,khawatir, kini hubungan,dengan ayahnya", "sempat menghilang dan membuat, khawatir, kini hubungan, dengan ayahnya"},
      {"tahun 2019,2020 dan A,B,,C", "tahun 2019,2020 dan A, B, C"},  // digits stay; a run inside a sentence is one
      {"Pelatih tim nasional (Timnas),, Bima Sakti membeberkan", "Pelatih tim nasional (Timnas), Bima Sakti membeberkan"},
      {"bisa dibilang dari,, tetapi", "bisa dibilang dari, tetapi"},
      {"Dua anggota,,,dan, mengungkapkan", "Dua anggota, dan, mengungkapkan"},
      {"nomor 2,,3", "nomor 2,,3"},
      {",lalu pergi", ",lalu pergi"},  // nothing before the comma
      {"\"Siap\", kata dia.", "\"Siap\", kata dia."},
      {"Ada tiga hal:,Pertama, soal dana.", "Ada tiga hal:\nPertama, soal dana."},
      // After a full stop, spaces and more commas may stand between the paragraphs; not after a quote.
      {"di skuadnya., , Menuju putaran kedua.", "di skuadnya.\nMenuju putaran kedua."},
      {"kata dia., Lalu pergi.", "kata dia.\nLalu pergi."},
      {"\"Kami siap\", Jokowi menegaskan.", "\"Kami siap\", Jokowi menegaskan."},
      // A paragraph whose first words (a link's text) were dropped starts in lowercase.
      {"comeback mereka.,lebih lanjut menyatakan", "comeback mereka.\nlebih lanjut menyatakan"},
      {"member f(x).,,,,,punya banyak", "member f(x).\npunya banyak"},
      {"kembali?, , mencoba lagi", "kembali?\nmencoba lagi"},
      {"kata dia:,lalu pergi", "kata dia:,lalu pergi"},  // after ':' only a capital starts one
      // A link's text the scraper dropped: the commas between spaces go, with the spaces after them.
      {"mengatur bahwa , kumpul kebo dapat dipidana.", "mengatur bahwa kumpul kebo dapat dipidana."},
      {"Hak Asasi Manusia ( ,)  , menjelaskan", "Hak Asasi Manusia  menjelaskan"},
      {"Menteri Hukum ( ,) ,  menjelaskan", "Menteri Hukum menjelaskan"},
      // ...and the parentheses around it, when nothing else was in them.
      {"kebakaran hutan dan lahan ( ,) di Riau.", "kebakaran hutan dan lahan di Riau."},
      {"Kementerian Keuangan (,) menyatakan", "Kementerian Keuangan menyatakan"},
      {"kata dia (, ,).", "kata dia."},
      {"lahan(,)di Riau", "lahan di Riau"},
      {"(,)Presiden datang", "Presiden datang"},
      {"Kementerian Keuangan (Kemenkeu,) menyatakan", "Kementerian Keuangan (Kemenkeu,) menyatakan"},  // not empty
      {"angka (1,5) persen", "angka (1,5) persen"},
      // ...and the commas left before a sentence's end where a name was.
      {"Kabar bahagia datang dari penyanyi,. Pria dengan ciri khas kepala botak ini", "Kabar bahagia datang dari penyanyi. Pria dengan ciri khas kepala botak ini"},
      {"memberi dukungan di pertandingan sahabatnya,,.", "memberi dukungan di pertandingan sahabatnya."},
      {"Siapa pemenangnya,? Simak.", "Siapa pemenangnya? Simak."},
      {"Kabar mengecewakan untuk datang dari ,.", "Kabar mengecewakan untuk datang dari."},
      {"angka 5,.", "angka 5,."},  // after a digit: not a dropped name
      {"kata dia , , lalu pergi.", "kata dia lalu pergi."},
      // A space between the sentence's end and the commas; a paragraph starting with a number.
      {"pagi ini. ,Pemberian Gelar Doktor", "pagi ini.\nPemberian Gelar Doktor"},
      {"acara itu.  ,,Nora menjelaskan", "acara itu.\nNora menjelaskan"},
      {"panitia misterius.,22 tahun lalu", "panitia misterius.\n22 tahun lalu"},
      // Commas right after a space, where a link's text was, go.
      {"Ada ,,\"kata Kepala LIPI", "Ada \"kata Kepala LIPI"},
      {"Artis peran ,Sungkar datang", "Artis peran Sungkar datang"},
      // A picture's credit joined between two paragraphs stands on its own line.
      {"rasa mie tersebut.,© Mie Sedaap,Menariknya, dalam iklan", "rasa mie tersebut.\n© Mie Sedaap\nMenariknya, dalam iklan"},
      {"dari lumpur.,,Foto: Peter Yeung - dok BBC,Namun karena", "dari lumpur.\nFoto: Peter Yeung - dok BBC\nNamun karena"},
      {"Okezone.,FOTO : @ayu,Hasil pernikahannya", "Okezone.\nFOTO : @ayu\nHasil pernikahannya"},
      {"Sissy dan Vanesha.,,,(Foto : @vaneshaass/Instagram),Berdasarkan unggahan",
       "Sissy dan Vanesha.\n(Foto : @vaneshaass/Instagram)\nBerdasarkan unggahan"},  // in parentheses
      // A paragraph that opens with a closing quote typed as an opening one, a parenthesis or a
      // hashtag (220 CLICK-ID paragraphs stayed glued to the sentence before).
      {"materi yang dibawakan.,\xE2\x80\x9DJadi lengkap", "materi yang dibawakan.\n\xE2\x80\x9DJadi lengkap"},
      {"di antara 280 peserta.,,\xE2\x80\x99\xE2\x80\x99Matur nuwun", "di antara 280 peserta.\n\xE2\x80\x99\xE2\x80\x99Matur nuwun"},
      {"membuka sesi unboxing.,(Ini pertama kali", "membuka sesi unboxing.\n(Ini pertama kali"},
      {"Semoga Eyang sehat selalu.,#BJH80andstrong", "Semoga Eyang sehat selalu.\n#BJH80andstrong"},
      {"Pemberantasan Korupsi.,(2) Susunan pimpinan", "Pemberantasan Korupsi.\n(2) Susunan pimpinan"},  // a list's items
      {"Dewan Pengawas.,,( 2) Untuk mendapatkan", "Dewan Pengawas.\n( 2) Untuk mendapatkan"},
      {"dari produk yang dijual.,-Kantong plastik", "dari produk yang dijual.\n-Kantong plastik"},
      {"tentang sosoknya.,\xE2\x80\xA2,Tak disangka", "tentang sosoknya.\n\xE2\x80\xA2,Tak disangka"},
      {"harga naik (dari 5.,(kata dia)", "harga naik (dari 5.,(kata dia)"},  // no capital: no paragraph
      // ...but not a sentence that starts with the word, nor a credit inside a sentence.
      {"di lokasi.,Foto itu diambil,Kamis lalu.", "di lokasi.\nFoto itu diambil, Kamis lalu."},
      {"oleh tim ©KapanLagi.com,Jumat (29/3)", "oleh tim ©KapanLagi.com, Jumat (29/3)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(SplitCommaJoinedParagraphs(c.in) == c.out);
  }
}

TEST_CASE("A record's sentences glued together by the scrape get their space, in JSON Lines and CSV") {
  Collected j;
  REQUIRE(ReadString(R"({"title": "Upah", "content": "Upah naik tahun 2022.Dalam laporan itu, ujarnya.Sebagai contoh"})"
                     "\n",
                     false, &j)
              .ok());
  REQUIRE(j.docs.size() == 1);
  CHECK(j.docs[0].text == "Upah naik tahun 2022. Dalam laporan itu, ujarnya. Sebagai contoh");
  Collected c;
  REQUIRE(ReadString("title,content\nUpah,\"Simak di bawah ini!Kebutuhan pokok naik.\"\n", true, &c).ok());
  REQUIRE(c.docs.size() == 1);
  CHECK(c.docs[0].text == "Simak di bawah ini! Kebutuhan pokok naik.");
}

TEST_CASE("A no-break space between a sentence's end and the commas of a record is a paragraph break, the mojibake one too") {
  // tempo's and kompas's records in CLICK-ID write ".¬†,Neymar": a no-break space garbled as MacRoman.
  for (const char* content : {"starter di laga itu.\xC2\xA0,Neymar dipercaya pelatih.", "starter di laga itu.\xC2\xAC\xE2\x80\xA0,Neymar dipercaya pelatih."}) {
    CAPTURE(content);
    Collected c;
    REQUIRE(ReadString(std::string(R"({"title": "PSG", "content": ")") + content + "\"}\n", false, &c).ok());
    REQUIRE(c.docs.size() == 1);
    CHECK(c.docs[0].text == "starter di laga itu.\nNeymar dipercaya pelatih.");
  }
}

TEST_CASE("An invisible mark after the commas of a record hides no paragraph break from the split") {
  // CLICK-ID: "tambah Wiranto.,\u200eSenada dengan": one sentence, which "tambah Wiranto Senada" matched.
  struct Case {
    const char* content;
    const char* text;
  };
  const Case cases[] = {
      {"tambah Wiranto.,\xE2\x80\x8ESenada dengan Kabid.", "tambah Wiranto.\nSenada dengan Kabid."},   // U+200E
      {"kata Siti.,\xE2\x80\x8F\xEF\xBB\xBFUntuk diketahui.", "kata Siti.\nUntuk diketahui."},          // U+200F, U+FEFF
      {"mobil komando.\xE2\x81\xA6,Lebih lanjut, ia.", "mobil komando.\nLebih lanjut, ia."},              // U+2066
      {"kata dia.\xE2\x80\x8B,Selain itu.", "kata dia.\nSelain itu."},                                  // U+200B: a space
      {"ko\xC2\xADrut", "korut"},                                                                     // soft hyphen
  };
  for (const Case& k : cases) {
    CAPTURE(k.content);
    Collected c;
    REQUIRE(ReadString(std::string(R"({"title": "T", "content": ")") + k.content + "\"}\n", false, &c).ok());
    REQUIRE(c.docs.size() == 1);
    CHECK(c.docs[0].text == k.text);
  }
  SUBCASE("other bytes are kept as they are, invalid UTF-8 too") {
    CHECK(rkn::InvisibleAsNormalized("a\xE2\x80\x9C" "b\xC2\xA9\xFF\xE2") == "a\xE2\x80\x9C" "b\xC2\xA9\xFF\xE2");
  }
}

TEST_CASE("The CSV separator is sniffed from the header line") {
  struct Case {
    const char* header;
    char separator;
  };
  const Case cases[] = {
      {"id,title,content,url", ','},
      {"judul;isi;tanggal", ';'},
      {"id\ttitle\tcontent", '\t'},
      {"title|content|author", '|'},
      {"\xEF\xBB\xBFjudul;isi", ';'},                   // a BOM
      {"\"judul, lengkap\";\"isi\"", ';'},              // a comma inside a quoted name
      {"judul;\"isi; lengkap\",isi", ','},               // only the ',' split finds the content column
      {"title;content,extra,more", ';'},                   // the content column wins over more columns
      {"a,b;c", ','},                                      // nothing recognised: most columns, then ','
      {"content", ','},                                    // one column
      {"", ','},
      {"judul;isi\r", ';'},                               // CR of a CRLF line end
  };
  const FieldMap fields;
  for (const Case& c : cases) {
    CAPTURE(c.header);
    CHECK(SniffCsvSeparator(c.header, fields) == c.separator);
  }
  SUBCASE("a field override counts as the content column") {
    auto custom = FieldMap::Create({{"content", "naskah"}});
    REQUIRE(custom.ok());
    CHECK(SniffCsvSeparator("naskah|kode,lain,lagi", *custom) == '|');
  }
}

TEST_CASE("Semicolon, tab and pipe separated records read like CSV") {
  SUBCASE("semicolons, decimal commas in the values") {
    Collected c;
    REQUIRE(ReadString("judul;isi;harga\nCabai;\"Naik ke Rp 1,5 juta; kata pedagang.\";1,5\n", true, &c).ok());
    REQUIRE(c.docs.size() == 1);
    CHECK(c.docs[0].title == "Cabai");
    CHECK(c.docs[0].text == "Naik ke Rp 1,5 juta; kata pedagang.");
    CHECK(c.warnings.empty());
  }
  SUBCASE("a record with the wrong number of fields still warns") {
    Collected c;
    REQUIRE(ReadString("judul;isi\nsatu;Isi satu.\ndua;Isi;lebih\n", true, &c).ok());
    CHECK(c.docs.size() == 1);
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0] == "dump.csv:3: record has 3 fields, the header has 2; skipped");
  }
  SUBCASE("a header that arrives in many short reads") {
    // Files hand out their first bytes in a short read; here every read is 7 bytes.
    struct Trickle : ByteStream {
      std::string bytes;
      size_t pos = 0;
      Result<size_t> Read(char* buf, size_t n) override {
        const size_t take = std::min({n, size_t{7}, bytes.size() - pos});
        std::copy_n(bytes.data() + pos, take, buf);
        pos += take;
        return take;
      }
    } in;
    std::string header = "judul";
    for (int i = 0; i < 300; ++i) header += ";kolom" + std::to_string(i);
    in.bytes = header + ";isi\nJudul" + std::string(300, ';') + ";Isi.\n";
    std::vector<RawDocument> docs;
    const DocumentSink sink = [&](RawDocument&& d) {
      docs.push_back(std::move(d));
      return Status::Ok();
    };
    REQUIRE(ReadCsvRecords(in, "dump.csv", RecordOptions{}, sink, [](const std::string&, const std::string&) {}).ok());
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].title == "Judul");
    CHECK(docs[0].text == "Isi.");
  }
}

TEST_CASE("Values are repaired: mojibake and non-UTF-8 bytes") {
  Collected c;
  REQUIRE(ReadString("title,content\nCaf\xE9,\"Kata\xC2\xAC\xE2\x80\xA0 dia.\"\n", true, &c).ok());
  REQUIRE(c.docs.size() == 1);
  CHECK(c.docs[0].title == "Caf\xC3\xA9");
  CHECK(c.docs[0].text == "Kata  dia.");  // "¬†" is a no-break space, a space to the comma split
}

TEST_CASE("The shared raw-sample CSVs and CLICK-ID dump read cleanly") {
  const std::filesystem::path shared = RKN_SHARED_DIR "/corpora";
  if (!std::filesystem::exists(shared)) {
    MESSAGE("skipped: " << shared << " is absent");
    return;
  }
  struct Case {
    const char* file;
    size_t min_docs;
  };
  const Case cases[] = {{"raw-samples/fazamina_detik_sentiment_2022-23.csv", 240},
                        {"raw-samples/rrayhka_cnbcindonesia_2024.csv", 390},
                        {"raw-samples/svmihar_ALL_kompas_bisnis_kontan.csv", 160},
                        {"raw-samples/svmihar_kompas.csv", 45},
                        {"raw-samples/wahyualvyy_antara_republika_2025.csv", 100},
                        // 22,136 rows; 56 whose content is only commas and dashes ("-,,,") have no content
                        {"clickid-2019.jsonl", 21900}};
  for (const Case& c : cases) {
    SUBCASE(c.file) {
      auto in = OpenFileStream(shared / c.file);
      REQUIRE(in.ok());
      size_t docs = 0;
      size_t with_title = 0;
      size_t mojibake = 0;
      const DocumentSink sink = [&](RawDocument&& d) {
        ++docs;
        with_title += !d.title.empty();
        mojibake += d.text.find("\xC2\xAC\xE2\x80\xA0") != std::string::npos;
        return Status::Ok();
      };
      const WarningSink warn = [](const std::string&, const std::string&) {};
      const bool csv = std::string(c.file).ends_with(".csv");
      Status s = csv ? ReadCsvRecords(**in, c.file, RecordOptions{}, sink, warn)
                     : ReadJsonRecords(**in, c.file, RecordOptions{}, sink, warn);
      REQUIRE(s.ok());
      CHECK(docs >= c.min_docs);
      CHECK(mojibake == 0);
      if (!csv) CHECK(with_title == docs);
    }
  }
}

}  // namespace
}  // namespace rkn

namespace rkn {
namespace {

TEST_CASE("ReadInputFile reads record fixtures: gzip JSONL, UTF-16 CSV, other separators") {
  const std::filesystem::path dir = std::filesystem::path(RKN_TEST_DATADIR) / "records";
  std::vector<RawDocument> docs;
  std::vector<std::string> warnings;
  const DocumentSink sink = [&](RawDocument&& d) {
    docs.push_back(std::move(d));
    return Status::Ok();
  };
  const WarningSink warn = [&](const std::string& where, const std::string& what) { warnings.push_back(where + ": " + what); };
  SUBCASE("sample.jsonl.gz") {
    InputFile f{dir / "sample.jsonl.gz", "sample.jsonl.gz", "jsonl", true, 0, 0};
    REQUIRE(ReadInputFile(f, ReadOptions{}, sink, warn).ok());
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].title == "Banjir Rob di Jakarta Utara");
    CHECK(docs[0].text == "Banjir rob merendam permukiman di Jakarta Utara.\nWarga mengungsi ke masjid terdekat.");
    CHECK(docs[0].time == "10:15");
    CHECK(docs[0].id == "https://kompas.com/banjir");
    CHECK(docs[1].text == "Harga cabai rawit naik  dua kali lipat.");  // "¬†" -> NBSP -> space
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].rfind("sample.jsonl.gz:3: broken JSON line", 0) == 0);
  }
  SUBCASE("semicolon.csv, tabs.tsv and pipe.csv, as the walk finds them") {
    auto walk = WalkRoots({dir});
    REQUIRE(walk.ok());
    std::map<std::string, InputFile> by_name;
    for (const auto& f : walk->files) by_name[f.rel_path] = f;
    REQUIRE(by_name.count("tabs.tsv") == 1);
    CHECK(by_name["tabs.tsv"].type == "csv");
    for (const char* name : {"semicolon.csv", "tabs.tsv", "pipe.csv"}) {
      REQUIRE(ReadInputFile(by_name.at(name), ReadOptions{}, sink, warn).ok());
    }
    CHECK(warnings.empty());
    REQUIRE(docs.size() == 5);
    CHECK(docs[0].title == "Harga cabai naik");
    CHECK(docs[0].text == "Harga cabai rawit naik menjadi Rp 1,5 juta per kuintal; pedagang mengeluh.");
    CHECK(docs[0].source == "kompas.com");
    CHECK(docs[1].date == "13 Mei 2019");
    CHECK(docs[2].title == "Gempa di Garut");
    CHECK(docs[2].text == "Gempa terasa di Garut, Jawa Barat.\nTidak ada korban.");
    CHECK(docs[2].id == "tabs.tsv#7");
    CHECK(docs[3].title == "Jalan tol, baru");
    CHECK(docs[4].title == "Pilkada | hasil");
    CHECK(docs[4].text == "Hasil hitung cepat, kata dia, belum final.");
    CHECK(docs[4].author == "Ani, Budi");
  }
  SUBCASE("utf16.csv") {
    InputFile f{dir / "utf16.csv", "utf16.csv", "csv", false, 0, 0};
    REQUIRE(ReadInputFile(f, ReadOptions{}, sink, warn).ok());
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].title == "Gempa \"Kecil\" di Garut");
    CHECK(docs[0].text == "Gempa terasa di Garut.\nTidak ada korban.");
    CHECK(docs[0].date == "12 Mei 2019");
  }
}

// The bytes of a string literal, NULs included.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

TEST_CASE("A dump that is not text fails as a text file does, naming the file and its NUL byte") {
  test::TempDir t("records");
  // UTF-16LE without a byte-order mark: NUL bytes too, but text, read as one with it.
  std::string utf16;
  for (char ch : std::string("title,content\nGempa di Garut,Gempa terasa di Garut.\n")) utf16 += std::string{ch, '\0'};
  std::string png = Bytes("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0");
  for (int i = 0; i < 2000; ++i) png += static_cast<char>((i * 2654435761u) >> 11);
  struct Row {
    const char* name;
    std::string bytes;      // the file, as written
    const char* type;       // InputFile::type
    const char* error;      // the failure's message, or "" when the file reads
    size_t docs;            // the documents read
  };
  const Row rows[] = {
      {"zeros.txt", std::string(4096, '\0'), "txt", "binary data: NUL byte at offset 0", 0},  // as it always was
      {"zeros.csv", std::string(4096, '\0'), "csv", "binary data: NUL byte at offset 0", 0},
      {"zeros.tsv", std::string(4096, '\0'), "csv", "binary data: NUL byte at offset 0", 0},
      {"zeros.jsonl", std::string(4096, '\0'), "jsonl", "binary data: NUL byte at offset 0", 0},
      {"zeros.csv.gz", Gzip(std::string(1 << 20, '\0')), "csv", "binary data: NUL byte at offset 0", 0},
      {"image.csv", png, "csv", "binary data: NUL byte at offset 8", 0},
      {"utf16.csv", utf16, "csv", "", 1},
      // One NUL byte in a text dump is no binary file: the records are read as before.
      {"stray.csv", Bytes("title,content\nSatu,Isi pertama\0 di desa.\nDua,Isi kedua di kota.\n"), "csv", "", 2},
      {"stray.jsonl", Bytes("{\"content\":\"Isi pertama di desa.\"}\n\0\n{\"content\":\"Isi kedua di kota.\"}\n"), "jsonl", "", 2},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      const std::filesystem::path path = t.path() / row.name;
      REQUIRE(test::WriteFile(path, row.bytes));
      const InputFile f{path.string(), row.name, row.type, std::string_view(row.name).ends_with(".gz"), 0, 0};
      std::vector<RawDocument> docs;
      const Status s = ReadInputFile(
          f, ReadOptions{},
          [&](RawDocument&& d) {
            docs.push_back(std::move(d));
            return Status::Ok();
          },
          [](const std::string&, const std::string&) {});
      CHECK(s.ok() == (*row.error == '\0'));
      if (!s.ok()) {
        CHECK(s.code() == StatusCode::kCorruption);  // bad input, as the summary counts it
        CHECK(s.where() == row.name);
        CHECK(s.message() == row.error);
      }
      CHECK(docs.size() == row.docs);
    }
  }
}

}  // namespace
}  // namespace rkn
