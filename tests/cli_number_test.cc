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
