// Whole numbers on the command line, read as decimal whatever their leading zeros.
#pragma once

#include <string>
#include <vector>

namespace rkn {

// Checks that `arg` is a whole decimal number ("10", "010", "+3", "-1") and rewrites it without
// sign '+' and leading zeros ("010" -> "10"), so that the option parser, which reads "010" as
// octal and "0x0A" as hexadecimal, reads what a script meant. Returns "" when it is one, else
// the message ("must be a whole number, not '1.5'"); `arg` is then unchanged. Bounds are the
// caller's to check. Never throws.
std::string NormalizeDecimalArg(std::string& arg);

// The first argument of `args` (argv without the program's name) that gives a long option an
// empty value ("--offset=", "--source="), up to a "--" that ends the options; "" when none does.
// The option parser takes the word after such an argument as its value ("--offset= 5 banjir"
// searched "banjir" from the fifth hit), which a script with an empty variable does not mean;
// the mains refuse it instead. Never throws.
std::string FirstEmptyOptionValue(const std::vector<std::string>& args);

// The usage error for FirstEmptyOptionValue's find, without the program's prefix ("--offset:
// empty value; give one, or leave the option out"), or "" when there is none: the one wording
// both programs print. Never throws.
std::string EmptyOptionValueError(const std::vector<std::string>& args);

}  // namespace rkn
