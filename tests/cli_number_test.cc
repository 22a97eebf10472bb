#include "common/cli_number.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace rkn {
namespace {

TEST_CASE("An option given an empty value after '=' is found, up to the '--' that ends the options") {
  struct Case {
    std::vector<std::string> args;
    const char* found;
  };
  const Case cases[] = {
      {{"--offset=", "5", "banjir"}, "--offset="},
      {{"--json", "--source=", "banjir"}, "--source="},
      {{"--offset=5", "--source=kompas.com", "banjir"}, ""},
      {{"--", "--offset=", "banjir"}, ""},  // a query word after "--"
      {{"banjir=", "-n="}, ""},              // not a long option
      {{"--a=b=", "--="}, ""},               // a value that ends in '=', no name
      {{}, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.size());
    CHECK(FirstEmptyOptionValue(c.args) == c.found);
  }
}

TEST_CASE("A query's first word that the option parser would read as short options is found") {
  SUBCASE("words that are no bundle of the short options") {
    CHECK(FirstQueryTakenForOptions({"-hamas", "palestina"}, "hl0", "n") == "-hamas");
    CHECK(FirstQueryTakenForOptions({"-nasdem korupsi"}, "hl0", "n") == "-nasdem korupsi");
    CHECK(FirstQueryTakenForOptions({"--json", "-lumpur"}, "hl0", "n") == "-lumpur");
    CHECK(FirstQueryTakenForOptions({"-0banjir"}, "hl0", "n") == "-0banjir");
    CHECK(FirstQueryTakenForOptions({"-n5x"}, "hl0", "n") == "-n5x");
  }
  SUBCASE("bundles, other words and what follows '--' are not") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"-n", "5", "banjir"}, {"-n5", "banjir"}, {"-l0", "banjir"}, {"-ln5", "banjir"}, {"-0l"}, {"-h"},
             {"-kompas"},  // no short option: the parser's own error names it
             {"--", "-hamas"}, {"banjir", "-"}, {"-1"}, {"--limit"}, {}}) {
      CAPTURE(args.size());
      CHECK(FirstQueryTakenForOptions(args, "hl0", "n").empty());
    }
  }
  SUBCASE("the error is given when the word caused what the parser said") {
    const std::string hint = " was read as options (a query that starts with '-' goes after '--': rkn-search -- -word ...)";
    CHECK(QueryTakenForOptionsError({"-hamas"}, "hl0", "n", "", "rkn-search") == "'-hamas'" + hint);  // a call for help
    CHECK(QueryTakenForOptionsError({"-hamas", "-h"}, "hl0", "n", "", "rkn-search").empty());  // help asked for
    CHECK(QueryTakenForOptionsError({"-nasdem"}, "hl0", "n", "--limit: must be a whole number, not 'asdem'", "rkn-search") ==
          "'-nasdem'" + hint);
    CHECK(QueryTakenForOptionsError({"--offset", "x", "-nasdem"}, "hl0", "n", "--offset: must be a whole number, not 'x'",
                                    "rkn-search")
              .empty());
    CHECK(QueryTakenForOptionsError({"banjir"}, "hl0", "n", "", "rkn-search").empty());
    // A number option written as long options are: the word is no query, so the hint is how to write it.
    CHECK(QueryTakenForOptionsError({"-n=5", "banjir"}, "hl0", "n", "--limit: must be a whole number, not '=5'", "rkn-search") ==
          "'-n=5' was read as options (a short option takes its value after a space or joined: -n 5 or -n5)");
  }
}

