#!/usr/bin/env python3
"""Browser test: a queue item fits the screen with its choices and Submit in view (Selenium,
headless Chromium), at 1280×800 and 390×844, for a large image (scaled to fit, then zoomed and
panned with the buttons) and a long text (scrolling inside its own box).
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, login, run, start_server, work_folder
from selenium.webdriver.common.by import By
from test_image_queue import png

SIZES = ((1280, 800), (390, 844))


def submit_in_view(driver):
    """Whether the Submit button's bottom edge is inside the window without scrolling."""
    driver.execute_script("window.scrollTo(0, 0);")
    return driver.execute_script(
        "const r = document.getElementById('submit-answer').getBoundingClientRect();"
        "return r.bottom <= window.innerHeight && r.top >= 0;")


def main():
    workdir, data = work_folder("labelbench-viewport-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("pat", "practitioner"), ("ann1", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        for name, kind in (("photos", "image"), ("letters", "text")):
            task_file = os.path.join(workdir, f"{name}.json")
            with open(task_file, "w") as f:
                json.dump({"name": name, "title": f"Task {name}", "kind": kind, "annotators": ["ann1"],
                           "labels": [{"name": "keep", "key": "1"}, {"name": "drop", "key": "2"}, {"name": "unsure", "key": "3"}]}, f)
            run(["tasks", "create", task_file], env=env)
        photo = os.path.join(workdir, "big.png")
        with open(photo, "wb") as f:
            f.write(png(1200, 900, 2))
        run(["import", "photos", photo], env=env)
        letters = os.path.join(workdir, "letters.jsonl")
        with open(letters, "w") as f:
            f.write(json.dumps({"id": "long", "text": "A long letter. " * 600}) + "\n")
        run(["import", "letters", letters], env=env)

        driver = browser()
        drivers.append(driver)
        login(driver, base, "ann1")
        for width, height in SIZES:
            driver.set_window_size(width, height)
            for task in ("photos", "letters"):
                driver.get(base + f"/queue/{task}")
                if not submit_in_view(driver):
                    failures.append(f"{task} at {width}×{height}: Submit is below the fold")
            driver.get(base + "/queue/photos")
            image = driver.find_element(By.CSS_SELECTOR, ".item-image")
            if image.size["width"] > width:
                failures.append(f"the image is wider than a {width} px window: {image.size}")
        driver.set_window_size(1280, 800)
        driver.get(base + "/queue/photos")
        driver.find_element(By.CSS_SELECTOR, "button[aria-label='Zoom in']").click()
        transform = driver.find_element(By.CSS_SELECTOR, ".item-image").value_of_css_property("transform")
        if transform in ("none", "") or "matrix(1, 0, 0, 1" in transform:
            failures.append(f"zoom in did not scale the image: {transform}")
        driver.find_element(By.CSS_SELECTOR, "button[aria-label='Fit the image']").click()
        if "matrix(1, 0, 0, 1, 0, 0)" not in driver.find_element(By.CSS_SELECTOR, ".item-image").value_of_css_property("transform"):
            failures.append("Fit did not bring the image back")
    except Exception as error:  # noqa: BLE001
        failures.append(f"{type(error).__name__}: {error}")
    code = finish(drivers, server, workdir, failures)
    if code == 0:
        print("ok: image and long text fit 1280×800 and 390×844 with Submit in view; zoom and fit work")
    return code


if __name__ == "__main__":
    sys.exit(main())
