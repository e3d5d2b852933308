#include "kb/top_k.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace lianxin::kb {

namespace {

constexpr uint32_t kEnd = std::numeric_limits<uint32_t>::max();
constexpr double kScale = 4294967296.0;  // 2^32 fixed-point units per score unit
// Documents scored together by the essential terms (a power of two).
constexpr uint32_t kWindow = 4096;
// Upper bounds are inflated by this relative slack, so float rounding in a
// bound never prunes a document that exhaustive scoring would keep.
constexpr double kSlack = 1.0 + 1e-4;

using Scored = std::pair<int64_t, uint32_t>;  // (quantised score, document)

// Ranking order (higher score, or equal score and lower document number);
// as the heap's comparison it keeps the weakest kept document on top.
bool Better(const Scored& a, const Scored& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

uint32_t Current(const TermCursor& c) { return c.pos < c.size ? c.postings[c.pos].doc : kEnd; }

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

}  // namespace

float SublinearTf(uint32_t tf) {
  static const std::array<float, 64> table = [] {
    std::array<float, 64> t{};
    for (uint32_t i = 1; i < t.size(); ++i) t[i] = 1.0f + std::log(static_cast<float>(i));
    return t;
  }();
  return tf < table.size() ? table[tf] : 1.0f + std::log(static_cast<float>(tf));
}

int64_t Quantize(float contribution) {
  return static_cast<int64_t>(static_cast<double>(contribution) * kScale);
}

float Dequantize(int64_t sum) { return static_cast<float>(static_cast<double>(sum) / kScale); }

float TermCursor::Score(size_t i) const {
  const Posting& p = postings[i];
  if (kind == Kind::kTfidf) return weight * SublinearTf(p.tf) / norms[p.doc];
  float tf = static_cast<float>(p.tf);
  float norm = k1 * (one_minus_b + b_over_avg * static_cast<float>(doc_lens[p.doc]));
  return weight * tf * (k1 + 1.0f) / (tf + norm);
}

void SelectTerms(std::vector<TermCursor>& terms, size_t k) {
  if (k == 0 || k >= terms.size()) return;
  std::vector<uint32_t> order(terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::nth_element(order.begin(), order.begin() + static_cast<long>(k - 1), order.end(),
                   [&](uint32_t a, uint32_t b) {
                     return terms[a].select != terms[b].select ? terms[a].select > terms[b].select
                                                               : a < b;
                   });
  std::vector<uint8_t> keep(terms.size(), 0);
  for (size_t i = 0; i < k; ++i) keep[order[i]] = 1;
  size_t out = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (keep[i]) terms[out++] = terms[i];
  }
  terms.resize(k);
}

void RetrieveTopK(std::vector<TermCursor>& terms, size_t k,
                  const std::function<bool(uint32_t)>& allowed, TopKScratch& s,
                  std::vector<std::pair<uint32_t, float>>& out, bool prune) {
  out.clear();
  s.heap.clear();
  const size_t m = terms.size();
  if (k == 0 || m == 0) return;
  // Terms by upper bound, weakest first; prefix[i] bounds (in fixed-point
  // units) what terms 0..i can add to a document together.
  s.by_bound.resize(m);
  for (size_t i = 0; i < m; ++i) s.by_bound[i] = static_cast<uint32_t>(i);
  std::sort(s.by_bound.begin(), s.by_bound.end(), [&](uint32_t a, uint32_t b) {
    return terms[a].upper_bound != terms[b].upper_bound ? terms[a].upper_bound < terms[b].upper_bound
                                                        : a < b;
  });
  s.prefix.resize(m);
  double run = 0;
  for (size_t i = 0; i < m; ++i) {
    run += static_cast<double>(terms[s.by_bound[i]].upper_bound) * kScale * kSlack;
    s.prefix[i] = run;
  }
  s.acc.assign(kWindow, 0);
  s.touched.assign(kWindow / 64, 0);
  // Terms [0, essential) are non-essential: together they cannot lift a
  // document above the k-th best score, so only the others propose candidates.
  size_t essential = 0;
  auto full = [&] { return s.heap.size() == k; };
  while (true) {
    uint32_t first = kEnd;
    for (size_t i = essential; i < m; ++i) first = std::min(first, Current(terms[s.by_bound[i]]));
    if (first == kEnd) break;
    const uint32_t base = first & ~(kWindow - 1);
    const uint64_t end = static_cast<uint64_t>(base) + kWindow;
    // The essential terms' postings in [base, end) into the accumulators.
    for (size_t i = essential; i < m; ++i) {
      TermCursor& c = terms[s.by_bound[i]];
      for (; c.pos < c.size && c.postings[c.pos].doc < end; ++c.pos) {
        uint32_t off = c.postings[c.pos].doc - base;
        s.acc[off] += Quantize(c.Score(c.pos));
        s.touched[off >> 6] |= uint64_t{1} << (off & 63);
      }
    }
    // The window's candidates in document order; the non-essential terms are
    // probed strongest first while the document can still make the top k.
    for (uint32_t w = 0; w < kWindow / 64; ++w) {
      for (uint64_t bits = s.touched[w]; bits != 0; bits &= bits - 1) {
        uint32_t off = w * 64 + static_cast<uint32_t>(__builtin_ctzll(bits));
        uint32_t doc = base + off;
        int64_t score = s.acc[off];
        s.acc[off] = 0;
        bool hopeless = false;
        for (size_t i = essential; i-- > 0;) {
          if (prune && full() &&
              static_cast<double>(score) + s.prefix[i] < static_cast<double>(s.heap.front().first)) {
            hopeless = true;
            break;
          }
          TermCursor& c = terms[s.by_bound[i]];
          SeekTo(c, doc);
          if (Current(c) == doc) score += Quantize(c.Score(c.pos++));
        }
        if (hopeless || score <= 0) continue;
        Scored entry{score, doc};
        if (full() && !Better(entry, s.heap.front())) continue;
        if (allowed && !allowed(doc)) continue;
        if (full()) {
          std::pop_heap(s.heap.begin(), s.heap.end(), Better);
          s.heap.back() = entry;
        } else {
          s.heap.push_back(entry);
        }
        std::push_heap(s.heap.begin(), s.heap.end(), Better);
      }
      s.touched[w] = 0;
    }
    if (prune && full()) {
      double threshold = static_cast<double>(s.heap.front().first);
      while (essential < m && s.prefix[essential] < threshold) ++essential;
    }
  }
  std::sort(s.heap.begin(), s.heap.end(), Better);
  out.reserve(s.heap.size());
  for (const auto& [score, doc] : s.heap) out.emplace_back(doc, Dequantize(score));
}

std::vector<int64_t> ScoreEveryDocument(const std::vector<TermCursor>& terms, size_t n_docs) {
  std::vector<int64_t> scores(n_docs, 0);
  for (const TermCursor& c : terms) {
    for (size_t i = 0; i < c.size; ++i) scores[c.postings[i].doc] += Quantize(c.Score(i));
  }
  return scores;
}

}  // namespace lianxin::kb
