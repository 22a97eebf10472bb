#include "common/stemmer.h"

#include "common/file.h"
#include "common/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace rkn {

// ---------------------------------------------------------------------------------------------
// RootDictionary

namespace {

constexpr uint32_t kErased = UINT32_MAX;

bool IsTrimmed(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Whether the file at `path` holds exactly `want` (mapped, not copied).
bool FileEquals(const std::filesystem::path& path, std::string_view want) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) == want.size();
  if (same && !want.empty()) {
    void* map = ::mmap(nullptr, want.size(), PROT_READ, MAP_PRIVATE, fd, 0);
    same = map != MAP_FAILED && std::memcmp(map, want.data(), want.size()) == 0;
    if (map != MAP_FAILED) ::munmap(map, want.size());
  }
  ::close(fd);
  return same;
}

size_t CountLines(std::string_view s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

// `s` as a C++ string literal, one line of source per line of text.
std::string CxxLiteral(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n\"\n    \"";
    } else if (c == '"' || c == '\\' || c == '?') {
      out += '\\';
      out += ch;
    } else if (c >= 0x20 && c < 0x7F) {
      out += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

// Which root list CheckRootList reads: kata-dasar.txt, or roots-extra.txt with its markers.
enum class RootList { kBase, kExtras };

// Checks the lines of the root list `file` (its bytes `text`; roots-extra.txt for kExtras):
// text (CheckDataText), and every line, trimmed and without its '#' comment (extras), a word:
// letters, digits and '-', with at least one letter or digit; in extras also "-word",
// "root+kan" and "word > root" (two words). InvalidArgument naming "<file>:<line>" otherwise.
Status CheckRootList(std::string_view text, const std::filesystem::path& file, RootList list) {
  if (Status s = CheckDataText(text, file.string()); !s.ok()) return s;
  const bool extras = list == RootList::kExtras;
  static constexpr std::array<uint8_t, 256> kWordByte = [] {
    std::array<uint8_t, 256> t{};  // 1: a letter or digit, 2: '-', '+' or '>'
    for (int c = 0; c < 256; ++c) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) t[static_cast<size_t>(c)] = 1;
    }
    t['-'] = t['+'] = t['>'] = 2;
    return t;
  }();
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    const size_t nl = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (extras) line = line.substr(0, line.find('#'));
    while (!line.empty() && IsTrimmed(line.front())) line.remove_prefix(1);
    while (!line.empty() && IsTrimmed(line.back())) line.remove_suffix(1);
    if (line.empty()) continue;
    // A part of a line a word: letters and digits (at least one), '-', and the extras' '+'.
    auto is_word = [&](std::string_view part) {
      while (!part.empty() && IsTrimmed(part.front())) part.remove_prefix(1);
      while (!part.empty() && IsTrimmed(part.back())) part.remove_suffix(1);
      bool word = true, alnum = false;
      const auto* p = reinterpret_cast<const uint8_t*>(part.data());
      const auto n = static_cast<int32_t>(part.size());
      for (int32_t i = 0; i < n && word;) {
        const uint8_t kind = kWordByte[p[i]];
        if (kind == 1) {
          alnum = true;
          ++i;
        } else if (kind == 2) {
          word = p[i] == '-' || (extras && p[i] == '+');
          ++i;
        } else if (p[i] >= 0x80) {  // well-formed: CheckDataText said so
          UChar32 c;
          U8_NEXT(p, i, n, c);
          const bool letter = c >= 0 && u_isalnum(c);
          alnum |= letter;
          word = letter || (c >= 0 && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
        } else {
          word = false;
        }
      }
      return word && alnum;
    };
    // "word>root" (spaces around '>' are trimmed, see NamedLines) is two words.
    const size_t gt = extras ? line.find('>') : std::string_view::npos;
    const bool word = gt == std::string_view::npos ? is_word(line) : is_word(line.substr(0, gt)) && is_word(line.substr(gt + 1));
    if (!word) {
      std::string what(1, '\'');  // appended: "'" + string makes g++ 12 warn a false -Wrestrict
      what.append(SafeForTerminal(line, 60)).append(extras ? "' is not a word (letters, digits, '-', and the markers '+' and '>' only)"
                                                           : "' is not a word (letters, digits and '-' only)");
      return Status::InvalidArgument(file.string() + ":" + std::to_string(line_no), std::move(what));
    }
  }
  return Status::Ok();
}

}  // namespace

