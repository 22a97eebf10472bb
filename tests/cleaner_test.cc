// Unit tests of the rule-driven cleaner: one table per rule class, inline cuts, blocks, runs,
// repetition, the title, rule loading and versioning.
#include "common/cleaner.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "common/furniture.h"
#include "common/text.h"

namespace rkn {
namespace {

const Cleaner& Rules() {
  static const Cleaner cleaner = [] {
    auto c = Cleaner::Load(std::filesystem::path(RKN_SOURCE_DIR) / "data", {});
    REQUIRE_MESSAGE(c.ok(), c.status().ToString());
    return std::move(c).value();
  }();
  return cleaner;
}

// Cleans `text` (a short article) and returns the decision for its line `index` (0-based).
LineDecision DecideLine(const std::string& text, size_t index, const CleanContext& ctx = {}) {
  auto r = Rules().Clean(NormalizeText(text), 1, ctx);
  REQUIRE(index < r.lines.size());
  return r.lines[index];
}

// A neutral paragraph placed around lines under test, so no line is the first line (title).
const std::string kPara =
    "Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada Senin pagi, kata juru bicara "
    "istana kepada wartawan di Jakarta.";

struct LineCase {
  const char* line;
  LineDecision::Action action;
  const char* rule;
};

void CheckTable(const std::vector<LineCase>& cases) {
  for (const auto& c : cases) {
    CAPTURE(std::string(c.line));
    auto d = DecideLine(kPara + "\n" + c.line + "\n" + kPara, 1);
    CHECK(d.action == c.action);
    CHECK(d.rule == c.rule);
  }
}

constexpr auto kKeep = LineDecision::Action::kKeep;
constexpr auto kDrop = LineDecision::Action::kDrop;

TEST_CASE("Cross-reference lines are dropped with the cross-reference rule") {
  CheckTable({
      {"Baca juga: Dalam Pertemuan Bersejarah, Ini yang Dibicarakan Putin dan Kim Jong Un", kDrop, "xref-baca-juga"},
      {"Baca Juga: Kim Jong Un Disebut Eksekusi 4 Pejabat", kDrop, "xref-baca-juga"},
      {"BACA JUGA: Harga Emas Turun Lagi Hari Ini", kDrop, "xref-baca-juga"},
      {"BACA JUGA Harga Emas Turun Lagi Hari Ini", kDrop, "xref-baca-juga"},
      {"Simak juga: Jokowi Resmikan Tol Baru", kDrop, "xref-baca-juga"},
      {"Lihat juga: Video Banjir di Jakarta", kDrop, "xref-baca-juga"},
      {"Baca juga:", kDrop, "xref-baca-juga"},
      {"[Baca juga: Putin Tiba di Pyongyang]", kDrop, "xref-bracketed"},
      {"(Baca juga: Marquez Diminta Segera Akhiri Perburuan Gelar)", kDrop, "xref-bracketed"},
      {"Baca selengkapnya: Harga BBM Naik", kDrop, "xref-selengkapnya"},
      {"Simak selengkapnya di halaman selanjutnya.", kDrop, "xref-selengkapnya"},
      {"Simak berita selengkapnya di detikcom!", kDrop, "xref-selengkapnya"},
      {"Baca Berita Terkait Lainnya", kDrop, "related-heading"},
  });
}

TEST_CASE("Ads, promotions and widgets are dropped") {
  CheckTable({
      {"Tags Shell Indonesia Harga BBM Shell terbaru", kDrop, "tags"},
      {"Baca berita tanpa iklan. Gabung Kompas.com+", kDrop, "ad"},
      {"Close Ads", kDrop, "ad"},
      {"ADVERTISEMENT", kDrop, "ad"},
      {"SCROLL TO CONTINUE WITH CONTENT", kDrop, "ad"},
      {"Dapatkan berita terkini dan kejutan menarik dari SINDOnews.com, Klik Disini", kDrop, "ad"},
      {"Nikmati berita interaktif dan LIVE report 24 jam hanya di TribunX", kDrop, "ad"},
      {"Dapatkan Berita Pilihan", kDrop, "ad"},
      {"di WhatsApp Anda", kDrop, "ad"},
      {"Segera lengkapi data dirimu untuk ikutan program #JernihBerkomentar.", kDrop, "ad"},
      {"loading...", kDrop, "nav"},
      {"A A A", kDrop, "nav"},
      {"Halaman :", kDrop, "nav"},
      {"Halaman Berikutnya", kDrop, "nav"},
      {"Halaman: 1 2 3 Selanjutnya", kDrop, "nav"},
      {"(wsn/wsn)", kDrop, "byline"},
      {"Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup Telegram "
       "\"Kompas.com News Update\", caranya klik link https://t.me/kompascomupdate, kemudian join.", kDrop, "ad"},
      {"Atas", kDrop, "nav"},
      {"Komentar", kDrop, "nav"},
      {"Oke", kDrop, "nav"},
      {"Bagikan artikel ini melalui", kDrop, "nav"},
      {"Login untuk memaksimalkan pengalaman mengakses Kompas.com", kDrop, "nav"},
      {"Ikuti kami di", kDrop, "nav"},
      {"zoom-in Kim Jong Un dan Putin akan Bertemu", kDrop, "nav"},
      {"read/ rendering in 0.7162 seconds (0.1#10.140)", kDrop, "nav"},
      {"pixels", kDrop, "nav"},
      {"CNBC INDONESIA RESEARCH", kDrop, "nav"},
      {"CNBC INDONESIA RESEARCHresearch@cnbcindonesia.com", kDrop, "nav"},
      {"Simak Jawabannya, dalam Investime Hidup Tenang Tanpa Utang, Senin, 9 September 2024, pukul 18.05 WIB, Hanya Di CNBC "
       "INDONESIA.",
       kDrop, "ad"},
      {"[email protected]", kDrop, "email-protected"},
      {"Tribun", kDrop, "brand"},
      {"Tribunnews", kDrop, "brand"},
      {"Baca WhatsApp Tribunnews", kDrop, "brand"},
      {"#NAME?", kDrop, "spreadsheet-error"},
      {"#VALUE!", kDrop, "spreadsheet-error"},
      {"#N/A", kDrop, "spreadsheet-error"},
  });
}

TEST_CASE("Footers, credits and bylines are dropped") {
  CheckTable({
      {"Copyright © 2024 SINDOnews.com", kDrop, "copyright"},
      {"All Rights Reserved", kDrop, "copyright"},
      {"© 2024 TRIBUNnews.com,a subsidiary of KG Media. All Right Reserved", kDrop, "copyright"},
      {"YURI KADOBNOV / AFP", kDrop, "photo-credit"},
      {"(KIM Won Jin / AFP)", kDrop, "photo-credit"},
      {"Foto/Sputnik/Gavriil Grigorov", kDrop, "photo-credit"},
      {"GETTY IMAGES via BBC INDONESIA", kDrop, "photo-credit"},
      {"Tim Redaksi", kDrop, "team"},
      {"Penulis: Tiara Shelavie", kDrop, "byline"},
      {"Editor: Suci BangunDS", kDrop, "byline"},
      {"Pewarta: Sean Filo Muhamad Editor: Endang Sukarelawati", kDrop, "byline"},
      {"Artikel ini telah tayang di Kompas.com dengan judul \"Harga Emas Turun\"", kDrop, "syndication"},
      {"Kamis, 20 Juni 2024 - 16:15 WIB", kDrop, "date-line"},
      {"Diperbarui: Senin, 30 September 2019 10:00 WIB", kDrop, "date-label"},
      {"Published: 30 September 2019", kDrop, "date-label"},
      {"Simak juga Video Jokowi Resmikan Tol", kDrop, "video-promo"},
  });
}

TEST_CASE("A reporter's credit at the end of the article is cut, and named when it is a name in parentheses") {
  struct Case {
    const char* text;  // the article; its last line is checked
    const char* kept;  // what is kept of the last line ("" when dropped)
    const char* rule;
    const char* credit;
  };
  const std::string p = kPara + "\n";
  for (const auto& c : std::vector<Case>{
           // Kontan's copy of a Kompas article: the credit before the cut syndication note.
           {"\"Semua akan mendukung Jokowi,\" lanjut dia. (Rakhmat Nur Hakim) Artikel ini telah tayang di "
            "Kompas.com dengan judul \"31 % Pemilih Golkar\"",
            "\"Semua akan mendukung Jokowi,\" lanjut dia.", "syndication,credit", "Rakhmat Nur Hakim"},
           {"Aplikasi OMSPAN dipakai,\" jelasnya. (Edi Suwiknyo)", "Aplikasi OMSPAN dipakai,\" jelasnya.", "credit",
            "Edi Suwiknyo"},
           {"Harga naik. (M. Rizky Fadilah)", "Harga naik.", "credit", "M. Rizky Fadilah"},
           {"segera merenovasi masjid.(Willy Widianto)", "segera merenovasi masjid.", "credit", "Willy Widianto"},  // glued
           {"(Rakhmat Nur Hakim)", "", "credit", "Rakhmat Nur Hakim"},
           // Part of a sentence, one word, agencies, abbreviations, organisations, places, dates.
           {"Saham dibeli oleh pendiri perusahaan (Budi Santoso)", "Saham dibeli oleh pendiri perusahaan (Budi Santoso)",
            "content", ""},
           {"Harga naik. (ANTARA)", "Harga naik. (ANTARA)", "content", ""},
           // Editors' initials after the last sentence, glued or not, and Tempo's reporters in
           // capitals on the last line: cut, but no name.
           {"Harga naik. (red)", "Harga naik.", "credit", ""},
           {"ada hambatan dan kendala,\" ujarnya. (trb)", "ada hambatan dan kendala,\" ujarnya.", "credit", ""},
           {"\"Kita cek dulu ya,\" ujarnya singkat.(dek/ris)", "\"Kita cek dulu ya,\" ujarnya singkat.", "credit", ""},
           {"Pasar tumbuh pesat, tutupnya. (adv)", "Pasar tumbuh pesat, tutupnya.", "credit", ""},
           // Capitalised, after the commas of a comma-joined dump, or before one; with a slash.
           {"Harga naik. (Ant)", "Harga naik.", "credit", ""},
           {"Pasar tumbuh pesat, tutupnya. (Adv)", "Pasar tumbuh pesat, tutupnya.", "credit", ""},
           {"Pasar tumbuh pesat, kata dia.,(knv/knv)", "Pasar tumbuh pesat, kata dia.", "credit", ""},
           {"Pasar tumbuh pesat, kata dia.,,,(adv)", "Pasar tumbuh pesat, kata dia.", "credit", ""},
           {"Pasar tumbuh pesat, kata dia. (eth),", "Pasar tumbuh pesat, kata dia.", "credit", ""},
           {"Pasar tumbuh pesat, kata dia. (Surya/Doni Prasetyo)", "Pasar tumbuh pesat, kata dia.", "credit", ""},
           {"Jemaah tiba. (IKP Kominfo/HK)", "Jemaah tiba.", "credit", ""},
           // The source a site copied from (posmetro-medan's endings), square brackets, a hyphen.
           {"Jalan diperbaiki, kata kepala dinas. (tempo)", "Jalan diperbaiki, kata kepala dinas.", "credit", ""},
           {"Jalan diperbaiki, kata kepala dinas. (katadata)", "Jalan diperbaiki, kata kepala dinas.", "credit", ""},
           {"Jalan diperbaiki, kata kepala dinas. [vvn]", "Jalan diperbaiki, kata kepala dinas.", "credit", ""},
           {"Jalan diperbaiki, kata kepala dinas. (cr-2/pojoksumut)", "Jalan diperbaiki, kata kepala dinas.", "credit", ""},
           {"Jalan diperbaiki di kawasan itu (belawan)", "Jalan diperbaiki di kawasan itu (belawan)", "content", ""},
           {"Jalan diperbaiki. [Randi]", "Jalan diperbaiki. [Randi]", "content", ""},
           {"Jalan diperbaiki. (pemerintahkotamedan)", "Jalan diperbaiki. (pemerintahkotamedan)", "content", ""},
           {"Harga naik. (10/12/2018)", "Harga naik. (10/12/2018)", "content", ""},  // a date, no credit
           {"Istirahat dulu. (1/2 jam)", "Istirahat dulu. (1/2 jam)", "content", ""},
           {"Hal itu diatur. (UU 11/2008)", "Hal itu diatur. (UU 11/2008)", "content", ""},
           {"\"Senyummu sedekah.\" (HR Bukhari/Muslim)", "\"Senyummu sedekah.\" (HR Bukhari/Muslim)", "content", ""},
           {"(pm/trb)", "", "byline", ""},
           {"ANWAR SISWADI", "", "credit", ""},
           {"CAESAR AKBAR | VINDRY FLORENTIN", "", "credit", ""},
           {"FRANCISCA CHRISTY ROSANA,", "", "credit", ""},  // a comma after, or '|' glued
           {"ANWAR SISWADI | NASA| REUTERS", "", "credit", ""},
           {"FIKRI ARIGI | M YUSUF MANURUNG", "", "credit", ""},  // an initial is no Roman numeral
           // Text other sites end with: a poem's title, the last item of a quake's intensities.
           {"RASANYA BARU KEMARIN..", "RASANYA BARU KEMARIN..", "content", ""},
           {"II MMI", "II MMI", "content", ""},
           // The closing lines of releases and channels, cut or dropped by the rules.
           {"Harga naik. Pengumuman ini dianggap sah dan berwenang hanya dalam versi bahasa aslinya. Tersedia Galeri "
            "Multimedia/Foto: https://www.businesswire.com/news/home/1/en Contacts Tel: +81-44-548-2219",
            "Harga naik.", "wire-footer", ""},
           {"Desainnya bermakna. Kontak: Hillary Jiang, hillary.jiang@geekvape.com", "Desainnya bermakna.", "wire-footer", ""},
           {"Harga naik, kata Agus._x000D_", "Harga naik, kata Agus.", "excel-escape", ""},
           {"Setiap orang punya kisah cinta yang unik. Ada yang penuh warna. Seperti kisah Sahabat Fimela yang disertakan "
            "dalam ini.,***,Dia adalah satu-satunya pria itu.",
            "Dia adalah satu-satunya pria itu.", "column-intro", ""},
           {"Berita lain terkait penelitian bisa Anda baca di Tempo.co.", "", "more-stories", ""},
           {"Selain tiga berita terpopuler di atas, Anda bisa membaca seputar sains dan teknologi hanya di kanal Tekno Tempo.co.",
            "", "more-stories", ""},
           {"Sanggahan : Artikel ini adalah produk jurnalistik berupa pandangan CNBC Indonesia Research. Analisis ini tidak "
            "bertujuan mengajak pembaca untuk membeli, menahan, atau menjual produk atau sektor investasi terkait.",
            "", "disclaimer", ""},
           {"Ekonomi tumbuh 5 persen (yoy)", "Ekonomi tumbuh 5 persen (yoy)", "content", ""},
           {"SELESAI", "SELESAI", "content", ""},
           {"HIDUP INDONESIA!", "HIDUP INDONESIA!", "content", ""},
           {"Harga naik. (AFP Reuters)", "Harga naik. (AFP Reuters)", "content", ""},
           {"Harga naik. (Bank Indonesia)", "Harga naik. (Bank Indonesia)", "content", ""},
           {"Harga naik. (Jawa Tengah)", "Harga naik. (Jawa Tengah)", "content", ""},
           {"Harga naik. (Antara News)", "Harga naik. (Antara News)", "content", ""},
           {"Harga naik. (Tim Redaksi)", "Harga naik. (Tim Redaksi)", "content", ""},
           {"Harga naik. (Bersambung)", "Harga naik. (Bersambung)", "content", ""},
           {"Harga naik. (dukung Jokowi-Ma'ruf)", "Harga naik. (dukung Jokowi-Ma'ruf)", "content", ""},
           {"Kata Sofyan di Jakarta, Senin (10/12/2018)", "Kata Sofyan di Jakarta, Senin (10/12/2018)", "content", ""},
           {"Harga naik. (Edi Suwiknyo 2019)", "Harga naik. (Edi Suwiknyo 2019)", "content", ""},
           {"Harga naik. (Satu Dua Tiga Empat Lima)", "Harga naik. (Satu Dua Tiga Empat Lima)", "content", ""},
       }) {
    CAPTURE(std::string(c.text));
    auto r = Rules().Clean(NormalizeText(p + c.text), 1, {});
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[1].kept == c.kept);
    CHECK(r.lines[1].rule == c.rule);
    CHECK(r.lines[1].credit == c.credit);
  }
  SUBCASE("only at the end of the article") {
    auto r = Rules().Clean(NormalizeText(p + "Harga naik. (Edi Suwiknyo)\nMenurut dia, penjualan mobil listrik terus naik tahun ini."), 1, {});
    REQUIRE(r.lines.size() == 3);
    CHECK(r.lines[1].rule == "content");
    CHECK(r.lines[1].credit == "");
  }
  SUBCASE("an article that is only a credit is left alone") {
    auto r = Rules().Clean(NormalizeText("Harga naik.\n(Edi Suwiknyo)"), 1, {});
    CHECK(r.lines.back().rule == "credit");
    auto only = Rules().Clean(NormalizeText("(Edi Suwiknyo)"), 1, {});
    CHECK(only.lines.back().action == kKeep);
  }
}

TEST_CASE("A summary the article repeats, glued before ANTARA's dateline, is cut from the lead") {
  struct Case {
    const char* lead;   // the article's first line
    const char* later;  // a later line ("" for none)
    const char* kept;   // what is kept of the lead
    const char* rule;
  };
  const std::string quote = "\"Seluruh personel telah ditempatkan di titik-titik strategis pengamanan,\" kata Kapolda.";
  for (const auto& c : std::vector<Case>{
           // A quotation from further down; the place is one word.
           {"\"Seluruh personel telah ditempatkan di titik-titik strategis pengamanan,\" Pangkalpinang (ANTARA) - "
            "Polda mengerahkan 1.600 personel.",
            quote.c_str(), "Pangkalpinang - Polda mengerahkan 1.600 personel.", "teaser,dateline-brand"},
           // The repeat in the same line (records keep the article on one line); a place of three
           // words right after the teaser's last word, which the repeat stops before.
           {"Peran insinyur sangat penting sebagai aktor utama pembangunan di era digitalisasi Penajam Paser Utara "
            "(ANTARA) - IKN menjadi acuan. Menurut dia, peran insinyur sangat penting sebagai aktor utama pembangunan "
            "di era digitalisasi, ujarnya.",
            "", "Penajam Paser Utara - IKN menjadi acuan. Menurut dia, peran insinyur sangat penting sebagai "
            "aktor utama pembangunan di era digitalisasi, ujarnya.", "teaser,dateline-brand"},
           // Cut off in a word by the site ("wargan" of "warganya").
           {"Salatiga ini adalah kota paling toleran di Indonesia, jadi sangat hebat sekali, wargan Jakarta (ANTARA) - "
            "Wapres berkunjung.",
            "\"Salatiga ini adalah kota paling toleran di Indonesia, jadi sangat hebat sekali, warganya toleran,\" katanya.",
            "Jakarta - Wapres berkunjung.", "teaser,dateline-brand"},
           // Not repeated: a summary the article does not say again stays.
           {"Dengan semangat Go Beyond Ordinary, Indonesia menegaskan komitmennya sebagai destinasi, Jakarta (ANTARA) - "
            "Pemerintah menargetkan 17 juta kunjungan.",
            "", "Dengan semangat Go Beyond Ordinary, Indonesia menegaskan komitmennya sebagai destinasi, Jakarta (ANTARA) - "
            "Pemerintah menargetkan 17 juta kunjungan.", "content"},
           // Repeated, but words between the repeat and the place that are not a place: left alone.
           {"\"Seluruh personel telah ditempatkan di titik-titik strategis pengamanan,\" ujar dia di Pangkalpinang "
            "(ANTARA) - Polda mengerahkan 1.600 personel.",
            quote.c_str(), "\"Seluruh personel telah ditempatkan di titik-titik strategis pengamanan,\" ujar dia di "
            "Pangkalpinang (ANTARA) - Polda mengerahkan 1.600 personel.", "content"},
           // A dateline that opens the lead, and a short text before one: no teaser to cut (the
           // brand goes all the same).
           {"Jakarta (ANTARA) - Polda mengerahkan 1.600 personel.", quote.c_str(),
            "Jakarta - Polda mengerahkan 1.600 personel.", "dateline-brand"},
           {"Bethlehem, Palestina/Istanbul (ANTARA) - Patriark Latin Yerusalem berbicara.", "",
            "Bethlehem, Palestina/Istanbul - Patriark Latin Yerusalem berbicara.", "dateline-brand"},
       }) {
    CAPTURE(std::string(c.lead));
    const std::string later = *c.later ? std::string("\n") + c.later : "";
    CleanContext ctx;
    ctx.title = "Polda kerahkan personel";
    auto r = Rules().Clean(NormalizeText(std::string(c.lead) + later), 1, ctx);
    REQUIRE(!r.lines.empty());
    CHECK(r.lines[0].kept == c.kept);
    CHECK(r.lines[0].rule == c.rule);
  }
}

// An article's first lines and what the cleaner keeps of one of them, its lead.
struct LeadCase {
  const char* text;  // the article's first lines; a paragraph follows them
  int line;          // 0-based line of the lead
  const char* kept;  // what is kept of that line
  const char* rule;
  const char* source;  // LineDecision::dateline_source
};

// Cleans c.text and a paragraph after it, and checks what is kept of line c.line.
CleanResult CheckLead(const LeadCase& c) {
  CAPTURE(std::string(c.text));
  const std::string para = "\nIa mengatakan pertemuan itu berlangsung selama dua jam di gedung kementerian.";
  auto r = Rules().Clean(NormalizeText(std::string(c.text) + para), 1, {});
  REQUIRE(r.lines.size() > static_cast<size_t>(c.line));
  CHECK(r.lines[c.line].kept == c.kept);
  CHECK(r.lines[c.line].rule == c.rule);
  CHECK(r.lines[c.line].dateline_source == c.source);
  return r;
}

TEST_CASE("The news brand of the lead's dateline is cut and its place kept") {
  for (const auto& c : std::vector<LeadCase>{
           {"VALDIVOSTOK, KOMPAS.com - Presiden Rusia bertemu Kim.", 0, "VALDIVOSTOK - Presiden Rusia bertemu Kim.",
            "dateline-brand", "kompas.com"},
           {"Jakarta, CNBC Indonesia -Kedatangan pemain baru membuat nilai pasar melesat.", 0,
            "Jakarta - Kedatangan pemain baru membuat nilai pasar melesat.", "dateline-brand", "cnbcindonesia.com"},
           {"TEMPO.CO, Jakarta - Menteri Keuangan menaikkan cukai rokok.", 0,
            "Jakarta - Menteri Keuangan menaikkan cukai rokok.", "dateline-brand", "tempo.co"},
           {"KONTAN.CO.ID - JAKARTA. Bank Indonesia menahan suku bunga.", 0, "JAKARTA. Bank Indonesia menahan suku bunga.",
            "dateline-brand", "kontan.co.id"},
           {"KOMPAS.com - Rusia dan Korea Utara kian mesra.", 0, "Rusia dan Korea Utara kian mesra.", "dateline-brand",
            "kompas.com"},
           // After a photo caption: the dateline opens the second line.
           {"Presiden Rusia Vladimir Putin (kiri) dan Kim Jong Un di Vladivostok.\nMOSKWA, KOMPAS.com - Rusia menyambut Kim.",
            1, "MOSKWA - Rusia menyambut Kim.", "dateline-brand", "kompas.com"},
           // A wire's press release on ANTARA: the agency and the wire between two dashes.
           {"Kawasaki, Jepang --(ANTARA/Business Wire)-- Toshiba meluncurkan komparator ganda.", 0,
            "Kawasaki, Jepang - Toshiba meluncurkan komparator ganda.", "dateline-brand", "antaranews.com"},
           // A place alone, no brand: nothing to cut.
           {"PYONGYANG - Korea Utara meluncurkan rudal.", 0, "PYONGYANG - Korea Utara meluncurkan rudal.", "content", ""},
           // A brand in a sentence, or after the lead: the site's name is the text's.
           {"Menurut CNBC Indonesia - yang mengutip data BPS - harga naik.", 0,
            "Menurut CNBC Indonesia - yang mengutip data BPS - harga naik.", "content", ""},
           {"Jakarta --(kata dia)-- harga naik.", 0, "Jakarta --(kata dia)-- harga naik.", "content", ""},
       }) {
    CheckLead(c);
  }
}

TEST_CASE("A dateline alone on its line is joined to the lead after it") {
  for (const auto& c : std::vector<LeadCase>{
           // detik's page: the place in bold before the first paragraph.
           {"Jakarta -\nGalaxy S6 Edge adalah smartphone jagoan Samsung.", 1,
            "Jakarta - Galaxy S6 Edge adalah smartphone jagoan Samsung.", "dateline-joined", ""},
           // A brand in it goes as on one line; blank lines between do not part them.
           {"JAKARTA, KOMPAS.com -\n\nPresiden meresmikan jembatan baru.", 2, "JAKARTA - Presiden meresmikan jembatan baru.",
            "dateline-joined,dateline-brand", "kompas.com"},
           {"Jakarta (ANTARA) -\nPolda mengerahkan 1.600 personel.", 1, "Jakarta - Polda mengerahkan 1.600 personel.",
            "dateline-joined,dateline-brand", "antaranews.com"},
           // No place before the dash, or text after it: nothing joined.
           {"Menurut dia -\nPolda mengerahkan 1.600 personel.", 1, "Polda mengerahkan 1.600 personel.", "content", ""},
           {"Jakarta - Polda mengerahkan 1.600 personel.\nPresiden meresmikan jembatan baru.", 1,
            "Presiden meresmikan jembatan baru.", "content", ""},
       }) {
    const CleanResult r = CheckLead(c);
    if (std::string_view(c.rule).starts_with("dateline-joined")) {
      CHECK(r.lines[0].action == LineDecision::Action::kDrop);
      CHECK(r.lines[0].rule == "dateline-joined");
    }
  }
}

TEST_CASE("What a scrape leaves of a quoted comment, the marks around the verb that introduced it, is dropped") {
  CheckTable({
      {"\" komentar akun. \"", kDrop, "quote-residue"},
      {"'' ungkap akun. ''", kDrop, "quote-residue"},
      {"\" tulis.", kDrop, "quote-residue"},
      {"\" imbuh netter yang lain. \"", kDrop, "quote-residue"},
      {"\" lanjutnya.", kDrop, "quote-residue"},
      // Kept: a speaker named, a quotation with its words, a sentence about comments.
      {"\" ujar Merry.", kKeep, "content"},
      {"\"Kata dia, itu mustahil.\"", kKeep, "content"},
      {"Komentar akun itu viral.", kKeep, "content"},
  });
}

TEST_CASE("Article text that resembles boilerplate is kept") {
  CheckTable({
      {"Berita lain soal banjir dapat dibaca di laman BPBD.", kKeep, "content"},
      {"Cara memakai Tags di Instagram", kKeep, "content"},
      {"Fitur itu bernama Tags. Tags memudahkan pengguna mencari foto.", kKeep, "content"},
      {"Harga naik. tags kecil tanpa huruf besar", kKeep, "content"},
      {"1970-an", kKeep, "content"},
      {"Rumus #NAME? muncul bila nama fungsi salah ketik.", kKeep, "content"},
      {"2. Invasi ke Selatan", kKeep, "content"},
      {"Strategi Kim Jong Un", kKeep, "content"},
      {"Sejarah Hubungan Rusia dan Korut", kKeep, "content"},
      {"\"Kami tidak akan mundur,\" kata dia.", kKeep, "content"},
      {"PYONGYANG - Sejarah hubungan Rusia dan Korea Utara menarik diketahui.", kKeep, "content"},
      {"Oleh karena itu, pemerintah menunda kenaikan harga.", kKeep, "content"},
      // A heading in Title Case that opens with "Oleh karena": no byline, and no author.
      {"Oleh Karena Itu Polisi Meminta Warga Waspada", kKeep, "content"},
      {"Simak pembahasan mengenai integrasi nasional di bawah ini.", kKeep, "content"},
      {"Topik pembahasan kali ini adalah kebijakan fiskal.", kKeep, "content"},
      {"\"Tapi kita pantau terus,\" tuturnya.", kKeep, "content"},
      {"Pantau terus perkembangannya, kata Kepala BPBD.", kKeep, "content"},
      {"Riset itu dikerjakan CNBC Indonesia Research bersama kampus.", kKeep, "content"},
      {"Iklan rokok dilarang tayang di televisi mulai tahun depan.", kKeep, "content"},
      {"-5 derajat Celsius tercatat di puncak Jayawijaya pagi ini.", kKeep, "content"},
      {"Daftar lengkap pemenang bisa dibaca selengkapnya di situs resmi panitia.", kKeep, "content"},
      {"Warga diminta membaca aturan itu selengkapnya di sini, di kantor kelurahan.", kKeep, "content"},
  });
}

struct CutCase {
  const char* line;
  const char* kept;
  const char* rule;
};

TEST_CASE("A line with no letter or digit left is dropped, an emptied embed's quotation marks") {
  auto r = Rules().Clean(kPara + "\n\"\n\".\n***\n" + kPara, 1, {});
  REQUIRE(r.lines.size() == 5);
  for (size_t i : {1, 2, 3}) {
    CAPTURE(i);
    CHECK(r.lines[i].action == kDrop);
    CHECK(r.lines[i].rule == "blank");
  }
}

TEST_CASE("On tempo.co a last line of one word in capitals is the source it credits") {
  for (const char* source : {"tempo.co", "kompas.com"}) {
    CAPTURE(source);
    rkn::CleanContext ctx;
    ctx.source = source;
    auto r = Rules().Clean(kPara + "\nBISNIS", 1, ctx);
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[1].action == (std::string(source) == "tempo.co" ? kDrop : kKeep));
  }
}

