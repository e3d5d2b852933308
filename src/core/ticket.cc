#include "core/ticket.h"

#include <array>
#include <utility>

namespace lianxin {
namespace {

// One table per enum: {identifier, Chinese label}, indexed by the enum value.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kKinds = {{
    {"consultation", "咨询"}, {"help", "求助"}, {"complaint", "投诉"},
    {"report", "举报"}, {"suggestion", "建议"}, {"praise", "表扬"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kUrgencies = {{
    {"normal", "一般"}, {"urgent", "紧急"}, {"critical", "特急"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kChannels = {{
    {"phone", "电话"}, {"web", "网站"}, {"app", "App"}, {"mini_program", "小程序"},
    {"sms", "短信"}, {"open311", "Open311"}, {"import", "历史导入"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kStatuses = {{
    {"received", "已受理"}, {"resolved_at_intake", "直接办结"}, {"dispatched", "已派单"},
    {"accepted", "已签收"}, {"in_progress", "办理中"}, {"return_requested", "退单待审"},
    {"extension_requested", "延期待批"}, {"resolved", "已办结"}, {"revisited", "已回访"},
    {"reopened", "重办"}, {"merged", "已并单"}, {"archived", "已归档"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kEvents = {{
    {"received", "受理"}, {"resolve_at_intake", "直接办结"}, {"dispatch", "派单"},
    {"accept", "签收"}, {"reply", "答复"}, {"resolve", "办结"}, {"archive", "归档"},
    {"note", "备注"}, {"contact", "联系群众"}, {"redispatch", "改派"},
    {"return_request", "申请退单"}, {"return_approve", "同意退单"}, {"return_reject", "驳回退单"},
    {"extension_request", "申请延期"}, {"extension_approve", "批准延期"},
    {"extension_refuse", "驳回延期"}, {"revisit", "回访"}, {"reopen", "重办"}, {"merge", "并单"},
    {"reminder", "催办"}, {"escalation", "督办"}, {"assist_reply", "协办答复"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kSatisfactions = {{
    {"satisfied", "满意"}, {"basically_satisfied", "基本满意"}, {"unsatisfied", "不满意"}}};

static_assert(kStatuses.size() == static_cast<size_t>(TicketStatus::kArchived) + 1);
static_assert(kEvents.size() == static_cast<size_t>(EventType::kAssistReply) + 1);
static_assert(kSatisfactions.size() == static_cast<size_t>(Satisfaction::kUnsatisfied) + 1);

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<std::string_view, std::string_view>, N>& table,
                       std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (table[i].first == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(TicketKind v) { return kKinds[static_cast<size_t>(v)].first; }
std::string_view ToString(Urgency v) { return kUrgencies[static_cast<size_t>(v)].first; }
std::string_view ToString(Channel v) { return kChannels[static_cast<size_t>(v)].first; }
std::string_view ToString(TicketStatus v) { return kStatuses[static_cast<size_t>(v)].first; }
std::string_view ToString(EventType v) { return kEvents[static_cast<size_t>(v)].first; }
std::string_view ToString(Satisfaction v) { return kSatisfactions[static_cast<size_t>(v)].first; }
std::string_view LabelZh(TicketKind v) { return kKinds[static_cast<size_t>(v)].second; }
std::string_view LabelZh(Urgency v) { return kUrgencies[static_cast<size_t>(v)].second; }
std::string_view LabelZh(Channel v) { return kChannels[static_cast<size_t>(v)].second; }
std::string_view LabelZh(TicketStatus v) { return kStatuses[static_cast<size_t>(v)].second; }
std::string_view LabelZh(EventType v) { return kEvents[static_cast<size_t>(v)].second; }
std::string_view LabelZh(Satisfaction v) { return kSatisfactions[static_cast<size_t>(v)].second; }

std::optional<TicketKind> ParseTicketKind(std::string_view s) { return Parse<TicketKind>(kKinds, s); }
std::optional<Urgency> ParseUrgency(std::string_view s) { return Parse<Urgency>(kUrgencies, s); }
std::optional<Channel> ParseChannel(std::string_view s) { return Parse<Channel>(kChannels, s); }
std::optional<TicketStatus> ParseTicketStatus(std::string_view s) {
  return Parse<TicketStatus>(kStatuses, s);
}
std::optional<EventType> ParseEventType(std::string_view s) { return Parse<EventType>(kEvents, s); }
std::optional<Satisfaction> ParseSatisfaction(std::string_view s) {
  return Parse<Satisfaction>(kSatisfactions, s);
}

}  // namespace lianxin
