#include "http/security_headers.h"

#include <gtest/gtest.h>

namespace lianxin::http {
namespace {

TEST(PageCsp, AllowsOnlyOurOriginAndForbidsFraming) {
  std::string csp = PageCsp("<html><body><script type=\"module\" src=\"/assets/a.js\"></script>");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos);  // no hash: no inline script
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(csp.find("object-src 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
  EXPECT_EQ(csp.find("script-src 'self' 'unsafe-inline'"), std::string::npos);
}

TEST(PageCsp, HashesEachInlineScriptExactly) {
  // The base64 SHA-256 of "alert(1)", computed independently with
  // `printf 'alert(1)' | openssl dgst -sha256 -binary | base64`.
  std::string csp = PageCsp("<head><SCRIPT>alert(1)</script><script src=/x.js></script></head>");
  EXPECT_NE(csp.find("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), std::string::npos) << csp;
  // A different script body gives a different hash: injected scripts are not allowed.
  EXPECT_EQ(PageCsp("<script>alert(2)</script>").find("bhHHL3z2"), std::string::npos);
}

TEST(PageCsp, IgnoresEmptyAndUnterminatedScripts) {
  EXPECT_EQ(PageCsp("<script> \n</script>").find("sha256"), std::string::npos);
  EXPECT_EQ(PageCsp("<script>alert(1)").find("sha256"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::http
