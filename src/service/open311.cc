// Open311 GeoReport v2 use cases (issue 8): api keys for clients, services =
// categories, requests in and out, the public timeline as updates, and the
// mapping of our detailed states onto open/closed and the FixMyStreet statuses.
// Nothing personal leaves through a read: name, phone, e-mail, account and
// device ids are never copied into an Open311Request, and free text is masked.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>

#include "core/geo.h"
#include "core/utf8.h"
#include "service/open311_mapping.h"
#include "service/service.h"
#include "service/service_impl.h"
#include "text/text.h"
#include "workflow/lifecycle.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kDayMs = 24 * kHourMs;
constexpr TimeMs kMaxRange = 90 * kDayMs;
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr int kUnpagedLimit = 1000;
constexpr std::string_view kTokenAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

const Status kBadKey = Status::PermissionDenied("api_key 无效或已停用，无法提交");

Result<store::ApiClient> ClientFor(store::Store& store, const std::string& api_key) {
  if (api_key.empty()) return Status::PermissionDenied("缺少 api_key，无法提交");
  auto c = store.GetApiClientByKeyHash(HashToken(api_key));
  if (!c.ok()) return c.status().code() == StatusCode::kNotFound ? kBadKey : c.status();
  if (!c->active) return kBadKey;
  return c;
}

Actor ClientActor(const store::ApiClient& c) {
  Actor a = Actor::Citizen();
  a.username = "open311:" + c.name;
  return a;
}

// Parses a decimal coordinate; nullopt unless the whole string is a finite number.
std::optional<double> ParseCoordinate(const std::string& s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size() || v != v) return std::nullopt;
  return v;
}

bool LooksLikeHtml(const std::string& s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '<') continue;
    char c = s[i + 1];
    if (c == '/' || c == '!' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

const Open311Definition& StandardAttributes() {
  static const Open311Definition kDef = [] {
    Open311Definition d;
    Open311AttributeDef title;
    title.code = "title";
    title.datatype = "string";
    title.order = 1;
    title.description = "标题（不超过 200 字；不填则取描述的开头）";
    Open311AttributeDef kind;
    kind.code = "kind";
    kind.datatype = "singlevaluelist";
    kind.order = 2;
    kind.description = "诉求类型";
    for (TicketKind k : {TicketKind::kConsultation, TicketKind::kHelp, TicketKind::kComplaint,
                         TicketKind::kReport, TicketKind::kSuggestion, TicketKind::kPraise}) {
      kind.values.push_back({std::string(ToString(k)), std::string(LabelZh(k)), ""});
    }
    Open311AttributeDef urgency;
    urgency.code = "urgency";
    urgency.datatype = "singlevaluelist";
    urgency.order = 3;
    urgency.description = "紧急程度";
    for (Urgency u : {Urgency::kNormal, Urgency::kUrgent, Urgency::kCritical}) {
      urgency.values.push_back({std::string(ToString(u)), std::string(LabelZh(u)), ""});
    }
    urgency.values.push_back({"emergency", "正在发生的危及生命财产安全的险情",
                              "险情请立即拨打 110、119 或 120，本渠道不能及时处置。"});
    Open311AttributeDef fms;
    fms.code = "fixmystreet_id";
    fms.datatype = "string";
    fms.order = 4;
    fms.automated = "hidden_field";
    fms.description = "客户端自己的编号（FixMyStreet 等），原样保存";
    Open311AttributeDef privacy;
    privacy.variable = false;
    privacy.code = "privacy_notice";
    privacy.datatype = "text";
    privacy.order = 5;
    privacy.description =
        "姓名、电话、电子邮箱只用于承办单位联系和回访，不会通过任何公开接口发布。";
    d.attributes = {title, kind, urgency, fms, privacy};
    return d;
  }();
  return kDef;
}

std::string RegionPath(const Directory& dir, const std::string& code) {
  std::string out;
  for (const Region* r = dir.FindRegion(code); r; r = r->parent.empty() ? nullptr : dir.FindRegion(r->parent)) {
    out += (out.empty() ? "" : "，") + r->name;
  }
  return out;
}

Open311Note NoteFor(const TicketEvent& e, const Ticket& t, const Directory& dir) {
  Open311Note n;
  n.update_id = e.id;
  n.service_request_id = t.number;
  n.at = e.at;
  n.type = std::string(NoteType(e.type));
  n.status = std::string(UpdateStatus(e));
  std::string unit;
  if (const Unit* u = dir.FindUnit(e.unit_code)) unit = u->name;
  n.summary = std::string(LabelZh(e.type)) + (unit.empty() ? "" : "：" + unit);
  if ((e.type == EventType::kReply || e.type == EventType::kResolve ||
       e.type == EventType::kResolveAtIntake) &&
      !e.content.empty()) {
    n.description = MaskPublicText(e.content, t);
  } else {
    n.description = n.summary;
  }
  return n;
}

}  // namespace

