#include "service/insight_pass_codec.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace lianxin::service::internal {

void AppendWeight(std::string& out, float weight) {
  char buf[32];
  std::to_chars_result r;
  // %.9g prints a whole number below 1e9 as its digits (no exponent, no point);
  // -0 keeps its sign there, hence signbit.
  if (weight >= 0 && weight < 1e9f && !std::signbit(weight) && weight == std::floor(weight)) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<uint32_t>(weight));
  } else {
    // The standard defines to_chars' general format with a precision as %.9g.
    r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(weight),
                      std::chars_format::general, 9);
  }
  out.append(buf, r.ptr);
}

}  // namespace lianxin::service::internal
