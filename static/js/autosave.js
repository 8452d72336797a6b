/* Drafts save as you type: a form with data-autosave="URL" is sent there (without its files)
   a couple of seconds after the last change, and the status line says what happened.
   Without JavaScript the "Save as draft" button does the same. The server only ever keeps
   these as drafts, recognised by the form's client id, so a repeat never makes a second entry. */
(function () {
  "use strict";
  var DELAY = 2000;

  function start(form) {
    var url = form.getAttribute("data-autosave");
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    var sending = false;
    var again = false;

    function say(text) {
      if (status) status.textContent = text;
    }

    function payload() {
      var data = new FormData(form);
      data.delete("photos");
      data.delete("save");
      data.delete("save_draft");
      return data;
    }

    function send() {
      if (sending) { again = true; return; }
      sending = true;
      fetch(url, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.querySelector("[name=csrf_token]").value }
      }).then(function (response) {
        return response.text().then(function (html) {
          var box = document.createElement("div");
          box.innerHTML = html;
          say(box.textContent.trim() || "Not saved yet.");
        });
      }).catch(function () {
        say(navigator.onLine
          ? "No connection: not saved yet. Keep this page open, or press Save as draft later."
          : "No connection: press Save and your entry is kept on this phone.");
      }).then(function () {
        sending = false;
        if (again) { again = false; send(); }
      });
    }

    function changed(event) {
      if (event.target && event.target.type === "file") return;
      clearTimeout(timer);
      timer = setTimeout(send, DELAY);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { clearTimeout(timer); });
  }

  document.querySelectorAll("form[data-autosave]").forEach(start);
})();
