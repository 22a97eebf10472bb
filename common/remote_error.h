// Which --db spec a Xapian error met while reading the databases came from. A remote shard that
// stops answering in the middle of a search is named by its spec, so a user searching ten
// shards knows which machine to look at.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/status.h"

namespace rkn {

// How a remote shard is named: by a tcp: or unix: --db spec, or by a line of a shard-list file
// given as the --db spec (which waits Xapian's 10 s, not --remote-timeout).
enum class RemoteVia { kSpec, kShardList };

// A remote shard, and the --db spec that names it.
struct RemoteShard {
  std::string spec;     // "tcp:HOST:PORT", or the shard-list file with a "remote HOST:PORT" line
  std::string address;  // "HOST:PORT" as the spec or the line writes it; "" when not over TCP
                        // (a unix: spec, a "remote :PROGRAM" line)
  RemoteVia via = RemoteVia::kSpec;
};

// The Status for Xapian error `e`, met while `doing` ("opening", "searching", "reading
// statistics") over the --db `specs`, whose remote shards are `remotes`; `remote_timeout_s` is the
// wait of the tcp: specs (--remote-timeout). Its `where` is the spec the error came from:
//  - the remote shard whose address the error's context names (Xapian puts "remote:tcp(HOST:PORT)"
//    in the context of a network error), else, for a network error, the only remote shard that
//    context can be of (the only one not over TCP for "remote:prog(...)"): a timeout
//    says "stopped answering while <doing>: no answer within N s" (Xapian's 10 s for a listed
//    one); a connection that could not be made "cannot connect: connection refused (...)" or
//    "cannot connect: unknown host H"; one the other end closed "the connection closed while
//    <doing> (...)"; another network error "the connection failed while <doing>: <what Xapian
//    says, without its error type and context>"; a shard-list file's shard is named by the
//    file, with its address in the message;
//  - for a network error that names no known address with several remote shards, the specs that
//    hold remote shards, together, and the message says that Xapian does not tell which one;
//  - for any other error, the --db specs (DatabasesName).
// IOError in every case. Never fails.
Status DatabaseErrorStatus(const Xapian::Error& e, std::string_view doing, const std::vector<std::string>& specs,
                           const std::vector<RemoteShard>& remotes, size_t remote_timeout_s);

// Whether `e` is a network error (Xapian::NetworkError or NetworkTimeoutError): a remote shard
// could not be reached, stopped answering or lost its connection. The connections to the other
// remote shards may then be out of step (a reply left unread), so the databases are to be opened
// again before they are read again. Never fails.
bool IsNetworkError(const Xapian::Error& e);

// How an error that no single --db spec can be blamed for names the databases: the only spec,
// or all of them joined by ", "; "database" when there is none. Never fails.
std::string DatabasesName(const std::vector<std::string>& specs);

}  // namespace rkn
