#!/usr/bin/env python3
"""Screenshots of every page a person uses, at 1280×800 and 390×844, with realistic data (a task with
200 items, 3 annotators and a contested set; a dozen more tasks, one archived; an image task; two
dataset versions), full page, for a person to look at.

Pages: setup (fresh install) and login; as a practitioner the task list (and its archived shelf),
the task form (new, edit, edit from a contested item), progress, export, delete confirmation, quality,
review, artifacts and a version, change password, a missing page; as an annotator the queue list, a
text item, an image item, the previous answer, a task with nothing left and an archived task; as an
admin the accounts page.

Writes PNGs to $SCREENSHOT_DIR (default bench/out/screenshots, which git ignores) and prints their
paths; with SCREENS=N also the first N window-sized parts of each page; with ONLY=name,name just those
pages. Environment: as test_queue.py.
"""
import json
import os
import re
import sys

from browser_support import REPO, add_accounts, browser, finish, login, run, start_server, wait_until_replaced, work_folder
from quality_data import ANNOTATORS, TASK, seed
from test_image_queue import png

SIZES = ((1280, 800), (390, 844))


def practitioner_pages(contested, version):
    name, number = version.split(":")
    return {
        "tasks": "/tasks",
        "tasks-archived": "/tasks?shelf=archived",
        "task-new": "/tasks/new",
        "task-edit": f"/tasks/{TASK}/edit",
        "task-edit-guideline": f"/tasks/{TASK}/edit?from_item={contested[0]}",
        "task-progress": f"/tasks/{TASK}/progress",
        "task-export": f"/tasks/{TASK}/export",
        "task-delete": f"/tasks/{TASK}/delete",
        "quality": f"/tasks/{TASK}/quality",
        "review": f"/tasks/{TASK}/review?item={contested[0]}",
        "artifacts": "/artifacts",
        "artifact-version": f"/artifacts/{name}/{number}",
        "artifact-version-first": f"/artifacts/{name}/v1",
        "account-password": "/account/password",
        "not-found": "/tasks/no-such-task/edit",
    }


def annotator_pages():
    return {
        "queue": "/queue",
        "queue-item": f"/queue/{TASK}",
        "queue-image": "/queue/photos",
        "queue-previous": f"/queue/{TASK}/previous",
        "queue-done": "/queue/finished",
        "queue-archived": "/queue/shelved",
    }


