// Normalize(): one pass over the bytes with an ASCII fast path; the
// traditional → simplified step is a table lookup (unicode.cc), measured about
// 100x faster than calling OpenCC per message.
#include <utf8proc.h>

#include "text/normalize.h"
#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text {
namespace {

using internal::DecodeUtf8;

char* WriteUtf8(char32_t cp, char* o) {
  if (cp < 0x80) {
    *o++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *o++ = static_cast<char>(0xC0 | (cp >> 6));
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *o++ = static_cast<char>(0xE0 | (cp >> 12));
    *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *o++ = static_cast<char>(0xF0 | (cp >> 18));
    *o++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return o;
}

// What a non-ASCII code point becomes.
constexpr char32_t kDrop = 0xFFFFFFFF;
constexpr char32_t kSpace = 0xFFFFFFFE;
constexpr char32_t kEllipsis = 0xFFFFFFFD;  // "..."

char32_t MapNonAscii(char32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return internal::ToSimplified(cp);
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    cp -= 0xFEE0;  // full width → ASCII
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    return cp;
  }
  switch (cp) {
    case 0x3000: return kSpace;
    case 0x3001: case 0xFF64: case 0xFE50: case 0xFE51: case 0xFE10: case 0xFE11: return ',';
    case 0x3002: case 0xFF61: case 0xFE52: case 0xFE12: return '.';
    case 0xFE54: case 0xFE14: return ';';
    case 0xFE55: case 0xFE13: return ':';
    case 0xFE56: case 0xFE16: return '?';
    case 0xFE57: case 0xFE15: return '!';
    case 0xFE59: return '(';
    case 0xFE5A: return ')';
    case 0xFE5B: return '{';
    case 0xFE5C: return '}';
    case 0xFE5F: return '#';
    case 0xFE60: return '&';
    case 0xFE61: return '*';
    case 0xFE62: return '+';
    case 0xFE63: return '-';
    case 0xFE64: return '<';
    case 0xFE65: return '>';
    case 0xFE66: return '=';
    case 0xFE68: return '\\';
    case 0xFE69: return '$';
    case 0xFE6A: return '%';
    case 0xFE6B: return '@';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x301D: case 0x301E:
    case 0x301F: case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFF62: case 0xFF63:
    case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:
      return '"';
    case 0x3010: case 0x3014: case 0x3016: case 0x3018: case 0x301A: case 0xFE5D: return '[';
    case 0x3011: case 0x3015: case 0x3017: case 0x3019: case 0x301B: case 0xFE5E: return ']';
    case 0x300A: case 0x3008: return '<';
    case 0x300B: case 0x3009: return '>';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0x2E3A: case 0x2E3B:
      return '-';
    case 0x301C: case 0x223C: return '~';
    case 0x30FB: case 0x2022: case 0x2027: case 0xFF65: return 0x00B7;  // middle dot
    case 0x2026: case 0xFE19: return kEllipsis;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: return kDrop;
    default: break;
  }
  if (cp >= 0xFE00 && cp <= 0xFE0F) return kDrop;  // variation selectors
  if (cp >= 0x3400) return internal::ToSimplified(cp);
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return kSpace;
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
      return kDrop;
    default:
      return cp;
  }
}

std::string NormalizeUncached(std::string_view input) {
  // Output never exceeds 4/3 of the input: the only growth is a 3-byte
  // traditional character whose simplified form is a 4-byte one.
  std::string out(input.size() + input.size() / 3 + 4, '\0');
  char* const start = out.data();
  char* o = start;
  bool pending_space = false;  // a whitespace run follows some output
  const size_t n = input.size();
  size_t i = 0;
  while (i < n) {
    auto c = static_cast<unsigned char>(input[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        pending_space = o != start;
        continue;
      }
      if (c < 0x20 || c == 0x7F) continue;  // other control characters
      if (c >= 'A' && c <= 'Z') c += 32;
      if (pending_space) {
        *o++ = ' ';
        pending_space = false;
      }
      *o++ = static_cast<char>(c);
      continue;
    }
    char32_t cp;
    size_t len = DecodeUtf8(input, i, cp);
    if (len == 0) {  // invalid byte: drop it
      ++i;
      continue;
    }
    i += len;
    cp = MapNonAscii(cp);
    if (cp == kDrop) continue;
    if (cp == kSpace || cp == ' ') {
      pending_space = o != start;
      continue;
    }
    if (pending_space) {
      *o++ = ' ';
      pending_space = false;
    }
    if (cp == kEllipsis) {
      *o++ = '.';
      *o++ = '.';
      *o++ = '.';
    } else {
      o = WriteUtf8(cp, o);
    }
  }
  out.resize(o - start);
  return out;
}

}  // namespace

std::string Normalize(std::string_view input) {
  // The intake path normalises the same title and body for the classifier, the
  // router and the search terms: the last few results are kept per thread.
  // Short texts are cheaper to redo than to look up; long ones not worth keeping.
  constexpr size_t kMinMemo = 32;
  constexpr size_t kMaxMemo = 20000;
  if (input.size() < kMinMemo || input.size() > kMaxMemo) return NormalizeUncached(input);
  struct Memo {
    std::string input;
    std::string output;
  };
  constexpr size_t kMemos = 4;
  thread_local Memo memos[kMemos];
  thread_local size_t next = 0;
  for (const Memo& m : memos) {
    if (m.input.size() == input.size() && m.input == input) return m.output;
  }
  std::string out = NormalizeUncached(input);
  Memo& m = memos[next];
  next = (next + 1) % kMemos;
  m.input.assign(input);
  m.output.assign(out);
  return out;
}

std::string NormalizeJoin(std::string_view a, std::string_view b) {
  std::string out = Normalize(a);
  std::string nb = Normalize(b);
  if (!out.empty() && !nb.empty()) out += ' ';
  out += nb;
  return out;
}

}  // namespace lianxin::text
