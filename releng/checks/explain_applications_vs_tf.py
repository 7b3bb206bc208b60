#!/usr/bin/env python3
"""Checks the attribution methods (org.convscope.engine.explain) against TensorFlow on
keras.applications models: a plain chain (VGG16), a residual net (ResNet50) and a MobileNet
(MobileNetV2), item 5 of issue 15.

For each architecture: build it with weights=None and logits as output from a fixed seed (then seeded random
BatchNormalization statistics and small weight noise, as applications_vs_tf.py does), save it as
.keras under /tmp, feed the same random input (in the model's input space) to TensorFlow and to the
engine (org.convscope.engine.bench.ExplainMaps, compiled by releng/benchmarks/common.sh), and
compare each method's map: max|d| / max|ref| <= 1e-3, 5e-3 for the integral methods (ig,
smoothgrad) — the error relative to the map's scale, since random weights give pixel maps of
1e-17 whose normalisation (m - min)/(max - min + 1e-7) would flatten any difference; for the CAM
maps, normalised already, it is the bound of the normalised map. Occlusion maps are differences of
scores, which are computed within float rounding of the score: their error is taken relative to
max(1, max|ref|), as applications_vs_tf.py does for layer outputs (with random weights the scores
barely move when a patch is occluded; the unit fixtures check occlusion where they do).
Gradient maps can miss the bound legitimately: a ReLU unit whose input lies within float rounding
of 0 may be on on one side and off on the other, and the gradient then differs in that unit's
receptive field (VGG16 at 128x128 with seed 1955: one unit of block4_conv1 flips, saliency differs
by 9e-2 of its maximum around rows 69-75; every layer's output agrees within 5e-7). Compare the
layer outputs (applications_vs_tf.py) before suspecting a method. The TensorFlow side implements each method by the definition in
AttributionMethod's javadoc, written out here with tf.GradientTape. Both sides are timed warm (one
untimed call first); the figures are indicative, the machine may be shared.

Run with the project's venv (releng/python/README.md):
    TF_ENABLE_ONEDNN_OPTS=0 python3 releng/checks/explain_applications_vs_tf.py \
        [VGG16 ResNet50 MobileNetV2] [--size 128] [--methods gradcam,ig,...]
Models and maps go to /tmp/convscope-explain-check; nothing is committed.
"""
import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np
import keras
import tensorflow as tf

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = "/tmp/convscope-explain-check"
LAYERS = {"VGG16": "block5_conv3", "ResNet50": "conv5_block3_out", "MobileNetV2": "out_relu"}
METHODS = ["gradcam", "gradcam++", "hirescam", "layercam", "xgradcam", "eigencam", "scorecam", "ablationcam",
           "saliency", "inputxgrad", "ig", "smoothgrad", "guided-backprop", "guided-gradcam", "occlusion"]
IG_STEPS, SAMPLES, NOISE, SEED, PATCH, STRIDE, BATCH = 32, 25, 0.15, 0, 32, 16, 32
MASK64 = (1 << 64) - 1


class Noise:
    """The engine's generator (org.convscope.engine.explain.Noise): SplitMix64, Box-Muller."""

    def __init__(self, seed):
        self.state, self.spare = seed & MASK64, None

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def gaussians(self, n):
        out = np.empty(n)
        for i in range(n):
            if self.spare is not None:
                out[i], self.spare = self.spare, None
                continue
            u1 = (self.next_long() >> 11) * 2.0 ** -53
            u2 = (self.next_long() >> 11) * 2.0 ** -53
            r = np.sqrt(-2 * np.log(1 - u1))
            out[i], self.spare = r * np.cos(2 * np.pi * u2), r * np.sin(2 * np.pi * u2)
        return out


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


@tf.custom_gradient
def guided_relu(x):
    def grad(dy):
        return dy * tf.cast(x > 0, dy.dtype) * tf.cast(dy > 0, dy.dtype)
    return tf.nn.relu(x), grad


def guided_relu_capped(x, cap):
    @tf.custom_gradient
    def f(x):
        def grad(dy):
            return dy * tf.cast(x > 0, dy.dtype) * tf.cast(x < cap, dy.dtype) * tf.cast(dy > 0, dy.dtype)
        return tf.clip_by_value(x, 0.0, cap), grad
    return f(x)


