// Every workflow transition, legal and illegal, through the HTTP API with the
// real roles of the demo province (issue 4, part A). For each of the twelve
// statuses a ticket is brought there over HTTP; then every action is tried by
// the role that may perform it, with a valid body. The table below says which
// (status, action) pairs are legal and where they lead; every other pair must
// be refused with 409 and a message naming the status and the action, and
// change nothing. Unit actions on a ticket that is not (or no longer) the
// unit's are 404 by design (the ticket's existence is not revealed).
#include <set>

#include "integration/http_fixture.h"

namespace lianxin::testing_http {
namespace {

constexpr char kLead[] = "XD.A.A3/zjj";    // zhujian_a3's unit
constexpr char kAssist[] = "XD.A.A3/cg";   // cg_a3's unit
constexpr char kOther[] = "XD.A.A3/jy";    // a third unit of A3区 (see data/demo/units.csv)

// Who performs an action, and with what body (valid for the action).
struct Call {
  const char* user;
  json body;
};

// The actions, each by the role that may perform it.
std::map<std::string, Call> Calls(int64_t parent_id, TimeMs now) {
  return {
      {"resolve_at_intake", {"huawu", {{"content", "已当场解答"}}}},
      {"dispatch", {"paidan", {{"unit_code", kAssist}, {"reason", "城管负责"}}}},
      {"redispatch", {"paidan", {{"unit_code", kAssist}, {"reason", "改派城管"}}}},
      {"accept", {"zhujian_a3", json::object()}},
      {"contact", {"zhujian_a3", {{"content", "已电话联系群众"}}}},
      {"reply", {"zhujian_a3", {{"content", "已安排维修"}}}},
      {"resolve", {"zhujian_a3", {{"content", "已修复"}}}},
      {"return_request", {"zhujian_a3", {{"reason", "职能不符"}, {"content", "路灯归城管"}}}},
      {"return_approve", {"paidan", {{"unit_code", kAssist}}}},
      {"return_reject", {"paidan", {{"reason", "属于住建职责"}}}},
      {"extension_request",
       {"zhujian_a3", {{"reason", "需采购配件"}, {"due_at", FormatIsoCst(now + 10 * kDayMs)}}}},
      {"extension_approve", {"duban", {{"reason", "同意"}}}},
      {"extension_refuse", {"duban", {{"reason", "不同意"}}}},
      {"assist_reply", {"cg_a3", {{"content", "城管已配合"}}}},
      {"revisit", {"duban", {{"resolved", true}, {"satisfaction", "satisfied"}}}},
      {"reopen", {"duban", {{"reason", "群众反映未修好"}}}},
      {"merge", {"paidan", {{"parent_id", parent_id}}}},
      {"reminder", {"duban", {{"reason", "请抓紧办理"}}}},
      {"escalation", {"duban", {{"reason", "请说明进展"}}}},
      {"archive", {"duban", json::object()}},
      {"note", {"paidan", {{"content", "备注"}}}},
  };
}

// The legal pairs: action → {status it is legal in → status it leads to}.
// Everything not listed is illegal. ("=" = the status does not change.)
const std::map<std::string, std::map<std::string, std::string>> kLegal = {
    {"resolve_at_intake", {{"received", "resolved_at_intake"}}},
    {"dispatch", {{"received", "dispatched"}, {"dispatched", "dispatched"}, {"reopened", "dispatched"}}},
    {"redispatch",
     {{"dispatched", "dispatched"}, {"accepted", "dispatched"}, {"in_progress", "dispatched"}}},
    {"accept", {{"dispatched", "accepted"}}},
    {"contact", {{"accepted", "in_progress"}, {"in_progress", "="}, {"extension_requested", "="}}},
    {"reply", {{"accepted", "in_progress"}, {"in_progress", "in_progress"}}},
    {"resolve", {{"in_progress", "resolved"}}},
    {"return_request",
     {{"dispatched", "return_requested"},
      {"accepted", "return_requested"},
      {"in_progress", "return_requested"}}},
    {"return_approve", {{"return_requested", "dispatched"}}},
    {"return_reject", {{"return_requested", "dispatched"}}},  // back where it came from
    {"extension_request", {{"accepted", "extension_requested"}, {"in_progress", "extension_requested"}}},
    {"extension_approve", {{"extension_requested", "accepted"}}},
    {"extension_refuse", {{"extension_requested", "accepted"}}},
    {"assist_reply",
     {{"dispatched", "="}, {"accepted", "="}, {"in_progress", "="}, {"return_requested", "="},
      {"extension_requested", "="}}},
    {"revisit", {{"resolved", "revisited"}}},
    // 重办 sends the ticket back to its unit (dispatched); a 直办 ticket has no
    // unit and waits for a dispatcher (reopened).
    {"reopen", {{"resolved_at_intake", "reopened"}, {"resolved", "dispatched"}, {"revisited", "dispatched"}}},
    {"merge",
     {{"received", "merged"}, {"dispatched", "merged"}, {"accepted", "merged"},
      {"in_progress", "merged"}, {"reopened", "merged"}}},
    {"reminder",
     {{"received", "="}, {"dispatched", "="}, {"accepted", "="}, {"in_progress", "="},
      {"return_requested", "="}, {"extension_requested", "="}, {"reopened", "="}}},
    {"escalation",
     {{"received", "="}, {"dispatched", "="}, {"accepted", "="}, {"in_progress", "="},
      {"return_requested", "="}, {"extension_requested", "="}, {"reopened", "="}}},
    {"archive",
     {{"resolved_at_intake", "archived"}, {"resolved", "archived"}, {"revisited", "archived"},
      {"merged", "archived"}}},
    {"note",
     {{"received", "="}, {"resolved_at_intake", "="}, {"dispatched", "="}, {"accepted", "="},
      {"in_progress", "="}, {"return_requested", "="}, {"extension_requested", "="},
      {"resolved", "="}, {"revisited", "="}, {"reopened", "="}, {"merged", "="}, {"archived", "="}}},
};

// Statuses in which the ticket is not with the lead unit (owned by the hotline
// centre: never dispatched, or sent to the dispatchers' queue) and has no
// assisting unit: unit actions there are 404.
const std::set<std::string> kNotTheUnits = {"received", "resolved_at_intake", "reopened", "merged"};
const std::set<std::string> kUnitActions = {"accept", "contact", "reply", "resolve",
                                            "return_request", "extension_request", "assist_reply"};

const char* const kStatuses[] = {"received", "resolved_at_intake", "dispatched", "accepted",
                                 "in_progress", "return_requested", "extension_requested",
                                 "resolved", "revisited", "reopened", "merged", "archived"};

class WorkflowHttp : public HttpFixture {
 protected:
  static void SetUpTestSuite() {
    HttpFixture::SetUpTestSuite();
    parent_ = NewTicket("并单的主工单");
  }

