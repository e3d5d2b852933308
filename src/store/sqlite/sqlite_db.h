// Thin RAII wrappers over the SQLite C API: a connection with a statement cache
// and a prepared statement with typed binding. Internal to store/sqlite.
// A Connection and its statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/sql_session.h"

struct sqlite3;
struct sqlite3_stmt;

namespace lianxin::store::sqlite {

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  // Binding (1-based). Strings are copied.
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, double v);
  Stmt& BindNull(int i);
  Stmt& BindBlob(int i, std::string_view bytes);  // a BLOB (any bytes)
  Stmt& Bind(int i, const std::optional<double>& v) { return v ? Bind(i, *v) : BindNull(i); }
  // Steps once: returns true when a row is available, false when done; kInternal
  // (or kAlreadyExists on a UNIQUE violation, kUnavailable when busy) on error.
  Result<bool> Step();
  // Runs to completion ignoring rows.
  Status Run();
  int64_t Int(int col) const;
  double Double(int col) const;
  bool IsNull(int col) const;
  std::string Text(int col) const;
  std::string Blob(int col) const;  // a BLOB's bytes ("" for NULL)
  // Resets for reuse and clears bindings.
  void Reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens `path` read-write (creating it), WAL, synchronous=FULL, busy timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results.
  Status Exec(const std::string& sql);
  // Returns a cached prepared statement for `sql`, reset and unbound. The
  // reference is valid until the connection closes; do not use two at once
  // for the same SQL text.
  Result<Stmt*> Prepare(const std::string& sql);
  int64_t LastInsertRowId() const;
  int Changes() const;
  // Whether a transaction is open; false after SQLite rolled one back by itself
  // (on SQLITE_FULL, SQLITE_IOERR and the like).
  bool InTransaction() const;
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::pair<sqlite3_stmt*, std::unique_ptr<Stmt>>> cache_;
};

// sql::Db on one connection (shared table code, store/insight_tables.h).
class ConnectionDb final : public sql::Db {
 public:
  explicit ConnectionDb(Connection& c) : c_(c) {}
  Result<int64_t> Run(const std::string& sql, const std::vector<sql::Arg>& args,
                      const std::function<void(const sql::ResultRow&)>& row = nullptr) override;
  Result<int64_t> InsertId(const std::string& sql, const std::vector<sql::Arg>& args) override;
  std::string binary_collate() const override { return ""; }  // SQLite compares bytes
  std::string row_lock() const override { return ""; }  // BEGIN IMMEDIATE: one writer at a time

 private:
  Connection& c_;
};

// Maps a SQLite result code to a Status with `context` and the error message
// (kUnavailable when busy or the file cannot be opened); a full or failing disk
// (SQLITE_FULL, SQLITE_IOERR) is kUnavailable with a Chinese message for the
// client instead.
Status SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace lianxin::store::sqlite
