// Tiered rankings (分类分级排名): units are compared only with units of the same
// type at the same administrative level (a district's 住建局 with the other
// districts' 住建局), never in one list mixing unlike units. Pure functions over
// values: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/directory.h"
#include "insight/evaluation.h"

namespace lianxin::insight {

struct RankedUnit {
  int rank = 0;  // 1 = best composite; equal composites share a rank
  Metrics metrics;
};

// One tier: every unit of `unit_type` whose region is at `level`.
struct RankingTier {
  std::string unit_type;  // Unit::unit_type, e.g. "zjj"
  std::string level;      // RegionLevel identifier of the units' region, e.g. "district"
  std::vector<RankedUnit> ranked;  // composite descending
  std::vector<Metrics> unranked;   // fewer than rules.rank_min_tickets evaluated tickets
};

// Groups `unit_metrics` (keys = unit codes) into tiers by the units' type and
// region level, ranks each tier by composite score (ties: more evaluated
// tickets first, then code). Metrics of unknown units are dropped. Tiers come
// ordered by level (province first), then type.
std::vector<RankingTier> RankUnits(const std::vector<Metrics>& unit_metrics,
                                   const std::vector<Unit>& units,
                                   const std::vector<Region>& regions,
                                   const EvaluationRules& rules);

}  // namespace lianxin::insight