TEST_CASE("Glued cross-references are cut out and the text around them is kept") {
  const std::vector<CutCase> cases = {
      // okezone: paragraphs joined by commas, the headline already stripped.
      {"tugas kita bersama,\" imbuhnya.,Baca Juga :,,Ia pun memastikan penegakan hukum.",
       "tugas kita bersama,\" imbuhnya.,Ia pun memastikan penegakan hukum.", "xref-baca-juga"},
      {"paling banyak kategori 4,Baca juga:,,Sebelumnya anggota Komisi III melobi.",
       "paling banyak kategori 4,Sebelumnya anggota Komisi III melobi.", "xref-baca-juga"},
      {"terlibat dalam serangan itu.,Baca juga:,,Baca juga:,,Iran membantah terlibat.",
       "terlibat dalam serangan itu.,Iran membantah terlibat.", "xref-baca-juga"},
      // Headline ended by a comma-joined paragraph.
      {"dari laman resmi Liga Indonesia.,Baca Juga: Musim 2019-2020 Jadi Musim Pengharapan Bagi Jamez,\"Semua bisa main,\" ucapnya.",
       "dari laman resmi Liga Indonesia.,\"Semua bisa main,\" ucapnya.", "xref-baca-juga"},
      {"seperti dikutip dari Kontan.co.id.,,Baca juga: Layanan Sempat Error, Bos Bank Mandiri Minta Maaf,,Lantas apakah bank itu bisa?",
       "seperti dikutip dari Kontan.co.id.,,Lantas apakah bank itu bisa?", "xref-baca-juga"},
      // Glued without a space: the next sentence starts with a capital right after the headline.
      {"kata dia.Baca juga: Korea Utara Angkat Suara Soal Limbah Nuklir FukushimaSelain itu, Jepang membantah.",
       "kata dia. Selain itu, Jepang membantah.", "xref-baca-juga"},
      // kompas 2018-19: joined by two spaces, or Title Case headline then a sentence.
      {"sambung dia. Baca juga: Buwas: Bulog Sering Kalah Hadapi Gugatan dari Mafia Tanah  Menurut Sofyan, Indonesia tertinggal.",
       "sambung dia. Menurut Sofyan, Indonesia tertinggal.", "xref-baca-juga"},
      {"kata dia, Kamis (13/12/2018). Baca juga: Rahasia Miniso Buka Ratusan Gerai dalam Dua Tahun di Indonesia Dia menyebutkan, pihaknya sejauh ini masih mengincar lokasi di Jabodetabek karena permintaan yang besar, namun beberapa kota di luar Jabodetabek juga sudah dilirik.",
       "kata dia, Kamis (13/12/2018). Dia menyebutkan, pihaknya sejauh ini masih mengincar lokasi di Jabodetabek karena permintaan yang besar, namun beberapa kota di luar Jabodetabek juga sudah dilirik.",
       "xref-baca-juga"},
      // sindonews: parenthesised.
      {"dilihat oleh AFP. (Baca juga: SMS Menyayat Hati Terduga Korban 'Kontainer 39 Mayat' di Inggris),Kedua korban diduga berasal dari Ha Tinh.",
       "dilihat oleh AFP. Kedua korban diduga berasal dari Ha Tinh.", "xref-bracketed"},  // a space, not the comma: a sentence end phrases do not cross
      // ANTARA: sentence-case headlines ended by a quotation or the footer.
      {"berbagai daerah di Indonesia. Baca juga: Jemaat GPIB Immanuel jalankan ibadah misa Natal dengan khidmat \"GPIB mengusung tema tersebut, karena sangat relevan dengan keadaan negeri ini,\" katanya.",
       "berbagai daerah di Indonesia. \"GPIB mengusung tema tersebut, karena sangat relevan dengan keadaan negeri ini,\" katanya.",
       "xref-baca-juga"},
      {"dan hidup sederhana. Baca juga: Malam Natal, Menkopolkam ajak umat doakan masyarakat dilanda bencana Baca juga: Humaniora kemarin, perayaan Natal hingga mudik akhir tahun Sebelumnya, Menteri Agama Nasaruddin Umar mengajak umat Kristiani memaknai Natal tahun ini sebagai panggilan untuk kembali merawat keluarga.",
       "dan hidup sederhana. Sebelumnya, Menteri Agama Nasaruddin Umar mengajak umat Kristiani memaknai Natal tahun ini sebagai panggilan untuk kembali merawat keluarga.",
       "xref-baca-juga"},
      // ...ended by a name, the sentence after it opening with "Dalam" (the cut used to stop
      // before "Natal"); a name that starts the next sentence still goes with that sentence.
      {"kata Hidayat di Pangkalpinang, Kamis. Baca juga: Babel pastikan kenyamanan masyarakat dalam beribadah Natal Dalam memastikan suasana kondusif pada perayaan Natal 2025, ia bersama Forkopimda memantau pelaksanaan ibadah Natal di sejumlah gereja di Kota Pangkalpinang yang berjalan aman.",
       "kata Hidayat di Pangkalpinang, Kamis. Dalam memastikan suasana kondusif pada perayaan Natal 2025, ia bersama Forkopimda memantau pelaksanaan ibadah Natal di sejumlah gereja di Kota Pangkalpinang yang berjalan aman.",
       "xref-baca-juga"},
      // ...ended by an ordinal that counts the article's points ("Kedua,"), after a name.
      {"terus mendorong rendang. Baca juga: Sumbar usulkan Rendang jadi Warisan Dunia UNESCO Kedua, studi tersebut akan segera dilakukan oleh Kementerian Kebudayaan.",
       "terus mendorong rendang. Kedua, studi tersebut akan segera dilakukan oleh Kementerian Kebudayaan.", "xref-baca-juga"},
      {"kata Hidayat di Pangkalpinang, Kamis. Baca juga: Babel pastikan kenyamanan masyarakat dalam beribadah Gubernur Hidayat Arsani memantau pelaksanaan ibadah Natal di sejumlah gereja di Kota Pangkalpinang yang berjalan aman, tertib dan damai.",
       "kata Hidayat di Pangkalpinang, Kamis. Gubernur Hidayat Arsani memantau pelaksanaan ibadah Natal di sejumlah gereja di Kota Pangkalpinang yang berjalan aman, tertib dan damai.",
       "xref-baca-juga"},
      {"pada 2028, demikian Basuki. Baca juga: 856 petugas pendataan catat jumlah penduduk IKN Pewarta: Nyaman Bagus Editor: Sambas Copyright © ANTARA 2025 Dilarang keras mengambil konten.",
       "pada 2028, demikian Basuki.", "xref-baca-juga,antara-footer"},
      // detik: video promotions glued to the last sentence.
      {"kata Putu Yoga.Simak juga video 'Kejati Jabar Serahkan Barang Bukti': [Gambas:Video 20detik]Simak selengkapnya di halaman berikutnya.",
       "kata Putu Yoga.", "video-promo,next-page"},
      // "Baca selengkapnya di sini" where a link was: bisnis.com's roundups glue the next item on,
      // detik and kompas end a paragraph with it, CLICK-ID's entertainment sites ask with "Yuk".
      {"akan fokus melakukan intensifikasi pada tahun ini. Baca selengkapnya di siniNilai tukar rupiah masih bergerak positif.",
       "akan fokus melakukan intensifikasi pada tahun ini. Nilai tukar rupiah masih bergerak positif.", "xref-selengkapnya"},
      {"bisa meningkatkan ekonomi negara.\"Masyarakat bisa bergerak,\" ujar dia.Baca selengkapnya di sini.",
       "bisa meningkatkan ekonomi negara.\"Masyarakat bisa bergerak,\" ujar dia.", "xref-selengkapnya"},
      {"berdasarkan paritas daya beli atau purchasing power parity (PPP). Selengkapnya baca di sini",
       "berdasarkan paritas daya beli atau purchasing power parity (PPP).", "xref-selengkapnya"},
      // ANTARA's roundups: the link's text alone after each item; a link the scraper dropped.
      {"KPK periksa saksi di Kejaksaan Agung, Rabu. Selengkapnya di sini 2. KPK geledah rumah penyuap.",
       "KPK periksa saksi di Kejaksaan Agung, Rabu. 2. KPK geledah rumah penyuap.", "xref-selengkapnya"},
      {"Ia menulis di Facebook, Minggu (8/9/2019).,Baca selengkapnya di , , Kesehatan masih menuai polemik.",
       "Ia menulis di Facebook, Minggu (8/9/2019).,Kesehatan masih menuai polemik.", "xref-selengkapnya"},
      // ...on a line of its own, the record's commas tidied away: the sentence after it stays.
      {"Baca selengkapnya di Kesehatan sebesar 100 persen untuk kelas I dan II masih menuai polemik publik.",
       "Kesehatan sebesar 100 persen untuk kelas I dan II masih menuai polemik publik.", "xref-selengkapnya"},
      {"Ia mengaku menangis. Baca berita selengkapnya ,Ibunda Dhani datang.", "Ia mengaku menangis. Ibunda Dhani datang.",
       "xref-selengkapnya"},
      {"Untuk membaca selengkapnya di sini ada tautan lain yang disebut penulis.",
       "Untuk membaca selengkapnya di sini ada tautan lain yang disebut penulis.", "content"},
      {"Siapa saja sih deretan selebriti tersebut? Yuk simak selengkapnya di sini.,,,,,,Wanita berusia 24 tahun ini menikah.",
       "Siapa saja sih deretan selebriti tersebut? Wanita berusia 24 tahun ini menikah.", "xref-selengkapnya"},
      {"Mereka terpana dengan proporsi tubuh Jennie. Simak kisah selengkapnya di sini ya.,Belum lama ini ia tampil.",
       "Mereka terpana dengan proporsi tubuh Jennie. Belum lama ini ia tampil.", "xref-selengkapnya"},
      // fimela's campaign paragraph glued to the last one.
      {"Karena Tuhan tak mungkin menciptakan makhluknya tanpa kemampuan sama sekali.,FIMELA ingin mengajakmu menjadi "
       "perempuan Indonesia yang tangguh, dan terbebas dari rasa takut. Ketahuilah bahwa setiap perempuan terlahir "
       "istimewa. Yuk, Grow Fearless bersama Fimela. Segera daftarkan dirimu di , dan dapatkan undangan FIMELA FEST 2019.",
       "Karena Tuhan tak mungkin menciptakan makhluknya tanpa kemampuan sama sekali.", "ad"},
      {"kamu bisa menjelaskan sudut pandangmu kepada anak. ,Ingin tahu lebih lanjut tentang, Daftarkan dirimu sekarang "
       "juga di dan dapatkan kesempatan untuk hadir di Fimela Fest 2019!",
       "kamu bisa menjelaskan sudut pandangmu kepada anak.", "ad"},
      {"Ia menabung sejak muda. Ingin tahu lebih banyak bagaimana memulai komitmen keuangan yang sehat? Segera "
       "daftarkan dirimu di dan dapatkan kesempatan untuk hadir di Fimela Fest 2019!",
       "Ia menabung sejak muda.", "ad"},
      {"Lebih baik, konsumsi makanan sehat dan rutin berolahraga. ,***,Untuk memahami lebih dalam tentang yuk daftarkan "
       "diri kamu di dan raih kesempatan untuk menghadiri Fimela Fest 2019.",
       "Lebih baik, konsumsi makanan sehat dan rutin berolahraga.", "ad"},
      {"Tanpa berfokus pada mereka, ,katanya kepada Forbes. ,***,Ingin memahami lebih dalam tentang ,? Yuk, daftarkan "
       "diri kamu sekarang juga di dan raih kesempatan untuk datang ke Fimela Fest 2019.",
       "Tanpa berfokus pada mereka, ,katanya kepada Forbes.", "ad"},
      {"Tokoh Wanita Inspiratif Penggerak Pembangunan, dari Gubernur Jawa Barat, 2008, Ingin memahami lebih dalam "
       "tentang fearless women? Yuk, daftarkan diri kamu sekarang juga, dan raih kesempatan untuk datang ke Fimela Fest 2019.",
       "Tokoh Wanita Inspiratif Penggerak Pembangunan, dari Gubernur Jawa Barat, 2008", "ad"},
      {"Anak merengek. Kamu ingin tahu lebih lanjut tentang mindful parenting? Yuk, dan dapatkan kesempatan untuk "
       "hadir di Fimela Fest 2019!",
       "Anak merengek.", "ad"},
      // okezone's pagination prompts inside a paragraph.
      {"Bibirnya lucu sekali. Klik ke halaman berikutnya untuk informasi terkait", "Bibirnya lucu sekali.", "next-page"},
      {"berikutnya adalah cumi goreng tepung. Langsung saja dilihat resep cumi goreng tepung di halaman selanjutnya.",
       "berikutnya adalah cumi goreng tepung.", "next-page"},
      {"merah bisa kalian lihat di halaman selanjutnya. Selain itu, masih ada resep capcay merah.",
       "Selain itu, masih ada resep capcay merah.", "next-page"},
      {"pungkas Sandiaga.Simak juga 'Sandiaga Uno Resmikan Sirkuit':[Gambas:Video 20detik]", "pungkas Sandiaga.",
       "video-promo"},
      // A title with quotes of its own: its tail after the inner quote was kept.
      {"ucap Sidik.Lihat juga video 'Respons PDIP soal 'Dewan Kopral' Relawan Ganjar: Guyon-guyonan Politik': [Gambas:Video 20detik]",
       "ucap Sidik.", "video-promo"},
      // ...but "melihat 'x'" is no promo ("Polisi me" was left of the sentence).
      {"Polisi melihat 'gerakan tambahan' dalam rekaman itu.", "Polisi melihat 'gerakan tambahan' dalam rekaman itu.", "content"},
      {"\"Saya tidak melihat 'kartu merah' itu,\" ujarnya.Lihat juga video 'Respons PDIP': [Gambas:Video 20detik]",
       "\"Saya tidak melihat 'kartu merah' itu,\" ujarnya.", "video-promo"},
      // detik's "Berlanjut ke halaman berikutnya." glued to a sentence left "2023.Ber".
      {"kebutuhan pupuk bersubsidi 2023.Berlanjut ke halaman berikutnya.", "kebutuhan pupuk bersubsidi 2023.", "next-page"},
      // fimela's hashtag after an empty "Baca Juga:" was cut at its capitals: "FearLess with Fimela" stayed.
      {"karena kandungan anti-oksidannya yang tinggi. Baca Juga: ,#GrowFearLess with Fimela",
       "karena kandungan anti-oksidannya yang tinggi.", "ad"},
      // ...and unquoted, to the line's end; the Google News promotion glued the same way.
      {"merugikan wisatawan,\" imbuhnya.Lihat Video: Sandiaga Uno Soroti Pemandian Air Panas di Gunung Pancar",
       "merugikan wisatawan,\" imbuhnya.", "video-promo"},
      {"bertemu dengan Jokowi, Selasa (3/1/2023). Lihat juga Video: Sandiaga Ngaku Masih Kader Gerindra, Dasco: Prabowo Capres Tunggal",
       "bertemu dengan Jokowi, Selasa (3/1/2023).", "video-promo"},
      // ...and glued to a word whose space the scrape lost, after a next-page prompt it cut.
      {"kata Ridwan, Selasa (3/1/2023).Simak selengkapnya di halaman berikutLihat juga Video: PDIP Ungkap Alasan Dorong "
       "Pemilu Coblos Partai Meski Ditolak Fraksi DPR[Gambas:Video 20detik]",
       "kata Ridwan, Selasa (3/1/2023).", "embed,video-promo,next-page"},
      {"angka pengangguran di Surabaya,\" pungkasnya.Ikuti berita menarik lainnya di Google News.",
       "angka pengangguran di Surabaya,\" pungkasnya.", "ad"},
      // A photo credit at the end of a caption.
      {"Putin di Pyongyang, Korea Utara, 19 Juni 2024. Foto/Sputnik/Gavrii",
       "Putin di Pyongyang, Korea Utara, 19 Juni 2024.", "photo-credit"},
      // What a scraper left of a linked dateline at the start of a paragraph.
      {" , - Menteri Hukum menjelaskan pasal itu, kata dia.", "Menteri Hukum menjelaskan pasal itu, kata dia.", "lead-residue"},
      {"- Seorang pahlawan baru segera lahir.", "Seorang pahlawan baru segera lahir.", "lead-residue"},
      {",,,Presiden Joko Widodo berjanji, 7 persen.", "Presiden Joko Widodo berjanji, 7 persen.", "lead-residue"},
      {"Berita,- Penumpang selamat ternyata buronan narkoba.", "Penumpang selamat ternyata buronan narkoba.", "lead-residue"},
      {"Berita itu beredar - kata polisi - sejak pagi.", "Berita itu beredar - kata polisi - sejak pagi.", "content"},
      {", , -, Ubahan terlihat pada eksterior.", "Ubahan terlihat pada eksterior.", "lead-residue"},
      // A tag list after the last sentence (ANTARA), also after a cross-reference that zero-width
      // spaces (spaces once normalised) ended early.
      {"terasa lebih nyaman serta aman. Baca juga: Harga BBM Pertamina tak naik di Aceh, Sumut dan Sumbar "
       "\u200b\u200b\u200b\u200b\u200b\u200b\u200b Tags Shell Indonesia Harga BBM Shell terbaru Harga BBM Shell Desember 2025",
       "terasa lebih nyaman serta aman.", "xref-baca-juga,tags"},
      {"Harga BBM naik lagi. Tags: BBM, Shell, Pertamina", "Harga BBM naik lagi.", "tags"},
      // detik's prompts for the next page, whatever their verb, as the paragraph's last sentence.
      {"berlanjut pada awal tahun 2023.Bersambung ke halaman selanjutnya.", "berlanjut pada awal tahun 2023.", "next-page"},
      {"untuk dua tahun ke depan. Rinciannya ada di halaman selanjutnya ya.", "untuk dua tahun ke depan.", "next-page"},
      {"yang dekat dengan lokasi lomba.Cek Halaman Berikutnya...", "yang dekat dengan lokasi lomba.", "next-page"},
      // kapanlagi's byline glued by a comma to the last paragraph of a comma-joined dump.
      {"Kalau mau tahu lebih banyak, saksikan sendiri dalam filmnya, Penulis: Valentya Chusni",
       "Kalau mau tahu lebih banyak, saksikan sendiri dalam filmnya", "byline"},
      {"Penulis naskah Kim Young Hyun memuji sang aktor.", "Penulis naskah Kim Young Hyun memuji sang aktor.", "content"},
      // ANTARA's translated stories: source and translator after the last sentence.
      {"mana Maria melahirkan Yesus. Sumber: Anadolu Penerjemah: Nabil Ihsan", "mana Maria melahirkan Yesus.", "antara-footer"},
      {"pertemuan di Anchorage, Alaska. Sumber: Sputnik", "pertemuan di Anchorage, Alaska.", "antara-footer"},
      {"Harga BBM naik lagi.\" Tag: BBM", "Harga BBM naik lagi.\"", "tags"},
      // CNBC's research desk signing the last sentence, with its address or the page's hidden one.
      {"menjadi pemain utama di pasar global sarang burung walet.CNBC INDONESIA RESEARCH[email protected]",
       "menjadi pemain utama di pasar global sarang burung walet.", "email-protected,nav"},
      {"Platinum merosot 0,4% menjadi $920,55.CNBC INDONESIA RESEARCH", "Platinum merosot 0,4% menjadi $920,55.", "nav"},
      // A site's call to keep following it, after the last sentence; someone saying "pantau terus" stays.
      {"sebelum pengumuman resmi dari Apple malam nanti. Simak terus update-nya di CNBC Indonesia!",
       "sebelum pengumuman resmi dari Apple malam nanti.", "ad"},
      {"Status gunung itu masih waspada. Pantau terus Kompas.com.", "Status gunung itu masih waspada.", "ad"},
      // The prompt for a dropped video embed ending a paragraph; a sentence about a video stays.
      {"Seperti apa modifikasi komunitas ini? Simak video berikut", "Seperti apa modifikasi komunitas ini?", "video-promo"},
      {"Apa saja ubahan terbarunya? Simak video di bawah ini:", "Apa saja ubahan terbarunya?", "video-promo"},
      {"Apple membayar Rp 5 juta. Simak videonya di jendela pemutar video berikut.", "Apple membayar Rp 5 juta.", "video-promo"},
      {"Ia mengajak warga menonton video itu bersama keluarga.", "Ia mengajak warga menonton video itu bersama keluarga.", "content"},
      // okezone's picture credit in parentheses inside a paragraph; "Baca juga;" with a semicolon.
      {"Keduanya tampil bersama Sissy dan Vanesha. (Foto : @vaneshaass/Instagram) Mereka berlibur ke Bali.",
       "Keduanya tampil bersama Sissy dan Vanesha. Mereka berlibur ke Bali.", "photo-credit"},
      {"kata dia.,Baca juga;,,\"Karena semua tahu itu,\" katanya.", "kata dia.,\"Karena semua tahu itu,\" katanya.", "xref-baca-juga"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.line));
    auto d = DecideLine(kPara + "\n" + c.line + "\n" + kPara, 1);
    CHECK(d.action == kKeep);
    CHECK(d.kept == c.kept);
    CHECK(d.rule == c.rule);
  }
}

