#!/usr/bin/env python3
"""Writes the benchmark models (random weights, never committed) into a folder, default
/tmp/convscope-bench:

  vgg16.h5, vgg16.keras       keras.applications.VGG16(weights=None), 138 M params, ~528 MB each
  convnet.h5, convnet.keras   the 150x150 cats-vs-dogs convnet of Deep Learning with Python 5.2

Existing files are kept. Run with the project's venv (releng/python/README.md):
    python3 make_models.py [DIR]
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
NAMES = ("convnet", "vgg16")
EXTS = (".h5", ".keras")


def convnet():
    import keras
    from keras import layers

    keras.utils.set_random_seed(5)
    return keras.Sequential([
        keras.Input((150, 150, 3)),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(128, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(128, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dropout(0.5),
        layers.Dense(512, activation="relu"), layers.Dense(1, activation="sigmoid"),
    ], name="convnet")


def vgg16():
    import keras
    keras.utils.set_random_seed(16)
    return keras.applications.VGG16(weights=None)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/convscope-bench"
    os.makedirs(out, exist_ok=True)
    for name, make in zip(NAMES, (convnet, vgg16)):
        paths = [os.path.join(out, name + ext) for ext in EXTS]
        if all(os.path.exists(p) for p in paths):
            continue
        model = make()
        for p in paths:
            tmp = p + ".part" + os.path.splitext(p)[1]
            model.save(tmp)
            os.replace(tmp, p)
            print(f"wrote {p} ({os.path.getsize(p) / 1e6:.1f} MB, {model.count_params()} params)")


if __name__ == "__main__":
    main()
