// `lianxin kb`: the knowledge base's commands. `eval` measures retrieval on a
// JSONL file of requests and their official replies (kb/eval.h).
#include <cstdio>
#include <filesystem>
#include <map>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/csv.h"
#include "kb/answerer.h"
#include "kb/entries.h"
#include "kb/eval.h"
#include "kb/searcher.h"

namespace lianxin::cli {

namespace {

const char kKbUsage[] =
    "usage: lianxin kb import --data-dir DIR --file FILE.csv|FILE.jsonl [--publish]\n"
    "       lianxin kb search --data-dir DIR --q TEXT [--region CODE] [--date YYYY-MM-DD] [--limit 10]\n"
    "       lianxin kb ask --data-dir DIR --q TEXT [--region CODE]\n"
    "       lianxin kb eval --data FILE.jsonl [--folds 5] [--json]\n"
    "  import  add every entry of FILE (CSV with a header, or JSONL; see kb/entries.h) as a\n"
    "          new entry, as drafts unless --publish; all or nothing\n"
    "  search  search the published entries of DIR as the AI seat does\n"
    "  ask     the AI seat's answer (cited sentences) or its hand-off reasons\n"
    "  eval    index every reply of FILE, ask with each title+body, print recall@1,\n"
    "          recall@10, MRR@10 of finding its own reply: ours (parameters and the number\n"
    "          of query terms kept chosen by k-fold cross-validation) beside plain BM25 and\n"
    "          TF-IDF cosine\n";

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
                        {"char_weight", p.char_weight},
                        {"vector_weight", p.vector_weight},
                        {"max_terms", p.max_terms}});
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
  std::printf("ours' parameters per fold (lexical, title, bigram, char, vector, query terms kept):");
  for (const kb::RankParams& p : report->chosen) {
    std::printf(" (%s, %.1f, %.1f, %.1f, %.1f, %s)",
                p.lexical == kb::RankParams::Lexical::kBm25 ? "bm25" : "tfidf", p.title_weight,
                p.bigram_weight, p.char_weight, p.vector_weight,
                p.max_terms == 0 ? "all" : std::to_string(p.max_terms).c_str());
  }
  std::printf("\nours' MRR@10 on the training folds by query terms kept (all, then each K):");
  for (const auto& fold : report->max_terms_trials) {
    std::printf(" (");
    for (size_t i = 0; i < fold.size(); ++i) {
      std::printf("%s%zu: %.4f", i ? ", " : "", fold[i].first, fold[i].second);
    }
    std::printf(")");
  }
  std::printf("\n");
  return 0;
}

int RunKbImport(const Args& args) {
  std::vector<FlagSpec> specs = {{"data-dir", "data folder"}, kStoreFlag,
                                 {"file", "CSV (header line) or JSONL file of entries"},
                                 {"publish", "publish the entries at once (default: drafts)", true},
                                 {"editor", "user recorded as the editor", false, "import"}};
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin kb import --data-dir DIR --file FILE [--publish]", specs);
    return 0;
  }
  std::string file = flags->Get("file");
  if (file.empty()) return Fail(Status::InvalidArgument("--file is required"));
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  Result<std::vector<KbEntry>> entries = Status::Internal("unread");
  auto text = ReadTextFile(file);
  if (!text.ok()) return Fail(text.status());
  bool jsonl = file.size() >= 6 && file.compare(file.size() - 6, 6, ".jsonl") == 0;
  entries = jsonl ? kb::ParseEntriesJsonl(*text, file) : kb::ParseEntriesCsv(*text, file);
  if (!entries.ok()) return Fail(entries.status());
  TimeMs now = (*app)->clock.Now();
  for (KbEntry& e : *entries) {
    e.status = flags->Bool("publish") ? KbEntryStatus::kPublished : KbEntryStatus::kDraft;
    e.editor = flags->Get("editor");
    e.edited_at = now;
  }
  auto n = (*app)->store->ImportKbEntries(*entries);
  if (!n.ok()) return Fail(n.status());
  std::cout << "imported " << *n << " entries from " << file << "\n";
  return 0;
}

int RunKbAsk(const Args& args) {
  std::vector<FlagSpec> specs = {{"data-dir", "data folder"}, kStoreFlag,
                                 {"q", "the citizen's question"},
                                 {"region", "the asker's region code"}};
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin kb ask --data-dir DIR --q TEXT [--region CODE]", specs);
    return 0;
  }
  if (flags->Get("q").empty()) return Fail(Status::InvalidArgument("--q is required"));
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  auto entries = (*app)->store->ListKbEntries(true);
  if (!entries.ok()) return Fail(entries.status());
  auto segmenter = text::LoadJiebaSegmenter({});
  if (!segmenter.ok()) return Fail(segmenter.status());
  auto searcher = kb::Searcher::Build(**segmenter, *entries);
  if (!searcher.ok()) return Fail(searcher.status());
  kb::Query q;
  q.title = flags->Get("q");
  q.region = flags->Get("region");
  q.date = FormatIsoCst((*app)->clock.Now()).substr(0, 10);
  kb::Answer a = kb::Compose(**searcher, q);
  std::printf("confidence %.2f\n", a.confidence);
  if (a.answered) {
    for (const kb::AnswerSentence& s : a.sentences) {
      std::printf("%s [#%lld v%d]\n", s.text.c_str(), static_cast<long long>(s.citation.entry_id),
                  s.citation.version);
    }
    return 0;
  }
  std::printf("需要人工处理:\n");
  for (kb::HandoffReason r : a.reasons) {
    std::printf("  %s: %s\n", std::string(kb::ToString(r)).c_str(), std::string(kb::Describe(r)).c_str());
  }
  return 0;
}

