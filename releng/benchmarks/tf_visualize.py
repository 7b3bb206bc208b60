#!/usr/bin/env python3
"""The TensorFlow half of visualize_vs_tf.sh: Grad-CAM and filter patterns on a Keras model, done
as the notebook "Visualizing what convnets learn" does them. Prints one JSON line per timed call.

  tf_visualize.py --model VGG16.h5 --case gradcam --input X.npy [--layer block5_conv3] [--runs N]
  tf_visualize.py --model VGG16.h5 --case filters_loop [--layer block3_conv1] [--filters 8]
                  [--steps 40] [--size 150]
  tf_visualize.py --model VGG16.h5 --case filters_batched [--filters 64] ...

gradcam: the notebook's procedure for one image: predict (for the top-5), then a GradientTape
through a model giving the conv layer's output and the predictions, the top score's gradient,
channel means, ReLU of the weighted sum, normalised; eager, as the notebook runs it.
filters_loop: one filter at a time, a tf.function gradient-ascent step (the later edition's),
each filter timed; the figure for all filters is the per-filter median times their number.
filters_batched: all filters as one batch, each item maximising its own filter.
"""
import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np
import keras
import tensorflow as tf


def emit(**kw):
    print(json.dumps(kw), flush=True)


def gradcam(model, x, layer, runs):
    grad_model = keras.Model(model.inputs, [model.get_layer(layer).output, model.output])
    for i in range(runs + 2):
        t = time.perf_counter()
        preds = model(x, training=False).numpy()
        top5 = np.argsort(-preds[0])[:5]
        with tf.GradientTape() as tape:
            conv, out = grad_model(x, training=False)
            score = out[:, int(top5[0])]
        grads = tape.gradient(score, conv)
        weights = tf.reduce_mean(grads, axis=(0, 1, 2))
        heat = tf.nn.relu(tf.reduce_sum(conv[0] * weights, axis=-1))
        heat = (heat - tf.reduce_min(heat)) / (tf.reduce_max(heat) - tf.reduce_min(heat) + 1e-7)
        heat = heat.numpy()
        ms = (time.perf_counter() - t) * 1e3
        if i >= 2:
            emit(case="gradcam", rep=i - 2, ms=round(ms, 1), **{"class": int(top5[0])}, map=f"{heat.shape[0]}x{heat.shape[1]}")


def start_images(n, size):
    rng = np.random.default_rng(0)
    x = (rng.uniform(0, 1, (n, size, size, 3)) * 20 + 128).astype(np.float32)
    return keras.applications.vgg16.preprocess_input(x)


def filters_loop(model, layer, n, steps, size):
    extractor = keras.Model(model.inputs, model.get_layer(layer).output)

    @tf.function
    def step(img, f, lr):
        with tf.GradientTape() as tape:
            tape.watch(img)
            loss = tf.reduce_mean(extractor(img, training=False)[..., f])
        g = tape.gradient(loss, img)
        g /= tf.sqrt(tf.reduce_mean(tf.square(g))) + 1e-5
        return loss, img + lr * g

    start = start_images(n, size)
    # the first call traces the function; the notebook pays that once too, but not per filter
    step(tf.constant(start[:1]), tf.constant(0), tf.constant(1.0))
    per = []
    for f in range(n):
        t = time.perf_counter()
        img = tf.constant(start[f:f + 1])
        for _ in range(steps):
            loss, img = step(img, tf.constant(f), tf.constant(1.0))
        img.numpy()
        per.append((time.perf_counter() - t) * 1e3)
        emit(case="filters_loop_one", filter=f, ms=round(per[-1], 1))
    emit(case="filters_loop", filters=n, steps=steps, size=size, ms=round(sum(per), 1),
         per_filter_median_ms=round(float(np.median(per)), 1))


def filters_batched(model, layer, n, steps, size):
    extractor = keras.Model(model.inputs, model.get_layer(layer).output)
    idx = tf.range(n)

    @tf.function
    def step(img, lr):
        with tf.GradientTape() as tape:
            tape.watch(img)
            act = extractor(img, training=False)
            per_item = tf.reduce_mean(tf.gather(tf.transpose(act, (0, 3, 1, 2)), idx, axis=1, batch_dims=1), axis=(1, 2))
            loss = tf.reduce_sum(per_item)
        g = tape.gradient(loss, img)
        g /= tf.sqrt(tf.reduce_mean(tf.square(g), axis=(1, 2, 3), keepdims=True)) + 1e-5
        return per_item, img + lr * g

    start = tf.constant(start_images(n, size))
    step(start, tf.constant(1.0))
    t = time.perf_counter()
    img = start
    for _ in range(steps):
        _, img = step(img, tf.constant(1.0))
    img.numpy()
    emit(case="filters_batched", filters=n, steps=steps, size=size, batch=n,
         ms=round((time.perf_counter() - t) * 1e3, 1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--case", required=True)
    p.add_argument("--input")
    p.add_argument("--layer")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--filters", type=int, default=64)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--size", type=int, default=150)
    a = p.parse_args()
    model = keras.saving.load_model(a.model, compile=False)
    if a.case == "gradcam":
        gradcam(model, np.load(a.input), a.layer or "block5_conv3", a.runs)
    elif a.case == "filters_loop":
        filters_loop(model, a.layer or "block3_conv1", a.filters, a.steps, a.size)
    else:
        filters_batched(model, a.layer or "block3_conv1", a.filters, a.steps, a.size)


if __name__ == "__main__":
    main()
