#!/usr/bin/env python3
"""Writes COUNT small distinct PNG images (32x32 RGB, a gradient plus noise, ~3 KB each) into a zip.

    generate.py COUNT OUT.zip [--stored]

Entries are deflated by default (as a user's zip would be); PNG data hardly compresses further.
Deterministic: the same COUNT gives the same bytes.
"""
import random
import struct
import sys
import zipfile
import zlib


def png(width, height, rng):
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((x * 8 + rng.randrange(64)) % 256, (y * 8 + rng.randrange(64)) % 256, rng.randrange(256)))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    method = zipfile.ZIP_STORED if "--stored" in sys.argv else zipfile.ZIP_DEFLATED
    rng = random.Random(20240601)
    total = 0
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for index in range(count):
            data = png(32, 32, rng)
            total += len(data)
            info = zipfile.ZipInfo(f"images/{index // 1000:02d}/img{index:05d}.png", date_time=(2024, 6, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    print(f"{count} images, {total} bytes of PNG, mean {total // max(count, 1)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
