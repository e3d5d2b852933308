#include "service/open311_mapping.h"

namespace lianxin::service {

using S = TicketStatus;
using E = EventType;

std::string_view BaseStatus(TicketStatus s) {
  switch (s) {
    case S::kResolved:
    case S::kResolvedAtIntake:
    case S::kRevisited:
    case S::kArchived:
    case S::kMerged:
      return "closed";
    default:
      return "open";
  }
}

std::string_view ExtendedStatus(TicketStatus s) {
  switch (s) {
    case S::kReceived: return "for_triage";
    case S::kDispatched: return "action_scheduled";
    case S::kAccepted: return "investigating";
    case S::kInProgress: return "in_progress";
    case S::kExtensionRequested: return "in_progress";
    case S::kReturnRequested: return "internal_referral";
    case S::kReopened: return "open";
    case S::kResolved: return "fixed";
    case S::kResolvedAtIntake: return "fixed";
    case S::kRevisited: return "closed";
    case S::kArchived: return "closed";
    case S::kMerged: return "duplicate";
  }
  return "open";
}

std::vector<TicketStatus> StatusesFor(std::string_view filter) {
  static const S kAll[] = {S::kReceived, S::kResolvedAtIntake, S::kDispatched, S::kAccepted,
                           S::kInProgress, S::kReturnRequested, S::kExtensionRequested,
                           S::kResolved, S::kRevisited, S::kReopened, S::kMerged, S::kArchived};
  std::vector<TicketStatus> out;
  for (S s : kAll) {
    if (BaseStatus(s) == filter || ExtendedStatus(s) == filter) out.push_back(s);
  }
  return out;
}

std::string_view UpdateStatus(const TicketEvent& e) {
  switch (e.type) {
    case E::kReceived: return "OPEN";
    case E::kDispatch: return "ACTION_SCHEDULED";
    case E::kExtensionApprove: return "ACTION_SCHEDULED";
    case E::kAccept: return "INVESTIGATING";
    case E::kRedispatch:
    case E::kReturnApprove: return "INTERNAL_REFERRAL";
    case E::kResolve:
    case E::kResolveAtIntake: return "FIXED";
    case E::kArchive: return "CLOSED";
    case E::kRevisit:
      // An unsatisfied or unresolved revisit reopens the ticket.
      if ((e.resolved && !*e.resolved) || e.satisfaction == Satisfaction::kUnsatisfied) return "REOPEN";
      return "CLOSED";
    case E::kReopen: return "REOPEN";
    case E::kMerge: return "DUPLICATE";
    default: return "IN_PROGRESS";
  }
}

std::string_view NoteType(EventType type) {
  switch (type) {
    case E::kReceived: return "submitted";
    case E::kDispatch:
    case E::kAccept: return "opened";
    case E::kResolve:
    case E::kResolveAtIntake:
    case E::kArchive:
    case E::kMerge: return "closed";
    default: return "activity";
  }
}

bool IsKnownUpdateStatus(std::string_view s) {
  static const std::string_view kKnown[] = {
      "OPEN", "CLOSED", "FIXED", "INVESTIGATING", "ACTION_SCHEDULED", "IN_PROGRESS", "PLANNED",
      "NO_FURTHER_ACTION", "NOT_COUNCILS_RESPONSIBILITY", "DUPLICATE", "INTERNAL_REFERRAL",
      "CANCELLED", "REOPEN", "FOR_TRIAGE"};
  for (std::string_view k : kKnown) {
    if (k == s) return true;
  }
  return false;
}

}  // namespace lianxin::service
