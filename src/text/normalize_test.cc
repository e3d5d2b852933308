#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "text/normalize.h"
#include "text/text.h"

namespace lianxin::text {
namespace {

TEST(Normalize, FullWidthToHalfWidth) {
  EXPECT_EQ(Normalize("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(Normalize("电话：１３８００１３８０００"), "电话:13800138000");
  EXPECT_EQ(Normalize("（Ａ市）"), "(a市)");
}

TEST(Normalize, TraditionalToSimplified) {
  EXPECT_EQ(Normalize("臺灣"), "台湾");
  EXPECT_EQ(Normalize("這個問題沒有解決"), "这个问题没有解决");
  EXPECT_EQ(Normalize("長沙市發展與規劃"), "长沙市发展与规划");
}

TEST(Normalize, SimplifiedOnlyCharactersKept) {
  // 乾 and 昇 are also standard in simplified text (乾坤, names); they stay.
  EXPECT_EQ(Normalize("朗朗乾坤，昇祥园林"), "朗朗乾坤,昇祥园林");
  EXPECT_EQ(Normalize("简体中文不变"), "简体中文不变");
}

TEST(Normalize, PunctuationUnified) {
  EXPECT_EQ(Normalize("你好，世界！"), "你好,世界!");
  EXPECT_EQ(Normalize("一、二。"), "一,二.");
  EXPECT_EQ(Normalize("“引号”‘单引’「直角」"), "\"引号\"'单引'\"直角\"");
  EXPECT_EQ(Normalize("【通知】《条例》"), "[通知]<条例>");
  EXPECT_EQ(Normalize("等等……"), "等等......");
  EXPECT_EQ(Normalize("2019—2020"), "2019-2020");
  EXPECT_EQ(Normalize("问题？？"), "问题??");
  EXPECT_EQ(Normalize("阿卜杜・热合曼"), "阿卜杜·热合曼");
}

TEST(Normalize, AsciiLowerCase) {
  EXPECT_EQ(Normalize("Hello WORLD A3区"), "hello world a3区");
  // Only ASCII is folded.
  EXPECT_EQ(Normalize("ÄΩ"), "ÄΩ");
}

TEST(Normalize, WhitespaceFoldedAndTrimmed) {
  EXPECT_EQ(Normalize("  a \t\n  b  "), "a b");
  EXPECT_EQ(Normalize("你好\u3000\u3000世界"), "你好 世界");
  EXPECT_EQ(Normalize("a\u00A0b\u2003c"), "a b c");
  EXPECT_EQ(Normalize("\r\n\t "), "");
  EXPECT_EQ(Normalize(""), "");
}

TEST(Normalize, InvisibleAndControlCharactersDropped) {
  EXPECT_EQ(Normalize("a\u200Bb\uFEFFc"), "abc");
  EXPECT_EQ(Normalize(std::string("a\x01\x7F", 3) + "b"), "ab");
}

TEST(Normalize, InvalidUtf8Dropped) {
  EXPECT_EQ(Normalize("ab\xFF\xFE" "cd"), "abcd");
  EXPECT_EQ(Normalize("\xE4\xBD"), "");                  // truncated 你
  EXPECT_EQ(Normalize("x\xC0\xAFy"), "xy");              // overlong '/'
  EXPECT_EQ(Normalize("x\xED\xA0\x80y"), "xy");          // surrogate
  EXPECT_EQ(Normalize("\x80你好\xBF"), "你好");          // stray continuation bytes
}

TEST(Normalize, OutputIsValidUtf8AndIdempotent) {
  const char* inputs[] = {"ＡＢ\xFF臺灣，“x”……", "  \xE4\xBD你 好 ", "Ｔｅｌ：１３８　０００"};
  for (const char* in : inputs) {
    std::string once = Normalize(in);
    EXPECT_TRUE(IsValidUtf8(once)) << in;
    EXPECT_EQ(Normalize(once), once) << in;
  }
}

// The per-thread memory of recent results must never serve a different text:
// long texts of equal length, interleaved over more rounds than it has slots.
TEST(Normalize, RememberedResultsMatchTheirText) {
  std::vector<std::string> inputs, expected;
  for (int k = 0; k < 7; ++k) {
    std::string in, want;
    for (int r = 0; r < 12; ++r) {
      in += "ＡＢ臺灣" + std::to_string(k) + "　";
      want += "ab台湾" + std::to_string(k) + " ";
    }
    want.pop_back();
    inputs.push_back(in);
    expected.push_back(want);
  }
  for (int round = 0; round < 3; ++round) {
    for (size_t k = 0; k < inputs.size(); ++k) EXPECT_EQ(Normalize(inputs[k]), expected[k]) << k;
    EXPECT_EQ(Normalize(inputs[2]), expected[2]);  // twice in a row: served from memory
    EXPECT_EQ(Normalize(inputs[2]), expected[2]);
  }
}

TEST(NormalizeJoin, EqualsNormalizeOfTheJoinedText) {
  // Pieces that touch every rule at a boundary: spaces, ideographic space,
  // dropped characters, invalid and truncated UTF-8, full width, punctuation.
  const std::vector<std::string> pieces = {"", " ", "\t", "\u3000", "\u200B", "\xFF", "\xE4\xBD",
                                           "\x80", "a", "Ｚ", "臺", "，", "…", "\x01", "长沙市", "x y"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), len(0, 40);
  auto make = [&] {
    std::string s;
    for (size_t n = len(rng); n > 0; --n) s += pieces[pick(rng)];
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    std::string a = make(), b = make();
    ASSERT_EQ(NormalizeJoin(a, b), Normalize(a + " " + b)) << i;
  }
}

}  // namespace
}  // namespace lianxin::text
