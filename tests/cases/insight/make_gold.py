#!/usr/bin/env python3
"""Builds hotspots_gold.tsv (id<TAB>topic) from gold_rules.tsv over a teddy2020 JSONL file.

usage: make_gold.py MESSAGES.jsonl > hotspots_gold.tsv
Only messages matched by a rule are written; all others are singletons. Prints per-topic
counts and messages matched by more than one rule (kept in the first) to stderr.
"""
import json, re, sys, collections, os

here = os.path.dirname(os.path.abspath(__file__))
rules = []
for line in open(os.path.join(here, "gold_rules.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    name, expr = line.rstrip("\n").split("\t")
    pats = []
    for p in expr.split("&&"):
        p = p.strip()
        pats.append((p.startswith("T:"), re.compile(p[2:] if p.startswith("T:") else p)))
    rules.append((name, pats))

counts = collections.Counter()
multi = 0
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    text = m.get("title", "") + "\n" + m.get("body", "")
    title = m.get("title", "")
    hits = [name for name, pats in rules
            if all(p.search(title if title_only else text) for title_only, p in pats)]
    if not hits:
        continue
    if len(hits) > 1:
        multi += 1
        print(f"multiple: {m['id']} {hits} {m['title']}", file=sys.stderr)
    counts[hits[0]] += 1
    print(f"{m['id']}\t{hits[0]}")
for name, _ in rules:
    print(f"{name}: {counts[name]}", file=sys.stderr)
print(f"labelled {sum(counts.values())} messages in {len(counts)} topics; {multi} matched >1 rule",
      file=sys.stderr)
