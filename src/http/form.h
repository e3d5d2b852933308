// application/x-www-form-urlencoded bodies (Open311 POSTs): decoding into an
// ordered list of fields, keeping repeated keys (attribute[code][]=a&...=b).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace lianxin::http {

// The fields of a form in their order. A field without '=' has an empty value.
using FormFields = std::vector<std::pair<std::string, std::string>>;

// Decodes `body`: '&' separates fields, '+' is a space, %XX a byte. Names and
// values must be valid UTF-8 after decoding. kInvalidArgument (Chinese message)
// for a broken %-escape or invalid UTF-8.
Result<FormFields> ParseForm(const std::string& body);

// The last value of `name` in `fields`, or "" when absent.
std::string FormValue(const FormFields& fields, const std::string& name);

}  // namespace lianxin::http
