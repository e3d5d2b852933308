#include "kb/answerer.h"

#include <algorithm>
#include <set>

namespace lianxin::kb {

namespace {

int CountCues(std::string_view text, std::initializer_list<std::string_view> cues) {
  int n = 0;
  for (std::string_view c : cues) {
    for (size_t pos = text.find(c); pos != std::string_view::npos; pos = text.find(c, pos + c.size())) ++n;
  }
  return n;
}

// Sentences of `text` with their terminators (。！？；!?; and newlines).
std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::string ch = text.substr(i, len);
    i += len;
    if (ch == "\n" || ch == "\r") {
      if (cur.find_first_not_of(" \t\xe3\x80\x80") != std::string::npos) out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += ch;
    if (ch == "。" || ch == "！" || ch == "？" || ch == "；" || ch == "!" || ch == "?" || ch == ";") {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.find_first_not_of(" \t") != std::string::npos) out.push_back(cur);
  for (std::string& s : out) {
    size_t b = s.find_first_not_of(" \t");
    s = s.substr(b);
    while (s.rfind("\xe3\x80\x80", 0) == 0) s = s.substr(3);  // ideographic spaces
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const std::string& s) { return s.empty(); }), out.end());
  return out;
}

}  // namespace

std::string_view ToString(HandoffReason reason) {
  switch (reason) {
    case HandoffReason::kNotAConsultation: return "not_a_consultation";
    case HandoffReason::kCrossDepartment: return "cross_department";
    case HandoffReason::kLowConfidence: return "low_confidence";
    case HandoffReason::kPersonalData: return "personal_data";
  }
  return "low_confidence";
}

std::string_view Describe(HandoffReason reason) {
  switch (reason) {
    case HandoffReason::kNotAConsultation: return "这是投诉、举报或求助，需要登记工单由承办单位办理";
    case HandoffReason::kCrossDepartment: return "问题涉及多个部门，需要人工协调";
    case HandoffReason::kLowConfidence: return "知识库中没有足够可靠的答案";
    case HandoffReason::kPersonalData: return "涉及个人信息，需要人工核实处理";
  }
  return "";
}

TicketKind DetectKind(std::string_view raw) {
  std::string text = text::Normalize(raw);
  int report = CountCues(text, {"举报", "检举", "揭发", "偷排", "非法", "违法", "违规", "违建", "私搭乱建", "传销",
                                "诈骗", "黑作坊", "无证经营"});
  int complaint = CountCues(text, {"投诉", "扰民", "噪音", "不作为", "拖欠", "欠薪", "乱收费", "推诿", "刁难",
                                   "态度恶劣", "污染", "臭味", "强制", "要求赔偿", "维权", "不合理", "严重影响",
                                   "长期", "多次反映", "无人管", "没人管", "请求处理", "尽快处理", "尽快解决"});
  int help = CountCues(text, {"求助", "救助", "被困", "困难", "急需"});
  int question = CountCues(text, {"咨询", "请问", "如何", "怎么", "怎样", "是否", "能否", "可否", "哪里", "哪些",
                                  "什么", "多少", "多久", "条件", "流程", "需要哪些", "吗?", "吗", "呢?"});
  int against = std::max({report, complaint, help});
  if (against == 0 || question > against) return TicketKind::kConsultation;
  if (report >= complaint && report >= help) return TicketKind::kReport;
  if (complaint >= help) return TicketKind::kComplaint;
  return TicketKind::kHelp;
}

Answer Compose(const Searcher& searcher, const Query& query, const AnswerOptions& options) {
  Answer a;
  std::string all = query.title + "\n" + query.body;
  a.kind = DetectKind(all);
  if (a.kind != TicketKind::kConsultation) a.reasons.push_back(HandoffReason::kNotAConsultation);
  if (!text::FindPii(all).empty()) a.reasons.push_back(HandoffReason::kPersonalData);
  a.evidence = searcher.Search(query);
  if (a.evidence.empty()) {
    a.reasons.push_back(HandoffReason::kLowConfidence);
    return a;
  }
  const Hit& best = a.evidence.front();
  a.confidence = best.coverage;
  if (a.confidence < options.min_confidence) a.reasons.push_back(HandoffReason::kLowConfidence);
  // Cross-department: a second unit's entry covers much of what the best one misses.
  if (a.evidence.size() >= 2) {
    const Hit& second = a.evidence[1];
    float second_conf = second.coverage;
    if (second.owner_unit != best.owner_unit && !second.owner_unit.empty() && !best.owner_unit.empty() &&
        second_conf >= options.min_confidence && second.extra_coverage >= 0.25f) {
      a.reasons.push_back(HandoffReason::kCrossDepartment);
    }
  }
  if (!a.reasons.empty()) return a;
  auto entry = searcher.Get(best.entry_id);
  if (!entry) {
    a.reasons.push_back(HandoffReason::kLowConfidence);
    return a;
  }
  std::vector<std::string> sentences = Sentences(entry->answer);
  std::vector<std::string> words = searcher.analyzer().Words(all);
  std::vector<size_t> chosen;
  for (size_t i = 0; i < sentences.size() && chosen.size() < options.max_sentences; ++i) {
    std::string norm = text::Normalize(sentences[i]);
    bool hit = false;
    for (const std::string& w : words) hit = hit || (w.size() >= 3 && norm.find(w) != std::string::npos);
    if (hit) chosen.push_back(i);
  }
  if (chosen.empty()) {
    for (size_t i = 0; i < sentences.size() && i < 2; ++i) chosen.push_back(i);
  }
  for (size_t i : chosen) a.sentences.push_back({sentences[i], {entry->id, entry->version}});
  a.answered = !a.sentences.empty();
  if (!a.answered) a.reasons.push_back(HandoffReason::kLowConfidence);
  return a;
}

}  // namespace lianxin::kb
