#include "common/stemmer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "tests/temp_dir.h"

namespace {

std::shared_ptr<const rkn::RootDictionary> SourceDictionary() {
  static std::shared_ptr<const rkn::RootDictionary> dict = [] {
    auto loaded = rkn::RootDictionary::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data");
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
    return loaded.value();
  }();
  return dict;
}

struct Case {
  std::string word;
  std::string root;
};

// The dictionary Load makes of a data folder holding these two lists (`extra` absent when null).
std::shared_ptr<const rkn::RootDictionary> LoadLists(const char* base, const char* extra) {
  rkn::test::TempDir dir("stemmer-lists");
  std::ofstream(dir.path() / "kata-dasar.txt") << base;
  if (extra != nullptr) std::ofstream(dir.path() / "roots-extra.txt") << extra;
  auto loaded = rkn::RootDictionary::Load(dir.path());
  REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
  return loaded.value();
}

void CheckCases(rkn::IndonesianStemmer& stemmer, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(stemmer(c.word) == c.root);
  }
}

}  // namespace

TEST_CASE("RootDictionary loads the source data directory and reports missing files") {
  SUBCASE("the shipped lists load, with the extras applied") {
    auto dict = SourceDictionary();
    CHECK(dict->size() > 29000);
    CHECK(dict->Contains("pimpin"));
    CHECK(dict->Contains("pemilu"));      // added by roots-extra.txt
    CHECK(dict->Contains("tandatangan"));  // added by roots-extra.txt
    CHECK_FALSE(dict->Contains("alami"));  // removed by roots-extra.txt
    CHECK_FALSE(dict->Contains(""));
    CHECK(dict->version().find('-') != std::string::npos);
  }
  SUBCASE("a directory without kata-dasar.txt is NotFound naming the file") {
    auto dir = std::filesystem::temp_directory_path() / "rkn-stemmer-test-empty";
    std::filesystem::create_directories(dir);
    auto loaded = rkn::RootDictionary::Load(dir);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == rkn::StatusCode::kNotFound);
    CHECK(loaded.status().where().find("kata-dasar.txt") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
  SUBCASE("extras add and remove words; comments and blank lines are ignored") {
    const char* base = "ajar\nalam\nalami\n\n";
    const char* extra = "# comment\npemilu  # trailing comment\n-alami\n";
    auto loaded = LoadLists(base, extra);
    CHECK(loaded->size() == 3);
    CHECK(loaded->Contains("pemilu"));
    CHECK_FALSE(loaded->Contains("alami"));
    CHECK(LoadLists(base, extra)->version() == loaded->version());
  }
  SUBCASE("a word>root line names a word's root; the compiled-in image and a word list know theirs or none") {
    auto named = LoadLists("awal\nkawal\n", "# pengawal>awal is a comment\n  Pengawal > kawal  # escort\n");
    CHECK(named->Named("pengawal") == "kawal");
    CHECK(named->Named("mengawali") == "");
    rkn::IndonesianStemmer stemmer(named);
    CHECK(stemmer("pengawal") == "kawal");
    CHECK(stemmer("pengawalnya") == "kawal");
    CHECK(stemmer("mengawali") == "awal");
    // Without the line, the rules read peng-awal.
    CHECK(rkn::IndonesianStemmer(LoadLists("awal\nkawal\n", nullptr))("pengawal") == "awal");
    CHECK(rkn::RootDictionary::FromImage(rkn::BuiltInRootImage())->Named("pengawal") == "kawal");
    CHECK(rkn::RootDictionary::FromWords({"kawal"})->Named("pengawal") == "");
  }
  SUBCASE("a word>root line whose root the lists lack is an error naming the file and the line") {
    rkn::test::TempDir dir("stemmer-lists");
    std::ofstream(dir.path() / "kata-dasar.txt") << "pukul\n";
    std::ofstream(dir.path() / "roots-extra.txt") << "pemukulan>mukul\n";
    auto loaded = rkn::RootDictionary::Load(dir.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == rkn::StatusCode::kInvalidArgument);
    CHECK(loaded.status().ToString() == (dir.path() / "roots-extra.txt").string() +
                                            ": 'pemukulan>mukul': 'mukul' is not a root (add it on a line of its own, "
                                            "or name a root of the lists)");
    // Added on a line of its own, it is one.
    std::ofstream(dir.path() / "roots-extra.txt") << "mukul\npemukulan>mukul\n";
    CHECK(rkn::RootDictionary::Load(dir.path()).ok());
  }
  SUBCASE("a named word wins over the prefixes-first reading of me-...-i") {
    // meng-aji is a prefix-first reading (me-...-i) that finds a root before any suffix is tried.
    CHECK(rkn::IndonesianStemmer(LoadLists("aji\nkaji\n", nullptr))("mengaji") == "aji");
    rkn::IndonesianStemmer stemmer(LoadLists("aji\nkaji\n", "mengaji>kaji\n"));
    CHECK(stemmer("mengaji") == "kaji");
    CHECK(stemmer("mengajinya") == "kaji");
  }
}

TEST_CASE("The root dictionary compiled in is the one built from data/, and only used for those files") {
  const auto data = std::filesystem::path(RKN_SOURCE_DIR) / "data";
  auto image = rkn::RootDictionary::Load(data, &rkn::BuiltInRootImage());
  auto built = rkn::RootDictionary::Load(data);
  REQUIRE(image.ok());
  REQUIRE(built.ok());
  CHECK(image.value()->from_image());
  CHECK_FALSE(built.value()->from_image());
  CHECK(image.value()->size() == built.value()->size());
  CHECK(image.value()->version() == built.value()->version());
  SUBCASE("every line of both files, and words that are not roots, get the same answer") {
    std::vector<std::string> words = {"", "x", "alami", "pemilu", "memimpin", "kepemimpinan", "Pimpin", "pimpin\n"};
    for (const char* name : {"kata-dasar.txt", "roots-extra.txt"}) {
      std::ifstream in(data / name);
      for (std::string line; std::getline(in, line);) {
        words.push_back(line);
        if (!line.empty() && line[0] == '-') words.push_back(line.substr(1));
        words.push_back(line + "an");
      }
    }
    size_t differ = 0;
    for (const auto& w : words) differ += image.value()->Contains(w) != built.value()->Contains(w);
    CHECK(differ == 0);
  }
  SUBCASE("a data folder whose lists differ builds its own table") {
    const auto dir = std::filesystem::temp_directory_path() / "rkn-stemmer-test-image";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(data / "kata-dasar.txt", dir / "kata-dasar.txt", std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "roots-extra.txt") << "zzyzx\n";
    auto other = rkn::RootDictionary::Load(dir, &rkn::BuiltInRootImage());
    REQUIRE(other.ok());
    CHECK_FALSE(other.value()->from_image());
    CHECK(other.value()->Contains("zzyzx"));
    CHECK(other.value()->Contains("alami"));  // not removed: this roots-extra.txt does not say so
    CHECK(other.value()->version() != image.value()->version());
    std::filesystem::remove_all(dir);
  }
}

TEST_CASE("A dictionary built from lines holds exactly their words, like one built from strings") {
  struct Case {
    const char* lines;
    std::vector<std::string> words;
  };
  const Case cases[] = {
    {"", {}},
    {"yang\ndan\ndi\n", {"yang", "dan", "di"}},
    {"yang\ndan", {"yang", "dan"}},             // no final newline
    {"\nyang\n\n\ndan\n\n", {"yang", "dan"}},  // empty lines left out
    {"di\ndi\nke\n", {"di", "ke"}},           // duplicates counted once
  };
  for (const Case& c : cases) {
    CAPTURE(c.lines);
    auto from_lines = rkn::RootDictionary::FromLines(c.lines);
    auto from_words = rkn::RootDictionary::FromWords(c.words);
    CHECK(from_lines->size() == from_words->size());
    CHECK(from_lines->version() == from_words->version());
    for (const std::string& w : c.words) CHECK(from_lines->Contains(w));
    for (const char* absent : {"", "ya", "yangg", "dan\ndi", "\n"}) CHECK_FALSE(from_lines->Contains(absent));
  }
}

TEST_CASE("IndonesianStemmer removes each class of affix when a root is left") {
  rkn::IndonesianStemmer stemmer(SourceDictionary());
  SUBCASE("meN- with its recodings") {
    CheckCases(stemmer, {{"membaca", "baca"},     {"memukul", "pukul"},     {"memakan", "makan"},
                         {"menulis", "tulis"},    {"menanti", "nanti"},     {"mendapat", "dapat"},
                         {"menyusun", "susun"},   {"menyanyikan", "nyanyi"}, {"mengambil", "ambil"},
                         {"mengirim", "kirim"},   {"mengecek", "cek"},      {"melihat", "lihat"},
                         {"memimpin", "pimpin"},  {"mempunyai", "punya"},   {"mengalami", "alam"}});
  }
  SUBCASE("peN-, per-, pe-") {
    CheckCases(stemmer, {{"pendidikan", "didik"}, {"pengusaha", "usaha"}, {"penyelidikan", "selidik"},
                         {"pemain", "main"},      {"pemukiman", "mukim"}, {"pelajar", "ajar"},
                         {"petani", "tani"},      {"pertemuan", "temu"},  {"perasaan", "rasa"},
                         {"peraturan", "atur"},   {"penegakan", "tegak"}, {"perbankan", "bank"},
                         {"pengawal", "kawal"},   {"mengawal", "kawal"},  {"mengawali", "awal"},
                         {"pemesan", "pesan"},    {"penajaman", "tajam"}, {"penajam", "penajam"},
                         {"mengemas", "kemas"},   {"mengawini", "kawin"}, {"menguak", "kuak"},
                         {"mengarah", "arah"},    {"mengisi", "isi"},     {"pengurus", "urus"}});
  }
  SUBCASE("ber-, ter-, di-, ke-, se- and combinations") {
    CheckCases(stemmer, {{"bermain", "main"},          {"belajar", "ajar"},      {"bekerja", "kerja"},
                         {"berupa", "rupa"},           {"terjadi", "jadi"},      {"terasa", "rasa"},
                         {"diberikan", "beri"},        {"dipertanyakan", "tanya"}, {"keberhasilan", "hasil"},
                         {"kepemimpinan", "pimpin"},   {"sepengetahuan", "tahu"}, {"memperjuangkan", "juang"},
                         {"kerusakan", "rusak"},       {"senilai", "nilai"},     {"ketahui", "tahu"},
                         {"seseorang", "orang"},       {"sesekali", "sekali"},   {"sesepuh", "sepuh"}});
  }
  SUBCASE("ke-...-kan, the bare form of menge-...-kan, only where ke-...-an after a root in k is not") {
    CheckCases(stemmer, {{"kesampingkan", "samping"}, {"mengesampingkan", "samping"}, {"kemukakan", "muka"},
                         {"kebumikan", "bumi"},       {"kerusakan", "rusak"},          {"kebijakan", "bijak"},
                         {"kedudukan", "duduk"},      {"kenakan", "kena"}});
  }
  SUBCASE("suffixes, particles, possessives and proclitics") {
    CheckCases(stemmer, {{"pakaian", "pakai"},  {"lakukan", "laku"},  {"nikahi", "nikah"},
                         {"bukanlah", "bukan"}, {"benarkah", "benar"},    {"meskipun", "meski"},
                         {"bukunya", "buku"},   {"rumahku", "rumah"}, {"hatimu", "hati"},
                         {"suaminya", "suami"}, {"membantah", "bantah"}, {"menikah", "nikah"},
                         {"kuambil", "ambil"},  {"kaulihat", "lihat"}, {"gerakan", "gerak"},
                         // A proclitic never leaves a bare particle (lah, pun are base-list words).
                         {"kaulah", "kau"},     {"kaupun", "kau"},     {"kaukah", "kau"}});
  }
  SUBCASE("colloquial -in after di-, and only there") {
    CheckCases(stemmer, {{"diomelin", "omel"}, {"dijadiin", "jadi"}, {"didoain", "doa"},
                         {"diapain", "apa"},   {"dingin", "dingin"}, {"arifin", "arifin"}});
  }
  SUBCASE("reduplication") {
    CheckCases(stemmer, {{"buku-buku", "buku"},         {"berbalas-balasan", "balas"},
                         {"meniru-nirukan", "tiru"},     {"anak-anaknya", "anak"},
                         {"buah-buahan", "buah"},        {"siapa-pun", "siapa"},
                         {"bolak-balik", "bolak-balik"}, {"-an", "-an"},
                         {"berwarna-warni", "warna-warni"}, {"kupu-kupunya", "kupu-kupu"},
                         {"uu-nya", "uu"},               {"kpk-lah", "kpk"}});
  }
  SUBCASE("a bare nasal prefix, as a last resort: reduplication halves and colloquial forms") {
    CheckCases(stemmer, {{"nirukan", "tiru"},     {"nulis", "tulis"},       {"ngambil", "ambil"},
                         {"nonton", "tonton"},    {"ngopi", "kopi"},        {"nyuci", "cuci"},
                         {"ngobrol", "obrol"},    {"ngumpul", "kumpul"},    {"nyari", "cari"},
                         {"nyusul", "susul"},     {"ngecek", "cek"},        {"ngaku", "aku"},
                         {"nyampai", "sampai"},   {"nyiakan", "sia"},       {"ngobrolnya", "obrol"},
                         {"nontonlah", "tonton"}, {"nungguin", "tunggu"},   {"ngerjain", "kerja"},
                         {"nakuti", "takut"},     {"ngasih", "kasih"},      {"nyambung", "sambung"}});
  }
  SUBCASE("partial reduplication, as a last resort, to a root of four letters or more") {
    CheckCases(stemmer, {{"dedaunan", "daun"},     {"rerumputan", "rumput"}, {"reruntuhan", "runtuh"},
                         {"bebatuan", "batu"},     {"wewenang", "wenang"},   {"jejaring", "jaring"},
                         {"pepohonan", "pohon"},   {"beberap", "beberap"},   {"tetangga", "tetangga"}});
  }
  SUBCASE("reduplications whose second half has a bare nasal") {
    CheckCases(stemmer, {{"meniru-nirukan", "tiru"}, {"menulis-nulis", "tulis"},
                         {"mengambil-ngambil", "ambil"}, {"memukul-mukul", "pukul"}});
  }
  SUBCASE("compounds written as one word") {
    CheckCases(stemmer, {{"menandatangani", "tandatangan"}, {"ditandatangani", "tandatangan"},
                         {"penyalahgunaan", "salahguna"},   {"menindaklanjuti", "tindaklanjut"},
                         {"disalahpahami", "salahpaham"},   {"kesalahpahaman", "salahpaham"}});
  }
}

TEST_CASE("IndonesianStemmer leaves roots, names, acronyms and odd tokens alone") {
  rkn::IndonesianStemmer stemmer(SourceDictionary());
  SUBCASE("roots and protected proper nouns") {
    CheckCases(stemmer, {{"berita", "berita"},   {"menteri", "menteri"}, {"pemilu", "pemilu"},
                         {"pasukan", "pasukan"}, {"bali", "bali"},       {"bekasi", "bekasi"},
                         {"maluku", "maluku"},   {"kediri", "kediri"},   {"perempuan", "perempuan"},
                         {"indonesia", "indonesia"}, {"serem", "serem"}});
  }
  SUBCASE("words that only look like a bare nasal prefix") {
    CheckCases(stemmer, {{"nama", "nama"},       {"nanti", "nanti"},     {"ngeri", "ngeri"},
                         {"nyata", "nyata"},     {"nurdin", "nurdin"},   {"mega", "mega"},
                         {"musik", "musik"},     {"nggak", "nggak"},     {"netizen", "netizen"},
                         {"napi", "napi"},       {"nasa", "nasa"},       {"nunukan", "nunukan"},
                         {"ngawi", "ngawi"},     {"ninja", "ninja"},     {"ngakak", "ngakak"},
                         {"mulan", "mulan"},     {"market", "market"},   {"mukul", "mukul"},
                         {"menandai", "tanda"},  {"menengah", "tengah"}, {"mengabarkan", "kabar"}});
  }
  SUBCASE("short words, digits, non-ASCII and unknown words") {
    CheckCases(stemmer, {{"kpk", "kpk"},           {"dpr", "dpr"},        {"covid19", "covid19"},
                         {"2019", "2019"},         {"café", "café"},      {"jokowi", "jokowi"},
                         {"jokowinya", "jokowi"},  {"xyzkan", "xyzkan"}, {"", ""}});
  }
}

TEST_CASE("IndonesianStemmer plugs into Xapian and memoises") {
  auto dict = SourceDictionary();
  Xapian::Stem stem = rkn::MakeIndonesianStem(dict);
  CHECK(stem("kepemimpinan") == "pimpin");
  CHECK(stem("kepemimpinan") == "pimpin");  // cached
  CHECK(stem.get_description() == "Xapian::Stem(indonesian-dict)");

  SUBCASE("the cached and uncached results agree") {
    rkn::IndonesianStemmer stemmer(dict);
    for (std::string w : {"pertemuan", "bukunya", "bali", "menandatangani"}) {
      CAPTURE(w);
      CHECK(stemmer(w) == stemmer.StemUncached(w));
      CHECK(stemmer(w) == stemmer.StemUncached(w));
    }
  }
  SUBCASE("TermGenerator indexes stemmed terms with it") {
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    tg.set_stemmer(stem);
    tg.set_document(doc);
    tg.index_text("Pertemuan para pemimpin");
    bool found = false;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (*it == "Zpimpin") found = true;
    }
    CHECK(found);
  }
}

