#include "dispatch/model.h"

#include <cassert>
#include <cmath>
#include <cstdint>

#include "dispatch/objective.h"

namespace lianxin::dispatch {

namespace {
constexpr size_t kMaxClasses = 256;
constexpr size_t kPrefetch = 8;  // terms ahead whose slot / row is prefetched
}  // namespace

LinearModel::LinearModel(const ClassifierOptions& options, std::vector<std::string> labels,
                         Vocabulary vocabulary)
    : options_(options),
      labels_(std::move(labels)),
      vocabulary_(std::move(vocabulary)),
      stride_((labels_.size() + 1 + 7) / 8 * 8),
      bias_(labels_.size(), 0.0f) {
  assert(labels_.size() >= 2 && labels_.size() <= kMaxClasses);
  storage_.assign(vocabulary_.size() * stride_ + 8, 0.0f);
  auto addr = reinterpret_cast<uintptr_t>(storage_.data());
  data_ = storage_.data() + ((32 - addr % 32) % 32) / sizeof(float);
  for (size_t id = 0; id < vocabulary_.size(); ++id) row(id)[0] = vocabulary_.idf()[id];
}

void LinearModel::Scores(const TermCounts& counts, float* scores) const {
  const size_t k = labels_.size();
  const auto weights = BlockWeights(options_);
  float acc[kMaxClasses];
  for (size_t j = 0; j < k; ++j) scores[j] = bias_[j];
  for (int b = 0; b < kNumBlocks; ++b) {
    if (weights[b] <= 0 || counts.blocks[b].empty()) continue;
    for (size_t j = 0; j < k; ++j) acc[j] = 0;
    double norm2 = 0;
    // Two passes so both memory misses per term overlap with other work: first
    // the vocabulary slots (prefetched ahead), then the weight rows (likewise).
    const auto& terms = counts.blocks[b];
    thread_local std::vector<int32_t> ids;
    ids.resize(terms.size());
    for (size_t i = 0; i < terms.size(); ++i) {
      if (i + kPrefetch < terms.size()) __builtin_prefetch(vocabulary_.SlotAddress(terms[i + kPrefetch].key));
      ids[i] = vocabulary_.Find(terms[i].key);
    }
    for (size_t i = 0; i < terms.size(); ++i) {
      if (i + kPrefetch < terms.size() && ids[i + kPrefetch] >= 0) {
        __builtin_prefetch(row(static_cast<uint32_t>(ids[i + kPrefetch])));
      }
      if (ids[i] < 0) continue;
      const float* r = row(static_cast<uint32_t>(ids[i]));
      const float v = TermFrequency(terms[i].count, options_.sublinear_tf) * r[0];
      norm2 += static_cast<double>(v) * v;
      for (size_t j = 0; j < k; ++j) acc[j] += v * r[1 + j];
    }
    if (norm2 <= 0) continue;
    const float scale = static_cast<float>(weights[b] / std::sqrt(norm2));
    for (size_t j = 0; j < k; ++j) scores[j] += scale * acc[j];
  }
}

void LinearModel::Probabilities(const TermCounts& counts, float* probs) const {
  float scores[kMaxClasses];
  Scores(counts, scores);
  Softmax(scores, labels_.size(), temperature_, probs);
}

}  // namespace lianxin::dispatch
