#include "insight/hotspots_cli.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "testutil/testutil.h"

namespace lianxin::insight {
namespace {

class RunHotspotsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream out(dir_.File("m.jsonl"));
    const char* lines[] = {
        R"({"id": 11, "title": "A2区丽发新城附近修建搅拌站噪音扰民", "body": "搅拌站日夜施工，噪音粉尘严重", "time": "2019-11-01 08:00:00", "likes": 4})",
        R"({"id": 12, "title": "投诉A2区丽发新城小区附近搅拌站", "body": "丽发新城小区附近搅拌站噪音扰民", "time": "2019-11-02 08:00:00"})",
        R"({"id": 13, "title": "投诉A2区丽发新城附近搅拌站噪音扰民", "body": "丽发新城小区旁搅拌站噪音粉尘扰民", "time": "2019-11-03 08:00:00"})",
        R"({"id": 14, "title": "咨询公积金贷款额度", "body": "首套房公积金贷款最高额度", "time": "2019-11-03 09:00:00"})",
    };
    for (const char* l : lines) out << l << "\n";
  }
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return RunHotspotsCli(args, out_, err_);
  }
  testutil::TempDir dir_;
  std::ostringstream out_, err_;
};

TEST_F(RunHotspotsCliTest, PrintsJsonWithTitleHeatAndIds) {
  ASSERT_EQ(Run({"--data", dir_.File("m.jsonl"), "--json", "--regions",
                 testutil::RepoRoot() + "/data/demo/regions.csv"}),
            0)
      << err_.str();
  auto j = nlohmann::json::parse(out_.str());
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["ids"], nlohmann::json::array({11, 12, 13}));
  EXPECT_GT(j[0]["heat"].get<double>(), 0);
  EXPECT_EQ(j[0]["likes"], 4);
  EXPECT_NE(j[0]["title"].get<std::string>().find("搅拌站"), std::string::npos);
  EXPECT_NE(j[0]["title"].get<std::string>().find("A2区"), std::string::npos);
}

TEST_F(RunHotspotsCliTest, TextOutputAndHelp) {
  ASSERT_EQ(Run({"--data", dir_.File("m.jsonl")}), 0) << err_.str();
  EXPECT_NE(out_.str().find("ids: 11 12 13"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.str().find("join_threshold="), std::string::npos);
}

TEST_F(RunHotspotsCliTest, UsageErrors) {
  EXPECT_EQ(Run({}), 2);
  EXPECT_NE(err_.str().find("--data"), std::string::npos);
  EXPECT_EQ(Run({"--data", dir_.File("m.jsonl"), "--set", "nonsense=1"}), 2);
  EXPECT_EQ(Run({"--data", dir_.File("m.jsonl"), "--bogus"}), 2);
  EXPECT_EQ(Run({"--data", dir_.File("missing.jsonl")}), 1);
  std::ofstream(dir_.File("bad.jsonl")) << "{\"id\": 1}\n";
  EXPECT_EQ(Run({"--data", dir_.File("bad.jsonl")}), 2);
  EXPECT_NE(err_.str().find("bad.jsonl:1:"), std::string::npos) << err_.str();
}

TEST(SetHotspotOption, ParsesKnownKeys) {
  HotspotOptions o;
  EXPECT_TRUE(SetHotspotOption("join_threshold=0.5", o));
  EXPECT_DOUBLE_EQ(o.join_threshold, 0.5);
  EXPECT_TRUE(SetHotspotOption("window_days=7", o));
  EXPECT_EQ(o.window, 7 * kDayMs);
  EXPECT_FALSE(SetHotspotOption("join_threshold=2", o));
  EXPECT_FALSE(SetHotspotOption("max_terms=abc", o));
  EXPECT_FALSE(SetHotspotOption("unknown=1", o));
  EXPECT_FALSE(SetHotspotOption("join_threshold", o));
}

}  // namespace
}  // namespace lianxin::insight
