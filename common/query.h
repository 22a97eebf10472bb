// The rkn query language, parsed into a Xapian::Query. Words are tokenised and stemmed exactly as
// the indexer does (through a TermGenerator with the same stemmer), so index and query cannot
// drift apart. Grammar (README "Query language"):
//   query   := or ( "OR" or )*          or := and ( ["AND"] and )*     (implicit operator: --all/--any)
//   unary   := "NOT" unary | "-" prim | "+" prim | prim ( "NEAR" ["/" n] prim )*
//   prim    := "(" query ")" | '"' phrase '"' | field ":" value | "=" word | word | prefix "*"
//   fields  := title author source category year month date;  date:A..B, A.., ..B (YYYY[-MM[-DD]])
//   value   := ["="] word | prefix "*" | '"' phrase '"'      ("=" for title: and author: only)
// A sign goes before the field ("-title:x"; "title:-x" is an error); '*' only ends a word of at
// least one character and never stands in a phrase.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/snippet.h"
#include "common/status.h"

namespace rkn {

enum class DefaultOperator { kAnd, kOr };

struct QueryOptions {
  DefaultOperator default_op = DefaultOperator::kAnd;
  Xapian::termcount wildcard_limit = 200;  // most frequent expansions kept for "nukl*"
  size_t max_query_bytes = 4096;
  size_t max_clauses = 256;
  size_t max_wildcards = 10;                // "nukl*" terms per query; each scans the vocabulary
  size_t max_nesting = 100;                 // deeper parentheses are an error (the parser recurses)
  // Where wildcards expand: every shard that will be searched (all of them added to one
  // Database), so that "nukl*" names the same terms, and scores the same, however the articles are
  // sharded. Null means the `db` given to ParseQuery. When that database has no documents (an
  // empty database, or a stand-in that only holds the synonym table), wildcards are left to
  // Xapian's OP_WILDCARD, which expands in each shard separately at match time.
  const Xapian::Database* vocabulary = nullptr;
  // The Status a Xapian error reading the database fails ParseQuery with (the searcher names the
  // shard it came from); null: IOError(`database`, its description).
  std::function<Status(const Xapian::Error&)> database_error;
  // How the database read is named in an error: the searcher's --db paths (DatabasesName). A
  // database modified too often while the query is read is IOError(`database`, ...).
  std::string database = "database";
};

// A word of the query that may be misspelled: its byte range in ParsedQuery::text (the query
// after normalisation, which may differ in length from the text given to ParseQuery).
struct QueryWord {
  size_t begin = 0, end = 0;
  std::string lower;      // lowercased word
  std::string prefix;     // its field's term prefix ("" in the text): prefix + lower is its term
  bool excluded = false;  // a word of a NOT or '-' operand: the query leaves out what has it
};

// The parsed query.
struct ParsedQuery {
  Xapian::Query query;                   // to run (filters included)
  // Terms to highlight: unstemmed words and "Z"+stems, of the words the query searches (a
  // stopword dropped from it is not highlighted; one --any keeps for weight is).
  std::vector<std::string> highlight;
  // Word sequences (unstemmed, unprefixed) to highlight only where their words stand together:
  // phrases, hyphenated words, multi-word aliases ("korea utara" for "korut").
  std::vector<std::vector<std::string>> phrases;
  // The same for a field's word sequences, as prefixed terms (title:"korea utara" gives {"Skorea",
  // "Sutara"}): to highlight in that field only where they stand together.
  std::vector<std::vector<std::string>> field_phrases;
  // The words of each NEAR (unstemmed, unprefixed forms of its operands), to highlight only where
  // they stand near each other; a NEAR with a wildcard or a field's operand keeps its forms in
  // `highlight` (and its wildcards in `prefixes`) instead.
  std::vector<NearWords> nears;
  std::vector<std::string> prefixes;     // wildcard prefixes to highlight (unstemmed)
  std::vector<AliasUse> aliases;         // the alias groups the query searched, in the order it read them
  std::vector<QueryWord> words;          // plain words, for spelling suggestions
  // Stopwords of an all-words query that are not required but add weight to the articles that
  // have them ("ibu kota baru": kota, ranked by ibu and baru), as written, not highlighted.
  std::vector<std::string> ranked_stopwords;
  // What the user should know about how the query was read, one sentence each: a wildcard cut to
  // its most frequent words ("'ko*' stands for the 200 most frequent of its 1060 words"), bytes
  // that are not UTF-8 searched as U+FFFD.
  std::vector<std::string> notes;
  std::string text;                      // the query as parsed: valid UTF-8, NormalizeText'ed
  bool together = false;  // a phrase, a hyphenated word or NEAR asks words to stand together
  bool selects = false;   // a source:, category:, year:, month: or date: term selects articles
};

// Parses `text`. `db` supplies aliases (synonym table) and, unless options.vocabulary is set,
// wildcard expansion: "nukl*" becomes the OP_SYNONYM of the options.wildcard_limit most frequent
// terms starting with "nukl" over all of the database's shards (ties: the smaller term). A name
// before ':' that is no field is text ("Wiranto:Ada", with a note) unless it looks meant as one
// (a misspelt field, another engine's "site:"), which is an error. Fails
// with InvalidArgument whose message says what is wrong and at which column ("column 7:
// unbalanced parenthesis": 1-based, in code points of `text` as given, an invalid UTF-8 sequence
// counting as one), or with IOError when the database cannot be read; a database modified while
// the query is read is reopened and the query read again (a few times).
Result<ParsedQuery> ParseQuery(const std::string& text, const Analyzer& analyzer, const Xapian::Database& db,
                               const QueryOptions& options);

// The query `text` as ParseQuery reads it, valid UTF-8: `text` itself when it is UTF-8, else
// read as Windows-1252 (a terminal set to Latin-1: "caf\xE9" is "café"; `*latin1` set when
// given), or, when that fails, with its invalid bytes as U+FFFD. What the output echoes as the
// query, so that a script re-running it searches what was searched. Never fails.
std::string QueryAsRead(const std::string& text, bool* latin1 = nullptr);

// What `rkn-search --analyze` shows: AnalyzeTokens of `text` under `analyzer`, each token with
// the alias groups a query of the same text searches from it on (ParseQuery's aliases, with
// `synonyms` as its database, read as written: "AS" expands, "as" does not; a multi-word form
// goes with its first word). Text that is no valid query (an unbalanced quote) gets its tokens
// without aliases, and `no_aliases`, when given, says why ("column 1: unterminated phrase ...";
// "" otherwise). Xapian errors reading the tokens propagate.
std::vector<AnalyzedToken> AnalyzeText(const std::string& text, const Analyzer& analyzer, const Xapian::Database& synonyms,
                                       std::string* no_aliases = nullptr);

// Date bounds of YYYY, YYYY-MM or YYYY-MM-DD in Indonesian time (+07:00): [first second, last
// second]. Exactly those shapes (4, 2 and 2 digits; "2019-9-1", "20190901" or "2019-" fail with
// InvalidArgument "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '...'"); an impossible date
// (year before 1000, month 13, 2019-02-29) fails with "impossible date '...'".
Result<std::pair<int64_t, int64_t>> DateBounds(const std::string& text);

}  // namespace rkn
