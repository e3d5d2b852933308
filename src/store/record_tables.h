// Units' integrations, attachments and the AI seat's assist log (migrations 0009 and
// 0010 of both backends), in SQL both backends run (through sql::Db). Internal to
// store/: each store calls the writers inside one of its transactions and the readers
// on a connection of its own. A Db belongs to one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sql_session.h"
#include "store/store.h"

namespace lianxin::store::sql {

// ---- AI seat assist log (issue 5) ----
Result<int64_t> AppendAssistRecord(Db& c, const AssistRecord& record);
// As Store::ListAssistRecords (limit checked by the caller).
Result<std::vector<AssistRecord>> ListAssistRecords(Db& c, TimeMs from, TimeMs to, int limit);

// ---- department integration (issue 8 item 2) ----
Status PutIntegration(Db& c, const UnitIntegration& integration);
// The integrations WHERE `column` = `value` ("" column: all, by unit code).
Result<std::vector<UnitIntegration>> ReadIntegrations(Db& c, const std::string& column,
                                                      const std::string& value);
// The one integration WHERE `column` = `value` (unit_code or key_hash); kNotFound
// when there is none.
Result<UnitIntegration> FindIntegration(Db& c, const std::string& column,
                                        const std::string& value);
Result<DeliverySummary> SummarizeDeliveries(Db& c, OutboxMessage::Audience audience,
                                            const std::string& address);
// Rows changed.
Result<int64_t> RetryMessages(Db& c, OutboxMessage::Audience audience,
                              const std::string& address, TimeMs now);
// The new attachment's id.
Result<int64_t> PutAttachment(Db& c, const Attachment& attachment);
// Locks ticket `ticket_id`'s row until the transaction of `c` ends (Db::row_lock)
// and counts its attachments uploaded by `uploaded_by`; kNotFound for an
// unknown ticket. Run inside a write transaction.
Result<int64_t> LockAndCountAttachments(Db& c, TicketId ticket_id, const std::string& uploaded_by);
// The attachments of `ticket_id` (all when id is 0, without their bytes), or the one
// with `id` and its bytes.
Result<std::vector<Attachment>> ReadAttachments(Db& c, TicketId ticket_id, int64_t id);
// Attachment `id` of `ticket_id` with its bytes; kNotFound when there is none.
Result<Attachment> GetAttachment(Db& c, TicketId ticket_id, int64_t id);

// ---- reference edits' audit trail, SLA rules and calendar days (issue 7 item 7; 0012) ----
// Appends `change` (its id ignored); returns the new id.
Result<int64_t> InsertReferenceChange(Db& c, const ReferenceChange& change);
// Newest first, at most `limit` (checked by the caller).
Result<std::vector<ReferenceChange>> ListReferenceChanges(Db& c, int limit);
Result<std::vector<SlaRuleRow>> ListSlaRules(Db& c);
Result<std::vector<CalendarDayRow>> ListCalendarDays(Db& c);
// Replaces the stored SLA rules (when set) and calendar days (when set); the
// caller checks dates are unique and runs it in the transaction of the change.
Status ReplaceSlaConfig(Db& c, const std::optional<std::vector<SlaRuleRow>>& rules,
                        const std::optional<std::vector<CalendarDayRow>>& days);
// kInvalidArgument when `days` repeats a date.
Status CheckCalendarDays(const std::optional<std::vector<CalendarDayRow>>& days);

}  // namespace lianxin::store::sql
