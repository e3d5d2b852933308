// The supervisors' lists (issue 4, part A): overdue, due soon, escalated,
// extension requests, returns awaiting arbitration, resolved tickets awaiting a
// revisit, reopened tickets; scoped by role, paginated.
#include <algorithm>

#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

using L = SupervisionList;

struct ListInfo {
  L list;
  std::string_view name;
  std::string_view label;
};

constexpr ListInfo kInfo[] = {
    {L::kOverdue, "overdue", "已超期"},          {L::kDueSoon, "due_soon", "即将到期"},
    {L::kEscalated, "escalated", "已督办"},      {L::kExtensions, "extensions", "延期待审批"},
    {L::kReturns, "returns", "退单待审核"},      {L::kRevisits, "revisits", "待回访"},
    {L::kReopened, "reopened", "重办待派单"},
};

// Open: still needs someone to act (not closed, merged or archived).
const std::vector<TicketStatus> kOpen = {
    TicketStatus::kReceived,        TicketStatus::kDispatched,         TicketStatus::kAccepted,
    TicketStatus::kInProgress,      TicketStatus::kReturnRequested,    TicketStatus::kExtensionRequested,
    TicketStatus::kReopened};

// Who may read `list` (unit handlers always, restricted to their unit).
bool MayRead(const Actor& a, L list) {
  if (a.citizen) return false;
  switch (a.role) {
    case Role::kSupervisor:
    case Role::kAdmin:
    case Role::kAnalyst:
    case Role::kUnitHandler:
      return true;
    case Role::kDispatcher:
      return list == L::kOverdue || list == L::kDueSoon || list == L::kEscalated ||
             list == L::kReturns || list == L::kReopened;
    case Role::kCallTaker:
      return list == L::kRevisits || list == L::kReopened;
  }
  return false;
}

}  // namespace

std::string_view ToString(SupervisionList list) {
  for (const ListInfo& i : kInfo) {
    if (i.list == list) return i.name;
  }
  return "";
}

std::optional<SupervisionList> ParseSupervisionList(std::string_view name) {
  for (const ListInfo& i : kInfo) {
    if (i.name == name) return i.list;
  }
  return std::nullopt;
}

std::string_view LabelZh(SupervisionList list) {
  for (const ListInfo& i : kInfo) {
    if (i.list == list) return i.label;
  }
  return "";
}

Result<std::vector<TicketView>> Service::Supervision(const Actor& actor, const SupervisionQuery& q,
                                                     int64_t* total) {
  if (!MayRead(actor, q.list)) {
    return Status::PermissionDenied("当前角色不能查看「" + std::string(LabelZh(q.list)) + "」清单");
  }
  if (q.limit < 1 || q.limit > 500) return Status::InvalidArgument("limit 应在 1 到 500 之间");
  if (q.offset < 0) return Status::InvalidArgument("offset 不能为负数");
  if (q.list == L::kDueSoon && (q.window < 60 * kSecondMs || q.window > 30 * kDayMs)) {
    return Status::InvalidArgument("即将到期的时间窗口应在 1 分钟到 30 天之间");
  }
  if (!q.region_prefix.empty() && !directory()->FindRegion(q.region_prefix)) {
    return Status::InvalidArgument("未知的属地：" + q.region_prefix);
  }
  const TimeMs now = clock_.Now();
  store::TicketFilter f;
  f.limit = q.limit;
  f.offset = q.offset;
  f.region_prefix = q.region_prefix;
  f.involved_unit = q.unit_code;  // ListTickets narrows it for unit handlers
  f.due_first = true;
  switch (q.list) {
    case L::kOverdue:
      f.statuses = kOpen;
      f.due_before = now;
      break;
    case L::kDueSoon:
      f.statuses = kOpen;
      f.due_from = now;
      f.due_before = now + q.window;
      break;
    case L::kEscalated:
      f.statuses = kOpen;
      f.escalated = true;
      break;
    case L::kExtensions:
      f.status = TicketStatus::kExtensionRequested;
      break;
    case L::kReturns:
      f.status = TicketStatus::kReturnRequested;
      break;
    case L::kRevisits:
      f.status = TicketStatus::kResolved;
      f.due_first = false;
      f.oldest_first = true;
      break;
    case L::kReopened:
      f.status = TicketStatus::kReopened;
      f.due_first = false;
      f.oldest_first = true;
      break;
  }
  LX_ASSIGN_OR_RETURN(std::vector<TicketView> views, ListTickets(actor, std::move(f), total));
  if (q.list == L::kReturns) {  // issue 4: the arbitration deadline beside the unit's
    auto sla = CurrentSla();
    for (TicketView& v : views) {
      LX_ASSIGN_OR_RETURN(v.arbitration_due_at, ArbitrationDueAt(*this, *sla, v.ticket));
    }
  }
  return views;
}

Result<std::vector<std::pair<SupervisionList, int64_t>>> Service::SupervisionCounts(
    const Actor& actor, TimeMs window) {
  std::vector<std::pair<SupervisionList, int64_t>> out;
  for (SupervisionList list : kSupervisionLists) {
    if (!MayRead(actor, list)) continue;
    SupervisionQuery q;
    q.list = list;
    q.window = window;
    q.limit = 1;
    int64_t total = 0;
    LX_RETURN_IF_ERROR(Supervision(actor, q, &total).status());
    out.emplace_back(list, total);
  }
  if (out.empty()) return Status::PermissionDenied("当前角色不能查看督办清单");
  return out;
}

}  // namespace lianxin::service
