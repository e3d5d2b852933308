// The proactive-governance tables in SQL both backends run (see insight_tables.h).
#include "store/insight_tables.h"

#include <algorithm>
#include <functional>
#include <map>

#include "store/sql_rows.h"

namespace lianxin::store::sql {
namespace {


std::string JoinIds(const std::vector<TicketId>& ids) {
  std::vector<std::string> parts;
  for (TicketId id : ids) parts.push_back(std::to_string(id));
  return JoinWith(parts, ',');
}

std::vector<TicketId> SplitIds(const std::string& s) {
  std::vector<TicketId> out;
  for (const std::string& part : SplitOn(s, ',')) out.push_back(std::stoll(part));
  return out;
}

// A WHERE clause grown condition by condition, with its parameters.
class Where {
 public:
  // "?n" for a new parameter.
  std::string Param(Arg v) {
    args_.push_back(std::move(v));
    return "?" + std::to_string(args_.size());
  }
  std::string Text(std::string v) { return Param(std::move(v)); }
  std::string Int(int64_t v) { return Param(v); }
  void And(const std::string& condition) { sql_ += " AND (" + condition + ")"; }
  // `column` is `prefix` or inside its subtree (hierarchical dotted codes),
  // compared as bytes (`collate`).
  void Subtree(const std::string& column, const std::string& prefix, const std::string& collate) {
    if (prefix.empty()) return;
    std::string exact = Text(prefix), low = Text(prefix + "."), high = Text(prefix + "/");
    And(column + " = " + exact + " OR (" + column + collate + " >= " + low + " AND " + column +
        collate + " < " + high + ")");
  }
  void Equals(const std::string& column, const std::string& value) {
    if (!value.empty()) And(column + " = " + Text(value));
  }
  const std::string& sql() const { return sql_; }
  const std::vector<Arg>& args() const { return args_; }

