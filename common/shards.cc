#include "common/shards.h"

#include <charconv>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {
namespace {

bool IsXapianDir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

// Whether `kind` opens a line of a Xapian stub file (a backend or "remote"/"inmemory").
bool IsStubKind(std::string_view kind) {
  for (const char* k : {"auto", "glass", "chert", "honey", "flint", "brass", "remote", "inmemory"}) {
    if (kind == k) return true;
  }
  return false;
}

// Reads a stub file: one database per line, "glass PATH", "auto PATH" or "chert PATH" (relative
// paths are relative to the stub's folder). Remote and in-memory entries cannot be written to:
// an error, unless `remote` is given, which then counts the "remote" lines (and in-memory ones
// are passed over), and `addresses` gets the HOST:PORT of those that are TCP ones. A file whose
// first entry is no stub line at all (a text file, an image) is not a database.
Result<std::vector<fs::path>> ReadStub(const fs::path& stub, const fs::path& base, size_t* remote = nullptr,
                                       std::vector<std::string>* addresses = nullptr) {
  std::ifstream in(stub);
  if (!in) return Status::IOError(stub.string(), "cannot read the shard list");
  std::vector<fs::path> shards;
  std::string line;
  int n = 0;
  bool any_entry = false;
  while (std::getline(in, line)) {
    ++n;
    std::string_view t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    const auto space = t.find(' ');
    const std::string_view kind = t.substr(0, space);
    if (!any_entry && !IsStubKind(kind)) {
      return Status::InvalidArgument(stub.string(), "not a database (a file that is not a shard list)");
    }
    any_entry = true;
    if (remote != nullptr && (kind == "remote" || kind == "inmemory")) {
      *remote += kind == "remote";
      // Xapian reads "remote :PROGRAM ARGS" as a program to run, "remote HOST:PORT" as TCP.
      if (const std::string_view rest = space == std::string_view::npos ? std::string_view() : Trim(t.substr(space + 1));
          addresses != nullptr && kind == "remote" && !rest.empty() && rest[0] != ':' && rest.find(':') != std::string_view::npos) {
        addresses->emplace_back(rest);
      }
      continue;
    }
    if (space == std::string_view::npos || (kind != "glass" && kind != "auto" && kind != "chert")) {
      return Status::InvalidArgument(stub.string() + ":" + std::to_string(n),
                                     "rkn-index writes local shards only (expected 'glass PATH')");
    }
    fs::path p(std::string(Trim(t.substr(space + 1))));
    shards.push_back(p.is_absolute() ? p : base / p);
  }
  if (n == 0) return Status::InvalidArgument(stub.string(), "not a database (an empty file, not a shard list)");
  if (shards.empty() && (remote == nullptr || *remote == 0)) return Status::Corruption(stub.string(), "the shard list is empty");
  return shards;
}

}  // namespace

std::string WriteFailureMessage(const std::string& description) {
  std::string out = description;
  if (description.starts_with("DatabaseError: ") && description.find("read") == std::string::npos) {
    out += "; the database keeps its last commit: run rkn-index again when there is space";
  }
  return out;
}

bool IsRemoteSpec(std::string_view spec) { return spec.starts_with("tcp:") || spec.starts_with("unix:"); }

size_t ShardOf(std::string_view id_term, size_t shard_count) {
  return shard_count <= 1 ? 0 : static_cast<size_t>(Fnv1a(id_term) % shard_count);
}

std::string ShardPlace(size_t k, size_t nshards) { return std::to_string(k) + "/" + std::to_string(nshards); }

std::optional<std::pair<size_t, size_t>> ParseShardPlace(std::string_view place) {
  const size_t slash = place.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  size_t k = 0, n = 0;
  const char* end = place.data() + place.size();
  const auto a = std::from_chars(place.data(), place.data() + slash, k);
  const auto b = std::from_chars(place.data() + slash + 1, end, n);
  if (a.ec != std::errc() || a.ptr != place.data() + slash || b.ec != std::errc() || b.ptr != end || slash == 0 || k >= n) {
    return std::nullopt;
  }
  return std::make_pair(k, n);
}

