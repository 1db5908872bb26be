#!/usr/bin/env python3
"""Browser test of an image task in the annotation queue (Selenium, headless Chromium).

Starts the built server on a free loopback port with a fresh data folder, creates accounts, an
image task and a few real PNG items with the `labelbench` CLI, then an annotator signs in through
the login form, opens /queue/TASK and:
  - the item's <img> is displayed and decoded (naturalWidth > 0), i.e. it really loaded through
    /media with the browser's session cookie, and its natural size is the PNG's size;
  - the same /media URL without the cookie is refused (401), with the cookie it is image/png + nosniff;
  - pressing the label's shortcut key and Enter records the annotation, checked through the API.

Environment: LABELBENCH_BIN (default .build/debug/labelbench), CHROMEDRIVER (default /usr/bin/chromedriver),
CHROME_BIN (default: chromium from PATH). Exits non-zero on failure; always stops the server.
"""
import json
import os
import struct
import sys
import zlib

from browser_support import PASSWORD, add_accounts, browser, finish, http, run, start_server, wait_until_replaced, work_folder
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TASK = "street-photos"
SIZES = {"photo1.png": (40, 30), "photo2.png": (24, 36), "photo3.png": (50, 20)}


def png(width, height, seed):
    """A real 8-bit RGB PNG with a gradient that differs per seed."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(((x * 5 + seed * 40) % 256, (y * 7 + seed * 20) % 256, (x ^ y) % 256)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))






def current_item(driver):
    return driver.find_element(By.CSS_SELECTOR, "#answer-form input[name=item]").get_attribute("value")


def check_image_loaded(driver, where):
    """Waits for the item <img> to finish loading and returns (src, naturalWidth, naturalHeight)."""
    image = WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "img.item-image")))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].complete", image))
    width, height = driver.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", image)
    src = image.get_attribute("src")
    assert width > 0 and height > 0, f"{where}: the image did not load (naturalWidth {width}) from {src}"
    assert "/media/" in src, f"{where}: the image is not served from /media: {src}"
    assert image.is_displayed(), f"{where}: the image is not visible"
    return src, width, height


def main():
    workdir, data = work_folder("labelbench-image-browser-")
    server = None
    driver = None
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann1", "annotator")])

        server, base = start_server(workdir, data)

        client_env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({
                "name": TASK, "title": "Pedestrians in street photos", "kind": "image", "answer": "single",
                "labels": [{"name": "pedestrian", "key": "1"}, {"name": "no-pedestrian", "key": "2"}],
                "overlap": 1, "lease_seconds": 600, "gold_rate": 0,
                "instructions": "Is there a pedestrian?", "annotators": ["ann1"],
            }, f)
        run(["tasks", "create", task_file], env=client_env)
        paths = []
        for seed, (name, (width, height)) in enumerate(sorted(SIZES.items())):
            path = os.path.join(workdir, name)
            with open(path, "wb") as f:
                f.write(png(width, height, seed))
            paths.append(path)
        run(["import", TASK] + paths, env=client_env)

        driver = browser()
        driver.get(base + "/login")
        driver.find_element(By.NAME, "name").send_keys("ann1")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        wait_until_replaced(driver, old)
        driver.get(base + "/queue/" + TASK)

        expected = {}
        keys = {"1": "pedestrian", "2": "no-pedestrian"}
        for key in ("2", "1"):
            item = current_item(driver)
            src, width, height = check_image_loaded(driver, f"item {item}")
            assert (width, height) == SIZES[item], f"item {item}: natural size {width}x{height}, want {SIZES[item]}"

            # The same URL: refused without the cookie, served with it as a PNG that must not be sniffed.
            status, _, _ = http(src)
            assert status == 401, f"{src} without credentials: {status}"
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
            status, headers, body = http(src, cookie=cookie)
            assert status == 200 and body.startswith(b"\x89PNG"), f"{src} with the session cookie: {status}"
            assert headers.get("content-type") == "image/png", f"content type {headers.get('content-type')}"
            assert headers.get("x-content-type-options") == "nosniff", "media must send nosniff"

            old = driver.find_element(By.TAG_NAME, "html")
            ActionChains(driver).send_keys(key).perform()
            assert driver.find_element(By.CSS_SELECTOR, f"input[name=label][value='{keys[key]}']").is_selected(), \
                f"key {key} selects {keys[key]}"
            ActionChains(driver).send_keys(Keys.ENTER).perform()
            wait_until_replaced(driver, old)
            assert current_item(driver) != item, "Enter submits and shows the next item"
            expected[item] = keys[key]
        check_image_loaded(driver, "third item")

        status, _, body = http(f"{base}/api/v1/tasks/{TASK}/annotations", token=token)
        assert status == 200, f"annotations listing: {status} {body[:200]!r}"
        rows = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        got = {r["item"]: r["label"] for r in rows if r["annotator"] == "ann1"}
        assert got == expected and len(rows) == len(expected), f"annotations differ: got {rows}, want {expected}"
        print(f"ok: {len(rows)} image annotations made with shortcut keys; images loaded through /media with the session cookie")
    except (AssertionError, TimeoutException) as error:
        failures.append(str(error) or repr(error))
    return finish([driver] if driver is not None else [], server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
