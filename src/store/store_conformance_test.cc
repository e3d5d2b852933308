// The storage conformance suite: every backend must pass it. Add a backend by
// adding a factory to kBackends below.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "store/store.h"
#include "testutil/testutil.h"

namespace lianxin::store {
namespace {

struct Backend {
  const char* name;
  std::function<Result<std::unique_ptr<Store>>(const testutil::TempDir&)> open;
};

const Backend kBackends[] = {
    {"sqlite", [](const testutil::TempDir& d) { return OpenSqliteStore(d.File("t.db")); }},
};

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto s = GetParam().open(dir_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

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
  auto again = GetParam().open(dir_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->GetTicket(t->id)->title, "持久");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace lianxin::store
