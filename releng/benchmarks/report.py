#!/usr/bin/env python3
"""Turns the raw JSON lines of read_vs_keras.sh / activations_vs_tf.sh into Markdown tables.

  python3 report.py read RESULTS.jsonl
  python3 report.py activations RESULTS.jsonl
"""
import json
import statistics
import sys

# the nominal peak of the machine the first runs had, for results without a measured one
NOMINAL_PEAK_GFLOPS = 2 * 32 * 2.45  # 2 cores x 32 fp32 FLOP/cycle (AVX2, 2 FMA units) x 2.45 GHz


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def span(values):
    values = [v for v in values if v is not None]
    return f"{min(values):.0f}–{max(values):.0f}" if values else "–"


def info(rows):
    for r in rows:
        if "info" in r:
            print(f"- {r['info']}: {r['value']}")


def peak_rss(rows, proc):
    rss = [r["max_rss_kb"] / 1024 for r in rows if r.get("proc") == proc and "max_rss_kb" in r]
    loads = [r["load"] for r in rows if r.get("proc") == proc and "max_rss_kb" in r]
    return med(rss), (max(rss) if rss else float("nan")), len(rss), loads


def read_report(rows):
    info(rows)
    loads = [r["load"] for r in rows if "load" in r]
    print(f"- load average (1 min) during the runs: {min(loads):.1f}–{max(loads):.1f}")
    print()
    print("| file | what | Convscope | Keras | Convscope / Keras |")
    print("|---|---|---|---|---|")
    for f in sorted({r["file"] for r in rows if r.get("proc") == "cat"}):
        cs = [r for r in rows if r.get("proc") == "convscope" and r.get("file") == f and "rep" in r]
        kr = [r for r in rows if r.get("side") == "keras" and r.get("file") == f and "rep" in r]
        cat = [r for r in rows if r.get("proc") == "cat" and r["file"] == f]
        size = cat[0]["file_bytes"]
        cs_first = med([r["structure_ms"] for r in cs if r["rep"] == 0])
        cs_warm = med([r["structure_ms"] for r in cs if r["rep"] > 0])
        kr_first = med([r["load_model_ms"] for r in kr if r["rep"] == 0])
        kr_warm = med([r["load_model_ms"] for r in kr if r["rep"] > 0])
        print(f"| {f} | structure shown, 1st in process (ms) | {cs_first:.0f} | load_model {kr_first:.0f} "
              f"| {cs_first / kr_first:.3f} |")
        print(f"| {f} | structure shown, warm (ms) | {cs_warm:.0f} "
              f"(open {med([r['open_ms'] for r in cs if r['rep'] > 0]):.0f} + summary "
              f"{med([r['summary_ms'] for r in cs if r['rep'] > 0]):.0f}) | load_model {kr_warm:.0f} "
              f"| {cs_warm / kr_warm:.3f} |")
        print(f"| {f} | Keras structure only (model_from_json, random init) (ms) | – | "
              f"{med([r['structure_only_ms'] for r in kr]):.0f} | – |")
        wm = med([r["weights_ms"] for r in cs if r["rep"] > 0])
        wb = cs[0]["weight_bytes"]
        cat_ms = med([r["ms"] for r in cat])
        print(f"| {f} | all weights read, warm (ms) | {wm:.0f} ({wb / 1e6 / wm * 1e3:.0f} MB/s of float32; "
              f"file {size / 1e6 / wm * 1e3:.0f} MB/s) | load_model {kr_warm:.0f} ({size / 1e6 / kr_warm * 1e3:.0f} MB/s) "
              f"| {wm / kr_warm:.3f} |")
        print(f"| {f} | structure + all weights, warm (ms) | {med([r['total_ms'] for r in cs if r['rep'] > 0]):.0f} "
              f"| load_model {kr_warm:.0f} | {med([r['total_ms'] for r in cs if r['rep'] > 0]) / kr_warm:.3f} |")
        fl = med([r["java_floor_ms"] for r in cs if r["rep"] > 0 and "java_floor_ms" in r])
        if fl == fl:
            lw = [r for r in cs if r["rep"] > 0 and "largest_weight_ms" in r]
            lb = lw[0]["largest_weight_bytes"]
            lm = med([r["largest_weight_ms"] for r in lw])
            print(f"| {f} | of which the largest weight ({lb / 1e6:.0f} MB), warm (ms) | {lm:.0f} "
                  f"({lb / 1e6 / lm * 1e3:.0f} MB/s) | | |")
            print(f"| {f} | plain Java reference: whole file → one float[] via FileChannel, warm (ms) | {fl:.0f} "
                  f"({size / 1e6 / fl * 1e3:.0f} MB/s) | | Convscope's weight read takes {wm / fl:.2f}× this |")
        print(f"| {f} | `cat` to /dev/null, page cache warm (ms) | {cat_ms:.0f} ({size / 1e6 / cat_ms * 1e3:.0f} MB/s) "
              f"| | weights read at {cat_ms / wm:.2f}× cat speed |")
        print(f"| {f} | per-process spread of warm values (ms) | structure {span([r['structure_ms'] for r in cs if r['rep'] > 0])}, "
              f"weights {span([r['weights_ms'] for r in cs if r['rep'] > 0])} | load_model {span([r['load_model_ms'] for r in kr if r['rep'] > 0])} | |")
        cold = [r for r in rows if r.get("proc") == "convscope-cold" and r.get("file") == f and "rep" in r]
        cat_cold = [r["ms"] for r in rows if r.get("proc") == "cat_cold" and r["file"] == f]
        if cold and cat_cold:
            cw = med([r["weights_ms"] for r in cold])
            cc = med(cat_cold)
            print(f"| {f} | cold page cache: structure shown, fresh JVM (ms) | {med([r['structure_ms'] for r in cold]):.0f} "
                  f"({span([r['structure_ms'] for r in cold])}) | | |")
            print(f"| {f} | cold page cache: all weights read (ms) | {cw:.0f} ({size / 1e6 / cw * 1e3:.0f} MB/s of file; "
                  f"{span([r['weights_ms'] for r in cold])}) | | |")
            print(f"| {f} | cold page cache: `cat` to /dev/null, the disk's speed (ms) | {cc:.0f} "
                  f"({size / 1e6 / cc * 1e3:.0f} MB/s; {span(cat_cold)}) | | weights read at {cc / cw:.2f}× disk speed |")
        print(f"| {f} | params / layers | {cs[0]['params']} / {cs[0]['layers']} | {kr[0]['params']} | |")
    for proc in ("convscope", "keras"):
        m, mx, n, ld = peak_rss(rows, proc)
        print(f"\nPeak RSS {proc}: median {m:.0f} MiB, max {mx:.0f} MiB over {n} processes "
              f"(load {min(ld):.1f}–{max(ld):.1f})", end="")
    print()
    imports = [r["import_s"] for r in rows if "import_s" in r]
    if imports:
        print(f"\n(Python `import keras, tensorflow`: median {med(imports):.1f} s per process, not counted above.)")


