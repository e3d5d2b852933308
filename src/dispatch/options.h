// Every hyperparameter of the message classifier in one struct, with its default,
// a printer and a "key=value" setter (used by the CLI's --set and by experiments).
// The defaults were chosen by stratified 5-fold cross-validation on the teddy2020
// labelled messages (seed 42); see src/dispatch/README.md and bench/RESULTS.md.
//
// Plain value type: safe to copy and to share read-only between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace lianxin::dispatch {

struct ClassifierOptions {
  // ---- features (stored in the model file: prediction extracts the same ones)
  int word_ngrams = 1;           // jieba word n-grams 1..word_ngrams (0 = no word block)
  int char_ngram_min = 1;        // character n-grams char_ngram_min..char_ngram_max
  int char_ngram_max = 3;        // (0 = no character block)
  double word_weight = 1.0;      // weight of the (title + body) word block
  double char_weight = 1.0;      // weight of the (title + body) character block
  double title_weight = 0.7;     // weight of the extra title-only word and char blocks (0 = none)
  bool sublinear_tf = true;      // term frequency tf → 1 + ln(tf)
  bool use_idf = true;           // multiply by smoothed idf = ln((1+n)/(1+df)) + 1
  int min_df = 3;                // n-grams seen in fewer training messages are dropped
  int max_chars = 3000;          // only the first max_chars code points are read (0 = all)

  // ---- model and objective
  double svm_c = 0.5;            // cost C of the one-vs-rest L2-loss linear SVMs (dual CD)
  double lr_c = 0.0;             // > 0: add one-vs-rest logistic regressions (cost lr_c)
  double lr_mix = 0.5;           // score weight of the LR part when lr_c > 0 (SVM gets 1-lr_mix)
  bool balanced = true;          // class weights n / (k * n_class), as sklearn "balanced"
  double bias = 1.0;             // value of the constant bias feature (0 = no bias)
  int max_epochs = 200;          // dual coordinate descent passes, upper bound
  double tolerance = 0.1;        // stop when the projected-gradient gap falls below this

  // ---- calibration (softmax over scores × temperature, fitted out-of-fold)
  int calibration_folds = 3;     // inner folds for out-of-fold scores, which fit the temperature
                                 // and the auto-dispatch threshold (0 = neither)
  double temperature = 0.0;      // > 0: use this temperature and skip fitting
  double auto_precision = 0.975; // the model stores the confidence threshold reaching this
                                 // accuracy on its out-of-fold predictions (auto-dispatch):
                                 // a 97% target with a half-point margin for new data

  // ---- reproducibility
  uint64_t seed = 42;            // fold assignment and coordinate-descent order
};

// "word_ngrams=1 char_ngram_min=1 ..." — every field, one line, stable order.
std::string ToString(const ClassifierOptions& options);

// Sets the field named `key` from `value` ("svm_c", "0.5"). kInvalidArgument for
// an unknown key or an unparsable value; the options are unchanged then.
Status SetOption(ClassifierOptions& options, std::string_view key, std::string_view value);

// Parses the output of ToString (or any space-separated "key=value" list) on
// top of the defaults. kInvalidArgument as SetOption, or for a word without '='.
Result<ClassifierOptions> ParseOptions(std::string_view text);

// kInvalidArgument naming the first out-of-range field; OK otherwise.
Status Validate(const ClassifierOptions& options);

}  // namespace lianxin::dispatch
