// Internal to text/: code point helpers shared by normalisation, segmentation,
// PII detection and the gazetteer. Pure functions, thread-safe (the tables are
// built once, on first use, behind a function-local static).
#pragma once

#include "core/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lianxin::text::internal {

// Decodes the code point starting at s[i] into `cp` and returns its length in
// bytes, or 0 when the bytes there are not well-formed UTF-8 (truncated,
// overlong, surrogate, > U+10FFFF); callers then skip one byte.
inline size_t DecodeUtf8(std::string_view s, size_t i, char32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t left = s.size() - i;
  const unsigned char c = p[0];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  if (c < 0xE0) {
    if (left < 2 || (p[1] & 0xC0) != 0x80) return 0;
    cp = (char32_t(c & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (c < 0xF0) {
    if (left < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    cp = (char32_t(c & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (left < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) {
      return 0;
    }
    cp = (char32_t(c & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
         (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

// Appends the UTF-8 encoding of `cp` (core/utf8.h).
using ::lianxin::AppendUtf8;

inline bool IsAsciiDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
inline bool IsAsciiAlpha(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }
inline bool IsAsciiAlnum(char32_t cp) { return IsAsciiDigit(cp) || IsAsciiAlpha(cp); }

// CJK unified ideographs (basic block, extension A, compatibility, planes 2-3).
inline bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

// The simplified form of a traditional Chinese character (data/text/t2s_chars.txt),
// or `cp` itself.
char32_t ToSimplified(char32_t cp);

// Full-width ASCII variants (U+FF01..U+FF5E) → ASCII, ideographic space → ' ';
// other code points unchanged.
inline char32_t ToHalfWidth(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0x3000) return ' ';
  return cp;
}

// The form used to compare text loosely: half width, ASCII lower case, simplified.
inline char32_t FoldForMatch(char32_t cp) {
  cp = ToHalfWidth(cp);
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0x3400) return ToSimplified(cp);
  return cp;
}

bool IsSpaceOrPunctSlow(char32_t cp);

// True for whitespace, punctuation, symbols and control/format characters: the
// code points a token made only of is dropped.
inline bool IsSpaceOrPunct(char32_t cp) {
  if (cp < 0x80) return !IsAsciiAlnum(cp);
  if (cp >= 0x4E00 && cp <= 0x9FFF) return false;
  return IsSpaceOrPunctSlow(cp);
}

}  // namespace lianxin::text::internal
