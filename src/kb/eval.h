// Retrieval quality of the knowledge-base search, as `lianxin kb eval` reports
// it: each request's own official reply must be found among all replies of the
// file. Three rankers in one run over the same index: ours (Searcher with its
// RankParams, query-term selection included, chosen by k-fold cross-validation:
// fitted on the other folds' requests, scored on the held-out fold), plain BM25 over jieba words, and a
// TF-IDF cosine peer. Unsupervised parts (LSA) train on the indexed replies only.
// Functions block for the whole evaluation; no shared state.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "kb/searcher.h"
#include "text/text.h"

namespace lianxin::kb {

// One line of messages_with_replies.jsonl (title, body, reply).
struct ReplyPair {
  std::string title;
  std::string body;
  std::string reply;
};

// Reads JSONL lines with string fields title, body, reply. kNotFound if the file
// cannot be opened; kInvalidArgument naming the line for bad JSON or a line
// without reply or without title and body.
Result<std::vector<ReplyPair>> ReadReplyPairs(const std::string& path);

struct RetrievalMetrics {
  double recall_at_1 = 0;
  double recall_at_10 = 0;
  double mrr_at_10 = 0;
};

struct MethodReport {
  std::string name;                  // "ours", "bm25", "tfidf_cosine"
  RetrievalMetrics mean;             // mean over folds
  RetrievalMetrics sd;               // sample standard deviation over folds
  std::vector<RetrievalMetrics> folds;
};

struct EvalOptions {
  int folds = 5;
  uint64_t seed = 17;
  LsaOptions lsa;
  size_t candidates = RankParams{}.candidates;  // ours: lexical candidates re-ranked with LSA
  // Ours' query-term selection (RankParams::max_terms), chosen in each fold after
  // the weights: the smallest K of this grid whose MRR@10 on the training folds
  // is within max_terms_tolerance of the best (all terms or any K); none: 0 (all).
  std::vector<size_t> max_terms_grid = {16, 32, 64, 128};
  double max_terms_tolerance = 0.005;
};

struct EvalReport {
  size_t queries = 0;
  size_t entries = 0;                 // replies indexed
  std::vector<MethodReport> methods;  // ours first
  std::vector<RankParams> chosen;     // ours: the parameters picked in each fold
  // Ours, per fold: (K, MRR@10 on the training folds) for K = 0 (all terms)
  // and each K of max_terms_grid, for the weights chosen in that fold.
  std::vector<std::vector<std::pair<size_t, double>>> max_terms_trials;
  double seconds = 0;
};

// Evaluates on `pairs` (at least `folds` of them). A hit counts when its reply
// text equals the request's own (identical replies are indistinguishable).
Result<EvalReport> EvaluateRetrieval(const text::Segmenter& segmenter,
                                     const std::vector<ReplyPair>& pairs,
                                     const EvalOptions& options = {});

}  // namespace lianxin::kb
