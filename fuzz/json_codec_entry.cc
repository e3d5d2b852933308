// Fuzz entry FuzzJsonCodec: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "http/json_codec.h"

namespace lianxin::fuzz {
namespace {

Violation CheckUtf8(const std::string& s, const char* what) {
  if (!IsValidUtf8(s)) return std::string(what) + " is not valid UTF-8";
  return {};
}

}  // namespace

Violation FuzzJsonCodec(std::string_view data) {
  auto obj = http::ParseObject(std::string(data));
  if (!obj.ok()) {
    if (obj.status().message().empty()) return "ParseObject failed without a message";
    return {};
  }
  if (!obj->is_object()) return "ParseObject accepted a non-object";
  if (auto v = CheckUtf8(http::Dump(*obj), "Dump of a parsed object"); !v.empty()) return v;
  if (auto t = http::DecodeNewTicket(*obj); t.ok()) {
    for (const std::string* s : {&t->title, &t->body, &t->citizen_name, &t->citizen_phone,
                                 &t->region_code, &t->address, &t->category_code}) {
      if (auto v = CheckUtf8(*s, "a decoded ticket field"); !v.empty()) return v;
    }
  } else if (t.status().message().empty()) {
    return "DecodeNewTicket failed without a message";
  }
  if (auto a = http::DecodeAction(*obj); a.ok()) {
    for (const std::string& u : a->assist_units) {
      if (auto v = CheckUtf8(u, "a decoded assist unit"); !v.empty()) return v;
    }
  } else if (a.status().message().empty()) {
    return "DecodeAction failed without a message";
  }
  return {};
}

}  // namespace lianxin::fuzz