void RootDictionary::Reserve(size_t words) {
  size_t cap = 16;
  while (cap < 2 * words) cap *= 2;
  owned_slots_.assign(cap, 0);
  slots_ = owned_slots_.data();
  mask_ = cap - 1;
  size_ = 0;
}

size_t RootDictionary::Find(std::string_view word, uint64_t hash) const {
  const char* bytes = bytes_.data();
  const size_t total = bytes_.size();
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const uint32_t s = slots_[i];
    if (s == 0) return i;
    if (s == kErased) continue;
    const size_t off = s - 1;
    if (off + word.size() < total && bytes[off + word.size()] == '\n' &&
        std::memcmp(bytes + off, word.data(), word.size()) == 0) {
      return i;
    }
  }
}

void RootDictionary::Insert(uint32_t offset, size_t len) {
  bytes_ = owned_bytes_;  // appends may have moved the bytes
  const std::string_view word(bytes_.data() + offset, len);
  const size_t i = Find(word, WordHash(word));
  if (owned_slots_[i] != 0) return;  // already there
  owned_slots_[i] = offset + 1;
  ++size_;
}

void RootDictionary::Erase(std::string_view word) {
  if (owned_slots_.empty() || word.find('\n') != std::string_view::npos) return;
  bytes_ = owned_bytes_;
  const size_t i = Find(word, WordHash(word));
  if (owned_slots_[i] == 0) return;
  owned_slots_[i] = kErased;
  --size_;
}

bool RootDictionary::Contains(std::string_view word) const {
  if (slots_ == nullptr || word.find('\n') != std::string_view::npos) return false;
  return slots_[Find(word, WordHash(word))] != 0;
}

void RootDictionary::AddLines(size_t begin, size_t end, bool extras, std::vector<std::string>* removals) {
  // One branch-free pass (vectorised) tells whether any line needs lowercasing at all.
  unsigned char any_upper = 0;
  for (size_t i = begin; i < end; ++i) {
    any_upper |= static_cast<unsigned char>(static_cast<unsigned char>(owned_bytes_[i] - 'A') < 26);
  }
  size_t pos = begin;
  while (pos < end) {
    const char* d = owned_bytes_.data();  // appends below may move the bytes: fetch again per line
    const void* nl = std::memchr(d + pos, '\n', end - pos);
    const size_t line_end = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - d) : end;
    size_t b = pos, e = line_end;
    pos = line_end + 1;
    if (extras) {
      if (const void* hash = std::memchr(d + b, '#', e - b); hash != nullptr) {
        e = static_cast<size_t>(static_cast<const char*>(hash) - d);
      }
    }
    while (b < e && IsTrimmed(d[b])) ++b;
    while (e > b && IsTrimmed(d[e - 1])) --e;
    if (b == e) continue;
    bool removal = false;
    if (extras && d[b] == '-') {
      removal = true;
      ++b;
      if (b == e) continue;
    }
    bool upper = false;
    for (size_t i = b; any_upper != 0 && i < e; ++i) upper |= d[i] >= 'A' && d[i] <= 'Z';
    if (!removal && !upper && d[e] == '\n') {  // already clean: the word stays where it is
      Insert(static_cast<uint32_t>(b), e - b);
      continue;
    }
    std::string word(d + b, e - b);
    for (char& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (removal) {
      removals->push_back(std::move(word));
      continue;
    }
    const size_t off = owned_bytes_.size();
    owned_bytes_ += word;
    owned_bytes_ += '\n';
    Insert(static_cast<uint32_t>(off), word.size());
  }
}