TEST_CASE("A cross-reference headline ends before the sentence opener after it, on ANTARA's sentence-case pages too") {
  struct Case {
    const char* name;
    const char* line;
    const char* kept;
    std::string_view source;
  };
  const Case cases[] = {
      // A headline short enough to take whole used to take the sentence after it too.
      {"a sentence after a short headline", "dari Badan Geologi. Baca juga: Pramono akan umumkan UMP Jakarta pada Rabu Adapun alfa "
       "merupakan indeks tertentu yang merepresentasikan kontribusi pekerja terhadap pertumbuhan ekonomi.",
       "dari Badan Geologi. Adapun alfa merupakan indeks tertentu yang merepresentasikan kontribusi pekerja terhadap "
       "pertumbuhan ekonomi.", ""},
      // A name inside the headline ("Gunung Talang") used to look like its end.
      {"a name inside the headline", "status Gunung Talang. Baca juga: Badan Geologi naikkan status Gunung Talang jadi "
       "Waspada Hal tersebut disampaikan Ahmad Rifandi saat menyampaikan laporan,  Yuliot Tanjung hadir.",
       "status Gunung Talang. Hal tersebut disampaikan Ahmad Rifandi saat menyampaikan laporan,  Yuliot Tanjung hadir.", ""},
      // Five capitalised words first: on ANTARA a name in a sentence-case headline.
      {"ANTARA: a name of five words first", "di Katedral Jakarta. Baca juga: Misa Pontifikal Natal Katedral Jakarta "
       "dihadiri lebih 3.000 orang Dia menjelaskan bahwa panitia memberikan kemudahan.",
       "di Katedral Jakarta. Dia menjelaskan bahwa panitia memberikan kemudahan.", "antaranews.com"},
      // Elsewhere a Title Case headline: its capitalised "Saat" is no opener.
      {"Title Case keeps its openers", "kata dia. Baca juga: Polisi Tangkap Pelaku Saat Beraksi di Pasar Minggu Petugas "
       "mengamankan barang bukti dari lokasi kejadian.",
       "kata dia. Petugas mengamankan barang bukti dari lokasi kejadian.", ""},
      // An opener inside quotation marks or after a colon belongs to the headline.
      {"a quoted opener", "bagi UMKM. Baca juga: KPK panggil saksi kasus mesin EDC bank “Satu Bank Untuk Semua” Pada "
       "tahun ini, BRI mengangkat tema itu.",
       "bagi UMKM. Pada tahun ini, BRI mengangkat tema itu.", ""},
      {"an opener after a colon", "kata dia. Baca juga: Wapres Ma'ruf ingatkan: Tak ada toleransi bagi pelaku Sementara "
       "itu, polisi terus berjaga.",
       "kata dia. Sementara itu, polisi terus berjaga.", ""},
      // ANTARA: a headline that ends in a name or acronym ends before the ordinary capitalised
      // word after it; it used to end before the name, which leaked into the article.
      {"ANTARA: a name at the headline's end", "tarif tol. Baca juga: Pemerintah beri diskon tarif tol selama libur Nataru "
       "Jadwal dan daftar tarif diskon tol dirilis. Hal itu berlaku sepekan.",
       "tarif tol. Jadwal dan daftar tarif diskon tol dirilis. Hal itu berlaku sepekan.", "antaranews.com"},
      {"ANTARA: an acronym and words after it", "harga minyak. Baca juga: ICP November 2025 turun jadi 62,83 dolar AS per "
       "barel Melihat sentimen global, dolar dinilai melemah. Hal itu berlaku sepekan.",
       "harga minyak. Melihat sentimen global, dolar dinilai melemah. Hal itu berlaku sepekan.", "antaranews.com"},
      {"ANTARA: a person's name", "direksi BRI. Baca juga: RUPSLB BRI tunjuk Viviana Dyah jadi Wadirut, gantikan Agus "
       "Noorsanto Susunan direksi dan komisaris BRI berubah. Hal itu berlaku sepekan.",
       "direksi BRI. Susunan direksi dan komisaris BRI berubah. Hal itu berlaku sepekan.", "antaranews.com"},
      // A meN- verb after the name makes it the sentence's subject: the headline ends before it.
      {"ANTARA: a name with a meN- verb", "umat Kristiani. Baca juga: Menkopolkam ajak umat doakan masyarakat dilanda "
       "bencana Menteri Agama Nasaruddin Umar mengajak umat Kristiani memaknai Natal. Hal itu berlaku sepekan.",
       "umat Kristiani. Menteri Agama Nasaruddin Umar mengajak umat Kristiani memaknai Natal. Hal itu berlaku sepekan.", "antaranews.com"},
      // A direction ends a place's name, and an ordinary word after another is a name's part:
      // neither starts the sentence ("Gubernur Jawa Barat, Dedi", "Jasa Marga mengingatkan").
      {"ANTARA: a place's name after the headline", "uji coba. Baca juga: Mengurai tantangan energi alternatif berbasis "
       "riset Gubernur Jawa Barat, Dedi Mulyadi turut melakukan uji coba langsung. Hal itu berlaku sepekan.",
       "uji coba. Gubernur Jawa Barat, Dedi Mulyadi turut melakukan uji coba langsung. Hal itu berlaku sepekan.",
       "antaranews.com"},
      // A title before a name starts the sentence; a scan that ran on past the name's subject
      // words ("saat", "dalam") used to cut the article at a surname found in the dictionary.
      {"ANTARA: a title and a name after the headline", "langsung. Baca juga: Menteri ATR serahkan 1.000 sertifikat "
       "tanah untuk warga Banten Menteri ATR Nusron Wahid saat penyerahan sertifikat di Serang meminta warga menjaga "
       "dokumen tersebut dengan baik.",
       "langsung. Menteri ATR Nusron Wahid saat penyerahan sertifikat di Serang meminta warga menjaga dokumen tersebut "
       "dengan baik.", "antaranews.com"},
      {"ANTARA: a title after a place's name", "tiga jam. Baca juga: Kebakaran landa permukiman padat Jakarta Pusat dini "
       "hari Kepala Suku Dinas Penanggulangan Kebakaran setempat mengatakan sebanyak 25 unit mobil pemadam dikerahkan "
       "untuk memadamkan api.",
       "tiga jam. Kepala Suku Dinas Penanggulangan Kebakaran setempat mengatakan sebanyak 25 unit mobil pemadam "
       "dikerahkan untuk memadamkan api.", "antaranews.com"},
      // Capitalised words first and nothing but the headline before the next marker: all of it.
      {"ANTARA: a headline starting with a name", "di Kupang. Baca juga: Perayaan Misa Malam Natal di Kota Kupang berjalan "
       "khidmat dan tertib Baca juga: Gereja siapkan 5.000 kursi Jemaat tetap datang. Hal itu berlaku sepekan.",
       "di Kupang. Jemaat tetap datang. Hal itu berlaku sepekan.", "antaranews.com"},
      // The opening quote of the next sentence used to be cut with the headline.
      {"an opening quote after the headline", "kata dia. Baca juga: Kemenimipas beri remisi bagi warga binaan terdampak "
       "bencana \"Ini instrumen pembinaan,\" kata dia.",
       "kata dia. \"Ini instrumen pembinaan,\" kata dia.", ""},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      CleanContext ctx;
      ctx.source = c.source;
      auto d = DecideLine(kPara + "\n" + c.line + "\n" + kPara, 1, ctx);
      CHECK(d.action == kKeep);
      CHECK(d.kept == c.kept);
      CHECK(d.rule == "xref-baca-juga");
    }
  }
}

