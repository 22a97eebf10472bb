// Character encodings of corpus files: detecting what the bytes are, converting them to UTF-8,
// and repairing text that was decoded with the wrong charset somewhere upstream (mojibake).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rkn {

// Converts `bytes` to well-formed UTF-8 (not yet NFC-normalised). In order:
//  - a byte-order mark wins (UTF-8, UTF-16LE/BE, UTF-32LE/BE) and is removed;
//  - bytes that are already valid UTF-8 are returned unchanged, whatever `declared_charset` says
//    (pages labelled iso-8859-1 but served as UTF-8 are common);
//  - otherwise `declared_charset` (an IANA or ICU name: "windows-1252", "latin1", ...) is used
//    when ICU knows it; otherwise ICU's detector (ucsdet) picks among single-byte charsets, with
//    Windows-1252 as the fallback (ISO-8859-1 is read as its superset Windows-1252);
//  - BOM-less UTF-16 is recognised by its pattern of NUL bytes.
// Fails with kCorruption when the bytes look binary (NUL bytes that are not UTF-16, or many
// other control characters); the message names the first offending offset.
Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view declared_charset = {});

// How much of its input DecodeToUtf8 looks at to recognise UTF-16 without a byte-order mark by
// its NUL bytes; a reader that sniffs a file's head for NUL bytes reads at least this much.
inline constexpr size_t kUtf16SniffBytes = 4096;

// Repairs UTF-8 text that went through a wrong decode: UTF-8 bytes read as MacRoman ("¬†" for a
// non-breaking space, "‚Äú" for a left double quote) or as Windows-1252/Latin-1 ("Ã©" for "é",
// "â€™" for a right single quote). A run of characters is replaced only when it maps back to one
// complete UTF-8 sequence whose code point is plausible in text (Latin letters, punctuation,
// currency, combining accents, Arabic, common symbols and emoji), so correct text is left alone.
// Input must be valid UTF-8; returns the input unchanged when there is nothing to repair.
std::string RepairMojibake(std::string_view utf8);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsWellFormedUtf8(std::string_view s);

// Appends the UTF-8 encoding of the code point `c` (a scalar value: not a surrogate, at most
// U+10FFFF) to `out`. Never fails.
void AppendUtf8(char32_t c, std::string* out);

// The character Windows-1252 gives the byte `b` (0x80 to 0x9F; 0x20AC for 0x80, ...); the byte
// itself, a C1 control, where the code page defines none (0x81, 0x8D, 0x8F, 0x90, 0x9D), as
// Latin-1 decoders give it.
char32_t Cp1252Char(unsigned char b);

// The canonical lowercase name ICU uses for `charset` ("latin1" -> "iso-8859-1"), or "" when
// ICU does not know it.
std::string CanonicalCharset(std::string_view charset);

}  // namespace rkn
