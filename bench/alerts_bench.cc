// Early-warning benchmark (issue 6), run through bench/alerts: count series of hotline
// volume built from the real teddy2020 messages, with injected bursts of known size and start.
//
// Real series: the teddy2020 messages that have a time (all four JSONL files), counted per
// CST day over `--from`..`--to` (default 2019-01-01..2019-12-31: the year the collection is
// even; 2018 holds a quarter of the rate), per district and per city (Gazetteer::Locate
// over the demo region tree, cut to that level) and in total.
// Hotline volume (default; `--raw` keeps the thin real counts): the real messages are ~16 a
// day in all, a province's 12345 hotline takes hundreds to thousands. For each total volume
// V in `--volumes` (default 300, 1000, 3000 a day province-wide) every real series is scaled
// by k = V / (the real total's mean): its expected level on day d is k × (its real counts'
// centred mean over a window holding ~100 of them, 28 days to the whole span) × (the real
// total's weekday profile), and the day's count is
// Poisson(level × G(d) × H(d)), G a day factor shared by all series of that volume
// (weather, news: gamma with CV `--day-cv` 0.15) and H the series' own (gamma, CV
// `--series-cv` 0.10). So the series keep the real ones' places, shares, seasonal drift
// and weekday shape; their day-to-day noise is the model's (stated, not measured).
// Bursts: for every series and trial a burst starts on a random day after a 10-week
// warm-up: on each of its `--burst-days` days a Poisson((multiplier - 1) × usual) number
// of tickets is added, where usual is the mean of the 8 weeks before it, so the burst
// days carry `multiplier` × the usual level. Caught within a day = an alert on the start
// day or the next. Delay = days from the start to the first alert (within 7 days).
// False alarms: alerts on the clean series (no injection) per series-week over the same
// scanned days. Results are grouped by the series' usual level.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "insight/alerts.h"
#include "insight/messages.h"
#include "text/text.h"

namespace {

using namespace lianxin;
using namespace lianxin::insight;

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + "/" + b + "/" + c;
}

std::string Cut(const std::string& code, int parts) {
  size_t pos = 0;
  for (int i = 0; i < parts; ++i) {
    pos = code.find('.', pos + (i ? 1 : 0));
    if (pos == std::string::npos) return i + 1 == parts ? code : "";
  }
  return code.substr(0, pos);
}

// Daily counts per series key over [first, last].
std::map<std::string, CountSeries> RealSeries(const std::string& dir, const text::Gazetteer& gaz, int64_t first,
                                              int64_t last, size_t& used) {
  std::map<std::string, CountSeries> series;
  auto get = [&](const std::string& key) -> CountSeries& {
    CountSeries& s = series[key];
    if (s.counts.empty()) {
      s.key = key;
      s.first_day = first;
      s.counts.assign(static_cast<size_t>(last - first + 1), 0);
    }
    return s;
  };
  auto count = [&](const std::string& key, int64_t day) { ++get(key).counts[static_cast<size_t>(day - first)]; };
  get("total");
  for (const char* file : {"messages_with_votes.jsonl", "messages_with_replies.jsonl",
                           "test_unlabeled.jsonl", "messages_labeled.jsonl"}) {
    std::ifstream in(dir + "/" + file);
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("time") || !j["time"].is_string()) continue;
      auto t = ParseTime(j["time"].get<std::string>());
      if (!t) continue;
      int64_t day = CstDay(*t);
      if (day < first || day > last) continue;
      std::string text = j.value("title", "") + " " + j.value("body", "");
      std::string code = gaz.Locate(text);
      ++used;
      count("total", day);
      if (std::string city = Cut(code, 2); !city.empty() && code.rfind("XD.", 0) == 0) count(city, day);
      if (std::string district = Cut(code, 3); !district.empty() && code.rfind("XD.", 0) == 0) {
        count(district, day);
      }
    }
  }
  return series;
}

