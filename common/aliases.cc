#include "common/aliases.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "common/analyzer.h"
#include "common/file.h"
#include "common/text.h"

namespace rkn {

namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits the leading markers ('=' case-sensitive, '>' query-only) off one trimmed alternative.
Result<AliasForm> ParseForm(std::string_view written) {
  AliasForm f;
  std::string_view rest = written;
  while (!rest.empty() && (rest.front() == '=' || rest.front() == '>')) {
    bool& flag = rest.front() == '=' ? f.case_sensitive : f.query_only;
    if (flag) {
      return Status::InvalidArgument("", "marker '" + std::string(1, rest.front()) + "' repeated in '" +
                                             std::string(written) + "'");
    }
    flag = true;
    rest.remove_prefix(1);
  }
  rest = TrimSpaces(rest);
  if (rest.empty()) return Status::InvalidArgument("", "alternative '" + std::string(written) + "' is only markers");
  const bool marked = f.case_sensitive || f.query_only;
  // A marked form is looked up as one query word, so it must be one token: letters and digits.
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  if (marked && !std::all_of(rest.begin(), rest.end(), word_char)) {
    return Status::InvalidArgument(
        "", "markers '=' and '>' apply to single words of letters and digits, not '" + std::string(rest) + "'");
  }
  if (f.case_sensitive && std::none_of(rest.begin(), rest.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return Status::InvalidArgument("", "case-sensitive form '" + std::string(rest) + "' has no capital letter");
  }
  f.text = std::string(rest);
  return f;
}

}  // namespace

Result<std::vector<AliasGroup>> ParseAliases(const std::string& text, const std::string& where) {
  if (Status s = CheckDataText(text, where); !s.ok()) return s;
  std::vector<AliasGroup> groups;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string at = where + ":" + std::to_string(line_no);
    if (!IsValidUtf8(line)) return Status::InvalidArgument(at, "invalid UTF-8");
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = TrimSpaces(line);
    if (line.empty()) continue;

    AliasGroup group;
    group.line = line_no;
    size_t start = 0;
    while (true) {
      size_t bar = line.find('|', start);
      std::string_view form =
          TrimSpaces(line.substr(start, bar == std::string_view::npos ? bar : bar - start));
      if (form.empty()) return Status::InvalidArgument(at, "empty alternative");
      if (form.size() > kMaxAliasFormBytes) {
        size_t cut = 40;  // the start of it, cut before a character
        while (cut > 0 && (static_cast<unsigned char>(form[cut]) & 0xC0) == 0x80) --cut;
        return Status::InvalidArgument(at, "alternative '" + std::string(form.substr(0, cut)) + "...' is longer than " +
                                               std::to_string(kMaxAliasFormBytes) + " bytes");
      }
      if (group.forms.size() == kMaxAliasGroupForms) {
        return Status::InvalidArgument(at, "group '" + group.forms.front().text + "' has more than " +
                                               std::to_string(kMaxAliasGroupForms) + " forms");
      }
      auto parsed = ParseForm(form);
      if (!parsed.ok()) return Status::InvalidArgument(at, parsed.status().message());
      auto same_text = [&](const AliasForm& f) { return f.text == parsed->text; };
      if (std::find_if(group.forms.begin(), group.forms.end(), same_text) != group.forms.end()) {
        return Status::InvalidArgument(at, "alternative '" + parsed->text + "' repeated");
      }
      group.forms.push_back(std::move(parsed.value()));
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    if (group.forms.size() < 2) {
      return Status::InvalidArgument(
          at, "group '" + group.forms.front().text + "' has only one form (separate forms with '|')");
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

Result<std::string> ReadAliasFile(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return Status::NotFound(file.string(), "alias file not found");
  }
  // A regular file of at most kMaxAliasFileBytes: a folder was read as an empty file (dropping
  // the database's own groups), /dev/zero until memory ran out, a FIFO waited on forever.
  std::string text;
  size_t len = 0;
  if (Status s = AppendWholeFile(file, "alias file", kMaxAliasFileBytes, &text, &len); !s.ok()) return s;
  return text;
}

Result<std::vector<AliasGroup>> LoadAliases(const std::filesystem::path& file) {
  auto text = ReadAliasFile(file);
  if (!text.ok()) return text.status();
  return ParseAliases(*text, file.string());
}

std::string AliasFileFingerprint(const std::filesystem::path& data_dir) {
  std::string text;
  size_t len = 0;
  if (!AppendWholeFile(data_dir / "aliases.txt", "alias file", kMaxAliasFileBytes, &text, &len).ok()) return "none";
  return Hex64(HashWords64(text));
}

Result<std::vector<AliasGroup>> LoadAliasFiles(const std::vector<std::filesystem::path>& files) {
  std::vector<AliasGroup> all;
  for (const auto& file : files) {
    auto groups = LoadAliases(file);
    if (!groups.ok()) return groups.status();
    for (AliasGroup& g : groups.value()) all.push_back(std::move(g));
  }
  return all;
}

void WriteSynonymTable(const std::vector<std::vector<std::string>>& groups, Xapian::WritableDatabase& db) {
  std::vector<std::string> keys;
  for (auto it = db.synonym_keys_begin(); it != db.synonym_keys_end(); ++it) keys.push_back(*it);
  for (const auto& k : keys) {
    std::vector<std::string> learned;
    for (auto it = db.synonyms_begin(k); it != db.synonyms_end(k); ++it) {
      if (!(*it).empty() && (*it)[0] == kAliasLearnedMark) learned.push_back(*it);
    }
    db.clear_synonyms(k);
    for (const auto& form : learned) db.add_synonym(k, form);
  }
  for (const auto& group : groups) {
    for (const auto& key : group) {
      for (const auto& other : group) {
        if (other != key) db.add_synonym(key, other);
      }
    }
  }
}

std::vector<std::pair<std::string, std::string>> LearnedHyphenForms(std::string_view text,
                                                                    const std::function<bool(const std::string&)>& is_word) {
  std::vector<std::pair<std::string, std::string>> out;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  // A part's neighbour that is a letter or digit of UTF-8, or a hyphen, makes it part of more.
  auto part_of_more = [&](char c) { return alnum(c) || c == '-' || static_cast<unsigned char>(c) >= 0x80; };
  for (size_t dash = text.find('-'); dash != std::string_view::npos; dash = text.find('-', dash + 1)) {
    size_t b = dash, e = dash + 1;
    while (b > 0 && alnum(text[b - 1])) --b;
    while (e < text.size() && alnum(text[e])) ++e;
    if (b == dash || e == dash + 1) continue;
    if ((b > 0 && part_of_more(text[b - 1])) || (e < text.size() && part_of_more(text[e]))) continue;
    const std::string first = ToLower(text.substr(b, dash - b)), second = ToLower(text.substr(dash + 1, e - dash - 1));
    const auto letters = [](const std::string& s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; }); };
    const auto digits = [](const std::string& s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    static const std::set<std::string, std::less<>> kClitics = {"nya", "ku", "mu", "lah", "kah", "pun"};
    const bool letter_word = first.size() == 1 && letters(first) && second.size() >= 2 && letters(second) &&
                             !kClitics.contains(second) && !is_word(first + second);
    const bool name_number = first.size() <= 5 && first != "ke" && letters(first) && second.size() <= 4 && digits(second) &&
                             (first.size() == 1 || !is_word(first));
    // A bound prefix before a word, which the standard spelling joins ("anti-korupsi" is
    // antikorupsi, "pasca-gempa" pascagempa): news writes both, and the joined word is a word.
    static const std::set<std::string, std::less<>> kBoundPrefixes = {
        "anti", "antar", "pasca", "pra", "non", "semi", "multi", "pro", "nir", "swa", "sub", "super", "ultra",
        "eks", "kontra", "inter", "intra", "mega", "mini", "neo", "trans", "pan"};
    const bool bound_prefix = kBoundPrefixes.contains(first) && second.size() >= 3 && letters(second) && !kClitics.contains(second);
    if (letter_word || name_number || bound_prefix) out.emplace_back(first + second, first + " " + second);
  }
  return out;
}

void AddLearnedForms(const std::vector<std::pair<std::string, std::string>>& pairs, std::set<std::string>& seen,
                     Xapian::WritableDatabase& db) {
  for (const auto& [joined, spaced] : pairs) {
    if (!seen.insert(joined).second) continue;
    db.add_synonym(joined, kAliasLearnedMark + spaced);
    db.add_synonym(spaced, kAliasLearnedMark + joined);
  }
}

}  // namespace rkn
