#!/usr/bin/env bash
# Issues 14 and 16: Convscope's filter patterns on InceptionV3 against the same loops written in
# TensorFlow (every filter of the batch at once, one tf.function step), in the same run:
#   - robust: `filters --preset robust` (FilterPatternOptions.robust()) at 299x299, FILTERS filters
#     x STEPS_ROBUST steps (default 16 x 60), up to LAYER (mixed3), as issue 14 measured it;
#   - lucid: `filters --preset lucid` (Fourier image, decorrelated colours, sigmoid, Lucid's
#     transforms, Adam 0.05) at 224x224, FILTERS x STEPS_LUCID steps (default 16 x 512), issue 16
#     item 6. tf_filters.py's docstring says what its side does, step by step.
# ROUNDS rounds, each one fresh Convscope JVM (FiltersBench) and one fresh Python process per
# case, their order swapped every round; /usr/bin/time's peak RSS of every process; each side's
# objective reached (each item's loss before the last step) so that the work done is comparable.
#
#   releng/benchmarks/filters_vs_tf.sh [ROUNDS=1] [CASES="robust lucid"]
#   env: FILTERS (16), STEPS (both cases' steps, for quick runs), STEPS_ROBUST (60),
#   STEPS_LUCID (512), LAYER (mixed3), WEIGHTS (pretrained or random), WORK (the npm models,
#   /tmp/convscope-readme), and those of common.sh
#
# The model (WEIGHTS): pretrained (default), nsfwjs 4.4.0's InceptionV3, trained on photographs,
# unwrapped from the npm registry by releng/readme/nsfwjs_models.sh and carried over into
# keras.applications.InceptionV3(weights=None, include_top=False) by nsfwjs_inception_keras.py
# (its inputs are x / 255: both sides use that preprocessing); or random,
# keras.applications.InceptionV3(weights=None, include_top=False) with random weights and
# InceptionV3's own preprocessing (x / 127.5 - 1). Without the classifier, as filter patterns take
# any image size and lucid's is 224; its layers up to mixed3 are those of the full model. Made once
# in $CONVSCOPE_BENCH_DIR, never committed.
# Raw JSON lines: $CONVSCOPE_BENCH_DIR/filters-<time>.jsonl; a Markdown summary on stdout.
set -euo pipefail
# its own folder: another benchmark recompiling the shared one under a running JVM breaks it
export CONVSCOPE_BENCH_DIR="${CONVSCOPE_BENCH_DIR:-/tmp/convscope-bench-filters}"
source "$(dirname "$0")/common.sh"
rounds="${1:-1}"
cases="${2:-robust lucid}"
filters="${FILTERS:-16}"
layer="${LAYER:-mixed3}"
steps_robust="${STEPS_ROBUST:-${STEPS:-60}}"
steps_lucid="${STEPS_LUCID:-${STEPS:-512}}"

compile
cp="$(classpath)"
out="$bench_dir/filters-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
weights="${WEIGHTS:-pretrained}"
case "$weights" in
  pretrained)
    model="$bench_dir/inceptionv3_nsfwjs_notop.keras"
    preprocessing=rescale
    if [ ! -f "$model" ]; then
      work="${WORK:-/tmp/convscope-readme}"
      WORK="$work" "$repo/releng/readme/nsfwjs_models.sh"
      "$python" "$here/nsfwjs_inception_keras.py" "$work/nsfwjs-inception" "$model.part.keras"
      mv "$model.part.keras" "$model"
    fi ;;
  random)
    model="$bench_dir/inceptionv3_notop.keras"
    preprocessing=tf
    [ -f "$model" ] || "$python" - "$model" <<'PY'
import os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras
keras.utils.set_random_seed(3)
m = keras.applications.InceptionV3(include_top=False, weights=None)
m.save(sys.argv[1] + ".part.keras")
os.replace(sys.argv[1] + ".part.keras", sys.argv[1])
print(f"wrote {sys.argv[1]} ({m.count_params()} params)", file=sys.stderr)
PY
    ;;
  *) note "WEIGHTS is pretrained or random, not $weights"; exit 2 ;;
esac

{
  printf '{"info":"date","value":"%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '{"info":"uptime","value":"%s"}\n' "$(uptime | sed 's/^ *//')"
  printf '{"info":"cpu","value":"%s, %s cores"}\n' "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
  printf '{"info":"revision","value":"%s"}\n' "$(revision)"
  printf '{"info":"tf_onednn","value":"TF_ENABLE_ONEDNN_OPTS=%s"}\n' "${TF_ENABLE_ONEDNN_OPTS-unset}"
  printf '{"info":"model","value":"%s (%s weights, preprocessing %s)"}\n' "$(basename "$model")" "$weights" "$preprocessing"
  printf '{"info":"command","value":"FILTERS=%s STEPS_ROBUST=%s STEPS_LUCID=%s LAYER=%s filters_vs_tf.sh %s \\"%s\\""}\n' \
    "$filters" "$steps_robust" "$steps_lucid" "$layer" "$rounds" "$cases"
} > "$out"

for r in $(seq 1 "$rounds"); do
  export BENCH_ROUND="$r"
  for c in $cases; do
    case "$c" in
      robust) steps="$steps_robust"; size=299 ;;
      lucid) steps="$steps_lucid"; size=224 ;;
      *) note "unknown case $c (robust, lucid)"; exit 2 ;;
    esac
    cs=(measure "convscope-$c" "$out" "${engine_env[@]}" "$java" "${jvm_flags[@]}" -cp "$cp"
        org.convscope.engine.bench.FiltersBench --model "$model" --preset "$c" --layer "$layer"
        --filters "$filters" --steps "$steps" --size "$size" --batch "$filters" --preprocessing "$preprocessing")
    tf=(measure "tf-$c" "$out" "$python" "$here/tf_filters.py" --model "$model" --preset "$c" --layer "$layer"
        --filters "$filters" --steps "$steps" --size "$size" --preprocessing "$preprocessing")
    note "round $r/$rounds, $c: $filters x $steps steps at $size^2 (load $(cut -d' ' -f1 /proc/loadavg))"
    if [ $((r % 2)) -eq 1 ]; then "${cs[@]}"; "${tf[@]}"; else "${tf[@]}"; "${cs[@]}"; fi
  done
done

"$python" "$here/filters_report.py" "$out"
note "raw results: $out"
