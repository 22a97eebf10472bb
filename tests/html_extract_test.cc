#include "common/html_extract.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "common/gzip.h"

namespace rkn {
namespace {

std::string Fixture(const std::string& rel) {
  Result<std::string> bytes = ReadFileBytes(std::filesystem::path(RKN_TEST_DATADIR) / rel, 1u << 24);
  REQUIRE(bytes.ok());
  return *bytes;
}

const std::string kParagraphs =
    "<p>Pemerintah memperpanjang masa uji coba jalur sepeda di kawasan Sudirman, setelah jumlah pesepeda naik "
    "dua kali lipat dalam tiga bulan terakhir.</p>"
    "<p>Kepala dinas mengatakan, evaluasi menunjukkan jalur dipakai rata-rata 4.200 pesepeda setiap hari kerja, "
    "terutama pada pagi hari.</p>";

TEST_CASE("ExtractHtml keeps the article and drops page furniture") {
  const std::string html =
      "<html><head><title>Jalur Sepeda Diperpanjang - Kompas.com</title>"
      "<meta property='og:url' content='https://megapolitan.kompas.com/read/1'>"
      "<meta property='og:site_name' content='Kompas.com'>"
      "<script>var x = 'jangan ikut';</script><style>p{}</style></head><body>"
      "<nav><a href='/'>Beranda</a> <a href='/news'>News</a></nav>"
      "<div class='social-share'>Bagikan artikel ini ke Facebook dan Twitter sekarang juga ya</div>"
      "<div class='read__content'>" + kParagraphs +
      "<p>Baca juga: <a href='/x'>Berita lain yang panjang judulnya sekali</a></p>"
      "<p>Warga berharap<br>jalur diperluas.</p></div>"
      "<div class='related'><ul><li><a href='/1'>Berita terkait satu tentang sepeda</a></li></ul></div>"
      "<div id='komentar'><p>Komentar pembaca yang panjang sekali, dengan koma, dan koma lagi, soal sepeda.</p></div>"
      "<footer>Hak cipta Kompas Cyber Media, seluruh hak dilindungi undang-undang.</footer></body></html>";
  Result<HtmlPage> page = ExtractHtml(html);
  REQUIRE(page.ok());
  CHECK(page->has_article);
  CHECK(page->title == "Jalur Sepeda Diperpanjang");
  CHECK(page->url == "https://megapolitan.kompas.com/read/1");
  CHECK(page->site_name == "Kompas.com");
  CHECK(page->text.find("Pemerintah memperpanjang") == 0);
  CHECK(page->text.find("\nKepala dinas") != std::string::npos);
  CHECK(page->text.find("Warga berharap\njalur diperluas.") != std::string::npos);
  for (const char* junk : {"jangan ikut", "Beranda", "Bagikan", "Baca juga", "terkait", "Komentar", "Hak cipta"}) {
    CAPTURE(junk);
    CHECK(page->text.find(junk) == std::string::npos);
  }
}

TEST_CASE("A small <article> inside the article is another story's card and goes with its text") {
  const std::string card = "<article><h2>Berita terkait</h2><p>Harga cabai naik tajam menjelang akhir tahun di pasar "
                           "tradisional karena pasokan berkurang drastis.</p></article>";
  Result<HtmlPage> page =
      ExtractHtml("<html><head><title>Jalur Sepeda</title></head><body><article><h1>Jalur Sepeda</h1>" + kParagraphs + card +
                  "</article></body></html>");
  REQUIRE(page.ok());
  CHECK(page->text.find("Pemerintah memperpanjang") == 0);
  CHECK(page->text.find("cabai") == std::string::npos);
  // An <article> holding most of the text, inside a wrapper <article>, is the story itself.
  Result<HtmlPage> wrapped =
      ExtractHtml("<html><head><title>Jalur Sepeda</title></head><body><article><div>Menu</div><article><h1>Jalur Sepeda</h1>" +
                  kParagraphs + "</article></article></body></html>");
  REQUIRE(wrapped.ok());
  CHECK(wrapped->text.find("Pemerintah memperpanjang") == 0);
}

TEST_CASE("ExtractHtml reads metadata from meta tags, microdata and JSON-LD") {
  struct Case {
    const char* name;
    std::string head;
    std::string field;
    std::string expected;
  };
  const Case cases[] = {
      {"json-ld author array", R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":[{"name":"A"},{"name":"B"}],"datePublished":"2024-01-02T03:04:05+07:00"}</script>)", "author", "A, B"},
      {"json-ld in @graph", R"(<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"Article","headline":"Judul LD","datePublished":"2024-01-02"}]}</script>)", "title", "Judul LD"},
      {"json-ld date", R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-02T03:04:05+07:00"}</script>)", "published", "2024-01-02T03:04:05+07:00"},
      {"article:published_time", R"(<meta property="article:published_time" content="2019-09-01T10:00:00+07:00">)", "published", "2019-09-01T10:00:00+07:00"},
      {"pubdate", R"(<meta name="pubdate" content="2015-11-05 T10:08:58Z">)", "published", "2015-11-05 T10:08:58Z"},
      {"content_PublishedDate", R"(<meta name="content_PublishedDate" content="2024-05-20 10:15:00">)", "published", "2024-05-20 10:15:00"},
      // A date that does not read gives way to one after it that does; none reads: the first.
      {"an unreadable pubdate before dateCreated", R"(<meta name="pubdate" content="garbage"><meta itemprop="dateCreated" content="2015-11-05T10:00:26+07:00">)",
       "published", "2015-11-05T10:00:26+07:00"},
      {"no date reads", R"(<meta name="pubdate" content="garbage"><meta name="date" content="kemarin">)", "published", "garbage"},
      {"meta author", R"(<meta name="author" content="Ani Wijaya">)", "author", "Ani Wijaya"},
      {"article:author url ignored", R"(<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="Budi">)", "author", "Budi"},
      // kompas.com, 2015: the publisher as meta author is no author.
      {"publisher as author ignored", R"(<link rel="canonical" href="http://regional.kompas.com/read/2015/11/04/1"><meta name="author" content="Kompas Cyber Media">)", "author", ""},
      {"site name as author ignored", R"(<meta property="og:site_name" content="Okezone"><meta name="author" content="Okezone">)", "author", ""},
      {"organisation as author ignored", R"(<meta name="author" content="PT Media Nusantara">)", "author", ""},
      {"a person after the publisher", R"(<meta name="dc.creator" content="Kompas Cyber Media"><meta name="author" content="Masriadi">)", "author", "Masriadi"},
      {"a person named like another brand", R"(<link rel="canonical" href="https://www.tempo.co/read/1"><meta name="author" content="Antara Wijaya">)", "author", "Antara Wijaya"},
      {"canonical", R"(<link rel="canonical" href="https://a.id/b">)", "url", "https://a.id/b"},
      {"og:title", R"(<meta property="og:title" content="Judul OG"><title>Lain</title>)", "title", "Judul OG"},
      {"article:section", R"(<meta property="article:section" content="Ekonomi">)", "category", "Ekonomi"},
      {"broken json-ld ignored", R"(<script type="application/ld+json">{"@type": "NewsArticle", </script><title>T</title>)", "title", "T"},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      Result<HtmlPage> page = ExtractHtml("<html><head>" + c.head + "</head><body><div>" + kParagraphs + "</div></body></html>");
      REQUIRE(page.ok());
      const std::string& got = c.field == "author"      ? page->author
                               : c.field == "title"     ? page->title
                               : c.field == "published" ? page->published
                               : c.field == "url"       ? page->url
                                                        : page->category;
      CHECK(got == c.expected);
    }
  }
}

TEST_CASE("The page's first byline element is read, but not a commenter's nor one in an aside") {
  struct Case {
    const char* name;
    std::string before, after;  // elements before and after the article's text
    std::string expected;
  };
  const Case cases[] = {
      // detik.com, 2015
      {"detik's author div", R"(<div class="author"><strong>Fino Yurio Kristo</strong> - detikinet</div>)", "", "Fino Yurio Kristo - detikinet"},
      {"a suffix", R"(<span class="read__author">Penulis: Ani Wijaya</span>)", "", "Penulis: Ani Wijaya"},
      {"an id", R"(<p id="byline">Oleh Budi Santoso, Jakarta</p>)", "", "Oleh Budi Santoso, Jakarta"},
      {"reporter", R"(<div class="detail__reporter">Reporter : Citra Lestari</div>)", "", "Reporter : Citra Lestari"},
      {"the first one", R"(<div class="author">Ani Wijaya</div><div class="author">Budi Santoso</div>)", "", "Ani Wijaya"},
      {"a word that only contains it", R"(<div class="authority">Badan Nasional</div>)", "", ""},
      // okezone, 2015: an empty "reporter" first, then the name and its role in "nmreporter"
      {"reporter after letters", R"(<div class="reporter"></div><div class="nmreporter"><div>Dewi Kania</div> <span>Jurnalis</span></div>)", "", "Dewi Kania Jurnalis"},
      // kompas.com, 2015: a picture's credit classed "author", the writer's row under the article
      {"a labelled table row", R"(<span class="pb_10 author">KOMPAS.COM/MASRIADI</span>)",
       R"(<table><tbody><tr><td>Penulis</td><td>: Kontributor Lhokseumawe, Masriadi </td></tr><tr><td>Editor</td><td>: Ervan Hardoko</td></tr></tbody></table>)",
       "Penulis: Kontributor Lhokseumawe, Masriadi"},
      {"another table row", "", R"(<table><tr><td>Editor</td><td>: Ervan Hardoko</td></tr></table>)", ""},
      {"a commenter", "", R"(<div class="comments"><div class="comment-author vcard">Budi Santoso</div></div>)", ""},
      {"a commenter's class alone", "", R"(<div class="comment-author">Budi Santoso</div>)", ""},
      {"a related story's author", "", R"(<aside><span class="author">Joko Susilo</span></aside>)", ""},
      {"in a related list", "", R"(<div class="berita-terkait"><span class="author">Joko Susilo</span></div>)", ""},
      {"a long text", R"(<div class="author">)" + std::string(300, 'a') + "</div>", "", ""},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      Result<HtmlPage> page =
          ExtractHtml("<html><head></head><body>" + c.before + "<div>" + kParagraphs + "</div>" + c.after + "</body></html>");
      REQUIRE(page.ok());
      CHECK(page->byline == c.expected);
      CHECK(page->author.empty());  // the metadata reads a name from it (tests/metadata_test.cc)
    }
  }
}

TEST_CASE("A date shown next to the headline is the published date when no meta tag gives one") {
  // The headline blocks of html-samples' kompas (2015) and okezone (2015) pages, cut down.
  const std::string kompas =
      "<div class='kcm-read-top'><ul class='kcm-breadcrumb'><li><h4><a href='/'>News</a></h4></li></ul>"
      "<h2>Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan</h2>"
      "<div class='msmall grey mb2'>Rabu, 4 November 2015 | 21:04 WIB</div></div>";
  const std::string okezone =
      "<ul class='breadcrumb'><li><a href='/'>Home</a></li><li><a href='/health'>Health</a></li></ul>"
      "<div class='meta-post'><time class='tgl'>Kamis, 5 November 2015 - 15:56 wib</time></p></div>"
      "<div class='titles'><h1>Sering Depresi Berat, Hati-Hati Diabetes!</h1></div>";
  struct Case {
    const char* name;
    std::string head, before, after;  // around the article's paragraphs
    std::string published;
  };
  const Case cases[] = {
      {"kompas: under an <h2>", "<title>Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan - Kompas.com</title>",
       kompas, "", "Rabu, 4 November 2015 | 21:04 WIB"},
      {"okezone: over the <h1>, past a heading that holds the title with the site's name",
       "<meta property='og:title' content='Sering Depresi Berat, Hati-Hati Diabetes!'>",
       "<h1><a href='/'>Okezone Sering Depresi Berat, Hati-Hati Diabetes! - Health</a></h1>" + okezone, "",
       "Kamis, 5 November 2015 - 15:56 wib"},
      {"a meta date wins", "<meta name='pubdate' content='2015-11-04 21:00:00'><title>Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan</title>",
       kompas, "", "2015-11-04 21:00:00"},
      {"a meta date that does not read gives way to it", "<meta name='pubdate' content='garbage'><title>Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan</title>",
       kompas, "", "Rabu, 4 November 2015 | 21:04 WIB"},
      {"a date far from the headline is not taken", "<title>Judul Berita Ini</title>",
       "<h1>Judul Berita Ini</h1><p>satu</p><p>dua</p><p>tiga</p><p>empat</p><p>lima</p>",
       "<ul><li><a href='/1'>Berita lain</a></li><li>Selasa, 03/11/2015 15:20 WIB</li></ul>", ""},
      {"a date inside a sentence is not a date line", "<title>Judul Berita Ini</title>",
       "<h1>Judul Berita Ini</h1><div>Foto diambil di Jakarta, 4 November 2015.</div>", "", ""},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      Result<HtmlPage> page = ExtractHtml("<html><head>" + c.head + "</head><body>" + c.before + "<div>" + kParagraphs +
                                          "</div>" + c.after + "</body></html>");
      REQUIRE(page.ok());
      CHECK(page->published == c.published);
    }
  }
}

TEST_CASE("Pages that are not articles produce no body") {
  SUBCASE("a teaser list") {
    Result<HtmlPage> page = ExtractHtml(Fixture("html/own/front-page.html"));
    REQUIRE(page.ok());
    CHECK_FALSE(page->has_article);
    CHECK(page->text.empty());
  }
  SUBCASE("an RSS feed saved as .html") {
    Result<HtmlPage> page = ExtractHtml(
        "<?xml version=\"1.0\"?><rss><channel><item><title>A</title><description>" + std::string(600, 'x') +
        " panjang, sekali, dengan koma.</description></item></channel></rss>");
    REQUIRE(page.ok());
    CHECK_FALSE(page->has_article);
  }
  SUBCASE("an empty page") {
    Result<HtmlPage> page = ExtractHtml("");
    REQUIRE(page.ok());
    CHECK_FALSE(page->has_article);
  }
}

TEST_CASE("A short article is kept when the page says it is one article") {
  // Two paragraphs of about 100 characters: too little text for an undeclared page.
  const std::string short_paragraphs =
      "<p>Pemerintah memperpanjang masa uji coba jalur sepeda di Sudirman karena jumlah pesepeda naik tajam.</p>"
      "<p>Kepala dinas mengatakan, jalur itu dipakai rata-rata 4.200 pesepeda setiap hari, terutama pagi.</p>";
  struct Case {
    const char* name;
    std::string head;
    std::string body;
    bool has_article;
  };
  const std::string brief = "<h1>Jalur Sepeda Diperpanjang</h1>" + short_paragraphs;
  const Case cases[] = {
      {"a JSON-LD NewsArticle",
       "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Jalur\"}</script>",
       "<div>" + brief + "</div>", true},
      {"an <article> holding the <h1>", "", "<article>" + brief + "</article>", true},
      {"nothing declared", "", "<div>" + brief + "</div>", false},
      // kompas.com's front page says og:type "article" too.
      {"og:type article", "<meta property='og:type' content='article'>", "<div>" + brief + "</div>", false},
      {"a teaser card: an <article> under an <h2>", "",
       "<h1>Kompas.com</h1><article><h2>Jalur Sepeda Diperpanjang</h2>" + short_paragraphs + "</article>", false},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      Result<HtmlPage> page = ExtractHtml("<html><head>" + c.head + "</head><body>" + c.body + "</body></html>");
      REQUIRE(page.ok());
      CHECK(page->has_article == c.has_article);
      if (c.has_article) {
        CHECK(page->text.find("Pemerintah memperpanjang") != std::string::npos);
        CHECK(page->text.find("terutama pagi.") != std::string::npos);
      }
    }
  }
}

TEST_CASE("HTML bytes are decoded by their declared charset") {
  CHECK(SniffHtmlCharset("<html><head><meta charset=\"ISO-8859-1\">") == "iso-8859-1");
  CHECK(SniffHtmlCharset("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>") == "windows-1252");
  CHECK(SniffHtmlCharset("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss>") == "iso-8859-1");
  CHECK(SniffHtmlCharset("<html><body>no charset</body></html>").empty());
  Result<HtmlPage> page = ExtractHtmlBytes(Fixture("html/own/windows-1252.html"));
  REQUIRE(page.ok());
  CHECK(page->title == "Caf\xC3\xA9 di Bandung");
  CHECK(page->text.find("cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e dengan harga \xE2\x80\x9Cterjangkau\xE2\x80\x9D") != std::string::npos);
  CHECK(ExtractHtml("caf\xE9").status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("LooksLikeHtml sniffs content") {
  CHECK(LooksLikeHtml("\xEF\xBB\xBF  <!DOCTYPE html><html>"));
  CHECK(LooksLikeHtml("<html lang=id>"));
  CHECK(LooksLikeHtml("\n<!-- saved --><html>"));
  CHECK_FALSE(LooksLikeHtml("JAKARTA, KOMPAS.com - Teks biasa."));
  CHECK_FALSE(LooksLikeHtml("{\"title\": \"x\"}"));
}

}  // namespace
}  // namespace rkn

TEST_CASE("A page nesting elements deeper than kMaxHtmlDepth is an error, not a stack overflow") {
  // 30,000 nested <div>s (330 KB) crashed rkn-index on every run, in a recursive walk.
  auto nested = [](size_t n) {
    std::string html = "<html><body>";
    for (size_t k = 0; k < n; ++k) html += "<div>";
    html += "<p>Banjir melanda Bekasi pada Senin pagi setelah hujan deras turun selama enam jam.</p>";
    for (size_t k = 0; k < n; ++k) html += "</div>";
    return html + "</body></html>";
  };
  auto deep = rkn::ExtractHtml(nested(2000));
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.status().message() == "HTML elements nested 2004 deep (at most 1000): not read as an article");
  // Up to the limit (html, body, the divs, p and its text: n + 4 levels), the page is read.
  CHECK(rkn::ExtractHtml(nested(rkn::kMaxHtmlDepth - 4)).ok());
  CHECK_FALSE(rkn::ExtractHtml(nested(rkn::kMaxHtmlDepth - 3)).ok());
}

