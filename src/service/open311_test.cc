// Service-level Open311 use cases; the HTTP adapter is tested end to end in
// tests/integration/open311_e2e_test.cc.
#include <gtest/gtest.h>

#include "core/geo.h"
#include "service/service.h"
#include "store/forwarding_store.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

class Open311Test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("s.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD.A.A3/zjj", "A3区住房和城乡建设局", "zjj", "XD.A.A3"}}).ok());
    ASSERT_TRUE(store_->PutCategories({{"01", "城乡建设", "", 1},
                                       {"01.01", "安全生产", "01", 2},
                                       {"01.01.001", "事故处理", "01.01", 3},
                                       {"02", "环境保护", "", 1}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    User admin;
    admin.username = "admin";
    admin.display_name = "管理员";
    admin.role = Role::kAdmin;
    ASSERT_TRUE(svc_->PutUser(Actor::System(), admin, "password1").ok());
    admin_.username = "admin";
    admin_.role = Role::kAdmin;
    auto key = svc_->IssueApiKey(admin_, "civic-app", false);
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    key_ = key->api_key;
  }

  Open311NewRequest Sample() {
    Open311NewRequest r;
    r.api_key = key_;
    r.service_code = "01.01.001";
    r.address_id = "XD.A.A3";
    r.description = "工地塔吊倾斜，我是张三，电话13812341234，请尽快处理。";
    r.first_name = "三";
    r.last_name = "张";
    r.phone = "13812341234";
    r.email = "zhangsan@example.org";
    r.attributes = {{"kind", {"report"}}, {"fixmystreet_id", {"4711"}}};
    return r;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor admin_;
  std::string key_;
};

TEST_F(Open311Test, ApiKeysAreIssuedByAdminsAndStoredHashed) {
  Actor dispatcher;
  dispatcher.username = "paidan";
  dispatcher.role = Role::kDispatcher;
  EXPECT_EQ(svc_->IssueApiKey(dispatcher, "x", false).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->IssueApiKey(admin_, "Bad Name", false).status().code(), StatusCode::kInvalidArgument);
  auto clients = svc_->ListApiClients(admin_);
  ASSERT_TRUE(clients.ok());
  ASSERT_EQ(clients->size(), 1u);
  EXPECT_TRUE((*clients)[0].key_hash.empty());
  auto stored = store_->ListApiClients();
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].key_hash.size(), 64u);
  EXPECT_EQ((*stored)[0].key_hash.find(key_), std::string::npos);  // never the key itself
  // Re-issuing replaces the old key.
  auto again = svc_->IssueApiKey(admin_, "civic-app", false);
  ASSERT_TRUE(again.ok());
  Open311NewRequest r = Sample();
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kPermissionDenied);
  r.api_key = again->api_key;
  EXPECT_TRUE(svc_->Open311Post(r).ok());
}

TEST_F(Open311Test, ServicesAreCategoriesWithGroups) {
  auto services = svc_->Open311Services();
  ASSERT_EQ(services.size(), 4u);
  const Open311Service& leaf = services[2];
  EXPECT_EQ(leaf.code, "01.01.001");
  EXPECT_EQ(leaf.group, "城乡建设");
  ASSERT_EQ(leaf.groups.size(), 2u);
  EXPECT_EQ(leaf.groups[1], "安全生产");
  EXPECT_EQ(leaf.description, "城乡建设 / 安全生产 / 事故处理");
  auto def = svc_->Open311ServiceDefinition("01.01.001");
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->attributes.size(), 5u);
  EXPECT_EQ(svc_->Open311ServiceDefinition("99").status().code(), StatusCode::kNotFound);
}

TEST_F(Open311Test, PostStoresTicketAndExtrasButGetShowsNoPersonalData) {
  auto receipt = svc_->Open311Post(Sample());
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  ASSERT_FALSE(receipt->service_request_id.empty());
  EXPECT_TRUE(receipt->token.empty());
  auto t = store_->GetTicketByNumber(receipt->service_request_id);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->channel, Channel::kOpen311);
  EXPECT_EQ(t->kind, TicketKind::kReport);
  EXPECT_EQ(t->citizen_name, "张三");  // kept for the unit
  EXPECT_EQ(t->citizen_phone, "13812341234");
  EXPECT_EQ(t->region_code, "XD.A.A3");
  auto metas = store_->ListOpen311Meta({t->id});
  ASSERT_EQ(metas->size(), 1u);
  EXPECT_EQ((*metas)[0].email, "zhangsan@example.org");

  auto got = svc_->Open311Get(receipt->service_request_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, "open");
  EXPECT_EQ(got->detailed_status, "received");
  EXPECT_EQ(got->description.find("张三"), std::string::npos) << got->description;
  EXPECT_EQ(got->description.find("13812341234"), std::string::npos) << got->description;
  EXPECT_NE(got->description.find("塔吊"), std::string::npos);
  EXPECT_EQ(got->address, "A3区，A市，西地省");
  ASSERT_EQ(got->notes.size(), 1u);
  EXPECT_EQ(got->notes[0].type, "submitted");
  EXPECT_EQ(svc_->Open311Get("XD-nope").status().code(), StatusCode::kNotFound);
}

