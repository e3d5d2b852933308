#include <gtest/gtest.h>

#include <fstream>

#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

TEST(DemoProvince, LoadsEveryFileConsistently) {
  testutil::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File("d.db"));
  ASSERT_TRUE(store.ok());
  SystemClock clock;
  Service svc(**store, clock);
  Status st = LoadDemoProvince(svc, testutil::RepoRoot() + "/data/demo");
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto dir_data = svc.directory();
  EXPECT_GT(dir_data->regions.size(), 10u);
  EXPECT_GT(dir_data->units.size(), 100u);
  EXPECT_EQ(std::count_if(dir_data->categories.begin(), dir_data->categories.end(),
                          [](const Category& c) { return c.level == 1; }),
            15);
  // Every unit's region exists; every region has a government (属地兜底).
  for (const Unit& u : dir_data->units) EXPECT_NE(dir_data->FindRegion(u.region_code), nullptr);
  for (const Region& r : dir_data->regions) {
    EXPECT_NE(dir_data->FindUnit(r.code + "/gov"), nullptr) << r.code;
  }
  // One demo user per role can log in.
  for (const char* name : {"huawu", "paidan", "zhujian_a3", "duban", "fenxi", "admin"}) {
    EXPECT_TRUE(svc.Login(name, "demo1234").ok()) << name;
  }
}

}  // namespace
}  // namespace lianxin::service
