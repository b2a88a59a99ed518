// Sends a visitor to the first of their browser's languages that the page offers. The page lists
// each language as a link with `hreflang` (the language chooser at /, a QR code's short link), so
// nothing is lost without JavaScript.
(function () {
  var root = document.documentElement;
  var fallback = root.getAttribute("data-default-url") || "/";
  function go() {
    var offered = {};
    document.querySelectorAll("main a[hreflang]").forEach(function (a) {
      offered[a.getAttribute("hreflang").toLowerCase()] = a.getAttribute("href");
    });
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase();
      var target = offered[code] || offered[code.split("-")[0]];
      if (target) { location.replace(target); return; }
    }
    location.replace(fallback);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
  else go();
})();
