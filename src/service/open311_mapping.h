// Internal to service/: how our detailed states and events map onto Open311
// (open/closed), the FixMyStreet extended statuses and the notes' types, as in
// ../shared/design/open311.md "Suggested mapping". Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/ticket.h"

namespace lianxin::service {

// "open" for a ticket still being handled; "closed" once resolved, revisited,
// archived or merged into another.
std::string_view BaseStatus(TicketStatus s);
// The lower-case FixMyStreet status of a ticket: for_triage (受理, waiting for
// dispatch), action_scheduled (派单), investigating (签收), in_progress (办理,
// 延期), internal_referral (退单 pending), open (重办), fixed (办结, 直办),
// closed (回访, 归档), duplicate (并单).
std::string_view ExtendedStatus(TicketStatus s);
// The ticket statuses a GET status filter value selects (open, closed or an
// extended status); empty for an unknown value.
std::vector<TicketStatus> StatusesFor(std::string_view filter);
// The upper-case FixMyStreet status after event `e` (OPEN, ACTION_SCHEDULED,
// INVESTIGATING, IN_PROGRESS, INTERNAL_REFERRAL, FIXED, CLOSED, DUPLICATE, REOPEN).
std::string_view UpdateStatus(const TicketEvent& e);
// The notes[] type of an event: submitted, opened, closed or activity.
std::string_view NoteType(EventType type);
// Whether `s` is one of the FixMyStreet update statuses (upper case).
bool IsKnownUpdateStatus(std::string_view s);

}  // namespace lianxin::service
