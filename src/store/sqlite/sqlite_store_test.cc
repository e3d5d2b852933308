// SQLite-specific behaviour beyond the conformance suite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/migrations.h"
#include "store/store.h"
#include "testutil/testutil.h"

namespace lianxin::store {
namespace {

TEST(SqliteStore, MigrationsAreNumberedAndApplied) {
  const auto& ms = sqlite::Migrations();
  ASSERT_FALSE(ms.empty());
  // Strictly increasing from 1; numbers are reserved per line of work, so gaps may exist.
  EXPECT_EQ(ms[0].version, 1);
  for (size_t i = 1; i < ms.size(); ++i) EXPECT_GT(ms[i].version, ms[i - 1].version);
  testutil::TempDir dir;
  { ASSERT_TRUE(OpenSqliteStore(dir.File("m.db")).ok()); }
  { ASSERT_TRUE(OpenSqliteStore(dir.File("m.db")).ok()); }  // re-open: nothing re-applied
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("m.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM schema_migrations", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(s, 0), static_cast<int>(ms.size()));
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

// Issue 8: a migration is applied by its own number, not "everything above the
// highest applied": a lower number merged later still runs on an existing database.
TEST(SqliteStore, AppliesAMigrationMissingBelowTheHighest) {
  testutil::TempDir dir;
  { ASSERT_TRUE(OpenSqliteStore(dir.File("m.db")).ok()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("m.db").c_str(), &db), SQLITE_OK);
  // A database where a higher migration (100, another branch's) ran but 0008 has not.
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (100, '0100_later', 0); "
                             "DELETE FROM schema_migrations WHERE version = 8; DROP TABLE api_clients; "
                             "DROP TABLE open311_meta; DROP TABLE open311_attributes; "
                             "DROP TABLE open311_tokens; DROP INDEX tickets_by_updated; "
                             "DROP INDEX ticket_events_by_at;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(dir.File("m.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE((*store)->ListApiClients().ok());  // 0008 ran again
}

TEST(SqliteStore, MigratesAnOldDatabaseKeepingItsData) {
  testutil::TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("old.db").c_str(), &db), SQLITE_OK);
  // A database at schema 0001 with one accepted ticket.
  const auto& ms = sqlite::Migrations();
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
                             "NOT NULL, applied_at INTEGER NOT NULL)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, ms[0].sql, nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO schema_migrations VALUES (1, '0001_init', 0);"
                         "INSERT INTO tickets (id, number, query_code, kind, urgency, channel, title, "
                         "body, citizen_name, citizen_phone, region_code, address, category_code, "
                         "owner_unit, status, reply, created_at, updated_at, dispatched_at, due_at, "
                         "resolved_at, version) VALUES (1, 'XD-1', 'Q', 'help', 'normal', 'web', "
                         "'旧工单', 'b', '', '', '', '', '', 'XD.A/zjj', 'accepted', '', 1, 1, 1, 9, 0, 3);"
                         "INSERT INTO ticket_events (ticket_id, type, actor, actor_role, at, reason, "
                         "unit_code, content, is_public) VALUES (1, 'accept', 'u', 'unit_handler', 5, '', "
                         "'XD.A/zjj', '', 1);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(dir.File("old.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto t = (*store)->GetTicket(1);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->title, "旧工单");
  EXPECT_EQ(t->accepted_at, 5);  // backfilled from the accept event
  EXPECT_EQ(t->first_contact_at, 0);
  EXPECT_TRUE(t->assist_units.empty());
}

