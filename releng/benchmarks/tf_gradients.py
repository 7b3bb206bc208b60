#!/usr/bin/env python3
"""The TensorFlow half of gradients_vs_tf.sh: loads a Keras file and times, warm, in one process,
the same work as GradientsBench (releng/benchmarks/src/org/convscope/engine/bench), printing one
JSON line per timed call.

  python3 tf_gradients.py --model F --input X.npy --label NAME --case C [--layer L] [--runs N]

Cases (each compiled once with tf.function, then called RUNS times after 2 untimed calls):
  gradcam      Grad-CAM of the top class at --layer for a 1-image input: the prediction, the
               gradient of the class score with respect to the layer's output, channel weights
               (mean gradient), relu of the weighted sum, min-max normalised; the map returned
               to numpy.
  input_grad   the gradient of each image's class score (class n mod classes for image n) with
               respect to the input, for the whole batch in --input; returned to numpy.
  forward      model(x, training=False) returned to numpy, with the model's FLOP count.
"""
import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402


def emit(**kw):
    print(json.dumps({"side": "tf", **kw}), flush=True)


def flops(model):
    """2 x the multiply-adds of the model's convolutions and dense layers, from the architecture."""
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.DepthwiseConv2D):
            _, h, w, c = layer.output.shape
            kh, kw = layer.kernel_size
            total += 2 * h * w * kh * kw * c
        elif isinstance(layer, keras.layers.Conv2D):
            _, h, w, _ = layer.output.shape
            kh, kw, cin, cout = layer.kernel.shape
            total += 2 * h * w * kh * kw * cin * cout
        elif isinstance(layer, keras.layers.Dense):
            total += 2 * layer.kernel.shape[0] * layer.kernel.shape[1]
    return total


def vm_hwm_kb():
    with open("/proc/self/status") as s:
        for line in s:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def timed(label, case, runs, call, **extra):
    for i in range(runs + 2):
        t = time.perf_counter()
        result = call()
        ms = (time.perf_counter() - t) * 1e3
        if i >= 2:
            emit(case=f"{label} {case}", rep=i - 2, ms=round(ms, 2),
                 check=float(np.sum(np.square(result.astype(np.float64)))), **extra)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--label", default="model")
    p.add_argument("--case", required=True, choices=("gradcam", "input_grad", "forward"))
    p.add_argument("--layer")
    p.add_argument("--runs", type=int, default=10)
    a = p.parse_args()
    emit(tf_info=f"TF {tf.__version__}, Keras {keras.__version__}, "
                 f"TF_ENABLE_ONEDNN_OPTS={os.environ.get('TF_ENABLE_ONEDNN_OPTS', 'unset (on)')}")
    x = tf.constant(np.load(a.input))
    t0 = time.perf_counter()
    model = keras.models.load_model(a.model, compile=False)
    classes = model.output.shape[-1]

    if a.case == "forward":
        run = tf.function(lambda v: model(v, training=False))
        call = lambda: run(x).numpy()  # noqa: E731
        extra = {"flops": flops(model) * int(x.shape[0])}
    elif a.case == "gradcam":
        grad_model = keras.Model(model.inputs, [model.get_layer(a.layer).output, model.output])

        @tf.function
        def cam(v):
            with tf.GradientTape() as tape:
                conv, out = grad_model(v, training=False)
                score = tf.gather(out[0], tf.argmax(out[0]))
            grads = tape.gradient(score, conv)
            weights = tf.reduce_mean(grads, axis=(1, 2))
            heat = tf.nn.relu(tf.reduce_sum(conv[0] * weights[0], axis=-1))
            return (heat - tf.reduce_min(heat)) / (tf.reduce_max(heat) - tf.reduce_min(heat) + 1e-7)

        call = lambda: cam(x).numpy()  # noqa: E731
        extra = {"layer": a.layer}
    else:
        n = int(x.shape[0])
        one_hot = tf.one_hot(np.arange(n) % classes, classes)

        @tf.function
        def grad(v):
            with tf.GradientTape() as tape:
                tape.watch(v)
                score = tf.reduce_sum(model(v, training=False) * one_hot)
            return tape.gradient(score, v)

        call = lambda: grad(x).numpy()  # noqa: E731
        extra = {"batch": n}
    first = call()
    emit(case=f"{a.label} {a.case}", first_ms=round((time.perf_counter() - t0) * 1e3, 1),
         shape="x".join(map(str, first.shape)))
    timed(a.label, a.case, a.runs, call, **extra)
    emit(vm_hwm_kb=vm_hwm_kb())


if __name__ == "__main__":
    main()
