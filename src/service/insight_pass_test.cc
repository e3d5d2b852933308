// The background insight pass with a fixed clock and fixed tickets: hot topics found
// incrementally, the state continued (not recomputed) after a restart, risky-word alerts
// at once, count alerts once a day, repeats; and a changed configuration starting again.
#include "service/insight_pass.h"

#include <gtest/gtest.h>

#include "store/forwarding_store.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST (a Sunday)

const text::Segmenter& Jieba() {
  static const std::unique_ptr<text::Segmenter> seg = [] {
    auto s = text::LoadJiebaSegmenter({});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }();
  return *seg;
}

// Counts the tickets the pass reads, to show a restart does not read old ones again.
class CountingStore : public store::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  Result<Ticket> GetTicket(TicketId id) override {
    ++reads;
    return inner_.GetTicket(id);
  }
  int reads = 0;
};

class InsightPassTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::OpenSqliteStore(dir_.File("i.db"))).value();
    counting_ = std::make_unique<CountingStore>(*store_);
    svc_ = std::make_unique<Service>(*counting_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A2", "A2区", "XD.A", RegionLevel::kDistrict},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "西地省12345政务服务便民热线", "rx", "XD"}}).ok());
    ASSERT_TRUE(store_->PutCategories({{"01", "城乡建设", "", 1}, {"02", "环境保护", "", 1}}).ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    User u;
    u.username = "huawu";
    u.role = Role::kCallTaker;
    ASSERT_TRUE(svc_->PutUser(Actor::System(), u, "password1").ok());
    taker_ = *svc_->Authenticate(svc_->Login("huawu", "password1")->token);
  }

  TicketId Add(const std::string& title, const std::string& body, const std::string& phone,
               const std::string& region = "XD.A.A3", const std::string& category = "02") {
    NewTicket n;
    n.channel = Channel::kPhone;
    n.title = title;
    n.body = body;
    n.citizen_phone = phone;
    n.region_code = region;
    n.category_code = category;
    auto r = svc_->CreateTicket(taker_, n);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->ticket.id : 0;
  }

  void AddNoise(int n) {
    for (int i = 0; i < n; ++i) {
      Add("A3区丽发新城搅拌站夜间噪音扰民", "丽发新城旁边的搅拌站每天夜里施工，噪音很大，影响休息。",
          "1390000" + std::to_string(1000 + i));
      clock_.Advance(kHourMs);
    }
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CountingStore> counting_;
  std::unique_ptr<Service> svc_;
  Actor taker_;
};

TEST_F(InsightPassTest, ClustersNewTicketsAndContinuesAfterARestart) {
  AddNoise(3);
  Add("A2区幸福路积水严重", "幸福路下雨以后积水很深，车辆无法通行。", "13700001111", "XD.A.A2", "01");
  InsightPassResult first;
  {
    InsightPass pass(*svc_, Jieba());
    auto r = pass.RunOnce();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    first = *r;
  }
  EXPECT_EQ(first.tickets, 4);
  auto topics = store_->ListHotspots({}).value();
  ASSERT_EQ(topics.total, 1);  // the lone 积水 ticket is no hot topic (min size 2)
  const store::StoredHotspot noise = topics.items[0];
  EXPECT_EQ(noise.size, 3);
  EXPECT_EQ(noise.people, 3);
  EXPECT_EQ(noise.region_code, "XD.A.A3");
  EXPECT_EQ(noise.category_code, "02");
  EXPECT_NE(noise.title.find("搅拌站"), std::string::npos) << noise.title;
  EXPECT_EQ(noise.first_time, kT0);
  EXPECT_GT(noise.heat, 0);

  // A new process: the clusterer comes back from the stored terms; only new tickets are read.
  clock_.Advance(kDayMs);
  AddNoise(2);
  counting_->reads = 0;
  InsightPass restarted(*svc_, Jieba());
  auto r = restarted.RunOnce();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->restarted);
  EXPECT_EQ(r->tickets, 2);
  EXPECT_EQ(counting_->reads, 2);
  store::StoredHotspot grown = store_->GetHotspot(noise.id).value();
  EXPECT_EQ(grown.size, 5);  // joined the same stored topic
  EXPECT_EQ(store_->ListHotspots({})->total, 1);
  EXPECT_EQ(store_->ListHotspotMembers(0, 0, 100)->size(), 6u);
  // Running again reads nothing.
  counting_->reads = 0;
  ASSERT_TRUE(restarted.RunOnce().ok());
  EXPECT_EQ(counting_->reads, 0);
}

TEST_F(InsightPassTest, SameUserAgainIsARepeatRequest) {
  Add("A3区丽发新城搅拌站夜间噪音扰民", "搅拌站夜里施工，噪音很大。", "13900001234");
  clock_.Advance(2 * kDayMs);
  Add("A3区丽发新城搅拌站夜间噪音扰民", "又是搅拌站夜里施工，噪音很大。", "13900001234");
  clock_.Advance(kDayMs);
  Add("A3区丽发新城搅拌站噪音", "丽发新城搅拌站夜里施工噪音很大。", "13900005678");
  InsightPass pass(*svc_, Jieba());
  auto r = pass.RunOnce();
  ASSERT_TRUE(r.ok());
  store::RepeatPage page = store_->ListRepeats({}).value();
  ASSERT_EQ(page.total, 2);
  EXPECT_EQ(page.items[1].kind, "same_person");
  EXPECT_NEAR(page.items[1].days_after, 2, 1e-6);
  EXPECT_EQ(page.items[0].kind, "same_place_and_matter");
}

