// SQLite implementation of store::Store.
//
// One writer thread owns the write connection and groups every write request
// queued while the previous commit was running into one transaction (group
// commit); each request runs inside its own SAVEPOINT so one failure does not
// undo the others. Reads use a pool of connections (WAL lets them run beside the
// writer).
#include <sqlite3.h>

#include <cctype>
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>
#include <unordered_map>

#include "store/record_tables.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sql_rows.h"
#include "store/sql_store_base.h"
#include "store/sql_where.h"
#include "store/store.h"

namespace lianxin::store {
namespace {

using sqlite::Connection;
using sqlite::Stmt;

using namespace sql;  // row codecs shared with postgres/ (store/sql_rows.h)

std::string SqlitePlaceholder(int n) { return "?" + std::to_string(n); }

const std::string kInsertTicketSql =
    "INSERT INTO tickets (number, query_code, kind, urgency, channel, title, body, citizen_name, "
    "citizen_phone, region_code, address, latitude, longitude, category_code, owner_unit, status, "
    "reply, created_at, updated_at, dispatched_at, due_at, resolved_at, version, accepted_at, "
    "first_contact_at, requested_due_at, reminded_at, escalated_at, assist_units, parent_id, "
    "revisit_resolved, satisfaction, next_alarm_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
    "?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33)";
const std::string kUpdateTicketSql =
    "UPDATE tickets SET number=?1, query_code=?2, kind=?3, urgency=?4, channel=?5, title=?6, "
    "body=?7, citizen_name=?8, citizen_phone=?9, region_code=?10, address=?11, latitude=?12, "
    "longitude=?13, category_code=?14, owner_unit=?15, status=?16, reply=?17, created_at=?18, "
    "updated_at=?19, dispatched_at=?20, due_at=?21, resolved_at=?22, version=?23, "
    "accepted_at=?24, first_contact_at=?25, requested_due_at=?26, reminded_at=?27, "
    "escalated_at=?28, assist_units=?29, parent_id=?30, revisit_resolved=?31, satisfaction=?32, "
    "next_alarm_at=?33 WHERE id=?34 AND version=?35";
const std::string kInsertEventSql =
    "INSERT INTO ticket_events (ticket_id, type, actor, actor_role, at, reason, unit_code, content, "
    "is_public, due_at, assist_units, parent_id, resolved, satisfaction, category_code) VALUES "
    "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)";

Result<int64_t> InsertEvent(Connection& c, const TicketEvent& e) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(kInsertEventSql));
  BindEvent(*s, e);
  LX_RETURN_IF_ERROR(s->Run());
  return c.LastInsertRowId();
}

// ---- evaluation rollups (issue 4, part B) ----
constexpr char kEventSelect[] =
    "SELECT id, ticket_id, type, actor, actor_role, at, reason, unit_code, content, is_public, "
    "due_at, assist_units, parent_id, resolved, satisfaction, category_code FROM ticket_events";

// ---- knowledge base (issue 5) ----
// Inserts one version row (the kb_entries row must exist).
Status InsertKbVersion(Connection& c, const KbEntry& e) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(std::string("INSERT INTO kb_entry_versions (") + kKbColumns +
                                          ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"));
  BindKbEntry(*s, e);
  return s->Run();
}

// Creates a new entry with `e` as version 1; sets e.id and e.version.
Status InsertKbEntry(Connection& c, KbEntry& e) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO kb_entries (latest_version, created_at) VALUES (1, ?1)"));
  LX_RETURN_IF_ERROR(s->Bind(1, e.edited_at).Run());
  e.id = c.LastInsertRowId();
  e.version = 1;
  return InsertKbVersion(c, e);
}

// Publishing `version` retires the entry's other published version.
Status SetKbStatus(Connection& c, int64_t id, int version, KbEntryStatus status) {
  if (status == KbEntryStatus::kPublished) {
    LX_ASSIGN_OR_RETURN(Stmt * r, c.Prepare("UPDATE kb_entry_versions SET status = 'retired' WHERE "
                                            "entry_id = ?1 AND version <> ?2 AND status = 'published'"));
    LX_RETURN_IF_ERROR(r->Bind(1, id).Bind(2, int64_t{version}).Run());
  }
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("UPDATE kb_entry_versions SET status = ?3 WHERE entry_id = ?1 "
                                          "AND version = ?2"));
  LX_RETURN_IF_ERROR(s->Bind(1, id).Bind(2, int64_t{version}).Bind(3, KbStatusName(status)).Run());
  if (c.Changes() == 0) {
    return Status::NotFound("知识条目 " + std::to_string(id) + " 版本 " + std::to_string(version) + " 不存在");
  }
  return Status::Ok();
}
// ---- end knowledge base ----

// ---- reference data writers (shared by Put* and ApplyReferenceEdit, issue 7 item 7) ----
Status InsertRegions(Connection& c, const std::vector<Region>& regions) {
  for (const Region& r : regions) {
    LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT OR REPLACE INTO regions VALUES (?1,?2,?3,?4)"));
    LX_RETURN_IF_ERROR(
        s->Bind(1, r.code).Bind(2, r.name).Bind(3, r.parent).Bind(4, ToString(r.level)).Run());
  }
  return Status::Ok();
}
Status InsertUnits(Connection& c, const std::vector<Unit>& units) {
  for (const Unit& u : units) {
    LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT OR REPLACE INTO units VALUES (?1,?2,?3,?4)"));
    LX_RETURN_IF_ERROR(
        s->Bind(1, u.code).Bind(2, u.name).Bind(3, u.unit_type).Bind(4, u.region_code).Run());
  }
  return Status::Ok();
}
Status InsertCategories(Connection& c, const std::vector<Category>& categories) {
  for (const Category& k : categories) {
    LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT OR REPLACE INTO categories VALUES (?1,?2,?3,?4)"));
    LX_RETURN_IF_ERROR(
        s->Bind(1, k.code).Bind(2, k.name).Bind(3, k.parent).Bind(4, int64_t{k.level}).Run());
  }
  return Status::Ok();
}
Status ReplaceDutyRules(Connection& c, const std::vector<DutyRule>& rules) {
  LX_RETURN_IF_ERROR(c.Exec("DELETE FROM duty_rules"));
  for (const DutyRule& r : rules) {
    LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO duty_rules (category_code, unit_type, "
                                            "region_level, keywords) VALUES (?1,?2,?3,?4)"));
    LX_RETURN_IF_ERROR(s->Bind(1, r.category_code)
                           .Bind(2, r.unit_type)
                           .Bind(3, ToString(r.region_level))
                           .Bind(4, r.keywords)
                           .Run());
  }
  return Status::Ok();
}
// ---- end reference data writers ----

