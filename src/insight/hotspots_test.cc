#include "insight/hotspots.h"

#include <gtest/gtest.h>

#include <cmath>

namespace lianxin::insight {
namespace {

const text::Segmenter& Jieba() {
  static const std::unique_ptr<text::Segmenter> seg = [] {
    auto s = text::LoadJiebaSegmenter({});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : text::NewCharSegmenter();
  }();
  return *seg;
}

std::vector<Region> Regions() {
  return {{"XD", "西地省", "", RegionLevel::kProvince},
          {"XD.A", "A市", "XD", RegionLevel::kCity},
          {"XD.A.A2", "A2区", "XD.A", RegionLevel::kDistrict},
          {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}};
}

TEST(Vocabulary, InternsAndCountsDocuments) {
  Vocabulary v;
  EXPECT_EQ(v.Intern("噪音"), 0u);
  EXPECT_EQ(v.Intern("小区"), 1u);
  EXPECT_EQ(v.Intern("噪音"), 0u);
  EXPECT_EQ(v.Token(1), "小区");
  EXPECT_EQ(v.Token(7), "");
  TicketTerms t;
  t.counts = {{"噪音", 2}, {"搅拌站", 1}};
  v.AddDocument(t);
  v.AddDocument(t);
  EXPECT_EQ(v.Count(), 2u);
  EXPECT_EQ(v.DocumentFrequency(0), 2u);
  EXPECT_EQ(v.DocumentFrequency(1), 0u);
  EXPECT_EQ(v.DocumentFrequency(v.Intern("搅拌站")), 2u);
}

TEST(HotspotFeaturizer, ExtractsWordsAndPlace) {
  auto gazetteer = text::Gazetteer::Build(Regions());
  HotspotFeaturizer f(Jieba(), gazetteer.get(), {});
  HotspotInput in;
  in.title = "A2区丽发新城小区附近搅拌站噪音扰民";
  in.body = "搅拌站日夜施工，噪音很大。2019";
  TicketTerms t = f.Extract(in);
  EXPECT_EQ(t.region_code, "XD.A.A2");
  EXPECT_EQ(t.place_name, "A2区");
  std::map<std::string, float> counts(t.counts.begin(), t.counts.end());
  ASSERT_TRUE(counts.count("搅拌站"));
  // Title words weigh title_weight (2), body words 1.
  EXPECT_FLOAT_EQ(counts["搅拌站"], 3.0f);
  EXPECT_FALSE(counts.count("2019"));  // numbers are not topics
  for (const auto& [token, n] : t.counts) EXPECT_GE(token.size(), 2u) << token;
}

TEST(HotspotFeaturizer, WeighsRareTermsHigherAndNormalises) {
  HotspotFeaturizer f(Jieba(), nullptr, {});
  Vocabulary v;
  TicketTerms common;
  common.counts = {{"问题", 1}};
  for (int i = 0; i < 50; ++i) v.AddDocument(common);
  TicketTerms t;
  t.counts = {{"问题", 1}, {"搅拌站", 1}};
  v.AddDocument(t);
  TicketVector vec = f.Weigh(t, v);
  ASSERT_EQ(vec.terms.size(), 2u);
  double norm = 0;
  float rare = 0, frequent = 0;
  for (const auto& [id, w] : vec.terms) {
    norm += w * w;
    (v.Token(id) == "搅拌站" ? rare : frequent) = w;
  }
  EXPECT_NEAR(norm, 1.0, 1e-5);
  EXPECT_GT(rare, 2 * frequent);
}

TEST(HotspotFeaturizer, KeepsAtMostMaxTerms) {
  HotspotOptions o;
  o.max_terms = 3;
  HotspotFeaturizer f(Jieba(), nullptr, o);
  Vocabulary v;
  TicketTerms t;
  t.counts = {{"一一", 1}, {"二二", 2}, {"三三", 3}, {"四四", 4}, {"五五", 5}};
  v.AddDocument(t);
  TicketVector vec = f.Weigh(t, v);
  ASSERT_EQ(vec.terms.size(), 3u);
  for (const auto& [id, w] : vec.terms) EXPECT_NE(v.Token(id), "一一");
}

TEST(HeatIndex, GrowsWithEachInput) {
  Hotspot h;
  h.ticket_ids = {1, 2, 3};
  h.people = 3;
  double base = HeatIndex(h);
  EXPECT_NEAR(base, 10 * (0.30 * std::log(4) + 0.25 * std::log(4)), 1e-9);
  Hotspot more = h;
  more.likes = 100;
  EXPECT_GT(HeatIndex(more), base);
  more = h;
  more.growth = 3;
  EXPECT_GT(HeatIndex(more), base);
  more = h;
  more.growth = 0.2;  // shrinking topics are not penalised below their volume
  EXPECT_DOUBLE_EQ(HeatIndex(more), base);
  more = h;
  more.urgent = 2;
  EXPECT_GT(HeatIndex(more), base);
}

}  // namespace
}  // namespace lianxin::insight
