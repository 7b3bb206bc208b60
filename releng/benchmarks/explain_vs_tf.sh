#!/usr/bin/env bash
# Issue 15 item 6: every attribution method of `convscope explain` against a TensorFlow
# implementation of the same definition, warm, in the same run, fresh processes, the order of the
# two sides swapped every round:
#   - the 15 methods, then Grad-CAM with the trust measures (`metrics`: deletion and insertion AUC,
#     top 25 % kept) and Grad-CAM with the model-randomisation check (`sanity`: 3 randomised
#     copies), each as one explanation of the top class of one 224x224 image, default options
#     (IG 32 steps, SmoothGrad 25 samples over saliency, occlusion 32 at stride 16, batches of 32);
#   - on VGG16 (layer block5_conv3), ResNet50 (conv5_block3_out) and MobileNetV2 (out_relu);
#   - Convscope: org.convscope.engine.bench.ExplainBench (releng/benchmarks/src) on the engine;
#     TensorFlow: tf_explain.py, the definitions of releng/checks/explain_applications_vs_tf.py
#     with their TensorFlow work in tf.function;
#   - one process per model and side holds all the cases: per case one untimed call, then RUNS
#     timed ones; peak RSS of every process (/usr/bin/time -v).
#
#   releng/benchmarks/explain_vs_tf.sh [ROUNDS=2] [RUNS=3]   # hours on a quiet 2-core machine:
#                                    # Score-CAM runs 512-2048 forward passes per call
#   env: MODELS (vgg16,resnet50,mobilenetv2), CASES (all 15 methods,metrics,sanity),
#   TF_ENABLE_ONEDNN_OPTS (default 1 = TensorFlow's own default on x86 Linux, oneDNN on; set here
#   because the reference module sets 0 when it is unset; the report says which), and those of
#   common.sh.
#
# The models have random weights (keras.applications with weights=None, made once by
# make_models.py in $CONVSCOPE_BENCH_DIR, never committed): speed does not depend on their values.
# Raw JSON lines: $CONVSCOPE_BENCH_DIR/explain-<time>.jsonl; a Markdown table on stdout.
set -euo pipefail
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench}"
source "$(dirname "$0")/common.sh"
rounds="${1:-2}"
runs="${2:-3}"
models="${MODELS:-vgg16,resnet50,mobilenetv2}"
cases="${CASES:-gradcam,gradcam++,hirescam,layercam,xgradcam,eigencam,scorecam,ablationcam,saliency,inputxgrad,ig,smoothgrad,guided-backprop,guided-gradcam,occlusion,metrics,sanity}"
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"

"$python" "$here/make_models.py" "$bench_dir" >&2
compile
cp="$(classpath)"
out="$bench_dir/explain-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
"$python" - "$bench_dir" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(15)
# one image in the caffe-preprocessed range of VGG16/ResNet50 (about -124..151); MobileNetV2's
# "tf" range is -1..1, the scale does not change the work
np.save(f"{sys.argv[1]}/x224_explain.npy", (rng.random((1, 224, 224, 3), dtype=np.float32) * 255 - 128))
PY

{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"cpu","value":"%s, %s cores"}\n' "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  printf '{"info":"java","value":"%s"}\n' "$("$java" -version 2>&1 | head -n 1 | tr -d '"')"
  printf '{"info":"TF_ENABLE_ONEDNN_OPTS","value":"%s"}\n' "$TF_ENABLE_ONEDNN_OPTS"
  printf '{"info":"engine environment","value":"%s"}\n' "${engine_env[*]}"
  printf '{"info":"command","value":"releng/benchmarks/explain_vs_tf.sh %s %s (MODELS=%s)"}\n' "$rounds" "$runs" "$models"
} > "$out"

IFS=, read -r -a model_list <<< "$models"
for r in $(seq 1 "$rounds"); do
  export BENCH_ROUND="$r"
  for m in "${model_list[@]}"; do
    case "$m" in
      vgg16) file="$bench_dir/vgg16.h5"; layer=block5_conv3 ;;
      resnet50) file="$bench_dir/resnet50.keras"; layer=conv5_block3_out ;;
      mobilenetv2) file="$bench_dir/mobilenetv2.keras"; layer=out_relu ;;
      *) note "unknown model $m (vgg16, resnet50, mobilenetv2)"; exit 2 ;;
    esac
    args=(--model "$file" --input "$bench_dir/x224_explain.npy" --label "$m" --layer "$layer" --cases "$cases"
      --runs "$runs")
    cs=(measure "convscope-$m" "$out" "${engine_env[@]}" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.bench.ExplainBench "${args[@]}")
    tf=(measure "tf-$m" "$out" "$python" "$here/tf_explain.py" "${args[@]}")
    note "round $r/$rounds, $m (load $(cut -d' ' -f1 /proc/loadavg))"
    if [ $((r % 2)) -eq 1 ]; then "${cs[@]}"; "${tf[@]}"; else "${tf[@]}"; "${cs[@]}"; fi
  done
done

"$python" "$here/explain_report.py" "$out"
note "raw results: $out"
