#!/usr/bin/env python3
"""Turns the raw JSON lines of visualize_vs_tf.sh into a Markdown table.

  python3 visualize_report.py RESULTS.jsonl FILTERS
"""
import json
import statistics
import sys


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    filters = int(sys.argv[2])
    for r in rows:
        if "info" in r:
            print(f"- {r['info']}: {r['value']}")
    loads = [r["load"] for r in rows if "load" in r]
    print(f"- load average (1 min) at the end of each process: {min(loads):.1f}–{max(loads):.1f}")
    print()

    def ms(proc, case):
        return [r["ms"] for r in rows if r.get("proc") == proc and r.get("case") == case]

    def rss(proc):
        v = [r["max_rss_kb"] / 1024 for r in rows if r.get("proc") == proc and "max_rss_kb" in r]
        return f"{max(v):.0f} MiB" if v else "–"

    print("| what | Convscope | TensorFlow | Convscope / TF |")
    print("|---|---|---|---|")
    cs, tf = ms("convscope-gradcam", "gradcam"), ms("tf-gradcam", "gradcam")
    if cs and tf:
        c, t = statistics.median(cs), statistics.median(tf)
        print(f"| Grad-CAM, VGG16 block5_conv3, 1 image, median of {len(cs)} / {len(tf)} (ms) | {c:.0f} "
              f"({min(cs):.0f}–{max(cs):.0f}) | {t:.0f} ({min(tf):.0f}–{max(tf):.0f}) | {c / t:.2f} |")
        print(f"| Grad-CAM peak RSS | {rss('convscope-gradcam')} | {rss('tf-gradcam')} | |")
    cb = [r for r in rows if r.get("proc") == "convscope-filters" and r.get("case") == "filters_batched"]
    tb = [r for r in rows if r.get("proc") == "tf-filters-batched" and r.get("case") == "filters_batched"]
    tl = [r for r in rows if r.get("proc") == "tf-filters-loop" and r.get("case") == "filters_loop"]
    if cb:
        c = cb[0]["ms"] / 1e3
        steps = cb[0]["steps"]
        label = f"{filters} filters × {steps} steps, block3_conv1, {cb[0]['size']}² (s)"
        batch = cb[0].get("batch_used", cb[0]["batch"])
        per_step = "| ms per image-step |"
        if tl:
            loop = tl[0]["per_filter_median_ms"] * filters / 1e3
            print(f"| {label}: TF one at a time as the notebook ({tl[0]['filters']} timed, median × {filters}) "
                  f"| {c:.1f} (batches of {batch}) | {loop:.1f} | {c / loop:.3f} (speed-up {loop / c:.1f}×) |")
        if tb:
            t = tb[0]["ms"] / 1e3
            print(f"| {label}: TF batched (all {tb[0]['batch']} at once) | {c:.1f} | {t:.1f} | {c / t:.2f} |")
        # one image-step: forward to the layer and back to the input for one image
        cs_step = cb[0]["ms"] / (filters * steps)
        tf_steps = []
        if tl:
            tf_steps.append(f"one at a time {tl[0]['per_filter_median_ms'] / steps:.1f}")
        if tb:
            tf_steps.append(f"batched {tb[0]['ms'] / (tb[0]['filters'] * tb[0]['steps']):.1f}")
        print(f"{per_step} {cs_step:.1f} | {', '.join(tf_steps) or '–'} | |")
        print(f"| filters peak RSS | {rss('convscope-filters')} | batched {rss('tf-filters-batched')}, "
              f"one at a time {rss('tf-filters-loop')} | |")
        print(f"\nConvscope graph build before the timed run: {cb[0]['warmup_ms'] / 1e3:.1f} s; dead filters: {cb[0]['dead']}")


if __name__ == "__main__":
    main()
