// The leaders' dashboard (领导驾驶舱): one pass over the matching tickets,
// counted per day, level-1 category, sub-region and status.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "service/service.h"

namespace lianxin::service {
namespace {

constexpr int kPage = 500;
constexpr TimeMs kSoon = 24 * kHourMs;
constexpr TimeMs kCst = 8 * kHourMs;
constexpr TimeMs kMaxFilledSpan = 400 * kDayMs;

bool MaySeeDashboard(const Actor& a) {
  return !a.citizen &&
         (a.role == Role::kAnalyst || a.role == Role::kSupervisor || a.role == Role::kAdmin);
}

bool IsClosed(TicketStatus s) {
  switch (s) {
    case TicketStatus::kResolved:
    case TicketStatus::kRevisited:
    case TicketStatus::kArchived:
    case TicketStatus::kResolvedAtIntake:
    case TicketStatus::kMerged:
      return true;
    default:
      return false;
  }
}

bool IsResolved(TicketStatus s) {
  return s == TicketStatus::kResolved || s == TicketStatus::kRevisited ||
         s == TicketStatus::kArchived || s == TicketStatus::kResolvedAtIntake;
}

// "20261129" → "2026-11-29".
std::string Day(TimeMs t) {
  std::string d = FormatDayCst(t);
  return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

// The first `parts` dot-separated parts of a hierarchical code ("XD.A.A3", 2 → "XD.A"),
// or "" when the code has fewer parts.
std::string Prefix(const std::string& code, size_t parts) {
  size_t pos = 0;
  for (size_t i = 0; i < parts; ++i) {
    if (pos > code.size()) return "";
    size_t dot = code.find('.', pos);
    if (dot == std::string::npos) return i + 1 == parts ? code : "";
    pos = dot + 1;
  }
  return code.substr(0, pos - 1);
}

size_t Depth(const std::string& code) {
  return code.empty() ? 0 : 1 + std::count(code.begin(), code.end(), '.');
}

void Count(DashboardGroup& g, const Ticket& t, TimeMs now) {
  g.count += 1;
  if (!IsClosed(t.status)) {
    g.open += 1;
    if (t.due_at && t.due_at < now) g.overdue += 1;
  }
}

}  // namespace

Result<DashboardSummary> Service::Dashboard(const Actor& actor, const DashboardFilter& filter) {
  if (!MaySeeDashboard(actor)) return Status::PermissionDenied("无权查看领导驾驶舱");
  if (filter.from && filter.to && filter.from >= filter.to) {
    return Status::InvalidArgument("开始时间应早于结束时间");
  }
  auto dir = directory();
  std::string base = filter.region_code;
  if (base.empty()) {
    for (const auto& r : dir->regions) {
      if (r.parent.empty()) {
        base = r.code;
        break;
      }
    }
  } else if (!dir->FindRegion(base)) {
    return Status::InvalidArgument("未知的区域：" + base);
  }

  DashboardSummary s;
  s.now = clock_.Now();
  // Every direct sub-region, so a map shows them all, then "" for the rest.
  std::vector<DashboardGroup> regions;
  std::unordered_map<std::string, size_t> region_index;
  for (const auto& r : dir->regions) {
    if (!base.empty() && r.parent == base) regions.push_back({r.code, r.name});
  }
  std::sort(regions.begin(), regions.end(),
            [](const DashboardGroup& a, const DashboardGroup& b) { return a.code < b.code; });
  for (size_t i = 0; i < regions.size(); ++i) region_index[regions[i].code] = i;
  DashboardGroup unplaced{"", "未定位"};
  std::map<std::string, int64_t> days;
  std::map<std::string, DashboardGroup> categories;
  std::map<int, DashboardGroup> statuses;
  const size_t child_depth = Depth(base) + 1;

  store::TicketFilter f;
  f.region_prefix = filter.region_code;
  f.category_prefix = filter.category_code;
  f.created_from = filter.from;
  f.created_to = filter.to;
  f.limit = kPage;
  f.oldest_first = true;  // new tickets land after the pages already read
  for (f.offset = 0;; f.offset += kPage) {
    LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(f));
    for (const Ticket& t : page.items) {
      s.total += 1;
      if (!IsClosed(t.status)) {
        s.open += 1;
        if (t.due_at && t.due_at < s.now) s.overdue += 1;
        if (t.due_at && t.due_at >= s.now && t.due_at < s.now + kSoon) s.due_soon += 1;
      }
      if (IsResolved(t.status)) s.resolved += 1;
      days[Day(t.created_at)] += 1;

      std::string top = Prefix(t.category_code, 1);
      auto [cat, fresh] = categories.try_emplace(top);
      if (fresh) {
        cat->second.code = top;
        const Category* c = top.empty() ? nullptr : dir->FindCategory(top);
        cat->second.name = c ? c->name : (top.empty() ? "未分类" : top);
      }
      Count(cat->second, t, s.now);

      auto it = region_index.find(Prefix(t.region_code, child_depth));
      Count(it == region_index.end() ? unplaced : regions[it->second], t, s.now);

      auto [st, new_status] = statuses.try_emplace(static_cast<int>(t.status));
      if (new_status) {
        st->second.code = std::string(ToString(t.status));
        st->second.name = std::string(LabelZh(t.status));
      }
      Count(st->second, t, s.now);
    }
    if (static_cast<int>(page.items.size()) < kPage) break;
  }

  if (filter.from && filter.to && filter.to - filter.from <= kMaxFilledSpan) {
    // Step through CST midnights so every calendar day appears once.
    TimeMs start = (filter.from + kCst) / kDayMs * kDayMs - kCst;
    for (TimeMs d = start; d < filter.to; d += kDayMs) days.try_emplace(Day(d), 0);
  }
  s.by_day.assign(days.begin(), days.end());
  for (auto& [code, g] : categories) s.by_category.push_back(std::move(g));
  std::stable_sort(s.by_category.begin(), s.by_category.end(),
                   [](const DashboardGroup& a, const DashboardGroup& b) { return a.count > b.count; });
  s.by_region = std::move(regions);
  if (unplaced.count) s.by_region.push_back(std::move(unplaced));
  for (auto& [k, g] : statuses) s.by_status.push_back(std::move(g));
  return s;
}

}  // namespace lianxin::service