namespace {

// The "word>root" lines of a roots-extra.txt text ('#' comments cut, trimmed, lowercased), as
// "word>root\n" lines sorted by word; of two lines for one word the first counts.
std::string NamedLines(std::string_view extra_text) {
  std::map<std::string, std::string> named;
  auto clean = [](std::string_view v) {
    while (!v.empty() && IsTrimmed(v.front())) v.remove_prefix(1);
    while (!v.empty() && IsTrimmed(v.back())) v.remove_suffix(1);
    std::string out(v);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  };
  for (size_t pos = 0; pos < extra_text.size();) {
    const size_t nl = std::min(extra_text.find('\n', pos), extra_text.size());
    std::string_view line = extra_text.substr(pos, nl - pos);
    pos = nl + 1;
    line = line.substr(0, line.find('#'));
    const size_t gt = line.find('>');
    if (gt == std::string_view::npos) continue;
    std::string w = clean(line.substr(0, gt)), root = clean(line.substr(gt + 1));
    if (!w.empty() && !root.empty() && root.find('>') == std::string::npos) named.emplace(std::move(w), std::move(root));
  }
  std::string out;
  for (const auto& [w, root] : named) out += w + ">" + root + "\n";
  return out;
}

}  // namespace

Result<std::shared_ptr<const RootDictionary>> RootDictionary::Load(const std::filesystem::path& data_dir,
                                                                   const RootImage* prebuilt) {
  const std::filesystem::path base = data_dir / "kata-dasar.txt";
  const std::filesystem::path extra = data_dir / "roots-extra.txt";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(base, ec)) {
    return Status::NotFound(base.string(), "root word list not found");
  }
  const bool has_extra = std::filesystem::is_regular_file(extra, ec);
  if (prebuilt != nullptr && prebuilt->slot_count != 0 && !prebuilt->version.empty() &&
      has_extra == prebuilt->has_extra && FileEquals(base, prebuilt->base_file) &&
      (!has_extra || FileEquals(extra, prebuilt->extra_file))) {
    return FromImage(*prebuilt);
  }
  std::shared_ptr<RootDictionary> dict(new RootDictionary());
  std::string& bytes = dict->owned_bytes_;
  if (Status s = AppendWholeFile(base, "root word list", UINT64_MAX, &bytes, &dict->base_len_); !s.ok()) return s;
  if (!bytes.empty() && bytes.back() != '\n') bytes.push_back('\n');
  const size_t base_end = bytes.size();
  dict->has_extra_ = has_extra;
  if (has_extra) {
    dict->extra_offset_ = bytes.size();
    if (Status s = AppendWholeFile(extra, "root word list", UINT64_MAX, &bytes, &dict->extra_len_); !s.ok()) return s;
    if (bytes.size() > base_end && bytes.back() != '\n') bytes.push_back('\n');
  }
  const size_t extra_end = bytes.size();
  // Checked before anything is built from them, so that an error names the broken file (random
  // bytes in kata-dasar.txt would otherwise show as a root roots-extra.txt names but the lists lack).
  if (Status s = CheckRootList(std::string_view(bytes).substr(0, dict->base_len_), base, RootList::kBase); !s.ok()) return s;
  if (Status s = CheckRootList(std::string_view(bytes).substr(dict->extra_offset_, dict->extra_len_), extra, RootList::kExtras);
      !s.ok()) {
    return s;
  }
  if (extra_end >= UINT32_MAX / 2) return Status::Corruption(base.string(), "root word lists are too large");
  dict->from_files_ = true;
  dict->Reserve(CountLines(bytes));
  std::vector<std::string> removals;
  dict->AddLines(0, base_end, /*extras=*/false, &removals);
  if (dict->size_ == 0) return Status::Corruption(base.string(), "root word list is empty");
  dict->AddLines(base_end, extra_end, /*extras=*/true, &removals);
  for (const std::string& w : removals) dict->Erase(w);
  dict->bytes_ = dict->owned_bytes_;
  dict->owned_named_ = NamedLines(std::string_view(dict->owned_bytes_).substr(dict->extra_offset_, dict->extra_len_));
  dict->named_lines_ = dict->owned_named_;
  // A named root the lists do not hold would be passed over without a word: say so.
  for (size_t pos = 0; pos < dict->named_lines_.size();) {
    const size_t nl = dict->named_lines_.find('\n', pos);
    const std::string_view line = std::string_view(dict->named_lines_).substr(pos, nl - pos);
    pos = nl + 1;
    const std::string_view root = line.substr(line.find('>') + 1);
    if (!dict->Contains(root)) {
      std::string what(1, '\'');  // appended: "'" + string makes g++ 12 warn a false -Wrestrict
      what.append(line).append("': '").append(root).append("' is not a root (add it on a line of its own, or name a root of the lists)");
      return Status::InvalidArgument(extra.string(), what);
    }
  }
  return std::shared_ptr<const RootDictionary>(std::move(dict));
}

