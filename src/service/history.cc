#include "service/history.h"

#include "workflow/lifecycle.h"

namespace lianxin::service {
namespace {

constexpr char kNoReplyContent[] = "历史记录：已办结，无答复内容";

}  // namespace

Result<store::TicketWithEvents> HistoricalTicket(const Ticket& ticket,
                                                 const HistoricalHandling& h,
                                                 const workflow::Sla& sla) {
  const TimeMs closed_at = h.resolved_at ? h.resolved_at : ticket.created_at;
  if (closed_at < ticket.created_at) {
    return Status::InvalidArgument("办结时间早于受理时间");
  }
  store::TicketWithEvents item;
  Ticket t = ticket;
  t.status = TicketStatus::kReceived;
  t.updated_at = t.created_at;
  t.owner_unit.clear();
  t.reply.clear();
  TicketEvent received;
  received.type = EventType::kReceived;
  received.actor = "import";
  received.actor_role = "system";
  received.at = t.created_at;
  received.reason = h.received_reason;
  item.events.push_back(received);

  if (h.unit.empty()) {
    // Nobody known to have handled it: kept as recorded (its answer too), never
    // evaluated. Not a lifecycle a live ticket can have, hence no Apply.
    TicketEvent e = received;
    e.at = closed_at;
    e.reason = kImportedReason;
    if (!h.reply.empty()) {
      e.type = EventType::kReply;
      e.content = h.reply;
      item.events.push_back(e);
      t.reply = h.reply;
    }
    if (h.resolved || !h.reply.empty()) {
      e.type = EventType::kResolve;
      e.content.clear();
      item.events.push_back(e);
      t.resolved_at = closed_at;
      t.status = TicketStatus::kResolved;
      t.updated_at = closed_at;
    }
    if (h.archive) {
      TicketEvent archive = received;
      archive.type = EventType::kArchive;
      archive.at = closed_at;
      archive.reason = h.archive_reason;
      item.events.push_back(archive);
      t.status = TicketStatus::kArchived;
      t.updated_at = closed_at;
    }
    t.version = static_cast<int64_t>(item.events.size());
    item.ticket = std::move(t);
    return item;
  }

  auto step = [&](EventType type, TimeMs at, const std::string& content) -> Status {
    TicketEvent e;
    e.type = type;
    e.actor = "import";
    e.actor_role = "system";
    e.at = at;
    e.reason = type == EventType::kArchive && !h.archive_reason.empty() ? h.archive_reason
                                                                         : kImportedReason;
    e.content = content;
    e.is_public = workflow::ShownToCitizen(type);
    if (type == EventType::kDispatch) {
      e.unit_code = h.unit;
      e.due_at = sla.Deadline(t, at);
    } else if (type != EventType::kArchive) {
      e.unit_code = h.unit;
    }
    auto next = workflow::Apply(t, workflow::Action{e});
    if (!next.ok()) {
      return Status::Internal("历史工单 " + t.number + " 无法按办理流程导入：" + next.status().message());
    }
    t = std::move(next).value();
    item.events.push_back(std::move(e));
    return Status::Ok();
  };
  // The record's answer time stands for the unit's signing and first contact:
  // the only trace of its response a historical record keeps.
  // Without a recorded answer the close itself is the contact (no 答复 is made up).
  t.version = 1;  // the 受理
  LX_RETURN_IF_ERROR(step(EventType::kDispatch, t.created_at, ""));
  LX_RETURN_IF_ERROR(step(EventType::kAccept, closed_at, ""));
  if (h.reply.empty()) {
    LX_RETURN_IF_ERROR(step(EventType::kContact, closed_at, kNoReplyContent));
    LX_RETURN_IF_ERROR(step(EventType::kResolve, closed_at, kNoReplyContent));
  } else {
    LX_RETURN_IF_ERROR(step(EventType::kReply, closed_at, h.reply));
    LX_RETURN_IF_ERROR(step(EventType::kResolve, closed_at, ""));
  }
  if (h.archive) LX_RETURN_IF_ERROR(step(EventType::kArchive, closed_at, ""));
  // The 办结's placeholder text is no answer of the unit: not scored as a reply.
  if (h.reply.empty()) t.reply.clear();
  item.ticket = std::move(t);
  return item;
}

}  // namespace lianxin::service
