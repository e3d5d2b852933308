#include "dispatch/classifier_cli.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dispatch/classifier.h"

namespace lianxin::dispatch {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kUsage =
    "usage: lianxin dispatch <command> [flags]\n"
    "  train   --data FILE.jsonl --out MODEL         train on FILE, write MODEL\n"
    "  eval    --model MODEL --data FILE.jsonl       score MODEL on labelled FILE\n"
    "  cv      --data FILE.jsonl [--folds 5]         stratified k-fold cross-validation\n"
    "  predict --model MODEL [--title T] [--body B]  classify one message\n"
    "  speed   --data FILE.jsonl [--model MODEL]     single-thread msgs/s (+ training s)\n"
    "  options                                       every hyperparameter and its default\n"
    "flags: --json  --set key=value (repeatable)  --peer-text  --dict DIR\n"
    "       --char-segmenter  --label-field NAME  --rounds N (speed)\n";

// The few flags of the commands: "--name value", "--name=value", boolean flags.
struct Flags {
  std::map<std::string, std::string> values;
  std::vector<std::string> sets;  // --set key=value, in order
  bool Has(const std::string& name) const { return values.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
};

Result<Flags> ParseFlags(const std::vector<std::string>& args) {
  static const std::vector<std::string> kBool = {"json", "peer-text", "char-segmenter", "help"};
  static const std::vector<std::string> kValued = {"data",  "out",   "model", "folds",
                                                   "title", "body",  "set",   "dict",
                                                   "label-field", "rounds"};
  Flags flags;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "-h") a = "--help";
    if (a.rfind("--", 0) != 0) return Status::InvalidArgument("unexpected argument '" + a + "'");
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (std::find(kBool.begin(), kBool.end(), name) != kBool.end()) {
      flags.values[name] = has_value ? value : "true";
      continue;
    }
    if (std::find(kValued.begin(), kValued.end(), name) == kValued.end()) {
      return Status::InvalidArgument("unknown flag --" + name);
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return Status::InvalidArgument("--" + name + " needs a value");
      value = args[++i];
    }
    if (name == "set") {
      flags.sets.push_back(value);
    } else {
      flags.values[name] = value;
    }
  }
  return flags;
}

Result<ClassifierOptions> OptionsFrom(const Flags& flags) {
  ClassifierOptions options;
  for (const std::string& kv : flags.sets) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos) return Status::InvalidArgument("--set expects key=value, got '" + kv + "'");
    LX_RETURN_IF_ERROR(SetOption(options, kv.substr(0, eq), kv.substr(eq + 1)));
  }
  LX_RETURN_IF_ERROR(Validate(options));
  return options;
}

Result<std::shared_ptr<const text::Segmenter>> SegmenterFrom(const Flags& flags) {
  if (flags.Has("char-segmenter")) return std::shared_ptr<const text::Segmenter>(text::NewCharSegmenter());
  text::SegmenterOptions options;
  options.dict_dir = flags.Get("dict");
  LX_ASSIGN_OR_RETURN(std::unique_ptr<text::Segmenter> segmenter, text::LoadJiebaSegmenter(options));
  return std::shared_ptr<const text::Segmenter>(std::move(segmenter));
}

Result<std::vector<LabeledMessage>> DataFrom(const Flags& flags) {
  if (!flags.Has("data")) return Status::InvalidArgument("--data FILE.jsonl is required");
  ReadOptions options;
  options.segmented_body = !flags.Has("peer-text");
  options.label_field = flags.Get("label-field", "label_l1");
  return ReadLabeledJsonl(flags.Get("data"), options);
}

Result<int> IntFlag(const Flags& flags, const std::string& name, int fallback) {
  if (!flags.Has(name)) return fallback;
  const std::string v = flags.Get(name);
  char* end = nullptr;
  long x = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || x < 1 || x > 1000) {
    return Status::InvalidArgument("--" + name + " expects a positive number, got '" + v + "'");
  }
  return static_cast<int>(x);
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double ThreadCpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double Round(double x, int digits = 4) {
  if (!std::isfinite(x)) return x;
  const double f = std::pow(10.0, digits);
  return std::round(x * f) / f;
}

