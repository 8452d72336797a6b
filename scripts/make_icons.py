"""Draw the app's icons into static/icons/: ``.venv/bin/python scripts/make_icons.py``.

A white passport with a gold star on the brand blue. The maskable icon fills the whole square
and keeps the drawing inside the middle 60 %, the "safe zone" a phone's mask never cuts.
favicon.ico is the same drawing for a browser's tab.
"""

from __future__ import annotations

from math import cos, pi, sin
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (11, 83, 148)
GOLD = (255, 191, 71)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parents[1] / "static" / "icons"


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -pi / 2 + i * pi / 5
        points.append((cx + radius * cos(angle), cy + radius * sin(angle)))
    draw.polygon(points, fill=GOLD)


def draw(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGB", (size, size), BLUE)
    d = ImageDraw.Draw(image)
    if not maskable:  # rounded corners of its own: the background beyond them is transparent
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        d = ImageDraw.Draw(image)
        d.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 0.18, fill=BLUE)
    scale = 0.6 if maskable else 0.74
    w, h = size * scale * 0.72, size * scale
    left, top = (size - w) / 2, (size - h) / 2
    d.rounded_rectangle((left, top, left + w, top + h), radius=size * 0.04, fill=WHITE)
    d.rectangle((left, top, left + w * 0.12, top + h), fill=(220, 228, 240))  # the spine
    _star(d, left + w * 0.56, top + h * 0.42, w * 0.28)
    bar = (left + w * 0.3, top + h * 0.76, left + w * 0.82, top + h * 0.81)
    d.rounded_rectangle(bar, radius=size * 0.01, fill=BLUE)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    draw(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    # The tab's icon, asked for at /favicon.ico by every browser: 16, 32 and 48 px in one file.
    draw(256, maskable=False).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
