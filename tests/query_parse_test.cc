// What the query parser makes of queries that an audit on the clickid-2019 database found read
// wrongly without a word: one TEST_CASE per finding, in memory (rkn-search only for --from/--to).
#include <doctest/doctest.h>

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/query.h"

namespace {

const rkn::Analyzer& TheAnalyzer() {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().ToString());
  return **analyzer;
}

// The parsed query, or its error.
rkn::Result<rkn::ParsedQuery> Parse(const std::string& text, rkn::DefaultOperator op) {
  Xapian::Database empty;
  rkn::QueryOptions opt;
  opt.default_op = op;
  return rkn::ParseQuery(text, TheAnalyzer(), empty, opt);
}

// The parsed query's description, or "error: <message>".
std::string Parsed(const std::string& text, rkn::DefaultOperator op = rkn::DefaultOperator::kAnd) {
  auto p = Parse(text, op);
  return p.ok() ? p->query.get_description() : "error: " + p.status().message();
}

// What the snippets highlight: the terms, then "|" and the phrases ("yang saut" for a phrase).
std::string Highlighted(const std::string& text, rkn::DefaultOperator op) {
  auto p = Parse(text, op);
  if (!p.ok()) return "error: " + p.status().message();
  std::string out;
  for (const auto& h : p->highlight) out += h + " ";
  out += "|";
  for (const auto& phrase : p->phrases) {
    out += " ";
    for (size_t k = 0; k < phrase.size(); ++k) out += (k ? " " : "\"") + phrase[k];
    out += "\"";
  }
  return out;
}

}  // namespace

TEST_CASE("A word is highlighted if and only if the query that runs searches it") {
  using rkn::DefaultOperator;
  struct Case {
    std::string query;
    DefaultOperator op;
    std::string want;  // Highlighted()
  };
  const std::vector<Case> cases = {
      // "yang saut" runs as Query(Zsaut): every "yang" lit up in the snippets.
      {"yang saut", DefaultOperator::kAnd, "Zsaut saut |"},
      {"zodiak yang terlalu keras", DefaultOperator::kAnd, "Zkeras Zzodiak keras zodiak |"},
      // --any puts them back as weight: then they match, and are highlighted.
      {"zodiak yang terlalu keras", DefaultOperator::kOr, "Zkeras Zzodiak keras terlalu yang zodiak |"},
      // Excluded or required stopwords are dropped, weight or not.
      {"zodiak -yang +terlalu keras", DefaultOperator::kOr, "Zkeras Zzodiak keras zodiak |"},
      // A group of stopwords only adds nothing to the query.
      {"(yang terlalu) OR saut", DefaultOperator::kOr, "Zsaut saut |"},
      // Kept stopwords stay highlighted: the whole query, in a phrase, written exact.
      {"yang", DefaultOperator::kAnd, "Zyang yang |"},
      {"\"yang saut\"", DefaultOperator::kAnd, "| \"yang saut\""},
      {"=yang saut", DefaultOperator::kAnd, "Zsaut saut yang |"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CAPTURE(static_cast<int>(c.op));
    CHECK(Highlighted(c.query, c.op) == c.want);
  }
}
