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
  // Numbers are reserved per issue, so a branch may have gaps: unique and increasing.
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

TEST(SqliteStore, RejectsEmptyPathAndUnwritableDir) {
  EXPECT_EQ(OpenSqliteStore("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(OpenSqliteStore("/nonexistent-dir/x.db").ok());
}

}  // namespace
}  // namespace lianxin::store
