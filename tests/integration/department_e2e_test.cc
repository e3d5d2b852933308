// Department integration end to end (issue 8 item 2) on 127.0.0.1: an admin
// registers a unit's system over HTTP; the unit's messages reach a real test
// receiver that verifies the signature (and refuses a tampered body); failing
// receivers (HTTP 500, a closed port, one that never answers) are retried with
// back-off on the injected clock, then flagged, and "retry now" delivers;
// https receivers are verified (CA file, host name) before anything is sent; the
// unit's system signs, replies and attaches evidence with its key, scoped to
// its own tickets.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/csv.h"
#include "http/integration_sender.h"
#include "integration/http_fixture.h"
#include "service/integration.h"
#include "service/notifier.h"
#include "testutil/testutil.h"

namespace lianxin::testing_http {
namespace {

// A unit's system: checks every delivery's signature with the secret it was
// given, answers 401 to a bad one, and `status` to a good one. Over http, or
// over https with a certificate and key (PEM files).
class UnitSystem {
 public:
  explicit UnitSystem(const FakeClock& clock)
      : UnitSystem(clock, std::make_unique<httplib::Server>(), "http") {}
  UnitSystem(const FakeClock& clock, const std::string& cert_file, const std::string& key_file)
      : UnitSystem(clock, std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str()),
                   "https") {}
  ~UnitSystem() {
    server_->stop();
    thread_.join();
  }
  struct Delivery {
    std::string id, timestamp, signature, body;
  };
  std::string Url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_) + "/lianxin"; }
  void Configure(std::string secret, int status) {
    std::lock_guard<std::mutex> lock(mu_);
    secret_ = std::move(secret);
    status_ = status;
  }
  std::vector<Delivery> accepted() {
    std::lock_guard<std::mutex> lock(mu_);
    return accepted_;
  }
  int refused() {
    std::lock_guard<std::mutex> lock(mu_);
    return refused_;
  }
  int port() const { return port_; }

 private:
  UnitSystem(const FakeClock& clock, std::unique_ptr<httplib::Server> server, std::string scheme)
      : clock_(clock), server_(std::move(server)), scheme_(std::move(scheme)) {
    server_->Post("/lianxin", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      Status ok = service::VerifyWebhook(secret_, req.get_header_value("X-Lianxin-Timestamp"),
                                         req.body, req.get_header_value("X-Lianxin-Signature"),
                                         clock_.Now());
      if (!ok.ok()) {
        ++refused_;
        res.status = 401;
        return;
      }
      Delivery d{req.get_header_value("X-Lianxin-Delivery"), req.get_header_value("X-Lianxin-Timestamp"),
                 req.get_header_value("X-Lianxin-Signature"), req.body};
      accepted_.push_back(d);
      res.status = status_;
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
  }
  const FakeClock& clock_;
  std::unique_ptr<httplib::Server> server_;
  std::string scheme_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::string secret_;
  int status_ = 200;
  std::vector<Delivery> accepted_;
  int refused_ = 0;
};

// A port that accepts connections (the kernel's backlog) and never answers.
class SilentPort {
 public:
  SilentPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 8);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~SilentPort() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port nobody listens on (bound once, then closed).
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// A test CA and two server certificates it signed, made with the openssl CLI:
// server.pem for 127.0.0.1 and localhost, other.pem for another host name.
struct TestCertificates {
  testutil::TempDir dir;
  bool ok = false;
  std::string ca() const { return dir.File("ca.pem"); }
  TestCertificates() {
    const std::string d = dir.path();
    const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
    auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
    auto sign = [&](const std::string& name, const std::string& cn, const std::string& san) {
      std::ofstream(d + "/" + name + ".ext") << "subjectAltName=" << san << "\n";
      return run("openssl req" + ec + "-keyout " + d + "/" + name + ".key -out " + d + "/" + name +
                 ".csr -subj '/CN=" + cn + "'") &&
             run("openssl x509 -req -days 2 -in " + d + "/" + name + ".csr -CA " + d +
                 "/ca.pem -CAkey " + d + "/ca.key -CAcreateserial -out " + d + "/" + name +
                 ".pem -extfile " + d + "/" + name + ".ext");
    };
    ok = run("openssl req -x509 -days 2" + ec + "-keyout " + d + "/ca.key -out " + d +
             "/ca.pem -subj '/CN=lianxin test CA'") &&
         sign("server", "127.0.0.1", "IP:127.0.0.1,DNS:localhost") &&
         sign("other", "other.example", "DNS:other.example");
  }
};

