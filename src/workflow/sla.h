// Deadlines (SLA, domain.md "Deadlines"): the policy of how long a unit has per
// (kind, urgency, category, region), applied over the working-day calendar,
// plus the reminder (催办) and escalation (督办) points the scheduler uses.
// SlaPolicy and Sla are immutable once loaded: safe to share between threads;
// no method blocks except the Load* functions, which read files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/ticket.h"
#include "workflow/calendar.h"

namespace lianxin::workflow {

// How a rule's amount is counted.
enum class SlaUnit { kHours, kDays, kWorkingHours, kWorkingDays };

// One row of the policy file. Empty/nullopt selectors match every ticket.
struct SlaRule {
  enum class Purpose {
    kDeadline,   // time allowed from dispatch
    kExtension,  // the latest an approved 延期 may reach, counted from dispatch
    kArbitration,  // issue 4: time a dispatcher has to arbitrate a 退单, from the request
  };
  Purpose purpose = Purpose::kDeadline;
  std::optional<TicketKind> kind;
  std::optional<Urgency> urgency;
  std::string category_prefix;  // "01.02" matches 01.02 and 01.02.016, not 01.020
  std::string region_prefix;    // "XD.A" matches XD.A and XD.A.A3, not XD.AB
  int amount = 0;
  SlaUnit unit = SlaUnit::kDays;
  std::string note;
  int line = 0;  // line in the policy file, for messages

  // `start` + this rule's duration on `calendar`.
  TimeMs From(TimeMs start, const WorkCalendar& calendar) const;
};

// The rules of data/calendar/sla_policies.csv. Of the rules that match a ticket
// the most specific wins, compared in this order: a rule naming the urgency
// beats one that does not (特急 always wins), then the deeper category prefix,
// then naming the kind, then the deeper region prefix.
class SlaPolicy {
 public:
  // No rules: Find returns nullptr.
  SlaPolicy() = default;
  // Parses the policy file: header
  // `rule,kind,urgency,category,region,amount,unit,note`, rule = deadline |
  // extension | arbitration, kind/urgency = an identifier of core/ticket.h or *, category /
  // region = a code prefix or *, amount = 1..10000, unit = hours | days |
  // working_hours | working_days. Returns kInvalidArgument
  // "<source>:<line>: ..." for a malformed row or a repeated selector, and
  // when no catch-all deadline rule (deadline,*,*,*,*) exists.
  static Result<SlaPolicy> Parse(std::string_view csv,
                                 std::string_view source = "sla_policies.csv");
  // Reads and parses the file at `path` (blocks); kNotFound when unreadable.
  static Result<SlaPolicy> LoadFile(const std::string& path);

  // The winning rule of `purpose` for `ticket`, or nullptr when none matches.
  // The pointer lives as long as this policy.
  const SlaRule* Find(const Ticket& ticket, SlaRule::Purpose purpose) const;

  const std::vector<SlaRule>& rules() const { return rules_; }

 private:
  std::vector<SlaRule> rules_;
};

// A policy over a calendar: what the service holds to set deadlines.
class Sla {
 public:
  // Defaults: no rules (Deadline falls back to DefaultDeadline), Mon–Fri.
  Sla() = default;
  Sla(SlaPolicy policy, WorkCalendar calendar);
  // Loads `dir`/sla_policies.csv and `dir`/cn_holidays.csv (blocks); the error
  // of the first file that fails.
  static Result<Sla> LoadDir(const std::string& dir);

  // The deadline of `ticket` dispatched at `dispatched_at` (the clock starts
  // at dispatch, not at 签收): its winning deadline rule, or
  // DefaultDeadline(ticket, dispatched_at) when no rule matches.
  TimeMs Deadline(const Ticket& ticket, TimeMs dispatched_at) const;
  // The latest deadline an approved extension may set, or nullopt when the
  // policy has no extension rule for the ticket (no limit).
  std::optional<TimeMs> ExtensionLimit(const Ticket& ticket, TimeMs dispatched_at) const;
  // When a dispatcher must have arbitrated a 退单 of `ticket` asked at
  // `requested_at`: its winning arbitration rule, else 1 working day
  // (kDefaultArbitrationWorkingDays) on the calendar.
  TimeMs ArbitrationDeadline(const Ticket& ticket, TimeMs requested_at) const;
  static constexpr int kDefaultArbitrationWorkingDays = 1;

  const SlaPolicy& policy() const { return policy_; }
  const WorkCalendar& calendar() const { return calendar_; }

 private:
  SlaPolicy policy_;
  WorkCalendar calendar_;
};

// When to send the 催办 reminder: `share` (clamped to 0..1) of the way from
// dispatch to the deadline, in calendar time.
TimeMs ReminderAt(TimeMs dispatched_at, TimeMs due_at, double share = 0.8);

// Whether the scheduler should send a reminder now: the ticket is with a unit
// (dispatched … extension_requested), has a deadline, `now` is at or past
// ReminderAt but before the deadline, and no reminder was sent since then.
bool ReminderDue(const Ticket& ticket, TimeMs now, double share = 0.8);
// Whether the scheduler should escalate (督办) now: the ticket is with a unit,
// `now` is at or past its deadline and it was not escalated since the deadline.
bool EscalationDue(const Ticket& ticket, TimeMs now);
// When the scheduler must next look at `ticket` (Ticket::next_alarm_at): its
// reminder time while no reminder was sent for the current deadline, else its
// deadline while not escalated since, else 0; 0 for tickets not with a unit.
// Consistent with ReminderDue/EscalationDue: at the returned time one of them holds.
TimeMs NextAlarmAt(const Ticket& ticket, double share = 0.8);

}  // namespace lianxin::workflow
