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
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

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

// CPU seconds of the calling thread.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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

// ---- the synthetic hotline stream (speed) ----
//
// A stream of local "matters" (one problem at one place), each with a size drawn from a
// Zipf law (P(size = s) ∝ s^-2.5, s ≤ 2,000: ~75% of matters are one ticket, a few are
// hundreds), made from the real labelled messages so that copies of one real message do
// not collapse into one huge topic:
//  - its text: the title of a template message, and half of the body sentences of the
//    template and of two other messages of the same category (label_l1), in that order
//    (so two matters share at most a title, as two citizens' letters on one kind of
//    problem do; a real message is reused ~140 times in 1,030,000 tickets);
//  - its place: a random district of the region tree replaces every district (and city)
//    name of the template, an estate name ("<2 of 40 characters><苑|小区|花园|家园|新村|
//    公寓>", 9,600 names) is put before the title and the body opens with "家住<2 of 40
//    characters>路<estate>。" (the named places every letter on one matter shares);
//  - its tickets: each keeps ~80% of the matter's sentences (body cut at `max_body_chars`),
//    a user among 200,000, a time = the matter's start + Exp(mean 2 days);
//    matters start uniformly over 41 days, so after sorting by time the first `history`
//    tickets are the history and the next `new` ones (~1 day at 30,000 a day) the new day.
// Terms as intake would have stored them: every base title and sentence is segmented once
// (HotspotFeaturizer::Extract) and a ticket's terms are the sum over its pieces with the
// place tokens swapped; the bench checks them against a real Extract of the new day.
struct Piece {
  std::string text;
  std::vector<std::pair<std::string, float>> counts;  // Extract of the piece alone
  size_t chars = 0;
};
struct Base {
  Piece title;
  std::vector<Piece> sentences;
  std::vector<std::string> places;  // district and city names of the region tree it mentions
  bool district = false;            // one of them is a district
};
struct Matter {
  uint32_t base = 0;
  std::vector<std::pair<uint32_t, uint32_t>> pieces;  // (base message, sentence index)
  std::string estate;
  std::string opening;  // the body's first sentence, naming the road and the estate
  std::vector<std::pair<std::string, float>> own;  // Extract of the estate (title) + opening
  size_t district = 0;  // index into the districts
};
struct District {
  std::string code, name, city_name;
};
struct Synthetic {
  std::vector<HotspotInput> inputs;  // sorted by time
  std::vector<TicketTerms> terms;    // intake terms, one per input
  std::vector<uint32_t> matter;      // the matter of each input
  size_t matters = 0;
};

// j[key] when it is a string, else "".
std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

size_t CodePointCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

