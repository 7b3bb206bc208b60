#!/usr/bin/env python3
"""The TensorFlow half of filters_vs_tf.sh: the loops of Convscope's filter-pattern presets,
written in TensorFlow, every filter of the batch at once in one tf.function step. Prints one JSON
line.

  tf_filters.py --model inception_v3.keras --preset robust [--layer mixed3] [--filters 16]
                [--steps 60] [--size 299] [--preprocessing tf|rescale]
  tf_filters.py --model inception_v3.keras --preset lucid  [--layer mixed3] [--filters 16]
                [--steps 512] [--size 224] [--preprocessing tf|rescale]

robust (FilterPatternOptions.robust(), FilterPatterns.ascend): start 255 * uniform[0.4, 0.6), the
model's preprocessing (--preprocessing: tf, InceptionV3's x / 127.5 - 1, or rescale, x / 255);
every step each image is rolled by its own random shift of -8..8 pixels, item n's loss is the
mean of channel n of the layer without a 2-pixel border, its gradient is rolled back, divided by
its root mean square + 1e-5, and added with weight 10.

lucid (FilterPatternOptions.lucid(), LucidAscent, FourierImage, ValidRgb, RobustTransforms, Adam):
each image is a half spectrum per colour (start: normal, sd 0.01) scaled by
sqrt(h*w) / max(f, 1/size), irfft2d, divided by 4; colours decorrelated by the normalised square
root of ImageNet's colour correlation; a sigmoid; then pad 12 (0.5), a random crop 8 pixels
smaller, a random scale from {1, 0.975, 1.025, 0.95, 1.05} and rotation from -5..5 degrees about
the centre (bilinear, 0.5 outside: ImageProjectiveTransformV3), a random crop back to the size
(jitter 4); x 255, the preprocessing; item n's objective the mean of channel n of the layer
(whole map) before its activation, as Convscope's lucid preset takes it: what goes into the
layer's ReLU, or for a concatenation of ReLU branches (mixed3) what goes into each branch's
ReLU; Adam ascent at 0.05 (beta 0.9, 0.999, epsilon 1e-8, as Convscope's).

The first step is run once untimed (tracing); the timed figure is the whole loop after it. The
line gives each item's objective before the last step (mean, min, max over the filters), to
compare with Convscope's.
"""
import argparse
import json
import math
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np
import keras
import tensorflow as tf

SCALES = (1, 0.975, 1.025, 0.95, 1.05)
CORRELATION_SQRT = np.array([[0.26, 0.09, 0.02], [0.27, 0.00, -0.05], [0.27, -0.09, 0.03]])


def emit(**kw):
    print(json.dumps(kw), flush=True)


PREPROCESSING = {"tf": lambda x: x / 127.5 - 1.0, "rescale": lambda x: x / 255.0}
preprocess = PREPROCESSING["tf"]


def before_relu(t):
    """What goes into the ReLU that makes t (an Activation("relu") or ReLU layer), else t."""
    op = t._keras_history.operation
    relu = (isinstance(op, keras.layers.Activation) and keras.activations.serialize(op.activation) == "relu"
            or isinstance(op, keras.layers.ReLU) and not op.max_value and not op.negative_slope)
    return op.input if relu else t


def before_activation(model, name):
    """The layer's output as lucid's objective weighs it (Objective.beforeActivation): what goes into
    its ReLU, or for a concatenation of ReLU branches (Inception's mixed blocks), what goes into
    each branch's ReLU, concatenated."""
    layer = model.get_layer(name)
    if isinstance(layer, keras.layers.Concatenate):
        return keras.layers.Concatenate(axis=layer.axis)([before_relu(t) for t in layer.input])
    return before_relu(layer.output)


def item_objective(act, n, border):
    # item i: the mean of channel i, without `border` positions on every side
    h, w = act.shape[1], act.shape[2]
    inner = act[:, border:h - border, border:w - border, :] if border else act
    chans = tf.transpose(inner, (0, 3, 1, 2))
    return tf.reduce_mean(tf.gather(chans, tf.range(n), axis=1, batch_dims=1), axis=(1, 2))


def robust(extractor, n, steps, size, seed):
    rng = np.random.default_rng(seed)
    x = tf.constant(preprocess(255 * (0.4 + 0.2 * rng.random((n, size, size, 3)))).astype(np.float32))
    jitter, border, lr = 8, 2, 10.0

    @tf.function
    def step(img, shifts):
        rolled = tf.stack([tf.roll(img[i], shifts[i], axis=(0, 1)) for i in range(n)])
        with tf.GradientTape() as tape:
            tape.watch(rolled)
            per_item = item_objective(extractor(rolled, training=False), n, border)
            loss = tf.reduce_sum(per_item)
        g = tape.gradient(loss, rolled)
        g = tf.stack([tf.roll(g[i], -shifts[i], axis=(0, 1)) for i in range(n)])
        g /= tf.sqrt(tf.reduce_mean(tf.square(g), axis=(1, 2, 3), keepdims=True)) + 1e-5
        return per_item, img + lr * g

    shifts = [tf.constant(rng.integers(-jitter, jitter + 1, (n, 2)), tf.int32) for _ in range(steps + 1)]
    step(x, shifts[-1])
    t = time.perf_counter()
    per_item = None
    for s in range(steps):
        per_item, x = step(x, shifts[s])
    x.numpy()
    return (time.perf_counter() - t) * 1e3, per_item.numpy()


def spectrum_gain(h, w):
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    f = np.maximum(np.sqrt(fx * fx + fy * fy), 1.0 / max(h, w))
    return (math.sqrt(h * w) / f).astype(np.float32)


