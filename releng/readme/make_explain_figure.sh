#!/usr/bin/env bash
# The README's explain figure: all 15 attribution methods with their trust measures on a real
# photograph, explained by a model trained on real photographs.
#
#   releng/readme/make_explain_figure.sh [OUT.png]   # default releng/readme/explain_chelsea.png
#   env: PYTHON (with Pillow; the venv of releng/python/README.md), WORK (/tmp/convscope-readme)
#
# No ImageNet weights can be had here (only Maven Central, Debian and the npm registry), so the
# model is the one pretrained classifier in TensorFlow.js layers format found inside an npm
# package: nsfwjs 4.4.0 (MIT licence), a Keras 2.2.4 MobileNetV2 at 224x224, inputs x / 255, with
# a 5-class content-safety head (drawing, hentai, neutral, porn, sexy) trained on photographs;
# nsfwjs_models.sh beside this script unwraps it into $WORK (the weights are never committed).
# The photograph is scikit-image's `chelsea.png` (CC0, Stefan van der Walt), from the
# scikit-image wheel, cut square and resized to the model's 224x224 so that the tiles are the
# model's input. The command's PNG (about 1.7 MB) is reduced to a
# 256-colour palette (median cut, no dithering; about 0.35 MB) for the repository.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-$here/explain_chelsea.png}")"
work="${WORK:-/tmp/convscope-readme}"
python="${PYTHON:-python3}"
mkdir -p "$work"
cd "$work"

WORK="$work" "$here/nsfwjs_models.sh"

if [ ! -f chelsea.png ]; then
  wheel="$(ls /opt/pypi/files/scikit_image-*.whl 2>/dev/null | head -n 1)"
  [ -n "$wheel" ] || { echo "no scikit-image wheel in /opt/pypi/files (pip download scikit-image)" >&2; exit 1; }
  "$python" - "$wheel" <<'PY'
import io, sys, zipfile
from PIL import Image
img = Image.open(io.BytesIO(zipfile.ZipFile(sys.argv[1]).read("skimage/data/chelsea.png"))).convert("RGB")
w, h = img.size  # 451 x 300: the middle square, the cat's head and body
left = (w - h) // 2
img.crop((left, 0, left + h, h)).resize((224, 224), Image.LANCZOS).save("chelsea.png")
PY
fi

methods=gradcam,gradcam++,hirescam,layercam,xgradcam,eigencam,scorecam,ablationcam,saliency,inputxgrad,ig,smoothgrad,guided-backprop,guided-gradcam,occlusion
printf 'drawing\nhentai\nneutral\nporn\nsexy\n' > labels.txt
set -x
"$repo/convscope" explain nsfwjs/model.json chelsea.png --method "$methods" --layer out_relu --preprocess rescale \
  --labels labels.txt --metrics --out "$work/explain_full.png"
{ set +x; } 2>/dev/null
"$python" - "$work/explain_full.png" "$out" <<'PY'
import sys
from PIL import Image
Image.open(sys.argv[1]).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                dither=Image.Dither.NONE).save(sys.argv[2], optimize=True)
PY
echo "wrote $out" >&2
