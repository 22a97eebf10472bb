#include "common/search_cli.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <span>
#include <system_error>
#include <thread>
#include <utility>

#include "common/analyzer.h"
#include "common/ordered_output.h"
#include "common/datadir.h"
#include "common/file.h"
#include "common/read_latest.h"
#include "common/remote_error.h"
#include "common/schema.h"
#include "common/text.h"

namespace rkn {
namespace {

// Ok when lo <= n <= hi, else InvalidArgument naming the option `name`: one message for the
// command line's options and the batch lines' keys.
Status InRange(const std::string& name, uint64_t n, size_t lo, size_t hi) {
  if (n < lo || n > hi) return Status::InvalidArgument(name, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
  return Status::Ok();
}

// An unsigned number option of a batch line, within [lo, hi] as the command line's option is.
Status BatchNumber(const std::string& key, const nlohmann::json& v, size_t lo, size_t hi, size_t* out) {
  // A whole number written as a float (2.0, as some JSON writers print every number) counts.
  const double d = v.is_number_float() ? v.get<double>() : -1;
  const bool whole_float = d >= 0 && d <= 1e15 && d == static_cast<double>(static_cast<uint64_t>(d));
  // JSON's -0 is an integer that is not unsigned but is 0, as "-n -0" is on the command line.
  const bool minus_zero = v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() == 0;
  if (!v.is_number_unsigned() && !whole_float && !minus_zero) {
    return Status::InvalidArgument(key, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  const auto n = whole_float ? static_cast<uint64_t>(d) : minus_zero ? 0 : v.get<uint64_t>();
  if (Status st = InRange(key, n, lo, hi); !st.ok()) return st;
  *out = static_cast<size_t>(n);
  return Status::Ok();
}

// The numbers and names of the command line's options, checked here rather than by CLI11
// validators: the batch lines check the same bounds (InRange) with the same message, and the
// library's checks have unit tests.
Status CheckOptionValues(const SearchArgs& args) {
  const SearchRequest& req = args.request;
  for (const Status& st : {InRange("--limit", req.limit, 0, kMaxLimit), InRange("--offset", req.offset, 0, kMaxOffset),
                           InRange("--snippet-chars", req.snippet.max_chars, kMinSnippetChars, kMaxSnippetChars),
                           InRange("--fragments", req.snippet.fragments, kMinFragments, kMaxFragments),
                           InRange("--remote-timeout", args.remote_timeout, kMinRemoteTimeout, kMaxRemoteTimeout),
                           args.Given("--jobs") ? InRange("--jobs", args.jobs, kMinJobs, kMaxJobs) : Status::Ok()}) {
    if (!st.ok()) return st;
  }
  if (args.sort != "relevance" && args.sort != "newest" && args.sort != "oldest") {
    return Status::InvalidArgument("--sort", "must be relevance, newest or oldest, got '" + args.sort + "'");
  }
  if (args.color != "auto" && args.color != "always" && args.color != "never") {
    return Status::InvalidArgument("--color", "must be auto, always or never, got '" + args.color + "'");
  }
  return Status::Ok();
}

// Applies the per-query options of a batch JSON line onto `req`: the command line's options,
// named as the JSON keys ("snippet_chars" is --snippet-chars) and bounded as they are; "source"
// is a string or a list of them (--source is repeatable). Fails on unknown keys, wrong types
// and numbers out of range, naming the key.
Status ApplyBatchOptions(const nlohmann::json& j, SearchRequest& req) {
  for (auto& [k, v] : j.items()) {
    Status st;
    if (k == "query" && v.is_string()) req.query = v.get<std::string>();
    else if (k == "limit") st = BatchNumber(k, v, 0, kMaxLimit, &req.limit);
    else if (k == "offset") st = BatchNumber(k, v, 0, kMaxOffset, &req.offset);
    else if (k == "snippet_chars") st = BatchNumber(k, v, kMinSnippetChars, kMaxSnippetChars, &req.snippet.max_chars);
    else if (k == "fragments") st = BatchNumber(k, v, kMinFragments, kMaxFragments, &req.snippet.fragments);
    else if (k == "any" && v.is_boolean()) req.default_op = v.get<bool>() ? DefaultOperator::kOr : DefaultOperator::kAnd;
    else if (k == "collapse" && v.is_boolean()) req.collapse = v.get<bool>();
    else if (k == "text" && v.is_boolean()) req.text = v.get<bool>();
    else if (k == "count" && v.is_boolean()) {
      // As --count: the total counted exactly; no hits unless the line also gives "limit"
      // (applied after it: nlohmann::json keeps an object's keys sorted, and "count" sorts before
      // "limit", whatever order the line writes them in).
      req.exact_total = v.get<bool>();
      if (req.exact_total) req.limit = 0;
    }
    else if (k == "from" && v.is_string()) req.from = v.get<std::string>();
    else if (k == "to" && v.is_string()) req.to = v.get<std::string>();
    else if (k == "source" && v.is_string()) req.sources = {v.get<std::string>()};
    else if (k == "source" && v.is_array()) {
      req.sources.clear();
      for (auto& src : v) {
        if (!src.is_string()) return Status::InvalidArgument("source", "must be a string or a list of strings");
        req.sources.push_back(src.get<std::string>());
      }
    } else if (k == "source") {
      return Status::InvalidArgument("source", "must be a string or a list of strings");
    } else if (k == "facets" && v.is_array()) {
      req.facets.clear();
      for (auto& f : v) {
        if (!f.is_string()) return Status::InvalidArgument("facets", "must be a list of strings");
        req.facets.push_back(f.get<std::string>());
      }
    } else if (k == "sort" && v.is_string()) {
      const auto s = v.get<std::string>();
      if (s == "relevance") req.sort = SortOrder::kRelevance;
      else if (s == "newest") req.sort = SortOrder::kNewest;
      else if (s == "oldest") req.sort = SortOrder::kOldest;
      else return Status::InvalidArgument("sort", "must be relevance, newest or oldest");
    } else if (k == "query" || k == "from" || k == "to") {
      return Status::InvalidArgument(k, "must be a string");
    } else if (k == "any" || k == "collapse" || k == "count" || k == "text") {
      return Status::InvalidArgument(k, "must be true or false");
    } else if (k == "facets") {
      return Status::InvalidArgument(k, "must be a list of strings");
    } else if (k == "sort") {
      return Status::InvalidArgument(k, "must be relevance, newest or oldest");
    } else {
      return Status::InvalidArgument(k, "unknown batch option (query, limit, offset, any, collapse, count, from, to, "
                                        "source, facets, sort, snippet_chars, fragments, text)");
    }
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

// What is wrong with a batch line that does not parse as JSON: "not valid JSON at byte 17:
// invalid string: ill-formed UTF-8 byte", nlohmann's reason without the bytes it quotes (its
// "last read: '...'" may hold the line's ill-formed UTF-8 or control characters).
std::string BadJsonMessage(const nlohmann::json::parse_error& e) {
  std::string_view what = e.what();
  const size_t dash = what.find(" - ");
  std::string_view reason = dash == std::string_view::npos ? std::string_view("syntax error") : what.substr(dash + 3);
  if (const size_t last = reason.find("; last read"); last != std::string_view::npos) reason = reason.substr(0, last);
  std::string msg = "not valid JSON at byte ";
  msg += std::to_string(e.byte);
  msg += ": ";
  msg += reason;
  return msg;
}

// The query an error answer names: as it was read (QueryAsRead: a Latin-1 line's "caf\xE9" is
// "café"), and a query longer than any that is searched cut there, at a character's start, with
// "…" after it (a 20 MiB line was echoed whole). Null stays null.
nlohmann::json EchoedQuery(const nlohmann::json& query) {
  if (!query.is_string()) return query;
  std::string q = QueryAsRead(query.get<std::string>());
  if (const size_t most = QueryOptions().max_query_bytes; q.size() > most) {
    size_t cut = most;
    while (cut > 0 && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80) --cut;
    q.resize(cut);
    q += "\u2026";
  }
  return q;
}

// The batch answer to a line that failed: {"line", "query", "error"}, "query" null when the
// line has none (bad JSON, a JSON array, no string "query"), else as EchoedQuery gives it.
OrderedAnswer BatchError(size_t line, const nlohmann::json& query_given, const Status& st) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  const nlohmann::json query = EchoedQuery(query_given);
  // An error the search names by its command-line option ("--from") names the line's key.
  std::string where = st.where();
  if (where.starts_with("--")) {
    where = where.substr(2);
    std::replace(where.begin(), where.end(), '-', '_');
  }
  const std::string error = where.empty() ? st.message() : where + ": " + st.message();
  OrderedAnswer a;
  a.out = nlohmann::json{{"line", line}, {"query", query}, {"error", error}}.dump(-1, ' ', false, kReplace) + "\n";
  a.failed = true;
  return a;
}

// Reads lines ended by LF, CR LF or a CR alone (old Mac files), as std::getline reads LF-ended
// ones. A CR ends its line at once and a LF right after it is skipped when the next line is read,
// so a caller on a pipe gets its answer without the reader waiting for the byte after the CR.
// (gzip.h's LineReader ends lines the same way but reads whole chunks, which on a pipe would wait
// for queries not yet sent.)
class LineSplitter {
 public:
  // The next line into *line, without its end; false at the end of the input with no line.
  bool Next(std::istream& in, std::string& line) {
    line.clear();
    bool any = false;
    for (char c; in.get(c);) {
      if (after_cr_) {
        after_cr_ = false;
        if (c == '\n') continue;
      }
      any = true;
      if (c == '\n') return true;
      if (c == '\r') {
        after_cr_ = true;
        return true;
      }
      line += c;
    }
    return any;
  }

 private:
  bool after_cr_ = false;
};

// A batch line read and checked: the request to search, or, for a line that failed before any
// search (bad JSON, a bad option), its answer already.
struct BatchLine {
  size_t line = 0;        // its number in the input, counted from 1
  SearchRequest request;
  nlohmann::json query;   // what an error object names as the line's query
  std::optional<OrderedAnswer> answer;
};

// Reads batch line number `n`, `t` (trimmed, not empty), onto a copy of `base` (the command
// line's request). Never fails: a bad line gets its error answer.
BatchLine ReadBatchLine(size_t n, const std::string& t, const SearchRequest& base, const SearchCommand& cmd) {
  BatchLine b;
  b.line = n;
  b.request = base;
  b.request.query = t;
  b.query = t;
  // A JSON array (["korut", "rusia"], [{"query": ...}]) is no query: searched as text it would
  // find its words, quotes and brackets ignored. A line that only starts with '[' and is no
  // JSON ("[Breaking] banjir") is a query.
  if (t[0] == '[' && nlohmann::json::accept(t)) {
    b.answer = BatchError(n, nullptr, Status::InvalidArgument("line " + std::to_string(n), "a JSON array; give one JSON object per line"));
    return b;
  }
  if (t[0] != '{') return b;
  nlohmann::json j;
  Status st;
  // A key given twice ({"query": "korut", "query": "banjir"}) would silently be its last
  // value: a script's bug, refused as unknown keys are.
  std::vector<std::string> keys;
  std::string repeated;
  auto note_keys = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1) {
      std::string key = parsed.get<std::string>();
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
        if (repeated.empty()) repeated = std::move(key);
      } else {
        keys.push_back(std::move(key));
      }
    }
    return true;
  };
  try {
    j = nlohmann::json::parse(t, note_keys);
  } catch (const nlohmann::json::parse_error& e) {
    st = Status::InvalidArgument("line " + std::to_string(n), BadJsonMessage(e));
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond a double's range ("limit": 1e400) is valid JSON that does not parse; it
    // had aborted the run, losing the answers already written.
    st = Status::InvalidArgument("line " + std::to_string(n), "a number too large to read");
  }
  const bool object = st.ok() && j.is_object();
  b.query = object && j.contains("query") && j["query"].is_string() ? j["query"] : nlohmann::json(nullptr);
  if (st.ok() && !repeated.empty()) st = Status::InvalidArgument(repeated, "given twice; give it once");
  if (st.ok()) st = object ? ApplyBatchOptions(j, b.request) : Status::InvalidArgument("line " + std::to_string(n), "not a JSON object");
  // "count": false under --count turns it off for the line, as "collapse": false does
  // --collapse: the hits come back (the command line's -n, else the default).
  if (st.ok() && cmd.format == OutputFormat::kCount && j.contains("count") && j["count"] == false && !j.contains("limit")) {
    b.request.limit = cmd.request.limit;
  }
  // "count": true (or --count, the line not saying "count": false) without "limit" asks for no
  // hits: a key that shapes hits has no use there, an error as on the command line (--count
  // --sort), not ignored.
  const bool counts = object && j.contains("count") ? j["count"] == true : cmd.format == OutputFormat::kCount;
  if (st.ok() && counts && !j.contains("limit")) {
    for (const char* key : {"offset", "sort", "snippet_chars", "fragments", "text"}) {
      if (j.contains(key)) {
        st = Status::InvalidArgument(key, "does not apply to a count (\"count\": true, or --count), which gives no hits (give \"limit\" too for hits)");
        break;
      }
    }
  }
  if (st.ok() && !j.contains("query")) st = Status::InvalidArgument("line " + std::to_string(n), "missing \"query\"");
  if (!st.ok()) b.answer = BatchError(n, b.query, st);
  return b;
}

// The answer to batch line `b` from searcher `s`: its response object (and its notes for
// stderr), or its error object. Never fails.
OrderedAnswer AnswerBatchLine(Searcher& s, const BatchLine& b) {
  if (b.answer) return *b.answer;
  Result<SearchResponse> r = Status::IOError("", "");
  try {
    r = s.Search(b.request);
  } catch (const std::exception& e) {  // out of memory, say: this line fails, the batch goes on
    r = Status::IOError("line " + std::to_string(b.line), ExceptionMessage(e));
  }
  if (!r.ok()) return BatchError(b.line, b.query, r.status());
  OrderedAnswer a;
  for (const auto& note : r->notes) a.err += StderrLine(MessageKind::kNote, "line " + std::to_string(b.line) + ": " + note);
  AppendResponseJson(*r, b.line, &a.out);
  a.out.push_back('\n');
  return a;
}

// The searcher of one batch thread: the one it was given, replaced by a new one (Searcher::Open)
// once a line failed on a network error (Searcher::connection_lost: a remote shard stopped
// answering or its connection broke), before the next line is searched. The stalled shard is
// then connected anew and the other remote shards' connections, which the failed search may have
// left out of step, are in step again: later lines find again once the shard answers. An opening
// that fails is that line's error, and is tried again at the next.
class BatchSearcher {
 public:
  // Searches with `given` (which must outlive this) until a network error; `cmd` names the
  // databases to open again.
  BatchSearcher(Searcher& given, const SearchCommand& cmd) : current_(&given), cmd_(cmd) {}
  // The answer to batch line `b` (AnswerBatchLine). Never fails.
  OrderedAnswer Answer(const BatchLine& b) {
    if (b.answer) return *b.answer;
    if (reopen_) {
      auto again = Searcher::Open(cmd_.dbs, cmd_.data_dir, cmd_.remote_timeout_s);
      if (!again.ok()) return BatchError(b.line, b.query, again.status());
      own_ = std::move(*again);
      current_ = own_.get();
      reopen_ = false;
    }
    OrderedAnswer a = AnswerBatchLine(*current_, b);
    reopen_ = current_->connection_lost();
    return a;
  }

 private:
  Searcher* current_;
  std::unique_ptr<Searcher> own_;  // the searcher opened again, once there is one
  const SearchCommand& cmd_;
  bool reopen_ = false;            // the last search lost a connection
};

// Answers ahead of the first unwritten one that each search thread may run (OrderedOutput's
// window): enough to keep every thread busy behind a slow query, few enough to bound memory.
constexpr size_t kAnswersAheadPerJob = 32;

// An option the command's mode has no use for, refused rather than ignored: "--count -n 5"
// printed the whole count, "--stats --source kompas" the whole database's figures. Batch lines
// take the command line's options as their defaults, so --batch uses them all; --show's own
// refusals (--source, --from, --to, --facets, --collapse) come first, in MakeSearchCommand.
Status RefuseUnusedOptions(const SearchArgs& args, const SearchCommand& cmd) {
  static constexpr std::string_view kAll[] = {"--limit", "--offset", "--any", "--source", "--from", "--to", "--sort",
                                              "--facets", "--snippet-chars", "--fragments", "--collapse"};
  static constexpr std::string_view kPage[] = {"--limit", "--offset", "--sort", "--snippet-chars", "--fragments"};
  static constexpr std::string_view kSnippet[] = {"--snippet-chars", "--fragments"};
  struct Mode {
    bool on;
    const char* name;
    const char* does;
    std::span<const std::string_view> unused;
  };
  const Mode modes[] = {
      {cmd.stats, "--stats", "describes the whole database", kAll},
      {cmd.analyze.has_value(), "--analyze", "shows how its text is analysed", kAll},
      {cmd.show.has_value(), "--show", "shows one article whole", kPage},
      {cmd.batch.empty() && args.count, "--count", "prints the number of matches", kPage},
      {cmd.batch.empty() && args.files, "--files", "prints the matching files' paths", kSnippet},
  };
  for (const Mode& m : modes) {
    if (!m.on) continue;
    for (std::string_view option : m.unused) {
      if (!args.Given(option)) continue;
      std::string shown = option == "--limit" ? "-n/--limit" : std::string(option);
      return Status::InvalidArgument(m.name, std::string(m.does) + ": " + shown + " does not apply");
    }
  }
  return Status::Ok();
}

// Runs --batch with `first` (the searcher RunSearchCommand opened) and, with cmd.jobs above 1,
// up to cmd.jobs - 1 more search threads, each with a searcher of its own (a Xapian database
// handle serves one thread), started as lines queue up for them; answers are written in the
// order of the lines. A thread whose database does not open is a warning; the others go on.
int RunBatch(Searcher& first, const SearchCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err) {
  std::ifstream file;
  std::istream* src = &in;
  if (cmd.batch != "-") {
    // A directory opens (and then reads as nothing): say what it is.
    if (std::error_code ec; std::filesystem::is_directory(cmd.batch, ec)) {
      err << StderrLine(MessageKind::kError, cmd.batch + ": is a directory");
      return 2;
    }
    errno = 0;
    file.open(cmd.batch);
    if (!file) {
      // The reason, as the system gives it: "No such file or directory", "Permission denied".
      const int why = errno;
      err << StderrLine(MessageKind::kError, cmd.batch + ": cannot open batch file" + (why != 0 ? std::string(": ") + std::strerror(why) : ""));
      return 2;
    }
    src = &file;
  }
  // Read from stdin, the caller may be waiting for each answer before it sends the next query;
  // on a terminal each answer shows as it is ready. A file's answers go out in big writes.
  const bool flush_each = cmd.batch == "-" || cmd.stdout_is_tty;
  OrderedOutput output(out, err, flush_each);
  SearchRequest base = cmd.request;
  if (cmd.format == OutputFormat::kCount) {  // --count: every line counted exactly, no hits
    base.limit = 0;
    base.exact_total = true;
  }
  WorkQueue<std::pair<size_t, BatchLine>> queue;
  std::vector<std::thread> threads;
  std::atomic<bool> open_failed = false;  // a thread's searcher did not open: start no more
  auto serve = [&](Searcher& s) {
    BatchSearcher searcher(s, cmd);
    while (auto item = queue.Pop()) output.Put(item->first, searcher.Answer(item->second));
  };
  // Starts search thread number threads.size(): the first serves with `first`, the others open
  // their own searcher. False when no thread could start.
  auto start_thread = [&] {
    try {
      if (threads.empty()) {
        threads.emplace_back([&] { serve(first); });
      } else {
        threads.emplace_back([&] {
          auto own = Searcher::Open(cmd.dbs, cmd.data_dir, cmd.remote_timeout_s);
          if (!own.ok()) {
            if (!open_failed.exchange(true)) {
              output.Warn(StderrLine(MessageKind::kWarning, "--jobs: a search thread could not open the database, the others go on: " +
                                                                own.status().ToString()));
            }
            return;
          }
          serve(**own);
        });
      }
      return true;
    } catch (const std::system_error&) {  // no more threads: the running ones go on
      return false;
    }
  };
  // Lines answered on this thread (all of them without search threads) go through `first`: no
  // search thread serves with it then.
  BatchSearcher here(first, cmd);
  const size_t window = kAnswersAheadPerJob * cmd.jobs;
  bool threaded = cmd.jobs > 1;
  LineSplitter lines;
  std::string line;
  size_t n = 0, seq = 0;
  while (output.stdout_ok() && lines.Next(*src, line)) {  // stdout failing (disk full) ends the batch
    ++n;
    // A byte order mark (editors on Windows write one) is no part of the first line's query.
    if (n == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    auto t = std::string(Trim(line));
    if (t.empty()) continue;
    BatchLine b = ReadBatchLine(n, t, base, cmd);
    if (threaded && !output.WaitForRoom(seq, window)) break;
    if (!threaded || b.answer) {  // answered here: no search, or no threads
      output.Put(seq++, here.Answer(b));
      continue;
    }
    queue.Push({seq++, std::move(b)});
    if (threads.size() < cmd.jobs && !open_failed && (threads.empty() || queue.Backlogged()) && !start_thread() && threads.empty()) {
      threaded = false;  // not even one thread: answer here, this line first
      auto item = queue.Pop();
      output.Put(item->first, here.Answer(item->second));
    }
  }
  queue.Close();
  for (auto& t : threads) t.join();
  if (src->bad()) {
    err << StderrLine(MessageKind::kError, (cmd.batch == "-" ? std::string("stdin") : cmd.batch) + ": read error");
    return 2;
  }
  return output.any_failed() ? 2 : 0;
}

// Prints the statistics. A writer may commit while they are read (the walk over all terms
// takes a while): then the databases are opened again, at their latest commit, and read again.
int RunStats(const SearchCommand& cmd, std::unique_ptr<Searcher> s, bool json, std::ostream& out, std::ostream& err) {
  Status st;
  try {
    // Twice the usual attempts: each shard commits on its own, so a long read sees many commits.
    st = ReadLatest(
        2 * kReadAttempts, DatabasesName(cmd.dbs), "reading statistics",
        [&] {
          out << (json ? s->StatsJson() + "\n" : s->StatsHuman());
          return Status::Ok();
        },
        [&] {
          auto again = Searcher::Open(cmd.dbs, cmd.data_dir, cmd.remote_timeout_s);
          if (!again.ok()) return again.status();
          s = std::move(*again);
          return Status::Ok();
        });
  } catch (const Xapian::Error& e) {
    st = s->ErrorStatus(e, "reading statistics");
  }
  if (st.ok()) return 0;
  err << StderrLine(MessageKind::kError, st.ToString());
  return 2;
}

// Prints `tokens` as --analyze does: "token<TAB>term" lines (a word searched as written says so
// in a column of its own, and so does each alias group: "also searches: korea utara | north
// korea", "'korea utara' also searches: korut | ..." on the first of its words; "also leaves out"
// for an excluded word's), or a JSON array of {token, term, aliases: [{words, forms, excluded}]}.
void WriteTokens(const std::vector<AnalyzedToken>& tokens, bool json, std::ostream& out) {
  if (json) {
    nlohmann::json a = nlohmann::json::array();
    for (const AnalyzedToken& t : tokens) {
      nlohmann::json aliases = nlohmann::json::array();
      for (const AliasUse& u : t.aliases) {
        aliases.push_back({{"words", u.words}, {"forms", u.forms}, {"excluded", u.excluded}});
      }
      a.push_back({{"token", t.token}, {"term", t.term}, {"aliases", std::move(aliases)}});
    }
    out << a.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const AnalyzedToken& t : tokens) {
      out << t.token << "\t" << (t.clitic ? "(a clitic: the query searches the word before it)" : t.syntax ? "(query syntax: an operator or a field's name)" : t.term.empty() ? "(stopword)" : t.term)
          << (t.as_written ? "\t(a query searches the word as written: its root is a stopword)" : "");
      for (const AliasUse& u : t.aliases) {
        out << "\t" << (u.words == t.token ? "" : "'" + u.words + "' ") << (u.excluded ? "also leaves out: " : "also searches: ");
        for (size_t k = 0; k < u.forms.size(); ++k) out << (k ? " | " : "") << u.forms[k];
      }
      out << "\n";
    }
  }
}

// Says on stderr that --analyze's tokens come without aliases, and why: `no_aliases`, the reason
// AnalyzeText gave ("" when there is none to say).
void NoteNoAliases(const std::string& no_aliases, std::ostream& err) {
  if (no_aliases.empty()) return;
  err << StderrLine(MessageKind::kNote, "no aliases shown: the text does not read as a query (" + no_aliases + ")");
}

// --analyze with no database to follow: the installed analyser with its defaults (the
// dictionary stemmer, the data folder's stopwords and aliases), as rkn-index would build one.
int AnalyzeWithoutDatabase(const SearchCommand& cmd, bool json, std::ostream& out, std::ostream& err) {
  auto dir = FindDataDir(cmd.data_dir);
  auto analyzer = dir.ok() ? Analyzer::Load(*dir, AnalyzerOptions()) : Result<std::shared_ptr<const Analyzer>>(dir.status());
  if (!analyzer.ok()) {
    err << StderrLine(MessageKind::kError, analyzer.status().ToString());
    return 2;
  }
  try {
    std::string no_aliases;
    WriteTokens(AnalyzeStandalone(*cmd.analyze, **analyzer, &no_aliases), json, out);
    NoteNoAliases(no_aliases, err);
  } catch (const Xapian::Error& e) {
    err << StderrLine(MessageKind::kError, "analysing: " + e.get_description());
    return 2;
  }
  return 0;
}

// --show: the article, whole, with the matches of the query (if any) marked; a note when the
// query does not match it. 0, or 2 when no article has the name given or the query is bad.
int RunShow(Searcher& s, const SearchCommand& cmd, std::ostream& out, std::ostream& err) {
  ShowRequest req;
  req.article = *cmd.show;
  req.query = cmd.request.query;
  req.default_op = cmd.request.default_op;
  auto a = s.Show(req);
  if (!a.ok()) {
    err << StderrLine(MessageKind::kError, a.status().ToString());
    return 2;
  }
  for (const auto& note : a->notes) err << StderrLine(MessageKind::kNote, note);
  if (!a->matches) err << StderrLine(MessageKind::kNote, "the query does not match this article; its words are marked where they occur");
  HumanStyle style;
  style.color = cmd.color == ColorMode::kAlways || (cmd.color == ColorMode::kAuto && cmd.stdout_is_tty);
  style.width = cmd.width;
  WriteArticle(*a, cmd.format == OutputFormat::kJson, style, out);
  return 0;
}

// The flag of the output format `args` chose among those with no JSON object: --jsonl, --csv,
// --count, else --files (for messages that name it).
const char* FormatFlag(const SearchArgs& args) {
  return args.jsonl ? "--jsonl" : args.csv ? "--csv" : args.count ? "--count" : "--files";
}

}  // namespace

int RunSearchCommand(const SearchCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err) {
  const bool json = cmd.format == OutputFormat::kJson || cmd.format == OutputFormat::kJsonl;
  // Tokens and terms need no database: with none named and none in the current folder, --analyze
  // shows what a new index would hold.
  std::error_code ec;
  if (cmd.analyze && cmd.default_db && !std::filesystem::exists(cmd.dbs.front(), ec)) {
    return AnalyzeWithoutDatabase(cmd, json, out, err);
  }
  auto searcher = Searcher::Open(cmd.dbs, cmd.data_dir, cmd.remote_timeout_s);
  if (!searcher.ok()) {
    err << StderrLine(MessageKind::kError, searcher.status().ToString());
    return 2;
  }
  Searcher& s = **searcher;
  if (!s.index_warning().empty()) {
    err << StderrLine(MessageKind::kWarning, (cmd.dbs.empty() ? std::string("database") : cmd.dbs.front()) + ": " + s.index_warning());
  }
  if (!s.shard_warning().empty()) err << StderrLine(MessageKind::kWarning, s.shard_warning());
  if (cmd.stats) return RunStats(cmd, std::move(*searcher), json, out, err);
  if (cmd.analyze) {
    std::string no_aliases;
    WriteTokens(s.Analyze(*cmd.analyze, &no_aliases), json, out);
    NoteNoAliases(no_aliases, err);
    return 0;
  }
  if (!cmd.batch.empty()) return RunBatch(s, cmd, in, out, err);
  if (cmd.show) return RunShow(s, cmd, out, err);

  SearchRequest req = cmd.request;
  if (cmd.format == OutputFormat::kCount) {
    req.limit = 0;
    req.exact_total = true;
  }
  if (cmd.format == OutputFormat::kFiles) req.snippets = false;  // paths only
  auto r = s.Search(req);
  if (!r.ok()) {
    err << StderrLine(MessageKind::kError, r.status().ToString());
    return 2;
  }
  for (const auto& note : r->notes) err << StderrLine(MessageKind::kNote, note);
  // The human and --json outputs carry "did you mean"; the others have no place for it on stdout.
  if (!r->suggestion.empty() && cmd.format != OutputFormat::kHuman && cmd.format != OutputFormat::kJson) {
    err << StderrLine(MessageKind::kNote, "did you mean: " + r->suggestion);
  }
  // --files lists every match's file, up to kMaxLimit matches: say when there were more.
  if (cmd.format == OutputFormat::kFiles && req.limit == kMaxLimit && r->total_lower > req.offset + r->hits.size()) {
    const std::string listed = std::to_string(req.offset + r->hits.size());
    std::string note = "the files of the first ";
    note += listed;
    note += " matches only; --offset ";
    note += listed;
    note += " lists more";
    err << StderrLine(MessageKind::kNote, note);
  }
  HumanStyle style;
  style.files_null = cmd.files_null;
  style.color = cmd.color == ColorMode::kAlways || (cmd.color == ColorMode::kAuto && cmd.stdout_is_tty);
  style.width = cmd.width;
  WriteResponse(*r, cmd.format, style, out);
  return r->total == 0 ? 1 : 0;
}

std::string StderrLine(MessageKind kind, std::string_view what) {
  std::string line = "rkn-search: ";
  line += kind == MessageKind::kError ? "error: " : kind == MessageKind::kWarning ? "warning: " : "note: ";
  line += SafeForTerminal(what);
  line += '\n';
  return line;
}

size_t OutputColumns(const char* columns_env, bool stdout_is_tty, size_t terminal_columns) {
  size_t columns = 0;
  const std::string_view env = columns_env != nullptr ? columns_env : "";
  size_t n = 0;
  const auto [end, ec] = std::from_chars(env.data(), env.data() + env.size(), n);  // digits only: no sign, no space
  if (ec == std::errc() && end == env.data() + env.size() && n >= 1 && n <= kMaxOutputColumns) columns = n;
  if (columns == 0 && stdout_is_tty) columns = terminal_columns;
  return columns == 0 ? 0 : std::clamp(columns, kMinOutputColumns, kMaxOutputColumns);
}

std::string RangeHelp(const char* what, size_t lo, size_t hi) {
  std::string s = what;
  s += " (";
  s += std::to_string(lo);
  s += " to ";
  s += std::to_string(hi);
  s += ")";
  return s;
}

bool SearchArgs::Given(std::string_view long_name) const {
  return std::find(given.begin(), given.end(), long_name) != given.end();
}

Result<SearchCommand> MakeSearchCommand(const SearchArgs& args, const char* env_db) {
  SearchCommand cmd;
  cmd.dbs = args.dbs;
  // --db "$UNSET": an empty path would open another database than meant, or none.
  if (std::find(cmd.dbs.begin(), cmd.dbs.end(), "") != cmd.dbs.end()) {
    return Status::InvalidArgument("--db", "an empty path (leave --db out for $RKN_DB or ./rkn.db)");
  }
  cmd.data_dir = args.data_dir;
  cmd.request = args.request;
  cmd.batch = args.batch;
  cmd.analyze = args.analyze;
  cmd.stats = args.stats;
  cmd.show = args.show;
  cmd.remote_timeout_s = args.remote_timeout;
  cmd.stdout_is_tty = args.stdout_is_tty;
  if (args.width > 0) cmd.width = args.width;
  if (Status st = CheckOptionValues(args); !st.ok()) return st;
  SearchRequest& req = cmd.request;
  // CLI11 takes the argument after --analyze as its text whatever it looks like.
  if (cmd.analyze && cmd.analyze->starts_with("--")) {
    return Status::InvalidArgument("", "--analyze takes the text right after it, got '" + *cmd.analyze +
                                           "' (try: rkn-search --analyze TEXT " + *cmd.analyze + ")");
  }
  // "rkn-search -- KPK --count": after "--" every word is the query's; the query language would
  // say "'--': one '-' is enough" of a word that is an option.
  // So too a short one ("rkn-search -- korut -n 5" searched "korut AND 5 NOT n"), alone or with
  // its number glued on ("-n5"). The hint keeps the value that followed it.
  auto known = [&](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  for (size_t i = 0; i < args.words.size(); ++i) {
    const std::string& w = args.words[i];
    std::string name = w.substr(0, w.find('='));
    bool glued_value = w.find('=') != std::string::npos;
    if (!name.starts_with("--") && name.size() > 2 && name[0] == '-' &&
        std::all_of(name.begin() + 2, name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      name.resize(2);  // "-n5"
      glued_value = true;
    }
    if (!name.starts_with("-") || name == "-" || name == "--" || !known(args.option_names, name)) continue;
    if (!name.starts_with("--") && name.size() != 2) continue;
    std::string option = name;
    if (!known(args.flag_names, name)) {
      if (glued_value) option = w;
      else if (i + 1 < args.words.size()) option += " " + args.words[i + 1];
    }
    return Status::InvalidArgument("", "'" + name + "' comes after '--', which makes it a word of the query: give options before '--' (rkn-search " +
                                           option + " -- QUERY)");
  }
  req.query.clear();
  for (const auto& w : args.words) req.query += (req.query.empty() ? "" : " ") + w;
  if (cmd.analyze && !req.query.empty()) {  // "--analyze menandatangani perjanjian": all the words
    if (!cmd.analyze->empty()) *cmd.analyze += ' ';
    *cmd.analyze += req.query;
    req.query.clear();
  }
  // Options that select articles (--source, --from, --to) are a query of their own when nothing
  // else is asked: rkn-search --source kompas --from 2019-10-01 --count.
  // --show's query only marks its words in the article: it is no mode of its own there.
  const int others = !cmd.batch.empty() + cmd.analyze.has_value() + cmd.stats + cmd.show.has_value();
  const bool query_mode = !cmd.show && (!req.query.empty() || (req.SelectsArticles() && others == 0));
  const int modes = query_mode + others;
  if (modes == 0) return Status::InvalidArgument("", "no query given (try --help)");
  if (modes > 1) return Status::InvalidArgument("", "give one of a query, --batch FILE, --analyze TEXT, --stats or --show ARTICLE");
  if (cmd.show) {
    if (Trim(*cmd.show).empty()) return Status::InvalidArgument("--show", "names no article (a hit's path#record, its id or its docid)");
    if (cmd.show->starts_with("--")) {
      return Status::InvalidArgument("", "--show takes the article right after it, got '" + *cmd.show +
                                             "' (try: rkn-search --show ARTICLE " + *cmd.show + ")");
    }
    if (req.SelectsArticles() || args.facets || req.collapse) {
      return Status::InvalidArgument("--show", "shows one article: --source, --from, --to, --facets and --collapse do not apply");
    }
  }
  if (cmd.dbs.empty()) {
    const char* db = schema::DefaultDb(env_db);
    cmd.dbs.emplace_back(db);
    cmd.default_db = db == schema::kDefaultDb;  // DefaultDb chose its fallback, not $RKN_DB
  }
  req.default_op = args.any ? DefaultOperator::kOr : DefaultOperator::kAnd;
  req.sort = args.sort == "newest" ? SortOrder::kNewest : args.sort == "oldest" ? SortOrder::kOldest : SortOrder::kRelevance;
  req.facets.clear();
  // "source, year" is read as "source,year"; an empty name ("source,,year", "year,") was dropped
  // silently, which hid a typo (a facet name lost to an extra comma): an error naming the list.
  // "--facets ''" (an empty $FACETS) was taken for no --facets at all.
  if (args.facets && Trim(*args.facets).empty()) {
    return Status::InvalidArgument("--facets", "empty value; give the names (source, year, month, author, category), or leave the option out");
  }
  for (size_t start = 0; args.facets && start <= args.facets->size();) {
    const size_t comma = std::min(args.facets->find(',', start), args.facets->size());
    const std::string_view name = Trim(std::string_view(*args.facets).substr(start, comma - start));
    if (name.empty()) {
      return Status::InvalidArgument("--facets", "'" + *args.facets +
                                                     "' has an empty name: names are separated by single commas "
                                                     "(source, year, month, author, category)");
    }
    req.facets.emplace_back(name);
    start = comma + 1;
  }
  if (args.json + args.jsonl + args.csv + args.count + args.files > 1) {
    return Status::InvalidArgument("", "choose one of --json, --jsonl, --csv, --count, --files");
  }
  const bool no_object = args.jsonl || args.csv || args.count || args.files;  // FormatFlag's formats
  if ((cmd.stats || cmd.analyze || cmd.show) && no_object) {
    return Status::InvalidArgument(cmd.stats ? "--stats" : cmd.analyze ? "--analyze" : "--show",
                                   std::string("prints text or --json: ") + FormatFlag(args) + " does not apply");
  }
  if (!cmd.batch.empty() && no_object && !args.count) {
    return Status::InvalidArgument("--batch", std::string("answers in JSON lines: ") + FormatFlag(args) +
                                                  " does not apply (--count does: exact totals, no hits)");
  }
  // Facets asked for must show: only the human output and --json (and --batch's lines) hold them.
  if (cmd.batch.empty() && !req.facets.empty() && no_object) {
    return Status::InvalidArgument("--facets", std::string("are shown by the human output and --json: ") +
                                                   FormatFlag(args) + " has no place for them");
  }
  if (args.null && !args.files) return Status::InvalidArgument("--null", "applies to --files only");
  // The text goes where a script reads it; a person reads one article with --show.
  if (req.text && (cmd.show || cmd.stats || cmd.analyze)) {
    return Status::InvalidArgument("--text", "adds the text to search hits: --show prints its article's text, --stats and --analyze have none");
  }
  if (req.text && !args.json && !args.jsonl && !args.csv && cmd.batch.empty()) {
    return Status::InvalidArgument("--text", "adds each hit's text to --json, --jsonl, --csv and --batch (one article: --show ARTICLE)");
  }
  if (Status st = RefuseUnusedOptions(args, cmd); !st.ok()) return st;
  if (args.Given("--jobs") && cmd.batch.empty()) return Status::InvalidArgument("--jobs", "applies to --batch only");
  // The cores are counted (a read of /sys) only for a batch: a single query's start-up does not need them.
  if (!cmd.batch.empty()) cmd.jobs = args.Given("--jobs") ? args.jobs : std::clamp<size_t>(std::thread::hardware_concurrency(), kMinJobs, kMaxJobs);
  cmd.files_null = args.null;
  // "Each matching file once", as grep -l: a page of 10 hits would leave most files out unseen.
  if (args.files && !args.Given("--limit")) req.limit = kMaxLimit;
  cmd.format = args.json ? OutputFormat::kJson : args.jsonl ? OutputFormat::kJsonl : args.csv ? OutputFormat::kCsv
               : args.count ? OutputFormat::kCount : args.files ? OutputFormat::kFiles : OutputFormat::kHuman;
  cmd.color = args.color == "always"                       ? ColorMode::kAlways
              : args.color == "never" || args.no_color_env ? ColorMode::kNever
                                                           : ColorMode::kAuto;
  return cmd;
}

int RunSearchArgs(const SearchArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  auto cmd = MakeSearchCommand(args, std::getenv(schema::kEnvDb));
  if (!cmd.ok()) {
    err << StderrLine(MessageKind::kError, cmd.status().ToString());
    return 2;
  }
  int code = 2;
  try {
    code = RunSearchCommand(*cmd, in, out, err);
  } catch (const std::exception& e) {  // out of memory, say: an error line, not an abort
    err << StderrLine(MessageKind::kError, ExceptionMessage(e));
    return 2;
  }
  // Results that did not reach stdout (a full disk, a closed descriptor) are an error, not hits.
  if (Status st = FlushStdout(out); !st.ok()) {
    err << StderrLine(MessageKind::kError, st.ToString());
    return 2;
  }
  return code;
}

}  // namespace rkn
