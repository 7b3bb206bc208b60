#!/usr/bin/env python3
"""The scan `convscope scan` does, in TensorFlow: the reference of scan_vs_tf.sh.

For a folder of images (recursive, in the order of their relative paths, as convscope reads it)
and a Keras model: batches of images loaded and scaled as the model's preprocessing says
(`rescale`: x / 255; the sample's), one forward pass per batch to the chosen layers and the
output, and per layer and channel what `convscope scan` keeps: the top K images by the channel's
maximum over positions (ties by name) with its position, count, sum and sum of squares (float64),
maximum, exact zeros, and per predicted class the sum of the channel's per-image means. Prints one
JSON line: images, seconds (from the first image read to the last statistic), images/s, and the
top image of channel 0 of each layer, to compare with the store.

    python3 tf_scan.py MODEL FOLDER --layers conv2d_1,conv2d_2,conv2d_3 --top 9 --batch 32
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
from PIL import Image

EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".gif"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--layers", required=True)
    ap.add_argument("--top", type=int, default=9)
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()

    import keras

    model = keras.models.load_model(args.model, compile=False)
    names = args.layers.split(",")
    probe = keras.Model(model.inputs, [model.get_layer(n).output for n in names] + [model.outputs[0]])
    import tensorflow as tf

    forward = tf.function(lambda x: probe(x, training=False))
    h, w, c = model.inputs[0].shape[1:]
    files = sorted((p for p in args.folder.rglob("*") if p.suffix.lower() in EXTENSIONS),
                   key=lambda p: p.relative_to(args.folder).as_posix())
    rel = [p.relative_to(args.folder).as_posix() for p in files]

    start = time.perf_counter()
    stats = {}
    top = {}
    classes = {}
    for b in range(0, len(files), args.batch):
        batch = []
        for p in files[b:b + args.batch]:
            img = Image.open(p).convert("L" if c == 1 else "RGB")
            if img.size != (w, h):
                img = img.resize((w, h), Image.NEAREST)
            a = np.asarray(img, dtype=np.float32) / 255.0
            batch.append(a.reshape(h, w, c))
        x = np.stack(batch)
        outs = [o.numpy() for o in forward(x)]
        predicted = outs[-1].argmax(axis=1)
        for name, o in zip(names, outs[:-1]):
            n, oh, ow, ch = o.shape
            flat = o.reshape(n, oh * ow, ch).astype(np.float64)
            s = stats.setdefault(name, {"count": 0, "sum": np.zeros(ch), "sq": np.zeros(ch),
                                        "max": np.full(ch, -np.inf), "zeros": np.zeros(ch, np.int64)})
            s["count"] += n * oh * ow
            s["sum"] += flat.sum(axis=(0, 1))
            s["sq"] += (flat * flat).sum(axis=(0, 1))
            image_max = o.reshape(n, oh * ow, ch).max(axis=1)
            at = o.reshape(n, oh * ow, ch).argmax(axis=1)
            s["max"] = np.maximum(s["max"], image_max.max(axis=0))
            s["zeros"] += (o == 0).sum(axis=(0, 1, 2))
            means = flat.mean(axis=1)
            for i in range(n):
                cls = classes.setdefault(name, {}).setdefault(int(predicted[i]), [0, np.zeros(ch)])
                cls[0] += 1
                cls[1] += means[i]
            t = top.setdefault(name, [[] for _ in range(ch)])
            for k in range(ch):
                heap = t[k]
                for i in range(n):
                    heap.append((-float(image_max[i, k]), rel[b + i], int(at[i, k]) // ow, int(at[i, k]) % ow))
                heap.sort()
                del heap[args.top:]
    seconds = time.perf_counter() - start
    print(json.dumps({"images": len(files), "seconds": round(seconds, 3),
                      "images_per_s": round(len(files) / seconds, 1),
                      "top_of_channel_0": {n: top[n][0][0][1] for n in names}}))


if __name__ == "__main__":
    sys.exit(main())
