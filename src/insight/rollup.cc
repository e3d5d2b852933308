#include "insight/rollup.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace lianxin::insight {
namespace {

bool AllZero(const Counters& n) {
  return std::all_of(n.begin(), n.end(), [](int64_t v) { return v == 0; });
}

std::vector<store::RollupCell> NonZero(CellMap& cells) {
  std::vector<store::RollupCell> out;
  out.reserve(cells.size());
  for (auto& [id, cell] : cells) {
    if (!AllZero(cell.n)) out.push_back(std::move(cell));
  }
  cells.clear();
  return out;
}

int64_t NextDay(int64_t day) { return DayOf(DayStart(day) + kDayMs + kHourMs); }

bool ValidDay(int64_t day) {
  int64_t m = (day / 100) % 100, d = day % 100, y = day / 10000;
  if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return DayOf(DayStart(day)) == day;  // rejects 20260231
}

int64_t MonthEnd(int64_t day) {
  int64_t y = day / 10000, m = (day / 100) % 100;
  int64_t next = m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1;
  return DayOf(DayStart(next) - kHourMs);
}

// The touched tickets with their logs. Dense runs of ids (the new tickets of a
// busy minute) are read with one ListTicketsWithEvents each (two queries), the
// scattered rest one by one; a ticket missing from a run is read alone (and its
// error, if any, returned as before).
Result<std::unordered_map<TicketId, store::TicketWithEvents>> LoadTickets(
    store::Store& store, std::vector<TicketId> ids) {
  constexpr int64_t kMaxSpan = 5000;
  std::sort(ids.begin(), ids.end());
  std::unordered_map<TicketId, store::TicketWithEvents> out;
  out.reserve(ids.size());
  for (size_t i = 0; i < ids.size();) {
    size_t j = i + 1;
    while (j < ids.size() && ids[j] - ids[i] < kMaxSpan) ++j;
    const int64_t span = ids[j - 1] - ids[i] + 1;
    const int64_t count = static_cast<int64_t>(j - i);
    if (count >= 8 && span <= 4 * count) {  // dense: one read for the run
      LX_ASSIGN_OR_RETURN(std::vector<store::TicketWithEvents> page,
                          store.ListTicketsWithEvents(ids[i] - 1, static_cast<int>(span)));
      std::unordered_set<TicketId> wanted(ids.begin() + static_cast<std::ptrdiff_t>(i),
                                          ids.begin() + static_cast<std::ptrdiff_t>(j));
      for (store::TicketWithEvents& t : page) {
        if (wanted.count(t.ticket.id)) out.emplace(t.ticket.id, std::move(t));
      }
    }
    for (size_t k = i; k < j; ++k) {
      if (out.count(ids[k])) continue;
      store::TicketWithEvents t;
      LX_ASSIGN_OR_RETURN(t.ticket, store.GetTicket(ids[k]));
      LX_ASSIGN_OR_RETURN(t.events, store.ListEvents(ids[k]));
      out.emplace(ids[k], std::move(t));
    }
    i = j;
  }
  return out;
}

}  // namespace

RollupUpdater::RollupUpdater(store::Store& store, EvaluationRules rules, const Clock& clock)
    : store_(store),
      rules_(std::move(rules)),
      clock_(clock),
      segmenter_(text::NewCharSegmenter()),
      scorer_(std::make_unique<ReplyScorer>(*segmenter_)) {}

