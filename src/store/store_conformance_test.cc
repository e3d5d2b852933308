// The storage conformance suite: every backend must pass it. Add a backend by
// adding a factory to kBackends below. The PostgreSQL cases need a server
// (LIANXIN_TEST_PG, set by scripts/test) and skip loudly without one.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <set>
#include <thread>

#include "store/store.h"
#include "testutil/testutil.h"
#ifdef LIANXIN_WITH_POSTGRES
#include "testutil/pg_testdb.h"
#else
namespace lianxin::testutil {
class PgTestDatabase {
 public:
  std::string error() const { return ""; }
};
}  // namespace lianxin::testutil
#endif

namespace lianxin::store {
namespace {

// A backend: where a fresh store lives (set up in `prepare`, which may skip the
// test), opened again by the same location after a close.
struct Backend {
  const char* name;
  // A fresh location for this test ("" with *skip set: no such backend here).
  std::function<std::string(const testutil::TempDir&, std::unique_ptr<testutil::PgTestDatabase>&,
                            std::string* skip)>
      prepare;
};

const Backend kBackends[] = {
    {"sqlite",
     [](const testutil::TempDir& d, std::unique_ptr<testutil::PgTestDatabase>&, std::string*) {
       return d.File("t.db");
     }},
    // ---- PostgreSQL store (issue 9): a database of its own per test ----
    {"postgres",
     [](const testutil::TempDir&, std::unique_ptr<testutil::PgTestDatabase>& db,
        std::string* skip) -> std::string {
#ifdef LIANXIN_WITH_POSTGRES
       if (testutil::PgTestServerUrl().empty()) {
         *skip = testutil::PgSkipMessage();
         return "";
       }
       db = std::make_unique<testutil::PgTestDatabase>();
       if (!db->ok()) *skip = "";  // a server was promised: fail below, do not skip
       return db->url();
#else
       (void)db;
       *skip = "built with LIANXIN_WITH_POSTGRES=OFF";
       return "";
#endif
     }},
};

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    location_ = GetParam().prepare(dir_, db_, &skip);
    if (location_.empty() && !skip.empty()) {
      std::cerr << skip << std::endl;
      GTEST_SKIP() << skip;
    }
    ASSERT_FALSE(location_.empty()) << (db_ ? db_->error() : "no location");
    auto s = OpenStore(location_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // The same store opened again (after store_.reset()).
  Result<std::unique_ptr<Store>> Reopen() { return OpenStore(location_); }

  Ticket NewTicket(const std::string& title, TimeMs at) {
    Ticket t;
    t.query_code = "Q1W2E3";
    t.kind = TicketKind::kComplaint;
    t.channel = Channel::kWeb;
    t.title = title;
    t.body = "小区夜间施工噪音扰民，" + title;
    t.citizen_phone = "13812341234";
    t.region_code = "XD.A.A3";
    t.category_code = "01.02.003";
    t.created_at = at;
    t.updated_at = at;
    return t;
  }

  TicketEvent Received(TimeMs at) {
    TicketEvent e;
    e.type = EventType::kReceived;
    e.actor = "citizen";
    e.at = at;
    return e;
  }

  testutil::TempDir dir_;
  std::unique_ptr<testutil::PgTestDatabase> db_;  // PostgreSQL: dropped after the store closes
  std::string location_;
  std::unique_ptr<Store> store_;
};

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

TEST_P(StoreConformance, CreateAssignsNumberAndStoresFirstEvent) {
  auto t = store_->CreateTicket(NewTicket("噪音", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->number, "XD-20261129-000001");
  EXPECT_EQ(t->version, 1);
  auto t2 = store_->CreateTicket(NewTicket("噪音2", kT0 + 1), Received(kT0), "XD");
  ASSERT_TRUE(t2.ok());
  EXPECT_EQ(t2->number, "XD-20261129-000002");
  auto next_day = store_->CreateTicket(NewTicket("x", kT0 + kDayMs), Received(kT0), "XD");
  EXPECT_EQ(next_day->number, "XD-20261130-000001");

  auto got = store_->GetTicket(t->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, "噪音");
  EXPECT_EQ(got->citizen_phone, "13812341234");
  EXPECT_EQ(got->status, TicketStatus::kReceived);
  auto by_number = store_->GetTicketByNumber("XD-20261129-000002");
  ASSERT_TRUE(by_number.ok());
  EXPECT_EQ(by_number->id, t2->id);
  auto events = store_->ListEvents(t->id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, EventType::kReceived);
  EXPECT_EQ((*events)[0].ticket_id, t->id);
}

TEST_P(StoreConformance, CreateWithSeveralEventsIsOneWrite) {
  Ticket t = NewTicket("自动派单", kT0);
  t.status = TicketStatus::kDispatched;
  t.owner_unit = "XD.A.A3/zjj";
  TicketEvent dispatch = Received(kT0);
  dispatch.type = EventType::kDispatch;
  dispatch.actor = "dispatch-agent";
  auto stored = store_->CreateTicket(t, std::vector<TicketEvent>{Received(kT0), dispatch}, "XD");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->version, 2);
  auto events = store_->ListEvents(stored->id);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->at(1).actor, "dispatch-agent");
  EXPECT_EQ(store_->GetTicket(stored->id)->status, TicketStatus::kDispatched);
  EXPECT_EQ(store_->CreateTicket(t, std::vector<TicketEvent>{}, "XD").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, UnknownIdsAreNotFound) {
  EXPECT_EQ(store_->GetTicket(999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetTicketByNumber("XD-1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetUser("nobody").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetSession("h").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, AppendEventUsesOptimisticVersion) {
  auto t = store_->CreateTicket(NewTicket("路灯不亮", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  Ticket next = *t;
  next.status = TicketStatus::kDispatched;
  next.owner_unit = "XD.A.A3/zjj";
  next.version = t->version + 1;
  TicketEvent e;
  e.type = EventType::kDispatch;
  e.actor = "paidan";
  e.at = kT0 + 1000;
  ASSERT_TRUE(store_->AppendEvent(next, e).ok());
  // A second writer holding the old version loses.
  auto stale = store_->AppendEvent(next, e);
  EXPECT_EQ(stale.status().code(), StatusCode::kAborted);
  auto got = store_->GetTicket(t->id);
  EXPECT_EQ(got->status, TicketStatus::kDispatched);
  EXPECT_EQ(got->owner_unit, "XD.A.A3/zjj");
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(store_->ListEvents(t->id)->size(), 2u);
}

TEST_P(StoreConformance, WorkflowFieldsRoundTrip) {
  auto t = store_->CreateTicket(NewTicket("协办", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->revisit_resolved.has_value());
  Ticket next = *t;
  next.version = t->version + 1;
  next.accepted_at = kT0 + 1;
  next.first_contact_at = kT0 + 2;
  next.requested_due_at = kT0 + 3;
  next.reminded_at = kT0 + 4;
  next.escalated_at = kT0 + 5;
  next.assist_units = {"XD.A.A3/cg", "XD.A.A3/ga"};
  next.parent_id = 77;
  next.revisit_resolved = false;
  next.satisfaction = Satisfaction::kBasicallySatisfied;
  TicketEvent e;
  e.type = EventType::kRevisit;
  e.at = kT0 + 6;
  e.due_at = kT0 + 7;
  e.assist_units = {"XD.A.A3/cg"};
  e.parent_id = 78;
  e.resolved = true;
  e.satisfaction = Satisfaction::kUnsatisfied;
  e.category_code = "01.02.013";
  ASSERT_TRUE(store_->AppendEvent(next, e).ok());
  auto got = store_->GetTicket(t->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->accepted_at, kT0 + 1);
  EXPECT_EQ(got->first_contact_at, kT0 + 2);
  EXPECT_EQ(got->requested_due_at, kT0 + 3);
  EXPECT_EQ(got->reminded_at, kT0 + 4);
  EXPECT_EQ(got->escalated_at, kT0 + 5);
  EXPECT_EQ(got->assist_units, next.assist_units);
  EXPECT_EQ(got->parent_id, 77);
  EXPECT_EQ(got->revisit_resolved, std::optional<bool>(false));
  EXPECT_EQ(got->satisfaction, Satisfaction::kBasicallySatisfied);
  auto events = store_->ListEvents(t->id);
  ASSERT_EQ(events->size(), 2u);
  const TicketEvent& r = events->back();
  EXPECT_EQ(r.type, EventType::kRevisit);
  EXPECT_EQ(r.due_at, kT0 + 7);
  EXPECT_EQ(r.assist_units, e.assist_units);
  EXPECT_EQ(r.parent_id, 78);
  EXPECT_EQ(r.resolved, std::optional<bool>(true));
  EXPECT_EQ(r.satisfaction, Satisfaction::kUnsatisfied);
  EXPECT_EQ(r.category_code, "01.02.013");
  EXPECT_FALSE(events->front().resolved.has_value());
}

TEST_P(StoreConformance, AlarmsListDueTicketsOnly) {
  for (int i = 1; i <= 4; ++i) {
    auto t = store_->CreateTicket(NewTicket("催办" + std::to_string(i), kT0), Received(kT0), "XD");
    ASSERT_TRUE(t.ok());
    Ticket next = *t;
    next.version = t->version + 1;
    next.next_alarm_at = i == 4 ? 0 : kT0 + i * kHourMs;  // the fourth has nothing pending
    TicketEvent e;
    e.type = EventType::kNote;
    e.at = kT0;
    ASSERT_TRUE(store_->AppendEvent(next, e).ok());
  }
  auto due = store_->ListAlarms(kT0 + 2 * kHourMs, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ(due->at(0).title, "催办1");
  EXPECT_EQ(due->at(1).next_alarm_at, kT0 + 2 * kHourMs);
  EXPECT_EQ(store_->ListAlarms(kT0 + 9 * kHourMs, 1)->size(), 1u);
  EXPECT_TRUE(store_->ListAlarms(kT0, 10)->empty());
}

TEST_P(StoreConformance, NumbersStayUniqueUnderConcurrency) {
  constexpr int kThreads = 8, kPerThread = 25;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> numbers;
  std::atomic<int> failures{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kPerThread; ++k) {
        auto t = store_->CreateTicket(NewTicket("并发" + std::to_string(i), kT0), Received(kT0), "XD");
        if (!t.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        numbers.insert(t->number);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(store_->Stats()->tickets, kThreads * kPerThread);
}

TEST_P(StoreConformance, ListFiltersAndPaginates) {
  for (int i = 0; i < 30; ++i) {
    Ticket t = NewTicket(i % 2 ? "垃圾清运不及时" : "路灯损坏", kT0 + i * kHourMs);
    t.region_code = i % 3 == 0 ? "XD.B.B1" : "XD.A.A3";
    t.category_code = i % 2 ? "02.01.001" : "01.02.003";
    t.owner_unit = i < 10 ? "XD.A.A3/cg" : "";
    ASSERT_TRUE(store_->CreateTicket(t, Received(t.created_at), "XD").ok());
  }
  TicketFilter f;
  f.limit = 7;
  auto page = store_->ListTickets(f);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 30);
  ASSERT_EQ(page->items.size(), 7u);
  EXPECT_GT(page->items[0].created_at, page->items[6].created_at);  // newest first
  f.offset = 28;
  EXPECT_EQ(store_->ListTickets(f)->items.size(), 2u);

  TicketFilter by_region;
  by_region.region_prefix = "XD.B";
  EXPECT_EQ(store_->ListTickets(by_region)->total, 10);
  by_region.region_prefix = "XD.A.A3";
  EXPECT_EQ(store_->ListTickets(by_region)->total, 20);
  by_region.region_prefix = "XD.A.A";  // a prefix of a code is not a region
  EXPECT_EQ(store_->ListTickets(by_region)->total, 0);

  TicketFilter by_cat;
  by_cat.category_prefix = "02";
  EXPECT_EQ(store_->ListTickets(by_cat)->total, 15);
  TicketFilter by_unit;
  by_unit.owner_unit = "XD.A.A3/cg";
  EXPECT_EQ(store_->ListTickets(by_unit)->total, 10);
  TicketFilter by_time;
  by_time.created_from = kT0 + 10 * kHourMs;
  by_time.created_to = kT0 + 20 * kHourMs;
  EXPECT_EQ(store_->ListTickets(by_time)->total, 10);
  TicketFilter by_status;
  by_status.status = TicketStatus::kResolved;
  EXPECT_EQ(store_->ListTickets(by_status)->total, 0);

  TicketFilter unowned;
  unowned.unowned_open = true;
  EXPECT_EQ(store_->ListTickets(unowned)->total, 20);  // those without owner_unit

  TicketFilter bad;
  bad.limit = 0;
  EXPECT_EQ(store_->ListTickets(bad).status().code(), StatusCode::kInvalidArgument);
}

// ---- workflow lists (issue 4, part A) ----
TEST_P(StoreConformance, WorkflowListFilters) {
  // Ten tickets: i = 0..9, due at kT0 + i hours (none for i = 9), escalated when
  // i is even, lead XD.A.A3/zjj for i < 5 else XD.A.A3/cg, which assists i = 1 and 3
  // (together with XD.A.A3/cgj, whose code extends "cg": no false match).
  const TicketStatus statuses[] = {TicketStatus::kDispatched, TicketStatus::kAccepted,
                                   TicketStatus::kReopened, TicketStatus::kResolved};
  for (int i = 0; i < 10; ++i) {
    Ticket t = NewTicket("清单" + std::to_string(i), kT0 + i);
    t.status = statuses[i % 4];
    t.due_at = i == 9 ? 0 : kT0 + i * kHourMs;
    t.escalated_at = i % 2 == 0 ? kT0 : 0;
    t.owner_unit = i < 5 ? "XD.A.A3/zjj" : "XD.A.A3/cg";
    if (i == 1 || i == 3) t.assist_units = {"XD.A.A3/cgj", "XD.A.A3/cg"};
    if (i == 4) t.assist_units = {"XD.A.A3/cgj"};
    ASSERT_TRUE(store_->CreateTicket(t, Received(t.created_at), "XD").ok());
  }
  auto total = [&](const TicketFilter& f) { return store_->ListTickets(f)->total; };
  TicketFilter f;
  f.statuses = {TicketStatus::kDispatched, TicketStatus::kReopened};
  EXPECT_EQ(total(f), 5);  // i = 0, 2, 4, 6, 8
  f.status = TicketStatus::kReopened;  // both must hold
  EXPECT_EQ(total(f), 2);

  TicketFilter unit;
  unit.involved_unit = "XD.A.A3/cg";
  EXPECT_EQ(total(unit), 7);  // lead of 5..9, assisting 1 and 3
  unit.involvement = TicketFilter::Involvement::kLead;
  EXPECT_EQ(total(unit), 5);
  unit.involvement = TicketFilter::Involvement::kAssist;
  auto assisted = store_->ListTickets(unit);
  ASSERT_EQ(assisted->total, 2);
  unit.involved_unit = "XD.A.A3/cgj";
  EXPECT_EQ(total(unit), 3);  // 1, 3, 4

  TicketFilter due;
  due.due_from = kT0 + 2 * kHourMs;
  due.due_before = kT0 + 5 * kHourMs;
  due.due_first = true;
  auto page = store_->ListTickets(due);
  ASSERT_EQ(page->total, 3);
  EXPECT_EQ(page->items[0].title, "清单2");  // earliest deadline first
  EXPECT_EQ(page->items[2].title, "清单4");
  TicketFilter before;
  before.due_before = kT0 + 1;
  EXPECT_EQ(total(before), 1);  // i = 0; the ticket without a deadline is not "due before"
  TicketFilter from;
  from.due_from = kT0;
  EXPECT_EQ(total(from), 9);

  TicketFilter esc;
  esc.escalated = true;
  EXPECT_EQ(total(esc), 5);
}

// ---- notifications outbox (issue 4, part A) ----
TEST_P(StoreConformance, OutboxFeedCursorAndDelivery) {
  auto t = store_->CreateTicket(NewTicket("通知", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  Ticket next = *t;
  next.version = t->version + 1;
  TicketEvent note;
  note.type = EventType::kNote;
  note.at = kT0 + 1;
  ASSERT_TRUE(store_->AppendEvent(next, note).ok());
  auto feed = store_->ListEventsAfter(0, 10);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  ASSERT_EQ(feed->size(), 2u);
  EXPECT_EQ(feed->at(0).type, EventType::kReceived);
  EXPECT_EQ(feed->at(0).ticket_id, t->id);
  EXPECT_EQ(store_->ListEventsAfter(feed->at(0).id, 10)->size(), 1u);
  EXPECT_EQ(store_->ListEventsAfter(0, 1)->size(), 1u);

  EXPECT_EQ(*store_->GetCursor("notify"), 0);
  OutboxMessage m;
  m.event_id = feed->at(0).id;
  m.ticket_id = t->id;
  m.audience = OutboxMessage::Audience::kCitizen;
  m.address = "13812341234";
  m.kind = "received";
  m.body = "您的诉求已受理";
  m.next_attempt_at = kT0;
  m.created_at = kT0;
  OutboxMessage u = m;
  u.audience = OutboxMessage::Audience::kUnit;
  u.address = "XD.A.A3/cg";
  EXPECT_EQ(*store_->EnqueueMessages({m, u}, "notify", feed->at(0).id), 2);
  EXPECT_EQ(*store_->GetCursor("notify"), feed->at(0).id);
  // A replay (the deliverer restarted before seeing its cursor move) adds nothing.
  EXPECT_EQ(*store_->EnqueueMessages({m}, "notify", feed->at(1).id), 0);
  EXPECT_EQ(*store_->GetCursor("notify"), feed->at(1).id);
  EXPECT_EQ(*store_->GetCursor("other"), 0);

  auto due = store_->ListDueMessages(kT0, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ(due->at(0).address, "13812341234");
  EXPECT_GT(due->at(0).id, 0);
  EXPECT_TRUE(store_->ListDueMessages(kT0 - 1, 10)->empty());
  OutboxMessage retry = due->at(0);
  retry.attempts = 1;
  retry.next_attempt_at = kT0 + 30000;
  retry.last_error = "timeout";
  ASSERT_TRUE(store_->UpdateMessage(retry).ok());
  OutboxMessage sent = due->at(1);
  sent.state = OutboxMessage::State::kSent;
  sent.attempts = 1;
  sent.sent_at = kT0 + 5;
  ASSERT_TRUE(store_->UpdateMessage(sent).ok());
  EXPECT_TRUE(store_->ListDueMessages(kT0 + 29999, 10)->empty());
  auto later = store_->ListDueMessages(kT0 + 30000, 10);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ(later->at(0).last_error, "timeout");
  EXPECT_EQ(later->at(0).attempts, 1);
  OutboxMessage missing = sent;
  missing.id = 999999;
  EXPECT_EQ(store_->UpdateMessage(missing).code(), StatusCode::kNotFound);
  // A batch is all or none: one unknown id leaves the other message as it was.
  OutboxMessage failed = later->at(0);
  failed.state = OutboxMessage::State::kFailed;
  failed.attempts = 5;
  EXPECT_EQ(store_->UpdateMessages({failed, missing}).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListDueMessages(kT0 + 30000, 10)->at(0).attempts, 1);
  ASSERT_TRUE(store_->UpdateMessages({failed}).ok());
  EXPECT_TRUE(store_->ListDueMessages(kT0 + 30000, 10)->empty());
  EXPECT_TRUE(store_->UpdateMessages({}).ok());

  auto all = store_->ListMessages(std::nullopt, 10, 0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 2);
  EXPECT_GT(all->items[0].id, all->items[1].id);  // newest first
  auto done = store_->ListMessages(OutboxMessage::State::kSent, 10, 0);
  ASSERT_EQ(done->total, 1);
  EXPECT_EQ(done->items[0].sent_at, kT0 + 5);
  EXPECT_EQ(done->items[0].audience, OutboxMessage::Audience::kUnit);
  EXPECT_EQ(store_->ListMessages(OutboxMessage::State::kFailed, 10, 0)->total, 1);
  EXPECT_EQ(store_->ListMessages(std::nullopt, 0, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseOutboxState("failed"), OutboxMessage::State::kFailed);
  EXPECT_FALSE(ParseOutboxState("lost").has_value());
}

TEST_P(StoreConformance, FullTextSearchFindsChineseTerms) {
  ASSERT_TRUE(store_->CreateTicket(NewTicket("垃圾清运不及时", kT0), Received(kT0), "XD").ok());
  ASSERT_TRUE(store_->CreateTicket(NewTicket("路灯损坏", kT0), Received(kT0), "XD").ok());
  TicketFilter f;
  f.text = "垃圾清运";
  EXPECT_EQ(store_->ListTickets(f)->total, 1);
  f.text = "路灯";  // two characters: below the trigram length
  EXPECT_EQ(store_->ListTickets(f)->total, 1);
  f.text = "施工噪音";  // in both bodies
  EXPECT_EQ(store_->ListTickets(f)->total, 2);
  f.text = "施工噪音 路灯";
  EXPECT_EQ(store_->ListTickets(f)->total, 1);
  f.text = "\"; DROP TABLE tickets; --";
  EXPECT_TRUE(store_->ListTickets(f).ok());
  f.text = "地铁";
  EXPECT_EQ(store_->ListTickets(f)->total, 0);
}

// Creates from many threads share commits; each acknowledged ticket, and each
// imported one, is in the full-text index.
TEST_P(StoreConformance, FullTextSearchFindsConcurrentAndImportedTickets) {
  constexpr int kThreads = 8, kPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kPerThread; ++k) {
        std::string title = "井盖缺失编号" + std::to_string(i * 1000 + k);
        if (store_->CreateTicket(NewTicket(title, kT0), Received(kT0), "XD").ok()) ++created;
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(created.load(), kThreads * kPerThread);
  TicketFilter f;
  f.text = "井盖缺失";
  EXPECT_EQ(store_->ListTickets(f)->total, kThreads * kPerThread);
  f.text = "井盖缺失编号3017";
  EXPECT_EQ(store_->ListTickets(f)->total, 1);

  TicketWithEvents old;
  old.ticket = NewTicket("历史留言农贸市场占道经营", kT0 - kDayMs);
  old.ticket.number = "XD-20200101-000001";
  old.events.push_back(Received(kT0 - kDayMs));
  ASSERT_EQ(*store_->ImportTickets({old}), 1);
  f.text = "农贸市场占道";
  EXPECT_EQ(store_->ListTickets(f)->total, 1);
}

TEST_P(StoreConformance, ReferenceDataRoundTrips) {
  ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                  {"XD.A", "A市", "XD", RegionLevel::kCity}})
                  .ok());
  ASSERT_TRUE(store_->PutUnits({{"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"}}).ok());
  ASSERT_TRUE(store_->PutCategories({{"01", "城乡建设", "", 1}}).ok());
  ASSERT_TRUE(store_->PutDutyRules({{"01", "zjj", RegionLevel::kCity, ""}}).ok());
  EXPECT_EQ(store_->ListRegions()->size(), 2u);
  EXPECT_EQ(store_->ListRegions()->at(1).level, RegionLevel::kCity);
  EXPECT_EQ(store_->ListUnits()->at(0).name, "A市住房和城乡建设局");
  EXPECT_EQ(store_->ListCategories()->at(0).level, 1);
  EXPECT_EQ(store_->ListDutyRules()->at(0).unit_type, "zjj");
  // Duty rules are replaced as a whole.
  ASSERT_TRUE(store_->PutDutyRules({}).ok());
  EXPECT_TRUE(store_->ListDutyRules()->empty());
}

// ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
TEST_P(StoreConformance, ReferenceEditAppliesWithItsAuditRecord) {
  ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince}}).ok());
  ASSERT_TRUE(store_->PutDutyRules({{"01", "zjj", RegionLevel::kCity, ""}}).ok());
  store::ReferenceEdit edit;
  edit.regions = {{"XD.A", "A市", "XD", RegionLevel::kCity}};
  edit.units = {{"XD.A/zjj", "A市住建局", "zjj", "XD.A"}};
  edit.categories = {{"01", "城乡建设", "", 1}};
  auto first = store_->ApplyReferenceEdit(
      edit, {0, 1000, "admin", "unit", "XD.A/zjj", "", "name=A市住建局"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(store_->ListRegions()->size(), 2u);
  EXPECT_EQ(store_->ListUnits()->at(0).name, "A市住建局");
  EXPECT_EQ(store_->ListCategories()->size(), 1u);
  // Without duty_rules the catalog is untouched; with them it is replaced.
  EXPECT_EQ(store_->ListDutyRules()->size(), 1u);
  store::ReferenceEdit rename;
  rename.units = {{"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"}};
  rename.duty_rules = std::vector<DutyRule>{{"01", "zjj", RegionLevel::kCity, "漏水"},
                                            {"01", "cg", RegionLevel::kDistrict, ""}};
  auto second = store_->ApplyReferenceEdit(
      rename, {0, 2000, "admin2", "unit", "XD.A/zjj", "name=A市住建局", "name=A市住房和城乡建设局"});
  ASSERT_TRUE(second.ok());
  EXPECT_GT(*second, *first);
  EXPECT_EQ(store_->ListUnits()->size(), 1u);
  EXPECT_EQ(store_->ListUnits()->at(0).name, "A市住房和城乡建设局");
  auto rules = store_->ListDutyRules();
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ(rules->at(0).keywords, "漏水");
  EXPECT_EQ(rules->at(1).unit_type, "cg");
  auto log = store_->ListReferenceChanges(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(0).id, *second);  // newest first
  EXPECT_EQ(log->at(0).actor, "admin2");
  EXPECT_EQ(log->at(0).at, 2000);
  EXPECT_EQ(log->at(0).before, "name=A市住建局");
  EXPECT_EQ(log->at(0).after, "name=A市住房和城乡建设局");
  EXPECT_EQ(log->at(1).before, "");
  EXPECT_EQ(store_->ListReferenceChanges(1)->size(), 1u);
  EXPECT_EQ(store_->ListReferenceChanges(0).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, SlaRulesAndCalendarReplaceWithAudit) {
  EXPECT_TRUE(store_->ListSlaRules()->empty());
  EXPECT_TRUE(store_->ListCalendarDays()->empty());
  std::vector<store::SlaRuleRow> rules = {
      {"deadline", "*", "*", "*", "*", 7, "days", "一般"},
      {"deadline", "*", "critical", "*", "*", 2, "hours", "特急"}};
  std::vector<store::CalendarDayRow> days = {{"2026-10-01", "holiday", "国庆节"},
                                             {"2026-09-27", "workday", "调休"}};
  ASSERT_TRUE(store_->PutSlaConfig(rules, days, {0, 1, "system", "sla_seed", "", "", "seed"}).ok());
  auto stored = store_->ListSlaRules();
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ(stored->at(1).urgency, "critical");
  EXPECT_EQ(stored->at(1).amount, 2);
  EXPECT_EQ(stored->at(1).note, "特急");
  auto cal = store_->ListCalendarDays();
  ASSERT_EQ(cal->size(), 2u);
  EXPECT_EQ(cal->at(0).date, "2026-09-27");  // by date
  EXPECT_EQ(cal->at(1).note, "国庆节");
  // Only the calendar: the rules stay.
  ASSERT_TRUE(store_->PutSlaConfig(std::nullopt, std::vector<store::CalendarDayRow>{},
                                   {0, 2, "admin", "calendar", "2026-10-01", "holiday", ""})
                  .ok());
  EXPECT_EQ(store_->ListSlaRules()->size(), 2u);
  EXPECT_TRUE(store_->ListCalendarDays()->empty());
  // A repeated date is refused and changes nothing, audit included.
  auto bad = store_->PutSlaConfig(rules,
                                  std::vector<store::CalendarDayRow>{{"2026-10-01", "holiday", ""},
                                                                     {"2026-10-01", "workday", ""}},
                                  {0, 3, "admin", "calendar", "", "", ""});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListReferenceChanges(10)->size(), 2u);
  EXPECT_EQ(store_->ListReferenceChanges(10)->at(0).kind, "calendar");
}
// ---- end reference data, SLA policies and the calendar ----

TEST_P(StoreConformance, UsersSessionsAndAccessLog) {
  User u;
  u.username = "paidan";
  u.display_name = "派单员";
  u.role = Role::kDispatcher;
  u.password_hash = "$argon2id$...";
  ASSERT_TRUE(store_->PutUser(u).ok());
  EXPECT_EQ(store_->GetUser("paidan")->role, Role::kDispatcher);
  ASSERT_TRUE(store_->PutSession({"h1", "paidan", 1, 2}).ok());
  EXPECT_EQ(store_->GetSession("h1")->username, "paidan");
  ASSERT_TRUE(store_->DeleteSession("h1").ok());
  EXPECT_FALSE(store_->GetSession("h1").ok());
  // ---- security (issue 9) ----
  ASSERT_TRUE(store_->PutSession({"h2", "paidan", 1, 2}).ok());
  ASSERT_TRUE(store_->PutSession({"h3", "paidan", 1, 2}).ok());
  ASSERT_TRUE(store_->PutSession({"h4", "admin", 1, 2}).ok());
  auto revoked = store_->DeleteUserSessions("paidan");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(*revoked, 2);
  EXPECT_FALSE(store_->GetSession("h2").ok());
  EXPECT_FALSE(store_->GetSession("h3").ok());
  EXPECT_EQ(store_->GetSession("h4")->username, "admin");
  EXPECT_EQ(*store_->DeleteUserSessions("nobody"), 0);
  ASSERT_TRUE(store_->LogAccess({5, "paidan", "dispatcher", 7, "citizen_phone", "ticket.get"}).ok());
  auto log = store_->ListAccess(10);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->at(0).ticket_id, 7);
}

TEST_P(StoreConformance, ImportIsIdempotent) {
  TicketWithEvents item;
  item.ticket = NewTicket("历史留言", kT0);
  item.ticket.number = "XD-H-000024";
  item.ticket.status = TicketStatus::kArchived;
  item.events.push_back(Received(kT0));
  TicketEvent archive = Received(kT0 + 1);
  archive.type = EventType::kArchive;
  item.events.push_back(archive);
  EXPECT_EQ(*store_->ImportTickets({item}), 1);
  EXPECT_EQ(*store_->ImportTickets({item}), 0);
  auto t = store_->GetTicketByNumber("XD-H-000024");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->version, 2);
  EXPECT_EQ(store_->ListEvents(t->id)->size(), 2u);
}

TEST_P(StoreConformance, DataSurvivesReopen) {
  auto t = store_->CreateTicket(NewTicket("持久", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  store_.reset();
  auto again = Reopen();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->GetTicket(t->id)->title, "持久");
}

// ---- evaluation rollups (issue 4, part B) ----
TEST_P(StoreConformance, ListEventsAfterAndTicketScans) {
  auto a = store_->CreateTicket(NewTicket("甲", kT0), Received(kT0), "XD");
  auto b = store_->CreateTicket(NewTicket("乙", kT0 + 5), Received(kT0 + 5), "XD");
  ASSERT_TRUE(a.ok() && b.ok());
  Ticket next = *a;
  next.version = 2;
  TicketEvent note = Received(kT0 + 9);
  note.type = EventType::kNote;
  note.reason = "备注";
  ASSERT_TRUE(store_->AppendEvent(next, note).ok());
  auto all = store_->ListEventsAfter(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_LT((*all)[0].id, (*all)[1].id);
  EXPECT_EQ((*all)[2].reason, "备注");
  auto tail = store_->ListEventsAfter((*all)[0].id, 1);
  ASSERT_EQ(tail->size(), 1u);
  EXPECT_EQ((*tail)[0].id, (*all)[1].id);
  EXPECT_FALSE(store_->ListEventsAfter(0, 0).ok());

  auto scan = store_->ListTicketsWithEvents(0, 10);
  ASSERT_TRUE(scan.ok());
  ASSERT_EQ(scan->size(), 2u);
  EXPECT_EQ((*scan)[0].ticket.id, a->id);
  EXPECT_EQ((*scan)[0].events.size(), 2u);
  EXPECT_EQ((*scan)[1].events.size(), 1u);
  EXPECT_EQ(store_->ListTicketsWithEvents(a->id, 10)->size(), 1u);
  auto keys = store_->ListTicketKeys(0, 1);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0].id, a->id);
  EXPECT_EQ((*keys)[0].region_code, "XD.A.A3");
  EXPECT_EQ((*keys)[0].created_at, kT0);
}

TEST_P(StoreConformance, RollupBatchesAddUpAndGuardTheCursor) {
  EXPECT_EQ(*store_->GetRollupCursor("eval"), 0);
  RollupBatch b;
  b.cursor_name = "eval";
  b.expected_cursor = 0;
  b.cursor = 7;
  RollupCell c1{"d", 20260105, "unit", "XD.A/zjj", {}};
  c1.n[0] = 2;
  c1.n[20] = 1;
  RollupCell c2 = c1;
  c2.period = 20260107;
  c2.n[0] = 3;
  RollupCell other = c1;
  other.key = "XD.A/cg";
  b.deltas = {c1, c2, other};
  b.contributions = {{11, "XD.A.A3", "01.02", kT0, "p1"}, {12, "XD.A.A3", "01.02", kT0 + kDayMs, "p2"}};
  ASSERT_TRUE(store_->ApplyRollupBatch(b).ok());
  EXPECT_EQ(*store_->GetRollupCursor("eval"), 7);
  // A second updater with a stale cursor is refused and changes nothing.
  EXPECT_EQ(store_->ApplyRollupBatch(b).code(), StatusCode::kAborted);

  RollupBatch minus;
  minus.cursor_name = "eval";
  minus.expected_cursor = 7;
  minus.cursor = 9;
  RollupCell d = c1;
  d.n[0] = -1;
  d.n[20] = 0;
  minus.deltas = {d};
  minus.contributions = {{11, "XD.A.A3", "01.02", kT0, "p1b"}};
  ASSERT_TRUE(store_->ApplyRollupBatch(minus).ok());

  auto sums = store_->SumRollups("d", "unit", 20260101, 20260131);
  ASSERT_TRUE(sums.ok());
  ASSERT_EQ(sums->size(), 2u);
  EXPECT_EQ((*sums)[0].key, "XD.A/cg");
  EXPECT_EQ((*sums)[0].n[0], 2);
  EXPECT_EQ((*sums)[1].key, "XD.A/zjj");
  EXPECT_EQ((*sums)[1].n[0], 2 - 1 + 3);
  EXPECT_EQ((*sums)[1].n[20], 2);
  EXPECT_EQ(store_->SumRollups("d", "unit", 20260106, 20260131)->front().n[0], 3);
  EXPECT_TRUE(store_->SumRollups("m", "unit", 202601, 202612)->empty());

  auto got = store_->GetRollupContributions({11, 12, 99});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 2u);
  for (const RollupContribution& k : *got) {
    EXPECT_EQ(k.payload, k.ticket_id == 11 ? "p1b" : "p2");
  }
  EXPECT_TRUE(*store_->HasRollupPeer("XD.A.A3", "01.02", kT0, kT0 + 2 * kDayMs, 12));
  EXPECT_FALSE(*store_->HasRollupPeer("XD.A.A3", "01.02", kT0 + 1, kT0 + 2 * kDayMs, 12));
  EXPECT_FALSE(*store_->HasRollupPeer("XD.A.A3", "01.03", kT0, kT0 + 2 * kDayMs, 0));

  ASSERT_TRUE(store_->ResetRollups("eval", -1).ok());
  EXPECT_EQ(*store_->GetRollupCursor("eval"), -1);
  EXPECT_TRUE(store_->SumRollups("d", "unit", 0, 99999999)->empty());
  EXPECT_TRUE(store_->GetRollupContributions({11, 12})->empty());
}
// ---- end evaluation rollups ----
// ---- knowledge base (issue 5) ----
KbEntry NewKbEntry(const std::string& answer) {
  KbEntry e;
  e.status = KbEntryStatus::kDraft;
  e.questions = {"社保卡丢了怎么补办", "社保卡补办"};
  e.answer = answer;
  e.source = "社会保障卡管理办法";
  e.source_url = "https://example.gov.cn/sbk";
  e.owner_unit = "XD.A.RSJ";
  e.valid_from = "2026-01-01";
  e.valid_to = "2026-12-31";
  e.regions = {"XD.A", "XD.B"};
  e.tags = {"社保", "补办"};
  e.editor = "admin";
  e.edited_at = kT0;
  return e;
}

TEST_P(StoreConformance, KbEntryRoundTripsEveryField) {
  auto created = store_->CreateKbEntry(NewKbEntry("携带身份证到窗口补办。"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->version, 1);
  auto versions = store_->ListKbEntryVersions(created->id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  const KbEntry& e = versions->front();
  EXPECT_EQ(e.questions, (std::vector<std::string>{"社保卡丢了怎么补办", "社保卡补办"}));
  EXPECT_EQ(e.answer, "携带身份证到窗口补办。");
  EXPECT_EQ(e.source, "社会保障卡管理办法");
  EXPECT_EQ(e.source_url, "https://example.gov.cn/sbk");
  EXPECT_EQ(e.owner_unit, "XD.A.RSJ");
  EXPECT_EQ(e.valid_from, "2026-01-01");
  EXPECT_EQ(e.valid_to, "2026-12-31");
  EXPECT_EQ(e.regions, (std::vector<std::string>{"XD.A", "XD.B"}));
  EXPECT_EQ(e.tags, (std::vector<std::string>{"社保", "补办"}));
  EXPECT_EQ(e.editor, "admin");
  EXPECT_EQ(e.edited_at, kT0);
  EXPECT_EQ(e.status, KbEntryStatus::kDraft);
  EXPECT_EQ(store_->ListKbEntryVersions(999).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, KbEditKeepsHistoryAndPublishRetiresOld) {
  auto v1 = store_->CreateKbEntry(NewKbEntry("第一版。"));
  ASSERT_TRUE(v1.ok());
  ASSERT_TRUE(store_->SetKbEntryStatus(v1->id, 1, KbEntryStatus::kPublished).ok());
  EXPECT_EQ(store_->ListKbEntries(true)->size(), 1u);
  KbEntry edit = *v1;
  edit.answer = "第二版。";
  edit.editor = "zhujian_a3";
  edit.edited_at = kT0 + 1000;
  edit.status = KbEntryStatus::kDraft;
  auto v2 = store_->AddKbEntryVersion(edit);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, 2);
  // The draft does not replace the published version...
  auto published = store_->ListKbEntries(true);
  ASSERT_EQ(published->size(), 1u);
  EXPECT_EQ(published->front().version, 1);
  auto latest = store_->ListKbEntries(false);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->front().version, 2);
  // ...until it is published, which retires version 1; both stay in the history.
  ASSERT_TRUE(store_->SetKbEntryStatus(v1->id, 2, KbEntryStatus::kPublished).ok());
  auto history = store_->ListKbEntryVersions(v1->id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].answer, "第一版。");
  EXPECT_EQ((*history)[0].status, KbEntryStatus::kRetired);
  EXPECT_EQ((*history)[1].answer, "第二版。");
  EXPECT_EQ((*history)[1].editor, "zhujian_a3");
  EXPECT_EQ((*history)[1].status, KbEntryStatus::kPublished);
  EXPECT_EQ(store_->ListKbEntries(true)->front().version, 2);
  EXPECT_EQ(store_->SetKbEntryStatus(v1->id, 7, KbEntryStatus::kPublished).code(), StatusCode::kNotFound);
  KbEntry unknown = edit;
  unknown.id = 999;
  EXPECT_EQ(store_->AddKbEntryVersion(unknown).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, KbImportAndSurviveReopen) {
  std::vector<KbEntry> batch;
  for (int i = 0; i < 3; ++i) {
    batch.push_back(NewKbEntry("答复 " + std::to_string(i)));
    batch.back().status = KbEntryStatus::kPublished;
  }
  EXPECT_EQ(*store_->ImportKbEntries(batch), 3);
  store_.reset();
  auto again = Reopen();
  ASSERT_TRUE(again.ok());
  auto all = (*again)->ListKbEntries(true);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(2).answer, "答复 2");
}
// ---- end knowledge base ----
// ---- AI seat assist log (issue 5) ----
TEST_P(StoreConformance, AssistLogRoundTripsAndListsByTime) {
  AssistRecord a;
  a.at = kT0 + 2000;
  a.channel = "staff";
  a.actor = "huawu";
  a.question = "社保卡丢了怎么补办";
  a.region = "XD.A.A3";
  a.answered = true;
  a.cited = {{7, 2}, {9, 1}};
  a.confidence = 0.75;
  a.phone_hash = "ab12";
  AssistRecord b;
  b.at = kT0 + 1000;  // earlier, appended later
  b.channel = "public";
  b.question = "投诉小区噪音";
  b.reasons = {"not_a_consultation", "low_confidence"};
  auto ida = store_->AppendAssistRecord(a);
  auto idb = store_->AppendAssistRecord(b);
  ASSERT_TRUE(ida.ok() && idb.ok()) << ida.status().ToString();
  EXPECT_NE(*ida, *idb);
  auto all = store_->ListAssistRecords(0, 0, 10);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].question, "投诉小区噪音");  // oldest first
  EXPECT_FALSE((*all)[0].answered);
  EXPECT_EQ((*all)[0].reasons, (std::vector<std::string>{"not_a_consultation", "low_confidence"}));
  EXPECT_TRUE((*all)[0].cited.empty());
  const AssistRecord& r = (*all)[1];
  EXPECT_EQ(r.id, *ida);
  EXPECT_EQ(r.at, kT0 + 2000);
  EXPECT_EQ(r.channel, "staff");
  EXPECT_EQ(r.actor, "huawu");
  EXPECT_EQ(r.region, "XD.A.A3");
  EXPECT_TRUE(r.answered);
  EXPECT_EQ(r.cited, (std::vector<std::pair<int64_t, int>>{{7, 2}, {9, 1}}));
  EXPECT_DOUBLE_EQ(r.confidence, 0.75);
  EXPECT_EQ(r.phone_hash, "ab12");
  auto window = store_->ListAssistRecords(kT0 + 1500, kT0 + 3000, 10);  // [from, to)
  ASSERT_TRUE(window.ok()) << window.status().ToString();
  ASSERT_EQ(window->size(), 1u);
  EXPECT_EQ(window->front().id, *ida);
  EXPECT_TRUE(store_->ListAssistRecords(kT0, kT0 + 1000, 10)->empty());
  EXPECT_EQ(store_->ListAssistRecords(0, 0, 1)->size(), 1u);
  EXPECT_EQ(store_->ListAssistRecords(0, 0, 0).status().code(), StatusCode::kInvalidArgument);
  store_.reset();  // acknowledged records survive a reopen
  auto again = Reopen();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->ListAssistRecords(0, 0, 10)->size(), 2u);
}
// ---- end AI seat assist log ----
// ---- open interfaces: Open311 and open data (issue 8) ----
TEST_P(StoreConformance, ApiClientsAreFoundByKeyHashOnly) {
  ApiClient a{"civic-app", std::string(64, 'a'), false, true, kT0};
  ApiClient b{"fixmystreet", std::string(64, 'b'), true, true, kT0};
  ASSERT_TRUE(store_->PutApiClient(a).ok());
  ASSERT_TRUE(store_->PutApiClient(b).ok());
  auto got = store_->GetApiClientByKeyHash(std::string(64, 'b'));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->name, "fixmystreet");
  EXPECT_TRUE(got->batch);
  EXPECT_EQ(store_->GetApiClientByKeyHash(std::string(64, 'c')).status().code(),
            StatusCode::kNotFound);
  b.active = false;  // replace: revoke
  ASSERT_TRUE(store_->PutApiClient(b).ok());
  EXPECT_FALSE(store_->GetApiClientByKeyHash(std::string(64, 'b'))->active);
  EXPECT_EQ(store_->ListApiClients()->size(), 2u);
  // Another client may not take a key hash in use.
  EXPECT_FALSE(store_->PutApiClient({"third", std::string(64, 'a'), false, true, kT0}).ok());
}

TEST_P(StoreConformance, Open311MetaAndTokensRoundTrip) {
  auto t = store_->CreateTicket(NewTicket("井盖缺失", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  Open311Meta m;
  m.ticket_id = t->id;
  m.client = "civic-app";
  m.account_id = "acc-1";
  m.email = "a@example.org";
  m.media_url = "https://example.org/1.jpg";
  m.attributes = {{"kind", "complaint"}, {"title", "井盖"}};
  Status put = store_->PutOpen311Meta(m);
  ASSERT_TRUE(put.ok()) << put.ToString();
  m.attributes = {{"kind", "help"}};  // replacing drops the old attributes
  ASSERT_TRUE(store_->PutOpen311Meta(m).ok());
  auto metas = store_->ListOpen311Meta({t->id, 999});
  ASSERT_TRUE(metas.ok());
  ASSERT_EQ(metas->size(), 1u);
  EXPECT_EQ((*metas)[0].email, "a@example.org");
  ASSERT_EQ((*metas)[0].attributes.size(), 1u);
  EXPECT_EQ((*metas)[0].attributes[0].second, "help");

  ASSERT_TRUE(store_->PutOpen311Token({"tok1", "request", t->id, kT0}).ok());
  EXPECT_EQ(store_->PutOpen311Token({"tok1", "request", 5, kT0}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->GetOpen311Token("tok1", "request")->target, t->id);
  EXPECT_EQ(store_->GetOpen311Token("tok1", "update").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, QueryTicketsCombinesListsAndRanges) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 12; ++i) {
    Ticket t = NewTicket("工单" + std::to_string(i), kT0 + i * kHourMs);
    t.category_code = i % 3 == 0 ? "02.01.001" : (i % 3 == 1 ? "01.02.003" : "03.01.001");
    t.updated_at = kT0 + (12 - i) * kHourMs;
    t.status = i < 4 ? TicketStatus::kResolved : TicketStatus::kReceived;
    auto s = store_->CreateTicket(t, Received(t.created_at), "XD");
    ASSERT_TRUE(s.ok());
    numbers.push_back(s->number);
  }
  TicketQuery q;
  q.limit = 100;
  EXPECT_EQ(store_->QueryTickets(q)->total, 12);
  q.category_codes = {"02", "01.02.003"};
  EXPECT_EQ(store_->QueryTickets(q)->total, 8);
  q.statuses = {TicketStatus::kResolved};
  EXPECT_EQ(store_->QueryTickets(q)->total, 3);  // i = 0, 1, 3
  TicketQuery by_number;
  by_number.numbers = {numbers[2], numbers[5], "XD-nope"};
  EXPECT_EQ(store_->QueryTickets(by_number)->total, 2);
  TicketQuery updated;
  updated.updated_from = kT0 + 10 * kHourMs;  // i = 0, 1, 2
  updated.oldest_first = true;
  auto page = store_->QueryTickets(updated);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].number, numbers[0]);
  updated.updated_to = kT0 + 12 * kHourMs;  // i = 1, 2
  EXPECT_EQ(store_->QueryTickets(updated)->total, 2);
  TicketQuery created;
  created.created_from = kT0 + 3 * kHourMs;
  created.created_to = kT0 + 5 * kHourMs;
  created.limit = 1;
  created.offset = 1;
  page = store_->QueryTickets(created);
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].number, numbers[3]);  // newest first: 4, then 3
  TicketQuery bad;
  bad.limit = 0;
  EXPECT_EQ(store_->QueryTickets(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, EventsBetweenAcrossTickets) {
  auto a = store_->CreateTicket(NewTicket("甲", kT0), Received(kT0), "XD");
  auto b = store_->CreateTicket(NewTicket("乙", kT0 + kHourMs), Received(kT0 + kHourMs), "XD");
  ASSERT_TRUE(a.ok() && b.ok());
  Ticket next = *a;
  next.version = 2;
  TicketEvent note;
  note.type = EventType::kNote;
  note.actor = "paidan";
  note.at = kT0 + 2 * kHourMs;
  note.is_public = false;
  ASSERT_TRUE(store_->AppendEvent(next, note).ok());
  auto all = store_->ListEventsBetween(kT0, 0, false, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].ticket_id, a->id);
  EXPECT_EQ((*all)[1].ticket_id, b->id);
  EXPECT_EQ(store_->ListEventsBetween(kT0, 0, true, 100)->size(), 2u);
  EXPECT_EQ(store_->ListEventsBetween(kT0 + kHourMs, kT0 + 2 * kHourMs, false, 100)->size(), 1u);
  EXPECT_EQ(store_->ListEventsBetween(kT0, 0, false, 1)->size(), 1u);
}
// ---- end open interfaces (issue 8) ----

// ---- department integration (issue 8 item 2) ----
TEST_P(StoreConformance, IntegrationsByUnitAndByKeyHash) {
  UnitIntegration g;
  g.unit_code = "XD.A.A3/zjj";
  g.url = "http://10.0.0.5:8080/hook";
  g.secret = "whsec_1";
  g.key_hash = std::string(64, 'a');
  g.events = {"dispatched", "reminder"};
  g.created_at = g.updated_at = kT0;
  ASSERT_TRUE(store_->PutIntegration(g).ok());
  auto got = store_->GetIntegration("XD.A.A3/zjj");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->url, g.url);
  EXPECT_EQ(got->secret, "whsec_1");
  EXPECT_EQ(got->events, g.events);
  EXPECT_TRUE(got->active);
  EXPECT_EQ(store_->GetIntegrationByKeyHash(std::string(64, 'a'))->unit_code, "XD.A.A3/zjj");
  EXPECT_EQ(store_->GetIntegrationByKeyHash(std::string(64, 'b')).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetIntegration("XD.A.A3/cg").status().code(), StatusCode::kNotFound);
  // Replacing rotates key and secret; created_at stays as given by the caller.
  g.key_hash = std::string(64, 'c');
  g.secret = "whsec_2";
  g.active = false;
  g.updated_at = kT0 + 1;
  ASSERT_TRUE(store_->PutIntegration(g).ok());
  EXPECT_EQ(store_->GetIntegrationByKeyHash(std::string(64, 'a')).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->GetIntegration("XD.A.A3/zjj")->active);
  UnitIntegration other = g;
  other.unit_code = "XD.A.A3/cg";  // may not take a key hash in use
  EXPECT_FALSE(store_->PutIntegration(other).ok());
  other.key_hash = std::string(64, 'd');
  ASSERT_TRUE(store_->PutIntegration(other).ok());
  auto all = store_->ListIntegrations();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].unit_code, "XD.A.A3/cg");
}

