#include "testutil/test_server.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <utility>

namespace lianxin::testutil {

Result<std::unique_ptr<ListeningServer>> ListeningServer::Start(service::Service& service,
                                                                http::ServerOptions options) {
  options.host = "127.0.0.1";
  options.port = 0;
  std::unique_ptr<ListeningServer> s(new ListeningServer());
  s->server_ = std::make_unique<http::HttpServer>(service, std::move(options));
  LX_ASSIGN_OR_RETURN(s->port_, s->server_->Bind());
  http::HttpServer* server = s->server_.get();
  s->thread_ = std::thread([server] { server->Listen(); });
  return s;
}

ListeningServer::~ListeningServer() {
  server_->Stop();
  if (thread_.joinable()) thread_.join();
}

httplib::Client ListeningServer::Client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(30, 0);
  return c;
}

Result<std::unique_ptr<TestServer>> TestServer::Start(TestServerOptions options) {
  std::unique_ptr<TestServer> t(new TestServer());
  auto store = store::OpenSqliteStore(t->dir_.File(options.db_name));
  if (!store.ok()) return Status::Internal("opening the test store: " + store.status().ToString());
  t->store_ = std::move(store).value();
  const Clock& clock = options.clock ? *options.clock : t->system_clock_;
  t->service_ = std::make_unique<service::Service>(*t->store_, clock);
  if (options.demo_province) {
    Status st = service::LoadDemoProvince(*t->service_, RepoRoot() + "/data/demo");
    if (!st.ok()) return Status::Internal("loading the demo province: " + st.ToString());
  }
  if (options.prepare) {
    Status st = options.prepare(*t->service_, t->dir_, options.server);
    if (!st.ok()) return Status::Internal("preparing the test server: " + st.ToString());
  }
  LX_ASSIGN_OR_RETURN(t->listening_,
                      ListeningServer::Start(*t->service_, std::move(options.server)));
  return t;
}

TestServer::~TestServer() {
  listening_.reset();  // no request in flight when the service goes
}

std::string TestServer::Login(const std::string& user) const {
  auto r = Client().Post("/api/auth/login",
                         nlohmann::json{{"username", user}, {"password", "demo1234"}}.dump(),
                         "application/json");
  if (!r || r->status != 200) {
    ADD_FAILURE() << "login as " << user << ": "
                  << (r ? std::to_string(r->status) + " " + r->body : "no response");
    return "";
  }
  return nlohmann::json::parse(r->body)["token"].get<std::string>();
}

}  // namespace lianxin::testutil
