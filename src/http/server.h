// The HTTP front of lianxin: our own request/response types, the server that
// serves the route table (routes.cc) and the static web files, and the one
// mapping of Status to HTTP status and JSON error body.
//
// HttpServer is thread-safe once started; handlers run on a pool of threads.
// cpp-httplib stays behind the pimpl in server.cc.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/rate_limit.h"
#include "service/service.h"

namespace lianxin::http {

struct Request {
  std::string method;
  std::string path;
  std::vector<std::string> params;  // regex captures of the route pattern
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string bearer_token;  // from "Authorization: Bearer ..."
  service::Actor actor;      // set by the server for authenticated routes
  std::string remote_addr;   // the client's IP address (rate limit, login throttling)
  std::string host;          // the Host header (Open311 discovery URLs)
  // The query parameter `name`, or `fallback` when absent.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
};

// Who may call a route: anyone, or any signed-in user (roles are checked by the service).
enum class Access { kPublic, kSignedIn };

using Handler = std::function<void(service::Service&, const Request&, Response&)>;

struct Route {
  const char* method;   // "GET", "POST"
  const char* pattern;  // ECMAScript regex over the path, e.g. R"(/api/tickets/(\d+))"
  Access access;
  Handler handler;
  // Largest body this route accepts (413 beyond); 0 = ServerOptions::max_body_bytes.
  // Issue 7 item 8: the photo upload takes up to 5 MB.
  size_t max_body = 0;
};

// The whole route table (routes.cc).
const std::vector<Route>& Routes();

// HTTP status for a Status code (the one mapping; see docs/http_api.md).
int HttpStatusFor(StatusCode code);
// Fills `res` with {"error": {"code", "message"}} and the mapped status.
void WriteError(Response& res, const Status& status);

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t max_body_bytes = 1 << 20;  // larger bodies get 413
  int threads = 16;
  std::string web_dir;  // static files served at "/" when non-empty and present
  // ---- issue 8: a token bucket per client IP on the anonymous (kPublic) routes;
  // off when anon_rate_limit.per_minute is 0. `clock` (null = the system clock)
  // must outlive the server; tests pass a FakeClock.
  RateLimitOptions anon_rate_limit;
  const Clock* clock = nullptr;
};

class HttpServer {
 public:
  HttpServer(service::Service& service, ServerOptions options);
  ~HttpServer();
  // Binds the port; kUnavailable when it is taken. Returns the bound port
  // (useful with port 0).
  Result<int> Bind();
  // Serves until Stop(); blocks the calling thread.
  void Listen();
  // Asks a running Listen() to return; safe from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lianxin::http
