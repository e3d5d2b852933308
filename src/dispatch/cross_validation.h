// Stratified k-fold cross-validation of the classifier on counted messages.
//
// Folds are assigned per class after a seeded shuffle, so every fold holds about
// 1/k of each class; the same seed gives the same folds on every machine.
// Pure functions; single-threaded; CrossValidate blocks for k trainings.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "dispatch/features.h"
#include "dispatch/meter.h"
#include "dispatch/options.h"

namespace lianxin::dispatch {

// The fold (0..folds-1) of each example. Requires folds >= 2.
std::vector<int> StratifiedFolds(const std::vector<int>& labels, int folds, uint64_t seed);

struct CrossValidationReport {
  int folds = 0;
  std::vector<double> fold_macro_f1;
  std::vector<double> fold_accuracy;
  Meter pooled;                     // every out-of-fold prediction (confidence = top probability)
  std::vector<int> predicted;       // per example: its out-of-fold prediction
  std::vector<float> confidence;    // per example: its top probability
  // Auto-dispatch with the threshold each fold's model fixed at training time
  // (LinearModel::auto_threshold), applied to its held-out fold.
  int64_t auto_dispatched = 0;
  int64_t auto_correct = 0;
  double train_seconds_per_fold = 0;  // wall clock, mean
  explicit CrossValidationReport(std::vector<std::string> labels) : pooled(std::move(labels)) {}
};

// Trains on k-1 folds and predicts the held-out one, k times; folds come from
// StratifiedFolds(labels, folds, options.seed). kInvalidArgument for folds < 2,
// more folds than examples of the rarest class, or invalid training input.
Result<CrossValidationReport> CrossValidate(const std::vector<TermCounts>& docs,
                                            const std::vector<int>& labels,
                                            const std::vector<std::string>& label_names,
                                            const ClassifierOptions& options, int folds);

}  // namespace lianxin::dispatch
