// Alias groups: names that news writes several ways (KPK | Komisi Pemberantasan Korupsi,
// Korut | Korea Utara), read from data/aliases.txt. The analyzer turns them into a synonym table.
//
// File format: one group per line; alternatives separated by '|' (surrounding spaces trimmed);
// '#' starts a comment; blank lines are ignored. A group needs at least two alternatives, none
// empty and no two identical. Forms keep the case written in the file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"

namespace rkn {

// One group of interchangeable forms, in file order; `line` is its 1-based line number.
struct AliasGroup {
  std::vector<std::string> forms;
  int line = 0;
};

// Parses alias groups from `text`; `where` names the source in error messages. Fails with
// InvalidArgument whose where() is "<where>:<line>" on an empty alternative, a group with one
// form, a form repeated within its group or invalid UTF-8.
Result<std::vector<AliasGroup>> ParseAliases(const std::string& text, const std::string& where);

// Reads and parses `file` (see ParseAliases). Fails with NotFound naming the file when it does
// not exist and IOError when it cannot be read.
Result<std::vector<AliasGroup>> LoadAliases(const std::filesystem::path& file);

// Loads every file in order and concatenates their groups; the first failure is returned.
Result<std::vector<AliasGroup>> LoadAliasFiles(const std::vector<std::filesystem::path>& files);

}  // namespace rkn
