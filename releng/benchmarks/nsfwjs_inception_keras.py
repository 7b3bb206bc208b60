"""The pretrained InceptionV3 of nsfwjs 4.4.0 as a Keras 3 model without its head.

    python nsfwjs_inception_keras.py MODEL_DIR OUT.keras

MODEL_DIR is the TensorFlow.js layers model that releng/readme/nsfwjs_models.sh unwraps
(model.json and its weight shards; a Keras 2.2.4 InceptionV3 at 299x299, inputs x / 255, weights
quantised to uint8). The result is keras.applications.InceptionV3(weights=None,
include_top=False), which takes any image size, carrying those weights: the benchmarks' pretrained
InceptionV3-class model, run by TensorFlow and by Convscope from the same file.

Keras 2.2.4 and Keras 3 build InceptionV3 with the same code, layer for layer in the same order,
but number their layers differently (conv2d_1 against conv2d), so weights are matched by order:
the n-th layer with weights of the one takes the n-th of the other, and every shape must agree.
Quantised weights are dequantised as TensorFlow.js does: value = q * scale + min.
"""
import json
import os
import sys

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402

DTYPES = {"float32": np.float32, "int32": np.int32, "uint8": np.uint8, "uint16": np.uint16,
          "float16": np.float16}


def read_weights(model_dir, manifest):
    """Name -> float32 array, for every weight of the manifest, in its order."""
    out = {}
    for group in manifest:
        data = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            q = w.get("quantization")
            stored = np.dtype(DTYPES[q["dtype"] if q else w["dtype"]])
            count = int(np.prod(w["shape"], dtype=np.int64))
            raw = np.frombuffer(data, stored, count, offset)
            offset += count * stored.itemsize
            if q and q["dtype"] == "float16":
                value = raw.astype(np.float32)
            elif q:
                value = raw.astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"])
            else:
                value = raw.astype(np.float32)
            out[w["name"]] = value.reshape(w["shape"])
    return out


def main(model_dir, out_path):
    spec = json.load(open(os.path.join(model_dir, "model.json")))
    weights = read_weights(model_dir, spec["weightsManifest"])
    # the layers' weights in the order Keras 2 keeps them: a layer's names share its prefix
    layers = spec["modelTopology"]["model_config"]["config"]["layers"]
    stored = []
    for layer in layers:
        mine = [n for n in weights if n.startswith(layer["config"]["name"] + "/")]
        if mine:
            stored.append((layer["config"]["name"], mine))
    model = keras.applications.InceptionV3(weights=None, include_top=False)
    targets = [layer for layer in model.layers if layer.weights]
    if len(targets) > len(stored):
        sys.exit(f"{model_dir}: {len(stored)} layers with weights, InceptionV3 needs {len(targets)}")
    for target, (name, names) in zip(targets, stored):
        order = {"kernel": 0, "gamma": 1, "beta": 2, "moving_mean": 3, "moving_variance": 4, "bias": 5}
        names = sorted(names, key=lambda n: order.get(n.rsplit("/", 1)[1].split(":")[0], 9))
        values = [weights[n] for n in names]
        want = [tuple(v.shape) for v in target.weights]
        got = [v.shape for v in values]
        if want != got:
            sys.exit(f"{model_dir}: {name} has shapes {got}, {target.name} needs {want}")
        target.set_weights(values)
    model.save(out_path)
    print(f"wrote {out_path}: {len(targets)} layers from {model_dir}, "
          f"{len(stored) - len(targets)} of its head's left out", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
