// Varied text for tests that need input that does not compress to nothing (gzip cut at a given
// size) or records that differ: a fixed linear congruential sequence, so runs repeat exactly.
#pragma once

#include <string>

namespace rkn::test {

// `n` words " kataNNN" drawn from the sequence in `*state` (advanced past them). Never fails.
inline std::string VariedWords(unsigned* state, int n) {
  std::string out;
  for (int k = 0; k < n; ++k) {
    *state = *state * 1103515245u + 12345u;
    out += " kata";
    out += std::to_string(*state >> 8);
  }
  return out;
}

}  // namespace rkn::test
