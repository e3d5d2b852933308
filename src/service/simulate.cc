#include "service/simulate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "core/utf8.h"
#include "insight/evaluation.h"
#include "workflow/lifecycle.h"
#include "workflow/sla.h"

namespace lianxin::service {
namespace {

// splitmix64: small, fast, and good enough for a simulation.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
  size_t Below(size_t n) { return static_cast<size_t>(Uniform() * static_cast<double>(n)); }
  bool Chance(double p) { return Uniform() < p; }
  // Exponential with the given mean.
  double Exp(double mean) { return -mean * std::log(1.0 - Uniform()); }
  // Index drawn from cumulative weights.
  size_t Pick(const std::vector<double>& cumulative) {
    double x = Uniform() * cumulative.back();
    return std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin();
  }

 private:
  uint64_t s_;
};

std::vector<double> Cumulative(const std::vector<double>& w) {
  std::vector<double> c(w.size());
  double sum = 0;
  for (size_t i = 0; i < w.size(); ++i) c[i] = (sum += w[i]);
  return c;
}

// Month (Jan..Dec): winter heating, the Spring Festival lull, summer heat and water.
constexpr double kMonthWeight[12] = {1.05, 0.75, 0.95, 0.95, 1.0, 1.05,
                                     1.25, 1.25, 1.0,  0.9,  0.95, 1.05};
// Monday..Sunday.
constexpr double kWeekdayWeight[7] = {1.15, 1.1, 1.05, 1.05, 1.0, 0.8, 0.75};
// Hour of day (CST): busy mornings and afternoons, quiet nights.
const std::vector<double> kHourWeight = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.0, 2.0, 1.7,
                                         1.2, 1.4, 1.8, 1.8, 1.6, 1.3, 1.0, 0.9, 0.8, 0.7, 0.5, 0.3};

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};

// The province as the simulator sees it: places, categories, who handles what.
class World {
 public:
  World(const Directory& dir, const std::vector<SampleText>& texts, Rng& rng) : dir_(dir) {
    std::vector<double> w;
    for (const Region& r : dir.regions) {
      if (r.level != RegionLevel::kDistrict) continue;
      places_.push_back(&r);
      // The capital's districts are busier.
      w.push_back(r.code.rfind("XD.A.", 0) == 0 ? 3.0 : 1.0);
    }
    place_cum_ = Cumulative(w);
    std::map<std::string, std::string> l1_by_name;
    for (const Category& c : dir.categories) {
      if (c.level == 1) l1_by_name[c.name] = c.code;
    }
    std::map<std::string, std::vector<std::string>> leaves;
    for (const Category& c : dir.categories) {
      if (c.level == 3) leaves[c.code.substr(0, c.code.find('.'))].push_back(c.code);
    }
    for (const SampleText& t : texts) {
      auto l1 = l1_by_name.find(t.category_name);
      const std::vector<std::string>* pool = nullptr;
      if (l1 != l1_by_name.end() && leaves.count(l1->second)) pool = &leaves[l1->second];
      text_leaves_.push_back(pool ? *pool : std::vector<std::string>{});
    }
    for (const DutyRule& r : dir.duty_rules) rules_.emplace(r.category_code, &r);
    for (const Unit& u : dir.units) {
      // Unit quality: most units decent, a tail of slow ones.
      double q = 0.35 + 0.65 * std::pow(rng.Uniform(), 0.6);
      quality_.emplace(u.code, q);
    }
  }

  const Region& Place(Rng& rng) const { return *places_[rng.Pick(place_cum_)]; }
  std::string Leaf(size_t text, Rng& rng) const {
    const auto& pool = text_leaves_[text];
    return pool.empty() ? "" : pool[rng.Below(pool.size())];
  }
  double Quality(const std::string& unit) const {
    auto it = quality_.find(unit);
    return it == quality_.end() ? 0.6 : it->second;
  }

  // The responsible unit by the duty catalog, else the nearest government (属地兜底).
  const std::string& Owner(const std::string& region, const std::string& category) {
    std::string key = region + "|" + category;
    auto hit = owner_cache_.find(key);
    if (hit != owner_cache_.end()) return hit->second;
    std::string owner;
    for (std::string c = category; !c.empty() && owner.empty();) {
      auto rule = rules_.find(c);
      if (rule != rules_.end()) {
        std::string at = Ancestor(region, rule->second->region_level);
        if (!at.empty() && dir_.FindUnit(at + "/" + rule->second->unit_type)) {
          owner = at + "/" + rule->second->unit_type;
        }
      }
      size_t dot = c.rfind('.');
      c = dot == std::string::npos ? "" : c.substr(0, dot);
    }
    if (owner.empty()) owner = Government(region, "");
    return owner_cache_.emplace(key, owner).first->second;
  }