Result<int64_t> RollupUpdater::Step(int max_events) {
  std::lock_guard<std::mutex> lock(mu_);
  LX_ASSIGN_OR_RETURN(int64_t cursor, store_.GetRollupCursor(kEvaluationCursor));
  if (cursor < 0) return Status::FailedPrecondition("评价汇总正在重建，完成后才能增量更新");
  LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, store_.ListEventsAfter(cursor, max_events));
  if (events.empty()) return int64_t{0};
  std::vector<TicketId> ids;
  std::unordered_set<TicketId> seen;
  for (const TicketEvent& e : events) {
    if (seen.insert(e.ticket_id).second) ids.push_back(e.ticket_id);
  }
  LX_ASSIGN_OR_RETURN(std::vector<store::RollupContribution> stored,
                      store_.GetRollupContributions(ids));
  std::unordered_map<TicketId, store::RollupContribution> old;
  for (store::RollupContribution& k : stored) old.emplace(k.ticket_id, std::move(k));

  TimeMs now = clock_.Now();
  TimeMs window = rules_.repeat_window_days * kDayMs;
  CellMap cells;
  store::RollupBatch batch;
  batch.cursor_name = kEvaluationCursor;
  batch.expected_cursor = cursor;
  batch.cursor = events.back().id;
  LX_ASSIGN_OR_RETURN(auto loaded, LoadTickets(store_, ids));
  for (TicketId id : ids) {
    const Ticket& t = loaded[id].ticket;
    const std::vector<TicketEvent>& log = loaded[id].events;
    auto it = old.find(id);
    bool repeat = false;
    std::optional<Contribution> before;
    if (it != old.end()) {
      LX_ASSIGN_OR_RETURN(Contribution c, Contribution::Decode(it->second.payload));
      before = std::move(c);
    }
    if (before && it->second.region_code == t.region_code &&
        it->second.category_code == t.category_code && it->second.created_at == t.created_at) {
      repeat = before->repeat;  // the place and matter did not change: keep the verdict
    } else if (!t.region_code.empty() && !t.category_code.empty()) {
      // Peers among the stored contributions, and among this batch's (not yet stored).
      for (const store::RollupContribution& k : batch.contributions) {
        if (k.region_code == t.region_code && k.category_code == t.category_code &&
            k.created_at >= t.created_at - window && k.created_at < t.created_at) {
          repeat = true;
          break;
        }
      }
      if (!repeat) {
        LX_ASSIGN_OR_RETURN(repeat, store_.HasRollupPeer(t.region_code, t.category_code,
                                                         t.created_at - window, t.created_at, id));
      }
    }
    Contribution after =
        Contribute(t, log, rules_, now, repeat, scorer_.get(), before ? &*before : nullptr);
    if (before) AddCells(*before, -1, cells);
    AddCells(after, +1, cells);
    batch.contributions.push_back(
        {id, t.region_code, t.category_code, t.created_at, after.Encode()});
  }
  batch.deltas = NonZero(cells);
  LX_RETURN_IF_ERROR(store_.ApplyRollupBatch(batch));
  return static_cast<int64_t>(events.size());
}

Result<int64_t> RollupUpdater::CatchUp() {
  int64_t total = 0;
  for (;;) {
    LX_ASSIGN_OR_RETURN(int64_t n, Step());
    if (n == 0) return total;
    total += n;
  }
}

Result<int64_t> RollupUpdater::Rebuild(const std::function<void(int64_t)>& progress, int batch) {
  std::lock_guard<std::mutex> lock(mu_);
  LX_ASSIGN_OR_RETURN(store::StoreStats stats, store_.Stats());
  int64_t newest_event = stats.events;
  LX_RETURN_IF_ERROR(store_.ResetRollups(kEvaluationCursor, -1));

  // Pass 1: repeat requests from the light columns of every ticket.
  struct Key {
    int32_t place;
    TimeMs created;
    TicketId id;
  };
  std::unordered_map<std::string, int32_t> places;
  std::vector<Key> keys;
  TicketId after = 0;
  for (;;) {
    LX_ASSIGN_OR_RETURN(std::vector<store::TicketKey> page, store_.ListTicketKeys(after, 200000));
    if (page.empty()) break;
    after = page.back().id;
    for (const store::TicketKey& k : page) {
      if (k.region_code.empty() || k.category_code.empty()) continue;
      auto [it, fresh] = places.try_emplace(k.region_code + "\x1f" + k.category_code,
                                            static_cast<int32_t>(places.size()));
      keys.push_back({it->second, k.created_at, k.id});
    }
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return a.place != b.place ? a.place < b.place : a.created < b.created;
  });
  std::unordered_set<TicketId> repeats;
  TimeMs window = rules_.repeat_window_days * kDayMs;
  for (size_t i = 0; i < keys.size();) {
    size_t run_end = i;  // tickets of one place created at the same instant
    while (run_end < keys.size() && keys[run_end].place == keys[i].place &&
           keys[run_end].created == keys[i].created) {
      ++run_end;
    }
    // The latest strictly earlier ticket of the same place is keys[i - 1].
    if (i > 0 && keys[i - 1].place == keys[i].place &&
        keys[i - 1].created >= keys[i].created - window) {
      for (size_t j = i; j < run_end; ++j) repeats.insert(keys[j].id);
    }
    i = run_end;
  }
  keys.clear();
  keys.shrink_to_fit();

  // Pass 2: contributions, written every ~5,000 tickets (one transaction each).
  TimeMs now = clock_.Now();
  CellMap cells;
  store::RollupBatch out;
  out.cursor_name = kEvaluationCursor;
  out.expected_cursor = -1;
  out.cursor = -1;
  int64_t scanned = 0;
  after = 0;
  for (;;) {
    LX_ASSIGN_OR_RETURN(std::vector<store::TicketWithEvents> page,
                        store_.ListTicketsWithEvents(after, batch));
    if (page.empty()) break;
    after = page.back().ticket.id;
    for (const store::TicketWithEvents& item : page) {
      const Ticket& t = item.ticket;
      Contribution c =
          Contribute(t, item.events, rules_, now, repeats.count(t.id) > 0, scorer_.get());
      AddCells(c, +1, cells);
      out.contributions.push_back({t.id, t.region_code, t.category_code, t.created_at, c.Encode()});
    }
    scanned += static_cast<int64_t>(page.size());
    if (out.contributions.size() >= 5000) {
      out.deltas = NonZero(cells);
      LX_RETURN_IF_ERROR(store_.ApplyRollupBatch(out));
      out.deltas.clear();
      out.contributions.clear();
    }
    if (progress) progress(scanned);
  }
  out.deltas = NonZero(cells);
  out.cursor = newest_event;
  LX_RETURN_IF_ERROR(store_.ApplyRollupBatch(out));
  return scanned;
}

