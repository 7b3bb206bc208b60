#!/usr/bin/env bash
# Issue 14: the convolutions of ResNet50 and VGG16 (224², batch BATCH) through the engine's libnd4j
# path against oneDNN driven directly (ConvolutionsBench: NHWC activations, kernels reordered once,
# bias and ReLU fused), in one process, layer after layer, alternating; with this machine's fp32
# peak (peak.py) measured before and after, and oneDNN's choice of kernels.
#   releng/benchmarks/convolutions_dnnl.sh [PASSES=7]      # ~2 min on a quiet machine
# Environment: BATCH (default 1), NETS (default resnet50,vgg16); see common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"
passes="${1:-7}"
batch="${BATCH:-1}"
nets="${NETS:-resnet50,vgg16}"
compile
cp="$(classpath)"
out="$bench_dir/convolutions-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uptime | sed 's/^ *//')"
echo "# revision $(revision), batch $batch, $passes passes, ${engine_env[*]}"
"$python" "$here/peak.py" | tee -a "$out"
"${engine_env[@]}" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.engine.internal.ConvolutionsBench \
  "$batch" "$passes" "$nets" | tee -a "$out"
"$python" "$here/peak.py" | tee -a "$out"
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw lines: $out"
