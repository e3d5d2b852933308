#include "store/postgres/pg_conn.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <variant>

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

namespace {

class PgRow final : public sql::ResultRow {
 public:
  explicit PgRow(const Rows::Row& r) : r_(r) {}
  int64_t Int(int col) const override { return r_.Int(col); }
  double Double(int col) const override { return r_.Double(col); }
  std::string Text(int col) const override { return r_.Text(col); }
  // BYTEA reads as "\x" and two hex digits per byte (bytea_output = hex).
  std::string Blob(int col) const override {
    const std::string hex = r_.Text(col);
    std::string out;
    if (hex.size() < 2 || hex[0] != '\\' || hex[1] != 'x') return out;
    auto nibble = [](char ch) {
      return ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
    };
    out.reserve((hex.size() - 2) / 2);
    for (size_t i = 2; i + 1 < hex.size(); i += 2) {
      out.push_back(static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    }
    return out;
  }

 private:
  const Rows::Row& r_;
};

Params ToParams(const std::vector<sql::Arg>& args) {
  Params p;
  for (size_t i = 0; i < args.size(); ++i) {
    const int n = static_cast<int>(i + 1);
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, sql::Blob>) {
            p.Bind(n, ByteaHex(v.bytes));
          } else {
            p.Bind(n, v);
          }
        },
        args[i]);
  }
  return p;
}

}  // namespace

std::string ByteaHex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

Result<int64_t> ConnDb::Run(const std::string& sql, const std::vector<sql::Arg>& args,
                             const std::function<void(const sql::ResultRow&)>& row) {
  LX_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql::DollarParams(sql), ToParams(args)));
  if (row) {
    for (int i = 0; i < rows.size(); ++i) {
      Rows::Row r = rows[i];
      row(PgRow(r));
    }
  }
  return rows.affected();
}

Result<int64_t> ConnDb::InsertId(const std::string& sql, const std::vector<sql::Arg>& args) {
  LX_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql::DollarParams(sql) + " RETURNING id", ToParams(args)));
  if (rows.size() != 1) return Status::Internal("INSERT returned no id");
  return rows[0].Int(0);
}

}  // namespace lianxin::store::postgres
