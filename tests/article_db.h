// Small in-memory databases of articles written as the indexer writes them, and the articles a
// query finds in them: for tests of what a query matches, with no files.
#pragma once

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/document.h"
#include "common/query.h"

namespace rkn::test {

// A database holding one article per text (one paragraph each), built by DocumentBuilder with
// `analyzer`: texts[k] is docid k + 1.
inline Xapian::WritableDatabase ArticlesDb(std::shared_ptr<const Analyzer> analyzer, const std::vector<std::string>& texts) {
  DocumentBuilder builder(std::move(analyzer));
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (size_t k = 0; k < texts.size(); ++k) {
    Article a;
    a.id = "doc" + std::to_string(k);
    a.paragraphs = {texts[k]};
    db.add_document(builder.Build(a, "sig"));
  }
  return db;
}

// The docids (sorted, at most 100) that `query`, parsed with default options, matches in `db`;
// a query that does not parse fails the test.
inline std::vector<Xapian::docid> Matches(const std::string& query, const Analyzer& analyzer, const Xapian::Database& db) {
  auto parsed = ParseQuery(query, analyzer, db, QueryOptions());
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed->query);
  std::vector<Xapian::docid> got;
  const Xapian::MSet mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it) got.push_back(*it);
  std::sort(got.begin(), got.end());
  return got;
}

}  // namespace rkn::test
