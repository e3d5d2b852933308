// Internal to service/: pieces of the insight pass's member payload encoding
// (insight_pass.cc), kept apart so they can be tested on their own.
//
// Free functions, pure and thread-safe.
#pragma once

#include <string>

namespace lianxin::service::internal {

// Appends `weight` as printf's "%.9g" writes it (the payload's term weights:
// integers but for odd title weights). Whole numbers in [0, 1e9) take a
// fast path (their digits); everything else goes through std::to_chars.
void AppendWeight(std::string& out, float weight);

}  // namespace lianxin::service::internal
