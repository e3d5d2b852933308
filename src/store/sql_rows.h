// Row codecs shared by the SQL backends (sqlite/, postgres/): column lists,
// list-column joins, and templates that read a row into a core type or bind a
// core type's columns. Internal to store/.
//
// A `Row` is anything with Int(col), Double(col), Text(col) and IsNull(col)
// (sqlite::Stmt, postgres::Rows::Row); a `Binder` anything with 1-based
// Bind(i, int64_t), Bind(i, std::string_view), Bind(i, std::optional<double>)
// and BindNull(i), each returning itself (sqlite::Stmt, postgres::Params).
// Plain functions: thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/kb_entry.h"
#include "core/ticket.h"
#include "store/store.h"

namespace lianxin::store::sql {

// Every ticket column, id first, in the order ReadTicket reads them.
inline constexpr char kTicketColumns[] =
    "id, number, query_code, kind, urgency, channel, title, body, citizen_name, citizen_phone, "
    "region_code, address, latitude, longitude, category_code, owner_unit, status, reply, "
    "created_at, updated_at, dispatched_at, due_at, resolved_at, version, accepted_at, "
    "first_contact_at, requested_due_at, reminded_at, escalated_at, assist_units, parent_id, "
    "revisit_resolved, satisfaction, next_alarm_at";
// Every event column, id first, in the order ReadEvent reads them.
inline constexpr char kEventColumns[] =
    "id, ticket_id, type, actor, actor_role, at, reason, unit_code, content, is_public, due_at, "
    "assist_units, parent_id, resolved, satisfaction, category_code";
// Every knowledge-base version column, in the order ReadKbEntry reads them.
inline constexpr char kKbColumns[] =
    "entry_id, version, status, questions, answer, source, source_url, owner_unit, valid_from, "
    "valid_to, regions, tags, editor, edited_at";
// Every outbox column, id first, in the order ReadMessage reads them.
inline constexpr char kOutboxColumns[] =
    "id, event_id, ticket_id, audience, address, kind, body, status, attempts, next_attempt_at, "
    "last_error, created_at, sent_at";

// A list kept in one column, joined with `sep` (which no item contains);
// empty items are dropped when splitting.
std::string JoinWith(const std::vector<std::string>& items, char sep);
std::vector<std::string> SplitOn(const std::string& s, char sep);
// Unit codes, regions and tags are joined with ',' (codes never contain a comma).
inline std::string JoinCodes(const std::vector<std::string>& codes) { return JoinWith(codes, ','); }
inline std::vector<std::string> SplitCodes(const std::string& s) { return SplitOn(s, ','); }
// A knowledge-base entry's question forms, one per line.
inline std::string JoinLines(const std::vector<std::string>& l) { return JoinWith(l, '\n'); }
inline std::vector<std::string> SplitLines(const std::string& s) { return SplitOn(s, '\n'); }

// "draft" | "published" | "retired", and back (unknown: draft).
const char* KbStatusName(KbEntryStatus s);
KbEntryStatus ParseKbStatus(const std::string& s);

// "<key>-<6-digit seq>": the ticket number for the seq-th ticket of key "<prefix>-<CST day>".
std::string TicketNumber(const std::string& key, int64_t seq);

// The default search terms: each run of Chinese characters gives its
// character bigrams (a lone character itself), each run of ASCII letters and
// digits one lower-cased word; everything else separates.
std::vector<std::string> BigramTerms(std::string_view text, bool for_query);
// A document's terms from options.search_terms (BigramTerms when empty), space
// separated: the title's, then those of the body not already given.
std::string DocumentTerms(const StoreOptions& options, const std::string& title,
                          const std::string& body);

template <typename Row>
std::optional<bool> ReadOptionalBool(const Row& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Int(col) != 0;
}

template <typename Row>
std::optional<Satisfaction> ReadSatisfaction(const Row& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return ParseSatisfaction(s.Text(col));
}

template <typename Binder>
void BindOptionalBool(Binder& s, int i, const std::optional<bool>& v) {
  if (v) {
    s.Bind(i, int64_t{*v ? 1 : 0});
  } else {
    s.BindNull(i);
  }
}

template <typename Binder>
void BindSatisfaction(Binder& s, int i, const std::optional<Satisfaction>& v) {
  if (v) {
    s.Bind(i, ToString(*v));
  } else {
    s.BindNull(i);
  }
}

// Reads the kTicketColumns of one row.
template <typename Row>
Ticket ReadTicket(const Row& s) {
  Ticket t;
  t.id = s.Int(0);
  t.number = s.Text(1);
  t.query_code = s.Text(2);
  t.kind = ParseTicketKind(s.Text(3)).value_or(TicketKind::kConsultation);
  t.urgency = ParseUrgency(s.Text(4)).value_or(Urgency::kNormal);
  t.channel = ParseChannel(s.Text(5)).value_or(Channel::kWeb);
  t.title = s.Text(6);
  t.body = s.Text(7);
  t.citizen_name = s.Text(8);
  t.citizen_phone = s.Text(9);
  t.region_code = s.Text(10);
  t.address = s.Text(11);
  if (!s.IsNull(12)) t.latitude = s.Double(12);
  if (!s.IsNull(13)) t.longitude = s.Double(13);
  t.category_code = s.Text(14);
  t.owner_unit = s.Text(15);
  t.status = ParseTicketStatus(s.Text(16)).value_or(TicketStatus::kReceived);
  t.reply = s.Text(17);
  t.created_at = s.Int(18);
  t.updated_at = s.Int(19);
  t.dispatched_at = s.Int(20);
  t.due_at = s.Int(21);
  t.resolved_at = s.Int(22);
  t.version = s.Int(23);
  t.accepted_at = s.Int(24);
  t.first_contact_at = s.Int(25);
  t.requested_due_at = s.Int(26);
  t.reminded_at = s.Int(27);
  t.escalated_at = s.Int(28);
  t.assist_units = SplitCodes(s.Text(29));
  t.parent_id = s.Int(30);
  t.revisit_resolved = ReadOptionalBool(s, 31);
  t.satisfaction = ReadSatisfaction(s, 32);
  t.next_alarm_at = s.Int(33);
  return t;
}

// Binds every ticket column but id: parameters 1..33 in kTicketColumns order after id.
template <typename Binder>
void BindTicket(Binder& s, const Ticket& t) {
  s.Bind(1, t.number).Bind(2, t.query_code).Bind(3, ToString(t.kind)).Bind(4, ToString(t.urgency));
  s.Bind(5, ToString(t.channel)).Bind(6, t.title).Bind(7, t.body).Bind(8, t.citizen_name);
  s.Bind(9, t.citizen_phone).Bind(10, t.region_code).Bind(11, t.address).Bind(12, t.latitude);
  s.Bind(13, t.longitude).Bind(14, t.category_code).Bind(15, t.owner_unit);
  s.Bind(16, ToString(t.status)).Bind(17, t.reply).Bind(18, t.created_at).Bind(19, t.updated_at);
  s.Bind(20, t.dispatched_at).Bind(21, t.due_at).Bind(22, t.resolved_at).Bind(23, t.version);
  s.Bind(24, t.accepted_at).Bind(25, t.first_contact_at).Bind(26, t.requested_due_at);
  s.Bind(27, t.reminded_at).Bind(28, t.escalated_at).Bind(29, JoinCodes(t.assist_units));
  s.Bind(30, t.parent_id);
  BindOptionalBool(s, 31, t.revisit_resolved);
  BindSatisfaction(s, 32, t.satisfaction);
  s.Bind(33, t.next_alarm_at);
}

// Binds every event column but id: parameters 1..15 in kEventColumns order after id.
template <typename Binder>
void BindEvent(Binder& s, const TicketEvent& e) {
  s.Bind(1, e.ticket_id).Bind(2, ToString(e.type)).Bind(3, e.actor).Bind(4, e.actor_role);
  s.Bind(5, e.at).Bind(6, e.reason).Bind(7, e.unit_code).Bind(8, e.content);
  s.Bind(9, int64_t{e.is_public ? 1 : 0}).Bind(10, e.due_at).Bind(11, JoinCodes(e.assist_units));
  s.Bind(12, e.parent_id);
  BindOptionalBool(s, 13, e.resolved);
  BindSatisfaction(s, 14, e.satisfaction);
  s.Bind(15, e.category_code);
}

// Reads the kEventColumns of one row.
template <typename Row>
TicketEvent ReadEvent(const Row& s) {
  TicketEvent e;
  e.id = s.Int(0);
  e.ticket_id = s.Int(1);
  e.type = ParseEventType(s.Text(2)).value_or(EventType::kNote);
  e.actor = s.Text(3);
  e.actor_role = s.Text(4);
  e.at = s.Int(5);
  e.reason = s.Text(6);
  e.unit_code = s.Text(7);
  e.content = s.Text(8);
  e.is_public = s.Int(9) != 0;
  e.due_at = s.Int(10);
  e.assist_units = SplitCodes(s.Text(11));
  e.parent_id = s.Int(12);
  e.resolved = ReadOptionalBool(s, 13);
  e.satisfaction = ReadSatisfaction(s, 14);
  e.category_code = s.Text(15);
  return e;
}

// Reads the kKbColumns of one row.
template <typename Row>
KbEntry ReadKbEntry(const Row& s) {
  KbEntry e;
  e.id = s.Int(0);
  e.version = static_cast<int>(s.Int(1));
  e.status = ParseKbStatus(s.Text(2));
  e.questions = SplitLines(s.Text(3));
  e.answer = s.Text(4);
  e.source = s.Text(5);
  e.source_url = s.Text(6);
  e.owner_unit = s.Text(7);
  e.valid_from = s.Text(8);
  e.valid_to = s.Text(9);
  e.regions = SplitCodes(s.Text(10));
  e.tags = SplitCodes(s.Text(11));
  e.editor = s.Text(12);
  e.edited_at = s.Int(13);
  return e;
}

// Binds the kKbColumns of one version: parameters 1..14.
template <typename Binder>
void BindKbEntry(Binder& s, const KbEntry& e) {
  s.Bind(1, e.id).Bind(2, int64_t{e.version}).Bind(3, KbStatusName(e.status));
  s.Bind(4, JoinLines(e.questions)).Bind(5, e.answer).Bind(6, e.source).Bind(7, e.source_url);
  s.Bind(8, e.owner_unit).Bind(9, e.valid_from).Bind(10, e.valid_to);
  s.Bind(11, JoinCodes(e.regions)).Bind(12, JoinCodes(e.tags)).Bind(13, e.editor);
  s.Bind(14, e.edited_at);
}

// Reads the kOutboxColumns of one row.
template <typename Row>
OutboxMessage ReadMessage(const Row& s) {
  OutboxMessage m;
  m.id = s.Int(0);
  m.event_id = s.Int(1);
  m.ticket_id = s.Int(2);
  m.audience = ParseOutboxAudience(s.Text(3)).value_or(OutboxMessage::Audience::kCitizen);
  m.address = s.Text(4);
  m.kind = s.Text(5);
  m.body = s.Text(6);
  m.state = ParseOutboxState(s.Text(7)).value_or(OutboxMessage::State::kPending);
  m.attempts = static_cast<int>(s.Int(8));
  m.next_attempt_at = s.Int(9);
  m.last_error = s.Text(10);
  m.created_at = s.Int(11);
  m.sent_at = s.Int(12);
  return m;
}

// Binds every outbox column but id: parameters 1..12 in kOutboxColumns order after id.
template <typename Binder>
void BindMessage(Binder& s, const OutboxMessage& m) {
  s.Bind(1, m.event_id).Bind(2, m.ticket_id).Bind(3, ToString(m.audience)).Bind(4, m.address);
  s.Bind(5, m.kind).Bind(6, m.body).Bind(7, ToString(m.state)).Bind(8, int64_t{m.attempts});
  s.Bind(9, m.next_attempt_at).Bind(10, m.last_error).Bind(11, m.created_at).Bind(12, m.sent_at);
}

// Reads "username, display_name, role, unit_code, password_hash, active, created_at".
template <typename Row>
User ReadUser(const Row& s) {
  User u;
  u.username = s.Text(0);
  u.display_name = s.Text(1);
  u.role = ParseRole(s.Text(2)).value_or(Role::kCallTaker);
  u.unit_code = s.Text(3);
  u.password_hash = s.Text(4);
  u.active = s.Int(5) != 0;
  u.created_at = s.Int(6);
  return u;
}

// Reads "ticket_id, client, account_id, device_id, email, media_url".
template <typename Row>
Open311Meta ReadOpen311Meta(const Row& s) {
  Open311Meta m;
  m.ticket_id = s.Int(0);
  m.client = s.Text(1);
  m.account_id = s.Text(2);
  m.device_id = s.Text(3);
  m.email = s.Text(4);
  m.media_url = s.Text(5);
  return m;
}

// Readers of the small row types, each of the columns in the order named.
// "code, name, parent, level"
template <typename Row>
Region ReadRegion(const Row& s) {
  return Region{s.Text(0), s.Text(1), s.Text(2),
                ParseRegionLevel(s.Text(3)).value_or(RegionLevel::kCity)};
}
// "code, name, unit_type, region_code"
template <typename Row>
Unit ReadUnit(const Row& s) {
  return Unit{s.Text(0), s.Text(1), s.Text(2), s.Text(3)};
}
// "code, name, parent, level"
template <typename Row>
Category ReadCategory(const Row& s) {
  return Category{s.Text(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3))};
}
// "category_code, unit_type, region_level, keywords"
template <typename Row>
DutyRule ReadDutyRule(const Row& s) {
  return DutyRule{s.Text(0), s.Text(1), ParseRegionLevel(s.Text(2)).value_or(RegionLevel::kCity),
                  s.Text(3)};
}
// "token_hash, username, created_at, expires_at"
template <typename Row>
Session ReadSession(const Row& s) {
  return Session{s.Text(0), s.Text(1), s.Int(2), s.Int(3)};
}
// "at, username, role, ticket_id, fields, purpose"
template <typename Row>
AccessRecord ReadAccess(const Row& s) {
  return AccessRecord{s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4), s.Text(5)};
}
// "name, key_hash, batch, active, created_at"
template <typename Row>
ApiClient ReadApiClient(const Row& s) {
  return ApiClient{s.Text(0), s.Text(1), s.Int(2) != 0, s.Int(3) != 0, s.Int(4)};
}
// "ticket_id, region_code, category_code, created_at, payload"
template <typename Row>
RollupContribution ReadContribution(const Row& s) {
  return RollupContribution{s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4)};
}
// "id, region_code, category_code, created_at"
template <typename Row>
TicketKey ReadTicketKey(const Row& s) {
  return TicketKey{s.Int(0), s.Text(1), s.Text(2), s.Int(3)};
}
// "token, kind, target, created_at"
template <typename Row>
Open311Token ReadOpen311Token(const Row& s) {
  return Open311Token{s.Text(0), s.Text(1), s.Int(2), s.Int(3)};
}

