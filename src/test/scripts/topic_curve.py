#!/usr/bin/env python3
"""Precision-recall curve of the topic decision over its bars, from `classify --explain` output.

usage: topic_curve.py GOLD.csv EXPLAIN.jsonl [--rule-weight W] [--half odd|even]
GOLD.csv has the columns text, primary and topics (pipe-separated), like the CX dev set; EXPLAIN.jsonl is
`classify --explain` on the same rows in the same order. Each topic's rule and model scores are in the
explanation, so every primary bar, secondary bar and rule weight is replayed here without classifying again:
score = 1 - (1 - W * rule) * (1 - model); the best topic is reported when its score reaches the primary bar,
any other when it reaches the secondary bar (at most 5). --half keeps odd or even rows (1-based), to tune on
one half and check on the other."""
import argparse, csv, json

ap = argparse.ArgumentParser()
ap.add_argument('gold'); ap.add_argument('explain')
ap.add_argument('--rule-weight', type=float, default=0.6); ap.add_argument('--half', choices=['odd', 'even'])
a = ap.parse_args()
gold = list(csv.DictReader(open(a.gold, encoding='utf-8')))
out = [json.loads(l) for l in open(a.explain, encoding='utf-8') if l.strip()]
pairs = [(g, o) for i, (g, o) in enumerate(zip(gold, out)) if a.half is None or (i % 2 == 0) == (a.half == 'odd')]

def decide(o, p, s):
    cands = sorted(((1 - (1 - a.rule_weight * v['rule']) * (1 - v['model']), v['topic'])
                    for v in o.get('explain', {}).get('topics', []) if v['why'] != 'excluded by a negative rule'),
                   reverse=True)
    if not cands or cands[0][0] < p:
        return []
    return [cands[0][1]] + [t for sc, t in cands[1:5] if sc >= s]

def score(p, s):
    n = ok = pred = spur = gt = found = pu = both = gu = 0
    for g, o in pairs:
        ts = decide(o, p, s); prim = ts[0] if ts else 'unclassified'; gts = set(g['topics'].split('|'))
        n += 1; ok += prim == g['primary']; pred += len(ts); spur += sum(t not in gts for t in ts)
        if g['primary'] != 'unclassified':
            gt += len(gts); found += sum(t in ts for t in gts)
        gu += g['primary'] == 'unclassified'; pu += prim == 'unclassified'; both += prim == g['primary'] == 'unclassified'
    return (1 - spur / max(1, pred), found / max(1, gt), ok / n, both / max(1, pu), both / max(1, gu))

print(f"rows={len(pairs)} rule_weight={a.rule_weight}")
print("| primary bar | secondary bar | topic precision | topic recall | primary accuracy | unclassified precision | unclassified recall |")
print("|---|---|---|---|---|---|---|")
for p in [x / 100 for x in range(20, 71, 5)]:
    for s in [p] + [x / 10 for x in range(5, 10) if x / 10 > p]:
        print("| %.2f | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f |" % ((p, s) + score(p, s)))
