// Hot-topic clustering benchmark (issue 6), run through bench/hotspots:
//
//   hotspots_bench --data FILE.jsonl --tokens-out FILE.tsv [--regions CSV]
//       writes "id<TAB>tokens" per message: the exact tokens (title tokens repeated by the
//       title weight) our featurizer sees, so the TF-IDF + agglomerative peer clusters the
//       same words (bench/hotspots_peer.py).
//   hotspots_bench --data FILE.jsonl --speed [--history 1000000] [--new 30000] [--threads 2]
//       synthesises a history and one new day from the real messages (see Synthesise),
//       times the batch over the history and the incremental day against it, and the
//       segmentation alone of the new day as the same-run baseline.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>
#include <chrono>
#include <ctime>
#include <cmath>

#include "insight/hotspots.h"
#include "insight/hotspots_cli.h"
#include "insight/messages.h"

namespace {

using namespace lianxin;
using namespace lianxin::insight;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU seconds of this process (all threads): less sensitive than wall time to a shared machine.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + "/" + b + "/" + c;
}

// Splits `body` into sentences at 。！？!? and newlines (the delimiter stays with its sentence).
std::vector<std::string> Sentences(const std::string& body) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < body.size();) {
    unsigned char c = body[i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::string ch = body.substr(i, len);
    cur += ch;
    i += len;
    if (ch == "。" || ch == "！" || ch == "？" || ch == "!" || ch == "?" || ch == "\n") {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Synthetic ticket `i` of a stream of `total` spread evenly over [start, start + span):
// real message i mod B, its title prefixed with a made-up estate name ("<2 chars>苑",
// 1,600 names drawn at random, so one real message becomes many different local
// matters), a random 70% of its body's sentences, and a user among 200,000.
HotspotInput Synthesise(const std::vector<HotspotInput>& base, size_t i, size_t total, TimeMs start,
                        TimeMs span) {
  static const char* kChars[] = {"金", "银", "松", "柏", "梅", "兰", "竹", "菊", "江", "河",
                                 "湖", "海", "山", "岭", "峰", "谷", "春", "夏", "秋", "冬",
                                 "东", "南", "西", "北", "安", "康", "宁", "泰", "华", "荣",
                                 "龙", "凤", "鹤", "鹿", "星", "月", "云", "霞", "锦", "绣"};
  std::mt19937_64 rng(i * 0x9E3779B97F4A7C15ull + 7);
  const HotspotInput& m = base[i % base.size()];
  HotspotInput out;
  out.id = static_cast<int64_t>(i) + 1;
  out.title = std::string(kChars[rng() % 40]) + kChars[rng() % 40] + "苑" + m.title;
  for (const std::string& s : Sentences(m.body)) {
    if (rng() % 10 < 7) out.body += s;
  }
  out.time = start + static_cast<TimeMs>(static_cast<double>(i) / total * span);
  out.user = "s" + std::to_string(rng() % 200000);
  out.likes = m.likes;
  return out;
}

int Speed(const std::vector<HotspotInput>& base, const text::Segmenter& seg,
          const text::Gazetteer* gaz, const HotspotOptions& options, size_t history_n, size_t new_n,
          int threads) {
  const TimeMs start = *ParseTime("2026-01-01 00:00:00");
  const TimeMs history_span = static_cast<TimeMs>(std::ceil(history_n / 30000.0)) * kDayMs;
  std::cout << "load average at start: " << LoadAverage() << "\n";
  std::vector<HotspotInput> history;
  history.reserve(history_n);
  for (size_t i = 0; i < history_n; ++i) history.push_back(Synthesise(base, i, history_n, start, history_span));
  std::vector<HotspotInput> day;
  for (size_t i = 0; i < new_n; ++i) {
    HotspotInput m = Synthesise(base, history_n + i, new_n, start + history_span, kDayMs);
    m.time = start + history_span + static_cast<TimeMs>(static_cast<double>(i) / new_n * kDayMs);
    day.push_back(std::move(m));
  }
  HotspotFeaturizer f(seg, gaz, options);

  double c0 = CpuSeconds();
  auto t0 = Clock::now();
  BatchResult batch = ClusterBatch(f, history, threads);
  auto t1 = Clock::now();
  double c1 = CpuSeconds();
  size_t hot_history = batch.clusterer->Snapshot(*batch.vocabulary).size();
  std::cout << std::fixed << std::setprecision(2) << "batch: " << history_n << " tickets over "
            << history_span / kDayMs << " days, " << threads << " threads: " << Seconds(t0, t1)
            << " s wall, " << c1 - c0 << " s CPU (" << batch.clusterer->topic_count() << " topics, " << hot_history
            << " with 2+ tickets)\n";

  // Baseline in the same run: segmentation alone of the new day.
  auto b0 = Clock::now();
  std::vector<TicketTerms> baseline = ExtractAll(f, day, threads);
  auto b1 = Clock::now();

  double c2 = CpuSeconds();
  auto i0 = Clock::now();
  std::vector<TicketTerms> terms = ExtractAll(f, day, threads);
  auto i1 = Clock::now();
  size_t joined = 0;
  const size_t topics_before = batch.clusterer->topic_count();
  for (size_t k = 0; k < day.size(); ++k) {
    batch.vocabulary->AddDocument(terms[k]);
    TicketVector v = f.Weigh(terms[k], *batch.vocabulary);
    int64_t topic = batch.clusterer->Add(day[k], v);
    joined += static_cast<size_t>(topic) <= topics_before;
  }
  auto i2 = Clock::now();
  std::vector<Hotspot> hot = batch.clusterer->Snapshot(*batch.vocabulary, 20);
  auto i3 = Clock::now();
  double c3 = CpuSeconds();
  std::cout << "incremental: " << new_n << " new tickets against the " << history_n
            << "-ticket history: " << Seconds(i0, i3) << " s wall (" << c3 - c2
            << " s CPU) = segmentation " << Seconds(i0, i1)
            << " s + clustering " << Seconds(i1, i2) << " s + top-20 snapshot " << Seconds(i2, i3)
            << " s; " << joined << " joined an existing topic\n";
  std::cout << "baseline (same run): segmentation alone of the new day " << Seconds(b0, b1)
            << " s; incremental ÷ baseline = " << Seconds(i0, i3) / Seconds(b0, b1) << "\n";
  std::cout << "load average at end: " << LoadAverage() << "\n";
  return baseline.size() == terms.size() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, tokens_out, regions_csv;
  bool speed = false;
  size_t history_n = 1000000, new_n = 30000;
  int threads = 2;
  HotspotOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--data") data = next();
    else if (a == "--tokens-out") tokens_out = next();
    else if (a == "--regions") regions_csv = next();
    else if (a == "--speed") speed = true;
    else if (a == "--history") history_n = std::stoul(next());
    else if (a == "--new") new_n = std::stoul(next());
    else if (a == "--threads") threads = std::stoi(next());
    else if (a == "--set") {
      if (!SetHotspotOption(next(), options)) {
        std::cerr << "hotspots_bench: bad --set\n";
        return 2;
      }
    } else {
      std::cerr << "usage: hotspots_bench --data FILE.jsonl (--tokens-out FILE | --speed "
                   "[--history N] [--new N] [--threads N]) [--regions CSV] [--set k=v]\n";
      return 2;
    }
  }
  auto base = ReadMessagesJsonl(data);
  if (!base.ok()) {
    std::cerr << "hotspots_bench: " << base.status().ToString() << "\n";
    return 1;
  }
  std::vector<Region> regions;
  if (!regions_csv.empty()) {
    auto r = ReadRegionsCsv(regions_csv);
    if (!r.ok()) {
      std::cerr << "hotspots_bench: " << r.status().ToString() << "\n";
      return 1;
    }
    regions = std::move(r).value();
  }
  auto gaz = text::Gazetteer::Build(regions);
  text::SegmenterOptions seg_options;
  seg_options.user_words = RegionUserWords(regions);  // as `lianxin insight hotspots` does
  auto seg = text::LoadJiebaSegmenter(seg_options);
  if (!seg.ok()) {
    std::cerr << "hotspots_bench: " << seg.status().ToString() << "\n";
    return 1;
  }
  if (speed) return Speed(*base, **seg, gaz.get(), options, history_n, new_n, threads);
  if (tokens_out.empty()) {
    std::cerr << "hotspots_bench: give --tokens-out or --speed\n";
    return 2;
  }
  HotspotFeaturizer f(**seg, gaz.get(), options);
  std::vector<TicketTerms> terms = ExtractAll(f, *base, threads);
  std::ofstream out(tokens_out);
  for (size_t i = 0; i < base->size(); ++i) {
    out << (*base)[i].id << "\t";
    bool first = true;
    for (const auto& [token, count] : terms[i].counts) {
      for (int r = 0; r < static_cast<int>(std::lround(count)); ++r) {
        out << (first ? "" : " ") << token;
        first = false;
      }
    }
    out << "\n";
  }
  return out ? 0 : 1;
}
