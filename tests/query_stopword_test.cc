// How query-time stopwords are used: dropped from all-words queries, weight-only in --any queries.
#include <doctest/doctest.h>

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/query.h"

namespace {

// The parsed query's description, or "error: <message>".
std::string Parsed(const std::string& text, rkn::DefaultOperator op) {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().ToString());
  Xapian::Database empty;
  rkn::QueryOptions opt;
  opt.default_op = op;
  auto p = rkn::ParseQuery(text, **analyzer, empty, opt);
  return p.ok() ? p->query.get_description() : "error: " + p.status().message();
}

}  // namespace

TEST_CASE("Stopwords are dropped from all-words queries and only add weight to any-word queries") {
  using rkn::DefaultOperator;
  struct Case {
    std::string query;
    DefaultOperator op;
    std::string want;  // the whole description, or the start of an error
  };
  const std::vector<Case> cases = {
      // All words: "yang" and "terlalu" are not required.
      {"zodiak yang terlalu keras", DefaultOperator::kAnd, "Query((Zzodiak AND Zkeras))"},
      // Any word: they match nothing alone but rank documents that have them higher.
      {"zodiak yang terlalu keras", DefaultOperator::kOr, "Query(((Zzodiak OR Zkeras) AND_MAYBE (yang OR terlalu)))"},
      // Excluded or required stopwords stay dropped.
      {"zodiak -yang +terlalu keras", DefaultOperator::kOr, "Query((Zzodiak OR Zkeras))"},
      // A stopword alone is still searched; stopwords only are still an error.
      {"yang", DefaultOperator::kOr, "Query(Zyang)"},
      {"yang terlalu", DefaultOperator::kOr, "error: the query has no searchable terms"},
      {"yang terlalu", DefaultOperator::kAnd, "error: the query has no searchable terms"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CAPTURE(static_cast<int>(c.op));
    CHECK(Parsed(c.query, c.op) == c.want);
  }
}
