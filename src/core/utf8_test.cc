#include "core/utf8.h"

#include <gtest/gtest.h>

namespace lianxin {
namespace {

TEST(Utf8, Validates) {
  EXPECT_TRUE(IsValidUtf8("hello 你好 😀"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xe4\xbd"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_EQ(Utf8Length("你好a"), 3u);
}

TEST(Utf8, Masks) {
  EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
  EXPECT_EQ(MaskPhone("123"), "****");
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskName("张三丰"), "张**");
  EXPECT_EQ(MaskName("李"), "李*");
}

TEST(Utf8, AppendsEachLengthOfEncoding) {
  std::string s;
  for (char32_t cp : {U'A', U'\u00e9', U'\u4e2d', U'\U0001F600'}) AppendUtf8(cp, s);
  EXPECT_EQ(s, "A\u00e9\u4e2d\U0001F600");
  EXPECT_TRUE(IsValidUtf8(s));
  EXPECT_EQ(Utf8Length(s), 4u);
}

TEST(Utf8Prefix, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Prefix("窨井盖缺失", 3), "窨井盖");
  EXPECT_EQ(Utf8Prefix("a窨b", 2), "a窨");
  EXPECT_EQ(Utf8Prefix("短", 10), "短");
  EXPECT_EQ(Utf8Prefix("", 3), "");
  EXPECT_EQ(Utf8Prefix("abc", 0), "");
  EXPECT_TRUE(IsValidUtf8(Utf8Prefix("市民反映小区路灯不亮", 7)));
}

}  // namespace
}  // namespace lianxin
