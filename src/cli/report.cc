// `lianxin report`: the weekly or monthly decision report (决策支持) of a region, written
// as the same HTML page GET /api/reports/... serves and, with --pdf, printed to PDF by
// headless Chromium (issue 6).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/pdf.h"
#include "http/report_page.h"

namespace lianxin::cli {

int RunReport(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"},
      {"kind", "weekly or monthly", false, "weekly"},
      {"region", "region code (default: the whole province)"},
      {"period", "2026-W48 (weekly) or 2026-11 (monthly); default: the last complete one"},
      {"html", "write the HTML page here"},
      {"pdf", "print the page to this PDF file (headless Chromium)"},
      {"chromium", "browser to print with (default: $LIANXIN_CHROMIUM or /usr/bin/chromium)"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  const std::string usage =
      "lianxin report --data-dir DIR [--kind weekly|monthly] [--region CODE] [--period P] "
      "[--html out.html] [--pdf out.pdf]";
  if (flags->help()) {
    Flags::PrintHelp(std::cout, usage, specs);
    return 0;
  }
  std::string kind = flags->Get("kind");
  if (kind != "weekly" && kind != "monthly") {
    return Fail(Status::InvalidArgument("--kind must be weekly or monthly"));
  }
  if (flags->Get("html").empty() && flags->Get("pdf").empty()) {
    Flags::PrintHelp(std::cerr, usage, specs);
    return 2;
  }
  auto app = OpenApp(flags->Get("data-dir"));
  if (!app.ok()) return Fail(app.status());
  service::ReportQuery q;
  q.kind = kind == "monthly" ? service::ReportKind::kMonthly : service::ReportKind::kWeekly;
  q.region_code = flags->Get("region");
  q.period = flags->Get("period");
  service::Service& svc = *(*app)->service;
  auto report = svc.Report(service::Actor::System(), q);
  if (!report.ok()) return Fail(report.status());
  std::string html = http::RenderReportHtml(*report, *svc.directory());
  std::string html_path = flags->Get("html");
  std::filesystem::path temp;
  if (html_path.empty()) {
    temp = std::filesystem::temp_directory_path() /
           ("lianxin-report-" + std::to_string(::getpid()) + ".html");
    html_path = temp.string();
  }
  {
    std::ofstream out(html_path, std::ios::binary);
    out << html;
    if (!out) return Fail(Status::Unavailable("cannot write " + html_path));
  }
  Status st = Status::Ok();
  if (!flags->Get("pdf").empty()) {
    std::string chromium = flags->Has("chromium") ? flags->Get("chromium") : DefaultChromium();
    st = PrintToPdf(chromium, html_path, flags->Get("pdf"));
  }
  if (!temp.empty()) std::filesystem::remove(temp);
  if (!st.ok()) return Fail(st);
  std::cout << "report " << report->period << " (" << report->region_name << "): " << report->total
            << " tickets";
  if (!flags->Get("html").empty()) std::cout << ", html " << flags->Get("html");
  if (!flags->Get("pdf").empty()) std::cout << ", pdf " << flags->Get("pdf");
  std::cout << "\n";
  return 0;
}

}  // namespace lianxin::cli
