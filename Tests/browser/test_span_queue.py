#!/usr/bin/env python3
"""Browser test of the span queue (Selenium, headless Chromium).

A span task with classes PER (key p), LOC (key l) and ORG (no key: its position, 3), and a text of
emoji, accents written as e + U+0301, CJK, Hebrew and Arabic:
  (a) JavaScript on: spans are marked with the keyboard (Ctrl+arrows by word, Shift+arrows by code
      point), with a real mouse drag (the spaces around it trimmed) and with a Range selection
      followed by a real key press; an overlapping mark is refused with a visible message; one mark
      is relabelled and two are removed (Delete, the × button); Enter submits. Then a 10,000-character
      text: the time to mark a span there is measured and printed, and its 40 marks are submitted;
      the previous page shows the first item's marks, and one is relabelled and saved;
  (b) JavaScript off: the same text answered through the rows ("Add another row", a refused row shown
      again with its message, Submit), and "No entities" on the next item;
and checks through `GET /api/v1/tasks/TASK/annotations` that every stored span slices exactly the
intended characters in Python (`text[start:end]`, code points).

Run after `swift build`: `.venv-test/bin/python Tests/browser/test_span_queue.py` (or under pytest).
"""
import json
import os
import statistics
import sys
import time

from browser_support import add_accounts, browser, finish, http, login, run, start_server, wait_until_replaced, work_folder
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

TASK = "people"
TEXT = "Dr 👩‍⚕️ Zoë Müller met Jose\u0301 in 東京 and שלום met مرحبا at Acme."
# About 10,000 characters of the same kinds of text, for the timing.
LONG = " ".join(f"Line {i}: Ada Lovelace met Jose\u0301 in 東京, שלום 👩‍⚕️ مرحبا." for i in range(200))[:10000]

# Finds the DOM point of a UTF-16 offset in the item text (class tags are not text) and selects a range.
SELECT = """
const box = document.getElementById('span-text');
function point(offset) {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT,
    {acceptNode: n => n.parentNode.closest('.span-tag') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  let at = 0, node;
  while ((node = walker.nextNode())) {
    if (offset <= at + node.length) { return [node, offset - at]; }
    at += node.length;
  }
  return [box, box.childNodes.length];
}
const [a, b] = [point(arguments[0]), point(arguments[1])];
box.focus();
const range = document.createRange();
range.setStart(a[0], a[1]);
range.setEnd(b[0], b[1]);
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
"""

# Marks one span in the page with a key event and returns [handler ms, handler + layout ms].
MEASURE = """
const box = document.getElementById('span-text');
const t0 = performance.now();
box.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], bubbles: true, cancelable: true}));
const t1 = performance.now();
box.getBoundingClientRect();
document.body.offsetHeight;
window.getComputedStyle(box).height;
const t2 = performance.now();
return [t1 - t0, t2 - t0];
"""


def units(text, index):
    """The UTF-16 offset of code point `index`, as the page's DOM counts."""
    return len(text[:index].encode("utf-16-le")) // 2


def select(driver, text, start, end):
    """A Range selection of text[start:end] (code points), as a mouse or touch selection leaves it."""
    driver.execute_script(SELECT, units(text, start), units(text, end))


def keys(driver, *sequence):
    ActionChains(driver).send_keys(*sequence).perform()


def chord(driver, modifiers, key, times=1):
    """Presses `key` `times` times with `modifiers` held (real key events)."""
    chain = ActionChains(driver)
    for modifier in modifiers:
        chain.key_down(modifier)
    for _ in range(times):
        chain.send_keys(key)
    for modifier in reversed(modifiers):
        chain.key_up(modifier)
    chain.perform()


def status(driver):
    return driver.find_element(By.ID, "span-status").text


def marks(driver):
    """The marks on the page: (class, marked text)."""
    return driver.execute_script("""
      return Array.from(document.querySelectorAll('#span-text mark')).map(m =>
        [m.querySelector('.span-tag').textContent, m.firstChild.textContent]);""")


def stored(base, token, annotator):
    status_code, _, body = http(f"{base}/api/v1/tasks/{TASK}/annotations", token=token)
    assert status_code == 200, f"annotations: {status_code} {body[:300]}"
    rows = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
    return {row["item"]: row["label"] for row in rows if row["annotator"] == annotator}


