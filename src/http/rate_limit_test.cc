#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace lianxin::http {
namespace {

TEST(RateLimiter, BurstThenRefillPerClient) {
  FakeClock clock(1000000);
  RateLimiter limiter(clock, {/*per_minute=*/60, /*burst=*/3});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1")) << i;
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.1"), 1);
  EXPECT_TRUE(limiter.Allow("10.0.0.2"));  // another client has its own bucket
  clock.Advance(500);
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  clock.Advance(500);  // one token per second
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  clock.Advance(60 * 60 * 1000);  // refills up to the burst, not beyond
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
}

TEST(RateLimiter, DisabledAllowsEverything) {
  FakeClock clock(0);
  RateLimiter limiter(clock, {/*per_minute=*/0, /*burst=*/1});
  EXPECT_FALSE(limiter.enabled());
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.Allow("x"));
}

TEST(RateLimiter, IdleBucketsAreDroppedAtCapacity) {
  FakeClock clock(0);
  RateLimiter limiter(clock, {/*per_minute=*/60, /*burst=*/2, /*max_clients=*/2});
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("b"));
  clock.Advance(10000);  // both refilled
  EXPECT_TRUE(limiter.Allow("c"));
  // "a" starts over with a full bucket: it carried no debt.
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
}

}  // namespace
}  // namespace lianxin::http
