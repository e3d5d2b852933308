#include "http/security_headers.h"

#include <sodium.h>

#include <cctype>
#include <vector>

namespace lianxin::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The bodies of the <script> elements without a src attribute.
std::vector<std::string_view> InlineScripts(std::string_view html) {
  std::vector<std::string_view> out;
  const std::string lower = Lower(html);
  size_t pos = 0;
  while ((pos = lower.find("<script", pos)) != std::string::npos) {
    size_t tag_end = lower.find('>', pos);
    if (tag_end == std::string::npos) break;
    size_t close = lower.find("</script", tag_end);
    if (close == std::string::npos) break;
    std::string_view tag = std::string_view(lower).substr(pos, tag_end - pos);
    bool has_src = tag.find(" src=") != std::string_view::npos ||
                   tag.find("\nsrc=") != std::string_view::npos ||
                   tag.find("\tsrc=") != std::string_view::npos;
    if (!has_src) out.push_back(html.substr(tag_end + 1, close - tag_end - 1));
    pos = close;
  }
  return out;
}

std::string Sha256Base64(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return b64;
}

}  // namespace

std::string PageCsp(std::string_view html) {
  std::string scripts = "script-src 'self'";
  for (std::string_view body : InlineScripts(html)) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
    scripts += " 'sha256-" + Sha256Base64(body) + "'";
  }
  return "default-src 'self'; " + scripts +
         "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
         "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
         "frame-ancestors 'none'";
}

}  // namespace lianxin::http
