// Early-warning benchmark (issue 6), run through bench/alerts: real daily count series
// with injected bursts of known size and start.
//
// Series: the teddy2020 messages that have a time (all four JSONL files), counted per CST
// day from 2018-01-01 to 2020-01-31, per district and per city (Gazetteer::Locate over the
// demo region tree, cut to that level) and in total. For every series and trial, a burst
// starts on a random day after a 10-week warm-up: on each of its `--burst-days` days a
// Poisson((multiplier - 1) × usual) number of tickets is added, where usual is the mean of
// the 8 weeks before it, so the burst days carry `multiplier` × the usual level.
// Caught within a day = an alert on the start day or the next. Delay = days from the start
// to the first alert. False alarms: alerts on the clean series (no injection) per
// series-week over the same scanned days. Results are grouped by the series' usual level.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
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

}  // namespace

int main(int argc, char** argv) {
  std::string dir, regions_csv;
  int trials = 40, burst_days = 3;
  double multiplier = 3, alpha = 1e-3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
    if (a == "--teddy-dir") dir = next();
    else if (a == "--regions") regions_csv = next();
    else if (a == "--trials") trials = std::stoi(next());
    else if (a == "--burst-days") burst_days = std::stoi(next());
    else if (a == "--multiplier") multiplier = std::stod(next());
    else if (a == "--alpha") alpha = std::stod(next());
    else {
      std::cerr << "usage: alerts_bench --teddy-dir DIR --regions CSV [--trials 40] [--burst-days 3]"
                   " [--multiplier 3] [--alpha 0.001]\n";
      return 2;
    }
  }
  auto regions = ReadRegionsCsv(regions_csv);
  if (!regions.ok()) {
    std::cerr << "alerts_bench: " << regions.status().ToString() << "\n";
    return 1;
  }
  auto gaz = text::Gazetteer::Build(*regions);
  const int64_t first = CstDay(*ParseTime("2018-01-01"));
  const int64_t last = CstDay(*ParseTime("2020-01-31"));
  std::map<std::string, CountSeries> series;
  auto count = [&](const std::string& key, int64_t day) {
    CountSeries& s = series[key];
    if (s.counts.empty()) {
      s.key = key;
      s.first_day = first;
      s.counts.assign(static_cast<size_t>(last - first + 1), 0);
    }
    ++s.counts[static_cast<size_t>(day - first)];
  };
  size_t used = 0;
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
      std::string code = gaz->Locate(text);
      ++used;
      count("total", day);
      if (std::string city = Cut(code, 2); !city.empty() && code.rfind("XD.", 0) == 0) count(city, day);
      if (std::string district = Cut(code, 3); !district.empty() && code.rfind("XD.", 0) == 0) {
        count(district, day);
      }
    }
  }
  AlertOptions options;
  options.alpha = alpha;
  const size_t warmup = 70;
  struct Bucket {
    int series = 0, bursts = 0, caught_1d = 0, caught_any = 0;
    double series_weeks = 0;
    int false_alarms = 0;
    std::vector<int> delays;
  };
  std::map<std::string, Bucket> buckets;
  std::mt19937_64 rng(42);
  for (const auto& [key, s] : series) {
    double level = 0;
    for (size_t i = warmup; i < s.counts.size(); ++i) level += s.counts[i];
    level /= static_cast<double>(s.counts.size() - warmup);
    if (level < 0.05) continue;
    std::string name = level < 1 ? "a) usual < 1/day" : level < 5 ? "b) 1-5/day" : "c) >= 5/day";
    Bucket& b = buckets[name];
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
      for (int d = 0; d < burst_days; ++d) x.counts[start + d] += extra(rng);
      ++b.bursts;
      int delay = -1;
      for (int d = 0; d < 7 && start + d < x.counts.size(); ++d) {
        if (CheckDay(x, start + d, options).alert) {
          delay = d;
          break;
        }
      }
      if (delay >= 0) {
        ++b.caught_any;
        b.delays.push_back(delay);
        if (delay <= 1) ++b.caught_1d;
      }
    }
  }
  std::cout << used << " messages with a time in 2018-01-01..2020-01-31, " << series.size()
            << " series (districts, cities, total); alpha " << alpha << ", bursts of " << multiplier
            << "x the usual level for " << burst_days << " days, " << trials
            << " per series; load average " << LoadAverage() << "\n";
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
