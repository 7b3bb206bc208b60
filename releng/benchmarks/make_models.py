#!/usr/bin/env python3
"""Writes the benchmark models (random weights, never committed) into a folder, default
/tmp/convscope-bench:

  vgg16.h5, vgg16.keras       keras.applications.VGG16(weights=None), 138 M params, ~528 MB each
  convnet.h5, convnet.keras   the 150x150 cats-vs-dogs convnet of Deep Learning with Python 5.2
  resnet50.keras              keras.applications.ResNet50(weights=None), 25.6 M params, ~103 MB
  mobilenetv2.keras           keras.applications.MobileNetV2(weights=None), 3.5 M params, ~14 MB

Existing files are kept. Run with the project's venv (releng/python/README.md):
    python3 make_models.py [DIR]
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# name -> the file kinds written
MODELS = {"convnet": (".h5", ".keras"), "vgg16": (".h5", ".keras"), "resnet50": (".keras",),
          "mobilenetv2": (".keras",)}


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


def resnet50():
    import keras
    keras.utils.set_random_seed(50)
    return keras.applications.ResNet50(weights=None)


def mobilenetv2():
    import keras
    keras.utils.set_random_seed(2)
    return keras.applications.MobileNetV2(weights=None)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/convscope-bench"
    os.makedirs(out, exist_ok=True)
    for name, exts in MODELS.items():
        make = globals()[name]
        paths = [os.path.join(out, name + ext) for ext in exts]
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
