#include "common/stemmer.h"

#include "common/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <system_error>
#include <utility>

namespace rkn {

// ---------------------------------------------------------------------------------------------
// RootDictionary

namespace {

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Reads `path` line by line into `add` (and `remove` for "-word" lines when allowed).
Status ReadWordFile(const std::filesystem::path& path, bool allow_comments,
                    std::vector<std::string>* add, std::vector<std::string>* remove) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path.string(), "cannot open root word list");
  std::string line;
  while (std::getline(in, line)) {
    std::string_view w = line;
    if (allow_comments) {
      if (size_t hash = w.find('#'); hash != std::string_view::npos) w = w.substr(0, hash);
    }
    w = TrimAscii(w);
    if (w.empty()) continue;
    std::string word;
    word.reserve(w.size());
    bool removal = false;
    if (allow_comments && w.front() == '-') {
      removal = true;
      w.remove_prefix(1);
    }
    for (char c : w) {
      word.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (word.empty()) continue;
    (removal ? remove : add)->push_back(std::move(word));
  }
  if (in.bad()) return Status::IOError(path.string(), "read failed");
  return Status::Ok();
}

}  // namespace

void RootDictionary::Build(std::vector<std::string> words) {
  // No sort: start-up time of every rkn-search is spent here. The version hash is made
  // order-independent instead (a sum of per-word hashes over the distinct words).
  storage_ = std::move(words);
  set_.reserve(storage_.size() * 2);
  uint64_t h = 0;
  for (const std::string& w : storage_) {
    if (set_.insert(std::string_view(w)).second) h += Fnv1a(w);
  }
  version_ = std::to_string(set_.size()) + "-" + Hex64(h);
}

Result<std::shared_ptr<const RootDictionary>> RootDictionary::Load(
    const std::filesystem::path& data_dir) {
  const std::filesystem::path base = data_dir / "kata-dasar.txt";
  const std::filesystem::path extra = data_dir / "roots-extra.txt";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(base, ec)) {
    return Status::NotFound(base.string(), "root word list not found");
  }
  std::vector<std::string> words;
  std::vector<std::string> removed;
  if (Status s = ReadWordFile(base, /*allow_comments=*/false, &words, &removed); !s.ok()) return s;
  if (words.empty()) return Status::Corruption(base.string(), "root word list is empty");
  if (std::filesystem::is_regular_file(extra, ec)) {
    if (Status s = ReadWordFile(extra, /*allow_comments=*/true, &words, &removed); !s.ok()) {
      return s;
    }
  }
  if (!removed.empty()) {
    std::sort(removed.begin(), removed.end());
    std::erase_if(words, [&](const std::string& w) {
      return std::binary_search(removed.begin(), removed.end(), w);
    });
  }
  std::shared_ptr<RootDictionary> dict(new RootDictionary());
  dict->Build(std::move(words));
  return std::shared_ptr<const RootDictionary>(std::move(dict));
}

std::shared_ptr<const RootDictionary> RootDictionary::FromWords(
    const std::vector<std::string>& words) {
  std::shared_ptr<RootDictionary> dict(new RootDictionary());
  dict->Build(words);
  return dict;
}

// ---------------------------------------------------------------------------------------------
// Affix rules

