// Dictionary-backed Indonesian stemmer (Nazief-Adriani / enhanced confix stripping family, close
// to Sastrawi): strips particles (-lah -kah -tah -pun), possessives (-ku -mu -nya), derivational
// suffixes (-kan -an -i), up to three prefixes with their recodings (meN- peN- ber- ter- per- di-
// ke- se- and the proclitics ku- kau-) and reduplication (buku-buku, berbalas-balasan,
// meniru-nirukan). A candidate is accepted only when it is a known root word; otherwise the word is
// returned unchanged (or with a trailing -nya removed, see IndonesianStemmer). As a last resort, a
// word of five letters or more that nothing else explains may lose a bare nasal prefix, the
// meN- without me- of colloquial text and of a reduplication's second half (nonton -> tonton,
// ngobrol -> obrol, nyari -> cari, nungguin -> tunggu, nirukan -> tiru); not m- (mukul), which
// news mostly writes for names and loanwords. Then a word of seven letters or more may be a
// partial reduplication, its first consonant and e before a word (dedaunan -> daun, wewenang ->
// wenang), when that word leads to a root of four letters or more.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/status.h"
#include "common/string_table.h"

namespace rkn {

// A RootDictionary finished at build time (tools/gen_root_image.cc writes it as C++ source
// from the source tree's data/): the two files it was made from, byte for byte, and its table.
// Loading the same files then costs one comparison instead of building the table.
struct RootImage {
  std::string_view base_file;   // kata-dasar.txt as read
  std::string_view extra_file;  // roots-extra.txt as read ("" when absent)
  bool has_extra = false;       // whether roots-extra.txt existed
  std::string_view bytes;       // the dictionary's word bytes (see RootDictionary)
  const uint32_t* slots = nullptr;
  size_t slot_count = 0;  // a power of two
  size_t size = 0;        // number of root words
  std::string_view version;
  std::string_view named;       // the "word>root" lines of extra_file, normalised and sorted by word
};

// The image of the source tree's data/ compiled into this program (a generated source file).
const RootImage& BuiltInRootImage();

// The stopword list of the source tree's data/ (stopwords-id.txt) as a finished word table, in
// the same form: base_file is the file as read, bytes and slots the table FromLines builds from
// it. Empty (slot_count 0) when that file is not a plain word list (IsPlainWordList).
const RootImage& BuiltInStopwordImage();

// True when every line of `text` is a word FromLines can take as it is, which a stopword list
// would also give after trimming and lowercasing: no byte outside ASCII, no capital letter,
// space, control character other than '\n', or '#'.
bool IsPlainWordList(std::string_view text);

// An immutable set of Indonesian root words. Thread-safe once loaded (read-only).
//
// The words live in an open-addressing hash table whose slots point into the files' bytes: no
// string per word, no sort, and the version is only hashed when asked for. rkn-search loads the
// dictionary at every start, so this is start-up time of every query; when the files are the
// ones compiled in (BuiltInRootImage), loading is a comparison of their bytes.
class RootDictionary {
 public:
  // Reads data_dir/kata-dasar.txt (one lowercase root per line) and, when present,
  // data_dir/roots-extra.txt (same format; '#' starts a comment; a line "-word" removes a word
  // that the base list wrongly holds as a root; a line "root+kan" is kept as that entry, which
  // the stemmer reads as "a bare root-kan is root + -kan", not (root + k) + -an; a line
  // "word>root" names the root of a word the rules misread, see Named, and is kept as an entry
  // too, so that version() covers it). Lines are trimmed of
  // spaces, tabs and '\r' and lowercased (A-Z). When `prebuilt` is given and both files are byte for byte the ones it was
  // made from, its table is used as it is. Fails with NotFound naming kata-dasar.txt when it is
  // missing, IOError when a file cannot be read, InvalidArgument naming "<file>:<line>" when a
  // file is not text (CheckDataText: not UTF-8, NUL, DEL, ...) or a line is not a word (letters,
  // digits, '-', and in roots-extra.txt the markers; checked first, so that broken bytes in
  // kata-dasar.txt are named there), Corruption when the base list is empty, InvalidArgument
  // naming roots-extra.txt when a "word>root" line names a root the lists lack.
  static Result<std::shared_ptr<const RootDictionary>> Load(const std::filesystem::path& data_dir,
                                                            const RootImage* prebuilt = nullptr);

  // Builds a dictionary from words directly (tests, tools), taken as they are; an empty word and
  // a word holding '\n' are left out (FromLines of the words joined by '\n'). Never fails.
  static std::shared_ptr<const RootDictionary> FromWords(const std::vector<std::string>& words);

  // The same from `lines`: words separated by '\n', taken as they are (empty lines are left
  // out), without a string per word. Never fails.
  static std::shared_ptr<const RootDictionary> FromLines(std::string lines);

  // The dictionary `image` holds, reading no file (the image must outlive it: compiled-in images
  // do). For a database built with that dictionary, whatever data_dir holds now. Never fails.
  static std::shared_ptr<const RootDictionary> FromImage(const RootImage& image);

  // True when `word` (lowercase) is a root word.
  bool Contains(std::string_view word) const;

  // The root roots-extra.txt names for `word` with a line "word>root", or "" (also for a
  // dictionary not built from the files or their image). The lines, found when the files are
  // loaded (or at build time, for the image), are indexed on first use (thread-safe).
  std::string_view Named(std::string_view word) const;

  // Number of root words.
  size_t size() const { return size_; }

  // A short fingerprint of the word list ("<count>-<16 hex digits>"), stable across loads of
  // the same content and independent of the order of the lines; record it next to an index to
  // notice that stems may have changed. Computed on first use (thread-safe).
  const std::string& version() const;