TEST_CASE("A related-article block goes with its heading, but not the paragraphs after a heading in the middle") {
  SUBCASE("headlines and section labels after the heading are dropped") {
    const std::string text = kPara +
                             "\nTerkini Lainnya\n\nAnggota DPR AS Ini Gabung Aksi Protes Pro-Palestina di Columbia University\n"
                             "\nAnggota DPR AS Ini Gabung Aksi Protes Pro-Palestina di Columbia University\n\nGlobal\n"
                             "TikTok Mungkin Segera Dilarang di AS, India Sudah Melakukannya 4 Tahun Lalu\nGlobal\n";
    auto r = Rules().Clean(text, 1, {});
    for (size_t i : {1u, 3u, 5u, 7u, 8u, 9u}) {
      CAPTURE(i);
      CHECK(r.lines[i].action == kDrop);
      CHECK(r.lines[i].rule == "related");
    }
    CHECK(r.lines[0].action == kKeep);
  }
  SUBCASE("a heading in the middle of the article takes only headline-like lines") {
    const std::string text = kPara + "\n1970-an\n\nBERITA REKOMENDASI\n\nKetika persaingan antara Uni Soviet dan China "
                                     "semakin meningkat, Korea Utara menerapkan kebijakan jarak yang sama.\n";
    auto r = Rules().Clean(text, 1, {});
    CHECK(r.lines[1].action == kKeep);
    CHECK(r.lines[3].action == kDrop);
    CHECK(r.lines[3].rule == "related");
    CHECK(r.lines[5].action == kKeep);
  }
  SUBCASE("a section heading after the block heading introduces a paragraph and stays") {
    const std::string text = kPara + "\nBerita Terkait\nStrategi Kim Jong Un\nNamun semuanya berubah setelah blok sosialis runtuh pada 1991.\n";
    auto r = Rules().Clean(text, 1, {});
    CHECK(r.lines[1].action == kDrop);
    CHECK(r.lines[2].action == kKeep);
    CHECK(r.lines[3].action == kKeep);
  }
  SUBCASE("after two headlines, a third of five words or more before a paragraph is the block's last item") {
    // It was kept as a section heading: "Menteri Tinjau Proyek Bendungan Karian" reached the index.
    for (const char* bullet : {"", "- ", "* "}) {
      CAPTURE(std::string(bullet));
      const std::string b = bullet;
      const std::string text = kPara + "\nBerita Terkait:\n" + b + "Pemerintah Pusat Siapkan Anggaran Tanggul Raksasa\n" + b +
                               "Harga Cabai Melonjak Jelang Lebaran Haji\n" + b + "Menteri Tinjau Proyek Bendungan Karian\n" +
                               "BMKG menyatakan gempa tidak berpotensi tsunami dan warga diminta tetap tenang.\n";
      auto r = Rules().Clean(text, 1, {});
      for (size_t i : {1u, 2u, 3u, 4u}) {
        CAPTURE(i);
        CHECK(r.lines[i].action == kDrop);
        CHECK(r.lines[i].rule == "related");
      }
      CHECK(r.lines[5].action == kKeep);
    }
  }
}