TEST_F(Open311Test, BadInputGetsClearErrors) {
  Open311NewRequest r = Sample();
  r.address_id.clear();
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kInvalidArgument);  // no location
  r.lat = "28.2";
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kInvalidArgument);  // lat without long
  r.lng = "abc";
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kInvalidArgument);
  r = Sample();
  r.service_code = "99";
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kNotFound);
  r = Sample();
  r.description = "<script>alert(1)</script>";
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kInvalidArgument);
  r = Sample();
  r.attributes = {{"kind", {"nonsense"}}};
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kInvalidArgument);
  r.attributes = {{"urgency", {"emergency"}}};  // disable_message blocks the report
  auto blocked = svc_->Open311Post(r);
  EXPECT_EQ(blocked.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(blocked.status().message().find("110"), std::string::npos);
  r.attributes = {{"privacy_notice", {"x"}}};  // informational only
  EXPECT_EQ(svc_->Open311Post(r).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Stats()->tickets, 0);  // nothing half-stored
}

TEST_F(Open311Test, Gcj02InputIsStoredAsWgs84) {
  Open311NewRequest r = Sample();
  r.address_id.clear();
  r.lat = "39.91640428150164";
  r.lng = "116.41024449916938";
  r.gcj02 = true;
  auto receipt = svc_->Open311Post(r);
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  auto t = store_->GetTicketByNumber(receipt->service_request_id);
  ASSERT_TRUE(t->latitude && t->longitude);
  EXPECT_NEAR(*t->latitude, 39.915, 1e-7);
  EXPECT_NEAR(*t->longitude, 116.404, 1e-7);
  r.gcj02 = false;  // WGS84 is taken as is
  auto plain = svc_->Open311Post(r);
  ASSERT_TRUE(plain.ok());
  EXPECT_DOUBLE_EQ(*store_->GetTicketByNumber(plain->service_request_id)->latitude, 39.91640428150164);
}

TEST_F(Open311Test, QueryFiltersByStatusServiceTimeAndPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    Open311NewRequest r = Sample();
    r.service_code = i < 3 ? "01.01.001" : "02";
    auto receipt = svc_->Open311Post(r);
    ASSERT_TRUE(receipt.ok());
    ids.push_back(receipt->service_request_id);
    clock_.Advance(kHourMs);
  }
  Open311Query q;
  EXPECT_EQ(svc_->Open311Requests(q)->size(), 5u);
  EXPECT_TRUE(svc_->Open311Requests(q)->front().notes.empty());  // notes only with extensions
  q.extensions = true;
  EXPECT_EQ(svc_->Open311Requests(q)->front().notes.size(), 1u);
  q.service_codes = {"01"};  // a group selects its subtree
  EXPECT_EQ(svc_->Open311Requests(q)->size(), 3u);
  q.service_codes = {"77"};
  EXPECT_EQ(svc_->Open311Requests(q).status().code(), StatusCode::kNotFound);
  Open311Query closed;
  closed.statuses = {"closed"};
  EXPECT_EQ(svc_->Open311Requests(closed)->size(), 0u);
  closed.statuses = {"for_triage"};
  EXPECT_EQ(svc_->Open311Requests(closed)->size(), 5u);
  closed.statuses = {"nonsense"};
  EXPECT_EQ(svc_->Open311Requests(closed).status().code(), StatusCode::kInvalidArgument);
  Open311Query by_time;
  by_time.start = kT0 + kHourMs;
  by_time.end = kT0 + 3 * kHourMs;  // inclusive
  EXPECT_EQ(svc_->Open311Requests(by_time)->size(), 3u);
  by_time.end = kT0 + 100 * 24 * kHourMs;
  EXPECT_EQ(svc_->Open311Requests(by_time).status().code(), StatusCode::kInvalidArgument);
  Open311Query paged;
  paged.paged = true;
  paged.page_size = 2;
  paged.page = 3;
  auto last = svc_->Open311Requests(paged);
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ((*last)[0].service_request_id, ids[0]);  // newest first
  Open311Query by_id;
  by_id.ids = {ids[1], ids[3]};
  by_id.statuses = {"closed"};  // ids override everything else
  EXPECT_EQ(svc_->Open311Requests(by_id)->size(), 2u);
  Open311Query updated;
  updated.updated_after = kT0 + 3 * kHourMs;  // strictly after
  EXPECT_EQ(svc_->Open311Requests(updated)->size(), 1u);
}