TEST_P(StoreConformance, DeliveriesSummarizedAndRetriedPerAddress) {
  auto t = store_->CreateTicket(NewTicket("电梯故障", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  using A = OutboxMessage::Audience;
  std::vector<OutboxMessage> ms;
  for (int i = 0; i < 3; ++i) {
    OutboxMessage m;
    m.event_id = 100 + i;
    m.ticket_id = t->id;
    m.audience = A::kIntegration;
    m.address = "XD.A.A3/zjj";
    m.kind = "dispatched";
    m.body = "工单已派至贵单位";
    m.next_attempt_at = kT0;
    m.created_at = kT0;
    ms.push_back(m);
  }
  ms.push_back(ms[0]);
  ms.back().audience = A::kUnit;  // the same event to the unit itself: a separate row
  ASSERT_EQ(*store_->EnqueueMessages(ms, "notify", 102), 4);
  auto due = store_->ListDueMessages(kT0, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 4u);
  int integration = 0;
  for (OutboxMessage m : *due) {
    if (m.audience != A::kIntegration) continue;
    ++integration;
    m.attempts = 4;
    m.last_error = "HTTP 500 #" + std::to_string(m.event_id);
    if (m.event_id == 100) {
      m.state = OutboxMessage::State::kSent;
      m.sent_at = kT0 + 5;
      m.last_error.clear();
    } else if (m.event_id == 101) {
      m.state = OutboxMessage::State::kFailed;
    } else {
      m.next_attempt_at = kT0 + kHourMs;
    }
    ASSERT_TRUE(store_->UpdateMessage(m).ok());
  }
  EXPECT_EQ(integration, 3);
  auto sum = store_->SummarizeDeliveries(A::kIntegration, "XD.A.A3/zjj");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->sent, 1);
  EXPECT_EQ(sum->failed, 1);
  EXPECT_EQ(sum->pending, 1);
  EXPECT_EQ(sum->last_error, "HTTP 500 #102");
  EXPECT_EQ(sum->last_attempts, 4);
  EXPECT_EQ(sum->last_sent_at, kT0 + 5);
  EXPECT_EQ(store_->SummarizeDeliveries(A::kUnit, "XD.A.A3/zjj")->pending, 1);
  EXPECT_EQ(store_->SummarizeDeliveries(A::kIntegration, "XD.A.A3/cg")->sent, 0);
  // Retry now: the failed and the waiting one become due; the sent one stays sent.
  auto retried = store_->RetryMessages(A::kIntegration, "XD.A.A3/zjj", kT0 + 10);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(*retried, 2);
  auto now_due = store_->ListDueMessages(kT0 + 10, 10);
  ASSERT_TRUE(now_due.ok());
  int again = 0;
  for (const OutboxMessage& m : *now_due) {
    if (m.audience == A::kIntegration) {
      ++again;
      EXPECT_EQ(m.attempts, 4);
      EXPECT_EQ(m.state, OutboxMessage::State::kPending);
    }
  }
  EXPECT_EQ(again, 2);
  auto page = store_->ListMessages(std::nullopt, 10, 0);
  ASSERT_TRUE(page.ok());
  int listed = 0;  // the audience reads back as written
  for (const OutboxMessage& m : page->items) listed += m.audience == A::kIntegration;
  EXPECT_EQ(listed, 3);
}

TEST_P(StoreConformance, AttachmentsKeepTheirExactBytes) {
  auto t = store_->CreateTicket(NewTicket("违章搭建", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);  // every byte, NUL included
  Attachment a;
  a.ticket_id = t->id;
  a.file_name = "现场.jpg";
  a.content_type = "image/jpeg";
  a.size = static_cast<int64_t>(bytes.size());
  a.sha256 = std::string(64, 'e');
  a.data = bytes;
  a.uploaded_by = "integration:XD.A.A3/zjj";
  a.created_at = kT0;
  auto stored = store_->PutAttachment(a);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_GT(stored->id, 0);
  a.file_name = "说明.pdf";
  a.data = "%PDF-1.4";
  a.size = 8;
  auto second = store_->PutAttachment(a);
  ASSERT_TRUE(second.ok());
  auto got = store_->GetAttachment(t->id, stored->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->data, bytes);
  EXPECT_EQ(got->file_name, "现场.jpg");
  EXPECT_EQ(got->size, 256);
  EXPECT_EQ(store_->GetAttachment(t->id + 1, stored->id).status().code(), StatusCode::kNotFound);
  auto list = store_->ListAttachments(t->id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, stored->id);
  EXPECT_TRUE((*list)[0].data.empty());
  EXPECT_EQ((*list)[1].file_name, "说明.pdf");
  EXPECT_TRUE(store_->ListAttachments(t->id + 1)->empty());
}

TEST_P(StoreConformance, TicketWithOpen311MetaIsOneWrite) {
  Open311Meta m;
  m.client = "civic-app";
  m.email = "a@example.org";
  m.attributes = {{"kind", "complaint"}, {"fixmystreet_id", "77"}};
  auto t = store_->CreateTicketWithOpen311Meta(NewTicket("井盖缺失", kT0), {Received(kT0)}, "XD", m);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_GT(t->id, 0);
  EXPECT_EQ(t->number, "XD-20261129-000001");
  EXPECT_EQ(t->version, 1);
  auto metas = store_->ListOpen311Meta({t->id});
  ASSERT_TRUE(metas.ok());
  ASSERT_EQ(metas->size(), 1u);
  EXPECT_EQ((*metas)[0].ticket_id, t->id);
  EXPECT_EQ((*metas)[0].email, "a@example.org");
  ASSERT_EQ((*metas)[0].attributes.size(), 2u);
  EXPECT_EQ((*metas)[0].attributes[1].second, "77");
  EXPECT_EQ(store_->ListEvents(t->id)->size(), 1u);
  EXPECT_EQ(store_->CreateTicketWithOpen311Meta(NewTicket("空", kT0), {}, "XD", m).status().code(),
            StatusCode::kInvalidArgument);
}
// ---- end department integration ----
// ---- batched appends and bulk loads (issue 4) ----
TEST_P(StoreConformance, AppendEventsSkipsStaleVersionsAndStoresTheRest) {
  std::vector<Ticket> made;
  for (int i = 0; i < 3; ++i) {
    auto t = store_->CreateTicket(NewTicket("批量" + std::to_string(i), kT0), Received(kT0), "XD");
    ASSERT_TRUE(t.ok());
    made.push_back(*t);
  }
  // Ticket 1 moves on before the batch arrives.
  Ticket moved = made[1];
  moved.version += 1;
  TicketEvent note;
  note.type = EventType::kNote;
  note.at = kT0 + 500;
  ASSERT_TRUE(store_->AppendEvent(moved, note).ok());
  std::vector<std::pair<Ticket, TicketEvent>> writes;
  for (const Ticket& t : made) {
    Ticket next = t;
    next.version = t.version + 1;
    next.reminded_at = kT0 + 1000;
    TicketEvent e;
    e.type = EventType::kReminder;
    e.actor = "system";
    e.at = kT0 + 1000;
    e.reason = "办理期限将至";
    writes.emplace_back(next, e);
  }
  auto stored = store_->AppendEvents(writes);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(*stored, (std::vector<bool>{true, false, true}));
  for (int i : {0, 2}) {
    EXPECT_EQ(store_->GetTicket(made[i].id)->reminded_at, kT0 + 1000);
    EXPECT_EQ(store_->GetTicket(made[i].id)->version, made[i].version + 1);
    auto events = store_->ListEvents(made[i].id);
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ(events->back().type, EventType::kReminder);
    EXPECT_EQ(events->back().ticket_id, made[i].id);
  }
  EXPECT_EQ(store_->GetTicket(made[1].id)->reminded_at, 0);
  EXPECT_EQ(store_->ListEvents(made[1].id)->size(), 2u);  // 受理 + the note only
  EXPECT_TRUE(store_->AppendEvents({})->empty());
  std::vector<std::pair<Ticket, TicketEvent>> too_many(10001, writes[0]);
  EXPECT_EQ(store_->AppendEvents(too_many).status().code(), StatusCode::kInvalidArgument);
}
// ---- end batched appends and bulk loads ----
// ---- proactive governance (issue 6) ----
StoredHotspot Topic(int64_t id, double heat, const std::string& region, const std::string& category,
                    TimeMs first, TimeMs last, int64_t size) {
  StoredHotspot h;
  h.id = id;
  h.title = "A3区 噪音 施工 " + std::to_string(id);
  h.heat = heat;
  h.first_time = first;
  h.last_time = last;
  h.places = {"A3区", "东风路"};
  h.region_codes = {region};
  h.units = {"XD.A.A3/zjj", "XD.A.A3/cg"};
  h.keywords = {"噪音", "施工"};
  h.region_code = region;
  h.category_code = category;
  h.size = size;
  h.people = size - 1;
  h.likes = 3;
  h.urgent = 1;
  h.growth = 2.5;
  h.updated_at = last;
  return h;
}

TEST_P(StoreConformance, InsightPassIsAtomicGuardedAndIdempotent) {
  EXPECT_EQ(store_->GetInsightCursor("hotspots")->position, 0);
  InsightPassBatch b;
  b.cursor_name = "hotspots";
  b.cursor = 7;
  b.note = "cfg-1";
  b.members = {{0, 5, 1, kT0, "u1", "terms-5"}, {0, 7, 1, kT0 + kHourMs, "", "terms-7"},
               {0, 6, 2, kT0 + 2 * kHourMs, "u2", ""}};
  b.hotspots = {Topic(1, 12.5, "XD.A.A3", "01.02.003", kT0, kT0 + kHourMs, 2),
                Topic(2, 3.0, "XD.B", "02", kT0 + 2 * kHourMs, kT0 + 2 * kHourMs, 1)};
  StoredAlert a;
  a.kind = "risky_word";
  a.series_key = "燃气|5";
  a.day = 20421;
  a.seen = 1;
  a.region_code = "XD.A.A3";
  a.category_code = "01.02.003";
  a.detail = "燃气泄漏";
  a.examples = {5, 7};
  a.created_at = a.updated_at = kT0;
  b.alerts = {a};
  b.repeats = {{7, 5, "same_place_and_matter", 0.04, kT0 + kHourMs, 1}};
  ASSERT_TRUE(store_->ApplyInsightPass(b).ok());
  InsightCursor cursor = store_->GetInsightCursor("hotspots").value();
  EXPECT_EQ(cursor.position, 7);
  EXPECT_EQ(cursor.note, "cfg-1");

  // A stale cursor changes nothing; a replay at the right cursor adds no duplicates.
  InsightPassBatch stale = b;
  stale.expected_cursor = 3;
  stale.cursor = 9;
  EXPECT_EQ(store_->ApplyInsightPass(stale).code(), StatusCode::kAborted);
  EXPECT_EQ(store_->GetInsightCursor("hotspots")->position, 7);
  InsightPassBatch replay = b;
  replay.expected_cursor = 7;
  replay.hotspots[0].heat = 20;
  replay.hotspots[0].size = 3;
  ASSERT_TRUE(store_->ApplyInsightPass(replay).ok());
  auto members = store_->ListHotspotMembers(0, 0, 100).value();
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].ticket_id, 5);
  EXPECT_EQ(members[0].terms, "terms-5");
  EXPECT_EQ(members[1].user_key, "");
  EXPECT_LT(members[0].seq, members[1].seq);
  EXPECT_EQ(store_->ListHotspotMembers(0, members[1].seq, 100)->size(), 1u);
  EXPECT_EQ(store_->ListHotspotMembers(1, 0, 100)->size(), 2u);
  EXPECT_EQ(store_->ListAlerts({})->total, 1);
  EXPECT_EQ(store_->ListRepeats({})->total, 1);

  StoredHotspot got = store_->GetHotspot(1).value();
  EXPECT_EQ(got.heat, 20);  // replaced by the replay
  EXPECT_EQ(got.size, 3);
  EXPECT_EQ(got.places, (std::vector<std::string>{"A3区", "东风路"}));
  EXPECT_EQ(got.units, (std::vector<std::string>{"XD.A.A3/zjj", "XD.A.A3/cg"}));
  EXPECT_EQ(got.keywords, (std::vector<std::string>{"噪音", "施工"}));
  EXPECT_EQ(got.first_time, kT0);
  EXPECT_EQ(got.growth, 2.5);
  EXPECT_EQ(store_->GetHotspot(99).status().code(), StatusCode::kNotFound);

  int64_t total = 0;
  auto page = store_->PageHotspotMembers(1, 1, 0, &total).value();
  EXPECT_EQ(total, 2);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].ticket_id, 7);  // newest first

  // Reset: topics, members and repeats go, alerts stay.
  ASSERT_TRUE(store_->ResetHotspots("hotspots", "cfg-2").ok());
  EXPECT_EQ(store_->GetInsightCursor("hotspots")->position, 0);
  EXPECT_EQ(store_->GetInsightCursor("hotspots")->note, "cfg-2");
  EXPECT_EQ(store_->ListHotspots({})->total, 0);
  EXPECT_TRUE(store_->ListHotspotMembers(0, 0, 10)->empty());
  EXPECT_EQ(store_->ListRepeats({})->total, 0);
  EXPECT_EQ(store_->ListAlerts({})->total, 1);
}