  // Whether Load took the table from its `prebuilt` image.
  bool from_image() const { return !image_version_.empty(); }

  // C++ source defining BuiltInRootImage() as this dictionary (the build-time generator). Only
  // for a dictionary built by Load from files; "" otherwise.
  std::string ImageSource() const;

  // C++ source defining `const RootImage& FUNCTION()` as this dictionary, with `file` (the bytes
  // it was made from, which a caller compares before using the image) as its base_file: for a
  // word set built by FromLines (the stopword list). "" for one built by Load.
  std::string WordSetImageSource(std::string_view function, std::string_view file) const;

 private:
  RootDictionary() = default;
  // The namespace-scope C++ definitions of `const RootImage& FUNCTION()` holding this table.
  std::string ImageDefinition(std::string_view function, std::string_view base_file,
                              std::string_view extra_file, std::string_view named) const;
  // Sizes the table for about `words` words.
  void Reserve(size_t words);
  // Adds the owned_bytes_[offset, offset + len) word (followed by '\n') unless present.
  void Insert(uint32_t offset, size_t len);
  // Removes `word` when present.
  void Erase(std::string_view word);
  // The slot holding `word`, or the empty slot where it would go.
  size_t Find(std::string_view word, uint64_t hash) const;
  // Adds every line of owned_bytes_[begin, end) (trimmed, lowercased); "-word" lines and '#'
  // comments only when `extras` (removals are appended to `removals`).
  void AddLines(size_t begin, size_t end, bool extras, std::vector<std::string>* removals);

  // Every word, each followed by '\n': the files' bytes as read, plus normalised copies of lines
  // that needed trimming or lowercasing. Slots hold offsets into it. Views of owned_bytes_ and
  // owned_slots_, or of a RootImage's.
  std::string owned_bytes_;
  std::vector<uint32_t> owned_slots_;
  std::string_view bytes_;
  // Open addressing, linear probing: 0 = empty, kErased = removed word, else offset + 1.
  const uint32_t* slots_ = nullptr;
  size_t mask_ = 0;
  size_t size_ = 0;
  // Where the files are in owned_bytes_ (for ImageSource).
  size_t base_len_ = 0, extra_offset_ = 0, extra_len_ = 0;
  bool has_extra_ = false, from_files_ = false;
  std::string_view image_version_;
  mutable std::once_flag version_once_;
  mutable std::string version_;
  // The "word>root" lines of roots-extra.txt, normalised and sorted by word (NamedLines): a view
  // of owned_named_ or of the image's; Named splits them into named_ on first use.
  std::string owned_named_;
  std::string_view named_lines_;
  mutable std::once_flag named_once_;
  mutable std::vector<std::pair<std::string_view, std::string_view>> named_;
};

// The version of IndonesianStemmer's rules: bumped by every change to them that changes a stem
// (the root dictionary has its own version). Part of Analyzer::index_version(), so a database
// whose words were stemmed by other rules is re-indexed by the next incremental run instead of
// being searched with stems it does not hold. 1: teriakan is teriak-an (session 10); 2:
// penataran, menatar and penatar are tatar; 3: partial reduplication (dedaunan, reruntuhan); 4:
// dimengerti is erti; 5: penajaman is tajam, pemesan pesan, mengawal, pengawal and pengawalan
// kawal; 6: mengemas, mengetik, pengarang and their kin are kemas, ketik, karang; 7: menipis,
// menahu, pementasan, memalingkan, memulas and kin are tipis, tahu, pentas, paling, pulas; 8:
// a named word wins before the prefixes-first reading of me-/di-/pe-/ter-...-i (mengaji); 9: the
// proclitics ku-/kau- never leave a bare particle (kaulah is kau); 10: the bare ke-...-kan
// (kesampingkan is samping), after ke-...-an of a root in k (kerusakan stays rusak). Every
// rule before 1 is version 0, which databases built before it do not name. Words named since are
// roots-extra.txt lines ("word>root"), which change the dictionary's version instead.
inline constexpr int kStemmerRulesVersion = 11;

// Xapian stemming algorithm backed by a RootDictionary. Results are memoised in a bounded cache
// (cleared when it reaches kMaxCacheEntries), so a cache hit costs one hash lookup. NOT
// thread-safe: use one instance (one Xapian::Stem from MakeIndonesianStem) per thread; copies of a
// Xapian::Stem share the instance. Input is expected lowercase (Xapian lowercases before
// stemming); words shorter than 4 bytes, words with digits and words with characters other than
// a-z and '-' are returned unchanged. Never throws.
class IndonesianStemmer : public Xapian::StemImplementation {
 public:
  static constexpr size_t kMaxCacheEntries = size_t{1} << 20;

  // `dict` must not be null.
  explicit IndonesianStemmer(std::shared_ptr<const RootDictionary> dict);

  // The root of `word`, or `word` itself when no root is found.
  std::string operator()(const std::string& word) override;

  // "indonesian-dict".
  std::string get_description() const override;

  // The uncached computation behind operator(); const and thread-safe.
  std::string StemUncached(std::string_view word) const;

 private:
  std::string StemSingle(std::string_view word) const;
  std::string StemReduplicated(std::string_view word) const;

  std::shared_ptr<const RootDictionary> dict_;
  StringTable cache_;                                      // word -> index in root_spans_
  std::string roots_;                                      // the roots, back to back
  std::vector<std::pair<uint32_t, uint32_t>> root_spans_;  // (offset, length) in roots_
};

// A Xapian::Stem wrapping a new IndonesianStemmer on `dict` (must not be null).
Xapian::Stem MakeIndonesianStem(std::shared_ptr<const RootDictionary> dict);

}  // namespace rkn
