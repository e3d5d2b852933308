// Citizens' photos on the public portal (issue 7 item 8): up to three images
// per ticket, authorised by the query code, checked by type and magic bytes,
// stored as attachments with a note on the ticket's timeline. The count limit
// is the store's (PutAttachmentWithinLimit: counted and inserted in one write
// transaction, serialised per ticket), so it holds with several API nodes.
#include <string_view>

#include "service/service.h"
#include "service/service_impl.h"
#include "workflow/lifecycle.h"

namespace lianxin::service {
namespace {

constexpr char kCitizen[] = "citizen";

struct PhotoType {
  std::string_view mime;
  std::string_view ext;
};
constexpr PhotoType kPhotoTypes[] = {
    {"image/jpeg", "jpg"}, {"image/png", "png"}, {"image/webp", "webp"}};

// The bare media type: "image/JPEG; x=y" → "image/jpeg".
std::string BareType(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  for (char& c : t) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return t;
}

// Whether `data` starts with the signature of `mime` (one of kPhotoTypes).
bool MagicMatches(std::string_view mime, std::string_view data) {
  if (mime == "image/jpeg") return data.size() >= 3 && data.substr(0, 3) == "\xFF\xD8\xFF";
  if (mime == "image/png") return data.size() >= 8 && data.substr(0, 8) == "\x89PNG\r\n\x1A\n";
  if (mime == "image/webp") {
    return data.size() >= 12 && data.substr(0, 4) == "RIFF" && data.substr(8, 4) == "WEBP";
  }
  return false;
}

Result<std::vector<store::Attachment>> CitizenOnly(store::Store& store, TicketId id) {
  LX_ASSIGN_OR_RETURN(std::vector<store::Attachment> all, store.ListAttachments(id));
  std::vector<store::Attachment> out;
  for (store::Attachment& a : all) {
    if (a.uploaded_by == kCitizen) out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

Result<store::Attachment> Service::AddCitizenPhoto(const std::string& number,
                                                   const std::string& query_code,
                                                   const std::string& content_type,
                                                   const std::string& data) {
  LX_RETURN_IF_ERROR(Track(number, query_code).status());
  const std::string mime = BareType(content_type);
  const PhotoType* type = nullptr;
  for (const PhotoType& p : kPhotoTypes) {
    if (p.mime == mime) type = &p;
  }
  if (!type) return Status::InvalidArgument("照片只能是 JPEG、PNG 或 WebP 格式");
  if (data.empty()) return Status::InvalidArgument("照片不能为空");
  if (static_cast<int64_t>(data.size()) > kMaxCitizenPhotoBytes) {
    return Status::InvalidArgument("每张照片不能超过 " +
                                   std::to_string(kMaxCitizenPhotoBytes >> 20) + " MB");
  }
  if (!MagicMatches(type->mime, data)) {
    return Status::InvalidArgument("文件内容与声明的图片格式不符，请重新选择照片");
  }
  LX_ASSIGN_OR_RETURN(Ticket t, store_.GetTicketByNumber(number));
  if (workflow::IsClosed(t.status)) {
    return Status::FailedPrecondition("诉求已办结，不能再补充照片");
  }
  // A quick answer when full already; the store's check below is the one that holds.
  LX_ASSIGN_OR_RETURN(std::vector<store::Attachment> mine, CitizenOnly(store_, t.id));
  if (static_cast<int>(mine.size()) >= kMaxCitizenPhotos) {
    return Status::FailedPrecondition("每件诉求最多补充 " + std::to_string(kMaxCitizenPhotos) +
                                      " 张照片");
  }
  store::Attachment a;
  a.ticket_id = t.id;
  // Named by the count seen above: two uploads racing for the last places may
  // share a name (their ids differ); the count itself never goes past the limit.
  a.file_name = "photo-" + std::to_string(mine.size() + 1) + "." + std::string(type->ext);
  a.content_type = std::string(type->mime);
  a.data = data;
  // kFailedPrecondition from the store when a racing upload took the last place.
  return StoreAttachmentWithNote(*this, Actor::Citizen(), std::move(a), "市民补充照片",
                                 "市民补充照片", kMaxCitizenPhotos);
}

Result<std::vector<store::Attachment>> Service::ListCitizenPhotos(const std::string& number,
                                                                  const std::string& query_code) {
  LX_RETURN_IF_ERROR(Track(number, query_code).status());
  LX_ASSIGN_OR_RETURN(Ticket t, store_.GetTicketByNumber(number));
  return CitizenOnly(store_, t.id);
}

Result<store::Attachment> Service::GetCitizenPhoto(const std::string& number,
                                                   const std::string& query_code,
                                                   int64_t photo_id) {
  LX_RETURN_IF_ERROR(Track(number, query_code).status());
  LX_ASSIGN_OR_RETURN(Ticket t, store_.GetTicketByNumber(number));
  auto a = store_.GetAttachment(t.id, photo_id);
  if ((!a.ok() && a.status().code() == StatusCode::kNotFound) ||
      (a.ok() && a->uploaded_by != kCitizen)) {
    return Status::NotFound("照片不存在：" + std::to_string(photo_id));
  }
  return a;
}

}  // namespace lianxin::service
