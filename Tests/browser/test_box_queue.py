#!/usr/bin/env python3
"""Browser test of a box task's queue page (Selenium, headless Chromium).

Starts the built server with a fresh data folder, creates a box task (classes car `c`, person `p`)
with one 2400x1600 PNG made here, then:
  - with JavaScript on, annotator ann1 sees the image scaled down to fit, draws two boxes with the
    mouse, draws a third and undoes it (Ctrl+Z), relabels the second box with the `p` key, adds, moves,
    resizes and deletes a box by keyboard, zooms in and draws one more, and submits; the stored boxes
    (read through the API) are within 1 image pixel of the boxes under the pointer, i.e. in pixels of
    the stored image, not of the screen, at either zoom;
  - with JavaScript off, ann2 sees the image at its natural size, types a row, asks for another row,
    types a box past the image's right edge (refused, 422, named by its row, what was typed kept),
    corrects it and submits; the stored boxes are exactly the typed ones.

Run: .venv-test/bin/python Tests/browser/test_box_queue.py (after `swift build`); also collected by
pytest. Environment as in browser_support. Exits non-zero on failure; always stops the server.
"""
import json
import os
import struct
import sys
import zlib

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

TASK = "street-boxes"
WIDTH, HEIGHT = 2400, 1600


def big_png(width, height):
    """A real 8-bit RGB PNG with a gradient, built a row at a time (fast enough for 2400x1600)."""
    row = bytearray(width * 3)
    row[0::3] = bytes(x * 256 // width for x in range(width))
    row[2::3] = b"\x80" * width
    raw = bytearray()
    for y in range(height):
        row[1::3] = bytes([y * 256 // height]) * width
        raw += b"\x00" + row

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))


def stored_boxes(base, token, annotator):
    status, _, body = http(f"{base}/api/v1/tasks/{TASK}/annotations", token=token)
    assert status == 200, f"annotations listing: {status} {body[:200]!r}"
    rows = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
    labels = [r["label"] for r in rows if r["annotator"] == annotator]
    assert len(labels) == 1, f"{annotator}: want one annotation, got {rows}"
    return labels[0]


def canvas_rect(driver):
    return driver.execute_script(
        "var r = document.querySelector('#box-stage .box-canvas').getBoundingClientRect();"
        "return {left: r.left, top: r.top, width: r.width, height: r.height};")


def drag(driver, start, end):
    """Presses the mouse at viewport point `start`, moves in steps to `end`, releases."""
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(*start)
    actions.pointer_action.pointer_down()
    for step in (1, 2, 3):
        actions.pointer_action.move_to_location(start[0] + (end[0] - start[0]) * step // 3,
                                                start[1] + (end[1] - start[1]) * step // 3)
    actions.pointer_action.pointer_up()
    actions.perform()


def draw(driver, rect, box):
    """Drags over the image box (x, y, w, h in image pixels) at whole screen pixels; returns the image
    box under the pointer's actual points, which is what the page should store."""
    scale = rect["width"] / WIDTH
    start = (round(rect["left"] + box[0] * scale), round(rect["top"] + box[1] * scale))
    end = (round(rect["left"] + (box[0] + box[2]) * scale), round(rect["top"] + (box[1] + box[3]) * scale))
    drag(driver, start, end)
    x0, y0 = (start[0] - rect["left"]) / scale, (start[1] - rect["top"]) / scale
    x1, y1 = (end[0] - rect["left"]) / scale, (end[1] - rect["top"]) / scale
    return {"x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0}


def shapes(driver):
    return driver.execute_script("return document.querySelectorAll('#box-stage svg .box-shape').length;")


def box_entry(driver, number):
    """The numbers of box `number` as the page's list of boxes writes them ("3 person: x 1, y 2, w 3, h 4")."""
    text = driver.find_element(By.CSS_SELECTOR, f"#box-list li:nth-child({number}) button").text
    values = dict(part.strip().split(" ") for part in text.split(":", 1)[1].split(","))
    return {key: float(value) for key, value in values.items()}


def check_close(got, want, where):
    for key in ("x", "y", "w", "h"):
        assert abs(got[key] - want[key]) <= 1, f"{where}: {key} is {got[key]}, want {want[key]:.1f} (within 1 px): {got}"
    assert got["label"] == want["label"], f"{where}: label {got['label']}, want {want['label']}"


def with_javascript(base, token):
    driver = browser()
    try:
        login(driver, base, "ann1")
        driver.get(base + "/queue/" + TASK)
        WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.ID, "box-toolbar")))
        image = driver.find_element(By.CSS_SELECTOR, "#box-stage img")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].complete", image))
        assert not driver.find_element(By.ID, "box-rows").is_displayed(), "the rows give way to the editor"
        rect = canvas_rect(driver)
        assert rect["width"] < WIDTH / 2, f"a 2400 px image is shown scaled down, not at {rect['width']} px"
        assert abs(rect["height"] / rect["width"] - HEIGHT / WIDTH) < 0.01, f"aspect ratio kept: {rect}"
        assert "tone-0" in driver.find_element(By.CSS_SELECTOR, ".box-class[aria-pressed=true]").get_attribute("class")

        ActionChains(driver).send_keys("c").perform()
        first = dict(draw(driver, rect, (300, 200, 600, 400)), label="car")
        second = dict(draw(driver, rect, (1400, 800, 500, 500)), label="person")
        assert shapes(driver) == 2, f"two boxes drawn, {shapes(driver)} shown"
        draw(driver, rect, (1000, 1200, 300, 200))
        assert shapes(driver) == 3, "a third box drawn"
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        assert shapes(driver) == 2, "Ctrl+Z takes the third box away"
        # The last box drawn (the second) is still selected: its class key relabels it.
        ActionChains(driver).send_keys("p").perform()
        names = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#box-stage svg .box-name'), function (t) { return t.textContent; });")
        assert names == ["1 car", "2 person"], f"each box shows its number and class: {names}"
        entries = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#box-list button")]
        assert len(entries) == 2 and entries[1].startswith("2 person"), f"the list of boxes: {entries}"

        # By keyboard: a new box in the middle, moved 10 px right, 1 px taller, then deleted; Tab selects.
        ActionChains(driver).send_keys("n").perform()
        added = box_entry(driver, 3)
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
        ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_DOWN).key_up(Keys.ALT).perform()
        moved = box_entry(driver, 3)
        assert abs(moved["x"] - added["x"] - 10) < 0.01 and abs(moved["h"] - added["h"] - 1) < 0.01, f"keys: {added} then {moved}"
        ActionChains(driver).send_keys(Keys.DELETE).perform()
        assert shapes(driver) == 2, "Delete removes the selected box"
        ActionChains(driver).send_keys(Keys.ESCAPE).send_keys(Keys.TAB).perform()
        assert driver.find_element(By.CSS_SELECTOR, "#box-list li:first-child button").get_attribute("aria-pressed") == "true", \
            "Tab on the image selects the first box"

        # Zoomed in around the middle, a box drawn there is still kept in pixels of the image.
        driver.find_element(By.CSS_SELECTOR, "[data-action=zoom-in]").click()
        zoomed = canvas_rect(driver)
        assert zoomed["width"] > rect["width"] * 1.4, f"zoomed in: {rect['width']} -> {zoomed['width']}"
        third = dict(draw(driver, zoomed, (1000, 1000, 200, 150)), label="person")

        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.ID, "submit-answer").click()
        wait_until_replaced(driver, old)
        got = stored_boxes(base, token, "ann1")
        assert len(got) == 3, f"three boxes stored: {got}"
        check_close(got[0], first, "box 1")
        check_close(got[1], second, "box 2")
        check_close(got[2], third, "box 3 (zoomed)")
        return got
    finally:
        driver.quit()


