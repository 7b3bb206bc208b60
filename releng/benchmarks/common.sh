# Shared by the benchmark scripts (sourced, not run).
#
# Environment:
#   CONVSCOPE_BENCH_DIR  models, compiled classes and raw results (default /tmp/convscope-bench)
#   CONVSCOPE_SRC        source tree to compile the core, the engine and the bench mains
#                        (releng/benchmarks/src) from
#                        (default: this checkout; use a `git archive` export for a clean HEAD)
#   PYTHON               Python with TensorFlow/Keras (default python3 on PATH; the venv of
#                        releng/python/README.md)
#   JAVA                 java (default: java on PATH); javac beside it
#   M2                   Maven repository holding jhdf, Gson, ... (default ~/.m2/repository)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bench_dir="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench}"
src="${CONVSCOPE_SRC:-$repo}"
python="${PYTHON:-python3}"
java="${JAVA:-java}"
javac="$(dirname "$(readlink -f "$(command -v "$java")")")/javac"
m2="${M2:-$HOME/.m2/repository}"
# one folder of classes per source tree, so that runs from different trees do not clobber each other
classes="$bench_dir/classes-$(printf '%s' "$src" | md5sum | cut -c1-8)"
# the libraries' SLF4J log off, as in ./convscope (jHDF's jar would send it to stdout at info)
jvm_flags=(-Xmx4g -Dorg.bytedeco.javacpp.maxphysicalbytes=12G -Dorg.slf4j.simpleLogger.defaultLogLevel=off
  -Dorg.slf4j.simpleLogger.logFile=System.err)
# as ./convscope runs the engine (see the comment there); TensorFlow does not use OpenMP
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# the glibc tunables ./convscope sets for the engine (see the comments there), each unless the
# caller's GLIBC_TUNABLES names it, for the engine's processes only: "${engine_env[@]}" "$java" ...
# (TensorFlow's processes run as its users run them)
# tunables TREE: those of TREE's ./convscope (a revision before one of them runs without it)
tunables() {
  local t="${GLIBC_TUNABLES:-}" name value
  for name in hugetlb=1 mmap_threshold=1048576; do
    value="glibc.malloc.$name"
    case "$t" in *"glibc.malloc.${name%%=*}="*) continue ;; esac
    grep -q "glibc.malloc.${name%%=*}" "$1/convscope" 2>/dev/null || continue
    t="${t:+$t:}$value"
  done
  echo "$t"
}
engine_env=(env "GLIBC_TUNABLES=$(tunables "$src")")
mkdir -p "$bench_dir"

note() { printf '%s\n' "$*" >&2; }

# This machine's fp32 peak, measured two ways in the same run as the figures it scales: numpy's
# sgemm (peak.py) and oneDNN's (DnnlPeak, in an engine JVM on classpath CP). Appends their JSON
# lines ({"case":"peak",...}) to OUT, tagged with WHEN ("before", "after").
#   measure_peaks WHEN OUT CP
measure_peaks() {
  "$python" "$here/peak.py" | sed "s/^{/{\"when\":\"$1\",\"method\":\"numpy sgemm\",/" >> "$2"
  "${engine_env[@]}" "$java" "${jvm_flags[@]}" -cp "$3" org.convscope.engine.internal.DnnlPeak \
    | sed "s/^{/{\"when\":\"$1\",/" >> "$2"
}

# The compiled classes and the core's resources (colormaps); the core's third-party jars (the
# versions the target platform pins) ahead of DL4J's older copies of Gson and commons-lang3; then
# the ND4J library bundle's jars and its Linux x86-64 fragment's (libnd4j's oneDNN builds; the
# engine loads the one for this CPU).
classpath() {
  local cp="$classes:$src/bundles/org.convscope.core/resources" j
  for j in io/jhdf/jhdf/0.9.4/jhdf-0.9.4.jar com/google/code/gson/gson/2.13.1/gson-2.13.1.jar \
           org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0.jar \
           com/ning/compress-lzf/1.1.2/compress-lzf-1.1.2.jar org/lz4/lz4-java/1.8.0/lz4-java-1.8.0.jar \
           org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar org/slf4j/slf4j-simple/1.7.36/slf4j-simple-1.7.36.jar; do
    [ -f "$m2/$j" ] || { note "missing $m2/$j (mvn dependency:get it)"; exit 1; }
    cp="$cp:$m2/$j"
  done
  echo "$cp:$repo/bundles/org.convscope.nd4j/lib/*:$repo/bundles/org.convscope.nd4j.linux.x86_64/lib/*"
}

# Compiles the core, the engine and the bench mains (releng/benchmarks/src: plain Java mains,
# not tests, in the packages of what they measure) from $src into $classes, unless nothing
# changed since the last compile. The build compiles the mains too (the engine tests'
# BenchmarkMainsTest), so that an API change that breaks one fails there, not at the next run.
compile() {
  local stamp="$classes/.stamp" list="$classes.sources" d dirs=()
  for d in "$src/bundles/org.convscope.core/src" "$src/bundles/org.convscope.engine/src" \
           "$src/releng/benchmarks/src"; do
    [ -d "$d" ] || { note "missing $d"; exit 1; }
    dirs+=("$d")
  done
  find "${dirs[@]}" -name '*.java' | sort > "$list"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$src" ] \
     && [ -z "$(find "${dirs[@]}" -name '*.java' -newer "$stamp" | head -n 1)" ]; then
    return
  fi
  note "compiling $(wc -l < "$list") sources from $src ..."
  rm -rf "$classes" && mkdir -p "$classes"
  "$javac" -nowarn -encoding UTF-8 --release 17 -proc:none -d "$classes" -cp "$(classpath)" @"$list"
  echo "$src" > "$stamp"
}

# The source revision the figures come from.
revision() {
  if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    local dirty=""
    [ -n "$(git -C "$src" status --porcelain -- bundles/org.convscope.core/src bundles/org.convscope.engine/src \
      releng/benchmarks/src)" ] && dirty=" (+ uncommitted changes in core/engine/bench mains)"
    echo "$(git -C "$src" log -1 --format='%h %cd' --date=iso-strict)$dirty"
  elif [ -f "$src/REVISION" ]; then
    cat "$src/REVISION"
  else
    echo "unknown (source tree $src)"
  fi
}

# measure TAG OUT.jsonl COMMAND...: runs COMMAND under /usr/bin/time -v, appends each JSON line it
# prints to OUT.jsonl with "proc":TAG and "round":$BENCH_ROUND added, then a line with the
# process's peak RSS and wall time.
measure() {
  local tag="$1" out="$2"; shift 2
  local tfile; tfile="$(mktemp)"
  local rc=0
  /usr/bin/time -v -o "$tfile" "$@" > "$tfile.out" 2> "$tfile.err" || rc=$?
  if [ "$rc" -ne 0 ]; then
    note "FAILED ($rc): $*"; tail -n 20 "$tfile.err" >&2
    rm -f "$tfile" "$tfile.out" "$tfile.err"
    return "$rc"
  fi
  grep '^{' "$tfile.out" | sed "s/^{/{\"proc\":\"$tag\",\"round\":${BENCH_ROUND:-0},/" >> "$out"
  local rss wall
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tfile")"
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tfile")"
  printf '{"proc":"%s","round":%s,"max_rss_kb":%s,"process_wall":"%s","load":%s}\n' "$tag" "${BENCH_ROUND:-0}" "$rss" "$wall" \
    "$(cut -d' ' -f1 /proc/loadavg)" >> "$out"
  rm -f "$tfile" "$tfile.out" "$tfile.err"
}