class DepartmentE2e : public HttpFixture {
 protected:
  // POST /api/integrations as admin; the answer (with secret and key).
  static json Register(const std::string& unit, const std::string& url, json events = nullptr) {
    json body = {{"unit_code", unit}, {"url", url}};
    if (!events.is_null()) body["events"] = events;
    auto r = Post("/api/integrations", body.dump(), "admin");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 201) << r->body;
    return json::parse(r->body);
  }
  static int64_t DispatchedTo(const std::string& unit, const std::string& title) {
    int64_t id = NewTicket(title);
    auto r = Post(TicketPath(id) + "/dispatch", json{{"unit_code", unit}}.dump(), "paidan");
    EXPECT_EQ(r->status, 200) << r->body;
    return id;
  }
  static json Integration(const std::string& unit) {
    auto r = Get("/api/integrations", "admin");
    EXPECT_EQ(r->status, 200) << r->body;
    const json all = json::parse(r->body);
    for (const json& item : all["items"]) {
      if (item["unit_code"] == unit) return item;
    }
    return json();
  }
  // An inbound call with the integration key.
  static httplib::Result Inbound(const std::string& method, const std::string& path,
                                 const std::string& key, const std::string& body = "",
                                 const std::string& type = "application/json") {
    httplib::Headers h;
    if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
    if (method == "GET") return Client().Get(path.c_str(), h);
    return Client().Post(path.c_str(), h, body, type.c_str());
  }
};

TEST_F(DepartmentE2e, SignedDeliveriesVerifiedTamperingRefusedFailuresRetriedThenFlagged) {
  UnitSystem rx(*clock_);
  std::ostringstream log;
  service::LogSender fallback(log);
  http::IntegrationSender sender(*svc_, fallback, *clock_, /*timeout_ms=*/300);
  service::NotifierOptions opt;
  opt.max_attempts = 3;
  service::Notifier notifier(*svc_, sender, opt);
  ASSERT_TRUE(notifier.RunOnce().ok());  // drain what earlier tests left

  json zjj = Register("XD.A.A3/zjj", rx.Url(), json::array({"dispatched", "reminder"}));
  ASSERT_TRUE(zjj.contains("secret"));
  rx.Configure(zjj["secret"].get<std::string>(), 200);
  EXPECT_EQ(Get("/api/integrations", "admin")->body.find(zjj["secret"].get<std::string>()),
            std::string::npos);  // shown once, never listed
  int64_t id = DispatchedTo("XD.A.A3/zjj", "A3区某小区二次供水水质差");
  ASSERT_TRUE(notifier.RunOnce().ok());
  auto got = rx.accepted();
  ASSERT_EQ(got.size(), 1u);
  json body = json::parse(got[0].body);
  EXPECT_EQ(body["event"], "dispatched");
  EXPECT_EQ(body["ticket_id"], id);
  EXPECT_EQ(body["unit"], "XD.A.A3/zjj");
  EXPECT_EQ(body["attempt"], 1);
  EXPECT_EQ(std::to_string(body["delivery_id"].get<int64_t>()), got[0].id);
  EXPECT_FALSE(body["ticket_number"].get<std::string>().empty());
  EXPECT_EQ(rx.refused(), 0);
  // The same delivery with a tampered body (or an old timestamp) is refused by the receiver.
  httplib::Client to_rx("127.0.0.1", rx.port());
  httplib::Headers h = {{"X-Lianxin-Timestamp", got[0].timestamp},
                        {"X-Lianxin-Signature", got[0].signature}};
  std::string tampered = got[0].body;
  tampered.replace(tampered.find("XD.A.A3/zjj"), 11, "XD.A.A3/cgj");
  EXPECT_EQ(to_rx.Post("/lianxin", h, tampered, "application/json")->status, 401);
  EXPECT_EQ(to_rx.Post("/lianxin", h, got[0].body, "application/json")->status, 200);
  Advance(10 * 60 * kSecondMs);
  EXPECT_EQ(to_rx.Post("/lianxin", h, got[0].body, "application/json")->status, 401);  // replay
  EXPECT_EQ(rx.refused(), 2);

  // The receiver answers 500: retried with back-off, then failed and flagged.
  rx.Configure(zjj["secret"].get<std::string>(), 500);
  DispatchedTo("XD.A.A3/zjj", "A3区某路口信号灯故障");
  ASSERT_TRUE(notifier.RunOnce().ok());
  const size_t before = rx.accepted().size();
  for (int i = 0; i < 4; ++i) {
    Advance(2 * kHourMs);
    ASSERT_TRUE(notifier.RunOnce().ok());
  }
  EXPECT_EQ(rx.accepted().size(), before + 2);  // 3 attempts in all, then no more
  json flagged = Integration("XD.A.A3/zjj");
  EXPECT_EQ(flagged["flagged"], true);
  EXPECT_EQ(flagged["deliveries"]["failed"], 1);
  EXPECT_EQ(flagged["deliveries"]["last_attempts"], 3);
  EXPECT_NE(flagged["deliveries"]["last_error"].get<std::string>().find("500"), std::string::npos);
  // Retry now, the receiver fixed: delivered at once, no longer flagged.
  rx.Configure(zjj["secret"].get<std::string>(), 204);
  EXPECT_EQ(Post("/api/integrations/XD.A.A3/zjj/retry", "{}", "paidan")->status, 403);
  auto retry = Post("/api/integrations/XD.A.A3/zjj/retry", "{}", "admin");
  ASSERT_EQ(retry->status, 200) << retry->body;
  EXPECT_EQ(json::parse(retry->body)["requeued"], 1);
  ASSERT_TRUE(notifier.RunOnce().ok());
  EXPECT_EQ(rx.accepted().size(), before + 3);
  EXPECT_EQ(Integration("XD.A.A3/zjj")["flagged"], false);
  EXPECT_EQ(Integration("XD.A.A3/zjj")["deliveries"]["sent"], 2);

  // A closed port and a receiver that never answers fail the same way.
  SilentPort silent;
  for (auto [unit, url] :
       {std::pair{std::string("XD.A.A3/cg"), "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/x"},
        std::pair{std::string("XD.A.A3/zjj"), "http://127.0.0.1:" + std::to_string(silent.port()) + "/x"}}) {
    Register(unit, url);
    DispatchedTo(unit, "A3区某小区垃圾清运不及时");
    ASSERT_TRUE(notifier.RunOnce().ok());
    for (int i = 0; i < 3; ++i) {
      Advance(2 * kHourMs);
      ASSERT_TRUE(notifier.RunOnce().ok());
    }
    json state = Integration(unit);
    EXPECT_EQ(state["flagged"], true) << unit;
    EXPECT_GE(state["deliveries"]["failed"].get<int>(), 1) << unit;
    EXPECT_NE(state["deliveries"]["last_error"].get<std::string>().find("无法连接"), std::string::npos)
        << state.dump();
  }
  EXPECT_EQ(Get("/api/integrations", "duban")->status, 403);
  EXPECT_EQ(Get("/api/integrations")->status, 401);
}

