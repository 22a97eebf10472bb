// The line cleaner: decides for every line of an article whether it is article text or site
// boilerplate (ads, "Baca juga:" cross-references, navigation, footers, related-article blocks),
// and says which rule decided. Rules are data (data/rules/*.rules, plus user files).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace rkn {

class FurnitureModel;  // furniture.h: lines that recur across many articles of one source

// What the cleaner decided for one input line.
struct LineDecision {
  enum class Action { kKeep, kDrop };
  int line = 0;             // 1-based line number in the file
  Action action = Action::kKeep;
  std::string rule;         // name of the rule that decided ("content" for plain kept text)
  std::string text;         // the line as read (normalised)
  std::string kept;         // what is kept of it: == text, "" when dropped, or text with inline
                            // cross-references cut out (rule names the cut)
  std::string credit;       // the reporter's name when a parenthesised credit ("(Rakhmat Nur
                            // Hakim)") was cut from the end of the article here (rule "credit"),
                            // else ""
  std::string dateline_source;  // the domain of the news brand cut from the dateline that opens this
                                // line (rule "dateline-brand": "kompas.com"), else ""
};

// The cleaner's verdict on a whole article.
struct CleanResult {
  std::vector<LineDecision> lines;  // one per input line, in order, blank lines included
  // Rules that gave up on a line (a user's pattern that backtracks without end, stopped by
  // kRegexTimeLimit): "rule NAME (FILE:LINE) gave up on line N ...", for the indexer to warn.
  std::vector<std::string> warnings;
  // The kept, non-blank lines in order.
  std::vector<std::string> KeptLines() const;
};

// Context the cleaner may use; all optional.
struct CleanContext {
  std::string_view source;                  // known source domain, if any
  std::string_view title;                   // known title, if any (to drop repeats of it)
  const FurnitureModel* furniture = nullptr;  // corpus-learned furniture lines
};

// A set of cleaning rules. Immutable once loaded; safe to share between threads.
class Cleaner {
 public:
  // Loads the installed rules from `data_dir`/rules and then each of `extra_rule_files`.
  // Fails with the path and line of the first malformed rule, or of a fault that makes a file
  // no text (InvalidArgument, see CheckDataText), or NotFound.
  static Result<Cleaner> Load(const std::filesystem::path& data_dir,
                              const std::vector<std::filesystem::path>& extra_rule_files);

  // Cleans `text` (lines separated by '\n'); `first_line` numbers the first line. Never fails.
  CleanResult Clean(std::string_view text, int first_line, const CleanContext& ctx) const;

  // A version string that changes whenever the effective rules change (a hash of the rule files
  // plus the engine version); stored in the database.
  const std::string& version() const { return version_; }

  struct Impl;  // defined in cleaner.cc

 private:
  std::shared_ptr<const Impl> impl_;
  std::string version_;
};

}  // namespace rkn
