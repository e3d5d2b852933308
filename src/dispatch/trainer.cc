#include "dispatch/trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "dispatch/cross_validation.h"
#include "dispatch/meter.h"
#include "dispatch/objective.h"

namespace lianxin::dispatch {

namespace {

CsrMatrix BuildMatrix(const std::vector<const TermCounts*>& docs, const Vocabulary& vocabulary,
                      const ClassifierOptions& options) {
  CsrMatrix x;
  x.cols = vocabulary.size();
  SparseVector v;
  std::vector<std::pair<uint32_t, float>> entries;
  for (const TermCounts* doc : docs) {
    Weigh(*doc, vocabulary, options, v);
    entries.clear();
    for (size_t p = 0; p < v.index.size(); ++p) entries.emplace_back(v.index[p], v.value[p]);
    // Ascending ids (= falling document frequency): the solver then walks the
    // weights in one direction and the frequent ones stay in cache.
    std::sort(entries.begin(), entries.end());
    for (const auto& [col, val] : entries) {
      x.col.push_back(col);
      x.val.push_back(val);
    }
    x.row_start.push_back(x.col.size());
  }
  return x;
}

// Trains the one-vs-rest weights (no calibration) into a new model.
std::unique_ptr<LinearModel> TrainWeights(const std::vector<const TermCounts*>& docs,
                                          const std::vector<int>& labels,
                                          const std::vector<std::string>& label_names,
                                          const ClassifierOptions& options) {
  Vocabulary vocabulary = Vocabulary::Fit(docs, options);
  const CsrMatrix x = BuildMatrix(docs, vocabulary, options);
  auto model = std::make_unique<LinearModel>(options, label_names, std::move(vocabulary));
  const size_t k = label_names.size();
  const size_t n = docs.size();

  // "balanced" class weights n / (classes present × n_class).
  std::vector<double> count(k, 0);
  for (int y : labels) ++count[y];
  size_t present = 0;
  for (double c : count) present += c > 0;
  std::vector<double> class_weight(k, 1.0);
  if (options.balanced) {
    for (size_t c = 0; c < k; ++c) {
      if (count[c] > 0) class_weight[c] = static_cast<double>(n) / (present * count[c]);
    }
  }

  SolverOptions solver;
  solver.max_epochs = options.max_epochs;
  solver.tolerance = options.tolerance;
  solver.seed = options.seed;
  const double svm_share = options.lr_c > 0 ? 1.0 - options.lr_mix : 1.0;
  std::vector<double> w((x.cols + 1) * k, 0.0);  // column-major by class: w[c * (cols+1) + col]
  if (svm_share > 0) {
    OneVsRestProblem problem;
    problem.x = &x;
    problem.labels = labels;
    problem.num_classes = static_cast<int>(k);
    problem.bias = options.bias;
    problem.cost.resize(n);
    for (size_t i = 0; i < n; ++i) problem.cost[i] = options.svm_c * class_weight[labels[i]];
    const OneVsRestWeights ws = SolveOneVsRestSvm(problem, solver);
    for (size_t c = 0; c < k; ++c) {
      for (size_t col = 0; col <= x.cols; ++col) w[c * (x.cols + 1) + col] += svm_share * ws.at(col, c);
    }
  }
  if (options.lr_c > 0) {
    BinaryProblem problem;
    problem.x = &x;
    problem.bias = options.bias;
    problem.y.resize(n);
    problem.cost.resize(n);
    for (size_t i = 0; i < n; ++i) problem.cost[i] = options.lr_c * class_weight[labels[i]];
    for (size_t c = 0; c < k; ++c) {
      for (size_t i = 0; i < n; ++i) problem.y[i] = labels[i] == static_cast<int>(c) ? 1 : -1;
      solver.seed = options.seed + 1000 * (c + 1);
      const std::vector<double> wl = SolveLogisticDual(problem, solver);
      for (size_t col = 0; col <= x.cols; ++col) w[c * (x.cols + 1) + col] += options.lr_mix * wl[col];
    }
  }
  for (size_t c = 0; c < k; ++c) {
    const double* wc = &w[c * (x.cols + 1)];
    for (size_t col = 0; col < x.cols; ++col) {
      model->row(static_cast<uint32_t>(col))[1 + c] = static_cast<float>(wc[col]);
    }
    model->bias()[c] = static_cast<float>(wc[x.cols] * options.bias);
  }
  return model;
}

}  // namespace

Result<std::unique_ptr<LinearModel>> TrainLinearModel(const std::vector<const TermCounts*>& docs,
                                                      const std::vector<int>& labels,
                                                      const std::vector<std::string>& label_names,
                                                      const ClassifierOptions& options) {
  LX_RETURN_IF_ERROR(Validate(options));
  if (docs.size() != labels.size()) {
    return Status::InvalidArgument("training: " + std::to_string(docs.size()) + " messages but " +
                                   std::to_string(labels.size()) + " labels");
  }
  if (label_names.size() < 2) return Status::InvalidArgument("training needs at least 2 labels");
  std::vector<int> count(label_names.size(), 0);
  for (int y : labels) {
    if (y < 0 || static_cast<size_t>(y) >= label_names.size()) {
      return Status::InvalidArgument("training: label index out of range");
    }
    ++count[y];
  }
  int present = 0;
  for (int c : count) present += c > 0;
  if (present < 2) return Status::InvalidArgument("training data holds fewer than 2 labels");

  double temperature = options.temperature > 0 ? options.temperature : 1.0;
  double auto_threshold = std::numeric_limits<double>::infinity();
  if (options.calibration_folds >= 2 &&
      docs.size() >= static_cast<size_t>(2 * options.calibration_folds)) {
    // Out-of-fold scores of an inner k-fold, then the temperature that fits them.
    const size_t k = label_names.size();
    const std::vector<int> fold = StratifiedFolds(labels, options.calibration_folds, options.seed + 7);
    std::vector<float> oof(docs.size() * k, 0.0f);
    for (int f = 0; f < options.calibration_folds; ++f) {
      std::vector<const TermCounts*> sub_docs;
      std::vector<int> sub_labels;
      for (size_t i = 0; i < docs.size(); ++i) {
        if (fold[i] == f) continue;
        sub_docs.push_back(docs[i]);
        sub_labels.push_back(labels[i]);
      }
      auto inner = TrainWeights(sub_docs, sub_labels, label_names, options);
      for (size_t i = 0; i < docs.size(); ++i) {
        if (fold[i] == f) inner->Scores(*docs[i], &oof[i * k]);
      }
    }
    temperature = options.temperature > 0 ? options.temperature : FitTemperature(oof, k, labels);
    Meter meter(label_names);
    std::vector<float> probs(k);
    for (size_t i = 0; i < docs.size(); ++i) {
      Softmax(&oof[i * k], k, temperature, probs.data());
      const int best = static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin());
      meter.Add(labels[i], best, probs[best]);
    }
    auto_threshold = meter.AtPrecision(options.auto_precision).threshold;
  }
  auto model = TrainWeights(docs, labels, label_names, options);
  model->set_temperature(temperature);
  model->set_auto_threshold(auto_threshold);
  return model;
}

}  // namespace lianxin::dispatch