// https (issue 8 item 2): a receiver over TLS with a certificate from a test CA.
// With that CA configured the delivery arrives and its signature verifies;
// without it (the system bundle does not know the CA), or to a certificate for
// another host name, it fails like any other delivery: retried, then flagged.
TEST_F(DepartmentE2e, HttpsDeliveriesVerifyTheCertificateAndHostName) {
  TestCertificates certs;
  ASSERT_TRUE(certs.ok) << "openssl CLI failed in " << certs.dir.path();
  UnitSystem rx(*clock_, certs.dir.File("server.pem"), certs.dir.File("server.key"));
  UnitSystem other(*clock_, certs.dir.File("other.pem"), certs.dir.File("other.key"));
  std::ostringstream log;
  service::LogSender fallback(log);
  http::IntegrationSender with_ca(*svc_, fallback, *clock_, /*timeout_ms=*/2000, certs.ca());
  http::IntegrationSender system_ca(*svc_, fallback, *clock_, /*timeout_ms=*/2000);
  service::NotifierOptions opt;
  opt.max_attempts = 3;
  service::Notifier trusting(*svc_, with_ca, opt);
  service::Notifier untrusting(*svc_, system_ca, opt);
  ASSERT_TRUE(trusting.RunOnce().ok());  // drain what earlier tests left

  ASSERT_EQ(rx.Url().rfind("https://127.0.0.1:", 0), 0u);
  json jy = Register("XD.A/jy", rx.Url(), json::array({"dispatched"}));
  const std::string secret = jy["secret"].get<std::string>();
  rx.Configure(secret, 200);
  int64_t id = DispatchedTo("XD.A/jy", "A市某学校校车超载");
  ASSERT_TRUE(trusting.RunOnce().ok());
  auto got = rx.accepted();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(service::VerifyWebhook(secret, got[0].timestamp, got[0].body, got[0].signature,
                                     clock_->Now()).ok());
  EXPECT_EQ(json::parse(got[0].body)["ticket_id"], id);
  EXPECT_EQ(rx.refused(), 0);

  // Without the CA: the handshake's certificate check fails, retried, then flagged.
  DispatchedTo("XD.A/jy", "A市某学校食堂卫生差");
  ASSERT_TRUE(untrusting.RunOnce().ok());
  for (int i = 0; i < 3; ++i) {
    Advance(2 * kHourMs);
    ASSERT_TRUE(untrusting.RunOnce().ok());
  }
  EXPECT_EQ(rx.accepted().size(), 1u);
  json state = Integration("XD.A/jy");
  EXPECT_EQ(state["flagged"], true) << state.dump();
  EXPECT_EQ(state["deliveries"]["failed"], 1);
  EXPECT_EQ(state["deliveries"]["last_attempts"], 3);
  const std::string why = state["deliveries"]["last_error"].get<std::string>();
  EXPECT_NE(why.find("无法连接"), std::string::npos) << why;
  EXPECT_NE(why.find("SSLServerVerification"), std::string::npos) << why;
  EXPECT_NE(why.find("证书校验失败"), std::string::npos) << why;
  // Retried now by the sender that trusts the CA: delivered, no longer flagged.
  ASSERT_EQ(Post("/api/integrations/XD.A/jy/retry", "{}", "admin")->status, 200);
  ASSERT_TRUE(trusting.RunOnce().ok());
  EXPECT_EQ(rx.accepted().size(), 2u);
  EXPECT_EQ(Integration("XD.A/jy")["flagged"], false);

  // A certificate from the trusted CA but for another host name: refused too.
  json kjj = Register("XD.A/kjj", other.Url(), json::array({"dispatched"}));
  other.Configure(kjj["secret"].get<std::string>(), 200);
  DispatchedTo("XD.A/kjj", "A市某科技园区断网");
  ASSERT_TRUE(trusting.RunOnce().ok());
  for (int i = 0; i < 3; ++i) {
    Advance(2 * kHourMs);
    ASSERT_TRUE(trusting.RunOnce().ok());
  }
  EXPECT_TRUE(other.accepted().empty());
  json wrong = Integration("XD.A/kjj");
  EXPECT_EQ(wrong["flagged"], true) << wrong.dump();
  EXPECT_EQ(wrong["deliveries"]["last_attempts"], 3);
  const std::string host_why = wrong["deliveries"]["last_error"].get<std::string>();
  EXPECT_NE(host_why.find("SSLServerVerification"), std::string::npos) << host_why;
  EXPECT_NE(host_why.find("主机名不符"), std::string::npos) << host_why;
}

