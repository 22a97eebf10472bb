#include "common/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <system_error>

#include "common/encoding.h"
#include "common/gzip.h"
#include "common/html_extract.h"
#include "common/records.h"
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
  if (ext_out == ".csv" || ext_out == ".tsv") return "csv";
  return "";
}

void AddFile(const fs::path& path, const std::string& rel, uint32_t root, WalkResult& out) {
  bool gzip = false;
  std::string ext;
  std::string type = TypeOf(path.filename().string(), gzip, ext);
  if (type.empty()) {
    out.unknown_types[ext]++;
    out.skipped.push_back({rel, "unknown type " + ext, root});
    return;
  }
  std::error_code ec;
  InputFile f;
  f.path = path.string();
  f.rel_path = rel;
  f.root = root;
  f.type = type;
  f.gzip = gzip;
  f.size = fs::file_size(path, ec);
  if (ec) {
    out.skipped.push_back({rel, "unreadable: " + ec.message(), root});
    out.unreadable.push_back({root, rel});
    return;
  }
  auto t = fs::last_write_time(path, ec);
  f.mtime_ns = ec ? 0 : std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  out.files.push_back(std::move(f));
}

// Whether `dir` is a Xapian database (a glass, honey or chert shard) or an rkn database (the
// folder of its shards, whose stub file is XAPIANDB): `rkn-index .` in a corpus folder writes
// ./rkn.db there, which later runs would otherwise walk as input.
bool IsSearchDatabase(const fs::path& dir) {
  std::error_code ec;
  for (const char* marker : {"XAPIANDB", "iamglass", "iamhoney", "iamchert"}) {
    if (fs::exists(dir / marker, ec)) return true;
  }
  return false;
}

// Walks the folder `root` (index `ri`) into `out`. Each folder is listed on its own, so one that
// cannot be listed, or whose listing fails half-way, is reported and marked unreadable (what is
// indexed under it is kept) while the walk goes on with the others.
void WalkFolder(const fs::path& root, uint32_t ri, WalkResult& out) {
  std::vector<std::pair<fs::path, std::string>> pending{{root, ""}};  // folder, its rel path
  while (!pending.empty()) {
    auto [dir, dir_rel] = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      const std::string rel = dir_rel.empty() ? name : dir_rel + "/" + name;
      std::error_code sec;
      if (!name.empty() && name[0] == '.') {
        const auto kind = entry.is_directory(sec) ? SkippedPath::Kind::kFolder : SkippedPath::Kind::kFile;
        out.skipped.push_back({rel, "hidden", ri, kind});
        continue;
      }
      if (entry.is_symlink(sec) && entry.is_directory(sec)) {
        // Symlinked directories are not followed: that is how loops are avoided.
        out.skipped.push_back({rel, "symlink to a directory (not followed)", ri, SkippedPath::Kind::kFolder});
        continue;
      }
      if (entry.is_directory(sec)) {
        if (IsSearchDatabase(entry.path())) {
          out.skipped.push_back({rel, std::string(kDatabaseSkipReason), ri, SkippedPath::Kind::kFolder});
          continue;
        }
        pending.emplace_back(entry.path(), rel);
        continue;
      }
      if (!entry.is_regular_file(sec)) {
        out.skipped.push_back({rel, sec ? "unreadable: " + sec.message() : "not a regular file", ri});
        if (sec) out.unreadable.push_back({ri, rel});
        continue;
      }
      AddFile(entry.path(), rel, ri, out);
    }
    if (ec) {
      out.skipped.push_back({dir_rel, "cannot read folder: " + ec.message(), ri, SkippedPath::Kind::kFolder});
      out.unreadable.push_back({ri, dir_rel});
    }
  }
}

}  // namespace

SkipTreatment TreatmentOf(const SkippedPath& skipped, bool root_is_folder) {
  if (skipped.reason == "hidden" || skipped.reason == kDatabaseSkipReason) return SkipTreatment::kQuiet;
  if (skipped.reason.starts_with("unknown type") && root_is_folder) return SkipTreatment::kCounted;
  return SkipTreatment::kWarned;
}

