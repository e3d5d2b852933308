#include "http/server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>

#include "core/utf8.h"
#include "http/metrics.h"
#include "http/security_headers.h"  // security (issue 9)

namespace lianxin::http {

std::string Request::Query(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kAborted: return 409;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kResourceExhausted: return 413;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

namespace {

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string ErrorJson(const std::string& code, const std::string& message) {
  return "{\"error\":{\"code\":\"" + JsonEscape(code) + "\",\"message\":\"" + JsonEscape(message) +
         "\"}}";
}

}  // namespace

void WriteError(Response& res, const Status& status) {
  res.status = HttpStatusFor(status.code());
  res.content_type = "application/json; charset=utf-8";
  std::string message = status.message();
  if (status.code() == StatusCode::kInternal || !IsValidUtf8(message)) {
    message = "服务器内部错误";  // details go to the log, not to the client
  }
  res.body = ErrorJson(StatusCodeName(status.code()), message);
}

// ---- security (issue 9) ----
// The CSP of the served index.html (its inline scripts by hash), or the API's when no web dir.
std::string ServerCsp(const std::string& web_dir) {
  std::ifstream in(web_dir + "/index.html", std::ios::binary);
  if (web_dir.empty() || !in) return kApiCsp;
  std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return PageCsp(html);
}

struct HttpServer::Impl {
  service::Service& service;
  ServerOptions options;
  httplib::Server server;
  Metrics metrics;
  SystemClock system_clock;
  RateLimiter limiter;  // issue 8: anonymous routes
  Impl(service::Service& s, ServerOptions o)
      : service(s),
        options(std::move(o)),
        limiter(options.clock ? *options.clock : system_clock, options.anon_rate_limit) {}
};

HttpServer::HttpServer(service::Service& service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {
  Impl& im = *impl_;
  httplib::Server& svr = im.server;
  const int threads = im.options.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib's limit is per server: the largest of any route; each route's own
  // limit is checked before its handler runs.
  size_t payload_max = im.options.max_body_bytes;
  for (const Route& route : Routes()) payload_max = std::max(payload_max, route.max_body);
  svr.set_payload_max_length(payload_max);
  svr.set_keep_alive_max_count(10000);
  svr.set_keep_alive_timeout(30);
  // httplib writes the response head and body in two send() calls; with Nagle on,
  // the body waits for the client's delayed ACK (~40 ms per keep-alive request).
  svr.set_tcp_nodelay(true);
  svr.set_read_timeout(30, 0);
  svr.set_write_timeout(30, 0);
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "same-origin"},
                           {"X-Frame-Options", "DENY"},
                           // ---- security (issue 9) ---- one policy for every response:
                           // httplib adds default headers even when a handler set one.
                           {"Content-Security-Policy", ServerCsp(im.options.web_dir)}});

  for (const Route& route : Routes()) {
    auto wrapped = [&im, &route](const httplib::Request& hreq, httplib::Response& hres) {
      auto started = std::chrono::steady_clock::now();
      Request req;
      req.method = hreq.method;
      req.path = hreq.path;
      for (size_t i = 1; i < hreq.matches.size(); ++i) req.params.push_back(hreq.matches[i]);
      for (const auto& [k, v] : hreq.params) req.query.emplace(k, v);
      req.body = hreq.body;
      req.content_type = hreq.get_header_value("Content-Type");
      std::string auth = hreq.get_header_value("Authorization");
      if (auth.rfind("Bearer ", 0) == 0) req.bearer_token = auth.substr(7);
      req.remote_addr = hreq.remote_addr;
      req.host = hreq.get_header_value("Host");
      Response res;
      bool ok = true;
      if (route.access == Access::kPublic && std::string_view(route.pattern) != "/healthz" &&
          !im.limiter.Allow(req.remote_addr)) {  // issue 8: health checks are not limited
        int wait = std::max(1, im.limiter.RetryAfterSeconds(req.remote_addr));
        res.status = 429;
        res.body = ErrorJson("resource_exhausted",
                             "请求过于频繁，请 " + std::to_string(wait) + " 秒后再试");
        hres.set_header("Retry-After", std::to_string(wait));
        ok = false;
      }
      const size_t body_limit = route.max_body ? route.max_body : im.options.max_body_bytes;
      if (ok && hreq.body.size() > body_limit) {  // routes with a larger limit raise httplib's
        res.status = 413;
        res.body = ErrorJson("resource_exhausted",
                             "请求体过大（上限 " + std::to_string(body_limit) + " 字节）");
        ok = false;
      }
      if (ok && route.access == Access::kSignedIn) {
        auto actor = im.service.Authenticate(req.bearer_token);
        if (!actor.ok()) {
          WriteError(res, actor.status());
          ok = false;
        } else {
          req.actor = *actor;
        }
      }
      if (ok) {
        try {
          route.handler(im.service, req, res);
        } catch (const std::exception& e) {  // last safety net: handlers should not throw
          WriteError(res, Status::Internal(e.what()));
        }
      }
      hres.status = res.status;
      hres.set_content(res.body, res.content_type.c_str());
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      im.metrics.Observe(route.method, route.pattern, res.status, secs);
    };
    if (std::string(route.method) == "GET") {
      svr.Get(route.pattern, wrapped);
    } else if (std::string(route.method) == "POST") {
      svr.Post(route.pattern, wrapped);
    } else if (std::string(route.method) == "PUT") {
      svr.Put(route.pattern, wrapped);
    } else if (std::string(route.method) == "DELETE") {
      svr.Delete(route.pattern, wrapped);
    }
  }
  svr.Get("/metrics", [&im](const httplib::Request&, httplib::Response& res) {
    std::string body = im.metrics.Render();
    auto stats = im.service.Stats();
    if (stats.ok()) {
      body += "# HELP lianxin_tickets Tickets stored.\n# TYPE lianxin_tickets gauge\n";
      body += "lianxin_tickets " + std::to_string(stats->tickets) + "\n";
      body += "# HELP lianxin_tickets_open Tickets not yet closed.\n# TYPE lianxin_tickets_open gauge\n";
      body += "lianxin_tickets_open " + std::to_string(stats->open_tickets) + "\n";
      body += "# HELP lianxin_ticket_events Ticket events stored.\n# TYPE lianxin_ticket_events gauge\n";
      body += "lianxin_ticket_events " + std::to_string(stats->events) + "\n";
    }
    res.set_content(body, "text/plain; version=0.0.4; charset=utf-8");
  });

