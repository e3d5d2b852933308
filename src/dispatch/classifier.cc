#include "dispatch/classifier.h"

#include <algorithm>
#include <map>

#include "dispatch/model_file.h"
#include "dispatch/objective.h"
#include "dispatch/trainer.h"

namespace lianxin::dispatch {

namespace {

std::vector<TermCounts> CountAll(const std::vector<LabeledMessage>& data,
                                 const FeatureExtractor& extractor) {
  std::vector<TermCounts> counts(data.size());
  for (size_t i = 0; i < data.size(); ++i) extractor.Count(data[i].title, data[i].body, counts[i]);
  return counts;
}

}  // namespace

Classifier::Classifier(std::unique_ptr<LinearModel> model,
                       std::shared_ptr<const text::Segmenter> segmenter)
    : model_(std::move(model)), extractor_(model_->options(), std::move(segmenter)) {}

Result<std::unique_ptr<Classifier>> Classifier::Train(
    const std::vector<LabeledMessage>& data, const ClassifierOptions& options,
    std::shared_ptr<const text::Segmenter> segmenter) {
  if (!segmenter) return Status::InvalidArgument("classifier: no segmenter");
  LX_RETURN_IF_ERROR(Validate(options));
  const LabelIndex index = IndexLabels(data);
  const FeatureExtractor extractor(options, segmenter);
  const std::vector<TermCounts> counts = CountAll(data, extractor);
  std::vector<const TermCounts*> docs;
  docs.reserve(counts.size());
  for (const TermCounts& c : counts) docs.push_back(&c);
  LX_ASSIGN_OR_RETURN(std::unique_ptr<LinearModel> model,
                      TrainLinearModel(docs, index.of_message, index.labels, options));
  model->set_segmenter_fingerprint(SegmenterFingerprint(*segmenter));
  return std::make_unique<Classifier>(std::move(model), std::move(segmenter));
}

Result<std::unique_ptr<Classifier>> Classifier::Load(
    const std::string& path, std::shared_ptr<const text::Segmenter> segmenter) {
  if (!segmenter) return Status::InvalidArgument("classifier: no segmenter");
  LX_ASSIGN_OR_RETURN(std::unique_ptr<LinearModel> model, LoadModel(path));
  if (model->segmenter_fingerprint() != SegmenterFingerprint(*segmenter)) {
    return Status::FailedPrecondition(
        path + ": the model was trained with a segmenter that cuts text differently "
               "(other jieba dictionaries or stop words); retrain it");
  }
  return std::make_unique<Classifier>(std::move(model), std::move(segmenter));
}

Status Classifier::Save(const std::string& path) const { return SaveModel(*model_, path); }

Prediction Classifier::Predict(std::string_view title, std::string_view body) const {
  thread_local TermCounts counts;
  extractor_.Count(title, body, counts);
  Prediction p;
  p.probabilities.resize(model_->num_classes());
  model_->Probabilities(counts, p.probabilities.data());
  p.label_index = static_cast<int>(
      std::max_element(p.probabilities.begin(), p.probabilities.end()) - p.probabilities.begin());
  p.label = model_->labels()[p.label_index];
  p.confidence = p.probabilities[p.label_index];
  return p;
}

std::vector<std::string> Classifier::DecisiveWords(std::string_view title, std::string_view body,
                                                  int label_index, size_t limit) const {
  if (label_index < 0 || static_cast<size_t>(label_index) >= model_->num_classes()) return {};
  TermCounts counts;
  extractor_.Count(title, body, counts);
  SparseVector x;
  Weigh(counts, model_->vocabulary(), model_->options(), x);
  std::map<uint32_t, float> value;  // feature id -> its weighted, normalised value
  for (size_t i = 0; i < x.index.size(); ++i) value[x.index[i]] += x.value[i];
  std::vector<std::pair<float, std::string>> scored;
  for (std::string& word : extractor_.Words(title, body)) {
    float contribution = 0;
    for (Block block : {Block::kWords, Block::kTitleWords}) {
      const int32_t id = model_->vocabulary().Find(WordKey(word, block));
      auto it = id < 0 ? value.end() : value.find(static_cast<uint32_t>(id));
      if (it != value.end()) contribution += it->second * model_->row(it->first)[1 + label_index];
    }
    if (contribution > 0) scored.emplace_back(contribution, std::move(word));
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(std::move(scored[i].second));
  return out;
}

Result<CrossValidationReport> CrossValidate(const std::vector<LabeledMessage>& data,
                                            const ClassifierOptions& options,
                                            std::shared_ptr<const text::Segmenter> segmenter,
                                            int folds) {
  if (!segmenter) return Status::InvalidArgument("classifier: no segmenter");
  LX_RETURN_IF_ERROR(Validate(options));
  const LabelIndex index = IndexLabels(data);
  const FeatureExtractor extractor(options, std::move(segmenter));
  return CrossValidate(CountAll(data, extractor), index.of_message, index.labels, options, folds);
}

Meter Evaluate(const Classifier& classifier, const std::vector<LabeledMessage>& data) {
  std::vector<std::string> labels = classifier.labels();
  std::map<std::string, int> id;
  for (size_t i = 0; i < labels.size(); ++i) id[labels[i]] = static_cast<int>(i);
  for (const LabeledMessage& m : data) {
    if (id.emplace(m.label, static_cast<int>(labels.size())).second) labels.push_back(m.label);
  }
  Meter meter(labels);
  for (const LabeledMessage& m : data) {
    const Prediction p = classifier.Predict(m.title, m.body);
    meter.Add(id[m.label], p.label_index, p.confidence);
  }
  return meter;
}

}  // namespace lianxin::dispatch
