#!/usr/bin/env python3
"""TensorFlow's side of cli_vs_tf.sh: the whole job of `convscope activations MODEL X.npy
--layers L1,L2 --npy` in one process: load the Keras file, compute the layers' outputs for the
input tensor, write each as <layer>.npy.

    python3 tf_layers_npy.py MODEL X.npy L1,L2,... OUT_DIR
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def main():
    import keras
    import numpy as np

    model_path, x_path, layers, out = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
    os.makedirs(out, exist_ok=True)
    model = keras.models.load_model(model_path, compile=False)
    x = np.load(x_path)
    outputs = keras.Model(model.inputs, [model.get_layer(n).output for n in layers])(x, training=False)
    if len(layers) == 1:
        outputs = [outputs]
    for name, y in zip(layers, outputs):
        np.save(os.path.join(out, name + ".npy"), np.asarray(y))


if __name__ == "__main__":
    main()
