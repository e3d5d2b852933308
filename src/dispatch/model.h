// The trained linear model: the vocabulary (n-gram key → feature id), per
// feature its idf and one weight per class, per-class biases, the softmax
// temperature and the options the features were built with. Scores a message
// from its TermCounts in one pass (the fused form of Weigh + dot product, see
// features.h).
//
// Immutable once built by the trainer or the model file reader: all const
// methods are safe to call from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "dispatch/features.h"
#include "dispatch/options.h"

namespace lianxin::dispatch {

class LinearModel {
 public:
  // An all-zero model over `vocabulary` for `labels` (>= 2); rows start with the
  // vocabulary's idf values.
  LinearModel(const ClassifierOptions& options, std::vector<std::string> labels,
              Vocabulary vocabulary);
  LinearModel(const LinearModel&) = delete;
  LinearModel& operator=(const LinearModel&) = delete;

  const ClassifierOptions& options() const { return options_; }
  const std::vector<std::string>& labels() const { return labels_; }
  size_t num_classes() const { return labels_.size(); }
  const Vocabulary& vocabulary() const { return vocabulary_; }
  size_t num_features() const { return vocabulary_.size(); }

  // Row of feature `id`: [idf, w_0 .. w_{k-1}].
  float* row(uint32_t id) { return data_ + static_cast<size_t>(id) * stride_; }
  const float* row(uint32_t id) const { return data_ + static_cast<size_t>(id) * stride_; }
  std::vector<float>& bias() { return bias_; }
  const std::vector<float>& bias() const { return bias_; }
  double temperature() const { return temperature_; }
  void set_temperature(double t) { temperature_ = t; }
  // The lowest top-class probability at which a prediction may be acted on
  // without a person (fitted out-of-fold for options().auto_precision; +inf
  // when the trainer could not fit one).
  double auto_threshold() const { return auto_threshold_; }
  void set_auto_threshold(double t) { auto_threshold_ = t; }
  // How the segmenter the model was trained with cuts a probe text (features.h).
  uint64_t segmenter_fingerprint() const { return segmenter_fingerprint_; }
  void set_segmenter_fingerprint(uint64_t f) { segmenter_fingerprint_ = f; }

  // Raw decision values, one per class, written to `scores` (num_classes()).
  void Scores(const TermCounts& counts, float* scores) const;
  // Calibrated class probabilities softmax(temperature · scores) into `probs`.
  void Probabilities(const TermCounts& counts, float* probs) const;

 private:
  ClassifierOptions options_;
  std::vector<std::string> labels_;
  Vocabulary vocabulary_;
  size_t stride_;              // floats per row, rounded up for alignment
  std::vector<float> storage_;  // num_features() * stride_ floats + alignment slack
  float* data_;                // 32-byte aligned start inside storage_
  std::vector<float> bias_;
  double temperature_ = 1.0;
  double auto_threshold_ = std::numeric_limits<double>::infinity();
  uint64_t segmenter_fingerprint_ = 0;
};

}  // namespace lianxin::dispatch
