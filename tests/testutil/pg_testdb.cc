#include "testutil/pg_testdb.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace lianxin::testutil {
namespace {

// Runs one statement on `url`; "" on success, else the error.
std::string Run(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      err = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

// `url` with its database name replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return url + "/" + db;
  size_t end = url.find('?', slash);
  return url.substr(0, slash + 1) + db + (end == std::string::npos ? "" : url.substr(end));
}

}  // namespace

std::string PgTestServerUrl() {
  const char* env = std::getenv("LIANXIN_TEST_PG");
  return env ? env : "";
}

std::string PgSkipMessage() {
  return "\n**************************************************************************\n"
         "** SKIPPED: the PostgreSQL store is not tested: LIANXIN_TEST_PG is unset. **\n"
         "** scripts/test (and so .ci/run) starts a server and sets it; by hand:    **\n"
         "**   eval export $(scripts/pg-test-server start)                          **\n"
         "**************************************************************************\n";
}

PgTestDatabase::PgTestDatabase() : admin_url_(PgTestServerUrl()) {
  if (admin_url_.empty()) {
    error_ = "LIANXIN_TEST_PG is unset";
    return;
  }
  static std::atomic<int> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  name_ = "lxtest_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
          std::to_string(now % 1000000007);
  error_ = Run(admin_url_, "CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0");
  if (error_.empty()) url_ = WithDatabase(admin_url_, name_);
}

PgTestDatabase::~PgTestDatabase() {
  if (!url_.empty()) Run(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

}  // namespace lianxin::testutil