// Masks personal data in public free text: the text pipeline's masks, plus the
// citizen's own name wherever they wrote it.
std::string MaskPublicText(const std::string& text, const Ticket& t) {
  std::string out = text::MaskPii(text);
  if (Utf8Length(t.citizen_name) >= 2) {
    const std::string masked = MaskName(t.citizen_name);
    for (size_t pos = out.find(t.citizen_name); pos != std::string::npos;
         pos = out.find(t.citizen_name, pos + masked.size())) {
      out.replace(pos, t.citizen_name.size(), masked);
    }
  }
  if (!t.citizen_phone.empty()) {
    for (size_t pos = out.find(t.citizen_phone); pos != std::string::npos;
         pos = out.find(t.citizen_phone, pos)) {
      out.replace(pos, t.citizen_phone.size(), MaskPhone(t.citizen_phone));
    }
  }
  return out;
}

Result<IssuedApiKey> Service::IssueApiKey(const Actor& actor, const std::string& name, bool batch) {
  if (actor.citizen || actor.role != Role::kAdmin) {
    return Status::PermissionDenied("只有管理员可以签发 api_key");
  }
  if (name.empty() || name.size() > 64 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos) {
    return Status::InvalidArgument("客户端名称只能由小写字母、数字和 - _ . 组成（1–64 个字符）");
  }
  IssuedKey key = DrawKey("o311_");
  IssuedApiKey out{name, key.key, batch};
  LX_RETURN_IF_ERROR(store_.PutApiClient({name, key.hash, batch, true, clock_.Now()}));
  return out;
}

Result<std::vector<store::ApiClient>> Service::ListApiClients(const Actor& actor) {
  if (actor.citizen || actor.role != Role::kAdmin) {
    return Status::PermissionDenied("只有管理员可以查看 Open311 客户端");
  }
  LX_ASSIGN_OR_RETURN(std::vector<store::ApiClient> clients, store_.ListApiClients());
  for (auto& c : clients) c.key_hash.clear();
  return clients;
}

std::vector<Open311Service> Service::Open311Services() const {
  auto dir = directory();
  std::vector<Open311Service> out;
  out.reserve(dir->categories.size());
  for (const Category& k : dir->categories) {
    Open311Service s;
    s.code = k.code;
    s.name = k.name;
    std::vector<std::string> path;
    for (const Category* c = &k; c; c = c->parent.empty() ? nullptr : dir->FindCategory(c->parent)) {
      path.insert(path.begin(), c->name);
    }
    for (const std::string& p : path) s.description += (s.description.empty() ? "" : " / ") + p;
    s.group = path.front();
    s.groups.assign(path.begin(), path.end() - (path.size() > 1 ? 1 : 0));
    for (const std::string& p : path) s.keywords += (s.keywords.empty() ? "" : ",") + p;
    out.push_back(std::move(s));
  }
  return out;
}

Result<Open311Definition> Service::Open311ServiceDefinition(const std::string& service_code) const {
  if (!directory()->FindCategory(service_code)) {
    return Status::NotFound("未知的服务类型：" + service_code);
  }
  Open311Definition d = StandardAttributes();
  d.service_code = service_code;
  return d;
}

