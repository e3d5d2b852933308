#include "http/open311_decode.h"

#include <gtest/gtest.h>

#include <map>

namespace lianxin::http {
namespace {

ArgFn Args(std::map<std::string, std::string> m) {
  return [m](const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::string() : it->second;
  };
}

TEST(Open311Decode, RequestFieldsAndRepeatedAttributes) {
  auto form = ParseForm(
      "service_code=XD01&lat=30.1&long=120.2&coordinate_system=gcj02&description=%E8%B7%AF%E7%81%AF"
      "&attribute[kind][]=a&attribute[kind][]=b&attribute[size]=2&attribute[empty]=");
  ASSERT_TRUE(form.ok());
  auto r = DecodeOpen311Request(*form);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->service_code, "XD01");
  EXPECT_TRUE(r->gcj02);
  EXPECT_EQ(r->description, "路灯");
  ASSERT_EQ(r->attributes.size(), 2u);
  EXPECT_EQ(r->attributes[0].first, "kind");
  EXPECT_EQ(r->attributes[0].second, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->attributes[1].second, (std::vector<std::string>{"2"}));
}

TEST(Open311Decode, RequestRejectsBadCoordinateSystemAndAttributeKeys) {
  for (const char* body : {"coordinate_system=utm", "attribute[]=x", "attribute[a]x=1", "attribute[a"}) {
    auto form = ParseForm(body);
    ASSERT_TRUE(form.ok()) << body;
    auto r = DecodeOpen311Request(*form);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(Open311Decode, QueryListsTimesAndPages) {
  auto q = DecodeOpen311Query(Args({{"service_request_id", " XD-1 ,,XD-2"},
                                    {"status", "open"},
                                    {"start_date", "2026-11-29T08:00:00+08:00"},
                                    {"page_size", "20"},
                                    {"extensions", "true"}}));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->ids, (std::vector<std::string>{"XD-1", "XD-2"}));
  EXPECT_EQ(q->statuses, (std::vector<std::string>{"open"}));
  EXPECT_GT(q->start, 0);
  EXPECT_EQ(q->end, 0);
  EXPECT_EQ(q->page, 1);
  EXPECT_EQ(q->page_size, 20);
  EXPECT_TRUE(q->paged);
  EXPECT_TRUE(q->extensions);
}

TEST(Open311Decode, QueryNamesTheBadArgument) {
  auto q = DecodeOpen311Query(Args({{"end_date", "yesterday"}}));
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("end_date"), std::string::npos);
  for (const char* bad : {"0", "-1", "1x", "100000001"}) {
    auto p = DecodeOpen311Query(Args({{"page", bad}}));
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_NE(p.status().message().find("page"), std::string::npos);
  }
}

TEST(Open311Decode, UpdateFields) {
  auto form = ParseForm("service_request_id=XD-1&status=REOPEN&description=x&update_id=u1");
  ASSERT_TRUE(form.ok());
  auto u = DecodeOpen311Update(*form);
  EXPECT_EQ(u.service_request_id, "XD-1");
  EXPECT_EQ(u.status, "REOPEN");
  EXPECT_EQ(u.update_id, "u1");
}

}  // namespace
}  // namespace lianxin::http
