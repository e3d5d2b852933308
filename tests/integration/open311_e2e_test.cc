// Open311 GeoReport v2 end to end: a real server on 127.0.0.1 (in process,
// temporary SQLite file, the demo province), driven as a civic app would.
//
// Every response body goes through the personal-data scan (testutil/pii_scan.h).
// Every JSON response is recorded under LIANXIN_OPEN311_RECORD_DIR with the
// spec path it answers; tests/open311/validate.mjs (ctest: open311_schema)
// validates them against ../shared/open311/open311-openapi.json with ajv. Each
// JSON call is repeated in XML, parsed here and compared with the JSON content.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "service/service.h"
#include "testutil/pii_scan.h"
#include "testutil/test_server.h"

namespace lianxin {
namespace {

using nlohmann::json;

// ---- a tiny XML reader: elements and text only (what Open311 XML is) ----
struct XmlNode {
  std::string name;
  std::string text;
  std::vector<XmlNode> children;
};

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    std::string ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else throw std::runtime_error("unknown entity " + ent);
    i = semi;
  }
  return out;
}

XmlNode ParseElement(const std::string& x, size_t& pos) {
  if (x[pos] != '<') throw std::runtime_error("expected < at " + std::to_string(pos));
  size_t close = x.find('>', pos);
  XmlNode n;
  n.name = x.substr(pos + 1, close - pos - 1);
  if (n.name.find_first_of(" /=") != std::string::npos) throw std::runtime_error("attributes: " + n.name);
  pos = close + 1;
  std::string text;
  while (true) {
    if (pos >= x.size()) throw std::runtime_error("unclosed " + n.name);
    if (x.compare(pos, 2, "</") == 0) {
      size_t end = x.find('>', pos);
      if (x.substr(pos + 2, end - pos - 2) != n.name) throw std::runtime_error("mismatched " + n.name);
      pos = end + 1;
      break;
    }
    if (x[pos] == '<') {
      n.children.push_back(ParseElement(x, pos));
    } else {
      size_t next = x.find('<', pos);
      text += x.substr(pos, next - pos);
      pos = next;
    }
  }
  n.text = Unescape(text);
  return n;
}

XmlNode ParseXml(const std::string& x) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  if (x.rfind(decl, 0) != 0) throw std::runtime_error("missing XML declaration");
  size_t pos = x.find('<', decl.size());
  XmlNode root = ParseElement(x, pos);
  if (x.find_first_not_of(" \n\r\t", pos) != std::string::npos) throw std::runtime_error("trailing data");
  return root;
}

