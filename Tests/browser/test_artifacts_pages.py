#!/usr/bin/env python3
"""Browser test of exports and artifacts (Selenium, headless Chromium), JavaScript off, with the
browser's own form submission:
  - the Export form on a task (collection name, alias, CSV) makes a version, the same one the CLI's
    `artifacts show` then reads; a refused alias re-shows the form with its message (422);
  - the version page lists files with working download links (bytes equal the CLI's copy), the
    alias, metadata and lineage in words, and a second export's page shows the diff to the first;
  - /artifacts is in the navigation and links each version.
"""
import json
import os
import sys

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

TASK = "colors"


def export_through_form(driver, base, alias, csv=False):
    driver.get(base + f"/tasks/{TASK}/export")
    field = driver.find_element(By.ID, "export-aliases")
    field.clear()
    field.send_keys(alias)
    if csv:
        Select(driver.find_element(By.ID, "export-format")).select_by_value("csv")
    driver.find_element(By.ID, "export-unlabeled").click()
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "run-export").click()
    wait_until_replaced(driver, old)


def main():
    workdir, data = work_folder("labelbench-artifacts-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("pat", "practitioner")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "Colour names", "labels": [{"name": "warm"}, {"name": "cool"}], "annotators": ["pat"]}, f)
        run(["tasks", "create", task_file], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            for i, text in enumerate(["red", "blue", "orange"]):
                f.write(json.dumps({"id": f"c{i}", "text": text}) + "\n")
        run(["import", TASK, items], env=env)

        driver = browser(javascript=False)
        drivers.append(driver)
        login(driver, base, "pat")
        nav = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav a")]
        assert base + "/artifacts" in nav, f"navigation: {nav}"

        export_through_form(driver, base, "not valid!")
        assert "aliases:" in driver.page_source and driver.find_element(By.ID, "export-aliases").get_attribute("value") == "not valid!", \
            "a refused alias did not come back beside the form"

        export_through_form(driver, base, "candidate", csv=True)
        assert driver.current_url.endswith(f"/artifacts/{TASK}/v0?created=1"), driver.current_url
        page = driver.page_source
        for expected in ("labels.jsonl", "labels.csv", "manifest.json", "candidate", "Lineage", "first version"):
            assert expected in page, f"version page lacks {expected!r}"
        shown = json.loads(run(["artifacts", "show", f"{TASK}:candidate"], env=env))
        assert shown["version"] == "v0" and "candidate" in shown["aliases"], f"the CLI sees: {shown}"

        link = driver.find_element(By.LINK_TEXT, "labels.jsonl").get_attribute("href")
        status, headers, body = http(link, cookie="; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies()))
        assert status == 200 and "attachment" in headers.get("content-disposition", ""), f"download: {status} {headers}"
        folder = os.path.join(workdir, "fetched")
        run(["artifacts", "get", f"{TASK}:v0", folder], env=env)
        with open(os.path.join(folder, "labels.jsonl"), "rb") as f:
            assert f.read() == body, "the downloaded file differs from the CLI's copy"

        # A label changes the data: the next version's page shows the difference.
        annotations_file = os.path.join(workdir, "annotations.jsonl")
        with open(annotations_file, "w") as f:
            f.write(json.dumps({"item": "c0", "annotator": "pat", "label": "warm"}) + "\n")
        run(["import-annotations", TASK, annotations_file], env=env)
        export_through_form(driver, base, "")
        assert driver.current_url.endswith(f"/artifacts/{TASK}/v1?created=1"), driver.current_url
        diff = driver.find_element(By.ID, "diff").find_element(By.XPATH, "..").text
        assert f"{TASK}:v0" in diff and "relabeled" in diff and "c0" in diff, f"diff section: {diff}"

        driver.get(base + "/artifacts")
        versions = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table a")]
        assert f"{base}/artifacts/{TASK}/v1" in versions and f"{base}/artifacts/{TASK}/v0" in versions, versions
    except Exception as error:  # noqa: BLE001
        failures.append(f"{type(error).__name__}: {error}")
    code = finish(drivers, server, workdir, failures)
    if code == 0:
        print("ok: export form, version page with downloads, metadata, lineage and diff, artifacts in the navigation")
    return code


if __name__ == "__main__":
    sys.exit(main())
