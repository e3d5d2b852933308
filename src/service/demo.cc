// The demo province: reference data and users from data/demo/*.csv.
#include <algorithm>
#include <map>

#include "core/csv.h"
#include "core/utf8.h"
#include "service/service.h"

namespace lianxin::service {

namespace {

// Reads `file` and maps each data row by header name; checks required columns.
Result<std::vector<std::map<std::string, std::string>>> ReadTable(
    const std::string& dir, const std::string& file, const std::vector<std::string>& required) {
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(dir + "/" + file));
  if (!IsValidUtf8(text)) return Status::InvalidArgument(file + " is not valid UTF-8");
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(text, file));
  if (rows.empty()) return Status::InvalidArgument(file + " is empty");
  const std::vector<std::string>& header = rows[0].fields;
  for (const std::string& col : required) {
    if (std::find(header.begin(), header.end(), col) == header.end()) {
      return Status::InvalidArgument(file + " lacks column " + col);
    }
  }
  std::vector<std::map<std::string, std::string>> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].fields.size() != header.size()) {
      return RowError(file, rows[r].line, "expected " + std::to_string(header.size()) + " fields");
    }
    std::map<std::string, std::string> m;
    for (size_t c = 0; c < header.size(); ++c) m[header[c]] = rows[r].fields[c];
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Status LoadDemoProvince(Service& service, const std::string& dir) {
  store::Store& store = service.store();
  LX_ASSIGN_OR_RETURN(auto regions, ReadTable(dir, "regions.csv", {"code", "name", "parent", "level"}));
  std::vector<Region> rs;
  for (auto& m : regions) {
    auto level = ParseRegionLevel(m["level"]);
    if (!level) return Status::InvalidArgument("regions.csv: bad level " + m["level"]);
    rs.push_back({m["code"], m["name"], m["parent"], *level});
  }
  LX_RETURN_IF_ERROR(store.PutRegions(rs));

  LX_ASSIGN_OR_RETURN(auto units, ReadTable(dir, "units.csv", {"code", "name", "unit_type", "region_code"}));
  std::vector<Unit> us;
  for (auto& m : units) us.push_back({m["code"], m["name"], m["unit_type"], m["region_code"]});
  LX_RETURN_IF_ERROR(store.PutUnits(us));

  LX_ASSIGN_OR_RETURN(auto cats, ReadTable(dir, "categories.csv", {"code", "name", "parent", "level"}));
  std::vector<Category> cs;
  for (auto& m : cats) {
    int level = std::atoi(m["level"].c_str());
    if (level < 1 || level > 3) return Status::InvalidArgument("categories.csv: bad level");
    cs.push_back({m["code"], m["name"], m["parent"], level});
  }
  LX_RETURN_IF_ERROR(store.PutCategories(cs));

  LX_ASSIGN_OR_RETURN(auto duty, ReadTable(dir, "duty_catalog.csv",
                                           {"category_code", "unit_type", "region_level", "keywords"}));
  std::vector<DutyRule> ds;
  for (auto& m : duty) {
    auto level = ParseRegionLevel(m["region_level"]);
    if (!level) return Status::InvalidArgument("duty_catalog.csv: bad region_level");
    ds.push_back({m["category_code"], m["unit_type"], *level, m["keywords"]});
  }
  LX_RETURN_IF_ERROR(store.PutDutyRules(ds));
  LX_RETURN_IF_ERROR(service.ReloadDirectory());

  LX_ASSIGN_OR_RETURN(auto users, ReadTable(dir, "users.csv",
                                            {"username", "display_name", "role", "unit_code", "password"}));
  for (auto& m : users) {
    auto role = ParseRole(m["role"]);
    if (!role) return Status::InvalidArgument("users.csv: bad role " + m["role"]);
    User u;
    u.username = m["username"];
    u.display_name = m["display_name"];
    u.role = *role;
    u.unit_code = m["unit_code"];
    LX_RETURN_IF_ERROR(service.PutUser(Actor::System(), u, m["password"]));
  }
  return Status::Ok();
}

}  // namespace lianxin::service
