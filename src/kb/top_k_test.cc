#include "kb/top_k.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "kb/inverted_index.h"

namespace lianxin::kb {
namespace {

// A random corpus with a skewed (Zipf-like) vocabulary, so some terms are in
// most documents and most terms in few: the shape that makes pruning matter.
struct RandomCorpus {
  std::vector<InvertedIndex> indexes;  // e.g. words, bigrams, characters
  std::vector<std::string> vocab;
  std::mt19937_64 rng;

  RandomCorpus(uint64_t seed, size_t n_indexes, size_t docs_before_finish, size_t docs_after)
      : indexes(n_indexes), rng(seed) {
    for (int i = 0; i < 300; ++i) vocab.push_back("t" + std::to_string(i));
    for (size_t d = 0; d < docs_before_finish; ++d) AddDoc();
    for (InvertedIndex& index : indexes) index.Finish();
    for (size_t d = 0; d < docs_after; ++d) AddDoc();  // as Searcher::Upsert does
  }
  std::string Term() {
    // Cubing a uniform draw favours low ranks: t0 is in most documents.
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return vocab[static_cast<size_t>(u * u * u * static_cast<double>(vocab.size()))];
  }
  void AddDoc() {
    for (InvertedIndex& index : indexes) {
      std::vector<std::string> terms;
      size_t len = 1 + rng() % 60;
      for (size_t i = 0; i < len; ++i) terms.push_back(Term());
      index.Add(terms);
    }
  }
  std::vector<WeightedTerm> Query() {
    std::vector<WeightedTerm> q;
    size_t n = 1 + rng() % 25;
    for (size_t i = 0; i < n; ++i) {
      float w = std::uniform_real_distribution<float>(0.2f, 2.0f)(rng);
      q.emplace_back(rng() % 10 == 0 ? "unknown" + std::to_string(i) : Term(), w);
    }
    std::sort(q.begin(), q.end());
    q.erase(std::unique(q.begin(), q.end(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }),
            q.end());
    return q;
  }
};

enum class Scoring { kTfidf, kBm25 };

// The plain definition of the top k: every document's exhaustive score, sorted.
std::vector<std::pair<uint32_t, float>> ReferenceTopK(const std::vector<int64_t>& scores, size_t k,
                                                      const std::vector<uint8_t>& allowed) {
  std::vector<std::pair<int64_t, uint32_t>> all;
  for (uint32_t d = 0; d < scores.size(); ++d) {
    if (scores[d] > 0 && (allowed.empty() || allowed[d])) all.emplace_back(scores[d], d);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (all.size() > k) all.resize(k);
  std::vector<std::pair<uint32_t, float>> out;
  for (const auto& [score, doc] : all) out.emplace_back(doc, Dequantize(score));
  return out;
}

// Runs random queries through exhaustive scoring and through RetrieveTopK
// (pruned and not), and requires the same documents with the same scores.
void ExpectPrunedEqualsExhaustive(uint64_t seed, Scoring scoring, size_t docs_after) {
  RandomCorpus corpus(seed, 3, 9000, docs_after);  // several windows of 4,096
  size_t n = corpus.indexes[0].size();
  Bm25Params bm25;
  TopKScratch scratch;
  for (int round = 0; round < 40; ++round) {
    std::vector<TermCursor> cursors;
    for (const InvertedIndex& index : corpus.indexes) {
      if (scoring == Scoring::kTfidf) {
        index.TfidfCursors(corpus.Query(), cursors);
      } else {
        index.Bm25Cursors(corpus.Query(), bm25, cursors);
      }
    }
    std::vector<int64_t> scores = ScoreEveryDocument(cursors, n);
    std::vector<uint8_t> allowed;
    if (round % 3 == 2) {
      for (size_t d = 0; d < n; ++d) allowed.push_back(corpus.rng() % 4 != 0);
    }
    std::function<bool(uint32_t)> filter;
    if (!allowed.empty()) filter = [&](uint32_t d) { return allowed[d] != 0; };
    for (size_t k : {1, 3, 10, 100, 5000}) {
      auto want = ReferenceTopK(scores, k, allowed);
      for (bool prune : {true, false}) {
        std::vector<TermCursor> run = cursors;  // fresh cursors for each run
        std::vector<std::pair<uint32_t, float>> got;
        RetrieveTopK(run, k, filter, scratch, got, prune);
        ASSERT_EQ(got.size(), want.size()) << "seed " << seed << " round " << round << " k " << k;
        for (size_t i = 0; i < want.size(); ++i) {
          ASSERT_EQ(got[i].first, want[i].first) << "round " << round << " k " << k << " rank " << i;
          ASSERT_EQ(got[i].second, want[i].second) << "round " << round << " k " << k << " rank " << i;
        }
      }
    }
  }
}

TEST(TopK, PrunedTfidfEqualsExhaustiveOnRandomCorpora) {
  ExpectPrunedEqualsExhaustive(1, Scoring::kTfidf, 0);
  ExpectPrunedEqualsExhaustive(2, Scoring::kTfidf, 400);
}

TEST(TopK, PrunedBm25EqualsExhaustiveOnRandomCorpora) {
  ExpectPrunedEqualsExhaustive(3, Scoring::kBm25, 0);
  ExpectPrunedEqualsExhaustive(4, Scoring::kBm25, 400);
}

TEST(TopK, SelectTermsKeepsTheLargestKeysInTheirOrder) {
  std::vector<TermCursor> terms(5);
  const float keys[] = {0.5f, 3.0f, 1.0f, 3.0f, 0.1f};
  for (size_t i = 0; i < terms.size(); ++i) {
    terms[i].select = keys[i];
    terms[i].size = i;  // identifies the cursor
  }
  for (size_t k : {0, 5, 9}) {  // 0 or k >= the number of terms: all kept, unchanged
    std::vector<TermCursor> run = terms;
    SelectTerms(run, k);
    ASSERT_EQ(run.size(), terms.size());
    for (size_t i = 0; i < run.size(); ++i) EXPECT_EQ(run[i].size, i);
  }
  std::vector<TermCursor> run = terms;
  SelectTerms(run, 3);
  ASSERT_EQ(run.size(), 3u);
  EXPECT_EQ(run[0].size, 1u);
  EXPECT_EQ(run[1].size, 2u);
  EXPECT_EQ(run[2].size, 3u);
  run = terms;
  SelectTerms(run, 1);  // a tie (3.0 twice): the earlier cursor
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].size, 1u);
}

// Long queries keep only their K strongest terms: the pruned retrieval over
// those terms must still be exactly the top k of exhaustive scoring over them.
TEST(TopK, PrunedOverSelectedTermsEqualsExhaustiveOverThem) {
  RandomCorpus corpus(6, 3, 9000, 200);
  size_t n = corpus.indexes[0].size();
  TopKScratch scratch;
  size_t reduced = 0;
  for (int round = 0; round < 30; ++round) {
    std::vector<TermCursor> cursors;
    for (const InvertedIndex& index : corpus.indexes) {
      if (round % 2) index.Bm25Cursors(corpus.Query(), {}, cursors);
      else index.TfidfCursors(corpus.Query(), cursors);
    }
    const size_t before = cursors.size();
    size_t k_terms = 1 + static_cast<size_t>(round) % 12;
    SelectTerms(cursors, k_terms);
    ASSERT_EQ(cursors.size(), std::min(before, k_terms));
    if (cursors.size() < before) ++reduced;
    std::vector<int64_t> scores = ScoreEveryDocument(cursors, n);
    for (size_t k : {1, 10, 100}) {
      auto want = ReferenceTopK(scores, k, {});
      std::vector<TermCursor> run = cursors;
      std::vector<std::pair<uint32_t, float>> got;
      RetrieveTopK(run, k, {}, scratch, got, true);
      ASSERT_EQ(got, want) << "round " << round << " k " << k;
    }
  }
  EXPECT_GT(reduced, 20u);  // most rounds really dropped terms
}

TEST(TopK, BoundsHoldForEveryPosting) {
  RandomCorpus corpus(5, 1, 2000, 300);
  const InvertedIndex& index = corpus.indexes[0];
  std::vector<WeightedTerm> all;
  for (const std::string& t : corpus.vocab) all.emplace_back(t, 1.5f);
  for (int kind = 0; kind < 2; ++kind) {
    std::vector<TermCursor> cursors;
    if (kind == 0) index.TfidfCursors(all, cursors);
    else index.Bm25Cursors(all, {}, cursors);
    ASSERT_FALSE(cursors.empty());
    for (const TermCursor& c : cursors) {
      float best = 0;
      for (size_t i = 0; i < c.size; ++i) best = std::max(best, c.Score(i));
      EXPECT_GE(c.upper_bound * 1.00001f, best);
      EXPECT_GT(best, 0.0f);
    }
  }
}

TEST(TopK, EmptyQueryOrZeroKGivesNothing) {
  TopKScratch scratch;
  std::vector<TermCursor> none;
  std::vector<std::pair<uint32_t, float>> out = {{1, 1.0f}};
  RetrieveTopK(none, 10, {}, scratch, out);
  EXPECT_TRUE(out.empty());
  InvertedIndex index;
  index.Add({"a", "b"});
  index.Finish();
  std::vector<TermCursor> cursors;
  index.Bm25Cursors({{"a", 1.0f}}, {}, cursors);
  RetrieveTopK(cursors, 0, {}, scratch, out);
  EXPECT_TRUE(out.empty());
}

TEST(TopK, QuantisedSumsAreOrderFreeAndClose) {
  std::vector<float> parts = {0.1f, 3.7f, 1e-3f, 12.25f, 0.333f};
  int64_t forward = 0, backward = 0;
  float plain = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    forward += Quantize(parts[i]);
    backward += Quantize(parts[parts.size() - 1 - i]);
    plain += parts[i];
  }
  EXPECT_EQ(forward, backward);
  EXPECT_NEAR(Dequantize(forward), plain, 1e-5f);
}

TEST(TopK, SublinearTfMatchesTheFormula) {
  for (uint32_t tf : {1u, 2u, 7u, 63u, 64u, 1000u}) {
    EXPECT_EQ(SublinearTf(tf), 1.0f + std::log(static_cast<float>(tf)));
  }
}

}  // namespace
}  // namespace lianxin::kb
