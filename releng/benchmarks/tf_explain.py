#!/usr/bin/env python3
"""The TensorFlow half of explain_vs_tf.sh: every attribution method of issue 15 on one Keras
model, warm, in one process, one JSON line per timed call, as ExplainBench does on the engine
(releng/benchmarks/src/org/convscope/engine/bench).

  python3 tf_explain.py --model F --input X.npy --label NAME --layer L [--cases gradcam,...] [--runs N]

The methods are the TensorFlow definitions of releng/checks/explain_applications_vs_tf.py
(imported, not copied: its Reference class), with the work they do in TensorFlow compiled by
tf.function: the predictions, the gradients of y_c with respect to the input (plain and guided)
and to the layer, and the model's tail after the layer (Ablation-CAM). Score-CAM, occlusion, IG
and SmoothGrad go through those functions in batches of 32 (the engine's default batch), as the
reference batches them. SmoothGrad draws the engine's noise (SplitMix64, Box-Muller) vectorised
with numpy instead of the reference's per-value Python loop (the same numbers, see FastNoise),
so that a Python loop of 3.8 M iterations is not what is measured.

Each timed call is what `convscope explain` does for one image: the prediction, its top class,
then the map. The cases `metrics` and `sanity` are Grad-CAM with the trust measures (deletion and
insertion AUC over 20 steps, the top 25 % kept: 44 images in batches of 32) or with the
model-randomisation check (the last 1, 2, 3 weighted layers' weights replaced by Gaussian values
with each weight's mean and standard deviation, Grad-CAM again, Spearman's rho), defined as
org.convscope.engine.explain.TrustMetrics and SanityCheck say; numpy's generator draws the random
weights (not the engine's: the values do not change the time).

Set TF_ENABLE_ONEDNN_OPTS before running: the reference module sets it to 0 when it is unset.
"""
import argparse
import json
import os
import sys
import time

ONEDNN = os.environ.get("TF_ENABLE_ONEDNN_OPTS", "unset")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "checks"))
import explain_applications_vs_tf as ref  # noqa: E402

CASES = ref.METHODS + ["metrics", "sanity"]
STEPS, KEEP, SANITY_STEPS = 20, 0.25, 3


def emit(**kw):
    print(json.dumps({"side": "tf", **kw}), flush=True)


class FastNoise:
    """ref.Noise's numbers (the engine's SplitMix64 and Box-Muller), drawn with numpy arrays."""

    GOLDEN = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, seed):
        self.seed = np.uint64(seed & ref.MASK64)

    def gaussians(self, n):
        pairs = (n + 1) // 2
        with np.errstate(over="ignore"):
            z = self.seed + self.GOLDEN * np.arange(1, 2 * pairs + 1, dtype=np.uint64)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
        u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
        r = np.sqrt(-2 * np.log(1 - u[0::2]))
        t = 2 * np.pi * u[1::2]
        out = np.empty(2 * pairs)
        out[0::2], out[1::2] = r * np.cos(t), r * np.sin(t)
        return out[:n]


class Warm(ref.Reference):
    """The reference with its TensorFlow work in tf.function graphs, traced once per shape."""

    def __init__(self, model, layer):
        super().__init__(model, layer)
        spec = tf.TensorSpec([None] + list(model.input.shape[1:]), tf.float32)
        index = tf.TensorSpec([], tf.int32)
        self._predict = tf.function(lambda v: model(v, training=False), input_signature=[spec])

        def gradients(guided):
            def g(v, c):
                with tf.GradientTape() as tape:
                    tape.watch(v)
                    if guided:
                        with ref.Guided(model):
                            y = tf.gather(model(v, training=False), c, axis=1)
                    else:
                        y = tf.gather(model(v, training=False), c, axis=1)
                return tape.gradient(y, v)
            return tf.function(g, input_signature=[spec, index])

        self._gradients = {False: gradients(False), True: gradients(True)}

        @tf.function(input_signature=[spec, index])
        def layer_gradient(v, c):
            with tf.GradientTape() as tape:
                a, p = self.probe(v, training=False)
                y = tf.gather(p, c, axis=1)
            return a, tape.gradient(y, a)

        self._layer_gradient = layer_gradient
        tail = self.tail
        tail_fn = tf.function(lambda a: tail(a, training=False),
                              input_signature=[tf.TensorSpec([None] + list(tail.input.shape[1:]), tf.float32)])
        self.tail = lambda a, training=False: tail_fn(tf.constant(a, tf.float32))

    def predict(self, x):
        return np.concatenate([self._predict(tf.constant(x[i:i + ref.BATCH], tf.float32)).numpy()
                               for i in range(0, len(x), ref.BATCH)])

    def input_gradients(self, x, c, guided=False, decided=None):
        # the check's rounding decisions (``decided``) are for the check, not for timing
        assert decided is None
        return np.concatenate([self._gradients[guided](tf.constant(x[i:i + ref.BATCH], tf.float32),
                                                       tf.constant(c, tf.int32)).numpy()
                               for i in range(0, len(x), ref.BATCH)])

    def layer_gradient(self, x, c):
        a, g = self._layer_gradient(tf.constant(x, tf.float32), tf.constant(c, tf.int32))
        return a.numpy()[0], g.numpy()[0]

    def explain(self, x, method):
        """What one call of the engine does: the prediction, the top class, the map."""
        c = int(np.argmax(self.predict(x)[0]))
        return c, self.pixel(x, c, method)


