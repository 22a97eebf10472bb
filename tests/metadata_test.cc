// Unit tests of metadata extraction: Indonesian dates, domains, and what the text says.
#include "common/metadata.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/text.h"

namespace rkn {
namespace {

struct DateCase {
  const char* date;
  const char* time;
  const char* iso;  // "" when it must not parse
};

// Checks `parse` (ParseIndonesianDate or ParseDateField) against every case.
template <typename Parse>
void CheckDates(const std::vector<DateCase>& cases, Parse parse) {
  for (const auto& c : cases) {
    CAPTURE(std::string(c.date));
    CAPTURE(std::string(c.time));
    auto d = parse(c.date, c.time);
    if (std::string(c.iso).empty()) {
      CHECK_FALSE(d.has_value());
    } else {
      REQUIRE(d.has_value());
      CHECK(d->iso == c.iso);
    }
  }
}

TEST_CASE("ParseIndonesianDate reads the dates Indonesian news writes") {
  const std::vector<DateCase> cases = {
      {"Kamis, 20 Juni 2024 - 16:15 WIB", "", "2024-06-20T16:15:00+07:00"},
      {"Kompas.com - 30/08/2022, 22:44 WIB", "", "2022-08-30T22:44:00+07:00"},
      {"10 Mei 2019", "", "2019-05-10"},
      {"2019/08/05", "", "2019-08-05"},
      {"2019/8/5 10:15", "", "2019-08-05T10:15:00+07:00"},
      {"10 Mei 2019", "12:38", "2019-05-10T12:38:00+07:00"},
      {"31 Juli 2019", "12:38 WITA", "2019-07-31T12:38:00+08:00"},
      {"1 Agustus 2019 pukul 09.30 WIT", "", "2019-08-01T09:30:00+09:00"},
      {"17 Agu 2023", "", "2023-08-17"},
      {"17 Agt 2023", "", "2023-08-17"},
      {"5 Okt 2019", "", "2019-10-05"},
      {"25 Des 2019 08:00", "", "2019-12-25T08:00:00+07:00"},
      {"Senin, 2 September 2024", "", "2024-09-02"},
      {"Jumat, 13 Desember 2024 10:15 WIB", "", "2024-12-13T10:15:00+07:00"},
      {"5 Nopember 2015", "", "2015-11-05"},  // the old spelling, in full as in short ("Nop")
      {"Kamis, 5 Nopember 2015 14:56 WIB", "", "2015-11-05T14:56:00+07:00"},
      // Indonesian weekdays abbreviated, as English ones are ("Mon, 09 Sep 2019").
      {"Sen, 09 Sep 2019 10:00", "", "2019-09-09T10:00:00+07:00"},
      {"Sel, 10 Sep 2019", "", "2019-09-10"},
      {"Rab, 11 Sep 2019", "", "2019-09-11"},
      {"Kam, 12 Sep 2019", "", "2019-09-12"},
      {"Jum, 13 Sep 2019 10:00", "", "2019-09-13T10:00:00+07:00"},
      {"Sab, 14 Sep 2019", "", "2019-09-14"},
      {"Min, 15 Sep 2019", "", "2019-09-15"},
      {"Minggu, 15 Sep 2019", "", "2019-09-15"},
      {"09 September 2024 19:30", "", "2024-09-09T19:30:00+07:00"},
      {"16/09/2019", "22:58 WIB", "2019-09-16T22:58:00+07:00"},
      {"2019-09-17 00:00:00", "21:12 WIB", "2019-09-17T21:12:00+07:00"},
      {"2024-06-20T16:15:00+07:00", "", "2024-06-20T16:15:00+07:00"},
      // A time given in UTC (offset 0) is shown in WIB: the clock 7 hours on, the date with it.
      {"2024-06-20T09:15:00Z", "", "2024-06-20T16:15:00+07:00"},
      {"2024-06-20T09:15:00+00:00", "", "2024-06-20T16:15:00+07:00"},
      {"2024-06-20T09:15:00+0000", "", "2024-06-20T16:15:00+07:00"},
      {"2024-06-20T09:15:00-00:00", "", "2024-06-20T16:15:00+07:00"},
      {"2024-06-20T09:15:00.000Z", "", "2024-06-20T16:15:00+07:00"},           // JSON-LD's milliseconds
      {"2024-06-20T16:59:59Z", "", "2024-06-20T23:59:59+07:00"},               // the last second of the day
      {"2024-06-20T17:00:00Z", "", "2024-06-21T00:00:00+07:00"},               // midnight
      {"2024-06-20T18:00:00Z", "", "2024-06-21T01:00:00+07:00"},               // across midnight
      {"2019-09-30T23:30:00Z", "", "2019-10-01T06:30:00+07:00"},               // across a 30-day month's end
      {"2019-01-31T17:00:00Z", "", "2019-02-01T00:00:00+07:00"},               // across a 31-day month's end
      {"2019-12-31T20:00:00Z", "", "2020-01-01T03:00:00+07:00"},               // across a year's end
      {"2024-02-28T17:00:00Z", "", "2024-02-29T00:00:00+07:00"},               // onto a leap day
      {"2024-02-29T17:00:00Z", "", "2024-03-01T00:00:00+07:00"},               // off a leap day
      {"2023-02-28T17:00:00Z", "", "2023-03-01T00:00:00+07:00"},               // no leap day in 2023
      {"20 Juni 2024 18:00 Z", "", "2024-06-21T01:00:00+07:00"},
      {"2024-06-20", "18:00Z", "2024-06-21T01:00:00+07:00"},                  // a separate time in UTC
      {"20 Juni 2024", "09:15 +00:00", "2024-06-20T16:15:00+07:00"},
      {"2024-06-20 09:15:00 UTC", "", "2024-06-20T16:15:00+07:00"},            // zone names, as dumps write them
      {"20 Juni 2024 09:15 GMT", "", "2024-06-20T16:15:00+07:00"},
      {"Thu, 20 Jun 2024 09:15:00 GMT", "", "2024-06-20T16:15:00+07:00"},      // RSS's RFC 822 dates
      {"20 Juni 2024", "09:15 utc", "2024-06-20T16:15:00+07:00"},
      // Other offsets are the newsroom's, or at least not a server's: kept as given.
      {"2024-06-20T09:15:00+08:00", "", "2024-06-20T09:15:00+08:00"},
      {"2024-06-20T09:15:00+09:00", "", "2024-06-20T09:15:00+09:00"},
      {"2024-06-20T23:15:00-05:00", "", "2024-06-20T23:15:00-05:00"},
      {"2024-06-20T09:15:00+05:30", "", "2024-06-20T09:15:00+05:30"},
      {"2018-12-13", "", "2018-12-13"},
      {"10-Sep-19", "23:04", "2019-09-10T23:04:00+07:00"},
      {" Oct 2, 2019 ", "-", "2019-10-02"},
      {"Oktober 19, 2019", "-", "2019-10-19"},
      {"June 5, 2023", "", "2023-06-05"},
      {"29 Februari 2024", "", "2024-02-29"},
      {" Selasa, 29 Januari 2019 / 20:44 WIB ", "", "2019-01-29T20:44:00+07:00"},  // kontan
      {"29/01/2019 / 20:44 WIB", "", "2019-01-29T20:44:00+07:00"},
      {"13+December+2018", "", "2018-12-13"},  // bisnis: URL-encoded spaces
      {"13 Desember 2018 08:00+08:00", "", "2018-12-13T08:00:00+08:00"},  // a zone's '+' stays
      // detik's meta pubdate: a space before the T and a Z that is not meant (the page says WIB).
      {"2015-11-05 T10:08:58Z", "", "2015-11-05T10:08:58+07:00"},
      {" 2015-11-05 T10:08 ", "", "2015-11-05T10:08:00+07:00"},
      {"Rabu, 4 November 2015 | 21:04 WIB", "", "2015-11-04T21:04:00+07:00"},    // kompas.com, 2015
      {"Kamis, 5 November 2015 - 15:56 wib", "", "2015-11-05T15:56:00+07:00"},   // okezone, 2015
      // Impossible or not dates.
      {"1446710203", "", ""},  // digits in text are no Unix time (ParseDateField reads them in a date field)
      {"29 Februari 2023", "", ""},
      {"31 April 2020", "", ""},
      {"20 Juni 2024 - 25:00 WIB", "", ""},
      {"Presiden Rusia di Pyongyang, Korea Utara, 19 Juni 2024.", "", ""},
      {"", "", ""},
      {"kemarin", "", ""},
      {"13 Smarch 2020", "", ""},
      // Offsets past the world's (-12:00 to +14:00) or with 60 minutes: "+99:99" moved the time
      // by 100 hours and was shown as "+100:39".
      {"2019-10-09T10:00:00+99:99", "", ""},
      {"2019-10-09T10:00:00-99:99", "", ""},
      {"2019-10-09T10:00:00+24:00", "", ""},
      {"2019-10-09T10:00:00+00:60", "", ""},
      {"2019-10-09T10:00:00+14:00", "", "2019-10-09T10:00:00+14:00"},
      {"2019-10-09T10:00:00-12:00", "", "2019-10-09T10:00:00-12:00"},
  };
  CheckDates(cases, [](const char* date, const char* time) { return ParseIndonesianDate(date, time); });
  SUBCASE("epoch is UTC") {
    CHECK(ParseIndonesianDate("Kamis, 20 Juni 2024 - 16:15 WIB")->epoch == 1718874900);
    CHECK(ParseIndonesianDate("2024-06-20")->epoch == 1718816400);  // midnight WIB
    // The dates html-samples/expected.jsonl gives for the detik and kompas pages.
    CHECK(ParseIndonesianDate("2015-11-05 T10:08:58Z")->epoch == 1446692938);
    CHECK(ParseIndonesianDate("Rabu, 4 November 2015 | 21:04 WIB")->epoch == 1446645840);
  }
  SUBCASE("a time given in UTC keeps its instant when shown in WIB") {
    const std::vector<std::pair<const char*, int64_t>> instants = {
        {"2024-06-20T09:15:00Z", 1718874900},      {"2024-06-20T09:15:00+00:00", 1718874900},
        {"2024-06-20T18:00:00Z", 1718906400},      {"2019-09-30T23:30:00Z", 1569886200},
        {"2019-01-31T17:00:00Z", 1548954000},      {"2019-12-31T20:00:00Z", 1577822400},
        {"2024-02-28T17:00:00Z", 1709139600},      {"2024-02-29T17:00:00Z", 1709226000},
        {"2023-02-28T17:00:00Z", 1677603600},      {"2024-06-20T23:15:00-05:00", 1718943300},
        {"2024-06-20T09:15:00+08:00", 1718846100},
    };
    for (const auto& item : instants) {
      const auto& date = std::get<0>(item);
      const auto& epoch = std::get<1>(item);
      CAPTURE(std::string(date));
      const auto d = ParseIndonesianDate(date);
      REQUIRE(d.has_value());
      CHECK(d->epoch == epoch);
      // What is shown reads back as the same instant.
      const auto again = ParseIndonesianDate(d->iso);
      REQUIRE(again.has_value());
      CHECK(again->iso == d->iso);
      CHECK(again->epoch == epoch);
    }
  }
}

TEST_CASE("ParseDateField reads a Unix time as dumps write it, and else what ParseIndonesianDate reads") {
  const std::vector<DateCase> cases = {
      // Seconds or milliseconds (html-samples/expected.jsonl writes milliseconds), shown in WIB.
      {"1446710203000", "", "2015-11-05T14:56:43+07:00"},
      {"1446710203", "", "2015-11-05T14:56:43+07:00"},
      {" 1718874900 ", "", "2024-06-20T16:15:00+07:00"},
      {"1709222400", "", "2024-02-29T23:00:00+07:00"},  // a leap day
      {"1709226000", "", "2024-03-01T00:00:00+07:00"},  // 29 February 17:00 UTC: a day later in WIB
      {"Kamis, 20 Juni 2024 - 16:15 WIB", "", "2024-06-20T16:15:00+07:00"},
      {"2019-09-17", "21:12", "2019-09-17T21:12:00+07:00"},
      // A Unix time and the same instant written in UTC are shown alike.
      {"1569886200", "", "2019-10-01T06:30:00+07:00"},
      {"2019-09-30T23:30:00Z", "", "2019-10-01T06:30:00+07:00"},
      // Not Unix times: a leading zero (a code), other lengths, a year past 2100.
      {"0446710203", "", ""},
      {"14467102030", "", ""},
      {"144671020", "", ""},
      {"9999999999", "", ""},
  };
  CheckDates(cases, [](const char* date, const char* time) { return ParseDateField(date, time); });
  CHECK(rkn::ParseDateField("1446710203000")->epoch == 1446710203);
}

TEST_CASE("ISO dates take a fast path that agrees with the general parser") {
  // A leading space sends a date through the general parser (the fast path wants a digit first).
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"2019-09-10", ""},          {"2019-09-10", "21:48"},          {"2019-09-10", "21:48:07"},
      {"2019-09-10 00:00:00", "21:48"}, {"2019-09-10 08:30:00", "21:48"}, {"2019-09-10 08:30", ""},
      {"2019-09-10T08:30:15", ""}, {"2019-02-29", ""},               {"2020-02-29", "23:59"},
      {"2019-13-01", ""},          {"2019-09-10", "24:00"},          {"2019-09-10 07:61", ""},
      {"2019-09-10", "7:05"},      {"2019-09-10", "21.48"},          {"2019-09-10 21:48 WIB", ""},
      {"2015-11-05 T10:08:58Z", ""},     {"2019-09-30T23:30:00Z", ""},   {"2019-09-30", "23:30Z"},
  };
  for (const auto& item : cases) {
    const auto& date = std::get<0>(item);
    const auto& time = std::get<1>(item);
    CAPTURE(std::string(date));
    CAPTURE(std::string(time));
    const auto fast = ParseIndonesianDate(date, time);
    const auto general = ParseIndonesianDate(std::string(" ") + date, std::string(" ") + time);
    REQUIRE(fast.has_value() == general.has_value());
    if (fast) {
      CHECK(fast->iso == general->iso);
      CHECK(fast->epoch == general->epoch);
    }
  }
  CHECK(ParseIndonesianDate("2019-09-10", "21:48")->iso == "2019-09-10T21:48:00+07:00");
  CHECK_FALSE(ParseIndonesianDate("2019-02-29", "").has_value());
}

