// `lianxin dispatch retrain`: learns from a dispatcher's category corrections and
// replaces the model only when it evaluates at least as well.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "testutil/testutil.h"

namespace lianxin::cli {
namespace {

// Three topics with their own words, as JSONL lines with label_l1.
void WriteBase(const std::string& path) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> topics = {
      {"交通运输", {"公交", "车站", "道路", "拥堵", "出租车", "司机", "线路", "高速"}},
      {"教育文体", {"学校", "老师", "学生", "招生", "幼儿园", "学费", "考试", "课程"}},
      {"环境保护", {"污染", "噪音", "油烟", "排放", "垃圾", "河道", "臭味", "工厂"}},
  };
  std::ofstream out(path);
  for (int i = 0; i < 30; ++i) {
    for (const auto& [label, words] : topics) {
      std::string body;
      for (int w = 0; w < 8; ++w) body += words[(i * 5 + w * 7) % 8];
      out << "{\"title\":\"" << words[i % 8] << words[(i * 3 + 1) % 8] << "问题\",\"body\":\"" << body
          << "\",\"label_l1\":\"" << label << "\"}\n";
    }
  }
}

TEST(DispatchRetrain, LearnsFromCorrectionsAndSavesTheModel) {
  testutil::TempDir dir;
  std::string data_dir = dir.File("data");
  {
    auto app = OpenApp(data_dir);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    store::Store& st = *(*app)->store;
    ASSERT_TRUE(st.PutRegions({{"XD", "西地省", "", RegionLevel::kProvince}}).ok());
    ASSERT_TRUE(st.PutUnits({{"XD/rx", "热线", "rx", "XD"}, {"XD/jy", "教育厅", "jy", "XD"}}).ok());
    ASSERT_TRUE(st.PutCategories({{"05", "交通运输", "", 1}, {"06", "教育文体", "", 1},
                                  {"07", "环境保护", "", 1}})
                    .ok());
    service::Service& svc = *(*app)->service;
    ASSERT_TRUE(svc.ReloadDirectory().ok());
    User u;
    u.username = "paidan";
    u.role = Role::kDispatcher;
    ASSERT_TRUE(svc.PutUser(service::Actor::System(), u, "password1").ok());
    service::Actor dispatcher = *svc.Authenticate(svc.Login("paidan", "password1")->token);
    service::NewTicket n;
    n.title = "学校乱收费";
    n.body = "幼儿园学费太高";
    auto t = svc.CreateTicket(dispatcher, n);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    service::ActionRequest fix;
    fix.type = EventType::kDispatch;
    fix.unit_code = "XD/jy";
    fix.category_code = "06";
    ASSERT_TRUE(svc.Perform(dispatcher, t->ticket.id, fix).ok());
  }
  std::string base = dir.File("base.jsonl"), model = dir.File("m.model");
  WriteBase(base);
  std::ostringstream captured;
  std::streambuf* old = std::cout.rdbuf(captured.rdbuf());
  int rc = RunDispatch({"retrain", "--data-dir", data_dir, "--base", base, "--model", model,
                        "--folds", "2"});
  std::cout.rdbuf(old);
  EXPECT_EQ(rc, 0) << captured.str();
  EXPECT_NE(captured.str().find("corrections: 1"), std::string::npos) << captured.str();
  EXPECT_NE(captured.str().find("cross-validated macro-F1"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(model)) << captured.str();
  auto loaded = LoadOrTrainModel(model, false);
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(RunDispatch({"retrain", "--data-dir", data_dir, "--base", dir.File("missing.jsonl")}), 1);
}

}  // namespace
}  // namespace lianxin::cli
