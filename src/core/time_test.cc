#include "core/time.h"

#include <gtest/gtest.h>

namespace lianxin {
namespace {

TEST(Time, ParsesCstAndIso) {
  // 2026-11-29 08:00:00 CST == 2026-11-29T00:00:00Z == 1795910400 s.
  auto t = ParseTime("2026-11-29 08:00:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, 1795910400000LL);
  EXPECT_EQ(ParseTime("2026-11-29T00:00:00Z"), t);
  EXPECT_EQ(ParseTime("2026-11-29T08:00:00+08:00"), t);
  EXPECT_EQ(FormatIsoCst(*t), "2026-11-29T08:00:00+08:00");
  EXPECT_EQ(FormatDayCst(*t - kHourMs * 9), "20261128");
  EXPECT_EQ(ParseTime("2026-11-29"), 1795881600000LL);
}

TEST(Time, RejectsMalformed) {
  EXPECT_FALSE(ParseTime("").has_value());
  EXPECT_FALSE(ParseTime("2026-13-01").has_value());
  EXPECT_FALSE(ParseTime("2026/11/29").has_value());
  EXPECT_FALSE(ParseTime("2026-11-29 25:00").has_value());
  EXPECT_FALSE(ParseTime("2026-11-29T08:00:00+0800").has_value());
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock c(1000);
  EXPECT_EQ(c.Now(), 1000);
  c.Advance(kDayMs);
  EXPECT_EQ(c.Now(), 1000 + kDayMs);
}

}  // namespace
}  // namespace lianxin
