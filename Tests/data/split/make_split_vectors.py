#!/usr/bin/env python3
"""Writes split_vectors.json: the split rule of `export --split`, computed with hashlib alone.

u = the first 8 bytes of SHA-256(key as UTF-8), big-endian, divided by 2**64; a group goes to the first
part, in the order given, whose cumulative share exceeds u (past the last cumulative share: the last part).
Run from this folder: python3 make_split_vectors.py > split_vectors.json
"""
import hashlib
import json

KEYS = [
    "", "a1", "a2", "a3", "item-0001", "item-0002", "item-0003", "ann-1", "ann-2", "ann-3",
    "Oslo", "Bergen", "Tromsø", "東京", "2024", "true", "x" * 300, "line\nbreak", "emoji 🎉",
]
SPLITS = [
    [["train", 0.8], ["val", 0.1], ["test", 0.1]],
    [["a", 0.5], ["b", 0.5]],
    # 0.7 + 0.2 + 0.1 is 0.9999999999999999 in binary floating point: a u above it goes to the last part.
    [["x", 0.7], ["y", 0.2], ["z", 0.1]],
]


def position(key):
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") / 2**64


def part(shares, key):
    u = position(key)
    cumulative = 0.0
    for name, share in shares:
        cumulative += share
        if cumulative > u:
            return name
    return shares[-1][0]


vectors = {
    "splits": [
        {
            "shares": shares,
            "cases": [
                {
                    "key": key,
                    "sha256_prefix": hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
                    "u": position(key),
                    "part": part(shares, key),
                }
                for key in KEYS
            ],
        }
        for shares in SPLITS
    ]
}
print(json.dumps(vectors, indent=1, ensure_ascii=False))
