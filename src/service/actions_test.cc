// The SLA scheduler (Service::RunSlaScan) across restarts (issue 4, part A):
// a scan stopped after k of n alarms, or a process that dies between two
// alarm writes, loses and repeats nothing once restarted over the same store.
// The clock is injected; nothing sleeps.
#include <gtest/gtest.h>

#include <atomic>

#include "service/service.h"
#include "store/forwarding_store.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

// A store whose writes stop after `budget` appended events, as if the process
// had been killed between two alarm commits: the budget's worth is stored (a
// batch that crosses it keeps its first events, as a smaller committed chunk
// would), then calls fail with kUnavailable and store nothing more. Everything
// else goes to the real store.
class DyingStore final : public store::ForwardingStore {
 public:
  DyingStore(store::Store& real, int budget) : ForwardingStore(real), budget_(budget) {}
  Result<Ticket> AppendEvent(const Ticket& next, const TicketEvent& event) override {
    if (budget_-- <= 0) return Status::Unavailable("killed");
    return inner_.AppendEvent(next, event);
  }
  Result<std::vector<bool>> AppendEvents(
      const std::vector<std::pair<Ticket, TicketEvent>>& writes) override {
    int left = budget_.load();
    if (left <= 0) return Status::Unavailable("killed");
    if (static_cast<size_t>(left) >= writes.size()) {
      budget_ -= static_cast<int>(writes.size());
      return inner_.AppendEvents(writes);
    }
    budget_ = 0;
    std::vector<std::pair<Ticket, TicketEvent>> head(writes.begin(), writes.begin() + left);
    auto stored = inner_.AppendEvents(head);
    if (!stored.ok()) return stored.status();
    return Status::Unavailable("killed");
  }

 private:
  std::atomic<int> budget_;
};

class SlaScan : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  // (Re)opens the store file and a service over it, as a restarted process does.
  void Open() {
    svc_.reset();
    store_.reset();
    auto s = store::OpenSqliteStore(dir_.File("scan.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
  }

  // `n` tickets dispatched now (7-day deadline); their ids.
  std::vector<TicketId> Dispatch(int n) {
    if (store_->ListUnits()->empty()) {
      EXPECT_TRUE(store_->PutRegions({{"XD.A.A3", "A3区", "", RegionLevel::kDistrict}}).ok());
      EXPECT_TRUE(store_->PutUnits({{"XD.A.A3/zjj", "A3区住建局", "zjj", "XD.A.A3"}}).ok());
      EXPECT_TRUE(svc_->ReloadDirectory().ok());
    }
    Actor dispatcher;
    dispatcher.username = "paidan";
    dispatcher.role = Role::kDispatcher;
    std::vector<TicketId> ids;
    for (int i = 0; i < n; ++i) {
      NewTicket in;
      in.title = "路灯不亮" + std::to_string(i);
      in.body = "A3区某路段路灯坏了。";
      in.citizen_phone = "13812341234";
      in.region_code = "XD.A.A3";
      auto t = svc_->SubmitPublic(in);
      EXPECT_TRUE(t.ok());
      ActionRequest r;
      r.type = EventType::kDispatch;
      r.unit_code = "XD.A.A3/zjj";
      EXPECT_TRUE(svc_->Perform(dispatcher, t->ticket.id, r).ok());
      ids.push_back(t->ticket.id);
    }
    return ids;
  }

  // How many events of `type` each ticket has.
  std::vector<int> Count(const std::vector<TicketId>& ids, EventType type) {
    std::vector<int> out;
    for (TicketId id : ids) {
      int n = 0;
      for (const TicketEvent& e : *store_->ListEvents(id)) n += e.type == type;
      out.push_back(n);
    }
    return out;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
};

TEST_F(SlaScan, StoppedAfterKOfNThenRestartedLosesAndRepeatsNothing) {
  constexpr int kN = 25;
  std::vector<TicketId> ids = Dispatch(kN);
  clock_.Advance(6 * kDayMs);  // past 80% of 7 days: every reminder is due
  auto first = svc_->RunSlaScan(10);  // the scan stops after 10 of 25 ...
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 10);
  Open();  // ... and the process restarts
  auto rest = svc_->RunSlaScan(1000);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, kN - 10);
  EXPECT_EQ(*svc_->RunSlaScan(1000), 0);
  EXPECT_EQ(Count(ids, EventType::kReminder), std::vector<int>(kN, 1));
  EXPECT_EQ(Count(ids, EventType::kEscalation), std::vector<int>(kN, 0));

  clock_.Advance(2 * kDayMs);  // past the deadline: escalations, again interrupted
  EXPECT_EQ(*svc_->RunSlaScan(7), 7);
  Open();
  EXPECT_EQ(*svc_->RunSlaScan(1000), kN - 7);
  EXPECT_EQ(*svc_->RunSlaScan(1000), 0);
  EXPECT_EQ(Count(ids, EventType::kReminder), std::vector<int>(kN, 1));
  EXPECT_EQ(Count(ids, EventType::kEscalation), std::vector<int>(kN, 1));
  for (TicketId id : ids) EXPECT_EQ(store_->GetTicket(id)->next_alarm_at, 0);
}

