#include "kb/inverted_index.h"

#include <gtest/gtest.h>

#include <cmath>

namespace lianxin::kb {
namespace {

TEST(InvertedIndex, Bm25PrefersRareTermsAndShortDocuments) {
  InvertedIndex index;
  index.Add({"社保", "卡", "补办"});
  index.Add({"社保", "缴费", "缴费", "比例", "单位", "个人", "工资", "基数"});
  index.Add({"停车", "收费"});
  std::vector<TermCursor> cursors;
  index.Bm25Cursors({{"社保", 1.0f}, {"补办", 1.0f}, {"不存在", 1.0f}}, {}, cursors);
  ASSERT_EQ(cursors.size(), 2u);  // unknown terms get no cursor
  std::vector<int64_t> scores = ScoreEveryDocument(cursors, 3);
  EXPECT_GT(scores[0], scores[1]);
  EXPECT_GT(scores[1], 0);
  EXPECT_EQ(scores[2], 0);
  // Document 1, "社保" once in 8 terms (average length 13/3), by the formula.
  float idf = index.Idf("社保");
  float norm = 1.2f * (0.25f + 0.75f * 8.0f / (13.0f / 3.0f));
  EXPECT_NEAR(Dequantize(scores[1]), idf * 2.2f / (1.0f + norm), 1e-5f);
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

TEST(InvertedIndex, TfidfCursorsNeedFinishAndWeighIdfSquared) {
  InvertedIndex index;
  index.Add({"社保", "卡", "补办"});
  index.Add({"停车", "收费", "停车"});
  std::vector<TermCursor> cursors;
  index.TfidfCursors({{"停车", 1.0f}}, cursors);
  EXPECT_TRUE(cursors.empty());
  index.Finish();
  index.TfidfCursors({{"停车", 2.0f}}, cursors);
  ASSERT_EQ(cursors.size(), 1u);
  std::vector<int64_t> scores = ScoreEveryDocument(cursors, 2);
  EXPECT_EQ(scores[0], 0);
  double idf = std::log(2.0);
  double park = (1 + std::log(2.0)) * idf, fee = idf;
  double want = 2.0 * idf * idf * (1 + std::log(2.0)) / std::sqrt(park * park + fee * fee);
  EXPECT_NEAR(Dequantize(scores[1]), want, 1e-5);
  EXPECT_GE(cursors[0].upper_bound * 1.00001f, cursors[0].Score(0));
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
