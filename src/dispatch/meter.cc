#include "dispatch/meter.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace lianxin::dispatch {

Meter::Meter(std::vector<std::string> labels)
    : labels_(std::move(labels)),
      confusion_(labels_.size(), std::vector<int64_t>(labels_.size(), 0)) {}

void Meter::Add(int gold, int predicted, double confidence) {
  assert(gold >= 0 && static_cast<size_t>(gold) < labels_.size());
  assert(predicted >= 0 && static_cast<size_t>(predicted) < labels_.size());
  records_.push_back({gold, predicted, confidence});
  ++confusion_[gold][predicted];
}

void Meter::Merge(const Meter& other) {
  assert(other.labels_ == labels_);
  for (const Record& r : other.records_) Add(r.gold, r.predicted, r.confidence);
}

double Meter::Accuracy() const {
  if (records_.empty()) return 0;
  int64_t correct = 0;
  for (size_t k = 0; k < labels_.size(); ++k) correct += confusion_[k][k];
  return static_cast<double>(correct) / records_.size();
}

ClassMetrics Meter::ForClass(int label) const {
  ClassMetrics m;
  const size_t k = labels_.size();
  const int64_t tp = confusion_[label][label];
  for (size_t j = 0; j < k; ++j) {
    m.support += confusion_[label][j];
    m.predicted += confusion_[j][label];
  }
  m.precision = m.predicted ? static_cast<double>(tp) / m.predicted : 0;
  m.recall = m.support ? static_cast<double>(tp) / m.support : 0;
  m.f1 = (m.precision + m.recall) > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
  return m;
}

double Meter::MacroF1() const {
  if (labels_.empty()) return 0;
  double sum = 0;
  for (size_t k = 0; k < labels_.size(); ++k) sum += ForClass(static_cast<int>(k)).f1;
  return sum / labels_.size();
}

CoveragePoint Meter::AtThreshold(double threshold) const {
  CoveragePoint p;
  p.threshold = threshold;
  int64_t correct = 0;
  for (const Record& r : records_) {
    if (r.confidence < threshold) continue;
    ++p.n;
    correct += r.gold == r.predicted;
  }
  p.coverage = records_.empty() ? 0 : static_cast<double>(p.n) / records_.size();
  p.accuracy = p.n ? static_cast<double>(correct) / p.n : 1.0;
  return p;
}

CoveragePoint Meter::AtPrecision(double target) const {
  std::vector<const Record*> sorted;
  sorted.reserve(records_.size());
  for (const Record& r : records_) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Record* a, const Record* b) { return a->confidence > b->confidence; });
  CoveragePoint best;
  best.threshold = std::numeric_limits<double>::infinity();
  best.accuracy = 1.0;
  int64_t correct = 0;
  const size_t n = sorted.size();
  for (size_t i = 0; i < n; ++i) {
    correct += sorted[i]->gold == sorted[i]->predicted;
    if (i + 1 < n && sorted[i + 1]->confidence == sorted[i]->confidence) continue;  // a tie
    const double acc = static_cast<double>(correct) / (i + 1);
    if (acc >= target) {
      best.threshold = sorted[i]->confidence;
      best.coverage = static_cast<double>(i + 1) / n;
      best.accuracy = acc;
      best.n = static_cast<int64_t>(i + 1);
    }
  }
  return best;
}

}  // namespace lianxin::dispatch
