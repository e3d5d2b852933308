// Internal to service/: shared state and helpers of the Service implementation.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "dispatch/router.h"
#include "service/service.h"
#include "text/text.h"

namespace lianxin::service {

struct Service::Impl {
  ServiceOptions options;
  mutable std::mutex mu;
  std::shared_ptr<const Directory> directory;  // guarded by mu
  std::shared_ptr<const workflow::Sla> sla;     // guarded by mu
  std::shared_ptr<const dispatch::Classifier> classifier;  // guarded by mu; may be null
  std::shared_ptr<const dispatch::Router> router;          // guarded by mu; rebuilt with directory
  std::shared_ptr<const text::Gazetteer> gazetteer;        // guarded by mu; rebuilt with directory
  std::unique_ptr<LoginThrottle> login_throttle;           // security (issue 9); thread-safe itself
};

// An action checked and applied but not yet stored: the next projection and its event.
struct PlannedAction {
  Ticket next;
  TicketEvent event;
};
// Checks `req` by `actor` on `t` (role, unit scope, fields, SLA) at `now` and
// applies it with workflow::Apply; stores nothing. The errors of Service::Perform.
Result<PlannedAction> PlanAction(Service& svc, const workflow::Sla& sla, const Actor& actor,
                                 const Ticket& t, const ActionRequest& req, TimeMs now);

// The dispatch agent's identity in the event log.
inline constexpr char kAgentName[] = "dispatch-agent";
// How long a ticket may wait in the dispatchers' queue.
inline constexpr TimeMs kTriageDeadline = 2 * kHourMs;

// Masks or logs personal data for `actor` reading `t` for `purpose`.
Result<TicketView> ViewFor(store::Store& store, const Clock& clock, const Actor& actor, Ticket t,
                           const char* purpose);
// Whether `actor` may see `t` at all (unit handlers: their own or assisted tickets).
bool InScope(const Actor& actor, const Ticket& t);

// Hex SHA-256 of a bearer token: what the store keeps.
std::string HashToken(const std::string& token);
// `length` characters drawn uniformly from `alphabet` (libsodium randomness).
std::string RandomCode(size_t length, std::string_view alphabet);
// Argon2id (libsodium crypto_pwhash_str).
Result<std::string> HashPassword(const std::string& password);

}  // namespace lianxin::service
