// Whole numbers on the command line, read as decimal whatever their leading zeros.
#pragma once

#include <string>
#include <string_view>
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

// The first argument of `args` (argv without the program's name), up to a "--" that ends the
// options, that starts with '-' and a short option of `flags` (options that take no value) or
// `numbers` (options that take a whole number) but is no bundle of them: a query's first word
// written with its '-' ("-hamas palestina", read as -h: help and exit 0; "-nasdem", read as -n
// with 'asdem'; "-lumpur", -l and then "-umpur"). A bundle is flags ("-l0"), then at most one
// number option with its digits or with nothing, its value being the next argument ("-ln5",
// "-n"). "" when there is none. Never throws.
std::string FirstQueryTakenForOptions(const std::vector<std::string>& args, std::string_view flags, std::string_view numbers);

// The usage error, without the program's prefix, when the option parser read a query's first
// word as a bundle of short options (FirstQueryTakenForOptions's find): "'-hamas' was read as
// options (a query that starts with '-' goes after '--': PROGRAM -- -word ...)"; "" when it did
// not. `parser_said` is the parser's error message, which quotes the word's tail when the word
// caused it ("not 'asdem'", "not expected: -umpur"), or "" when the parser asked for help, which
// the word caused when no argument is -h or --help itself. The argument is quoted as is:
// StderrLine escapes it. A number option written with '=' ("-n=5") is told how to write it
// instead: "'-n=5' was read as options (a short option takes its value after a space or
// joined: -n 5 or -n5)". Never throws.
std::string QueryTakenForOptionsError(const std::vector<std::string>& args, std::string_view flags, std::string_view numbers,
                                      std::string_view parser_said, std::string_view program);

// The usage error, without the program's prefix, for arguments the option parser did not expect
// (CLI11's "The following argument was not expected: -kompas"): "'-kompas' is no option (a query
// that starts with '-' goes after '--': PROGRAM -- -word ...)", or "'-a' and '-b' are no
// options (...)", in their order in `args` (argv without the program's name; CLI11 lists them
// the other way round); `parser_said` as is, with that hint, when it is not CLI11's wording.
// The arguments are quoted as is: StderrLine escapes them. One "--name" within two edits of
// exactly one of `long_options` ("--json", ...) gets "(did you mean --json?)" instead of the
// hint (short names in `long_options` are passed over). Never throws.
std::string UnexpectedArgumentsError(const std::vector<std::string>& args, std::string_view parser_said, std::string_view program,
                                     const std::vector<std::string>& long_options = {});

// The options of a command line as the option parser tells them from the other arguments.
struct OptionSyntax {
  std::string short_flags;               // short options that take no value ("hqv")
  std::string short_numbers;             // short options that take a number, glued ("-j4") or as the next argument
  std::vector<std::string> long_flags;   // long options that take no value, without their "--" ("quiet")
  std::vector<std::string> long_values;  // long options that take a value, without their "--" ("db")
};

// The first argument of `args` (argv without the program's name), up to a "--" that ends the
// options, that the option parser reads as short options although it is none as written: it
// starts with one '-' and is no bundle of short options as FirstQueryTakenForOptions reads them
// ("-qv", "-j4", "-qj" with its number in the next argument), nor the value of the option before
// it ("--db -x.db", "-j -1"), nor a word the parser leaves to the operands ("-4", "-2019.jsonl":
// a digit that is no short option). Such are a path written with its '-' ("-jakarta.jsonl",
// read as -j with the value 'akarta.jsonl'; "-hasil.jsonl", read as -h: help and exit 0), a
// bundle with a tail ("-q4": -q, then "-4" taken as a path; "-qX") and a long option written
// with one dash ("-verbose"). "" when there is none. Never throws.
std::string FirstWordTakenForOptions(const std::vector<std::string>& args, const OptionSyntax& syntax);

// The usage error, without the program's prefix, for FirstWordTakenForOptions's find `word`: for
// a long option of `syntax` written with one dash, with or without "=VALUE", "'-verbose' was read
// as options (long options take two dashes: --verbose)"; else "'-jakarta.jsonl' was read as
// options (a path that starts with '-' goes after '--': PROGRAM -- -jakarta.jsonl)"; for a short
// number option written with '=', "'-j=4' was read as options (a short option takes its value
// after a space or joined: -j 4 or -j4)". The word is
// quoted as is: the caller makes the line safe for a terminal. Never throws.
std::string PathTakenForOptionsError(std::string_view word, const OptionSyntax& syntax, std::string_view program);

}  // namespace rkn