Synthetic Synthesise(const std::string& labelled_path, const std::vector<Region>& regions,
                     const HotspotFeaturizer& f, const text::Gazetteer& gaz, size_t total,
                     size_t per_day) {
  static const char* kChars[] = {"金", "银", "松", "柏", "梅", "兰", "竹", "菊", "江", "河",
                                 "湖", "海", "山", "岭", "峰", "谷", "春", "夏", "秋", "冬",
                                 "东", "南", "西", "北", "安", "康", "宁", "泰", "华", "荣",
                                 "龙", "凤", "鹤", "鹿", "星", "月", "云", "霞", "锦", "绣"};
  static const char* kSuffix[] = {"苑", "小区", "花园", "家园", "新村", "公寓"};
  std::map<std::string, std::string> name_of;  // code → name
  for (const Region& r : regions) name_of[r.code] = r.name;
  std::vector<District> districts;
  std::unordered_set<std::string> tree_names;
  for (const Region& r : regions) {
    if (r.level == RegionLevel::kDistrict || r.level == RegionLevel::kCity) tree_names.insert(r.name);
    if (r.level == RegionLevel::kDistrict) districts.push_back({r.code, r.name, name_of[r.parent]});
  }
  // The base messages, grouped by category.
  std::vector<Base> bases;
  std::map<std::string, std::vector<uint32_t>> by_category;
  std::ifstream in(labelled_path);
  std::string line;
  auto piece = [&](const std::string& title, const std::string& body) {
    HotspotInput m;
    m.title = title;
    m.body = body;
    Piece p;
    p.text = title.empty() ? body : title;
    p.counts = f.Extract(m).counts;
    p.chars = CodePointCount(p.text);
    return p;
  };
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    Base b;
    std::string title = Str(j, "title");
    std::string body = Str(j, "body");
    if (title.empty()) continue;
    b.title = piece(title, "");
    for (const std::string& sentence : Sentences(body)) b.sentences.push_back(piece("", sentence));
    for (const text::PlaceMention& m : gaz.Find(title + " " + body)) {
      if (!tree_names.count(m.name)) continue;
      if (std::find(b.places.begin(), b.places.end(), m.name) == b.places.end()) b.places.push_back(m.name);
      b.district |= std::count(m.region_code.begin(), m.region_code.end(), '.') == 2;
    }
    if (b.sentences.empty()) continue;
    by_category[Str(j, "label_l1")].push_back(static_cast<uint32_t>(bases.size()));
    bases.push_back(std::move(b));
  }
  std::vector<const std::vector<uint32_t>*> group_of(bases.size());
  for (const auto& [category, members] : by_category) {
    for (uint32_t k : members) group_of[k] = &members;
  }
  // Matters and their tickets.
  std::mt19937_64 rng(20261201);
  std::vector<double> zipf_cdf;
  double sum = 0;
  for (int size = 1; size <= 2000; ++size) zipf_cdf.push_back(sum += std::pow(size, -2.5));
  const double days = static_cast<double>(total) / static_cast<double>(per_day) + 6;
  const TimeMs start = *ParseTime("2026-01-01 00:00:00");
  std::vector<Matter> matters;
  struct Slot {
    TimeMs time;
    uint32_t matter;
    uint64_t seed;
  };
  std::vector<Slot> slots;
  std::uniform_real_distribution<double> unit(0, 1);
  std::exponential_distribution<double> offset(0.5);  // days
  while (slots.size() < total * 41 / 35 + total / 10) {
    Matter m;
    m.base = static_cast<uint32_t>(rng() % bases.size());
    const auto& group = *group_of[m.base];
    for (uint32_t source : {m.base, group[rng() % group.size()], group[rng() % group.size()]}) {
      for (uint32_t k = 0; k < bases[source].sentences.size(); ++k) {
        if (unit(rng) < 0.5) m.pieces.emplace_back(source, k);
      }
    }
    if (m.pieces.empty()) m.pieces.emplace_back(m.base, 0);
    m.estate = std::string(kChars[rng() % 40]) + kChars[rng() % 40] + kSuffix[rng() % 6];
    m.opening = std::string("家住") + kChars[rng() % 40] + kChars[rng() % 40] + "路" + m.estate + "。";
    m.own = f.Extract(HotspotInput{0, m.estate, m.opening, 0, "", 0, false, ""}).counts;
    m.district = rng() % districts.size();
    size_t size = static_cast<size_t>(std::lower_bound(zipf_cdf.begin(), zipf_cdf.end(), unit(rng) * sum) -
                                      zipf_cdf.begin()) + 1;
    double begin = -5 + unit(rng) * days;
    for (size_t k = 0; k < size; ++k) {
      double at = begin + offset(rng);
      if (at < 0) continue;
      slots.push_back({start + static_cast<TimeMs>(at * kDayMs), static_cast<uint32_t>(matters.size()), rng()});
    }
    matters.push_back(std::move(m));
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return a.time != b.time ? a.time < b.time : a.seed < b.seed;
  });
  slots.resize(std::min(slots.size(), total));
  Synthetic out;
  out.inputs.reserve(slots.size());
  out.terms.reserve(slots.size());
  std::unordered_set<uint32_t> used;
  std::map<std::string, float> counts;
  for (size_t i = 0; i < slots.size(); ++i) {
    const Matter& m = matters[slots[i].matter];
    used.insert(slots[i].matter);
    const Base& b = bases[m.base];
    const District& d = districts[m.district];
    std::mt19937_64 r(slots[i].seed);
    // Place swap, as text and as tokens.
    std::vector<std::pair<std::string, std::string>> swap;  // name → new name
    for (const std::string& name : b.places) {
      bool is_city = name.size() >= 3 && name.compare(name.size() - 3, 3, "市") == 0 &&
                     std::none_of(districts.begin(), districts.end(), [&](const District& x) { return x.name == name; });
      swap.emplace_back(name, is_city ? d.city_name : d.name);
    }
    auto place = [&](std::string s) {
      for (const auto& [from, to] : swap) s = ReplaceAll(std::move(s), from, "\x01" + to);
      return ReplaceAll(std::move(s), "\x01", "");
    };
    std::map<std::string, std::string> token_swap;
    for (const auto& [from, to] : swap) token_swap[text::Normalize(from)] = text::Normalize(to);
    counts.clear();
    auto add = [&](const Piece& p) {
      for (const auto& [token, c] : p.counts) {
        auto it = token_swap.find(token);
        counts[it == token_swap.end() ? token : it->second] += c;
      }
    };
    HotspotInput in;
    in.id = static_cast<int64_t>(i) + 1;
    in.title = m.estate + place(b.title.text);
    add(b.title);
    for (const auto& [token, c] : m.own) counts[token] += c;
    in.body = m.opening;
    size_t chars = CodePointCount(m.opening);
    for (const auto& [source, k] : m.pieces) {
      if (r() % 10 >= 8) continue;
      const Piece& p = bases[source].sentences[k];
      if (chars + p.chars > f.options().max_body_chars) break;
      chars += p.chars;
      in.body += place(p.text);
      add(p);
    }
    in.time = slots[i].time;
    in.user = "s" + std::to_string(r() % 200000);
    TicketTerms t;
    t.counts.assign(counts.begin(), counts.end());
    if (!swap.empty()) {
      t.region_code = b.district ? d.code : d.code.substr(0, d.code.rfind('.'));
      t.place_name = b.district ? d.name : d.city_name;
    }
    out.inputs.push_back(std::move(in));
    out.terms.push_back(std::move(t));
    out.matter.push_back(slots[i].matter);
  }
  out.matters = used.size();
  return out;
}

