#include "http/webhook_sender.h"

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "http/json_codec.h"
#include "http/webhook_post.h"

namespace lianxin::http {

Result<std::unique_ptr<WebhookSender>> WebhookSender::Create(const std::string& url,
                                                             int timeout_seconds,
                                                             std::string ca_file) {
  LX_ASSIGN_OR_RETURN(service::WebhookTarget t, service::ParseWebhookUrl(url));
  return std::unique_ptr<WebhookSender>(
      new WebhookSender(std::move(t), timeout_seconds, std::move(ca_file)));
}

Status WebhookSender::Send(const store::OutboxMessage& m) {
  try {
    Json payload = {{"id", m.id},
                    {"event_id", m.event_id},
                    {"ticket_id", m.ticket_id},
                    {"audience", store::ToString(m.audience)},
                    {"address", m.address},
                    {"kind", m.kind},
                    {"body", m.body},
                    {"attempt", m.attempts + 1}};
    auto status = PostWebhook(target_, {}, Dump(payload), "application/json; charset=utf-8",
                              timeout_ * 1000, ca_file_);
    if (!status.ok()) return Status::Unavailable("webhook: " + status.status().message());
    if (*status < 200 || *status > 299) {
      return Status::Unavailable("webhook answered HTTP " + std::to_string(*status));
    }
    return Status::Ok();
  } catch (const std::exception& e) {  // the HTTP library's, kept inside http/
    return Status::Unavailable(std::string("webhook: ") + e.what());
  }
}

}  // namespace lianxin::http
