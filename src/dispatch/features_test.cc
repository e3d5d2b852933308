#include "dispatch/features.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "dispatch/model.h"
#include "dispatch/test_data.h"
#include "dispatch/trainer.h"

namespace lianxin::dispatch {
namespace {

std::shared_ptr<const text::Segmenter> CharSegmenter() {
  return std::shared_ptr<const text::Segmenter>(text::NewCharSegmenter());
}

uint32_t Total(const std::vector<TermCounts::Term>& terms) {
  uint32_t n = 0;
  for (const auto& t : terms) n += t.count;
  return n;
}

TEST(FeatureExtractor, CountsNgramsPerBlock) {
  ClassifierOptions o;
  o.word_ngrams = 2;
  o.char_ngram_min = 1;
  o.char_ngram_max = 3;
  FeatureExtractor fx(o, CharSegmenter());
  TermCounts c;
  fx.Count("噪音扰民", "楼下，噪音", c);
  // Char segmenter: every character is a word. Title 4 words -> 4 + 3 n-grams;
  // body 4 words (punctuation dropped) -> 4 + 3.
  EXPECT_EQ(Total(c.blocks[static_cast<int>(Block::kWords)]), 14u);
  EXPECT_EQ(Total(c.blocks[static_cast<int>(Block::kTitleWords)]), 7u);
  // Characters: title 4 -> 4+3+2, body 4 -> 4+3+2.
  EXPECT_EQ(Total(c.blocks[static_cast<int>(Block::kChars)]), 18u);
  EXPECT_EQ(Total(c.blocks[static_cast<int>(Block::kTitleChars)]), 9u);
  // "噪音" occurs twice: some key has count 2; keys are distinct within a block.
  std::set<uint64_t> keys;
  bool saw_two = false;
  for (const auto& t : c.blocks[static_cast<int>(Block::kChars)]) {
    EXPECT_TRUE(keys.insert(t.key).second);
    saw_two |= t.count == 2;
  }
  EXPECT_TRUE(saw_two);
}

TEST(FeatureExtractor, NormalisesAndIsDeterministic) {
  ClassifierOptions o;
  FeatureExtractor fx(o, CharSegmenter());
  TermCounts a, b;
  fx.Count("ＡＢＣ公交", "", a);  // full width folds to "abc"
  fx.Count("abc公交", "", b);
  for (int blk = 0; blk < kNumBlocks; ++blk) {
    ASSERT_EQ(a.blocks[blk].size(), b.blocks[blk].size());
    for (size_t i = 0; i < a.blocks[blk].size(); ++i) EXPECT_EQ(a.blocks[blk][i].key, b.blocks[blk][i].key);
  }
  TermCounts empty;
  fx.Count("", "", empty);
  for (const auto& blk : empty.blocks) EXPECT_TRUE(blk.empty());
}

TEST(FeatureExtractor, MaxCharsCutsTheBody) {
  ClassifierOptions o;
  o.max_chars = 3;
  o.title_weight = 0;
  o.word_ngrams = 0;
  o.char_ngram_max = 1;
  FeatureExtractor fx(o, CharSegmenter());
  TermCounts c;
  fx.Count("", "一二三四五六", c);
  EXPECT_EQ(Total(c.blocks[static_cast<int>(Block::kChars)]), 3u);
}

TEST(Features, HashIsFixed) {
  // Part of the model file format: a change here needs a new format version.
  EXPECT_EQ(HashBytes("城乡建设", 0), HashBytes("城乡建设", 0));
  EXPECT_NE(HashBytes("城乡建设", 0), HashBytes("城乡建设", 1));
  EXPECT_EQ(HashBytes("", 0), 0xf52a15e9a9b5e89bULL) << std::hex << HashBytes("", 0);
}

TEST(Vocabulary, KeepsFrequentKeysWithIdf) {
  TermCounts a, b, c;
  a.blocks[0] = {{1, 1}, {2, 3}};
  b.blocks[0] = {{1, 2}};
  b.blocks[1] = {{1, 1}};  // same key in a second block counts once for df
  c.blocks[0] = {{3, 1}};
  ClassifierOptions o;
  o.min_df = 2;
  Vocabulary v = Vocabulary::Fit({&a, &b, &c}, o);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v.Find(1), 0);
  EXPECT_EQ(v.Find(2), -1);
  EXPECT_NEAR(v.idf()[0], std::log(4.0 / 3.0) + 1, 1e-6);
  auto copy = Vocabulary::FromKeys(v.keys(), v.idf());
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->Find(1), 0);
  EXPECT_FALSE(Vocabulary::FromKeys({5, 5}, {1, 1}).ok());
  EXPECT_FALSE(Vocabulary::FromKeys({5}, {}).ok());
}

TEST(Features, WeighNormalisesEachBlockToItsWeight) {
  ClassifierOptions o;
  o.min_df = 1;
  FeatureExtractor fx(o, CharSegmenter());
  TermCounts c;
  fx.Count("公交车站拥堵", "每天早上公交车站都很拥堵", c);
  Vocabulary v = Vocabulary::Fit({&c}, o);
  SparseVector x;
  Weigh(c, v, o, x);
  const auto weights = BlockWeights(o);
  double expected = 0;
  for (float w : weights) expected += w * w;
  double norm2 = 0;
  for (float val : x.value) norm2 += val * val;
  // Blocks barely share keys (own hash seeds), so the total is the sum of squares.
  EXPECT_NEAR(norm2, expected, 1e-3);
}

TEST(Features, FusedScoresMatchWeighAndDot) {
  const auto data = testing::SyntheticMessages(15);
  ClassifierOptions o;
  o.calibration_folds = 0;
  o.min_df = 1;
  FeatureExtractor fx(o, CharSegmenter());
  std::vector<TermCounts> counts(data.size());
  std::vector<const TermCounts*> docs;
  const LabelIndex index = IndexLabels(data);
  for (size_t i = 0; i < data.size(); ++i) {
    fx.Count(data[i].title, data[i].body, counts[i]);
    docs.push_back(&counts[i]);
  }
  auto model = TrainLinearModel(docs, index.of_message, index.labels, o);
  ASSERT_TRUE(model.ok());
  SparseVector x;
  for (size_t i = 0; i < 10; ++i) {
    float fused[3];
    (*model)->Scores(counts[i], fused);
    Weigh(counts[i], (*model)->vocabulary(), o, x);
    for (int c = 0; c < 3; ++c) {
      double s = (*model)->bias()[c];
      for (size_t p = 0; p < x.index.size(); ++p) s += x.value[p] * (*model)->row(x.index[p])[1 + c];
      EXPECT_NEAR(fused[c], s, 1e-4);
    }
  }
}

TEST(Features, SegmenterFingerprintTellsSegmentersApart) {
  auto chars = text::NewCharSegmenter();
  EXPECT_EQ(SegmenterFingerprint(*chars), SegmenterFingerprint(*text::NewCharSegmenter()));
  auto jieba = text::LoadJiebaSegmenter({});
  ASSERT_TRUE(jieba.ok()) << jieba.status().ToString();
  EXPECT_NE(SegmenterFingerprint(*chars), SegmenterFingerprint(**jieba));
}

}  // namespace
}  // namespace lianxin::dispatch
