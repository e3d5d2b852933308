#include "text/unicode.h"

#include <gtest/gtest.h>

namespace lianxin::text::internal {
namespace {

TEST(Unicode, DecodeUtf8) {
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8("a", 0, cp), 1u);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(DecodeUtf8("é", 0, cp), 2u);
  EXPECT_EQ(cp, U'é');
  EXPECT_EQ(DecodeUtf8("你", 0, cp), 3u);
  EXPECT_EQ(cp, U'你');
  EXPECT_EQ(DecodeUtf8("𠀀", 0, cp), 4u);
  EXPECT_EQ(cp, U'𠀀');
  EXPECT_EQ(DecodeUtf8("\xE4\xBD", 0, cp), 0u);
  EXPECT_EQ(DecodeUtf8("\xC1\xBF", 0, cp), 0u);
  EXPECT_EQ(DecodeUtf8("\xF4\x90\x80\x80", 0, cp), 0u);  // > U+10FFFF
}

TEST(Unicode, AppendUtf8RoundTrips) {
  for (char32_t cp : {U'a', U'é', U'你', U'𠀀', char32_t{0x10FFFF}}) {
    std::string s;
    AppendUtf8(cp, s);
    char32_t back = 0;
    EXPECT_EQ(DecodeUtf8(s, 0, back), s.size());
    EXPECT_EQ(back, cp);
  }
}

TEST(Unicode, ToSimplified) {
  EXPECT_EQ(ToSimplified(U'們'), U'们');
  EXPECT_EQ(ToSimplified(U'臺'), U'台');
  EXPECT_EQ(ToSimplified(U'们'), U'们');
  EXPECT_EQ(ToSimplified(U'乾'), U'乾');
  EXPECT_EQ(ToSimplified(U'a'), U'a');
}

TEST(Unicode, FoldForMatch) {
  EXPECT_EQ(FoldForMatch(U'Ａ'), U'a');
  EXPECT_EQ(FoldForMatch(U'B'), U'b');
  EXPECT_EQ(FoldForMatch(U'縣'), U'县');
  EXPECT_EQ(FoldForMatch(U'３'), U'3');
}

TEST(Unicode, IsSpaceOrPunct) {
  for (char32_t cp : {U' ', U',', U'.', U'，', U'。', U'、', U'“', U'—', U'…', U'℃', U'\u3000'}) {
    EXPECT_TRUE(IsSpaceOrPunct(cp)) << static_cast<uint32_t>(cp);
  }
  for (char32_t cp : {U'a', U'9', U'你', U'é', U'가'}) {
    EXPECT_FALSE(IsSpaceOrPunct(cp)) << static_cast<uint32_t>(cp);
  }
}

}  // namespace
}  // namespace lianxin::text::internal
