// Proactive governance (issue 6): reads of hot topics, alerts and repeats, the handling
// of alerts, and governance items (每月一题) with tasks, linked tickets, progress and the
// matter's ticket volume before and after the promotion.
#include <algorithm>
#include <set>

#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

constexpr int kVolumeWeeks = 8;
constexpr size_t kMaxTasks = 50;
constexpr size_t kMaxTickets = 500;

bool SeesAll(const Actor& a) {
  return !a.citizen &&
         (a.role == Role::kSupervisor || a.role == Role::kAnalyst || a.role == Role::kAdmin);
}
bool Manages(const Actor& a) {
  return !a.citizen && (a.role == Role::kSupervisor || a.role == Role::kAdmin);
}
bool IsUnitHandler(const Actor& a) {
  return !a.citizen && a.role == Role::kUnitHandler && !a.unit_code.empty();
}

Status CheckReader(const Actor& a) {
  if (SeesAll(a)) return Status::Ok();
  return Status::PermissionDenied("只有督办员、分析员和管理员可以查看热点与预警");
}

bool Involved(const store::GovernanceDetail& d, const std::string& unit) {
  if (d.item.lead_unit == unit) return true;
  if (std::find(d.item.assist_units.begin(), d.item.assist_units.end(), unit) !=
      d.item.assist_units.end()) {
    return true;
  }
  return std::any_of(d.tasks.begin(), d.tasks.end(),
                     [&](const store::GovernanceTask& t) { return t.unit_code == unit; });
}

bool ValidItemState(const std::string& s) {
  return s == "open" || s == "in_progress" || s == "done" || s == "closed";
}
bool ValidTaskState(const std::string& s) { return s == "todo" || s == "doing" || s == "done"; }

TicketBrief Brief(const Ticket& t) {
  TicketBrief b;
  b.id = t.id;
  b.number = t.number;
  b.title = MaskPublicText(t.title, t);
  b.created_at = t.created_at;
  b.status = t.status;
  b.region_code = t.region_code;
  b.category_code = t.category_code;
  b.owner_unit = t.owner_unit;
  return b;
}

// Briefs of those of `ids` that exist, in order.
Result<std::vector<TicketBrief>> Briefs(store::Store& store, const std::vector<TicketId>& ids) {
  std::vector<TicketBrief> out;
  for (TicketId id : ids) {
    Result<Ticket> t = store.GetTicket(id);
    if (t.status().code() == StatusCode::kNotFound) continue;
    if (!t.ok()) return t.status();
    out.push_back(Brief(*t));
  }
  return out;
}

}  // namespace

Result<store::HotspotPage> Service::Hotspots(const Actor& actor, const store::HotspotFilter& filter) {
  LX_RETURN_IF_ERROR(CheckReader(actor));
  return store_.ListHotspots(filter);
}

Result<HotspotDetail> Service::HotspotWithTickets(const Actor& actor, int64_t id, int limit,
                                                  int offset) {
  LX_RETURN_IF_ERROR(CheckReader(actor));
  HotspotDetail d;
  LX_ASSIGN_OR_RETURN(d.hotspot, store_.GetHotspot(id));
  LX_ASSIGN_OR_RETURN(std::vector<store::HotspotMember> members,
                      store_.PageHotspotMembers(id, limit, offset, &d.tickets_total));
  std::vector<TicketId> ids;
  for (const auto& m : members) ids.push_back(m.ticket_id);
  LX_ASSIGN_OR_RETURN(d.tickets, Briefs(store_, ids));
  return d;
}

Result<store::AlertPage> Service::Alerts(const Actor& actor, store::AlertFilter filter) {
  if (IsUnitHandler(actor)) {
    filter.assignee_unit = actor.unit_code;
  } else {
    LX_RETURN_IF_ERROR(CheckReader(actor));
  }
  return store_.ListAlerts(filter);
}

Result<AlertDetail> Service::AlertWithExamples(const Actor& actor, int64_t id) {
  if (!IsUnitHandler(actor)) LX_RETURN_IF_ERROR(CheckReader(actor));
  AlertDetail d;
  LX_ASSIGN_OR_RETURN(d.alert, store_.GetAlert(id));
  if (IsUnitHandler(actor) && d.alert.assignee_unit != actor.unit_code) {
    return Status::NotFound("没有这条预警");
  }
  LX_ASSIGN_OR_RETURN(d.examples, Briefs(store_, d.alert.examples));
  return d;
}

