// Snippets: sentence-aligned fragments of an article's stored text around the words a query
// matched, with the matched spans as character offsets. Matching uses the query's own stemmer,
// so every matched form (stemmed, alias, wildcard) is highlighted and nothing else is.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace rkn {

struct SnippetOptions {
  // Total length of the snippet text in characters, approximately: whole words, plus the " … "
  // between fragments and at cut ends. Each fragment gets an equal share; one may run past its
  // share by at most a quarter of it, only to show whole a multi-word match (Make).
  size_t max_chars = 240;
  // Sentence fragments at most; fewer when max_chars would give each under 40 characters.
  size_t fragments = 2;
};

struct Snippet {
  std::string text;  // plain text; fragments joined by " … "
  // [begin, end) offsets in Unicode code points into `text` of each highlighted word, in order;
  // words that touch (a glued "Rp" and its amount, "Rp3,5") are one span.
  std::vector<std::pair<size_t, size_t>> highlights;
};

// One NEAR of the query: each operand's forms, each a sequence of unstemmed lowercase words (one
// word, such as a form of its stem, or several: a multi-word alias, a phrase operand), and how
// many words may stand between two operands (the NEAR's n; of a chain, the largest). A form of
// several words is highlighted only where its words stand together; every form only where each
// other operand has a form that near it: at most max_gap words between them, plus, with three
// operands or more, the longest form of each of the others (which may stand between them).
struct NearWords {
  std::vector<std::vector<std::vector<std::string>>> operands;
  size_t max_gap = 0;
};

// What to highlight: unstemmed terms and "Z"+stem terms (from ParsedQuery), wildcard prefixes,
// phrases: sequences of unstemmed lowercase words whose words are highlighted only where they
// stand together in the text (nothing but spaces and punctuation between them), and NEARs (their
// words where NearWords says; distances in words of the whole text, not only the snippet). A
// phrase's or a NEAR's word that is also highlighted on its own (a term, a stem's form or a
// prefix) is highlighted everywhere; a word of both a phrase and a NEAR follows the phrase.
struct HighlightSet {
  std::vector<std::string> terms;
  std::vector<std::string> prefixes;
  std::vector<std::vector<std::string>> phrases;
  std::vector<NearWords> nears;
};

// The analysis of words as written in article text (their lowercase form and stem term), kept
// from one query to the next so that a batch looks at each distinct word once. Grows with the
// vocabulary of the texts seen, up to a bound (then it starts afresh). Not thread-safe.
class SnippetWords {
 public:
  // Stems with `stem` (copies of a Xapian::Stem share its instance and cache).
  explicit SnippetWords(Xapian::Stem stem);
  SnippetWords(const SnippetWords&) = delete;
  SnippetWords& operator=(const SnippetWords&) = delete;
  ~SnippetWords();

 private:
  friend class SnippetMaker;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Builds the snippets of one query's hits. Each snippet depends only on the text, the highlight
// set and the options, never on the hits before it or on earlier queries. Not thread-safe; `what`
// and `words` must outlive it, and only one maker may use `words` at a time.
class SnippetMaker {
 public:
  SnippetMaker(const HighlightSet& what, SnippetWords& words);
  SnippetMaker(const SnippetMaker&) = delete;
  SnippetMaker& operator=(const SnippetMaker&) = delete;
  ~SnippetMaker();

  // The snippet of `text` (paragraphs separated by '\n'): its best sentences, each longer than
  // its share of max_chars cut to a window of whole words from a little before its first match.
  // A window never cuts a multi-word match (a phrase's words, a multi-word alias) in two: it
  // moves forward to take the whole match in, when it still holds the sentence's first match;
  // else it runs past its share (by at most a quarter of it) to the match's end, when that is
  // enough; else it ends before the match; else (the match alone is longer) the cut match's
  // words are not highlighted, but for those that are matches on their own. Never fails; an
  // empty text gives an empty snippet.
  Snippet Make(std::string_view text, const SnippetOptions& options);

  // Every matched word of the whole of `text` (a title), by the rules of Make's highlights, as
  // [begin, end) code points into `text`. Never fails; an empty text gives none.
  std::vector<std::pair<size_t, size_t>> Highlights(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Builds the snippet of `text` (paragraphs separated by '\n'): SnippetMaker for a single text.
// Deterministic: depends only on the text, the highlight set and the options. Never fails; an
// empty text gives an empty snippet.
Snippet MakeSnippet(const std::string& text, const HighlightSet& what, Xapian::Stem& stem, const SnippetOptions& options);

// What every word that stems to `stem` contains: `stem` without its first character (the one
// letter a stemmer may change, "memukul" -> "pukul"). Empty for a one-character stem. Snippets
// stem only the words containing the needle of one of the query's stems.
std::string StemNeedle(std::string_view stem);

// Renders `s` with each highlight wrapped in `open` and `close` (e.g. "[" "]" or ANSI codes).
std::string RenderSnippet(const Snippet& s, const std::string& open, const std::string& close);

}  // namespace rkn
