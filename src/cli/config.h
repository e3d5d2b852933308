// The TOML configuration file: its keys become flag defaults (flags given on
// the command line win). Keys are the flag names with '-' or '_'.
#pragma once

#include <string>

#include "cli/flags.h"
#include "core/status.h"

namespace lianxin::cli {

// Reads `path` (when non-empty) and sets each top-level key as a default of
// `flags`. kInvalidArgument with the parser's message on a malformed file.
Status ApplyConfigFile(const std::string& path, Flags& flags);

}  // namespace lianxin::cli