  // The nearest government of `region` other than `not_this`.
  std::string Government(const std::string& region, const std::string& not_this) const {
    for (const Region* r = dir_.FindRegion(region); r; r = dir_.FindRegion(r->parent)) {
      std::string gov = r->code + "/gov";
      if (gov != not_this && dir_.FindUnit(gov)) return gov;
      if (r->parent.empty()) break;
    }
    return "";
  }

 private:
  std::string Ancestor(const std::string& region, RegionLevel level) const {
    for (const Region* r = dir_.FindRegion(region); r; r = dir_.FindRegion(r->parent)) {
      if (r->level == level) return r->code;
      if (r->parent.empty()) break;
    }
    return "";
  }

  const Directory& dir_;
  std::vector<const Region*> places_;
  std::vector<double> place_cum_;
  std::vector<std::vector<std::string>> text_leaves_;
  std::multimap<std::string, const DutyRule*> rules_;
  std::unordered_map<std::string, double> quality_;
  std::unordered_map<std::string, std::string> owner_cache_;
};

// Builds one ticket's history by applying actions through the lifecycle.
class Life {
 public:
  Life(Ticket t, TimeMs stop) : t_(std::move(t)), stop_(stop) {}

  // Applies an action at `at` unless the year is over; false once cut off.
  bool Do(EventType type, TimeMs at, const std::string& actor, const std::string& role,
          const std::function<void(TicketEvent&)>& fill = {}) {
    if (cut_ || at >= stop_) {
      cut_ = true;
      return false;
    }
    workflow::Action a;
    a.event.type = type;
    a.event.actor = actor;
    a.event.actor_role = role;
    a.event.at = at;
    a.event.is_public = workflow::ShownToCitizen(type);
    if (fill) fill(a.event);
    auto next = workflow::Apply(t_, a);
    if (!next.ok()) {
      error_ = next.status();
      cut_ = true;
      return false;
    }
    t_ = std::move(next).value();
    events_.push_back(a.event);
    return true;
  }
  bool cut() const { return cut_; }
  const Status& error() const { return error_; }
  Ticket& ticket() { return t_; }
  std::vector<TicketEvent>& events() { return events_; }

 private:
  Ticket t_;
  TimeMs stop_;
  bool cut_ = false;
  Status error_;
  std::vector<TicketEvent> events_;
};

}  // namespace

