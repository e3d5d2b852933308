#include "http/xml.h"

#include <nlohmann/json.hpp>

namespace lianxin::http {
namespace {

void Render(const Json& v, const std::string& name,
            const std::map<std::string, std::string>& items, std::string& out) {
  if (v.is_null()) return;
  out += "<" + name + ">";
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) Render(it.value(), it.key(), items, out);
  } else if (v.is_array()) {
    auto found = items.find(name);
    const std::string item = found == items.end() ? "item" : found->second;
    for (const Json& e : v) Render(e, item, items, out);
  } else if (v.is_string()) {
    out += XmlEscape(v.get<std::string>());
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else {
    out += v.dump();  // numbers as JSON writes them
  }
  out += "</" + name + ">";
}

}  // namespace

std::string XmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
        out += ch;
    }
  }
  return out;
}

std::string ToXml(const Json& value, const std::string& root,
                  const std::map<std::string, std::string>& item_names) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  Render(value, root, item_names, out);
  out += "\n";
  return out;
}

}  // namespace lianxin::http
