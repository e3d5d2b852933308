#include "core/directory.h"

#include <gtest/gtest.h>

namespace lianxin {
namespace {

TEST(Directory, RolesAndLevelsRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Role::kAdmin); ++i) {
    auto r = static_cast<Role>(i);
    EXPECT_EQ(ParseRole(ToString(r)), r);
  }
  EXPECT_EQ(ParseRole("unit_handler"), Role::kUnitHandler);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_EQ(ParseRegionLevel("district"), RegionLevel::kDistrict);
  EXPECT_EQ(ToString(RegionLevel::kStreet), "street");
  EXPECT_EQ(LabelZh(Role::kSupervisor), "督办员");
}

}  // namespace
}  // namespace lianxin
