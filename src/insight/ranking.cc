#include "insight/ranking.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace lianxin::insight {

std::vector<RankingTier> RankUnits(const std::vector<Metrics>& unit_metrics,
                                   const std::vector<Unit>& units,
                                   const std::vector<Region>& regions,
                                   const EvaluationRules& rules) {
  std::unordered_map<std::string, RegionLevel> level_of;
  for (const Region& r : regions) level_of[r.code] = r.level;
  std::unordered_map<std::string, const Unit*> unit_of;
  for (const Unit& u : units) unit_of[u.code] = &u;

  std::map<std::pair<int, std::string>, RankingTier> tiers;
  for (const Metrics& m : unit_metrics) {
    auto u = unit_of.find(m.key);
    if (u == unit_of.end()) continue;
    auto lv = level_of.find(u->second->region_code);
    if (lv == level_of.end()) continue;
    RankingTier& tier = tiers[{static_cast<int>(lv->second), u->second->unit_type}];
    tier.unit_type = u->second->unit_type;
    tier.level = std::string(ToString(lv->second));
    if (m.composite && m.n[kCounted] >= rules.rank_min_tickets) {
      tier.ranked.push_back({0, m});
    } else {
      tier.unranked.push_back(m);
    }
  }
  std::vector<RankingTier> out;
  for (auto& [key, tier] : tiers) {
    std::sort(tier.ranked.begin(), tier.ranked.end(), [](const RankedUnit& a, const RankedUnit& b) {
      if (*a.metrics.composite != *b.metrics.composite) {
        return *a.metrics.composite > *b.metrics.composite;
      }
      if (a.metrics.n[kCounted] != b.metrics.n[kCounted]) {
        return a.metrics.n[kCounted] > b.metrics.n[kCounted];
      }
      return a.metrics.key < b.metrics.key;
    });
    for (size_t i = 0; i < tier.ranked.size(); ++i) {
      bool tie = i > 0 && *tier.ranked[i].metrics.composite == *tier.ranked[i - 1].metrics.composite;
      tier.ranked[i].rank = tie ? tier.ranked[i - 1].rank : static_cast<int>(i + 1);
    }
    out.push_back(std::move(tier));
  }
  return out;
}

}  // namespace lianxin::insight