Result<Open311Receipt> Service::Open311Post(const Open311NewRequest& r) {
  LX_ASSIGN_OR_RETURN(store::ApiClient client, ClientFor(store_, r.api_key));
  auto dir = directory();
  const Category* category = dir->FindCategory(r.service_code);
  if (r.service_code.empty()) return Status::InvalidArgument("缺少 service_code");
  if (!category) return Status::NotFound("未知的服务类型：" + r.service_code);

  NewTicket in;
  in.channel = Channel::kOpen311;
  in.category_code = r.service_code;
  if (!r.lat.empty() || !r.lng.empty()) {
    auto lat = ParseCoordinate(r.lat), lng = ParseCoordinate(r.lng);
    if (!lat || !lng) return Status::InvalidArgument("lat 和 long 必须同时提供，且为十进制度数");
    if (*lat < -90 || *lat > 90 || *lng < -180 || *lng > 180) {
      return Status::InvalidArgument("经纬度超出范围");
    }
    LatLng p{*lat, *lng};
    if (r.gcj02) p = GcjToWgs(p);
    in.latitude = p.lat;
    in.longitude = p.lng;
  }
  if (!r.address_id.empty()) {
    if (!dir->FindRegion(r.address_id)) {
      return Status::InvalidArgument("未知的 address_id（应为属地代码，如 XD.A.A3）：" + r.address_id);
    }
    in.region_code = r.address_id;
  }
  if (!in.latitude && Trim(r.address_string).empty() && r.address_id.empty()) {
    return Status::InvalidArgument("请提供位置：lat 和 long、address_string 或 address_id");
  }
  in.address = Trim(r.address_string);
  if (!IsValidUtf8(r.description)) return Status::InvalidArgument("描述不是有效的 UTF-8 文本");
  if (Utf8Length(r.description) > 4000) return Status::InvalidArgument("描述不能超过 4000 个字");
  if (LooksLikeHtml(r.description)) return Status::InvalidArgument("描述中不能包含 HTML");

  // Attributes: the definition's are checked; others are kept as sent.
  std::vector<std::pair<std::string, std::string>> kept;
  std::map<std::string, const Open311AttributeDef*> defs;
  for (const Open311AttributeDef& a : StandardAttributes().attributes) defs[a.code] = &a;
  std::string title;
  for (const auto& [code, values] : r.attributes) {
    auto it = defs.find(code);
    if (it != defs.end()) {
      const Open311AttributeDef& def = *it->second;
      if (!def.variable) return Status::InvalidArgument("属性 " + code + " 仅作说明，不能填写");
      if (def.datatype != "multivaluelist" && values.size() > 1) {
        return Status::InvalidArgument("属性 " + code + " 只能有一个值");
      }
      for (const std::string& v : values) {
        if (def.values.empty()) continue;
        auto val = std::find_if(def.values.begin(), def.values.end(),
                                [&](const auto& x) { return x.key == v; });
        if (val == def.values.end()) {
          return Status::InvalidArgument("属性 " + code + " 的取值不在列表中：" + v);
        }
        if (!val->disable_message.empty()) return Status::InvalidArgument(val->disable_message);
      }
      if (!values.empty()) {
        if (code == "kind") in.kind = *ParseTicketKind(values[0]);
        if (code == "urgency") in.urgency = *ParseUrgency(values[0]);
        if (code == "title") title = Trim(values[0]);
      }
    }
    for (const std::string& v : values) {
      if (!IsValidUtf8(code) || !IsValidUtf8(v) || code.size() > 64 || Utf8Length(v) > 1000) {
        return Status::InvalidArgument("属性 " + code + " 的值无效或过长");
      }
      kept.emplace_back(code, v);
    }
  }
  for (const auto& [code, def] : defs) {
    if (!def->required) continue;
    // (captured by name: clang 14, which builds the fuzzers, cannot capture a structured binding)
    bool given = std::any_of(kept.begin(), kept.end(), [&c = code](const auto& kv) { return kv.first == c; });
    if (!given) return Status::InvalidArgument("缺少必填属性 attribute[" + code + "]");
  }
  std::string description = Trim(r.description);
  in.body = description.empty() ? category->name : description;
  in.title = !title.empty() ? title : (description.empty() ? category->name : Utf8Prefix(description, 30));
  in.citizen_name = Trim(Trim(r.last_name) + Trim(r.first_name));
  in.citizen_phone = Trim(r.phone);
  for (const std::string* v : {&r.email, &r.device_id, &r.account_id, &r.media_url}) {
    if (!IsValidUtf8(*v) || v->size() > 500) return Status::InvalidArgument("字段过长或不是有效的 UTF-8 文本");
  }
  if (!r.media_url.empty() && r.media_url.rfind("http://", 0) != 0 && r.media_url.rfind("https://", 0) != 0) {
    return Status::InvalidArgument("media_url 应为 http:// 或 https:// 开头的网址");
  }
  LX_RETURN_IF_ERROR(Validate(*dir, in, /*phone_required=*/false));

  store::Open311Meta meta;
  meta.client = client.name;
  meta.account_id = r.account_id;
  meta.device_id = r.device_id;
  meta.email = r.email;
  meta.media_url = r.media_url;
  meta.attributes = std::move(kept);
  LX_ASSIGN_OR_RETURN(IntakeResult intake, IntakeAndRoute(*this, impl_->options.number_prefix, in,
                                                          ClientActor(client), &meta));

  Open311Receipt out;
  out.account_id = r.account_id;
  out.service_notice = "诉求已受理（工单号 " + intake.ticket.number + "），将按时限办理并答复。";
  if (client.batch) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      std::string token = RandomCode(12, kTokenAlphabet);
      Status st = store_.PutOpen311Token({token, "request", intake.ticket.id, clock_.Now()});
      if (st.ok()) {
        out.token = token;
        break;
      }
      if (st.code() != StatusCode::kAlreadyExists) return st;
    }
    if (out.token.empty()) return Status::Internal("could not draw a unique token");
  } else {
    out.service_request_id = intake.ticket.number;
  }
  return out;
}

