#!/usr/bin/env bash
# Start-up figure: wall-clock time from running ./convscope to the first paint of the workbench
# window, on the bundled sample, warm (natives cached, product built). Prints each run and the
# median. Needs a display: run under xvfb-run, e.g.
#   xvfb-run -a -s "-screen 0 1600x1000x24" releng/benchmarks/startup.sh 7
set -euo pipefail
home="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-7}"
probe="$(mktemp)"
workspace="$(mktemp -d)"
cds="$(mktemp -d)"
trap 'rm -rf "$probe" "$workspace" "$cds"' EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$home" log -1 --format='%h') , $(uptime | sed 's/^ *//')"
# Share of the CPUs' time the hypervisor gave to others during a run ("steal" in /proc/stat): on a
# shared VM it explains a slow run that the load average does not.
cpu_times() { awk '/^cpu /{t=0; for (i=2; i<=NF; i++) t+=$i; print t, $9}' /proc/stat; }
steal_since() {
  local t0 s0 t1 s1
  read -r t0 s0 <<< "$1"
  read -r t1 s1 < <(cpu_times)
  awk -v t="$((t1 - t0))" -v s="$((s1 - s0))" 'BEGIN {printf "%.0f%%", (t > 0 ? 100 * s / t : 0)}'
}
times=()
for i in $(seq 0 "$runs"); do
  : > "$probe"
  before="$(cpu_times)"
  start=$(date +%s%3N)
  # The workbench closes itself after its first paint, the normal way, so that it saves its
  # state as a user's would: the next start is warm (plug-in registry cache, window layout, and
  # the class data sharing archive of ./convscope, which the first start records).
  CONVSCOPE_WORKSPACE="$workspace" CONVSCOPE_CDS="$cds" \
    JAVA_TOOL_OPTIONS="-Dconvscope.startupProbe=$probe -Dconvscope.startupProbe.close=true" \
    "$home/convscope" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 1500); do
    [ -s "$probe" ] && break
    sleep 0.02
  done
  painted=$(cat "$probe")
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  pkill -f "equinox.launcher.*-data $workspace" || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$painted" ]; then
    echo "run $i: no paint within 30 s" >&2
    exit 1
  fi
  ms=$((painted - start))
  # Run 0 warms the caches (OSGi state, registry, class data sharing archive): not counted.
  if [ "$i" -eq 0 ]; then echo "warm-up: ${ms} ms"; continue; fi
  echo "run $i: ${ms} ms (load $(cut -d' ' -f1 /proc/loadavg), steal $(steal_since "$before"))"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median of ${#times[@]} warm starts: ${median} ms (./convscope to first painted window)"
