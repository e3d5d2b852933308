#include "insight/messages.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testutil/testutil.h"

namespace lianxin::insight {
namespace {

std::string Write(const testutil::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.File(name)) << text;
  return dir.File(name);
}

TEST(ReadMessagesJsonl, ReadsFieldsAndSkipsBlankLines) {
  testutil::TempDir dir;
  std::string path = Write(dir, "m.jsonl",
                           R"({"id": 7, "title": "噪音", "body": "夜间施工", "time": "2019-11-02 08:00:00", "likes": 3, "user": "A1"})"
                           "\n\n"
                           R"({"id": "8", "title": "油烟", "time": "2019-11-03T08:00:00+08:00", "urgent": true})"
                           "\n");
  auto m = ReadMessagesJsonl(path);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].id, 7);
  EXPECT_EQ((*m)[0].likes, 3);
  EXPECT_EQ((*m)[0].user, "A1");
  EXPECT_EQ((*m)[0].time, *ParseTime("2019-11-02 08:00:00"));
  EXPECT_EQ((*m)[1].id, 8);
  EXPECT_TRUE((*m)[1].urgent);
  EXPECT_EQ((*m)[1].time - (*m)[0].time, kDayMs);
}

TEST(ReadMessagesJsonl, RejectsBadLinesWithTheirNumber) {
  testutil::TempDir dir;
  const std::string ok = R"({"id": 1, "title": "t", "time": "2019-01-01"})";
  struct Case {
    std::string line;
    std::string message;
  } cases[] = {
      {"not json", "不是有效的 JSON"},
      {R"({"title": "t", "time": "2019-01-01"})", "缺少 id"},
      {R"({"id": "x1", "title": "t", "time": "2019-01-01"})", "id 必须是整数"},
      {R"({"id": 2, "title": "t", "time": "yesterday"})", "time 格式无效"},
      {R"({"id": 2, "title": "t"})", "缺少 time"},
      {R"({"id": 2, "time": "2019-01-01"})", "都为空"},
      {R"({"id": 2, "title": "t", "time": "2019-01-01", "likes": "many"})", "likes 必须是整数"},
  };
  for (const Case& c : cases) {
    auto m = ReadMessagesJsonl(Write(dir, "bad.jsonl", ok + "\n" + c.line + "\n"));
    ASSERT_FALSE(m.ok()) << c.line;
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(m.status().message().find(":2: "), std::string::npos) << m.status().ToString();
    EXPECT_NE(m.status().message().find(c.message), std::string::npos) << m.status().ToString();
  }
  EXPECT_EQ(ReadMessagesJsonl(dir.File("missing.jsonl")).status().code(), StatusCode::kNotFound);
}

TEST(ReadRegionsCsv, ReadsTheDemoProvince) {
  auto r = ReadRegionsCsv(testutil::RepoRoot() + "/data/demo/regions.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->size(), 100u);
  EXPECT_EQ(r->front().code, "XD");
  testutil::TempDir dir;
  auto bad = ReadRegionsCsv(Write(dir, "r.csv", "code,name,parent,level\nXD,西地省,,planet\n"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(ReadCliInputs, ExitStatusAndMessageForEachFailure) {
  testutil::TempDir dir;
  std::ostringstream err;
  CliInputs in;
  EXPECT_EQ(ReadCliInputs("alerts", "", "", "usage: x\n", err, in), 2);
  EXPECT_NE(err.str().find("lianxin insight alerts: 需要 --data"), std::string::npos);
  EXPECT_NE(err.str().find("usage: x"), std::string::npos);
  EXPECT_EQ(ReadCliInputs("alerts", dir.File("missing.jsonl"), "", "", err, in), 1);
  std::string bad = Write(dir, "bad.jsonl", "{not json\n");
  EXPECT_EQ(ReadCliInputs("hotspots", bad, "", "", err, in), 2);
  std::string good = Write(dir, "m.jsonl",
                           "{\"id\": 1, \"title\": \"噪音\", \"body\": \"夜间施工\", "
                           "\"time\": \"2019-01-02 10:00:00\"}\n");
  EXPECT_EQ(ReadCliInputs("hotspots", good, dir.File("none.csv"), "", err, in), 1);
  ASSERT_EQ(ReadCliInputs("hotspots", good, "", "", err, in), 0);
  ASSERT_EQ(in.messages.size(), 1u);
  EXPECT_TRUE(in.regions.empty());
}

}  // namespace
}  // namespace lianxin::insight
