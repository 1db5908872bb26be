// Keyboard shortcuts for the annotation queue. Progressive enhancement only:
// the form works the same without this file.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  if (!form) { return; }
  var skip = document.getElementById("skip-form");
  var secondsField = document.getElementById("seconds");
  var shownAt = Date.now();
  var submitting = false;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='label'], input[name='label[]']"));

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

  form.addEventListener("submit", function () { recordSeconds(); });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    if (isTyping(event.target)) { return; }
    var key = event.key;
    if (key === "Enter") {
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
      return;
    }
    if ((key === "s" || key === "S") && skip) {
      event.preventDefault();
      submitForm(skip);
    }
  });
})();
