#include "common/search.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "common/aliases.h"
#include "common/datadir.h"
#include "common/document.h"
#include "common/read_latest.h"
#include "common/remote_error.h"
#include "common/schema.h"
#include "common/shards.h"
#include "common/stored_doc.h"
#include "common/text.h"

namespace rkn {
namespace {

// Adds the remote shards of the --db `spec`, whose shards are `shards`, to `out`: a tcp: or unix:
// spec is one, a shard-list file has one for each remote line (those run by a program without
// an address).
void AddRemoteShards(const std::string& spec, const ShardsForReading& shards, std::vector<RemoteShard>* out) {
  const RemoteVia via = IsRemoteSpec(spec) ? RemoteVia::kSpec : RemoteVia::kShardList;
  for (const auto& address : shards.remote_addresses) out->push_back({spec, address, via});
  // The remote shards not over TCP ("remote :PROGRAM" lines, a unix: spec): no address.
  for (size_t k = shards.remote_addresses.size(); k < shards.remote; ++k) out->push_back({spec, "", via});
}

// The Status for Xapian error `e` met while opening the --db `spec` (DatabaseErrorStatus): a
// remote shard that cannot be reached, or that stops answering, is said so in plain words.
Status OpeningErrorStatus(const std::string& spec, const Xapian::Error& e, size_t remote_timeout_s) {
  std::vector<RemoteShard> remotes;
  if (const auto shards = ListShardsForReading(spec); shards.ok()) AddRemoteShards(spec, *shards, &remotes);
  return DatabaseErrorStatus(e, "opening", {spec}, remotes, remote_timeout_s);
}

// Opens one --db spec; a "tcp:" one waits `remote_timeout_s` seconds at most to connect and for
// each answer.
Result<Xapian::Database> OpenOne(const std::string& spec, size_t remote_timeout_s) {
  try {
    if (spec.starts_with("tcp:")) {
      const std::string rest = spec.substr(4);
      const auto colon = rest.rfind(':');
      if (colon == std::string::npos || colon == 0) return Status::InvalidArgument(spec, "remote shard must be tcp:HOST:PORT");
      const std::string host = rest.substr(0, colon);
      const std::string port_s = rest.substr(colon + 1);
      if (port_s.empty() || port_s.size() > 5 || !std::all_of(port_s.begin(), port_s.end(), ::isdigit)) {
        return Status::InvalidArgument(spec, "remote shard must be tcp:HOST:PORT");
      }
      const auto ms = static_cast<unsigned>(remote_timeout_s * 1000);  // milliseconds
      try {
        return Xapian::Remote::open(host, static_cast<unsigned>(std::stoi(port_s)), ms, ms);
      } catch (const Xapian::NetworkTimeoutError&) {
        // Listening but silent (a hung xapian-tcpsrv, another server on that port): Xapian's
        // "Timeout expired while trying to read" does not say what was waited for.
        return Status::IOError(spec, "no answer within " + std::to_string(remote_timeout_s) +
                                         " s (is xapian-tcpsrv serving a database there? --remote-timeout sets the wait)");
      } catch (const Xapian::NetworkError& e) {  // refused, an unknown host: said plainly
        return OpeningErrorStatus(spec, e, remote_timeout_s);
      }
    }
    try {
      // Opening reads the newest revision's tables, which a writer committing meanwhile may discard.
      Xapian::Database db;
      if (Status st = ReadLatest(
              kReadAttempts, spec, "opening",
              [&] {
                db = Xapian::Database(spec);
                return Status::Ok();
              },
              [] { return Status::Ok(); });
          !st.ok()) {
        return st;
      }
      // Xapian reads an empty file, or one of comments only, as a shard list of no shard: a
      // database that fails at the first search with "uninitialised Database", naming nothing.
      if (db.size() == 0) {
        std::error_code ec;
        return Status::InvalidArgument(spec, std::filesystem::file_size(spec, ec) == 0
                                                 ? "not a database (an empty file, not a shard list)"
                                                 : "not a database (a shard list that lists no shard)");
      }
      return db;
    } catch (const Xapian::NetworkTimeoutError&) {
      // A remote line of a stub: Xapian's stub reader opens it with its own 10 s, and says only
      // "Timeout expired while trying to read".
      return Status::IOError(spec, "a remote database it lists gave no answer within Xapian's 10 s (is xapian-tcpsrv serving a "
                                   "database there? --remote-timeout applies to --db tcp:HOST:PORT)");
    } catch (const Xapian::NetworkError& e) {  // a remote line that is refused, a program that exits
      return OpeningErrorStatus(spec, e, remote_timeout_s);
    }
  } catch (const Xapian::DatabaseOpeningError& e) {
    // Asked only now: a stat less for every search that opens.
    if (std::error_code ec; !std::filesystem::exists(spec, ec)) {
      return Status::NotFound(spec, "no such database (run rkn-index first, or pass --db)");
    }
    // A folder or file that is no database at all (the corpus passed as --db, say): say that
    // rather than Xapian's "Couldn't detect type of database".
    if (e.get_msg().starts_with("Couldn't detect type of database")) {
      return Status::InvalidArgument(spec, "not a database (a folder without a Xapian database in it; rkn-index writes one with --db)");
    }
    if (std::error_code ec; std::filesystem::is_regular_file(spec, ec)) {  // read as a shard list (a stub)
      // A shard list whose local shard is missing: Xapian says "Couldn't stat 'PATH'".
      constexpr std::string_view kNoStat = "Couldn't stat '";
      if (const std::string& msg = e.get_msg(); msg.starts_with(kNoStat) && msg.size() > kNoStat.size() + 1 && msg.back() == '\'') {
        return Status::NotFound(spec, "lists " + msg.substr(kNoStat.size(), msg.size() - kNoStat.size() - 1) +
                                          ", which does not exist (a shard list's paths are relative to its folder)");
      }
      return Status::InvalidArgument(spec, "not a database nor a shard list file (" + e.get_msg() + ")");
    }
    return Status::Corruption(spec, "cannot open database: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IOError(spec, e.get_description());
  }
}

// `q` restricted to the documents every one of `filters` selects (--source, --from, --to).
Xapian::Query Filtered(Xapian::Query q, const std::vector<Xapian::Query>& filters) {
  for (const auto& f : filters) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
  return q;
}

// Xapian 1.4's remote backend serves no synonym (nor spelling) table, so a search over remote
// shards only would lose the aliases. This writes the analyzer's alias groups (the data folder's
// aliases.txt, as rkn-index writes them) into a small throw-away database: opened, then unlinked
// (the open database keeps its files). Empty when there are no groups or it cannot be written.
Xapian::Database AliasDatabase(const Analyzer& analyzer) {
  if (analyzer.alias_groups().empty()) return {};
  std::string tmpl = (std::filesystem::temp_directory_path() / "rkn-aliases-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return {};
  Xapian::Database db;
  try {
    {
      Xapian::WritableDatabase w(tmpl, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
      WriteSynonymTable(analyzer.alias_groups(), w);
      w.commit();
    }
    db = Xapian::Database(tmpl);
  } catch (const Xapian::Error&) {
    db = Xapian::Database();
  }
  std::error_code ec;
  std::filesystem::remove_all(tmpl, ec);
  return db;
}

// The slot a facet counts. "year" and "month" count the published time (see DateFacet): the
// index's year and month slots hold the date as the source wrote it, in its own time zone.
Xapian::valueno FacetSlot(const std::string& name) {
  if (name == "source") return schema::kSlotSource;
  if (name == "year" || name == "month") return schema::kSlotPublished;
  if (name == "author") return schema::kSlotAuthor;
  if (name == "category") return schema::kSlotCategory;
  return Xapian::BAD_VALUENO;
}

constexpr size_t kFacetValues = 100;  // values listed per facet, most frequent first
constexpr Xapian::doccount kCountedBeyondPage = 100;  // matches checked past the page, for `total`
// Matches checked past the page for a query with a date range, whose estimate Xapian 1.4 takes
// from the range's bounds ("about 200, between 161 and 400" for 161): such a total is exact up to
// this many, for the work of checking them (a research count: "banjir" in September).
constexpr Xapian::doccount kCountedWithDates = 10000;
// A word in 2 to 20 articles (kTypoMaxArticles) is taken for a typo the corpus writes (and
// offered a "did you mean") when it has at least kTypoMinLetters letters, the dictionary does not
// know its stem, the articles do not write its stem in other forms (perdanya: perda; for a word of
// one article too), and a word one edit away, with the same first letter (so too for one article),
// is in at least kTypoRarity times as many articles. Read on clickid-2019 (`python3
// bench/spelling.py --few-articles`): most of what the rule catches are typos (menyelsaikan,
// malayasia; jendral, 16 articles against jenderal's 933); the rest
// names and loanwords (simons, kdrama), offered a neighbour that a reader can ignore. Shorter words
// are too often acronyms or names (dkpp, abel). The lookup costs about a millisecond for a long
// word, so words in more articles (names in a few dozen, common queries) are not looked at.
constexpr size_t kTypoMinLetters = 6;
constexpr Xapian::doccount kTypoRarity = 50;
constexpr Xapian::doccount kTypoMaxArticles = 20;
// A word the articles write whose stem's forms are in this many times as many articles as the
// word itself is an inflection of a known stem, no typo.
constexpr Xapian::doccount kTypoStemRarity = 10;
// A word no article writes that is a written word with one more letter at its end (the common
// slip of an h after a vowel: tersangkah, beritah), whose stem the articles do write, is a typo
// of that word when it is in at least 1/kTrailingTypoShare as many articles as the stem: the
// stem came from reading the slip as affixes (ter-sang-kah: sang, 2,129 articles against
// tersangka's 1,349; beri-tah: beri's forms 6,679 against berita's 685).
constexpr Xapian::doccount kTrailingTypoShare = 10;
// A word one edit from a stopword in this many times as many articles as its best other
// neighbour is taken for a typo of the stopword (tidk: tidak, not tdk; yagn: yang, not yan),
// corrected to it only where the query keeps another word to search, as the stopword is dropped
// outside a phrase; a neighbour common enough stays the suggestion (tlak: tolak, not tak).
constexpr Xapian::doccount kStopwordTypoDominance = 100;
// Xapian's suggestion (up to two edits) is asked for words of letters a-z of this many letters or
// more only.
constexpr size_t kTwoEditMinLetters = 6;

// Whether every byte of `word` is a letter a-z: the words OneEditNeighbours edits.
bool IsLettersAToZ(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// How many of a rare word's articles WrittenAsName reads; to say that a word is always a name, more.
constexpr Xapian::doccount kNameSampleArticles = 3;
constexpr Xapian::doccount kAlwaysNameSampleArticles = 10;

// Whether the articles that hold `word` (a-z; IsLettersAToZ) mostly write it capitalised where a
// sentence does not start: a name (Bahama, Ankara, Kesha), which one edit from a common word
// (bahasa, antara, kesah) is no typo of, where typos of words are written in lower case
// (menyelsaikan). Reads the stored text of the first kNameSampleArticles articles of `db` that
// hold the term `word`. False for other words and when none is read. With `always`, only when
// none of its first kAlwaysNameSampleArticles articles writes it in lower case outside a
// sentence's start: a word of the dictionary that is a name (Indonesia), not one also written as
// a word (gemilang in "Gilang Gemilang" and "prestasi gemilang"). Xapian errors propagate.
struct NameTest {
  bool always = false;
};
bool WrittenAsName(const Xapian::Database& db, const std::string& word, NameTest test = {}) {
  if (word.empty() || !IsLettersAToZ(word)) return false;
  size_t capitalised = 0, lower = 0;
  Xapian::doccount read = 0;
  StoredFields f;
  auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  const Xapian::doccount sample = test.always ? kAlwaysNameSampleArticles : kNameSampleArticles;
  for (auto it = db.postlist_begin(word); it != db.postlist_end(word) && read < sample; ++it, ++read) {
    ReadStoredFields(db.get_document(*it).get_data(), &f);
    const std::string_view text = f.text;
    for (size_t at = 0; at + word.size() <= text.size(); ++at) {
      if (std::tolower(static_cast<unsigned char>(text[at])) != word[0]) continue;
      if (at > 0 && letter(text[at - 1])) continue;
      const size_t end = at + word.size();
      if (end < text.size() && letter(text[end])) continue;
      bool same = true;
      for (size_t k = 1; k < word.size() && same; ++k) same = std::tolower(static_cast<unsigned char>(text[at + k])) == word[k];
      if (!same) continue;
      size_t b = at;  // a sentence's first word is capitalised whatever it is
      while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '"' || text[b - 1] == '\'' || text[b - 1] == '(')) --b;
      if (b == 0 || text[b - 1] == '\n' || text[b - 1] == '.' || text[b - 1] == '!' || text[b - 1] == '?' || text[b - 1] == ':') continue;
      if (std::isupper(static_cast<unsigned char>(text[at]))) ++capitalised;
      else ++lower;
    }
  }
  return test.always ? capitalised > 0 && lower == 0 : capitalised > lower;
}

// The date "YYYY-MM-DD" in Indonesian time (+07:00) of a published time (seconds since the
// epoch, as the published slot holds it); "" for a value that is no time.
std::string WibDate(double epoch) {
  if (!(epoch > -1e15 && epoch < 1e15)) return "";
  const time_t t = static_cast<time_t>(std::floor(epoch)) + 7 * 3600;
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// The "year" (`chars` 4: "2019") or "month" (7: "2019-09") facet from a spy on the published
// time: each time bucketed in Indonesian time (+07:00), as the date filters select (DateBounds),
// so a story published 2019-09-30T23:30Z counts in 2019-10. Most frequent first, ties by value.
std::vector<std::pair<std::string, Xapian::doccount>> DateFacet(const Xapian::ValueCountMatchSpy& spy, size_t chars) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string date = WibDate(Xapian::sortable_unserialise(*it));
    if (date.empty()) continue;  // not a time (the indexer never writes one)
    counts[date.substr(0, chars)] += it.get_termfreq();
  }
  std::vector<std::pair<std::string, Xapian::doccount>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > kFacetValues) out.resize(kFacetValues);
  return out;
}

// The filter of `--source VALUE`: the query the field `source:VALUE` gives (README: `kompas` is
// `kompas.*`, a host or URL its site, `tribun*` a wildcard), built by the query parser itself so
// that option and field cannot disagree; a name of several words, as a source field may hold one
// ("BBC Indonesia"), is the field's quoted value (source:"bbc indonesia"). Fails with
// InvalidArgument naming --source for a value that is no source (blank; holding a control
// character, a parenthesis or a quote; a list "kompas,tempo"; a sign; another field "title:x"), or
// whatever the parser says of the value.
// Appends the parser's notes to *notes (a source no article has, with the nearest one).
Result<Xapian::Query> SourceFilter(const std::string& value, const Analyzer& analyzer, const Xapian::Database& synonyms,
                                   const QueryOptions& options, std::vector<std::string>* notes) {
  const std::string norm = NormalizeText(value);  // a no-break space is a space to the parser
  const bool unfit = Trim(norm).empty() || std::any_of(value.begin(), value.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '\x7f' || c == '(' || c == ')' || c == '"';
  });
  const bool words = norm.find(' ') != std::string::npos;
  // "-kompas" and "title:x" got the query parser's advice about signs and fields, which --source
  // does not take; "kompas,tempo" matched nothing and said nothing. A URL's "https:" is no field.
  const size_t colon = norm.find(':');
  const bool field = colon != std::string::npos && colon > 0 &&
                     std::all_of(norm.begin(), norm.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
                     norm.compare(colon, 3, "://") != 0;
  const bool list = norm.find_first_of(",;|") != std::string::npos;
  if (unfit || field || list || norm[0] == '-' || norm[0] == '+') {
    return Status::InvalidArgument("--source", "'" + value + "' is not a source domain" +
                                                   (list ? std::string(": one site each (--source a --source b; in a batch line, a list)") : std::string()));
  }
  std::string name;  // a name's words, single spaces between them
  for (char c : Trim(norm)) {
    if (c != ' ' || name.back() != ' ') name += c;
  }
  auto parsed = ParseQuery(words ? "source:\"" + name + "\"" : "source:" + value, analyzer, synonyms, options);
  if (!parsed.ok()) {
    if (parsed.status().code() != StatusCode::kInvalidArgument) return parsed.status();
    std::string what = parsed.status().message();
    if (what.starts_with("column ")) what = what.substr(std::min(what.size(), what.find(": ") + 2));
    return Status::InvalidArgument("--source", what);
  }
  notes->insert(notes->end(), parsed->notes.begin(), parsed->notes.end());  // a source no article has
  return parsed->query;
}

// `word` (lowercase) in the case the user typed `typed` in: upper case when every cased letter of
// `typed` is upper case and there are two or more (KHRUSCHEV, ÉCOLE), capitalised when only its
// first letter is (Khruschev, Özil), else as it is. Letters of any script, by ICU's case rules.
std::string InCaseOf(std::string_view typed, std::string word) {
  size_t upper = 0, lower = 0;
  UChar32 first = -1;
  const auto* p = reinterpret_cast<const uint8_t*>(typed.data());
  for (int32_t i = 0, n = static_cast<int32_t>(typed.size()); i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (first < 0) first = c;
    upper += c >= 0 && u_isupper(c);
    lower += c >= 0 && u_islower(c);
  }
  const bool first_upper = first >= 0 && u_isupper(first);
  if ((upper >= 2 && lower == 0) || (first_upper && upper == 1)) {
    // Ö as typed makes özil Özil, ÉCOLE makes ecole ECOLE (ICU's case mapping, any script).
    icu::UnicodeString w = icu::UnicodeString::fromUTF8(word);
    if (lower == 0 && upper >= 2) {
      w.toUpper(icu::Locale::getRoot());
    } else if (w.length() > 0) {
      const UChar32 c0 = w.char32At(0);
      w.replace(0, U16_LENGTH(c0), u_toupper(c0));
    }
    word.clear();
    w.toUTF8String(word);
  }
  return word;
}

// --- The order of hits of equal rank ------------------------------------------------------------
// Xapian ranks hits of equal weight (in the date orders, of equal time and weight) by docid, and
// docids interleave across shards, so that order depends on the database's layout. The searcher
// orders them by `path`, then `record` (bytes), instead: the same list from a database of any
// shard count, page after page. A run of equal hits longer than kMaxTieRun keeps Xapian's order
// (a query of filters alone in relevance order, whose every hit scores 0): ordering it would read
// every hit's document.
constexpr Xapian::doccount kMaxTieRun = 1000;
// Hits fetched past a page's edge at first when a run of equal hits crosses it; then kMaxTieRun.
constexpr Xapian::doccount kFirstTieWidening = 32;

// Whether two hits of one run rank equal: the same sort key (the published value, the key maker's
// key, or none in relevance order) and the same weight.
bool Tied(const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
  return a.get_weight() == b.get_weight() && a.get_sort_key() == b.get_sort_key();
}

// Whether `q` holds a range of a value slot (date:, year:, month:, --from, --to).
bool HasValueRange(const Xapian::Query& q) {
  const auto type = q.get_type();
  if (type == Xapian::Query::OP_VALUE_RANGE || type == Xapian::Query::OP_VALUE_GE || type == Xapian::Query::OP_VALUE_LE) return true;
  for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
    if (HasValueRange(q.get_subquery(k))) return true;
  }
  return false;
}

// Each value range of `q` (date:, year:, month:, --from, --to) into `out`: its description as
// Xapian gives it ("VALUE_RANGE 3 <bytes> <bytes>", the bounds sortable_serialise'd) and what it
// reads as ("date 2019-09-01..2019-09-30", in WIB, as the filters select).
void ValueRangeDescriptions(const Xapian::Query& q, std::vector<std::pair<std::string, std::string>>* out) {
  const auto type = q.get_type();
  if (type != Xapian::Query::OP_VALUE_RANGE && type != Xapian::Query::OP_VALUE_GE && type != Xapian::Query::OP_VALUE_LE) {
    for (size_t k = 0; k < q.get_num_subqueries(); ++k) ValueRangeDescriptions(q.get_subquery(k), out);
    return;
  }
  std::string d = q.get_description();  // "Query(VALUE_RANGE 3 lo hi)"
  if (!d.starts_with("Query(") || !d.ends_with(")")) return;
  d = d.substr(6, d.size() - 7);
  const std::string head = type == Xapian::Query::OP_VALUE_RANGE ? "VALUE_RANGE " : type == Xapian::Query::OP_VALUE_GE ? "VALUE_GE " : "VALUE_LE ";
  const std::string slot_prefix = head + std::to_string(schema::kSlotPublished) + " ";
  if (!d.starts_with(slot_prefix)) return;
  const std::string bounds = d.substr(slot_prefix.size());
  // A bound as written when it reads back as itself (a serialised double may hold a space); the
  // description escapes bytes that are no UTF-8 text as "\xHH" (and '\' as "\\").
  auto date_of = [](const std::string& escaped, std::string* date) {
    std::string b;
    for (size_t i = 0; i < escaped.size(); ++i) {
      if (escaped[i] == '\\' && i + 3 < escaped.size() && escaped[i + 1] == 'x' && std::isxdigit(static_cast<unsigned char>(escaped[i + 2])) &&
          std::isxdigit(static_cast<unsigned char>(escaped[i + 3]))) {
        b.push_back(static_cast<char>(std::stoi(escaped.substr(i + 2, 2), nullptr, 16)));
        i += 3;
      } else if (escaped[i] == '\\' && i + 1 < escaped.size() && escaped[i + 1] == '\\') {
        b.push_back('\\');
        ++i;
      } else {
        b.push_back(escaped[i]);
      }
    }
    const double v = Xapian::sortable_unserialise(b);
    if (Xapian::sortable_serialise(v) != b) return false;
    *date = WibDate(v);  // "" for an open end's bound (--from alone: the far future)
    return true;
  };
  std::string from, to;
  if (type == Xapian::Query::OP_VALUE_RANGE) {
    bool read = false;
    for (size_t space = bounds.find(' '); space != std::string::npos && !read; space = bounds.find(' ', space + 1)) {
      read = date_of(bounds.substr(0, space), &from) && date_of(bounds.substr(space + 1), &to);
    }
    if (!read) return;
  } else if (!date_of(bounds, type == Xapian::Query::OP_VALUE_GE ? &from : &to)) {
    return;
  }
  if (from.empty() && to.empty()) return;
  out->emplace_back(d, "date " + from + ".." + to);
}

// Xapian's description of `q` with its date ranges as dates (their bounds are bytes).
std::string ReadableDescription(const Xapian::Query& q) {
  std::string d = q.get_description();
  std::vector<std::pair<std::string, std::string>> ranges;
  ValueRangeDescriptions(q, &ranges);
  for (const auto& [bytes, readable] : ranges) {
    for (size_t at = d.find(bytes); at != std::string::npos; at = d.find(bytes, at + readable.size())) d.replace(at, bytes.size(), readable);
  }
  return d;
}

// Whether every term of `q` (none at all included) is a filter's: a source, category, author's full
// name, year, month or day; date ranges hold no term.
bool FiltersOnly(const Xapian::Query& q) {
  for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
    const std::string term = *t;
    bool filter = false;
    for (const std::string_view prefix : {schema::kPrefixSource, schema::kPrefixCategory, schema::kPrefixAuthorExact,
                                          schema::kPrefixYear, schema::kPrefixMonth, schema::kPrefixDay}) {
      filter = filter || term.starts_with(prefix);
    }
    if (!filter) return false;
  }
  return true;
}

