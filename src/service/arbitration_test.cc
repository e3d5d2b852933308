// The 退单 arbitration deadline (issue 4): its own deadline through the
// calendar, one alarm per request from the SLA scan (none twice, none after a
// restart), a message to the dispatchers, and the time left on the returns list.
#include <gtest/gtest.h>

#include "service/notifier.h"
#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kMonday = 1796000400000;  // 2026-11-30 09:00 CST, a Monday

Actor Person(const char* name, Role role, const char* unit = "") {
  Actor a;
  a.username = name;
  a.role = role;
  a.unit_code = unit;
  return a;
}

class ArbitrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("a.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince}}).ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "12345热线中心", "rx", "XD"},
                                  {"XD/zjt", "省住建厅", "zjj", "XD"}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
  }

  void Do(const Actor& who, EventType type, std::string reason = "", std::string content = "") {
    ActionRequest r;
    r.type = type;
    r.reason = std::move(reason);
    r.content = std::move(content);
    if (type == EventType::kDispatch) r.unit_code = "XD/zjt";
    auto done = svc_->Perform(who, id_, r);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }

  // A ticket with the unit that asks for a return now; its arbitration deadline.
  TimeMs Returned() {
    NewTicket n;
    n.title = "物业收费争议";
    n.body = "小区物业乱收费，希望有关部门处理。";
    n.citizen_phone = "13812341234";
    n.region_code = "XD";
    auto t = svc_->SubmitPublic(n);
    EXPECT_TRUE(t.ok());
    id_ = t->ticket.id;
    Do(dispatcher_, EventType::kDispatch);
    Do(unit_, EventType::kAccept);
    Do(unit_, EventType::kReturnRequest, "职能不符", "物业收费属市场监管部门职责");
    auto stored = store_->GetTicket(id_);
    return svc_->CurrentSla()->ArbitrationDeadline(*stored, clock_.Now());
  }

  int Alarms() {
    auto events = store_->ListEvents(id_);
    int n = 0;
    for (const TicketEvent& e : *events) n += e.type == EventType::kNote && e.reason == "退单仲裁超时";
    return n;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kMonday};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor dispatcher_ = Person("paidan", Role::kDispatcher);
  Actor unit_ = Person("zj", Role::kUnitHandler, "XD/zjt");
  TicketId id_ = 0;
};

TEST_F(ArbitrationTest, DefaultIsOneWorkingDayOverTheCalendar) {
  const TimeMs due = Returned();
  EXPECT_EQ(due, svc_->CurrentSla()->calendar().AddWorkingDays(kMonday, 1));
  EXPECT_GE(due, kMonday + 24 * kHourMs);
  // Asked on a Friday, the deadline skips the weekend.
  Ticket t;
  const TimeMs friday = kMonday + 4 * kDayMs;
  EXPECT_GE(svc_->CurrentSla()->ArbitrationDeadline(t, friday), friday + 3 * kDayMs);
}

TEST_F(ArbitrationTest, LateArbitrationRaisesOneAlarmEvenAfterARestart) {
  const TimeMs due = Returned();
  clock_.Set(due - (60 * kSecondMs));
  auto early = svc_->RunSlaScan();
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_EQ(Alarms(), 0);
  clock_.Set(due + (60 * kSecondMs));
  auto fired = svc_->RunSlaScan();
  ASSERT_TRUE(fired.ok());
  EXPECT_EQ(Alarms(), 1);
  ASSERT_TRUE(svc_->RunSlaScan().ok());
  EXPECT_EQ(Alarms(), 1);
  // A new service over the same store (a restart) fires nothing again.
  Service restarted(*store_, clock_);
  ASSERT_TRUE(restarted.ReloadDirectory().ok());
  clock_.Advance(kHourMs);
  ASSERT_TRUE(restarted.RunSlaScan().ok());
  EXPECT_EQ(Alarms(), 1);
  auto events = store_->ListEvents(id_);
  const TicketEvent& note = events->back();
  EXPECT_EQ(note.actor, "system");
  EXPECT_FALSE(note.is_public);
  EXPECT_NE(note.content.find("职能不符"), std::string::npos);
  // The notifier tells the dispatchers (the hotline centre).
  Ticket t = *store_->GetTicket(id_);
  auto messages = Notifier::Compose(note, t, *svc_->directory(), svc_->HotlineCentre(), clock_.Now());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].address, "XD/rx");
  EXPECT_EQ(messages[0].kind, "arbitration_overdue");
  // Rejected back to the unit, a second request gets its own deadline and alarm.
  Do(dispatcher_, EventType::kReturnReject, "属本单位职责");
  Do(unit_, EventType::kReturnRequest, "权属不清", "涉及多个部门");
  const TimeMs second = svc_->CurrentSla()->ArbitrationDeadline(*store_->GetTicket(id_), clock_.Now());
  EXPECT_GT(second, due);
  ASSERT_TRUE(svc_->RunSlaScan().ok());
  EXPECT_EQ(Alarms(), 1);
  clock_.Set(second);
  ASSERT_TRUE(svc_->RunSlaScan().ok());
  EXPECT_EQ(Alarms(), 2);
}

TEST_F(ArbitrationTest, ReturnsListShowsTheArbitrationDeadline) {
  const TimeMs due = Returned();
  SupervisionQuery q;
  q.list = SupervisionList::kReturns;
  int64_t total = 0;
  auto items = svc_->Supervision(dispatcher_, q, &total);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].arbitration_due_at, due);
  // Other lists leave it unset.
  q.list = SupervisionList::kDueSoon;
  q.window = 30 * kDayMs;
  items = svc_->Supervision(dispatcher_, q, &total);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].arbitration_due_at, 0);
}

}  // namespace
}  // namespace lianxin::service
