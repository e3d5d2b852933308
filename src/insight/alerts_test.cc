#include "insight/alerts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace lianxin::insight {
namespace {

TEST(UpperTail, MatchesPoissonAndNegativeBinomial) {
  EXPECT_DOUBLE_EQ(UpperTail(0, 2, 2), 1);
  EXPECT_NEAR(UpperTail(1, 1, 1), 1 - std::exp(-1), 1e-12);
  EXPECT_NEAR(UpperTail(3, 1, 1), 1 - std::exp(-1) * 2.5, 1e-12);
  // Overdispersion fattens the tail.
  EXPECT_GT(UpperTail(10, 3, 9), UpperTail(10, 3, 3));
  // NB(r = 1) is geometric: P(X >= k) = (1-p)^k with p = r / (r + mean).
  EXPECT_NEAR(UpperTail(4, 2, 6), std::pow(2.0 / 3, 4), 1e-12);
}

TEST(CstDay, CountsChinaStandardDays) {
  EXPECT_EQ(CstDay(*ParseTime("1970-01-01 00:00:00")), 0);
  EXPECT_EQ(CstDay(*ParseTime("1970-01-02 07:59:59")), 1);
  EXPECT_EQ(CstDay(*ParseTime("2019-11-02 23:59:59")) - CstDay(*ParseTime("2019-11-02 00:00:00")), 0);
}

CountSeries Steady(int days, int level) {
  CountSeries s;
  s.key = "k";
  std::mt19937 rng(7);
  std::poisson_distribution<int> d(level);
  for (int i = 0; i < days; ++i) s.counts.push_back(d(rng));
  return s;
}

TEST(CheckDay, FlagsABurstAndExplainsIt) {
  CountSeries s = Steady(120, 10);
  s.counts[100] = 40;
  SeriesCheck c = CheckDay(s, 100, {});
  EXPECT_TRUE(c.alert);
  EXPECT_EQ(c.seen, 40);
  EXPECT_NEAR(c.expected, 10, 3);
  EXPECT_LT(c.p_value, 1e-6);
  EXPECT_EQ(c.day, 100);
  EXPECT_FALSE(CheckDay(s, 101, {}).alert);
  // Too little history: no judgement.
  EXPECT_FALSE(CheckDay(s, 20, {}).alert);
  EXPECT_EQ(CheckDay(s, 20, {}).p_value, 1);
}

TEST(CheckDay, FewFalseAlarmsOnASteadySeries) {
  CountSeries s = Steady(2000, 10);
  size_t alerts = ScanSeries(s, 60, {}).size();
  EXPECT_LE(alerts, 10u);  // alpha = 1e-3 over 1,940 days: ~2 expected
}

TEST(CheckDay, WeeklySeasonalityIsExpected) {
  CountSeries s;
  for (int i = 0; i < 140; ++i) s.counts.push_back(i % 7 == 0 ? 30 : 5);
  SeriesCheck monday = CheckDay(s, 133, {});
  EXPECT_DOUBLE_EQ(monday.expected, 30);
  EXPECT_FALSE(monday.alert);
  s.counts[134] = 30;  // the same level on a quiet weekday is a departure
  EXPECT_TRUE(CheckDay(s, 134, {}).alert);
}

TEST(CheckDay, YearlySeasonalityRaisesTheExpectation) {
  // Level 5, but 20 for four weeks each "winter" (days 300..327 and 664..691).
  CountSeries s;
  for (int i = 0; i < 700; ++i) {
    bool winter = (i >= 300 && i < 328) || (i >= 664 && i < 692);
    s.counts.push_back(winter ? 20 : 5);
  }
  SeriesCheck c = CheckDay(s, 666, {});
  EXPECT_GT(c.expected, 10);  // last year's rise is foreseen
  EXPECT_FALSE(c.alert);
}

TEST(CheckDay, TwoUnusualDaysTogetherAlert) {
  CountSeries s;
  s.counts.assign(98, 10);
  s.counts.push_back(21);  // day 98: unusual, not enough alone
  s.counts.push_back(22);  // day 99: the same; the two together are far beyond 2 × 10
  SeriesCheck first = CheckDay(s, 98, {});
  EXPECT_FALSE(first.alert);
  EXPECT_LT(first.p_value, 0.1);
  SeriesCheck second = CheckDay(s, 99, {});
  EXPECT_GT(second.p_value, AlertOptions().alpha / 2);  // the day alone would not alert
  EXPECT_TRUE(second.alert);
  EXPECT_EQ(second.window, 2);
  EXPECT_LT(second.window_p_value, AlertOptions().alpha / 2);
  AlertOptions single;
  single.window_days = 1;
  EXPECT_FALSE(CheckDay(s, 99, single).alert);
}

TEST(CheckDay, OverdispersedHistoryWidensTheTail) {
  // Same mean (10) and the same day of 30, after a calm and after a jumpy baseline.
  CountSeries calm, jumpy;
  for (int i = 0; i < 98; ++i) {
    calm.counts.push_back(10);
    jumpy.counts.push_back(i % 2 == 0 ? 3 : 17);  // weekday means stay 10, residuals large
  }
  calm.counts.push_back(30);
  jumpy.counts.push_back(30);
  SeriesCheck a = CheckDay(calm, 98, {});
  SeriesCheck b = CheckDay(jumpy, 98, {});
  EXPECT_NEAR(a.expected, 10, 1e-9);
  EXPECT_NEAR(b.expected, 10, 1e-9);
  EXPECT_TRUE(a.alert);
  EXPECT_FALSE(b.alert);
  EXPECT_GT(b.p_value, 100 * a.p_value);
}

TEST(SeasonalRisks, AnnouncesLastYearsRiseAhead) {
  CountSeries heating;
  heating.key = "供暖|XD.A";
  CountSeries flat;
  flat.key = "交通|XD.A";
  for (int i = 0; i < 800; ++i) {
    heating.counts.push_back(i >= 400 && i < 430 ? 12 : 1);
    flat.counts.push_back(3);
  }
  auto risks = SeasonalRisks({heating, flat}, 400 + 365);
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].key, "供暖|XD.A");
  EXPECT_DOUBLE_EQ(risks[0].last_year, 360);
  EXPECT_GT(risks[0].ratio, 5);
  EXPECT_TRUE(SeasonalRisks({heating, flat}, 200 + 365).empty());
}

