// Wildcards ("nukl*") expand over all shards at once, so a sharded database names the same terms
// and gives the same scores as one database holding every article (issue "Scale and speed":
// sharded results equal a single database). In-memory databases: no files, well under a second.
#include <doctest/doctest.h>

#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/query.h"
#include "common/schema.h"

namespace {

const rkn::Analyzer& TheAnalyzer() {
  static auto analyzer = rkn::Analyzer::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(analyzer.ok(), analyzer.status().ToString());
  return **analyzer;
}

// One document per entry, each a list of terms (positions 1, 2, ... in that order).
using Docs = std::vector<std::vector<std::string>>;

Xapian::WritableDatabase Shard(const Docs& docs) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& terms : docs) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    for (const auto& t : terms) doc.add_posting(t, ++pos);
    db.add_document(doc);
  }
  return db;
}

// Two shards where expanding in each shard separately picks other terms than expanding over
// both: in total nukb 4 articles, nuka 3, nukc 2, nukd 2, nuke 1.
const Docs kShardA = {{"nuka", "x"}, {"nuka", "nukb"}, {"nuka", "nuke"}, {"x"}};
const Docs kShardB = {{"nukb", "nukc"}, {"nukb", "nukd"}, {"nukb", "nukc", "nukd"}, {"x", "nuka", "x"}};

Xapian::Database Sharded() {
  Xapian::Database db;
  db.add_database(Shard(kShardA));
  db.add_database(Shard(kShardB));
  return db;
}

Xapian::Database Single() {
  Docs all = kShardA;
  all.insert(all.end(), kShardB.begin(), kShardB.end());
  return Shard(all);
}

// The parsed query's description, or "error: <message>".
std::string Parsed(const std::string& text, const Xapian::Database& db, const rkn::QueryOptions& opt = {}) {
  auto p = rkn::ParseQuery(text, TheAnalyzer(), db, opt);
  return p.ok() ? p->query.get_description() : "error: " + p.status().message();
}

// The BM25 weight of each matching document; docids differ between layouts, so documents are
// told apart by their terms and wdfs.
std::map<std::string, double> Weights(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire e(db);
  e.set_query(query);
  e.set_weighting_scheme(Xapian::BM25Weight());
  std::map<std::string, double> by_terms;
  Xapian::MSet m = e.get_mset(0, 100);
  for (auto it = m.begin(); it != m.end(); ++it) {
    std::string key;
    const Xapian::Document doc = it.get_document();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) key += *t + ":" + std::to_string(t.get_wdf()) + " ";
    by_terms[key] = it.get_weight();
  }
  return by_terms;
}

}  // namespace

TEST_CASE("a wildcard keeps its most frequent expansions over all shards, ties to the smaller term") {
  rkn::QueryOptions three;
  three.wildcard_limit = 3;
  struct Case {
    std::string name, query;
    const rkn::QueryOptions& opt;
    std::string want;
  };
  const rkn::QueryOptions defaults;
  const std::vector<Case> cases = {
      // nukb (4) and nuka (3), then nukc and nukd tie at 2: nukc. In shard A alone the top
      // three would be nuka, nukb, nuke.
      {"limit 3", "nuk*", three, "Query((nuka SYNONYM (nukb SYNONYM nukc)))"},
      {"no limit reached", "nuk*", defaults, "Query(((nuka SYNONYM nukb) SYNONYM (nukc SYNONYM (nukd SYNONYM nuke))))"},
      {"one expansion", "nukd*", defaults, "Query(nukd)"},
      // Nothing starts with "nukz": a query that matches nothing (not an empty one, which would
      // be dropped and leave "nuka" alone).
      {"no expansion", "nukz*", defaults, "Query(WILDCARD SYNONYM nukz)"},
      {"no expansion next to a word", "nuka nukz*", defaults, "Query((Znuka AND WILDCARD SYNONYM nukz))"},
      // NEAR takes OP_OR operands (Xapian 1.4 refuses OP_SYNONYM there).
      {"NEAR operand", "x NEAR/2 nuk*", three, "Query((x NEAR 4 (nuka OR nukb OR nukc)))"},
      {"NEAR on both sides", "nuka* NEAR/2 nukb*", three, "Query((nuka NEAR 4 nukb))"},
      {"NEAR operand without expansion", "x NEAR/2 nukz*", three, "Query((x NEAR 4 nukz))"},
  };
  const Xapian::Database db = Sharded();
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(Parsed(c.query, db, c.opt) == c.want);
  }
}

