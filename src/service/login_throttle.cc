#include "service/login_throttle.h"

#include <algorithm>
#include <vector>

namespace lianxin::service {

LoginThrottle::LoginThrottle(const Clock& clock, LoginThrottleOptions options)
    : clock_(clock), options_(options) {}

std::string LoginThrottle::Key(const std::string& username, const std::string& client) {
  return username + '\n' + client;  // '\n' cannot occur in a username or an address
}

TimeMs LoginThrottle::RetryAfter(const std::string& username, const std::string& client) const {
  TimeMs now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(Key(username, client));
  if (it == entries_.end() || it->second.locked_until <= now) return 0;
  return it->second.locked_until - now;
}

void LoginThrottle::RecordFailure(const std::string& username, const std::string& client) {
  TimeMs now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  std::string key = Key(username, client);
  if (entries_.find(key) == entries_.end()) EvictIfFull(now);
  Entry& e = entries_[key];
  if (e.failures == 0 || now - e.first_failure >= options_.window) {
    e.failures = 0;
    e.first_failure = now;
  }
  e.last_seen = now;
  if (++e.failures >= options_.max_failures) {
    e.locked_until = now + options_.lockout;
    e.failures = 0;  // a new window starts after the lockout
  }
}

void LoginThrottle::RecordSuccess(const std::string& username, const std::string& client) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(Key(username, client));
}

void LoginThrottle::EvictIfFull(TimeMs now) {
  if (entries_.size() < options_.max_keys) return;
  // First drop what no longer matters (no lockout, window over), then the stalest.
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& e = it->second;
    bool idle = e.locked_until <= now && now - e.first_failure >= options_.window;
    it = idle ? entries_.erase(it) : std::next(it);
  }
  while (entries_.size() >= options_.max_keys) {
    auto stalest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.last_seen < b.second.last_seen;
    });
    entries_.erase(stalest);
  }
}

}  // namespace lianxin::service
