#include "kb/inverted_index.h"

#include <algorithm>
#include <cmath>

namespace lianxin::kb {

uint32_t InvertedIndex::Add(const std::vector<std::string>& terms) {
  uint32_t doc = static_cast<uint32_t>(doc_len_.size());
  // The document's term ids, sorted: runs of one id are its term frequency.
  add_ids_.clear();
  add_ids_.reserve(terms.size());
  for (const std::string& t : terms) {
    auto [it, inserted] = term_ids_.try_emplace(t, static_cast<uint32_t>(postings_.size()));
    if (inserted) {
      postings_.emplace_back();
      bounds_.emplace_back();
    }
    add_ids_.push_back(it->second);
  }
  std::sort(add_ids_.begin(), add_ids_.end());
  add_tf_.clear();
  for (size_t i = 0; i < add_ids_.size();) {
    size_t j = i;
    while (j < add_ids_.size() && add_ids_[j] == add_ids_[i]) ++j;
    add_tf_.emplace_back(add_ids_[i], static_cast<uint32_t>(j - i));
    i = j;
  }
  uint32_t len = static_cast<uint32_t>(terms.size());
  for (auto [term, count] : add_tf_) {
    postings_[term].push_back({doc, count});
    bounds_[term].max_tf = std::max(bounds_[term].max_tf, count);
    bounds_[term].min_len = std::min(bounds_[term].min_len, len);
  }
  doc_len_.push_back(len);
  total_len_ += terms.size();
  if (!tfidf_norm_.empty()) {
    double n = static_cast<double>(doc_len_.size());
    double norm = 0;
    for (auto [term, count] : add_tf_) {
      double w = (1.0 + std::log(static_cast<double>(count))) *
                 std::log(n / static_cast<double>(postings_[term].size()));
      norm += w * w;
    }
    tfidf_norm_.push_back(norm > 0 ? static_cast<float>(std::sqrt(norm)) : 1.0f);
    for (auto [term, count] : add_tf_) {
      bounds_[term].max_tfidf =
          std::max(bounds_[term].max_tfidf, SublinearTf(count) / tfidf_norm_.back());
    }
  }
  return doc;
}

void InvertedIndex::Finish() {
  tfidf_norm_.assign(doc_len_.size(), 0.0f);
  double n = static_cast<double>(doc_len_.size());
  for (const auto& list : postings_) {
    double idf = std::log(n / static_cast<double>(list.size()));
    for (const Posting& p : list) {
      double w = (1.0 + std::log(static_cast<double>(p.tf))) * idf;
      tfidf_norm_[p.doc] += static_cast<float>(w * w);
    }
  }
  for (float& v : tfidf_norm_) v = v > 0 ? std::sqrt(v) : 1.0f;
  for (size_t t = 0; t < postings_.size(); ++t) {
    float best = 0;
    for (const Posting& p : postings_[t]) best = std::max(best, SublinearTf(p.tf) / tfidf_norm_[p.doc]);
    bounds_[t].max_tfidf = best;
  }
}

float InvertedIndex::Avgdl() const {
  float avgdl = static_cast<float>(total_len_) / static_cast<float>(doc_len_.size());
  return avgdl > 0 ? avgdl : 1.0f;
}

uint32_t InvertedIndex::DocFrequency(const std::string& term) const {
  auto it = term_ids_.find(term);
  return it == term_ids_.end() ? 0 : static_cast<uint32_t>(postings_[it->second].size());
}

float InvertedIndex::Idf(const std::string& term) const {
  uint32_t df = DocFrequency(term);
  if (df == 0) return 0.0f;
  double n = static_cast<double>(doc_len_.size());
  return static_cast<float>(std::log(1.0 + (n - df + 0.5) / (df + 0.5)));
}

void InvertedIndex::Bm25Cursors(const std::vector<WeightedTerm>& query, const Bm25Params& params,
                                std::vector<TermCursor>& out) const {
  if (doc_len_.empty()) return;
  float avgdl = Avgdl();
  for (const auto& [term, weight] : query) {
    auto it = term_ids_.find(term);
    if (it == term_ids_.end()) continue;
    const auto& list = postings_[it->second];
    TermCursor c;
    c.kind = TermCursor::Kind::kBm25;
    c.postings = list.data();
    c.size = list.size();
    c.weight = Idf(term) * weight;
    c.select = c.weight;
    c.doc_lens = doc_len_.data();
    c.k1 = params.k1;
    c.one_minus_b = 1.0f - params.b;
    c.b_over_avg = params.b / avgdl;
    // The BM25 term score grows with tf and shrinks with the document's length.
    const Bounds& b = bounds_[it->second];
    float tf = static_cast<float>(b.max_tf);
    float norm = c.k1 * (c.one_minus_b + c.b_over_avg * static_cast<float>(b.min_len));
    c.upper_bound = c.weight * tf * (c.k1 + 1.0f) / (tf + norm);
    out.push_back(c);
  }
}

void InvertedIndex::TfidfCursors(const std::vector<WeightedTerm>& query,
                                 std::vector<TermCursor>& out) const {
  if (doc_len_.empty() || tfidf_norm_.size() != doc_len_.size()) return;
  double n = static_cast<double>(doc_len_.size());
  for (const auto& [term, weight] : query) {
    auto it = term_ids_.find(term);
    if (it == term_ids_.end()) continue;
    const auto& list = postings_[it->second];
    double idf = std::log(n / static_cast<double>(list.size()));
    TermCursor c;
    c.kind = TermCursor::Kind::kTfidf;
    c.postings = list.data();
    c.size = list.size();
    c.weight = static_cast<float>(weight * idf * idf);
    c.select = static_cast<float>(weight * idf);
    c.norms = tfidf_norm_.data();
    c.upper_bound = c.weight * bounds_[it->second].max_tfidf;
    out.push_back(c);
  }
}

void InvertedIndex::ScoreTfidfCosine(const std::vector<std::string>& query_terms,
                                     std::vector<float>& scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  if (doc_len_.empty()) return;
  std::unordered_map<uint32_t, uint32_t> qtf;
  for (const std::string& t : query_terms) {
    auto it = term_ids_.find(t);
    if (it != term_ids_.end()) ++qtf[it->second];
  }
  double n = static_cast<double>(doc_len_.size());
  double qnorm = 0;
  for (auto [term, count] : qtf) {
    const auto& list = postings_[term];
    double idf = std::log(n / static_cast<double>(list.size()));
    double qw = (1.0 + std::log(static_cast<double>(count))) * idf;
    qnorm += qw * qw;
    for (const Posting& p : list) {
      double dw = (1.0 + std::log(static_cast<double>(p.tf))) * idf;
      scores[p.doc] += static_cast<float>(qw * dw / tfidf_norm_[p.doc]);
    }
  }
  if (qnorm > 0) {
    float inv = static_cast<float>(1.0 / std::sqrt(qnorm));
    for (float& s : scores) s *= inv;
  }
}

std::vector<std::pair<uint32_t, float>> TopK(const std::vector<float>& scores, size_t k,
                                             const std::vector<uint8_t>& allowed) {
  std::vector<std::pair<uint32_t, float>> out;
  if (k == 0) return out;
  auto worse = [](const std::pair<uint32_t, float>& a, const std::pair<uint32_t, float>& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  // Min-heap of the best k under `worse` ordering: heap top is the weakest kept.
  for (uint32_t doc = 0; doc < scores.size(); ++doc) {
    float s = scores[doc];
    if (s <= 0) continue;
    if (!allowed.empty() && !allowed[doc]) continue;
    if (out.size() < k) {
      out.emplace_back(doc, s);
      std::push_heap(out.begin(), out.end(), worse);
    } else if (worse({doc, s}, out.front())) {
      std::pop_heap(out.begin(), out.end(), worse);
      out.back() = {doc, s};
      std::push_heap(out.begin(), out.end(), worse);
    }
  }
  std::sort(out.begin(), out.end(), worse);
  return out;
}

}  // namespace lianxin::kb
