// libFuzzer target "json_codec": see fuzz_entries.h (FuzzJsonCodec). Built only with LIANXIN_BUILD_FUZZERS.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lianxin::fuzz::Violation v =
      lianxin::fuzz::FuzzJsonCodec(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!v.empty()) {
    std::fprintf(stderr, "contract violated: %s\n", v.c_str());
    std::abort();
  }
  return 0;
}

// The fuzzer links http/json_codec.cc without the service library (see CMakeLists.txt).
// The encoders in that file call these three lookups; the decoders fuzzed here never do.
// Defined as service/tickets.cc does (a linear search is enough: never reached).
#include "service/service.h"

namespace lianxin::service {
const Region* Directory::FindRegion(const std::string& code) const {
  for (const Region& r : regions) if (r.code == code) return &r;
  return nullptr;
}
const Unit* Directory::FindUnit(const std::string& code) const {
  for (const Unit& u : units) if (u.code == code) return &u;
  return nullptr;
}
const Category* Directory::FindCategory(const std::string& code) const {
  for (const Category& c : categories) if (c.code == code) return &c;
  return nullptr;
}
}  // namespace lianxin::service
