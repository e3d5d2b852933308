// PostgreSQL implementation of store::Store (issue 9).
//
// A pool of connections; every write is one transaction on one of them (the
// server groups concurrent commits itself). READ COMMITTED, with the row locks
// each write takes giving the guarantees of store.h: the number counter's row
// (unique numbers), the ticket row's version (optimistic AppendEvent), the
// rollup cursor's row (ApplyRollupBatch), and store_locks 'events', taken by
// every transaction that adds events so their ids commit in order (the outbox
// and rollup feeds read ListEventsAfter by id and must never skip one).
// Leases (TryLead) are session advisory locks on a connection of their own.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <variant>

#include "store/postgres/migrations.h"
#include "store/postgres/pg_conn.h"
#include "store/record_tables.h"
#include "store/sql_rows.h"
#include "store/sql_store_base.h"
#include "store/sql_where.h"
#include "store/store.h"

namespace lianxin::store {
namespace {

using postgres::Conn;
using postgres::Params;
using postgres::Rows;
using Row = Rows::Row;
using namespace sql;  // row codecs shared with sqlite/ (store/sql_rows.h)

std::string PgPlaceholder(int n) { return "$" + std::to_string(n); }

// "$first, $first+1, ..., $last".
std::string Placeholders(int first, int last) {
  std::string out;
  for (int i = first; i <= last; ++i) out += (i > first ? ",$" : "$") + std::to_string(i);
  return out;
}

// INSERT of `columns` into `table` that replaces the row with the same first
// `key_count` columns.
std::string UpsertSql(const std::string& table, const std::vector<std::string>& columns,
                      size_t key_count) {
  std::string cols, keys, sets;
  for (size_t i = 0; i < columns.size(); ++i) {
    cols += (i ? ", " : "") + columns[i];
    if (i < key_count) {
      keys += (i ? ", " : "") + columns[i];
    } else {
      sets += (sets.empty() ? "" : ", ") + columns[i] + " = excluded." + columns[i];
    }
  }
  return "INSERT INTO " + table + " (" + cols + ") VALUES (" +
         Placeholders(1, static_cast<int>(columns.size())) + ") ON CONFLICT (" + keys + ") DO " +
         (sets.empty() ? "NOTHING" : "UPDATE SET " + sets);
}

const std::string kInsertTicketSql =
    std::string("INSERT INTO tickets (") + (kTicketColumns + 4) + ") VALUES (" +
    Placeholders(1, 33) + ") RETURNING id";
const std::string kUpdateTicketSql =
    "UPDATE tickets SET number=$1, query_code=$2, kind=$3, urgency=$4, channel=$5, title=$6, "
    "body=$7, citizen_name=$8, citizen_phone=$9, region_code=$10, address=$11, latitude=$12, "
    "longitude=$13, category_code=$14, owner_unit=$15, status=$16, reply=$17, created_at=$18, "
    "updated_at=$19, dispatched_at=$20, due_at=$21, resolved_at=$22, version=$23, "
    "accepted_at=$24, first_contact_at=$25, requested_due_at=$26, reminded_at=$27, "
    "escalated_at=$28, assist_units=$29, parent_id=$30, revisit_resolved=$31, satisfaction=$32, "
    "next_alarm_at=$33 FROM (SELECT id AS prior_id, title AS prior_title, body AS prior_body FROM "
    "tickets WHERE id = $34) prior WHERE tickets.id = prior.prior_id AND tickets.version = $35 "
    "RETURNING prior.prior_title <> tickets.title OR prior.prior_body <> tickets.body";
const std::string kInsertEventSql =
    std::string("INSERT INTO ticket_events (") + (kEventColumns + 4) + ", region_code) VALUES (" +
    Placeholders(1, 16) + ") RETURNING id";
const std::string kEventSelect = std::string("SELECT ") + kEventColumns + " FROM ticket_events ";
const std::string kTicketSelect = std::string("SELECT ") + kTicketColumns + " FROM tickets ";
// The region of ticket $n, for the region_code column of ticket-keyed tables.
std::string RegionOf(int n) {
  return "COALESCE((SELECT region_code FROM tickets WHERE id = $" + std::to_string(n) + "), '')";
}

// Takes store_locks 'events' until commit (see the file comment).
Status LockEvents(Conn& c) {
  return c.Query("UPDATE store_locks SET n = n + 1 WHERE name = 'events'").status();
}

Result<int64_t> InsertEvent(Conn& c, const TicketEvent& e, const std::string& region) {
  Params p;
  BindEvent(p, e);
  p.Bind(16, region);
  LX_ASSIGN_OR_RETURN(Rows rows, c.Query(kInsertEventSql, p));
  return rows[0].Int(0);
}

Status PutTerms(Conn& c, int64_t id, const std::string& region, const std::string& terms) {
  Params p;
  p.Bind(1, id).Bind(2, region).Bind(3, terms);
  return c.Query(UpsertSql("ticket_terms", {"id", "region_code", "terms"}, 1), p).status();
}

Status InsertKbVersion(Conn& c, const KbEntry& e) {
  Params p;
  BindKbEntry(p, e);
  return c.Query(std::string("INSERT INTO kb_entry_versions (") + kKbColumns + ") VALUES (" +
                     Placeholders(1, 14) + ")",
                 p)
      .status();
}

// Creates a new entry with `e` as version 1; sets e.id and e.version.
Status InsertKbEntry(Conn& c, KbEntry& e) {
  Params p;
  p.Bind(1, e.edited_at);
  LX_ASSIGN_OR_RETURN(Rows rows, c.Query("INSERT INTO kb_entries (latest_version, created_at) "
                                         "VALUES (1, $1) RETURNING id",
                                         p));
  e.id = rows[0].Int(0);
  e.version = 1;
  return InsertKbVersion(c, e);
}

// Publishing `version` retires the entry's other published version.
Status SetKbStatus(Conn& c, int64_t id, int version, KbEntryStatus status) {
  Params p;
  p.Bind(1, id).Bind(2, int64_t{version});
  if (status == KbEntryStatus::kPublished) {
    LX_RETURN_IF_ERROR(c.Query("UPDATE kb_entry_versions SET status = 'retired' WHERE entry_id = "
                               "$1 AND version <> $2 AND status = 'published'",
                               p)
                           .status());
  }
  p.Bind(3, KbStatusName(status));
  LX_ASSIGN_OR_RETURN(Rows rows, c.Query("UPDATE kb_entry_versions SET status = $3 WHERE "
                                         "entry_id = $1 AND version = $2",
                                         p));
  if (rows.affected() == 0) {
    return Status::NotFound("知识条目 " + std::to_string(id) + " 版本 " + std::to_string(version) + " 不存在");
  }
  return Status::Ok();
}

// The number, row, first events and search terms of a new ticket; sets
// stored.id, number and version.
Status InsertNewTicket(Conn& c, const std::vector<TicketEvent>& events,
                       const std::string& number_prefix, const std::string& terms,
                       Ticket& stored) {
  std::string key = number_prefix + "-" + FormatDayCst(stored.created_at);
  Params k;
  k.Bind(1, key);
  LX_ASSIGN_OR_RETURN(Rows seq, c.Query("INSERT INTO number_counters (key, next) VALUES ($1, 1) "
                                        "ON CONFLICT (key) DO UPDATE SET next = "
                                        "number_counters.next + 1 RETURNING next",
                                        k));
  stored.number = TicketNumber(key, seq[0].Int(0));
  stored.version = static_cast<int64_t>(events.size());
  Params p;
  BindTicket(p, stored);
  LX_ASSIGN_OR_RETURN(Rows id, c.Query(kInsertTicketSql, p));
  stored.id = id[0].Int(0);
  LX_RETURN_IF_ERROR(LockEvents(c));
  for (TicketEvent e : events) {
    e.ticket_id = stored.id;
    LX_RETURN_IF_ERROR(InsertEvent(c, e, stored.region_code).status());
  }
  return PutTerms(c, stored.id, stored.region_code, terms);
}

// Open311 extras of ticket m.ticket_id, replacing those stored.
Status InsertOpen311Meta(Conn& c, const Open311Meta& m) {
  Params p;
  p.Bind(1, m.ticket_id).Bind(2, m.client).Bind(3, m.account_id).Bind(4, m.device_id);
  p.Bind(5, m.email).Bind(6, m.media_url);
  LX_RETURN_IF_ERROR(
      c.Query("INSERT INTO open311_meta (ticket_id, client, account_id, device_id, email, "
              "media_url, region_code) VALUES ($1, $2, $3, $4, $5, $6, " + RegionOf(1) +
                  ") ON CONFLICT (ticket_id) DO UPDATE SET client = excluded.client, "
                  "account_id = excluded.account_id, device_id = excluded.device_id, "
                  "email = excluded.email, media_url = excluded.media_url",
              p)
          .status());
  Params id;
  id.Bind(1, m.ticket_id);
  LX_RETURN_IF_ERROR(c.Query("DELETE FROM open311_attributes WHERE ticket_id = $1", id).status());
  for (size_t i = 0; i < m.attributes.size(); ++i) {
    Params a;
    a.Bind(1, m.ticket_id).Bind(2, static_cast<int64_t>(i)).Bind(3, m.attributes[i].first);
    a.Bind(4, m.attributes[i].second);
    LX_RETURN_IF_ERROR(c.Query("INSERT INTO open311_attributes (ticket_id, seq, code, value, "
                               "region_code) VALUES ($1, $2, $3, $4, " + RegionOf(1) + ")",
                               a)
                           .status());
  }
  return Status::Ok();
}

// ---- reference data writers (Put* and ApplyReferenceEdit) ----
Status UpsertRegions(Conn& c, const std::vector<Region>& regions) {
  for (const Region& r : regions) {
    Params p;
    p.Bind(1, r.code).Bind(2, r.name).Bind(3, r.parent).Bind(4, ToString(r.level));
    LX_RETURN_IF_ERROR(
        c.Query(UpsertSql("regions", {"code", "name", "parent", "level"}, 1), p).status());
  }
  return Status::Ok();
}
Status UpsertUnits(Conn& c, const std::vector<Unit>& units) {
  for (const Unit& u : units) {
    Params p;
    p.Bind(1, u.code).Bind(2, u.name).Bind(3, u.unit_type).Bind(4, u.region_code);
    LX_RETURN_IF_ERROR(
        c.Query(UpsertSql("units", {"code", "name", "unit_type", "region_code"}, 1), p).status());
  }
  return Status::Ok();
}
Status UpsertCategories(Conn& c, const std::vector<Category>& categories) {
  for (const Category& k : categories) {
    Params p;
    p.Bind(1, k.code).Bind(2, k.name).Bind(3, k.parent).Bind(4, int64_t{k.level});
    LX_RETURN_IF_ERROR(
        c.Query(UpsertSql("categories", {"code", "name", "parent", "level"}, 1), p).status());
  }
  return Status::Ok();
}
Status ReplaceDutyRules(Conn& c, const std::vector<DutyRule>& rules) {
  LX_RETURN_IF_ERROR(c.Exec("DELETE FROM duty_rules"));
  for (const DutyRule& r : rules) {
    Params p;
    p.Bind(1, r.category_code).Bind(2, r.unit_type).Bind(3, ToString(r.region_level));
    p.Bind(4, r.keywords);
    LX_RETURN_IF_ERROR(c.Query("INSERT INTO duty_rules (category_code, unit_type, region_level, "
                               "keywords) VALUES ($1, $2, $3, $4)",
                               p)
                           .status());
  }
  return Status::Ok();
}
// ---- end reference data writers ----

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The advisory-lock key of a lease: FNV-1a over "lianxin:" + name.
int64_t LeaseKey(const std::string& name) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : "lianxin:" + name) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return static_cast<int64_t>(h);
}

