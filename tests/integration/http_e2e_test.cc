// HTTP end to end: a real server on 127.0.0.1 (testutil::TestServer: in process,
// temporary SQLite file, the demo province), driven by an HTTP client as the web UI would.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "service/service.h"
#include "testutil/pii_scan.h"
#include "testutil/test_server.h"

namespace lianxin {
namespace {

using nlohmann::json;

class HttpE2E : public testutil::ServerSuite<HttpE2E> {
 public:
  static testutil::TestServerOptions ServerOptions() {
    testutil::TestServerOptions o;
    o.server.max_body_bytes = 64 * 1024;
    return o;
  }

 protected:
  httplib::Result Post(const std::string& path, const std::string& body, const std::string& token = "") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return ScanPublic(path, Client().Post(path.c_str(), h, body, "application/json"));
  }
  httplib::Result Get(const std::string& path, const std::string& token = "") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return ScanPublic(path, Client().Get(path.c_str(), h));
  }
  // Issue 8: every response of a public endpoint goes through the personal-data scan.
  static httplib::Result ScanPublic(const std::string& path, httplib::Result r) {
    if (r && path.rfind("/api/public/", 0) == 0) {
      for (const std::string& hit : testutil::FindPersonalData(r->body)) {
        ADD_FAILURE() << path << " leaks " << hit << ": " << r->body.substr(0, 300);
      }
    }
    return r;
  }
  static int64_t TicketCount() { return server_->store().Stats()->tickets; }
  static std::string ErrorMessage(const httplib::Result& r) {
    return json::parse(r->body)["error"]["message"];
  }
};

TEST_F(HttpE2E, CitizenToResolutionWholeFlow) {
  // Citizen submits without an account.
  auto sub = Post("/api/public/tickets", json{{"title", "A3区某小区夜间施工噪音扰民"},
                                              {"body", "工地每晚十点后仍在施工，严重影响休息。"},
                                              {"phone", "13812341234"},
                                              {"name", "张三"},
                                              {"region", "XD.A.A3"},
                                              {"kind", "complaint"}}
                                             .dump());
  ASSERT_TRUE(sub);
  ASSERT_EQ(sub->status, 201) << sub->body;
  json created = json::parse(sub->body);
  std::string number = created["number"], code = created["query_code"];
  EXPECT_EQ(number.rfind("XD-", 0), 0u);

  // Tracks by code: the public view never shows phone or name in clear.
  auto track = Get("/api/public/tickets/" + number + "?code=" + code);
  ASSERT_EQ(track->status, 200) << track->body;
  EXPECT_EQ(track->body.find("13812341234"), std::string::npos);
  EXPECT_EQ(track->body.find("张三"), std::string::npos);
  EXPECT_EQ(json::parse(track->body)["status"], "received");
  EXPECT_EQ(Get("/api/public/tickets/" + number + "?code=XXXXXX")->status, 404);
  EXPECT_EQ(Get("/api/public/tickets/" + number)->status, 400);

  // Dispatcher finds it and dispatches.
  std::string dispatcher = Login("paidan");
  auto list = Get("/api/tickets?status=received&q=" + httplib::detail::encode_query_param("施工噪音"), dispatcher);
  ASSERT_EQ(list->status, 200) << list->body;
  json items = json::parse(list->body)["items"];
  ASSERT_GE(items.size(), 1u);
  int64_t id = items[0]["id"];
  EXPECT_EQ(items[0]["citizen_phone"], "138****1234");
  std::string path = "/api/tickets/" + std::to_string(id);
  auto d = Post(path + "/dispatch", json{{"unit_code", "XD.A.A3/zjj"}, {"reason", "住建部门负责"}}.dump(),
                dispatcher);
  ASSERT_EQ(d->status, 200) << d->body;
  EXPECT_EQ(json::parse(d->body)["status"], "dispatched");
  EXPECT_FALSE(json::parse(d->body)["due_at"].is_null());

  // The unit signs, replies, resolves; another unit cannot see it.
  std::string unit = Login("zhujian_a3"), other = Login("cg_a3");
  EXPECT_EQ(Get(path, other)->status, 404);
  EXPECT_EQ(Post(path + "/accept", "{}", other)->status, 404);
  auto seen = Get(path, unit);
  ASSERT_EQ(seen->status, 200);
  EXPECT_EQ(json::parse(seen->body)["citizen_phone"], "13812341234");  // the unit must call back
  ASSERT_EQ(Post(path + "/accept", "", unit)->status, 200);
  auto reply = Post(path + "/reply", json{{"content", "已责令工地夜间停工，并加强巡查。"}}.dump(), unit);
  ASSERT_EQ(reply->status, 200) << reply->body;
  auto resolve = Post(path + "/resolve", "{}", unit);
  ASSERT_EQ(resolve->status, 200) << resolve->body;
  EXPECT_EQ(json::parse(resolve->body)["status"], "resolved");
  // Resolving twice is an illegal state change with a clear message.
  auto again = Post(path + "/resolve", "{}", unit);
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(ErrorMessage(again).find("已办结"), std::string::npos);

  // The citizen sees the reply in the timeline.
  track = Get("/api/public/tickets/" + number + "?code=" + code);
  json pub = json::parse(track->body);
  EXPECT_EQ(pub["status"], "resolved");
  EXPECT_EQ(pub["reply"], "已责令工地夜间停工，并加强巡查。");
  EXPECT_EQ(pub["owner_unit_name"], "A3区住房和城乡建设局");
  EXPECT_EQ(pub["timeline"].size(), 5u);

  // The citizen confirms through the query code (回访 by the citizen).
  auto bad_visit = Post("/api/public/tickets/" + number + "/revisit",
                        json{{"code", code}, {"resolved", true}, {"satisfaction", "meh"}}.dump());
  EXPECT_EQ(bad_visit->status, 400);
  auto visit = Post("/api/public/tickets/" + number + "/revisit",
                    json{{"code", code}, {"resolved", true}, {"satisfaction", "satisfied"}}.dump());
  ASSERT_EQ(visit->status, 200) << visit->body;
  EXPECT_EQ(json::parse(visit->body)["status"], "revisited");
  EXPECT_EQ(Post("/api/public/tickets/" + number + "/revisit",
                 json{{"code", "WRONG1"}, {"resolved", true}, {"satisfaction", "satisfied"}}.dump())
                ->status,
            404);

  auto events = Get(path + "/events", dispatcher);
  ASSERT_EQ(events->status, 200);
  EXPECT_EQ(json::parse(events->body)["items"].size(), 6u);
  // Reads of personal data by the unit were audited.
  auto log = Get("/api/access-log", Login("admin"));
  ASSERT_EQ(log->status, 200);
  EXPECT_NE(log->body.find("zhujian_a3"), std::string::npos);
}

