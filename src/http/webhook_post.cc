#include "http/webhook_post.h"

#include <openssl/x509.h>

#include <memory>

namespace lianxin::http {

Result<int> PostWebhook(const service::WebhookTarget& target, const httplib::Headers& headers,
                        const std::string& body, const std::string& content_type, int timeout_ms,
                        const std::string& ca_file) {
  try {
    std::unique_ptr<httplib::ClientImpl> client;
    httplib::SSLClient* tls = nullptr;
    if (target.https) {
      auto c = std::make_unique<httplib::SSLClient>(target.host, target.port);
      if (!c->is_valid()) return Status::Unavailable("TLS 初始化失败");
      c->enable_server_certificate_verification(true);
      if (!ca_file.empty()) c->set_ca_cert_path(ca_file.c_str());
      tls = c.get();
      client = std::move(c);
    } else {
      client = std::make_unique<httplib::ClientImpl>(target.host, target.port);
    }
    const time_t sec = timeout_ms / 1000;
    const time_t usec = static_cast<time_t>(timeout_ms % 1000) * 1000;
    client->set_connection_timeout(sec, usec);
    client->set_read_timeout(sec, usec);
    client->set_write_timeout(sec, usec);
    auto res = client->Post(target.path.c_str(), headers, body, content_type.c_str());
    if (!res) {
      std::string why = httplib::to_string(res.error());
      if (tls && res.error() == httplib::Error::SSLServerVerification) {
        const long v = tls->get_openssl_verify_result();
        why += v == X509_V_OK ? "（服务器证书与主机名不符）"
                              : std::string("（服务器证书校验失败：") +
                                    X509_verify_cert_error_string(v) + "）";
      }
      return Status::Unavailable(why);
    }
    return res->status;
  } catch (const std::exception& e) {  // the HTTP library's, kept inside http/
    return Status::Unavailable(e.what());
  }
}

}  // namespace lianxin::http