Result<std::vector<fs::path>> ListShards(const fs::path& db) {
  std::error_code ec;
  if (!fs::exists(db, ec)) return Status::NotFound(db.string(), "no such database");
  if (fs::is_directory(db, ec)) {
    if (fs::exists(db / kStubFileName, ec)) return ReadStub(db / kStubFileName, db);
    if (IsXapianDir(db)) return std::vector<fs::path>{db};
    return Status::InvalidArgument(db.string(), "not an rkn database (no " + std::string(kStubFileName) +
                                                    " shard list and not a Xapian database)");
  }
  return ReadStub(db, db.parent_path());
}

Result<ShardsForReading> ListShardsForReading(const fs::path& db) {
  ShardsForReading out;
  if (IsRemoteSpec(db.string())) {
    out.remote = 1;
    if (db.string().starts_with("tcp:")) out.remote_addresses.push_back(db.string().substr(4));
    return out;
  }
  std::error_code ec;
  const bool stub_dir = fs::is_directory(db, ec) && fs::exists(db / kStubFileName, ec);
  if (!stub_dir && !fs::is_regular_file(db, ec)) {
    auto shards = ListShards(db);
    if (!shards.ok()) return shards.status();
    out.local = std::move(*shards);
    return out;
  }
  auto shards = stub_dir ? ReadStub(db / kStubFileName, db, &out.remote, &out.remote_addresses)
                         : ReadStub(db, db.parent_path(), &out.remote, &out.remote_addresses);
  if (!shards.ok()) return shards.status();
  out.local = std::move(*shards);
  return out;
}

