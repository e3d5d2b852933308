// Fuzz entry FuzzBulkImport: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "core/utf8.h"
#include "service/bulk_import.h"
#include "service/service.h"
#include "store/store.h"

namespace lianxin::fuzz {
namespace {

// A service over a SQLite file in a fresh temporary directory with a tiny
// directory (one province, one city, one unit, one category), made once.
struct Fixture {
  Fixture() {
    char tmpl[] = "/tmp/lianxin-fuzz-import.XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    if (!made) std::abort();
    dir = made;
    auto s = store::OpenSqliteStore(dir + "/fuzz.db");
    if (!s.ok()) std::abort();
    store = std::move(s).value();
    service = std::make_unique<service::Service>(*store, clock);
    bool ok = store->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                 {"XD.A", "A市", "XD", RegionLevel::kCity}})
                  .ok() &&
              store->PutUnits({{"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"}}).ok() &&
              store->PutCategories({{"01", "城乡建设", "", 1}}).ok() && service->ReloadDirectory().ok();
    if (!ok) std::abort();
    admin.username = "admin";
    admin.role = Role::kAdmin;
  }
  ~Fixture() {
    service.reset();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  std::string dir;
  std::unique_ptr<store::Store> store;
  FakeClock clock{1795910400000};
  std::unique_ptr<service::Service> service;
  service::Actor admin;
};

Fixture& TheFixture() {
  static Fixture fixture;  // one per process
  return fixture;
}

}  // namespace

Violation FuzzBulkImport(std::string_view data) {
  Fixture& fx = TheFixture();
  auto dry = service::ImportTicketsCsv(*fx.service, fx.admin, data, /*dry_run=*/true);
  if (!dry.ok()) {
    if (dry.status().code() != StatusCode::kInvalidArgument) return "dry run: not kInvalidArgument: " + dry.status().ToString();
    if (!IsValidUtf8(dry.status().message())) return "dry run: message not UTF-8";
    return {};
  }
  size_t lines = 1;
  for (char c : data) lines += c == '\n';
  if (dry->inserted != 0) return "dry run inserted tickets";
  if (dry->accepted + static_cast<int64_t>(dry->rejected.size()) != dry->rows) {
    return "dry run: accepted + rejected != rows";
  }
  for (const auto& r : dry->rejected) {
    if (r.line < 1 || static_cast<size_t>(r.line) > lines) return "rejected row line out of range";
    if (r.reason.empty()) return "rejected row without a reason";
    if (!IsValidUtf8(r.reason) || !IsValidUtf8(r.number)) return "rejected row: reason or number not UTF-8";
  }
  if (dry->accepted == 0) return {};
  // The real import stores exactly what the dry run accepted (some may exist from
  // earlier inputs), and running it again stores nothing more.
  auto real = service::ImportTicketsCsv(*fx.service, fx.admin, data, /*dry_run=*/false);
  if (!real.ok()) return "import failed after a clean dry run: " + real.status().ToString();
  if (real->accepted != dry->accepted) return "import accepted other rows than the dry run";
  if (real->inserted + real->existing != real->accepted) return "import: inserted + existing != accepted";
  auto again = service::ImportTicketsCsv(*fx.service, fx.admin, data, /*dry_run=*/false);
  if (!again.ok() || again->inserted != 0) return "a repeated import stored tickets again";
  return {};
}

}  // namespace lianxin::fuzz
