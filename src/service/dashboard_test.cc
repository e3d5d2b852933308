// The leaders' dashboard figures: counts per day, category, sub-region and
// status, open/overdue/due-soon at the clock's now, filters and role checks.
#include <gtest/gtest.h>

#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::OpenSqliteStore(dir_.File("d.db"))).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict},
                                    {"XD.B", "B市", "XD", RegionLevel::kCity},
                                    {"XD.C", "C市", "XD", RegionLevel::kCity}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "西地省12345政务服务便民热线", "rx", "XD"}}).ok());
    ASSERT_TRUE(store_->PutCategories({{"05", "交通运输", "", 1},
                                       {"05.01", "公交", "05", 2},
                                       {"06", "教育文体", "", 1}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    taker_ = AddUser("huawu", Role::kCallTaker);
    analyst_ = AddUser("fenxi", Role::kAnalyst);
    dispatcher_ = AddUser("paidan", Role::kDispatcher);
  }

  Actor AddUser(const std::string& name, Role role) {
    User u;
    u.username = name;
    u.role = role;
    EXPECT_TRUE(svc_->PutUser(Actor::System(), u, "password1").ok());
    return *svc_->Authenticate(svc_->Login(name, "password1")->token);
  }

  TicketId Add(const std::string& region, const std::string& category) {
    NewTicket n;
    n.channel = Channel::kPhone;
    n.title = "诉求" + std::to_string(++count_);
    n.body = "内容";
    n.citizen_phone = "13812341234";
    n.region_code = region;
    n.category_code = category;
    auto r = svc_->CreateTicket(taker_, n);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->ticket.id : 0;
  }

  static const DashboardGroup* Find(const std::vector<DashboardGroup>& groups,
                                    const std::string& code) {
    for (const auto& g : groups) {
      if (g.code == code) return &g;
    }
    return nullptr;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor taker_, analyst_, dispatcher_;
  int count_ = 0;
};

TEST_F(DashboardTest, CountsPerDayCategoryRegionAndStatus) {
  Add("XD.A.A3", "05.01");
  TicketId closed = Add("XD.A.A3", "05");
  clock_.Advance(kDayMs);
  Add("XD.B", "06");
  Add("", "");
  ActionRequest done;
  done.type = EventType::kResolveAtIntake;
  done.content = "已当场解答";
  ASSERT_TRUE(svc_->Perform(taker_, closed, done).ok());

  auto s = svc_->Dashboard(analyst_, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->total, 4);
  EXPECT_EQ(s->open, 3);
  EXPECT_EQ(s->resolved, 1);
  // Waiting tickets have the 2-hour triage deadline: the first day's are overdue now.
  EXPECT_EQ(s->overdue, 1);
  EXPECT_EQ(s->due_soon, 2);
  ASSERT_EQ(s->by_day.size(), 2u);
  EXPECT_EQ(s->by_day[0], (std::pair<std::string, int64_t>{"2026-11-29", 2}));
  EXPECT_EQ(s->by_day[1], (std::pair<std::string, int64_t>{"2026-11-30", 2}));

  ASSERT_GE(s->by_category.size(), 3u);
  EXPECT_EQ(s->by_category[0].code, "05");  // most tickets first, named at level 1
  EXPECT_EQ(s->by_category[0].name, "交通运输");
  EXPECT_EQ(s->by_category[0].count, 2);
  EXPECT_EQ(s->by_category[0].open, 1);
  ASSERT_NE(Find(s->by_category, ""), nullptr);
  EXPECT_EQ(Find(s->by_category, "")->name, "未分类");

  // Every city of the province, also those without tickets, then the unplaced.
  ASSERT_NE(Find(s->by_region, "XD.A"), nullptr);
  EXPECT_EQ(Find(s->by_region, "XD.A")->count, 2);
  EXPECT_EQ(Find(s->by_region, "XD.A")->overdue, 1);
  EXPECT_EQ(Find(s->by_region, "XD.B")->count, 1);
  ASSERT_NE(Find(s->by_region, "XD.C"), nullptr);
  EXPECT_EQ(Find(s->by_region, "XD.C")->count, 0);
  ASSERT_NE(Find(s->by_region, ""), nullptr);
  EXPECT_EQ(Find(s->by_region, "")->count, 1);

  ASSERT_NE(Find(s->by_status, "received"), nullptr);
  EXPECT_EQ(Find(s->by_status, "received")->count, 3);
  EXPECT_EQ(Find(s->by_status, "resolved_at_intake")->name, "直接办结");
}

TEST_F(DashboardTest, FiltersByRegionPeriodAndCategory) {
  Add("XD.A.A3", "05.01");
  clock_.Advance(kDayMs);
  Add("XD.B", "06");
  Add("XD.A.A3", "06");

  DashboardFilter city;
  city.region_code = "XD.A";
  auto a = svc_->Dashboard(analyst_, city);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->total, 2);
  ASSERT_EQ(a->by_region.size(), 1u);  // the city's districts
  EXPECT_EQ(a->by_region[0].code, "XD.A.A3");
  EXPECT_EQ(a->by_region[0].count, 2);

  DashboardFilter period;
  period.from = kT0 - kHourMs;
  period.to = kT0 + 3 * kDayMs;
  period.category_code = "06";
  auto p = svc_->Dashboard(analyst_, period);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->total, 2);
  // Days without tickets are filled in for a bounded period.
  ASSERT_EQ(p->by_day.size(), 4u);
  EXPECT_EQ(p->by_day[0], (std::pair<std::string, int64_t>{"2026-11-29", 0}));
  EXPECT_EQ(p->by_day[1], (std::pair<std::string, int64_t>{"2026-11-30", 2}));

  DashboardFilter first_day;
  first_day.to = kT0 + kHourMs;
  EXPECT_EQ(svc_->Dashboard(analyst_, first_day)->total, 1);
}

TEST_F(DashboardTest, RefusesOtherRolesAndBadFilters) {
  EXPECT_EQ(svc_->Dashboard(dispatcher_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->Dashboard(Actor::Citizen(), {}).status().code(), StatusCode::kPermissionDenied);
  DashboardFilter unknown;
  unknown.region_code = "XD.Z";
  EXPECT_EQ(svc_->Dashboard(analyst_, unknown).status().code(), StatusCode::kInvalidArgument);
  DashboardFilter backwards;
  backwards.from = kT0;
  backwards.to = kT0;
  EXPECT_EQ(svc_->Dashboard(analyst_, backwards).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::service
