#!/usr/bin/env bash
# Issue 14 performance: Convscope's engine against TensorFlow on the gradient work every
# explanation method runs, in the same run, fresh processes, order swapped every round:
#   - Grad-CAM, ResNet50 conv5_block3_out, top class, 1 image 224x224, warm (TF: tf.function);
#   - input gradient of a class score per image, batch of BATCH (32) images, ResNet50 and
#     MobileNetV2, warm;
#   - VGG16 forward, 1 image, warm, in GFLOP/s and as a fraction of this machine's fp32 peak;
#   - this machine's fp32 peak, measured before the first and after the last round of the same
#     run two ways: numpy's sgemm (peak.py) and oneDNN's (DnnlPeak, in the engine's JVM; on an
#     AVX-512 CPU numpy's OpenBLAS reached about half of it); GFLOP/s are fractions of the better;
#   - peak RSS of every process (/usr/bin/time -v) and the first call in each process.
#
#   releng/benchmarks/gradients_vs_tf.sh [ROUNDS=2] [RUNS=5]   # ~15 min on a quiet 2-core machine
#   env: BATCH (32), CASES (all of: resnet50-gradcam,resnet50-input_grad,mobilenetv2-input_grad,
#   vgg16-forward), TF_ENABLE_ONEDNN_OPTS (unset = TensorFlow's default, oneDNN on; the report says
#   which), BASE_SRC (a second source tree, e.g. a `git archive` of the revision before a change:
#   its engine runs too, as "before", in the same rounds, so that before / after and each / TF
#   come from one run), and those of common.sh.
#
# The models have random weights (keras.applications with weights=None, made once by
# make_models.py in $CONVSCOPE_BENCH_DIR, never committed): speed does not depend on their values.
# Raw JSON lines: $CONVSCOPE_BENCH_DIR/gradients-<time>.jsonl; a Markdown table on stdout.
set -euo pipefail
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench}"
source "$(dirname "$0")/common.sh"
rounds="${1:-2}"
runs="${2:-5}"
batch="${BATCH:-32}"
cases="${CASES:-resnet50-gradcam,resnet50-input_grad,mobilenetv2-input_grad,vgg16-forward}"

"$python" "$here/make_models.py" "$bench_dir" >&2
compile
cp="$(classpath)"
base_cp=""
base_env=(env)
if [ -n "${BASE_SRC:-}" ]; then
  base_cp="$(src="$BASE_SRC"; classes="$bench_dir/classes-$(printf '%s' "$src" | md5sum | cut -c1-8)"; compile >&2; classpath)"
  # the environment that revision's ./convscope gave the engine
  base_env=(env "GLIBC_TUNABLES=$(tunables "$BASE_SRC")")
fi
out="$bench_dir/gradients-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
"$python" - "$bench_dir" "$batch" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(14)
# inputs in the models' preprocessed range ("caffe" ResNet50/VGG16 about -124..151, "tf" -1..1)
np.save(f"{sys.argv[1]}/x224.npy", (rng.random((1, 224, 224, 3), dtype=np.float32) * 255 - 128))
np.save(f"{sys.argv[1]}/x224_b{sys.argv[2]}.npy",
        (rng.random((int(sys.argv[2]), 224, 224, 3), dtype=np.float32) * 2 - 1))
PY

{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"cpu","value":"%s, %s cores"}\n' "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  [ -z "$base_cp" ] || printf '{"info":"revision before (BASE_SRC)","value":"%s"}\n' "$(src="$BASE_SRC"; revision)"
  printf '{"info":"java","value":"%s"}\n' "$("$java" -version 2>&1 | head -n 1 | tr -d '"')"
  printf '{"info":"TF_ENABLE_ONEDNN_OPTS","value":"%s"}\n' "${TF_ENABLE_ONEDNN_OPTS:-unset (oneDNN on)}"
  printf '{"info":"engine environment","value":"%s"}\n' "${engine_env[*]}"
  [ -z "$base_cp" ] || printf '{"info":"engine environment before","value":"%s"}\n' "${base_env[*]}"
  printf '{"info":"command","value":"releng/benchmarks/gradients_vs_tf.sh %s %s (BATCH=%s)"}\n' "$rounds" "$runs" "$batch"
} > "$out"

measure_peaks before "$out" "$cp"
IFS=, read -r -a case_list <<< "$cases"
for r in $(seq 1 "$rounds"); do
  export BENCH_ROUND="$r"
  for c in "${case_list[@]}"; do
    m="${c%%-*}"; k="${c#*-}"
    args=(--model "$bench_dir/$m.keras" --label "$m" --case "$k" --runs "$runs")
    case "$m" in vgg16) args[1]="$bench_dir/vgg16.h5" ;; esac
    case "$k" in
      gradcam) args+=(--input "$bench_dir/x224.npy" --layer conv5_block3_out) ;;
      input_grad) args+=(--input "$bench_dir/x224_b$batch.npy") ;;
      *) args+=(--input "$bench_dir/x224.npy") ;;
    esac
    cs=(measure "convscope-$c" "$out" "${engine_env[@]}" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.GradientsBench "${args[@]}")
    tf=(measure "tf-$c" "$out" "$python" "$here/tf_gradients.py" "${args[@]}")
    note "round $r/$rounds, $c (load $(cut -d' ' -f1 /proc/loadavg))"
    before=(true)
    [ -z "$base_cp" ] || before=(measure "before-$c" "$out" "${base_env[@]}" "$java" "${jvm_flags[@]}" -cp "$base_cp"
      org.convscope.engine.bench.GradientsBench "${args[@]}")
    if [ $((r % 2)) -eq 1 ]; then "${cs[@]}"; "${tf[@]}"; "${before[@]}"
    else "${before[@]}"; "${tf[@]}"; "${cs[@]}"; fi
  done
done
measure_peaks after "$out" "$cp"

"$python" "$here/gradients_report.py" "$out"
note "raw results: $out"
