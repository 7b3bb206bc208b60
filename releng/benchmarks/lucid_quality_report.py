"""Markdown tables of lucid_quality.sh's JSON lines: per model and preset, the medians over the
channels of (a) robustness, (b) high-frequency power fraction and (c) the objective reached, on
the pattern and on the pattern clamped to the valid pixels (the picture), then every channel."""
import json
import statistics
import sys

rows = []
info = {}
with open(sys.argv[1]) as f:
    for line in f:
        line = line.strip()
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        if "info" in d:
            info[d["info"]] = d["value"]
        else:
            rows.append(d)

for k in ("date", "revision", "uptime", "uptime after"):
    if k in info:
        print(f"- {k}: {info[k]}")
print()
print("| model | layer | preset | steps | size | channels | robustness (a) | high-frequency power (b) | objective (c) | objective, picture (c) | s per channel |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
groups = {}
for r in rows:
    groups.setdefault((r["model"], r["layer"], r["preset"]), []).append(r)
for (model, layer, preset), rs in groups.items():
    med = lambda k: statistics.median(r[k] for r in rs)
    print(f"| {model} | {layer} | {preset} | {rs[0]['steps']} | {rs[0]['size']} | {len(rs)} | "
          f"{med('robustness'):.2f} | {med('high_frequency'):.3f} | {med('objective'):.3g} | "
          f"{med('objective_picture'):.3g} | "
          f"{med('seconds_per_channel'):.1f} |")
print()
print("Per channel (robustness / high-frequency / objective / objective of the picture):")
print()
print("| model | channel | lucid | notebook |")
print("|---|---:|---|---|")
by = {}
for r in rows:
    by.setdefault((r["model"], r["channel"]), {})[r["preset"]] = r
for (model, ch), d in by.items():
    cell = lambda r: "–" if r is None else (f"{r['robustness']:.2f} / {r['high_frequency']:.3f} / {r['objective']:.3g}"
                                                f" / {r['objective_picture']:.3g}")
    print(f"| {model} | {ch} | {cell(d.get('lucid'))} | {cell(d.get('notebook'))} |")