TEST_F(HttpE2E, WorkflowActionsOverHttp) {
  std::string taker = Login("huawu"), dispatcher = Login("paidan"), cg = Login("cg_a3");
  auto create = Post("/api/tickets", json{{"title", "小区噪音"}, {"body", "夜间施工"}, {"region", "XD.A.A3"}}.dump(),
                     taker);
  ASSERT_EQ(create->status, 201);
  std::string path = "/api/tickets/" + std::to_string(json::parse(create->body)["id"].get<int64_t>());
  auto got = Get(path, dispatcher);
  ASSERT_EQ(got->status, 200);
  json allowed = json::parse(got->body)["allowed_actions"];
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), "dispatch"), allowed.end());
  EXPECT_EQ(Post(path + "/fly", "{}", dispatcher)->status, 404);
  EXPECT_EQ(Post(path + "/received", "{}", dispatcher)->status, 404);
  EXPECT_EQ(Post(path + "/accept", "{}", dispatcher)->status, 403);
  ASSERT_EQ(Post(path + "/dispatch", json{{"unit_code", "XD.A.A3/cg"}, {"assist_units", {"XD.A.A3/zjj"}}}.dump(),
                 dispatcher)->status, 200);
  auto ret = Post(path + "/return_request", json{{"reason", "职能不符"}, {"content", "应由住建处理"}}.dump(), cg);
  ASSERT_EQ(ret->status, 200) << ret->body;
  EXPECT_EQ(json::parse(ret->body)["status"], "return_requested");
  EXPECT_EQ(Post(path + "/reply", json{{"content", "x"}}.dump(), cg)->status, 409);
  EXPECT_EQ(Post(path + "/return_approve", json{{"unit_code", 5}}.dump(), dispatcher)->status, 400);
  auto approve = Post(path + "/return_approve", json{{"unit_code", "XD.A.A3/zjj"}}.dump(), dispatcher);
  ASSERT_EQ(approve->status, 200) << approve->body;
  EXPECT_EQ(json::parse(approve->body)["owner_unit"], "XD.A.A3/zjj");
  EXPECT_EQ(Get(path, cg)->status, 404);
}

