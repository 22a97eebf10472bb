// DatabaseErrorStatus: a Xapian error met while searching names the --db spec it came from (a
// remote shard by the address in the error's context), and says so when it cannot be known.
// tests/remote_test.cc checks the same end to end, with a server that stalls mid-query.
#include <doctest/doctest.h>

#include <cerrno>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/remote_error.h"

using rkn::DatabaseErrorStatus;
using rkn::RemoteShard;

namespace {

// The --db specs `remotes` come from, with a local database first.
std::vector<std::string> SpecsOf(const std::vector<RemoteShard>& remotes) {
  std::vector<std::string> specs = {"local.db"};
  for (const auto& r : remotes) {
    if (specs.back() != r.spec) specs.push_back(r.spec);
  }
  return specs;
}

}  // namespace

TEST_CASE("a network error names the remote shard whose address its context gives, of several") {
  const std::vector<RemoteShard> remotes = {{"tcp:10.0.0.5:33333", "10.0.0.5:33333", rkn::RemoteVia::kSpec},
                                            {"tcp:10.0.0.6:0080", "10.0.0.6:0080", rkn::RemoteVia::kSpec},  // Xapian's context: port 80
                                            {"shards.stub", "10.0.0.7:33333", rkn::RemoteVia::kShardList}};
  const auto specs = SpecsOf(remotes);
  SUBCASE("a timeout says how long was waited") {
    const Xapian::NetworkTimeoutError e("Timeout expired while trying to read", "remote:tcp(10.0.0.6:80)");
    CHECK(DatabaseErrorStatus(e, "searching", specs, remotes, 3).ToString() ==
          "tcp:10.0.0.6:0080: stopped answering while searching: no answer within 3 s (--remote-timeout sets the wait)");
  }
  SUBCASE("a shard-list file's shard is named by the file and its address, with Xapian's own wait") {
    const Xapian::NetworkTimeoutError e("Timeout expired while trying to read", "remote:tcp(10.0.0.7:33333)");
    CHECK(DatabaseErrorStatus(e, "reading statistics", specs, remotes, 3).ToString() ==
          "shards.stub: its remote shard 10.0.0.7:33333 stopped answering while reading statistics: no answer within Xapian's 10 s "
          "(--remote-timeout applies to --db tcp:HOST:PORT)");
  }
  SUBCASE("a connection the server closed says so, and what to look at") {
    const Xapian::NetworkError e("Received EOF", "remote:tcp(10.0.0.5:33333)");
    const auto st = DatabaseErrorStatus(e, "searching", specs, remotes, 3);
    CHECK(st.code() == rkn::StatusCode::kIOError);
    CHECK(st.ToString() == "tcp:10.0.0.5:33333: the connection closed while searching (did xapian-tcpsrv stop there?)");
    const Xapian::NetworkError listed("Received EOF", "remote:tcp(10.0.0.7:33333)");
    CHECK(DatabaseErrorStatus(listed, "searching", specs, remotes, 3).ToString() ==
          "shards.stub: the connection to its remote shard 10.0.0.7:33333 closed while searching (did xapian-tcpsrv stop there?)");
  }
  SUBCASE("a connection that cannot be made says why in plain words") {
    const Xapian::NetworkError refused("Couldn't connect", "remote:tcp(10.0.0.5:33333)", ECONNREFUSED);
    CHECK(DatabaseErrorStatus(refused, "opening", specs, remotes, 3).ToString() ==
          "tcp:10.0.0.5:33333: cannot connect: connection refused (is xapian-tcpsrv running there?)");
    const Xapian::NetworkError unreachable("Couldn't connect", "remote:tcp(10.0.0.7:33333)", EHOSTUNREACH);
    CHECK(DatabaseErrorStatus(unreachable, "opening", specs, remotes, 3).ToString() ==
          "shards.stub: cannot connect to its remote shard 10.0.0.7:33333: no route to host");
  }
  SUBCASE("a host that does not resolve is an unknown host; a resolver that fails says how") {
    const std::vector<RemoteShard> named = {{"tcp:db1.invalid:33333", "db1.invalid:33333", rkn::RemoteVia::kSpec}};
    const Xapian::NetworkError unknown("Couldn't resolve host db1.invalid", "remote:tcp(db1.invalid:33333)", "Name or service not known");
    CHECK(DatabaseErrorStatus(unknown, "opening", SpecsOf(named), named, 3).ToString() ==
          "tcp:db1.invalid:33333: cannot connect: unknown host db1.invalid");
    const Xapian::NetworkError failing("Couldn't resolve host db1.invalid", "remote:tcp(db1.invalid:33333)",
                                       "Temporary failure in name resolution");
    CHECK(DatabaseErrorStatus(failing, "opening", SpecsOf(named), named, 3).ToString() ==
          "tcp:db1.invalid:33333: cannot connect: cannot look up host db1.invalid: temporary failure in name resolution");
  }
  SUBCASE("another network error says Xapian's message and reason, without its type and context") {
    const Xapian::NetworkError e("Unknown protocol version 40.0 (39.0 supported)", "remote:tcp(10.0.0.5:33333)");
    CHECK(DatabaseErrorStatus(e, "opening", specs, remotes, 3).ToString() ==
          "tcp:10.0.0.5:33333: the connection failed while opening: Unknown protocol version 40.0 (39.0 supported)");
    const Xapian::NetworkError with_reason("write failed", "remote:tcp(10.0.0.5:33333)", ENOBUFS);
    CHECK(DatabaseErrorStatus(with_reason, "searching", specs, remotes, 3).ToString() ==
          "tcp:10.0.0.5:33333: the connection failed while searching: write failed (no buffer space available)");
  }
  SUBCASE("an error a remote server sent back, with its address as context, names it too") {
    const Xapian::DatabaseCorruptError e("Db block overwritten", "remote:tcp(10.0.0.5:33333)");
    CHECK(DatabaseErrorStatus(e, "searching", specs, remotes, 3).ToString() == "tcp:10.0.0.5:33333: " + e.get_description());
  }
}

