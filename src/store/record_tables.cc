// See record_tables.h.
#include "store/record_tables.h"

#include <algorithm>
#include <cstdlib>

#include "store/sql_rows.h"

namespace lianxin::store::sql {

Result<int64_t> AppendAssistRecord(Db& c, const AssistRecord& r) {
  std::vector<std::string> cited;
  for (const auto& [id, version] : r.cited) {
    cited.push_back(std::to_string(id) + ":" + std::to_string(version));
  }
  return c.InsertId(
      "INSERT INTO assist_log (at, channel, actor, question, region, answered, reasons, cited, "
      "confidence, phone_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      {r.at, r.channel, r.actor, r.question, r.region, int64_t{r.answered ? 1 : 0},
       JoinCodes(r.reasons), JoinCodes(cited), r.confidence, r.phone_hash});
}

Result<std::vector<AssistRecord>> ListAssistRecords(Db& c, TimeMs from, TimeMs to,
                                                    int limit) {
  std::vector<AssistRecord> out;
  LX_RETURN_IF_ERROR(
      c.Run("SELECT id, at, channel, actor, question, region, answered, reasons, cited, "
            "confidence, phone_hash FROM assist_log WHERE at >= ?1 AND (CAST(?2 AS BIGINT) = 0 OR at < ?2) "
            "ORDER BY at, id LIMIT ?3",
            {from, to, int64_t{limit}},
            [&](const ResultRow& s) {
              AssistRecord r;
              r.id = s.Int(0);
              r.at = s.Int(1);
              r.channel = s.Text(2);
              r.actor = s.Text(3);
              r.question = s.Text(4);
              r.region = s.Text(5);
              r.answered = s.Int(6) != 0;
              r.reasons = SplitCodes(s.Text(7));
              for (const std::string& cite : SplitCodes(s.Text(8))) {
                size_t colon = cite.find(':');
                if (colon == std::string::npos) continue;
                r.cited.emplace_back(std::atoll(cite.substr(0, colon).c_str()),
                                     std::atoi(cite.c_str() + colon + 1));
              }
              r.confidence = s.Double(9);
              r.phone_hash = s.Text(10);
              out.push_back(std::move(r));
            })
          .status());
  return out;
}

Status PutIntegration(Db& c, const UnitIntegration& g) {
  return c.Run("INSERT INTO unit_integrations (unit_code, url, secret, key_hash, events, active, "
               "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
               "ON CONFLICT (unit_code) DO UPDATE SET url = excluded.url, secret = "
               "excluded.secret, key_hash = excluded.key_hash, events = excluded.events, active = "
               "excluded.active, updated_at = excluded.updated_at",
               {g.unit_code, g.url, g.secret, g.key_hash, JoinCodes(g.events),
                int64_t{g.active ? 1 : 0}, g.created_at, g.updated_at})
      .status();
}

Result<std::vector<UnitIntegration>> ReadIntegrations(Db& c, const std::string& column,
                                                      const std::string& value) {
  std::string sql =
      "SELECT unit_code, url, secret, key_hash, events, active, created_at, updated_at FROM "
      "unit_integrations";
  std::vector<Arg> args;
  if (column.empty()) {
    sql += " ORDER BY unit_code" + c.binary_collate();
  } else {
    sql += " WHERE " + column + " = ?1";
    args.push_back(value);
  }
  std::vector<UnitIntegration> out;
  LX_RETURN_IF_ERROR(c.Run(sql, args, [&](const ResultRow& s) {
                        UnitIntegration g;
                        g.unit_code = s.Text(0);
                        g.url = s.Text(1);
                        g.secret = s.Text(2);
                        g.key_hash = s.Text(3);
                        g.events = SplitCodes(s.Text(4));
                        g.active = s.Int(5) != 0;
                        g.created_at = s.Int(6);
                        g.updated_at = s.Int(7);
                        out.push_back(std::move(g));
                      }).status());
  return out;
}

Result<UnitIntegration> FindIntegration(Db& c, const std::string& column,
                                        const std::string& value) {
  LX_ASSIGN_OR_RETURN(std::vector<UnitIntegration> rows, ReadIntegrations(c, column, value));
  if (rows.empty()) {
    return Status::NotFound(column == "key_hash" ? std::string("integration key")
                                                 : "integration " + value);
  }
  return rows.front();
}

