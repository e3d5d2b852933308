// The SQLite schema migrations, numbered, embedded from migrations/sqlite/*.sql.
#pragma once

#include <string>
#include <vector>

namespace lianxin::store::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// In ascending version order.
const std::vector<Migration>& Migrations();

}  // namespace lianxin::store::sqlite
