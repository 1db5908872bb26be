#!/usr/bin/env python3
"""Browser test of flags (Selenium, headless Chromium).

Starts the built server with a fresh data folder, a text task and an image task, then:
  - ann1, with JavaScript off, flags a text item through the queue's plain form (the disclosure, a
    reason and a note) and stays on that item, which shows the flag; then flags an image item;
  - ann2, with JavaScript on and the keyboard only (Enter on the disclosure and on the button, which
    queue.js must leave alone), flags the item on screen, then answers it and flags it again from
    "change an answer" (answer first, flag after);
  - the practitioner sees the flags on the quality page (the note shown as text, not markup), dismisses
    ann2's from the item's review page, and turns ann1's into a guideline with "Write a guideline": the
    task form comes prefilled with the item as the example; saving resolves the flag as `guideline`;
  - ann1 answers the flagged item and the next item shows the new guideline.

Environment: LABELBENCH_BIN (default .build/debug/labelbench), CHROMEDRIVER, CHROME_BIN. Exits non-zero on failure.
"""
import json
import os
import struct
import sys
import zlib

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

NOTE = "<b>toy</b> cat? The instructions only say real animals"


def png(width, height):
    """A real 8-bit RGB PNG with a gradient."""
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 9 % 256, y * 7 % 256, 90)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def item_on_page(driver):
    return driver.find_element(By.CSS_SELECTOR, "#flag-form input[name=item]").get_attribute("value")


def flags(base, token, state="all"):
    status, _, body = http(f"{base}/api/v1/tasks/animals/flags?state={state}", token=token)
    assert status == 200, f"GET flags: {status}"
    return json.loads(body)["flags"]


def flag_with_mouse(driver, reason, note):
    """Opens the flag disclosure, picks the reason, types the note and sends the form."""
    if driver.find_element(By.ID, "flag").get_attribute("open") is None:
        driver.find_element(By.CSS_SELECTOR, "#flag > summary").click()
    Select(driver.find_element(By.ID, "flag-reason")).select_by_value(reason)
    note_field = driver.find_element(By.ID, "flag-note")
    note_field.clear()
    note_field.send_keys(note)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "flag-item").click()
    wait_until_replaced(driver, old)


