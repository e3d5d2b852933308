#include "service/notifier.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

// Records every message; fails the first `failures` attempts of each message.
class FakeSender final : public Sender {
 public:
  explicit FakeSender(int failures = 0) : failures_(failures) {}
  Status Send(const store::OutboxMessage& m) override {
    if (attempts_[m.id]++ < failures_) return Status::Unavailable("gateway down");
    sent.push_back(m);
    return Status::Ok();
  }
  std::vector<store::OutboxMessage> sent;

 private:
  int failures_;
  std::map<int64_t, int> attempts_;
};

class NotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("n.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A.A3", "A3区", "XD", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "12345热线中心", "rx", "XD"},
                                  {"XD.A.A3/zjj", "A3区住房和城乡建设局", "zjj", "XD.A.A3"},
                                  {"XD.A.A3/cg", "A3区城市管理局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    dispatcher_.username = "paidan";
    dispatcher_.role = Role::kDispatcher;
    unit_.username = "zj";
    unit_.role = Role::kUnitHandler;
    unit_.unit_code = "XD.A.A3/zjj";
    sup_.username = "duban";
    sup_.role = Role::kSupervisor;
  }

  void Act(const Actor& a, TicketId id, EventType type, const std::string& text = "") {
    ActionRequest r;
    r.type = type;
    r.content = text;
    r.reason = text;
    if (type == EventType::kDispatch) {
      r.unit_code = "XD.A.A3/zjj";
      r.assist_units = {"XD.A.A3/cg"};
    }
    auto done = svc_->Perform(a, id, r);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }

  // A citizen's request taken through its whole life: every kind of message.
  TicketId WholeLife() {
    NewTicket n;
    n.title = "李四家门口路灯不亮";
    n.body = "我是张三，电话13812341234，邻居李四家门口的路灯坏了。";
    n.citizen_name = "张三";
    n.citizen_phone = "13812341234";
    n.region_code = "XD.A.A3";
    auto t = svc_->SubmitPublic(n);
    EXPECT_TRUE(t.ok());
    TicketId id = t->ticket.id;
    Act(dispatcher_, id, EventType::kDispatch);
    clock_.Advance(6 * kDayMs);
    EXPECT_EQ(*svc_->RunSlaScan(), 1);  // 催办
    clock_.Advance(2 * kDayMs);
    EXPECT_EQ(*svc_->RunSlaScan(), 1);  // 督办
    Act(unit_, id, EventType::kAccept);
    Act(unit_, id, EventType::kReply, "已联系李四（电话13900001111）修复。");
    Act(unit_, id, EventType::kResolve);
    Act(sup_, id, EventType::kReopen, "群众说仍不亮");
    return id;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor dispatcher_, unit_, sup_;
};

TEST_F(NotifierTest, EveryKindReachesTheRightRecipient) {
  WholeLife();
  FakeSender sender;
  Notifier notifier(*svc_, sender, NotifierOptions{.max_age = 30 * kDayMs});
  auto pass = notifier.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().ToString();
  std::multiset<std::string> citizen, units;
  for (const auto& m : sender.sent) {
    if (m.audience == store::OutboxMessage::Audience::kCitizen) {
      EXPECT_EQ(m.address, "13812341234");
      citizen.insert(m.kind);
      // Fixed templates: no name, no phone, no free text of anyone.
      for (const char* secret : {"张三", "李四", "1381234", "1390000", "路灯", "修复"}) {
        EXPECT_EQ(m.body.find(secret), std::string::npos) << m.body;
      }
      EXPECT_NE(m.body.find("XD-"), std::string::npos) << m.body;  // the ticket number
    } else {
      units.insert(m.kind + "@" + m.address);
    }
  }
  // dispatched twice: the dispatcher's, and the system's after the reopen.
  EXPECT_EQ(citizen, (std::multiset<std::string>{"received", "dispatched", "overdue", "replied",
                                                   "visit_request", "dispatched"}));
  EXPECT_EQ(units, (std::multiset<std::string>{
                       "dispatched@XD.A.A3/zjj", "dispatched@XD.A.A3/cg", "reminder@XD.A.A3/zjj",
                       "escalation@XD.A.A3/zjj", "reopened@XD.A.A3/zjj", "dispatched@XD.A.A3/zjj",
                       "dispatched@XD.A.A3/cg"}));
  EXPECT_EQ(pass->sent, static_cast<int64_t>(sender.sent.size()));
  EXPECT_EQ(pass->enqueued, pass->sent);
  EXPECT_EQ(*store_->GetCursor(Notifier::kCursor), store_->Stats()->events);
}

TEST_F(NotifierTest, RestartsLoseAndRepeatNothing) {
  WholeLife();
  FakeSender sender;
  {
    // Collected one small batch, then the process died before delivering.
    Notifier first(*svc_, sender, NotifierOptions{.batch = 3, .max_age = 30 * kDayMs});
    ASSERT_TRUE(first.Collect().ok());
    EXPECT_TRUE(sender.sent.empty());
  }
  Notifier second(*svc_, sender, NotifierOptions{.max_age = 30 * kDayMs});
  ASSERT_TRUE(second.RunOnce().ok());
  size_t total = sender.sent.size();
  EXPECT_EQ(total, 13u);
  std::set<int64_t> ids;
  for (const auto& m : sender.sent) ids.insert(m.id);
  EXPECT_EQ(ids.size(), total);  // each once
  // A third start finds nothing new; a replayed collection adds nothing.
  Notifier third(*svc_, sender, NotifierOptions{.max_age = 30 * kDayMs});
  auto again = third.RunOnce();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->events, 0);
  EXPECT_EQ(sender.sent.size(), total);
  auto events = *store_->ListEventsAfter(0, 1000);
  std::vector<store::OutboxMessage> replay;
  auto ticket = *store_->GetTicket(events[0].ticket_id);
  for (const auto& e : events) {
    for (auto& m : Notifier::Compose(e, ticket, *svc_->directory(), "XD/rx", clock_.Now())) {
      replay.push_back(m);
    }
  }
  EXPECT_EQ(*store_->EnqueueMessages(replay, Notifier::kCursor, events.back().id), 0);
}