class PgStore final : public SqlStoreBase {
 public:
  PgStore(std::string url, StoreOptions options)
      : url_(std::move(url)), options_(std::move(options)) {
    if (!options_.search_terms) options_.search_terms = BigramTerms;
  }
  // Frees the leases at once (the server would also free them when it notices
  // the connection closed, a moment later).
  ~PgStore() override {
    std::lock_guard<std::mutex> lock(lease_mu_);
    if (lease_conn_ && lease_conn_->Healthy()) lease_conn_->Exec("SELECT pg_advisory_unlock_all()");
  }

  Status Init() {
    LX_ASSIGN_OR_RETURN(std::unique_ptr<Conn> c, Conn::Open(url_));
    LX_RETURN_IF_ERROR(Migrate(*c));
    LX_RETURN_IF_ERROR(CheckSearchIndex(*c));
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      ++open_;  // the first pooled connection
    }
    Release(std::move(c));
    return Status::Ok();
  }

  // ---- reference data ----
  Status PutRegions(const std::vector<Region>& regions) override {
    return Tx([&](Conn& c) { return UpsertRegions(c, regions); });
  }
  Status PutUnits(const std::vector<Unit>& units) override {
    return Tx([&](Conn& c) { return UpsertUnits(c, units); });
  }
  Status PutCategories(const std::vector<Category>& categories) override {
    return Tx([&](Conn& c) { return UpsertCategories(c, categories); });
  }
  Status PutDutyRules(const std::vector<DutyRule>& rules) override {
    return Tx([&](Conn& c) { return ReplaceDutyRules(c, rules); });
  }
  Result<std::vector<Region>> ListRegions() override {
    return ReadAll<Region>("SELECT code, name, parent, level FROM regions ORDER BY code COLLATE \"C\"",
                           ReadRegion<Row>);
  }
  Result<std::vector<Unit>> ListUnits() override {
    return ReadAll<Unit>(
        "SELECT code, name, unit_type, region_code FROM units ORDER BY code COLLATE \"C\"",
        ReadUnit<Row>);
  }
  Result<std::vector<Category>> ListCategories() override {
    return ReadAll<Category>(
        "SELECT code, name, parent, level FROM categories ORDER BY code COLLATE \"C\"",
        ReadCategory<Row>);
  }
  Result<std::vector<DutyRule>> ListDutyRules() override {
    return ReadAll<DutyRule>(
        "SELECT category_code, unit_type, region_level, keywords FROM duty_rules ORDER BY id",
        ReadDutyRule<Row>);
  }

  // ---- users and sessions ----
  Status PutUser(const User& u) override {
    return Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, u.username).Bind(2, u.display_name).Bind(3, ToString(u.role)).Bind(4, u.unit_code);
      p.Bind(5, u.password_hash).Bind(6, int64_t{u.active ? 1 : 0}).Bind(7, u.created_at);
      return c.Query(UpsertSql("users", {"username", "display_name", "role", "unit_code",
                                         "password_hash", "active", "created_at"},
                               1),
                     p)
          .status();
    });
  }
  Result<User> GetUser(const std::string& username) override {
    Params p;
    p.Bind(1, username);
    LX_ASSIGN_OR_RETURN(std::vector<User> users, ReadUsers("WHERE username = $1", p));
    if (users.empty()) return Status::NotFound("user " + username);
    return users.front();
  }
  Result<std::vector<User>> ListUsers() override {
    return ReadUsers("ORDER BY username COLLATE \"C\"", {});
  }
  Status PutSession(const Session& v) override {
    return Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, v.token_hash).Bind(2, v.username).Bind(3, v.created_at).Bind(4, v.expires_at);
      return c.Query(UpsertSql("sessions", {"token_hash", "username", "created_at", "expires_at"}, 1),
                     p)
          .status();
    });
  }
  Result<Session> GetSession(const std::string& token_hash) override {
    Params p;
    p.Bind(1, token_hash);
    LX_ASSIGN_OR_RETURN(
        std::vector<Session> rows,
        ReadAll<Session>(
            "SELECT token_hash, username, created_at, expires_at FROM sessions WHERE token_hash = $1",
            ReadSession<Row>, p));
    if (rows.empty()) return Status::NotFound("session");
    return rows.front();
  }
  Status DeleteSession(const std::string& token_hash) override {
    return Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, token_hash);
      return c.Query("DELETE FROM sessions WHERE token_hash = $1", p).status();
    });
  }
  Result<int64_t> DeleteUserSessions(const std::string& username) override {
    int64_t deleted = 0;
    LX_RETURN_IF_ERROR(Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, username);
      LX_ASSIGN_OR_RETURN(Rows rows, c.Query("DELETE FROM sessions WHERE username = $1", p));
      deleted = rows.affected();
      return Status::Ok();
    }));
    return deleted;
  }

  // ---- tickets ----
  using Store::CreateTicket;
  Result<Ticket> CreateTicket(const Ticket& ticket, const std::vector<TicketEvent>& events,
                              const std::string& number_prefix) override {
    return CreateTicketWithOpen311Meta(ticket, events, number_prefix, Open311Meta{});
  }

  Result<Ticket> AppendEvent(const Ticket& next, const TicketEvent& event) override {
    Status st = Tx([&](Conn& c) -> Status {
      LX_ASSIGN_OR_RETURN(bool stored, AppendOne(c, next, event));
      if (!stored) {
        return Status::Aborted("ticket " + std::to_string(next.id) +
                               " changed concurrently or does not exist");
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return next;
  }

  Result<Ticket> GetTicket(TicketId id) override {
    Params p;
    p.Bind(1, id);
    LX_ASSIGN_OR_RETURN(std::vector<Ticket> rows, ReadTickets(kTicketSelect + "WHERE id = $1", p));
    if (rows.empty()) return Status::NotFound("ticket " + std::to_string(id));
    return rows.front();
  }
  Result<Ticket> GetTicketByNumber(const std::string& number) override {
    Params p;
    p.Bind(1, number);
    LX_ASSIGN_OR_RETURN(std::vector<Ticket> rows, ReadTickets(kTicketSelect + "WHERE number = $1", p));
    if (rows.empty()) return Status::NotFound("ticket " + number);
    return rows.front();
  }
  Result<TicketPage> ListTickets(const TicketFilter& f) override {
    LX_ASSIGN_OR_RETURN(SqlWhere where, TicketFilterWhere(f, dialect_));
    return ReadPage(where, TicketFilterOrder(f));
  }
  Result<std::vector<TicketEvent>> ListEvents(TicketId id) override {
    Params p;
    p.Bind(1, id);
    return ReadEvents("WHERE ticket_id = $1 ORDER BY id", p);
  }

  Result<int64_t> ImportTickets(const std::vector<TicketWithEvents>& batch) override {
    std::vector<std::string> terms;
    terms.reserve(batch.size());
    for (const TicketWithEvents& item : batch) {
      terms.push_back(DocumentTerms(options_, item.ticket.title, item.ticket.body));
    }
    int64_t inserted = 0;
    Status st = Tx([&](Conn& c) -> Status {
      inserted = 0;
      LX_RETURN_IF_ERROR(LockEvents(c));
      for (size_t i = 0; i < batch.size(); ++i) {
        Ticket t = batch[i].ticket;
        t.version = static_cast<int64_t>(batch[i].events.size());
        Params p;
        BindTicket(p, t);
        LX_ASSIGN_OR_RETURN(
            Rows id, c.Query(std::string("INSERT INTO tickets (") + (kTicketColumns + 4) +
                                 ") VALUES (" + Placeholders(1, 33) +
                                 ") ON CONFLICT (number) DO NOTHING RETURNING id",
                             p));
        if (id.size() == 0) continue;  // imported before
        int64_t ticket_id = id[0].Int(0);
        for (TicketEvent e : batch[i].events) {
          e.ticket_id = ticket_id;
          LX_RETURN_IF_ERROR(InsertEvent(c, e, t.region_code).status());
        }
        LX_RETURN_IF_ERROR(PutTerms(c, ticket_id, t.region_code, terms[i]));
        ++inserted;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return inserted;
  }

  Result<StoreStats> Stats() override {
    LX_ASSIGN_OR_RETURN(
        std::vector<StoreStats> rows,
        ReadAll<StoreStats>(StatsSql(),
            [](const Row& s) { return StoreStats{s.Int(0), s.Int(1), s.Int(2)}; }));
    return rows.front();
  }

  Result<std::vector<Ticket>> ListAlarms(TimeMs now, int limit) override {
    Params p;
    p.Bind(1, now).Bind(2, int64_t{limit});
    return ReadTickets(kTicketSelect + "WHERE next_alarm_at <> 0 AND next_alarm_at <= $1 "
                                       "ORDER BY next_alarm_at, id LIMIT $2",
                       p);
  }

  Result<DispatchOutcomes> CountDispatchOutcomes(const std::string& agent, TimeMs from) override {
    Params p;
    p.Bind(1, from).Bind(2, agent);
    LX_ASSIGN_OR_RETURN(
        std::vector<DispatchOutcomes> rows,
        ReadAll<DispatchOutcomes>(DispatchOutcomesSql(PgPlaceholder),
            [](const Row& s) { return DispatchOutcomes{s.Int(0), s.Int(1), s.Int(2)}; }, p));
    return rows.front();
  }

  // ---- notifications outbox (issue 4, part A) ----
  Result<std::vector<TicketEvent>> ListEventsAfter(int64_t after_id, int limit) override {
    if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit must be 1..100000");
    Params p;
    p.Bind(1, after_id).Bind(2, int64_t{limit});
    return ReadEvents("WHERE id > $1 ORDER BY id LIMIT $2", p);
  }
  Result<int64_t> GetCursor(const std::string& name) override {
    return ReadCursor("SELECT last_event_id FROM outbox_cursors WHERE name = $1", name);
  }
  Result<int64_t> EnqueueMessages(const std::vector<OutboxMessage>& messages,
                                  const std::string& name, int64_t cursor) override {
    int64_t inserted = 0;
    Status st = Tx([&](Conn& c) -> Status {
      inserted = 0;
      for (const OutboxMessage& m : messages) {
        Params p;
        BindMessage(p, m);
        LX_ASSIGN_OR_RETURN(
            Rows rows,
            c.Query(std::string("INSERT INTO outbox (") + (kOutboxColumns + 4) +
                        ", region_code) VALUES (" + Placeholders(1, 12) + ", " + RegionOf(2) +
                        ") ON CONFLICT (event_id, audience, address) DO NOTHING",
                    p));
        inserted += rows.affected();
      }
      Params k;
      k.Bind(1, name).Bind(2, cursor);
      return c.Query(UpsertSql("outbox_cursors", {"name", "last_event_id"}, 1), k).status();
    });
    if (!st.ok()) return st;
    return inserted;
  }
  Result<std::vector<OutboxMessage>> ListDueMessages(TimeMs now, int limit) override {
    Params p;
    p.Bind(1, now).Bind(2, int64_t{limit});
    return ReadMessages("WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY "
                        "next_attempt_at, id LIMIT $2",
                        p);
  }
  Status UpdateMessage(const OutboxMessage& m) override { return UpdateMessages({m}); }
  Status UpdateMessages(const std::vector<OutboxMessage>& messages) override {
    return Tx([&](Conn& c) -> Status {
      for (const OutboxMessage& m : messages) {
        Params p;
        p.Bind(1, ToString(m.state)).Bind(2, int64_t{m.attempts}).Bind(3, m.next_attempt_at);
        p.Bind(4, m.last_error).Bind(5, m.sent_at).Bind(6, m.id);
        LX_ASSIGN_OR_RETURN(Rows rows, c.Query("UPDATE outbox SET status = $1, attempts = $2, "
                                               "next_attempt_at = $3, last_error = $4, "
                                               "sent_at = $5 WHERE id = $6",
                                               p));
        if (rows.affected() != 1) return Status::NotFound("outbox message " + std::to_string(m.id));
      }
      return Status::Ok();
    });
  }
  Result<OutboxPage> ListMessages(std::optional<OutboxMessage::State> state, int limit,
                                  int offset) override {
    if (limit < 1 || limit > 500) return Status::InvalidArgument("limit must be 1..500");
    if (offset < 0) return Status::InvalidArgument("offset must be >= 0");
    Params p;
    p.Bind(1, state ? std::string(ToString(*state)) : std::string());
    const std::string where = "WHERE ($1 = '' OR status = $1)";
    OutboxPage page;
    LX_ASSIGN_OR_RETURN(std::vector<int64_t> count,
                        ReadAll<int64_t>("SELECT COUNT(*) FROM outbox " + where,
                                         [](const Row& s) { return s.Int(0); }, p));
    page.total = count.front();
    LX_ASSIGN_OR_RETURN(page.items, ReadMessages(where + " ORDER BY id DESC LIMIT " +
                                                     std::to_string(limit) + " OFFSET " +
                                                     std::to_string(offset),
                                                 p));
    return page;
  }

  // ---- evaluation rollups (issue 4, part B) ----
  Result<std::vector<TicketWithEvents>> ListTicketsWithEvents(TicketId after_id,
                                                              int limit) override {
    if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit must be 1..100000");
    Params p;
    p.Bind(1, after_id).Bind(2, int64_t{limit});
    LX_ASSIGN_OR_RETURN(std::vector<Ticket> tickets,
                        ReadTickets(kTicketSelect + "WHERE id > $1 ORDER BY id LIMIT $2", p));
    if (tickets.empty()) return std::vector<TicketWithEvents>{};
    Params range;
    range.Bind(1, tickets.front().id).Bind(2, tickets.back().id);
    LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events,
                        ReadEvents("WHERE ticket_id >= $1 AND ticket_id <= $2 ORDER BY ticket_id, id",
                                   range));
    return ZipEvents(std::move(tickets), std::move(events));
  }
  Result<std::vector<TicketKey>> ListTicketKeys(TicketId after_id, int limit) override {
    if (limit < 1 || limit > 1000000) return Status::InvalidArgument("limit must be 1..1000000");
    Params p;
    p.Bind(1, after_id).Bind(2, int64_t{limit});
    return ReadAll<TicketKey>(
        "SELECT id, region_code, category_code, created_at FROM tickets WHERE id > $1 ORDER BY id "
        "LIMIT $2",
        ReadTicketKey<Row>, p);
  }
  Result<int64_t> GetRollupCursor(const std::string& name) override {
    return ReadCursor("SELECT event_id FROM rollup_cursors WHERE name = $1", name);
  }
  Result<std::vector<RollupContribution>> GetRollupContributions(
      const std::vector<TicketId>& ids) override {
    std::vector<RollupContribution> out;
    constexpr size_t kChunk = 500;
    for (size_t start = 0; start < ids.size(); start += kChunk) {
      size_t end = std::min(ids.size(), start + kChunk);
      Params p;
      for (size_t i = start; i < end; ++i) p.Bind(static_cast<int>(i - start + 1), ids[i]);
      LX_ASSIGN_OR_RETURN(
          std::vector<RollupContribution> part,
          ReadAll<RollupContribution>(
              "SELECT ticket_id, region_code, category_code, created_at, payload FROM "
              "rollup_contributions WHERE ticket_id IN (" +
                  Placeholders(1, static_cast<int>(end - start)) + ")",
              ReadContribution<Row>,
              p));
      for (RollupContribution& c : part) out.push_back(std::move(c));
    }
    return out;
  }
  Result<bool> HasRollupPeer(const std::string& region_code, const std::string& category_code,
                             TimeMs from, TimeMs to, TicketId exclude) override {
    Params p;
    p.Bind(1, region_code).Bind(2, category_code).Bind(3, from).Bind(4, to).Bind(5, exclude);
    LX_ASSIGN_OR_RETURN(std::vector<int64_t> rows,
                        ReadAll<int64_t>("SELECT 1 FROM rollup_contributions WHERE region_code = $1 "
                                         "AND category_code = $2 AND created_at >= $3 AND "
                                         "created_at < $4 AND ticket_id <> $5 LIMIT 1",
                                         [](const Row& s) { return s.Int(0); }, p));
    return !rows.empty();
  }
  Status ApplyRollupBatch(const RollupBatch& b) override {
    return Tx([&](Conn& c) -> Status {
      Params k;
      k.Bind(1, b.cursor_name);
      // The cursor's row, locked to commit: a second updater waits here and then
      // sees the moved cursor.
      LX_RETURN_IF_ERROR(c.Query("INSERT INTO rollup_cursors (name, event_id) VALUES ($1, 0) "
                                 "ON CONFLICT (name) DO NOTHING",
                                 k)
                             .status());
      LX_ASSIGN_OR_RETURN(
          Rows cur, c.Query("SELECT event_id FROM rollup_cursors WHERE name = $1 FOR UPDATE", k));
      int64_t current = cur.size() ? cur[0].Int(0) : 0;
      if (current != b.expected_cursor) {
        return Status::Aborted("rollup cursor " + b.cursor_name + " is at " +
                               std::to_string(current) + ", expected " +
                               std::to_string(b.expected_cursor));
      }
      static const std::string kUpsert = RollupUpsertSql(PgPlaceholder);
      for (const RollupCell& cell : b.deltas) {
        Params p;
        p.Bind(1, cell.grain).Bind(2, cell.period).Bind(3, cell.dim).Bind(4, cell.key);
        for (int i = 0; i < kRollupCounters; ++i) p.Bind(i + 5, cell.n[i]);
        LX_RETURN_IF_ERROR(c.Query(kUpsert, p).status());
      }
      for (const RollupContribution& r : b.contributions) {
        Params p;
        p.Bind(1, r.ticket_id).Bind(2, r.region_code).Bind(3, r.category_code);
        p.Bind(4, r.created_at).Bind(5, r.payload);
        LX_RETURN_IF_ERROR(c.Query(UpsertSql("rollup_contributions",
                                             {"ticket_id", "region_code", "category_code",
                                              "created_at", "payload"},
                                             1),
                                   p)
                               .status());
      }
      k.Bind(2, b.cursor);
      return c.Query("UPDATE rollup_cursors SET event_id = $2 WHERE name = $1", k).status();
    });
  }
  Status ResetRollups(const std::string& name, int64_t cursor) override {
    return Tx([&](Conn& c) -> Status {
      LX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_cells; DELETE FROM rollup_contributions"));
      Params p;
      p.Bind(1, name).Bind(2, cursor);
      return c.Query(UpsertSql("rollup_cursors", {"name", "event_id"}, 1), p).status();
    });
  }
  Result<std::vector<RollupCell>> SumRollups(const std::string& grain, const std::string& dim,
                                             int64_t from, int64_t to) override {
    Params p;
    p.Bind(1, grain).Bind(2, dim).Bind(3, from).Bind(4, to);
    return ReadAll<RollupCell>(
        SumRollupsSql(PgPlaceholder, " COLLATE \"C\""),
        [&](const Row& s) { return ReadSummedCell(s, grain, dim, from); }, p);
  }

  // ---- open interfaces: Open311 and open data (issue 8) ----
  Status PutApiClient(const ApiClient& a) override {
    return Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, a.name).Bind(2, a.key_hash).Bind(3, int64_t{a.batch}).Bind(4, int64_t{a.active});
      p.Bind(5, a.created_at);
      return c.Query(UpsertSql("api_clients", {"name", "key_hash", "batch", "active", "created_at"}, 1),
                     p)
          .status();
    });
  }
  Result<ApiClient> GetApiClientByKeyHash(const std::string& key_hash) override {
    Params p;
    p.Bind(1, key_hash);
    LX_ASSIGN_OR_RETURN(std::vector<ApiClient> rows, ReadApiClients("WHERE key_hash = $1", p));
    if (rows.empty()) return Status::NotFound("api client");
    return rows.front();
  }
  Result<std::vector<ApiClient>> ListApiClients() override {
    return ReadApiClients("ORDER BY name COLLATE \"C\"", {});
  }
  Status PutOpen311Meta(const Open311Meta& m) override {
    return Tx([&](Conn& c) { return InsertOpen311Meta(c, m); });
  }
  Result<std::vector<Open311Meta>> ListOpen311Meta(const std::vector<TicketId>& ids) override {
    std::vector<Open311Meta> out;
    for (TicketId id : ids) {
      Params p;
      p.Bind(1, id);
      LX_ASSIGN_OR_RETURN(std::vector<Open311Meta> rows,
                          ReadAll<Open311Meta>("SELECT ticket_id, client, account_id, device_id, "
                                               "email, media_url FROM open311_meta WHERE "
                                               "ticket_id = $1",
                                               ReadOpen311Meta<Row>, p));
      if (rows.empty()) continue;
      using Attr = std::pair<std::string, std::string>;
      LX_ASSIGN_OR_RETURN(rows.front().attributes,
                          ReadAll<Attr>("SELECT code, value FROM open311_attributes WHERE "
                                        "ticket_id = $1 ORDER BY seq",
                                        [](const Row& s) { return Attr{s.Text(0), s.Text(1)}; }, p));
      out.push_back(std::move(rows.front()));
    }
    return out;
  }
  Status PutOpen311Token(const Open311Token& t) override {
    return Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, t.token).Bind(2, t.kind).Bind(3, t.target).Bind(4, t.created_at);
      LX_ASSIGN_OR_RETURN(Rows rows, c.Query("INSERT INTO open311_tokens (token, kind, target, "
                                             "created_at) VALUES ($1, $2, $3, $4) ON CONFLICT "
                                             "(token) DO NOTHING",
                                             p));
      if (rows.affected() != 1) return Status::AlreadyExists("token taken");
      return Status::Ok();
    });
  }
  Result<Open311Token> GetOpen311Token(const std::string& token, const std::string& kind) override {
    Params p;
    p.Bind(1, token).Bind(2, kind);
    LX_ASSIGN_OR_RETURN(
        std::vector<Open311Token> rows,
        ReadAll<Open311Token>(
            "SELECT token, kind, target, created_at FROM open311_tokens WHERE token = $1 AND kind = $2",
            ReadOpen311Token<Row>, p));
    if (rows.empty()) return Status::NotFound("token " + token);
    return rows.front();
  }
  Result<TicketPage> QueryTickets(const TicketQuery& q) override {
    LX_ASSIGN_OR_RETURN(SqlWhere where, TicketQueryWhere(q, dialect_));
    return ReadPage(where, TicketQueryOrder(q));
  }
  Result<std::vector<TicketEvent>> ListEventsBetween(TimeMs from, TimeMs to, bool public_only,
                                                     int limit) override {
    if (limit < 1 || limit > 10000) return Status::InvalidArgument("limit must be 1..10000");
    Params p;
    p.Bind(1, from).Bind(2, to).Bind(3, int64_t{limit});
    return ReadEvents(std::string("WHERE at >= $1 AND (CAST($2 AS BIGINT) = 0 OR at < $2)") +
                          (public_only ? " AND is_public = 1" : "") + " ORDER BY at, id LIMIT $3",
                      p);
  }

  // ---- audit ----
  Status LogAccess(const AccessRecord& r) override {
    return Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, r.at).Bind(2, r.username).Bind(3, r.role).Bind(4, r.ticket_id).Bind(5, r.fields);
      p.Bind(6, r.purpose);
      return c.Query("INSERT INTO access_log (at, username, role, ticket_id, fields, purpose, "
                     "region_code) VALUES ($1, $2, $3, $4, $5, $6, " + RegionOf(4) + ")",
                     p)
          .status();
    });
  }
  Result<std::vector<AccessRecord>> ListAccess(int limit) override {
    Params p;
    p.Bind(1, int64_t{limit});
    return ReadAll<AccessRecord>(
        "SELECT at, username, role, ticket_id, fields, purpose FROM access_log ORDER BY id DESC "
        "LIMIT $1",
        ReadAccess<Row>,
        p);
  }

  // ---- knowledge base (issue 5) ----
  Result<KbEntry> CreateKbEntry(const KbEntry& entry) override {
    KbEntry stored = entry;
    LX_RETURN_IF_ERROR(Tx([&](Conn& c) -> Status { return InsertKbEntry(c, stored); }));
    return stored;
  }
  Result<KbEntry> AddKbEntryVersion(const KbEntry& entry) override {
    KbEntry stored = entry;
    LX_RETURN_IF_ERROR(Tx([&](Conn& c) -> Status {
      Params p;
      p.Bind(1, entry.id);
      LX_ASSIGN_OR_RETURN(Rows rows, c.Query("UPDATE kb_entries SET latest_version = latest_version "
                                             "+ 1 WHERE id = $1 RETURNING latest_version",
                                             p));
      if (rows.size() == 0) return Status::NotFound("知识条目 " + std::to_string(entry.id) + " 不存在");
      stored.version = static_cast<int>(rows[0].Int(0));
      LX_RETURN_IF_ERROR(InsertKbVersion(c, stored));
      if (stored.status == KbEntryStatus::kPublished) {
        return SetKbStatus(c, stored.id, stored.version, KbEntryStatus::kPublished);
      }
      return Status::Ok();
    }));
    return stored;
  }
  Status SetKbEntryStatus(int64_t id, int version, KbEntryStatus status) override {
    return Tx([&](Conn& c) -> Status { return SetKbStatus(c, id, version, status); });
  }
  Result<std::vector<KbEntry>> ListKbEntryVersions(int64_t id) override {
    Params p;
    p.Bind(1, id);
    LX_ASSIGN_OR_RETURN(std::vector<KbEntry> rows,
                        ReadAll<KbEntry>(std::string("SELECT ") + kKbColumns +
                                             " FROM kb_entry_versions WHERE entry_id = $1 ORDER BY "
                                             "version",
                                         ReadKbEntry<Row>, p));
    if (rows.empty()) return Status::NotFound("知识条目 " + std::to_string(id) + " 不存在");
    return rows;
  }
  Result<std::vector<KbEntry>> ListKbEntries(bool published_only) override {
    return ReadAll<KbEntry>(KbListSql(published_only), ReadKbEntry<Row>);
  }
  Result<int64_t> ImportKbEntries(const std::vector<KbEntry>& entries) override {
    LX_RETURN_IF_ERROR(Tx([&](Conn& c) -> Status {
      for (const KbEntry& e : entries) {
        KbEntry copy = e;
        LX_RETURN_IF_ERROR(InsertKbEntry(c, copy));
      }
      return Status::Ok();
    }));
    return static_cast<int64_t>(entries.size());
  }

  // ---- several nodes (issue 9) ----
  // ---- tickets with Open311 extras, batched appends (issues 4 and 8) ----
  Result<Ticket> CreateTicketWithOpen311Meta(const Ticket& ticket,
                                             const std::vector<TicketEvent>& events,
                                             const std::string& number_prefix,
                                             const Open311Meta& meta) override {
    if (events.empty()) return Status::InvalidArgument("a new ticket needs its first event");
    Ticket stored = ticket;
    const std::string terms = DocumentTerms(options_, ticket.title, ticket.body);
    const bool with_meta = !meta.client.empty() || !meta.account_id.empty() ||
                           !meta.device_id.empty() || !meta.email.empty() ||
                           !meta.media_url.empty() || !meta.attributes.empty();
    Status st = Tx([&](Conn& c) -> Status {
      LX_RETURN_IF_ERROR(InsertNewTicket(c, events, number_prefix, terms, stored));
      if (!with_meta) return Status::Ok();
      Open311Meta m = meta;
      m.ticket_id = stored.id;
      return InsertOpen311Meta(c, m);
    });
    if (!st.ok()) return st;
    return stored;
  }
  Result<std::vector<bool>> AppendEvents(
      const std::vector<std::pair<Ticket, TicketEvent>>& writes) override {
    if (writes.size() > 10000) return Status::InvalidArgument("at most 10000 appends per batch");
    std::vector<bool> stored(writes.size(), false);
    if (writes.empty()) return stored;
    Status st = Tx([&](Conn& c) -> Status {
      std::fill(stored.begin(), stored.end(), false);
      for (size_t i = 0; i < writes.size(); ++i) {
        LX_ASSIGN_OR_RETURN(bool ok, AppendOne(c, writes[i].first, writes[i].second));
        stored[i] = ok;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return stored;
  }

  // (assist log, integrations, attachments and proactive governance: SqlStoreBase;
  // AfterAttachmentInsert below stamps an attachment's region)

  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
  Result<int64_t> ApplyReferenceEdit(const ReferenceEdit& edit,
                                     const ReferenceChange& change) override {
    int64_t id = 0;
    LX_RETURN_IF_ERROR(Tx([&](Conn& c) -> Status {
      LX_RETURN_IF_ERROR(UpsertRegions(c, edit.regions));
      LX_RETURN_IF_ERROR(UpsertUnits(c, edit.units));
      LX_RETURN_IF_ERROR(UpsertCategories(c, edit.categories));
      if (edit.duty_rules) LX_RETURN_IF_ERROR(ReplaceDutyRules(c, *edit.duty_rules));
      postgres::ConnDb db(c);
      LX_ASSIGN_OR_RETURN(id, sql::InsertReferenceChange(db, change));
      return Status::Ok();
    }));
    return id;
  }
  // (the audit trail's list, SLA rules and calendar: SqlStoreBase)
  // ---- end reference data, SLA policies and the calendar ----

  Result<bool> TryLead(const std::string& lease) override {
    std::lock_guard<std::mutex> lock(lease_mu_);
    if (lease_conn_ && !lease_conn_->Healthy()) DropLeases();
    if (held_.count(lease)) {
      // Still ours as long as the session lives: check that it does.
      if (lease_conn_->Exec("SELECT 1").ok()) return true;
      DropLeases();
    }
    if (!lease_conn_) {
      auto c = Conn::Open(url_);
      if (!c.ok()) return c.status();
      lease_conn_ = std::move(c).value();
    }
    Params p;
    p.Bind(1, LeaseKey(lease));
    auto rows = lease_conn_->Query("SELECT pg_try_advisory_lock(CAST($1 AS BIGINT))", p);
    if (!rows.ok()) {
      DropLeases();
      return rows.status();
    }
    bool got = (*rows)[0].Int(0) != 0;
    if (got) held_.insert(lease);
    return got;
  }

 private:
  // The lease connection is gone or unusable: every lease with it.
  void DropLeases() {
    held_.clear();
    lease_conn_.reset();
  }

  // ---- connection pool ----
  static constexpr size_t kMaxConnections = 16;

  Result<std::unique_ptr<Conn>> Acquire() {
    {
      std::unique_lock<std::mutex> lock(pool_mu_);
      pool_cv_.wait(lock, [&] { return !idle_.empty() || open_ < kMaxConnections; });
      if (!idle_.empty()) {
        std::unique_ptr<Conn> c = std::move(idle_.back());
        idle_.pop_back();
        return c;
      }
      ++open_;
    }
    auto c = Conn::Open(url_);
    if (!c.ok()) {
      std::lock_guard<std::mutex> lock(pool_mu_);
      --open_;
      pool_cv_.notify_one();
    }
    return c;
  }

  // Returns a connection to the pool; a broken one is closed instead.
  void Release(std::unique_ptr<Conn> c) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (c && c->Healthy()) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
    }
    pool_cv_.notify_one();
  }

  // Runs `fn` on a pooled connection.
  template <typename Fn>
  auto WithConn(Fn fn) -> decltype(fn(std::declval<Conn&>())) {
    auto c = Acquire();
    if (!c.ok()) return c.status();
    auto result = fn(**c);
    Release(std::move(c).value());
    return result;
  }

  // Runs `fn` in one transaction: committed when it returns OK, else rolled back.
  Status Tx(const std::function<Status(Conn&)>& fn) {
    return WithConn([&](Conn& c) -> Status {
      LX_RETURN_IF_ERROR(c.Exec("BEGIN"));
      Status st = fn(c);
      if (st.ok()) st = c.Exec("COMMIT");
      if (!st.ok()) c.Exec("ROLLBACK");
      return st;
    });
  }

  template <typename T, typename RowFn>
  Result<std::vector<T>> ReadAll(const std::string& sql, RowFn row_fn, const Params& p = {}) {
    return WithConn([&](Conn& c) -> Result<std::vector<T>> {
      LX_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
      std::vector<T> out;
      out.reserve(rows.size());
      for (int i = 0; i < rows.size(); ++i) out.push_back(row_fn(rows[i]));
      return out;
    });
  }

  Result<std::vector<Ticket>> ReadTickets(const std::string& sql, const Params& p) {
    return ReadAll<Ticket>(sql, ReadTicket<Row>, p);
  }
  Result<std::vector<TicketEvent>> ReadEvents(const std::string& tail, const Params& p) {
    return ReadAll<TicketEvent>(kEventSelect + tail, ReadEvent<Row>, p);
  }
  Result<std::vector<OutboxMessage>> ReadMessages(const std::string& tail, const Params& p) {
    return ReadAll<OutboxMessage>(std::string("SELECT ") + kOutboxColumns + " FROM outbox " + tail,
                                  ReadMessage<Row>, p);
  }
  Result<std::vector<User>> ReadUsers(const std::string& tail, const Params& p) {
    return ReadAll<User>(
        "SELECT username, display_name, role, unit_code, password_hash, active, created_at FROM "
        "users " + tail,
        ReadUser<Row>, p);
  }
  Result<std::vector<ApiClient>> ReadApiClients(const std::string& tail, const Params& p) {
    return ReadAll<ApiClient>(
        "SELECT name, key_hash, batch, active, created_at FROM api_clients " + tail,
        ReadApiClient<Row>,
        p);
  }
  // A cursor's value by name ($1); 0 when absent.
  Result<int64_t> ReadCursor(const std::string& sql, const std::string& name) {
    Params p;
    p.Bind(1, name);
    LX_ASSIGN_OR_RETURN(std::vector<int64_t> rows,
                        ReadAll<int64_t>(sql, [](const Row& s) { return s.Int(0); }, p));
    return rows.empty() ? int64_t{0} : rows.front();
  }

  // A page of tickets matching `where` (total ignores limit and offset).
  Result<TicketPage> ReadPage(const SqlWhere& where, const std::string& order) {
    Params p;
    BindValues(p, where.values());
    TicketPage page;
    LX_ASSIGN_OR_RETURN(std::vector<int64_t> count,
                        ReadAll<int64_t>("SELECT COUNT(*) FROM tickets" + where.sql(),
                                         [](const Row& s) { return s.Int(0); }, p));
    page.total = count.front();
    LX_ASSIGN_OR_RETURN(page.items, ReadTickets(kTicketSelect + where.sql() + order, p));
    return page;
  }

  // The PostgreSQL spelling of ticket lists: the GIN index over
  // to_tsvector('simple', terms) for terms (each term a phrase of its own words,
  // all required), position() for list columns, byte-order comparisons.
  SqlDialect MakeDialect() {
    SqlDialect d;
    d.placeholder = PgPlaceholder;
    d.binary_collate = " COLLATE \"C\"";
    d.list_contains = [](const std::string& column, const std::string& p) {
      // A comma-joined list of codes (codes never contain a comma).
      return "position(',' || " + p + " || ',' IN ',' || " + column + " || ',') > 0";
    };
    d.terms_match = [](SqlWhere& w, const std::vector<std::string>& terms) {
      std::string query;
      for (const std::string& t : terms) {
        query += (query.empty() ? "" : " && ") + ("phraseto_tsquery('simple', " + w.Param(t) + ")");
      }
      return "id IN (SELECT id FROM ticket_terms WHERE to_tsvector('simple', terms) @@ (" + query +
             "))";
    };
    d.query_terms = [this](const std::string& piece) { return options_.search_terms(piece, true); };
    d.like = "ILIKE";
    return d;
  }

  // Applies every migration not recorded yet, in order, each in its own
  // transaction; an advisory lock keeps two nodes starting at once apart.
  Status Migrate(Conn& c) {
    LX_RETURN_IF_ERROR(c.Exec("SELECT pg_advisory_lock(7242526)"));
    Status st = ApplyMigrations(c);
    Status unlock = c.Exec("SELECT pg_advisory_unlock(7242526)");
    return st.ok() ? unlock : st;
  }

  Status ApplyMigrations(Conn& c) {
    LX_RETURN_IF_ERROR(c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at BIGINT NOT NULL)"));
    std::set<int64_t> applied;
    {
      LX_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT version FROM schema_migrations"));
      for (int i = 0; i < rows.size(); ++i) applied.insert(rows[i].Int(0));
    }
    for (const auto& m : postgres::Migrations()) {
      if (applied.count(m.version)) continue;
      LX_RETURN_IF_ERROR(c.Exec("BEGIN"));
      Status st = c.Exec(m.sql);
      if (st.ok()) {
        Params p;
        p.Bind(1, int64_t{m.version}).Bind(2, m.name).Bind(3, WallClockMs());
        st = c.Query("INSERT INTO schema_migrations VALUES ($1, $2, $3)", p).status();
      }
      if (st.ok()) st = c.Exec("COMMIT");
      if (!st.ok()) {
        c.Exec("ROLLBACK");
        return Status::Internal(std::string("migration ") + m.name + " failed: " + st.message());
      }
    }
    return Status::Ok();
  }

  // Rebuilds the search terms when another search-terms function made them,
  // and records the one in force (blocks: one pass over every ticket).
  Status CheckSearchIndex(Conn& c) {
    LX_ASSIGN_OR_RETURN(Rows meta, c.Query("SELECT value FROM store_meta WHERE key = 'search_terms'"));
    std::string built_with = meta.size() ? meta[0].Text(0) : "";
    if (built_with == options_.search_terms_name) return Status::Ok();
    LX_RETURN_IF_ERROR(c.Exec("BEGIN"));
    Status st = Status::Ok();
    for (int64_t after = 0; st.ok();) {
      Params p;
      p.Bind(1, after);
      auto rows = c.Query("SELECT id, region_code, title, body FROM tickets WHERE id > $1 ORDER BY "
                          "id LIMIT 1000",
                          p);
      if (!rows.ok()) {
        st = rows.status();
        break;
      }
      if (rows->size() == 0) break;
      for (int i = 0; i < rows->size() && st.ok(); ++i) {
        Row r = (*rows)[i];
        after = r.Int(0);
        st = PutTerms(c, after, r.Text(1), DocumentTerms(options_, r.Text(2), r.Text(3)));
      }
    }
    if (st.ok()) {
      Params p;
      p.Bind(1, std::string("search_terms")).Bind(2, options_.search_terms_name);
      st = c.Query(UpsertSql("store_meta", {"key", "value"}, 1), p).status();
    }
    if (st.ok()) st = c.Exec("COMMIT");
    if (!st.ok()) c.Exec("ROLLBACK");
    return st;
  }

  // Appends `event` to ticket next.id if its stored version is next.version - 1
  // (false, nothing written, when not), inside a transaction of `c`.
  Result<bool> AppendOne(Conn& c, const Ticket& next, const TicketEvent& event) {
    Params p;
    BindTicket(p, next);
    p.Bind(34, next.id).Bind(35, next.version - 1);
    LX_ASSIGN_OR_RETURN(Rows up, c.Query(kUpdateTicketSql, p));
    if (up.size() != 1) return false;
    if (up[0].Int(0) != 0) {  // title or body changed: the terms follow
      LX_RETURN_IF_ERROR(PutTerms(c, next.id, next.region_code,
                                  DocumentTerms(options_, next.title, next.body)));
    }
    LX_RETURN_IF_ERROR(LockEvents(c));
    TicketEvent e = event;
    e.ticket_id = next.id;
    LX_RETURN_IF_ERROR(InsertEvent(c, e, next.region_code).status());
    return true;
  }

  // ---- SqlStoreBase's hooks: a pooled connection, one transaction ----
  Status ReadDb(const std::function<Status(sql::Db&)>& fn) override {
    return WithConn([&](Conn& c) {
      postgres::ConnDb db(c);
      return fn(db);
    });
  }
  Status WriteDb(const std::function<Status(sql::Db&)>& fn) override {
    return Tx([&](Conn& c) {
      postgres::ConnDb db(c);
      return fn(db);
    });
  }
  // A ticket-keyed table: its rows carry the ticket's region (partitioning).
  Status AfterAttachmentInsert(sql::Db& db, const Attachment& a, int64_t id) override {
    return db
        .Run("UPDATE attachments SET region_code = COALESCE((SELECT region_code FROM tickets "
             "WHERE id = ?1), '') WHERE id = ?2",
             {a.ticket_id, id})
        .status();
  }

  std::string url_;
  StoreOptions options_;
  SqlDialect dialect_ = MakeDialect();

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Conn>> idle_;  // GUARDED_BY(pool_mu_)
  size_t open_ = 0;                          // GUARDED_BY(pool_mu_): idle and in use

  std::mutex lease_mu_;
  std::unique_ptr<Conn> lease_conn_;  // GUARDED_BY(lease_mu_)
  std::set<std::string> held_;        // GUARDED_BY(lease_mu_)
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, StoreOptions options) {
  if (url.empty()) return Status::InvalidArgument("empty PostgreSQL URL");
  auto store = std::make_unique<PgStore>(url, std::move(options));
  LX_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace lianxin::store
