#include "fuzz/fuzz_entries.h"

namespace lianxin::fuzz {

const std::vector<Target>& Targets() {
  static const std::vector<Target> kTargets = {
      {"json_codec", FuzzJsonCodec},
      {"text", FuzzText},
      {"model_file", FuzzModelFile},
      {"csv", FuzzCsv},
      {"xlsx", FuzzXlsx},
  };
  return kTargets;
}

}  // namespace lianxin::fuzz
