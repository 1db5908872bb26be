#!/usr/bin/env python3
"""Writes box annotation JSONL for bench/boxes/run.sh: IMAGES images x ANNOTATORS annotators, each
answer exactly BOXES boxes.

Each image has BOXES objects (classes car, person, bicycle, sign, weighted toward the first two) on a
1280x720 image, sizes 16-240 px, some of them overlapping. An annotator draws each object with every
edge moved by up to 6 % of the object's size; about 7 % of the time they miss it and draw a stray box
elsewhere instead, and 3 % of the time they give it another class. Coordinates have one decimal.
Prints the number of boxes written. Deterministic for a seed.

usage: generate.py OUT.jsonl [--images N] [--annotators N] [--boxes N] [--seed N]
"""
import argparse
import random

CLASSES = ["car", "person", "bicycle", "sign"]
WEIGHTS = [0.45, 0.35, 0.12, 0.08]
WIDTH, HEIGHT = 1280.0, 720.0


def clamp_box(x0, y0, x1, y1):
    x0, y0 = max(0.0, x0), max(0.0, y0)
    x1, y1 = min(WIDTH, x1), min(HEIGHT, y1)
    x0, y0, x1, y1 = round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1)
    if x1 - x0 < 1:
        x1 = x0 + 1
    if y1 - y0 < 1:
        y1 = y0 + 1
    return x0, y0, round(x1 - x0, 1), round(y1 - y0, 1)


def random_object(rng):
    w = rng.uniform(16, 240)
    h = rng.uniform(16, 240)
    x = rng.uniform(0, WIDTH - w)
    y = rng.uniform(0, HEIGHT - h)
    return [x, y, x + w, y + h, rng.choices(CLASSES, WEIGHTS)[0]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--boxes", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for image in range(args.images):
            objects = [random_object(rng) for _ in range(args.boxes)]
            # A crowd now and then: a second object right beside the first.
            if rng.random() < 0.3:
                x0, y0, x1, y1, label = objects[0]
                shift = (x1 - x0) * rng.uniform(0.15, 0.4)
                objects[1] = [x0 + shift, y0, x1 + shift, y1, label]
            for annotator in range(args.annotators):
                boxes = []
                for x0, y0, x1, y1, label in objects:
                    roll = rng.random()
                    if roll < 0.07:
                        x0, y0, x1, y1, label = random_object(rng)
                    elif roll < 0.10:
                        label = rng.choice(CLASSES)
                    dx, dy = (x1 - x0) * 0.06, (y1 - y0) * 0.06
                    x, y, w, h = clamp_box(
                        x0 + rng.uniform(-dx, dx), y0 + rng.uniform(-dy, dy),
                        x1 + rng.uniform(-dx, dx), y1 + rng.uniform(-dy, dy))
                    boxes.append('{"x":%s,"y":%s,"w":%s,"h":%s,"label":"%s"}' % (x, y, w, h, label))
                written += len(boxes)
                out.write('{"item":"img-%06d","annotator":"ann-%d","label":[%s]}\n'
                          % (image, annotator, ",".join(boxes)))
    print(written)


if __name__ == "__main__":
    main()
