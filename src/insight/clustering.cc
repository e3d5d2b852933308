// Single-pass hot-topic clustering over TF-IDF vectors with an inverted index of
// topic terms (see hotspots.h for the algorithm), the snapshot that reports topics,
// and the batch driver.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>
#include <unordered_set>

#include "insight/hotspots.h"
#include "text/text.h"

namespace lianxin::insight {

struct HotspotClusterer::Topic {
  int64_t id = 0;
  std::vector<std::pair<uint32_t, float>> centroid;  // sorted by term id; sum of member vectors
  double norm = 0;
  std::vector<int64_t> tickets;
  std::vector<TimeMs> times;
  TimeMs first = 0;
  TimeMs last = 0;
  std::map<std::string, int> regions;  // region code → tickets
  std::map<std::string, int> places;   // place name → tickets
  std::string region;                  // the most common region code
  int region_count = 0;
  std::unordered_set<std::string> users;
  int64_t unknown_users = 0;
  int64_t likes = 0;
  int64_t urgent = 0;
  std::map<std::string, int> units;
  std::vector<uint32_t> indexed;  // terms this topic is posted under
  std::string representative;     // the title the generated title follows: the first ticket's (it
                                  // scores 1 and stays, unless its title is empty)
  double representative_sim = -1;
};

namespace {

constexpr size_t kPrefetch = 8;  // posting entries ahead whose topic is fetched

// True when the two regions are the same or one contains the other (or either is unknown).
bool Compatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  return longer.compare(0, shorter.size(), shorter) == 0 && longer[shorter.size()] == '.';
}

// The `k` heaviest terms of `v` (id, weight), heaviest first, into `out` (reused).
void TopWeighted(const std::vector<std::pair<uint32_t, float>>& v, size_t k,
                 std::vector<std::pair<uint32_t, float>>& out) {
  out.assign(v.begin(), v.end());
  k = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<long>(k), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  out.resize(k);
}

// The `k` heaviest terms of `v`, heaviest first.
std::vector<uint32_t> TopTerms(const std::vector<std::pair<uint32_t, float>>& v, size_t k) {
  std::vector<std::pair<uint32_t, float>> top;
  TopWeighted(v, k, top);
  std::vector<uint32_t> out;
  for (const auto& [id, w] : top) out.push_back(id);
  return out;
}

// Items [0, n) in chunks of `chunk`, in order: produce(begin, end, vectors) fills a chunk's
// vectors, consume(begin, vectors) uses them. With `parallel` the next chunk is produced
// on a second thread while this one is consumed; producers still run one at a time in
// chunk order, so a producer may update state that only producers read.
template <typename Produce, typename Consume>
void Pipeline(size_t n, size_t chunk, bool parallel, Produce produce, Consume consume) {
  auto make = [&](size_t begin) {
    std::vector<TicketVector> out;
    const size_t end = std::min(n, begin + chunk);
    out.reserve(end - begin);
    produce(begin, end, out);
    return out;
  };
  if (n == 0) return;
  std::vector<TicketVector> current = make(0);
  for (size_t begin = 0; begin < n; begin += chunk) {
    std::vector<TicketVector> next;
    const size_t next_begin = begin + chunk;
    std::thread worker;
    if (parallel && next_begin < n) worker = std::thread([&] { next = make(next_begin); });
    consume(begin, current);
    if (worker.joinable()) {
      worker.join();
    } else if (next_begin < n) {
      next = make(next_begin);
    }
    current = std::move(next);
  }
}

}  // namespace

HotspotClusterer::HotspotClusterer(HotspotOptions options) : options_(options) {}
HotspotClusterer::~HotspotClusterer() = default;

size_t HotspotClusterer::topic_count() const { return topics_.size(); }