std::shared_ptr<const RootDictionary> RootDictionary::FromImage(const RootImage& image) {
  std::shared_ptr<RootDictionary> dict(new RootDictionary());
  dict->bytes_ = image.bytes;
  dict->slots_ = image.slots;
  dict->mask_ = image.slot_count - 1;
  dict->size_ = image.size;
  dict->image_version_ = image.version;
  dict->named_lines_ = image.named;
  return dict;
}

std::string_view RootDictionary::Named(std::string_view word) const {
  std::call_once(named_once_, [this] {
    for (size_t pos = 0; pos < named_lines_.size();) {
      const size_t nl = std::min(named_lines_.find('\n', pos), named_lines_.size());
      const std::string_view line = named_lines_.substr(pos, nl - pos);
      pos = nl + 1;
      if (const size_t gt = line.find('>'); gt != std::string_view::npos) named_.emplace_back(line.substr(0, gt), line.substr(gt + 1));
    }
  });
  const auto it = std::lower_bound(named_.begin(), named_.end(), word,
                                   [](const auto& entry, std::string_view w) { return entry.first < w; });
  return it != named_.end() && it->first == word ? it->second : std::string_view();
}

std::shared_ptr<const RootDictionary> RootDictionary::FromWords(
    const std::vector<std::string>& words) {
  std::string lines;
  for (const std::string& w : words) {
    if (w.find('\n') != std::string::npos) continue;
    lines += w;
    lines += '\n';
  }
  return FromLines(std::move(lines));
}

std::shared_ptr<const RootDictionary> RootDictionary::FromLines(std::string lines) {
  std::shared_ptr<RootDictionary> dict(new RootDictionary());
  if (!lines.empty() && lines.back() != '\n') lines += '\n';
  dict->owned_bytes_ = std::move(lines);
  const std::string& d = dict->owned_bytes_;
  std::vector<std::pair<uint32_t, uint32_t>> spans;  // (offset, length) of each word
  spans.reserve(d.size() / 4 + 1);
  for (size_t pos = 0; pos < d.size();) {
    const size_t nl = d.find('\n', pos);
    if (nl > pos) spans.emplace_back(static_cast<uint32_t>(pos), static_cast<uint32_t>(nl - pos));
    pos = nl + 1;
  }
  dict->Reserve(spans.size());
  for (const auto& [off, len] : spans) dict->Insert(off, len);
  dict->bytes_ = dict->owned_bytes_;
  return dict;
}

const std::string& RootDictionary::version() const {
  std::call_once(version_once_, [this] {
    if (!image_version_.empty()) {
      version_ = std::string(image_version_);
      return;
    }
    // A sum of per-word hashes over the distinct words: independent of the order of the lines.
    uint64_t h = 0;
    const char* d = bytes_.data();
    for (size_t i = 0; i <= mask_ && slots_ != nullptr; ++i) {
      const uint32_t s = slots_[i];
      if (s == 0 || s == kErased) continue;
      const char* w = d + (s - 1);
      const auto* e = static_cast<const char*>(std::memchr(w, '\n', bytes_.size() - (s - 1)));
      h += Fnv1a(std::string_view(w, static_cast<size_t>(e - w)));
    }
    version_ = std::to_string(size_) + "-" + Hex64(h);
  });
  return version_;
}

