// XML for Open311: our own small writer, rendering the same JSON value the
// JSON format sends, so both formats carry identical content. Pure functions;
// thread-safe.
#pragma once

#include <map>
#include <string>

#include "http/json_codec.h"

namespace lianxin::http {

// Escapes &, <, >, " and ' for element text; drops characters XML 1.0 forbids
// (control characters other than tab, newline, carriage return).
std::string XmlEscape(const std::string& s);

// Renders `value` as an XML document with the declaration
// <?xml version="1.0" encoding="UTF-8"?> and root element `root`:
// an object becomes child elements named by its keys (in key order); an array
// becomes repeated child elements named item_names[<its element name>] (or
// "item" when not listed); strings, numbers and booleans become text
// (true/false); null values are left out.
std::string ToXml(const Json& value, const std::string& root,
                  const std::map<std::string, std::string>& item_names);

}  // namespace lianxin::http
