#include "common/cli_number.h"

#include <algorithm>

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

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Where the bundle of short options that `arg` ("-ln5") starts with ends: past its flags, then at
// most one number option with its digits. arg.size() when `arg` is a bundle whole.
size_t ShortBundleEnd(std::string_view arg, std::string_view flags, std::string_view numbers) {
  size_t i = 1;
  while (i < arg.size() && flags.find(arg[i]) != std::string_view::npos) ++i;
  if (i < arg.size() && numbers.find(arg[i]) != std::string_view::npos) {
    ++i;
    while (i < arg.size() && IsDigit(arg[i])) ++i;
  }
  return i;
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// For a short number option written with '=' ("-j=4", "-n=5", the long options' way), the
// hint "a short option takes its value after a space or joined: -j 4 or -j4"; else "".
std::string ShortValueWithEqualsHint(std::string_view word, std::string_view numbers) {
  if (word.size() < 4 || word[0] != '-' || word[2] != '=' || numbers.find(word[1]) == std::string_view::npos) return "";
  const std::string option(word.substr(0, 2));
  const std::string_view value = word.substr(3);
  std::string hint = "a short option takes its value after a space or joined: ";
  hint += option;
  hint += ' ';
  hint += value;
  hint += " or ";
  hint += option;
  hint += value;
  return hint;
}

}  // namespace

std::string FirstQueryTakenForOptions(const std::vector<std::string>& args, std::string_view flags, std::string_view numbers) {
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a.size() < 3 || a[0] != '-' || a[1] == '-') continue;
    if (flags.find(a[1]) == std::string_view::npos && numbers.find(a[1]) == std::string_view::npos) continue;
    if (ShortBundleEnd(a, flags, numbers) < a.size()) return a;
  }
  return "";
}

std::string FirstWordTakenForOptions(const std::vector<std::string>& args, const OptionSyntax& syntax) {
  const std::string_view flags = syntax.short_flags, numbers = syntax.short_numbers;
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--") break;
    if (a.starts_with("--")) {
      // Its value is the next argument, whatever that looks like ("--db -x.db").
      if (a.find('=') == std::string::npos && Contains(syntax.long_values, std::string_view(a).substr(2))) ++k;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') continue;
    // The parser takes "-4" as an operand (a negative number) unless a short option is that digit.
    if (IsDigit(a[1]) && flags.find(a[1]) == std::string_view::npos && numbers.find(a[1]) == std::string_view::npos) {
      continue;
    }
    if (ShortBundleEnd(a, flags, numbers) < a.size()) return a;
    if (numbers.find(a.back()) != std::string_view::npos) ++k;  // "-qj": the number is the next argument
  }
  return "";
}

std::string PathTakenForOptionsError(std::string_view word, const OptionSyntax& syntax, std::string_view program) {
  // Appends only: "literal" + std::string trips a GCC 12 -Wrestrict false positive here.
  std::string msg = "'";
  msg += word;
  msg += "' was read as options (";
  std::string_view name = word.substr(1);
  name = name.substr(0, name.find('='));
  if (std::string hint = ShortValueWithEqualsHint(word, syntax.short_numbers); !hint.empty()) {
    msg += hint;
  } else if (Contains(syntax.long_flags, name) || Contains(syntax.long_values, name)) {
    msg += "long options take two dashes: -";
    msg += word;
  } else {
    msg += "a path that starts with '-' goes after '--': ";
    msg += program;
    msg += " -- ";
    msg += word;
  }
  return msg += ")";
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
  if (std::string hint = ShortValueWithEqualsHint(arg, numbers); !hint.empty()) return "'" + arg + "' was read as options (" + hint + ")";
  std::string msg = "'" + arg + "' was read as options (a query that starts with '-' goes after '--': ";
  msg += program;
  msg += " -- -word ...)";
  return msg;
}

std::string UnexpectedArgumentsError(const std::vector<std::string>& args, std::string_view parser_said, std::string_view program,
                                     const std::vector<std::string>& long_options) {
  std::string hint = " (a query that starts with '-' goes after '--': ";
  hint += program;
  hint += " -- -word ...)";
  const size_t colon = parser_said.find(" not expected: ");
  if (colon == std::string_view::npos) return std::string(parser_said) + hint;
  // CLI11 2.1 lists the arguments separated by spaces (an argument holding one is ambiguous there).
  std::vector<std::string_view> extras;
  std::string_view rest = parser_said.substr(colon + std::string_view(" not expected: ").size());
  while (!rest.empty()) {
    const size_t space = std::min(rest.find(' '), rest.size());
    if (space > 0) extras.push_back(rest.substr(0, space));
    rest.remove_prefix(std::min(space + 1, rest.size()));
  }
  if (extras.empty()) return std::string(parser_said) + hint;
  auto place = [&args](std::string_view a) { return std::find(args.begin(), args.end(), a) - args.begin(); };
  std::stable_sort(extras.begin(), extras.end(), [&](std::string_view a, std::string_view b) { return place(a) < place(b); });
  std::string msg;
  for (size_t i = 0; i < extras.size(); ++i) {
    if (i > 0) msg += i + 1 == extras.size() ? " and " : ", ";
    msg += "'";
    msg += extras[i];
    msg += "'";
  }
  msg += extras.size() == 1 ? " is no option" : " are no options";
  // "--jsn": a long option mistyped, not a query's word.
  if (extras.size() == 1 && extras[0].size() > 3 && extras[0].starts_with("--")) {
    const std::string_view name = extras[0].substr(0, extras[0].find('='));
    std::string best;
    size_t best_distance = 3, ties = 0;
    for (const std::string& option : long_options) {
      if (!option.starts_with("--")) continue;  // a short one ("-n") is no long one mistyped
      const size_t d = EditDistance(name, option);
      if (d < best_distance) {
        best = option, best_distance = d, ties = 0;
      } else if (d == best_distance) {
        ++ties;
      }
    }
    if (!best.empty() && ties == 0) return msg + " (did you mean " + best + "?)";
  }
  return msg + hint;
}

}  // namespace rkn