def without_javascript(base, token):
    driver = browser(javascript=False)
    try:
        login(driver, base, "ann2")
        driver.get(base + "/queue/" + TASK)
        image = driver.find_element(By.CSS_SELECTOR, "#box-stage img")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].complete", image))
        assert image.size["width"] == WIDTH, f"without JavaScript the image is at its natural size, not {image.size}"
        assert not driver.find_element(By.ID, "box-toolbar").is_displayed(), "no drawing tools without JavaScript"

        def fill(number, x, y, w, h, label):
            for name, value in (("x", x), ("y", y), ("w", w), ("h", h)):
                field = driver.find_element(By.ID, f"box-{number}-{name}")
                field.clear()
                field.send_keys(value)
            Select(driver.find_element(By.ID, f"box-{number}-class")).select_by_visible_text(label)

        fill(1, "100", "200", "300", "400.5", "person")
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.ID, "add-box-row").click()
        wait_until_replaced(driver, old)
        assert driver.find_element(By.ID, "box-1-h").get_attribute("value") == "400.5", "the typed row is kept"
        fill(2, "2390", "10", "50", "10", "car")
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.ID, "submit-answer").click()
        wait_until_replaced(driver, old)
        error = driver.find_element(By.ID, "box-2-error").text
        assert "Row 2" in error and "lies outside the 2400×1600 image" in error, f"the refused row is named: {error}"
        assert driver.find_element(By.ID, "box-2-w").get_attribute("value") == "50", "what was typed is kept"
        assert shapes(driver) == 1, "the good row is drawn over the image, server-side"
        fill(2, "2390", "10", "10", "10", "car")
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.ID, "submit-answer").click()
        wait_until_replaced(driver, old)
        got = stored_boxes(base, token, "ann2")
        want = [{"x": 100, "y": 200, "w": 300, "h": 400.5, "label": "person"}, {"x": 2390, "y": 10, "w": 10, "h": 10, "label": "car"}]
        assert got == want, f"the typed rows are stored as typed: {got}"
        return got
    finally:
        driver.quit()


def main():
    workdir, data = work_folder("labelbench-box-browser-")
    server = None
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann1", "annotator"), ("ann2", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({
                "name": TASK, "title": "Cars and people", "kind": "image", "answer": "boxes",
                "labels": [{"name": "car", "key": "c"}, {"name": "person", "key": "p"}],
                "overlap": 2, "lease_seconds": 600, "gold_rate": 0,
                "instructions": "Box every car and every person.", "annotators": ["ann1", "ann2"],
            }, f)
        run(["tasks", "create", task_file], env=env)
        path = os.path.join(workdir, "street.png")
        with open(path, "wb") as f:
            f.write(big_png(WIDTH, HEIGHT))
        run(["import", TASK, path], env=env)

        drawn = with_javascript(base, token)
        typed = without_javascript(base, token)
        print(f"ok: drawn with the mouse on a scaled image, stored in image pixels {drawn}; typed without JavaScript {typed}")
    except (AssertionError, TimeoutException) as error:
        failures.append(str(error) or repr(error))
    return finish([], server, workdir, failures)


def test_box_queue():
    assert main() == 0


if __name__ == "__main__":
    sys.exit(main())