def sliced(text, spans):
    """What each stored span marks, sliced as Python slices a str: (class, characters)."""
    return [(span["label"], text[span["start"]:span["end"]]) for span in spans]


def wait_for_item(driver, item):
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#answer-form input[name=item]").get_attribute("value") == item)


def submit(driver, button_id="submit-answer"):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, button_id).click()
    wait_until_replaced(driver, old)


def drag_across(driver, text, start, end):
    """A real mouse drag from the left edge of code point `start` to the right edge of `end - 1`."""
    rects = driver.execute_script(SELECT + """
      const first = range.cloneRange(); first.setEnd(a[0], a[1] + 1);
      const last = range.cloneRange(); last.setStart(b[0], b[1] - 1);
      const box2 = box.getBoundingClientRect();
      const r1 = first.getBoundingClientRect(), r2 = last.getBoundingClientRect();
      window.getSelection().removeAllRanges();
      return [r1.left - box2.left, (r1.top + r1.bottom) / 2 - box2.top, r2.right - box2.left, (r2.top + r2.bottom) / 2 - box2.top,
              box2.width, box2.height];""", units(text, start), units(text, end))
    x1, y1, x2, y2, width, height = rects
    box = driver.find_element(By.ID, "span-text")
    # Selenium 4 offsets are from the element's centre.
    ActionChains(driver).move_to_element_with_offset(box, int(x1 - width / 2) + 1, int(y1 - height / 2)) \
        .click_and_hold().move_to_element_with_offset(box, int(x2 - width / 2) - 1, int(y2 - height / 2)) \
        .release().perform()


