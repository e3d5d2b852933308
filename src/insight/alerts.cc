// Early warnings: seasonal expected level, negative-binomial tail, seasonal risks and
// risky words (see alerts.h).
#include "insight/alerts.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>

#include "text/text.h"

namespace lianxin::insight {

namespace {

constexpr TimeMs kCstOffsetMs = 8 * kHourMs;
constexpr size_t kYear = 364;  // 52 weeks: keeps the weekday

double MeanOver(const std::vector<int>& c, long from, long to) {  // [from, to], clipped
  from = std::max(from, 0L);
  to = std::min(to, static_cast<long>(c.size()) - 1);
  if (to < from) return -1;
  double sum = 0;
  for (long i = from; i <= to; ++i) sum += c[i];
  return sum / static_cast<double>(to - from + 1);
}

}  // namespace

int64_t CstDay(TimeMs t) {
  TimeMs local = t + kCstOffsetMs;
  return local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
}

double UpperTail(int k, double mean, double variance) {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  double cdf = 0;
  if (variance <= mean * 1.0001) {
    double pmf = std::exp(-mean);
    for (int j = 0; j < k; ++j) {
      cdf += pmf;
      pmf *= mean / (j + 1);
    }
  } else {
    double r = mean * mean / (variance - mean);
    double p = r / (r + mean);
    double pmf = std::exp(r * std::log(p));
    for (int j = 0; j < k; ++j) {
      cdf += pmf;
      pmf *= (j + r) / (j + 1) * (1 - p);
    }
  }
  return std::clamp(1 - cdf, 0.0, 1.0);
}

namespace {

// The expected count of day `index` and its predictive variance; false without enough history.
struct Expectation {
  double mean = 0;
  double variance = 0;
};

bool Expect(const CountSeries& series, size_t index, const AlertOptions& options, Expectation& out) {
  const size_t weeks = static_cast<size_t>(std::max(options.baseline_weeks, 2));
  if (index < 7 * weeks || index >= series.counts.size()) return false;
  // Same-weekday mean (the level of this day) and the residuals of all baseline days
  // around their own weekday means (the spread, with 7 (weeks - 1) degrees of freedom).
  double weekday_mean[7] = {0, 0, 0, 0, 0, 0, 0};
  for (size_t back = 1; back <= 7 * weeks; ++back) weekday_mean[back % 7] += series.counts[index - back];
  for (double& m : weekday_mean) m /= static_cast<double>(weeks);
  double all = 0, squares = 0;
  for (size_t back = 1; back <= 7 * weeks; ++back) {
    double r = series.counts[index - back] - weekday_mean[back % 7];
    all += series.counts[index - back];
    squares += r * r;
  }
  all /= static_cast<double>(7 * weeks);
  const double residual_var = squares / static_cast<double>(7 * (weeks - 1));
  const double mean = weekday_mean[0];
  // Yearly seasonality: last year's level around this day against last year's mean.
  double factor = 1;
  const long i = static_cast<long>(index);
  if (index >= kYear + 182) {
    double around = MeanOver(series.counts, i - static_cast<long>(kYear) - 14, i - static_cast<long>(kYear) + 14);
    double year = MeanOver(series.counts, i - static_cast<long>(kYear) - 182, i - static_cast<long>(kYear) + 182);
    // The level of the last weeks already carries last year's seasonal state at that
    // time; scale by the change from there (same weeks a year ago) to this day a year ago.
    double then = MeanOver(series.counts, i - static_cast<long>(kYear) - 7 * static_cast<long>(weeks),
                           i - static_cast<long>(kYear) - 1);
    if (around > 0 && then > 0 && year > 0) factor = std::clamp(around / then, 0.5, 3.0);
  }
  out.mean = std::max(options.floor_level, mean * factor);
  // Overdispersion phi (var = m + phi m^2) from the residuals, at least min_cv^2.
  double phi = all > 0 ? (residual_var - all) / (all * all) : 0;
  phi = std::max(phi, options.min_cv * options.min_cv);
  double var = out.mean + phi * out.mean * out.mean;
  out.variance = var * (1 + 1.0 / static_cast<double>(weeks));  // + the mean's own uncertainty
  return true;
}

}  // namespace

SeriesCheck CheckDay(const CountSeries& series, size_t index, const AlertOptions& options) {
  SeriesCheck check;
  check.day = series.first_day + static_cast<int64_t>(index);
  if (index >= series.counts.size()) return check;
  check.seen = series.counts[index];
  Expectation e;
  if (!Expect(series, index, options, e)) return check;
  check.expected = e.mean;
  check.p_value = UpperTail(check.seen, e.mean, e.variance);
  const double half = options.alpha / 2;
  check.alert = check.seen >= options.min_seen && check.p_value < half;
  // The window ending today: every day unusual on its own, the sum beyond alpha / 2.
  const size_t window = static_cast<size_t>(std::max(options.window_days, 1));
  if (!check.alert && window > 1 && index + 1 >= window && check.p_value < options.window_day_alpha) {
    double mean = 0, variance = 0;
    int seen = 0;
    bool each = true;
    for (size_t k = 0; k < window && each; ++k) {
      Expectation d;
      const size_t day = index - k;
      if (!Expect(series, day, options, d)) {
        each = false;
        break;
      }
      each = UpperTail(series.counts[day], d.mean, d.variance) < options.window_day_alpha;
      mean += d.mean;
      variance += d.variance;
      seen += series.counts[day];
    }
    if (each) {
      check.window_p_value = UpperTail(seen, mean, variance);
      if (check.seen >= 1 && seen >= options.min_seen && check.window_p_value < half) {
        check.alert = true;
        check.window = static_cast<int>(window);
      }
    }
  }
  return check;
}

std::vector<SeriesCheck> ScanSeries(const CountSeries& series, size_t from_index,
                                    const AlertOptions& options) {
  std::vector<SeriesCheck> out;
  for (size_t i = from_index; i < series.counts.size(); ++i) {
    SeriesCheck c = CheckDay(series, i, options);
    if (c.alert) out.push_back(c);
  }
  return out;
}

std::vector<SeasonalRisk> SeasonalRisks(const std::vector<CountSeries>& series, int64_t today,
                                        int horizon_days, double min_ratio, double min_count) {
  std::vector<SeasonalRisk> out;
  for (const CountSeries& s : series) {
    long start = static_cast<long>(today - 365 - s.first_day);  // same date last year
    long end = start + horizon_days - 1;
    if (start < 0 || end >= static_cast<long>(s.counts.size())) continue;
    double last_year = 0;
    for (long i = start; i <= end; ++i) last_year += s.counts[i];
    double year_mean = MeanOver(s.counts, start - 182, start + 182);
    if (year_mean <= 0) continue;
    double usual = year_mean * horizon_days;
    double ratio = last_year / usual;
    if (ratio >= min_ratio && last_year >= min_count) out.push_back({s.key, last_year, usual, ratio});
  }
  std::sort(out.begin(), out.end(),
            [](const SeasonalRisk& a, const SeasonalRisk& b) { return a.ratio > b.ratio; });
  return out;
}

namespace {

struct RiskyGroup {
  const char* category;
  std::vector<const char*> words;
};

const RiskyGroup kRiskyGroups[] = {
    {"安全隐患", {"安全隐患", "消防隐患", "重大隐患", "存在隐患", "危险品", "触电"}},
    {"坍塌", {"坍塌", "倒塌", "垮塌", "塌方", "塌陷", "危房"}},
    {"燃气", {"燃气泄漏", "煤气泄漏", "天然气泄漏", "漏气", "燃气爆炸", "煤气味", "燃气味", "爆炸"}},
    {"自伤", {"自杀", "轻生", "跳楼", "不想活", "寻短见", "割腕", "活不下去"}},
    {"群体事件", {"群体事件", "集体上访", "聚集闹事", "围堵", "堵路", "拉横幅", "群体性"}},
};

// The risky words keyed by their first three bytes (every word is at least one
// Chinese character, i.e. three bytes), so one pass over the text finds them all.
struct RiskyIndex {
  struct Word {
    uint32_t key;
    std::string_view text;
    size_t slot;  // index into the flattened word list, in group order
  };
  std::vector<Word> words;             // sorted by key
  std::array<bool, 256> first_byte{};  // bytes some word starts with
  size_t slots = 0;

