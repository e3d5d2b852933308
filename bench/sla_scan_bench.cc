// SLA scheduler scan benchmark (issue 4, part A): the scheduler's indexed work
// list and a whole pass over a store of --tickets open tickets (default one
// million), against plain full-table scans of the same data in the same run.
//
// Run it through bench/sla_scan. Phases:
//   1. fill: a fresh SQLite file with the store's migrations (opened once
//      through store::OpenSqliteStore), then --tickets open tickets with one
//      派单 event each inserted with plain SQL in one transaction. Deadlines
//      are 7 days from dispatch and next_alarm_at is workflow::NextAlarmAt, as
//      the service computes it; --due tickets have their 催办 due now, the rest
//      later. The FTS trigger is dropped during the fill (the scan never reads
//      the FTS index) and recreated after.
//   2. queries, each --repeat times, median reported: Store::ListAlarms(now,
//      1000) (the partial index on next_alarm_at); the same work list computed
//      from the deadline columns by a full-table scan (what a scheduler without
//      the stored alarm time would run); SELECT COUNT(*) over all tickets.
//   3. the pass: Service::RunSlaScan(1000) until it fires fewer than 1000,
//      as `lianxin serve` drains; every due ticket must be reminded exactly
//      once (checked). Meanwhile one thread writes notes through
//      Service::Perform (an API write) and another reads tickets (by id, and a
//      unit's first page); their latencies are compared with the same calls
//      on an idle store, to show the pass stalls neither writers nor readers.
// Prints one table; exit 0 when the checks held, 1 otherwise, 2 on setup errors.
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "service/service.h"
#include "store/store.h"
#include "workflow/sla.h"

using namespace lianxin;

namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::duration d) { return std::chrono::duration<double>(d).count(); }

double ProcessCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

[[noreturn]] void Die(const std::string& msg) {
  std::fprintf(stderr, "sla_scan_bench: %s\n", msg.c_str());
  std::exit(2);
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "?";
    sqlite3_free(err);
    Die(sql.substr(0, 80) + ": " + m);
  }
}

std::string LoadAverage() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

struct Options {
  int64_t tickets = 1000000;
  int64_t due = 2000;
  int repeat = 5;
  std::string work_dir;
  bool keep = false;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--tickets") {
      o.tickets = std::stoll(next());
    } else if (a == "--due") {
      o.due = std::stoll(next());
    } else if (a == "--repeat") {
      o.repeat = std::stoi(next());
    } else if (a == "--work-dir") {
      o.work_dir = next();
    } else if (a == "--keep") {
      o.keep = true;
    } else if (a == "--help" || a == "-h") {
      std::printf(
          "sla_scan_bench [--tickets N (1000000)] [--due N (2000)] [--repeat N (5)]\n"
          "               [--work-dir DIR (a temp dir)] [--keep]\n");
      std::exit(0);
    } else {
      Die("unknown flag " + a + " (see --help)");
    }
  }
  if (o.tickets < 1 || o.due < 0 || o.due > o.tickets || o.repeat < 1) Die("bad numbers");
  return o;
}

