// See sql_store_base.h. Each method runs one shared table function
// (insight_tables.h, record_tables.h) on the backend's read connection or in
// one of its write transactions.
#include "store/sql_store_base.h"

#include <utility>

#include "store/insight_tables.h"
#include "store/record_tables.h"

namespace lianxin::store {

template <typename T>
Result<T> SqlStoreBase::Read(const std::function<Result<T>(sql::Db&)>& fn) {
  std::optional<Result<T>> out;
  LX_RETURN_IF_ERROR(ReadDb([&](sql::Db& db) -> Status {
    out.emplace(fn(db));
    return Status::Ok();
  }));
  return std::move(*out);
}

Status SqlStoreBase::AfterAttachmentInsert(sql::Db&, const Attachment&, int64_t) {
  return Status::Ok();
}

// ---- reference data's audit trail, SLA rules and calendar (issue 7 item 7) ----
Result<std::vector<ReferenceChange>> SqlStoreBase::ListReferenceChanges(int limit) {
  if (limit < 1 || limit > 1000) return Status::InvalidArgument("limit must be 1..1000");
  return Read<std::vector<ReferenceChange>>(
      [&](sql::Db& db) { return sql::ListReferenceChanges(db, limit); });
}
Result<std::vector<SlaRuleRow>> SqlStoreBase::ListSlaRules() {
  return Read<std::vector<SlaRuleRow>>([](sql::Db& db) { return sql::ListSlaRules(db); });
}
Result<std::vector<CalendarDayRow>> SqlStoreBase::ListCalendarDays() {
  return Read<std::vector<CalendarDayRow>>([](sql::Db& db) { return sql::ListCalendarDays(db); });
}
Result<int64_t> SqlStoreBase::PutSlaConfig(const std::optional<std::vector<SlaRuleRow>>& rules,
                                           const std::optional<std::vector<CalendarDayRow>>& days,
                                           const ReferenceChange& change) {
  LX_RETURN_IF_ERROR(sql::CheckCalendarDays(days));
  int64_t id = 0;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) -> Status {
    LX_RETURN_IF_ERROR(sql::ReplaceSlaConfig(db, rules, days));
    LX_ASSIGN_OR_RETURN(id, sql::InsertReferenceChange(db, change));
    return Status::Ok();
  }));
  return id;
}

// ---- AI seat assist log (issue 5) ----
Result<int64_t> SqlStoreBase::AppendAssistRecord(const AssistRecord& r) {
  int64_t id = 0;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) -> Status {
    LX_ASSIGN_OR_RETURN(id, sql::AppendAssistRecord(db, r));
    return Status::Ok();
  }));
  return id;
}
Result<std::vector<AssistRecord>> SqlStoreBase::ListAssistRecords(TimeMs from, TimeMs to,
                                                                  int limit) {
  if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit 应在 1 到 100000 之间");
  return Read<std::vector<AssistRecord>>(
      [&](sql::Db& db) { return sql::ListAssistRecords(db, from, to, limit); });
}

// ---- department integration and attachments (issue 8 item 2) ----
Status SqlStoreBase::PutIntegration(const UnitIntegration& g) {
  return WriteDb([&](sql::Db& db) { return sql::PutIntegration(db, g); });
}
Result<UnitIntegration> SqlStoreBase::GetIntegration(const std::string& unit_code) {
  return Read<UnitIntegration>(
      [&](sql::Db& db) { return sql::FindIntegration(db, "unit_code", unit_code); });
}
Result<UnitIntegration> SqlStoreBase::GetIntegrationByKeyHash(const std::string& key_hash) {
  return Read<UnitIntegration>(
      [&](sql::Db& db) { return sql::FindIntegration(db, "key_hash", key_hash); });
}
Result<std::vector<UnitIntegration>> SqlStoreBase::ListIntegrations() {
  return Read<std::vector<UnitIntegration>>(
      [](sql::Db& db) { return sql::ReadIntegrations(db, "", ""); });
}
Result<DeliverySummary> SqlStoreBase::SummarizeDeliveries(OutboxMessage::Audience audience,
                                                          const std::string& address) {
  return Read<DeliverySummary>(
      [&](sql::Db& db) { return sql::SummarizeDeliveries(db, audience, address); });
}
Result<int64_t> SqlStoreBase::RetryMessages(OutboxMessage::Audience audience,
                                            const std::string& address, TimeMs now) {
  int64_t changed = 0;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) -> Status {
    LX_ASSIGN_OR_RETURN(changed, sql::RetryMessages(db, audience, address, now));
    return Status::Ok();
  }));
  return changed;
}
Result<Attachment> SqlStoreBase::PutAttachment(const Attachment& a) {
  Attachment stored = a;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) -> Status {
    LX_ASSIGN_OR_RETURN(stored.id, sql::PutAttachment(db, a));
    return AfterAttachmentInsert(db, a, stored.id);
  }));
  return stored;
}
// ---- attachment limit across nodes (issue 9) ----
Result<Attachment> SqlStoreBase::PutAttachmentWithinLimit(const Attachment& a, int limit) {
  if (limit < 1 || limit > 1000) return Status::InvalidArgument("附件数量上限应在 1 到 1000 之间");
  Attachment stored = a;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) -> Status {
    LX_ASSIGN_OR_RETURN(int64_t count,
                        sql::LockAndCountAttachments(db, a.ticket_id, a.uploaded_by));
    if (count >= limit) {
      return Status::FailedPrecondition("附件数量已达上限：每件诉求最多 " +
                                        std::to_string(limit) + " 个");
    }
    LX_ASSIGN_OR_RETURN(stored.id, sql::PutAttachment(db, a));
    return AfterAttachmentInsert(db, a, stored.id);
  }));
  return stored;
}
// ---- end attachment limit across nodes ----
Result<Attachment> SqlStoreBase::GetAttachment(TicketId ticket_id, int64_t id) {
  return Read<Attachment>([&](sql::Db& db) { return sql::GetAttachment(db, ticket_id, id); });
}
Result<std::vector<Attachment>> SqlStoreBase::ListAttachments(TicketId ticket_id) {
  return Read<std::vector<Attachment>>(
      [&](sql::Db& db) { return sql::ReadAttachments(db, ticket_id, 0); });
}

