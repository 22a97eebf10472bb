// Indonesian text analysis shared by indexing, query parsing and snippets: the stemmer, the
// stopword list and the aliases. One Analyzer is loaded per process and shared read-only; each
// thread asks it for its own Xapian::Stem (the stemmer memoises and is not thread-safe).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/status.h"

namespace rkn {

// Leading marks of marked alias forms in alias_groups() and the synonym table, in this order.
inline constexpr char kAliasQueryOnlyMark = '>';
inline constexpr char kAliasCaseSensitiveMark = '=';
// The mark of a form the indexer learned from the articles, not from aliases.txt: the other
// writing of a hyphenated word that news also writes as one ("kpop" -> "~k pop", "k pop" ->
// "~kpop"; LearnedHyphenForms). Only in the synonym table, where it outlives the run.
inline constexpr char kAliasLearnedMark = '~';

// An unmarked alias form as a synonym-table key: lowercased, its letters' diacritics dropped as
// terms drop them (FoldLatinMarks), '-', '.' and ',' folded to spaces as the tokenizer splits
// there, single spaces ("Bangsa-Bangsa" -> "bangsa bangsa"). Never fails.
std::string FoldAliasForm(std::string_view form);

// The synonym-table keys a query word typed `typed` (its term `lower`) may be a form under: the
// plain and the query-only key ("as", ">as"), then, when the word was typed with capitals (the
// punctuation around it aside: "AS," "(AS)"; dotted initials as the acronym: "A.S."), its
// case-sensitive keys ("=AS", ">=AS"), which only a word typed so may use. Never fails.
std::vector<std::string> AliasKeyCandidates(std::string_view typed, const std::string& lower);

// Which stemmer to use; the dictionary stemmer is the product, Snowball is kept for comparison.
enum class StemmerKind { kDictionary, kSnowball };

// The name stored in the database ("dictionary", "snowball") and accepted by --stemmer.
const char* StemmerName(StemmerKind kind);

// Parses a stemmer name; InvalidArgument naming the accepted names otherwise.
Result<StemmerKind> ParseStemmerName(const std::string& name);

// Feeds `text` to `tg` (index_text with `wdf_inc` and `prefix`) as the indexer, the query parser
// and --analyze must all see it: Latin letters without their diacritics (FoldLatinMarks:
// "Mbappé" is "mbappe", as the snippets read it too), "Rp" glued to an amount split off (SplitGluedCurrency), so
// that "Rp3,5" and "Rp 3,5" give the same words, a '%' after a number read as the word "persen"
// (SpellPercent), and one position left free after each sentence
// end (EndsSentence), so that no phrase matches across two sentences. Xapian errors propagate.
void IndexText(Xapian::TermGenerator& tg, std::string_view text, Xapian::termcount wdf_inc = 1,
               const std::string& prefix = std::string());

// The unstemmed terms IndexText gives `text` (each with `prefix`), in position order: the words
// as the index holds them, for the query parser and --analyze. Uses `tg` with a new document from
// position 0; Xapian errors propagate.
std::vector<std::string> IndexedWords(Xapian::TermGenerator& tg, std::string_view text,
                                      const std::string& prefix = std::string());

struct AnalyzerOptions {
  StemmerKind stemmer = StemmerKind::kDictionary;
  // User alias groups after data/aliases.txt, each as text in the aliases.txt format and where it
  // came from (an alias file, or the database that stored an earlier run's), for errors.
  struct AliasSource {
    std::string where;
    std::string text;
  };
  std::vector<AliasSource> extra_aliases;
  // False skips reading the alias files (alias_groups() is then empty and version() names no
  // aliases): for searching a database whose synonym table already holds them.
  bool load_aliases = true;
  // The version of the root dictionary a database was built with (RootDictionary::version(), as
  // its analyzer version records it), "" when unknown. When it is the compiled-in dictionary's,
  // that dictionary is used and data_dir's root lists are not read: queries stem as the index
  // did even if the lists changed since, and rkn-search starts without reading 240 KB.
  std::string indexed_dictionary;
};

// The root dictionary version inside an analyzer version string ("dict:VERSION/alias:..."), ""
// when it names none (a Snowball index, an empty or foreign string).
std::string DictionaryVersionOf(const std::string& analyzer_version);

// The part of an analyzer version string that decides the terms (Analyzer::index_version():
// "dict:VERSION/rules:N/fold:1" or "snowball/fold:1"), "" for an empty string.
std::string IndexVersionOf(const std::string& analyzer_version);

// The loaded analysis resources. Immutable; share freely between threads.
class Analyzer {
 public:
  // Loads stopwords, root dictionary and aliases from `data_dir`. Fails naming the file that is
  // missing or malformed; a list that is not text (CheckDataText: not UTF-8, NUL, DEL, ...) is
  // InvalidArgument naming its line.
  static Result<std::shared_ptr<const Analyzer>> Load(const std::filesystem::path& data_dir,
                                                      const AnalyzerOptions& options);

