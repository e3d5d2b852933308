// Bulk import of historical tickets from CSV or XLSX for administrators (issue 8), with
// a dry run that reports every rejected row and why. The CSV columns are those
// `lianxin export --format csv` writes, so an export re-imports elsewhere
// (migration). Thread-safe like Service.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "service/service.h"

namespace lianxin::service {

// The columns, in this order in `lianxin export --format csv`; an import file
// needs a header row naming its columns in any order. Required: number,
// created_at, title, body; see the README (`lianxin import --csv`).
const std::vector<std::string>& TicketCsvColumns();

// One ticket as a row of those columns (what `lianxin export --format csv`
// writes; fields unquoted). Name and phone are masked unless `with_personal_data`.
std::vector<std::string> TicketCsvRow(const Ticket& t, bool with_personal_data);
// A CSV field: quoted when it holds a comma, quote or line break.
std::string CsvQuote(const std::string& field);

// A row that was refused, with its 1-based line in the file.
struct RejectedRow {
  int line = 0;
  std::string number;
  std::string reason;  // Chinese, names the column
};

struct BulkImportReport {
  bool dry_run = true;
  int64_t rows = 0;       // data rows read
  int64_t accepted = 0;   // rows that passed every check
  int64_t inserted = 0;   // stored now (0 in a dry run)
  int64_t existing = 0;   // accepted, but their number is stored already (skipped)
  std::vector<RejectedRow> rejected;
};

// Checks every row of `csv` (the file's text) and, unless `dry_run`, stores the
// accepted ones as tickets with their events (受理 → [派单] → [答复 → 办结] →
// [归档], channel import unless given). A row is refused for a missing or bad
// field, an unknown region, category or unit, an unknown kind, urgency, channel
// or status, a reply time before the creation, a malformed coordinate, or a
// number repeated in the file. Re-runnable: stored numbers are skipped.
// kPermissionDenied unless `actor` is an admin; kInvalidArgument for a file
// without a header, with an unknown column or without a required one.
Result<BulkImportReport> ImportTicketsCsv(Service& service, const Actor& actor,
                                          std::string_view csv, bool dry_run);
// The same for an .xlsx file's bytes: the first worksheet, same columns and
// checks (service/xlsx.h: dates in date-formatted cells become ISO 8601 CST);
// a rejected row's line is its sheet row. kInvalidArgument (zh-CN) for a file
// that is not a readable .xlsx.
Result<BulkImportReport> ImportTicketsXlsx(Service& service, const Actor& actor,
                                           std::string_view xlsx, bool dry_run);
// The checks and the import over rows already read (the first is the header).
Result<BulkImportReport> ImportTicketRows(Service& service, const Actor& actor,
                                          const std::vector<CsvRow>& rows, bool dry_run);

}  // namespace lianxin::service
