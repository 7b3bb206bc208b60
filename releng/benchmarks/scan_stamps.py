#!/usr/bin/env python3
"""The Spark job's time stamps of each run of scan_spark_vs_local.sh (run with
CONVSCOPE_SCAN_TIMES=1), as seconds after the whole command started: the command's start is taken
as the end of the run's stderr file (its last stamp is written as the job ends) minus the run's
wall time, so the first column is within ~0.1 s.

    releng/benchmarks/scan_stamps.py [BENCH_DIR=/tmp/convscope-bench]
"""
import json
import os
import re
import sys

bench = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CONVSCOPE_BENCH_DIR", "/tmp/convscope-bench")
STAMP = re.compile(r"\[times\] ([0-9.]+) s after this JVM started \(clock (\d+) ms, thread (.*)\): (.*)")
runs = {}
for line in open(os.path.join(bench, "scan_spark_vs_local.jsonl")):
    d = json.loads(line)
    if d.get("side") == "spark":
        runs[d["round"]] = d
for r, d in sorted(runs.items()):
    err = os.path.join(bench, f"scan-spark-{r}.err")
    if not os.path.exists(err):
        continue
    stamps = [STAMP.match(l) for l in open(err)]
    stamps = [(float(m.group(1)), int(m.group(2)), m.group(4)) for m in stamps if m]
    if not stamps:
        continue
    start = os.path.getmtime(err) * 1000 - d["wall_s"] * 1000
    first = stamps[0]
    print(f"round {r}: wall {d['wall_s']} s, {d['images_per_s']} images/s, load {d['load1']}; "
          f"the job's JVM started {(first[1] - first[0] * 1000 - start) / 1000:.1f} s after the command")
    for sec, clock, what in stamps:
        print(f"  {(clock - start) / 1000:6.1f}  {what}")