// Tokens that agree between two term lists: Σ min(count) / Σ max(count) (1 = identical).
double Agreement(const TicketTerms& a, const TicketTerms& b) {
  std::map<std::string, std::pair<double, double>> both;
  for (const auto& [t, c] : a.counts) both[t].first += c;
  for (const auto& [t, c] : b.counts) both[t].second += c;
  double lo = 0, hi = 0;
  for (const auto& [t, c] : both) {
    lo += std::min(c.first, c.second);
    hi += std::max(c.first, c.second);
  }
  return hi > 0 ? lo / hi : 1;
}

// Pair-counting precision and recall of the topics against the synthetic matters: of the
// ticket pairs put in one topic, the share that are one matter, and of the pairs of one
// matter, the share put in one topic.
std::pair<double, double> PairScores(const std::vector<std::pair<int64_t, int64_t>>& assignments,
                                     const std::vector<uint32_t>& matter_of_id) {
  std::map<int64_t, int64_t> topic_size;
  std::map<uint32_t, int64_t> matter_size;
  std::map<std::pair<int64_t, uint32_t>, int64_t> both;
  for (const auto& [id, topic] : assignments) {
    uint32_t m = matter_of_id[static_cast<size_t>(id - 1)];
    ++topic_size[topic];
    ++matter_size[m];
    ++both[{topic, m}];
  }
  auto pairs = [](int64_t n) { return static_cast<double>(n) * static_cast<double>(n - 1) / 2; };
  double same = 0, topic_pairs = 0, matter_pairs = 0;
  for (const auto& [k, n] : both) same += pairs(n);
  for (const auto& [k, n] : topic_size) topic_pairs += pairs(n);
  for (const auto& [k, n] : matter_size) matter_pairs += pairs(n);
  return {topic_pairs > 0 ? same / topic_pairs : 1, matter_pairs > 0 ? same / matter_pairs : 1};
}

