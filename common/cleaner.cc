// Placeholder cleaner (foundation): drops "Baca juga:" lines. Replaced by the rule-driven cleaner.
#include "common/cleaner.h"

#include "common/text.h"

namespace rkn {

struct Cleaner::Impl {};

std::vector<std::string> CleanResult::KeptLines() const {
  std::vector<std::string> out;
  for (const auto& d : lines) {
    if (d.action == LineDecision::Action::kKeep && !Trim(d.kept).empty()) out.emplace_back(Trim(d.kept));
  }
  return out;
}

Result<Cleaner> Cleaner::Load(const std::filesystem::path&, const std::vector<std::filesystem::path>&) {
  Cleaner c;
  c.impl_ = std::make_shared<Impl>();
  c.version_ = "placeholder-1";
  return c;
}

CleanResult Cleaner::Clean(std::string_view text, int first_line, const CleanContext&) const {
  CleanResult r;
  int n = first_line;
  for (auto line : SplitLines(text)) {
    LineDecision d;
    d.line = n++;
    d.text = std::string(line);
    if (Trim(line).starts_with("Baca juga:")) {
      d.action = LineDecision::Action::kDrop;
      d.rule = "cross-reference";
    } else {
      d.rule = Trim(line).empty() ? "blank" : "content";
      d.kept = d.text;
    }
    r.lines.push_back(std::move(d));
  }
  return r;
}

}  // namespace rkn
