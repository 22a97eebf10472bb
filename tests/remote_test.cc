// End-to-end test of remote shards (issue "Scale and speed", item 3): xapian-tcpsrv on 127.0.0.1
// serves one half of the labelled articles, rkn-search searches it together with a local shard
// holding the other half, and every answer equals the answer of one database holding both halves.
// Skipped with a message when xapian-tcpsrv (Debian xapian-tools) is missing, and the tests of a
// server that stalls mid-query (tests/stall_proxy.py) also when python3 is.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;
using rkn::test::kIndexBin;
using rkn::test::kSearchBin;
using rkn::test::RunProcess;
using rkn::test::TempDir;

namespace {

const std::string kTcpsrv = RKN_XAPIAN_TCPSRV;
const fs::path kLabelled = fs::path(RKN_TEST_DATADIR) / "labelled";
const fs::path kCorpus = fs::path(RKN_SOURCE_DIR) / "corpus";

// A free TCP port on 127.0.0.1 right now (the kernel picks it); 0 when none could be had.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

// True when something accepts connections on 127.0.0.1:port.
bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// xapian-tcpsrv serving `db` on 127.0.0.1 only, killed when this object goes (and, through
// PR_SET_PDEATHSIG, when the test process dies). port() is 0 when it could not be started.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) {
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
      const int port = FreePort();
      if (port == 0) continue;
      const std::vector<std::string> argv = {kTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port),
                                             "--quiet", db};
      const pid_t pid = fork();
      if (pid == 0) {
        // Its own process group: on SIGTERM xapian-tcpsrv kills its whole group, which would
        // otherwise be the test runner's.
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        const int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        std::vector<char*> args;
        for (const auto& s : argv) args.push_back(const_cast<char*>(s.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
      }
      if (pid < 0) continue;
      setpgid(pid, pid);  // also here, so Stop never races the child's own setpgid
      // Wait up to 5 s for it to listen; a lost race for the port makes it exit: try another.
      for (int i = 0; i < 100; ++i) {
        int st = 0;
        if (waitpid(pid, &st, WNOHANG) == pid) break;
        if (Accepts(port)) {
          pid_ = pid;
          port_ = port;
          break;
        }
        usleep(50 * 1000);
      }
      if (port_ == 0) Stop(pid);
    }
  }
  ~TcpServer() {
    if (pid_ > 0) Stop(pid_);
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  int port() const { return port_; }
  std::string spec() const { return "tcp:127.0.0.1:" + std::to_string(port_); }

 private:
  // Ends the server and the connection processes it forked (its process group). A connection
  // process can outlive the server's SIGTERM (one was found an hour later, SIGTERM blocked, its
  // parent gone): what is left of the group is killed once the server has exited.
  static void Stop(pid_t pid) {
    kill(-pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    kill(-pid, SIGKILL);
  }
  pid_t pid_ = -1;
  int port_ = 0;
};

// The seed articles (corpus/) and the labelled articles (tests/data/labelled/, without their
// keep/drop column and without its copies of the seeds) split alternately into two halves, each
// indexed on its own (rkn-index's default layout, whatever it is), plus both halves in one
// database with a single shard.
struct Shards {
  fs::path dir;
  std::string half_a, half_b, merged;
  Shards() {
    std::string tmpl = (fs::temp_directory_path() / "rkn-remote-XXXXXX").string();
    dir = mkdtemp(tmpl.data());
    const fs::path a = dir / "a", b = dir / "b";
    fs::create_directories(a);
    fs::create_directories(b);
    std::map<std::string, std::string> articles;  // file name -> text
    for (const auto& e : fs::directory_iterator(kCorpus)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream text;  // rdbuf, not istreambuf_iterator: g++ 12 warns inside that (-Wnull-dereference)
      text << in.rdbuf();
      articles[e.path().filename().string()] = text.str();
    }
    for (const auto& e : fs::directory_iterator(kLabelled)) {
      const std::string name = e.path().filename().string();
      if (e.path().extension() != ".txt" || name.starts_with("seed")) continue;
      std::ifstream in(e.path());
      std::string text, line;
      while (std::getline(in, line)) text += (line.size() > 1 && line[1] == '\t' ? line.substr(2) : line) + "\n";
      articles[name] = text;
    }
    size_t i = 0;
    for (const auto& [name, text] : articles) std::ofstream((i++ % 2 ? b : a) / name, std::ios::binary) << text;
    half_a = (dir / "a.db").string();
    half_b = (dir / "b.db").string();
    merged = (dir / "merged.db").string();
    Index({kIndexBin, a.string(), "--db", half_a});
    Index({kIndexBin, b.string(), "--db", half_b});
    Index({kIndexBin, a.string(), b.string(), "--db", merged, "-j", "1"});
  }
  // Runs rkn-index: everything indexed, but for one labelled page that is boilerplate only
  // (antara-05.txt, a copyright line), which is skipped in whichever database holds it.
  static void Index(const std::vector<std::string>& args) {
    const auto r = RunProcess(args);
    CAPTURE(r.err);
    REQUIRE((r.status == 0 || (r.status == 3 && r.err.find(" skipped (no article text: 1) in ") != std::string::npos)));
  }
  ~Shards() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Shards& TheShards() {
  static Shards s;
  return s;
}

// rkn-search --json (all hits unless `args` has -n) over `dbs` (each passed as --db); the parsed
// answer. Fails the test on exit 2.
json SearchJson(const std::vector<std::string>& dbs, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kSearchBin, "--json"};
  if (std::find(args.begin(), args.end(), "-n") == args.end()) argv.insert(argv.end(), {"-n", "100"});
  for (const auto& d : dbs) {
    argv.push_back("--db");
    argv.push_back(d);
  }
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = RunProcess(argv);
  CAPTURE(r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}

// j[key], or null when absent (operator[] on a const json must not be used for a missing key).
json Get(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? json() : *it;
}

// What to compare beyond hits, scores, totals, facets and parsed query.
struct Compare {
  bool suggestion = false;  // spelling data is per shard: see the misspelling test case
  bool wildcard = false;    // the query has a wildcard: see kRemoteOnlyWildcardsExpandOverAllShards
};

// Wildcards are expanded by ParseQuery over QueryOptions::vocabulary, which the searcher sets to
// its database of all shards, remote ones included (with remote shards only, the database ParseQuery
// reads aliases from is a stand-in holding just the synonym table).
constexpr bool kRemoteOnlyWildcardsExpandOverAllShards = true;

// Checks that two answers agree: totals, facets, parsed query, and hit for hit the same scores
// (to 1e-9) and the same article, title, snippet and highlights. Docids differ by layout and
// equal scores may come in either order, so hits are matched by path and record.
void CheckSameAnswer(const json& got, const json& want, Compare compare) {
  for (const char* key : {"total", "total_bounds", "facets", "parsed_query"}) {
    CAPTURE(key);
    CHECK(Get(got, key) == Get(want, key));
  }
  if (compare.suggestion) CHECK(Get(got, "suggestion") == Get(want, "suggestion"));
  REQUIRE(got["hits"].size() == want["hits"].size());
  std::map<std::string, json> by_key;
  for (const auto& h : want["hits"]) by_key[Get(h, "path").dump() + "#" + Get(h, "record").dump()] = h;
  for (size_t i = 0; i < got["hits"].size(); ++i) {
    const json& g = got["hits"][i];
    const std::string id = Get(g, "path").dump() + "#" + Get(g, "record").dump();
    CAPTURE(id);
    auto it = by_key.find(id);
    REQUIRE(it != by_key.end());
    const json& w = it->second;
    CHECK(std::abs(g["score"].get<double>() - want["hits"][i]["score"].get<double>()) < 1e-9);
    CHECK(std::abs(g["score"].get<double>() - w["score"].get<double>()) < 1e-9);
    for (const char* key : {"title", "source", "published", "author", "url", "snippet", "highlights", "collapsed"}) {
      CAPTURE(key);
      CHECK(Get(g, key) == Get(w, key));
    }
  }
}

// Queries covering the query language, filters, sorting and facets.
struct Query {
  std::vector<std::string> args;
  Compare compare;
};
const std::vector<Query> kQueries = {
    {{"jakarta"}, {}},
    {{"natal bencana"}, {}},
    {{"presiden OR menteri", "--facets", "source,year,month,author,category"}, {}},
    {{"\"korea utara\""}, {}},
    {{"Korut"}, {}},  // an alias: Korea Utara, North Korea
    {{"pemerintah -jakarta"}, {}},
    {{"perjanjian NEAR/5 1961"}, {}},
    {{"title:indonesia"}, {}},
    {{"source:antaranews.com gereja"}, {}},
    {{"year:2024 korea", "--sort", "newest"}, {}},
    {{"korea OR tanah", "--any", "--sort", "oldest", "--facets", "source,year"}, {}},
    {{"korea OR tanah", "--any", "--sort", "oldest", "--collapse", "-n", "5"}, {}},  // two runs, folded
    // A page shorter than the matches, sorted by date, with facets: Xapian 1.4 over two remote
    // shards or more counts some matches twice in the spies of a value-sorted run.
    {{"presiden OR menteri", "--any", "--sort", "newest", "-n", "3", "--facets", "source,year,month"}, {}},
    {{"korea OR tanah", "--any", "--sort", "oldest", "-n", "2", "--facets", "source,year"}, {}},
    {{"putin", "--from", "2023", "--to", "2024-12-31", "--facets", "year,month"}, {}},
    {{"presiden", "-n", "3", "--offset", "2"}, {}},
    {{"zzzyyyxxx"}, {}},  // no hits
    // rkn-search expands wildcards over all shards at once (Xapian's OP_WILDCARD would expand in
    // each shard and weight by that shard's statistics), so scores equal the merged database's.
    {{"ekonom*"}, {.wildcard = true}},
    {{"pe* OR ekonom*", "--any"}, {.wildcard = true}},
    {{"presiden NEAR/10 in*"}, {.wildcard = true}},
    {{"source:antaranews", "--facets", "source"}, {.wildcard = true}},  // antaranews.*
};

bool HaveTcpsrv() {
  if (!kTcpsrv.empty() && fs::exists(kTcpsrv)) return true;
  MESSAGE("skipped: xapian-tcpsrv is missing (apt-get install xapian-tools)");
  return false;
}

// A loopback socket that listens and never accepts: the kernel completes a connection to it, and
// no greeting ever comes (a hung xapian-tcpsrv, another server on the port). Closed with the
// object.
struct SilentListener {
  int fd = -1;
  unsigned port = 0;
  SilentListener() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(listen(fd, 8) == 0);
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
  }
  ~SilentListener() {
    if (fd >= 0) close(fd);
  }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
};

const std::string kPython = RKN_PYTHON3;
const fs::path kStallProxy = fs::path(RKN_SOURCE_DIR) / "tests" / "stall_proxy.py";

bool HavePython() {
  if (!kPython.empty() && fs::exists(kPython)) return true;
  MESSAGE("skipped: python3 is missing (tests/stall_proxy.py, the server that stalls mid-query, runs on it)");
  return false;
}

// tests/stall_proxy.py in front of the xapian-tcpsrv on `server_port`, on 127.0.0.1: it passes
// the greeting and the opening of the database, then stalls at the client's first message of a
// type in `stall_on` (comma-separated numbers of Xapian 1.4's remote protocol: 8 MSG_QUERY, what
// Enquire::get_mset sends; 2 MSG_DOCUMENT, a hit's document; 0 MSG_ALLTERMS, a wildcard's
// expansion and --stats' term count; 22 MSG_GETMETADATA, read while the database is opened),
// keeping the connection open; `options` are the proxy's others ("--action close", "--times 1",
// "--then-refuse": see it). Killed with the object (and, through PR_SET_PDEATHSIG, when the test
// process dies; it ends by itself after 60 s anyway). spec() is "" when it could not be started.
class StallProxy {
 public:
  StallProxy(int server_port, const std::string& stall_on, const std::vector<std::string>& options = {}) {
    int out[2];
    if (pipe(out) != 0) return;
    std::vector<std::string> argv = {kPython, kStallProxy.string(), std::to_string(server_port), stall_on, "--lifetime", "60"};
    argv.insert(argv.end(), options.begin(), options.end());
    const pid_t pid = fork();
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      const int null = open("/dev/null", O_RDWR);
      dup2(null, 0);
      dup2(out[1], 1);
      dup2(null, 2);
      close(out[0]);
      close(out[1]);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    close(out[1]);
    if (pid > 0) {
      pid_ = pid;
      // Its one line of output is the port, written once it listens: 5 s at most.
      std::string line;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      pollfd p{out[0], POLLIN, 0};
      char buf[64];
      while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) break;
        const ssize_t n = read(out[0], buf, sizeof buf);
        if (n <= 0) break;
        line.append(buf, static_cast<size_t>(n));
      }
      if (line.find('\n') != std::string::npos) port_ = std::atoi(line.c_str());
    }
    close(out[0]);
  }
  ~StallProxy() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  StallProxy(const StallProxy&) = delete;
  StallProxy& operator=(const StallProxy&) = delete;
  std::string spec() const { return port_ > 0 ? "tcp:127.0.0.1:" + std::to_string(port_) : ""; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Two databases of the seed articles (corpus/), each indexed on its own: small, so a test with a
// stalling shard takes little more than its waits.
struct SeedDatabases {
  TempDir dir{"stalled-remote"};
  std::string x = (dir.path() / "x.db").string(), y = (dir.path() / "y.db").string();
  SeedDatabases() {
    for (const auto& db : {x, y}) {
      const auto r = RunProcess({kIndexBin, kCorpus.string(), "--db", db, "-q"});
      REQUIRE_MESSAGE(r.status == 0, r.err);
    }
  }
};

// What rkn-search says of the tcp: shard `spec` that stopped answering after 1 s while `doing`.
std::string Stalled(const std::string& spec, const std::string& doing) {
  return spec + ": stopped answering while " + doing + ": no answer within 1 s (--remote-timeout sets the wait)";
}

}  // namespace

