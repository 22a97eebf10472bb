// Dictionary-backed Indonesian stemmer (Nazief-Adriani / enhanced confix stripping family, close
// to Sastrawi): strips particles (-lah -kah -tah -pun), possessives (-ku -mu -nya), derivational
// suffixes (-kan -an -i), up to three prefixes with their recodings (meN- peN- ber- ter- per- di-
// ke- se- and the proclitics ku- kau-) and reduplication (buku-buku, berbalas-balasan,
// meniru-nirukan). A candidate is accepted only when it is a known root word; otherwise the word is
// returned unchanged (or with a trailing -nya removed, see IndonesianStemmer).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "common/status.h"

namespace rkn {

// An immutable set of Indonesian root words. Thread-safe once loaded (read-only).
class RootDictionary {
 public:
  // Reads data_dir/kata-dasar.txt (one lowercase root per line) and, when present,
  // data_dir/roots-extra.txt (same format; '#' starts a comment; a line "-word" removes a word
  // that the base list wrongly holds as a root). Fails with NotFound naming kata-dasar.txt when it
  // is missing, IOError when a file cannot be read, Corruption when the base list is empty.
  static Result<std::shared_ptr<const RootDictionary>> Load(const std::filesystem::path& data_dir);

  // Builds a dictionary from words directly (tests, tools). Never fails.
  static std::shared_ptr<const RootDictionary> FromWords(const std::vector<std::string>& words);

  // True when `word` (lowercase) is a root word.
  bool Contains(std::string_view word) const { return set_.count(word) != 0; }

  // Number of root words.
  size_t size() const { return set_.size(); }

  // A short fingerprint of the word list ("<count>-<16 hex digits>"), stable across loads of
  // the same content; record it next to an index to notice that stems may have changed.
  const std::string& version() const { return version_; }

 private:
  RootDictionary() = default;
  void Build(std::vector<std::string> words);

  std::vector<std::string> storage_;           // owns the words; never resized after Build
  std::unordered_set<std::string_view> set_;  // views into storage_
  std::string version_;
};

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
  std::unordered_map<std::string, std::string> cache_;
};

// A Xapian::Stem wrapping a new IndonesianStemmer on `dict` (must not be null).
Xapian::Stem MakeIndonesianStem(std::shared_ptr<const RootDictionary> dict);

}  // namespace rkn
