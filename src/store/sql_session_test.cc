#include "store/sql_session.h"

#include <gtest/gtest.h>

namespace lianxin::store::sql {
namespace {

TEST(DollarParams, RewritesNumberedParametersOnly) {
  EXPECT_EQ(DollarParams("SELECT a FROM t WHERE x = ?1 AND (?2 = 0 OR y = ?12)"),
            "SELECT a FROM t WHERE x = $1 AND ($2 = 0 OR y = $12)");
  EXPECT_EQ(DollarParams("SELECT 1 WHERE a ? b"), "SELECT 1 WHERE a ? b");
  EXPECT_EQ(DollarParams("?"), "?");
  EXPECT_EQ(DollarParams(""), "");
}

}  // namespace
}  // namespace lianxin::store::sql
