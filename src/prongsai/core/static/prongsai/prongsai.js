// Prongsai's small page script (no inline scripts: the Content-Security-Policy forbids them).
// Buttons with data-confirm ask before their form is sent.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

// On a phone a wide table scrolls sideways inside its own box (prongsai.css). A box that scrolls
// must be reachable from the keyboard (WCAG 2.1.1; axe-core's scrollable-region-focusable): a
// table without a link or button of its own takes the focus itself while it overflows.
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not(table)";
function focusableScrollers() {
  document.querySelectorAll("table.grid").forEach(function (table) {
    const scrolls = table.scrollWidth > table.clientWidth + 1;
    if (scrolls && !table.querySelector(FOCUSABLE)) {
      table.setAttribute("tabindex", "0");
    } else if (table.getAttribute("tabindex") === "0") {
      table.removeAttribute("tabindex");
    }
  });
}
focusableScrollers();
window.addEventListener("resize", focusableScrollers);
