#!/usr/bin/env bash
# Issue 5 responsiveness, in the real workbench under Xvfb (the product's own workbench advisor,
# perspective and views, started by the UI tests' InWorkbench extension):
#   - first, issue 17's 10,000-layer model opened as the first step after start-up (the sample
#     the only model read before it), until its first frame has painted: the coldest open;
#   - a click on a conv layer in the Model Graph until its grid editor has painted (bundled sample,
#     after its forward pass, run cached): the canvas gets the mouse-down and mouse-up events of a
#     click on the layer's box, timed from the mouse-down to the end of the grid editor's paint;
#     median of ROUNDS x 3 clicks;
#   - opening the 528 MB VGG16 .h5 (random weights, make_models.py) until its graph has painted,
#     in a started workbench, the sample open before each; median of ROUNDS opens;
#   - DenseNet121 (the core's keras.applications fixture) opened until painted, its layout job,
#     and GraphLayout.layout alone; median of ROUNDS;
#   - issue 17's 10,000-layer model (make_big_model.py: 400 residual blocks of 25 layers) opened
#     until its first frame has painted (median of ROUNDS), then 60 pan and 60 zoom frames on it,
#     each timed as its paint alone and as a whole frame (median, p95, max); the same for a
#     synthetic chain of 10,000 layers with no names to group by;
#   - for each step, the worst wait an event posted to the UI thread saw (a frozen UI shows here).
#
#   releng/benchmarks/workbench_responsiveness.sh [ROUNDS]     (default 5)
#
# It builds, with Tycho (offline, warm ~/.m2) and the Maven profile -Pbenchmarks, the UI tests and
# their fragment bundles/org.convscope.ui.benchmarks, which holds
# org.convscope.ui.tests.workbench.ResponsivenessBenchmark: not a test, not in the normal build,
# and it asserts no times; only it runs (-Dtest=). CONVSCOPE_BENCH_PROFILE=1 adds, after the timed
# steps, a sampled profile of the UI thread during more clicks and one more VGG16 opening.
# Screenshots of each step land in bundles/org.convscope.ui.benchmarks/target/screenshots/bench-*.png.
# Runs itself under xvfb-run when there is no DISPLAY. Environment: see common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"
rounds="${1:-5}"

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
"$python" "$here/make_models.py" "$bench_dir" >&2
"$python" "$here/make_big_model.py" "$bench_dir/big10000.keras" >&2

figures="$repo/bundles/org.convscope.ui.benchmarks/target/screenshots/responsiveness.txt"
log="$bench_dir/workbench-responsiveness-$(date -u +%Y%m%dT%H%M%SZ).log"
rm -f "$figures"
dirty=""
[ -n "$(git -C "$repo" status --porcelain -- bundles/org.convscope.ui bundles/org.convscope.ui.benchmarks bundles/org.convscope.app bundles/org.convscope.core/src bundles/org.convscope.engine/src)" ] \
  && dirty=" (+ uncommitted changes)"
echo "revision: $(git -C "$repo" log -1 --format='%h %cd' --date=iso-strict)$dirty"
echo "cpu: $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1), $(nproc) cores"
echo "load average before the build: $(cut -d' ' -f1-3 /proc/loadavg)"
note "building and running the benchmark (log: $log) ..."
if ! (cd "$repo" && CONVSCOPE_BENCH_VGG16="$bench_dir/vgg16.h5" CONVSCOPE_BENCH_10K="$bench_dir/big10000.keras" \
      CONVSCOPE_BENCH_ROUNDS="$rounds" \
      ./mvnw -B -o verify -Pbenchmarks \
        -pl bundles/org.convscope.ui.benchmarks,features/org.convscope.feature,features/org.convscope.platform.feature -am \
        -Dtest=ResponsivenessBenchmark -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false) > "$log" 2>&1; then
  tail -n 80 "$log" >&2
  exit 1
fi
[ -s "$figures" ] || { note "no figures in $figures; see $log"; exit 1; }
cat "$figures"
