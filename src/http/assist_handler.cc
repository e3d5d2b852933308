// /api/assist: the AI seat (智能坐席) answering a question or handing it off,
// the call-taker's live suggestions, and the containment figures (issue 5).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"
#include "http/kb_codec.h"

namespace lianxin::http {

Result<service::Actor> CallerOf(Service& svc, const Request& req) {
  if (req.bearer_token.empty()) return service::Actor::Citizen();
  return svc.Authenticate(req.bearer_token);
}

void PostAssistAnswer(Service& svc, const Request& req, Response& res) {
  auto actor = CallerOf(svc, req);
  if (!actor.ok()) return WriteError(res, actor.status());
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  service::AssistRequest in;
  Status st = CheckKeys(*obj, {"question", "region", "phone"});
  if (st.ok()) st = GetString(*obj, "question", in.question);
  if (st.ok()) st = GetString(*obj, "region", in.region);
  if (st.ok()) st = GetString(*obj, "phone", in.phone);
  if (!st.ok()) return WriteError(res, st);
  if (actor->citizen && !in.phone.empty()) {
    return WriteError(res, Status::InvalidArgument("字段 phone 仅供坐席代来电群众提问时使用"));
  }
  auto answer = svc.Answer(*actor, in);
  if (!answer.ok()) return WriteError(res, answer.status());
  res.body = Dump(EncodeAssistAnswer(*answer));
}

void GetAssistSuggest(Service& svc, const Request& req, Response& res) {
  auto s = svc.SuggestForCallTaker(req.actor, req.Query("q"), req.Query("region"));
  if (!s.ok()) return WriteError(res, s.status());
  res.body = Dump(EncodeAssistSuggestions(*s));
}

// Reads the optional time parameter `name` into `out`; false (and an error in
// `res`) when malformed.
bool ReadTimeParam(const Request& req, const char* name, TimeMs& out, Response& res) {
  std::string v = req.Query(name);
  if (v.empty()) return true;
  auto t = ParseTime(v);
  if (!t) {
    WriteError(res, Status::InvalidArgument(std::string("时间格式错误：") + name));
    return false;
  }
  out = *t;
  return true;
}

void GetAssistMetrics(Service& svc, const Request& req, Response& res) {
  TimeMs from = 0, to = 0;
  if (!ReadTimeParam(req, "from", from, res) || !ReadTimeParam(req, "to", to, res)) return;
  auto m = svc.AssistFigures(req.actor, from, to);
  if (!m.ok()) return WriteError(res, m.status());
  res.body = Dump(EncodeAssistMetrics(*m));
}

}  // namespace lianxin::http
