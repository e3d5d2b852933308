#include "service/login_throttle.h"

#include <gtest/gtest.h>

namespace lianxin::service {
namespace {

constexpr TimeMs kMinute = 60 * kSecondMs;

TEST(LoginThrottle, LocksAfterMaxFailuresAndUnlocksAfterLockout) {
  FakeClock clock(1'000'000);
  LoginThrottle t(clock, {.max_failures = 3, .window = 10 * kMinute, .lockout = 5 * kMinute});
  for (int i = 0; i < 2; ++i) {
    t.RecordFailure("admin", "10.0.0.1");
    EXPECT_EQ(t.RetryAfter("admin", "10.0.0.1"), 0);
  }
  t.RecordFailure("admin", "10.0.0.1");
  EXPECT_EQ(t.RetryAfter("admin", "10.0.0.1"), 5 * kMinute);
  clock.Advance(4 * kMinute);
  EXPECT_EQ(t.RetryAfter("admin", "10.0.0.1"), kMinute);
  clock.Advance(kMinute);
  EXPECT_EQ(t.RetryAfter("admin", "10.0.0.1"), 0);
  // After the lockout the count starts again: one failure does not re-lock.
  t.RecordFailure("admin", "10.0.0.1");
  EXPECT_EQ(t.RetryAfter("admin", "10.0.0.1"), 0);
}

TEST(LoginThrottle, KeysAreUsernameAndClientTogether) {
  FakeClock clock(0);
  LoginThrottle t(clock, {.max_failures = 2});
  t.RecordFailure("admin", "10.0.0.1");
  t.RecordFailure("admin", "10.0.0.1");
  EXPECT_GT(t.RetryAfter("admin", "10.0.0.1"), 0);
  EXPECT_EQ(t.RetryAfter("admin", "10.0.0.2"), 0);  // same user, other address
  EXPECT_EQ(t.RetryAfter("paidan", "10.0.0.1"), 0);  // same address, other user
}

TEST(LoginThrottle, FailuresOutsideTheWindowAreForgotten) {
  FakeClock clock(0);
  LoginThrottle t(clock, {.max_failures = 2, .window = 10 * kMinute, .lockout = kMinute});
  t.RecordFailure("u", "c");
  clock.Advance(10 * kMinute);
  t.RecordFailure("u", "c");
  EXPECT_EQ(t.RetryAfter("u", "c"), 0);
  t.RecordFailure("u", "c");
  EXPECT_EQ(t.RetryAfter("u", "c"), kMinute);
}

TEST(LoginThrottle, SuccessResetsTheCount) {
  FakeClock clock(0);
  LoginThrottle t(clock, {.max_failures = 2});
  t.RecordFailure("u", "c");
  t.RecordSuccess("u", "c");
  t.RecordFailure("u", "c");
  EXPECT_EQ(t.RetryAfter("u", "c"), 0);
}

TEST(LoginThrottle, MemoryIsBounded) {
  FakeClock clock(0);
  LoginThrottle t(clock, {.max_failures = 1, .window = kMinute, .lockout = 60 * kMinute,
                          .max_keys = 3});
  t.RecordFailure("locked", "c");  // locked for an hour
  clock.Advance(1);
  t.RecordFailure("a", "c");
  clock.Advance(1);
  t.RecordFailure("b", "c");
  clock.Advance(2 * kMinute);  // a and b are locked too (max_failures 1) but stale
  for (int i = 0; i < 10; ++i) t.RecordFailure("x" + std::to_string(i), "c");
  // Only the 3 newest remain: the oldest ("locked") was the stalest and was dropped.
  int locked = 0;
  for (int i = 0; i < 10; ++i) locked += t.RetryAfter("x" + std::to_string(i), "c") > 0;
  EXPECT_EQ(locked, 3);
}

}  // namespace
}  // namespace lianxin::service
