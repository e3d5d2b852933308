#include "dispatch/duplicates.h"

#include <gtest/gtest.h>

namespace lianxin::dispatch {
namespace {

TEST(Duplicates, SimilarityIsCosineOfBigrams) {
  EXPECT_NEAR(TextSimilarity("夜间施工噪音", "夜间施工噪音"), 1.0, 1e-9);
  EXPECT_EQ(TextSimilarity("", "夜间施工"), 0.0);
  EXPECT_EQ(TextSimilarity("路灯不亮", "社保转移"), 0.0);
  double partial = TextSimilarity("a3区金科小区夜间施工噪音扰民", "金科小区工地夜间施工噪音太大");
  EXPECT_GT(partial, 0.4);
  EXPECT_LT(partial, 0.9);
}

TEST(Duplicates, FindsAndRanksAboveThreshold) {
  std::vector<DuplicateCandidate> recent = {
      {1, "a3区金科小区工地夜间施工噪音扰民,晚上十一点还在打桩"},
      {2, "a3区社保卡补办需要什么材料"},
      {3, "金科小区夜间施工噪音扰民严重"},
  };
  auto matches = FindDuplicates("金科小区夜间施工噪音扰民,请管一管", recent, 0.4);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].ticket_id, 3);
  EXPECT_EQ(matches[1].ticket_id, 1);
  EXPECT_GE(matches[0].similarity, matches[1].similarity);
  EXPECT_TRUE(FindDuplicates("完全无关的内容", recent, 0.4).empty());
  EXPECT_EQ(FindDuplicates("金科小区夜间施工噪音扰民", recent, 0.0, 1).size(), 1u);
}

}  // namespace
}  // namespace lianxin::dispatch
