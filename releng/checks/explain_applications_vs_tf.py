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
receptive field; a max-pooling window whose two largest inputs lie within rounding of each other
may send the gradient to one pixel on one side and to its neighbour on the other. (VGG16 at
128x128 with seed 1955: block4_conv1 unit (15, 11, 500) has the input 6.5e-9 in TensorFlow, 0 in
the engine; block1_pool's window (36, 51) of channel 15 holds 0.14458489 and 0.14458492 in
TensorFlow and the other way round in the engine; every layer's output agrees within 3e-6 of its
largest value; saliency differs by 9e-2 of its maximum around rows 70-127.) So when a gradient map
(saliency, inputxgrad, guided-backprop, guided-gradcam, and ig and smoothgrad over their batches
of 32 and 25 images) misses the bound, the check reads every layer's output from the engine for
the same images (ExplainMaps --dump-layers, --dump), finds the ReLU units that
are on in one and off in the other and the 2x2 max-pooling windows whose largest input differs,
and computes TensorFlow's map again with the engine's decisions at those places only: a map that
then agrees within the bound is "PASS (rounding)", with the places and TensorFlow's values listed. The TensorFlow side implements each method by the definition in
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


def decided_relu(switch, guided):
    """ReLU whose gradient passes the other way where ``switch`` is True (the forward value is
    ReLU's); with ``guided`` only positive gradients pass."""
    switch = tf.constant(switch)

    @tf.custom_gradient
    def f(x):
        def grad(dy):
            g = dy * tf.cast(tf.math.logical_xor(x > 0, switch), dy.dtype)
            return g * tf.cast(dy > 0, dy.dtype) if guided else g
        return tf.nn.relu(x), grad
    return f


