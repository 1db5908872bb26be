// Label rows of the task form: with JavaScript on, "Add a label row", "↑" and "Remove" change the
// rows in place instead of sending the form. Progressive enhancement only: without this file the
// same buttons submit the form and the server returns it with the rows changed.
(function () {
  "use strict";
  var list = document.querySelector(".label-rows");
  var add = document.querySelector("button[name=row_action][value=add]");
  if (!list || !add) { return; }

  function rows() { return Array.prototype.slice.call(list.querySelectorAll(".label-row")); }

  function isBlank(row) {
    return Array.prototype.every.call(row.querySelectorAll("input, textarea"), function (field) { return field.value.trim() === ""; });
  }

  // Ids, numbers and button values follow the row's position, as the server would render them.
  function renumber() {
    var all = rows();
    all.forEach(function (row, index) {
      var number = index + 1;
      row.querySelector(".row-number").textContent = String(number);
      ["name", "key", "description"].forEach(function (part) {
        var field = row.querySelector("[name='label_" + part + "[]']");
        var label = row.querySelector("label[for^='label-" + part + "-']");
        field.id = "label-" + part + "-" + index;
        label.htmlFor = field.id;
        label.querySelector(".visually-hidden").textContent = " of label " + number;
      });
      var up = row.querySelector("button[value^='up:']");
      var remove = row.querySelector("button[value^='remove:']");
      up.value = "up:" + index;
      up.setAttribute("aria-label", "Move label " + number + " up");
      up.hidden = index === 0;
      remove.value = "remove:" + index;
      remove.setAttribute("aria-label", "Remove label " + number);
      remove.hidden = index === all.length - 1 && isBlank(row);
    });
  }

  function addRow() {
    var last = rows()[rows().length - 1];
    var row = last.cloneNode(true);
    row.classList.remove("has-error");
    Array.prototype.forEach.call(row.querySelectorAll(".field-error"), function (error) { error.remove(); });
    Array.prototype.forEach.call(row.querySelectorAll("input, textarea"), function (field) {
      field.value = "";
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    list.appendChild(row);
    renumber();
    row.querySelector("[name='label_name[]']").focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[name=row_action]") : null;
    if (!button) { return; }
    event.preventDefault();
    var action = button.value.split(":");
    var row = button.closest(".label-row");
    if (action[0] === "add") {
      addRow();
    } else if (action[0] === "up" && row && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
      renumber();
      button.focus();
    } else if (action[0] === "remove" && row) {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      if (rows().length === 0 || !isBlank(rows()[rows().length - 1])) { addRow(); }
      renumber();
      if (next) { next.querySelector("[name='label_name[]']").focus(); }
    }
  });

  // Typing into the last row leaves a fresh empty row below it, as the server adds one.
  list.addEventListener("input", function (event) {
    var all = rows();
    if (event.target.closest(".label-row") === all[all.length - 1]) { addRow(); event.target.focus(); }
  });
})();
