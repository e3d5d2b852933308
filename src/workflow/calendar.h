// The working-day calendar (工作日历): which China Standard Time days are
// working days, from public holidays and 调休 make-up working days, and
// deadline arithmetic over it. Immutable once loaded: safe to share between
// threads; all methods are const and do not block.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace lianxin::workflow {

// The CST calendar day containing `t`, as days since 1970-01-01.
int64_t CstDay(TimeMs t);
// The instant 00:00 CST of day `day` (inverse of CstDay).
TimeMs CstDayStart(int64_t day);

class WorkCalendar {
 public:
  // A calendar without holidays: Monday to Friday are working days.
  WorkCalendar() = default;

  // Parses the holiday file (data/calendar/cn_holidays.csv): a header row
  // `date,type`, then one row per day `YYYY-MM-DD,holiday|workday` (workday = a
  // 调休 make-up working day on a weekend); '#' comments and blank lines are
  // skipped. Days not listed follow Monday–Friday. Returns kInvalidArgument
  // "<source>:<line>: ..." for a bad header, date, type or a repeated date.
  static Result<WorkCalendar> Parse(std::string_view csv,
                                    std::string_view source = "cn_holidays.csv");
  // Reads and parses the file at `path` (blocks); kNotFound when unreadable.
  static Result<WorkCalendar> LoadFile(const std::string& path);

  // Whether the CST day containing `t` is a working day.
  bool IsWorkingDay(TimeMs t) const;

  // The instant `days` working days after `start`: the clock runs only on
  // working days (the whole CST day, 00:00–24:00) and stops on weekends and
  // holidays. So from a working day it lands at the same clock time on the
  // `days`-th following working day; from a non-working day it starts at the
  // next working day's 00:00 (Saturday 10:00 + 1 → Tuesday 00:00, the end of
  // Monday). `days` <= 0 returns `start`. Equals AddWorkingHours(start, 24 * days).
  TimeMs AddWorkingDays(TimeMs start, int days) const;
  // The instant `hours` working hours after `start`, with the same clock as
  // AddWorkingDays (24 working hours per working day; no office hours).
  TimeMs AddWorkingHours(TimeMs start, int64_t hours) const;

  // Number of days the file listed (holidays plus make-up working days).
  size_t special_days() const { return special_.size(); }

 private:
  std::map<int64_t, bool> special_;  // CST day → working?
};

}  // namespace lianxin::workflow