std::string SkipReasonShown(const SkippedPath& skipped) {
  if (!skipped.reason.starts_with("unknown type")) return skipped.reason;
  return skipped.reason + " (rkn-index reads " + kReadableTypes + ")";
}

Result<WalkResult> WalkRoots(const std::vector<fs::path>& roots) {
  WalkResult out;
  for (size_t root_index = 0; root_index < roots.size(); ++root_index) {
    const fs::path& root = roots[root_index];
    const auto ri = static_cast<uint32_t>(root_index);
    // `rkn-index "$CORPUS"` with the variable unset: the error named no path at all.
    if (root.empty()) return Status::InvalidArgument("", "an empty PATH (an unset variable?): name a file or folder");
    std::error_code ec;
    auto st = fs::status(root, ec);
    if (ec || !fs::exists(st)) {
      // A symbolic link loop, or a folder on the way that cannot be searched, says so.
      if (ec && ec != std::errc::no_such_file_or_directory) return Status::IOError(root.string(), "unreadable: " + ec.message());
      return Status::NotFound(root.string(), "no such file or directory");
    }
    if (fs::is_regular_file(st)) {
      AddFile(root, root.filename().string(), ri, out);
      continue;
    }
    if (!fs::is_directory(st)) {
      out.skipped.push_back({"", "not a regular file or directory", ri});
      continue;
    }
    if (IsSearchDatabase(root)) {  // "rkn-index rkn.db": said, not walked as unknown types
      out.skipped.push_back({"", "a search database, not articles to index", ri, SkippedPath::Kind::kFolder});
      continue;
    }
    WalkResult local;
    WalkFolder(root, ri, local);
    std::sort(local.files.begin(), local.files.end(),
              [](const InputFile& a, const InputFile& b) { return a.rel_path < b.rel_path; });
    std::stable_sort(local.skipped.begin(), local.skipped.end(),
                     [](const SkippedPath& a, const SkippedPath& b) { return a.rel_path < b.rel_path; });
    for (auto& f : local.files) out.files.push_back(std::move(f));
    for (auto& s : local.skipped) out.skipped.push_back(std::move(s));
    for (auto& u : local.unreadable) out.unreadable.push_back(std::move(u));
    for (auto& [k, v] : local.unknown_types) out.unknown_types[k] += v;
  }
  return out;
}

namespace {

// Document text and hints from structured inputs are normalised like plain text, after their
// HTML character references are decoded: dumps carry them ("&quot;tangguh&quot;" glued the word
// to "quot"), and pages escaped twice still hold them once the parser has decoded the markup
// ("&amp;nbsp;"). A URL keeps its own: "&amp;" there may be part of the address.
RawDocument Normalized(RawDocument doc) {
  doc.text = NormalizeText(DecodeHtmlEntities(doc.text));
  for (std::string* hint : {&doc.title, &doc.source, &doc.date, &doc.time, &doc.author, &doc.category, &doc.byline}) {
    if (!hint->empty()) *hint = std::string(Trim(NormalizeText(DecodeHtmlEntities(*hint))));
  }
  if (!doc.url.empty()) doc.url = std::string(Trim(NormalizeText(doc.url)));
  return doc;
}

Status WithPath(const Status& s, const std::string& rel_path) {
  if (s.ok() || !s.where().empty()) return s;
  return Status(s.code(), rel_path, s.message());
}

// How much of a dump's head ReadRecords looks at for a byte-order mark and NUL bytes: as much as
// DecodeToUtf8 looks at to tell UTF-16 without a byte-order mark.
constexpr size_t kSniffBytes = kUtf16SniffBytes;

// Whether the head of a dump holding a NUL byte is not text: more than 8 control bytes (NULs
// included; not tabs, line breaks, form feeds or escapes) and more than 1% of it, the measure
// DecodeToUtf8 takes of other control bytes. One NUL in the records of a text dump is not that.
bool LooksBinary(std::string_view head) {
  const auto controls = std::count_if(head.begin(), head.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B;
  });
  return controls > 8 && static_cast<size_t>(controls) * 100 > head.size();
}

