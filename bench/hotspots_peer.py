#!/usr/bin/env python3
"""Hot-topic quality for bench/hotspots: AMI and ARI against the labelled set, for ours
(the JSON of `lianxin insight hotspots --json --top 0`) and for a plain TF-IDF +
agglomerative peer (scikit-learn, average linkage over cosine distance) run on the very
tokens our featurizer sees (hotspots_bench --tokens-out).

usage: hotspots_peer.py --gold GOLD.tsv --tokens TOKENS.tsv [--ours NAME=FILE.json ...]
                        [--peer-thresholds 0.5,0.6,...] [--folds 5]
Every message not in a gold topic is its own singleton; likewise every message in no
predicted cluster of 2+.

Cross-validation of the threshold (--folds K, both systems alike): the gold topics are
split into K folds at random (seed 1), and so are the singleton messages; for each fold
the setting with the best mean of AMI and ARI on the other folds' messages is chosen and
scored on the held-out fold's messages (the clustering itself always runs on all messages,
unsupervised; only the choice of its threshold sees labels). Reported: mean ± sd over the
folds and the settings chosen. The peer is cut from one average-linkage tree (scipy) at
every threshold; the tree is checked against sklearn's AgglomerativeClustering at one.
"""
import argparse, json, time, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score
from math import lgamma, log
from collections import Counter
from sklearn.metrics.pairwise import cosine_distances
from scipy.cluster.hierarchy import linkage, fcluster
from scipy.spatial.distance import squareform
import random


def entropy(sizes, n):
    return -sum(c / n * log(c / n) for c in sizes if c)


def adjusted_mutual_info_score(a, b):
    """AMI with the arithmetic-mean normaliser, as sklearn's default; the expected MI is
    summed over pairs of cluster *sizes* (it depends only on them), which makes it fast
    when thousands of singletons are present. Checked against sklearn in check_ami()."""
    n = len(a)
    ca, cb = Counter(a), Counter(b)
    mi = 0.0
    for (x, y), nij in Counter(zip(a, b)).items():
        mi += nij / n * log(n * nij / (ca[x] * cb[y]))
    sa, sb = Counter(ca.values()), Counter(cb.values())
    lg = [lgamma(k + 1) for k in range(n + 1)]
    emi = 0.0
    for s, ks in sa.items():
        for t, kt in sb.items():
            term = 0.0
            for nij in range(max(1, s + t - n), min(s, t) + 1):
                logp = (lg[s] + lg[t] + lg[n - s] + lg[n - t] - lg[n] - lg[nij] - lg[s - nij]
                        - lg[t - nij] - lg[n - s - t + nij])
                term += nij / n * log(n * nij / (s * t)) * np.exp(logp)
            emi += ks * kt * term
    h = (entropy(ca.values(), n) + entropy(cb.values(), n)) / 2
    denom = h - emi
    return 1.0 if abs(denom) < 1e-15 else (mi - emi) / denom


def check_ami():
    from sklearn.metrics import adjusted_mutual_info_score as reference
    rng = np.random.default_rng(1)
    for _ in range(3):
        a = list(rng.integers(0, 30, 300))
        b = list(rng.integers(0, 40, 300))
        b[:100] = a[:100]
        assert abs(adjusted_mutual_info_score(a, b) - reference(a, b)) < 1e-9, "AMI differs from sklearn"


def labels_for(ids, groups):
    """groups: dict id -> group key; others get a unique singleton label."""
    keys, out = {}, []
    for i in ids:
        g = groups.get(i)
        key = ("g", g) if g is not None else ("s", i)
        out.append(keys.setdefault(key, len(keys)))
    return out


def folds_of(ids, gold, k):
    """fold index of every message: gold topics and singletons each split at random."""
    rng = random.Random(1)
    topics = sorted(set(gold.values()))
    rng.shuffle(topics)
    topic_fold = {t: n % k for n, t in enumerate(topics)}
    singles = [i for i in ids if i not in gold]
    rng.shuffle(singles)
    single_fold = {i: n % k for n, i in enumerate(singles)}
    return [topic_fold[gold[i]] if i in gold else single_fold[i] for i in ids]


def score(truth, pred, mask):
    t = [x for x, m in zip(truth, mask) if m]
    p = [x for x, m in zip(pred, mask) if m]
    return adjusted_mutual_info_score(t, p), adjusted_rand_score(t, p)


