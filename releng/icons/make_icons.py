#!/usr/bin/env python3
"""Draws Convscope's icons: a 3x3 grid of tiles in viridis shades, like a channel grid.

Run: python3 releng/icons/make_icons.py   (writes into the app and ui bundles)
with the project's venv (releng/python/README.md).
"""
import os
from PIL import Image, ImageDraw

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
VIRIDIS = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
           (49, 104, 142), (53, 183, 121), (72, 40, 120), (144, 215, 67)]


def grid_icon(size, path):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    gap = max(1, size // 16)
    tile = (size - 4 * gap) / 3
    for i, colour in enumerate(VIRIDIS):
        r, c = divmod(i, 3)
        x0 = gap + c * (tile + gap)
        y0 = gap + r * (tile + gap)
        d.rounded_rectangle([x0, y0, x0 + tile - 1, y0 + tile - 1], radius=max(1, size // 12), fill=colour + (255,))
    img.save(path)


def graph_icon(path):
    img = Image.new("RGBA", (16, 16), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.line([(8, 4), (4, 11)], fill=(90, 90, 90, 255))
    d.line([(8, 4), (12, 11)], fill=(90, 90, 90, 255))
    for (x, y, colour) in [(5, 0, (51, 102, 170)), (1, 10, (170, 51, 51)), (9, 10, (51, 136, 68))]:
        d.rectangle([x, y, x + 5, y + 4], fill=colour + (255,))
    img.save(path)


def about_image(path):
    img = Image.new("RGB", (250, 250), (30, 30, 36))
    tile = Image.open(os.path.join(ROOT, "bundles/org.convscope.app/icons/convscope48.png")).resize((160, 160), Image.NEAREST)
    img.paste(tile, (45, 45), tile)
    img.save(path)


if __name__ == "__main__":
    app = os.path.join(ROOT, "bundles/org.convscope.app/icons")
    ui = os.path.join(ROOT, "bundles/org.convscope.ui/icons")
    for s in (16, 32, 48):
        grid_icon(s, os.path.join(app, f"convscope{s}.png"))
    grid_icon(16, os.path.join(ui, "activations16.png"))
    graph_icon(os.path.join(ui, "graph16.png"))
    about_image(os.path.join(app, "about.png"))
