#!/usr/bin/env bash
# Issue 18's memory goal: a scan's memory is bounded by the batch, not by the dataset (a
# 100,000-image scan runs in the same RSS as a 10,000-image one). Runs `convscope scan` (and, with
# SIDES including spark, `convscope scan --spark local[2]`) of the bundled MNIST convnet over each
# set given, three layers, top 9, batch 32, into fresh stores, under /usr/bin/time -v, sampling the
# resident memory of the command's whole process tree (the CLI's JVM and, with --spark, the job's)
# once a second with ps. One JSON line per run: images, wall, the scan's own rate, /usr/bin/time's
# peak RSS (the largest single process), the sampled tree's peak, its median over the second half
# of the run, the sampled curve in MB, and from each JVM's GC log (-Xlog:gc through
# JAVA_TOOL_OPTIONS, one file per process under the bench folder) its heap: the largest committed
# size, the committed size at its last collection, the largest size in use after a collection and
# the number of collections. The committed heap does not depend on the machine's load, as RSS may:
# the figure to compare between a 10,000- and a 100,000-image run on a busy machine.
#
# The 100,000-image set is made from the 10,000 digits (make_mnist_fixture.py --all /tmp/mnist10k):
# ten hard-linked copies under /tmp/mnist100k/copyN/ (no extra disk; never committed):
#   mkdir -p /tmp/mnist100k && for i in 0 1 2 3 4 5 6 7 8 9; do cp -al /tmp/mnist10k /tmp/mnist100k/copy$i; done
#
#   releng/benchmarks/scan_memory.sh [SIDES="local spark"] [SETS="/tmp/mnist10k /tmp/mnist100k"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sides="${1:-local spark}"
sets="${2:-/tmp/mnist10k /tmp/mnist100k}"
model="$repo/bundles/org.convscope.samples/models/mnist_convnet.keras"
layers=conv2d_1,conv2d_2,conv2d_3
out="$bench_dir/scan_memory.jsonl"

# the resident memory, in KB, of a process and all its descendants
tree_rss() {
  local pids="$1" all="$1" next p
  while [ -n "$pids" ]; do
    next=""
    for p in $pids; do
      next="$next $(pgrep -P "$p" 2>/dev/null | tr '\n' ' ')"
    done
    pids="$(echo $next)"
    all="$all $pids"
  done
  # a process may end between the listing and ps: the others are summed, and none is 0
  { ps -o rss= -p "$(echo $all | tr ' ' ',')" 2>/dev/null || true; } | awk '{ s += $1 } END { print s + 0 }'
}

for set in $sets; do
  [ -d "$set" ] || { note "no $set (see the comment at the top of this script)"; exit 1; }
  for side in $sides; do
    store="$bench_dir/scan-memory-$side-$(basename "$set").db"
    rm -f "$store" "$store-wal" "$store-shm"
    extra=()
    [ "$side" = spark ] && extra=(--spark 'local[2]')
    tfile="$(mktemp)"
    gclogs="$bench_dir/gc-$side-$(basename "$set")-$(date -u +%Y%m%dT%H%M%SZ)"
    mkdir -p "$gclogs"
    start=$(date +%s.%N)
    JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Xlog:gc:file=$gclogs/gc-%p.log" \
      /usr/bin/time -v -o "$tfile" "$repo/convscope" scan "$model" "$set" --layers "$layers" --top 9 --batch 32 \
      --out "$store" "${extra[@]}" > "$tfile.out" 2> "$tfile.err" &
    pid=$!
    curve=()
    while kill -0 "$pid" 2>/dev/null; do
      curve+=("$(tree_rss "$pid" || true)")
      sleep 1
    done
    rc=0
    wait "$pid" || rc=$?
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    if [ "$rc" -ne 0 ]; then
      note "FAILED ($rc): $side $set"; tail -n 20 "$tfile.err" >&2
      exit 1
    fi
    line="$(tail -n 1 "$tfile.out")"
    images=$(sed -n 's/^scanned \([0-9]*\) images.*/\1/p' <<<"$line")
    rate=$(sed -n 's/.*(\([0-9]*\) images\/s).*/\1/p' <<<"$line")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tfile")
    printf '%s\n' "${curve[@]}" | "$python" -c '
import json, sys
c = [int(l) for l in sys.stdin if l.strip()]
half = sorted(c[len(c) // 2:]) or [0]
print(json.dumps({"peak_tree_kb": max(c or [0]), "median_second_half_kb": half[len(half) // 2],
                  "curve_mb": [round(v / 1024) for v in c]}))' > "$tfile.curve"
    "$python" - "$gclogs" > "$tfile.gc" <<'PY'
import glob, json, re, sys
# "GC(12) Pause Young (Allocation Failure) 100M->20M(256M) 3.456ms": before, after, committed
pause = re.compile(r"GC\(\d+\) Pause .* (\d+)M->(\d+)M\((\d+)M\)")
jvms = []
for f in glob.glob(sys.argv[1] + "/gc-*.log"):
    gcs = [tuple(map(int, m.groups())) for m in map(pause.search, open(f)) if m]
    if gcs:
        jvms.append({"max_committed_mb": max(g[2] for g in gcs), "last_committed_mb": gcs[-1][2],
                     "max_after_gc_mb": max(g[1] for g in gcs), "collections": len(gcs)})
print(json.dumps({"gc_heap": sorted(jvms, key=lambda j: -j["max_committed_mb"])}))
PY
    "$python" - "$tfile.curve" "$tfile.gc" "$set" "$side" "$images" "$rate" "$wall" "$rss" \
      "$(cut -d' ' -f1 /proc/loadavg)" "$(revision)" <<'PY' | tee -a "$out"
import json, sys
curve = json.load(open(sys.argv[1]))
gc = json.load(open(sys.argv[2]))
_, _, _, s, side, images, rate, wall, rss, load, rev = sys.argv
print(json.dumps({"set": s, "side": side, "images": int(images), "images_per_s": int(rate),
                  "wall_s": round(float(wall), 1), "max_rss_kb": int(rss), **gc, **curve, "load1": float(load),
                  "revision": rev}))
PY
    rm -f "$tfile" "$tfile.out" "$tfile.err" "$tfile.curve" "$tfile.gc"
  done
done