// Runs the query of one run for hits [first, first + count), as SearchOnce's `run` does.
using Fetch = std::function<Xapian::MSet(Xapian::doccount first, Xapian::doccount count)>;
// The stored data (document.h's fields) of the document a hit shows: its own, or with --collapse
// the copy chosen to stand for its copies.
using ShownData = std::function<const std::string&(const Xapian::MSetIterator& hit)>;

// The stored data of the documents one search has read, by docid: the tie order, the choice of a
// copy to show and the hits shown need the same documents, and Xapian 1.4 reads (and inflates) a
// document's data again at every Document::get_data().
class StoredData {
 public:
  // The data of document `docid` (of the searched database), read from `doc` the first time it
  // is asked for. Throws Xapian errors, as get_data() does.
  const std::string& Of(Xapian::docid docid, const Xapian::Document& doc) {
    auto [at, added] = data_.try_emplace(docid);
    if (added) at->second = doc.get_data();
    return at->second;
  }
  // The data of the document `hit` points to, read only the first time.
  const std::string& Of(const Xapian::MSetIterator& hit) {
    auto [at, added] = data_.try_emplace(*hit);
    if (added) at->second = hit.get_document().get_data();
    return at->second;
  }

 private:
  std::unordered_map<Xapian::docid, std::string> data_;
};

