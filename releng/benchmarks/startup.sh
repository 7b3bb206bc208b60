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
trap 'rm -rf "$probe" "$workspace"' EXIT

times=()
for i in $(seq 0 "$runs"); do
  : > "$probe"
  start=$(date +%s%3N)
  CONVSCOPE_WORKSPACE="$workspace" JAVA_TOOL_OPTIONS="-Dconvscope.startupProbe=$probe" \
    "$home/convscope" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    [ -s "$probe" ] && break
    sleep 0.05
  done
  painted=$(cat "$probe")
  pkill -f "equinox.launcher.*-data $workspace" || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$painted" ]; then
    echo "run $i: no paint within 30 s" >&2
    exit 1
  fi
  ms=$((painted - start))
  # Run 0 warms the caches (JavaCPP natives, OSGi state) and is not counted.
  if [ "$i" -eq 0 ]; then echo "warm-up: ${ms} ms"; continue; fi
  echo "run $i: ${ms} ms"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median of ${#times[@]} warm starts: ${median} ms (./convscope to first painted window)"