int Speed(const std::string& labelled, const std::vector<Region>& regions, const text::Segmenter& seg,
          const text::Gazetteer* gaz, const HotspotOptions& options, size_t history_n, size_t new_n,
          int threads, bool segment_history) {
  std::cout << std::unitbuf;  // each figure is printed as soon as it is measured (long runs)
  std::cout << "load average at start: " << LoadAverage() << "\n";
  HotspotFeaturizer f(seg, gaz, options);
  auto s0 = Clock::now();
  Synthetic syn = Synthesise(labelled, regions, f, *gaz, history_n + new_n, 30000);
  if (syn.inputs.size() < history_n + new_n) {
    std::cerr << "hotspots_bench: synthesised only " << syn.inputs.size() << " tickets\n";
    return 1;
  }
  std::vector<HotspotInput> history(std::make_move_iterator(syn.inputs.begin()),
                                    std::make_move_iterator(syn.inputs.begin() + static_cast<long>(history_n)));
  std::vector<HotspotInput> day(std::make_move_iterator(syn.inputs.begin() + static_cast<long>(history_n)),
                                std::make_move_iterator(syn.inputs.end()));
  std::vector<TicketTerms> day_terms(syn.terms.begin() + static_cast<long>(history_n), syn.terms.end());
  TermTable table;
  for (size_t k = 0; k < history_n; ++k) table.Add(syn.terms[k]);
  std::vector<TicketTerms>().swap(syn.terms);
  auto s1 = Clock::now();
  std::cout << std::fixed << std::setprecision(2) << "synthesis (not timed below): " << history_n + new_n
            << " tickets from " << syn.matters << " matters in " << Seconds(s0, s1) << " s; history "
            << FormatIsoCst(history.front().time) << " .. " << FormatIsoCst(history.back().time) << ", new day "
            << FormatIsoCst(day.front().time) << " .. " << FormatIsoCst(day.back().time) << "\n";

  double c0 = CpuSeconds();
  auto t0 = Clock::now();
  BatchResult batch = ClusterBatch(f, history, std::move(table), threads);
  auto t1 = Clock::now();
  double c1 = CpuSeconds();
  std::vector<size_t> sizes;
  for (const Hotspot& h : batch.clusterer->Snapshot(*batch.vocabulary)) sizes.push_back(h.ticket_ids.size());
  std::sort(sizes.rbegin(), sizes.rend());
  size_t in_multi = 0;
  for (size_t n : sizes) in_multi += n;
  std::cout << "batch over pre-computed terms (IDF + weigh + single pass; no segmentation): " << history_n
            << " tickets, " << threads << " threads: " << Seconds(t0, t1) << " s wall, " << c1 - c0
            << " s CPU; " << batch.clusterer->topic_count() << " topics, " << sizes.size()
            << " with 2+ tickets holding " << in_multi << " tickets; largest "
            << (sizes.empty() ? 0 : sizes[0]) << ", 10th " << (sizes.size() > 9 ? sizes[9] : 0) << ", 100th "
            << (sizes.size() > 99 ? sizes[99] : 0) << "\n";
  auto [precision, recall] = PairScores(batch.clusterer->assignments(), syn.matter);
  std::cout << std::setprecision(3) << "against the synthetic matters: pair precision " << precision
            << ", pair recall " << recall << std::setprecision(2) << "\n";

  // The cost of counting + weighing the day's terms alone, on a copy of the vocabulary (so
  // the state the increment below starts from is untouched): one thread, CPU.
  double weigh_s = 0;
  {
    Vocabulary copy = *batch.vocabulary;
    double w0 = ThreadCpuSeconds();
    size_t kept = 0;
    for (const TicketTerms& t : day_terms) kept += f.WeighIds(copy.AddDocumentIds(t), copy).terms.size();
    weigh_s = ThreadCpuSeconds() - w0;
    if (kept == 0) std::cout << "(no terms kept)\n";
  }
  // The increment as the product runs it: ClusterIncrement (count + weigh on a second
  // thread ahead of the single-pass clustering), then the top-20 snapshot.
  const size_t topics_before = batch.clusterer->topic_count();
  double c2 = CpuSeconds();
  auto i0 = Clock::now();
  std::vector<int64_t> topics = ClusterIncrement(f, day, day_terms, *batch.vocabulary, *batch.clusterer, threads);
  auto i1 = Clock::now();
  std::vector<Hotspot> hot = batch.clusterer->Snapshot(*batch.vocabulary, 20);
  auto i2 = Clock::now();
  double c3 = CpuSeconds();
  size_t joined = 0;
  for (int64_t topic : topics) joined += static_cast<size_t>(topic) <= topics_before;
  std::cout << "incremental over pre-computed terms (ClusterIncrement, " << threads << " threads): " << new_n
            << " new tickets against the " << history_n << "-ticket history: " << Seconds(i0, i2) << " s wall ("
            << c3 - c2 << " s CPU) = count + weigh + clustering " << Seconds(i0, i1)
            << " s wall + top-20 snapshot " << Seconds(i1, i2) << " s wall; count + weigh alone (1 thread, a copy): "
            << weigh_s << " s CPU; " << joined << " joined an existing topic; top: "
            << (hot.empty() ? "" : hot[0].title) << " (" << (hot.empty() ? 0 : hot[0].ticket_ids.size()) << ")\n";

  // Segmentation of the new day, measured (the figure with segmentation), and how close the
  // synthetic intake terms are to a real Extract of the same text.
  double c4 = CpuSeconds();
  auto b0 = Clock::now();
  std::vector<TicketTerms> real = ExtractAll(f, day, threads);
  auto b1 = Clock::now();
  double c5 = CpuSeconds();
  double agreement = 0;
  for (size_t k = 0; k < day.size(); ++k) agreement += Agreement(real[k], day_terms[k]);
  const double seg_wall = Seconds(b0, b1), seg_cpu = c5 - c4;
  std::cout << "segmentation of the new day (" << threads << " threads): " << seg_wall << " s wall, " << seg_cpu
            << " s CPU (" << std::setprecision(1) << 1e6 * seg_cpu / static_cast<double>(day.size())
            << " µs CPU a ticket)" << std::setprecision(2) << "; with it the day takes "
            << seg_wall + Seconds(i0, i2) << " s wall; intake terms vs. this Extract: token agreement "
            << std::setprecision(3) << agreement / static_cast<double>(day.size()) << std::setprecision(2) << "\n";
  if (segment_history) {
    double c6 = CpuSeconds();
    auto h0 = Clock::now();
    BatchResult full = ClusterBatch(f, history, threads);
    auto h1 = Clock::now();
    std::cout << "batch with segmentation (measured): " << Seconds(h0, h1) << " s wall, " << CpuSeconds() - c6
              << " s CPU; " << full.clusterer->topic_count() << " topics\n";
  } else {
    // CPU, not wall: wall on a shared machine says little about an idle one.
    std::cout << "batch with segmentation (estimated, not measured: the batch's CPU + the day's µs CPU a "
                 "ticket × "
              << history_n << "): ~" << (c1 - c0) + seg_cpu / static_cast<double>(day.size()) * static_cast<double>(history_n)
              << " s CPU (÷ " << threads << " threads for the wall of an idle machine at best)\n";
  }
  std::cout << "load average at end: " << LoadAverage() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, tokens_out, regions_csv, labelled;
  bool speed = false, segment_history = false;
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
    else if (a == "--labelled") labelled = next();
    else if (a == "--segment-history") segment_history = true;
    else if (a == "--history") history_n = std::stoul(next());
    else if (a == "--new") new_n = std::stoul(next());
    else if (a == "--threads") threads = std::stoi(next());
    else if (a == "--set") {
      if (!SetHotspotOption(next(), options)) {
        std::cerr << "hotspots_bench: bad --set\n";
        return 2;
      }
    } else {
      std::cerr << "usage: hotspots_bench --data FILE.jsonl (--tokens-out FILE | --speed --labelled "
                   "messages_labeled.jsonl [--history N] [--new N] [--threads N] [--segment-history]) "
                   "[--regions CSV] [--set k=v]\n";
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
  if (speed) {
    if (labelled.empty() || regions.empty()) {
      std::cerr << "hotspots_bench: --speed needs --labelled and --regions\n";
      return 2;
    }
    return Speed(labelled, regions, **seg, gaz.get(), options, history_n, new_n, threads, segment_history);
  }
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