// The hits at positions [first, first + count) of the run `fetch` ranks, with each run of equal
// hits (Tied) of at most kMaxTieRun in the order of the `path`, then `record`, of the documents
// `shown` gives for them. `base` is
// fetch(base_first, asked), done already, covering the page and, when there are such, the hit
// before it (base_first < first unless first is 0) and the hit after it. Only when a run of equal
// hits crosses the page's edge is the query run again, wider (twice at most). Never fails (Xapian
// errors are thrown, as from `fetch`).
std::vector<Xapian::MSetIterator> PageInTieOrder(const Fetch& fetch, const Xapian::MSet& base, Xapian::doccount base_first,
                                                 Xapian::doccount asked, Xapian::doccount first, Xapian::doccount count,
                                                 const ShownData& shown) {
  std::vector<Xapian::MSetIterator> page;
  const Xapian::doccount size = base.size();
  if (count == 0 || first - base_first >= size) return page;
  Xapian::doccount begin = first - base_first, end = std::min(size, begin + count);  // indices into base
  bool tie = false;
  for (Xapian::doccount i = begin > 0 ? begin - 1 : 0; i + 1 < size && i < end && !tie; ++i) tie = Tied(base[i], base[i + 1]);
  for (Xapian::doccount i = begin; i < end; ++i) page.push_back(base[i]);
  if (!tie) return page;  // the common case: nothing to reorder, nothing read
  // Widen until the runs crossing the page's edges end inside what was fetched.
  Xapian::MSet w = base;
  Xapian::doccount w_first = base_first;
  bool start_open = begin > 0 && Tied(base[begin - 1], base[begin]);
  bool end_open = end < size ? Tied(base[end - 1], base[end]) : size == asked;
  const Xapian::doccount last = first + (end - begin) - 1;  // position of the page's last hit
  for (Xapian::doccount widen : {kFirstTieWidening, kMaxTieRun}) {
    if (!start_open && !end_open) break;
    const Xapian::doccount lo = start_open ? (first > widen ? first - widen : 0) : w_first;
    const Xapian::doccount hi = end_open ? last + 1 + widen : w_first + w.size();
    w = fetch(lo, hi - lo);
    w_first = lo;
    if (w.size() <= last - lo) return page;  // cannot happen (one database revision): Xapian's order
    start_open = start_open && lo > 0 && Tied(w[0], w[first - lo]);
    end_open = end_open && w.size() == hi - lo && Tied(w[last - lo], w[w.size() - 1]);
  }
  begin = first - w_first;
  end = last + 1 - w_first;
  std::vector<Xapian::MSetIterator> hits;
  for (Xapian::doccount i = 0; i < w.size(); ++i) hits.push_back(w[i]);
  StoredFields f;
  for (Xapian::doccount g0 = 0; g0 < end;) {
    Xapian::doccount g1 = g0 + 1;
    while (g1 < hits.size() && Tied(hits[g0], hits[g1])) ++g1;
    const bool open = (g0 == 0 && start_open) || (g1 == hits.size() && end_open);
    if (g1 > begin && g1 - g0 > 1 && g1 - g0 <= kMaxTieRun && !open) {
      std::vector<std::pair<std::pair<std::string, std::string>, Xapian::MSetIterator>> keyed;
      for (Xapian::doccount i = g0; i < g1; ++i) {
        ReadStoredFields(shown(hits[i]), &f);
        keyed.push_back({{std::move(f.path), std::move(f.record)}, hits[i]});
      }
      std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (Xapian::doccount i = g0; i < g1; ++i) hits[i] = keyed[i - g0].second;
    }
    g0 = g1;
  }
  page.assign(hits.begin() + begin, hits.begin() + end);
  return page;
}


// What the snippets of a query's hits highlight in the text.
HighlightSet HighlightSetOf(const ParsedQuery& parsed) {
  return HighlightSet{parsed.highlight, parsed.prefixes, parsed.phrases, parsed.nears};
}

// The highlight set of a title for a query with title: words: `text`'s, with the terms of
// title: ("title:korut") without the field's prefix, and the words of title: phrases, which
// light up only where they stand together, as a phrase's in the text; nullopt when the query has
// neither (`text` serves the title).
std::optional<HighlightSet> TitleHighlightSet(const ParsedQuery& parsed, const HighlightSet& text) {
  std::vector<std::string> title_terms;
  const std::string title_prefix(schema::kPrefixTitle), title_stem_prefix = "Z" + title_prefix;
  for (const auto& t : parsed.highlight) {
    if (t.starts_with(title_stem_prefix)) title_terms.push_back(std::string("Z").append(t, title_stem_prefix.size()));
    else if (t.starts_with(title_prefix)) title_terms.push_back(t.substr(title_prefix.size()));
  }
  std::vector<std::vector<std::string>> title_phrases;
  for (const auto& phrase : parsed.field_phrases) {
    if (!std::all_of(phrase.begin(), phrase.end(), [&](const std::string& w) { return w.starts_with(title_prefix); })) {
      continue;
    }
    auto& words = title_phrases.emplace_back();
    for (const auto& w : phrase) words.push_back(w.substr(title_prefix.size()));
  }
  if (title_terms.empty() && title_phrases.empty()) return std::nullopt;
  HighlightSet title = text;
  title.terms.insert(title.terms.end(), title_terms.begin(), title_terms.end());
  std::sort(title.terms.begin(), title.terms.end());
  title.terms.erase(std::unique(title.terms.begin(), title.terms.end()), title.terms.end());
  title.phrases.insert(title.phrases.end(), title_phrases.begin(), title_phrases.end());
  return title;
}