TEST_CASE("a remote shard plus a local shard answer exactly like one merged database") {
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  TcpServer server(s.half_a);
  REQUIRE(server.port() != 0);
  size_t with_hits = 0;
  for (const auto& q : kQueries) {
    CAPTURE(q.args[0]);
    const json merged = SearchJson({s.merged}, q.args);
    CheckSameAnswer(SearchJson({server.spec(), s.half_b}, q.args), merged, q.compare);
    with_hits += !merged["hits"].empty();
  }
  // The comparison means something only if most queries find articles.
  CHECK(with_hits >= kQueries.size() - 2);
}

TEST_CASE("--count --collapse counts the same with a remote shard, also in two runs (--sort oldest)") {
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  TcpServer server(s.half_a);
  REQUIRE(server.port() != 0);
  const std::vector<std::string> merged = {kSearchBin, "--db", s.merged}, split = {kSearchBin, "--db", server.spec(), "--db", s.half_b};
  auto with = [](std::vector<std::string> argv, const std::vector<std::string>& more) {
    argv.insert(argv.end(), more.begin(), more.end());
    return argv;
  };
  const std::vector<std::string> count = {"--count", "--collapse", "--any", "korea OR tanah"};
  const auto want = RunProcess(with(merged, count)), got = RunProcess(with(split, count));
  REQUIRE(want.status == 0);
  CHECK(got.status == 0);
  CHECK(got.out == want.out);
  CHECK(std::stoi(want.out) > 0);
  // --sort oldest (two runs with a remote shard) with an exact count: a batch line's, with a
  // hit to sort (a count alone refuses it, as --count does: it changes no count).
  const std::string line = R"({"query": "korea OR tanah", "count": true, "collapse": true, "any": true, "sort": "oldest", "limit": 1})" "\n";
  const auto want_sorted = RunProcess(with(merged, {"--batch", "-"}), line), got_sorted = RunProcess(with(split, {"--batch", "-"}), line);
  REQUIRE(want_sorted.status == 0);
  CHECK(got_sorted.status == 0);
  const json a = json::parse(want_sorted.out), b = json::parse(got_sorted.out);
  CHECK(a.at("total") == b.at("total"));
  CHECK(a.at("total").get<int>() == std::stoi(want.out));
}

