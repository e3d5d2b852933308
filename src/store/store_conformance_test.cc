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

  auto all = store_->ListMessages(std::nullopt, 10, 0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 2);
  EXPECT_GT(all->items[0].id, all->items[1].id);  // newest first
  auto done = store_->ListMessages(OutboxMessage::State::kSent, 10, 0);
  ASSERT_EQ(done->total, 1);
  EXPECT_EQ(done->items[0].sent_at, kT0 + 5);
  EXPECT_EQ(done->items[0].audience, OutboxMessage::Audience::kUnit);
  EXPECT_EQ(store_->ListMessages(OutboxMessage::State::kFailed, 10, 0)->total, 0);
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

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace lianxin::store
