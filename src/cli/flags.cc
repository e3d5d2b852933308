#include "cli/flags.h"

#include <iomanip>

namespace lianxin::cli {

Result<Flags> Flags::Parse(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs) {
  Flags f;
  auto find = [&](const std::string& name) -> const FlagSpec* {
    for (const FlagSpec& s : specs) {
      if (name == s.name) return &s;
    }
    return nullptr;
  };
  for (const FlagSpec& s : specs) f.fallbacks_[s.name] = s.fallback;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      f.help_ = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      f.positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const FlagSpec* spec = find(name);
    if (!spec) return Status::InvalidArgument("unknown flag --" + name + " (see --help)");
    if (spec->is_bool) {
      f.values_[name] = has_value ? value : "true";
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return Status::InvalidArgument("flag --" + name + " needs a value");
      value = args[++i];
    }
    f.values_[name] = value;
  }
  return f;
}

std::string Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  auto fb = fallbacks_.find(name);
  return fb == fallbacks_.end() ? "" : fb->second;
}

void Flags::SetDefault(const std::string& name, const std::string& value) {
  if (!values_.count(name)) fallbacks_[name] = value;
}

void Flags::PrintHelp(std::ostream& out, const std::string& usage, const std::vector<FlagSpec>& specs) {
  out << "usage: " << usage << "\n\nflags:\n";
  for (const FlagSpec& s : specs) {
    std::string left = std::string("  --") + s.name + (s.is_bool ? "" : " VALUE");
    // A long flag keeps at least two spaces before its help.
    out << std::left << std::setw(26) << (left.size() + 2 > 26 ? left + "  " : left) << s.help;
    if (*s.fallback) out << " (default: " << s.fallback << ")";
    out << "\n";
  }
  out << "  --help                  show this help\n";
}

}  // namespace lianxin::cli
