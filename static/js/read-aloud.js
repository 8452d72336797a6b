/* "Read to me": speaks #main sentence by sentence, highlighting each; hidden if it can't speak. */
(function () {
  "use strict";
  var box = document.querySelector("[data-read-aloud]");
  if (!box || !("speechSynthesis" in window)) return;
  var synth = window.speechSynthesis;
  var main = document.getElementById("main");
  var buttons = {};
  box.querySelectorAll("[data-read]").forEach(function (b) { buttons[b.dataset.read] = b; });
  var BLOCKS = "h1,h2,h3,h4,p,li,dt,dd,legend,label,th,td,figcaption,summary,blockquote";
  var useHighlight = !!(window.CSS && CSS.highlights && window.Highlight);
  var queue = [], at = 0, marked = null, running = false;

  function reducedMotion() {
    return document.documentElement.classList.contains("reduce-motion") ||
      window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function visible(el) {
    return !el.closest("[hidden],[aria-hidden=true],.visually-hidden,[data-read-aloud]") &&
      el.getClientRects().length > 0;
  }

  /* Text nodes with their offsets, so a sentence maps to a Range. */
  function textNodes(el) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), nodes = [], text = "", n;
    while ((n = walker.nextNode())) {
      if (n.parentElement.closest("[aria-hidden=true]")) continue;
      nodes.push({ node: n, start: text.length });
      text += n.data;
    }
    return { nodes: nodes, text: text };
  }

  function pointAt(nodes, offset) {
    for (var i = nodes.length - 1; i >= 0; i--) {
      var n = nodes[i];
      if (offset >= n.start) return [n.node, Math.min(offset - n.start, n.node.length)];
    }
    return [nodes[0].node, 0];
  }

  function sentences() {
    var list = [];
    main.querySelectorAll(BLOCKS).forEach(function (el) {
      if (!visible(el) || el.querySelector(BLOCKS)) return;
      var t = textNodes(el), re = /[^.!?]+[.!?]*/g, m;
      while ((m = re.exec(t.text))) {
        var words = m[0].trim();
        if (!words) continue;
        var lead = m[0].length - m[0].replace(/^\s+/, "").length;
        list.push({ el: el, text: words, nodes: t.nodes, start: m.index + lead, end: m.index + lead + words.length });
      }
    });
    return list;
  }

  function mark(s) {
    unmark();
    if (useHighlight && s.nodes.length) {
      var r = new Range(), a = pointAt(s.nodes, s.start), b = pointAt(s.nodes, s.end);
      r.setStart(a[0], a[1]);
      r.setEnd(b[0], b[1]);
      CSS.highlights.set("read-aloud", new Highlight(r));
    } else {
      s.el.classList.add("reading-now");
      marked = s.el;
    }
    s.el.scrollIntoView({ block: "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
  }

  function unmark() {
    if (useHighlight) CSS.highlights.delete("read-aloud");
    if (marked) marked.classList.remove("reading-now");
    marked = null;
  }

  function show(state) {
    buttons.start.hidden = state !== "idle";
    buttons.pause.hidden = state !== "reading";
    buttons.resume.hidden = state !== "paused";
    buttons.stop.hidden = state === "idle";
  }

  function speak() {
    if (!running) return;
    if (at >= queue.length) { stop(); return; }
    var s = queue[at], u = new SpeechSynthesisUtterance(s.text);
    u.lang = document.documentElement.lang || "en-GB";
    u.onend = function () { at += 1; speak(); };
    u.onerror = function (e) { if (e.error !== "interrupted" && e.error !== "canceled") stop(); };
    mark(s);
    synth.speak(u);
  }

  function start() {
    synth.cancel();
    queue = sentences();
    at = 0;
    running = true;
    show("reading");
    speak();
    buttons.pause.focus();
  }

  function stop() {
    running = false;
    synth.cancel();
    unmark();
    show("idle");
  }

  buttons.start.addEventListener("click", start);
  buttons.pause.addEventListener("click", function () { synth.pause(); show("paused"); buttons.resume.focus(); });
  buttons.resume.addEventListener("click", function () { synth.resume(); show("reading"); buttons.pause.focus(); });
  buttons.stop.addEventListener("click", function () { stop(); buttons.start.focus(); });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  box.hidden = false;
})();
