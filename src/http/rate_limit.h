// A token bucket per client address for the anonymous endpoints (public
// portal, Open311 reads, open data): each address may burst `burst` requests
// and then gets `per_minute` more per minute. Time comes from an injected
// Clock, so tests need no sleeping.
//
// RateLimiter is thread-safe (one mutex); Allow() never blocks on I/O.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.h"

namespace lianxin::http {

struct RateLimitOptions {
  double per_minute = 0;  // refill rate; 0 disables the limit
  double burst = 60;      // bucket size
  size_t max_clients = 100000;  // buckets kept; the idle ones are dropped beyond it
};

class RateLimiter {
 public:
  // `clock` must outlive the limiter.
  RateLimiter(const Clock& clock, RateLimitOptions options);
  // Takes one token from `client`'s bucket. Returns true when the request may
  // proceed; false when the bucket is empty (answer 429).
  bool Allow(const std::string& client);
  // Seconds until `client` has a token again (0 when it has one); for Retry-After.
  int RetryAfterSeconds(const std::string& client);
  bool enabled() const { return options_.per_minute > 0; }

 private:
  struct Bucket {
    double tokens = 0;
    TimeMs at = 0;
  };
  // Refills `b` up to now; mu_ held.
  void Refill(Bucket& b, TimeMs now) const;
  const Clock& clock_;
  const RateLimitOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mu_
};

}  // namespace lianxin::http
