// Front header of dispatch: the message classifier that proposes a category
// (label_l1, e.g. 城乡建设) for a citizen's message, with calibrated
// probabilities, so the caller can dispatch automatically above a confidence
// threshold and send the rest to a person.
//
//   auto seg = text::LoadJiebaSegmenter({});                 // once per process
//   auto clf = Classifier::Train(messages, {}, shared_seg);  // or Classifier::Load(path, shared_seg)
//   Prediction p = (*clf)->Predict(title, body);
//   if (p.confidence >= (*clf)->auto_threshold()) ...        // auto-dispatch
//
// Thread-safety: a Classifier is immutable; Predict is const and may be called
// from many threads at once. To reload a model without a restart, Load a new
// Classifier and swap the caller's shared pointer; loading never touches a live
// object. Nothing here throws.
//
// Other public headers: options.h (hyperparameters), dataset.h (labelled data),
// meter.h (metrics), cross_validation.h (report type), classifier_cli.h (CLI).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dispatch/cross_validation.h"
#include "dispatch/dataset.h"
#include "dispatch/features.h"
#include "dispatch/meter.h"
#include "dispatch/model.h"
#include "dispatch/options.h"
#include "text/text.h"

namespace lianxin::dispatch {

struct Prediction {
  int label_index = -1;              // into Classifier::labels()
  std::string label;
  float confidence = 0;              // calibrated probability of `label`
  std::vector<float> probabilities;  // one per label, summing to 1
};

class Classifier {
 public:
  // Trains on `data` (>= 2 distinct labels). Deterministic for options.seed.
  // Blocks for seconds (about 6 s for 7,400 messages on one core, half of it
  // the calibration folds). kInvalidArgument for invalid options or data.
  // `segmenter` must not be null; it is shared with the caller (see features.h).
  static Result<std::unique_ptr<Classifier>> Train(const std::vector<LabeledMessage>& data,
                                                   const ClassifierOptions& options,
                                                   std::shared_ptr<const text::Segmenter> segmenter);
  // Reads a model file (model_file.h). kNotFound / kInvalidArgument as LoadModel;
  // kFailedPrecondition when `segmenter` cuts differently from the one the model
  // was trained with (retrain the model). Blocks for the file read.
  static Result<std::unique_ptr<Classifier>> Load(const std::string& path,
                                                  std::shared_ptr<const text::Segmenter> segmenter);
  // Writes the model file atomically. kUnavailable when it cannot be written.
  Status Save(const std::string& path) const;

  // Classifies one message (raw text; normalised and segmented here). Never
  // fails: empty text gets the bias-only prediction. ~100 µs for a 350-character
  // message, half of it segmentation.
  Prediction Predict(std::string_view title, std::string_view body) const;

  // The words of the message that speak most for label `label_index` (largest
  // positive contributions to its score), best first, at most `limit`; for
  // explanations shown to people. Slower than Predict (not for the hot path).
  std::vector<std::string> DecisiveWords(std::string_view title, std::string_view body,
                                         int label_index, size_t limit = 5) const;

  const std::vector<std::string>& labels() const { return model_->labels(); }
  const ClassifierOptions& options() const { return model_->options(); }
  // See LinearModel::auto_threshold.
  double auto_threshold() const { return model_->auto_threshold(); }
  const LinearModel& model() const { return *model_; }

  // Wraps a trained model (normally made by Train or Load, which also check
  // the segmenter). `model` and `segmenter` must not be null.
  Classifier(std::unique_ptr<LinearModel> model, std::shared_ptr<const text::Segmenter> segmenter);

 private:
  std::unique_ptr<LinearModel> model_;
  FeatureExtractor extractor_;
};

// Stratified k-fold cross-validation of `options` on `data` (see
// cross_validation.h). Blocks for k trainings.
Result<CrossValidationReport> CrossValidate(const std::vector<LabeledMessage>& data,
                                            const ClassifierOptions& options,
                                            std::shared_ptr<const text::Segmenter> segmenter,
                                            int folds);

// Predicts every message of `data` and meters the result against its labels.
// Gold labels the model does not know are added to the meter's labels (their
// F1 is 0), so macro-F1 stays honest.
Meter Evaluate(const Classifier& classifier, const std::vector<LabeledMessage>& data);

}  // namespace lianxin::dispatch