TEST_P(StoreConformance, HotspotsFilterByRegionCategoryPeriodSize) {
  InsightPassBatch b;
  b.cursor_name = "hotspots";
  b.cursor = 1;
  b.hotspots = {Topic(1, 5, "XD.A.A3", "01.02.003", kT0, kT0 + kDayMs, 4),
                Topic(2, 9, "XD.A.A31", "01.02", kT0, kT0 + kDayMs, 3),
                Topic(3, 7, "XD.A", "02.01", kT0 + 10 * kDayMs, kT0 + 12 * kDayMs, 2),
                Topic(4, 8, "XD.A.A3", "01", kT0, kT0, 1)};
  ASSERT_TRUE(store_->ApplyInsightPass(b).ok());
  auto ids = [&](const HotspotFilter& f) {
    std::vector<int64_t> out;
    HotspotPage page = store_->ListHotspots(f).value();
    for (const auto& h : page.items) out.push_back(h.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{2, 3, 1}));  // by heat; size 1 left out
  HotspotFilter f;
  f.region_prefix = "XD.A.A3";  // not XD.A.A31
  EXPECT_EQ(ids(f), (std::vector<int64_t>{1}));
  f = {};
  f.category_prefix = "01.02";
  EXPECT_EQ(ids(f), (std::vector<int64_t>{2, 1}));
  f = {};
  f.from = kT0 + 5 * kDayMs;
  f.to = kT0 + 11 * kDayMs;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{3}));
  f = {};
  f.min_size = 1;
  f.limit = 2;
  f.offset = 1;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(store_->ListHotspots(f)->total, 4);
  f.limit = 0;
  EXPECT_EQ(store_->ListHotspots(f).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, AlertsAreUniquePerSeriesDayAndKeepTheirHandling) {
  InsightPassBatch b;
  b.cursor_name = "alerts";
  b.cursor = 1;
  for (int i = 0; i < 3; ++i) {
    StoredAlert a;
    a.kind = i == 2 ? "risky_word" : "count";
    a.series_key = "01|XD.A.A3";
    a.day = 20420 + i;
    a.expected = 1.5;
    a.seen = 9;
    a.p_value = 1e-5;
    a.region_code = "XD.A.A3";
    a.category_code = "01";
    a.examples = {3, 4, 5};
    a.created_at = a.updated_at = kT0 + i * kDayMs;
    b.alerts.push_back(a);
  }
  b.alerts.push_back(b.alerts[0]);  // the same series day again: skipped
  ASSERT_TRUE(store_->ApplyInsightPass(b).ok());
  AlertPage all = store_->ListAlerts({}).value();
  ASSERT_EQ(all.total, 3);
  EXPECT_EQ(all.items[0].kind, "risky_word");  // newest first
  EXPECT_EQ(all.items[2].examples, (std::vector<TicketId>{3, 4, 5}));
  EXPECT_DOUBLE_EQ(all.items[2].expected, 1.5);
  EXPECT_EQ(all.items[2].state, "new");

  StoredAlert a = all.items[1];
  a.state = "assigned";
  a.assignee_unit = "XD.A.A3/zjj";
  a.note = "请核查";
  a.updated_by = "duban";
  a.updated_at = kT0 + 5 * kDayMs;
  ASSERT_TRUE(store_->UpdateAlert(a).ok());
  StoredAlert got = store_->GetAlert(a.id).value();
  EXPECT_EQ(got.state, "assigned");
  EXPECT_EQ(got.assignee_unit, "XD.A.A3/zjj");
  EXPECT_EQ(got.note, "请核查");
  EXPECT_EQ(got.updated_by, "duban");
  EXPECT_EQ(got.seen, 9);  // the explanation is unchanged
  StoredAlert missing;
  missing.id = 999;
  EXPECT_EQ(store_->UpdateAlert(missing).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetAlert(999).status().code(), StatusCode::kNotFound);

  AlertFilter f;
  f.kind = "count";
  EXPECT_EQ(store_->ListAlerts(f)->total, 2);
  f.state = "assigned";
  EXPECT_EQ(store_->ListAlerts(f)->total, 1);
  f = {};
  f.assignee_unit = "XD.A.A3/zjj";
  EXPECT_EQ(store_->ListAlerts(f)->total, 1);
  f = {};
  f.region_prefix = "XD.A";
  f.from = kT0 + kDayMs;
  EXPECT_EQ(store_->ListAlerts(f)->total, 2);
  f.region_prefix = "XD.B";
  EXPECT_EQ(store_->ListAlerts(f)->total, 0);
}

