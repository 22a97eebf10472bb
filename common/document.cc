#include "common/document.h"

#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <iterator>
#include <limits>

#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "common/text.h"

namespace rkn {
namespace {

// Appends `prefix` + `value` as a boolean term when value is not empty; lowercases the value.
void AddBoolean(Xapian::Document& doc, std::string_view prefix, const std::string& value) {
  if (value.empty()) return;
  std::string term(prefix);
  term += ToLower(value);
  if (term.size() > schema::kMaxTermBytes) term.resize(schema::kMaxTermBytes);
  doc.add_boolean_term(term);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The byte offset just after the first *left words of `text` (runs of non-white-space bytes), or
// text.size() when it holds fewer; subtracts the words counted from *left.
size_t AfterWords(const std::string& text, size_t* left) {
  size_t pos = 0;
  while (*left > 0) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    while (pos < text.size() && !IsSpace(text[pos])) ++pos;
    --*left;
  }
  return pos;
}

}  // namespace

std::string IdTerm(std::string_view id) {
  std::string term(schema::kPrefixId);
  if (id.size() + term.size() <= schema::kMaxTermBytes) {
    term += id;
  } else {
    // Keep a readable head and make it unique with a hash of the whole id.
    term += id.substr(0, schema::kMaxTermBytes - term.size() - 18);
    term += "#" + Hex64(Fnv1a(id));
  }
  return term;
}

namespace {
constexpr size_t kFileKeyMax = 224;               // room for "XFILE" / "rkn.file:" within Xapian's 245 bytes
constexpr size_t kFileKeyHead = kFileKeyMax - 17;  // a hashed key: this much of the path, '#', 16 hex digits
}  // namespace

std::string FileKey(std::string_view rel) {
  if (rel.size() <= kFileKeyMax) return std::string(rel);
  return std::string(rel.substr(0, kFileKeyHead)) + "#" + Hex64(Fnv1a(rel));
}

bool FileKeyWithin(std::string_view key, std::string_view rel) {
  if (rel.empty() || key == FileKey(rel)) return true;
  const std::string folder = std::string(rel) + "/";
  if (key.starts_with(folder)) return true;
  const bool hashed = key.size() == kFileKeyMax && key[kFileKeyHead] == '#';
  return hashed && std::string_view(folder).starts_with(key.substr(0, kFileKeyHead));
}

std::string FileTerm(std::string_view rel_or_key) { return std::string(schema::kPrefixFile) + FileKey(rel_or_key); }

namespace {
// SplitMix64's finaliser: a 64-bit hash of a 64-bit value, each output bit depending on every input bit.
uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
}  // namespace

std::string ContentFingerprint(const Article& article) {
  // Normalised words of the body: lowercase letters and digits only.
  std::vector<std::string> words;
  for (const auto& p : article.paragraphs) {
    std::string lower = ToLower(p);
    std::string cur;
    for (char ch : lower) {
      auto c = static_cast<unsigned char>(ch);
      if (std::isalnum(c) || c >= 0x80) {
        cur.push_back(ch);
      } else if (!cur.empty()) {
        words.push_back(std::move(cur));
        cur.clear();
      }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
  }
  // Three MinHashes of word 5-shingles, combined: two articles get one key with probability
  // about J^3 for a Jaccard similarity J of their shingles. One MinHash of 8-shingles (J^1) folded
  // articles that shared no more than a template sentence: on clickid-2019 (bench/collapse.py),
  // 27% of the 1,758 pairs it folded had J >= 0.3 of these shingles; with this key 88% of 182 do.
  // The price is recall: 54% of the pairs with J >= 0.7 fold, against 80%.
  constexpr size_t kShingle = 5;
  constexpr size_t kMinWords = 24;  // shorter: the words themselves are the key (copies are whole)
  if (words.size() < kMinWords) {
    std::string all;
    for (const auto& w : words) all += w + " ";
    return Hex64(Fnv1a(all));
  }
  constexpr uint64_t kSeeds[] = {0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL};
  uint64_t best[std::size(kSeeds)];
  std::fill(std::begin(best), std::end(best), std::numeric_limits<uint64_t>::max());
  for (size_t i = 0; i + kShingle <= words.size(); ++i) {
    uint64_t h = kFnvOffset;
    for (size_t k = 0; k < kShingle; ++k) h = Fnv1a(words[i + k], h ^ 0x9E3779B97F4A7C15ULL);
    for (size_t n = 0; n < std::size(kSeeds); ++n) best[n] = std::min(best[n], Mix64(h ^ kSeeds[n]));
  }
  uint64_t key = kFnvOffset;
  for (uint64_t b : best) key = Mix64(key ^ b);
  return Hex64(key);
}

DocumentBuilder::DocumentBuilder(std::shared_ptr<const Analyzer> analyzer) : analyzer_(std::move(analyzer)) {
  tg_.set_stemmer(analyzer_->MakeStem());
  tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  tg_.set_max_word_length(schema::kMaxWordBytes);
}

void DocumentBuilder::EnableSpelling(Xapian::WritableDatabase& db) {
  tg_.set_database(db);
  tg_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

Xapian::Document DocumentBuilder::Build(const Article& a, const std::string& file_signature) {
  namespace d = schema::data;
  Xapian::Document doc;
  tg_.set_document(doc);
  tg_.set_termpos(0);

  const ArticleMeta& m = a.meta;
  if (!m.title.empty()) {
    // Title words: prefixed (for title:) and unprefixed with a boost, so plain queries rank
    // title matches higher.
    IndexText(tg_, m.title, schema::kTitleWeight, std::string(schema::kPrefixTitle));
    tg_.increase_termpos(schema::kFieldGap);
    IndexText(tg_, m.title, schema::kTitleWeight);
    tg_.increase_termpos(schema::kFieldGap);
  }
  // The first kLeadWords words of the body count kLeadWeight times. The paragraph holding the
  // kLeadWords-th word is cut after it, at white space, so positions run on as in one call.
  size_t lead_left = schema::kLeadWords;
  for (const auto& p : a.paragraphs) {
    const size_t cut = lead_left > 0 ? AfterWords(p, &lead_left) : 0;
    if (cut > 0) IndexText(tg_, std::string_view(p).substr(0, cut), schema::kLeadWeight);
    // A sentence that ends at the cut: its end is seen in the whole paragraph only.
    if (cut > 0 && cut < p.size() && EndsSentence(p, cut - 1)) tg_.increase_termpos(1);
    if (cut < p.size()) IndexText(tg_, std::string_view(p).substr(cut));
    tg_.increase_termpos(1);
  }
  if (!m.author.empty()) {
    tg_.increase_termpos(schema::kFieldGap);
    std::string folded_buf;  // diacritics dropped as IndexText drops them ("José" is "jose")
    const std::string_view author = FoldLatinMarks(m.author, &folded_buf);
    tg_.index_text(Xapian::Utf8Iterator(author.data(), author.size()), 1, std::string(schema::kPrefixAuthor));
  }

  doc.add_boolean_term(IdTerm(a.id));
  AddBoolean(doc, schema::kPrefixSource, m.source);
  AddBoolean(doc, schema::kPrefixCategory, m.category);
  AddBoolean(doc, schema::kPrefixAuthorExact, m.author);
  AddBoolean(doc, schema::kPrefixType, a.type);
  doc.add_boolean_term(FileTerm(a.path));
  std::string fingerprint = ContentFingerprint(a);
  doc.add_boolean_term(std::string(schema::kPrefixFingerprint) + fingerprint);

  if (m.published.size() >= 10) {
    const std::string ymd = m.published.substr(0, 4) + m.published.substr(5, 2) + m.published.substr(8, 2);
    doc.add_boolean_term(std::string(schema::kPrefixYear) + ymd.substr(0, 4));
    doc.add_boolean_term(std::string(schema::kPrefixMonth) + ymd.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kPrefixDay) + ymd);
    doc.add_value(schema::kSlotYear, m.published.substr(0, 4));
    doc.add_value(schema::kSlotMonth, m.published.substr(0, 7));
  }
  if (m.published_epoch) {
    doc.add_value(schema::kSlotPublished, Xapian::sortable_serialise(static_cast<double>(*m.published_epoch)));
  }
  if (!m.source.empty()) doc.add_value(schema::kSlotSource, m.source);
  if (!m.author.empty()) doc.add_value(schema::kSlotAuthor, m.author);
  if (!m.category.empty()) doc.add_value(schema::kSlotCategory, ToLower(m.category));
  doc.add_value(schema::kSlotFingerprint, fingerprint);
  if (!file_signature.empty()) doc.add_value(schema::kSlotFileSig, file_signature);

  nlohmann::json j;
  j[d::kPath] = a.path;  // dump() replaces bytes that are not UTF-8 with U+FFFD ...
  if (!IsValidUtf8(a.path)) j[d::kPathBytes] = HexBytes(a.path);  // ... so keep the name exactly
  if (!a.record.empty()) j[d::kRecord] = a.record;
  j[d::kTitle] = m.title;
  j[d::kSource] = m.source;
  j[d::kPublished] = m.published;
  j[d::kAuthor] = m.author;
  j[d::kDateline] = m.dateline;
  j[d::kCategory] = m.category;
  j[d::kUrl] = m.url;
  std::string text;
  for (const auto& p : a.paragraphs) {
    if (!text.empty()) text += '\n';
    text += p;
  }
  j[d::kText] = std::move(text);
  doc.set_data(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

}  // namespace rkn
