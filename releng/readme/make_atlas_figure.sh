#!/usr/bin/env bash
# The README's atlas figure: 64 channels of a pretrained model's layer drawn with the `lucid` preset
# (left) next to the notebook's (right), issue 16.
#
#   releng/readme/make_atlas_figure.sh [OUT.png]   # default releng/screenshots/atlas_block_7_add_lucid_notebook.png
#   env: CONVSCOPE (the launcher, default ./convscope of this checkout), PYTHON (with Pillow; the
#        venv of releng/python/README.md), WORK (/tmp/convscope-readme, where
#        nsfwjs_models.sh beside this script unwraps the model), LAYER (block_7_add, 64 channels), STEPS (512)
#
# The model is nsfwjs 4.4.0's MobileNetV2 (TensorFlow.js layers format, Keras 2.2.4, trained on
# photographs, inputs x / 255; see nsfwjs_models.sh for why this one): random weights show
# nothing. Both presets draw channels 0-63 of the layer at the model's 224x224 with the default seed;
# the two grids are put side by side, halved and reduced to a 256-colour palette for the repository.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-$repo/releng/screenshots/atlas_block_7_add_lucid_notebook.png}")"
work="${WORK:-/tmp/convscope-readme}"
convscope="${CONVSCOPE:-$repo/convscope}"
python="${PYTHON:-python3}"
layer="${LAYER:-block_7_add}"
steps="${STEPS:-512}"
WORK="$work" "$here/nsfwjs_models.sh"
cd "$work"
/usr/bin/time -f "lucid: %e s, %M KB peak" "$convscope" filters nsfwjs/model.json --layer "$layer" \
  --filters 0-63 --preset lucid --steps "$steps" --preprocess rescale --out atlas_lucid.png
/usr/bin/time -f "notebook: %e s, %M KB peak" "$convscope" filters nsfwjs/model.json --layer "$layer" \
  --filters 0-63 --preset notebook --preprocess rescale --out atlas_notebook.png
"$python" - "$out" <<'PY'
import sys
from PIL import Image
a, b = Image.open("atlas_lucid.png").convert("RGB"), Image.open("atlas_notebook.png").convert("RGB")
gap = 16
both = Image.new("RGB", (a.width + gap + b.width, max(a.height, b.height)), (32, 32, 32))
both.paste(a, (0, 0))
both.paste(b, (a.width + gap, 0))
both = both.resize((both.width // 2, both.height // 2), Image.LANCZOS)  # tiles of 112 px: a few MB less
both.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(sys.argv[1], optimize=True)
print(sys.argv[1], both.size)
PY