  // Debian's cpp-httplib compresses with brotli at its maximum quality, which
  // costs ~1 s for a 260 kB script and tens of ms for a JSON page; gzip is two
  // orders of magnitude cheaper at a similar size. So "br" is dropped from
  // Accept-Encoding before routing (the request object is ours to adjust).
  svr.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    auto it = req.headers.find("Accept-Encoding");
    if (it != req.headers.end() && it->second.find("br") != std::string::npos) {
      std::string value;
      size_t pos = 0;
      const std::string& in = it->second;
      while (pos <= in.size()) {
        size_t end = in.find(',', pos);
        if (end == std::string::npos) end = in.size();
        std::string token = in.substr(pos, end - pos);
        size_t b = token.find_first_not_of(' ');
        if (b != std::string::npos && token.compare(b, 2, "br") != 0) {
          value += (value.empty() ? "" : ",") + token.substr(b);
        }
        pos = end + 1;
      }
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
      if (!value.empty()) {
        const_cast<httplib::Request&>(req).headers.emplace("Accept-Encoding", value);
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  if (!im.options.web_dir.empty() && std::filesystem::exists(im.options.web_dir)) {
    svr.set_mount_point("/", im.options.web_dir);
    // Vite names assets by content hash: they never change, cache them for good.
    svr.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/assets/", 0) == 0) {
        res.set_header("Cache-Control", "public, max-age=31536000, immutable");
      } else {
        res.set_header("Cache-Control", "no-cache");
      }
    });
  }
  svr.set_error_handler([&im](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler already answered
    if (res.status == 404 && req.method == "GET" && req.path.rfind("/api/", 0) != 0 &&
        !im.options.web_dir.empty()) {
      std::string index = im.options.web_dir + "/index.html";
      std::ifstream in(index, std::ios::binary);
      if (in) {
        std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        res.status = 200;
        res.set_content(html, "text/html; charset=utf-8");
        return;
      }
    }
    std::string code = "not_found", message = "没有这个接口：" + req.method + " " + req.path;
    if (res.status == 413) {
      code = "resource_exhausted";
      message = "请求体过大（上限 " + std::to_string(im.options.max_body_bytes) + " 字节）";
    } else if (res.status == 400) {
      code = "invalid_argument";
      message = "请求格式错误";
    } else if (res.status != 404) {
      code = "error";
      message = "请求失败";
    }
    if (!IsValidUtf8(message)) message = "没有这个接口";
    res.set_content(ErrorJson(code, message), "application/json; charset=utf-8");
  });
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  Impl& im = *impl_;
  int port = im.options.port;
  if (port == 0) {
    port = im.server.bind_to_any_port(im.options.host.c_str());
    if (port < 0) return Status::Unavailable("cannot bind " + im.options.host);
    return port;
  }
  if (!im.server.bind_to_port(im.options.host.c_str(), port)) {
    return Status::Unavailable("cannot bind " + im.options.host + ":" + std::to_string(port) +
                               " (in use?)");
  }
  return port;
}

void HttpServer::Listen() { impl_->server.listen_after_bind(); }

void HttpServer::Stop() {
  if (impl_->server.is_running()) impl_->server.stop();
}

}  // namespace lianxin::http
