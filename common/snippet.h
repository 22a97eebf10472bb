// Snippets: sentence-aligned fragments of an article's stored text around the words a query
// matched, with the matched spans as character offsets. Matching uses the query's own stemmer,
// so every matched form (stemmed, alias, wildcard) is highlighted and nothing else is.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace rkn {

struct SnippetOptions {
  size_t max_chars = 240;  // total length of the snippet text (characters, approximately)
  size_t fragments = 2;    // sentence fragments at most
};

struct Snippet {
  std::string text;  // plain text; fragments joined by " … "
  // [begin, end) offsets in Unicode code points into `text` of each highlighted word.
  std::vector<std::pair<size_t, size_t>> highlights;
};

// What to highlight: unstemmed terms and "Z"+stem terms (from ParsedQuery), wildcard prefixes.
struct HighlightSet {
  std::vector<std::string> terms;
  std::vector<std::string> prefixes;
};

// Builds the snippet of `text` (paragraphs separated by '\n'). Deterministic: depends only on the
// text, the highlight set and the options. Never fails; an empty text gives an empty snippet.
Snippet MakeSnippet(const std::string& text, const HighlightSet& what, Xapian::Stem& stem, const SnippetOptions& options);

// Renders `s` with each highlight wrapped in `open` and `close` (e.g. "[" "]" or ANSI codes).
std::string RenderSnippet(const Snippet& s, const std::string& open, const std::string& close);

}  // namespace rkn