TEST_CASE("A page that would cost the parser minutes or gigabytes is refused before it is parsed") {
  // Found by an exploratory test: each of these (a few hundred KB) took gumbo from 28 s to
  // minutes, one 8 GB and an abort under a memory limit, on every run of rkn-index.
  auto repeat = [](const std::string& piece, size_t n) {
    std::string html = "<html><body>";
    for (size_t k = 0; k < n; ++k) html += piece;
    return html;
  };
  auto numbered = [](const std::string& before, const std::string& after, size_t n) {
    std::string html = "<html><body>";
    for (size_t k = 0; k < n; ++k) html += before + std::to_string(k) + after;
    return html;
  };
  std::string attributes = "<html><body><div";
  for (size_t k = 0; k < 200000; ++k) attributes += " a" + std::to_string(k) + "=1";
  attributes += ">Teks</div>";
  const struct {
    const char* what;
    std::string html;
    const char* message;
  } cases[] = {
      {"200,000 nested <div>", repeat("<div>", 200000),
       "HTML keeps 4472 elements open at its tag 4475: too costly to parse, not read as an article"},
      {"16,000 nested tables", repeat("<table><tr><td>", 16000),
       "HTML keeps 2582 elements open at its tag 7748: too costly to parse, not read as an article"},
      {"formatting elements cloned into every paragraph", numbered("<b id=", "><p>x", 20000),
       "HTML keeps 707 elements open at its tag 1417: too costly to parse, not read as an article"},
      {"an element with 200,000 attributes", attributes,
       "HTML gives one <div> 200000 attributes (at most 1000): too costly to parse, not read as an article"},
      {"<span>s left open, closed by their <div>s (counted as open)", repeat("<div><span></div>", 5001),
       "HTML keeps 2582 elements open at its tag 7747: too costly to parse, not read as an article"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    const auto page = rkn::ExtractHtml(c.html);
    REQUIRE_FALSE(page.ok());
    CHECK(page.status().code() == rkn::StatusCode::kInvalidArgument);
    CHECK(page.status().message() == c.message);
  }

  SUBCASE("comments, scripts and closed elements cost nothing however many") {
    std::string html = "<html><head><script>for (i = 0; i < n; i++) s += '<div><b>';</script></head><body>";
    for (size_t k = 0; k < 20000; ++k) html += "<!-- <div> --><div class=\"x\"><b>Banjir</b> <i>Bekasi</i></div>";
    html += "<article><p>Banjir melanda Bekasi pada Senin pagi setelah hujan deras turun selama enam jam.</p></article>";
    CHECK(rkn::ExtractHtml(html).ok());
  }
}
