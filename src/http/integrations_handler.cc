// /api/integrations: administrators register a unit's own system (its webhook
// URL and events; the secret and the inbound key are shown once), see the
// delivery state (failures flagged) and retry now (issue 8 item 2).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

Json EncodeIntegration(const store::UnitIntegration& g, const service::Directory& dir) {
  const Unit* u = dir.FindUnit(g.unit_code);
  return Json{{"unit_code", g.unit_code},
              {"unit_name", u ? u->name : ""},
              {"url", g.url},
              {"events", g.events},
              {"active", g.active},
              {"created_at", FormatIsoCst(g.created_at)},
              {"updated_at", FormatIsoCst(g.updated_at)}};
}

}  // namespace

void ListIntegrations(Service& svc, const Request& req, Response& res) {
  auto all = svc.ListIntegrations(req.actor);
  if (!all.ok()) return WriteError(res, all.status());
  auto dir = svc.directory();
  Json items = Json::array();
  for (const service::IntegrationStatus& s : *all) {
    Json j = EncodeIntegration(s.integration, *dir);
    const store::DeliverySummary& d = s.deliveries;
    j["flagged"] = s.flagged;
    j["deliveries"] = {{"pending", d.pending},
                       {"sent", d.sent},
                       {"failed", d.failed},
                       {"last_error", d.last_error},
                       {"last_attempts", d.last_attempts},
                       {"last_sent_at", d.last_sent_at ? Json(FormatIsoCst(d.last_sent_at)) : Json(nullptr)}};
    items.push_back(std::move(j));
  }
  res.body = Dump({{"items", items}});
}

// {unit_code, url, events?: [..], active?} -> 201 with secret and key (shown once).
void PostIntegration(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  service::IntegrationInput in;
  Status st = CheckKeys(*obj, {"unit_code", "url", "events", "active"});
  if (st.ok()) st = GetString(*obj, "unit_code", in.unit_code);
  if (st.ok()) st = GetString(*obj, "url", in.url);
  if (!st.ok()) return WriteError(res, st);
  if (auto it = obj->find("events"); it != obj->end()) {
    if (!it->is_array()) return WriteError(res, Status::InvalidArgument("字段 events 应为字符串数组"));
    for (const Json& e : *it) {
      if (!e.is_string()) return WriteError(res, Status::InvalidArgument("字段 events 应为字符串数组"));
      in.events.push_back(e.get<std::string>());
    }
  }
  if (auto it = obj->find("active"); it != obj->end()) {
    if (!it->is_boolean()) return WriteError(res, Status::InvalidArgument("字段 active 应为 true 或 false"));
    in.active = it->get<bool>();
  }
  auto issued = svc.PutIntegration(req.actor, in);
  if (!issued.ok()) return WriteError(res, issued.status());
  Json j = EncodeIntegration(issued->integration, *svc.directory());
  j["secret"] = issued->integration.secret;
  j["key"] = issued->key;
  res.status = 201;
  res.body = Dump(j);
}

// POST /api/integrations/{unit}/retry -> {"requeued": n}
void PostIntegrationRetry(Service& svc, const Request& req, Response& res) {
  auto n = svc.RetryIntegration(req.actor, req.params.at(0));
  if (!n.ok()) return WriteError(res, n.status());
  res.body = Dump({{"requeued", *n}});
}

}  // namespace lianxin::http