def activations_report(rows):
    info(rows)
    for r in rows:
        if "engine" in r:
            print(f"- engine: {r['engine']}")
            break
    for r in rows:
        if "tf_info" in r:
            print(f"- TensorFlow: {r['tf_info']}")
            break
    loads = [r["load"] for r in rows if "load" in r]
    print(f"- load average (1 min) during the runs: {min(loads):.1f}–{max(loads):.1f}")
    flops = {r["model"]: r["flops"] for r in rows if "flops" in r}
    for m, f in flops.items():
        print(f"- {m}: {f / 1e9:.2f} GFLOP per image (2 × multiply-adds of Conv2D and Dense, from the architecture)")
    peaks = [r for r in rows if r.get("case") == "peak"]
    for p in peaks:
        print(f"- fp32 peak measured {p['when']} the rounds ({p['method']} {p['n']}²): {p['gflops']} GFLOP/s")
    peak = max(p["gflops"] for p in peaks) if peaks else NOMINAL_PEAK_GFLOPS
    what = f"{peak:.0f}, measured" if peaks else f"{peak:.0f}, nominal"
    print()
    print(f"| case | Convscope median ms (range) | TF median ms (range) | Convscope / TF "
          f"| Convscope GFLOP/s (% of {what}) | TF GFLOP/s (% of {what}) |")
    print("|---|---|---|---|---|---|")
    cases = []
    for r in rows:
        if "case" in r and r["case"] != "peak" and r["case"] not in cases:
            cases.append(r["case"])
    for c in cases:
        cs = [r["ms"] for r in rows if r.get("case") == c and r.get("side") == "convscope" and r.get("warm")]
        tf = [r["ms"] for r in rows if r.get("case") == c and r.get("side") == "tf" and r.get("warm")]
        mc, mt = med(cs), med(tf)
        model = c.split()[0]
        ratio = f"{mc / mt:.2f}" if cs and tf else "–"
        g = ""
        if model in flops and "grid" not in c:
            f = flops[model]
            g = " | ".join(f"{f / m / 1e6:.1f} ({f / m / 1e6 / peak * 100:.0f} %)" if v else "–"
                           for m, v in ((mc, cs), (mt, tf)))
        else:
            g = "– | –"
        print(f"| {c} | {(f'{mc:.1f} ({span(cs)}, n={len(cs)})') if cs else '–'} | "
              f"{(f'{mt:.1f} ({span(tf)}, n={len(tf)})') if tf else '–'} | {ratio} | {g} |")
    print()
    print("Paired by round (each round's Convscope and TF processes ran back to back): median ms, ratio")
    print()
    for c in cases:
        parts = []
        ratios = []
        for rd in sorted({r.get("round", 0) for r in rows if r.get("case") == c}):
            cs = med([r["ms"] for r in rows if r.get("case") == c and r.get("side") == "convscope"
                      and r.get("warm") and r.get("round", 0) == rd])
            tf = med([r["ms"] for r in rows if r.get("case") == c and r.get("side") == "tf"
                      and r.get("warm") and r.get("round", 0) == rd])
            ld = [r["load"] for r in rows if r.get("case") == c and r.get("round", 0) == rd and "load" in r]
            load = f"load {min(ld):.1f}–{max(ld):.1f}" if ld else ""
            if cs == cs and tf == tf:
                ratios.append(cs / tf)
                parts.append(f"round {rd}: {cs:.0f} / {tf:.0f} = {cs / tf:.2f} ({load})")
            elif cs == cs or tf == tf:
                parts.append(f"round {rd}: {cs if cs == cs else tf:.0f} ({load})")
        summary = f"; median ratio {med(ratios):.2f}" if ratios else ""
        print(f"- {c}: " + "; ".join(parts) + summary)
    firsts = [r for r in rows if "first_ms" in r]
    if firsts:
        print()
        for side in ("convscope", "tf"):
            for c in sorted({r["case"] for r in firsts if r["side"] == side}):
                v = [r["first_ms"] for r in firsts if r["side"] == side and r["case"] == c]
                print(f"- first call in process ({side}, {c}): median {med(v):.0f} ms")
    print()
    for proc in sorted({r["proc"] for r in rows if "max_rss_kb" in r}):
        m, mx, n, ld = peak_rss(rows, proc)
        print(f"- peak RSS {proc}: median {m:.0f} MiB, max {mx:.0f} MiB over {n} processes "
              f"(load {min(ld):.1f}–{max(ld):.1f})")
    checks = [r for r in rows if "check" in r and "case" in r]
    if checks:
        print()
        for c in cases:
            for side in ("convscope", "tf"):
                v = [r["check"] for r in checks if r["case"] == c and r["side"] == side]
                if v:
                    print(f"- output checksum {side}, {c}: {v[0]:.6g}")


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    {"read": read_report, "activations": activations_report}[kind](load(path))
