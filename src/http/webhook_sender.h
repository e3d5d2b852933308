// WebhookSender (issue 4, part A): delivers outbox messages by POSTing them as
// JSON to one configured URL (`lianxin serve --webhook-url`), e.g. an SMS
// gateway's adapter. Public header of http/ next to server.h.
//
// Thread-safe: every Send opens its own connection. Send blocks up to the
// timeout and never throws.
#pragma once

#include <string>

#include "core/status.h"
#include "service/integration.h"
#include "service/notifier.h"

namespace lianxin::http {

class WebhookSender final : public service::Sender {
 public:
  // Checks `url` ("http[s]://host[:port][/path]"): kInvalidArgument when it
  // is not such a URL. https is verified against `ca_file` (PEM; empty: the
  // system CA bundle), as in IntegrationSender.
  static Result<std::unique_ptr<WebhookSender>> Create(const std::string& url,
                                                       int timeout_seconds = 10,
                                                       std::string ca_file = "");
  // POSTs {"id", "event_id", "ticket_id", "audience", "address", "kind",
  // "body", "attempt"} (the message id lets the receiver drop repeats). OK on
  // any 2xx; kUnavailable with the HTTP status or connection error otherwise.
  Status Send(const store::OutboxMessage& message) override;

 private:
  WebhookSender(service::WebhookTarget target, int timeout_seconds, std::string ca_file)
      : target_(std::move(target)), timeout_(timeout_seconds), ca_file_(std::move(ca_file)) {}
  service::WebhookTarget target_;
  int timeout_;
  std::string ca_file_;
};

}  // namespace lianxin::http
