// `lianxin kb`: the knowledge base's commands. `eval` measures retrieval on a
// JSONL file of requests and their official replies (kb/eval.h).
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "kb/eval.h"

namespace lianxin::cli {

namespace {

const char kKbUsage[] =
    "usage: lianxin kb eval --data FILE.jsonl [--folds 5] [--json]\n"
    "  eval    index every reply of FILE, ask with each title+body, print recall@1,\n"
    "          recall@10, MRR@10 of finding its own reply: ours (parameters chosen by\n"
    "          k-fold cross-validation) beside plain BM25 and TF-IDF cosine\n";

nlohmann::json ToJson(const kb::RetrievalMetrics& m) {
  return {{"recall_at_1", m.recall_at_1}, {"recall_at_10", m.recall_at_10}, {"mrr_at_10", m.mrr_at_10}};
}

int RunKbEval(const Args& args) {
  std::vector<FlagSpec> specs = {{"data", "JSONL with title, body, reply"},
                                 {"folds", "cross-validation folds", false, "5"},
                                 {"json", "print one JSON object", true},
                                 {"dict", "jieba dictionary folder (default: built-in)"}};
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin kb eval --data FILE.jsonl [--folds 5] [--json]", specs);
    return 0;
  }
  if (!flags->Has("data")) return Fail(Status::InvalidArgument("--data is required"));
  kb::EvalOptions options;
  try {
    options.folds = std::stoi(flags->Get("folds"));
  } catch (...) {
    return Fail(Status::InvalidArgument("--folds must be a number"));
  }
  text::SegmenterOptions seg_options;
  seg_options.dict_dir = flags->Get("dict");
  auto segmenter = text::LoadJiebaSegmenter(seg_options);
  if (!segmenter.ok()) return Fail(segmenter.status());
  auto pairs = kb::ReadReplyPairs(flags->Get("data"));
  if (!pairs.ok()) return Fail(pairs.status());
  auto report = kb::EvaluateRetrieval(**segmenter, *pairs, options);
  if (!report.ok()) return Fail(report.status());
  const kb::MethodReport& ours = report->methods.front();
  if (flags->Bool("json")) {
    nlohmann::json j = ToJson(ours.mean);
    j["n"] = report->queries;
    j["folds"] = options.folds;
    j["seconds"] = report->seconds;
    for (const kb::MethodReport& m : report->methods) {
      nlohmann::json folds = nlohmann::json::array();
      for (const auto& f : m.folds) folds.push_back(ToJson(f));
      j["methods"][m.name] = {{"mean", ToJson(m.mean)}, {"sd", ToJson(m.sd)}, {"folds", folds}};
    }
    nlohmann::json chosen = nlohmann::json::array();
    for (const kb::RankParams& p : report->chosen) {
      chosen.push_back({{"lexical", p.lexical == kb::RankParams::Lexical::kBm25 ? "bm25" : "tfidf"},
                        {"title_weight", p.title_weight},
                        {"bigram_weight", p.bigram_weight},
                        {"vector_weight", p.vector_weight}});
    }
    j["methods"]["ours"]["chosen"] = chosen;
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::printf("%zu requests, %zu replies indexed, %d-fold cross-validation (%.1f s)\n",
              report->queries, report->entries, options.folds, report->seconds);
  std::printf("%-14s %-16s %-16s %-16s\n", "method", "recall@1", "recall@10", "MRR@10");
  for (const kb::MethodReport& m : report->methods) {
    std::printf("%-14s %.4f ± %.4f  %.4f ± %.4f  %.4f ± %.4f\n", m.name.c_str(), m.mean.recall_at_1,
                m.sd.recall_at_1, m.mean.recall_at_10, m.sd.recall_at_10, m.mean.mrr_at_10,
                m.sd.mrr_at_10);
  }
  std::printf("ours' parameters per fold (lexical, title, bigram, vector):");
  for (const kb::RankParams& p : report->chosen) {
    std::printf(" (%s, %.1f, %.1f, %.1f)", p.lexical == kb::RankParams::Lexical::kBm25 ? "bm25" : "tfidf",
                p.title_weight, p.bigram_weight, p.vector_weight);
  }
  std::printf("\n");
  return 0;
}

}  // namespace

int RunKb(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kKbUsage;
    return args.empty() ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "eval") return RunKbEval(rest);
  std::cerr << "lianxin kb: unknown command '" << args[0] << "'\n" << kKbUsage;
  return 2;
}

}  // namespace lianxin::cli