def javascript_on(driver, base, token, failures):
    login(driver, base, "ann1")
    driver.get(f"{base}/queue/{TASK}")
    wait_for_item(driver, "s1")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "span-marks").is_displayed())
    assert not driver.find_element(By.ID, "span-rows").is_displayed(), "the rows are for pages without JavaScript"
    assert driver.find_element(By.ID, "span-keys").is_displayed(), "the keys are documented on the page"
    box = driver.find_element(By.ID, "span-text")
    assert box.text.startswith("Dr 👩‍⚕️ Zoë"), box.text

    # Keyboard: Home, Ctrl+Right to the end of "Dr", Right over the space, Shift+Ctrl+Right over the emoji.
    driver.execute_script("arguments[0].focus()", box)
    keys(driver, Keys.HOME)
    chord(driver, [Keys.CONTROL], Keys.ARROW_RIGHT)
    keys(driver, Keys.ARROW_RIGHT)
    chord(driver, [Keys.SHIFT, Keys.CONTROL], Keys.ARROW_RIGHT)
    keys(driver, "p")
    assert marks(driver) == [["PER", "👩‍⚕️"]], f"keyboard mark of the emoji: {marks(driver)} ({status(driver)})"
    # Right over the space, Shift+Ctrl+Right twice: "Zoë Müller".
    keys(driver, Keys.ARROW_RIGHT)
    chord(driver, [Keys.SHIFT, Keys.CONTROL], Keys.ARROW_RIGHT, 2)
    keys(driver, "p")
    # Ctrl+Right to the end of "met", Right, then Shift+Right five code points: J o s e U+0301, as LOC for now.
    chord(driver, [Keys.CONTROL], Keys.ARROW_RIGHT)
    keys(driver, Keys.ARROW_RIGHT)
    chord(driver, [Keys.SHIFT], Keys.ARROW_RIGHT, 5)
    keys(driver, "l")
    assert marks(driver)[1:] == [["PER", "Zoë Müller"], ["LOC", "Jose\u0301"]], marks(driver)

    # A real mouse drag from the space before "東京" to its end: the space is trimmed. ORG by its position key 3.
    start = TEXT.index("東京")
    drag_across(driver, TEXT, start - 1, start + 2)
    keys(driver, "3")
    # A Range selection (as a touch selection leaves it) and real key presses: the Hebrew and the Arabic.
    select(driver, TEXT, TEXT.index("שלום"), TEXT.index("שלום") + 4)
    keys(driver, "p")
    select(driver, TEXT, TEXT.index("مرحبا"), TEXT.index("مرحبا") + 5)
    keys(driver, "l")
    select(driver, TEXT, TEXT.index("Acme"), TEXT.index("Acme") + 4)
    driver.find_element(By.CSS_SELECTOR, ".span-class-button").click()  # PER by its button
    assert [m[1] for m in marks(driver)] == ["👩‍⚕️", "Zoë Müller", "Jose\u0301", "東京", "שלום", "مرحبا", "Acme"], marks(driver)
    assert marks(driver)[3] == ["ORG", "東京"], f"the drag is trimmed to the word: {marks(driver)}"

    # An overlapping selection is refused, visibly, and changes nothing.
    select(driver, TEXT, TEXT.index("Müller"), TEXT.index("Müller") + 10)
    keys(driver, "l")
    message = driver.find_element(By.ID, "span-status")
    assert "overlaps" in message.text and message.is_displayed(), f"no visible refusal: {message.text!r}"
    assert len(marks(driver)) == 7, marks(driver)

    # Relabel: click in "Jose\u0301" (the caret in a mark selects it), press p.
    jose = driver.find_elements(By.CSS_SELECTOR, "#span-text mark")[2]
    ActionChains(driver).move_to_element_with_offset(jose, -jose.size["width"] // 2 + 4, 0).click().perform()
    keys(driver, "p")
    assert marks(driver)[2] == ["PER", "Jose\u0301"], f"relabel: {marks(driver)} ({status(driver)})"
    # Remove: ↑ from the text's start... Home, ↓ selects the first mark (the emoji), Delete removes it.
    keys(driver, Keys.HOME, Keys.ARROW_DOWN, Keys.DELETE)
    # Remove "Acme" with its × button.
    driver.find_elements(By.CSS_SELECTOR, "#span-list .span-remove")[-1].click()
    expected = [("PER", "Zoë Müller"), ("PER", "Jose\u0301"), ("ORG", "東京"), ("PER", "שלום"), ("LOC", "مرحبا")]
    assert [tuple(m) for m in marks(driver)] == expected, marks(driver)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("arguments[0].focus()", box)
    keys(driver, Keys.ENTER)
    wait_until_replaced(driver, old)
    got = sliced(TEXT, stored(base, token, "ann1")["s1"])
    assert got == expected, f"stored spans slice other characters:\n got {got}\n want {expected}"

    # The 10,000-character text: the time to mark a span, with more and more marks already there.
    wait_for_item(driver, "long")
    box = driver.find_element(By.ID, "span-text")
    handler, layout, words = [], [], []
    at = 0
    for i in range(40):
        at = LONG.index("Lovelace", at) + 1
        start = at - 1
        select(driver, LONG, start, start + 8)
        spent = driver.execute_script(MEASURE, "l" if i % 2 else "p")
        handler.append(spent[0])
        layout.append(spent[1])
        words.append(("LOC" if i % 2 else "PER", "Lovelace"))
    # A caret move by word (no redraw) for comparison.
    caret = driver.execute_script("""
      const box = document.getElementById('span-text'); box.focus();
      const t0 = performance.now();
      for (let i = 0; i < 100; i++) {
        box.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true}));
      }
      return (performance.now() - t0) / 100;""")
    assert len(marks(driver)) == 40, f"40 marks expected, {len(marks(driver))}: {status(driver)}"
    print(f"10k text ({len(LONG)} code points, {units(LONG, len(LONG))} UTF-16 units), marking a span with 0-39 marks "
          f"already there: handler median {statistics.median(handler):.2f} ms, max {max(handler):.2f} ms; "
          f"with layout median {statistics.median(layout):.2f} ms, max {max(layout):.2f} ms; "
          f"a Shift+Ctrl+Right caret move {caret:.3f} ms")
    keys(driver, Keys.ESCAPE)
    old = driver.find_element(By.TAG_NAME, "html")
    keys(driver, Keys.ENTER)
    wait_until_replaced(driver, old)
    got = sliced(LONG, stored(base, token, "ann1")["long"])
    assert got == words, f"long text: {got[:3]}… ({len(got)})"
    if max(layout) > 100:
        failures.append(f"marking a span in the 10k text took up to {max(layout):.1f} ms")

    # The previous page shows the stored marks of s1; ↓ selects the first, l relabels it, Enter saves.
    driver.get(f"{base}/queue/{TASK}/previous?item=s1")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "span-marks").is_displayed())
    assert [tuple(m) for m in marks(driver)] == expected, f"previous page: {marks(driver)}"
    driver.execute_script("arguments[0].focus()", driver.find_element(By.ID, "span-text"))
    keys(driver, Keys.HOME, Keys.ARROW_DOWN, "l")
    old = driver.find_element(By.TAG_NAME, "html")
    keys(driver, Keys.ENTER)
    wait_until_replaced(driver, old)
    got = sliced(TEXT, stored(base, token, "ann1")["s1"])
    assert got == [("LOC", "Zoë Müller")] + expected[1:], f"revised spans: {got}"


