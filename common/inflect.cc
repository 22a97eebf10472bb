#include "common/inflect.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>

namespace rkn {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The prefixed stems "me"/"pe" + nasal can build on root: every nasal spelling with the root
// whole, and the one that replaces a dropped first consonant (p->m, t->n, k->ng, s->ny), plus
// menge-/penge- (monosyllabic roots: mengebom, pengecat). Overshoots on purpose.
void AddNasal(std::string_view base, std::string_view root, std::vector<std::string>& out) {
  const std::string b(base);
  for (const char* nasal : {"", "m", "n", "ng", "ny", "nge"}) out.push_back(b + nasal + std::string(root));
  if (root.size() < 2) return;
  const char first = root[0];
  const std::string_view rest = root.substr(1);
  const char* nasal = first == 'p' ? "m" : first == 't' ? "n" : first == 'k' ? "ng" : first == 's' ? "ny" : nullptr;
  if (nasal != nullptr && IsVowel(rest[0])) out.push_back(b + nasal + std::string(rest));
}

}  // namespace

std::vector<std::string> InflectionCandidates(std::string_view root) {
  if (root.empty() || !std::all_of(root.begin(), root.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return {std::string(root)};
  }
  std::vector<std::string> stems;
  const std::string r(root);
  stems.push_back(r);
  for (const char* p : {"di", "ter", "te", "ke", "se", "ber", "be", "bel", "per", "pe", "memper", "diper", "ku", "kau"}) {
    stems.push_back(p + r);
  }
  AddNasal("me", root, stems);
  AddNasal("pe", root, stems);
  std::vector<std::string> out;
  out.reserve(stems.size() * 4 * (std::size(kClitics) + 1));
  for (const std::string& s : stems) {
    for (const char* suffix : {"", "kan", "i", "an"}) {
      const std::string with_suffix = s + suffix;
      out.push_back(with_suffix);
      for (std::string_view clitic : kClitics) out.push_back(with_suffix + std::string(clitic));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rkn
