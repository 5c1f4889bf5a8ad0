#include "diplograph/text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace diplograph::text {
namespace {

TEST(Utf8, ValidTextHasNoInvalidByte) {
  EXPECT_EQ(find_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("Japan and Taiwan"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("Japan\u2013Taiwan \u201cpartner\u201d C\u00f4te \U0001F1EF"),
            std::nullopt);
  EXPECT_EQ(find_invalid_utf8(std::string("a\0b", 3)), std::nullopt);  // NUL is valid UTF-8
}

TEST(Utf8, ReportsOffsetOfFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("abc\xff"), 3U);
  EXPECT_EQ(find_invalid_utf8("\x80"), 0U);                       // lone continuation byte
  EXPECT_EQ(find_invalid_utf8("ok \xc3\x28 later"), 3U);          // bad continuation
  EXPECT_EQ(find_invalid_utf8("\xc0\xaf"), 0U);                   // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xe0\x80\xaf"), 0U);               // overlong, 3 bytes
  EXPECT_EQ(find_invalid_utf8("xx\xed\xa0\x80"), 2U);             // UTF-16 surrogate D800
  EXPECT_EQ(find_invalid_utf8("\xf4\x90\x80\x80"), 0U);           // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xf5\x80\x80\x80"), 0U);           // lead byte never valid
  EXPECT_EQ(find_invalid_utf8("end \xe2\x80"), 4U);               // truncated at the end
  // Past the eight-byte ASCII fast path.
  EXPECT_EQ(find_invalid_utf8("0123456789abcdef0123\xfe"), 20U);
  EXPECT_EQ(find_invalid_utf8("0123456789abcdef\xe2\x80\x93xyz\x80"), 22U);
}

TEST(Utf8, DecodeWalksAnyBytes) {
  const std::string s = "a\u2019\xff";
  EXPECT_EQ(decode_utf8(s, 0).code, U'a');
  const DecodedChar quote = decode_utf8(s, 1);
  EXPECT_EQ(quote.code, U'\u2019');
  EXPECT_EQ(quote.length, 3U);
  const DecodedChar bad = decode_utf8(s, 4);
  EXPECT_EQ(bad.code, U'\uFFFD');
  EXPECT_EQ(bad.length, 1U);
}

TEST(Utf8, AppendEncodesEveryLength) {
  std::string out;
  append_utf8(out, U'A');
  append_utf8(out, U'\u00e9');
  append_utf8(out, U'\u2013');
  append_utf8(out, U'\U0001F600');
  EXPECT_EQ(out, "A\u00e9\u2013\U0001F600");
}

TEST(Utf8, UnicodeSpaces) {
  EXPECT_TRUE(is_space(U' '));
  EXPECT_TRUE(is_space(U'\n'));
  EXPECT_TRUE(is_space(U'\u00a0'));
  EXPECT_TRUE(is_space(U'\u2009'));
  EXPECT_TRUE(is_space(U'\u202f'));
  EXPECT_TRUE(is_space(U'\u3000'));
  EXPECT_FALSE(is_space(U'a'));
  EXPECT_FALSE(is_space(U'\u2013'));
}

TEST(Utf8, FoldTypography) {
  EXPECT_EQ(fold_typography("Japan\u2019s \u201cpartner\u201d"), "Japan's \"partner\"");
  EXPECT_EQ(fold_typography("Japan\u2013Taiwan \u2014 ties"), "Japan-Taiwan - ties");
  EXPECT_EQ(fold_typography("wait\u2026"), "wait...");
  EXPECT_EQ(fold_typography("a\u00a0b"), "a b");
  EXPECT_EQ(fold_typography("co\u00adoperation"), "cooperation");  // soft hyphen dropped
  EXPECT_EQ(fold_typography("C\u00f4te"), "C\u00f4te");            // letters untouched
}

TEST(Utf8, LowerCase) {
  EXPECT_EQ(to_lower("TAIWAN Strait"), "taiwan strait");
  EXPECT_EQ(to_lower("C\u00d4TE D'IVOIRE"), "c\u00f4te d'ivoire");
  EXPECT_EQ(to_lower("\u0141\u00d3D\u0179"), "\u0142\u00f3d\u017a");  // Polish
  EXPECT_EQ(to_lower("\u0395\u039b\u039b\u0391\u0394\u0391"), "\u03b5\u03bb\u03bb\u03b1\u03b4\u03b1");
  EXPECT_EQ(to_lower("\u0420\u041e\u0421\u0421\u0418\u042f"), "\u0440\u043e\u0441\u0441\u0438\u044f");
  EXPECT_EQ(to_lower("\u65e5\u672c"), "\u65e5\u672c");  // no case
  EXPECT_EQ(to_lower("\xff"), "\xff");                  // invalid bytes copied
}

}  // namespace
}  // namespace diplograph::text
