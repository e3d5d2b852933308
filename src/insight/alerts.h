// Early warnings (预警): count series per key (category × region, or a hot topic) with
// weekly and yearly seasonality, an alert when a day's count departs from its expected
// level beyond a controlled false-alarm rate, seasonal risks announced ahead from last
// year's pattern, and immediate alerts for risky words whatever the count.
//
// The expected level of day d is the mean of the same weekday over the previous
// `baseline_weeks` weeks (weekly seasonality), scaled by last year's ratio between the
// 28 days around d and last year's mean (yearly seasonality, when a year of history
// exists). Its spread is a negative binomial whose overdispersion is estimated from all
// baseline days' residuals around their weekday means (never below `min_cv`), widened by
// the uncertainty of the mean itself. A day alerts when P(X >= seen) falls below
// alpha / 2, or when the last `window_days` days are each unusual (tail below
// `window_day_alpha`) and their sum's tail falls below alpha / 2 (a burst caught on its
// second day that no single day shows), so the false-alarm rate per series-day stays at
// most about `alpha` when the model holds.
//
// Thread-safety: pure functions over their arguments; safe from many threads.
// Nothing here throws or blocks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace lianxin::insight {

// Daily counts of one series: counts[i] is day `first_day + i` (days since 1970-01-01 CST).
struct CountSeries {
  std::string key;  // "城乡建设|XD.A.A3", "hotspot:12"
  int64_t first_day = 0;
  std::vector<int> counts;
};

// The CST day number of `t` (days since 1970-01-01 in UTC+8).
int64_t CstDay(TimeMs t);

struct AlertOptions {
  double alpha = 5e-4;     // per series-day false-alarm probability (split between the two tests)
  int baseline_weeks = 8;  // same-weekday history for the expected level
  int min_seen = 3;        // never alert on fewer tickets than this in a day
  double floor_level = 0.2;  // expected level never below this (quiet series)
  int window_days = 2;       // also test the sum of this many days ending on the day (1 = off)
  double window_day_alpha = 0.1;  // ...when each of them alone has a tail below this
  double min_cv = 0.1;       // variation beyond Poisson assumed at least: var >= m + (min_cv m)^2
};

// Why a series day alerted, or the expectation it was checked against.
struct SeriesCheck {
  int64_t day = 0;
  double expected = 0;   // expected count of the day
  int seen = 0;
  double p_value = 1;    // P(X >= seen)
  bool alert = false;
  int window = 1;        // days summed by the test that alerted (1, or window_days)
  double window_p_value = 1;  // that window's P(sum >= seen sum) (1 when not tested)
};

// The expected level and tail probability of `series` on day index `index`
// (0-based into counts). Needs `baseline_weeks` weeks before it; otherwise
// returns a check with alert = false and p_value = 1.
SeriesCheck CheckDay(const CountSeries& series, size_t index, const AlertOptions& options);

// Checks every day of `series` from `from_index` on; returns the days that alert.
std::vector<SeriesCheck> ScanSeries(const CountSeries& series, size_t from_index,
                                    const AlertOptions& options);

// P(X >= k) for X ~ negative binomial with mean `mean` and variance `variance`
// (Poisson when variance <= mean). 1 for k <= 0.
double UpperTail(int k, double mean, double variance);

// A seasonal risk: the series rose in the coming `horizon_days` last year.
struct SeasonalRisk {
  std::string key;
  double last_year = 0;  // count in the same days last year
  double usual = 0;      // last year's mean count over that many days
  double ratio = 0;      // last_year / usual
};

// Series whose same `horizon_days` one year before `today` (day number) had at least
// `min_ratio` times last year's usual level and at least `min_count` tickets, biggest
// ratio first: e.g. heating in winter, flooding in summer, announced ahead.
std::vector<SeasonalRisk> SeasonalRisks(const std::vector<CountSeries>& series, int64_t today,
                                        int horizon_days = 30, double min_ratio = 1.5,
                                        double min_count = 5);

// A risky-word hit: raises an immediate alert whatever the count.
struct RiskyWordHit {
  std::string word;      // the word found (as in the list)
  std::string category;  // 安全隐患, 坍塌, 燃气, 自伤, 群体事件
};

// Risky words in `text` (raw or normalised): safety hazards, collapse, gas, self-harm,
// mass incidents. A word preceded closely by a negation (没有, 无, 不是) still counts:
// a false alarm costs a look, a miss can cost a life. One hit per category, in list order.
std::vector<RiskyWordHit> FindRiskyWords(std::string_view text);

}  // namespace lianxin::insight