TEST_F(HttpE2E, DuplicateSuggestionAndMergeOverHttp) {
  std::string taker = Login("huawu"), dispatcher = Login("paidan");
  json body = {{"title", "B1区幸福里小区电梯困人多次"}, {"body", "幸福里小区3栋电梯经常困人，物业不维修"},
               {"region", "XD.B.B1"}};
  auto first = Post("/api/tickets", body.dump(), taker);
  ASSERT_EQ(first->status, 201) << first->body;
  int64_t parent = json::parse(first->body)["id"];
  json first_json = json::parse(first->body);
  // No model in this server: the agent holds everything, owned by the hotline centre.
  EXPECT_EQ(first_json["owner_unit"], "XD/rx");
  EXPECT_FALSE(first_json["suggestion"]["model_loaded"]);
  // As the call-taker types the same matter again, the preview offers the merge.
  auto preview = Post("/api/dispatch/preview",
                      json{{"title", "幸福里小区电梯困人"}, {"body", "B1区幸福里小区3栋电梯又困人了，物业不修"}}.dump(),
                      taker);
  ASSERT_EQ(preview->status, 200) << preview->body;
  json dups = json::parse(preview->body)["duplicates"];
  ASSERT_GE(dups.size(), 1u);
  EXPECT_EQ(dups[0]["id"], parent);
  EXPECT_EQ(Post("/api/dispatch/preview", json{{"title", "x"}}.dump(), Login("zhujian_a3"))->status, 403);
  auto second = Post("/api/tickets", json{{"title", "幸福里小区电梯困人"},
                                          {"body", "B1区幸福里小区3栋电梯又困人了，物业不修"},
                                          {"region", "XD.B.B1"}}.dump(), taker);
  ASSERT_EQ(second->status, 201);
  std::string child = "/api/tickets/" + std::to_string(json::parse(second->body)["id"].get<int64_t>());
  auto queue = Get("/api/dispatch/queue?limit=100", dispatcher);
  ASSERT_EQ(queue->status, 200);
  EXPECT_GE(json::parse(queue->body)["total"].get<int>(), 2);
  auto merged = Post(child + "/merge", json{{"parent_id", parent}}.dump(), dispatcher);
  ASSERT_EQ(merged->status, 200) << merged->body;
  EXPECT_EQ(json::parse(merged->body)["status"], "merged");
  auto track = Get("/api/public/tickets/" + json::parse(second->body)["number"].get<std::string>() +
                   "?code=" + json::parse(second->body)["query_code"].get<std::string>());
  EXPECT_EQ(json::parse(track->body)["parent_number"], first_json["number"]);
  auto unowned = Get("/api/dispatch/unowned", dispatcher);
  ASSERT_EQ(unowned->status, 200);
  EXPECT_EQ(json::parse(unowned->body)["total"], 0);
  auto stats = Get("/api/dispatch/stats", dispatcher);
  ASSERT_EQ(stats->status, 200);
  EXPECT_EQ(json::parse(stats->body)["unowned_open"], 0);
}

TEST_F(HttpE2E, RolesAreEnforced) {
  EXPECT_EQ(Get("/api/tickets")->status, 401);
  EXPECT_EQ(Get("/api/tickets", "lx_forged_token")->status, 401);
  std::string analyst = Login("fenxi"), taker = Login("huawu");
  auto create = Post("/api/tickets", json{{"title", "咨询公积金提取"}, {"body", "如何提取公积金？"}}.dump(), taker);
  ASSERT_EQ(create->status, 201) << create->body;
  json t = json::parse(create->body);
  EXPECT_EQ(t["channel"], "phone");
  std::string path = "/api/tickets/" + std::to_string(t["id"].get<int64_t>());
  EXPECT_EQ(Post(path + "/dispatch", json{{"unit_code", "XD.A/zjj"}}.dump(), taker)->status, 403);
  EXPECT_EQ(Post(path + "/dispatch", json{{"unit_code", "XD.A/zjj"}}.dump(), analyst)->status, 403);
  EXPECT_EQ(Post("/api/tickets", json{{"title", "x"}, {"body", "y"}}.dump(), analyst)->status, 403);
  EXPECT_EQ(Get("/api/users", taker)->status, 403);
  EXPECT_EQ(Get("/api/access-log", taker)->status, 403);
  EXPECT_EQ(Get("/api/tickets/99999999", taker)->status, 404);
  auto bad_login = Post("/api/auth/login", json{{"username", "huawu"}, {"password", "nope"}}.dump());
  EXPECT_EQ(bad_login->status, 401);
  EXPECT_EQ(ErrorMessage(bad_login), "用户名或密码错误");
  auto me = Get("/api/auth/me", taker);
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["role"], "call_taker");
  ASSERT_EQ(Post("/api/auth/logout", "", taker)->status, 200);
  EXPECT_EQ(Get("/api/auth/me", taker)->status, 401);
}

