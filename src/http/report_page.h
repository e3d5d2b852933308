// The decision report (决策支持, issue 6) as one self-contained HTML page: figures,
// tables and charts drawn here as inline SVG (no script, no CDN), styled for the screen
// and for printing (A4, `lianxin report --pdf` prints it through headless Chromium).
// Public header of http/ (the CLI renders the same page). Pure, thread-safe.
#pragma once

#include <string>

#include "service/service.h"

namespace lianxin::http {

// The page of `report`; names come from `dir`. Every text is escaped (http/xml.h XmlEscape).
std::string RenderReportHtml(const service::DecisionReport& report, const service::Directory& dir);

// One bar of a chart.
struct ChartBar {
  std::string label;
  double value = 0;
};
// A vertical bar chart (e.g. tickets per day) as an <svg> element with one <rect
// class="bar"> per bar, `title` as its accessible name; `percent` formats values as %.
std::string SvgColumnChart(const std::string& title, const std::vector<ChartBar>& bars,
                           bool percent = false);
// A horizontal bar chart (categories, regions, rates), same conventions.
std::string SvgBarChart(const std::string& title, const std::vector<ChartBar>& bars,
                        bool percent = false);

}  // namespace lianxin::http
