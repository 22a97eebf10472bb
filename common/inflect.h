// Inflected forms of an Indonesian root, for operators that match words at positions (NEAR):
// the index keeps positions for the words as written, not for their stems, so "pasukan NEAR/5
// rusia" can only find "pasukannya" if the query lists that form. InflectionCandidates spells out
// what the affixes the stemmer strips (common/stemmer.h) could have built on a root; the query
// parser keeps the candidates that occur in the database and that the stemmer maps back to the
// root, so the generation may overshoot but never decides alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rkn {

// The particles and possessives a word may end in (-lah, -nya, ...), which the stemmer strips.
inline constexpr std::string_view kClitics[] = {"nya", "lah", "kah", "tah", "pun", "ku", "mu"};

// The strings Indonesian affixation can build on `root` (lowercase ASCII letters; anything else
// gives just the root): prefixes meN-/peN- with each nasal and the dropped first consonant
// (p->m, t->n, k->ng, s->ny), ber-/be-/bel-, ter-/te-, per-/pe-, di-, ke-, se-, memper-, diper-,
// the proclitics ku-/kau-, each with or without the suffix -kan/-i/-an, each with or without one
// particle or possessive (kClitics). Sorted, without duplicates, the root
// itself included. A superset of the real forms: most candidates are words of no one; never
// fails. About 800 strings for a root.
std::vector<std::string> InflectionCandidates(std::string_view root);

}  // namespace rkn
