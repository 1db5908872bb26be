// Drawing boxes on an image item (box tasks): draw, select, move, resize, relabel and delete boxes by
// mouse and keyboard, undo, zoom and pan. Progressive enhancement: without this file the same form
// takes rows of x, y, w, h and class. Boxes are kept in pixels of the stored image whatever the zoom,
// and sent as one JSON list in the hidden `boxes` field.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  var stage = document.getElementById("box-stage");
  if (!form || !stage) { return; }
  var canvas = stage.querySelector(".box-canvas");
  var image = stage.querySelector("img");
  var svg = stage.querySelector("svg");
  var field = document.getElementById("boxes-json");
  var rows = document.getElementById("box-rows");
  var toolbar = document.getElementById("box-toolbar");
  var list = document.getElementById("box-list");
  var help = document.getElementById("box-help");
  var status = document.getElementById("box-status");
  var addRow = document.getElementById("add-box-row");
  var nothing = document.getElementById("nothing-to-box");
  var width = parseFloat(image.getAttribute("width"));
  var height = parseFloat(image.getAttribute("height"));
  var SVG = "http://www.w3.org/2000/svg";
  var classButtons = Array.prototype.slice.call(toolbar.querySelectorAll("[data-label]"));
  var classes = classButtons.map(function (button) {
    return { name: button.getAttribute("data-label"), key: (button.getAttribute("data-key") || "").toLowerCase(), tone: tone(button) };
  });
  var boxes = readRows();
  var selected = -1;
  var current = 0;
  var history = [];
  var scale = 1;
  var fitted = true;
  var drag = null;
  var spaceDown = false;
  var submitting = false;

  function tone(button) {
    var match = /tone-(\d+)/.exec(button.className);
    return match ? match[1] : "0";
  }

  // The rows the server rendered (typed, refused, or the answer being changed) are where we start.
  function readRows() {
    var read = [];
    Array.prototype.forEach.call(form.querySelectorAll("tr.box-row"), function (row) {
      var value = function (name) { return row.querySelector("[name='" + name + "[]']").value; };
      var box = { x: parseFloat(value("box_x")), y: parseFloat(value("box_y")), w: parseFloat(value("box_w")),
        h: parseFloat(value("box_h")), label: row.querySelector("select").value };
      if (isFinite(box.x) && isFinite(box.y) && box.w > 0 && box.h > 0 && box.label) { read.push(box); }
    });
    return read;
  }

  function round(value) { return Math.round(value * 10) / 10; }
  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }
  function classIndex(name) {
    for (var i = 0; i < classes.length; i++) { if (classes[i].name === name) { return i; } }
    return 0;
  }
  function describe(box, index) {
    return (index + 1) + " " + box.label + ": x " + round(box.x) + ", y " + round(box.y) + ", w " + round(box.w) + ", h " + round(box.h);
  }
  function say(text) { status.textContent = text; }

  // ---- Changes, each one undoable ----
  function remember() {
    history.push(JSON.stringify({ boxes: boxes, selected: selected }));
    if (history.length > 200) { history.shift(); }
  }
  function undo() {
    var last = history.pop();
    if (!last) { say("Nothing to undo."); return; }
    var state = JSON.parse(last);
    boxes = state.boxes;
    selected = state.selected < boxes.length ? state.selected : -1;
    render();
    say("Undone. " + boxes.length + " box" + (boxes.length === 1 ? "" : "es") + ".");
  }
  // Keeps a box inside the image and at least a tenth of a pixel wide and high.
  function fit(box) {
    box.w = clamp(box.w, 0.1, width);
    box.h = clamp(box.h, 0.1, height);
    box.x = clamp(box.x, 0, width - box.w);
    box.y = clamp(box.y, 0, height - box.h);
    box.x = round(box.x); box.y = round(box.y); box.w = round(box.w); box.h = round(box.h);
    return box;
  }
  function select(index) {
    selected = index;
    render();
    if (index >= 0) { say("Selected box " + describe(boxes[index], index) + "."); }
  }
  function chooseClass(index) {
    current = index;
    if (selected >= 0 && boxes[selected].label !== classes[index].name) {
      remember();
      boxes[selected].label = classes[index].name;
      say("Box " + (selected + 1) + " is now " + classes[index].name + ".");
    } else {
      say("New boxes: " + classes[index].name + ".");
    }
    render();
  }
  function addBox() {
    // A box a fifth of the visible part of the image, in its middle, to move and resize with the keys.
    var view = visibleRegion();
    var w = Math.max(1, view.w / 5), h = Math.max(1, view.h / 5);
    remember();
    boxes.push(fit({ x: view.x + (view.w - w) / 2, y: view.y + (view.h - h) / 2, w: w, h: h, label: classes[current].name }));
    select(boxes.length - 1);
  }
  function deleteSelected() {
    if (selected < 0) { say(boxes.length ? "Select a box to delete it." : "There are no boxes."); return; }
    remember();
    var gone = boxes.splice(selected, 1)[0];
    selected = -1;
    render();
    say("Deleted box " + gone.label + ". " + boxes.length + " left.");
  }
  function nudge(dx, dy, resize) {
    if (selected < 0) { return false; }
    remember();
    var box = boxes[selected];
    if (resize) { box.w += dx; box.h += dy; } else { box.x += dx; box.y += dy; }
    fit(box);
    render();
    say(describe(box, selected));
    return true;
  }

  // ---- Showing: the image at `scale` display pixels per image pixel; the SVG's units are image pixels ----
  function visibleRegion() {
    var x = stage.scrollLeft / scale, y = stage.scrollTop / scale;
    var w = Math.min(width - x, stage.clientWidth / scale), h = Math.min(height - y, stage.clientHeight / scale);
    return { x: x, y: y, w: Math.max(1, w), h: Math.max(1, h) };
  }
  function fitScale() {
    var maxHeight = parseFloat(window.getComputedStyle(stage).maxHeight) || window.innerHeight * 0.7;
    return Math.min(stage.clientWidth / width, maxHeight / height, 4);
  }
  function zoom(factor, centre) {
    var old = scale;
    var next = clamp(scale * factor, fitScale(), 16);
    var focus = centre || { x: stage.clientWidth / 2, y: stage.clientHeight / 2 };
    var imageX = (stage.scrollLeft + focus.x) / old, imageY = (stage.scrollTop + focus.y) / old;
    scale = next;
    fitted = false;
    apply();
    stage.scrollLeft = imageX * scale - focus.x;
    stage.scrollTop = imageY * scale - focus.y;
  }
  function fitImage() {
    fitted = true;
    // Twice: scroll bars of the size before take room that the fitted size may give back.
    for (var pass = 0; pass < 2; pass++) {
      scale = fitScale();
      apply();
    }
  }
  function apply() {
    canvas.style.width = width * scale + "px";
    canvas.style.height = height * scale + "px";
    // Names and handles keep one size on screen: their sizes are in image pixels.
    svg.setAttribute("font-size", String(13 / scale));
    render();
  }

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    parent.appendChild(node);
    return node;
  }
  var HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];
  function render() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var unit = 1 / scale;
    boxes.forEach(function (box, index) {
      var group = element("g", { "class": "box-shape tone-" + classes[classIndex(box.label)].tone + (index === selected ? " selected" : ""),
        "data-index": index }, svg);
      // A wide invisible edge to pick a box by; only the selected box is picked up by its inside, so a
      // box can still be drawn inside another.
      element("rect", { "class": "box-hit", x: box.x, y: box.y, width: box.w, height: box.h, "data-index": index }, group);
      element("rect", { "class": "box-rect", x: box.x, y: box.y, width: box.w, height: box.h, "data-index": index }, group);
      var above = box.y >= 18 * unit;
      var name = element("text", { "class": "box-name", x: box.x + 2 * unit, y: above ? box.y - 4 * unit : box.y + 14 * unit,
        "data-index": index }, group);
      name.textContent = (index + 1) + " " + box.label;
      if (index !== selected) { return; }
      var size = 10 * unit;
      HANDLES.forEach(function (handle) {
        var hx = handle.indexOf("w") >= 0 ? box.x : handle.indexOf("e") >= 0 ? box.x + box.w : box.x + box.w / 2;
        var hy = handle.indexOf("n") >= 0 ? box.y : handle.indexOf("s") >= 0 ? box.y + box.h : box.y + box.h / 2;
        element("rect", { "class": "box-handle handle-" + handle, x: hx - size / 2, y: hy - size / 2, width: size, height: size,
          "data-handle": handle }, group);
      });
    });
    classButtons.forEach(function (button, index) { button.setAttribute("aria-pressed", index === current ? "true" : "false"); });
    renderList();
    nothing.setAttribute("aria-disabled", boxes.length ? "true" : "false");
  }
  function renderList() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    boxes.forEach(function (box, index) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link box-list-entry" + (index === selected ? " selected" : "");
      button.setAttribute("aria-pressed", index === selected ? "true" : "false");
      button.textContent = describe(box, index);
      button.addEventListener("click", function () { select(index); stage.focus(); });
      item.appendChild(button);
      list.appendChild(item);
    });
    list.hidden = boxes.length === 0;
  }

  // ---- Mouse (and pen, and touch): draw, move, resize, pan ----
  function toImage(event) {
    var rect = canvas.getBoundingClientRect();
    return { x: clamp((event.clientX - rect.left) / rect.width * width, 0, width),
      y: clamp((event.clientY - rect.top) / rect.height * height, 0, height) };
  }
  canvas.addEventListener("pointerdown", function (event) {
    if (event.button === 1 || spaceDown) {
      drag = { mode: "pan", x: event.clientX, y: event.clientY, left: stage.scrollLeft, top: stage.scrollTop };
    } else if (event.button !== 0) {
      return;
    } else {
      var point = toImage(event);
      var handle = event.target.getAttribute("data-handle");
      var index = event.target.getAttribute("data-index");
      if (handle && selected >= 0) {
        drag = { mode: "resize", handle: handle, start: point, box: JSON.parse(JSON.stringify(boxes[selected])) };
      } else if (index !== null) {
        select(parseInt(index, 10));
        drag = { mode: "move", start: point, box: JSON.parse(JSON.stringify(boxes[selected])) };
      } else {
        drag = { mode: "draw", start: point, index: -1 };
      }
      drag.before = JSON.stringify({ boxes: boxes, selected: selected });
    }
    event.preventDefault();
    stage.focus({ preventScroll: true });
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    if (drag.mode === "pan") {
      stage.scrollLeft = drag.left - (event.clientX - drag.x);
      stage.scrollTop = drag.top - (event.clientY - drag.y);
      return;
    }
    var point = toImage(event);
    if (drag.mode === "draw") {
      var box = { x: Math.min(point.x, drag.start.x), y: Math.min(point.y, drag.start.y),
        w: Math.abs(point.x - drag.start.x), h: Math.abs(point.y - drag.start.y), label: classes[current].name };
      // Shorter than 3 screen pixels either way is a click, not a box.
      if (drag.index < 0 && (box.w * scale < 3 || box.h * scale < 3)) { return; }
      if (drag.index < 0) { boxes.push(box); drag.index = boxes.length - 1; selected = drag.index; }
      boxes[drag.index] = box;
    } else if (drag.mode === "move") {
      var moved = boxes[selected];
      moved.x = drag.box.x + point.x - drag.start.x;
      moved.y = drag.box.y + point.y - drag.start.y;
      fit(moved);
    } else if (drag.mode === "resize") {
      var b = drag.box, left = b.x, top = b.y, right = b.x + b.w, bottom = b.y + b.h;
      var dx = point.x - drag.start.x, dy = point.y - drag.start.y;
      if (drag.handle.indexOf("w") >= 0) { left += dx; }
      if (drag.handle.indexOf("e") >= 0) { right += dx; }
      if (drag.handle.indexOf("n") >= 0) { top += dy; }
      if (drag.handle.indexOf("s") >= 0) { bottom += dy; }
      var resized = boxes[selected];
      resized.x = clamp(Math.min(left, right), 0, width);
      resized.y = clamp(Math.min(top, bottom), 0, height);
      resized.w = Math.max(0.1, clamp(Math.max(left, right), 0, width) - resized.x);
      resized.h = Math.max(0.1, clamp(Math.max(top, bottom), 0, height) - resized.y);
    }
    render();
  });
  function endDrag() {
    if (!drag) { return; }
    var done = drag;
    drag = null;
    if (done.mode === "pan") { return; }
    if (done.mode === "draw" && done.index < 0) {
      // A click on the bare image: no box is selected.
      if (selected >= 0) { select(-1); }
      return;
    }
    if (done.mode === "draw") { fit(boxes[done.index]); }
    var after = JSON.stringify({ boxes: boxes, selected: selected });
    if (after !== done.before) {
      history.push(done.before);
      render();
      say((done.mode === "draw" ? "Drew box " : "Box ") + describe(boxes[selected], selected) + ".");
    }
  }
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);
  stage.addEventListener("wheel", function (event) {
    if (!event.ctrlKey) { return; }
    event.preventDefault();
    var rect = stage.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.25 : 0.8, { x: event.clientX - rect.left, y: event.clientY - rect.top });
  }, { passive: false });
  window.addEventListener("resize", function () { if (fitted) { fitImage(); } });
  document.addEventListener("keyup", function (event) { if (event.key === " ") { spaceDown = false; stage.classList.remove("panning"); } });

  // ---- Buttons ----
  classButtons.forEach(function (button, index) { button.addEventListener("click", function () { chooseClass(index); }); });
  toolbar.addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (!action) { return; }
    switch (action.getAttribute("data-action")) {
    case "add": addBox(); break;
    case "delete": deleteSelected(); break;
    case "undo": undo(); break;
    case "zoom-in": zoom(1.5); break;
    case "zoom-out": zoom(1 / 1.5); break;
    case "fit": fitImage(); break;
    }
  });

  // ---- Keys: before queue.js's (capture), so a class key or Backspace here is not also a queue key ----
  function isTyping(target) {
    var tag = target && target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) { return true; }
    return tag === "INPUT" && ["radio", "checkbox", "submit", "button"].indexOf((target.type || "").toLowerCase()) < 0;
  }
  function classForKey(key) {
    var lower = key.toLowerCase();
    for (var i = 0; i < classes.length; i++) { if (classes[i].key && classes[i].key === lower) { return i; } }
    if (/^[1-9]$/.test(key)) {
      var index = parseInt(key, 10) - 1;
      if (classes[index] && !classes[index].key) { return index; }
    }
    return -1;
  }
  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  document.addEventListener("keydown", function (event) {
    if (event.isComposing || isTyping(event.target)) { return; }
    var key = event.key;
    var handled = true;
    var onControl = event.target && /^(BUTTON|A|SUMMARY)$/.test(event.target.tagName);
    if ((event.ctrlKey || event.metaKey) && (key === "z" || key === "Z") && !event.shiftKey) {
      undo();
    } else if (ARROWS[key] && selected >= 0) {
      var step = event.shiftKey ? 10 : 1;
      nudge(ARROWS[key][0] * step, ARROWS[key][1] * step, event.altKey || event.ctrlKey);
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    } else if (key === "Tab" && event.target === stage && boxes.length) {
      var next = selected + (event.shiftKey ? -1 : 1);
      if (selected < 0 && event.shiftKey) { next = boxes.length - 1; }
      if (next < 0 || next >= boxes.length) { select(-1); return; } // let the focus leave the image
      select(next);
    } else if (key === "Enter") {
      if (onControl) { event.stopImmediatePropagation(); return; } // the button itself
      if (boxes.length) { submit(document.getElementById("submit-answer")); } else { say("No boxes yet: draw one, or press \u201cNothing to box\u201d if there is none."); }
    } else if (key === " " && event.target === stage) {
      spaceDown = true;
      stage.classList.add("panning");
    } else if (onControl && key === " ") {
      return;
    } else if (classForKey(key) >= 0) {
      chooseClass(classForKey(key));
    } else if (key === "Delete" || key === "Backspace") {
      // With boxes on the page, Backspace never leaves it (queue.js would go to the previous answer).
      if (!boxes.length && key === "Backspace") { return; }
      deleteSelected();
    } else if (key === "Escape") {
      select(-1);
    } else if (key === "n" || key === "N") {
      addBox();
    } else if (key === "+" || key === "=") {
      zoom(1.5);
    } else if (key === "-") {
      zoom(1 / 1.5);
    } else if (key === "0") {
      fitImage();
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // ---- Submitting: the list in image pixels; [] only from "Nothing to box" ----
  function submit(submitter) {
    if (submitting) { return; }
    if (typeof form.requestSubmit === "function") { form.requestSubmit(submitter); } else { submitter.click(); }
  }
  form.addEventListener("submit", function (event) {
    var by = event.submitter;
    if (by === nothing && boxes.length) {
      event.preventDefault();
      say("Delete the " + boxes.length + " box" + (boxes.length === 1 ? "" : "es") + " first to answer that there is nothing to box.");
      return;
    }
    if (by !== nothing && !boxes.length) {
      event.preventDefault();
      say("No boxes yet: draw one, or press \u201cNothing to box\u201d if there is none.");
      return;
    }
    field.value = JSON.stringify(boxes.map(function (box) {
      return { x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h), label: box.label };
    }));
    submitting = true;
  });

  // ---- Start: the editor replaces the rows (their controls are then not sent) ----
  rows.hidden = true;
  rows.disabled = true;
  if (addRow) { addRow.hidden = true; }
  toolbar.hidden = false;
  help.hidden = false;
  stage.classList.add("box-js");
  canvas.style.touchAction = "none";
  if (classes.length === 0) { return; }
  if (boxes.length) { current = classIndex(boxes[boxes.length - 1].label); }
  if (image.complete) { fitImage(); } else { image.addEventListener("load", fitImage); fitImage(); }
})();
