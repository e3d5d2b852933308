#include "workflow/calendar.h"

#include "core/csv.h"

namespace lianxin::workflow {
namespace {

constexpr TimeMs kCstOffsetMs = 8 * kHourMs;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 1970-01-01 was a Thursday; 0 = Monday … 6 = Sunday.
int Weekday(int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

}  // namespace

int64_t CstDay(TimeMs t) { return FloorDiv(t + kCstOffsetMs, kDayMs); }
TimeMs CstDayStart(int64_t day) { return day * kDayMs - kCstOffsetMs; }

Result<WorkCalendar> WorkCalendar::Parse(std::string_view csv, std::string_view source) {
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(csv, source));
  if (rows.empty() || rows[0].fields != std::vector<std::string>{"date", "type"}) {
    return RowError(source, rows.empty() ? 1 : rows[0].line, "表头应为「date,type」");
  }
  WorkCalendar cal;
  std::map<int64_t, int> seen_at;
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& r = rows[i];
    if (r.fields.size() != 2) {
      return RowError(source, r.line,
                      "应有 2 列（date,type），实有 " + std::to_string(r.fields.size()) + " 列");
    }
    const std::string& date = r.fields[0];
    std::optional<TimeMs> t = date.size() == 10 ? ParseTime(date) : std::nullopt;
    // ParseTime accepts 2026-02-30; a round trip through the formatter rejects it.
    if (!t || FormatDayCst(*t) != date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2)) {
      return RowError(source, r.line, "日期格式错误「" + date + "」，应为 YYYY-MM-DD");
    }
    bool working;
    if (r.fields[1] == "holiday") {
      working = false;
    } else if (r.fields[1] == "workday") {
      working = true;
    } else {
      return RowError(source, r.line, "类型「" + r.fields[1] + "」无效，应为 holiday 或 workday");
    }
    int64_t day = CstDay(*t);
    auto [it, inserted] = seen_at.emplace(day, r.line);
    if (!inserted) {
      return RowError(source, r.line,
                      "日期 " + date + " 重复（第 " + std::to_string(it->second) + " 行已列出）");
    }
    cal.special_[day] = working;
  }
  return cal;
}

Result<WorkCalendar> WorkCalendar::LoadFile(const std::string& path) {
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return Parse(text, path);
}

bool WorkCalendar::IsWorkingDay(TimeMs t) const {
  int64_t day = CstDay(t);
  auto it = special_.find(day);
  if (it != special_.end()) return it->second;
  return Weekday(day) < 5;
}

TimeMs WorkCalendar::AddWorkingHours(TimeMs start, int64_t hours) const {
  if (hours <= 0) return start;
  TimeMs left = hours * kHourMs;
  TimeMs t = start;
  while (true) {
    TimeMs day_end = CstDayStart(CstDay(t) + 1);
    if (IsWorkingDay(t)) {
      if (day_end - t >= left) return t + left;
      left -= day_end - t;
    }
    t = day_end;
  }
}

TimeMs WorkCalendar::AddWorkingDays(TimeMs start, int days) const {
  return AddWorkingHours(start, static_cast<int64_t>(days) * 24);
}

}  // namespace lianxin::workflow