Json NumberOrNull(double x, int digits = 4) { return std::isfinite(x) ? Json(Round(x, digits)) : Json(); }

const std::vector<double>& Thresholds() {
  static const std::vector<double> t = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};
  return t;
}

// The metrics every command reports for a meter.
Json MeterJson(const Meter& meter) {
  Json j;
  j["n"] = meter.n();
  j["accuracy"] = Round(meter.Accuracy());
  j["macro_f1"] = Round(meter.MacroF1());
  j["labels"] = meter.labels();
  Json per = Json::object();
  for (size_t k = 0; k < meter.labels().size(); ++k) {
    const ClassMetrics m = meter.ForClass(static_cast<int>(k));
    per[meter.labels()[k]] = {{"precision", Round(m.precision)}, {"recall", Round(m.recall)},
                              {"f1", Round(m.f1)}, {"support", m.support}};
  }
  j["per_class"] = per;
  j["confusion"] = meter.confusion();
  Json cov = Json::array();
  for (double t : Thresholds()) {
    const CoveragePoint p = meter.AtThreshold(t);
    cov.push_back({{"threshold", t}, {"coverage", Round(p.coverage)}, {"accuracy", Round(p.accuracy)}});
  }
  j["coverage"] = cov;
  for (double target : {0.97, 0.99}) {
    const CoveragePoint p = meter.AtPrecision(target);
    j[target == 0.97 ? "coverage_at_97" : "coverage_at_99"] = {
        {"coverage", Round(p.coverage)}, {"threshold", NumberOrNull(p.threshold, 6)},
        {"accuracy", Round(p.accuracy)}};
  }
  return j;
}

void PrintMeter(const Meter& meter, std::ostream& out) {
  out << std::fixed << std::setprecision(4);
  out << "n " << meter.n() << "  accuracy " << meter.Accuracy() << "  macro-F1 " << meter.MacroF1() << "\n";
  out << "per class (precision recall f1 support):\n";
  for (size_t k = 0; k < meter.labels().size(); ++k) {
    const ClassMetrics m = meter.ForClass(static_cast<int>(k));
    out << "  " << meter.labels()[k] << "  " << m.precision << " " << m.recall << " " << m.f1 << " "
        << m.support << "\n";
  }
  out << "confusion (row = gold, column = predicted, labels in the order above):\n";
  for (const auto& row : meter.confusion()) {
    out << " ";
    for (int64_t c : row) out << " " << std::setw(5) << c;
    out << "\n";
  }
  out << "coverage at confidence thresholds:";
  for (double t : Thresholds()) {
    const CoveragePoint p = meter.AtThreshold(t);
    out << "  >=" << std::setprecision(2) << t << ": " << std::setprecision(1) << 100 * p.coverage
        << "% @ " << 100 * p.accuracy << "%";
  }
  const CoveragePoint p97 = meter.AtPrecision(0.97);
  out << std::setprecision(1) << "\ncoverage at 97% precision: " << 100 * p97.coverage
      << "% (threshold " << std::setprecision(4) << p97.threshold << ")\n";
}

