// Workflow actions: who may do what, deadlines from the SLA, the citizen's
// revisit and reopening, and the SLA scheduler (催办/督办).
#include <algorithm>
#include <mutex>
#include <optional>

#include "core/utf8.h"
#include "service/service.h"
#include "service/service_impl.h"
#include "workflow/lifecycle.h"

namespace lianxin::service {
namespace {

constexpr int kMaxAttempts = 5;       // optimistic-concurrency retries
constexpr double kReminderShare = 0.8;  // 催办 at 80% of the time

bool Is(const Actor& a, std::initializer_list<Role> roles) {
  if (a.citizen) return false;
  return std::find(roles.begin(), roles.end(), a.role) != roles.end();
}

bool IsOwnerHandler(const Actor& a, const Ticket& t) {
  return Is(a, {Role::kUnitHandler}) && !a.unit_code.empty() && t.owner_unit == a.unit_code;
}

bool IsAssistHandler(const Actor& a, const Ticket& t) {
  return Is(a, {Role::kUnitHandler}) &&
         std::find(t.assist_units.begin(), t.assist_units.end(), a.unit_code) != t.assist_units.end();
}

// Whether `a` may perform `type` on `t` by role and unit (not by status).
bool RoleAllows(const Actor& a, const Ticket& t, EventType type) {
  switch (type) {
    case EventType::kDispatch:
    case EventType::kRedispatch:
    case EventType::kReturnApprove:
    case EventType::kReturnReject:
    case EventType::kMerge:
      return Is(a, {Role::kDispatcher, Role::kAdmin});
    case EventType::kAccept:
    case EventType::kContact:
    case EventType::kReply:
    case EventType::kResolve:
    case EventType::kReturnRequest:
    case EventType::kExtensionRequest:
      return IsOwnerHandler(a, t);
    case EventType::kAssistReply:
      return IsAssistHandler(a, t);
    case EventType::kExtensionApprove:
    case EventType::kExtensionRefuse:
    case EventType::kReminder:
    case EventType::kEscalation:
    case EventType::kArchive:
      return Is(a, {Role::kSupervisor, Role::kAdmin});
    case EventType::kReopen:
    case EventType::kRevisit:
      // Citizens reach these only through CitizenRevisit/CitizenReopen (query code checked).
      return a.citizen || Is(a, {Role::kSupervisor, Role::kCallTaker, Role::kAdmin});
    case EventType::kResolveAtIntake:
      return Is(a, {Role::kCallTaker, Role::kDispatcher, Role::kAdmin});
    case EventType::kNote:
      // Citizens reach this only through AddCitizenPhoto (query code checked).
      return a.citizen || InScope(a, t);
    case EventType::kReceived:
      return false;
  }
  return false;
}

std::string RoleName(const Actor& a) {
  return a.citizen ? "citizen" : std::string(ToString(a.role));
}

}  // namespace

std::shared_ptr<const workflow::Sla> Service::CurrentSla() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->sla;
}

void Service::SetSla(workflow::Sla sla) {
  auto p = std::make_shared<const workflow::Sla>(std::move(sla));
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->sla = std::move(p);
}

std::vector<EventType> Service::AllowedActions(const Actor& actor, const Ticket& ticket) const {
  std::vector<EventType> out;
  for (EventType type : workflow::LegalActions(ticket)) {
    if (RoleAllows(actor, ticket, type)) out.push_back(type);
  }
  return out;
}

