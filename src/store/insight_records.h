// The stored records of proactive governance (issue 6): hot topics (热点) with their member
// tickets, early warnings (预警) and their handling, repeat requests (重复诉求), governance
// items (每月一题) with tasks, linked tickets and a progress log. Plain values; the Store
// methods that keep them are declared in store.h. Thread-safety: plain structs, no sharing.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/ticket.h"

namespace lianxin::store {

// A hot topic as last computed by the insight pass. `id` is the clusterer's topic number.
struct StoredHotspot {
  int64_t id = 0;
  std::string title;
  double heat = 0;
  TimeMs first_time = 0;
  TimeMs last_time = 0;
  std::vector<std::string> places;        // place names, most mentioned first
  std::vector<std::string> region_codes;  // regions named in the text, most first
  std::vector<std::string> units;         // unit codes involved, most tickets first
  std::vector<std::string> keywords;
  std::string region_code;    // the members' most common ticket region (filters)
  std::string category_code;  // the members' most common ticket category (filters)
  int64_t size = 0;           // member tickets
  int64_t people = 0;
  int64_t likes = 0;
  int64_t urgent = 0;
  double growth = 1;
  TimeMs updated_at = 0;
};

// One ticket's membership of a hot topic, in the order the pass clustered them (`seq`,
// assigned by the store from 1). `terms` is the ticket's extracted terms in insight's
// encoding: what lets a restarted pass continue without segmenting history again.
struct HotspotMember {
  int64_t seq = 0;
  TicketId ticket_id = 0;
  int64_t hotspot_id = 0;
  TimeMs at = 0;         // the ticket's creation time
  std::string user_key;  // who asked (a hash; "" = unknown)
  std::string terms;
};

// Which hot topics to list; empty / 0 = any. [from, to) must overlap the topic's span.
struct HotspotFilter {
  std::string region_prefix;    // a region and its subtree
  std::string category_prefix;  // a category and its subtree
  TimeMs from = 0;
  TimeMs to = 0;
  int64_t min_size = 2;
  int limit = 20;  // 1..500
  int offset = 0;
};
struct HotspotPage {
  std::vector<StoredHotspot> items;  // hottest first (ties: lower id first)
  int64_t total = 0;
};

// An early warning and its handling. kind: "count" (a day's count above its expected
// level) or "risky_word" (安全隐患, 燃气...). state: "new", "acknowledged", "assigned",
// "closed". (kind, series_key, day) is unique: raising it again changes nothing.
struct StoredAlert {
  int64_t id = 0;
  std::string kind;
  std::string series_key;  // "count": "<category>|<region>"; "risky_word": "<word class>|<ticket>"
  int64_t day = 0;         // CST day number (insight::CstDay)
  double expected = 0;
  int64_t seen = 0;
  double p_value = 1;
  std::string region_code;
  std::string category_code;
  std::string detail;             // zh-CN explanation (the word found, the series' name)
  std::vector<TicketId> examples; // example tickets
  std::string state = "new";
  std::string assignee_unit;
  std::string note;
  std::string updated_by;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};
struct AlertFilter {
  std::string kind;
  std::string state;
  std::string region_prefix;
  std::string category_prefix;
  std::string assignee_unit;
  TimeMs from = 0;  // created_at in [from, to); 0 = unbounded
  TimeMs to = 0;
  int limit = 20;  // 1..500
  int offset = 0;
};
struct AlertPage {
  std::vector<StoredAlert> items;  // newest first
  int64_t total = 0;
};

// A repeat request found by the pass (kind: insight::RepeatKind's names). One per
// (ticket_id, kind).
struct StoredRepeat {
  TicketId ticket_id = 0;
  TicketId earlier_ticket_id = 0;
  std::string kind;
  double days_after = 0;
  TimeMs at = 0;  // the ticket's creation time
  int64_t hotspot_id = 0;
};
struct RepeatFilter {
  std::string kind;
  TimeMs from = 0;  // at in [from, to); 0 = unbounded
  TimeMs to = 0;
  int limit = 20;  // 1..500
  int offset = 0;
};
struct RepeatPage {
  std::vector<StoredRepeat> items;  // newest first
  int64_t total = 0;
  std::vector<std::pair<std::string, int64_t>> by_kind;  // matching count per kind, by name
};

// The cursor of the insight pass: the last ticket id clustered, and a note naming the
// clustering configuration that produced the stored state.
struct InsightCursor {
  int64_t position = 0;
  std::string note;
};

// One step of the insight pass, applied in one transaction: new memberships, upserted
// hot topics, new alerts and repeats (duplicates skipped), the cursor moved.
// `expected_cursor` must equal the stored position, else kAborted.
struct InsightPassBatch {
  std::string cursor_name;
  int64_t expected_cursor = 0;
  int64_t cursor = 0;
  std::string note;
  std::vector<HotspotMember> members;
  std::vector<StoredHotspot> hotspots;
  std::vector<StoredAlert> alerts;
  std::vector<StoredRepeat> repeats;
};

// A governance item (每月一题): a matter promoted from a hot topic or an alert.
// state: "open", "in_progress", "done", "closed".
struct GovernanceItem {
  int64_t id = 0;
  std::string title;
  std::string description;
  std::string source_kind;  // "hotspot" | "alert"
  int64_t source_id = 0;
  int64_t hotspot_id = 0;       // the matter's hot topic (0 = none): its volume is tracked
  std::string region_code;      // the matter's region and category (volume without a topic)
  std::string category_code;
  std::string lead_unit;
  std::vector<std::string> assist_units;
  TimeMs deadline = 0;
  std::string state = "open";
  std::string created_by;
  TimeMs created_at = 0;  // = the promotion
  TimeMs updated_at = 0;
};
// state: "todo", "doing", "done".
struct GovernanceTask {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string unit_code;
  std::string title;
  TimeMs deadline = 0;
  std::string state = "todo";
  std::string updated_by;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};
struct GovernanceProgress {
  int64_t id = 0;
  int64_t item_id = 0;
  int64_t task_id = 0;  // 0 = about the item
  std::string actor;
  std::string unit_code;
  TimeMs at = 0;
  std::string note;
};
struct GovernanceDetail {
  GovernanceItem item;
  std::vector<GovernanceTask> tasks;          // by id
  std::vector<TicketId> tickets;              // linked, ascending
  std::vector<GovernanceProgress> progress;   // oldest first
};
struct GovernanceFilter {
  std::string state;
  std::string involved_unit;  // lead or assisting unit (or a task's unit); "" = any
  int limit = 20;             // 1..500
  int offset = 0;
};
struct GovernancePage {
  std::vector<GovernanceItem> items;  // newest first
  int64_t total = 0;
};

}  // namespace lianxin::store
