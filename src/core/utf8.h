// UTF-8 helpers used at every edge where text enters. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lianxin {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Number of code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);
// The first `max_chars` code points of UTF-8 `s` (all of it when shorter); never
// cuts a character apart.
std::string Utf8Prefix(std::string_view s, size_t max_chars);
// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void AppendUtf8(char32_t cp, std::string& out);
// Masks a phone number for display: "13812341234" → "138****1234"; short or
// empty input → "****" or "".
std::string MaskPhone(std::string_view phone);
// Masks a person's name: "张三丰" → "张**"; empty stays empty.
std::string MaskName(std::string_view name);

}  // namespace lianxin
