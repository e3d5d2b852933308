// WebhookSender (issue 4, part A): delivers outbox messages by POSTing them as
// JSON to one configured URL (`lianxin serve --webhook-url`), e.g. an SMS
// gateway's adapter. Public header of http/ next to server.h.
//
// Thread-safe: every Send opens its own connection. Send blocks up to the
// timeout and never throws.
#pragma once

#include <string>

#include "core/status.h"
#include "service/notifier.h"

namespace lianxin::http {

class WebhookSender final : public service::Sender {
 public:
  // Checks `url` ("http://host[:port][/path]"; https is not built in):
  // kInvalidArgument when it is not such a URL.
  static Result<std::unique_ptr<WebhookSender>> Create(const std::string& url,
                                                       int timeout_seconds = 10);
  // POSTs {"id", "event_id", "ticket_id", "audience", "address", "kind",
  // "body", "attempt"} (the message id lets the receiver drop repeats). OK on
  // any 2xx; kUnavailable with the HTTP status or connection error otherwise.
  Status Send(const store::OutboxMessage& message) override;

 private:
  WebhookSender(std::string host, int port, std::string path, int timeout_seconds)
      : host_(std::move(host)), port_(port), path_(std::move(path)), timeout_(timeout_seconds) {}
  std::string host_;
  int port_;
  std::string path_;
  int timeout_;
};

}  // namespace lianxin::http
