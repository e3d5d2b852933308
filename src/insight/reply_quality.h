// Reply quality (答复质量): how well a unit's reply answers a citizen's request,
// scored on four criteria in [0, 1]:
//   relevance    — share of the request's content words (title words twice) the reply uses;
//   completeness — share of the points the request raises (questions, demands) that the
//                  reply addresses (a fifth of the point's content words appear, at least 2
//                  and at most 4);
//   timeliness   — 1 when replied within the deadline, falling linearly to 0 at 3× it;
//   explanation  — 1 when it cites a policy, law or regulation (《…》, 根据/依据…规定, 第…条),
//                  0.6 when it only gives reasons (因为, 由于, 经调查/核实), else 0.
// ReplyScorer may be shared: Score may be called from many threads (it remembers
// the text scores of recent texts under a mutex; results never depend on it).
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "text/text.h"

namespace lianxin::insight {

struct ReplyQuality {
  double relevance = 0;
  double completeness = 0;
  double timeliness = 0;
  double explanation = 0;
  double overall = 0;   // mean of the four
  int points = 0;       // points the request raises
  int points_answered = 0;
  bool cites_policy = false;
  bool gives_reasons = false;
};

// One request and its reply. Times may be 0 (unknown): timeliness is then 0.5.
struct ReplyCase {
  std::string title;
  std::string body;
  std::string reply;
  TimeMs asked_at = 0;
  TimeMs replied_at = 0;
  TimeMs due_at = 0;  // the deadline in force; 0 = the scorer's default deadline after asked_at
};

class ReplyScorer {
 public:
  // `segmenter` must outlive the scorer. `deadline` is the reply time limit.
  explicit ReplyScorer(const text::Segmenter& segmenter, TimeMs deadline = 15 * kDayMs);
  ReplyQuality Score(const ReplyCase& c) const;
  // The points (questions and demands) of a request text, in order; the whole
  // text as one point when it has none. Exposed for tests and explanations.
  std::vector<std::string> Points(const std::string& text) const;

 private:
  std::vector<std::string> ContentWords(const std::string& text) const;
  // Relevance, completeness and explanation: what the texts alone decide.
  ReplyQuality ScoreTexts(const ReplyCase& c) const;
  const text::Segmenter& segmenter_;
  TimeMs deadline_;
  static constexpr size_t kMemoSize = 20000;
  mutable std::mutex memo_mu_;
  // title \x1f body \x1f reply → ScoreTexts; cleared when full. GUARDED_BY(memo_mu_)
  mutable std::unordered_map<std::string, ReplyQuality> memo_;
};

// Agreement of our binary verdicts with labels (e.g. weak third-party labels).
struct Agreement {
  int n = 0;
  int both_yes = 0, ours_only = 0, label_only = 0, both_no = 0;
  double accuracy = 0;
  double kappa = 0;  // Cohen's kappa; 0 when undefined
};
Agreement Agree(const std::vector<bool>& ours, const std::vector<bool>& labels);

}  // namespace lianxin::insight
