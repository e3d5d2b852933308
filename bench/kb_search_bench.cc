// kb_search (issue 5): knowledge-base search latency over 100,000 entries, single
// thread, our index (kb::Searcher: MaxScore-pruned top-k over the inverted
// indexes + LSA re-ranking of the candidates) against, over the same queries in
// the same run, (a) the same Searcher scoring every posting of the same
// selected query terms (RankParams::exhaustive; its hits must equal ours),
// (b) the same Searcher over every query term (RankParams::max_terms 0, the
// search before query-term selection): its CPU time, and overlap@10 = the share
// of its top 10 that ours also returns, and (c) a brute-force scan that scores
// every entry's term vector with the same TF-IDF weights. Wall time and thread
// CPU time (CLOCK_THREAD_CPUTIME_ID, not inflated by other processes) per query,
// the index build's wall and CPU time, and the retrieval quality of the same
// code on the real data (`lianxin kb eval`: MRR@10 ours vs. BM25 vs. TF-IDF).
//
// The entries are synthesised from the real official replies: entry i starts
// from reply i mod R and each of its sentences is, with probability 0.3, swapped
// for a random sentence of another reply (seeded), so vocabulary and lengths stay
// those of real replies while no two entries are equal. Its question form is the
// title of the request the reply answered. Queries: request titles (what a
// call-taker types) and full title + body (a whole web message).
//
//   build-bench/bench/kb_search_bench --data messages_with_replies.jsonl [--entries 100000]
//                                     [--no-eval] [--brute N] [--candidates N] [--max-terms K]
//                                     [--sweep K1,K2,...]   (title+body CPU and overlap per K)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "kb/eval.h"
#include "kb/searcher.h"

