// SqlStoreBase: the Store methods whose SQL both backends share, written once.
// The proactive-governance tables (insight_tables.h), integrations, attachments,
// the assist log and the reference audit trail, SLA rules and calendar
// (record_tables.h) run the same statements on SQLite and PostgreSQL through a
// sql::Db; a backend derives from this class and provides only the two hooks
// (a connection to read on, a write transaction) and, where its tables differ,
// AfterAttachmentInsert. Internal to store/.
//
// Thread-safety: as Store (every method thread-safe); the hooks must be too.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/sql_session.h"
#include "store/store.h"

namespace lianxin::store {

class SqlStoreBase : public Store {
 public:
  // ---- reference data's audit trail, SLA rules and calendar (issue 7 item 7) ----
  Result<std::vector<ReferenceChange>> ListReferenceChanges(int limit) override;
  Result<std::vector<SlaRuleRow>> ListSlaRules() override;
  Result<std::vector<CalendarDayRow>> ListCalendarDays() override;
  Result<int64_t> PutSlaConfig(const std::optional<std::vector<SlaRuleRow>>& rules,
                               const std::optional<std::vector<CalendarDayRow>>& days,
                               const ReferenceChange& change) override;

  // ---- AI seat assist log (issue 5) ----
  Result<int64_t> AppendAssistRecord(const AssistRecord& record) override;
  Result<std::vector<AssistRecord>> ListAssistRecords(TimeMs from, TimeMs to, int limit) override;

  // ---- department integration and attachments (issue 8 item 2) ----
  Status PutIntegration(const UnitIntegration& integration) override;
  Result<UnitIntegration> GetIntegration(const std::string& unit_code) override;
  Result<UnitIntegration> GetIntegrationByKeyHash(const std::string& key_hash) override;
  Result<std::vector<UnitIntegration>> ListIntegrations() override;
  Result<DeliverySummary> SummarizeDeliveries(OutboxMessage::Audience audience,
                                              const std::string& address) override;
  Result<int64_t> RetryMessages(OutboxMessage::Audience audience, const std::string& address,
                                TimeMs now) override;
  Result<Attachment> PutAttachment(const Attachment& a) override;
  Result<Attachment> PutAttachmentWithinLimit(const Attachment& a, int limit) override;
  Result<Attachment> GetAttachment(TicketId ticket_id, int64_t id) override;
  Result<std::vector<Attachment>> ListAttachments(TicketId ticket_id) override;

  // ---- proactive governance (issue 6) ----
  Result<InsightCursor> GetInsightCursor(const std::string& name) override;
  Status ApplyInsightPass(const InsightPassBatch& batch) override;
  Status ResetHotspots(const std::string& name, const std::string& note) override;
  Result<std::vector<HotspotMember>> ListHotspotMembers(int64_t hotspot_id, int64_t after_seq,
                                                        int limit) override;
  Result<std::vector<HotspotMember>> PageHotspotMembers(int64_t hotspot_id, int limit, int offset,
                                                        int64_t* total) override;
  Result<HotspotPage> ListHotspots(const HotspotFilter& filter) override;
  Result<StoredHotspot> GetHotspot(int64_t id) override;
  Result<AlertPage> ListAlerts(const AlertFilter& filter) override;
  Result<StoredAlert> GetAlert(int64_t id) override;
  Status UpdateAlert(const StoredAlert& alert) override;
  Result<RepeatPage> ListRepeats(const RepeatFilter& filter) override;
  Result<GovernanceItem> CreateGovernanceItem(const GovernanceItem& item,
                                              const std::vector<GovernanceTask>& tasks,
                                              const std::vector<TicketId>& tickets) override;
  Result<GovernanceDetail> GetGovernanceItem(int64_t id) override;
  Result<GovernancePage> ListGovernanceItems(const GovernanceFilter& filter) override;
  Status UpdateGovernanceItem(const GovernanceItem& item,
                              const std::optional<GovernanceProgress>& log) override;
  Result<GovernanceTask> PutGovernanceTask(const GovernanceTask& task,
                                           const std::optional<GovernanceProgress>& log) override;
  Result<int64_t> LinkGovernanceTickets(int64_t item_id,
                                        const std::vector<TicketId>& tickets) override;
  Result<GovernanceProgress> AddGovernanceProgress(const GovernanceProgress& entry) override;

 protected:
  // Runs `fn` on a connection of the backend's for reads (not inside a write
  // transaction); returns what `fn` returns, or why no connection could be had.
  // Blocks until done.
  virtual Status ReadDb(const std::function<Status(sql::Db&)>& fn) = 0;
  // Runs `fn` inside one write transaction: durably committed when it and the
  // commit return OK, rolled back otherwise (the status says why). `fn` may run
  // again after a rolled-back attempt, so it starts from its inputs each time.
  // Blocks until the commit.
  virtual Status WriteDb(const std::function<Status(sql::Db&)>& fn) = 0;
  // Called in the write transaction right after attachment `id` (of
  // a.ticket_id) was inserted, for columns only this backend has. Default: none.
  virtual Status AfterAttachmentInsert(sql::Db& db, const Attachment& a, int64_t id);

 private:
  // ReadDb for a reader that returns a value.
  template <typename T>
  Result<T> Read(const std::function<Result<T>(sql::Db&)>& fn);
};

}  // namespace lianxin::store
