#include "kb/top_k.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace lianxin::kb {

namespace {

constexpr uint32_t kEnd = std::numeric_limits<uint32_t>::max();
// Upper bounds and partial sums are compared with this relative slack, so float
// rounding (contributions summed in another order) never prunes a document
// that exhaustive scoring would keep.
constexpr double kSlack = 1.0 + 1e-4;

// Ranking order (higher score, or equal score and lower document number);
// as the heap's comparison it keeps the weakest kept document on top.
bool Better(const std::pair<float, uint32_t>& a, const std::pair<float, uint32_t>& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

uint32_t Current(const TermCursor& c, size_t pos) { return pos < c.size ? c.postings[pos].doc : kEnd; }
uint32_t Current(const TermCursor& c) { return Current(c, c.pos); }

// Moves `c` to its first posting with doc >= target (galloping, then binary search).
void SeekTo(TermCursor& c, uint32_t target) {
  if (c.pos >= c.size || c.postings[c.pos].doc >= target) return;
  size_t step = 1;
  size_t lo = c.pos;
  size_t hi = c.pos + 1;
  while (hi < c.size && c.postings[hi].doc < target) {
    lo = hi;
    step *= 2;
    hi = std::min(c.size, hi + step);
  }
  const Posting* first = c.postings + lo + 1;
  const Posting* last = c.postings + hi;
  c.pos = static_cast<size_t>(
      std::lower_bound(first, last, target, [](const Posting& p, uint32_t d) { return p.doc < d; }) -
      c.postings);
}

// The exact score: contributions summed in the terms' exhaustive order.
float ExactSum(std::vector<std::pair<uint32_t, float>>& parts) {
  std::sort(parts.begin(), parts.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  float s = 0.0f;
  for (const auto& [order, v] : parts) s += v;
  return s;
}

}  // namespace

float SublinearTf(uint32_t tf) {
  static const std::array<float, 64> table = [] {
    std::array<float, 64> t{};
    for (uint32_t i = 1; i < t.size(); ++i) t[i] = 1.0f + std::log(static_cast<float>(i));
    return t;
  }();
  return tf < table.size() ? table[tf] : 1.0f + std::log(static_cast<float>(tf));
}

float TermCursor::Score(size_t i) const {
  const Posting& p = postings[i];
  if (kind == Kind::kTfidf) return weight * SublinearTf(p.tf) / norms[p.doc];
  float tf = static_cast<float>(p.tf);
  float norm = k1 * (one_minus_b + b_over_avg * static_cast<float>(doc_lens[p.doc]));
  return weight * tf * (k1 + 1.0f) / (tf + norm);
}

void RetrieveTopK(std::vector<TermCursor>& terms, size_t k,
                  const std::function<bool(uint32_t)>& allowed, TopKScratch& s,
                  std::vector<std::pair<uint32_t, float>>& out, bool prune) {
  out.clear();
  s.heap.clear();
  const size_t m = terms.size();
  if (k == 0 || m == 0) return;
  // Terms by upper bound, weakest first; prefix[i] bounds the sum of terms 0..i.
  s.by_bound.resize(m);
  for (size_t i = 0; i < m; ++i) s.by_bound[i] = static_cast<uint32_t>(i);
  std::sort(s.by_bound.begin(), s.by_bound.end(), [&](uint32_t a, uint32_t b) {
    return terms[a].upper_bound != terms[b].upper_bound ? terms[a].upper_bound < terms[b].upper_bound
                                                        : a < b;
  });
  s.prefix.resize(m);
  double run = 0;
  for (size_t i = 0; i < m; ++i) {
    run += static_cast<double>(terms[s.by_bound[i]].upper_bound) * kSlack;
    s.prefix[i] = run;
  }
  // Terms [0, essential) are non-essential: together they cannot lift a
  // document above the threshold, so only the others propose candidates.
  size_t essential = 0;
  double threshold = 0;  // the k-th best score once k documents are kept
  uint32_t next = kEnd;  // the lowest current document of the essential terms
  for (size_t i = 0; i < m; ++i) next = std::min(next, Current(terms[i]));
  while (next != kEnd) {
    const uint32_t doc = next;
    next = kEnd;
    s.parts.clear();
    double approx = 0;
    for (size_t i = essential; i < m; ++i) {
      TermCursor& c = terms[s.by_bound[i]];
      uint32_t at = Current(c);
      if (at == doc) {
        float v = c.Score(c.pos);
        approx += v;
        s.parts.emplace_back(c.order, v);
        at = Current(c, ++c.pos);
      }
      next = std::min(next, at);
    }
    bool hopeless = false;
    for (size_t i = essential; i-- > 0;) {
      if (prune && s.heap.size() == k && (approx + s.prefix[i]) * kSlack < threshold) {
        hopeless = true;
        break;
      }
      TermCursor& c = terms[s.by_bound[i]];
      SeekTo(c, doc);
      if (Current(c) != doc) continue;
      float v = c.Score(c.pos);
      approx += v;
      s.parts.emplace_back(c.order, v);
      ++c.pos;
    }
    if (hopeless) continue;
    float score = ExactSum(s.parts);
    if (score <= 0) continue;
    std::pair<float, uint32_t> entry{score, doc};
    if (s.heap.size() == k && !Better(entry, s.heap.front())) continue;
    if (allowed && !allowed(doc)) continue;
    if (s.heap.size() == k) {
      std::pop_heap(s.heap.begin(), s.heap.end(), Better);
      s.heap.back() = entry;
    } else {
      s.heap.push_back(entry);
    }
    std::push_heap(s.heap.begin(), s.heap.end(), Better);
    if (prune && s.heap.size() == k) {
      threshold = s.heap.front().first;
      while (essential < m && s.prefix[essential] * kSlack < threshold) ++essential;
    }
  }
  std::sort(s.heap.begin(), s.heap.end(), Better);
  out.reserve(s.heap.size());
  for (const auto& [score, doc] : s.heap) out.emplace_back(doc, score);
}

}  // namespace lianxin::kb
