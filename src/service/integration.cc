// Department integration (issue 8 item 2): registration of a unit's system,
// webhook signatures, the inbound key, and evidence attachments.
#include <sodium.h>

#include <algorithm>

#include "core/utf8.h"
#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
Status AdminOnly(const Actor& a, const char* what) {
  if (a.citizen || a.role != Role::kAdmin) {
    return Status::PermissionDenied(std::string("只有管理员可以") + what);
  }
  return Status::Ok();
}

namespace {

bool KnownEvent(const std::string& e) {
  return std::find(std::begin(kIntegrationEvents), std::end(kIntegrationEvents), e) !=
         std::end(kIntegrationEvents);
}

// A file name safe to echo back in a Content-Disposition header: no path, no
// control characters, no quotes.
bool GoodFileName(const std::string& n) {
  if (n.empty() || n.size() > 200 || !IsValidUtf8(n) || n == "." || n == "..") return false;
  for (unsigned char c : n) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') return false;
  }
  return true;
}

bool GoodContentType(const std::string& t) {
  if (t.empty() || t.size() > 100 || t.find('/') == std::string::npos) return false;
  for (unsigned char c : t) {
    if (c <= 0x20 || c >= 0x7f) {
      if (c != ' ') return false;
    }
  }
  return true;
}

}  // namespace

Result<WebhookTarget> ParseWebhookUrl(const std::string& url) {
  WebhookTarget t;
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    t.https = true;
    t.port = 443;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return Status::InvalidArgument("回调地址必须以 http:// 或 https:// 开头：" + url);
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) t.path = rest.substr(slash);
  t.host = authority;
  if (size_t colon = authority.rfind(':'); colon != std::string::npos) {
    t.host = authority.substr(0, colon);
    std::string digits = authority.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return Status::InvalidArgument("回调地址的端口无效：" + url);
    }
    t.port = std::stoi(digits);
  }
  if (t.host.empty() || t.port < 1 || t.port > 65535 ||
      t.host.find_first_of(" @?#") != std::string::npos) {
    return Status::InvalidArgument("回调地址的主机或端口无效：" + url);
  }
  for (unsigned char c : t.path) {
    if (c <= 0x20 || c >= 0x7f) return Status::InvalidArgument("回调地址的路径含有非法字符：" + url);
  }
  return t;
}

std::string WebhookSignature(std::string_view secret, std::string_view timestamp,
                             std::string_view body) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(timestamp.data()),
                                timestamp.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  return "sha256=" + ToHex(mac, sizeof mac);
}

Status VerifyWebhook(std::string_view secret, std::string_view timestamp, std::string_view body,
                     std::string_view signature, TimeMs now, TimeMs window) {
  if (timestamp.empty() || timestamp.size() > 12 ||
      timestamp.find_first_not_of("0123456789") != std::string_view::npos) {
    return Status::Unauthenticated("时间戳无效");
  }
  const TimeMs at = std::stoll(std::string(timestamp)) * 1000;
  if (at < now - window || at > now + window) return Status::Unauthenticated("时间戳超出允许范围（疑似重放）");
  const std::string expected = WebhookSignature(secret, timestamp, body);
  if (signature.size() != expected.size() ||
      sodium_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Status::Unauthenticated("签名不符");
  }
  return Status::Ok();
}

Result<IssuedIntegration> Service::PutIntegration(const Actor& actor, const IntegrationInput& in) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "登记单位系统对接"));
  auto dir = directory();
  const Unit* unit = dir->FindUnit(in.unit_code);
  if (!unit) return Status::InvalidArgument("未知的承办单位：" + in.unit_code);
  if (in.unit_code == HotlineCentre()) return Status::InvalidArgument("热线中心本身不能登记为对接单位");
  LX_RETURN_IF_ERROR(ParseWebhookUrl(in.url).status());
  store::UnitIntegration g;
  g.unit_code = in.unit_code;
  g.url = in.url;
  for (const std::string& e : in.events) {
    if (!KnownEvent(e)) {
      return Status::InvalidArgument("未知的事件：" + e + "（可选 dispatched、reminder、escalation、reopened）");
    }
    if (std::find(g.events.begin(), g.events.end(), e) == g.events.end()) g.events.push_back(e);
  }
  if (g.events.empty()) g.events.assign(std::begin(kIntegrationEvents), std::end(kIntegrationEvents));
  g.active = in.active;
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  g.secret = "whsec_" + ToHex(raw, sizeof raw);
  IssuedKey key = DrawKey("unit_");
  g.key_hash = key.hash;
  g.created_at = g.updated_at = clock_.Now();
  if (auto old = store_.GetIntegration(in.unit_code); old.ok()) g.created_at = old->created_at;
  LX_RETURN_IF_ERROR(store_.PutIntegration(g));
  IssuedIntegration out;
  out.integration = g;
  out.integration.key_hash.clear();
  out.key = key.key;
  return out;
}

