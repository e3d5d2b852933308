// Time as Unix milliseconds, calendar helpers for China Standard Time (UTC+8),
// and the Clock seam. Clock implementations must be thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lianxin {

using TimeMs = int64_t;  // milliseconds since 1970-01-01T00:00:00Z

// Source of the current time; the one seam every time-dependent module uses.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimeMs Now() const override;
};

// A clock that only moves when told; for tests. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimeMs start) : now_(start) {}
  TimeMs Now() const override { return now_.load(); }
  void Advance(TimeMs delta) { now_ += delta; }
  void Set(TimeMs t) { now_ = t; }

 private:
  std::atomic<TimeMs> now_;
};

// "2026-11-29T08:00:00+08:00" for `t` in China Standard Time.
std::string FormatIsoCst(TimeMs t);
// "20261129": the CST calendar day of `t`, used in ticket numbers.
std::string FormatDayCst(TimeMs t);
// Parses "YYYY-MM-DD HH:MM:SS" (taken as CST), "YYYY-MM-DD" or ISO-8601 with
// "T" and an optional "Z"/"+08:00" offset. Returns nullopt when malformed.
std::optional<TimeMs> ParseTime(std::string_view s);

constexpr TimeMs kSecondMs = 1000;
constexpr TimeMs kHourMs = 3600 * kSecondMs;
constexpr TimeMs kDayMs = 24 * kHourMs;

}  // namespace lianxin
