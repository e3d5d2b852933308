// classify (issue #3 item 2): the message classifier's cross-validation, training time and
// single-thread classification speed, through the same entry as `lianxin dispatch`.
// Run it through bench/classify, which also runs the peer baselines and writes bench/RESULTS.md.
//
//   build-bench/bench/classify_bench cv --data messages_labeled.jsonl --folds 5 --json
//   build-bench/bench/classify_bench speed --data messages_labeled.jsonl --json
#include <iostream>
#include <string>
#include <vector>

#include "dispatch/classifier_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return lianxin::dispatch::RunDispatchCli(args, std::cout, std::cerr);
}