// Numbers are reserved per branch: a migration that arrives after a higher one
// was applied (here 0004 taken out again) is still applied on the next open.
TEST(SqliteStore, RejectsEmptyPathAndUnwritableDir) {
  EXPECT_EQ(OpenSqliteStore("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(OpenSqliteStore("/nonexistent-dir/x.db").ok());
}

Ticket SearchTicket(const std::string& title) {
  Ticket t;
  t.query_code = "Q";
  t.title = title;
  t.body = "请尽快处理";
  t.created_at = t.updated_at = 1795910400000;
  return t;
}
TicketEvent ReceivedAt(TimeMs at) {
  TicketEvent e;
  e.type = EventType::kReceived;
  e.actor = "citizen";
  e.at = at;
  return e;
}

TEST(SqliteStore, RebuildsTheSearchIndexWhenTheTermsFunctionChanges) {
  testutil::TempDir dir;
  {
    auto store = OpenSqliteStore(dir.File("s.db"));  // default: bigrams
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->CreateTicket(SearchTicket("路灯不亮"), ReceivedAt(1), "XD").ok());
    ASSERT_TRUE((*store)->CreateTicket(SearchTicket("噪音扰民"), ReceivedAt(1), "XD").ok());
    TicketFilter f;
    f.text = "路灯";
    EXPECT_EQ((*store)->ListTickets(f)->total, 1);
  }
  // A function that gives every text the one term "every": after the rebuild
  // any query matches every ticket; without it, nothing would match.
  SqliteOptions every;
  every.search_terms = [](std::string_view, bool) { return std::vector<std::string>{"every"}; };
  every.search_terms_name = "every";
  {
    auto store = OpenSqliteStore(dir.File("s.db"), every);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    TicketFilter f;
    f.text = "路灯";
    EXPECT_EQ((*store)->ListTickets(f)->total, 2);
  }
  auto store = OpenSqliteStore(dir.File("s.db"));  // back to bigrams
  ASSERT_TRUE(store.ok());
  TicketFilter f;
  f.text = "路灯";
  EXPECT_EQ((*store)->ListTickets(f)->total, 1);
  f.text = "扰民";
  EXPECT_EQ((*store)->ListTickets(f)->total, 1);
}

TEST(SqliteStore, TermsFunctionSeesDocumentsAndQueriesApart) {
  testutil::TempDir dir;
  SqliteOptions o;
  // Documents index a synonym; the query side does not expand.
  o.search_terms = [](std::string_view text, bool for_query) {
    std::vector<std::string> out;
    if (text.find("路灯") != std::string_view::npos) out.push_back("路灯");
    if (!for_query && text.find("路灯") != std::string_view::npos) out.push_back("照明");
    if (text.find("照明") != std::string_view::npos) out.push_back("照明");
    return out;
  };
  o.search_terms_name = "synonyms";
  auto store = OpenSqliteStore(dir.File("t.db"), o);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->CreateTicket(SearchTicket("路灯不亮"), ReceivedAt(1), "XD").ok());
  TicketFilter f;
  f.text = "照明";
  EXPECT_EQ((*store)->ListTickets(f)->total, 1);
}

// Issue 8: an Open311 ticket and its extras are one transaction. A trigger makes
// the extras' insert fail (as a crash between two writes would leave it): the
// ticket, its event and its number are rolled back with it.
TEST(SqliteStore, FailedOpen311ExtrasLeaveNoTicketBehind) {
  testutil::TempDir dir;
  auto store = OpenSqliteStore(dir.File("o.db"));
  ASSERT_TRUE(store.ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("o.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER boom BEFORE INSERT ON open311_attributes "
                         "BEGIN SELECT RAISE(ABORT, 'boom'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  Ticket t;
  t.title = "井盖缺失";
  t.body = "路口井盖缺失";
  t.created_at = t.updated_at = 1795910400000;
  TicketEvent e;
  e.type = EventType::kReceived;
  e.actor = "open311:civic-app";
  e.at = t.created_at;
  Open311Meta m;
  m.client = "civic-app";
  m.attributes = {{"kind", "report"}};
  auto failed = (*store)->CreateTicketWithOpen311Meta(t, {e}, "XD", m);
  EXPECT_FALSE(failed.ok());
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->tickets, 0);
  EXPECT_EQ(stats->events, 0);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER boom", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto ok = (*store)->CreateTicketWithOpen311Meta(t, {e}, "XD", m);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->number, "XD-20261129-000001");  // the failed write took no number
  EXPECT_EQ((*store)->ListOpen311Meta({ok->id})->size(), 1u);
}

}  // namespace
}  // namespace lianxin::store
