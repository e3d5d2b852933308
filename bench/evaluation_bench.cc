// bench/evaluation (issue 4, part B): 三率 for every unit over a year, read from
// the rollups (insight::QueryMetrics) vs. a plain SQL GROUP BY over the tickets
// of the same database, in the same run. Both answers are compared unit by unit
// (counted, responded, revisited, resolved, 满意/基本满意/不满意), so the
// benchmark cannot time two different questions. Prints a Markdown block.
//
//   evaluation_bench --db DATA/lianxin.db [--from 20260101] [--to 20261231] [--runs 15]
#include <sqlite3.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "insight/rollup.h"
#include "store/store.h"

namespace {

using namespace lianxin;
using SteadyClock = std::chrono::steady_clock;

std::string LoadAvg() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

struct Row {
  int64_t counted = 0, responded = 0, revisited = 0, resolved = 0, sat = 0, basic = 0, unsat = 0;
  bool operator==(const Row&) const = default;
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

template <typename Set, typename F>
std::string InList(const Set& set, F name) {
  std::string out;
  for (const auto& v : set) out += (out.empty() ? "" : ",") + Quote(std::string(name(v)));
  return out.empty() ? "''" : out;
}

// The plain GROUP BY: the same 参评 rules and 三率 counters over the projection
// (with_review: also the review exclusion, a NOT EXISTS over each ticket's events).
std::string GroupBySql(const insight::EvaluationRules& r, bool with_review) {
  std::string sql =
      "SELECT owner_unit, COUNT(*), "
      "SUM(accepted_at > 0 AND first_contact_at > 0 AND (due_at = 0 OR first_contact_at <= due_at)), "
      "SUM(revisit_resolved IS NOT NULL), SUM(revisit_resolved = 1), "
      "SUM(satisfaction = 'satisfied'), SUM(satisfaction = 'basically_satisfied'), "
      "SUM(satisfaction = 'unsatisfied') "
      "FROM tickets t WHERE created_at >= ?1 AND created_at < ?2 AND dispatched_at > 0 "
      "AND owner_unit <> '' AND kind NOT IN (" +
      InList(r.exclude_kinds, [](TicketKind k) { return ToString(k); }) +
      ") AND status NOT IN (" +
      InList(r.exclude_statuses, [](TicketStatus s) { return ToString(s); }) + ")";
  if (with_review) {
    sql += " AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.reason IN (" +
           InList(r.exclude_reasons, [](const std::string& s) { return s; }) + "))";
  }
  return sql + " GROUP BY owner_unit";
}

std::map<std::string, Row> RunSql(sqlite3* db, const std::string& sql, TimeMs from, TimeMs to) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::cerr << "prepare failed: " << sqlite3_errmsg(db) << "\n";
    std::exit(2);
  }
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, to);
  std::map<std::string, Row> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    Row r;
    r.counted = sqlite3_column_int64(st, 1);
    r.responded = sqlite3_column_int64(st, 2);
    r.revisited = sqlite3_column_int64(st, 3);
    r.resolved = sqlite3_column_int64(st, 4);
    r.sat = sqlite3_column_int64(st, 5);
    r.basic = sqlite3_column_int64(st, 6);
    r.unsat = sqlite3_column_int64(st, 7);
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = r;
  }
  sqlite3_finalize(st);
  return out;
}

