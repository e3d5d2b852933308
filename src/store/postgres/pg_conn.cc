#include "store/postgres/pg_conn.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lianxin::store::postgres {
namespace {

// The Status for a failed result (or a failed connection when `r` is null).
Status PgError(const PGresult* r, PGconn* c, std::string_view context) {
  std::string msg(context);
  const char* err = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
  if (err && *err) {
    msg += ": ";
    msg += err;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  }
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  if (PQstatus(c) == CONNECTION_BAD || code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0) {
    return Status::Unavailable(msg);
  }
  if (code == "23505") return Status::AlreadyExists(msg);
  if (code == "40001" || code == "40P01") return Status::Aborted(msg);
  return Status::Internal(msg);
}

}  // namespace

Params& Params::Bind(int i, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return Set(i, std::string(buf));
}

Params& Params::Set(int i, std::optional<std::string> v) {
  if (static_cast<int>(values_.size()) < i) values_.resize(i);
  values_[i - 1] = std::move(v);
  return *this;
}

int64_t Rows::Row::Int(int col) const {
  if (PQgetisnull(r_, row_, col)) return 0;
  const char* v = PQgetvalue(r_, row_, col);
  if (std::strcmp(v, "t") == 0) return 1;  // a boolean column
  if (std::strcmp(v, "f") == 0) return 0;
  return std::strtoll(v, nullptr, 10);
}

double Rows::Row::Double(int col) const {
  return PQgetisnull(r_, row_, col) ? 0.0 : std::strtod(PQgetvalue(r_, row_, col), nullptr);
}

std::string Rows::Row::Text(int col) const {
  if (PQgetisnull(r_, row_, col)) return "";
  return std::string(PQgetvalue(r_, row_, col), PQgetlength(r_, row_, col));
}

bool Rows::Row::IsNull(int col) const { return PQgetisnull(r_, row_, col) != 0; }

Rows::Rows(pg_result* r) : r_(r) {}
int Rows::size() const { return PQntuples(r_.get()); }
int Rows::columns() const { return PQnfields(r_.get()); }
unsigned Rows::type(int col) const { return PQftype(r_.get(), col); }
int64_t Rows::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}
void Rows::Clear::operator()(pg_result* r) const { PQclear(r); }

Result<std::unique_ptr<Conn>> Conn::Open(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    Status st = Status::Unavailable(std::string("PostgreSQL 连接失败: ") + PQerrorMessage(c));
    PQfinish(c);
    return st;
  }
  auto conn = std::unique_ptr<Conn>(new Conn(c));
  // Durable when acknowledged, whatever the server's default; quiet notices.
  LX_RETURN_IF_ERROR(conn->Exec(
      "SET synchronous_commit = on; SET client_encoding = 'UTF8'; SET client_min_messages = warning"));
  return conn;
}

Conn::~Conn() { PQfinish(c_); }

Result<Rows> Conn::Query(const std::string& sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.values().size());
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  PGresult* r = PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
  Rows rows(r);
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return PgError(r, c_, sql.substr(0, 80));
  return rows;
}

Status Conn::Exec(const std::string& sql) {
  PGresult* r = PQexec(c_, sql.c_str());
  Rows rows(r);
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return PgError(r, c_, sql.substr(0, 80));
  return Status::Ok();
}

bool Conn::Healthy() const { return PQstatus(c_) == CONNECTION_OK; }

}  // namespace lianxin::store::postgres
