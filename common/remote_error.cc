#include "common/remote_error.h"

#include <algorithm>
#include <charconv>

namespace rkn {
namespace {

// Xapian's context of an error on a TCP remote database: "remote:tcp(HOST:PORT)".
constexpr std::string_view kTcpContext = "remote:tcp(";

// `address` ("HOST:PORT") as Xapian writes it in a context: the port as a number (Xapian reads
// it with atoi: "0080" is 80) and an IPv6 host without its brackets; "" when it has no port.
std::string ContextAddress(std::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return "";
  std::string_view host = address.substr(0, colon);
  const std::string_view port = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned number = 0;
  if (std::from_chars(port.data(), port.data() + port.size(), number).ec != std::errc()) return "";
  return std::string(host) + ":" + std::to_string(number);
}

// The remote shard `e`'s context names, or nullptr.
const RemoteShard* NamedShard(const Xapian::Error& e, const std::vector<RemoteShard>& remotes) {
  const std::string& context = e.get_context();
  if (!context.starts_with(kTcpContext) || !context.ends_with(')')) return nullptr;
  const std::string address =
      ContextAddress(std::string_view(context).substr(kTcpContext.size(), context.size() - kTcpContext.size() - 1));
  if (address.empty()) return nullptr;
  const auto it = std::find_if(remotes.begin(), remotes.end(), [&](const RemoteShard& r) { return ContextAddress(r.address) == address; });
  return it == remotes.end() ? nullptr : &*it;
}

// A network error, by what a user can do about it.
enum class NetworkKind {
  kConnect,  // the connection could not be made: a wrong host or port, a server not running
  kClosed,   // the other end closed the connection: the server (or its program) stopped
  kOther,
};

struct NetworkProblem {
  NetworkKind kind;
  std::string what;  // in plain words: "connection refused (...)", "unknown host db1"; "" for kClosed
};

// `text` with its first letter in lower case (ASCII): strerror's "Connection refused" inside a
// sentence.
std::string LowerFirst(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// What network error `e` says, without Xapian's error type and context (which the message names
// in its own words): Xapian 1.4's "Couldn't resolve host H", "Couldn't connect" (with errno's
// reason), "Received EOF" and "Connection closed unexpectedly" (the other end closed), else its
// message and reason as they are.
NetworkProblem ExplainNetworkError(const Xapian::Error& e) {
  const std::string& msg = e.get_msg();
  const char* reason = e.get_error_string();
  const std::string why = reason == nullptr ? "" : LowerFirst(reason);
  constexpr std::string_view kResolve = "Couldn't resolve host ";
  if (msg.starts_with(kResolve)) {
    const std::string host = msg.substr(kResolve.size());
    // getaddrinfo's EAI_NONAME and EAI_NODATA: no such name; others (a resolver not answering)
    // are said as they are.
    const bool unknown = why.empty() || why == "name or service not known" || why == "no address associated with hostname";
    return {NetworkKind::kConnect, unknown ? "unknown host " + host : "cannot look up host " + host + ": " + why};
  }
  if (msg == "Couldn't connect") {
    if (why == "connection refused") return {NetworkKind::kConnect, "connection refused (is xapian-tcpsrv running there?)"};
    return {NetworkKind::kConnect, why.empty() ? std::string("the connection could not be made") : why};
  }
  if (msg == "Received EOF" || msg == "Connection closed unexpectedly" || why == "broken pipe" || why == "connection reset by peer") {
    return {NetworkKind::kClosed, ""};
  }
  return {NetworkKind::kOther, why.empty() ? msg : msg + " (" + why + ")"};
}

}  // namespace

Status DatabaseErrorStatus(const Xapian::Error& e, std::string_view doing, const std::vector<std::string>& specs,
                           const std::vector<RemoteShard>& remotes, size_t remote_timeout_s) {
  // Xapian::Error has no virtual function (no dynamic_cast): its type is told by name.
  const bool timeout = std::string_view(e.get_type()) == "NetworkTimeoutError", network = IsNetworkError(e);
  const std::string while_doing = " while " + std::string(doing);
  const RemoteShard* from = NamedShard(e, remotes);
  if (from == nullptr && network) {
    // The shards the error can be of: with a context naming a TCP address none has, none; with a
    // context of another kind of remote ("remote:prog(ssh ...)"), those not over TCP; else all.
    const std::string& context = e.get_context();
    const bool tcp_context = context.starts_with(kTcpContext), other_context = !tcp_context && context.starts_with("remote:");
    const RemoteShard* only = nullptr;
    size_t candidates = 0;
    for (const auto& r : remotes) {
      if (tcp_context || (other_context && !r.address.empty())) continue;
      ++candidates;
      only = &r;
    }
    if (candidates == 1) from = only;
    else if (remotes.size() == 1) from = &remotes.front();  // the only remote shard there is
  }
  if (from != nullptr) {
    // A shard-list file names the shard by its line (its address, when it has one); a tcp: or
    // unix: spec is the shard.
    const bool listed = from->via == RemoteVia::kShardList;
    const std::string shard = !listed ? "" : from->address.empty() ? "its remote shard" : "its remote shard " + from->address;
    if (timeout) {
      return Status::IOError(from->spec, (shard.empty() ? "" : shard + " ") + "stopped answering" + while_doing + ": no answer within " +
                                             (listed ? "Xapian's 10 s (--remote-timeout applies to --db tcp:HOST:PORT)"
                                                           : std::to_string(remote_timeout_s) + " s (--remote-timeout sets the wait)"));
    }
    if (network) {
      const NetworkProblem problem = ExplainNetworkError(e);
      const std::string to = shard.empty() ? "" : " to " + shard;
      if (problem.kind == NetworkKind::kConnect) return Status::IOError(from->spec, "cannot connect" + to + ": " + problem.what);
      if (problem.kind == NetworkKind::kClosed) {
        // Who closed it: a TCP shard's server, or the program a "remote :PROGRAM" line runs.
        const std::string hint = !from->address.empty() ? " (did xapian-tcpsrv stop there?)"
                                 : listed               ? " (did the program serving it exit?)"
                                                        : "";
        return Status::IOError(from->spec, "the connection" + to + " closed" + while_doing + hint);
      }
      return Status::IOError(from->spec, "the connection" + to + " failed" + while_doing + ": " + problem.what);
    }
    return Status::IOError(from->spec, (shard.empty() ? "" : shard + ": ") + e.get_description());
  }
  if (network && !remotes.empty()) {
    // Xapian 1.4 sets the context of every network error; one without (or naming no shard given)
    // is put on all the specs that could have raised it, not on a guess.
    std::vector<std::string> holders;
    for (const auto& r : remotes) {
      if (std::find(holders.begin(), holders.end(), r.spec) == holders.end()) holders.push_back(r.spec);
    }
    const std::string where = DatabasesName(holders);
    const std::string which = holders.size() == 1 ? "one of its remote shards" : "a remote shard of one of these";
    const std::string unknown = " (Xapian's error does not say which)";
    if (timeout) return Status::IOError(where, which + " stopped answering" + while_doing + unknown);
    const NetworkProblem problem = ExplainNetworkError(e);
    if (problem.kind == NetworkKind::kConnect) return Status::IOError(where, "cannot connect to " + which + unknown + ": " + problem.what);
    if (problem.kind == NetworkKind::kClosed) return Status::IOError(where, "the connection to " + which + " closed" + while_doing + unknown);
    return Status::IOError(where, "the connection to " + which + " failed" + while_doing + unknown + ": " + problem.what);
  }
  return Status::IOError(DatabasesName(specs), e.get_description());
}

bool IsNetworkError(const Xapian::Error& e) {
  const std::string_view type = e.get_type();
  return type == "NetworkError" || type == "NetworkTimeoutError";
}

std::string DatabasesName(const std::vector<std::string>& specs) {
  if (specs.empty()) return "database";
  std::string name;
  for (const auto& spec : specs) name += (name.empty() ? "" : ", ") + spec;
  return name;
}

}  // namespace rkn
