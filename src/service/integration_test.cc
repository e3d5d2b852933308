// Department integration in the service (issue 8 item 2): registration, the
// signature a receiver checks, the inbound key acting as the unit, evidence
// files, and the unit's copies of outbox messages.
#include "service/integration.h"

#include <gtest/gtest.h>

#include "service/notifier.h"
#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST
const char kZjj[] = "XD.A.A3/zjj";
const char kCg[] = "XD.A.A3/cg";

class IntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("i.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A.A3", "A3区", "XD", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "12345热线中心", "rx", "XD"},
                                  {kZjj, "A3区住房和城乡建设局", "zjj", "XD.A.A3"},
                                  {kCg, "A3区城市管理局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    dispatcher_.username = "paidan";
    dispatcher_.role = Role::kDispatcher;
  }

  IssuedIntegration Register(const std::string& unit, std::vector<std::string> events = {}) {
    IntegrationInput in{unit, "http://127.0.0.1:9/hook", std::move(events), true};
    auto r = svc_->PutIntegration(Actor::System(), in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IssuedIntegration{};
  }

  TicketId DispatchedTo(const std::string& unit) {
    NewTicket n;
    n.title = "楼道漏水";
    n.body = "A3区某小区楼道顶棚漏水两周。";
    n.citizen_phone = "13812341234";
    n.region_code = "XD.A.A3";
    auto t = svc_->SubmitPublic(n);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    ActionRequest r;
    r.type = EventType::kDispatch;
    r.unit_code = unit;
    EXPECT_TRUE(svc_->Perform(dispatcher_, t->ticket.id, r).ok());
    return t->ticket.id;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor dispatcher_;
};

TEST(WebhookSignature, VerifiesAndRejectsTamperingWrongSecretAndReplays) {
  const std::string body = R"({"delivery_id":1,"event":"dispatched"})";
  const std::string ts = std::to_string(kT0 / 1000);
  const std::string sig = WebhookSignature("whsec_k", ts, body);
  ASSERT_EQ(sig.rfind("sha256=", 0), 0u);
  EXPECT_EQ(sig.size(), 7u + 64u);
  EXPECT_TRUE(VerifyWebhook("whsec_k", ts, body, sig, kT0).ok());
  EXPECT_TRUE(VerifyWebhook("whsec_k", ts, body, sig, kT0 + 4 * 60 * 1000).ok());
  EXPECT_EQ(VerifyWebhook("whsec_k", ts, body + " ", sig, kT0).code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyWebhook("whsec_x", ts, body, sig, kT0).code(), StatusCode::kUnauthenticated);
  // The timestamp is signed too: a fresh one on an old signature fails...
  const std::string later = std::to_string(kT0 / 1000 + 600);
  EXPECT_FALSE(VerifyWebhook("whsec_k", later, body, sig, kT0 + 600 * 1000).ok());
  // ...and the old one is outside the replay window ten minutes on.
  EXPECT_FALSE(VerifyWebhook("whsec_k", ts, body, sig, kT0 + 600 * 1000).ok());
  EXPECT_FALSE(VerifyWebhook("whsec_k", "12a", body, sig, kT0).ok());
  // An independent value (Python's hmac module) of HMAC-SHA256("whsec_k", "1795910400.{\"a\":1}").
  EXPECT_EQ(WebhookSignature("whsec_k", "1795910400", R"({"a":1})"),
            "sha256=3360fae6768a2830f4a64aee5452a56514f987cac50a6baf477b6a39ee16b741");
}

TEST(WebhookUrl, ParsesHostPortPathAndRefusesOthers) {
  auto t = ParseWebhookUrl("http://10.1.2.3:8081/lianxin/hook");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->host, "10.1.2.3");
  EXPECT_EQ(t->port, 8081);
  EXPECT_EQ(t->path, "/lianxin/hook");
  EXPECT_FALSE(t->https);
  EXPECT_EQ(ParseWebhookUrl("http://example.org")->path, "/");
  EXPECT_EQ(ParseWebhookUrl("http://example.org")->port, 80);
  // https: the scheme recorded, 443 unless the URL names a port.
  auto s = ParseWebhookUrl("https://zjj.example.gov.cn/api/lianxin?x=1");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->https);
  EXPECT_EQ(s->host, "zjj.example.gov.cn");
  EXPECT_EQ(s->port, 443);
  EXPECT_EQ(s->path, "/api/lianxin?x=1");
  auto p = ParseWebhookUrl("https://127.0.0.1:8443");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->https);
  EXPECT_EQ(p->port, 8443);
  EXPECT_EQ(p->path, "/");
  for (const char* bad : {"ftp://x", "http://", "http://:80/", "http://x:0/", "http://x:99999/",
                          "http://x:8a/", "http://a b/", "http://x/a b", "https://", "https://:443/",
                          "https://x:/", "https://x:70000/", "https://u@x/", "HTTPS://x/",
                          "https//x/", "httpss://x/", "https://x/a\x01"}) {
    EXPECT_EQ(ParseWebhookUrl(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST_F(IntegrationTest, AdminRegistersSecretAndKeyShownOnceOnlyHashStored) {
  Actor handler;
  handler.username = "zj";
  handler.role = Role::kUnitHandler;
  handler.unit_code = kZjj;
  IntegrationInput in{kZjj, "http://127.0.0.1:9/hook", {"dispatched"}, true};
  EXPECT_EQ(svc_->PutIntegration(handler, in).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->PutIntegration(dispatcher_, in).status().code(), StatusCode::kPermissionDenied);
  for (IntegrationInput bad : {IntegrationInput{"XD.A.A3/none", in.url, {}, true},
                               IntegrationInput{kZjj, "ftp://x/", {}, true},
                               IntegrationInput{kZjj, in.url, {"received"}, true},
                               IntegrationInput{"XD/rx", in.url, {}, true}}) {
    EXPECT_EQ(svc_->PutIntegration(Actor::System(), bad).status().code(),
              StatusCode::kInvalidArgument);
  }
  auto issued = svc_->PutIntegration(Actor::System(), in);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->integration.secret.rfind("whsec_", 0), 0u);
  EXPECT_EQ(issued->key.rfind("unit_", 0), 0u);
  EXPECT_EQ(issued->integration.events, std::vector<std::string>{"dispatched"});
  auto stored = store_->GetIntegration(kZjj);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->key_hash.size(), 64u);
  EXPECT_EQ(stored->key_hash.find(issued->key), std::string::npos);
  auto listed = svc_->ListIntegrations(Actor::System());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].integration.secret.empty());
  EXPECT_TRUE((*listed)[0].integration.key_hash.empty());
  EXPECT_FALSE((*listed)[0].flagged);
  EXPECT_EQ(svc_->ListIntegrations(dispatcher_).status().code(), StatusCode::kPermissionDenied);
  // Registering again rotates both: the old key stops working.
  auto again = svc_->PutIntegration(Actor::System(), in);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->key, issued->key);
  EXPECT_NE(again->integration.secret, issued->integration.secret);
  EXPECT_EQ(svc_->AuthenticateIntegration(issued->key).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(svc_->AuthenticateIntegration(again->key).ok());
}