def warp_matrices(scales, angles, s):
    # output pixel (x, y) reads input (a0 x + a1 y + a2, b0 x + b1 y + b2): turned back and
    # unscaled about the centre, as RobustTransforms' sampler
    c = (s - 1) / 2.0
    out = []
    for sc, a in zip(scales, angles):
        cos, sin = math.cos(a) / sc, math.sin(a) / sc
        out.append([cos, sin, c - cos * c - sin * c, -sin, cos, c + sin * c - cos * c, 0, 0])
    return np.array(out, np.float32)


def lucid(extractor, n, steps, size, seed):
    rng = np.random.default_rng(seed)
    kw = size // 2 + 1
    gain = tf.constant(spectrum_gain(size, size))
    matrix = CORRELATION_SQRT / np.max(np.linalg.norm(CORRELATION_SQRT, axis=0))
    colours = tf.constant(matrix.T.astype(np.float32))
    f = min(1.0, size / 128.0)
    pad, jitter, last = round(12 * f), round(8 * f), round(4 * f)
    cropped = size + 2 * pad - jitter
    base = (cropped - size - last) // 2
    params = tf.Variable((rng.standard_normal((n, 2, 3, size, kw)) * 0.01).astype(np.float32))
    m = tf.Variable(tf.zeros_like(params))
    v = tf.Variable(tf.zeros_like(params))
    t_var = tf.Variable(0.0)
    rate, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8

    def image(p):
        spectrum = tf.complex(p[:, 0], p[:, 1]) * tf.cast(gain, tf.complex64)
        t = tf.signal.irfft2d(spectrum, fft_length=(size, size)) / 4.0
        t = tf.transpose(t, (0, 2, 3, 1))
        return tf.sigmoid(tf.tensordot(t, colours, 1))

    def transform(unit, off0, mats, off1):
        padded = tf.pad(unit, ((0, 0), (pad, pad), (pad, pad), (0, 0)), constant_values=0.5)
        first = tf.stack([padded[i, off0[i, 0]:off0[i, 0] + cropped, off0[i, 1]:off0[i, 1] + cropped]
                          for i in range(n)])
        warped = tf.raw_ops.ImageProjectiveTransformV3(images=first, transforms=mats,
                                                       output_shape=(cropped, cropped), fill_value=0.5,
                                                       interpolation="BILINEAR", fill_mode="CONSTANT")
        return tf.stack([warped[i, off1[i, 0]:off1[i, 0] + size, off1[i, 1]:off1[i, 1] + size]
                         for i in range(n)])

    @tf.function
    def step(off0, mats, off1):
        with tf.GradientTape() as tape:
            x = preprocess(transform(image(params), off0, mats, off1) * 255.0)
            per_item = item_objective(extractor(x, training=False), n, 0)
            loss = tf.reduce_sum(per_item)
        g = tape.gradient(loss, params)
        t_var.assign_add(1.0)
        m.assign(b1 * m + (1 - b1) * g)
        v.assign(b2 * v + (1 - b2) * g * g)
        lr = rate * tf.sqrt(1 - b2 ** t_var) / (1 - b1 ** t_var)
        params.assign_add(lr * m / (tf.sqrt(v) + eps))
        return per_item

    def draw():
        off0 = rng.integers(0, jitter + 1, (n, 2))
        scales = [SCALES[k] for k in rng.integers(0, len(SCALES), n)]
        angles = np.radians(rng.uniform(-5, 5, n))
        off1 = base + rng.integers(0, last + 1, (n, 2))
        return tf.constant(off0, tf.int32), tf.constant(warp_matrices(scales, angles, cropped)), \
            tf.constant(off1, tf.int32)

    draws = [draw() for _ in range(steps + 1)]
    # tracing: one step, then the optimiser's state and the parameters back to their start
    start = params.numpy()
    step(*draws[-1])
    params.assign(start)
    m.assign(tf.zeros_like(params))
    v.assign(tf.zeros_like(params))
    t_var.assign(0.0)
    t = time.perf_counter()
    per_item = None
    for s in range(steps):
        per_item = step(*draws[s])
    params.numpy()
    return (time.perf_counter() - t) * 1e3, per_item.numpy()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--preset", required=True, choices=("robust", "lucid"))
    p.add_argument("--layer", default="mixed3")
    p.add_argument("--filters", type=int, default=16)
    p.add_argument("--steps", type=int)
    p.add_argument("--size", type=int)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--preprocessing", default="tf", choices=tuple(PREPROCESSING))
    a = p.parse_args()
    global preprocess
    preprocess = PREPROCESSING[a.preprocessing]
    model = keras.saving.load_model(a.model, compile=False)
    if a.preset == "robust":
        extractor = keras.Model(model.inputs, model.get_layer(a.layer).output)
        steps, size = a.steps if a.steps is not None else 60, a.size or 299
        ms, per_item = robust(extractor, a.filters, steps, size, a.seed)
    else:
        extractor = keras.Model(model.inputs, before_activation(model, a.layer))
        steps, size = a.steps if a.steps is not None else 512, a.size or 224
        ms, per_item = lucid(extractor, a.filters, steps, size, a.seed)
    emit(case=a.preset, layer=a.layer, filters=a.filters, steps=steps, size=size, batch=a.filters,
         ms=round(ms, 1), ms_per_step=round(ms / max(1, steps), 1),
         objective_mean=float(np.mean(per_item)), objective_min=float(np.min(per_item)),
         objective_max=float(np.max(per_item)), onednn=os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default"))


if __name__ == "__main__":
    main()