int Fail(const Status& status, std::ostream& err) {
  err << "lianxin dispatch: " << status.ToString() << "\n";
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

int RunTrain(const Flags& flags, std::ostream& out, std::ostream& err) {
  if (!flags.Has("out")) return Fail(Status::InvalidArgument("--out MODEL is required"), err);
  auto options = OptionsFrom(flags);
  if (!options.ok()) return Fail(options.status(), err);
  auto data = DataFrom(flags);
  if (!data.ok()) return Fail(data.status(), err);
  auto segmenter = SegmenterFrom(flags);
  if (!segmenter.ok()) return Fail(segmenter.status(), err);
  const double start = Now();
  auto classifier = Classifier::Train(*data, *options, *segmenter);
  if (!classifier.ok()) return Fail(classifier.status(), err);
  const double seconds = Now() - start;
  const std::string path = flags.Get("out");
  if (Status s = (*classifier)->Save(path); !s.ok()) return Fail(s, err);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  const LinearModel& model = (*classifier)->model();
  out << "trained on " << data->size() << " messages, " << model.num_classes() << " labels, "
      << model.num_features() << " features in " << std::fixed << std::setprecision(2) << seconds
      << " s; temperature " << std::setprecision(3) << model.temperature()
      << ", auto-dispatch threshold " << std::setprecision(4) << model.auto_threshold() << " (for "
      << std::setprecision(0) << 100 * options->auto_precision << "% precision)\n"
      << "wrote " << path << " (" << (ec ? 0 : bytes) << " bytes)\n";
  return 0;
}

int RunEval(const Flags& flags, std::ostream& out, std::ostream& err) {
  if (!flags.Has("model")) return Fail(Status::InvalidArgument("--model MODEL is required"), err);
  auto data = DataFrom(flags);
  if (!data.ok()) return Fail(data.status(), err);
  auto segmenter = SegmenterFrom(flags);
  if (!segmenter.ok()) return Fail(segmenter.status(), err);
  auto classifier = Classifier::Load(flags.Get("model"), *segmenter);
  if (!classifier.ok()) return Fail(classifier.status(), err);
  const double start = Now(), cpu = ThreadCpu();
  const Meter meter = Evaluate(**classifier, *data);
  const double seconds = Now() - start, cpu_seconds = ThreadCpu() - cpu;
  const CoveragePoint autop = meter.AtThreshold((*classifier)->auto_threshold());
  if (flags.Has("json")) {
    Json j = {{"mode", "eval"}, {"model", flags.Get("model")}, {"data", flags.Get("data")}};
    j.update(MeterJson(meter));
    j["auto_dispatch"] = {{"threshold", NumberOrNull((*classifier)->auto_threshold(), 6)},
                          {"coverage", Round(autop.coverage)}, {"accuracy", Round(autop.accuracy)}};
    j["predict_per_s"] = Round(meter.n() / seconds, 1);
    j["predict_per_s_cpu"] = Round(meter.n() / cpu_seconds, 1);
    out << j.dump() << "\n";
    return 0;
  }
  PrintMeter(meter, out);
  out << "auto-dispatch at the model's threshold " << std::setprecision(4)
      << (*classifier)->auto_threshold() << ": " << std::setprecision(1) << 100 * autop.coverage
      << "% of messages, accuracy " << 100 * autop.accuracy << "%\n"
      << "speed: " << std::setprecision(0) << meter.n() / seconds << " messages/s (one thread)\n";
  return 0;
}

int RunCv(const Flags& flags, std::ostream& out, std::ostream& err) {
  auto options = OptionsFrom(flags);
  if (!options.ok()) return Fail(options.status(), err);
  auto folds = IntFlag(flags, "folds", 5);
  if (!folds.ok()) return Fail(folds.status(), err);
  auto data = DataFrom(flags);
  if (!data.ok()) return Fail(data.status(), err);
  auto segmenter = SegmenterFrom(flags);
  if (!segmenter.ok()) return Fail(segmenter.status(), err);
  const double start = Now();
  auto report = CrossValidate(*data, *options, *segmenter, *folds);
  if (!report.ok()) return Fail(report.status(), err);
  const double seconds = Now() - start;
  const auto& f1 = report->fold_macro_f1;
  const auto& acc = report->fold_accuracy;
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / v.size();
  };
  auto sd = [&](const std::vector<double>& v) {
    double m = mean(v), s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return v.empty() ? 0 : std::sqrt(s / v.size());
  };
  const double auto_cov = static_cast<double>(report->auto_dispatched) / report->pooled.n();
  const double auto_acc =
      report->auto_dispatched ? static_cast<double>(report->auto_correct) / report->auto_dispatched : 1.0;
  if (flags.Has("json")) {
    const Json pooled = MeterJson(report->pooled);
    Json j = {{"mode", "cv"}, {"data", flags.Get("data")}, {"folds", *folds}, {"seed", options->seed},
              {"n", report->pooled.n()}, {"macro_f1", Round(mean(f1))}, {"macro_f1_std", Round(sd(f1))},
              {"accuracy", Round(mean(acc))}, {"accuracy_std", Round(sd(acc))}};
    j["fold_macro_f1"] = Json::array();
    for (double x : f1) j["fold_macro_f1"].push_back(Round(x));
    j["macro_f1_pooled"] = pooled["macro_f1"];
    j["accuracy_pooled"] = pooled["accuracy"];
    for (const char* key : {"labels", "per_class", "confusion", "coverage", "coverage_at_97", "coverage_at_99"}) {
      j[key] = pooled[key];
    }
    j["auto_dispatch"] = {{"coverage", Round(auto_cov)}, {"accuracy", Round(auto_acc)},
                          {"note", "threshold fixed by each fold's training (inner out-of-fold)"}};
    j["train_s_per_fold"] = Round(report->train_seconds_per_fold, 3);
    j["total_s"] = Round(seconds, 2);
    j["text"] = flags.Has("peer-text") ? "peer: title + body; text_segmented only when both are missing"
                                        : "title + body; text_segmented when the body is missing";
    j["options"] = ToString(*options);
    out << j.dump() << "\n";
    return 0;
  }
  out << std::fixed << std::setprecision(4) << *folds << "-fold cross-validation, seed " << options->seed
      << ", " << report->pooled.n() << " messages\n"
      << "macro-F1 " << mean(f1) << " ± " << sd(f1) << " (folds";
  for (double x : f1) out << " " << x;
  out << "), accuracy " << mean(acc) << "\npooled out-of-fold: ";
  PrintMeter(report->pooled, out);
  out << std::setprecision(1) << "auto-dispatch with each fold's training-time threshold: "
      << 100 * auto_cov << "% of messages, accuracy " << 100 * auto_acc << "%\n"
      << std::setprecision(2) << "training " << report->train_seconds_per_fold << " s per fold; total "
      << seconds << " s\n";
  return 0;
}