Status CheckDayRange(const DayRange& r) {
  if (!ValidDay(r.from) || !ValidDay(r.to)) {
    return Status::InvalidArgument("日期应为 YYYYMMDD 格式的有效日期");
  }
  if (r.from > r.to) return Status::InvalidArgument("开始日期不能晚于结束日期");
  return Status::Ok();
}

Result<std::vector<store::RollupCell>> SumPeriod(store::Store& store, const std::string& dim,
                                                 const DayRange& range) {
  LX_RETURN_IF_ERROR(CheckDayRange(range));
  if (dim != "unit" && dim != "region" && dim != "category") {
    return Status::InvalidArgument("维度应为 unit、region 或 category");
  }
  // Cut the range into segments of one grain each: days up to a month start,
  // months up to a year start, whole years, then months and days again.
  struct Segment {
    std::string grain;
    int64_t from, to;
  };
  std::vector<Segment> segments;
  auto add = [&](const std::string& grain, int64_t from, int64_t to) {
    if (!segments.empty() && segments.back().grain == grain) {
      segments.back().to = to;
    } else {
      segments.push_back({grain, from, to});
    }
  };
  int64_t day = range.from;
  while (day <= range.to) {
    bool year_start = day % 10000 == 101;
    bool month_start = day % 100 == 1;
    int64_t year_end = (day / 10000) * 10000 + 1231;
    if (year_start && year_end <= range.to) {
      add("y", day / 10000, day / 10000);
      day = NextDay(year_end);
    } else if (month_start && MonthEnd(day) <= range.to) {
      add("m", day / 100, day / 100);
      day = NextDay(MonthEnd(day));
    } else {
      add("d", day, day);
      day = NextDay(day);
    }
  }
  std::map<std::string, store::RollupCell> sums;
  for (const Segment& s : segments) {
    LX_ASSIGN_OR_RETURN(std::vector<store::RollupCell> part,
                        store.SumRollups(s.grain, dim, s.from, s.to));
    for (store::RollupCell& cell : part) {
      auto [it, fresh] = sums.try_emplace(cell.key);
      if (fresh) {
        it->second = std::move(cell);
        it->second.grain = "d";
        it->second.period = range.from;
      } else {
        for (int i = 0; i < store::kRollupCounters; ++i) it->second.n[i] += cell.n[i];
      }
    }
  }
  std::vector<store::RollupCell> out;
  out.reserve(sums.size());
  for (auto& [key, cell] : sums) out.push_back(std::move(cell));
  return out;
}

Result<std::vector<Metrics>> QueryMetrics(store::Store& store, const EvaluationRules& rules,
                                          const std::string& dim, const DayRange& range) {
  LX_ASSIGN_OR_RETURN(std::vector<store::RollupCell> cells, SumPeriod(store, dim, range));
  std::vector<Metrics> out;
  out.reserve(cells.size());
  for (const store::RollupCell& c : cells) out.push_back(ComputeMetrics(c.key, c.n, rules));
  return out;
}

}  // namespace lianxin::insight
