#!/usr/bin/env python3
"""Browser test of the quality page at 1280 and 390 px (Selenium, headless Chromium).

With a task of 200 items labeled by 3 annotators (quality_data.py), checks what a person sees:
the page does not scroll sideways; the metric cards sit several to a row with values larger than
their names; the agreement-over-time chart is a stroked line with no fill, with tick labels; every
confusion-matrix cell shows its number and no axis label is cut off; the contested items are only
items with disagreement, with their count, and the next page continues the list.

Environment: as test_queue.py. Exits non-zero on failure; always stops the server.
"""
import sys

from browser_support import browser, finish, login, work_folder
from quality_data import TASK, seed, serve
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By


def visible(driver, selector):
    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def check_layout(driver, width):
    where = f"at {width} px"
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{where}: the page scrolls sideways by {overflow} px"

    cards = visible(driver, ".metric-card")
    assert len(cards) == 6, f"{where}: {len(cards)} metric cards"
    tops = [card.rect["y"] for card in cards]
    assert tops[0] == tops[1], f"{where}: the first two cards are not side by side"
    name, value = cards[0].find_element(By.CSS_SELECTOR, ".metric-name"), cards[0].find_element(By.CSS_SELECTOR, ".metric-value")
    size = lambda e: float(e.value_of_css_property("font-size").rstrip("px"))
    assert size(value) >= 1.5 * size(name), f"{where}: the value is not bigger than its name"

    charts = visible(driver, "svg.trend-chart")
    assert len(charts) == 1, f"{where}: {len(charts)} trend charts shown"
    line = charts[0].find_element(By.CSS_SELECTOR, "polyline.trend-line")
    assert line.value_of_css_property("fill") == "none", f"{where}: the trend line is filled"
    assert line.value_of_css_property("stroke") not in ("none", ""), f"{where}: the trend line has no stroke"
    ticks = [t.text for t in charts[0].find_elements(By.CSS_SELECTOR, ".tick-label")]
    assert "0.0" in ticks and "1.0" in ticks, f"{where}: tick labels {ticks}"
    assert charts[0].rect["width"] <= width, f"{where}: the chart is wider than the screen"

    for figure in driver.find_elements(By.CSS_SELECTOR, "figure.heatmap"):
        svg = figure.find_element(By.TAG_NAME, "svg").rect
        values = [t.text for t in figure.find_elements(By.CSS_SELECTOR, ".cell-value")]
        assert len(values) == 16 and all(v.startswith(("0.", "1.")) for v in values), f"{where}: cell values {values}"
        for label in figure.find_elements(By.CSS_SELECTOR, ".axis-label"):
            box = label.rect
            inside = (box["x"] >= svg["x"] - 1 and box["y"] >= svg["y"] - 1
                      and box["x"] + box["width"] <= svg["x"] + svg["width"] + 1
                      and box["y"] + box["height"] <= svg["y"] + svg["height"] + 1)
            assert inside, f"{where}: axis label {label.text!r} is cut off ({box} outside {svg})"


def check_contested(driver, base, contested):
    rows = driver.find_elements(By.CSS_SELECTOR, ".contested-table tbody tr")
    shown = [row.find_element(By.CSS_SELECTOR, ".item-cell").text for row in rows]
    assert len(shown) == 25 and set(shown) <= set(contested), f"contested rows: {shown}"
    agreements = [float(row.find_elements(By.TAG_NAME, "td")[1].text) for row in rows]
    assert max(agreements) < 0.8 and agreements == sorted(agreements), f"agreement column: {agreements}"
    count = driver.find_element(By.CSS_SELECTOR, "#contested .count").text
    assert count == str(len(contested)), f"count {count}, expected {len(contested)}"
    driver.find_element(By.CSS_SELECTOR, "#contested a[rel=next]").click()
    more = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".contested-table .item-cell")]
    assert more and not set(more) & set(shown) and set(more) <= set(contested), f"second page: {more}"


def main():
    workdir, data = work_folder("labelbench-browser-")
    server = None
    drivers = []
    failures = []
    try:
        server, base, env = serve(workdir, data)
        contested = seed(workdir, env)
        assert len(contested) > 25, f"the data should give more than one page of contested items ({len(contested)})"
        driver = browser(javascript=False)
        drivers.append(driver)
        login(driver, base, "pat")
        for width in (1280, 390):
            driver.set_window_size(width, 900)
            driver.get(f"{base}/tasks/{TASK}/quality")
            check_layout(driver, width)
        check_contested(driver, base, contested)
        print("ok: the quality page reads at 1280 and 390 px; contested items are the disagreements, counted and paged")
    except (AssertionError, TimeoutException) as error:
        failures.append(str(error) or repr(error))
    return finish(drivers, server, workdir, failures)


if __name__ == "__main__":
    sys.exit(main())