def decided_max_pool(route):
    """2x2, stride 2 max pooling whose gradient goes to the window position ``route`` says, a one-hot
    (N, H/2, W/2, C, 4) array in row-major window order."""
    route = tf.constant(route, tf.float32)

    @tf.custom_gradient
    def f(x):
        h, w, c = x.shape[1] // 2 * 2, x.shape[2] // 2 * 2, x.shape[3]

        def grad(dy):
            g = tf.reshape(route * dy[..., None], (-1, h // 2, w // 2, c, 2, 2))
            g = tf.reshape(tf.transpose(g, (0, 1, 4, 2, 5, 3)), (-1, h, w, c))
            return tf.pad(g, [[0, 0], [0, x.shape[1] - h], [0, x.shape[2] - w], [0, 0]])
        return tf.nn.max_pool2d(x, 2, 2, "VALID"), grad
    return f


def windows(a):
    """(N, H, W, C) -> (N, H/2, W/2, C, 4): each 2x2 window's values in row-major order."""
    n, h, w, c = a.shape
    a = a[:, :h // 2 * 2, :w // 2 * 2]
    return a.reshape(n, h // 2, 2, w // 2, 2, c).transpose(0, 1, 3, 5, 2, 4).reshape(n, h // 2, w // 2, c, 4)


class Decided:
    """While inside, ReLUs and 2x2 max pools decide as the engine did where ``switches``/``routes`` say."""

    def __init__(self, model, switches, routes, guided):
        self.model, self.switches, self.routes, self.guided = model, switches, routes, guided

    def __enter__(self):
        self.relus = [l for l in self.model.layers if getattr(l, "activation", None) is keras.activations.relu]
        for l in self.relus:
            switch = self.switches.get(l.name, np.zeros((1,) + tuple(l.output.shape[1:]), bool))
            l.activation = decided_relu(switch, self.guided)
        self.pools = {l: l.call for l in self.model.layers if l.name in self.routes}
        for l in self.pools:
            l.call = decided_max_pool(self.routes[l.name])
        return self

    def __exit__(self, *exc):
        for l in self.relus:
            l.activation = keras.activations.relu
        for l, call in self.pools.items():
            l.call = call


def decisions(model, x, dumped):
    """@return (switches, routes, count, places): the ReLU units on in TensorFlow and off in the engine (or
    the other way), and the 2x2 max pools whose window's largest input differs, for the batch ``x``
    from the engine's layer outputs for it in ``dumped``; how many places in all, and the first
    three of each layer described (item, row, column, channel)"""
    relus = [l for l in model.layers if getattr(l, "activation", None) is keras.activations.relu]
    pools = [l for l in model.layers if isinstance(l, keras.layers.MaxPooling2D) and l.pool_size == (2, 2)
             and l.strides == (2, 2) and l.padding == "valid"]
    values = keras.Model(model.inputs, [l.output for l in relus] + [l.input for l in pools])(x, training=False)
    switches, routes, places = {}, {}, []
    count = 0
    for l, ours in zip(relus, values[:len(relus)]):
        theirs = np.load(os.path.join(dumped, l.name + ".npy"))
        differ = (np.asarray(ours) > 0) != (theirs > 0)
        if differ.any():
            switches[l.name] = differ
            count += int(differ.sum())
            places += [f"{l.name}{[int(v) for v in i]} ReLU output {float(np.asarray(ours)[tuple(i)]):.2e} in TF, "
                       f"{float(theirs[tuple(i)]):.2e} in the engine" for i in np.argwhere(differ)[:3]]
    for l, ours in zip(pools, values[len(relus):]):
        source = l._inbound_nodes[0].parent_nodes[0].operation.name if hasattr(l, "_inbound_nodes") else None
        path = os.path.join(dumped, f"{source}.npy")
        if source is None or not os.path.exists(path):
            continue
        mine, engine = windows(np.asarray(ours)), windows(np.load(path))
        differ = (np.argmax(mine, -1) != np.argmax(engine, -1)) & (np.max(mine, -1) > 0)
        if differ.any():
            route = np.eye(4, dtype=np.float32)[np.argmax(mine, -1)]
            route[differ] = np.eye(4, dtype=np.float32)[np.argmax(engine, -1)[differ]]
            routes[l.name] = route
            count += int(differ.sum())
            places += [f"{l.name} window {[int(v) for v in i]}: TF {mine[tuple(i)].tolist()}, engine "
                       f"{engine[tuple(i)].tolist()}" for i in np.argwhere(differ)[:3]]
    return switches, routes, count, places


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


def ig_path(x):
    """The images Integrated Gradients differentiates: x scaled by the midpoints (k + 1/2) / N."""
    alphas = ((np.arange(IG_STEPS) + 0.5) / IG_STEPS).astype(np.float32)
    return (alphas[:, None, None, None] * x).astype(np.float32)


def noisy(x):
    """The images SmoothGrad differentiates: x plus the engine's seeded Gaussian noise."""
    sigma = np.float32(NOISE) * (x.max() - x.min())
    z = Noise(SEED).gaussians(SAMPLES * x[0].size).reshape((SAMPLES,) + x.shape[1:])
    return (x + (sigma * z).astype(np.float32)).astype(np.float32)


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

    def input_gradients(self, x, c, guided=False, decided=None):
        out = []
        for i in range(0, len(x), BATCH):
            xb = tf.constant(x[i:i + BATCH])
            with tf.GradientTape() as tape:
                tape.watch(xb)
                if decided is not None:
                    with Decided(self.model, decided[0], decided[1], guided):
                        y = self.model(xb, training=False)[:, c]
                elif guided:
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

    def ig(self, x, c, decided=None):
        g = self.input_gradients(ig_path(x), c, decided=decided)
        return (x[0] * g.mean(axis=0)).sum(axis=-1)

    def pixel(self, x, c, method, decided=None):
        if method == "saliency":
            return np.abs(self.input_gradients(x, c, decided=decided)[0]).max(axis=-1)
        if method == "inputxgrad":
            return (x[0] * self.input_gradients(x, c, decided=decided)[0]).sum(axis=-1)
        if method == "ig":
            return self.ig(x, c, decided)
        if method == "smoothgrad":
            return np.abs(self.input_gradients(noisy(x), c, decided=decided)).max(axis=-1).mean(axis=0)
        if method == "guided-backprop":
            return self.input_gradients(x, c, guided=True, decided=decided)[0].sum(axis=-1)
        if method == "guided-gradcam":
            cam = tf.image.resize(self.cam(x, c, "gradcam")[None, ..., None], x.shape[1:3], "bilinear")
            return self.input_gradients(x, c, guided=True, decided=decided)[0].sum(axis=-1) * cam.numpy()[0, ..., 0]
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


def engine(model_path, x_path, out, layer, methods, dumps=()):
    cp = subprocess.run(["bash", "-c", f"source '{HOME}/releng/benchmarks/common.sh' && compile && classpath"],
                        capture_output=True, text=True, check=True).stdout.strip()
    cmd = ["java", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G",
           "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-cp", cp, "org.convscope.engine.bench.ExplainMaps",
           "--model", model_path, "--input", x_path, "--out", out, "--layer", layer, "--methods", ",".join(methods),
           "--samples", str(SAMPLES), "--seed", str(SEED), "--ig-steps", str(IG_STEPS), "--patch", str(PATCH),
           "--stride", str(STRIDE), "--batch", str(BATCH), "--dump-layers"]
    for name, path in dumps:
        cmd += ["--dump", f"{name}={path}"]
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
    # the batches Integrated Gradients and SmoothGrad differentiate, whose layer outputs the engine
    # writes too, for the rounding check
    dumps = []
    for method, batch in (("ig", ig_path(x)), ("smoothgrad", noisy(x))):
        dumps.append((method, os.path.join(WORK, f"{name}_{size}_{method}.npy")))
        np.save(dumps[-1][1], batch)
    times = engine(path, x_path, out, layer, methods, dumps)
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
        notes = []
        if verdict == "FAIL" and times[m]["class"] == c and m in ROUNDING_CHECKED:
            batch = {"ig": ig_path(x), "smoothgrad": noisy(x)}.get(m, x)
            dumped = os.path.join(out, "layers-" + m if m in ("ig", "smoothgrad") else "layers")
            switches, routes, count, places = decisions(model, batch, dumped)
            if count:
                again = float(np.max(np.abs(got - ref.pixel(x, c, m, decided=(switches, routes))))) / (
                    scale if scale > 0 else 1.0)
                if again <= bound:
                    verdict = "PASS (rounding)"
                notes = [f"with the engine's decisions at {count} place(s): rel.err {again:.2e}"] + places[:6]
        ok &= verdict.startswith("PASS")
        print(f"  {m:<16} {float(np.max(np.abs(expected))):9.2e} {d:9.2e} {bound:6.0e}  {cs:11.3f} {tf_s:8.3f} {cs / tf_s:6.2f}  {verdict}")
        for n in notes:
            print(f"      {n}")
    return ok


# the gradient maps, whose difference a rounding decision can explain (see above)
ROUNDING_CHECKED = ("saliency", "inputxgrad", "guided-backprop", "guided-gradcam", "ig", "smoothgrad")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("models", nargs="*", default=["VGG16", "ResNet50", "MobileNetV2"])
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--methods", default=",".join(METHODS))
    a = p.parse_args()
    results = [check(n, a.size, a.methods.split(",")) for n in a.models]
    sys.exit(0 if all(results) else 1)
