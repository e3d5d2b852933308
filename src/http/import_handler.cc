// /api/import/tickets: the administrators' bulk import of historical tickets
// (issue 8) from a CSV or XLSX file sent as the request body, with a dry run
// that reports every rejected row and why (service/bulk_import.h).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"
#include "service/bulk_import.h"

namespace lianxin::http {

// ?format=csv|xlsx (default csv) &dry_run=true|false (default true: nothing is
// stored unless asked) -> {dry_run, rows, accepted, inserted, existing, rejected: [{line, number, reason}]}
void PostImportTickets(Service& svc, const Request& req, Response& res) {
  const std::string format = req.Query("format", "csv");
  if (format != "csv" && format != "xlsx") {
    return WriteError(res, Status::InvalidArgument("format 应为 csv 或 xlsx"));
  }
  const std::string dry = req.Query("dry_run", "true");
  if (dry != "true" && dry != "false") {
    return WriteError(res, Status::InvalidArgument("dry_run 应为 true 或 false"));
  }
  auto report = format == "xlsx" ? service::ImportTicketsXlsx(svc, req.actor, req.body, dry == "true")
                                 : service::ImportTicketsCsv(svc, req.actor, req.body, dry == "true");
  if (!report.ok()) return WriteError(res, report.status());
  Json rejected = Json::array();
  for (const service::RejectedRow& r : report->rejected) {
    rejected.push_back({{"line", r.line}, {"number", r.number}, {"reason", r.reason}});
  }
  res.body = Dump({{"dry_run", report->dry_run},
                   {"rows", report->rows},
                   {"accepted", report->accepted},
                   {"inserted", report->inserted},
                   {"existing", report->existing},
                   {"rejected", rejected}});
}

}  // namespace lianxin::http