int RunKbSearch(const Args& args) {
  std::vector<FlagSpec> specs = {{"data-dir", "data folder"}, kStoreFlag,
                                 {"q", "the question"},
                                 {"region", "the asker's region code"},
                                 {"date", "only entries valid on this day (YYYY-MM-DD)"},
                                 {"limit", "hits to print", false, "10"}};
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin kb search --data-dir DIR --q TEXT", specs);
    return 0;
  }
  if (flags->Get("q").empty()) return Fail(Status::InvalidArgument("--q is required"));
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  auto entries = (*app)->store->ListKbEntries(true);
  if (!entries.ok()) return Fail(entries.status());
  auto segmenter = text::LoadJiebaSegmenter({});
  if (!segmenter.ok()) return Fail(segmenter.status());
  auto searcher = kb::Searcher::Build(**segmenter, *entries);
  if (!searcher.ok()) return Fail(searcher.status());
  kb::Query q;
  q.title = flags->Get("q");
  q.region = flags->Get("region");
  q.date = flags->Has("date") ? flags->Get("date") : FormatIsoCst((*app)->clock.Now()).substr(0, 10);
  try {
    q.limit = std::stoul(flags->Get("limit"));
  } catch (...) {
    return Fail(Status::InvalidArgument("--limit must be a number"));
  }
  for (const kb::Hit& h : (*searcher)->Search(q)) {
    std::string marked;
    size_t at = 0;
    for (const auto& [b, e] : h.highlights) {
      marked += h.snippet.substr(at, b - at) + "【" + h.snippet.substr(b, e - b) + "】";
      at = e;
    }
    marked += h.snippet.substr(at);
    std::printf("#%lld v%d  score %.3f  coverage %.2f  %s\n    %s\n", static_cast<long long>(h.entry_id),
                h.version, h.score, h.coverage, h.owner_unit.c_str(), marked.c_str());
  }
  return 0;
}

// The unit whose name the reply mentions last (the signature), by scanning for
// unit-name endings; "" when none is named.
std::string ReplyAuthor(const std::string& reply, const std::map<std::string, std::string>& unit_by_name) {
  std::string found;
  size_t found_at = 0;
  for (const char* suffix : {"局", "委员会", "中心", "政府", "办事处", "厅", "支队", "大队"}) {
    std::string sfx = suffix;
    for (size_t pos = reply.find(sfx); pos != std::string::npos; pos = reply.find(sfx, pos + 1)) {
      size_t end = pos + sfx.size();
      for (size_t len = sfx.size() + 3; len <= 60 && len <= end; ++len) {
        size_t begin = end - len;
        if ((static_cast<unsigned char>(reply[begin]) & 0xC0) == 0x80) continue;
        auto it = unit_by_name.find(reply.substr(begin, len));
        if (it != unit_by_name.end() && end >= found_at) {
          found = it->second;
          found_at = end;
        }
      }
    }
  }
  return found;
}

}  // namespace

Status LoadDemoKnowledgeBase(App& app, bool with_history) {
  TimeMs now = app.clock.Now();
  std::vector<KbEntry> entries;
  std::string csv = ProjectHome() + "/data/kb/common.csv";
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(csv));
  LX_ASSIGN_OR_RETURN(entries, kb::ParseEntriesCsv(text, csv));
  size_t hand_written = entries.size();
  std::string replies = SharedTeddyDir() + "/messages_with_replies.jsonl";
  if (with_history && std::filesystem::exists(replies)) {
    LX_ASSIGN_OR_RETURN(std::vector<kb::ReplyPair> pairs, kb::ReadReplyPairs(replies));
    LX_ASSIGN_OR_RETURN(std::vector<Unit> units, app.store->ListUnits());
    std::map<std::string, std::string> unit_by_name;
    for (const Unit& u : units) unit_by_name[u.name] = u.code;
    for (const kb::ReplyPair& p : pairs) {
      KbEntry e;
      e.questions = {p.title.empty() ? p.body.substr(0, p.body.find("\n")) : p.title};
      e.answer = p.reply;
      e.owner_unit = ReplyAuthor(p.reply, unit_by_name);
      if (e.owner_unit.empty()) e.owner_unit = "XD/rx";
      e.source = "问政西地省 官方答复";
      e.tags = {"历史答复"};
      if (!kb::ValidateEntry(e).ok()) continue;  // over-long or empty titles are left out
      entries.push_back(std::move(e));
    }
  }
  for (KbEntry& e : entries) {
    e.status = KbEntryStatus::kPublished;
    e.editor = "demo";
    e.edited_at = now;
  }
  LX_ASSIGN_OR_RETURN(int64_t n, app.store->ImportKbEntries(entries));
  std::cerr << "loaded " << n << " knowledge-base entries (" << hand_written << " hand-written)\n";
  return Status::Ok();
}

int RunKb(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kKbUsage;
    return args.empty() ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "eval") return RunKbEval(rest);
  if (args[0] == "import") return RunKbImport(rest);
  if (args[0] == "search") return RunKbSearch(rest);
  if (args[0] == "ask") return RunKbAsk(rest);
  std::cerr << "lianxin kb: unknown command '" << args[0] << "'\n" << kKbUsage;
  return 2;
}

}  // namespace lianxin::cli
