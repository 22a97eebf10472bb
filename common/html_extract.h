// Saved news pages: finding the article text in an HTML page (gumbo parse tree, scored by
// paragraph density, link density and container names, with navigation, share bars, related
// lists and comment widgets pruned) and collecting metadata hints from meta tags, microdata and
// JSON-LD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rkn {

// What ExtractHtml found. Metadata fields are hints as written by the page ("" when absent).
struct HtmlPage {
  // The article text: one paragraph or block per line, <br> as a line break, runs of white
  // space collapsed. Empty when no article body was found (see `has_article`).
  std::string text;
  // False for pages that are not an article: section front pages, feeds, link lists, pages
  // whose best text block is too short or mostly links.
  bool has_article = false;
  std::string title;      // headline: JSON-LD headline, og:title, <h1> or <title>, site suffix removed
  std::string url;        // <link rel=canonical>, og:url or JSON-LD url
  std::string site_name;  // og:site_name or JSON-LD publisher name
  // JSON-LD datePublished, article:published_time, itemprop=datePublished, pubdate ...; else a
  // line that is only a date within a few text blocks of the <h1>-<h3> holding the title.
  std::string published;
  // JSON-LD author name(s), meta author, itemprop=author ("a, b" for several); never a URL nor
  // the publisher or an organisation (the site's name, "Kompas Cyber Media" on kompas.com).
  std::string author;
  // The text of the page's first byline element outside comments, asides, navigation and
  // footers: an element whose class or id has a word "author", "penulis", "reporter" or
  // "byline", alone or as a suffix ("detail__author"), not a commenter's ("comment-author").
  // detik's "Fino Yurio Kristo - detikinet"; it may be a picture's credit ("KOMPAS.COM/MASRIADI"):
  // the metadata reads a name from it only when nothing else names the author (RawDocument::byline).
  std::string byline;
  std::string category;   // article:section, JSON-LD articleSection, itemprop=articleSection
  std::string description;  // og:description / meta description
};

// The deepest nesting of elements ExtractHtml reads (its walks recurse); real pages nest a few
// dozen.
inline constexpr size_t kMaxHtmlDepth = 1000;

// Extracts the article from a page already decoded to UTF-8. Never fails on malformed HTML
// (gumbo repairs it as browsers do); fails with kInvalidArgument when `html_utf8` is not valid
// UTF-8, when a one-pass estimate of the parser's work (elements left open at each tag, open
// formatting elements it would clone, attributes of one element) says the parse could take
// minutes or gigabytes ("HTML keeps 2582 elements open at its tag 7748: too costly to parse, not
// read as an article"), or when its elements nest deeper than kMaxHtmlDepth ("HTML elements
// nested 2004 deep (at most 1000): not read as an article").
Result<HtmlPage> ExtractHtml(std::string_view html_utf8);

// Decodes page bytes (BOM, then <meta charset> / http-equiv Content-Type within the first
// 4 KiB, then detection; see DecodeToUtf8) and extracts. Fails with kCorruption for binary data.
Result<HtmlPage> ExtractHtmlBytes(std::string_view bytes);

// The charset a page declares in its first 4 KiB (<meta charset=...> or <meta http-equiv=
// "Content-Type" content="...; charset=...">, or an XML declaration's encoding), or "".
std::string SniffHtmlCharset(std::string_view bytes);

// True when the first bytes look like HTML (a doctype, <html>, <head>, <body>, or a few common
// tags near the start), for files whose extension does not say.
bool LooksLikeHtml(std::string_view head);

}  // namespace rkn
