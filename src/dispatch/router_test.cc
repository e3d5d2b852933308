#include "dispatch/router.h"

#include <gtest/gtest.h>

namespace lianxin::dispatch {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  RouterTest()
      : router_(
            {{"XD", "西地省", "", RegionLevel::kProvince},
             {"XD.A", "A市", "XD", RegionLevel::kCity},
             {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict},
             {"XD.B", "B市", "XD", RegionLevel::kCity},
             {"XD.B.B1", "B1区", "XD.B", RegionLevel::kDistrict}},
            {{"XD/gov", "西地省人民政府", "gov", "XD"},
             {"XD.A/gov", "A市人民政府", "gov", "XD.A"},
             {"XD.A.A3/gov", "A3区人民政府", "gov", "XD.A.A3"},
             {"XD.B.B1/gov", "B1区人民政府", "gov", "XD.B.B1"},
             {"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"},
             {"XD.A.A3/zjj", "A3区住房和城乡建设局", "zjj", "XD.A.A3"},
             {"XD.A.A3/ga", "A市公安局A3区分局", "ga", "XD.A.A3"},
             {"XD.A/rs", "A市人力资源和社会保障局", "rs", "XD.A"}},
            {{"01", "城乡建设", "", 1},
             {"01.02", "城市建设和市政管理", "01", 2},
             {"01.02.013", "燃气供应", "01.02", 3},
             {"01.02.012", "小区管理", "01.02", 3},
             {"02", "劳动和社会保障", "", 1},
             {"02.01", "社会保险", "02", 2},
             {"09", "环境保护", "", 1}},
            {{"01", "zjj", RegionLevel::kDistrict, ""},
             {"01.02.013", "zjj", RegionLevel::kCity, ""},
             {"01.02.012", "zjj", RegionLevel::kDistrict, ""},
             {"01.02.012", "ga", RegionLevel::kDistrict, "打架 斗殴"},
             {"02", "rs", RegionLevel::kCity, ""}},
            RouterOptions{0.9, {{"02", 0.95}}}) {}
  Router router_;
};

TEST_F(RouterTest, RoutesByCategoryRegionLevelAndRefinement) {
  RouteQuery q;
  q.text = "a3区某小区燃气供应中断三天";
  q.category_scores = {{"01", 0.97}, {"02", 0.02}};
  q.region_code = "XD.A.A3";
  RouteDecision d = router_.Route(q);
  ASSERT_FALSE(d.candidates.empty());
  EXPECT_EQ(d.candidates[0].unit_code, "XD.A/zjj");  // 燃气供应 is handled at city level
  EXPECT_EQ(d.category_code, "01.02.013");
  EXPECT_TRUE(d.automatic);
  EXPECT_NE(d.explanation.find("燃气供应"), std::string::npos);
  EXPECT_NE(d.explanation.find("A市A3区"), std::string::npos);
  EXPECT_NE(d.explanation.find("自动派单"), std::string::npos);
  EXPECT_LE(d.candidates.size(), 3u);
}

TEST_F(RouterTest, KeywordRulesRefineTheUnit) {
  RouteQuery q;
  q.text = "小区管理混乱,有人在小区内打架";
  q.category_scores = {{"01", 0.95}};
  q.region_code = "XD.A.A3";
  RouteDecision d = router_.Route(q);
  EXPECT_EQ(d.candidates[0].unit_code, "XD.A.A3/ga");
  EXPECT_NE(d.candidates[0].rule.find("打架"), std::string::npos);
}

TEST_F(RouterTest, HoldsLowConfidenceAndUnknownPlaces) {
  RouteQuery q;
  q.text = "社保转移";
  q.category_scores = {{"02", 0.93}};  // below the per-category 0.95
  q.region_code = "XD.A.A3";
  RouteDecision d = router_.Route(q);
  EXPECT_FALSE(d.automatic);
  EXPECT_NE(d.hold_reason.find("0.95"), std::string::npos);
  EXPECT_EQ(d.candidates[0].unit_code, "XD.A/rs");

  q.category_scores = {{"01", 0.99}};
  q.region_code = "";
  d = router_.Route(q);
  EXPECT_FALSE(d.automatic);
  EXPECT_EQ(d.hold_reason, "未能识别诉求属地");
}

TEST_F(RouterTest, FallsBackToTheRegionGovernment) {
  RouteQuery q;
  q.text = "河道污染";
  q.category_scores = {{"09", 0.99}};  // no rule for 环境保护
  q.region_code = "XD.B.B1";
  RouteDecision d = router_.Route(q);
  ASSERT_FALSE(d.candidates.empty());
  EXPECT_EQ(d.candidates[0].unit_code, "XD.B.B1/gov");
  EXPECT_NE(d.candidates[0].rule.find("属地兜底"), std::string::npos);
  EXPECT_FALSE(d.automatic);  // a person confirms a fallback
  // With nothing at all, still an owner: the province's government.
  d = router_.Route(RouteQuery{});
  ASSERT_FALSE(d.candidates.empty());
  EXPECT_EQ(d.candidates[0].unit_code, "XD/gov");
  EXPECT_FALSE(d.automatic);
  EXPECT_EQ(router_.CategoryCodeByName("劳动和社会保障"), "02");
  EXPECT_EQ(router_.CategoryCodeByName("不存在"), "");
}

}  // namespace
}  // namespace lianxin::dispatch
