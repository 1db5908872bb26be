#!/usr/bin/env python3
"""Browser test of the quality and review pages of a span task (Selenium, headless Chromium, JavaScript off).

Starts the built server on a free loopback port with a fresh data folder; a span task's items and
two annotators' span lists come in through the CLI. A practitioner opens the quality page and sees
the span cards and the per-class table, follows a contested item's Review link, sees each
annotator's spans marked in the text, rules with a list of rows (one prefilled from the consensus,
one added with "Add a row"), and the ruling comes back through the API with the right offsets.
A row naming text that is not in the item is refused beside the row.

Environment: as test_queue.py. Exits non-zero on failure; always stops the server.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

TASK = "ner"
# An emoji (three code points, one character on screen) before the entities: offsets count code points.
TEXT = "Zoë 👩‍🔬 met Ann in Paris, then Ann left."


def span(text, part, label, occurrence=0):
    """The code-point span of the `occurrence`-th `part` in `text` (Python counts code points)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "label": label}


def click_and_wait(driver, selector):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    wait_until_replaced(driver, old)


def main():
    workdir, data = work_folder("labelbench-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "People and places", "answer": "spans", "overlap": 2,
                       "labels": [{"name": "PER"}, {"name": "LOC"}]}, f)
        run(["tasks", "create", task_file], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            f.write(json.dumps({"id": "s1", "text": TEXT}, ensure_ascii=False) + "\n")
            f.write(json.dumps({"id": "s2", "text": "Rome"}) + "\n")
        run(["import", TASK, items], env=env)
        answers = [
            ("s1", "amy", [span(TEXT, "Ann", "PER"), span(TEXT, "Paris", "LOC")]),
            ("s1", "ben", [span(TEXT, "Ann", "PER"), span(TEXT, "Paris", "PER")]),
            ("s2", "amy", [span("Rome", "Rome", "LOC")]),
            ("s2", "ben", [span("Rome", "Rome", "LOC")]),
        ]
        annotations = os.path.join(workdir, "annotations.jsonl")
        with open(annotations, "w") as f:
            for item, who, spans in answers:
                f.write(json.dumps({"item": item, "annotator": who, "label": spans}) + "\n")
        run(["import-annotations", TASK, annotations], env=env)

        driver = browser(javascript=False)
        drivers.append(driver)
        login(driver, base, "prac")
        driver.get(f"{base}/tasks/{TASK}/quality")
        cards = {card.find_element(By.CSS_SELECTOR, ".metric-name").text: card.find_element(By.CSS_SELECTOR, ".metric-value").text
                 for card in driver.find_elements(By.CSS_SELECTOR, ".metric-card")}
        # s1: 1 match of 2 + 2 spans, F1 0.5; s2: 1. Mean over the 2 pairs: 0.75.
        assert cards.get("Exact span F1") == "0.750", f"cards: {cards}"
        assert "Overlap span F1" in cards and "Character alpha" in cards, f"cards: {cards}"
        classes = [row.find_element(By.TAG_NAME, "td").text for row in driver.find_elements(By.CSS_SELECTOR, ".span-class-table tbody tr")]
        assert classes == ["PER", "LOC"], f"per-class rows: {classes}"
        marks = [mark.text for mark in driver.find_elements(By.CSS_SELECTOR, ".span-item .span-mark")]
        assert any(m.startswith("Paris") for m in marks), f"contested item's marks: {marks}"

        click_and_wait(driver, f"a[href='/tasks/{TASK}/review?item=s1']")
        assert "Review item s1" in driver.page_source
        answers_shown = driver.find_elements(By.CSS_SELECTOR, ".item-pane .span-answer")
        assert len(answers_shown) == 3, f"{len(answers_shown)} marked texts (2 annotators and the consensus)"
        # Prefilled from the consensus: Ann PER (both marked it), then one empty row.
        texts = [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='span_text[]']")]
        assert texts == ["Ann", ""], f"prefilled rows: {texts}"

        # A row naming text not in the item is refused beside the row, nothing stored.
        driver.find_element(By.ID, "span-text-2").send_keys("Berlin")
        Select(driver.find_element(By.ID, "span-class-2")).select_by_value("LOC")
        click_and_wait(driver, "button[name=action][value=rule]")
        error = driver.find_element(By.ID, "span-error-2").text
        assert "Berlin" in error and "not in the text" in error, f"row error: {error!r}"
        status, _, body = http(f"{base}/api/v1/tasks/{TASK}/adjudications", token=token)
        assert status == 200 and body.strip() == b"", f"nothing stored: {status} {body!r}"

        # Fix the row, add one for the second "Ann", and rule.
        field = driver.find_element(By.ID, "span-text-2")
        field.clear()
        field.send_keys("Paris")
        click_and_wait(driver, "button[name=action][value=add_row]")
        driver.find_element(By.ID, "span-text-3").send_keys("Ann")
        Select(driver.find_element(By.ID, "span-class-3")).select_by_value("PER")
        occurrence = driver.find_element(By.ID, "span-occurrence-3")
        occurrence.clear()
        occurrence.send_keys("2")
        click_and_wait(driver, "button[name=action][value=rule]")
        ruling = driver.find_element(By.ID, "ruling").text
        assert "Ruled 3 spans by prac" in ruling, f"ruling: {ruling!r}"

        status, _, body = http(f"{base}/api/v1/tasks/{TASK}/adjudications?item=s1", token=token)
        stored = json.loads(body.decode().splitlines()[0])["label"]
        expected = [span(TEXT, "Ann", "PER"), span(TEXT, "Paris", "LOC"), span(TEXT, "Ann", "PER", occurrence=1)]
        assert status == 200 and stored == expected, f"ruling through the API: {stored} (expected {expected})"
        print("ok: span quality page, review by rows (refused row, added row), ruling through the API")
    except (AssertionError, TimeoutException, StopIteration) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