using namespace lianxin;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::vector<std::string> SplitSentences(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    cur += text[i];
    // "。" is E3 80 82
    if (i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xE3 &&
        static_cast<unsigned char>(text[i - 1]) == 0x80 && static_cast<unsigned char>(text[i]) == 0x82) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// The share of `reference`'s top 10 that `hits`' top 10 holds (1 when both are empty).
double Overlap10(const std::vector<kb::Hit>& hits, const std::vector<kb::Hit>& reference) {
  size_t top = std::min<size_t>(10, reference.size()), shared = 0;
  for (size_t h = 0; h < top; ++h) {
    for (size_t g = 0; g < std::min<size_t>(10, hits.size()); ++g) {
      if (hits[g].entry_id == reference[h].entry_id) ++shared;
    }
  }
  if (top == 0) return hits.empty() ? 1.0 : 0.0;
  return static_cast<double>(shared) / static_cast<double>(top);
}

std::string LoadAvg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  size_t n_entries = 100000;
  size_t brute_max = 100;  // queries per set also run through the brute-force scan
  bool eval = true;
  kb::RankParams params;  // what Search uses by default, unless --candidates N
  std::vector<size_t> sweep;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-eval") == 0) eval = false;
    else if (i + 1 >= argc) break;
    else if (std::strcmp(argv[i], "--data") == 0) data = argv[++i];
    else if (std::strcmp(argv[i], "--entries") == 0) n_entries = std::stoul(argv[++i]);
    else if (std::strcmp(argv[i], "--brute") == 0) brute_max = std::stoul(argv[++i]);
    else if (std::strcmp(argv[i], "--candidates") == 0) params.candidates = std::stoul(argv[++i]);
    else if (std::strcmp(argv[i], "--max-terms") == 0) params.max_terms = std::stoul(argv[++i]);
    else if (std::strcmp(argv[i], "--sweep") == 0) {
      std::stringstream list(argv[++i]);
      for (std::string k; std::getline(list, k, ',');) sweep.push_back(std::stoul(k));
    }
  }
  if (data.empty()) {
    std::fprintf(stderr,
                 "usage: kb_search_bench --data messages_with_replies.jsonl [--entries N] [--no-eval] "
                 "[--brute N] [--candidates N] [--max-terms K] [--sweep K1,K2,...]\n");
    return 2;
  }
  auto pairs = kb::ReadReplyPairs(data);
  if (!pairs.ok()) {
    std::fprintf(stderr, "%s\n", pairs.status().ToString().c_str());
    return 1;
  }
  auto segmenter = text::LoadJiebaSegmenter({});
  if (!segmenter.ok()) {
    std::fprintf(stderr, "%s\n", segmenter.status().ToString().c_str());
    return 1;
  }
  std::vector<std::vector<std::string>> sentences;
  for (const auto& p : *pairs) sentences.push_back(SplitSentences(p.reply));
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> coin(0, 1);
  std::vector<KbEntry> entries(n_entries);
  size_t r = pairs->size();
  for (size_t i = 0; i < n_entries; ++i) {
    const auto& base = sentences[i % r];
    std::string answer;
    for (const std::string& s : base) {
      if (coin(rng) < 0.3) {
        const auto& other = sentences[rng() % r];
        answer += other.empty() ? s : other[rng() % other.size()];
      } else {
        answer += s;
      }
    }
    entries[i].id = static_cast<int64_t>(i + 1);
    entries[i].version = 1;
    entries[i].status = KbEntryStatus::kPublished;
    entries[i].questions = {(*pairs)[i % r].title};
    entries[i].answer = answer;
  }
  auto t0 = SteadyClock::now();
  double cpu0 = ThreadCpuMs();
  auto searcher = kb::Searcher::Build(**segmenter, entries);
  if (!searcher.ok()) {
    std::fprintf(stderr, "%s\n", searcher.status().ToString().c_str());
    return 1;
  }
  double build_s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  double build_cpu_s = (ThreadCpuMs() - cpu0) / 1e3;

  // Brute force: every entry's tf map, scored in full for each query.
  const kb::Analyzer& analyzer = (*searcher)->analyzer();
  std::vector<std::unordered_map<std::string, int>> doc_tf(n_entries);
  std::unordered_map<std::string, int> df;
  for (size_t i = 0; i < n_entries && brute_max > 0; ++i) {
    for (const std::string& w : analyzer.Words(kb::EntryText(entries[i]))) ++doc_tf[i][w];
    for (const auto& [w, c] : doc_tf[i]) ++df[w];
  }
  auto brute = [&](const std::string& q) {
    std::vector<std::string> words = analyzer.Words(q);
    std::unordered_map<std::string, double> qw;
    for (const auto& w : words) {
      auto it = df.find(w);
      if (it != df.end()) qw[w] = std::log(static_cast<double>(n_entries) / it->second);
    }
    std::vector<float> scores(n_entries, 0);
    for (size_t d = 0; d < n_entries; ++d) {
      double s = 0;
      for (const auto& [w, idf] : qw) {
        auto it = doc_tf[d].find(w);
        if (it != doc_tf[d].end()) s += idf * idf * (1 + std::log(it->second));
      }
      scores[d] = static_cast<float>(s);
    }
    return kb::TopK(scores, 10);
  };

  struct Set {
    const char* name;
    std::vector<std::string> queries;
  };
  Set titles{"title", {}}, full{"title+body", {}};
  for (size_t i = 0; i < pairs->size(); i += 2) titles.queries.push_back((*pairs)[i].title);
  for (size_t i = 1; i < pairs->size() && full.queries.size() < 500; i += 5) {
    full.queries.push_back((*pairs)[i].title + "\n" + (*pairs)[i].body);
  }
  std::printf("entries %zu (synthesised from %zu replies), index build %.1f s wall, %.1f s CPU, "
              "load average %s; LSA re-ranks %zu candidates; query terms kept %zu (0 = all)\n",
              n_entries, r, build_s, build_cpu_s, LoadAvg().c_str(), params.candidates,
              params.max_terms);
  std::printf("%-11s %5s %8s %8s %8s %8s %8s | %9s %9s %6s %7s | %8s %8s %6s %7s | %9s %6s\n",
              "queries", "n", "p50 ms", "p99 ms", "max ms", "cpu p50", "cpu p99", "exh p50",
              "exh p99", "ratio", "differ", "full c50", "full c99", "ratio", "ovl@10", "brute p50",
              "ratio");
  size_t sink = 0;  // keeps the work observable
  size_t differ_total = 0;
  kb::RankParams exhaustive = params;
  exhaustive.exhaustive = true;
  kb::RankParams all_terms = params;
  all_terms.max_terms = 0;
  for (Set* set : {&titles, &full}) {
    std::vector<double> ours, cpu, exh, scan, full_cpu;
    double overlap = 0;
    size_t brute_n = std::min(set->queries.size(), brute_max);
    size_t differ = 0;
    for (size_t i = 0; i < set->queries.size(); ++i) {
      kb::Query q;
      q.title = set->queries[i];
      auto a = SteadyClock::now();
      double c = ThreadCpuMs();
      std::vector<kb::Hit> hits = (*searcher)->Search(q, params);
      cpu.push_back(ThreadCpuMs() - c);
      ours.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - a).count());
      sink += hits.size();
      a = SteadyClock::now();
      std::vector<kb::Hit> want = (*searcher)->Search(q, exhaustive);
      exh.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - a).count());
      bool same = hits.size() == want.size();
      for (size_t h = 0; same && h < hits.size(); ++h) {
        same = hits[h].entry_id == want[h].entry_id && hits[h].score == want[h].score;
      }
      if (!same) ++differ;
      c = ThreadCpuMs();
      std::vector<kb::Hit> full_hits = (*searcher)->Search(q, all_terms);
      full_cpu.push_back(ThreadCpuMs() - c);
      overlap += Overlap10(hits, full_hits);
      if (i < brute_n) {
        a = SteadyClock::now();
        auto top = brute(set->queries[i]);
        scan.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - a).count());
        sink += top.size();
      }
    }
    differ_total += differ;
    double p50 = Percentile(ours, 0.5), p99 = Percentile(ours, 0.99);
    double e50 = Percentile(exh, 0.5), e99 = Percentile(exh, 0.99);
    double b50 = scan.empty() ? 0 : Percentile(scan, 0.5);
    double c50 = Percentile(cpu, 0.5), f50 = Percentile(full_cpu, 0.5);
    std::printf(
        "%-11s %5zu %8.3f %8.3f %8.3f %8.3f %8.3f | %9.3f %9.3f %5.1fx %7zu | %8.3f %8.3f %5.1fx %7.3f "
        "| %9.1f %5.0fx\n",
        set->name, ours.size(), p50, p99, *std::max_element(ours.begin(), ours.end()), c50,
        Percentile(cpu, 0.99), e50, e99, e50 / p50, differ, f50, Percentile(full_cpu, 0.99),
        f50 / c50, overlap / static_cast<double>(set->queries.size()), b50, b50 / p50);
  }
  std::printf("columns: ours wall (p50/p99/max) and thread CPU time; exh = the same Searcher scoring "
              "every posting of the same selected terms, differ = queries whose hits (ids, scores) "
              "differ from it; full = the same Searcher over every query term (max_terms 0): thread "
              "CPU p50/p99, its p50 / ours, ovl@10 = mean share of its top 10 in ours; brute = full "
              "scan of every entry's terms (first %zu queries of each set)\n",
              brute_max);
  if (!sweep.empty()) {
    // Query terms kept vs. speed and agreement with the full query, title + body.
    std::printf("title+body by query terms kept: K cpu_p50 cpu_p99 ovl@10 (vs. all terms, same run)\n");
    std::vector<std::vector<kb::Hit>> reference;
    for (const std::string& text : full.queries) {
      kb::Query q;
      q.title = text;
      reference.push_back((*searcher)->Search(q, all_terms));
    }
    for (size_t k : sweep) {
      kb::RankParams p = params;
      p.max_terms = k;
      std::vector<double> cpu;
      double overlap = 0;
      for (size_t i = 0; i < full.queries.size(); ++i) {
        kb::Query q;
        q.title = full.queries[i];
        double c = ThreadCpuMs();
        std::vector<kb::Hit> hits = (*searcher)->Search(q, p);
        cpu.push_back(ThreadCpuMs() - c);
        overlap += Overlap10(hits, reference[i]);
      }
      std::printf("  K %4zu  %8.3f %8.3f  %6.3f\n", k, Percentile(cpu, 0.5), Percentile(cpu, 0.99),
                  overlap / static_cast<double>(full.queries.size()));
    }
  }
  std::printf("load average after queries: %s (results seen: %zu)\n", LoadAvg().c_str(), sink);
  if (eval) {
    kb::EvalOptions options;
    options.candidates = params.candidates;
    auto report = kb::EvaluateRetrieval(**segmenter, *pairs, options);
    if (!report.ok()) {
      std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
      return 1;
    }
    std::printf("quality (lianxin kb eval, same code, %zu real requests vs. their %zu replies, %zu-fold):",
                report->queries, report->entries, report->methods[0].folds.size());
    for (const auto& m : report->methods) {
      std::printf(" %s MRR@10 %.3f±%.3f;", m.name.c_str(), m.mean.mrr_at_10, m.sd.mrr_at_10);
    }
    std::printf(" ours - bm25 = %+.1f points; query terms kept per fold:",
                100 * (report->methods[0].mean.mrr_at_10 - report->methods[1].mean.mrr_at_10));
    for (const kb::RankParams& p : report->chosen) std::printf(" %zu", p.max_terms);
    std::printf(" (0 = all); training-fold MRR@10 by K:");
    for (const auto& fold : report->max_terms_trials) {
      std::printf(" (");
      for (size_t i = 0; i < fold.size(); ++i) std::printf("%s%zu %.4f", i ? ", " : "", fold[i].first, fold[i].second);
      std::printf(")");
    }
    std::printf("\n");
  }
  return differ_total == 0 ? 0 : 1;
}
