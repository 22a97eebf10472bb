// rkn-gen-root-image DATA_DIR OUT.cc: writes the root dictionary of DATA_DIR (kata-dasar.txt,
// roots-extra.txt) as C++ source defining rkn::BuiltInRootImage(). The build runs it on the
// source tree's data/ (common/CMakeLists.txt), so rkn-search starts without building the table.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

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
  const std::string out = argv[2];
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << (*dict)->ImageSource();
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
