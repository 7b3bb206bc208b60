#!/usr/bin/env python3
"""Turns the raw JSON lines of filters_vs_tf.sh into a Markdown table: per case, the timed loop
(median over rounds), the whole process and the peak RSS of each side, and the objective each
reached.

  python3 filters_report.py RESULTS.jsonl
"""
import json
import statistics
import sys


def seconds(wall):
    # /usr/bin/time's "h:mm:ss" or "m:ss.ss"
    s = 0.0
    for part in wall.split(":"):
        s = s * 60 + float(part)
    return s


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    for r in rows:
        if "info" in r:
            print(f"- {r['info']}: {r['value']}")
    loads = [r["load"] for r in rows if "load" in r]
    if loads:
        print(f"- load average (1 min) at the end of each process: {min(loads):.1f}–{max(loads):.1f}")
    print()
    print("| case | Convscope loop (s) | TF loop (s) | loop CS / TF | whole process CS / TF (s) "
          "| peak RSS CS / TF (MiB) | RSS CS / TF | objective reached CS / TF (mean, min–max) | dead (CS) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
    for case in ("robust", "lucid"):
        cs = [r for r in rows if r.get("proc") == f"convscope-{case}" and r.get("case") == case]
        tf = [r for r in rows if r.get("proc") == f"tf-{case}" and r.get("case") == case]
        if not cs or not tf:
            continue
        c = statistics.median(r["ms"] for r in cs) / 1e3
        t = statistics.median(r["ms"] for r in tf) / 1e3

        def proc(side, key):
            return [r for r in rows if r.get("proc") == f"{side}-{case}" and key in r]

        cw = statistics.median(seconds(r["process_wall"]) for r in proc("convscope", "process_wall"))
        tw = statistics.median(seconds(r["process_wall"]) for r in proc("tf", "process_wall"))
        cr = max(r["max_rss_kb"] for r in proc("convscope", "max_rss_kb")) / 1024
        tr = max(r["max_rss_kb"] for r in proc("tf", "max_rss_kb")) / 1024
        a, b = cs[-1], tf[-1]
        label = f"{case}, {a['layer']}, {a['filters']} × {a['steps']} steps at {a['size']}², {len(cs)} round(s)"
        print(f"| {label} | {c:.1f} | {t:.1f} | **{c / t:.2f}** | {cw:.0f} / {tw:.0f} = {cw / tw:.2f} "
              f"| {cr:.0f} / {tr:.0f} | **{cr / tr:.2f}** "
              f"| {a['objective_mean']:.4g} ({a['objective_min']:.3g}–{a['objective_max']:.3g}) / "
              f"{b['objective_mean']:.4g} ({b['objective_min']:.3g}–{b['objective_max']:.3g}) | {a['dead']} |")
    print()
    for r in rows:
        if r.get("proc", "").startswith("convscope-") and "warmup_ms" in r:
            print(f"- {r['proc']} round {r['round']}: warm-up (one step, graph build) {r['warmup_ms'] / 1e3:.1f} s, "
                  f"batch used {r['batch_used']}")


if __name__ == "__main__":
    main()
