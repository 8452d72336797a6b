/* Entries made with no connection: kept on this phone (IndexedDB, photos as blobs, under the
   form's client id), listed with their state, and sent when the connection returns (on page
   load, on "online", and by Background Sync where the browser has it). Each is sent once with
   a fresh CSRF token and "X-Queued-Entry: 1"; the server answers in JSON and never stores one
   client id twice. Also loaded by the service worker (importScripts), which uses only the
   queue part. Without JavaScript, or online, the forms are sent by the browser as usual. */
(function (global) {
  "use strict";
  var DB_NAME = "journal-offline";
  var STORE = "queue";
  var SYNC_TAG = "journal-send-queue";
  var TOKEN_URL = "/offline/token";
  var RETRY = ["waiting", "retry", "signin"];
  var database = null;
  var running = null;

  function request(r) {
    return new Promise(function (resolve, reject) {
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }

  function open() {
    if (database) return Promise.resolve(database);
    var opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = function () {
      opening.result.createObjectStore(STORE, { keyPath: "client_id" });
    };
    return request(opening).then(function (db) {
      db.onversionchange = function () { db.close(); database = null; };
      database = db;
      return db;
    });
  }

  function store(mode) {
    return open().then(function (db) { return db.transaction(STORE, mode).objectStore(STORE); });
  }

  function all(user) {
    return store("readonly").then(function (s) { return request(s.getAll()); })
      .then(function (items) {
        return items.filter(function (i) { return i.user === user; })
          .sort(function (a, b) { return a.saved_at - b.saved_at; });
      });
  }
  function get(id) { return store("readonly").then(function (s) { return request(s.get(id)); }); }
  function put(item) { return store("readwrite").then(function (s) { return request(s.put(item)); }); }
  function clear() { return store("readwrite").then(function (s) { return request(s.clear()); }); }

  /* One sender at a time on this phone (pages and the worker), so nothing is sent twice at
     once; the server would keep one entry anyway, but not twice the photos. */
  function locked(work) {
    if (global.navigator && navigator.locks) return navigator.locks.request("journal-send", work);
    running = (running || Promise.resolve()).then(work, work);
    return running;
  }

  function token() {
    return fetch(TOKEN_URL, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) return "signin";
        if (!response.ok) return null;
        return response.json().then(function (body) { return body.csrf_token; });
      }, function () { return null; });
  }

  function sendAll(user) {
    if (!user) return Promise.resolve();
    return locked(function () {
      return all(user).then(function (items) {
        items = items.filter(function (i) { return RETRY.indexOf(i.state) >= 0; });
        if (!items.length) return;
        return token().then(function (fresh) {
          if (!fresh) return;
          if (fresh === "signin") {
            return Promise.all(items.map(function (i) { i.state = "signin"; return put(i); }));
          }
          return items.reduce(function (chain, item) {
            return chain.then(function (go) { return go === false ? false : sendOne(item, fresh, false); });
          }, Promise.resolve(true));
        });
      });
    });
  }

  function sendOne(item, csrf, again) {
    var body = new FormData();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.append("csrf_token", csrf);
    return fetch(item.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Queued-Entry": "1", "X-Queued-For": item.user, "X-CSRFToken": csrf }
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (reply) {
        if (!reply && response.status === 400 && !again) {  // the token went stale: once more
          return token().then(function (newer) {
            return newer && newer !== "signin" ? sendOne(item, newer, true) : false;
          });
        }
        return settle(item, response.status, reply);
      });
    }, function () { return false; });  // no connection after all: try later
  }

  function settle(item, status, reply) {
    var go = true;
    item.errors = null;
    item.reason = "";
    if (reply && reply.status === "saved") {
      item.state = "sent";
      item.entry_url = reply.entry_url;
      item.sent_at = Date.now();
      item.fields = item.fields.filter(function (p) { return typeof p[1] === "string"; });
    } else if (reply && reply.status === "invalid") {
      item.state = "attention";
      item.errors = reply.errors;
      item.fields = item.fields.filter(function (p) {  // photos taken: sent again by their ids
        return typeof p[1] === "string" && p[0] !== "attachment_ids";
      }).concat([["attachment_ids", reply.attachment_ids || ""]]);
    } else if (status === 401) {
      item.state = "signin";
      go = false;
    } else {
      item.state = reply ? "attention" : "retry";
      item.reason = reply ? reply.status : "status " + status;
      go = !!reply;
    }
    return put(item).then(function () { return go; });
  }

  global.JournalQueue = { SYNC_TAG: SYNC_TAG, sendAll: sendAll, all: all, get: get, put: put, clear: clear };
  if (typeof document === "undefined") return;  // in the service worker: the queue only

  /* --- on the page ---------------------------------------------------------------------- */

  var meta = document.querySelector('meta[name="offline-user"]');
  var user = meta ? meta.content : "";
  var banner = document.querySelector("[data-offline-banner]");
  var isCopy = !!banner && !banner.hidden;
  var words = document.querySelector("template[data-offline-words]");
  var panel = document.querySelector("[data-offline-queue]");
  var dirty = false;
  var RECORD = /^\/passport\/(new\/[a-z_]+|entries\/\d+\/diary\/new)$/;

  function word(key) {
    var found = words && words.content.querySelector('[data-word="' + key + '"]');
    return found ? found.innerHTML : key;
  }
  function text(key) {
    var found = words && words.content.querySelector('[data-word="' + key + '"]');
    return found ? found.textContent.replace(/\s+/g, " ").trim() : key;
  }

  function newId() {
    if (global.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function today() {
    var d = new Date();
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  function sendNow() {
    if (!user || !navigator.onLine) return Promise.resolve();
    return sendAll(user).then(render, render);
  }

  /* "Send now" can do nothing with no connection: it is switched off, and says why. */
  function showConnection() {
    if (!panel) return;
    var button = panel.querySelector("[data-offline-send]");
    var why = panel.querySelector("[data-offline-send-why]");
    if (button) button.disabled = !navigator.onLine;
    if (why) why.hidden = navigator.onLine;
  }

  function askForSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) return reg.sync.register(SYNC_TAG);
    }).catch(function () {});
  }

  /* The worker: installed everywhere; a new version takes over when no form is half filled. */
  function agree(worker) {
    if (!dirty) worker.postMessage({ type: "take-over" });
    else document.addEventListener("submit", function () { worker.postMessage({ type: "take-over" }); }, { once: true });
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/service-worker.js", { scope: "/" }).then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) agree(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var w = reg.installing;
        w.addEventListener("statechange", function () {
          if (w.state === "installed" && navigator.serviceWorker.controller) agree(w);
        });
      });
    }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "queue-changed") render();
    });
  }

  /* The record forms. */
  function recordForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form"), function (form) {
      return form.elements.client_id && RECORD.test(new URL(form.action, location.href).pathname);
    });
  }

  function fieldsOf(form, submitter) {
    var data;
    try { data = new FormData(form, submitter); } catch (e) {
      data = new FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    }
    var fields = [];
    data.forEach(function (value, name) {
      if (name === "csrf_token") return;
      if (typeof value !== "string" && !(value.name && value.size)) return;  // no file chosen
      fields.push([name, value]);
    });
    return fields;
  }

  /* The entry's own title in plain words, as the server will write it (passport/kinds.py
     title_of): "A college visit: City College", "Diary: a day at Northgate Vets". */
  function labelOf(form) {
    var fallback = form.getAttribute("data-offline-title") || "An entry";
    var kind = form.elements.kind ? form.elements.kind.value : "";
    function value(name) {
      var el = form.elements[name];
      return el && typeof el.value === "string" ? el.value.trim().slice(0, 60) : "";
    }
    function chosen(name) {
      var el = form.querySelector('input[name="' + name + '"]:checked');
      var label = el && el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
      return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
    }
    function titled(label, name) { return value(name) ? label + ": " + value(name) : label; }
    if (kind === "encounter") return titled(chosen("category") || fallback, "organisation");
    if (kind === "workplace") return titled(chosen("placement_kind") || fallback, "employer");
    if (kind === "achievement") return value("title") || chosen("achievement_kind") || fallback;
    return fallback;
  }

  function say(form, html) {
    var box = document.querySelector("[data-offline-said]");
    if (!box) {
      box = document.createElement("div");
      box.className = "offline-said";
      box.setAttribute("data-offline-said", "");
      box.setAttribute("role", "status");
      box.tabIndex = -1;
      form.parentNode.insertBefore(box, form);
    }
    box.innerHTML = html;
    box.focus();
  }

  function queueForm(form, submitter) {
    var id = form.elements.client_id.value;
    return get(id).then(function (before) {
      var item = {
        client_id: id,
        user: user,
        action: new URL(form.action, location.href).pathname,
        label: labelOf(form),
        state: "waiting",
        saved_at: before ? before.saved_at : Date.now(),
        fields: fieldsOf(form, submitter)
      };
      return put(item).then(function () { return item; });
    });
  }

  function showErrors(form, errors) {
    form.querySelectorAll("[data-offline-error]").forEach(function (el) { el.remove(); });
    var list = [];
    Object.keys(errors || {}).forEach(function (name) {
      var el = form.elements[name];
      var first = el && (el.length && !el.tagName ? el[0] : el);
      var text = errors[name].join(" ");
      list.push('<li><a href="#' + (first && first.id ? first.id : "") + '"></a></li>');
      var box = first && first.closest ? first.closest(".field") : null;
      if (box) {
        var p = document.createElement("p");
        p.className = "error";
        p.setAttribute("data-offline-error", "");
        p.id = name + "-offline-error";
        p.textContent = text;
        var at = box.querySelector("input, textarea, select, ul");
        box.insertBefore(p, at);
        box.classList.add("has-error");
        first.setAttribute("aria-invalid", "true");
        first.setAttribute("aria-describedby", ((first.getAttribute("aria-describedby") || "") + " " + p.id).trim());
      }
    });
    var summary = document.createElement("div");
    summary.className = "error-summary";
    summary.setAttribute("data-offline-error", "");
    summary.setAttribute("role", "alert");
    summary.tabIndex = -1;
    summary.innerHTML = "<h2>" + word("fix") + "</h2><ul>" + list.join("") + "</ul>";
    var names = Object.keys(errors || {});
    summary.querySelectorAll("a").forEach(function (a, i) { a.textContent = errors[names[i]].join(" "); });
    form.parentNode.insertBefore(summary, form);
    summary.focus();
  }

  function fill(form, item) {
    var strings = item.fields.filter(function (p) { return typeof p[1] === "string"; });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
    });
    strings.forEach(function (pair) {
      var el = form.elements[pair[0]];
      if (!el || pair[0] === "save" || pair[0] === "save_draft") return;
      var many = el.length && !el.tagName ? Array.prototype.slice.call(el) : [el];
      many.forEach(function (one) {
        if (one.type === "checkbox" || one.type === "radio") { if (one.value === pair[1]) one.checked = true; }
        else if (one.type !== "file") one.value = pair[1];
      });
    });
  }

  function startForm(form) {
    form.addEventListener("input", function () { dirty = true; });
    if (isCopy) {  // a kept page: its id was used when it was kept, and its day has passed
      form.elements.client_id.value = newId();
      if (form.elements.occurred_on) form.elements.occurred_on.value = today();
    }
    var wanted = /^#queued=([0-9a-f-]{36})$/.exec(location.hash);
    var correcting = null;
    if (wanted && user) {
      get(wanted[1]).then(function (item) {
        if (!item || item.user !== user) return;
        correcting = item;
        form.elements.client_id.value = item.client_id;
        fill(form, item);
        if (item.errors) showErrors(form, item.errors);
      });
    }
    form.addEventListener("submit", function (event) {
      if (!user || (navigator.onLine && !correcting)) return;  // the browser sends it as usual
      event.preventDefault();
      dirty = false;
      queueForm(form, event.submitter).then(function (item) {
        if (!navigator.onLine) {
          say(form, word("kept"));
          askForSync();
          if (!correcting) {
            form.reset();
            form.elements.client_id.value = newId();
            form.querySelectorAll("[data-offline-error]").forEach(function (el) { el.remove(); });
          }
          return;
        }
        return sendAll(user).then(function () { return get(item.client_id); }).then(function (now) {
          if (now && now.state === "sent") location.assign(now.entry_url);
          else if (now && now.errors) showErrors(form, now.errors);
          else say(form, word("kept"));
        });
      }).catch(function () { say(form, word("not_kept")); });
    });
  }

  /* The list of entries kept on this phone (the pupil's home page). */
  function render() {
    if (!panel || !user) return Promise.resolve();
    return all(user).then(function (items) {
      var list = panel.querySelector("[data-offline-list]");
      var recent = items.filter(function (i) { return i.state !== "sent" || Date.now() - i.sent_at < 864e5; });
      panel.hidden = !recent.length;
      list.innerHTML = "";
      recent.forEach(function (item) {
        var li = document.createElement("li");
        li.className = "queued queued-" + item.state;
        li.setAttribute("data-client-id", item.client_id);
        var name = document.createElement("strong");
        name.textContent = item.label;
        var state = document.createElement("span");
        state.className = "queue-state";
        state.setAttribute("data-state", item.state);
        state.innerHTML = word(item.state);
        li.append(name, " ", state);
        if (item.state === "attention" && item.errors) {
          var why = document.createElement("span");
          why.className = "meta";
          why.textContent = Object.keys(item.errors).map(function (k) { return item.errors[k].join(" "); }).join(" ");
          li.append(" ", why);
        }
        var link = null;
        if (item.state === "sent") { link = document.createElement("a"); link.href = item.entry_url; link.innerHTML = word("open"); }
        else if (item.state === "attention") { link = document.createElement("a"); link.href = item.action + "#queued=" + item.client_id; link.innerHTML = word("correct"); }
        else if (item.state === "signin") { link = document.createElement("a"); link.href = "/sign-in?next=/"; link.innerHTML = word("sign_in"); }
        if (link) li.append(" ", link);
        list.append(li);
      });
      var waiting = items.filter(function (i) { return i.state !== "sent"; }).length;
      var count = panel.querySelector("[data-offline-count]");
      if (count) count.textContent = waiting;
    });
  }

  /* Signing out on a shared phone: warn about entries not sent, then forget everything. */
  function forgetEverything() {
    var jobs = [clear()];
    if (global.caches) {
      jobs.push(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("pages-") === 0 || n === "offline-meta"; })
          .map(function (n) { return caches.delete(n); }));
      }));
    }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
    return Promise.all(jobs);
  }

  document.querySelectorAll('form[action$="/sign-out"]').forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      all(user).catch(function () { return []; }).then(function (items) {
        var unsent = items.filter(function (i) { return i.state !== "sent"; }).length;
        if (unsent && !global.confirm(text("sign_out_warning").replace("{n}", unsent))) return;
        return forgetEverything().catch(function () {}).then(function () { form.submit(); });
      });
    });
  });

  recordForms().forEach(startForm);
  if (panel) {
    var button = panel.querySelector("[data-offline-send]");
    if (button) button.addEventListener("click", sendNow);
  }
  global.addEventListener("online", function () { showConnection(); sendNow(); });
  global.addEventListener("offline", showConnection);
  showConnection();
  render().then(sendNow).catch(function () {});
})(self);
