// Reading the first worksheet of an .xlsx file (Office Open XML spreadsheet)
// into rows of text, for the bulk import of historical tickets (issue 8). The
// zip container is read here (stored and deflated entries, via zlib's
// inflate); the workbook, its relationships, the shared strings, the styles and
// the sheet are parsed by a small XML reader of our own. Cells become text:
// shared and inline strings as written, booleans TRUE/FALSE, numbers as the
// shortest decimal, and numbers in a date or time format (Excel serial days,
// the 1900 date system) as ISO 8601 in China Standard Time
// ("2026-11-29T08:30:00+08:00"), which ParseTime reads.
//
// Pure and thread-safe; never throws. Internal to service/ (bulk_import.h uses
// it), public for the fuzz target.
#pragma once

#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/status.h"

namespace lianxin::service {

// Limits that keep a hostile file from exhausting memory.
inline constexpr size_t kXlsxMaxEntryBytes = 64u << 20;  // one inflated part
inline constexpr size_t kXlsxMaxCells = 2'000'000;

// The rows of the workbook's first sheet; CsvRow::line is the sheet's row
// number (1-based), fields are the cells from column A, blank rows left out.
// kInvalidArgument with a zh-CN message for anything that is not a readable
// .xlsx (not a zip, a damaged or encrypted part, a missing sheet, bad XML, a
// file over the limits).
Result<std::vector<CsvRow>> ParseXlsx(std::string_view bytes);

}  // namespace lianxin::service
