#!/usr/bin/env bash
# What each build of libnd4j is worth on this CPU: NativeBuildsBench (a fixed loop of convolution,
# element-wise, reduction and pooling work) once per build the CPU runs, alternating, ROUNDS times.
# Also prints which oneDNN kernels each build ran (DNNL_VERBOSE): oneDNN picks them at run time.
#   releng/benchmarks/native_builds.sh [ROUNDS=3]     # ~1 min on a quiet machine
set -euo pipefail
source "$(dirname "$0")/common.sh"
rounds="${1:-3}"
flags="$(awk -F: '/^flags/ {print " " $2 " "; exit}' /proc/cpuinfo)"
builds=(-onednn)
case "$flags" in *" avx2 "*) builds+=(-onednn-avx2) ;; esac
case "$flags" in *" avx512f "*" avx512bw "*|*" avx512bw "*" avx512f "*) builds+=(-onednn-avx512) ;; esac
cp="$(classpath | sed 's#^[^:]*:[^:]*:##')"   # the jars only: the bench needs no Convscope classes
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uptime | sed 's/^ *//')"
for build in "${builds[@]}"; do
  kernels="$(DNNL_VERBOSE=1 "$java" "${jvm_flags[@]}" -Dorg.bytedeco.javacpp.platform.extension="$build" \
    -cp "$cp" "$here/NativeBuildsBench.java" 1 2>&1 | awk -F, '/dnnl_verbose,exec,cpu/ {print $4 ":" $5}' | sort -u | paste -sd' ')"
  echo "# $build: oneDNN ran $kernels"
done
for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do
    "$java" "${jvm_flags[@]}" -Dorg.bytedeco.javacpp.platform.extension="$build" -cp "$cp" \
      "$here/NativeBuildsBench.java" 20 | sed "s/^{/{\"round\":$round,/"
  done
done
