// The small CSV reader behind the readable data files (data/demo, data/calendar).
// Pure functions; thread-safe. ReadTextFile is the one file read in core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lianxin {

// One data row of a CSV text and its 1-based line number in the file.
struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

// Splits `text` into rows: skips a UTF-8 BOM, blank lines and lines whose first
// non-blank character is '#'; fields are comma separated, trimmed of spaces and
// tabs, and may be double-quoted ("a, b" and "" for a quote). Returns
// kInvalidArgument "<source>:<line>: ..." on an unterminated quote.
Result<std::vector<CsvRow>> ReadCsv(std::string_view text, std::string_view source);

// Reads the whole file at `path` (blocks). kNotFound when it cannot be opened.
Result<std::string> ReadTextFile(const std::string& path);

// "<source>:<line>: <message>" as kInvalidArgument: the error of a bad row.
Status RowError(std::string_view source, int line, const std::string& message);

}  // namespace lianxin