class Guided:
    """Every ReLU of the model backpropagates the guided way while inside."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        self.swapped = [l for l in self.model.layers if getattr(l, "activation", None) is keras.activations.relu]
        for l in self.swapped:
            l.activation = guided_relu
        self.call = keras.layers.ReLU.call

        def call(layer, inputs):
            if layer.max_value is None:
                return guided_relu(inputs)
            return guided_relu_capped(inputs, float(layer.max_value))
        keras.layers.ReLU.call = call
        return self

    def __exit__(self, *exc):
        for l in self.swapped:
            l.activation = keras.activations.relu
        keras.layers.ReLU.call = self.call


def normalize(h):
    h = np.asarray(h, np.float32)
    return (h - h.min()) / (h.max() - h.min() + np.float32(1e-7))


class Reference:
    def __init__(self, model, layer):
        self.model, self.layer = model, layer
        self.probe = keras.Model(model.inputs, [model.get_layer(layer).output, model.output])
        names = [l.name for l in model.layers]
        inp = keras.Input(model.get_layer(layer).output.shape[1:])
        t = inp
        for l in model.layers[names.index(layer) + 1:]:  # the heads after these layers are chains
            t = l(t)
        self.tail = keras.Model(inp, t)

    def predict(self, x):
        return np.concatenate([np.asarray(self.model(x[i:i + BATCH], training=False))
                               for i in range(0, len(x), BATCH)])

    def input_gradients(self, x, c, guided=False):
        out = []
        for i in range(0, len(x), BATCH):
            xb = tf.constant(x[i:i + BATCH])
            with tf.GradientTape() as tape:
                tape.watch(xb)
                if guided:
                    with Guided(self.model):
                        y = self.model(xb, training=False)[:, c]
                else:
                    y = self.model(xb, training=False)[:, c]
            out.append(tape.gradient(y, xb).numpy())
        return np.concatenate(out)

    def layer_gradient(self, x, c):
        with tf.GradientTape() as tape:
            a, p = self.probe(x, training=False)
            y = p[:, c]
        return a.numpy()[0], tape.gradient(y, a).numpy()[0]

    def cam(self, x, c, method):
        a, g = self.layer_gradient(x, c)
        relu_sum = lambda w: np.maximum((a * np.asarray(w, np.float32)).sum(axis=-1), 0)
        if method == "gradcam":
            return normalize(relu_sum(g.mean(axis=(0, 1))))
        if method == "gradcam++":
            g2, g3 = g * g, g * g * g
            den = 2 * g2 + a.sum(axis=(0, 1)) * g3
            alpha = np.where(den != 0, g2 / np.where(den != 0, den, 1), 0)
            return normalize(relu_sum((alpha * np.maximum(g, 0)).sum(axis=(0, 1))))
        if method == "hirescam":
            return normalize(np.maximum((a * g).sum(axis=-1), 0))
        if method == "layercam":
            return normalize(np.maximum((a * np.maximum(g, 0)).sum(axis=-1), 0))
        if method == "xgradcam":
            w = (a * g).sum(axis=(0, 1), dtype=np.float64) / (a.sum(axis=(0, 1), dtype=np.float64) + 1e-7)
            return normalize(relu_sum(w))
        if method == "eigencam":
            m = a.reshape(-1, a.shape[-1]).astype(np.float64)
            v = np.linalg.svd(m - m.mean(axis=0), full_matrices=False)[2][0]
            p = m @ v
            return normalize(np.maximum(-p if p.sum() < 0 else p, 0).reshape(a.shape[:2]))
        if method == "scorecam":
            up = tf.image.resize(a[None], x.shape[1:3], method="bilinear")[0].numpy()
            lo, hi = up.min(axis=(0, 1)), up.max(axis=(0, 1))
            varying = np.nonzero(hi > lo)[0]
            y0 = self.predict(np.zeros_like(x))[0, c]
            w = np.zeros(a.shape[-1], np.float32)
            for i in range(0, len(varying), BATCH):
                ks = varying[i:i + BATCH]
                masks = (up[..., ks] - lo[ks]) / (hi[ks] - lo[ks])
                w[ks] = self.predict(x * np.transpose(masks, (2, 0, 1))[..., None])[:, c] - y0
            return normalize(relu_sum(w))
        if method == "ablationcam":
            y = float(self.predict(x)[0, c])
            k = a.shape[-1]
            w = np.zeros(k, np.float32)
            for i in range(0, k, BATCH):
                ks = range(i, min(i + BATCH, k))
                ablated = np.repeat(a[None], len(ks), axis=0)
                for j, kk in enumerate(ks):
                    ablated[j, ..., kk] = 0
                w[list(ks)] = (y - np.asarray(self.tail(ablated, training=False))[:, c]) / (y + 1e-7)
            return normalize(relu_sum(w))
        raise ValueError(method)

    def ig(self, x, c):
        alphas = ((np.arange(IG_STEPS) + 0.5) / IG_STEPS).astype(np.float32)
        g = self.input_gradients(alphas[:, None, None, None] * x, c)
        return (x[0] * g.mean(axis=0)).sum(axis=-1)

    def pixel(self, x, c, method):
        if method == "saliency":
            return np.abs(self.input_gradients(x, c)[0]).max(axis=-1)
        if method == "inputxgrad":
            return (x[0] * self.input_gradients(x, c)[0]).sum(axis=-1)
        if method == "ig":
            return self.ig(x, c)
        if method == "smoothgrad":
            sigma = np.float32(NOISE) * (x.max() - x.min())
            z = Noise(SEED).gaussians(SAMPLES * x[0].size).reshape((SAMPLES,) + x.shape[1:])
            noisy = (x + (sigma * z).astype(np.float32)).astype(np.float32)
            return np.abs(self.input_gradients(noisy, c)).max(axis=-1).mean(axis=0)
        if method == "guided-backprop":
            return self.input_gradients(x, c, guided=True)[0].sum(axis=-1)
        if method == "guided-gradcam":
            cam = tf.image.resize(self.cam(x, c, "gradcam")[None, ..., None], x.shape[1:3], "bilinear")
            return self.input_gradients(x, c, guided=True)[0].sum(axis=-1) * cam.numpy()[0, ..., 0]
        if method == "occlusion":
            h, w = x.shape[1:3]
            corners = [(r, q) for r in range(0, h - PATCH + 1, STRIDE) for q in range(0, w - PATCH + 1, STRIDE)]
            batch = np.repeat(x, len(corners), axis=0)
            for i, (r, q) in enumerate(corners):
                batch[i, r:r + PATCH, q:q + PATCH, :] = 0
            drop = self.predict(x)[0, c] - self.predict(batch)[:, c]
            total, count = np.zeros((h, w)), np.zeros((h, w))
            for i, (r, q) in enumerate(corners):
                total[r:r + PATCH, q:q + PATCH] += drop[i]
                count[r:r + PATCH, q:q + PATCH] += 1
            return np.where(count > 0, total / np.maximum(count, 1), 0)
        return self.cam(x, c, method)


def engine(model_path, x_path, out, layer, methods):
    cp = subprocess.run(["bash", "-c", f"source '{HOME}/releng/benchmarks/common.sh' && compile && classpath"],
                        capture_output=True, text=True, check=True).stdout.strip()
    cmd = ["java", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G",
           "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-cp", cp, "org.convscope.engine.bench.ExplainMaps",
           "--model", model_path, "--input", x_path, "--out", out, "--layer", layer, "--methods", ",".join(methods),
           "--samples", str(SAMPLES), "--seed", str(SEED), "--ig-steps", str(IG_STEPS), "--patch", str(PATCH),
           "--stride", str(STRIDE), "--batch", str(BATCH)]
    # as ./convscope runs the engine: OpenMP threads sleep rather than spin when they wait
    run = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
    if run.returncode != 0:
        print(run.stdout, run.stderr[-4000:])
        raise SystemExit("ExplainMaps failed")
    return {r["method"]: r for r in (json.loads(l) for l in run.stdout.splitlines() if l.startswith("{"))}


def check(name, size, methods):
    rng = np.random.default_rng(1955)
    keras.utils.set_random_seed(1955)
    # logits, not softmax: with random weights the 1000 probabilities are all near 1/1000 and barely
    # move when a patch is occluded, so occlusion would compare rounding noise
    model = getattr(keras.applications, name)(weights=None, input_shape=(size, size, 3),
                                              classifier_activation=None)
    randomise(model, rng)
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"{name}_{size}.keras")
    model.save(path)
    model = keras.saving.load_model(path, compile=False)
    x = rng.uniform(-1, 1, (1, size, size, 3)).astype(np.float32)
    x_path = os.path.join(WORK, f"{name}_{size}_x.npy")
    np.save(x_path, x)
    out = os.path.join(WORK, f"{name}_{size}_maps")
    layer = LAYERS[name]
    times = engine(path, x_path, out, layer, methods)
    ref = Reference(model, layer)
    c = int(np.argmax(ref.predict(x)[0]))
    ok = True
    print(f"{name} {size}x{size}, layer {layer}, class {c}")
    print(f"  {'method':<16} {'max|ref|':>9} {'rel.err':>9} {'bound':>6}  {'convscope s':>11} {'TF s':>8} {'ratio':>6}")
    for m in methods:
        ref.pixel(x, c, m)  # warm-up
        t0 = time.perf_counter()
        expected = ref.pixel(x, c, m)
        tf_s = time.perf_counter() - t0
        got = np.load(os.path.join(out, m + ".npy"))
        if got.shape != expected.shape:
            print(f"  {m:<16} shape {got.shape} vs {expected.shape}  FAIL")
            ok = False
            continue
        scale = float(np.max(np.abs(expected)))
        scale = max(1.0, scale) if m == "occlusion" else scale
        d = float(np.max(np.abs(got - expected))) / (scale if scale > 0 else 1.0)
        bound = 5e-3 if m in ("ig", "smoothgrad") else 1e-3
        cs = times[m]["seconds"]
        verdict = "PASS" if d <= bound and times[m]["class"] == c else "FAIL"
        ok &= verdict == "PASS"
        print(f"  {m:<16} {float(np.max(np.abs(expected))):9.2e} {d:9.2e} {bound:6.0e}  {cs:11.3f} {tf_s:8.3f} {cs / tf_s:6.2f}  {verdict}")
    return ok


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("models", nargs="*", default=["VGG16", "ResNet50", "MobileNetV2"])
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--methods", default=",".join(METHODS))
    a = p.parse_args()
    results = [check(n, a.size, a.methods.split(",")) for n in a.models]
    sys.exit(0 if all(results) else 1)
