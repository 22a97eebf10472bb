#include "common/analyzer.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "common/aliases.h"
#include "common/gzip.h"
#include "common/schema.h"
#include "common/stemmer.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {

void IndexText(Xapian::TermGenerator& tg, std::string_view text, Xapian::termcount wdf_inc, const std::string& prefix) {
  std::string folded_buf, buf, spelled_buf;
  const std::string_view split = SpellPercent(SplitGluedCurrency(FoldLatinMarks(text, &folded_buf), &buf), &spelled_buf);
  // One position between sentences: a phrase never matches across a sentence end ("di Jakarta.
  // Di antara" is no "jakarta di"), as the snippets, which cut at the same ends, confirm it.
  size_t start = 0;
  for (size_t i = split.find_first_of(kSentenceEndBytes); i != std::string_view::npos; i = split.find_first_of(kSentenceEndBytes, i + 1)) {
    if (!EndsSentence(split, i)) continue;
    tg.index_text(Xapian::Utf8Iterator(split.data() + start, i + 1 - start), wdf_inc, prefix);
    tg.increase_termpos(1);
    start = i + 1;
  }
  tg.index_text(Xapian::Utf8Iterator(split.data() + start, split.size() - start), wdf_inc, prefix);
}

std::vector<std::string> IndexedWords(Xapian::TermGenerator& tg, std::string_view text, const std::string& prefix) {
  Xapian::Document doc;
  tg.set_document(doc);
  tg.set_termpos(0);
  IndexText(tg, text, 1, prefix);
  std::map<Xapian::termpos, std::string> by_pos;  // stemmed terms carry no positions
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) by_pos[*p] = *it;
  }
  std::vector<std::string> words;
  words.reserve(by_pos.size());
  for (auto& [pos, term] : by_pos) words.push_back(std::move(term));
  return words;
}
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

// Calls f(word) for each line of a stopword list, trimmed, that is neither empty nor a '#'
// comment, in file order.
template <typename F>
void ForEachStopword(std::string_view text, F f) {
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view w = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (!w.empty() && w[0] != '#') f(w);
  }
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

std::vector<std::string> AliasKeyCandidates(std::string_view typed, const std::string& lower) {
  std::vector<std::string> keys{lower, std::string(1, kAliasQueryOnlyMark) + lower};
  size_t b = 0, e = typed.size();
  while (b < e && std::ispunct(static_cast<unsigned char>(typed[b]))) ++b;
  while (e > b && std::ispunct(static_cast<unsigned char>(typed[e - 1]))) --e;
  std::string word(typed.substr(b, e - b));
  // Dotted initials are the acronym ("A.S." is AS, whose term is "as"): one letter, then a dot
  // and a letter, and so on.
  bool initials = word.size() >= 3;
  for (size_t k = 0; k < word.size() && initials; ++k) {
    initials = k % 2 == 0 ? std::isalpha(static_cast<unsigned char>(word[k])) != 0 : word[k] == '.';
  }
  if (initials) std::erase(word, '.');
  if (word == lower || ToLower(word) != lower) return keys;
  keys.push_back(std::string(1, kAliasCaseSensitiveMark) + word);
  keys.push_back(std::string{kAliasQueryOnlyMark, kAliasCaseSensitiveMark} + word);
  return keys;
}

std::string FoldAliasForm(std::string_view form) {
  const std::string lower = ToLowerFolded(NormalizeText(form));
  std::string folded;
  for (char c : lower) folded += (c == '-' || c == '.' || c == ',') ? ' ' : c;
  std::string one;
  for (char c : folded) {
    if (c == ' ' && (one.empty() || one.back() == ' ')) continue;
    one += c;
  }
  while (!one.empty() && one.back() == ' ') one.pop_back();
  return one;
}

std::string DictionaryVersionOf(const std::string& analyzer_version) {
  constexpr std::string_view kDict = "dict:";
  if (!analyzer_version.starts_with(kDict)) return "";
  const size_t end = analyzer_version.find('/', kDict.size());
  return analyzer_version.substr(kDict.size(), end == std::string::npos ? std::string::npos : end - kDict.size());
}

std::string IndexVersionOf(const std::string& analyzer_version) {
  return analyzer_version.substr(0, analyzer_version.find("/alias:"));
}

StemmerKind Analyzer::stemmer_kind() const { return impl_->kind; }

bool Analyzer::IsRoot(std::string_view word) const {
  return impl_->kind == StemmerKind::kDictionary && impl_->dict != nullptr && impl_->dict->Contains(word);
}