TEST_P(StoreConformance, RepeatsPageAndCountByKind) {
  InsightPassBatch b;
  b.cursor_name = "hotspots";
  b.cursor = 1;
  b.repeats = {{2, 1, "same_person", 1, kT0 + kDayMs, 1},
               {3, 1, "same_place_and_matter", 2, kT0 + 2 * kDayMs, 1},
               {4, 2, "same_person", 3, kT0 + 3 * kDayMs, 1},
               {4, 2, "same_person", 3, kT0 + 3 * kDayMs, 1}};
  ASSERT_TRUE(store_->ApplyInsightPass(b).ok());
  RepeatPage p = store_->ListRepeats({}).value();
  EXPECT_EQ(p.total, 3);
  ASSERT_EQ(p.items.size(), 3u);
  EXPECT_EQ(p.items[0].ticket_id, 4);
  EXPECT_EQ(p.by_kind, (std::vector<std::pair<std::string, int64_t>>{
                           {"same_person", 2}, {"same_place_and_matter", 1}}));
  RepeatFilter f;
  f.kind = "same_person";
  f.from = kT0 + 2 * kDayMs;
  p = store_->ListRepeats(f).value();
  EXPECT_EQ(p.total, 1);
  EXPECT_EQ(p.items[0].earlier_ticket_id, 2);
  EXPECT_EQ(p.by_kind.size(), 2u);  // the period's counts, whatever the kind filter
}

