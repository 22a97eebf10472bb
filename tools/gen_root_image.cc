// rkn-gen-root-image DATA_DIR OUT.cc: writes the root dictionary of DATA_DIR (kata-dasar.txt,
// roots-extra.txt) as C++ source defining rkn::BuiltInRootImage(), and its stopword list
// (stopwords-id.txt) as rkn::BuiltInStopwordImage(). The build runs it on the source tree's data/
// (common/CMakeLists.txt), so rkn-search starts without building either table.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "common/file.h"
#include "common/stemmer.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: rkn-gen-root-image DATA_DIR OUT.cc\n";
    return 2;
  }
  auto dict = rkn::RootDictionary::Load(argv[1]);
  if (!dict.ok()) {
    std::cerr << "rkn-gen-root-image: error: " << dict.status().ToString() << "\n";
    return 2;
  }
  std::string stop_text;
  size_t stop_len = 0;
  if (rkn::Status s = rkn::AppendWholeFile(std::filesystem::path(argv[1]) / "stopwords-id.txt", "the stopword list",
                                           UINT64_MAX, &stop_text, &stop_len);
      !s.ok()) {
    std::cerr << "rkn-gen-root-image: error: " << s.ToString() << "\n";
    return 2;
  }
  // A list that needs trimming or lowercasing is left to the analyzer at run time.
  const std::string stop_image =
      rkn::IsPlainWordList(stop_text)
          ? rkn::RootDictionary::FromLines(stop_text)->WordSetImageSource("BuiltInStopwordImage", stop_text)
          : "namespace rkn {\nconst RootImage& BuiltInStopwordImage() {\n  static constexpr RootImage kEmpty{};\n"
            "  return kEmpty;\n}\n}  // namespace rkn\n";
  const std::string out = argv[2];
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << (*dict)->ImageSource() << "\n" << stop_image;
    if (!f.flush()) {
      std::cerr << "rkn-gen-root-image: error: " << tmp << ": cannot write\n";
      return 2;
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    std::cerr << "rkn-gen-root-image: error: " << out << ": cannot write\n";
    return 2;
  }
  return 0;
}