TEST_CASE("a network error that names no shard given is put on the only remote shard, else on all of them together") {
  const Xapian::NetworkError closed("Connection closed unexpectedly");
  const Xapian::NetworkTimeoutError elsewhere("Timeout expired while trying to read", "remote:tcp(10.0.0.9:1)");
  SUBCASE("one remote shard beside local ones: it is the only one a network error can come from") {
    const std::vector<RemoteShard> remotes = {{"tcp:10.0.0.5:33333", "10.0.0.5:33333", rkn::RemoteVia::kSpec}};
    CHECK(DatabaseErrorStatus(closed, "searching", SpecsOf(remotes), remotes, 1).ToString() ==
          "tcp:10.0.0.5:33333: the connection closed while searching (did xapian-tcpsrv stop there?)");
  }
  SUBCASE("several: every spec holding one, and the message says Xapian does not tell which") {
    const std::vector<RemoteShard> remotes = {{"tcp:10.0.0.5:33333", "10.0.0.5:33333", rkn::RemoteVia::kSpec},
                                              {"shards.stub", "10.0.0.6:33333", rkn::RemoteVia::kShardList},
                                              {"shards.stub", "10.0.0.7:33333", rkn::RemoteVia::kShardList}};
    CHECK(DatabaseErrorStatus(closed, "searching", SpecsOf(remotes), remotes, 1).ToString() ==
          "tcp:10.0.0.5:33333, shards.stub: the connection to a remote shard of one of these closed while searching (Xapian's error "
          "does not say which)");
    CHECK(DatabaseErrorStatus(elsewhere, "searching", SpecsOf(remotes), remotes, 1).ToString() ==
          "tcp:10.0.0.5:33333, shards.stub: a remote shard of one of these stopped answering while searching (Xapian's error does "
          "not say which)");
  }
  SUBCASE("a remote shard run by a program (its context \"remote:prog(...)\"), beside one over TCP: the program's") {
    const std::vector<RemoteShard> remotes = {{"tcp:10.0.0.5:33333", "10.0.0.5:33333", rkn::RemoteVia::kSpec},
                                              {"prog.stub", "", rkn::RemoteVia::kShardList}};
    const Xapian::NetworkTimeoutError prog("Timeout expired while trying to read", "remote:prog(ssh host xapian-progsrv db)");
    CHECK(DatabaseErrorStatus(prog, "searching", SpecsOf(remotes), remotes, 1).ToString() ==
          "prog.stub: its remote shard stopped answering while searching: no answer within Xapian's 10 s "
          "(--remote-timeout applies to --db tcp:HOST:PORT)");
    // Without a context, either could have failed.
    CHECK(DatabaseErrorStatus(closed, "searching", SpecsOf(remotes), remotes, 1).ToString() ==
          "tcp:10.0.0.5:33333, prog.stub: the connection to a remote shard of one of these closed while searching (Xapian's error "
          "does not say which)");
  }
  SUBCASE("several of one shard-list file") {
    const std::vector<RemoteShard> remotes = {{"shards.stub", "10.0.0.6:33333", rkn::RemoteVia::kShardList}, {"shards.stub", "10.0.0.7:33333", rkn::RemoteVia::kShardList}};
    CHECK(DatabaseErrorStatus(closed, "searching", {"shards.stub"}, remotes, 1).ToString() ==
          "shards.stub: the connection to one of its remote shards closed while searching (Xapian's error does not say which)");
  }
  SUBCASE("the only remote shard, run by a program that exited while it was opened") {
    const std::vector<RemoteShard> remotes = {{"prog.stub", "", rkn::RemoteVia::kShardList}};
    CHECK(DatabaseErrorStatus(closed, "opening", {"prog.stub"}, remotes, 1).ToString() ==
          "prog.stub: the connection to its remote shard closed while opening (did the program serving it exit?)");
  }
}

