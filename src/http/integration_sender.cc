#include "http/integration_sender.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/json_codec.h"
#include "http/webhook_post.h"

namespace lianxin::http {

Status IntegrationSender::Send(const store::OutboxMessage& m) {
  if (m.audience != store::OutboxMessage::Audience::kIntegration) return fallback_.Send(m);
  auto g = service_.ActiveIntegration(m.address);
  if (!g.ok()) return Status::Unavailable("integration of " + m.address + ": " + g.status().message());
  auto target = service::ParseWebhookUrl(g->url);
  if (!target.ok()) return Status::Unavailable(target.status().message());
  try {
    const TimeMs now = clock_.Now();
    std::string number;
    if (auto t = service_.store().GetTicket(m.ticket_id); t.ok()) number = t->number;
    Json payload = {{"delivery_id", m.id},
                    {"event", m.kind},
                    {"event_id", m.event_id},
                    {"ticket_id", m.ticket_id},
                    {"ticket_number", number},
                    {"unit", m.address},
                    {"text", m.body},
                    {"attempt", m.attempts + 1},
                    {"sent_at", FormatIsoCst(now)}};
    const std::string body = Dump(payload);
    const std::string timestamp = std::to_string(now / 1000);
    httplib::Headers headers = {
        {"X-Lianxin-Delivery", std::to_string(m.id)},
        {"X-Lianxin-Event", m.kind},
        {"X-Lianxin-Timestamp", timestamp},
        {"X-Lianxin-Signature", service::WebhookSignature(g->secret, timestamp, body)}};
    auto status = PostWebhook(*target, headers, body, "application/json; charset=utf-8",
                              timeout_ms_, ca_file_);
    if (!status.ok()) return Status::Unavailable("单位系统无法连接：" + status.status().message());
    if (*status < 200 || *status > 299) {
      return Status::Unavailable("单位系统返回 HTTP " + std::to_string(*status));
    }
    return Status::Ok();
  } catch (const std::exception& e) {  // the HTTP library's, kept inside http/
    return Status::Unavailable(std::string("单位系统推送失败：") + e.what());
  }
}

}  // namespace lianxin::http
