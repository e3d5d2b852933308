// An in-memory inverted index over term lists, scored by BM25 (Robertson /
// Lucene idf) or by TF-IDF cosine (the peer baseline of `lianxin kb eval`):
// exhaustively into a score per document, or as cursors with per-term score
// upper bounds for the pruned top-k retrieval of kb/top_k.h.
// Not thread-safe for writes: Add and Finish need exclusive access; the const
// scoring calls may run from many threads at once. Never fails.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kb/top_k.h"

namespace lianxin::kb {

struct Bm25Params {
  float k1 = 1.2f;
  float b = 0.75f;
};

// A query term and its weight (e.g. higher for words of the title).
using WeightedTerm = std::pair<std::string, float>;

class InvertedIndex {
 public:
  // Adds a document made of `terms` (repeats count as term frequency); returns
  // its number, 0, 1, 2, ... in order of addition.
  uint32_t Add(const std::vector<std::string>& terms);
  // Computes the TF-IDF document norms; call after the last Add and before
  // ScoreTfidfCosine or TfidfCursors (BM25 needs no Finish).
  void Finish();
  size_t size() const { return doc_len_.size(); }
  // Documents holding `term`.
  uint32_t DocFrequency(const std::string& term) const;
  // BM25 idf, log(1 + (N - df + 0.5) / (df + 0.5)); 0 for unknown terms.
  float Idf(const std::string& term) const;
  // Cosine of sublinear tf-idf vectors (1 + ln tf) * ln(N / df); the query's
  // terms counted as given. Overwrites `scores` (size() elements).
  void ScoreTfidfCosine(const std::vector<std::string>& query_terms,
                        std::vector<float>& scores) const;
  // Appends to `out` a cursor per term of `query` known to the index, for
  // RetrieveTopK / ScoreEveryDocument (kb/top_k.h). The cursors borrow the
  // index's postings: valid until the next Add.
  // BM25: weight * idf * tf (k1 + 1) / (tf + k1 (1 - b + b |d| / avg |d|)); needs 0 <= b.
  void Bm25Cursors(const std::vector<WeightedTerm>& query, const Bm25Params& params,
                   std::vector<TermCursor>& out) const;
  // The ranking of a TF-IDF cosine with weighted query terms: weight * idf *
  // (1 + ln tf) * idf / |d| (idf = ln(N / df), |d| the document's tf-idf norm).
  // Needs Finish (no cursors before it); documents added after it get their
  // norm from the statistics of the moment they were added.
  void TfidfCursors(const std::vector<WeightedTerm>& query, std::vector<TermCursor>& out) const;

 private:
  // Per term, what bounds any of its postings' scores.
  struct Bounds {
    uint32_t max_tf = 0;
    uint32_t min_len = UINT32_MAX;  // the shortest document holding the term
    float max_tfidf = 0;            // max of SublinearTf(tf) / norm (after Finish)
  };
  float Avgdl() const;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;
  std::vector<Bounds> bounds_;
  std::vector<uint32_t> doc_len_;
  uint64_t total_len_ = 0;
  std::vector<float> tfidf_norm_;
  std::vector<uint32_t> add_ids_;                     // Add's scratch
  std::vector<std::pair<uint32_t, uint32_t>> add_tf_;  // Add's scratch: (term id, tf)
};

// The `k` best documents by score, best first (ties: lower number first),
// skipping scores <= 0 and documents for which `allowed` (if not empty) is 0.
std::vector<std::pair<uint32_t, float>> TopK(const std::vector<float>& scores, size_t k,
                                             const std::vector<uint8_t>& allowed = {});

}  // namespace lianxin::kb