// Whether the XML element carries exactly the JSON value's content.
::testing::AssertionResult Matches(const json& j, const XmlNode& n, const std::string& where) {
  if (j.is_array()) {
    if (n.children.size() != j.size()) {
      return ::testing::AssertionFailure() << where << ": " << n.children.size() << " elements vs "
                                           << j.size() << " in JSON";
    }
    for (size_t i = 0; i < j.size(); ++i) {
      auto r = Matches(j[i], n.children[i], where + "/" + n.children[i].name + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (j.is_object()) {
    size_t fields = 0;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.value().is_null()) continue;
      ++fields;
      int found = 0;
      const XmlNode* child = nullptr;
      for (const XmlNode& c : n.children) {
        if (c.name == it.key()) {
          ++found;
          child = &c;
        }
      }
      if (found != 1) {
        return ::testing::AssertionFailure() << where << ": <" << it.key() << "> found " << found << " times";
      }
      auto r = Matches(it.value(), *child, where + "/" + it.key());
      if (!r) return r;
    }
    if (fields != n.children.size()) {
      return ::testing::AssertionFailure() << where << ": XML has extra elements";
    }
    return ::testing::AssertionSuccess();
  }
  if (!n.children.empty()) return ::testing::AssertionFailure() << where << ": element where a value was expected";
  std::string expected;
  if (j.is_string()) expected = j.get<std::string>();
  else if (j.is_boolean()) expected = j.get<bool>() ? "true" : "false";
  else if (j.is_number()) {
    if (std::stod(n.text) != j.get<double>()) {
      return ::testing::AssertionFailure() << where << ": " << n.text << " vs " << j.dump();
    }
    return ::testing::AssertionSuccess();
  }
  if (n.text != expected) return ::testing::AssertionFailure() << where << ": '" << n.text << "' vs '" << expected << "'";
  return ::testing::AssertionSuccess();
}

class Open311E2E : public testutil::ServerSuite<Open311E2E> {
 public:
  static testutil::TestServerOptions ServerOptions() {
    testutil::TestServerOptions o;
    o.db_name = "o311.db";
    o.clock = &clock_;
    return o;
  }

 protected:
  static void SetUpTestSuite() {
    ServerSuite::SetUpTestSuite();
    std::filesystem::create_directories(LIANXIN_OPEN311_RECORD_DIR);
  }

  static httplib::Client Client(int port = server_->port()) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    return c;
  }

  // Scans every body for personal data; records JSON bodies for the schema check.
  void Check(const std::string& method, const std::string& spec_path, const httplib::Result& r,
             bool json_format) {
    ASSERT_TRUE(r) << "no response";
    for (const std::string& hit : testutil::FindPersonalData(r->body)) {
      ADD_FAILURE() << method << " " << spec_path << " leaks " << hit << ": " << r->body.substr(0, 400);
    }
    if (!json_format) {
      EXPECT_EQ(r->get_header_value("Content-Type"), "text/xml; charset=utf-8");
      return;
    }
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
    json body = json::parse(r->body);  // throws (fails the test) on invalid JSON
    static std::atomic<int> seq{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string file = std::string(LIANXIN_OPEN311_RECORD_DIR) + "/" + info->name() + "-" +
                       std::to_string(seq++) + ".json";
    std::ofstream(file) << json{{"method", method}, {"path", spec_path}, {"status", r->status}, {"body", body}}.dump();
    ++recorded_;
  }

  // GET `url` (with ".json" / ".xml" replacing "{fmt}") in both formats; checks
  // that the XML matches the JSON; returns the JSON response.
  httplib::Result Get(const std::string& spec_path, const std::string& url, const std::string& root) {
    std::string json_url = url, xml_url = url;
    json_url.replace(json_url.find("{fmt}"), 5, "json");
    xml_url.replace(xml_url.find("{fmt}"), 5, "xml");
    auto j = Client().Get(json_url.c_str());
    Check("get", spec_path, j, true);
    auto x = Client().Get(xml_url.c_str());
    Check("get", spec_path, x, false);
    EXPECT_EQ(x->status, j->status);
    CompareXml(j->body, x->body, root);
    return j;
  }

  httplib::Result Post(const std::string& spec_path, const std::string& url, const std::string& form,
                       bool as_xml = false) {
    std::string u = url;
    u.replace(u.find("{fmt}"), 5, as_xml ? "xml" : "json");
    auto r = Client().Post(u.c_str(), form, "application/x-www-form-urlencoded; charset=utf-8");
    Check("post", spec_path, r, !as_xml);
    return r;
  }

  static void CompareXml(const std::string& json_body, const std::string& xml_body, const std::string& root) {
    XmlNode doc;
    try {
      doc = ParseXml(xml_body);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "XML does not parse: " << e.what() << "\n" << xml_body.substr(0, 400);
      return;
    }
    EXPECT_EQ(doc.name, root);
    EXPECT_TRUE(Matches(json::parse(json_body), doc, root));
  }

  static std::string Enc(const std::string& s) { return httplib::detail::encode_query_param(s); }

  std::string StaffToken(const std::string& user) {
    auto r = Client().Post("/api/auth/login", json{{"username", user}, {"password", "demo1234"}}.dump(),
                           "application/json");
    EXPECT_EQ(r->status, 200);
    return json::parse(r->body)["token"];
  }

  std::string IssueKey(const std::string& name, bool batch) {
    httplib::Headers h{{"Authorization", "Bearer " + StaffToken("admin")}};
    auto r = Client().Post("/api/open311/clients", h, json{{"name", name}, {"batch", batch}}.dump(),
                           "application/json");
    EXPECT_EQ(r->status, 201) << r->body;
    return json::parse(r->body)["api_key"];
  }

  httplib::Result Staff(const std::string& token, const std::string& path, const json& body) {
    httplib::Headers h{{"Authorization", "Bearer " + token}};
    return Client().Post(path.c_str(), h, body.dump(), "application/json");
  }

  // A civic app's report, with the citizen's personal data in the fields and in the text.
  std::string ReportForm(const std::string& key, const std::string& extra = "") {
    return "api_key=" + Enc(key) + "&service_code=01.01.001&address_id=XD.A.A3" +
           "&address_string=" + Enc("A3区人民路18号3栋2单元502室") +
           "&first_name=" + Enc("三") + "&last_name=" + Enc("张") + "&phone=13812341234" +
           "&email=zhangsan%40example.org&account_id=acc-42&device_id=dev-9" +
           "&description=" + Enc("工地塔吊倾斜。我是张三，电话13812341234，身份证430102199003071234。") +
           "&attribute[kind]=report&attribute[fixmystreet_id]=4711" + extra;
  }

  void TearDown() override {
    // Every test that talks to the server must leave something for the schema check.
    if (expects_records_) EXPECT_GT(recorded_, 0);
  }

  int recorded_ = 0;
  bool expects_records_ = true;
  static inline SystemClock clock_;
};

TEST(PiiScan, FindsPhonesIdsAndNames) {
  EXPECT_TRUE(testutil::FindPersonalData("电话 138****1234，工单 XD-20261201-000001").empty());
  auto hits = testutil::FindPersonalData("张三 13812341234 43010219900307123X 430102199003071234");
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0], "mobile 13812341234");
  EXPECT_EQ(hits[1], "id 43010219900307123X");
  EXPECT_EQ(hits[3], "name 张三");
  EXPECT_TRUE(testutil::FindPersonalData("1381234123456").empty());  // a longer number
  EXPECT_TRUE(testutil::FindPersonalData("\"lat\":39.914999999999999").empty());  // a fraction
}

