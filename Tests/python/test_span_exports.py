#!/usr/bin/env python3
"""The span exports as Python reads them: `spans.jsonl` (spaCy/Prodigy rows) and `labels.conll` (IOB2).

A loopback server on a temp data folder gets a span task with awkward text (emoji, combining accents, CJK,
right-to-left, tabs and newlines, text of whitespace only) and two annotators' spans through the built CLI, which exports
it twice with `--to DIR` (`--format spacy`, `--format conll`). The checks use the standard library only, so
neither spaCy nor pytest need be installed: run it with pytest, or as a script (`scripts/test` does).

Usage: LABELBENCH_BIN=.build/debug/labelbench python3 Tests/python/test_span_exports.py
"""
import atexit
import base64
import functools
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("LABELBENCH_BIN", os.path.join(REPO, ".build/debug/labelbench")))

# id → (text, spans both annotators mark as (surface, label), or None when they disagree).
# Surfaces are found in the text with str.find, so the offsets are Python's own code-point offsets.
ITEMS = {
    "emoji": ("Meet 👩‍💻 Ana in Zu\u0308rich 👋🏽!", [("👩‍💻", "MISC"), ("Ana", "PER"), ("Zu\u0308rich", "LOC")]),
    "cjk": ("東京都に住む田中さん", [("東京都", "LOC"), ("田中", "PER")]),
    "rtl": ("مرحبا بكم في دبي", [("دبي", "LOC")]),
    "lines": ("Ann\tSmith\nworks at\r\nACME Corp", [("Ann\tSmith", "PER"), ("ACME Corp", "ORG")]),
    "cut": ("unhappy New Yorkers love NewYork", [("happy", "MISC"), ("New York", "LOC")]),
    "odd-space": ("Ada\u3000Lovelace\x1cand\u00a0Bob", [("Ada\u3000Lovelace", "PER")]),
    "none": ("nothing to see here", []),
    "split": ("Paris Hilton", None),
    "blank": (" \t\n", []),  # an empty text is refused at import; whitespace alone has no token
}


def spans_of(item):
    text, marked = ITEMS[item]
    spans = []
    for surface, label in marked or []:
        start = text.find(surface)
        assert start >= 0, (item, surface)
        spans.append({"start": start, "end": start + len(surface), "label": label})
    return spans


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
    work = tempfile.mkdtemp(prefix="labelbench-spans-")
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

    def write(name, lines):
        path = os.path.join(work, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
        return path

    task = {"name": "ner", "title": "Entities", "answer": "spans", "overlap": 2,
            "labels": [{"name": name} for name in ["PER", "LOC", "ORG", "MISC"]]}
    run(["tasks", "create", write("task.json", [json.dumps(task)])] + client)
    # Imported out of id order: the files are in id order.
    items = [json.dumps({"id": item, "text": ITEMS[item][0]}) for item in sorted(ITEMS, reverse=True)]
    run(["import", "ner", write("items.jsonl", items)] + client)
    answers = []
    for item in ITEMS:
        for annotator in ["ann-1", "ann-2"]:
            spans = spans_of(item)
            if ITEMS[item][1] is None:  # the two disagree: no strict majority, the consensus is []
                spans = [{"start": 0, "end": 5, "label": "LOC" if annotator == "ann-1" else "PER"}]
            answers.append(json.dumps({"item": item, "annotator": annotator, "label": spans}))
    run(["import-annotations", "ner", write("annotations.jsonl", answers)] + client)
    folders = {}
    for form in ["spacy", "conll"]:
        folder = os.path.join(work, form)
        assert run(["export", "ner", "--format", form, "--to", folder] + client).splitlines()[-1] == folder
        run(["artifacts", "verify", folder])
        folders[form] = folder
    return folders


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle.read().split("\n") if line]


