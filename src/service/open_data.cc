// Open data and public statistics (公众监督, issue 8): anonymised tickets, counts
// and rates, and unit rankings, for anyone without an account. Nothing personal
// leaves: no name, phone, address or coordinates; free text goes through the
// text pipeline's masking and the citizen's own name is masked where it occurs;
// places are coarsened to the district and times to the day.
#include <algorithm>
#include <functional>
#include <map>

#include "core/utf8.h"
#include "service/open311_mapping.h"
#include "service/service.h"
#include "service/service_impl.h"
#include "text/text.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kDayMs = 24 * kHourMs;
constexpr TimeMs kMaxRange = 366 * kDayMs;
constexpr int kScanPage = 5000;

// The region itself when at district level or above, else its district.
const Region* Coarse(const Directory& dir, const std::string& code) {
  const Region* r = dir.FindRegion(code);
  while (r && r->level > RegionLevel::kDistrict && !r->parent.empty()) r = dir.FindRegion(r->parent);
  return r;
}

std::string Day(TimeMs t) {
  std::string d = FormatDayCst(t);  // 20261129
  return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

bool Closed(const Ticket& t) { return BaseStatus(t.status) == "closed"; }

// Closed within its deadline (resolved_at, else updated_at, by due_at).
bool OnTime(const Ticket& t) {
  TimeMs done = t.resolved_at ? t.resolved_at : t.updated_at;
  return done <= t.due_at;
}

bool Satisfied(const Ticket& t) {
  return t.satisfaction == Satisfaction::kSatisfied || t.satisfaction == Satisfaction::kBasicallySatisfied;
}

Status Range(const Clock& clock, TimeMs& from, TimeMs& to) {
  if (!to) to = clock.Now();
  if (!from) from = to - 30 * kDayMs;
  if (to <= from) return Status::InvalidArgument("结束时间必须晚于开始时间");
  if (to - from > kMaxRange) return Status::InvalidArgument("时间范围不能超过 366 天");
  return Status::Ok();
}

// Calls `fn` for every ticket created in [from, to).
Status ForEachTicket(store::Store& store, TimeMs from, TimeMs to,
                     const std::function<void(const Ticket&)>& fn) {
  store::TicketQuery q;
  q.created_from = from;
  q.created_to = to;
  q.limit = kScanPage;
  q.oldest_first = true;
  for (;;) {
    LX_ASSIGN_OR_RETURN(store::TicketPage page, store.QueryTickets(q));
    for (const Ticket& t : page.items) fn(t);
    if (static_cast<int>(page.items.size()) < q.limit) return Status::Ok();
    q.offset += q.limit;
  }
}

std::vector<std::pair<std::string, int64_t>> Sorted(const std::map<std::string, int64_t>& m) {
  std::vector<std::pair<std::string, int64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

double Rate(int64_t part, int64_t whole) { return whole ? static_cast<double>(part) / whole : 0; }

}  // namespace

Result<std::vector<OpenDataRecord>> Service::OpenDataTickets(const OpenDataQuery& query, int64_t* total) {
  TimeMs from = query.from, to = query.to;
  LX_RETURN_IF_ERROR(Range(clock_, from, to));
  if (query.limit < 1 || query.limit > 5000) return Status::InvalidArgument("limit 应为 1–5000");
  if (query.offset < 0) return Status::InvalidArgument("offset 不能为负数");
  auto dir = directory();
  store::TicketQuery q;
  q.created_from = from;
  q.created_to = to;
  if (!query.category_prefix.empty()) {
    if (!dir->FindCategory(query.category_prefix)) {
      return Status::InvalidArgument("未知的分类：" + query.category_prefix);
    }
    q.category_codes = {query.category_prefix};
  }
  q.limit = query.limit;
  q.offset = query.offset;
  LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.QueryTickets(q));
  if (total) *total = page.total;
  std::vector<OpenDataRecord> out;
  out.reserve(page.items.size());
  for (const Ticket& t : page.items) {
    OpenDataRecord r;
    r.number = t.number;
    r.kind = std::string(ToString(t.kind));
    r.kind_label = std::string(LabelZh(t.kind));
    r.channel = std::string(ToString(t.channel));
    r.category_code = t.category_code;
    if (const Category* k = dir->FindCategory(t.category_code)) r.category_name = k->name;
    if (const Region* reg = Coarse(*dir, t.region_code)) {
      r.region_code = reg->code;
      r.region_name = reg->name;
    }
    r.created_day = Day(t.created_at);
    r.status = std::string(ToString(t.status));
    r.status_label = std::string(LabelZh(t.status));
    r.closed = Closed(t);
    if (r.closed) r.closed_day = Day(t.resolved_at ? t.resolved_at : t.updated_at);
    if (const Unit* u = dir->FindUnit(t.owner_unit)) r.unit_name = u->name;
    r.title = MaskPublicText(t.title, t);
    r.body = MaskPublicText(t.body, t);
    if (t.satisfaction) r.satisfaction = std::string(ToString(*t.satisfaction));
    out.push_back(std::move(r));
  }
  return out;
}