 private:
  std::string sql_ = " WHERE 1=1";
  std::vector<Arg> args_;
};

// Runs `sql`, calling `row` for each result row.
Status EachRow(Db& c, const std::string& sql, const std::vector<Arg>& args,
               const std::function<void(const ResultRow&)>& row) {
  return c.Run(sql, args, row).status();
}

Result<int64_t> CountRows(Db& c, const std::string& sql, const Where& where) {
  int64_t n = 0;
  LX_RETURN_IF_ERROR(EachRow(c, sql + where.sql(), where.args(),
                             [&](const ResultRow& s) { n = s.Int(0); }));
  return n;
}

Status CheckPage(int limit, int offset) {
  if (limit < 1 || limit > 500) return Status::InvalidArgument("limit must be 1..500");
  if (offset < 0) return Status::InvalidArgument("offset must be >= 0");
  return Status::Ok();
}

std::string PageSql(int limit, int offset) {
  return " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
}

constexpr char kHotspotColumns[] =
    "id, title, heat, first_time, last_time, places, region_codes, units, keywords, region_code, "
    "category_code, size, people, likes, urgent, growth, updated_at";

StoredHotspot ReadHotspot(const ResultRow& s) {
  StoredHotspot h;
  h.id = s.Int(0);
  h.title = s.Text(1);
  h.heat = s.Double(2);
  h.first_time = s.Int(3);
  h.last_time = s.Int(4);
  h.places = SplitOn(s.Text(5), ',');
  h.region_codes = SplitOn(s.Text(6), ',');
  h.units = SplitOn(s.Text(7), ',');
  h.keywords = SplitOn(s.Text(8), ',');
  h.region_code = s.Text(9);
  h.category_code = s.Text(10);
  h.size = s.Int(11);
  h.people = s.Int(12);
  h.likes = s.Int(13);
  h.urgent = s.Int(14);
  h.growth = s.Double(15);
  h.updated_at = s.Int(16);
  return h;
}

constexpr char kMemberColumns[] = "seq, ticket_id, hotspot_id, at, user_key, terms";

HotspotMember ReadMember(const ResultRow& s) {
  return HotspotMember{s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Text(4), s.Text(5)};
}

constexpr char kAlertColumns[] =
    "id, kind, series_key, day, expected, seen, p_value, region_code, category_code, detail, "
    "examples, state, assignee_unit, note, updated_by, created_at, updated_at";

StoredAlert ReadAlert(const ResultRow& s) {
  StoredAlert a;
  a.id = s.Int(0);
  a.kind = s.Text(1);
  a.series_key = s.Text(2);
  a.day = s.Int(3);
  a.expected = s.Double(4);
  a.seen = s.Int(5);
  a.p_value = s.Double(6);
  a.region_code = s.Text(7);
  a.category_code = s.Text(8);
  a.detail = s.Text(9);
  a.examples = SplitIds(s.Text(10));
  a.state = s.Text(11);
  a.assignee_unit = s.Text(12);
  a.note = s.Text(13);
  a.updated_by = s.Text(14);
  a.created_at = s.Int(15);
  a.updated_at = s.Int(16);
  return a;
}

constexpr char kItemColumns[] =
    "id, title, description, source_kind, source_id, hotspot_id, region_code, category_code, "
    "lead_unit, assist_units, deadline, state, created_by, created_at, updated_at";

GovernanceItem ReadItem(const ResultRow& s) {
  GovernanceItem g;
  g.id = s.Int(0);
  g.title = s.Text(1);
  g.description = s.Text(2);
  g.source_kind = s.Text(3);
  g.source_id = s.Int(4);
  g.hotspot_id = s.Int(5);
  g.region_code = s.Text(6);
  g.category_code = s.Text(7);
  g.lead_unit = s.Text(8);
  g.assist_units = SplitOn(s.Text(9), ',');
  g.deadline = s.Int(10);
  g.state = s.Text(11);
  g.created_by = s.Text(12);
  g.created_at = s.Int(13);
  g.updated_at = s.Int(14);
  return g;
}

constexpr char kTaskColumns[] =
    "id, item_id, unit_code, title, deadline, state, updated_by, created_at, updated_at";

GovernanceTask ReadTask(const ResultRow& s) {
  GovernanceTask t;
  t.id = s.Int(0);
  t.item_id = s.Int(1);
  t.unit_code = s.Text(2);
  t.title = s.Text(3);
  t.deadline = s.Int(4);
  t.state = s.Text(5);
  t.updated_by = s.Text(6);
  t.created_at = s.Int(7);
  t.updated_at = s.Int(8);
  return t;
}

Result<bool> ItemExists(Db& c, int64_t id) {
  bool found = false;
  LX_RETURN_IF_ERROR(EachRow(c, "SELECT 1 FROM governance_items WHERE id = ?1", {id},
                             [&](const ResultRow&) { found = true; }));
  return found;
}

Status InsertTask(Db& c, GovernanceTask& t) {
  LX_ASSIGN_OR_RETURN(
      t.id, c.InsertId("INSERT INTO governance_tasks (item_id, unit_code, title, deadline, state, "
                       "updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       {t.item_id, t.unit_code, t.title, t.deadline, t.state, t.updated_by,
                        t.created_at, t.updated_at}));
  return Status::Ok();
}

}  // namespace

