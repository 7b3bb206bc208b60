#!/usr/bin/env python3
"""Checks `convscope activations --npy` against TensorFlow on keras.applications models.

For each architecture: build it with seeded random weights (and random BatchNormalization
statistics, so normalisation is exercised), save it with Keras 3.15 as .keras, feed the same
input tensor (.npy) to TensorFlow and to ./convscope, and compare every layer's output with the
fidelity bound of issue 4: max|d| <= 1e-3 * max(1, max|ref|).

Run with the project's venv (releng/python/README.md):
    python3 releng/checks/applications_vs_tf.py [MobileNetV2 ResNet50 ...]
Everything it makes goes to a temporary folder; nothing is committed.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import keras

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def randomise(model, rng):
    for layer in model.layers:
        weights = layer.get_weights()
        if not weights:
            continue
        if isinstance(layer, keras.layers.BatchNormalization):
            new = []
            for w, name in zip(weights, [v.name for v in layer.weights]):
                if "variance" in name:
                    new.append(rng.uniform(0.5, 1.5, w.shape).astype(np.float32))
                elif "mean" in name:
                    new.append(rng.normal(0, 0.1, w.shape).astype(np.float32))
                else:
                    new.append(rng.normal(1 if "gamma" in name else 0, 0.1, w.shape).astype(np.float32))
            layer.set_weights(new)
        else:
            layer.set_weights([w + rng.normal(0, 0.01, w.shape).astype(np.float32) for w in weights])


def check(name, work):
    rng = np.random.default_rng(1955)
    keras.utils.set_random_seed(1955)
    model = getattr(keras.applications, name)(weights=None)
    randomise(model, rng)
    path = os.path.join(work, name + ".keras")
    model.save(path)
    # a model that takes any image size (MobileNetV3's default) is fed 224×224
    shape = (1,) + tuple(224 if d is None else d for d in model.input_shape[1:])
    x = rng.uniform(-1, 1, shape).astype(np.float32)
    xin = os.path.join(work, name + "_input.npy")
    np.save(xin, x)
    out = os.path.join(work, name + "_out")
    run = subprocess.run([os.path.join(HOME, "convscope"), "activations", path, xin, "--npy", "--out", out,
                          "--layers", "all"], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(run.stdout, run.stderr)
        raise SystemExit(f"{name}: convscope failed ({run.returncode})")
    # The reference is the model as saved: a Normalization layer given new weights by set_weights
    # applies them only once its state is finalised, as loading does (EfficientNet's first layer).
    model = keras.saving.load_model(path, compile=False)
    names = [l.name for l in model.layers if not isinstance(l, keras.layers.InputLayer)]
    probe = keras.Model(model.input, [model.get_layer(n).output for n in names])
    refs = probe(x, training=False)
    worst, compared, failed, missing = 0.0, 0, [], []
    for n, ref in zip(names, refs):
        f = os.path.join(out, n + ".npy")
        if not os.path.exists(f):
            missing.append(n)
            continue
        ref = np.asarray(ref)
        got = np.load(f)
        if got.shape != ref.shape:
            failed.append(f"{n}: shape {got.shape} vs {ref.shape}")
            continue
        err = float(np.max(np.abs(got - ref)))
        bound = 1e-3 * max(1.0, float(np.max(np.abs(ref))))
        rel = err / max(1.0, float(np.max(np.abs(ref))))
        worst = max(worst, rel)
        compared += 1
        if err > bound:
            failed.append(f"{n}: max|d| {err:.3g} > {bound:.3g}")
    verdict = "PASS" if not failed and not missing else "FAIL"
    print(f"{name}: {verdict} — {compared} layers compared, worst max|d|/max(1,max|ref|) = {worst:.2e}"
          + (f", {len(missing)} not computed: {missing[:5]}" if missing else ""))
    for line in failed[:10]:
        print("   ", line)
    return verdict == "PASS"


if __name__ == "__main__":
    names = sys.argv[1:] or ["MobileNetV2", "ResNet50"]
    with tempfile.TemporaryDirectory() as work:
        ok = all([check(n, work) for n in names])
    sys.exit(0 if ok else 1)
