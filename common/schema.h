// The single source of truth for how an article is laid out in a Xapian database: term prefixes,
// value slots, document data fields, metadata keys and format versions. Indexer and searcher both
// include this file and nothing else defines these literals.
#pragma once

#include <string_view>

#include <xapian.h>

namespace rkn::schema {

// Bumped when the layout below changes incompatibly; stored under kMetaSchemaVersion.
inline constexpr int kSchemaVersion = 2;  // 2: sharded layout, per-shard file stamps

// --- Term prefixes (omega conventions where omega has one) -------------------------------------
inline constexpr std::string_view kPrefixId = "Q";          // unique id: corpus-relative path or record id
inline constexpr std::string_view kPrefixTitle = "S";       // title words (free text, positional)
inline constexpr std::string_view kPrefixAuthor = "A";      // author words (free text)
inline constexpr std::string_view kPrefixSource = "H";      // source domain, boolean ("Hkompas.com")
inline constexpr std::string_view kPrefixCategory = "XCAT";  // category, boolean, lowercased
inline constexpr std::string_view kPrefixAuthorExact = "XAUTH";  // author full name, boolean, lowercased
inline constexpr std::string_view kPrefixYear = "Y";        // "Y2019"
inline constexpr std::string_view kPrefixMonth = "M";       // "M201909"
inline constexpr std::string_view kPrefixDay = "D";         // "D20190901"
inline constexpr std::string_view kPrefixFile = "XFILE";    // the file a document came from (for removal)
inline constexpr std::string_view kPrefixFingerprint = "XFP";  // near-duplicate fingerprint bucket
inline constexpr std::string_view kPrefixType = "T";        // input type: "Ttxt", "Thtml", "Tjsonl", "Tcsv"
// On a document indexed with --no-spelling: its words are not in the spelling table, so deleting
// or replacing it takes none out.
inline constexpr std::string_view kTermNoSpelling = "XNOSPELL";

// Xapian terms are limited to 245 bytes; longer ids are hashed (see IdTerm in document.h).
inline constexpr size_t kMaxTermBytes = 240;

// Within-document frequency boost of title words relative to body words.
inline constexpr Xapian::termcount kTitleWeight = 3;
// The lead: the first kLeadWords words of the body (whitespace-separated, across paragraphs) count
// kLeadWeight times. A news lead summarises the story, so an article whose lead names the query's
// words is more likely about them than one that mentions them further down. Known-item MRR@10 on
// clickid-2019 (bench/known_item.py, seeds 2019/1/2/3): 0.754/0.753/0.744/0.757 -> 0.764/0.765/
// 0.753/0.762; 60-100 words is a plateau, 30 and 150 words and weight 3 are lower.
inline constexpr size_t kLeadWords = 100;
inline constexpr Xapian::termcount kLeadWeight = 2;
// Bumped when DocumentBuilder changes the terms or weights it writes. Part of every document's
// signature (DocSignature, shard_writer.cc) and file stamp (FileStamp, indexer.cc), so an incremental
// run re-indexes everything.
// The longest word the index holds, in bytes: Xapian::TermGenerator's default max_word_length,
// which the indexer and the query parser keep; a longer word is not indexed.
inline constexpr size_t kMaxWordBytes = 64;

inline constexpr int kDocumentVersion = 32;  // 32: a UTC offset past -12:00..+14:00 or with 60 minutes ("+99:99") is no date (it moved the time by up to 100 hours); 31: the invisible marks the cleaner drops are dropped before comma-joined records are split (".,\u200ESenada" is a paragraph break; InvisibleAsNormalized), and a paragraph there may open with a closing quote, a parenthesis on a capital, a hashtag or a list's item (".,\u201DJadi", ".,(2) Susunan", ".,-Kantong"); a cut after a sentence's end leaves a space, not a comma (cleaner engine 14); 30: a record whose content field is empty (or cleaned away) is indexed by its title alone (TitleOnlyRecord; 167 CLICK-ID records), content null too; 29: a bound prefix before a word ("anti-korupsi", "pasca-gempa", "non-tunai") teaches the synonym table the joined writing too (LearnedHyphenForms), so every article is read again; 28: a no-break space is a space to the split of comma-joined records (".\u00A0,Neymar", the mojibake ".¬†,Neymar" repaired, is a paragraph break, and so is one before a picture's credit in parentheses, ".,,,(Foto : @akun),"); a page's table row labelled "Penulis" names its author, "Kontributor Lhokseumawe, Masriadi" is Masriadi, "Dewi Kania Jurnalis" Dewi Kania; 27: a record's sentence glued to the next gets its space ("pungkasnya.Sebagai"; SpaceGluedSentences); 26: hyphenated words news also writes as one ("K-Pop", "U-16") teach the synonym table both writings (LearnedHyphenForms), so every article is read again; 25: a '%' after a number is the word "persen" (SpellPercent); 24: an article without a date field that reads or a date line is dated by the day in its URL's path ("/2019/09/09/"; it had no date); NewsAPI's publishedAt, news-please's date_publish, maintext, authors and source_domain read as the date, content, author and source; 23: a picture's credit joined between two paragraphs of a comma-joined record stands on its own line (".,© Mie Sedaap,Menariknya"), where the credit rules drop it; Arabic garbled as MacRoman or Windows-1252 repaired (RepairMojibake); an HTML page's byline element names its author when its metadata names none; 22: a url date written as one number ("/read/20190129/") fixes a date field; a bare date line after the second paragraph is no page date; 21: HTML character references decoded in records and pages ("&quot;", "&amp;nbsp;"; DecodeHtmlEntities), a URL in a source field filed under its site, a publisher ("Kompas Cyber Media") no author in records and bylines either, a page's first date that reads, comma-joined records split at ". ,X" and ".,22", commas after a space dropped, a small <article> inside a page's article dropped; 20: ligatures, presentation forms, full-width and mathematical letters folded ("ＫＰＫ" -> "KPK"; NormalizeText); 19: "Nopember" and the abbreviated Indonesian weekdays ("Sen, 09 Sep 2019") read in dates; 18: a closing quote after . ! or ? ends the sentence ("dia.\" Lalu": no phrase across it); 17: one free position after each sentence end (no phrase across sentences; EndsSentence); 16: no agency, wire or site as an author (IsAgencyName), author fields lose labels and editors; 15: the --collapse fingerprint is three MinHashes of 5-shingles, not one of 8-shingles; 14: a date field 1 to 7 days after the URL's date is kept (okezone publishes the morning after); 2: lead words weighted (kLeadWords); 3: "Rp" split off amounts (IndexText), control characters and the zero-width space as spaces; 4: a title taken from the lead keeps up to 160 bytes and ends in "…" when cut; a comma run between spaces dropped from comma-joined records (SplitCommaJoinedParagraphs); 5: one comma between two letters there gets its space ("membuat, khawatir"); 6: HTML dates next to the headline and detik's pubdate, no publisher as an author, records and files with no letter or digit skipped, Unix times in date fields; 7: bidirectional formatting characters dropped (NormalizeText); 8: times given in UTC shown in WIB; 9: an empty parenthesis left by a dropped link ("lahan ( ,) di") removed from comma-joined records; 10: and a comma before a sentence end there ("penyanyi,. Pria"); 11: and a run of commas inside a sentence there is one ("(Timnas),, Bima"); 12: a dateline of two places next to a brand ("Bethlehem, Palestina (ANTARA) - "); 13: a comma run after . ! or ? before a lowercase letter is a paragraph break in comma-joined records ("mereka.,lebih lanjut")
// Gap in term positions between fields so phrases never span title and body.
inline constexpr Xapian::termpos kFieldGap = 100;

// --- Value slots -------------------------------------------------------------------------------
enum Slot : Xapian::valueno {
  kSlotPublished = 0,    // sortable_serialise(unix seconds, UTC); absent when unknown
  kSlotSource = 1,       // "kompas.com"
  kSlotYear = 2,         // "2019"
  kSlotMonth = 3,        // "2019-09"
  kSlotAuthor = 4,       // author as written
  kSlotCategory = 5,     // category as written, lowercased
  kSlotFingerprint = 6,  // content fingerprint used by --collapse (hex)
  kSlotFileSig = 7,      // "size:mtime:hash" of the source file, for incremental runs
};

// --- Document data: a JSON object with these keys ----------------------------------------------
namespace data {
inline constexpr const char* kPath = "path";          // corpus-relative path (never absolute)
// The path's bytes in lowercase hex, written only when they are not UTF-8 (a file name in another
// charset): `path` then holds U+FFFD for the bytes that are not, as JSON must.
inline constexpr const char* kPathBytes = "path_bytes";
inline constexpr const char* kRecord = "record";      // record id within a JSONL/CSV file, or absent
inline constexpr const char* kTitle = "title";
inline constexpr const char* kSource = "source";
inline constexpr const char* kPublished = "published";  // ISO 8601 with offset, or ""
inline constexpr const char* kAuthor = "author";
inline constexpr const char* kDateline = "dateline";
inline constexpr const char* kCategory = "category";
inline constexpr const char* kUrl = "url";
inline constexpr const char* kText = "text";          // cleaned body, paragraphs separated by '\n'
}  // namespace data

// --- Database metadata keys --------------------------------------------------------------------
inline constexpr const char* kMetaSchemaVersion = "rkn.schema_version";
inline constexpr const char* kMetaRulesVersion = "rkn.rules_version";
inline constexpr const char* kMetaAnalyzerVersion = "rkn.analyzer_version";
inline constexpr const char* kMetaStemmer = "rkn.stemmer";  // "dictionary" or "snowball"
// The text of the alias files the last run given `--aliases` read (concatenated; "" after an
// empty one): later runs without `--aliases` keep using them.
inline constexpr const char* kMetaExtraAliases = "rkn.aliases.extra";
// AliasFileFingerprint of the data folder the last run wrote the synonym table from: a searcher
// whose data folder's aliases.txt differs says the database's aliases are not that file's.
inline constexpr const char* kMetaAliasFile = "rkn.aliases.file";
// Per shard: docids ("a-b,c,...") committed whose words are not yet in the spelling table (the
// indexer adds spelling data in large batches); a run after a crash adds them first.
inline constexpr const char* kMetaSpellingPending = "rkn.spelling.pending";
// Per shard: the spelling words ("word\tcount\n" lines) of documents deleted or replaced since
// the spelling table was last written, which must still be taken out of it; a run after a crash
// takes them out first.
inline constexpr const char* kMetaSpellingRemovals = "rkn.spelling.removals";
// Per shard: the UUID (Xapian::Database::get_uuid) of the database the two lists above were
// recorded in, written with them. A database with another UUID is a compacted copy (xapian-compact
// gives a new one, and renumbers the documents the pending list names): its spelling data is
// rebuilt from its documents instead. Absent (an earlier rkn): the lists are used as they are.
inline constexpr const char* kMetaSpellingDatabase = "rkn.spelling.database";
// Per shard: "K/N", its place in the layout that wrote it (shard K of N). A shard found
// elsewhere (one shard copied or compacted alone, or a compacted sharded database, which keeps
// shard 0's) holds the file stamps of another layout, so the next run reads every file again;
// it records its new place only when that run read every file (a stopped one leaves the old).
inline constexpr const char* kMetaShard = "rkn.shard";
// Per shard, written with kMetaShard: the UUID of the database it was written in. A database
// xapian-compact merged the shards into keeps shard 0's place and this value, but has a UUID of
// its own: it holds every article and is no shard to warn about; a shard copied out keeps both.
inline constexpr const char* kMetaShardUuid = "rkn.place-uuid";
// Per shard, per file: this key followed by the file's FileKey holds its stamp and how many of
// its documents the shard holds (StampValue in shard_writer.h); "" once the file was removed.
inline constexpr const char* kMetaFilePrefix = "rkn.file:";

// --- Defaults ------------------------------------------------------------------------------------
// An array, not a pointer to a literal: one object in every translation unit, so the pointer
// DefaultDb returns compares equal to it (copies of a literal need not share an address).
inline constexpr char kDefaultDb[] = "rkn.db";
inline constexpr const char* kEnvDb = "RKN_DB";
// The database of a command given no --db: $RKN_DB (`env_value`, getenv's answer: null when unset)
// unless it is empty, else kDefaultDb.
inline const char* DefaultDb(const char* env_value) {
  return env_value != nullptr && *env_value != '\0' ? env_value : kDefaultDb;
}
inline constexpr const char* kEnvDataDir = "RKN_DATA_DIR";

// Version of the JSON output of rkn-search (bumped on incompatible changes).
inline constexpr int kJsonSchemaVersion = 1;

}  // namespace rkn::schema