Result<SimulationReport> SimulateYear(Service& service, const std::vector<SampleText>& texts,
                                      const SimulationOptions& opt,
                                      const std::function<void(int64_t, int64_t)>& progress) {
  auto dir = service.directory();
  if (dir->regions.empty() || dir->units.empty() || dir->categories.empty()) {
    return Status::FailedPrecondition("请先导入省份的属地、承办单位和分类（lianxin init --demo）");
  }
  if (texts.empty()) return Status::FailedPrecondition("没有可供抽样的留言文本");
  if (opt.tickets < 1 || opt.tickets > 50'000'000) {
    return Status::InvalidArgument("工单数应在 1 到 50,000,000 之间");
  }
  if (opt.year < 2000 || opt.year > 2100) return Status::InvalidArgument("年份应在 2000 到 2100 之间");
  Rng rng(opt.seed);
  World world(*dir, texts, rng);
  const TimeMs year_start = insight::DayStart(opt.year * 10000 + 101);
  const TimeMs year_end = insight::DayStart((opt.year + 1) * 10000 + 101);
  const int days = static_cast<int>((year_end - year_start) / kDayMs);

  // Tickets per day: month × weekday weights, rounded so the total is exact.
  std::vector<double> weight(days);
  double total_weight = 0;
  for (int d = 0; d < days; ++d) {
    TimeMs at = year_start + d * kDayMs;
    int64_t ymd = insight::DayOf(at);
    int weekday = static_cast<int>(((at + 8 * kHourMs) / kDayMs + 3) % 7);  // 1970-01-01: Thu
    weight[d] = kMonthWeight[(ymd / 100) % 100 - 1] * kWeekdayWeight[weekday];
    total_weight += weight[d];
  }
  std::vector<int64_t> per_day(days);
  int64_t assigned = 0;
  double carry = 0;
  for (int d = 0; d < days; ++d) {
    double exact = opt.tickets * weight[d] / total_weight + carry;
    per_day[d] = static_cast<int64_t>(exact);
    carry = exact - per_day[d];
    assigned += per_day[d];
  }
  per_day[days - 1] += opt.tickets - assigned;
  std::vector<double> hour_cum = Cumulative(kHourWeight);
  const std::vector<double> kind_cum = Cumulative({15, 25, 35, 10, 10, 5});  // TicketKind order
  const std::vector<double> channel_cum = Cumulative({70, 12, 8, 6, 4});

  SimulationReport report;
  std::vector<store::TicketWithEvents> batch;
  batch.reserve(opt.batch);
  const std::string hotline = service.HotlineCentre();
  for (int d = 0; d < days; ++d) {
    std::vector<TimeMs> times(per_day[d]);
    TimeMs day_start = year_start + d * kDayMs;
    for (TimeMs& t : times) {
      t = day_start + static_cast<TimeMs>(rng.Pick(hour_cum)) * kHourMs +
          static_cast<TimeMs>(rng.Uniform() * kHourMs);
    }
    std::sort(times.begin(), times.end());
    std::string day_text = std::to_string(insight::DayOf(day_start));
    for (size_t i = 0; i < times.size(); ++i) {
      const TimeMs created = times[i];
      size_t text = rng.Below(texts.size());
      Ticket t;
      char seq[16];
      std::snprintf(seq, sizeof seq, "%06zu", i + 1);
      t.number = opt.number_prefix + "-" + day_text + "-" + seq;
      t.query_code = "";
      t.kind = static_cast<TicketKind>(rng.Pick(kind_cum));
      double u = rng.Uniform();
      t.urgency = u < 0.01 ? Urgency::kCritical : u < 0.07 ? Urgency::kUrgent : Urgency::kNormal;
      t.channel = static_cast<Channel>(rng.Pick(channel_cum));
      t.title = Utf8Prefix(texts[text].title, 60);
      t.body = Utf8Prefix(texts[text].body.empty() ? texts[text].title : texts[text].body,
                   opt.max_body_chars);
      t.citizen_name = std::string(kSurnames[rng.Below(10)]) + (rng.Chance(0.5) ? "先生" : "女士");
      t.citizen_phone = "13" + std::to_string(100000000 + rng.Below(900000000));
      const Region& place = world.Place(rng);
      t.region_code = place.code;
      t.address = place.name;
      t.category_code = world.Leaf(text, rng);
      t.created_at = t.updated_at = created;
      t.status = TicketStatus::kReceived;
      t.version = 1;
      TicketEvent received;
      received.type = EventType::kReceived;
      received.actor = t.channel == Channel::kPhone ? "huawu" : "citizen";
      received.actor_role = t.channel == Channel::kPhone ? "call_taker" : "";
      received.at = created;
      Life life(t, year_end);
      life.events().push_back(received);

      if (t.kind == TicketKind::kConsultation && rng.Chance(0.6)) {
        // 直办: answered by the call-taker from the knowledge base.
        TimeMs at = created + static_cast<TimeMs>(rng.Exp(8.0)) * 60'000 + 60'000;
        life.Do(EventType::kResolveAtIntake, at, "huawu", "call_taker",
                [](TicketEvent& e) { e.content = "已根据知识库答复市民"; });
        life.Do(EventType::kArchive, at + kDayMs, "system", "admin");
      } else {
        std::string owner = world.Owner(t.region_code, t.category_code);
        if (owner.empty()) owner = hotline;
        bool by_agent = rng.Chance(0.85);
        TimeMs at = created + (by_agent ? 5'000 : static_cast<TimeMs>(rng.Exp(20.0) * 60'000));
        auto dispatch_to = [&](EventType type, const std::string& unit, TimeMs when,
                               const std::string& reason) {
          Ticket probe = life.ticket();
          return life.Do(type, when, by_agent ? "dispatch-agent" : "paidan", "dispatcher",
                         [&](TicketEvent& e) {
                           e.unit_code = unit;
                           e.reason = reason;
                           e.due_at = workflow::DefaultDeadline(probe, when);
                         });
        };
        dispatch_to(EventType::kDispatch, owner, at, "");
        ++report.dispatched;
        TimeMs span = life.ticket().due_at - at;  // the deadline's length
        double q = world.Quality(owner);
        if (rng.Chance(0.008)) {
          at += kHourMs;
          life.Do(EventType::kNote, at, "duban", "supervisor", [](TicketEvent& e) {
            e.reason = "无理诉求";
            e.content = "经审核为无理诉求，不纳入考核";
          });
        }
        // 退单 or 改派: the first unit was the wrong one.
        if (rng.Chance(0.03 + 0.06 * (1 - q))) {
          at += static_cast<TimeMs>(rng.Exp(span * 0.05)) + 10 * 60'000;
          life.Do(EventType::kReturnRequest, at, "handler", "unit_handler", [&](TicketEvent& e) {
            e.reason = workflow::kReturnReasons[rng.Below(3)];
            e.content = "经核实，该诉求不属于本单位职责范围";
            e.unit_code = owner;
          });
          ++report.returned;
          at += static_cast<TimeMs>(rng.Exp(2.0 * kHourMs)) + 60'000;
          std::string other = world.Government(t.region_code, owner);
          if (rng.Chance(0.8) && !other.empty()) {
            dispatch_to(EventType::kReturnApprove, other, at, "");
            owner = other;
            q = world.Quality(owner);
          } else {
            life.Do(EventType::kReturnReject, at, "paidan", "dispatcher",
                    [](TicketEvent& e) { e.reason = "经核实属于你单位职责，请继续办理"; });
          }
        } else if (rng.Chance(0.02)) {
          at += static_cast<TimeMs>(rng.Exp(3.0 * kHourMs)) + 60'000;
          std::string other = world.Government(t.region_code, owner);
          if (!other.empty() && dispatch_to(EventType::kRedispatch, other, at, "派单纠错")) {
            owner = other;
            q = world.Quality(owner);
            ++report.redispatched;
          }
        }
        span = life.ticket().due_at - at;
        if (span <= 0) span = kHourMs;
        // The unit signs, contacts, maybe asks for more time, replies, resolves.
        at += static_cast<TimeMs>(rng.Exp(span * (0.02 + 0.10 * (1 - q)))) + 60'000;
        life.Do(EventType::kAccept, at, "handler", "unit_handler",
                [&](TicketEvent& e) { e.unit_code = owner; });
        at += static_cast<TimeMs>(rng.Exp(span * (0.04 + 0.30 * (1 - q)))) + 60'000;
        life.Do(EventType::kContact, at, "handler", "unit_handler", [&](TicketEvent& e) {
          e.unit_code = owner;
          e.content = "已电话联系市民，了解诉求详情";
        });
        TimeMs work = static_cast<TimeMs>(rng.Exp(span * (0.15 + 0.55 * (1 - q))));
        if (rng.Chance(0.03 + 0.05 * (1 - q)) && at + 60'000 < life.ticket().due_at) {
          TimeMs asked = life.ticket().due_at + std::max<TimeMs>(span, kDayMs);
          at += 60'000;
          life.Do(EventType::kExtensionRequest, at, "handler", "unit_handler",
                  [&](TicketEvent& e) {
                    e.unit_code = owner;
                    e.reason = "情况复杂，需协调多个部门";
                    e.due_at = asked;
                  });
          at += static_cast<TimeMs>(rng.Exp(3.0 * kHourMs)) + 60'000;
          if (rng.Chance(0.85)) {
            if (life.Do(EventType::kExtensionApprove, at, "duban", "supervisor",
                        [&](TicketEvent& e) { e.due_at = asked; })) {
              ++report.extended;
              work += span / 2;
            }
          } else {
            life.Do(EventType::kExtensionRefuse, at, "duban", "supervisor",
                    [](TicketEvent& e) { e.reason = "理由不充分，请按期办结"; });
          }
        }
        TimeMs reply_at = at + work + 60'000;
        TimeMs due = life.ticket().due_at;
        TimeMs dispatched = life.ticket().dispatched_at;
        TimeMs remind_at = dispatched + (due - dispatched) * 8 / 10;
        if (reply_at > remind_at && remind_at > at) {
          life.Do(EventType::kReminder, remind_at, "system", "admin",
                  [](TicketEvent& e) { e.reason = "办理时限已过 80%"; });
        }
        if (reply_at > due && due > at) {
          life.Do(EventType::kEscalation, due, "system", "admin",
                  [](TicketEvent& e) { e.reason = "超期未办结"; });
        }
        auto handle = [&](TimeMs when) {
          // Good units answer the matter and give reasons; weak ones send boilerplate.
          double style = rng.Uniform();
          std::string content =
              style < q * 0.6
                  ? "关于您反映的“" + life.ticket().title +
                        "”问题，经调查核实，已安排专人现场处理。根据《西地省12345政务服务便民热线"
                        "管理办法》规定，现答复如下：问题已整改到位，如有疑问请联系承办人。"
              : style < q ? "关于您反映的“" + life.ticket().title + "”问题，已转相关科室处理。"
                          : std::string("您好，您的诉求已收悉，我单位将按相关要求办理。");
          life.Do(EventType::kReply, when, "handler", "unit_handler", [&](TicketEvent& e) {
            e.unit_code = owner;
            e.content = content;
          });
          life.Do(EventType::kResolve, when + static_cast<TimeMs>(rng.Exp(30 * 60'000.0)),
                  "handler", "unit_handler", [&](TicketEvent& e) { e.unit_code = owner; });
        };
        handle(reply_at);
        at = life.ticket().resolved_at;
        // 回访, and 重办 when the citizen is not satisfied.
        auto revisit = [&](double p_resolved) {
          at += static_cast<TimeMs>(rng.Exp(kDayMs)) + kHourMs;
          bool resolved = rng.Chance(p_resolved);
          double s = rng.Uniform();
          Satisfaction sat = resolved ? (s < 0.55 + 0.35 * q   ? Satisfaction::kSatisfied
                                         : s < 0.96            ? Satisfaction::kBasicallySatisfied
                                                               : Satisfaction::kUnsatisfied)
                                      : (s < 0.25 ? Satisfaction::kBasicallySatisfied
                                                  : Satisfaction::kUnsatisfied);
          if (life.Do(EventType::kRevisit, at, "huawu", "call_taker", [&](TicketEvent& e) {
                e.resolved = resolved;
                e.satisfaction = sat;
              })) {
            ++report.revisited;
          }
          return life.ticket().status == TicketStatus::kReopened;
        };
        if (!life.cut() && rng.Chance(0.8)) {
          bool reopened = revisit(0.55 + 0.4 * q);
          if (reopened && !life.cut()) {
            ++report.reopened;
            at += static_cast<TimeMs>(rng.Exp(2.0 * kHourMs)) + 60'000;
            if (dispatch_to(EventType::kDispatch, owner, at, "")) {
              span = life.ticket().due_at - at;
              at += static_cast<TimeMs>(rng.Exp(span * 0.05)) + 60'000;
              life.Do(EventType::kAccept, at, "handler", "unit_handler",
                      [&](TicketEvent& e) { e.unit_code = owner; });
              at += static_cast<TimeMs>(rng.Exp(span * 0.1)) + 60'000;
              life.Do(EventType::kContact, at, "handler", "unit_handler", [&](TicketEvent& e) {
                e.unit_code = owner;
                e.content = "重办：再次联系市民";
              });
              handle(at + static_cast<TimeMs>(rng.Exp(span * 0.3)) + 60'000);
              at = life.ticket().resolved_at;
              if (!life.cut()) revisit(0.8);
            }
          }
        }
        if (!life.cut() && life.ticket().status != TicketStatus::kReopened) {
          life.Do(EventType::kArchive, at + static_cast<TimeMs>(rng.Exp(2.0 * kDayMs)) + kHourMs,
                  "system", "admin");
        }
      }
      if (!life.error().ok()) {
        return Status::Internal("simulation produced an illegal history for " + t.number + ": " +
                                life.error().message());
      }
      if (!workflow::IsClosed(life.ticket().status)) ++report.open_at_year_end;
      // The scheduler's next 催办/督办, as the service stores it with every write.
      life.ticket().next_alarm_at = workflow::NextAlarmAt(life.ticket());
      store::TicketWithEvents item;
      item.ticket = std::move(life.ticket());
      item.events = std::move(life.events());
      report.events += static_cast<int64_t>(item.events.size());
      batch.push_back(std::move(item));
      ++report.tickets;
      if (batch.size() >= opt.batch) {
        LX_RETURN_IF_ERROR(service.store().ImportTickets(batch).status());
        batch.clear();
        if (progress) progress(report.tickets, opt.tickets);
      }
    }
  }
  if (!batch.empty()) LX_RETURN_IF_ERROR(service.store().ImportTickets(batch).status());
  if (progress) progress(report.tickets, opt.tickets);
  return report;
}

}  // namespace lianxin::service
