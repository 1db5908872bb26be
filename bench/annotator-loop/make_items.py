#!/usr/bin/env python3
"""Writes N realistic text items (100-300 characters each) as JSONL: make_items.py N FILE [PREFIX]."""
import json
import random
import sys

WORDS = ("the service was quick and friendly but the food arrived cold and the waiter forgot our drinks "
         "delivery took three days longer than promised although support answered every email politely "
         "battery life is excellent screen is bright camera struggles in low light price feels fair overall "
         "would not recommend to a friend terrible experience from start to finish refund still pending "
         "absolutely loved it great value will buy again shipping fast packaging recyclable instructions unclear").split()


def main():
    count, path = int(sys.argv[1]), sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "item"
    rng = random.Random(42)
    with open(path, "w") as out:
        for i in range(count):
            target = rng.randint(100, 300)
            words = []
            length = 0
            while length < target:
                word = rng.choice(WORDS)
                words.append(word)
                length += len(word) + 1
            text = " ".join(words)[:target].rstrip().capitalize() + "."
            line = {"id": f"{prefix}-{i:06d}", "text": text}
            if i % 10 == 0:
                line["meta"] = {"source": "reviews", "shard": i % 7}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