  // POSTs `action` on `id` as `call` and returns the response.
  httplib::Result Do(int64_t id, const std::string& action, const Call& call) {
    return Post(TicketPath(id) + "/" + action, call.body.dump(), call.user);
  }
  void Must(int64_t id, const std::string& action, json body, const std::string& user) {
    auto r = Post(TicketPath(id) + "/" + action, body.dump(), user);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << action << ": " << r->body;
  }

  // A fresh ticket brought to `status` over HTTP (lead kLead, assisting kAssist
  // once dispatched).
  int64_t Reach(const std::string& status) {
    int64_t id = NewTicket();
    auto dispatch = [&] {
      Must(id, "dispatch", {{"unit_code", kLead}, {"assist_units", json::array({kAssist})}}, "paidan");
    };
    auto resolve = [&] {
      dispatch();
      Must(id, "accept", json::object(), "zhujian_a3");
      Must(id, "reply", {{"content", "已安排维修"}}, "zhujian_a3");
      Must(id, "resolve", json::object(), "zhujian_a3");
    };
    if (status == "received") {
    } else if (status == "resolved_at_intake") {
      Must(id, "resolve_at_intake", {{"content", "已解答"}}, "huawu");
    } else if (status == "dispatched") {
      dispatch();
    } else if (status == "accepted") {
      dispatch();
      Must(id, "accept", json::object(), "zhujian_a3");
    } else if (status == "in_progress") {
      dispatch();
      Must(id, "accept", json::object(), "zhujian_a3");
      Must(id, "contact", {{"content", "已联系"}}, "zhujian_a3");
    } else if (status == "return_requested") {
      dispatch();
      Must(id, "return_request", {{"reason", "属地不符"}, {"content", "不在本区"}}, "zhujian_a3");
    } else if (status == "extension_requested") {
      dispatch();
      Must(id, "accept", json::object(), "zhujian_a3");
      Must(id, "extension_request",
           {{"reason", "需协调"}, {"due_at", FormatIsoCst(clock_->Now() + 9 * kDayMs)}}, "zhujian_a3");
    } else if (status == "resolved") {
      resolve();
    } else if (status == "revisited") {
      resolve();
      Must(id, "revisit", {{"resolved", true}, {"satisfaction", "basically_satisfied"}}, "huawu");
    } else if (status == "reopened") {  // misrouted: waits in the dispatchers' queue
      resolve();
      Must(id, "reopen", {{"reason", "派错单位"}, {"misrouted", true}}, "duban");
    } else if (status == "merged") {
      Must(id, "merge", {{"parent_id", parent_}}, "paidan");
    } else if (status == "archived") {
      resolve();
      Must(id, "revisit", {{"resolved", true}, {"satisfaction", "satisfied"}}, "duban");
      Must(id, "archive", json::object(), "duban");
    }
    json t = Fetch(id);
    EXPECT_EQ(t["status"], status) << "could not reach " << status;
    return id;
  }

