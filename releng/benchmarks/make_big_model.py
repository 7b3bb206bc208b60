#!/usr/bin/env python3
"""Writes the 10,000-layer Keras 3 model of the graph's scale benchmark (issue 17), never
committed: 400 residual blocks of 25 small layers (12 x Dense(8) + ReLU, then an Add with the
block's input), named as Keras applications name theirs (block7_3_dense, block7_add), so the
graph view has blocks to fold. Weights are tiny (8 x 8 kernels); the file is ~30 MB.

    python3 make_big_model.py [FILE]      (default /tmp/convscope-bench/big10000.keras)

An existing file is kept. Run with the project's venv (releng/python/README.md).
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
BLOCKS = 400
PAIRS = 12


def build():
    import keras
    from keras import layers

    keras.utils.set_random_seed(17)
    inputs = keras.Input((8,), name="input")
    x = inputs
    for b in range(1, BLOCKS + 1):
        h = x
        for j in range(1, PAIRS + 1):
            h = layers.Dense(8, name=f"block{b}_{j}_dense")(h)
            h = layers.Activation("relu", name=f"block{b}_{j}_relu")(h)
        x = layers.Add(name=f"block{b}_add")([x, h])
    return keras.Model(inputs, x, name="residual10000")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/convscope-bench/big10000.keras"
    if os.path.exists(path):
        print(f"kept {path}", file=sys.stderr)
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    model = build()
    tmp = path + ".tmp.keras"
    model.save(tmp)
    os.replace(tmp, path)
    print(f"wrote {path}: {len(model.layers)} layers, {os.path.getsize(path) // 1000} kB", file=sys.stderr)


if __name__ == "__main__":
    main()
