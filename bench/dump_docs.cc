// rkn-bench-dump-docs: prints one line per document of an rkn database: its --collapse
// fingerprint (value slot schema::kSlotFingerprint), a tab, and its stored data (JSON, with the
// cleaned text). bench/collapse.py reads it to measure how alike the articles --collapse folds are.
//
// Usage: rkn-bench-dump-docs DB
// Exit code: 0 on success, 2 on bad usage or a Xapian error (message on stderr).
#include <iostream>
#include <string>

#include <xapian.h>

#include "common/schema.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: rkn-bench-dump-docs DB\n";
    return 2;
  }
  try {
    const Xapian::Database db(argv[1]);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      std::cout << doc.get_value(rkn::schema::kSlotFingerprint) << '\t' << doc.get_data() << '\n';
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "rkn-bench-dump-docs: error: " << argv[1] << ": " << e.get_description() << "\n";
    return 2;
  }
  return std::cout ? 0 : 2;
}
