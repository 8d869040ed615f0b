/* Formset rows (registers, decision 43): the "add a row" button copies the page's template row
   with the next number and counts it in the management form. Without this script the page's
   empty rows still work; the button stays hidden. */
(function () {
  "use strict";
  function digits(sample, n) {
    // the row number in the labels follows the page's digits ("แถว ๒" or "แถว 2")
    var thai = /[๐-๙]/.test(sample);
    var text = String(n);
    return thai ? text.replace(/[0-9]/g, function (d) { return "๐๑๒๓๔๕๖๗๘๙"[+d]; }) : text;
  }
  function addRow(table, template) {
    var prefix = table.getAttribute("data-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = parseInt(table.getAttribute("data-max"), 10) || 1000;
    var n = parseInt(total.value, 10) || 0;
    if (n >= max) { return false; }
    var row = template.content.firstElementChild.cloneNode(true);
    var shown = table.querySelector("tbody [aria-label]");
    var sample = shown ? shown.getAttribute("aria-label") : "";
    row.querySelectorAll("input, select, textarea").forEach(function (box) {
      ["name", "id"].forEach(function (attr) {
        var value = box.getAttribute(attr);
        if (value) { box.setAttribute(attr, value.replace("__prefix__", n)); }
      });
      var label = box.getAttribute("aria-label");
      if (label) { box.setAttribute("aria-label", label.trim() + " " + digits(sample, n + 1)); }
    });
    table.querySelector("tbody").appendChild(row);
    total.value = n + 1;
    var first = row.querySelector("input, select");
    if (first) { first.focus(); }
    return n + 1 < max;
  }
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var id = button.getAttribute("data-add-row");
    var table = document.getElementById(id);
    var template = document.getElementById(id + "-template");
    if (!table || !template) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!addRow(table, template)) { button.hidden = true; }
    });
  });
})();
