// One backend-neutral way to run a statement, for table code written once for
// both SQL backends (store/insight_tables.*). SQL is written with SQLite's
// numbered parameters (?1, ?2, ...); the PostgreSQL session rewrites them to
// $1, $2, .... Internal to store/.
// A Db wraps one connection (inside or outside a transaction) and
// belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace lianxin::store::sql {

// Bytes bound as a BLOB (SQLite) / BYTEA (PostgreSQL).
struct Blob {
  std::string bytes;
};
// A statement parameter.
using Arg = std::variant<int64_t, double, std::string, Blob>;

// One row of a result; columns 0-based. NULL reads as 0 / "".
class ResultRow {
 public:
  virtual ~ResultRow() = default;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  // A BLOB / BYTEA column's bytes.
  virtual std::string Blob(int col) const = 0;
};

class Db {
 public:
  virtual ~Db() = default;
  // Runs one statement with `args` as ?1..?n, calling `row` (when given) for
  // each result row; returns how many rows a write changed (only meaningful for a write).
  virtual Result<int64_t> Run(const std::string& sql, const std::vector<Arg>& args,
                              const std::function<void(const ResultRow&)>& row = nullptr) = 0;
  // Runs an INSERT into a table with an integer key `id` and returns the new id.
  virtual Result<int64_t> InsertId(const std::string& sql, const std::vector<Arg>& args) = 0;
  // Appended to a text column in range comparisons so they compare bytes
  // whatever the database's collation ("" or " COLLATE \"C\"").
  virtual std::string binary_collate() const = 0;
  // Appended to a SELECT run inside a write transaction to lock the rows it
  // reads until the commit, serialising writers that read-then-write them
  // (" FOR UPDATE"; "" on SQLite, whose write transactions run one at a time).
  virtual std::string row_lock() const = 0;
};

// "?7" → "$7" for every numbered parameter of `sql` (which must not contain
// a '?' inside a string literal).
std::string DollarParams(const std::string& sql);

}  // namespace lianxin::store::sql
