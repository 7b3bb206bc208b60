#!/usr/bin/env bash
# Issue 3 performance: how fast Convscope shows a 528 MB VGG16's structure and reads all its
# weights, against keras.models.load_model, in the same run, alternating, in fresh processes.
#
#   releng/benchmarks/read_vs_keras.sh [ROUNDS]        (default 3 rounds; ~4 min on 2 idle cores)
#
# Per round and format (.h5, .keras), one Convscope JVM (ReadBench, 5 repetitions) and one Python
# process (keras_read.py, 3 repetitions), their order swapped every round. The first repetition
# in each process (cold JIT / cold Keras) is reported apart from the later ("warm") ones.
# Disk speed is `cat FILE > /dev/null` with the file in the page cache (warm: every file is read
# once first), timed in every round beside the processes; where the page cache can be dropped
# (root), also from a cold cache, beside Convscope's first read of the file from a cold cache. Raw JSON lines: $CONVSCOPE_BENCH_DIR/read-<time>.jsonl.
# Models (random weights) are made once by make_models.py; see common.sh for the environment.
set -euo pipefail
source "$(dirname "$0")/common.sh"
rounds="${1:-3}"

"$python" "$here/make_models.py" "$bench_dir" >&2
compile
cp="$(classpath)"
out="$bench_dir/read-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
files=("$bench_dir/vgg16.h5" "$bench_dir/vgg16.keras")

{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"cpu","value":"%s, %s cores"}\n' "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  printf '{"info":"java","value":"%s"}\n' "$("$java" -version 2>&1 | head -n 1 | tr -d '"')"
  printf '{"info":"command","value":"releng/benchmarks/read_vs_keras.sh %s"}\n' "$rounds"
} > "$out"

# Disk figure: 3 timed cats per file and round, right before that round's processes read it.
cat_speed() {
  local f="$1" i t0 t1
  for i in 1 2 3; do
    t0=$(date +%s%N); cat "$f" > /dev/null; t1=$(date +%s%N)
    printf '{"proc":"cat","file":"%s","file_bytes":%d,"ms":%.1f,"load":%s}\n' "$(basename "$f")" \
      "$(stat -c %s "$f")" "$(echo "($t1 - $t0) / 1000000" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)" >> "$out"
  done
}
for f in "${files[@]}"; do cat "$f" > /dev/null; done  # page cache warm-up

for r in $(seq 1 "$rounds"); do
  export BENCH_ROUND="$r"
  for f in "${files[@]}"; do
    cs=(measure convscope "$out" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.core.bench.ReadBench --repeat 5 "$f")
    kr=(measure keras "$out" "$python" "$here/keras_read.py" --repeat 3 "$f")
    note "round $r/$rounds, $(basename "$f") (load $(cut -d' ' -f1 /proc/loadavg))"
    cat_speed "$f"
    if [ $((r % 2)) -eq 1 ]; then "${cs[@]}"; "${kr[@]}"; else "${kr[@]}"; "${cs[@]}"; fi
  done
done

# Cold page cache, where this user may drop the kernel's caches (root): the disk's own speed
# (`cat`) and Convscope's first read of the file (structure, then every weight), each right after
# dropping the caches, 3 times per file.
drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches; }
if [ -w /proc/sys/vm/drop_caches ]; then
  for f in "${files[@]}"; do
    note "cold page cache, $(basename "$f") (load $(cut -d' ' -f1 /proc/loadavg))"
    for r in 1 2 3; do
      export BENCH_ROUND="$r"
      drop_caches
      t0=$(date +%s%N); cat "$f" > /dev/null; t1=$(date +%s%N)
      printf '{"proc":"cat_cold","file":"%s","file_bytes":%d,"ms":%.1f,"load":%s}\n' "$(basename "$f")" \
        "$(stat -c %s "$f")" "$(echo "($t1 - $t0) / 1000000" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)" >> "$out"
      drop_caches
      measure convscope-cold "$out" "$java" "${jvm_flags[@]}" -cp "$cp" org.convscope.core.bench.ReadBench \
        --repeat 1 "$f"
    done
  done
else
  note "cannot drop the page cache here (not root): no cold-cache figures"
fi

"$python" "$here/report.py" read "$out"
note "raw results: $out"
