#!/usr/bin/env python3
"""The box exports as COCO and YOLO tools read them: `annotations.coco.json` through pycocotools, `labels/`.

A loopback server on a temp data folder gets a box task of three real PNG images (two of them named `a.png` in
different folders, so their upload names share a stem) and three annotators' boxes through the built CLI, which
exports it twice with `--to DIR` (`--format coco`, `--format yolo`). pycocotools loads the COCO file and its
evaluator scores the consensus against itself; the YOLO files are checked against `labels.jsonl` by the
normalisation rule of docs/contract.md. Runs under pytest or alone (`scripts/test` does, in .venv-coco).

Usage: LABELBENCH_BIN=.build/debug/labelbench .venv-coco/bin/python Tests/python/test_box_exports.py
"""
import atexit
import base64
import contextlib
import functools
import hashlib
import io
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("LABELBENCH_BIN", os.path.join(REPO, ".build/debug/labelbench")))
CLASSES = ["person", "car"]  # not alphabetical: ids and indexes follow the task's order

# image path in the upload → (width, height, {annotator: boxes as (x, y, w, h, label)})
IMAGES = {
    "cars/a.png": (200, 100, {
        "ann-1": [(10, 10, 50, 40, "car"), (100, 20, 30, 60, "person")],
        "ann-2": [(12, 10, 50, 40, "car"), (102, 20, 30, 60, "person")],
        "ann-3": [(10, 12, 50, 40, "car")],
    }),
    "people/a.png": (64, 48, {  # one annotator of three: the consensus is []
        "ann-1": [(5, 5, 10, 20, "person")], "ann-2": [], "ann-3": [],
    }),
    "z.png": (320, 240, {
        "ann-1": [(0.5, 1.25, 100, 200, "person")], "ann-2": [(0.5, 1.25, 100, 200, "person")],
        "ann-3": [(0.5, 1.25, 100, 200, "person")],
    }),
}


