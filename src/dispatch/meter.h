// Evaluation meter: collects (gold, predicted, confidence) triples and reports
// accuracy, macro-F1, per-class precision/recall/F1, the confusion matrix and the
// auto-dispatch trade-off (coverage and accuracy above a confidence threshold).
//
// Not thread-safe while adding; const methods may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lianxin::dispatch {

struct ClassMetrics {
  double precision = 0;  // 0 when nothing was predicted as the class
  double recall = 0;     // 0 when the class has no gold examples
  double f1 = 0;         // 2PR/(P+R), 0 when both are 0
  int64_t support = 0;   // gold examples of the class
  int64_t predicted = 0;
};

// The part of the messages whose confidence is >= threshold.
struct CoveragePoint {
  double threshold = 0;
  double coverage = 0;  // share of all messages at or above the threshold
  double accuracy = 0;  // accuracy on that share (1 when it is empty)
  int64_t n = 0;        // messages at or above the threshold
};

class Meter {
 public:
  // `labels` names the class indices used by Add.
  explicit Meter(std::vector<std::string> labels);

  // Records one prediction; `gold` and `predicted` index labels().
  void Add(int gold, int predicted, double confidence);
  // Adds every record of `other` (same labels).
  void Merge(const Meter& other);

  const std::vector<std::string>& labels() const { return labels_; }
  int64_t n() const { return static_cast<int64_t>(records_.size()); }
  double Accuracy() const;
  // Mean F1 over all labels (a class with no gold and no predictions counts as 0,
  // as scikit-learn does).
  double MacroF1() const;
  ClassMetrics ForClass(int label) const;
  // confusion()[gold][predicted] counts.
  const std::vector<std::vector<int64_t>>& confusion() const { return confusion_; }

  CoveragePoint AtThreshold(double threshold) const;
  // The largest coverage whose accuracy is still >= `target`, cutting only
  // between distinct confidence values (ties stay together); coverage 0 and
  // threshold +inf when no cut reaches the target.
  CoveragePoint AtPrecision(double target) const;

 private:
  struct Record {
    int gold;
    int predicted;
    double confidence;
  };
  std::vector<std::string> labels_;
  std::vector<Record> records_;
  std::vector<std::vector<int64_t>> confusion_;
};

}  // namespace lianxin::dispatch