int RunPredict(const Flags& flags, std::ostream& out, std::ostream& err) {
  if (!flags.Has("model")) return Fail(Status::InvalidArgument("--model MODEL is required"), err);
  auto segmenter = SegmenterFrom(flags);
  if (!segmenter.ok()) return Fail(segmenter.status(), err);
  auto classifier = Classifier::Load(flags.Get("model"), *segmenter);
  if (!classifier.ok()) return Fail(classifier.status(), err);
  const Prediction p = (*classifier)->Predict(flags.Get("title"), flags.Get("body"));
  const bool automatic = p.confidence >= (*classifier)->auto_threshold();
  if (flags.Has("json")) {
    Json probs = Json::object();
    for (size_t k = 0; k < p.probabilities.size(); ++k) {
      probs[(*classifier)->labels()[k]] = Round(p.probabilities[k]);
    }
    out << Json{{"label", p.label}, {"confidence", Round(p.confidence)}, {"auto_dispatch", automatic},
                {"probabilities", probs},
                {"decisive_words", (*classifier)->DecisiveWords(flags.Get("title"), flags.Get("body"),
                                                                p.label_index)}}.dump()
        << "\n";
    return 0;
  }
  out << p.label << " " << std::fixed << std::setprecision(4) << p.confidence
      << (automatic ? " auto" : " review");
  for (const std::string& w : (*classifier)->DecisiveWords(flags.Get("title"), flags.Get("body"), p.label_index)) {
    out << " " << w;
  }
  out << "\n";
  return 0;
}

