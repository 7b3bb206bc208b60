#!/usr/bin/env bash
# Issue 14 item 5, whole processes of the command line (JVM start, read, build, forward, write)
# against TensorFlow, fresh processes, order alternating every round, wall time and peak RSS:
#   first   convscope activations vgg16.h5 x.npy --layers block1_conv1
#   four    convscope activations vgg16.h5 x.npy --layers block1_conv2,block2_conv2,block3_conv3,block4_conv3 --npy
#   tf-four tf_layers_npy.py: the same four layers to .npy in one Python process
#
#   releng/benchmarks/cli_vs_tf.sh [ROUNDS]   (default 3)
#
# The CLI runs on a plain classpath compiled from $CONVSCOPE_SRC (core, engine, scan, cli), with the
# JVM options and glibc tunables of ./convscope; a `git archive` of another commit as CONVSCOPE_SRC compares two commits.
# VGG16 with random weights comes from make_models.py. Environment: see common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"
rounds="${1:-3}"
four="block1_conv2,block2_conv2,block3_conv3,block4_conv3"

"$python" "$here/make_models.py" "$bench_dir" >&2
"$python" -c "import numpy as np, sys; np.save(sys.argv[1], np.random.default_rng(4).random((1, 224, 224, 3), dtype=np.float32))" \
  "$bench_dir/input224.npy"

cli_classes="$bench_dir/cli-$(printf '%s' "$src" | md5sum | cut -c1-8)"
libs="$(classpath)"
libs="${libs#*:}" # the jars only; the CLI's own classes come first
# the scan commands' store (the version the target platform pins)
libs="$libs:$HOME/.m2/repository/org/xerial/sqlite-jdbc/3.53.4.0/sqlite-jdbc-3.53.4.0.jar"
if [ ! -f "$cli_classes/.stamp" ] \
   || [ -n "$(find "$src"/bundles/org.convscope.{core,engine,scan,cli}/src -newer "$cli_classes/.stamp" | head -n 1)" ]; then
  note "compiling core, engine, scan and cli from $src ..."
  rm -rf "$cli_classes" && mkdir -p "$cli_classes"
  find "$src"/bundles/org.convscope.{core,engine,scan,cli}/src -name '*.java' > "$cli_classes.sources"
  "$javac" -nowarn -encoding UTF-8 --release 17 -proc:none -d "$cli_classes" -cp "$libs" @"$cli_classes.sources"
  for b in core engine scan cli; do
    (cd "$src/bundles/org.convscope.$b/src" && find . -name '*.properties' -exec cp --parents {} "$cli_classes" \;)
  done
  touch "$cli_classes/.stamp"
fi
cli=("${engine_env[@]}" "$java" -Xms256m -Xmx4g -XX:MetaspaceSize=96m -Dorg.bytedeco.javacpp.maxphysicalbytes=12G
     -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.slf4j.simpleLogger.defaultLogLevel=off
     -Dorg.slf4j.simpleLogger.logFile=System.err -cp "$cli_classes:$libs" org.convscope.cli.Main)

out="$bench_dir/cli_vs_tf-$(date -u +%Y%m%dT%H%M%SZ).txt"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# run TAG COMMAND...: one fresh process; prints TAG, wall seconds, peak RSS in MB, load average
run() {
  local tag="$1"; shift
  rm -rf "$tmp/out"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > "$tmp/stdout" 2> "$tmp/stderr" \
    || { note "FAILED: $*"; cat "$tmp/stderr" >&2; exit 1; }
  read -r wall rss < "$tmp/time"
  printf '%-8s %6.2f s %6.0f MB  load %s\n' "$tag" "$wall" "$((rss / 1024))" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
}
{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(revision), $(nproc) cores, $(uptime | sed 's/^ *//')"
} | tee "$out"
m="$bench_dir/vgg16.h5" x="$bench_dir/input224.npy"
for r in $(seq 1 "$rounds"); do
  steps=(first four tf-four)
  [ $((r % 2)) -eq 0 ] && steps=(tf-four four first)
  for s in "${steps[@]}"; do
    case "$s" in
      first) run first "${cli[@]}" activations "$m" "$x" --layers block1_conv1 --out "$tmp/out" ;;
      four) run four "${cli[@]}" activations "$m" "$x" --layers "$four" --npy --out "$tmp/out" ;;
      tf-four) run tf-four "$python" "$here/tf_layers_npy.py" "$m" "$x" "$four" "$tmp/out" ;;
    esac
  done
done
for k in first four tf-four; do
  vals="$(awk -v k="$k" '$1 == k {print $2}' "$out" | sort -n)"
  n="$(printf '%s\n' "$vals" | wc -l)"
  echo "median $k: $(printf '%s\n' "$vals" | sed -n "$(((n + 1) / 2))p") s of $n runs" | tee -a "$out"
done
note "results: $out"
