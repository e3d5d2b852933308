// PostgreSQL-only behaviour beyond the conformance suite: leases shared by
// several stores on one database, an unreachable server.
// Needs LIANXIN_TEST_PG (scripts/test sets it); skips loudly without it.
#include <gtest/gtest.h>

#include "store/store.h"
#include "testutil/pg_testdb.h"

namespace lianxin::store {
namespace {

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testutil::PgTestServerUrl().empty()) GTEST_SKIP() << testutil::PgSkipMessage();
    db_ = std::make_unique<testutil::PgTestDatabase>();
    ASSERT_TRUE(db_->ok()) << db_->error();
  }
  std::unique_ptr<testutil::PgTestDatabase> db_;
};

TEST_F(PgStoreTest, OneLeaderAtATimeAndTakeoverWhenItCloses) {
  auto a = OpenPostgresStore(db_->url());
  auto b = OpenPostgresStore(db_->url());
  ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString() << b.status().ToString();
  EXPECT_TRUE(*(*a)->TryLead("background"));
  EXPECT_TRUE(*(*a)->TryLead("background"));   // kept
  EXPECT_FALSE(*(*b)->TryLead("background"));  // held by a
  EXPECT_TRUE(*(*b)->TryLead("other"));        // leases are independent
  a->reset();                                  // the leader goes away: its session ends
  EXPECT_TRUE(*(*b)->TryLead("background"));
}

TEST(PgStore, UnreachableServerIsUnavailable) {
  auto s = OpenPostgresStore("postgres://nobody@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(OpenPostgresStore("").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::store
