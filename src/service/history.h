// Historical tickets (imports of teddy2020 messages and of CSV exports, issue 4
// part C) given the life the evaluation needs: when the record names the unit
// that handled it, the ticket gets an imported 派单 at its creation (deadline
// from the SLA in force) and an imported 签收 + 答复 + 办结 at the recorded
// reply time, all applied through workflow::Apply, so the projection and the
// log are what a live ticket handled that way would hold and the rollups
// evaluate it like one. Each of these events is marked imported: actor
// "import", role "system", reason kImportedReason. Pure functions: thread-safe.
#pragma once

#include <string>

#include "core/status.h"
#include "store/store.h"
#include "workflow/sla.h"

namespace lianxin::service {

// The reason every event an import adds carries (besides 受理's own reason).
inline constexpr char kImportedReason[] = "历史数据导入";

// What a historical record says about a ticket's handling.
struct HistoricalHandling {
  std::string unit;       // the unit that handled it; empty = unknown (not evaluated)
  std::string reply;      // its answer; may be empty
  TimeMs resolved_at = 0;  // when it was answered / closed (>= created_at); 0 = created_at
  bool resolved = true;    // the record says it was resolved (办结) at resolved_at
  bool archive = true;     // end archived (else resolved; received when not resolved)
  std::string received_reason;  // the 受理 event's reason, e.g. "历史留言导入"
  std::string archive_reason;   // the 归档 event's reason
};

// `ticket` (number, texts, region, category, kind, created_at, channel set)
// with its events: 受理 → [派单 → 签收 → 答复 → 办结 when a unit is known] →
// [归档]. Without a unit the ticket keeps what the record says (受理, [答复],
// [办结], [归档]: not a live lifecycle, not evaluated).
// The 派单's deadline is sla.Deadline(ticket, created_at). kInvalidArgument
// when resolved_at is before created_at; kInternal if the lifecycle refuses a
// step (a bug).
Result<store::TicketWithEvents> HistoricalTicket(const Ticket& ticket,
                                                 const HistoricalHandling& handling,
                                                 const workflow::Sla& sla);

}  // namespace lianxin::service
