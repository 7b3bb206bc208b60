#!/usr/bin/env bash
# Where the engine's time goes in a warm forward pass (the analysis in RESULTS.md):
#   1. ForwardProfile: each SameDiff op timed by a listener, SameDiff's own overhead, the copies
#      to Java arrays, and each VGG16 conv shape alone through Nd4j.exec;
#   2. oneDNN's own trace (DNNL_VERBOSE=1) of the last of three forward passes: time per primitive
#      kind (convolution, reorder, pooling, matmul) and every conv/reorder with its shape.
#
#   releng/benchmarks/profile_engine.sh [vgg16|convnet] [RUNS=6]
#
# Set OMP_NUM_THREADS to compare thread counts. Models and inputs as activations_vs_tf.sh makes
# them; environment: see common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"
model="${1:-vgg16}"
runs="${2:-6}"
size=224
[ "$model" = convnet ] && size=150
"$python" "$here/make_models.py" "$bench_dir" >&2
[ -f "$bench_dir/input$size.npy" ] || "$python" -c "import numpy as np; \
np.save('$bench_dir/input$size.npy', np.random.default_rng(4).random((1, $size, $size, 3), dtype=np.float32))"
compile
cp="$(classpath)"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uptime | sed 's/^ *//'), $(revision), OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}"
"$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.ForwardProfile \
  "$bench_dir/$model.h5" "$bench_dir/input$size.npy" "$runs"

trace="$(mktemp)"
trap 'rm -f "$trace"' EXIT
DNNL_VERBOSE=1 "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.ActivationsBench \
  --model "$bench_dir/$model.h5" --input "$bench_dir/input$size.npy" --label "$model" --runs 0 \
  --cases predictions > "$trace" 2>&1
grep '^dnnl_verbose,info' "$trace" | sed 's/^/# /'
# three forward passes ran (first, two warm-ups); keep the last one's primitives
per_pass=$(( $(grep -c '^dnnl_verbose,exec' "$trace") / 3 ))
echo "oneDNN primitives of the last forward pass (ms):"
grep '^dnnl_verbose,exec' "$trace" | tail -n "$per_pass" \
  | awk -F, '{t[$4]+=$NF; n[$4]++} END {for (k in t) printf "  %-14s x%-3d %8.1f\n", k, n[k], t[k]}'
grep '^dnnl_verbose,exec' "$trace" | tail -n "$per_pass" | grep -E ',(convolution|reorder),' \
  | awk -F, '{printf "  %-12s %-24s %-60s %8.2f\n", $4, $5, $(NF-1), $NF}'