Result<store::StoredAlert> Service::AcknowledgeAlert(const Actor& actor, int64_t id,
                                                     const std::string& note) {
  if (!Manages(actor)) return Status::PermissionDenied("只有督办员和管理员可以确认预警");
  LX_ASSIGN_OR_RETURN(store::StoredAlert a, store_.GetAlert(id));
  if (a.state == "closed") return Status::FailedPrecondition("预警已关闭");
  if (a.state == "new") a.state = "acknowledged";
  if (!note.empty()) a.note = note;
  a.updated_by = actor.username;
  a.updated_at = clock_.Now();
  LX_RETURN_IF_ERROR(store_.UpdateAlert(a));
  return a;
}

Result<store::StoredAlert> Service::AssignAlert(const Actor& actor, int64_t id,
                                                const std::string& unit_code,
                                                const std::string& note) {
  if (!Manages(actor)) return Status::PermissionDenied("只有督办员和管理员可以交办预警");
  if (!directory()->FindUnit(unit_code)) return Status::NotFound("未知的承办单位：" + unit_code);
  LX_ASSIGN_OR_RETURN(store::StoredAlert a, store_.GetAlert(id));
  if (a.state == "closed") return Status::FailedPrecondition("预警已关闭");
  a.state = "assigned";
  a.assignee_unit = unit_code;
  if (!note.empty()) a.note = note;
  a.updated_by = actor.username;
  a.updated_at = clock_.Now();
  LX_RETURN_IF_ERROR(store_.UpdateAlert(a));
  return a;
}

Result<RepeatList> Service::Repeats(const Actor& actor, const store::RepeatFilter& filter) {
  LX_RETURN_IF_ERROR(CheckReader(actor));
  LX_ASSIGN_OR_RETURN(store::RepeatPage page, store_.ListRepeats(filter));
  RepeatList out;
  out.total = page.total;
  out.by_kind = page.by_kind;
  for (const store::StoredRepeat& r : page.items) {
    RepeatView v;
    v.repeat = r;
    LX_ASSIGN_OR_RETURN(std::vector<TicketBrief> both,
                        Briefs(store_, {r.ticket_id, r.earlier_ticket_id}));
    for (const TicketBrief& b : both) (b.id == r.ticket_id ? v.ticket : v.earlier) = b;
    out.items.push_back(std::move(v));
  }
  store::TicketFilter f;
  f.created_from = filter.from;
  f.created_to = filter.to;
  f.limit = 1;
  LX_ASSIGN_OR_RETURN(store::TicketPage tickets, store_.ListTickets(f));
  out.tickets = tickets.total;
  // Each ticket counts once whatever the number of its kinds (as SummariseRepeats).
  int64_t repeats = 0;
  for (const auto& [kind, n] : out.by_kind) repeats += n;
  out.repeat_rate = out.tickets > 0 ? std::min(1.0, double(repeats) / double(out.tickets)) : 0;
  return out;
}

