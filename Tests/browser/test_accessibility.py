#!/usr/bin/env python3
"""Accessibility and narrow-screen check of every page a person uses (Selenium, headless Chromium).

Runs the vendored axe-core (vendor/axe.min.js) in each page with the WCAG 2 A and AA rules (labels,
contrast, names, structure) plus axe's landmark rules, and fails on any violation, naming the page,
the rule and the first offending elements. Each page is also loaded at 390 px wide and must not
scroll sideways (a table may scroll inside its own box).

Pages: setup (fresh install), login, tasks list, task form, task progress, export form, delete
confirmation, queue list, queue item (text, image, spans and boxes), previous answer, quality and review
(of a label task, a span task and a box task), artifacts, artifact version, admin accounts, change password.

Environment: LABELBENCH_BIN, CHROMEDRIVER, CHROME_BIN as in browser_support. Exits non-zero on failure.
"""
import json
import os
import re
import sys
import time

from browser_support import add_accounts, browser, finish, login, run, start_server, work_folder
from quality_data import ANNOTATORS, TASK, seed
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from test_image_queue import png

AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendor", "axe.min.js")
# Landmark rules are tagged "best-practice" in axe, so they are named here beside the WCAG tags.
LANDMARK_RULES = ["region", "landmark-one-main", "landmark-no-duplicate-banner", "landmark-no-duplicate-main", "landmark-unique"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}, resultTypes: ['violations']})
  .then(wcag => axe.run(document, {runOnly: {type: 'rule', values: %s}, resultTypes: ['violations']})
    .then(landmarks => done(JSON.stringify(wcag.violations.concat(landmarks.violations)))))
  .catch(error => done(JSON.stringify([{id: 'axe-error', help: String(error), nodes: []}])));
