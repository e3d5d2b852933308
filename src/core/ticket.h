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
};

// Stable identifiers used in storage and JSON ("consultation", "phone"...).
// Parse* return nullopt for unknown names.
std::string_view ToString(TicketKind v);
std::string_view ToString(Urgency v);
std::string_view ToString(Channel v);
std::string_view ToString(TicketStatus v);
std::string_view ToString(EventType v);
std::optional<TicketKind> ParseTicketKind(std::string_view s);
std::optional<Urgency> ParseUrgency(std::string_view s);
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<TicketStatus> ParseTicketStatus(std::string_view s);
std::optional<EventType> ParseEventType(std::string_view s);
// Chinese labels for people: "咨询", "紧急", "已签收"...
std::string_view LabelZh(TicketKind v);
std::string_view LabelZh(Urgency v);
std::string_view LabelZh(Channel v);
std::string_view LabelZh(TicketStatus v);
std::string_view LabelZh(EventType v);

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
};

}  // namespace lianxin
