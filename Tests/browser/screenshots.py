#!/usr/bin/env python3
"""Screenshots of the task form and the quality page at 1280 and 390 px with realistic data
(a task with 200 items, 3 annotators, a contested set), full page, for a person to look at.

Writes PNGs to $SCREENSHOT_DIR (default bench/out/screenshots, which git ignores) and prints
their paths; with SCREENS=N also the first N window-sized parts of each page. Environment: as test_queue.py.
"""
import os
import sys

from browser_support import REPO, browser, finish, login, work_folder
from quality_data import TASK, seed, serve

WIDTHS = (1280, 390)


def pages(base, contested):
    return {
        "task-new": f"{base}/tasks/new",
        "task-edit": f"{base}/tasks/{TASK}/edit",
        "task-edit-guideline": f"{base}/tasks/{TASK}/edit?from_item={contested[0]}",
        "quality": f"{base}/tasks/{TASK}/quality",
        "review": f"{base}/tasks/{TASK}/review?item={contested[0]}",
    }


def capture(driver, url, path, width, screens):
    """The whole page in one PNG, and the first `screens` window-sized parts of it (`-1.png`, …),
    which stay legible where a tall page shrunk to fit a viewer would not."""
    window = 900 if width > 600 else 844
    driver.set_window_size(width, window)
    driver.get(url)
    inner = driver.execute_script("return window.innerHeight")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    for screen in range(min(screens, (height + inner - 1) // inner)):
        driver.execute_script("window.scrollTo(0, arguments[0])", screen * inner)
        driver.save_screenshot(path.replace(".png", f"-{screen + 1}.png"))
    driver.set_window_size(width, min(height + window - inner, 12000))
    driver.save_screenshot(path)


def main():
    out = os.environ.get("SCREENSHOT_DIR", os.path.join(REPO, "bench", "out", "screenshots"))
    os.makedirs(out, exist_ok=True)
    workdir, data = work_folder("labelbench-screens-")
    server = None
    drivers = []
    failures = []
    try:
        server, base, env = serve(workdir, data)
        contested = seed(workdir, env)
        driver = browser()
        drivers.append(driver)
        login(driver, base, "pat")
        for name, url in pages(base, contested).items():
            for width in WIDTHS:
                path = os.path.join(out, f"{name}-{width}.png")
                capture(driver, url, path, width, int(os.environ.get("SCREENS", "0")))
                print(path)
    except AssertionError as error:
        failures.append(str(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
