#!/usr/bin/env python3
"""Browser test of the account forms (Selenium, headless Chromium, JavaScript off except the forgery).

Starts the built server on a free loopback port with a fresh data folder. The admin resets an
annotator's password, disables the account (its open session ends at once), enables it again,
changes its role and removes its task assignment, all through the admin page's own forms. The
annotator changes their own password, which signs out their other browser. A sign-in form posted
from another site (login CSRF) is refused.

Environment: as test_queue.py. Exits non-zero on failure; always stops the server.
"""
import json
import os
import sys

from browser_support import PASSWORD, add_accounts, browser, finish, login, run, start_server, wait_until_replaced, work_folder
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By

TASK = "pets"


def submit(driver, form_selector):
    """Clicks the submit button of the form and waits for the page that follows."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]").click()
    wait_until_replaced(driver, old)


def user_form(name, change):
    return f"form[action='/admin/users/{name}']:has(input[name=change][value={change}])"


def signed_out(driver, base):
    driver.get(base + "/queue")
    return "/login" in driver.current_url


def main():
    workdir, data = work_folder("labelbench-browser-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("root", "admin"), ("ann", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "Cat or dog", "labels": [{"name": "cat"}, {"name": "dog"}], "annotators": ["ann"]}, f)
        run(["tasks", "create", task_file], env=env)

        admin = browser(javascript=False)
        drivers.append(admin)
        login(admin, base, "root")
        ann = browser(javascript=False)
        drivers.append(ann)
        login(ann, base, "ann")

        admin.get(base + "/admin/users")
        admin.find_element(By.ID, "password-ann").send_keys("x" * 80)
        submit(admin, user_form("ann", "password"))
        assert "8 to 72" in admin.page_source, "a refused reset shows why"
        admin.find_element(By.ID, "password-ann").send_keys("reset by the admin")
        submit(admin, user_form("ann", "password"))
        assert "Account ann changed." in admin.page_source
        assert signed_out(ann, base), "a password reset ends the user's sessions"
        login(ann, base, "ann", "reset by the admin")

        submit(admin, user_form("ann", "disable"))
        assert signed_out(ann, base), "disabling ends the open session at once"
        submit(admin, user_form("ann", "enable"))
        login(ann, base, "ann", "reset by the admin")
        assert TASK in ann.page_source, "the assigned task is in the queue"

        ann.get(base + "/account/password")
        other = browser(javascript=False)
        drivers.append(other)
        login(other, base, "ann", "reset by the admin")
        ann.find_element(By.ID, "current").send_keys("reset by the admin")
        ann.find_element(By.ID, "password").send_keys(PASSWORD)
        ann.find_element(By.ID, "password2").send_keys(PASSWORD)
        submit(ann, "form[action='/account/password']")
        assert "Password changed" in ann.page_source
        assert not signed_out(ann, base), "the browser that changed the password stays signed in"
        assert signed_out(other, base), "the user's other browser is signed out"

        admin.get(base + "/admin/users")
        submit(admin, f"form[action='/admin/assignments/remove']:has(input[name=task][value={TASK}])")
        assert "Removed ann from pets." in admin.page_source
        ann.get(base + "/queue")
        assert f"/queue/{TASK}" not in ann.page_source, "an unassigned task leaves the queue"
        admin.find_element(By.ID, "role-ann").send_keys("practitioner")
        submit(admin, user_form("ann", "role"))
        assert "Account ann changed." in admin.page_source

        # Login CSRF: another site's page posts the sign-in form into this service.
        forger = browser(javascript=True)
        drivers.append(forger)
        forger.get("data:text/html,<form method=post action='" + base + "/login'><input name=name value=ann>"
                   "<input name=password value='" + PASSWORD + "'><button type=submit>go</button></form>")
        submit(forger, "form")
        assert "did not come from this site" in forger.page_source, "a cross-site sign-in post is refused"
        assert signed_out(forger, base), "the forged post signed nobody in"
        print("ok: reset, disabled, enabled, changed role and assignment; own password change; login CSRF refused")
    except (AssertionError, TimeoutException) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
