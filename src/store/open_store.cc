// OpenStore: the backend a location names. Without PostgreSQL support in the
// build (LIANXIN_WITH_POSTGRES=OFF), the PostgreSQL entry points are defined
// here too and answer kUnavailable.
#include "store/postgres/copy_from_sqlite.h"
#include "store/store.h"

namespace lianxin::store {

bool IsPostgresUrl(const std::string& location) {
  return location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, StoreOptions options) {
  if (IsPostgresUrl(location)) return OpenPostgresStore(location, std::move(options));
  return OpenSqliteStore(location, std::move(options));
}

#ifndef LIANXIN_WITH_POSTGRES
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string&, StoreOptions) {
  return Status::Unavailable("this build has no PostgreSQL support (LIANXIN_WITH_POSTGRES=OFF)");
}
Result<std::vector<TableCheck>> CopySqliteToPostgres(
    const std::string&, const std::string& url, const StoreOptions& options,
    const std::function<void(const std::string&, int64_t)>&) {
  return OpenPostgresStore(url, options).status();
}
Result<std::vector<TableCheck>> VerifySqliteCopy(const std::string&, const std::string& url) {
  return OpenPostgresStore(url).status();
}
#endif

}  // namespace lianxin::store