TEST_F(Open311E2E, DiscoveryAndServices) {
  auto d = Get("(ours)/discovery.{response_format}", "/open311/v2/discovery.{fmt}", "discovery");
  ASSERT_EQ(d->status, 200);
  json disc = json::parse(d->body);
  EXPECT_EQ(disc["endpoints"][0]["formats"].size(), 2u);
  EXPECT_NE(disc["endpoints"][0]["url"].get<std::string>().find("/open311/v2/"), std::string::npos);

  auto s = Get("/services.{response_format}", "/open311/v2/services.{fmt}", "services");
  ASSERT_EQ(s->status, 200);
  json services = json::parse(s->body);
  ASSERT_EQ(services.size(), 650u);  // every category of the demo taxonomy
  json leaf;
  for (const json& x : services) {
    if (x["service_code"] == "01.01.001") leaf = x;
  }
  EXPECT_EQ(leaf["group"], "城乡建设");
  EXPECT_EQ(leaf["type"], "realtime");
  EXPECT_EQ(leaf["groups"].size(), 2u);

  auto def = Get("/services/{service_code}.{response_format}", "/open311/v2/services/01.01.001.{fmt}",
                 "service_definition");
  ASSERT_EQ(def->status, 200);
  json attrs = json::parse(def->body)["attributes"];
  ASSERT_EQ(attrs.size(), 5u);
  EXPECT_EQ(attrs[1]["code"], "kind");
  EXPECT_EQ(attrs[1]["values"].size(), 6u);
  EXPECT_EQ(attrs[3]["automated"], "hidden_field");
  EXPECT_FALSE(attrs[4]["variable"].get<bool>());

  auto missing = Get("/services/{service_code}.{response_format}", "/open311/v2/services/99.99.{fmt}",
                     "errors");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(json::parse(missing->body)[0]["code"], 404);
  auto wrong_j = Get("/services.{response_format}", "/open311/v2/services.{fmt}?jurisdiction_id=nowhere",
                     "errors");
  EXPECT_EQ(wrong_j->status, 404);
  EXPECT_EQ(Get("/services.{response_format}", "/open311/v2/services.{fmt}?jurisdiction_id=XD", "services")
                ->status,
            200);
}

