#!/usr/bin/env python3
"""Writes matplotlib's viridis, magma, gray and jet tables for org.convscope.core.render.Colormap.

Run from this folder with the project's venv (releng/python/README.md):  python3 make_colormaps.py
Each <name>.csv has 256 rows "R,G,B,r,g,b": the 8-bit colours matplotlib draws
(cmap(np.arange(256), bytes=True), which truncates 255*v) and the float entries (repr, exact).
"""
import matplotlib
import numpy as np

for name in ("viridis", "magma", "gray", "jet"):
    cmap = matplotlib.colormaps[name].resampled(256)
    idx = np.arange(256)
    rgba8 = cmap(idx, bytes=True)
    rgbaf = cmap(idx)
    with open(name + ".csv", "w", newline="\n") as f:
        f.write("# matplotlib %s colormap '%s', 256 entries: R,G,B (bytes=True), r,g,b (float)\n"
                % (matplotlib.__version__, name))
        for i in idx:
            r, g, b = (int(v) for v in rgba8[i, :3])
            fr, fg, fb = (repr(float(v)) for v in rgbaf[i, :3])
            f.write("%d,%d,%d,%s,%s,%s\n" % (r, g, b, fr, fg, fb))