// Moves the stored fields a hit shows from `f` into `h` (all but the text).
void MoveStoredFields(StoredFields& f, Hit& h) {
  h.path = std::move(f.path);
  h.record = std::move(f.record);
  h.title = std::move(f.title);
  h.source = std::move(f.source);
  h.published = std::move(f.published);
  h.author = std::move(f.author);
  h.url = std::move(f.url);
  h.category = std::move(f.category);
}
}  // namespace

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::vector<std::string>& dbs, const std::string& data_dir,
                                                size_t remote_timeout_s) {
  std::unique_ptr<Searcher> s(new Searcher());
  s->remote_timeout_s_ = remote_timeout_s;
  std::map<std::string, std::string> spec_of_shard;  // a shard's UUID -> the --db that holds it
  std::string first_stemmer_db, first_stemmer;       // the first --db and the stemmer it was built with
  // The --db that are one shard of an rkn database (its "K/N", schema::kMetaShard), by the folder
  // of that database: its shard count and the --db given of each of its shards.
  std::map<std::filesystem::path, std::pair<size_t, std::map<size_t, std::string>>> shards_given;
  for (const auto& spec : dbs) {
    auto one = OpenOne(spec, remote_timeout_s);
    if (!one.ok()) return one.status();
    // The same shard twice (`--db a --db a`, a shard list and one of its shards) would count
    // and show each of its articles twice. A multi-shard database's UUID joins its shards' with ':'.
    try {
      const std::string all_uuids = one->get_uuid();
      std::string_view uuids = all_uuids;
      while (!uuids.empty()) {
        const size_t colon = std::min(uuids.find(':'), uuids.size());
        const auto [it, fresh] = spec_of_shard.emplace(std::string(uuids.substr(0, colon)), spec);
        if (!fresh) {
          return Status::InvalidArgument(spec, it->second == spec ? std::string("given twice as --db; give it once")
                                                                  : "holds a shard that --db " + it->second +
                                                                        " holds too (its articles would count twice)");
        }
        uuids.remove_prefix(std::min(colon + 1, uuids.size()));
      }
      // Another program's database (omindex's) showed "(untitled)" hits dated 1970, exit 0; and
      // the query is stemmed with the first database's stemmer, so another's articles would match
      // only where the two stemmers agree, silently. Xapian reads a combined database's metadata
      // from its first part: a stub file the user wrote is checked part by part (rkn-index writes
      // its own databases' shards alike; opening each would slow every search).
      // Read as the search reads: a writer committing meanwhile means reopen and read again.
      Status checked = ReadLatest(
          kReadAttempts, spec, "opening",
          [&]() -> Status {
            std::vector<std::pair<std::string, Xapian::Database>> parts{{spec, *one}};
            std::error_code ec;
            if (!spec.starts_with("tcp:") && std::filesystem::is_regular_file(spec, ec)) {
              if (auto listed = ListShardsForReading(spec); listed.ok() && listed->local.size() > 1) {
                parts.clear();
                for (const auto& shard : listed->local) parts.emplace_back(shard.string(), Xapian::Database(shard.string()));
              }
            }
            // rkn's own layout (a folder with its shard list) is rkn's: while the database is first
            // created, one shard may have committed articles before the first holds the metadata.
            // Looked at only then, so that an ordinary search makes no extra file system call.
            auto rkn_layout = [&] {
              return std::filesystem::is_regular_file(std::filesystem::path(spec) / kStubFileName, ec);
            };
            for (const auto& [name, part] : parts) {
              if (part.get_doccount() > 0 && part.get_metadata(schema::kMetaSchemaVersion).empty() && !rkn_layout()) {
                return Status::InvalidArgument(spec, std::string(name == spec ? "" : "lists " + name + ", ") +
                                                         "not an rkn database (a Xapian database rkn-index did not write; "
                                                         "rkn-search reads the databases rkn-index writes)");
              }
              const std::string stemmer = part.get_metadata(schema::kMetaStemmer);
              if (stemmer.empty()) continue;
              if (first_stemmer.empty()) {
                first_stemmer_db = name == spec ? "--db " + spec : name;
                first_stemmer = stemmer;
              } else if (stemmer != first_stemmer) {
                return Status::InvalidArgument(spec, std::string(name == spec ? "" : "lists " + name + ", ") + "indexed with the " +
                                                         stemmer + " stemmer, " + first_stemmer_db + " with the " + first_stemmer +
                                                         " one: a query is stemmed one way; search them apart");
              }
            }
            // One shard named alone (rkn.db/shard-0): rkn's own layout opens as all its shards.
            if (one->size() == 1 && parts.size() == 1 && !IsRemoteSpec(spec)) {
              // Not a database xapian-compact merged the shards into: it keeps shard 0's place
              // and UUID value, under a UUID of its own (schema::kMetaShardUuid).
              const std::string uuid = one->get_metadata(schema::kMetaShardUuid);
              if (const auto place = ParseShardPlace(one->get_metadata(schema::kMetaShard));
                  place && place->second > 1 && (uuid.empty() || uuid == one->get_uuid())) {
                std::filesystem::path folder = std::filesystem::path(spec).lexically_normal();
                if (!folder.has_filename()) folder = folder.parent_path();  // "rkn.db/shard-0/"
                auto& [count, given] = shards_given[folder.parent_path()];
                count = place->second;
                given.emplace(place->first, spec);
              }
            }
            return Status::Ok();
          },
          [&] {
            one->reopen();
            return Status::Ok();
          });
      if (!checked.ok()) return checked;
    } catch (const Xapian::Error& e) {
      return OpeningErrorStatus(spec, e, remote_timeout_s);
    }
    s->db_.add_database(*one);
    s->db_names_.push_back(spec);
    s->no_key_maker_ = s->no_key_maker_ || spec.starts_with("tcp:");
  }
  for (const auto& [folder, shards] : shards_given) {
    const auto& [count, given] = shards;
    if (given.size() >= count || !s->shard_warning_.empty()) continue;
    const std::string whole = folder.empty() ? "." : folder.string();
    // A shard copied out of its database has no database around it to name.
    std::error_code ec;
    const bool in_place = std::filesystem::is_regular_file((folder.empty() ? std::filesystem::path(".") : folder) / kStubFileName, ec);
    s->shard_warning_ = given.begin()->second + ": shard " + std::to_string(given.begin()->first + 1) + " of " +
                        std::to_string(count) + (in_place ? " of the database " + whole : std::string(" of an rkn database")) +
                        (given.size() > 1 ? " (with " + std::to_string(given.size() - 1) + " more given)" : std::string()) +
                        ": the articles of its other shards are not searched (" +
                        (in_place ? "--db " + whole + " searches them all)" : std::string("--db that database's folder searches them all)"));
  }
  auto dir = FindDataDir(data_dir);
  if (!dir.ok()) return dir.status();
  // Analyse queries with the stemmer the database was built with.
  AnalyzerOptions aopt;
  std::string stemmer, indexed_version, alias_file;
  bool has_synonyms = false;
  try {
    Status st = ReadLatest(
        kReadAttempts, DatabasesName(s->db_names_), "opening",
        [&] {
          stemmer = s->db_.get_metadata(schema::kMetaStemmer);
          indexed_version = s->db_.get_metadata(schema::kMetaAnalyzerVersion);
          aopt.indexed_dictionary = DictionaryVersionOf(indexed_version);
          has_synonyms = s->db_.synonym_keys_begin() != s->db_.synonym_keys_end();
          alias_file = s->db_.get_metadata(schema::kMetaAliasFile);
          return Status::Ok();
        },
        [&] {
          s->db_.reopen();
          return Status::Ok();
        });
    if (!st.ok()) return st;
  } catch (const Xapian::Error& e) {
    return s->ErrorStatus(e, "opening the databases");
  }
  if (!stemmer.empty()) {
    auto kind = ParseStemmerName(stemmer);
    if (!kind.ok()) return Status::Corruption(dbs.front(), "database names an unknown stemmer '" + stemmer + "'");
    aopt.stemmer = *kind;
  }
  aopt.load_aliases = !has_synonyms;  // the alias files only stand in for a missing synonym table
  auto an = Analyzer::Load(*dir, aopt);
  if (!an.ok()) return an.status();
  s->analyzer_ = *an;
  const std::string indexed = IndexVersionOf(indexed_version), searched = s->analyzer_->index_version();
  if (!indexed.empty() && indexed != searched) {
    s->index_warning_ = "indexed with stemmer " + indexed + ", searched with " + searched +
                        ": some words may miss their other forms until rkn-index runs again";
  }
  // The synonym table holds the aliases of the data folder the last run read; another
  // aliases.txt here (a newer rkn, an edited file) is searched only once rkn-index runs again.
  // Of several databases (a stub file listing them), the first one's fingerprint is compared.
  if (has_synonyms && !alias_file.empty() && alias_file != AliasFileFingerprint(*dir)) {
    if (!s->index_warning_.empty()) s->index_warning_ += "; ";
    // Appends only: "literal" + std::string trips a GCC 12 -Wrestrict false positive.
    s->index_warning_ += "its aliases are not those of ";
    s->index_warning_ += (*dir / "aliases.txt").string();
    s->index_warning_ += " (changed since rkn-index last ran): they are searched once it runs again";
  }
  s->stem_ = s->analyzer_->MakeStem();
  s->snippet_words_ = std::make_unique<SnippetWords>(s->stem_);
  // Aliases come from the shards' synonym tables; remote shards serve none, so with no local
  // shard the data folder's aliases stand in for them.
  s->synonyms_ = has_synonyms ? s->db_ : AliasDatabase(*s->analyzer_);
  return s;
}

Result<SearchResponse> Searcher::Search(const SearchRequest& req) {
  connection_lost_ = false;
  // A writer may commit while we read: reopen and retry (we then see the last committed state).
  try {
    return ReadLatest(
        kReadAttempts, DatabasesName(db_names_), "searching",
        [&] {
          try {
            return SearchOnce(req);
          } catch (const Xapian::UnimplementedError&) {
            if (no_key_maker_) throw;
            no_key_maker_ = true;  // a remote shard listed in a stub file: search without one
            return SearchOnce(req);
          }
        },
        [&] {
          db_.reopen();
          for (auto& d : spelling_dbs_) d.reopen();  // local_ shares these shards
          return Status::Ok();
        });
  } catch (const Xapian::Error& e) {
    connection_lost_ = connection_lost_ || IsNetworkError(e);
    return ErrorStatus(e, "searching");
  }
}

Status Searcher::ErrorStatus(const Xapian::Error& e, std::string_view doing) const {
  std::vector<RemoteShard> remotes;
  const auto& lists = ShardLists();
  for (size_t i = 0; i < lists.size(); ++i) {
    if (lists[i].ok()) AddRemoteShards(db_names_[i], *lists[i], &remotes);
  }
  return DatabaseErrorStatus(e, doing, db_names_, remotes, remote_timeout_s_);
}

QueryOptions Searcher::QueryOptionsFor(DefaultOperator op) {
  QueryOptions qo;
  qo.default_op = op;
  qo.vocabulary = &db_;  // wildcards expand over all shards, remote ones included
  qo.database_error = [this](const Xapian::Error& e) {
    connection_lost_ = connection_lost_ || IsNetworkError(e);
    return ErrorStatus(e, "searching");
  };
  qo.database = DatabasesName(db_names_);
  return qo;
}

