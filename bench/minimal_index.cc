// rkn-bench-minimal: the smallest reasonable Xapian indexing loop, as a baseline for rkn-index.
// Walks a directory tree, reads every regular file, indexes its text with a TermGenerator
// (Indonesian stemmer, positions on), adds one unique Q term per file (its path), replaces the
// document by that term and commits once at the end. No cleaning, no metadata, no spelling.
//
// Usage: rkn-bench-minimal DB TREE
// Exit code: 0 on success, 2 on bad usage or any Xapian / filesystem error (message on stderr).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>
#include <string>

#include <xapian.h>

namespace {

// Reads the whole file at `path` into `out`. Returns false if it cannot be opened.
bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.resize(size);
  in.read(out.data(), static_cast<std::streamsize>(size));
  out.resize(static_cast<size_t>(in.gcount()));
  return true;
}

// Indexes every regular file under `tree` into the database at `db` (created or overwritten).
// Returns the number of documents indexed; throws Xapian::Error or filesystem_error on failure.
size_t IndexTree(const std::string& db_path, const std::filesystem::path& tree) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator gen;
  gen.set_stemmer(Xapian::Stem("indonesian"));
  gen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::string text;
  size_t n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(tree)) {
    if (!entry.is_regular_file()) continue;
    if (!ReadFile(entry.path(), text)) {
      std::cerr << "rkn-bench-minimal: cannot read " << entry.path() << "\n";
      continue;
    }
    Xapian::Document doc;
    gen.set_document(doc);
    gen.index_text(text);  // positional by default
    std::string id = "Q";  // (not "Q" + path: GCC 12 gives a false -Wrestrict warning)
    id += entry.path().string();
    doc.add_boolean_term(id);
    doc.set_data(entry.path().string());
    db.replace_document(id, doc);
    ++n;
  }
  db.commit();
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: rkn-bench-minimal DB TREE\n";
    return 2;
  }
  try {
    size_t n = IndexTree(argv[1], argv[2]);
    std::cout << n << " documents indexed\n";
  } catch (const Xapian::Error& e) {
    std::cerr << "rkn-bench-minimal: " << e.get_description() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "rkn-bench-minimal: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
