// The libpq wrapper: durability settings and the error mapping.
// Needs LIANXIN_TEST_PG (scripts/test sets it); skips loudly without it.
#include "store/postgres/pg_conn.h"

#include <gtest/gtest.h>

#include "testutil/pg_testdb.h"

namespace lianxin::store::postgres {
namespace {

TEST(PgConn, CommitsSynchronouslyAndMapsErrors) {
  if (testutil::PgTestServerUrl().empty()) GTEST_SKIP() << testutil::PgSkipMessage();
  testutil::PgTestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  auto c = Conn::Open(db.url());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto sync = (*c)->Query("SHOW synchronous_commit");
  ASSERT_TRUE(sync.ok());
  EXPECT_EQ((*sync)[0].Text(0), "on");
  ASSERT_TRUE((*c)->Exec("CREATE TABLE t (k TEXT PRIMARY KEY)").ok());
  Params p;
  p.Bind(1, "x");
  ASSERT_TRUE((*c)->Query("INSERT INTO t VALUES ($1)", p).ok());
  EXPECT_EQ((*c)->Query("INSERT INTO t VALUES ($1)", p).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ((*c)->Exec("SELEC 1").code(), StatusCode::kInternal);
  EXPECT_TRUE((*c)->Healthy());
}

TEST(PgConn, BindsTextNumbersAndNulls) {
  Params p;
  p.Bind(2, int64_t{-7}).Bind(1, 0.1).BindNull(3);
  ASSERT_EQ(p.values().size(), 3u);
  EXPECT_EQ(*p.values()[1], "-7");
  EXPECT_DOUBLE_EQ(std::stod(*p.values()[0]), 0.1);
  EXPECT_FALSE(p.values()[2].has_value());
}

TEST(PgConn, ByteaHexSpellsEveryByte) {
  EXPECT_EQ(ByteaHex(std::string("\x00\xff\x10" "a", 4)), "\\x00ff1061");
  EXPECT_EQ(ByteaHex(""), "\\x");
}

}  // namespace
}  // namespace lianxin::store::postgres