Result<DeliverySummary> SummarizeDeliveries(Db& c, OutboxMessage::Audience audience,
                                            const std::string& address) {
  const std::vector<Arg> who = {std::string(ToString(audience)), address};
  DeliverySummary out;
  LX_RETURN_IF_ERROR(
      c.Run("SELECT status, COUNT(*) FROM outbox WHERE audience = ?1 AND address = ?2 GROUP BY "
            "status",
            who,
            [&](const ResultRow& s) {
              const std::string state = s.Text(0);
              if (state == "pending") out.pending = s.Int(1);
              if (state == "sent") out.sent = s.Int(1);
              if (state == "failed") out.failed = s.Int(1);
            })
          .status());
  LX_RETURN_IF_ERROR(c.Run("SELECT last_error, attempts FROM outbox WHERE audience = ?1 AND "
                           "address = ?2 AND last_error <> '' ORDER BY id DESC LIMIT 1",
                           who,
                           [&](const ResultRow& s) {
                             out.last_error = s.Text(0);
                             out.last_attempts = static_cast<int>(s.Int(1));
                           })
                         .status());
  LX_RETURN_IF_ERROR(c.Run("SELECT COALESCE(MAX(sent_at), 0) FROM outbox WHERE audience = ?1 AND "
                           "address = ?2 AND status = 'sent'",
                           who, [&](const ResultRow& s) { out.last_sent_at = s.Int(0); })
                         .status());
  return out;
}

Result<int64_t> RetryMessages(Db& c, OutboxMessage::Audience audience,
                              const std::string& address, TimeMs now) {
  return c.Run("UPDATE outbox SET status = 'pending', next_attempt_at = ?3 WHERE audience = ?1 "
               "AND address = ?2 AND status IN ('pending', 'failed')",
               {std::string(ToString(audience)), address, now});
}

Result<int64_t> PutAttachment(Db& c, const Attachment& a) {
  return c.InsertId("INSERT INTO attachments (ticket_id, file_name, content_type, size, sha256, "
                    "data, uploaded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    {a.ticket_id, a.file_name, a.content_type, a.size, a.sha256, Blob{a.data},
                     a.uploaded_by, a.created_at});
}

Result<int64_t> LockAndCountAttachments(Db& c, TicketId ticket_id, const std::string& uploaded_by) {
  bool exists = false;
  LX_RETURN_IF_ERROR(c.Run("SELECT id FROM tickets WHERE id = ?1" + c.row_lock(), {ticket_id},
                           [&](const ResultRow&) { exists = true; })
                         .status());
  if (!exists) return Status::NotFound("诉求不存在：" + std::to_string(ticket_id));
  int64_t count = 0;
  LX_RETURN_IF_ERROR(c.Run("SELECT COUNT(*) FROM attachments WHERE ticket_id = ?1 AND "
                           "uploaded_by = ?2",
                           {ticket_id, uploaded_by},
                           [&](const ResultRow& s) { count = s.Int(0); })
                         .status());
  return count;
}

Result<std::vector<Attachment>> ReadAttachments(Db& c, TicketId ticket_id, int64_t id) {
  const bool one = id != 0;
  std::string sql =
      "SELECT id, ticket_id, file_name, content_type, size, sha256, uploaded_by, created_at";
  sql += one ? ", data FROM attachments WHERE ticket_id = ?1 AND id = ?2"
             : " FROM attachments WHERE ticket_id = ?1 ORDER BY id";
  std::vector<Arg> args = {ticket_id};
  if (one) args.push_back(id);
  std::vector<Attachment> out;
  LX_RETURN_IF_ERROR(c.Run(sql, args, [&](const ResultRow& s) {
                        Attachment a;
                        a.id = s.Int(0);
                        a.ticket_id = s.Int(1);
                        a.file_name = s.Text(2);
                        a.content_type = s.Text(3);
                        a.size = s.Int(4);
                        a.sha256 = s.Text(5);
                        a.uploaded_by = s.Text(6);
                        a.created_at = s.Int(7);
                        if (one) a.data = s.Blob(8);
                        out.push_back(std::move(a));
                      }).status());
  return out;
}

