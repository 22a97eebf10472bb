// The search pipeline: open the database(s) -> parse -> match (filters, sort, facets, collapse)
// -> snippets -> a SearchResponse that format.h turns into human, JSON, JSONL or CSV output.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/query.h"
#include "common/shards.h"
#include "common/snippet.h"
#include "common/status.h"

namespace rkn {

// The order of hits: by score, or by published time (ties by score) with undated articles last
// in both date orders; hits that rank equal in either, by stored path, then record (search.cc).
enum class SortOrder { kRelevance, kNewest, kOldest };

// Bounds of the numeric options, the same on the command line and in batch JSON lines.
inline constexpr size_t kMaxLimit = 100000;
inline constexpr size_t kMaxOffset = 10000000;
inline constexpr size_t kMinSnippetChars = 20, kMaxSnippetChars = 10000;
inline constexpr size_t kMinFragments = 1, kMaxFragments = 20;
// How long a tcp:HOST:PORT database may take to connect and to answer each request, in seconds
// (--remote-timeout; command line only). The default is Xapian's own.
inline constexpr size_t kMinRemoteTimeout = 1, kMaxRemoteTimeout = 3600, kDefaultRemoteTimeout = 10;
// Search threads of --batch (-j/--jobs; command line only); the default is one per core.
inline constexpr size_t kMinJobs = 1, kMaxJobs = 64;

// One search request.
struct SearchRequest {
  std::string query;
  DefaultOperator default_op = DefaultOperator::kAnd;
  size_t limit = 10;                 // 0: no hits, but total and facets as for a default page
  size_t offset = 0;
  std::vector<std::string> sources;  // --source, OR'ed; each matches as the field source:VALUE does
  // --from/--to: YYYY[-MM[-DD]]; unset when not given (given empty, they are an error).
  std::optional<std::string> from, to;
  SortOrder sort = SortOrder::kRelevance;
  std::vector<std::string> facets;   // "source", "year", "month" (both in +07:00), "author", "category"
  SnippetOptions snippet;
  bool snippets = true;              // false: hits without snippets (--files needs none)
  bool text = false;                 // hits carry the article's whole cleaned text (--text)
  bool collapse = false;
  bool exact_total = false;          // check every match so `total` is exact (--count)

  // Whether the options select articles by themselves (--source, --from, --to): with no query,
  // they are a query of those filters.
  bool SelectsArticles() const { return !sources.empty() || from || to; }
};

struct Hit {
  size_t rank = 0;
  Xapian::docid docid = 0;
  double score = 0;
  // path: the file's exact bytes, below its root; --files and the human output print them as
  // they are, JSON and CSV with U+FFFD for bytes that are not UTF-8.
  std::string path, record, title, source, published, author, url, category;
  Snippet snippet;
  std::optional<std::string> text;  // the article's cleaned text, when SearchRequest::text asked for it
  // [begin, end) code points into `title` of its matched words, as the snippet's highlights.
  std::vector<std::pair<size_t, size_t>> title_highlights;
  Xapian::doccount collapsed = 0;  // copies folded into this hit (--collapse)
};

struct SearchResponse {
  std::string query;
  std::string parsed_query;     // Xapian's description of the query run
  Xapian::doccount total = 0;   // estimate
  Xapian::doccount total_lower = 0, total_upper = 0;
  std::string suggestion;       // "" when none
  std::map<std::string, std::vector<std::pair<std::string, Xapian::doccount>>> facets;
  std::vector<std::string> facet_order;  // the names of `facets` in the order they were asked for
  std::vector<Hit> hits;
  bool text = false;               // SearchRequest::text: the hits carry their text (CSV's last column)
  std::vector<std::string> notes;  // ParsedQuery::notes: for stderr, not part of the results
};

// What --show asks: one stored article, and optionally a query whose matches to mark in it.
struct ShowRequest {
  // A hit's path and record as the human output prints them ("dump.jsonl#https://..."), an
  // article's id (its path below the indexed folder, a record's url or "dump.jsonl#ID"), or a
  // docid as --json gives it.
  std::string article;
  std::string query;  // "" for none
  DefaultOperator default_op = DefaultOperator::kAnd;
};

// One stored article, whole: `hit` with rank 0 and score 0, its snippet the cleaned text
// (paragraphs separated by '\n') with every match of the query highlighted throughout, as a
// snippet's are; `matches` whether the query matches the article (true without a query).
struct ShownArticle {
  Hit hit;
  std::string query;
  bool matches = true;
  std::vector<std::string> notes;  // the query's notes (ParsedQuery::notes), for stderr
};

// An open searcher: databases, analyzer. Reused across queries (batch mode).
class Searcher {
 public:
  // Opens each of `dbs` (paths, stub/shard-list files, or "tcp:HOST:PORT") read-only and loads
  // the analyzer from `data_dir` ("" = find it). A "tcp:" database that does not connect or
  // answer a request within `remote_timeout_s` seconds is an error (IOError "no answer within N
  // s ..." when opening); the remote lines of a shard-list file keep Xapian's 10 s. Fails naming
  // the database that does not open.
  static Result<std::unique_ptr<Searcher>> Open(const std::vector<std::string>& dbs, const std::string& data_dir,
                                                size_t remote_timeout_s = kDefaultRemoteTimeout);

