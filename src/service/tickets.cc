// Ticket use cases: intake, the citizen's tracking, scoped reads with personal
// data masking and access logging, and the handling actions.
#include <sodium.h>

#include <algorithm>

#include "core/utf8.h"
#include "service/service.h"
#include "service/service_impl.h"
#include "workflow/lifecycle.h"

namespace lianxin::service {
namespace {

constexpr std::string_view kQueryCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

// Roles that see the citizen's name and phone in clear (and are audited for it).
bool SeesPersonalData(const Actor& a) {
  if (a.citizen) return false;
  return a.role == Role::kCallTaker || a.role == Role::kUnitHandler || a.role == Role::kSupervisor;
}


void MaskPersonalData(Ticket& t) {
  t.citizen_name = MaskName(t.citizen_name);
  t.citizen_phone = MaskPhone(t.citizen_phone);
}

}  // namespace

Status CheckText(std::string_view field_zh, const std::string& v, size_t max_chars, bool required) {
  if (!IsValidUtf8(v)) return Status::InvalidArgument(std::string(field_zh) + "不是有效的 UTF-8 文本");
  if (required && v.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(std::string(field_zh) + "不能为空");
  }
  if (Utf8Length(v) > max_chars) {
    return Status::InvalidArgument(std::string(field_zh) + "不能超过 " + std::to_string(max_chars) +
                                   " 个字");
  }
  return Status::Ok();
}

namespace {

Status CheckPhone(const std::string& phone, bool required) {
  if (phone.empty()) return required ? Status::InvalidArgument("联系电话不能为空") : Status::Ok();
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '-' && c != ' ' && c != '+') {
      return Status::InvalidArgument("联系电话只能包含数字、空格、+ 和 -");
    }
  }
  if (digits < 5 || digits > 15 || phone.size() > 20) {
    return Status::InvalidArgument("联系电话长度不正确");
  }
  return Status::Ok();
}

}  // namespace

const Region* Directory::FindRegion(const std::string& code) const {
  auto it = std::lower_bound(regions.begin(), regions.end(), code,
                             [](const Region& r, const std::string& c) { return r.code < c; });
  return it != regions.end() && it->code == code ? &*it : nullptr;
}
const Unit* Directory::FindUnit(const std::string& code) const {
  auto it = std::lower_bound(units.begin(), units.end(), code,
                             [](const Unit& u, const std::string& c) { return u.code < c; });
  return it != units.end() && it->code == code ? &*it : nullptr;
}
const Category* Directory::FindCategory(const std::string& code) const {
  auto it = std::lower_bound(categories.begin(), categories.end(), code,
                             [](const Category& k, const std::string& c) { return k.code < c; });
  return it != categories.end() && it->code == code ? &*it : nullptr;
}

Service::Service(store::Store& store, const Clock& clock, ServiceOptions options)
    : store_(store), clock_(clock), impl_(std::make_unique<Impl>()) {
  if (sodium_init() < 0) std::abort();  // no usable randomness: nothing is safe
  impl_->options = std::move(options);
  impl_->login_throttle = std::make_unique<LoginThrottle>(clock_, impl_->options.login_throttle);
  impl_->directory = std::make_shared<Directory>();
  impl_->sla = std::make_shared<workflow::Sla>();
  (void)ReloadDirectory();  // an empty store yields an empty directory
}

Service::~Service() = default;

std::shared_ptr<const Directory> Service::directory() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->directory;
}

Status Service::ReloadDirectory() {
  auto d = std::make_shared<Directory>();
  LX_ASSIGN_OR_RETURN(d->regions, store_.ListRegions());
  LX_ASSIGN_OR_RETURN(d->units, store_.ListUnits());
  LX_ASSIGN_OR_RETURN(d->categories, store_.ListCategories());
  LX_ASSIGN_OR_RETURN(d->duty_rules, store_.ListDutyRules());
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->directory = std::move(d);
  RebuildRouterLocked();
  return Status::Ok();
}

Result<store::StoreStats> Service::Stats() { return store_.Stats(); }

// Checks a new request's fields against the limits and the directory.
Status Validate(const Directory& dir, const NewTicket& in, bool phone_required) {
  LX_RETURN_IF_ERROR(CheckText("标题", in.title, 200, true));
  LX_RETURN_IF_ERROR(CheckText("诉求内容", in.body, 5000, true));
  LX_RETURN_IF_ERROR(CheckText("姓名", in.citizen_name, 50, false));
  LX_RETURN_IF_ERROR(CheckText("地址", in.address, 200, false));
  LX_RETURN_IF_ERROR(CheckPhone(in.citizen_phone, phone_required));
  if (!in.region_code.empty() && !dir.FindRegion(in.region_code)) {
    return Status::InvalidArgument("未知的属地：" + in.region_code);
  }
  if (!in.category_code.empty() && !dir.FindCategory(in.category_code)) {
    return Status::InvalidArgument("未知的分类：" + in.category_code);
  }
  if (in.latitude.has_value() != in.longitude.has_value()) {
    return Status::InvalidArgument("经纬度必须同时提供");
  }
  if (in.latitude && (*in.latitude < -90 || *in.latitude > 90 || *in.longitude < -180 ||
                      *in.longitude > 180)) {
    return Status::InvalidArgument("经纬度超出范围");
  }
  return Status::Ok();
}