std::string RootDictionary::ImageDefinition(std::string_view function, std::string_view base_file,
                                            std::string_view extra_file, std::string_view named) const {
  const std::string f(function);
  std::string out = "namespace {\n\n";
  out += "constexpr char k" + f + "Base[] =\n    " + CxxLiteral(base_file) + ";\n\n";
  out += "constexpr char k" + f + "Extra[] =\n    " + CxxLiteral(extra_file) + ";\n\n";
  out += "constexpr char k" + f + "Bytes[] =\n    " + CxxLiteral(owned_bytes_) + ";\n\n";
  out += "constexpr char k" + f + "Named[] =\n    " + CxxLiteral(named) + ";\n\n";
  out += "constexpr uint32_t k" + f + "Slots[] = {\n";
  for (size_t i = 0; i < owned_slots_.size(); ++i) {
    out += (i % 12 == 0 ? "    " : " ") + std::to_string(owned_slots_[i]) + ",";
    if (i % 12 == 11 || i + 1 == owned_slots_.size()) out += "\n";
  }
  out += "};\n\n";
  out += "constexpr RootImage k" + f + "{std::string_view(k" + f + "Base, sizeof k" + f + "Base - 1),\n"
         "    std::string_view(k" + f + "Extra, sizeof k" + f + "Extra - 1),\n"
         "    " + std::string(has_extra_ ? "true" : "false") + ",\n"
         "    std::string_view(k" + f + "Bytes, sizeof k" + f + "Bytes - 1),\n"
         "    k" + f + "Slots,\n"
         "    " + std::to_string(owned_slots_.size()) + ",\n"
         "    " + std::to_string(size_) + ",\n"
         "    \"" + version() + "\",\n"
         "    std::string_view(k" + f + "Named, sizeof k" + f + "Named - 1)};\n\n"
         "}  // namespace\n\n"
         "const RootImage& " + f + "() { return k" + f + "; }\n\n";
  return out;
}

std::string RootDictionary::ImageSource() const {
  if (!from_files_) return "";
  const std::string_view all = owned_bytes_;
  return "// Generated at build time by rkn-gen-root-image from data/kata-dasar.txt and\n"
         "// data/roots-extra.txt (RootDictionary::ImageSource): do not edit.\n"
         "#include \"common/stemmer.h\"\n\n"
         "namespace rkn {\n\n" +
         ImageDefinition("BuiltInRootImage", all.substr(0, base_len_), all.substr(extra_offset_, extra_len_),
                         owned_named_) +
         "}  // namespace rkn\n";
}

std::string RootDictionary::WordSetImageSource(std::string_view function, std::string_view file) const {
  if (from_files_) return "";
  return "namespace rkn {\n\n" + ImageDefinition(function, file, "", "") + "}  // namespace rkn\n";
}

bool IsPlainWordList(std::string_view text) {
  unsigned char bad = 0;
  for (unsigned char c : text) {
    bad |= static_cast<unsigned char>((c >= 0x80) | (static_cast<unsigned char>(c - 'A') < 26) | (c == ' ') |
                                      (c < 0x20 && c != '\n') | (c == '#'));
  }
  return bad == 0;
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
  if (StartsWith(w, "sese")) add(rest(4), kSe);  // se- on a repeated first syllable: seseorang -> orang

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
        add(rest(2), kind);           // mengerikan -> ngeri (roots in ng-, as menyanyi -> nyanyi)
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
        // memadu(kan) is always mem-padu ("combine") in news, never me-madu ("honey").
        if (StartsWith(w.substr(2), "madu")) add(recode("p", 3), kind);
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
  // A proclitic never leaves a bare particle: kaulah is kau-lah, not kau- + lah.
  auto not_particle = [](std::string_view r) { return r != "lah" && r != "kah" && r != "tah" && r != "pun"; };
  if (StartsWith(w, "kau") && not_particle(w.substr(3))) add(rest(3), kKu);
  if (StartsWith(w, "ku") && not_particle(w.substr(2))) add(rest(2), kKu);
}