TEST_P(StoreConformance, GovernanceItemsTasksLinksAndProgress) {
  GovernanceItem g;
  g.title = "东风路夜间施工噪音";
  g.description = "三个月内反复投诉";
  g.source_kind = "hotspot";
  g.source_id = 4;
  g.hotspot_id = 4;
  g.region_code = "XD.A.A3";
  g.category_code = "01.02";
  g.lead_unit = "XD.A.A3/zjj";
  g.assist_units = {"XD.A.A3/cg", "XD.A.A3/hb"};
  g.deadline = kT0 + 30 * kDayMs;
  g.created_by = "duban";
  g.created_at = g.updated_at = kT0;
  GovernanceTask t1;
  t1.unit_code = "XD.A.A3/cg";
  t1.title = "夜间巡查";
  t1.deadline = kT0 + 7 * kDayMs;
  t1.created_at = t1.updated_at = kT0;
  auto created = store_->CreateGovernanceItem(g, {t1}, {11, 12, 12});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_GT(created->id, 0);
  GovernanceDetail d = store_->GetGovernanceItem(created->id).value();
  EXPECT_EQ(d.item.title, g.title);
  EXPECT_EQ(d.item.assist_units, g.assist_units);
  EXPECT_EQ(d.item.state, "open");
  EXPECT_EQ(d.item.deadline, g.deadline);
  ASSERT_EQ(d.tasks.size(), 1u);
  EXPECT_EQ(d.tasks[0].title, "夜间巡查");
  EXPECT_EQ(d.tickets, (std::vector<TicketId>{11, 12}));

  GovernanceTask task = d.tasks[0];
  task.state = "done";
  task.updated_by = "cg_a3";
  task.updated_at = kT0 + kDayMs;
  GovernanceProgress log;
  log.actor = "cg_a3";
  log.unit_code = "XD.A.A3/cg";
  log.at = kT0 + kDayMs;
  log.note = "已完成夜间巡查";
  ASSERT_TRUE(store_->PutGovernanceTask(task, log).ok());
  GovernanceTask t2;
  t2.item_id = created->id;
  t2.unit_code = "XD.A.A3/hb";
  t2.title = "噪音监测";
  auto added = store_->PutGovernanceTask(t2, std::nullopt);
  ASSERT_TRUE(added.ok());
  EXPECT_GT(added->id, task.id);
  GovernanceTask wrong = task;
  wrong.item_id = created->id + 100;
  EXPECT_EQ(store_->PutGovernanceTask(wrong, std::nullopt).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->LinkGovernanceTickets(created->id, {12, 13}), 1);
  EXPECT_EQ(store_->LinkGovernanceTickets(created->id + 100, {1}).status().code(),
            StatusCode::kNotFound);
  GovernanceItem changed = d.item;
  changed.state = "in_progress";
  changed.updated_at = kT0 + 2 * kDayMs;
  GovernanceProgress note;
  note.actor = "zhujian_a3";
  note.note = "已召开协调会";
  note.at = kT0 + 2 * kDayMs;
  ASSERT_TRUE(store_->UpdateGovernanceItem(changed, note).ok());
  ASSERT_TRUE(store_->AddGovernanceProgress({0, created->id, 0, "duban", "", kT0 + 3 * kDayMs,
                                             "督办：请加快"}).ok());
  EXPECT_EQ(store_->AddGovernanceProgress({0, created->id + 100, 0, "x", "", kT0, "x"})
                .status()
                .code(),
            StatusCode::kNotFound);
  d = store_->GetGovernanceItem(created->id).value();
  EXPECT_EQ(d.item.state, "in_progress");
  ASSERT_EQ(d.tasks.size(), 2u);
  EXPECT_EQ(d.tasks[0].state, "done");
  EXPECT_EQ(d.tickets, (std::vector<TicketId>{11, 12, 13}));
  ASSERT_EQ(d.progress.size(), 3u);
  EXPECT_EQ(d.progress[0].task_id, task.id);
  EXPECT_EQ(d.progress[0].note, "已完成夜间巡查");
  EXPECT_EQ(d.progress[1].note, "已召开协调会");
  EXPECT_EQ(d.progress[2].actor, "duban");
  EXPECT_EQ(store_->GetGovernanceItem(created->id + 100).status().code(), StatusCode::kNotFound);

  GovernanceItem other = g;
  other.title = "另一事项";
  other.lead_unit = "XD.B/zjj";
  other.assist_units = {};
  other.created_at = kT0 + kDayMs;
  ASSERT_TRUE(store_->CreateGovernanceItem(other, {}, {}).ok());
  GovernanceFilter f;
  EXPECT_EQ(store_->ListGovernanceItems(f)->total, 2);
  EXPECT_EQ(store_->ListGovernanceItems(f)->items[0].title, "另一事项");  // newest first
  f.involved_unit = "XD.A.A3/hb";  // assisting (and a task)
  EXPECT_EQ(store_->ListGovernanceItems(f)->total, 1);
  f.involved_unit = "XD.A.A3/h";  // not a prefix match
  EXPECT_EQ(store_->ListGovernanceItems(f)->total, 0);
  f.involved_unit = "XD.B/zjj";
  EXPECT_EQ(store_->ListGovernanceItems(f)->total, 1);
  f = {};
  f.state = "in_progress";
  EXPECT_EQ(store_->ListGovernanceItems(f)->total, 1);
}