// Builds the public view of `t`; `with_notes` adds the timeline.
static Result<Open311Request> RequestView(Service& svc, const Directory& dir, const Ticket& t,
                                          const store::Open311Meta* meta, bool with_notes) {
  Open311Request q;
  q.service_request_id = t.number;
  q.status = std::string(BaseStatus(t.status));
  q.extended_status = std::string(ExtendedStatus(t.status));
  q.detailed_status = std::string(ToString(t.status));
  q.detailed_status_label = std::string(LabelZh(t.status));
  q.service_code = t.category_code;
  if (const Category* k = dir.FindCategory(t.category_code)) q.service_name = k->name;
  q.title = MaskPublicText(t.title, t);
  q.description = MaskPublicText(t.body, t);
  if (const Unit* u = dir.FindUnit(t.owner_unit)) q.agency_responsible = u->name;
  q.requested = t.created_at;
  q.updated = t.updated_at;
  if (q.status == "open") q.expected = t.due_at;
  std::string masked_address = MaskPublicText(t.address, t);
  std::string regions = RegionPath(dir, t.region_code);
  q.address = masked_address.empty() ? regions
                                     : (regions.empty() ? masked_address : masked_address + "，" + regions);
  q.address_id = t.region_code;
  q.lat = t.latitude;
  q.lng = t.longitude;
  q.channel = std::string(ToString(t.channel));
  if (!t.reply.empty()) q.status_notes = MaskPublicText(t.reply, t);
  if (t.status == TicketStatus::kMerged && t.parent_id) {
    if (auto parent = svc.store().GetTicket(t.parent_id); parent.ok()) q.duplicate_of = parent->number;
  }
  if (meta) {
    q.media_url = meta->media_url;
    for (const auto& [code, value] : meta->attributes) q.attributes.emplace_back(code, MaskPublicText(value, t));
  }
  if (with_notes) {
    LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, svc.store().ListEvents(t.id));
    for (const TicketEvent& e : events) {
      if (e.is_public) q.notes.push_back(NoteFor(e, t, dir));
    }
  }
  return q;
}