// ---- proactive governance (issue 6) ----
Result<InsightCursor> SqlStoreBase::GetInsightCursor(const std::string& name) {
  return Read<InsightCursor>([&](sql::Db& db) { return sql::GetInsightCursor(db, name); });
}
Status SqlStoreBase::ApplyInsightPass(const InsightPassBatch& batch) {
  return WriteDb([&](sql::Db& db) { return sql::ApplyInsightPass(db, batch); });
}
Status SqlStoreBase::ResetHotspots(const std::string& name, const std::string& note) {
  return WriteDb([&](sql::Db& db) { return sql::ResetHotspots(db, name, note); });
}
Result<std::vector<HotspotMember>> SqlStoreBase::ListHotspotMembers(int64_t hotspot_id,
                                                                    int64_t after_seq, int limit) {
  return Read<std::vector<HotspotMember>>(
      [&](sql::Db& db) { return sql::ListHotspotMembers(db, hotspot_id, after_seq, limit); });
}
Result<std::vector<HotspotMember>> SqlStoreBase::PageHotspotMembers(int64_t hotspot_id, int limit,
                                                                    int offset, int64_t* total) {
  return Read<std::vector<HotspotMember>>(
      [&](sql::Db& db) { return sql::PageHotspotMembers(db, hotspot_id, limit, offset, total); });
}
Result<HotspotPage> SqlStoreBase::ListHotspots(const HotspotFilter& filter) {
  return Read<HotspotPage>([&](sql::Db& db) { return sql::ListHotspots(db, filter); });
}
Result<StoredHotspot> SqlStoreBase::GetHotspot(int64_t id) {
  return Read<StoredHotspot>([&](sql::Db& db) { return sql::GetHotspot(db, id); });
}
Result<AlertPage> SqlStoreBase::ListAlerts(const AlertFilter& filter) {
  return Read<AlertPage>([&](sql::Db& db) { return sql::ListAlerts(db, filter); });
}
Result<StoredAlert> SqlStoreBase::GetAlert(int64_t id) {
  return Read<StoredAlert>([&](sql::Db& db) { return sql::GetAlert(db, id); });
}
Status SqlStoreBase::UpdateAlert(const StoredAlert& alert) {
  return WriteDb([&](sql::Db& db) { return sql::UpdateAlert(db, alert); });
}
Result<RepeatPage> SqlStoreBase::ListRepeats(const RepeatFilter& filter) {
  return Read<RepeatPage>([&](sql::Db& db) { return sql::ListRepeats(db, filter); });
}
Result<GovernanceItem> SqlStoreBase::CreateGovernanceItem(const GovernanceItem& item,
                                                          const std::vector<GovernanceTask>& tasks,
                                                          const std::vector<TicketId>& tickets) {
  GovernanceItem stored = item;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) {
    stored = item;  // an attempt starts afresh
    std::vector<GovernanceTask> stored_tasks = tasks;
    return sql::CreateGovernanceItem(db, stored, stored_tasks, tickets);
  }));
  return stored;
}
Result<GovernanceDetail> SqlStoreBase::GetGovernanceItem(int64_t id) {
  return Read<GovernanceDetail>([&](sql::Db& db) { return sql::GetGovernanceItem(db, id); });
}
Result<GovernancePage> SqlStoreBase::ListGovernanceItems(const GovernanceFilter& filter) {
  return Read<GovernancePage>([&](sql::Db& db) { return sql::ListGovernanceItems(db, filter); });
}
Status SqlStoreBase::UpdateGovernanceItem(const GovernanceItem& item,
                                          const std::optional<GovernanceProgress>& log) {
  return WriteDb([&](sql::Db& db) { return sql::UpdateGovernanceItem(db, item, log); });
}
Result<GovernanceTask> SqlStoreBase::PutGovernanceTask(
    const GovernanceTask& task, const std::optional<GovernanceProgress>& log) {
  GovernanceTask stored = task;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) {
    stored = task;
    return sql::PutGovernanceTask(db, stored, log);
  }));
  return stored;
}
Result<int64_t> SqlStoreBase::LinkGovernanceTickets(int64_t item_id,
                                                    const std::vector<TicketId>& tickets) {
  int64_t added = 0;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) -> Status {
    LX_ASSIGN_OR_RETURN(added, sql::LinkGovernanceTickets(db, item_id, tickets));
    return Status::Ok();
  }));
  return added;
}
Result<GovernanceProgress> SqlStoreBase::AddGovernanceProgress(const GovernanceProgress& entry) {
  GovernanceProgress stored = entry;
  LX_RETURN_IF_ERROR(WriteDb([&](sql::Db& db) {
    stored = entry;
    return sql::AddGovernanceProgress(db, stored);
  }));
  return stored;
}

}  // namespace lianxin::store
