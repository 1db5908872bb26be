#!/usr/bin/env python3
"""Browser test of the queue's second pass (Selenium, headless Chromium), using the browser's own
form submission throughout:
  (a) JavaScript on: "submit on key" sends an answer with one key press; Backspace opens the last
      answer, which is changed and saved; the API then shows the revised label and one annotation;
  (b) JavaScript off: no key hints show; the Previous link and the revise form work; a skip with a
      reason leaves the item short of its overlap, and the practitioner's progress page lists it
      as stalled with the reason; the task list shows done/needed; a task without items shows no
      full progress bar; archiving moves a task to the archived list; deleting needs its name typed;
  (c) at 57 tasks the task list and the annotator's queue list page by 50, search and sort.
"""
import json
import os
import sys
import urllib.request

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

TASK = "tone"


def item_on_page(driver):
    return driver.find_element(By.CSS_SELECTOR, "#answer-form input[name=item]").get_attribute("value")


def annotations(base, token):
    status, _, body = http(f"{base}/api/v1/tasks/{TASK}/annotations", token=token)
    assert status == 200, f"annotations: {status}"
    return [json.loads(line) for line in body.decode().splitlines() if line.strip()]


def submit(driver, button_id="submit-answer"):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, button_id).click()
    wait_until_replaced(driver, old)


