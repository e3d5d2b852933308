// A fresh PostgreSQL database per test on the server LIANXIN_TEST_PG names
// (scripts/pg-test-server starts one; scripts/test exports the URL), dropped on
// destruction. Not thread-safe; one per test.
#pragma once

#include <memory>
#include <string>

namespace lianxin::testutil {

// The admin URL of the test server ($LIANXIN_TEST_PG), or "" when unset.
std::string PgTestServerUrl();

// The message tests print when they skip for want of a server.
std::string PgSkipMessage();

class PgTestDatabase {
 public:
  // Creates an empty database with a unique name; ok() false (and error() says
  // why) when there is no server or it refused.
  PgTestDatabase();
  ~PgTestDatabase();
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  bool ok() const { return !url_.empty(); }
  const std::string& error() const { return error_; }
  // postgres://…/<name>: the URL to open stores on.
  const std::string& url() const { return url_; }

 private:
  std::string admin_url_, name_, url_, error_;
};

}  // namespace lianxin::testutil
