#!/usr/bin/env python3
"""The TensorFlow half of activations_vs_tf.sh: loads the same Keras file, runs it on the same
input (an .npy), warm, and prints one JSON line per timed call.

  python3 tf_activations.py --model F --input X.npy --label NAME
      [--runs N] [--cases all,predictions,predict_on_batch]

Cases: "all" is a keras.Model returning every layer's output, called in a tf.function with
training=False, outputs converted to numpy; "predictions" is model(x, training=False) in a
tf.function; "predict_on_batch" is the all-layers model's predict_on_batch. Several cases
alternate call by call. Also prints the model's FLOP count: 2 x the multiply-adds of its Conv2D
and Dense layers, from the architecture.
"""
import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402


def flops(model):
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--label", default="model")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--cases", default="all")
    a = p.parse_args()
    info = (f"TF {tf.__version__}, Keras {keras.__version__}, "
            f"TF_ENABLE_ONEDNN_OPTS={os.environ.get('TF_ENABLE_ONEDNN_OPTS', 'unset (on)')}, "
            f"intra-op threads {tf.config.threading.get_intra_op_parallelism_threads() or 'default'}")
    print(json.dumps({"side": "tf", "tf_info": info}), flush=True)
    x = tf.constant(np.load(a.input))
    t0 = time.perf_counter()
    model = keras.models.load_model(a.model, compile=False)
    print(json.dumps({"side": "tf", "model": a.label, "flops": flops(model)}), flush=True)
    every = keras.Model(model.inputs, [l.output for l in model.layers if not isinstance(l, keras.layers.InputLayer)])
    run_all = tf.function(lambda t: every(t, training=False))
    run_pred = tf.function(lambda t: model(t, training=False))
    first = [o.numpy() for o in run_all(x)]
    print(json.dumps({"side": "tf", "case": f"{a.label} all layers",
                      "first_ms": round((time.perf_counter() - t0) * 1e3, 1)}), flush=True)

    def call(case):
        if case == "all":
            outs = [o.numpy() for o in run_all(x)]
        elif case == "predict_on_batch":
            outs = every.predict_on_batch(x)
        else:
            outs = [run_pred(x).numpy()]
        return outs[-1]

    names = {"all": "all layers", "predictions": "predictions", "predict_on_batch": "all layers, predict_on_batch"}
    cases = a.cases.split(",")
    for r in range(-2, a.runs):
        for c in cases:
            t = time.perf_counter()
            last = call(c)
            ms = (time.perf_counter() - t) * 1e3
            print(json.dumps({"side": "tf", "case": f"{a.label} {names[c]}", "rep": r, "warm": r >= 0,
                              "ms": round(ms, 2), "check": float(np.sum(last.astype(np.float64) ** 2)),
                              "load": round(os.getloadavg()[0], 2)}), flush=True)
    del first
    print(json.dumps({"side": "tf", "vm_hwm_kb": vm_hwm_kb()}), flush=True)


if __name__ == "__main__":
    main()