// CPU time of this thread (the queries run in it): robust when other processes
// take most of the machine, unlike wall time.
double CpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double Ms(SteadyClock::time_point a, SteadyClock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Timing {
  double median = 0, min = 0;
};
Timing Summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v.front()};
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path, rules_path;
  int64_t from_day = 20260101, to_day = 20261231;
  int runs = 15, sql_runs = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db") db_path = next();
    else if (a == "--rules") rules_path = next();
    else if (a == "--from") from_day = std::stoll(next());
    else if (a == "--to") to_day = std::stoll(next());
    else if (a == "--runs") runs = std::stoi(next());
    else if (a == "--sql-runs") sql_runs = std::stoi(next());
    else {
      std::cerr << "usage: evaluation_bench --db FILE [--rules FILE] [--from YYYYMMDD] [--to "
                   "YYYYMMDD] [--runs N] [--sql-runs N]\n";
      return 2;
    }
  }
  if (db_path.empty()) {
    std::cerr << "evaluation_bench: --db is required\n";
    return 2;
  }
  insight::EvaluationRules rules;
  if (!rules_path.empty()) {
    auto r = insight::EvaluationRules::Load(rules_path);
    if (!r.ok()) {
      std::cerr << r.status().ToString() << "\n";
      return 2;
    }
    rules = *r;
  }
  std::string load_before = LoadAvg();
  auto store = store::OpenSqliteStore(db_path);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 2;
  }
  auto stats = (*store)->Stats();
  auto cursor = (*store)->GetRollupCursor(insight::kEvaluationCursor);
  if (!stats.ok() || !cursor.ok() || *cursor != stats->events) {
    std::cerr << "evaluation_bench: the rollups are not current (cursor "
              << (cursor.ok() ? *cursor : -2) << ", newest event "
              << (stats.ok() ? stats->events : -2) << "); run `lianxin evaluation update`\n";
    return 2;
  }
  insight::DayRange range{from_day, to_day};
  TimeMs from = insight::DayStart(from_day);
  TimeMs to = insight::DayStart(to_day) + kDayMs;

  // Rollups: every unit's counters and rates over the period.
  std::vector<insight::Metrics> rollup;
  std::vector<double> rollup_ms, rollup_cpu;
  for (int i = 0; i < runs + 1; ++i) {  // the first run warms the page cache
    double c0 = CpuMs();
    auto t0 = SteadyClock::now();
    auto m = insight::QueryMetrics(**store, rules, "unit", range);
    auto t1 = SteadyClock::now();
    if (i > 0) rollup_cpu.push_back(CpuMs() - c0);
    if (!m.ok()) {
      std::cerr << m.status().ToString() << "\n";
      return 2;
    }
    if (i > 0) rollup_ms.push_back(Ms(t0, t1));
    rollup = std::move(m).value();
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::cerr << "cannot open " << db_path << "\n";
    return 2;
  }
  std::map<std::string, Row> sql, sql_projection;
  std::vector<double> sql_ms, projection_ms, sql_cpu, projection_cpu;
  const std::string full = GroupBySql(rules, true), projection = GroupBySql(rules, false);
  RunSql(db, projection, from, to);  // warm
  for (int i = 0; i < sql_runs; ++i) {
    double c0 = CpuMs();
    auto t0 = SteadyClock::now();
    sql = RunSql(db, full, from, to);
    auto t1 = SteadyClock::now();
    double c1 = CpuMs();
    sql_projection = RunSql(db, projection, from, to);
    auto t2 = SteadyClock::now();
    sql_cpu.push_back(c1 - c0);
    projection_cpu.push_back(CpuMs() - c1);
    sql_ms.push_back(Ms(t0, t1));
    projection_ms.push_back(Ms(t1, t2));
  }
  sqlite3_close(db);

  // The same answer? Every unit with evaluated tickets, counter by counter.
  int64_t units = 0, mismatches = 0, tickets = 0;
  for (const insight::Metrics& m : rollup) {
    Row r{m.n[insight::kCounted], m.n[insight::kResponded],   m.n[insight::kRevisited],
          m.n[insight::kResolvedSaid], m.n[insight::kSatisfied], m.n[insight::kBasic],
          m.n[insight::kUnsatisfied]};
    if (r.counted == 0) continue;
    ++units;
    tickets += r.counted;
    auto it = sql.find(m.key);
    if (it == sql.end() || !(it->second == r)) ++mismatches;
  }
  for (const auto& [key, row] : sql) {
    bool found = std::any_of(rollup.begin(), rollup.end(), [&](const insight::Metrics& m) {
      return m.key == key && m.n[insight::kCounted] > 0;
    });
    if (!found) ++mismatches;
  }
  Timing r = Summarise(rollup_ms), s = Summarise(sql_ms), p = Summarise(projection_ms);
  Timing rc = Summarise(rollup_cpu), sc = Summarise(sql_cpu), pc = Summarise(projection_cpu);
  std::string load_after = LoadAvg();
  std::printf("| | CPU ms (median) | wall ms (median / min) | runs | CPU ratio to rollups |\n"
              "|---|---|---|---|---|\n");
  std::printf("| rollups (`insight::QueryMetrics`, unit, %lld..%lld) | %.2f | %.2f / %.2f | %d | 1 |\n",
              static_cast<long long>(from_day), static_cast<long long>(to_day), rc.median, r.median,
              r.min, runs);
  std::printf("| plain SQL GROUP BY over tickets, with the review exclusion | %.0f | %.0f / %.0f | %d | %.0f× |\n",
              sc.median, s.median, s.min, sql_runs, sc.median / rc.median);
  std::printf("| plain SQL GROUP BY over tickets, projection only (no review exclusion) | %.0f | %.0f / %.0f | %d | %.0f× |\n",
              pc.median, p.median, p.min, sql_runs, pc.median / rc.median);
  std::printf("\n- database: %lld tickets, %lld events; %lld units with evaluated tickets (%lld "
              "参评 tickets) in the period\n",
              static_cast<long long>(stats->tickets), static_cast<long long>(stats->events),
              static_cast<long long>(units), static_cast<long long>(tickets));
  std::printf("- same answer: %lld units differ between the rollups and the SQL with the review "
              "exclusion (counted, responded, revisited, resolved, 满意/基本满意/不满意)\n",
              static_cast<long long>(mismatches));
  std::printf("- target < 50 ms for every unit over the year: %s by CPU time (median %.2f ms), "
              "%s by median wall time (%.2f ms) on this shared machine\n",
              rc.median < 50 ? "met" : "NOT met", rc.median, r.median < 50 ? "met" : "NOT met",
              r.median);
  std::printf("- load average before / after: %s / %s (2 cores shared)\n", load_before.c_str(),
              load_after.c_str());
  return mismatches == 0 ? 0 : 1;
}
