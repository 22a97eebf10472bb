#include "common/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>

#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {
namespace {

// The input type of a file name, or "" when it is not one rkn reads. Sets `gzip`.
std::string TypeOf(const std::string& name, bool& gzip, std::string& ext_out) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  gzip = false;
  if (lower.size() > 3 && lower.ends_with(".gz")) {
    gzip = true;
    lower.resize(lower.size() - 3);
  }
  auto dot = lower.rfind('.');
  ext_out = dot == std::string::npos ? "(none)" : lower.substr(dot);
  if (ext_out == ".txt" || ext_out == ".text") return "txt";
  if (ext_out == ".html" || ext_out == ".htm" || ext_out == ".xhtml") return "html";
  if (ext_out == ".jsonl" || ext_out == ".ndjson" || ext_out == ".json") return "jsonl";
  if (ext_out == ".csv") return "csv";
  return "";
}

std::string GenericRel(const fs::path& p) {
  std::string s = p.generic_string();
  if (s.starts_with("./")) s.erase(0, 2);
  return s;
}

void AddFile(const fs::path& path, const std::string& rel, WalkResult& out) {
  bool gzip = false;
  std::string ext;
  std::string type = TypeOf(path.filename().string(), gzip, ext);
  if (type.empty()) {
    out.unknown_types[ext]++;
    out.skipped.push_back({rel, "unknown type " + ext});
    return;
  }
  std::error_code ec;
  InputFile f;
  f.path = path;
  f.rel_path = rel;
  f.type = type;
  f.gzip = gzip;
  f.size = fs::file_size(path, ec);
  if (ec) {
    out.skipped.push_back({rel, "unreadable: " + ec.message()});
    return;
  }
  auto t = fs::last_write_time(path, ec);
  f.mtime_ns = ec ? 0 : std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  out.files.push_back(std::move(f));
}

}  // namespace

Result<WalkResult> WalkRoots(const std::vector<fs::path>& roots) {
  WalkResult out;
  for (const auto& root : roots) {
    std::error_code ec;
    auto st = fs::status(root, ec);
    if (ec || !fs::exists(st)) {
      return Status::NotFound(root.string(), "no such file or directory");
    }
    if (fs::is_regular_file(st)) {
      AddFile(root, root.filename().string(), out);
      continue;
    }
    if (!fs::is_directory(st)) {
      out.skipped.push_back({root.string(), "not a regular file or directory"});
      continue;
    }
    std::vector<InputFile> found;
    WalkResult local;
    auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Status::IOError(root.string(), ec.message());
    for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
      if (ec) {
        local.skipped.push_back({GenericRel(it->path().lexically_relative(root)), "unreadable: " + ec.message()});
        ec.clear();
        continue;
      }
      const auto& entry = *it;
      const std::string name = entry.path().filename().string();
      const std::string rel = GenericRel(entry.path().lexically_relative(root));
      if (!name.empty() && name[0] == '.') {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        local.skipped.push_back({rel, "hidden"});
        continue;
      }
      std::error_code sec;
      if (entry.is_symlink(sec) && entry.is_directory(sec)) {
        // Symlinked directories are not followed: that is how loops are avoided.
        local.skipped.push_back({rel, "symlink to a directory (not followed)"});
        continue;
      }
      if (entry.is_directory(sec)) continue;
      if (!entry.is_regular_file(sec)) {
        local.skipped.push_back({rel, sec ? "unreadable: " + sec.message() : "not a regular file"});
        continue;
      }
      AddFile(entry.path(), rel, local);
    }
    std::sort(local.files.begin(), local.files.end(),
              [](const InputFile& a, const InputFile& b) { return a.rel_path < b.rel_path; });
    for (auto& f : local.files) out.files.push_back(std::move(f));
    for (auto& s : local.skipped) out.skipped.push_back(std::move(s));
    for (auto& [k, v] : local.unknown_types) out.unknown_types[k] += v;
  }
  return out;
}

namespace {

Result<std::string> ReadWholeFile(const InputFile& file, uint64_t max_bytes) {
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Status::IOError(file.rel_path, std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<size_t>(in.gcount()));
    if (data.size() > max_bytes) {
      return Status::InvalidArgument(file.rel_path, "larger than the maximum article size (" +
                                                        std::to_string(max_bytes >> 20) + " MiB); skipped");
    }
  }
  if (in.bad()) return Status::IOError(file.rel_path, "read error");
  return data;
}

}  // namespace

Status ReadInputFile(const InputFile& file, const ReadOptions& options, const DocumentSink& sink,
                     const WarningSink& /*warn*/) {
  if (file.type != "txt" || file.gzip) {
    return Status::InvalidArgument(file.rel_path, "format '" + file.type + "' is not supported yet");
  }
  auto data = ReadWholeFile(file, options.max_article_bytes);
  if (!data.ok()) return data.status();
  if (data->find('\0') != std::string::npos) {
    return Status::Corruption(file.rel_path, "binary data (NUL bytes) in a text file");
  }
  if (!IsValidUtf8(*data)) return Status::Corruption(file.rel_path, "invalid UTF-8");
  RawDocument doc;
  doc.id = file.rel_path;
  doc.path = file.rel_path;
  doc.type = file.type;
  doc.text = NormalizeText(*data);
  return sink(std::move(doc));
}

}  // namespace rkn
