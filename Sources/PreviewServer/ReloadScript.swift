/// The script the preview adds to every page: reloads the tab after a rebuild (keeping its scroll
/// position) and shows build errors over the page until they are fixed. Text is inserted with
/// `textContent`, never as HTML, so a message quoting content cannot inject markup.
enum ReloadScript {
    static let source = """
        (function () {
          "use strict";
          var key = "interact-preview-scroll:" + location.pathname;
          var saved = sessionStorage.getItem(key);
          if (saved !== null) {
            sessionStorage.removeItem(key);
            var y = parseInt(saved, 10);
            var restore = function () { window.scrollTo(0, y); };
            if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
          }
          var overlay = null;
          function showFailure(problems) {
            if (!overlay) {
              overlay = document.createElement("section");
              overlay.id = "interact-preview-errors";
              overlay.setAttribute("role", "alert");
              overlay.setAttribute("aria-label", "Build errors");
              overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
                "background:#fff4f4;color:#1a1a1a;border-top:4px solid #b00020;padding:1rem 1.5rem;" +
                "font:14px/1.5 ui-monospace,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.25)";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "";
            var title = document.createElement("h2");
            title.style.cssText = "margin:0 0 .5rem;font:bold 16px/1.4 system-ui,sans-serif;color:#b00020";
            title.textContent = "The site did not build. Showing the last good version. Fix this and save:";
            overlay.appendChild(title);
            var list = document.createElement("ul");
            list.style.cssText = "margin:0;padding-left:1.2rem";
            problems.forEach(function (p) {
              var item = document.createElement("li");
              var where = document.createElement("strong");
              where.textContent = p.file + ":" + p.line + ":" + p.column + ": ";
              item.appendChild(where);
              item.appendChild(document.createTextNode(p.severity + ": " + p.message));
              if (p.hint) {
                var hint = document.createElement("div");
                hint.textContent = "hint: " + p.hint;
                item.appendChild(hint);
              }
              list.appendChild(item);
            });
            overlay.appendChild(list);
          }
          var events = new EventSource("/__interact/events");
          events.addEventListener("reload", function () {
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          });
          events.addEventListener("failure", function (event) {
            var problems = JSON.parse(event.data).filter(function (p) { return p.severity === "error"; });
            if (document.body) showFailure(problems);
            else document.addEventListener("DOMContentLoaded", function () { showFailure(problems); });
          });
        })();

        """
}
