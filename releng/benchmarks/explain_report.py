#!/usr/bin/env python3
"""Turns the raw JSON lines of explain_vs_tf.sh into a Markdown table: per model and case the
median warm time of each side, their ratio, the first call of the case in its process, and the
peak RSS of the model's processes.

  python3 explain_report.py RESULTS.jsonl
"""
import json
import statistics
import sys


def main():
    with open(sys.argv[1]) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for r in rows:
        if "info" in r:
            print(f"- {r['info']}: {r['value']}")
    loads = [r["load"] for r in rows if "max_rss_kb" in r]
    if loads:
        print(f"- load average (1 min) at the end of each process: {min(loads):.1f}–{max(loads):.1f}")
    print()
    print("| model | case | Convscope warm (ms, median) | TensorFlow warm (ms, median) | Convscope / TF "
          "| first call of the case (ms), Convscope / TF |")
    print("|---|---|---|---|---|---|")
    cases = []
    for r in rows:
        if r.get("side") == "convscope" and "ms" in r and r["case"] not in cases:
            cases.append(r["case"])
    ratios = []
    for c in cases:
        def of(side, key):
            return [r[key] for r in rows if r.get("side") == side and r.get("case") == c and key in r]

        cs, tf = of("convscope", "ms"), of("tf", "ms")
        if not cs or not tf:
            continue
        cm, tm = statistics.median(cs), statistics.median(tf)
        cf, tff = statistics.median(of("convscope", "first_ms")), statistics.median(of("tf", "first_ms"))
        ratios.append(cm / tm)
        model, case = c.split(" ", 1)
        print(f"| {model} | {case} | {cm:.0f} ({min(cs):.0f}–{max(cs):.0f}, n={len(cs)}) "
              f"| {tm:.0f} ({min(tf):.0f}–{max(tf):.0f}) | **{cm / tm:.2f}** | {cf:.0f} / {tff:.0f} |")
    if ratios:
        print(f"\n{sum(r <= 1.0 for r in ratios)} of {len(ratios)} cases at or under 1.0×; "
              f"geometric mean of the ratios {statistics.geometric_mean(ratios):.2f}.")
    print()
    print("| model | peak RSS (MB), Convscope / TF |")
    print("|---|---|")
    models = []
    for r in rows:
        p = r.get("proc", "")
        if p.startswith("convscope-") and "max_rss_kb" in r and p[len("convscope-"):] not in models:
            models.append(p[len("convscope-"):])
    for m in models:
        cr = max(r["max_rss_kb"] for r in rows if r.get("proc") == f"convscope-{m}" and "max_rss_kb" in r) / 1024
        tr = [r["max_rss_kb"] for r in rows if r.get("proc") == f"tf-{m}" and "max_rss_kb" in r]
        if tr:
            print(f"| {m} | {cr:.0f} / {max(tr) / 1024:.0f} = {cr / (max(tr) / 1024):.2f} |")


if __name__ == "__main__":
    main()