def trust(warm, x, c, cam):
    """TrustMetrics: deletion and insertion AUC, the top 25 % kept, all images in batches."""
    h, w = x.shape[1:3]
    up = tf.image.resize(cam[None, ..., None], (h, w), method="bilinear").numpy()[0, ..., 0]
    order = np.argsort(-up.reshape(-1), kind="stable")
    image = x[0].reshape(h * w, -1)
    batch = np.empty((2 * (STEPS + 1) + 2, h * w, image.shape[1]), np.float32)
    for k in range(STEPS + 1):
        n = k * h * w // STEPS
        batch[k] = image
        batch[k, order[:n]] = 0
        batch[STEPS + 1 + k] = 0
        batch[STEPS + 1 + k, order[:n]] = image[order[:n]]
    keep = int(np.floor(h * w * KEEP))
    batch[-2] = 0
    batch[-2, order[:keep]] = image[order[:keep]]
    batch[-1] = image
    y = warm.predict(batch.reshape((-1,) + x.shape[1:]))[:, c]

    def auc(v):
        return float(np.sum((v[:-1] + v[1:]) / 2) / (len(v) - 1))

    return auc(y[:STEPS + 1]), auc(y[STEPS + 1:2 * (STEPS + 1)]), float(y[-2] - y[-1])


def spearman(a, b):
    def ranks(v):
        order = np.argsort(v, kind="stable")
        r = np.empty(len(v))
        r[order] = np.arange(1, len(v) + 1)
        _, inverse, counts = np.unique(v, return_inverse=True, return_counts=True)
        sums = np.bincount(inverse, weights=r)
        return (sums / counts)[inverse]

    ra, rb = ranks(np.ravel(a)) - (a.size + 1) / 2, ranks(np.ravel(b)) - (b.size + 1) / 2
    den = np.sqrt(np.sum(ra * ra) * np.sum(rb * rb))
    return float(np.sum(ra * rb) / den) if den > 0 else float("nan")


def sanity(warm, x, c, cam, seed=0):
    """SanityCheck for Grad-CAM: the last 1, 2, 3 weighted layers randomised, then restored."""
    weighted = [l for l in reversed(warm.model.layers) if any(np.ndim(w) >= 2 for w in l.get_weights())]
    weighted = weighted[:SANITY_STEPS]
    saved = [l.get_weights() for l in weighted]
    rho = []
    try:
        for d in range(1, len(weighted) + 1):
            layer = weighted[d - 1]
            rng = np.random.default_rng(seed + d - 1)
            layer.set_weights([(w.mean() + w.std() * rng.standard_normal(w.shape)).astype(np.float32)
                               for w in saved[d - 1]])
            rho.append(spearman(cam, warm.cam(x, c, "gradcam")))
    finally:
        for layer, w in zip(weighted, saved):
            layer.set_weights(w)
    return rho


def case(warm, x, name):
    if name == "metrics":
        c, cam = warm.explain(x, "gradcam")
        return float(np.sum(np.square(cam, dtype=np.float64))) + sum(trust(warm, x, c, cam)), c
    if name == "sanity":
        c, cam = warm.explain(x, "gradcam")
        rho = sanity(warm, x, c, cam)
        return float(np.sum(np.square(cam, dtype=np.float64))) + float(np.nansum(rho)), c
    c, m = warm.explain(x, name)
    return float(np.sum(np.square(np.asarray(m, np.float64)))), c


def vm_hwm_kb():
    with open("/proc/self/status") as s:
        for line in s:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--label", default="model")
    p.add_argument("--layer", required=True)
    p.add_argument("--cases", default=",".join(CASES))
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    emit(tf_info=f"TF {tf.__version__}, Keras {keras.__version__}, TF_ENABLE_ONEDNN_OPTS={ONEDNN}")
    ref.Noise = FastNoise
    x = np.load(a.input).astype(np.float32)
    t0 = time.perf_counter()
    warm = Warm(keras.models.load_model(a.model, compile=False), a.layer)
    first = True
    for name in a.cases.split(","):
        if name not in CASES:
            raise SystemExit(f"unknown case {name}; known: {', '.join(CASES)}")
        w = time.perf_counter()
        check, _ = case(warm, x, name)
        emit(case=f"{a.label} {name}", first_ms=round((time.perf_counter() - (t0 if first else w)) * 1e3, 1),
             check=check)
        first = False
        for rep in range(a.runs):
            t = time.perf_counter()
            check, c = case(warm, x, name)
            emit(case=f"{a.label} {name}", rep=rep, ms=round((time.perf_counter() - t) * 1e3, 2), check=check,
                 **{"class": c})
    emit(vm_hwm_kb=vm_hwm_kb())


if __name__ == "__main__":
    main()
