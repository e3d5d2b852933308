// IntegrationSender (issue 8 item 2): delivers outbox messages addressed to a
// unit's own system (Audience::kIntegration) as signed JSON POSTs to the URL
// the administrator registered; every other message goes to the fallback
// sender (log or --webhook-url). Public header of http/ next to server.h.
//
// A delivery: POST <url> with body {"delivery_id", "event", "event_id",
// "ticket_id", "ticket_number", "unit", "text", "attempt", "sent_at"} and the
// headers X-Lianxin-Delivery (the outbox message id, the same on every retry),
// X-Lianxin-Event, X-Lianxin-Timestamp (Unix seconds) and X-Lianxin-Signature
// ("sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body), see
// service/integration.h). An https URL is posted over TLS, the server's
// certificate and host name verified against the CA file given (or the system
// CA bundle); a TLS failure is a delivery failure. Any 2xx is success; anything else, a connection
// error or a timeout is an error the notifier retries with back-off.
//
// Thread-safe: every Send opens its own connection; blocks up to the timeout,
// never throws. `service`, `fallback` and `clock` must outlive the sender.
#pragma once

#include <string>

#include "core/time.h"
#include "service/notifier.h"
#include "service/service.h"

namespace lianxin::http {

class IntegrationSender final : public service::Sender {
 public:
  // `timeout_ms` bounds connecting, writing and reading, each. `ca_file`: the
  // PEM CA certificates https receivers are verified against (empty: the
  // system CA bundle).
  IntegrationSender(service::Service& service, service::Sender& fallback, const Clock& clock,
                    int timeout_ms = 10000, std::string ca_file = "")
      : service_(service),
        fallback_(fallback),
        clock_(clock),
        timeout_ms_(timeout_ms),
        ca_file_(std::move(ca_file)) {}
  // kUnavailable (with the HTTP status or the connection error) when the
  // unit's system did not accept it, or when the unit has no active integration.
  Status Send(const store::OutboxMessage& message) override;

 private:
  service::Service& service_;
  service::Sender& fallback_;
  const Clock& clock_;
  int timeout_ms_;
  std::string ca_file_;
};

}  // namespace lianxin::http
