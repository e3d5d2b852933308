// The ticket (工单) and its events: the unit of everything in lianxin.
//
// A Ticket is the current projection of its event log; TicketEvent is one
// append-only entry (who, when, why, what). Plain value types: copyable, no I/O,
// safe to share read-only between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace lianxin {

// 诉求类型.
enum class TicketKind { kConsultation, kHelp, kComplaint, kReport, kSuggestion, kPraise };
// 紧急程度.
enum class Urgency { kNormal, kUrgent, kCritical };
// 渠道.
enum class Channel { kPhone, kWeb, kApp, kMiniProgram, kSms, kOpen311, kImport };

// Where a ticket stands in its life (see domain.md, "The ticket's life").
enum class TicketStatus {
  kReceived,            // 受理: recorded, not yet dispatched
  kResolvedAtIntake,    // 直办: answered at once
  kDispatched,          // 派单: sent to a unit, not yet signed for
  kAccepted,            // 签收
  kInProgress,          // 办理: contacted / replied, not yet resolved
  kReturnRequested,     // 退单 asked, awaiting arbitration
  kExtensionRequested,  // 延期 asked, awaiting approval
  kResolved,            // 办结
  kRevisited,           // 回访 done
  kReopened,            // 重办
  kMerged,              // 并单: follows its parent
  kArchived,            // 归档
};

// What happened to a ticket. New actions add values here.
enum class EventType {
  kReceived,          // 受理 (created)
  kResolveAtIntake,   // 直办
  kDispatch,          // 派单 (manual or by the dispatch agent)
  kAccept,            // 签收
  kReply,             // 答复
  kResolve,           // 办结
  kArchive,           // 归档
  kNote,              // a remark that changes no state
  kContact,           // 联系: the unit contacted the citizen (first contact, contact log)
  kRedispatch,        // 改派: the dispatcher moves the ticket to another unit
  kReturnRequest,     // 退单 asked by the unit (reason code + evidence)
  kReturnApprove,     // 退单 upheld by the dispatcher: sent on to another unit
  kReturnReject,      // 退单 rejected: back to the same unit
  kExtensionRequest,  // 延期 asked by the unit, before the deadline
  kExtensionApprove,  // 延期 approved by a supervisor: the deadline moves
  kExtensionRefuse,   // 延期 refused
  kRevisit,           // 回访: resolved? satisfied?
  kReopen,            // 重办 (citizen complaint, review)
  kMerge,             // 并单: this ticket follows a parent ticket
  kReminder,          // 催办: a warning before the deadline; changes no state
  kEscalation,        // 督办: supervision after the deadline or for hot cases; changes no state
  kAssistReply,       // 协办答复: an assisting unit's contribution; changes no state
};

// 回访满意度.
enum class Satisfaction { kSatisfied, kBasicallySatisfied, kUnsatisfied };

// Stable identifiers used in storage and JSON ("consultation", "phone"...).
// Parse* return nullopt for unknown names.
std::string_view ToString(TicketKind v);
std::string_view ToString(Urgency v);
std::string_view ToString(Channel v);
std::string_view ToString(TicketStatus v);
std::string_view ToString(EventType v);
std::string_view ToString(Satisfaction v);
std::optional<TicketKind> ParseTicketKind(std::string_view s);
std::optional<Urgency> ParseUrgency(std::string_view s);
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<TicketStatus> ParseTicketStatus(std::string_view s);
std::optional<EventType> ParseEventType(std::string_view s);
std::optional<Satisfaction> ParseSatisfaction(std::string_view s);
// Chinese labels for people: "咨询", "紧急", "已签收"...
std::string_view LabelZh(TicketKind v);
std::string_view LabelZh(Urgency v);
std::string_view LabelZh(Channel v);
std::string_view LabelZh(TicketStatus v);
std::string_view LabelZh(EventType v);
std::string_view LabelZh(Satisfaction v);

using TicketId = int64_t;

// 工单. Personal data (citizen_name, citizen_phone) is held in clear here and
// masked by the service layer for roles that must not see it.
struct Ticket {
  TicketId id = 0;
  std::string number;      // XD-20261129-000123, unique
  std::string query_code;  // short code the citizen tracks with
  TicketKind kind = TicketKind::kConsultation;
  Urgency urgency = Urgency::kNormal;
  Channel channel = Channel::kWeb;
  std::string title;
  std::string body;
  std::string citizen_name;
  std::string citizen_phone;
  std::string region_code;  // Region::code, e.g. "XD.A.A3"
  std::string address;
  std::optional<double> latitude;   // WGS84
  std::optional<double> longitude;  // WGS84
  std::string category_code;  // Category::code at the deepest known level, e.g. "01.02.003"
  std::string owner_unit;     // Unit::code of the current lead unit; empty until dispatched
  TicketStatus status = TicketStatus::kReceived;
  std::string reply;  // the unit's latest reply (答复)
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  TimeMs dispatched_at = 0;  // 0 when never dispatched
  TimeMs due_at = 0;         // current deadline; 0 when none
  TimeMs resolved_at = 0;    // 0 when not resolved
  int64_t version = 0;       // number of events applied; optimistic concurrency token
  // Workflow projection (issue 4); workflow/lifecycle.h says which action sets what.
  // accepted_at, first_contact_at: by the current owner unit (0 = not yet; reset on dispatch).
  TimeMs accepted_at = 0;       // 签收
  TimeMs first_contact_at = 0;  // first contact or reply
  TimeMs requested_due_at = 0;  // deadline asked by the pending 延期 request; 0 when none
  TimeMs reminded_at = 0;       // last 催办; 0 when never
  TimeMs escalated_at = 0;      // last 督办; 0 when never
  std::vector<std::string> assist_units;     // 协办 Unit::codes; the lead (主办) is owner_unit
  TicketId parent_id = 0;                    // 并单: the parent while merged; 0 otherwise
  std::optional<bool> revisit_resolved;      // latest 回访: the citizen says it is resolved
  std::optional<Satisfaction> satisfaction;  // latest 回访 rating
  // When the SLA scheduler must look at this ticket next (催办 or 督办 due);
  // 0 when nothing is pending. Kept by the service (workflow::NextAlarmAt).
  TimeMs next_alarm_at = 0;
};

// One entry of a ticket's append-only log; the audit trail.
struct TicketEvent {
  int64_t id = 0;  // assigned by the store
  TicketId ticket_id = 0;
  EventType type = EventType::kNote;
  std::string actor;       // username, or "system", "citizen", "dispatch-agent"
  std::string actor_role;  // Role name of the actor at the time
  TimeMs at = 0;
  std::string reason;     // why (free text or a reason code such as 职能不符)
  std::string unit_code;  // the unit the action concerns (dispatch target, acting unit)
  std::string content;    // the action's text: a reply, a note
  bool is_public = true;  // shown on the citizen's timeline
  // Structured data of some actions (see workflow/lifecycle.h); zero/empty otherwise.
  TimeMs due_at = 0;  // deadline set (dispatch, redispatch, return_approve, extension_approve)
                      // or asked (extension_request)
  std::vector<std::string> assist_units;     // dispatch, redispatch, return_approve: 协办 units
  TicketId parent_id = 0;                    // merge: the parent ticket
  std::optional<bool> resolved;              // revisit: the citizen says it is resolved
  std::optional<Satisfaction> satisfaction;  // revisit: the citizen's rating
  std::string category_code;  // dispatch, redispatch: the category a person confirmed or set
};

}  // namespace lianxin
