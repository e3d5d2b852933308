// Reference data: regions, units and categories (public: the portal needs them).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void ListRegions(Service& svc, const Request&, Response& res) {
  Json items = Json::array();
  for (const Region& r : svc.directory()->regions) {
    items.push_back({{"code", r.code}, {"name", r.name}, {"parent", r.parent},
                     {"level", ToString(r.level)}});
  }
  res.body = Dump({{"items", items}});
}

void ListUnits(Service& svc, const Request& req, Response& res) {
  std::string region = req.Query("region"), type = req.Query("type");
  Json items = Json::array();
  for (const Unit& u : svc.directory()->units) {
    if (!region.empty() && u.region_code != region) continue;
    if (!type.empty() && u.unit_type != type) continue;
    items.push_back({{"code", u.code}, {"name", u.name}, {"unit_type", u.unit_type},
                     {"region", u.region_code}});
  }
  res.body = Dump({{"items", items}});
}

void ListCategories(Service& svc, const Request&, Response& res) {
  Json items = Json::array();
  for (const Category& c : svc.directory()->categories) {
    items.push_back({{"code", c.code}, {"name", c.name}, {"parent", c.parent}, {"level", c.level}});
  }
  res.body = Dump({{"items", items}});
}

}  // namespace lianxin::http
