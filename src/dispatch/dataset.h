// Labelled messages for training and evaluation, and the JSONL reader for them.
//
// JSONL: one object per line with "title" and/or "body" and a label field
// ("label_l1" by default). When the body is missing, "text_segmented" with its
// spaces removed becomes the body (see ReadOptions). Plain values; the reader
// is pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace lianxin::dispatch {

struct LabeledMessage {
  std::string title;
  std::string body;
  std::string label;
};

struct ReadOptions {
  std::string label_field = "label_l1";
  // Also use "text_segmented" (spaces removed) as the body of rows that have a
  // title but no body. teddy2020 keeps the text of 17% of its messages only in
  // that field (jieba-cut title + body, stop words removed), so this recovers
  // their body. false = exactly what the peer baselines read (title only).
  bool segmented_body = true;
};

// Reads `path`. kNotFound when it cannot be opened; kInvalidArgument naming the
// line for malformed JSON, invalid UTF-8, a missing label or a message with no
// text; kInvalidArgument for a file without any message. Blank lines are skipped.
Result<std::vector<LabeledMessage>> ReadLabeledJsonl(const std::string& path,
                                                     const ReadOptions& options = {});

// The distinct labels of `data`, sorted (byte order), and each message's index
// into them.
struct LabelIndex {
  std::vector<std::string> labels;
  std::vector<int> of_message;
};
LabelIndex IndexLabels(const std::vector<LabeledMessage>& data);

}  // namespace lianxin::dispatch
