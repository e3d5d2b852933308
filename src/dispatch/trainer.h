// Training: from counted messages (features.h) to a calibrated LinearModel.
//
// One-vs-rest L2-loss SVMs (optionally mixed with one-vs-rest logistic
// regressions) over tf-idf features, class-balanced costs, then a softmax
// temperature fitted on out-of-fold scores of an inner stratified k-fold, so the
// model's probabilities are calibrated. Deterministic for a given options.seed.
// Single-threaded; blocks for seconds on ~10^4 messages. Pure: safe to run several
// trainings at once on different inputs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "dispatch/features.h"
#include "dispatch/model.h"
#include "dispatch/options.h"

namespace lianxin::dispatch {

// `docs[i]` has gold label `labels[i]` (an index into `label_names`). The
// pointers are only read during the call. kInvalidArgument for invalid options,
// mismatched sizes, an out-of-range label or fewer than 2 labels in use.
Result<std::unique_ptr<LinearModel>> TrainLinearModel(const std::vector<const TermCounts*>& docs,
                                                      const std::vector<int>& labels,
                                                      const std::vector<std::string>& label_names,
                                                      const ClassifierOptions& options);

}  // namespace lianxin::dispatch