Result<PlannedAction> PlanAction(Service& svc, const workflow::Sla& sla, const Actor& actor,
                                 const Ticket& t, const ActionRequest& req, TimeMs now) {
  if (!actor.citizen && actor.role == Role::kUnitHandler && !InScope(actor, t)) {
    return Status::NotFound("工单不存在：" + std::to_string(t.id));
  }
  if (!RoleAllows(actor, t, req.type)) {
    return Status::PermissionDenied("当前角色不能执行「" + std::string(LabelZh(req.type)) + "」");
  }
  TicketEvent e;
  e.type = req.type;
  e.at = now;
  e.actor = actor.username;
  e.actor_role = RoleName(actor);
  e.reason = req.reason;
  e.content = req.content;
  e.unit_code = req.unit_code;
  e.assist_units = req.assist_units;
  e.parent_id = req.parent_id;
  e.resolved = req.resolved;
  e.satisfaction = req.satisfaction;
  e.due_at = req.due_at;
  e.is_public = workflow::ShownToCitizen(req.type);
  if (req.misrouted && req.type != EventType::kReopen && req.type != EventType::kRevisit) {
    return Status::InvalidArgument("只有重办和回访可以标记派单错误（misrouted）");
  }
  switch (req.type) {
    case EventType::kDispatch:
    case EventType::kRedispatch:
    case EventType::kReturnApprove: {
      if (e.unit_code.empty() && t.owner_unit == svc.HotlineCentre()) {
        return Status::InvalidArgument("派单必须指定承办单位");
      }
      const std::string& target = e.unit_code.empty() ? t.owner_unit : e.unit_code;
      auto dir = svc.directory();
      if (!target.empty() && !dir->FindUnit(target)) {
        return Status::InvalidArgument("未知的承办单位：" + target);
      }
      for (const std::string& u : e.assist_units) {
        if (!dir->FindUnit(u)) return Status::InvalidArgument("未知的协办单位：" + u);
      }
      if (!req.category_code.empty()) {
        if (!dir->FindCategory(req.category_code)) {
          return Status::InvalidArgument("未知的分类：" + req.category_code);
        }
        e.category_code = req.category_code;
      }
      if (e.due_at == 0) e.due_at = sla.Deadline(t, e.at);
      break;
    }
    case EventType::kAccept:
    case EventType::kContact:
    case EventType::kReply:
    case EventType::kResolve:
    case EventType::kReturnRequest:
    case EventType::kExtensionRequest:
    case EventType::kAssistReply:
      e.unit_code = actor.unit_code;  // the acting unit
      if (req.type == EventType::kExtensionRequest && e.due_at != 0) {
        if (auto limit = sla.ExtensionLimit(t, t.dispatched_at); limit && e.due_at > *limit) {
          return Status::InvalidArgument("延期后的期限不能晚于 " + FormatIsoCst(*limit));
        }
      }
      break;
    case EventType::kMerge: {
      if (e.parent_id == 0) return Status::InvalidArgument("并单必须指定主工单（parent_id）");
      auto parent = svc.store().GetTicket(e.parent_id);
      if (!parent.ok()) return Status::InvalidArgument("主工单不存在：" + std::to_string(e.parent_id));
      LX_RETURN_IF_ERROR(workflow::CheckMergeParent(t, *parent));
      break;
    }
    default:
      break;
  }
  for (const std::string* text : {&e.reason, &e.content}) {
    if (!IsValidUtf8(*text)) return Status::InvalidArgument("内容不是有效的 UTF-8 文本");
    if (Utf8Length(*text) > 5000) return Status::InvalidArgument("内容不能超过 5000 个字");
  }
  LX_ASSIGN_OR_RETURN(Ticket next, workflow::Apply(t, workflow::Action{e}));
  if (!e.category_code.empty()) next.category_code = e.category_code;  // a person's correction
  if (req.type == EventType::kDispatch && e.unit_code.empty()) {
    // The log records where a reopened ticket went by default (its last units).
    e.unit_code = next.owner_unit;
    e.assist_units = next.assist_units;
  }
  if (next.status == TicketStatus::kReopened && t.status != TicketStatus::kReopened) {
    // 重办 (issue 4, part A). When the routing was wrong, or there is no unit to
    // send it back to (直办), the ticket goes to the dispatchers' queue: owned by
    // the hotline centre with a triage deadline, like a new one. Otherwise
    // ApplyAction sends it back to its unit with a fresh deadline right after.
    const std::string centre = svc.HotlineCentre();
    if (req.misrouted || next.owner_unit.empty() || next.owner_unit == centre) {
      next.owner_unit = centre;
      next.assist_units.clear();
      next.due_at = now + kTriageDeadline;
      e.unit_code = centre;
    } else {
      e.unit_code = next.owner_unit;
    }
  }
  next.next_alarm_at = workflow::NextAlarmAt(next, kReminderShare);
  return PlannedAction{std::move(next), std::move(e)};
}