TEST_CASE("Runs of repeated headlines are dropped even without a heading") {
  const std::string text = kPara +
                           "\nPutin Berencana Kunjungi China pada Mei 2024\n\nPutin Berencana Kunjungi China pada Mei 2024\n"
                           "Global\nEks PM Malaysia Mahathir Diselidiki Terkait Dugaan Korupsi 2 Anaknya\n"
                           "Eks PM Malaysia Mahathir Diselidiki Terkait Dugaan Korupsi 2 Anaknya\nGlobal\n";
  auto r = Rules().Clean(text, 1, {});
  CHECK(r.lines[0].action == kKeep);
  for (size_t i : {1u, 3u, 4u, 5u, 6u, 7u}) {
    CAPTURE(i);
    CHECK(r.lines[i].action == kDrop);
  }
  SUBCASE("but a list inside the article stays") {
    const std::string list = kPara + "\nBerikut daftar pakaian adat:\nAceh:Ulee Balang\nSumatra Utara:Ulos\nRiau:Baju Kurung\n"
                                     "1. PT Barito Pacific Tbk (BRPT)\n2. PT Chandra Asri Pasific Tbk (TPIA)\n" + kPara;
    auto lr = Rules().Clean(list, 1, {});
    for (const auto& d : lr.lines) {
      CAPTURE(d.text);
      CHECK(d.action == kKeep);
    }
  }
}

