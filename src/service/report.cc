// Decision reports (决策支持, issue 6): the weekly or monthly figures of a region —
// volumes, categories, sub-regions, 三率, hot topics, alerts, governance items, repeat
// requests — gathered from the same reads the dashboard and the insight API use.
#include <algorithm>
#include <cstdio>

#include "insight/evaluation.h"
#include "service/service.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kCst = 8 * kHourMs;

// Days since 1970-01-01 in CST, and Monday = 0 .. Sunday = 6.
int64_t CstDays(TimeMs t) { return (t + kCst) / kDayMs - ((t + kCst) % kDayMs < 0 ? 1 : 0); }
int Weekday(int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }
TimeMs StartOfDay(int64_t days) { return days * kDayMs - kCst; }

// Monday (day number) of ISO week 1 of `year`: the week with January 4th.
int64_t IsoWeekOne(int year) {
  int64_t jan4 = CstDays(insight::DayStart(int64_t{year} * 10000 + 104));
  return jan4 - Weekday(jan4);
}

int YearOf(int64_t days) { return static_cast<int>(insight::DayOf(StartOfDay(days)) / 10000); }

// The ISO week holding day `days`: "2026-W48" and its Monday.
std::pair<std::string, int64_t> IsoWeek(int64_t days) {
  int64_t monday = days - Weekday(days);
  int year = YearOf(monday + 3);  // the Thursday decides the year
  int week = static_cast<int>((monday - IsoWeekOne(year)) / 7 + 1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return {buf, monday};
}

Status BadPeriod() {
  return Status::InvalidArgument("周期格式应为 2026-W48（周报）或 2026-11（月报）");
}

// Resolves the period of `q` at `now` into [from, to) and its name.
Status ResolvePeriod(const ReportQuery& q, TimeMs now, std::string& name, TimeMs& from, TimeMs& to) {
  const int64_t today = CstDays(now);
  if (q.kind == ReportKind::kWeekly) {
    int64_t monday;
    if (q.period.empty()) {
      monday = IsoWeek(today).second - 7;  // the last complete week
    } else {
      int year = 0, week = 0;
      char tail = 0;
      if (q.period.size() != 8 ||
          std::sscanf(q.period.c_str(), "%4d-W%2d%c", &year, &week, &tail) != 2 || year < 2000 ||
          year > 2100 || week < 1 || week > 53) {
        return BadPeriod();
      }
      monday = IsoWeekOne(year) + (week - 1) * 7;
      if (IsoWeek(monday).first != q.period) return BadPeriod();  // week 53 of a 52-week year
    }
    name = IsoWeek(monday).first;
    from = StartOfDay(monday);
    to = StartOfDay(monday + 7);
    return Status::Ok();
  }
  int year = 0, month = 0;
  if (q.period.empty()) {
    int64_t ymd = insight::DayOf(now);
    year = static_cast<int>(ymd / 10000);
    month = static_cast<int>(ymd / 100 % 100) - 1;  // the last complete month
    if (month == 0) {
      month = 12;
      --year;
    }
  } else {
    char tail = 0;
    if (q.period.size() != 7 ||
        std::sscanf(q.period.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2 || year < 2000 ||
        year > 2100 || month < 1 || month > 12) {
      return BadPeriod();
    }
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  name = buf;
  from = insight::DayStart(int64_t{year} * 10000 + month * 100 + 1);
  int next_year = month == 12 ? year + 1 : year, next_month = month == 12 ? 1 : month + 1;
  to = insight::DayStart(int64_t{next_year} * 10000 + next_month * 100 + 1);
  return Status::Ok();
}

std::vector<ReportCount> Counts(const std::vector<DashboardGroup>& groups) {
  std::vector<ReportCount> out;
  for (const DashboardGroup& g : groups) {
    if (g.count > 0) out.push_back({g.code, g.name, g.count});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ReportCount& a, const ReportCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace

Result<DecisionReport> Service::Report(const Actor& actor, const ReportQuery& q) {
  if (actor.citizen || !(actor.role == Role::kSupervisor || actor.role == Role::kAnalyst ||
                         actor.role == Role::kAdmin)) {
    return Status::PermissionDenied("只有督办员、分析员和管理员可以查看决策报告");
  }
  DecisionReport r;
  r.kind = q.kind;
  r.generated_at = clock_.Now();
  LX_RETURN_IF_ERROR(ResolvePeriod(q, r.generated_at, r.period, r.from, r.to));
  auto dir = directory();
  r.region_code = q.region_code;
  if (r.region_code.empty()) {
    for (const Region& reg : dir->regions) {
      if (reg.parent.empty()) {
        r.region_code = reg.code;
        break;
      }
    }
  }
  const Region* region = dir->FindRegion(r.region_code);
  if (!region) return Status::InvalidArgument("未知的区域：" + r.region_code);
  r.region_name = region->name;

  DashboardFilter df;
  df.from = r.from;
  df.to = r.to;
  df.region_code = r.region_code;
  LX_ASSIGN_OR_RETURN(DashboardSummary s, Dashboard(actor, df));
  r.total = s.total;
  r.open = s.open;
  r.overdue = s.overdue;
  r.by_day = s.by_day;
  r.by_category = Counts(s.by_category);
  r.by_region = Counts(s.by_region);

  store::TicketFilter prev;
  prev.region_prefix = r.region_code;
  prev.created_from = r.from - (r.to - r.from);
  prev.created_to = r.from;
  prev.limit = 1;
  LX_ASSIGN_OR_RETURN(store::TicketPage prev_page, store_.ListTickets(prev));
  r.previous_total = prev_page.total;

  insight::DayRange range{insight::DayOf(r.from), insight::DayOf(r.to - 1)};
  LX_ASSIGN_OR_RETURN(std::vector<insight::Metrics> rates, EvaluationRates(actor, "region", range));
  r.rates.key = r.region_code;
  r.rates.name = r.region_name;
  for (const insight::Metrics& m : rates) {
    if (m.key == r.region_code) r.rates = m;
  }

  store::HotspotFilter hf;
  hf.region_prefix = region->parent.empty() ? "" : r.region_code;  // the root: everything
  hf.from = r.from;
  hf.to = r.to;
  hf.limit = 10;
  LX_ASSIGN_OR_RETURN(store::HotspotPage hotspots, store_.ListHotspots(hf));
  r.hotspots = std::move(hotspots.items);

  store::AlertFilter af;
  af.region_prefix = hf.region_prefix;
  af.from = r.from;
  af.to = r.to;
  af.limit = 20;
  LX_ASSIGN_OR_RETURN(store::AlertPage alerts, store_.ListAlerts(af));
  r.alerts = std::move(alerts.items);
  r.alerts_total = alerts.total;

  store::GovernanceFilter gf;
  gf.limit = 500;
  LX_ASSIGN_OR_RETURN(store::GovernancePage items, store_.ListGovernanceItems(gf));
  for (const store::GovernanceItem& g : items.items) {
    bool in_region = hf.region_prefix.empty() || g.region_code == r.region_code ||
                     g.region_code.rfind(r.region_code + ".", 0) == 0;
    bool current = g.state != "closed" || (g.updated_at >= r.from && g.updated_at < r.to);
    if (in_region && current && g.created_at < r.to) r.items.push_back(g);
  }

  store::RepeatFilter rf;
  rf.from = r.from;
  rf.to = r.to;
  rf.limit = 1;
  LX_ASSIGN_OR_RETURN(r.repeats, Repeats(actor, rf));
  r.repeats.items.clear();
  return r;
}

}  // namespace lianxin::service