Status ApplyInsightPass(Db& c, const InsightPassBatch& b) {
  LX_ASSIGN_OR_RETURN(InsightCursor stored, GetInsightCursor(c, b.cursor_name));
  if (stored.position != b.expected_cursor) {
    return Status::Aborted("insight cursor " + b.cursor_name + " is at " +
                           std::to_string(stored.position) + ", not " +
                           std::to_string(b.expected_cursor));
  }
  for (const HotspotMember& m : b.members) {
    LX_RETURN_IF_ERROR(
        c.Run("INSERT INTO hotspot_members (ticket_id, hotspot_id, at, user_key, terms) VALUES "
              "(?1, ?2, ?3, ?4, ?5) ON CONFLICT (ticket_id) DO NOTHING",
              {m.ticket_id, m.hotspot_id, m.at, m.user_key, m.terms})
            .status());
  }
  for (const StoredHotspot& h : b.hotspots) {
    LX_RETURN_IF_ERROR(
        c.Run(std::string("INSERT INTO hotspots (") + kHotspotColumns +
                  ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                  "?16, ?17) ON CONFLICT (id) DO UPDATE SET title = excluded.title, heat = "
                  "excluded.heat, first_time = excluded.first_time, last_time = "
                  "excluded.last_time, places = excluded.places, region_codes = "
                  "excluded.region_codes, units = excluded.units, keywords = excluded.keywords, "
                  "region_code = excluded.region_code, category_code = excluded.category_code, "
                  "size = excluded.size, people = excluded.people, likes = excluded.likes, "
                  "urgent = excluded.urgent, growth = excluded.growth, updated_at = "
                  "excluded.updated_at",
              {h.id, h.title, h.heat, h.first_time, h.last_time, JoinWith(h.places, ','),
               JoinWith(h.region_codes, ','), JoinWith(h.units, ','), JoinWith(h.keywords, ','),
               h.region_code, h.category_code, h.size, h.people, h.likes, h.urgent, h.growth,
               h.updated_at})
            .status());
  }
  for (const StoredAlert& a : b.alerts) {
    LX_RETURN_IF_ERROR(
        c.Run(std::string("INSERT INTO alerts (") + (kAlertColumns + 4) +
                  ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                  "?16) ON CONFLICT (kind, series_key, day) DO NOTHING",
              {a.kind, a.series_key, a.day, a.expected, a.seen, a.p_value, a.region_code,
               a.category_code, a.detail, JoinIds(a.examples), a.state, a.assignee_unit, a.note,
               a.updated_by, a.created_at, a.updated_at})
            .status());
  }
  for (const StoredRepeat& r : b.repeats) {
    LX_RETURN_IF_ERROR(
        c.Run("INSERT INTO repeat_requests (ticket_id, kind, earlier_ticket_id, days_after, at, "
              "hotspot_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (ticket_id, kind) DO "
              "NOTHING",
              {r.ticket_id, r.kind, r.earlier_ticket_id, r.days_after, r.at, r.hotspot_id})
            .status());
  }
  // The cursor moves only from where this batch started: two passes applying
  // at once (PostgreSQL, READ COMMITTED) cannot both succeed.
  LX_ASSIGN_OR_RETURN(
      int64_t moved,
      c.Run("INSERT INTO insight_cursors (name, position, note) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (name) DO UPDATE SET position = excluded.position, note = excluded.note "
            "WHERE insight_cursors.position = ?4",
            {b.cursor_name, b.cursor, b.note, b.expected_cursor}));
  if (moved != 1) return Status::Aborted("insight cursor " + b.cursor_name + " moved meanwhile");
  return Status::Ok();
}

Status ResetHotspots(Db& c, const std::string& name, const std::string& note) {
  for (const char* table : {"hotspots", "hotspot_members", "repeat_requests"}) {
    LX_RETURN_IF_ERROR(c.Run(std::string("DELETE FROM ") + table, {}).status());
  }
  return c.Run("INSERT INTO insight_cursors (name, position, note) VALUES (?1, 0, ?2) "
               "ON CONFLICT (name) DO UPDATE SET position = 0, note = excluded.note",
               {name, note})
      .status();
}

Status UpdateAlert(Db& c, const StoredAlert& a) {
  LX_ASSIGN_OR_RETURN(int64_t changed,
                      c.Run("UPDATE alerts SET state = ?2, assignee_unit = ?3, note = ?4, "
                            "updated_by = ?5, updated_at = ?6 WHERE id = ?1",
                            {a.id, a.state, a.assignee_unit, a.note, a.updated_by, a.updated_at}));
  if (changed != 1) return Status::NotFound("alert " + std::to_string(a.id));
  return Status::Ok();
}

Status CreateGovernanceItem(Db& c, GovernanceItem& g, std::vector<GovernanceTask>& tasks,
                            const std::vector<TicketId>& tickets) {
  LX_ASSIGN_OR_RETURN(
      g.id, c.InsertId(std::string("INSERT INTO governance_items (") + (kItemColumns + 4) +
                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                       {g.title, g.description, g.source_kind, g.source_id, g.hotspot_id,
                        g.region_code, g.category_code, g.lead_unit, JoinWith(g.assist_units, ','),
                        g.deadline, g.state, g.created_by, g.created_at, g.updated_at}));
  for (GovernanceTask& t : tasks) {
    t.item_id = g.id;
    LX_RETURN_IF_ERROR(InsertTask(c, t));
  }
  return LinkGovernanceTickets(c, g.id, tickets).status();
}

