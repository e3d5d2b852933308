#include "insight/ranking.h"

#include <gtest/gtest.h>

namespace lianxin::insight {
namespace {

Metrics M(const std::string& key, int64_t counted, int64_t responded) {
  Counters n{};
  n[kCounted] = counted;
  n[kResponded] = responded;
  return ComputeMetrics(key, n, EvaluationRules{});
}

TEST(RankUnits, NeverMixesUnlikeUnits) {
  std::vector<Region> regions = {{"XD", "西地省", "", RegionLevel::kProvince},
                                 {"XD.A", "A市", "XD", RegionLevel::kCity},
                                 {"XD.A.A1", "A1区", "XD.A", RegionLevel::kDistrict},
                                 {"XD.A.A2", "A2区", "XD.A", RegionLevel::kDistrict}};
  std::vector<Unit> units = {{"XD.A/zjj", "A市住建局", "zjj", "XD.A"},
                             {"XD.A.A1/zjj", "A1区住建局", "zjj", "XD.A.A1"},
                             {"XD.A.A2/zjj", "A2区住建局", "zjj", "XD.A.A2"},
                             {"XD.A.A1/cg", "A1区城管局", "cg", "XD.A.A1"},
                             {"XD.A.A2/cg", "A2区城管局", "cg", "XD.A.A2"}};
  std::vector<Metrics> metrics = {M("XD.A/zjj", 10, 10),   M("XD.A.A1/zjj", 10, 5),
                                  M("XD.A.A2/zjj", 10, 8), M("XD.A.A1/cg", 10, 9),
                                  M("XD.A.A2/cg", 3, 3),   M("XD.B/unknown", 10, 10)};
  auto tiers = RankUnits(metrics, units, regions, EvaluationRules{});
  ASSERT_EQ(tiers.size(), 3u);
  EXPECT_EQ(tiers[0].level, "city");
  EXPECT_EQ(tiers[0].unit_type, "zjj");
  ASSERT_EQ(tiers[0].ranked.size(), 1u);
  EXPECT_EQ(tiers[1].level, "district");
  EXPECT_EQ(tiers[1].unit_type, "cg");
  ASSERT_EQ(tiers[1].ranked.size(), 1u);  // A2区城管局 has 3 < 5 tickets: unranked
  EXPECT_EQ(tiers[1].unranked.size(), 1u);
  EXPECT_EQ(tiers[1].unranked[0].key, "XD.A.A2/cg");
  EXPECT_EQ(tiers[2].unit_type, "zjj");
  ASSERT_EQ(tiers[2].ranked.size(), 2u);
  EXPECT_EQ(tiers[2].ranked[0].metrics.key, "XD.A.A2/zjj");
  EXPECT_EQ(tiers[2].ranked[0].rank, 1);
  EXPECT_EQ(tiers[2].ranked[1].rank, 2);
}

TEST(RankUnits, EqualScoresShareARank) {
  std::vector<Region> regions = {{"XD.A.A1", "A1区", "XD.A", RegionLevel::kDistrict},
                                 {"XD.A.A2", "A2区", "XD.A", RegionLevel::kDistrict},
                                 {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}};
  std::vector<Unit> units = {{"XD.A.A1/cg", "", "cg", "XD.A.A1"},
                             {"XD.A.A2/cg", "", "cg", "XD.A.A2"},
                             {"XD.A.A3/cg", "", "cg", "XD.A.A3"}};
  auto tiers = RankUnits({M("XD.A.A1/cg", 10, 5), M("XD.A.A2/cg", 20, 10), M("XD.A.A3/cg", 10, 2)},
                         units, regions, EvaluationRules{});
  ASSERT_EQ(tiers.size(), 1u);
  ASSERT_EQ(tiers[0].ranked.size(), 3u);
  EXPECT_EQ(tiers[0].ranked[0].metrics.key, "XD.A.A2/cg");  // more tickets first on a tie
  EXPECT_EQ(tiers[0].ranked[0].rank, 1);
  EXPECT_EQ(tiers[0].ranked[1].rank, 1);
  EXPECT_EQ(tiers[0].ranked[2].rank, 3);
}

}  // namespace
}  // namespace lianxin::insight
