#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace lianxin::http {

RateLimiter::RateLimiter(const Clock& clock, RateLimitOptions options)
    : clock_(clock), options_(options) {}

void RateLimiter::Refill(Bucket& b, TimeMs now) const {
  if (now > b.at) {
    b.tokens = std::min(options_.burst, b.tokens + (now - b.at) * options_.per_minute / 60000.0);
  }
  b.at = std::max(b.at, now);
}

bool RateLimiter::Allow(const std::string& client) {
  if (!enabled()) return true;
  const TimeMs now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() >= options_.max_clients && !buckets_.count(client)) {
    // Drop the buckets that have refilled completely: they hold no state.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      Refill(it->second, now);
      it = it->second.tokens >= options_.burst ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{options_.burst, now});
  Bucket& b = it->second;
  if (!fresh) Refill(b, now);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

int RateLimiter::RetryAfterSeconds(const std::string& client) {
  if (!enabled()) return 0;
  const TimeMs now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) return 0;
  Refill(it->second, now);
  if (it->second.tokens >= 1) return 0;
  return static_cast<int>(std::ceil((1 - it->second.tokens) * 60.0 / options_.per_minute));
}

}  // namespace lianxin::http