Result<std::vector<IntegrationStatus>> Service::ListIntegrations(const Actor& actor) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "查看单位系统对接"));
  LX_ASSIGN_OR_RETURN(std::vector<store::UnitIntegration> all, store_.ListIntegrations());
  std::vector<IntegrationStatus> out;
  for (store::UnitIntegration& g : all) {
    IntegrationStatus s;
    LX_ASSIGN_OR_RETURN(s.deliveries, store_.SummarizeDeliveries(
                                          store::OutboxMessage::Audience::kIntegration, g.unit_code));
    s.flagged = s.deliveries.failed > 0;
    g.secret.clear();
    g.key_hash.clear();
    s.integration = std::move(g);
    out.push_back(std::move(s));
  }
  return out;
}

Result<int64_t> Service::RetryIntegration(const Actor& actor, const std::string& unit_code) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "重发单位系统的推送"));
  auto g = store_.GetIntegration(unit_code);
  if (!g.ok()) {
    return g.status().code() == StatusCode::kNotFound
               ? Status::NotFound("该单位没有登记系统对接：" + unit_code)
               : g.status();
  }
  return store_.RetryMessages(store::OutboxMessage::Audience::kIntegration, unit_code, clock_.Now());
}

Result<Actor> Service::AuthenticateIntegration(const std::string& key) {
  const Status bad = Status::Unauthenticated("对接密钥无效或已停用");
  if (key.empty()) return Status::Unauthenticated("缺少对接密钥（Authorization: Bearer …）");
  auto g = store_.GetIntegrationByKeyHash(HashToken(key));
  if (!g.ok()) return g.status().code() == StatusCode::kNotFound ? bad : g.status();
  if (!g->active) return bad;
  Actor a;
  a.username = "integration:" + g->unit_code;
  a.role = Role::kUnitHandler;
  a.unit_code = g->unit_code;
  return a;
}

Result<store::UnitIntegration> Service::ActiveIntegration(const std::string& unit_code) {
  LX_ASSIGN_OR_RETURN(store::UnitIntegration g, store_.GetIntegration(unit_code));
  if (!g.active) return Status::NotFound("integration of " + unit_code + " is inactive");
  return g;
}

Result<store::Attachment> Service::AddAttachment(const Actor& actor, TicketId id,
                                                 const NewAttachment& file) {
  LX_ASSIGN_OR_RETURN(TicketView view, GetTicket(actor, id));
  if (!GoodFileName(file.file_name)) {
    return Status::InvalidArgument("文件名无效（1–200 字节，不能含路径、引号或控制字符）");
  }
  if (!GoodContentType(file.content_type)) return Status::InvalidArgument("文件类型无效（如 image/jpeg）");
  if (file.data.empty()) return Status::InvalidArgument("附件不能为空");
  if (static_cast<int64_t>(file.data.size()) > kMaxAttachmentBytes) {
    return Status::InvalidArgument("附件不能超过 " + std::to_string(kMaxAttachmentBytes / 1024 / 1024) + " MB");
  }
  store::Attachment a;
  a.ticket_id = view.ticket.id;
  a.file_name = file.file_name;
  a.content_type = file.content_type;
  a.data = file.data;
  return StoreAttachmentWithNote(*this, actor, std::move(a), "附件", "上传证明材料");
}

Result<store::Attachment> StoreAttachmentWithNote(Service& svc, const Actor& actor,
                                                  store::Attachment a, const std::string& reason,
                                                  const std::string& what, int limit) {
  a.size = static_cast<int64_t>(a.data.size());
  a.sha256 = HashToken(a.data);
  a.uploaded_by = actor.username;
  a.created_at = svc.clock().Now();
  // The bytes first: a crash before the note leaves an unlisted file, never a
  // note pointing at nothing.
  LX_ASSIGN_OR_RETURN(store::Attachment stored, limit > 0
                                                    ? svc.store().PutAttachmentWithinLimit(a, limit)
                                                    : svc.store().PutAttachment(a));
  ActionRequest note;
  note.type = EventType::kNote;
  note.reason = reason;
  note.content = what + "：" + stored.file_name + "（" + std::to_string(stored.size) +
                 " 字节，附件编号 " + std::to_string(stored.id) + "）";
  LX_RETURN_IF_ERROR(ApplyAction(svc, *svc.CurrentSla(), actor, a.ticket_id, note).status());
  stored.data.clear();
  return stored;
}

Result<std::vector<store::Attachment>> Service::ListAttachments(const Actor& actor, TicketId id) {
  LX_RETURN_IF_ERROR(GetTicket(actor, id).status());
  return store_.ListAttachments(id);
}

Result<store::Attachment> Service::GetAttachment(const Actor& actor, TicketId id,
                                                 int64_t attachment_id) {
  LX_RETURN_IF_ERROR(GetTicket(actor, id).status());
  auto a = store_.GetAttachment(id, attachment_id);
  if (!a.ok() && a.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("附件不存在：" + std::to_string(attachment_id));
  }
  return a;
}

}  // namespace lianxin::service
