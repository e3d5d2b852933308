// Administration of Open311 clients: an administrator issues each client its
// api_key (shown once; the store keeps only its hash).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void ListOpen311Clients(Service& svc, const Request& req, Response& res) {
  auto clients = svc.ListApiClients(req.actor);
  if (!clients.ok()) return WriteError(res, clients.status());
  Json items = Json::array();
  for (const auto& c : *clients) {
    items.push_back(Json{{"name", c.name},
                         {"batch", c.batch},
                         {"active", c.active},
                         {"created_at", FormatIsoCst(c.created_at)}});
  }
  res.body = Dump({{"items", items}});
}

// {name, batch?} -> 201 {name, api_key, batch}; issuing again replaces the key.
void PostOpen311Client(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string name;
  Status st = CheckKeys(*obj, {"name", "batch"});
  if (st.ok()) st = GetString(*obj, "name", name);
  if (!st.ok()) return WriteError(res, st);
  bool batch = false;
  if (auto it = obj->find("batch"); it != obj->end()) {
    if (!it->is_boolean()) return WriteError(res, Status::InvalidArgument("字段 batch 应为 true 或 false"));
    batch = it->get<bool>();
  }
  auto issued = svc.IssueApiKey(req.actor, name, batch);
  if (!issued.ok()) return WriteError(res, issued.status());
  res.status = 201;
  res.body = Dump({{"name", issued->name}, {"api_key", issued->api_key}, {"batch", issued->batch}});
}

}  // namespace lianxin::http
