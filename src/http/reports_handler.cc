// /api/reports/{weekly|monthly}: the decision report (决策支持) of a region as an HTML
// page drawn on the server (issue 6; http/report_page.h).
#include "http/handlers.h"
#include "http/report_page.h"

namespace lianxin::http {

void GetReport(Service& svc, const Request& req, Response& res) {
  service::ReportQuery q;
  q.kind = !req.params.empty() && req.params[0] == "monthly" ? service::ReportKind::kMonthly
                                                              : service::ReportKind::kWeekly;
  q.region_code = req.Query("region");
  q.period = req.Query("period");
  auto report = svc.Report(req.actor, q);
  if (!report.ok()) return WriteError(res, report.status());
  res.content_type = "text/html; charset=utf-8";
  res.body = RenderReportHtml(*report, *svc.directory());
}

}  // namespace lianxin::http