TEST_F(SlaScan, KilledBetweenTwoAlarmWritesLosesAndRepeatsNothing) {
  constexpr int kN = 12;
  std::vector<TicketId> ids = Dispatch(kN);
  clock_.Advance(6 * kDayMs);
  {
    DyingStore dying(*store_, /*budget=*/5);  // the process dies after 5 alarms were stored
    Service doomed(dying, clock_);
    auto r = doomed.RunSlaScan(1000);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  }
  EXPECT_EQ(store_->ListAlarms(clock_.Now(), 1000)->size(), static_cast<size_t>(kN - 5));
  Open();  // restart over the same file
  EXPECT_EQ(*svc_->RunSlaScan(1000), kN - 5);
  EXPECT_EQ(*svc_->RunSlaScan(1000), 0);
  EXPECT_EQ(Count(ids, EventType::kReminder), std::vector<int>(kN, 1));
}

// A store that changes the first listed ticket (a note, as a concurrent API
// write would) right after handing out the scheduler's work list, so the scan's
// batched write finds a stale version for it.
class RacingStore final : public store::ForwardingStore {
 public:
  explicit RacingStore(store::Store& real) : ForwardingStore(real) {}
  Result<std::vector<Ticket>> ListAlarms(TimeMs now, int limit) override {
    auto due = inner_.ListAlarms(now, limit);
    if (due.ok() && !due->empty()) {
      Ticket next = due->front();
      next.version += 1;
      TicketEvent note;
      note.type = EventType::kNote;
      note.actor = "paidan";
      note.at = now;
      note.content = "同时写入";
      EXPECT_TRUE(inner_.AppendEvent(next, note).ok());
    }
    return due;
  }
};

TEST_F(SlaScan, TicketChangedDuringThePassIsRetriedOnceReloaded) {
  constexpr int kN = 6;
  std::vector<TicketId> ids = Dispatch(kN);
  clock_.Advance(6 * kDayMs);
  RacingStore racing(*store_);
  Service svc(racing, clock_);
  EXPECT_EQ(*svc.RunSlaScan(1000), kN);  // the raced ticket too, from its reloaded version
  EXPECT_EQ(*svc_->RunSlaScan(1000), 0);
  EXPECT_EQ(Count(ids, EventType::kReminder), std::vector<int>(kN, 1));
  EXPECT_EQ(Count({ids[0]}, EventType::kNote), std::vector<int>{1});
}

TEST_F(SlaScan, PassesAreBoundedAndExtensionsMoveTheAlarm) {
  std::vector<TicketId> ids = Dispatch(5);
  clock_.Advance(6 * kDayMs);
  EXPECT_EQ(*svc_->RunSlaScan(2), 2);  // never more than the batch asked for
  EXPECT_EQ(*svc_->RunSlaScan(2), 2);
  EXPECT_EQ(*svc_->RunSlaScan(2), 1);
  // An approved extension is a new deadline: one new reminder and escalation for it.
  Actor unit;
  unit.username = "zj";
  unit.role = Role::kUnitHandler;
  unit.unit_code = "XD.A.A3/zjj";
  Actor sup;
  sup.username = "duban";
  sup.role = Role::kSupervisor;
  ActionRequest accept;
  accept.type = EventType::kAccept;
  ASSERT_TRUE(svc_->Perform(unit, ids[0], accept).ok());
  ActionRequest ext;
  ext.type = EventType::kExtensionRequest;
  ext.reason = "需协调";
  ext.due_at = kT0 + 17 * kDayMs;
  ASSERT_TRUE(svc_->Perform(unit, ids[0], ext).ok());
  ActionRequest ok;
  ok.type = EventType::kExtensionApprove;
  ok.reason = "同意";
  ASSERT_TRUE(svc_->Perform(sup, ids[0], ok).ok());
  EXPECT_EQ(*svc_->RunSlaScan(), 0);
  clock_.Set(kT0 + 15 * kDayMs);  // past 80% of the 17 days; the others escalate
  EXPECT_EQ(*svc_->RunSlaScan(), 5);
  EXPECT_EQ(Count({ids[0]}, EventType::kReminder), std::vector<int>{2});
  EXPECT_EQ(Count({ids[0]}, EventType::kEscalation), std::vector<int>{0});
  clock_.Set(kT0 + 17 * kDayMs);
  EXPECT_EQ(*svc_->RunSlaScan(), 1);
  EXPECT_EQ(*svc_->RunSlaScan(), 0);
  EXPECT_EQ(Count({ids[0]}, EventType::kEscalation), std::vector<int>{1});
}

}  // namespace
}  // namespace lianxin::service
