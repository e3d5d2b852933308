// Fuzz entry FuzzModelFile: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include "dispatch/model_file.h"

namespace lianxin::fuzz {

Violation FuzzModelFile(std::string_view data) {
  auto model = dispatch::ParseModel(data);
  if (!model.ok()) {
    if (model.status().message().empty()) return "ParseModel failed without a message";
    return {};
  }
  std::string bytes = dispatch::SerializeModel(**model);
  auto again = dispatch::ParseModel(bytes);
  if (!again.ok()) return "a re-serialised model does not parse: " + again.status().message();
  if (dispatch::SerializeModel(**again) != bytes) return "model round trip changed the bytes";
  return {};
}

}  // namespace lianxin::fuzz
