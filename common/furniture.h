// Site furniture learned from the corpus: short lines ("Tribun", "Ikuti kami di", a newsletter
// prompt) that recur in many articles of the same source are boilerplate even when no rule names
// them. The indexer feeds every article of the corpus through Observe() in a first pass, calls
// Finalize() once, and hands the model to the cleaner (CleanContext::furniture), which drops such
// lines with rule name "furniture".
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace rkn {

// Thresholds for Finalize().
struct FurnitureOptions {
  // A line is furniture when it occurs in at least `min_articles` articles of one source...
  size_t min_articles = 5;
  // ...and in at least this fraction of that source's observed articles.
  double min_fraction = 0.02;
  // Only lines up to this many bytes (after trimming) are candidates: a recurring long paragraph
  // is syndicated text, not furniture.
  size_t max_line_bytes = 80;
  // A line of this many words or more that ends a sentence (., ! or ?) is news text, never
  // furniture: a story series repeats its background ("Gempa bermagnitudo 7,4 mengguncang
  // Donggala dan Palu." in every update), while furniture is prompts, credits and labels.
  size_t min_sentence_words = 6;
  // Memory bound: when more distinct lines than this are being counted (over all sources), the
  // rarest are forgotten (count 1 first, then 2, ...), so the first pass stays bounded whatever the
  // corpus size. Lines frequent enough to be furniture are never near the floor.
  size_t max_tracked_lines = 1000000;
};

// Counts, per source, in how many articles each short line occurs.
//
// Thread safety: Observe() and Merge() may be called concurrently from several threads (an internal
// mutex guards the counts); alternatively give each thread its own model and Merge() them.
// Finalize() must not race with Observe(). After Finalize(), IsFurniture() is const and safe to
// call from any number of threads.
class FurnitureModel {
 public:
  explicit FurnitureModel(FurnitureOptions options = {}) : options_(options) {}
  FurnitureModel(const FurnitureModel&) = delete;
  FurnitureModel& operator=(const FurnitureModel&) = delete;

  // Records the lines of one article of `source` ("" when unknown: all unknown-source articles
  // then form one group). Each distinct candidate line counts once per article. Never fails.
  void Observe(std::string_view source, const std::vector<std::string_view>& lines);
  // Convenience overload: `text` is split on '\n'.
  void ObserveText(std::string_view source, std::string_view text);

  // Adds the counts of `other` (not finalized) to this model.
  void Merge(const FurnitureModel& other);

  // Decides which lines are furniture; counts are released. Call once, after the last Observe().
  void Finalize();

  // Adds `line` as furniture of `source` (lines learned by earlier runs and kept in the
  // database). Only after Finalize(); ignored when the line is no candidate (too long, no letter).
  void AddFurniture(std::string_view source, std::string_view line);

  // The furniture lines of `source`, sorted (empty before Finalize()).
  std::vector<std::string> Lines(std::string_view source) const;

  // The sources that have furniture, sorted.
  std::vector<std::string> Sources() const;

  // True when `line` (trimmed before lookup) is furniture of `source`. Before Finalize(), false.
  bool IsFurniture(std::string_view source, std::string_view line) const;

  // Number of distinct lines being counted (before Finalize()); for tests of the memory bound.
  size_t tracked_lines() const;

  // Number of furniture lines found for `source` (0 before Finalize()); for reports and tests.
  size_t FurnitureCount(std::string_view source) const;

  // The furniture lines of every source as "source\tline", sorted; for `--explain`-style dumps.
  std::vector<std::string> Dump() const;

 private:
  struct SourceCounts {
    size_t articles = 0;
    std::unordered_map<std::string, uint32_t> lines;
  };
  // The key a line is counted and looked up under: trimmed; empty when it is no candidate.
  std::string_view Key(std::string_view line) const;
  // Forgets the rarest lines until at most half of max_tracked_lines remain. Caller holds mu_.
  void PruneLocked();

  FurnitureOptions options_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, SourceCounts> counts_;
  std::unordered_map<std::string, std::unordered_set<std::string>> furniture_;
  bool finalized_ = false;
  size_t tracked_ = 0;  // distinct lines in counts_
};

}  // namespace rkn
