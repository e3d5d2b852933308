#!/usr/bin/python3
"""Rebuilds classifier_quality.jsonl from the shared teddy2020 file (deterministic).

    /usr/bin/python3 tests/cases/dispatch/make_sample.py ../shared/data/teddy2020/messages_labeled.jsonl

Per label_l1 class: the 80 rows with the smallest md5("lianxin-dispatch-case:" + orig_row)
that have a title (60 -> "train", 20 -> "test" in that order); bodies cut to 200
characters; text_segmented kept only when the body is missing (cut to 200 characters).
"""
import hashlib
import json
import sys

PER_CLASS, TRAIN = 80, 60
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
by_label = {}
for r in rows:
    if not r.get("title"):
        continue
    key = hashlib.md5(("lianxin-dispatch-case:%d" % r["orig_row"]).encode()).hexdigest()
    by_label.setdefault(r["label_l1"], []).append((key, r))
header = {"case": {
    "name": "teddy2020_sample",
    "group": "classifier",
    "description": "7-class label_l1 quality on a fixed sample of teddy2020 messages: "
                   "train on split=train, evaluate split=test",
    "source": "../shared/data/teddy2020/messages_labeled.jsonl (research/education use; "
              "do not redistribute outside the project)",
    "sampling": __doc__.strip().splitlines()[-3:],
    "min_macro_f1": 0.75,
    "min_accuracy": 0.75,
}}
out = [json.dumps(header, ensure_ascii=False)]
for label in sorted(by_label):
    picked = sorted(by_label[label], key=lambda t: t[0])[:PER_CLASS]
    for i, (_, r) in enumerate(picked):
        row = {"orig_row": r["orig_row"], "split": "train" if i < TRAIN else "test",
               "label_l1": label, "title": r["title"]}
        if r.get("body"):
            row["body"] = r["body"][:200]
        else:
            row["text_segmented"] = r["text_segmented"][:200]
        out.append(json.dumps(row, ensure_ascii=False))
open(sys.argv[2] if len(sys.argv) > 2 else "tests/cases/dispatch/classifier_quality.jsonl",
     "w", encoding="utf-8").write("\n".join(out) + "\n")
