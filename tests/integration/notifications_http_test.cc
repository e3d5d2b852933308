// Notifications end to end (issue 4, part A): a ticket's events become outbox
// messages delivered to a webhook on 127.0.0.1; failures stay pending with
// their error and back-off and are listed for admins at /api/notifications.
#include <mutex>
#include <set>

#include "http/webhook_sender.h"
#include "integration/http_fixture.h"
#include "service/notifier.h"

namespace lianxin::testing_http {
namespace {

// The webhook receiver: answers 200 while `up`, 503 otherwise.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      if (!up_) {
        res.status = 503;
        return;
      }
      bodies_.push_back(json::parse(req.body));
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void SetUp(bool up) {
    std::lock_guard<std::mutex> lock(mu_);
    up_ = up;
  }
  std::vector<json> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  bool up_ = true;
  std::vector<json> bodies_;
};

class NotificationsHttp : public HttpFixture {};

TEST_F(NotificationsHttp, EventsReachTheWebhookAndFailuresAreListed) {
  Receiver rx;
  auto sender = http::WebhookSender::Create(rx.Url(), 5);
  ASSERT_TRUE(sender.ok());
  service::Notifier notifier(*svc_, **sender);
  int64_t id = NewTicket("A3区某小区电梯故障");
  ASSERT_EQ(Post(TicketPath(id) + "/dispatch", json{{"unit_code", "XD.A.A3/zjj"}}.dump(), "paidan")->status,
            200);
  auto pass = notifier.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().ToString();
  // received + dispatched to the citizen, dispatched to the unit.
  auto got = rx.bodies();
  ASSERT_EQ(got.size(), 3u);
  std::multiset<std::string> kinds;
  for (const json& b : got) {
    kinds.insert(b["audience"].get<std::string>() + ":" + b["kind"].get<std::string>());
    EXPECT_EQ(b["ticket_id"], id);
    if (b["audience"] == "citizen") {
      EXPECT_EQ(b["address"], "13812341234");
      EXPECT_EQ(b["body"].get<std::string>().find("张三"), std::string::npos);
    }
  }
  EXPECT_EQ(kinds, (std::multiset<std::string>{"citizen:received", "citizen:dispatched", "unit:dispatched"}));

  // The receiver goes down: the next message stays pending with its error.
  rx.SetUp(false);
  ASSERT_EQ(Post(TicketPath(id) + "/accept", "{}", "zhujian_a3")->status, 200);
  ASSERT_EQ(Post(TicketPath(id) + "/reply", json{{"content", "已报修"}}.dump(), "zhujian_a3")->status, 200);
  auto failing = notifier.RunOnce();
  ASSERT_TRUE(failing.ok());
  EXPECT_EQ(failing->retried, 1);
  auto pending = Get("/api/notifications?status=pending", "admin");
  ASSERT_EQ(pending->status, 200) << pending->body;
  json items = json::parse(pending->body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["kind"], "replied");
  EXPECT_EQ(items[0]["attempts"], 1);
  EXPECT_EQ(items[0]["address"], "138****1234");  // masked on the admin's screen
  EXPECT_NE(items[0]["last_error"].get<std::string>().find("503"), std::string::npos);
  EXPECT_EQ(items[0]["next_attempt_at"], FormatIsoCst(clock_->Now() + 30 * kSecondMs));
  // Back up, after the back-off: delivered, nothing pending.
  rx.SetUp(true);
  Advance(30 * kSecondMs);
  ASSERT_EQ(notifier.RunOnce()->sent, 1);
  EXPECT_EQ(rx.bodies().size(), 4u);
  EXPECT_EQ(json::parse(Get("/api/notifications?status=pending", "admin")->body)["total"], 0);
  EXPECT_EQ(json::parse(Get("/api/notifications?status=sent", "admin")->body)["total"], 4);
  EXPECT_EQ(Get("/api/notifications", "duban")->status, 403);
  EXPECT_EQ(Get("/api/notifications?status=lost", "admin")->status, 400);
  EXPECT_EQ(Get("/api/notifications")->status, 401);
}

}  // namespace
}  // namespace lianxin::testing_http