TEST_P(StoreConformance, GovernanceSurvivesReopen) {
  GovernanceItem g;
  g.title = "积水";
  g.source_kind = "alert";
  g.lead_unit = "XD.A.A3/zjj";
  g.created_at = kT0;
  auto created = store_->CreateGovernanceItem(g, {}, {1});
  ASSERT_TRUE(created.ok());
  store_.reset();
  auto reopened = Reopen();
  ASSERT_TRUE(reopened.ok());
  auto d = (*reopened)->GetGovernanceItem(created->id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item.title, "积水");
  EXPECT_EQ(d->tickets, (std::vector<TicketId>{1}));
}
// ---- end proactive governance (issue 6) ----
// ---- several nodes (issue 9) ----
// On a fresh location nobody else holds a lease: the store takes it and keeps it.
TEST_P(StoreConformance, LeaseIsTakenAndKept) {
  auto first = store_->TryLead("background");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(*first);
  EXPECT_TRUE(*store_->TryLead("background"));
  EXPECT_TRUE(*store_->TryLead("rollups"));
}
// ---- end several nodes ----
// ---- attachment limit across nodes (issue 9) ----
// Writers on two stores over one database (two API nodes; on SQLite two stores
// on one file) race for the last places: the count never passes the limit.
TEST_P(StoreConformance, AttachmentLimitHoldsForConcurrentWritersOnTwoStores) {
  auto t = store_->CreateTicket(NewTicket("照片上限", kT0), Received(kT0), "XD");
  ASSERT_TRUE(t.ok());
  auto other_node = Reopen();
  ASSERT_TRUE(other_node.ok()) << other_node.status().ToString();
  Store& second = **other_node;
  auto photo = [&](int n) {
    Attachment a;
    a.ticket_id = t->id;
    a.file_name = "photo-" + std::to_string(n) + ".png";
    a.content_type = "image/png";
    a.data = "png-" + std::to_string(n);
    a.size = static_cast<int64_t>(a.data.size());
    a.sha256 = std::string(64, 'a');
    a.uploaded_by = "citizen";
    a.created_at = kT0;
    return a;
  };
  // A staff file on the ticket is not counted against the citizen's limit.
  Attachment staff = photo(0);
  staff.uploaded_by = "zhujian_a3";
  ASSERT_TRUE(store_->PutAttachment(staff).ok());

  constexpr int kLimit = 3, kThreads = 8, kTries = 3;
  std::atomic<int> stored{0}, refused{0};
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Store& s = i % 2 ? second : *store_;
      for (int k = 0; k < kTries; ++k) {
        auto r = s.PutAttachmentWithinLimit(photo(i * kTries + k + 1), kLimit);
        if (r.ok()) {
          ++stored;
        } else if (r.status().code() == StatusCode::kFailedPrecondition) {
          ++refused;
          if (r.status().message().find("上限") == std::string::npos) {
            errors[i] = "unclear message: " + r.status().message();
          }
        } else {
          errors[i] = r.status().ToString();
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(stored.load(), kLimit);
  EXPECT_EQ(refused.load(), kThreads * kTries - kLimit);
  for (Store* s : {store_.get(), &second}) {
    auto list = s->ListAttachments(t->id);
    ASSERT_TRUE(list.ok());
    int citizen = 0;
    for (const Attachment& a : *list) citizen += a.uploaded_by == "citizen";
    EXPECT_EQ(citizen, kLimit);
    EXPECT_EQ(list->size(), static_cast<size_t>(kLimit + 1));
  }
  // Another uploader has a limit of its own; a full one refuses and stores nothing.
  Attachment unit_file = photo(99);
  unit_file.uploaded_by = "zhujian_a3";
  EXPECT_TRUE(second.PutAttachmentWithinLimit(unit_file, 2).ok());
  EXPECT_EQ(second.PutAttachmentWithinLimit(unit_file, 2).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->ListAttachments(t->id)->size(), static_cast<size_t>(kLimit + 2));
  Attachment nowhere = photo(100);
  nowhere.ticket_id = t->id + 1000;
  EXPECT_EQ(store_->PutAttachmentWithinLimit(nowhere, kLimit).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->PutAttachmentWithinLimit(photo(101), 0).status().code(),
            StatusCode::kInvalidArgument);
}
// ---- end attachment limit across nodes ----

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace lianxin::store
