#include "http/webhook_sender.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace lianxin::http {
namespace {

// A receiver on 127.0.0.1: /ok answers 200, /down 503; bodies are kept.
class Receiver {
 public:
  Receiver() {
    server_.Post("/ok", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      bodies_.push_back(req.body);
      res.set_content("{}", "application/json");
    });
    server_.Post("/down", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_;
};

store::OutboxMessage Message() {
  store::OutboxMessage m;
  m.id = 11;
  m.event_id = 5;
  m.ticket_id = 3;
  m.audience = store::OutboxMessage::Audience::kUnit;
  m.address = "XD.A.A3/zjj";
  m.kind = "reminder";
  m.body = "工单 XD-20261129-000001 办理期限将至";
  m.attempts = 2;
  return m;
}

TEST(WebhookSender, PostsTheMessageAsJson) {
  Receiver rx;
  auto sender = WebhookSender::Create(rx.Url("/ok"));
  ASSERT_TRUE(sender.ok()) << sender.status().ToString();
  ASSERT_TRUE((*sender)->Send(Message()).ok());
  auto bodies = rx.bodies();
  ASSERT_EQ(bodies.size(), 1u);
  auto j = nlohmann::json::parse(bodies[0]);
  EXPECT_EQ(j["id"], 11);
  EXPECT_EQ(j["event_id"], 5);
  EXPECT_EQ(j["audience"], "unit");
  EXPECT_EQ(j["address"], "XD.A.A3/zjj");
  EXPECT_EQ(j["kind"], "reminder");
  EXPECT_EQ(j["body"], "工单 XD-20261129-000001 办理期限将至");
  EXPECT_EQ(j["attempt"], 3);
}

TEST(WebhookSender, RefusalsAndDeadReceiversAreUnavailable) {
  Receiver rx;
  auto down = WebhookSender::Create(rx.Url("/down"));
  ASSERT_TRUE(down.ok());
  Status st = (*down)->Send(Message());
  EXPECT_EQ(st.code(), StatusCode::kUnavailable);
  EXPECT_NE(st.message().find("503"), std::string::npos);
  // A port nobody listens on: bind one, close it, send there.
  int dead_port = 0;
  {
    httplib::Server s;
    dead_port = s.bind_to_any_port("127.0.0.1");
  }
  auto dead = WebhookSender::Create("http://127.0.0.1:" + std::to_string(dead_port) + "/x", 2);
  ASSERT_TRUE(dead.ok());
  EXPECT_EQ((*dead)->Send(Message()).code(), StatusCode::kUnavailable);
}

TEST(WebhookSender, BadUrlsAreRefused) {
  for (const char* url : {"", "ftp://127.0.0.1/x", "127.0.0.1:80", "http://:80/x",
                          "http://127.0.0.1:0/x", "http://127.0.0.1:99999/x", "http://h:8a/x"}) {
    EXPECT_EQ(WebhookSender::Create(url).status().code(), StatusCode::kInvalidArgument) << url;
  }
  EXPECT_TRUE(WebhookSender::Create("http://127.0.0.1:8080").ok());
  EXPECT_TRUE(WebhookSender::Create("https://127.0.0.1:8443/x").ok());
}

}  // namespace
}  // namespace lianxin::http
