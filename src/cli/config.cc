#include "cli/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

namespace lianxin::cli {

Status ApplyConfigFile(const std::string& path, Flags& flags) {
  if (path.empty()) return Status::Ok();
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << path << ": " << e.description() << " at line " << e.source().begin.line;
    return Status::InvalidArgument(msg.str());
  }
  for (const auto& [key, node] : table) {
    std::string name(key.str());
    std::replace(name.begin(), name.end(), '_', '-');
    std::string value;
    if (auto s = node.value<std::string>()) {
      value = *s;
    } else if (auto i = node.value<int64_t>()) {
      value = std::to_string(*i);
    } else if (auto b = node.value<bool>()) {
      value = *b ? "true" : "false";
    } else {
      return Status::InvalidArgument(path + ": unsupported value for " + name);
    }
    flags.SetDefault(name, value);
  }
  return Status::Ok();
}

}  // namespace lianxin::cli
