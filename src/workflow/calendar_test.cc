#include "workflow/calendar.h"

#include <gtest/gtest.h>

namespace lianxin::workflow {
namespace {

TimeMs At(const char* cst) { return ParseTime(cst).value(); }

class WorkCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cal = WorkCalendar::LoadFile("data/calendar/cn_holidays.csv");
    ASSERT_TRUE(cal.ok()) << cal.status().ToString();
    cal_ = std::move(cal).value();
  }
  WorkCalendar cal_;
};

TEST(WorkCalendar, CstDaysStartAtMidnightBeijingTime) {
  TimeMs midnight = At("2026-10-01");
  EXPECT_EQ(CstDayStart(CstDay(midnight)), midnight);
  EXPECT_EQ(CstDay(At("2026-10-01 23:59:59")), CstDay(midnight));
  EXPECT_EQ(CstDay(At("2026-09-30T16:00:00Z")), CstDay(midnight));  // 00:00 CST
  EXPECT_EQ(CstDay(At("2026-09-30T15:59:59Z")), CstDay(midnight) - 1);
  EXPECT_EQ(CstDay(At("1969-12-31 12:00:00")), -1);
}

TEST(WorkCalendar, WithoutHolidaysMondayToFridayWork) {
  WorkCalendar plain;
  EXPECT_TRUE(plain.IsWorkingDay(At("2026-11-27 23:00:00")));   // Friday
  EXPECT_FALSE(plain.IsWorkingDay(At("2026-11-28 00:00:00")));  // Saturday
  EXPECT_FALSE(plain.IsWorkingDay(At("2026-11-29 12:00:00")));  // Sunday
  EXPECT_TRUE(plain.IsWorkingDay(At("2026-11-30 00:00:00")));   // Monday
  // Same clock time on the n-th working day; weekends stop the clock.
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-25 16:00:00"), 1), At("2026-11-26 16:00:00"));
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-27 16:00:00"), 1), At("2026-11-30 16:00:00"));
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-27 16:00:00"), 5), At("2026-12-04 16:00:00"));
  // From a weekend the clock starts on Monday 00:00: one working day = end of Monday.
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-28 10:00:00"), 1), At("2026-12-01 00:00:00"));
  // A deadline at the end of a Friday stays there (it does not jump to Monday).
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-27 00:00:00"), 1), At("2026-11-28 00:00:00"));
  EXPECT_EQ(plain.AddWorkingHours(At("2026-11-27 20:00:00"), 10), At("2026-11-30 06:00:00"));
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-27 20:00:00"), 0), At("2026-11-27 20:00:00"));
  EXPECT_EQ(plain.AddWorkingDays(At("2026-11-27 20:00:00"), -3), At("2026-11-27 20:00:00"));
}

TEST_F(WorkCalendarTest, ShippedFileHasTheStateCouncilSchedules) {
  EXPECT_EQ(cal_.special_days(), 33u + 39u);  // 2025 + 2026
  EXPECT_FALSE(cal_.IsWorkingDay(At("2025-01-01")));
  EXPECT_TRUE(cal_.IsWorkingDay(At("2025-01-26")));   // Sunday, 调休上班
  EXPECT_FALSE(cal_.IsWorkingDay(At("2025-02-04")));  // Tuesday, 春节
  EXPECT_TRUE(cal_.IsWorkingDay(At("2025-02-08")));   // Saturday
  EXPECT_TRUE(cal_.IsWorkingDay(At("2025-04-27")));   // Sunday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2025-10-08")));  // Wednesday, 国庆+中秋
  EXPECT_TRUE(cal_.IsWorkingDay(At("2025-10-11")));   // Saturday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-01-02")));  // Friday, 元旦
  EXPECT_TRUE(cal_.IsWorkingDay(At("2026-01-04")));   // Sunday
  EXPECT_TRUE(cal_.IsWorkingDay(At("2026-02-14")));   // Saturday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-02-23")));  // Monday, 春节
  EXPECT_TRUE(cal_.IsWorkingDay(At("2026-02-28")));   // Saturday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-05-05")));  // Tuesday, 劳动节
  EXPECT_TRUE(cal_.IsWorkingDay(At("2026-05-09")));   // Saturday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-06-19")));  // Friday, 端午
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-09-25")));  // Friday, 中秋
  EXPECT_TRUE(cal_.IsWorkingDay(At("2026-09-20")));   // Sunday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-10-07")));  // Wednesday, 国庆
  EXPECT_TRUE(cal_.IsWorkingDay(At("2026-10-10")));   // Saturday
  EXPECT_FALSE(cal_.IsWorkingDay(At("2026-10-11")));  // Sunday
  EXPECT_TRUE(cal_.IsWorkingDay(At("2027-01-01")));   // beyond the file: a Friday
}