def png(width, height, shade):
    """A real 8-bit grey PNG of one shade (distinct shades: distinct images)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = (b"\x00" + bytes([shade]) * width) * height
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def run(args, stdin=None):
    result = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"labelbench {' '.join(args)} failed: {result.stderr}")
    return result.stdout.strip()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@functools.lru_cache(maxsize=None)
def exported():
    """Builds the task once per run and returns {format: folder} of the two folder exports."""
    work = tempfile.mkdtemp(prefix="labelbench-boxes-")
    data = os.path.join(work, "data")
    run(["users", "add", "pat", "--role", "practitioner", "--password-stdin", "--data", data],
        stdin="correct-horse-battery\n")
    token = run(["tokens", "create", "pat", "--data", data])
    port = free_port()
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--data", data, "--port", str(port), "--host", "127.0.0.1"],
                              stdout=log, stderr=subprocess.STDOUT)

    def stop():
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(work, ignore_errors=True)

    atexit.register(stop)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                break
        except OSError:
            if server.poll() is not None:
                raise AssertionError("the server exited early: " + open(log.name).read())
            time.sleep(0.05)
    client = ["--server", base, "--token", token]

    def write(name, content):
        path = os.path.join(work, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content if isinstance(content, bytes) else content.encode())
        return path

    task = {"name": "street", "title": "Street", "kind": "image", "answer": "boxes", "overlap": 3,
            "labels": [{"name": name} for name in CLASSES]}
    run(["tasks", "create", write("task.json", json.dumps(task) + "\n")] + client)
    for shade, (path, (width, height, _)) in enumerate(IMAGES.items()):
        write(os.path.join("upload", path), png(width, height, 40 * shade + 10))
    items = [json.dumps({"id": path, "image": path}) for path in sorted(IMAGES, reverse=True)]
    write("upload/items.jsonl", "\n".join(items) + "\n")
    run(["import", "street", os.path.join(work, "upload")] + client)
    answers = [json.dumps({"item": path, "annotator": annotator,
                           "label": [{"x": x, "y": y, "w": w, "h": h, "label": label} for x, y, w, h, label in boxes]})
               for path, (_, _, marks) in IMAGES.items() for annotator, boxes in marks.items()]
    run(["import-annotations", "street", write("annotations.jsonl", "\n".join(answers) + "\n")] + client)
    folders = {}
    for form in ["coco", "yolo"]:
        folder = os.path.join(work, form)
        assert run(["export", "street", "--format", form, "--to", folder] + client).splitlines()[-1] == folder
        run(["artifacts", "verify", folder])
        folders[form] = folder
    return folders


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle.read().split("\n") if line]


def test_pycocotools_loads_every_row_with_its_consensus_boxes():
    folder = exported()["coco"]
    labels = read_jsonl(os.path.join(folder, "labels.jsonl"))
    assert [row["id"] for row in labels] == sorted(IMAGES)
    with contextlib.redirect_stdout(io.StringIO()):
        coco = COCO(os.path.join(folder, "annotations.coco.json"))
    assert [cat["name"] for cat in coco.loadCats(coco.getCatIds())] == CLASSES
    assert coco.getCatIds() == [1, 2]
    assert coco.getImgIds() == [1, 2, 3]
    assert len(coco.getAnnIds()) == sum(len(row["label"]) for row in labels) == 3
    for image_id, row in zip(coco.getImgIds(), labels):
        image = coco.loadImgs(image_id)[0]
        assert image["file_name"] == row["image"] and image["item_id"] == row["id"]
        assert (image["width"], image["height"]) == IMAGES[row["id"]][:2]
        with open(os.path.join(folder, image["file_name"]), "rb") as handle:
            assert image["file_name"] == "images/" + hashlib.sha256(handle.read()).hexdigest() + ".png"
        anns = coco.loadAnns(coco.getAnnIds(imgIds=[image_id]))
        assert [a["bbox"] for a in anns] == [[b["x"], b["y"], b["w"], b["h"]] for b in row["label"]], (row, anns)
        assert [CLASSES[a["category_id"] - 1] for a in anns] == [b["label"] for b in row["label"]]
        for a in anns:
            assert a["area"] == a["bbox"][2] * a["bbox"][3] and a["iscrowd"] == 0 and 0 < a["score"] <= 1
    empty = coco.getImgIds()[labels.index(next(row for row in labels if row["label"] == []))]
    assert coco.getAnnIds(imgIds=[empty]) == []
    scores = sorted(a["score"] for a in coco.dataset["annotations"])
    assert abs(scores[0] - 2 / 3) < 1e-9 and scores[1:] == [1, 1], scores
    assert coco.getAnnIds() == [1, 2, 3]
    assert not os.path.exists(os.path.join(folder, "classes.txt"))


def test_cocoeval_scores_the_consensus_against_itself_as_perfect():
    folder = exported()["coco"]
    with contextlib.redirect_stdout(io.StringIO()):
        truth = COCO(os.path.join(folder, "annotations.coco.json"))
        detections = truth.loadRes([dict(a) for a in truth.dataset["annotations"]])
        evaluation = COCOeval(truth, detections, "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    assert abs(evaluation.stats[0] - 1.0) < 1e-9, evaluation.stats  # AP at IoU .50:.95


def test_yolo_label_file_beside_each_image_normalised_to_it():
    folder = exported()["yolo"]
    labels = read_jsonl(os.path.join(folder, "labels.jsonl"))
    with open(os.path.join(folder, "classes.txt"), encoding="utf-8") as handle:
        assert handle.read().splitlines() == CLASSES
    stems = []
    for row in labels:
        stem, ext = os.path.splitext(os.path.basename(row["image"]))
        assert row["image"] == f"images/{stem}{ext}" and os.path.exists(os.path.join(folder, row["image"]))
        stems.append(stem)
        width, height = IMAGES[row["id"]][:2]
        with open(os.path.join(folder, "labels", stem + ".txt"), encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        assert len(lines) == len(row["label"]), (row, lines)
        for line, box in zip(lines, row["label"]):
            fields = line.split(" ")
            assert CLASSES[int(fields[0])] == box["label"]
            assert all(len(f.split(".")[1]) == 6 for f in fields[1:]), line
            expected = [(box["x"] + box["w"] / 2) / width, (box["y"] + box["h"] / 2) / height,
                        box["w"] / width, box["h"] / height]
            assert fields[1:] == ["%.6f" % value for value in expected], (line, expected)
    assert len(set(stems)) == len(stems) == len(IMAGES), "two images named a.png keep apart"
    assert sorted(os.listdir(os.path.join(folder, "labels"))) == sorted(s + ".txt" for s in stems)
    assert not os.path.exists(os.path.join(folder, "annotations.coco.json"))


def test_both_manifests_list_the_extra_files():
    for form in ["coco", "yolo"]:
        folder = exported()[form]
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
            files = {entry["path"]: entry for entry in json.load(handle)["files"]}
        with open(os.path.join(folder, "wandb_manifest.json"), encoding="utf-8") as handle:
            contents = json.load(handle)["contents"]
        extra = ["annotations.coco.json"] if form == "coco" else \
            ["classes.txt"] + ["labels/" + name for name in os.listdir(os.path.join(folder, "labels"))]
        for path in extra:
            with open(os.path.join(folder, path), "rb") as handle:
                data = handle.read()
            assert files[path]["sha256"] == hashlib.sha256(data).hexdigest()
            assert files[path]["size"] == len(data)
            assert contents[path]["digest"] == base64.b64encode(hashlib.md5(data).digest()).decode()
        assert {"labels.jsonl", "quality.json", "schema.json"} <= set(files)
        assert set(contents) == set(files)


if __name__ == "__main__":
    failures = 0
    for name, test in list(globals().items()):
        if name.startswith("test_") and callable(test):
            try:
                test()
                print(f"ok   {name}")
            except Exception as error:  # a failed assert or a failed command: report it and go on
                failures += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", file=sys.stderr)
    sys.exit(1 if failures else 0)