Result<PublicStats> Service::PublicStatistics(TimeMs from, TimeMs to) {
  LX_RETURN_IF_ERROR(Range(clock_, from, to));
  auto dir = directory();
  PublicStats s;
  s.from = from;
  s.to = to;
  std::map<std::string, int64_t> by_category, by_region, by_kind;
  LX_RETURN_IF_ERROR(ForEachTicket(store_, from, to, [&](const Ticket& t) {
    ++s.total;
    if (Closed(t)) {
      ++s.closed;
      if (t.due_at) {
        ++s.due;
        if (OnTime(t)) ++s.on_time;
      }
    } else {
      ++s.open;
    }
    if (t.satisfaction) {
      ++s.rated;
      if (Satisfied(t)) ++s.satisfied;
    }
    std::string top = t.category_code.substr(0, t.category_code.find('.'));
    const Category* k = dir->FindCategory(top);
    ++by_category[k ? k->name : "未分类"];
    const Region* r = Coarse(*dir, t.region_code);
    ++by_region[r ? r->name : "未知属地"];
    ++by_kind[std::string(LabelZh(t.kind))];
  }));
  s.on_time_rate = Rate(s.on_time, s.due);
  s.satisfaction_rate = Rate(s.satisfied, s.rated);
  s.by_category = Sorted(by_category);
  s.by_region = Sorted(by_region);
  s.by_kind = Sorted(by_kind);
  return s;
}

Result<std::vector<UnitRanking>> Service::PublicRankings(TimeMs from, TimeMs to, int min_tickets) {
  LX_RETURN_IF_ERROR(Range(clock_, from, to));
  if (min_tickets < 1) return Status::InvalidArgument("min_tickets 应为正整数");
  auto dir = directory();
  const std::string centre = HotlineCentre();
  std::map<std::string, UnitRanking> by_unit;
  LX_RETURN_IF_ERROR(ForEachTicket(store_, from, to, [&](const Ticket& t) {
    if (t.owner_unit.empty() || t.owner_unit == centre) return;  // not handled by a unit
    UnitRanking& u = by_unit[t.owner_unit];
    ++u.tickets;
    if (Closed(t)) {
      ++u.closed;
      if (t.due_at) {
        ++u.due;
        if (OnTime(t)) ++u.on_time;
      }
    }
    if (t.satisfaction) {
      ++u.rated;
      if (Satisfied(t)) ++u.satisfied;
    }
  }));
  std::vector<UnitRanking> out;
  for (auto& [code, u] : by_unit) {
    if (u.tickets < min_tickets) continue;
    u.unit_code = code;
    if (const Unit* unit = dir->FindUnit(code)) u.unit_name = unit->name;
    u.on_time_rate = Rate(u.on_time, u.due);
    u.satisfaction_rate = Rate(u.satisfied, u.rated);
    u.score = 50 * u.on_time_rate + 50 * u.satisfaction_rate;
    out.push_back(u);
  }
  std::stable_sort(out.begin(), out.end(), [](const UnitRanking& a, const UnitRanking& b) {
    return a.score != b.score ? a.score > b.score : a.tickets > b.tickets;
  });
  return out;
}

}  // namespace lianxin::service
