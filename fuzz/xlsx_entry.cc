// Fuzz entry FuzzXlsx: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include "service/xlsx.h"

namespace lianxin::fuzz {

Violation FuzzXlsx(std::string_view data) {
  auto rows = service::ParseXlsx(data);
  if (!rows.ok()) {
    if (rows.status().code() != StatusCode::kInvalidArgument) return "ParseXlsx: error not kInvalidArgument";
    return {};
  }
  int last = 0;
  for (const CsvRow& row : *rows) {
    if (row.line <= last || row.line > 1048576) return "ParseXlsx: row numbers not ascending in 1..1048576";
    if (row.fields.size() > 16384) return "ParseXlsx: more than 16384 columns";
    last = row.line;
  }
  return {};
}

}  // namespace lianxin::fuzz
