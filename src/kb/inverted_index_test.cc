#include "kb/inverted_index.h"

#include <gtest/gtest.h>

namespace lianxin::kb {
namespace {

TEST(InvertedIndex, Bm25PrefersRareTermsAndShortDocuments) {
  InvertedIndex index;
  index.Add({"社保", "卡", "补办"});
  index.Add({"社保", "缴费", "缴费", "比例", "单位", "个人", "工资", "基数"});
  index.Add({"停车", "收费"});
  std::vector<float> scores(3, 0.0f);
  index.ScoreBm25({{"社保", 1.0f}, {"补办", 1.0f}}, {}, scores);
  EXPECT_GT(scores[0], scores[1]);
  EXPECT_GT(scores[1], 0.0f);
  EXPECT_EQ(scores[2], 0.0f);
  EXPECT_GT(index.Idf("补办"), index.Idf("社保"));
  EXPECT_EQ(index.Idf("不存在"), 0.0f);
}

TEST(InvertedIndex, TfidfCosineOfIdenticalDocumentIsOne) {
  InvertedIndex index;
  index.Add({"社保", "卡", "补办"});
  index.Add({"停车", "收费", "标准"});
  index.Finish();
  std::vector<float> scores(2);
  index.ScoreTfidfCosine({"停车", "收费", "标准"}, scores);
  EXPECT_NEAR(scores[1], 1.0f, 1e-5);
  EXPECT_EQ(scores[0], 0.0f);
}

TEST(InvertedIndex, TopKOrdersSkipsZeroAndDisallowed) {
  std::vector<float> scores = {0.5f, 0.0f, 2.0f, 1.0f, 2.0f};
  auto top = TopK(scores, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].first, 2u);  // tie with 4: lower number first
  EXPECT_EQ(top[1].first, 4u);
  EXPECT_EQ(top[2].first, 3u);
  auto filtered = TopK(scores, 10, {1, 1, 0, 1, 0});
  ASSERT_EQ(filtered.size(), 2u);
  EXPECT_EQ(filtered[0].first, 3u);
}

}  // namespace
}  // namespace lianxin::kb
