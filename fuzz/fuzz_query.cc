// Fuzzes the query path (common/query.h, common/snippet.h): ParseQuery with the real analyzer
// against a small database built once from corpus/ (in a temporary folder) (so wildcards, aliases and spelling
// have something to expand), then the match and the snippets of the hits. The input is the query
// text; an odd-length input uses the --any operator.
#include <algorithm>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/cleaner.h"
#include "common/document.h"
#include "common/metadata.h"
#include "common/query.h"
#include "common/snippet.h"
#include "fuzz/fuzz_common.h"

namespace {

struct Fixture {
  std::shared_ptr<const rkn::Analyzer> analyzer;
  // On disk: the in-memory backend has no spelling or synonym tables. Removed at exit.
  std::filesystem::path dir;
  Xapian::WritableDatabase db;
  std::vector<std::string> texts;  // body of each docid - 1
  Xapian::Stem stem;
};

// Indexes corpus/*.txt the way rkn-index does (clean, metadata, DocumentBuilder, aliases as
// synonyms), into a temporary glass database.
Fixture* Build() {
  auto* f = new Fixture();
  char tmpl[] = "/tmp/rkn-fuzz-query-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) std::abort();
  f->dir = tmpl;
  static const std::filesystem::path dir = f->dir;
  std::atexit([] { std::filesystem::remove_all(dir); });
  f->db = Xapian::WritableDatabase((f->dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  f->analyzer = rkn::fuzz::MustLoad(rkn::Analyzer::Load(RKN_FUZZ_DATADIR, {}), "analyzer");
  f->stem = f->analyzer->MakeStem();
  const rkn::Cleaner cleaner = rkn::fuzz::MustLoad(rkn::Cleaner::Load(RKN_FUZZ_DATADIR, {}), "rules");
  rkn::DocumentBuilder builder(f->analyzer);
  builder.EnableSpelling(f->db);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(RKN_FUZZ_CORPUSDIR)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    rkn::RawDocument raw;
    raw.id = raw.path = path.filename().string();
    raw.type = "txt";
    raw.text = rkn::fuzz::ReaderText(ss.str());
    const rkn::CleanResult cleaned = cleaner.Clean(raw.text, 1, rkn::CleanContext{});
    rkn::Article a;
    a.meta = rkn::ExtractMetadata(raw, cleaned);
    a.id = raw.id;
    a.path = raw.path;
    a.type = raw.type;
    std::string body;
    for (const auto& d : cleaned.lines) {
      if (d.action != rkn::LineDecision::Action::kKeep || d.rule == "title") continue;
      const auto t = rkn::Trim(d.kept);
      if (t.empty()) continue;
      a.paragraphs.emplace_back(t);
      body += std::string(t) + "\n";
    }
    f->db.add_document(builder.Build(a, "0:0:0"));
    f->texts.push_back(body);
  }
  for (const auto& group : f->analyzer->alias_groups()) {
    for (const auto& key : group) {
      for (const auto& other : group) {
        if (other != key) f->db.add_synonym(key, other);
      }
    }
  }
  f->db.commit();
  return f;
}

Fixture& TheFixture() {
  static Fixture* f = Build();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)TheFixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return -1;  // ParseQuery refuses more than 4096 bytes anyway
  Fixture& f = TheFixture();
  const std::string text(rkn::fuzz::Bytes(data, size));
  rkn::QueryOptions options;
  options.default_op = size % 2 ? rkn::DefaultOperator::kOr : rkn::DefaultOperator::kAnd;
  auto parsed = rkn::ParseQuery(text, *f.analyzer, f.db, options);
  if (!parsed.ok()) {
    if (parsed.status().message().empty()) __builtin_trap();
    return 0;
  }
  for (const auto& w : parsed->words) {
    if (w.begin >= w.end || w.end > parsed->text.size()) __builtin_trap();
  }
  try {
    Xapian::Enquire enquire(f.db);
    enquire.set_query(parsed->query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    const rkn::HighlightSet hs{parsed->highlight, parsed->prefixes, parsed->phrases, parsed->nears};
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const rkn::Snippet s = rkn::MakeSnippet(f.texts.at(*it - 1), hs, f.stem, rkn::SnippetOptions{});
      if (!rkn::IsValidUtf8(s.text)) __builtin_trap();
      (void)rkn::RenderSnippet(s, "[", "]");
    }
  } catch (const Xapian::Error&) {
    // The searcher turns these into a Status; nothing to check here.
  }
  return 0;
}
