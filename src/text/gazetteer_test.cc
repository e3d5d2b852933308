#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "testutil/testutil.h"
#include "text/text.h"

namespace lianxin::text {
namespace {

Region R(std::string code, std::string name, std::string parent, RegionLevel level) {
  return Region{std::move(code), std::move(name), std::move(parent), level};
}

// A slice of the demo province, plus a town name that occurs twice.
std::vector<Region> SmallTree() {
  using L = RegionLevel;
  return {R("XD", "西地省", "", L::kProvince),
          R("XD.A", "A市", "XD", L::kCity),
          R("XD.A.A3", "A3区", "XD.A", L::kDistrict),
          R("XD.A.A7", "A7县", "XD.A", L::kDistrict),
          R("XD.A.A7.CG", "城关镇", "XD.A.A7", L::kStreet),
          R("XD.B", "B市", "XD", L::kCity),
          R("XD.B.B1", "B1区", "XD.B", L::kDistrict),
          R("XD.K", "K市", "XD", L::kCity),
          R("XD.K.K6", "K6县", "XD.K", L::kDistrict),
          R("XD.K.K6.CG", "城关镇", "XD.K.K6", L::kStreet)};
}

class GazetteerTest : public ::testing::Test {
 protected:
  std::unique_ptr<Gazetteer> gaz_ = Gazetteer::Build(SmallTree());

  std::vector<std::string> Codes(std::string_view text) const {
    std::vector<std::string> codes;
    for (const PlaceMention& m : gaz_->Find(text)) codes.push_back(m.region_code);
    return codes;
  }
};

TEST_F(GazetteerTest, CityThenDistrict) {
  std::string text = "A市A3区大道西行便道";
  auto mentions = gaz_->Find(text);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].region_code, "XD.A");
  EXPECT_EQ(mentions[0].name, "A市");
  EXPECT_EQ(mentions[0].begin, 0u);
  EXPECT_EQ(mentions[0].end, 4u);
  EXPECT_EQ(mentions[1].region_code, "XD.A.A3");
  EXPECT_EQ(mentions[1].name, "A3区");
  EXPECT_EQ(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin), "A3区");
  EXPECT_EQ(gaz_->Locate(text), "XD.A.A3");
}

TEST_F(GazetteerTest, BareDistrictResolvesWhenUnique) {
  EXPECT_EQ(gaz_->Locate("A3区的路灯不亮"), "XD.A.A3");
  EXPECT_EQ(gaz_->Locate("K6县某小学收费"), "XD.K.K6");
  EXPECT_EQ(Codes("K6县"), std::vector<std::string>{"XD.K.K6"});
}

TEST_F(GazetteerTest, NoPlaceGivesEmpty) {
  EXPECT_TRUE(gaz_->Find("小区停车难").empty());
  EXPECT_EQ(gaz_->Locate("小区停车难"), "");
  EXPECT_EQ(gaz_->Locate(""), "");
}

TEST_F(GazetteerTest, ProvinceFullAndShortForm) {
  EXPECT_EQ(Codes("西地省人民政府"), std::vector<std::string>{"XD"});
  EXPECT_EQ(Codes("问政西地"), std::vector<std::string>{"XD"});
  // "A市" has no short form: a bare letter is not a place.
  EXPECT_TRUE(Codes("A级景区").empty());
}

TEST_F(GazetteerTest, MatchesNormalisedAndFullWidthText) {
  EXPECT_EQ(Codes("a市a3区"), (std::vector<std::string>{"XD.A", "XD.A.A3"}));
  EXPECT_EQ(Codes("Ａ市Ａ３区"), (std::vector<std::string>{"XD.A", "XD.A.A3"}));
  EXPECT_EQ(gaz_->Locate(Normalize("Ａ市Ａ３區")), "XD.A.A3");
}

TEST_F(GazetteerTest, AsciiNamesNeedABoundary) {
  EXPECT_TRUE(Codes("XA3区").empty());
  EXPECT_TRUE(Codes("2A3区").empty());
  EXPECT_EQ(Codes("在A3区"), std::vector<std::string>{"XD.A.A3"});
}

TEST_F(GazetteerTest, LongestMatchWins) {
  // "A3区" rather than nothing after "A": the trie walks to the longest name.
  EXPECT_EQ(Codes("A3区A7县"), (std::vector<std::string>{"XD.A.A3", "XD.A.A7"}));
}

TEST_F(GazetteerTest, RepeatedNameResolvedByContext) {
  EXPECT_EQ(Codes("K6县城关镇"), (std::vector<std::string>{"XD.K.K6", "XD.K.K6.CG"}));
  EXPECT_EQ(Codes("A7县城关镇"), (std::vector<std::string>{"XD.A.A7", "XD.A.A7.CG"}));
  EXPECT_EQ(gaz_->Locate("K市K6县城关镇中学"), "XD.K.K6.CG");
  // Without context: what both candidates share.
  EXPECT_EQ(Codes("城关镇"), std::vector<std::string>{"XD"});
}