class SqliteStore final : public SqlStoreBase {
 public:
  SqliteStore(std::string path, SqliteOptions options)
      : path_(std::move(path)), options_(std::move(options)) {
    if (!options_.search_terms) options_.search_terms = BigramTerms;
  }
  ~SqliteStore() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (writer_thread_.joinable()) writer_thread_.join();
    indexer_.reset();  // after the writer, which notifies it
  }

  Status Init() {
    LX_ASSIGN_OR_RETURN(writer_, Connection::Open(path_));
    int rc = sqlite3_create_function_v2(writer_->raw(), "lx_search_terms", 1,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, this, SqlSearchTerms,
                                        nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite::SqliteError(writer_->raw(), rc, "registering lx_search_terms");
    LX_RETURN_IF_ERROR(Migrate());
    LX_RETURN_IF_ERROR(CheckSearchIndex());
    LX_ASSIGN_OR_RETURN(indexer_, sqlite::SearchIndexer::Open(path_, options_.search_terms_name));
    writer_thread_ = std::thread([this] { WriterLoop(); });
    return Status::Ok();
  }

  // ---- reference data ----
  Status PutRegions(const std::vector<Region>& regions) override {
    return Write([&](Connection& c) -> Status { return InsertRegions(c, regions); });
  }
  Status PutUnits(const std::vector<Unit>& units) override {
    return Write([&](Connection& c) -> Status { return InsertUnits(c, units); });
  }
  Status PutCategories(const std::vector<Category>& categories) override {
    return Write([&](Connection& c) -> Status { return InsertCategories(c, categories); });
  }
  Status PutDutyRules(const std::vector<DutyRule>& rules) override {
    return Write([&](Connection& c) -> Status { return ReplaceDutyRules(c, rules); });
  }
  Result<std::vector<Region>> ListRegions() override {
    return ReadAll<Region>("SELECT code, name, parent, level FROM regions ORDER BY code",
                           ReadRegion<Stmt>);
  }
  Result<std::vector<Unit>> ListUnits() override {
    return ReadAll<Unit>("SELECT code, name, unit_type, region_code FROM units ORDER BY code",
                         ReadUnit<Stmt>);
  }
  Result<std::vector<Category>> ListCategories() override {
    return ReadAll<Category>(
        "SELECT code, name, parent, level FROM categories ORDER BY code", ReadCategory<Stmt>);
  }
  Result<std::vector<DutyRule>> ListDutyRules() override {
    return ReadAll<DutyRule>(
        "SELECT category_code, unit_type, region_level, keywords FROM duty_rules ORDER BY id",
        ReadDutyRule<Stmt>);
  }

  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
  Result<int64_t> ApplyReferenceEdit(const ReferenceEdit& edit,
                                     const ReferenceChange& change) override {
    int64_t id = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_RETURN_IF_ERROR(InsertRegions(c, edit.regions));
      LX_RETURN_IF_ERROR(InsertUnits(c, edit.units));
      LX_RETURN_IF_ERROR(InsertCategories(c, edit.categories));
      if (edit.duty_rules) LX_RETURN_IF_ERROR(ReplaceDutyRules(c, *edit.duty_rules));
      sqlite::ConnectionDb db(c);
      LX_ASSIGN_OR_RETURN(id, sql::InsertReferenceChange(db, change));
      return Status::Ok();
    }));
    return id;
  }
  // (the audit trail's list, SLA rules and calendar: SqlStoreBase)
  // ---- end reference data, SLA policies and the calendar ----

  // ---- users and sessions ----
  Status PutUser(const User& u) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s,
                          c.Prepare("INSERT OR REPLACE INTO users VALUES (?1,?2,?3,?4,?5,?6,?7)"));
      return s->Bind(1, u.username)
          .Bind(2, u.display_name)
          .Bind(3, ToString(u.role))
          .Bind(4, u.unit_code)
          .Bind(5, u.password_hash)
          .Bind(6, int64_t{u.active ? 1 : 0})
          .Bind(7, u.created_at)
          .Run();
    });
  }
  Result<User> GetUser(const std::string& username) override {
    LX_ASSIGN_OR_RETURN(std::vector<User> users,
                        ReadUsers("WHERE username = ?1", username));
    if (users.empty()) return Status::NotFound("user " + username);
    return users.front();
  }
  Result<std::vector<User>> ListUsers() override { return ReadUsers("ORDER BY username", ""); }
  Status PutSession(const Session& v) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT OR REPLACE INTO sessions VALUES (?1,?2,?3,?4)"));
      return s->Bind(1, v.token_hash).Bind(2, v.username).Bind(3, v.created_at).Bind(4, v.expires_at).Run();
    });
  }
  Result<Session> GetSession(const std::string& token_hash) override {
    auto rows = ReadAll<Session>(
        "SELECT token_hash, username, created_at, expires_at FROM sessions WHERE token_hash = ?1",
        ReadSession<Stmt>,
        [&](Stmt& s) { s.Bind(1, token_hash); });
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("session");
    return rows->front();
  }
  Status DeleteSession(const std::string& token_hash) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("DELETE FROM sessions WHERE token_hash = ?1"));
      return s->Bind(1, token_hash).Run();
    });
  }
  // ---- security (issue 9) ----
  Result<int64_t> DeleteUserSessions(const std::string& username) override {
    int64_t deleted = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("DELETE FROM sessions WHERE username = ?1"));
      LX_RETURN_IF_ERROR(s->Bind(1, username).Run());
      deleted = c.Changes();
      return Status::Ok();
    }));
    return deleted;
  }

  // ---- tickets ----
  using Store::CreateTicket;
  Result<Ticket> CreateTicket(const Ticket& ticket, const std::vector<TicketEvent>& events,
                              const std::string& number_prefix) override {
    if (events.empty()) return Status::InvalidArgument("a new ticket needs its first event");
    Ticket stored = ticket;
    const std::string terms = DocumentTerms(ticket.title, ticket.body);  // outside the writer
    Status st = Write([&](Connection& c) -> Status {
      return InsertNewTicket(c, events, number_prefix, terms, stored);
    });
    if (!st.ok()) return st;
    return stored;
  }

  Result<Ticket> AppendEvent(const Ticket& next, const TicketEvent& event) override {
    Status st = Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * up, c.Prepare(kUpdateTicketSql));
      BindTicket(*up, next);
      up->Bind(34, next.id).Bind(35, next.version - 1);
      LX_RETURN_IF_ERROR(up->Run());
      if (c.Changes() != 1) {
        return Status::Aborted("ticket " + std::to_string(next.id) +
                               " changed concurrently or does not exist");
      }
      TicketEvent e = event;
      e.ticket_id = next.id;
      return InsertEvent(c, e).status();
    });
    if (!st.ok()) return st;
    return next;
  }

  Result<Ticket> GetTicket(TicketId id) override {
    auto rows = ReadTickets(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?1",
                            [&](Stmt& s) { s.Bind(1, id); });
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("ticket " + std::to_string(id));
    return rows->front();
  }
  Result<Ticket> GetTicketByNumber(const std::string& number) override {
    auto rows = ReadTickets(
        std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE number = ?1",
        [&](Stmt& s) { s.Bind(1, number); });
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("ticket " + number);
    return rows->front();
  }

  Result<TicketPage> ListTickets(const TicketFilter& f) override {
    LX_ASSIGN_OR_RETURN(SqlWhere where, TicketFilterWhere(f, dialect_));
    return ReadPage(where, TicketFilterOrder(f));
  }

  Result<std::vector<TicketEvent>> ListEvents(TicketId id) override {
    return ReadEvents("WHERE ticket_id = ?1 ORDER BY id", [&](Stmt& s) { s.Bind(1, id); });
  }

  // ---- notifications outbox (issue 4, part A) ----
  Result<std::vector<TicketEvent>> ListEventsAfter(int64_t after_id, int limit) override {
    if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit must be 1..100000");
    return ReadEvents("WHERE id > ?1 ORDER BY id LIMIT ?2",
                      [&](Stmt& s) { s.Bind(1, after_id).Bind(2, int64_t{limit}); });
  }
  Result<int64_t> GetCursor(const std::string& name) override {
    auto rows = ReadAll<int64_t>("SELECT last_event_id FROM outbox_cursors WHERE name = ?1",
                                 [](const Stmt& s) { return s.Int(0); },
                                 [&](Stmt& s) { s.Bind(1, name); });
    if (!rows.ok()) return rows.status();
    return rows->empty() ? 0 : rows->front();
  }
  Result<int64_t> EnqueueMessages(const std::vector<OutboxMessage>& messages,
                                  const std::string& name, int64_t cursor) override {
    int64_t inserted = 0;
    Status st = Write([&](Connection& c) -> Status {
      for (const OutboxMessage& m : messages) {
        LX_ASSIGN_OR_RETURN(
            Stmt * s,
            c.Prepare("INSERT OR IGNORE INTO outbox (event_id, ticket_id, audience, address, kind, "
                      "body, status, attempts, next_attempt_at, last_error, created_at, sent_at) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)"));
        BindMessage(*s, m);
        LX_RETURN_IF_ERROR(s->Run());
        inserted += c.Changes();
      }
      LX_ASSIGN_OR_RETURN(Stmt * cur, c.Prepare("INSERT INTO outbox_cursors (name, last_event_id) "
                                                "VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET "
                                                "last_event_id = excluded.last_event_id"));
      return cur->Bind(1, name).Bind(2, cursor).Run();
    });
    if (!st.ok()) return st;
    return inserted;
  }
  Result<std::vector<OutboxMessage>> ListDueMessages(TimeMs now, int limit) override {
    return ReadMessages("WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, "
                        "id LIMIT ?2",
                        [&](Stmt& s) { s.Bind(1, now).Bind(2, int64_t{limit}); });
  }
  Status UpdateMessage(const OutboxMessage& m) override { return UpdateMessages({m}); }
  Status UpdateMessages(const std::vector<OutboxMessage>& messages) override {
    return Write([&](Connection& c) -> Status {
      for (const OutboxMessage& m : messages) {
        LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("UPDATE outbox SET status = ?1, attempts = ?2, "
                                                "next_attempt_at = ?3, last_error = ?4, sent_at = ?5 "
                                                "WHERE id = ?6"));
        LX_RETURN_IF_ERROR(s->Bind(1, ToString(m.state))
                               .Bind(2, int64_t{m.attempts})
                               .Bind(3, m.next_attempt_at)
                               .Bind(4, m.last_error)
                               .Bind(5, m.sent_at)
                               .Bind(6, m.id)
                               .Run());
        if (c.Changes() != 1) return Status::NotFound("outbox message " + std::to_string(m.id));
      }
      return Status::Ok();
    });
  }
  Result<OutboxPage> ListMessages(std::optional<OutboxMessage::State> state, int limit,
                                  int offset) override {
    if (limit < 1 || limit > 500) return Status::InvalidArgument("limit must be 1..500");
    if (offset < 0) return Status::InvalidArgument("offset must be >= 0");
    std::string where = state ? "WHERE status = ?1" : "WHERE ?1 = ?1";
    std::string v = state ? std::string(ToString(*state)) : "";
    auto bind = [&](Stmt& s) { s.Bind(1, v); };
    OutboxPage page;
    auto count = ReadAll<int64_t>("SELECT COUNT(*) FROM outbox " + where,
                                  [](const Stmt& s) { return s.Int(0); }, bind);
    if (!count.ok()) return count.status();
    page.total = count->front();
    LX_ASSIGN_OR_RETURN(page.items, ReadMessages(where + " ORDER BY id DESC LIMIT " +
                                                     std::to_string(limit) + " OFFSET " +
                                                     std::to_string(offset),
                                                 bind));
    return page;
  }
  // ---- end notifications outbox ----

 private:
  Result<std::vector<OutboxMessage>> ReadMessages(const std::string& tail,
                                                  const std::function<void(Stmt&)>& bind) {
    return ReadAll<OutboxMessage>(std::string("SELECT ") + kOutboxColumns + " FROM outbox " + tail,
                                  ReadMessage<Stmt>, bind);
  }

  Result<std::vector<TicketEvent>> ReadEvents(const std::string& tail,
                                              const std::function<void(Stmt&)>& bind) {
    return ReadAll<TicketEvent>(std::string(kEventSelect) + " " + tail, ReadEvent<Stmt>, bind);
  }

 public:

  Result<int64_t> ImportTickets(const std::vector<TicketWithEvents>& batch) override {
    int64_t inserted = 0;
    std::vector<std::string> terms;  // outside the writer
    terms.reserve(batch.size());
    for (const TicketWithEvents& item : batch) {
      terms.push_back(ImportTerms(item.ticket.title, item.ticket.body));
    }
    Status st = Write([&](Connection& c) -> Status {
      for (size_t i = 0; i < batch.size(); ++i) {
        const TicketWithEvents& item = batch[i];
        LX_ASSIGN_OR_RETURN(Stmt * ex, c.Prepare("SELECT 1 FROM tickets WHERE number = ?1"));
        ex->Bind(1, item.ticket.number);
        LX_ASSIGN_OR_RETURN(bool exists, ex->Step());
        ex->Reset();
        if (exists) continue;
        LX_ASSIGN_OR_RETURN(Stmt * ins, c.Prepare(kInsertTicketSql));
        Ticket t = item.ticket;
        t.version = static_cast<int64_t>(item.events.size());
        BindTicket(*ins, t);
        LX_RETURN_IF_ERROR(ins->Run());
        int64_t id = c.LastInsertRowId();
        for (TicketEvent e : item.events) {
          e.ticket_id = id;
          LX_RETURN_IF_ERROR(InsertEvent(c, e).status());
        }
        LX_RETURN_IF_ERROR(AddTerms(c, id, terms[i]));
        ++inserted;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return inserted;
  }

  // ---- batched appends and bulk loads (issue 4: scheduler burst, simulated year) ----
  Result<std::vector<bool>> AppendEvents(
      const std::vector<std::pair<Ticket, TicketEvent>>& writes) override {
    if (writes.size() > 10000) return Status::InvalidArgument("at most 10000 appends per batch");
    std::vector<bool> stored(writes.size(), false);
    if (writes.empty()) return stored;
    Status st = Write([&](Connection& c) -> Status {
      std::fill(stored.begin(), stored.end(), false);  // a retried job starts afresh
      for (size_t i = 0; i < writes.size(); ++i) {
        const auto& [next, event] = writes[i];
        LX_ASSIGN_OR_RETURN(Stmt * up, c.Prepare(kUpdateTicketSql));
        BindTicket(*up, next);
        up->Bind(34, next.id).Bind(35, next.version - 1);
        LX_RETURN_IF_ERROR(up->Run());
        if (c.Changes() != 1) continue;  // changed concurrently: skipped, nothing written
        TicketEvent e = event;
        e.ticket_id = next.id;
        LX_RETURN_IF_ERROR(InsertEvent(c, e).status());
        stored[i] = true;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return stored;
  }
  // A bulk load's document terms, remembered for texts seen recently: imports
  // and the simulated year repeat texts (resampled messages), and segmenting
  // each copy again was most of a bulk insert's CPU. Same terms either way.
  std::string ImportTerms(const std::string& title, const std::string& body) {
    std::string key = title + '\x1f' + body;
    {
      std::lock_guard<std::mutex> lock(terms_cache_mu_);
      auto hit = terms_cache_.find(key);
      if (hit != terms_cache_.end()) return hit->second;
    }
    std::string terms = DocumentTerms(title, body);
    std::lock_guard<std::mutex> lock(terms_cache_mu_);
    if (terms_cache_.size() >= kTermsCacheSize) terms_cache_.clear();
    terms_cache_.emplace(std::move(key), terms);
    return terms;
  }
  static constexpr size_t kTermsCacheSize = 20000;
  std::mutex terms_cache_mu_;
  std::unordered_map<std::string, std::string> terms_cache_;  // GUARDED_BY(terms_cache_mu_)
  // ---- end batched appends and bulk loads ----

  Result<StoreStats> Stats() override {
    auto rows = ReadAll<StoreStats>(StatsSql(),
        [](const Stmt& s) { return StoreStats{s.Int(0), s.Int(1), s.Int(2)}; });
    if (!rows.ok()) return rows.status();
    return rows->front();
  }

  Result<std::vector<Ticket>> ListAlarms(TimeMs now, int limit) override {
    return ReadTickets(std::string("SELECT ") + kTicketColumns +
                           " FROM tickets WHERE next_alarm_at <> 0 AND next_alarm_at <= ?1 "
                           "ORDER BY next_alarm_at, id LIMIT ?2",
                       [&](Stmt& s) { s.Bind(1, now).Bind(2, int64_t{limit}); });
  }

  Result<DispatchOutcomes> CountDispatchOutcomes(const std::string& agent, TimeMs from) override {
    auto rows = ReadAll<DispatchOutcomes>(
        DispatchOutcomesSql(SqlitePlaceholder),
        [](const Stmt& s) { return DispatchOutcomes{s.Int(0), s.Int(1), s.Int(2)}; },
        [&](Stmt& s) { s.Bind(1, from).Bind(2, agent); });
    if (!rows.ok()) return rows.status();
    return rows->front();
  }

  // ---- evaluation rollups (issue 4, part B) ----
  Result<std::vector<TicketWithEvents>> ListTicketsWithEvents(TicketId after_id,
                                                              int limit) override {
    if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit must be 1..100000");
    LX_ASSIGN_OR_RETURN(std::vector<Ticket> tickets,
                        ReadTickets(std::string("SELECT ") + kTicketColumns +
                                        " FROM tickets WHERE id > ?1 ORDER BY id LIMIT ?2",
                                    [&](Stmt& s) { s.Bind(1, after_id).Bind(2, int64_t{limit}); }));
    std::vector<TicketWithEvents> out;
    if (tickets.empty()) return out;
    LX_ASSIGN_OR_RETURN(
        std::vector<TicketEvent> events,
        ReadAll<TicketEvent>(std::string("SELECT ") + kEventColumns +
                                 " FROM ticket_events WHERE ticket_id >= ?1 AND ticket_id <= ?2 "
                                 "ORDER BY ticket_id, id",
                             ReadEvent<Stmt>, [&](Stmt& s) {
                               s.Bind(1, tickets.front().id).Bind(2, tickets.back().id);
                             }));
    out = ZipEvents(std::move(tickets), std::move(events));
    return out;
  }

  Result<std::vector<TicketKey>> ListTicketKeys(TicketId after_id, int limit) override {
    if (limit < 1 || limit > 1000000) return Status::InvalidArgument("limit must be 1..1000000");
    return ReadAll<TicketKey>(
        "SELECT id, region_code, category_code, created_at FROM tickets WHERE id > ?1 "
        "ORDER BY id LIMIT ?2",
        ReadTicketKey<Stmt>,
        [&](Stmt& s) { s.Bind(1, after_id).Bind(2, int64_t{limit}); });
  }

  Result<int64_t> GetRollupCursor(const std::string& name) override {
    LX_ASSIGN_OR_RETURN(std::vector<int64_t> rows,
                        ReadAll<int64_t>("SELECT event_id FROM rollup_cursors WHERE name = ?1",
                                         [](const Stmt& s) { return s.Int(0); },
                                         [&](Stmt& s) { s.Bind(1, name); }));
    return rows.empty() ? int64_t{0} : rows.front();
  }

  Result<std::vector<RollupContribution>> GetRollupContributions(
      const std::vector<TicketId>& ids) override {
    std::vector<RollupContribution> out;
    constexpr size_t kChunk = 500;
    for (size_t start = 0; start < ids.size(); start += kChunk) {
      size_t end = std::min(ids.size(), start + kChunk);
      std::string sql =
          "SELECT ticket_id, region_code, category_code, created_at, payload FROM "
          "rollup_contributions WHERE ticket_id IN (";
      for (size_t i = start; i < end; ++i) sql += (i > start ? ",?" : "?") + std::to_string(i - start + 1);
      sql += ")";
      LX_ASSIGN_OR_RETURN(std::vector<RollupContribution> part,
                          ReadAll<RollupContribution>(
                              sql,
                              ReadContribution<Stmt>,
                              [&](Stmt& s) {
                                for (size_t i = start; i < end; ++i) {
                                  s.Bind(static_cast<int>(i - start + 1), ids[i]);
                                }
                              }));
      for (RollupContribution& c : part) out.push_back(std::move(c));
    }
    return out;
  }

  Result<bool> HasRollupPeer(const std::string& region_code, const std::string& category_code,
                             TimeMs from, TimeMs to, TicketId exclude) override {
    LX_ASSIGN_OR_RETURN(std::vector<int64_t> rows,
                        ReadAll<int64_t>(
                            "SELECT 1 FROM rollup_contributions WHERE region_code = ?1 AND "
                            "category_code = ?2 AND created_at >= ?3 AND created_at < ?4 AND "
                            "ticket_id <> ?5 LIMIT 1",
                            [](const Stmt& s) { return s.Int(0); },
                            [&](Stmt& s) {
                              s.Bind(1, region_code).Bind(2, category_code).Bind(3, from);
                              s.Bind(4, to).Bind(5, exclude);
                            }));
    return !rows.empty();
  }

  Status ApplyRollupBatch(const RollupBatch& b) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * get, c.Prepare("SELECT event_id FROM rollup_cursors WHERE name = ?1"));
      get->Bind(1, b.cursor_name);
      LX_ASSIGN_OR_RETURN(bool row, get->Step());
      int64_t current = row ? get->Int(0) : 0;
      get->Reset();
      if (current != b.expected_cursor) {
        return Status::Aborted("rollup cursor " + b.cursor_name + " is at " +
                               std::to_string(current) + ", expected " +
                               std::to_string(b.expected_cursor));
      }
      static const std::string kUpsert = RollupUpsertSql(SqlitePlaceholder);
      for (const RollupCell& cell : b.deltas) {
        LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(kUpsert));
        s->Bind(1, cell.grain).Bind(2, cell.period).Bind(3, cell.dim).Bind(4, cell.key);
        for (int i = 0; i < kRollupCounters; ++i) s->Bind(i + 5, cell.n[i]);
        LX_RETURN_IF_ERROR(s->Run());
      }
      for (const RollupContribution& k : b.contributions) {
        LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
            "INSERT OR REPLACE INTO rollup_contributions (ticket_id, region_code, category_code, "
            "created_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)"));
        s->Bind(1, k.ticket_id).Bind(2, k.region_code).Bind(3, k.category_code);
        LX_RETURN_IF_ERROR(s->Bind(4, k.created_at).Bind(5, k.payload).Run());
      }
      LX_ASSIGN_OR_RETURN(Stmt * put, c.Prepare(
          "INSERT OR REPLACE INTO rollup_cursors (name, event_id) VALUES (?1, ?2)"));
      return put->Bind(1, b.cursor_name).Bind(2, b.cursor).Run();
    });
  }

  Status ResetRollups(const std::string& name, int64_t cursor) override {
    return Write([&](Connection& c) -> Status {
      LX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_cells; DELETE FROM rollup_contributions;"));
      LX_ASSIGN_OR_RETURN(Stmt * put, c.Prepare(
          "INSERT OR REPLACE INTO rollup_cursors (name, event_id) VALUES (?1, ?2)"));
      return put->Bind(1, name).Bind(2, cursor).Run();
    });
  }

  Result<std::vector<RollupCell>> SumRollups(const std::string& grain, const std::string& dim,
                                             int64_t from, int64_t to) override {
    return ReadAll<RollupCell>(
        SumRollupsSql(SqlitePlaceholder, ""),
        [&](const Stmt& s) { return ReadSummedCell(s, grain, dim, from); },
        [&](Stmt& s) { s.Bind(1, grain).Bind(2, dim).Bind(3, from).Bind(4, to); });
  }
  // ---- end evaluation rollups ----

  Status LogAccess(const AccessRecord& r) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO access_log (at, username, role, "
                                              "ticket_id, fields, purpose) VALUES (?1,?2,?3,?4,?5,?6)"));
      return s->Bind(1, r.at)
          .Bind(2, r.username)
          .Bind(3, r.role)
          .Bind(4, r.ticket_id)
          .Bind(5, r.fields)
          .Bind(6, r.purpose)
          .Run();
    });
  }
  Result<std::vector<AccessRecord>> ListAccess(int limit) override {
    return ReadAll<AccessRecord>(
        "SELECT at, username, role, ticket_id, fields, purpose FROM access_log ORDER BY id DESC "
        "LIMIT ?1",
        ReadAccess<Stmt>,
        [&](Stmt& s) { s.Bind(1, int64_t{limit}); });
  }

  // ---- knowledge base (issue 5) ----
  Result<KbEntry> CreateKbEntry(const KbEntry& entry) override {
    KbEntry stored = entry;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status { return InsertKbEntry(c, stored); }));
    return stored;
  }
  Result<KbEntry> AddKbEntryVersion(const KbEntry& entry) override {
    KbEntry stored = entry;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("UPDATE kb_entries SET latest_version = latest_version + 1 "
                                              "WHERE id = ?1 RETURNING latest_version"));
      s->Bind(1, entry.id);
      LX_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) {
        s->Reset();
        return Status::NotFound("知识条目 " + std::to_string(entry.id) + " 不存在");
      }
      stored.version = static_cast<int>(s->Int(0));
      s->Reset();
      LX_RETURN_IF_ERROR(InsertKbVersion(c, stored));
      if (stored.status == KbEntryStatus::kPublished) {
        return SetKbStatus(c, stored.id, stored.version, KbEntryStatus::kPublished);
      }
      return Status::Ok();
    }));
    return stored;
  }
  Status SetKbEntryStatus(int64_t id, int version, KbEntryStatus status) override {
    return Write([&](Connection& c) -> Status { return SetKbStatus(c, id, version, status); });
  }
  Result<std::vector<KbEntry>> ListKbEntryVersions(int64_t id) override {
    LX_ASSIGN_OR_RETURN(std::vector<KbEntry> rows,
                        ReadAll<KbEntry>(std::string("SELECT ") + kKbColumns +
                                             " FROM kb_entry_versions WHERE entry_id = ?1 ORDER BY version",
                                         ReadKbEntry<Stmt>, [&](Stmt& s) { s.Bind(1, id); }));
    if (rows.empty()) return Status::NotFound("知识条目 " + std::to_string(id) + " 不存在");
    return rows;
  }
  Result<std::vector<KbEntry>> ListKbEntries(bool published_only) override {
    return ReadAll<KbEntry>(KbListSql(published_only), ReadKbEntry<Stmt>);
  }
  Result<int64_t> ImportKbEntries(const std::vector<KbEntry>& entries) override {
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      for (const KbEntry& e : entries) {
        KbEntry copy = e;
        LX_RETURN_IF_ERROR(InsertKbEntry(c, copy));
      }
      return Status::Ok();
    }));
    return static_cast<int64_t>(entries.size());
  }
  // ---- end knowledge base ----
  // ---- AI seat assist log (issue 5): SqlStoreBase ----
  // ---- open interfaces: Open311 and open data (issue 8) ----
  Status PutApiClient(const ApiClient& a) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(
          Stmt * s, c.Prepare("INSERT INTO api_clients (name, key_hash, batch, active, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET "
                              "key_hash = excluded.key_hash, "
                              "batch = excluded.batch, active = excluded.active, created_at = "
                              "excluded.created_at"));
      return s->Bind(1, a.name)
          .Bind(2, a.key_hash)
          .Bind(3, int64_t{a.batch})
          .Bind(4, int64_t{a.active})
          .Bind(5, a.created_at)
          .Run();
    });
  }
  Result<ApiClient> GetApiClientByKeyHash(const std::string& key_hash) override {
    auto rows = ReadApiClients("WHERE key_hash = ?1", key_hash);
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("api client");
    return rows->front();
  }
  Result<std::vector<ApiClient>> ListApiClients() override {
    return ReadApiClients("ORDER BY name", "");
  }
  Status PutOpen311Meta(const Open311Meta& m) override {
    return Write([&](Connection& c) -> Status { return InsertOpen311Meta(c, m); });
  }
  Result<std::vector<Open311Meta>> ListOpen311Meta(const std::vector<TicketId>& ids) override {
    std::vector<Open311Meta> out;
    for (TicketId id : ids) {
      auto rows = ReadAll<Open311Meta>(
          "SELECT ticket_id, client, account_id, device_id, email, media_url FROM open311_meta "
          "WHERE ticket_id = ?1",
          ReadOpen311Meta<Stmt>, [&](Stmt& s) { s.Bind(1, id); });
      if (!rows.ok()) return rows.status();
      if (rows->empty()) continue;
      Open311Meta m = std::move(rows->front());
      using Attr = std::pair<std::string, std::string>;
      auto attrs = ReadAll<Attr>(
          "SELECT code, value FROM open311_attributes WHERE ticket_id = ?1 ORDER BY seq",
          [](const Stmt& s) {
            return Attr{s.Text(0), s.Text(1)};
          },
          [&](Stmt& s) { s.Bind(1, id); });
      if (!attrs.ok()) return attrs.status();
      m.attributes = std::move(attrs).value();
      out.push_back(std::move(m));
    }
    return out;
  }
  Status PutOpen311Token(const Open311Token& t) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO open311_tokens (token, kind, target, "
                                              "created_at) VALUES (?1, ?2, ?3, ?4) "
                                              "ON CONFLICT (token) DO NOTHING"));
      LX_RETURN_IF_ERROR(
          s->Bind(1, t.token).Bind(2, t.kind).Bind(3, t.target).Bind(4, t.created_at).Run());
      if (c.Changes() != 1) return Status::AlreadyExists("token taken");
      return Status::Ok();
    });
  }
  Result<Open311Token> GetOpen311Token(const std::string& token, const std::string& kind) override {
    auto rows = ReadAll<Open311Token>(
        "SELECT token, kind, target, created_at FROM open311_tokens WHERE token = ?1 AND kind = ?2",
        ReadOpen311Token<Stmt>, [&](Stmt& s) { s.Bind(1, token).Bind(2, kind); });
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("token " + token);
    return rows->front();
  }
  Result<TicketPage> QueryTickets(const TicketQuery& q) override {
    LX_ASSIGN_OR_RETURN(SqlWhere where, TicketQueryWhere(q, dialect_));
    return ReadPage(where, TicketQueryOrder(q));
  }
  Result<std::vector<TicketEvent>> ListEventsBetween(TimeMs from, TimeMs to, bool public_only,
                                                     int limit) override {
    if (limit < 1 || limit > 10000) return Status::InvalidArgument("limit must be 1..10000");
    return ReadAll<TicketEvent>(
        std::string(kEventSelect) + " WHERE at >= ?1 AND (?2 = 0 OR at < ?2)" +
            (public_only ? " AND is_public = 1" : "") + " ORDER BY at, id LIMIT ?3",
        ReadEvent<Stmt>, [&](Stmt& s) { s.Bind(1, from).Bind(2, to).Bind(3, int64_t{limit}); });
  }
  Result<std::vector<ApiClient>> ReadApiClients(const std::string& tail, const std::string& arg) {
    return ReadAll<ApiClient>(
        "SELECT name, key_hash, batch, active, created_at FROM api_clients " + tail,
        ReadApiClient<Stmt>, [&](Stmt& s) {
          if (!arg.empty()) s.Bind(1, arg);
        });
  }
  // ---- end open interfaces (issue 8) ----
  // ---- several nodes (issue 9) ----
  // One process owns the file: it always leads.
  Result<bool> TryLead(const std::string& /*lease*/) override { return true; }

  // ---- department integration (issue 8 item 2; migration 0010) ----
  // (integrations and attachments: SqlStoreBase)
  Result<Ticket> CreateTicketWithOpen311Meta(const Ticket& ticket,
                                             const std::vector<TicketEvent>& events,
                                             const std::string& number_prefix,
                                             const Open311Meta& meta) override {
    if (events.empty()) return Status::InvalidArgument("a new ticket needs its first event");
    Ticket stored = ticket;
    const std::string terms = DocumentTerms(ticket.title, ticket.body);  // outside the writer
    Status st = Write([&](Connection& c) -> Status {
      LX_RETURN_IF_ERROR(InsertNewTicket(c, events, number_prefix, terms, stored));
      Open311Meta m = meta;
      m.ticket_id = stored.id;
      return InsertOpen311Meta(c, m);
    });
    if (!st.ok()) return st;
    return stored;
  }

  // (proactive governance, issue 6: SqlStoreBase)

 private:
  // ---- SqlStoreBase's hooks: a pooled read connection, a job of the writer ----
  Status ReadDb(const std::function<Status(sql::Db&)>& fn) override {
    LX_ASSIGN_OR_RETURN(std::unique_ptr<ReadLease> lease, Lease());
    sqlite::ConnectionDb db(**lease);
    return fn(db);
  }
  Status WriteDb(const std::function<Status(sql::Db&)>& fn) override {
    return Write([&](Connection& c) {
      sqlite::ConnectionDb db(c);
      return fn(db);
    });
  }

  // The writer's part of CreateTicket: numbers and inserts `stored` (id,
  // number and version set in it), its events and its search terms.
  Status InsertNewTicket(Connection& c, const std::vector<TicketEvent>& events,
                         const std::string& number_prefix, const std::string& terms,
                         Ticket& stored) {
    std::string day = FormatDayCst(stored.created_at);
    std::string key = number_prefix + "-" + day;
    LX_ASSIGN_OR_RETURN(
        Stmt * s, c.Prepare("INSERT INTO number_counters (key, next) VALUES (?1, 1) "
                            "ON CONFLICT (key) DO UPDATE SET next = next + 1 RETURNING next"));
    s->Bind(1, key);
    LX_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Internal("number counter returned no row");
    int64_t seq = s->Int(0);
    s->Reset();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(seq));
    stored.number = key + "-" + buf;
    stored.version = static_cast<int64_t>(events.size());
    LX_ASSIGN_OR_RETURN(Stmt * ins, c.Prepare(kInsertTicketSql));
    BindTicket(*ins, stored);
    LX_RETURN_IF_ERROR(ins->Run());
    stored.id = c.LastInsertRowId();
    for (TicketEvent e : events) {
      e.ticket_id = stored.id;
      LX_RETURN_IF_ERROR(InsertEvent(c, e).status());
    }
    return AddTerms(c, stored.id, terms);
  }

  // The writer's part of PutOpen311Meta.
  static Status InsertOpen311Meta(Connection& c, const Open311Meta& m) {
    LX_ASSIGN_OR_RETURN(
        Stmt * s,
        c.Prepare(
            "INSERT OR REPLACE INTO open311_meta (ticket_id, client, account_id, device_id, email, "
            "media_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    LX_RETURN_IF_ERROR(s->Bind(1, m.ticket_id)
                           .Bind(2, m.client)
                           .Bind(3, m.account_id)
                           .Bind(4, m.device_id)
                           .Bind(5, m.email)
                           .Bind(6, m.media_url)
                           .Run());
    LX_ASSIGN_OR_RETURN(Stmt * del,
                        c.Prepare("DELETE FROM open311_attributes WHERE ticket_id = ?1"));
    LX_RETURN_IF_ERROR(del->Bind(1, m.ticket_id).Run());
    for (size_t i = 0; i < m.attributes.size(); ++i) {
      // Prepare() hands out the cached statement reset, ready for the next row.
      LX_ASSIGN_OR_RETURN(Stmt * ins, c.Prepare("INSERT INTO open311_attributes (ticket_id, seq, "
                                                "code, value) VALUES (?1, ?2, ?3, ?4)"));
      LX_RETURN_IF_ERROR(ins->Bind(1, m.ticket_id)
                             .Bind(2, static_cast<int64_t>(i))
                             .Bind(3, m.attributes[i].first)
                             .Bind(4, m.attributes[i].second)
                             .Run());
    }
    return Status::Ok();
  }

  using WriteFn = std::function<Status(Connection&)>;
  struct Job {
    WriteFn fn;
    std::promise<Status> done;
  };

  // Queues `fn` for the writer thread and waits until its transaction committed.
  Status Write(WriteFn fn) {
    Job job{std::move(fn), {}};
    std::future<Status> result = job.done.get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return Status::Unavailable("store is closing");
      queue_.push_back(&job);
    }
    cv_.notify_one();
    return result.get();
  }

  void WriterLoop() {
    std::vector<Job*> batch;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && batch.size() < 512) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      RunBatch(batch);
      batch.clear();
    }
  }

  void RunBatch(const std::vector<Job*>& batch) {
    Connection& c = *writer_;
    std::vector<Status> results(batch.size());
    Status begin = c.Exec("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (Job* j : batch) j->done.set_value(begin);
      return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      c.Exec("SAVEPOINT job");
      results[i] = batch[i]->fn(c);
      if (!results[i].ok()) c.Exec("ROLLBACK TO job");
      // ---- faults (issue 9 item 4) ----
      // On a full or failing disk SQLite may roll the whole transaction back by
      // itself: then no job of the batch is stored, and the rest must not run in
      // autocommit mode (each would commit on its own but be answered as failed).
      if (!c.InTransaction()) {
        Status lost = results[i].ok()
                          ? Status::Unavailable("存储写入失败，本次操作没有保存，请稍后重试")
                          : results[i];
        for (Job* j : batch) j->done.set_value(lost);
        return;
      }
      // ---- end faults ----
      c.Exec("RELEASE job");
    }
    Status commit = c.Exec("COMMIT");
    if (!commit.ok()) {
      c.Exec("ROLLBACK");
      for (Job* j : batch) j->done.set_value(commit);
      return;
    }
    indexer_->Notify();  // new tickets' terms, if any, go into the full-text index soon
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(results[i]);
  }

  // Stores a new ticket's search terms with it, for the indexer (search_index.h);
  // inside the job's savepoint, so a failed job leaves none behind.
  static Status AddTerms(Connection& c, int64_t id, const std::string& terms) {
    LX_ASSIGN_OR_RETURN(Stmt * s,
                        c.Prepare("INSERT INTO ticket_terms (id, terms) VALUES (?1, ?2)"));
    return s->Bind(1, id).Bind(2, terms).Run();
  }

  // A ticket's document terms, space separated: those of the title, then the
  // body's others. (Cut apart, as the classifier cuts them, so the segmenter's
  // per-thread memory serves the second request for the same text.)
  std::string DocumentTerms(const std::string& title, const std::string& body) const {
    return sql::DocumentTerms(options_, title, body);
  }

  // lx_search_terms(text): the document terms, for migrations and triggers.
  static void SqlSearchTerms(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    auto* self = static_cast<SqliteStore*>(sqlite3_user_data(ctx));
    const unsigned char* text = argc == 1 ? sqlite3_value_text(argv[0]) : nullptr;
    std::string out = self->DocumentTerms(text ? reinterpret_cast<const char*>(text) : "", "");
    sqlite3_result_text(ctx, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
  }

  // Rebuilds the index when it was made by another search-terms function, and
  // records the one in force.
  Status CheckSearchIndex() {
    Connection& c = *writer_;
    std::string built_with;
    {
      LX_ASSIGN_OR_RETURN(Stmt * s,
                          c.Prepare("SELECT value FROM store_meta WHERE key = 'search_terms'"));
      LX_ASSIGN_OR_RETURN(bool row, s->Step());
      if (row) built_with = s->Text(0);
      s->Reset();
    }
    if (built_with == options_.search_terms_name) return Status::Ok();
    LX_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
    Status st = Status::Ok();
    if (!built_with.empty()) {  // empty: migration 0003 just built it with this function
      st = c.Exec(
          "UPDATE ticket_terms SET terms = lx_search_terms(t.title || ' ' || t.body) "
          "FROM tickets t WHERE t.id = ticket_terms.id");
      // The index file, built by the other function, is rebuilt whole.
      if (st.ok()) st = c.Exec("DELETE FROM search_reindex");
    }
    if (st.ok()) {
      auto s = c.Prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('search_terms', ?1)");
      st = s.ok() ? (*s)->Bind(1, options_.search_terms_name).Run() : s.status();
    }
    if (!st.ok()) {
      c.Exec("ROLLBACK");
      return st;
    }
    return c.Exec("COMMIT");
  }

  Status Migrate() {
    Connection& c = *writer_;
    LX_RETURN_IF_ERROR(c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
        "NOT NULL, applied_at INTEGER NOT NULL)"));
    // Every migration not recorded yet, in order, each once by its own number:
    // numbers are reserved per line of work, so a lower one may arrive after a
    // higher one was applied.
    std::set<int64_t> applied;
    {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("SELECT version FROM schema_migrations"));
      for (;;) {
        LX_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        applied.insert(s->Int(0));
      }
      s->Reset();
    }
    for (const auto& m : sqlite::Migrations()) {
      if (applied.count(m.version)) continue;
      LX_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
      Status st = c.Exec(m.sql);
      if (st.ok()) {
        LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO schema_migrations VALUES (?1, ?2, "
                                                "strftime('%s','now') * 1000)"));
        st = s->Bind(1, int64_t{m.version}).Bind(2, std::string_view(m.name)).Run();
      }
      if (!st.ok()) {
        c.Exec("ROLLBACK");
        return Status::Internal(std::string("migration ") + m.name + " failed: " + st.message());
      }
      LX_RETURN_IF_ERROR(c.Exec("COMMIT"));
    }
    return Status::Ok();
  }

  // A pooled read connection, returned to the pool on destruction.
  class ReadLease {
   public:
    ReadLease(SqliteStore* store, std::unique_ptr<Connection> c) : store_(store), c_(std::move(c)) {}
    ~ReadLease() {
      if (c_) {
        std::lock_guard<std::mutex> lock(store_->pool_mu_);
        store_->pool_.push_back(std::move(c_));
      }
    }
    Connection& operator*() { return *c_; }

   private:
    SqliteStore* store_;
    std::unique_ptr<Connection> c_;
  };

  Result<std::unique_ptr<ReadLease>> Lease() {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return std::make_unique<ReadLease>(this, std::move(c));
      }
    }
    LX_ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Connection::Open(path_));
    LX_ASSIGN_OR_RETURN(Stmt * attach, c->Prepare("ATTACH DATABASE ?1 AS search"));
    LX_RETURN_IF_ERROR(attach->Bind(1, sqlite::SearchIndexPath(path_)).Run());
    return std::make_unique<ReadLease>(this, std::move(c));
  }

  template <typename T, typename RowFn>
  Result<std::vector<T>> ReadAll(const std::string& sql, RowFn row_fn,
                                 const std::function<void(Stmt&)>& bind = {}) {
    LX_ASSIGN_OR_RETURN(std::unique_ptr<ReadLease> lease, Lease());
    LX_ASSIGN_OR_RETURN(Stmt * s, (**lease).Prepare(sql));
    if (bind) bind(*s);
    std::vector<T> out;
    for (;;) {
      Result<bool> r = s->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      out.push_back(row_fn(*s));
    }
    s->Reset();
    return out;
  }

  Result<std::vector<Ticket>> ReadTickets(const std::string& sql,
                                          const std::function<void(Stmt&)>& bind) {
    return ReadAll<Ticket>(sql, ReadTicket<Stmt>, bind);
  }

  Result<std::vector<User>> ReadUsers(const std::string& tail, const std::string& arg) {
    return ReadAll<User>(
        "SELECT username, display_name, role, unit_code, password_hash, active, created_at FROM "
        "users " + tail,
        ReadUser<Stmt>,
        [&](Stmt& s) {
          if (!arg.empty()) s.Bind(1, arg);
        });
  }

  // A page of tickets matching `where` (total ignores limit and offset).
  Result<TicketPage> ReadPage(const SqlWhere& where, const std::string& order) {
    auto bind_all = [&](Stmt& s) { BindValues(s, where.values()); };
    TicketPage page;
    auto count = ReadAll<int64_t>("SELECT COUNT(*) FROM tickets" + where.sql(),
                                  [](const Stmt& s) { return s.Int(0); }, bind_all);
    if (!count.ok()) return count.status();
    page.total = count->empty() ? 0 : count->front();
    LX_ASSIGN_OR_RETURN(page.items, ReadTickets(std::string("SELECT ") + kTicketColumns +
                                                    " FROM tickets" + where.sql() + order,
                                                bind_all));
    return page;
  }

  // The SQLite spelling of ticket lists: the FTS5 index for terms (each term
  // quoted: FTS5's implicit AND), instr() for list columns.
  SqlDialect MakeDialect() {
    SqlDialect d;
    d.placeholder = SqlitePlaceholder;
    d.list_contains = [](const std::string& column, const std::string& p) {
      // A comma-joined list of codes (codes never contain a comma).
      return "instr(',' || " + column + " || ',', ',' || " + p + " || ',') > 0";
    };
    d.terms_match = [](SqlWhere& w, const std::vector<std::string>& terms) {
      std::string match;  // "t1" "t2": every term (FTS5 implicit AND), each quoted
      for (const std::string& t : terms) {
        match += match.empty() ? "\"" : " \"";
        for (char ch : t) match += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        match += "\"";
      }
      // The index, and the tickets it has not reached yet (search_index.h).
      const int first = static_cast<int>(w.values().size()) + 1;
      w.Param(match);
      for (const std::string& t : terms) w.Param(" " + t + " ");
      return sqlite::TextMatchSql(first, first + 1, terms.size());
    };
    d.query_terms = [this](const std::string& piece) { return options_.search_terms(piece, true); };
    return d;
  }

  std::string path_;
  SqliteOptions options_;
  SqlDialect dialect_ = MakeDialect();
  std::unique_ptr<Connection> writer_;
  std::thread writer_thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
  std::unique_ptr<sqlite::SearchIndexer> indexer_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, SqliteOptions options) {
  if (path.empty()) return Status::InvalidArgument("empty database path");
  auto store = std::make_unique<SqliteStore>(path, std::move(options));
  LX_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace lianxin::store
