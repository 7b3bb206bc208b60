#!/usr/bin/env bash
# Where a warm gradient call's time goes (issue 14, RESULTS.md session 10):
#   1. GradientProfile: the engine's own per-op timers (-Dconvscope.opTimes=true), per kind of op,
#      forward and backward, and the Java side (output shapes and arrays) — mean per call;
#   2. oneDNN's own trace (DNNL_VERBOSE=2) of one warm call: time per primitive kind, primitive
#      creation (cache hits and misses) against execution, and the reorders with their shapes.
#
#   releng/benchmarks/profile_gradients.sh [resnet50-gradcam|mobilenetv2-input_grad|resnet50-input_grad] [RUNS=5]
#
# Inputs as gradients_vs_tf.sh makes them (BATCH, default 16); environment: see common.sh.
set -euo pipefail
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench}"
source "$(dirname "$0")/common.sh"
c="${1:-resnet50-gradcam}"
runs="${2:-5}"
batch="${BATCH:-16}"
m="${c%%-*}"; k="${c#*-}"
"$python" "$here/make_models.py" "$bench_dir" >&2
"$python" - "$bench_dir" "$batch" <<'PY'
import os, sys, numpy as np
rng = np.random.default_rng(14)
one, many = f"{sys.argv[1]}/x224.npy", f"{sys.argv[1]}/x224_b{sys.argv[2]}.npy"
x1 = (rng.random((1, 224, 224, 3), dtype=np.float32) * 255 - 128)
xb = (rng.random((int(sys.argv[2]), 224, 224, 3), dtype=np.float32) * 2 - 1)
os.path.exists(one) or np.save(one, x1)
os.path.exists(many) or np.save(many, xb)
PY
compile
cp="$(classpath)"
args=(--model "$bench_dir/$m.keras" --case "$k")
case "$k" in
  gradcam) args+=(--input "$bench_dir/x224.npy" --layer conv5_block3_out) ;;
  *) args+=(--input "$bench_dir/x224_b$batch.npy") ;;
esac
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uptime | sed 's/^ *//'), $(revision), $c (BATCH=$batch), ${engine_env[*]}"
"${engine_env[@]}" "$java" "${jvm_flags[@]}" -Dconvscope.opTimes=true -cp "$cp" org.convscope.engine.bench.GradientProfile \
  "${args[@]}" --runs "$runs"
echo "# load after the timers: $(cut -d' ' -f1-3 /proc/loadavg)"

trace="$bench_dir/dnnl-trace-$c.txt"
DNNL_VERBOSE=2 ONEDNN_VERBOSE=2 "${engine_env[@]}" "$java" "${jvm_flags[@]}" -Dconvscope.opTimes=true -cp "$cp" \
  org.convscope.engine.bench.GradientProfile "${args[@]}" --runs 1 > "$trace" 2>&1
grep -m 3 '^dnnl_verbose,info' "$trace" | sed 's/^/# /' || true
echo "# the whole trace: $trace"
# the one timed call: the trace's lines after its marker
last="$(sed -n '/^# timed call 0/,$p' "$trace")"
echo "oneDNN in one warm call (ms): primitive kind, executions, time; creations (cache hit/miss), time"
grep '^dnnl_verbose,exec' <<< "$last" \
  | awk -F, '{t[$4]+=$NF; n[$4]++} END {for (k in t) printf "  exec   %-16s x%-4d %8.1f\n", k, n[k], t[k]}' | sort -k4 -n -r
grep '^dnnl_verbose,create' <<< "$last" \
  | awk -F, '{t[$2" "$4]+=$NF; n[$2" "$4]++} END {for (k in t) printf "  %-40s x%-4d %8.1f\n", k, n[k], t[k]}' | sort -k3 -n -r
echo "reorders in that call, by shape (ms):"
grep '^dnnl_verbose,exec,cpu,reorder' <<< "$last" \
  | awk -F, '{t[$(NF-1)]+=$NF; n[$(NF-1)]++} END {for (k in t) printf "  %-60s x%-3d %8.2f\n", k, n[k], t[k]}' \
  | sort -k3 -n -r | head -n 25
echo "convolutions in that call, by shape and implementation (ms):"
grep '^dnnl_verbose,exec,cpu,convolution' <<< "$last" \
  | awk -F, '{k=$5" "$6" "$(NF-1); t[k]+=$NF; n[k]++} END {for (k in t) printf "  %-100s x%-3d %8.2f\n", k, n[k], t[k]}' \
  | sort -k5 -n -r | head -n 40