""" % json.dumps(LANDMARK_RULES)


def axe_violations(driver):
    """The axe violations of the page now shown, as 'rule: help (selectors)' lines."""
    with open(AXE) as f:
        driver.execute_script(f.read())
    driver.set_script_timeout(60)
    violations = json.loads(driver.execute_async_script(RUN_AXE))
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:3])
        lines.append(f"{violation['id']}: {violation.get('help', '')} ({targets})")
    return lines


def sideways_scroll(driver):
    """How many CSS pixels the page is wider than the 390 px viewport (0 when it fits)."""
    return driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")


def check(driver, base, path, failures, checked):
    """Loads `path` at 1280 px for axe, then at 390 px for width; records what fails."""
    driver.set_window_size(1280, 900)
    driver.get(base + path)
    for line in axe_violations(driver):
        failures.append(f"{path}: {line}")
    driver.set_window_size(390, 844)
    driver.get(base + path)
    time.sleep(0.2)
    extra = sideways_scroll(driver)
    if extra > 1:
        failures.append(f"{path}: {extra}px wider than a 390 px screen")
    checked.append(path)


def main():
    workdir, data = work_folder("labelbench-a11y-")
    server = None
    drivers = []
    failures = []
    checked = []
    try:
        # A fresh install first: the setup page, reached through the link the server prints.
        server, base = start_server(workdir, data)
        driver = browser()
        drivers.append(driver)
        with open(os.path.join(workdir, "server.log")) as f:
            link = re.search(r"/setup\?token=\S+", f.read())
        assert link, "no setup link in the server log"
        check(driver, base, link.group(0), failures, checked)
        check(driver, base, "/login", failures, checked)
        server.terminate()
        server.wait(timeout=10)
        server = None

        token = add_accounts(data, [("pat", "practitioner")] + [(name, "annotator") for name in ANNOTATORS] + [("root", "admin")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        contested = seed(workdir, env, items=40)
        # One open text item for the queue and an image task with one image item.
        extra = os.path.join(workdir, "open.jsonl")
        with open(extra, "w") as f:
            f.write(json.dumps({"id": "open-1", "text": "A kettle that whistles a tune."}) + "\n")
            f.write(json.dumps({"id": "open-2", "text": "Arrived broken, refund was quick."}) + "\n")
        run(["import", TASK, extra], env=env)
        image_task = os.path.join(workdir, "image-task.json")
        with open(image_task, "w") as f:
            json.dump({"name": "photos", "title": "Street photos", "kind": "image", "labels": [
                {"name": "pedestrian", "key": "1"}, {"name": "empty", "key": "2"}], "annotators": [ANNOTATORS[0]]}, f)
        run(["tasks", "create", image_task], env=env)
        photo = os.path.join(workdir, "photo.png")
        with open(photo, "wb") as f:
            f.write(png(60, 40, 1))
        run(["import", "photos", photo], env=env)
        # A box task: the box queue page (the image with its boxes, the classes, the rows for JavaScript off).
        with open(os.path.join(workdir, "cars.json"), "w") as f:
            json.dump({"name": "cars", "title": "Cars", "kind": "image", "answer": "boxes", "annotators": [ANNOTATORS[0]],
                       "labels": [{"name": "car", "key": "c"}, {"name": "person"}]}, f)
        run(["tasks", "create", os.path.join(workdir, "cars.json")], env=env)
        with open(os.path.join(workdir, "cars.png"), "wb") as f:
            f.write(png(120, 80, 2))
        run(["import", "cars", os.path.join(workdir, "cars.png")], env=env)
        # A span task: the span queue page (text with marks, classes, the list of marks, the keys).
        with open(os.path.join(workdir, "names.json"), "w") as f:
            json.dump({"name": "names", "title": "Names", "answer": "spans", "annotators": [ANNOTATORS[0]],
                       "labels": [{"name": "PER", "key": "p", "description": "A person"}, {"name": "LOC"}]}, f)
        with open(os.path.join(workdir, "names.jsonl"), "w") as f:
            f.write(json.dumps({"id": "n1", "text": "Zoë Müller met Jose\u0301 in 東京, שלום and مرحبا 👩‍⚕️."}) + "\n")
        run(["tasks", "create", os.path.join(workdir, "names.json")], env=env)
        run(["import", "names", os.path.join(workdir, "names.jsonl")], env=env)
        # Its quality and review pages: a second item marked differently by two annotators, with a gold list.
        review_text = "Ann <b>Lee</b> flew from Paris to 東京 👩‍⚕️."
        mark = lambda part, label: {"start": review_text.index(part), "end": review_text.index(part) + len(part), "label": label}
        with open(os.path.join(workdir, "names-2.jsonl"), "w") as f:
            f.write(json.dumps({"id": "n2", "text": review_text, "gold": [mark("Ann", "PER"), mark("Paris", "LOC")]}) + "\n")
        run(["import", "names", os.path.join(workdir, "names-2.jsonl")], env=env)
        with open(os.path.join(workdir, "names-answers.jsonl"), "w") as f:
            for who, spans in (("ext-a", [mark("Ann", "PER"), mark("Paris", "LOC")]), ("ext-b", [mark("Ann <b>Lee</b>", "PER"), mark("東京", "LOC")])):
                f.write(json.dumps({"item": "n2", "annotator": who, "label": spans}) + "\n")
        run(["import-annotations", "names", os.path.join(workdir, "names-answers.jsonl")], env=env)
        # A box task's quality and review pages: two annotators' boxes drawn over the image, a <b> class escaped.
        with open(os.path.join(workdir, "parked.json"), "w") as f:
            json.dump({"name": "parked", "title": "Parked cars", "kind": "image", "answer": "boxes", "overlap": 2,
                       "labels": [{"name": "car"}, {"name": "<b>van</b>"}]}, f)
        run(["tasks", "create", os.path.join(workdir, "parked.json")], env=env)
        with open(os.path.join(workdir, "parked.png"), "wb") as f:
            f.write(png(120, 80, 3))
        run(["import", "parked", os.path.join(workdir, "parked.png")], env=env)
        with open(os.path.join(workdir, "parked-answers.jsonl"), "w") as f:
            for who, boxes in (("ext-a", [{"x": 10, "y": 10, "w": 40, "h": 30, "label": "car"}]),
                               ("ext-b", [{"x": 12, "y": 10, "w": 40, "h": 30, "label": "<b>van</b>"}])):
                f.write(json.dumps({"item": "parked.png", "annotator": who, "label": boxes}) + "\n")
        run(["import-annotations", "parked", os.path.join(workdir, "parked-answers.jsonl")], env=env)
        version = run(["export", TASK], env=env).strip().splitlines()[-1]
        run(["export", TASK, "--include-unlabeled"], env=env)
        name, number = version.split(":")

        login(driver, base, "pat")
        for path in ["/tasks", "/tasks/new", f"/tasks/{TASK}/edit", f"/tasks/{TASK}/progress", f"/tasks/{TASK}/export",
                     f"/tasks/{TASK}/delete", f"/tasks/{TASK}/quality", f"/tasks/{TASK}/review?item={contested[0]}",
                     "/artifacts", f"/artifacts/{name}/{number}", f"/artifacts/{name}/v1", "/account/password",
                     "/tasks/names/quality", "/tasks/names/review?item=n2",
                     "/tasks/parked/quality", "/tasks/parked/review?item=parked.png"]:
            check(driver, base, path, failures, checked)

        annotator = browser()
        drivers.append(annotator)
        login(annotator, base, ANNOTATORS[0])
        check(annotator, base, "/queue", failures, checked)
        check(annotator, base, f"/queue/{TASK}", failures, checked)
        annotator.set_window_size(1280, 900)
        annotator.get(base + f"/queue/{TASK}")
        annotator.find_element(By.CSS_SELECTOR, "#answer-form input[name=label]").click()
        annotator.find_element(By.ID, "submit-answer").click()
        check(annotator, base, f"/queue/{TASK}/previous", failures, checked)
        check(annotator, base, "/queue/photos", failures, checked)
        check(annotator, base, "/queue/names", failures, checked)
        # Its previous page shows a mark (class colours on the text): "Zoë Müller" selected, p, Enter.
        annotator.set_window_size(1280, 900)
        annotator.get(base + "/queue/names")
        annotator.execute_script("""const box = document.getElementById('span-text'); box.focus();
            window.getSelection().setBaseAndExtent(box.firstChild, 0, box.firstChild, 10);""")
        ActionChains(annotator).send_keys("p").send_keys(Keys.ENTER).perform()
        time.sleep(0.5)
        check(annotator, base, "/queue/names/previous", failures, checked)
        if not annotator.find_elements(By.CSS_SELECTOR, "#span-text mark.span-mark"):
            failures.append("/queue/names/previous: the span answer was not saved, so no mark was checked")

        check(annotator, base, "/queue/cars", failures, checked)
        # Its previous page shows a box: one added with `n` and submitted with Enter.
        annotator.set_window_size(1280, 900)
        annotator.get(base + "/queue/cars")
        ActionChains(annotator).send_keys("n").send_keys(Keys.ENTER).perform()
        time.sleep(0.5)
        check(annotator, base, "/queue/cars/previous", failures, checked)
        if not annotator.find_elements(By.CSS_SELECTOR, "#box-stage svg .box-shape"):
            failures.append("/queue/cars/previous: the box answer was not saved, so no box was checked")

        admin = browser()
        drivers.append(admin)
        login(admin, base, "root")
        check(admin, base, "/admin/users", failures, checked)
        print(f"checked {len(checked)} pages: " + " ".join(checked))
    except Exception as error:  # noqa: BLE001 - any failure is reported with the data kept
        failures.append(f"{type(error).__name__}: {error}")
    code = finish(drivers, server, workdir, failures)
    if code == 0:
        print("ok: no axe violations (wcag2a, wcag2aa, landmarks) and no sideways scrolling at 390 px")
    return code


if __name__ == "__main__":
    sys.exit(main())
