// Hot topics (热点): clusters of tickets about one matter — the same place, the same
// problem, within a time window — found incrementally as tickets arrive and in batch
// over history, each with a generated title, its tickets, time span, places, units and
// a heat index.
//
// The algorithm is one single pass in time order (so batch == incremental): every
// ticket becomes a TF-IDF vector of its segmented title and body (text::Segmenter, the
// same tokens dispatch and search see); it joins the most similar live hot topic
// (cosine to the topic's centroid, less a penalty when the gazetteer places the two in
// different districts) when that similarity reaches `join_threshold` and the topic had a
// ticket within `window`, otherwise it starts a new one. Candidates come from an
// inverted index over each topic centroid's top terms (capped postings scanned newest
// first, topics closed for longer than `window` skipped): a probe accumulates
// term-at-a-time scores from the postings' weights and only the `rescore` best
// candidates get an exact cosine, so the cost per ticket does not grow with history.
// Segmentation is the costly step (~100 µs a ticket): callers that already hold each
// ticket's terms (segmented at intake) pass them in a TermTable and skip it. Nothing in it knows any one city's place names: places come
// from the Gazetteer built over the region tree.
//
// Thread-safety: HotspotFeaturizer is immutable after construction and its const
// methods may be called from many threads at once (Featurize is pure given the
// document-frequency table passed in). HotspotClusterer is NOT thread-safe: one writer
// at a time (callers serialise Add/Snapshot). ClusterBatch, ClusterIncrement and ExtractAll
// run their own worker threads and block until done. Nothing here throws or blocks on I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "insight/term_dictionary.h"
#include "text/text.h"

namespace lianxin::insight {

// The hyperparameters of hot-topic clustering, with their defaults.
struct HotspotOptions {
  double join_threshold = 0.30;     // minimum cosine(ticket, topic centroid) to join
  double other_district_penalty = 0.6;  // similarity factor when districts differ
  TimeMs window = 30 * kDayMs;      // a topic stays open this long after its last ticket
  double title_weight = 2.0;        // a title token counts this many body tokens
  size_t max_body_chars = 400;      // only the body's first characters are read
  size_t max_terms = 40;            // terms kept per ticket vector
  size_t centroid_terms = 120;      // terms kept per topic centroid
  size_t index_terms = 6;           // a topic is indexed under its top terms
  size_t probe_terms = 8;           // a ticket probes the index with its top terms
  size_t max_scan = 400;            // posting entries scanned per probe (newest first)
  size_t rescore = 16;              // best-scoring candidates that get an exact cosine
  size_t min_size = 2;              // Snapshot reports topics with at least this many tickets
  // Printed as "key=value" lines (for bench output and `--help`).
  std::string ToString() const;
};

// One ticket (or message) as clustering sees it.
struct HotspotInput {
  int64_t id = 0;
  std::string title;
  std::string body;
  TimeMs time = 0;
  std::string user;       // citizen key (phone hash, account); "" = unknown
  int64_t likes = 0;      // where the channel has them
  bool urgent = false;    // 紧急/特急
  std::string unit_code;  // handling unit, "" when not dispatched yet
};

// A ticket's sparse, L2-normalised TF-IDF vector (term ids sorted ascending) and place.
struct TicketVector {
  std::vector<std::pair<uint32_t, float>> terms;
  std::string region_code;  // Gazetteer::Locate of title + body ("" = no place)
  std::string place_name;   // the words that named that region ("A3区")
};

// Term counts of one ticket before weighting: the output of the costly part
// (normalise + segment), computed once per ticket and reusable (e.g. stored with it).
struct TicketTerms {
  std::vector<std::pair<std::string, float>> counts;  // token → weighted count
  std::string region_code;
  std::string place_name;
};

// Turns text into term ids and vectors. Term ids come from a vocabulary the caller
// owns (Vocabulary), so vectors of one clustering run are comparable.
class Vocabulary {
 public:
  // The id of `token`, adding it when new.
  uint32_t Intern(std::string_view token) { return terms_.Intern(token); }
  // The id of `token`, or TermDictionary::kNone when it was never interned.
  uint32_t Find(std::string_view token) const { return terms_.Find(token); }
  // The token of `id` ("" for an unknown id).
  const std::string& Token(uint32_t id) const { return terms_.Token(id); }
  // Counts one more ticket with these (distinct) tokens in the document frequencies.
  void AddDocument(const TicketTerms& terms);
  // The same, returning the ticket's (term id, count) pairs (each token interned once).
  std::vector<std::pair<uint32_t, float>> AddDocumentIds(const TicketTerms& terms);
  uint32_t DocumentFrequency(uint32_t id) const { return id < df_.size() ? df_[id] : 0; }
  uint64_t Count() const { return documents_; }
  size_t size() const { return terms_.size(); }

