// libFuzzer target "bulk_import": see fuzz_entries.h (FuzzBulkImport). Built only with LIANXIN_BUILD_FUZZERS.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lianxin::fuzz::Violation v =
      lianxin::fuzz::FuzzBulkImport(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!v.empty()) {
    std::fprintf(stderr, "contract violated: %s\n", v.c_str());
    std::abort();
  }
  return 0;
}
