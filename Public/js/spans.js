// Marking entity spans in a text item: select text with the mouse or the keyboard, then press a
// class's key (or click its button). Progressive enhancement: without this file the same form takes
// rows of plain controls. While marking, offsets are UTF-16 units (the DOM's); the form sends code
// points (the contract's unit, Python's text[start:end]). Loaded before queue.js, whose keys (skip,
// previous) keep working: keys handled here stop there.
(function () {
  "use strict";
  var box = document.getElementById("span-text");
  var form = document.getElementById("answer-form");
  var field = document.getElementById("spans-field");
  if (!box || !form || !field) { return; }

  // The exact text comes as JSON: markup would turn "\r\n" into "\n" and shift every offset after it.
  var text = JSON.parse(box.getAttribute("data-text") || "\"\"");
  var status = document.getElementById("span-status");
  var list = document.getElementById("span-list");
  var classes = Array.prototype.map.call(document.querySelectorAll("#span-classes .span-class"), function (item) {
    return {
      label: item.getAttribute("data-label"), key: (item.getAttribute("data-key") || "").toLowerCase(),
      colour: item.getAttribute("data-colour") || "span-c0", item: item
    };
  });
  var colourOf = {};
  classes.forEach(function (c) { colourOf[c.label] = c.colour; });

  var spans = fromCodePoints(JSON.parse(box.getAttribute("data-spans") || "[]")); // sorted, UTF-16
  var anchor = 0, focus = 0;   // the selection in the text, UTF-16 units
  var segments = [];           // the text nodes in order, each with .spanStart
  var marks = [];              // the <mark> of each span
  var selected = -1;           // the span a class key relabels and Delete removes
  var selectionHere = false;   // the page's selection is in the text (not, say, in the instructions)
  var words = null;            // [starts, ends] of the words, found on first use
  var caret = document.createElement("span");
  caret.className = "span-caret";
  caret.setAttribute("aria-hidden", "true");
  caret.hidden = true;

  // ---- Code points and UTF-16 ----

  function isHigh(code) { return code >= 0xD800 && code <= 0xDBFF; }
  function isLow(code) { return code >= 0xDC00 && code <= 0xDFFF; }

  // One pass over the text maps every offset asked for (sorted) from one unit to the other.
  function convert(offsets, fromUnits) {
    var wanted = offsets.slice().sort(function (a, b) { return a - b; });
    var map = {}, units = 0, points = 0, j = 0;
    while (j < wanted.length) {
      if ((fromUnits ? units : points) >= wanted[j] || units >= text.length) {
        map[wanted[j]] = fromUnits ? points : units;
        j++;
        continue;
      }
      units += isHigh(text.charCodeAt(units)) && isLow(text.charCodeAt(units + 1)) ? 2 : 1;
      points++;
    }
    return map;
  }

  function fromCodePoints(list) {
    var offsets = [];
    list.forEach(function (s) { offsets.push(s.start, s.end); });
    var map = convert(offsets, false);
    return list.map(function (s) { return { start: map[s.start], end: map[s.end], label: s.label }; })
      .sort(function (a, b) { return a.start - b.start; });
  }

  function toCodePoints() {
    var offsets = [];
    spans.forEach(function (s) { offsets.push(s.start, s.end); });
    var map = convert(offsets, true);
    return spans.map(function (s) { return { start: map[s.start], end: map[s.end], label: s.label }; });
  }

  // ---- Drawing: one pass per change of the marks, never per key that only moves the caret ----

  function render() {
    var fragment = document.createDocumentFragment();
    var at = 0;
    segments = [];
    marks = [];
    spans.forEach(function (span) {
      if (span.start > at) { addText(fragment, at, span.start); }
      var mark = document.createElement("mark");
      mark.className = "span-mark " + (colourOf[span.label] || "span-c0");
      addText(mark, span.start, span.end);
      var tag = document.createElement("span");
      tag.className = "span-tag";
      tag.textContent = span.label;
      mark.appendChild(tag);
      fragment.appendChild(mark);
      marks.push(mark);
      at = span.end;
    });
    if (at < text.length) { addText(fragment, at, text.length); }
    box.textContent = "";
    box.appendChild(fragment);
    box.appendChild(caret);
    selected = -1;
    renderList();
  }

  function addText(parent, start, end) {
    var node = document.createTextNode(text.slice(start, end));
    node.spanStart = start;
    parent.appendChild(node);
    segments.push(node);
  }

  function quote(span) {
    var slice = text.slice(span.start, span.end);
    return "“" + (slice.length > 80 ? slice.slice(0, 80) + "…" : slice) + "”";
  }

  function renderList() {
    if (!list) { return; }
    var fragment = document.createDocumentFragment();
    spans.forEach(function (span, index) {
      var item = document.createElement("li");
      var pick = document.createElement("button");
      pick.type = "button";
      pick.className = "span-pick";
      pick.setAttribute("data-index", String(index));
      var chip = document.createElement("span");
      chip.className = "span-chip " + (colourOf[span.label] || "span-c0");
      chip.textContent = span.label;
      pick.appendChild(chip);
      pick.appendChild(document.createTextNode(" " + quote(span)));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "span-remove small";
      remove.setAttribute("data-index", String(index));
      remove.setAttribute("aria-label", "Remove " + span.label + " " + quote(span));
      remove.textContent = "×";
      item.appendChild(pick);
      item.appendChild(remove);
      fragment.appendChild(item);
    });
    if (!spans.length) {
      var none = document.createElement("li");
      none.className = "muted span-none";
      none.textContent = "Nothing marked: Submit saves “no entities”.";
      fragment.appendChild(none);
    }
    list.textContent = "";
    list.appendChild(fragment);
  }

  // ---- DOM positions and offsets ----

  // A boundary point in the text box as an offset: direct in a text node of the text, else the start
  // of the first text node at or after it (a point in a class tag counts as the end of its mark).
  function pointToOffset(node, offset) {
    if (node.nodeType === 3 && node.spanStart !== undefined) { return node.spanStart + offset; }
    if (!box.contains(node)) {
      return box.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING ? 0 : text.length;
    }
    var probe = document.createRange();
    probe.setStart(node, offset);
    var lo = 0, hi = segments.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (probe.comparePoint(segments[mid], 0) < 0) { lo = mid + 1; } else { hi = mid; }
    }
    return lo < segments.length ? segments[lo].spanStart : text.length;
  }

  // The DOM point of an offset; an end prefers the node before a boundary, so a selection that ends
  // where a mark ends does not reach over its class tag.
  function offsetToPoint(offset, isEnd) {
    var lo = 0, hi = segments.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var start = segments[mid].spanStart;
      if (start < offset || (!isEnd && start === offset)) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (found < 0) { return segments.length ? { node: segments[0], offset: 0 } : { node: box, offset: 0 }; }
    var node = segments[found];
    return { node: node, offset: Math.min(offset - node.spanStart, node.length) };
  }

  function setSelection(newAnchor, newFocus) {
    anchor = newAnchor;
    focus = newFocus;
    var a = offsetToPoint(anchor, anchor > focus);
    var f = offsetToPoint(focus, focus > anchor);
    var selection = window.getSelection();
    if (selection) { selection.setBaseAndExtent(a.node, a.offset, f.node, f.offset); }
    selectionHere = true;
    afterSelection();
  }

  // Reads a selection made with the mouse (or touch) into anchor/focus.
  function readSelection() {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount) { return false; }
    if (!box.contains(selection.anchorNode) && !box.contains(selection.focusNode)) { return false; }
    anchor = pointToOffset(selection.anchorNode, selection.anchorOffset);
    focus = pointToOffset(selection.focusNode, selection.focusOffset);
    return true;
  }

  // The span a collapsed caret is in, or the one the selection covers exactly.
  function spanAt(start, end) {
    var lo = 0, hi = spans.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (spans[mid].start <= start) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (found < 0) { return -1; }
    var span = spans[found];
    if (start === end) { return start < span.end ? found : -1; }
    return span.start === start && span.end === end ? found : -1;
  }

  // The first span sharing a character with [start, end), or -1 (spans are sorted and disjoint).
  function overlapping(start, end) {
    var lo = 0, hi = spans.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (spans[mid].end <= start) { lo = mid + 1; } else { hi = mid; }
    }
    return lo < spans.length && spans[lo].start < end ? lo : -1;
  }

  function afterSelection() {
    var now = spanAt(Math.min(anchor, focus), Math.max(anchor, focus));
    if (now !== selected) {
      if (selected >= 0 && marks[selected]) { marks[selected].classList.remove("selected"); }
      if (now >= 0) {
        marks[now].classList.add("selected");
        say(spans[now].label + " " + quote(spans[now]) + " selected: a class key changes its class, Delete removes it.");
      }
      selected = now;
    }
    placeCaret();
  }

  function placeCaret() {
    if (document.activeElement !== box || !segments.length) { caret.hidden = true; return; }
    var point = offsetToPoint(focus, focus > anchor);
    var range = document.createRange();
    range.setStart(point.node, point.offset);
    range.collapse(true);
    var rect = range.getBoundingClientRect();
    var frame = box.getBoundingClientRect();
    caret.style.left = (rect.left - frame.left - box.clientLeft + box.scrollLeft) + "px";
    caret.style.top = (rect.top - frame.top - box.clientTop + box.scrollTop) + "px";
    caret.style.height = (rect.height || 20) + "px";
    caret.hidden = false;
    if (rect.top < frame.top || rect.bottom > frame.bottom) { caret.scrollIntoView({ block: "nearest" }); }
  }

  function say(message, refused) {
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("span-refused", !!refused);
  }

  // ---- Moving the caret ----

  function charStep(from, forward) {
    if (forward) {
      if (from >= text.length) { return text.length; }
      return from + (isHigh(text.charCodeAt(from)) && isLow(text.charCodeAt(from + 1)) ? 2 : 1);
    }
    if (from <= 0) { return 0; }
    return from - (isLow(text.charCodeAt(from - 1)) && isHigh(text.charCodeAt(from - 2)) ? 2 : 1);
  }

  // Words are the segments that are not white space: with Intl.Segmenter that is the language's
  // own word breaking (CJK included); punctuation and emoji count as words of their own.
  function findWords() {
    var starts = [], ends = [];
    if (window.Intl && Intl.Segmenter) {
      var iterator = new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)[Symbol.iterator]();
      for (var step = iterator.next(); !step.done; step = iterator.next()) {
        if (!/^\s+$/.test(step.value.segment)) {
          starts.push(step.value.index);
          ends.push(step.value.index + step.value.segment.length);
        }
      }
    } else {
      var pattern = /\S+/g, match;
      while ((match = pattern.exec(text)) !== null) {
        starts.push(match.index);
        ends.push(match.index + match[0].length);
      }
    }
    return [starts, ends];
  }

  function wordStep(from, forward) {
    if (!words) { words = findWords(); }
    var edges = forward ? words[1] : words[0];
    var lo = 0, hi = edges.length;
    if (forward) {
      while (lo < hi) { var m = (lo + hi) >> 1; if (edges[m] <= from) { lo = m + 1; } else { hi = m; } }
      return lo < edges.length ? edges[lo] : text.length;
    }
    while (lo < hi) { var n = (lo + hi) >> 1; if (edges[n] < from) { lo = n + 1; } else { hi = n; } }
    return lo > 0 ? edges[lo - 1] : 0;
  }

  function move(event) {
    var key = event.key;
    var forward = key === "ArrowRight" || key === "End";
    var to;
    if (key === "Home" || key === "End") {
      to = forward ? text.length : 0;
    } else if (!event.shiftKey && anchor !== focus && !(event.ctrlKey || event.altKey)) {
      to = forward ? Math.max(anchor, focus) : Math.min(anchor, focus);
    } else if (event.ctrlKey || event.altKey) {
      to = wordStep(focus, forward);
    } else {
      to = charStep(focus, forward);
    }
    setSelection(event.shiftKey ? anchor : to, to);
  }

  function stepMark(forward) {
    if (!spans.length) { say("Nothing is marked yet."); return; }
    var start = Math.min(anchor, focus), index;
    if (forward) {
      index = selected >= 0 ? selected + 1 : spans.findIndex(function (s) { return s.start >= start; });
      if (index < 0 || index >= spans.length) { index = spans.length - 1; }
    } else {
      index = selected >= 0 ? selected - 1 : -1;
      if (selected < 0) { spans.forEach(function (s, i) { if (s.end <= start) { index = i; } }); }
      if (index < 0) { index = 0; }
    }
    setSelection(spans[index].start, spans[index].end);
  }

  // ---- Marking ----

  function mark(label) {
    var start = Math.min(anchor, focus), end = Math.max(anchor, focus);
    if (selected >= 0 && (start === end || (spans[selected].start === start && spans[selected].end === end))) {
      var span = spans[selected];
      if (span.label === label) { say(span.label + " " + quote(span) + " already has that class."); return; }
      var was = span.label;
      span.label = label;
      render();
      setSelection(span.start, span.end);
      say("Changed " + quote(span) + " from " + was + " to " + label + ".");
      return;
    }
    if (start === end) {
      say("Select some text first: drag across it, or Shift with the arrow keys.", true);
      return;
    }
    var clash = overlapping(start, end);
    if (clash >= 0) {
      say("Not marked: " + quote({ start: start, end: end }) + " overlaps " + spans[clash].label + " " + quote(spans[clash]) +
        ". Marks may not overlap; remove or change that mark first.", true);
      return;
    }
    var at = 0;
    while (at < spans.length && spans[at].start < start) { at++; }
    spans.splice(at, 0, { start: start, end: end, label: label });
    render();
    setSelection(end, end);
    say("Marked " + label + ": " + quote(spans[at]) + ". " + spans.length + " marked.");
  }

  function removeSpan(index) {
    var span = spans[index];
    spans.splice(index, 1);
    render();
    setSelection(span.start, span.start);
    say("Removed " + span.label + " " + quote(span) + ". " + spans.length + " marked.");
  }

  function classForKey(key) {
    var lower = key.toLowerCase();
    for (var i = 0; i < classes.length; i++) {
      if (classes[i].key && classes[i].key === lower) { return classes[i]; }
    }
    return null;
  }

  function submitMarks() {
    field.value = JSON.stringify(toCodePoints());
    var submit = document.getElementById("submit-answer");
    if (typeof form.requestSubmit === "function") { form.requestSubmit(submit || undefined); } else { form.submit(); }
  }

  function isTyping(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) { return true; }
    return tag === "INPUT" && !/^(radio|checkbox|submit|button)$/i.test(target.type || "");
  }

  // ---- Wiring ----

  // The plain rows and "No entities" are for pages without JavaScript; here Submit sends the marks.
  var rows = document.getElementById("span-rows");
  if (rows) { rows.hidden = true; rows.disabled = true; }
  var noEntities = document.getElementById("no-entities");
  if (noEntities) { noEntities.hidden = true; }
  ["span-keys", "span-marks"].forEach(function (id) {
    var element = document.getElementById(id);
    if (element) { element.hidden = false; }
  });

  classes.forEach(function (c) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "span-class-button";
    var description = c.item.querySelector(".span-class-description");
    while (c.item.firstChild && c.item.firstChild !== description) { button.appendChild(c.item.firstChild); }
    c.item.insertBefore(button, c.item.firstChild);
    // Keeps the selection and the focus in the text while the button is pressed.
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    // A tap on a touch screen may clear the selection before the click: the text's last one is used.
    button.addEventListener("click", function () {
      sync();
      if (selectionHere || selected >= 0 || anchor !== focus) { mark(c.label); } else { say("Select some text in the item first.", true); }
    });
  });

  if (list) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-index]") : null;
      if (!button) { return; }
      var index = parseInt(button.getAttribute("data-index"), 10);
      if (button.classList.contains("span-remove")) {
        removeSpan(index);
        var next = list.querySelector("button.span-remove[data-index='" + Math.min(index, spans.length - 1) + "']");
        (next || box).focus();
      } else {
        box.focus();
        setSelection(spans[index].start, spans[index].end);
      }
    });
  }

  // Reads the page's selection; also done before each key and click, since "selectionchange" comes
  // as a later task and a fast key after a click would otherwise act on the selection before it.
  function sync() {
    selectionHere = readSelection();
    if (selectionHere) { afterSelection(); } else { caret.hidden = true; }
  }
  document.addEventListener("selectionchange", sync);
  // Tabbing back to the text brings back the caret where it was.
  box.addEventListener("focus", function () {
    if (readSelection()) { afterSelection(); } else { setSelection(anchor, focus); }
  });
  box.addEventListener("blur", function () { caret.hidden = true; });
  box.addEventListener("scroll", placeCaret, { passive: true });

  // A mouse selection loses the white space at its edges, so dragging across whole words is easy.
  function trimSelection() {
    if (!readSelection() || anchor === focus) { return; }
    var start = Math.min(anchor, focus), end = Math.max(anchor, focus);
    while (start < end && /\s/.test(text.charAt(start))) { start++; }
    while (end > start && /\s/.test(text.charAt(end - 1))) { end--; }
    if (start === Math.min(anchor, focus) && end === Math.max(anchor, focus)) { return; }
    if (anchor <= focus) { setSelection(start, end); } else { setSelection(end, start); }
  }
  box.addEventListener("mouseup", trimSelection);
  box.addEventListener("dblclick", trimSelection);

  document.addEventListener("keydown", function (event) {
    if (event.isComposing || event.metaKey) { return; }
    var target = event.target;
    if (isTyping(target)) { return; }
    var key = event.key;
    var inText = target === box || box.contains(target);
    sync();
    var handled = true;
    if (key === "Enter") {
      event.stopImmediatePropagation();
      // Enter on a button, link or summary does what it does natively.
      if (target !== box && /^(BUTTON|A|SUMMARY)$/.test(target.tagName)) { return; }
      submitMarks();
    } else if (inText && (key === "ArrowLeft" || key === "ArrowRight" || key === "Home" || key === "End")) {
      move(event);
    } else if (inText && (key === "ArrowUp" || key === "ArrowDown")) {
      stepMark(key === "ArrowDown");
    } else if (inText && key === "Escape") {
      setSelection(focus, focus);
      say("");
    } else if (key === "Delete" || key === "Backspace") {
      if (selected >= 0 && (inText || target === document.body)) {
        removeSpan(selected);
      } else if (inText) {
        say("No mark is selected: put the caret in a mark (or press ↑ or ↓) to remove it.", true);
      } else {
        handled = false;
      }
    } else if (!event.ctrlKey && !event.altKey && classForKey(key) && (inText || selectionHere)) {
      mark(classForKey(key).label);
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });

  form.addEventListener("submit", function () { field.value = JSON.stringify(toCodePoints()); });

  render();
})();
