#!/usr/bin/env bash
# The pretrained models of the README figures and of the pattern benchmarks, from the npm
# registry (no ImageNet weights can be had here: only Maven Central, Debian and npm are reachable).
# nsfwjs 4.4.0 (MIT licence) ships two Keras 2.2.4 classifiers trained on photographs, in
# TensorFlow.js layers format, each wrapped in JavaScript modules (model.min.js and one module
# per weight shard, base64): a MobileNetV2 at 224x224 (float32) and an InceptionV3 at 299x299
# (weights quantised to uint8), both with inputs x / 255 and a 5-class content-safety head. node
# unwraps them into
#   $WORK/nsfwjs/model.json             MobileNetV2, 2.7 MB
#   $WORK/nsfwjs-inception/model.json   InceptionV3, 22 MB
# The weights are never committed.
#
#   releng/readme/nsfwjs_models.sh      # env: WORK (/tmp/convscope-readme)
set -euo pipefail
work="${WORK:-/tmp/convscope-readme}"
mkdir -p "$work"
cd "$work"
unwrap() { # model folder inside the package, target folder
  [ -f "$2/model.json" ] && return 0
  [ -f package/dist/models/"$1"/model.min.js ] || {
    npm pack nsfwjs@4.4.0 --silent > /dev/null
    rm -rf package && tar xzf nsfwjs-4.4.0.tgz
  }
  mkdir -p "$2.part"
  node -e '
    const fs = require("fs");
    const [dir, out] = process.argv.slice(1);
    const model = require("./" + dir + "model.min.js");
    fs.writeFileSync(out + "/model.json", JSON.stringify(model));
    for (const group of model.weightsManifest)
      for (const p of group.paths)
        fs.writeFileSync(out + "/" + p, Buffer.from(require("./" + dir + p + ".min.js"), "base64"));
  ' "package/dist/models/$1/" "$2.part"
  rm -rf "$2" && mv "$2.part" "$2"
}
unwrap mobilenet_v2 nsfwjs
unwrap inception_v3 nsfwjs-inception
