#include "insight/rollup.h"

#include <gtest/gtest.h>

#include "insight/evaluation_fixture.h"
#include "testutil/testutil.h"

namespace lianxin::insight {
namespace {

using testing::kU1;
using testing::kU2;

class RollupUpdaterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("r.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
  }
  const Metrics* Find(const std::vector<Metrics>& all, const std::string& key) {
    for (const Metrics& m : all) {
      if (m.key == key) return &m;
    }
    return nullptr;
  }
  // Every cell, per grain and dimension and period, as text (for equality).
  std::string Dump() {
    std::string out;
    for (const char* dim : {"unit", "region", "category"}) {
      for (int64_t day = 20260101; day <= 20260331; day = DayOf(DayStart(day) + kDayMs)) {
        auto cells = store_->SumRollups("d", dim, day, day);
        for (const auto& c : *cells) {
          out += std::to_string(day) + dim + c.key + ":";
          for (int64_t v : c.n) out += std::to_string(v) + ",";
          out += "\n";
        }
      }
      for (const char* grain : {"m", "y"}) {
        auto cells = store_->SumRollups(grain, dim, 0, 99999999);
        for (const auto& c : *cells) {
          out += std::string(grain) + dim + c.key + ":";
          for (int64_t v : c.n) out += std::to_string(v) + ",";
          out += "\n";
        }
      }
    }
    return out;
  }

