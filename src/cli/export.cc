// `lianxin export`: every ticket with its events as JSON lines (for migration and
// backups). Personal data is masked unless --with-personal-data is given.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/utf8.h"

namespace lianxin::cli {

int RunExport(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"},
      {"out", "output file (JSON lines; - for stdout)", false, "-"},
      {"with-personal-data", "keep names and phones in clear (recorded in the access log)", true},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin export [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"));
  if (!app.ok()) return Fail(app.status());
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (flags->Get("out") != "-") {
    file.open(flags->Get("out"));
    if (!file) return Fail(Status::Unavailable("cannot write " + flags->Get("out")));
    out = &file;
  }
  bool clear = flags->Bool("with-personal-data");
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
      nlohmann::json j = {
          {"number", t.number}, {"kind", ToString(t.kind)}, {"urgency", ToString(t.urgency)},
          {"channel", ToString(t.channel)}, {"title", t.title}, {"body", t.body},
          {"citizen_name", clear ? t.citizen_name : MaskName(t.citizen_name)},
          {"citizen_phone", clear ? t.citizen_phone : MaskPhone(t.citizen_phone)},
          {"region", t.region_code}, {"address", t.address}, {"category", t.category_code},
          {"owner_unit", t.owner_unit}, {"status", ToString(t.status)}, {"reply", t.reply},
          {"created_at", FormatIsoCst(t.created_at)}, {"events", ev}};
      *out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      ++count;
    }
    if (static_cast<int64_t>(f.offset) + f.limit >= page->total) break;
  }
  std::cerr << "exported " << count << " tickets\n";
  return 0;
}

}  // namespace lianxin::cli