def cross_validate(name, runs, truth, fold, k):
    """runs: list of (setting, labels). Prints held-out AMI/ARI mean ± sd and the chosen settings."""
    amis, aris, chosen = [], [], []
    for f in range(k):
        train = [x != f for x in fold]
        test = [x == f for x in fold]
        best = max(runs, key=lambda r: sum(score(truth, r[1], train)))
        a, r = score(truth, best[1], test)
        amis.append(a)
        aris.append(r)
        chosen.append(best[0])
    print(f"| {name} | {k}-fold CV over gold topics | {np.mean(amis):.4f} ± {np.std(amis, ddof=1):.4f} | "
          f"{np.mean(aris):.4f} ± {np.std(aris, ddof=1):.4f} | {', '.join(map(str, chosen))} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--ours", action="append", default=[])
    ap.add_argument("--peer-thresholds", default="0.5,0.6,0.7,0.75,0.8,0.85,0.9,0.95")
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    check_ami()
    ids, docs = [], []
    for line in open(a.tokens, encoding="utf-8"):
        i, _, toks = line.rstrip("\n").partition("\t")
        ids.append(int(i))
        docs.append(toks)
    gold = {}
    for line in open(a.gold, encoding="utf-8"):
        i, g = line.split()
        gold[int(i)] = g
    truth = labels_for(ids, gold)
    print(f"messages {len(ids)}, gold topics {len(set(gold.values()))} covering {len(gold)} messages "
          f"(the other {len(ids) - len(gold)} are singletons)")
    print("| system | setting | clusters of 2+ | messages in them | AMI | ARI | seconds |")
    print("|---|---|---:|---:|---:|---:|---:|")
    ours_runs, peer_runs = [], []
    for spec in a.ours:
        name, _, path = spec.partition("=")
        topics = json.load(open(path, encoding="utf-8"))
        pred = {}
        for k, t in enumerate(topics):
            for i in t["ids"]:
                pred[int(i)] = k
        p = labels_for(ids, pred)
        ours_runs.append((name, p))
        print(f"| ours | {name} | {len(topics)} | {len(pred)} | "
              f"{adjusted_mutual_info_score(truth, p):.4f} | {adjusted_rand_score(truth, p):.4f} | – |")
    t0 = time.time()
    X = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit_transform(docs)
    D = cosine_distances(X)
    np.fill_diagonal(D, 0)
    Z = linkage(squareform(D, checks=False), method="average")
    prep = time.time() - t0
    thresholds = [float(x) for x in a.peer_thresholds.split(",")]
    for thr in thresholds:
        lab = fcluster(Z, t=thr, criterion="distance")
        sizes = np.bincount(lab)
        multi = int((sizes >= 2).sum())
        covered = int(sizes[sizes >= 2].sum())
        peer_runs.append((thr, list(lab)))
        print(f"| TF-IDF + agglomerative (average, cosine) | distance_threshold={thr} | {multi} | {covered} | "
              f"{adjusted_mutual_info_score(truth, lab):.4f} | {adjusted_rand_score(truth, lab):.4f} | "
              f"{prep:.1f} (one tree) |")
    # The tree against sklearn's own fit at one threshold (same method; ties may differ).
    check = 0.8 if 0.8 in thresholds else thresholds[0]
    try:
        model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                        distance_threshold=check)
    except TypeError:
        model = AgglomerativeClustering(n_clusters=None, affinity="precomputed", linkage="average",
                                        distance_threshold=check)
    sk = model.fit_predict(D)
    agree = adjusted_rand_score(sk, fcluster(Z, t=check, criterion="distance"))
    print(f"peer check: scipy tree vs. sklearn AgglomerativeClustering at {check}: ARI {agree:.4f} (1 = same)")
    if a.folds > 1:
        fold = folds_of(ids, gold, a.folds)
        print()
        print("| system | threshold chosen by | held-out AMI (mean ± sd) | held-out ARI (mean ± sd) | settings chosen |")
        print("|---|---|---:|---:|---|")
        if ours_runs:
            cross_validate("ours", ours_runs, truth, fold, a.folds)
        cross_validate("TF-IDF + agglomerative", peer_runs, truth, fold, a.folds)


if __name__ == "__main__":
    sys.exit(main())