TEST_F(DepartmentE2e, UnitSystemSignsRepliesAndAttachesEvidenceOnItsOwnTicketsOnly) {
  std::string key = Register("XD.A.A3/zjj", "http://127.0.0.1:9/none")["key"];
  int64_t own = DispatchedTo("XD.A.A3/zjj", "A3区某小区电梯停运");
  int64_t other = DispatchedTo("XD.A.A3/cg", "A3区某路段占道经营");
  const std::string base = "/api/integration/tickets/";
  EXPECT_EQ(Inbound("GET", "/api/integration/tickets", "")->status, 401);
  EXPECT_EQ(Inbound("GET", "/api/integration/tickets", "unit_nosuchkey")->status, 401);
  EXPECT_EQ(Inbound("GET", "/api/integration/tickets", Token("zhujian_a3"))->status, 401);  // a session is not a key
  auto list = Inbound("GET", "/api/integration/tickets", key);
  ASSERT_EQ(list->status, 200) << list->body;
  bool listed_own = false;
  const json open = json::parse(list->body);
  for (const json& t : open["items"]) {
    EXPECT_TRUE(t["owner_unit"] == "XD.A.A3/zjj") << t.dump();
    listed_own |= t["id"] == own;
  }
  EXPECT_TRUE(listed_own);
  EXPECT_EQ(Inbound("GET", base + std::to_string(other), key)->status, 404);
  EXPECT_EQ(Inbound("POST", base + std::to_string(other) + "/accept", key, "{}")->status, 404);
  ASSERT_EQ(Inbound("GET", base + std::to_string(own), key)->status, 200);
  auto accepted = Inbound("POST", base + std::to_string(own) + "/accept", key, "{}");
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(json::parse(accepted->body)["status"], "accepted");
  EXPECT_EQ(Inbound("POST", base + std::to_string(own) + "/reply", key, R"({"contents":"x"})")->status, 400);
  auto replied = Inbound("POST", base + std::to_string(own) + "/reply", key,
                         json{{"content", "已联系物业，电梯已恢复运行。"}}.dump());
  ASSERT_EQ(replied->status, 200) << replied->body;
  EXPECT_EQ(json::parse(replied->body)["status"], "in_progress");

  const std::string photo("\xff\xd8\xff\xe0\0\x10JFIF\0", 11);
  auto up = Inbound("POST", base + std::to_string(own) + "/attachments?name=%E7%8E%B0%E5%9C%BA.jpg", key,
                    photo, "image/jpeg");
  ASSERT_EQ(up->status, 201) << up->body;
  json a = json::parse(up->body);
  EXPECT_EQ(a["file_name"], "现场.jpg");
  EXPECT_EQ(a["size"], 11);
  EXPECT_EQ(Inbound("POST", base + std::to_string(other) + "/attachments?name=a.jpg", key, photo,
                    "image/jpeg")->status, 404);
  EXPECT_EQ(Inbound("POST", base + std::to_string(own) + "/attachments", key, photo, "image/jpeg")->status,
            400);  // no name
  const std::string aid = std::to_string(a["id"].get<int64_t>());
  auto bytes = Inbound("GET", base + std::to_string(own) + "/attachments/" + aid, key);
  ASSERT_EQ(bytes->status, 200);
  EXPECT_EQ(bytes->body, photo);
  EXPECT_EQ(bytes->get_header_value("Content-Type"), "image/jpeg");
  // Staff who may see the ticket read it too; another unit may not.
  auto staff = Get(TicketPath(own) + "/attachments/" + aid, "duban");
  ASSERT_EQ(staff->status, 200);
  EXPECT_EQ(staff->body, photo);
  EXPECT_EQ(Get(TicketPath(own) + "/attachments/" + aid, "cg_a3")->status, 404);
  auto listed = Get(TicketPath(own) + "/attachments", "zhujian_a3");
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(json::parse(listed->body)["items"].size(), 1u);
  // Every action is an event by integration:<unit>.
  auto events = Get(TicketPath(own) + "/events", "duban");
  int by_integration = 0;
  const json log = json::parse(events->body);
  for (const json& e : log["items"]) by_integration += e["actor"] == "integration:XD.A.A3/zjj";
  EXPECT_EQ(by_integration, 3);  // 签收, 答复, the attachment note
  // An HTML upload is served back as opaque bytes, never as a page.
  auto html = Inbound("POST", base + std::to_string(own) + "/attachments?name=x.html", key,
                      "<script>alert(1)</script>", "text/html");
  ASSERT_EQ(html->status, 201);
  auto served = Get(TicketPath(own) + "/attachments/" + std::to_string(json::parse(html->body)["id"].get<int64_t>()),
                    "duban");
  EXPECT_EQ(served->get_header_value("Content-Type"), "application/octet-stream");
}