TEST_CASE("Domains are registrable domains and brands map to domains") {
  CHECK(RegistrableDomain("https://www.tribunnews.com/superskor/2019/09/10/x") == "tribunnews.com");
  CHECK(RegistrableDomain("https://regional.kompas.com/read/2019") == "kompas.com");
  CHECK(RegistrableDomain("m.detik.com") == "detik.com");
  CHECK(RegistrableDomain("https://news.detik.com/berita/d-1") == "detik.com");
  CHECK(RegistrableDomain("https://bisnis.tempo.co/read/1249068/x") == "tempo.co");
  CHECK(RegistrableDomain("https://www.republika.co.id/berita/x") == "republika.co.id");
  CHECK(RegistrableDomain("http://user@WWW.Antaranews.com:8080/x") == "antaranews.com");
  CHECK(RegistrableDomain("not a url") == "");
  CHECK(BrandDomain("KOMPAS.com") == "kompas.com");
  CHECK(BrandDomain("SINDOnews.com") == "sindonews.com");
  CHECK(BrandDomain("JABAR EKSPRES") == "jabarekspres.com");
  CHECK(BrandDomain("ANTARA") == "antaranews.com");
  CHECK(BrandDomain("CNBC Indonesia") == "cnbcindonesia.com");
  CHECK(BrandDomain("TEMPO.CO") == "tempo.co");
  CHECK(BrandDomain("Suara.com") == "suara.com");
  CHECK(BrandDomain("Jakarta") == "");
}