TEST(FindRiskyWords, FindsEachCategoryOnce) {
  auto hits = FindRiskyWords("楼道里有燃气泄漏的味道，老房子墙体开裂快要倒塌了，倒塌！");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].category, "坍塌");
  EXPECT_EQ(hits[0].word, "倒塌");
  EXPECT_EQ(hits[1].category, "燃气");
  EXPECT_EQ(FindRiskyWords("工资拖欠三个月，实在活不下去了")[0].category, "自伤");
  EXPECT_EQ(FindRiskyWords("幾十人集體上訪")[0].category, "群体事件");  // traditional script
  EXPECT_TRUE(FindRiskyWords("咨询公积金贷款额度").empty());
}

// One pass over the text finds what a search per word finds: words sharing a first
// character (燃气泄漏, 燃气爆炸, 燃气味), a word at the very start or end, and within a
// category the word listed first wins, wherever it stands in the text.
TEST(FindRiskyWords, SamePrefixStartEndAndListOrder) {
  auto hits = FindRiskyWords("爆炸了，闻到燃气味");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].word, "燃气味");  // listed before 爆炸
  hits = FindRiskyWords("燃气爆炸");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].word, "燃气爆炸");
  hits = FindRiskyWords("跳楼");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].word, "跳楼");
  hits = FindRiskyWords("有人拉横幅围堵，还说要自杀，楼是危房，有安全隐患");
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].word, "安全隐患");
  EXPECT_EQ(hits[1].word, "危房");
  EXPECT_EQ(hits[2].word, "自杀");
  EXPECT_EQ(hits[3].word, "围堵");  // listed before 拉横幅
  EXPECT_TRUE(FindRiskyWords("燃").empty());
  EXPECT_TRUE(FindRiskyWords("").empty());
}

}  // namespace
}  // namespace lianxin::insight
