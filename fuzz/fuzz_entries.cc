#include "fuzz/fuzz_entries.h"

namespace lianxin::fuzz {

const std::vector<Target>& Targets() {
  static const std::vector<Target> kTargets = {
      {"json_codec", FuzzJsonCodec},
      {"text", FuzzText},
      {"model_file", FuzzModelFile},
      {"csv", FuzzCsv},
      {"xlsx", FuzzXlsx},
      {"open311", FuzzOpen311},          // issue 9 item 5 (load branch)
      {"bulk_import", FuzzBulkImport},   // issue 9 item 5 (load branch)
  };
  return kTargets;
}

}  // namespace lianxin::fuzz
