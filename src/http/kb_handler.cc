// /api/kb: knowledge-base entries — list, read with history, create (draft),
// edit (a new version), publish, retire — and the gaps for their owners (issue 5).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"
#include "http/kb_codec.h"
#include "kb/entries.h"

namespace lianxin::http {
namespace {

// The integer query parameter `name` (default `fallback`); false and an error
// in `res` when it is not a number.
bool ReadIntParam(const Request& req, const char* name, int fallback, int& out, Response& res) {
  try {
    out = std::stoi(req.Query(name, std::to_string(fallback)));
    return true;
  } catch (const std::exception&) {
    WriteError(res, Status::InvalidArgument(std::string(name) + " 必须是整数"));
    return false;
  }
}

int64_t EntryId(const Request& req) { return std::stoll(req.params.at(0)); }

// Decodes the body as an entry and runs `write` with it.
template <typename Write>
void WithEntryBody(const Request& req, Response& res, Write write) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  auto entry = DecodeKbEntry(*obj);
  if (!entry.ok()) return WriteError(res, entry.status());
  auto view = write(std::move(entry).value());
  if (!view.ok()) return WriteError(res, view.status());
  res.body = Dump(EncodeKbEntryView(*view));
}

}  // namespace

void ListKbEntries(Service& svc, const Request& req, Response& res) {
  auto actor = CallerOf(svc, req);
  if (!actor.ok()) return WriteError(res, actor.status());
  service::KbEntryQuery q;
  if (std::string s = req.Query("status"); !s.empty()) {
    KbEntryStatus status;
    if (!kb::ParseEntryStatus(s, status)) return WriteError(res, Status::InvalidArgument("未知的状态：" + s));
    q.status = status;
  }
  q.owner_unit = req.Query("owner_unit");
  q.tag = req.Query("tag");
  q.text = req.Query("q");
  if (!ReadIntParam(req, "limit", 50, q.limit, res) || !ReadIntParam(req, "offset", 0, q.offset, res)) return;
  int64_t total = 0;
  auto items = svc.ListKbEntries(*actor, q, &total);
  if (!items.ok()) return WriteError(res, items.status());
  Json arr = Json::array();
  for (const service::KbEntryView& v : *items) arr.push_back(EncodeKbEntryView(v));
  res.body = Dump({{"items", arr}, {"total", total}, {"limit", q.limit}, {"offset", q.offset}});
}

void GetKbEntry(Service& svc, const Request& req, Response& res) {
  auto actor = CallerOf(svc, req);
  if (!actor.ok()) return WriteError(res, actor.status());
  auto v = svc.GetKbEntry(*actor, EntryId(req));
  if (!v.ok()) return WriteError(res, v.status());
  res.body = Dump(EncodeKbEntryView(*v));
}

void PostKbEntry(Service& svc, const Request& req, Response& res) {
  WithEntryBody(req, res, [&](KbEntry e) { return svc.CreateKbEntry(req.actor, std::move(e)); });
  if (res.status == 200) res.status = 201;
}

void PostKbEntryVersion(Service& svc, const Request& req, Response& res) {
  int64_t id = EntryId(req);
  WithEntryBody(req, res, [&](KbEntry e) { return svc.EditKbEntry(req.actor, id, std::move(e)); });
  if (res.status == 200) res.status = 201;
}

void PostKbEntryPublish(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body.empty() ? "{}" : req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::optional<double> version;
  Status st = CheckKeys(*obj, {"version"});
  if (st.ok()) st = GetNumber(*obj, "version", version);
  if (!st.ok()) return WriteError(res, st);
  if (!version || *version < 1 || *version != static_cast<int>(*version)) {
    return WriteError(res, Status::InvalidArgument("请指定要发布的版本号 version"));
  }
  auto v = svc.PublishKbEntry(req.actor, EntryId(req), static_cast<int>(*version));
  if (!v.ok()) return WriteError(res, v.status());
  res.body = Dump(EncodeKbEntryView(*v));
}

void PostKbEntryRetire(Service& svc, const Request& req, Response& res) {
  auto v = svc.RetireKbEntry(req.actor, EntryId(req));
  if (!v.ok()) return WriteError(res, v.status());
  res.body = Dump(EncodeKbEntryView(*v));
}

void GetKbGaps(Service& svc, const Request& req, Response& res) {
  service::KbGapsQuery q;
  if (!ReadTimeParam(req, "from", q.from, res) || !ReadTimeParam(req, "to", q.to, res)) return;
  if (!ReadIntParam(req, "expiring_days", 30, q.expiring_days, res) ||
      !ReadIntParam(req, "unused_days", 90, q.unused_days, res) ||
      !ReadIntParam(req, "limit", 50, q.limit, res)) {
    return;
  }
  auto g = svc.KnowledgeGaps(req.actor, q);
  if (!g.ok()) return WriteError(res, g.status());
  res.body = Dump(EncodeKbGaps(*g));
}

}  // namespace lianxin::http
