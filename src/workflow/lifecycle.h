// The ticket lifecycle state machine: which action is legal in which status, and
// the projection that results. Pure functions over core types; thread-safe.
// (The full workflow — returns, extensions, revisits, reminders — grows here.)
#pragma once

#include <string>

#include "core/status.h"
#include "core/ticket.h"

namespace lianxin::workflow {

// One requested change. `event` carries type, actor, time, reason, unit, content.
struct Action {
  TicketEvent event;
};

// Checks that `action.event.type` is legal for `current.status` and that the
// action carries what it needs (a unit for dispatch, text for a reply). Returns
// the next projection with version + 1, or kFailedPrecondition naming the
// current status (Chinese message), or kInvalidArgument for missing fields.
Result<Ticket> Apply(const Ticket& current, const Action& action);

// The default deadline of a ticket dispatched at `dispatched_at` (domain.md
// "Deadlines"): 特急 2 hours, 紧急 24 hours, otherwise 7 days.
TimeMs DefaultDeadline(const Ticket& ticket, TimeMs dispatched_at);

// True when the status is final for the handling unit (resolved or later).
bool IsClosed(TicketStatus status);

}  // namespace lianxin::workflow
