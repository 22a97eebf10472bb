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
  arg = (negative && arg.substr(i) != "0" ? "-" : "") + arg.substr(i);
  return "";
}

}  // namespace rkn