TEST_CASE("Titles, repeated titles and repeated captions") {
  SUBCASE("the first headline-like line is the title; its repeat is dropped") {
    const std::string text = "Mengulik Sejarah Hubungan Rusia dan Korut\n\nKamis, 20 Juni 2024 - 16:15 WIB\n"
                             "Mengulik Sejarah Hubungan Rusia dan Korut\n" + kPara;
    auto r = Rules().Clean(text, 1, {});
    CHECK(r.lines[0].rule == "title");
    CHECK(r.lines[0].action == kKeep);
    CHECK(r.lines[3].rule == "title-repeat");
    CHECK(r.lines[3].action == kDrop);
  }
  SUBCASE("a lead with a dateline is no title") {
    auto r = Rules().Clean("JABAR EKSPRES- Pemimpin Korea Utara akan bertemu Putin.\n" + kPara, 1, {});
    CHECK(r.lines[0].rule == "dateline-brand");  // the brand cut, the line kept as the lead
    CHECK(r.lines[0].kept == "Pemimpin Korea Utara akan bertemu Putin.");
  }
  SUBCASE("a known title from the hints removes its copies and no line is marked title") {
    CleanContext ctx;
    ctx.title = "Harga Emas Turun Lagi";
    auto r = Rules().Clean("Harga Emas Turun Lagi\n" + kPara, 1, ctx);
    CHECK(r.lines[0].rule == "title-repeat");
    CHECK(r.lines[1].rule == "content");
  }
  SUBCASE("a caption printed twice, with a credit glued before or after") {
    const std::string cap = "Pejalan kaki berjalan di jalan dekat Kim Il Sung Square di Pyongyang pada 10 Desember 2021.";
    auto r = Rules().Clean(kPara + "\n" + cap + "\n" + cap + " (KIM Won Jin / AFP)\nMIKHAIL SVETLOV via BBC INDONESIA " + cap + "\n" + cap, 1, {});
    CHECK(r.lines[1].action == kKeep);
    CHECK(r.lines[2].rule == "caption-repeat");
    CHECK(r.lines[3].rule == "caption-repeat");
    CHECK(r.lines[4].rule == "duplicate");
  }
}