  static inline int64_t parent_ = 0;
};

TEST_F(WorkflowHttp, EveryStatusTimesEveryAction) {
  int legal = 0, illegal = 0, hidden = 0;
  for (const std::string status : kStatuses) {
    SCOPED_TRACE("status " + status);
    int64_t id = Reach(status);
    if (HasFatalFailure()) return;
    const json before = Fetch(id);
    const auto calls = Calls(parent_, clock_->Now());
    // Illegal ones first, all on the same ticket: none may change it.
    for (const auto& [action, call] : calls) {
      const auto& legal_in = kLegal.at(action);
      if (legal_in.count(status)) continue;
      SCOPED_TRACE("illegal " + action);
      auto r = Do(id, action, call);
      ASSERT_TRUE(r);
      std::string status_label = before["status_label"];
      if (kUnitActions.count(action) && kNotTheUnits.count(status)) {
        EXPECT_EQ(r->status, 404) << r->body;
        ++hidden;
        continue;
      }
      EXPECT_EQ(r->status, 409) << r->body;
      json err = json::parse(r->body)["error"];
      EXPECT_EQ(err["code"], "failed_precondition");
      std::string message = err["message"];
      EXPECT_NE(message.find("「" + status_label + "」"), std::string::npos) << message;
      auto type = ParseEventType(action);
      ASSERT_TRUE(type.has_value());
      EXPECT_NE(message.find("「" + std::string(LabelZh(*type)) + "」"), std::string::npos) << message;
      ++illegal;
    }
    json after = Fetch(id);
    EXPECT_EQ(after["version"], before["version"]) << "an illegal action changed the ticket";
    EXPECT_EQ(after["status"], before["status"]);
    // Each legal one on a fresh ticket in that status.
    for (const auto& [action, call] : calls) {
      auto it = kLegal.at(action).find(status);
      if (it == kLegal.at(action).end()) continue;
      SCOPED_TRACE("legal " + action);
      int64_t fresh = Reach(status);
      auto r = Do(fresh, action, Calls(parent_, clock_->Now()).at(action));
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << r->body;
      std::string expected = it->second == "=" ? status : it->second;
      EXPECT_EQ(json::parse(r->body)["status"], expected);
      // The action is in the log with its actor (a reopen is followed by the
      // system's 派单 back to the unit).
      auto events = json::parse(Get(TicketPath(fresh) + "/events", "duban")->body)["items"];
      bool found = false;
      for (const json& e : events) found = found || (e["type"] == action && e["actor"] == call.user);
      EXPECT_TRUE(found) << events.dump();
      ++legal;
    }
  }
  // The table's size, so a shrinking table is noticed: 12 statuses x 21 actions.
  EXPECT_EQ(legal + illegal + hidden, 12 * 21);
  EXPECT_EQ(legal, 67);
}

TEST_F(WorkflowHttp, WrongRoleIs403AndBadFieldsAre400) {
  int64_t id = Reach("dispatched");
  struct Case {
    const char* action;
    const char* user;
    json body;
    int code;
  };
  const Case cases[] = {
      {"dispatch", "zhujian_a3", {{"unit_code", kAssist}}, 403},
      {"accept", "paidan", json::object(), 403},
      {"accept", "cg_a3", json::object(), 403},  // assisting, not the lead
      {"archive", "huawu", json::object(), 403},
      {"reminder", "fenxi", {{"reason", "x"}}, 403},
      {"extension_approve", "paidan", {{"reason", "x"}}, 403},
      {"return_request", "zhujian_a3", {{"reason", "不想办"}, {"content", "x"}}, 400},
      {"return_request", "zhujian_a3", {{"reason", "职能不符"}}, 400},  // no evidence
      {"redispatch", "paidan", {{"unit_code", kOther}}, 400},  // no reason
      {"redispatch", "paidan", {{"unit_code", "XD.NOPE/x"}, {"reason", "x"}}, 400},
      {"dispatch", "paidan", {{"unit_code", kAssist}, {"due_at", "tomorrow"}}, 400},
      {"escalation", "duban", json::object(), 400},  // no reason
      {"note", "paidan", {{"content", "x"}, {"misrouted", true}}, 400},
      {"note", "paidan", {{"owner", "me"}}, 400},  // unknown field
  };
  json before = Fetch(id);
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.action) + " by " + c.user);
    auto r = Post(TicketPath(id) + "/" + c.action, c.body.dump(), c.user);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.code) << r->body;
    EXPECT_FALSE(json::parse(r->body)["error"]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(Fetch(id)["version"], before["version"]);
  EXPECT_EQ(Post(TicketPath(id) + "/fly", "{}", "paidan")->status, 404);
}

