// Login throttling (issue 9 item 6): counts failed logins per (username, client
// address) and refuses further attempts for a while once too many failed in a
// window, so passwords cannot be guessed online. Used by Service::Login.
//
// Thread-safe: every method takes an internal mutex. Memory is bounded: at most
// `max_keys` keys are tracked; when full, the stalest keys are dropped first.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "core/time.h"

namespace lianxin::service {

struct LoginThrottleOptions {
  int max_failures = 5;             // failed attempts allowed within `window`
  TimeMs window = 15 * 60 * kSecondMs;  // failures older than this are forgotten
  TimeMs lockout = 15 * 60 * kSecondMs;  // how long a key is refused after too many failures
  size_t max_keys = 100000;
};

class LoginThrottle {
 public:
  // `clock` must outlive the throttle.
  LoginThrottle(const Clock& clock, LoginThrottleOptions options = {});

  // 0 when an attempt for (username, client) may go ahead now, otherwise the
  // milliseconds until it may. Does not count as an attempt.
  TimeMs RetryAfter(const std::string& username, const std::string& client) const;
  // Records a failed attempt; the failure that reaches max_failures starts the lockout.
  void RecordFailure(const std::string& username, const std::string& client);
  // Forgets the key's failures (after a successful login).
  void RecordSuccess(const std::string& username, const std::string& client);

 private:
  struct Entry {
    int failures = 0;
    TimeMs first_failure = 0;
    TimeMs locked_until = 0;
    TimeMs last_seen = 0;
  };
  static std::string Key(const std::string& username, const std::string& client);
  void EvictIfFull(TimeMs now);  // requires mu_

  const Clock& clock_;
  LoginThrottleOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace lianxin::service
