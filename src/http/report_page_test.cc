// The decision report page: one bar per value in each chart, bars scaled to the largest,
// every text escaped, and the sections a report must have.
#include "http/report_page.h"

#include <gtest/gtest.h>

#include <regex>

namespace lianxin::http {
namespace {

size_t Count(const std::string& s, const std::string& pattern) {
  std::regex re(pattern);
  return static_cast<size_t>(std::distance(std::sregex_iterator(s.begin(), s.end(), re),
                                           std::sregex_iterator()));
}

TEST(ReportPage, ChartsHaveOneScaledBarPerValue) {
  std::string svg = SvgBarChart("类别", {{"环境保护", 10}, {"城乡建设", 5}, {"<script>", 0}});
  EXPECT_EQ(Count(svg, "<rect class=\"bar\""), 3u);
  EXPECT_NE(svg.find("width=\"620.0\""), std::string::npos) << svg;  // the largest: full width
  EXPECT_NE(svg.find("width=\"310.0\""), std::string::npos) << svg;  // half of it
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  std::string columns = SvgColumnChart("每日受理量", {{"11-30", 2}, {"12-01", 4}});
  EXPECT_EQ(Count(columns, "<rect class=\"bar\""), 2u);
  EXPECT_NE(columns.find("aria-label=\"每日受理量\""), std::string::npos);
  EXPECT_NE(SvgBarChart("三率", {{"满意率", 0.875}}, true).find("87.5%"), std::string::npos);
}

TEST(ReportPage, PageHasEverySectionAndEscapesText) {
  service::DecisionReport r;
  r.period = "2026-11";
  r.kind = service::ReportKind::kMonthly;
  r.region_name = "A市";
  r.from = 1793462400000;  // 2026-11-01 00:00 CST
  r.to = r.from + 30 * kDayMs;
  r.total = 3;
  r.by_day = {{"2026-11-01", 1}, {"2026-11-02", 2}};
  r.by_category = {{"02", "环境保护", 3}};
  store::StoredHotspot h;
  h.title = "A3区 <b>噪音</b>";
  h.heat = 9;
  r.hotspots = {h};
  store::GovernanceItem g;
  g.title = "东风路噪音治理";
  g.lead_unit = "XD.A.A3/zjj";
  r.items = {g};
  service::Directory dir;
  dir.units = {{"XD.A.A3/zjj", "A3区住建局", "zjj", "XD.A.A3"}};
  std::string html = RenderReportHtml(r, dir);
  EXPECT_NE(html.find("<title>A市 12345 热线月报 2026-11</title>"), std::string::npos);
  for (const char* section : {"受理概况", "诉求类别", "区域分布", "三率", "热点问题", "预警", "每月一题"}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }
  EXPECT_NE(html.find("统计区间 2026-11-01 至 2026-11-30"), std::string::npos);
  EXPECT_EQ(html.find("<b>噪音</b>"), std::string::npos);
  EXPECT_NE(html.find("A3区住建局"), std::string::npos);
  EXPECT_GE(Count(html, "<svg "), 3u);  // days, categories, heat
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::http
