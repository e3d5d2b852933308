#include "store/postgres/copy_from_sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "store/postgres/pg_conn.h"
#include "store/sqlite/sqlite_db.h"

namespace lianxin::store {
namespace {

using postgres::Conn;
using postgres::Params;
using postgres::Rows;

// PostgreSQL type OIDs the schema uses.
bool IsIntegerType(unsigned oid) { return oid == 20 || oid == 21 || oid == 23 || oid == 16; }
bool IsRealType(unsigned oid) { return oid == 700 || oid == 701; }

std::string FormatReal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Ticket-keyed tables whose PostgreSQL twin adds region_code, and the column
// that names the ticket.
const std::map<std::string, std::string> kTicketKey = {
    {"ticket_events", "ticket_id"}, {"outbox", "ticket_id"},
    {"open311_meta", "ticket_id"},  {"open311_attributes", "ticket_id"},
    {"access_log", "ticket_id"},    {"ticket_terms", "id"},
};

// The order-independent table checksum (see TableCheck).
class RowHasher {
 public:
  void BeginRow() { h_ = 1469598103934665603ull; }
  void Add(const std::string& v) {
    for (unsigned char ch : v) Mix(ch);
    Mix(0x1f);
  }
  void AddNull() {
    Mix(0x00);
    Mix(0x1f);
  }
  void EndRow() {
    sum_ += h_;
    ++rows_;
  }
  uint64_t sum() const { return sum_; }
  int64_t rows() const { return rows_; }

 private:
  void Mix(unsigned char ch) {
    h_ ^= ch;
    h_ *= 1099511628211ull;
  }
  uint64_t h_ = 0, sum_ = 0;
  int64_t rows_ = 0;
};

// A SQLite statement, finalized on destruction.
class SqliteQuery {
 public:
  SqliteQuery(sqlite3* db, const std::string& sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
  }
  ~SqliteQuery() { sqlite3_finalize(stmt_); }
  Status status(const std::string& context) const {
    return rc_ == SQLITE_OK ? Status::Ok() : sqlite::SqliteError(db_, rc_, context);
  }
  // A row is ready (true), done (false), or an error.
  Result<bool> Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite::SqliteError(db_, rc, "reading the SQLite store");
  }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

constexpr unsigned kByteaOid = 17;

// Column `i` of the current SQLite row as the text PostgreSQL is given for a
// column of type `oid`; nullopt for NULL.
std::optional<std::string> SqliteValue(sqlite3_stmt* s, int i, unsigned oid) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      if (IsRealType(oid)) return FormatReal(static_cast<double>(sqlite3_column_int64(s, i)));
      return std::to_string(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT:
      if (IsIntegerType(oid)) return std::to_string(sqlite3_column_int64(s, i));
      return FormatReal(sqlite3_column_double(s, i));
    case SQLITE_BLOB:
      if (oid == kByteaOid) {  // BYTEA input in hex, as PostgreSQL also prints it
        const char* b = static_cast<const char*>(sqlite3_column_blob(s, i));
        return postgres::ByteaHex(std::string_view(b ? b : "", sqlite3_column_bytes(s, i)));
      }
      [[fallthrough]];
    default: {
      const unsigned char* t = sqlite3_column_text(s, i);
      return std::string(t ? reinterpret_cast<const char*>(t) : "", sqlite3_column_bytes(s, i));
    }
  }
}

// A PostgreSQL value in the same canonical text.
std::optional<std::string> PgValue(const Rows::Row& r, int i, unsigned oid) {
  if (r.IsNull(i)) return std::nullopt;
  if (IsRealType(oid)) return FormatReal(r.Double(i));
  if (oid == 16) return std::to_string(r.Int(i));
  return r.Text(i);
}

struct Table {
  std::string name;
  std::vector<std::string> columns;  // the SQLite table's, in order
};

std::string ColumnList(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// The SQLite store's tables worth copying: all but SQLite's own, full-text
// virtual tables and their shadow tables, schema_migrations (each store
// keeps its own) and search_reindex (SQLite's index queue).
Result<std::vector<Table>> SqliteTables(sqlite3* db) {
  std::vector<std::string> names, virtuals;
  {
    SqliteQuery q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name");
    LX_RETURN_IF_ERROR(q.status("listing SQLite tables"));
    for (;;) {
      LX_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      std::string name = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
      const unsigned char* sql = sqlite3_column_text(q.get(), 1);
      std::string def = sql ? reinterpret_cast<const char*>(sql) : "";
      if (def.rfind("CREATE VIRTUAL TABLE", 0) == 0) virtuals.push_back(name);
      names.push_back(name);
    }
  }
  std::vector<Table> out;
  for (const std::string& name : names) {
    // search_reindex (0011) queues SQLite's own FTS index; PostgreSQL's GIN
    // index follows ticket_terms in the same transaction and needs no queue.
    if (name.rfind("sqlite_", 0) == 0 || name == "schema_migrations" || name == "search_reindex") {
      continue;
    }
    bool is_virtual = std::any_of(virtuals.begin(), virtuals.end(), [&](const std::string& v) {
      return name == v || name.rfind(v + "_", 0) == 0;
    });
    if (is_virtual) continue;
    Table t{name, {}};
    SqliteQuery q(db, "SELECT name FROM pragma_table_info('" + name + "') ORDER BY cid");
    LX_RETURN_IF_ERROR(q.status("reading columns of " + name));
    for (;;) {
      LX_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      t.columns.push_back(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)));
    }
    out.push_back(std::move(t));
  }
  return out;
}

