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

#include "store/sqlite/insight_tables.h"  // issue 6
#include "store/sqlite/migrations.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace lianxin::store {
namespace {

using sqlite::Connection;
using sqlite::JoinWith;
using sqlite::SplitOn;
using sqlite::Stmt;

constexpr char kTicketColumns[] =
    "id, number, query_code, kind, urgency, channel, title, body, citizen_name, citizen_phone, "
    "region_code, address, latitude, longitude, category_code, owner_unit, status, reply, "
    "created_at, updated_at, dispatched_at, due_at, resolved_at, version, accepted_at, "
    "first_contact_at, requested_due_at, reminded_at, escalated_at, assist_units, parent_id, "
    "revisit_resolved, satisfaction, next_alarm_at";

// Unit codes, regions and tags are joined with ',' (codes never contain a comma).
std::string JoinCodes(const std::vector<std::string>& codes) { return JoinWith(codes, ','); }
std::vector<std::string> SplitCodes(const std::string& s) { return SplitOn(s, ','); }

std::optional<bool> ReadOptionalBool(const Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Int(col) != 0;
}

std::optional<Satisfaction> ReadSatisfaction(const Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return ParseSatisfaction(s.Text(col));
}

void BindOptionalBool(Stmt& s, int i, const std::optional<bool>& v) {
  if (v) {
    s.Bind(i, int64_t{*v ? 1 : 0});
  } else {
    s.BindNull(i);
  }
}

void BindSatisfaction(Stmt& s, int i, const std::optional<Satisfaction>& v) {
  if (v) {
    s.Bind(i, ToString(*v));
  } else {
    s.BindNull(i);
  }
}

Ticket ReadTicket(const Stmt& s) {
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

// Binds every column but id (parameters 1..33 in kTicketColumns order after id).
void BindTicket(Stmt& s, const Ticket& t) {
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
  s->Bind(1, e.ticket_id).Bind(2, ToString(e.type)).Bind(3, e.actor).Bind(4, e.actor_role);
  s->Bind(5, e.at).Bind(6, e.reason).Bind(7, e.unit_code).Bind(8, e.content);
  s->Bind(9, int64_t{e.is_public ? 1 : 0}).Bind(10, e.due_at).Bind(11, JoinCodes(e.assist_units));
  s->Bind(12, e.parent_id);
  BindOptionalBool(*s, 13, e.resolved);
  BindSatisfaction(*s, 14, e.satisfaction);
  s->Bind(15, e.category_code);
  LX_RETURN_IF_ERROR(s->Run());
  return c.LastInsertRowId();
}

// The default search terms: each run of Chinese characters gives its
// character bigrams (a lone character itself), each run of ASCII letters and
// digits one lower-cased word; everything else separates.
std::vector<std::string> BigramTerms(std::string_view text, bool /*for_query*/) {
  std::vector<std::string> out;
  std::vector<std::string_view> run;  // the current run of CJK characters
  std::string word;
  auto flush = [&] {
    if (run.size() == 1) out.emplace_back(run[0]);
    for (size_t i = 0; i + 1 < run.size(); ++i) {
      out.push_back(std::string(run[i]) + std::string(run[i + 1]));
    }
    run.clear();
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > text.size()) break;
    if (c < 0x80 && std::isalnum(c)) {
      if (!run.empty()) flush();
      word += static_cast<char>(std::tolower(c));
    } else if (n == 3 && c >= 0xE3 && c <= 0xE9) {  // U+3000..U+9FFF: CJK (punctuation excluded below)
      if (!word.empty()) flush();
      std::string_view ch = text.substr(i, n);
      if (c == 0xE3 && static_cast<unsigned char>(text[i + 1]) < 0x90) {
        flush();  // U+3000..U+33FF holds CJK punctuation and symbols: a separator
      } else {
        run.push_back(ch);
      }
    } else {
      flush();
    }
    i += n;
  }
  flush();
  return out;
}

// ---- evaluation rollups (issue 4, part B) ----
constexpr char kEventColumns[] =
    "id, ticket_id, type, actor, actor_role, at, reason, unit_code, content, is_public, due_at, "
    "assist_units, parent_id, resolved, satisfaction, category_code";

constexpr char kEventSelect[] =
    "SELECT id, ticket_id, type, actor, actor_role, at, reason, unit_code, content, is_public, "
    "due_at, assist_units, parent_id, resolved, satisfaction, category_code FROM ticket_events";

TicketEvent ReadEvent(const Stmt& s) {
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

std::string CounterColumns(const char* prefix) {
  std::string out;
  for (int i = 0; i < kRollupCounters; ++i) {
    out += (i ? ", " : "") + std::string(prefix) + "n" + std::to_string(i);
  }
  return out;
}
// ---- end evaluation rollups ----

// ---- knowledge base (issue 5) ----
constexpr char kKbColumns[] =
    "entry_id, version, status, questions, answer, source, source_url, owner_unit, valid_from, "
    "valid_to, regions, tags, editor, edited_at";

const char* KbStatusName(KbEntryStatus s) {
  switch (s) {
    case KbEntryStatus::kDraft: return "draft";
    case KbEntryStatus::kPublished: return "published";
    case KbEntryStatus::kRetired: return "retired";
  }
  return "draft";
}

KbEntryStatus ParseKbStatus(const std::string& s) {
  if (s == "published") return KbEntryStatus::kPublished;
  if (s == "retired") return KbEntryStatus::kRetired;
  return KbEntryStatus::kDraft;
}

// A knowledge-base entry's question forms, one per line.
std::string JoinLines(const std::vector<std::string>& lines) { return JoinWith(lines, '\n'); }
std::vector<std::string> SplitLines(const std::string& s) { return SplitOn(s, '\n'); }

KbEntry ReadKbEntry(const Stmt& s) {
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

// Inserts one version row (the kb_entries row must exist).
Status InsertKbVersion(Connection& c, const KbEntry& e) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(std::string("INSERT INTO kb_entry_versions (") + kKbColumns +
                                          ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"));
  return s->Bind(1, e.id)
      .Bind(2, int64_t{e.version})
      .Bind(3, KbStatusName(e.status))
      .Bind(4, JoinLines(e.questions))
      .Bind(5, e.answer)
      .Bind(6, e.source)
      .Bind(7, e.source_url)
      .Bind(8, e.owner_unit)
      .Bind(9, e.valid_from)
      .Bind(10, e.valid_to)
      .Bind(11, JoinCodes(e.regions))
      .Bind(12, JoinCodes(e.tags))
      .Bind(13, e.editor)
      .Bind(14, e.edited_at)
      .Run();
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
Result<int64_t> InsertReferenceChange(Connection& c, const ReferenceChange& r) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO reference_changes (at, actor, kind, code, "
                                          "before_text, after_text) VALUES (?1,?2,?3,?4,?5,?6)"));
  LX_RETURN_IF_ERROR(s->Bind(1, r.at)
                         .Bind(2, r.actor)
                         .Bind(3, r.kind)
                         .Bind(4, r.code)
                         .Bind(5, r.before)
                         .Bind(6, r.after)
                         .Run());
  return c.LastInsertRowId();
}
// ---- end reference data writers ----

class SqliteStore final : public Store {
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
                           [](const Stmt& s) {
                             return Region{s.Text(0), s.Text(1), s.Text(2),
                                           ParseRegionLevel(s.Text(3)).value_or(RegionLevel::kCity)};
                           });
  }
  Result<std::vector<Unit>> ListUnits() override {
    return ReadAll<Unit>("SELECT code, name, unit_type, region_code FROM units ORDER BY code",
                         [](const Stmt& s) {
                           return Unit{s.Text(0), s.Text(1), s.Text(2), s.Text(3)};
                         });
  }
  Result<std::vector<Category>> ListCategories() override {
    return ReadAll<Category>(
        "SELECT code, name, parent, level FROM categories ORDER BY code", [](const Stmt& s) {
          return Category{s.Text(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3))};
        });
  }
  Result<std::vector<DutyRule>> ListDutyRules() override {
    return ReadAll<DutyRule>(
        "SELECT category_code, unit_type, region_level, keywords FROM duty_rules ORDER BY id",
        [](const Stmt& s) {
          return DutyRule{s.Text(0), s.Text(1),
                          ParseRegionLevel(s.Text(2)).value_or(RegionLevel::kCity), s.Text(3)};
        });
  }

  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
  Result<int64_t> ApplyReferenceEdit(const ReferenceEdit& edit, const ReferenceChange& change) override {
    int64_t id = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_RETURN_IF_ERROR(InsertRegions(c, edit.regions));
      LX_RETURN_IF_ERROR(InsertUnits(c, edit.units));
      LX_RETURN_IF_ERROR(InsertCategories(c, edit.categories));
      if (edit.duty_rules) LX_RETURN_IF_ERROR(ReplaceDutyRules(c, *edit.duty_rules));
      LX_ASSIGN_OR_RETURN(id, InsertReferenceChange(c, change));
      return Status::Ok();
    }));
    return id;
  }
  Result<std::vector<ReferenceChange>> ListReferenceChanges(int limit) override {
    if (limit < 1 || limit > 1000) return Status::InvalidArgument("limit must be 1..1000");
    return ReadAll<ReferenceChange>(
        "SELECT id, at, actor, kind, code, before_text, after_text FROM reference_changes "
        "ORDER BY id DESC LIMIT ?1",
        [](const Stmt& s) {
          return ReferenceChange{s.Int(0), s.Int(1), s.Text(2), s.Text(3),
                                 s.Text(4), s.Text(5), s.Text(6)};
        },
        [&](Stmt& s) { s.Bind(1, int64_t{limit}); });
  }
  Result<std::vector<SlaRuleRow>> ListSlaRules() override {
    return ReadAll<SlaRuleRow>(
        "SELECT rule, kind, urgency, category, region, amount, unit, note FROM sla_rules ORDER BY id",
        [](const Stmt& s) {
          return SlaRuleRow{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4),
                            static_cast<int>(s.Int(5)), s.Text(6), s.Text(7)};
        });
  }
  Result<std::vector<CalendarDayRow>> ListCalendarDays() override {
    return ReadAll<CalendarDayRow>("SELECT day, type, note FROM calendar_days ORDER BY day",
                                   [](const Stmt& s) {
                                     return CalendarDayRow{s.Text(0), s.Text(1), s.Text(2)};
                                   });
  }
  Result<int64_t> PutSlaConfig(const std::optional<std::vector<SlaRuleRow>>& rules,
                               const std::optional<std::vector<CalendarDayRow>>& days,
                               const ReferenceChange& change) override {
    if (days) {
      std::vector<std::string> dates;
      for (const CalendarDayRow& d : *days) dates.push_back(d.date);
      std::sort(dates.begin(), dates.end());
      if (std::adjacent_find(dates.begin(), dates.end()) != dates.end()) {
        return Status::InvalidArgument("repeated calendar date");
      }
    }
    int64_t id = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      if (rules) {
        LX_RETURN_IF_ERROR(c.Exec("DELETE FROM sla_rules"));
        for (const SlaRuleRow& r : *rules) {
          LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("INSERT INTO sla_rules (rule, kind, urgency, "
                                                  "category, region, amount, unit, note) VALUES "
                                                  "(?1,?2,?3,?4,?5,?6,?7,?8)"));
          LX_RETURN_IF_ERROR(s->Bind(1, r.rule)
                                 .Bind(2, r.kind)
                                 .Bind(3, r.urgency)
                                 .Bind(4, r.category)
                                 .Bind(5, r.region)
                                 .Bind(6, int64_t{r.amount})
                                 .Bind(7, r.unit)
                                 .Bind(8, r.note)
                                 .Run());
        }
      }
      if (days) {
        LX_RETURN_IF_ERROR(c.Exec("DELETE FROM calendar_days"));
        for (const CalendarDayRow& d : *days) {
          LX_ASSIGN_OR_RETURN(Stmt * s,
                              c.Prepare("INSERT INTO calendar_days (day, type, note) VALUES (?1,?2,?3)"));
          LX_RETURN_IF_ERROR(s->Bind(1, d.date).Bind(2, d.type).Bind(3, d.note).Run());
        }
      }
      LX_ASSIGN_OR_RETURN(id, InsertReferenceChange(c, change));
      return Status::Ok();
    }));
    return id;
  }
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
        [](const Stmt& s) { return Session{s.Text(0), s.Text(1), s.Int(2), s.Int(3)}; },
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
    if (f.limit < 1 || f.limit > 500) return Status::InvalidArgument("limit must be 1..500");
    if (f.offset < 0) return Status::InvalidArgument("offset must be >= 0");
    std::string where = " WHERE 1=1";
    std::vector<std::function<void(Stmt&, int)>> binders;
    auto add = [&](const std::string& cond, std::function<void(Stmt&, int)> b) {
      where += " AND " + cond;
      binders.push_back(std::move(b));
    };
    auto param = [&]() { return "?" + std::to_string(binders.size() + 1); };
    if (f.status) {
      std::string v(ToString(*f.status));
      add("status = " + param(), [v](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (!f.owner_unit.empty()) {
      add("owner_unit = " + param(), [v = f.owner_unit](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (!f.region_prefix.empty()) {
      std::string p1 = param();
      std::string p2 = "?" + std::to_string(binders.size() + 2);
      where += " AND (region_code = " + p1 + " OR (region_code >= " + p2 + " AND region_code < " +
               p2 + " || '~'))";
      binders.push_back([v = f.region_prefix](Stmt& s, int i) { s.Bind(i, v); });
      binders.push_back([v = f.region_prefix + "."](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (!f.category_prefix.empty()) {
      std::string p1 = param();
      std::string p2 = "?" + std::to_string(binders.size() + 2);
      where += " AND (category_code = " + p1 + " OR (category_code >= " + p2 +
               " AND category_code < " + p2 + " || '~'))";
      binders.push_back([v = f.category_prefix](Stmt& s, int i) { s.Bind(i, v); });
      binders.push_back([v = f.category_prefix + "."](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (f.created_from > 0) {
      add("created_at >= " + param(), [v = f.created_from](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (f.created_to > 0) {
      add("created_at < " + param(), [v = f.created_to](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (!f.text.empty()) AddTextCondition(f.text, where, binders);
    // ---- workflow lists (issue 4, part A) ----
    if (!f.statuses.empty()) {
      std::string in;
      for (TicketStatus st : f.statuses) {
        in += (in.empty() ? "" : ",") + param();
        binders.push_back([v = std::string(ToString(st))](Stmt& s, int i) { s.Bind(i, v); });
      }
      where += " AND status IN (" + in + ")";
    }
    if (!f.involved_unit.empty()) {
      using In = TicketFilter::Involvement;
      std::string p = param();
      std::string lead = "owner_unit = " + p;
      // assist_units is a comma-joined list of codes (codes never contain a comma).
      std::string assist = "instr(',' || assist_units || ',', ',' || " + p + " || ',') > 0";
      where += f.involvement == In::kLead     ? " AND " + lead
               : f.involvement == In::kAssist ? " AND " + assist
                                              : " AND (" + lead + " OR " + assist + ")";
      binders.push_back([v = f.involved_unit](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (f.due_from > 0 || f.due_before > 0) where += " AND due_at <> 0";
    if (f.due_from > 0) {
      add("due_at >= " + param(), [v = f.due_from](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (f.due_before > 0) {
      add("due_at < " + param(), [v = f.due_before](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (f.escalated) where += " AND escalated_at <> 0";
    // ---- end workflow lists ----
    if (f.unowned_open) {
      where += " AND owner_unit = '' AND status NOT IN ('resolved','revisited','archived','merged',"
               "'resolved_at_intake')";
    }

    auto bind_all = [&](Stmt& s) {
      for (size_t i = 0; i < binders.size(); ++i) binders[i](s, static_cast<int>(i + 1));
    };
    TicketPage page;
    auto count = ReadAll<int64_t>("SELECT COUNT(*) FROM tickets" + where,
                                  [](const Stmt& s) { return s.Int(0); }, bind_all);
    if (!count.ok()) return count.status();
    page.total = count->empty() ? 0 : count->front();
    auto rows = ReadTickets(std::string("SELECT ") + kTicketColumns + " FROM tickets" + where +
                                (f.due_first      ? " ORDER BY due_at, id LIMIT "
                                 : f.oldest_first ? " ORDER BY created_at, id LIMIT "
                                                  : " ORDER BY created_at DESC, id DESC LIMIT ") +
                                std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset),
                            bind_all);
    if (!rows.ok()) return rows.status();
    page.items = std::move(rows).value();
    return page;
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
        s->Bind(1, m.event_id).Bind(2, m.ticket_id).Bind(3, ToString(m.audience)).Bind(4, m.address);
        s->Bind(5, m.kind).Bind(6, m.body).Bind(7, ToString(m.state)).Bind(8, int64_t{m.attempts});
        s->Bind(9, m.next_attempt_at).Bind(10, m.last_error).Bind(11, m.created_at).Bind(12, m.sent_at);
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
    return ReadAll<OutboxMessage>(
        "SELECT id, event_id, ticket_id, audience, address, kind, body, status, attempts, "
        "next_attempt_at, last_error, created_at, sent_at FROM outbox " + tail,
        [](const Stmt& s) {
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
        },
        bind);
  }

  Result<std::vector<TicketEvent>> ReadEvents(const std::string& tail,
                                              const std::function<void(Stmt&)>& bind) {
    return ReadAll<TicketEvent>(std::string(kEventSelect) + " " + tail, ReadEvent, bind);
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
    auto rows = ReadAll<StoreStats>(
        "SELECT (SELECT COUNT(*) FROM tickets), (SELECT MAX(id) FROM ticket_events), "
        "(SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved','revisited','archived',"
        "'merged','resolved_at_intake'))",
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
        "WITH fresh AS (SELECT id FROM tickets WHERE created_at >= ?1 AND channel <> 'import'), "
        "auto AS (SELECT DISTINCT e.ticket_id FROM ticket_events e JOIN fresh f ON f.id = e.ticket_id "
        "  WHERE e.type = 'dispatch' AND e.actor = ?2) "
        "SELECT (SELECT COUNT(*) FROM fresh), (SELECT COUNT(*) FROM auto), "
        "  (SELECT COUNT(DISTINCT e.ticket_id) FROM ticket_events e JOIN auto a ON a.ticket_id = "
        "   e.ticket_id WHERE e.type IN ('redispatch', 'return_approve'))",
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
                             ReadEvent, [&](Stmt& s) {
                               s.Bind(1, tickets.front().id).Bind(2, tickets.back().id);
                             }));
    out.reserve(tickets.size());
    size_t next = 0;
    for (Ticket& t : tickets) {
      TicketWithEvents item;
      while (next < events.size() && events[next].ticket_id < t.id) ++next;
      while (next < events.size() && events[next].ticket_id == t.id) {
        item.events.push_back(std::move(events[next++]));
      }
      item.ticket = std::move(t);
      out.push_back(std::move(item));
    }
    return out;
  }

  Result<std::vector<TicketKey>> ListTicketKeys(TicketId after_id, int limit) override {
    if (limit < 1 || limit > 1000000) return Status::InvalidArgument("limit must be 1..1000000");
    return ReadAll<TicketKey>(
        "SELECT id, region_code, category_code, created_at FROM tickets WHERE id > ?1 "
        "ORDER BY id LIMIT ?2",
        [](const Stmt& s) { return TicketKey{s.Int(0), s.Text(1), s.Text(2), s.Int(3)}; },
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
                              [](const Stmt& s) {
                                return RollupContribution{s.Int(0), s.Text(1), s.Text(2), s.Int(3),
                                                          s.Text(4)};
                              },
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
      static const std::string kUpsert = [] {
        std::string sql = "INSERT INTO rollup_cells (grain, period, dim, key, " +
                          CounterColumns("") + ") VALUES (?1, ?2, ?3, ?4";
        for (int i = 0; i < kRollupCounters; ++i) sql += ", ?" + std::to_string(i + 5);
        sql += ") ON CONFLICT (grain, dim, period, key) DO UPDATE SET ";
        for (int i = 0; i < kRollupCounters; ++i) {
          std::string n = "n" + std::to_string(i);
          sql += (i ? ", " : "") + n + " = " + n + " + excluded." + n;
        }
        return sql;
      }();
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
    std::string sums;
    for (int i = 0; i < kRollupCounters; ++i) {
      sums += ", SUM(n" + std::to_string(i) + ")";
    }
    return ReadAll<RollupCell>(
        "SELECT key" + sums +
            " FROM rollup_cells WHERE grain = ?1 AND dim = ?2 AND period >= ?3 AND period <= ?4 "
            "GROUP BY key ORDER BY key",
        [&](const Stmt& s) {
          RollupCell cell;
          cell.grain = grain;
          cell.period = from;
          cell.dim = dim;
          cell.key = s.Text(0);
          for (int i = 0; i < kRollupCounters; ++i) cell.n[i] = s.Int(i + 1);
          return cell;
        },
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
        [](const Stmt& s) {
          return AccessRecord{s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4), s.Text(5)};
        },
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
                                         ReadKbEntry, [&](Stmt& s) { s.Bind(1, id); }));
    if (rows.empty()) return Status::NotFound("知识条目 " + std::to_string(id) + " 不存在");
    return rows;
  }
  Result<std::vector<KbEntry>> ListKbEntries(bool published_only) override {
    std::string sql = std::string("SELECT ") + kKbColumns + " FROM kb_entry_versions v ";
    sql += published_only ? "WHERE v.status = 'published' "
                          : "JOIN kb_entries e ON e.id = v.entry_id AND e.latest_version = v.version ";
    sql += "ORDER BY v.entry_id";
    return ReadAll<KbEntry>(sql, ReadKbEntry);
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
  // ---- AI seat assist log (issue 5) ----
  Result<int64_t> AppendAssistRecord(const AssistRecord& r) override {
    std::vector<std::string> cited;
    for (const auto& [id, version] : r.cited) cited.push_back(std::to_string(id) + ":" + std::to_string(version));
    int64_t id = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
          "INSERT INTO assist_log (at, channel, actor, question, region, answered, reasons, cited, "
          "confidence, phone_hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"));
      LX_RETURN_IF_ERROR(s->Bind(1, r.at)
                             .Bind(2, r.channel)
                             .Bind(3, r.actor)
                             .Bind(4, r.question)
                             .Bind(5, r.region)
                             .Bind(6, int64_t{r.answered ? 1 : 0})
                             .Bind(7, JoinCodes(r.reasons))
                             .Bind(8, JoinCodes(cited))
                             .Bind(9, r.confidence)
                             .Bind(10, r.phone_hash)
                             .Run());
      id = c.LastInsertRowId();
      return Status::Ok();
    }));
    return id;
  }
  Result<std::vector<AssistRecord>> ListAssistRecords(TimeMs from, TimeMs to, int limit) override {
    if (limit < 1 || limit > 100000) return Status::InvalidArgument("limit 应在 1 到 100000 之间");
    return ReadAll<AssistRecord>(
        "SELECT id, at, channel, actor, question, region, answered, reasons, cited, confidence, "
        "phone_hash FROM assist_log WHERE at >= ?1 AND (?2 = 0 OR at < ?2) ORDER BY at, id LIMIT ?3",
        [](const Stmt& s) {
          AssistRecord r;
          r.id = s.Int(0);
          r.at = s.Int(1);
          r.channel = s.Text(2);
          r.actor = s.Text(3);
          r.question = s.Text(4);
          r.region = s.Text(5);
          r.answered = s.Int(6) != 0;
          r.reasons = SplitCodes(s.Text(7));
          for (const std::string& c : SplitCodes(s.Text(8))) {
            size_t colon = c.find(':');
            if (colon == std::string::npos) continue;
            r.cited.emplace_back(std::atoll(c.substr(0, colon).c_str()), std::atoi(c.c_str() + colon + 1));
          }
          r.confidence = s.Double(9);
          r.phone_hash = s.Text(10);
          return r;
        },
        [&](Stmt& s) { s.Bind(1, from).Bind(2, to).Bind(3, int64_t{limit}); });
  }
  // ---- end AI seat assist log ----
  // ---- open interfaces: Open311 and open data (issue 8) ----
  Status PutApiClient(const ApiClient& a) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
          "INSERT INTO api_clients (name, key_hash, batch, active, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET key_hash = excluded.key_hash, "
          "batch = excluded.batch, active = excluded.active, created_at = excluded.created_at"));
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
          [](const Stmt& s) {
            Open311Meta m;
            m.ticket_id = s.Int(0);
            m.client = s.Text(1);
            m.account_id = s.Text(2);
            m.device_id = s.Text(3);
            m.email = s.Text(4);
            m.media_url = s.Text(5);
            return m;
          },
          [&](Stmt& s) { s.Bind(1, id); });
      if (!rows.ok()) return rows.status();
      if (rows->empty()) continue;
      Open311Meta m = std::move(rows->front());
      using Attr = std::pair<std::string, std::string>;
      auto attrs = ReadAll<Attr>(
          "SELECT code, value FROM open311_attributes WHERE ticket_id = ?1 ORDER BY seq",
          [](const Stmt& s) { return Attr{s.Text(0), s.Text(1)}; },
          [&](Stmt& s) { s.Bind(1, id); });
      if (!attrs.ok()) return attrs.status();
      m.attributes = std::move(attrs).value();
      out.push_back(std::move(m));
    }
    return out;
  }
  Status PutOpen311Token(const Open311Token& t) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
          "INSERT INTO open311_tokens (token, kind, target, created_at) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (token) DO NOTHING"));
      LX_RETURN_IF_ERROR(s->Bind(1, t.token).Bind(2, t.kind).Bind(3, t.target).Bind(4, t.created_at).Run());
      if (c.Changes() != 1) return Status::AlreadyExists("token taken");
      return Status::Ok();
    });
  }
  Result<Open311Token> GetOpen311Token(const std::string& token, const std::string& kind) override {
    auto rows = ReadAll<Open311Token>(
        "SELECT token, kind, target, created_at FROM open311_tokens WHERE token = ?1 AND kind = ?2",
        [](const Stmt& s) { return Open311Token{s.Text(0), s.Text(1), s.Int(2), s.Int(3)}; },
        [&](Stmt& s) { s.Bind(1, token).Bind(2, kind); });
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("token " + token);
    return rows->front();
  }
  Result<TicketPage> QueryTickets(const TicketQuery& q) override {
    if (q.limit < 1 || q.limit > 10000) return Status::InvalidArgument("limit must be 1..10000");
    if (q.offset < 0) return Status::InvalidArgument("offset must be >= 0");
    std::string where = " WHERE 1=1";
    std::vector<std::function<void(Stmt&, int)>> binders;
    auto param = [&]() { return "?" + std::to_string(binders.size() + 1); };
    auto bind_text = [&](const std::string& v) {
      std::string p = param();
      binders.push_back([v](Stmt& s, int i) { s.Bind(i, v); });
      return p;
    };
    auto bind_int = [&](int64_t v) {
      std::string p = param();
      binders.push_back([v](Stmt& s, int i) { s.Bind(i, v); });
      return p;
    };
    if (!q.numbers.empty()) {
      std::string in;
      for (const std::string& n : q.numbers) in += (in.empty() ? "" : ",") + bind_text(n);
      where += " AND number IN (" + in + ")";
    }
    if (!q.category_codes.empty()) {
      std::string any;
      for (const std::string& k : q.category_codes) {
        std::string p1 = bind_text(k), p2 = bind_text(k + ".");
        any += (any.empty() ? "" : " OR ") + ("category_code = " + p1 + " OR (category_code >= " +
                                              p2 + " AND category_code < " + p2 + " || '~')");
      }
      where += " AND (" + any + ")";
    }
    if (!q.statuses.empty()) {
      std::string in;
      for (TicketStatus st : q.statuses) {
        in += (in.empty() ? "" : ",") + bind_text(std::string(ToString(st)));
      }
      where += " AND status IN (" + in + ")";
    }
    if (q.created_from > 0) where += " AND created_at >= " + bind_int(q.created_from);
    if (q.created_to > 0) where += " AND created_at < " + bind_int(q.created_to);
    if (q.updated_from > 0) where += " AND updated_at >= " + bind_int(q.updated_from);
    if (q.updated_to > 0) where += " AND updated_at < " + bind_int(q.updated_to);
    auto bind_all = [&](Stmt& s) {
      for (size_t i = 0; i < binders.size(); ++i) binders[i](s, static_cast<int>(i + 1));
    };
    TicketPage page;
    auto count = ReadAll<int64_t>("SELECT COUNT(*) FROM tickets" + where,
                                  [](const Stmt& s) { return s.Int(0); }, bind_all);
    if (!count.ok()) return count.status();
    page.total = count->empty() ? 0 : count->front();
    auto rows = ReadTickets(std::string("SELECT ") + kTicketColumns + " FROM tickets" + where +
                                (q.oldest_first ? " ORDER BY created_at, id LIMIT "
                                                : " ORDER BY created_at DESC, id DESC LIMIT ") +
                                std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset),
                            bind_all);
    if (!rows.ok()) return rows.status();
    page.items = std::move(rows).value();
    return page;
  }
  Result<std::vector<TicketEvent>> ListEventsBetween(TimeMs from, TimeMs to, bool public_only,
                                                     int limit) override {
    if (limit < 1 || limit > 10000) return Status::InvalidArgument("limit must be 1..10000");
    return ReadAll<TicketEvent>(
        std::string(kEventSelect) + " WHERE at >= ?1 AND (?2 = 0 OR at < ?2)" +
            (public_only ? " AND is_public = 1" : "") + " ORDER BY at, id LIMIT ?3",
        ReadEvent, [&](Stmt& s) { s.Bind(1, from).Bind(2, to).Bind(3, int64_t{limit}); });
  }
  Result<std::vector<ApiClient>> ReadApiClients(const std::string& tail, const std::string& arg) {
    return ReadAll<ApiClient>(
        "SELECT name, key_hash, batch, active, created_at FROM api_clients " + tail,
        [](const Stmt& s) {
          return ApiClient{s.Text(0), s.Text(1), s.Int(2) != 0, s.Int(3) != 0, s.Int(4)};
        },
        [&](Stmt& s) {
          if (!arg.empty()) s.Bind(1, arg);
        });
  }
  // ---- end open interfaces (issue 8) ----

  // ---- department integration (issue 8 item 2; migration 0010) ----
  Status PutIntegration(const UnitIntegration& g) override {
    return Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
          "INSERT INTO unit_integrations (unit_code, url, secret, key_hash, events, active, "
          "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
          "ON CONFLICT (unit_code) DO UPDATE SET url = excluded.url, secret = excluded.secret, "
          "key_hash = excluded.key_hash, events = excluded.events, active = excluded.active, "
          "updated_at = excluded.updated_at"));
      return s->Bind(1, g.unit_code)
          .Bind(2, g.url)
          .Bind(3, g.secret)
          .Bind(4, g.key_hash)
          .Bind(5, JoinCodes(g.events))
          .Bind(6, int64_t{g.active})
          .Bind(7, g.created_at)
          .Bind(8, g.updated_at)
          .Run();
    });
  }
  Result<UnitIntegration> GetIntegration(const std::string& unit_code) override {
    LX_ASSIGN_OR_RETURN(auto rows, ReadIntegrations("WHERE unit_code = ?1", unit_code));
    if (rows.empty()) return Status::NotFound("integration " + unit_code);
    return rows.front();
  }
  Result<UnitIntegration> GetIntegrationByKeyHash(const std::string& key_hash) override {
    LX_ASSIGN_OR_RETURN(auto rows, ReadIntegrations("WHERE key_hash = ?1", key_hash));
    if (rows.empty()) return Status::NotFound("integration key");
    return rows.front();
  }
  Result<std::vector<UnitIntegration>> ListIntegrations() override {
    return ReadIntegrations("ORDER BY unit_code", "");
  }
  Result<DeliverySummary> SummarizeDeliveries(OutboxMessage::Audience audience,
                                              const std::string& address) override {
    const std::string who(ToString(audience));
    auto bind = [&](Stmt& s) { s.Bind(1, who).Bind(2, address); };
    DeliverySummary out;
    auto counts = ReadAll<std::pair<std::string, int64_t>>(
        "SELECT status, COUNT(*) FROM outbox WHERE audience = ?1 AND address = ?2 GROUP BY status",
        [](const Stmt& s) { return std::pair<std::string, int64_t>{s.Text(0), s.Int(1)}; }, bind);
    if (!counts.ok()) return counts.status();
    for (const auto& [state, n] : *counts) {
      if (state == "pending") out.pending = n;
      if (state == "sent") out.sent = n;
      if (state == "failed") out.failed = n;
    }
    auto last = ReadAll<std::pair<std::string, int64_t>>(
        "SELECT last_error, attempts FROM outbox WHERE audience = ?1 AND address = ?2 "
        "AND last_error <> '' ORDER BY id DESC LIMIT 1",
        [](const Stmt& s) { return std::pair<std::string, int64_t>{s.Text(0), s.Int(1)}; }, bind);
    if (!last.ok()) return last.status();
    if (!last->empty()) {
      out.last_error = last->front().first;
      out.last_attempts = static_cast<int>(last->front().second);
    }
    auto sent = ReadAll<int64_t>(
        "SELECT COALESCE(MAX(sent_at), 0) FROM outbox WHERE audience = ?1 AND address = ?2 "
        "AND status = 'sent'",
        [](const Stmt& s) { return s.Int(0); }, bind);
    if (!sent.ok()) return sent.status();
    if (!sent->empty()) out.last_sent_at = sent->front();
    return out;
  }
  Result<int64_t> RetryMessages(OutboxMessage::Audience audience, const std::string& address,
                                TimeMs now) override {
    int64_t changed = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
          "UPDATE outbox SET status = 'pending', next_attempt_at = ?3 "
          "WHERE audience = ?1 AND address = ?2 AND status IN ('pending', 'failed')"));
      LX_RETURN_IF_ERROR(s->Bind(1, ToString(audience)).Bind(2, address).Bind(3, now).Run());
      changed = c.Changes();
      return Status::Ok();
    }));
    return changed;
  }
  Result<Attachment> PutAttachment(const Attachment& a) override {
    Attachment stored = a;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
          "INSERT INTO attachments (ticket_id, file_name, content_type, size, sha256, data, "
          "uploaded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
      LX_RETURN_IF_ERROR(s->Bind(1, a.ticket_id)
                             .Bind(2, a.file_name)
                             .Bind(3, a.content_type)
                             .Bind(4, a.size)
                             .Bind(5, a.sha256)
                             .BindBlob(6, a.data)
                             .Bind(7, a.uploaded_by)
                             .Bind(8, a.created_at)
                             .Run());
      stored.id = c.LastInsertRowId();
      return Status::Ok();
    }));
    return stored;
  }
  Result<Attachment> GetAttachment(TicketId ticket_id, int64_t id) override {
    LX_ASSIGN_OR_RETURN(auto rows, ReadAttachments(", data FROM attachments WHERE ticket_id = ?1 AND id = ?2",
                                                   ticket_id, id));
    if (rows.empty()) return Status::NotFound("attachment " + std::to_string(id));
    return rows.front();
  }
  Result<std::vector<Attachment>> ListAttachments(TicketId ticket_id) override {
    return ReadAttachments(" FROM attachments WHERE ticket_id = ?1 AND ?2 = ?2 ORDER BY id",
                           ticket_id, 0);
  }
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

  // ---- proactive governance (issue 6; statements in sqlite/insight_tables.cc) ----
  Result<InsightCursor> GetInsightCursor(const std::string& name) override {
    return OnReader<InsightCursor>([&](Connection& c) { return sqlite::GetInsightCursor(c, name); });
  }
  Status ApplyInsightPass(const InsightPassBatch& batch) override {
    return Write([&](Connection& c) { return sqlite::ApplyInsightPass(c, batch); });
  }
  Status ResetHotspots(const std::string& name, const std::string& note) override {
    return Write([&](Connection& c) { return sqlite::ResetHotspots(c, name, note); });
  }
  Result<std::vector<HotspotMember>> ListHotspotMembers(int64_t hotspot_id, int64_t after_seq,
                                                        int limit) override {
    return OnReader<std::vector<HotspotMember>>(
        [&](Connection& c) { return sqlite::ListHotspotMembers(c, hotspot_id, after_seq, limit); });
  }
  Result<std::vector<HotspotMember>> PageHotspotMembers(int64_t hotspot_id, int limit, int offset,
                                                        int64_t* total) override {
    return OnReader<std::vector<HotspotMember>>([&](Connection& c) {
      return sqlite::PageHotspotMembers(c, hotspot_id, limit, offset, total);
    });
  }
  Result<HotspotPage> ListHotspots(const HotspotFilter& filter) override {
    return OnReader<HotspotPage>([&](Connection& c) { return sqlite::ListHotspots(c, filter); });
  }
  Result<StoredHotspot> GetHotspot(int64_t id) override {
    return OnReader<StoredHotspot>([&](Connection& c) { return sqlite::GetHotspot(c, id); });
  }
  Result<AlertPage> ListAlerts(const AlertFilter& filter) override {
    return OnReader<AlertPage>([&](Connection& c) { return sqlite::ListAlerts(c, filter); });
  }
  Result<StoredAlert> GetAlert(int64_t id) override {
    return OnReader<StoredAlert>([&](Connection& c) { return sqlite::GetAlert(c, id); });
  }
  Status UpdateAlert(const StoredAlert& alert) override {
    return Write([&](Connection& c) { return sqlite::UpdateAlert(c, alert); });
  }
  Result<RepeatPage> ListRepeats(const RepeatFilter& filter) override {
    return OnReader<RepeatPage>([&](Connection& c) { return sqlite::ListRepeats(c, filter); });
  }
  Result<GovernanceItem> CreateGovernanceItem(const GovernanceItem& item,
                                              const std::vector<GovernanceTask>& tasks,
                                              const std::vector<TicketId>& tickets) override {
    GovernanceItem stored = item;
    std::vector<GovernanceTask> stored_tasks = tasks;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) {
      return sqlite::CreateGovernanceItem(c, stored, stored_tasks, tickets);
    }));
    return stored;
  }
  Result<GovernanceDetail> GetGovernanceItem(int64_t id) override {
    return OnReader<GovernanceDetail>([&](Connection& c) { return sqlite::GetGovernanceItem(c, id); });
  }
  Result<GovernancePage> ListGovernanceItems(const GovernanceFilter& filter) override {
    return OnReader<GovernancePage>(
        [&](Connection& c) { return sqlite::ListGovernanceItems(c, filter); });
  }
  Status UpdateGovernanceItem(const GovernanceItem& item,
                              const std::optional<GovernanceProgress>& log) override {
    return Write([&](Connection& c) { return sqlite::UpdateGovernanceItem(c, item, log); });
  }
  Result<GovernanceTask> PutGovernanceTask(const GovernanceTask& task,
                                           const std::optional<GovernanceProgress>& log) override {
    GovernanceTask stored = task;
    LX_RETURN_IF_ERROR(
        Write([&](Connection& c) { return sqlite::PutGovernanceTask(c, stored, log); }));
    return stored;
  }
  Result<int64_t> LinkGovernanceTickets(int64_t item_id,
                                        const std::vector<TicketId>& tickets) override {
    int64_t added = 0;
    LX_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
      LX_ASSIGN_OR_RETURN(added, sqlite::LinkGovernanceTickets(c, item_id, tickets));
      return Status::Ok();
    }));
    return added;
  }
  Result<GovernanceProgress> AddGovernanceProgress(const GovernanceProgress& entry) override {
    GovernanceProgress stored = entry;
    LX_RETURN_IF_ERROR(
        Write([&](Connection& c) { return sqlite::AddGovernanceProgress(c, stored); }));
    return stored;
  }

 private:
  // Runs `read` on a pooled read connection.
  template <typename T>
  Result<T> OnReader(const std::function<Result<T>(Connection&)>& read) {
    LX_ASSIGN_OR_RETURN(std::unique_ptr<ReadLease> lease, Lease());
    return read(**lease);
  }
  // ---- end proactive governance (issue 6) ----

 private:
  Result<std::vector<UnitIntegration>> ReadIntegrations(const std::string& tail,
                                                        const std::string& arg) {
    return ReadAll<UnitIntegration>(
        "SELECT unit_code, url, secret, key_hash, events, active, created_at, updated_at "
        "FROM unit_integrations " + tail,
        [](const Stmt& s) {
          UnitIntegration g;
          g.unit_code = s.Text(0);
          g.url = s.Text(1);
          g.secret = s.Text(2);
          g.key_hash = s.Text(3);
          g.events = SplitCodes(s.Text(4));
          g.active = s.Int(5) != 0;
          g.created_at = s.Int(6);
          g.updated_at = s.Int(7);
          return g;
        },
        [&](Stmt& s) {
          if (!arg.empty()) s.Bind(1, arg);
        });
  }
  // `tail` continues "SELECT <columns but data>"; with ", data" first it reads the bytes too.
  Result<std::vector<Attachment>> ReadAttachments(const std::string& tail, TicketId ticket_id,
                                                  int64_t id) {
    const bool with_data = tail.rfind(", data", 0) == 0;
    return ReadAll<Attachment>(
        "SELECT id, ticket_id, file_name, content_type, size, sha256, uploaded_by, created_at" + tail,
        [with_data](const Stmt& s) {
          Attachment a;
          a.id = s.Int(0);
          a.ticket_id = s.Int(1);
          a.file_name = s.Text(2);
          a.content_type = s.Text(3);
          a.size = s.Int(4);
          a.sha256 = s.Text(5);
          a.uploaded_by = s.Text(6);
          a.created_at = s.Int(7);
          if (with_data) a.data = s.Blob(8);
          return a;
        },
        [&](Stmt& s) { s.Bind(1, ticket_id).Bind(2, id); });
  }

 public:
  // ---- end department integration ----

 private:
  // The writer's part of CreateTicket: numbers and inserts `stored` (id,
  // number and version set in it), its events and its search terms.
  Status InsertNewTicket(Connection& c, const std::vector<TicketEvent>& events,
                         const std::string& number_prefix, const std::string& terms,
                         Ticket& stored) {
    std::string day = FormatDayCst(stored.created_at);
    std::string key = number_prefix + "-" + day;
    LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
        "INSERT INTO number_counters (key, next) VALUES (?1, 1) "
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
    LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(
        "INSERT OR REPLACE INTO open311_meta (ticket_id, client, account_id, device_id, email, "
        "media_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    LX_RETURN_IF_ERROR(s->Bind(1, m.ticket_id)
                           .Bind(2, m.client)
                           .Bind(3, m.account_id)
                           .Bind(4, m.device_id)
                           .Bind(5, m.email)
                           .Bind(6, m.media_url)
                           .Run());
    LX_ASSIGN_OR_RETURN(Stmt * del, c.Prepare("DELETE FROM open311_attributes WHERE ticket_id = ?1"));
    LX_RETURN_IF_ERROR(del->Bind(1, m.ticket_id).Run());
    for (size_t i = 0; i < m.attributes.size(); ++i) {
      // Prepare() hands out the cached statement reset, ready for the next row.
      LX_ASSIGN_OR_RETURN(Stmt * ins, c.Prepare(
          "INSERT INTO open311_attributes (ticket_id, seq, code, value) VALUES (?1, ?2, ?3, ?4)"));
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
        Status lost = results[i].ok() ? Status::Unavailable("存储写入失败，本次操作没有保存，请稍后重试")
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
    std::string out;
    std::unordered_set<std::string> seen;
    for (const std::string* part : {&title, &body}) {
      if (part->empty()) continue;
      for (std::string& t : options_.search_terms(*part, false)) {
        if (!seen.insert(t).second) continue;
        if (!out.empty()) out += ' ';
        out += t;
      }
    }
    return out;
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
    return ReadAll<Ticket>(sql, ReadTicket, bind);
  }

  Result<std::vector<User>> ReadUsers(const std::string& tail, const std::string& arg) {
    return ReadAll<User>(
        "SELECT username, display_name, role, unit_code, password_hash, active, created_at FROM "
        "users " + tail,
        [](const Stmt& s) {
          User u;
          u.username = s.Text(0);
          u.display_name = s.Text(1);
          u.role = ParseRole(s.Text(2)).value_or(Role::kCallTaker);
          u.unit_code = s.Text(3);
          u.password_hash = s.Text(4);
          u.active = s.Int(5) != 0;
          u.created_at = s.Int(6);
          return u;
        },
        [&](Stmt& s) {
          if (!arg.empty()) s.Bind(1, arg);
        });
  }

  // Full-text condition: each space-separated piece of `text` must occur in
  // title or body. A piece of two or more characters matches through the index
  // (all its query terms); a single character by substring (LIKE).
  void AddTextCondition(const std::string& text, std::string& where,
                        std::vector<std::function<void(Stmt&, int)>>& binders) const {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string::npos) end = text.size();
      std::string piece = text.substr(pos, end - pos);
      pos = end + 1;
      if (piece.empty()) continue;
      std::string p = "?" + std::to_string(binders.size() + 1);
      size_t chars = 0;
      for (unsigned char ch : piece) chars += (ch & 0xC0) != 0x80;
      std::vector<std::string> terms;
      if (chars >= 2) terms = options_.search_terms(piece, true);
      if (!terms.empty()) {
        std::string match;  // "t1" "t2": every term (FTS5 implicit AND), each quoted
        for (const std::string& t : terms) {
          match += match.empty() ? "\"" : " \"";
          for (char ch : t) match += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          match += "\"";
        }
        // The index, and the tickets it has not reached yet (search_index.h).
        const int first = static_cast<int>(binders.size()) + 1;
        where += " AND " + sqlite::TextMatchSql(first, first + 1, terms.size());
        binders.push_back([match](Stmt& s, int i) { s.Bind(i, match); });
        for (const std::string& t : terms) {
          binders.push_back([spaced = " " + t + " "](Stmt& s, int i) { s.Bind(i, spaced); });
        }
      } else {
        std::string like = "%";
        for (char ch : piece) {
          if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
          like += ch;
        }
        like += "%";
        where += " AND (title LIKE " + p + " ESCAPE '\\' OR body LIKE " + p + " ESCAPE '\\')";
        binders.push_back([like](Stmt& s, int i) { s.Bind(i, like); });
      }
    }
  }

  std::string path_;
  SqliteOptions options_;
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