int RunSpeed(const Flags& flags, std::ostream& out, std::ostream& err) {
  auto options = OptionsFrom(flags);
  if (!options.ok()) return Fail(options.status(), err);
  auto rounds = IntFlag(flags, "rounds", 3);
  if (!rounds.ok()) return Fail(rounds.status(), err);
  auto data = DataFrom(flags);
  if (!data.ok()) return Fail(data.status(), err);
  auto segmenter = SegmenterFrom(flags);
  if (!segmenter.ok()) return Fail(segmenter.status(), err);
  Json j = {{"mode", "speed"}, {"data", flags.Get("data")}, {"n", data->size()}};
  std::unique_ptr<Classifier> classifier;
  if (flags.Has("model")) {
    const double start = Now();
    auto loaded = Classifier::Load(flags.Get("model"), *segmenter);
    if (!loaded.ok()) return Fail(loaded.status(), err);
    j["load_s"] = Round(Now() - start, 4);
    classifier = std::move(*loaded);
  } else {
    const double start = Now(), cpu = ThreadCpu();
    auto trained = Classifier::Train(*data, *options, *segmenter);
    if (!trained.ok()) return Fail(trained.status(), err);
    j["train_s"] = Round(Now() - start, 3);
    j["train_cpu_s"] = Round(ThreadCpu() - cpu, 3);
    classifier = std::move(*trained);
  }
  // One message per call, as a server would: Normalize + segmentation + features
  // + model. Best of `rounds` passes over the file (the machine is shared).
  double best_wall = 1e300, best_cpu = 1e300;
  size_t checksum = 0;
  for (int r = 0; r < *rounds; ++r) {
    const double start = Now(), cpu = ThreadCpu();
    for (const LabeledMessage& m : *data) checksum += (*classifier).Predict(m.title, m.body).label_index;
    best_wall = std::min(best_wall, Now() - start);
    best_cpu = std::min(best_cpu, ThreadCpu() - cpu);
  }
  j["predict_per_s"] = Round(data->size() / best_wall, 1);
  j["predict_per_s_cpu"] = Round(data->size() / best_cpu, 1);
  j["us_per_message"] = Round(1e6 * best_wall / data->size(), 2);
  j["rounds"] = *rounds;
  j["checksum"] = checksum;
  if (flags.Has("json")) {
    out << j.dump() << "\n";
    return 0;
  }
  out << std::fixed << std::setprecision(1);
  if (j.contains("train_s")) {
    out << "training on " << data->size() << " messages: " << j["train_s"].get<double>() << " s\n";
  }
  out << "classification (one thread, one message per call, incl. normalisation and segmentation): "
      << j["predict_per_s"].get<double>() << " messages/s wall, " << j["predict_per_s_cpu"].get<double>()
      << " messages/s CPU\n";
  return 0;
}

}  // namespace

int RunDispatchCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? err : out) << kUsage;
    return args.empty() ? 2 : 0;
  }
  auto flags = ParseFlags(args);
  if (!flags.ok()) {
    err << "lianxin dispatch: " << flags.status().message() << "\n" << kUsage;
    return 2;
  }
  if (flags->Has("help")) {
    out << kUsage;
    return 0;
  }
  try {
    const std::string& command = args[0];
    if (command == "train") return RunTrain(*flags, out, err);
    if (command == "eval") return RunEval(*flags, out, err);
    if (command == "cv") return RunCv(*flags, out, err);
    if (command == "predict") return RunPredict(*flags, out, err);
    if (command == "speed") return RunSpeed(*flags, out, err);
    if (command == "options") {
      auto options = OptionsFrom(*flags);
      if (!options.ok()) return Fail(options.status(), err);
      out << ToString(*options) << "\n";
      return 0;
    }
    err << "lianxin dispatch: unknown command '" << command << "'\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {  // std::bad_alloc, JSON serialisation: never escapes
    err << "lianxin dispatch: internal error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace lianxin::dispatch
