#!/usr/bin/env python3
"""Turns the raw JSON lines of gradients_vs_tf.sh into a Markdown table.

  python3 gradients_report.py RESULTS.jsonl
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
    peaks = [r for r in rows if r.get("case") == "peak"]
    for p in peaks:
        where = f", {p['cpu']}, {p['flags']}" if "cpu" in p else ""
        print(f"- fp32 peak measured {p['when']} the rounds ({p.get('method', 'numpy sgemm')} {p['n']}², "
              f"{p['threads']} threads{where}): best {p['gflops']} GFLOP/s, median {p['gflops_median']}")
    # the better of the two ways (numpy's and oneDNN's sgemm): the closer to what the CPU can do
    peak = max(p["gflops"] for p in peaks) if peaks else float("nan")
    if peaks:
        print(f"- GFLOP/s below are fractions of the best of these: {peak} GFLOP/s")
    loads = [r["load"] for r in rows if "max_rss_kb" in r]
    if loads:
        print(f"- load average (1 min) at the end of each process: {min(loads):.1f}–{max(loads):.1f}")
    print()
    print("| work | Convscope warm (ms, median) | TensorFlow warm (ms, median) | Convscope / TF "
          "| first call in process (ms), Convscope / TF | peak RSS (MB), Convscope / TF |")
    print("|---|---|---|---|---|---|")
    cases = []
    for r in rows:
        p = r.get("proc", "")
        if p.startswith("convscope-") and p[len("convscope-"):] not in cases:
            cases.append(p[len("convscope-"):])
    for c in cases:
        def of(side, key):
            return [r[key] for r in rows if r.get("proc") == f"{side}-{c}" and key in r]

        cs, tf = of("convscope", "ms"), of("tf", "ms")
        if not cs or not tf:
            continue
        cm, tm = statistics.median(cs), statistics.median(tf)
        cf, tff = statistics.median(of("convscope", "first_ms")), statistics.median(of("tf", "first_ms"))
        cr, tr = max(of("convscope", "max_rss_kb")) / 1024, max(of("tf", "max_rss_kb")) / 1024
        what = c
        fl = of("tf", "flops")
        if fl:
            what += (f" ({fl[0] / 1e9:.1f} GFLOP: Convscope {fl[0] / cm / 1e6:.0f} GFLOP/s = "
                     f"{fl[0] / cm / 1e6 / peak:.0%} of peak, TF {fl[0] / tm / 1e6:.0f} GFLOP/s = "
                     f"{fl[0] / tm / 1e6 / peak:.0%})")
        print(f"| {what} | {cm:.1f} ({min(cs):.0f}–{max(cs):.0f}, n={len(cs)}) | {tm:.1f} ({min(tf):.0f}–{max(tf):.0f}) "
              f"| **{cm / tm:.2f}** | {cf:.0f} / {tff:.0f} = {cf / tff:.2f} | {cr:.0f} / {tr:.0f} = {cr / tr:.2f} |")
    befores = [c for c in cases if of_proc(rows, f"before-{c}", "ms")]
    if befores:
        print()
        print("The revision before (BASE_SRC), same rounds:")
        print()
        print("| work | before (ms, median) | after (ms, median) | after / before | before / TF | after / TF "
              "| peak RSS (MB), before / after |")
        print("|---|---|---|---|---|---|---|")
        for c in befores:
            b, a, t = (of_proc(rows, f"{side}-{c}", "ms") for side in ("before", "convscope", "tf"))
            bm, am, tm = statistics.median(b), statistics.median(a), statistics.median(t)
            br = max(of_proc(rows, f"before-{c}", "max_rss_kb")) / 1024
            ar = max(of_proc(rows, f"convscope-{c}", "max_rss_kb")) / 1024
            print(f"| {c} | {bm:.1f} ({min(b):.0f}–{max(b):.0f}) | {am:.1f} ({min(a):.0f}–{max(a):.0f}) "
                  f"| **{am / bm:.2f}** | {bm / tm:.2f} | **{am / tm:.2f}** | {br:.0f} / {ar:.0f} |")


def of_proc(rows, proc, key):
    return [r[key] for r in rows if r.get("proc") == proc and key in r]


if __name__ == "__main__":
    main()
