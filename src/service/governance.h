// Types of the proactive-governance use cases (issue 6): what Service's hot-topic,
// alert, repeat, governance-item (每月一题) and decision-report methods take and return.
// The methods themselves are declared in service.h (block "proactive governance").
// Plain values; no sharing.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/ticket.h"
#include "insight/evaluation.h"
#include "store/insight_records.h"

namespace lianxin::service {

// A ticket in a governance list: no personal data (title masked, no name or phone).
struct TicketBrief {
  TicketId id = 0;
  std::string number;
  std::string title;  // personal data masked
  TimeMs created_at = 0;
  TicketStatus status = TicketStatus::kReceived;
  std::string region_code;
  std::string category_code;
  std::string owner_unit;
};

// One hot topic with a page of its tickets, newest first.
struct HotspotDetail {
  store::StoredHotspot hotspot;
  std::vector<TicketBrief> tickets;
  int64_t tickets_total = 0;
};

// One alert with its example tickets.
struct AlertDetail {
  store::StoredAlert alert;
  std::vector<TicketBrief> examples;
};

// A repeat request with both tickets.
struct RepeatView {
  store::StoredRepeat repeat;
  TicketBrief ticket;
  TicketBrief earlier;  // id 0 for reopened tickets
};
struct RepeatList {
  std::vector<RepeatView> items;
  int64_t total = 0;
  std::vector<std::pair<std::string, int64_t>> by_kind;
  int64_t tickets = 0;       // tickets created in the period (the rate's denominator)
  double repeat_rate = 0;    // repeats of any kind ÷ tickets
};

// A supervisor's promotion of a hot topic or an alert to a governance item.
struct NewGovernanceItem {
  std::string source_kind;  // "hotspot" | "alert"
  int64_t source_id = 0;
  std::string title;        // "" = the source's title / explanation
  std::string description;
  std::string lead_unit;
  std::vector<std::string> assist_units;
  TimeMs deadline = 0;
  std::vector<store::GovernanceTask> tasks;  // unit_code, title, deadline
  std::vector<TicketId> tickets;             // linked besides the source's own
};

// Ticket volume of the matter in one week (relative to the promotion).
struct WeekVolume {
  int week = 0;          // -8 .. -1 before the promotion, 0 .. 7 after
  TimeMs start = 0;
  int64_t count = 0;
};
struct GovernanceView {
  store::GovernanceDetail detail;
  std::vector<TicketBrief> tickets;  // the linked ones, briefly
  std::vector<WeekVolume> volume;    // 8 weeks before, up to 8 after (to now)
  int64_t before = 0;                // tickets in the 8 weeks before
  int64_t after = 0;                 // tickets since, up to 8 weeks
  double weekly_before = 0;          // per week
  double weekly_after = 0;           // per full or partial week elapsed
};

// A change to a governance item's task or state, by its lead, an assisting unit or a
// supervisor.
struct GovernanceUpdate {
  std::string state;  // item: open/in_progress/done/closed; task: todo/doing/done; "" = keep
  std::string note;   // appended to the progress log when not empty
};

// Weekly or monthly decision report (决策支持) for a region.
enum class ReportKind { kWeekly, kMonthly };
struct ReportQuery {
  ReportKind kind = ReportKind::kWeekly;
  std::string region_code;  // "" = the whole province
  // The period: "2026-W48" (ISO week) or "2026-11" (month); "" = the last complete one.
  std::string period;
};
struct ReportCount {
  std::string code;
  std::string name;
  int64_t count = 0;
};
struct DecisionReport {
  ReportKind kind = ReportKind::kWeekly;
  std::string period;        // as resolved
  std::string region_code;
  std::string region_name;
  TimeMs from = 0, to = 0;   // [from, to)
  TimeMs generated_at = 0;
  int64_t total = 0;
  int64_t previous_total = 0;  // the period before, same length
  int64_t open = 0;
  int64_t overdue = 0;
  std::vector<std::pair<std::string, int64_t>> by_day;  // "2026-11-23" → tickets
  std::vector<ReportCount> by_category;                 // level-1, most first
  std::vector<ReportCount> by_region;                   // sub-regions, most first
  insight::Metrics rates;                               // 三率 of the region over the period
  std::vector<store::StoredHotspot> hotspots;           // hottest first, at most 10
  std::vector<store::StoredAlert> alerts;               // raised in the period, at most 20
  int64_t alerts_total = 0;
  std::vector<store::GovernanceItem> items;             // open items and those of the period
  RepeatList repeats;                                   // counts only (items empty)
};

}  // namespace lianxin::service
