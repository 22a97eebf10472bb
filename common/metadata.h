// Metadata extraction: title, source domain, publication date, author and dateline of a cleaned
// article, from structured hints (JSONL fields, HTML meta tags) first and the article text second.
// Unknown fields stay empty: never a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/cleaner.h"

namespace rkn {

// A date parsed from Indonesian or ISO text.
struct ParsedDate {
  std::string iso;  // "2024-06-20T16:15:00+07:00" (never +00:00), or "2019-05-10" when there is no time
  int64_t epoch = 0;  // seconds since the epoch, UTC (midnight +07:00 when there is no time)
};

// Parses dates as Indonesian news writes them: "Kamis, 20 Juni 2024 - 16:15 WIB",
// "Kompas.com - 30/08/2022, 22:44 WIB", "10 Mei 2019", "2019/08/05", ISO 8601; `time` is an optional separate
// time ("16:15", "16:15 WIB"). WIB +07:00, WITA +08:00, WIT +09:00; no zone means WIB. A time
// given in UTC ("2019-09-30T23:30:00Z", "+00:00") is shown in WIB, the same instant
// ("2019-10-01T06:30:00+07:00"); other offsets ("+08:00", "-05:00") are kept. detik.com's
// "2015-11-05 T10:08:58Z" (a space before the T) is its local time: WIB, whatever the Z says.
// Returns nullopt when nothing parses or the date is impossible.
std::optional<ParsedDate> ParseIndonesianDate(std::string_view date, std::string_view time = {});

// A date field of a dump or a page's metadata: a Unix time (10 digits of seconds or 13 of
// milliseconds, as scrapers write it: 1446710203000) shown in WIB, else what ParseIndonesianDate
// reads. Returns nullopt when nothing parses or the date is impossible.
std::optional<ParsedDate> ParseDateField(std::string_view date, std::string_view time = {});

// The registrable domain of a URL or host name, lowercase: "https://news.detik.com/x" ->
// "detik.com", "www.republika.co.id" -> "republika.co.id". "" when `url_or_host` has no host.
std::string RegistrableDomain(std::string_view url_or_host);

// The domain of a news brand as written in datelines, footers and source fields: "KOMPAS.com",
// "Kompas", "SINDOnews.com", "JABAR EKSPRES", "ANTARA", "CNBC Indonesia", "TEMPO.CO" ->
// "kompas.com", ..., "antaranews.com", "cnbcindonesia.com", "tempo.co". A token that is itself a
// domain ("Suara.com") is lowercased. "" when `name` is no known brand.
std::string BrandDomain(std::string_view name);

// The words of a name, ASCII-lowercased, split at spaces, a trailing ',' or ')' cut: "Kompas
// Cyber Media, (Jakarta)" -> kompas, cyber, media, (jakarta. Never fails.
std::vector<std::string> NameWords(std::string_view name);

// Whether `name` has a word that names an organisation rather than a person ("Kompas Cyber
// Media", "PT Global Network", "Tim Redaksi", "Newsroom"), any case: pt, cv, redaksi, newsroom,
// publisher or a word with ".com" or ".co.id" anywhere; media, cyber, group, network, corp, inc,
// ltd, tbk, digital, online or desk after the first word or alone (Media Wahyudi Askar is a
// person). Bylines, author fields and pages' author metadata hold such names.
bool HasOrganisationWord(std::string_view name);

// The dateline that opens a lead line: the place(s) and news brand before its dash.
struct Dateline {
  std::string place;          // the first place, upper-cased ("VALDIVOSTOK"); "" when only a brand
  std::string written_place;  // the places as written, joined by ", " ("Bethlehem, Palestina")
  std::string source;         // the brand's domain ("kompas.com"); "" when none
  size_t text_begin = 0;      // where the article's text starts in the line, after the dash
};

// The dateline at the start of `line` ("VALDIVOSTOK, KOMPAS.com - ", "Jakarta (ANTARA) - ",
// "Jakarta, CNBC Indonesia -Kedatangan", "TEMPO.CO, Jakarta - ", "PYONGYANG - "): parts of letters
// before a dash with white space on one side at least (glued only to a brand: "CNBC
// Indonesia-Tentara"), each a place (LooksLikePlace) or a brand (BrandDomain), at most three; a
// second place needs a brand. A wire's press release names the agency between two dashes after the
// place(s): "Kawasaki, Jepang --(ANTARA/Business Wire)-- " (source antaranews.com). nullopt when the
// line opens otherwise (a sentence, "Kim Jong-un").
std::optional<Dateline> ParseDateline(std::string_view line);

// Whether `line` is a dateline and nothing else: ParseDateline would read it, with nothing after
// its dash, which has a space before it ("Jakarta -", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA)
// -"; not "Kim Jong-"). Never fails.
bool IsBareDateline(std::string_view line);

// Extracts the metadata of `raw` after cleaning. Hints in `raw` win over what the text says.
//  - title: raw.title; else the line the cleaner marked "title"; else the first sentence of the
//    lead (dateline removed), cut at a word boundary to at most 120 characters.
//  - source: the registrable domain of raw.url; else raw.source; else the brand of the dateline
//    ("VALDIVOSTOK, KOMPAS.com -"), of a copyright footer, or of a dropped brand/ad line.
//  - published: raw.date/raw.time (a date in raw.url's path wins when they disagree; a date
//    field that does not parse is kept in unread_date); else a line that is only a date (the
//    cleaner's date-label lines anywhere, its date-line lines above the second paragraph, its
//    kompas-byline lines, or among the first lines); else the day in raw.url's path
//    ("/2019/09/09/", published_from_url set); dates inside sentences (photo captions) are
//    never used.
//  - author: raw.author; else "Penulis:", "Reporter:", "Oleh:", "Pewarta:" lines, or the name
//    line of a kompas byline block, or the ANTARA footer's "Pewarta:"; else a reporter's credit
//    in parentheses at the end of the article ("(Rakhmat Nur Hakim)", LineDecision::credit).
//    Editors are not authors.
//  - dateline: the place before the dash of the lead ("PYONGYANG - "), upper-cased; brands are
//    not places.
ArticleMeta ExtractMetadata(const RawDocument& raw, const CleanResult& cleaned);

}  // namespace rkn