TEST_F(WorkCalendarTest, SevenWorkingDaysAcrossNationalDay) {
  // Dispatched Wednesday 2026-09-30 10:00: 10/1–10/7 are holidays, then 10/8 Thu,
  // 10/9 Fri, 10/10 Sat (调休上班), 10/12 Mon, 10/13, 10/14, 10/15 → Thursday 10:00.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-09-30 10:00:00"), 7), At("2026-10-15 10:00:00"));
  // Without the make-up Saturday it would be one day later; without the
  // holidays, five working days earlier.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-09-30 10:00:00"), 3), At("2026-10-10 10:00:00"));
  EXPECT_EQ(WorkCalendar().AddWorkingDays(At("2026-09-30 10:00:00"), 7), At("2026-10-09 10:00:00"));
  // Dispatched on a holiday: the clock starts on 10/8 00:00.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-10-03 15:00:00"), 1), At("2026-10-09 00:00:00"));
  EXPECT_EQ(cal_.AddWorkingHours(At("2026-10-03 15:00:00"), 30), At("2026-10-09 06:00:00"));
}

TEST_F(WorkCalendarTest, SpringFestivalWithMakeUpSaturdays) {
  // Friday 2/13 09:00 + 1 → Saturday 2/14 (a working day); + 2 → jumps the
  // nine-day holiday to Tuesday 2/24; + 5 → 2/27 Fri; + 6 → 2/28 Saturday.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13 09:00:00"), 1), At("2026-02-14 09:00:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13 09:00:00"), 2), At("2026-02-24 09:00:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13 09:00:00"), 5), At("2026-02-27 09:00:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13 09:00:00"), 6), At("2026-02-28 09:00:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13 09:00:00"), 7), At("2026-03-02 09:00:00"));
  // 2025: 1/24 Fri + 1 → 1/26 Sunday (调休上班), + 2 → 1/27 Mon, + 3 → 2/5 Wed.
  EXPECT_EQ(cal_.AddWorkingDays(At("2025-01-24 14:00:00"), 1), At("2025-01-26 14:00:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2025-01-24 14:00:00"), 3), At("2025-02-05 14:00:00"));
}

TEST(WorkCalendar, MalformedFilesNameTheLine) {
  struct Case {
    const char* csv;
    const char* expected;
  };
  const Case cases[] = {
      {"day,kind\n2026-10-01,holiday\n", "x.csv:1: 表头应为"},
      {"", "x.csv:1: 表头应为"},
      {"date,type\n# comment\n2026-10-01,holiday\n2026-02-30,holiday\n",
       "x.csv:4: 日期格式错误「2026-02-30」"},
      {"date,type\n2026/10/01,holiday\n", "x.csv:2: 日期格式错误"},
      {"date,type\n2026-10-01,holliday\n", "x.csv:2: 类型「holliday」无效"},
      {"date,type\n2026-10-01\n", "x.csv:2: 应有 2 列"},
      {"date,type\n2026-10-01,holiday,x\n", "x.csv:2: 应有 2 列"},
      {"date,type\n2026-10-01,holiday\n\n2026-10-01,workday\n",
       "x.csv:4: 日期 2026-10-01 重复（第 2 行已列出）"},
  };
  for (const Case& c : cases) {
    auto cal = WorkCalendar::Parse(c.csv, "x.csv");
    ASSERT_FALSE(cal.ok()) << c.csv;
    EXPECT_EQ(cal.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(cal.status().message().rfind(c.expected, 0), 0u) << cal.status().message();
  }
  EXPECT_EQ(WorkCalendar::LoadFile("no/such/file.csv").status().code(), StatusCode::kNotFound);
}

TEST(WorkCalendar, AcceptsWindowsLineEndsAndBom) {
  auto cal = WorkCalendar::Parse(
      "\xEF\xBB\xBF"
      "date,type\r\n2026-10-10,workday\r\n2026-10-12,holiday\r\n");
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_TRUE(cal->IsWorkingDay(At("2026-10-10")));
  EXPECT_FALSE(cal->IsWorkingDay(At("2026-10-12")));
}

}  // namespace
}  // namespace lianxin::workflow