// Stores a validated request with its 受理 event, classified and routed by the
// dispatch agent: dispatched at once when the agent is sure, otherwise left in
// the dispatchers' queue, owned by the hotline centre with a triage deadline.
Result<IntakeResult> IntakeAndRoute(Service& svc, const std::string& prefix,
                                    const NewTicket& in, const Actor& actor,
                                    const store::Open311Meta* open311) {
  auto dir = svc.directory();
  IntakeResult out;
  LX_ASSIGN_OR_RETURN(out.suggestion, svc.SuggestInternal(in.title, in.body, in.region_code,
                                                          /*with_duplicates=*/false));
  const dispatch::RouteDecision& route = out.suggestion.route;
  Ticket t;
  t.query_code = RandomCode(6, kQueryCodeAlphabet);
  t.kind = in.kind;
  t.urgency = in.urgency;
  t.channel = in.channel;
  t.title = in.title;
  t.body = in.body;
  t.citizen_name = in.citizen_name;
  t.citizen_phone = in.citizen_phone;
  t.region_code = in.region_code.empty() ? route.region_code : in.region_code;
  t.address = in.address;
  t.latitude = in.latitude;
  t.longitude = in.longitude;
  t.category_code = in.category_code.empty() ? route.category_code : in.category_code;
  t.status = TicketStatus::kReceived;
  t.created_at = t.updated_at = svc.clock().Now();
  // 零遗漏: until a unit has it, the hotline centre owns it, with a deadline.
  t.owner_unit = svc.HotlineCentre();
  t.due_at = t.created_at + kTriageDeadline;
  TicketEvent e;
  e.type = EventType::kReceived;
  e.actor = actor.username;
  e.actor_role = actor.citizen ? "citizen" : std::string(ToString(actor.role));
  e.at = t.created_at;
  e.reason = std::string(LabelZh(t.channel));
  e.unit_code = t.owner_unit;
  std::vector<TicketEvent> events = {e};
  if (route.automatic && !route.candidates.empty()) {
    // The agent's 派单 goes into the same transaction as the 受理.
    Actor agent;
    agent.username = kAgentName;
    agent.role = Role::kDispatcher;
    ActionRequest req;
    req.type = EventType::kDispatch;
    req.unit_code = route.candidates[0].unit_code;
    req.reason = route.explanation;
    t.version = 1;  // as stored with its 受理
    auto plan = PlanAction(svc, *svc.CurrentSla(), agent, t, req, t.created_at);
    // If the plan fails the ticket simply stays in the queue, owned and with a deadline.
    if (plan.ok()) {
      t = std::move(plan->next);
      events.push_back(std::move(plan->event));
    }
  }
  if (open311) {  // issue 8: the ticket and its Open311 extras in one transaction
    LX_ASSIGN_OR_RETURN(out.ticket,
                        svc.store().CreateTicketWithOpen311Meta(t, events, prefix, *open311));
  } else {
    LX_ASSIGN_OR_RETURN(out.ticket, svc.store().CreateTicket(t, events, prefix));
  }
  return out;
}

Result<IntakeResult> Service::CreateTicket(const Actor& actor, const NewTicket& input) {
  if (actor.citizen || !(actor.role == Role::kCallTaker || actor.role == Role::kDispatcher ||
                         actor.role == Role::kAdmin)) {
    return Status::PermissionDenied("只有话务员、派单员和管理员可以登记工单");
  }
  LX_RETURN_IF_ERROR(Validate(*directory(), input, false));
  LX_ASSIGN_OR_RETURN(IntakeResult r,
                      IntakeAndRoute(*this, impl_->options.number_prefix, input, actor));
  // The answer shows the new ticket to the staff member who recorded it: a read
  // like any other, masked for roles that do not see personal data and logged
  // for those that do. The ticket is stored already, so a failed log entry
  // masks the answer rather than failing the request.
  auto view = ViewFor(store_, clock_, actor, r.ticket, "ticket.create");
  if (view.ok()) {
    r.personal_data_masked = view->personal_data_masked;
    r.ticket = std::move(view->ticket);
  } else {
    MaskPersonalData(r.ticket);
    r.personal_data_masked = true;
  }
  return r;
}

