// Keeps the evaluation rollups (insight/evaluation.h) current and reads them.
//
// RollupUpdater consumes ticket_events after a persisted cursor in bounded
// batches, each in its own store transaction (never inside a ticket write):
// for every touched ticket it recomputes the contribution from the stored
// projection and events, subtracts the old one and adds the new. Because the
// contribution is a function of the ticket's state, replaying is harmless, and
// the cursor moves in the same transaction as the cells (kAborted if another
// updater moved it), so a crash loses or doubles nothing. Rebuild recomputes
// everything from the tickets (after an import). One RollupUpdater serialises
// its own calls (thread-safe); the functions below it are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "insight/evaluation.h"
#include "insight/reply_quality.h"
#include "store/store.h"

namespace lianxin::insight {

// The cursor name in the store.
inline constexpr char kEvaluationCursor[] = "evaluation";

class RollupUpdater {
 public:
  // `store` and `clock` must outlive the updater. Replies are scored for reply
  // quality with a dictionary-free segmenter (character bigrams: fast enough
  // for millions of tickets, and the same in every process).
  RollupUpdater(store::Store& store, EvaluationRules rules, const Clock& clock);

  // Applies the events after the cursor, at most `max_events`, in one
  // transaction. Returns how many events it consumed (0 = caught up).
  // kFailedPrecondition while a rebuild is unfinished (cursor < 0); store errors.
  Result<int64_t> Step(int max_events = 2000);
  // Steps until caught up; returns the events consumed.
  Result<int64_t> CatchUp();
  // Recomputes every cell from the tickets: resets, then scans in batches of
  // `batch` tickets; the cursor stays at -1 (Step refuses) until the end, when it
  // is set to the newest event id seen at the start. `progress(done)` after each
  // batch. Returns the number of tickets scanned. Blocks for minutes on millions.
  Result<int64_t> Rebuild(const std::function<void(int64_t)>& progress = {}, int batch = 5000);

 private:
  store::Store& store_;
  EvaluationRules rules_;
  const Clock& clock_;
  std::unique_ptr<text::Segmenter> segmenter_;
  std::unique_ptr<ReplyScorer> scorer_;
  std::mutex mu_;
};

// A period of whole CST days, both ends inclusive (yyyymmdd).
struct DayRange {
  int64_t from = 0;
  int64_t to = 0;
};
// kInvalidArgument (Chinese) unless both are valid dates and from <= to.
Status CheckDayRange(const DayRange& range);

// The summed counters of every key of `dim` ("unit", "region", "category") over
// `range`, from the fewest cells: whole years, then whole months, then days.
Result<std::vector<store::RollupCell>> SumPeriod(store::Store& store, const std::string& dim,
                                                 const DayRange& range);
// SumPeriod turned into Metrics, ascending by key.
Result<std::vector<Metrics>> QueryMetrics(store::Store& store, const EvaluationRules& rules,
                                          const std::string& dim, const DayRange& range);

}  // namespace lianxin::insight
