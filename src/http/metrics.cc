#include "http/metrics.h"

#include <sstream>

namespace lianxin::http {

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::string key = method + "|" + route + "|" + std::to_string(status);
  std::lock_guard<std::mutex> lock(mu_);
  Series& s = series_[key];
  ++s.count;
  s.seconds += seconds;
}

std::string Metrics::Render() const {
  std::ostringstream out;
  std::lock_guard<std::mutex> lock(mu_);
  out << "# HELP lianxin_http_requests_total HTTP requests by method, route and status.\n"
         "# TYPE lianxin_http_requests_total counter\n";
  auto labels = [](const std::string& key) {
    size_t a = key.find('|'), b = key.rfind('|');
    std::string route = key.substr(a + 1, b - a - 1), escaped;
    for (char c : route) {
      if (c == '\\' || c == '"') escaped += '\\';
      escaped += c;
    }
    return "method=\"" + key.substr(0, a) + "\",route=\"" + escaped + "\",status=\"" +
           key.substr(b + 1) + "\"";
  };
  for (const auto& [key, s] : series_) {
    out << "lianxin_http_requests_total{" << labels(key) << "} " << s.count << "\n";
  }
  out << "# HELP lianxin_http_request_seconds_sum Total time spent answering.\n"
         "# TYPE lianxin_http_request_seconds_sum counter\n";
  for (const auto& [key, s] : series_) {
    out << "lianxin_http_request_seconds_sum{" << labels(key) << "} " << s.seconds << "\n";
  }
  return out.str();
}

}  // namespace lianxin::http
