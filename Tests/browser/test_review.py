#!/usr/bin/env python3
"""Browser test of flow 6, ruling on a contested item (Selenium, headless Chromium, JavaScript off).

Starts the built server on a free loopback port with a fresh data folder; three annotators' labels
come in through `labelbench import-annotations`. A practitioner opens the quality page, follows a
contested item's Review link, rules on its label with a note carrying markup, sees the ruling
(escaped), checks that an export names it as adjudicated, then sends the item back for relabeling
and sees its labels set aside. An annotator is refused the review page.

Environment: as test_queue.py. Exits non-zero on failure; always stops the server.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TASK = "pets"
NOTE = "<script>document.title='pwned'</script> whiskers settle it"


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
        token = add_accounts(data, [("prac", "practitioner"), ("ann", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "Cat or dog", "labels": [{"name": "cat"}, {"name": "dog"}], "overlap": 3,
                       "annotators": ["ann"]}, f)
        run(["tasks", "create", task_file], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            for i in range(4):
                f.write(json.dumps({"id": f"p{i}", "text": f"picture {i}"}) + "\n")
        run(["import", TASK, items], env=env)
        annotations = os.path.join(workdir, "annotations.jsonl")
        with open(annotations, "w") as f:
            for i in range(4):
                for who, label in (("amy", "cat"), ("ben", "cat"), ("cy", "dog" if i == 2 else "cat")):
                    f.write(json.dumps({"item": f"p{i}", "annotator": who, "label": label}) + "\n")
        run(["import-annotations", TASK, annotations], env=env)

        driver = browser(javascript=False)
        drivers.append(driver)
        login(driver, base, "prac")
        driver.get(f"{base}/tasks/{TASK}/quality")
        click_and_wait(driver, f"a[href='/tasks/{TASK}/review?item=p2']")
        page = driver.page_source
        assert "Review item p2" in page and "No ruling" in page, "the review page shows the item without a ruling"
        given = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
        assert len(given) == 3 and any("cy" in row and "dog" in row for row in given), f"labels given: {given}"

        driver.find_element(By.CSS_SELECTOR, "input[name=label][value='dog']").click()
        driver.find_element(By.ID, "note").send_keys(NOTE)
        click_and_wait(driver, "button[name=action][value=rule]")
        ruling = driver.find_element(By.ID, "ruling").text
        assert "Ruled dog by prac" in ruling and "<script>" in ruling, f"ruling shown as text: {ruling!r}"
        assert "pwned" not in driver.title, "the note's markup ran"
        assert driver.find_element(By.CSS_SELECTOR, "input[name=label][value='dog']").is_selected()

        reference = run(["export", TASK], env=env).strip().splitlines()[-1]
        status, _, body = http(f"{base}/api/v1/artifacts/{TASK}/v0/files/labels.jsonl", token=token)
        row = next(json.loads(line) for line in body.decode().splitlines() if '"p2"' in line)
        assert status == 200 and row["label"] == "dog" and row["source"] == "adjudicated", f"{reference}: {row}"

        click_and_wait(driver, "button[name=action][value=relabel]")
        page = driver.page_source
        assert "No annotations yet." in page and "No ruling" in page, "sent back: labels set aside, ruling withdrawn"

        other = browser(javascript=False)
        drivers.append(other)
        login(other, base, "ann")
        other.get(f"{base}/tasks/{TASK}/review?item=p2")
        assert "403" in other.page_source, "annotators may not review"
        print("ok: ruled on a contested item in the browser, exported as adjudicated, sent it back for relabeling")
    except (AssertionError, TimeoutException, StopIteration) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
