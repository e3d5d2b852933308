#include "http/json_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lianxin::http {
namespace {

TEST(JsonCodec, ParseObjectRejectsBadInput) {
  EXPECT_EQ(ParseObject("{").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseObject("[1]").status().message(), "请求体必须是 JSON 对象");
  auto bad_utf8 = ParseObject("{\"title\":\"\xff\"}");
  EXPECT_NE(bad_utf8.status().message().find("UTF-8"), std::string::npos);
  EXPECT_TRUE(ParseObject("{\"a\":1}").ok());
}

TEST(JsonCodec, DecodeNewTicketChecksTypesAndKeys) {
  auto ok = DecodeNewTicket(Json::parse(R"({"title":"t","body":"b","kind":"complaint",
      "urgency":"urgent","latitude":28.1,"longitude":112.9})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->kind, TicketKind::kComplaint);
  EXPECT_EQ(ok->urgency, Urgency::kUrgent);
  EXPECT_DOUBLE_EQ(*ok->latitude, 28.1);
  auto wrong_type = DecodeNewTicket(Json::parse(R"({"title":5})"));
  EXPECT_EQ(wrong_type.status().message(), "字段 title 应为字符串");
  auto unknown = DecodeNewTicket(Json::parse(R"({"title":"t","admin":true})"));
  EXPECT_EQ(unknown.status().message(), "未知字段：admin");
  EXPECT_FALSE(DecodeNewTicket(Json::parse(R"({"kind":"rant"})")).ok());
  EXPECT_FALSE(DecodeNewTicket(Json::parse(R"({"latitude":"north"})")).ok());
}

TEST(JsonCodec, EncodesTicketWithNames) {
  service::Directory dir;
  dir.regions.push_back({"XD.A", "A市", "XD", RegionLevel::kCity});
  service::TicketView v;
  v.ticket.id = 3;
  v.ticket.number = "XD-20261129-000003";
  v.ticket.region_code = "XD.A";
  v.ticket.created_at = 1795910400000;
  Json j = EncodeTicket(v, dir);
  EXPECT_EQ(j["region_name"], "A市");
  EXPECT_EQ(j["created_at"], "2026-11-29T08:00:00+08:00");
  EXPECT_TRUE(j["due_at"].is_null());
  EXPECT_EQ(j["status_label"], "已受理");
}

}  // namespace
}  // namespace lianxin::http
