// Workflow actions: who may do what, deadlines from the SLA, the citizen's
// revisit and reopening, and the SLA scheduler (催办/督办).
#include <algorithm>

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
      return !a.citizen && InScope(a, t);
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
  switch (req.type) {
    case EventType::kDispatch:
    case EventType::kRedispatch:
    case EventType::kReturnApprove: {
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
  next.next_alarm_at = workflow::NextAlarmAt(next, kReminderShare);
  return PlannedAction{std::move(next), std::move(e)};
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
    if (stored.ok()) return stored;
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

Result<int> Service::RunSlaScan(int limit) {
  const TimeMs now = clock_.Now();
  LX_ASSIGN_OR_RETURN(std::vector<Ticket> due, store_.ListAlarms(now, limit));
  const Actor system = Actor::System();
  int fired = 0;
  for (const Ticket& t : due) {
    ActionRequest req;
    if (workflow::EscalationDue(t, now)) {
      req.type = EventType::kEscalation;
      req.reason = "超过办理期限，自动督办";
    } else if (workflow::ReminderDue(t, now, kReminderShare)) {
      req.type = EventType::kReminder;
      req.reason = "办理期限将至，自动催办";
    } else {
      // Stale alarm (the ticket moved on): recompute it with a note-free write.
      Ticket next = t;
      next.next_alarm_at = workflow::NextAlarmAt(t, kReminderShare);
      if (next.next_alarm_at == t.next_alarm_at) next.next_alarm_at = 0;
      next.version = t.version + 1;
      TicketEvent note;
      note.type = EventType::kNote;
      note.at = now;
      note.actor = "system";
      note.actor_role = "system";
      note.reason = "期限提醒已更新";
      note.is_public = false;
      auto st = store_.AppendEvent(next, note);
      if (!st.ok() && st.status().code() != StatusCode::kAborted) return st.status();
      continue;
    }
    auto r = Perform(system, t.id, req);
    if (r.ok()) {
      ++fired;
    } else if (r.status().code() != StatusCode::kAborted &&
               r.status().code() != StatusCode::kFailedPrecondition) {
      return r.status();
    }
  }
  return fired;
}

}  // namespace lianxin::service
