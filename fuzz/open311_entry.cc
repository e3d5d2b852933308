// Fuzz entry FuzzOpen311: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include "core/utf8.h"
#include "http/form.h"
#include "http/open311_decode.h"

namespace lianxin::fuzz {

Violation FuzzOpen311(std::string_view data) {
  auto form = http::ParseForm(std::string(data));
  if (!form.ok()) {
    if (form.status().code() != StatusCode::kInvalidArgument) return "ParseForm: not kInvalidArgument";
    if (!IsValidUtf8(form.status().message())) return "ParseForm: message not UTF-8";
    return {};
  }
  for (const auto& [name, value] : *form) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) return "ParseForm: field not valid UTF-8";
  }
  if (auto r = http::DecodeOpen311Request(*form); r.ok()) {
    for (const auto& [code, values] : r->attributes) {
      if (code.empty()) return "DecodeOpen311Request: attribute without a code";
      for (const std::string& v : values) {
        if (v.empty()) return "DecodeOpen311Request: empty attribute value kept";
      }
    }
  } else if (r.status().code() != StatusCode::kInvalidArgument) {
    return "DecodeOpen311Request: not kInvalidArgument";
  }
  http::DecodeOpen311Update(*form);
  // The same fields as GET query arguments.
  auto q = http::DecodeOpen311Query([&](const std::string& name) { return http::FormValue(*form, name); });
  if (q.ok()) {
    if (q->page < 1 || q->page_size < 0 || q->page_size > 100000000) return "DecodeOpen311Query: page out of range";
    for (const auto* list : {&q->ids, &q->service_codes, &q->statuses}) {
      for (const std::string& item : *list) {
        if (item.empty() || item.front() == ' ' || item.back() == ' ' || item.find(',') != std::string::npos) {
          return "DecodeOpen311Query: list item empty, untrimmed or with a comma";
        }
      }
    }
  } else if (q.status().code() != StatusCode::kInvalidArgument) {
    return "DecodeOpen311Query: not kInvalidArgument";
  }
  return {};
}

}  // namespace lianxin::fuzz
