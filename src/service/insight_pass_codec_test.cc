#include "service/insight_pass_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace lianxin::service::internal {
namespace {

std::string Printf9g(float w) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(w));
  return buf;
}

TEST(AppendWeight, WritesWhatPrintfWrites) {
  std::vector<float> cases = {0.0f, -0.0f, 1, 2, 3, 4.5f, 0.1f, 1e-7f, 123456789.0f,
                              999999999.0f, 1e9f, 4294967296.0f, 1e30f, -1, -2.5f,
                              std::numeric_limits<float>::max(), std::numeric_limits<float>::min(),
                              std::numeric_limits<float>::denorm_min(), 16777217.0f, 8388608.5f};
  std::mt19937 rng(3);
  std::uniform_int_distribution<uint32_t> bits;
  for (int i = 0; i < 200000; ++i) {  // any finite float, and many small whole ones
    uint32_t b = bits(rng);
    float f;
    std::memcpy(&f, &b, sizeof f);
    if (std::isfinite(f)) cases.push_back(f);
    cases.push_back(static_cast<float>(b % 5000) * (i % 2 ? 1.0f : 0.5f));
  }
  for (float w : cases) {
    std::string out = "x";
    AppendWeight(out, w);
    ASSERT_EQ(out, "x" + Printf9g(w)) << w;
  }
}

}  // namespace
}  // namespace lianxin::service::internal
