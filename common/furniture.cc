#include "common/furniture.h"

#include <algorithm>

#include "common/text.h"

namespace rkn {

std::string_view FurnitureModel::Key(std::string_view line) const {
  line = Trim(line);
  if (line.empty() || line.size() > options_.max_line_bytes) return {};
  // A lone number or punctuation is not worth remembering.
  bool has_letter = false;
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z')) {
      has_letter = true;
      break;
    }
  }
  if (!has_letter) return {};
  const char last = line.back();
  if (last == '.' || last == '!' || last == '?') {
    size_t words = 1;
    for (size_t i = 1; i < line.size(); ++i) words += line[i] == ' ' && line[i - 1] != ' ';
    if (words >= options_.min_sentence_words && line.substr(line.size() - 3) != "...") return {};
  }
  return line;
}

void FurnitureModel::Observe(std::string_view source, const std::vector<std::string_view>& lines) {
  // Dedupe within the article first, outside the lock.
  std::vector<std::string_view> keys;
  keys.reserve(lines.size());
  for (auto line : lines) {
    auto k = Key(line);
    if (!k.empty()) keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::lock_guard<std::mutex> lock(mu_);
  auto& sc = counts_[std::string(source)];
  ++sc.articles;
  for (auto k : keys) {
    auto [it, inserted] = sc.lines.try_emplace(std::string(k), 0);
    ++it->second;
    if (inserted) ++tracked_;
  }
  if (tracked_ > options_.max_tracked_lines) PruneLocked();
}

void FurnitureModel::PruneLocked() {
  for (uint32_t floor = 1; tracked_ > options_.max_tracked_lines / 2; ++floor) {
    for (auto& [src, sc] : counts_) {
      for (auto it = sc.lines.begin(); it != sc.lines.end();) {
        if (it->second <= floor) {
          it = sc.lines.erase(it);
          --tracked_;
        } else {
          ++it;
        }
      }
    }
  }
}

size_t FurnitureModel::tracked_lines() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tracked_;
}

void FurnitureModel::ObserveText(std::string_view source, std::string_view text) {
  Observe(source, SplitLines(text));
}

void FurnitureModel::Merge(const FurnitureModel& other) {
  if (&other == this) return;
  std::scoped_lock lock(mu_, other.mu_);
  for (const auto& [src, oc] : other.counts_) {
    auto& sc = counts_[src];
    sc.articles += oc.articles;
    for (const auto& [line, n] : oc.lines) {
      auto [it, inserted] = sc.lines.try_emplace(line, 0);
      it->second += n;
      if (inserted) ++tracked_;
    }
  }
  if (tracked_ > options_.max_tracked_lines) PruneLocked();
}

void FurnitureModel::Finalize() {
  std::lock_guard<std::mutex> lock(mu_);
  furniture_.clear();
  for (auto& [src, sc] : counts_) {
    const double need = std::max(static_cast<double>(options_.min_articles),
                                 options_.min_fraction * static_cast<double>(sc.articles));
    for (auto& [line, n] : sc.lines) {
      if (static_cast<double>(n) >= need) furniture_[src].insert(line);
    }
  }
  counts_.clear();
  tracked_ = 0;
  finalized_ = true;
}

bool FurnitureModel::IsFurniture(std::string_view source, std::string_view line) const {
  if (!finalized_ || furniture_.empty()) return false;
  auto it = furniture_.find(std::string(source));
  if (it == furniture_.end()) return false;
  auto k = Key(line);
  return !k.empty() && it->second.count(std::string(k)) > 0;
}

void FurnitureModel::AddFurniture(std::string_view source, std::string_view line) {
  if (!finalized_) return;
  auto k = Key(line);
  if (!k.empty()) furniture_[std::string(source)].insert(std::string(k));
}

std::vector<std::string> FurnitureModel::Lines(std::string_view source) const {
  std::vector<std::string> out;
  auto it = furniture_.find(std::string(source));
  if (it != furniture_.end()) out.assign(it->second.begin(), it->second.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> FurnitureModel::Sources() const {
  std::vector<std::string> out;
  for (const auto& [src, set] : furniture_) {
    if (!set.empty()) out.push_back(src);
  }
  std::sort(out.begin(), out.end());
  return out;
}

size_t FurnitureModel::FurnitureCount(std::string_view source) const {
  auto it = furniture_.find(std::string(source));
  return it == furniture_.end() ? 0 : it->second.size();
}

std::vector<std::string> FurnitureModel::Dump() const {
  std::vector<std::string> out;
  for (const auto& [src, set] : furniture_) {
    for (const auto& line : set) out.push_back(src + "\t" + line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace rkn
