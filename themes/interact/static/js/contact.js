// The stakeholder page's form when config.yaml gives `contact.email`: shown only with JavaScript
// (without it the page's plain mailto: link does the same), it writes the visitor's answers into
// a new message in their own e-mail program. Nothing is sent or stored by the site.
(function () {
  "use strict";
  var form = document.querySelector("form.contact-form[data-mailto]");
  if (!form) return;
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.reportValidity()) return;
    var lines = [], subject = "INTERACT-EUROPE";
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !field.labels || !field.labels.length) return;
      var value = field.tagName === "SELECT" ? field.options[field.selectedIndex].text : field.value.trim();
      if (field.name === "organisation") subject += ": " + value;
      if (field.name === "message") lines.push("", value);
      else lines.push(field.labels[0].textContent.trim() + ": " + value);
    });
    window.location.href = "mailto:" + form.getAttribute("data-mailto") +
      "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(lines.join("\r\n"));
  });
})();