TEST_F(IntegrationTest, KeyActsAsTheUnitOnItsOwnTicketsOnly) {
  IssuedIntegration zj = Register(kZjj);
  EXPECT_EQ(svc_->AuthenticateIntegration("").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(svc_->AuthenticateIntegration("unit_wrong").status().code(), StatusCode::kUnauthenticated);
  auto actor = svc_->AuthenticateIntegration(zj.key);
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(actor->username, std::string("integration:") + kZjj);
  EXPECT_EQ(actor->role, Role::kUnitHandler);
  TicketId own = DispatchedTo(kZjj), other = DispatchedTo(kCg);
  ActionRequest accept;
  accept.type = EventType::kAccept;
  EXPECT_EQ(svc_->Perform(*actor, other, accept).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(svc_->Perform(*actor, own, accept).ok());
  ActionRequest reply;
  reply.type = EventType::kReply;
  reply.content = "已安排维修人员上门处理。";
  ASSERT_TRUE(svc_->Perform(*actor, own, reply).ok());
  auto events = store_->ListEvents(own);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().type, EventType::kReply);
  EXPECT_EQ(events->back().actor, std::string("integration:") + kZjj);
  // An inactive integration's key is refused.
  IntegrationInput off{kZjj, "http://127.0.0.1:9/hook", {}, false};
  auto off_issued = svc_->PutIntegration(Actor::System(), off);
  ASSERT_TRUE(off_issued.ok());
  EXPECT_EQ(svc_->AuthenticateIntegration(off_issued->key).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(IntegrationTest, EvidenceIsStoredWithItsBytesScopedAndRecordedAsAnEvent) {
  IssuedIntegration zj = Register(kZjj);
  Actor unit = *svc_->AuthenticateIntegration(zj.key);
  TicketId own = DispatchedTo(kZjj), other = DispatchedTo(kCg);
  std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  NewAttachment file{"现场照片.png", "image/png", bytes};
  EXPECT_EQ(svc_->AddAttachment(unit, other, file).status().code(), StatusCode::kNotFound);
  for (NewAttachment bad : {NewAttachment{"", "image/png", bytes},
                            NewAttachment{"../etc/passwd", "image/png", bytes},
                            NewAttachment{"a\"b.png", "image/png", bytes},
                            NewAttachment{"a.png", "", bytes},
                            NewAttachment{"a.png", "image/png", ""},
                            NewAttachment{"a.png", "image/png", std::string(kMaxAttachmentBytes + 1, 'x')}}) {
    EXPECT_EQ(svc_->AddAttachment(unit, own, bad).status().code(), StatusCode::kInvalidArgument)
        << bad.file_name;
  }
  auto a = svc_->AddAttachment(unit, own, file);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->size, 16);
  EXPECT_EQ(a->uploaded_by, std::string("integration:") + kZjj);
  auto events = store_->ListEvents(own);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().type, EventType::kNote);
  EXPECT_EQ(events->back().actor, std::string("integration:") + kZjj);
  EXPECT_NE(events->back().content.find("现场照片.png"), std::string::npos);
  // Readable with its exact bytes by anyone who may see the ticket...
  auto got = svc_->GetAttachment(dispatcher_, own, a->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->data, bytes);
  EXPECT_EQ(got->content_type, "image/png");
  auto list = svc_->ListAttachments(unit, own);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE((*list)[0].data.empty());
  // ...but not by another unit, nor under another ticket's id.
  Actor cg;
  cg.username = "cg";
  cg.role = Role::kUnitHandler;
  cg.unit_code = kCg;
  EXPECT_EQ(svc_->GetAttachment(cg, own, a->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->GetAttachment(cg, other, a->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->GetAttachment(dispatcher_, other, a->id).status().code(), StatusCode::kNotFound);
}

// A sender that records what it is given and fails integration deliveries on demand.
class RecordingSender final : public Sender {
 public:
  Status Send(const store::OutboxMessage& m) override {
    sent.push_back(m);
    return m.audience == store::OutboxMessage::Audience::kIntegration && fail
               ? Status::Unavailable("单位系统返回 HTTP 500")
               : Status::Ok();
  }
  std::vector<store::OutboxMessage> sent;
  bool fail = false;
};

TEST_F(IntegrationTest, SubscribedUnitMessagesGetAnIntegrationCopyFailuresFlaggedRetryNow) {
  Register(kZjj, {"dispatched"});  // not reminders
  RecordingSender sender;
  sender.fail = true;
  NotifierOptions opt;
  opt.max_attempts = 3;
  Notifier notifier(*svc_, sender, opt);
  TicketId id = DispatchedTo(kZjj);
  DispatchedTo(kCg);  // no integration: no copy
  auto pass = notifier.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().ToString();
  auto copies = [&] {
    std::vector<store::OutboxMessage> out;
    for (const auto& m : sender.sent) {
      if (m.audience == store::OutboxMessage::Audience::kIntegration) out.push_back(m);
    }
    return out;
  };
  ASSERT_EQ(copies().size(), 1u);
  EXPECT_EQ(copies()[0].address, kZjj);
  EXPECT_EQ(copies()[0].kind, "dispatched");
  EXPECT_EQ(copies()[0].ticket_id, id);
  // Retried with back-off on the injected clock, then failed and flagged.
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(2 * kHourMs);
    ASSERT_TRUE(notifier.RunOnce().ok());
  }
  EXPECT_EQ(copies().size(), 3u);  // max_attempts, then no more
  auto listed = svc_->ListIntegrations(Actor::System());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].flagged);
  EXPECT_EQ((*listed)[0].deliveries.failed, 1);
  EXPECT_EQ((*listed)[0].deliveries.last_attempts, 3);
  EXPECT_NE((*listed)[0].deliveries.last_error.find("HTTP 500"), std::string::npos);
  // Retry now: one more attempt at once; the receiver is back.
  sender.fail = false;
  EXPECT_EQ(svc_->RetryIntegration(dispatcher_, kZjj).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->RetryIntegration(Actor::System(), kCg).status().code(), StatusCode::kNotFound);
  auto requeued = svc_->RetryIntegration(Actor::System(), kZjj);
  ASSERT_TRUE(requeued.ok());
  EXPECT_EQ(*requeued, 1);
  ASSERT_TRUE(notifier.RunOnce().ok());
  EXPECT_EQ(copies().size(), 4u);
  listed = svc_->ListIntegrations(Actor::System());
  EXPECT_FALSE((*listed)[0].flagged);
  EXPECT_EQ((*listed)[0].deliveries.sent, 1);
  EXPECT_EQ((*listed)[0].deliveries.failed, 0);
}

}  // namespace
}  // namespace lianxin::service