TEST_F(GazetteerTest, LocatePrefersTheBestSupportedChain) {
  EXPECT_EQ(gaz_->Locate("A市A3区的居民到B市办事"), "XD.A.A3");
  EXPECT_EQ(gaz_->Locate("B市有人说A3区"), "XD.A.A3");  // deeper wins a tie of support
  EXPECT_EQ(gaz_->Locate("A3区和B1区"), "XD.A.A3");     // then the first mention
  EXPECT_EQ(gaz_->Locate("西地省B市"), "XD.B");
}

TEST_F(GazetteerTest, RealPlacesHaveCnCodes) {
  EXPECT_EQ(Codes("我从湖南省长沙市来"), (std::vector<std::string>{"CN.43", "CN.43.01"}));
  EXPECT_EQ(gaz_->Locate("我从湖南省长沙市来"), "CN.43.01");
  EXPECT_EQ(Codes("广西和内蒙古"), (std::vector<std::string>{"CN.45", "CN.15"}));
  EXPECT_EQ(Codes("北京"), std::vector<std::string>{"CN.11"});
  EXPECT_EQ(Codes("長沙"), std::vector<std::string>{"CN.43.01"});  // traditional
  EXPECT_EQ(Codes("深圳市南山"), std::vector<std::string>{"CN.44.03"});
}

TEST_F(GazetteerTest, ShortFormsOfRealPlacesSkipTownAndStreetNames) {
  EXPECT_TRUE(Codes("G7县西安镇磨子村").empty());
  EXPECT_TRUE(Codes("长春路口").empty());
  EXPECT_EQ(Codes("去西安出差"), std::vector<std::string>{"CN.61.01"});
}

TEST_F(GazetteerTest, TreePlacesBeatRealPlaces) {
  EXPECT_EQ(gaz_->Locate("北京来的游客在A3区迷路"), "XD.A.A3");
  EXPECT_EQ(gaz_->Locate("A市的人在北京"), "XD.A");
}

TEST(Gazetteer, TreeNameShadowsTheRealPlaceList) {
  using L = RegionLevel;
  auto gaz = Gazetteer::Build({R("HN", "湖南省", "", L::kProvince),
                               R("HN.CS", "长沙市", "HN", L::kCity),
                               R("HN.CS.CSX", "长沙县", "HN.CS", L::kDistrict),
                               R("HN.XX", "湘西土家族苗族自治州", "HN", L::kCity)});
  auto codes = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& m : gaz->Find(text)) out.push_back(m.region_code);
    return out;
  };
  EXPECT_EQ(codes("湖南省长沙市"), (std::vector<std::string>{"HN", "HN.CS"}));
  EXPECT_EQ(codes("长沙县"), std::vector<std::string>{"HN.CS.CSX"});
  EXPECT_EQ(codes("长沙"), std::vector<std::string>{"HN.CS"});  // the city, not the county
  EXPECT_EQ(codes("湖南"), std::vector<std::string>{"HN"});
  EXPECT_EQ(codes("湘西"), std::vector<std::string>{"HN.XX"});
}

TEST(Gazetteer, EmptyRegionList) {
  auto gaz = Gazetteer::Build({});
  EXPECT_TRUE(gaz->Find("A市A3区").empty());
  EXPECT_EQ(gaz->Locate("湖南省"), "CN.43");
}

// The demo province from data/demo/regions.csv: every uniquely named region is
// found by its own name, and city + district resolve to the district.
TEST(Gazetteer, DemoRegions) {
  std::ifstream in(testutil::RepoRoot() + "/data/demo/regions.csv");
  if (!in) GTEST_SKIP() << "data/demo/regions.csv not present";
  std::vector<Region> regions;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, ',');) f.push_back(field);
    if (f.size() < 4) continue;
    auto level = ParseRegionLevel(f[3]);
    ASSERT_TRUE(level.has_value()) << line;
    regions.push_back({f[0], f[1], f[2], *level});
  }
  ASSERT_GT(regions.size(), 10u);
  auto gaz = Gazetteer::Build(regions);
  std::map<std::string, int> name_count;
  for (const Region& r : regions) ++name_count[r.name];
  int checked = 0;
  for (const Region& r : regions) {
    if (name_count[r.name] != 1) continue;
    EXPECT_EQ(gaz->Locate(r.name), r.code) << r.name;
    ++checked;
  }
  EXPECT_GT(checked, 10);
  EXPECT_EQ(gaz->Locate("A市A3区"), "XD.A.A3");
  EXPECT_EQ(gaz->Locate("K6县"), "XD.K.K6");
}

}  // namespace
}  // namespace lianxin::text