int64_t HotspotClusterer::Add(const HotspotInput& input, const TicketVector& vec) {
  const uint64_t stamp = assignments_.size() + 1;
  const TimeMs oldest = input.time - options_.window;
  const TimeMs newest = input.time + options_.window;
  // Candidates: term-at-a-time scores over the postings of the ticket's top terms.
  candidates_.clear();
  TopWeighted(vec.terms, options_.probe_terms, top_);
  for (const auto& [term, weight] : top_) {
    if (term >= postings_.size()) continue;
    const std::vector<Posting>& list = postings_[term];
    size_t scanned = 0;
    for (size_t k = list.size(); k-- > 0 && scanned < options_.max_scan; ++scanned) {
      // The topics' entries are scattered over a large array: fetch a few entries ahead.
      if (k >= kPrefetch) __builtin_prefetch(&live_[list[k - kPrefetch].topic]);
      Live& t = live_[list[k].topic];
      if (t.last < oldest || t.first > newest) continue;
      if (t.seen != stamp) {
        t.seen = stamp;
        t.score = 0;
        candidates_.push_back(list[k].topic);
      }
      t.score += weight * list[k].weight;
    }
  }
  if (candidates_.size() > options_.rescore) {
    std::nth_element(candidates_.begin(), candidates_.begin() + static_cast<long>(options_.rescore),
                     candidates_.end(), [&](uint32_t a, uint32_t b) {
                       const Live& x = live_[a];
                       const Live& y = live_[b];
                       return x.score != y.score ? x.score > y.score : a > b;
                     });
    candidates_.resize(options_.rescore);
  }
  // Exact cosine of the best candidates: a merge of the two id-sorted lists (the same sum,
  // in the same order, as over the whole centroid with the ticket's weight or 0).
  Topic* best = nullptr;
  double best_sim = 0;
  if (!candidates_.empty()) {
    std::sort(candidates_.begin(), candidates_.end());  // deterministic ties: the oldest topic
    for (uint32_t index : candidates_) __builtin_prefetch(topics_[index].get());
    const auto* const q_begin = vec.terms.data();
    const auto* const q_end = q_begin + vec.terms.size();
    for (size_t c = 0; c < candidates_.size(); ++c) {
      if (c + 1 < candidates_.size()) __builtin_prefetch(topics_[candidates_[c + 1]]->centroid.data());
      Topic& t = *topics_[candidates_[c]];
      double dot = 0;
      const auto* q = q_begin;
      for (const auto& [id, w] : t.centroid) {
        while (q != q_end && q->first < id) ++q;
        if (q == q_end) break;
        if (q->first == id) dot += double(w) * q->second;
      }
      double sim = t.norm > 0 ? dot / t.norm : 0;
      if (!Compatible(vec.region_code, t.region)) sim *= options_.other_district_penalty;
      if (sim > best_sim) {
        best_sim = sim;
        best = &t;
      }
    }
  }
  if (best == nullptr || best_sim < options_.join_threshold) {
    auto topic = std::make_unique<Topic>();
    topic->id = static_cast<int64_t>(topics_.size()) + 1;
    topic->first = topic->last = input.time;
    best = topic.get();
    best_sim = 1;
    topics_.push_back(std::move(topic));
    live_.push_back({input.time, input.time, 0, 0});
  }
  Topic& t = *best;
  // Centroid += vector (both sorted by term id), into the reused scratch buffer.
  std::vector<std::pair<uint32_t, float>>& merged = merged_;
  merged.clear();
  size_t i = 0, j = 0;
  while (i < t.centroid.size() || j < vec.terms.size()) {
    if (j == vec.terms.size() || (i < t.centroid.size() && t.centroid[i].first < vec.terms[j].first)) {
      merged.push_back(t.centroid[i++]);
    } else if (i == t.centroid.size() || vec.terms[j].first < t.centroid[i].first) {
      merged.push_back(vec.terms[j++]);
    } else {
      merged.emplace_back(t.centroid[i].first, t.centroid[i].second + vec.terms[j].second);
      ++i;
      ++j;
    }
  }
  if (merged.size() > options_.centroid_terms) {
    std::nth_element(merged.begin(), merged.begin() + static_cast<long>(options_.centroid_terms),
                     merged.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    merged.resize(options_.centroid_terms);
    std::sort(merged.begin(), merged.end());
  }
  t.centroid.swap(merged);
  double norm = 0;
  for (const auto& [id, w] : t.centroid) norm += double(w) * w;
  t.norm = std::sqrt(norm);

  t.tickets.push_back(input.id);
  t.times.push_back(input.time);
  t.first = std::min(t.first, input.time);
  t.last = std::max(t.last, input.time);
  live_[static_cast<size_t>(t.id - 1)].first = t.first;
  live_[static_cast<size_t>(t.id - 1)].last = t.last;
  if (!vec.region_code.empty()) {
    int n = ++t.regions[vec.region_code];
    if (n > t.region_count) {
      t.region_count = n;
      t.region = vec.region_code;
    }
    if (!vec.place_name.empty()) ++t.places[vec.place_name];
  }
  if (input.user.empty()) {
    ++t.unknown_users;
  } else {
    t.users.insert(input.user);
  }
  t.likes += std::max<int64_t>(input.likes, 0);
  t.urgent += input.urgent ? 1 : 0;
  if (!input.unit_code.empty()) ++t.units[input.unit_code];
  if (best_sim > t.representative_sim || t.representative.empty()) {
    t.representative_sim = best_sim;
    t.representative = input.title;
  }
  // Post the topic under its current top terms (old postings stay; probes verify).
  const uint32_t index = static_cast<uint32_t>(t.id - 1);
  TopWeighted(t.centroid, options_.index_terms, top_);
  for (const auto& [term, weight] : top_) {
    if (std::find(t.indexed.begin(), t.indexed.end(), term) != t.indexed.end()) continue;
    t.indexed.push_back(term);
    if (postings_.size() <= term) postings_.resize(term + 1);
    std::vector<Posting>& list = postings_[term];
    list.push_back({index, t.norm > 0 ? static_cast<float>(weight / t.norm) : 0.0f});
    if (list.size() > 2 * options_.max_scan) {
      // A probe reads only the newest `max_scan` entries: drop the older ones (amortised O(1)).
      list.erase(list.begin(), list.end() - static_cast<long>(options_.max_scan));
    }
  }
  assignments_.emplace_back(input.id, t.id);
  return t.id;
}

std::vector<Hotspot> HotspotClusterer::Snapshot(const Vocabulary& vocabulary, size_t limit,
                                                TimeMs as_of) const {
  if (as_of == 0) {
    for (const auto& t : topics_) as_of = std::max(as_of, t->last);
  }
  // The heat of every reported topic first (cheap), then the full report of the hottest.
  auto growth_of = [&](const Topic& t) {
    int64_t recent = 0, before = 0;
    for (TimeMs time : t.times) {
      if (time > as_of - 7 * kDayMs && time <= as_of) ++recent;
      if (time > as_of - 14 * kDayMs && time <= as_of - 7 * kDayMs) ++before;
    }
    return static_cast<double>(recent) / static_cast<double>(before + 1);
  };
  std::vector<std::pair<double, size_t>> ranked;  // (-heat, topic index)
  for (size_t k = 0; k < topics_.size(); ++k) {
    const Topic& t = *topics_[k];
    if (t.tickets.size() < std::max<size_t>(options_.min_size, 1)) continue;
    const int64_t people = static_cast<int64_t>(t.users.size()) + t.unknown_users;
    ranked.emplace_back(-HeatIndex(people, t.tickets.size(), t.likes, growth_of(t), t.urgent), k);
  }
  if (limit > 0 && ranked.size() > limit) {
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<long>(limit), ranked.end());
    ranked.resize(limit);
  }
  std::vector<Hotspot> out;
  for (const auto& [neg_heat, k] : ranked) {
    const Topic& t = *topics_[k];
    Hotspot h;
    h.id = t.id;
    h.ticket_ids = t.tickets;
    h.first_time = t.first;
    h.last_time = t.last;
    std::vector<std::pair<int, std::string>> places;
    for (const auto& [name, n] : t.places) places.emplace_back(-n, name);
    std::sort(places.begin(), places.end());
    for (const auto& [n, name] : places) h.places.push_back(name);
    std::vector<std::pair<int, std::string>> regions;
    for (const auto& [code, n] : t.regions) regions.emplace_back(-n, code);
    std::sort(regions.begin(), regions.end());
    for (const auto& [n, code] : regions) h.region_codes.push_back(code);
    std::vector<std::pair<int, std::string>> units;
    for (const auto& [code, n] : t.units) units.emplace_back(-n, code);
    std::sort(units.begin(), units.end());
    for (const auto& [n, code] : units) h.units.push_back(code);
    h.people = static_cast<int64_t>(t.users.size()) + t.unknown_users;
    h.likes = t.likes;
    h.urgent = t.urgent;
    h.growth = growth_of(t);
    // Keywords: the centroid's heaviest terms that are not the place itself.
    std::string place_norm = h.places.empty() ? "" : text::Normalize(h.places.front());
    for (uint32_t term : TopTerms(t.centroid, 12)) {
      const std::string& token = vocabulary.Token(term);
      if (token.empty() || token == place_norm) continue;
      if (place_norm.find(token) != std::string::npos) continue;
      h.keywords.push_back(token);
      if (h.keywords.size() == 6) break;
    }
    // Title: place + the top three keywords, in the order the representative title has them.
    std::string rep = text::Normalize(t.representative);
    std::vector<std::pair<size_t, std::string>> ordered;
    for (size_t k = 0; k < h.keywords.size() && k < 3; ++k) {
      size_t pos = rep.find(h.keywords[k]);
      ordered.emplace_back(pos == std::string::npos ? rep.size() + k : pos, h.keywords[k]);
    }
    std::sort(ordered.begin(), ordered.end());
    h.title = h.places.empty() ? "" : h.places.front();
    for (const auto& [pos, word] : ordered) {
      if (!h.title.empty()) h.title += " ";
      h.title += word;
    }
    h.heat = HeatIndex(h);
    out.push_back(std::move(h));
  }
  std::sort(out.begin(), out.end(), [](const Hotspot& a, const Hotspot& b) {
    return a.heat != b.heat ? a.heat > b.heat : a.id < b.id;
  });
  if (limit > 0 && out.size() > limit) out.resize(limit);
  return out;
}

