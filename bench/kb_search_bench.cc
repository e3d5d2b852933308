// kb_search (issue 5): knowledge-base search latency over 100,000 entries, single
// thread, our index (kb::Searcher: inverted index + LSA re-ranking of 100
// candidates) against a brute-force scan that scores every entry's term vector
// with the same TF-IDF weights, over the same queries in the same run.
//
// The entries are synthesised from the real official replies: entry i starts
// from reply i mod R and each of its sentences is, with probability 0.3, swapped
// for a random sentence of another reply (seeded), so vocabulary and lengths stay
// those of real replies while no two entries are equal. Its question form is the
// title of the request the reply answered. Queries: request titles (what a
// call-taker types) and full title + body (a whole web message).
//
//   build-bench/bench/kb_search_bench --data messages_with_replies.jsonl [--entries 100000]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
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
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--data") == 0) data = argv[i + 1];
    else if (std::strcmp(argv[i], "--entries") == 0) n_entries = std::stoul(argv[i + 1]);
  }
  if (data.empty()) {
    std::fprintf(stderr, "usage: kb_search_bench --data messages_with_replies.jsonl [--entries N]\n");
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
  auto searcher = kb::Searcher::Build(**segmenter, entries);
  if (!searcher.ok()) {
    std::fprintf(stderr, "%s\n", searcher.status().ToString().c_str());
    return 1;
  }
  double build_s = std::chrono::duration<double>(SteadyClock::now() - t0).count();

  // Brute force: every entry's tf map, scored in full for each query.
  const kb::Analyzer& analyzer = (*searcher)->analyzer();
  std::vector<std::unordered_map<std::string, int>> doc_tf(n_entries);
  std::unordered_map<std::string, int> df;
  for (size_t i = 0; i < n_entries; ++i) {
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
  std::printf("entries %zu (synthesised from %zu replies), index build %.1f s, load average %s\n",
              n_entries, r, build_s, LoadAvg().c_str());
  std::printf("%-11s %7s %9s %9s %9s %12s %12s %7s\n", "queries", "n", "p50 ms", "p99 ms", "max ms",
              "brute p50", "brute p99", "ratio");
  size_t sink = 0;  // keeps the work observable
  for (Set* set : {&titles, &full}) {
    std::vector<double> ours, scan;
    size_t brute_n = std::min<size_t>(set->queries.size(), 100);
    for (size_t i = 0; i < set->queries.size(); ++i) {
      kb::Query q;
      q.title = set->queries[i];
      auto a = SteadyClock::now();
      sink += (*searcher)->Search(q).size();
      ours.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - a).count());
      if (i < brute_n) {
        a = SteadyClock::now();
        auto top = brute(set->queries[i]);
        scan.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - a).count());
        sink += top.size();
      }
    }
    double p50 = Percentile(ours, 0.5), p99 = Percentile(ours, 0.99);
    double b50 = Percentile(scan, 0.5), b99 = Percentile(scan, 0.99);
    std::printf("%-11s %7zu %9.3f %9.3f %9.3f %12.3f %12.3f %6.1fx\n", set->name, ours.size(), p50, p99,
                *std::max_element(ours.begin(), ours.end()), b50, b99, b50 / p50);
  }
  std::printf("load average after: %s (results seen: %zu)\n", LoadAvg().c_str(), sink);
  return 0;
}
