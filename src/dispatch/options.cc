#include "dispatch/options.h"

#include <charconv>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace lianxin::dispatch {

namespace {

// One row per field: its name, how to print it and how to parse it.
struct Field {
  const char* name;
  std::function<std::string(const ClassifierOptions&)> get;
  std::function<bool(ClassifierOptions&, const std::string&)> set;
};

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

bool ParseInt(const std::string& s, long long& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool ParseDouble(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

bool ParseBool(const std::string& s, bool& out) {
  if (s == "true" || s == "1") return out = true, true;
  if (s == "false" || s == "0") return out = false, true;
  return false;
}

template <typename T>
Field IntField(const char* name, T ClassifierOptions::*member) {
  return {name, [member](const ClassifierOptions& o) { return std::to_string(o.*member); },
          [member](ClassifierOptions& o, const std::string& v) {
            long long x;
            if (!ParseInt(v, x)) return false;
            o.*member = static_cast<T>(x);
            return true;
          }};
}

Field DoubleField(const char* name, double ClassifierOptions::*member) {
  return {name, [member](const ClassifierOptions& o) { return Num(o.*member); },
          [member](ClassifierOptions& o, const std::string& v) {
            return ParseDouble(v, o.*member);
          }};
}

Field BoolField(const char* name, bool ClassifierOptions::*member) {
  return {name, [member](const ClassifierOptions& o) { return std::string(o.*member ? "true" : "false"); },
          [member](ClassifierOptions& o, const std::string& v) { return ParseBool(v, o.*member); }};
}

const std::vector<Field>& Fields() {
  using O = ClassifierOptions;
  static const std::vector<Field> fields = {
      IntField("word_ngrams", &O::word_ngrams),
      IntField("char_ngram_min", &O::char_ngram_min),
      IntField("char_ngram_max", &O::char_ngram_max),
      DoubleField("word_weight", &O::word_weight),
      DoubleField("char_weight", &O::char_weight),
      DoubleField("title_weight", &O::title_weight),
      BoolField("sublinear_tf", &O::sublinear_tf),
      BoolField("use_idf", &O::use_idf),
      IntField("min_df", &O::min_df),
      IntField("max_chars", &O::max_chars),
      DoubleField("svm_c", &O::svm_c),
      DoubleField("lr_c", &O::lr_c),
      DoubleField("lr_mix", &O::lr_mix),
      BoolField("balanced", &O::balanced),
      DoubleField("bias", &O::bias),
      IntField("max_epochs", &O::max_epochs),
      DoubleField("tolerance", &O::tolerance),
      IntField("calibration_folds", &O::calibration_folds),
      DoubleField("temperature", &O::temperature),
      DoubleField("auto_precision", &O::auto_precision),
      IntField("seed", &O::seed),
  };
  return fields;
}

}  // namespace

std::string ToString(const ClassifierOptions& options) {
  std::string out;
  for (const Field& f : Fields()) {
    if (!out.empty()) out += ' ';
    out += f.name;
    out += '=';
    out += f.get(options);
  }
  return out;
}

Status SetOption(ClassifierOptions& options, std::string_view key, std::string_view value) {
  for (const Field& f : Fields()) {
    if (key != f.name) continue;
    ClassifierOptions copy = options;
    if (!f.set(copy, std::string(value))) {
      return Status::InvalidArgument("option " + std::string(key) + ": cannot parse '" +
                                     std::string(value) + "'");
    }
    options = copy;
    return Status::Ok();
  }
  return Status::InvalidArgument("unknown classifier option '" + std::string(key) + "'");
}

Result<ClassifierOptions> ParseOptions(std::string_view text) {
  ClassifierOptions options;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end;
    if (word.empty()) continue;
    size_t eq = word.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument("classifier options: expected key=value, got '" +
                                     std::string(word) + "'");
    }
    LX_RETURN_IF_ERROR(SetOption(options, word.substr(0, eq), word.substr(eq + 1)));
  }
  return options;
}

Status Validate(const ClassifierOptions& o) {
  auto bad = [](const std::string& what) {
    return Status::InvalidArgument("classifier option out of range: " + what);
  };
  if (o.word_ngrams < 0 || o.word_ngrams > 4) return bad("word_ngrams must be in 0..4");
  if (o.char_ngram_max < 0 || o.char_ngram_max > 6) return bad("char_ngram_max must be in 0..6");
  if (o.char_ngram_max > 0 && (o.char_ngram_min < 1 || o.char_ngram_min > o.char_ngram_max)) {
    return bad("char_ngram_min must be in 1..char_ngram_max");
  }
  if (o.word_ngrams == 0 && o.char_ngram_max == 0) return bad("no feature block enabled");
  if (o.word_weight < 0 || o.char_weight < 0 || o.title_weight < 0) return bad("negative block weight");
  if (o.min_df < 1) return bad("min_df must be >= 1");
  if (o.max_chars < 0) return bad("max_chars must be >= 0");
  if (!(o.svm_c > 0)) return bad("svm_c must be > 0");
  if (o.lr_c < 0) return bad("lr_c must be >= 0");
  if (o.lr_mix < 0 || o.lr_mix > 1) return bad("lr_mix must be in [0, 1]");
  if (o.bias < 0) return bad("bias must be >= 0");
  if (o.max_epochs < 1) return bad("max_epochs must be >= 1");
  if (!(o.tolerance > 0)) return bad("tolerance must be > 0");
  if (o.calibration_folds < 0 || o.calibration_folds == 1 || o.calibration_folds > 20) {
    return bad("calibration_folds must be 0 or 2..20");
  }
  if (o.temperature < 0) return bad("temperature must be >= 0");
  if (!(o.auto_precision > 0 && o.auto_precision <= 1)) return bad("auto_precision must be in (0, 1]");
  return Status::Ok();
}

}  // namespace lianxin::dispatch
