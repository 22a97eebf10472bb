// Fuzzes the line cleaner (common/cleaner.h) with the installed rules and a small furniture
// model: input = "source\ntitle\ntext..." (the first two lines are the cleaning context).
#include <cstdint>
#include <string>

#include "common/cleaner.h"
#include "common/furniture.h"
#include "fuzz/fuzz_common.h"

namespace {

const rkn::Cleaner& TheCleaner() {
  static const rkn::Cleaner c = rkn::fuzz::MustLoad(rkn::Cleaner::Load(RKN_FUZZ_DATADIR, {}), "rules");
  return c;
}

const rkn::FurnitureModel& TheFurniture() {
  static const rkn::FurnitureModel* m = [] {
    auto* model = new rkn::FurnitureModel(rkn::FurnitureOptions{2, 0.0, 80});
    for (int i = 0; i < 3; ++i) model->ObserveText("tribunnews.com", "Tribun\nIkuti kami di Google News\nBerita " + std::to_string(i));
    model->Finalize();
    return model;
  }();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return -1;
  const std::string text = rkn::fuzz::ReaderText(rkn::fuzz::Bytes(data, size));
  std::string_view source, title;
  std::string_view body = rkn::fuzz::TakeLine(text, &source);
  body = rkn::fuzz::TakeLine(body, &title);
  rkn::CleanContext ctx;
  ctx.source = source;
  ctx.title = title;
  ctx.furniture = &TheFurniture();
  const rkn::CleanResult r = TheCleaner().Clean(body, 3, ctx);
  // Invariants the indexer relies on: one decision per line, kept text is part of the line.
  size_t lines = 0;
  for (const auto& d : r.lines) {
    if (d.action == rkn::LineDecision::Action::kDrop && !d.kept.empty()) __builtin_trap();
    if (d.rule.empty()) __builtin_trap();
    if (!rkn::IsValidUtf8(d.kept)) __builtin_trap();
    ++lines;
  }
  if (lines != rkn::SplitLines(body).size()) __builtin_trap();
  (void)r.KeptLines();
  return 0;
}