// Puts each ticket's events (sorted by ticket id, then id) beside it.
std::vector<TicketWithEvents> ZipEvents(std::vector<Ticket> tickets,
                                        std::vector<TicketEvent> events);

// "n0, n1, ..., n20", each with `prefix`.
std::string CounterColumns(const char* prefix);

// ---- SQL text both backends run as is; `ph(n)` spells parameter n ----
using Placeholder = std::string (*)(int n);
// Stats(): tickets, last event id (0 when none), open tickets.
std::string StatsSql();
// CountDispatchOutcomes(): ph(1) = from, ph(2) = agent.
std::string DispatchOutcomesSql(Placeholder ph);
// ListKbEntries(): one version per entry, by id.
std::string KbListSql(bool published_only);
// ApplyRollupBatch(): adds one cell's counters: grain, period, dim, key, n0..n20.
std::string RollupUpsertSql(Placeholder ph);
// SumRollups(): key and the summed counters; ph(1..4) = grain, dim, from, to.
std::string SumRollupsSql(Placeholder ph, const std::string& binary_collate);

// Reads one SumRollupsSql row.
template <typename Row>
RollupCell ReadSummedCell(const Row& s, const std::string& grain, const std::string& dim,
                          int64_t from) {
  RollupCell cell;
  cell.grain = grain;
  cell.period = from;
  cell.dim = dim;
  cell.key = s.Text(0);
  for (int i = 0; i < kRollupCounters; ++i) cell.n[i] = s.Int(i + 1);
  return cell;
}

}  // namespace lianxin::store::sql