 private:
  TermDictionary terms_;
  std::vector<uint32_t> df_;
  uint64_t documents_ = 0;
};

class HotspotFeaturizer {
 public:
  // `segmenter` and `gazetteer` must outlive the featurizer; gazetteer may be null
  // (no places). Never fails.
  HotspotFeaturizer(const text::Segmenter& segmenter, const text::Gazetteer* gazetteer,
                    HotspotOptions options);
  // Normalises, segments and places one ticket (~100 µs; thread-safe).
  TicketTerms Extract(const HotspotInput& input) const;
  // Weights `terms` by sublinear TF × smoothed IDF from `vocabulary` and keeps the
  // top `max_terms`, L2-normalised. Interns new tokens (so not thread-safe on a
  // shared vocabulary).
  TicketVector Weigh(const TicketTerms& terms, Vocabulary& vocabulary) const;
  // The same over already interned (term id, count) pairs, without a place; thread-safe
  // while nobody changes `vocabulary`.
  TicketVector WeighIds(const std::vector<std::pair<uint32_t, float>>& counts,
                        const Vocabulary& vocabulary) const;
  const HotspotOptions& options() const { return options_; }

 private:
  const text::Segmenter& segmenter_;
  const text::Gazetteer* gazetteer_;
  HotspotOptions options_;
};

// A hot topic as reported.
struct Hotspot {
  int64_t id = 0;                 // the clusterer's topic number (stable while it runs)
  std::string title;              // place + problem, e.g. "A2区 丽发新城 搅拌站 噪音"
  std::vector<int64_t> ticket_ids;  // in arrival order
  TimeMs first_time = 0;
  TimeMs last_time = 0;
  std::vector<std::string> places;  // place names, most mentioned first
  std::vector<std::string> region_codes;
  std::vector<std::string> units;   // unit codes involved, most tickets first
  std::vector<std::string> keywords;  // the centroid's top terms
  int64_t people = 0;  // distinct users (unknown users count one each)
  int64_t likes = 0;
  int64_t urgent = 0;
  double growth = 1;   // tickets in the last 7 days ÷ (the 7 days before + 1), as of `as_of`
  double heat = 0;     // see HeatIndex
};

// The heat index of a topic: 10 × (0.30 ln(1+people) + 0.25 ln(1+tickets) +
// 0.20 ln(1+likes) + 0.15 ln(max(growth,1)) + 0.10 ln(1+urgent)). Monotone in each input.
double HeatIndex(const Hotspot& hotspot);
// The same from the counts (no Hotspot to build).
double HeatIndex(int64_t people, size_t tickets, int64_t likes, double growth, int64_t urgent);

// Incremental clustering state. Add tickets in (roughly) time order; a ticket older
// than the newest one by more than `window` is still accepted but only meets topics
// open at its own time.
class HotspotClusterer {
 public:
  explicit HotspotClusterer(HotspotOptions options);
  ~HotspotClusterer();
  HotspotClusterer(const HotspotClusterer&) = delete;
  HotspotClusterer& operator=(const HotspotClusterer&) = delete;

