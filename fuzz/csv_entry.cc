// Fuzz entry FuzzCsv: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include "core/csv.h"

namespace lianxin::fuzz {

Violation FuzzCsv(std::string_view data) {
  auto rows = ReadCsv(data, "fuzz.csv");
  if (!rows.ok()) {
    if (rows.status().message().rfind("fuzz.csv:", 0) != 0) return "ReadCsv error without source";
    return {};
  }
  size_t lines = 1;
  for (char c : data) lines += c == '\n';
  int last = 0;
  for (const CsvRow& row : *rows) {
    if (row.line <= last) return "ReadCsv: line numbers not ascending";
    if (static_cast<size_t>(row.line) > lines) return "ReadCsv: line number past the end";
    last = row.line;
  }
  return {};
}

}  // namespace lianxin::fuzz
