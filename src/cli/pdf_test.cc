// The decision report printed by headless Chromium: the PDF has pages, its text is the
// report's (Chinese, extracted by pdftotext) and its fonts are embedded. Skipped with a message when chromium or poppler-utils are absent.
#include "cli/pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "http/report_page.h"
#include "testutil/testutil.h"

namespace lianxin::cli {
namespace {

constexpr TimeMs kMonday = 1795968000000;  // 2026-11-30 00:00 CST

std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

service::DecisionReport FixedReport() {
  service::DecisionReport r;
  r.kind = service::ReportKind::kWeekly;
  r.period = "2026-W49";
  r.region_code = "XD.A";
  r.region_name = "A市";
  r.from = kMonday;
  r.to = kMonday + 7 * kDayMs;
  r.generated_at = r.to + kHourMs;
  r.total = 28;
  r.previous_total = 20;
  for (int d = 0; d < 7; ++d) {
    r.by_day.push_back({"2026-12-0" + std::to_string(d + 1), 2 + d});
  }
  r.by_category = {{"02", "环境保护", 15}, {"01", "城乡建设", 13}};
  r.by_region = {{"XD.A.A3", "A3区", 20}, {"XD.A.A2", "A2区", 8}};
  r.rates.response = 0.93;
  r.rates.resolution = 0.81;
  r.rates.satisfaction = 0.88;
  store::StoredHotspot h;
  h.id = 1;
  h.title = "A3区 丽发新城 搅拌站 噪音";
  h.heat = 21.5;
  h.size = 9;
  h.people = 8;
  h.first_time = kMonday;
  h.last_time = kMonday + 5 * kDayMs;
  r.hotspots = {h};
  return r;
}

TEST(PrintToPdf, ReportBecomesPagesWithChineseText) {
  const std::string chromium = DefaultChromium();
  if (!std::filesystem::exists(chromium)) {
    GTEST_SKIP() << "chromium not found at " << chromium << ": PDF printing not tested";
  }
  if (Shell("which pdftotext pdfinfo pdffonts | wc -l").find('3') == std::string::npos) {
    GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo, pdffonts) not installed";
  }
  testutil::TempDir dir;
  service::Directory empty;
  std::string html = http::RenderReportHtml(FixedReport(), empty);
  {
    std::ofstream out(dir.File("r.html"));
    out << html;
  }
  Status st = PrintToPdf(chromium, dir.File("r.html"), dir.File("r.pdf"));
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::string info = Shell("pdfinfo '" + dir.File("r.pdf") + "'");
  size_t pos = info.find("Pages:");
  ASSERT_NE(pos, std::string::npos) << info;
  EXPECT_GE(std::stoi(info.substr(pos + 6)), 1) << info;
  std::string text = Shell("pdftotext -enc UTF-8 '" + dir.File("r.pdf") + "' -");
  EXPECT_NE(text.find("A市 12345 热线周报 2026-W49"), std::string::npos) << text;
  EXPECT_NE(text.find("受理概况"), std::string::npos) << text;
  EXPECT_NE(text.find("环境保护"), std::string::npos) << text;  // a chart's label
  EXPECT_NE(text.find("丽发新城"), std::string::npos) << text;   // the hot-topic table
  std::string fonts = Shell("pdffonts '" + dir.File("r.pdf") + "'");
  // Chromium embeds the glyphs it drew as (unnamed) Type 3 fonts with a Unicode map.
  EXPECT_NE(fonts.find(" yes "), std::string::npos) << "no embedded font:\n" << fonts;
}

TEST(PrintToPdf, MissingBrowserOrFileIsNotFound) {
  testutil::TempDir dir;
  EXPECT_EQ(PrintToPdf("/nonexistent/chromium", dir.File("x.html"), dir.File("x.pdf")).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(PrintToPdf("/bin/sh", dir.File("missing.html"), dir.File("x.pdf")).code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace lianxin::cli
