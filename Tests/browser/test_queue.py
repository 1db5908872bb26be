#!/usr/bin/env python3
"""Browser test of the annotation queue (Selenium, headless Chromium).

Starts the built server on a free loopback port with a fresh data folder, creates accounts,
a task and items with the `labelbench` CLI, then:
  (a) with JavaScript off, an annotator labels three items with radio buttons + Submit and skips one;
  (b) with JavaScript on, another annotator labels three items with number keys + Enter;
and checks through `GET /api/v1/tasks/TASK/annotations` that exactly those annotations exist.
Also checks that script and `javascript:` links in instructions, guidelines and label
descriptions are neutralized, and a few page-level guarantees (CSP, 403, generic login error).

Environment: LABELBENCH_BIN (default .build/debug/labelbench), CHROMEDRIVER (default /usr/bin/chromedriver),
CHROME_BIN (default: chromium from PATH). Exits non-zero on failure; always stops the server.
"""
import json
import os
import sys
import time

from browser_support import add_accounts, browser, finish, http, run, start_server, wait_until_replaced, work_folder
from browser_support import login as sign_in
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TASK = "sentiment"
HOSTILE = "<script>document.title='pwned'</script> [x](javascript:alert(1)) <img src=x onerror=\"document.title='pwned'\">"






def login(driver, base, name):
    sign_in(driver, base, name)
    assert driver.current_url.endswith("/queue"), f"annotator lands on {driver.current_url}"


def wait_for_text(driver, text, message):
    """Waits for the page after a click: reading the source at once can still see the old page."""
    try:
        WebDriverWait(driver, 10).until(lambda d: text in d.page_source)
    except TimeoutException:
        raise AssertionError(message)


def current_item(driver):
    return driver.find_element(By.CSS_SELECTOR, "#answer-form input[name=item]").get_attribute("value")


def wait_for_next(driver, old):
    """Waits until the next page, with its answer form, has replaced the one `old` belonged to."""
    wait_until_replaced(driver, old)
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#answer-form input[name=item]")))


def check_no_script_effects(driver, where):
    assert "pwned" not in driver.title, f"{where}: a script from Markdown ran (title {driver.title!r})"
    links = driver.find_elements(By.CSS_SELECTOR, "a[href]")
    bad = [a.get_attribute("href") for a in links if a.get_attribute("href").strip().lower().startswith("javascript:")]
    assert not bad, f"{where}: javascript: links in the page: {bad}"
    scripts = [s.get_attribute("src") or "(inline)" for s in driver.find_elements(By.TAG_NAME, "script")]
    assert all(src.endswith("/static/js/queue.js") for src in scripts), f"{where}: unexpected scripts {scripts}"
    assert not driver.find_elements(By.CSS_SELECTOR, "img[onerror], img[src='x']"), f"{where}: raw <img> survived"


