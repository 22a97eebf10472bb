#include "common/stored_doc.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

// What rkn-search read before the fast path: nlohmann::json, then each field that is a string.
rkn::StoredFields Reference(const std::string& data) {
  rkn::StoredFields f;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded()) j = nlohmann::json::object();
  auto get = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  f.path = get("path");
  f.record = get("record");
  f.title = get("title");
  f.source = get("source");
  f.published = get("published");
  f.author = get("author");
  f.url = get("url");
  f.category = get("category");
  f.text = get("text");
  f.path_bytes = get("path_bytes");
  return f;
}

void CheckSame(const rkn::StoredFields& a, const rkn::StoredFields& b) {
  CHECK(a.path == b.path);
  CHECK(a.record == b.record);
  CHECK(a.title == b.title);
  CHECK(a.source == b.source);
  CHECK(a.published == b.published);
  CHECK(a.author == b.author);
  CHECK(a.url == b.url);
  CHECK(a.category == b.category);
  CHECK(a.text == b.text);
  CHECK(a.path_bytes == b.path_bytes);
}

}  // namespace

TEST_CASE("ReadStoredFields reads what rkn-index stores, field by field") {
  nlohmann::json j;
  j["path"] = "000/000004.txt";
  j["record"] = "https://example.com/a";
  j["title"] = "Cerita \"Admin\" Lambe Turah – 500 Juta";
  j["source"] = "kapanlagi.com";
  j["published"] = "2019-05-06T21:18:00+07:00";
  j["author"] = "";
  j["dateline"] = "JAKARTA";
  j["category"] = "SELEBRITI";
  j["url"] = "https://example.com/a?b=c\\d";
  j["text"] = "Baris satu.\nBaris dua\tdengan tab, kutip \" dan garis / miring.\r\nAkhir é ü 日本";
  const std::string data = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const rkn::StoredFields f = rkn::ReadStoredFields(data);
  CHECK(f.title == "Cerita \"Admin\" Lambe Turah – 500 Juta");
  CHECK(f.text == j["text"].get<std::string>());
  CHECK(f.author.empty());
  CHECK(f.category == "SELEBRITI");
  CheckSame(f, Reference(data));
}

TEST_CASE("ReadStoredFields gives the same fields as nlohmann::json on unusual data") {
  const std::vector<std::string> cases = {
      "",
      "   ",
      "{}",
      " { } ",
      "[]",
      "\"text\"",
      "null",
      R"({"title":"a","title":"b"})",                    // repeated key: the last counts
      R"({"title":"a","title":7})",                      // ... even when it is not a string
      R"({"title":7,"text":"t"})",                       // a number: that field only is empty
      R"({"title":null,"text":"t"})",
      R"({"title":{"x":"y"},"text":"t"})",               // nested object
      R"({"title":["x"],"text":"t"})",
      R"({"text":"caf\u00e9 \ud83d\ude00"})",            // \u escapes, a surrogate pair
      R"({"text":"bad \ud83d"})",                        // a lone surrogate: invalid JSON
      R"({"text":"esc \b\f\n\r\t\/\\\""})",
      R"({"text":"bad escape \x"})",
      "{\"text\":\"raw\ncontrol\"}",                     // raw control character: invalid
      "{\"text\":\"bad utf8 \xC3\x28\"}",                // ill-formed UTF-8: invalid
      "{\"text\":\"overlong \xC0\xAF\"}",
      "{\"text\":\"surrogate \xED\xA0\x80\"}",
      "{\"text\":\"ok \xF0\x9F\x98\x80\"}",
      R"({"text":"unterminated)",
      R"({"text":"a",})",                                // trailing comma: invalid
      R"({"text":"a"} x)",                               // trailing garbage: invalid
      R"({"text":"a"}   )",
      "\t{\r\n\"text\" :\t\"a\" ,\n \"url\": \"u\"\n}\n",  // whitespace everywhere
      R"({"text" "a"})",
      R"({text:"a"})",
      "\xEF\xBB\xBF{\"text\":\"bom\"}",                  // a byte order mark
      R"({"unknown":"x","path":"p"})",
      R"({"path":"p","path_bytes":""})",                 // empty hex: the path as stored
  };
  for (const auto& data : cases) {
    CAPTURE(data);
    CheckSame(rkn::ReadStoredFields(data), Reference(data));
  }
}

TEST_CASE("ReadStoredFields takes a path that is not UTF-8 from its hex bytes") {
  struct Case {
    const char* data;
    std::string path;
  };
  const std::vector<Case> cases = {
      {R"({"path":"a\ufffd.txt","path_bytes":"61ff2e747874","text":"t"})", "a\xff.txt"},
      {R"({"path":"a\ufffd.txt","path_bytes":"61FF2E747874"})", "a\xff.txt"},     // either case
      {R"({"path_bytes":"61fe2e747874","path":"a\ufffd.txt"})", "a\xfe.txt"},     // either order
      {R"({"path":"a\ufffd.txt","path_bytes":"61f"})", "a\xef\xbf\xbd.txt"},  // odd length: as stored
      {R"({"path":"a\ufffd.txt","path_bytes":"61zz"})", "a\xef\xbf\xbd.txt"}, // not hex: as stored
  };
  for (const auto& c : cases) {
    CAPTURE(c.data);
    CHECK(rkn::ReadStoredFields(c.data).path == c.path);
  }
}