Result<Ticket> ApplyAction(Service& svc, const workflow::Sla& sla, const Actor& actor,
                           TicketId id, const ActionRequest& req);

// A reopened ticket still owned by its last unit goes back to that unit (and
// its assisting units) with a fresh SLA deadline: a 派单 by "system" in a second
// write. Should that write fail, the ticket stays reopened and shows in the
// dispatchers' queue, so nothing is lost; the reopened ticket is returned.
static Result<Ticket> SendReopenedBack(Service& svc, const workflow::Sla& sla, Ticket t) {
  if (t.status != TicketStatus::kReopened || t.owner_unit.empty() ||
      t.owner_unit == svc.HotlineCentre()) {
    return t;
  }
  ActionRequest back;
  back.type = EventType::kDispatch;  // unit_code empty: the last unit (workflow::Apply)
  back.reason = "重办：退回原承办单位重新办理";
  auto sent = ApplyAction(svc, sla, Actor::System(), t.id, back);
  if (sent.ok()) return sent;
  return t;
}

// Loads, plans and stores one action, retrying on concurrent change.
Result<Ticket> ApplyAction(Service& svc, const workflow::Sla& sla, const Actor& actor,
                           TicketId id, const ActionRequest& req) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto current = svc.store().GetTicket(id);
    if (!current.ok()) {
      return current.status().code() == StatusCode::kNotFound
                 ? Status::NotFound("工单不存在：" + std::to_string(id))
                 : current.status();
    }
    LX_ASSIGN_OR_RETURN(PlannedAction plan,
                        PlanAction(svc, sla, actor, *current, req, svc.clock().Now()));
    auto stored = svc.store().AppendEvent(plan.next, plan.event);
    if (stored.ok()) return SendReopenedBack(svc, sla, std::move(stored).value());
    if (stored.status().code() != StatusCode::kAborted) return stored.status();
  }
  return Status::Aborted("工单正被他人同时修改，请重试");
}

Result<TicketView> Service::Perform(const Actor& actor, TicketId id, const ActionRequest& request) {
  LX_ASSIGN_OR_RETURN(Ticket t, ApplyAction(*this, *CurrentSla(), actor, id, request));
  return ViewFor(store_, clock_, actor, std::move(t), "ticket.action");
}

// Finds the ticket behind a citizen's number + code, as Track does.
static Result<Ticket> CitizenTicket(Service& svc, const std::string& number, const std::string& code) {
  LX_RETURN_IF_ERROR(svc.Track(number, code).status());
  return svc.store().GetTicketByNumber(number);
}

Result<PublicTicket> Service::CitizenRevisit(const std::string& number, const std::string& query_code,
                                             bool resolved, Satisfaction satisfaction,
                                             const std::string& comment) {
  LX_ASSIGN_OR_RETURN(Ticket t, CitizenTicket(*this, number, query_code));
  ActionRequest req;
  req.type = EventType::kRevisit;
  req.resolved = resolved;
  req.satisfaction = satisfaction;
  req.content = comment;
  LX_RETURN_IF_ERROR(ApplyAction(*this, *CurrentSla(), Actor::Citizen(), t.id, req).status());
  return Track(number, query_code);
}

Result<PublicTicket> Service::CitizenReopen(const std::string& number, const std::string& query_code,
                                            const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("请说明重办的理由");
  }
  LX_ASSIGN_OR_RETURN(Ticket t, CitizenTicket(*this, number, query_code));
  ActionRequest req;
  req.type = EventType::kReopen;
  req.reason = reason;
  LX_RETURN_IF_ERROR(ApplyAction(*this, *CurrentSla(), Actor::Citizen(), t.id, req).status());
  return Track(number, query_code);
}