TEST_F(Open311E2E, PostRequestKeysLocationAndErrors) {
  const std::string key = IssueKey("civic-app-post", false);
  const std::string path = "/requests.{response_format}";
  auto no_key = Post(path, "/open311/v2/requests.{fmt}", ReportForm(""));
  EXPECT_EQ(no_key->status, 403);
  EXPECT_EQ(json::parse(no_key->body)[0]["code"], 403);
  auto bad_key = Post(path, "/open311/v2/requests.{fmt}", ReportForm("o311_wrong"), true);
  EXPECT_EQ(bad_key->status, 403);
  XmlNode err = ParseXml(bad_key->body);
  ASSERT_EQ(err.name, "errors");
  ASSERT_EQ(err.children.size(), 1u);
  EXPECT_EQ(err.children[0].name, "error");
  EXPECT_EQ(err.children[0].children[0].name, "code");
  EXPECT_EQ(err.children[0].children[0].text, "403");
  int64_t before = server_->store().Stats()->tickets;
  auto no_place = Post(path, "/open311/v2/requests.{fmt}",
                       "api_key=" + Enc(key) + "&service_code=01.01.001&description=x");
  EXPECT_EQ(no_place->status, 400);
  EXPECT_NE(json::parse(no_place->body)[0]["description"].get<std::string>().find("位置"), std::string::npos);
  auto unknown = Post(path, "/open311/v2/requests.{fmt}",
                      "api_key=" + Enc(key) + "&service_code=77&address_id=XD.A.A3");
  EXPECT_EQ(unknown->status, 404);
  auto emergency = Post(path, "/open311/v2/requests.{fmt}", ReportForm(key, "&attribute[urgency]=emergency"));
  EXPECT_EQ(emergency->status, 400);
  auto bad_form = Post(path, "/open311/v2/requests.{fmt}", "api_key=%zz");
  EXPECT_EQ(bad_form->status, 400);
  auto as_json = Client().Post("/open311/v2/requests.json", "{\"service_code\":\"01\"}", "application/json");
  EXPECT_EQ(as_json->status, 400);
  EXPECT_EQ(server_->store().Stats()->tickets, before);  // nothing stored by a refused request

  auto ok = Post(path, "/open311/v2/requests.{fmt}", ReportForm(key));
  ASSERT_EQ(ok->status, 200) << ok->body;
  json receipt = json::parse(ok->body);
  ASSERT_EQ(receipt.size(), 1u);
  ASSERT_TRUE(receipt[0].contains("service_request_id"));
  EXPECT_FALSE(receipt[0].contains("token"));
  EXPECT_EQ(receipt[0]["account_id"], "acc-42");
  auto xml = Post(path, "/open311/v2/requests.{fmt}", ReportForm(key), true);
  ASSERT_EQ(xml->status, 200);
  XmlNode doc = ParseXml(xml->body);
  ASSERT_EQ(doc.name, "service_requests");
  ASSERT_EQ(doc.children.size(), 1u);
  EXPECT_EQ(doc.children[0].name, "request");

  // GCJ-02 from a domestic map app is stored as WGS84.
  auto gcj = Post(path, "/open311/v2/requests.{fmt}",
                  "api_key=" + Enc(key) + "&service_code=01.01.001&lat=39.91640428150164"
                  "&long=116.41024449916938&coordinate_system=gcj02&description=" + Enc("井盖缺失"));
  ASSERT_EQ(gcj->status, 200) << gcj->body;
  std::string id = json::parse(gcj->body)[0]["service_request_id"];
  auto one = Get("/requests/{service_request_id}.{response_format}", "/open311/v2/requests/" + id + ".{fmt}",
                 "service_requests");
  json got = json::parse(one->body)[0];
  EXPECT_NEAR(got["lat"].get<double>(), 39.915, 1e-7);
  EXPECT_NEAR(got["long"].get<double>(), 116.404, 1e-7);
  auto wrong_j = Post(path, "/open311/v2/requests.{fmt}", ReportForm(key, "&jurisdiction_id=nowhere"));
  EXPECT_EQ(wrong_j->status, 404);
  // Only an administrator issues keys.
  httplib::Headers staff{{"Authorization", "Bearer " + StaffToken("paidan")}};
  auto denied = Client().Post("/api/open311/clients", staff, json{{"name", "rogue"}}.dump(), "application/json");
  EXPECT_EQ(denied->status, 403);
  httplib::Headers admin{{"Authorization", "Bearer " + StaffToken("admin")}};
  auto listed = Client().Get("/api/open311/clients", admin);
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(listed->body.find("o311_"), std::string::npos);  // keys are never listed
  EXPECT_NE(listed->body.find("civic-app-post"), std::string::npos);
  auto bad_cs = Post(path, "/open311/v2/requests.{fmt}",
                     "api_key=" + Enc(key) + "&service_code=01&lat=1&long=2&coordinate_system=bd09");
  EXPECT_EQ(bad_cs->status, 400);
}

