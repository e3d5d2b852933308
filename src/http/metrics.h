// Request counters and latencies in Prometheus text format. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace lianxin::http {

class Metrics {
 public:
  // Records one request of `route` (the pattern) answered with `status` in `seconds`.
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  // The exposition text of everything recorded so far.
  std::string Render() const;

 private:
  struct Series {
    long long count = 0;
    double seconds = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Series> series_;  // key: method|route|status
};

}  // namespace lianxin::http