TEST_F(InsightPassTest, RiskyWordsAlertAtOnceButNotForHistory) {
  Add("小区燃气泄漏", "楼道里闻到很浓的煤气味，怀疑燃气泄漏。", "13800001111");
  InsightPass pass(*svc_, Jieba());
  ASSERT_TRUE(pass.RunOnce().ok());
  store::AlertFilter f;
  f.kind = "risky_word";
  store::AlertPage alerts = store_->ListAlerts(f).value();
  ASSERT_EQ(alerts.total, 1);
  EXPECT_EQ(alerts.items[0].state, "new");
  EXPECT_EQ(alerts.items[0].examples.size(), 1u);
  EXPECT_NE(alerts.items[0].detail.find("燃气"), std::string::npos) << alerts.items[0].detail;
  // The same pass again raises nothing new.
  ASSERT_TRUE(pass.RunOnce().ok());
  EXPECT_EQ(store_->ListAlerts(f)->total, 1);
}

TEST_F(InsightPassTest, CountAlertOnceADayWhenADayRisesAboveItsWeekdays) {
  // Eight weeks of one ticket every day, then nine on one day.
  const TimeMs start = kT0 - 60 * kDayMs;
  clock_.Set(start);
  for (int d = 0; d < 59; ++d) {
    Add("道路破损" + std::to_string(d), "路面坑洼。", "1380000" + std::to_string(2000 + d), "XD.A.A2", "01");
    clock_.Advance(kDayMs);
  }
  for (int i = 0; i < 9; ++i) {
    Add("幸福路积水" + std::to_string(i), "积水严重。", "1370000" + std::to_string(3000 + i), "XD.A.A2", "01");
    clock_.Advance(kHourMs);
  }
  const int64_t spike_day = insight::CstDay(clock_.Now());
  clock_.Set(start + 60 * kDayMs + kDayMs);  // the next day
  InsightPassOptions options;
  options.count_days_back = 3;
  InsightPass pass(*svc_, Jieba(), options);
  auto r = pass.RunOnce();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->days_checked, 1);
  store::AlertFilter f;
  f.kind = "count";
  store::AlertPage alerts = store_->ListAlerts(f).value();
  ASSERT_EQ(alerts.total, 1);
  const store::StoredAlert& a = alerts.items[0];
  EXPECT_EQ(a.day, spike_day);
  EXPECT_EQ(a.seen, 9);
  EXPECT_NEAR(a.expected, 1.0, 0.5);
  EXPECT_LT(a.p_value, 1e-3);
  EXPECT_EQ(a.series_key, "01|XD.A.A2");
  EXPECT_EQ(a.examples.size(), 5u);
  EXPECT_NE(a.detail.find("A2区"), std::string::npos) << a.detail;
  // The same day is not checked twice.
  auto again = pass.RunOnce();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->days_checked, 0);
}

TEST_F(InsightPassTest, ChangedOptionsStartTheClusteringAgain) {
  AddNoise(3);
  {
    InsightPass pass(*svc_, Jieba());
    ASSERT_TRUE(pass.RunOnce().ok());
  }
  InsightPassOptions options;
  options.hotspots.window = 60 * 1000;  // tickets an hour apart never join: each alone
  InsightPass strict(*svc_, Jieba(), options);
  auto r = strict.RunOnce();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->restarted);
  EXPECT_EQ(r->tickets, 3);
  EXPECT_EQ(store_->ListHotspots({})->total, 0);
  EXPECT_EQ(store_->ListHotspotMembers(0, 0, 100)->size(), 3u);
}

// A second pass that moved the cursor first makes this one's write fail (kAborted);
// it reloads and continues without duplicating anything.
TEST_F(InsightPassTest, TwoPassesNeverApplyTheSameTicketsTwice) {
  AddNoise(2);
  InsightPass a(*svc_, Jieba());
  InsightPass b(*svc_, Jieba());
  ASSERT_TRUE(a.RunOnce().ok());
  ASSERT_TRUE(b.RunOnce().ok());  // loaded, at the same cursor
  AddNoise(1);
  ASSERT_TRUE(a.RunOnce().ok());
  auto stale = b.RunOnce();
  EXPECT_EQ(stale.status().code(), StatusCode::kAborted);
  auto r = b.RunOnce();  // reloaded from the store: nothing left
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tickets, 0);
  EXPECT_EQ(store_->ListHotspotMembers(0, 0, 100)->size(), 3u);
  EXPECT_EQ(store_->ListHotspots({})->items.at(0).size, 3);
}

}  // namespace
}  // namespace lianxin::service