Result<IntakeResult> Service::SubmitPublic(const NewTicket& input) {
  NewTicket in = input;
  if (in.channel == Channel::kPhone || in.channel == Channel::kImport) in.channel = Channel::kWeb;
  LX_RETURN_IF_ERROR(Validate(*directory(), in, true));
  return IntakeAndRoute(*this, impl_->options.number_prefix, in, Actor::Citizen());
}

Result<PublicTicket> Service::Track(const std::string& number, const std::string& query_code) {
  const Status not_found = Status::NotFound("工单号或查询码不正确");
  if (number.empty() || query_code.empty() || number.size() > 64 || query_code.size() > 32) {
    return not_found;
  }
  auto t = store_.GetTicketByNumber(number);
  if (!t.ok()) return t.status().code() == StatusCode::kNotFound ? not_found : t.status();
  // Constant-time comparison: the query code is a secret.
  if (t->query_code.size() != query_code.size() ||
      sodium_memcmp(t->query_code.data(), query_code.data(), query_code.size()) != 0) {
    return not_found;
  }
  auto dir = directory();
  PublicTicket p;
  p.ticket = *t;
  MaskPersonalData(p.ticket);
  if (auto* r = dir->FindRegion(t->region_code)) p.region_name = r->name;
  if (auto* u = dir->FindUnit(t->owner_unit)) p.owner_unit_name = u->name;
  if (auto* k = dir->FindCategory(t->category_code)) p.category_name = k->name;
  LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, store_.ListEvents(t->id));
  if (t->status == TicketStatus::kMerged && t->parent_id) {
    if (auto parent = store_.GetTicket(t->parent_id); parent.ok()) p.parent_number = parent->number;
  }
  for (const TicketEvent& e : events) {
    if (!e.is_public) continue;
    PublicEvent pe{e.type, e.at, "", ""};
    if (auto* u = dir->FindUnit(e.unit_code)) pe.unit_name = u->name;
    if (e.type == EventType::kReply || e.type == EventType::kResolve ||
        e.type == EventType::kResolveAtIntake) {
      pe.content = e.content;
    }
    p.timeline.push_back(std::move(pe));
  }
  return p;
}

bool InScope(const Actor& a, const Ticket& t) {
  if (a.citizen) return false;
  if (a.role != Role::kUnitHandler) return true;
  if (a.unit_code.empty()) return false;
  return t.owner_unit == a.unit_code ||
         std::find(t.assist_units.begin(), t.assist_units.end(), a.unit_code) != t.assist_units.end();
}

Result<TicketView> ViewFor(store::Store& store, const Clock& clock, const Actor& actor,
                                  Ticket t, const char* purpose) {
  TicketView v;
  if (SeesPersonalData(actor)) {
    v.personal_data_masked = false;
    if (!t.citizen_name.empty() || !t.citizen_phone.empty()) {
      LX_RETURN_IF_ERROR(store.LogAccess({clock.Now(), actor.username,
                                          std::string(ToString(actor.role)), t.id,
                                          "citizen_name,citizen_phone", purpose}));
    }
  } else {
    MaskPersonalData(t);
  }
  v.ticket = std::move(t);
  return v;
}

Result<TicketView> Service::GetTicket(const Actor& actor, TicketId id) {
  auto t = store_.GetTicket(id);
  if (!t.ok()) return t.status().code() == StatusCode::kNotFound
                          ? Status::NotFound("工单不存在：" + std::to_string(id))
                          : t.status();
  if (!InScope(actor, *t)) return Status::NotFound("工单不存在：" + std::to_string(id));
  return ViewFor(store_, clock_, actor, std::move(t).value(), "ticket.get");
}

Result<std::vector<TicketView>> Service::ListTickets(const Actor& actor, store::TicketFilter filter,
                                                     int64_t* total) {
  if (actor.citizen) return Status::PermissionDenied("请先登录");
  if (actor.role == Role::kUnitHandler) {  // scope: the tickets it leads or assists
    if (actor.unit_code.empty()) return Status::PermissionDenied("账号未关联承办单位");
    filter.owner_unit.clear();
    filter.involved_unit = actor.unit_code;
  }
  LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(filter));
  if (total) *total = page.total;
  std::vector<TicketView> out;
  out.reserve(page.items.size());
  for (Ticket& t : page.items) {
    LX_ASSIGN_OR_RETURN(TicketView v, ViewFor(store_, clock_, actor, std::move(t), "ticket.list"));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<TicketEvent>> Service::ListEvents(const Actor& actor, TicketId id) {
  LX_ASSIGN_OR_RETURN(TicketView v, GetTicket(actor, id));
  return store_.ListEvents(v.ticket.id);
}

Result<std::vector<AccessRecord>> Service::ListAccess(const Actor& actor, int limit) {
  if (actor.citizen || !(actor.role == Role::kAdmin || actor.role == Role::kSupervisor)) {
    return Status::PermissionDenied("无权查看访问日志");
  }
  return store_.ListAccess(std::clamp(limit, 1, 1000));
}

}  // namespace lianxin::service