namespace {

// The sharded database whose shard list names the Xapian folder `dir`: the folder above it as
// written ("db/shard-0/": db; a shard that is itself a symbolic link to another disk) or above its
// real path (a symbolic link to the shard); empty if none. A shard list there that cannot be
// read counts as naming it: writing into the shard would be as wrong.
fs::path DatabaseOfShard(const fs::path& dir) {
  std::error_code ec;
  if (!IsXapianDir(dir)) return {};
  fs::path written = dir.lexically_normal();
  if (!written.has_filename()) written = written.parent_path();
  written = written.parent_path();
  const fs::path real = fs::canonical(dir, ec);
  for (const fs::path& parent : {written.empty() ? fs::path(".") : written, ec ? fs::path() : real.parent_path()}) {
    if (parent.empty() || !fs::exists(parent / kStubFileName, ec)) continue;
    auto siblings = ReadStub(parent / kStubFileName, parent);
    if (!siblings.ok()) return parent;
    for (const auto& s : *siblings) {
      if (fs::equivalent(s, dir, ec)) return parent;
    }
  }
  return {};
}

// The earlier entry of `listed` naming the same folder as entry `k` (the second open of a shard
// finds the first's lock: "locked: another rkn-index is writing to it", which no run held), or
// nullopt.
std::optional<size_t> EarlierSameShard(const std::vector<fs::path>& listed, size_t k) {
  std::error_code ec;
  for (size_t j = 0; j < k; ++j) {
    if (fs::equivalent(listed[j], listed[k], ec)) return j;
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<fs::path>> OpenOrCreateShardLayout(const fs::path& db, size_t new_shards) {
  std::error_code ec;
  const std::string spec = db.string();
  if (IsRemoteSpec(spec)) {
    return Status::InvalidArgument(spec, "rkn-index writes local databases only (index on the machine that serves it)");
  }
  // One shard of a sharded database, named directly (with a trailing '/', or through a symbolic
  // link): writing it would bypass the id hash and put its articles in twice.
  if (const fs::path owner = DatabaseOfShard(db); !owner.empty()) {
    return Status::InvalidArgument(spec, "a shard of the database " + owner.string() + "; index into that");
  }
  // The shard list inside a sharded database, named instead of the database's folder.
  if (db.filename() == kStubFileName && fs::is_regular_file(db, ec) && fs::is_directory(db.parent_path(), ec)) {
    const std::string folder = db.parent_path().string();
    return Status::InvalidArgument(spec, "the shard list of " + folder + "; index into " + folder);
  }
  // A stub file of rkn databases (each a folder with its own shard list), written to search
  // them as one: writing it as one database's shards would move articles between them.
  if (fs::is_regular_file(db, ec)) {
    auto listed = ListShards(db);
    if (!listed.ok()) return listed.status();
    for (size_t k = 0; k < listed->size(); ++k) {
      const fs::path& entry = (*listed)[k];
      if (const auto j = EarlierSameShard(*listed, k)) {
        return Status::InvalidArgument(spec, "lists " + entry.string() + " twice" +
                                                 ((*listed)[*j] == entry ? std::string() : " (as " + (*listed)[*j].string() + ")") +
                                                 "; list each shard once");
      }
      if (fs::is_directory(entry, ec) && fs::exists(entry / kStubFileName, ec)) {
        return Status::InvalidArgument(spec, "lists the database " + entry.string() +
                                                 ", not one of its shards (rkn-search reads such a list as one database; "
                                                 "rkn-index writes one: index into each database on its own)");
      }
      // A shard of a sharded database: written as this list's shard, its articles would be
      // hashed to this list's layout, not to the database's (copies in two shards, or moved).
      if (const fs::path owner = DatabaseOfShard(entry); !owner.empty()) {
        return Status::InvalidArgument(spec, "lists " + entry.string() + ", a shard of the database " + owner.string() +
                                                 "; index into that");
      }
    }
    return listed;
  }
  if (fs::exists(db, ec) && !(fs::is_directory(db, ec) && fs::is_empty(db, ec))) {
    // A database folder's shard list names its own shards, Xapian databases in that folder, each
    // once: a list rkn did not write naming another folder (a user's, outside the database) had
    // tables written into it, and a shard listed twice was told "locked".
    if (fs::is_directory(db, ec) && fs::exists(db / kStubFileName, ec)) {
      auto listed = ListShards(db);
      if (!listed.ok()) return listed.status();
      for (size_t k = 0; k < listed->size(); ++k) {
        const fs::path& entry = (*listed)[k];
        std::error_code e1, e2;
        const bool inside = fs::equivalent(entry.parent_path(), db, e1) && !e1;
        // A shard folder deleted by hand (or emptied) is created again, with a warning, below.
        const bool gone = !fs::exists(entry, e2) || (fs::is_directory(entry, e2) && fs::is_empty(entry, e2));
        if (!inside || (!gone && !IsXapianDir(entry))) {
          return Status::InvalidArgument(spec, "its shard list names " + entry.string() + ", which is not " +
                                                   (inside ? "a Xapian database" : "inside the database's folder") +
                                                   ": not a database rkn-index wrote (index into a new database)");
        }
        if (EarlierSameShard(*listed, k)) {
          return Status::InvalidArgument(spec, "its shard list names " + entry.string() + " twice; list each shard once");
        }
      }
      return listed;
    }
    if (!fs::is_directory(db, ec) || fs::exists(db / kStubFileName, ec) || IsXapianDir(db)) return ListShards(db);
    // A creation interrupted before the shard list was written, or another run's creation under
    // way (which holds the shards' locks, so that opening them says "locked"): only shard-N
    // folders, and maybe the shard list being written (WriteShardList's temporary file).
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(db, ec)) {
      const std::string name = e.path().filename().string();
      if (name == kStubTempName) continue;
      if (!e.is_directory(ec) || !name.starts_with("shard-")) return ListShards(db);  // the error
      ++n;
    }
    std::vector<fs::path> shards;
    for (size_t i = 0; i < n; ++i) {
      shards.push_back(db / ("shard-" + std::to_string(i)));
      if (!fs::is_directory(shards.back(), ec)) return ListShards(db);
    }
    // No shard folder, only a temporary list left behind (a failed write, the shards deleted
    // since): a folder with no database yet, created below as an empty one is.
    if (n > 0) return shards;
  }
  if (new_shards == 0) new_shards = 1;
  fs::create_directories(db, ec);
  if (ec) return Status::IOError(db.string(), "cannot create the database folder: " + ec.message());
  std::vector<fs::path> shards;
  for (size_t i = 0; i < new_shards; ++i) shards.push_back(db / ("shard-" + std::to_string(i)));
  return shards;
}

Status WriteShardList(const fs::path& db, const std::vector<fs::path>& shards) {
  std::error_code ec;
  // A stub file named as the database is its own list.
  if (IsXapianDir(db) || fs::is_regular_file(db, ec) || fs::exists(db / kStubFileName, ec)) return Status::Ok();
  std::ostringstream stub;
  for (const auto& s : shards) stub << "glass " << s.filename().string() << "\n";
  // Written atomically: readers see either no list or the whole list.
  const fs::path tmp = db / kStubTempName;
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << stub.str();
    out.flush();
    if (!out) return Status::IOError(tmp.string(), "cannot write the shard list");
  }
  fs::rename(tmp, db / kStubFileName, ec);
  if (ec) return Status::IOError(db.string(), "cannot write the shard list: " + ec.message());
  return Status::Ok();
}

void CreatedPaths::NoteIfMissing(const fs::path& path, Kind kind) {
  std::error_code ec;
  if (fs::exists(path, ec) || ec) return;
  std::vector<std::pair<fs::path, Kind>> missing{{path, kind}};
  if (kind == Kind::kFolder) {
    // Its parents that do not exist either, innermost first: the whole path, made absolute, so
    // that a relative path's parents are walked up to the first one that exists.
    fs::path abs = fs::absolute(path, ec);
    if (ec) abs = path;
    abs = abs.lexically_normal();
    if (!abs.has_filename()) abs = abs.parent_path();  // "db/": its parent is the folder above
    for (fs::path parent = abs.parent_path(); !parent.empty() && parent != parent.root_path(); parent = parent.parent_path()) {
      if (fs::exists(parent, ec) || ec) break;
      missing.emplace_back(parent, Kind::kFolder);
    }
  }
  paths_.insert(paths_.end(), missing.rbegin(), missing.rend());
}

bool CreatedPaths::AnyExists() const {
  std::error_code ec;
  return std::any_of(paths_.begin(), paths_.end(), [&](const auto& p) { return fs::exists(fs::symlink_status(p.first, ec)); });
}

bool CreatedPaths::Remove() const {
  bool all_gone = true;
  for (auto it = paths_.rbegin(); it != paths_.rend(); ++it) {
    const auto& [path, kind] = *it;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(path, ec);
    if (ec || !fs::exists(st)) continue;  // gone already (or never created)
    if (kind == Kind::kFile) {
      if (fs::is_regular_file(st)) fs::remove(path, ec);
    } else if (fs::is_directory(st)) {
      if (kind == Kind::kShard) {
        std::vector<fs::path> xapian_files;  // listed first, removed after
        for (const auto& e : fs::directory_iterator(path, ec)) {
          const std::string name = e.path().filename().string();
          std::error_code file_ec;
          // v.tmp: the revision file Xapian writes before renaming it to iamglass.
          if ((name == "flintlock" || name == "iamglass" || name == "v.tmp" || name.ends_with(".glass") ||
               name.ends_with(".baseA") || name.ends_with(".baseB")) &&
              e.is_regular_file(file_ec)) {
            xapian_files.push_back(e.path());
          }
        }
        for (const auto& f : xapian_files) fs::remove(f, ec);
      }
      fs::remove(path, ec);  // removes an empty folder only
    }
    if (fs::exists(fs::symlink_status(path, ec))) all_gone = false;
  }
  return all_gone;
}

}  // namespace rkn
