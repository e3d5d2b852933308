// The in-process server of the HTTP end-to-end tests: a temporary SQLite file,
// a Service over it (by default with the demo province), and an HttpServer on
// 127.0.0.1 at a free port, serving from a thread of its own until destroyed;
// plus an HTTP client for it and the demo users' logins.
//
// Not thread-safe: start and destroy it from one thread (a GoogleTest suite's
// SetUpTestSuite / TearDownTestSuite, or a test). The server itself answers
// concurrent requests, and Client() may be called from any thread.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/status.h"
#include "core/time.h"
#include "http/server.h"
#include "service/service.h"
#include "store/store.h"
#include "testutil/testutil.h"

namespace lianxin::testutil {

// An HttpServer for a Service that exists already, listening on 127.0.0.1 at a
// free port (options.port is ignored) until destroyed.
class ListeningServer {
 public:
  // Binds and starts serving; kUnavailable when no port could be bound.
  // `service` (and options.clock, when set) must outlive the server.
  static Result<std::unique_ptr<ListeningServer>> Start(service::Service& service,
                                                        http::ServerOptions options);
  // Stops the server and joins its thread.
  ~ListeningServer();
  ListeningServer(const ListeningServer&) = delete;
  ListeningServer& operator=(const ListeningServer&) = delete;

  int port() const { return port_; }
  // A client for the server with a 30 s read timeout.
  httplib::Client Client() const;

 private:
  ListeningServer() = default;
  std::unique_ptr<http::HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

struct TestServerOptions {
  std::string db_name = "e2e.db";  // the SQLite file in the temporary directory
  // The service's clock; not owned, must outlive the server. Null: a
  // SystemClock of the server's own. (The rate limiter's is server.clock.)
  const Clock* clock = nullptr;
  bool demo_province = true;    // LoadDemoProvince(data/demo)
  http::ServerOptions server;   // host and port ignored: 127.0.0.1, a free port
  // Runs after the demo is loaded and before the server is made: seeds data,
  // writes files into `dir`, adjusts `server` (e.g. web_dir). Its error stops Start.
  std::function<Status(service::Service&, const TempDir& dir, http::ServerOptions& server)>
      prepare;
};

class TestServer {
 public:
  // Creates the directory, store and service, runs options.prepare and starts
  // serving; the first error on the way (with what failed) otherwise.
  static Result<std::unique_ptr<TestServer>> Start(TestServerOptions options = {});
  // Stops serving, then closes the service and the store and removes the directory.
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return listening_->port(); }
  const TempDir& dir() const { return dir_; }
  store::Store& store() { return *store_; }
  service::Service& service() { return *service_; }
  // A client for the server with a 30 s read timeout.
  httplib::Client Client() const { return listening_->Client(); }
  // POST /api/auth/login as demo user `user` (password demo1234): the bearer
  // token; "" after recording a GoogleTest failure when the login fails.
  std::string Login(const std::string& user) const;

 private:
  TestServer() = default;
  TempDir dir_;
  SystemClock system_clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Service> service_;
  std::unique_ptr<ListeningServer> listening_;
};

// A GoogleTest fixture with one TestServer per test suite, started before the
// suite's first test and destroyed after its last. `Derived` may declare a
// public `static TestServerOptions ServerOptions()` to configure it.
template <typename Derived>
class ServerSuite : public ::testing::Test {
 public:
  static TestServerOptions ServerOptions() { return {}; }

 protected:
  static void SetUpTestSuite() {
    auto s = TestServer::Start(Derived::ServerOptions());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s).value().release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static httplib::Client Client() { return server_->Client(); }
  static std::string Login(const std::string& user) { return server_->Login(user); }

  static inline TestServer* server_ = nullptr;  // owned; one per suite
};

}  // namespace lianxin::testutil