TEST_F(Open311Test, UpdatesFeedAndClientUpdates) {
  auto receipt = svc_->Open311Post(Sample());
  ASSERT_TRUE(receipt.ok());
  auto other_key = svc_->IssueApiKey(admin_, "other-app", true);
  ASSERT_TRUE(other_key.ok());

  Open311NewUpdate u;
  u.api_key = key_;
  u.update_id = "fms-1";
  u.service_request_id = receipt->service_request_id;
  u.updated_datetime = "2026-11-29T09:00:00+08:00";
  u.status = "OPEN";
  u.description = "补充：塔吊旁边还有一处围挡倒塌";
  auto posted = svc_->Open311PostUpdate(u);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_FALSE(posted->update_id.empty());
  auto t = store_->GetTicketByNumber(receipt->service_request_id);
  auto events = store_->ListEvents(t->id);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(std::to_string(events->back().id), posted->update_id);
  EXPECT_EQ(events->back().content, u.description);
  EXPECT_FALSE(events->back().is_public);  // reaches the unit, not the public feed

  Open311NewUpdate foreign = u;
  foreign.api_key = other_key->api_key;
  EXPECT_EQ(svc_->Open311PostUpdate(foreign).status().code(), StatusCode::kPermissionDenied);
  Open311NewUpdate bad = u;
  bad.status = "SOLVED";
  EXPECT_EQ(svc_->Open311PostUpdate(bad).status().code(), StatusCode::kInvalidArgument);
  bad = u;
  bad.updated_datetime = "yesterday";
  EXPECT_EQ(svc_->Open311PostUpdate(bad).status().code(), StatusCode::kInvalidArgument);
  Open311NewUpdate reopen = u;
  reopen.status = "REOPEN";  // not closed yet: the workflow refuses
  EXPECT_EQ(svc_->Open311PostUpdate(reopen).status().code(), StatusCode::kFailedPrecondition);

  auto feed = svc_->Open311Updates(kT0 - kHourMs, 0);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 1u);  // the 受理; the note is not public
  EXPECT_EQ((*feed)[0].status, "OPEN");
  EXPECT_EQ((*feed)[0].service_request_id, receipt->service_request_id);
}

TEST_F(Open311Test, BatchClientsGetTokens) {
  auto key = svc_->IssueApiKey(admin_, "batch-app", true);
  ASSERT_TRUE(key.ok());
  Open311NewRequest r = Sample();
  r.api_key = key->api_key;
  auto receipt = svc_->Open311Post(r);
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(receipt->service_request_id.empty());
  ASSERT_FALSE(receipt->token.empty());
  auto resolved = svc_->Open311Token(receipt->token);
  ASSERT_TRUE(resolved.ok());
  EXPECT_TRUE(store_->GetTicketByNumber(resolved->service_request_id).ok());
  EXPECT_EQ(svc_->Open311Token("NOPE").status().code(), StatusCode::kNotFound);

  Open311NewUpdate u;
  u.api_key = key->api_key;
  u.update_id = "b-1";
  u.service_request_id = resolved->service_request_id;
  u.updated_datetime = "2026-11-29T09:00:00Z";
  u.status = "IN_PROGRESS";
  u.description = "还在漏水";
  auto posted = svc_->Open311PostUpdate(u);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  ASSERT_FALSE(posted->token.empty());
  auto ut = svc_->Open311UpdateToken(posted->token);
  ASSERT_TRUE(ut.ok());
  EXPECT_FALSE(ut->update_id.empty());
  EXPECT_EQ(svc_->Open311UpdateToken(receipt->token).status().code(), StatusCode::kNotFound);
}

// Issue 8: the POST writes the ticket and its extras in one store call. A store
// whose separate writes fail (as a crash between them would) changes nothing.
class OneWriteStore final : public store::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  using Store::CreateTicket;
  Result<Ticket> CreateTicket(const Ticket&, const std::vector<TicketEvent>&, const std::string&) override {
    ++separate;
    return Status::Unavailable("separate ticket write");
  }
  Status PutOpen311Meta(const store::Open311Meta&) override {
    ++separate;
    return Status::Unavailable("separate extras write");
  }
  Result<Ticket> CreateTicketWithOpen311Meta(const Ticket& t, const std::vector<TicketEvent>& e,
                                             const std::string& prefix,
                                             const store::Open311Meta& m) override {
    ++combined;
    return ForwardingStore::CreateTicketWithOpen311Meta(t, e, prefix, m);
  }
  int separate = 0, combined = 0;
};

TEST_F(Open311Test, PostStoresTicketAndExtrasInOneWrite) {
  OneWriteStore one(*store_);
  Service svc(one, clock_);
  ASSERT_TRUE(svc.ReloadDirectory().ok());
  auto receipt = svc.Open311Post(Sample());
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_EQ(one.combined, 1);
  EXPECT_EQ(one.separate, 0);
  auto t = store_->GetTicketByNumber(receipt->service_request_id);
  ASSERT_TRUE(t.ok());
  auto metas = store_->ListOpen311Meta({t->id});
  ASSERT_TRUE(metas.ok());
  ASSERT_EQ(metas->size(), 1u);
  EXPECT_EQ((*metas)[0].client, "civic-app");
  EXPECT_EQ((*metas)[0].email, "zhangsan@example.org");
  ASSERT_EQ((*metas)[0].attributes.size(), 2u);
  EXPECT_EQ((*metas)[0].attributes[1].second, "4711");
}

}  // namespace
}  // namespace lianxin::service