TEST_CASE("a misspelled word is corrected from the local shards") {
  // Corrections are looked up in the local shards only: Xapian 1.4's remote backend serves no
  // spelling table, and a round trip per lookup of the words one edit away would be slow.
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  TcpServer server(s.half_a), server_b(s.half_b);
  REQUIRE(server.port() != 0);
  REQUIRE(server_b.port() != 0);
  for (const std::string word : {"pemerintha", "indonesa"}) {
    CAPTURE(word);
    const json merged = SearchJson({s.merged}, {word});
    CHECK_FALSE(Get(merged, "suggestion").is_null());
    CHECK(Get(SearchJson({server.spec(), s.half_b}, {word}), "suggestion") == Get(merged, "suggestion"));
  }
  SUBCASE("every shard remote: no suggestion, and no error") {
    const json remote = SearchJson({server.spec(), server_b.spec()}, {"pemerintha"});
    CHECK(Get(remote, "suggestion").is_null());
  }
}

TEST_CASE("a stub file listing a remote and a local shard works as --db") {
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  TcpServer server(s.half_a);
  REQUIRE(server.port() != 0);
  // Xapian stub format: one database per line; "remote HOST:PORT" is a TCP remote, relative
  // paths are relative to the stub file.
  const fs::path stub = s.dir / "shards.stub";
  std::ofstream(stub) << "remote 127.0.0.1:" << server.port() << "\nauto " << fs::path(s.half_b).filename().string() << "\n";
  for (const auto& q : kQueries) {
    CAPTURE(q.args[0]);
    CheckSameAnswer(SearchJson({stub.string()}, q.args), SearchJson({s.merged}, q.args), q.compare);
  }
}

