#include "http/metrics.h"

#include <gtest/gtest.h>

namespace lianxin::http {
namespace {

TEST(Metrics, RendersPrometheusText) {
  Metrics m;
  m.Observe("GET", "/api/tickets/(\\d+)", 200, 0.5);
  m.Observe("GET", "/api/tickets/(\\d+)", 200, 0.25);
  std::string text = m.Render();
  EXPECT_NE(text.find("# TYPE lianxin_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("lianxin_http_requests_total{method=\"GET\",route=\"/api/tickets/(\\\\d+)\","
                      "status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("} 0.75"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::http
