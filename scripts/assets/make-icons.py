#!/usr/bin/env python3
"""Draws the app icons (server/public/icon-*.png) from the same shape as favicon.svg: a white "Z" on the
ZonePass blue. Run once when the icon changes; the PNGs are committed. Plain Python, no imaging library."""
import math
import struct
import sys
import zlib
from pathlib import Path

BLUE = (0x0B, 0x4F, 0x8A)
WHITE = (0xFF, 0xFF, 0xFF)
# The favicon's path on its 64-unit grid; the maskable icon keeps it inside the central safe zone.
Z = [(14, 20), (50, 20), (22, 44), (50, 44)]
Z_MASKABLE = [(20, 24), (44, 24), (24, 40), (44, 40)]


def seg_dist(px, py, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def draw(size, path, stroke, radius):
    rows = []
    scale = size / 64
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            u, v = (x + 0.5) / scale, (y + 0.5) / scale
            # Rounded-corner mask (radius 0 fills the square, as a maskable icon must).
            cx, cy = min(max(u, radius), 64 - radius), min(max(v, radius), 64 - radius)
            inside = math.hypot(u - cx, v - cy) <= radius if radius else True
            d = min(seg_dist(u, v, path[i], path[i + 1]) for i in range(len(path) - 1))
            colour = WHITE if d <= stroke / 2 else BLUE
            row += bytes(colour) + bytes([255 if inside else 0])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "server/public")
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(draw(size, Z, 7, 12))
    (out / "icon-maskable-512.png").write_bytes(draw(512, Z_MASKABLE, 5, 0))
    (out / "apple-touch-icon.png").write_bytes(draw(180, Z, 7, 0))


if __name__ == "__main__":
    main()