  // A new stemmer instance for the calling thread.
  Xapian::Stem MakeStem() const;

  // Which stemmer MakeStem returns.
  StemmerKind stemmer_kind() const;

  // True when `word` (lowercase) is a root of the dictionary stemmer's root dictionary; always
  // false for a Snowball analyzer, which holds none. With MakeStem's stem of a word, it tells a
  // real Indonesian word (kolera, menyembul -> sembul) from an unknown one (a name, a typo).
  bool IsRoot(std::string_view word) const;

  // The query-time stopper (shared, immutable).
  const Xapian::Stopper* stopper() const { return stopper_.get(); }
  bool IsStopword(const std::string& lowercase_word) const { return (*stopper_)(lowercase_word); }

  // Alias groups: each group lists the forms one name is written in, lowercased, words separated
  // by single spaces ("korea utara"). These strings are the synonym-table keys and values.
  // Marked one-word forms (aliases.h) keep their markers: "=AS" (case-sensitive, case kept),
  // ">un" (query-only), ">=UN" (both); the query parser looks them up and filters them.
  const std::vector<std::vector<std::string>>& alias_groups() const { return alias_groups_; }

  // Identifies stemmer, stopword list and aliases; changes when any of them changes. Computed on
  // first use (hashing the root dictionary is not free); thread-safe.
  const std::string& version() const;

  // The part of version() that decides the terms the indexer writes: the stemmer with its root
  // dictionary and rules, and the folding of diacritics ("dict:VERSION/rules:N/fold:1" or
  // "snowball/fold:1"). Stopwords and aliases act at
  // query time (the synonym table is rewritten by every run), so editing them re-indexes no
  // article. Cheap: it hashes no list (the dictionary's version is known or computed once).
  std::string index_version() const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
  std::shared_ptr<const Xapian::Stopper> stopper_;  // a hash set of the stopwords
  std::vector<std::vector<std::string>> alias_groups_;
  std::string stop_text_;  // the stopword list as read (version() hashes its words)
  size_t alias_hash_ = 0;
  mutable std::once_flag version_once_;
  mutable std::string version_;
};

// An alias group that a word, or words, of a query led to (ParsedQuery::aliases, --analyze).
struct AliasUse {
  std::string words;               // as the query read them: lowercased, one space between ("korut", "korea utara")
  std::vector<std::string> forms;  // the group's other forms it also searched, as the alias table holds them
  bool excluded = false;           // the words are left out ("-korut"), and so are the forms
  bool operator==(const AliasUse&) const = default;
};

// One token as `rkn-search --analyze` shows it.
struct AnalyzedToken {
  std::string token;  // lowercased, as indexed
  std::string term;   // its stem; "" for a stopword, the token itself for a number
  // The stem is a stopword (pendapatan: dapat): a query searches the token as written, with its
  // particles and possessives, not the stem (common/query.h).
  bool as_written = false;
  // A clitic written after a hyphen ("KPK-nya"): a query searches the word before it, not this
  // token (term ""; AnalyzeText, query.h).
  bool clitic = false;
  // An operator (AND, OR, NOT, NEAR, a NEAR's distance) or a field's name ("title:") of the
  // query: no term it searches (term ""; AnalyzeText, query.h).
  bool syntax = false;
  // The alias groups a query of the text searches from this token on (AnalyzeText, query.h): the
  // token's own ("korut": korea utara, ...) and those of words starting here ("korea utara").
  std::vector<AliasUse> aliases;
};

// What `rkn-search --analyze` shows: each token of `text` (repaired to UTF-8 and normalised as
// indexed text is) under `analyzer`, in text order. Xapian errors propagate.
std::vector<AnalyzedToken> AnalyzeTokens(const Analyzer& analyzer, const std::string& text);

}  // namespace rkn