Status ReadRecords(const InputFile& file, const ReadOptions& options, const DocumentSink& sink,
                   const WarningSink& warn) {
  Result<FieldMap> fields = FieldMap::Create(options.field_map);
  if (!fields.ok()) return fields.status();
  RecordOptions record_options;
  record_options.fields = std::move(*fields);
  record_options.max_article_bytes = options.max_article_bytes;
  record_options.note = options.note;
  record_options.skipped = options.skipped;
  record_options.repeated_ids_named = options.same_warnings_named;
  const Compression compression = file.gzip ? Compression::kGzip : Compression::kAuto;
  Result<std::unique_ptr<ByteStream>> in = OpenFileStream(file.path, compression);
  if (!in.ok()) return WithPath(in.status(), file.rel_path);
  // The file's first kSniffBytes (fewer when it is shorter, or when it breaks before them: the
  // reading below reads the records before the break and names it).
  std::string head(kSniffBytes, '\0');
  size_t have = 0;
  while (have < head.size()) {
    Result<size_t> got = (*in)->Read(head.data() + have, head.size() - have);
    if (!got.ok() && have == 0) return WithPath(got.status(), file.rel_path);
    if (!got.ok() || *got == 0) break;
    have += *got;
  }
  head.resize(have);
  // UTF-16/32 dumps (with a BOM) are converted whole; UTF-8 ones are streamed. NUL bytes in the
  // head are judged as a text file's are (DecodeToUtf8): UTF-16 without a BOM (NULs at every
  // other byte) is converted whole too, and a head that is not text (zeros, an image: LooksBinary)
  // fails as a text file does ("binary data: NUL byte at offset 0"), instead of being read as a
  // CSV header without a content column or a broken JSON line.
  bool wide = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
  if (!wide && head.find('\0') != std::string::npos) {
    Result<std::string> text = DecodeToUtf8(head);
    if (text.ok()) wide = true;
    else if (LooksBinary(head)) return WithPath(text.status(), file.rel_path);
    // Else a stray NUL in text: its record is read, or skipped, as before.
  }
  std::string converted;
  std::unique_ptr<ByteStream> stream;
  if (wide) {
    Result<std::string> bytes = ReadFileBytes(file.path, uint64_t{1} << 32, compression);
    if (!bytes.ok()) return WithPath(bytes.status(), file.rel_path);
    Result<std::string> utf8 = DecodeToUtf8(*bytes);
    if (!utf8.ok()) return WithPath(utf8.status(), file.rel_path);
    converted = std::move(*utf8);
    stream = MemoryStream(converted, Compression::kNone);
  } else {
    in = OpenFileStream(file.path, compression);  // start again from the first byte
    if (!in.ok()) return WithPath(in.status(), file.rel_path);
    stream = std::move(*in);
  }
  size_t records = 0;  // read or warned about
  const DocumentSink normalizing = [&](RawDocument&& doc) {
    ++records;
    return sink(Normalized(std::move(doc)));
  };
  const WarningSink counting = [&](const std::string& where, const std::string& what) {
    ++records;
    warn(where, what);
  };
  const Status s = file.type == "csv" ? ReadCsvRecords(*stream, file.rel_path, record_options, normalizing, counting)
                                      : ReadJsonRecords(*stream, file.rel_path, record_options, normalizing, counting);
  // An empty dump (a scraper that wrote nothing, a CSV with its header only) is said, not passed
  // over in silence; what an earlier run indexed from it is kept, as for an empty text file.
  if (s.ok() && records == 0) {
    warn(file.rel_path, std::string("no records (empty") + (file.type == "csv" ? ", or a header only" : ", or no JSON object in it") +
                            "); skipped");
  }
  return WithPath(s, file.rel_path);
}

}  // namespace

std::string ShownPath(const InputFile& file, const std::string& where) {
  if (!where.starts_with(file.rel_path)) return where;
  const std::string_view rest = std::string_view(where).substr(file.rel_path.size());
  if (!rest.empty() && rest[0] != ':') return where;
  return file.path + std::string(rest);
}

