// Security headers (issue 9 item 6): the Content-Security-Policy of the API and of
// the web pages. Every response also carries X-Content-Type-Options: nosniff,
// X-Frame-Options: DENY and Referrer-Policy: same-origin (server.cc's default headers).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lianxin::http {

// When no web pages are served: nothing may load, nothing may frame a response.
inline constexpr char kApiCsp[] = "default-src 'none'; frame-ancestors 'none'";

// The CSP of one HTML page: scripts, styles, images, fonts and connections from our
// origin only; inline scripts only when `html` contains them verbatim (each allowed by
// its 'sha256-…' hash, so an injected script does not run); inline styles allowed
// (Element Plus sets style attributes); no plugins, no framing, forms post to us only.
// server.cc sends the policy of the served index.html on every response.
std::string PageCsp(std::string_view html);

}  // namespace lianxin::http
