// Measured cleaning quality on the hand-labelled set in tests/data/labelled/: every line of 49
// articles (the five seeds, detik, CNBC Indonesia, ANTARA, kompas, okezone, sindonews, tribunnews,
// tempo) is marked K (article text) or D (boilerplate) by reading the article. NAME.txt holds the
// lines as "K\t<line>" / "D\t<line>"; NAME.json the reader's hints and, for the seeds, the exact
// expected metadata. Lines whose cross-reference is cut out inline are labelled K.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/cleaner.h"
#include "common/metadata.h"
#include "common/text.h"

namespace rkn {
namespace {

struct Labelled {
  std::string name;
  std::vector<char> labels;  // 'K' or 'D' per line
  std::vector<std::string> lines;
  nlohmann::json sidecar;
};

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Labelled> LoadSet() {
  std::vector<Labelled> out;
  const auto dir = std::filesystem::path(RKN_TEST_DATADIR) / "labelled";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    Labelled a;
    a.name = f.stem().string();
    const std::string content = ReadAll(f);
    for (auto line : SplitLines(content)) {
      REQUIRE_MESSAGE(line.size() >= 2, a.name << ": unlabelled line");
      REQUIRE_MESSAGE(((line[0] == 'K' || line[0] == 'D') && line[1] == '\t'), a.name << ": bad label");
      a.labels.push_back(line[0]);
      a.lines.emplace_back(line.substr(2));
    }
    auto side = f;
    side.replace_extension(".json");
    if (std::filesystem::exists(side)) a.sidecar = nlohmann::json::parse(ReadAll(side));
    out.push_back(std::move(a));
  }
  return out;
}

std::string Hint(const nlohmann::json& j, const char* key) {
  if (!j.contains("hints") || !j["hints"].contains(key) || !j["hints"][key].is_string()) return "";
  return j["hints"][key].get<std::string>();
}

TEST_CASE("Cleaner quality on the labelled set: drop precision >= 0.98, recall >= 0.97, seeds exact") {
  auto loaded = Cleaner::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
  REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
  const Cleaner& cleaner = loaded.value();
  const auto set = LoadSet();
  REQUIRE(set.size() >= 45);

  size_t tp = 0, fp = 0, fn = 0, tn = 0, seed_lost = 0, meta_fields = 0, meta_right = 0;
  for (const auto& a : set) {
    std::string text;
    for (const auto& l : a.lines) text += l + "\n";
    RawDocument raw;
    raw.text = NormalizeText(text);
    raw.title = Hint(a.sidecar, "title");
    raw.source = Hint(a.sidecar, "source");
    raw.url = Hint(a.sidecar, "url");
    raw.date = Hint(a.sidecar, "date");
    raw.time = Hint(a.sidecar, "time");
    CleanContext ctx;
    ctx.title = raw.title;
    ctx.source = raw.source;
    auto r = cleaner.Clean(raw.text, 1, ctx);
    REQUIRE_MESSAGE(r.lines.size() == a.lines.size(), a.name << ": line count changed by normalisation");
    const bool seed = a.sidecar.value("seed", false);
    for (size_t i = 0; i < a.lines.size(); ++i) {
      if (Trim(a.lines[i]).empty()) continue;
      const bool want_drop = a.labels[i] == 'D';
      const bool dropped = r.lines[i].action == LineDecision::Action::kDrop;
      if (want_drop && dropped) ++tp;
      if (!want_drop && !dropped) ++tn;
      if (!want_drop && dropped) {
        ++fp;
        if (seed) ++seed_lost;
        MESSAGE(a.name << ":" << i + 1 << " wrongly dropped [" << r.lines[i].rule << "] " << a.lines[i].substr(0, 100));
      }
      if (want_drop && !dropped) {
        ++fn;
        MESSAGE(a.name << ":" << i + 1 << " wrongly kept [" << r.lines[i].rule << "] " << a.lines[i].substr(0, 100));
      }
    }
    if (seed && a.sidecar.contains("expect")) {
      const auto& e = a.sidecar["expect"];
      auto m = ExtractMetadata(raw, r);
      const std::vector<std::pair<const char*, std::string>> got = {
          {"title", m.title}, {"source", m.source}, {"published", m.published}, {"author", m.author}, {"dateline", m.dateline}};
      for (const auto& [field, value] : got) {
        ++meta_fields;
        const std::string want = e.value(field, "");
        if (value == want) {
          ++meta_right;
        } else {
          MESSAGE(a.name << " metadata " << field << ": got '" << value << "', want '" << want << "'");
        }
      }
    }
  }
  const double precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0;
  const double recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 1.0;
  const double meta_acc = meta_fields ? static_cast<double>(meta_right) / static_cast<double>(meta_fields) : 1.0;
  MESSAGE("labelled set: " << set.size() << " articles, " << tp + fp + fn + tn << " non-blank lines, " << tp + fn
                           << " boilerplate; drop precision " << precision << " (" << tp << "/" << tp + fp
                           << "), recall " << recall << " (" << tp << "/" << tp + fn << "); seed metadata "
                           << meta_right << "/" << meta_fields << " fields (" << meta_acc << ")");
  CHECK(precision >= 0.98);
  CHECK(recall >= 0.97);
  CHECK(seed_lost == 0);
  CHECK(meta_right == meta_fields);
}

}  // namespace
}  // namespace rkn
