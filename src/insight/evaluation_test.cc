#include "insight/evaluation.h"

#include <gtest/gtest.h>

#include "insight/evaluation_fixture.h"
#include "testutil/testutil.h"

namespace lianxin::insight {
namespace {

TEST(EvaluationRules, ParsesTheShippedFile) {
  auto r = EvaluationRules::Load(testutil::RepoRoot() + "/data/evaluation/rules.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->exclude_kinds.count(TicketKind::kPraise));
  EXPECT_TRUE(r->exclude_reasons.count("无理诉求"));
  EXPECT_TRUE(r->exclude_statuses.count(TicketStatus::kMerged));
  EXPECT_DOUBLE_EQ(r->basic_satisfied_weight, 0.8);
  EXPECT_DOUBLE_EQ(r->weight_response, 30);
  EXPECT_EQ(r->repeat_window_days, 30);
}

TEST(EvaluationRules, RejectsBadLinesWithTheirNumber) {
  auto unknown = EvaluationRules::Parse("rule,value\nexclude_kind,praise\nfoo,1\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("第 3 行"), std::string::npos);
  EXPECT_FALSE(EvaluationRules::Parse("rule,value\nexclude_kind,gossip\n").ok());
  EXPECT_FALSE(EvaluationRules::Parse("rule,value\nbasic_satisfied_weight,1.5\n").ok());
  EXPECT_FALSE(EvaluationRules::Parse(
                   "rule,value\nweight_response,0\nweight_resolution,0\nweight_satisfaction,0\n")
                   .ok());
  auto ok = EvaluationRules::Parse("rule,value\n# comment\nweight_response,50\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_DOUBLE_EQ(ok->weight_response, 50);
  EXPECT_TRUE(ok->exclude_kinds.empty());  // the file replaces the defaults
}

TEST(Evaluation, DaysInChinaStandardTime) {
  EXPECT_EQ(DayOf(DayStart(20260105)), 20260105);
  EXPECT_EQ(DayOf(DayStart(20260105) - 1), 20260104);
  EXPECT_EQ(DayOf(DayStart(20261231) + kDayMs), 20270101);
  EXPECT_EQ(DayStart(19700101), -8 * kHourMs);
}

TEST(Evaluation, MetricsFromCountersByHand) {
  Counters n{};
  n[kCounted] = 10;
  n[kResponded] = 9;
  n[kRevisited] = 8;
  n[kResolvedSaid] = 6;
  n[kSatisfied] = 5;
  n[kBasic] = 2;
  n[kUnsatisfied] = 1;
  n[kOnTime] = 7;
  n[kOverdue] = 3;
  n[kDispatchedIn] = 12;
  n[kReturned] = 3;
  n[kRedispatched] = 2;
  n[kReopened] = 1;
  n[kExtended] = 4;
  n[kRepeat] = 5;
  EvaluationRules rules;
  Metrics m = ComputeMetrics("u", n, rules);
  EXPECT_DOUBLE_EQ(*m.response, 0.9);
  EXPECT_DOUBLE_EQ(*m.resolution, 0.75);
  EXPECT_DOUBLE_EQ(*m.satisfaction, (5 + 0.8 * 2) / 8.0);  // 0.825
  EXPECT_NEAR(*m.composite, 100 * (0.30 * 0.9 + 0.35 * 0.75 + 0.35 * 0.825), 1e-9);  // 82.125
  EXPECT_DOUBLE_EQ(*m.on_time, 0.7);
  EXPECT_DOUBLE_EQ(*m.return_rate, 0.25);
  EXPECT_DOUBLE_EQ(*m.redispatch_rate, 0.2);
  EXPECT_DOUBLE_EQ(*m.reopen_rate, 0.1);
  EXPECT_DOUBLE_EQ(*m.extension_rate, 0.4);
  EXPECT_DOUBLE_EQ(*m.repeat_rate, 0.5);
  EXPECT_EQ(m.overdue, 3);

  // No revisits yet: 解决率 and 满意率 are unknown, the composite uses 响应率 alone.
  Counters fresh{};
  fresh[kCounted] = 4;
  fresh[kResponded] = 1;
  Metrics f = ComputeMetrics("u", fresh, rules);
  EXPECT_FALSE(f.resolution.has_value());
  EXPECT_FALSE(f.satisfaction.has_value());
  EXPECT_DOUBLE_EQ(*f.composite, 25.0);
  EXPECT_FALSE(ComputeMetrics("u", Counters{}, rules).response.has_value());
}

TEST(Evaluation, ContributionRoundTripsAndFeedsEveryLevel) {
  Contribution c;
  c.day = 20260105;
  c.owner = "XD.A.A3/zjj";
  c.region_code = "XD.A.A3";
  c.category_code = "01.02.003";
  c.repeat = true;
  c.ticket[kCounted] = 1;
  c.ticket[kRepeat] = 1;
  Counters other{};
  other[kDispatchedIn] = 1;
  other[kReturned] = 1;
  c.units = {{"XD.A.A3/cg", other}, {"XD.A.A3/zjj", c.ticket}};
  auto back = Contribution::Decode(c.Encode());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->Encode(), c.Encode());
  EXPECT_TRUE(back->repeat);
  EXPECT_EQ(back->units[0].second[kReturned], 1);
  EXPECT_FALSE(Contribution::Decode("2026|x").ok());
  EXPECT_FALSE(Contribution::Decode("20260105|r|c|o|0|1,2").ok());

  CellMap cells;
  AddCells(c, +1, cells);
  // 3 grains × (2 units + 3 region levels + 3 category levels).
  EXPECT_EQ(cells.size(), 3u * (2 + 3 + 3));
  EXPECT_EQ(cells.at("m|region|202601|XD.A").n[kCounted], 1);
  EXPECT_EQ(cells.at("y|category|2026|01.02").n[kRepeat], 1);
  EXPECT_EQ(cells.at("d|unit|20260105|XD.A.A3/cg").n[kReturned], 1);
  AddCells(c, -1, cells);
  for (const auto& [id, cell] : cells) {
    for (int64_t v : cell.n) EXPECT_EQ(v, 0) << id;
  }
}

// The fixture's tickets one by one (see evaluation_fixture.h).
TEST(Evaluation, ContributionsOfTheFixtureByHand) {
  testutil::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File("e.db"));
  ASSERT_TRUE(store.ok());
  testing::BuildFixture(**store);
  auto all = (*store)->ListTicketsWithEvents(0, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 6u);
  EvaluationRules rules;
  auto contrib = [&](int i, bool repeat) {
    const auto& item = (*all)[i];
    return Contribute(item.ticket, item.events, rules, testing::FixtureNow(), repeat);
  };
  Contribution t1 = contrib(0, false);
  EXPECT_EQ(t1.owner, testing::kU1);
  EXPECT_EQ(t1.day, 20260105);
  Counters want1{};
  for (Counter k : {kCounted, kResponded, kRevisited, kResolvedSaid, kSatisfied, kOnTime,
                    kDispatchedIn}) {
    want1[k] = 1;
  }
  EXPECT_EQ(t1.ticket, want1);
  ASSERT_EQ(t1.units.size(), 1u);

  Contribution t2 = contrib(1, true);
  EXPECT_EQ(t2.owner, testing::kU1);
  EXPECT_EQ(t2.ticket[kResponded], 0);  // contacted after the deadline
  EXPECT_EQ(t2.ticket[kOnTime], 0);
  EXPECT_EQ(t2.ticket[kOverdue], 1);
  EXPECT_EQ(t2.ticket[kBasic], 1);
  EXPECT_EQ(t2.ticket[kResolvedSaid], 0);
  EXPECT_EQ(t2.ticket[kReopened], 1);
  EXPECT_EQ(t2.ticket[kRedispatched], 1);
  EXPECT_EQ(t2.ticket[kReturned], 1);
  EXPECT_EQ(t2.ticket[kRepeat], 1);
  ASSERT_EQ(t2.units.size(), 2u);  // U2 (returned it) and U1 (the owner), in code order
  EXPECT_EQ(t2.units[0].first, testing::kU2);
  EXPECT_EQ(t2.units[0].second[kReturned], 1);
  EXPECT_EQ(t2.units[0].second[kCounted], 0);
  EXPECT_EQ(t2.units[1].second[kReturned], 0);
  EXPECT_EQ(t2.units[1].second[kCounted], 1);

  Contribution t3 = contrib(2, false);
  EXPECT_EQ(t3.ticket[kExcluded], 1);
  EXPECT_EQ(t3.ticket[kCounted], 0);
  EXPECT_EQ(t3.day, 20260210);

  Contribution t4 = contrib(3, true);
  EXPECT_EQ(t4.ticket[kResponded], 1);
  EXPECT_EQ(t4.ticket[kExtended], 1);
  EXPECT_EQ(t4.ticket[kOverdue], 1);  // open past its extended deadline at `now`
  EXPECT_EQ(t4.ticket[kOnTime], 0);
  Contribution t4_early = Contribute((*all)[3].ticket, (*all)[3].events, rules,
                                     testing::T0() + 10 * kDayMs, true);
  EXPECT_EQ(t4_early.ticket[kOverdue], 0);  // within the extended deadline

  EXPECT_TRUE(contrib(4, true).owner.empty());  // resolved at intake: not evaluated
  Contribution t6 = contrib(5, true);
  EXPECT_EQ(t6.ticket[kExcluded], 1);
  EXPECT_EQ(t6.ticket[kCounted], 0);
}

}  // namespace
}  // namespace lianxin::insight
