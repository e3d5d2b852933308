// Test-only helpers of the dispatch tests: a tiny synthetic labelled data set
// and the fixed case file. Not part of lianxin_dispatch.
#pragma once

#include <string>
#include <vector>

#include "dispatch/dataset.h"

namespace lianxin::dispatch::testing {

// 3 labels × `per_label` short messages built from per-label vocabularies with a
// little shared noise; deterministic.
std::vector<LabeledMessage> SyntheticMessages(int per_label = 20);

// Rows of tests/cases/dispatch/classifier_quality.jsonl with split == `split`
// written to `out_path` (the header line dropped); the header's min_macro_f1
// and min_accuracy are returned through the pointers. "" on success, else why not.
std::string WriteCaseSplit(const std::string& split, const std::string& out_path,
                           double* min_macro_f1, double* min_accuracy);

}  // namespace lianxin::dispatch::testing
