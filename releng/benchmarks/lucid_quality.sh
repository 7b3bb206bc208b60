#!/usr/bin/env bash
# Issue 16 quality: the lucid preset against the notebook's on the same channels of pretrained
# models, by PatternQualityBench (org.convscope.engine.visualize, releng/benchmarks/src):
#   (a) robustness: the channel's mean on 16 random transforms of the finished pattern (shift up
#       to 16 px, scale 0.9-1.1, rotation +-10 degrees; outside filled with the pattern's mean)
#       divided by its mean on the pattern itself;
#   (b) the fraction of the pattern's spectral power above a quarter of the Nyquist frequency
#       (0.125 cycles per pixel; channel means removed);
#   (c) the objective reached: the channel's mean on the pattern (after the layer's activation),
#       and on the pattern as a picture (clamped to the pixels 0-255 can show; the notebook's
#       ascent leaves that range).
# The measures read the pattern as the model takes it, so how a preset draws its tile does not
# enter.
#
#   releng/benchmarks/lucid_quality.sh            # a Markdown table on stdout, raw JSON lines in
#                                                 # $CONVSCOPE_BENCH_DIR/lucid-quality-<time>.jsonl
#   env: CHANNELS (0-7), LUCID_STEPS (512), NOTEBOOK_STEPS (40), MODELS ("mnist mobilenetv2
#        inceptionv3"), WORK (where releng/readme/nsfwjs_models.sh unwraps the npm models,
#        /tmp/convscope-readme), and those of common.sh
#
# Models (pretrained; random weights show nothing), each at its own input size:
#   - mnist: the bundled MNIST sample (conv2d_2, grey 28x28, rescale);
#   - mobilenetv2: nsfwjs 4.4.0's MobileNetV2 (TensorFlow.js layers format, Keras 2.2.4, 224x224,
#     inputs x / 255), layer block_2_add;
#   - inceptionv3: nsfwjs 4.4.0's InceptionV3 (the same, 299x299, weights quantised to uint8),
#     layer mixed3 (a concatenation of four ReLU branches).
set -euo pipefail
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench-lucid}"
source "$(dirname "$0")/common.sh"
channels="${CHANNELS:-0,1,2,3,4,5,6,7}"
lucid_steps="${LUCID_STEPS:-512}"
notebook_steps="${NOTEBOOK_STEPS:-40}"
models="${MODELS:-mnist mobilenetv2 inceptionv3}"
work="${WORK:-/tmp/convscope-readme}"
case " $models " in *" mobilenetv2 "*|*" inceptionv3 "*) WORK="$work" "$repo/releng/readme/nsfwjs_models.sh" ;; esac
compile
cp="$(classpath)"
out="$bench_dir/lucid-quality-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
run() { # name, then PatternQualityBench's arguments
  local name="$1"
  shift
  "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.visualize.PatternQualityBench \
    --channels "$channels" --steps-lucid "$lucid_steps" --steps-notebook "$notebook_steps" "$@" \
    | sed "s/^{/{\"model\":\"$name\",/"
}
{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  for m in $models; do
    case "$m" in
      mnist) run mnist_convnet --model "$repo/bundles/org.convscope.samples/models/mnist_convnet.keras" \
        --layer conv2d_2 --preprocess rescale --channels-in 1 --size 28 ;;
      mobilenetv2) run "nsfwjs MobileNetV2" --model "$work/nsfwjs/model.json" --layer block_2_add \
        --preprocess rescale --size 224 ;;
      inceptionv3) run "nsfwjs InceptionV3" --model "$work/nsfwjs-inception/model.json" --layer mixed3 \
        --preprocess rescale --size 299 ;;
      *) note "unknown model $m (mnist, mobilenetv2, inceptionv3)"; exit 1 ;;
    esac
  done
  printf '{"info":"uptime after","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
} | tee "$out" >&2
"$python" "$here/lucid_quality_report.py" "$out"
