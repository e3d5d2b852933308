// The ticket lifecycle state machine (domain.md, "The ticket's life"): which
// action is legal in which status, what each action must carry, and the
// projection that results. Pure functions over core types: no I/O, no clock;
// safe to call from any thread.
//
// Transition table (status → status; "=" keeps the status):
//   resolve_at_intake  received → resolved_at_intake
//   dispatch           received | dispatched | reopened → dispatched
//   redispatch (改派)  dispatched | accepted | in_progress → dispatched (another unit)
//   accept             dispatched → accepted
//   contact            accepted → in_progress; in_progress, extension_requested =
//   reply              accepted | in_progress → in_progress
//   resolve            in_progress → resolved
//   return_request     dispatched | accepted | in_progress → return_requested
//   return_approve     return_requested → dispatched (another unit, new deadline)
//   return_reject      return_requested → the status it came from
//   extension_request  accepted | in_progress → extension_requested (before the deadline)
//   extension_approve  extension_requested → the status it came from, deadline moved
//   extension_refuse   extension_requested → the status it came from
//   revisit            resolved → revisited, or reopened when not resolved or 不满意
//   reopen (重办)      resolved_at_intake | resolved | revisited → reopened
//   merge (并单)       received | dispatched | accepted | in_progress | reopened → merged
//   archive            resolved_at_intake | resolved | revisited | merged → archived
//   reminder, escalation  any open status (received … reopened, not merged) =
//   assist_reply       dispatched | accepted | in_progress | return_requested |
//                      extension_requested = (only an assisting unit)
//   note               any status =
//   received           never (it creates the ticket; see service/)
// "The status it came from" is derived from the projection, not stored:
// in_progress when the owner has contacted or replied (first_contact_at != 0),
// accepted when it has signed (accepted_at != 0), dispatched otherwise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/ticket.h"

namespace lianxin::workflow {

// One requested change. `event` carries type, actor, time, reason, unit,
// content and the structured fields of TicketEvent; it is what the caller
// stores in the log next to the projection Apply returns.
struct Action {
  TicketEvent event;
};

// Checks that `action.event.type` is legal for `current.status` (see the table
// above) and that the event carries what the action needs, then returns the
// next projection with version + 1 and updated_at = event.at.
// Errors: kFailedPrecondition when the action is illegal in the current status
// (the Chinese message names the status and the action) or the ticket's state
// forbids it (past the deadline, not an assisting unit, already with that unit);
// kInvalidArgument when a required field is missing or malformed. Messages are
// Chinese, fit for the person who acted.
// Required fields per action:
//   dispatch: unit_code (on a reopened ticket it defaults to the previous
//     owner, and assist_units to the previous ones); redispatch and
//     return_approve: unit_code other than the owner, and redispatch a reason.
//     All three: assist_units (optional) must be distinct and not the lead;
//     due_at (optional) > at — when 0, DefaultDeadline(current, at) is used, so
//     callers with an Sla (workflow/sla.h) should fill it to record it in the log.
//   reply, contact, resolve_at_intake, assist_reply: content (resolve: content
//     or an earlier reply). assist_reply: unit_code among assist_units.
//   return_request: reason one of kReturnReasons, content = the evidence.
//   return_reject, extension_refuse, reopen, escalation: reason.
//   extension_request: reason, due_at later than the current deadline, and
//     at before the current deadline. extension_approve: due_at, or 0 for the
//     requested one (fill it so the log records what was granted).
//     revisit: resolved and satisfaction. merge: parent_id (the service also
//     calls CheckMergeParent with the loaded parent).
Result<Ticket> Apply(const Ticket& current, const Action& action);

// The actions the UI may offer for `ticket`, in EventType order: those legal in
// its status (the table above), without assist_reply when there are no
// assisting units. Apply may still refuse one for its fields or the time.
std::vector<EventType> LegalActions(const Ticket& ticket);

// The 退单 reason codes a return_request must carry in `reason`.
inline constexpr std::string_view kReturnReasons[] = {"职能不符", "属地不符", "权属不清"};

// Checks that `parent` may absorb `child` in a merge: not the same ticket, and
// the parent is not itself merged (merge into its parent instead). Returns
// kInvalidArgument / kFailedPrecondition with a Chinese message. The service
// calls it with the loaded parent before applying the merge.
Status CheckMergeParent(const Ticket& child, const Ticket& parent);

// Whether an event of `type` belongs on the citizen's timeline by default
// (TicketEvent::is_public): the ticket's milestones and the outcome of an
// extension (the citizen is told), not the internal ones (return requests and
// their arbitration, extension requests, reminders, escalations, assisting
// units' replies, notes).
bool ShownToCitizen(EventType type);

// The default deadline of a ticket dispatched at `dispatched_at` (domain.md
// "Deadlines") in calendar time: 特急 2 hours, 紧急 24 hours, otherwise 7 days.
// The configurable version is Sla::Deadline (workflow/sla.h).
TimeMs DefaultDeadline(const Ticket& ticket, TimeMs dispatched_at);

// True when the status is final for the handling unit (resolved or later):
// resolved, revisited, archived, resolved_at_intake, merged.
bool IsClosed(TicketStatus status);

}  // namespace lianxin::workflow
