// The WHERE and ORDER BY clauses of ticket lists (TicketFilter, TicketQuery),
// built once for every SQL backend from a small dialect. Internal to store/.
// Plain values and functions: thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace lianxin::store::sql {

using SqlValue = std::variant<int64_t, std::string>;

class SqlWhere;

// How one backend spells what differs.
struct SqlDialect {
  // The n-th (1-based) parameter: "?1" (SQLite), "$1" (PostgreSQL).
  std::function<std::string(int n)> placeholder;
  // Appended to a text column in range comparisons and ORDER BY so they
  // compare bytes whatever the database's collation ("" or " COLLATE \"C\"").
  std::string binary_collate;
  // A condition that the comma-joined list column `column` holds the code in
  // parameter `param`.
  std::function<std::string(const std::string& column, const std::string& param)> list_contains;
  // The full-text condition that a ticket has every one of `terms` (the query
  // terms of one piece of TicketFilter::text); adds its parameters to `w`.
  std::function<std::string(SqlWhere& w, const std::vector<std::string>& terms)> terms_match;
  // Turns a piece of query text into terms (the store's search-terms function).
  std::function<std::vector<std::string>(const std::string& piece)> query_terms;
  // The case-insensitive LIKE operator ("LIKE" in SQLite, "ILIKE" in PostgreSQL).
  std::string like = "LIKE";
};

// A growing " WHERE 1=1 AND ..." with its parameter values in order.
class SqlWhere {
 public:
  explicit SqlWhere(const SqlDialect& d) : dialect_(&d) {}
  // Adds a value and returns its placeholder.
  std::string Param(SqlValue v);
  // Appends " AND (cond)".
  void And(const std::string& cond) { sql_ += " AND (" + cond + ")"; }
  const std::string& sql() const { return sql_; }
  const std::vector<SqlValue>& values() const { return values_; }
  const SqlDialect& dialect() const { return *dialect_; }

 private:
  const SqlDialect* dialect_;  // not owned; outlives this
  std::string sql_ = " WHERE 1=1";
  std::vector<SqlValue> values_;
};

// Binds `values` as parameters 1..n (see sql_rows.h for what a Binder is).
template <typename Binder>
void BindValues(Binder& b, const std::vector<SqlValue>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (const int64_t* n = std::get_if<int64_t>(&values[i])) {
      b.Bind(static_cast<int>(i + 1), *n);
    } else {
      b.Bind(static_cast<int>(i + 1), std::get<std::string>(values[i]));
    }
  }
}

// The conditions of `f` on table tickets; kInvalidArgument for a limit outside
// 1..500 or a negative offset.
Result<SqlWhere> TicketFilterWhere(const TicketFilter& f, const SqlDialect& d);
// " ORDER BY ... LIMIT n OFFSET m" for `f`.
std::string TicketFilterOrder(const TicketFilter& f);
// The conditions of `q` on table tickets; kInvalidArgument for a limit outside
// 1..10000 or a negative offset.
Result<SqlWhere> TicketQueryWhere(const TicketQuery& q, const SqlDialect& d);
// " ORDER BY ... LIMIT n OFFSET m" for `q`.
std::string TicketQueryOrder(const TicketQuery& q);

}  // namespace lianxin::store::sql
