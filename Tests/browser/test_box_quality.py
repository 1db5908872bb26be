#!/usr/bin/env python3
"""Browser test of the quality and review pages of a box task (Selenium, headless Chromium, JavaScript off).

Starts the built server on a free loopback port with a fresh data folder; a 640x480 image and two
annotators' box lists come in through the CLI. A practitioner opens the quality page and sees the box
cards and the SVG with every annotator's boxes drawn over the image (each rect's on-screen box lies
within the image's, so the page's CSP lets the image and the SVG attributes through), follows the
contested image's Review link, rules with rows (one prefilled from the consensus, a refused row
shown beside its number, one added with "Add another row"), and the ruling comes back through the API.

Environment: as test_queue.py. Exits non-zero on failure; always stops the server.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from test_box_queue import big_png

TASK = "street"


def click_and_wait(driver, selector):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    wait_until_replaced(driver, old)


def fill(driver, number, values):
    for field, value in zip("xywh", values[:4]):
        element = driver.find_element(By.ID, f"ruling-box-{number}-{field}")
        element.clear()
        element.send_keys(value)
    Select(driver.find_element(By.ID, f"ruling-box-{number}-class")).select_by_value(values[4])


def main():
    workdir, data = work_folder("labelbench-box-quality-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "Street", "kind": "image", "answer": "boxes", "overlap": 2,
                       "labels": [{"name": "car"}, {"name": "person"}]}, f)
        run(["tasks", "create", task_file], env=env)
        path = os.path.join(workdir, "scene.png")
        with open(path, "wb") as f:
            f.write(big_png(640, 480))
        run(["import", TASK, path], env=env)
        # amy: a car and a person; ben: the car 100x80 against 100x100 (IoU 0.8). F1 = 2/3, one pair.
        answers = [
            ("amy", [{"x": 100, "y": 100, "w": 100, "h": 100, "label": "car"},
                     {"x": 400, "y": 200, "w": 50, "h": 120, "label": "person"}]),
            ("ben", [{"x": 100, "y": 100, "w": 100, "h": 80, "label": "car"}]),
        ]
        annotations = os.path.join(workdir, "annotations.jsonl")
        with open(annotations, "w") as f:
            for who, boxes in answers:
                f.write(json.dumps({"item": "scene.png", "annotator": who, "label": boxes}) + "\n")
        run(["import-annotations", TASK, annotations], env=env)

        driver = browser(javascript=False)
        drivers.append(driver)
        login(driver, base, "prac")
        driver.get(f"{base}/tasks/{TASK}/quality")
        cards = {card.find_element(By.CSS_SELECTOR, ".metric-name").text: card.find_element(By.CSS_SELECTOR, ".metric-value").text
                 for card in driver.find_elements(By.CSS_SELECTOR, ".metric-card")}
        assert cards.get("F1 at IoU 0.5") == "0.667", f"cards: {cards}"
        assert cards.get("Mean IoU") == "0.800" and cards.get("Pairs compared") == "1", f"cards: {cards}"
        image = driver.find_element(By.CSS_SELECTOR, ".box-contested-item svg.box-svg image")
        outer = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", image)
        assert outer[2] - outer[0] > 100, f"the image is not shown: {outer}"
        rects = driver.find_elements(By.CSS_SELECTOR, ".box-contested-item svg.box-svg rect.box-rect")
        assert len(rects) == 3, f"{len(rects)} rects (amy 2, ben 1)"
        scale = (outer[2] - outer[0]) / 640
        for rect in rects:
            box = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", rect)
            assert box[2] - box[0] > 5 and box[3] - box[1] > 5, f"a rect is not drawn: {box}"
            assert box[0] >= outer[0] - 2 and box[1] >= outer[1] - 2 and box[2] <= outer[2] + 2 and box[3] <= outer[3] + 2, \
                f"rect {box} is not over the image {outer}"
        car = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width];", rects[0])
        assert abs(car[0] - (outer[0] + 100 * scale)) < 3 and abs(car[2] - 100 * scale) < 3, \
            f"amy's car at {car}, expected x {outer[0] + 100 * scale}, width {100 * scale}"
        stroke = driver.execute_script("return getComputedStyle(arguments[0]).stroke;", rects[0])
        assert stroke not in ("", "none"), f"the rect has no stroke: {stroke!r} (CSS blocked?)"
        legend = driver.find_element(By.CSS_SELECTOR, ".box-contested-item .box-legend").text
        assert "amy" in legend and "ben" in legend, f"legend: {legend!r}"

        click_and_wait(driver, f".box-contested-item a[href='/tasks/{TASK}/review?item=scene%2Epng']")
        assert "Review item scene.png" in driver.page_source
        layers = [g.get_attribute("data-layer") for g in driver.find_elements(By.CSS_SELECTOR, ".item-pane svg g.box-layer")]
        assert layers == ["amy", "ben", "consensus"], f"layers: {layers}"
        xs = [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='box_x[]']")]
        hs = [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='box_h[]']")]
        assert xs == ["100", ""] and hs == ["90", ""], f"prefilled rows from the consensus: {xs} {hs}"

        # A box past the image's right edge is refused beside its row; nothing stored.
        fill(driver, 2, ("600", "200", "50", "120", "person"))
        click_and_wait(driver, "button[name=action][value=rule]")
        error = driver.find_element(By.ID, "ruling-box-2-error").text
        assert error.startswith("Row 2"), f"row error: {error!r}"
        status, _, body = http(f"{base}/api/v1/tasks/{TASK}/adjudications", token=token)
        assert status == 200 and body.strip() == b"", f"nothing stored: {status} {body!r}"

        fill(driver, 2, ("400", "200", "50", "120", "person"))
        click_and_wait(driver, "button[name=add_row]")
        fill(driver, 3, ("10", "20", "30", "40.5", "car"))
        click_and_wait(driver, "button[name=action][value=rule]")
        ruling = driver.find_element(By.ID, "ruling").text
        assert "Ruled 3 boxes by prac" in ruling, f"ruling: {ruling!r}"

        status, _, body = http(f"{base}/api/v1/tasks/{TASK}/adjudications?item=scene.png", token=token)
        stored = json.loads(body.decode().splitlines()[0])["label"]
        expected = [{"x": 100, "y": 100, "w": 100, "h": 90, "label": "car"},
                    {"x": 400, "y": 200, "w": 50, "h": 120, "label": "person"},
                    {"x": 10, "y": 20, "w": 30, "h": 40.5, "label": "car"}]
        assert status == 200 and stored == expected, f"ruling through the API: {stored} (expected {expected})"
        print("ok: box quality page (cards, rects over the image), review by rows (refused row, added row), ruling through the API")
    except (AssertionError, TimeoutException, StopIteration) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


def test_box_quality():
    assert main() == 0


if __name__ == "__main__":
    sys.exit(main())
