#!/usr/bin/env bash
# Issue 16 quality: the lucid preset against the notebook's on the same channels of pretrained
# models, by PatternQualityBench (org.convscope.engine.visualize, releng/benchmarks/src):
#   (a) robustness: the channel's mean on 16 random transforms of the finished pattern (shift up
#       to 16 px, scale 0.9-1.1, rotation +-10 degrees; outside filled with the pattern's mean)
#       divided by its mean on the pattern itself;
#   (b) the fraction of the pattern's spectral power above a quarter of the Nyquist frequency
#       (0.125 cycles per pixel; channel means removed);
#   (c) the objective reached: the channel's mean on the pattern (after the layer's activation).
# The measures read the pattern as the model takes it, so how a preset draws its tile does not
# enter.
#
#   releng/benchmarks/lucid_quality.sh            # a Markdown table on stdout, raw JSON lines in
#                                                 # $CONVSCOPE_BENCH_DIR/lucid-quality-<time>.jsonl
#   env: CHANNELS (0,1,2,3), LUCID_STEPS (512), NOTEBOOK_STEPS (40), SIZE (96: the TF.js
#        MobileNetV2's side; its first layers take any size; MNIST runs at its fixed 28), WORK (the npm models,
#        /tmp/convscope-readme as releng/readme/make_explain_figure.sh unpacks them), and those
#        of common.sh
#
# Models (pretrained; random weights show nothing):
#   - the bundled MNIST sample (conv2d_2, grey 28x28, rescale);
#   - nsfwjs 4.4.0's MobileNetV2 (TensorFlow.js layers format, Keras 2.2.4, inputs x / 255),
#     layer block_2_add; unpacked by releng/readme/make_explain_figure.sh into $WORK/nsfwjs.
set -euo pipefail
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench-lucid}"
source "$(dirname "$0")/common.sh"
channels="${CHANNELS:-0,1,2,3}"
lucid_steps="${LUCID_STEPS:-512}"
notebook_steps="${NOTEBOOK_STEPS:-40}"
work="${WORK:-/tmp/convscope-readme}"
[ -f "$work/nsfwjs/model.json" ] || { note "no $work/nsfwjs/model.json: run releng/readme/make_explain_figure.sh first"; exit 1; }
compile
cp="$(classpath)"
out="$bench_dir/lucid-quality-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
run() {
  "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.visualize.PatternQualityBench \
    --channels "$channels" --steps-lucid "$lucid_steps" --steps-notebook "$notebook_steps" "$@"
}
{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  run --model "$repo/bundles/org.convscope.samples/models/mnist_convnet.keras" --layer conv2d_2 \
    --preprocess rescale --channels-in 1 --size 28 | sed 's/^{/{"model":"mnist_convnet",/'
  run --model "$work/nsfwjs/model.json" --layer block_2_add --preprocess rescale --size "${SIZE:-96}" \
    | sed 's/^{/{"model":"nsfwjs MobileNetV2",/'
  printf '{"info":"uptime after","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
} | tee "$out" >&2
"$python" "$here/lucid_quality_report.py" "$out"