// Appends the words that removing a bare nasal prefix from `w` may give, in order of preference:
// the meN- without its me- of colloquial Indonesian and of the second half of a reduplication
// (nonton, nirukan -> t; ngambil -> ambil, ngopi -> k, ngecek -> cek; nyuci -> c, nyusul -> s).
// Only before a vowel, where the nasal stands for a lost first letter (or, for ng-, a vowel), so
// that nggak or ndak are not taken for prefixed words; and not m- (mukul -> pukul), which in news
// text is far more often the first letter of a name or loanword (mulan, market, mike, mada).
void BareNasalCandidates(std::string_view w, std::vector<std::string>* out) {
  auto recode = [&](std::string_view head, size_t n) {
    std::string s(head);
    s.append(w.substr(n));
    out->push_back(std::move(s));
  };
  const char c1 = At(w, 1), c2 = At(w, 2), c3 = At(w, 3);
  if (StartsWith(w, "ng")) {
    if (!IsVowel(c2)) return;
    recode("", 2);   // ngambil -> ambil (first, as after meng-: ngaku -> aku)
    recode("k", 2);  // ngopi -> kopi
    if (c2 == 'e' && IsConsonant(c3)) recode("", 3);  // ngecek -> cek (monosyllables)
  } else if (StartsWith(w, "ny")) {
    if (!IsVowel(c2)) return;
    recode("c", 2);  // nyuci -> cuci: colloquial only (standard Indonesian writes mencuci)
    recode("s", 2);  // nyusul -> susul
  } else if (w[0] == 'n' && IsVowel(c1)) {
    recode("t", 1);  // nulis -> tulis
  }
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

// Appends what removing suffixes alone from `w` (a bare-nasal candidate) may leave, in order of
// preference: `w`, then without a possessive, then without -kan or -i (-kan also read as -an
// after a root ending in k) or the colloquial -in (nungguin); then all of it again without a
// particle. Not -an, which meN- does not take (so nunukan is not n-tunu-kan).
void NasalSuffixForms(std::string_view w, std::vector<std::string>* out) {
  const std::string_view s1 = StripParticle(w);
  for (std::string_view v : {w, s1}) {
    out->emplace_back(v);
    const std::string_view s2 = StripPossessive(v);
    if (s2.size() != v.size()) out->emplace_back(s2);
    const std::string_view s3 = StripDerivational(s2);
    const std::string_view deriv = s2.substr(s3.size());
    if (deriv == "kan" || deriv == "i") out->emplace_back(s3);
    if (deriv == "kan") out->push_back(std::string(s3) + "k");
    if (EndsWith(s2, "in") && s2.size() >= 5) out->emplace_back(s2.substr(0, s2.size() - 2));
    if (s1.size() == w.size()) break;
  }
}

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
  // skipped. When `all` is given, every candidate is appended to it in order, and when
  // `level_ends` is too, the size of `all` after each level completed (one prefix removed, two,
  // ...): a root found after removing k prefixes leaves k - 1 entries.
  bool RemovePrefixes(std::string_view w, unsigned disallowed, std::string* root,
                      std::vector<std::string>* all = nullptr, std::vector<size_t>* level_ends = nullptr) const {
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
      if (all != nullptr && level_ends != nullptr) level_ends->push_back(all->size());
      std::swap(level, next);
    }
    return false;
  }

  bool Accept(std::string_view w, std::string* root) const {
    if (!IsRoot(w)) return false;
    *root = std::string(w);
    return true;
  }

  // Prefix removal first; failing that, suffix removal on each prefix-stripped candidate. A root
  // left by fewer prefixes and the suffixes wins over one left by more prefixes alone: dikenali
  // is di-kenal-i, not di-ke-nali.
  bool PrefixesThenSuffixes(std::string_view w, std::string* root) const {
    std::vector<std::string> stripped;
    std::vector<size_t> level_ends;
    std::string prefixes_only;
    const bool found = RemovePrefixes(w, 0, &prefixes_only, &stripped, &level_ends);
    // Every candidate when no prefixes alone leave a root, else those of the shallower levels.
    const size_t shallower = !found ? stripped.size() : level_ends.empty() ? 0 : level_ends.back();
    for (size_t i = 0; i < shallower; ++i) {
      std::string_view s = StripAllSuffixes(stripped[i]);
      if (s.size() != stripped[i].size() && Accept(s, root)) return true;
    }
    if (found) *root = std::move(prefixes_only);
    return found;
  }

  // Suffixes (possessive, derivational) and prefixes of a word without particle.
  bool FindCore(std::string_view w, std::string* root) const {
    if (Accept(w, root)) return true;
    const std::string_view s2 = StripPossessive(w);
    // A named word that ends like a possessive is named whole (sebangku>bangku: se-bangku, not
    // sebang-ku); the others are named without it, below.
    if (s2.size() != w.size()) {
      if (const std::string_view named = dict.Named(w); !named.empty() && Accept(named, root)) return true;
    }
    const std::string_view s3 = StripDerivational(s2);
    const std::string_view deriv = s2.substr(s3.size());
    // A root left by removing suffixes alone wins: stem(w + "nya") == stem(w) for roots w.
    // (memang and terpa take no possessive: memangku is mem-pangku, terpaku ter-paku.)
    if (s2.size() != w.size() && s2 != "memang" && s2 != "terpa" && Accept(s2, root)) return true;
    // Words the rules misread, named in roots-extra.txt ("pengawal>kawal"; a rule for each would
    // misread others): before any rule, or one that reads them first (mengaji as meng-aji) wins.
    if (const std::string_view named = dict.Named(s2); !named.empty() && Accept(named, root)) return true;
    // Sastrawi's precedence adjustment: for be-...-an/-lah, me-/di-/pe-/ter-...-i try prefixes
    // before suffixes; a final -i is then kept (memakai -> pakai, not maka), while a root left
    // by -an/-kan alone still wins (berikan -> beri).
    const bool prefix_first = PrefixFirst(s2);
    if (prefix_first && EndsWith(s2, "i") && PrefixesThenSuffixes(s2, root)) return true;
    // A bare word in -kan whose two readings are both roots (desa-kan, desak-an) is a noun in
    // -an after the root in k (desakan, tarikan, ajakan), unless the data lists "root+kan", a
    // verb that headlines use bare with -kan (berikan, katakan, ajukan, carikan).
    if (deriv == "kan" && IsRoot(s3) && !dict.Contains(std::string(s3) + "+kan") &&
        Accept(std::string(s3) + "k", root)) {
      return true;
    }
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
      // ... or -an after a doubled k (penegakkan, a common spelling of penegakan).
      if (EndsWith(s3, "k") && RemovePrefixes(s3, DisallowedOuter("an"), root)) return true;
      // per-...-kan imperatives: perhatikan, pertahankan.
      if (RemovePrefixes(s3, DisallowedOuter(deriv) & ~kPer, root)) return true;
      // ke-...-kan, the bare form of menge-...-kan (kesampingkan, kedepankan, kemukakan): last,
      // as ke-...-an after a root in k comes first (kerusakan is rusak, not ke-rusa-kan).
      if (RemovePrefixes(s3, DisallowedOuter(deriv) & ~kKe, root)) return true;
    }
    if (s2.size() != w.size() && RemovePrefixes(s2, 0, root)) return true;
    return RemovePrefixes(w, 0, root);
  }

  // The last resort for a word nothing else explains: a bare nasal prefix in front of a root
  // with its suffixes (nonton, ngobrolnya, nirukan, nungguin). Words shorter than five letters
  // are left alone (napi, nasa, nato are not tapi, tasa, tato). A root reached with fewer
  // suffixes removed wins over the order of the nasal's recodings (nyampai is sampai, not
  // campa-i).
  bool FindBareNasal(std::string_view w, std::string* root) const {
    if (w.size() < 5) return false;
    std::vector<std::string> cands;
    BareNasalCandidates(w, &cands);
    std::vector<std::vector<std::string>> forms(cands.size());
    size_t most = 0;
    for (size_t i = 0; i < cands.size(); ++i) {
      NasalSuffixForms(cands[i], &forms[i]);
      most = std::max(most, forms[i].size());
    }
    for (size_t k = 0; k < most; ++k) {
      for (const auto& f : forms) {
        if (k < f.size() && Accept(f[k], root)) return true;
      }
    }
    return false;
  }

  // A word ending in a particle (-lah -kah -tah -pun) is first analysed whole (membantah,
  // menikah, pengampun), then without the particle (bukanlah, itulah).
  bool Find(std::string_view w, std::string* root) const {
    if (FindCore(w, root)) return true;
    // ke-...-an around a negated root (ketidakpastian, ketidakadilan): KBBI lists them under the
    // root, as it does kepastian and keadilan.
    if (StartsWith(w, "ketidak") && w.size() > 9) {
      std::string ke = "ke";
      ke.append(w.substr(7));
      if (Find(ke, root)) return true;
    }
    const std::string_view s1 = StripParticle(w);
    if (s1.size() != w.size() && FindCore(s1, root)) return true;
    // The preposition di written joined to a noun in -an (dihadapan, dilingkungan, dikalangan):
    // di-...-an forms no verb, so nothing above explains the word; the noun does.
    if (StartsWith(w, "di") && EndsWith(w, "an") && w.size() >= 7 && FindCore(w.substr(2), root)) return true;
    // Colloquial (Jakarta) -in, the informal -kan/-i, after di-: diomelin, dijadiin, didoain. Only
    // with di-, so that names ending in -in (arifin) keep their form.
    return StartsWith(w, "di") && EndsWith(w, "in") && w.size() >= 7 && Accept(w.substr(2, w.size() - 4), root);
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
  const uint64_t h = StringTable::Hash(word);
  if (const uint32_t* i = cache_.Find(word, h)) return roots_.substr(root_spans_[*i].first, root_spans_[*i].second);
  std::string root = StemUncached(word);
  if (cache_.size() >= kMaxCacheEntries || roots_.size() + cache_.bytes() >= UINT32_MAX / 2) {
    cache_.Clear();
    roots_.clear();
    root_spans_.clear();
  }
  cache_.Add(word, h, static_cast<uint32_t>(root_spans_.size()));
  root_spans_.emplace_back(static_cast<uint32_t>(roots_.size()), static_cast<uint32_t>(root.size()));
  roots_ += root;
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
  if (searcher.FindBareNasal(word, &root)) return root;
  // Partial reduplication (dwipurwa): the first consonant and e before a word, mostly with -an
  // (dedaunan, rerumputan, reruntuhan, bebatuan, wewenang, jejaring), to a root of four letters
  // or more (beberap, a misspelt beberapa, is not be-rap).
  if (word.size() >= 7 && IsConsonant(word[0]) && word[1] == 'e' && word[2] == word[0] &&
      searcher.Find(word.substr(2), &root) && root.size() >= 4) {
    return root;
  }
  // Unknown word (name, loanword): only a trailing possessive -nya is removed, when what is
  // left is long enough to be a word of its own.
  if (EndsWith(word, "nya") && word.size() >= 3 + kMinStem) {
    return std::string(word.substr(0, word.size() - 3));
  }
  return std::string(word);
}