  static uint32_t Key(const char* p) {
    return static_cast<uint32_t>(static_cast<unsigned char>(p[0])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(p[1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(p[2]));
  }

  RiskyIndex() {
    for (const RiskyGroup& g : kRiskyGroups) {
      for (const char* w : g.words) {
        std::string_view text(w);
        words.push_back({Key(w), text, slots++});
        first_byte[static_cast<unsigned char>(w[0])] = true;
      }
    }
    std::sort(words.begin(), words.end(),
              [](const Word& a, const Word& b) { return a.key < b.key; });
  }
};

}  // namespace

std::vector<RiskyWordHit> FindRiskyWords(std::string_view raw) {
  static const RiskyIndex index;
  const std::string text = text::Normalize(raw);
  // found[slot]: the word occurs somewhere in the text (as std::string::find would say).
  std::vector<bool> found(index.slots, false);
  for (size_t i = 0; i + 3 <= text.size(); ++i) {
    if (!index.first_byte[static_cast<unsigned char>(text[i])]) continue;
    const uint32_t key = RiskyIndex::Key(text.data() + i);
    auto it = std::lower_bound(index.words.begin(), index.words.end(), key,
                               [](const RiskyIndex::Word& w, uint32_t k) { return w.key < k; });
    for (; it != index.words.end() && it->key == key; ++it) {
      if (text.compare(i, it->text.size(), it->text) == 0) found[it->slot] = true;
    }
  }
  std::vector<RiskyWordHit> out;
  size_t slot = 0;
  for (const RiskyGroup& g : kRiskyGroups) {
    bool hit = false;
    for (const char* w : g.words) {
      if (!hit && found[slot]) {
        out.push_back({w, g.category});
        hit = true;
      }
      ++slot;
    }
  }
  return out;
}

}  // namespace lianxin::insight
