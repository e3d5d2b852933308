// Governance use cases with a fixed clock and fixed data: who may read and act, alert
// handling, promotion to a governance item (每月一题), tasks and progress, the matter's
// weekly volume before and after, masked ticket lists, and the decision report.
#include <gtest/gtest.h>

#include "service/insight_pass.h"
#include "service/service.h"
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

class GovernanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::OpenSqliteStore(dir_.File("g.db"))).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "西地省12345政务服务便民热线", "rx", "XD"},
                                  {"XD.A.A3/zjj", "A3区住建局", "zjj", "XD.A.A3"},
                                  {"XD.A.A3/cg", "A3区城管局", "cg", "XD.A.A3"},
                                  {"XD.A.A3/hb", "A3区生态环境分局", "hb", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(store_->PutCategories({{"02", "环境保护", "", 1}}).ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    taker_ = AddUser("huawu", Role::kCallTaker, "");
    supervisor_ = AddUser("duban", Role::kSupervisor, "");
    analyst_ = AddUser("fenxi", Role::kAnalyst, "");
    lead_ = AddUser("zhujian", Role::kUnitHandler, "XD.A.A3/zjj");
    assist_ = AddUser("cg", Role::kUnitHandler, "XD.A.A3/cg");
    other_ = AddUser("hb", Role::kUnitHandler, "XD.A.A3/hb");
    dispatcher_ = AddUser("paidan", Role::kDispatcher, "");
  }

  Actor AddUser(const std::string& name, Role role, const std::string& unit) {
    User u;
    u.username = name;
    u.role = role;
    u.unit_code = unit;
    EXPECT_TRUE(svc_->PutUser(Actor::System(), u, "password1").ok());
    return *svc_->Authenticate(svc_->Login(name, "password1")->token);
  }

  TicketId Add(const std::string& phone) {
    NewTicket n;
    n.channel = Channel::kPhone;
    n.title = "A3区丽发新城搅拌站夜间噪音扰民，我叫张三，电话" + phone;
    n.body = "丽发新城旁边的搅拌站每天夜里施工，噪音很大，影响休息。";
    n.citizen_name = "张三";
    n.citizen_phone = phone;
    n.region_code = "XD.A.A3";
    n.category_code = "02";
    auto r = svc_->CreateTicket(taker_, n);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->ticket.id : 0;
  }

  // Three tickets a week for `weeks` weeks, then the pass.
  void History(int weeks) {
    for (int w = 0; w < weeks; ++w) {
      for (int i = 0; i < 3; ++i) {
        Add("1390000" + std::to_string(1000 + w * 3 + i));
        clock_.Advance(kDayMs);
      }
      clock_.Advance(4 * kDayMs);
    }
    InsightPass pass(*svc_, Jieba());
    ASSERT_TRUE(pass.RunOnce().ok());
  }

  int64_t HotspotId() {
    auto page = svc_->Hotspots(analyst_, {});
    EXPECT_TRUE(page.ok());
    return page.ok() && !page->items.empty() ? page->items[0].id : 0;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor taker_, supervisor_, analyst_, lead_, assist_, other_, dispatcher_;
};

TEST_F(GovernanceTest, ReadersAndMaskedTickets) {
  History(1);
  int64_t id = HotspotId();
  ASSERT_GT(id, 0);
  for (const Actor& a : {taker_, dispatcher_, lead_}) {
    EXPECT_EQ(svc_->Hotspots(a, {}).status().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(svc_->Repeats(a, {}).status().code(), StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(svc_->Hotspots(Actor::Citizen(), {}).status().code(), StatusCode::kPermissionDenied);
  auto d = svc_->HotspotWithTickets(supervisor_, id, 2, 0);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->tickets_total, 3);
  ASSERT_EQ(d->tickets.size(), 2u);
  for (const TicketBrief& t : d->tickets) {
    EXPECT_EQ(t.title.find("13900001"), std::string::npos) << t.title;  // phone masked
    EXPECT_EQ(t.title.find("张三"), std::string::npos) << t.title;      // name masked
  }
  EXPECT_EQ(svc_->HotspotWithTickets(analyst_, 999, 2, 0).status().code(), StatusCode::kNotFound);
}

TEST_F(GovernanceTest, AlertsAreAcknowledgedAndAssignedBySupervisors) {
  NewTicket n;
  n.title = "燃气泄漏";
  n.body = "楼道里有很浓的燃气味。";
  n.citizen_phone = "13800001111";
  n.region_code = "XD.A.A3";
  ASSERT_TRUE(svc_->CreateTicket(taker_, n).ok());
  InsightPass pass(*svc_, Jieba());
  ASSERT_TRUE(pass.RunOnce().ok());
  auto alerts = svc_->Alerts(analyst_, {});
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->total, 1);
  int64_t id = alerts->items[0].id;
  EXPECT_EQ(svc_->AcknowledgeAlert(analyst_, id, "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->AssignAlert(lead_, id, "XD.A.A3/zjj", "").status().code(),
            StatusCode::kPermissionDenied);
  // A unit handler sees only alerts assigned to its unit.
  EXPECT_EQ(svc_->Alerts(lead_, {})->total, 0);
  EXPECT_EQ(svc_->AlertWithExamples(lead_, id).status().code(), StatusCode::kNotFound);
  auto ack = svc_->AcknowledgeAlert(supervisor_, id, "已知悉");
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->state, "acknowledged");
  EXPECT_EQ(ack->updated_by, "duban");
  EXPECT_EQ(svc_->AssignAlert(supervisor_, id, "XD.NOPE", "").status().code(), StatusCode::kNotFound);
  auto assigned = svc_->AssignAlert(supervisor_, id, "XD.A.A3/zjj", "请立即核查");
  ASSERT_TRUE(assigned.ok());
  EXPECT_EQ(assigned->state, "assigned");
  EXPECT_EQ(svc_->Alerts(lead_, {})->total, 1);
  auto seen = svc_->AlertWithExamples(lead_, id);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->examples.size(), 1u);
  EXPECT_EQ(seen->examples[0].title, "燃气泄漏");
}

TEST_F(GovernanceTest, PromoteTrackTasksAndVolumeBeforeAndAfter) {
  History(3);  // 9 tickets over 3 weeks
  int64_t hotspot = HotspotId();
  ASSERT_GT(hotspot, 0);
  NewGovernanceItem in;
  in.source_kind = "hotspot";
  in.source_id = hotspot;
  in.lead_unit = "XD.A.A3/zjj";
  in.assist_units = {"XD.A.A3/cg"};
  in.deadline = clock_.Now() + 30 * kDayMs;
  store::GovernanceTask task;
  task.unit_code = "XD.A.A3/cg";
  task.title = "夜间巡查，查处违规施工";
  in.tasks = {task};
  EXPECT_EQ(svc_->PromoteToGovernance(analyst_, in).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->PromoteToGovernance(lead_, in).status().code(), StatusCode::kPermissionDenied);
  NewGovernanceItem bad = in;
  bad.source_id = 999;
  EXPECT_EQ(svc_->PromoteToGovernance(supervisor_, bad).status().code(), StatusCode::kNotFound);
  bad = in;
  bad.lead_unit = "";
  EXPECT_EQ(svc_->PromoteToGovernance(supervisor_, bad).status().code(),
            StatusCode::kInvalidArgument);
  bad = in;
  bad.source_kind = "rumour";
  EXPECT_EQ(svc_->PromoteToGovernance(supervisor_, bad).status().code(),
            StatusCode::kInvalidArgument);
  auto item = svc_->PromoteToGovernance(supervisor_, in);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->hotspot_id, hotspot);
  EXPECT_NE(item->title.find("搅拌站"), std::string::npos) << item->title;

  // Who sees it: the lead and assisting units, not another unit.
  EXPECT_EQ(svc_->GovernanceItems(lead_, {})->total, 1);
  EXPECT_EQ(svc_->GovernanceItems(assist_, {})->total, 1);
  EXPECT_EQ(svc_->GovernanceItems(other_, {})->total, 0);
  EXPECT_EQ(svc_->GovernanceItemView(other_, item->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->GovernanceItems(taker_, {}).status().code(), StatusCode::kPermissionDenied);

  // Tasks: the assisting unit updates its own task; only the lead adds tasks.
  auto view = svc_->GovernanceItemView(assist_, item->id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->detail.tasks.size(), 1u);
  int64_t task_id = view->detail.tasks[0].id;
  clock_.Advance(kDayMs);
  auto done = svc_->UpdateGovernanceTask(assist_, item->id, task_id, {"done", "已查处两处"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->state, "done");
  EXPECT_EQ(svc_->UpdateGovernanceTask(assist_, item->id, task_id, {"finished", ""}).status().code(),
            StatusCode::kInvalidArgument);
  store::GovernanceTask extra;
  extra.unit_code = "XD.A.A3/hb";
  extra.title = "噪音监测";
  EXPECT_EQ(svc_->AddGovernanceTask(assist_, item->id, extra).status().code(),
            StatusCode::kPermissionDenied);
  auto added = svc_->AddGovernanceTask(lead_, item->id, extra);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  // Now the environment unit has a task: it sees the item and may update that task only.
  EXPECT_EQ(svc_->GovernanceItems(other_, {})->total, 1);
  EXPECT_TRUE(svc_->UpdateGovernanceTask(other_, item->id, added->id, {"doing", ""}).ok());
  EXPECT_EQ(svc_->UpdateGovernanceTask(other_, item->id, task_id, {"todo", ""}).status().code(),
            StatusCode::kPermissionDenied);
  // Item state: the lead marks progress, only a supervisor closes.
  EXPECT_TRUE(svc_->UpdateGovernanceItem(lead_, item->id, {"in_progress", "已召开协调会"}).ok());
  EXPECT_EQ(svc_->UpdateGovernanceItem(lead_, item->id, {"closed", ""}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->UpdateGovernanceItem(assist_, item->id, {"done", ""}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(svc_->UpdateGovernanceItem(assist_, item->id, {"", "协办意见"}).ok());

  // Two more tickets of the matter after the promotion, then the pass.
  clock_.Advance(7 * kDayMs);
  TicketId later = Add("13911112222");
  Add("13911113333");
  InsightPass pass(*svc_, Jieba());
  ASSERT_TRUE(pass.RunOnce().ok());
  EXPECT_TRUE(svc_->LinkGovernanceTickets(lead_, item->id, {later}).ok());
  EXPECT_EQ(svc_->LinkGovernanceTickets(assist_, item->id, {later}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->LinkGovernanceTickets(supervisor_, item->id, {99999}).status().code(),
            StatusCode::kNotFound);
  view = svc_->GovernanceItemView(analyst_, item->id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->before, 9);
  EXPECT_EQ(view->after, 2);
  EXPECT_EQ(view->volume.front().week, -8);
  int64_t sum = 0;
  for (const WeekVolume& w : view->volume) sum += w.count;
  EXPECT_EQ(sum, 11);
  EXPECT_EQ(view->volume.size(), 8u + 2u);  // 8 before, the 2 weeks since
  EXPECT_NEAR(view->weekly_before, 9.0 / 8, 1e-9);
  ASSERT_EQ(view->tickets.size(), 1u);
  EXPECT_EQ(view->tickets[0].title.find("13911112222"), std::string::npos);
  // The progress log: the task update, the new task, the state, the note.
  ASSERT_EQ(view->detail.progress.size(), 5u);
  EXPECT_EQ(view->detail.progress[0].actor, "cg");
  EXPECT_NE(view->detail.progress[0].note.find("已查处两处"), std::string::npos);
}

TEST_F(GovernanceTest, PromotedAlertCountsItsRegionAndCategory) {
  NewTicket n;
  n.title = "燃气泄漏";
  n.body = "楼道里有很浓的燃气味。";
  n.citizen_phone = "13800001111";
  n.region_code = "XD.A.A3";
  n.category_code = "02";
  ASSERT_TRUE(svc_->CreateTicket(taker_, n).ok());
  InsightPass pass(*svc_, Jieba());
  ASSERT_TRUE(pass.RunOnce().ok());
  int64_t alert = svc_->Alerts(analyst_, {})->items.at(0).id;
  clock_.Advance(kHourMs);  // the promotion comes after the ticket
  NewGovernanceItem in;
  in.source_kind = "alert";
  in.source_id = alert;
  in.title = "老旧小区燃气管道隐患";
  in.lead_unit = "XD.A.A3/zjj";
  auto item = svc_->PromoteToGovernance(supervisor_, in);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  clock_.Advance(kDayMs);
  Add("13800002222");  // same region and category
  auto view = svc_->GovernanceItemView(supervisor_, item->id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->before, 1);
  EXPECT_EQ(view->after, 1);
  EXPECT_EQ(view->detail.tickets.size(), 1u);  // the alert's example
}

TEST_F(GovernanceTest, WeeklyReportGathersThePeriod) {
  History(2);
  auto r = svc_->Report(analyst_, {ReportKind::kWeekly, "XD.A", "2026-W49"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->period, "2026-W49");
  EXPECT_EQ(r->from, kT0 + kDayMs - 8 * kHourMs);  // Monday 2026-11-30 00:00 CST
  EXPECT_EQ(r->to - r->from, 7 * kDayMs);
  EXPECT_EQ(r->total, 3);
  EXPECT_EQ(r->by_day.size(), 7u);
  EXPECT_EQ(r->previous_total, 1);  // the Sunday before
  ASSERT_EQ(r->by_category.size(), 1u);
  EXPECT_EQ(r->by_category[0].name, "环境保护");
  ASSERT_EQ(r->hotspots.size(), 1u);
  EXPECT_EQ(svc_->Report(analyst_, {ReportKind::kWeekly, "XD.A", "2026-48"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->Report(analyst_, {ReportKind::kMonthly, "XD.A", "2026-13"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->Report(analyst_, {ReportKind::kMonthly, "XD.NOPE", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->Report(lead_, {}).status().code(), StatusCode::kPermissionDenied);
  auto month = svc_->Report(supervisor_, {ReportKind::kMonthly, "", "2026-12"});
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->region_code, "XD");
  EXPECT_EQ(month->by_day.size(), 31u);
  EXPECT_EQ(month->total, 4);  // Dec 1, 6, 7 and 8
  auto last = svc_->Report(supervisor_, {ReportKind::kMonthly, "", ""});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->period, "2026-11");  // the last complete month at 2026-12
}

}  // namespace
}  // namespace lianxin::service