std::string IndonesianStemmer::StemReduplicated(std::string_view word) const {
  if (dict_->Contains(word)) return std::string(word);
  // Affixes around a reduplicated root word: berwarna-warni -> warna-warni, kupu-kupunya.
  if (std::string root; Searcher{*dict_}.Find(word, &root) && root.find('-') != std::string::npos) return root;
  size_t dash = word.rfind('-');
  std::string_view first = word.substr(0, dash);
  std::string second(word.substr(dash + 1));
  if (first.empty() || second.empty() || first.back() == '-') return std::string(word);
  // "anak-anak-nya", "siapa-pun": a clitic written after a hyphen belongs to the word before it.
  static constexpr std::array<std::string_view, 7> kClitics = {"ku",  "mu",  "nya", "lah",
                                                               "kah", "tah", "pun"};
  if (std::find(kClitics.begin(), kClitics.end(), second) != kClitics.end()) {
    size_t dash2 = first.rfind('-');
    if (dash2 == std::string_view::npos) {
      // The hyphen marks where the clitic starts, so an unknown word keeps its own form: uu-nya -> uu.
      std::string joined = std::string(first) + second;
      std::string root = StemSingle(joined);
      return root == joined && !dict_->Contains(joined) ? StemSingle(first) : root;
    }
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
