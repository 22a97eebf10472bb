#include "common/explain.h"

#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "common/cleaner.h"
#include "common/datadir.h"
#include "common/furniture.h"
#include "common/indexer.h"
#include "common/metadata.h"
#include "common/shard_writer.h"
#include "common/text.h"

namespace fs = std::filesystem;

namespace rkn {

Status RunExplain(const ExplainOptions& opt, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Status& st) {
    err << "rkn-index: error: " << SafeForTerminal(st.ToString()) << "\n";  // names input paths
    return st;
  };
  auto data_dir = FindDataDir(opt.data_dir);
  if (!data_dir.ok()) return fail(data_dir.status());
  auto cleaner = Cleaner::Load(*data_dir, opt.rule_files);
  if (!cleaner.ok()) return fail(cleaner.status());
  auto walk = WalkRoots(opt.files);
  if (!walk.ok()) return fail(walk.status());
  Status last;
  // A file named on the command line that cannot be explained (an unknown type, unreadable) is
  // an error; inside a folder only the files rkn reads are explained, as a run indexes them.
  for (const auto& s : walk->skipped) {
    const fs::path& root = opt.files[std::min<size_t>(s.root, opt.files.size() - 1)];
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      // What an indexing run warns about in a folder (a FIFO, a dangling link, an unreadable
      // file) is said here too; what it passes over or only counts, this passes over.
      if (TreatmentOf(s, /*root_is_folder=*/true) == SkipTreatment::kWarned) {
        err << "rkn-index: warning: " << SafeForTerminal((s.rel_path.empty() ? root : root / s.rel_path).string()) << ": "
            << SafeForTerminal(SkipReasonShown(s)) << "\n";
      }
      continue;
    }
    last = fail(Status::InvalidArgument(root.string(), SkipReasonShown(s)));
  }
  // Site furniture as a run would drop it: what recurs among the files explained (a first pass,
  // as the indexer's), and what earlier runs into the database learned and kept.
  FurnitureModel furniture;
  for (const auto& f : walk->files) {
    (void)ReadInputFile(
        f, opt.read,
        [&](RawDocument&& raw) -> Status {
          furniture.ObserveText(index_internal::FurnitureKey(raw), raw.text);
          return Status::Ok();
        },
        [](const std::string&, const std::string&) {});  // reported by the second pass
  }
  furniture.Finalize();
  std::error_code exists_ec;
  if (!opt.db.empty() && fs::exists(opt.db, exists_ec)) {
    if (Status st = AddKeptFurniture(opt.db, furniture); !st.ok()) {
      err << "rkn-index: warning: " << SafeForTerminal(st.ToString()) << " (its site furniture is not shown)\n";
    }
  }
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  for (const auto& f : walk->files) {
    // As an indexing run shows them: the first ten records with one same problem, then their count.
    RepeatedWarnings warnings([&](const std::string& where, const std::string& what) {
      err << "rkn-index: warning: " << SafeForTerminal(ShownPath(f, where)) << ": " << SafeForTerminal(what) << "\n";
    }, opt.read.same_warnings_named);
    Status st = ReadInputFile(
        f, opt.read,
        [&](RawDocument&& raw) -> Status {
          CleanContext ctx;
          const std::string key = index_internal::FurnitureKey(raw);
          ctx.source = key;
          ctx.title = raw.title;
          ctx.furniture = &furniture;
          CleanResult cr = cleaner->Clean(raw.text, raw.first_line, ctx);
          const Article article = index_internal::MakeArticle(raw, cr);
          const ArticleMeta& m = article.meta;
          // Indexing would skip it: said here, so --explain does not show an article that is not.
          // A record's title alone is indexed where nothing is indexed under its id (a fresh database).
          const std::string skipped =
              index_internal::TitleOnlyRecord(article, raw) ? "" : index_internal::NoArticleTextReason(article, raw, cr);
          const std::string name = raw.record.empty() ? raw.path : raw.path + "#" + raw.record;
          if (opt.json) {
            for (const auto& d : cr.lines) {
              nlohmann::json j = {{"file", name},
                                  {"line", d.line},
                                  {"action", d.action == LineDecision::Action::kKeep ? "keep" : "drop"},
                                  {"rule", d.rule},
                                  {"text", d.text}};
              if (d.action == LineDecision::Action::kKeep && d.kept != d.text) j["kept"] = d.kept;
              out << j.dump(-1, ' ', false, kReplace) << "\n";
            }
            nlohmann::json meta = {{"title", m.title}, {"source", m.source}, {"published", m.published},
                                   {"author", m.author}, {"dateline", m.dateline}};
            nlohmann::json summary = {{"file", name}, {"meta", meta}};
            summary["skipped"] = skipped.empty() ? nlohmann::json(nullptr) : nlohmann::json(skipped);
            out << summary.dump(-1, ' ', false, kReplace) << "\n";
          } else {
            // The human listing is read on a terminal: what the file holds is shown escaped
            // (SafeForTerminal), so an escape sequence in a line is seen, not obeyed.
            out << "== " << SafeForTerminal(name) << "\n";
            for (const auto& d : cr.lines) {
              if (d.text.empty()) continue;
              const bool keep = d.action == LineDecision::Action::kKeep;
              std::string rule = d.rule;
              rule.resize(std::max<size_t>(rule.size(), 16), ' ');
              out << (keep ? "keep " : "DROP ") << d.line << "\t" << rule << " " << SafeForTerminal(keep ? d.kept : d.text) << "\n";
            }
            out << "-- title: " << SafeForTerminal(m.title) << "\n-- source: " << SafeForTerminal(m.source)
                << "\n-- published: " << m.published
                << (m.unread_date.empty() ? "" : " (date field \"" + SafeForTerminal(m.unread_date) + "\" not understood)")
                << "\n-- author: " << SafeForTerminal(m.author)
                << "\n-- dateline: " << SafeForTerminal(m.dateline) << "\n";
            if (!skipped.empty()) out << "-- skipped: " << skipped << "\n";
          }
          return Status::Ok();
        },
        [&](const std::string& where, const std::string& what) { warnings.Warn(where, what); });
    warnings.EndFile(f.rel_path);
    if (!st.ok()) last = fail(Status(st.code(), ShownPath(f, st.where()), st.message()));
  }
  return last;
}

}  // namespace rkn