def javascript_off(driver, base, token):
    login(driver, base, "ann2")
    driver.get(f"{base}/queue/{TASK}")
    wait_for_item(driver, "s1")
    assert driver.find_element(By.ID, "span-rows").is_displayed(), "the rows show without JavaScript"
    assert not driver.find_elements(By.CSS_SELECTOR, ".span-class-button"), "no class buttons without JavaScript"

    def fill(number, text, label, occurrence=""):
        field = driver.find_element(By.ID, f"row-text-{number}")
        field.clear()
        # ChromeDriver types only the Basic Multilingual Plane; the emoji is set as a value instead.
        if any(ord(c) > 0xFFFF for c in text):
            driver.execute_script("arguments[0].value = arguments[1]", field, text)
        else:
            field.send_keys(text)
        driver.find_element(By.CSS_SELECTOR, f"#row-label-{number} option[value='{label}']").click()
        occurrence_field = driver.find_element(By.ID, f"row-occurrence-{number}")
        occurrence_field.clear()
        if occurrence:
            occurrence_field.send_keys(occurrence)

    rows = [("👩‍⚕️", "PER", ""), ("Jose\u0301", "LOC", "1"), ("東京", "ORG", ""), ("שלום", "PER", ""), ("Pariss", "LOC", "")]
    for number, row in enumerate(rows, start=1):
        fill(number, *row)
        submit(driver, "add-row")
    assert "Row 5: “Pariss” is not in the text." in driver.page_source, "the refused row is named beside it"
    assert driver.find_element(By.ID, "row-text-1").get_attribute("value") == "👩‍⚕️", "typed rows are kept"
    fill(5, "مرحبا", "LOC")
    submit(driver)
    wait_for_item(driver, "long")
    expected = [("PER", "👩‍⚕️"), ("LOC", "Jose\u0301"), ("ORG", "東京"), ("PER", "שלום"), ("LOC", "مرحبا")]
    got = sliced(TEXT, stored(base, token, "ann2")["s1"])
    assert got == expected, f"rows stored other characters:\n got {got}\n want {expected}"
    submit(driver, "no-entities")
    assert stored(base, token, "ann2")["long"] == [], "No entities is stored as []"


def main():
    workdir, data = work_folder("labelbench-spans-")
    server = None
    drivers = []
    failures = []
    try:
        token = add_accounts(data, [("prac", "practitioner"), ("ann1", "annotator"), ("ann2", "annotator")])
        server, base = start_server(workdir, data)
        env = dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)
        task_file = os.path.join(workdir, "task.json")
        with open(task_file, "w") as f:
            json.dump({"name": TASK, "title": "People, places, organisations", "answer": "spans", "overlap": 2,
                       "annotators": ["ann1", "ann2"],
                       "labels": [{"name": "PER", "key": "p", "description": "A person"}, {"name": "LOC", "key": "l"},
                                  {"name": "ORG"}]}, f)
        run(["tasks", "create", task_file], env=env)
        items = os.path.join(workdir, "items.jsonl")
        with open(items, "w") as f:
            f.write(json.dumps({"id": "s1", "text": TEXT}) + "\n")
            f.write(json.dumps({"id": "long", "text": LONG}) + "\n")
        run(["import", TASK, items], env=env)

        driver = browser()
        drivers.append(driver)
        javascript_on(driver, base, token, failures)
        driver = browser(javascript=False)
        drivers.append(driver)
        javascript_off(driver, base, token)
        print("ok: spans marked by keyboard, mouse and selection with JavaScript, and by rows without, "
              "stored as code points that slice the intended characters")
    except Exception as error:  # noqa: BLE001 - any failure is reported with the data kept
        failures.append(f"{type(error).__name__}: {error}")
    return finish(drivers, server, workdir, failures)


def test_span_queue():
    assert main() == 0


if __name__ == "__main__":
    sys.exit(main())
