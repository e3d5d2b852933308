// `lianxin export`: every ticket with its events as JSON lines (for migration and
// backups), or as CSV in the columns `lianxin import --csv` reads (issue 8).
// Personal data is masked unless --with-personal-data is given.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/utf8.h"
#include "service/bulk_import.h"

namespace lianxin::cli {

int RunExport(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"}, kStoreFlag,
      {"out", "output file (JSON lines; - for stdout)", false, "-"},
      {"with-personal-data", "keep names and phones in clear (recorded in the access log)", true},
      {"format", "jsonl (every field and event) or csv (the columns of `import --csv`)", false, "jsonl"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin export [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (flags->Get("out") != "-") {
    file.open(flags->Get("out"));
    if (!file) return Fail(Status::Unavailable("cannot write " + flags->Get("out")));
    out = &file;
  }
  bool clear = flags->Bool("with-personal-data");
  const std::string format = flags->Get("format");
  if (format != "jsonl" && format != "csv") return Fail(Status::InvalidArgument("--format is jsonl or csv"));
  if (format == "csv") {
    const auto& cols = service::TicketCsvColumns();
    for (size_t i = 0; i < cols.size(); ++i) *out << (i ? "," : "") << cols[i];
    *out << "\n";
  }
  store::Store& st = *(*app)->store;
  store::TicketFilter f;
  f.limit = 500;
  int64_t count = 0;
  for (f.offset = 0;; f.offset += f.limit) {
    auto page = st.ListTickets(f);
    if (!page.ok()) return Fail(page.status());
    for (const Ticket& t : page->items) {
      auto events = st.ListEvents(t.id);
      if (!events.ok()) return Fail(events.status());
      nlohmann::json ev = nlohmann::json::array();
      for (const TicketEvent& e : *events) {
        ev.push_back({{"type", ToString(e.type)}, {"actor", e.actor}, {"actor_role", e.actor_role},
                      {"at", FormatIsoCst(e.at)}, {"reason", e.reason}, {"unit", e.unit_code},
                      {"content", e.content}, {"public", e.is_public}});
      }
      if (clear && (!t.citizen_name.empty() || !t.citizen_phone.empty())) {
        Status logged = st.LogAccess({(*app)->clock.Now(), "cli", "admin", t.id,
                                      "citizen_name,citizen_phone", "export"});
        if (!logged.ok()) return Fail(logged);
      }
      if (format == "csv") {
        const std::vector<std::string> row = service::TicketCsvRow(t, clear);
        for (size_t i = 0; i < row.size(); ++i) *out << (i ? "," : "") << service::CsvQuote(row[i]);
        *out << "\n";
        ++count;
        continue;
      }
      nlohmann::json j = {
          {"number", t.number}, {"kind", ToString(t.kind)}, {"urgency", ToString(t.urgency)},
          {"channel", ToString(t.channel)}, {"title", t.title}, {"body", t.body},
          {"citizen_name", clear ? t.citizen_name : MaskName(t.citizen_name)},
          {"citizen_phone", clear ? t.citizen_phone : MaskPhone(t.citizen_phone)},
          {"region", t.region_code}, {"address", t.address}, {"category", t.category_code},
          {"owner_unit", t.owner_unit}, {"status", ToString(t.status)}, {"reply", t.reply},
          {"created_at", FormatIsoCst(t.created_at)}, {"events", ev}};
      // The rest of the projection (issue 8: a full export for migration).
      auto time_or_null = [](TimeMs v) { return v ? nlohmann::json(FormatIsoCst(v)) : nlohmann::json(); };
      j["updated_at"] = time_or_null(t.updated_at);
      j["dispatched_at"] = time_or_null(t.dispatched_at);
      j["due_at"] = time_or_null(t.due_at);
      j["resolved_at"] = time_or_null(t.resolved_at);
      j["latitude"] = t.latitude ? nlohmann::json(*t.latitude) : nlohmann::json();
      j["longitude"] = t.longitude ? nlohmann::json(*t.longitude) : nlohmann::json();
      j["assist_units"] = t.assist_units;
      j["satisfaction"] = t.satisfaction ? nlohmann::json(ToString(*t.satisfaction)) : nlohmann::json();
      j["version"] = t.version;
      *out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      ++count;
    }
    if (static_cast<int64_t>(f.offset) + f.limit >= page->total) break;
  }
  std::cerr << "exported " << count << " tickets\n";
  return 0;
}

}  // namespace lianxin::cli
