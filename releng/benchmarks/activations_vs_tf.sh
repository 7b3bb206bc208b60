#!/usr/bin/env bash
# Issue 4 performance: Convscope's engine (ND4J SameDiff on libnd4j) against TensorFlow, in the
# same run, alternating, in fresh processes:
#   - the DLwP 5.2 convnet, every layer's activations, 1 image 150x150;
#   - VGG16, 1 image 224x224: the prediction alone and every layer's activations, with GFLOP/s and
#     % of this machine's fp32 peak, measured before the first and after the last round of the
#     same run (the better of numpy's and oneDNN's sgemm: common.sh's measure_peaks);
#   - the channel grids of VGG16's 13 conv layers (ChannelGridRenderer, Convscope only);
#   - peak RSS of every process.
#
#   releng/benchmarks/activations_vs_tf.sh [ROUNDS] [RUNS]   (default 3 rounds x 10 calls)
#
# Each round starts one Convscope JVM and one Python process per model, their order swapped every
# round; each process makes 2 untimed warm-up calls then RUNS timed calls (cases alternating).
# Both read the same random input (.npy) and the same Keras file (random weights, make_models.py).
# Raw JSON lines: $CONVSCOPE_BENCH_DIR/activations-<time>.jsonl. Environment: see common.sh.
# On the AVX-512 EPYC of session 15, TensorFlow 2.21's oneDNN path died with SIGSEGV on the
# convnet (exit 139); TF_ENABLE_ONEDNN_OPTS=0 runs it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
rounds="${1:-3}"
runs="${2:-10}"

"$python" "$here/make_models.py" "$bench_dir" >&2
compile
cp="$(classpath)"
out="$bench_dir/activations-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
"$python" - "$bench_dir" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(4)
for n in (150, 224):
    np.save(f"{sys.argv[1]}/input{n}.npy", rng.random((1, n, n, 3), dtype=np.float32))
PY

{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"cpu","value":"%s, %s cores"}\n' "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  printf '{"info":"java","value":"%s"}\n' "$("$java" -version 2>&1 | head -n 1 | tr -d '"')"
  printf '{"info":"command","value":"releng/benchmarks/activations_vs_tf.sh %s %s"}\n' "$rounds" "$runs"
} > "$out"
measure_peaks before "$out" "$cp"

for r in $(seq 1 "$rounds"); do
  export BENCH_ROUND="$r"
  for m in convnet vgg16; do
    if [ "$m" = convnet ]; then
      size=150; jcases=all; tcases=all,predict_on_batch; grids=()
    else
      size=224; jcases=all,predictions; tcases=all,predictions; grids=(--grids)
    fi
    cs=(measure "convscope-$m" "$out" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.ActivationsBench
        --model "$bench_dir/$m.h5" --input "$bench_dir/input$size.npy" --label "$m" --runs "$runs"
        --cases "$jcases" "${grids[@]}")
    tf=(measure "tf-$m" "$out" "$python" "$here/tf_activations.py" --model "$bench_dir/$m.h5"
        --input "$bench_dir/input$size.npy" --label "$m" --runs "$runs" --cases "$tcases")
    note "round $r/$rounds, $m (load $(cut -d' ' -f1 /proc/loadavg))"
    if [ $((r % 2)) -eq 1 ]; then "${cs[@]}"; "${tf[@]}"; else "${tf[@]}"; "${cs[@]}"; fi
  done
done

measure_peaks after "$out" "$cp"

"$python" "$here/report.py" activations "$out"
note "raw results: $out"