Status UpdateGovernanceItem(Db& c, const GovernanceItem& g,
                            const std::optional<GovernanceProgress>& log) {
  LX_ASSIGN_OR_RETURN(
      int64_t changed,
      c.Run("UPDATE governance_items SET title = ?2, description = ?3, lead_unit = ?4, "
            "assist_units = ?5, deadline = ?6, state = ?7, updated_at = ?8 WHERE id = ?1",
            {g.id, g.title, g.description, g.lead_unit, JoinWith(g.assist_units, ','), g.deadline,
             g.state, g.updated_at}));
  if (changed != 1) return Status::NotFound("governance item " + std::to_string(g.id));
  if (!log) return Status::Ok();
  GovernanceProgress entry = *log;
  entry.item_id = g.id;
  return AddGovernanceProgress(c, entry);
}

Status PutGovernanceTask(Db& c, GovernanceTask& t,
                         const std::optional<GovernanceProgress>& log) {
  LX_ASSIGN_OR_RETURN(bool exists, ItemExists(c, t.item_id));
  if (!exists) return Status::NotFound("governance item " + std::to_string(t.item_id));
  if (t.id == 0) {
    LX_RETURN_IF_ERROR(InsertTask(c, t));
  } else {
    LX_ASSIGN_OR_RETURN(
        int64_t changed,
        c.Run("UPDATE governance_tasks SET unit_code = ?3, title = ?4, deadline = ?5, state = ?6, "
              "updated_by = ?7, updated_at = ?8 WHERE id = ?1 AND item_id = ?2",
              {t.id, t.item_id, t.unit_code, t.title, t.deadline, t.state, t.updated_by,
               t.updated_at}));
    if (changed != 1) return Status::NotFound("governance task " + std::to_string(t.id));
  }
  if (!log) return Status::Ok();
  GovernanceProgress entry = *log;
  entry.item_id = t.item_id;
  entry.task_id = t.id;
  return AddGovernanceProgress(c, entry);
}

Result<int64_t> LinkGovernanceTickets(Db& c, int64_t item_id,
                                      const std::vector<TicketId>& tickets) {
  LX_ASSIGN_OR_RETURN(bool exists, ItemExists(c, item_id));
  if (!exists) return Status::NotFound("governance item " + std::to_string(item_id));
  int64_t added = 0;
  for (TicketId id : tickets) {
    LX_ASSIGN_OR_RETURN(int64_t n, c.Run("INSERT INTO governance_tickets (item_id, ticket_id) "
                                         "VALUES (?1, ?2) ON CONFLICT (item_id, ticket_id) DO "
                                         "NOTHING",
                                         {item_id, id}));
    added += n;
  }
  return added;
}