def conll_items(path):
    """Each item's (token, tag) pairs: an item is its lines, then one blank line."""
    with open(path, encoding="utf-8", newline="") as handle:
        content = handle.read()
    assert content.endswith("\n"), "the last item ends with its blank line"
    items, current = [], []
    for line in content[:-1].split("\n"):
        if line == "":
            items.append(current)
            current = []
        else:
            fields = line.split(" ")
            assert len(fields) == 2, f"not a TOKEN TAG line: {line!r}"
            current.append((fields[0], fields[1]))
    assert current == [], "lines after the last blank line"
    return items


def expected_tags(text, spans):
    """The documented rule: a token sharing a code point with a span takes the first such span,
    B- on the span's first token, I- after."""
    tags, last, position = [], None, 0
    for token in text.split():
        start = text.index(token, position)
        end = position = start + len(token)
        hit = next((k for k, s in enumerate(spans) if s["start"] < end and s["end"] > start), None)
        if hit is None:
            tags.append("O")
        else:
            tags.append(("I-" if hit == last else "B-") + spans[hit]["label"])
            last = hit
    return tags


def test_spacy_rows_follow_labels_jsonl_and_every_span_slices_its_text():
    folder = exported()["spacy"]
    labels = read_jsonl(os.path.join(folder, "labels.jsonl"))
    rows = read_jsonl(os.path.join(folder, "spans.jsonl"))
    assert [row["id"] for row in rows] == sorted(ITEMS), [row["id"] for row in rows]
    assert [row["id"] for row in rows] == [row["id"] for row in labels]
    for row, label in zip(rows, labels):
        assert list(row) == ["id", "text", "spans"], list(row)
        text = ITEMS[row["id"]][0]
        assert row["text"] == text == label["text"]
        assert row["spans"] == [{k: s[k] for k in ("start", "end", "label")} for s in label["label"]]
        assert row["spans"] == spans_of(row["id"]), (row["id"], row["spans"])
        surfaces = [(text[s["start"]:s["end"]], s["label"]) for s in row["spans"]]
        assert surfaces == list(ITEMS[row["id"]][1] or []), (row["id"], surfaces)
    assert not os.path.exists(os.path.join(folder, "labels.conll"))


def test_conll_tokens_are_text_split_with_iob2_tags():
    folder = exported()["conll"]
    labels = read_jsonl(os.path.join(folder, "labels.jsonl"))
    items = conll_items(os.path.join(folder, "labels.conll"))
    assert len(items) == len(labels) == len(ITEMS), (len(items), len(labels))
    for row, pairs in zip(labels, items):
        text = row["text"]
        assert [token for token, _ in pairs] == text.split(), (row["id"], pairs)
        assert len(pairs) == len(text.split())
        assert [tag for _, tag in pairs] == expected_tags(text, spans_of(row["id"])), (row["id"], pairs)
        previous = "O"
        for _, tag in pairs:
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], f"{row['id']}: {tag} after {previous}"
            previous = tag
    tags = {row["id"]: [tag for _, tag in pairs] for row, pairs in zip(labels, items)}
    assert tags["cut"] == ["B-MISC", "B-LOC", "I-LOC", "O", "O"]
    assert tags["cjk"] == ["B-LOC"]
    assert tags["split"] == ["O", "O"] and tags["blank"] == []
    assert not os.path.exists(os.path.join(folder, "spans.jsonl"))


def test_both_manifests_list_the_extra_file():
    for form, path in [("spacy", "spans.jsonl"), ("conll", "labels.conll")]:
        folder = exported()[form]
        with open(os.path.join(folder, path), "rb") as handle:
            data = handle.read()
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
            files = {entry["path"]: entry for entry in json.load(handle)["files"]}
        assert files[path]["sha256"] == hashlib.sha256(data).hexdigest()
        assert files[path]["md5"] == hashlib.md5(data).hexdigest()
        assert files[path]["size"] == len(data)
        assert {"labels.jsonl", "quality.json", "schema.json"} <= set(files)
        with open(os.path.join(folder, "wandb_manifest.json"), encoding="utf-8") as handle:
            contents = json.load(handle)["contents"]
        assert contents[path]["digest"] == base64.b64encode(hashlib.md5(data).digest()).decode()
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
