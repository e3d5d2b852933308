// The 退单 arbitration deadline (issue 4): a return request must be arbitrated
// by a dispatcher (uphold → 改派, reject → back to the unit) within its own
// deadline (Sla::ArbitrationDeadline, by default 1 working day). The SLA scan
// raises one alarm per request when it is late: a note event by "system" with
// reason kArbitrationOverdue, which the notifier turns into a message to the
// hotline centre. Whether it fired is read from the event log, and the note is
// written only if the ticket is still the version read, so a restart or a
// second scanner never sends it twice.
#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

// The latest 退单 request of `events` and whether its alarm fired after it.
struct PendingReturn {
  const TicketEvent* request = nullptr;
  bool alarmed = false;
};

PendingReturn FindPendingReturn(const std::vector<TicketEvent>& events) {
  PendingReturn p;
  for (const TicketEvent& e : events) {
    if (e.type == EventType::kReturnRequest) {
      p.request = &e;
      p.alarmed = false;
    } else if (p.request && e.type == EventType::kNote && e.reason == kArbitrationOverdue) {
      p.alarmed = true;
    }
  }
  return p;
}

}  // namespace

Result<TimeMs> ArbitrationDueAt(Service& svc, const workflow::Sla& sla, const Ticket& t) {
  if (t.status != TicketStatus::kReturnRequested) return TimeMs{0};
  LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, svc.store().ListEvents(t.id));
  PendingReturn p = FindPendingReturn(events);
  return p.request ? sla.ArbitrationDeadline(t, p.request->at) : TimeMs{0};
}

Result<int> RunArbitrationScan(Service& svc, TimeMs now) {
  auto sla = svc.CurrentSla();
  int fired = 0;
  store::TicketFilter f;
  f.status = TicketStatus::kReturnRequested;
  f.oldest_first = true;
  f.limit = 500;
  for (;;) {
    LX_ASSIGN_OR_RETURN(store::TicketPage page, svc.store().ListTickets(f));
    for (const Ticket& t : page.items) {
      if (t.channel == Channel::kImport) continue;  // history: nobody arbitrates it now
      LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, svc.store().ListEvents(t.id));
      PendingReturn p = FindPendingReturn(events);
      if (!p.request || p.alarmed) continue;
      const TimeMs due = sla->ArbitrationDeadline(t, p.request->at);
      if (now < due) continue;
      ActionRequest req;
      req.type = EventType::kNote;
      req.reason = kArbitrationOverdue;
      req.unit_code = svc.HotlineCentre();
      req.content = "退单申请（" + p.request->reason + "）已超过仲裁时限 " + FormatIsoCst(due) +
                    "，请派单员尽快改派或退回承办单位。";
      auto plan = PlanAction(svc, *sla, Actor::System(), t, req, now);
      if (!plan.ok()) return plan.status();
      // Only if nothing changed since the read: else the next scan decides again.
      auto stored = svc.store().AppendEvent(plan->next, plan->event);
      if (stored.ok()) {
        ++fired;
      } else if (stored.status().code() != StatusCode::kAborted) {
        return stored.status();
      }
    }
    if (static_cast<int64_t>(f.offset + page.items.size()) >= page.total || page.items.empty()) break;
    f.offset += f.limit;
  }
  return fired;
}

}  // namespace lianxin::service
