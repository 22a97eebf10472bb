// Building the Xapian document for an Article, following schema.h: the unique id term, the title
// and body as positional free text, boolean filter terms, sortable values and the stored data the
// searcher shows.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/article.h"

namespace rkn {

// The unique id term of a document id ("Q" + id, hashed when too long for a Xapian term).
std::string IdTerm(std::string_view id);

// The key a corpus file is known by in the database: its corpus-relative path, case kept, or,
// when too long for a Xapian term or metadata key, a readable head plus a hash of the whole path.
std::string FileKey(std::string_view rel_path);

// Whether `key`, a FileKey, may belong to the corpus-relative path `rel` or to a path under the
// folder `rel` ("" stands for the whole root). True for a hashed key whose readable head fits
// `rel` (its tail is unknown): callers use it to keep documents, so a doubt keeps them.
bool FileKeyWithin(std::string_view key, std::string_view rel);

// The boolean term on every document of a file ("XFILE" + FileKey), used to remove them.
std::string FileTerm(std::string_view rel_path_or_key);

// A content fingerprint for near-duplicate detection: equal for syndicated copies of one story
// with high probability, different for articles that share less (three MinHashes over word
// 5-shingles of the body, combined). 16 hex digits.
std::string ContentFingerprint(const Article& article);

// Builds documents; holds a TermGenerator and a stemmer, so use one builder per thread.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::shared_ptr<const Analyzer> analyzer);

  // Also adds spelling data to `db` for every word indexed. `db` must outlive the builder.
  void EnableSpelling(Xapian::WritableDatabase& db);

  // The document for `article`; `file_signature` is stored for incremental indexing.
  Xapian::Document Build(const Article& article, const std::string& file_signature);

 private:
  std::shared_ptr<const Analyzer> analyzer_;
  Xapian::TermGenerator tg_;
};

}  // namespace rkn
