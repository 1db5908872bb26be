#!/usr/bin/env python3
"""Browser test of task authoring through the task form (Selenium, headless Chromium).

Browsers send textarea newlines as CRLF; every step here types into the fields and clicks the
form's own buttons, so the server sees exactly what a browser sends.

(a) With JavaScript off, a practitioner creates a task: label rows are typed, a row is added with
    "Add a label row", one is moved up and one removed (plain submit buttons); the label
    description, the instructions and a guideline span several lines. A duplicate label name is
    refused with the message beside its row and everything typed kept.
(b) With JavaScript on, the task is edited: label rows are added, moved and removed in place
    (no round trip), a guideline is changed and one added, which makes guideline version 2.
(c) From a contested item on the quality page, "Write a guideline" starts a guideline that keeps
    the item as its example.
(d) An SVG refused at upload reports its error at the upload form, in view at the top of the page.
(e) A JSONL and a CSV chosen together in the file picker are imported in one upload; the page says
    how many, and the task holds them.

Environment: as test_queue.py. Exits non-zero on failure; always stops the server.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, http, login, start_server, wait_until_replaced, work_folder
from quality_data import import_labels
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By

TASK = "pets"


def click(driver, selector):
    element = driver.find_element(By.CSS_SELECTOR, selector)
    # The Save bar sticks to the bottom of the window; bring the element to the middle as a person would.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def click_and_wait(driver, selector):
    old = driver.find_element(By.TAG_NAME, "html")
    click(driver, selector)
    wait_until_replaced(driver, old)


def fill(driver, selector, text):
    field = driver.find_element(By.CSS_SELECTOR, selector)
    field.clear()
    field.send_keys(text)


def row_values(driver):
    names = [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='label_name[]']")]
    keys = [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='label_key[]']")]
    return list(zip(names, keys))


def task_json(base, token):
    status, _, body = http(f"{base}/api/v1/tasks/{TASK}", token=token)
    assert status == 200, f"GET task: {status} {body[:200]!r}"
    return json.loads(body)


def create_with_javascript_off(driver, base, token):
    driver.get(base + "/tasks/new")
    fill(driver, "#name", TASK)
    fill(driver, "#title", "Which animal?")
    # The blank form offers yes/no and one empty row.
    assert row_values(driver) == [("yes", "1"), ("no", "2"), ("", "")], row_values(driver)
    fill(driver, "#label-name-0", "cat")
    fill(driver, "#label-description-0", "A cat of any size.\nLions count.")
    fill(driver, "#label-name-1", "cat")  # a duplicate, refused below
    fill(driver, "#label-name-2", "bird")
    fill(driver, "#label-key-2", "3")
    fill(driver, "#instructions", "Label the **main** animal.\nIgnore the background.")
    fill(driver, "#guideline-title-0", "Toys")
    fill(driver, "#guideline-ruling-0", "A toy cat is a cat.\nA drawing too.")
    click_and_wait(driver, "button[name=row_action][value=add]")
    assert row_values(driver) == [("cat", "1"), ("cat", "2"), ("bird", "3"), ("", "")], row_values(driver)
    assert driver.find_element(By.ID, "title").get_attribute("value") == "Which animal?", "title kept over a row edit"
    fill(driver, "#label-name-3", "fish")
    fill(driver, "#label-key-3", "4")
    click_and_wait(driver, "button[name=row_action][value='up:3']")
    assert row_values(driver)[:4] == [("cat", "1"), ("cat", "2"), ("fish", "4"), ("bird", "3")], row_values(driver)
    click_and_wait(driver, "button[name=row_action][value='remove:3']")
    assert row_values(driver)[:3] == [("cat", "1"), ("cat", "2"), ("fish", "4")], row_values(driver)

    click_and_wait(driver, "button.primary[type=submit]")
    errors = driver.find_elements(By.CSS_SELECTOR, ".label-row.has-error .field-error")
    assert len(errors) == 1 and "twice" in errors[0].text, [e.text for e in errors]
    assert errors[0].find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "input[name='label_name[]']").get_attribute("id") == "label-name-1"
    assert driver.find_element(By.ID, "guideline-ruling-0").get_attribute("value") == "A toy cat is a cat.\nA drawing too."
    fill(driver, "#label-name-1", "dog")
    click_and_wait(driver, "button.primary[type=submit]")
    assert driver.current_url.endswith(f"/tasks/{TASK}/edit?saved=1"), driver.current_url
    assert "Saved." in driver.find_element(By.CSS_SELECTOR, ".notice").text

    task = task_json(base, token)
    assert [(l["name"], l.get("key")) for l in task["labels"]] == [("cat", "1"), ("dog", "2"), ("fish", "4")], task["labels"]
    assert task["labels"][0]["description"] == "A cat of any size.\nLions count.", repr(task["labels"][0])
    assert task["instructions"] == "Label the **main** animal.\nIgnore the background.", repr(task["instructions"])
    assert [g["ruling"] for g in task["guidelines"]] == ["A toy cat is a cat.\nA drawing too."], task["guidelines"]
    assert "\r" not in json.dumps(task), "a carriage return was stored"


def edit_with_javascript_on(driver, base, token):
    driver.get(f"{base}/tasks/{TASK}/edit")
    # With JavaScript the row buttons change the rows in place, without sending the form.
    page = driver.find_element(By.TAG_NAME, "html")
    click(driver, "button[name=row_action][value=add]")
    click(driver, "button[name=row_action][value='up:2']")
    assert row_values(driver) == [("cat", "1"), ("fish", "4"), ("dog", "2"), ("", ""), ("", "")], row_values(driver)
    fill(driver, "#label-name-4", "bird")
    fill(driver, "#label-key-4", "5")
    click(driver, "button[name=row_action][value='remove:3']")
    assert page.is_enabled() and driver.current_url.endswith("/edit"), "a row button sent the form"
    assert row_values(driver) == [("cat", "1"), ("fish", "4"), ("dog", "2"), ("bird", "5"), ("", "")], row_values(driver)
    click(driver, "details.guideline-entry summary")
    ruling = driver.find_element(By.ID, "guideline-ruling-0")
    ruling.send_keys("\nStuffed animals as well.")
    fill(driver, "#guideline-title-1", "Shadows")
    fill(driver, "#guideline-ruling-1", "A shadow is not an animal.\nSkip the item.")
    click_and_wait(driver, "button.primary[type=submit]")
    assert driver.current_url.endswith("?saved=1"), driver.current_url
    task = task_json(base, token)
    assert task["guideline_version"] == 2, task.get("guideline_version")
    assert [g["ruling"] for g in task["guidelines"]] == [
        "A toy cat is a cat.\nA drawing too.\nStuffed animals as well.", "A shadow is not an animal.\nSkip the item."], task["guidelines"]
    assert [(l["name"], l.get("key")) for l in task["labels"]] == [("cat", "1"), ("fish", "4"), ("dog", "2"), ("bird", "5")], task["labels"]


def guideline_from_contested_item(driver, base, token, workdir, env):
    annotations = [
        {"item": f"p{i}", "annotator": who, "label": label}
        for i in range(4) for who, label in (("amy", "cat"), ("ben", "cat"), ("cy", "dog" if i == 2 else "cat"))]
    import_labels(workdir, env, TASK, {f"p{i}": f"picture {i}" for i in range(4)}, annotations)
    driver.get(f"{base}/tasks/{TASK}/quality")
    click_and_wait(driver, f"a[href='/tasks/{TASK}/edit?from_item=p2#guidelines']")
    assert driver.find_element(By.ID, "guideline-title-2").get_attribute("value") == "Item p2"
    fill(driver, "#guideline-ruling-2", "Half-hidden animals:\nlabel what is visible.")
    click_and_wait(driver, "button.primary[type=submit]")
    assert driver.current_url.endswith("?saved=1"), driver.current_url
    task = task_json(base, token)
    new = task["guidelines"][-1]
    assert new["title"] == "Item p2" and new["examples"] == ["p2"], new
    assert new["ruling"] == "Half-hidden animals:\nlabel what is visible.", repr(new["ruling"])
    assert task["guideline_version"] == 3, task.get("guideline_version")


def refused_upload_in_view(driver, base, workdir):
    svg = os.path.join(workdir, "drawing.svg")
    with open(svg, "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    driver.get(f"{base}/tasks/{TASK}/edit")
    driver.find_element(By.ID, "files").send_keys(svg)
    click_and_wait(driver, "#import button[type=submit]")
    error = driver.find_element(By.ID, "upload-error")
    assert "drawing.svg" in error.text, error.text
    top = error.location["y"]
    assert top < driver.execute_script("return window.innerHeight"), f"upload error at y={top}, below the first screen"


def item_count(base, token):
    status, _, body = http(f"{base}/api/v1/tasks", token=token)
    assert status == 200, f"GET tasks: {status} {body[:200]!r}"
    listed = json.loads(body)
    tasks = listed["tasks"] if isinstance(listed, dict) else listed
    return next(task["items"] for task in tasks if task["name"] == TASK)


def accepted_upload(driver, base, token, workdir):
    before = item_count(base, token)
    lines = os.path.join(workdir, "more.jsonl")
    with open(lines, "w") as f:
        f.write('{"id": "u1", "text": "Ein Hund im Schnee 🐕"}\n{"id": "u2", "text": "قطة على السطح"}\n')
    table = os.path.join(workdir, "more.csv")
    with open(table, "w", newline="") as f:
        f.write('id,text,source\r\nu3,"A cat, asleep",shelter\r\nu4,Two parrots,zoo\r\n')
    driver.get(f"{base}/tasks/{TASK}/edit")
    # A file input with `multiple` takes several paths at once, one a line, as a person picks them.
    driver.find_element(By.ID, "files").send_keys(lines + "\n" + table)
    click_and_wait(driver, "#import button[type=submit]")
    notice = driver.find_element(By.CSS_SELECTOR, "p.notice").text
    assert "Imported 4 items" in notice, notice
    assert item_count(base, token) == before + 4, (before, item_count(base, token))


def main():
    workdir, data = work_folder("labelbench-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)

        plain = browser(javascript=False)
        drivers.append(plain)
        login(plain, base, "prac")
        create_with_javascript_off(plain, base, token)

        scripted = browser(javascript=True)
        drivers.append(scripted)
        login(scripted, base, "prac")
        edit_with_javascript_on(scripted, base, token)
        guideline_from_contested_item(scripted, base, token, workdir, env)
        refused_upload_in_view(scripted, base, workdir)
        accepted_upload(plain, base, token, workdir)
        print("ok: task created and edited through the browser form (CRLF newlines), guideline from a contested item, upload error in view, two lists uploaded at once")
    except (AssertionError, TimeoutException) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