// One due alarm of the scan planned against the listed ticket `t`: 督办, 催办,
// or a stale alarm recomputed (a note-free write). nullopt when the action is
// no longer legal (the ticket moved on; its own write recomputed the alarm).
// `alarm` says whether it is a 催办/督办 (counted as fired once stored).
static Result<std::optional<PlannedAction>> PlanAlarm(Service& svc, const workflow::Sla& sla,
                                                      const Ticket& t, TimeMs now, bool& alarm) {
  ActionRequest req;
  alarm = true;
  if (workflow::EscalationDue(t, now)) {
    req.type = EventType::kEscalation;
    req.reason = "超过办理期限，自动督办";
  } else if (workflow::ReminderDue(t, now, kReminderShare)) {
    req.type = EventType::kReminder;
    req.reason = "办理期限将至，自动催办";
  } else {
    alarm = false;
    PlannedAction p{t, {}};
    p.next.next_alarm_at = workflow::NextAlarmAt(t, kReminderShare);
    if (p.next.next_alarm_at == t.next_alarm_at) p.next.next_alarm_at = 0;
    p.next.version = t.version + 1;
    p.event.type = EventType::kNote;
    p.event.at = now;
    p.event.actor = "system";
    p.event.actor_role = "system";
    p.event.reason = "期限提醒已更新";
    p.event.is_public = false;
    return std::optional<PlannedAction>(std::move(p));
  }
  auto plan = PlanAction(svc, sla, Actor::System(), t, req, now);
  if (plan.ok()) return std::optional<PlannedAction>(std::move(plan).value());
  if (plan.status().code() == StatusCode::kFailedPrecondition) {
    return std::optional<PlannedAction>();
  }
  return plan.status();
}

Result<int> Service::RunSlaScan(int limit) {
  const TimeMs now = clock_.Now();
  LX_ASSIGN_OR_RETURN(std::vector<Ticket> due, store_.ListAlarms(now, limit));
  const std::shared_ptr<const workflow::Sla> sla = CurrentSla();
  // The alarms of a chunk are planned against the listed tickets and stored in
  // one transaction (Store::AppendEvents: one durable commit per chunk, each
  // write checked against the ticket's version). A ticket that changed since it
  // was listed is skipped by the store and retried alone, reloaded (ApplyAction).
  // A chunk is small enough that API writes queued behind it wait tens of ms.
  constexpr size_t kChunk = 250;
  int fired = 0;
  for (size_t begin = 0; begin < due.size(); begin += kChunk) {
    std::vector<std::pair<Ticket, TicketEvent>> writes;
    std::vector<size_t> which;  // index into `due` of each write
    std::vector<bool> alarms;
    for (size_t i = begin; i < std::min(due.size(), begin + kChunk); ++i) {
      bool alarm = false;
      LX_ASSIGN_OR_RETURN(std::optional<PlannedAction> plan,
                          PlanAlarm(*this, *sla, due[i], now, alarm));
      if (!plan) continue;
      writes.emplace_back(std::move(plan->next), std::move(plan->event));
      which.push_back(i);
      alarms.push_back(alarm);
    }
    LX_ASSIGN_OR_RETURN(std::vector<bool> stored, store_.AppendEvents(writes));
    for (size_t k = 0; k < writes.size(); ++k) {
      if (stored[k]) {
        fired += alarms[k];
        continue;
      }
      // Changed concurrently: reload and decide again, alone.
      auto current = store_.GetTicket(due[which[k]].id);
      if (!current.ok()) return current.status();
      if (current->next_alarm_at == 0 || current->next_alarm_at > now) continue;
      bool alarm = false;
      LX_ASSIGN_OR_RETURN(std::optional<PlannedAction> plan,
                          PlanAlarm(*this, *sla, *current, now, alarm));
      if (!plan) continue;
      auto one = store_.AppendEvent(plan->next, plan->event);
      if (one.ok()) {
        fired += alarm;
      } else if (one.status().code() != StatusCode::kAborted) {
        return one.status();
      }
    }
  }
  // 退单 waiting too long for a dispatcher (issue 4): their own deadline.
  LX_ASSIGN_OR_RETURN(int arbitration, RunArbitrationScan(*this, now));
  return fired + arbitration;
}

}  // namespace lianxin::service
