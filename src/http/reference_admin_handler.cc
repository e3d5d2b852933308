// Editing reference data (issue 7 item 7): POST /api/regions, /api/units and
// /api/categories (create or update by code), the duty catalog
// (/api/duty-catalog) and the audit trail (/api/reference/changes). Admins write;
// the service checks roles and validates.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

Result<RegionLevel> DecodeLevel(const std::string& s) {
  auto level = ParseRegionLevel(s);
  if (!level)
    return Status::InvalidArgument("层级无效：" + s +
                                   "（province / city / district / street / community）");
  return *level;
}

Json EncodeDutyRule(const DutyRule& r, const service::Directory& dir) {
  const Category* k = dir.FindCategory(r.category_code);
  return Json{{"category_code", r.category_code},
              {"category_name", k ? k->name : ""},
              {"unit_type", r.unit_type},
              {"region_level", ToString(r.region_level)},
              {"keywords", r.keywords}};
}

void WriteCatalog(Service& svc, const Result<service::DutyCatalog>& c, Response& res) {
  if (!c.ok()) return WriteError(res, c.status());
  auto dir = svc.directory();
  Json items = Json::array();
  for (const DutyRule& r : c->rules) items.push_back(EncodeDutyRule(r, *dir));
  res.body = Dump({{"items", items}, {"revision", c->revision}});
}

}  // namespace

// {code, name, parent?, level}
void PostRegion(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  Region r;
  std::string level;
  Status st = CheckKeys(*obj, {"code", "name", "parent", "level"});
  if (st.ok()) st = GetString(*obj, "code", r.code);
  if (st.ok()) st = GetString(*obj, "name", r.name);
  if (st.ok()) st = GetString(*obj, "parent", r.parent);
  if (st.ok()) st = GetString(*obj, "level", level);
  if (!st.ok()) return WriteError(res, st);
  auto l = DecodeLevel(level);
  if (!l.ok()) return WriteError(res, l.status());
  r.level = *l;
  auto done = svc.PutRegion(req.actor, r);
  if (!done.ok()) return WriteError(res, done.status());
  res.body = Dump({{"code", done->code},
                   {"name", done->name},
                   {"parent", done->parent},
                   {"level", ToString(done->level)}});
}

// {code?, name, unit_type, region}: the code defaults to "<region>/<unit_type>".
void PostUnit(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  Unit u;
  Status st = CheckKeys(*obj, {"code", "name", "unit_type", "region"});
  if (st.ok()) st = GetString(*obj, "code", u.code);
  if (st.ok()) st = GetString(*obj, "name", u.name);
  if (st.ok()) st = GetString(*obj, "unit_type", u.unit_type);
  if (st.ok()) st = GetString(*obj, "region", u.region_code);
  if (!st.ok()) return WriteError(res, st);
  if (u.code.empty()) u.code = u.region_code + "/" + u.unit_type;
  auto done = svc.PutUnit(req.actor, u);
  if (!done.ok()) return WriteError(res, done.status());
  res.body = Dump({{"code", done->code},
                   {"name", done->name},
                   {"unit_type", done->unit_type},
                   {"region", done->region_code}});
}

// {code, name, parent?, level}
void PostCategory(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  Category k;
  std::optional<double> level;
  Status st = CheckKeys(*obj, {"code", "name", "parent", "level"});
  if (st.ok()) st = GetString(*obj, "code", k.code);
  if (st.ok()) st = GetString(*obj, "name", k.name);
  if (st.ok()) st = GetString(*obj, "parent", k.parent);
  if (st.ok()) st = GetNumber(*obj, "level", level);
  if (!st.ok()) return WriteError(res, st);
  if (!level || *level < 1 || *level > 3 || *level != static_cast<int>(*level)) {
    return WriteError(res, Status::InvalidArgument("分类层级（level）应为 1、2 或 3"));
  }
  k.level = static_cast<int>(*level);
  auto done = svc.PutCategory(req.actor, k);
  if (!done.ok()) return WriteError(res, done.status());
  res.body = Dump({{"code", done->code},
                   {"name", done->name},
                   {"parent", done->parent},
                   {"level", done->level}});
}

void GetDutyCatalog(Service& svc, const Request& req, Response& res) {
  WriteCatalog(svc, svc.GetDutyCatalog(req.actor), res);
}

// {rules: [{category_code, unit_type, region_level, keywords?}], revision}
void PostDutyCatalog(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string revision;
  Status st = CheckKeys(*obj, {"rules", "revision"});
  if (st.ok()) st = GetString(*obj, "revision", revision);
  if (!st.ok()) return WriteError(res, st);
  auto rules = obj->find("rules");
  if (rules == obj->end() || !rules->is_array()) {
    return WriteError(res, Status::InvalidArgument("字段 rules 应为规则数组"));
  }
  std::vector<DutyRule> out;
  for (const Json& r : *rules) {
    if (!r.is_object()) return WriteError(res, Status::InvalidArgument("rules 的每一项应为对象"));
    DutyRule d;
    std::string level;
    st = CheckKeys(r, {"category_code", "category_name", "unit_type", "region_level", "keywords"});
    if (st.ok()) st = GetString(r, "category_code", d.category_code);
    if (st.ok()) st = GetString(r, "unit_type", d.unit_type);
    if (st.ok()) st = GetString(r, "region_level", level);
    if (st.ok()) st = GetString(r, "keywords", d.keywords);
    if (!st.ok()) return WriteError(res, st);
    auto l = DecodeLevel(level);
    if (!l.ok()) return WriteError(res, l.status());
    d.region_level = *l;
    out.push_back(std::move(d));
  }
  WriteCatalog(svc, svc.PutDutyCatalog(req.actor, out, revision), res);
}

void ListReferenceChanges(Service& svc, const Request& req, Response& res) {
  int limit = 100;
  try {
    limit = std::stoi(req.Query("limit", "100"));
  } catch (const std::exception&) {
    return WriteError(res, Status::InvalidArgument("limit 应为数字"));
  }
  auto list = svc.ListReferenceChanges(req.actor, limit);
  if (!list.ok()) return WriteError(res, list.status());
  Json items = Json::array();
  for (const store::ReferenceChange& c : *list) {
    items.push_back({{"id", c.id},
                     {"at", FormatIsoCst(c.at)},
                     {"actor", c.actor},
                     {"kind", c.kind},
                     {"code", c.code},
                     {"before", c.before},
                     {"after", c.after}});
  }
  res.body = Dump({{"items", items}});
}

}  // namespace lianxin::http
