// PostWebhook: http posts arrive with their headers; https to something that
// does not speak TLS, or with a CA file that cannot be read, is kUnavailable
// (never a crash). The verified TLS path is tested end to end in
// tests/integration/department_e2e_test.cc with a generated certificate.
#include "http/webhook_post.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace lianxin::http {
namespace {

class PlainReceiver {
 public:
  PlainReceiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("X-Test") == "1" && req.body == "{}") ++good_;
      res.status = 202;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~PlainReceiver() {
    server_.stop();
    thread_.join();
  }
  service::WebhookTarget Target(bool https) const {
    service::WebhookTarget t;
    t.https = https;
    t.host = "127.0.0.1";
    t.port = port_;
    t.path = "/hook";
    return t;
  }
  int good() const { return good_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int> good_{0};
};

TEST(PostWebhook, HttpPostArrivesWithHeadersAndTheStatusComesBack) {
  PlainReceiver rx;
  auto status = PostWebhook(rx.Target(false), {{"X-Test", "1"}}, "{}", "application/json", 2000, "");
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(*status, 202);
  EXPECT_EQ(rx.good(), 1);
}

TEST(PostWebhook, HttpsToAPlainServerOrWithAnUnreadableCaFileIsUnavailable) {
  PlainReceiver rx;
  auto plain = PostWebhook(rx.Target(true), {{"X-Test", "1"}}, "{}", "application/json", 2000, "");
  EXPECT_EQ(plain.status().code(), StatusCode::kUnavailable);
  auto no_ca = PostWebhook(rx.Target(true), {{"X-Test", "1"}}, "{}", "application/json", 2000,
                           "/nonexistent/ca.pem");
  EXPECT_EQ(no_ca.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(rx.good(), 0);  // nothing was delivered in the clear
}

}  // namespace
}  // namespace lianxin::http
