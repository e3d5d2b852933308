#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <type_traits>
#include <variant>

namespace lianxin::store::sqlite {

namespace {

class StmtRow final : public sql::ResultRow {
 public:
  explicit StmtRow(const Stmt& s) : s_(s) {}
  int64_t Int(int col) const override { return s_.Int(col); }
  double Double(int col) const override { return s_.Double(col); }
  std::string Text(int col) const override { return s_.Text(col); }
  std::string Blob(int col) const override { return s_.Blob(col); }

 private:
  const Stmt& s_;
};

Result<Stmt*> PrepareBound(Connection& c, const std::string& sql,
                           const std::vector<sql::Arg>& args) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare(sql));
  for (size_t i = 0; i < args.size(); ++i) {
    const int n = static_cast<int>(i + 1);
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, sql::Blob>) {
            s->BindBlob(n, v.bytes);
          } else {
            s->Bind(n, v);
          }
        },
        args[i]);
  }
  return s;
}

}  // namespace

Result<int64_t> ConnectionDb::Run(const std::string& sql, const std::vector<sql::Arg>& args,
                             const std::function<void(const sql::ResultRow&)>& row) {
  LX_ASSIGN_OR_RETURN(Stmt * s, PrepareBound(c_, sql, args));
  for (;;) {
    auto more = s->Step();
    if (!more.ok()) {
      s->Reset();
      return more.status();
    }
    if (!*more) break;
    if (row) row(StmtRow(*s));
  }
  s->Reset();
  return int64_t{c_.Changes()};
}

Result<int64_t> ConnectionDb::InsertId(const std::string& sql, const std::vector<sql::Arg>& args) {
  LX_ASSIGN_OR_RETURN(Stmt * s, PrepareBound(c_, sql, args));
  LX_RETURN_IF_ERROR(s->Run());
  return c_.LastInsertRowId();
}

Status SqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string msg = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Status::AlreadyExists(msg);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Unavailable(msg);
  // A full disk or a failing one (issue 9 item 4): the client gets a clear Chinese
  // message; nothing of the failed transaction was stored.
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR) {
    return Status::Unavailable("存储空间不足或磁盘写入失败，本次操作没有保存，请稍后重试");
  }
  if (primary == SQLITE_CANTOPEN) return Status::Unavailable(msg);
  return Status::Internal(msg);
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = SqliteError(db_, sqlite3_extended_errcode(db_), "step");
  sqlite3_reset(stmt_);
  return s;
}

Status Stmt::Run() {
  for (;;) {
    Result<bool> r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::string Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}
std::string Stmt::Blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}
void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db, rc, "open " + path);
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  // temp_store stays at its default (files): with temp_store=MEMORY the statement journal of a
  // job inside the writer's SAVEPOINT lives in memory and is truncated at the end of every
  // statement by walking its chunk list from the start, so a job writing N pages costs O(N^2)
  // (a 3,000,000-ticket rollup rebuild ran at ~300 tickets/s, 72% of it in that walk). With the
  // default a statement journal stays in memory up to 64 KiB, then spills to a temporary file
  // that is never walked.
  LX_RETURN_IF_ERROR(conn->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "PRAGMA cache_size=-65536;"));
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.first);
  sqlite3_close(db_);
}

Status Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return SqliteError(nullptr, rc, "exec: " + msg);
  }
  return Status::Ok();
}

Result<Stmt*> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second.second->Reset();
    return it->second.second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
  auto wrapper = std::make_unique<Stmt>(db_, stmt);
  Stmt* out = wrapper.get();
  cache_.emplace(sql, std::make_pair(stmt, std::move(wrapper)));
  return out;
}

int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }
bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace lianxin::store::sqlite