TEST_F(NotifierTest, FailuresAreRetriedWithBackoffThenMarkedFailed) {
  NewTicket n;
  n.title = "咨询";
  n.body = "咨询公积金提取。";
  n.citizen_phone = "13812341234";
  n.region_code = "XD.A.A3";
  ASSERT_TRUE(svc_->SubmitPublic(n).ok());  // one message: received
  FakeSender flaky(/*failures=*/2);
  Notifier notifier(*svc_, flaky, NotifierOptions{.max_attempts = 4});
  auto p1 = notifier.RunOnce();
  ASSERT_TRUE(p1.ok());
  EXPECT_EQ(p1->retried, 1);
  EXPECT_EQ(notifier.Backoff(1), 30 * kSecondMs);
  EXPECT_EQ(notifier.Backoff(2), 60 * kSecondMs);
  EXPECT_EQ(notifier.Backoff(30), kHourMs);
  clock_.Advance(29 * kSecondMs);
  EXPECT_EQ(notifier.RunOnce()->retried, 0);  // not due yet
  clock_.Advance(kSecondMs);
  EXPECT_EQ(notifier.RunOnce()->retried, 1);  // second failure: next in 60 s
  clock_.Advance(59 * kSecondMs);
  EXPECT_EQ(notifier.RunOnce()->sent, 0);
  clock_.Advance(kSecondMs);
  EXPECT_EQ(notifier.RunOnce()->sent, 1);
  auto sent = store_->ListMessages(store::OutboxMessage::State::kSent, 10, 0);
  ASSERT_EQ(sent->total, 1);
  EXPECT_EQ(sent->items[0].attempts, 3);

  // A sender that never succeeds: failed after max_attempts, visible to admins.
  ASSERT_TRUE(svc_->SubmitPublic(n).ok());
  FakeSender dead(/*failures=*/1000);
  Notifier doomed(*svc_, dead, NotifierOptions{.max_attempts = 3});
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(doomed.RunOnce().ok());
    clock_.Advance(kHourMs);
  }
  Actor admin = Actor::System();
  auto failed = svc_->ListNotifications(admin, store::OutboxMessage::State::kFailed, 10, 0);
  ASSERT_TRUE(failed.ok());
  ASSERT_EQ(failed->total, 1);
  EXPECT_EQ(failed->items[0].attempts, 3);
  EXPECT_NE(failed->items[0].last_error.find("gateway down"), std::string::npos);
  EXPECT_EQ(failed->items[0].address, "138****1234");  // masked for the admin's screen
  EXPECT_EQ(svc_->ListNotifications(sup_, std::nullopt, 10, 0).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(NotifierTest, StaleEventsSendNothing) {
  NewTicket n;
  n.title = "咨询";
  n.body = "咨询公积金提取。";
  n.citizen_phone = "13812341234";
  n.region_code = "XD.A.A3";
  ASSERT_TRUE(svc_->SubmitPublic(n).ok());
  clock_.Advance(2 * kDayMs);  // the notifier was off for two days
  FakeSender sender;
  Notifier notifier(*svc_, sender);
  auto pass = notifier.RunOnce();
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->events, 1);
  EXPECT_EQ(pass->enqueued, 0);
  EXPECT_TRUE(sender.sent.empty());
}

TEST_F(NotifierTest, ApprovedExtensionTellsTheCitizenTheNewDeadline) {
  NewTicket n;
  n.title = "路灯不亮";
  n.body = "路灯坏了。";
  n.citizen_phone = "13812341234";
  n.region_code = "XD.A.A3";
  auto t = svc_->SubmitPublic(n);
  ASSERT_TRUE(t.ok());
  Act(dispatcher_, t->ticket.id, EventType::kDispatch);
  Act(unit_, t->ticket.id, EventType::kAccept);
  ActionRequest ext;
  ext.type = EventType::kExtensionRequest;
  ext.reason = "需采购配件";
  ext.due_at = kT0 + 12 * kDayMs;
  ASSERT_TRUE(svc_->Perform(unit_, t->ticket.id, ext).ok());
  Act(sup_, t->ticket.id, EventType::kExtensionApprove, "同意");
  FakeSender sender;
  Notifier notifier(*svc_, sender);
  ASSERT_TRUE(notifier.RunOnce().ok());
  int extended = 0;
  for (const auto& m : sender.sent) {
    if (m.kind != "extended") continue;
    ++extended;
    EXPECT_EQ(m.audience, store::OutboxMessage::Audience::kCitizen);
    EXPECT_NE(m.body.find(FormatIsoCst(kT0 + 12 * kDayMs)), std::string::npos) << m.body;
  }
  EXPECT_EQ(extended, 1);
}

TEST(LogSender, WritesOneLineWithTheCitizensPhoneMasked) {
  std::ostringstream out;
  LogSender log(out);
  store::OutboxMessage m;
  m.id = 7;
  m.kind = "received";
  m.address = "13812341234";
  m.body = "已受理";
  ASSERT_TRUE(log.Send(m).ok());
  EXPECT_EQ(out.str(), "notify id=7 kind=received to=citizen:138****1234 ticket=0 body=\"已受理\"\n");
}

}  // namespace
}  // namespace lianxin::service