def main():
    workdir, data = work_folder("labelbench-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann1", "annotator"), ("ann2", "annotator")])

        server, base = start_server(workdir, data)

        client_env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({
                "name": TASK, "title": "Sentiment of short reviews", "kind": "text", "answer": "single",
                "labels": [
                    {"name": "positive", "key": "1", "description": "Happy. " + HOSTILE},
                    {"name": "negative", "key": "2"},
                    {"name": "neutral", "key": "3"},
                ],
                "overlap": 2, "lease_seconds": 600, "gold_rate": 0,
                "instructions": "# Read the review\n\nPick the *overall* tone. " + HOSTILE,
                "guidelines": [{"title": "Sarcasm", "ruling": "Label the meant tone. " + HOSTILE}],
                "annotators": ["ann1", "ann2"],
            }, f)
        run(["tasks", "create", task_file], env=client_env)
        items_file = os.path.join(workdir, "items.jsonl")
        with open(items_file, "w") as f:
            for i in range(1, 11):
                f.write(json.dumps({"id": f"r{i:02d}", "text": f"Review {i}:\nline two <b>not bold</b>"}) + "\n")
        run(["import", TASK, items_file], env=client_env)

        status, headers, _ = http(base + "/login")
        csp = {k.lower(): v for k, v in headers.items()}.get("content-security-policy", "")
        assert status == 200 and "script-src 'self'" in csp and "unsafe-inline" not in csp, f"login page CSP: {csp!r}"

        expected = {}  # (item, annotator) -> label

        # (a) JavaScript off: radio + Submit, then one Skip.
        driver = browser(javascript=False)
        drivers.append(driver)
        driver.get(base + "/login")
        driver.find_element(By.NAME, "name").send_keys("ann1")
        driver.find_element(By.NAME, "password").send_keys("wrong password")
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        wait_for_text(driver, "name or password is wrong", "generic login error missing")
        driver.get(base + "/login")
        driver.find_element(By.NAME, "name").send_keys("nobody-here")
        driver.find_element(By.NAME, "password").send_keys("wrong password")
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        wait_for_text(driver, "name or password is wrong", "unknown accounts must get the same message")
        login(driver, base, "ann1")
        assert TASK in driver.page_source, "the queue lists the assigned task"
        driver.get(base + "/queue/" + TASK)
        check_no_script_effects(driver, "queue without JS")
        text = driver.find_element(By.CSS_SELECTOR, ".item-text").text
        assert "line two" in text and "<b>not bold</b>" in text, f"item text not shown escaped: {text!r}"
        choices = ["positive", "negative", "neutral"]
        for n in range(3):
            item = current_item(driver)
            label = choices[n % 3]
            old = driver.find_element(By.TAG_NAME, "html")
            driver.find_element(By.CSS_SELECTOR, f"input[name=label][value='{label}']").click()
            driver.find_element(By.ID, "submit-answer").click()
            wait_for_next(driver, old)
            assert current_item(driver) != item, "submit moves on to the next item"
            expected[(item, "ann1")] = label
        skipped = current_item(driver)
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.ID, "skip-item").click()
        wait_for_next(driver, old)
        assert current_item(driver) != skipped, "skip moves on"
        # Submitting without a label re-renders with an error (422) and keeps the item.
        item = current_item(driver)
        driver.find_element(By.ID, "submit-answer").click()
        wait_for_text(driver, "Pick a label", "missing label is refused")
        assert current_item(driver) == item, "a refused answer keeps the item"
        driver.get(base + "/tasks")
        assert "403" in driver.page_source, "annotators get 403 on manager pages"
        driver.get(base + "/queue/no-such-task")
        assert "404" in driver.page_source, "unknown tasks are 404"

        # (b) JavaScript on: number keys + Enter.
        driver = browser(javascript=True)
        drivers.append(driver)
        login(driver, base, "ann2")
        driver.get(base + "/queue/" + TASK)
        time.sleep(0.5)
        check_no_script_effects(driver, "queue with JS")
        keys = {"1": "positive", "2": "negative", "3": "neutral"}
        for key in ("2", "3", "1"):
            item = current_item(driver)
            old = driver.find_element(By.TAG_NAME, "html")
            ActionChains(driver).send_keys(key).perform()
            assert driver.find_element(By.CSS_SELECTOR, f"input[name=label][value='{keys[key]}']").is_selected(), \
                f"key {key} selects {keys[key]}"
            ActionChains(driver).send_keys(Keys.ENTER).perform()
            wait_for_next(driver, old)
            assert current_item(driver) != item, "Enter submits and shows the next item"
            check_no_script_effects(driver, "next item with JS")
            expected[(item, "ann2")] = keys[key]

        # The practitioner's view of the annotations.
        status, _, body = http(f"{base}/api/v1/tasks/{TASK}/annotations", token=token)
        assert status == 200, f"annotations listing: {status} {body}"
        rows = [json.loads(line) for line in body.splitlines() if line.strip()]
        got = {(r["item"], r["annotator"]): r["label"] for r in rows}
        assert got == expected, f"annotations differ:\n got {sorted(got.items())}\n want {sorted(expected.items())}"
        for r in rows:
            assert r.get("guideline_version") == 1, f"guideline version recorded: {r}"
            assert r.get("seconds") is not None, f"seconds recorded: {r}"
        print(f"ok: {len(rows)} annotations ({len([k for k in got if k[1] == 'ann1'])} without JS, "
              f"{len([k for k in got if k[1] == 'ann2'])} with keyboard shortcuts)")
    except (AssertionError, TimeoutException) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