// The PostgreSQL types of `t`'s columns; kFailedPrecondition when the table or
// a column is missing there (a SQLite migration without its PostgreSQL twin).
Result<std::vector<unsigned>> PgTypes(Conn& pg, const Table& t) {
  auto rows = pg.Query("SELECT " + ColumnList(t.columns) + " FROM " + t.name + " LIMIT 0");
  if (!rows.ok()) {
    return Status::FailedPrecondition("PostgreSQL 库中没有与 SQLite 表 " + t.name +
                                      " 对应的表或列（缺少 PostgreSQL 迁移？）: " +
                                      rows.status().message());
  }
  std::vector<unsigned> types;
  for (int i = 0; i < rows->columns(); ++i) types.push_back(rows->type(i));
  return types;
}

Status CheckEmpty(Conn& pg) {
  for (const char* table : {"tickets", "ticket_events", "users", "regions", "units", "categories",
                            "kb_entries", "api_clients", "outbox"}) {
    LX_ASSIGN_OR_RETURN(Rows rows, pg.Query(std::string("SELECT COUNT(*) FROM ") + table));
    if (rows[0].Int(0) != 0) {
      return Status::FailedPrecondition("目标 PostgreSQL 库不是空的（" + std::string(table) + " 已有 " +
                                        std::to_string(rows[0].Int(0)) + " 行），只能迁移到空库");
    }
  }
  return Status::Ok();
}

// Copies one table in batches of multi-row INSERTs; returns the rows copied.
Result<int64_t> CopyTable(sqlite3* db, Conn& pg, const Table& t,
                          const std::vector<unsigned>& types) {
  SqliteQuery q(db, "SELECT " + ColumnList(t.columns) + " FROM " + t.name);
  LX_RETURN_IF_ERROR(q.status("reading " + t.name));
  const int ncols = static_cast<int>(t.columns.size());
  const int batch_rows = std::max(1, std::min(500, 60000 / ncols));
  const std::string head = "INSERT INTO " + t.name + " (" + ColumnList(t.columns) +
                           ") VALUES " ;
  const std::string tail =
      t.name == "store_meta" ? " ON CONFLICT (key) DO UPDATE SET value = excluded.value" : "";
  int64_t copied = 0;
  for (bool more = true; more;) {
    Params p;
    std::string values;
    int n = 0;
    while (n < batch_rows) {
      LX_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) {
        more = false;
        break;
      }
      values += n ? ",(" : "(";
      for (int c = 0; c < ncols; ++c) {
        int idx = n * ncols + c + 1;
        values += (c ? ",$" : "$") + std::to_string(idx);
        std::optional<std::string> v = SqliteValue(q.get(), c, types[c]);
        if (v) {
          p.Bind(idx, *v);
        } else {
          p.BindNull(idx);
        }
      }
      values += ")";
      ++n;
    }
    if (n == 0) break;
    LX_RETURN_IF_ERROR(pg.Query(head + values + tail, p).status());
    copied += n;
  }
  return copied;
}

// Identity columns continue after the copied ids.
Status AdvanceSequences(Conn& pg) {
  LX_ASSIGN_OR_RETURN(Rows cols, pg.Query("SELECT table_name, column_name FROM "
                                          "information_schema.columns WHERE table_schema = "
                                          "current_schema() AND is_identity = 'YES'"));
  for (int i = 0; i < cols.size(); ++i) {
    std::string table = cols[i].Text(0), column = cols[i].Text(1);
    LX_RETURN_IF_ERROR(pg.Exec("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column +
                               "'), m) FROM (SELECT MAX(" + column + ") AS m FROM " + table +
                               ") x WHERE m IS NOT NULL"));
  }
  return Status::Ok();
}

