#!/usr/bin/env python3
"""This machine's measured fp32 peak, for the benchmarks' "fraction of peak" figures: the best of
ROUNDS single-precision matrix products (numpy's sgemm, OpenBLAS, all cores), N x N times N x N,
2 N^3 FLOP each. A vendor sgemm at this size runs within a few per cent of the FMA units' limit, so
this is the practical ceiling a convolution engine can reach on this CPU today, measured in the
same run as the figures it scales (the CPU model of this project's machines changes from day to
day, and so does its clock).

  python3 peak.py [--n 4096] [--rounds 5] [--threads T]

Prints one JSON line: {"case": "peak", "gflops": best, "gflops_median": ..., "n": N, "threads": T,
"cpu": model name, "flags": vector extensions}.
"""
import argparse
import json
import os
import statistics
import time


def cpu():
    name, flags = "unknown", []
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name") and name == "unknown":
                name = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not flags:
                flags = [x for x in line.split(":", 1)[1].split() if x.startswith(("avx", "fma"))]
    return name, sorted(set(flags))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=4096)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    # the thread count must be set before numpy loads OpenBLAS
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(a.threads)
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((a.n, a.n), dtype=np.float32)
    y = rng.random((a.n, a.n), dtype=np.float32)
    out = np.empty((a.n, a.n), dtype=np.float32)
    np.matmul(x, y, out=out)  # warm-up: thread pool, page faults
    rates = []
    for _ in range(a.rounds):
        t = time.perf_counter()
        np.matmul(x, y, out=out)
        rates.append(2 * a.n ** 3 / (time.perf_counter() - t) / 1e9)
    name, flags = cpu()
    print(json.dumps({"case": "peak", "gflops": round(max(rates), 1),
                      "gflops_median": round(statistics.median(rates), 1), "n": a.n, "threads": a.threads,
                      "cpu": name, "flags": " ".join(flags)}), flush=True)


if __name__ == "__main__":
    main()
