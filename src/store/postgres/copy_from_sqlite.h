// Copying a SQLite deployment into PostgreSQL (`lianxin migrate-store`, issue
// 9): every table row for row, ids kept, then a count and an order-independent
// checksum per table on both sides. Functions block for the whole copy; they
// share nothing, so separate calls may run on separate threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace lianxin::store {

// One table compared after the copy. The checksum is the sum (mod 2^64) of a
// 64-bit FNV-1a hash of each row's canonical text (integers in decimal, reals
// as %.17g, NULL marked apart), over the columns the SQLite table has, so row
// order does not matter.
struct TableCheck {
  std::string table;
  int64_t source_rows = 0;
  int64_t target_rows = 0;
  uint64_t source_sum = 0;
  uint64_t target_sum = 0;
  bool ok() const { return source_rows == target_rows && source_sum == target_sum; }
};

// Copies the SQLite store at `sqlite_path` (migrated first, read in one
// snapshot) into the PostgreSQL store at `pg_url` (migrated first; must hold no
// tickets, users, reference data or knowledge yet, else kFailedPrecondition) in
// one transaction: all or nothing. Ticket-keyed tables get their region_code
// from the ticket; identity sequences continue after the copied ids. Then
// checks every table (VerifySqliteCopy). `options` are the stores' search
// terms (the copied index keeps the source's terms). `progress` hears each table.
Result<std::vector<TableCheck>> CopySqliteToPostgres(
    const std::string& sqlite_path, const std::string& pg_url, const StoreOptions& options,
    const std::function<void(const std::string& table, int64_t rows)>& progress = {});

// Counts and checksums every table of the SQLite store on both sides.
Result<std::vector<TableCheck>> VerifySqliteCopy(const std::string& sqlite_path,
                                                 const std::string& pg_url);

}  // namespace lianxin::store