TEST_CASE("KeptLines holds the kept text of kept lines, with cuts applied") {
  auto r = Rules().Clean(kPara + "\nBaca juga: Sesuatu\n\nkata dia.,Baca juga:,,Ia pergi.\n", 7, {});
  REQUIRE(r.lines.size() == 4);
  CHECK(r.lines[0].line == 7);
  CHECK(r.lines[3].line == 10);
  auto kept = r.KeptLines();
  REQUIRE(kept.size() == 2);
  CHECK(kept[1] == "kata dia.,Ia pergi.");
}

TEST_CASE("Corpus-learned furniture is dropped with rule furniture") {
  FurnitureModel model(FurnitureOptions{.min_articles = 3, .min_fraction = 0.5, .max_line_bytes = 80});
  for (int i = 0; i < 4; ++i) {
    model.ObserveText("contoh.com", "Artikel nomor " + std::to_string(i) + " berisi teks unik.\nKlik untuk langganan Koran Contoh\n");
  }
  model.Finalize();
  CleanContext ctx;
  ctx.source = "contoh.com";
  ctx.furniture = &model;
  auto r = Rules().Clean(kPara + "\nKlik untuk langganan Koran Contoh\n", 1, ctx);
  CHECK(r.lines[1].action == kDrop);
  CHECK(r.lines[1].rule == "furniture");
  CleanContext other;
  other.source = "lain.com";
  other.furniture = &model;
  CHECK(Rules().Clean(kPara + "\nKlik untuk langganan Koran Contoh\n", 1, other).lines[1].action == kKeep);
}