Result<std::shared_ptr<const Analyzer>> Analyzer::Load(const fs::path& data_dir, const AnalyzerOptions& options) {
  auto a = std::make_shared<Analyzer>();
  auto impl = std::make_shared<Impl>();
  impl->kind = options.stemmer;

  const fs::path stop_file = data_dir / "stopwords-id.txt";
  auto text = ReadFileBytes(stop_file, 64u << 20, Compression::kNone);
  if (!text.ok()) return Status::NotFound(stop_file.string(), "cannot open the stopword list");
  // The list compiled in (the source tree's, as installed) is a finished table.
  const RootImage& stop_image = BuiltInStopwordImage();
  if (stop_image.slot_count != 0 && *text == stop_image.base_file) {
    a->stopper_ = std::make_shared<WordSetStopper>(RootDictionary::FromImage(stop_image));
  } else {
    if (Status s = CheckDataText(*text, stop_file.string()); !s.ok()) return s;
    // One buffer of trimmed, lowercased words, one per line: no string per word. A list that is
    // already that (lowercase ASCII, no spaces, tabs, '\r' or comments) is used as it is.
    std::string words;
    if (IsPlainWordList(*text)) {
      words = *text;
    } else {
      words.reserve(text->size() + 1);
      ForEachStopword(*text, [&words](std::string_view w) {
        words += ToLower(w);  // ASCII fast path inside
        words += '\n';
      });
    }
    a->stopper_ = std::make_shared<WordSetStopper>(RootDictionary::FromLines(std::move(words)));
  }
  if (options.stemmer == StemmerKind::kDictionary) {
    const RootImage& image = BuiltInRootImage();
    if (!options.indexed_dictionary.empty() && options.indexed_dictionary == image.version) {
      impl->dict = RootDictionary::FromImage(image);
    } else {
      auto dict = RootDictionary::Load(data_dir, &image);
      if (!dict.ok()) return dict.status();
      impl->dict = *dict;
    }
  }
  a->impl_ = impl;
  a->stop_text_ = std::move(*text);  // hashed for version() only when asked
  if (!options.load_aliases) return std::shared_ptr<const Analyzer>(a);
  std::vector<fs::path> alias_files;
  std::error_code ec;
  if (fs::exists(data_dir / "aliases.txt", ec)) alias_files.push_back(data_dir / "aliases.txt");
  auto groups = LoadAliasFiles(alias_files);
  if (!groups.ok()) return groups.status();
  for (const auto& source : options.extra_aliases) {
    auto more = ParseAliases(source.text, source.where);
    if (!more.ok()) return more.status();
    groups->insert(groups->end(), more->begin(), more->end());
  }
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
    std::string v = index_version();
    v += "/alias:";
    v += std::to_string(alias_hash_ % 1000000007);
    size_t stop_hash = 0;
    ForEachStopword(stop_text_, [&stop_hash](std::string_view w) {
      stop_hash = stop_hash * 31 + std::hash<std::string_view>{}(w);
    });
    v += "/stop:";
    v += std::to_string(stop_hash % 1000000007);
    version_ = std::move(v);
  });
  return version_;
}

std::string Analyzer::index_version() const {
  // "dict:VERSION/rules:N/fold:1" or "snowball/fold:1" ("/fold:1": Latin letters' diacritics
  // dropped, FoldLatinMarks; before it, none). Appends only: "literal" + std::string trips a
  // GCC 12 -Wrestrict false positive.
  std::string v = impl_->kind == StemmerKind::kDictionary ? "dict:" : "snowball";
  if (impl_->kind == StemmerKind::kDictionary) {
    v += impl_->dict->version();
    v += "/rules:";
    v += std::to_string(kStemmerRulesVersion);
  }
  v += "/fold:1";
  return v;
}

Xapian::Stem Analyzer::MakeStem() const {
  if (impl_->kind == StemmerKind::kDictionary) return MakeIndonesianStem(impl_->dict);
  return Xapian::Stem("indonesian");
}

std::vector<AnalyzedToken> AnalyzeTokens(const Analyzer& analyzer, const std::string& text) {
  std::vector<AnalyzedToken> out;
  Xapian::TermGenerator tg;
  tg.set_max_word_length(schema::kMaxWordBytes);
  Xapian::Stem stem = analyzer.MakeStem();
  const std::string norm = NormalizeText(IsValidUtf8(text) ? text : RepairUtf8(text));
  for (const std::string& tok : IndexedWords(tg, norm)) {
    AnalyzedToken t;
    t.token = tok;
    if (analyzer.IsStopword(tok)) t.term = "";  // stopword: ignored outside phrases
    else if (!tok.empty() && std::isdigit(static_cast<unsigned char>(tok[0]))) t.term = tok;
    else t.term = stem(tok);
    t.as_written = !t.term.empty() && t.term != tok && analyzer.IsStopword(t.term);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace rkn
