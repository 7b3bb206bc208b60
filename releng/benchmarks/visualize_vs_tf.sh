#!/usr/bin/env bash
# Issue 6 performance: Convscope's filter patterns and Grad-CAM (org.convscope.engine.visualize on
# the ND4J SameDiff engine) against TensorFlow doing the same as the notebook, in the same run:
#   - Grad-CAM on VGG16 (block5_conv3, top class, one 224x224 image): ROUNDS rounds, each one
#     Convscope JVM and one Python process (order swapped every round), RUNS timed calls each;
#   - filter patterns of VGG16 block3_conv1, FILTERS filters x 40 steps at 150x150 (the notebook's
#     settings): Convscope batched (BATCH filters per batch); TensorFlow batched (all at once) and
#     one filter at a time as the notebook does (LOOP_FILTERS of them timed; the figure for all
#     FILTERS is their median times FILTERS);
#   - peak RSS of every process.
#
#   releng/benchmarks/visualize_vs_tf.sh [ROUNDS] [RUNS]   (default 2 rounds x 5 calls)
#   env: FILTERS (64), STEPS (40), BATCH (16: at most; Convscope takes fewer when its memory
#   budget says so, and reports the batch it used), LOOP_FILTERS (8), and those of common.sh
#
# VGG16 has random weights (keras.applications.VGG16(weights=None), made once by make_models.py in
# $CONVSCOPE_BENCH_DIR, never committed): speed does not depend on the weights' values. Filter
# patterns use VGG16 without its classifier (include_top=False, any input size), as the notebook.
# Raw JSON lines: $CONVSCOPE_BENCH_DIR/visualize-<time>.jsonl; a Markdown summary on stdout.
set -euo pipefail
# its own folder: another benchmark recompiling the shared one under a running JVM breaks it
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench-visualize}"
source "$(dirname "$0")/common.sh"
rounds="${1:-2}"
runs="${2:-5}"
filters="${FILTERS:-64}"
steps="${STEPS:-40}"
batch="${BATCH:-16}"
loop_filters="${LOOP_FILTERS:-8}"

"$python" "$here/make_models.py" "$bench_dir" >&2
compile
cp="$(classpath)"
out="$bench_dir/visualize-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
# the notebook's filter patterns run on VGG16 without its classifier, which takes any image size
[ -f "$bench_dir/vgg16_notop.h5" ] || "$python" - "$bench_dir" <<'PY'
import os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras
keras.utils.set_random_seed(16)
keras.applications.VGG16(include_top=False, weights=None).save(f"{sys.argv[1]}/vgg16_notop.h5")
PY
[ -f "$bench_dir/input224.npy" ] || "$python" - "$bench_dir" <<'PY'
import sys, numpy as np
np.save(f"{sys.argv[1]}/input224.npy", np.random.default_rng(4).random((1, 224, 224, 3), dtype=np.float32))
PY

{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"cpu","value":"%s, %s cores"}\n' "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  printf '{"info":"command","value":"FILTERS=%s STEPS=%s BATCH=%s LOOP_FILTERS=%s visualize_vs_tf.sh %s %s"}\n' \
    "$filters" "$steps" "$batch" "$loop_filters" "$rounds" "$runs"
} > "$out"

vgg="$bench_dir/vgg16.h5"
notop="$bench_dir/vgg16_notop.h5"
for r in $(seq 1 "$rounds"); do
  cs=(measure convscope-gradcam "$out" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.VisualizeBench
      --model "$vgg" --case gradcam --input "$bench_dir/input224.npy" --runs "$runs")
  tf=(measure tf-gradcam "$out" "$python" "$here/tf_visualize.py" --model "$vgg" --case gradcam
      --input "$bench_dir/input224.npy" --runs "$runs")
  note "round $r/$rounds, Grad-CAM (load $(cut -d' ' -f1 /proc/loadavg))"
  if [ $((r % 2)) -eq 1 ]; then "${cs[@]}"; "${tf[@]}"; else "${tf[@]}"; "${cs[@]}"; fi
done

note "filters: Convscope, $filters x $steps steps, batches of $batch (load $(cut -d' ' -f1 /proc/loadavg))"
measure convscope-filters "$out" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.VisualizeBench \
  --model "$notop" --case filters --filters "$filters" --steps "$steps" --batch "$batch"
note "filters: TensorFlow, all $filters in one batch (load $(cut -d' ' -f1 /proc/loadavg))"
measure tf-filters-batched "$out" "$python" "$here/tf_visualize.py" --model "$notop" --case filters_batched \
  --filters "$filters" --steps "$steps"
note "filters: TensorFlow, one at a time, $loop_filters of them (load $(cut -d' ' -f1 /proc/loadavg))"
measure tf-filters-loop "$out" "$python" "$here/tf_visualize.py" --model "$notop" --case filters_loop \
  --filters "$loop_filters" --steps "$steps"

"$python" "$here/visualize_report.py" "$out" "$filters"
note "raw results: $out"
