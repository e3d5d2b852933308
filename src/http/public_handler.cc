// The citizen's side: submit without an account, track by number + query code.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void PostPublicTicket(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  auto input = DecodeNewTicket(*obj);
  if (!input.ok()) return WriteError(res, input.status());
  auto r = svc.SubmitPublic(*input);
  if (!r.ok()) return WriteError(res, r.status());
  const Ticket& t = r->ticket;
  res.status = 201;
  res.body = Dump({{"number", t.number},
                   {"query_code", t.query_code},
                   {"status", ToString(t.status)},
                   {"status_label", LabelZh(t.status)},
                   {"created_at", FormatIsoCst(t.created_at)},
                   {"message", "您的诉求已受理，请记下工单号和查询码以便查询办理进度。"}});
}

void GetPublicTicket(Service& svc, const Request& req, Response& res) {
  std::string code = req.Query("code");
  if (code.empty()) return WriteError(res, Status::InvalidArgument("请提供查询码（code）"));
  auto p = svc.Track(req.params.at(0), code);
  if (!p.ok()) return WriteError(res, p.status());
  res.body = Dump(EncodePublicTicket(*p));
}

// {code, resolved, satisfaction, comment?}: the citizen's own 回访.
void PostPublicRevisit(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string code, satisfaction, comment;
  Status st = CheckKeys(*obj, {"code", "resolved", "satisfaction", "comment"});
  if (st.ok()) st = GetString(*obj, "code", code);
  if (st.ok()) st = GetString(*obj, "satisfaction", satisfaction);
  if (st.ok()) st = GetString(*obj, "comment", comment);
  if (!st.ok()) return WriteError(res, st);
  auto resolved = obj->find("resolved");
  if (resolved == obj->end() || !resolved->is_boolean()) {
    return WriteError(res, Status::InvalidArgument("请说明问题是否已解决（resolved: true/false）"));
  }
  auto s = ParseSatisfaction(satisfaction);
  if (!s) return WriteError(res, Status::InvalidArgument("请选择满意度：satisfied / basically_satisfied / unsatisfied"));
  auto p = svc.CitizenRevisit(req.params.at(0), code, resolved->get<bool>(), *s, comment);
  if (!p.ok()) return WriteError(res, p.status());
  res.body = Dump(EncodePublicTicket(*p));
}

// {code, reason}: the citizen asks to reopen (重办).
void PostPublicReopen(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string code, reason;
  Status st = CheckKeys(*obj, {"code", "reason"});
  if (st.ok()) st = GetString(*obj, "code", code);
  if (st.ok()) st = GetString(*obj, "reason", reason);
  if (!st.ok()) return WriteError(res, st);
  auto p = svc.CitizenReopen(req.params.at(0), code, reason);
  if (!p.ok()) return WriteError(res, p.status());
  res.body = Dump(EncodePublicTicket(*p));
}

}  // namespace lianxin::http
