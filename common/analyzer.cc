#include "common/analyzer.h"

#include <algorithm>
#include <functional>

#include "common/aliases.h"
#include "common/gzip.h"
#include "common/stemmer.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {
namespace {

// The stopword test over a hash table of the words (what SimpleStopper's std::set answers, but
// cheaper to build at every start of rkn-search).
class WordSetStopper : public Xapian::Stopper {
 public:
  explicit WordSetStopper(std::shared_ptr<const RootDictionary> words) : words_(std::move(words)) {}
  bool operator()(const std::string& term) const override { return words_->Contains(term); }
  std::string get_description() const override { return "rkn::WordSetStopper()"; }

 private:
  std::shared_ptr<const RootDictionary> words_;
};

// True when `s` is ASCII without capitals: ToLower would return it unchanged.
bool IsLowerAscii(std::string_view s) {
  unsigned char bad = 0;
  for (unsigned char c : s) bad |= static_cast<unsigned char>((c >= 0x80) | (static_cast<unsigned char>(c - 'A') < 26));
  return bad == 0;
}

}  // namespace

struct Analyzer::Impl {
  StemmerKind kind = StemmerKind::kSnowball;
  std::shared_ptr<const RootDictionary> dict;
};

const char* StemmerName(StemmerKind kind) { return kind == StemmerKind::kSnowball ? "snowball" : "dictionary"; }

Result<StemmerKind> ParseStemmerName(const std::string& name) {
  if (name == "dictionary") return StemmerKind::kDictionary;
  if (name == "snowball") return StemmerKind::kSnowball;
  return Status::InvalidArgument("--stemmer", "unknown stemmer '" + name + "' (expected dictionary or snowball)");
}

std::string FoldAliasForm(std::string_view form) {
  std::string lower = ToLower(NormalizeText(form)), folded;
  for (char c : lower) folded += (c == '-' || c == '.' || c == ',') ? ' ' : c;
  std::string one;
  for (char c : folded) {
    if (c == ' ' && (one.empty() || one.back() == ' ')) continue;
    one += c;
  }
  while (!one.empty() && one.back() == ' ') one.pop_back();
  return one;
}

StemmerKind Analyzer::stemmer_kind() const { return impl_->kind; }

Result<std::shared_ptr<const Analyzer>> Analyzer::Load(const fs::path& data_dir, const AnalyzerOptions& options) {
  auto a = std::make_shared<Analyzer>();
  auto impl = std::make_shared<Impl>();
  impl->kind = options.stemmer;

  const fs::path stop_file = data_dir / "stopwords-id.txt";
  auto text = ReadFileBytes(stop_file, 64u << 20, Compression::kNone);
  if (!text.ok()) return Status::NotFound(stop_file.string(), "cannot open the stopword list");
  // One buffer of trimmed, lowercased words, one per line: no string per word.
  std::string words;
  words.reserve(text->size());
  size_t h = 0;
  for (std::string_view line : SplitLines(*text)) {
    auto w = Trim(line);
    if (w.empty() || w[0] == '#') continue;
    if (IsLowerAscii(w)) {
      words += w;
    } else {
      words += ToLower(w);
    }
    words += '\n';
    h = h * 31 + std::hash<std::string_view>{}(w);
  }
  a->stopper_ = std::make_shared<WordSetStopper>(RootDictionary::FromLines(std::move(words)));
  if (options.stemmer == StemmerKind::kDictionary) {
    auto dict = RootDictionary::Load(data_dir, &BuiltInRootImage());
    if (!dict.ok()) return dict.status();
    impl->dict = *dict;
  }
  a->impl_ = impl;
  a->stop_hash_ = h;
  if (!options.load_aliases) return std::shared_ptr<const Analyzer>(a);
  std::vector<fs::path> alias_files;
  std::error_code ec;
  if (fs::exists(data_dir / "aliases.txt", ec)) alias_files.push_back(data_dir / "aliases.txt");
  for (const auto& f : options.extra_alias_files) alias_files.push_back(f);
  auto groups = LoadAliasFiles(alias_files);
  if (!groups.ok()) return groups.status();
  size_t ah = 0;
  for (const auto& g : *groups) {
    std::vector<std::string> forms;
    for (const auto& f : g.forms) {
      if (f.case_sensitive || f.query_only) {
        // One word (aliases.cc checks it): markers, then the word in its case or lowercased.
        std::string key;
        if (f.query_only) key += kAliasQueryOnlyMark;
        if (f.case_sensitive) key += kAliasCaseSensitiveMark;
        key += f.case_sensitive ? NormalizeText(f.text) : ToLower(NormalizeText(f.text));
        forms.push_back(key);
        ah = ah * 131 + std::hash<std::string>{}(key);
        continue;
      }
      const std::string one = FoldAliasForm(f.text);
      if (!one.empty()) forms.push_back(one);
      ah = ah * 131 + std::hash<std::string>{}(one);
    }
    if (forms.size() > 1) a->alias_groups_.push_back(std::move(forms));
  }
  a->alias_hash_ = ah;
  return std::shared_ptr<const Analyzer>(a);
}

const std::string& Analyzer::version() const {
  std::call_once(version_once_, [this] {
    // Appends only: "literal" + std::string trips a GCC 12 -Wrestrict false positive.
    std::string v = impl_->kind == StemmerKind::kDictionary ? "dict:" : "snowball";
    if (impl_->kind == StemmerKind::kDictionary) v += impl_->dict->version();
    v += "/alias:";
    v += std::to_string(alias_hash_ % 1000000007);
    v += "/stop:";
    v += std::to_string(stop_hash_ % 1000000007);
    version_ = std::move(v);
  });
  return version_;
}

Xapian::Stem Analyzer::MakeStem() const {
  if (impl_->kind == StemmerKind::kDictionary) return MakeIndonesianStem(impl_->dict);
  return Xapian::Stem("indonesian");
}

}  // namespace rkn
