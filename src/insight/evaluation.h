// Evaluation (三率 and more) of handling units, regions and categories over a
// period, kept as additive rollups.
//
// A ticket's *contribution* (Contribute) is a set of counters derived from its
// projection and events under the 参评 rules (EvaluationRules, a data file);
// cells hold sums of contributions per grain (day/month/year) × period ×
// dimension (unit, region, category) × key, so any period and grouping is a sum
// (Metrics turns the sums into rates). RollupUpdater (insight/rollup.h) keeps
// the cells current from ticket_events; EvaluationQuery reads them.
// All types here are plain values and the functions pure: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "core/ticket.h"
#include "store/store.h"

namespace lianxin::insight {

class ReplyScorer;

// The meaning of RollupCell::n[i]. See docs/evaluation.md for the exact rules.
enum Counter : int {
  kCounted = 0,     // 参评 tickets (dispatched, not excluded), owned by the key
  kResponded,       // of those: signed and first contact by the deadline in force
  kRevisited,       // of those: revisited (a resolved answer is recorded)
  kResolvedSaid,    // of those: the citizen says resolved
  kSatisfied,       // rated 满意
  kBasic,           // rated 基本满意
  kUnsatisfied,     // rated 不满意
  kOnTime,          // resolved by the deadline in force
  kOverdue,         // resolved after the deadline, or still open past it
  kDispatchedIn,    // unit: dispatched to this unit (any owner); region/category: dispatched
  kReturned,        // unit: the unit asked to return it; region/category: any return asked
  kRedispatched,    // moved by 改派 or an upheld return at least once
  kReopened,        // reopened (重办) at least once
  kExtended,        // an extension (延期) approved at least once
  kRepeat,          // a repeat request (same region and category within the window)
  kExcluded,        // dispatched but not 参评 (excluded by the rules)
  // Reply quality (insight/reply_quality.h) of 参评 tickets with a reply: how
  // many, and the sums of each score × 1000.
  kReplied,
  kReplyRelevance,
  kReplyCompleteness,
  kReplyTimeliness,
  kReplyExplanation,
};
using Counters = std::array<int64_t, store::kRollupCounters>;

// 参评 rules and weights, from data/evaluation/rules.csv.
struct EvaluationRules {
  std::set<TicketKind> exclude_kinds{TicketKind::kPraise};
  std::set<std::string> exclude_reasons{"无理诉求", "非受理范围"};
  std::set<TicketStatus> exclude_statuses{TicketStatus::kMerged};
  double basic_satisfied_weight = 0.8;
  double weight_response = 30;
  double weight_resolution = 35;
  double weight_satisfaction = 35;
  int repeat_window_days = 30;
  int rank_min_tickets = 5;

  // Parses the "rule,value" CSV text (lines starting with # are comments).
  // kInvalidArgument with a Chinese message naming the line for an unknown rule
  // or a bad value; nothing is half-applied.
  static Result<EvaluationRules> Parse(const std::string& csv_text);
  static Result<EvaluationRules> Load(const std::string& path);
};

// What one ticket adds to the cells. Empty `owner` = contributes nothing.
struct Contribution {
  int64_t day = 0;  // yyyymmdd of created_at in CST
  std::string owner;
  std::string region_code;
  std::string category_code;
  Counters ticket{};  // for the owner (merged with `units` entry) and region/category cells
  std::vector<std::pair<std::string, Counters>> units;  // per unit, owner included
  bool repeat = false;
  uint64_t reply_hash = 0;  // of the scored reply text; 0 when none was scored

  std::string Encode() const;
  // kInternal on a malformed payload.
  static Result<Contribution> Decode(const std::string& payload);
};

// The contribution of `ticket` with its `events` (oldest first) at `now` under
// `rules`; `repeat` says whether it is a repeat request (the caller looks it up).
// With a `scorer`, the reply of a 参评 ticket is scored (reply quality); the
// scores of `before` are reused when the reply text did not change.
Contribution Contribute(const Ticket& ticket, const std::vector<TicketEvent>& events,
                        const EvaluationRules& rules, TimeMs now, bool repeat,
                        const ReplyScorer* scorer = nullptr,
                        const Contribution* before = nullptr);

// Cells being summed before they are written, keyed by "grain|dim|period|key".
using CellMap = std::unordered_map<std::string, store::RollupCell>;
// Adds sign × the cells of `c` (three grains × the units, every level of the
// region, every level of the category) to `cells`.
void AddCells(const Contribution& c, int sign, CellMap& cells);

// Rates of one key over a period. Rates are nullopt when their denominator is 0.
struct Metrics {
  std::string key;   // unit code, region code or category code
  std::string name;  // filled by the caller (service) when known
  Counters n{};
  std::optional<double> response;      // 响应率 = responded / counted
  std::optional<double> resolution;    // 解决率 = resolved_said / revisited
  std::optional<double> satisfaction;  // 满意率 = (satisfied + w·basic) / rated
  std::optional<double> composite;     // 0..100, weights over the rates present
  std::optional<double> on_time;       // on_time / counted
  std::optional<double> return_rate;   // returned / dispatched_in
  std::optional<double> redispatch_rate;  // redispatched / counted
  std::optional<double> reopen_rate;      // reopened / counted
  std::optional<double> extension_rate;   // extended / counted
  std::optional<double> repeat_rate;      // repeat / counted
  int64_t overdue = 0;
  // Mean reply quality (0..1) over the replied tickets; nullopt without replies.
  std::optional<double> reply_relevance;
  std::optional<double> reply_completeness;
  std::optional<double> reply_timeliness;
  std::optional<double> reply_explanation;
};
Metrics ComputeMetrics(const std::string& key, const Counters& n, const EvaluationRules& rules);

// yyyymmdd of `t` in CST (UTC+8), and the inverse (midnight CST).
int64_t DayOf(TimeMs t);
TimeMs DayStart(int64_t yyyymmdd);

}  // namespace lianxin::insight
