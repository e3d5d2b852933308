// `lianxin migrate-store`'s engine: a SQLite store filled through the Store
// interface is copied into an empty PostgreSQL database; counts and checksums
// agree, the copy reads back through the PostgreSQL store, and writes continue
// after the copied ids. Needs LIANXIN_TEST_PG; skips loudly without it.
#include "store/postgres/copy_from_sqlite.h"

#include <gtest/gtest.h>

#include <map>

#include "store/postgres/pg_conn.h"
#include "testutil/pg_testdb.h"
#include "testutil/testutil.h"

namespace lianxin::store {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

Ticket NewTicket(const std::string& title) {
  Ticket t;
  t.query_code = "Q1W2E3";
  t.kind = TicketKind::kComplaint;
  t.title = title;
  t.body = "小区夜间施工噪音扰民，" + title;
  t.citizen_phone = "13812341234";
  t.region_code = "XD.A.A3";
  t.category_code = "01.02.003";
  t.latitude = 31.230416123456789;
  t.created_at = t.updated_at = kT0;
  return t;
}

// A SQLite store with a row in every kind of table.
void Fill(Store& s) {
  ASSERT_TRUE(s.PutRegions({{"XD", "西地省", "", RegionLevel::kProvince}}).ok());
  ASSERT_TRUE(s.PutUnits({{"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"}}).ok());
  ASSERT_TRUE(s.PutCategories({{"01", "城乡建设", "", 1}}).ok());
  ASSERT_TRUE(s.PutDutyRules({{"01", "zjj", RegionLevel::kCity, "施工"}}).ok());
  User u;
  u.username = "admin";
  u.role = Role::kAdmin;
  u.password_hash = "$argon2id$x";
  ASSERT_TRUE(s.PutUser(u).ok());
  ASSERT_TRUE(s.PutSession({"h1", "admin", 1, 2}).ok());
  TicketEvent received;
  received.type = EventType::kReceived;
  received.actor = "citizen";
  received.at = kT0;
  for (int i = 0; i < 30; ++i) {
    auto t = s.CreateTicket(NewTicket("噪音" + std::to_string(i)), received, "XD");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
  }
  Ticket next = *s.GetTicket(1);
  next.version = 2;
  next.revisit_resolved = true;
  TicketEvent note = received;
  note.type = EventType::kNote;
  note.at = kT0 + 1;
  ASSERT_TRUE(s.AppendEvent(next, note).ok());
  OutboxMessage m;
  m.event_id = 1;
  m.ticket_id = 1;
  m.address = "13812341234";
  m.kind = "received";
  m.body = "您的诉求已受理";
  ASSERT_TRUE(s.EnqueueMessages({m}, "notifier", 1).ok());
  RollupBatch b;
  b.cursor_name = "evaluation";
  b.cursor = 31;
  RollupCell cell{"d", 20261129, "unit", "XD.A/zjj", {}};
  cell.n[0] = 3;
  b.deltas.push_back(cell);
  b.contributions.push_back({1, "XD.A.A3", "01.02.003", kT0, "p"});
  ASSERT_TRUE(s.ApplyRollupBatch(b).ok());
  KbEntry e;
  e.questions = {"噪音投诉怎么办"};
  e.answer = "拨打12345";
  e.status = KbEntryStatus::kPublished;
  ASSERT_TRUE(s.CreateKbEntry(e).ok());
  ASSERT_TRUE(s.PutApiClient({"fixmystreet", "abc", true, true, 5}).ok());
  Open311Meta meta;
  meta.ticket_id = 2;
  meta.client = "fixmystreet";
  meta.attributes = {{"where", "路口"}};
  ASSERT_TRUE(s.PutOpen311Meta(meta).ok());
  ASSERT_TRUE(s.PutOpen311Token({"tok", "request", 2, 5}).ok());
  ASSERT_TRUE(s.LogAccess({5, "admin", "admin", 1, "citizen_phone", "ticket.get"}).ok());
}

class CopyFromSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testutil::PgTestServerUrl().empty()) GTEST_SKIP() << testutil::PgSkipMessage();
    db_ = std::make_unique<testutil::PgTestDatabase>();
    ASSERT_TRUE(db_->ok()) << db_->error();
    auto s = OpenSqliteStore(path_);
    ASSERT_TRUE(s.ok());
    Fill(**s);
  }
  testutil::TempDir dir_;
  std::string path_ = dir_.File("lianxin.db");
  std::unique_ptr<testutil::PgTestDatabase> db_;
};

TEST_F(CopyFromSqlite, CopiesEveryTableAndTheChecksumsAgree) {
  std::vector<std::string> seen;
  auto checks = CopySqliteToPostgres(path_, db_->url(), {},
                                     [&](const std::string& t, int64_t) { seen.push_back(t); });
  ASSERT_TRUE(checks.ok()) << checks.status().ToString();
  std::map<std::string, TableCheck> by_table;
  for (const TableCheck& c : *checks) {
    EXPECT_TRUE(c.ok()) << c.table << ": " << c.source_rows << " vs " << c.target_rows;
    by_table[c.table] = c;
  }
  EXPECT_EQ(seen.size(), checks->size());
  for (const char* t : {"tickets", "ticket_events", "ticket_terms", "outbox", "rollup_cells",
                        "rollup_contributions", "kb_entry_versions", "open311_attributes",
                        "open311_tokens", "sessions", "number_counters", "access_log"}) {
    ASSERT_TRUE(by_table.count(t)) << t;
    EXPECT_GT(by_table[t].source_rows, 0) << t;
  }
  EXPECT_EQ(by_table["tickets"].target_rows, 30);
  EXPECT_EQ(by_table["ticket_events"].target_rows, 31);

  // The copy reads back through the store and new writes continue after it.
  auto pg = OpenPostgresStore(db_->url());
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  auto t1 = (*pg)->GetTicket(1);
  ASSERT_TRUE(t1.ok());
  EXPECT_EQ(t1->revisit_resolved, std::optional<bool>(true));
  EXPECT_DOUBLE_EQ(*t1->latitude, 31.230416123456789);
  TicketFilter f;
  f.text = "噪音17";
  EXPECT_EQ((*pg)->ListTickets(f)->total, 1);
  EXPECT_EQ((*pg)->GetSession("h1")->username, "admin");
  TicketEvent received;
  received.type = EventType::kReceived;
  received.at = kT0;
  auto fresh = (*pg)->CreateTicket(NewTicket("迁移后"), received, "XD");
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->id, 31);
  EXPECT_EQ(fresh->number, "XD-20261129-000031");
  EXPECT_EQ((*pg)->ListEvents(fresh->id)->at(0).id, 32);

  // A target that holds data is refused, and nothing is written to it.
  EXPECT_EQ(CopySqliteToPostgres(path_, db_->url(), {}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ((*pg)->Stats()->tickets, 31);
}

TEST_F(CopyFromSqlite, VerificationNoticesADifference) {
  ASSERT_TRUE(CopySqliteToPostgres(path_, db_->url(), {}).ok());
  auto c = postgres::Conn::Open(db_->url());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE((*c)->Exec("UPDATE tickets SET title = '改过' WHERE id = 7").ok());
  auto checks = VerifySqliteCopy(path_, db_->url());
  ASSERT_TRUE(checks.ok()) << checks.status().ToString();
  for (const TableCheck& check : *checks) {
    EXPECT_EQ(check.ok(), check.table != "tickets") << check.table;
  }
  EXPECT_EQ(CopySqliteToPostgres(dir_.File("missing.db"), db_->url(), {}).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace lianxin::store