Result<Attachment> GetAttachment(Db& c, TicketId ticket_id, int64_t id) {
  LX_ASSIGN_OR_RETURN(std::vector<Attachment> rows, ReadAttachments(c, ticket_id, id));
  if (rows.empty()) return Status::NotFound("attachment " + std::to_string(id));
  return rows.front();
}

Result<int64_t> InsertReferenceChange(Db& c, const ReferenceChange& r) {
  return c.InsertId("INSERT INTO reference_changes (at, actor, kind, code, before_text, after_text) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    {r.at, r.actor, r.kind, r.code, r.before, r.after});
}

Result<std::vector<ReferenceChange>> ListReferenceChanges(Db& c, int limit) {
  std::vector<ReferenceChange> out;
  LX_RETURN_IF_ERROR(c.Run("SELECT id, at, actor, kind, code, before_text, after_text FROM "
                           "reference_changes ORDER BY id DESC LIMIT ?1",
                           {int64_t{limit}},
                           [&](const ResultRow& s) {
                             out.push_back(ReferenceChange{s.Int(0), s.Int(1), s.Text(2),
                                                           s.Text(3), s.Text(4), s.Text(5),
                                                           s.Text(6)});
                           })
                         .status());
  return out;
}

Result<std::vector<SlaRuleRow>> ListSlaRules(Db& c) {
  std::vector<SlaRuleRow> out;
  LX_RETURN_IF_ERROR(c.Run("SELECT rule, kind, urgency, category, region, amount, unit, note FROM "
                           "sla_rules ORDER BY id",
                           {},
                           [&](const ResultRow& s) {
                             out.push_back(SlaRuleRow{s.Text(0), s.Text(1), s.Text(2), s.Text(3),
                                                      s.Text(4), static_cast<int>(s.Int(5)),
                                                      s.Text(6), s.Text(7)});
                           })
                         .status());
  return out;
}

Result<std::vector<CalendarDayRow>> ListCalendarDays(Db& c) {
  std::vector<CalendarDayRow> out;
  LX_RETURN_IF_ERROR(c.Run("SELECT day, type, note FROM calendar_days ORDER BY day" +
                               c.binary_collate(),
                           {},
                           [&](const ResultRow& s) {
                             out.push_back(CalendarDayRow{s.Text(0), s.Text(1), s.Text(2)});
                           })
                         .status());
  return out;
}

Status ReplaceSlaConfig(Db& c, const std::optional<std::vector<SlaRuleRow>>& rules,
                        const std::optional<std::vector<CalendarDayRow>>& days) {
  if (rules) {
    LX_RETURN_IF_ERROR(c.Run("DELETE FROM sla_rules", {}).status());
    for (const SlaRuleRow& r : *rules) {
      LX_RETURN_IF_ERROR(c.Run("INSERT INTO sla_rules (rule, kind, urgency, category, region, "
                               "amount, unit, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                               {r.rule, r.kind, r.urgency, r.category, r.region,
                                int64_t{r.amount}, r.unit, r.note})
                             .status());
    }
  }
  if (days) {
    LX_RETURN_IF_ERROR(c.Run("DELETE FROM calendar_days", {}).status());
    for (const CalendarDayRow& d : *days) {
      LX_RETURN_IF_ERROR(c.Run("INSERT INTO calendar_days (day, type, note) VALUES (?1, ?2, ?3)",
                               {d.date, d.type, d.note})
                             .status());
    }
  }
  return Status::Ok();
}

Status CheckCalendarDays(const std::optional<std::vector<CalendarDayRow>>& days) {
  if (!days) return Status::Ok();
  std::vector<std::string> dates;
  for (const CalendarDayRow& d : *days) dates.push_back(d.date);
  std::sort(dates.begin(), dates.end());
  if (std::adjacent_find(dates.begin(), dates.end()) != dates.end()) {
    return Status::InvalidArgument("repeated calendar date");
  }
  return Status::Ok();
}

}  // namespace lianxin::store::sql
