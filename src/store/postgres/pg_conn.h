// Thin RAII wrappers over libpq: a connection, the parameters of one statement
// (text format, 1-based, bound like sqlite::Stmt so store/sql_rows.h serves both)
// and a result's rows. Internal to store/postgres.
// A Conn belongs to one thread at a time; Params and Rows are plain values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/sql_session.h"

struct pg_conn;
struct pg_result;

namespace lianxin::store::postgres {

// The parameters $1..$n of one statement, as text (nullopt: NULL).
class Params {
 public:
  Params& Bind(int i, int64_t v) { return Set(i, std::to_string(v)); }
  Params& Bind(int i, std::string_view v) { return Set(i, std::string(v)); }
  Params& Bind(int i, const char* v) { return Set(i, std::string(v)); }
  Params& Bind(int i, double v);
  Params& Bind(int i, const std::optional<double>& v) { return v ? Bind(i, *v) : BindNull(i); }
  Params& BindNull(int i) { return Set(i, std::nullopt); }
  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  Params& Set(int i, std::optional<std::string> v);
  std::vector<std::optional<std::string>> values_;
};

// The rows of one result (text format).
class Rows {
 public:
  // One row; columns 0-based. NULL reads as 0 / "" (check IsNull first).
  class Row {
   public:
    Row(const pg_result* r, int row) : r_(r), row_(row) {}
    int64_t Int(int col) const;
    double Double(int col) const;
    std::string Text(int col) const;
    bool IsNull(int col) const;

   private:
    const pg_result* r_;
    int row_;
  };
  explicit Rows(pg_result* r);
  int size() const;
  Row operator[](int row) const { return Row(r_.get(), row); }
  int columns() const;
  // The column's type OID (20 bigint, 701 double precision, 25 text...).
  unsigned type(int col) const;
  // Rows an INSERT/UPDATE/DELETE touched.
  int64_t affected() const;

 private:
  struct Clear {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Clear> r_;
};

class Conn {
 public:
  // Connects to `url` (libpq URI or key=value string) with synchronous_commit
  // on; kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<Conn>> Open(const std::string& url);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs one statement with parameters; its rows (none for writes). Errors:
  // kAlreadyExists on a unique violation, kAborted on a serialization failure
  // or deadlock, kUnavailable when the connection is lost, else kInternal.
  Result<Rows> Query(const std::string& sql, const Params& params = {});
  // Runs one or more statements without parameters or results.
  Status Exec(const std::string& sql);
  // Whether the connection is still usable (not lost).
  bool Healthy() const;

 private:
  explicit Conn(pg_conn* c) : c_(c) {}
  pg_conn* c_;
};

// `bytes` as BYTEA input text in hex ("\x" and two hex digits per byte), the
// form PostgreSQL also prints BYTEA in (bytea_output = hex).
std::string ByteaHex(std::string_view bytes);

// sql::Db on one connection (shared table code, store/insight_tables.h):
// ?n parameters become $n; InsertId appends "RETURNING id".
class ConnDb final : public sql::Db {
 public:
  explicit ConnDb(Conn& c) : c_(c) {}
  Result<int64_t> Run(const std::string& sql, const std::vector<sql::Arg>& args,
                      const std::function<void(const sql::ResultRow&)>& row = nullptr) override;
  Result<int64_t> InsertId(const std::string& sql, const std::vector<sql::Arg>& args) override;
  std::string binary_collate() const override { return " COLLATE \"C\""; }
  std::string row_lock() const override { return " FOR UPDATE"; }

 private:
  Conn& c_;
};

}  // namespace lianxin::store::postgres