TEST_F(Open311E2E, GetRequestsWithEveryFilter) {
  const std::string key = IssueKey("civic-app-get", false);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    std::string form = ReportForm(key);
    if (i == 2) form.replace(form.find("service_code=01.01.001"), 22, "service_code=02");
    auto r = Post("/requests.{response_format}", "/open311/v2/requests.{fmt}", form);
    ASSERT_EQ(r->status, 200) << r->body;
    ids.push_back(json::parse(r->body)[0]["service_request_id"]);
  }
  const std::string path = "/requests.{response_format}";
  auto by_id = Get(path, "/open311/v2/requests.{fmt}?service_request_id=" + ids[0] + "," + ids[2] +
                             "&status=closed", "service_requests");
  ASSERT_EQ(by_id->status, 200);
  json list = json::parse(by_id->body);
  ASSERT_EQ(list.size(), 2u);  // ids override every other filter
  EXPECT_EQ(list[0]["status"], "open");
  EXPECT_EQ(list[0]["address"].get<std::string>().find("502室"), std::string::npos);  // room masked
  EXPECT_FALSE(list[0].contains("extended_attributes"));

  auto by_code = Get(path, "/open311/v2/requests.{fmt}?service_code=02&status=open", "service_requests");
  json coded = json::parse(by_code->body);
  ASSERT_GE(coded.size(), 1u);
  for (const json& r : coded) EXPECT_EQ(r["service_code"].get<std::string>().rfind("02", 0), 0u);
  auto closed = Get(path, "/open311/v2/requests.{fmt}?service_request_id=&status=closed&service_code=02",
                    "service_requests");
  EXPECT_EQ(json::parse(closed->body).size(), 0u);

  std::string now = FormatIsoCst(clock_.Now() + kHourMs);
  std::string past = FormatIsoCst(clock_.Now() - kHourMs);
  auto dated = Get(path, "/open311/v2/requests.{fmt}?start_date=" + Enc(past) + "&end_date=" + Enc(now),
                   "service_requests");
  EXPECT_GE(json::parse(dated->body).size(), 3u);
  auto too_long = Get(path, "/open311/v2/requests.{fmt}?start_date=2026-01-01T00:00:00Z&end_date=" + Enc(now),
                      "errors");
  EXPECT_EQ(too_long->status, 400);
  auto bad_date = Get(path, "/open311/v2/requests.{fmt}?start_date=yesterday", "errors");
  EXPECT_EQ(bad_date->status, 400);
  auto bad_status = Get(path, "/open311/v2/requests.{fmt}?status=solved", "errors");
  EXPECT_EQ(bad_status->status, 400);

  auto page1 = Get(path, "/open311/v2/requests.{fmt}?page_size=2&page=1", "service_requests");
  auto page2 = Get(path, "/open311/v2/requests.{fmt}?page_size=2&page=2", "service_requests");
  json p1 = json::parse(page1->body), p2 = json::parse(page2->body);
  ASSERT_EQ(p1.size(), 2u);
  ASSERT_GE(p2.size(), 1u);
  EXPECT_NE(p1[0]["service_request_id"], p2[0]["service_request_id"]);
  EXPECT_EQ(Get(path, "/open311/v2/requests.{fmt}?page_size=501", "errors")->status, 400);

  auto updated = Get(path, "/open311/v2/requests.{fmt}?updated_after=" + Enc(past) + "&updated_before=" + Enc(now),
                     "service_requests");
  EXPECT_GE(json::parse(updated->body).size(), 3u);
  auto none = Get(path, "/open311/v2/requests.{fmt}?updated_after=" + Enc(now), "service_requests");
  EXPECT_EQ(json::parse(none->body).size(), 0u);

  auto ext = Get(path, "/open311/v2/requests.{fmt}?extensions=true&service_request_id=" + ids[0],
                 "service_requests");
  json e = json::parse(ext->body)[0];
  EXPECT_EQ(e["extended_attributes"]["detailed_status"], "received");
  EXPECT_EQ(e["extended_attributes"]["channel"], "open311");
  ASSERT_EQ(e["notes"].size(), 1u);
  EXPECT_EQ(e["notes"][0]["type"], "submitted");
  ASSERT_EQ(e["attributes"].size(), 2u);
  EXPECT_EQ(e["attributes"][1]["value"], "4711");

  auto missing = Get("/requests/{service_request_id}.{response_format}", "/open311/v2/requests/XD-1-2.{fmt}",
                     "errors");
  EXPECT_EQ(missing->status, 404);
}

