// Feature extraction for the message classifier: a message (title, body) becomes
// n-gram counts in four blocks, then tf-idf values normalised per block.
//
//   block           tokens                                   weight option
//   kWords          jieba words of title + body, 1..N-grams    word_weight
//   kChars          characters of title + body, n-grams        char_weight
//   kTitleWords     jieba words of the title only              title_weight
//   kTitleChars     characters of the title only               title_weight
//
// Text goes through text::Normalize and the shared text::Segmenter (style 7.2 #16).
// Every n-gram is named by a fixed 64-bit hash (part of the model format; each
// block has its own seed). A Vocabulary, fitted on training messages, keeps the
// keys seen in at least min_df of them and gives each a dense feature id and idf.
//
// FeatureExtractor and Vocabulary are immutable after construction and safe to
// share between threads; Count's scratch buffers are per thread. Free functions
// are pure.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dispatch/options.h"
#include "text/text.h"

namespace lianxin::dispatch {

enum class Block : uint8_t { kWords = 0, kChars = 1, kTitleWords = 2, kTitleChars = 3 };
inline constexpr int kNumBlocks = 4;

// N-gram counts of one message: for each block, distinct keys with counts.
struct TermCounts {
  struct Term {
    uint64_t key;
    uint32_t count;
  };
  std::array<std::vector<Term>, kNumBlocks> blocks;
};

// A sparse row: feature ids with values, in no particular order.
struct SparseVector {
  std::vector<uint32_t> index;
  std::vector<float> value;
};

class FeatureExtractor {
 public:
  // `segmenter` must not be null. It is a shared_ptr because one set of jieba
  // dictionaries (~0.3 s to load, tens of MB) serves search and every reloaded
  // model at once; the extractor keeps it alive.
  FeatureExtractor(const ClassifierOptions& options,
                   std::shared_ptr<const text::Segmenter> segmenter);

  // Normalises and segments `title` and `body` and counts their n-grams into
  // `out` (cleared first). Never fails; empty text gives empty blocks.
  void Count(std::string_view title, std::string_view body, TermCounts& out) const;
  // The distinct words (segmenter tokens of the normalised text) of title and
  // body, in order of first appearance; for explanations.
  std::vector<std::string> Words(std::string_view title, std::string_view body) const;

 private:
  ClassifierOptions options_;
  std::shared_ptr<const text::Segmenter> segmenter_;
};

// The weight of each block from the options (0 = block unused).
std::array<float, kNumBlocks> BlockWeights(const ClassifierOptions& options);

// The n-gram keys kept for training and prediction, each with a dense id
// (0..size()-1, by falling document frequency) and its idf.
class Vocabulary {
 public:
  Vocabulary() = default;
  // Keeps the keys found in >= min_df of `docs` (a key in two blocks of one
  // message counts once); idf = ln((1+n)/(1+df)) + 1, or 1 when use_idf is off.
  static Vocabulary Fit(const std::vector<const TermCounts*>& docs,
                        const ClassifierOptions& options);
  // From stored keys and idf values (model files). kInvalidArgument for
  // mismatched sizes or a repeated key.
  static Result<Vocabulary> FromKeys(std::vector<uint64_t> keys, std::vector<float> idf);

  // The id of `key`, or -1.
  int32_t Find(uint64_t key) const {
    if (slots_.empty()) return -1;
    for (size_t pos = Slot(key);; pos = (pos + 1) & mask_) {
      const Entry& e = slots_[pos];
      if (e.id < 0) return -1;
      if (e.key == key) return e.id;
    }
  }
  // Where Find(key) starts probing; for prefetching.
  const void* SlotAddress(uint64_t key) const { return &slots_[Slot(key)]; }
  size_t size() const { return keys_.size(); }
  const std::vector<uint64_t>& keys() const { return keys_; }
  const std::vector<float>& idf() const { return idf_; }

 private:
  struct Entry {
    uint64_t key = 0;
    int32_t id = -1;
  };
  size_t Slot(uint64_t key) const { return (key ^ (key >> 29)) & mask_; }
  void BuildIndex();

  std::vector<uint64_t> keys_;
  std::vector<float> idf_;
  std::vector<Entry> slots_;  // open addressing, load factor <= 1/2
  size_t mask_ = 0;
};

// The term value before idf: 1 + ln(count) (sublinear) or count.
float TermFrequency(uint32_t count, bool sublinear);

// tf × idf per known term, each block L2-normalised and scaled by its weight,
// written to `out` (cleared first) with vocabulary ids as indices.
void Weigh(const TermCounts& counts, const Vocabulary& vocabulary,
           const ClassifierOptions& options, SparseVector& out);

// The key of the single word `token` in `block` (kWords or kTitleWords), as
// Count makes it.
uint64_t WordKey(std::string_view token, Block block);

// A fingerprint of how `segmenter` cuts a fixed probe text (stored in model files
// so that a model is never used with a segmenter that cuts differently).
uint64_t SegmenterFingerprint(const text::Segmenter& segmenter);

// The fixed 64-bit hash behind n-gram keys (FNV-1a over bytes, then a splitmix64
// finaliser). Exposed for tests.
uint64_t HashBytes(std::string_view bytes, uint64_t seed);

}  // namespace lianxin::dispatch
