// Keyboard shortcuts, "submit on key" and image zoom for the annotation queue. Progressive
// enhancement only: every form works the same without this file.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  var skip = document.getElementById("skip-form");
  var previous = document.getElementById("previous-answer");
  var secondsField = document.getElementById("seconds");
  var shownAt = Date.now();
  var submitting = false;
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input[name='label'], input[name='label[]']")) : [];
  var preferenceKey = "labelbench.submitOnKey";

  // Key hints only where keys work: JavaScript on, and not a touch-first phone or tablet.
  var hasKeyboard = !window.matchMedia || !window.matchMedia("(hover: none) and (pointer: coarse)").matches;
  if (hasKeyboard) { document.documentElement.classList.add("keys-on"); }

  var submitOnKey = document.getElementById("submit-on-key");
  if (submitOnKey && hasKeyboard) {
    submitOnKey.parentNode.hidden = false;
    try { submitOnKey.checked = window.localStorage.getItem(preferenceKey) === "1"; } catch (e) { /* storage off */ }
    submitOnKey.addEventListener("change", function () {
      try { window.localStorage.setItem(preferenceKey, submitOnKey.checked ? "1" : "0"); } catch (e) { /* storage off */ }
    });
  }

  function recordSeconds() {
    if (secondsField) {
      secondsField.value = String(Math.round((Date.now() - shownAt) / 100) / 10);
    }
  }

  function isTyping(target) {
    if (!target) { return false; }
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) { return true; }
    if (tag === "INPUT") {
      var type = (target.type || "").toLowerCase();
      return type !== "radio" && type !== "checkbox" && type !== "submit" && type !== "button";
    }
    return false;
  }

  // A label's own key, else its position (1-9) when it has none.
  function inputForKey(key) {
    var lower = key.toLowerCase();
    for (var i = 0; i < inputs.length; i++) {
      var own = (inputs[i].getAttribute("data-key") || "").toLowerCase();
      if (own && own === lower) { return inputs[i]; }
    }
    if (/^[1-9]$/.test(key)) {
      var index = parseInt(key, 10) - 1;
      var candidate = inputs[index];
      if (candidate && !candidate.getAttribute("data-key")) { return candidate; }
    }
    return null;
  }

  function submitForm(target) {
    if (submitting) { return; }
    submitting = true;
    recordSeconds();
    if (typeof target.requestSubmit === "function") { target.requestSubmit(); } else { target.submit(); }
  }

  if (form) { form.addEventListener("submit", function () { recordSeconds(); }); }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    if (isTyping(event.target)) { return; }
    var key = event.key;
    if (key === "Backspace" && previous) {
      event.preventDefault();
      window.location.href = previous.href;
      return;
    }
    if (!form) { return; }
    if (key === "Enter") {
      // Enter on a button, link or summary (Skip, the flag form's disclosure) does what it does natively.
      if (/^(BUTTON|A|SUMMARY)$/.test(event.target.tagName)) { return; }
      event.preventDefault();
      var chosen = inputs.some(function (input) { return input.checked; });
      if (chosen) { submitForm(form); }
      return;
    }
    var input = inputForKey(key);
    if (input) {
      event.preventDefault();
      if (input.type === "checkbox") { input.checked = !input.checked; } else { input.checked = true; }
      input.focus();
      if (input.type === "radio" && submitOnKey && submitOnKey.checked) { submitForm(form); }
      return;
    }
    if ((key === "s" || key === "S") && skip) {
      event.preventDefault();
      submitForm(skip);
    }
  });

  // Zoom and pan: the image starts fitted to its frame; the buttons and the wheel zoom, dragging pans.
  Array.prototype.forEach.call(document.querySelectorAll(".image-frame"), function (frame) {
    var image = frame.querySelector("img");
    if (!image) { return; }
    var scale = 1, x = 0, y = 0, dragging = null;
    var tools = document.createElement("div");
    tools.className = "zoom-tools";
    function button(label, text, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "small";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", action);
      tools.appendChild(b);
    }
    function apply() {
      image.style.transform = "translate(" + x + "px, " + y + "px) scale(" + scale + ")";
      frame.classList.toggle("zoomed", scale > 1);
    }
    function zoom(factor) {
      scale = Math.min(8, Math.max(1, scale * factor));
      if (scale === 1) { x = 0; y = 0; }
      apply();
    }
    button("Zoom in", "+", function () { zoom(1.5); });
    button("Zoom out", "−", function () { zoom(1 / 1.5); });
    button("Fit the image", "Fit", function () { scale = 1; x = 0; y = 0; apply(); });
    frame.parentNode.insertBefore(tools, frame.nextSibling);
    var link = frame.querySelector("a");
    if (link) { link.addEventListener("click", function (event) { event.preventDefault(); }); }
    frame.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2);
    }, { passive: false });
    frame.addEventListener("pointerdown", function (event) {
      if (scale === 1) { return; }
      dragging = { x: event.clientX - x, y: event.clientY - y };
      frame.setPointerCapture(event.pointerId);
    });
    frame.addEventListener("pointermove", function (event) {
      if (!dragging) { return; }
      x = event.clientX - dragging.x;
      y = event.clientY - dragging.y;
      apply();
    });
    frame.addEventListener("pointerup", function () { dragging = null; });
  });
})();
