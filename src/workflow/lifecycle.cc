#include "workflow/lifecycle.h"

#include <algorithm>
#include <initializer_list>

namespace lianxin::workflow {
namespace {

using S = TicketStatus;
using E = EventType;

bool In(S s, std::initializer_list<S> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// The statuses of an open ticket: reminders and escalations apply.
bool IsOpen(S s) {
  return In(s, {S::kReceived, S::kDispatched, S::kAccepted, S::kInProgress, S::kReturnRequested,
                S::kExtensionRequested, S::kReopened});
}

// The transition table of lifecycle.h: is `type` legal in status `s`?
bool LegalIn(S s, E type) {
  switch (type) {
    case E::kReceived:
      return false;
    case E::kResolveAtIntake:
      return s == S::kReceived;
    case E::kDispatch:
      return In(s, {S::kReceived, S::kDispatched, S::kReopened});
    case E::kRedispatch:
      return In(s, {S::kDispatched, S::kAccepted, S::kInProgress});
    case E::kAccept:
      return s == S::kDispatched;
    case E::kContact:
      return In(s, {S::kAccepted, S::kInProgress, S::kExtensionRequested});
    case E::kReply:
      return In(s, {S::kAccepted, S::kInProgress});
    case E::kResolve:
      return s == S::kInProgress;
    case E::kReturnRequest:
      return In(s, {S::kDispatched, S::kAccepted, S::kInProgress});
    case E::kReturnApprove:
    case E::kReturnReject:
      return s == S::kReturnRequested;
    case E::kExtensionRequest:
      return In(s, {S::kAccepted, S::kInProgress});
    case E::kExtensionApprove:
    case E::kExtensionRefuse:
      return s == S::kExtensionRequested;
    case E::kRevisit:
      return s == S::kResolved;
    case E::kReopen:
      return In(s, {S::kResolvedAtIntake, S::kResolved, S::kRevisited});
    case E::kMerge:
      return In(s, {S::kReceived, S::kDispatched, S::kAccepted, S::kInProgress, S::kReopened});
    case E::kArchive:
      return In(s, {S::kResolvedAtIntake, S::kResolved, S::kRevisited, S::kMerged});
    case E::kReminder:
    case E::kEscalation:
      return IsOpen(s);
    case E::kAssistReply:
      return In(s, {S::kDispatched, S::kAccepted, S::kInProgress, S::kReturnRequested,
                    S::kExtensionRequested});
    case E::kNote:
      return true;
  }
  return false;
}

Status Illegal(const Ticket& t, EventType type) {
  return Status::FailedPrecondition("工单当前状态为「" + std::string(LabelZh(t.status)) +
                                    "」，不能执行「" + std::string(LabelZh(type)) + "」");
}

// Where a ticket goes back to when a return or extension request is refused
// (or an extension approved): derived from what the owner unit has done.
S ResumeStatus(const Ticket& t) {
  if (t.first_contact_at != 0) return S::kInProgress;
  if (t.accepted_at != 0) return S::kAccepted;
  return S::kDispatched;
}

bool IsReturnReason(const std::string& reason) {
  return std::find(std::begin(kReturnReasons), std::end(kReturnReasons), reason) !=
         std::end(kReturnReasons);
}

Status CheckAssistUnits(const std::vector<std::string>& assists, const std::string& lead) {
  for (size_t i = 0; i < assists.size(); ++i) {
    if (assists[i].empty()) return Status::InvalidArgument("协办单位代码不能为空");
    if (assists[i] == lead) return Status::InvalidArgument("协办单位不能同时是主办单位：" + lead);
    for (size_t j = 0; j < i; ++j) {
      if (assists[j] == assists[i]) return Status::InvalidArgument("协办单位重复：" + assists[i]);
    }
  }
  return Status::Ok();
}

// Sends `next` to `unit` with a fresh deadline: the common part of dispatch,
// redispatch and return_approve. The new owner has not signed or contacted.
Status SendTo(const Ticket& current, const TicketEvent& e, const std::string& unit,
              std::vector<std::string> assists, Ticket& next) {
  LX_RETURN_IF_ERROR(CheckAssistUnits(assists, unit));
  if (e.due_at != 0 && e.due_at <= e.at) return Status::InvalidArgument("办理期限必须晚于派单时间");
  next.status = S::kDispatched;
  next.owner_unit = unit;
  next.assist_units = std::move(assists);
  next.dispatched_at = e.at;
  next.due_at = e.due_at != 0 ? e.due_at : DefaultDeadline(current, e.at);
  next.accepted_at = 0;
  next.first_contact_at = 0;
  next.requested_due_at = 0;
  return Status::Ok();
}

}  // namespace

TimeMs DefaultDeadline(const Ticket& ticket, TimeMs dispatched_at) {
  switch (ticket.urgency) {
    case Urgency::kCritical:
      return dispatched_at + 2 * kHourMs;
    case Urgency::kUrgent:
      return dispatched_at + 24 * kHourMs;
    case Urgency::kNormal:
      break;
  }
  return dispatched_at + 7 * kDayMs;
}

bool IsClosed(TicketStatus s) {
  return s == S::kResolved || s == S::kRevisited || s == S::kArchived ||
         s == S::kResolvedAtIntake || s == S::kMerged;
}

std::vector<EventType> LegalActions(const Ticket& ticket) {
  std::vector<EventType> out;
  for (int i = 0; i <= static_cast<int>(E::kAssistReply); ++i) {
    auto type = static_cast<E>(i);
    if (!LegalIn(ticket.status, type)) continue;
    if (type == E::kAssistReply && ticket.assist_units.empty()) continue;
    out.push_back(type);
  }
  return out;
}

Status CheckMergeParent(const Ticket& child, const Ticket& parent) {
  if (parent.id == child.id) return Status::InvalidArgument("工单不能并入自身");
  if (parent.status == S::kMerged) {
    return Status::FailedPrecondition("主工单 " + parent.number +
                                      " 本身已并入其他工单，请并入其主工单");
  }
  return Status::Ok();
}

bool ShownToCitizen(EventType type) {
  switch (type) {
    case E::kReturnRequest:
    case E::kReturnApprove:
    case E::kReturnReject:
    case E::kExtensionRequest:
    case E::kReminder:
    case E::kEscalation:
    case E::kAssistReply:
    case E::kNote:
      return false;
    default:
      return true;
  }
}

Result<Ticket> Apply(const Ticket& current, const Action& action) {
  const TicketEvent& e = action.event;
  if (!LegalIn(current.status, e.type)) return Illegal(current, e.type);
  Ticket next = current;
  next.version = current.version + 1;
  next.updated_at = e.at;
  switch (e.type) {
    case E::kReceived:
      break;  // never legal

    case E::kResolveAtIntake:
      if (e.content.empty()) return Status::InvalidArgument("直接办结必须填写答复内容");
      next.status = S::kResolvedAtIntake;
      next.reply = e.content;
      next.resolved_at = e.at;
      return next;

    case E::kDispatch: {
      std::string unit = e.unit_code;
      std::vector<std::string> assists = e.assist_units;
      if (unit.empty() && current.status == S::kReopened) {  // 重办: back to the same unit
        unit = current.owner_unit;
        if (assists.empty()) assists = current.assist_units;
      }
      if (unit.empty()) return Status::InvalidArgument("派单必须指定承办单位");
      if (unit == current.owner_unit && current.status == S::kDispatched) {
        return Status::FailedPrecondition("工单已派给该单位");
      }
      LX_RETURN_IF_ERROR(SendTo(current, e, unit, std::move(assists), next));
      return next;
    }

    case E::kRedispatch:
      if (e.unit_code.empty()) return Status::InvalidArgument("改派必须指定新的承办单位");
      if (e.reason.empty()) return Status::InvalidArgument("改派必须说明理由");
      if (e.unit_code == current.owner_unit)
        return Status::FailedPrecondition("工单已由该单位承办");
      LX_RETURN_IF_ERROR(SendTo(current, e, e.unit_code, e.assist_units, next));
      return next;

    case E::kAccept:
      next.status = S::kAccepted;
      next.accepted_at = e.at;
      return next;

    case E::kContact:
      if (e.content.empty()) return Status::InvalidArgument("联系记录不能为空");
      if (current.status == S::kAccepted) next.status = S::kInProgress;
      if (next.first_contact_at == 0) next.first_contact_at = e.at;
      return next;

    case E::kReply:
      if (e.content.empty()) return Status::InvalidArgument("答复内容不能为空");
      next.status = S::kInProgress;
      next.reply = e.content;
      if (next.first_contact_at == 0) next.first_contact_at = e.at;
      return next;

    case E::kResolve:
      if (current.reply.empty() && e.content.empty()) {
        return Status::FailedPrecondition("办结前必须先答复");
      }
      if (!e.content.empty()) next.reply = e.content;
      next.status = S::kResolved;
      next.resolved_at = e.at;
      return next;

    case E::kReturnRequest:
      if (!IsReturnReason(e.reason)) {
        return Status::InvalidArgument("退单理由必须是「职能不符」「属地不符」「权属不清」之一");
      }
      if (e.content.empty()) return Status::InvalidArgument("退单必须说明依据");
      next.status = S::kReturnRequested;
      return next;

    case E::kReturnApprove:
      if (e.unit_code.empty()) return Status::InvalidArgument("同意退单必须指定改派的承办单位");
      if (e.unit_code == current.owner_unit) {
        return Status::InvalidArgument("同意退单后不能派回原承办单位");
      }
      LX_RETURN_IF_ERROR(SendTo(current, e, e.unit_code, e.assist_units, next));
      return next;

    case E::kReturnReject:
      if (e.reason.empty()) return Status::InvalidArgument("驳回退单必须说明理由");
      next.status = ResumeStatus(current);
      return next;

    case E::kExtensionRequest:
      if (e.reason.empty()) return Status::InvalidArgument("申请延期必须说明理由");
      if (e.due_at == 0) return Status::InvalidArgument("申请延期必须给出新的办理期限");
      if (current.due_at == 0) return Status::FailedPrecondition("工单没有办理期限，无需延期");
      if (e.due_at <= current.due_at) {
        return Status::InvalidArgument("申请的办理期限必须晚于当前期限 " +
                                       FormatIsoCst(current.due_at));
      }
      if (e.at >= current.due_at) {
        return Status::FailedPrecondition("已超过办理期限 " + FormatIsoCst(current.due_at) +
                                          "，不能申请延期");
      }
      next.status = S::kExtensionRequested;
      next.requested_due_at = e.due_at;
      return next;

    case E::kExtensionApprove: {
      TimeMs due = e.due_at != 0 ? e.due_at : current.requested_due_at;
      if (due == 0) return Status::InvalidArgument("批准延期必须给出新的办理期限");
      if (due <= current.due_at) {
        return Status::InvalidArgument("新的办理期限必须晚于当前期限 " +
                                       FormatIsoCst(current.due_at));
      }
      next.status = ResumeStatus(current);
      next.due_at = due;
      next.requested_due_at = 0;
      return next;
    }

    case E::kExtensionRefuse:
      if (e.reason.empty()) return Status::InvalidArgument("驳回延期必须说明理由");
      next.status = ResumeStatus(current);
      next.requested_due_at = 0;
      return next;

    case E::kRevisit: {
      if (!e.resolved.has_value()) return Status::InvalidArgument("回访必须记录诉求是否解决");
      if (!e.satisfaction.has_value()) return Status::InvalidArgument("回访必须记录满意度");
      next.revisit_resolved = e.resolved;
      next.satisfaction = e.satisfaction;
      bool ok = *e.resolved && *e.satisfaction != Satisfaction::kUnsatisfied;
      next.status = ok ? S::kRevisited : S::kReopened;
      if (!ok) next.resolved_at = 0;
      return next;
    }

    case E::kReopen:
      if (e.reason.empty()) return Status::InvalidArgument("重办必须说明理由");
      next.status = S::kReopened;
      next.resolved_at = 0;
      return next;

    case E::kMerge:
      if (e.parent_id == 0) return Status::InvalidArgument("并单必须指定主工单");
      if (e.parent_id == current.id) return Status::InvalidArgument("工单不能并入自身");
      next.status = S::kMerged;
      next.parent_id = e.parent_id;
      return next;

    case E::kArchive:
      next.status = S::kArchived;
      return next;

    case E::kReminder:
      next.reminded_at = e.at;
      return next;

    case E::kEscalation:
      if (e.reason.empty()) return Status::InvalidArgument("督办必须说明理由");
      next.escalated_at = e.at;
      return next;

    case E::kAssistReply:
      if (std::find(current.assist_units.begin(), current.assist_units.end(), e.unit_code) ==
          current.assist_units.end()) {
        return Status::FailedPrecondition("「" + e.unit_code + "」不是该工单的协办单位");
      }
      if (e.content.empty()) return Status::InvalidArgument("协办答复内容不能为空");
      return next;

    case E::kNote:
      return next;
  }
  return Status::Internal("unknown event type");
}

}  // namespace lianxin::workflow
