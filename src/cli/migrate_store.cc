// `lianxin migrate-store --from DIR|FILE --to postgres://…` (issue 9): copies a
// SQLite deployment into an empty PostgreSQL database, then prints each
// table's row counts and checksums on both sides; exit 1 when any differ.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "store/postgres/copy_from_sqlite.h"

namespace lianxin::cli {

int RunMigrateStore(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"from", "the SQLite store: a data folder (its lianxin.db) or the file", false, "data"},
      {"to", "the empty PostgreSQL database: postgres://user@host:port/db"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin migrate-store --from DIR|FILE --to postgres://… [flags]",
                     specs);
    return 0;
  }
  std::string from = flags->Get("from");
  if (std::filesystem::is_directory(from)) from += "/lianxin.db";
  std::string to = flags->Get("to");
  if (!store::IsPostgresUrl(to)) {
    return Fail(Status::InvalidArgument("--to 必须是 postgres:// 开头的 PostgreSQL 地址"));
  }
  auto options = AppStoreOptions();
  if (!options.ok()) return Fail(options.status());
  auto checks = store::CopySqliteToPostgres(from, to, *options,
                                            [](const std::string& table, int64_t rows) {
                                              std::cerr << "copied " << table << ": " << rows
                                                        << " rows\n";
                                            });
  if (!checks.ok()) return Fail(checks.status());
  std::printf("%-24s %12s %12s  %-16s  %-16s  %s\n", "table", "sqlite_rows", "pg_rows",
              "sqlite_checksum", "pg_checksum", "check");
  int bad = 0;
  for (const store::TableCheck& c : *checks) {
    std::printf("%-24s %12lld %12lld  %016llx  %016llx  %s\n", c.table.c_str(),
                static_cast<long long>(c.source_rows), static_cast<long long>(c.target_rows),
                static_cast<unsigned long long>(c.source_sum),
                static_cast<unsigned long long>(c.target_sum), c.ok() ? "ok" : "MISMATCH");
    bad += c.ok() ? 0 : 1;
  }
  if (bad > 0) {
    return Fail(Status::Internal(std::to_string(bad) + " 张表的行数或校验和不一致"));
  }
  std::cout << "migrated " << from << " to " << to << ": " << checks->size()
            << " tables, counts and checksums agree\n";
  return 0;
}

}  // namespace lianxin::cli
