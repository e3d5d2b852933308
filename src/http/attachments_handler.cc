// /api/tickets/{id}/attachments: evidence files of a ticket, for every role that
// may see the ticket (issue 8 item 2; uploaded by units' systems through
// /api/integration). Also the attachment writers shared with
// integration_tickets_handler.cc.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

Json EncodeAttachment(const store::Attachment& a) {
  return Json{{"id", a.id},
              {"ticket_id", a.ticket_id},
              {"file_name", a.file_name},
              {"content_type", a.content_type},
              {"size", a.size},
              {"sha256", a.sha256},
              {"uploaded_by", a.uploaded_by},
              {"created_at", FormatIsoCst(a.created_at)}};
}

void WriteAttachmentList(const Result<std::vector<store::Attachment>>& list, Response& res) {
  if (!list.ok()) return WriteError(res, list.status());
  Json items = Json::array();
  for (const store::Attachment& a : *list) items.push_back(EncodeAttachment(a));
  res.body = Dump({{"items", items}});
}

// The stored type only for kinds a browser shows inertly (images, PDF, plain
// text); anything else (HTML, scripts...) goes out as opaque bytes, so an
// uploaded file can never run as a page of this origin.
void WriteAttachmentBytes(const Result<store::Attachment>& a, Response& res) {
  if (!a.ok()) return WriteError(res, a.status());
  const std::string& t = a->content_type;
  const bool inert = (t.rfind("image/", 0) == 0 && t.find("svg") == std::string::npos) ||
                     t == "application/pdf" || t.rfind("text/plain", 0) == 0;
  res.content_type = inert ? t : "application/octet-stream";
  res.body = a->data;
}

void ListTicketAttachments(Service& svc, const Request& req, Response& res) {
  WriteAttachmentList(svc.ListAttachments(req.actor, std::stoll(req.params.at(0))), res);
}

void GetTicketAttachment(Service& svc, const Request& req, Response& res) {
  WriteAttachmentBytes(
      svc.GetAttachment(req.actor, std::stoll(req.params.at(0)), std::stoll(req.params.at(1))), res);
}

}  // namespace lianxin::http