Result<SearchResponse> Searcher::SearchOnce(const SearchRequest& req) {
  const QueryOptions qo = QueryOptionsFor(req.default_op);
  // No query but --source, --from or --to: the articles those select, every one scoring 0, as a
  // query of filters alone (source:kompas year:2019) does.
  const bool options_only = Trim(req.query).empty() && req.SelectsArticles();
  auto parsed = options_only ? Result<ParsedQuery>(ParsedQuery()) : ParseQuery(req.query, *analyzer_, synonyms_, qo);
  if (!parsed.ok()) return parsed.status();
  Xapian::Query q = options_only ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0.0) : parsed->query;

  std::vector<Xapian::Query> filters;
  std::vector<std::string> filter_notes;
  if (!req.sources.empty()) {
    std::vector<Xapian::Query> alts;
    for (const auto& src : req.sources) {
      auto f = SourceFilter(src, *analyzer_, synonyms_, qo, &filter_notes);
      if (!f.ok()) return f.status();
      alts.push_back(std::move(*f));
    }
    filters.emplace_back(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }
  if (req.from || req.to) {
    double lo = -1e18, hi = 1e18;
    if (req.from) {
      auto b = DateBounds(*req.from);
      if (!b.ok()) return Status::InvalidArgument("--from", b.status().message());
      lo = static_cast<double>(b->first);
    }
    if (req.to) {
      auto b = DateBounds(*req.to);
      if (!b.ok()) return Status::InvalidArgument("--to", b.status().message());
      hi = static_cast<double>(b->second);
    }
    // The message names no option: a batch line reports it under its key "from".
    if (lo > hi) return Status::InvalidArgument("--from", "'" + *req.from + "' is after the range's end, '" + *req.to + "'");
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotPublished, Xapian::sortable_serialise(lo),
                         Xapian::sortable_serialise(hi));
  }
  q = Filtered(q, filters);

  // Facets: one spy per slot, shared by the facets that read it ("year" and "month").
  std::map<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (const auto& f : req.facets) {
    const auto slot = FacetSlot(f);
    if (slot == Xapian::BAD_VALUENO) {
      return Status::InvalidArgument("--facets", "unknown facet '" + f + "' (source, year, month, author, category)");
    }
    auto& spy = spies[slot];
    if (!spy) spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
  }
  // Facets count the whole match set, not just the page. Otherwise the matcher checks
  // kCountedBeyondPage matches past the page (a page of 10 for -n 0), so `total` is exact for a
  // query with few more matches than that, and a closer estimate beyond (bench/total_accuracy.py:
  // of 280 benchmark queries, exact for 270 instead of 234, mean error 1.8% instead of 25%), for
  // some more work in the matcher. One term alone, uncollapsed, is counted exactly anyway (its
  // frequency; so is one word, its stem's term with its written form AND_MAYBE), and the extra
  // checking would cost it 3% (bench/callgrind.sh "jakarta").
  const auto page_end = static_cast<Xapian::doccount>(req.offset) + std::max<Xapian::doccount>(static_cast<Xapian::doccount>(req.limit), 10);
  const bool one_term = q.get_type() == Xapian::Query::LEAF_TERM ||
                        (q.get_type() == Xapian::Query::OP_AND_MAYBE && q.get_num_subqueries() == 2 &&
                         q.get_subquery(0).get_type() == Xapian::Query::LEAF_TERM);
  // Whether a run folds copies as the request asks (--collapse or not), or never: with
  // --collapse, the search is also run without folding for its totals, which the folded ones
  // must not exceed.
  enum class Fold { kAsAsked, kNever };
  // The matches a run checks at least (Xapian's check_at_least).
  auto check_for = [&](Fold folding) {
    Xapian::doccount c = spies.empty() && !req.exact_total ? 0 : db_.get_doccount();
    // Xapian counts exactly when it may check more documents than match: one past the 100.
    if (!one_term || (req.collapse && folding == Fold::kAsAsked)) c = std::max<Xapian::doccount>(c, page_end + kCountedBeyondPage + 1);
    else if (req.limit == 0) c = std::max<Xapian::doccount>(c, page_end);  // see count_only below
    // A query of filters only (FiltersOnly: dates, sources, categories; no word) would get an
    // estimate from a date range's bounds ("about 200, between 161 and 400" for 161): its
    // matches are counted, one pass over the filters' postings and values.
    if (FiltersOnly(q)) c = db_.get_doccount();
    else if (HasValueRange(q)) c = std::max<Xapian::doccount>(c, page_end + kCountedWithDates + 1);
    return c;
  };
  Xapian::doccount check = check_for(Fold::kAsAsked), unfolded_check = req.collapse ? check_for(Fold::kNever) : check;

  // Undated articles have no published value, which an ascending sort puts first. With --sort
  // oldest they come last instead: on local databases a key maker gives them a key above every
  // date, so one run sorts (and --collapse folds) all matches; Xapian 1.4's remote backend takes
  // no key maker, so with a remote shard the dated matches are run first, the undated ones after
  // them (two runs, which fold copies within each).
  const bool undated_last = req.sort == SortOrder::kOldest && db_.get_value_freq(schema::kSlotPublished) < db_.get_doccount();
  const bool keyed = undated_last && !no_key_maker_, split = undated_last && no_key_maker_;
  Xapian::MultiValueKeyMaker oldest_first;
  if (keyed) oldest_first.add_value(schema::kSlotPublished, false, db_.get_value_upper_bound(schema::kSlotPublished) + "x");
  // Runs `query` for hits [first, first + count): BM25, the sort order, collapse, the spies.
  // Xapian 1.4 over two remote shards or more counts some matches twice in the spies of a run
  // sorted by value that returns fewer hits than match, while a run in relevance order counts
  // right (tests/remote_test.cc): with a remote shard, a sorted search counts the facets in a run
  // of their own, in relevance order, that returns no hit.
  const bool facets_apart = !spies.empty() && req.sort != SortOrder::kRelevance && AnyRemote();
  // A run widened to order equal hits (PageInTieOrder) counts nothing in the spies: the run it
  // widens did.
  enum class Spies { kCount, kSkip };
  auto rank = [&](Xapian::Enquire& enquire) {  // BM25 and the sort order
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (req.sort == SortOrder::kNewest) enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, true);
    if (req.sort == SortOrder::kOldest) {
      if (keyed) enquire.set_sort_by_key_then_relevance(&oldest_first, false);
      else enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, false);
    }
  };
  // A run that never folds (Fold::kNever) checks unfolded_check matches and counts nothing in
  // the spies: only its totals are read.
  auto run = [&](const Xapian::Query& query, Xapian::doccount first, Xapian::doccount count, Spies spying = Spies::kCount,
                 Fold folding = Fold::kAsAsked) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    rank(enquire);
    const bool as_asked = folding == Fold::kAsAsked;
    if (req.collapse && as_asked) enquire.set_collapse_key(schema::kSlotFingerprint);
    if (!facets_apart && spying == Spies::kCount && as_asked) {
      for (auto& [slot, spy] : spies) enquire.add_matchspy(spy.get());
    }
    return enquire.get_mset(first, count, as_asked ? check : unfolded_check);
  };
  auto fetch_of = [&](const Xapian::Query& query) -> Fetch {
    return [&run, query](Xapian::doccount first, Xapian::doccount count) { return run(query, first, count, Spies::kSkip); };
  };
  if (facets_apart) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (auto& [slot, spy] : spies) enquire.add_matchspy(spy.get());
    enquire.get_mset(0, 0, db_.get_doccount());
  }
  const auto offset = static_cast<Xapian::doccount>(req.offset);
  const auto limit = static_cast<Xapian::doccount>(req.limit);
  std::vector<Xapian::MSet> msets;  // the one or two runs, for the totals
  std::vector<Xapian::MSet> unfolded;  // with --collapse, the runs of the search without it, for theirs
  std::vector<Xapian::MSetIterator> page;  // the page's hits, in order (equal ones by PageInTieOrder)
  StoredData stored;  // each shown document's data, read once
  // Runs `query` for its hits [first, first + count) onto `page`, and one more on either side, so
  // PageInTieOrder sees whether a run of equal hits crosses the page's edge; the run goes onto
  // `msets`. A run that never folds goes onto `unfolded` instead, for its totals: no hit of it
  // is shown. Returns how many hits of the page the run has (PageInTieOrder's, in its order).
  auto run_page = [&](const Xapian::Query& query, Xapian::doccount first, Xapian::doccount count, Fold folding) {
    std::vector<Xapian::MSet>& runs = folding == Fold::kAsAsked ? msets : unfolded;
    if (count == 0) {  // totals and facets only, as the matcher was always asked
      runs.push_back(run(query, first, 0, Spies::kCount, folding));
      return Xapian::doccount{0};
    }
    const Xapian::doccount lo = first > 0 ? first - 1 : 0, asked = count + (first - lo) + 1;
    runs.push_back(run(query, lo, asked, Spies::kCount, folding));
    const Xapian::doccount size = runs.back().size();
    const Xapian::doccount got = first - lo < size ? std::min(size - (first - lo), count) : 0;
    if (folding == Fold::kAsAsked) {
      const ShownData own = [&stored](const Xapian::MSetIterator& hit) -> const std::string& { return stored.Of(hit); };
      for (auto& it : PageInTieOrder(fetch_of(query), runs.back(), lo, asked, first, count, own)) page.push_back(std::move(it));
    }
    return got;
  };
  // With --collapse, Xapian knows how many matches are left after folding only among the hits it
  // returns: each run starts at the first hit and returns up to `window` of them (all for
  // --count, else kCountedBeyondPage past the page); fewer back is every folded match, counted.
  // The page is cut from them (with split runs, from the dated hits followed by the undated ones).
  const bool from_first = req.collapse;
  const Xapian::doccount window = req.exact_total ? db_.get_doccount() + 1 : page_end + kCountedBeyondPage + 1;
  // With split runs: the dated matches (every published time is at least the lowest double; a
  // bound of "" would match every document), then the undated ones.
  const Xapian::Query dated = split ? Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotPublished,
                                                    Xapian::sortable_serialise(std::numeric_limits<double>::lowest()))
                                    : Xapian::Query();
  const Xapian::Query undated = split ? Xapian::Query(Xapian::Query::OP_AND_NOT, q, dated) : Xapian::Query();
  // With --collapse, Xapian keeps the copy of a story that ranks first, of equal ones the lowest
  // docid, which depends on the layout: the hit shows instead, of the copies that rank equal with
  // it (Tied; kMaxTieRun at most), the first by `path`, then `record`, found by a query for the
  // copies (those sharing its fingerprint) when Xapian folded some. Chosen per Xapian hit, once.
  struct Shown {
    Xapian::docid docid = 0;
    Xapian::Document doc;
  };
  std::map<Xapian::docid, Shown> representatives;  // by the hit Xapian kept
  auto representative = [&](const Xapian::Query& query, const Xapian::MSetIterator& hit) {
    auto [at, added] = representatives.try_emplace(*hit);
    if (!added) return at->second.doc;
    at->second = {*hit, hit.get_document()};
    if (hit.get_collapse_count() == 0 && !AnyRemote()) return at->second.doc;  // remote shards undercount copies
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query(std::string(schema::kPrefixFingerprint) + hit.get_collapse_key())));
    rank(enquire);
    const Xapian::MSet copies = enquire.get_mset(0, kMaxTieRun + 1);
    Xapian::doccount tied = 0;
    while (tied < copies.size() && Tied(copies[0], copies[tied])) ++tied;
    if (tied < 2 || tied > kMaxTieRun) return at->second.doc;
    std::pair<std::string, std::string> best;
    StoredFields f;
    for (Xapian::doccount i = 0; i < tied; ++i) {
      Xapian::Document doc = copies[i].get_document();
      ReadStoredFields(stored.Of(*copies[i], doc), &f);
      std::pair<std::string, std::string> key{std::move(f.path), std::move(f.record)};
      if (i == 0 || key < best) {
        best = std::move(key);
        at->second = {*copies[i], doc};
      }
    }
    return at->second.doc;
  };
  // The search without --collapse: Fold::kAsAsked, the request's own (its runs onto `msets`, its
  // page onto `page`); Fold::kNever, that of a request with --collapse, for the totals alone (its
  // runs onto `unfolded`, the same runs the request without --collapse makes).
  auto run_unfolded = [&](Fold folding) {
    std::vector<Xapian::MSet>& runs = folding == Fold::kAsAsked ? msets : unfolded;
    if (!split) {
      // Asked for no hit (-n 0) and no facets or exact count, the matcher runs as for a page of 10
      // whose hits are not shown (the loop below stops at req.limit): Xapian 1.4 asked for no hit
      // counts every match, twice the work of that page for a common word ("jakarta": 6.6M
      // instructions against 3.2M), for the same estimate.
      const bool count_only = limit == 0 && spies.empty() && !req.exact_total;
      if (count_only) runs.push_back(run(q, offset, 10, Spies::kCount, folding));
      else run_page(q, offset, limit, folding);
      return;
    }
    const Xapian::doccount got = run_page(Xapian::Query(Xapian::Query::OP_FILTER, q, dated), offset, limit, folding);
    if (got < limit) {
      // The dated run ended inside the page, so it saw every dated match: its count is exact.
      const Xapian::doccount dated_total = runs.back().get_matches_estimated();
      const Xapian::doccount first = offset + got > dated_total ? offset + got - dated_total : 0;
      run_page(undated, first, limit - got, folding);
    } else {
      Xapian::doccount& at_least = folding == Fold::kAsAsked ? check : unfolded_check;
      const Xapian::doccount saved = at_least;
      at_least = std::max<Xapian::doccount>(at_least, 10);  // no hit wanted: only the counts (and spies)
      runs.push_back(run(undated, 0, 0, Spies::kCount, folding));
      at_least = saved;
    }
  };
  if (from_first) {
    std::vector<Xapian::Query> queries;
    if (!split) {
      queries.push_back(q);
    } else {
      queries.push_back(Xapian::Query(Xapian::Query::OP_FILTER, q, dated));
      queries.push_back(undated);
    }
    Xapian::doccount to_skip = offset, left = limit;
    for (const auto& query : queries) {
      msets.push_back(run(query, 0, window));
      const Xapian::doccount size = msets.back().size(), skip = std::min(to_skip, size), take = std::min(left, size - skip);
      to_skip -= skip;
      left -= take;
      const ShownData shown = [&](const Xapian::MSetIterator& hit) -> const std::string& {
        const Xapian::Document doc = representative(query, hit);
        return stored.Of(representatives.at(*hit).docid, doc);
      };
      for (auto& it : PageInTieOrder(fetch_of(query), msets.back(), 0, window, skip, take, shown)) {
        representative(query, it);  // chosen now, while the run's query is at hand
        page.push_back(std::move(it));
      }
    }
  } else {
    run_unfolded(Fold::kAsAsked);
  }

  SearchResponse r;
  r.query = QueryAsRead(req.query);  // as searched: "caf\xE9" echoed as "café", not "caf\uFFFD"
  r.text = req.text;
  r.parsed_query = ReadableDescription(q);
  r.notes = parsed->notes;
  r.notes.insert(r.notes.end(), filter_notes.begin(), filter_notes.end());
  // A run that checked every document (facets, --count) has seen every match: folded by
  // --collapse, its lower bound is the count of what is left (Xapian's estimate still scales it).
  // So has a run whose matches before folding were fewer than it checked at least (a date range
  // checks kCountedWithDates past the page): the matcher cannot have stopped early.
  const bool all_checked = check >= db_.get_doccount();
  for (const auto& m : msets) {
    const bool counted = from_first && m.size() < window;
    const Xapian::doccount exact = counted ? m.size() : m.get_matches_lower_bound();
    const bool ran_through = all_checked || m.get_uncollapsed_matches_lower_bound() < check;
    if (counted || (req.collapse && ran_through)) {
      r.total += exact;
      r.total_lower += exact;
      r.total_upper += exact;
      continue;
    }
    r.total += m.get_matches_estimated();
    r.total_lower += m.get_matches_lower_bound();
    r.total_upper += m.get_matches_upper_bound();
  }
  // Folding copies never leaves more matches than there are, but Xapian estimates the folded
  // and the unfolded matches apart: a folded run checks matches until `check` are left after
  // folding, so its lower bound (the stories it saw) can pass that of the unfolded run, which
  // stopped after `check` matches, and its estimate, kept at least at that bound, the unfolded
  // one ("joko widodo presiden": about 600 stories, between 584 and 2421, and about 300
  // articles, between 125 and 2657). An estimated folded total is kept within what the search
  // without --collapse says where that is no less than what the folded run proved: its upper
  // bound at most that one's, its estimate at most that one's but never under the stories the
  // folded run saw (its lower bound, which stays: a weaker lower bound of the unfolded run says
  // nothing against it). A counted one is left as it is: it is below `check`, which an unfolded
  // run that did not count its matches has seen at least, and one that counted them counted more.
  if (req.collapse && r.total_lower != r.total_upper) {
    run_unfolded(Fold::kNever);
    Xapian::doccount total = 0, upper = 0;
    for (const auto& m : unfolded) {
      total += m.get_matches_estimated();
      upper += m.get_matches_upper_bound();
    }
    r.total_upper = std::max(r.total_lower, std::min(r.total_upper, upper));
    r.total = std::clamp(std::min(r.total, total), r.total_lower, r.total_upper);
  }
  for (const auto& f : req.facets) {
    const auto& spy = *spies.at(FacetSlot(f));
    if (r.facets.count(f) == 0) r.facet_order.push_back(f);
    auto& list = r.facets[f];
    if (f == "year" || f == "month") {
      list = DateFacet(spy, f == "year" ? 4 : 7);
      continue;
    }
    list.clear();
    for (auto it = spy.top_values_begin(kFacetValues); it != spy.top_values_end(kFacetValues); ++it) {
      list.emplace_back(*it, it.get_termfreq());
    }
  }

  const HighlightSet hs = HighlightSetOf(*parsed);
  SnippetMaker snippets(hs, *snippet_words_);
  // A second highlight set only for a query with title: words; it must outlive its maker.
  const std::optional<HighlightSet> title_hs = TitleHighlightSet(*parsed, hs);
  std::optional<SnippetMaker> title_snippets;
  if (title_hs) title_snippets.emplace(*title_hs, *snippet_words_);
  // Xapian 1.4 counts the copies folded into a hit only among the matches it looked at, which
  // depends on the page asked for (a hit's copies counted 0 on a page of 10 and 3 on one of
  // 10,000), and from a remote shard only among those its own shard folded: the copies of each
  // hit shown are counted by a query of their own, the matches sharing its fingerprint (none to
  // run for the story of one article).
  auto copies_of = [&](const Xapian::Document& doc) -> Xapian::doccount {
    const std::string fingerprint = std::string(schema::kPrefixFingerprint) + doc.get_value(schema::kSlotFingerprint);
    if (db_.get_termfreq(fingerprint) < 2) return 0;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(fingerprint)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount n = enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
    return n > 0 ? n - 1 : 0;
  };
  StoredFields f;  // one for all hits: the text buffer is reused
  for (const auto& it : page) {
    const auto chosen = representatives.find(*it);
    const Xapian::Document doc = chosen != representatives.end() ? chosen->second.doc : it.get_document();
    Hit h;
    h.rank = req.offset + r.hits.size() + 1;
    h.docid = chosen != representatives.end() ? chosen->second.docid : *it;
    h.score = it.get_weight();
    h.collapsed = req.collapse ? copies_of(doc) : 0;
    ReadStoredFields(stored.Of(h.docid, doc), &f);
    MoveStoredFields(f, h);
    if (req.text) h.text = f.text;
    if (req.snippets) {
      h.snippet = snippets.Make(f.text, req.snippet);
      h.title_highlights = (title_snippets ? *title_snippets : snippets).Highlights(h.title);  // by the same rules
    }
    r.hits.push_back(std::move(h));
  }

  // Spelling: suggest a corrected query for a word that does not occur, or that is a typo the
  // corpus itself writes: one edit from a word found in many more articles (in a single article
  // while the neighbour is in several; a word of six letters or more in 2 to 20 articles while the
  // neighbour is in kTypoRarity times as many: `menyelsaikan` 3 against `menyelesaikan` 609),
  // unless the dictionary knows it: a rare real word (kolera, menyembul) is no typo of a common
  // neighbour (kolega, menyembur). Never applied silently.
  std::string suggestion = parsed->text;  // the word ranges index the normalised query
  bool changed = false;
  // The query's words that are searched (no stopword, or a field's): a typo of a stopword is
  // corrected to it only with another one (kStopwordTypoDominance).
  const size_t searched_words = std::count_if(parsed->words.begin(), parsed->words.end(), [&](const auto& w) {
    return !w.excluded && (!w.prefix.empty() || !analyzer_->IsStopword(w.lower));
  });
  for (auto it = parsed->words.rbegin(); it != parsed->words.rend(); ++it) {
    if (it->lower.size() < 4) continue;
    // A word with a digit is an amount, a code or a year (Rp10.000 is searched as rp and 10.000;
    // its "rp10" is in no article and was one edit from "rpjp"): no typo to correct.
    if (std::any_of(it->lower.begin(), it->lower.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    // A field's word (title:korupssi) is checked in its field, and corrected only to a word there.
    const auto df_word = db_.get_termfreq(it->prefix + it->lower);
    // A word joined by '&' that articles write is an abbreviation (AT&T, P&G), no typo: AT&T, in
    // one article, was offered "ATUT".
    if (df_word >= 1 && it->lower.find('&') != std::string::npos) continue;
    // A word in 2 or more articles (a typo the corpus repeats, or a name) is looked at only when
    // it is rare enough: the lookup costs some 700 term lookups (a millisecond) for a long word.
    const bool repeated = df_word >= 2;
    if (repeated && (it->lower.size() < kTypoMinLetters || df_word > kTypoMaxArticles)) continue;
    const std::string stem = stem_(it->lower);
    if (df_word >= 1 && analyzer_->IsRoot(stem)) continue;  // a rare real word, no typo
    // A name, no typo (Bahama, not bahasa), unless it is the name of a single article one edit
    // from a name in kTypoRarity times as many that is no word of the dictionary (Jakrta: Jakarta,
    // Indonesai: Indonesia, Hazanuddin: Hasanuddin; not Supar: super, Gumilang: gemilang, names
    // of their own one edit from a word that articles capitalise in names and titles).
    bool name_of_one = false;
    if (df_word >= 1 && it->prefix.empty() && WrittenAsName(db_, it->lower)) {
      if (df_word > 1) continue;
      name_of_one = true;
    }
    const std::string typed = it->begin < it->end && it->end <= suggestion.size() ? suggestion.substr(it->begin, it->end - it->begin) : it->lower;
    if (it->prefix.empty() && IsAliasForm(it->lower, typed)) continue;  // Suharto: searched as Soeharto
    // An inflection of a stem the articles write in other forms is no typo (perdanya: perda).
    const Xapian::doccount stem_df = stem != it->lower ? db_.get_termfreq("Z" + it->prefix + stem) : 0;
    const bool stem_written = stem_df >= kTypoStemRarity * std::max<Xapian::doccount>(df_word, 1);
    if (stem_written && df_word >= 1) continue;
    // A typo of a stopword (kStopwordTypoDominance) is corrected to it or not at all, never to
    // another word. Otherwise a missing word, or one of a single article, gets the best of one
    // edit, else Xapian's suggestion (up to two edits: costly, milliseconds for a long name); a
    // repeated one, one edit. A word the articles write is corrected only with its first letter
    // kept: typos rarely change it, while names and other words often differ there (Bhutan,
    // hutan; askot, maskot).
    std::string cand;
    // A word of the dictionary that no article writes is a real word more often than a slip: it
    // gets a neighbour one edit away with its first letter, or nothing (kloning was offered
    // "kuning", nutan "hutan").
    const bool known_word = df_word == 0 && analyzer_->IsRoot(stem);
    const EditNeighbours near = OneEditNeighbours(it->lower, it->prefix);
    // A word no article writes whose stem they do is searched by that stem: no typo unless a word
    // one edit away is in more articles than the stem (Jokowinya finds Jokowi's 1,657 and was
    // offered "Jokinya"; mengaki, searched as "aki", is mengakui, in more articles than aki), or
    // the word is that one with a letter more at its end, in enough articles (kTrailingTypoShare).
    const bool trailing_slip = near.best.size() + 1 == it->lower.size() && it->lower.starts_with(near.best) &&
                               near.best_df * kTrailingTypoShare >= stem_df;
    if (stem_written && near.best_df < stem_df && !trailing_slip) continue;
    // The neighbour is a name, and when the dictionary has it too (indonesia) always one.
    if (name_of_one && (near.best.empty() || near.best[0] != it->lower[0] || near.best_df < kTypoRarity ||
                        !WrittenAsName(db_, near.best, {.always = analyzer_->IsRoot(near.best)}))) {
      continue;
    }
    if (near.stopword_df > 0 && near.stopword_df >= kStopwordTypoDominance * near.best_df) {
      if (it->prefix.empty() && searched_words >= 2) cand = near.stopword;
    } else {
      cand = near.best;
      // Two edits of a short word reach too many other words (covid: david); a word with other
      // letters than a-z (Özil), which OneEditNeighbours does not edit, is left to Xapian at any length.
      const bool two_edits_allowed = !repeated && !known_word && (it->lower.size() >= kTwoEditMinLetters || !IsLettersAToZ(it->lower));
      if (cand.empty() && two_edits_allowed) {
        cand = XapianSpelling(it->lower);
      } else if (!cand.empty() && two_edits_allowed && near.best_df < kTypoRarity) {
        // A rare neighbour may be a typo of its own (Jakrat was offered "Jakarat", one article's,
        // itself offered "jakarta"): its own neighbour in kTypoRarity times as many articles, two
        // edits from the word, is the better guess. (Xapian's suggestion prefers one edit.)
        const EditNeighbours next = OneEditNeighbours(near.best, it->prefix);
        if (!next.best.empty() && next.best != it->lower && next.best[0] == it->lower[0] &&
            next.best_df >= kTypoRarity * std::max<Xapian::doccount>(near.best_df, 1)) {
          cand = next.best;
        }
      }
      if (analyzer_->IsStopword(cand)) cand.clear();
    }
    if (cand.empty() || cand == it->lower || ((df_word >= 1 || known_word) && cand[0] != it->lower[0])) continue;
    const auto df_cand = db_.get_termfreq(it->prefix + cand);
    if (!it->prefix.empty() && df_cand == 0) continue;
    const bool missing = df_word == 0;
    const bool corpus_typo = df_word >= 1 && EditDistance(it->lower, cand) <= 1 &&
                             (df_word == 1 ? df_cand >= 2 : df_cand / kTypoRarity >= df_word);
    if (!missing && !corpus_typo) continue;
    if (it->end <= suggestion.size() && it->begin < it->end) {
      suggestion.replace(it->begin, it->end - it->begin, InCaseOf(typed, cand));
      changed = true;
    }
  }
  if (changed) r.suggestion = suggestion;
  if (r.total_upper == 0 && req.default_op == DefaultOperator::kAnd && !options_only) {
    if (std::string note = AllWordsNote(*parsed, filters, qo); !note.empty()) r.notes.push_back(std::move(note));
  }
  return r;
}

std::string Searcher::AllWordsNote(const ParsedQuery& parsed, const std::vector<Xapian::Query>& filters, const QueryOptions& qo) {
  constexpr size_t kMaxWords = 12;  // each is a search of its own
  std::vector<std::string> words;
  // A query of plain words (no operator, sign, field, quote, group or wildcard): its words as the
  // query reads them, each run of text between spaces, so that "U-16", "3,5%" and "Rp3,5" count
  // as the query searches them (they were counted as "U" and "16") and a number counts (kucing
  // 999 got no note).
  bool plain = true;
  std::vector<std::string> chunks;
  for (size_t b = 0; b < parsed.text.size();) {
    while (b < parsed.text.size() && (parsed.text[b] == ' ' || parsed.text[b] == '\t' || parsed.text[b] == '\n')) ++b;
    size_t e = b;
    while (e < parsed.text.size() && parsed.text[e] != ' ' && parsed.text[e] != '\t' && parsed.text[e] != '\n') ++e;
    if (e > b) {
      const std::string chunk = parsed.text.substr(b, e - b);
      if (chunk == "AND" || chunk == "OR" || chunk == "NOT" || chunk.starts_with("NEAR") || chunk[0] == '-' || chunk[0] == '+' ||
          chunk[0] == '=' || chunk.find_first_of(":\"()*") != std::string::npos) {
        plain = false;
      }
      chunks.push_back(chunk);
    }
    b = e;
  }
  // The words one by one (a hyphenated word's or a phrase's apart), to tell whether some
  // articles have them all apart; and the query's words as it searches them, to count.
  for (const QueryWord& w : parsed.words) {
    if (w.excluded || !w.prefix.empty() || analyzer_->IsStopword(w.lower)) continue;
    const std::string typed = w.begin < w.end && w.end <= parsed.text.size() ? parsed.text.substr(w.begin, w.end - w.begin) : w.lower;
    if (std::find(words.begin(), words.end(), typed) == words.end()) words.push_back(typed);
  }
  // "no article has all the words" is no answer to a query of alternatives.
  if (std::find(chunks.begin(), chunks.end(), "OR") != chunks.end()) return "";
  // The query's own fields and ranges (date:2019-10, source:kompas, -source:kompas, title:korut)
  // go with each word counted alone, as the options' filters do: "alone, korupsi finds 1658" was
  // the count over every date. One written with quotes or parentheses gets no count.
  std::string own_fields;
  bool own_fields_read = true;
  for (const std::string& chunk : chunks) {
    const size_t colon = chunk.find(':');
    const size_t name_start = chunk[0] == '-' || chunk[0] == '+' ? 1 : 0;
    if (colon == std::string::npos || colon <= name_start) continue;
    const std::string_view name = std::string_view(chunk).substr(name_start, colon - name_start);
    if (!std::all_of(name.begin(), name.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) continue;
    if (chunk.find_first_of("\"()") != std::string::npos) own_fields_read = false;
    own_fields += ' ';
    own_fields += chunk;
  }
  std::vector<std::string> units;
  if (plain) {
    for (const std::string& chunk : chunks) {
      if (analyzer_->IsStopword(ToLowerFolded(chunk))) continue;
      if (std::find(units.begin(), units.end(), chunk) == units.end()) units.push_back(chunk);
    }
  } else {
    units = words;
  }
  if (units.size() > kMaxWords || words.size() > kMaxWords) return "";
  // Each word alone, as the query searches it (its stems and aliases).
  auto alone_of = [&](const std::vector<std::string>& list, const std::string& fields, std::vector<Xapian::Query>* out) {
    for (const std::string& word : list) {
      auto alone = ParseQuery(word + fields, *analyzer_, synonyms_, qo);
      if (!alone.ok()) return false;
      out->push_back(alone->query);
    }
    return true;
  };
  // Together-words are looked at apart; a plain query's numbers and amounts, which have no
  // piece, as the query has them.
  const std::vector<std::string>& apart_words = parsed.together ? words : units;
  if (apart_words.empty() || (apart_words.size() < 2 && units.size() < 2)) return "";
  std::vector<Xapian::Query> alone_queries, piece_queries;
  if (!alone_of(apart_words, "", &piece_queries)) return "";
  auto count = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Filtered(q, filters));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet m = enquire.get_mset(0, 0, kCountedBeyondPage);
    return std::make_pair(m.get_matches_estimated(), m.get_matches_lower_bound() == m.get_matches_upper_bound());
  };
  auto shown = [](std::pair<Xapian::doccount, bool> n) {
    return n.first == 0 ? std::string("none") : (n.second ? "" : "about ") + std::to_string(n.first);
  };
  // Some articles have all the words: "no article has all the words" would be wrong. The AND of
  // the words is no wider than any query of them, so what emptied the query is among its other
  // parts: a phrase, a hyphenated word or NEAR, a word left out, a field's word or a range, or a
  // wildcard (which counts for nothing here: no note then).
  const auto apart = count(Xapian::Query(Xapian::Query::OP_AND, piece_queries.begin(), piece_queries.end()));
  if (apart.first > 0) {
    if (apart_words.size() < 2) return "";
    if (!parsed.prefixes.empty()) return "";
    const bool excluded = std::any_of(parsed.words.begin(), parsed.words.end(), [](const QueryWord& w) { return w.excluded; });
    const bool fields = parsed.selects || std::any_of(parsed.words.begin(), parsed.words.end(), [](const QueryWord& w) {
                          return !w.excluded && !w.prefix.empty();
                        });
    const std::string have = shown(apart) + (apart.first == 1 && apart.second ? " has" : " have");
    if (parsed.together && !excluded && !fields) {
      return "no article has the words together as the query writes them (a phrase, a hyphenated word or NEAR); " + have +
             " them all apart (search them without quotes, hyphens or NEAR)";
    }
    std::vector<std::string> ways;
    if (parsed.together) ways.emplace_back("as its phrases, hyphenated words or NEAR place them");
    if (excluded) ways.emplace_back("without the words it leaves out");
    if (fields) ways.emplace_back("within its fields or ranges");
    if (ways.empty()) return "";
    std::string how = ways[0];
    for (size_t k = 1; k < ways.size(); ++k) how += (k + 1 == ways.size() ? " and " : ", ") + ways[k];
    return "no article matches the whole query; " + have + " all its words, none of them " + how;
  }
  std::string counts;
  bool any_found = false;
  if (units.size() < 2 || !own_fields_read) return "";
  if (!alone_of(units, own_fields, &alone_queries)) return "";
  for (size_t k = 0; k < units.size(); ++k) {
    const auto n = count(alone_queries[k]);
    any_found = any_found || n.first > 0;
    counts += (counts.empty() ? units[k] + " finds " : ", " + units[k] + " ") + shown(n);
  }
  if (!any_found) return "";
  // "putin or kim": the lowercase operator was searched as a word.
  std::string operators;
  for (const std::string& chunk : chunks) {
    const std::string lower = ToLowerFolded(chunk);
    for (const std::string_view op : {"OR", "AND", "NOT", "NEAR"}) {
      const std::string op_lower = ToLowerFolded(op);
      // Searched as a word: written otherwise than in capitals ("NEAR/3" is the operator).
      const bool written = (lower == op_lower && chunk != op) || (op == "NEAR" && lower.starts_with("near/") && !chunk.starts_with("NEAR/"));
      if (written && operators.find(op) == std::string::npos) operators += (operators.empty() ? "" : ", ") + std::string(op);
    }
  }
  std::string note = "no article has all the words; alone, " + counts + " (--any finds the articles with any of them)";
  if (!operators.empty()) note += "; operators are written in capitals: " + operators;
  return note;
}

