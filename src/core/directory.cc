#include "core/directory.h"

#include <array>

namespace lianxin {
namespace {
constexpr std::array<std::string_view, 5> kLevels = {"province", "city", "district", "street",
                                                     "community"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kRoles = {{
    {"call_taker", "话务员"}, {"dispatcher", "派单员"}, {"unit_handler", "承办人"},
    {"supervisor", "督办员"}, {"analyst", "分析员"}, {"admin", "管理员"}}};
}  // namespace

std::string_view ToString(RegionLevel v) { return kLevels[static_cast<size_t>(v)]; }
std::optional<RegionLevel> ParseRegionLevel(std::string_view s) {
  for (size_t i = 0; i < kLevels.size(); ++i) {
    if (kLevels[i] == s) return static_cast<RegionLevel>(i);
  }
  return std::nullopt;
}
std::string_view ToString(Role v) { return kRoles[static_cast<size_t>(v)].first; }
std::string_view LabelZh(Role v) { return kRoles[static_cast<size_t>(v)].second; }
std::optional<Role> ParseRole(std::string_view s) {
  for (size_t i = 0; i < kRoles.size(); ++i) {
    if (kRoles[i].first == s) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace lianxin
