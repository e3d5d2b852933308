// SQLite statements of the proactive-governance tables (issue 6, migration 0006): hot
// topics and memberships, the insight cursor, alerts, repeat requests, governance items.
// Internal to store/sqlite: SqliteStore calls the writers inside its group-commit jobs and
// the readers on a pooled read connection. A Connection belongs to one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/insight_records.h"
#include "store/sqlite/sqlite_db.h"

namespace lianxin::store::sqlite {

// ---- writers (run inside a job's savepoint) ----
Status ApplyInsightPass(Connection& c, const InsightPassBatch& batch);
Status ResetHotspots(Connection& c, const std::string& name, const std::string& note);
Status UpdateAlert(Connection& c, const StoredAlert& alert);
// Sets `item.id` and the tasks' ids.
Status CreateGovernanceItem(Connection& c, GovernanceItem& item, std::vector<GovernanceTask>& tasks,
                            const std::vector<TicketId>& tickets);
Status UpdateGovernanceItem(Connection& c, const GovernanceItem& item,
                            const std::optional<GovernanceProgress>& log);
Status PutGovernanceTask(Connection& c, GovernanceTask& task,
                         const std::optional<GovernanceProgress>& log);
Result<int64_t> LinkGovernanceTickets(Connection& c, int64_t item_id,
                                      const std::vector<TicketId>& tickets);
Status AddGovernanceProgress(Connection& c, GovernanceProgress& entry);

// ---- readers ----
Result<InsightCursor> GetInsightCursor(Connection& c, const std::string& name);
Result<std::vector<HotspotMember>> ListHotspotMembers(Connection& c, int64_t hotspot_id,
                                                      int64_t after_seq, int limit);
Result<std::vector<HotspotMember>> PageHotspotMembers(Connection& c, int64_t hotspot_id, int limit,
                                                      int offset, int64_t* total);
Result<HotspotPage> ListHotspots(Connection& c, const HotspotFilter& filter);
Result<StoredHotspot> GetHotspot(Connection& c, int64_t id);
Result<AlertPage> ListAlerts(Connection& c, const AlertFilter& filter);
Result<StoredAlert> GetAlert(Connection& c, int64_t id);
Result<RepeatPage> ListRepeats(Connection& c, const RepeatFilter& filter);
Result<GovernanceDetail> GetGovernanceItem(Connection& c, int64_t id);
Result<GovernancePage> ListGovernanceItems(Connection& c, const GovernanceFilter& filter);

}  // namespace lianxin::store::sqlite