TEST_F(HttpE2E, BadInputIsRefusedAndNothingStored) {
  const int64_t before = TicketCount();
  auto malformed = Post("/api/public/tickets", "{\"title\": \"x\", ");
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(ErrorMessage(malformed), "请求体不是有效的 JSON");
  auto bad_utf8 = Post("/api/public/tickets", "{\"title\":\"\xc3\x28\",\"body\":\"b\",\"phone\":\"13800000000\"}");
  EXPECT_EQ(bad_utf8->status, 400);
  EXPECT_NE(ErrorMessage(bad_utf8).find("UTF-8"), std::string::npos);
  auto huge = Post("/api/public/tickets", json{{"title", "t"}, {"body", std::string(70 * 1024, 'a')},
                                               {"phone", "13800000000"}}
                                              .dump());
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(json::parse(huge->body)["error"]["code"], "resource_exhausted");
  auto wrong_type = Post("/api/public/tickets", R"({"title":["x"],"body":"b","phone":"13800000000"})");
  EXPECT_EQ(wrong_type->status, 400);
  EXPECT_EQ(ErrorMessage(wrong_type), "字段 title 应为字符串");
  auto unknown = Post("/api/public/tickets", R"({"title":"t","body":"b","phone":"13800000000","owner":"me"})");
  EXPECT_EQ(unknown->status, 400);
  auto too_long = Post("/api/public/tickets", json{{"title", std::string(201 * 3, 'x')}, {"body", "b"},
                                                   {"phone", "13800000000"}}
                                                  .dump());
  EXPECT_EQ(too_long->status, 400);
  EXPECT_EQ(Post("/api/public/tickets", R"({"title":"t","body":"b"})")->status, 400);  // no phone
  EXPECT_EQ(Post("/api/public/tickets", R"({"title":"t","body":"b","phone":"abc"})")->status, 400);
  EXPECT_EQ(Post("/api/public/tickets", R"({"title":"t","body":"b","phone":"13800000000","region":"XD.NOPE"})")
                ->status,
            400);
  EXPECT_EQ(Post("/api/public/tickets", "[]")->status, 400);
  EXPECT_EQ(TicketCount(), before);

  std::string dispatcher = Login("paidan");
  EXPECT_EQ(Post("/api/tickets/1/dispatch", R"({"unit_code": 7})", dispatcher)->status, 400);
  EXPECT_EQ(Get("/api/tickets?limit=abc", dispatcher)->status, 400);
  EXPECT_EQ(Get("/api/tickets?status=flying", dispatcher)->status, 400);
  EXPECT_EQ(Get("/api/tickets?from=yesterday", dispatcher)->status, 400);
  auto unknown_route = Get("/api/nothing-here");
  EXPECT_EQ(unknown_route->status, 404);
  EXPECT_EQ(json::parse(unknown_route->body)["error"]["code"], "not_found");
}

TEST_F(HttpE2E, SystemEndpoints) {
  auto health = Get("/healthz");
  ASSERT_EQ(health->status, 200);
  EXPECT_EQ(json::parse(health->body)["status"], "ok");
  EXPECT_EQ(json::parse(Get("/api/version")->body)["name"], "lianxin");
  auto regions = Get("/api/regions");
  ASSERT_EQ(regions->status, 200);
  EXPECT_GT(json::parse(regions->body)["items"].size(), 100u);
  auto units = Get("/api/units?region=XD.A.A3");
  ASSERT_EQ(units->status, 200);
  for (const auto& u : json::parse(units->body)["items"]) EXPECT_EQ(u["region"], "XD.A.A3");
  EXPECT_EQ(json::parse(Get("/api/categories")->body)["items"].size(), 650u);
  auto metrics = Get("/metrics");
  ASSERT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("lianxin_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(metrics->body.find("lianxin_tickets "), std::string::npos);
}

}  // namespace
}  // namespace lianxin
