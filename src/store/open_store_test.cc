#include <gtest/gtest.h>

#include "store/store.h"
#include "testutil/testutil.h"

namespace lianxin::store {
namespace {

TEST(OpenStore, LocationPicksTheBackend) {
  EXPECT_TRUE(IsPostgresUrl("postgres://u@h:5432/db"));
  EXPECT_TRUE(IsPostgresUrl("postgresql://h/db"));
  EXPECT_FALSE(IsPostgresUrl("data/lianxin.db"));
  EXPECT_FALSE(IsPostgresUrl("/srv/postgres://x"));
  testutil::TempDir dir;
  auto s = OpenStore(dir.File("x.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(*(*s)->TryLead("background"));  // SQLite: one process, always the leader
  EXPECT_EQ(OpenStore("postgres://nobody@127.0.0.1:1/none?connect_timeout=2").status().code(),
            StatusCode::kUnavailable);
}

}  // namespace
}  // namespace lianxin::store