Result<std::vector<Open311Request>> Service::Open311Requests(const Open311Query& query) {
  store::TicketQuery q;
  if (!query.ids.empty()) {
    if (query.ids.size() > 1000) return Status::InvalidArgument("service_request_id 最多 1000 个");
    q.numbers = query.ids;
  } else {
    auto dir = directory();
    for (const std::string& code : query.service_codes) {
      if (!dir->FindCategory(code)) return Status::NotFound("未知的服务类型：" + code);
    }
    q.category_codes = query.service_codes;
    for (const std::string& s : query.statuses) {
      auto statuses = StatusesFor(s);
      if (statuses.empty()) return Status::InvalidArgument("未知的状态：" + s);
      q.statuses.insert(q.statuses.end(), statuses.begin(), statuses.end());
    }
    TimeMs start = query.start, end = query.end;
    bool any_time = start || end || query.updated_after || query.updated_before;
    if (!any_time) start = clock_.Now() - kMaxRange;
    if (start && end && end < start) return Status::InvalidArgument("end_date 不能早于 start_date");
    if (start && end && end - start > kMaxRange) {
      return Status::InvalidArgument("start_date 到 end_date 不能超过 90 天");
    }
    if (end && !start) start = end - kMaxRange;
    q.created_from = start;
    q.created_to = end ? end + 1 : 0;  // end_date is inclusive
    q.updated_from = query.updated_after ? query.updated_after + 1 : 0;  // strictly after
    q.updated_to = query.updated_before;
  }
  if (query.paged) {
    int size = query.page_size == 0 ? kDefaultPageSize : query.page_size;
    if (size < 1 || size > kMaxPageSize) return Status::InvalidArgument("page_size 应为 1–500");
    if (query.page < 1 || query.page > 1000000) return Status::InvalidArgument("page 应为正整数");
    q.limit = size;
    q.offset = (query.page - 1) * size;
  } else {
    q.limit = kUnpagedLimit;
  }
  LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.QueryTickets(q));
  std::vector<TicketId> ids;
  for (const Ticket& t : page.items) ids.push_back(t.id);
  LX_ASSIGN_OR_RETURN(std::vector<store::Open311Meta> metas, store_.ListOpen311Meta(ids));
  std::map<TicketId, const store::Open311Meta*> by_id;
  for (const auto& m : metas) by_id[m.ticket_id] = &m;
  auto dir = directory();
  std::vector<Open311Request> out;
  for (const Ticket& t : page.items) {
    auto it = by_id.find(t.id);
    LX_ASSIGN_OR_RETURN(Open311Request r,
                        RequestView(*this, *dir, t, it == by_id.end() ? nullptr : it->second,
                                    query.extensions));
    out.push_back(std::move(r));
  }
  return out;
}

Result<Open311Request> Service::Open311Get(const std::string& service_request_id, bool extensions) {
  auto t = store_.GetTicketByNumber(service_request_id);
  if (!t.ok()) {
    return t.status().code() == StatusCode::kNotFound
               ? Status::NotFound("没有这个诉求：" + service_request_id)
               : t.status();
  }
  LX_ASSIGN_OR_RETURN(std::vector<store::Open311Meta> metas, store_.ListOpen311Meta({t->id}));
  return RequestView(*this, *directory(), *t, metas.empty() ? nullptr : &metas[0], extensions);
}

Result<Open311Receipt> Service::Open311Token(const std::string& token) {
  auto tok = store_.GetOpen311Token(token, "request");
  if (!tok.ok()) {
    return tok.status().code() == StatusCode::kNotFound ? Status::NotFound("没有这个 token：" + token)
                                                        : tok.status();
  }
  LX_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(tok->target));
  Open311Receipt out;
  out.service_request_id = t.number;
  out.token = token;
  return out;
}

Result<std::vector<Open311Note>> Service::Open311Updates(TimeMs start, TimeMs end) {
  if (!start) start = (end ? end : clock_.Now()) - kDayMs;
  if (end && end < start) return Status::InvalidArgument("end_date 不能早于 start_date");
  if (end && end - start > kMaxRange) return Status::InvalidArgument("start_date 到 end_date 不能超过 90 天");
  LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events,
                      store_.ListEventsBetween(start, end ? end + 1 : 0, true, kUnpagedLimit));
  auto dir = directory();
  std::map<TicketId, Ticket> tickets;
  std::vector<Open311Note> out;
  for (const TicketEvent& e : events) {
    auto it = tickets.find(e.ticket_id);
    if (it == tickets.end()) {
      LX_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(e.ticket_id));
      it = tickets.emplace(e.ticket_id, std::move(t)).first;
    }
    out.push_back(NoteFor(e, it->second, *dir));
  }
  return out;
}

