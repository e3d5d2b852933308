#include "store/sqlite/sqlite_db.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "testutil/testutil.h"

namespace lianxin::store::sqlite {
namespace {

TEST(Connection, PreparesBindsAndReportsErrors) {
  testutil::TempDir dir;
  auto c = Connection::Open(dir.File("x.db"));
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE((*c)->Exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)").ok());
  auto ins = (*c)->Prepare("INSERT INTO t VALUES (?1, ?2)");
  ASSERT_TRUE(ins.ok());
  ASSERT_TRUE((*ins)->Bind(1, std::string_view("a")).Bind(2, int64_t{7}).Run().ok());
  auto again = (*c)->Prepare("INSERT INTO t VALUES (?1, ?2)");
  Status dup = (*again)->Bind(1, std::string_view("a")).Bind(2, int64_t{8}).Run();
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  auto sel = (*c)->Prepare("SELECT v FROM t WHERE k = ?1");
  (*sel)->Bind(1, std::string_view("a"));
  ASSERT_TRUE(*(*sel)->Step());
  EXPECT_EQ((*sel)->Int(0), 7);
  EXPECT_FALSE((*c)->Prepare("SELEC nonsense").ok());
  EXPECT_FALSE((*c)->Exec("INSERT INTO missing VALUES (1)").ok());
}

// temp_store must stay at the default (0: files when a statement journal outgrows 64 KiB).
// MEMORY made every statement of a large write job walk the in-memory journal from its start.
TEST(Connection, KeepsTheDefaultTempStore) {
  testutil::TempDir dir;
  auto c = Connection::Open(dir.File("t.db"));
  ASSERT_TRUE(c.ok());
  auto s = (*c)->Prepare("PRAGMA temp_store");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(*(*s)->Step());
  EXPECT_EQ((*s)->Int(0), 0);
}

TEST(Connection, OpenFailsClearlyForBadPath) {
  auto c = Connection::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("/nonexistent-dir/x.db"), std::string::npos);
}

// ---- faults (issue 9 item 4) ----
TEST(SqliteError, FullOrFailingDiskIsUnavailableWithAChineseMessage) {
  for (int rc : {SQLITE_FULL, SQLITE_IOERR, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC}) {
    Status st = SqliteError(nullptr, rc, "committing");
    EXPECT_EQ(st.code(), StatusCode::kUnavailable) << rc;
    EXPECT_NE(st.message().find("存储空间不足"), std::string::npos) << st.message();
  }
  EXPECT_EQ(SqliteError(nullptr, SQLITE_CONSTRAINT_UNIQUE, "x").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(SqliteError(nullptr, SQLITE_ERROR, "x").code(), StatusCode::kInternal);
}

TEST(Connection, InTransactionFollowsBeginAndCommit) {
  testutil::TempDir dir;
  auto c = Connection::Open(dir.File("t.db"));
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE((*c)->InTransaction());
  ASSERT_TRUE((*c)->Exec("BEGIN IMMEDIATE").ok());
  EXPECT_TRUE((*c)->InTransaction());
  ASSERT_TRUE((*c)->Exec("COMMIT").ok());
  EXPECT_FALSE((*c)->InTransaction());
}
// ---- end faults ----

}  // namespace
}  // namespace lianxin::store::sqlite
