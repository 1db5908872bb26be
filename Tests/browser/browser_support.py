"""What the browser tests share: the built binary, a loopback server on a temp data folder,
plain HTTP calls and a headless Chromium."""
import os
import socket
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("LABELBENCH_BIN", os.path.join(REPO, ".build/debug/labelbench")))
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
PASSWORD = "correct horse battery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, stdin=None, env=None):
    """Runs the CLI and returns its standard output; raises with both outputs on failure."""
    result = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"labelbench {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def http(url, token=None, cookie=None):
    """GET: (status, headers with lowercase names, body bytes)."""
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def work_folder(prefix="labelbench-browser-"):
    """A fresh temp folder and the empty data folder inside it: (workdir, data)."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    data = os.path.join(workdir, "data")
    os.makedirs(data)
    return workdir, data


def add_accounts(data, accounts):
    """Creates (name, role) accounts with PASSWORD and returns an API token for the first one."""
    for name, role in accounts:
        run(["users", "add", name, "--role", role, "--password-stdin", "--data", data], stdin=PASSWORD + "\n")
    return run(["tokens", "create", accounts[0][0], "--data", data]).strip().splitlines()[-1].strip()


def start_server(workdir, data):
    """Starts `labelbench serve` on a free loopback port; returns (process, base URL) once /healthz answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(workdir, "server.log"), "w")
    env = dict(os.environ, LABELBENCH_RESOURCES=REPO)
    server = subprocess.Popen([BIN, "serve", "--data", data, "--port", str(port), "--host", "127.0.0.1"],
                              cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env)
    for _ in range(300):
        try:
            if http(base + "/healthz")[0] == 200:
                return server, base
        except OSError:
            pass
        if server.poll() is not None:
            raise AssertionError("the server exited early; see " + log.name)
        time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not become ready")


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    if os.environ.get("CHROME_BIN"):
        options.binary_location = os.environ["CHROME_BIN"]
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def login(driver, base, name, password=PASSWORD):
    """Signs in through the login form and waits for the page it leads to."""
    driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    wait_until_replaced(driver, old)


def wait_until_replaced(driver, old):
    """Waits until the page the element `old` belonged to has been replaced by a navigation.

    ChromeDriver sometimes reports a node of a page being replaced as "does not belong to the
    document" instead of stale; both mean the navigation happened."""
    def replaced(_):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            return "does not belong to the document" in str(error)

    WebDriverWait(driver, 10).until(replaced)


def finish(drivers, server, workdir, failures):
    """Quits the browsers and stops the server; keeps the data folder for a failure. Returns the exit code."""
    for driver in drivers:
        try:
            driver.quit()
        except Exception:
            pass
    if server is not None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if failures:
        print("FAIL: " + "\n".join(failures), file=sys.stderr)
        print("server log and data kept in " + workdir, file=sys.stderr)
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0
