// Token-level F1 of the extracted article body against expected text: the five anpandu article
// pages (MIT fixtures copied to tests/data/html/anpandu) and the hand-written pages in
// tests/data/html/own. Bar: F1 >= 0.90 on every page.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/gzip.h"
#include "common/html_extract.h"

namespace rkn {
namespace {

// Lowercased runs of letters and digits (ASCII folding is enough for these texts).
std::map<std::string, int> Tokens(const std::string& s) {
  std::map<std::string, int> bag;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) ++bag[cur];
    cur.clear();
  };
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(ch)));
    } else {
      flush();
    }
  }
  flush();
  return bag;
}

struct Counts {
  int common = 0;
  int got = 0;
  int want = 0;
  double F1() const {
    if (got == 0 || want == 0) return 0;
    const double p = static_cast<double>(common) / got;
    const double r = static_cast<double>(common) / want;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

Counts Compare(const std::string& got, const std::string& want) {
  const auto a = Tokens(got);
  const auto b = Tokens(want);
  Counts c;
  for (const auto& [t, n] : a) {
    c.got += n;
    const auto it = b.find(t);
    if (it != b.end()) c.common += std::min(n, it->second);
  }
  for (const auto& [t, n] : b) c.want += n;
  return c;
}

TEST_CASE("HTML extraction reaches F1 >= 0.90 on every article fixture") {
  const std::filesystem::path dir = std::filesystem::path(RKN_TEST_DATADIR) / "html";
  Counts total;
  int pages = 0;
  for (const char* set : {"anpandu", "own"}) {
    Result<std::string> expected = ReadFileBytes(dir / set / "expected.jsonl", 1u << 24);
    REQUIRE(expected.ok());
    std::unique_ptr<ByteStream> in = MemoryStream(*expected);
    LineReader reader(in.get());
    std::string line;
    while (*reader.Next(&line)) {
      const nlohmann::json want = nlohmann::json::parse(line);
      const std::string fixture = want["fixture"].get<std::string>();
      Result<std::string> bytes = ReadFileBytes(dir / set / fixture, 1u << 24);
      REQUIRE(bytes.ok());
      Result<HtmlPage> page = ExtractHtmlBytes(*bytes);
      REQUIRE(page.ok());
      CHECK(page->has_article);
      const Counts c = Compare(page->text, want["content"].get<std::string>());
      MESSAGE(std::string(set) << "/" << fixture << ": F1 " << c.F1());
      CHECK(c.F1() >= 0.90);
      CHECK(page->title == want["title"].get<std::string>());
      if (want.contains("published")) CHECK(page->published == want["published"].get<std::string>());
      if (want.contains("author")) CHECK(page->author == want["author"].get<std::string>());
      if (want.contains("url")) CHECK(page->url == want["url"].get<std::string>());
      total.common += c.common;
      total.got += c.got;
      total.want += c.want;
      ++pages;
    }
  }
  MESSAGE("overall token F1 over " << pages << " pages: " << total.F1());
  CHECK(pages == 8);
  CHECK(total.F1() >= 0.95);
}

TEST_CASE("Section front pages yield no article body") {
  const std::filesystem::path dir = std::filesystem::path(RKN_TEST_DATADIR) / "html";
  for (const char* fixture : {"anpandu/kompas-mainpage.html", "anpandu/tempo-mainpage.html", "own/front-page.html"}) {
    CAPTURE(fixture);
    Result<std::string> bytes = ReadFileBytes(dir / fixture, 1u << 24);
    REQUIRE(bytes.ok());
    Result<HtmlPage> page = ExtractHtmlBytes(*bytes);
    REQUIRE(page.ok());
    CHECK_FALSE(page->has_article);
  }
  // The other front pages of the shared set (RSS feeds and HTML indexes), when present.
  const std::filesystem::path shared = RKN_SHARED_DIR "/corpora/html-samples";
  if (!std::filesystem::exists(shared)) {
    MESSAGE("skipped the shared front pages: " << shared << " is absent");
    return;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shared)) {
    const std::string name = entry.path().filename().string();
    if (name.find("mainpage") == std::string::npos) continue;
    CAPTURE(name);
    Result<std::string> bytes = ReadFileBytes(entry.path(), 1u << 24);
    REQUIRE(bytes.ok());
    Result<HtmlPage> page = ExtractHtmlBytes(*bytes);
    REQUIRE(page.ok());
    CHECK_FALSE(page->has_article);
  }
}

}  // namespace
}  // namespace rkn
