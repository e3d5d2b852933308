#include "kb/analyzer.h"

#include <gtest/gtest.h>

namespace lianxin::kb {
namespace {

TEST(Analyzer, NormalisesAndDropsPunctuationAndLongNumbers) {
  auto seg = text::NewCharSegmenter();
  Analyzer a(*seg);
  std::vector<std::string> words = a.Words("ＡＢ，停车13800001234。");
  EXPECT_EQ(words, (std::vector<std::string>{"ab", "停", "车"}));
}

TEST(Analyzer, BigramsJoinNeighbours) {
  std::vector<std::string> b = Analyzer::Bigrams({"社保", "卡", "补办"});
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0], std::string("社保") + kBigramJoiner + "卡");
  EXPECT_TRUE(Analyzer::Bigrams({"一"}).empty());
}

}  // namespace
}  // namespace lianxin::kb
