// /api/public/tickets/{number}/photos: the citizen's photos of their own ticket
// (issue 7 item 8), authorised by the query code (?code=). The upload is the raw
// image as the body with Content-Type image/jpeg, image/png or image/webp.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"
#include "service/integration.h"

namespace lianxin::http {
namespace {

// The query code or an error; the photo routes all need it.
Result<std::string> QueryCode(const Request& req) {
  std::string code = req.Query("code");
  if (code.empty()) return Status::InvalidArgument("请提供查询码（code）");
  return code;
}

}  // namespace

void PostPublicPhoto(Service& svc, const Request& req, Response& res) {
  auto code = QueryCode(req);
  if (!code.ok()) return WriteError(res, code.status());
  auto photo = svc.AddCitizenPhoto(req.params.at(0), *code, req.content_type, req.body);
  if (!photo.ok()) return WriteError(res, photo.status());
  auto all = svc.ListCitizenPhotos(req.params.at(0), *code);
  res.status = 201;
  res.body = Dump({{"photo", EncodeAttachment(*photo)},
                   {"count", all.ok() ? static_cast<int64_t>(all->size()) : 1},
                   {"max", service::kMaxCitizenPhotos},
                   {"message", "照片已补充到您的诉求"}});
}

void ListPublicPhotos(Service& svc, const Request& req, Response& res) {
  auto code = QueryCode(req);
  if (!code.ok()) return WriteError(res, code.status());
  WriteAttachmentList(svc.ListCitizenPhotos(req.params.at(0), *code), res);
}

void GetPublicPhoto(Service& svc, const Request& req, Response& res) {
  auto code = QueryCode(req);
  if (!code.ok()) return WriteError(res, code.status());
  WriteAttachmentBytes(svc.GetCitizenPhoto(req.params.at(0), *code, std::stoll(req.params.at(1))),
                       res);
}

}  // namespace lianxin::http
