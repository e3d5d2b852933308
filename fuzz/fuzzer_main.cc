// The libFuzzer entry of every target: <target>_fuzzer is this file compiled with
// LIANXIN_FUZZ_ENTRY set to the target's entry function (fuzz/CMakeLists.txt), see
// fuzz_entries.h. A broken contract aborts, so libFuzzer keeps the input as a crash.
// Built only with LIANXIN_BUILD_FUZZERS.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_entries.h"

#ifndef LIANXIN_FUZZ_ENTRY
#error "LIANXIN_FUZZ_ENTRY must name the entry, e.g. FuzzCsv"
#endif

// Runs the entry once on an empty input before fuzzing starts, so that its one-time
// set-up (e.g. loading the jieba dictionaries, seconds under ASan on a busy machine)
// is not counted against the first input's -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)lianxin::fuzz::LIANXIN_FUZZ_ENTRY(std::string_view());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lianxin::fuzz::Violation v = lianxin::fuzz::LIANXIN_FUZZ_ENTRY(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!v.empty()) {
    std::fprintf(stderr, "contract violated: %s\n", v.c_str());
    std::abort();
  }
  return 0;
}