Result<store::GovernanceItem> Service::PromoteToGovernance(const Actor& actor,
                                                           const NewGovernanceItem& in) {
  if (!Manages(actor)) return Status::PermissionDenied("只有督办员和管理员可以确定每月一题");
  auto dir = directory();
  if (in.lead_unit.empty()) return Status::InvalidArgument("请指定牵头单位");
  for (const std::string& u : in.assist_units) {
    if (!dir->FindUnit(u)) return Status::NotFound("未知的承办单位：" + u);
  }
  if (!dir->FindUnit(in.lead_unit)) return Status::NotFound("未知的承办单位：" + in.lead_unit);
  if (in.tasks.size() > kMaxTasks) return Status::InvalidArgument("任务不能超过 50 项");
  if (in.tickets.size() > kMaxTickets) return Status::InvalidArgument("关联工单不能超过 500 件");
  const TimeMs now = clock_.Now();
  if (in.deadline != 0 && in.deadline <= now) return Status::InvalidArgument("办理期限应晚于现在");
  if (in.title.size() > 600 || in.description.size() > 6000) {
    return Status::InvalidArgument("标题或说明过长");
  }
  store::GovernanceItem g;
  g.source_kind = in.source_kind;
  g.source_id = in.source_id;
  std::vector<TicketId> tickets;
  if (in.source_kind == "hotspot") {
    Result<store::StoredHotspot> h = store_.GetHotspot(in.source_id);
    if (h.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个热点");
    LX_RETURN_IF_ERROR(h.status());
    g.title = h->title;
    g.hotspot_id = h->id;
    g.region_code = h->region_code;
    g.category_code = h->category_code;
  } else if (in.source_kind == "alert") {
    Result<store::StoredAlert> a = store_.GetAlert(in.source_id);
    if (a.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这条预警");
    LX_RETURN_IF_ERROR(a.status());
    g.title = a->detail;
    g.region_code = a->region_code;
    g.category_code = a->category_code;
    tickets = a->examples;
  } else {
    return Status::InvalidArgument("来源应为 hotspot（热点）或 alert（预警）");
  }
  if (!in.title.empty()) g.title = in.title;
  g.description = in.description;
  g.lead_unit = in.lead_unit;
  g.assist_units = in.assist_units;
  g.deadline = in.deadline;
  g.state = "open";
  g.created_by = actor.username;
  g.created_at = g.updated_at = now;
  std::vector<store::GovernanceTask> tasks;
  for (store::GovernanceTask t : in.tasks) {
    if (t.title.empty()) return Status::InvalidArgument("任务内容不能为空");
    if (!dir->FindUnit(t.unit_code)) return Status::NotFound("未知的承办单位：" + t.unit_code);
    t.id = 0;
    t.state = "todo";
    t.updated_by = actor.username;
    t.created_at = t.updated_at = now;
    tasks.push_back(std::move(t));
  }
  for (TicketId id : in.tickets) {
    Result<Ticket> t = store_.GetTicket(id);
    if (t.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("没有工单 " + std::to_string(id));
    }
    LX_RETURN_IF_ERROR(t.status());
    tickets.push_back(id);
  }
  std::sort(tickets.begin(), tickets.end());
  tickets.erase(std::unique(tickets.begin(), tickets.end()), tickets.end());
  return store_.CreateGovernanceItem(g, tasks, tickets);
}

Result<store::GovernancePage> Service::GovernanceItems(const Actor& actor,
                                                       store::GovernanceFilter filter) {
  if (IsUnitHandler(actor)) {
    filter.involved_unit = actor.unit_code;
  } else if (!SeesAll(actor)) {
    return Status::PermissionDenied("无权查看每月一题");
  }
  return store_.ListGovernanceItems(filter);
}

Result<GovernanceView> Service::GovernanceItemView(const Actor& actor, int64_t id) {
  if (!SeesAll(actor) && !IsUnitHandler(actor)) return Status::PermissionDenied("无权查看每月一题");
  GovernanceView v;
  Result<store::GovernanceDetail> d = store_.GetGovernanceItem(id);
  if (d.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个事项");
  LX_RETURN_IF_ERROR(d.status());
  if (IsUnitHandler(actor) && !Involved(*d, actor.unit_code)) {
    return Status::NotFound("没有这个事项");
  }
  v.detail = std::move(d).value();
  LX_ASSIGN_OR_RETURN(v.tickets, Briefs(store_, v.detail.tickets));

  // Weekly volume: weeks start at the promotion and go back and forth from it.
  const TimeMs promoted = v.detail.item.created_at;
  const TimeMs now = clock_.Now();
  const TimeMs begin = promoted - kVolumeWeeks * 7 * kDayMs;
  int weeks_after = 0;
  while (weeks_after < kVolumeWeeks && promoted + weeks_after * 7 * kDayMs <= now) ++weeks_after;
  for (int w = -kVolumeWeeks; w < weeks_after; ++w) {
    v.volume.push_back({w, promoted + w * 7 * kDayMs, 0});
  }
  const TimeMs end = promoted + weeks_after * 7 * kDayMs;
  auto week_of = [&](TimeMs at) -> WeekVolume* {
    if (at < begin || at >= end || at > now) return nullptr;
    return &v.volume[static_cast<size_t>((at - begin) / (7 * kDayMs))];
  };
  if (v.detail.item.hotspot_id > 0) {
    // The hot topic's members (it keeps growing as new tickets join) and the linked ones.
    std::set<TicketId> seen;
    int64_t after = 0;
    for (;;) {
      LX_ASSIGN_OR_RETURN(std::vector<store::HotspotMember> page,
                          store_.ListHotspotMembers(v.detail.item.hotspot_id, after, 10000));
      if (page.empty()) break;
      for (const auto& m : page) {
        after = m.seq;
        if (!seen.insert(m.ticket_id).second) continue;
        if (WeekVolume* wk = week_of(m.at)) ++wk->count;
      }
    }
    for (const TicketBrief& b : v.tickets) {
      if (!seen.insert(b.id).second) continue;
      if (WeekVolume* wk = week_of(b.created_at)) ++wk->count;
    }
  } else {
    // The matter's region × category, counted by the store per week.
    for (WeekVolume& wk : v.volume) {
      store::TicketFilter f;
      f.region_prefix = v.detail.item.region_code;
      f.category_prefix = v.detail.item.category_code;
      f.created_from = wk.start;
      f.created_to = std::min(wk.start + 7 * kDayMs, now + 1);
      f.limit = 1;
      LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(f));
      wk.count = page.total;
    }
  }
  for (const WeekVolume& wk : v.volume) (wk.week < 0 ? v.before : v.after) += wk.count;
  v.weekly_before = double(v.before) / kVolumeWeeks;
  double elapsed_weeks = std::clamp(double(now - promoted) / double(7 * kDayMs), 1.0,
                                    double(kVolumeWeeks));
  v.weekly_after = weeks_after > 0 ? double(v.after) / elapsed_weeks : 0;
  return v;
}

Result<store::GovernanceItem> Service::UpdateGovernanceItem(const Actor& actor, int64_t id,
                                                            const GovernanceUpdate& update) {
  if (!Manages(actor) && !IsUnitHandler(actor)) return Status::PermissionDenied("无权更新每月一题");
  if (!update.state.empty() && !ValidItemState(update.state)) {
    return Status::InvalidArgument("状态应为 open、in_progress、done 或 closed");
  }
  if (update.state.empty() && update.note.empty()) return Status::InvalidArgument("请填写进展或状态");
  if (update.note.size() > 6000) return Status::InvalidArgument("进展说明过长");
  Result<store::GovernanceDetail> d = store_.GetGovernanceItem(id);
  if (d.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个事项");
  LX_RETURN_IF_ERROR(d.status());
  store::GovernanceItem item = d->item;
  if (IsUnitHandler(actor)) {
    if (!Involved(*d, actor.unit_code)) return Status::NotFound("没有这个事项");
    bool lead = item.lead_unit == actor.unit_code;
    if (!update.state.empty() && (!lead || update.state == "closed" || update.state == "open")) {
      return Status::PermissionDenied("牵头单位可以标记办理中或已完成；关闭由督办员确定");
    }
  }
  if (item.state == "closed" && !Manages(actor)) return Status::FailedPrecondition("事项已关闭");
  if (!update.state.empty()) item.state = update.state;
  item.updated_at = clock_.Now();
  std::optional<store::GovernanceProgress> log;
  std::string note = update.note;
  if (!update.state.empty() && update.state != d->item.state) {
    note = "状态改为 " + update.state + (note.empty() ? "" : "：" + note);
  }
  if (!note.empty()) {
    log = store::GovernanceProgress{0, id, 0, actor.username, actor.unit_code, item.updated_at, note};
  }
  LX_RETURN_IF_ERROR(store_.UpdateGovernanceItem(item, log));
  return item;
}

Result<store::GovernanceTask> Service::AddGovernanceTask(const Actor& actor, int64_t item_id,
                                                         const store::GovernanceTask& in) {
  if (!Manages(actor) && !IsUnitHandler(actor)) return Status::PermissionDenied("无权分派任务");
  Result<store::GovernanceDetail> d = store_.GetGovernanceItem(item_id);
  if (d.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个事项");
  LX_RETURN_IF_ERROR(d.status());
  if (IsUnitHandler(actor)) {
    if (!Involved(*d, actor.unit_code)) return Status::NotFound("没有这个事项");
    if (d->item.lead_unit != actor.unit_code) {
      return Status::PermissionDenied("只有牵头单位和督办员可以分派任务");
    }
  }
  if (d->tasks.size() >= kMaxTasks) return Status::InvalidArgument("任务不能超过 50 项");
  if (in.title.empty() || in.title.size() > 600) return Status::InvalidArgument("任务内容应为 1–200 字");
  if (!directory()->FindUnit(in.unit_code)) return Status::NotFound("未知的承办单位：" + in.unit_code);
  store::GovernanceTask t = in;
  t.id = 0;
  t.item_id = item_id;
  t.state = "todo";
  t.updated_by = actor.username;
  t.created_at = t.updated_at = clock_.Now();
  store::GovernanceProgress log{0, item_id, 0, actor.username, actor.unit_code, t.created_at,
                                "新增任务：" + t.title};
  return store_.PutGovernanceTask(t, log);
}

Result<store::GovernanceTask> Service::UpdateGovernanceTask(const Actor& actor, int64_t item_id,
                                                            int64_t task_id,
                                                            const GovernanceUpdate& update) {
  if (!Manages(actor) && !IsUnitHandler(actor)) return Status::PermissionDenied("无权更新任务");
  if (!update.state.empty() && !ValidTaskState(update.state)) {
    return Status::InvalidArgument("任务状态应为 todo、doing 或 done");
  }
  if (update.state.empty() && update.note.empty()) return Status::InvalidArgument("请填写进展或状态");
  if (update.note.size() > 6000) return Status::InvalidArgument("进展说明过长");
  Result<store::GovernanceDetail> d = store_.GetGovernanceItem(item_id);
  if (d.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个事项");
  LX_RETURN_IF_ERROR(d.status());
  auto it = std::find_if(d->tasks.begin(), d->tasks.end(),
                         [&](const store::GovernanceTask& t) { return t.id == task_id; });
  if (IsUnitHandler(actor) && !Involved(*d, actor.unit_code)) return Status::NotFound("没有这个事项");
  if (it == d->tasks.end()) return Status::NotFound("没有这项任务");
  if (IsUnitHandler(actor) && it->unit_code != actor.unit_code &&
      d->item.lead_unit != actor.unit_code) {
    return Status::PermissionDenied("只能更新本单位的任务");
  }
  if (d->item.state == "closed") return Status::FailedPrecondition("事项已关闭");
  store::GovernanceTask t = *it;
  if (!update.state.empty()) t.state = update.state;
  t.updated_by = actor.username;
  t.updated_at = clock_.Now();
  std::string note = update.note;
  if (!update.state.empty() && update.state != it->state) {
    note = "任务“" + t.title + "”状态改为 " + update.state + (note.empty() ? "" : "：" + note);
  }
  std::optional<store::GovernanceProgress> log;
  if (!note.empty()) {
    log = store::GovernanceProgress{0, item_id, task_id, actor.username, actor.unit_code,
                                    t.updated_at, note};
  }
  return store_.PutGovernanceTask(t, log);
}

Result<int64_t> Service::LinkGovernanceTickets(const Actor& actor, int64_t item_id,
                                               const std::vector<TicketId>& tickets) {
  if (!Manages(actor) && !IsUnitHandler(actor)) return Status::PermissionDenied("无权关联工单");
  if (tickets.empty() || tickets.size() > kMaxTickets) {
    return Status::InvalidArgument("一次关联 1–500 件工单");
  }
  Result<store::GovernanceDetail> d = store_.GetGovernanceItem(item_id);
  if (d.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个事项");
  LX_RETURN_IF_ERROR(d.status());
  if (IsUnitHandler(actor)) {
    if (!Involved(*d, actor.unit_code)) return Status::NotFound("没有这个事项");
    if (d->item.lead_unit != actor.unit_code) {
      return Status::PermissionDenied("只有牵头单位和督办员可以关联工单");
    }
  }
  for (TicketId id : tickets) {
    Result<Ticket> t = store_.GetTicket(id);
    if (t.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("没有工单 " + std::to_string(id));
    }
    LX_RETURN_IF_ERROR(t.status());
  }
  return store_.LinkGovernanceTickets(item_id, tickets);
}

}  // namespace lianxin::service
