#include "service/simulate.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

class SimulateYearTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("s.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(LoadDemoProvince(*svc_, testutil::RepoRoot() + "/data/demo").ok());
  }
  std::vector<SampleText> Texts() {
    return {{"小区夜间施工噪音扰民", "某小区工地夜间施工，噪音很大。", "城乡建设"},
            {"孩子入学问题咨询", "请问外地户籍孩子如何办理入学？", "教育文体"},
            {"拖欠工资", "公司拖欠三个月工资，请求帮助。", "劳动和社会保障"}};
  }
  testutil::TempDir dir_;
  FakeClock clock_{1798732800000};  // 2027-01-01
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
};

TEST_F(SimulateYearTest, AYearOfLegalHistories) {
  SimulationOptions opt;
  opt.tickets = 3000;
  opt.batch = 700;
  auto r = SimulateYear(*svc_, Texts(), opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tickets, 3000);
  EXPECT_EQ(store_->Stats()->tickets, 3000);
  EXPECT_EQ(store_->Stats()->events, r->events);
  // The mix is realistic, not degenerate.
  EXPECT_GT(r->dispatched, 2000);
  EXPECT_GT(r->returned, 50);
  EXPECT_GT(r->extended, 30);
  EXPECT_GT(r->revisited, 1500);
  EXPECT_GT(r->reopened, 100);
  EXPECT_GT(r->open_at_year_end, 0);
  // Every ticket falls in the year, with the summer busier than February.
  auto keys = store_->ListTicketKeys(0, 10000);
  int64_t feb = 0, jul = 0;
  for (const auto& k : *keys) {
    std::string day = FormatDayCst(k.created_at);
    EXPECT_EQ(day.substr(0, 4), "2026");
    feb += day.substr(4, 2) == "02";
    jul += day.substr(4, 2) == "07";
  }
  EXPECT_GT(jul, feb * 14 / 10);
  // Evaluation over the year: rollups from a rebuild.
  auto scanned = svc_->RebuildRollups(Actor::System());
  ASSERT_TRUE(scanned.ok()) << scanned.status().ToString();
  EXPECT_EQ(*scanned, 3000);
  auto region = svc_->EvaluationRates(Actor::System(), "region", {20260101, 20261231});
  ASSERT_TRUE(region.ok());
  ASSERT_FALSE(region->empty());
  EXPECT_EQ(region->front().key, "XD");
  EXPECT_GT(*region->front().response, 0.5);
  EXPECT_LT(*region->front().response, 1.0);
  EXPECT_GT(*region->front().satisfaction, 0.5);
  EXPECT_GT(region->front().overdue, 0);
}

TEST_F(SimulateYearTest, SameSeedSameYear) {
  SimulationOptions opt;
  opt.tickets = 200;
  ASSERT_TRUE(SimulateYear(*svc_, Texts(), opt).ok());
  testutil::TempDir other;
  auto s2 = store::OpenSqliteStore(other.File("s.db"));
  Service svc2(**s2, clock_);
  ASSERT_TRUE(LoadDemoProvince(svc2, testutil::RepoRoot() + "/data/demo").ok());
  ASSERT_TRUE(SimulateYear(svc2, Texts(), opt).ok());
  auto a = store_->ListTicketsWithEvents(0, 1000);
  auto b = (*s2)->ListTicketsWithEvents(0, 1000);
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].ticket.number, (*b)[i].ticket.number);
    EXPECT_EQ((*a)[i].ticket.status, (*b)[i].ticket.status);
    EXPECT_EQ((*a)[i].events.size(), (*b)[i].events.size());
  }
}

TEST_F(SimulateYearTest, RefusesWithoutAProvinceOrTexts) {
  EXPECT_EQ(SimulateYear(*svc_, {}, SimulationOptions{}).status().code(),
            StatusCode::kFailedPrecondition);
  testutil::TempDir empty;
  auto s2 = store::OpenSqliteStore(empty.File("e.db"));
  Service bare(**s2, clock_);
  EXPECT_EQ(SimulateYear(bare, Texts(), SimulationOptions{}).status().code(),
            StatusCode::kFailedPrecondition);
  SimulationOptions zero;
  zero.tickets = 0;
  EXPECT_EQ(SimulateYear(*svc_, Texts(), zero).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::service