def main():
    workdir, data = work_folder("labelbench-flags-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann1", "annotator"), ("ann2", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        for name, kind, annotators in (("animals", "text", ["ann1", "ann2"]), ("photos", "image", ["ann1"])):
            path = os.path.join(workdir, name + ".json")
            with open(path, "w") as f:
                json.dump({"name": name, "title": name.title(), "kind": kind, "answer": "single",
                           "labels": [{"name": "cat", "key": "c"}, {"name": "dog", "key": "d"}], "overlap": 1,
                           "lease_seconds": 600, "instructions": "Which animal is it?", "annotators": annotators}, f)
            run(["tasks", "create", path], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            for index in range(1, 6):
                f.write(json.dumps({"id": f"a{index}", "text": f"animal text {index}"}) + "\n")
        run(["import", "animals", items], env=env)
        photo = os.path.join(workdir, "photo.png")
        with open(photo, "wb") as f:
            f.write(png(30, 20))
        run(["import", "photos", photo], env=env)

        # ann1, JavaScript off: flag the text item on screen, stay on it.
        ann1 = browser(javascript=False)
        drivers.append(ann1)
        login(ann1, base, "ann1")
        ann1.get(base + "/queue/animals")
        flagged_item = item_on_page(ann1)
        flag_with_mouse(ann1, "not_covered", NOTE)
        assert item_on_page(ann1) == flagged_item, "after flagging, ann1 stays on the item"
        status_text = ann1.find_element(By.ID, "flag-status").text
        assert "not covered by the instructions" in status_text, status_text
        assert ann1.find_element(By.ID, "flag-note").get_attribute("value") == NOTE, "the form shows the note to amend"
        # An image item has the same form.
        ann1.get(base + "/queue/photos")
        assert ann1.find_elements(By.CSS_SELECTOR, "img.item-image"), "the photo is on the page"
        flag_with_mouse(ann1, "broken", "all noise")
        assert "broken" in ann1.find_element(By.ID, "flag-status").text

        # ann2, JavaScript on, keyboard only: Enter opens the disclosure and sends the form.
        ann2 = browser(javascript=True)
        drivers.append(ann2)
        login(ann2, base, "ann2")
        ann2.get(base + "/queue/animals")
        ann2_item = item_on_page(ann2)
        assert ann2_item != flagged_item, "ann1 holds the first item"
        summary = ann2.find_element(By.CSS_SELECTOR, "#flag > summary")
        summary.send_keys(Keys.ENTER)
        WebDriverWait(ann2, 5).until(lambda d: d.find_element(By.ID, "flag").get_attribute("open") is not None)
        reason = ann2.find_element(By.ID, "flag-reason")
        reason.send_keys(Keys.DOWN, Keys.DOWN)  # "Choose a reason" → not covered → ambiguous
        assert Select(reason).first_selected_option.get_attribute("value") == "ambiguous"
        ann2.find_element(By.ID, "flag-note").send_keys("either")
        old = ann2.find_element(By.TAG_NAME, "html")
        ann2.find_element(By.ID, "flag-item").send_keys(Keys.ENTER)
        wait_until_replaced(ann2, old)
        assert item_on_page(ann2) == ann2_item and "ambiguous" in ann2.find_element(By.ID, "flag-status").text
        assert [f["flagged_by"] for f in flags(base, token) if f["item"] == ann2_item] == ["ann2"]

        # Answer first, then flag from "change an answer": the amended flag stays one flag.
        ann2.find_element(By.CSS_SELECTOR, "label[for=label-1]").click()
        old = ann2.find_element(By.TAG_NAME, "html")
        ann2.find_element(By.ID, "submit-answer").click()
        wait_until_replaced(ann2, old)
        ann2.get(base + "/queue/animals/previous")
        assert item_on_page(ann2) == ann2_item
        flag_with_mouse(ann2, "broken", "the text is cut off")
        assert "/queue/animals/previous" in ann2.current_url and "broken" in ann2.find_element(By.ID, "flag-status").text
        mine = [f for f in flags(base, token) if f["item"] == ann2_item]
        assert len(mine) == 1 and mine[0]["reason"] == "broken", mine

        # The practitioner: flags on the quality page, dismiss one on its review page, turn the other into a guideline.
        prac = browser(javascript=True)
        drivers.append(prac)
        login(prac, base, "prac")
        prac.get(base + "/tasks/animals/quality")
        table = prac.find_element(By.ID, "flags").text
        assert NOTE in table and "ann1" in table and "ann2" in table, table
        assert not prac.find_elements(By.CSS_SELECTOR, "#flags b"), "the note is text, not markup"
        prac.find_element(By.LINK_TEXT, ann2_item).click()
        WebDriverWait(prac, 5).until(lambda d: "/review" in d.current_url)
        old = prac.find_element(By.TAG_NAME, "html")
        prac.find_element(By.CSS_SELECTOR, "#flags button[value=dismissed]").click()
        wait_until_replaced(prac, old)
        assert "dismissed by prac" in prac.find_element(By.ID, "flags").text
        assert "/review?item=" in prac.current_url

        prac.get(base + "/tasks/animals/quality")
        ann1_flag = [f for f in flags(base, token, "open") if f["flagged_by"] == "ann1"][0]
        prac.find_element(By.CSS_SELECTOR, f"#flag-{ann1_flag['id']} a.button").click()
        WebDriverWait(prac, 5).until(lambda d: "/edit" in d.current_url)
        origin = prac.find_element(By.ID, "flag-origin").text
        assert f"item {flagged_item}" in origin and NOTE in origin, origin
        new = prac.find_element(By.ID, "new-guideline")
        assert f"Example item: {flagged_item}" in new.text, new.text
        title = new.find_element(By.CSS_SELECTOR, "input[name='guideline_title[]']")
        title.clear()
        title.send_keys("Toy animals")
        new.find_element(By.CSS_SELECTOR, "textarea[name='guideline_ruling[]']").send_keys("A toy counts as the animal it shows.")
        old = prac.find_element(By.TAG_NAME, "html")
        prac.find_element(By.CSS_SELECTOR, ".form-actions button.primary").click()
        wait_until_replaced(prac, old)
        resolved = [f for f in flags(base, token, "resolved") if f["id"] == ann1_flag["id"]]
        assert resolved and resolved[0]["resolution"] == "guideline" and resolved[0]["guideline_version"] == 2, resolved

        # ann1 answers the flagged item; the next item carries the new guideline.
        ann1.get(base + "/queue/animals")
        assert item_on_page(ann1) == flagged_item
        ann1.find_element(By.CSS_SELECTOR, "label[for=label-0]").click()
        old = ann1.find_element(By.TAG_NAME, "html")
        ann1.find_element(By.ID, "submit-answer").click()
        wait_until_replaced(ann1, old)
        assert item_on_page(ann1) != flagged_item
        guide = ann1.find_element(By.CSS_SELECTOR, "aside.guide-pane").text
        assert "guideline v2" in guide and "Toy animals" in guide and "A toy counts as the animal it shows." in guide, guide
        print("ok: flagged with JS off and by keyboard, listed, dismissed, turned into a guideline the next item shows")
    except Exception as error:  # noqa: BLE001 - every failure is reported with the kept data folder
        failures.append(f"{type(error).__name__}: {error}")
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