CleanResult Lines(const std::vector<std::pair<std::string, std::string>>& rule_and_text) {
  CleanResult r;
  int n = 1;
  for (const auto& [rule, text] : rule_and_text) {
    LineDecision d;
    d.line = n++;
    d.rule = rule;
    d.text = text;
    bool keep = rule == "content" || rule == "title" || rule == "blank";
    d.action = keep ? LineDecision::Action::kKeep : LineDecision::Action::kDrop;
    d.kept = keep ? text : "";
    r.lines.push_back(d);
  }
  return r;
}

TEST_CASE("A page's byline element names the author only when nothing else does, and never a credit") {
  struct Row {
    const char* name;
    const char* byline;
    std::vector<std::pair<std::string, std::string>> lines;
    const char* url;
    const char* author;
  };
  const std::vector<std::pair<std::string, std::string>> body = {{"content", "Polisi menangkap adik wali kota di Jakarta."}};
  const std::vector<Row> rows = {
      // detik.com, 2015
      {"detik's author div", "Fino Yurio Kristo - detikinet", body, "", "Fino Yurio Kristo"},
      {"a label and a date", "Penulis: Ani Wijaya | 5 Nov 2015", body, "", "Ani Wijaya"},
      {"Oleh and a place", "Oleh Budi Santoso, Jakarta", body, "", "Budi Santoso"},
      {"a spaced label", "Reporter : Citra Lestari", body, "", "Citra Lestari"},
      // kompas.com, 2015: the writer's row under the article; okezone, 2015: a role after the name
      {"a contributor's place", "Penulis: Kontributor Lhokseumawe, Masriadi", body, "", "Masriadi"},
      {"a role after the name", "Dewi Kania Jurnalis", body, "", "Dewi Kania"},
      // kompas.com, 2015: a picture's credit in an element classed "author"
      {"a picture's credit", "KOMPAS.COM/MASRIADI", body, "", ""},
      {"an editor", "Editor: Dewi Sartika", body, "", ""},
      {"a handle", "@ani_w", body, "", ""},
      {"the site", "Okezone", body, "https://lifestyle.okezone.com/read/2015/11/05/481/1", ""},
      {"the newsroom", "Tim Redaksi", body, "", ""},
      {"a sentence", "artikel ini ditulis oleh tim kami", body, "", ""},
      // The article's own byline line wins over the page's element.
      {"a reporter line in the text", "Joko Susilo", {body[0], {"byline", "Reporter: Ani Wijaya"}}, "", "Ani Wijaya"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    RawDocument raw;
    raw.byline = row.byline;
    raw.url = row.url;
    CHECK(ExtractMetadata(raw, Lines(row.lines)).author == row.author);
  }
  SUBCASE("an author field wins") {
    RawDocument raw;
    raw.byline = "Fino Yurio Kristo";
    raw.author = "Ani Wijaya";
    CHECK(ExtractMetadata(raw, Lines(body)).author == "Ani Wijaya");
  }
}

TEST_CASE("IsBareDateline tells a dateline alone on its line from a lead and from other short lines") {
  struct Case {
    const char* line;
    bool bare;
  };
  for (const Case& c : std::vector<Case>{
           {"Jakarta -", true},
           {"  JAKARTA, KOMPAS.com - ", true},
           {"Jakarta (ANTARA) -", true},
           {"TEMPO.CO, Jakarta -", true},
           {"Jakarta - Presiden meresmikan jembatan.", false},  // a lead: text after the dash
           {"Jakarta", false},
           {"Kim Jong-", false},
           {"Menurut dia -", false},  // no place
           {"-", false},
           {"", false},
       }) {
    CAPTURE(std::string(c.line));
    CHECK(IsBareDateline(c.line) == c.bare);
  }
}

TEST_CASE("ExtractMetadata reads datelines, bylines and footers, and hints win") {
  SUBCASE("datelines: place and brand") {
    struct Case {
      const char* lead;
      const char* place;
      const char* source;
    };
    for (const auto& c : std::vector<Case>{
             {"Jakarta (ANTARA) - Gereja Protestan mengusung tema Natal.", "JAKARTA", "antaranews.com"},
             {"Jakarta, CNBC Indonesia -Kedatangan pemain-pemain membuat nilai pasar melesat.", "JAKARTA", "cnbcindonesia.com"},
             {"TEMPO.CO, Jakarta - Badan Pengelola Transportasi mengusulkan trase.", "JAKARTA", "tempo.co"},
             {"Kota Padang (ANTARA) - Pos Gunung Api memantau Marapi.", "KOTA PADANG", "antaranews.com"},
             {"JABAR EKSPRES- Pemimpin Korea Utara akan bertemu Putin.", "", "jabarekspres.com"},
             {"PYONGYANG - Sejarah hubungan Rusia dan Korea Utara menarik.", "PYONGYANG", ""},
             {"Kim Jong-un dan Putin bertemu di Vladivostok.", "", ""},
             // An em dash without spaces (normalised to '-') after a brand and its place; a brand
             // before its place without a comma.
             {"Bisnis.com, JAKARTA-PT Rekayasa Industri menandatangani kontrak.", "JAKARTA", "bisnis.com"},
             {"TEMPO.CO Yogyakarta - Pelatih PSS Sleman mengatakan timnya siap.", "YOGYAKARTA", "tempo.co"},
             {"ANTARA Jakarta - Pelatih PSS Sleman mengatakan timnya siap.", "JAKARTA", "antaranews.com"},
             // A brand in ordinary case is no brand before a place ("antara" is "between"): the
             // two capitalised words read as a place, as before, and name no source.
             {"Antara Bogor - Jakarta macet sepanjang hari.", "ANTARA BOGOR", ""},
             {"Jakarta, Bogor-Depok macet sepanjang hari.", "", ""},  // no brand: no glued dateline
             {"Berita,- Penumpang selamat ternyata buronan narkoba.", "", ""},  // tribunnews: no place
             {"Video - Penumpang selamat ternyata buronan narkoba.", "", ""},
             // Two places, or places joined by '/', next to a brand; without one, no dateline.
             {"Bethlehem, Palestina (ANTARA) - Patriark Latin Yerusalem berbicara.", "BETHLEHEM", "antaranews.com"},
             {"Bethlehem, Palestina/Istanbul (ANTARA) - Patriark Latin Yerusalem berbicara.", "BETHLEHEM", "antaranews.com"},
             {"Jakarta, Indonesia - Patriark Latin Yerusalem berbicara.", "", ""},
             {"Palestina/Istanbul - Patriark Latin Yerusalem berbicara.", "", ""},
         }) {
      CAPTURE(std::string(c.lead));
      auto m = ExtractMetadata(RawDocument{}, Lines({{"content", c.lead}}));
      CHECK(m.dateline == c.place);
      CHECK(m.source == c.source);
    }
  }
  SUBCASE("the dateline of a lead the cleaner cut a teaser or the brand from") {
    const std::string teaser = "\"Seluruh personel telah ditempatkan di titik strategis,\" ";
    const std::string line = "Pangkalpinang (ANTARA) - Polda mengerahkan personel.";
    const std::string no_brand = "Pangkalpinang - Polda mengerahkan personel.";
    struct Case {
      const char* rule;
      std::string text, kept, dateline_source;  // the brand cut goes by dateline_source
    };
    for (const Case& c : std::vector<Case>{
             {"teaser", teaser + line, line, ""},
             {"xref-baca-juga,antara-footer,teaser", teaser + line, line, ""},
             {"teaser,credit", teaser + line, line, ""},
             {"dateline-brand", line, no_brand, "antaranews.com"},
             {"teaser,dateline-brand", teaser + line, no_brand, "antaranews.com"},
             // The dateline stood alone on the line before (the cleaner's "dateline-joined").
             {"dateline-joined", "Polda mengerahkan personel.", line, ""},
             {"dateline-joined,dateline-brand", "Polda mengerahkan personel.", no_brand, "antaranews.com"},
         }) {
      CAPTURE(std::string(c.rule));
      CleanResult r;
      LineDecision d;
      d.line = 1;
      d.rule = c.rule;
      d.text = c.text;
      d.kept = c.kept;
      d.dateline_source = c.dateline_source;
      r.lines.push_back(d);
      auto m = ExtractMetadata(RawDocument{}, r);
      CHECK(m.dateline == "PANGKALPINANG");
      CHECK(m.source == "antaranews.com");
      CHECK(m.title == "Polda mengerahkan personel");
    }
  }
  SUBCASE("hints win; a url date fixes a day-month swap") {
    RawDocument raw;
    raw.title = "Diduga Pasok Sabu";
    raw.source = "Kompas.com";
    raw.date = "2019-10-09 00:00:00";
    raw.time = "21:48 WIB";
    raw.url = "https://regional.kompas.com/read/2019/09/10/21485171/diduga";
    auto m = ExtractMetadata(raw, Lines({{"content", "JAKARTA, KOMPAS.com - Polisi menangkap adik wali kota."}}));
    CHECK(m.title == "Diduga Pasok Sabu");
    CHECK(m.source == "kompas.com");
    CHECK(m.published == "2019-09-10T21:48:00+07:00");
    CHECK(m.dateline == "JAKARTA");
  }
  SUBCASE("a source field is filed under its site: a URL's registrable domain, a brand's domain, else as written") {
    const std::pair<const char*, const char*> rows[] = {
        {"https://news.detik.com/berita", "detik.com"},
        {"news.detik.com/berita/d-123", "detik.com"},
        {"http://www.republika.co.id/", "republika.co.id"},
        {"Kompas.com", "kompas.com"},
        {"www.tempo.co", "tempo.co"},
        {"Harian Lokal", "harian lokal"},
        {"Kompas / Tribun", "kompas / tribun"},  // words with a slash are no URL
        {"-", ""},                               // no letter or digit: no source
    };
    for (const auto& item : rows) {
      const auto& given = std::get<0>(item);
      const auto& want = std::get<1>(item);
      CAPTURE(given);
      RawDocument raw;
      raw.source = given;
      CHECK(ExtractMetadata(raw, Lines({{"content", "Polisi menangkap adik wali kota."}})).source == want);
    }
  }
  SUBCASE("a date field one to seven days after the url's date is the publication; others are errors the url fixes") {
    struct Row {
      const char* date;
      const char* time;
      const char* url_date;
      const char* published;
    };
    const Row rows[] = {
        // okezone: written in the evening, published the next morning, as its text says.
        {"2019-09-10", "02:31", "2019/09/09", "2019-09-10T02:31:00+07:00"},
        {"2019-10-01", "07:03", "2019/09/30", "2019-10-01T07:03:00+07:00"},  // across a month's end
        {"2019-09-20", "07:03", "2019/09/16", "2019-09-20T07:03:00+07:00"},  // a feature kept four days
        {"2019-09-17", "07:03", "2019/09/09", "2019-09-09T07:03:00+07:00"},  // eight days: an error
        {"2019-09-08", "10:00", "2019/09/09", "2019-09-09T10:00:00+07:00"},  // before the url: an error
        {"2019-08-20", "10:00", "2019/09/20", "2019-09-20T10:00:00+07:00"},  // the wrong month
        {"2019-10-09", "21:48", "2019/09/10", "2019-09-10T21:48:00+07:00"},  // kompas's year-day-month
        {"2019-09-10", "21:48", "2019/10/09", "2019-10-09T21:48:00+07:00"},  // a swap the other way
    };
    for (const Row& row : rows) {
      CAPTURE(row.date);
      CAPTURE(row.url_date);
      RawDocument raw;
      raw.date = row.date;
      raw.time = row.time;
      raw.url = std::string("https://news.okezone.com/read/") + row.url_date + "/18/2100000/judul";
      CHECK(ExtractMetadata(raw, Lines({{"content", "Isi berita tentang banjir di Jakarta."}})).published == row.published);
    }
  }
  SUBCASE("bisnis.com's url writes its date as one number, which fixes the date field as a dated path does") {
    RawDocument raw;
    raw.date = "13 December 2018";
    for (const char* url : {"https://market.bisnis.com/read/20190129/7/883649/top-losers", "https://market.example.com/read/2019/01/29/883649/top-losers"}) {
      CAPTURE(url);
      raw.url = url;
      CHECK(ExtractMetadata(raw, Lines({{"content", "Saham OCAP turun lebih dari 20 persen."}})).published.substr(0, 10) == "2019-01-29");
    }
    for (const char* url : {"https://market.bisnis.com/read/20191399/7/883649/top-losers",  // no date: the field stands
                            "https://example.com/foto/20190129/883649/top-losers"}) {     // eight digits elsewhere: any number
      CAPTURE(url);
      raw.url = url;
      CHECK(ExtractMetadata(raw, Lines({{"content", "Saham OCAP turun lebih dari 20 persen."}})).published.substr(0, 10) == "2018-12-13");
    }
  }
  SUBCASE("without a date field that reads or a date line, the day in the url's path is the date") {
    // A dump of url and content alone was indexed without a date, as was one whose date field
    // did not read.
    RawDocument raw;
    raw.url = "https://news.okezone.com/read/2019/09/09/18/2100000/judul";
    const auto body = Lines({{"content", "Isi berita tentang banjir di Jakarta."}});
    auto m = ExtractMetadata(raw, body);
    CHECK(m.published == "2019-09-09");
    CHECK(m.published_from_url);
    REQUIRE(m.published_epoch.has_value());
    CHECK(*m.published_epoch == 1567962000);  // midnight, +07:00
    raw.date = "kemarin sore";
    m = ExtractMetadata(raw, body);
    CHECK(m.published == "2019-09-09");
    CHECK(m.unread_date == "kemarin sore");
    raw.url = "https://market.bisnis.com/read/20190129/7/883649/top-losers";
    CHECK(ExtractMetadata(raw, body).published == "2019-01-29");
    // A date line wins over the url, and a url without a date gives none.
    raw.date.clear();
    m = ExtractMetadata(raw, Lines({{"date-line", "Senin, 1 Oktober 2018"}, {"content", "Isi berita tentang banjir."}}));
    CHECK(m.published.substr(0, 10) == "2018-10-01");
    CHECK_FALSE(m.published_from_url);
    for (const char* url : {"https://news.detik.com/berita/d-4722543/judul", "https://example.com/foto/20190129/883649/x",
                            "https://example.com/2019/13/45/x", "https://example.com/wp-content/uploads/2019/09/x"}) {
      CAPTURE(url);
      raw.url = url;
      m = ExtractMetadata(raw, body);
      CHECK(m.published == "");
      CHECK_FALSE(m.published_from_url);
    }
  }
  SUBCASE("without a date field, a date line deep in the article is its chronology's subheading, not the page's date") {
    const std::vector<std::pair<std::string, std::string>> head = {
        {"title", "Kronologi Gempa Palu"},
        {"content", "JAKARTA, KOMPAS.com - Berikut kronologi penanganan gempa di Palu."},
        {"content", "Gempa itu menewaskan lebih dari empat ribu orang."},
        {"content", "Berikut rinciannya."}};
    for (const char* rule : {"date-line", "content"}) {  // dropped as a date line, or kept as text
      CAPTURE(rule);
      auto two = head;  // after two paragraphs already
      two.pop_back();
      two.push_back({rule, "28 September 2018"});
      CHECK(ExtractMetadata(RawDocument{}, Lines(two)).published == "");
      auto lines = head;
      lines.push_back({rule, "28 September 2018"});
      lines.push_back({"content", "Gempa bermagnitudo 7,4 mengguncang Donggala."});
      CHECK(ExtractMetadata(RawDocument{}, Lines(lines)).published == "");
    }
    auto labelled = head;  // a labelled date line at the end is the page's
    labelled.push_back({"date-label", "Diperbarui: 30 September 2018"});
    CHECK(ExtractMetadata(RawDocument{}, Lines(labelled)).published.substr(0, 10) == "2018-09-30");
    auto top = head;  // a date line under the headline is the page's
    top.insert(top.begin() + 1, {"date-line", "Senin, 1 Oktober 2018"});
    CHECK(ExtractMetadata(RawDocument{}, Lines(top)).published.substr(0, 10) == "2018-10-01");
  }
  SUBCASE("a time given in UTC is on the url's date once shown in WIB, and is no swap to fix") {
    RawDocument raw;
    raw.date = "2019-09-30T23:30:00Z";
    raw.url = "https://nasional.kompas.com/read/2019/10/01/06300011/uji";
    auto m = ExtractMetadata(raw, Lines({{"content", "JAKARTA, KOMPAS.com - Uji coba nuklir kembali dilakukan."}}));
    CHECK(m.published == "2019-10-01T06:30:00+07:00");
    REQUIRE(m.published_epoch.has_value());
    CHECK(*m.published_epoch == 1569886200);
  }
  SUBCASE("authors from bylines, never editors; ANTARA footer") {
    auto a = ExtractMetadata(RawDocument{}, Lines({{"byline", "Editor: Suci BangunDS"}, {"byline", "Reporter: Rina Ayu"}}));
    CHECK(a.author == "Rina Ayu");
    auto b = ExtractMetadata(RawDocument{}, Lines({{"content", "Isi berita. Pewarta: Sean Filo Muhamad Editor: Endang Copyright © ANTARA 2025"}}));
    CHECK(b.author == "Sean Filo Muhamad");
    auto c = ExtractMetadata(RawDocument{}, Lines({{"content", "Oleh karena itu pemerintah menunda."}}));
    CHECK(c.author == "");
    // kapanlagi's byline glued by a comma to the last paragraph, cut from it.
    auto glued = Lines({{"content", "Saksikan sendiri dalam filmnya, Penulis: Valentya Chusni,"}});
    glued.lines[0].rule = "byline";
    glued.lines[0].kept = "Saksikan sendiri dalam filmnya";
    CHECK(ExtractMetadata(RawDocument{}, glued).author == "Valentya Chusni");
    // ...but a kept line that only names the word is no byline.
    auto kept = Lines({{"content", "Penulis naskah Kim Young Hyun memuji sang aktor."}});
    kept.lines[0].rule = "byline";
    CHECK(ExtractMetadata(RawDocument{}, kept).author == "");
  }
  SUBCASE("agencies, wires and sites are no authors; an author field loses its label, place and editor") {
    struct Row {
      const char* field;
      const char* author;
    };
    const Row rows[] = {
        {"Budi Santoso", "Budi Santoso"},
        {"budi santoso", "budi santoso"},  // a record's case is kept
        {"Pewarta: Budi Santoso", "Budi Santoso"},
        {"Budi Santoso, Editor: Andi", "Budi Santoso"},
        {"Kontributor Semarang, Nazar Nurdin", "Nazar Nurdin"},
        {"ANTARA", ""},
        {"Xinhua", ""},
        {"PR Wire", ""},
        {"Tim Redaksi", ""},
        {"Tempo.co", ""},
        {"Pewarta: ANTARA", ""},
        // The publisher, as a page's author metadata holds it and is refused there.
        {"Kompas Cyber Media", ""},
        {"PT Global Media Network", ""},
        {"Penulis: Newsroom", ""},
        // A person whose first name is such a word.
        {"Media Wahyudi Askar", "Media Wahyudi Askar"},
        {"Media Indonesia", ""},  // the newspaper
    };
    for (const Row& row : rows) {
      CAPTURE(row.field);
      RawDocument raw;
      raw.author = row.field;
      CHECK(ExtractMetadata(raw, Lines({{"content", "Isi berita tentang banjir di Jakarta."}})).author == row.author);
    }
    auto byline = ExtractMetadata(RawDocument{}, Lines({{"byline", "Pewarta: ANTARA"}}));
    CHECK(byline.author == "");
    auto publisher = ExtractMetadata(RawDocument{}, Lines({{"byline", "Penulis: Kompas Cyber Media"}}));
    CHECK(publisher.author == "");
    auto footer = ExtractMetadata(RawDocument{}, Lines({{"content", "Isi berita. Pewarta: Xinhua Editor: Endang Copyright © ANTARA 2025"}}));
    CHECK(footer.author == "");
  }
  SUBCASE("a reporter's credit cut from the end of the article is the author when no other is known") {
    auto lines = Lines({{"credit", "Isi berita. (Rakhmat Nur Hakim)"}});
    lines.lines[0].credit = "Rakhmat Nur Hakim";
    CHECK(ExtractMetadata(RawDocument{}, lines).author == "Rakhmat Nur Hakim");
    lines.lines.insert(lines.lines.begin(), Lines({{"byline", "Reporter: Rina Ayu"}}).lines[0]);
    CHECK(ExtractMetadata(RawDocument{}, lines).author == "Rina Ayu");
    RawDocument raw;
    raw.author = "Edi Suwiknyo";
    CHECK(ExtractMetadata(raw, lines).author == "Edi Suwiknyo");
  }
  SUBCASE("dates come from date lines, never from captions") {
    auto m = ExtractMetadata(RawDocument{}, Lines({{"content", "Putin di Pyongyang, Korea Utara, 19 Juni 2024. Foto/Sputnik"},
                                                   {"content", "Isi berita yang panjang."}}));
    CHECK(m.published == "");
    CHECK_FALSE(m.published_epoch.has_value());
    auto d = ExtractMetadata(RawDocument{}, Lines({{"date-line", "Kamis, 20 Juni 2024 - 16:15 WIB"}}));
    CHECK(d.published == "2024-06-20T16:15:00+07:00");
  }
  SUBCASE("a title from the lead is its first sentence, at most 160 bytes, ended with an ellipsis when cut") {
    auto m = ExtractMetadata(RawDocument{}, Lines({{"content", "JAKARTA - Harga emas turun tajam hari ini. Investor menunggu data inflasi."}}));
    CHECK(m.title == "Harga emas turun tajam hari ini");
    const std::string long_sentence =
        "Presiden Rusia Vladimir Putin dan Pemimpin Korea Utara Kim Jong Un mengukir sejarah dalam pertemuan perdana "
        "mereka di Vladivostok, Rusia, yang berlangsung tertutup selama dua jam penuh pada Kamis pagi. Lalu apa?";
    auto cut = ExtractMetadata(RawDocument{}, Lines({{"content", long_sentence}}));
    CHECK(cut.title ==
          "Presiden Rusia Vladimir Putin dan Pemimpin Korea Utara Kim Jong Un mengukir sejarah dalam pertemuan perdana "
          "mereka di Vladivostok, Rusia, yang berlangsung\u2026");
    CHECK(cut.title.size() <= 160);
  }
}

}  // namespace
}  // namespace rkn