namespace {

// The error for an article of more than kMaxArticleLines lines.
Status TooManyLines(const InputFile& file) {
  return Status::InvalidArgument(file.rel_path, "article of more than " + std::to_string(kMaxArticleLines) +
                                                    " lines; skipped");
}

}  // namespace

void RepeatedWarnings::Warn(const std::string& where, const std::string& what) {
  auto it = index_.find(what);
  if (it == index_.end()) {
    if (index_.size() >= kTracked) {
      show_(where, what);
      return;
    }
    it = index_.emplace(what, texts_.size()).first;
    texts_.emplace_back(what, 0);
  }
  if (++texts_[it->second].second <= named_) show_(where, what);
}

void RepeatedWarnings::EndFile(const std::string& rel_path) {
  for (const auto& [what, n] : texts_) {
    if (n <= named_) continue;
    const uint64_t more = n - named_;
    show_(rel_path, std::to_string(more) + (more == 1 ? " more record" : " more records") + " (the first " +
                        std::to_string(named_) + " are named above): " + what);
  }
  texts_.clear();
  index_.clear();
}

bool IsRecordDump(const InputFile& file) { return file.type == "jsonl" || file.type == "csv"; }

Status ReadInputFile(const InputFile& file, const ReadOptions& options, const DocumentSink& sink,
                     const WarningSink& warn) {
  if (IsRecordDump(file)) return ReadRecords(file, options, sink, warn);
  // Whole-file documents. Markup makes HTML pages several times larger than their text.
  // A saved page carries markup around its article: twice the article limit (a 16 MiB article
  // limit admits 32 MiB pages; parsing costs several times the page size in memory).
  const uint64_t limit = file.type == "html" ? options.max_article_bytes * 2 : options.max_article_bytes;
  Result<std::string> data =
      ReadFileBytes(file.path, limit, file.gzip ? Compression::kGzip : Compression::kAuto);
  if (!data.ok()) {
    if (data.status().code() == StatusCode::kInvalidArgument) {
      return Status::InvalidArgument(file.rel_path, "larger than " + MaxArticleSizeText(limit) + "; skipped");
    }
    return WithPath(data.status(), file.rel_path);
  }
  RawDocument doc;
  doc.id = file.rel_path;
  doc.path = file.rel_path;
  doc.type = file.type;
  // HTML by extension, or a .txt that is really a saved page.
  if (file.type == "html" || LooksLikeHtml(std::string_view(*data).substr(0, 2048))) {
    Result<HtmlPage> page = ExtractHtmlBytes(*data);
    if (!page.ok()) return WithPath(page.status(), file.rel_path);
    if (!page->has_article) {
      warn(file.rel_path, "no article body found (a front page, feed or link list); skipped");
      return Status::Ok();
    }
    if (page->text.size() > options.max_article_bytes) {
      return Status::InvalidArgument(file.rel_path, "article text larger than " + MaxArticleSizeText(options.max_article_bytes) + "; skipped");
    }
    if (HasTooManyLines(page->text)) return TooManyLines(file);
    doc.type = "html";
    doc.text = std::move(page->text);
    doc.title = std::move(page->title);
    doc.source = std::move(page->site_name);
    doc.date = std::move(page->published);
    doc.author = std::move(page->author);
    doc.byline = std::move(page->byline);
    doc.category = std::move(page->category);
    doc.url = std::move(page->url);
    return sink(Normalized(std::move(doc)));
  }
  Result<std::string> text = DecodeToUtf8(*data);
  if (!text.ok()) return WithPath(text.status(), file.rel_path);
  doc.text = NormalizeText(RepairMojibake(*text));
  if (!HasLetterOrDigit(doc.text)) {
    // Empty, white space, or bytes that decode to no letter (a UTF-16 BOM and one odd byte):
    // not an article, and what an earlier run indexed from this file is kept.
    warn(file.rel_path, "no text (empty or no letters or digits); skipped");
    return Status::Ok();
  }
  if (HasTooManyLines(doc.text)) return TooManyLines(file);
  return sink(std::move(doc));
}

}  // namespace rkn