Status CheckSqliteFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound("找不到 SQLite 数据库 " + path);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<TableCheck>> VerifySqliteCopy(const std::string& sqlite_path,
                                                 const std::string& pg_url) {
  LX_RETURN_IF_ERROR(CheckSqliteFile(sqlite_path));
  LX_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> lite, sqlite::Connection::Open(sqlite_path));
  LX_ASSIGN_OR_RETURN(std::unique_ptr<Conn> pg, Conn::Open(pg_url));
  LX_RETURN_IF_ERROR(lite->Exec("BEGIN"));
  LX_RETURN_IF_ERROR(pg->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ"));
  LX_ASSIGN_OR_RETURN(std::vector<Table> tables, SqliteTables(lite->raw()));
  std::vector<TableCheck> out;
  for (const Table& t : tables) {
    LX_ASSIGN_OR_RETURN(std::vector<unsigned> types, PgTypes(*pg, t));
    TableCheck check;
    check.table = t.name;
    RowHasher source;
    {
      SqliteQuery q(lite->raw(), "SELECT " + ColumnList(t.columns) + " FROM " + t.name);
      LX_RETURN_IF_ERROR(q.status("reading " + t.name));
      for (;;) {
        LX_ASSIGN_OR_RETURN(bool row, q.Step());
        if (!row) break;
        source.BeginRow();
        for (size_t c = 0; c < t.columns.size(); ++c) {
          auto v = SqliteValue(q.get(), static_cast<int>(c), types[c]);
          if (v) {
            source.Add(*v);
          } else {
            source.AddNull();
          }
        }
        source.EndRow();
      }
    }
    RowHasher target;
    LX_RETURN_IF_ERROR(pg->Exec("DECLARE lx_verify NO SCROLL CURSOR FOR SELECT " +
                                ColumnList(t.columns) + " FROM " + t.name));
    for (;;) {
      LX_ASSIGN_OR_RETURN(Rows rows, pg->Query("FETCH 5000 FROM lx_verify"));
      if (rows.size() == 0) break;
      for (int r = 0; r < rows.size(); ++r) {
        target.BeginRow();
        for (int c = 0; c < rows.columns(); ++c) {
          auto v = PgValue(rows[r], c, rows.type(c));
          if (v) {
            target.Add(*v);
          } else {
            target.AddNull();
          }
        }
        target.EndRow();
      }
    }
    LX_RETURN_IF_ERROR(pg->Exec("CLOSE lx_verify"));
    check.source_rows = source.rows();
    check.source_sum = source.sum();
    check.target_rows = target.rows();
    check.target_sum = target.sum();
    out.push_back(check);
  }
  pg->Exec("COMMIT");
  lite->Exec("COMMIT");
  return out;
}

Result<std::vector<TableCheck>> CopySqliteToPostgres(
    const std::string& sqlite_path, const std::string& pg_url, const StoreOptions& options,
    const std::function<void(const std::string& table, int64_t rows)>& progress) {
  LX_RETURN_IF_ERROR(CheckSqliteFile(sqlite_path));
  // Opening each store applies its pending migrations, so both schemas are current.
  LX_RETURN_IF_ERROR(OpenSqliteStore(sqlite_path, options).status());
  LX_RETURN_IF_ERROR(OpenPostgresStore(pg_url, options).status());

  LX_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> lite, sqlite::Connection::Open(sqlite_path));
  LX_ASSIGN_OR_RETURN(std::unique_ptr<Conn> pg, Conn::Open(pg_url));
  LX_RETURN_IF_ERROR(lite->Exec("BEGIN"));  // one snapshot for the whole copy
  LX_ASSIGN_OR_RETURN(std::vector<Table> tables, SqliteTables(lite->raw()));
  LX_RETURN_IF_ERROR(pg->Exec("BEGIN"));
  Status st = [&]() -> Status {
    LX_RETURN_IF_ERROR(CheckEmpty(*pg));
    for (const Table& t : tables) {
      LX_ASSIGN_OR_RETURN(std::vector<unsigned> types, PgTypes(*pg, t));
      LX_ASSIGN_OR_RETURN(int64_t n, CopyTable(lite->raw(), *pg, t, types));
      auto key = kTicketKey.find(t.name);
      bool has_region = std::find(t.columns.begin(), t.columns.end(), "region_code") != t.columns.end();
      if (key != kTicketKey.end() && !has_region) {
        LX_RETURN_IF_ERROR(pg->Exec("UPDATE " + t.name + " SET region_code = COALESCE((SELECT "
                                    "region_code FROM tickets WHERE tickets.id = " + t.name + "." +
                                    key->second + "), '')"));
      }
      if (progress) progress(t.name, n);
    }
    LX_RETURN_IF_ERROR(AdvanceSequences(*pg));
    return pg->Exec("COMMIT");
  }();
  lite->Exec("COMMIT");
  if (!st.ok()) {
    pg->Exec("ROLLBACK");
    return st;
  }
  pg.reset();
  lite.reset();
  return VerifySqliteCopy(sqlite_path, pg_url);
}

}  // namespace lianxin::store