TEST_F(WorkflowHttp, ReopenedTicketsReachTheRightPeople) {
  // Back to the unit: it shows in the unit's list with a fresh deadline.
  int64_t back = Reach("revisited");
  Advance(kDayMs);
  auto r = Post(TicketPath(back) + "/reopen", json{{"reason", "又坏了"}}.dump(), "duban");
  ASSERT_EQ(r->status, 200) << r->body;
  json t = json::parse(r->body);
  EXPECT_EQ(t["status"], "dispatched");
  EXPECT_EQ(t["owner_unit"], kLead);
  EXPECT_EQ(t["dispatched_at"], FormatIsoCst(clock_->Now()));
  auto mine = Get("/api/tickets?status=dispatched&limit=500", "zhujian_a3");
  ASSERT_EQ(mine->status, 200);
  bool listed = false;
  const json mine_page = json::parse(mine->body);  // kept: the loop reads into it
  for (const json& item : mine_page["items"]) listed = listed || item["id"] == back;
  EXPECT_TRUE(listed);

  // Misrouted: to the dispatchers' queue, out of the unit's sight.
  int64_t wrong = Reach("reopened");
  auto queue = Get("/api/dispatch/queue?limit=500", "paidan");
  ASSERT_EQ(queue->status, 200);
  bool queued = false;
  const json queue_page = json::parse(queue->body);
  for (const json& item : queue_page["items"]) queued = queued || item["id"] == wrong;
  EXPECT_TRUE(queued);
  EXPECT_EQ(Get(TicketPath(wrong), "zhujian_a3")->status, 404);
  auto listed_reopened = Get("/api/supervision/reopened?limit=500", "paidan");
  ASSERT_EQ(listed_reopened->status, 200) << listed_reopened->body;
  EXPECT_GE(json::parse(listed_reopened->body)["total"].get<int>(), 1);
}

TEST_F(WorkflowHttp, UnitHandlersListLeadAndAssistedTickets) {
  int64_t id = Reach("dispatched");  // lead zjj, assisted by cg
  auto has = [&](const std::string& query, const std::string& user) {
    auto r = Get("/api/tickets?limit=500" + query, user);
    EXPECT_EQ(r->status, 200) << r->body;
    const json page = json::parse(r->body);
    for (const json& item : page["items"]) {
      if (item["id"] == id) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("", "cg_a3"));
  EXPECT_TRUE(has("&involvement=assist", "cg_a3"));
  EXPECT_FALSE(has("&involvement=lead", "cg_a3"));
  EXPECT_TRUE(has("&involvement=lead", "zhujian_a3"));
  EXPECT_FALSE(has("&involvement=assist", "zhujian_a3"));
  // Staff filter by unit and involvement.
  EXPECT_TRUE(has(std::string("&unit=") + kAssist + "&involvement=assist", "duban"));
  EXPECT_FALSE(has(std::string("&unit=") + kAssist, "duban"));  // unit alone = the lead
  EXPECT_EQ(Get("/api/tickets?involvement=both", "duban")->status, 400);
}

}  // namespace
}  // namespace lianxin::testing_http
