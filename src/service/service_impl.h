// Internal to service/: shared state and helpers of the Service implementation.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "service/service.h"

namespace lianxin::service {

struct Service::Impl {
  ServiceOptions options;
  mutable std::mutex mu;
  std::shared_ptr<const Directory> directory;  // guarded by mu
  std::shared_ptr<const workflow::Sla> sla;     // guarded by mu
};

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
