// rkn-index: thin wrapper over rkn::RunIndexCommand. Options in, one library call, exit code out.
#include <iostream>
#include <string>
#include <vector>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "common/cli_number.h"
#include "common/file.h"
#include "common/index_cli.h"
#include "common/text.h"
#include "common/version.h"

namespace {
// Whole numbers are decimal: CLI11 reads "010" as octal and "0x0A" as hexadecimal.
const CLI::Validator kDecimal(rkn::NormalizeDecimalArg, "", "DECIMAL");
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rkn-index: clean Indonesian news articles and index them into a Xapian database"};
  // An option given twice takes its last value (`rkn-search -n 20 "$@"` lets the caller override),
  // as most Unix tools do; repeatable options (--db, --source) keep every value.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  rkn::IndexArgs args;
  app.add_option("PATH", args.roots, "files or directories to index (recursively)")->required()->type_name("PATH");
  CLI::Option* db = app.add_option("--db", args.db, "database path (default: $RKN_DB or ./rkn.db)")->type_name("DB");
  app.add_option("--rules", args.rules, "extra cleaner rules file (repeatable)")->allow_extra_args(false)->type_name("FILE");
  app.add_option("--data-dir", args.data_dir, "folder with stopwords, rules, dictionary (default: installed)")->type_name("DIR");
  app.add_option("-j,--jobs", args.jobs, "threads, 1 to 256 (default: all cores); a new database gets this many shards")->transform(kDecimal)->check(CLI::Range(1, 256).description(""))->type_name("N");
  app.add_option("--batch", args.batch, "documents buffered (over all shards) before a commit, 1 to 10000000; bounds memory (default 1000)")->transform(kDecimal)->check(CLI::Range(1, 10000000).description(""))->type_name("N");
  app.add_option("--aliases", args.aliases, "extra alias file (repeatable); kept by later runs until other files (an empty one: none) replace them")->allow_extra_args(false)->type_name("FILE");
  app.add_option("--field", args.fields, "JSONL/CSV field mapping NAME=FIELD, e.g. content=isi (repeatable)")->allow_extra_args(false)->type_name("NAME=FIELD");
  app.add_option("--max-article-mb", args.max_article_mb, "skip articles larger than this many MiB, " + std::to_string(rkn::kMinArticleMb) + " to " + std::to_string(rkn::kMaxArticleMb) + " (default 16)")->transform(kDecimal)->check(CLI::Range(rkn::kMinArticleMb, rkn::kMaxArticleMb).description(""))->type_name("N");
  app.add_option("--stemmer", args.stemmer, "dictionary (default) or snowball; kept by later runs")->check(CLI::IsMember({"dictionary", "snowball"}).description(""))->type_name("NAME");
  app.add_flag("--no-spelling", args.no_spelling, "do not build spelling data");
  app.add_flag("--allow-empty-root", args.allow_empty_root, "a root with no file left in it (emptied on purpose) removes the articles indexed from it; without it they are kept, as for an unmounted disk");
  app.add_flag("--explain", args.explain, "show every line's keep/drop decision and rule, then the metadata; no database");
  app.add_flag("--json", args.json, "with --explain: one JSON object per line");
  app.add_flag("-q,--quiet", args.quiet, "print nothing but errors");
  app.add_flag("-v,--verbose", args.verbose, "one line per file with its outcome, and every record warning (else 10 of a kind per file, then a count)");
  app.set_version_flag("--version", std::string("rkn-index ") + rkn::Version());
  // Output goes through a buffer that keeps the reason a write failed ("No space left on device").
  rkn::FdOutputBuffer stdout_buffer(STDOUT_FILENO);
  std::ostream out(&stdout_buffer);
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (const std::string error = rkn::EmptyOptionValueError(words); !error.empty()) {
    std::cerr << "rkn-index: error: " << error << "\n";
    return 2;
  }
  // A PATH written with its '-', or a glued bundle with a tail, is refused before CLI11 reads it:
  // "-hasil.jsonl" printed the help and exited 0 (-h), "-jakarta.jsonl" said "--jobs: must be a
  // whole number, not 'akarta.jsonl'", "-q4" indexed the path "-4", "-qfoo" complained of "-foo".
  // Read off the options declared above (the one short option with a value, -j, takes a number).
  rkn::OptionSyntax syntax;
  for (const CLI::Option* o : app.get_options()) {
    const bool takes_value = o->get_items_expected_max() > 0;
    for (const std::string& name : o->get_snames()) (takes_value ? syntax.short_numbers : syntax.short_flags) += name;
    for (const std::string& name : o->get_lnames()) (takes_value ? syntax.long_values : syntax.long_flags).push_back(name);
  }
  if (const std::string word = rkn::FirstWordTakenForOptions(words, syntax); !word.empty()) {
    std::cerr << "rkn-index: error: " << rkn::SafeForTerminal(rkn::PathTakenForOptionsError(word, syntax, "rkn-index")) << "\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return rkn::ExitAfterStdout(out, std::cerr, "rkn-index", app.exit(e, out));
  } catch (const CLI::CallForVersion& e) {
    return rkn::ExitAfterStdout(out, std::cerr, "rkn-index", app.exit(e, out));
  } catch (const CLI::ParseError& e) {
    std::cerr << "rkn-index: error: " << e.what() << "\n";
    return 2;
  }
  args.db_given = db->count() > 0;
  args.stderr_is_tty = isatty(STDERR_FILENO);
  args.install_signal_handlers = true;
  return rkn::RunIndexCommand(args, out, std::cerr);
}