bool Searcher::IsAliasForm(const std::string& lower, std::string_view typed) const {
  const std::vector<std::string> keys = AliasKeyCandidates(typed, lower);
  return std::any_of(keys.begin(), keys.end(),
                     [&](const std::string& key) { return synonyms_.synonyms_begin(key) != synonyms_.synonyms_end(key); });
}

Searcher::EditNeighbours Searcher::OneEditNeighbours(const std::string& word, const std::string& prefix) {
  EditNeighbours n;
  if (word.empty() || !IsLettersAToZ(word)) return n;
  // Some 500 lookups for a word of nine letters: on the local shards only, never over the network.
  Xapian::Database* local = LocalShards();
  if (local == nullptr) return n;
  std::string cand;
  auto consider = [&] {
    if (cand.size() < 2) return;
    const Xapian::doccount df = local->get_termfreq(prefix + cand);
    const bool stop = analyzer_->IsStopword(cand);
    std::string& best = stop ? n.stopword : n.best;
    Xapian::doccount& best_df = stop ? n.stopword_df : n.best_df;
    if (df > best_df || (df == best_df && df > 0 && cand < best)) best = cand, best_df = df;
  };
  for (size_t i = 0; i <= word.size(); ++i) {
    for (char l = 'a'; l <= 'z'; ++l) {  // insertions before word[i]
      cand = word;
      cand.insert(i, 1, l);
      consider();
    }
    if (i == word.size()) break;
    cand = word;  // deletion
    cand.erase(i, 1);
    consider();
    if (i + 1 < word.size() && word[i] != word[i + 1]) {  // swap with the next letter
      cand = word;
      std::swap(cand[i], cand[i + 1]);
      consider();
    }
    for (char l = 'a'; l <= 'z'; ++l) {  // substitutions
      if (l == word[i]) continue;
      cand = word;
      cand[i] = l;
      consider();
    }
  }
  return n;
}