TEST_CASE("a wildcard scores the same on two shards as on one database holding both") {
  const Xapian::Database sharded = Sharded(), single = Single();
  rkn::QueryOptions three;
  three.wildcard_limit = 3;
  SUBCASE("Xapian's own OP_WILDCARD does not (the reason to expand in ParseQuery)") {
    const Xapian::Query q(Xapian::Query::OP_WILDCARD, "nuk", 3, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    CHECK(Weights(sharded, q) != Weights(single, q));
  }
  for (const auto& opt : {three, rkn::QueryOptions{}}) {
    for (const std::string q : {"nuk*", "nuka* OR nukc*", "x NEAR/2 nuk*", "nuk* -nukb*"}) {
      CAPTURE(q);
      CAPTURE(opt.wildcard_limit);
      auto ps = rkn::ParseQuery(q, TheAnalyzer(), sharded, opt);
      auto p1 = rkn::ParseQuery(q, TheAnalyzer(), single, opt);
      REQUIRE(ps.ok());
      REQUIRE(p1.ok());
      CHECK(ps->query.get_description() == p1->query.get_description());
      const auto ws = Weights(sharded, ps->query), w1 = Weights(single, p1->query);
      REQUIRE(ws.size() == w1.size());
      CHECK_FALSE(ws.empty());
      for (const auto& item : w1) {
        const auto& doc = std::get<0>(item);
        const auto& w = std::get<1>(item);
        CAPTURE(doc);
        REQUIRE(ws.count(doc) == 1);
        CHECK(ws.at(doc) == doctest::Approx(w).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("a wildcard's weight does not depend on the order Xapian combines its expansions in") {
  // Xapian 1.4 estimates a synonym's frequency pairwise with rounding, in an order set by each
  // shard's own frequencies: with these two shards a flat OP_SYNONYM of three terms scores
  // otherwise than on one database. ParseQuery nests two-way synonyms, which leave no order.
  const Docs a = {{"d1", "nuka", "nukb", "nukc"}, {"d2"}, {"d3", "nukc"}, {"d4"}, {"d5", "nukb"}, {"d6", "nukb"},
                  {"d7"}, {"d13", "nuka", "nukc"}, {"d15", "nuka", "nukb"}, {"d17", "nuka", "nukc"}, {"d18", "nukc"},
                  {"d20", "nukb"}};
  const Docs b = {{"d0", "nuka", "nukb", "nukc"}, {"d8", "nuka", "nukc"}, {"d9", "nukb"}, {"d10", "nukb"},
                  {"d11", "nuka", "nukc"}, {"d12", "nukb"}, {"d14", "nukb"}, {"d16", "nuka", "nukb"}, {"d19", "nuka"}};
  Xapian::Database sharded;
  sharded.add_database(Shard(a));
  sharded.add_database(Shard(b));
  Docs all = a;
  all.insert(all.end(), b.begin(), b.end());
  const Xapian::Database single = Shard(all);
  const std::vector<std::string> terms = {"nuka", "nukb", "nukc"};
  const Xapian::Query flat(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  CHECK(Weights(sharded, flat) != Weights(single, flat));  // the premise

  auto parsed = rkn::ParseQuery("nuk*", TheAnalyzer(), sharded, {});
  REQUIRE(parsed.ok());
  const auto ws = Weights(sharded, parsed->query), w1 = Weights(single, parsed->query);
  REQUIRE(ws.size() == w1.size());
  for (const auto& item : w1) {
    const auto& doc = std::get<0>(item);
    const auto& w = std::get<1>(item);
    CAPTURE(doc);
    REQUIRE(ws.count(doc) == 1);
    CHECK(ws.at(doc) == doctest::Approx(w).epsilon(1e-12));
  }
}

TEST_CASE("QueryOptions::vocabulary names the shards wildcards expand over") {
  const Xapian::Database sharded = Sharded();
  const Xapian::Database no_documents;  // as the searcher's stand-in synonym table over remote shards
  rkn::QueryOptions with;
  with.vocabulary = &sharded;
  CHECK(Parsed("nukc*", no_documents, with) == "Query(nukc)");
  // Without one, an empty database leaves the expansion to Xapian in each shard.
  CHECK(Parsed("nukc*", no_documents) == "Query(WILDCARD SYNONYM nukc)");
}

TEST_CASE("source:NAME without a dot expands over all shards to a boolean filter") {
  Xapian::Database db;
  db.add_database(Shard({{std::string(rkn::schema::kPrefixSource) + "kompas.com", "x"}}));
  db.add_database(Shard({{std::string(rkn::schema::kPrefixSource) + "kompas.id", "x"},
                         {std::string(rkn::schema::kPrefixSource) + "kompasiana.com", "x"}}));
  const std::string h(rkn::schema::kPrefixSource);
  CHECK(Parsed("source:kompas", db) == "Query(0 * (" + h + "kompas.com OR " + h + "kompas.id))");
  CHECK(Parsed("source:tempo", db) == "Query(0 * WILDCARD OR " + h + "tempo.)");
  // A source stored as a bare name (a dump's "source" with no url) is matched as written, and a
  // brand also means the domain the indexer files it under.
  Xapian::Database named;
  named.add_database(Shard({{h + "antara", "x"}, {h + "antaranews.com", "x"}}));
  CHECK(Parsed("source:antara", named) == "Query(0 * (" + h + "antara OR WILDCARD OR " + h + "antara. OR " + h + "antaranews.com))");
}

TEST_CASE("a cut wildcard lights the words it searches, an uncut one every word with its prefix") {
  // 'ko*' cut to its 200 most frequent words lit Kocok and korupsinya, which it did not search.
  const Xapian::Database db = Sharded();
  rkn::QueryOptions three;
  three.wildcard_limit = 3;
  auto cut = rkn::ParseQuery("nuk*", TheAnalyzer(), db, three);
  REQUIRE(cut.ok());
  CHECK(cut->prefixes.empty());
  CHECK(cut->highlight == std::vector<std::string>{"nuka", "nukb", "nukc"});
  auto whole = rkn::ParseQuery("nuk*", TheAnalyzer(), db, rkn::QueryOptions());
  REQUIRE(whole.ok());
  CHECK(whole->prefixes == std::vector<std::string>{"nuk"});
  CHECK(whole->highlight.empty());
}
