#include "dispatch/cross_validation.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "dispatch/objective.h"
#include "dispatch/trainer.h"

namespace lianxin::dispatch {

std::vector<int> StratifiedFolds(const std::vector<int>& labels, int folds, uint64_t seed) {
  std::map<int, std::vector<size_t>> by_label;
  for (size_t i = 0; i < labels.size(); ++i) by_label[labels[i]].push_back(i);
  Rng rng(seed);
  std::vector<int> fold(labels.size(), 0);
  size_t next = 0;  // continues across classes so that fold sizes stay balanced
  for (auto& [label, members] : by_label) {
    for (size_t i = 0; i + 1 < members.size(); ++i) {
      std::swap(members[i], members[i + rng.Below(members.size() - i)]);
    }
    for (size_t idx : members) fold[idx] = static_cast<int>(next++ % folds);
  }
  return fold;
}

Result<CrossValidationReport> CrossValidate(const std::vector<TermCounts>& docs,
                                            const std::vector<int>& labels,
                                            const std::vector<std::string>& label_names,
                                            const ClassifierOptions& options, int folds) {
  if (folds < 2) return Status::InvalidArgument("cross-validation needs at least 2 folds");
  if (docs.size() != labels.size()) {
    return Status::InvalidArgument("cross-validation: messages and labels differ in number");
  }
  if (docs.size() < static_cast<size_t>(folds)) {
    return Status::InvalidArgument("cross-validation: fewer messages than folds");
  }
  CrossValidationReport report(label_names);
  report.folds = folds;
  report.predicted.assign(docs.size(), -1);
  report.confidence.assign(docs.size(), 0.0f);
  const std::vector<int> fold = StratifiedFolds(labels, folds, options.seed);
  const size_t k = label_names.size();
  std::vector<float> probs(k);
  double train_seconds = 0;
  for (int f = 0; f < folds; ++f) {
    std::vector<const TermCounts*> train_docs;
    std::vector<int> train_labels;
    for (size_t i = 0; i < docs.size(); ++i) {
      if (fold[i] == f) continue;
      train_docs.push_back(&docs[i]);
      train_labels.push_back(labels[i]);
    }
    auto start = std::chrono::steady_clock::now();
    auto model = TrainLinearModel(train_docs, train_labels, label_names, options);
    if (!model.ok()) return model.status();
    train_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Meter meter(label_names);
    for (size_t i = 0; i < docs.size(); ++i) {
      if (fold[i] != f) continue;
      (*model)->Probabilities(docs[i], probs.data());
      int best = static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin());
      meter.Add(labels[i], best, probs[best]);
      report.predicted[i] = best;
      report.confidence[i] = probs[best];
      if (probs[best] >= (*model)->auto_threshold()) {
        ++report.auto_dispatched;
        report.auto_correct += best == labels[i];
      }
    }
    report.fold_macro_f1.push_back(meter.MacroF1());
    report.fold_accuracy.push_back(meter.Accuracy());
    report.pooled.Merge(meter);
  }
  report.train_seconds_per_fold = train_seconds / folds;
  return report;
}

}  // namespace lianxin::dispatch
