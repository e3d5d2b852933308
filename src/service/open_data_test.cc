// Open data: anonymised tickets, public statistics and rankings.
#include <gtest/gtest.h>

#include "service/service.h"
#include "testutil/pii_scan.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST
constexpr TimeMs kDay = 24 * kHourMs;

class OpenDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("s.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict},
                                    {"XD.A.A3.S1", "东风街道", "XD.A.A3", RegionLevel::kStreet}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD.A.A3/zjj", "A3区住房和城乡建设局", "zjj", "XD.A.A3"},
                                  {"XD.A.A3/cg", "A3区城市管理局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(store_->PutCategories({{"01", "城乡建设", "", 1}, {"01.01", "安全生产", "01", 2},
                                       {"02", "环境保护", "", 1}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
  }

  // A ticket as the projection holds it: `unit` owns it; closed when resolved_at > 0.
  void Add(const std::string& unit, TimeMs created, TimeMs resolved_at, TimeMs due_at,
           std::optional<Satisfaction> satisfaction, const std::string& category = "01.01") {
    Ticket t;
    t.query_code = "Q1W2E3";
    t.kind = TicketKind::kComplaint;
    t.title = "张三反映噪音";
    t.body = "我是张三，电话13812341234，身份证430102199003071234，住3栋2单元502室。";
    t.citizen_name = "张三";
    t.citizen_phone = "13812341234";
    t.address = "东风街道人民路18号";
    t.latitude = 28.2;
    t.longitude = 112.9;
    t.region_code = "XD.A.A3.S1";
    t.category_code = category;
    t.owner_unit = unit;
    t.created_at = t.updated_at = created;
    t.due_at = due_at;
    t.status = resolved_at ? TicketStatus::kRevisited : TicketStatus::kDispatched;
    t.resolved_at = resolved_at;
    t.satisfaction = satisfaction;
    TicketEvent e;
    e.type = EventType::kReceived;
    e.actor = "citizen";
    e.at = created;
    ASSERT_TRUE(store_->CreateTicket(t, e, "XD").ok());
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0 + 10 * kDay};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
};

TEST_F(OpenDataTest, RecordsAreAnonymisedAndCoarse) {
  Add("XD.A.A3/zjj", kT0 + 3 * kHourMs, kT0 + kDay, kT0 + 2 * kDay, Satisfaction::kSatisfied);
  int64_t total = 0;
  auto rows = svc_->OpenDataTickets({}, &total);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(total, 1);
  const OpenDataRecord& r = (*rows)[0];
  EXPECT_EQ(r.region_code, "XD.A.A3");  // the street is coarsened to its district
  EXPECT_EQ(r.region_name, "A3区");
  EXPECT_EQ(r.created_day, "2026-11-29");
  EXPECT_TRUE(r.closed);
  EXPECT_EQ(r.closed_day, "2026-11-30");
  EXPECT_EQ(r.unit_name, "A3区住房和城乡建设局");
  EXPECT_EQ(r.satisfaction, "satisfied");
  for (const std::string* text : {&r.title, &r.body}) {
    EXPECT_TRUE(testutil::FindPersonalData(*text).empty()) << *text;
  }
  EXPECT_EQ(r.body.find("502室"), std::string::npos);
  EXPECT_NE(r.body.find("身份证"), std::string::npos);  // the words stay, the number goes
}

TEST_F(OpenDataTest, QueryLimitsAndRangeAreChecked) {
  for (int i = 0; i < 4; ++i) Add("XD.A.A3/zjj", kT0 + i * kDay, 0, kT0 + 20 * kDay, std::nullopt, i < 3 ? "01.01" : "02");
  OpenDataQuery q;
  q.category_prefix = "01";
  int64_t total = 0;
  EXPECT_EQ(svc_->OpenDataTickets(q, &total)->size(), 3u);
  q.category_prefix = "9";
  EXPECT_EQ(svc_->OpenDataTickets(q, &total).status().code(), StatusCode::kInvalidArgument);
  OpenDataQuery paged;
  paged.limit = 1;
  paged.offset = 1;
  auto page = svc_->OpenDataTickets(paged, &total);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ(total, 4);
  OpenDataQuery wide;
  wide.from = kT0 - 400 * kDay;
  wide.to = kT0;
  EXPECT_EQ(svc_->OpenDataTickets(wide, &total).status().code(), StatusCode::kInvalidArgument);
  wide.limit = 0;
  wide.from = 0;
  EXPECT_EQ(svc_->OpenDataTickets(wide, &total).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(OpenDataTest, StatisticsAndRankings) {
  // zjj: 3 closed on time, all satisfied; cg: 2 closed late (1 unsatisfied), 1 open.
  for (int i = 0; i < 3; ++i) Add("XD.A.A3/zjj", kT0 + i * kHourMs, kT0 + kDay, kT0 + 2 * kDay, Satisfaction::kSatisfied);
  Add("XD.A.A3/cg", kT0, kT0 + 3 * kDay, kT0 + 2 * kDay, Satisfaction::kUnsatisfied);
  Add("XD.A.A3/cg", kT0, kT0 + 3 * kDay, kT0 + 2 * kDay, Satisfaction::kBasicallySatisfied);
  Add("XD.A.A3/cg", kT0, 0, kT0 + 2 * kDay, std::nullopt, "02");
  auto s = svc_->PublicStatistics(kT0, kT0 + kDay);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->total, 6);
  EXPECT_EQ(s->closed, 5);
  EXPECT_EQ(s->open, 1);
  EXPECT_EQ(s->on_time, 3);
  EXPECT_DOUBLE_EQ(s->on_time_rate, 3.0 / 5);
  EXPECT_DOUBLE_EQ(s->satisfaction_rate, 4.0 / 5);
  ASSERT_EQ(s->by_category.size(), 2u);
  EXPECT_EQ(s->by_category[0].first, "城乡建设");
  EXPECT_EQ(s->by_category[0].second, 5);
  ASSERT_EQ(s->by_region.size(), 1u);
  EXPECT_EQ(s->by_region[0].first, "A3区");

  auto ranks = svc_->PublicRankings(kT0, kT0 + kDay, 3);
  ASSERT_TRUE(ranks.ok());
  ASSERT_EQ(ranks->size(), 2u);
  EXPECT_EQ((*ranks)[0].unit_code, "XD.A.A3/zjj");
  EXPECT_DOUBLE_EQ((*ranks)[0].score, 100);
  EXPECT_EQ((*ranks)[1].tickets, 3);
  EXPECT_DOUBLE_EQ((*ranks)[1].score, 50 * 0.0 + 50 * 0.5);
  EXPECT_EQ(svc_->PublicRankings(kT0, kT0 + kDay, 4)->size(), 0u);  // too few tickets to rank
  EXPECT_EQ(svc_->PublicStatistics(kT0 + kDay, kT0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::service