def main():
    workdir, data = work_folder("labelbench-revise-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("pat", "practitioner"), ("ann1", "annotator"), ("ann2", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        for name, annotators in ((TASK, ["ann1", "ann2"]), ("empty", ["ann1"])):
            task_file = os.path.join(workdir, f"{name}.json")
            with open(task_file, "w") as f:
                json.dump({"name": name, "title": f"Task {name}", "overlap": 2, "annotators": annotators,
                           "labels": [{"name": "calm", "key": "1"}, {"name": "angry", "key": "2"}]}, f)
            run(["tasks", "create", task_file], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            for i in range(4):
                f.write(json.dumps({"id": f"t{i}", "text": f"Message number {i}"}) + "\n")
        run(["import", TASK, items], env=env)

        # (a) JavaScript on.
        driver = browser()
        drivers.append(driver)
        login(driver, base, "ann1")
        driver.get(base + f"/queue/{TASK}")
        hint = driver.find_element(By.CSS_SELECTOR, ".choice-key")
        assert hint.is_displayed(), "key hints hidden although keys work"
        driver.find_element(By.ID, "submit-on-key").click()
        first = item_on_page(driver)
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.TAG_NAME, "body").send_keys("1")
        wait_until_replaced(driver, old)
        assert item_on_page(driver) != first, "one key press did not submit"
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.BACKSPACE)
        wait_until_replaced(driver, old)
        assert driver.current_url.endswith(f"/queue/{TASK}/previous"), driver.current_url
        assert driver.find_element(By.CSS_SELECTOR, "input[name=item]").get_attribute("value") == first
        assert driver.find_element(By.ID, "label-0").is_selected(), "the previous answer is not shown ticked"
        driver.find_element(By.ID, "label-1").click()
        submit(driver)
        mine = [a for a in annotations(base, token) if a["annotator"] == "ann1"]
        assert [(a["item"], a["label"]) for a in mine] == [(first, "angry")], f"after revising: {mine}"

        # (b) JavaScript off.
        plain = browser(javascript=False)
        drivers.append(plain)
        login(plain, base, "ann2")
        plain.get(base + f"/queue/{TASK}")
        assert not plain.find_element(By.CSS_SELECTOR, ".choice-key").is_displayed(), "key hints show without JavaScript"
        assert not plain.find_element(By.CSS_SELECTOR, ".submit-on-key").is_displayed(), "submit-on-key shows without JavaScript"
        answered = item_on_page(plain)
        plain.find_element(By.ID, "label-0").click()
        submit(plain)
        plain.find_element(By.ID, "previous-answer").click()
        assert plain.find_element(By.CSS_SELECTOR, "input[name=item]").get_attribute("value") == answered
        plain.find_element(By.ID, "label-1").click()
        submit(plain)
        skipped = item_on_page(plain)
        plain.find_element(By.ID, "skip-reason").send_keys("sarcasm, cannot tell")
        submit(plain, "skip-item")
        labels = {(a["item"], a["annotator"]): a["label"] for a in annotations(base, token)}
        assert labels.get((answered, "ann2")) == "angry", f"revise without JavaScript: {labels}"

        # ann1 skips the same item too: nobody assigned can finish it now.
        driver.get(base + f"/queue/{TASK}")
        while item_on_page(driver) != skipped:
            driver.find_element(By.ID, "label-0").click()
            submit(driver)
        submit(driver, "skip-item")

        manager = browser(javascript=False)
        drivers.append(manager)
        login(manager, base, "pat")
        manager.get(base + f"/tasks/{TASK}/progress")
        stalled = manager.find_element(By.ID, "stalled").find_element(By.XPATH, "..").text
        assert skipped in stalled and "sarcasm, cannot tell" in stalled, f"stalled section: {stalled}"
        manager.get(base + "/tasks")
        rows = {row.find_element(By.CSS_SELECTOR, "td .muted").text: row for row in manager.find_elements(By.CSS_SELECTOR, "tbody tr")}
        assert "of 8 answers" in rows[TASK].text and "1 stalled" in rows[TASK].text, rows[TASK].text
        assert not rows["empty"].find_elements(By.TAG_NAME, "progress"), "a task without items shows a progress bar"
        assert "No items yet" in rows["empty"].text

        manager.get(base + "/tasks/empty/progress")
        submit_form = manager.find_element(By.CSS_SELECTOR, "form[action='/tasks/empty/archive'] button")
        old = manager.find_element(By.TAG_NAME, "html")
        submit_form.click()
        wait_until_replaced(manager, old)
        assert "shelf=archived" in manager.current_url and "Task empty" in manager.page_source
        manager.get(base + "/tasks")
        assert "Task empty" not in manager.page_source, "an archived task stays on the task list"

        manager.get(base + "/tasks/empty/delete")
        manager.find_element(By.ID, "confirm").send_keys("wrong")
        old = manager.find_element(By.TAG_NAME, "html")
        manager.find_element(By.CSS_SELECTOR, "form[action='/tasks/empty/delete'] button").click()
        wait_until_replaced(manager, old)
        assert "Type the task" in manager.page_source, "a wrong name deleted the task"
        manager.find_element(By.ID, "confirm").send_keys("empty")
        old = manager.find_element(By.TAG_NAME, "html")
        manager.find_element(By.CSS_SELECTOR, "form[action='/tasks/empty/delete'] button").click()
        wait_until_replaced(manager, old)
        assert http(f"{base}/api/v1/tasks/empty", token=token)[0] == 404, "the task was not deleted"

        # (c) Long lists: 55 more tasks for ann1 make 56 in the task list (57 less the deleted one).
        for i in range(55):
            request = urllib.request.Request(f"{base}/api/v1/tasks", method="POST", data=json.dumps({
                "name": f"bulk-{i:02d}", "title": f"Bulk {i:02d}", "annotators": ["ann1"],
                "labels": [{"name": "calm"}, {"name": "angry"}]}).encode())
            request.add_header("Authorization", "Bearer " + token)
            request.add_header("Content-Type", "application/json")
            urllib.request.urlopen(request, timeout=30).read()
        manager.get(base + "/tasks")
        assert "1–50 of 56" in manager.page_source, "the task list is not paged by 50"
        old = manager.find_element(By.TAG_NAME, "html")
        manager.find_element(By.LINK_TEXT, "Next page").click()
        wait_until_replaced(manager, old)
        assert "51–56 of 56" in manager.page_source and "Page 2 of 2" in manager.page_source, "page 2 of the task list"
        manager.get(base + "/tasks")
        manager.find_element(By.ID, "list-q").send_keys("Bulk 07")
        old = manager.find_element(By.TAG_NAME, "html")
        manager.find_element(By.CSS_SELECTOR, ".list-search button").click()
        wait_until_replaced(manager, old)
        titles = [a.text for a in manager.find_elements(By.CSS_SELECTOR, "tbody tr td:first-child a")]
        assert titles == ["Bulk 07"], f"search: {titles}"
        manager.get(base + "/tasks?sort=newest")
        first_row = manager.find_element(By.CSS_SELECTOR, "tbody tr td:first-child a").text
        assert first_row == "Bulk 54", f"newest first: {first_row}"
        driver.get(base + "/queue")
        assert "1–50 of 56" in driver.page_source, "the annotator's queue list is not paged by 50"
        driver.get(base + "/queue?q=tone")
        assert [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".task-cards h2")] == ["Task tone"], "queue search"
    except Exception as error:  # noqa: BLE001
        failures.append(f"{type(error).__name__}: {error}")
    code = finish(drivers, server, workdir, failures)
    if code == 0:
        print("ok: submit on key, Backspace and Previous revise, skip reasons on the progress page, archive and delete, paged and searched lists")
    return code


if __name__ == "__main__":
    sys.exit(main())
