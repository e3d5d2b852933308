// A small command-line flag parser shared by the subcommands:
// "--name value", "--name=value", boolean "--flag", and positional words.
// Not thread-safe (used once per process).
#pragma once

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace lianxin::cli {

struct FlagSpec {
  const char* name;  // without dashes
  const char* help;
  bool is_bool = false;
  const char* fallback = "";
};

class Flags {
 public:
  // Parses `args` against `specs`; kInvalidArgument for unknown flags or a
  // missing value. "--help"/"-h" sets help().
  static Result<Flags> Parse(const std::vector<std::string>& args,
                             const std::vector<FlagSpec>& specs);
  bool help() const { return help_; }
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // The value given, else the spec's fallback.
  std::string Get(const std::string& name) const;
  bool Bool(const std::string& name) const { return Has(name) && Get(name) != "false"; }
  const std::vector<std::string>& positional() const { return positional_; }
  // Sets a value unless the command line gave one (config file defaults).
  void SetDefault(const std::string& name, const std::string& value);
  static void PrintHelp(std::ostream& out, const std::string& usage,
                        const std::vector<FlagSpec>& specs);

 private:
  bool help_ = false;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> fallbacks_;
  std::vector<std::string> positional_;
};

}  // namespace lianxin::cli
