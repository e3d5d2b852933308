// Department integration (issue 8 item 2): a handling unit's own system is
// registered by an administrator, receives the unit's outbox messages
// (dispatched, reminder, escalation, reopened) as signed JSON webhooks, and
// calls the inbound API (sign, reply, attach evidence, list open tickets) with
// a per-unit integration key. Part of service.h (included by it): the value
// types and the signature functions, pure and safe to call from any thread.
//
// Signature: hex HMAC-SHA256 (libsodium) keyed with the integration's secret
// over `timestamp + "." + body`, sent as `X-Lianxin-Signature: sha256=<hex>`
// beside `X-Lianxin-Timestamp` (Unix seconds) and `X-Lianxin-Delivery` (the
// outbox message id, for idempotency). Receivers check it with VerifyWebhook.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace lianxin::service {

// The outbox kinds a unit's system may subscribe to.
inline constexpr std::string_view kIntegrationEvents[] = {"dispatched", "reminder", "escalation",
                                                          "reopened"};
// Largest evidence file accepted (bytes).
inline constexpr int64_t kMaxAttachmentBytes = 1 << 20;  // also capped by the server's max_body_bytes
// Citizens' photos on the portal (issue 7 item 8): size of one, photos per ticket.
inline constexpr int64_t kMaxCitizenPhotoBytes = 5 << 20;
inline constexpr int kMaxCitizenPhotos = 3;
// How far a webhook's timestamp may be from the receiver's clock.
inline constexpr TimeMs kWebhookReplayWindow = 5 * 60 * 1000;

// What an administrator registers for a unit.
struct IntegrationInput {
  std::string unit_code;
  std::string url;                  // http://host[:port]/path
  std::vector<std::string> events;  // of kIntegrationEvents; empty = all of them
  bool active = true;
};

// A registration as issued: the secret and the inbound key are shown this once.
struct IssuedIntegration {
  store::UnitIntegration integration;  // key_hash cleared
  std::string key;                     // the inbound API key ("unit_...")
};

// An integration as the admin list shows it (secret and key hash cleared).
struct IntegrationStatus {
  store::UnitIntegration integration;
  store::DeliverySummary deliveries;
  bool flagged = false;  // some delivery failed for good (deliveries.failed > 0)
};

// An evidence file as uploaded.
struct NewAttachment {
  std::string file_name;
  std::string content_type;
  std::string data;
};

// Where a webhook goes: over http, or over https (TLS, the server's
// certificate and host name verified by the sender).
struct WebhookTarget {
  bool https = false;  // the URL's scheme was https://
  std::string host;
  int port = 80;       // 80 for http, 443 for https unless the URL names one
  std::string path = "/";
};
// Parses "http://host[:port][/path]" or "https://host[:port][/path]" (scheme
// lower case); kInvalidArgument (zh-CN) otherwise.
Result<WebhookTarget> ParseWebhookUrl(const std::string& url);

// "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body).
std::string WebhookSignature(std::string_view secret, std::string_view timestamp,
                             std::string_view body);
// What a receiver does: OK when `signature` is WebhookSignature(secret,
// timestamp, body) (constant-time compare) and `timestamp` (Unix seconds) is
// within `window` of `now`; kUnauthenticated otherwise.
Status VerifyWebhook(std::string_view secret, std::string_view timestamp, std::string_view body,
                     std::string_view signature, TimeMs now, TimeMs window = kWebhookReplayWindow);

}  // namespace lianxin::service