Xapian::Database* Searcher::LocalShards() {
  if (!local_opened_) {  // read the stubs only for queries that need a suggestion
    local_opened_ = true;
    for (const auto& shards : ShardLists()) {
      if (!shards.ok()) continue;
      for (const auto& p : shards->local) {
        spelling_dbs_.emplace_back(p.string());
        local_.add_database(spelling_dbs_.back());  // shares the shard spelling_dbs_ opened
      }
    }
  }
  return spelling_dbs_.empty() ? nullptr : &local_;
}

const std::vector<Result<ShardsForReading>>& Searcher::ShardLists() const {
  if (!shard_lists_) {
    shard_lists_.emplace();
    for (const auto& spec : db_names_) shard_lists_->push_back(ListShardsForReading(spec));
  }
  return *shard_lists_;
}

bool Searcher::AnyRemote() const {
  const auto& lists = ShardLists();
  return std::any_of(lists.begin(), lists.end(), [](const auto& shards) { return !shards.ok() || shards->remote > 0; });
}

std::string Searcher::XapianSpelling(const std::string& word) {
  LocalShards();
  if (spelling_dbs_.size() <= 1) return db_.get_spelling_suggestion(word, 2);
  std::string best;
  size_t best_dist = 0;
  Xapian::doccount best_df = 0;
  for (auto& shard : spelling_dbs_) {
    const std::string cand = shard.get_spelling_suggestion(word, 2);
    if (cand.empty()) continue;
    const size_t dist = EditDistance(word, cand);
    const Xapian::doccount df = db_.get_termfreq(cand);
    if (best.empty() || dist < best_dist || (dist == best_dist && (df > best_df || (df == best_df && cand < best)))) {
      best = cand;
      best_dist = dist;
      best_df = df;
    }
  }
  return best;
}