  // Runs one request. InvalidArgument for a bad query (message says where) or a bad option
  // (--source, --from, --to, --facets: the message names it), IOError otherwise.
  Result<SearchResponse> Search(const SearchRequest& request);

  // Whether the last Search failed on a network error (IsNetworkError: a remote shard stopped
  // answering or its connection broke). The connections to the remote shards may then be out of
  // step or dead for good, so the searcher is to be opened again (Open) before the next search.
  bool connection_lost() const { return connection_lost_; }

  // The article `request.article` names, whole (ShowRequest says how it may be named: the id is
  // tried first, then the path#record forms, then a docid), with the matches of its query. NotFound
  // ("--show") when no article has that name, InvalidArgument for a bad query, IOError for a
  // database error.
  Result<ShownArticle> Show(const ShowRequest& request);

  // Each token of `text` and the term it becomes, in text order, with the aliases a query of the
  // text searches (AnalyzeText). Xapian errors propagate.
  std::vector<AnalyzedToken> Analyze(const std::string& text, std::string* no_aliases = nullptr) const;

  // The Status for Xapian error `e`, met while `doing` ("searching", "reading statistics"), naming
  // the --db spec it came from (DatabaseErrorStatus): a remote shard that stopped answering is
  // named by its spec, not as "database". Never fails.
  Status ErrorStatus(const Xapian::Error& e, std::string_view doing) const;

  // Statistics of the open database(s) as a JSON-able map.
  std::string StatsJson() const;
  std::string StatsHuman() const;

  const Xapian::Database& db() const { return db_; }

  // A warning about the database, "" when none: its articles were stemmed otherwise than this
  // searcher stems queries (another stemmer version, or another root dictionary than the data
  // folder's), so a word may miss its own forms until rkn-index runs again; or its synonym table
  // was written from another aliases.txt than the data folder's. Set by Open.
  const std::string& index_warning() const { return index_warning_; }

  // A warning that some --db is one shard of an rkn database whose other shards no --db names
  // ("--db rkn.db/shard-0": half of the articles, searched as if they were all), naming the
  // folder that searches them all; "" when none. Set by Open.
  const std::string& shard_warning() const { return shard_warning_; }