TEST_F(Open311E2E, BatchClientsPollTokens) {
  const std::string key = IssueKey("batch-app", true);
  auto r = Post("/requests.{response_format}", "/open311/v2/requests.{fmt}", ReportForm(key));
  ASSERT_EQ(r->status, 200) << r->body;
  json receipt = json::parse(r->body)[0];
  ASSERT_TRUE(receipt.contains("token"));
  EXPECT_FALSE(receipt.contains("service_request_id"));
  std::string token = receipt["token"];
  auto t = Get("/tokens/{token_id}.{response_format}", "/open311/v2/tokens/" + token + ".{fmt}",
               "service_requests");
  ASSERT_EQ(t->status, 200);
  json resolved = json::parse(t->body)[0];
  EXPECT_EQ(resolved["token"], token);
  std::string id = resolved["service_request_id"];
  EXPECT_EQ(Get("/tokens/{token_id}.{response_format}", "/open311/v2/tokens/NOSUCH.{fmt}", "errors")->status,
            404);

  auto u = Post("/servicerequestupdates.{response_format}", "/open311/v2/servicerequestupdates.{fmt}",
                "api_key=" + Enc(key) + "&update_id=b1&service_request_id=" + id +
                    "&updated_datetime=" + Enc("2026-12-01T10:00:00+08:00") + "&status=OPEN&description=" +
                    Enc("补充：还有一处围挡倒塌"));
  ASSERT_EQ(u->status, 200) << u->body;
  std::string utoken = json::parse(u->body)[0]["token"];
  auto ut = Get("/update_tokens/{token_id}.{response_format}", "/open311/v2/update_tokens/" + utoken + ".{fmt}",
                "service_request_updates");
  ASSERT_EQ(ut->status, 200);
  EXPECT_FALSE(json::parse(ut->body)[0]["update_id"].get<std::string>().empty());
}

