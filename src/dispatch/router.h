// The router of the dispatch agent (派单智能体): from a classified request, the
// place it names and the duty catalog (派单目录) to the responsible unit, with the
// top candidates, scores and a readable explanation.
//
// A Router is immutable after construction and safe to share between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/directory.h"

namespace lianxin::dispatch {

// What the router is asked about one request.
struct RouteQuery {
  std::string text;  // title + body, normalised (text::Normalize)
  // Level-1 category codes with calibrated probabilities, best first.
  std::vector<std::pair<std::string, double>> category_scores;
  std::string region_code;  // the place (text::Gazetteer::Locate or the form); may be empty
  std::vector<std::string> decisive_words;  // from the classifier, shown in the explanation
};

struct RouteCandidate {
  std::string unit_code;
  std::string unit_name;
  std::string category_code;  // the most specific category that led here
  double score = 0;           // 0..1
  std::string rule;           // which rule: "派单目录 01.02.013 燃气供应 → zjj（市级）" or "属地兜底"
};

struct RouteDecision {
  std::vector<RouteCandidate> candidates;  // best first, at most 3, distinct units
  std::string category_code;               // of the best candidate
  double confidence = 0;                   // probability of the best level-1 category
  std::string region_code;                 // the region used ("" when unknown)
  bool automatic = false;                  // dispatch without a person
  std::string hold_reason;                 // why not automatic (Chinese), when not
  std::string explanation;                 // one readable paragraph (Chinese)
};

struct RouterOptions {
  double auto_threshold = 0.9;  // minimum confidence to dispatch automatically
  // Per level-1 category code overrides of auto_threshold.
  std::map<std::string, double> category_thresholds;
};

class Router {
 public:
  // Copies what it needs from the reference data.
  Router(const std::vector<Region>& regions, const std::vector<Unit>& units,
         const std::vector<Category>& categories, const std::vector<DutyRule>& rules,
         RouterOptions options = {});
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Never fails: with no category, rule or unit it falls back to the region's
  // government (属地兜底), and with no region to the root region's government,
  // never automatic.
  RouteDecision Route(const RouteQuery& query) const;
  // The level-1 category code for a level-1 name ("城乡建设" → "01"); "" if unknown.
  std::string CategoryCodeByName(const std::string& name) const;
  const RouterOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lianxin::dispatch