BatchResult ClusterBatch(const HotspotFeaturizer& featurizer, const std::vector<HotspotInput>& inputs,
                         int threads) {
  // Extract in chunks (bounded memory: only the interned table is kept), then cluster.
  TermTable table;
  constexpr size_t kChunk = 20000;
  for (size_t begin = 0; begin < inputs.size(); begin += kChunk) {
    size_t end = std::min(inputs.size(), begin + kChunk);
    std::vector<HotspotInput> chunk(inputs.begin() + static_cast<long>(begin),
                                    inputs.begin() + static_cast<long>(end));
    for (const TicketTerms& terms : ExtractAll(featurizer, chunk, threads)) table.Add(terms);
  }
  return ClusterBatch(featurizer, inputs, std::move(table), threads);
}

BatchResult ClusterBatch(const HotspotFeaturizer& featurizer, const std::vector<HotspotInput>& inputs,
                         TermTable table, int threads) {
  BatchResult result;
  result.clusterer = std::make_unique<HotspotClusterer>(featurizer.options());
  table.counts.resize(inputs.size());
  table.region_codes.resize(inputs.size());
  table.place_names.resize(inputs.size());
  const Vocabulary& vocabulary = table.vocabulary;
  std::vector<size_t> order(inputs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return inputs[a].time < inputs[b].time; });
  // Weigh with the final IDF chunk by chunk in time order; with 2+ threads the next chunk
  // is weighed on a second thread while this one is clustered (the vocabulary is frozen).
  Pipeline(
      order.size(), 8192, threads > 1,
      [&](size_t begin, size_t end, std::vector<TicketVector>& out) {
        for (size_t k = begin; k < end; ++k) {
          size_t i = order[k];
          out.push_back(featurizer.WeighIds(table.counts[i], vocabulary));
          out.back().region_code = std::move(table.region_codes[i]);
          out.back().place_name = std::move(table.place_names[i]);
          std::vector<std::pair<uint32_t, float>>().swap(table.counts[i]);
        }
      },
      [&](size_t begin, const std::vector<TicketVector>& vectors) {
        for (size_t k = 0; k < vectors.size(); ++k) result.clusterer->Add(inputs[order[begin + k]], vectors[k]);
      });
  result.vocabulary = std::make_unique<Vocabulary>(std::move(table.vocabulary));
  return result;
}

std::vector<int64_t> ClusterIncrement(const HotspotFeaturizer& featurizer,
                                      const std::vector<HotspotInput>& inputs,
                                      const std::vector<TicketTerms>& terms, Vocabulary& vocabulary,
                                      HotspotClusterer& clusterer, int threads) {
  std::vector<int64_t> topics;
  topics.reserve(inputs.size());
  static const TicketTerms kNoTerms;
  // Chunks small enough that the second thread starts early in a day of 30,000.
  Pipeline(
      inputs.size(), 1024, threads > 1,
      [&](size_t begin, size_t end, std::vector<TicketVector>& out) {
        for (size_t k = begin; k < end; ++k) {
          const TicketTerms& t = k < terms.size() ? terms[k] : kNoTerms;
          out.push_back(featurizer.WeighIds(vocabulary.AddDocumentIds(t), vocabulary));
          out.back().region_code = t.region_code;
          out.back().place_name = t.place_name;
        }
      },
      [&](size_t begin, const std::vector<TicketVector>& vectors) {
        for (size_t k = 0; k < vectors.size(); ++k) topics.push_back(clusterer.Add(inputs[begin + k], vectors[k]));
      });
  return topics;
}

}  // namespace lianxin::insight
