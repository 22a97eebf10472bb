// Alias groups: names that news writes several ways (KPK | Komisi Pemberantasan Korupsi,
// Korut | Korea Utara), read from data/aliases.txt. The analyzer turns them into a synonym table.
//
// File format: one group per line; alternatives separated by '|' (surrounding spaces trimmed);
// '#' starts a comment; blank lines are ignored. A group needs at least two alternatives, none
// empty and no two identical. Forms keep the case written in the file. A one-word form may start
// with markers: '=' (case-sensitive: "=AS" expands only when a query writes "AS", never "as")
// and '>' (query-only: ">UN" leads to its group, but a query for another form of the group does
// not search "un"); "=>UN" has both.
#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/status.h"

namespace rkn {

// One form of a group: its text as written without markers, and what the markers asked for.
struct AliasForm {
  std::string text;             // "AS", "Korea Utara"
  bool case_sensitive = false;  // '=': a query must write it exactly as `text`
  bool query_only = false;      // '>': not searched when a query names the group another way
  bool operator==(const AliasForm&) const = default;
};

// One group of interchangeable forms, in file order; `line` is its 1-based line number.
struct AliasGroup {
  std::vector<AliasForm> forms;
  int line = 0;
};

// The largest alias file read, the most forms a group has (each form's synonym entry lists the
// others, so a group's table grows with its size squared: 4,000 forms wrote 89 MB), and the
// longest form in bytes (a synonym key holds at most 255, with room for a field's prefix).
inline constexpr uint64_t kMaxAliasFileBytes = uint64_t{64} << 20;
inline constexpr size_t kMaxAliasGroupForms = 100;
inline constexpr size_t kMaxAliasFormBytes = 200;

// Parses alias groups from `text`; `where` names the source in error messages. Fails with
// InvalidArgument whose where() is "<where>:<line>" on an empty alternative, a group with one
// form or more than kMaxAliasGroupForms, a form longer than kMaxAliasFormBytes, a form repeated
// within its group, a marker on anything but one word of letters and digits, a case-sensitive
// form without a capital letter, a form that is only markers, or text that is not UTF-8 or holds
// a control character (CheckDataText).
Result<std::vector<AliasGroup>> ParseAliases(const std::string& text, const std::string& where);

// The text of alias file `file`, unparsed. Fails with NotFound naming the file when it does not
// exist, InvalidArgument when it is a folder, no regular file (/dev/zero, a FIFO) or larger than
// kMaxAliasFileBytes, and IOError when it cannot be read.
Result<std::string> ReadAliasFile(const std::filesystem::path& file);

// Reads and parses `file` (ReadAliasFile, then ParseAliases with the file as `where`).
Result<std::vector<AliasGroup>> LoadAliases(const std::filesystem::path& file);

// Loads every file in order and concatenates their groups; the first failure is returned.
Result<std::vector<AliasGroup>> LoadAliasFiles(const std::vector<std::filesystem::path>& files);

// A fingerprint of the alias file `data_dir`/aliases.txt as it is now: 16 hex digits of a hash of
// its bytes, or "none" when it does not exist (or cannot be read). Reads the file (a few
// kilobytes); never fails.
std::string AliasFileFingerprint(const std::filesystem::path& data_dir);

// Replaces the synonym table of `db` with `groups` (as Analyzer::alias_groups() gives them):
// every form of a group is a key whose synonyms are the group's other forms. The learned forms
// (kAliasLearnedMark) stay: they come from the articles indexed, which a run that changes none
// of them does not read again. The indexer writes it into every shard; the searcher into a
// throw-away table when its databases serve none. Throws Xapian::Error when `db` cannot be
// written (callers turn it into a Status).
void WriteSynonymTable(const std::vector<std::vector<std::string>>& groups, Xapian::WritableDatabase& db);

// The hyphenated words of `text` that news also writes as one word, as (joined, spaced) pairs in
// lowercase, in text order, repeats included: two parts of ASCII letters and digits around one
// hyphen, no more hyphenated parts on either side, where the first is one letter and the second
// two letters or more ("K-Pop": "kpop", "k pop"; "e-KTP", "X-Men"), or the first one to five
// letters (not "ke", the ordinal: "ke-3") and the second one to four digits ("U-16": "u16",
// "u 16"; "COVID-19", "F-35"), or the first a bound prefix that the standard spelling joins to the
// word after it, of three letters or more ("anti-korupsi": "antikorupsi", "anti korupsi";
// pasca-, pra-, non-, antar-, semi-, multi-, pro-, eks-, ...; the joined word may be a word, as
// "antikorupsi" is). Not, for one letter first, when `is_word` (given lowercase letters) says the
// joined word is a word of its own ("E-conomy": economy), or the letters before a number are ("Juli-29",
// "hari-24"), nor a clitic after a letter ("X-nya"). The spaced form is the phrase of the words
// the index holds for the hyphenated one. Never fails.
std::vector<std::pair<std::string, std::string>> LearnedHyphenForms(std::string_view text,
                                                                    const std::function<bool(const std::string&)>& is_word);

// Adds the learned forms of `pairs` (LearnedHyphenForms) to the synonym table of `db`, both ways
// ("kpop" -> "~k pop", "k pop" -> "~kpop"), skipping the pairs in `seen`, to which it adds them.
// Throws Xapian::Error.
void AddLearnedForms(const std::vector<std::pair<std::string, std::string>>& pairs, std::set<std::string>& seen,
                     Xapian::WritableDatabase& db);

}  // namespace rkn
