#!/usr/bin/env python3
"""Browser test of quality gates (Selenium, headless Chromium), JavaScript off, with the browser's own
form submission:
  - the task form's gate fields and protected aliases are saved (read back over the API) and shown
    again on the next edit;
  - the export form refuses the protected alias for a version that fails its gates, naming the failed
    check, and commits nothing; forcing without a reason is refused too;
  - forced with a reason, the version is made, its page shows the failed gate and the override (reason,
    who), and the CLI's `artifacts show` reads the same override from the version's lineage.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.webdriver.common.by import By

TASK = "colors"


def fill(driver, element_id, value):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(value)


def submit(driver, button_css):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, button_css).click()
    wait_until_replaced(driver, old)


def export(driver, base, alias, force=False, reason=""):
    driver.get(f"{base}/tasks/{TASK}/export")
    fill(driver, "export-aliases", alias)
    if force:
        driver.find_element(By.ID, "export-force").click()
    fill(driver, "export-reason", reason)
    submit(driver, "#run-export")


def collections(env):
    """The names of the collections the store holds."""
    return [c["name"] for c in json.loads(run(["artifacts", "list", "--json"], env=env))["collections"]]


def main():
    workdir, data = work_folder("labelbench-gates-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("pat", "practitioner")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "Colour names", "labels": [{"name": "warm"}, {"name": "cool"}],
                       "annotators": ["pat"], "protected_aliases": []}, f)
        run(["tasks", "create", task_file], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            for i, text in enumerate(["red", "blue", "orange"]):
                f.write(json.dumps({"id": f"c{i}", "text": text}) + "\n")
        run(["import", TASK, items], env=env)

        driver = browser(javascript=False)
        drivers.append(driver)
        login(driver, base, "pat")

        # The gates go in through the task form: a gold accuracy nobody can reach without gold answers.
        driver.get(f"{base}/tasks/{TASK}/edit")
        fill(driver, "gate_gold_accuracy", "0.9")
        fill(driver, "protected_aliases", "production, staging")
        submit(driver, ".form-actions button[type=submit]")
        status, _, body = http(f"{base}/api/v1/tasks/{TASK}", token=token)
        task = json.loads(body)
        assert status == 200 and task.get("gates") == {"gold_accuracy": 0.9}, task.get("gates")
        assert task.get("protected_aliases") == ["production", "staging"], task.get("protected_aliases")
        driver.get(f"{base}/tasks/{TASK}/edit")
        assert driver.find_element(By.ID, "gate_gold_accuracy").get_attribute("value") == "0.9"
        assert driver.find_element(By.ID, "protected_aliases").get_attribute("value") == "production, staging"

        # No gold answer: the gold accuracy cannot be computed, so the gate fails and production is refused.
        export(driver, base, "production")
        error = driver.find_element(By.CSS_SELECTOR, "p.error[role=alert]").text
        assert "gold_accuracy" in error, f"the refusal does not name the failed check: {error!r}"
        assert driver.current_url.endswith(f"/tasks/{TASK}/export"), driver.current_url
        assert collections(env) == [], "a refused export committed a version"

        export(driver, base, "production", force=True)
        error = driver.find_element(By.CSS_SELECTOR, "p.error[role=alert]").text
        assert "reason" in error.lower(), f"forcing without a reason was not refused: {error!r}"
        assert collections(env) == [], "a force without a reason committed a version"

        export(driver, base, "production", force=True, reason="demo build, gold set arrives Monday")
        assert driver.current_url.endswith(f"/artifacts/{TASK}/v0?created=1"), driver.current_url
        gates = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=gates]").text
        assert "gold_accuracy" in gates or "Gold accuracy" in gates, gates
        assert "demo build, gold set arrives Monday" in gates and "pat" in gates, gates

        shown = json.loads(run(["artifacts", "show", f"{TASK}:production"], env=env))
        overrides = shown["lineage"]["overrides"]
        assert [(o["alias"], o["reason"], o["by"]) for o in overrides] == \
            [("production", "demo build, gold set arrives Monday", "pat")], overrides
        assert shown["metadata"]["gates"]["passed"] is False, shown["metadata"]["gates"]
        print("ok: gates set in the task form, a protected alias refused naming the check, forced with a reason and shown")
    except Exception as error:  # noqa: BLE001 - every failure is reported with the kept data folder
        failures.append(f"{type(error).__name__}: {error}")
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
