#!/usr/bin/env python3
"""The Keras half of read_vs_keras.sh: times keras.models.load_model (structure and all weights)
and, for reference, the structure alone the way Keras can build it (config -> model_from_json, which
also initialises every weight randomly) and model.summary(). One JSON line per repetition; the
first in a process is flagged (cold caches inside Keras/TF). TF's import time is reported once.

  python3 keras_read.py [--repeat N] MODEL
"""
import argparse
import io
import json
import os
import time
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
t_import = time.perf_counter()
import h5py  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402,F401  (the backend Keras uses; imported so its cost is counted here)

t_import = time.perf_counter() - t_import


def structure_only(path):
    """The model from its config alone, as Keras builds it (which initialises every weight)."""
    if path.endswith(".keras"):
        with zipfile.ZipFile(path) as z:
            return keras.models.model_from_json(z.read("config.json").decode())
    # load_model reads a .h5 config through Keras's legacy loader; so does this
    from keras.src.legacy.saving import saving_utils
    with h5py.File(path, "r") as f:
        c = f.attrs["model_config"]
        return saving_utils.model_from_config(json.loads(c.decode() if isinstance(c, bytes) else c))


def vm_hwm_kb():
    with open("/proc/self/status") as s:
        for line in s:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("model")
    a = p.parse_args()
    size = os.path.getsize(a.model)
    name = os.path.basename(a.model)
    print(json.dumps({"side": "keras", "file": name, "import_s": round(t_import, 2),
                      "keras": keras.__version__, "tf": tf.__version__}), flush=True)
    for r in range(a.repeat):
        t0 = time.perf_counter()
        m = keras.models.load_model(a.model, compile=False)
        t1 = time.perf_counter()
        buf = io.StringIO()
        m.summary(print_fn=lambda s, **k: buf.write(s + "\n"))
        t2 = time.perf_counter()
        params = m.count_params()
        del m
        t3 = time.perf_counter()
        s = structure_only(a.model)
        t4 = time.perf_counter()
        del s
        keras.backend.clear_session()
        print(json.dumps({"side": "keras", "file": name, "file_bytes": size, "rep": r, "cold": r == 0,
                          "load_model_ms": round((t1 - t0) * 1e3, 1), "summary_ms": round((t2 - t1) * 1e3, 1),
                          "structure_only_ms": round((t4 - t3) * 1e3, 1), "params": params,
                          "load_mb_per_s": round(size / 1e6 / (t1 - t0), 1),
                          "load": round(os.getloadavg()[0], 2)}), flush=True)
    print(json.dumps({"side": "keras", "vm_hwm_kb": vm_hwm_kb()}), flush=True)


if __name__ == "__main__":
    main()
