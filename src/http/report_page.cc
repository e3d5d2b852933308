// The decision report page (see report_page.h).
#include "http/report_page.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "http/xml.h"

namespace lianxin::http {
namespace {

// Escapes text and attribute values (&apos; is valid HTML5 too).
std::string EscapeHtml(const std::string& s) { return XmlEscape(s); }

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: #1f2937; margin: 0 auto; max-width: 980px;
       padding: 16px; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; border-left: 4px solid #2563eb; padding-left: 8px; margin: 22px 0 8px; }
.meta { color: #6b7280; margin-bottom: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 20px; color: #111827; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
svg { display: block; margin: 6px 0; max-width: 100%; }
svg text { font-size: 11px; fill: #374151; }
.bar { fill: #3b82f6; }
.empty { color: #9ca3af; }
section { break-inside: avoid; }
)css";

std::string Number(double v, bool percent) {
  char buf[32];
  if (percent) {
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

std::string Rate(const std::optional<double>& v) { return v ? Number(*v, true) : "—"; }

std::string DayOnly(TimeMs t) {
  std::string d = FormatDayCst(t);
  return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

std::string Svg(const std::string& title, int width, int height) {
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << ' ' << height
      << "\" aria-label=\"" << EscapeHtml(title) << "\"><title>" << EscapeHtml(title)
      << "</title>";
  return out.str();
}

std::string UnitName(const service::Directory& dir, const std::string& code) {
  const Unit* u = dir.FindUnit(code);
  return u ? u->name : code;
}

std::string Cell(const std::string& s) { return "<td>" + EscapeHtml(s) + "</td>"; }

}  // namespace

std::string SvgColumnChart(const std::string& title, const std::vector<ChartBar>& bars,
                           bool percent) {
  const int width = 900, height = 220, left = 40, bottom = 40, top = 16;
  double max = 0;
  for (const ChartBar& b : bars) max = std::max(max, b.value);
  if (max <= 0) max = 1;
  std::ostringstream out;
  out << Svg(title, width, height);
  out << "<line x1=\"" << left << "\" y1=\"" << height - bottom << "\" x2=\"" << width
      << "\" y2=\"" << height - bottom << "\" stroke=\"#9ca3af\"/>";
  out << "<text x=\"0\" y=\"" << top + 4 << "\">" << Number(max, percent) << "</text>";
  const double slot = bars.empty() ? 0 : double(width - left) / double(bars.size());
  const size_t label_every = std::max<size_t>(1, bars.size() / 12);
  for (size_t i = 0; i < bars.size(); ++i) {
    double h = (height - bottom - top) * bars[i].value / max;
    double x = left + i * slot + slot * 0.15;
    char rect[200];
    std::snprintf(rect, sizeof rect,
                  "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                  x, height - bottom - h, slot * 0.7, h);
    out << rect << "<title>" << EscapeHtml(bars[i].label) << " " << Number(bars[i].value, percent)
        << "</title></rect>";
    if (i % label_every == 0) {
      char text[120];
      std::snprintf(text, sizeof text, "<text x=\"%.1f\" y=\"%d\">", x, height - bottom + 14);
      out << text << EscapeHtml(bars[i].label) << "</text>";
    }
  }
  out << "</svg>";
  return out.str();
}

std::string SvgBarChart(const std::string& title, const std::vector<ChartBar>& bars, bool percent) {
  const int width = 900, row = 22, left = 200, right = 80;
  const int height = std::max<int>(row, static_cast<int>(bars.size()) * row) + 8;
  double max = percent ? 1 : 0;
  for (const ChartBar& b : bars) max = std::max(max, b.value);
  if (max <= 0) max = 1;
  std::ostringstream out;
  out << Svg(title, width, height);
  for (size_t i = 0; i < bars.size(); ++i) {
    double w = (width - left - right) * bars[i].value / max;
    int y = 4 + static_cast<int>(i) * row;
    out << "<text x=\"0\" y=\"" << y + 14 << "\">" << EscapeHtml(bars[i].label) << "</text>";
    char rect[200];
    std::snprintf(rect, sizeof rect,
                  "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\">", left, y,
                  w, row - 6);
    out << rect << "<title>" << EscapeHtml(bars[i].label) << " " << Number(bars[i].value, percent)
        << "</title></rect>";
    char text[120];
    std::snprintf(text, sizeof text, "<text x=\"%.1f\" y=\"%d\">", left + w + 6, y + 14);
    out << text << Number(bars[i].value, percent) << "</text>";
  }
  out << "</svg>";
  return out.str();
}

std::string RenderReportHtml(const service::DecisionReport& r, const service::Directory& dir) {
  const bool weekly = r.kind == service::ReportKind::kWeekly;
  const std::string name = r.region_name + (weekly ? " 12345 热线周报 " : " 12345 热线月报 ") + r.period;
  std::ostringstream out;
  out << "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
      << EscapeHtml(name) << "</title><style>" << kStyle << "</style></head><body>";
  out << "<h1>" << EscapeHtml(name) << "</h1><div class=\"meta\">统计区间 " << DayOnly(r.from)
      << " 至 " << DayOnly(r.to - 1) << "，生成于 " << EscapeHtml(FormatIsoCst(r.generated_at))
      << "</div>";

  // Volumes.
  double change = r.previous_total > 0 ? double(r.total - r.previous_total) / r.previous_total : 0;
  out << "<section><h2>一、受理概况</h2><div class=\"cards\">"
      << "<div class=\"card\">受理量<b>" << r.total << "</b></div>"
      << "<div class=\"card\">上期<b>" << r.previous_total << "</b>"
      << (r.previous_total > 0 ? "环比 " + Number(change, true) : std::string("—")) << "</div>"
      << "<div class=\"card\">未办结<b>" << r.open << "</b></div>"
      << "<div class=\"card\">超期<b>" << r.overdue << "</b></div>"
      << "<div class=\"card\">重复诉求<b>" << r.repeats.total << "</b>占比 "
      << Number(r.repeats.repeat_rate, true) << "</div></div>";
  std::vector<ChartBar> days;
  for (const auto& [day, n] : r.by_day) days.push_back({day.substr(5), double(n)});
  out << SvgColumnChart("每日受理量", days) << "</section>";

  out << "<section><h2>二、诉求类别</h2>";
  std::vector<ChartBar> cats;
  for (const auto& c : r.by_category) {
    if (cats.size() < 12) cats.push_back({c.name.empty() ? "未分类" : c.name, double(c.count)});
  }
  out << (cats.empty() ? "<p class=\"empty\">本期无工单</p>" : SvgBarChart("诉求类别分布", cats))
      << "</section>";

  out << "<section><h2>三、区域分布</h2>";
  std::vector<ChartBar> regions;
  for (const auto& c : r.by_region) {
    if (regions.size() < 15) regions.push_back({c.name.empty() ? "未定位" : c.name, double(c.count)});
  }
  out << (regions.empty() ? "<p class=\"empty\">本期无工单</p>" : SvgBarChart("区域分布", regions))
      << "</section>";

  // 三率.
  out << "<section><h2>四、三率</h2><div class=\"cards\">"
      << "<div class=\"card\">响应率<b>" << Rate(r.rates.response) << "</b></div>"
      << "<div class=\"card\">解决率<b>" << Rate(r.rates.resolution) << "</b></div>"
      << "<div class=\"card\">满意率<b>" << Rate(r.rates.satisfaction) << "</b></div>"
      << "<div class=\"card\">综合得分<b>"
      << (r.rates.composite ? Number(*r.rates.composite, false) : "—") << "</b></div></div>";
  std::vector<ChartBar> rates;
  for (auto [label, v] : {std::pair{"响应率", r.rates.response},
                          std::pair{"解决率", r.rates.resolution},
                          std::pair{"满意率", r.rates.satisfaction}}) {
    if (v) rates.push_back({label, *v});
  }
  if (!rates.empty()) out << SvgBarChart("三率", rates, true);
  out << "</section>";

  // Hot topics.
  out << "<section><h2>五、热点问题</h2>";
  if (r.hotspots.empty()) {
    out << "<p class=\"empty\">本期未发现热点</p>";
  } else {
    std::vector<ChartBar> heat;
    for (const auto& h : r.hotspots) heat.push_back({h.title, h.heat});
    out << SvgBarChart("热点热度", heat);
    out << "<table><tr><th>热点</th><th>热度</th><th>工单</th><th>人数</th><th>时间</th><th>涉及单位</th></tr>";
    for (const auto& h : r.hotspots) {
      std::string units;
      for (size_t i = 0; i < h.units.size() && i < 3; ++i) {
        units += (i ? "、" : "") + UnitName(dir, h.units[i]);
      }
      out << "<tr>" << Cell(h.title) << Cell(Number(h.heat, false)) << Cell(std::to_string(h.size))
          << Cell(std::to_string(h.people))
          << Cell(DayOnly(h.first_time) + " 至 " + DayOnly(h.last_time)) << Cell(units) << "</tr>";
    }
    out << "</table>";
  }
  out << "</section>";

  // Alerts.
  out << "<section><h2>六、预警</h2><p>本期预警 " << r.alerts_total << " 条</p>";
  if (!r.alerts.empty()) {
    out << "<table><tr><th>类型</th><th>说明</th><th>实际</th><th>预期</th><th>状态</th></tr>";
    for (const auto& a : r.alerts) {
      out << "<tr>" << Cell(a.kind == "count" ? "数量异常" : "风险词") << Cell(a.detail)
          << Cell(std::to_string(a.seen)) << Cell(Number(a.expected, false)) << Cell(a.state)
          << "</tr>";
    }
    out << "</table>";
  }
  out << "</section>";

  // Governance items.
  out << "<section><h2>七、每月一题</h2>";
  if (r.items.empty()) {
    out << "<p class=\"empty\">暂无治理事项</p>";
  } else {
    out << "<table><tr><th>事项</th><th>牵头单位</th><th>状态</th><th>期限</th></tr>";
    for (const auto& g : r.items) {
      out << "<tr>" << Cell(g.title) << Cell(UnitName(dir, g.lead_unit)) << Cell(g.state)
          << Cell(g.deadline ? DayOnly(g.deadline) : "—") << "</tr>";
    }
    out << "</table>";
  }
  out << "</section></body></html>";
  return out.str();
}

}  // namespace lianxin::http