  testutil::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  FakeClock clock_{testing::FixtureNow()};
  EvaluationRules rules_;
};

TEST_F(RollupUpdaterTest, JanuaryFiguresByHand) {
  testing::BuildFixture(*store_);
  RollupUpdater updater(*store_, rules_, clock_);
  auto n = updater.CatchUp();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_GT(*n, 20);
  EXPECT_EQ(*updater.Step(), 0);  // caught up

  auto units = QueryMetrics(*store_, rules_, "unit", {20260101, 20260131});
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  const Metrics* u1 = Find(*units, kU1);
  ASSERT_NE(u1, nullptr);
  // U1 in January: t1, t2, t4 count; t6 excluded (无理诉求); t3 is February.
  EXPECT_EQ(u1->n[kCounted], 3);
  EXPECT_EQ(u1->n[kExcluded], 1);
  EXPECT_DOUBLE_EQ(*u1->response, 2.0 / 3);      // t1, t4 (t2 contacted late)
  EXPECT_DOUBLE_EQ(*u1->resolution, 1.0 / 2);    // revisited t1 (resolved), t2 (not)
  EXPECT_DOUBLE_EQ(*u1->satisfaction, 0.9);      // (满意 + 0.8 × 基本满意) / 2
  EXPECT_NEAR(*u1->composite, 69.0, 1e-9);       // 30·2/3 + 35·0.5 + 35·0.9
  EXPECT_DOUBLE_EQ(*u1->on_time, 1.0 / 3);       // t1
  EXPECT_EQ(u1->overdue, 2);                     // t2 resolved late, t4 open past due
  EXPECT_DOUBLE_EQ(*u1->return_rate, 0.0);
  EXPECT_DOUBLE_EQ(*u1->redispatch_rate, 1.0 / 3);  // t2
  EXPECT_DOUBLE_EQ(*u1->reopen_rate, 1.0 / 3);      // t2
  EXPECT_DOUBLE_EQ(*u1->extension_rate, 1.0 / 3);   // t4
  EXPECT_DOUBLE_EQ(*u1->repeat_rate, 2.0 / 3);      // t2, t4 follow t1 in place and matter
  const Metrics* u2 = Find(*units, kU2);
  ASSERT_NE(u2, nullptr);
  EXPECT_EQ(u2->n[kCounted], 0);
  EXPECT_EQ(u2->n[kDispatchedIn], 1);
  EXPECT_DOUBLE_EQ(*u2->return_rate, 1.0);
  EXPECT_FALSE(u2->response.has_value());

  auto regions = QueryMetrics(*store_, rules_, "region", {20260101, 20260131});
  ASSERT_TRUE(regions.ok());
  for (const char* r : {"XD", "XD.A", "XD.A.A3"}) {
    const Metrics* m = Find(*regions, r);
    ASSERT_NE(m, nullptr) << r;
    EXPECT_EQ(m->n[kCounted], 3);
    EXPECT_EQ(m->n[kReturned], 1);  // t2 had a return asked
    EXPECT_DOUBLE_EQ(*m->return_rate, 1.0 / 3);
  }
  auto categories = QueryMetrics(*store_, rules_, "category", {20260105, 20260105});
  ASSERT_EQ(categories->size(), 3u);  // 01, 01.02, 01.02.003

  // January to March: t3 (praise) adds an exclusion, nothing else.
  auto quarter = QueryMetrics(*store_, rules_, "unit", {20260101, 20260331});
  EXPECT_EQ(Find(*quarter, kU1)->n[kExcluded], 2);
  EXPECT_EQ(Find(*quarter, kU1)->n[kCounted], 3);
  // A period that cuts months: Jan 5 (days) .. Feb 9 (days) sees January's tickets only.
  auto cut = QueryMetrics(*store_, rules_, "unit", {20260105, 20260209});
  EXPECT_EQ(Find(*cut, kU1)->n[kExcluded], 1);
  auto none = QueryMetrics(*store_, rules_, "unit", {20260106, 20260209});
  EXPECT_TRUE(none->empty());
}

TEST_F(RollupUpdaterTest, IncrementalEqualsRebuild) {
  testing::BuildFixture(*store_);
  RollupUpdater updater(*store_, rules_, clock_);
  // Consume in small batches, as the background job does.
  for (;;) {
    auto n = updater.Step(3);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    if (*n == 0) break;
  }
  // More happens: t4 is resolved, t2 is redispatched after its reopen.
  testing::HistoryBuilder h(*store_);
  auto t4 = store_->GetTicket(4);
  h.Step(*t4, EventType::kResolve, testing::T0() + 20 * kDayMs, kU1);
  auto t2 = store_->GetTicket(2);
  h.Step(*t2, EventType::kRedispatch, testing::T0() + 21 * kDayMs, kU2);
  ASSERT_TRUE(updater.CatchUp().ok());
  std::string incremental = Dump();
  auto after = QueryMetrics(*store_, rules_, "unit", {20260101, 20260131});
  EXPECT_EQ(Find(*after, kU1)->n[kCounted], 2);  // t2 moved to U2
  EXPECT_EQ(Find(*after, kU2)->n[kCounted], 1);

  auto scanned = updater.Rebuild();
  ASSERT_TRUE(scanned.ok()) << scanned.status().ToString();
  EXPECT_EQ(*scanned, 6);
  EXPECT_EQ(Dump(), incremental);
  EXPECT_FALSE(incremental.empty());
  // After the rebuild the cursor is at the newest event: nothing to do.
  EXPECT_EQ(*updater.Step(), 0);
}

// One step over many new tickets reads them as a dense run of ids (one
// ListTicketsWithEvents), later steps over scattered ones one by one; both give
// the cells a rebuild gives.
TEST_F(RollupUpdaterTest, DenseAndScatteredBatchesEqualRebuild) {
  for (int i = 0; i < 4; ++i) testing::BuildFixture(*store_);  // tickets 1..24
  RollupUpdater updater(*store_, rules_, clock_);
  auto n = updater.Step(2000);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*updater.Step(), 0);  // all in one step
  testing::HistoryBuilder h(*store_);
  for (TicketId id : {4, 22}) {  // far apart: read one by one
    auto t = store_->GetTicket(id);
    h.Step(*t, EventType::kResolve, testing::T0() + 20 * kDayMs, kU1);
  }
  ASSERT_TRUE(updater.CatchUp().ok());
  std::string incremental = Dump();
  auto jan = QueryMetrics(*store_, rules_, "unit", {20260101, 20260131});
  EXPECT_EQ(Find(*jan, kU1)->n[kCounted], 4 * 3);  // 3 per fixture counted for U1 in January
  ASSERT_TRUE(updater.Rebuild().ok());
  EXPECT_EQ(Dump(), incremental);
}

TEST_F(RollupUpdaterTest, ReplayAfterACrashChangesNothing) {
  testing::BuildFixture(*store_);
  RollupUpdater updater(*store_, rules_, clock_);
  ASSERT_TRUE(updater.CatchUp().ok());
  std::string once = Dump();
  // A second process with its own updater finds nothing new to apply.
  RollupUpdater other(*store_, rules_, clock_);
  EXPECT_EQ(*other.CatchUp(), 0);
  EXPECT_EQ(Dump(), once);
  // An unfinished rebuild (cursor -1) blocks incremental steps.
  ASSERT_TRUE(store_->ResetRollups(kEvaluationCursor, -1).ok());
  EXPECT_EQ(updater.Step().status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(updater.Rebuild().ok());
  EXPECT_EQ(Dump(), once);
}

TEST(RollupQuery, RejectsBadPeriods) {
  EXPECT_EQ(CheckDayRange({20260231, 20260301}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckDayRange({20260301, 20260201}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckDayRange({2026, 20260201}).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckDayRange({20260101, 20261231}).ok());
}

}  // namespace
}  // namespace lianxin::insight