TEST_CASE("--stats counts each remote shard a stub file lists and sizes its local ones") {
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  TcpServer a(s.half_a), b(s.half_b);
  REQUIRE(a.port() != 0);
  REQUIRE(b.port() != 0);
  auto stats = [](const std::string& db) {
    auto r = RunProcess({kSearchBin, "--db", db, "--stats", "--json"});
    CAPTURE(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
  };
  const fs::path two_remote = s.dir / "two-remote.stub", mixed = s.dir / "mixed.stub";
  std::ofstream(two_remote) << "remote 127.0.0.1:" << a.port() << "\nremote 127.0.0.1:" << b.port() << "\n";
  std::ofstream(mixed) << "remote 127.0.0.1:" << a.port() << "\nauto " << fs::path(s.half_b).filename().string() << "\n";
  const json merged = stats(s.merged), remote = stats(two_remote.string()), part = stats(mixed.string());
  CHECK(remote["documents"] == merged["documents"]);
  CHECK(remote["remote_databases"] == 2);
  CHECK(remote["database_bytes"] == 0);
  CHECK(part["documents"] == merged["documents"]);
  CHECK(part["remote_databases"] == 1);
  // The entry names b.db's folder: its files, its own shard list included.
  CHECK(part["database_bytes"].get<long>() >= stats(s.half_b)["database_bytes"].get<long>());
  CHECK(part["database_bytes"].get<long>() < stats(s.merged)["database_bytes"].get<long>());
}

TEST_CASE("--collapse counts the copies folded from every shard, remote ones included") {
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  // Four copies of one story, two in each database.
  const fs::path dir = s.dir / "copies";
  const std::string text =
      "Presiden Joko Widodo meresmikan jembatan baru di Kota Jayapura pada hari Senin. Jembatan itu "
      "menghubungkan dua wilayah yang selama ini terpisah oleh teluk. Warga menyambut peresmian dengan gembira.\n";
  for (const char* f : {"x/a.txt", "x/b.txt", "y/c.txt", "y/d.txt"}) {
    fs::create_directories((dir / f).parent_path());
    std::ofstream(dir / f) << text;
  }
  const std::string x = (dir / "x.db").string(), y = (dir / "y.db").string(), both = (dir / "both.db").string();
  for (const auto& args : std::vector<std::vector<std::string>>{{kIndexBin, (dir / "x").string(), "--db", x},
                                                                {kIndexBin, (dir / "y").string(), "--db", y},
                                                                {kIndexBin, (dir / "x").string(), (dir / "y").string(), "--db", both}}) {
    const auto r = RunProcess(args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
  }
  TcpServer rx(x), ry(y);
  REQUIRE(rx.port() != 0);
  REQUIRE(ry.port() != 0);
  for (const auto& sort : {"relevance", "newest", "oldest"}) {
    CAPTURE(sort);
    const std::vector<std::string> args = {"jembatan", "--collapse", "--sort", sort};
    const json want = SearchJson({both}, args);
    REQUIRE(want["hits"].size() == 1);
    CHECK(want["hits"][0]["collapsed"] == 3);
    CheckSameAnswer(SearchJson({rx.spec(), ry.spec()}, args), want, {});
    CheckSameAnswer(SearchJson({rx.spec(), y}, args), want, {});
  }
}

TEST_CASE("a stub file listing two local shards works as --db") {
  Shards& s = TheShards();
  const fs::path stub = s.dir / "local.stub";
  std::ofstream(stub) << "auto " << s.half_a << "\nauto " << s.half_b << "\n";
  for (const auto& q : kQueries) {
    CAPTURE(q.args[0]);
    CheckSameAnswer(SearchJson({stub.string()}, q.args), SearchJson({s.merged}, q.args), q.compare);
  }
}

TEST_CASE("remote shards alone keep aliases, stemmer and metadata") {
  if (!HaveTcpsrv()) return;
  Shards& s = TheShards();
  TcpServer a(s.half_a), b(s.half_b);
  REQUIRE(a.port() != 0);
  REQUIRE(b.port() != 0);
  SUBCASE("every query answers as the merged database does") {
    for (const auto& q : kQueries) {
      CAPTURE(q.args[0]);
      if (q.compare.wildcard && !kRemoteOnlyWildcardsExpandOverAllShards) {
        MESSAGE("not compared until the searcher expands wildcards over remote-only shards: " << q.args[0]);
        continue;
      }
      CheckSameAnswer(SearchJson({a.spec(), b.spec()}, q.args), SearchJson({s.merged}, q.args), q.compare);
    }
  }
  SUBCASE("an alias expands although the remote backend serves no synonym table") {
    const json j = SearchJson({a.spec()}, {"Korut"});
    CHECK(j["parsed_query"].get<std::string>().find("korea PHRASE 2 utara") != std::string::npos);
  }
  SUBCASE("--stats reads documents and versions through the remote protocol") {
    auto r = RunProcess({kSearchBin, "--db", a.spec(), "--db", b.spec(), "--stats", "--json"});
    REQUIRE(r.status == 0);
    auto remote = json::parse(r.out);
    auto local = json::parse(RunProcess({kSearchBin, "--db", s.merged, "--stats", "--json"}).out);
    for (const char* key : {"documents", "terms", "sources", "date_span", "rules_version", "analyzer_version", "db_schema_version"}) {
      CAPTURE(key);
      CHECK(Get(remote, key) == Get(local, key));
    }
    // The size is the local shards' only: none here, and the remote ones are counted apart.
    CHECK(remote["database_bytes"] == 0);
    CHECK(remote["remote_databases"] == 2);
    CHECK(local["database_bytes"].get<long>() > 0);
    CHECK(local["remote_databases"] == 0);
    auto human = RunProcess({kSearchBin, "--db", a.spec(), "--stats"});
    CHECK(human.out.find("database size:    0 KiB (local shards; 1 remote not counted)\n") != std::string::npos);
  }
}

TEST_CASE("a remote shard that cannot be reached is an error naming it, in plain words") {
  // Xapian's own wording ("NetworkError: Couldn't connect (context: remote:tcp(127.0.0.1:1))
  // (Connection refused)") is not shown: the message says what happened.
  struct Case {
    std::string spec, message;
  };
  const int closed = FreePort();  // nothing listens there once FreePort has closed it
  const std::string address = "127.0.0.1:" + std::to_string(closed);
  TempDir t("unreachable");
  const std::string refusing_stub = (t.path() / "refusing.stub").string(), program_stub = (t.path() / "program.stub").string();
  std::ofstream(refusing_stub) << "remote " << address << "\n";
  std::ofstream(program_stub) << "remote :false\n";  // a program that exits at once
  const std::vector<Case> cases = {
      {"tcp:" + address, "cannot connect: connection refused (is xapian-tcpsrv running there?)"},
      {refusing_stub, "cannot connect to its remote shard " + address + ": connection refused (is xapian-tcpsrv running there?)"},
      {program_stub, "the connection to its remote shard closed while opening (did the program serving it exit?)"},
      {"tcp:127.0.0.1", "remote shard must be tcp:HOST:PORT"},
      {"tcp:127.0.0.1:99x", "remote shard must be tcp:HOST:PORT"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.spec);
    auto r = RunProcess({kSearchBin, "--db", c.spec, "jakarta"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "rkn-search: error: " + c.spec + ": " + c.message + "\n");
  }
  SUBCASE("a host that does not resolve") {
    // .invalid never resolves (RFC 2606); a machine without a resolver says it cannot look it up.
    const std::string spec = "tcp:no-such-host.invalid:33333";
    auto r = RunProcess({kSearchBin, "--db", spec, "jakarta"});
    CHECK(r.status == 2);
    CAPTURE(r.err);
    CHECK((r.err == "rkn-search: error: " + spec + ": cannot connect: unknown host no-such-host.invalid\n" ||
           r.err.starts_with("rkn-search: error: " + spec + ": cannot connect: cannot look up host no-such-host.invalid: ")));
  }
}

TEST_CASE("a stub listing a remote that listens but never answers is an error naming the stub") {
  // Xapian's stub reader opens the remote line with its own 10 s wait; the error says what was
  // waited for, and that --remote-timeout is for tcp: databases given to --db.
  const SilentListener silent;
  TempDir t("silent-stub");
  const std::string stub = (t.path() / "shards.stub").string();
  std::ofstream(stub) << "remote 127.0.0.1:" << silent.port << "\n";
  auto r = RunProcess({kSearchBin, "--db", stub, "jakarta"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "rkn-search: error: " + stub +
                     ": a remote database it lists gave no answer within Xapian's 10 s (is xapian-tcpsrv serving a database there? "
                     "--remote-timeout applies to --db tcp:HOST:PORT)\n");
}

TEST_CASE("a remote shard that listens but never answers is an error within --remote-timeout") {
  const SilentListener silent;
  const std::string spec = "tcp:127.0.0.1:" + std::to_string(silent.port);

  struct Case {
    const char* name;
    std::vector<std::string> options;
  };
  const std::vector<Case> cases = {
      {"a query", {}},
      {"--batch", {"--batch", "-"}},
      {"--stats", {"--stats"}},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      std::vector<std::string> argv = {kSearchBin, "--db", spec, "--remote-timeout", "1"};
      argv.insert(argv.end(), c.options.begin(), c.options.end());
      if (c.options.empty()) argv.push_back("jakarta");
      const auto start = std::chrono::steady_clock::now();
      auto r = RunProcess(argv, "jakarta\n");
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      CHECK(r.err == "rkn-search: error: " + spec +
                         ": no answer within 1 s (is xapian-tcpsrv serving a database there? --remote-timeout sets the wait)\n");
      CHECK(seconds < 6);  // Xapian's own wait, the default, is 10 s
    }
  }
}

TEST_CASE("a remote shard that stops answering in the middle of a search is an error naming it, on each --batch line") {
  // The connection and the opening of the database succeed, then the server answers no more: the
  // error names that shard's --db, not "database", so a user searching many knows which machine
  // to look at.
  if (!HaveTcpsrv() || !HavePython()) return;
  const SeedDatabases dbs;
  TcpServer answering(dbs.x), behind(dbs.y);
  REQUIRE(answering.port() != 0);
  REQUIRE(behind.port() != 0);
  const StallProxy stalled(behind.port(), "8");  // at the query
  REQUIRE_FALSE(stalled.spec().empty());
  // The same search without the stall finds articles.
  auto r = RunProcess({kSearchBin, "--db", answering.spec(), "--db", behind.spec(), "--files", "presiden"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // The answering shard comes first: the error goes to the shard that stalled, not the first one.
  const auto start = std::chrono::steady_clock::now();
  r = RunProcess({kSearchBin, "--db", answering.spec(), "--db", stalled.spec(), "--remote-timeout", "1", "presiden"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "rkn-search: error: " + Stalled(stalled.spec(), "searching") + "\n");
  CHECK(seconds < 4);
  // --batch reports it on each line as any other error of a query, goes on, and exits 2.
  r = RunProcess({kSearchBin, "--db", dbs.x, "--db", stalled.spec(), "--remote-timeout", "1", "--batch", "-"},
                 "presiden\n{\"query\": \"jakarta\"}\n");
  const std::string error = json(Stalled(stalled.spec(), "searching")).dump();
  CHECK(r.status == 2);
  CHECK(r.err.empty());
  CHECK(r.out == "{\"error\":" + error + ",\"line\":1,\"query\":\"presiden\"}\n{\"error\":" + error + ",\"line\":2,\"query\":\"jakarta\"}\n");
}

TEST_CASE("a remote shard that stops answering while a wildcard expands, a hit is read or --stats counts is an error naming it") {
  if (!HaveTcpsrv() || !HavePython()) return;
  const SeedDatabases dbs;
  TcpServer behind(dbs.y);
  REQUIRE(behind.port() != 0);
  const StallProxy at_terms(behind.port(), "0"), at_document(behind.port(), "2");
  REQUIRE_FALSE(at_terms.spec().empty());
  REQUIRE_FALSE(at_document.spec().empty());
  struct Case {
    std::string spec;
    std::vector<std::string> args;
    std::string doing;
  };
  const std::vector<Case> cases = {
      {at_terms.spec(), {"presid*"}, "searching"},        // expanded while the query is parsed
      {at_document.spec(), {"presiden"}, "searching"},    // the first hit's document
      {at_terms.spec(), {"--stats"}, "reading statistics"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args[0]);
    std::vector<std::string> argv = {kSearchBin, "--db", dbs.x, "--db", c.spec, "--remote-timeout", "1"};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = RunProcess(argv);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "rkn-search: error: " + Stalled(c.spec, c.doing) + "\n");
  }
}

TEST_CASE("a remote shard that stops answering while the database is opened is an error naming it") {
  if (!HaveTcpsrv() || !HavePython()) return;
  const SeedDatabases dbs;
  TcpServer behind(dbs.y);
  REQUIRE(behind.port() != 0);
  const StallProxy at_metadata(behind.port(), "22");  // MSG_GETMETADATA: the checks of an opened database
  REQUIRE_FALSE(at_metadata.spec().empty());
  const auto r = RunProcess({kSearchBin, "--db", dbs.x, "--db", at_metadata.spec(), "--remote-timeout", "1", "presiden"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "rkn-search: error: " + Stalled(at_metadata.spec(), "opening") + "\n");
}

TEST_CASE("--batch opens the databases again after a remote shard's network error, so later lines find again") {
  // A remote shard that stalled or broke its connection on one line left its own connection dead
  // and the other remote shards' out of step, so every later line of the batch failed too. Now
  // that line reports its error and the next line is searched over new connections.
  if (!HaveTcpsrv() || !HavePython()) return;
  const SeedDatabases dbs;
  TcpServer answering(dbs.x), behind(dbs.y);
  REQUIRE(answering.port() != 0);
  REQUIRE(behind.port() != 0);
  const std::string lines = "presiden\n{\"query\": \"korea\", \"limit\": 3}\npresiden OR pemerintah\n";
  // One search thread (-j 1): the lines after the failed one are searched with its searcher, not
  // by another thread's with connections of its own.
  auto batch = [&](const std::string& second) {
    return RunProcess({kSearchBin, "--db", answering.spec(), "--db", second, "--remote-timeout", "1", "-j", "1", "--batch", "-"}, lines);
  };
  // Without a failure: three answers with hits.
  const auto want = batch(behind.spec());
  REQUIRE_MESSAGE(want.status == 0, want.err);
  std::vector<std::string> answers;
  std::istringstream in(want.out);
  for (std::string line; std::getline(in, line);) answers.push_back(line);
  REQUIRE(answers.size() == 3);
  for (const auto& a : answers) REQUIRE_FALSE(json::parse(a)["hits"].empty());

  // Xapian names the shard that stalled by its address; of a connection closed, it does not say
  // whose (rkn-search names the remote --dbs together).
  struct Case {
    const char* name;
    std::vector<std::string> proxy;                          // its options: it fails the first query only
    std::function<std::string(const std::string&)> error;  // line 1's, for the proxy's spec
  };
  const std::vector<Case> cases = {
      {"a shard that stalls once", {"--times", "1"}, [](const std::string& spec) { return Stalled(spec, "searching"); }},
      {"a shard whose connection breaks once", {"--action", "close", "--times", "1"},
       [&](const std::string& spec) {
         return answering.spec() + ", " + spec +
                ": the connection to a remote shard of one of these closed while searching (Xapian's error does not say which)";
       }},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      const StallProxy once(behind.port(), "8", c.proxy);
      REQUIRE_FALSE(once.spec().empty());
      const auto r = batch(once.spec());
      CHECK(r.status == 2);  // a line failed
      CHECK(r.err.empty());
      const std::string error = json(c.error(once.spec())).dump();
      CHECK(r.out == "{\"error\":" + error + ",\"line\":1,\"query\":\"presiden\"}\n" + answers[1] + "\n" + answers[2] + "\n");
    }
  }
  SUBCASE("a shard that is gone: each later line says it cannot connect, and the batch goes on") {
    const StallProxy gone(behind.port(), "8", {"--action", "close", "--then-refuse"});
    REQUIRE_FALSE(gone.spec().empty());
    const auto r = batch(gone.spec());
    CHECK(r.status == 2);
    CHECK(r.err.empty());
    const std::string closed = json(answering.spec() + ", " + gone.spec() +
                                    ": the connection to a remote shard of one of these closed while searching (Xapian's error does "
                                    "not say which)").dump();
    const std::string refused = json(gone.spec() + ": cannot connect: connection refused (is xapian-tcpsrv running there?)").dump();
    CHECK(r.out == "{\"error\":" + closed + ",\"line\":1,\"query\":\"presiden\"}\n" +
                       "{\"error\":" + refused + ",\"line\":2,\"query\":\"korea\"}\n" +
                       "{\"error\":" + refused + ",\"line\":3,\"query\":\"presiden OR pemerintah\"}\n");
  }
}

TEST_CASE("a database modified too often while it is searched is named by its --db") {
  // The proxy answers every query as a server whose database was re-indexed meanwhile does:
  // rkn-search reopens and tries again, and gives up after ten attempts. The error named
  // "database", whichever of the --db it was.
  if (!HaveTcpsrv() || !HavePython()) return;
  const SeedDatabases dbs;
  TcpServer behind(dbs.y);
  REQUIRE(behind.port() != 0);
  const StallProxy modified(behind.port(), "8", {"--action", "modified"});
  REQUIRE_FALSE(modified.spec().empty());
  SUBCASE("the only --db") {
    const auto r = RunProcess({kSearchBin, "--db", modified.spec(), "presiden"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "rkn-search: error: " + modified.spec() + ": modified too often while searching; try again\n");
  }
  SUBCASE("several --db: all of them, Xapian does not say which") {
    const auto r = RunProcess({kSearchBin, "--db", dbs.x, "--db", modified.spec(), "--batch", "-"}, "presiden\n");
    CHECK(r.status == 2);
    const std::string error = json(dbs.x + ", " + modified.spec() + ": modified too often while searching; try again").dump();
    CHECK(r.out == "{\"error\":" + error + ",\"line\":1,\"query\":\"presiden\"}\n");
  }
}