// The hotline-volume version of `real` (see the file comment).
std::vector<CountSeries> Scale(const std::map<std::string, CountSeries>& real, double volume, double day_cv,
                               double series_cv, std::mt19937_64& rng) {
  const CountSeries& total = real.at("total");
  const size_t n = total.counts.size();
  double mean_total = 0;
  double weekday[7] = {0, 0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < n; ++i) {
    mean_total += total.counts[i];
    weekday[(total.first_day + static_cast<int64_t>(i)) % 7] += total.counts[i];
  }
  mean_total /= static_cast<double>(n);
  for (double& w : weekday) w = w / (static_cast<double>(n) / 7) / mean_total;
  const double k = volume / mean_total;
  auto gamma = [&](double cv) {
    std::gamma_distribution<double> g(1 / (cv * cv), cv * cv);
    return cv > 0 ? g(rng) : 1.0;
  };
  std::vector<double> shared(n);
  for (double& g : shared) g = gamma(day_cv);
  std::vector<CountSeries> out;
  for (const auto& [key, s] : real) {
    CountSeries x;
    x.key = key + "@" + std::to_string(static_cast<int>(volume));
    x.first_day = s.first_day;
    std::vector<double> prefix(n + 1, 0);
    for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + s.counts[i];
    // The smoothing window holds ~100 real messages (28 days at least, the whole span at
    // most): a thin series keeps its share and the slow drift it can show, not its
    // sampling noise scaled up into false level shifts.
    const double rate = prefix[n] / static_cast<double>(n);
    const size_t window = std::clamp<size_t>(rate > 0 ? static_cast<size_t>(std::ceil(100 / rate)) : n, 28, n);
    for (size_t i = 0; i < n; ++i) {
      size_t lo = std::min(i >= window / 2 ? i - window / 2 : 0, n - window), hi = lo + window;
      double level = k * (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo) *
                     weekday[(s.first_day + static_cast<int64_t>(i)) % 7];
      std::poisson_distribution<int> d(std::max(level * shared[i] * gamma(series_cv), 1e-9));
      x.counts.push_back(d(rng));
    }
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir, regions_csv, from = "2019-01-01", to = "2019-12-31", volumes = "300,1000,3000";
  int trials = 40, burst_days = 3;
  double multiplier = 3, day_cv = 0.15, series_cv = 0.10;
  bool raw = false;
  std::string debug_key;  // prints the missed bursts of this series
  AlertOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
    if (a == "--teddy-dir") dir = next();
    else if (a == "--regions") regions_csv = next();
    else if (a == "--trials") trials = std::stoi(next());
    else if (a == "--burst-days") burst_days = std::stoi(next());
    else if (a == "--multiplier") multiplier = std::stod(next());
    else if (a == "--alpha") options.alpha = std::stod(next());
    else if (a == "--window-days") options.window_days = std::stoi(next());
    else if (a == "--min-cv") options.min_cv = std::stod(next());
    else if (a == "--from") from = next();
    else if (a == "--to") to = next();
    else if (a == "--volumes") volumes = next();
    else if (a == "--day-cv") day_cv = std::stod(next());
    else if (a == "--series-cv") series_cv = std::stod(next());
    else if (a == "--raw") raw = true;
    else if (a == "--debug") debug_key = next();
    else {
      std::cerr << "usage: alerts_bench --teddy-dir DIR --regions CSV [--raw | --volumes 300,1000,3000"
                   " --day-cv 0.15 --series-cv 0.1] [--from 2019-01-01 --to 2019-12-31] [--trials 40]"
                   " [--burst-days 3] [--multiplier 3] [--alpha 0.001] [--window-days 2] [--min-cv 0.1]\n";
      return 2;
    }
  }
  auto regions = ReadRegionsCsv(regions_csv);
  if (!regions.ok()) {
    std::cerr << "alerts_bench: " << regions.status().ToString() << "\n";
    return 1;
  }
  auto gaz = text::Gazetteer::Build(*regions);
  auto first_time = ParseTime(from), last_time = ParseTime(to);
  if (!first_time || !last_time || *last_time <= *first_time) {
    std::cerr << "alerts_bench: bad --from/--to\n";
    return 2;
  }
  const int64_t first = CstDay(*first_time);
  const int64_t last = CstDay(*last_time);
  size_t used = 0;
  std::map<std::string, CountSeries> real = RealSeries(dir, *gaz, first, last, used);
  std::mt19937_64 rng(42);
  std::vector<CountSeries> all;
  if (raw) {
    for (const auto& [key, s] : real) all.push_back(s);
  } else {
    std::stringstream list(volumes);
    for (std::string v; std::getline(list, v, ',');) {
      for (CountSeries& s : Scale(real, std::stod(v), day_cv, series_cv, rng)) all.push_back(std::move(s));
    }
  }
  const size_t warmup = 70;
  struct Bucket {
    int series = 0, bursts = 0, caught_1d = 0, caught_any = 0;
    double series_weeks = 0;
    int false_alarms = 0;
    std::vector<int> delays;
  };
  std::map<std::string, Bucket> buckets;
  for (const CountSeries& s : all) {
    if (s.key == debug_key) {
      const CountSeries& r = real.at(s.key.substr(0, s.key.find('@')));
      for (size_t i = 50; i < 120; ++i) std::cout << i << ":" << r.counts[i] << "/" << s.counts[i] << " ";
      std::cout << "\n";
    }
    if (s.counts.size() < warmup + 20) continue;
    double level = 0;
    for (size_t i = warmup; i < s.counts.size(); ++i) level += s.counts[i];
    level /= static_cast<double>(s.counts.size() - warmup);
    if (level < 0.05) continue;
    std::string name = level < 1 ? "a) < 1/day" : level < 2 ? "b) 1-2/day" : level < 5 ? "c) 2-5/day"
                     : level < 20 ? "d) 5-20/day" : level < 100 ? "e) 20-100/day" : level < 500 ? "f) 100-500/day"
                     : "g) >= 500/day";
    Bucket& b = buckets[name];
    const int caught_before = b.caught_1d;
    ++b.series;
    b.false_alarms += static_cast<int>(ScanSeries(s, warmup, options).size());
    b.series_weeks += static_cast<double>(s.counts.size() - warmup) / 7;
    std::uniform_int_distribution<size_t> start_dist(warmup, s.counts.size() - 10);
    for (int t = 0; t < trials; ++t) {
      CountSeries x = s;
      size_t start = start_dist(rng);
      double usual = 0;
      for (size_t k = start - 56; k < start; ++k) usual += s.counts[k];
      usual = std::max(usual / 56, 0.1);
      std::poisson_distribution<int> extra((multiplier - 1) * usual);
      for (int d = 0; d < burst_days && start + d < x.counts.size(); ++d) x.counts[start + d] += extra(rng);
      ++b.bursts;
      int delay = -1;
      for (int d = 0; d < 7 && start + d < x.counts.size(); ++d) {
        if (CheckDay(x, start + d, options).alert) {
          delay = d;
          break;
        }
      }
      if (delay < 0 && s.key == debug_key) {
        std::cout << "missed at " << start << " usual " << usual << ":";
        for (size_t d = start - 3; d < start + 4 && d < x.counts.size(); ++d) {
          SeriesCheck c = CheckDay(x, d, options);
          std::cout << " " << x.counts[d] << "/" << c.expected << "/p" << c.p_value;
        }
        std::cout << "\n";
      }
      if (delay >= 0) {
        ++b.caught_any;
        b.delays.push_back(delay);
        if (delay <= 1) ++b.caught_1d;
      }
    }
    if (debug_key == "all") {
      std::cout << s.key << " level " << level << " caught " << b.caught_1d - caught_before << "/" << trials << "\n";
    }
  }
  std::cout << used << " messages with a time in " << from << ".." << to << ", " << real.size()
            << " real series (districts, cities, total); "
            << (raw ? std::string("raw counts") : "hotline volumes " + volumes + "/day province-wide (day CV " +
                                                       std::to_string(day_cv).substr(0, 4) + ", series CV " +
                                                       std::to_string(series_cv).substr(0, 4) + ")")
            << "; alpha " << options.alpha << ", window " << options.window_days << " days, min CV "
            << options.min_cv << "; bursts of " << multiplier << "x the usual level for " << burst_days
            << " days, " << trials << " per series; load average " << LoadAverage() << "\n";
  std::cout << "| series (usual level) | series | bursts | caught within a day | caught within 7 days |"
               " median delay (days) | false alarms / 100 series-weeks |\n|---|---:|---:|---:|---:|---:|---:|\n";
  std::cout << std::fixed << std::setprecision(1);
  for (auto& [name, b] : buckets) {
    std::sort(b.delays.begin(), b.delays.end());
    std::string median = b.delays.empty() ? "–" : std::to_string(b.delays[b.delays.size() / 2]);
    std::cout << "| " << name << " | " << b.series << " | " << b.bursts << " | "
              << 100.0 * b.caught_1d / std::max(b.bursts, 1) << "% | "
              << 100.0 * b.caught_any / std::max(b.bursts, 1) << "% | " << median << " | "
              << std::setprecision(2) << 100.0 * b.false_alarms / std::max(b.series_weeks, 1.0)
              << std::setprecision(1) << " |\n";
  }
  return 0;
}
