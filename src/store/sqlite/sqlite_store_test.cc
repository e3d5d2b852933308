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
  for (size_t i = 0; i < ms.size(); ++i) EXPECT_EQ(ms[i].version, static_cast<int>(i + 1));
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

TEST(SqliteStore, RejectsEmptyPathAndUnwritableDir) {
  EXPECT_EQ(OpenSqliteStore("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(OpenSqliteStore("/nonexistent-dir/x.db").ok());
}

}  // namespace
}  // namespace lianxin::store
