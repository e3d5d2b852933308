// The background insight pass (issue 6): clusters new tickets into hot topics as they
// arrive (insight::HotspotClusterer), raises risky-word alerts at once and count alerts
// once a day (insight::CheckDay), and records repeat requests (insight::FindRepeats over
// each topic's members), all kept in the store.
//
// Incremental with a cursor: each step reads tickets with id above the stored cursor,
// clusters them and writes memberships, changed hot topics, alerts, repeats and the
// moved cursor in one transaction. Each membership keeps the ticket's extracted terms, so
// a restarted pass rebuilds its in-memory clusterer from them (no segmentation, same
// topic ids) and continues after the cursor instead of starting again; a change of the
// clustering options (recorded in the cursor's note) starts again from the first ticket.
// Two passes on one store never apply the same tickets twice (the cursor is checked in
// the write; the loser reloads).
//
// Thread-safety: InsightPass is not thread-safe; run one per process from one thread.
// RunOnce blocks on the store.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "insight/alerts.h"
#include "insight/hotspots.h"
#include "service/service.h"
#include "text/text.h"

namespace lianxin::service {

struct InsightPassOptions {
  insight::HotspotOptions hotspots;
  insight::AlertOptions alerts;
  int batch = 1000;                      // tickets per transaction
  TimeMs risky_max_age = 3 * kDayMs;     // older tickets (history) raise no risky-word alert
  int count_days_back = 7;               // completed days checked for count alerts on a first run
  size_t examples = 5;                   // example tickets kept per alert
};

// What one RunOnce did.
struct InsightPassResult {
  int64_t tickets = 0;       // clustered
  int64_t topics = 0;        // hot topics written (new or changed)
  int64_t alerts = 0;        // alerts raised (risky words and counts)
  int64_t repeats = 0;
  int64_t days_checked = 0;  // days scanned for count alerts
  bool restarted = false;    // the clustering was started again (options changed)
};

class InsightPass {
 public:
  // `service` and `segmenter` must outlive the pass.
  InsightPass(Service& service, const text::Segmenter& segmenter, InsightPassOptions options = {});
  ~InsightPass();
  InsightPass(const InsightPass&) = delete;
  InsightPass& operator=(const InsightPass&) = delete;

  // Clusters every ticket after the cursor (in batches), then checks the completed days
  // not yet checked for count alerts, at the clock's now. On a store error the pass
  // stops; nothing is lost (the next run resumes at the stored cursor).
  Result<InsightPassResult> RunOnce();

 private:
  struct State;
  Status Load(InsightPassResult& result);
  Result<int64_t> Step(InsightPassResult& result);
  Status CheckCounts(InsightPassResult& result);
  Service& service_;
  const text::Segmenter& segmenter_;
  InsightPassOptions options_;
  std::unique_ptr<State> state_;  // null until loaded from the store
};

// The cursor names the pass keeps in the store.
inline constexpr char kHotspotCursor[] = "hotspots";
inline constexpr char kCountAlertCursor[] = "count_alerts";

}  // namespace lianxin::service
