#include "workflow/lifecycle.h"

namespace lianxin::workflow {
namespace {

Status Illegal(const Ticket& t, EventType type) {
  return Status::FailedPrecondition("工单当前状态为「" + std::string(LabelZh(t.status)) +
                                    "」，不能执行「" + std::string(LabelZh(type)) + "」");
}

}  // namespace

TimeMs DefaultDeadline(const Ticket& ticket, TimeMs dispatched_at) {
  switch (ticket.urgency) {
    case Urgency::kCritical: return dispatched_at + 2 * kHourMs;
    case Urgency::kUrgent: return dispatched_at + 24 * kHourMs;
    case Urgency::kNormal: break;
  }
  return dispatched_at + 7 * kDayMs;
}

bool IsClosed(TicketStatus s) {
  return s == TicketStatus::kResolved || s == TicketStatus::kRevisited ||
         s == TicketStatus::kArchived || s == TicketStatus::kResolvedAtIntake ||
         s == TicketStatus::kMerged;
}

Result<Ticket> Apply(const Ticket& current, const Action& action) {
  const TicketEvent& e = action.event;
  Ticket next = current;
  next.version = current.version + 1;
  next.updated_at = e.at;
  switch (e.type) {
    case EventType::kDispatch:
      if (current.status != TicketStatus::kReceived && current.status != TicketStatus::kDispatched &&
          current.status != TicketStatus::kReopened) {
        return Illegal(current, e.type);
      }
      if (e.unit_code.empty()) return Status::InvalidArgument("派单必须指定承办单位");
      if (e.unit_code == current.owner_unit && current.status == TicketStatus::kDispatched) {
        return Status::FailedPrecondition("工单已派给该单位");
      }
      next.status = TicketStatus::kDispatched;
      next.owner_unit = e.unit_code;
      next.dispatched_at = e.at;
      next.due_at = DefaultDeadline(current, e.at);
      return next;
    case EventType::kAccept:
      if (current.status != TicketStatus::kDispatched) return Illegal(current, e.type);
      next.status = TicketStatus::kAccepted;
      return next;
    case EventType::kReply:
      if (current.status != TicketStatus::kAccepted && current.status != TicketStatus::kInProgress) {
        return Illegal(current, e.type);
      }
      if (e.content.empty()) return Status::InvalidArgument("答复内容不能为空");
      next.status = TicketStatus::kInProgress;
      next.reply = e.content;
      return next;
    case EventType::kResolve:
      if (current.status != TicketStatus::kInProgress) return Illegal(current, e.type);
      if (current.reply.empty() && e.content.empty()) {
        return Status::FailedPrecondition("办结前必须先答复");
      }
      if (!e.content.empty()) next.reply = e.content;
      next.status = TicketStatus::kResolved;
      next.resolved_at = e.at;
      return next;
    case EventType::kResolveAtIntake:
      if (current.status != TicketStatus::kReceived) return Illegal(current, e.type);
      if (e.content.empty()) return Status::InvalidArgument("直接办结必须填写答复内容");
      next.status = TicketStatus::kResolvedAtIntake;
      next.reply = e.content;
      next.resolved_at = e.at;
      return next;
    case EventType::kArchive:
      if (!IsClosed(current.status) || current.status == TicketStatus::kArchived) {
        return Illegal(current, e.type);
      }
      next.status = TicketStatus::kArchived;
      return next;
    case EventType::kNote:
      return next;
    case EventType::kReceived:
      return Status::FailedPrecondition("工单已受理");
  }
  return Status::Internal("unknown event type");
}

}  // namespace lianxin::workflow