TEST_CASE("A path or a glued bundle that the option parser would read as short options is found, an option's value is not") {
  // rkn-index's options: -h, -q and -v take no value, -j a number.
  const OptionSyntax syntax{"hqv", "j", {"help", "quiet", "verbose", "version"}, {"db", "jobs", "field"}};
  struct Case {
    std::vector<std::string> args;
    const char* found;  // "" when none is
  };
  const Case cases[] = {
      // Paths written with their '-', which the parser took for -h (help), -j's value, -q and -v.
      {{"-hasil.jsonl"}, "-hasil.jsonl"},
      {{"-jakarta.jsonl"}, "-jakarta.jsonl"},
      {{"korpus", "-jakarta.jsonl"}, "-jakarta.jsonl"},
      {{"-qX", "korpus"}, "-qX"},
      {{"-vX", "korpus"}, "-vX"},
      // Bundles with a tail: -q then the path "-4"; -j with a word for its number.
      {{"-q4", "korpus"}, "-q4"},
      {{"-jX", "korpus"}, "-jX"},
      {{"-j4q", "korpus"}, "-j4q"},
      {{"-jq", "korpus"}, "-jq"},
      {{"-h4"}, "-h4"},
      // Long options written with one dash, and a short option there is none of.
      {{"-verbose", "korpus"}, "-verbose"},
      {{"-db=x.db", "korpus"}, "-db=x.db"},
      {{"-x", "korpus"}, "-x"},
      // Bundles, values of the option before, operands and what follows '--'.
      {{"-j4", "-qj2", "-vh", "-h", "korpus"}, ""},
      {{"-qj", "2", "korpus"}, ""},
      {{"-j", "-1", "korpus"}, ""},
      {{"--db", "-jx.db", "--field", "-qx=y", "korpus"}, ""},
      {{"--db=x.db", "-jx"}, "-jx"},  // "=" gave --db its value: the next word is a word
      {{"--quiet", "-jx"}, "-jx"},    // a flag takes no value
      {{"-4", "-2019.jsonl", "-", "korpus"}, ""},
      {{"-j", "4", "--", "-jakarta.jsonl"}, ""},
      {{}, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.size());
    CAPTURE(c.found);
    CHECK(FirstWordTakenForOptions(c.args, syntax) == c.found);
  }
  SUBCASE("the error says how to write the path, or the long option") {
    struct Row {
      const char* word;
      const char* error;
    };
    const Row rows[] = {
        {"-jakarta.jsonl", "'-jakarta.jsonl' was read as options (a path that starts with '-' goes after '--': rkn-index -- "
                           "-jakarta.jsonl)"},
        {"-q4", "'-q4' was read as options (a path that starts with '-' goes after '--': rkn-index -- -q4)"},
        {"-verbose", "'-verbose' was read as options (long options take two dashes: --verbose)"},
        {"-help", "'-help' was read as options (long options take two dashes: --help)"},
        {"-db=x.db", "'-db=x.db' was read as options (long options take two dashes: --db=x.db)"},
        {"-dbx", "'-dbx' was read as options (a path that starts with '-' goes after '--': rkn-index -- -dbx)"},
        {"-j=4", "'-j=4' was read as options (a short option takes its value after a space or joined: -j 4 or -j4)"},
        {"-j=", "'-j=' was read as options (a path that starts with '-' goes after '--': rkn-index -- -j=)"},
    };
    for (const Row& r : rows) {
      CAPTURE(r.word);
      CHECK(PathTakenForOptionsError(r.word, syntax, "rkn-index") == r.error);
    }
  }
}

TEST_CASE("A number on the command line is decimal whatever its leading zeros, and anything else is refused") {
  struct Case {
    const char* arg;
    const char* normal;  // "" when refused
  };
  const Case cases[] = {
      {"10", "10"},     {"010", "10"},  {"0", "0"},         {"000", "0"},  {"+3", "3"},  {"-1", "-1"},
      {"-007", "-7"},   {"-0", "0"},    {"09", "9"},        {"0x0A", ""},  {"1.5", ""},  {"1e3", ""},
      {"3 ", ""},       {" 3", ""},     {"", ""},           {"-", ""},     {"+", ""},    {"１０", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.arg));
    std::string arg = c.arg;
    const std::string error = NormalizeDecimalArg(arg);
    if (*c.normal != '\0') {
      CHECK(error.empty());
      CHECK(arg == c.normal);
    } else {
      CHECK(error == "must be a whole number, not '" + std::string(c.arg) + "'");
      CHECK(arg == c.arg);
    }
  }
}

}  // namespace
}  // namespace rkn
