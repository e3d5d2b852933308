#include "insight/alerts_cli.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/time.h"
#include "testutil/testutil.h"

namespace lianxin::insight {
namespace {

// 70 quiet days with one A2区 message each, then a day with 9, one of them about gas.
std::string Fixture(const testutil::TempDir& dir) {
  std::ofstream out(dir.File("m.jsonl"));
  const TimeMs start = *ParseTime("2019-09-01 10:00:00");
  int id = 1;
  for (int day = 0; day < 70; ++day) {
    out << nlohmann::json{{"id", id++}, {"title", "A2区道路坑洼"}, {"body", "请修路"},
                          {"time", FormatIsoCst(start + day * kDayMs)}}.dump() << "\n";
  }
  for (int k = 0; k < 9; ++k) {
    out << nlohmann::json{{"id", id++}, {"title", k == 0 ? "A2区小区燃气泄漏" : "A2区搅拌站噪音"},
                          {"body", "严重扰民"},
                          {"time", FormatIsoCst(start + 70 * kDayMs + k * kHourMs)}}.dump() << "\n";
  }
  return dir.File("m.jsonl");
}

TEST(RunAlertsCli, ExplainsACountAlertAndARiskyWord) {
  testutil::TempDir dir;
  std::ostringstream out, err;
  ASSERT_EQ(RunAlertsCli({"--data", Fixture(dir), "--json", "--regions",
                          testutil::RepoRoot() + "/data/demo/regions.csv"},
                         out, err),
            0)
      << err.str();
  auto list = nlohmann::json::parse(out.str());
  int count_alerts = 0, risky = 0;
  for (const auto& a : list) {
    if (a["kind"] == "risky_word") {
      ++risky;
      EXPECT_EQ(a["ticket"], 71);
      EXPECT_EQ(a["category"], "燃气");
    } else {
      ++count_alerts;
      EXPECT_EQ(a["day"], "2019-11-10");
      EXPECT_EQ(a["seen"], 9);
      EXPECT_DOUBLE_EQ(a["expected"].get<double>(), 1);
      EXPECT_EQ(a["examples"], nlohmann::json::array({71, 72, 73}));
    }
  }
  EXPECT_EQ(risky, 1);
  EXPECT_EQ(count_alerts, 2);  // the total and the A2区 series
}

TEST(RunAlertsCli, FromSkipsEarlierDaysAndUsageErrors) {
  testutil::TempDir dir;
  std::string data = Fixture(dir);
  std::ostringstream out, err;
  ASSERT_EQ(RunAlertsCli({"--data", data, "--json", "--from", "2019-11-11"}, out, err), 0);
  EXPECT_EQ(out.str(), "[]\n");
  EXPECT_EQ(RunAlertsCli({}, out, err), 2);
  EXPECT_EQ(RunAlertsCli({"--data", data, "--alpha", "2"}, out, err), 2);
  EXPECT_EQ(RunAlertsCli({"--data", data, "--from", "someday"}, out, err), 2);
  out.str("");
  ASSERT_EQ(RunAlertsCli({"--data", data}, out, err), 0);
  EXPECT_NE(out.str().find("数量异常 total: 预期 1, 实际 9"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace lianxin::insight