Status AddGovernanceProgress(Db& c, GovernanceProgress& e) {
  LX_ASSIGN_OR_RETURN(bool exists, ItemExists(c, e.item_id));
  if (!exists) return Status::NotFound("governance item " + std::to_string(e.item_id));
  LX_ASSIGN_OR_RETURN(
      e.id, c.InsertId("INSERT INTO governance_progress (item_id, task_id, actor, unit_code, at, "
                       "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       {e.item_id, e.task_id, e.actor, e.unit_code, e.at, e.note}));
  return Status::Ok();
}

Result<InsightCursor> GetInsightCursor(Db& c, const std::string& name) {
  InsightCursor cursor;
  LX_RETURN_IF_ERROR(EachRow(
      c, "SELECT position, note FROM insight_cursors WHERE name = ?1",
      {name},
      [&](const ResultRow& s) { cursor = InsightCursor{s.Int(0), s.Text(1)}; }));
  return cursor;
}

Result<std::vector<HotspotMember>> ListHotspotMembers(Db& c, int64_t hotspot_id,
                                                      int64_t after_seq, int limit) {
  if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit must be 1..100000");
  std::vector<HotspotMember> out;
  LX_RETURN_IF_ERROR(EachRow(
      c,
      std::string("SELECT ") + kMemberColumns +
          " FROM hotspot_members WHERE seq > ?1 AND (CAST(?2 AS BIGINT) = 0 OR hotspot_id = ?2) ORDER BY seq "
          "LIMIT ?3",
      {after_seq, hotspot_id, int64_t{limit}},
      [&](const ResultRow& s) { out.push_back(ReadMember(s)); }));
  return out;
}

Result<std::vector<HotspotMember>> PageHotspotMembers(Db& c, int64_t hotspot_id, int limit,
                                                      int offset, int64_t* total) {
  LX_RETURN_IF_ERROR(CheckPage(limit, offset));
  Where where;
  where.And("hotspot_id = " + where.Int(hotspot_id));
  if (total) {
    LX_ASSIGN_OR_RETURN(*total, CountRows(c, "SELECT COUNT(*) FROM hotspot_members", where));
  }
  std::vector<HotspotMember> out;
  LX_RETURN_IF_ERROR(EachRow(
      c,
      std::string("SELECT ") + kMemberColumns + " FROM hotspot_members" + where.sql() +
          " ORDER BY at DESC, seq DESC" + PageSql(limit, offset),
      where.args(), [&](const ResultRow& s) { out.push_back(ReadMember(s)); }));
  return out;
}

Result<HotspotPage> ListHotspots(Db& c, const HotspotFilter& f) {
  LX_RETURN_IF_ERROR(CheckPage(f.limit, f.offset));
  Where where;
  where.Subtree("region_code", f.region_prefix, c.binary_collate());
  where.Subtree("category_code", f.category_prefix, c.binary_collate());
  if (f.from > 0) where.And("last_time >= " + where.Int(f.from));
  if (f.to > 0) where.And("first_time < " + where.Int(f.to));
  if (f.min_size > 0) where.And("size >= " + where.Int(f.min_size));
  HotspotPage page;
  LX_ASSIGN_OR_RETURN(page.total, CountRows(c, "SELECT COUNT(*) FROM hotspots", where));
  LX_RETURN_IF_ERROR(EachRow(
      c,
      std::string("SELECT ") + kHotspotColumns + " FROM hotspots" + where.sql() +
          " ORDER BY heat DESC, id" + PageSql(f.limit, f.offset),
      where.args(),
      [&](const ResultRow& s) { page.items.push_back(ReadHotspot(s)); }));
  return page;
}

Result<StoredHotspot> GetHotspot(Db& c, int64_t id) {
  std::optional<StoredHotspot> found;
  LX_RETURN_IF_ERROR(EachRow(
      c, std::string("SELECT ") + kHotspotColumns + " FROM hotspots WHERE id = ?1",
      {id}, [&](const ResultRow& s) { found = ReadHotspot(s); }));
  if (!found) return Status::NotFound("hotspot " + std::to_string(id));
  return *found;
}

Result<AlertPage> ListAlerts(Db& c, const AlertFilter& f) {
  LX_RETURN_IF_ERROR(CheckPage(f.limit, f.offset));
  Where where;
  where.Equals("kind", f.kind);
  where.Equals("state", f.state);
  where.Equals("assignee_unit", f.assignee_unit);
  where.Subtree("region_code", f.region_prefix, c.binary_collate());
  where.Subtree("category_code", f.category_prefix, c.binary_collate());
  if (f.from > 0) where.And("created_at >= " + where.Int(f.from));
  if (f.to > 0) where.And("created_at < " + where.Int(f.to));
  AlertPage page;
  LX_ASSIGN_OR_RETURN(page.total, CountRows(c, "SELECT COUNT(*) FROM alerts", where));
  LX_RETURN_IF_ERROR(EachRow(
      c,
      std::string("SELECT ") + kAlertColumns + " FROM alerts" + where.sql() +
          " ORDER BY created_at DESC, id DESC" + PageSql(f.limit, f.offset),
      where.args(), [&](const ResultRow& s) { page.items.push_back(ReadAlert(s)); }));
  return page;
}

Result<StoredAlert> GetAlert(Db& c, int64_t id) {
  std::optional<StoredAlert> found;
  LX_RETURN_IF_ERROR(EachRow(
      c, std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?1",
      {id}, [&](const ResultRow& s) { found = ReadAlert(s); }));
  if (!found) return Status::NotFound("alert " + std::to_string(id));
  return *found;
}

Result<RepeatPage> ListRepeats(Db& c, const RepeatFilter& f) {
  LX_RETURN_IF_ERROR(CheckPage(f.limit, f.offset));
  Where where;
  if (f.from > 0) where.And("at >= " + where.Int(f.from));
  if (f.to > 0) where.And("at < " + where.Int(f.to));
  RepeatPage page;
  // The counts per kind ignore the kind filter's value but honour the period.
  LX_RETURN_IF_ERROR(EachRow(
      c, "SELECT kind, COUNT(*) FROM repeat_requests" + where.sql() + " GROUP BY kind ORDER BY kind",
      where.args(),
      [&](const ResultRow& s) { page.by_kind.emplace_back(s.Text(0), s.Int(1)); }));
  where.Equals("kind", f.kind);
  LX_ASSIGN_OR_RETURN(page.total, CountRows(c, "SELECT COUNT(*) FROM repeat_requests", where));
  LX_RETURN_IF_ERROR(EachRow(
      c,
      "SELECT ticket_id, earlier_ticket_id, kind, days_after, at, hotspot_id FROM "
      "repeat_requests" + where.sql() + " ORDER BY at DESC, ticket_id DESC, kind" +
          PageSql(f.limit, f.offset),
      where.args(),
      [&](const ResultRow& s) {
        page.items.push_back(
            StoredRepeat{s.Int(0), s.Int(1), s.Text(2), s.Double(3), s.Int(4), s.Int(5)});
      }));
  return page;
}

Result<GovernanceDetail> GetGovernanceItem(Db& c, int64_t id) {
  std::optional<GovernanceItem> item;
  LX_RETURN_IF_ERROR(EachRow(
      c, std::string("SELECT ") + kItemColumns + " FROM governance_items WHERE id = ?1",
      {id}, [&](const ResultRow& s) { item = ReadItem(s); }));
  if (!item) return Status::NotFound("governance item " + std::to_string(id));
  GovernanceDetail d;
  d.item = std::move(*item);
  const std::vector<Arg> bind_id = {id};
  LX_RETURN_IF_ERROR(EachRow(
      c, std::string("SELECT ") + kTaskColumns + " FROM governance_tasks WHERE item_id = ?1 ORDER BY id",
      bind_id, [&](const ResultRow& s) { d.tasks.push_back(ReadTask(s)); }));
  LX_RETURN_IF_ERROR(EachRow(
      c, "SELECT ticket_id FROM governance_tickets WHERE item_id = ?1 ORDER BY ticket_id", bind_id,
      [&](const ResultRow& s) { d.tickets.push_back(s.Int(0)); }));
  LX_RETURN_IF_ERROR(EachRow(
      c,
      "SELECT id, item_id, task_id, actor, unit_code, at, note FROM governance_progress WHERE "
      "item_id = ?1 ORDER BY id",
      bind_id, [&](const ResultRow& s) {
        d.progress.push_back(GovernanceProgress{s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4),
                                                s.Int(5), s.Text(6)});
      }));
  return d;
}

Result<GovernancePage> ListGovernanceItems(Db& c, const GovernanceFilter& f) {
  LX_RETURN_IF_ERROR(CheckPage(f.limit, f.offset));
  Where where;
  where.Equals("state", f.state);
  if (!f.involved_unit.empty()) {
    std::string unit = where.Text(f.involved_unit);
    std::string low = where.Text(f.involved_unit), high = where.Text(f.involved_unit);
    // lead, one of the comma-joined assisting units, or the unit of one of its tasks
    where.And("lead_unit = " + unit + " OR (',' || assist_units || ',') LIKE ('%,' || " + low +
              " || ',%') OR id IN (SELECT item_id FROM governance_tasks WHERE unit_code = " + high +
              ")");
  }
  GovernancePage page;
  LX_ASSIGN_OR_RETURN(page.total, CountRows(c, "SELECT COUNT(*) FROM governance_items", where));
  LX_RETURN_IF_ERROR(EachRow(
      c,
      std::string("SELECT ") + kItemColumns + " FROM governance_items" + where.sql() +
          " ORDER BY created_at DESC, id DESC" + PageSql(f.limit, f.offset),
      where.args(), [&](const ResultRow& s) { page.items.push_back(ReadItem(s)); }));
  return page;
}

}  // namespace lianxin::store::sql