 private:
  Searcher() = default;
  Result<SearchResponse> SearchOnce(const SearchRequest& request);
  // The QueryOptions of a query of `op` (wildcards over all shards, errors naming the --db).
  QueryOptions QueryOptionsFor(DefaultOperator op);
  // The docid and id term of the article `which` names (Show), 0 and "" when none. Xapian errors propagate.
  std::pair<Xapian::docid, std::string> FindArticle(const std::string& which) const;
  // The note for an all-words query that no article matches: how many articles each of its words
  // (two or more, not stopwords nor fields' words) finds alone under `filters`, so that the word
  // that emptied it shows: "no article has all the words; alone, gempa finds 1657, kucing 40,
  // astronot none (--any finds the articles with any of them)". When a phrase, a hyphenated
  // word or NEAR emptied it (the words are the whole query, and some articles have them all
  // apart), it says that instead: "no article has the words together as the query writes them
  // (...); 5 have them all apart (...)"; when a word left out, a field's word or a range did
  // (maybe with a phrase), "no article matches the whole query; 2 have all its words, none of
  // them without the words it leaves out". "" for fewer than two such words, when none finds any (the
  // spelling check speaks then), and when the query has a wildcard and some articles have all
  // the words. Xapian errors propagate.
  std::string AllWordsNote(const ParsedQuery& parsed, const std::vector<Xapian::Query>& filters, const QueryOptions& qo);
  // The words one edit away from `word` (EditDistance: a letter deleted, inserted or replaced,
  // two neighbouring letters swapped) that occur in the most articles as `prefix` terms ("" for
  // the text, schema::kPrefixTitle for title:...), looked up on the local shards only (remote
  // ones would cost a round trip per lookup): the best that is no stopword and the best
  // stopword, each "" with 0 articles when there is none (a word not all of letters a-z, no
  // local shard). Ties go to the word that sorts first. Xapian errors propagate.
  struct EditNeighbours {
    std::string best;
    Xapian::doccount best_df = 0;
    std::string stopword;
    Xapian::doccount stopword_df = 0;
  };
  EditNeighbours OneEditNeighbours(const std::string& word, const std::string& prefix);
  // Whether the query word `lower` (lowercase; `typed` as the query writes it) is a form of an
  // alias group (a key of the synonym table: query-only and case-sensitive ones included, "=KPAI"
  // for KPAI): such a word finds its group's other forms, so it is no misspelling even where the
  // articles never write it ("suharto" finds "Soeharto"). Xapian errors propagate.
  bool IsAliasForm(const std::string& lower, std::string_view typed) const;
  // Xapian's suggestion for `word` ("" when none; up to two edits), from its spelling data.
  // Xapian 1.4 merges spelling data across several databases wrongly (a shard without a
  // candidate hides the others'), so with several local shards each is asked on its own: lowest
  // edit distance wins, then the most documents.
  std::string XapianSpelling(const std::string& word);
  // The local shards of the --db specs as one database, opened on first use (each also alone in
  // spelling_dbs_); nullptr when every shard is remote.
  Xapian::Database* LocalShards();
  // The shards each --db spec names (ListShardsForReading), in db_names_'s order: the stub files
  // are read on first use, once. An entry that failed is a spec that names no local shard list
  // (a remote database, say).
  const std::vector<Result<ShardsForReading>>& ShardLists() const;
  // Whether a --db spec is remote or a stub file listing a remote shard (ShardLists). Never fails.
  bool AnyRemote() const;
  std::vector<std::string> db_names_;
  bool connection_lost_ = false;  // connection_lost(): set by Search
  size_t remote_timeout_s_ = kDefaultRemoteTimeout;  // the wait of the tcp: specs (Open's)
  std::string index_warning_;
  std::string shard_warning_;
  // A shard takes no KeyMaker (a remote one: Xapian 1.4's remote backend has none): known from
  // a tcp: spec, or learned from the first search that fails with one (a stub file may list one).
  bool no_key_maker_ = false;
  std::vector<Xapian::Database> spelling_dbs_;  // the local shards, each alone: LocalShards()
  Xapian::Database local_;                      // the same together
  bool local_opened_ = false;
  mutable std::optional<std::vector<Result<ShardsForReading>>> shard_lists_;  // ShardLists(), once read
  Xapian::Database db_;
  Xapian::Database synonyms_;  // the aliases: db_, or the data folder's when db_ serves none
  std::shared_ptr<const Analyzer> analyzer_;
  Xapian::Stem stem_;
  std::unique_ptr<SnippetWords> snippet_words_;  // kept across queries (batch mode)
};

// --analyze with no database: each token of `text` and the term it becomes under `analyzer`, with
// the aliases of the analyzer's own alias groups (AnalyzeText), as a new index would have them.
// Xapian errors propagate.
std::vector<AnalyzedToken> AnalyzeStandalone(const std::string& text, const Analyzer& analyzer, std::string* no_aliases = nullptr);

}  // namespace rkn