// The round trip of a civic app: discover -> list services -> post a request
// with attributes -> poll its status -> receive the unit's reply as an update.
TEST_F(Open311E2E, CivicAppRoundTrip) {
  auto disc = Get("(ours)/discovery.{response_format}", "/open311/v2/discovery.{fmt}", "discovery");
  ASSERT_EQ(disc->status, 200);
  auto services = Get("/services.{response_format}", "/open311/v2/services.{fmt}", "services");
  ASSERT_EQ(services->status, 200);
  std::string code = json::parse(services->body)[2]["service_code"];
  auto def = Get("/services/{service_code}.{response_format}", "/open311/v2/services/" + code + ".{fmt}",
                 "service_definition");
  ASSERT_EQ(def->status, 200);

  const std::string key = IssueKey("civic-app-trip", false);
  std::string started = FormatIsoCst(clock_.Now() - 1000);
  auto posted = Post("/requests.{response_format}", "/open311/v2/requests.{fmt}",
                     "api_key=" + Enc(key) + "&service_code=" + code + "&address_id=XD.A.A3" +
                         "&last_name=" + Enc("李") + "&first_name=" + Enc("四") + "&phone=13900001111" +
                         "&description=" + Enc("小区门口路灯坏了一周，晚上很黑。联系人李四 13900001111") +
                         "&attribute[kind]=help&attribute[urgency]=urgent&attribute[title]=" + Enc("路灯不亮"));
  ASSERT_EQ(posted->status, 200) << posted->body;
  std::string id = json::parse(posted->body)[0]["service_request_id"];
  const std::string one = "/requests/{service_request_id}.{response_format}";
  auto polled = Get(one, "/open311/v2/requests/" + id + ".{fmt}?extensions=true", "service_requests");
  json r = json::parse(polled->body)[0];
  EXPECT_EQ(r["status"], "open");
  EXPECT_EQ(r["extended_attributes"]["title"], "路灯不亮");
  EXPECT_TRUE(r.contains("expected_datetime"));

  // Staff handle it: the dispatcher sends it to the unit, which signs, replies, resolves.
  auto tickets = server_->service().store().GetTicketByNumber(id);
  ASSERT_TRUE(tickets.ok());
  EXPECT_EQ(tickets->urgency, Urgency::kUrgent);
  std::string path = "/api/tickets/" + std::to_string(tickets->id);
  std::string dispatcher = StaffToken("paidan"), unit = StaffToken("zhujian_a3");
  ASSERT_EQ(Staff(dispatcher, path + "/dispatch", json{{"unit_code", "XD.A.A3/zjj"}, {"reason", "住建负责"}})->status, 200);
  ASSERT_EQ(Staff(unit, path + "/accept", json::object())->status, 200);
  auto reply = Staff(unit, path + "/reply", json{{"content", "李四您好，已安排维修，明晚前修复。"}});
  ASSERT_EQ(reply->status, 200) << reply->body;

  polled = Get(one, "/open311/v2/requests/" + id + ".{fmt}?extensions=true", "service_requests");
  r = json::parse(polled->body)[0];
  EXPECT_EQ(r["status"], "open");
  EXPECT_EQ(r["extended_attributes"]["detailed_status"], "in_progress");
  EXPECT_EQ(r["agency_responsible"], "A3区住房和城乡建设局");
  EXPECT_NE(r["status_notes"].get<std::string>().find("已安排维修"), std::string::npos);

  auto updates = Get("/servicerequestupdates.{response_format}",
                     "/open311/v2/servicerequestupdates.{fmt}?start_date=" + Enc(started), "service_request_updates");
  ASSERT_EQ(updates->status, 200);
  bool got_reply = false;
  for (const json& u : json::parse(updates->body)) {
    if (u["service_request_id"] != id) continue;
    if (u["description"].get<std::string>().find("已安排维修") != std::string::npos) {
      got_reply = true;
      EXPECT_EQ(u["status"], "IN_PROGRESS");
    }
  }
  EXPECT_TRUE(got_reply) << updates->body;

  ASSERT_EQ(Staff(unit, path + "/resolve", json::object())->status, 200);
  polled = Get(one, "/open311/v2/requests/" + id + ".{fmt}", "service_requests");
  EXPECT_EQ(json::parse(polled->body)[0]["status"], "closed");
  // The citizen is not satisfied: the app asks to reopen (FixMyStreet REOPEN).
  auto reopen = Post("/servicerequestupdates.{response_format}", "/open311/v2/servicerequestupdates.{fmt}",
                     "api_key=" + Enc(key) + "&update_id=u-7&service_request_id=" + id +
                         "&updated_datetime=" + Enc(FormatIsoCst(clock_.Now())) + "&status=REOPEN" +
                         "&description=" + Enc("路灯还是不亮"));
  ASSERT_EQ(reopen->status, 200) << reopen->body;
  polled = Get(one, "/open311/v2/requests/" + id + ".{fmt}?extensions=true", "service_requests");
  r = json::parse(polled->body)[0];
  EXPECT_EQ(r["status"], "open");
  // 重办 sends the ticket straight back to the unit that handled it (a system 派单
  // right after the reopen), so the timeline ends REOPEN, then ACTION_SCHEDULED.
  EXPECT_EQ(r["extended_attributes"]["detailed_status"], "dispatched");
  ASSERT_GE(r["notes"].size(), 2u);
  EXPECT_EQ(r["notes"][r["notes"].size() - 2]["extended_attributes"]["status"], "REOPEN");
  EXPECT_EQ(r["notes"].back()["extended_attributes"]["status"], "ACTION_SCHEDULED");

  // Another client may not post updates on this request.
  const std::string other = IssueKey("civic-app-other", false);
  auto foreign = Post("/servicerequestupdates.{response_format}", "/open311/v2/servicerequestupdates.{fmt}",
                      "api_key=" + Enc(other) + "&update_id=x&service_request_id=" + id +
                          "&updated_datetime=2026-12-01T10:00:00Z&status=OPEN&description=x");
  EXPECT_EQ(foreign->status, 403);
  auto bad = Get("/servicerequestupdates.{response_format}",
                 "/open311/v2/servicerequestupdates.{fmt}?start_date=nonsense", "errors");
  EXPECT_EQ(bad->status, 400);
}

