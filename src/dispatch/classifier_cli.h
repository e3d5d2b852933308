// Command-line entry of the classifier, called by the `lianxin` executable as
// `lianxin dispatch <command> ...` (and by bench/classify):
//
//   train   --data FILE.jsonl --out MODEL            train on all of FILE, write MODEL
//   eval    --model MODEL --data FILE.jsonl [--json] score MODEL on FILE
//   cv      --data FILE.jsonl [--folds 5] [--json]   stratified k-fold cross-validation
//   predict --model MODEL [--title T] [--body B]     classify one message
//   speed   --data FILE.jsonl [--model MODEL]        single-thread messages/s, training seconds
//   options                                          print every hyperparameter and its default
//
// Common flags: --set key=value (repeatable; see options.h), --peer-text (read
// JSONL exactly as the peer baselines do: no text_segmented body, see dataset.h),
// --dict DIR (jieba dictionaries), --char-segmenter (no dictionary; for tests). With --json, eval/cv/speed print ONE JSON object
// (keys include macro_f1, accuracy, n, per_class, confusion, coverage,
// coverage_at_97).
//
// Blocks for the whole command; not for concurrent use within one process
// (prints to the given streams only).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace lianxin::dispatch {

// `args` are the words after "dispatch" (args[0] is the command). Returns the
// process exit code: 0 on success, 2 for a usage error, 1 for any other failure
// (with a one-line message on `err`).
int RunDispatchCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace lianxin::dispatch
