#!/usr/bin/env python3
"""Browser test of gold feedback and pausing (Selenium, headless Chromium).

Starts the built server with a fresh data folder and a task of two gold items (the first with a Markdown
`gold_reason` holding a script tag), paused under 50 % after 2 gold answers, then for ann1 (JavaScript off)
and ann2 (JavaScript on):
  - the item page before answering shows no feedback and nothing of the reason;
  - answering "dog" where the gold is "cat" leads to a page showing "dog", "cat" and the reason rendered
    (bold kept, the script gone);
and ann1, missing the second gold item too, is paused: the page says why and whom to ask.

Environment: LABELBENCH_BIN (default .build/debug/labelbench), CHROMEDRIVER, CHROME_BIN. Exits non-zero on failure.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, login, run, start_server, wait_until_replaced, work_folder
from selenium.webdriver.common.by import By

REASON = "A **cat** has whiskers. <script>document.title='owned'</script>"


def answer(driver, label):
    """Ticks `label` through its visible label and submits; returns the page that follows."""
    choice = driver.find_element(By.CSS_SELECTOR, f"input[name=label][value={label}]")
    driver.find_element(By.CSS_SELECTOR, f"label[for={choice.get_attribute('id')}]").click()
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "submit-answer").click()
    wait_until_replaced(driver, old)


def misses_and_sees_the_reason(driver, base, name):
    login(driver, base, name)
    driver.get(base + "/queue/birds")
    assert not driver.find_elements(By.ID, "gold-feedback"), f"{name}: feedback before answering"
    assert "whiskers" not in driver.page_source, f"{name}: the reason shows before answering"
    answer(driver, "dog")
    assert "answered=" in driver.current_url, driver.current_url
    feedback = driver.find_element(By.ID, "gold-feedback")
    assert feedback.find_element(By.CSS_SELECTOR, ".given-answer").text == "dog"
    assert feedback.find_element(By.CSS_SELECTOR, ".expected-answer").text == "cat"
    reason = feedback.find_element(By.CSS_SELECTOR, ".gold-reason")
    assert reason.find_element(By.TAG_NAME, "strong").text == "cat", reason.get_attribute("innerHTML")
    assert not reason.find_elements(By.TAG_NAME, "script"), reason.get_attribute("innerHTML")
    assert driver.title != "owned"


def main():
    workdir, data = work_folder("labelbench-gold-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann1", "annotator"), ("ann2", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        path = os.path.join(workdir, "birds.json")
        with open(path, "w") as f:
            json.dump({"name": "birds", "title": "Birds", "answer": "single",
                       "labels": [{"name": "cat", "key": "c"}, {"name": "dog", "key": "d"}], "overlap": 2,
                       "min_trust": 0.5, "min_gold_seen": 2, "annotators": ["ann1", "ann2"]}, f)
        run(["tasks", "create", path], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            f.write(json.dumps({"id": "g1", "text": "a small animal", "gold": "cat", "gold_reason": REASON}) + "\n")
            f.write(json.dumps({"id": "g2", "text": "a furry animal", "gold": "cat"}) + "\n")
        run(["import", "birds", items], env=env)

        ann1 = browser(javascript=False)
        drivers.append(ann1)
        misses_and_sees_the_reason(ann1, base, "ann1")
        ann2 = browser(javascript=True)
        drivers.append(ann2)
        misses_and_sees_the_reason(ann2, base, "ann2")

        # ann1 misses the second gold item too: 0 of 2 is under 50 %, so the next page pauses them.
        answer(ann1, "dog")
        paused = ann1.find_element(By.ID, "paused").text
        assert "You are paused on Birds" in paused and "0 of 2" in paused and "ask prac" in paused, paused
        print("ok: a missed gold item shows the answer, the expected one and the reason (JS off and on); a second miss pauses")
    except Exception as error:
        failures.append(f"{type(error).__name__}: {error}")
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
