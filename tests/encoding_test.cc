#include "common/encoding.h"

#include <doctest/doctest.h>

#include <string>

namespace rkn {
namespace {

TEST_CASE("DecodeToUtf8 converts what the bytes are to UTF-8") {
  struct Case {
    const char* name;
    std::string bytes;
    std::string declared;
    std::string expected;
  };
  using namespace std::string_literals;
  const Case cases[] = {
      {"ascii", "Jakarta", "", "Jakarta"},
      {"utf-8 unchanged", "caf\xC3\xA9", "", "caf\xC3\xA9"},
      {"utf-8 wins over a wrong latin1 label", "caf\xC3\xA9", "iso-8859-1", "caf\xC3\xA9"},
      {"utf-8 bom removed", "\xEF\xBB\xBFhai", "", "hai"},
      {"utf-16le bom", "\xFF\xFEh\0a\0i\0"s, "", "hai"},
      {"utf-16be bom", "\xFE\xFF\0h\0a\0i"s, "", "hai"},
      {"utf-16le without bom", "J\0a\0k\0a\0r\0t\0a\0"s, "", "Jakarta"},
      {"windows-1252 declared", "\x93kopi\x94 caf\xE9", "windows-1252", "\xE2\x80\x9Ckopi\xE2\x80\x9D caf\xC3\xA9"},
      {"latin1 label read as windows-1252", "\x93x\x94", "latin1", "\xE2\x80\x9Cx\xE2\x80\x9D"},
      {"undeclared single-byte detected", "Harga kopi di caf\xE9 itu naik, kata pemilik caf\xE9 kepada wartawan.", "",
       "Harga kopi di caf\xC3\xA9 itu naik, kata pemilik caf\xC3\xA9 kepada wartawan."},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      Result<std::string> out = DecodeToUtf8(c.bytes, c.declared);
      REQUIRE(out.ok());
      CHECK(*out == c.expected);
    }
  }
}

TEST_CASE("DecodeToUtf8 rejects binary data") {
  using namespace std::string_literals;
  SUBCASE("a NUL byte in text") {
    Result<std::string> out = DecodeToUtf8("teks\0biner dengan isi yang panjang sekali"s);
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == StatusCode::kCorruption);
    CHECK(out.status().message().find("offset 4") != std::string::npos);
  }
  SUBCASE("many control bytes") {
    std::string bytes;
    for (int i = 0; i < 200; ++i) bytes += static_cast<char>(1 + i % 7);
    CHECK(DecodeToUtf8(bytes).status().code() == StatusCode::kCorruption);
  }
}

TEST_CASE("RepairMojibake undoes wrong decodes and leaves good text alone") {
  struct Case {
    const char* name;
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"macroman nbsp (tempo rows)", "Kecamatan\xC2\xAC\xE2\x80\xA0 Tanjungpinang", "Kecamatan\xC2\xA0 Tanjungpinang"},
      {"macroman quotes", "\xE2\x80\x9A\xC3\x84\xC3\xB9Kami\xE2\x80\x9A\xC3\x84\xC3\xB9", "\xE2\x80\x9DKami\xE2\x80\x9D"},
      {"macroman degree", "30\xC2\xAC\xE2\x88\x9E C", "30\xC2\xB0 C"},
      {"latin1 e-acute", "caf\xC3\x83\xC2\xA9", "caf\xC3\xA9"},
      {"cp1252 apostrophe", "Jum\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2" "at", "Jum\xE2\x80\x99" "at"},
      {"macroman arabic (okezone's Qur'an verses)", "\xC3\xBF\xCF\x80\xC5\xB8\xC3\x9C \xC3\xBF\xE2\x89\xA5\xC5\xB8\xC3\xA1\xC5\xB8\xC3\x91", "\xD8\xB9\xD9\x86 \xD8\xB3\xD9\x87\xD9\x84"},
      {"cp1252 arabic", "\xC3\x98\xC2\xB9\xC3\x99\xE2\x80\xA0 \xC3\x98\xC2\xB3\xC3\x99\xE2\x80\xA1\xC3\x99\xE2\x80\x9E", "\xD8\xB9\xD9\x86 \xD8\xB3\xD9\x87\xD9\x84"},
      {"real arabic kept", "\xD8\xB9\xD9\x86 \xD8\xB3\xD9\x87\xD9\x84", "\xD8\xB9\xD9\x86 \xD8\xB3\xD9\x87\xD9\x84"},
      {"O-slash before a symbol kept", "\xC3\x98st \xC2\xA7 5, \xC3\x99 \xC2\xA9", "\xC3\x98st \xC2\xA7 5, \xC3\x99 \xC2\xA9"},
      {"a lone O-slash before a no-break space or a degree sign kept", "berdiameter \xC3\x98\xC2\xA0" "200 mm, suhu \xC3\x98\xC2\xB0 naik", "berdiameter \xC3\x98\xC2\xA0" "200 mm, suhu \xC3\x98\xC2\xB0 naik"},
      {"plain ascii", "Presiden Joko Widodo", "Presiden Joko Widodo"},
      {"real accents kept", "caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e", "caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e"},
      {"real quotes and dashes kept", "\xE2\x80\x9CYa\xE2\x80\x9D \xE2\x80\x93 \xC2\xB0", "\xE2\x80\x9CYa\xE2\x80\x9D \xE2\x80\x93 \xC2\xB0"},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) { CHECK(RepairMojibake(c.in) == c.out); }
  }
}

TEST_CASE("IsWellFormedUtf8 and CanonicalCharset") {
  CHECK(IsWellFormedUtf8("abc \xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK_FALSE(IsWellFormedUtf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(IsWellFormedUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsWellFormedUtf8("caf\xE9 au lait"));   // latin-1
  CHECK(CanonicalCharset("latin1") == "iso-8859-1");
  CHECK(CanonicalCharset("UTF8") == "utf-8");
  CHECK(CanonicalCharset("no-such-charset").empty());
}

}  // namespace
}  // namespace rkn
