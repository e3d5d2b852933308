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
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kEvents = {{
    {"received", "受理"}, {"resolve_at_intake", "直接办结"}, {"dispatch", "派单"},
    {"accept", "签收"}, {"reply", "答复"}, {"resolve", "办结"}, {"archive", "归档"},
    {"note", "备注"}}};

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
std::string_view LabelZh(TicketKind v) { return kKinds[static_cast<size_t>(v)].second; }
std::string_view LabelZh(Urgency v) { return kUrgencies[static_cast<size_t>(v)].second; }
std::string_view LabelZh(Channel v) { return kChannels[static_cast<size_t>(v)].second; }
std::string_view LabelZh(TicketStatus v) { return kStatuses[static_cast<size_t>(v)].second; }
std::string_view LabelZh(EventType v) { return kEvents[static_cast<size_t>(v)].second; }

std::optional<TicketKind> ParseTicketKind(std::string_view s) { return Parse<TicketKind>(kKinds, s); }
std::optional<Urgency> ParseUrgency(std::string_view s) { return Parse<Urgency>(kUrgencies, s); }
std::optional<Channel> ParseChannel(std::string_view s) { return Parse<Channel>(kChannels, s); }
std::optional<TicketStatus> ParseTicketStatus(std::string_view s) {
  return Parse<TicketStatus>(kStatuses, s);
}
std::optional<EventType> ParseEventType(std::string_view s) { return Parse<EventType>(kEvents, s); }

}  // namespace lianxin
