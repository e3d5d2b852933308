#include "http/server.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace lianxin::http {
namespace {

TEST(HttpServer, OneMappingFromStatusToHttp) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 413);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
}

TEST(HttpServer, ErrorBodyHidesInternalDetails) {
  Response res;
  WriteError(res, Status::Internal("sqlite: disk I/O error at /var/x"));
  EXPECT_EQ(res.status, 500);
  auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(j["error"]["code"], "internal");
  EXPECT_EQ(j["error"]["message"], "服务器内部错误");
  WriteError(res, Status::NotFound("工单不存在：7"));
  j = nlohmann::json::parse(res.body);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(j["error"]["message"], "工单不存在：7");
}

TEST(HttpServer, RouteTableIsWellFormed) {
  std::set<std::string> seen;
  for (const Route& r : Routes()) {
    EXPECT_NO_THROW(std::regex(r.pattern)) << r.pattern;
    EXPECT_TRUE(seen.insert(std::string(r.method) + " " + r.pattern).second) << r.pattern;
    EXPECT_TRUE(r.handler) << r.pattern;
  }
}

}  // namespace
}  // namespace lianxin::http
