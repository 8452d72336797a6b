/* Live character counts for personal statements. The rule is the one in
   journal/documents/counting.py: line breaks as LF, control characters removed, Unicode NFC,
   counted in code points (an emoji counts 1, a flag 2).

   A textarea with data-count-min and/or data-count-max has a counter whose id is named by
   data-count-output; an element with data-count-total="id id id" adds up those textareas
   (data-count-max on it gives the most). The server renders the same words first, so without
   JavaScript the page still says the count as last saved. The visible counters change as you
   type; the screen-reader announcement waits until typing pauses. */
(function () {
  "use strict";
  var PAUSE = 1200;

  function normalise(text) {
    return text
      .replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, "")
      .normalize("NFC");
  }

  function count(text) {
    return Array.from(normalise(text)).length;
  }

  function number(n) {
    return n.toLocaleString("en-GB");
  }

  // Keep in step with counting.describe().
  function describe(n, least, most) {
    var said = number(n) + " character" + (n === 1 ? "" : "s");
    if (least !== null && n < least) {
      return said + ": at least " + number(least) + " needed, " + number(least - n) + " more to write.";
    }
    if (most !== null && n > most) {
      return said + " of " + number(most) + ": " + number(n - most) + " too many.";
    }
    if (most !== null) return said + " of " + number(most) + ": " + number(most - n) + " left.";
    return said + ".";
  }

  function limit(element, name) {
    var value = element.getAttribute(name);
    return value === null || value === "" ? null : parseInt(value, 10);
  }

  function show(output, n, least, most) {
    output.textContent = describe(n, least, most);
    output.setAttribute("data-count", String(n));
    output.classList.toggle("count-warning", (most !== null && n > most) || (least !== null && n < least));
  }

  function start() {
    var boxes = document.querySelectorAll("textarea[data-count-output]");
    if (!boxes.length) return;
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("data-count-announce", "");
    document.body.appendChild(live);
    var timer = null;

    function totals() {
      document.querySelectorAll("[data-count-total]").forEach(function (output) {
        var n = 0;
        output.getAttribute("data-count-total").split(" ").forEach(function (id) {
          var box = document.getElementById(id);
          if (box) n += count(box.value);
        });
        show(output, n, null, limit(output, "data-count-max"));
      });
    }

    function update(box) {
      var output = document.getElementById(box.getAttribute("data-count-output"));
      if (!output) return;
      show(output, count(box.value), limit(box, "data-count-min"), limit(box, "data-count-max"));
      totals();
      clearTimeout(timer);
      timer = setTimeout(function () {
        var said = output.textContent;
        document.querySelectorAll("[data-count-total]").forEach(function (total) {
          said += " Total: " + total.textContent;
        });
        live.textContent = said;
      }, PAUSE);
    }

    // A field that sets the limit (data-count-sets-max="textarea id") changes it as you type.
    document.querySelectorAll("[data-count-sets-max]").forEach(function (input) {
      input.addEventListener("input", function () {
        var box = document.getElementById(input.getAttribute("data-count-sets-max"));
        if (!box) return;
        var most = parseInt(input.value, 10);
        if (most > 0) box.setAttribute("data-count-max", String(most));
        else box.removeAttribute("data-count-max");
        update(box);
      });
    });

    boxes.forEach(function (box) {
      box.addEventListener("input", function () { update(box); });
      var output = document.getElementById(box.getAttribute("data-count-output"));
      if (output) show(output, count(box.value), limit(box, "data-count-min"), limit(box, "data-count-max"));
    });
    totals();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