TEST_CASE("another Xapian error names the only --db, or all of them when there are several") {
  const Xapian::DatabaseCorruptError e("Db block overwritten");
  CHECK(DatabaseErrorStatus(e, "searching", {"rkn.db"}, {}, 10).ToString() == "rkn.db: " + e.get_description());
  CHECK(DatabaseErrorStatus(e, "searching", {"a.db", "b.db"}, {}, 10).ToString() == "a.db, b.db: " + e.get_description());
  const std::vector<RemoteShard> remotes = {{"tcp:10.0.0.5:33333", "10.0.0.5:33333", rkn::RemoteVia::kSpec}};
  CHECK(DatabaseErrorStatus(e, "searching", {"a.db", "tcp:10.0.0.5:33333"}, remotes, 10).ToString() ==
        "a.db, tcp:10.0.0.5:33333: " + e.get_description());
}

TEST_CASE("IsNetworkError tells the errors after which the remote connections are opened again") {
  CHECK(rkn::IsNetworkError(Xapian::NetworkError("Received EOF")));
  CHECK(rkn::IsNetworkError(Xapian::NetworkTimeoutError("Timeout expired while trying to read")));
  CHECK_FALSE(rkn::IsNetworkError(Xapian::DatabaseModifiedError("revision discarded")));
  CHECK_FALSE(rkn::IsNetworkError(Xapian::DatabaseCorruptError("Db block overwritten")));
}

TEST_CASE("DatabasesName names the only --db, or all of them") {
  CHECK(rkn::DatabasesName({"rkn.db"}) == "rkn.db");
  CHECK(rkn::DatabasesName({"a.db", "tcp:10.0.0.5:33333"}) == "a.db, tcp:10.0.0.5:33333");
  CHECK(rkn::DatabasesName({}) == "database");
}
