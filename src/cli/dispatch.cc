// `lianxin dispatch`: the classifier's own commands (train, eval, cv, predict,
// speed, options; dispatch/classifier_cli.h) plus `retrain`, which learns from
// the dispatchers' corrections in a data folder.
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "dispatch/classifier.h"
#include "dispatch/classifier_cli.h"

namespace lianxin::cli {

namespace fs = std::filesystem;

Result<std::shared_ptr<const dispatch::Classifier>> LoadOrTrainModel(const std::string& path,
                                                                     bool train_if_missing) {
  LX_ASSIGN_OR_RETURN(std::shared_ptr<const text::Segmenter> segmenter, SharedSegmenter());
  if (fs::exists(path)) {
    LX_ASSIGN_OR_RETURN(auto clf, dispatch::Classifier::Load(path, segmenter));
    return std::shared_ptr<const dispatch::Classifier>(std::move(clf));
  }
  if (!train_if_missing) return Status::NotFound("no model at " + path);
  std::string data = SharedTeddyDir() + "/messages_labeled.jsonl";
  if (!fs::exists(data)) return Status::NotFound("no model at " + path + " and no " + data);
  std::cerr << "training the dispatch model on " << data << " (once)...\n";
  LX_ASSIGN_OR_RETURN(auto messages, dispatch::ReadLabeledJsonl(data, {}));
  LX_ASSIGN_OR_RETURN(auto clf, dispatch::Classifier::Train(messages, {}, segmenter));
  LX_RETURN_IF_ERROR(clf->Save(path));
  std::cerr << "saved the dispatch model to " << path << "\n";
  return std::shared_ptr<const dispatch::Classifier>(std::move(clf));
}

namespace {

// The labelled examples people made: tickets whose category a dispatcher set
// or confirmed when dispatching, as (title, body, level-1 name).
Result<std::vector<dispatch::LabeledMessage>> Corrections(App& app) {
  auto dir = app.service->directory();
  std::map<std::string, std::string> l1_name;
  for (const Category& c : dir->categories) {
    if (c.level == 1) l1_name[c.code] = c.name;
  }
  std::vector<dispatch::LabeledMessage> out;
  store::TicketFilter f;
  f.limit = 500;
  for (f.offset = 0;; f.offset += f.limit) {
    LX_ASSIGN_OR_RETURN(store::TicketPage page, app.store->ListTickets(f));
    for (const Ticket& t : page.items) {
      if (t.channel == Channel::kImport) continue;
      LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, app.store->ListEvents(t.id));
      std::string category;
      for (const TicketEvent& e : events) {
        if (!e.category_code.empty() && e.actor != "dispatch-agent") category = e.category_code;
      }
      if (category.empty()) continue;
      auto name = l1_name.find(category.substr(0, category.find('.')));
      if (name == l1_name.end()) continue;
      dispatch::LabeledMessage m;
      m.title = t.title;
      m.body = t.body;
      m.label = name->second;
      out.push_back(std::move(m));
    }
    if (f.offset + f.limit >= page.total) break;
  }
  return out;
}

int RunRetrain(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder whose corrections to learn from", false, "data"}, kStoreFlag,
      {"base", "labelled JSONL to train on besides the corrections (default: the shared teddy2020 file)"},
      {"model", "model file to replace (default: <data-dir>/dispatch.model)"},
      {"folds", "cross-validation folds for the comparison", false, "5"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin dispatch retrain [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  std::string base = flags->Has("base") ? flags->Get("base") : SharedTeddyDir() + "/messages_labeled.jsonl";
  std::string model = flags->Has("model") ? flags->Get("model") : flags->Get("data-dir") + "/dispatch.model";
  auto messages = dispatch::ReadLabeledJsonl(base, {});
  if (!messages.ok()) return Fail(messages.status());
  auto corrections = Corrections(**app);
  if (!corrections.ok()) return Fail(corrections.status());
  std::cout << "base examples: " << messages->size() << ", corrections: " << corrections->size() << "\n";
  std::vector<dispatch::LabeledMessage> all = *messages;
  all.insert(all.end(), corrections->begin(), corrections->end());
  auto seg = SharedSegmenter();
  if (!seg.ok()) return Fail(seg.status());
  std::shared_ptr<const text::Segmenter> segmenter = *seg;
  int folds = std::atoi(flags->Get("folds").c_str());
  // The same cross-validation for the current recipe on the base data and the
  // new one with corrections: the new model is swapped in only if it is at
  // least as good.
  auto before = dispatch::CrossValidate(*messages, {}, segmenter, folds);
  if (!before.ok()) return Fail(before.status());
  auto after = dispatch::CrossValidate(all, {}, segmenter, folds);
  if (!after.ok()) return Fail(after.status());
  auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
  };
  double f_before = mean(before->fold_macro_f1), f_after = mean(after->fold_macro_f1);
  std::cout << "cross-validated macro-F1: current " << f_before << ", with corrections " << f_after
            << "\n";
  if (f_after + 1e-9 < f_before) {
    std::cout << "kept the current model (the retrained one evaluates worse)\n";
    return 0;
  }
  auto clf = dispatch::Classifier::Train(all, {}, segmenter);
  if (!clf.ok()) return Fail(clf.status());
  Status st = (*clf)->Save(model);
  if (!st.ok()) return Fail(st);
  auto stats = (*app)->service->AgentStats(service::Actor::System(), 0);
  if (stats.ok() && stats->auto_dispatched > 0) {
    std::cout << "dispatch accuracy so far (1 - re-dispatch rate): " << stats->accuracy << " over "
              << stats->auto_dispatched << " automatic dispatches\n";
  }
  std::cout << "saved " << model << " (a running server swaps it in within a minute)\n";
  return 0;
}

}  // namespace

int RunDispatch(const Args& args) {
  if (!args.empty() && args[0] == "retrain") return RunRetrain(Args(args.begin() + 1, args.end()));
  return dispatch::RunDispatchCli(args, std::cout, std::cerr);
}

}  // namespace lianxin::cli
