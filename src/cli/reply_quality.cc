// `lianxin reply-quality`: scores official replies (the teddy2020 附件4 format)
// and reports agreement with weak third-party labels.
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/csv.h"
#include "insight/reply_quality.h"

namespace lianxin::cli {
namespace {

struct Labels {
  std::map<std::string, bool> interpretability_a;  // interpretability_syucryingstar
  std::map<std::string, bool> completeness_b;      // completeness_rollbear
  std::map<std::string, bool> interpretability_b;  // interpretability_rollbear
};

Result<Labels> ReadLabels(const std::string& path) {
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(text, path));
  if (rows.empty()) return Status::InvalidArgument(path + ": empty");
  std::map<std::string, int> col;
  for (size_t i = 0; i < rows[0].fields.size(); ++i) col[rows[0].fields[i]] = static_cast<int>(i);
  for (const char* need : {"id", "interpretability_syucryingstar"}) {
    if (!col.count(need)) return Status::InvalidArgument(path + ": no column " + need);
  }
  Labels out;
  auto take = [&](const CsvRow& row, const char* name, std::map<std::string, bool>& into) {
    auto it = col.find(name);
    if (it == col.end() || it->second >= static_cast<int>(row.fields.size())) return;
    const std::string& v = row.fields[it->second];
    if (v == "0" || v == "1") into[row.fields[col["id"]]] = v == "1";
  };
  for (size_t i = 1; i < rows.size(); ++i) {
    take(rows[i], "interpretability_syucryingstar", out.interpretability_a);
    take(rows[i], "completeness_rollbear", out.completeness_b);
    take(rows[i], "interpretability_rollbear", out.interpretability_b);
  }
  return out;
}

nlohmann::json AgreementJson(const insight::Agreement& a) {
  return {{"n", a.n},         {"both_yes", a.both_yes}, {"ours_only", a.ours_only},
          {"label_only", a.label_only}, {"both_no", a.both_no},   {"accuracy", a.accuracy},
          {"kappa", a.kappa}};
}

void PrintAgreement(const std::string& what, const insight::Agreement& a) {
  std::printf("%-58s n=%4d  acc %.3f  kappa %+.3f  (both yes %d, ours only %d, label only %d, both no %d)\n",
              what.c_str(), a.n, a.accuracy, a.kappa, a.both_yes, a.ours_only, a.label_only,
              a.both_no);
}

}  // namespace

int RunReplyQuality(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data", "JSONL of requests with replies (teddy2020 messages_with_replies.jsonl)"},
      {"annotations", "CSV of weak labels (reply_annotations_thirdparty.csv) to report agreement with"},
      {"deadline-days", "reply time limit in days for timeliness", false, "15"},
      {"completeness-threshold", "a reply counts as complete from this completeness", false, "0.5"},
      {"json", "print JSON instead of text", true},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin reply-quality --data FILE [--annotations FILE] [--json]",
                     specs);
    return 0;
  }
  std::string data = flags->Has("data") ? flags->Get("data")
                                        : SharedTeddyDir() + "/messages_with_replies.jsonl";
  double deadline_days = 15, threshold = 0.5;
  try {
    deadline_days = std::stod(flags->Get("deadline-days"));
    threshold = std::stod(flags->Get("completeness-threshold"));
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument("--deadline-days and --completeness-threshold take numbers"));
  }
  auto messages = ReadTeddyFile(data);
  if (!messages.ok()) return Fail(messages.status());
  auto segmenter = text::NewCharSegmenter();  // the same scorer as the rollups
  insight::ReplyScorer scorer(*segmenter, static_cast<TimeMs>(deadline_days * kDayMs));

  std::map<std::string, insight::ReplyQuality> scores;
  double sum[5] = {0, 0, 0, 0, 0};
  int scored = 0, policy = 0, reasons = 0;
  for (const service::HistoricalMessage& m : *messages) {
    if (m.reply.empty()) continue;
    insight::ReplyQuality q =
        scorer.Score({m.title, m.body, m.reply, m.time, m.reply_time ? m.reply_time : 0, 0});
    scores[m.number] = q;
    sum[0] += q.relevance;
    sum[1] += q.completeness;
    sum[2] += q.timeliness;
    sum[3] += q.explanation;
    sum[4] += q.overall;
    policy += q.cites_policy;
    reasons += q.gives_reasons;
    ++scored;
  }
  if (scored == 0) return Fail(Status::InvalidArgument(data + ": no request has a reply"));

  nlohmann::json out = {{"data", data},
                        {"scored", scored},
                        {"mean", {{"relevance", sum[0] / scored},
                                  {"completeness", sum[1] / scored},
                                  {"timeliness", sum[2] / scored},
                                  {"explanation", sum[3] / scored},
                                  {"overall", sum[4] / scored}}},
                        {"cites_policy", policy},
                        {"gives_reasons", reasons}};
  std::vector<std::pair<std::string, insight::Agreement>> agreements;
  if (flags->Has("annotations")) {
    auto labels = ReadLabels(flags->Get("annotations"));
    if (!labels.ok()) return Fail(labels.status());
    auto compare = [&](const std::map<std::string, bool>& gold, auto verdict) {
      std::vector<bool> ours, theirs;
      for (const auto& [id, label] : gold) {
        auto it = scores.find(id);
        if (it == scores.end()) continue;
        ours.push_back(verdict(it->second));
        theirs.push_back(label);
      }
      return insight::Agree(ours, theirs);
    };
    auto explains = [](const insight::ReplyQuality& q) { return q.explanation >= 0.6; };
    auto cites = [](const insight::ReplyQuality& q) { return q.cites_policy; };
    auto complete = [&](const insight::ReplyQuality& q) { return q.completeness >= threshold; };
    agreements = {
        {"explanation (policy or reasons) vs interpretability_syucryingstar",
         compare(labels->interpretability_a, explains)},
        {"explanation (policy only) vs interpretability_syucryingstar",
         compare(labels->interpretability_a, cites)},
        {"explanation (policy or reasons) vs interpretability_rollbear",
         compare(labels->interpretability_b, explains)},
        {"completeness >= threshold vs completeness_rollbear",
         compare(labels->completeness_b, complete)},
    };
    // The two annotators against each other, where both labelled: a ceiling.
    std::vector<bool> a, b;
    for (const auto& [id, label] : labels->interpretability_b) {
      auto it = labels->interpretability_a.find(id);
      if (it == labels->interpretability_a.end()) continue;
      a.push_back(it->second);
      b.push_back(label);
    }
    agreements.push_back({"annotators: syucryingstar vs rollbear (interpretability)", insight::Agree(a, b)});
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& [what, ag] : agreements) {
      nlohmann::json j = AgreementJson(ag);
      j["what"] = what;
      arr.push_back(std::move(j));
    }
    out["agreement"] = arr;
  }
  if (flags->Bool("json")) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("scored %d replies from %s\n", scored, data.c_str());
  std::printf("mean relevance %.3f  completeness %.3f  timeliness %.3f  explanation %.3f  overall %.3f\n",
              sum[0] / scored, sum[1] / scored, sum[2] / scored, sum[3] / scored, sum[4] / scored);
  std::printf("cite a policy: %d (%.1f%%); give reasons: %d (%.1f%%)\n", policy,
              100.0 * policy / scored, reasons, 100.0 * reasons / scored);
  for (const auto& [what, ag] : agreements) PrintAgreement(what, ag);
  return 0;
}

}  // namespace lianxin::cli