// Open data (公众监督): anonymised downloads, statistics, rankings; every body scanned.
TEST_F(Open311E2E, OpenDataIsAnonymised) {
  expects_records_ = false;  // not Open311: no schema check, but the same personal-data scan
  const std::string key = IssueKey("civic-app-data", false);
  auto posted = Post("/requests.{response_format}", "/open311/v2/requests.{fmt}", ReportForm(key));
  ASSERT_EQ(posted->status, 200) << posted->body;
  std::string id = json::parse(posted->body)[0]["service_request_id"];
  auto scan = [&](const httplib::Result& r) {
    ASSERT_TRUE(r);
    for (const std::string& hit : testutil::FindPersonalData(r->body)) {
      ADD_FAILURE() << "open data leaks " << hit << ": " << r->body.substr(0, 300);
    }
  };
  auto j = Client().Get("/api/open-data/tickets.json?limit=5000");
  scan(j);
  ASSERT_EQ(j->status, 200) << j->body;
  json data = json::parse(j->body);
  json mine;
  for (const json& r : data["items"]) {
    if (r["number"] == id) mine = r;
  }
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(mine["region_code"], "XD.A.A3");
  EXPECT_EQ(mine["channel"], "open311");
  EXPECT_FALSE(mine.contains("address"));
  EXPECT_FALSE(mine.contains("latitude"));
  EXPECT_NE(mine["body"].get<std::string>().find("塔吊"), std::string::npos);

  auto csv = Client().Get("/api/open-data/tickets.csv?limit=5000");
  scan(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("number,created_day,kind,", 0), 0u);
  EXPECT_NE(csv->body.find(id), std::string::npos);

  auto stats = Client().Get("/api/open-data/stats");
  scan(stats);
  ASSERT_EQ(stats->status, 200);
  EXPECT_GE(json::parse(stats->body)["total"].get<int>(), 1);
  auto ranks = Client().Get("/api/open-data/rankings?min_tickets=1");
  scan(ranks);
  ASSERT_EQ(ranks->status, 200);
  EXPECT_TRUE(json::parse(ranks->body)["items"].is_array());
  auto bad = Client().Get("/api/open-data/stats?from=nonsense");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"]["code"], "invalid_argument");
}

// Anonymous endpoints are limited per client address (token bucket; the clock is injected).
TEST_F(Open311E2E, AnonymousEndpointsAreRateLimited) {
  expects_records_ = false;
  FakeClock clock(1000000);
  http::ServerOptions opt;
  opt.anon_rate_limit = {/*per_minute=*/60, /*burst=*/3};
  opt.clock = &clock;
  auto limited = testutil::ListeningServer::Start(server_->service(), opt);
  ASSERT_TRUE(limited.ok()) << limited.status().ToString();
  auto c = Client((*limited)->port());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.Get("/open311/v2/discovery.json")->status, 200) << i;
  auto refused = c.Get("/api/regions");
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "resource_exhausted");
  EXPECT_NE(json::parse(refused->body)["error"]["message"].get<std::string>().find("请求过于频繁"),
            std::string::npos);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  EXPECT_EQ(c.Get("/healthz")->status, 200);  // health checks are not limited
  auto login = c.Post("/api/auth/login", json{{"username", "admin"}, {"password", "demo1234"}}.dump(),
                      "application/json");
  EXPECT_EQ(login->status, 429);  // login is anonymous too
  // Signed-in routes are not limited.
  httplib::Headers h{{"Authorization", "Bearer " + StaffToken("admin")}};
  EXPECT_EQ(c.Get("/api/auth/me", h)->status, 200);
  clock.Advance(1000);
  EXPECT_EQ(c.Get("/open311/v2/discovery.json")->status, 200);
  EXPECT_EQ(c.Get("/open311/v2/discovery.json")->status, 429);
}

}  // namespace
}  // namespace lianxin
