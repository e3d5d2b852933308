// The PostgreSQL schema migrations, numbered like the SQLite ones (a number
// means the same change on both), embedded from migrations/postgres/*.sql.
#pragma once

#include <vector>

#include "store/sqlite/migrations.h"

namespace lianxin::store::postgres {

using Migration = sqlite::Migration;

// In ascending version order.
const std::vector<Migration>& Migrations();

}  // namespace lianxin::store::postgres
