#include "service/importer.h"

#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "service/history.h"

#include "text/text.h"

namespace lianxin::service {
namespace {

constexpr size_t kBatch = 1000;
// Messages without a time are dated at the end of the data's period.
const TimeMs kUnknownTime = *ParseTime("2020-01-01 00:00:00");

TicketKind GuessKind(const std::string& title) {
  static const std::pair<const char*, TicketKind> kWords[] = {
      {"投诉", TicketKind::kComplaint}, {"举报", TicketKind::kReport},
      {"建议", TicketKind::kSuggestion}, {"咨询", TicketKind::kConsultation},
      {"请问", TicketKind::kConsultation}, {"求助", TicketKind::kHelp},
      {"感谢", TicketKind::kPraise},     {"表扬", TicketKind::kPraise}};
  for (const auto& [word, kind] : kWords) {
    if (title.find(word) != std::string::npos) return kind;
  }
  return TicketKind::kComplaint;
}

}  // namespace

Result<int64_t> ImportHistorical(Service& service, const std::vector<HistoricalMessage>& messages,
                                 const std::function<void(size_t, size_t)>& progress) {
  auto dir = service.directory();
  std::map<std::string, std::string> category_by_name;
  for (const Category& c : dir->categories) {
    if (c.level == 1) category_by_name.emplace(c.name, c.code);
  }
  auto gazetteer = text::Gazetteer::Build(dir->regions);
  std::string root = dir->regions.empty() ? "" : dir->regions.front().code;
  for (const Region& r : dir->regions) {
    if (r.parent.empty()) root = r.code;
  }
  const std::shared_ptr<const workflow::Sla> sla = service.CurrentSla();
  int64_t inserted = 0;
  std::vector<store::TicketWithEvents> batch;
  for (size_t i = 0; i < messages.size(); ++i) {
    const HistoricalMessage& m = messages[i];
    Ticket t;
    t.number = m.number;
    t.query_code = "";  // historical tickets cannot be tracked by citizens
    t.kind = GuessKind(m.title);
    t.channel = Channel::kImport;
    t.title = m.title.empty() ? Utf8Prefix(m.body, 30) : m.title;  // whole characters
    t.body = m.body.empty() ? m.title : m.body;
    t.citizen_name = m.user;
    t.region_code = gazetteer->Locate(m.title + " " + m.body);
    if (t.region_code.empty() || !dir->FindRegion(t.region_code)) t.region_code = root;
    auto cat = category_by_name.find(m.category_name);
    if (cat != category_by_name.end()) t.category_code = cat->second;
    t.created_at = t.updated_at = m.time ? m.time : kUnknownTime;

    HistoricalHandling h;
    h.received_reason = "历史留言导入";
    h.archive_reason = m.reply.empty() ? "历史留言，无办理记录" : "历史留言，已答复";
    h.resolved = !m.reply.empty();
    if (!m.reply.empty()) {
      std::string gov = t.region_code + "/gov";
      if (dir->FindUnit(gov)) h.unit = gov;  // 属地兜底: the region's government answered
      h.reply = m.reply;
      h.resolved_at = std::max(m.reply_time, t.created_at);
    }
    LX_ASSIGN_OR_RETURN(store::TicketWithEvents item, HistoricalTicket(t, h, *sla));
    batch.push_back(std::move(item));
    if (batch.size() == kBatch || i + 1 == messages.size()) {
      LX_ASSIGN_OR_RETURN(int64_t n, service.store().ImportTickets(batch));
      inserted += n;
      batch.clear();
      if (progress) progress(i + 1, messages.size());
    }
  }
  return inserted;
}

}  // namespace lianxin::service
