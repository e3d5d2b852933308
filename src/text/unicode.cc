#include "text/unicode.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "text/embedded_data.h"

namespace lianxin::text::internal {
namespace {

// The traditional → simplified table: a bitmap of the BMP code points that have
// a mapping (8 KiB, so the common "no mapping" answer stays in L1 cache) and the
// sorted pairs, searched only when the bitmap says so or for planes 2-3.
struct T2sTable {
  std::array<uint64_t, 1024> bmp_bits{};
  std::vector<std::pair<char32_t, char32_t>> pairs;
};

T2sTable BuildT2sTable() {
  T2sTable table;
  std::string_view data = EmbeddedT2sChars();
  while (!data.empty()) {
    size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    if (line.empty() || line[0] == '#') continue;
    char32_t from = 0, to = 0;
    size_t n1 = DecodeUtf8(line, 0, from);
    if (n1 == 0 || n1 >= line.size() || line[n1] != '\t') continue;
    size_t n2 = DecodeUtf8(line, n1 + 1, to);
    if (n2 == 0 || n1 + 1 + n2 != line.size()) continue;
    table.pairs.emplace_back(from, to);
    if (from < 0x10000) table.bmp_bits[from >> 6] |= uint64_t{1} << (from & 63);
  }
  std::sort(table.pairs.begin(), table.pairs.end());
  return table;
}

const T2sTable& GetT2sTable() {
  static const T2sTable table = BuildT2sTable();
  return table;
}

}  // namespace

char32_t ToSimplified(char32_t cp) {
  const T2sTable& table = GetT2sTable();
  if (cp < 0x10000 && ((table.bmp_bits[cp >> 6] >> (cp & 63)) & 1) == 0) return cp;
  auto it = std::lower_bound(table.pairs.begin(), table.pairs.end(),
                             std::make_pair(cp, char32_t{0}));
  return it != table.pairs.end() && it->first == cp ? it->second : cp;
}

bool IsSpaceOrPunctSlow(char32_t cp) {
  if (IsHan(cp)) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return true;
    default:
      return false;
  }
}

}  // namespace lianxin::text::internal