  // Adds one ticket with its vector; returns the topic it joined or started.
  int64_t Add(const HotspotInput& input, const TicketVector& vector);
  // The topics with at least `min_size` tickets, hottest first, at most `limit`
  // (0 = all); growth is measured as of `as_of` (0 = the newest ticket's time).
  std::vector<Hotspot> Snapshot(const Vocabulary& vocabulary, size_t limit = 0,
                                TimeMs as_of = 0) const;
  // The topic of every ticket added, in order of addition (ticket id, topic id).
  const std::vector<std::pair<int64_t, int64_t>>& assignments() const { return assignments_; }
  size_t topic_count() const;

 private:
  struct Topic;
  HotspotOptions options_;
  std::vector<std::unique_ptr<Topic>> topics_;
  struct Posting {
    uint32_t topic;  // index into topics_
    float weight;    // the term's weight in the topic's normalised centroid when posted
  };
  struct Live {       // the fields a probe reads, kept contiguous by topic index
    TimeMs first = 0;
    TimeMs last = 0;
    uint64_t seen = 0;  // probe stamp
    float score = 0;    // the probe's accumulated posting score (valid when seen == stamp)
  };
  std::vector<Live> live_;
  std::vector<std::vector<Posting>> postings_;  // by term id
  std::vector<std::pair<int64_t, int64_t>> assignments_;
  // Per-call scratch kept between calls (no allocation per ticket once warm).
  std::vector<uint32_t> candidates_;
  std::vector<std::pair<uint32_t, float>> merged_;
  std::vector<std::pair<uint32_t, float>> top_;
};

// Batch over history: featurises every input (on `threads` threads; IDF from all of
// them), clusters them in time order and returns the clusterer's state. Blocks.
struct BatchResult {
  std::unique_ptr<Vocabulary> vocabulary;
  std::unique_ptr<HotspotClusterer> clusterer;
};
BatchResult ClusterBatch(const HotspotFeaturizer& featurizer, const std::vector<HotspotInput>& inputs,
                         int threads = 1);

// Pre-computed terms of many tickets, e.g. those segmented at intake: row k belongs to
// input k of the batch. Interned once; `vocabulary` also counts their document frequencies.
struct TermTable {
  Vocabulary vocabulary;
  std::vector<std::vector<std::pair<uint32_t, float>>> counts;  // (term id, weighted count)
  std::vector<std::string> region_codes;
  std::vector<std::string> place_names;
  // Appends one ticket's terms (interning new tokens, counting document frequencies).
  void Add(const TicketTerms& terms);
  size_t size() const { return counts.size(); }
};

// Batch over pre-computed terms (no segmentation): `terms` must have one row per input
// (a missing row counts as a ticket without terms). Weighs with the table's final IDF on
// a second thread while clustering in time order when `threads` > 1. Blocks.
BatchResult ClusterBatch(const HotspotFeaturizer& featurizer, const std::vector<HotspotInput>& inputs,
                         TermTable terms, int threads = 1);

// A run of new tickets (e.g. a day's) with their intake terms, clustered in order into an
// existing state: each ticket's terms are counted in `vocabulary`'s document frequencies,
// weighed with the IDF as of that ticket (exactly Vocabulary::AddDocumentIds +
// HotspotFeaturizer::WeighIds one ticket at a time) and added to `clusterer`. With
// `threads` > 1 the counting and weighing run on a second thread ahead of the clustering
// (which never reads the vocabulary), so the topics are the same as with 1. `terms` has
// one row per input (a missing row: a ticket without terms). Returns each input's topic.
// Blocks; nobody else may use `vocabulary` or `clusterer` meanwhile.
std::vector<int64_t> ClusterIncrement(const HotspotFeaturizer& featurizer,
                                      const std::vector<HotspotInput>& inputs,
                                      const std::vector<TicketTerms>& terms, Vocabulary& vocabulary,
                                      HotspotClusterer& clusterer, int threads = 1);

// Extracts terms for many tickets on `threads` threads (the costly step). Blocks.
std::vector<TicketTerms> ExtractAll(const HotspotFeaturizer& featurizer,
                                    const std::vector<HotspotInput>& inputs, int threads);

}  // namespace lianxin::insight