Result<Open311UpdateReceipt> Service::Open311PostUpdate(const Open311NewUpdate& u) {
  LX_ASSIGN_OR_RETURN(store::ApiClient client, ClientFor(store_, u.api_key));
  if (u.update_id.empty()) return Status::InvalidArgument("缺少 update_id");
  if (u.service_request_id.empty()) return Status::InvalidArgument("缺少 service_request_id");
  if (u.updated_datetime.empty() || !ParseTime(u.updated_datetime)) {
    return Status::InvalidArgument("updated_datetime 缺失或格式不正确（应为 ISO-8601）");
  }
  if (!IsKnownUpdateStatus(u.status)) return Status::InvalidArgument("未知的状态：" + u.status);
  for (const std::string* v : {&u.description, &u.title, &u.update_id, &u.media_url}) {
    if (!IsValidUtf8(*v) || Utf8Length(*v) > 4000) {
      return Status::InvalidArgument("内容过长或不是有效的 UTF-8 文本");
    }
  }
  auto t = store_.GetTicketByNumber(u.service_request_id);
  if (!t.ok()) {
    return t.status().code() == StatusCode::kNotFound
               ? Status::NotFound("没有这个诉求：" + u.service_request_id)
               : t.status();
  }
  LX_ASSIGN_OR_RETURN(std::vector<store::Open311Meta> metas, store_.ListOpen311Meta({t->id}));
  if (metas.empty() || metas[0].client != client.name) {
    return Status::PermissionDenied("只能更新本客户端提交的诉求");
  }
  const Actor actor = ClientActor(client);
  std::string text = Trim(u.description);
  if (!u.title.empty()) text = Trim(u.title) + (text.empty() ? "" : "：" + text);
  Ticket stored;
  if (u.status == "REOPEN") {
    ActionRequest req;
    req.type = EventType::kReopen;
    req.reason = text.empty() ? "群众通过 Open311 客户端要求重办" : text;
    LX_ASSIGN_OR_RETURN(stored, ApplyAction(*this, *CurrentSla(), actor, t->id, req));
  } else {
    // The citizen's addition reaches the handling unit as a note (not public).
    if (text.empty()) return Status::InvalidArgument("更新内容（description）不能为空");
    bool done = false;
    for (int attempt = 0; attempt < 5 && !done; ++attempt) {
      LX_ASSIGN_OR_RETURN(Ticket current, store_.GetTicket(t->id));
      TicketEvent e;
      e.type = EventType::kNote;
      e.actor = actor.username;
      e.actor_role = "citizen";
      e.at = clock_.Now();
      e.reason = "Open311 补充说明（客户端状态 " + u.status + "，更新编号 " + u.update_id + "）";
      e.content = text;
      e.is_public = false;
      LX_ASSIGN_OR_RETURN(Ticket next, workflow::Apply(current, workflow::Action{e}));
      auto r = store_.AppendEvent(next, e);
      if (r.ok()) {
        stored = *r;
        done = true;
      } else if (r.status().code() != StatusCode::kAborted) {
        return r.status();
      }
    }
    if (!done) return Status::Aborted("诉求正被同时修改，请重试");
  }
  // The event just stored is the ticket's `version`-th.
  LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, store_.ListEvents(stored.id));
  if (stored.version < 1 || static_cast<size_t>(stored.version) > events.size()) {
    return Status::Internal("event log shorter than the ticket's version");
  }
  const int64_t event_id = events[stored.version - 1].id;
  Open311UpdateReceipt out;
  out.account_id = u.account_id;
  if (client.batch) {
    for (int attempt = 0; attempt < 3 && out.token.empty(); ++attempt) {
      std::string token = RandomCode(12, kTokenAlphabet);
      Status st = store_.PutOpen311Token({token, "update", event_id, clock_.Now()});
      if (st.ok()) out.token = token;
      else if (st.code() != StatusCode::kAlreadyExists) return st;
    }
    if (out.token.empty()) return Status::Internal("could not draw a unique token");
  } else {
    out.update_id = std::to_string(event_id);
  }
  return out;
}

Result<Open311UpdateReceipt> Service::Open311UpdateToken(const std::string& token) {
  auto tok = store_.GetOpen311Token(token, "update");
  if (!tok.ok()) {
    return tok.status().code() == StatusCode::kNotFound ? Status::NotFound("没有这个 token：" + token)
                                                        : tok.status();
  }
  Open311UpdateReceipt out;
  out.update_id = std::to_string(tok->target);
  out.token = token;
  return out;
}

}  // namespace lianxin::service