std::pair<Xapian::docid, std::string> Searcher::FindArticle(const std::string& which) const {
  // By id: the path itself, a record's url or "dump.jsonl#ID". Then the path#record the human
  // output prints, at each '#' (a path may hold one): a record named by its url, or by its line
  // ("dump.jsonl:12"); the stored record must be the one named.
  struct Candidate {
    std::string id, record;
  };
  std::vector<Candidate> candidates{{which, ""}};
  // "./a.txt", as the shell completes a path: the corpus-relative "a.txt" (stored paths never
  // start with "./"), also with its record ("./d.jsonl#3").
  const std::string path = which.starts_with("./") && which.size() > 2 ? which.substr(2) : which;
  if (path != which) candidates.push_back({path, ""});
  for (size_t hash = path.find('#'); hash != std::string::npos; hash = path.find('#', hash + 1)) {
    const std::string record = path.substr(hash + 1);
    if (record.empty() || hash == 0) continue;
    candidates.push_back({record, record});
    candidates.push_back({path.substr(0, hash) + ":" + record, record});
  }
  for (const Candidate& c : candidates) {
    const std::string term = IdTerm(c.id);
    const auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) continue;
    if (!c.record.empty() && ReadStoredFields(db_.get_document(*it).get_data()).record != c.record) continue;
    return {*it, term};
  }
  // A docid, as --json gives it.
  if (which.empty() || which.size() > 10 || !std::all_of(which.begin(), which.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {0, ""};
  }
  const unsigned long long n = std::stoull(which);
  if (n == 0 || n > db_.get_lastdocid()) return {0, ""};
  const auto docid = static_cast<Xapian::docid>(n);
  try {
    const Xapian::Document doc = db_.get_document(docid);
    auto t = doc.termlist_begin();
    t.skip_to(std::string(schema::kPrefixId));
    const std::string term = t != doc.termlist_end() && (*t).starts_with(schema::kPrefixId) ? *t : "";
    return {docid, term};
  } catch (const Xapian::DocNotFoundError&) {
    return {0, ""};
  }
}

Result<ShownArticle> Searcher::Show(const ShowRequest& req) {
  try {
    const auto [docid, id_term] = FindArticle(req.article);
    if (docid == 0) {
      return Status::NotFound("--show", "no article has the id, path#record or docid '" + req.article + "' in " +
                                            DatabasesName(db_names_));
    }
    const Xapian::Document doc = db_.get_document(docid);
    StoredFields f = ReadStoredFields(doc.get_data());
    ShownArticle a;
    Hit& h = a.hit;
    h.docid = docid;
    MoveStoredFields(f, h);
    h.snippet.text = std::move(f.text);
    a.query = QueryAsRead(req.query);
    if (Trim(req.query).empty()) return a;
    const QueryOptions qo = QueryOptionsFor(req.default_op);
    auto parsed = ParseQuery(req.query, *analyzer_, synonyms_, qo);
    if (!parsed.ok()) return parsed.status();
    a.notes = parsed->notes;
    const HighlightSet hs = HighlightSetOf(*parsed);
    SnippetMaker text(hs, *snippet_words_);
    h.snippet.highlights = text.Highlights(h.snippet.text);
    if (const std::optional<HighlightSet> title_hs = TitleHighlightSet(*parsed, hs)) {
      SnippetMaker title(*title_hs, *snippet_words_);
      h.title_highlights = title.Highlights(h.title);
    } else {
      h.title_highlights = text.Highlights(h.title);
    }
    // Whether the query matches this article: the query filtered by its id term (an article
    // without one, from an old index, counts as matching when its text has a highlight).
    if (id_term.empty()) {
      a.matches = !h.snippet.highlights.empty() || !h.title_highlights.empty();
    } else {
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed->query, Xapian::Query(id_term)));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      a.matches = enquire.get_mset(0, 1).size() > 0;
    }
    return a;
  } catch (const Xapian::Error& e) {
    connection_lost_ = connection_lost_ || IsNetworkError(e);
    return ErrorStatus(e, "reading the article");
  }
}

std::vector<AnalyzedToken> Searcher::Analyze(const std::string& text, std::string* no_aliases) const {
  return AnalyzeText(text, *analyzer_, synonyms_, no_aliases);
}

std::vector<AnalyzedToken> AnalyzeStandalone(const std::string& text, const Analyzer& analyzer, std::string* no_aliases) {
  return AnalyzeText(text, analyzer, AliasDatabase(analyzer), no_aliases);
}

std::string Searcher::StatsJson() const {
  nlohmann::json j;
  j["schema_version"] = schema::kJsonSchemaVersion;
  j["documents"] = db_.get_doccount();
  j["terms"] = [&] {
    Xapian::termcount n = 0;
    for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) ++n;
    return n;
  }();
  nlohmann::json sources = nlohmann::json::object();
  const std::string hp(schema::kPrefixSource);
  for (auto it = db_.allterms_begin(hp); it != db_.allterms_end(hp); ++it) sources[(*it).substr(hp.size())] = it.get_termfreq();
  j["sources"] = sources;
  auto lo = db_.get_value_lower_bound(schema::kSlotPublished);
  auto hi = db_.get_value_upper_bound(schema::kSlotPublished);
  // Both members always, null when no article has a date (the schema's keys, as hits' null fields).
  j["date_span"] = {{"from", nullptr}, {"to", nullptr}};
  if (!lo.empty()) {
    j["date_span"]["from"] = WibDate(Xapian::sortable_unserialise(lo));
    j["date_span"]["to"] = WibDate(Xapian::sortable_unserialise(hi));
  }
  // The size of the local shards (a stub file's included); remote ones are only counted.
  uintmax_t bytes = 0;
  size_t remote = 0;
  for (const auto& shards : ShardLists()) {
    if (!shards.ok()) {  // opened all the same: a stub naming something else, say
      ++remote;
      continue;
    }
    remote += shards->remote;
    for (const auto& shard : shards->local) {
      std::error_code ec;
      for (auto& e : std::filesystem::recursive_directory_iterator(shard, ec)) {
        if (e.is_regular_file(ec)) bytes += e.file_size(ec);
      }
    }
  }
  j["database_bytes"] = bytes;
  j["remote_databases"] = remote;
  j["rules_version"] = db_.get_metadata(schema::kMetaRulesVersion);
  j["analyzer_version"] = db_.get_metadata(schema::kMetaAnalyzerVersion);
  j["db_schema_version"] = db_.get_metadata(schema::kMetaSchemaVersion);
  // The synonym table: alias forms (keys from aliases.txt and --aliases files), and the words
  // written both with and without a hyphen that the indexer learned (keys of one word with a
  // learned form: "kpop", not its other key "k pop").
  size_t alias_keys = 0, learned = 0;
  for (auto key = synonyms_.synonym_keys_begin(); key != synonyms_.synonym_keys_end(); ++key) {
    bool is_learned = false, is_alias = false;
    for (auto form = synonyms_.synonyms_begin(*key); form != synonyms_.synonyms_end(*key); ++form) {
      ((*form).starts_with(kAliasLearnedMark) ? is_learned : is_alias) = true;
    }
    alias_keys += is_alias;
    learned += is_learned && (*key).find(' ') == std::string::npos;
  }
  j["alias_forms"] = alias_keys;
  j["learned_forms"] = learned;
  return j.dump(2);
}

std::string Searcher::StatsHuman() const {
  auto j = nlohmann::json::parse(StatsJson());
  std::string out = "documents:        " + std::to_string(j["documents"].get<long>()) + "\n";
  out += "terms:            " + std::to_string(j["terms"].get<long>()) + "\n";
  const auto remote = j["remote_databases"].get<long>();
  out += "database size:    " + std::to_string(j["database_bytes"].get<long>() / 1024) + " KiB" +
         (remote == 0 ? std::string() : " (local shards; " + std::to_string(remote) + " remote not counted)") + "\n";
  if (!j["date_span"]["from"].is_null()) {
    out += "date span:        " + j["date_span"]["from"].get<std::string>() + " .. " + j["date_span"]["to"].get<std::string>() + "\n";
  }
  out += "rules version:    " + j["rules_version"].get<std::string>() + "\n";
  out += "analyzer version: " + j["analyzer_version"].get<std::string>() + "\n";
  out += "alias forms:      " + std::to_string(j["alias_forms"].get<long>()) + "\n";
  out += "learned forms:    " + std::to_string(j["learned_forms"].get<long>()) + " (words written with and without a hyphen)\n";
  out += "sources:\n";
  for (auto& [k, v] : j["sources"].items()) out += "  " + k + " " + std::to_string(v.get<long>()) + "\n";
  return out;
}

}  // namespace rkn
