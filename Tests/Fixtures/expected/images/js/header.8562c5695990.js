// The header's menus (the language menu; the main menu on narrow screens) are plain <details>: they
// open and close without JavaScript. With it, they behave like menus people know: Escape closes the
// open one and puts focus back on its toggle; a click elsewhere, or focus moving out of it (Tab,
// Shift+Tab), closes it; opening one closes the other; and a page restored from the back/forward
// cache shows them closed.
(function () {
  "use strict";
  var menus = Array.prototype.slice.call(document.querySelectorAll(".site-header details"));
  if (menus.length === 0) return;

  function close(details, refocus) {
    if (!details.open) return;
    details.open = false;
    if (refocus) details.querySelector("summary").focus();
  }

  menus.forEach(function (details) {
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        event.preventDefault();
        close(details, true);
      }
    });
    // relatedTarget is where focus goes; null when it leaves the page (another window): keep it open.
    details.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !details.contains(event.relatedTarget)) close(details, false);
    });
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      menus.forEach(function (other) { if (other !== details) close(other, false); });
    });
  });

  document.addEventListener("click", function (event) {
    menus.forEach(function (details) { if (!details.contains(event.target)) close(details, false); });
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) menus.forEach(function (details) { close(details, false); });
  });
})();