// Median seconds of `repeat` runs of `fn`.
template <typename Fn>
double Median(int repeat, Fn fn) {
  std::vector<double> t;
  for (int i = 0; i < repeat; ++i) {
    auto start = SteadyClock::now();
    fn();
    t.push_back(Seconds(SteadyClock::now() - start));
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// Fills `path` (migrated already) with the benchmark's open tickets.
void Fill(const std::string& path, const Options& o, TimeMs now) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("cannot open " + path);
  // A page cache that holds the indexes: random-order index inserts otherwise
  // read pages back from the OS for every row.
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;");
  // The full-text index plays no part in the scan: the fill writes no search terms.
  Exec(db, "BEGIN");
  sqlite3_stmt* ins = nullptr;
  const char* sql =
      "INSERT INTO tickets (number, query_code, kind, urgency, channel, title, body, citizen_name, "
      "citizen_phone, region_code, address, category_code, owner_unit, status, reply, created_at, "
      "updated_at, dispatched_at, due_at, resolved_at, version, accepted_at, first_contact_at, "
      "next_alarm_at) VALUES (?1,'Q1W2E3','complaint','normal','phone',?2,?3,'', '13812341234',"
      "?4,'',?5,?6,?7,'',?8,?8,?8,?9,0,2,?10,?11,?12)";
  if (sqlite3_prepare_v2(db, sql, -1, &ins, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db));
  sqlite3_stmt* ev = nullptr;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO ticket_events (ticket_id, type, actor, actor_role, at, reason, "
                         "unit_code, content, is_public, due_at) VALUES (?1,'dispatch','paidan',"
                         "'dispatcher',?2,'',?3,'',1,?4)",
                         -1, &ev, nullptr) != SQLITE_OK) {
    Die(sqlite3_errmsg(db));
  }
  const char* regions[] = {"XD.A.A1", "XD.A.A3", "XD.B.B1", "XD.C.C2", "XD.K.K6"};
  const char* units[] = {"zjj", "cg", "sw", "ga", "gov"};
  const TicketStatus statuses[] = {TicketStatus::kDispatched, TicketStatus::kAccepted,
                                   TicketStatus::kInProgress, TicketStatus::kInProgress};
  std::mt19937_64 rng(42);
  const TimeMs span = 7 * kDayMs;
  const TimeMs remind_after = static_cast<TimeMs>(0.8 * static_cast<double>(span));
  for (int64_t i = 0; i < o.tickets; ++i) {
    // Due tickets: reminder in the last 10 minutes; others: reminder still ahead.
    TimeMs remind = i < o.due ? now - static_cast<TimeMs>(rng() % (10 * 60 * 1000))
                              : now + 1 + static_cast<TimeMs>(rng() % remind_after);
    Ticket t;
    t.status = statuses[i % 4];
    t.dispatched_at = remind - remind_after;
    t.due_at = t.dispatched_at + span;
    t.accepted_at = t.status != TicketStatus::kDispatched ? t.dispatched_at + kHourMs : 0;
    t.first_contact_at = t.status == TicketStatus::kInProgress ? t.dispatched_at + 2 * kHourMs : 0;
    t.next_alarm_at = workflow::NextAlarmAt(t, 0.8);
    const char* region = regions[i % 5];
    std::string unit = std::string(region) + "/" + units[(i / 5) % 5];
    std::string number = "XD-B-" + std::to_string(i);
    std::string title = "工单" + std::to_string(i) + " 路灯不亮";
    sqlite3_bind_text(ins, 1, number.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, "某路段路灯坏了一周，晚上出行不安全。", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, "01.02.003", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 6, unit.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 7, std::string(ToString(t.status)).c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 8, t.dispatched_at);
    sqlite3_bind_int64(ins, 9, t.due_at);
    sqlite3_bind_int64(ins, 10, t.accepted_at);
    sqlite3_bind_int64(ins, 11, t.first_contact_at);
    sqlite3_bind_int64(ins, 12, t.next_alarm_at);
    if (sqlite3_step(ins) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(ins);
    sqlite3_bind_int64(ev, 1, sqlite3_last_insert_rowid(db));
    sqlite3_bind_int64(ev, 2, t.dispatched_at);
    sqlite3_bind_text(ev, 3, unit.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ev, 4, t.due_at);
    if (sqlite3_step(ev) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(ev);
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(ev);
  Exec(db, "COMMIT");
  Exec(db, "ANALYZE");
  Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
}

// The work list without the stored alarm time: every open ticket with a unit
// whose 催办 or 督办 is due, computed from the deadline columns (full scan).
int64_t PlainScan(sqlite3* db, TimeMs now, bool count_all) {
  std::string sql =
      count_all ? "SELECT COUNT(*) FROM tickets"
                : "SELECT COUNT(*) FROM (SELECT id FROM tickets WHERE status IN ('dispatched',"
                  "'accepted','in_progress','return_requested','extension_requested') AND due_at <> 0 "
                  "AND ((?1 < due_at AND ?1 >= dispatched_at + (due_at - dispatched_at) * 4 / 5 AND "
                  "reminded_at < dispatched_at + (due_at - dispatched_at) * 4 / 5) OR "
                  "(?1 >= due_at AND escalated_at < due_at)) ORDER BY due_at LIMIT 1000)";
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db));
  if (!count_all) sqlite3_bind_int64(s, 1, now);
  int64_t n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

// Latencies (seconds) of note writes through the service while `busy` is set
// (or `count` of them when busy is null).
std::vector<double> WriteNotes(service::Service& svc, const std::vector<TicketId>& ids,
                               const std::atomic<bool>* busy, int count) {
  service::Actor actor;
  actor.username = "paidan";
  actor.role = Role::kDispatcher;
  std::vector<double> out;
  for (size_t i = 0; busy ? busy->load() : static_cast<int>(out.size()) < count; ++i) {
    service::ActionRequest r;
    r.type = EventType::kNote;
    r.content = "测量写入延迟";
    auto start = SteadyClock::now();
    auto done = svc.Perform(actor, ids[i % ids.size()], r);
    out.push_back(Seconds(SteadyClock::now() - start));
    if (!done.ok()) Die("note failed: " + done.status().ToString());
  }
  return out;
}

// Latencies (seconds) of API-shaped reads while `busy` is set (or `count` of
// them when busy is null): a ticket by id and a unit's first page of tickets,
// alternately, as the ticket page and a unit's work list do.
std::vector<double> ReadTickets(store::Store& st, int64_t tickets, const std::atomic<bool>* busy,
                                int count) {
  std::vector<double> out;
  std::mt19937_64 rng(7);
  for (size_t i = 0; busy ? busy->load() : static_cast<int>(out.size()) < count; ++i) {
    auto start = SteadyClock::now();
    if (i % 2 == 0) {
      auto t = st.GetTicket(1 + static_cast<TicketId>(rng() % static_cast<uint64_t>(tickets)));
      if (!t.ok()) Die("read failed: " + t.status().ToString());
    } else {
      store::TicketFilter f;
      f.owner_unit = "XD.A.A3/cg";
      f.limit = 20;
      auto page = st.ListTickets(f);
      if (!page.ok()) Die("list failed: " + page.status().ToString());
    }
    out.push_back(Seconds(SteadyClock::now() - start));
  }
  return out;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o = Parse(argc, argv);
  fs::path dir = o.work_dir.empty() ? fs::temp_directory_path() / ("sla-scan-" + std::to_string(getpid()))
                                    : fs::path(o.work_dir);
  fs::create_directories(dir);
  std::string path = (dir / "scan.db").string();
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
  std::printf("sla_scan_bench: %lld open tickets, %lld due, load average %s\n",
              static_cast<long long>(o.tickets), static_cast<long long>(o.due), LoadAverage().c_str());
  const TimeMs now = 1795910400000;  // 2026-11-29 08:00 CST
  {
    auto s = store::OpenSqliteStore(path);  // applies the migrations
    if (!s.ok()) Die(s.status().ToString());
  }
  auto fill_start = SteadyClock::now();
  Fill(path, o, now);
  double fill = Seconds(SteadyClock::now() - fill_start);
  std::printf("fill: %.1f s (%.0f tickets/s, plain SQL, one transaction), file %.0f MB\n", fill,
              static_cast<double>(o.tickets) / fill, static_cast<double>(fs::file_size(path)) / 1e6);

  auto opened = store::OpenSqliteStore(path);
  if (!opened.ok()) Die(opened.status().ToString());
  std::unique_ptr<store::Store> st = std::move(opened).value();
  FakeClock clock(now);
  service::Service svc(*st, clock);

  // 2. queries.
  size_t listed = 0;
  double indexed = Median(o.repeat, [&] {
    auto r = st->ListAlarms(now, 1000);
    if (!r.ok()) Die(r.status().ToString());
    listed = r->size();
  });
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) Die("open raw");
  int64_t plain_n = 0, all_n = 0;
  double plain = Median(o.repeat, [&] { plain_n = PlainScan(raw, now, false); });
  double count_all = Median(o.repeat, [&] { all_n = PlainScan(raw, now, true); });
  sqlite3_close(raw);
  bool ok = true;
  const size_t expect_listed = static_cast<size_t>(std::min<int64_t>(o.due, 1000));
  if (listed != expect_listed || plain_n != static_cast<int64_t>(expect_listed) || all_n != o.tickets) {
    std::printf("CHECK FAILED: indexed listed %zu, plain scan %lld, count %lld (expected %zu, %zu, %lld)\n",
                listed, static_cast<long long>(plain_n), static_cast<long long>(all_n), expect_listed,
                expect_listed, static_cast<long long>(o.tickets));
    ok = false;
  }

  // 3. the pass, with a concurrent writer; and the same writes on an idle store.
  std::vector<TicketId> note_ids;
  for (TicketId id = o.tickets; id > o.tickets - 50 && id > 0; --id) note_ids.push_back(id);
  std::vector<double> idle = WriteNotes(svc, note_ids, nullptr, 200);
  std::vector<double> idle_reads = ReadTickets(*st, o.tickets, nullptr, 400);
  std::atomic<bool> busy{true};
  std::vector<double> during, during_reads;
  std::thread writer([&] { during = WriteNotes(svc, note_ids, &busy, 0); });
  std::thread reader([&] { during_reads = ReadTickets(*st, o.tickets, &busy, 0); });
  double cpu_before = ProcessCpuSeconds();
  auto pass_start = SteadyClock::now();
  int64_t fired = 0;
  int batches = 0;
  for (;;) {
    auto r = svc.RunSlaScan(1000);
    if (!r.ok()) Die(r.status().ToString());
    fired += *r;
    ++batches;
    if (*r < 1000) break;
  }
  double pass = Seconds(SteadyClock::now() - pass_start);
  double pass_cpu = ProcessCpuSeconds() - cpu_before;  // incl. the concurrent reader and writer
  busy = false;
  writer.join();
  reader.join();
  auto left = st->ListAlarms(now, 1000);
  if (fired != o.due || !left.ok() || !left->empty()) {
    std::printf("CHECK FAILED: the pass fired %lld of %lld due alarms; %zu still due\n",
                static_cast<long long>(fired), static_cast<long long>(o.due), left.ok() ? left->size() : 0);
    ok = false;
  }
  // Exactly one reminder per due ticket (ids 1..due), none for the others.
  {
    sqlite3* check = nullptr;
    sqlite3_open_v2(path.c_str(), &check, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(check,
                       "SELECT COUNT(*), COUNT(DISTINCT ticket_id), MAX(ticket_id) FROM ticket_events "
                       "WHERE type = 'reminder'",
                       -1, &s, nullptr);
    if (sqlite3_step(s) == SQLITE_ROW) {
      int64_t n = sqlite3_column_int64(s, 0), distinct = sqlite3_column_int64(s, 1),
              max_id = sqlite3_column_int64(s, 2);
      if (n != o.due || distinct != o.due || (o.due > 0 && max_id != o.due)) {
        std::printf("CHECK FAILED: %lld reminders on %lld tickets (max id %lld), expected %lld\n",
                    static_cast<long long>(n), static_cast<long long>(distinct),
                    static_cast<long long>(max_id), static_cast<long long>(o.due));
        ok = false;
      }
    }
    sqlite3_finalize(s);
    sqlite3_close(check);
  }

  std::printf("\n| measurement (%lld open tickets, median of %d) | seconds | vs. indexed work list |\n",
              static_cast<long long>(o.tickets), o.repeat);
  std::printf("|---|---:|---:|\n");
  std::printf("| Store::ListAlarms(now, 1000): the scheduler's indexed work list (%zu rows) | %.5f | 1 |\n",
              listed, indexed);
  std::printf("| plain SQL: the same work list from the deadline columns, full scan | %.5f | %.1fx |\n",
              plain, plain / indexed);
  std::printf("| plain SQL: SELECT COUNT(*) FROM tickets (smallest index, the scan floor) | %.5f | %.1fx |\n",
              count_all, count_all / indexed);
  std::printf("| whole pass: RunSlaScan(1000) x %d, %lld alarms fired (%.0f alarms/s) | %.3f | %.1fx |\n",
              batches, static_cast<long long>(fired), static_cast<double>(fired) / pass, pass,
              pass / indexed);
  std::printf("\nconcurrent API writes (note via Service::Perform, durable): idle p50 %.1f ms, p99 %.1f ms, "
              "max %.1f ms (%zu writes); during the pass p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu writes)\n",
              Percentile(idle, 0.5) * 1e3, Percentile(idle, 0.99) * 1e3, Percentile(idle, 1.0) * 1e3,
              idle.size(), Percentile(during, 0.5) * 1e3, Percentile(during, 0.99) * 1e3,
              Percentile(during, 1.0) * 1e3, during.size());
  std::printf("concurrent API reads (GetTicket / a unit's first ListTickets page, alternately): idle "
              "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu reads); during the pass p50 %.2f ms, p99 "
              "%.2f ms, max %.2f ms (%zu reads)\n",
              Percentile(idle_reads, 0.5) * 1e3, Percentile(idle_reads, 0.99) * 1e3,
              Percentile(idle_reads, 1.0) * 1e3, idle_reads.size(),
              Percentile(during_reads, 0.5) * 1e3, Percentile(during_reads, 0.99) * 1e3,
              Percentile(during_reads, 1.0) * 1e3, during_reads.size());
  std::printf("process CPU during the pass (all threads: scan, reader, writer): %.3f s\n", pass_cpu);
  std::printf("target: a scan in under 2 s: indexed work list %s, whole pass %s\n",
              indexed < 2 ? "met" : "MISSED", pass < 2 ? "met" : "MISSED");
  std::printf("load average after: %s\n", LoadAverage().c_str());
  if (!o.keep) fs::remove_all(dir);
  return ok ? 0 : 1;
}