TEST_CASE("IndonesianStemmer is more accurate than Snowball on hand-checked news words") {
  const auto path = std::filesystem::path(RKN_TEST_DATADIR) / "word_root.tsv";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot open " << path.string());
  std::vector<std::pair<std::string, std::string>> pairs;
  std::set<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, "malformed line: " << line);
    pairs.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    CHECK_MESSAGE(words.insert(pairs.back().first).second, "a word given twice: " << pairs.back().first);
  }
  REQUIRE(pairs.size() >= 300);

  rkn::IndonesianStemmer ours(SourceDictionary());
  Xapian::Stem snowball("indonesian");
  size_t ours_ok = 0, snowball_ok = 0;
  for (const auto& [word, root] : pairs) {
    if (ours(word) == root) ++ours_ok;
    if (snowball(word) == root) ++snowball_ok;
  }
  const double n = static_cast<double>(pairs.size());
  const double ours_acc = static_cast<double>(ours_ok) / n;
  const double snowball_acc = static_cast<double>(snowball_ok) / n;
  MESSAGE("word_root.tsv: " << pairs.size() << " pairs; indonesian-dict accuracy " << ours_acc
                            << ", snowball indonesian accuracy " << snowball_acc);
  CHECK(ours_acc >= 0.95);
  CHECK(ours_acc > snowball_acc);
}