namespace {

constexpr size_t kMinRoot = 3;   // shorter candidates are never accepted as roots
constexpr size_t kMinStem = 4;   // shorter words are returned unchanged
constexpr int kMaxPrefixes = 3;

bool IsVowel(char c) { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o'; }
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }
bool IsConsonant(char c) { return IsLetter(c) && !IsVowel(c); }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
// The character at `i`, or '\0' past the end.
char At(std::string_view s, size_t i) { return i < s.size() ? s[i] : '\0'; }

// Prefix kinds; each may be removed once per word.
enum PrefixKind : unsigned {
  kDi = 1u << 0,
  kKe = 1u << 1,
  kSe = 1u << 2,
  kKu = 1u << 3,   // proclitic ku- / kau-
  kMe = 1u << 4,   // meN-
  kPe = 1u << 5,   // peN-
  kBer = 1u << 6,  // ber- / be- / bel-
  kTer = 1u << 7,  // ter- / te-
  kPer = 1u << 8,  // per- / pe- (before r)
};
// Prefixes that only occur outermost.
constexpr unsigned kOutermostOnly = kDi | kKu | kMe;

struct PrefixCandidate {
  std::string word;
  PrefixKind kind;
  bool recoded;  // the nasal was replaced by the root's first letter (memukul -> pukul)
};

// Appends the words that removing one prefix (with the meN-/peN- recodings) from `w` may give, in
// order of preference. Candidates are not checked against the dictionary here.
void PrefixCandidates(std::string_view w, std::vector<PrefixCandidate>* out) {
  auto add = [&](std::string word, PrefixKind kind) {
    if (word.size() >= 2) {
      const bool recoded = !EndsWith(w, word);
      out->push_back({std::move(word), kind, recoded});
    }
  };
  auto rest = [&](size_t n) { return std::string(w.substr(n)); };
  auto recode = [&](std::string_view head, size_t n) {
    std::string s(head);
    s.append(w.substr(n));
    return s;
  };

  if (StartsWith(w, "di")) add(rest(2), kDi);
  if (StartsWith(w, "ke")) add(rest(2), kKe);
  if (StartsWith(w, "se")) add(rest(2), kSe);

  // meN- and peN- share their recodings: "me"/"pe" followed by the nasal.
  for (std::string_view head : {std::string_view("me"), std::string_view("pe")}) {
    if (!StartsWith(w, head)) continue;
    const PrefixKind kind = head == "me" ? kMe : kPe;
    const char c2 = At(w, 2), c3 = At(w, 3), c4 = At(w, 4);
    if (StartsWith(w.substr(2), "ng")) {
      if (c4 == 'g' || c4 == 'h' || c4 == 'q' || c4 == 'k' || c4 == 'x') {
        add(rest(4), kind);  // menggali, menghitung, mengkaji
      } else if (IsVowel(c4)) {
        add(rest(4), kind);           // mengambil -> ambil
        add(recode("k", 4), kind);    // mengirim -> kirim
        if (c4 == 'e') add(rest(5), kind);  // mengecek -> cek (monosyllables)
      } else if (IsConsonant(c4)) {
        add(rest(4), kind);  // non-standard: mengrekrut
      }
    } else if (StartsWith(w.substr(2), "ny")) {
      if (IsVowel(c4)) {
        add(recode("s", 4), kind);  // menyusun -> susun
        add(rest(2), kind);         // menyanyi -> nyanyi
      }
    } else if (c2 == 'm') {
      if (c3 == 'b' || c3 == 'f' || c3 == 'v') {
        add(rest(3), kind);  // membaca, memfasilitasi
      } else if (c3 == 'p') {
        add(rest(3), kind);  // memperbaiki (mem-per), mempunyai, memproduksi
      } else if (IsVowel(c3) || (c3 == 'r' && IsVowel(c4))) {
        add(rest(2), kind);         // memakan -> makan
        add(recode("p", 3), kind);  // memukul -> pukul
      }
    } else if (c2 == 'n') {
      if (c3 == 'c' || c3 == 'd' || c3 == 'j' || c3 == 'z') {
        add(rest(3), kind);  // mencari, mendapat, menjual
      } else if (IsVowel(c3)) {
        add(rest(2), kind);         // menanti -> nanti
        add(recode("t", 3), kind);  // menulis -> tulis
      } else if (c3 == 's' || c3 == 't') {
        add(rest(3), kind);  // non-standard: mensyukuri, mentaati
      }
    } else if (kind == kMe) {
      if (c2 == 'l' || c2 == 'r' || c2 == 'w' || c2 == 'y') add(rest(2), kind);  // melihat
    } else {  // pe- without a nasal
      if (StartsWith(w, "pelajar")) add(rest(3), kind);  // pelajar -> ajar
      if (c2 == 'l' || c2 == 'w' || c2 == 'y') {
        add(rest(2), kind);  // pelaku, pewarta
      } else if (c2 == 'r') {
        if (IsVowel(c3)) {
          add(rest(2), kPer);  // perasaan -> rasa, perawat -> rawat
          add(rest(3), kPer);  // peraturan -> atur
        } else if (IsConsonant(c3)) {
          add(rest(3), kPer);  // pertumbuhan -> tumbuh
        }
      } else if (IsConsonant(c2)) {
        add(rest(2), kind);  // petani, pekerja, pedagang
      }
    }
  }

  if (StartsWith(w, "be")) {
    const char c2 = At(w, 2), c3 = At(w, 3);
    if (c2 == 'r') {
      if (IsVowel(c3)) {
        add(rest(3), kBer);  // berasal -> asal
        add(rest(2), kBer);  // berantai -> rantai
      } else if (IsConsonant(c3) && c3 != 'r') {
        add(rest(3), kBer);  // bermain -> main
      }
    } else if (StartsWith(w, "belajar")) {
      add(rest(3), kBer);  // belajar -> ajar
    } else if (IsConsonant(c2) && c2 != 'l' && StartsWith(w.substr(3), "er")) {
      add(rest(2), kBer);  // bekerja -> kerja, beternak -> ternak
    }
  }
  if (StartsWith(w, "te")) {
    const char c2 = At(w, 2), c3 = At(w, 3);
    if (c2 == 'r') {
      if (IsVowel(c3)) {
        add(rest(2), kTer);  // terasa -> rasa (te- before r)
        add(rest(3), kTer);  // terambil -> ambil
      } else if (IsConsonant(c3) && c3 != 'r') {
        add(rest(3), kTer);  // terjadi -> jadi
      }
    } else if (IsConsonant(c2) && StartsWith(w.substr(3), "er")) {
      add(rest(2), kTer);  // tepercaya -> percaya
    }
  }
  if (StartsWith(w, "kau")) add(rest(3), kKu);
  if (StartsWith(w, "ku")) add(rest(2), kKu);
}

std::string_view StripOne(std::string_view w, std::initializer_list<std::string_view> suffixes) {
  for (std::string_view s : suffixes) {
    if (w.size() > s.size() + 1 && EndsWith(w, s)) return w.substr(0, w.size() - s.size());
  }
  return w;
}

std::string_view StripParticle(std::string_view w) { return StripOne(w, {"lah", "kah", "tah", "pun"}); }
std::string_view StripPossessive(std::string_view w) { return StripOne(w, {"nya", "ku", "mu"}); }
std::string_view StripDerivational(std::string_view w) { return StripOne(w, {"kan", "an", "i"}); }

std::string_view StripAllSuffixes(std::string_view w) {
  return StripDerivational(StripPossessive(StripParticle(w)));
}

// Whether prefixes should be tried before suffixes (Sastrawi's precedence adjustment):
// be-lah, be-an, me-i, di-i, pe-i, ter-i.
bool PrefixFirst(std::string_view w) {
  return (StartsWith(w, "be") && (EndsWith(w, "lah") || EndsWith(w, "an"))) ||
         ((StartsWith(w, "me") || StartsWith(w, "di") || StartsWith(w, "pe") ||
           StartsWith(w, "ter")) &&
          EndsWith(w, "i"));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// IndonesianStemmer

namespace {

// Outermost prefixes that do not combine with a derivational suffix (enhanced confix stripping's
// forbidden confixes ke-kan, se-kan, di-an, me-an, te-an, be-i, se-i, plus peN-...-kan, which does not form words, and
// per-...-kan, which only forms imperatives and is tried last).
unsigned DisallowedOuter(std::string_view suffix) {
  if (suffix == "kan") return kKe | kPe | kSe | kPer;
  if (suffix == "an") return kDi | kMe | kTer;
  if (suffix == "i") return kBer | kSe;
  return 0;
}

struct Searcher {
  const RootDictionary& dict;

  bool IsRoot(std::string_view w) const { return w.size() >= kMinRoot && dict.Contains(w); }

  // Breadth-first removal of up to three prefixes from `w`; the first root found (shallowest,
  // then in rule order) wins. A root reached through an outermost prefix in `disallowed` is
  // skipped. When `all` is given, every candidate is appended to it in order.
  bool RemovePrefixes(std::string_view w, unsigned disallowed, std::string* root,
                      std::vector<std::string>* all = nullptr) const {
    struct Node {
      std::string word;
      unsigned used;
      unsigned outer;
      bool recoded;
    };
    std::vector<Node> level{{std::string(w), 0u, 0u, false}};
    std::vector<Node> next;
    std::vector<PrefixCandidate> cands;
    for (int depth = 0; depth < kMaxPrefixes && !level.empty(); ++depth) {
      next.clear();
      for (const Node& node : level) {
        cands.clear();
        PrefixCandidates(node.word, &cands);
        for (PrefixCandidate& c : cands) {
          if ((node.used & c.kind) != 0) continue;
          if (depth > 0 && (c.kind & kOutermostOnly) != 0) continue;
          // A word whose first letter came from recoding a nasal never starts with peN-
          // (memenangi is not me-pe-tangi).
          if (node.recoded && c.kind == kPe) continue;
          const unsigned outer = depth == 0 ? c.kind : node.outer;
          if ((outer & disallowed) == 0 && IsRoot(c.word)) {
            *root = std::move(c.word);
            return true;
          }
          if (all != nullptr) all->push_back(c.word);
          next.push_back({std::move(c.word), node.used | c.kind, outer, c.recoded});
        }
      }
      std::swap(level, next);
    }
    return false;
  }

  bool Accept(std::string_view w, std::string* root) const {
    if (!IsRoot(w)) return false;
    *root = std::string(w);
    return true;
  }

  // Prefix removal first; failing that, suffix removal on each prefix-stripped candidate.
  bool PrefixesThenSuffixes(std::string_view w, std::string* root) const {
    std::vector<std::string> stripped;
    if (RemovePrefixes(w, 0, root, &stripped)) return true;
    for (const std::string& p : stripped) {
      std::string_view s = StripAllSuffixes(p);
      if (s.size() != p.size() && Accept(s, root)) return true;
    }
    return false;
  }

  // Suffixes (possessive, derivational) and prefixes of a word without particle.
  bool FindCore(std::string_view w, std::string* root) const {
    if (Accept(w, root)) return true;
    const std::string_view s2 = StripPossessive(w);
    const std::string_view s3 = StripDerivational(s2);
    const std::string_view deriv = s2.substr(s3.size());
    // A root left by removing suffixes alone wins: stem(w + "nya") == stem(w) for roots w.
    if (s2.size() != w.size() && Accept(s2, root)) return true;
    // Sastrawi's precedence adjustment: for be-...-an/-lah, me-/di-/pe-/ter-...-i try prefixes
    // before suffixes; a final -i is then kept (memakai -> pakai, not maka), while a root left
    // by -an/-kan alone still wins (berikan -> beri).
    const bool prefix_first = PrefixFirst(s2);
    if (prefix_first && EndsWith(s2, "i") && PrefixesThenSuffixes(s2, root)) return true;
    if (s3.size() != s2.size() && Accept(s3, root)) return true;
    if (prefix_first && !EndsWith(s2, "i") && PrefixesThenSuffixes(s2, root)) return true;
    if (s3.size() != s2.size() && s3.size() >= 2 &&
        RemovePrefixes(s3, DisallowedOuter(deriv), root)) {
      return true;
    }
    if (deriv == "kan") {  // -kan may really be -an after a root ending in k: gerakan, penegakan
      std::string with_k(s3);
      with_k.push_back('k');
      if (Accept(with_k, root) || RemovePrefixes(with_k, 0, root)) return true;
      // per-...-kan imperatives: perhatikan, pertahankan.
      if (RemovePrefixes(s3, DisallowedOuter(deriv) & ~kPer, root)) return true;
    }
    if (s2.size() != w.size() && RemovePrefixes(s2, 0, root)) return true;
    return RemovePrefixes(w, 0, root);
  }

  // A word ending in a particle (-lah -kah -tah -pun) is first analysed whole (membantah,
  // menikah, pengampun), then without the particle (bukanlah, itulah).
  bool Find(std::string_view w, std::string* root) const {
    if (FindCore(w, root)) return true;
    const std::string_view s1 = StripParticle(w);
    return s1.size() != w.size() && FindCore(s1, root);
  }
};

bool IsStemmable(std::string_view w) {
  if (w.size() < kMinStem) return false;
  for (char c : w) {
    if (!IsLetter(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

IndonesianStemmer::IndonesianStemmer(std::shared_ptr<const RootDictionary> dict)
    : dict_(std::move(dict)) {}

std::string IndonesianStemmer::get_description() const { return "indonesian-dict"; }

std::string IndonesianStemmer::operator()(const std::string& word) {
  if (word.size() < kMinStem) return word;
  if (auto it = cache_.find(word); it != cache_.end()) return it->second;
  std::string root = StemUncached(word);
  if (cache_.size() >= kMaxCacheEntries) cache_.clear();
  cache_.emplace(word, root);
  return root;
}

std::string IndonesianStemmer::StemUncached(std::string_view word) const {
  if (!IsStemmable(word)) return std::string(word);
  if (word.find('-') != std::string_view::npos) return StemReduplicated(word);
  return StemSingle(word);
}

std::string IndonesianStemmer::StemSingle(std::string_view word) const {
  if (word.size() < kMinStem || dict_->Contains(word)) return std::string(word);
  Searcher searcher{*dict_};
  std::string root;
  if (searcher.Find(word, &root)) return root;
  // Unknown word (name, loanword): only a trailing possessive -nya is removed, when what is
  // left is long enough to be a word of its own.
  if (EndsWith(word, "nya") && word.size() >= 3 + kMinStem) {
    return std::string(word.substr(0, word.size() - 3));
  }
  return std::string(word);
}

std::string IndonesianStemmer::StemReduplicated(std::string_view word) const {
  if (dict_->Contains(word)) return std::string(word);
  size_t dash = word.rfind('-');
  std::string_view first = word.substr(0, dash);
  std::string second(word.substr(dash + 1));
  if (first.empty() || second.empty() || first.back() == '-') return std::string(word);
  // "anak-anak-nya", "siapa-pun": a clitic written after a hyphen belongs to the word before it.
  static constexpr std::array<std::string_view, 7> kClitics = {"ku",  "mu",  "nya", "lah",
                                                               "kah", "tah", "pun"};
  if (std::find(kClitics.begin(), kClitics.end(), second) != kClitics.end()) {
    size_t dash2 = first.rfind('-');
    if (dash2 == std::string_view::npos) return StemSingle(std::string(first) + second);
    second = std::string(first.substr(dash2 + 1)) + second;
    first = first.substr(0, dash2);
    if (first.empty() || second.size() == 0) return std::string(word);
  }
  if (first.find('-') != std::string_view::npos) return std::string(word);
  std::string root1 = StemSingle(first);
  std::string root2 = StemSingle(second);
  if (root1 == root2) return root1;
  // meniru-nirukan: the second half repeats the word without its prefix.
  if (root2 == second && !dict_->Contains(second)) root2 = StemSingle("me" + second);
  if (root1 == root2) return root1;
  return std::string(word);
}

Xapian::Stem MakeIndonesianStem(std::shared_ptr<const RootDictionary> dict) {
  return Xapian::Stem(new IndonesianStemmer(std::move(dict)));
}

}  // namespace rkn
