// SLA policies and the calendar, editable (issue 7 item 7): seeded once from
// data/calendar, validated like the files, in force for deadlines computed after
// a change (earlier ones stay), kept across a restart, audited.
#include <gtest/gtest.h>

#include "service/service.h"
#include "testutil/testutil.h"
#include "workflow/calendar.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST (a Sunday)

class SlaAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::OpenSqliteStore(dir_.File("s.db"))).value();
    Open();
    ASSERT_TRUE(store_
                    ->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                  {"XD.A.A3", "A3区", "XD", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_
                    ->PutUnits({{"XD/rx", "12345热线", "rx", "XD"},
                                {"XD.A.A3/cg", "A3区城管局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    admin_.username = "admin";
    admin_.role = Role::kAdmin;
    dispatcher_.username = "paidan";
    dispatcher_.role = Role::kDispatcher;
  }
  void Open() {
    svc_ = std::make_unique<Service>(*store_, clock_);
    Status st = svc_->LoadStoredSla(testutil::RepoRoot() + "/data/calendar");
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  // A new ticket dispatched now; its deadline.
  TimeMs DispatchedDue() {
    NewTicket n;
    n.title = "路灯不亮";
    n.body = "A3区某路段路灯坏了。";
    n.citizen_phone = "13812341234";
    n.region_code = "XD.A.A3";
    auto t = svc_->SubmitPublic(n);
    EXPECT_TRUE(t.ok());
    ActionRequest r;
    r.type = EventType::kDispatch;
    r.unit_code = "XD.A.A3/cg";
    auto d = svc_->Perform(dispatcher_, t->ticket.id, r);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->ticket.due_at : 0;
  }
  std::vector<store::SlaRuleRow> Rules() { return svc_->GetSlaConfig(admin_)->rules; }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor admin_, dispatcher_;
};

TEST_F(SlaAdminTest, SeededOnceFromTheFiles) {
  auto c = svc_->GetSlaConfig(admin_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_GE(c->rules.size(), 5u);
  EXPECT_EQ(c->rules[0].rule, "deadline");
  EXPECT_EQ(c->rules[0].amount, 7);
  EXPECT_EQ(c->rules[0].note, "一般诉求：7 天");
  EXPECT_GT(c->days.size(), 50u);
  EXPECT_EQ(svc_->CurrentSla()->calendar().special_days(), c->days.size());
  EXPECT_EQ(DispatchedDue(), kT0 + 7 * kDayMs);
  ASSERT_EQ(store_->ListReferenceChanges(10)->size(), 1u);
  EXPECT_EQ(store_->ListReferenceChanges(10)->at(0).kind, "sla_seed");
  // A restart neither seeds again nor loses anything.
  Open();
  EXPECT_EQ(store_->ListReferenceChanges(10)->size(), 1u);
  EXPECT_EQ(svc_->GetSlaConfig(admin_)->rules.size(), c->rules.size());
}

TEST_F(SlaAdminTest, RuleChangeAppliesToDeadlinesComputedAfterIt) {
  TimeMs before = DispatchedDue();
  EXPECT_EQ(before, kT0 + 7 * kDayMs);
  auto rules = Rules();
  rules[0].amount = 3;
  rules[0].note = "一般诉求：3 天";
  auto put = svc_->PutSlaRules(admin_, rules);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(DispatchedDue(), kT0 + 3 * kDayMs);
  // The ticket dispatched before keeps its deadline.
  auto first = store_->GetTicket(1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->due_at, before);
  // Kept across a restart.
  Open();
  EXPECT_EQ(DispatchedDue(), kT0 + 3 * kDayMs);
  EXPECT_EQ(store_->ListReferenceChanges(1)->at(0).kind, "sla_rules");
  EXPECT_EQ(store_->ListReferenceChanges(1)->at(0).actor, "admin");
}

TEST_F(SlaAdminTest, BadRulesAreRefusedWithTheRowAndStoreNothing) {
  auto rules = Rules();
  auto no_catch_all = rules;
  no_catch_all.erase(no_catch_all.begin());
  auto r = svc_->PutSlaRules(admin_, no_catch_all);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  auto bad_kind = rules;
  bad_kind[1].kind = "nonsense";
  r = svc_->PutSlaRules(admin_, bad_kind);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("时限策略第 2 条"), std::string::npos)
      << r.status().message();
  auto bad_amount = rules;
  bad_amount[0].amount = 0;
  EXPECT_EQ(svc_->PutSlaRules(admin_, bad_amount).status().code(), StatusCode::kInvalidArgument);
  auto repeated = rules;
  repeated.push_back(rules[0]);
  EXPECT_EQ(svc_->PutSlaRules(admin_, repeated).status().code(), StatusCode::kInvalidArgument);
  auto comma = rules;
  comma[0].note = "一般, 含逗号和\"引号\"";
  ASSERT_TRUE(svc_->PutSlaRules(admin_, comma).ok());  // stored as given
  EXPECT_EQ(Rules()[0].note, comma[0].note);
  Actor supervisor;
  supervisor.role = Role::kSupervisor;
  EXPECT_EQ(svc_->PutSlaRules(supervisor, rules).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(svc_->GetSlaConfig(supervisor).ok());
  Actor taker;
  taker.role = Role::kCallTaker;
  EXPECT_EQ(svc_->GetSlaConfig(taker).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(SlaAdminTest, HolidaysAddedAndRemovedChangeWorkingDays) {
  // 2026-12-02 is a Wednesday: a working day until declared a holiday.
  const TimeMs wednesday = kT0 + 3 * kDayMs;
  EXPECT_TRUE(svc_->CurrentSla()->calendar().IsWorkingDay(wednesday));
  auto put = svc_->PutCalendarDay(admin_, {"2026-12-02", "holiday", "临时放假"});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_FALSE(svc_->CurrentSla()->calendar().IsWorkingDay(wednesday));
  // A Saturday made a 调休 working day.
  const TimeMs saturday = kT0 + 6 * kDayMs;  // 2026-12-05
  EXPECT_FALSE(svc_->CurrentSla()->calendar().IsWorkingDay(saturday));
  ASSERT_TRUE(svc_->PutCalendarDay(admin_, {"2026-12-05", "workday", "调休"}).ok());
  EXPECT_TRUE(svc_->CurrentSla()->calendar().IsWorkingDay(saturday));
  auto log = store_->ListReferenceChanges(1);
  EXPECT_EQ(log->at(0).kind, "calendar");
  EXPECT_EQ(log->at(0).code, "2026-12-05");
  EXPECT_EQ(log->at(0).after, "workday 调休");
  ASSERT_TRUE(svc_->DeleteCalendarDay(admin_, "2026-12-02").ok());
  EXPECT_TRUE(svc_->CurrentSla()->calendar().IsWorkingDay(wednesday));
  EXPECT_EQ(svc_->DeleteCalendarDay(admin_, "2026-12-02").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->PutCalendarDay(admin_, {"2026-13-40", "holiday", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->PutCalendarDay(admin_, {"2026-12-09", "party", ""}).status().code(),
            StatusCode::kInvalidArgument);
  // Kept across a restart.
  Open();
  EXPECT_TRUE(svc_->CurrentSla()->calendar().IsWorkingDay(saturday));
}

}  // namespace
}  // namespace lianxin::service
