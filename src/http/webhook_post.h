// One webhook POST over http or https, shared by WebhookSender and
// IntegrationSender (internal to http/).
//
// For an https target the server's certificate chain is verified against
// `ca_file` (PEM), or the system CA bundle when `ca_file` is empty, and its
// host name (or IP address) against the certificate's names; a failure there
// is a connection error like any other.
//
// Thread-safe: every call opens its own connection; blocks up to the timeout
// (connecting, writing and reading each); never throws.
#pragma once

#include <httplib.h>

#include <string>

#include "core/status.h"
#include "service/integration.h"

namespace lianxin::http {

// POSTs `body` (of `content_type`) with `headers` to `target`. The HTTP
// status the server answered; kUnavailable with the library's error name
// (plus the certificate check's reason for a TLS verification failure) when
// no answer came.
Result<int> PostWebhook(const service::WebhookTarget& target, const httplib::Headers& headers,
                        const std::string& body, const std::string& content_type, int timeout_ms,
                        const std::string& ca_file);

}  // namespace lianxin::http
