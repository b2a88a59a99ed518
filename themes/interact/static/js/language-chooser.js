// Sends a visitor from / to the first of their browser's languages that the site has.
// The page lists every language as a plain link, so nothing is lost without JavaScript.
(function () {
  var root = document.documentElement;
  var available = (root.getAttribute("data-languages") || "").split(" ").filter(Boolean);
  var fallback = root.getAttribute("data-default-url") || "/";
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase();
    for (var j = 0; j < available.length; j++) {
      var have = available[j].toLowerCase();
      if (code === have || code.split("-")[0] === have) {
        location.replace("/" + available[j] + "/");
        return;
      }
    }
  }
  location.replace(fallback);
})();
