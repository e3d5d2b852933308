// The proactive-governance tables (issue 6, migration 0006 of both backends): hot
// topics and memberships, the insight cursor, alerts, repeat requests, governance items,
// in SQL both backends run (through sql::Db). Internal to store/: each store calls
// the writers inside one of its transactions and the readers on a connection of its own.
// A Db belongs to one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/insight_records.h"
#include "store/sql_session.h"

namespace lianxin::store::sql {

// ---- writers (run inside a job's savepoint) ----
Status ApplyInsightPass(Db& c, const InsightPassBatch& batch);
Status ResetHotspots(Db& c, const std::string& name, const std::string& note);
Status UpdateAlert(Db& c, const StoredAlert& alert);
// Sets `item.id` and the tasks' ids.
Status CreateGovernanceItem(Db& c, GovernanceItem& item, std::vector<GovernanceTask>& tasks,
                            const std::vector<TicketId>& tickets);
Status UpdateGovernanceItem(Db& c, const GovernanceItem& item,
                            const std::optional<GovernanceProgress>& log);
Status PutGovernanceTask(Db& c, GovernanceTask& task,
                         const std::optional<GovernanceProgress>& log);
Result<int64_t> LinkGovernanceTickets(Db& c, int64_t item_id,
                                      const std::vector<TicketId>& tickets);
Status AddGovernanceProgress(Db& c, GovernanceProgress& entry);

// ---- readers ----
Result<InsightCursor> GetInsightCursor(Db& c, const std::string& name);
Result<std::vector<HotspotMember>> ListHotspotMembers(Db& c, int64_t hotspot_id,
                                                      int64_t after_seq, int limit);
Result<std::vector<HotspotMember>> PageHotspotMembers(Db& c, int64_t hotspot_id, int limit,
                                                      int offset, int64_t* total);
Result<HotspotPage> ListHotspots(Db& c, const HotspotFilter& filter);
Result<StoredHotspot> GetHotspot(Db& c, int64_t id);
Result<AlertPage> ListAlerts(Db& c, const AlertFilter& filter);
Result<StoredAlert> GetAlert(Db& c, int64_t id);
Result<RepeatPage> ListRepeats(Db& c, const RepeatFilter& filter);
Result<GovernanceDetail> GetGovernanceItem(Db& c, int64_t id);
Result<GovernancePage> ListGovernanceItems(Db& c, const GovernanceFilter& filter);

}  // namespace lianxin::store::sql
