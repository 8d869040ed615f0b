// Prongsai's small page script (no inline scripts: the Content-Security-Policy forbids them).
// Buttons with data-confirm ask before their form is sent.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
