#include "http/webhook_sender.h"

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "http/json_codec.h"

namespace lianxin::http {

Result<std::unique_ptr<WebhookSender>> WebhookSender::Create(const std::string& url,
                                                             int timeout_seconds) {
  LX_ASSIGN_OR_RETURN(service::WebhookTarget t, service::ParseWebhookUrl(url));
  return std::unique_ptr<WebhookSender>(new WebhookSender(t.host, t.port, t.path, timeout_seconds));
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
    httplib::Client client(host_, port_);
    client.set_connection_timeout(timeout_, 0);
    client.set_read_timeout(timeout_, 0);
    client.set_write_timeout(timeout_, 0);
    auto res = client.Post(path_.c_str(), Dump(payload), "application/json; charset=utf-8");
    if (!res) return Status::Unavailable("webhook: " + httplib::to_string(res.error()));
    if (res->status < 200 || res->status > 299) {
      return Status::Unavailable("webhook answered HTTP " + std::to_string(res->status));
    }
    return Status::Ok();
  } catch (const std::exception& e) {  // the HTTP library's, kept inside http/
    return Status::Unavailable(std::string("webhook: ") + e.what());
  }
}

}  // namespace lianxin::http
