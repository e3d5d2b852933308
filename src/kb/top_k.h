// Top-k retrieval over doc-ordered posting lists with MaxScore dynamic pruning
// (Turtle & Flood): query terms are ordered by their score upper bound; once the
// k-th best score exceeds the summed bounds of the weakest terms, those terms
// stop proposing candidates and are only probed (galloping search) for documents
// that can still enter the top k. The proposing ("essential") terms are scored
// a window of documents at a time into an accumulator array (as Lucene's
// BooleanScorer does), so the cost follows their postings, not documents x terms.
// Contributions are summed in fixed point (Quantize), which makes a document's
// score independent of summation order: the result is exactly the top k of
// exhaustive scoring (ScoreEveryDocument).
// Internal to kb. A TermCursor borrows the index it came from (valid until the
// index changes); a TopKScratch is reused between queries by one thread at a
// time. Nothing here fails or throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace lianxin::kb {

// One document holding a term, `tf` times. Posting lists are sorted by doc.
struct Posting {
  uint32_t doc;
  uint32_t tf;
};

// A query term's posting list with how to score one of its postings.
struct TermCursor {
  enum class Kind { kTfidf, kBm25 };
  Kind kind = Kind::kTfidf;
  const Posting* postings = nullptr;
  size_t size = 0;
  size_t pos = 0;            // the cursor: postings[pos] is the current document
  float weight = 0;          // kTfidf: weight * idf^2; kBm25: weight * idf
  float upper_bound = 0;     // no posting of the term contributes more
  float select = 0;          // query weight x idf: the key of SelectTerms
  const float* norms = nullptr;        // kTfidf: document tf-idf norms
  const uint32_t* doc_lens = nullptr;  // kBm25: document lengths
  float k1 = 0, one_minus_b = 0, b_over_avg = 0;  // kBm25 parameters

  // The contribution of postings[i] (TF-IDF: weight * (1 + ln tf) / norm;
  // BM25: weight * tf (k1 + 1) / (tf + k1 (1 - b + b len / avglen))).
  float Score(size_t i) const;
};

// 1 + ln(tf), as the TF-IDF scorers weigh a term frequency (tabled for small tf).
float SublinearTf(uint32_t tf);

// A contribution in fixed point (2^-32 units, truncated) and back: sums of
// quantised contributions are exact, whatever the order of addition.
int64_t Quantize(float contribution);
float Dequantize(int64_t sum);

// Query-term selection: keeps the `k` cursors of `terms` with the largest
// `select` key (ties: the earlier cursor), in their original order; k == 0 or
// k >= terms.size() keeps every cursor. Retrieval over the kept cursors is then
// an exact top k of the reduced query, not of the full one.
void SelectTerms(std::vector<TermCursor>& terms, size_t k);

// Reusable buffers of RetrieveTopK (one per thread; avoids allocating per query).
struct TopKScratch {
  std::vector<uint32_t> by_bound;
  std::vector<double> prefix;
  std::vector<std::pair<int64_t, uint32_t>> heap;
  std::vector<int64_t> acc;
  std::vector<uint64_t> touched;
};

// The `k` best documents by the sum of their terms' quantised contributions,
// best first (ties: lower document number first), as (document, Dequantize(sum));
// skips sums <= 0 and documents for which `allowed` (if set) returns false;
// `allowed` is called only for documents that would enter the top k. With
// `prune` false every posting is scored. Moves the cursors of `terms`.
void RetrieveTopK(std::vector<TermCursor>& terms, size_t k,
                  const std::function<bool(uint32_t)>& allowed, TopKScratch& scratch,
                  std::vector<std::pair<uint32_t, float>>& out, bool prune = true);

// The exhaustive reference: each document's sum of quantised contributions
// (`n_docs` elements). Does not move the cursors.
std::vector<int64_t> ScoreEveryDocument(const std::vector<TermCursor>& terms, size_t n_docs);

}  // namespace lianxin::kb