def capture(driver, url, path, size, screens):
    """The whole page in one PNG, and the first `screens` window-sized parts of it (`-1.png`, …),
    which stay legible where a tall page shrunk to fit a viewer would not."""
    width, window = size
    driver.set_window_size(width, window)
    driver.get(url)
    inner = driver.execute_script("return window.innerHeight")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    for screen in range(min(screens, (height + inner - 1) // inner)):
        driver.execute_script("window.scrollTo(0, arguments[0])", screen * inner)
        driver.save_screenshot(path.replace(".png", f"-{screen + 1}.png"))
    driver.set_window_size(width, min(height + window - inner, 12000))
    driver.save_screenshot(path)


def small_task(workdir, env, name, title, items, annotators, labels=("yes", "no")):
    """A task with `items` short text items, made through the command line."""
    task_file = os.path.join(workdir, f"{name}.json")
    with open(task_file, "w") as f:
        json.dump({"name": name, "title": title, "labels": [{"name": l} for l in labels], "annotators": list(annotators)}, f)
    run(["tasks", "create", task_file], env=env)
    if items:
        item_file = os.path.join(workdir, f"{name}-items.jsonl")
        with open(item_file, "w") as f:
            for i in range(items):
                f.write(json.dumps({"id": f"{name}-{i}", "text": f"Text {i} of {title.lower()}."}) + "\n")
        run(["import", name, item_file], env=env)


def fill(workdir, data):
    """Accounts, the quality task and the others; returns (server, base, contested ids, version reference)."""
    token = add_accounts(data, [("pat", "practitioner")] + [(n, "annotator") for n in ANNOTATORS] + [("root", "admin")])
    server, base = start_server(workdir, data)
    env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
    contested = seed(workdir, env)
    extra = os.path.join(workdir, "open.jsonl")
    with open(extra, "w") as f:
        f.write(json.dumps({"id": "open-1", "text": "A kettle that whistles a tune when the water boils, "
                            "which my partner loves and I have come to tolerate. Boils fast, pours cleanly."}) + "\n")
        f.write(json.dumps({"id": "open-2", "text": "Arrived broken, refund was quick."}) + "\n")
    run(["import", TASK, extra], env=env)
    for i, (title, items) in enumerate([("Support ticket routing", 40), ("Toxicity check, forum posts", 120),
                                        ("Invoice fields present", 0), ("Spam or not", 25), ("Language of the post", 60),
                                        ("Duplicate questions", 10), ("Headline tone", 80), ("Image captions ok", 15),
                                        ("Medical claims", 30), ("Product category", 55)]):
        small_task(workdir, env, f"batch-{i:02d}", title, items, ANNOTATORS[:2])
    small_task(workdir, env, "finished", "Finished pilot", 0, [ANNOTATORS[0]])
    small_task(workdir, env, "shelved", "Last year's reviews", 5, [ANNOTATORS[0]])
    image_task = os.path.join(workdir, "image-task.json")
    with open(image_task, "w") as f:
        json.dump({"name": "photos", "title": "Street photos", "kind": "image", "labels": [
            {"name": "pedestrian", "key": "1"}, {"name": "cyclist", "key": "2"}, {"name": "empty", "key": "3"}],
            "annotators": [ANNOTATORS[0]]}, f)
    run(["tasks", "create", image_task], env=env)
    photo = os.path.join(workdir, "photo.png")
    with open(photo, "wb") as f:
        f.write(png(320, 200, 1))
    run(["import", "photos", photo], env=env)
    run(["export", TASK, "--alias", "first"], env=env)
    version = run(["export", TASK, "--include-unlabeled", "--alias", "latest"], env=env).strip().splitlines()[-1]
    return server, base, contested, version


def archive(driver, base, task):
    """Archives `task` through its progress page's form, as a practitioner does."""
    driver.get(f"{base}/tasks/{task}/progress")
    old = driver.find_element("tag name", "html")
    driver.find_element("css selector", f"form[action='/tasks/{task}/archive'] button[type=submit]").click()
    wait_until_replaced(driver, old)


def main():
    out = os.environ.get("SCREENSHOT_DIR", os.path.join(REPO, "bench", "out", "screenshots"))
    os.makedirs(out, exist_ok=True)
    only = set(filter(None, os.environ.get("ONLY", "").split(",")))
    screens = int(os.environ.get("SCREENS", "0"))
    workdir, data = work_folder("labelbench-screens-")
    server = None
    drivers = []
    failures = []

    def shoot(driver, base, pages):
        for name, path in pages.items():
            if only and name not in only:
                continue
            for size in SIZES:
                file = os.path.join(out, f"{name}-{size[0]}.png")
                capture(driver, base + path, file, size, screens)
                print(file)

    try:
        # A fresh install first: the setup page through the link the server prints, and the login page.
        server, base = start_server(workdir, data)
        driver = browser()
        drivers.append(driver)
        with open(os.path.join(workdir, "server.log")) as f:
            link = re.search(r"/setup\?token=\S+", f.read())
        assert link, "no setup link in the server log"
        shoot(driver, base, {"setup": link.group(0), "login-fresh": "/login"})
        server.terminate()
        server.wait(timeout=10)

        server, base, contested, version = fill(workdir, data)
        shoot(driver, base, {"login": "/login"})
        login(driver, base, "pat")
        archive(driver, base, "shelved")
        shoot(driver, base, practitioner_pages(contested, version))

        annotator = browser()
        drivers.append(annotator)
        login(annotator, base, ANNOTATORS[0])
        # One answer first, so the previous-answer page has something to change.
        annotator.get(f"{base}/queue/{TASK}")
        annotator.find_element("css selector", "#answer-form input[name=label]").click()
        old = annotator.find_element("tag name", "html")
        annotator.find_element("id", "submit-answer").click()
        wait_until_replaced(annotator, old)
        shoot(annotator, base, annotator_pages())

        admin = browser()
        drivers.append(admin)
        login(admin, base, "root")
        shoot(admin, base, {"admin-users": "/admin/users"})
    except AssertionError as error:
        failures.append(str(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
