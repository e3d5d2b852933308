#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

#ifndef LIANXIN_VERSION
#define LIANXIN_VERSION "0.0.0"
#endif

namespace lianxin::http {

void GetHealth(Service& svc, const Request&, Response& res) {
  auto stats = svc.Stats();
  if (!stats.ok()) return WriteError(res, Status::Unavailable("存储不可用"));
  res.body = Dump({{"status", "ok"}, {"tickets", stats->tickets}});
}

void GetVersion(Service&, const Request&, Response& res) {
  res.body = Dump({{"name", "lianxin"}, {"version", LIANXIN_VERSION}});
}

}  // namespace lianxin::http