// Writes `text` to a fresh file under the temp dir and returns its path.
std::filesystem::path TempFile(const std::string& name, const std::string& text) {
  auto p = std::filesystem::temp_directory_path() / ("rkn-cleaner-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p;
}

TEST_CASE("Rule files: user rules, errors with path and line, and the version") {
  const auto data = std::filesystem::path(RKN_SOURCE_DIR) / "data";
  SUBCASE("a user rule drops lines and changes the version") {
    auto f = TempFile("user.rules", "# mine\ndrop my-promo  langganan\\s+koran\\s+contoh.*\n");
    auto c = Cleaner::Load(data, {f});
    REQUIRE(c.ok());
    CHECK(c->version() != Rules().version());
    auto r = c->Clean(kPara + "\nLangganan Koran Contoh sekarang!\n", 1, {});
    CHECK(r.lines[1].rule == "my-promo");
    auto again = Cleaner::Load(data, {f});
    REQUIRE(again.ok());
    CHECK(again->version() == c->version());
    std::filesystem::remove(f);
  }
  SUBCASE("a rule whose pattern backtracks without end gives up on the line, which it leaves, and says so") {
    // "(a+)+b" on 40 a's: 2^40 ways to fail; it ran for ten minutes on one line.
    auto f = TempFile("evil.rules", "drop evil (a+)+b\ncut evil-cut (a+)+c\n");
    auto c = Cleaner::Load(data, {f});
    REQUIRE(c.ok());
    auto r = c->Clean(kPara + "\n" + std::string(40, 'a') + "\nPenutup berita itu ditulis di sini hari ini.\n", 1, {});
    REQUIRE(r.lines.size() == 3);
    CHECK(r.lines[1].action == kKeep);
    REQUIRE(r.warnings.size() == 2);
    CHECK(r.warnings[0] == "rule evil (" + f.string() + ":1) gave up on line 2 of the article: its pattern backtracks too long (a "
                           "nested repeat such as (a+)+); not applied there nor for the rest of the run");
    CHECK(r.warnings[1].rfind("rule evil-cut (" + f.string() + ":2) gave up on line 2 of the article:", 0) == 0);
    // Given up for the run: one time-out each, not one per article.
    auto again = c->Clean(kPara + "\n" + std::string(40, 'a') + "\nPenutup berita itu ditulis di sini hari ini.\n", 1, {});
    CHECK(again.warnings.empty());
    CHECK(again.lines[1].action == kKeep);
    CHECK(Rules().Clean(kPara + "\n" + std::string(40, 'a') + "\n", 1, {}).warnings.empty());
    std::filesystem::remove(f);
  }
  SUBCASE("off disables an installed rule") {
    auto f = TempFile("off.rules", "off nav\n");
    auto c = Cleaner::Load(data, {f});
    REQUIRE(c.ok());
    // Not the last line: a last line in capitals is a reporter's credit.
    CHECK(c->Clean(kPara + "\nA A A\nMenurut dia, penjualan mobil listrik terus naik tahun ini.\n", 1, {}).lines[1].action == kKeep);
    std::filesystem::remove(f);
  }
  SUBCASE("a malformed rule names the file and line") {
    auto f = TempFile("bad.rules", "# ok\n\ndrop broken  (unclosed\n");
    auto c = Cleaner::Load(data, {f});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().code() == StatusCode::kCorruption);
    CHECK(c.status().where() == f.string() + ":3");
    std::filesystem::remove(f);
    auto g = TempFile("bad2.rules", "frobnicate x y\n");
    auto c2 = Cleaner::Load(data, {g});
    REQUIRE_FALSE(c2.ok());
    CHECK(c2.status().message().find("unknown action") != std::string::npos);
    std::filesystem::remove(g);
  }
  SUBCASE("an option given a value it does not take is an error at its line, not a crash or part of the regex") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        // Past what std::stoul and std::stoi hold: the run died with "terminate called".
        {"drop x max-len=99999999999999999999999 abc", "max-len=99999999999999999999999: max-len takes a whole number from 1 to 4294967296"},
        {"span x lines=99999999999 abc => def", "lines=99999999999: lines takes a whole number from 1 to 100000"},
        {"span x lines=0 abc => def", "lines=0: lines takes a whole number from 1 to 100000"},
        {"drop x max-len=abc abc", "max-len=abc: max-len takes a whole number from 1 to 4294967296"},
        {"drop x max-len= abc", "max-len=: max-len takes a whole number from 1 to 4294967296"},
        // Taken as the start of the regex, these made rules that never matched.
        {"drop x case=SENSITIVE abc", "case=SENSITIVE: case takes sensitive or insensitive"},
        {"drop x need= abc", "need=: need takes words separated by |"},
    };
    for (const auto& item : cases) {
      const auto& rule = std::get<0>(item);
      const auto& message = std::get<1>(item);
      CAPTURE(rule);
      auto f = TempFile("opt.rules", "# mine\n" + rule + "\n");
      auto c = Cleaner::Load(data, {f});
      REQUIRE_FALSE(c.ok());
      CHECK(c.status().code() == StatusCode::kCorruption);
      CHECK(c.status().ToString() == f.string() + ":2: " + message);
      std::filesystem::remove(f);
    }
    auto f = TempFile("opt.rules", "drop x max-len=4294967296 case=insensitive need=abc abc\nspan y lines=100000 abc => def\n");
    CHECK(Cleaner::Load(data, {f}).ok());
    std::filesystem::remove(f);
  }
  SUBCASE("off naming no earlier rule is a typo, reported at its line") {
    auto f = TempFile("typo.rules", "# silence the nav rule\noff navv\n");
    auto c = Cleaner::Load(data, {f});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().ToString() == f.string() + ":2: off: no earlier rule is named 'navv'");
    std::filesystem::remove(f);
  }
  SUBCASE("a folder given as a rule file") {
    auto c = Cleaner::Load(data, {data});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().ToString() == data.string() + ": a folder, not a rule file");
  }
  SUBCASE("missing files and directories are NotFound") {
    auto c = Cleaner::Load(data, {"/nonexistent/x.rules"});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().code() == StatusCode::kNotFound);
    auto d = Cleaner::Load("/nonexistent-data-dir", {});
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().code() == StatusCode::kNotFound);
  }
}

}  // namespace
}  // namespace rkn
