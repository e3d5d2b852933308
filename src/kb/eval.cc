#include "kb/eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "core/utf8.h"

namespace lianxin::kb {

namespace {

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// Rank (1-based) of the first hit whose group is `want`, 0 when not in the list.
int RankOf(const std::vector<int64_t>& ranked_groups, int64_t want) {
  for (size_t i = 0; i < ranked_groups.size(); ++i) {
    if (ranked_groups[i] == want) return static_cast<int>(i + 1);
  }
  return 0;
}

struct Acc {
  double r1 = 0, r10 = 0, mrr = 0;
  size_t n = 0;
  void Add(int rank) {
    ++n;
    if (rank == 1) r1 += 1;
    if (rank >= 1 && rank <= 10) {
      r10 += 1;
      mrr += 1.0 / rank;
    }
  }
  RetrievalMetrics Get() const {
    RetrievalMetrics m;
    if (n == 0) return m;
    m.recall_at_1 = r1 / n;
    m.recall_at_10 = r10 / n;
    m.mrr_at_10 = mrr / n;
    return m;
  }
};

void Summarise(MethodReport& r) {
  size_t k = r.folds.size();
  auto field = [&](auto get, double& mean, double& sd) {
    double s = 0;
    for (const auto& f : r.folds) s += get(f);
    mean = s / k;
    double v = 0;
    for (const auto& f : r.folds) v += (get(f) - mean) * (get(f) - mean);
    sd = k > 1 ? std::sqrt(v / (k - 1)) : 0;
  };
  field([](const RetrievalMetrics& m) { return m.recall_at_1; }, r.mean.recall_at_1, r.sd.recall_at_1);
  field([](const RetrievalMetrics& m) { return m.recall_at_10; }, r.mean.recall_at_10, r.sd.recall_at_10);
  field([](const RetrievalMetrics& m) { return m.mrr_at_10; }, r.mean.mrr_at_10, r.sd.mrr_at_10);
}

// Candidate lists of one (title_weight, bigram_weight) setting, per query.
struct Candidates {
  RankParams params;
  std::vector<std::vector<Hit>> per_query;
};

std::vector<int64_t> Rerank(const std::vector<Hit>& hits, const RankParams& p,
                            const std::vector<int64_t>& group_of_entry) {
  std::vector<std::pair<float, size_t>> order;
  order.reserve(hits.size());
  for (size_t i = 0; i < hits.size(); ++i) {
    order.emplace_back(Searcher::Fuse(hits[i].lexical, hits[i].max_lexical, hits[i].semantic, p), i);
  }
  size_t top = std::min<size_t>(10, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(top), order.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<int64_t> groups;
  for (size_t i = 0; i < top; ++i) {
    groups.push_back(group_of_entry[static_cast<size_t>(hits[order[i].second].entry_id - 1)]);
  }
  return groups;
}

}  // namespace

Result<std::vector<ReplyPair>> ReadReplyPairs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("无法打开 " + path);
  std::vector<ReplyPair> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto where = [&] { return path + ":" + std::to_string(line_no) + ": "; };
    if (!IsValidUtf8(line)) return Status::InvalidArgument(where() + "不是有效的 UTF-8");
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument(where() + "不是 JSON 对象");
    ReplyPair p{Str(j, "title"), Str(j, "body"), Str(j, "reply")};
    if (p.reply.empty()) return Status::InvalidArgument(where() + "缺少 reply");
    if (p.title.empty() && p.body.empty()) return Status::InvalidArgument(where() + "缺少 title 和 body");
    out.push_back(std::move(p));
  }
  if (out.empty()) return Status::InvalidArgument(path + ": 没有数据");
  return out;
}

