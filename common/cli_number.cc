#include "common/cli_number.h"

#include "common/text.h"

namespace rkn {

std::string NormalizeDecimalArg(std::string& arg) {
  size_t i = 0;
  const bool negative = !arg.empty() && arg[0] == '-';
  if (!arg.empty() && (arg[0] == '-' || arg[0] == '+')) i = 1;
  if (i == arg.size()) return "must be a whole number, not '" + SafeForTerminal(arg) + "'";
  for (size_t k = i; k < arg.size(); ++k) {
    if (arg[k] < '0' || arg[k] > '9') return "must be a whole number, not '" + SafeForTerminal(arg) + "'";
  }
  while (i + 1 < arg.size() && arg[i] == '0') ++i;
  std::string digits = arg.substr(i);  // built by insert, not "-" + ...: g++ 12 -Wrestrict
  if (negative && digits != "0") digits.insert(0, 1, '-');
  arg = std::move(digits);
  return "";
}

std::string FirstEmptyOptionValue(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a.size() > 3 && a.starts_with("--") && a.back() == '=' && a.find('=') == a.size() - 1) return a;
  }
  return "";
}

std::string EmptyOptionValueError(const std::vector<std::string>& args) {
  const std::string empty = FirstEmptyOptionValue(args);
  if (empty.empty()) return "";
  return empty.substr(0, empty.size() - 1) + ": empty value; give one, or leave the option out";
}

std::string FirstQueryTakenForOptions(const std::vector<std::string>& args, std::string_view flags, std::string_view numbers) {
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a.size() < 3 || a[0] != '-' || a[1] == '-') continue;
    if (flags.find(a[1]) == std::string_view::npos && numbers.find(a[1]) == std::string_view::npos) continue;
    size_t i = 1;
    while (i < a.size() && flags.find(a[i]) != std::string_view::npos) ++i;
    if (i < a.size() && numbers.find(a[i]) != std::string_view::npos) {
      ++i;
      while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
    }
    if (i < a.size()) return a;
  }
  return "";
}

std::string QueryTakenForOptionsError(const std::vector<std::string>& args, std::string_view flags, std::string_view numbers,
                                      std::string_view parser_said, std::string_view program) {
  const std::string arg = FirstQueryTakenForOptions(args, flags, numbers);
  if (arg.empty()) return "";
  if (parser_said.empty()) {
    for (const std::string& a : args) {
      if (a == "--") break;
      if (a == "-h" || a == "--help") return "";
    }
  } else if (parser_said.find(std::string_view(arg).substr(2)) == std::string_view::npos) {
    return "";
  }
  std::string msg = "'" + arg + "' was read as options (a query that starts with '-' goes after '--': ";
  msg += program;
  msg += " -- -word ...)";
  return msg;
}

}  // namespace rkn