// Bulk import over HTTP (issue 8): the admin sends an .xlsx; the dry run reports the
// rejected rows by sheet row and stores nothing; the real run stores the rest.
TEST_F(DepartmentE2e, AdminImportsXlsxWithADryRunReport) {
  auto file = ReadTextFile(testutil::RepoRoot() + "/tests/cases/xlsx/tickets.xlsx");
  ASSERT_TRUE(file.ok());
  auto send = [&](const std::string& query, const std::string& user, const std::string& body) {
    httplib::Headers h = {{"Authorization", "Bearer " + Token(user)}};
    return Client().Post(("/api/import/tickets?" + query).c_str(), h, body,
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  };
  EXPECT_EQ(send("format=xlsx", "paidan", *file)->status, 403);
  EXPECT_EQ(send("format=pdf", "admin", *file)->status, 400);
  auto bad = send("format=xlsx", "admin", "number,created_at\n");
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(json::parse(bad->body)["error"]["message"].get<std::string>().find("xlsx"), std::string::npos);
  auto dry = send("format=xlsx", "admin", *file);  // dry_run defaults to true
  ASSERT_EQ(dry->status, 200) << dry->body;
  json report = json::parse(dry->body);
  EXPECT_EQ(report["dry_run"], true);
  EXPECT_EQ(report["rows"], 4);
  ASSERT_EQ(report["rejected"].size(), 2u);
  EXPECT_EQ(report["rejected"][0]["line"], 6);
  EXPECT_EQ(report["rejected"][0]["number"], "H-3");
  // Region XD.A of the fixture exists in the demo province: the real run stores two.
  auto done = send("format=xlsx&dry_run=false", "admin", *file);
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["inserted"], 2);
  EXPECT_EQ(json::parse(send("format=xlsx&dry_run=false", "admin", *file)->body)["existing"], 2);
}

}  // namespace
}  // namespace lianxin::testing_http