Result<EvalReport> EvaluateRetrieval(const text::Segmenter& segmenter,
                                     const std::vector<ReplyPair>& pairs,
                                     const EvalOptions& options) {
  auto started = std::chrono::steady_clock::now();
  if (options.folds < 2) return Status::InvalidArgument("--folds 至少为 2");
  if (pairs.size() < static_cast<size_t>(options.folds)) {
    return Status::InvalidArgument("数据条数少于折数");
  }
  size_t n = pairs.size();
  // Identical replies form one group.
  std::map<std::string, int64_t> group_ids;
  std::vector<int64_t> group(n);
  for (size_t i = 0; i < n; ++i) {
    group[i] = group_ids.emplace(pairs[i].reply, static_cast<int64_t>(group_ids.size())).first->second;
  }
  std::vector<KbEntry> entries(n);
  for (size_t i = 0; i < n; ++i) {
    entries[i].id = static_cast<int64_t>(i + 1);
    entries[i].version = 1;
    entries[i].status = KbEntryStatus::kPublished;
    entries[i].answer = pairs[i].reply;
  }
  LX_ASSIGN_OR_RETURN(std::unique_ptr<Searcher> searcher, Searcher::Build(segmenter, entries, options.lsa));

  // Folds: a seeded shuffle, then round robin.
  std::vector<int> fold(n);
  std::vector<size_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::shuffle(perm.begin(), perm.end(), rng);
  for (size_t i = 0; i < n; ++i) fold[perm[i]] = static_cast<int>(i % options.folds);

  // Baselines: ranks per query.
  std::vector<int> bm25_rank(n), tfidf_rank(n);
  RankParams plain;
  plain.lexical = RankParams::Lexical::kBm25;
  plain.title_weight = 1;
  plain.bigram_weight = 0;
  plain.char_weight = 0;
  plain.vector_weight = 0;
  plain.candidates = 10;
  plain.max_terms = 0;  // every query word, as plain BM25 does
  InvertedIndex tfidf;
  for (const ReplyPair& p : pairs) tfidf.Add(searcher->analyzer().Words(p.reply));
  tfidf.Finish();
  std::vector<float> scores(n);
  for (size_t q = 0; q < n; ++q) {
    Query query;
    query.body = pairs[q].title + "\n" + pairs[q].body;
    query.limit = 10;
    query.with_snippets = false;
    std::vector<int64_t> groups;
    for (const Hit& h : searcher->Search(query, plain)) groups.push_back(group[h.entry_id - 1]);
    bm25_rank[q] = RankOf(groups, group[q]);
    tfidf.ScoreTfidfCosine(searcher->analyzer().Words(query.body), scores);
    groups.clear();
    for (const auto& [doc, s] : TopK(scores, 10)) groups.push_back(group[doc]);
    tfidf_rank[q] = RankOf(groups, group[q]);
  }

  // Ours: candidates for each lexical setting, computed once (no labels used).
  auto candidates_of = [&](const RankParams& params) {
    Candidates c;
    c.params = params;
    c.per_query.resize(n);
    for (size_t q = 0; q < n; ++q) {
      Query query;
      query.title = pairs[q].title;
      query.body = pairs[q].body;
      query.limit = c.params.candidates;
      query.with_snippets = false;
      c.per_query[q] = searcher->Search(query, c.params);
    }
    return c;
  };
  std::vector<Candidates> grid;
  for (float cw : {0.0f, 0.5f, 1.0f})
  for (float tw : {1.0f, 2.0f}) {
    for (float bw : {0.5f, 1.0f}) {
      RankParams p;
      p.lexical = RankParams::Lexical::kTfidf;
      p.char_weight = cw;
      p.title_weight = tw;
      p.bigram_weight = bw;
      p.vector_weight = 0;
      p.candidates = options.candidates;
      p.max_terms = 0;
      grid.push_back(candidates_of(p));
    }
  }
  // Candidates of a grid setting with K query terms kept, made when a fold asks.
  std::map<std::pair<size_t, size_t>, Candidates> selected;
  const std::vector<float> vector_weights = {0.0f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
  // The best vector weight for `c` on the training folds of `f`: (MRR@10, params).
  auto best_vector_weight = [&](const Candidates& c, int f) {
    std::pair<double, RankParams> best{-1.0, c.params};
    for (float vw : vector_weights) {
      RankParams p = c.params;
      p.vector_weight = vw;
      Acc acc;
      for (size_t q = 0; q < n; ++q) {
        if (fold[q] == f) continue;
        acc.Add(RankOf(Rerank(c.per_query[q], p, group), group[q]));
      }
      double mrr = acc.Get().mrr_at_10;
      if (mrr > best.first + 1e-12) best = {mrr, p};
    }
    return best;
  };

  EvalReport report;
  report.queries = n;
  report.entries = searcher->size();
  MethodReport ours{"ours", {}, {}, {}}, bm25{"bm25", {}, {}, {}}, tfidf_peer{"tfidf_cosine", {}, {}, {}};
  for (int f = 0; f < options.folds; ++f) {
    // Pick the setting with the best MRR@10 on the other folds.
    double best = -1;
    RankParams chosen;
    const Candidates* chosen_grid = nullptr;
    size_t chosen_index = 0;
    for (size_t g = 0; g < grid.size(); ++g) {
      auto [mrr, p] = best_vector_weight(grid[g], f);
      if (mrr > best + 1e-12) {
        best = mrr;
        chosen = p;
        chosen_grid = &grid[g];
        chosen_index = g;
      }
    }
    // Then the number of query terms kept, for the chosen weights: the smallest
    // K within the tolerance of the best MRR@10 seen (all terms or any K).
    std::vector<std::pair<double, RankParams>> by_k;
    double best_any = best;
    for (size_t k : options.max_terms_grid) {
      auto it = selected.find({chosen_index, k});
      if (it == selected.end()) {
        RankParams p = grid[chosen_index].params;
        p.max_terms = k;
        it = selected.emplace(std::make_pair(chosen_index, k), candidates_of(p)).first;
      }
      by_k.push_back(best_vector_weight(it->second, f));
      best_any = std::max(best_any, by_k.back().first);
    }
    std::vector<std::pair<size_t, double>> trials = {{0, best}};
    for (size_t i = 0; i < by_k.size(); ++i) trials.emplace_back(options.max_terms_grid[i], by_k[i].first);
    report.max_terms_trials.push_back(std::move(trials));
    size_t best_k = 0;
    for (size_t i = 0; i < by_k.size(); ++i) {
      size_t k = options.max_terms_grid[i];
      if (by_k[i].first >= best_any - options.max_terms_tolerance && (best_k == 0 || k < best_k)) {
        best_k = k;
        chosen = by_k[i].second;
        chosen_grid = &selected.at({chosen_index, k});
      }
    }
    Acc a_ours, a_bm25, a_tfidf;
    for (size_t q = 0; q < n; ++q) {
      if (fold[q] != f) continue;
      a_ours.Add(RankOf(Rerank(chosen_grid->per_query[q], chosen, group), group[q]));
      a_bm25.Add(bm25_rank[q]);
      a_tfidf.Add(tfidf_rank[q]);
    }
    ours.folds.push_back(a_ours.Get());
    bm25.folds.push_back(a_bm25.Get());
    tfidf_peer.folds.push_back(a_tfidf.Get());
    report.chosen.push_back(chosen);
  }
  Summarise(ours);
  Summarise(bm25);
  Summarise(tfidf_peer);
  report.methods = {ours, bm25, tfidf_peer};
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace lianxin::kb
