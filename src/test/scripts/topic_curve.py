#!/usr/bin/env python3
"""Precision-recall curve of the topic decision over its two bars, from `classify --explain` output.

usage: topic_curve.py GOLD.csv EXPLAIN.jsonl [--half odd|even]
GOLD.csv has the columns text, primary and topics (pipe-separated), like the CX dev set; EXPLAIN.jsonl is
`classify --explain` on the same rows in the same order. Each topic's combined score is in the explanation,
so every pair of bars (primary, secondary) is replayed here without classifying again: the best topic is
reported when its score reaches the primary bar, any other when it reaches the secondary bar (at most 5)."""
import csv, json, sys

gold = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
out = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
half = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == '--half' else None
pairs = [(g, o) for i, (g, o) in enumerate(zip(gold, out)) if half is None or (i % 2 == 0) == (half == 'odd')]

def decide(o, p, s):
    cands = [(v['score'], v['topic']) for v in o.get('explain', {}).get('topics', []) if v['why'] != 'excluded by a negative rule']
    if not cands:
        return []
    cands.sort(reverse=True)
    if cands[0][0] < p:
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
    return dict(precision=1 - spur / max(1, pred), recall=found / max(1, gt), primary=ok / n,
                uncl_precision=both / max(1, pu), uncl_recall=both / max(1, gu))

print(f"rows={len(pairs)}")
print("primary_bar secondary_bar topic_precision topic_recall primary_accuracy unclassified_precision unclassified_recall")
for p in [x / 100 for x in range(20, 91, 5)]:
    for s in sorted({p, *[x / 100 for x in range(40, 100, 10) if x / 100 > p]}):
        r = score(p, s)
        print(f"{p:.2f} {s:.2f} {r['precision']:.3f} {r['recall']:.3f} {r['primary']:.3f} {r['uncl_precision']:.3f} {r['uncl_recall']:.3f}")
